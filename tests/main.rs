//! End-to-end tests: the real `upward` binary on real files, one module per command.

mod check;
mod crash;
mod daemon;
mod digest;
mod faults;
mod fuzz;
mod imap;
mod inbound;
mod ingest;
mod init;
mod outbound;
mod pairing;
mod report;
mod schedule;
mod simulate;
mod util;
