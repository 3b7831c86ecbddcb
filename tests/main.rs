//! End-to-end tests: the real `upward` binary on real files, one module per command.

mod atomicity;
mod attacks;
mod bounces;
mod check;
mod crash;
mod daemon;
mod digest;
mod faults;
mod forget;
mod fuzz;
mod imap;
mod inbound;
mod ingest;
mod init;
mod loops;
mod outage;
mod outbound;
mod pairing;
mod relay;
mod report;
mod roundtrip;
mod schedule;
mod simulate;
mod unsubscribe;
mod util;
