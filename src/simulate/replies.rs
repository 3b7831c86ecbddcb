//! Owns the synthetic participants of `upward simulate`: who they are (some reply with the
//! form, some in free text, some in German or French, some never; one says STOP, one has an
//! out-of-office, one address bounces, one cancels their first two meetings and their
//! partner says so too; mentors who answer with the form or in free text reply to their
//! introduction with one to three goals and to the closing with how far they got) and the
//! raw bytes of their replies, shaped like real mail clients' (quoted history, signatures,
//! HTML-only). Pure and deterministic for a seed.

use chrono::{DateTime, Duration, FixedOffset, Utc};

/// A small deterministic generator (SplitMix64): the same seed gives the same program.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = items.len() as u64;
        items.get(usize::try_from(self.below(n)).unwrap_or(0))
    }
}

/// How a synthetic participant behaves for the whole program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persona {
    /// Fills in the reply form.
    Form,
    /// Answers in a sentence or two, English.
    FreeText,
    /// Answers in German (Outlook style, quoted header block).
    German,
    /// Answers in French (Apple Mail style, "a écrit").
    French,
    /// Replies with HTML only (a webmail).
    HtmlOnly,
    /// Never answers.
    Silent,
    /// Answers STOP to the first prompt.
    Stopper,
    /// Has an out-of-office responder that answers everything.
    OutOfOffice,
    /// Their mailbox does not exist: every message bounces.
    Bouncing,
    /// Cancels the first two meetings ("I had to cancel"), then answers with the form.
    Canceller,
    /// The partner of the [`Persona::Canceller`] (given at the introduction, unless that
    /// partner is special already): says the partner cancelled ("Sophie had to cancel") to
    /// the first two prompts, then answers with the form.
    PartnerOfCanceller,
}

impl Persona {
    /// One of the personas placed once in a program (not drawn at random).
    pub fn is_special(self) -> bool {
        matches!(
            self,
            Persona::Stopper
                | Persona::OutOfOffice
                | Persona::Bouncing
                | Persona::Canceller
                | Persona::PartnerOfCanceller
        )
    }

    /// Whether this persona, on the `mentor` side, answers the introduction with goals and
    /// the closing with how far the pair got.
    pub fn sets_goals(self, mentor: bool) -> bool {
        mentor && matches!(self, Persona::Form | Persona::FreeText)
    }
}

/// Assigns personas to `n` participants: mostly repliers, a few silent, exactly one
/// stopper, one out-of-office, one bouncing address and one canceller when there are
/// enough people.
pub fn personas(n: usize, rng: &mut Rng) -> Vec<Persona> {
    let regular = [
        Persona::Form,
        Persona::Form,
        Persona::FreeText,
        Persona::FreeText,
        Persona::German,
        Persona::French,
        Persona::HtmlOnly,
        Persona::Silent,
    ];
    let mut out: Vec<Persona> = (0..n)
        .map(|_| *rng.pick(&regular).unwrap_or(&Persona::Form))
        .collect();
    let specials = [Persona::Stopper, Persona::OutOfOffice, Persona::Bouncing];
    if n >= 8 {
        for (i, p) in specials.iter().enumerate() {
            // Spread the special ones over the list, deterministically.
            let at = (i * n / specials.len() + 2) % n;
            out[at] = *p;
        }
        // The canceller comes after them, on the first place left.
        let mut at = (n * 5 / 6 + 1) % n;
        while out[at].is_special() {
            at = (at + 1) % n;
        }
        out[at] = Persona::Canceller;
    }
    out
}

/// What a reply answers: the prompt as it was sent.
#[derive(Debug, Clone)]
pub struct Prompted<'a> {
    /// The participant's own address and name.
    pub from_email: &'a str,
    pub from_name: &'a str,
    /// The partner's first name, for free text.
    pub partner: &'a str,
    /// The Reply-To address of the prompt (with its token).
    pub reply_to: &'a str,
    /// The prompt's From header value.
    pub program_from: &'a str,
    pub message_id: &'a str,
    pub subject: &'a str,
    /// When the prompt was sent.
    pub sent: DateTime<Utc>,
    /// The participant's UTC offset at reply time, for the Date header.
    pub offset: FixedOffset,
    /// Topics the pair may talk about.
    pub topics: &'a [String],
}

/// A reply generated for a prompt, with the time it arrives.
#[derive(Debug, Clone)]
pub struct Reply {
    pub at: DateTime<Utc>,
    pub raw: Vec<u8>,
    /// Whether the text says they met (for the simulation's own tally).
    pub met: Option<bool>,
}

