//! The program core: the rules about people. Given the facts a rule needs, an event and
//! nothing else, [`decide`] returns what changes and what the person is told; it reads and
//! writes nothing, so its rules are tested by tables (below) without SQLite or mail.
//!
//! Whoever sees the event calls it and carries the decision out: `inbound::process` for a
//! command in an email, `unsubscribe` (through `inbound::process::Ingest::unsubscribe_click`)
//! for a one-click unsubscribe, so both follow one rule; the store, inside the transaction
//! that reads the facts, for the session log ([`report`]: corrections, retractions, a
//! report sent again), the bounce score ([`bounce`]) and HR's file ([`roster`]). The other
//! events' rules are the submodules below; ARCHITECTURE.md's event table says who carries
//! each out.

pub mod bounce;
pub mod cadence;
pub mod cancel;
pub mod join;
pub mod relay;
pub mod report;
pub mod roster;

pub use cadence::{
    NotYet, PromptFacts, counts_as_program_mail, first_to_ask, nudge_after, prompt_due, quiet_days,
};
pub use cancel::{Reported, cancelled_in_a_row, note_the_canceller, who_cancelled};
pub use relay::{
    Kept, PassOn, RELAYS_A_DAY, REPEAT_DAYS, Written, asks_for_a_person, is_acknowledgement,
    is_away_notice, is_report, pass_on,
};

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::Config;
use crate::vocab::ParticipantStatus;

/// A participant's command, written alone on the first line of a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandName {
    Pause,
    Resume,
    Skip,
    Rematch,
    Stop,
    ForgetMe,
    Help,
}

impl CommandName {
    /// The command as a person writes it, and as answers name it.
    pub fn word(self) -> &'static str {
        match self {
            CommandName::Pause => "PAUSE",
            CommandName::Resume => "RESUME",
            CommandName::Skip => "SKIP",
            CommandName::Rematch => "REMATCH",
            CommandName::Stop => "STOP",
            CommandName::ForgetMe => "FORGET ME",
            CommandName::Help => "HELP",
        }
    }
}

/// A command alone on the first line of the new text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Command {
    pub name: CommandName,
    /// `PAUSE UNTIL <date>`: the day to resume.
    pub until: Option<NaiveDate>,
    /// What could not be read as a future date (`PAUSE UNTIL <this>`).
    pub problem: Option<String>,
    /// Asked for in sentences ("please unsubscribe me"), not written as the command: a
    /// STOP or REMATCH read so is not carried out until the person writes the word.
    pub asked: bool,
}

/// Something a person did that the program's rules answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// A command in an email we know is theirs (a valid token, or trusted authentication).
    Command(&'a Command),
    /// A one-click unsubscribe (RFC 8058) with a valid token of theirs: a STOP.
    UnsubscribeClick,
}

/// What a rule changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The person leaves: status `stopped`, every pair of theirs ended, and each partner
    /// given a new partner where someone fits. `audit` names the audit-log event, `why` the
    /// pairs' end reason.
    Leave {
        audit: &'static str,
        why: &'static str,
    },
    /// Status `paused`, until the day if given.
    Pause { until: Option<NaiveDate> },
    /// Status `active` again.
    Resume,
    /// The person's next prompt is not sent.
    SkipNextPrompt,
    /// Their current pair ends and both are re-paired where someone fits.
    Rematch,
    /// FORGET ME: nothing is erased on a message's word; the person confirms by answering
    /// an email only their own mailbox receives.
    AskToForget,
}

/// What the person is told, as a fact; `inbound::process` words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The commands there are.
    Help,
    /// They have left; this is the last email.
    Stopped,
    /// They had already left.
    AlreadyStopped,
    /// They left earlier, so `command` changed nothing.
    LeftEarlier { command: CommandName },
    /// PAUSE UNTIL `date`, which is not a future date: nothing changed.
    PauseNotUnderstood { date: String },
    /// Paused, until the day if given.
    Paused { until: Option<NaiveDate> },
    /// Active again.
    Resumed,
    /// RESUME from someone not paused: nothing changed.
    NotPaused,
    /// The next prompt is skipped.
    Skipped,
    /// What REMATCH did, which depends on who is free (the carrier says it).
    Rematched,
    /// STOP or REMATCH asked for in sentences: nothing changed; the person is told what we
    /// read and that the command word, written alone, does it.
    ConfirmFirst { command: CommandName },
}

