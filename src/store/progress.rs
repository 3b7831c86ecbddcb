//! Owns the `loop_progress` table: what each loop of the daemon was last seen doing, written
//! by the daemon's watchdog and read by `upward status`. Does not decide when a loop is
//! stalled.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, StoreError, ts};

/// One loop's progress as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LoopProgress {
    /// `scheduler`, `sender` or `reader`.
    #[serde(rename = "loop")]
    pub name: String,
    /// `waiting` (healthy, however long), `working` (in a pass) or `stalled` (stuck in a pass
    /// past the watchdog's threshold).
    pub state: String,
    /// When the pass in progress started; `None` while waiting.
    pub busy_since: Option<String>,
    /// When a pass last ended.
    pub last_pass: String,
    /// When a pass that did something (sent, read, ran a job) last ended.
    pub last_work: Option<String>,
    /// When the daemon wrote this row.
    pub updated_at: String,
}

/// One loop's progress to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLoopProgress {
    pub name: &'static str,
    pub state: &'static str,
    pub busy_since: Option<DateTime<Utc>>,
    pub last_pass: DateTime<Utc>,
    pub last_work: Option<DateTime<Utc>>,
}

impl Store {
    /// Replaces the stored progress of the loops given, in one transaction.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails; nothing is changed then.
    pub fn record_loop_progress(
        &mut self,
        loops: &[NewLoopProgress],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.begin()?;
        {
            let mut upsert = tx.prepare(
                "INSERT INTO loop_progress (loop, state, busy_since, last_pass, last_work, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (loop) DO UPDATE SET state = ?2, busy_since = ?3, last_pass = ?4,
                     last_work = coalesce(?5, last_work), updated_at = ?6",
            )?;
            for l in loops {
                upsert.execute(params![
                    l.name,
                    l.state,
                    l.busy_since.map(ts),
                    ts(l.last_pass),
                    l.last_work.map(ts),
                    ts(now)
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every loop's stored progress, by name.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn loop_progress(&self) -> Result<Vec<LoopProgress>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT loop, state, busy_since, last_pass, last_work, updated_at
             FROM loop_progress ORDER BY CASE loop WHEN 'scheduler' THEN 0 WHEN 'sender' THEN 1
                 WHEN 'reader' THEN 2 ELSE 3 END, loop",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LoopProgress {
                    name: r.get(0)?,
                    state: r.get(1)?,
                    busy_since: r.get(2)?,
                    last_pass: r.get(3)?,
                    last_work: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_replaced_per_loop_and_keeps_the_last_work() {
        let mut store = Store::open_in_memory().unwrap();
        let t1: DateTime<Utc> = "2026-01-05T09:00:00Z".parse().unwrap();
        let t2: DateTime<Utc> = "2026-01-05T09:05:00Z".parse().unwrap();
        let row = |state, last_work| NewLoopProgress {
            name: "reader",
            state,
            busy_since: None,
            last_pass: t2,
            last_work,
        };
        store
            .record_loop_progress(&[row("waiting", Some(t1))], t1)
            .unwrap();
        store
            .record_loop_progress(&[row("waiting", None)], t2)
            .unwrap();
        let rows = store.loop_progress().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "reader");
        assert_eq!(
            rows[0].last_work.as_deref(),
            Some("2026-01-05T09:00:00.000Z")
        );
        assert_eq!(rows[0].updated_at, "2026-01-05T09:05:00.000Z");
    }
}
