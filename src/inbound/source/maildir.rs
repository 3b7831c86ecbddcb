//! Owns the Maildir source: lists the messages waiting in `new/`, reads them, and moves each
//! one to `cur/` (flagged seen) only when the caller has committed its effects. Watches `new/`
//! with inotify so a delivery is picked up at once, with a slow rescan as a safety net.
//! Files in `tmp/` are deliveries in progress and are never read.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::{trace, warn};

/// A Maildir's three folders.
#[derive(Debug, Clone)]
pub struct Maildir {
    root: PathBuf,
}

/// One message waiting in `new/`.
#[derive(Debug, Clone)]
pub struct MaildirMessage {
    /// Its file name in `new/` (the unique part of the Maildir name).
    pub name: String,
    pub raw: Vec<u8>,
}

impl Maildir {
    /// Opens the Maildir at `root`, creating `new/`, `cur/` and `tmp/` if missing.
    ///
    /// # Errors
    /// When a folder cannot be created.
    pub fn open(root: &Path) -> std::io::Result<Maildir> {
        for sub in ["new", "cur", "tmp"] {
            std::fs::create_dir_all(root.join(sub))?;
        }
        Ok(Maildir {
            root: root.to_path_buf(),
        })
    }

    /// The folder of new messages.
    pub fn new_dir(&self) -> PathBuf {
        self.root.join("new")
    }

    /// Up to `max` names of messages waiting in `new/`, oldest first (Maildir names start
    /// with the delivery time); hidden files are left alone.
    ///
    /// # Errors
    /// When `new/` cannot be listed.
    pub fn names(&self, max: usize) -> std::io::Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(self.new_dir())?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort_unstable();
        names.truncate(max);
        // NOTE: counted by the idle tests: an idle reader lists only as often as it rescans.
        trace!(waiting = names.len(), "listed new/");
        Ok(names)
    }

    /// Up to `max` messages from `new/`, oldest name first. A file that vanishes while being
    /// read is skipped.
    ///
    /// # Errors
    /// When `new/` cannot be listed.
    pub fn pending(&self, max: usize) -> std::io::Result<Vec<MaildirMessage>> {
        let mut out = Vec::new();
        for name in self.names(usize::MAX)? {
            if out.len() >= max {
                break;
            }
            match std::fs::read(self.new_dir().join(&name)) {
                Ok(raw) => out.push(MaildirMessage { name, raw }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    warn!(file = %name, error = %e, "cannot read a maildir message; leaving it in new/");
                }
            }
        }
        Ok(out)
    }

    /// Moves a handled message to `cur/` with the seen flag (`:2,S`), keeping any flags it
    /// already had. A message already gone (moved by an earlier run) is fine.
    ///
    /// # Errors
    /// When the rename fails for another reason.
    pub fn ack(&self, name: &str) -> std::io::Result<()> {
        let target = match name.split_once(":2,") {
            Some((base, flags)) if flags.contains('S') => format!("{base}:2,{flags}"),
            Some((base, flags)) => {
                let mut f: Vec<char> = flags.chars().chain(['S']).collect();
                f.sort_unstable();
                format!("{base}:2,{}", f.into_iter().collect::<String>())
            }
            None => format!("{name}:2,S"),
        };
        match std::fs::rename(
            self.new_dir().join(name),
            self.root.join("cur").join(target),
        ) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    /// Moves a message that keeps failing out of `new/` into `quarantine/` beside it (not a
    /// Maildir folder: mail clients and the reader leave it alone), keeping its bytes for
    /// review. Returns where it now is.
    ///
    /// # Errors
    /// When the folder cannot be created or the rename fails.
    pub fn set_aside(&self, name: &str) -> std::io::Result<PathBuf> {
        let dir = self.root.join("quarantine");
        std::fs::create_dir_all(&dir)?;
        let target = dir.join(name);
        std::fs::rename(self.new_dir().join(name), &target)?;
        Ok(target)
    }

    /// Deletes the messages set aside in `quarantine/` (see [`Maildir::set_aside`]) last
    /// changed before `cutoff`; returns how many.
    ///
    /// # Errors
    /// When the folder cannot be read; a file that cannot be removed is skipped.
    pub fn purge_set_aside(&self, cutoff: std::time::SystemTime) -> std::io::Result<usize> {
        let entries = match std::fs::read_dir(self.root.join("quarantine")) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < cutoff);
            if old && entry.file_type().is_ok_and(|t| t.is_file()) {
                removed += usize::from(std::fs::remove_file(entry.path()).is_ok());
            }
        }
        Ok(removed)
    }

    /// Starts watching `new/`; the returned watcher wakes [`MaildirWatch::wait`].
    ///
    /// # Errors
    /// When inotify cannot be set up (then the caller falls back to rescanning).
    pub fn watch(&self) -> notify::Result<MaildirWatch> {
        let (tx, rx) = mpsc::channel(1);
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if event.is_ok_and(|e| is_delivery(&e.kind)) {
                    // A full channel already holds a wake-up; more are redundant.
                    let _ = tx.try_send(());
                }
            })?;
        watcher.watch(&self.new_dir(), RecursiveMode::NonRecursive)?;
        Ok(MaildirWatch {
            _watcher: Some(Box::new(watcher)),
            rx,
        })
    }
}

