//! Owns the sender task: it drains the outbox through a [`Transport`], a few connections at
//! a time, under the rate limit, retrying temporary failures with exponential backoff and
//! recording every outcome. Does not compose or queue mail.
//!
//! Crash safety: rows are claimed with a lease before sending and marked after the relay's
//! answer, so a crash loses nothing; a row whose answer was not yet recorded is sent again
//! after the lease, with the same Message-ID. Each connection has at most one such message
//! at any time: recording an outcome overlaps the next message's envelope, but the relay
//! gets that message's content only once the outcome is committed.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::FutureExt;
use tokio::sync::{Notify, mpsc};
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep_until, timeout};
use tokio_util::sync::CancellationToken;
use tracing::{debug, error, info, warn};

use super::transport::{Outgoing, Transport, TransportError};
use crate::config::Config;
use crate::heartbeat::{Heartbeat, Loop};
use crate::store::{Delivery, OutboxEntry, Store};
use crate::sync::LockExt;
use crate::time::Clock;

/// The longest an idle sender sleeps when nothing wakes it: the safety net should the commit
/// watch miss a commit.
pub const IDLE_POLL: Duration = Duration::from_secs(60);

/// How often an idle sender looks at the outbox when commits cannot be watched.
pub const POLL_WITHOUT_WATCH: Duration = Duration::from_secs(1);

/// How the sender paces and retries.
#[derive(Debug, Clone)]
pub struct SenderSettings {
    /// Messages in flight at once (one per SMTP connection).
    pub connections: usize,
    /// Messages per minute at most; `None` for no limit.
    pub rate_per_minute: Option<u32>,
    /// The longest sleep of an idle sender: it wakes sooner when a row falls due or when a
    /// commit is announced (`wake`, fed by the scheduler and by [`crate::store::CommitWatch`]).
    pub poll: Duration,
    /// How long a claimed row belongs to this sender.
    pub lease: chrono::Duration,
    /// The outer deadline of one send, whatever the transport does (lettre#650).
    pub send_timeout: Duration,
    /// The first retry waits this long; each later one twice as long as the one before.
    pub backoff_base: chrono::Duration,
    /// The longest wait between two attempts.
    pub backoff_cap: chrono::Duration,
    /// After this many attempts a temporary failure becomes permanent.
    pub max_attempts: u32,
}

impl SenderSettings {
    /// Settings from the config: `[smtp]` connections, rate and timeout when present.
    pub fn from_config(config: &Config) -> SenderSettings {
        let (connections, rate, step, first, max) = match &config.smtp {
            Some(s) => (
                usize::try_from(s.connections).unwrap_or(1).max(1),
                s.rate_per_minute,
                s.timeout_seconds,
                s.retry_first_seconds,
                s.retry_max_seconds,
            ),
            None => (1, None, 30, 60, 6 * 3600),
        };
        let secs = |s: u64| chrono::Duration::seconds(i64::try_from(s).unwrap_or(i64::MAX / 1000));
        SenderSettings {
            connections,
            rate_per_minute: rate,
            poll: IDLE_POLL,
            lease: chrono::Duration::minutes(15),
            // NOTE: the transport's three steps (free connection, connect, transaction) each
            // have `timeout_seconds`; this backstop covers any transport.
            send_timeout: Duration::from_secs(step * 3 + 5),
            backoff_base: secs(first),
            backoff_cap: secs(max),
            max_attempts: 12,
        }
    }

    /// How many rows to claim at once: enough to keep every connection busy, few enough
    /// that the rate limit drains them well within the lease.
    // NOTE: small claims: a claim holds the store while it runs, and the connections wait
    // for their outcomes to be recorded; eight rows per connection measured best
    // (benches/OUTBOUND.md).
    fn batch(&self) -> usize {
        let by_rate = self.rate_per_minute.map_or(usize::MAX, |r| {
            usize::try_from(r).unwrap_or(usize::MAX).saturating_mul(5)
        });
        (self.connections * 8).min(by_rate).max(1)
    }

    /// The wait before attempt `attempts + 1`, after `attempts` failed ones.
    pub fn backoff(&self, attempts: u32) -> chrono::Duration {
        let factor = 1i32 << attempts.saturating_sub(1).min(20);
        (self.backoff_base * factor).min(self.backoff_cap)
    }
}