/// A rule's decision: at most one change, then at most one answer to the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub change: Option<Change>,
    pub reply: Option<Reply>,
}

/// What the rules need to know about the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub status: ParticipantStatus,
}

const STOP: Change = Change::Leave {
    audit: "stopped",
    why: "a participant said STOP",
};

/// The program's answer to `event` from `person`.
pub fn decide(person: Person, event: Event<'_>) -> Decision {
    // A click is a STOP: the same rule, with nothing to read.
    let (name, until, problem, asked) = match event {
        Event::Command(command) => (
            command.name,
            command.until,
            command.problem.as_deref(),
            command.asked,
        ),
        Event::UnsubscribeClick => (CommandName::Stop, None, None, false),
    };
    let stopped = person.status == ParticipantStatus::Stopped;
    let (change, reply) = match name {
        // Someone forgotten is nobody to us: no change, and nothing is sent.
        _ if person.status == ParticipantStatus::Forgotten => (None, None),
        CommandName::Help => (None, Some(Reply::Help)),
        CommandName::Stop if stopped => (None, Some(Reply::AlreadyStopped)),
        // NOTE: leaving cannot be undone by the person, and a pairing ended is ended for
        // the partner too: read from sentences, they are asked back, never done.
        CommandName::Stop if asked => (None, Some(Reply::ConfirmFirst { command: name })),
        CommandName::Stop => (Some(STOP), Some(Reply::Stopped)),
        // The challenge email is the answer.
        CommandName::ForgetMe => (Some(Change::AskToForget), None),
        name if stopped => (None, Some(Reply::LeftEarlier { command: name })),
        CommandName::Pause => match (problem, until) {
            (Some(problem), _) => (
                None,
                Some(Reply::PauseNotUnderstood {
                    date: problem.to_string(),
                }),
            ),
            (None, until) => (Some(Change::Pause { until }), Some(Reply::Paused { until })),
        },
        CommandName::Resume if person.status == ParticipantStatus::Paused => {
            (Some(Change::Resume), Some(Reply::Resumed))
        }
        CommandName::Resume => (None, Some(Reply::NotPaused)),
        CommandName::Skip => (Some(Change::SkipNextPrompt), Some(Reply::Skipped)),
        CommandName::Rematch if asked => (None, Some(Reply::ConfirmFirst { command: name })),
        CommandName::Rematch => (Some(Change::Rematch), Some(Reply::Rematched)),
    };
    Decision { change, reply }
}

/// Whether a pair goes on through a rematch round: it met since the last round (or HR
/// fixed it in the program file) and both can go on (neither paused, stopped nor
/// bouncing). A pair that asked for a new partner (REMATCH) has already ended; a silent
/// pair is re-paired.
pub fn pair_continues(met_since_last_round: bool, fixed_by_hr: bool, both_can_go_on: bool) -> bool {
    (met_since_last_round || fixed_by_hr) && both_can_go_on
}

/// Whether people HR added mid-program are paired at once, leaving every pair alone (the
/// daemon's fill on reload): once the first round was made, and while a round could still
/// start (not within `quiet_weeks` of the end).
pub fn pair_newcomers_now(
    rounds_made: bool,
    today: NaiveDate,
    end: NaiveDate,
    quiet_weeks: u32,
) -> bool {
    rounds_made && today < end - chrono::Duration::weeks(i64::from(quiet_weeks))
}

/// A pause longer than this many days is told to the partner.
pub const PAUSE_TOLD_AFTER_DAYS: i64 = 7;