/// Whether a change in `new/` can be a delivery: a file created there, moved in, or closed
/// after writing (a writer that does not use `tmp/`).
///
/// NOTE: everything else is the reader's own doing and must not wake it. Listing `new/` opens
/// and closes the folder, reading a message opens and closes its file, and acknowledging one
/// moves it out: inotify reports each of these, and waking on them made the reader list
/// again, forever (a full core on an idle daemon).
fn is_delivery(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) => true,
        EventKind::Modify(ModifyKind::Name(mode)) => {
            matches!(mode, RenameMode::To | RenameMode::Both | RenameMode::Any)
        }
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        // NOTE: the backend lost events (its queue overflowed): look, in case one was a delivery.
        EventKind::Other => true,
        _ => false,
    }
}

/// Wakes when something arrives in `new/`.
pub struct MaildirWatch {
    /// Kept alive for as long as the watch should run.
    _watcher: Option<Box<dyn Watcher + Send>>,
    rx: mpsc::Receiver<()>,
}

impl std::fmt::Debug for MaildirWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MaildirWatch")
    }
}

impl MaildirWatch {
    /// Waits for a change in `new/`, at most `rescan` (a safety net for missed events), or
    /// until `shutdown`. Returns false on shutdown.
    pub async fn wait(&mut self, rescan: Duration, shutdown: &CancellationToken) -> bool {
        tokio::select! {
            () = shutdown.cancelled() => false,
            _ = self.rx.recv() => true,
            () = tokio::time::sleep(rescan) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deliver(dir: &Path, name: &str, body: &str) {
        let tmp = dir.join("tmp").join(name);
        std::fs::write(&tmp, body).unwrap();
        std::fs::rename(&tmp, dir.join("new").join(name)).unwrap();
    }

    #[test]
    fn only_new_is_read_and_ack_moves_to_cur_with_the_seen_flag() {
        let dir = tempfile::tempdir().unwrap();
        let md = Maildir::open(dir.path()).unwrap();
        deliver(dir.path(), "1700000002.a.host", "two");
        deliver(dir.path(), "1700000001.b.host:2,F", "one");
        std::fs::write(dir.path().join("tmp/1700000003.c.host"), "half-delivered").unwrap();
        std::fs::write(dir.path().join("new/.hidden"), "editor swap file").unwrap();
        let pending = md.pending(10).unwrap();
        let names: Vec<&str> = pending.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, vec!["1700000001.b.host:2,F", "1700000002.a.host"]);
        assert_eq!(pending[0].raw, b"one");
        md.ack("1700000001.b.host:2,F").unwrap();
        md.ack("1700000002.a.host").unwrap();
        md.ack("1700000002.a.host").unwrap(); // already moved: fine
        assert!(dir.path().join("cur/1700000001.b.host:2,FS").exists());
        assert!(dir.path().join("cur/1700000002.a.host:2,S").exists());
        assert_eq!(md.pending(10).unwrap().len(), 0);
        assert_eq!(md.pending(1).unwrap().len(), 0);
    }

    #[test]
    fn a_message_set_aside_leaves_new_for_quarantine_with_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let md = Maildir::open(dir.path()).unwrap();
        deliver(dir.path(), "1700000001.p.host", "poison");
        let kept = md.set_aside("1700000001.p.host").unwrap();
        assert_eq!(kept, dir.path().join("quarantine/1700000001.p.host"));
        assert_eq!(std::fs::read(&kept).unwrap(), b"poison");
        assert_eq!(md.pending(10).unwrap().len(), 0);

        // Kept until its retention is over, then removed.
        let changed = std::fs::metadata(&kept).unwrap().modified().unwrap();
        let second = Duration::from_secs(1);
        assert_eq!(md.purge_set_aside(changed - second).unwrap(), 0);
        assert!(kept.exists());
        assert_eq!(md.purge_set_aside(changed + second).unwrap(), 1);
        assert!(!kept.exists());
    }