/// A limiter that spaces messages evenly: at most `rate` per minute, no bursts.
#[derive(Debug)]
pub struct RateLimiter {
    interval: Option<Duration>,
    next: tokio::sync::Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// A limiter for `rate_per_minute` (`None` never waits).
    pub fn new(rate_per_minute: Option<u32>) -> RateLimiter {
        RateLimiter {
            interval: rate_per_minute
                .filter(|r| *r > 0)
                .map(|r| Duration::from_secs(60) / r),
            next: tokio::sync::Mutex::new(None),
        }
    }

    /// Waits until the next message may go.
    pub async fn acquire(&self) {
        let Some(interval) = self.interval else {
            return;
        };
        let at = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let at = next.map_or(now, |n| n.max(now));
            *next = Some(at + interval);
            at
        };
        sleep_until(at).await;
    }
}

/// What the sender needs.
pub struct SenderDeps {
    pub store: Arc<Mutex<Store>>,
    pub clock: Arc<dyn Clock>,
    pub transport: Arc<dyn Transport>,
    pub settings: SenderSettings,
    /// Notified by whoever queues mail, so it goes out without waiting for the next poll.
    pub wake: Arc<Notify>,
}

/// Runs `f` on the store in a blocking thread.
async fn with_store<T: Send + 'static>(
    store: &Arc<Mutex<Store>>,
    f: impl FnOnce(&mut Store) -> T + Send + 'static,
) -> Option<T> {
    let store = Arc::clone(store);
    match tokio::task::spawn_blocking(move || {
        let mut guard = store.lock_or_recover();
        f(&mut guard)
    })
    .await
    {
        Ok(v) => Some(v),
        Err(err) => {
            error!(error = %err, "store task failed");
            None
        }
    }
}

/// The outcome to record for a transport result.
fn outcome(
    settings: &SenderSettings,
    entry: &OutboxEntry,
    result: Result<super::transport::SendReport, TransportError>,
    now: DateTime<Utc>,
) -> Delivery {
    match result {
        Ok(report) => Delivery::Sent {
            rejected: report.rejected,
        },
        Err(TransportError::Permanent { message, bouncing }) => Delivery::Failed {
            error: message,
            bouncing,
        },
        Err(TransportError::Temporary(message)) if entry.attempts >= settings.max_attempts => {
            Delivery::Failed {
                error: format!("gave up after {} attempts: {message}", entry.attempts),
                bouncing: vec![],
            }
        }
        Err(TransportError::Temporary(message)) => Delivery::Retry {
            error: message,
            at: now + settings.backoff(entry.attempts),
        },
    }
}

/// The pause after the `failures`-th store failure in a row while claiming rows: 1 s, then
/// twice as long each time, at most a minute.
fn claim_retry_pause(failures: u32) -> Duration {
    let secs = 1u64 << failures.saturating_sub(1).min(6);
    Duration::from_secs(secs.min(60))
}

