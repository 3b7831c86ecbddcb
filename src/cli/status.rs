//! `upward status`: the running program's health, read from the store.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Config;
use crate::daemon::load_config;
use crate::program;
use crate::schedule::jobs::{first_prompt, next_hr_digest};
use crate::schedule::{Clock, SystemClock};
use crate::store::{Status, Store};

use super::GlobalArgs;

/// Arguments of `upward status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// The time to report at, RFC 3339, instead of now (to see what comes when, and for
    /// tests).
    #[arg(long, value_name = "TIME")]
    pub now: Option<DateTime<Utc>>,
}

/// The rules that surprise operators, as they apply to this program now.
#[derive(Debug, Serialize)]
struct Rules {
    /// Days a new pair waits before its first prompt (one cadence less a day's slack).
    quiet_days_after_pairing: i64,
    /// A person is asked at most once in this many weeks (0: at every prompt time).
    prompt_every_weeks: u32,
    /// The earliest prompt to the pairs made on the program's first day, while it is ahead.
    first_prompt_of_first_round: Option<DateTime<Utc>>,
    /// Whether the next HR digest is the first.
    hr_digest_is_first: bool,
    /// The next HR digest that goes out; none once the program is over.
    next_hr_digest: Option<DateTime<Utc>>,
}

/// `upward status --json`: the store's figures and the rules.
#[derive(Debug, Serialize)]
struct StatusJson<'a> {
    #[serde(flatten)]
    status: &'a Status,
    rules: &'a Rules,
}

fn rules(config: &Config, store: &Store, s: &Status, now: DateTime<Utc>) -> anyhow::Result<Rules> {
    // NOTE: the digest job runs the occurrences after its last run; one recorded ahead of now
    // (a clock set back) is where it goes on from.
    let after = store
        .last_run("hr_digest")?
        .map_or(now, |last| last.max(now));
    let every_days = i64::from(config.schedule.prompt_every_weeks) * 7;
    Ok(Rules {
        quiet_days_after_pairing: program::quiet_days(every_days),
        prompt_every_weeks: config.schedule.prompt_every_weeks,
        first_prompt_of_first_round: first_prompt(config, config.program.start)
            .filter(|at| *at > now),
        hr_digest_is_first: s.hr_digests == 0,
        next_hr_digest: next_hr_digest(config, after),
    })
}

/// A time as the operator reads it: `Monday 2026-12-14 09:00 Europe/Berlin`.
fn local(config: &Config, at: DateTime<Utc>) -> String {
    let tz = config.program.timezone;
    format!(
        "{} {}",
        at.with_timezone(&tz).format("%A %Y-%m-%d %H:%M"),
        tz.name()
    )
}

/// The lines of `upward status` that say the rules.
fn print_rules(config: &Config, r: &Rules) {
    let first_round = r.first_prompt_of_first_round.map_or(String::new(), |at| {
        format!(
            "; the first round's pairs: {} at the earliest",
            local(config, at)
        )
    });
    if r.prompt_every_weeks == 0 {
        println!(
            "quiet days after pairing: none (prompt_every_weeks = 0: everyone is asked at every prompt time){first_round}"
        );
    } else {
        println!(
            "quiet days after pairing: {} (a new pair is first asked about its meetings at the first prompt time {} days after it was made{first_round})",
            r.quiet_days_after_pairing, r.quiet_days_after_pairing
        );
    }
    println!(
        "prompts: at most one email a person a day, asking about all their partners at once{}; none on a round day or on a day the person already had program mail (an introduction, a digest, a notice): it waits for the next prompt time (prompt times are in each participant's own zone)",
        if r.prompt_every_weeks == 0 {
            String::new()
        } else {
            format!(", and at most one every {} weeks", r.prompt_every_weeks)
        }
    );
    let which = if r.hr_digest_is_first {
        "first"
    } else {
        "next"
    };
    match r.next_hr_digest {
        Some(at) => println!(
            "{which} HR digest: {} (it covers the 7 days before; none before the program's first day has passed, none after its end date {})",
            local(config, at),
            config.program.end
        ),
        None => println!(
            "HR digest: none any more, the program ends on {} (the final report follows)",
            config.program.end
        ),
    }
}

/// Prints outbox depth and oldest pending, failures, inbound counts, last runs of jobs,
/// each loop's last progress, and the rules that surprise operators: the quiet days after
/// pairing, one prompt a person a day, when the first (or next) HR digest goes. Exits 1 when the daemon found one of its loops stalled (a
/// container's health check).
///
/// # Errors
/// An invalid config or a missing database.
pub fn run(global: &GlobalArgs, args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&global.config)?;
    let store = Store::open_existing(&config.store.path)?;
    let s = store.status()?;
    let now = args.now.unwrap_or_else(|| SystemClock.now());
    let rules = rules(&config, &store, &s, now)?;
    let health = if s.loops.iter().any(|l| l.state == "stalled") {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    if args.json {
        let json = StatusJson {
            status: &s,
            rules: &rules,
        };
        println!("{}", serde_json::to_string_pretty(&json)?);
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
    print_rules(&config, &rules);
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
