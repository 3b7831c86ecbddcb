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

/// The example program (its secret from the environment) with its round of pairs, and the
/// daemon running on it once every introduction is written to the file outbox.
fn running_with_pairs(env: &[(&str, &std::ffi::OsStr)]) -> (tempfile::TempDir, Daemon) {
    let dir = crate::ingest::program();
    let d = dir.path();
    crate::ingest::pair_up(d);
    let mut daemon = Daemon::start_with_env(d, env);
    daemon.wait_for("upward is running");
    crate::roundtrip::wait_until(60, "the introductions written", || {
        let db = crate::roundtrip::store(d);
        crate::roundtrip::count(&db, "SELECT count(*) FROM outbox WHERE state = 'sent'") > 0
            && crate::roundtrip::count(&db, "SELECT count(*) FROM outbox WHERE state <> 'sent'")
                == 0
    });
    (dir, daemon)
}

/// A HELP from the mentee of the first pair, with its reply token.
fn help_from_a_mentee(d: &std::path::Path, id: &str) -> (String, String) {
    let pair = crate::ingest::pairs(d).remove(0);
    let to = crate::ingest::reply_to(pair.id, pair.mentee.0);
    let raw = crate::ingest::plain(id, &pair.mentee.1, &to, "HELP");
    (pair.mentee.1, raw)
}

/// Files in `dir` (0 when it does not exist).
fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |r| r.count())
}

/// Delivers `raw` into the Maildir `maildir` as a mail server does (tmp/, then new/).
pub(crate) fn deliver_into(maildir: &std::path::Path, name: &str, raw: &str) {
    std::fs::write(maildir.join("tmp").join(name), raw).unwrap();
    std::fs::rename(
        maildir.join("tmp").join(name),
        maildir.join("new").join(name),
    )
    .unwrap();
}

/// Regression: `[smtp]` and `[inbound]` edits were ignored on SIGHUP while the log said
/// "config reloaded". Now the sender restarts on the new relay (here from the file outbox to
/// a real Postfix over STARTTLS, trusted through `ca_file`) and the reader on the new
/// Maildir, and the log line says what changed and what took effect. A relay the new config
/// cannot trust (a CA file without a certificate) is refused whole first.
#[test]
fn sighup_moves_mail_to_the_new_relay_and_reads_the_new_maildir() {
    let Some(stack) = crate::util::MailStack::start() else {
        return;
    };
    let secret = [("UPWARD_SECRET", crate::ingest::SECRET.as_ref())];
    let (dir, mut d) = running_with_pairs(&secret);
    let p = dir.path();
    let program = p.join("program.toml");
    let original = std::fs::read_to_string(&program).unwrap();
    let outbox_files = files_in(&p.join("var/outbox"));
    assert!(outbox_files > 0);

    // A relay whose CA file holds no certificate: refused, nothing changes.
    std::fs::write(p.join("bad-ca.pem"), "not a certificate\n").unwrap();
    let bad = crate::relay::smtp_section(
        stack.submission_port,
        "starttls",
        Some(std::path::Path::new("bad-ca.pem")),
    );
    std::fs::write(&program, format!("{original}{bad}")).unwrap();
    d.signal("HUP");
    let problem = d.wait_for("config problem");
    assert!(problem.contains("smtp.ca_file"), "{problem}");
    d.wait_for("still running on the previous one");

    let relay =
        crate::relay::smtp_section(stack.submission_port, "starttls", Some(&stack.ca_file()));
    let moved = original.replace("maildir = \"var/inbox\"", "maildir = \"var/inbox2\"");
    assert_ne!(moved, original, "the example names no [inbound] maildir");
    std::fs::write(&program, format!("{moved}{relay}")).unwrap();
    d.signal("HUP");
    let reloaded = d.wait_for("config reloaded");
    eprintln!("daemon: {reloaded}");
    let relay_now = format!(
        "smtp 127.0.0.1:{} starttls ca_file {}",
        stack.submission_port,
        stack.ca_file().display()
    );
    for expected in [
        format!("[smtp] file var/outbox → {relay_now}"),
        "[inbound] maildir var/inbox → var/inbox2".to_string(),
        format!("outbox sender restarted on {relay_now}"),
        "inbound reader restarted on maildir var/inbox2".to_string(),
        "restart_needed=nothing".to_string(),
    ] {
        assert!(
            reloaded.contains(&expected),
            "no {expected:?} in: {reloaded}"
        );
    }

    // A HELP in the new Maildir is read and answered through Postfix; one in the old
    // Maildir is not read any more.
    let (mentee, raw) = help_from_a_mentee(p, "help.new@example.net");
    deliver_into(&p.join("var/inbox2"), "1.new.host", &raw);
    let (_, old_raw) = help_from_a_mentee(p, "help.old@example.net");
    deliver_into(&p.join("var/inbox"), "2.old.host", &old_raw);
    let answered = || {
        stack.messages("outbound").iter().any(|m| {
            let m = String::from_utf8_lossy(m);
            m.contains(&format!("To: {mentee}")) || m.contains(&format!("<{mentee}>"))
        })
    };
    crate::roundtrip::wait_until(60, "the HELP answer delivered by Postfix", answered);
    let delivered = stack.messages("outbound");
    assert_eq!(delivered.len(), 1, "only the answer goes through the relay");
    let answer = String::from_utf8_lossy(&delivered[0]);
    assert!(answer.contains("with ESMTPS"), "not over TLS:\n{answer}");
    assert_eq!(
        files_in(&p.join("var/outbox")),
        outbox_files,
        "mail still written to the file outbox after the reload"
    );
    assert_eq!(files_in(&p.join("var/inbox2/new")), 0);
    assert_eq!(files_in(&p.join("var/inbox2/cur")), 1);
    assert_eq!(
        files_in(&p.join("var/inbox/new")),
        1,
        "the old Maildir is still read"
    );

    d.signal("TERM");
    d.wait_for("upward stopped cleanly");
    assert_eq!(d.wait_exit(), Some(0));
    let db = crate::roundtrip::store(p);
    assert_eq!(
        crate::roundtrip::count(
            &db,
            "SELECT count(*) FROM inbound WHERE message_id LIKE '%help.old%'"
        ),
        0
    );
}

