//! The rule of a humane cadence: when a person is asked how their pairing goes, and which
//! scheduled mail waits for another day.
//!
//! - A person is prompted at most once every `prompt_every_weeks` (their cadence), in one
//!   email about every partner it is due for: its reply address is the pair asked about
//!   longest ago (`first_to_ask`), and each other partner is asked about at their own
//!   pair's address in the same email.
//! - A pair is first asked about one cadence after it was made (time to meet first), and not
//!   at all while it reported within the cadence: the prompt would ask what they just told.
//! - No prompt goes on a round day: the round may end the pair, and brings its own mail.
//! - No one gets a prompt or a nudge on a day they already had program mail (an
//!   introduction, a digest, a notice); it waits for the next occurrence. Answers to their own
//!   mail (confirmations, command answers) and their partner's words do not count.

use chrono::NaiveDate;

use crate::vocab::EmailKind;

/// What the rule needs to know about one person and one of their pairs on a prompt day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromptFacts {
    /// The person's day.
    pub today: NaiveDate,
    /// The cadence, in days; 0 turns it off: a prompt at every occurrence of the
    /// schedule, whatever else happened.
    pub every_days: i64,
    /// The day the pair was made.
    pub paired: NaiveDate,
    /// The last prompt to this person, about any pair.
    pub last_prompt: Option<NaiveDate>,
    /// The last report of this pair, by either partner.
    pub last_report: Option<NaiveDate>,
    /// The person already had program mail today.
    pub mail_today: bool,
    /// A pairing round runs today: its introductions and notices come instead.
    pub round_day: bool,
}

/// Why no prompt goes today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotYet {
    /// The pair is younger than one cadence.
    NewPair,
    /// The person was prompted within the cadence.
    Prompted,
    /// The pair reported within the cadence.
    Reported,
    /// The person already had program mail today.
    MailToday,
    /// A round runs today, which may end the pair and brings its own mail.
    RoundDay,
}

/// Whether the person is asked about the pair today.
///
/// # Errors
/// `NotYet` with the reason when not.
pub fn prompt_due(f: PromptFacts) -> Result<(), NotYet> {
    if f.every_days == 0 {
        return Ok(());
    }
    // NOTE: a day's slack, so a weekly cron lands on the cadence even when a prompt went out
    // a day late (caught up after downtime, or deferred by another email).
    let within = |day: NaiveDate| (f.today - day).num_days() < quiet_days(f.every_days);
    if within(f.paired) {
        return Err(NotYet::NewPair);
    }
    if f.last_prompt.is_some_and(within) {
        return Err(NotYet::Prompted);
    }
    if f.last_report.is_some_and(within) {
        return Err(NotYet::Reported);
    }
    if f.mail_today {
        return Err(NotYet::MailToday);
    }
    if f.round_day {
        return Err(NotYet::RoundDay);
    }
    Ok(())
}

/// The quiet days after pairing (and after a prompt or a report): a pair made on day D is
/// first asked about at a prompt time on D + this many days or later. One cadence less a
/// day's slack; 0 when the cadence is off.
pub fn quiet_days(every_days: i64) -> i64 {
    (every_days - 1).max(0)
}

/// Days of silence after which a pair is nudged: `nudge_after_days`, but never before two
/// whole cadences went by without a word (a pair asked every two weeks that misses one
/// answer is not stuck; one that misses two may be).
pub fn nudge_after(nudge_after_days: u32, every_days: i64) -> i64 {
    i64::from(nudge_after_days).max(2 * every_days)
}

/// Of a person's pairs due a prompt, with the day each was last asked about (`None`:
/// never), the one to ask about: never asked first, then the one asked longest ago, then
/// the older pair (lower id).
pub fn first_to_ask(due: &[(i64, Option<NaiveDate>)]) -> Option<i64> {
    due.iter()
        .min_by_key(|(pair, asked)| (asked.is_some(), *asked, *pair))
        .map(|(pair, _)| *pair)
}

