//! Owns the daemon's watchdog: under systemd's `WatchdogSec=` (`WATCHDOG_USEC` set), it
//! tells systemd `WATCHDOG=1` at the interval systemd asks for, and only while no loop (the
//! scheduler, the outbox sender, the inbound reader) has been stuck inside a pass for longer
//! than half the watchdog's time; a stuck loop is logged by name with when it last showed
//! life, and systemd restarts the daemon. It also writes each loop's progress to the store
//! for `upward status`: when a loop did work (at most every few seconds) and when one is
//! found stalled, never on a timer of its own, so an idle daemon stays asleep. Does not know
//! what the loops do.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::MissedTickBehavior;
use tokio_util::sync::CancellationToken;
use tracing::{error, info, warn};

use crate::heartbeat::{Heartbeats, Loop, LoopSnapshot};
use crate::schedule::Clock;
use crate::store::{NewLoopProgress, Store};
use crate::sync::LockExt;

/// The shortest time between two writes of the loops' progress.
const WRITE_GAP: Duration = Duration::from_secs(5);

/// The watchdog's timing, from systemd's `WATCHDOG_USEC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// How often systemd hears `WATCHDOG=1`: half its timeout, as systemd recommends.
    pub ping_every: Duration,
    /// How long a loop may stay inside a pass without a beat before it counts as stalled:
    /// half the timeout too, so systemd restarts the daemon within 1.5 timeouts of a stall.
    pub stall_after: Duration,
}

impl Timing {
    /// The timing for systemd's watchdog timeout `timeout`.
    pub fn for_timeout(timeout: Duration) -> Timing {
        Timing {
            ping_every: timeout / 2,
            stall_after: timeout / 2,
        }
    }

    /// The timing systemd asks for, if it watches this process.
    pub fn from_env() -> Option<Timing> {
        sd_notify::watchdog_enabled()
            .filter(|t| !t.is_zero())
            .map(Timing::for_timeout)
    }
}

/// Writes the loops' progress through a connection of its own, so a loop stuck holding the
/// daemon's shared store does not keep the stall out of `upward status`.
#[derive(Clone)]
struct Writer {
    db: PathBuf,
    store: Arc<Mutex<Option<Store>>>,
    clock: Arc<dyn Clock>,
    heartbeats: Heartbeats,
    stall_after: Option<Duration>,
}

/// A loop's state as stored: waiting, working, or stalled past `stall_after`.
fn state_of(s: &LoopSnapshot, stall_after: Option<Duration>) -> &'static str {
    match s.busy_since {
        None => "waiting",
        Some(_) if stall_after.is_some_and(|t| s.silent_for > t) => "stalled",
        Some(_) => "working",
    }
}

impl Writer {
    async fn write(&self) {
        let rows: Vec<NewLoopProgress> = self
            .heartbeats
            .snapshot()
            .iter()
            .map(|s| NewLoopProgress {
                name: s.name.name(),
                state: state_of(s, self.stall_after),
                busy_since: s.busy_since,
                last_pass: s.last_pass,
                last_work: s.last_work,
            })
            .collect();
        let now = self.clock.now();
        let this = self.clone();
        let done = tokio::task::spawn_blocking(move || {
            let mut store = this.store.lock_or_recover();
            if store.is_none() {
                *store = Some(Store::open(&this.db)?);
            }
            match store.as_mut() {
                Some(s) => s.record_loop_progress(&rows, now),
                None => Ok(()),
            }
        })
        .await;
        match done {
            Ok(Ok(())) => {}
            Ok(Err(err)) => {
                warn!(error = %err, "cannot write the loops' progress for upward status")
            }
            Err(err) => warn!(error = %err, "the progress writer failed"),
        }
    }
}

