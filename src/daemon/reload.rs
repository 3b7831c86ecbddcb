//! Owns the daemon's two mail tasks, the outbox sender and the inbound reader, and the
//! SIGHUP reload that restarts them on a new config. Does not decide what changed (that is
//! `changes`) or run the scheduler (it takes the new config from the daemon's watch).
//!
//! A reload builds everything the new config needs (the transport, the reader's pipeline)
//! before touching anything, so a config whose relay or templates cannot be set up is
//! refused whole and the daemon goes on with the previous one. Then:
//! - the sender is restarted on the new transport when `[smtp]` (or, without it, the file
//!   outbox's folder) changed: the running one finishes the message in flight on each
//!   connection and records its outcome, gives back what it claimed and had not started, and
//!   only then does the new one claim anything (no message is lost or sent twice);
//! - the reader is restarted with a pipeline of the new config: the running one commits and
//!   acknowledges its batch in flight first. Its source is `[inbound]`/`[inbound.imap]`, and
//!   its pipeline reads participants, program, templates and the rest, so it restarts on
//!   every reload that is applied.
//!
//! Only the database path and the one-click unsubscribe listener wait for a restart; the
//! reload says so and does not claim them.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::{error, info, warn};

use super::Error;
use super::changes::{Changes, inbound_summary, transport_summary};
use crate::config::Config;
use crate::inbound::process::Ingest;
use crate::inbound::process::sources::{self, ReaderDeps};
use crate::outbound::Composer;
use crate::outbound::sender::{self, POLL_WITHOUT_WATCH, SenderDeps, SenderSettings};
use crate::outbound::transport::Transport;
use crate::pairing::HardRules;
use crate::schedule::Clock;
use crate::schedule::handler::Handler;
use crate::store::Store;
use crate::sync::LockExt;

/// How long a stopping sender may take to finish and record its messages in flight.
pub const SENDER_STOP: Duration = Duration::from_secs(150);
/// How long a stopping reader may take to commit and acknowledge its batch in flight.
pub const READER_STOP: Duration = Duration::from_secs(60);

/// What both tasks share with the rest of the daemon.
pub struct Shared {
    pub store: Arc<Mutex<Store>>,
    pub clock: Arc<dyn Clock>,
    /// Notified on every commit; wakes the sender.
    pub wake: Arc<Notify>,
    /// Commits are watched; without that the sender looks at the outbox every second.
    pub watching: bool,
    /// The daemon's shutdown: each task runs under a child of it, so that a reload can stop
    /// one task alone and a shutdown stops them all.
    pub shutdown: CancellationToken,
    /// The watchdog's heartbeats: a restarted task beats on as its loop.
    pub beats: crate::heartbeat::Heartbeats,
    /// Woken by the reader when the coordinator approved someone's JOIN: the daemon then
    /// reloads as on SIGHUP, which adds them to the participants and pairs them.
    pub joined: Arc<Notify>,
}

/// A running task and the token that stops it alone.
pub struct Task {
    /// For the log: "the outbox sender", "the inbound reader".
    name: &'static str,
    token: CancellationToken,
    handle: JoinHandle<Result<(), Error>>,
}

impl Task {
    /// Waits (at most `within`) for the task, once cancelled (by the daemon's shutdown), to
    /// finish its unit of work.
    pub async fn join(mut self, within: Duration) {
        self.wait(within).await;
    }

    /// Cancels the task alone and waits for it as [`Task::join`] does.
    async fn stop(&mut self, within: Duration) {
        self.token.cancel();
        self.wait(within).await;
    }

    /// Waits for the task; one that does not finish within `within` is aborted.
    async fn wait(&mut self, within: Duration) {
        let name = self.name;
        match tokio::time::timeout(within, &mut self.handle).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(err))) => error!(error = %crate::ErrorChain(&err), "{name} failed"),
            Ok(Err(err)) => error!(error = %err, "{name} task panicked"),
            Err(_) => {
                warn!("{name} did not stop in time; aborted");
                self.handle.abort();
            }
        }
    }
}

/// The sender and the reader of the running config.
pub struct Tasks {
    shared: Shared,
    pub sender: Task,
    pub reader: Task,
}

/// A sender ready to start: its transport is built.
struct SenderPlan {
    transport: Arc<dyn Transport>,
    settings: SenderSettings,
}

