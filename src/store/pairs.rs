//! Owns the SQL of pairs as inbound mail and commands need them, inside the caller's write
//! transaction ([`Tx`]): a pair by id, a person's active pairs, ending a pair and adding
//! its replacements, the state pairing needs to find replacements, and since when each
//! person is paired (the first day a meeting they report can be).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::rounds::insert_pair;
use super::{NewPair, Store, StoreError, Tx, ts};
use crate::vocab::PairStatus;

/// A pair as routing needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRef {
    pub id: i64,
    pub round_id: i64,
    /// The round's number (part of the introduction's idempotency key).
    pub round: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    /// Not ended.
    pub active: bool,
}

impl PairRef {
    /// Whether `participant` is one of the two.
    pub fn has(&self, participant: i64) -> bool {
        self.mentor_id == participant || self.mentee_id == participant
    }

    /// The other partner of `participant`.
    pub fn other(&self, participant: i64) -> i64 {
        if self.mentor_id == participant {
            self.mentee_id
        } else {
            self.mentor_id
        }
    }
}

fn row_to_pair(r: &rusqlite::Row<'_>) -> rusqlite::Result<PairRef> {
    Ok(PairRef {
        id: r.get(0)?,
        round_id: r.get(1)?,
        round: r.get(2)?,
        mentor_id: r.get(3)?,
        mentee_id: r.get(4)?,
        active: r.get::<_, PairStatus>(5)? == PairStatus::Active,
    })
}

const PAIR_SELECT: &str = "SELECT p.id, p.round_id, r.number, p.mentor_id, p.mentee_id, p.status
     FROM pairs p JOIN rounds r ON r.id = p.round_id";

/// What the pairing engine needs to find replacements, read inside the transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairingState {
    /// Every pair ever made, as (mentor, mentee) addresses.
    pub history: Vec<(String, String)>,
    /// The active pairs, as (mentor, mentee) addresses.
    pub current: Vec<(String, String)>,
    /// Addresses of participants who may not be paired now (not active, or bouncing).
    pub unavailable: Vec<String>,
}

impl Tx<'_> {
    /// The pair with this id, active or ended.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pair_ref(&self, id: i64) -> Result<Option<PairRef>, StoreError> {
        Ok(self
            .tx
            .prepare_cached(&format!("{PAIR_SELECT} WHERE p.id = ?1"))?
            .query_row([id], row_to_pair)
            .optional()?)
    }

    /// The active pairs of a participant, oldest first.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn active_pairs_of(&self, participant: i64) -> Result<Vec<PairRef>, StoreError> {
        let mut stmt = self.tx.prepare_cached(&format!(
            "{PAIR_SELECT} WHERE p.status = 'active' AND p.mentor_id = ?1
             UNION ALL {PAIR_SELECT} WHERE p.status = 'active' AND p.mentee_id = ?1"
        ))?;
        let mut pairs: Vec<PairRef> = stmt
            .query_map([participant], row_to_pair)?
            .collect::<Result<_, _>>()?;
        pairs.sort_by_key(|p| p.id);
        Ok(pairs)
    }

    /// Participants whose address is disabled for bouncing (by a delivery report or by our
    /// relay) who are still in an active pair.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn unreachable_in_pairs(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT p.id FROM participants p
             WHERE p.bouncing = 1 AND p.status IN ('active', 'paused')
               AND EXISTS (SELECT 1 FROM pairs q WHERE q.status = 'active'
                           AND (q.mentor_id = p.id OR q.mentee_id = p.id))
             ORDER BY p.id",
        )?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Ends an active pair and adds `replacements` to its round; returns the new pairs' ids
    /// (nothing when the pair had already ended).
    ///
    /// # Errors
    /// `Duplicate` for a replacement already in the round, `NotFound` for one naming a
    /// stranger, `Sqlite` otherwise.
    pub fn end_pair_with(
        &mut self,
        pair: &PairRef,
        reason: &str,
        now: DateTime<Utc>,
        replacements: &[NewPair],
    ) -> Result<Vec<i64>, StoreError> {
        let now_s = ts(now);
        let ended = self.tx.execute(
            "UPDATE pairs SET status = 'ended', ended_at = ?2, end_reason = ?3
             WHERE id = ?1 AND status = 'active'",
            params![pair.id, now_s, reason],
        )?;
        if ended == 0 {
            return Ok(Vec::new());
        }
        replacements
            .iter()
            .map(|p| insert_pair(&self.tx, pair.round_id, p, &now_s))
            .collect()
    }

    /// History, current pairs and unavailable people, for `pairing::repair`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pairing_state(&self) -> Result<PairingState, StoreError> {
        let mut state = PairingState::default();
        let mut stmt = self.tx.prepare_cached(
            "SELECT m.email, e.email, p.status = 'active' FROM pairs p
             JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (mentor, mentee, active): (String, String, bool) = row?;
            if active {
                state.current.push((mentor.clone(), mentee.clone()));
            }
            state.history.push((mentor, mentee));
        }
        state.unavailable = self
            .tx
            .prepare_cached(
                "SELECT email FROM participants WHERE status <> 'active' OR bouncing = 1",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(state)
    }
}

impl Store {
    /// The id of the newest pair (0 without any): it changes whenever a pair is made.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn newest_pair(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM pairs")?
            .query_row([], |r| r.get(0))?)
    }

    /// When each participant's current pairs were made (the earliest active one; without
    /// an active pair, their first pair), by lowercased address: a meeting they report
    /// was not before it.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn paired_since(&self) -> Result<HashMap<String, DateTime<Utc>>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT lower(x.email),
                    coalesce(min(CASE WHEN p.status = 'active' THEN p.created_at END),
                             min(p.created_at))
             FROM participants x
             JOIN pairs p ON p.mentor_id = x.id OR p.mentee_id = x.id
             GROUP BY x.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (email, at) = row?;
            if let Ok(at) = DateTime::parse_from_rfc3339(&at) {
                out.insert(email, at.with_timezone(&Utc));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::sessions::testutil::*;
    use super::*;
    use crate::store::Store;

    #[test]
    fn ending_a_pair_twice_replaces_it_once() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, _, _) = seed_pair(&mut store, 1);
        let (_, other_mentor, _) = seed_pair(&mut store, 2);
        let now = at("2027-01-12T10:00:00Z");
        let ids = store
            .write(|tx| {
                let p = tx.pair_ref(pair)?.unwrap();
                let replacement = NewPair {
                    mentor: "mentor2@x.example".into(),
                    mentee: "mentee1@x.example".into(),
                    score: 1,
                    reasons: "replacement".into(),
                };
                let first =
                    tx.end_pair_with(&p, "rematch", now, std::slice::from_ref(&replacement))?;
                let second = tx.end_pair_with(&p, "rematch", now, &[replacement])?;
                Ok::<_, StoreError>((first, second, tx.active_pairs_of(other_mentor)?.len()))
            })
            .unwrap();
        assert_eq!(ids.0.len(), 1);
        assert!(ids.1.is_empty());
        assert_eq!(ids.2, 2);
    }
}