/// Starts the watchdog's tasks for the daemon whose store is at `db`; they end with
/// `shutdown`. Returns the heartbeats the loops beat.
pub fn start(
    db: PathBuf,
    clock: Arc<dyn Clock>,
    timing: Option<Timing>,
    shutdown: CancellationToken,
) -> Heartbeats {
    let heartbeats = Heartbeats::new(Arc::clone(&clock));
    let writer = Writer {
        db,
        store: Arc::new(Mutex::new(None)),
        clock,
        heartbeats: heartbeats.clone(),
        stall_after: timing.map(|t| t.stall_after),
    };
    tokio::spawn(write_on_work(writer.clone(), shutdown.clone()));
    if let Some(timing) = timing {
        info!(
            ping_every_secs = timing.ping_every.as_secs_f64(),
            stall_after_secs = timing.stall_after.as_secs_f64(),
            "the watchdog is on: a loop stuck in a pass stops the pings"
        );
        tokio::spawn(ping(writer, timing, shutdown));
    }
    heartbeats
}

/// Writes the loops' progress at start, then after passes that did work, at most every
/// [`WRITE_GAP`]. Sleeps while nothing works.
async fn write_on_work(writer: Writer, shutdown: CancellationToken) {
    writer.write().await;
    loop {
        tokio::select! {
            () = shutdown.cancelled() => break,
            () = writer.heartbeats.worked() => {}
        }
        writer.write().await;
        tokio::select! {
            () = shutdown.cancelled() => break,
            () = tokio::time::sleep(WRITE_GAP) => {}
        }
    }
}

/// Tells systemd `WATCHDOG=1` every `timing.ping_every` while no loop is stalled.
async fn ping(writer: Writer, timing: Timing, shutdown: CancellationToken) {
    let mut ticks = tokio::time::interval(timing.ping_every);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut stalled: Option<Loop> = None;
    loop {
        tokio::select! {
            () = shutdown.cancelled() => break,
            _ = ticks.tick() => {}
        }
        match writer.heartbeats.stalled(timing.stall_after) {
            None => {
                if let Some(name) = stalled.take() {
                    info!(
                        task = name.name(),
                        "{} is making progress again; systemd's watchdog hears from upward again",
                        name.describe()
                    );
                    writer.write().await;
                }
                if let Err(err) = sd_notify::notify(&[sd_notify::NotifyState::Watchdog]) {
                    warn!(error = %err, "cannot notify systemd's watchdog");
                }
            }
            Some(s) if stalled != Some(s.name) => {
                let since = s.busy_since.map(|t| t.to_rfc3339()).unwrap_or_default();
                let last_beat = s.last_beat.map(|t| t.to_rfc3339()).unwrap_or_default();
                error!(
                    task = s.name.name(),
                    busy_since = %since,
                    last_beat = %last_beat,
                    silent_secs = s.silent_for.as_secs(),
                    "{} is stalled: stuck in a pass since {since} with no sign of life since {last_beat}; systemd's watchdog is no longer told all is well, so it restarts the daemon",
                    s.name.describe()
                );
                stalled = Some(s.name);
                writer.write().await;
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pings_and_stalls_follow_half_of_the_timeout() {
        let t = Timing::for_timeout(Duration::from_secs(300));
        assert_eq!(t.ping_every, Duration::from_secs(150));
        assert_eq!(t.stall_after, Duration::from_secs(150));
    }

    #[test]
    fn a_busy_loop_is_stalled_only_past_the_threshold_and_with_a_watchdog() {
        let at = "2026-01-05T09:00:00Z".parse().unwrap();
        let mut s = LoopSnapshot {
            name: Loop::Reader,
            busy_since: None,
            last_beat: None,
            silent_for: Duration::from_secs(200),
            last_pass: at,
            last_work: None,
        };
        let t = Some(Duration::from_secs(150));
        assert_eq!(state_of(&s, t), "waiting");
        s.busy_since = Some(at);
        assert_eq!(state_of(&s, t), "stalled");
        assert_eq!(state_of(&s, None), "working");
        s.silent_for = Duration::from_secs(10);
        assert_eq!(state_of(&s, t), "working");
    }
}
