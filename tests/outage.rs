//! Issue 7 and RELIABILITY R3: the SMTP server is down (nothing listens on its port) while
//! the daemon has a batch to send. The outbox waits with exponential backoff, attempt k
//! waiting at least `retry_first_seconds`·2^(k−1) (capped by `retry_max_seconds`); once
//! Postfix's `smtp-sink` starts on the port, everything is delivered, each email once, and
//! the HR figures say how late the mail went and why.
//!
//! Also holds [`SmtpSink`] and [`program`], shared with the crash test.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Daemon, run_in};

/// A free TCP port on loopback (nothing listens on it once this returns).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// One message as `smtp-sink` dumped it.
#[derive(Debug, Clone)]
pub struct Dumped {
    /// Lower case, with angle brackets.
    pub message_id: String,
    /// Envelope recipients, lower case.
    pub recipients: Vec<String>,
}

/// Postfix's `smtp-sink` on a loopback port, dumping each message it accepts into a file of
/// its own (`-d`). Killed on drop.
pub struct SmtpSink {
    child: Child,
    dumps: tempfile::TempDir,
}

impl SmtpSink {
    /// Where `smtp-sink` is, or `None` (saying why) when Postfix is not installed; CI
    /// installs it (.ci/install-postfix.sh).
    pub fn find() -> Option<PathBuf> {
        let found = [
            "/usr/sbin",
            "/usr/bin",
            "/usr/local/sbin",
            "/usr/lib/postfix",
        ]
        .iter()
        .map(|d| Path::new(d).join("smtp-sink"))
        .find(|p| p.exists());
        if found.is_none() {
            eprintln!("skipped: smtp-sink not installed (run .ci/install-postfix.sh)");
        }
        found
    }

