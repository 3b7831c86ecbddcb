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
use crate::outbound::Composer;
use crate::schedule::Clock;
use crate::schedule::handler::Handler;
use crate::schedule::jobs::{self, Job};
use crate::store::Store;

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
    fn new(config: Arc<Config>) -> anyhow::Result<Plan> {
        let jobs = Arc::new(jobs::jobs(&config));
        let start = jobs::program_start(&config);
        let composer = Composer::new(config).map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(Plan {
            jobs,
            start,
            handler: Handler::new(Arc::new(composer)),
        })
    }
}

/// Runs every due job now, in a blocking thread (the store is synchronous).
async fn tick(deps: &SchedulerDeps, plan: &Plan) {
    let store = Arc::clone(&deps.store);
    let jobs = Arc::clone(&plan.jobs);
    let mut handler = plan.handler.clone();
    let (start, now) = (plan.start, deps.clock.now());
    let done = tokio::task::spawn_blocking(move || {
        let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
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
        }
        Ok(Err(err)) => {
            error!(error = %err, "cannot read or record the schedule's last runs; will retry");
        }
        Err(err) => error!(error = %err, "a scheduled job panicked; will retry"),
    }
}

/// Runs the schedule until `shutdown` is cancelled. A job in progress finishes first.
///
/// # Errors
/// None so far: failures are logged and retried; the result leaves room for fatal ones.
#[instrument(skip_all)]
pub async fn run(mut deps: SchedulerDeps, shutdown: CancellationToken) -> anyhow::Result<()> {
    let mut plan: Option<Plan> = None;
    let mut rebuild = true;
    loop {
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
                    error = %format!("{err:#}"),
                    "cannot prepare the scheduled emails; fix the templates or the signing key and reload"
                ),
            }
        }
        let wait = match &plan {
            Some(p) => {
                tick(&deps, p).await;
                let now = deps.clock.now();
                jobs::next_due(&p.jobs, now)
                    .and_then(|t| (t - now).to_std().ok())
                    .map_or(MAX_SLEEP, |d| d.min(MAX_SLEEP))
            }
            None => MAX_SLEEP,
        };
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::ManualClock;
    use chrono::{DateTime, Utc};
    use std::path::Path;

    fn config(dir: &Path) -> Config {
        let text = r#"
[program]
name = "Pilot"
coordinator = "hr@acme.example"
from = "Mentoring <mentoring@acme.example>"
reply_to = "mentoring+{token}@acme.example"
timezone = "Europe/London"
start = 2027-03-01
end = 2027-06-30

[[participants]]
name = "Ann Lee"
email = "ann@acme.example"
role = "mentor"
level = 1
department = "Sales"

[[participants]]
name = "Bob Stone"
email = "bob@acme.example"
role = "mentee"
level = 6
department = "Finance"

[store]
path = "STORE"
"#
        .replace("STORE", &dir.join("upward.db").display().to_string());
        Config::from_str(&text, &dir.join("program.toml")).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[tokio::test(start_paused = true)]
    async fn the_task_runs_the_round_when_its_clock_reaches_the_start_and_stops_on_cancel() {
        let dir = tempfile::tempdir().unwrap();
        let config = Arc::new(config(dir.path()));
        let mut store = Store::open_in_memory().unwrap();
        let clock = Arc::new(ManualClock::new(utc("2027-02-28T12:00:00Z")));
        store
            .sync_participants(&config.participants, clock.now())
            .unwrap();
        let store = Arc::new(Mutex::new(store));
        let (config_tx, config_rx) = watch::channel(Arc::clone(&config));
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
        let intros = |store: &Arc<Mutex<Store>>| store.lock().unwrap().queued("intro").unwrap();
        tokio::time::sleep(Duration::from_secs(61)).await;
        assert!(intros(&store).is_empty(), "nothing before the start");
        clock.set(utc("2027-03-01T09:00:30Z"));
        let woken = tokio::time::timeout(Duration::from_secs(61), wake.notified()).await;
        assert!(woken.is_ok(), "the sender is woken after the round");
        assert_eq!(intros(&store).len(), 1);
        config_tx.send_replace(Arc::clone(&config));
        shutdown.cancel();
        task.await.unwrap().unwrap();
    }
}
