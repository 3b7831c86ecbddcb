//! Owns the daemon's inbound reader: the loop that takes batches from the Maildir (the
//! default) or the IMAP mailbox (`[inbound.imap]`), hands them to [`Ingest`], and
//! acknowledges each message only after its batch committed: moved to `cur/`, or flagged
//! \Seen (or moved) on the server. Reconnects to IMAP with exponential backoff and logs a
//! UIDVALIDITY change (harmless: messages read again are deduplicated by Message-ID). Each
//! pass also ends due pauses, so `PAUSE UNTIL` ends even when no mail comes. A Maildir
//! batch or IMAP batch that fails on an internal error (a panic the pipeline did not catch)
//! is read again one message at a time; after [`MAX_ATTEMPTS`] failures the message at fault
//! is recorded as quarantined with its raw bytes (outside the pipeline) and acknowledged, so
//! it cannot hold up the rest. The answers a batch drafted (confirmations, command answers)
//! are composed into the outbox when the reader has read all that was waiting, before it
//! waits for more: a flood of replies is logged and acknowledged first, and answered right
//! after. Does not decide what a message means.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;
use tracing::{error, info, warn};

use super::{Incoming, Ingest, IngestError, MAX_ATTEMPTS, Outcome};
use crate::config::ImapSettings;
use crate::heartbeat::{Heartbeat, Loop};
use crate::inbound::dedup::dedup_key;
use crate::inbound::source::imap::ImapMailbox;
use crate::inbound::source::maildir::Maildir;
use crate::store::{NewInbound, Store, StoreError};
use crate::sync::LockExt;
use crate::time::Clock;
use crate::vocab::{InboundKind, InboundStatus};

/// Messages per transaction: one fsync per batch, not per message.
pub const BATCH: usize = 1024;
/// Maildir messages listed at once; they are read and committed in batches of [`BATCH`],
/// the next batch read and inspected while one commits.
pub const MAILDIR_CHUNK: usize = 16 * BATCH;
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

