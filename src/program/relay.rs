//! The rule of a person's words that are neither a report nor a command: what someone
//! writes on the thread the partners share (the introduction, a nudge, a message passed on)
//! goes on to their partner at once. Mail to the program alone (a reply to a prompt, a new
//! message) never does, as it may speak of the partner: a person at the program reads it,
//! so it goes to the coordinator at once (a question, a wish to swap partners, a
//! complaint, or words the program could not read), unless it only says thanks or is an
//! away notice.

use std::sync::LazyLock;

use regex::Regex;

use crate::vocab::ParticipantStatus;

/// The facts about one conversation message the rule needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// It answered mail the partners share.
    pub shared: bool,
    /// The partner's status.
    pub partner: ParticipantStatus,
    /// Mail to the partner has been bouncing.
    pub partner_bouncing: bool,
    /// The partner was among its recipients already (a reply to all).
    pub partner_copied: bool,
    /// It says something new or carries files (not only quoted mail).
    pub words: bool,
    /// The same words from the same person went on to this partner in the last
    /// [`REPEAT_DAYS`] days: what an auto-responder sends to every message.
    pub repeated: bool,
    /// Messages from this person that went on to this partner in the last 24 hours.
    pub passed_today: u32,
    /// It only says thanks (or OK): nothing for anyone to answer.
    pub acknowledgement: bool,
    /// It reads as an away notice ("I am out of the office until Monday"): what a
    /// responder that does not mark its mail sends.
    pub away: bool,
    /// It says little besides the pair's goals (which are kept, and the writer told).
    pub goals_only: bool,
}

/// Words passed on once are not passed on again for so many days (two auto-responders
/// would otherwise answer each other's relays for ever).
pub const REPEAT_DAYS: i64 = 7;

/// At most so many messages from one person go on to one partner in 24 hours: a bound on
/// any loop the same-words rule misses (a responder that dates its answers).
pub const RELAYS_A_DAY: u32 = 20;

/// What becomes of the message besides being logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassOn {
    /// Passed on to the partner.
    Relay,
    /// Passed on to the coordinator, who answers the writer.
    Forward,
    /// Only logged, for this reason.
    Keep(Kept),
}

/// Why a conversation message is only logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// It was written to the program alone and only says thanks.
    Thanks,
    /// It was written to the program alone and is an away notice.
    Away,
    /// It was written to the program alone and only sets goals or says how far they got.
    Goals,
    /// The partner has it already.
    PartnerCopied,
    /// Nothing new to pass on.
    NothingNew,
    /// The partner cannot be reached: the writer is told, so they can write directly.
    PartnerUnreachable,
    /// The same words went on recently (an auto-responder): a loop, not a conversation.
    Repeated,
    /// [`RELAYS_A_DAY`] went on already today: HR is told when it first happens.
    TooMany,
}

impl Kept {
    /// Why, as the log says it.
    pub fn reason(self) -> &'static str {
        match self {
            Kept::Thanks => "written to the program; it only says thanks",
            Kept::Away => "written to the program; it reads as an away notice",
            Kept::Goals => "written to the program; it only speaks of the pair's goals",
            Kept::PartnerCopied => "the partner was a recipient already",
            Kept::NothingNew => "nothing new to pass on",
            Kept::PartnerUnreachable => "mail to the partner is bouncing or stopped",
            Kept::Repeated => "the same words went on to the partner in the last days",
            Kept::TooMany => "the day's limit of messages passed on was reached",
        }
    }
}

/// Whether `text` only says thanks or OK ("Thanks!", "ok, noted", "Merci beaucoup"): a
/// few such words (or only an emoji) and no question.
pub fn is_acknowledgement(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "thanks",
        "thank",
        "you",
        "thx",
        "ty",
        "ok",
        "okay",
        "great",
        "cool",
        "noted",
        "perfect",
        "cheers",
        "got",
        "it",
        "will",
        "do",
        "sounds",
        "good",
        "many",
        "much",
        "very",
        "lovely",
        "brilliant",
        "super",
        "fine",
        "merci",
        "beaucoup",
        "danke",
        "schön",
        "gracias",
        "grazie",
        "so",
        "a",
        "lot",
        "again",
        "all",
        "received",
        "understood",
        "sure",
        "yes",
    ];
    if text.contains('?') {
        return false;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        // NOTE: a thumbs-up alone is thanks; an empty message is nothing at all.
        return !text.trim().is_empty();
    }
    words.len() <= 8 && words.iter().all(|w| WORDS.contains(w))
}

