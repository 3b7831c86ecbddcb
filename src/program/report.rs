//! The rules of the session log: whether a report corrects an earlier one, what a
//! correction or a retraction changes, and what the same report sent again adds. Pure: the
//! store loads the facts of the report concerned, asks these rules, and writes what they
//! return with its history in the same transaction (`store::sessions`).
//!
//! Rules:
//! - a report corrects an earlier one when it answers that report's confirmation (its
//!   thread, or the report its reply token names), or when its words say so ("correction:",
//!   "actually it was Tuesday": read by `inbound::correction`); then it corrects the
//!   sender's latest report on the pair logged within [`WORDS_WINDOW_DAYS`];
//! - a reply to a confirmation without such words corrects its report only within the same
//!   window: news sent by answering an old confirmation is a new report;
//! - a correction changes only the fields it states; one saying the pair did not meet
//!   retracts the session (marked, kept, out of every figure), one saying they met after
//!   all puts it back; a retraction, or a duration or topics without a date, is about a
//!   meeting: it corrects the latest report that logged one;
//! - the same report sent again (the sender's own session of the same date, no other
//!   duration or rating) is not logged twice: what it adds is filled in;
//! - both partners' reports of one meeting, dates at most [`SAME_MEETING_DAYS`] apart, are
//!   one session with two feedbacks.

use chrono::NaiveDate;

use crate::config::Role;

/// Two reports of one pair whose dates are at most this many days apart are one meeting.
pub const SAME_MEETING_DAYS: f64 = 1.0;
/// A correction said only in words corrects a report logged at most this many days before.
pub const WORDS_WINDOW_DAYS: f64 = 14.0;

/// What one participant reported about one meeting (or non-meeting) of their pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub pair_id: i64,
    /// The participant who reported (a member of the pair; authorization is the caller's).
    pub participant_id: i64,
    /// The message the report came in, if any.
    pub inbound_id: Option<i64>,
    /// Whether they met; `None` when the report does not say.
    pub met: Option<bool>,
    /// The meeting's date as stated, else the message's date in the sender's zone.
    pub date: NaiveDate,
    pub minutes: Option<u32>,
    pub topics: Vec<String>,
    /// 1-5.
    pub rating: Option<u8>,
    pub notes: Option<String>,
    /// Something could not be understood: HR should read the notes.
    pub flagged: bool,
    /// The side that cancelled, when the report says the meeting was cancelled.
    pub cancelled_by: Option<Role>,
}

/// Which earlier report a correction corrects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The report that came in this inbound message: the one whose confirmation was
    /// answered.
    Inbound(i64),
    /// The sender's latest report on the pair, logged at most [`WORDS_WINDOW_DAYS`] days
    /// before (a correction said in words, off the confirmation's thread).
    Latest,
}

/// A report that corrects an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Correction {
    pub of: Target,
    /// The message states the meeting's date ([`Report::date`] is otherwise the message's
    /// day, which must not overwrite the date corrected).
    pub date_stated: bool,
    /// The message's words say it corrects. Without them, a report answering a
    /// confirmation corrects only a report logged within [`WORDS_WINDOW_DAYS`]: an old
    /// confirmation answered with news is a new report.
    pub said: bool,
}

impl Correction {
    /// Whether a report corrects an earlier one, and which: the report whose confirmation
    /// it answers (`answered`), else the sender's latest when its words say so (`said`).
    pub fn of(answered: Option<i64>, said: bool, date_stated: bool) -> Option<Correction> {
        let of = match answered {
            Some(inbound) => Target::Inbound(inbound),
            None if said => Target::Latest,
            None => return None,
        };
        Some(Correction {
            of,
            date_stated,
            said,
        })
    }

    /// How many days back the report it answers may have been logged.
    pub fn window_days(self) -> f64 {
        if self.said {
            f64::MAX
        } else {
            WORDS_WINDOW_DAYS
        }
    }

    /// Whether, said in words, it is about a meeting (a retraction, or a duration or topics
    /// without a date): then it corrects the latest report that logged one, not a "we have
    /// not met" sent after it.
    pub fn is_about_a_meeting(self, r: &Report) -> bool {
        r.met == Some(false) || (!self.date_stated && (r.minutes.is_some() || !r.topics.is_empty()))
    }
}

/// A session's facts, as the log keeps them.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFacts {
    pub id: i64,
    pub date: String,
    pub minutes: Option<i64>,
    pub topics: Vec<String>,
    pub retracted: bool,
}

/// A report's own fields (one feedback row).
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackFacts {
    pub id: i64,
    pub session_id: Option<i64>,
    pub met: Option<i64>,
    pub report_date: Option<String>,
    pub rating: Option<i64>,
    pub notes: Option<String>,
    pub flagged: i64,
    pub cancelled_by: Option<String>,
}

impl FeedbackFacts {
    /// The feedback a new report writes (its id is the store's to give).
    pub fn of(r: &Report, session_id: Option<i64>, date: &str) -> FeedbackFacts {
        FeedbackFacts {
            id: 0,
            session_id,
            met: r.met.map(i64::from),
            report_date: Some(date.to_string()),
            rating: r.rating.map(i64::from),
            notes: r.notes.clone(),
            flagged: i64::from(r.flagged),
            cancelled_by: r.cancelled_by.map(|c| c.as_str().to_string()),
        }
    }
}

