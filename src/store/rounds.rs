//! Owns the SQL of rounds and pairs: creating a round with its pairs in one transaction,
//! who was paired with whom before, the active pairs, and ending a pair mid-round with an
//! optional replacement. Does not choose pairs (`pairing` does) nor send introductions.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::Unit;

use super::{Store, StoreError, Tx, ts};
use crate::vocab::ParticipantStatus;

/// A pair to store, by the participants' addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPair {
    pub mentor: String,
    pub mentee: String,
    pub score: i64,
    /// The reasons HR and the introduction show.
    pub reasons: String,
}

/// A pair as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPair {
    pub id: i64,
    /// The number of its round.
    pub round: i64,
    pub mentor: String,
    pub mentee: String,
    pub score: i64,
    pub reasons: String,
}

/// What creating a round did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundCreated {
    pub id: i64,
    /// 1 for the first round, then 2, 3…
    pub number: i64,
    /// The ids of the new pairs, in the order given.
    pub pair_ids: Vec<i64>,
    /// Active pairs of earlier rounds that this round ended.
    pub ended: usize,
}

fn participant_id(tx: &Unit<'_>, email: &str) -> Result<i64, StoreError> {
    tx.query_row(
        "SELECT id FROM participants WHERE email = ?1",
        [email],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: format!("participant {email} (sync the participants first)"),
    })
}

pub(super) fn insert_pair(
    tx: &Unit<'_>,
    round_id: i64,
    pair: &NewPair,
    now: &str,
) -> Result<i64, StoreError> {
    let mentor = participant_id(tx, &pair.mentor)?;
    let mentee = participant_id(tx, &pair.mentee)?;
    let inserted = tx.execute(
        "INSERT INTO pairs (round_id, mentor_id, mentee_id, score, reasons, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![round_id, mentor, mentee, pair.score, pair.reasons, now],
    );
    match inserted {
        Ok(_) => Ok(tx.last_insert_rowid()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Err(StoreError::Duplicate {
                key: format!("pair {} and {} in one round", pair.mentor, pair.mentee),
            })
        }
        Err(err) => Err(err.into()),
    }
}

/// The body of [`Store::create_round`], inside the caller's transaction.
fn create_round_in(
    tx: &Unit<'_>,
    reason: &str,
    pairs: &[NewPair],
    keep: &[i64],
    now: &str,
) -> Result<RoundCreated, StoreError> {
    let number: i64 = tx.query_row("SELECT coalesce(max(number), 0) + 1 FROM rounds", [], |r| {
        r.get(0)
    })?;
    tx.execute(
        "INSERT INTO rounds (number, created_at, reason) VALUES (?1, ?2, ?3)",
        params![number, now, reason],
    )?;
    let id = tx.last_insert_rowid();
    let active: Vec<i64> = tx
        .prepare("SELECT id FROM pairs WHERE status = 'active'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut ended = 0;
    for pair in active.iter().filter(|p| !keep.contains(p)) {
        ended += tx.execute(
            "UPDATE pairs SET status = 'ended', ended_at = ?1, end_reason = ?2 WHERE id = ?3",
            params![now, format!("round {number} started"), pair],
        )?;
    }
    let mut pair_ids = Vec::with_capacity(pairs.len());
    for pair in pairs {
        pair_ids.push(insert_pair(tx, id, pair, now)?);
    }
    tx.execute(
        "INSERT INTO events (at, kind, subject, detail) VALUES (?1, 'round_created', ?2, ?3)",
        params![
            now,
            format!("round {number}"),
            format!(
                "{} pairs; {ended} earlier pairs ended, {} went on; {reason}",
                pairs.len(),
                keep.len()
            )
        ],
    )?;
    Ok(RoundCreated {
        id,
        number,
        pair_ids,
        ended,
    })
}

impl Tx<'_> {
    /// [`Store::create_round`] inside this transaction, so a round and the introductions of
    /// its pairs commit together.
    ///
    /// # Errors
    /// As [`Store::create_round`]; the caller's transaction should then roll back.
    pub fn create_round(
        &mut self,
        reason: &str,
        pairs: &[NewPair],
        now: DateTime<Utc>,
    ) -> Result<RoundCreated, StoreError> {
        create_round_in(&self.tx, reason, pairs, &[], &ts(now))
    }

    /// Whether `person` had a partner before `pair` (a re-pairing): a pair of theirs that
    /// ended, or one of an earlier round. A second partner of the same round is not one.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn had_earlier_pair(&self, person: i64, pair: i64) -> Result<bool, StoreError> {
        Ok(self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM pairs WHERE (mentor_id = ?1 OR mentee_id = ?1)
                                AND id <> ?2
                                AND (status = 'ended'
                                     OR round_id < (SELECT round_id FROM pairs WHERE id = ?2)))",
            params![person, pair],
            |r| r.get(0),
        )?)
    }

    /// [`Tx::create_round`] that keeps the active pairs `keep` going (a rematch round that
    /// leaves working pairs alone, a fill); every other active pair ends.
    ///
    /// # Errors
    /// As [`Store::create_round`].
    pub fn create_round_keeping(
        &mut self,
        reason: &str,
        pairs: &[NewPair],
        keep: &[i64],
        now: DateTime<Utc>,
    ) -> Result<RoundCreated, StoreError> {
        create_round_in(&self.tx, reason, pairs, keep, &ts(now))
    }
}

