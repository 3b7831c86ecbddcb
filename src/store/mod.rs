//! Owns the SQLite file: opening it safely (WAL, foreign keys, busy timeout, 0600), applying
//! versioned migrations, and every SQL statement the daemon runs. Nothing outside this module
//! speaks SQL; callers pass and get domain values.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::config::Participant;
use crate::vocab::ParticipantStatus;

mod digest;
mod export;
mod final_report;
#[cfg(test)]
mod history_tests;
mod sessions;

pub use digest::{PairRow, RawFigures, WeekRow};
pub use export::{Cell, ExportKind, Status};
pub use final_report::{GroupCell, GroupPeople, PairMeetingsRow, RawFinal, SideRatings};
#[cfg(test)]
pub(crate) use sessions::testutil;
pub use sessions::{Correction, Recorded, Report, ReportOutcome, Standing, Target};
mod group;
pub(crate) use group::Unit;
mod rounds;
pub use rounds::{NewPair, RoundCreated, StoredPair};
mod outbox;
pub use outbox::{Delivery, Enqueued, NewOutbound, OutboxEntry, OutboxRow, Tx};
mod schedule;
pub use schedule::{PairActivity, PersonState, QueuedEmail, ScheduledPair};
mod bounces;
mod drafts;
pub use bounces::{BounceScored, STALE_AFTER_DAYS};
pub use drafts::{Draft, NewDraft};
mod watch;
pub use watch::CommitWatch;
mod progress;
pub use progress::{LoopProgress, NewLoopProgress};
mod backup;
pub use backup::{BackupProgress, BackupReport};
mod confirmations;
pub use confirmations::{Confirmation, ConfirmationKind, ConfirmationState};
mod cadence;
mod cancels;
mod goals;
pub use goals::{Goal, PairGoals};
mod joins;
mod messages;
mod pairs;
mod people;
mod relays;
pub use cadence::{PastPrompt, RecentMail};
pub use cancels::{CancelRun, PairReport, RepeatCanceller};
pub use joins::JoinRow;
pub use messages::{KnownInbound, NewInbound, is_transient};
pub use pairs::{PairRef, PairingState};
pub use people::{Forgotten, ParticipantRow};
pub use relays::RelayHistory;

/// Migrations in order; the schema version is the number of migrations applied.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    (
        "0002_running_totals",
        include_str!("migrations/0002_running_totals.sql"),
    ),
    (
        "0003_outbox_delivery",
        include_str!("migrations/0003_outbox_delivery.sql"),
    ),
    (
        "0004_inbound_effects",
        include_str!("migrations/0004_inbound_effects.sql"),
    ),
    (
        "0005_bounce_score",
        include_str!("migrations/0005_bounce_score.sql"),
    ),
    (
        "0006_answer_drafts",
        include_str!("migrations/0006_answer_drafts.sql"),
    ),
    (
        "0007_totals_when_changed",
        include_str!("migrations/0007_totals_when_changed.sql"),
    ),
    (
        "0008_session_history",
        include_str!("migrations/0008_session_history.sql"),
    ),
    (
        "0009_confirmations",
        include_str!("migrations/0009_confirmations.sql"),
    ),
    (
        "0010_loop_progress",
        include_str!("migrations/0010_loop_progress.sql"),
    ),
    (
        "0011_proposed_meetings",
        include_str!("migrations/0011_proposed_meetings.sql"),
    ),
    (
        "0012_outbox_body",
        include_str!("migrations/0012_outbox_body.sql"),
    ),
    (
        "0013_checked_words",
        include_str!("migrations/0013_checked_words.sql"),
    ),
    (
        "0014_relays_and_cadence",
        include_str!("migrations/0014_relays_and_cadence.sql"),
    ),
    (
        "0015_cancel_runs_and_goals",
        include_str!("migrations/0015_cancel_runs_and_goals.sql"),
    ),
    (
        "0016_join_requests",
        include_str!("migrations/0016_join_requests.sql"),
    ),
    (
        "0017_schedule_indexes",
        include_str!("migrations/0017_schedule_indexes.sql"),
    ),
];

