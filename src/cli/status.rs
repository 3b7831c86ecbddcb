//! `upward status`: the running program's health, read from the store.

use std::process::ExitCode;

use crate::daemon::load_config;
use crate::store::Store;

use super::GlobalArgs;

/// Arguments of `upward status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Prints outbox depth and oldest pending, failures, inbound counts, last runs of jobs and
/// each loop's last progress. Exits 1 when the daemon found one of its loops stalled (a
/// container's health check).
///
/// # Errors
/// An invalid config or a missing database.
pub fn run(global: &GlobalArgs, args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&global.config)?;
    let store = Store::open_existing(&config.store.path)?;
    let s = store.status()?;
    let health = if s.loops.iter().any(|l| l.state == "stalled") {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(health);
    }
    println!("program: {}", config.program.name);
    println!("store: {}", config.store.path.display());
    let people: Vec<String> = s
        .participants
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    println!("participants: {}", people.join(", "));
    println!(
        "active pairs: {}; sessions logged: {}",
        s.active_pairs, s.sessions
    );
    println!(
        "outbox: {} waiting{}, {} sent, {} failed",
        s.outbox_pending,
        s.outbox_oldest_pending
            .as_ref()
            .map_or(String::new(), |o| format!(" (oldest queued {o})")),
        s.outbox_sent,
        s.outbox_failed
    );
    if s.answers_drafted > 0 {
        println!(
            "answers: {} drafted, to be composed into the outbox by the running daemon",
            s.answers_drafted
        );
    }
    println!(
        "inbound: {} processed, {} quarantined, {} refused",
        s.inbound_processed, s.inbound_quarantined, s.inbound_refused
    );
    if s.last_runs.is_empty() {
        println!("jobs: none has run yet");
    }
    for (job, at) in &s.last_runs {
        println!("job {job}: last run {at}");
    }
    if s.loops.is_empty() {
        println!("loops: no daemon has reported on them yet");
    }
    for l in &s.loops {
        println!("loop {}: {}", l.name, describe_loop(l));
    }
    Ok(health)
}

/// One loop's last progress, as a line of `upward status`.
fn describe_loop(l: &crate::store::LoopProgress) -> String {
    let since = l.busy_since.as_deref().unwrap_or("?");
    let state = match l.state.as_str() {
        "stalled" => format!(
            "STALLED, stuck in a pass since {since} (systemd's watchdog restarts the daemon)"
        ),
        "working" => format!("working since {since}"),
        _ => "waiting for work".to_string(),
    };
    let work = l.last_work.as_deref().map_or_else(
        || "no work yet".to_string(),
        |w| format!("last did work {w}"),
    );
    format!(
        "{state}; last pass ended {}; {work} (as of {})",
        l.last_pass, l.updated_at
    )
}
