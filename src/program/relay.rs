//! The rule of a person's words that are neither a report nor a command: what someone
//! writes on the thread the partners share (the introduction, a nudge, a message passed on)
//! goes on to their partner at once. Mail to the program alone (a reply to a prompt, a new
//! message) never does, as it may speak of the partner: a person at the program reads it,
//! so it goes to the coordinator at once (a question, a wish to swap partners, a
//! complaint, or words the program could not read), unless it only says thanks.

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

/// Whether a report written to the program also asks for a person: a question, or words
/// about changing partner, a problem or HR ("we did not meet again; can I swap?").
pub fn asks_for_a_person(text: &str) -> bool {
    const ASKS: &[&str] = &[
        "swap",
        "switch partner",
        "change partner",
        "new partner",
        "another partner",
        "different partner",
        "complain",
        "complaint",
        "problem",
        "issue",
        "concern",
        "hr ",
        "talk to someone",
        "speak to someone",
        "help me",
        "please call",
        "contact me",
    ];
    let lower = format!("{} ", text.to_lowercase());
    text.lines()
        .filter(|l| !l.contains(':'))
        .any(|l| l.contains('?'))
        || ASKS.iter().any(|a| lower.contains(a))
}

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
        ] {
            assert_eq!(asks_for_a_person(text), asks, "{text:?}");
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