impl SenderPlan {
    fn new(config: &Config, watching: bool) -> Result<SenderPlan, Error> {
        let transport = crate::outbound::transport::from_config(config).map_err(Error::Outbound)?;
        let mut settings = SenderSettings::from_config(config);
        if !watching {
            settings.poll = POLL_WITHOUT_WATCH;
        }
        Ok(SenderPlan {
            transport,
            settings,
        })
    }
}

fn reader_pipeline(config: &Arc<Config>, joined: &Arc<Notify>) -> Result<Ingest, Error> {
    Ok(Ingest::new(Arc::clone(config))
        .map_err(Error::Inbound)?
        .on_join(Arc::clone(joined)))
}

impl Tasks {
    /// Starts the sender and the reader of `config`.
    ///
    /// # Errors
    /// When the transport or the reader's pipeline cannot be set up.
    pub fn start(config: &Arc<Config>, shared: Shared) -> Result<Tasks, Error> {
        let plan = SenderPlan::new(config, shared.watching)?;
        let ingest = reader_pipeline(config, &shared.joined)?;
        let sender = spawn_sender(&shared, plan);
        let reader = spawn_reader(&shared, ingest);
        Ok(Tasks {
            shared,
            sender,
            reader,
        })
    }

    /// Applies `new` (valid, its directories made) in place of `old`, and says in one log
    /// line what changed and what took effect. Returns the config now in force: `new`, or
    /// `old` when the new one cannot be set up (said in the log).
    pub async fn reload(&mut self, old: Arc<Config>, new: Config) -> Arc<Config> {
        let new = Arc::new(new);
        let changes = Changes::between(&old, &new);
        // Everything is built before anything changes: a failure leaves the daemon wholly
        // on the previous config.
        let plan = if changes.sender {
            match SenderPlan::new(&new, self.shared.watching) {
                Ok(plan) => Some(plan),
                Err(err) => {
                    error!(error = %crate::ErrorChain(&err), changed = %changes, "cannot use the new [smtp]; still running on the previous config");
                    return old;
                }
            }
        } else {
            None
        };
        let ingest = match reader_pipeline(&new, &self.shared.joined) {
            Ok(ingest) => ingest,
            Err(err) => {
                error!(error = %crate::ErrorChain(&err), changed = %changes, "cannot use the new config for inbound mail; still running on the previous config");
                return old;
            }
        };
        let store = Arc::clone(&self.shared.store);
        let clock = Arc::clone(&self.shared.clock);
        let config = Arc::clone(&new);
        let synced = tokio::task::spawn_blocking(move || {
            let mut store = store.lock_or_recover();
            let now = clock.now();
            let report = store.sync_participants(&config.participants, now)?;
            if report.added + report.rejoined > 0 || super::joiners_waiting(&store) {
                fill_newcomers(&config, &mut store, now);
            }
            Ok::<_, crate::store::StoreError>(report)
        })
        .await;
        let report = match synced {
            Ok(Ok(report)) => report,
            Ok(Err(err)) => {
                error!(error = %err, "cannot write the new participants; still running on the previous config");
                return old;
            }
            Err(err) => {
                error!(error = %err, "reload task failed; still running on the previous config");
                return old;
            }
        };

        let mut took_effect = Vec::new();
        if let Some(plan) = plan {
            self.sender.stop(SENDER_STOP).await;
            self.sender = spawn_sender(&self.shared, plan);
            took_effect.push(format!(
                "outbox sender restarted on {}",
                transport_summary(&new)
            ));
        }
        self.reader.stop(READER_STOP).await;
        self.reader = spawn_reader(&self.shared, ingest);
        took_effect.push(format!(
            "inbound reader restarted on {}",
            inbound_summary(&new)
        ));
        took_effect.push("scheduler rebuilt from the new config".into());
        if !changes.restart_needed.is_empty() {
            warn!(
                settings = %changes.restart_needed.join("; "),
                "some changes need a restart of upward to take effect; until then the previous values stay in force"
            );
        }
        info!(
            participants = new.participants.len(),
            added = report.added,
            updated = report.updated,
            left = report.left,
            changed = %changes,
            took_effect = %took_effect.join("; "),
            restart_needed = %if changes.restart_needed.is_empty() {
                "nothing".to_string()
            } else {
                changes.restart_needed.join("; ")
            },
            "config reloaded"
        );
        new
    }
}