/// `session` with what `r` adds: its duration if the session had none, its new topics.
pub fn completed(session: &SessionFacts, r: &Report) -> SessionFacts {
    let mut new = session.clone();
    new.minutes = session.minutes.or(r.minutes.map(i64::from));
    for t in &r.topics {
        if !new.topics.contains(t) {
            new.topics.push(t.clone());
        }
    }
    new
}

/// Whether `r` is the sender's report on `session` (theirs, of the same date) sent again
/// or completed: it states no duration or rating that differs from the logged one.
pub fn is_the_same_report(r: &Report, session: &SessionFacts, feedback: &FeedbackFacts) -> bool {
    let agrees = |stated: Option<i64>, logged: Option<i64>| {
        stated.is_none_or(|x| logged.is_none_or(|l| l == x))
    };
    agrees(r.minutes.map(i64::from), session.minutes)
        && agrees(r.rating.map(i64::from), feedback.rating)
}

/// The feedback of a report sent again, with what `r` adds: a rating where there was none,
/// notes not already there (appended), the flag.
pub fn repeated(feedback: &FeedbackFacts, r: &Report) -> FeedbackFacts {
    let mut new = feedback.clone();
    new.rating = feedback.rating.or(r.rating.map(i64::from));
    if let Some(notes) = r.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        new.notes = match feedback.notes.as_deref() {
            Some(old) if old.contains(notes) => Some(old.to_string()),
            Some(old) if !old.trim().is_empty() => Some(format!("{old}\n\n{notes}")),
            _ => Some(notes.to_string()),
        };
    }
    new.flagged = new.flagged.max(i64::from(r.flagged));
    new
}

/// What a correction does to the session of the report it corrects.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionAfter {
    /// The report had a session: here it is, changed (retracted, put back, or corrected).
    Changed(SessionFacts),
    /// A report of no meeting, corrected to a meeting: it needs a session on this day.
    Needed { date: String },
    /// No meeting before, none now.
    None,
}

/// A correction's decision: the report's new fields and what becomes of its session.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrected {
    pub feedback: FeedbackFacts,
    pub session: SessionAfter,
    /// It said the meeting did not happen.
    pub retracts: bool,
}