/// Whether the partner of someone who paused is told: the pause has no end day, or lasts
/// more than [`PAUSE_TOLD_AFTER_DAYS`] (a short one passes without a word).
pub fn partner_told_of_pause(until: Option<NaiveDate>, today: NaiveDate) -> bool {
    until.is_none_or(|day| (day - today).num_days() > PAUSE_TOLD_AFTER_DAYS)
}

/// Why a partner is gone, as their partner hears it: never a private reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Departure {
    /// They left (STOP, an unsubscribe click, a complaint): named, no reason given.
    Left,
    /// They asked to be forgotten: not even named.
    Forgotten,
    /// Mail to them stopped getting through (disabled by bounces): named, and said, since
    /// the partner's own mail to them would not arrive either.
    Unreachable,
}

impl Departure {
    /// Whether the partner is told who it was.
    pub fn named(self) -> bool {
        self != Departure::Forgotten
    }
}

/// What happens next for someone whose partner left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "round", rename_all = "snake_case")]
pub enum Next {
    /// Someone free fits: a new partner now (their introduction comes separately).
    NewPartner,
    /// Nobody free fits now: a new partner at the next round, that day.
    NextRound(NaiveDate),
    /// Nobody fits now and no round is left before the end.
    NoMoreRounds,
}

/// The days rounds run: the start, then every `every_weeks` weeks while more than
/// `quiet_weeks` before the end (a pairing that starts later has no time to work).
pub fn round_days(
    start: NaiveDate,
    end: NaiveDate,
    every_weeks: Option<u32>,
    quiet_weeks: u32,
) -> Vec<NaiveDate> {
    let mut days = vec![start];
    if let Some(weeks) = every_weeks.filter(|w| *w > 0) {
        let step = chrono::Duration::weeks(i64::from(weeks));
        let last = end - chrono::Duration::weeks(i64::from(quiet_weeks));
        let mut day = start + step;
        while day < last {
            days.push(day);
            day += step;
        }
    }
    days
}

/// This program's round days ([`round_days`] of its dates and rematch interval).
pub fn rounds(config: &Config) -> Vec<NaiveDate> {
    round_days(
        config.program.start,
        config.program.end,
        config.pairing.rematch_every_weeks,
        config.pairing.no_round_in_last_weeks,
    )
}

/// At most so many characters of what someone wrote beside a command are kept.
pub const WORDS_KEPT: usize = 300;

/// What someone wrote beside the command on their first line ("STOP" and then "no time
/// this quarter, sorry"), as one line, at most [`WORDS_KEPT`] characters; `None` for the
/// command alone.
pub fn words_beside_command(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    lines.next()?;
    let rest = lines.collect::<Vec<_>>().join(" ");
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    let mut kept: String = rest.chars().take(WORDS_KEPT).collect();
    if kept.len() < rest.len() {
        kept.push('…');
    }
    Some(kept)
}

/// The program's day at `now`, in its own time zone.
pub fn today(config: &Config, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&config.program.timezone).date_naive()
}

/// What the partner of someone who left is told comes next: a new partner when one was
/// found, else the first round after `today`, else nothing more.
pub fn after_partner_left(repaired: bool, rounds: &[NaiveDate], today: NaiveDate) -> Next {
    if repaired {
        return Next::NewPartner;
    }
    next_round(rounds, today)
}

/// The first round after `today`, or none left.
pub fn next_round(rounds: &[NaiveDate], today: NaiveDate) -> Next {
    match rounds.iter().find(|day| **day > today) {
        Some(day) => Next::NextRound(*day),
        None => Next::NoMoreRounds,
    }
}

/// How many days before the end everyone still taking part is told it is near.
pub const ENDING_NOTICE_DAYS: u64 = 14;

/// The day everyone hears that the end is near: [`ENDING_NOTICE_DAYS`] before the end,
/// when that is after the start (a shorter program has no such notice).
pub fn ending_notice_day(start: NaiveDate, end: NaiveDate) -> Option<NaiveDate> {
    end.checked_sub_days(chrono::Days::new(ENDING_NOTICE_DAYS))
        .filter(|day| *day > start)
}

