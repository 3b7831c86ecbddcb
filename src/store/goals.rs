//! Owns the SQL of a pair's goals: a new set written by either partner (the old set kept,
//! marked replaced), how far they got with each (said at the end), the current goals of one
//! pair or of every pair, and FORGET ME's part.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, StoreError, Tx, ts};
use crate::vocab::GoalOutcome;

/// One of a pair's current goals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// 1 to 3, as the partners numbered them.
    pub position: u8,
    pub text: String,
    pub outcome: Option<GoalOutcome>,
}

const CURRENT: &str =
    "SELECT pair_id, position, text, outcome FROM goals WHERE replaced_at IS NULL";

fn goal(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Goal)> {
    Ok((
        r.get(0)?,
        Goal {
            position: r.get(1)?,
            text: r.get(2)?,
            outcome: r.get(3)?,
        },
    ))
}

impl Tx<'_> {
    /// The pair's goals are now `texts` (1 to 3, in order), written by `by` in message
    /// `inbound`; the earlier set is kept, marked replaced.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_goals(
        &mut self,
        pair: i64,
        by: i64,
        inbound: Option<i64>,
        texts: &[String],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let now = ts(now);
        self.tx
            .prepare_cached(
                "UPDATE goals SET replaced_at = ?2 WHERE pair_id = ?1 AND replaced_at IS NULL",
            )?
            .execute(params![pair, now])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO goals (pair_id, position, text, set_by, inbound_id, set_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (position, text) in (1..=3).zip(texts) {
            insert.execute(params![pair, position, text, by, inbound, now])?;
        }
        Ok(())
    }

    /// How far the pair got with its current goal `position`, as `by` said; false when the
    /// pair has no such goal.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_goal_outcome(
        &mut self,
        pair: i64,
        position: u8,
        outcome: GoalOutcome,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let changed = self
            .tx
            .prepare_cached(
                "UPDATE goals SET outcome = ?3, outcome_by = ?4, outcome_at = ?5
                 WHERE pair_id = ?1 AND position = ?2 AND replaced_at IS NULL",
            )?
            .execute(params![pair, position, outcome, by, ts(now)])?;
        Ok(changed > 0)
    }

    /// The pair's current goals, in order.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pair_goals(&self, pair: i64) -> Result<Vec<Goal>, StoreError> {
        let mut stmt = self
            .tx
            .prepare_cached(&format!("{CURRENT} AND pair_id = ?1 ORDER BY position"))?;
        let goals = stmt
            .query_map([pair], goal)?
            .map(|r| r.map(|(_, g)| g))
            .collect::<Result<_, _>>()?;
        Ok(goals)
    }
}

/// One pair's current goals, with the partners' names, for the final report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairGoals {
    pub mentor: String,
    pub mentee: String,
    pub goals: Vec<Goal>,
}

impl Store {
    /// Every pair's current goals with the partners' names (pairs by id, goals in order);
    /// pairs without goals are left out.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn goals_by_pair(&self) -> Result<Vec<PairGoals>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT g.pair_id, m.name, e.name, g.position, g.text, g.outcome
             FROM goals g
             JOIN pairs p ON p.id = g.pair_id
             JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id
             WHERE g.replaced_at IS NULL
             ORDER BY g.pair_id, g.position",
        )?;
        let mut out: Vec<(i64, PairGoals)> = Vec::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                Goal {
                    position: r.get(3)?,
                    text: r.get(4)?,
                    outcome: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (pair, mentor, mentee, goal) = row?;
            match out.last_mut() {
                Some((id, p)) if *id == pair => p.goals.push(goal),
                _ => out.push((
                    pair,
                    PairGoals {
                        mentor,
                        mentee,
                        goals: vec![goal],
                    },
                )),
            }
        }
        Ok(out.into_iter().map(|(_, p)| p).collect())
    }

    /// Every pair's current goals, in order, by pair.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn current_goals(&self) -> Result<HashMap<i64, Vec<Goal>>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("{CURRENT} ORDER BY pair_id, position"))?;
        let mut out: HashMap<i64, Vec<Goal>> = HashMap::new();
        for row in stmt.query_map([], goal)? {
            let (pair, g) = row?;
            out.entry(pair).or_default().push(g);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::seed_pair;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_new_set_of_goals_keeps_the_old_one_and_outcomes_go_to_the_current_one() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, mentee) = seed_pair(&mut store, 1);
        let texts = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        store
            .write(|tx| {
                tx.set_goals(
                    pair,
                    mentor,
                    None,
                    &texts(&["Use AI tools", "Budgeting"]),
                    at("2027-01-12T09:00:00Z"),
                )?;
                tx.set_goals(
                    pair,
                    mentee,
                    None,
                    &texts(&["Use AI tools daily"]),
                    at("2027-01-13T09:00:00Z"),
                )?;
                assert!(tx.set_goal_outcome(
                    pair,
                    1,
                    GoalOutcome::Partly,
                    mentee,
                    at("2027-04-01T09:00:00Z")
                )?);
                assert!(!tx.set_goal_outcome(
                    pair,
                    2,
                    GoalOutcome::Reached,
                    mentee,
                    at("2027-04-01T09:00:00Z")
                )?);
                assert_eq!(
                    tx.pair_goals(pair)?,
                    vec![Goal {
                        position: 1,
                        text: "Use AI tools daily".into(),
                        outcome: Some(GoalOutcome::Partly),
                    }]
                );
                Ok::<_, StoreError>(())
            })
            .unwrap();
        assert_eq!(
            store.query_i64("SELECT count(*) FROM goals"),
            3,
            "nothing lost"
        );
        assert_eq!(store.current_goals().unwrap()[&pair].len(), 1);
    }
}
