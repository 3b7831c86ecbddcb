//! `upward run`: state created on first start, clean stop on SIGTERM/SIGINT, SIGHUP reload
//! that keeps the old config when the new one is invalid, and refusal of a newer database.

use std::os::unix::fs::PermissionsExt;

use crate::util::{Daemon, example_program, run_in};

#[test]
fn run_creates_its_state_and_stops_cleanly_on_sigterm() {
    let dir = example_program();
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    let var = dir.path().join("var");
    for sub in ["outbox", "inbox/new", "inbox/cur", "inbox/tmp"] {
        assert!(var.join(sub).is_dir(), "var/{sub} missing");
    }
    let mode = std::fs::metadata(var.join("upward.db"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the database must be private");
    let key_mode = std::fs::metadata(var.join("upward.key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(key_mode & 0o777, 0o600, "the signing key must be private");
    d.signal("TERM");
    d.wait_for("upward stopped cleanly");
    assert_eq!(d.wait_exit(), Some(0));

    let db = rusqlite::Connection::open(var.join("upward.db")).unwrap();
    let n: i64 = db
        .query_row(
            "SELECT count(*) FROM participants WHERE status = 'active'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 24);
}

#[test]
fn sigint_stops_it_as_cleanly_as_sigterm() {
    let dir = example_program();
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    d.signal("INT");
    d.wait_for("upward stopped cleanly");
    assert_eq!(d.wait_exit(), Some(0));
}

#[test]
fn sighup_with_a_broken_config_keeps_the_old_one_and_a_valid_one_replaces_it() {
    let dir = example_program();
    let program = dir.path().join("program.toml");
    let good = std::fs::read_to_string(&program).unwrap();
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");

    std::fs::write(
        &program,
        good.replace("min_level_gap = 3", "min_level_gap = \"three\""),
    )
    .unwrap();
    d.signal("HUP");
    let problem = d.wait_for("config problem");
    assert!(problem.contains("min_level_gap"), "{problem}");
    d.wait_for("still running on the previous one");

    // A valid config with one participant fewer: the daemon takes it, and keeps the
    // person who left as history.
    std::fs::write(&program, &good).unwrap();
    let csv = dir.path().join("participants.csv");
    let people = std::fs::read_to_string(&csv).unwrap();
    let kept: Vec<&str> = people
        .lines()
        .filter(|l| !l.starts_with("Maya Chen,"))
        .collect();
    std::fs::write(&csv, kept.join("\n") + "\n").unwrap();
    d.signal("HUP");
    let reloaded = d.wait_for("config reloaded");
    assert!(reloaded.contains("participants=23"), "{reloaded}");
    assert!(reloaded.contains("left=1"), "{reloaded}");

    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    let db = rusqlite::Connection::open(dir.path().join("var/upward.db")).unwrap();
    let status: String = db
        .query_row(
            "SELECT status FROM participants WHERE email = 'maya.chen@acme.example'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "left");
}

#[test]
fn run_refuses_an_invalid_config_with_all_its_problems() {
    let dir = example_program();
    let program = dir.path().join("program.toml");
    let text = std::fs::read_to_string(&program).unwrap();
    std::fs::write(
        &program,
        text.replace("Europe/London", "Europe/Londn")
            .replace("0 8 * * MON", "0 8 * MON"),
    )
    .unwrap();
    let stderr = run_in(dir.path(), &["run", "-c", "program.toml"])
        .expect_code(1)
        .stderr;
    assert!(
        stderr.contains("unknown time zone `Europe/Londn`"),
        "{stderr}"
    );
    assert!(stderr.contains("schedule.hr_digest"), "{stderr}");
    assert!(
        !dir.path().join("var/upward.db").exists(),
        "nothing is written for a bad config"
    );
}

#[test]
fn a_database_from_a_newer_upward_is_refused_with_a_clear_message() {
    let dir = example_program();
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    let db = rusqlite::Connection::open(dir.path().join("var/upward.db")).unwrap();
    db.execute(
        "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'x')",
        [],
    )
    .unwrap();
    drop(db);
    let stderr = run_in(dir.path(), &["run", "-c", "program.toml"])
        .expect_code(1)
        .stderr;
    assert!(
        stderr.contains("schema version 999, newer than this upward understands"),
        "{stderr}"
    );
}

#[test]
fn systemd_hears_ready_after_start_and_stopping_at_shutdown() {
    use std::os::unix::net::UnixDatagram;
    let dir = example_program();
    let socket_path = dir.path().join("notify.sock");
    let socket = UnixDatagram::bind(&socket_path).unwrap();
    socket
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut d = Daemon::start_with_env(dir.path(), &[("NOTIFY_SOCKET", socket_path.as_os_str())]);
    let mut buf = [0u8; 1024];
    let n = socket.recv(&mut buf).unwrap();
    let ready = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(ready.contains("READY=1"), "{ready}");
    assert!(
        ready.contains("STATUS=running Acme Reverse Mentoring 2026-27 with 24 participants"),
        "{ready}"
    );
    d.wait_for("upward is running");
    d.signal("TERM");
    let n = socket.recv(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("STOPPING=1"));
    assert_eq!(d.wait_exit(), Some(0));
}

#[test]
fn json_logs_are_one_object_per_line_with_structured_fields() {
    use std::io::{BufRead, BufReader};
    let dir = example_program();
    let mut child = crate::util::upward()
        .args(["run", "-c", "program.toml", "--log-format", "json"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let running = loop {
        let line = lines.next().expect("log ended early").unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).expect("not JSON");
        if v["fields"]["message"] == "upward is running" {
            break v;
        }
    };
    assert_eq!(running["level"], "INFO");
    assert_eq!(running["fields"]["participants"], 24);
    assert_eq!(running["fields"]["transport"], "file var/outbox");
    let _ = std::process::Command::new("kill")
        .arg(child.id().to_string())
        .status();
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn a_second_daemon_on_the_same_database_is_refused() {
    let dir = example_program();
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    let second = run_in(dir.path(), &["run", "-c", "program.toml"]).expect_code(1);
    assert!(
        second.stderr.contains("another upward is already running"),
        "{}",
        second.stderr
    );
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
}
