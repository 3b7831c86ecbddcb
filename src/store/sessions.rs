//! Owns the session log: recording what a participant reported about their pair, so that
//! two reports of one meeting become one session with two feedbacks, a corrected report
//! replaces the earlier one, and a "we didn't meet" report is kept as feedback and contact.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::{Store, StoreError, ts};
use crate::config::Role;

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

/// What recording a report did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOutcome {
    /// A new session was logged.
    NewSession,
    /// The partner had already logged this meeting; this report was added to it.
    JoinedPartnersSession,
    /// It replaced this participant's earlier report of the same meeting.
    Corrected,
    /// No meeting: kept as feedback and as contact.
    NoMeeting,
}

/// The result of [`Store::record_report`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub feedback_id: i64,
    pub session_id: Option<i64>,
    pub outcome: ReportOutcome,
}

/// Two reports of one pair whose dates are at most this many days apart are one meeting.
const SAME_MEETING_DAYS: f64 = 1.0;

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
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let recorded = record_in(&tx, report, &ts(now))?;
        tx.commit()?;
        Ok(recorded)
    }
}

/// Records a report inside the caller's transaction (the inbound pipeline commits the message
/// record, the report and its confirmation together).
pub(crate) fn record_in(
    tx: &Transaction<'_>,
    r: &Report,
    now: &str,
) -> Result<Recorded, StoreError> {
    let date = r.date.to_string();
    let topics = serde_json::to_string(&r.topics).unwrap_or_else(|_| "[]".to_string());
    let cancelled = r.cancelled_by.map(Role::as_str);

    // The same participant reporting the same meeting again: a correction.
    // NOTE: statements are cached, and `= +?1` keeps SQLite from preparing a sorted query
    // again whenever its parameters change (see `store::inbound`); inbound mail records a
    // report per message.
    let earlier: Option<(i64, Option<i64>)> = tx
        .prepare_cached(
            "SELECT id, session_id FROM feedback
             WHERE pair_id = +?1 AND participant_id = +?2
               AND abs(julianday(report_date) - julianday(?3)) <= ?4
             ORDER BY abs(julianday(report_date) - julianday(?3)), id DESC LIMIT 1",
        )?
        .query_row(
            params![r.pair_id, r.participant_id, date, SAME_MEETING_DAYS],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;

    touch_contact(tx, r.pair_id, &date)?;

    if let Some((feedback_id, old_session)) = earlier {
        let session_id = match (r.met, old_session) {
            (Some(true), Some(s)) => {
                tx.prepare_cached("UPDATE sessions SET date = ?2, minutes = coalesce(?3, minutes), topics = ?4 WHERE id = ?1")?
.execute(
                    params![s, date, r.minutes, topics],
                )?;
                Some(s)
            }
            (Some(true), None) => Some(find_or_create_session(tx, r, &date, &topics, now)?.0),
            (_, Some(s)) => {
                // No longer a meeting: detach, and drop the session if nobody else reported it.
                tx.prepare_cached("UPDATE feedback SET session_id = NULL WHERE id = ?1")?
                    .execute([feedback_id])?;
                tx.prepare_cached("DELETE FROM sessions WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM feedback WHERE session_id = ?1)")?
.execute(
                    [s],
                )?;
                None
            }
            (_, None) => None,
        };
        tx.prepare_cached("UPDATE feedback SET session_id = ?2, inbound_id = coalesce(?3, inbound_id), rating = ?4,
                    notes = ?5, flagged = ?6, met = ?7, cancelled_by = ?8, report_date = ?9, updated_at = ?10
             WHERE id = ?1")?
.execute(
            params![
                feedback_id,
                session_id,
                r.inbound_id,
                r.rating,
                r.notes,
                r.flagged,
                r.met,
                cancelled,
                date,
                now
            ],
        )?;
        return Ok(Recorded {
            feedback_id,
            session_id,
            outcome: ReportOutcome::Corrected,
        });
    }

    let (session_id, outcome) = if r.met == Some(true) {
        let (id, joined) = find_or_create_session(tx, r, &date, &topics, now)?;
        let outcome = if joined {
            ReportOutcome::JoinedPartnersSession
        } else {
            ReportOutcome::NewSession
        };
        (Some(id), outcome)
    } else {
        (None, ReportOutcome::NoMeeting)
    };
    tx.prepare_cached("INSERT INTO feedback (session_id, pair_id, participant_id, inbound_id, rating, notes, flagged,
                               created_at, met, cancelled_by, report_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")?
.execute(
        params![
            session_id,
            r.pair_id,
            r.participant_id,
            r.inbound_id,
            r.rating,
            r.notes,
            r.flagged,
            now,
            r.met,
            cancelled,
            date
        ],
    )?;
    Ok(Recorded {
        feedback_id: tx.last_insert_rowid(),
        session_id,
        outcome,
    })
}

/// The partner's session of the same meeting (dates within a day, not yet reported by this
/// participant), completed with what this report adds; or a new session. Returns whether it
/// joined an existing one.
fn find_or_create_session(
    tx: &Transaction<'_>,
    r: &Report,
    date: &str,
    topics: &str,
    now: &str,
) -> Result<(i64, bool), StoreError> {
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT s.id, s.topics FROM sessions s
             WHERE s.pair_id = +?1 AND abs(julianday(s.date) - julianday(?2)) <= ?3
               AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.session_id = s.id AND f.participant_id = ?4)
             ORDER BY abs(julianday(s.date) - julianday(?2)), s.id LIMIT 1")?
.query_row(
            params![r.pair_id, date, SAME_MEETING_DAYS, r.participant_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    if let Some((id, old_topics)) = existing {
        let mut merged: Vec<String> = serde_json::from_str(&old_topics).unwrap_or_default();
        for t in &r.topics {
            if !merged.contains(t) {
                merged.push(t.clone());
            }
        }
        let merged = serde_json::to_string(&merged).unwrap_or_else(|_| "[]".to_string());
        tx.prepare_cached(
            "UPDATE sessions SET minutes = coalesce(minutes, ?2), topics = ?3 WHERE id = ?1",
        )?
        .execute(params![id, r.minutes, merged])?;
        return Ok((id, true));
    }
    tx.prepare_cached("INSERT INTO sessions (pair_id, met, date, minutes, topics, created_at) VALUES (?1, 1, ?2, ?3, ?4, ?5)")?
.execute(
        params![r.pair_id, date, r.minutes, topics, now],
    )?;
    Ok((tx.last_insert_rowid(), false))
}

/// Notes that the pair was in touch on `date` (a report, a conversation on the thread).
pub(crate) fn touch_contact(
    tx: &Transaction<'_>,
    pair_id: i64,
    date: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO pair_stats (pair_id, last_contact) VALUES (?1, ?2)
         ON CONFLICT(pair_id) DO UPDATE SET last_contact = max(coalesce(last_contact, ''), ?2)",
    )?
    .execute(params![pair_id, date])?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;

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

    #[test]
    fn a_corrected_report_replaces_the_earlier_one_and_totals_follow() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        store
            .record_report(&report(pair, mentor, 20), now())
            .unwrap();
        let mut fixed = report(pair, mentor, 20);
        fixed.minutes = Some(60);
        fixed.rating = Some(5);
        let r = store.record_report(&fixed, now()).unwrap();
        assert_eq!(r.outcome, ReportOutcome::Corrected);
        assert_eq!(count(&store, "SELECT count(*) FROM feedback"), 1);
        assert_eq!(count(&store, "SELECT minutes FROM totals"), 60);
        assert_eq!(count(&store, "SELECT rating_sum FROM totals"), 5);

        // Corrected to "we did not meet": the session goes, the feedback stays.
        let mut not_met = report(pair, mentor, 20);
        not_met.met = Some(false);
        not_met.rating = None;
        store.record_report(&not_met, now()).unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 0);
        assert_eq!(count(&store, "SELECT sessions FROM totals"), 0);
        assert_eq!(count(&store, "SELECT ratings FROM totals"), 0);
        assert_eq!(
            count(&store, "SELECT count(*) FROM feedback WHERE met = 0"),
            1
        );
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
        let again = store.record_report(&first, now()).unwrap();
        assert_eq!(again.outcome, ReportOutcome::Corrected);
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
        r.cancelled_by = Some(Role::Mentee);
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
