//! R2: enqueue atomicity. `kill -9` the daemon at several moments while it makes its first
//! round and queues the introductions: after each kill either the whole round with all its
//! introductions is stored or nothing is, the database passes `integrity_check` and
//! `foreign_key_check`, and the final run queues exactly one introduction per pair.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::util::{Daemon, run_in};

const PAIRS: usize = 600;

/// `PAIRS` mentors and mentees, all eligible for each other, mail to the file outbox (its
/// rows stay in the store once written out).
fn program(dir: &Path) {
    let mut csv = String::from("name,email,role,level,department\n");
    for i in 0..PAIRS {
        csv.push_str(&format!("Junior {i},junior{i}@example.com,mentor,1,Ops\n"));
        csv.push_str(&format!(
            "Senior {i},senior{i}@example.com,mentee,8,Legal\n"
        ));
    }
    std::fs::write(dir.join("participants.csv"), csv).unwrap();
    std::fs::write(
        dir.join("program.toml"),
        r#"participants = "participants.csv"

[program]
name = "Atomicity"
coordinator = "hr@example.com"
from = "Mentoring <mentoring@acme.test>"
reply_to = "mentoring+{token}@acme.test"
start = 2026-01-05
end = 2030-12-31
propose_first_meeting = false

[outbox]
dir = "var/outbox"
"#,
    )
    .unwrap();
}

fn db(dir: &Path) -> Option<rusqlite::Connection> {
    let path = dir.join("var/upward.db");
    if !path.exists() {
        return None;
    }
    let c = rusqlite::Connection::open(path).unwrap();
    c.busy_timeout(Duration::from_secs(10)).unwrap();
    Some(c)
}

/// (pairs stored, introductions queued), after checking the file is sound.
fn state(dir: &Path) -> (i64, i64) {
    let Some(c) = db(dir) else {
        return (0, 0);
    };
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let orphans: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(orphans, 0, "rows pointing at nothing");
    let get = |sql: &str| c.query_row(sql, [], |r| r.get(0)).unwrap_or(0);
    (
        get("SELECT count(*) FROM pairs"),
        get("SELECT count(*) FROM outbox WHERE kind = 'intro'"),
    )
}

#[test]
fn a_kill_while_the_first_round_is_stored_leaves_all_of_it_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    program(d);
    run_in(d, &["check", "-c", "program.toml"]).expect_code(0);

    let mut kills = Vec::new();
    let mut delay = Duration::from_millis(150);
    for _ in 0..8 {
        let mut daemon = Daemon::start(d);
        let started = Instant::now();
        std::thread::sleep(delay);
        daemon.child.kill().unwrap();
        let _ = daemon.child.wait();
        let (pairs, intros) = state(d);
        eprintln!(
            "killed after {:?}: {pairs} pairs, {intros} introductions",
            started.elapsed()
        );
        assert!(
            intros == 0 || intros == pairs,
            "a round without all its introductions: {pairs} pairs, {intros} introductions"
        );
        kills.push((pairs, intros));
        if pairs > 0 {
            break;
        }
        delay += delay / 2;
    }
    assert!(
        kills.iter().any(|&(p, _)| p == 0),
        "no kill landed before the round was stored: make the program bigger"
    );

    // Runs to the end: one round, one introduction per pair.
    let mut daemon = Daemon::start(d);
    daemon.wait_for("upward is running");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (pairs, intros) = state(d);
        if pairs > 0 && intros == pairs {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the round never finished: {pairs} pairs, {intros} introductions"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    daemon.signal("TERM");
    assert_eq!(daemon.wait_exit(), Some(0));
    let (pairs, intros) = state(d);
    let c = db(d).unwrap();
    let rounds: i64 = c
        .query_row("SELECT count(*) FROM rounds", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rounds, 1);
    assert_eq!(pairs, PAIRS as i64);
    assert_eq!(intros, pairs);
    eprintln!(
        "{} kills ({:?}); then 1 round, {pairs} pairs, {intros} introductions",
        kills.len(),
        kills
    );
}
