//! `upward reenable EMAIL`: HR's way back for an address disabled for bouncing, once the
//! mailbox works again (the person said so, IT fixed it). Clears its bounce score; mail to
//! it resumes with the next email due. The participant was never deleted, only skipped;
//! their pairs ended when the address was disabled, so the next fill pairs them again.

use std::process::ExitCode;

use crate::daemon::load_config;
use crate::schedule::{Clock, SystemClock};
use crate::store::Store;

use super::GlobalArgs;

/// Arguments of `upward reenable`.
#[derive(Debug, clap::Args)]
pub struct ReenableArgs {
    /// The participant's address, as in the participants list.
    pub email: String,
}

/// Clears the address's bounce score and disabled mark; exit 0 when done (or nothing to
/// do), 1 when no participant has the address.
///
/// # Errors
/// An invalid config or a missing database.
pub fn run(global: &GlobalArgs, args: &ReenableArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&global.config)?;
    let mut store = Store::open_existing(&config.store.path)?;
    let email = args.email.trim().to_lowercase();
    let Some((score, disabled)) = store.bounce_state(&email)? else {
        eprintln!(
            "error: no participant has the address {email}; check the spelling against {}",
            global.config.display()
        );
        return Ok(ExitCode::from(1));
    };
    if store.reenable_address(&email, SystemClock.now())? {
        let was = if disabled { "disabled" } else { "not disabled" };
        println!("{email}: re-enabled (was {was}, bounce score {score}); mail to it resumes");
        if disabled {
            println!(
                "their pairs ended when the address was disabled: `upward pair --fill` pairs them again now (the daemon does at its next start or reload)"
            );
        }
    } else {
        println!("{email}: not disabled and no bounces counted; nothing to do");
    }
    Ok(ExitCode::SUCCESS)
}
