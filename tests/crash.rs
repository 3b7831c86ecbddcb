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

/// Starts the daemon again and lets it send everything left, then stops it.
fn restart_and_finish(dir: &std::path::Path, db: &std::path::Path) {
    let mut d = Daemon::start(dir);
    d.wait_for("upward is running");
    let deadline = Instant::now() + Duration::from_secs(120);
    while count(
        db,
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

    restart_and_finish(dir.path(), &db);
    let elapsed = started.elapsed();
    assert_eq!(
        count(&db, "SELECT count(*) FROM outbox WHERE state <> 'sent'"),
        0,
        "rows left unsent"
    );

    let t = tally(&db, &sink.messages());
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

/// R1's forced case: the relay has the whole message (smtp-sink dumps it at the final dot)
/// but delays its reply, and the daemon is killed in that window, before the outcome can be
/// recorded. After a restart that email goes again, once, with the same Message-ID; the
/// others arrive once each.
#[test]
fn a_kill_between_the_final_dot_and_the_recorded_outcome_repeats_that_email_once() {
    let Some(bin) = SmtpSink::find() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    // The reply to the final dot waits 30 s: the kill lands inside that window.
    let mut slow = SmtpSink::start(&bin, port, &["-W", ".:30"]);
    program(dir.path(), Some(port), 5, "connections = 1");
    let db = dir.path().join("var/upward.db");

    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    let deadline = Instant::now() + Duration::from_secs(60);
    let in_window = loop {
        if let Some(m) = slow.messages().first() {
            break m.message_id.clone();
        }
        assert!(Instant::now() < deadline, "nothing reached the sink");
        std::thread::sleep(Duration::from_millis(10));
    };
    d.child.kill().unwrap(); // SIGKILL, while the sink holds its reply
    let _ = d.child.wait();
    let state: String = crate::outage::db(&db)
        .query_row(
            "SELECT state FROM outbox WHERE lower(message_id) = ?1",
            [&in_window],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(state, "sending", "the outcome was recorded before the kill");
    slow.stop();

    let fast = SmtpSink::start(&bin, port, &[]);
    restart_and_finish(dir.path(), &db);

    let mut got = slow.messages();
    got.extend(fast.messages());
    let repeated: Vec<&str> = got
        .iter()
        .filter(|m| m.message_id == in_window)
        .map(|m| m.message_id.as_str())
        .collect();
    let t = tally(&db, &got);
    eprintln!(
        "crash in the reply window: {} emails, {} arrived, {} missing, {} duplicate(s), the one in flight arrived {} times",
        t.queued,
        t.arrived,
        t.missing,
        t.duplicates,
        repeated.len()
    );
    assert_eq!(t.missing, 0);
    assert_eq!(
        repeated.len(),
        2,
        "the email in the window goes again, once"
    );
    assert_eq!(t.duplicates, 1, "only that email repeats");
}
