//! The `upward` binary: parse arguments, set up logging, run the command, pick the exit code.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;
use upward::cli::{self, Cli, LogFormat};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, cli::Command::Run(_)) {
        with_few_malloc_arenas();
    }
    let filter = EnvFilter::try_from_env("UPWARD_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match cli.global.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.with_ansi(false).init(),
    }
    // A panic becomes one structured log line, not a backtrace on stderr: the pipeline
    // catches the ones input can cause and quarantines the message.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let said = upward::panic_message(info.payload());
        tracing::error!(at = %at, message = %said, "a panic; the lines after it say what was done about it");
    }));
    match cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", upward::ErrorChain(&*err));
            ExitCode::from(1)
        }
    }
}

/// The daemon runs with two malloc arenas unless its environment says otherwise: glibc gives
/// threads arenas of their own (8 a core), the daemon's short-lived threads leave free memory
/// in many of them, and its memory crept up through a 30-minute soak (+28 %; +3.5 % with
/// two, at the same speed). Only the environment can set it before the allocator starts, so
/// `upward run` executes itself again once with `MALLOC_ARENA_MAX=2`, keeping its process id
/// (for systemd). If that fails it runs on as it is.
fn with_few_malloc_arenas() {
    use std::os::unix::process::CommandExt;
    const ARENAS: &str = "MALLOC_ARENA_MAX";
    if std::env::var_os(ARENAS).is_some() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    // NOTE: exec returns only when it failed.
    let _failed = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(ARENAS, "2")
        .exec();
}
