//! R1 (and the crash test of the proof issue): `kill -9` the daemon while it delivers a batch
//! to a real Postfix, restart it, let it finish. Every email arrives, and none twice except
//! at most one per connection per crash, with the same Message-ID.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::util::{Daemon, MailStack};

/// A program of `pairs` mentors and as many mentees, all eligible for each other.
fn big_program(dir: &std::path::Path, stack: &MailStack, pairs: usize) {
    let mut csv = String::from("name,email,role,level,department\n");
    for i in 0..pairs {
        csv.push_str(&format!(
            "Mentor {i},mentor{i}@example.com,mentor,1,Sales\n"
        ));
        csv.push_str(&format!(
            "Mentee {i},mentee{i}@example.com,mentee,7,Finance\n"
        ));
    }
    std::fs::write(dir.join("participants.csv"), csv).unwrap();
    let program = format!(
        r#"participants = "participants.csv"

[program]
name = "Crash test"
coordinator = "hr@example.com"
from = "Mentoring <mentoring@acme.test>"
reply_to = "mentoring+{{token}}@acme.test"
start = 2026-01-05
end = 2030-12-31
propose_first_meeting = false

[smtp]
host = "127.0.0.1"
port = {}
security = "none"
connections = 2
"#,
        stack.smtp_port
    );
    std::fs::write(dir.join("program.toml"), program).unwrap();
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.busy_timeout(Duration::from_secs(10)).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

#[test]
fn kill_9_during_a_batch_loses_nothing_and_repeats_at_most_one_per_connection() {
    let Some(stack) = MailStack::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    big_program(dir.path(), &stack, 500);
    let db = dir.path().join("var/upward.db");

    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    // Kill in the middle of the introductions of the first round.
    let deadline = Instant::now() + Duration::from_secs(120);
    while count(&db, "SELECT count(*) FROM outbox WHERE state = 'sent'") < 100 {
        assert!(Instant::now() < deadline, "the sender made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    d.child.kill().unwrap(); // SIGKILL
    let _ = d.child.wait();
    let queued = count(&db, "SELECT count(*) FROM outbox");
    let sent_at_kill = count(&db, "SELECT count(*) FROM outbox WHERE state = 'sent'");
    assert!(
        sent_at_kill < queued,
        "killed after the batch ended ({sent_at_kill} of {queued})"
    );

    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    let deadline = Instant::now() + Duration::from_secs(180);
    while count(
        &db,
        "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')",
    ) > 0
    {
        assert!(
            Instant::now() < deadline,
            "the restarted sender did not finish"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));

    // What Postfix delivered, per (Message-ID, recipient).
    let expected: Vec<(String, String)> = {
        let c = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = c
            .prepare("SELECT message_id, recipient FROM outbox")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap();
        rows.flat_map(|r| {
            let (id, rcpts) = r.unwrap();
            rcpts
                .split(", ")
                .map(|to| (id.clone(), to.to_lowercase()))
                .collect::<Vec<_>>()
        })
        .collect()
    };
    let outbound = stack.maildir("outbound");
    let deadline = Instant::now() + Duration::from_secs(120);
    let delivered = loop {
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for f in std::fs::read_dir(outbound.join("new")).unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap_or_default();
            let header = |name: &str| {
                text.lines()
                    .take_while(|l| !l.is_empty())
                    .find_map(|l| l.strip_prefix(name))
                    .map(|v| v.trim().to_lowercase())
            };
            if let (Some(id), Some(to)) = (header("Message-ID:"), header("X-Original-To:")) {
                *seen.entry((id, to)).or_default() += 1;
            }
        }
        let all_there = expected
            .iter()
            .all(|(id, to)| seen.contains_key(&(id.to_lowercase(), to.clone())));
        if all_there || Instant::now() > deadline {
            break seen;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let missing: Vec<&(String, String)> = expected
        .iter()
        .filter(|(id, to)| !delivered.contains_key(&(id.to_lowercase(), to.clone())))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} never arrived, e.g. {:?}",
        missing.len(),
        expected.len(),
        missing.first()
    );
    let duplicates: usize = delivered.values().map(|n| n - 1).sum();
    println!(
        "crash test: {} emails to {} recipients queued, {sent_at_kill} sent before kill -9, {} deliveries, {duplicates} duplicate(s)",
        queued,
        expected.len(),
        delivered.values().sum::<usize>()
    );
    // Two connections, one crash: at most one message per connection, per recipient of it.
    assert!(
        duplicates <= 2 * 2,
        "{duplicates} duplicates after one crash"
    );
}