/// Why the reader could not run.
#[derive(Debug, thiserror::Error)]
pub enum ReaderError {
    /// The Maildir cannot be opened (nor its folders created).
    #[error("opening the Maildir {}", path.display())]
    Maildir {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Reads the program's mailbox until `shutdown`; the batch in flight is finished first.
///
/// # Errors
/// Only when the Maildir cannot be opened; later failures are logged and retried.
pub async fn run(deps: ReaderDeps, shutdown: CancellationToken) -> Result<(), ReaderError> {
    run_watched(deps, Heartbeat::unwatched(Loop::Reader), shutdown).await
}

/// As [`run`], beating `heartbeat`: each look at the mailbox (with the batches it commits,
/// each a beat, and the answers it composes) is a pass; waiting for mail is not.
///
/// # Errors
/// As [`run`].
pub async fn run_watched(
    deps: ReaderDeps,
    heartbeat: Heartbeat,
    shutdown: CancellationToken,
) -> Result<(), ReaderError> {
    let config = Arc::clone(deps.ingest.config());
    let reader = Reader {
        ingest: Arc::new(Mutex::new(deps.ingest)),
        store: deps.store,
        clock: deps.clock,
        heartbeat,
    };
    match &config.inbound.imap {
        Some(imap) => {
            reader.imap(imap, &shutdown).await;
            Ok(())
        }
        None => reader.maildir(&config.inbound.maildir, &shutdown).await,
    }
}

/// What became of one chunk of Maildir messages.
struct Chunk {
    result: Result<(), IngestError>,
    /// Names to offer again (a message cut off in transfer).
    retry: Vec<String>,
    /// How many were committed and moved to `cur/`.
    acked: usize,
    /// When the chunk failed: the first message still waiting that the pipeline did not
    /// hand back.
    failed: Option<String>,
}

/// Records a message the pipeline failed on (a panic it did not catch) as quarantined,
/// with its raw bytes and `reason`, outside the pipeline, so HR can review it and its
/// source may forget it. Returns the row, or `None` when these bytes are recorded already.
///
/// # Errors
/// The store failed; nothing is recorded then.
pub fn record_quarantined(
    store: &mut Store,
    raw: &[u8],
    source: &'static str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    let key = dedup_key(raw, None);
    let dedup = key.key();
    store.write(|tx| {
        if tx.inbound_known(&dedup)?.is_some() {
            return Ok(None);
        }
        let id = tx.insert_inbound(
            &NewInbound {
                dedup_key: &dedup,
                message_id: None,
                sha256: &key.sha256,
                source,
                sender: None,
                pair_id: None,
                classification: InboundKind::Quarantined,
                status: InboundStatus::Quarantined,
                reason: Some(reason),
                raw: Some(raw),
            },
            now,
        )?;
        Ok(Some(id))
    })
}

/// The text of a caught panic.
pub fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    format!("internal error (panic: {})", crate::panic_message(panic))
}

/// A blocking task that did not finish, as the batch's error: its panic's text, if it
/// panicked.
fn task_failed(err: tokio::task::JoinError) -> IngestError {
    match err.try_into_panic() {
        Ok(panic) => IngestError::Task(panic_text(&*panic)),
        Err(err) => IngestError::Task(err.to_string()),
    }
}

/// Debug builds only: panics on a message containing the bytes of `UPWARD_TEST_PANIC_ON`,
/// so the end-to-end tests can show that a message the pipeline dies on is set aside and
/// the others go on (RELIABILITY R16); and hangs for good on one containing the bytes of
/// `UPWARD_TEST_STALL_ON`, so they can show that systemd's watchdog hears of a stuck
/// reader. Release builds have no such hooks.
pub fn fault_hook(raw: &[u8]) {
    #[cfg(debug_assertions)]
    {
        let matches = |var: &str| {
            std::env::var_os(var).is_some_and(|marker| {
                let marker = marker.as_encoded_bytes();
                !marker.is_empty() && raw.windows(marker.len()).any(|w| w == marker)
            })
        };
        if matches("UPWARD_TEST_PANIC_ON") {
            panic!("UPWARD_TEST_PANIC_ON matched a message");
        }
        if matches("UPWARD_TEST_STALL_ON") {
            warn!("UPWARD_TEST_STALL_ON matched a message; this thread hangs for good");
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = raw;
}

struct Reader {
    ingest: Arc<Mutex<Ingest>>,
    store: Arc<Mutex<Store>>,
    clock: Arc<dyn Clock>,
    /// Beaten for each look at the mailbox and each batch committed.
    heartbeat: Heartbeat,
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
            batch.iter().for_each(|m| fault_hook(&m.raw));
            let mut ingest = ingest.lock_or_recover();
            let inspections = ingest.inspect_all(&batch, now);
            let mut store = store.lock_or_recover();
            ingest.commit(&mut store, &batch, &inspections, now)
        })
        .await;
        joined.unwrap_or_else(|err| Err(task_failed(err)))
    }

    /// Records a message the pipeline failed on every time as quarantined (see
    /// [`record_quarantined`]), on a blocking thread.
    async fn quarantine_raw(
        &self,
        raw: Vec<u8>,
        source: &'static str,
        reason: String,
    ) -> Result<(), IngestError> {
        let store = Arc::clone(&self.store);
        let now = self.clock.now();
        let joined = tokio::task::spawn_blocking(move || {
            let mut store = store.lock_or_recover();
            record_quarantined(&mut store, &raw, source, &reason, now).map(|_| ())
        })
        .await;
        joined.map_err(task_failed)?.map_err(IngestError::from)
    }

    /// Composes the answers drafted by the chunks read so far (see
    /// [`Ingest::compose_all_drafts`]).
    async fn compose_drafts(&self) {
        let ingest = Arc::clone(&self.ingest);
        let store = Arc::clone(&self.store);
        let now = self.clock.now();
        let joined = tokio::task::spawn_blocking(move || {
            let ingest = ingest.lock_or_recover();
            ingest.compose_all_drafts(&store, now);
        })
        .await;
        if let Err(err) = joined {
            warn!(error = %err, "composing the drafted answers failed; they are composed on the next pass");
        }
    }

