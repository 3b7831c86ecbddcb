//! Owns the scheduler task: it runs every due job once ([`jobs::tick`] with the job
//! handler), then sleeps until the next job is due (at most a minute, so a changed clock or
//! a retry is never far off), and rebuilds the jobs when the config is reloaded. Wiring only:
//! when a job is due is `schedule::jobs`' business, what it does `schedule::handler`'s.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio_util::sync::CancellationToken;
use tracing::{debug, error, info, instrument};

use crate::config::Config;
use crate::heartbeat::{Heartbeat, Loop};
use crate::inbound::source::maildir::Maildir;
use crate::outbound::{Composer, OutboundError};
use crate::schedule::Clock;
use crate::schedule::handler::{Handler, JobError};
use crate::schedule::jobs::{self, Job, JobHandler};
use crate::store::Store;
use crate::sync::LockExt;

/// The longest sleep between two ticks.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// What the scheduler needs.
pub struct SchedulerDeps {
    /// The one store, shared with the sender and the reader.
    pub store: Arc<Mutex<Store>>,
    pub clock: Arc<dyn Clock>,
    /// The current config: a new value (a reload) rebuilds the jobs and the composer.
    pub config: watch::Receiver<Arc<Config>>,
    /// Woken when a tick queued mail, so the sender does not wait for its next poll.
    pub wake: Arc<Notify>,
}

/// The jobs of one config and the handler that runs them.
struct Plan {
    jobs: Arc<Vec<Job>>,
    start: chrono::DateTime<chrono::Utc>,
    handler: Handler,
}

impl Plan {
    fn new(config: Arc<Config>) -> Result<Plan, OutboundError> {
        let jobs = Arc::new(jobs::jobs(&config));
        let start = jobs::program_start(&config);
        let composer = Composer::new(config)?;
        Ok(Plan {
            jobs,
            start,
            handler: Handler::new(Arc::new(composer)),
        })
    }
}

/// The job handler, beating the scheduler's heartbeat before each job: a tick that runs many
/// jobs is one long pass, alive as long as its jobs end.
struct Beating {
    handler: Handler,
    heartbeat: Heartbeat,
}