/// Phrases of an away notice, in the languages of the templates and a few more.
static AWAY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:out of (?:the )?office|away from (?:the|my) (?:office|desk|e-?mail)",
        r"|(?:limited|no) access to (?:my )?e-?mails?",
        r"|(?:reply|respond|answer|get back to you)\b[^.]{0,40}\b(?:when i(?: am|'m) back|on my return|upon my return|when i return)",
        r"|i(?: am|'m) (?:currently )?(?:away|on (?:vacation|holiday|leave|annual leave|parental leave))",
        r"|automatic reply|auto-?reply",
        r"|absente? du bureau|je suis (?:actuellement )?absente?|à mon retour|réponse automatique",
        r"|nicht im büro|abwesenheitsnotiz|bin (?:derzeit |zurzeit )?(?:nicht im haus|abwesend|im urlaub)|nach meiner rückkehr",
        r"|fuera de la oficina|respuesta automática|a mi regreso|estoy (?:de vacaciones|ausente))",
    ))
    .ok()
});

/// Whether `text` reads as an away notice that a responder sent without marking it as
/// automatic ("Thanks for your email. I am out of the office until Monday."): such a
/// phrase, no question, and short. A person who is away and asks something is answered.
pub fn is_away_notice(text: &str) -> bool {
    if text.contains('?') || text.split_whitespace().count() > 80 {
        return false;
    }
    AWAY.as_ref().is_some_and(|re| re.is_match(text))
}

/// Whether a report written to the program also asks for a person: a question, or words
/// about changing partner, a problem or HR ("we did not meet again; can I swap?").
pub fn asks_for_a_person(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.contains(':'))
        .any(|l| l.contains('?'))
        || ASKS.as_ref().is_some_and(|re| re.is_match(text))
}

/// Words about changing partner, a problem or HR, each from the start of a word ("HR" a
/// word of its own: the German "sehr" or "Jahr" is no call for HR).
static ASKS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:swap|(?:switch|change|new|another|different) partner|complain|problem",
        r"|issue|concern|hr\b|talk to someone|speak to someone|help me|please call|contact me)",
    ))
    .ok()
});

/// Whether a message in which the reader found session facts is a report. Written to the
/// program it is; on the shared thread, where partners plan their meetings ("Tuesday at 3
/// works?"), it is only when it says whether they met or rates the meeting.
pub fn is_report(shared: bool, met_stated: bool, rated: bool) -> bool {
    !shared || met_stated || rated
}

