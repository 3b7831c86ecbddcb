//! Owns the watch on the database's write-ahead log: it wakes a waiter when any process
//! commits (the daemon's own reader and scheduler, or `upward ingest` run by the mail server),
//! so the sender sleeps until there is something to send instead of looking every second.
//! Does not read the database.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::Notify;

/// Wakes `wake` on every commit to the database at `db` while it is alive.
pub struct CommitWatch {
    /// Kept alive for as long as the watch should run.
    _watcher: Box<dyn Watcher + Send>,
}

impl std::fmt::Debug for CommitWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CommitWatch")
    }
}

/// The write-ahead log beside the database at `db` (SQLite names it `<db>-wal`).
fn wal_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// Whether an event on the folder is a commit: data written to the log, or the log created.
///
/// NOTE: reading the log (every query does) must not count, or the sender's own look at the
/// outbox would wake it again. A write reaches the log only when a transaction changed a page:
/// a claim that finds nothing due writes nothing.
fn is_commit(event: &notify::Event, wal: &Path) -> bool {
    let writes = matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any)
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Other
    );
    writes && (event.paths.is_empty() || event.paths.iter().any(|p| p == wal))
}

impl CommitWatch {
    /// Starts watching the folder of the database at `db`.
    ///
    /// # Errors
    /// When inotify cannot be set up (then the caller looks at the outbox on a timer).
    pub fn start(db: &Path, wake: Arc<Notify>) -> notify::Result<CommitWatch> {
        let db = std::path::absolute(db)?;
        let wal = wal_of(&db);
        let dir = db
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if event.is_ok_and(|e| is_commit(&e, &wal)) {
                    // NOTE: notify_one keeps one wake-up for a sender that is busy right now.
                    wake.notify_one();
                }
            })?;
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        Ok(CommitWatch {
            _watcher: Box::new(watcher),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::store::Store;

    #[tokio::test]
    async fn a_commit_by_another_connection_wakes_and_reading_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upward.db");
        let store = Store::open(&path).unwrap();
        let wake = Arc::new(Notify::new());
        let _watch = CommitWatch::start(&path, Arc::clone(&wake)).unwrap();

        // Reading, as the sender does when it looks for due rows, wakes nobody.
        let other = rusqlite::Connection::open(&path).unwrap();
        for _ in 0..20 {
            store.next_outbound_due().unwrap();
            let _: i64 = other
                .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
                .unwrap();
        }
        let quiet = tokio::time::timeout(Duration::from_millis(500), wake.notified()).await;
        assert!(quiet.is_err(), "reading the database woke the sender");

        // A commit from another process's connection (here, another connection) wakes it.
        other
            .execute(
                "INSERT INTO schedule_state (job, last_run_at) VALUES ('x', '2027-01-01T00:00:00.000Z')",
                [],
            )
            .unwrap();
        let woke = tokio::time::timeout(Duration::from_secs(20), wake.notified()).await;
        assert!(woke.is_ok(), "a commit did not wake the sender");
        drop(store);
    }
}
