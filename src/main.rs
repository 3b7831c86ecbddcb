//! The `upward` binary: parse arguments, set up logging, run the command, pick the exit code.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;
use upward::cli::{self, Cli, LogFormat};

fn main() -> ExitCode {
    let cli = Cli::parse();
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
