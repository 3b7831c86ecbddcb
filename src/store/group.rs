//! Owns group commit: several units of work (each a write transaction of its own
//! otherwise) committed as one transaction, with one sync to disk for all of them. Does not
//! decide what goes in a group: the caller does.
//!
//! Inside a group each unit is a savepoint of the group's transaction: a unit that fails is
//! undone on its own, as its transaction would have been, and the units before it stay. What
//! a group wrote is durable, and visible to other connections, only once the group commits;
//! a crash before that loses the whole group, as if none of its units had run. So a caller
//! groups only units whose effects outside the store wait for the group's commit (the mail
//! they cause is sent, the messages they log are acknowledged, only afterwards), or whose
//! effects outside the store need not survive a crash (`upward simulate`).
//!
//! Why: each commit in WAL mode writes every page it changed to the log and, at
//! `synchronous = FULL`, waits for the disk; a page of an index on random keys is changed by
//! nearly every unit. A group writes such a page once, and waits for the disk once.

use std::ops::Deref;

use rusqlite::{Connection, TransactionBehavior};

use super::{Store, StoreError};

/// One unit of work: its own IMMEDIATE transaction, or a savepoint of the group it runs in.
pub(crate) enum Unit<'c> {
    Own(rusqlite::Transaction<'c>),
    InGroup(rusqlite::Savepoint<'c>),
}

impl Deref for Unit<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Unit::Own(tx) => tx,
            Unit::InGroup(sp) => sp,
        }
    }
}

impl Unit<'_> {
    /// Keeps what the unit did: commits its transaction, or releases its savepoint into the
    /// group's. Dropped without this, the unit is undone.
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        match self {
            Unit::Own(tx) => tx.commit(),
            Unit::InGroup(sp) => sp.commit(),
        }
    }
}

impl Store {
    /// Starts a unit of work: a write transaction, or a savepoint when a group is open.
    pub(crate) fn begin(&mut self) -> Result<Unit<'_>, StoreError> {
        if self.in_group() {
            Ok(Unit::InGroup(self.conn.savepoint()?))
        } else {
            Ok(Unit::Own(self.conn.transaction_with_behavior(
                TransactionBehavior::Immediate,
            )?))
        }
    }

    /// Lets the write-ahead log grow to `pages` pages before a commit copies it into the
    /// database (SQLite's `wal_autocheckpoint`, 1,000 by default). A checkpoint writes every
    /// page the log holds once, however often the commits before it changed that page: for
    /// a writer that commits large groups, rarer checkpoints write fewer bytes.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_checkpoint_pages(&self, pages: u32) -> Result<(), StoreError> {
        self.conn
            .query_row(&format!("PRAGMA wal_autocheckpoint = {pages}"), [], |_| {
                Ok(())
            })?;
        Ok(())
    }

    /// Sets this connection's page cache to `kib` KiB (the store opens with 8 MiB): for a
    /// writer whose working set is larger, such as `upward simulate` at 10,000 people.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_cache_kib(&self, kib: u32) -> Result<(), StoreError> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
        Ok(())
    }

    /// Whether a group is open on this connection.
    pub fn in_group(&self) -> bool {
        !self.conn.is_autocommit()
    }

    /// Opens a group: the units of work until [`Store::commit_group`] commit together.
    /// Prefer [`Store::group`], which cannot leave a group open.
    ///
    /// # Errors
    /// `Sqlite` when the write lock cannot be taken (another writer held it past the busy
    /// timeout), or a group is open already.
    pub fn begin_group(&mut self) -> Result<(), StoreError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    /// Commits the open group (one sync to disk at `synchronous = FULL`), then does what
    /// had to wait for the commit (rewriting the file after an erasure). Without an open
    /// group, does nothing.
    ///
    /// # Errors
    /// `Sqlite` when the commit fails: nothing of the group is stored then.
    pub fn commit_group(&mut self) -> Result<(), StoreError> {
        if !self.in_group() {
            return Ok(());
        }
        if let Err(err) = self.conn.execute_batch("COMMIT") {
            // NOTE: a failed COMMIT may leave the transaction open; a group is all or nothing.
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(err.into());
        }
        if std::mem::take(&mut self.scrub_due) {
            // NOTE: best effort, as where it was asked for: the next erasure tries again.
            let _ = self.scrub();
        }
        Ok(())
    }

    /// Undoes the open group, if any.
    pub fn rollback_group(&mut self) {
        if self.in_group() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        self.scrub_due = false;
    }

    /// Runs `f` as one group: what it writes commits together when it returns `Ok`, and is
    /// undone when it returns an error. Inside a group already, `f` joins it.
    ///
    /// # Errors
    /// Whatever `f` returns, or `Sqlite` when the group cannot begin or commit.
    pub fn group<T, E>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if self.in_group() {
            return f(self);
        }
        self.begin_group()?;
        match f(self) {
            Ok(out) => {
                self.commit_group()?;
                Ok(out)
            }
            Err(err) => {
                self.rollback_group();
                Err(err)
            }
        }
    }
}