    #[test]
    fn purging_a_maildir_without_a_quarantine_folder_removes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let md = Maildir::open(dir.path()).unwrap();
        deliver(dir.path(), "1700000001.q.host", "waiting");
        let far = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(4_000_000_000);
        assert_eq!(md.purge_set_aside(far).unwrap(), 0);
        assert_eq!(md.pending(10).unwrap().len(), 1);
    }

    /// The reader's loop as the daemon runs it: list, read, acknowledge, wait. Returns how
    /// many times it listed `new/` before `idle` ran out with nothing delivered.
    async fn listings_while_idle(md: &Maildir, watch: &mut MaildirWatch, idle: Duration) -> u32 {
        let shutdown = CancellationToken::new();
        let mut listings = 0;
        let deadline = tokio::time::Instant::now() + idle;
        loop {
            listings += 1;
            for m in md.pending(100).unwrap() {
                md.ack(&m.name).unwrap();
            }
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if tokio::time::timeout(left, watch.wait(Duration::from_secs(3600), &shutdown))
                .await
                .is_err()
            {
                return listings;
            }
        }
    }

    #[tokio::test]
    async fn the_readers_own_listing_reading_and_acknowledging_never_wake_it() {
        let dir = tempfile::tempdir().unwrap();
        let md = Maildir::open(dir.path()).unwrap();
        for n in 0..5 {
            deliver(dir.path(), &format!("170000000{n}.a.host"), "waiting");
        }
        let mut watch = md.watch().unwrap();
        // The first look reads and acknowledges the five; after that, nothing arrives.
        let listings = listings_while_idle(&md, &mut watch, Duration::from_millis(1500)).await;
        assert!(
            listings <= 2,
            "an idle reader listed new/ {listings} times in 1.5 s; only a delivery or the rescan may wake it"
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("cur")).unwrap().count(),
            5
        );
    }

    #[tokio::test]
    async fn a_file_written_straight_into_new_wakes_the_watch() {
        let dir = tempfile::tempdir().unwrap();
        let md = Maildir::open(dir.path()).unwrap();
        let mut watch = md.watch().unwrap();
        let shutdown = CancellationToken::new();
        std::fs::write(dir.path().join("new/1700000001.w.host"), "no tmp/ first").unwrap();
        let woke = tokio::time::timeout(
            Duration::from_secs(20),
            watch.wait(Duration::from_secs(3600), &shutdown),
        )
        .await;
        assert_eq!(woke, Ok(true));
    }

    #[tokio::test]
    async fn the_watch_wakes_on_a_delivery_before_the_rescan_interval() {
        let dir = tempfile::tempdir().unwrap();
        let md = Maildir::open(dir.path()).unwrap();
        let mut watch = md.watch().unwrap();
        let shutdown = CancellationToken::new();
        deliver(dir.path(), "1700000001.x.host", "hello");
        let woke = tokio::time::timeout(
            Duration::from_secs(20),
            watch.wait(Duration::from_secs(3600), &shutdown),
        )
        .await;
        assert_eq!(woke, Ok(true), "inotify did not wake the watch");
        shutdown.cancel();
        assert!(!watch.wait(Duration::from_secs(3600), &shutdown).await);
    }
}