/// How long an idle sender sleeps: until the next row falls due, and no longer than
/// `settings.poll`, the safety net for a commit nobody announced.
fn idle_wait(
    settings: &SenderSettings,
    due: Option<Result<Option<DateTime<Utc>>, crate::store::StoreError>>,
    now: DateTime<Utc>,
) -> Duration {
    match due {
        Some(Ok(Some(at))) => (at - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(settings.poll),
        Some(Ok(None)) => settings.poll,
        Some(Err(err)) => {
            warn!(error = %err, "cannot tell when the next email falls due; looking again soon");
            settings.poll.min(Duration::from_secs(5))
        }
        None => settings.poll.min(Duration::from_secs(5)),
    }
}

/// Why the sender could not run.
#[derive(Debug, thiserror::Error)]
pub enum SenderError {
    /// The thread that records outcomes could not be started.
    #[error("cannot start the outbox recorder thread")]
    Recorder(#[source] std::io::Error),
}

/// Drains the outbox until `shutdown`; the message in flight on each connection is finished
/// and recorded, claimed rows not yet started are given back.
///
/// # Errors
/// Only when the recorder thread cannot start; store and transport failures are logged and
/// retried.
pub async fn run(deps: SenderDeps, shutdown: CancellationToken) -> Result<(), SenderError> {
    run_watched(deps, Heartbeat::unwatched(Loop::Sender), shutdown).await
}

/// As [`run`], beating `heartbeat`: a claim of the outbox is a pass, and so is each
/// message a connection sends and records; waiting for work or for the rate limit is not.
///
/// # Errors
/// As [`run`].
pub async fn run_watched(
    deps: SenderDeps,
    heartbeat: Heartbeat,
    shutdown: CancellationToken,
) -> Result<(), SenderError> {
    let settings = deps.settings.clone();
    let batch = settings.batch();
    info!(
        transport = %deps.transport.describe(),
        connections = settings.connections,
        rate_per_minute = ?settings.rate_per_minute,
        "outbox sender started"
    );
    let (tx, rx) = mpsc::channel::<OutboxEntry>(batch);
    let rx = Arc::new(tokio::sync::Mutex::new(rx));
    let limiter = Arc::new(RateLimiter::new(settings.rate_per_minute));
    let (record_tx, record_rx) = std::sync::mpsc::channel();
    let store = Arc::clone(&deps.store);
    let recording = std::thread::Builder::new()
        .name("outbox-recorder".into())
        .spawn(move || recorder(store, record_rx))
        .map_err(SenderError::Recorder)?;
    let mut workers = JoinSet::new();
    for n in 0..settings.connections {
        let worker = Worker {
            recorder: record_tx.clone(),
            n,
            store: Arc::clone(&deps.store),
            clock: Arc::clone(&deps.clock),
            transport: Arc::clone(&deps.transport),
            settings: settings.clone(),
            limiter: Arc::clone(&limiter),
            rx: Arc::clone(&rx),
            heartbeat: heartbeat.clone(),
        };
        workers.spawn(worker.run(shutdown.clone()));
    }

    // Store failures in a row while claiming: each waits twice as long as the one before.
    let mut claim_failures: u32 = 0;
    loop {
        let want = (batch / 2).max(1);
        let permits = tokio::select! {
            () = shutdown.cancelled() => break,
            p = tx.reserve_many(want) => match p { Ok(p) => p, Err(_) => break },
        };
        let mut pass = heartbeat.pass();
        let now = deps.clock.now();
        let lease = settings.lease;
        let claimed = with_store(&deps.store, move |s| s.claim_outbound(now, want, lease)).await;
        let claimed = match claimed {
            Some(Ok(rows)) => {
                claim_failures = 0;
                rows
            }
            Some(Err(err)) => {
                // NOTE: a row is still due, so the idle wait below would be zero: without
                // this pause a full disk or a locked database makes the loop spin.
                claim_failures = claim_failures.saturating_add(1);
                let pause = claim_retry_pause(claim_failures);
                error!(error = %err, retry_in = ?pause, "cannot claim outbox rows; retrying");
                drop(pass);
                drop(permits);
                tokio::select! {
                    () = shutdown.cancelled() => break,
                    () = tokio::time::sleep(pause) => {}
                }
                continue;
            }
            None => Vec::new(),
        };
        let got = claimed.len();
        for (entry, permit) in claimed.into_iter().zip(permits) {
            permit.send(entry);
        }
        if got == 0 {
            let due = with_store(&deps.store, |s| s.next_outbound_due()).await;
            drop(pass);
            let wait = idle_wait(&settings, due, deps.clock.now());
            debug!(?wait, "nothing due in the outbox; waiting");
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(wait) => {}
                () = deps.wake.notified() => {}
            }
        } else {
            pass.worked();
            drop(pass);
            debug!(claimed = got, "outbox rows claimed");
        }
    }
    drop(tx);
    drop(record_tx);
    while workers.join_next().await.is_some() {}
    if tokio::task::spawn_blocking(move || recording.join())
        .await
        .map_or(true, |joined| joined.is_err())
    {
        error!("the outbox recorder thread failed");
    }
    // Rows still queued in the channel were claimed but never started: give them back.
    let mut left = Vec::new();
    {
        let mut rx = rx.lock().await;
        while let Ok(entry) = rx.try_recv() {
            left.push(entry.id);
        }
    }
    if !left.is_empty() {
        let n = left.len();
        match with_store(&deps.store, move |s| s.release_outbound(&left)).await {
            Some(Ok(())) => info!(released = n, "claimed rows given back for the next run"),
            Some(Err(err)) => {
                warn!(error = %err, "cannot give back claimed rows; they are sent after their lease");
            }
            None => warn!("cannot give back claimed rows; they are sent after their lease"),
        }
    }
    info!("outbox sender stopped");
    Ok(())
}

/// An outcome on its way to the store, and who waits for it.
struct Record {
    id: i64,
    key: String,
    delivery: Delivery,
    now: DateTime<Utc>,
    done: tokio::sync::watch::Sender<bool>,
}

/// Commits outcomes as they come, all those waiting in one transaction (group commit), and
/// tells each worker when its outcome is committed. Runs on a thread of its own, fed by a
/// channel: every connection waits for its last outcome before its next message can be
/// accepted, so this path is kept to one thread hop.
fn recorder(store: Arc<Mutex<Store>>, rx: std::sync::mpsc::Receiver<Record>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < 256 {
            match rx.try_recv() {
                Ok(r) => batch.push(r),
                Err(_) => break,
            }
        }
        let items: Vec<(i64, Delivery, DateTime<Utc>)> = batch
            .iter()
            .map(|r| (r.id, r.delivery.clone(), r.now))
            .collect();
        let result = store.lock_or_recover().record_deliveries(&items);
        if let Err(err) = result {
            let keys: Vec<&str> = batch.iter().map(|r| r.key.as_str()).collect();
            error!(keys = ?keys, error = %err, "cannot record outcomes; the rows are retried after their lease");
        }
        for r in batch {
            let _ = r.done.send(true);
        }
    }
}