/// What can go wrong in the store, by what a caller does about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer upward: refuse rather than corrupt it.
    #[error(
        "the database {path} has schema version {found}, newer than this upward understands ({known}); run the newer upward, or restore a backup"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// There is no database yet where the config says.
    #[error(
        "no database at {path}: start the daemon once (`upward run`) in this directory, or check [store] path"
    )]
    Missing { path: PathBuf },
    /// An idempotency key (or other unique value) is already there.
    #[error("already stored: {key}")]
    Duplicate { key: String },
    /// A row the caller named does not exist.
    #[error("not in the store: {what}")]
    NotFound { what: String },
    /// A backup's target cannot be used: it exists, is the database itself, or the copy
    /// failed its check.
    #[error("cannot back up to {path}: it {reason}")]
    BackupTarget { path: PathBuf, reason: String },
    /// The database file cannot be created or opened.
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An upgrade would leave a row pointing at a row that is not there; nothing changed.
    #[error(
        "cannot upgrade the database {path}: row {rowid} of table {table} refers to a missing row of {parent}; restore a backup, or ask for help with this file"
    )]
    BrokenReference {
        path: PathBuf,
        table: String,
        rowid: i64,
        parent: String,
    },
    /// Any other SQLite failure (locked, disk full, corrupt), said with its likely cause
    /// and fix when SQLite's code names one.
    // NOTE: not `#[from]`, which would make the SQLite error this one's source as well and
    // print it twice in an error chain (`{:#}`): the text already says it.
    #[error("{}", describe_sqlite(.0))]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        StoreError::Sqlite(err)
    }
}

/// How long a connection waits for another one's write lock before giving up with
/// "database is locked".
const BUSY_TIMEOUT_MS: u32 = 10_000;

/// SQLite's page cache of a connection, in KiB (see `Store::configure`).
const CACHE_KIB: u32 = 8 * 1024;

/// Prepared statements kept per connection: the store has some eighty distinct cached
/// ones (rusqlite keeps sixteen by default, and preparing a statement whose table has
/// triggers costs more than running it).
const STATEMENT_CACHE: usize = 128;

/// A SQLite error with what an operator does about it: the temporary kinds (busy, full, I/O)
/// are the ones callers retry (`store::is_transient`), so their text says what to fix.
fn describe_sqlite(err: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let hint = match err.sqlite_error_code() {
        Some(C::DiskFull) => {
            "the disk holding the database is full (or the database reached its size limit); free space on that filesystem: nothing of this write was stored"
        }
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            "another process held the database's write lock for longer than the busy timeout; end what holds it (a sqlite3 shell left in a transaction, a backup copying the file): nothing of this write was stored"
        }
        Some(C::SystemIoFailure) => {
            "the database file could not be read or written; check the disk (a full disk can cause this too) and the system log: nothing of this write was stored"
        }
        Some(C::ReadOnly) => {
            "the database is read-only; make the file, its -wal and -shm files and their folder writable by the daemon's user"
        }
        Some(C::CannotOpen) => {
            "the database file cannot be opened; check that its folder exists and the daemon's user may write there"
        }
        _ => return format!("database error: {err}"),
    };
    format!("database error: {err}: {hint}")
}

/// Changes made when the participants in the config are written to the store.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub added: usize,
    pub updated: usize,
    /// Marked as left (kept for history), not deleted.
    pub left: usize,
    /// Came back after having left.
    pub rejoined: usize,
}

/// The one SQLite database of a program.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// An erasure inside a group asked for the file to be rewritten; done once the group
    /// commits (VACUUM cannot run inside a transaction).
    scrub_due: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// The role in column `i` of a row: `mentor` or `mentee`; any other word is an error that
