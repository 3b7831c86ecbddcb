//! Owns the daemon loops' heartbeats: each loop (the scheduler, the outbox sender, the
//! inbound reader) opens a [`Pass`] while it works and drops it when the work is done, so a
//! loop that waits (for mail, for a due job, for a commit) holds no pass and is healthy
//! however long it waits, while a loop stuck inside a pass (on a lock, a dead connection)
//! shows how long it has been stuck. Does not talk to systemd nor write the store: the
//! daemon's watchdog reads the heartbeats and does both.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tokio::sync::Notify;

use crate::sync::LockExt;
use crate::time::Clock;

/// The daemon's loops that the watchdog follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Loop {
    Scheduler,
    Sender,
    Reader,
}

impl Loop {
    /// Every loop, in the order `upward status` lists them.
    pub const ALL: [Loop; 3] = [Loop::Scheduler, Loop::Sender, Loop::Reader];

    /// The loop's short name, as stored and printed.
    pub fn name(self) -> &'static str {
        match self {
            Loop::Scheduler => "scheduler",
            Loop::Sender => "sender",
            Loop::Reader => "reader",
        }
    }

    /// The loop as a log line names it.
    pub fn describe(self) -> &'static str {
        match self {
            Loop::Scheduler => "the scheduler",
            Loop::Sender => "the outbox sender",
            Loop::Reader => "the inbound reader",
        }
    }
}

/// A pass in progress: when it started, and when it last showed life.
#[derive(Debug, Clone, Copy)]
struct Open {
    started: DateTime<Utc>,
    beat: Instant,
    beat_at: DateTime<Utc>,
}

#[derive(Debug, Default)]
struct State {
    next_id: u64,
    /// Passes in progress by id (the sender runs one per connection besides its own).
    open: HashMap<u64, Open>,
    /// When a pass last ended.
    last_pass: Option<DateTime<Utc>>,
    /// When a pass that did something (sent, read, ran a job) last ended.
    last_work: Option<DateTime<Utc>>,
}

#[derive(Debug)]
struct Shared {
    clock: Arc<dyn Clock>,
    loops: Mutex<HashMap<Loop, State>>,
    /// Told when a pass that did work ends: the progress is worth writing down.
    worked: Notify,
    started: DateTime<Utc>,
}

/// The heartbeats of every loop of one daemon; cheap to clone.
#[derive(Debug, Clone)]
pub struct Heartbeats {
    shared: Arc<Shared>,
}

/// What one loop is doing, as the watchdog and `upward status` see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopSnapshot {
    pub name: Loop,
    /// When its oldest pass in progress started; `None` while it waits.
    pub busy_since: Option<DateTime<Utc>>,
    /// When its oldest pass in progress last showed life (a long pass beats as it goes).
    pub last_beat: Option<DateTime<Utc>>,
    /// How long ago that was.
    pub silent_for: Duration,
    /// When a pass last ended (the daemon's start before the first).
    pub last_pass: DateTime<Utc>,
    /// When a pass that did something last ended.
    pub last_work: Option<DateTime<Utc>>,
}

impl Heartbeats {
    /// Heartbeats for a daemon starting now.
    pub fn new(clock: Arc<dyn Clock>) -> Heartbeats {
        let started = clock.now();
        Heartbeats {
            shared: Arc::new(Shared {
                clock,
                loops: Mutex::new(HashMap::new()),
                worked: Notify::new(),
                started,
            }),
        }
    }

    /// The heartbeat of one loop.
    pub fn of(&self, name: Loop) -> Heartbeat {
        Heartbeat {
            shared: Some(Arc::clone(&self.shared)),
            name,
        }
    }

    /// Waits until a pass that did work ends.
    pub async fn worked(&self) {
        self.shared.worked.notified().await;
    }

    /// What every loop is doing now.
    pub fn snapshot(&self) -> Vec<LoopSnapshot> {
        let now = Instant::now();
        let loops = self.shared.loops.lock_or_recover();
        Loop::ALL
            .iter()
            .map(|&name| {
                let state = loops.get(&name);
                let oldest = state.and_then(|s| s.open.values().min_by_key(|o| o.beat).copied());
                LoopSnapshot {
                    name,
                    busy_since: oldest.map(|o| o.started),
                    last_beat: oldest.map(|o| o.beat_at),
                    silent_for: oldest.map_or(Duration::ZERO, |o| now - o.beat),
                    last_pass: state
                        .and_then(|s| s.last_pass)
                        .unwrap_or(self.shared.started),
                    last_work: state.and_then(|s| s.last_work),
                }
            })
            .collect()
    }

