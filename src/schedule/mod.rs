//! Owns time: the [`Clock`] every part of the daemon reads, the cron schedules evaluated
//! against it ([`cron`], [`runner`]), the program's jobs and when each is due ([`jobs`]), and
//! what a due job does ([`handler`], with [`round`] for pairing rounds): queue email in the
//! outbox. Does not send anything (the outbox sender does) nor sleep (the daemon's scheduler
//! task does).

mod clock;
pub mod cron;
pub mod handler;
pub mod jobs;
pub mod round;
pub mod runner;

pub use clock::{Clock, ManualClock, SystemClock};
