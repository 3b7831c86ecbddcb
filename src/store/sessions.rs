//! Owns the session log: recording what a participant reported about their pair, and keeping
//! the history of every report and every change to it (invariant 6). The rules (what a
//! correction changes, what a report sent again adds, which reports are one meeting) are
//! `program::report`'s; this file loads the facts they need and writes what they decide.
//! Does not decide what a message is (the inbound pipeline says whether it corrects).
//!
//! Nothing a person's words created is deleted: every report and every change is a row of
//! `session_history` with the message it came from, what it stated and what it changed
//! (`field -> [old, new]`), so replaying the changes gives the current state.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::Unit;
use serde_json::{Value, json};

use super::{Store, StoreError, Tx, ts};
use crate::program::report::{
    self as rules, Corrected, FeedbackFacts, SAME_MEETING_DAYS, SessionAfter, SessionFacts,
};
pub use crate::program::report::{Correction, Report, Target, WORDS_WINDOW_DAYS};

/// What recording a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOutcome {
    /// A new session was logged.
    NewSession,
    /// The partner had already logged this meeting; this report was added to it.
    JoinedPartnersSession,
    /// The same report again, or completed (same date, no other duration or rating): what
    /// it adds is filled in, nothing is logged twice.
    Repeated,
    /// It corrected the fields it states of an earlier report.
    Corrected,
    /// It said the meeting of an earlier report did not happen: that session is retracted.
    Retracted,
    /// No meeting (or none stated): kept as feedback and as contact.
    NoMeeting,
}

/// The report as it stands after recording, for the confirmation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standing {
    /// A session this report belongs to, not retracted.
    pub met: bool,
    pub date: Option<NaiveDate>,
    pub minutes: Option<u32>,
    pub topics: Vec<String>,
    pub rating: Option<u8>,
}

/// The result of [`Store::record_report`].
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub feedback_id: i64,
    pub session_id: Option<i64>,
    pub outcome: ReportOutcome,
    pub standing: Standing,
}

impl Store {
    /// Records a report in one IMMEDIATE transaction (invariant 6: both partners' reports of
    /// one meeting are one session with two feedbacks).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails (nothing is written then).
    pub fn record_report(
        &mut self,
        report: &Report,
        now: DateTime<Utc>,
    ) -> Result<Recorded, StoreError> {
        self.record_correction(report, None, now)
    }

    /// Records a report that corrects an earlier one (`None`: a report of its own), in one
    /// IMMEDIATE transaction. A correction whose report cannot be found is a new report.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails (nothing is written then).
    pub fn record_correction(
        &mut self,
        report: &Report,
        correction: Option<Correction>,
        now: DateTime<Utc>,
    ) -> Result<Recorded, StoreError> {
        let tx = self.begin()?;
        let recorded = record_in(&tx, report, correction, &ts(now))?;
        tx.commit()?;
        Ok(recorded)
    }
}

/// A session's facts, as the history records them.
fn session_values(s: &SessionFacts) -> Vec<(&'static str, Value)> {
    vec![
        ("session.date", json!(s.date)),
        ("session.minutes", json!(s.minutes)),
        ("session.topics", json!(s.topics)),
        ("session.retracted", json!(s.retracted)),
    ]
}

/// A report's own fields (one feedback row), as the history records them.
fn feedback_values(f: &FeedbackFacts) -> Vec<(&'static str, Value)> {
    vec![
        ("feedback.session_id", json!(f.session_id)),
        ("feedback.met", json!(f.met)),
        ("feedback.report_date", json!(f.report_date)),
        ("feedback.rating", json!(f.rating)),
        ("feedback.notes", json!(f.notes)),
        ("feedback.flagged", json!(f.flagged)),
        ("feedback.cancelled_by", json!(f.cancelled_by)),
    ]
}

/// `field -> [old, new]` for every field that differs (every field when `old` is `None`).
type Changes = BTreeMap<&'static str, [Value; 2]>;