impl Store {
    /// The active pairs with a meeting (not retracted) dated `since` or later.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pairs_met_since(&self, since: NaiveDate) -> Result<Vec<i64>, StoreError> {
        Ok(self
            .conn
            .prepare(
                "SELECT DISTINCT s.pair_id FROM sessions s JOIN pairs p ON p.id = s.pair_id
                 WHERE p.status = 'active' AND s.met = 1 AND s.retracted_at IS NULL
                   AND s.date >= ?1 ORDER BY s.pair_id",
            )?
            .query_map([since.to_string()], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// Creates the next round with `pairs`, in one IMMEDIATE transaction: the round, its
    /// pairs, and the end of every pair still active from earlier rounds (a new round
    /// replaces them), plus an audit event.
    ///
    /// # Errors
    /// `NotFound` when a pair names someone not in the store (call `sync_participants`
    /// first), `Duplicate` for a pair listed twice, `Sqlite` otherwise; nothing is stored
    /// then.
    pub fn create_round(
        &mut self,
        reason: &str,
        pairs: &[NewPair],
        now: DateTime<Utc>,
    ) -> Result<RoundCreated, StoreError> {
        let tx = self.begin()?;
        let created = create_round_in(&tx, reason, pairs, &[], &ts(now))?;
        tx.commit()?;
        Ok(created)
    }

    /// Every pair ever made, active or ended, as (mentor address, mentee address): the
    /// history later rounds must not repeat.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pair_history(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT m.email, e.email FROM pairs p
             JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id
             ORDER BY m.email, e.email",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The active pairs, by id.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn active_pairs(&self) -> Result<Vec<StoredPair>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, r.number, m.email, e.email, p.score, p.reasons FROM pairs p
             JOIN rounds r ON r.id = p.round_id
             JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id
             WHERE p.status = 'active' ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredPair {
                id: r.get(0)?,
                round: r.get(1)?,
                mentor: r.get(2)?,
                mentee: r.get(3)?,
                score: r.get(4)?,
                reasons: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every participant's address and status (`active`, `paused`, `stopped`, `left`,
    /// `forgotten`).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn participant_statuses(&self) -> Result<Vec<(String, ParticipantStatus)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT email, status FROM participants ORDER BY email")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Ends the active pair `pair_id` (someone left or said STOP) and, when given, adds its
    /// replacement to the same round, in one IMMEDIATE transaction. Returns the new pair's
    /// id.
    ///
    /// # Errors
    /// `NotFound` when no active pair has this id or the replacement names someone not in
    /// the store, `Duplicate` when the replacement already exists in that round, `Sqlite`
    /// otherwise; nothing is changed then.
    pub fn end_pair(
        &mut self,
        pair_id: i64,
        reason: &str,
        now: DateTime<Utc>,
        replacement: Option<&NewPair>,
    ) -> Result<Option<i64>, StoreError> {
        let now = ts(now);
        let tx = self.begin()?;
        let round_id: i64 = tx
            .query_row(
                "SELECT round_id FROM pairs WHERE id = ?1 AND status = 'active'",
                [pair_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("active pair {pair_id}"),
            })?;
        tx.execute(
            "UPDATE pairs SET status = 'ended', ended_at = ?2, end_reason = ?3 WHERE id = ?1",
            params![pair_id, now, reason],
        )?;
        let added = replacement
            .map(|pair| insert_pair(&tx, round_id, pair, &now))
            .transpose()?;
        tx.commit()?;
        Ok(added)
    }
}

impl Tx<'_> {
    /// The first meetings proposed to any of `people` that start after `now`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn proposed_meetings(
        &self,
        people: &[i64],
        now: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>, StoreError> {
        let mut out = Vec::new();
        let mut stmt = self.tx.prepare_cached(
            "SELECT starts_at FROM proposed_meetings WHERE participant_id = ?1 AND starts_at > ?2",
        )?;
        for person in people {
            let found: Vec<String> = stmt
                .query_map(params![person, ts(now)], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            out.extend(found.iter().filter_map(|t| {
                DateTime::parse_from_rfc3339(t)
                    .ok()
                    .map(|d| d.with_timezone(&Utc))
            }));
        }
        Ok(out)
    }

    /// Forgets the first meeting `pair`'s introduction proposed (the pair ended), and gives
    /// its start when it is still to come after `now`: that invitation is to be cancelled.
    /// A second call gives nothing, so a meeting is cancelled once.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn take_proposed_meeting(
        &mut self,
        pair: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let start: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT max(starts_at) FROM proposed_meetings WHERE pair_id = ?1 AND starts_at > ?2",
            )?
            .query_row(params![pair, ts(now)], |r| r.get(0))?;
        self.tx
            .prepare_cached("DELETE FROM proposed_meetings WHERE pair_id = ?1 AND starts_at > ?2")?
            .execute(params![pair, ts(now)])?;
        Ok(start.and_then(|t| {
            DateTime::parse_from_rfc3339(&t)
                .ok()
                .map(|d| d.with_timezone(&Utc))
        }))
    }

    /// The ended pairs whose proposed first meeting is still to come after `now` (a round
    /// ended them): each pair once, oldest first. [`Tx::take_proposed_meeting`] takes each.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn ended_pairs_with_meetings(&self, now: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
        let ids = self
            .tx
            .prepare_cached(
                "SELECT DISTINCT m.pair_id FROM proposed_meetings m
                 JOIN pairs p ON p.id = m.pair_id
                 WHERE p.status <> 'active' AND m.starts_at > ?1 ORDER BY m.pair_id",
            )?
            .query_map([ts(now)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Records the first meeting a pair's introduction proposed to each of `people`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn propose_meeting(
        &mut self,
        pair: i64,
        people: &[i64],
        start: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO proposed_meetings (participant_id, pair_id, starts_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO UPDATE SET starts_at = excluded.starts_at",
        )?;
        for person in people {
            stmt.execute(params![person, pair, ts(start)])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_support::{mentee, mentor};

    fn t(day: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2027-01-{day:02}T09:00:00Z"))
            .unwrap()
            .with_timezone(&Utc)
    }

    fn pair(m: &str, e: &str) -> NewPair {
        NewPair {
            mentor: format!("{m}@x.example"),
            mentee: format!("{e}@x.example"),
            score: 7,
            reasons: "because".into(),
        }
    }

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let people = [mentor("a"), mentor("b"), mentee("c"), mentee("d")];
        store.sync_participants(&people, t(1)).unwrap();
        store
    }

    #[test]
    fn a_new_round_ends_the_pairs_of_the_last_and_keeps_them_as_history() {
        let mut store = store();
        let first = store
            .create_round("first", &[pair("a", "c"), pair("b", "d")], t(1))
            .unwrap();
        assert_eq!((first.number, first.ended, first.pair_ids.len()), (1, 0, 2));
        let second = store
            .create_round("rematch", &[pair("a", "d")], t(2))
            .unwrap();
        assert_eq!((second.number, second.ended), (2, 2));
        let active = store.active_pairs().unwrap();
        assert_eq!(active.len(), 1);
        assert_eq!(
            (
                active[0].round,
                active[0].mentor.as_str(),
                active[0].mentee.as_str()
            ),
            (2, "a@x.example", "d@x.example")
        );
        assert_eq!(
            store.pair_history().unwrap(),
            vec![
                ("a@x.example".to_string(), "c@x.example".to_string()),
                ("a@x.example".to_string(), "d@x.example".to_string()),
                ("b@x.example".to_string(), "d@x.example".to_string()),
            ]
        );
        assert_eq!(store.count_events("round_created").unwrap(), 2);
    }

    #[test]
    fn a_round_naming_a_stranger_stores_nothing() {
        let mut store = store();
        let err = store
            .create_round("first", &[pair("a", "c"), pair("x", "d")], t(1))
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
        assert!(store.active_pairs().unwrap().is_empty());
        let again = store
            .create_round("first", &[pair("a", "c")], t(1))
            .unwrap();
        assert_eq!(again.number, 1);
    }

    #[test]
    fn ending_a_pair_can_add_its_replacement_to_the_same_round() {
        let mut store = store();
        let round = store
            .create_round("first", &[pair("a", "c"), pair("b", "d")], t(1))
            .unwrap();
        let new_id = store
            .end_pair(
                round.pair_ids[0],
                "a said STOP",
                t(3),
                Some(&pair("b", "c")),
            )
            .unwrap()
            .unwrap();
        let active = store.active_pairs().unwrap();
        assert_eq!(active.len(), 2);
        assert!(active.iter().any(|p| p.id == new_id && p.round == 1));
        assert!(active.iter().all(|p| p.id != round.pair_ids[0]));
        // the same pair cannot be ended twice
        assert!(matches!(
            store.end_pair(round.pair_ids[0], "again", t(4), None),
            Err(StoreError::NotFound { .. })
        ));
        // a replacement that already exists in the round changes nothing
        let err = store
            .end_pair(round.pair_ids[1], "d left", t(4), Some(&pair("b", "c")))
            .unwrap_err();
        assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
        assert_eq!(store.active_pairs().unwrap().len(), 2);
    }

    #[test]
    fn statuses_list_every_participant() {
        let store = store();
        let statuses = store.participant_statuses().unwrap();
        assert_eq!(statuses.len(), 4);
        assert!(
            statuses
                .iter()
                .all(|(_, s)| *s == crate::vocab::ParticipantStatus::Active)
        );
    }
}