/// Whether a conversation message goes on to the partner. A paused partner still gets it:
/// a pause stops the program's mail, not a partner's own words.
pub fn pass_on(w: Written) -> PassOn {
    if !w.words {
        return PassOn::Keep(Kept::NothingNew);
    }
    if !w.shared && w.acknowledgement {
        return PassOn::Keep(Kept::Thanks);
    }
    if !w.shared && w.away {
        return PassOn::Keep(Kept::Away);
    }
    if !w.shared && w.goals_only {
        return PassOn::Keep(Kept::Goals);
    }
    if w.shared && w.partner_copied {
        return PassOn::Keep(Kept::PartnerCopied);
    }
    if w.repeated {
        return PassOn::Keep(Kept::Repeated);
    }
    if w.passed_today >= RELAYS_A_DAY {
        return PassOn::Keep(Kept::TooMany);
    }
    if !w.shared {
        return PassOn::Forward;
    }
    let reachable = matches!(
        w.partner,
        ParticipantStatus::Active | ParticipantStatus::Paused
    ) && !w.partner_bouncing;
    if reachable {
        PassOn::Relay
    } else {
        PassOn::Keep(Kept::PartnerUnreachable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_that_asks_something_is_told_from_one_that_does_not() {
        for (text, asks) in [
            (
                "Could I swap partners? Bob and I never find a time that works.",
                true,
            ),
            ("We did not meet again. I would like a new partner.", true),
            ("Met: yes\nMinutes: 45\nRating 1-5: 5", false),
            ("We met Tuesday for an hour. Great session!", false),
            ("Met: yes\nNotes: any tips for next time?", false),
            ("We met. Any tips for next time?", true),
            ("There is a problem with my calendar invites.", true),
            ("Can HR find me another partner", true),
            ("I complained twice about the times.", true),
            ("Wir haben uns getroffen, sehr gut. 4 von 5.", false),
            ("Seit einem Jahr arbeite ich mit Excel, um 9 Uhr.", false),
            ("We met and sorted out a tissue of small things.", false),
        ] {
            assert_eq!(asks_for_a_person(text), asks, "{text:?}");
        }
    }

    #[test]
    fn an_unmarked_away_notice_is_told_from_a_person_who_is_away() {
        for (text, away) in [
            (
                "Thanks for your email. I am travelling with limited access to email and will answer when I am back.",
                true,
            ),
            ("I am out of the office until Monday 12 January.", true),
            (
                "I'm currently on parental leave and will reply upon my return.",
                true,
            ),
            ("Je suis absente du bureau jusqu'au 5 janvier.", true),
            (
                "Ich bin derzeit nicht im Büro und ab Montag wieder erreichbar.",
                true,
            ),
            ("Estoy de vacaciones hasta el lunes.", true),
            (
                "I am out of the office next week. Can we move our meeting?",
                false,
            ),
            ("We met on Tuesday and talked about pricing.", false),
            ("Could I swap partners?", false),
            ("", false),
        ] {
            assert_eq!(is_away_notice(text), away, "{text:?}");
        }
    }

    #[test]
    fn thanks_is_told_from_words_that_want_an_answer() {
        for (text, thanks) in [
            ("Thanks!", true),
            ("ok, noted", true),
            ("Thank you so much", true),
            ("Merci beaucoup", true),
            ("👍", true),
            ("", false),
            ("Thanks! Can I swap partners?", false),
            ("Thanks, but I would like to change my partner", false),
            ("My partner never answers my emails", false),
        ] {
            assert_eq!(is_acknowledgement(text), thanks, "{text:?}");
        }
    }

    #[test]
    fn on_the_shared_thread_only_a_meeting_said_or_rated_is_a_report() {
        let table = [
            // (shared, met stated, rated) -> report
            ((false, false, false), true),
            ((false, true, false), true),
            ((true, false, false), false),
            ((true, true, false), true),
            ((true, false, true), true),
        ];
        for ((shared, met, rated), expected) in table {
            assert_eq!(
                is_report(shared, met, rated),
                expected,
                "{shared} {met} {rated}"
            );
        }
    }

    #[test]
    fn words_on_the_shared_thread_reach_a_partner_who_can_read_them() {
        use ParticipantStatus::{Active, Paused, Stopped};
        let base = Written {
            shared: true,
            partner: Active,
            partner_bouncing: false,
            partner_copied: false,
            words: true,
            repeated: false,
            passed_today: 0,
            acknowledgement: false,
            away: false,
            goals_only: false,
        };
        let keep = PassOn::Keep;
        let table = [
            (base, PassOn::Relay),
            (
                Written {
                    partner: Paused,
                    ..base
                },
                PassOn::Relay,
            ),
            // Written to the program alone: a person there reads it, unless it says thanks.
            (
                Written {
                    shared: false,
                    ..base
                },
                PassOn::Forward,
            ),
            (
                Written {
                    shared: false,
                    partner: Stopped,
                    partner_copied: true,
                    ..base
                },
                PassOn::Forward,
            ),
            (
                Written {
                    shared: false,
                    acknowledgement: true,
                    ..base
                },
                keep(Kept::Thanks),
            ),
            (
                Written {
                    shared: false,
                    away: true,
                    ..base
                },
                keep(Kept::Away),
            ),
            (
                Written {
                    shared: false,
                    goals_only: true,
                    ..base
                },
                keep(Kept::Goals),
            ),
            // Goals on the shared thread are for the partner too.
            (
                Written {
                    goals_only: true,
                    ..base
                },
                PassOn::Relay,
            ),
            // An away notice on the shared thread tells the partner why no answer comes.
            (Written { away: true, ..base }, PassOn::Relay),
            (
                Written {
                    shared: false,
                    repeated: true,
                    ..base
                },
                keep(Kept::Repeated),
            ),
            (
                Written {
                    shared: false,
                    words: false,
                    ..base
                },
                keep(Kept::NothingNew),
            ),
            // Thanks on the shared thread is for the partner.
            (
                Written {
                    acknowledgement: true,
                    ..base
                },
                PassOn::Relay,
            ),
            (
                Written {
                    words: false,
                    ..base
                },
                keep(Kept::NothingNew),
            ),
            (
                Written {
                    partner_copied: true,
                    ..base
                },
                keep(Kept::PartnerCopied),
            ),
            (
                Written {
                    partner: Stopped,
                    ..base
                },
                keep(Kept::PartnerUnreachable),
            ),
            (
                Written {
                    partner_bouncing: true,
                    ..base
                },
                keep(Kept::PartnerUnreachable),
            ),
            (
                Written {
                    partner: ParticipantStatus::Forgotten,
                    ..base
                },
                keep(Kept::PartnerUnreachable),
            ),
            (
                Written {
                    repeated: true,
                    ..base
                },
                keep(Kept::Repeated),
            ),
            (
                Written {
                    passed_today: RELAYS_A_DAY - 1,
                    ..base
                },
                PassOn::Relay,
            ),
            (
                Written {
                    passed_today: RELAYS_A_DAY,
                    ..base
                },
                keep(Kept::TooMany),
            ),
        ];
        for (written, expected) in table {
            assert_eq!(pass_on(written), expected, "{written:?}");
        }
    }
}