struct Worker {
    recorder: std::sync::mpsc::Sender<Record>,
    n: usize,
    store: Arc<Mutex<Store>>,
    clock: Arc<dyn Clock>,
    transport: Arc<dyn Transport>,
    settings: SenderSettings,
    limiter: Arc<RateLimiter>,
    rx: Arc<tokio::sync::Mutex<mpsc::Receiver<OutboxEntry>>>,
    /// The sender's heartbeat: each message sent and recorded is a pass.
    heartbeat: Heartbeat,
}

/// Completes when the previous outcome of a worker is committed.
type Recorded = tokio::sync::watch::Receiver<bool>;

async fn recorded(mut done: Option<Recorded>) {
    if let Some(rx) = done.as_mut() {
        // An error means the recording task ended without saying so: nothing left to wait for.
        let _ = rx.wait_for(|d| *d).await;
    }
}

impl Worker {
    async fn run(self, shutdown: CancellationToken) {
        let mut previous: Option<Recorded> = None;
        loop {
            let entry = {
                let mut rx = self.rx.lock().await;
                tokio::select! {
                    biased;
                    () = shutdown.cancelled() => None,
                    e = rx.recv() => e,
                }
            };
            let Some(entry) = entry else { break };
            tokio::select! {
                biased;
                () = shutdown.cancelled() => {
                    let id = entry.id;
                    let _ = with_store(&self.store, move |s| s.release_outbound(&[id])).await;
                    break;
                }
                () = self.limiter.acquire() => {}
            }
            let mut pass = self.heartbeat.pass();
            pass.worked();
            previous = Some(self.deliver(entry, previous.take()).await);
            drop(pass);
        }
        recorded(previous).await;
    }

