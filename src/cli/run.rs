//! `upward run`: the daemon in the foreground (systemd or a container supervises it).

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use crate::daemon::{self, Deps};
use crate::schedule::SystemClock;

use super::GlobalArgs;

/// Arguments of `upward run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {}

/// Starts the tokio runtime and runs the daemon until a signal stops it.
///
/// # Errors
/// A problem at start: invalid config, unwritable state, runtime failure.
pub fn run(global: &GlobalArgs, _args: &RunArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(daemon::run_with_signals(Deps {
        config_path: global.config.clone(),
        clock: Arc::new(SystemClock),
    }))?;
    Ok(ExitCode::SUCCESS)
}