/// Regression: adding `[inbound.imap]` on SIGHUP was ignored. Now the reader moves from the
/// Maildir to the IMAP mailbox and reads the reply waiting there.
#[test]
fn sighup_moves_the_reader_from_the_maildir_to_imap() {
    let Some(stack) = crate::util::MailStack::start() else {
        return;
    };
    let env = [
        ("UPWARD_SECRET", crate::ingest::SECRET.as_ref()),
        ("TEST_IMAP_PASSWORD", "secret".as_ref()),
    ];
    let (dir, mut d) = running_with_pairs(&env);
    let p = dir.path();
    let (_, raw) = help_from_a_mentee(p, "help.imap@example.net");
    let from = crate::ingest::pairs(p).remove(0).mentee.1;
    stack.send_raw(&from, "mentoring@acme.test", &raw);
    stack.wait_delivered("mentoring", 1);

    let program = p.join("program.toml");
    let mut text = std::fs::read_to_string(&program).unwrap();
    text.push_str(&stack.imap_section());
    std::fs::write(&program, text).unwrap();
    d.signal("HUP");
    let reloaded = d.wait_for("config reloaded");
    eprintln!("daemon: {reloaded}");
    let imap = format!("imap 127.0.0.1:{}/INBOX tls", stack.imaps_port);
    for expected in [
        format!("[inbound.imap] added: maildir var/inbox → {imap}"),
        format!("inbound reader restarted on {imap}"),
    ] {
        assert!(
            reloaded.contains(&expected),
            "no {expected:?} in: {reloaded}"
        );
    }
    assert!(
        !reloaded.contains("outbox sender restarted"),
        "the sender had no reason to restart: {reloaded}"
    );
    d.wait_for("imap batch committed");
    crate::roundtrip::wait_until(60, "the HELP answer written", || {
        crate::roundtrip::count(
            &crate::roundtrip::store(p),
            "SELECT count(*) FROM outbox WHERE kind = 'command' AND state = 'sent'",
        ) == 1
    });
    d.signal("TERM");
    d.wait_for("upward stopped cleanly");
    assert_eq!(d.wait_exit(), Some(0));
    assert_eq!(
        crate::roundtrip::count(
            &crate::roundtrip::store(p),
            "SELECT count(*) FROM inbound WHERE source = 'imap'"
        ),
        1
    );
}