fn diff(
    changes: &mut Changes,
    old: Option<Vec<(&'static str, Value)>>,
    new: Vec<(&'static str, Value)>,
) {
    let old: BTreeMap<&str, Value> = old.unwrap_or_default().into_iter().collect();
    for (field, value) in new {
        let before = old.get(field).cloned();
        if before.as_ref() != Some(&value) {
            changes.insert(field, [before.unwrap_or(Value::Null), value]);
        }
    }
}

/// What a message stated, as the history keeps it.
fn stated(r: &Report, date_stated: bool) -> Value {
    let mut s = serde_json::Map::new();
    if let Some(met) = r.met {
        s.insert("met".into(), json!(met));
    }
    if date_stated {
        s.insert("date".into(), json!(r.date.to_string()));
    }
    if let Some(m) = r.minutes {
        s.insert("minutes".into(), json!(m));
    }
    if !r.topics.is_empty() {
        s.insert("topics".into(), json!(r.topics));
    }
    if let Some(rating) = r.rating {
        s.insert("rating".into(), json!(rating));
    }
    if let Some(notes) = &r.notes {
        s.insert("notes".into(), json!(notes));
    }
    if r.flagged {
        s.insert("flagged".into(), json!(true));
    }
    if let Some(role) = r.cancelled_by {
        s.insert("cancelled_by".into(), json!(role.as_str()));
    }
    Value::Object(s)
}

/// Records a report (or, with `correction`, a correction) inside the caller's transaction
/// (the inbound pipeline commits the message record, the report and its confirmation
/// together).
pub(crate) fn record_in(
    tx: &Unit<'_>,
    r: &Report,
    correction: Option<Correction>,
    now: &str,
) -> Result<Recorded, StoreError> {
    let date = r.date.to_string();
    touch_contact(tx, r.pair_id, &date)?;
    if let Some(c) = correction
        && let Some(feedback) = corrected_report(tx, r, c, now)?
    {
        return correct(tx, r, c, feedback, now);
    }
    let stated = stated(r, true);
    if r.met == Some(true)
        && let Some((session, feedback)) = same_report_again(tx, r, &date)?
    {
        // What the report adds is filled in (a quick reply, then the form); nothing it
        // stated before changes.
        let fuller = rules::completed(&session, r);
        let mut changes = Changes::new();
        diff(
            &mut changes,
            Some(session_values(&session)),
            session_values(&fuller),
        );
        write_session(tx, &session, &fuller, now)?;
        let new = rules::repeated(&feedback, r);
        diff(
            &mut changes,
            Some(feedback_values(&feedback)),
            feedback_values(&new),
        );
        write_feedback(tx, &new, now)?;
        history(
            tx,
            r,
            Some(session.id),
            new.id,
            "repeat",
            &stated,
            &changes,
            now,
        )?;
        return Ok(recorded(
            new.id,
            Some(&session),
            &new,
            ReportOutcome::Repeated,
        ));
    }
    let mut changes = Changes::new();
    let (session, outcome, kind) = if r.met == Some(true) {
        let (session, joined) = find_or_create_session(tx, r, &date, now, &mut changes)?;
        if joined {
            (
                Some(session),
                ReportOutcome::JoinedPartnersSession,
                "joined",
            )
        } else {
            (Some(session), ReportOutcome::NewSession, "report")
        }
    } else {
        (None, ReportOutcome::NoMeeting, "no_meeting")
    };
    let feedback = insert_feedback(tx, r, session.as_ref().map(|s| s.id), &date, now)?;
    diff(&mut changes, None, feedback_values(&feedback));
    history(
        tx,
        r,
        session.as_ref().map(|s| s.id),
        feedback.id,
        kind,
        &stated,
        &changes,
        now,
    )?;
    Ok(recorded(feedback.id, session.as_ref(), &feedback, outcome))
}

fn recorded(
    feedback_id: i64,
    session: Option<&SessionFacts>,
    feedback: &FeedbackFacts,
    outcome: ReportOutcome,
) -> Recorded {
    let live = session.filter(|s| !s.retracted);
    Recorded {
        feedback_id,
        session_id: session.map(|s| s.id),
        outcome,
        standing: Standing {
            met: live.is_some(),
            date: live.and_then(|s| s.date.parse().ok()),
            minutes: live
                .and_then(|s| s.minutes)
                .and_then(|m| u32::try_from(m).ok()),
            topics: live.map(|s| s.topics.clone()).unwrap_or_default(),
            rating: feedback.rating.and_then(|r| u8::try_from(r).ok()),
        },
    }
}

/// The feedback row of the report a correction corrects, if there is one of this sender's.
fn corrected_report(
    tx: &Unit<'_>,
    r: &Report,
    c: Correction,
    now: &str,
) -> Result<Option<i64>, StoreError> {
    let window = c.window_days();
    Ok(match c.of {
        Target::Inbound(inbound) => tx
            .prepare_cached(
                "SELECT feedback_id FROM session_history
                 WHERE inbound_id = ?1 AND pair_id = ?2 AND participant_id = ?3
                   AND feedback_id IS NOT NULL AND julianday(at) >= julianday(?4) - ?5
                 ORDER BY id LIMIT 1",
            )?
            .query_row(
                params![inbound, r.pair_id, r.participant_id, now, window],
                |row| row.get(0),
            )
            .optional()?,
        Target::Latest => {
            let meeting = c.is_about_a_meeting(r);
            tx.prepare_cached(
                "SELECT feedback_id FROM session_history
                 WHERE pair_id = ?1 AND participant_id = ?2 AND feedback_id IS NOT NULL
                   AND julianday(at) >= julianday(?3) - ?4 AND (NOT ?5 OR session_id IS NOT NULL)
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(
                params![r.pair_id, r.participant_id, now, WORDS_WINDOW_DAYS, meeting],
                |row| row.get(0),
            )
            .optional()?
        }
    })
}

/// Applies a correction to the report `feedback_id` (and its session), as
/// [`rules::corrected`] decides: only what it states.
fn correct(
    tx: &Unit<'_>,
    r: &Report,
    c: Correction,
    feedback_id: i64,
    now: &str,
) -> Result<Recorded, StoreError> {
    let old = load_feedback(tx, feedback_id)?;
    let old_session = old.session_id.map(|id| load_session(tx, id)).transpose()?;
    let Corrected {
        feedback: mut new,
        session: after,
        retracts,
    } = rules::corrected(&old, old_session.as_ref(), r, c);
    let mut changes = Changes::new();
    let session = match (after, old_session) {
        (SessionAfter::Changed(ns), Some(s)) => {
            diff(&mut changes, Some(session_values(&s)), session_values(&ns));
            write_session(tx, &s, &ns, now)?;
            Some(ns)
        }
        (SessionAfter::Needed { date }, _) => {
            let (s, _) = find_or_create_session(tx, r, &date, now, &mut changes)?;
            new.session_id = Some(s.id);
            Some(s)
        }
        _ => None,
    };
    diff(
        &mut changes,
        Some(feedback_values(&old)),
        feedback_values(&new),
    );
    write_feedback(tx, &new, now)?;
    let (kind, outcome) = if retracts && session.is_some() {
        ("retraction", ReportOutcome::Retracted)
    } else {
        ("correction", ReportOutcome::Corrected)
    };
    let stated = stated(r, c.date_stated);
    history(
        tx,
        r,
        session.as_ref().map(|s| s.id),
        new.id,
        kind,
        &stated,
        &changes,
        now,
    )?;
    Ok(recorded(new.id, session.as_ref(), &new, outcome))
}

/// The sender's own session on exactly this date, when this report states no duration or
/// rating that differs from it: the same report sent again, or completed.
fn same_report_again(
    tx: &Unit<'_>,
    r: &Report,
    date: &str,
) -> Result<Option<(SessionFacts, FeedbackFacts)>, StoreError> {
    let found: Option<(i64, i64)> = tx
        .prepare_cached(
            "SELECT s.id, f.id FROM sessions s JOIN feedback f ON f.session_id = s.id
             WHERE s.pair_id = ?1 AND s.date = ?2 AND s.retracted_at IS NULL
               AND f.participant_id = ?3
             ORDER BY s.id DESC LIMIT 1",
        )?
        .query_row(params![r.pair_id, date, r.participant_id], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    let Some((session_id, feedback_id)) = found else {
        return Ok(None);
    };
    let session = load_session(tx, session_id)?;
    let feedback = load_feedback(tx, feedback_id)?;
    Ok(rules::is_the_same_report(r, &session, &feedback).then_some((session, feedback)))
}

fn load_session(tx: &Unit<'_>, id: i64) -> Result<SessionFacts, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT id, coalesce(date, ''), minutes, topics, retracted_at IS NOT NULL
             FROM sessions WHERE id = ?1",
        )?
        .query_row([id], |row| {
            let topics: String = row.get(3)?;
            Ok(SessionFacts {
                id: row.get(0)?,
                date: row.get(1)?,
                minutes: row.get(2)?,
                topics: serde_json::from_str(&topics).unwrap_or_default(),
                retracted: row.get(4)?,
            })
        })?)
}

fn load_feedback(tx: &Unit<'_>, id: i64) -> Result<FeedbackFacts, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT id, session_id, met, report_date, rating, notes, flagged, cancelled_by
             FROM feedback WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok(FeedbackFacts {
                id: row.get(0)?,
                session_id: row.get(1)?,
                met: row.get(2)?,
                report_date: row.get(3)?,
                rating: row.get(4)?,
                notes: row.get(5)?,
                flagged: row.get(6)?,
                cancelled_by: row.get(7)?,
            })
        })?)
}

