//! `upward simulate`: preview a whole program in seconds on a virtual clock.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::daemon::load_config;
use crate::simulate::{self, Options};

use super::GlobalArgs;

/// Arguments of `upward simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// How many weeks of the program to run, from its start.
    #[arg(long, default_value_t = 6)]
    pub weeks: u32,
    /// A new or empty folder for every email (outbox/week-NN.mbox, a file a simulated week) and the simulation's database.
    #[arg(long, default_value = "simulation")]
    pub out: PathBuf,
    /// Seed of the synthetic participants: the same seed gives the same program.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Runs the simulation and prints its counts and the final HR digest.
///
/// # Errors
/// An invalid config, a non-empty output folder, or an engine failure.
pub fn run(global: &GlobalArgs, args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&global.config)?;
    let opts = Options {
        weeks: args.weeks.clamp(1, 104),
        seed: args.seed,
        out: args.out.clone(),
    };
    let bar = super::progress::bar(
        u64::from(opts.weeks) * 7,
        &format!("simulating {} people", config.participants.len()),
        "days",
    );
    let summary = simulate::run(&config, &opts, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let summary = summary?;
    print!("{}", simulate::render(&summary, &opts));
    Ok(ExitCode::SUCCESS)
}
