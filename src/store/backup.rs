//! Owns the online backup: a consistent copy of the live database taken with SQLite's
//! backup API while the daemon and `upward ingest` keep writing, checked and counted before
//! it is put in place. Does not print: the caller shows progress and the report.
//!
//! NOTE: the backup API rather than `VACUUM INTO`: it copies the file page by page, so the
//! caller can show how far it got on a large database; both copy one snapshot. The copy
//! holds one read transaction from the first page to the last: in WAL mode that blocks no
//! writer, and it keeps SQLite from restarting the copy each time another process commits
//! (which, under a steady flood of replies, could never finish).

use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OptionalExtension};

use super::{Store, StoreError, create_private};

/// Pages copied per step: 1 MiB with SQLite's default 4 KiB pages.
const STEP_PAGES: i32 = 256;

/// How far a backup got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupProgress {
    pub copied_pages: u64,
    pub total_pages: u64,
}

/// What a finished backup holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupReport {
    /// Where the copy is.
    pub path: PathBuf,
    pub pages: u64,
    pub bytes: u64,
    pub schema_version: i64,
    /// (what, how many rows) for the tables a person recognises.
    pub rows: Vec<(&'static str, i64)>,
    /// SQLite's `PRAGMA integrity_check` of the copy: always `ok` (a copy that fails it is
    /// not kept).
    pub integrity: String,
}

/// The tables counted in a report, with what a person calls their rows.
const COUNTED: &[(&str, &str)] = &[
    ("participants", "participants"),
    ("pairs", "pairs"),
    ("sessions", "sessions"),
    ("feedback", "feedback reports"),
    ("inbound", "inbound messages"),
    ("outbox", "outbox emails"),
];

/// The half-written copy, removed unless it was put in place.
struct Partial {
    path: PathBuf,
    keep: bool,
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
            let mut journal = self.path.as_os_str().to_owned();
            journal.push("-journal");
            let _ = std::fs::remove_file(PathBuf::from(journal));
        }
    }
}

fn target_error(path: &Path, reason: &str) -> StoreError {
    StoreError::BackupTarget {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    }
}

impl Store {
    /// Copies the database, as it was when the copy began, to `target` (mode 0600), calling
    /// `progress` after each step. The copy is written beside `target` under a temporary
    /// name, checked with `PRAGMA integrity_check`, synced, and only then renamed to
    /// `target`: a failed backup leaves nothing behind. An existing `target` is replaced
    /// only when `overwrite`.
    ///
    /// # Errors
    /// `BackupTarget` when `target` exists (without `overwrite`), is the database itself or
    /// fails its check; `Open` when it cannot be written; `Sqlite` when SQLite fails.
    pub fn backup_to(
        &self,
        target: &Path,
        overwrite: bool,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<BackupReport, StoreError> {
        if let (Some(live), Ok(copy)) = (&self.path, std::fs::canonicalize(target))
            && std::fs::canonicalize(live).is_ok_and(|live| live == copy)
        {
            return Err(target_error(target, "is the live database itself"));
        }
        if target.is_dir() {
            return Err(target_error(target, "is a directory; name a file"));
        }
        if target.exists() && !overwrite {
            return Err(target_error(
                target,
                "already exists; choose a new file name, or pass --force to replace it",
            ));
        }
        let name = target
            .file_name()
            .ok_or_else(|| target_error(target, "names no file"))?;
        let dir = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut temp_name = std::ffi::OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".upward-backup-{}", std::process::id()));
        let temp = dir.join(temp_name);
        let _ = std::fs::remove_file(&temp);
        create_private(&temp).map_err(io_error(&temp))?;
        let mut partial = Partial {
            path: temp.clone(),
            keep: false,
        };

        let mut copy = Connection::open(&temp)?;
        {
            // One snapshot from the first page to the last (see the NOTE above); it writes
            // nothing, so it needs no write lock.
            // NOTE: read-only
            let snapshot = self.conn.unchecked_transaction()?;
            snapshot.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
            let backup = Backup::new(&snapshot, &mut copy)?;
            loop {
                let step = backup.step(STEP_PAGES)?;
                let p = backup.progress();
                let total = u64::try_from(p.pagecount).unwrap_or(0);
                let left = u64::try_from(p.remaining).unwrap_or(0);
                progress(BackupProgress {
                    copied_pages: total.saturating_sub(left),
                    total_pages: total,
                });
                match step {
                    StepResult::Done => break,
                    StepResult::More => {}
                    _ => std::thread::sleep(std::time::Duration::from_millis(50)),
                }
            }
        }
        // The copy stands alone: no write-ahead log beside it, whatever the original uses.
        copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        let report = describe_copy(&copy, target)?;
        if report.integrity != "ok" {
            return Err(target_error(
                target,
                &format!(
                    "the copy failed its integrity check ({}); nothing was kept",
                    report.integrity
                ),
            ));
        }
        drop(copy);
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(io_error(&temp))?;
        std::fs::rename(&temp, target).map_err(io_error(target))?;
        partial.keep = true;
        // The rename itself survives a power loss once the folder is synced.
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(report)
    }
}

/// The copy's size, schema version, row counts and integrity.
fn describe_copy(copy: &Connection, target: &Path) -> Result<BackupReport, StoreError> {
    let pages: i64 = copy.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let page_size: i64 = copy.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    let schema_version: i64 = copy
        .query_row("SELECT max(version) FROM schema_version", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten()
        .unwrap_or(0);
    let mut rows = Vec::with_capacity(COUNTED.len());
    for (table, what) in COUNTED {
        let n: i64 = copy.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        rows.push((*what, n));
    }
    let mut check = copy.prepare("PRAGMA integrity_check")?;
    let problems: Vec<String> = check
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(BackupReport {
        path: target.to_path_buf(),
        pages: u64::try_from(pages).unwrap_or(0),
        bytes: u64::try_from(pages * page_size).unwrap_or(0),
        schema_version,
        rows,
        integrity: problems.join("; "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live(dir: &Path) -> Store {
        let mut store = Store::open(&dir.join("upward.db")).unwrap();
        crate::store::testutil::seed_pair(&mut store, 1);
        store
    }

    #[test]
    fn a_backup_is_private_complete_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let store = live(dir.path());
        let target = dir.path().join("copy.db");
        let mut steps = Vec::new();
        let report = store
            .backup_to(&target, false, &mut |p| steps.push(p))
            .unwrap();
        assert_eq!(report.integrity, "ok");
        assert_eq!(report.rows[..2], [("participants", 2), ("pairs", 1)]);
        assert_eq!(report.schema_version, super::super::MIGRATIONS.len() as i64);
        let last = steps.last().unwrap();
        assert_eq!(last.copied_pages, last.total_pages);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = store.backup_to(&target, false, &mut |_| {}).unwrap_err();
        assert!(again.to_string().contains("already exists"), "{again}");
        store.backup_to(&target, true, &mut |_| {}).unwrap();
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("upward-backup"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn the_live_database_is_never_its_own_backup() {
        let dir = tempfile::tempdir().unwrap();
        let store = live(dir.path());
        let err = store
            .backup_to(&dir.path().join("upward.db"), true, &mut |_| {})
            .unwrap_err();
        assert!(err.to_string().contains("live database itself"), "{err}");
    }
}
