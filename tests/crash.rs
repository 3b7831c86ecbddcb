//! R1 (and the crash test of issue 7): `kill -9` the daemon twice while it delivers a batch
//! of 1,000 emails to Postfix's `smtp-sink`, restarting it each time, and let it finish.
//! Counted from the sink's dumps: every email arrives, and none twice except at most one
//! per connection per crash, under the Message-ID it was queued with.

use std::time::{Duration, Instant};

use crate::outage::{SmtpSink, count, free_port, program, tally};
use crate::util::Daemon;

const EMAILS: usize = 1000;
const CONNECTIONS: usize = 2;

/// Waits until at least `sent` rows are sent, then kills the daemon with SIGKILL; returns
/// how many were sent by then.
fn kill_after(mut d: Daemon, db: &std::path::Path, sent: i64) -> i64 {
    d.wait_for("upward is running");
    let deadline = Instant::now() + Duration::from_secs(120);
    while count(db, "SELECT count(*) FROM outbox WHERE state = 'sent'") < sent {
        assert!(Instant::now() < deadline, "the sender made no progress");
        std::thread::sleep(Duration::from_millis(10));
    }
    d.child.kill().unwrap(); // SIGKILL
    let _ = d.child.wait();
    count(db, "SELECT count(*) FROM outbox WHERE state = 'sent'")
}

#[test]
fn kill_9_during_a_batch_loses_nothing_and_repeats_at_most_one_per_connection() {
    let Some(bin) = SmtpSink::find() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let sink = SmtpSink::start(&bin, port, &[]);
    program(
        dir.path(),
        Some(port),
        EMAILS,
        &format!("connections = {CONNECTIONS}"),
    );
    let db = dir.path().join("var/upward.db");

    let started = Instant::now();
    let first = kill_after(Daemon::start(dir.path()), &db, 200);
    let second = kill_after(Daemon::start(dir.path()), &db, first + 300);
    let queued_rows = count(&db, "SELECT count(*) FROM outbox");
    assert_eq!(queued_rows as usize, EMAILS);
    assert!(
        second < queued_rows,
        "killed after the batch ended ({second} of {queued_rows})"
    );

    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    let deadline = Instant::now() + Duration::from_secs(120);
    while count(
        &db,
        "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')",
    ) > 0
    {
        assert!(
            Instant::now() < deadline,
            "the restarted sender did not finish"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    let elapsed = started.elapsed();
    assert_eq!(
        count(&db, "SELECT count(*) FROM outbox WHERE state <> 'sent'"),
        0,
        "rows left unsent"
    );

    let t = tally(&db, &sink);
    eprintln!(
        "crash test: {} emails to {} recipients over {CONNECTIONS} connections, kill -9 at \
         {first} and {second} sent; {} arrived at smtp-sink ({} distinct), {} missing, \
         {} duplicate(s), in {:.1} s",
        t.queued,
        t.recipients,
        t.arrived,
        t.distinct,
        t.missing,
        t.duplicates,
        elapsed.as_secs_f64()
    );
    assert_eq!(t.missing, 0, "emails lost");
    // Two crashes: at most one message in flight per connection each time.
    assert!(
        t.duplicates <= 2 * CONNECTIONS,
        "{} duplicates after two crashes",
        t.duplicates
    );
}