impl JobHandler for Beating {
    fn run(
        &mut self,
        store: &mut Store,
        job: &Job,
        occurrence: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<String, JobError> {
        self.heartbeat.beat();
        self.handler.run(store, job, occurrence, now)
    }
}

/// Runs every due job now, in a blocking thread (the store is synchronous); true when a job
/// ran.
async fn tick(deps: &SchedulerDeps, plan: &Plan, heartbeat: &Heartbeat) -> bool {
    let store = Arc::clone(&deps.store);
    let jobs = Arc::clone(&plan.jobs);
    let mut handler = Beating {
        handler: plan.handler.clone(),
        heartbeat: heartbeat.clone(),
    };
    let (start, now) = (plan.start, deps.clock.now());
    // NOTE: the store is held for the whole tick, so the sender waits while a large job
    // queues its emails; the handler writes in short transactions, and the sender catches up
    // at once when woken afterwards.
    let done = tokio::task::spawn_blocking(move || {
        let mut store = store.lock_or_recover();
        jobs::tick(&jobs, start, &mut store, &mut handler, now)
    })
    .await;
    match done {
        Ok(Ok(report)) => {
            if !report.ran.is_empty() {
                deps.wake.notify_one();
            }
            debug!(
                ran = report.ran.len(),
                skipped = report.skipped.len(),
                failed = report.failed.len(),
                "schedule checked"
            );
            !report.ran.is_empty()
        }
        Ok(Err(err)) => {
            error!(error = %err, "cannot read or record the schedule's last runs; will retry");
            false
        }
        Err(err) => {
            error!(error = %err, "a scheduled job panicked; will retry");
            false
        }
    }
}

/// Drops quarantined mail older than `[inbound] quarantine_days`: the kept bytes of
/// quarantined records, and the files set aside in the Maildir's `quarantine/`.
async fn purge_quarantine(deps: &SchedulerDeps) {
    let config = deps.config.borrow().clone();
    let days = config.inbound.quarantine_days;
    let cutoff = deps.clock.now() - chrono::Duration::days(i64::from(days));
    let store = Arc::clone(&deps.store);
    let done = tokio::task::spawn_blocking(move || {
        let rows = store
            .lock_or_recover()
            .write(|tx| tx.drop_quarantined_before(cutoff));
        let root = &config.inbound.maildir;
        // NOTE: only a Maildir that exists: opening one creates its folders.
        let files = if root.is_dir() {
            Maildir::open(root).and_then(|m| m.purge_set_aside(cutoff.into()))
        } else {
            Ok(0)
        };
        (rows, files)
    })
    .await;
    match done {
        Ok((rows, files)) => {
            let rows = rows.unwrap_or_else(|err| {
                error!(error = %err, "cannot drop quarantined messages past their retention; will retry tomorrow");
                0
            });
            let files = files.unwrap_or_else(|err| {
                error!(error = %err, "cannot clear the Maildir's quarantine folder; will retry tomorrow");
                0
            });
            if rows + files > 0 {
                info!(
                    rows,
                    files, days, "quarantined messages past their retention dropped"
                );
            }
        }
        Err(err) => error!(error = %err, "the quarantine purge panicked; will retry tomorrow"),
    }
}

/// Runs the schedule until `shutdown` is cancelled. A job in progress finishes first.
/// Failures are logged and retried.
pub async fn run(deps: SchedulerDeps, shutdown: CancellationToken) {
    run_watched(deps, Heartbeat::unwatched(Loop::Scheduler), shutdown).await
}

/// As [`run`], beating `heartbeat`: each tick (with the daily purge and a rebuild) is a
/// pass; the sleep until the next due job is not.
#[instrument(skip_all)]
pub async fn run_watched(
    mut deps: SchedulerDeps,
    heartbeat: Heartbeat,
    shutdown: CancellationToken,
) {
    let mut plan: Option<Plan> = None;
    let mut rebuild = true;
    let mut purged_on: Option<chrono::NaiveDate> = None;
    loop {
        let mut pass = heartbeat.pass();
        // Quarantined mail past its retention: at start, then once a (UTC) day.
        let today = deps.clock.now().date_naive();
        if purged_on != Some(today) {
            purge_quarantine(&deps).await;
            purged_on = Some(today);
        }
        if rebuild {
            rebuild = false;
            let config = deps.config.borrow_and_update().clone();
            match Plan::new(config) {
                Ok(new) => {
                    info!(jobs = new.jobs.len(), "schedule ready");
                    plan = Some(new);
                }
                // NOTE: the previous plan (if any) keeps running; without one, nothing is
                // due until a reload fixes the cause.
                Err(err) => error!(
                    error = %crate::ErrorChain(&err),
                    "cannot prepare the scheduled emails; fix the templates or the signing key and reload"
                ),
            }
        }
        let wait = match &plan {
            Some(p) => {
                if tick(&deps, p, &heartbeat).await {
                    pass.worked();
                }
                let now = deps.clock.now();
                jobs::next_due(&p.jobs, now)
                    .and_then(|t| (t - now).to_std().ok())
                    .map_or(MAX_SLEEP, |d| d.min(MAX_SLEEP))
            }
            None => MAX_SLEEP,
        };
        drop(pass);
        tokio::select! {
            () = shutdown.cancelled() => break,
            () = tokio::time::sleep(wait) => {}
            changed = deps.config.changed() => {
                if changed.is_err() {
                    // The daemon dropped the config: it is shutting down.
                    shutdown.cancelled().await;
                    break;
                }
                rebuild = true;
            }
        }
    }
    info!("scheduler stopped");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_support::program;
    use crate::schedule::ManualClock;
    use chrono::{DateTime, Utc};
    use std::path::Path;

    fn config(dir: &Path, start: &str) -> Config {
        let store = format!("[store]\npath = \"{}\"", dir.join("upward.db").display());
        program()
            .line("timezone = \"Europe/London\"")
            .start(start)
            .person("Ann Lee", "mentor", 1, &["department = \"Sales\""])
            .person("Bob Stone", "mentee", 6, &["department = \"Finance\""])
            .section(&store)
            .build_at(&dir.join("program.toml"))
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// A scheduler task on a virtual clock, its store and its controls.
    struct Running {
        _dir: tempfile::TempDir,
        store: Arc<Mutex<Store>>,
        clock: Arc<ManualClock>,
        config: watch::Sender<Arc<Config>>,
        wake: Arc<Notify>,
        shutdown: CancellationToken,
        task: tokio::task::JoinHandle<()>,
    }

    fn start(now: &str) -> Running {
        let dir = tempfile::tempdir().unwrap();
        let config = Arc::new(config(dir.path(), "2027-03-01"));
        let mut store = Store::open_in_memory().unwrap();
        let clock = Arc::new(ManualClock::new(utc(now)));
        store
            .sync_participants(&config.participants, clock.now())
            .unwrap();
        let store = Arc::new(Mutex::new(store));
        let (config_tx, config_rx) = watch::channel(config);
        let shutdown = CancellationToken::new();
        let wake = Arc::new(Notify::new());
        let task = tokio::spawn(run(
            SchedulerDeps {
                store: Arc::clone(&store),
                clock: clock.clone(),
                config: config_rx,
                wake: Arc::clone(&wake),
            },
            shutdown.clone(),
        ));
        Running {
            _dir: dir,
            store,
            clock,
            config: config_tx,
            wake,
            shutdown,
            task,
        }
    }

    impl Running {
        fn intros(&self) -> usize {
            self.store
                .lock()
                .unwrap()
                .queued(crate::vocab::EmailKind::Intro)
                .unwrap()
                .len()
        }

        async fn stop(self) {
            self.shutdown.cancel();
            self.task.await.unwrap();
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_task_runs_the_round_when_its_clock_reaches_the_start_and_stops_on_cancel() {
        let r = start("2027-02-28T12:00:00Z");
        tokio::time::sleep(Duration::from_secs(61)).await;
        assert_eq!(r.intros(), 0, "nothing before the start");
        r.clock.set(utc("2027-03-01T09:00:30Z"));
        let woken = tokio::time::timeout(Duration::from_secs(61), r.wake.notified()).await;
        assert!(woken.is_ok(), "the sender is woken after the round");
        assert_eq!(r.intros(), 1);
        r.stop().await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_reloaded_config_reschedules_the_jobs() {
        let r = start("2027-02-20T12:00:00Z");
        tokio::time::sleep(Duration::from_secs(61)).await;
        // The program now starts on the 22nd, not on 1 March.
        let dir = r._dir.path().to_path_buf();
        r.config.send_replace(Arc::new(config(&dir, "2027-02-22")));
        r.clock.set(utc("2027-02-22T09:00:30Z"));
        let woken = tokio::time::timeout(Duration::from_secs(61), r.wake.notified()).await;
        assert!(woken.is_ok(), "the round of the new start date ran");
        assert_eq!(r.intros(), 1);
        r.stop().await;
    }
}