/// People HR added (or who came back) get partners at once, every pair left alone, when
/// the program's rule says so (`program::pair_newcomers_now`); a failure is logged, and
/// `upward pair --fill` does the same by hand.
pub(super) fn fill_newcomers(
    config: &Arc<Config>,
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
) {
    let p = &config.program;
    let rounds_made = match store.round_count() {
        Ok(n) => n > 0,
        Err(err) => {
            error!(error = %err, "cannot read the rounds; run `upward pair --fill` to pair the new participants");
            return;
        }
    };
    let today = crate::program::today(config, now);
    if !crate::program::pair_newcomers_now(
        rounds_made,
        today,
        p.end,
        config.pairing.no_round_in_last_weeks,
    ) {
        return;
    }
    let composer = match Composer::new(Arc::clone(config)) {
        Ok(c) => c,
        Err(err) => {
            error!(error = %crate::ErrorChain(&err), "cannot introduce new pairs; run `upward pair --fill` once fixed");
            return;
        }
    };
    match Handler::new(Arc::new(composer)).fill(store, now) {
        Ok(filled) => info!(
            new_pairs = filled.plan.pairing.pairs.len(),
            still_alone = filled.plan.pairing.unmatched.len(),
            "new participants paired; every current pair kept"
        ),
        Err(err) => {
            error!(error = %crate::ErrorChain(&err), "cannot pair the new participants; run `upward pair --fill` to try by hand");
        }
    }
}

fn spawn_sender(shared: &Shared, plan: SenderPlan) -> Task {
    let token = shared.shutdown.child_token();
    let running = sender::run_watched(
        SenderDeps {
            store: Arc::clone(&shared.store),
            clock: Arc::clone(&shared.clock),
            transport: plan.transport,
            settings: plan.settings,
            wake: Arc::clone(&shared.wake),
        },
        shared.beats.of(crate::heartbeat::Loop::Sender),
        token.clone(),
    );
    let handle = tokio::spawn(async move { Ok(running.await?) });
    Task {
        name: "the outbox sender",
        token,
        handle,
    }
}

fn spawn_reader(shared: &Shared, ingest: Ingest) -> Task {
    let token = shared.shutdown.child_token();
    let running = sources::run_watched(
        ReaderDeps {
            ingest,
            store: Arc::clone(&shared.store),
            clock: Arc::clone(&shared.clock),
        },
        shared.beats.of(crate::heartbeat::Loop::Reader),
        token.clone(),
    );
    let handle = tokio::spawn(async move { Ok(running.await?) });
    Task {
        name: "the inbound reader",
        token,
        handle,
    }
}

/// Re-reads the program file and applies it (see [`Tasks::reload`]) if it is valid, with
/// the people HR approved by email added to its participants; else logs why and keeps
/// `old`.
pub async fn reload_config(path: &Path, old: Arc<Config>, tasks: &mut Tasks) -> Arc<Config> {
    info!(config = %path.display(), "reloading the config");
    match Config::load_with(path, &HardRules) {
        Err(issues) => {
            for issue in &issues {
                warn!(problem = %issue, "config problem");
            }
            warn!(
                problems = issues.len(),
                "the new config is invalid; still running on the previous one"
            );
            super::notify_service(&[sd_notify::NotifyState::Status(&format!(
                "reload refused: the config has {} problem(s); running on the previous one",
                issues.len()
            ))]);
            old
        }
        Ok(new) => {
            let store = Arc::clone(&tasks.shared.store);
            let joined = tokio::task::spawn_blocking(move || {
                let mut new = new;
                super::add_joiners(&mut new, &store.lock_or_recover());
                new
            })
            .await;
            let new = match joined {
                Ok(new) => new,
                Err(err) => {
                    error!(error = %err, "reload task failed; still running on the previous config");
                    return old;
                }
            };
            if let Err(err) = super::prepare_state_dirs(&new) {
                error!(error = %crate::ErrorChain(&err), "cannot prepare the new config's directories; still running on the previous one");
                return old;
            }
            let now = tasks.reload(Arc::clone(&old), new).await;
            if !Arc::ptr_eq(&now, &old) {
                super::notify_service(&[sd_notify::NotifyState::Status(&format!(
                    "running {} with {} participants (reloaded)",
                    now.program.name,
                    now.participants.len()
                ))]);
            }
            now
        }
    }
}