/// Writes a session's facts when they changed; the triggers keep the figures (a retracted
/// session leaves them, one put back rejoins them).
fn write_session(
    tx: &Unit<'_>,
    old: &SessionFacts,
    new: &SessionFacts,
    now: &str,
) -> Result<(), StoreError> {
    if old == new {
        return Ok(());
    }
    let topics = serde_json::to_string(&new.topics).unwrap_or_else(|_| "[]".to_string());
    tx.prepare_cached(
        "UPDATE sessions SET date = ?2, minutes = ?3, topics = ?4,
                retracted_at = CASE WHEN ?5 THEN coalesce(retracted_at, ?6) END
         WHERE id = ?1",
    )?
    .execute(params![
        new.id,
        new.date,
        new.minutes,
        topics,
        new.retracted,
        now
    ])?;
    Ok(())
}

fn write_feedback(tx: &Unit<'_>, f: &FeedbackFacts, now: &str) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE feedback SET session_id = ?2, met = ?3, report_date = ?4, rating = ?5, notes = ?6,
                flagged = ?7, cancelled_by = ?8, updated_at = ?9
         WHERE id = ?1",
    )?
    .execute(params![
        f.id,
        f.session_id,
        f.met,
        f.report_date,
        f.rating,
        f.notes,
        f.flagged,
        f.cancelled_by,
        now
    ])?;
    Ok(())
}