    /// Starts `smtp-sink` on `port` with `extra` options (fault injection: `-r`, `-Q`, `-w`…)
    /// and waits until it listens.
    pub fn start(bin: &Path, port: u16, extra: &[&str]) -> SmtpSink {
        use std::os::unix::fs::PermissionsExt;
        let dumps = tempfile::tempdir().unwrap();
        // NOTE: run as root, smtp-sink must drop to another user, who writes the dumps.
        std::fs::set_permissions(dumps.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        let mut cmd = Command::new(bin);
        if root {
            cmd.args(["-u", "nobody"]);
        }
        let template = format!("{}/%M.", dumps.path().display());
        let child = cmd
            .args(["-d", &template])
            .args(extra)
            .arg(format!("127.0.0.1:{port}"))
            .arg("256")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let sink = SmtpSink { child, dumps };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "smtp-sink did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        sink
    }

    /// Stops the sink (its port is free again); what it received stays readable.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Every message dumped so far.
    pub fn messages(&self) -> Vec<Dumped> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(self.dumps.path()).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            let mut recipients = Vec::new();
            let mut message_id = None;
            for line in text.lines().take_while(|l| !l.is_empty()) {
                let lower = line.to_lowercase();
                if let Some(r) = lower.strip_prefix("x-rcpt-args:") {
                    let r = r.trim();
                    let addr = r.split_whitespace().next().unwrap_or(r);
                    recipients.push(addr.trim_matches(['<', '>']).to_string());
                } else if let Some(id) = lower.strip_prefix("message-id:") {
                    message_id = Some(id.trim().to_string());
                }
            }
            if let Some(message_id) = message_id {
                out.push(Dumped {
                    message_id,
                    recipients,
                });
            }
        }
        out
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A program of `pairs` mentors and as many mentees, all eligible for each other, sending
/// through `127.0.0.1:port` without TLS (to the file outbox without a port); `smtp_extra`
/// adds lines to `[smtp]`. The daemon queues one introduction per pair when it starts.
pub fn program(dir: &Path, port: Option<u16>, pairs: usize, smtp_extra: &str) {
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
    let smtp = port.map_or(String::new(), |port| {
        format!("[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n{smtp_extra}\n")
    });
    let program = format!(
        r#"participants = "participants.csv"

[program]
name = "Outbound test"
coordinator = "hr@example.com"
from = "Mentoring <mentoring@acme.test>"
reply_to = "mentoring+{{token}}@acme.test"
start = 2026-01-05
end = 2030-12-31
propose_first_meeting = false

{smtp}"#
    );
    std::fs::write(dir.join("program.toml"), program).unwrap();
}

/// Opens the daemon's database for reading beside it.
pub fn db(path: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.busy_timeout(Duration::from_secs(10)).unwrap();
    c
}

/// One number from the database.
pub fn count(db_path: &Path, sql: &str) -> i64 {
    db(db_path).query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

/// Per outbox row: its Message-ID and envelope recipients (lower case).
fn queued(db_path: &Path) -> HashMap<String, Vec<String>> {
    let c = db(db_path);
    let mut stmt = c
        .prepare("SELECT message_id, recipient FROM outbox")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(|r| {
            let (id, rcpts) = r.unwrap();
            (
                id.to_lowercase(),
                rcpts.split(", ").map(str::to_lowercase).collect(),
            )
        })
        .collect()
}

/// What reached the sink, against what the outbox holds.
pub struct Tally {
    pub queued: usize,
    pub recipients: usize,
    pub arrived: usize,
    pub distinct: usize,
    pub missing: usize,
    pub duplicates: usize,
}

/// Counts the messages sinks received against the outbox; every message must be a queued
/// one, under the Message-ID it was queued with and to its recipients.
pub fn tally(db_path: &Path, got: &[Dumped]) -> Tally {
    let expected = queued(db_path);
    let mut arrivals: HashMap<&str, usize> = HashMap::new();
    for m in got {
        assert_eq!(
            Some(&m.recipients),
            expected.get(&m.message_id),
            "{m:?} is not a queued email"
        );
        *arrivals.entry(m.message_id.as_str()).or_default() += 1;
    }
    Tally {
        queued: expected.len(),
        recipients: expected.values().map(Vec::len).sum(),
        arrived: got.len(),
        distinct: arrivals.len(),
        missing: expected
            .keys()
            .filter(|id| !arrivals.contains_key(id.as_str()))
            .count(),
        duplicates: arrivals.values().map(|n| n - 1).sum(),
    }
}

fn millis(ts: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(ts)
        .unwrap()
        .timestamp_millis()
}

/// (id, attempts, next_attempt_at in ms, created_at in ms) of every row waiting for its
/// next attempt (not those being sent: their next attempt is not set yet).
fn attempts(db_path: &Path) -> Vec<(i64, i64, i64, i64)> {
    let c = db(db_path);
    let mut stmt = c
        .prepare(
            "SELECT id, attempts, next_attempt_at, created_at FROM outbox WHERE state = 'pending'",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            millis(&r.get::<_, String>(2)?),
            millis(&r.get::<_, String>(3)?),
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn mail_waits_with_backoff_while_the_relay_is_down_and_goes_out_once_when_it_returns() {
    let Some(bin) = SmtpSink::find() else {
        return;
    };
    const PAIRS: usize = 20;
    const FIRST_MS: i64 = 1000;
    const MAX_MS: i64 = 8000;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    program(
        dir.path(),
        Some(port),
        PAIRS,
        "retry_first_seconds = 1\nretry_max_seconds = 8\nconnections = 2\n",
    );
    let db_path = dir.path().join("var/upward.db");
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");

    // The relay is down: watch every row fail a few times, noting where each attempt left
    // its next one. Attempt k is recorded after the time attempt k−1 set, and sets the next
    // one at least the backoff after it.
    let mut seen: HashMap<i64, HashMap<i64, i64>> = HashMap::new();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let rows = attempts(&db_path);
        for (id, n, next, created) in &rows {
            let row = seen.entry(*id).or_default();
            row.insert(0, *created);
            row.insert(*n, *next);
        }
        if rows.len() >= PAIRS && seen.len() == rows.len() && rows.iter().all(|r| r.1 >= 4) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "rows did not fail four times each: {rows:?}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    let sent_while_down = count(&db_path, "SELECT count(*) FROM outbox WHERE state = 'sent'");
    assert_eq!(sent_while_down, 0);
    let errors = count(
        &db_path,
        "SELECT count(*) FROM outbox WHERE last_error LIKE '%cannot connect to 127.0.0.1%'",
    );
    let rows = seen.len();
    assert_eq!(errors as usize, rows, "every row says why it waits");

    let mut checked = 0;
    let mut shortest_ratio = f64::MAX;
    for (id, by_attempt) in &seen {
        for k in 1..=4 {
            let (Some(before), Some(after)) = (by_attempt.get(&(k - 1)), by_attempt.get(&k)) else {
                continue;
            };
            let wait = (FIRST_MS << (k - 1)).min(MAX_MS);
            let gap = after - before;
            assert!(
                gap >= wait,
                "row {id}: attempt {k} set its next try {gap} ms after the previous one, less than the backoff {wait} ms"
            );
            shortest_ratio = shortest_ratio.min(gap as f64 / wait as f64);
            checked += 1;
        }
    }
    assert!(checked >= rows * 2, "too few attempts observed: {checked}");

    // The relay comes back.
    let sink = SmtpSink::start(&bin, port, &[]);
    let deadline = Instant::now() + Duration::from_secs(120);
    while count(
        &db_path,
        "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')",
    ) > 0
    {
        assert!(Instant::now() < deadline, "the outbox did not drain");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The recovery is logged at info, as the failures were at warn.
    d.wait_for("sent after earlier attempts failed");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));

    let states = count(
        &db_path,
        "SELECT count(*) FROM outbox WHERE state <> 'sent'",
    );
    assert_eq!(states, 0, "some rows did not end sent");
    let t = tally(&db_path, &sink.messages());
    let max_attempts = count(&db_path, "SELECT max(attempts) FROM outbox");
    eprintln!(
        "outage: {rows} emails queued while the relay was down, {checked} backoff waits checked \
         (shortest {shortest_ratio:.2}x the minimum), up to {max_attempts} attempts; \
         after it returned {} arrived, {} missing, {} duplicate(s)",
        t.arrived, t.missing, t.duplicates
    );
    assert_eq!(t.missing, 0);
    assert_eq!(t.duplicates, 0);
    assert_eq!(t.arrived, t.queued);

    // What HR reads: the digest's figures for the week.
    let report = run_in(dir.path(), &["report", "-c", "program.toml"]).expect_code(0);
    let line = report
        .stdout
        .lines()
        .find(|l| l.starts_with("Delivered late:"))
        .unwrap_or_else(|| panic!("no late deliveries reported:\n{}", report.stdout));
    eprintln!("outage: the digest says: {line}");
    assert!(
        line.contains(&format!("{} emails were delivered late", t.queued)),
        "{line}"
    );
    assert!(line.contains("the longest after"), "{line}");
    assert!(
        line.contains(&format!("cannot connect to 127.0.0.1:{port}")),
        "{line}"
    );
}