fn header_block(p: &Prompted<'_>, at: DateTime<Utc>, id: u64, subject: &str) -> String {
    let date = at.with_timezone(&p.offset).to_rfc2822();
    format!(
        "From: {} <{}>\r\nTo: {}\r\nSubject: {subject}\r\nDate: {date}\r\nMessage-ID: <sim.{id:016x}@mail.example>\r\nIn-Reply-To: {}\r\nReferences: {}\r\nMIME-Version: 1.0\r\n",
        p.from_name, p.from_email, p.reply_to, p.message_id, p.message_id
    )
}

/// The line a mail client writes above the quoted program mail.
fn attribution(p: &Prompted<'_>) -> String {
    format!(
        "On {}, {} wrote:\r\n",
        p.sent
            .with_timezone(&p.offset)
            .format("%a, %b %-d, %Y at %H:%M"),
        p.program_from
    )
}

/// The reply `persona` sends to prompt `p` (`round` counts prompts so far), if any.
pub fn reply(persona: Persona, p: &Prompted<'_>, round: u32, rng: &mut Rng) -> Option<Reply> {
    let delay = Duration::minutes(i64::try_from(30 + rng.below(60 * 30)).unwrap_or(60));
    let at = p.sent + delay;
    let id = rng.next_u64();
    let re = format!("Re: {}", p.subject);
    let met = rng.chance(75);
    let minutes = *rng.pick(&[30u32, 45, 45, 60, 60, 90]).unwrap_or(&45);
    let rating = 3 + rng.below(3);
    let topic = rng
        .pick(p.topics)
        .cloned()
        .unwrap_or_else(|| "career path".to_string());
    let day = at.with_timezone(&p.offset).date_naive() - Duration::days(1);
    let quoted = format!(
        "{}> How did your time with {} go this week?\r\n> Met: \r\n> Minutes: \r\n",
        attribution(p),
        p.partner
    );
    let text = |body: String| -> Vec<u8> {
        format!(
            "{}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}",
            header_block(p, at, id, &re)
        )
        .into_bytes()
    };
    let (raw, met) = match persona {
        Persona::Silent => return None,
        Persona::Bouncing => return None,
        Persona::Stopper if round == 0 => (text(format!("STOP\r\n\r\n{quoted}")), None),
        Persona::Stopper => return None,
        Persona::OutOfOffice => {
            let raw = format!(
                "From: {} <{}>\r\nTo: {}\r\nSubject: Automatic reply: {}\r\nDate: {}\r\nMessage-ID: <ooo.{id:016x}@mail.example>\r\nAuto-Submitted: auto-replied\r\nX-Autoreply: yes\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nI am out of the office until next week with limited access to email.\r\n",
                p.from_name,
                p.from_email,
                p.reply_to,
                p.subject,
                (p.sent + Duration::minutes(1))
                    .with_timezone(&p.offset)
                    .to_rfc2822()
            );
            return Some(Reply {
                at: p.sent + Duration::minutes(1),
                raw: raw.into_bytes(),
                met: None,
            });
        }
        Persona::Canceller if round < 2 => (
            text(format!(
                "Met: no\r\nNotes: I had to cancel, sorry, a deadline came up.\r\n\r\n{quoted}"
            )),
            Some(false),
        ),
        Persona::PartnerOfCanceller if round < 2 => (
            text(format!(
                "Met: no\r\nNotes: {} had to cancel this time.\r\n\r\n{quoted}",
                p.partner
            )),
            Some(false),
        ),
        Persona::Form | Persona::Canceller | Persona::PartnerOfCanceller if met => (
            text(format!(
                "Met: yes\r\nDate: {day}\r\nMinutes: {minutes}\r\nTopics: {topic}\r\nRating 1-5: {rating}\r\nNotes: {}\r\n\r\n{quoted}",
                rng.pick(&["Good talk.", "Learned a lot.", "Short but useful."])
                    .unwrap_or(&"")
            )),
            Some(true),
        ),
        Persona::Form | Persona::Canceller | Persona::PartnerOfCanceller => (
            text(format!(
                "Met: no\r\nNotes: busy week, next time.\r\n\r\n{quoted}"
            )),
            Some(false),
        ),
        Persona::FreeText if met => (
            text(format!(
                "We met yesterday for about {minutes} minutes and talked about {topic}. {} I'd give it {rating}/5.\r\n\r\nThanks,\r\n{}\r\n\r\n{quoted}",
                rng.pick(&[
                    "It was really helpful.",
                    "Great conversation.",
                    "Fun session."
                ])
                .unwrap_or(&""),
                p.from_name
            )),
            Some(true),
        ),
        Persona::FreeText => (
            text(format!(
                "We didn't manage to meet this week, it was a busy one for both of us.\r\n\r\n{quoted}"
            )),
            Some(false),
        ),
        Persona::German if met => (
            text(format!(
                "Wir haben uns gestern getroffen, etwa {minutes} Minuten, Thema: {topic}. Bewertung: {rating}/5\r\n\r\nViele Grüße\r\n{}\r\n\r\nVon: {}\r\nGesendet: {}\r\nAn: {}\r\nBetreff: {}\r\n\r\nHow did your time with {} go?\r\n",
                p.from_name,
                p.program_from,
                p.sent.format("%d.%m.%Y %H:%M"),
                p.from_email,
                p.subject,
                p.partner
            )),
            Some(true),
        ),
        Persona::German => (
            text(format!(
                "Wir haben es diese Woche leider nicht geschafft.\r\n\r\n{quoted}"
            )),
            Some(false),
        ),
        Persona::French if met => (
            text(format!(
                "Nous nous sommes vus hier pendant {minutes} minutes, sujet : {topic}. Note : {rating}/5\r\n\r\nEnvoyé de mon iPhone\r\n\r\nLe {}, {} a écrit :\r\n> How did your time with {} go?\r\n",
                p.sent.format("%d/%m/%Y à %H:%M"),
                p.program_from,
                p.partner
            )),
            Some(true),
        ),
        Persona::French => (
            text(format!(
                "On n'a pas réussi à se voir cette semaine.\r\n\r\n{quoted}"
            )),
            Some(false),
        ),
        Persona::HtmlOnly => {
            let body = if met {
                format!(
                    "<div>Met: yes<br>Minutes: {minutes}<br>Topics: {topic}<br>Rating: {rating}</div><div class=\"gmail_quote\">On {} wrote:<blockquote>How did it go?</blockquote></div>",
                    p.sent.format("%a, %b %-d, %Y")
                )
            } else {
                "<div>Met: no, maybe next week.</div><blockquote>How did it go?</blockquote>"
                    .to_string()
            };
            let raw = format!(
                "{}Content-Type: text/html; charset=utf-8\r\n\r\n<html><body>{body}</body></html>\r\n",
                header_block(p, at, id, &re)
            );
            (raw.into_bytes(), Some(met))
        }
    };
    Some(Reply { at, raw, met })
}