    /// Sends one row and starts recording its outcome; the returned receiver says when the
    /// outcome is committed. `previous` is the last outcome of this worker: the relay cannot
    /// accept this message before it is committed (see [`Transport::send_gated`]).
    async fn deliver(&self, entry: OutboxEntry, previous: Option<Recorded>) -> Recorded {
        let msg = Outgoing {
            envelope_from: &entry.envelope_from,
            recipients: &entry.recipients,
            message_id: &entry.message_id,
            bytes: &entry.bytes,
        };
        let gate = Box::pin(recorded(previous.clone()));
        // NOTE: a panic inside the transport (lettre#678 panicked on a certificate mismatch)
        // becomes a temporary failure of this message, not the end of this connection's worker.
        let send = std::panic::AssertUnwindSafe(self.transport.send_gated(msg, gate))
            .catch_unwind()
            .map(|r| {
                r.unwrap_or_else(|panic| {
                    Err(TransportError::Temporary(format!(
                        "the transport panicked: {}",
                        crate::panic_message(&*panic)
                    )))
                })
            });
        let sent = timeout(self.settings.send_timeout, send).await;
        // The send may have failed before reaching the gate: wait for it here then.
        recorded(previous).await;
        let result = match sent {
            Ok(r) => r,
            Err(_) => Err(TransportError::Temporary(format!(
                "the send took longer than {} s",
                self.settings.send_timeout.as_secs()
            ))),
        };
        let now = self.clock.now();
        let delivery = outcome(&self.settings, &entry, result, now);
        match &delivery {
            Delivery::Sent { rejected } if rejected.is_empty() && entry.attempts > 1 => {
                // NOTE: the operator saw the failures at warn: the recovery is worth a line too.
                info!(key = %entry.key, attempts = entry.attempts, "sent after earlier attempts failed");
            }
            Delivery::Sent { rejected } if rejected.is_empty() => {
                debug!(worker = self.n, key = %entry.key, "sent");
            }
            Delivery::Sent { rejected } => {
                warn!(key = %entry.key, refused = rejected.len(), "sent, but some recipients were refused for good");
            }
            Delivery::Retry { error, at } => {
                warn!(key = %entry.key, attempts = entry.attempts, error = %error, retry_at = %at, "send failed; will retry");
            }
            Delivery::Failed { error, bouncing } => {
                error!(key = %entry.key, attempts = entry.attempts, error = %error, bouncing = bouncing.len(), "send failed for good");
            }
        }
        let (done, rx) = tokio::sync::watch::channel(false);
        let record = Record {
            id: entry.id,
            key: entry.key,
            delivery,
            now,
            done,
        };
        if let Err(unsent) = self.recorder.send(record) {
            // The recorder is gone (shutting down): record this one directly.
            let Record {
                id,
                key,
                delivery,
                now,
                done,
            } = unsent.0;
            if let Some(Err(err)) =
                with_store(&self.store, move |s| s.record_delivery(id, &delivery, now)).await
            {
                error!(key = %key, error = %err, "cannot record the outcome; the row is retried after its lease");
            }
            let _ = done.send(true);
        }
        rx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_failure_while_claiming_waits_longer_each_time_up_to_a_minute() {
        let waits: Vec<u64> = (1..=8).map(|n| claim_retry_pause(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
    }

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap() {
        let mut s = SenderSettings::from_config(&crate::outbound::outbox::tests_config());
        s.backoff_base = chrono::Duration::seconds(60);
        s.backoff_cap = chrono::Duration::seconds(600);
        let waits: Vec<i64> = (1..=6).map(|a| s.backoff(a).num_seconds()).collect();
        assert_eq!(waits, vec![60, 120, 240, 480, 600, 600]);
    }

    #[test]
    fn the_claim_batch_follows_the_rate_limit() {
        let mut s = SenderSettings::from_config(&crate::outbound::outbox::tests_config());
        s.connections = 4;
        s.rate_per_minute = None;
        assert_eq!(s.batch(), 32);
        s.rate_per_minute = Some(2);
        assert_eq!(s.batch(), 10);
    }

    #[tokio::test(start_paused = true)]
    async fn the_rate_limiter_spaces_messages_evenly() {
        let limiter = RateLimiter::new(Some(60));
        let start = Instant::now();
        let mut at = Vec::new();
        for _ in 0..5 {
            limiter.acquire().await;
            at.push((Instant::now() - start).as_secs());
        }
        assert_eq!(at, vec![0, 1, 2, 3, 4]);
    }

    #[tokio::test]
    async fn a_sender_stuck_on_the_store_lock_is_stalled_and_a_waiting_one_is_not() {
        let config = crate::outbound::outbox::tests_config();
        let store = Arc::new(Mutex::new(Store::open_in_memory().unwrap()));
        let clock = Arc::new(crate::time::ManualClock::new(
            "2027-01-08T18:00:00Z".parse().unwrap(),
        ));
        let beats = crate::heartbeat::Heartbeats::new(clock.clone());
        let outbox = tempfile::tempdir().unwrap();
        // Another part holds the store (a lock never released) until told to let go.
        let (locked_tx, locked_rx) = std::sync::mpsc::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let holder = {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let _guard = store.lock().unwrap();
                locked_tx.send(()).unwrap();
                let _ = release_rx.recv();
            })
        };
        locked_rx.recv().unwrap();
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(run_watched(
            SenderDeps {
                store: Arc::clone(&store),
                clock,
                transport: Arc::new(super::super::transport::FileTransport::new(
                    outbox.path().to_path_buf(),
                )),
                settings: SenderSettings::from_config(&config),
                wake: Arc::new(Notify::new()),
            },
            beats.of(Loop::Sender),
            shutdown.clone(),
        ));
        let threshold = Duration::from_millis(100);
        let until = |stalled: bool| {
            let beats = beats.clone();
            async move {
                for _ in 0..500 {
                    if beats.stalled(threshold).is_some() == stalled {
                        return beats.stalled(threshold);
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                panic!(
                    "the sender never became {}",
                    if stalled { "stalled" } else { "idle" }
                );
            }
        };
        let stuck = until(true).await.unwrap();
        assert_eq!(stuck.name, Loop::Sender);
        assert!(stuck.busy_since.is_some());
        release_tx.send(()).unwrap();
        holder.join().unwrap();
        // Nothing to send: it waits for work, which is not a stall however long it lasts.
        assert_eq!(until(false).await, None);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(beats.stalled(threshold), None);
        shutdown.cancel();
        task.await.unwrap().unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn no_limit_never_waits() {
        let limiter = RateLimiter::new(None);
        let start = Instant::now();
        for _ in 0..100 {
            limiter.acquire().await;
        }
        assert_eq!(Instant::now(), start);
    }
}
