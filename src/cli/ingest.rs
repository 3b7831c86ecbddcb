//! `upward ingest [FILE|-]`: take one message from a file or standard input (an MTA pipe:
//! Postfix `pipe(8)`, an alias `|upward ingest`), run it through the whole inbound pipeline
//! and commit its effects. Answers the MTA with sysexits codes:
//!
//! - 0: committed. This includes messages acted on, automated mail recorded and ignored, a
//!   duplicate of one already recorded, a quarantined message (it is kept with its raw
//!   bytes and the reason for HR, so it is accepted: bouncing it as well would hand a
//!   possibly hostile message back to a sender that may be a machine), and mail dropped as
//!   a loop (from our own address, or with no sender: an MTA bounce would go nowhere or
//!   back to us). A message the pipeline dies on (a panic it did not catch) is kept as
//!   quarantined too, with its bytes, rather than failing the same way on every retry.
//! - 65 (EX_DATAERR): refused (the sender may not act on the pair, the reply address is
//!   forged, the pairing ended), with the reason on stderr. The refusal is committed first,
//!   so HR sees it and a retry is a no-op.
//! - 75 (EX_TEMPFAIL): nothing was committed and the MTA should try again: the input was
//!   cut off, the database was busy or locked past its timeout, the disk is full, or the
//!   program file or templates are broken (fixing them should not lose mail).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::inbound::process::{Incoming, Ingest, Outcome, sources};
use crate::schedule::{Clock, SystemClock};
use crate::store::Store;

use super::GlobalArgs;

/// sysexits(3) EX_DATAERR: the message is refused.
pub const EX_DATAERR: u8 = 65;
/// sysexits(3) EX_TEMPFAIL: try again later.
pub const EX_TEMPFAIL: u8 = 75;

/// Arguments of `upward ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// The time to act at, RFC 3339, instead of now (to replay old mail, and for tests).
    #[arg(long, value_name = "TIME")]
    pub now: Option<DateTime<Utc>>,
    /// The message file (RFC 5322, as stored in a Maildir); `-` (the default) reads
    /// standard input, as an MTA pipe delivers it.
    #[arg(default_value = "-")]
    pub file: PathBuf,
}

/// Ingests one message and returns the sysexits code for the MTA.
///
/// # Errors
/// Never: every failure is an exit code with its reason on stderr.
pub fn run(global: &GlobalArgs, args: &IngestArgs) -> anyhow::Result<ExitCode> {
    Ok(match ingest(global, args) {
        Ok(Outcome::Refused { reason, .. }) => {
            eprintln!("upward: message refused: {reason}");
            ExitCode::from(EX_DATAERR)
        }
        Ok(Outcome::Retry { reason }) => {
            eprintln!("upward: try again later: {reason}");
            ExitCode::from(EX_TEMPFAIL)
        }
        Ok(Outcome::Dropped { reason, inbound }) => {
            tracing::info!(inbound, "message dropped");
            eprintln!("upward: message dropped: {reason}");
            ExitCode::SUCCESS
        }
        Ok(Outcome::Quarantined { reason, inbound }) => {
            tracing::info!(inbound, "message quarantined for review");
            eprintln!("upward: message kept for review: {reason}");
            ExitCode::SUCCESS
        }
        Ok(Outcome::Processed { kind, inbound }) => {
            tracing::info!(inbound, kind = %kind, "message ingested");
            ExitCode::SUCCESS
        }
        Ok(Outcome::Duplicate) => {
            tracing::info!("message already ingested; nothing to do");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("upward: try again later: {}", crate::ErrorChain(&*err));
            ExitCode::from(EX_TEMPFAIL)
        }
    })
}

fn ingest(global: &GlobalArgs, args: &IngestArgs) -> anyhow::Result<Outcome> {
    use anyhow::Context as _;
    let config = crate::daemon::load_config(&global.config)?;
    let now = args.now.unwrap_or_else(|| SystemClock.now());
    let raw = super::inspect::read_message(&args.file, config.inbound.max_message_bytes)?;
    let mut store = Store::open(&config.store.path)
        .with_context(|| format!("opening the store {}", config.store.path.display()))?;
    let mut config = config;
    crate::daemon::add_joiners(&mut config, &store);
    let config = Arc::new(config);
    let mut ingest = Ingest::new(Arc::clone(&config)).context("loading templates and keys")?;
    // NOTE: the daemon writes the config's participants to the store at start and on
    // reload; a pipe that runs before the daemon ever did would find nobody and refuse
    // everyone, so it writes them once, into an empty store only.
    if store
        .participant_counts()
        .context("reading participants")?
        .is_empty()
    {
        store
            .sync_participants(&config.participants, now)
            .context("writing the participants to the store")?;
    }
    let batch = [Incoming::new(raw, "stdin")];
    let processed = catch_unwind(AssertUnwindSafe(|| {
        sources::fault_hook(&batch[0].raw);
        ingest.process(&mut store, &batch, now)
    }));
    // NOTE: a panic the pipeline did not catch would otherwise exit 101, which an MTA takes
    // for a permanent failure and bounces; it would fail again on every retry too, so the
    // message is kept as quarantined for HR, as the daemon's readers do after three tries.
    let processed = match processed {
        Ok(processed) => processed,
        Err(panic) => {
            let reason = format!("{}; kept for review", sources::panic_text(&*panic));
            let inbound =
                sources::record_quarantined(&mut store, &batch[0].raw, "stdin", &reason, now)
                    .context("recording a message the pipeline failed on")?;
            return Ok(Outcome::Quarantined {
                reason,
                inbound: inbound.unwrap_or_default(),
            });
        }
    };
    // NOTE: the pipeline's error says its cause in its own text; `ErrorChain` does not
    // repeat it on the MTA's log line.
    let outcomes = processed.context("committing the message")?;
    outcomes
        .into_iter()
        .next()
        .context("the pipeline returned no outcome")
}