fn insert_feedback(
    tx: &Unit<'_>,
    r: &Report,
    session_id: Option<i64>,
    date: &str,
    now: &str,
) -> Result<FeedbackFacts, StoreError> {
    let f = FeedbackFacts::of(r, session_id, date);
    tx.prepare_cached(
        "INSERT INTO feedback (session_id, pair_id, participant_id, inbound_id, rating, notes,
                               flagged, created_at, met, cancelled_by, report_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        f.session_id,
        r.pair_id,
        r.participant_id,
        r.inbound_id,
        f.rating,
        f.notes,
        f.flagged,
        now,
        f.met,
        f.cancelled_by,
        f.report_date
    ])?;
    Ok(FeedbackFacts {
        id: tx.last_insert_rowid(),
        ..f
    })
}

/// Appends one entry to the history.
#[allow(clippy::too_many_arguments)]
fn history(
    tx: &Unit<'_>,
    r: &Report,
    session_id: Option<i64>,
    feedback_id: i64,
    kind: &str,
    stated: &Value,
    changes: &Changes,
    now: &str,
) -> Result<(), StoreError> {
    let changes = serde_json::to_string(changes).unwrap_or_else(|_| "{}".to_string());
    tx.prepare_cached(
        "INSERT INTO session_history (pair_id, session_id, feedback_id, participant_id, inbound_id,
                                      message_id, kind, stated, changes, at)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT message_id FROM inbound WHERE id = ?5), ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        r.pair_id,
        session_id,
        feedback_id,
        r.participant_id,
        r.inbound_id,
        kind,
        stated.to_string(),
        changes,
        now
    ])?;
    Ok(())
}

