//! Owns the daemon's inbound reader: the loop that takes batches from the Maildir (the
//! default) or the IMAP mailbox (`[inbound.imap]`), hands them to [`Ingest`], and
//! acknowledges each message only after its batch committed: moved to `cur/`, or flagged
//! \Seen (or moved) on the server. Reconnects to IMAP with exponential backoff and logs a
//! UIDVALIDITY change (harmless: messages read again are deduplicated by Message-ID). Each
//! pass also ends due pauses, so `PAUSE UNTIL` ends even when no mail comes. Does not
//! decide what a message means.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::{Incoming, Ingest, IngestError, Outcome};
use crate::config::ImapSettings;
use crate::inbound::source::imap::ImapMailbox;
use crate::inbound::source::maildir::Maildir;
use crate::schedule::Clock;
use crate::store::Store;

/// Messages per transaction: one fsync per batch, not per message.
pub const BATCH: usize = 512;
/// How long an idle reader waits before looking again (and ending due pauses) when nothing
/// wakes it.
pub const RESCAN: Duration = Duration::from_secs(30);
/// The longest wait between reconnection attempts or retries of a failed batch.
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// What the reader needs: the pipeline, the store it commits to, and the clock.
pub struct ReaderDeps {
    pub ingest: Ingest,
    /// Shared with the outbox sender; held only while a batch commits.
    pub store: Arc<Mutex<Store>>,
    pub clock: Arc<dyn Clock>,
}

/// Reads the program's mailbox until `shutdown`; the batch in flight is finished first.
///
/// # Errors
/// Only when the Maildir cannot be opened; later failures are logged and retried.
pub async fn run(deps: ReaderDeps, shutdown: CancellationToken) -> anyhow::Result<()> {
    let config = Arc::clone(deps.ingest.config());
    let reader = Reader {
        ingest: Arc::new(Mutex::new(deps.ingest)),
        store: deps.store,
        clock: deps.clock,
    };
    match &config.inbound.imap {
        Some(imap) => {
            reader.imap(imap, &shutdown).await;
            Ok(())
        }
        None => reader.maildir(&config.inbound.maildir, &shutdown).await,
    }
}

struct Reader {
    ingest: Arc<Mutex<Ingest>>,
    store: Arc<Mutex<Store>>,
    clock: Arc<dyn Clock>,
}

/// Sleeps `wait` unless `shutdown` comes first; false on shutdown.
async fn pause(wait: Duration, shutdown: &CancellationToken) -> bool {
    tokio::select! {
        () = shutdown.cancelled() => false,
        () = tokio::time::sleep(wait) => true,
    }
}

