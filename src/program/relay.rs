//! The rule of a partner's words: what someone writes on the thread the partners share
//! (the introduction, a nudge, a message passed on) that is neither a report nor a command
//! goes on to their partner at once. Mail to the program alone (a reply to a prompt, a new
//! message) never does: it may speak of the partner.

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
    /// Only logged, for this reason.
    Keep(Kept),
}

/// Why a conversation message is only logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// It was written to the program alone.
    ToProgram,
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
            Kept::ToProgram => "written to the program, not on the pair's shared thread",
            Kept::PartnerCopied => "the partner was a recipient already",
            Kept::NothingNew => "nothing new to pass on",
            Kept::PartnerUnreachable => "mail to the partner is bouncing or stopped",
            Kept::Repeated => "the same words went on to the partner in the last days",
            Kept::TooMany => "the day's limit of messages passed on was reached",
        }
    }
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
    if !w.shared {
        return PassOn::Keep(Kept::ToProgram);
    }
    if !w.words {
        return PassOn::Keep(Kept::NothingNew);
    }
    if w.partner_copied {
        return PassOn::Keep(Kept::PartnerCopied);
    }
    if w.repeated {
        return PassOn::Keep(Kept::Repeated);
    }
    if w.passed_today >= RELAYS_A_DAY {
        return PassOn::Keep(Kept::TooMany);
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
            (
                Written {
                    shared: false,
                    ..base
                },
                keep(Kept::ToProgram),
            ),
            (
                Written {
                    shared: false,
                    words: false,
                    ..base
                },
                keep(Kept::ToProgram),
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
