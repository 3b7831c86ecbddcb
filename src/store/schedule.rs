//! Owns the SQL the scheduled jobs read: who is reachable now (status, pause, bounces), the
//! active pairs with their last contact, SKIP requests, rounds made for an occurrence, one
//! participant's own activity for their digest, the queued emails of a kind, and a batched
//! report insert for seeding large logs. Does not decide who gets what (the job handler does).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::sessions::{Recorded, Report, record_in};
use super::{Store, StoreError, ts};
use crate::config::Role;
use crate::vocab::{EmailKind, OutboxState, ParticipantStatus};

/// A participant as the scheduler sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonState {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub status: ParticipantStatus,
    /// For a paused participant: when the pause ends (RFC 3339, or a `YYYY-MM-DD` date).
    pub paused_until: Option<String>,
    /// The relay refused the address for good.
    pub bouncing: bool,
}

impl PersonState {
    /// Whether mail may go to this person at `now`: active, or paused with the pause over,
    /// and not bouncing. The same rule the outbox applies when it claims a row, so nothing
    /// is queued that the sender would suppress.
    pub fn reachable(&self, now: DateTime<Utc>) -> bool {
        if self.bouncing {
            return false;
        }
        match self.status {
            ParticipantStatus::Active => true,
            // NOTE: compared as text, exactly as the outbox does: a date `2027-03-01` sorts
            // before any instant of that day, so the pause ends as the day starts (UTC).
            ParticipantStatus::Paused => self
                .paused_until
                .as_deref()
                .is_some_and(|until| until <= ts(now).as_str()),
            _ => false,
        }
    }
}

/// An active pair as the scheduler sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledPair {
    pub id: i64,
    /// The number of its round: part of the introduction's idempotency key.
    pub round: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub mentor: String,
    pub mentee: String,
    /// The pairing's reasons, one sentence with parts separated by `; `.
    pub reasons: String,
    /// When the pair was made (RFC 3339).
    pub created_at: String,
    /// The last day the pair was in touch (a report of either partner), if ever.
    pub last_contact: Option<NaiveDate>,
}

impl ScheduledPair {
    /// When the pair was made, if the stored text parses.
    pub fn created(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.created_at)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

/// One of a participant's active pairs, with what the pair did.
#[derive(Debug, Clone, PartialEq)]
pub struct PairActivity {
    pub pair_id: i64,
    pub partner_name: String,
    /// The partner's role.
    pub partner_role: Role,
    pub period_sessions: i64,
    pub period_minutes: i64,
    /// Topics of the period's sessions, most frequent first.
    pub period_topics: Vec<String>,
    pub total_sessions: i64,
    pub total_minutes: i64,
    pub last_session: Option<NaiveDate>,
    /// When the pair was made (RFC 3339).
    pub created_at: String,
}

/// A queued email, as tests and tools list them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedEmail {
    pub key: String,
    pub recipients: Vec<String>,
    pub state: OutboxState,
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok())
}