    /// The loop that has been stuck in a pass, without a beat, for longer than `threshold`
    /// (the longest stuck first), if any.
    pub fn stalled(&self, threshold: Duration) -> Option<LoopSnapshot> {
        self.snapshot()
            .into_iter()
            .filter(|s| s.silent_for > threshold)
            .max_by_key(|s| s.silent_for)
    }
}

/// One loop's heartbeat; cheap to clone, and usable from blocking threads.
#[derive(Debug, Clone)]
pub struct Heartbeat {
    /// `None` for a loop nobody watches (a test or a bench running one loop on its own).
    shared: Option<Arc<Shared>>,
    name: Loop,
}

impl Heartbeat {
    /// A heartbeat nobody listens to.
    pub fn unwatched(name: Loop) -> Heartbeat {
        Heartbeat { shared: None, name }
    }

    /// Starts a pass: the loop is working until the returned guard is dropped.
    pub fn pass(&self) -> Pass {
        let id = self.shared.as_ref().map_or(0, |shared| {
            let now = Instant::now();
            let at = shared.clock.now();
            let mut loops = shared.loops.lock_or_recover();
            let state = loops.entry(self.name).or_default();
            state.next_id += 1;
            let open = Open {
                started: at,
                beat: now,
                beat_at: at,
            };
            state.open.insert(state.next_id, open);
            state.next_id
        });
        Pass {
            heartbeat: self.clone(),
            id,
            worked: false,
        }
    }

    /// Shows that the loop's passes in progress are alive (a long pass calls it as it goes:
    /// after each batch, before each job).
    pub fn beat(&self) {
        if let Some(shared) = &self.shared {
            let now = Instant::now();
            let at = shared.clock.now();
            let mut loops = shared.loops.lock_or_recover();
            if let Some(state) = loops.get_mut(&self.name) {
                for open in state.open.values_mut() {
                    open.beat = now;
                    open.beat_at = at;
                }
            }
        }
    }
}

/// A pass in progress of one loop; dropping it ends the pass.
#[derive(Debug)]
pub struct Pass {
    heartbeat: Heartbeat,
    id: u64,
    worked: bool,
}

impl Pass {
    /// Marks the pass as one that did something (sent, read or ran a job): its end is
    /// progress worth writing down.
    pub fn worked(&mut self) {
        self.worked = true;
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        let Some(shared) = &self.heartbeat.shared else {
            return;
        };
        let at = shared.clock.now();
        {
            let mut loops = shared.loops.lock_or_recover();
            let state = loops.entry(self.heartbeat.name).or_default();
            state.open.remove(&self.id);
            state.last_pass = Some(at);
            if self.worked {
                state.last_work = Some(at);
            }
        }
        if self.worked {
            shared.worked.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::ManualClock;

    fn beats() -> Heartbeats {
        let start = "2026-01-05T09:00:00Z".parse().unwrap();
        Heartbeats::new(Arc::new(ManualClock::new(start)))
    }

    #[test]
    fn a_loop_that_waits_is_never_stalled() {
        let h = beats();
        drop(h.of(Loop::Reader).pass());
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(h.stalled(Duration::from_millis(10)), None);
        let reader = &h.snapshot()[2];
        assert_eq!(reader.busy_since, None);
        assert_eq!(reader.last_work, None);
    }

    #[test]
    fn a_loop_stuck_in_a_pass_is_stalled_and_a_beat_revives_it() {
        let h = beats();
        let sender = h.of(Loop::Sender);
        let _pass = sender.pass();
        std::thread::sleep(Duration::from_millis(30));
        let stalled = h.stalled(Duration::from_millis(10)).unwrap();
        assert_eq!(stalled.name, Loop::Sender);
        assert!(stalled.busy_since.is_some());
        sender.beat();
        assert_eq!(h.stalled(Duration::from_millis(10)), None);
    }

    #[test]
    fn only_a_pass_that_worked_records_work() {
        let h = beats();
        let scheduler = h.of(Loop::Scheduler);
        drop(scheduler.pass());
        assert_eq!(h.snapshot()[0].last_work, None);
        let mut pass = scheduler.pass();
        pass.worked();
        drop(pass);
        assert!(h.snapshot()[0].last_work.is_some());
    }

    #[test]
    fn an_unwatched_heartbeat_does_nothing() {
        let beat = Heartbeat::unwatched(Loop::Reader);
        let mut pass = beat.pass();
        pass.worked();
        beat.beat();
    }
}