/// A SIGHUP that changes the relay while a message is in flight: the reload waits until
/// the old relay answered and the outcome is recorded, then the new sender takes the rest.
/// Every email reaches exactly one relay, once.
#[test]
fn a_relay_change_waits_for_the_message_in_flight_and_sends_nothing_twice() {
    let Some(stack) = crate::util::MailStack::start() else {
        return;
    };
    let gated = crate::relay::GatedRelay::start();
    let dir = crate::ingest::program();
    let p = dir.path();
    let program = p.join("program.toml");
    let original = std::fs::read_to_string(&program).unwrap();
    let relay_to = |port: u16| {
        let smtp = crate::relay::smtp_section(port, "none", None);
        std::fs::write(&program, format!("{original}{smtp}")).unwrap();
    };
    relay_to(gated.port);
    crate::ingest::pair_up(p);
    let mut d = Daemon::start_with_env(p, &[("UPWARD_SECRET", crate::ingest::SECRET.as_ref())]);
    d.wait_for("upward is running");
    gated.wait_holding();

    relay_to(stack.smtp_port);
    d.signal("HUP");
    d.wait_for("reloading the config");
    std::thread::sleep(std::time::Duration::from_secs(1));
    assert!(
        !d.log_so_far().contains("config reloaded"),
        "the reload did not wait for the message in flight"
    );
    gated.release();
    let reloaded = d.wait_for("config reloaded");
    assert!(
        reloaded.contains(&format!(
            "outbox sender restarted on smtp 127.0.0.1:{} none",
            stack.smtp_port
        )),
        "{reloaded}"
    );

    let ids = |sql: &str| -> Vec<String> {
        let db = crate::roundtrip::store(p);
        let mut stmt = db.prepare(sql).unwrap();
        // Without angle brackets, as mail_parser gives a Message-ID.
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|id| id.unwrap().trim_matches(['<', '>']).to_string())
            .collect()
    };
    crate::roundtrip::wait_until(60, "every introduction sent", || {
        ids("SELECT message_id FROM outbox WHERE state <> 'sent'").is_empty()
    });
    let all: std::collections::BTreeSet<String> =
        ids("SELECT message_id FROM outbox").into_iter().collect();
    let by_gated: Vec<String> = gated
        .accepted
        .lock()
        .unwrap()
        .iter()
        .map(|id| id.trim_matches(['<', '>']).to_string())
        .collect();
    assert_eq!(
        by_gated.len(),
        1,
        "the old relay got more than the one in flight"
    );
    let expected_postfix: std::collections::BTreeSet<String> = all
        .iter()
        .filter(|id| !by_gated.contains(id))
        .cloned()
        .collect();
    assert_eq!(
        expected_postfix.len() + 1,
        all.len(),
        "{by_gated:?} not queued"
    );
    // Postfix delivers one copy per recipient: compare the Message-IDs it delivered.
    let postfix_ids = || -> std::collections::BTreeSet<String> {
        stack
            .messages("outbound")
            .iter()
            .map(|m| crate::roundtrip::read(m).message_id)
            .collect()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while postfix_ids() != expected_postfix {
        assert!(
            std::time::Instant::now() < deadline,
            "Postfix delivered {:?}, expected {expected_postfix:?}",
            postfix_ids()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let attempts = ids("SELECT CAST(attempts AS TEXT) FROM outbox WHERE attempts <> 1");
    assert!(
        attempts.is_empty(),
        "a message was tried twice: {attempts:?}"
    );
    d.signal("TERM");
    d.wait_for("upward stopped cleanly");
    assert_eq!(d.wait_exit(), Some(0));
}

/// The daemon runs with two malloc arenas (its memory stays level over hours) unless its
/// environment names a number, and keeps its process id doing so (systemd watches it).
#[test]
fn the_daemon_runs_with_two_malloc_arenas_unless_its_environment_says_otherwise() {
    let arenas = |pid: u32| {
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        environ
            .split(|b| *b == 0)
            .find_map(|kv| kv.strip_prefix(b"MALLOC_ARENA_MAX="))
            .map(|v| String::from_utf8_lossy(v).into_owned())
    };
    for (given, want) in [(None, "2"), (Some("4"), "4")] {
        let dir = example_program();
        let mut cmd = crate::util::upward();
        cmd.args(["run", "-c", "program.toml"])
            .env_remove("MALLOC_ARENA_MAX")
            .current_dir(dir.path());
        if let Some(n) = given {
            cmd.env("MALLOC_ARENA_MAX", n);
        }
        let mut d = Daemon::spawn(cmd);
        d.wait_for("upward is running");
        assert_eq!(
            arenas(d.child.id()).as_deref(),
            Some(want),
            "given {given:?}"
        );
        d.signal("TERM");
        assert!(d.child.wait().unwrap().success(), "{}", d.log_so_far());
    }
}