/// What correction `c` (report `r`) changes on the report `old` and its session `session`:
/// only what it states.
pub fn corrected(
    old: &FeedbackFacts,
    session: Option<&SessionFacts>,
    r: &Report,
    c: Correction,
) -> Corrected {
    let date = r.date.to_string();
    let retracts = r.met == Some(false);
    let mut new = old.clone();
    if let Some(met) = r.met {
        new.met = Some(i64::from(met));
    }
    if c.date_stated {
        new.report_date = Some(date.clone());
    }
    if let Some(rating) = r.rating {
        new.rating = Some(i64::from(rating));
    }
    if let Some(notes) = &r.notes {
        new.notes = Some(notes.clone());
    }
    new.flagged = new.flagged.max(i64::from(r.flagged));
    if let Some(role) = r.cancelled_by {
        new.cancelled_by = Some(role.as_str().to_string());
    }
    let session = match session {
        Some(s) => {
            let mut ns = s.clone();
            if retracts {
                ns.retracted = true;
            } else {
                if r.met == Some(true) {
                    ns.retracted = false;
                }
                if c.date_stated {
                    ns.date = date;
                }
                if let Some(m) = r.minutes {
                    ns.minutes = Some(i64::from(m));
                }
                if !r.topics.is_empty() {
                    ns.topics = r.topics.clone();
                }
            }
            SessionAfter::Changed(ns)
        }
        None if r.met == Some(true) || (!retracts && r.minutes.is_some()) => {
            let day = if c.date_stated {
                date
            } else {
                old.report_date.clone().unwrap_or(date)
            };
            new.met = Some(1);
            new.report_date = Some(day.clone());
            SessionAfter::Needed { date: day }
        }
        None => SessionAfter::None,
    };
    Corrected {
        feedback: new,
        session,
        retracts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(met: Option<bool>, day: u32) -> Report {
        Report {
            pair_id: 1,
            participant_id: 1,
            inbound_id: Some(9),
            met,
            date: NaiveDate::from_ymd_opt(2027, 3, day).unwrap(),
            minutes: None,
            topics: vec![],
            rating: None,
            notes: None,
            flagged: false,
            cancelled_by: None,
        }
    }

    fn session() -> SessionFacts {
        SessionFacts {
            id: 5,
            date: "2027-03-01".into(),
            minutes: Some(45),
            topics: vec!["AI tools".into()],
            retracted: false,
        }
    }

    fn feedback(session_id: Option<i64>) -> FeedbackFacts {
        FeedbackFacts {
            id: 7,
            session_id,
            met: Some(i64::from(session_id.is_some())),
            report_date: Some("2027-03-01".into()),
            rating: Some(4),
            notes: Some("good".into()),
            flagged: 0,
            cancelled_by: None,
        }
    }

    #[test]
    fn a_report_corrects_the_confirmation_it_answers_else_the_latest_when_its_words_say_so() {
        // (answered confirmation, words say so) → target
        let table = [
            (Some(3), false, Some(Target::Inbound(3))),
            (Some(3), true, Some(Target::Inbound(3))),
            (None, true, Some(Target::Latest)),
            (None, false, None),
        ];
        for (answered, said, want) in table {
            let got = Correction::of(answered, said, false).map(|c| c.of);
            assert_eq!(got, want, "answered {answered:?}, said {said}");
        }
        let quiet = Correction::of(Some(3), false, false).unwrap();
        let said = Correction::of(Some(3), true, false).unwrap();
        assert_eq!(
            quiet.window_days(),
            WORDS_WINDOW_DAYS,
            "an old confirmation: news"
        );
        assert_eq!(said.window_days(), f64::MAX);
    }

    #[test]
    fn a_correction_changes_only_what_it_states() {
        let c = |date_stated| Correction {
            of: Target::Latest,
            date_stated,
            said: true,
        };
        // Only a duration: the date, topics, rating and notes stay.
        let mut r = report(None, 20);
        r.minutes = Some(60);
        let got = corrected(&feedback(Some(5)), Some(&session()), &r, c(false));
        let mut want = session();
        want.minutes = Some(60);
        assert_eq!(got.session, SessionAfter::Changed(want));
        assert_eq!(got.feedback, feedback(Some(5)));
        assert!(
            c(false).is_about_a_meeting(&r),
            "a duration is about a meeting"
        );
        // A stated date moves the meeting and the report, nothing else.
        let got = corrected(
            &feedback(Some(5)),
            Some(&session()),
            &report(None, 2),
            c(true),
        );
        let SessionAfter::Changed(s) = &got.session else {
            panic!("{got:?}")
        };
        assert_eq!((s.date.as_str(), s.minutes), ("2027-03-02", Some(45)));
        assert_eq!(got.feedback.report_date.as_deref(), Some("2027-03-02"));
        assert_eq!(got.feedback.rating, Some(4));
        // A rating alone.
        let mut r = report(None, 20);
        r.rating = Some(2);
        let got = corrected(&feedback(Some(5)), Some(&session()), &r, c(false));
        assert_eq!(got.session, SessionAfter::Changed(session()));
        assert_eq!(
            (got.feedback.rating, got.feedback.notes.as_deref()),
            (Some(2), Some("good"))
        );
    }

    #[test]
    fn a_retraction_marks_the_session_and_a_meeting_after_all_puts_it_back_or_makes_one() {
        let c = Correction {
            of: Target::Inbound(9),
            date_stated: false,
            said: true,
        };
        let got = corrected(
            &feedback(Some(5)),
            Some(&session()),
            &report(Some(false), 20),
            c,
        );
        let mut gone = session();
        gone.retracted = true;
        assert!(got.retracts);
        assert_eq!(
            got.session,
            SessionAfter::Changed(gone.clone()),
            "kept, marked"
        );
        assert_eq!(got.feedback.met, Some(0));
        let back = corrected(&got.feedback, Some(&gone), &report(Some(true), 20), c);
        assert_eq!(back.session, SessionAfter::Changed(session()), "put back");
        // A report of no meeting corrected to a meeting needs a session on its day.
        let none = feedback(None);
        let got = corrected(&none, None, &report(Some(true), 20), c);
        assert_eq!(
            got.session,
            SessionAfter::Needed {
                date: "2027-03-01".into()
            }
        );
        assert_eq!(got.feedback.met, Some(1));
        // A retraction of a report that logged no meeting changes no session.
        let got = corrected(&none, None, &report(Some(false), 20), c);
        assert_eq!(got.session, SessionAfter::None);
    }

    #[test]
    fn the_same_report_again_fills_in_what_it_adds_and_a_different_figure_is_a_new_report() {
        let mut r = report(Some(true), 1);
        assert!(is_the_same_report(&r, &session(), &feedback(Some(5))));
        r.minutes = Some(45);
        r.rating = Some(4);
        assert!(is_the_same_report(&r, &session(), &feedback(Some(5))));
        r.minutes = Some(90);
        assert!(
            !is_the_same_report(&r, &session(), &feedback(Some(5))),
            "another duration"
        );
        r.minutes = None;
        r.rating = Some(2);
        assert!(
            !is_the_same_report(&r, &session(), &feedback(Some(5))),
            "another rating"
        );
        let mut r = report(Some(true), 1);
        r.topics = vec!["AI tools".into(), "budgeting".into()];
        r.notes = Some("more".into());
        assert_eq!(completed(&session(), &r).topics, ["AI tools", "budgeting"]);
        assert_eq!(
            repeated(&feedback(Some(5)), &r).notes.as_deref(),
            Some("good\n\nmore")
        );
        r.notes = Some("good".into());
        assert_eq!(
            repeated(&feedback(Some(5)), &r).notes.as_deref(),
            Some("good")
        );
    }
}