/// The partner's session of the same meeting (dates within a day, not retracted, not yet
/// reported by this participant), completed with what this report adds; or a new session.
/// Returns it and whether it joined an existing one; its changes go into `changes`.
fn find_or_create_session(
    tx: &Unit<'_>,
    r: &Report,
    date: &str,
    now: &str,
    changes: &mut Changes,
) -> Result<(SessionFacts, bool), StoreError> {
    let existing: Option<i64> = tx
        .prepare_cached(
            "SELECT s.id FROM sessions s
             WHERE s.pair_id = ?1 AND abs(julianday(s.date) - julianday(?2)) <= ?3
               AND s.retracted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.session_id = s.id AND f.participant_id = ?4)
             ORDER BY abs(julianday(s.date) - julianday(?2)), s.id LIMIT 1",
        )?
        .query_row(
            params![r.pair_id, date, SAME_MEETING_DAYS, r.participant_id],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        let old = load_session(tx, id)?;
        let new = rules::completed(&old, r);
        diff(changes, Some(session_values(&old)), session_values(&new));
        write_session(tx, &old, &new, now)?;
        return Ok((new, true));
    }
    let topics = serde_json::to_string(&r.topics).unwrap_or_else(|_| "[]".to_string());
    tx.prepare_cached(
        "INSERT INTO sessions (pair_id, met, date, minutes, topics, created_at)
         VALUES (?1, 1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![r.pair_id, date, r.minutes, topics, now])?;
    let new = SessionFacts {
        id: tx.last_insert_rowid(),
        date: date.to_string(),
        minutes: r.minutes.map(i64::from),
        topics: r.topics.clone(),
        retracted: false,
    };
    diff(changes, None, session_values(&new));
    Ok((new, false))
}

/// Notes that the pair was in touch on `date` (a report, a conversation on the thread).
pub(crate) fn touch_contact(tx: &Unit<'_>, pair_id: i64, date: &str) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO pair_stats (pair_id, last_contact) VALUES (?1, ?2)
         ON CONFLICT(pair_id) DO UPDATE SET last_contact = max(coalesce(last_contact, ''), ?2)",
    )?
    .execute(params![pair_id, date])?;
    Ok(())
}