    /// Reads and processes the Maildir messages `names` in batches of `batch`, moving each
    /// batch's messages to `cur/` (on a thread of its own) as soon as it committed. A panic
    /// that escapes the pipeline fails the chunk like any error, naming the first message
    /// the pipeline did not hand back: with batches of one, the message at fault.
    async fn maildir_chunk(
        &self,
        md: &Maildir,
        names: Vec<String>,
        attempts: &HashMap<String, u32>,
        batch: usize,
    ) -> Chunk {
        let ingest = Arc::clone(&self.ingest);
        let store = Arc::clone(&self.store);
        let md = md.clone();
        let now = self.clock.now();
        let heartbeat = self.heartbeat.clone();
        let tries: Vec<u32> = names
            .iter()
            .map(|n| attempts.get(n).copied().unwrap_or(0))
            .collect();
        let joined = tokio::task::spawn_blocking(move || {
            let mut ingest = ingest.lock_or_recover();
            let mut retry = Vec::new();
            let mut acked = 0usize;
            let mut handed_back = std::collections::HashSet::new();
            let new_dir = md.new_dir();
            let batches = names.chunks(batch).zip(tries.chunks(batch)).map(|(names, tries)| {
                names
                    .iter()
                    .zip(tries)
                    .filter_map(|(name, &attempts)| match std::fs::read(new_dir.join(name)) {
                        Ok(raw) => {
                            fault_hook(&raw);
                            Some((
                                name.clone(),
                                Incoming {
                                    attempts,
                                    ..Incoming::new(raw, "maildir")
                                },
                            ))
                        }
                        // Gone meanwhile (another reader, a person): nothing to do.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                        Err(e) => {
                            warn!(file = %name, error = %e, "cannot read a maildir message; leaving it in new/");
                            None
                        }
                    })
                    .collect::<Vec<_>>()
            });
            let result = std::thread::scope(|scope| {
                let (send, receive) = std::sync::mpsc::channel::<Vec<String>>();
                let md = &md;
                scope.spawn(move || {
                    for done in receive {
                        for name in &done {
                            if let Err(err) = md.ack(name) {
                                warn!(file = %name, error = %err, "cannot move a handled message to cur/; it will be read again and found a duplicate");
                            }
                        }
                    }
                });
                let committed = |names: Vec<String>, outcomes: Vec<Outcome>| {
                    let mut done = Vec::with_capacity(outcomes.len());
                    for (name, outcome) in names.into_iter().zip(&outcomes) {
                        handed_back.insert(name.clone());
                        if outcome.acknowledge() {
                            done.push(name);
                        } else {
                            retry.push(name);
                        }
                    }
                    acked += done.len();
                    heartbeat.beat();
                    // NOTE: the mover lives as long as this scope: a send cannot fail.
                    let _ = send.send(done);
                };
                let streamed = catch_unwind(AssertUnwindSafe(|| {
                    ingest.process_stream(&store, batches, now, committed)
                }));
                streamed.unwrap_or_else(|panic| Err(IngestError::Task(panic_text(&*panic))))
            });
            let failed = result.is_err().then(|| {
                names
                    .iter()
                    .find(|n| !handed_back.contains(*n) && new_dir.join(n).exists())
                    .cloned()
            });
            Chunk {
                result,
                retry,
                acked,
                failed: failed.flatten(),
            }
        })
        .await;
        joined.unwrap_or_else(|err| Chunk {
            result: Err(task_failed(err)),
            retry: Vec::new(),
            acked: 0,
            failed: None,
        })
    }

    /// Records a Maildir message that failed `tries` times on an internal error as
    /// quarantined and moves it to `cur/`; when even that fails, moves it out of `new/`
    /// into `quarantine/`, so it cannot hold up the rest either way.
    async fn give_up_on(&self, md: &Maildir, name: &str, tries: u32, reason: &str) {
        let why = format!("{reason}, on each of {tries} attempts; kept for review");
        let recorded = match std::fs::read(md.new_dir().join(name)) {
            Ok(raw) => self.quarantine_raw(raw, "maildir", why).await,
            Err(err) => Err(IngestError::Task(format!("cannot read it: {err}"))),
        };
        let acked = recorded.map_err(|e| e.to_string()).and_then(|()| {
            md.ack(name)
                .map_err(|e| format!("recorded, but cannot move it to cur/: {e}"))
        });
        match acked {
            Ok(()) => error!(
                file = %name,
                attempts = tries,
                error = %reason,
                "a message failed on an internal error every time; kept as quarantined for review, the others go on"
            ),
            Err(why_not) => match md.set_aside(name) {
                Ok(path) => error!(
                    file = %name,
                    attempts = tries,
                    kept = %path.display(),
                    error = %reason,
                    problem = %why_not,
                    "a message failed on an internal error every time and cannot be recorded; set aside for review, the others go on"
                ),
                Err(err) => error!(
                    file = %name,
                    error = %err,
                    problem = %why_not,
                    "cannot set aside a message that keeps failing; it will be tried again"
                ),
            },
        }
    }

    async fn maildir(&self, root: &Path, shutdown: &CancellationToken) -> Result<(), ReaderError> {
        let md = Maildir::open(root).map_err(|source| ReaderError::Maildir {
            path: root.to_path_buf(),
            source,
        })?;
        let mut watch = match md.watch() {
            Ok(w) => Some(w),
            Err(err) => {
                warn!(error = %err, "cannot watch the Maildir; looking every 30 s instead");
                None
            }
        };
        info!(maildir = %root.display(), "reading replies from the Maildir");
        let mut attempts: HashMap<String, u32> = HashMap::new();
        // Failures of a message on its own, by an internal error (a panic): the batch it was
        // in failing counts as the first.
        let mut failures: HashMap<String, u32> = HashMap::new();
        // After a batch failed on an internal error: one message per batch, to find it.
        let mut one_by_one = false;
        let mut backoff = Duration::from_secs(1);
        while !shutdown.is_cancelled() {
            let mut pass = self.heartbeat.pass();
            let lister = md.clone();
            let listed = tokio::task::spawn_blocking(move || lister.names(MAILDIR_CHUNK)).await;
            let names = match listed {
                Ok(Ok(names)) => names,
                Ok(Err(err)) => {
                    warn!(error = %err, "cannot list the Maildir; will look again");
                    Vec::new()
                }
                Err(err) => {
                    warn!(error = %err, "the Maildir listing task failed; will look again");
                    Vec::new()
                }
            };
            let full = names.len() == MAILDIR_CHUNK;
            let batch = if one_by_one { 1 } else { BATCH };
            let Chunk {
                result,
                retry,
                acked,
                failed,
            } = self.maildir_chunk(&md, names, &attempts, batch).await;
            for name in retry {
                *attempts.entry(name).or_insert(0) += 1;
            }
            if acked > 0 {
                pass.worked();
                info!(messages = acked, "maildir batch committed");
            }
            if let Err(IngestError::Task(reason)) = &result {
                if !one_by_one {
                    warn!(error = %reason, "a batch failed on an internal error; reading its messages one at a time to find the one at fault");
                    one_by_one = true;
                    continue;
                }
                if let Some(name) = failed {
                    let tries = failures.entry(name.clone()).or_insert(1);
                    *tries += 1;
                    if *tries >= MAX_ATTEMPTS {
                        let tries = *tries;
                        failures.remove(&name);
                        one_by_one = false;
                        self.give_up_on(&md, &name, tries, reason).await;
                        continue;
                    }
                    warn!(file = %name, attempts = *tries, error = %reason, "a message failed on an internal error; it will be tried again");
                }
            } else if result.is_ok() {
                one_by_one = false;
                failures.clear();
            }
            if let Err(err) = result {
                warn!(error = %err, retry_in = ?backoff, "a batch could not be committed; its messages stay in new/");
                drop(pass);
                if !pause(backoff, shutdown).await {
                    break;
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
            backoff = Duration::from_secs(1);
            if full && acked > 0 {
                continue;
            }
            self.compose_drafts().await;
            drop(pass);
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
        let reconnect_max = Duration::from_secs(settings.reconnect_max_seconds.max(1));
        let mut validity: Option<u32> = None;
        let mut attempts: HashMap<u32, u32> = HashMap::new();
        // As for the Maildir: failures on an internal error by UID, and how many messages to
        // take one at a time after a batch failed on one.
        let mut failures: HashMap<u32, u32> = HashMap::new();
        let mut one_by_one = 0usize;
        'connect: while !shutdown.is_cancelled() {
            let connecting = self.heartbeat.pass();
            let connected = tokio::select! {
                () = shutdown.cancelled() => break,
                r = ImapMailbox::connect(settings) => r,
            };
            drop(connecting);
            let mut mb = match connected {
                Ok(mb) => mb,
                Err(err) => {
                    warn!(error = %err, retry_in = ?backoff, "cannot read the IMAP mailbox; will reconnect");
                    if !pause(backoff, shutdown).await {
                        break;
                    }
                    backoff = (backoff * 2).min(reconnect_max);
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
                let mut pass = self.heartbeat.pass();
                let take = if one_by_one > 0 { 1 } else { BATCH };
                let fetched = match mb.fetch_unseen(take).await {
                    Ok(f) => f,
                    Err(err) => {
                        warn!(error = %err, "imap fetch failed; reconnecting");
                        continue 'connect;
                    }
                };
                let full = fetched.len() == take;
                let uids: Vec<u32> = fetched.iter().map(|m| m.uid).collect();
                let single = match fetched.as_slice() {
                    [one] if one_by_one > 0 => Some((one.uid, one.raw.clone())),
                    _ => None,
                };
                let batch: Vec<Incoming> = fetched
                    .into_iter()
                    .map(|m| Incoming {
                        attempts: attempts.get(&m.uid).copied().unwrap_or(0),
                        cut_off: m.truncated(),
                        ..Incoming::new(m.raw, "imap")
                    })
                    .collect();
                let outcomes = match self.process(batch).await {
                    Ok(o) => {
                        one_by_one = one_by_one.saturating_sub(o.len());
                        if one_by_one == 0 {
                            failures.clear();
                        }
                        o
                    }
                    Err(err) => {
                        if let IngestError::Task(reason) = &err {
                            if one_by_one == 0 {
                                warn!(error = %reason, "a batch failed on an internal error; reading its messages one at a time to find the one at fault");
                                one_by_one = uids.len();
                                continue;
                            }
                            if let Some((uid, raw)) = single {
                                let tries = failures.entry(uid).or_insert(1);
                                *tries += 1;
                                let tries = *tries;
                                if tries >= MAX_ATTEMPTS {
                                    let why = format!(
                                        "{reason}, on each of {tries} attempts; kept for review"
                                    );
                                    match self.quarantine_raw(raw, "imap", why).await {
                                        Ok(()) => {
                                            error!(uid, attempts = tries, error = %reason, "a message failed on an internal error every time; kept as quarantined for review, the others go on");
                                            failures.remove(&uid);
                                            one_by_one = one_by_one.saturating_sub(1);
                                            if let Err(err) = mb.ack(uid).await {
                                                warn!(uid, error = %err, "cannot acknowledge a quarantined message; it will be read again and found a duplicate");
                                                continue 'connect;
                                            }
                                            continue;
                                        }
                                        Err(err) => {
                                            error!(uid, error = %err, "cannot record a message that keeps failing; it will be tried again");
                                        }
                                    }
                                } else {
                                    warn!(uid, attempts = tries, error = %reason, "a message failed on an internal error; it will be tried again");
                                }
                            }
                        }
                        warn!(error = %err, retry_in = ?backoff, "a batch could not be committed; its messages stay unseen");
                        drop(pass);
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
                    pass.worked();
                    info!(messages = acked, "imap batch committed");
                }
                if full && acked > 0 {
                    continue;
                }
                self.compose_drafts().await;
                drop(pass);
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