/// names it, never a guess.
fn role_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<crate::config::Role> {
    let word: String = r.get(i)?;
    word.parse().map_err(|e: crate::config::UnknownRole| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Store {
    /// Opens (creating if needed, mode 0600) the database at `path` and migrates it.
    ///
    /// # Errors
    /// `Open` when the file cannot be created, `TooNew` for a newer schema, `Sqlite` otherwise.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Open {
                path: path.to_path_buf(),
                source,
            })?;
        }
        create_private(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let conn = Connection::open(path)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            scrub_due: false,
        };
        store.configure(true)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing database (for commands that only read it, such as `status`).
    ///
    /// # Errors
    /// `Missing` when there is no file at `path`; otherwise as [`Store::open`].
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Store::open(path)
    }

    /// A private in-memory database, migrated: for tests and dry runs.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            scrub_due: false,
        };
        store.configure(false)?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&mut self, file: bool) -> Result<(), StoreError> {
        if file {
            // NOTE: WAL is set once here, from the one writer connection (exqlite#138).
            self.conn
                .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        }
        // NOTE: FULL, not NORMAL: the outbox and inbound acknowledgements must survive a
        // power loss, not only a crash (RELIABILITY 2.4). A page cache of 8 MiB rather
        // than SQLite's 2 MiB: an inbound batch touches the inbound, feedback and session
        // indexes all over, and read them back from the file; 8 MiB costs the `ingest`
        // bench no more CPU a message than 32 did, and the daemon's memory stops growing
        // sooner (benches/README.md, `soak`). `set_cache_kib` changes it.
        // NOTE: secure_delete FAST zeroes deleted content where that costs no extra I/O;
        // erasing a person then vacuums the rest away ([`Store::scrub`]).
        self.conn.execute_batch(&format!(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -{CACHE_KIB}; PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA secure_delete = FAST;"
        ))?;
        // NOTE: the query planner's stability guarantee: SQLite (built with STAT4) would
        // otherwise prepare a statement again each time a parameter it compares in a join
        // or a sort gets a new value, which costs more than running it (a tenth of
        // `simulate`'s CPU at 10,000 people). The plans are the same: we keep no statistics.
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(())
    }

    /// Leaves nothing deleted readable in the file: rewrites the database without its free
    /// pages (VACUUM) and empties the write-ahead log, whose old frames still hold what
    /// was overwritten. Run after erasing a person; it takes the write lock for as long as
    /// the copy takes.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails (another process holding a read transaction keeps the log:
    /// the caller says so and tries again at the next erasure).
    pub fn scrub(&mut self) -> Result<(), StoreError> {
        if self.in_group() {
            // NOTE: VACUUM cannot run inside the group's transaction: the group's commit
            // runs it ([`Store::commit_group`]).
            self.scrub_due = true;
            return Ok(());
        }
        let busy = |conn: &Connection| -> Result<bool, StoreError> {
            Ok(conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            })? != 0)
        };
        busy(&self.conn)?;
        self.conn.execute_batch("VACUUM")?;
        if busy(&self.conn)? {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some("the write-ahead log is in use by another process; it is emptied at the next erasure".into()),
            )));
        }
        Ok(())
    }

    /// Caps the database at its current size plus `spare` pages for this connection
    /// (SQLite `max_page_count`; `None` lifts the cap), so a write that needs more fails
    /// with SQLITE_FULL exactly as on a full disk. For tests of that failure: the cap is not
    /// kept in the file.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    #[doc(hidden)]
    pub fn cap_pages(&self, spare: Option<u32>) -> Result<(), StoreError> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let cap = spare.map_or(i64::from(u32::MAX - 1), |s| pages + i64::from(s));
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {cap}"), [], |_| Ok(()))?;
        Ok(())
    }

    /// The schema version of the open database.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(version), 0) FROM schema_version",
            [],
            |r| r.get(0),
        )?)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        // NOTE: a database already at this version is only read: opening it for `status`,
        // `export` or the MTA pipe takes no write lock, so it never waits for the daemon's
        // writes (nor they for it) just to find there is nothing to migrate.
        let versioned: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
            [],
            |r| r.get(0),
        )?;
        if versioned && self.schema_version()? == MIGRATIONS.len() as i64 {
            return Ok(());
        }
        // NOTE: a migration that rebuilds a table (0013) drops the old one while other
        // tables still point at it; SQLite ignores the foreign_keys pragma inside a
        // transaction, so it is turned off around the upgrade, and every reference is
        // checked before the upgrade commits (SQLite's procedure for changing a table).
        self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        let upgraded = self.apply_migrations();
        self.conn.execute_batch("PRAGMA foreign_keys = ON")?;
        upgraded
    }

    fn apply_migrations(&mut self) -> Result<(), StoreError> {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"));
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        )?;
        let current: i64 = tx.query_row(
            "SELECT coalesce(max(version), 0) FROM schema_version",
            [],
            |r| r.get(0),
        )?;
        let known = MIGRATIONS.len() as i64;
        if current > known {
            return Err(StoreError::TooNew {
                path,
                found: current,
                known,
            });
        }
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            if version <= current {
                continue;
            }
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?1, ?2, datetime('now'))",
                params![version, name],
            )?;
        }
        let broken: Option<(String, i64, String)> = tx
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .next()
            .transpose()?;
        if let Some((table, rowid, parent)) = broken {
            return Err(StoreError::BrokenReference {
                path,
                table,
                rowid,
                parent,
            });
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes the config's participants into the store in one transaction, as the program's
    /// rules decide ([`crate::program::roster`]): new ones are added, changed ones updated,
    /// someone listed again after leaving is active again, and people no longer in the
    /// config are marked `left` (kept, with their history), except those HR approved by
    /// email (JOIN). A STOP, a PAUSE or FORGET ME is never undone by HR's file.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails; nothing is changed then.
    pub fn sync_participants(
        &mut self,
        participants: &[Participant],
        now: DateTime<Utc>,
    ) -> Result<SyncReport, StoreError> {
        use crate::program::roster::{self, Held, Listed};

        let now = ts(now);
        let tx = self.begin()?;
        let mut report = SyncReport::default();
        {
            let mut find = tx.prepare(
                "SELECT name, role, level, department, timezone, status FROM participants WHERE email = ?1",
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO participants (email, name, role, level, department, timezone, joined_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?;
            let mut update = tx.prepare(
                "UPDATE participants SET name = ?2, role = ?3, level = ?4, department = ?5, timezone = ?6,
                        status = ?7, left_at = CASE WHEN ?7 = 'active' THEN NULL ELSE left_at END, updated_at = ?8
                 WHERE email = ?1",
            )?;
            for p in participants {
                let held = find
                    .query_row([&p.email], |r| {
                        Ok(Held {
                            name: r.get(0)?,
                            role: r.get(1)?,
                            level: r.get(2)?,
                            department: r.get(3)?,
                            timezone: r.get(4)?,
                            status: r.get(5)?,
                        })
                    })
                    .optional()?;
                let listed = roster::listed(p, held.as_ref());
                let (role, tz) = (p.role.as_str(), p.timezone.name());
                match (listed, held) {
                    (Listed::New, _) => {
                        insert.execute(params![
                            p.email,
                            p.name,
                            role,
                            p.level,
                            p.department,
                            tz,
                            now
                        ])?;
                        report.added += 1;
                    }
                    (Listed::Same, _) | (_, None) => {}
                    (Listed::Changed | Listed::Back, Some(held)) => {
                        let status = listed.status(held.status);
                        update.execute(params![
                            p.email,
                            p.name,
                            role,
                            p.level,
                            p.department,
                            tz,
                            status,
                            now
                        ])?;
                        if listed == Listed::Back {
                            report.rejoined += 1;
                        } else {
                            report.updated += 1;
                        }
                    }
                }
            }
        }
        let in_file: std::collections::HashSet<&str> =
            participants.iter().map(|p| p.email.as_str()).collect();
        let gone: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT email, status,
                        email IN (SELECT email FROM join_requests WHERE status = 'approved')
                   FROM participants WHERE status IN ('active', 'paused')",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, ParticipantStatus>(1)?,
                    r.get::<_, bool>(2)?,
                ))
            })?;
            let mut gone = Vec::new();
            for row in rows {
                let (email, status, approved) = row?;
                if roster::has_left(status, in_file.contains(email.as_str()), approved) {
                    gone.push(email);
                }
            }
            gone
        };
        for email in &gone {
            tx.execute(
                "UPDATE participants SET status = 'left', left_at = ?2, updated_at = ?2 WHERE email = ?1",
                params![email, now],
            )?;
            tx.execute(
                "INSERT INTO events (at, kind, subject, detail) VALUES (?1, 'participant_left', ?2, 'no longer in the config')",
                params![now, email],
            )?;
        }
        report.left = gone.len();
        tx.commit()?;
        Ok(report)
    }

    /// The status of a participant (`active`, `paused`, `stopped`, `left`, `forgotten`).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn participant_status(&self, email: &str) -> Result<Option<ParticipantStatus>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT status FROM participants WHERE email = ?1",
                [email],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Appends to the audit log.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn record_event(
        &mut self,
        at: DateTime<Utc>,
        kind: &str,
        subject: Option<&str>,
        detail: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO events (at, kind, subject, detail) VALUES (?1, ?2, ?3, ?4)",
            params![ts(at), kind, subject, detail],
        )?;
        Ok(())
    }

    /// The number of audit events of a kind.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn count_events(&self, kind: &str) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM events WHERE kind = ?1", [kind], |r| {
                r.get(0)
            })?)
    }

    /// When a scheduled job last ran, if ever.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn last_run(&self, job: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT last_run_at FROM schedule_state WHERE job = ?1",
                [job],
                |r| r.get(0),
            )
            .optional()?;
        Ok(text.and_then(|t| {
            DateTime::parse_from_rfc3339(&t)
                .ok()
                .map(|d| d.with_timezone(&Utc))
        }))
    }

    /// Records that a job ran at `at`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_last_run(&mut self, job: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO schedule_state (job, last_run_at) VALUES (?1, ?2)
             ON CONFLICT(job) DO UPDATE SET last_run_at = excluded.last_run_at",
            params![job, ts(at)],
        )?;
        Ok(())
    }

    /// Counts of participants by status, for logs and `status`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn participant_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT status, count(*) FROM participants GROUP BY status ORDER BY status")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Creates `path` with mode 0600 if it does not exist, so the database is never readable by
