//! Owns the program's schedule: when each job is due from persisted last runs ([`runner`]),
//! the program's jobs ([`jobs`]), and what a due job does ([`handler`], with [`round`] for
//! pairing rounds): queue email in the outbox. Does not send anything (the outbox sender
//! does) nor sleep (the daemon's scheduler task does). The clock and cron parsing live one
//! floor lower, in [`crate::time`].

pub mod handler;
pub mod introduce;
pub mod jobs;
pub mod round;
pub mod runner;

// NOTE: re-exported so the layers above (cli, daemon, simulate), the tests and the benches
// keep their paths; the layers below import `crate::time` directly.
pub use crate::time::{Clock, ManualClock, SystemClock, cron};
