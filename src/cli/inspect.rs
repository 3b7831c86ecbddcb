//! `upward inspect`: run the inbound pipeline's pure stages on one message and print what it
//! would log. Writes nothing, sends nothing, routes nothing yet (`pair` stays null).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use crate::config::{Config, render_issues};
use crate::inbound::{self, Context, Inspection};
use crate::pairing::HardRules;
use crate::schedule::{Clock, SystemClock};

use super::GlobalArgs;

/// Arguments of `upward inspect`.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Print one JSON object (the interface scripts and tests rely on) instead of a summary.
    #[arg(long)]
    pub json: bool,
    /// The reference time for a message without a Date header, RFC 3339 (default: now).
    #[arg(long, value_name = "TIME")]
    pub now: Option<DateTime<Utc>>,
    /// The message file (RFC 5322, as stored in a Maildir); `-` reads standard input.
    pub file: PathBuf,
}

/// Reads the message, runs the pipeline and prints the result. Uses the program file for
/// topics, time zones and our own addresses when it is present and valid; otherwise still
/// classifies, trims and extracts (routing fields stay null).
///
/// # Errors
/// The message cannot be read, or output cannot be written.
pub fn run(global: &GlobalArgs, args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let received = args.now.unwrap_or_else(|| SystemClock.now());
    let ctx = match load_config(&global.config) {
        Some(config) => Context::from_config(&config, received),
        None => Context::standalone(received),
    };
    let raw = read_message(&args.file, ctx.limits.max_message_bytes)?;
    let inspection = inbound::inspect(&raw, &ctx);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &inspection).context("writing the JSON")?;
        writeln!(out)?;
    } else {
        write_summary(&mut out, &inspection)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The program, when its file exists and is valid; problems are reported, not fatal.
fn load_config(path: &Path) -> Option<Config> {
    if !path.exists() {
        return None;
    }
    match Config::load_with(path, &HardRules) {
        Ok(config) => Some(config),
        Err(issues) => {
            eprint!("{}", render_issues(&issues));
            eprintln!(
                "warning: {} is not valid; inspecting without it (no topics, time zones or routing)",
                path.display()
            );
            None
        }
    }
}

/// Reads at most one byte over the cap, so the pipeline can refuse an oversized message
/// without holding all of it.
pub(super) fn read_message(file: &Path, cap: u64) -> anyhow::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let limit = cap.saturating_add(1);
    if file == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut raw)
            .context("reading the message from standard input")?;
    } else {
        std::fs::File::open(file)
            .and_then(|f| f.take(limit).read_to_end(&mut raw))
            .with_context(|| format!("reading {}", file.display()))?;
    }
    Ok(raw)
}

fn write_summary(out: &mut impl Write, i: &Inspection) -> anyhow::Result<()> {
    writeln!(out, "kind: {}", i.kind)?;
    if let Some(reason) = &i.reason {
        writeln!(out, "reason: {reason}")?;
    }
    if let Some(from) = &i.from {
        writeln!(out, "from: {from}")?;
    }
    if let Some(c) = &i.command {
        writeln!(out, "command: {}", serde_json::to_string(c)?)?;
    }
    if let Some(s) = &i.session {
        writeln!(out, "session: {}", serde_json::to_string(s)?)?;
    }
    if !i.unclear.is_empty() {
        let fields: Vec<&str> = i.unclear.iter().map(|u| u.as_str()).collect();
        writeln!(out, "could not read: {}", fields.join(", "))?;
    }
    if let Some(b) = &i.bounce {
        writeln!(out, "delivery: {}", serde_json::to_string(b)?)?;
    }
    if !i.flags.is_empty() {
        writeln!(out, "flags: {}", i.flags.join(", "))?;
    }
    if let Some(text) = &i.text {
        writeln!(out, "text:\n{text}")?;
    }
    Ok(())
}
