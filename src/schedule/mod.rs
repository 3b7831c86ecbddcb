//! Owns time: the [`Clock`] every part of the daemon reads, and (as it grows) the cron jobs
//! evaluated against it. Does not send or store anything itself.

mod clock;
pub mod cron;
pub mod handler;
pub mod jobs;
pub mod round;
pub mod runner;

pub use clock::{Clock, ManualClock, SystemClock};