/// Goals a pair may set, one to three of them in this order.
pub const GOALS: [&str; 5] = [
    "Use an AI tool on one real task each week",
    "Post one short video for the team",
    "Turn the monthly spreadsheet into a Python script",
    "Give a five-minute talk at the all-hands",
    "Write a plan for the next quarter together",
];

/// How far a pair got with a goal, as the closing asks it.
const OUTCOMES: [&str; 3] = ["reached", "partly", "not yet"];

/// A plain-text reply to `p` arriving at `at`, with the program's mail quoted under it.
fn plain(p: &Prompted<'_>, at: DateTime<Utc>, id: u64, body: &str) -> Vec<u8> {
    let quoted = format!("{}> {}\r\n", attribution(p), p.subject);
    format!(
        "{}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n\r\nThanks,\r\n{}\r\n\r\n{quoted}",
        header_block(p, at, id, &format!("Re: {}", p.subject)),
        p.from_name
    )
    .into_bytes()
}

/// A goal-setting mentor's answer to the introduction `p`: one to three `Goal:` lines and
/// nothing else to pass on; with how many goals it sets.
pub fn goals_reply(p: &Prompted<'_>, rng: &mut Rng) -> (Reply, usize) {
    let at = p.sent + Duration::hours(i64::try_from(2 + rng.below(46)).unwrap_or(24));
    let id = rng.next_u64();
    let n = usize::try_from(1 + rng.below(3)).unwrap_or(1);
    let lines: Vec<String> = GOALS.iter().take(n).map(|g| format!("Goal: {g}")).collect();
    let raw = plain(p, at, id, &lines.join("\r\n"));
    (Reply { at, raw, met: None }, n)
}