impl Tx<'_> {
    /// Records a report in this transaction (see `sessions`: both partners' reports of one
    /// meeting are one session), or with `correction` a correction of an earlier report.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn record_report(
        &mut self,
        report: &Report,
        correction: Option<Correction>,
        now: DateTime<Utc>,
    ) -> Result<Recorded, StoreError> {
        record_in(&self.tx, report, correction, &ts(now))
    }

    /// Notes that the pair was in touch on `date` (a conversation on their thread).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn touch_contact(&mut self, pair_id: i64, date: NaiveDate) -> Result<(), StoreError> {
        touch_contact(&self.tx, pair_id, &date.to_string())
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;
    use crate::store::NewInbound;

    pub(crate) fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// A stand-in for the keyed marker inbound computes.
    pub(crate) fn keyed(email: &str) -> String {
        format!("k:{email}")
    }

    pub(crate) fn inbound<'a>(key: &'a str, sender: &'a str) -> NewInbound<'a> {
        NewInbound {
            dedup_key: key,
            message_id: None,
            sha256: "00",
            source: "stdin",
            sender: Some(sender),
            pair_id: None,
            classification: crate::vocab::InboundKind::Reply,
            status: crate::vocab::InboundStatus::Processed,
            reason: None,
            raw: Some(b"raw bytes"),
        }
    }

    /// Inserts two participants and a pair between them; returns (pair, mentor, mentee) ids.
    pub(crate) fn seed_pair(store: &mut Store, n: usize) -> (i64, i64, i64) {
        let c = &store.conn;
        c.execute(
            "INSERT OR IGNORE INTO rounds (id, number, created_at, reason) VALUES (1, 1, '2027-01-11', 'start')",
            [],
        )
        .unwrap();
        let mut ids = Vec::new();
        for (role, level) in [("mentor", 1), ("mentee", 7)] {
            c.execute(
                "INSERT INTO participants (email, name, role, level, timezone, joined_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'UTC', '2027-01-11', '2027-01-11')",
                params![format!("{role}{n}@x.example"), format!("{role} {n}"), role, level],
            )
            .unwrap();
            ids.push(c.last_insert_rowid());
        }
        c.execute(
            "INSERT INTO pairs (round_id, mentor_id, mentee_id, score, reasons, created_at)
             VALUES (1, ?1, ?2, 10, '[]', '2027-01-11')",
            params![ids[0], ids[1]],
        )
        .unwrap();
        (c.last_insert_rowid(), ids[0], ids[1])
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::seed_pair;
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-02-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn report(pair: i64, who: i64, day: u32) -> Report {
        Report {
            pair_id: pair,
            participant_id: who,
            inbound_id: None,
            met: Some(true),
            date: NaiveDate::from_ymd_opt(2027, 1, day).unwrap(),
            minutes: Some(45),
            topics: vec!["ai tools".into()],
            rating: Some(4),
            notes: None,
            flagged: false,
            cancelled_by: None,
        }
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn both_partners_reporting_one_meeting_make_one_session_with_two_feedbacks() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, mentee) = seed_pair(&mut store, 1);
        let a = store
            .record_report(&report(pair, mentor, 20), now())
            .unwrap();
        let mut theirs = report(pair, mentee, 21);
        theirs.topics = vec!["career path".into()];
        theirs.minutes = None;
        let b = store.record_report(&theirs, now()).unwrap();
        assert_eq!(a.outcome, ReportOutcome::NewSession);
        assert_eq!(b.outcome, ReportOutcome::JoinedPartnersSession);
        assert_eq!(a.session_id, b.session_id);
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM feedback"), 2);
        let topics: String = store
            .conn
            .query_row("SELECT topics FROM sessions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(topics, r#"["ai tools","career path"]"#);
        assert_eq!(count(&store, "SELECT minutes FROM sessions"), 45);
        assert_eq!(count(&store, "SELECT sessions FROM totals"), 1);
        assert_eq!(count(&store, "SELECT ratings FROM totals"), 2);
    }

    #[test]
    fn meetings_a_week_apart_are_two_sessions() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, mentee) = seed_pair(&mut store, 1);
        store
            .record_report(&report(pair, mentor, 10), now())
            .unwrap();
        store
            .record_report(&report(pair, mentee, 17), now())
            .unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 2);
        assert_eq!(count(&store, "SELECT sessions FROM pair_stats"), 2);
        assert_eq!(count(&store, "SELECT minutes FROM totals"), 90);
    }

    fn fix(of: Target, date_stated: bool) -> Option<Correction> {
        Some(Correction {
            of,
            date_stated,
            said: false,
        })
    }

    /// Was `a_corrected_report_replaces_the_earlier_one_and_totals_follow`: a correction
    /// replaced the whole report and "did not meet" deleted the session. Now a correction
    /// changes what it states and a retraction marks the session (invariant 6).
    #[test]
    fn a_corrected_report_changes_only_what_it_states_and_totals_follow() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        let first = store
            .record_report(&report(pair, mentor, 20), now())
            .unwrap();
        let mut fixed = report(pair, mentor, 2);
        fixed.minutes = Some(60);
        fixed.rating = Some(5);
        fixed.topics = vec![];
        let r = store
            .record_correction(&fixed, fix(Target::Latest, false), now())
            .unwrap();
        assert_eq!(r.outcome, ReportOutcome::Corrected);
        assert_eq!(r.session_id, first.session_id);
        assert_eq!(count(&store, "SELECT count(*) FROM feedback"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 1);
        assert_eq!(count(&store, "SELECT minutes FROM totals"), 60);
        assert_eq!(count(&store, "SELECT rating_sum FROM totals"), 5);
        let (date, topics): (String, String) = store
            .conn
            .query_row("SELECT date, topics FROM sessions", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(
            (date.as_str(), topics.as_str()),
            ("2027-01-20", r#"["ai tools"]"#),
            "what the correction did not state is kept"
        );

        // Corrected to "we did not meet": the session is retracted, not deleted.
        let mut not_met = report(pair, mentor, 2);
        not_met.met = Some(false);
        not_met.minutes = None;
        not_met.rating = None;
        not_met.topics = vec![];
        let r = store
            .record_correction(&not_met, fix(Target::Latest, false), now())
            .unwrap();
        assert_eq!(r.outcome, ReportOutcome::Retracted);
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 1);
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM sessions WHERE retracted_at IS NOT NULL"
            ),
            1
        );
        assert_eq!(count(&store, "SELECT sessions FROM totals"), 0);
        assert_eq!(count(&store, "SELECT minutes FROM totals"), 0);
        assert_eq!(count(&store, "SELECT sum(sessions) FROM week_totals"), 0);
        assert_eq!(count(&store, "SELECT sum(sessions) FROM topic_totals"), 0);
        assert_eq!(count(&store, "SELECT sessions FROM pair_stats"), 0);
        assert_eq!(
            count(&store, "SELECT ratings FROM totals"),
            1,
            "the rating is feedback, kept"
        );
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM feedback WHERE met = 0 AND session_id IS NOT NULL"
            ),
            1
        );
        assert_eq!(
            count(&store, "SELECT count(*) FROM session_history"),
            3,
            "the report, the correction and the retraction"
        );

        // "We met after all": back in the figures, with its corrected facts.
        let mut met = report(pair, mentor, 2);
        met.minutes = None;
        met.rating = None;
        met.topics = vec![];
        store
            .record_correction(&met, fix(Target::Latest, false), now())
            .unwrap();
        assert_eq!(count(&store, "SELECT sessions FROM totals"), 1);
        assert_eq!(count(&store, "SELECT minutes FROM totals"), 60);
        assert_eq!(count(&store, "SELECT sessions FROM pair_stats"), 1);
        assert_eq!(count(&store, "SELECT sum(sessions) FROM topic_totals"), 1);
    }

    #[test]
    fn a_no_meeting_report_the_next_day_leaves_the_logged_meeting_alone() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        store
            .record_report(&report(pair, mentor, 20), now())
            .unwrap();
        let mut no = report(pair, mentor, 21);
        no.met = Some(false);
        no.minutes = None;
        no.rating = None;
        no.topics = vec![];
        let r = store.record_report(&no, now()).unwrap();
        assert_eq!(r.outcome, ReportOutcome::NoMeeting);
        // And one that says nothing about meeting at all.
        let mut silent = no.clone();
        silent.met = None;
        silent.notes = Some("busy week".into());
        let r = store.record_report(&silent, now()).unwrap();
        assert_eq!(r.outcome, ReportOutcome::NoMeeting);
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM sessions WHERE retracted_at IS NULL AND minutes = 45"
            ),
            1
        );
        assert_eq!(count(&store, "SELECT count(*) FROM feedback"), 3);
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM feedback WHERE session_id IS NOT NULL AND met = 1 AND rating = 4"
            ),
            1
        );
        assert_eq!(count(&store, "SELECT sessions FROM totals"), 1);
    }

    #[test]
    fn a_correction_days_later_changes_the_report_it_answers_and_logs_no_second_session() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, mentee) = seed_pair(&mut store, 1);
        store
            .conn
            .execute_batch(
                "INSERT INTO inbound (id, dedup_key, message_id, sha256, source, received_at, status)
                 VALUES (7, 'k7', 'r7@x', 'x', 'stdin', '2027-01-20', 'processed'),
                        (8, 'k8', 'r8@x', 'x', 'stdin', '2027-01-25', 'processed')",
            )
            .unwrap();
        let mut first = report(pair, mentor, 20);
        first.inbound_id = Some(7);
        let a = store.record_report(&first, now()).unwrap();
        let mut partner = report(pair, mentee, 20);
        partner.minutes = None;
        store.record_report(&partner, now()).unwrap();
        // Five days later, answering the confirmation of message 7: it was the 19th.
        let mut later = report(pair, mentor, 19);
        later.inbound_id = Some(8);
        later.minutes = None;
        later.rating = None;
        later.topics = vec![];
        let r = store
            .record_correction(&later, fix(Target::Inbound(7), true), now())
            .unwrap();
        assert_eq!(r.outcome, ReportOutcome::Corrected);
        assert_eq!(r.session_id, a.session_id);
        assert_eq!(r.standing.minutes, Some(45));
        assert_eq!(r.standing.date, NaiveDate::from_ymd_opt(2027, 1, 19));
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM feedback"), 2);
        let history: Vec<(String, String, String)> = store
            .conn
            .prepare(
                "SELECT kind, coalesce(message_id, ''), changes FROM session_history ORDER BY id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(history.len(), 3, "{history:?}");
        assert_eq!(history[0].0, "report");
        assert_eq!(history[1].0, "joined");
        assert_eq!(history[2].0, "correction");
        assert_eq!(history[2].1, "r8@x");
        assert!(
            history[2]
                .2
                .contains(r#""session.date":["2027-01-20","2027-01-19"]"#),
            "{history:?}"
        );
        // Someone else's report is never a target: the partner's correction of message 7
        // finds nothing and is a report of its own.
        let r = store
            .record_correction(&partner, fix(Target::Inbound(7), false), now())
            .unwrap();
        assert_ne!(r.outcome, ReportOutcome::Corrected);
    }

    #[test]
    fn a_quick_reply_completed_by_the_form_the_same_day_is_one_report() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        let mut quick = report(pair, mentor, 20);
        quick.topics = vec![];
        quick.rating = None;
        store.record_report(&quick, now()).unwrap();
        let mut form = report(pair, mentor, 20);
        form.minutes = None;
        form.topics = vec!["negotiation".into()];
        form.notes = Some("more next time".into());
        let r = store.record_report(&form, now()).unwrap();
        assert_eq!(r.outcome, ReportOutcome::Repeated);
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM feedback"), 1);
        assert_eq!(count(&store, "SELECT rating_sum FROM totals"), 4);
        assert_eq!(count(&store, "SELECT sum(sessions) FROM topic_totals"), 1);
        // Another duration is another meeting.
        let mut other = report(pair, mentor, 20);
        other.minutes = Some(20);
        let r = store.record_report(&other, now()).unwrap();
        assert_eq!(r.outcome, ReportOutcome::NewSession);
    }

    #[test]
    fn a_correction_in_words_of_a_duration_corrects_the_meeting_not_a_later_no_meeting_report() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        let met = store
            .record_report(&report(pair, mentor, 20), now())
            .unwrap();
        let mut no = report(pair, mentor, 21);
        (no.met, no.minutes, no.rating, no.topics) = (Some(false), None, None, vec![]);
        store.record_report(&no, now()).unwrap();
        let mut fixed = report(pair, mentor, 22);
        (fixed.minutes, fixed.rating, fixed.topics) = (Some(60), None, vec![]);
        let r = store
            .record_correction(&fixed, fix(Target::Latest, false), now())
            .unwrap();
        assert_eq!(r.session_id, met.session_id);
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 1);
        assert_eq!(count(&store, "SELECT minutes FROM sessions"), 60);
    }

    #[test]
    fn two_meetings_reported_by_one_person_in_a_week_are_two_sessions() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        store
            .record_report(&report(pair, mentor, 18), now())
            .unwrap();
        let mut second = report(pair, mentor, 19);
        second.minutes = Some(30);
        let r = store.record_report(&second, now()).unwrap();
        assert_eq!(r.outcome, ReportOutcome::NewSession);
        assert_eq!(count(&store, "SELECT sessions FROM totals"), 2);
        assert_eq!(count(&store, "SELECT minutes FROM totals"), 75);
    }

    #[test]
    fn a_report_sent_again_or_with_new_notes_leaves_every_total_as_it_was() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        let totals = |store: &Store| -> Vec<i64> {
            [
                "SELECT sessions * 1000000 + minutes * 1000 + ratings * 10 + rating_sum FROM totals",
                "SELECT sum(sessions) + sum(minutes) FROM week_totals",
                "SELECT sum(ratings) * 100 + sum(rating_sum) FROM week_totals",
                "SELECT sum(count) FROM rating_totals",
                "SELECT sum(sessions) FROM topic_totals",
                "SELECT sessions * 1000 + minutes FROM pair_stats",
            ]
            .iter()
            .map(|sql| count(store, sql))
            .collect()
        };
        let mut first = report(pair, mentor, 20);
        first.topics = vec!["ai tools".into(), "negotiation".into()];
        store.record_report(&first, now()).unwrap();
        let once = totals(&store);
        assert_eq!(count(&store, "SELECT sum(sessions) FROM topic_totals"), 2);
        // NOTE: was `Corrected` (any report of the same person within a day replaced the
        // earlier one); now the same facts again are recognised as the same report.
        let again = store.record_report(&first, now()).unwrap();
        assert_eq!(again.outcome, ReportOutcome::Repeated);
        assert_eq!(totals(&store), once);
        let mut notes = first.clone();
        notes.notes = Some("we also spoke about the offsite".into());
        store.record_report(&notes, now()).unwrap();
        assert_eq!(totals(&store), once);
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM feedback WHERE notes LIKE '%offsite%'"
            ),
            1
        );
    }

    #[test]
    fn a_no_meeting_report_counts_as_contact_but_not_as_a_session() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, _, mentee) = seed_pair(&mut store, 1);
        let mut r = report(pair, mentee, 12);
        r.met = Some(false);
        r.cancelled_by = Some(crate::config::Role::Mentee);
        let rec = store.record_report(&r, now()).unwrap();
        assert_eq!(rec.outcome, ReportOutcome::NoMeeting);
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 0);
        let contact: String = store
            .conn
            .query_row("SELECT last_contact FROM pair_stats", [], |r| r.get(0))
            .unwrap();
        assert_eq!(contact, "2027-01-12");
    }
}