#[cfg(test)]
impl Store {
    /// Queues a small email under `key` in a unit of its own: for tests of what commits when.
    pub(crate) fn queue_for_tests(&mut self, key: &str) -> Result<(), StoreError> {
        use chrono::TimeZone;
        let to = vec!["a@example.com".to_string()];
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
            .single()
            .ok_or_else(|| StoreError::NotFound {
                what: "a time".into(),
            })?;
        self.write(|tx| {
            tx.enqueue_outbound(
                &super::NewOutbound {
                    key,
                    kind: crate::vocab::EmailKind::Prompt,
                    recipients: &to,
                    envelope_from: "bounces@example.com",
                    message_id: &format!("<{key}@example.com>"),
                    bytes: b"Subject: hi\r\n\r\nhello",
                    always_send: false,
                    due: now,
                },
                now,
            )
            .map(|_| ())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(store: &mut Store, key: &str) -> Result<(), StoreError> {
        store.queue_for_tests(key)
    }

    fn keys(path: &std::path::Path) -> Vec<String> {
        let other = Store::open(path).unwrap();
        let mut keys: Vec<String> = other
            .conn
            .prepare("SELECT idempotency_key FROM outbox ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        keys.sort();
        keys
    }

    #[test]
    fn the_page_cache_is_8_mib_unless_a_writer_asks_for_more() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("upward.db")).unwrap();
        let cache = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA cache_size", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(cache(&store), -8192, "KiB, as a negative cache_size says");
        store.set_cache_kib(32 * 1024).unwrap();
        assert_eq!(cache(&store), -32768);
    }

    #[test]
    fn a_group_is_seen_by_another_connection_only_once_it_commits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upward.db");
        let mut store = Store::open(&path).unwrap();
        store.begin_group().unwrap();
        queue(&mut store, "a").unwrap();
        queue(&mut store, "b").unwrap();
        assert!(store.in_group());
        assert_eq!(
            store.outbox_counts().unwrap(),
            vec![("pending".to_string(), 2)],
            "the group's own connection reads what its units wrote"
        );
        assert!(
            keys(&path).is_empty(),
            "nothing is visible before the commit"
        );
        store.commit_group().unwrap();
        assert!(!store.in_group());
        assert_eq!(keys(&path), vec!["a", "b"]);
    }

    #[test]
    fn a_group_dropped_before_its_commit_loses_all_its_units() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upward.db");
        queue(&mut Store::open(&path).unwrap(), "before").unwrap();
        {
            let mut store = Store::open(&path).unwrap();
            store.begin_group().unwrap();
            queue(&mut store, "a").unwrap();
            queue(&mut store, "b").unwrap();
            // The process ends here, as in a crash: the connection closes uncommitted.
        }
        assert_eq!(keys(&path), vec!["before"]);
    }

    #[test]
    fn a_failed_unit_in_a_group_is_undone_alone_and_a_failed_group_entirely() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("upward.db");
        let mut store = Store::open(&path).unwrap();
        store
            .group(|store| {
                queue(store, "kept")?;
                let failed: Result<(), StoreError> = store.write(|tx| {
                    tx.execute_for_tests(
                        "INSERT INTO events (at, kind, subject, detail) VALUES ('x', 'skip', 'y', 'z')",
                    )?;
                    Err(StoreError::NotFound {
                        what: "a unit that fails".into(),
                    })
                });
                assert!(failed.is_err());
                queue(store, "also kept")
            })
            .unwrap();
        assert_eq!(keys(&path), vec!["also kept", "kept"]);
        assert_eq!(
            store.query_string("SELECT count(*) || '' FROM events WHERE kind = 'skip'"),
            "0",
            "the failed unit's own write is undone"
        );
        let failed: Result<(), StoreError> = store.group(|store| {
            queue(store, "lost")?;
            Err(StoreError::NotFound {
                what: "a group that fails".into(),
            })
        });
        assert!(failed.is_err());
        assert!(!store.in_group());
        assert_eq!(keys(&path), vec!["also kept", "kept"]);
    }
}
