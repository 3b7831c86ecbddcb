//! Owns the command line: the clap definition of every command and flag (their doc comments
//! are the `--help` text) and the dispatch to one file per command.

mod backup;
mod check;
mod connect;
mod dns;
mod ingest;
mod init;
mod inspect;
mod pair;
mod preview;
mod progress;
mod reenable;
mod report;
mod run;
mod simulate;
mod status;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Run a reverse-mentoring program over plain email.
#[derive(Debug, Parser)]
#[command(name = "upward", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, clap::Args)]
pub struct GlobalArgs {
    /// The program file.
    #[arg(short, long, global = true, default_value = "program.toml")]
    pub config: PathBuf,
    /// How log lines are written to stderr.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// The format of log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One human-readable line per event.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a complete starter program (program.toml, participants.csv, templates/) into DIR.
    Init(init::InitArgs),
    /// Validate the program file, its participants and secrets; list every problem.
    Check(check::CheckArgs),
    /// Run the daemon: SIGTERM/SIGINT stop it cleanly, SIGHUP reloads the program file.
    Run(run::RunArgs),
    /// Print the digest's figures for a period, or with --final the whole program's final
    /// report (text, JSON or CSV).
    Report(report::ReportArgs),
    /// Write sessions, feedback, pairs, the history or the participants as CSV or JSON lines, for spreadsheets.
    Export(report::ExportArgs),
    /// Show the program's health from the store: outbox, inbound, last job runs, loops; exit 1
    /// when a loop of the daemon is stalled.
    Status(status::StatusArgs),
    /// Copy the database, consistently, while the daemon runs (restore: see the README).
    Backup(backup::BackupArgs),
    /// Run the whole program on a virtual clock with synthetic replies; every email goes to a
    /// folder and the final HR digest is printed.
    Simulate(simulate::SimulateArgs),
    /// Take one message (FILE or - for stdin, as an MTA pipe) through the inbound pipeline
    /// and commit it; exit 0 done, 65 refused, 75 try again later.
    Ingest(ingest::IngestArgs),
    /// Dry-run the inbound pipeline on one message (FILE or - for stdin) and print what it
    /// would log; writes nothing.
    Inspect(inspect::InspectArgs),
    /// Compute a pairing round and store it; --preview only shows it.
    Pair(pair::PairArgs),
    /// Render one email with sample data, exactly as it would be sent.
    Preview(preview::PreviewArgs),
    /// Mail an address again that was disabled for bouncing (clears its bounce score).
    Reenable(reenable::ReenableArgs),
}

/// Runs the parsed command and returns the process exit code.
///
/// # Errors
/// Any failure, with context; `main` prints it and exits 1.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Check(args) => check::run(&cli.global, &args),
        Command::Run(args) => run::run(&cli.global, &args),
        Command::Report(args) => report::report(&cli.global, &args),
        Command::Export(args) => report::export(&cli.global, &args),
        Command::Status(args) => status::run(&cli.global, &args),
        Command::Backup(args) => backup::run(&cli.global, &args),
        Command::Simulate(args) => simulate::run(&cli.global, &args),
        Command::Ingest(args) => ingest::run(&cli.global, &args),
        Command::Inspect(args) => inspect::run(&cli.global, &args),
        Command::Pair(args) => pair::run(&cli.global, &args),
        Command::Preview(args) => preview::run(&cli.global, &args),
        Command::Reenable(args) => reenable::run(&cli.global, &args),
    }
}