/// The day the final report goes to HR: `after_days` after the end date, so that answers to
/// the closing reflection (sent on the end date) that come in late still count. Never before
/// the end date; a date past the calendar's range stays on the end date.
pub fn final_report_day(end: NaiveDate, after_days: u32) -> NaiveDate {
    end.checked_add_days(chrono::Days::new(u64::from(after_days)))
        .unwrap_or(end)
}

/// Whether the HR digest due on the local day `day` goes out: it covers the seven days
/// before `day`, so none goes before the program's first day has passed, and none after the
/// end date (the final report follows instead).
pub fn hr_digest_goes(start: NaiveDate, end: NaiveDate, day: NaiveDate) -> bool {
    day > start && day <= end
}

/// Whether the program has ended on `today` (the end date is its last day).
pub fn has_ended(end: NaiveDate, today: NaiveDate) -> bool {
    today > end
}

/// Why a round left someone without a partner, in the words a participant is told (never
/// who else was or was not free).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alone {
    /// Nobody on the other side could be paired at this round.
    NobodyFree,
    /// Nobody on the other side fits the program's pairing rules for them.
    NobodyFits,
    /// Everyone who fits already has a partner.
    PartnersTaken,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_beside_a_command_are_kept_on_one_line_and_short() {
        for (text, words) in [
            ("STOP", None),
            ("STOP\n\n", None),
            (
                "STOP\nNo time this quarter, sorry.\nMaybe next year.",
                Some("No time this quarter, sorry. Maybe next year."),
            ),
            ("\n  stop  \n  too busy  ", Some("too busy")),
        ] {
            assert_eq!(words_beside_command(text).as_deref(), words, "{text:?}");
        }
        let long = format!("STOP\n{}", "x".repeat(WORDS_KEPT + 10));
        let kept = words_beside_command(&long).unwrap();
        assert_eq!(kept.chars().count(), WORDS_KEPT + 1);
        assert!(kept.ends_with('…'));
    }

    #[test]
    fn a_partner_hears_of_a_pause_longer_than_a_week_or_without_an_end() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let today = day("2027-03-01");
        assert!(partner_told_of_pause(None, today));
        assert!(partner_told_of_pause(Some(day("2027-03-09")), today));
        assert!(!partner_told_of_pause(Some(day("2027-03-08")), today));
        assert!(!partner_told_of_pause(Some(day("2027-03-03")), today));
    }

    #[test]
    fn newcomers_are_paired_once_rounds_began_and_while_one_could_still_start() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let end = day("2027-04-30");
        assert!(pair_newcomers_now(true, day("2027-02-01"), end, 4));
        assert!(
            !pair_newcomers_now(false, day("2027-02-01"), end, 4),
            "the first round pairs them"
        );
        assert!(
            !pair_newcomers_now(true, day("2027-04-10"), end, 4),
            "too late"
        );
        assert!(pair_newcomers_now(true, day("2027-04-10"), end, 0));
    }

    #[test]
    fn a_pair_goes_on_through_a_round_when_it_met_and_both_can() {
        for (met, fixed, both, goes_on) in [
            (true, false, true, true),
            (false, false, true, false),
            (false, true, true, true),
            (true, false, false, false),
            (true, true, false, false),
            (false, false, false, false),
        ] {
            assert_eq!(
                pair_continues(met, fixed, both),
                goes_on,
                "{met} {fixed} {both}"
            );
        }
    }

    #[test]
    fn rounds_run_from_the_start_every_so_many_weeks_before_the_end() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let (start, end) = (day("2026-11-02"), day("2027-04-30"));
        assert_eq!(round_days(start, end, None, 4), vec![start]);
        assert_eq!(
            round_days(start, end, Some(12), 0),
            vec![start, day("2027-01-25"), day("2027-04-19")]
        );
        // Eleven days before the end is too late to start a pairing.
        assert_eq!(
            round_days(start, end, Some(12), 4),
            vec![start, day("2027-01-25")]
        );
        assert_eq!(round_days(start, end, Some(0), 4), vec![start]);
    }

    #[test]
    fn the_end_is_announced_two_weeks_ahead_when_the_program_is_longer() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            ending_notice_day(day("2026-11-02"), day("2027-04-30")),
            Some(day("2027-04-16"))
        );
        assert_eq!(
            ending_notice_day(day("2027-04-10"), day("2027-04-24")),
            None
        );
        assert_eq!(
            ending_notice_day(day("2027-04-20"), day("2027-04-30")),
            None
        );
    }

    #[test]
    fn the_hr_digest_goes_once_the_first_day_has_passed_and_not_after_the_end() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let (start, end) = (day("2026-11-02"), day("2027-04-30"));
        let cases = [
            ("2026-10-26", false),
            ("2026-11-02", false),
            ("2026-11-03", true),
            ("2026-11-09", true),
            ("2027-04-30", true),
            ("2027-05-03", false),
        ];
        for (on, goes) in cases {
            assert_eq!(hr_digest_goes(start, end, day(on)), goes, "{on}");
        }
    }

    #[test]
    fn the_final_report_waits_the_days_after_the_end_and_never_comes_before_it() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let cases = [
            ("2027-04-30", 7, "2027-05-07"),
            ("2027-04-30", 0, "2027-04-30"),
            ("2027-12-28", 10, "2028-01-07"),
        ];
        for (end, after, due) in cases {
            assert_eq!(
                final_report_day(day(end), after),
                day(due),
                "{end} + {after}"
            );
            assert!(final_report_day(day(end), after) >= day(end));
        }
        let end = day("2027-04-30");
        assert!(!has_ended(end, day("2027-04-29")));
        assert!(
            !has_ended(end, end),
            "the end date is the program's last day"
        );
        assert!(has_ended(end, day("2027-05-01")));
    }

    #[test]
    fn someone_left_alone_by_a_round_hears_of_the_next_one_if_any() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let rounds = [day("2026-11-02"), day("2027-01-25")];
        assert_eq!(
            next_round(&rounds, day("2026-11-02")),
            Next::NextRound(day("2027-01-25"))
        );
        assert_eq!(next_round(&rounds, day("2027-01-25")), Next::NoMoreRounds);
        assert_eq!(next_round(&[], day("2027-01-25")), Next::NoMoreRounds);
    }

    #[test]
    fn the_partner_of_someone_who_left_learns_what_comes_next() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let rounds = [day("2026-11-02"), day("2027-01-25"), day("2027-04-19")];
        // (repaired, today, next)
        let table = [
            (true, "2026-11-20", Next::NewPartner),
            (true, "2027-04-25", Next::NewPartner),
            (false, "2026-11-20", Next::NextRound(day("2027-01-25"))),
            (false, "2027-01-25", Next::NextRound(day("2027-04-19"))),
            (false, "2027-04-19", Next::NoMoreRounds),
            (false, "2027-04-25", Next::NoMoreRounds),
        ];
        for (repaired, today, next) in table {
            assert_eq!(
                after_partner_left(repaired, &rounds, day(today)),
                next,
                "{repaired} {today}"
            );
        }
    }

    fn command(name: CommandName) -> Command {
        Command {
            name,
            until: None,
            problem: None,
            asked: false,
        }
    }

    #[test]
    fn every_command_from_every_status_has_one_decision() {
        use CommandName as C;
        use ParticipantStatus as S;
        let day = NaiveDate::from_ymd_opt(2027, 3, 1);
        let paused = Some(Change::Pause { until: None });
        // (status, command, change, reply)
        let table: &[(S, C, Option<Change>, Option<Reply>)] = &[
            (S::Active, C::Help, None, Some(Reply::Help)),
            (S::Stopped, C::Help, None, Some(Reply::Help)),
            (S::Active, C::Stop, Some(STOP), Some(Reply::Stopped)),
            (S::Paused, C::Stop, Some(STOP), Some(Reply::Stopped)),
            (S::Stopped, C::Stop, None, Some(Reply::AlreadyStopped)),
            (S::Active, C::ForgetMe, Some(Change::AskToForget), None),
            (S::Stopped, C::ForgetMe, Some(Change::AskToForget), None),
            (
                S::Active,
                C::Pause,
                paused,
                Some(Reply::Paused { until: None }),
            ),
            (
                S::Paused,
                C::Pause,
                paused,
                Some(Reply::Paused { until: None }),
            ),
            (
                S::Stopped,
                C::Pause,
                None,
                Some(Reply::LeftEarlier { command: C::Pause }),
            ),
            (
                S::Paused,
                C::Resume,
                Some(Change::Resume),
                Some(Reply::Resumed),
            ),
            (S::Active, C::Resume, None, Some(Reply::NotPaused)),
            (
                S::Stopped,
                C::Resume,
                None,
                Some(Reply::LeftEarlier { command: C::Resume }),
            ),
            (
                S::Active,
                C::Skip,
                Some(Change::SkipNextPrompt),
                Some(Reply::Skipped),
            ),
            (
                S::Active,
                C::Rematch,
                Some(Change::Rematch),
                Some(Reply::Rematched),
            ),
            (
                S::Stopped,
                C::Rematch,
                None,
                Some(Reply::LeftEarlier {
                    command: C::Rematch,
                }),
            ),
        ];
        for (status, name, change, reply) in table {
            let got = decide(Person { status: *status }, Event::Command(&command(*name)));
            assert_eq!(
                got,
                Decision {
                    change: *change,
                    reply: reply.clone()
                },
                "{status} {name:?}"
            );
        }
        let until = Command {
            until: day,
            ..command(C::Pause)
        };
        assert_eq!(
            decide(Person { status: S::Active }, Event::Command(&until)).change,
            Some(Change::Pause { until: day })
        );
        for name in [C::Stop, C::Rematch] {
            let asked = Command {
                asked: true,
                ..command(name)
            };
            assert_eq!(
                decide(Person { status: S::Active }, Event::Command(&asked)),
                Decision {
                    change: None,
                    reply: Some(Reply::ConfirmFirst { command: name }),
                },
                "{name:?} asked in sentences"
            );
        }
        let asked_pause = Command {
            asked: true,
            ..command(C::Pause)
        };
        assert_eq!(
            decide(Person { status: S::Active }, Event::Command(&asked_pause)).change,
            Some(Change::Pause { until: None })
        );
        let unreadable = Command {
            problem: Some("soon".into()),
            ..command(C::Pause)
        };
        assert_eq!(
            decide(Person { status: S::Active }, Event::Command(&unreadable)),
            Decision {
                change: None,
                reply: Some(Reply::PauseNotUnderstood {
                    date: "soon".into()
                })
            }
        );
    }

    #[test]
    fn someone_forgotten_is_neither_changed_nor_answered() {
        for name in [CommandName::Stop, CommandName::Pause, CommandName::Help] {
            assert_eq!(
                decide(
                    Person {
                        status: ParticipantStatus::Forgotten
                    },
                    Event::Command(&command(name))
                ),
                Decision {
                    change: None,
                    reply: None
                }
            );
        }
    }

    #[test]
    fn an_unsubscribe_click_is_a_stop() {
        for status in ParticipantStatus::ALL {
            let person = Person { status: *status };
            assert_eq!(
                decide(person, Event::UnsubscribeClick),
                decide(person, Event::Command(&command(CommandName::Stop))),
                "{status}"
            );
        }
        assert_eq!(
            decide(
                Person {
                    status: ParticipantStatus::Active
                },
                Event::UnsubscribeClick
            )
            .change,
            Some(STOP)
        );
    }
}
