//! `upward check`: validate the program file and print every problem, or a summary.

use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::config::{Config, Role, csv_row, render_issues};
use crate::pairing::HardRules;
use crate::schedule::cron::between;
use crate::schedule::{Clock, SystemClock};

use super::GlobalArgs;

/// Arguments of `upward check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Also print the next five occurrences of each schedule, in the program's time zone, and
    /// the day of the final report.
    #[arg(long)]
    pub schedule: bool,
    /// Also connect to the SMTP relay (report what it offers, authenticate) and log in to the
    /// IMAP mailbox (open its folder read-only, report IDLE), sending and changing nothing;
    /// and compare each DKIM key's TXT record with what DNS serves (with `dig` or `host`).
    #[arg(long)]
    pub connect: bool,
}

/// Prints the problems (exit 1) or a one-paragraph summary of the valid program (exit 0).
///
/// # Errors
/// Never for an invalid config (that is exit 1); only for failures to write output.
pub fn run(global: &GlobalArgs, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    match Config::load_with(&global.config, &HardRules) {
        Err(issues) => {
            eprint!("{}", render_issues(&issues));
            Ok(ExitCode::from(1))
        }
        Ok(config) => {
            let mentors = config
                .participants
                .iter()
                .filter(|p| p.role == Role::Mentor)
                .count();
            let mentees = config.participants.len() - mentors;
            println!("{}: ok", global.config.display());
            println!(
                "program: {} ({} to {}, {})",
                config.program.name,
                config.program.start,
                config.program.end,
                config.program.timezone
            );
            println!(
                "participants: {} ({mentors} mentors, {mentees} mentees)",
                config.participants.len()
            );
            match &config.smtp {
                Some(s) => println!("outbound: smtp {}:{}", s.host, s.port),
                None => println!("outbound: file outbox {}", config.outbox.dir.display()),
            }
            match &config.inbound.imap {
                Some(i) => println!("inbound: imap {}:{} folder {}", i.host, i.port, i.folder),
                None => println!("inbound: maildir {}", config.inbound.maildir.display()),
            }
            println!("store: {}", config.store.path.display());
            super::dns::print_records(&config);
            if args.schedule {
                print_schedules(&config, SystemClock.now());
            }
            let template_issues = crate::outbound::check_templates(&config);
            for issue in &template_issues {
                eprintln!("{issue}");
            }
            let forgotten = forgotten_but_listed(&config);
            for email in &forgotten {
                eprintln!(
                    "{}: {email} asked to be forgotten and their data was erased, but the participants still list them; nothing is sent to them: remove them from the participants file",
                    global.config.display()
                );
            }
            if let Some(warning) = crate::outbound::template_warning(&config) {
                eprintln!("{}: warning: {warning}", global.config.display());
            }
            for warning in joiners_not_in_the_file(&config) {
                eprintln!("{}: warning: {warning}", global.config.display());
            }
            let connected = !args.connect || super::connect::check_connect(&config)?;
            if !template_issues.is_empty() || !connected || !forgotten.is_empty() {
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The listed participants whose address was erased at their request, read from the
/// program's database when there is one (HR's file is exported again from the HR system,
/// and may still hold them).
fn forgotten_but_listed(config: &Config) -> Vec<String> {
    if !config.store.path.exists() {
        return Vec::new();
    }
    let (Ok(store), Ok(key)) = (
        crate::store::Store::open_existing(&config.store.path),
        crate::outbound::signing_key(config),
    ) else {
        return Vec::new();
    };
    config
        .participants
        .iter()
        .filter(|p| {
            let marker = crate::outbound::token::forgotten_marker(&key, &p.email);
            store.was_forgotten(&p.email, &marker).unwrap_or(false)
        })
        .map(|p| p.email.clone())
        .collect()
}

/// Where the participants file and the people approved by email (JOIN) in the program's
/// database differ, each naming the person: someone approved who is not in the file yet,
/// or listed otherwise than they joined (the file wins). Empty without a database.
fn joiners_not_in_the_file(config: &Config) -> Vec<String> {
    if !config.store.path.exists() {
        return Vec::new();
    }
    let Ok(joiners) = crate::store::Store::open_existing(&config.store.path)
        .and_then(|s| s.approved_joiners(config.program.person_defaults()))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for joiner in &joiners {
        match config.participants.iter().find(|p| p.email == joiner.email) {
            None => out.push(format!(
                "{} <{}> joined by email (approved) and is not in the participants file; the program keeps them: run `upward export participants` and paste its rows into the file",
                joiner.name, joiner.email
            )),
            Some(listed) if csv_row(listed) != csv_row(joiner) => out.push(format!(
                "{} <{}> is in the participants file otherwise than they joined by email; the file's values are used",
                listed.name, listed.email
            )),
            Some(_) => {}
        }
    }
    out
}

/// Prints the next five occurrences of each schedule after `now`, in the program's zone, and
/// the day of the final report.
fn print_schedules(config: &Config, now: DateTime<Utc>) {
    let tz = config.program.timezone;
    let s = &config.schedule;
    let far = now + chrono::Duration::days(5 * 366);
    for (name, spec, note) in [
        (
            "prompts",
            &s.prompts,
            " (in each participant's own time zone; shown here in the program's)",
        ),
        ("hr_digest", &s.hr_digest, ""),
        (
            "participant_digest",
            &s.participant_digest,
            " (in each participant's own time zone)",
        ),
    ] {
        println!("schedule {name} = \"{}\"{note}:", spec.source);
        for t in between(spec, tz, now, far, 5) {
            println!("  {}", t.with_timezone(&tz).format("%a %Y-%m-%d %H:%M %Z"));
        }
    }
    let end = config.program.end;
    let day = crate::program::final_report_day(end, s.final_report_after_days);
    println!(
        "final report to {}: {} 09:00 (final_report_after_days = {} after the end date, {end})",
        config.program.coordinator,
        day.format("%a %Y-%m-%d"),
        s.final_report_after_days
    );
}