impl Store {
    /// Every participant with their status, by id.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn people(&self) -> Result<Vec<PersonState>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, email, name, status, paused_until, bouncing FROM participants ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PersonState {
                id: r.get(0)?,
                email: r.get(1)?,
                name: r.get(2)?,
                status: r.get(3)?,
                paused_until: r.get(4)?,
                bouncing: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The active pairs with their round and last contact, by id.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn scheduled_pairs(&self) -> Result<Vec<ScheduledPair>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, r.number, p.mentor_id, p.mentee_id, m.email, e.email, p.reasons,
                    p.created_at, s.last_contact
             FROM pairs p
             JOIN rounds r ON r.id = p.round_id
             JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id
             LEFT JOIN pair_stats s ON s.pair_id = p.id
             WHERE p.status = 'active' ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ScheduledPair {
                id: r.get(0)?,
                round: r.get(1)?,
                mentor_id: r.get(2)?,
                mentee_id: r.get(3)?,
                mentor: r.get(4)?,
                mentee: r.get(5)?,
                reasons: r.get(6)?,
                created_at: r.get(7)?,
                last_contact: date(r.get(8)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether `email` asked to skip a prompt (an event of kind `skip` whose subject is the
    /// address) in `(after, until]`, and that request was not used yet (an event of kind
    /// `skip_used` after it, which [`Store::use_skip`] writes).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn skipped(
        &self,
        email: &str,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events WHERE kind = 'skip' AND at <= ?3
                                AND subject = ?1 COLLATE NOCASE
                                AND at > max(?2, coalesce((SELECT max(at) FROM events
                                    WHERE kind = 'skip_used' AND subject = ?1 COLLATE NOCASE), '')))",
        )?
        .query_row(params![email, ts(after), ts(until)], |r| r.get(0))?)
    }

    /// Records that `email`'s SKIP held the prompt due at `at`: the request is used.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn use_skip(&mut self, email: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.record_event(at, "skip_used", Some(email), Some("a prompt was skipped"))
    }

    /// The number of the round stored with exactly this reason, if any.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn round_with_reason(&self, reason: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT number FROM rounds WHERE reason = ?1",
                [reason],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// How many rounds were ever made.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn round_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM rounds", [], |r| r.get(0))?)
    }

    /// What each active pair of `participant_id` did in `[from, to]` and to date. Only
    /// their own pairs: nothing about anyone else's.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pair_activity(
        &self,
        participant_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<PairActivity>, StoreError> {
        let mut pairs = self.conn.prepare_cached(
            "SELECT p.id, o.name, o.role, coalesce(s.sessions, 0), coalesce(s.minutes, 0),
                    s.last_session, p.created_at
             FROM pairs p
             JOIN participants o
               ON o.id = CASE WHEN p.mentor_id = ?1 THEN p.mentee_id ELSE p.mentor_id END
             LEFT JOIN pair_stats s ON s.pair_id = p.id
             WHERE p.status = 'active' AND (p.mentor_id = ?1 OR p.mentee_id = ?1)
             ORDER BY p.id",
        )?;
        let mut period = self.conn.prepare_cached(
            "SELECT count(*), coalesce(sum(minutes), 0) FROM sessions
             WHERE pair_id = ?1 AND date BETWEEN ?2 AND ?3 AND retracted_at IS NULL",
        )?;
        let mut topics = self.conn.prepare_cached(
            "SELECT t.value, count(*) AS n FROM sessions s, json_each(s.topics) t
             WHERE s.pair_id = ?1 AND s.date BETWEEN ?2 AND ?3 AND s.retracted_at IS NULL
             GROUP BY t.value ORDER BY n DESC, t.value",
        )?;
        let (from, to) = (from.to_string(), to.to_string());
        let rows = pairs.query_map([participant_id], |r| {
            Ok(PairActivity {
                pair_id: r.get(0)?,
                partner_name: r.get(1)?,
                partner_role: super::role_at(r, 2)?,
                period_sessions: 0,
                period_minutes: 0,
                period_topics: Vec::new(),
                total_sessions: r.get(3)?,
                total_minutes: r.get(4)?,
                last_session: date(r.get(5)?),
                created_at: r.get(6)?,
            })
        })?;
        let mut out: Vec<PairActivity> = rows.collect::<Result<_, _>>()?;
        for a in &mut out {
            (a.period_sessions, a.period_minutes) =
                period.query_row(params![a.pair_id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
            a.period_topics = topics
                .query_map(params![a.pair_id, from, to], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
        }
        Ok(out)
    }

    /// The queued emails of `kind`, by id.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn queued(&self, kind: EmailKind) -> Result<Vec<QueuedEmail>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT idempotency_key, recipient, state FROM outbox WHERE kind = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([kind], |r| {
            Ok(QueuedEmail {
                key: r.get(0)?,
                recipients: r
                    .get::<_, String>(1)?
                    .split(", ")
                    .map(str::to_string)
                    .collect(),
                state: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records many reports in one IMMEDIATE transaction, each exactly as
    /// [`Store::record_report`] would (for imports and for seeding benchmarks).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails; nothing is written then.
    pub fn record_reports(
        &mut self,
        reports: &[Report],
        now: DateTime<Utc>,
    ) -> Result<Vec<Recorded>, StoreError> {
        let now = ts(now);
        let tx = self.begin()?;
        let recorded = reports
            .iter()
            .map(|r| record_in(&tx, r, None, &now))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        Ok(recorded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::seed_pair;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn person(status: &str, until: Option<&str>, bouncing: bool) -> PersonState {
        PersonState {
            id: 1,
            email: "a@x.example".into(),
            name: "A".into(),
            status: status.parse().unwrap(),
            paused_until: until.map(str::to_string),
            bouncing,
        }
    }

    #[test]
    fn a_pause_that_has_ended_counts_as_active_and_bouncing_never_does() {
        let now = at("2027-03-01T09:00:00Z");
        assert!(person("active", None, false).reachable(now));
        assert!(!person("active", None, true).reachable(now));
        assert!(!person("paused", None, false).reachable(now));
        assert!(!person("paused", Some("2027-03-02"), false).reachable(now));
        assert!(person("paused", Some("2027-03-01"), false).reachable(now));
        assert!(person("paused", Some("2027-02-28T12:00:00.000Z"), false).reachable(now));
        assert!(!person("stopped", None, false).reachable(now));
        assert!(!person("left", None, false).reachable(now));
    }

    #[test]
    fn a_skip_counts_only_inside_its_window_and_for_its_sender() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .record_event(
                at("2027-03-03T12:00:00Z"),
                "skip",
                Some("Ann@x.example"),
                None,
            )
            .unwrap();
        let (from, to) = (at("2027-03-01T09:00:00Z"), at("2027-03-08T09:00:00Z"));
        assert!(store.skipped("ann@x.example", from, to).unwrap());
        assert!(!store.skipped("bob@x.example", from, to).unwrap());
        assert!(
            !store
                .skipped("ann@x.example", to, at("2027-03-15T09:00:00Z"))
                .unwrap()
        );
        // Once used, the same request holds no later prompt.
        store.use_skip("ann@x.example", to).unwrap();
        assert!(
            !store
                .skipped("ann@x.example", from, at("2027-03-15T09:00:00Z"))
                .unwrap()
        );
    }

    #[test]
    fn pair_activity_counts_the_period_and_lists_its_topics() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, mentee) = seed_pair(&mut store, 1);
        let day = |d| NaiveDate::from_ymd_opt(2027, 2, d).unwrap();
        let report = |who, d, topics: &[&str]| Report {
            pair_id: pair,
            participant_id: who,
            inbound_id: None,
            met: Some(true),
            date: day(d),
            minutes: Some(30),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            rating: Some(5),
            notes: None,
            flagged: false,
            cancelled_by: None,
        };
        store
            .record_reports(
                &[
                    report(mentor, 2, &["ai tools"]),
                    report(mentor, 10, &["ai tools", "career"]),
                    report(mentee, 20, &["career"]),
                ],
                at("2027-02-21T10:00:00Z"),
            )
            .unwrap();
        let a = store.pair_activity(mentee, day(8), day(28)).unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].partner_name, "mentor 1");
        assert_eq!(a[0].partner_role, Role::Mentor);
        assert_eq!((a[0].period_sessions, a[0].period_minutes), (2, 60));
        assert_eq!(a[0].period_topics, vec!["career", "ai tools"]);
        assert_eq!((a[0].total_sessions, a[0].total_minutes), (3, 90));
        assert_eq!(a[0].last_session, Some(day(20)));
        assert!(
            store
                .pair_activity(9999, day(1), day(28))
                .unwrap()
                .is_empty()
        );
    }
}