impl Reader {
    /// One batch on a blocking thread: the pure stages outside the store lock, then the
    /// commit under it.
    async fn process(&self, batch: Vec<Incoming>) -> Result<Vec<Outcome>, IngestError> {
        let ingest = Arc::clone(&self.ingest);
        let store = Arc::clone(&self.store);
        let now = self.clock.now();
        let joined = tokio::task::spawn_blocking(move || {
            let mut ingest = ingest.lock().unwrap_or_else(|p| p.into_inner());
            let inspections = ingest.inspect_all(&batch, now);
            let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
            ingest.commit(&mut store, &batch, &inspections, now)
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(err) => Err(IngestError::Task(err.to_string())),
        }
    }

    async fn maildir(&self, root: &Path, shutdown: &CancellationToken) -> anyhow::Result<()> {
        let md = Maildir::open(root)
            .with_context(|| format!("opening the Maildir {}", root.display()))?;
        let mut watch = match md.watch() {
            Ok(w) => Some(w),
            Err(err) => {
                warn!(error = %err, "cannot watch the Maildir; looking every 30 s instead");
                None
            }
        };
        info!(maildir = %root.display(), "reading replies from the Maildir");
        let mut attempts: HashMap<String, u32> = HashMap::new();
        let mut backoff = Duration::from_secs(1);
        while !shutdown.is_cancelled() {
            let lister = md.clone();
            let pending = tokio::task::spawn_blocking(move || lister.pending(BATCH)).await;
            let pending = match pending {
                Ok(Ok(p)) => p,
                Ok(Err(err)) => {
                    warn!(error = %err, "cannot list the Maildir; will look again");
                    Vec::new()
                }
                Err(err) => {
                    warn!(error = %err, "the Maildir listing task failed; will look again");
                    Vec::new()
                }
            };
            let full = pending.len() == BATCH;
            let mut names = Vec::with_capacity(pending.len());
            let batch: Vec<Incoming> = pending
                .into_iter()
                .map(|m| {
                    let tries = attempts.get(&m.name).copied().unwrap_or(0);
                    names.push(m.name);
                    Incoming {
                        attempts: tries,
                        ..Incoming::new(m.raw, "maildir")
                    }
                })
                .collect();
            let outcomes = match self.process(batch).await {
                Ok(o) => {
                    backoff = Duration::from_secs(1);
                    o
                }
                Err(err) => {
                    warn!(error = %err, retry_in = ?backoff, "a batch could not be committed; its messages stay in new/");
                    if !pause(backoff, shutdown).await {
                        break;
                    }
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    continue;
                }
            };
            let mut done = Vec::new();
            for (name, outcome) in names.into_iter().zip(&outcomes) {
                if outcome.acknowledge() {
                    attempts.remove(&name);
                    done.push(name);
                } else {
                    *attempts.entry(name).or_insert(0) += 1;
                }
            }
            let acked = done.len();
            let mover = md.clone();
            let moved = tokio::task::spawn_blocking(move || {
                for name in &done {
                    if let Err(err) = mover.ack(name) {
                        warn!(file = %name, error = %err, "cannot move a handled message to cur/; it will be read again and found a duplicate");
                    }
                }
            })
            .await;
            if let Err(err) = moved {
                warn!(error = %err, "the Maildir move task failed");
            }
            if acked > 0 {
                info!(messages = acked, "maildir batch committed");
            }
            if full && acked > 0 {
                continue;
            }
            let woke = match &mut watch {
                Some(w) => w.wait(RESCAN, shutdown).await,
                None => pause(RESCAN, shutdown).await,
            };
            if !woke {
                break;
            }
        }
        Ok(())
    }

    async fn imap(&self, settings: &ImapSettings, shutdown: &CancellationToken) {
        let mut backoff = Duration::from_secs(1);
        let mut validity: Option<u32> = None;
        let mut attempts: HashMap<u32, u32> = HashMap::new();
        'connect: while !shutdown.is_cancelled() {
            let connected = tokio::select! {
                () = shutdown.cancelled() => break,
                r = ImapMailbox::connect(settings) => r,
            };
            let mut mb = match connected {
                Ok(mb) => mb,
                Err(err) => {
                    warn!(error = %err, retry_in = ?backoff, "cannot read the IMAP mailbox; will reconnect");
                    if !pause(backoff, shutdown).await {
                        break;
                    }
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    continue;
                }
            };
            backoff = Duration::from_secs(1);
            if validity.is_some() && mb.uid_validity != validity {
                warn!(
                    before = ?validity,
                    now = ?mb.uid_validity,
                    "the mailbox's UIDVALIDITY changed; unseen messages are read again and duplicates recognised by Message-ID"
                );
                attempts.clear();
            }
            validity = mb.uid_validity;
            loop {
                if shutdown.is_cancelled() {
                    mb.logout().await;
                    break 'connect;
                }
                let fetched = match mb.fetch_unseen(BATCH).await {
                    Ok(f) => f,
                    Err(err) => {
                        warn!(error = %err, "imap fetch failed; reconnecting");
                        continue 'connect;
                    }
                };
                let full = fetched.len() == BATCH;
                let uids: Vec<u32> = fetched.iter().map(|m| m.uid).collect();
                let batch: Vec<Incoming> = fetched
                    .into_iter()
                    .map(|m| Incoming {
                        attempts: attempts.get(&m.uid).copied().unwrap_or(0),
                        cut_off: m.truncated(),
                        ..Incoming::new(m.raw, "imap")
                    })
                    .collect();
                let outcomes = match self.process(batch).await {
                    Ok(o) => o,
                    Err(err) => {
                        warn!(error = %err, retry_in = ?backoff, "a batch could not be committed; its messages stay unseen");
                        if !pause(backoff, shutdown).await {
                            mb.logout().await;
                            break 'connect;
                        }
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        continue;
                    }
                };
                let mut acked = 0usize;
                for (uid, outcome) in uids.into_iter().zip(&outcomes) {
                    if !outcome.acknowledge() {
                        *attempts.entry(uid).or_insert(0) += 1;
                        continue;
                    }
                    if let Err(err) = mb.ack(uid).await {
                        warn!(uid, error = %err, "cannot acknowledge a committed message; it will be read again and found a duplicate");
                        continue 'connect;
                    }
                    attempts.remove(&uid);
                    acked += 1;
                }
                if acked > 0 {
                    info!(messages = acked, "imap batch committed");
                }
                if full && acked > 0 {
                    continue;
                }
                mb = match mb.wait(shutdown).await {
                    Ok(mb) => mb,
                    Err(err) => {
                        warn!(error = %err, "imap wait failed; reconnecting");
                        continue 'connect;
                    }
                };
            }
        }
    }
}
