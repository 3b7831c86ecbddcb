//! `upward report` (the digest's figures) and `upward export` (the log as rows), for HR.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::ValueEnum;

use crate::config::{Config, FeedbackVisibility};
use crate::daemon::load_config;
use crate::digest::{self, final_report};
use crate::program;
use crate::schedule::{Clock, SystemClock};
use crate::spreadsheet::csv_cell;
use crate::store::{Cell, ExportKind, Store};

use super::GlobalArgs;

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
}

/// Arguments of `upward report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// First day of the period (YYYY-MM-DD, program time zone); default: 7 days ago.
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Last day of the period; default: today.
    #[arg(long)]
    pub until: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// The final report of the whole program (what HR gets by email after the end date):
    /// meetings per pair, by department and level, cancellations, topics both ways, ratings.
    /// Before the end it says so and shows the figures so far.
    #[arg(long = "final", conflicts_with_all = ["since", "until"])]
    pub final_report: bool,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    Sessions,
    Feedback,
    Pairs,
    /// Every report and every change to the session log, with the message it came from
    /// (notes and ratings only where HR may see individual feedback).
    History,
    /// The participants file as the program runs it: HR's list with the people approved
    /// by email (JOIN) added, in the file's own columns, to paste back into it.
    Participants,
}

impl ExportWhat {
    /// The name on the command line.
    fn name(self) -> &'static str {
        match self {
            Self::Sessions => "sessions",
            Self::Feedback => "feedback",
            Self::Pairs => "pairs",
            Self::History => "history",
            Self::Participants => "participants",
        }
    }
}

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// Arguments of `upward export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    pub what: ExportWhat,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
}

