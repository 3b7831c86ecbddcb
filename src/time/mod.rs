//! Owns time itself: the [`Clock`] every part of the daemon reads and the cron schedules
//! HR writes ([`cron`]). Imports only [`crate::sync`], so config, outbound and inbound
//! can read the time without depending on the scheduler. Does not decide what is due (the
//! [`crate::schedule`] module does).

mod clock;
pub mod cron;

pub use clock::{Clock, ManualClock, SystemClock};