/// Whether an email of `kind` counts as the day's program mail. Answers to a person's own
/// mail and a partner's relayed words do not: they are what the person asked for; nor do the
/// coordinator's digest and final report, which no participant gets.
pub fn counts_as_program_mail(kind: EmailKind) -> bool {
    !matches!(
        kind,
        EmailKind::Confirmation
            | EmailKind::Command
            | EmailKind::Challenge
            | EmailKind::Relay
            | EmailKind::HrDigest
            | EmailKind::FinalReport
            | EmailKind::Forward
            | EmailKind::JoinRequest
            | EmailKind::JoinConfirm
            | EmailKind::JoinDeclined
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_new_pair_is_quiet_for_one_cadence_less_a_day() {
        for (every_days, quiet) in [(14, 13), (7, 6), (28, 27), (1, 0), (0, 0)] {
            assert_eq!(quiet_days(every_days), quiet, "every {every_days} days");
        }
        let paired = day("2027-01-04");
        let facts = |today: &str| PromptFacts {
            today: day(today),
            every_days: 14,
            paired,
            last_prompt: None,
            last_report: None,
            mail_today: false,
            round_day: false,
        };
        assert_eq!(prompt_due(facts("2027-01-16")), Err(NotYet::NewPair));
        assert_eq!(prompt_due(facts("2027-01-17")), Ok(()), "paired + 13 days");
    }

    #[test]
    fn a_person_is_asked_once_a_cadence_and_not_after_a_report_or_other_mail() {
        let base = PromptFacts {
            today: day("2027-01-18"),
            every_days: 14,
            paired: day("2026-11-02"),
            last_prompt: Some(day("2027-01-04")),
            last_report: Some(day("2026-12-20")),
            mail_today: false,
            round_day: false,
        };
        let table = [
            (base, Ok(())),
            (
                PromptFacts {
                    last_prompt: None,
                    last_report: None,
                    ..base
                },
                Ok(()),
            ),
            // A day late last time still leaves this Monday on the cadence.
            (
                PromptFacts {
                    last_prompt: Some(day("2027-01-05")),
                    ..base
                },
                Ok(()),
            ),
            (
                PromptFacts {
                    last_prompt: Some(day("2027-01-11")),
                    ..base
                },
                Err(NotYet::Prompted),
            ),
            (
                PromptFacts {
                    paired: day("2027-01-11"),
                    last_prompt: None,
                    ..base
                },
                Err(NotYet::NewPair),
            ),
            (
                PromptFacts {
                    paired: day("2027-01-04"),
                    last_prompt: None,
                    ..base
                },
                Ok(()),
            ),
            (
                PromptFacts {
                    last_report: Some(day("2027-01-14")),
                    ..base
                },
                Err(NotYet::Reported),
            ),
            (
                PromptFacts {
                    mail_today: true,
                    ..base
                },
                Err(NotYet::MailToday),
            ),
            (
                PromptFacts {
                    round_day: true,
                    ..base
                },
                Err(NotYet::RoundDay),
            ),
            // No cadence: the schedule alone decides.
            (
                PromptFacts {
                    every_days: 0,
                    paired: day("2027-01-17"),
                    last_prompt: Some(day("2027-01-17")),
                    last_report: Some(day("2027-01-17")),
                    mail_today: true,
                    round_day: true,
                    ..base
                },
                Ok(()),
            ),
            (
                PromptFacts {
                    every_days: 7,
                    last_prompt: Some(day("2027-01-11")),
                    ..base
                },
                Ok(()),
            ),
        ];
        for (facts, expected) in table {
            assert_eq!(prompt_due(facts), expected, "{facts:?}");
        }
    }

    #[test]
    fn a_pair_is_nudged_after_two_silent_cadences_or_the_configured_days() {
        assert_eq!(nudge_after(14, 14), 28);
        assert_eq!(nudge_after(14, 7), 14);
        assert_eq!(nudge_after(40, 14), 40);
    }

    #[test]
    fn with_two_partners_the_one_asked_about_longest_ago_comes_first() {
        let d = day;
        assert_eq!(first_to_ask(&[]), None);
        assert_eq!(
            first_to_ask(&[(4, Some(d("2027-01-04"))), (7, None)]),
            Some(7)
        );
        assert_eq!(
            first_to_ask(&[(4, Some(d("2027-01-04"))), (7, Some(d("2026-12-21")))]),
            Some(7)
        );
        assert_eq!(first_to_ask(&[(9, None), (4, None)]), Some(4));
    }

    #[test]
    fn answers_and_a_partners_words_are_not_the_days_program_mail() {
        let counted = [
            EmailKind::Intro,
            EmailKind::Prompt,
            EmailKind::Nudge,
            EmailKind::ParticipantDigest,
            EmailKind::Closing,
            EmailKind::PartnerLeft,
            EmailKind::PartnerPaused,
            EmailKind::CancelledAgain,
            EmailKind::MeetingCancelled,
            EmailKind::Unmatched,
            EmailKind::EndingSoon,
            EmailKind::PauseEnded,
            EmailKind::JoinApproved,
        ];
        let not = [
            EmailKind::Confirmation,
            EmailKind::Command,
            EmailKind::Challenge,
            EmailKind::Relay,
            EmailKind::HrDigest,
            EmailKind::FinalReport,
            EmailKind::Forward,
            EmailKind::JoinRequest,
            EmailKind::JoinConfirm,
            EmailKind::JoinDeclined,
        ];
        assert_eq!(
            counted.len() + not.len(),
            EmailKind::ALL.len(),
            "every kind is listed"
        );
        assert!(counted.into_iter().all(counts_as_program_mail));
        assert!(!not.into_iter().any(counts_as_program_mail));
    }
}