/// The answer of a mentor whose pair set `goals` goals to the closing `p`: how far they
/// got with each (`Goal 1: reached`).
pub fn outcomes_reply(p: &Prompted<'_>, goals: usize, rng: &mut Rng) -> Reply {
    let at = p.sent + Duration::hours(i64::try_from(1 + rng.below(30)).unwrap_or(24));
    let id = rng.next_u64();
    let lines: Vec<String> = (1..=goals)
        .map(|n| format!("Goal {n}: {}", rng.pick(&OUTCOMES).unwrap_or(&"reached")))
        .collect();
    Reply {
        at,
        raw: plain(p, at, id, &lines.join("\r\n")),
        met: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompted(topics: &[String]) -> Prompted<'_> {
        Prompted {
            from_email: "ann@acme.example",
            from_name: "Ann Lee",
            partner: "Bob",
            reply_to: "mentoring+abc@acme.example",
            program_from: "Mentoring <mentoring@acme.example>",
            message_id: "<p1@acme.example>",
            subject: "How did your session go?",
            sent: DateTime::parse_from_rfc3339("2027-03-01T09:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            offset: FixedOffset::east_opt(3600).unwrap(),
            topics,
        }
    }

    /// What the inbound pipeline knows when it reads a reply: the day after the prompt.
    fn context() -> crate::inbound::Context {
        crate::inbound::Context::standalone(
            DateTime::parse_from_rfc3339("2027-03-02T09:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        )
    }

    #[test]
    fn the_same_seed_gives_the_same_replies() {
        let topics = vec!["ai tools".to_string()];
        let a: Vec<_> = (0..20)
            .map(|i| {
                let mut rng = Rng::new(7 + i);
                reply(Persona::Form, &prompted(&topics), 1, &mut rng).map(|r| r.raw)
            })
            .collect();
        let b: Vec<_> = (0..20)
            .map(|i| {
                let mut rng = Rng::new(7 + i);
                reply(Persona::Form, &prompted(&topics), 1, &mut rng).map(|r| r.raw)
            })
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn every_persona_produces_what_it_promises() {
        let topics = vec!["ai tools".to_string()];
        let mut rng = Rng::new(1);
        assert!(reply(Persona::Silent, &prompted(&topics), 0, &mut rng).is_none());
        let stop = reply(Persona::Stopper, &prompted(&topics), 0, &mut rng).unwrap();
        assert!(String::from_utf8_lossy(&stop.raw).contains("\r\n\r\nSTOP\r\n"));
        assert!(reply(Persona::Stopper, &prompted(&topics), 1, &mut rng).is_none());
        let ooo = reply(Persona::OutOfOffice, &prompted(&topics), 0, &mut rng).unwrap();
        assert!(String::from_utf8_lossy(&ooo.raw).contains("Auto-Submitted: auto-replied"));
        let people = personas(24, &mut rng);
        for special in [
            Persona::Stopper,
            Persona::OutOfOffice,
            Persona::Bouncing,
            Persona::Canceller,
        ] {
            assert_eq!(
                people.iter().filter(|p| **p == special).count(),
                1,
                "{special:?}"
            );
        }
    }

    #[test]
    fn replies_parse_and_carry_what_the_persona_said() {
        use crate::inbound::inspect;
        let topics = vec!["ai tools".to_string()];
        let ctx = context();
        for persona in [
            Persona::Form,
            Persona::FreeText,
            Persona::German,
            Persona::French,
            Persona::HtmlOnly,
        ] {
            for seed in 0..6 {
                let mut rng = Rng::new(seed);
                let r = reply(persona, &prompted(&topics), 1, &mut rng).unwrap();
                let got = inspect(&r.raw, &ctx);
                let met = got.session.as_ref().and_then(|s| s.met);
                assert_eq!(
                    met,
                    r.met,
                    "{persona:?} seed {seed}: {}",
                    String::from_utf8_lossy(&r.raw)
                );
                let text = got.text.unwrap_or_default();
                assert!(!text.contains("How did"), "{persona:?}: quote kept: {text}");
            }
        }
    }

    #[test]
    fn the_canceller_pair_names_the_side_and_goals_and_outcomes_parse() {
        use crate::config::Role;
        use crate::inbound::goals::goals_in;
        use crate::inbound::inspect;
        use crate::program::cancel::who_cancelled;
        let topics = vec!["ai tools".to_string()];
        let ctx = context();
        let text = |raw: &[u8]| inspect(raw, &ctx).text.unwrap_or_default();
        let mut rng = Rng::new(3);
        let mut partner = prompted(&topics);
        partner.partner = "Sophie";
        for round in 0..2 {
            let own = reply(Persona::Canceller, &prompted(&topics), round, &mut rng).unwrap();
            assert_eq!(own.met, Some(false));
            assert_eq!(
                who_cancelled(&text(&own.raw), Role::Mentee, "Lea"),
                Some(Role::Mentee)
            );
            let theirs = reply(Persona::PartnerOfCanceller, &partner, round, &mut rng).unwrap();
            assert_eq!(
                who_cancelled(&text(&theirs.raw), Role::Mentor, "Sophie"),
                Some(Role::Mentee)
            );
        }
        // Then they answer as the form does.
        let later = reply(Persona::Canceller, &prompted(&topics), 2, &mut rng).unwrap();
        assert!(!text(&later.raw).contains("had to cancel"));

        for seed in 0..6 {
            let mut rng = Rng::new(seed);
            let (r, n) = goals_reply(&prompted(&topics), &mut rng);
            let said = goals_in(&text(&r.raw));
            assert_eq!(said.set.len(), n, "{}", String::from_utf8_lossy(&r.raw));
            assert!(said.only, "{said:?}");
            let r = outcomes_reply(&prompted(&topics), n, &mut rng);
            let said = goals_in(&text(&r.raw));
            assert_eq!(
                said.outcomes.len(),
                n,
                "{}",
                String::from_utf8_lossy(&r.raw)
            );
        }
    }
}
