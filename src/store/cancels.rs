//! Owns the SQL of a pair's run of meetings cancelled by one side: the reports that say
//! whether the pair met (the rule `program::cancelled_in_a_row` reads them), the run kept
//! on the pair, and the pairs HR should see.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, Tx};
use crate::config::Role;

/// One report of a pair that says whether they met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairReport {
    pub day: NaiveDate,
    /// The participant who reported it.
    pub by: i64,
    pub met: bool,
    pub cancelled_by: Option<Role>,
}

/// The side that cancelled the pair's last missed meetings in a row, and how many.
pub type CancelRun = Option<(Role, u32)>;

/// A pair whose same side cancelled two or more meetings in a row: for the HR digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatCanceller {
    pub pair_id: i64,
    pub name: String,
    pub email: String,
    pub side: Role,
    pub partner: String,
    pub times: u32,
}

fn role(s: Option<String>) -> Option<Role> {
    s.and_then(|s| s.parse().ok())
}

impl Tx<'_> {
    /// The pair's reports that say whether they met, oldest first.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pair_reports(&self, pair: i64) -> Result<Vec<PairReport>, StoreError> {
        let mut stmt = self.tx.prepare_cached(
            // NOTE: sorted here, not by SQLite: ORDER BY report_date could lead the planner
            // to walk the date index over every pair's reports.
            "SELECT report_date, participant_id, met, cancelled_by, id FROM feedback
             WHERE pair_id = ?1 AND met IS NOT NULL AND report_date IS NOT NULL",
        )?;
        let mut rows = stmt
            .query_map([pair], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.sort_by(|a, b| (&a.0, a.4).cmp(&(&b.0, b.4)));
        let mut out = Vec::new();
        for (day, by, met, cancelled_by, _) in rows {
            // NOTE: a day that does not parse is no report of this rule's (never written
            // so by the store).
            if let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                out.push(PairReport {
                    day,
                    by,
                    met,
                    cancelled_by: role(cancelled_by),
                });
            }
        }
        Ok(out)
    }

    /// The run kept on the pair.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn cancel_run(&self, pair: i64) -> Result<CancelRun, StoreError> {
        let row: Option<(i64, Option<String>)> = self
            .tx
            .prepare_cached("SELECT cancel_run, cancel_side FROM pairs WHERE id = ?1")?
            .query_row([pair], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.and_then(|(n, side)| {
            let n = u32::try_from(n).ok().filter(|n| *n > 0)?;
            Some((role(side)?, n))
        }))
    }

    /// Keeps `run` on the pair.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_cancel_run(&mut self, pair: i64, run: CancelRun) -> Result<(), StoreError> {
        let (n, side) = match run {
            Some((side, n)) => (i64::from(n), Some(side.as_str())),
            None => (0, None),
        };
        self.tx
            .prepare_cached("UPDATE pairs SET cancel_run = ?2, cancel_side = ?3 WHERE id = ?1")?
            .execute(params![pair, n, side])?;
        Ok(())
    }
}

impl Store {
    /// Active pairs whose same side cancelled two or more meetings in a row: the person of
    /// that side, their partner, and how many.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn repeat_cancellers(&self) -> Result<Vec<RepeatCanceller>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.cancel_side, p.cancel_run, m.name, m.email, e.name, e.email
             FROM pairs p
             JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id
             WHERE p.status = 'active' AND p.cancel_run >= 2
               AND m.status <> 'forgotten' AND e.status <> 'forgotten'
             ORDER BY p.cancel_run DESC, p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                (r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                (r.get::<_, String>(5)?, r.get::<_, String>(6)?),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (pair_id, side, times, mentor, mentee) = row?;
            let Some(side) = role(side) else { continue };
            let ((name, email), (partner, _)) = match side {
                Role::Mentor => (mentor, mentee),
                Role::Mentee => (mentee, mentor),
            };
            out.push(RepeatCanceller {
                pair_id,
                name,
                email,
                side,
                partner,
                times: u32::try_from(times).unwrap_or(u32::MAX),
            });
        }
        Ok(out)
    }
}