/// Prints the digest's figures for a period.
///
/// # Errors
/// An invalid config, a missing database, a bad period.
pub fn report(global: &GlobalArgs, args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&global.config)?;
    let store = Store::open_existing(&config.store.path)?;
    let today = program::today(&config, SystemClock.now());
    if args.final_report {
        return final_report(&config, &store, today, args.format);
    }
    let until = args.until.unwrap_or(today);
    let since = args.since.unwrap_or(until - chrono::Duration::days(6));
    if since > until {
        bail!("--since {since} is after --until {until}; give the first day first");
    }
    let spinner = super::progress::spinner("computing the figures");
    let figures = digest::figures(&config, &store, since, until);
    spinner.finish_and_clear();
    let figures = figures?;
    let out = match args.format {
        ReportFormat::Text => digest::render_text(&figures),
        ReportFormat::Csv => digest::render_csv(&figures),
        ReportFormat::Json => serde_json::to_string_pretty(&figures)? + "\n",
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the final report as of `today`: the figures up to the day the emailed report goes
/// out (never later, so it shows what HR got), or up to today before that.
fn final_report(
    config: &Config,
    store: &Store,
    today: NaiveDate,
    format: ReportFormat,
) -> anyhow::Result<ExitCode> {
    let p = &config.program;
    let report_day = program::final_report_day(p.end, config.schedule.final_report_after_days);
    let spinner = super::progress::spinner("computing the final report");
    let figures = final_report::figures(
        config,
        store,
        today.min(report_day),
        program::has_ended(p.end, today),
    );
    spinner.finish_and_clear();
    let figures = figures?;
    let out = match format {
        ReportFormat::Text => final_report::render_text(&figures),
        ReportFormat::Csv => final_report::render_csv(&figures),
        ReportFormat::Json => serde_json::to_string_pretty(&figures)? + "\n",
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the sessions, feedback, pairs or the session history as CSV or JSON lines to stdout, with progress on
/// stderr when it is a terminal.
///
/// # Errors
/// An invalid config, a missing database, feedback under aggregate-only privacy.
pub fn export(global: &GlobalArgs, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&global.config)?;
    let kind = match args.what {
        ExportWhat::Participants => return export_participants(config, args.format),
        ExportWhat::Sessions => ExportKind::Sessions,
        ExportWhat::Pairs => ExportKind::Pairs,
        ExportWhat::History => ExportKind::History {
            feedback: config.privacy.hr_feedback != FeedbackVisibility::Aggregate,
        },
        ExportWhat::Feedback => {
            if config.privacy.hr_feedback == FeedbackVisibility::Aggregate {
                bail!(
                    "[privacy] hr_feedback = \"aggregate\" keeps individual feedback from HR; export sessions or pairs, use `upward report` for the aggregates, or set hr_feedback = \"quotes\" if participants were told"
                );
            }
            ExportKind::Feedback
        }
    };
    let store = Store::open_existing(&config.store.path)?;
    let total = store.export_count(kind)?;
    let bar = super::progress::bar(
        u64::try_from(total).unwrap_or(0),
        &format!("exporting {}", args.what.name()),
        "rows",
    );
    let columns = kind.columns();
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::new(stdout.lock());
    let tick = || bar.inc(1);
    let mut error: Option<anyhow::Error> = None;
    match args.format {
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(columns)?;
            store.export(kind, |row| {
                tick();
                w.write_record(row.iter().map(|cell| csv_cell(cell)))
                    .map_err(|e| error = Some(e.into()))
                    .is_ok()
            })?;
            w.flush()?;
        }
        ExportFormat::Json => {
            let mut out = out;
            store.export(kind, |row| {
                tick();
                let object: serde_json::Map<String, serde_json::Value> = columns
                    .iter()
                    .zip(kind.cells())
                    .zip(row)
                    .map(|((k, cell), v)| (k.to_string(), typed(*cell, v)))
                    .collect();
                serde_json::to_writer(&mut out, &object)
                    .map_err(anyhow::Error::from)
                    .and_then(|()| out.write_all(b"\n").map_err(anyhow::Error::from))
                    .map_err(|e| error = Some(e))
                    .is_ok()
            })?;
            out.flush()?;
        }
    }
    if let Some(e) = error {
        return Err(e).context("writing the export");
    }
    bar.finish_and_clear();
    Ok(ExitCode::SUCCESS)
}

/// Writes HR's participants with the people approved by email added (see
/// `daemon::add_joiners`), one row each in the participants CSV's columns.
///
/// # Errors
/// A database that cannot be read, or output that cannot be written.
fn export_participants(
    mut config: crate::Config,
    format: ExportFormat,
) -> anyhow::Result<ExitCode> {
    // NOTE: without a database nobody joined by email yet: the list is HR's as it is.
    if config.store.path.exists() {
        let store = Store::open_existing(&config.store.path)?;
        crate::daemon::add_joiners(&mut config, &store);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let columns = crate::config::CSV_COLUMNS;
    match format {
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(columns)?;
            for p in &config.participants {
                w.write_record(crate::config::csv_row(p).iter().map(|c| csv_cell(c)))?;
            }
            w.flush()?;
        }
        ExportFormat::Json => {
            for p in &config.participants {
                let object: serde_json::Map<String, serde_json::Value> = columns
                    .iter()
                    .zip(crate::config::csv_row(p))
                    .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
                    .collect();
                serde_json::to_writer(&mut out, &object)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush().context("writing the export")?;
    Ok(ExitCode::SUCCESS)
}

/// A cell as JSON keeps it: numbers as numbers, flags as booleans, lists as arrays, an
/// empty cell as null. A cell that does not read as its column's type stays text.
fn typed(cell: Cell, v: String) -> serde_json::Value {
    use serde_json::Value;
    if v.is_empty() {
        return Value::Null;
    }
    match cell {
        Cell::Text => Value::String(v),
        Cell::Number => v
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| v.parse::<f64>().map(Value::from))
            .unwrap_or(Value::String(v)),
        Cell::Bool => match v.as_str() {
            "1" | "true" => Value::Bool(true),
            "0" | "false" => Value::Bool(false),
            _ => Value::String(v),
        },
        Cell::Json => serde_json::from_str(&v).unwrap_or(Value::String(v)),
    }
}