/// others, not even for the instant between creation and a chmod.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_support::mentor;

    fn person(email: &str, name: &str) -> Participant {
        Participant {
            name: name.to_string(),
            email: email.to_string(),
            department: Some("Sales".into()),
            ..mentor("someone")
        }
    }

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-01-11T09:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap()
    }

    #[test]
    fn migrations_bring_a_new_database_to_the_latest_version() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    }

    /// The `CHECK` of `table.column` in the schema: its list of words, in order.
    fn checked_words(store: &Store, table: &str, column: &str) -> Vec<String> {
        let sql: String = store
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        let flat = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        // `CHECK (x IN ('a', 'b'))` or `CHECK (x = 'a' OR x = 'b' OR …)`
        let start = flat
            .find(&format!("CHECK ({column} IN ("))
            .or_else(|| flat.find(&format!("CHECK ({column} = ")))
            .unwrap_or_else(|| panic!("no CHECK on {table}.{column}: {flat}"));
        let check = &flat[start + "CHECK (".len()..];
        let mut depth = 1;
        let end = check
            .find(|c| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .unwrap();
        let check = &check[..end];
        let list = check
            .strip_prefix(&format!("{column} IN ("))
            .map(str::to_string)
            .unwrap_or_else(|| {
                check
                    .replace(&format!("{column} = "), "")
                    .replace(" OR ", ",")
            });
        list.split(',')
            .map(|w| {
                w.trim()
                    .trim_end_matches(')')
                    .trim_matches('\'')
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn every_checked_column_lists_the_words_of_its_type() {
        use crate::vocab::{
            EmailKind, GoalOutcome, InboundKind, InboundStatus, JoinStatus, OutboxState,
            PairStatus, ParticipantStatus, Word,
        };
        fn words<W: Word>() -> Vec<String> {
            W::WORDS.iter().map(|w| w.to_string()).collect()
        }
        let store = Store::open_in_memory().unwrap();
        let columns = [
            ("participants", "status", words::<ParticipantStatus>()),
            (
                "participants",
                "role",
                vec!["mentor".into(), "mentee".into()],
            ),
            ("pairs", "status", words::<PairStatus>()),
            ("outbox", "kind", words::<EmailKind>()),
            ("outbox", "state", words::<OutboxState>()),
            ("inbound", "status", words::<InboundStatus>()),
            ("inbound", "classification", words::<InboundKind>()),
            ("goals", "outcome", words::<GoalOutcome>()),
            (
                "pairs",
                "cancel_side",
                vec!["mentor".into(), "mentee".into()],
            ),
            ("join_requests", "status", words::<JoinStatus>()),
        ];
        for (table, column, expected) in columns {
            assert_eq!(
                checked_words(&store, table, column),
                expected,
                "{table}.{column}"
            );
        }
        let role: Vec<String> = ["mentor", "mentee"]
            .iter()
            .map(|r| r.parse::<crate::config::Role>().unwrap().to_string())
            .collect();
        assert_eq!(role, checked_words(&store, "participants", "role"));
    }

    #[test]
    fn a_database_of_version_12_keeps_every_row_and_then_refuses_an_unknown_word() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upward.db");
        let at = "'2027-01-11T09:00:00.000Z'";
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "PRAGMA foreign_keys = ON;
                 CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .unwrap();
            for (i, (name, sql)) in MIGRATIONS.iter().take(12).enumerate() {
                c.execute_batch(sql).unwrap();
                c.execute(
                    "INSERT INTO schema_version VALUES (?1, ?2, '2027-01-01')",
                    rusqlite::params![i as i64 + 1, name],
                )
                .unwrap();
            }
            // Every word of every checked column, and rows of other tables pointing at them.
            let mut sql = format!("INSERT INTO rounds VALUES (1, 1, {at}, 'start');");
            for (i, status) in ["active", "paused", "stopped", "left", "forgotten"]
                .iter()
                .enumerate()
            {
                let role = if i % 2 == 0 { "mentor" } else { "mentee" };
                sql += &format!(
                    "INSERT INTO participants (id, email, name, role, level, timezone, status, joined_at, updated_at)
                     VALUES ({id}, 'p{id}@x.example', 'P{id}', '{role}', 1, 'UTC', '{status}', {at}, {at});",
                    id = i + 1
                );
            }
            sql += &format!(
                "INSERT INTO pairs (id, round_id, mentor_id, mentee_id, score, reasons, status, created_at)
                 VALUES (1, 1, 1, 2, 80, '[]', 'active', {at}), (2, 1, 3, 4, 70, '[]', 'ended', {at});
                 INSERT INTO sessions (id, pair_id, met, date, minutes, created_at)
                 VALUES (1, 1, 1, '2027-01-10', 45, {at});"
            );
            let kinds = [
                "intro",
                "prompt",
                "nudge",
                "confirmation",
                "command",
                "hr_digest",
                "participant_digest",
                "closing",
                "challenge",
            ];
            let states = ["pending", "sending", "sent", "failed", "suppressed"];
            for (i, kind) in kinds.iter().enumerate() {
                sql += &format!(
                    "INSERT INTO outbox (id, idempotency_key, kind, recipient, envelope_from, message_id,
                                         state, next_attempt_at, created_at)
                     VALUES ({id}, 'k{id}', '{kind}', 'p1@x.example', 'p@x.example', 'm{id}@x.example',
                             '{state}', {at}, {at});
                     INSERT INTO outbox_body VALUES ({id}, CAST('Subject: {kind}' AS BLOB));",
                    id = i + 1,
                    state = states[i % states.len()]
                );
            }
            let classes = [
                "reply",
                "conversation",
                "confirmation",
                "command",
                "auto_reply",
                "read_receipt",
                "delivery_report",
                "delayed",
                "bounce",
                "complaint",
                "quarantined",
                "rejected",
                "tempfail",
                "unrouted",
            ];
            let statuses = ["processed", "quarantined", "held", "refused"];
            for (i, class) in classes.iter().enumerate() {
                sql += &format!(
                    "INSERT INTO inbound (id, dedup_key, sha256, source, received_at, pair_id,
                                          classification, status, raw)
                     VALUES ({id}, 'd{id}', 'h{id}', 'maildir', {at}, 1, '{class}', '{status}',
                             CAST('Subject: {class}' AS BLOB));",
                    id = i + 1,
                    status = statuses[i % statuses.len()]
                );
            }
            sql += &format!(
                "INSERT INTO inbound (id, dedup_key, sha256, source, received_at, status)
                 VALUES (99, 'd99', 'h99', 'stdin', {at}, 'quarantined');
                 INSERT INTO feedback (id, session_id, pair_id, participant_id, inbound_id, rating, created_at)
                 VALUES (1, 1, 1, 1, 1, 4, {at});"
            );
            c.execute_batch(&sql).unwrap();
        }
        let dump = |c: &Connection| -> Vec<(String, Vec<Vec<String>>)> {
            let tables: Vec<String> = c
                .prepare(
                    "SELECT name FROM sqlite_master WHERE type = 'table'
                     AND name NOT IN ('schema_version', 'sqlite_sequence') ORDER BY name",
                )
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            tables
                .into_iter()
                .map(|t| {
                    let mut rows: Vec<Vec<String>> = c
                        .prepare(&format!("SELECT * FROM \"{t}\""))
                        .unwrap()
                        .query_map([], |r| {
                            let n = r.as_ref().column_count();
                            Ok((0..n)
                                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                                .collect())
                        })
                        .unwrap()
                        .collect::<Result<_, _>>()
                        .unwrap();
                    rows.sort();
                    (t, rows)
                })
                .collect()
        };
        let before = dump(&Connection::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        // NOTE: later migrations add tables of their own, and columns after the old ones;
        // the old tables keep every row, and every row every value it had.
        let after: Vec<_> = dump(&store.conn)
            .into_iter()
            .filter_map(|(t, rows)| {
                let width = before
                    .iter()
                    .find(|(b, _)| *b == t)?
                    .1
                    .first()
                    .map_or(0, Vec::len);
                let rows = rows
                    .into_iter()
                    .map(|mut r| {
                        r.truncate(width);
                        r
                    })
                    .collect::<Vec<_>>();
                Some((t, rows))
            })
            .collect();
        assert_eq!(after, before, "every row of every table is kept");
        assert!(before.iter().map(|(_, rows)| rows.len()).sum::<usize>() > 40);
        let fk_on: bool = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(fk_on, "foreign keys are on again after the upgrade");
        for bad in [
            "UPDATE participants SET status = 'gone' WHERE id = 1",
            "UPDATE pairs SET status = 'finished' WHERE id = 1",
            "UPDATE outbox SET state = 'queued' WHERE id = 1",
            "UPDATE outbox SET kind = 'welcome' WHERE id = 1",
            "UPDATE inbound SET status = 'done' WHERE id = 1",
            "UPDATE inbound SET classification = 'spam' WHERE id = 1",
        ] {
            let err = store.conn.execute(bad, []).unwrap_err();
            assert!(
                err.to_string().contains("CHECK constraint failed"),
                "{bad}: {err}"
            );
        }
        let err = store
            .conn
            .execute("DELETE FROM pairs WHERE id = 1", [])
            .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    }

    #[test]
    fn a_database_of_version_11_keeps_its_outbox_and_sends_what_was_queued() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upward.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .unwrap();
            for (i, (name, sql)) in MIGRATIONS.iter().take(11).enumerate() {
                c.execute_batch(sql).unwrap();
                c.execute(
                    "INSERT INTO schema_version VALUES (?1, ?2, '2027-01-01')",
                    rusqlite::params![i as i64 + 1, name],
                )
                .unwrap();
            }
            // One email sent and one still to go, as version 11 kept them.
            c.execute_batch(
                "INSERT INTO outbox (id, idempotency_key, kind, recipient, envelope_from, message_id,
                                     body, state, next_attempt_at, created_at, sent_at)
                 VALUES (1, 'intro:1:1', 'intro', 'a@x.example', 'p@x.example', 'm1@x.example',
                         CAST('Subject: sent' AS BLOB), 'sent', '2027-01-11T09:00:00.000Z',
                         '2027-01-11T09:00:00.000Z', '2027-01-11T09:00:01.000Z'),
                        (2, 'intro:1:2', 'intro', 'b@x.example', 'p@x.example', 'm2@x.example',
                         CAST('Subject: queued' AS BLOB), 'pending', '2027-01-11T09:00:00.000Z',
                         '2027-01-11T09:00:00.000Z', NULL);",
            )
            .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let bodies: Vec<(i64, Vec<u8>)> = store
            .conn
            .prepare("SELECT outbox_id, body FROM outbox_body ORDER BY outbox_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            bodies,
            vec![
                (1, b"Subject: sent".to_vec()),
                (2, b"Subject: queued".to_vec())
            ]
        );
        let claimed = store
            .claim_outbound(t0(), 10, chrono::Duration::minutes(15))
            .unwrap();
        assert_eq!(claimed.len(), 1, "only the queued one is due");
        assert_eq!(claimed[0].message_id, "m2@x.example");
        assert_eq!(claimed[0].bytes, b"Subject: queued");
    }

    #[test]
    fn someone_removed_from_the_config_is_kept_as_left_and_can_rejoin() {
        let mut store = Store::open_in_memory().unwrap();
        let a = person("a@x.example", "A");
        let b = person("b@x.example", "B");
        let r = store
            .sync_participants(&[a.clone(), b.clone()], t0())
            .unwrap();
        assert_eq!(r.added, 2);
        let r = store
            .sync_participants(std::slice::from_ref(&a), t0())
            .unwrap();
        assert_eq!(r.left, 1);
        assert_eq!(
            store
                .participant_status("b@x.example")
                .unwrap()
                .map(|s| s.as_str()),
            Some("left")
        );
        assert_eq!(store.count_events("participant_left").unwrap(), 1);
        let mut b2 = b.clone();
        b2.name = "B. Renamed".into();
        let r = store.sync_participants(&[a, b2], t0()).unwrap();
        assert_eq!(r.rejoined, 1);
        assert_eq!(
            store
                .participant_status("b@x.example")
                .unwrap()
                .map(|s| s.as_str()),
            Some("active")
        );
    }

    #[test]
    fn syncing_the_same_participants_twice_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let people = [person("a@x.example", "A")];
        store.sync_participants(&people, t0()).unwrap();
        assert_eq!(
            store.sync_participants(&people, t0()).unwrap(),
            SyncReport::default()
        );
    }

    #[test]
    fn a_full_database_is_a_temporary_error_that_names_the_cause_and_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("upward.db")).unwrap();
        store.cap_pages(Some(2)).unwrap();
        let detail = "x".repeat(4000);
        let err = (0..64)
            .map(|_| store.record_event(t0(), "filler", None, Some(&detail)))
            .find_map(Result::err)
            .expect("the capped database never filled up");
        assert!(is_transient(&err), "{err}");
        let text = err.to_string();
        assert!(text.contains("disk holding the database is full"), "{text}");
        assert!(text.contains("free space"), "{text}");
        store.cap_pages(None).unwrap();
        store
            .record_event(t0(), "filler", None, Some(&detail))
            .unwrap();
    }

    #[test]
    fn opening_a_database_at_the_latest_version_takes_no_write_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upward.db");
        drop(Store::open(&path).unwrap());
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        // With a write lock needed, this would wait out the busy timeout and fail.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        holder.execute_batch("ROLLBACK").unwrap();
    }

    #[test]
    fn last_runs_are_persisted_per_job() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.last_run("prompts").unwrap(), None);
        store.set_last_run("prompts", t0()).unwrap();
        assert_eq!(store.last_run("prompts").unwrap(), Some(t0()));
    }
}
