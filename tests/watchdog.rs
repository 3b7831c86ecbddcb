//! systemd's watchdog: `WATCHDOG=1` while every loop makes progress, none once one is stuck
//! in a pass (the log names it), and `upward status` showing each loop's last progress.

use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::util::{Daemon, example_program, run_in};

/// A daemon in `dir` under a watchdog of 3 s (pings every 1.5 s), with `extra` variables,
/// and the notify socket it talks to, like systemd's.
fn start_watched(dir: &Path, extra: &[(&str, &str)]) -> (Daemon, UnixDatagram) {
    let path = dir.join("notify.sock");
    let socket = UnixDatagram::bind(&path).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut env = vec![
        ("NOTIFY_SOCKET", path.as_os_str()),
        ("WATCHDOG_USEC", "3000000".as_ref()),
    ];
    env.extend(extra.iter().map(|(k, v)| (*k, v.as_ref())));
    (Daemon::start_with_env(dir, &env), socket)
}

/// Receives datagrams until one contains `needle`; returns how many did before it.
fn wait_datagram(socket: &UnixDatagram, needle: &str) -> usize {
    let mut buf = [0u8; 1024];
    let mut before = 0;
    loop {
        let n = socket
            .recv(&mut buf)
            .expect("no datagram from the daemon in time");
        if String::from_utf8_lossy(&buf[..n]).contains(needle) {
            return before;
        }
        before += 1;
    }
}

/// Drops every datagram already waiting.
fn drain(socket: &UnixDatagram) {
    socket.set_nonblocking(true).unwrap();
    let mut buf = [0u8; 1024];
    while socket.recv(&mut buf).is_ok() {}
    socket.set_nonblocking(false).unwrap();
}

/// `upward status --json`, which exits 1 once a loop is stalled.
fn status_json(dir: &Path) -> serde_json::Value {
    let ran = run_in(dir, &["status", "-c", "program.toml", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let stalled = status["loops"]
        .as_array()
        .is_some_and(|l| l.iter().any(|l| l["state"] == "stalled"));
    assert_eq!(ran.code, Some(if stalled { 1 } else { 0 }), "{status:#}");
    status
}

/// Waits (at most 30 s) until `upward status --json` satisfies `done`.
fn wait_status(dir: &Path, done: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let status = status_json(dir);
        if done(&status) {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "status never got there: {status:#}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The loop `name` in a status object.
fn loop_of<'a>(status: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    status["loops"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["loop"] == name))
        .unwrap_or(&serde_json::Value::Null)
}

#[test]
fn systemd_hears_the_watchdog_while_every_loop_makes_progress_and_status_shows_the_loops() {
    let dir = example_program();
    let (mut d, socket) = start_watched(dir.path(), &[]);
    wait_datagram(&socket, "READY=1");
    d.wait_for("the watchdog is on");
    let started = Instant::now();
    for _ in 0..3 {
        wait_datagram(&socket, "WATCHDOG=1");
    }
    // Pings every 1.5 s: three of them take about 3 s (the first comes at once).
    assert!(started.elapsed() < Duration::from_secs(20));

    // Each loop's progress is written for `upward status` at start and after work.
    let status = wait_status(dir.path(), |s| {
        ["scheduler", "sender", "reader"]
            .iter()
            .all(|n| loop_of(s, n)["state"] == "waiting")
    });
    let names: Vec<&str> = status["loops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["loop"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["scheduler", "sender", "reader"], "{status:#}");
    for l in status["loops"].as_array().unwrap() {
        assert!(
            l["last_pass"].as_str().is_some_and(|t| t.starts_with("20")),
            "{l}"
        );
        assert!(l["updated_at"].as_str().is_some(), "{l}");
    }
    let text = run_in(dir.path(), &["status", "-c", "program.toml"]).expect_code(0);
    for name in ["scheduler", "sender", "reader"] {
        assert!(
            text.stdout.contains(&format!(
                "loop {name}: waiting for work; last pass ended 20"
            )),
            "{}",
            text.stdout
        );
    }
    assert!(!d.log_so_far().contains("stalled"), "{}", d.log_so_far());
    d.signal("TERM");
    wait_datagram(&socket, "STOPPING=1");
    assert_eq!(d.wait_exit(), Some(0));
}

#[test]
fn a_reader_stuck_in_a_pass_stops_the_watchdog_and_the_log_and_status_name_it() {
    let dir = example_program();
    let (mut d, socket) = start_watched(dir.path(), &[("UPWARD_TEST_STALL_ON", "X-Stall-Here")]);
    wait_datagram(&socket, "WATCHDOG=1");
    d.wait_for("reading replies from the Maildir");
    let inbox = dir.path().join("var/inbox");
    let raw = "From: someone@example.org\r\nTo: program@example.com\r\nSubject: hi\r\nMessage-ID: <stall@example.org>\r\nX-Stall-Here: yes\r\n\r\nhello\r\n";
    std::fs::write(inbox.join("tmp/1.stall.test"), raw).unwrap();
    std::fs::rename(
        inbox.join("tmp/1.stall.test"),
        inbox.join("new/1.stall.test"),
    )
    .unwrap();

    let line = d.wait_for("is stalled");
    assert!(line.contains("the inbound reader is stalled"), "{line}");
    assert!(
        line.contains("task=\"reader\"") || line.contains("task=reader"),
        "{line}"
    );
    assert!(line.contains("stuck in a pass since 20"), "{line}");
    // Pings sent before the stall was seen are in the socket already: none comes after.
    drain(&socket);
    socket
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = [0u8; 1024];
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        match socket.recv(&mut buf) {
            Ok(n) => {
                let said = String::from_utf8_lossy(&buf[..n]).into_owned();
                assert!(!said.contains("WATCHDOG=1"), "pinged while stalled: {said}");
            }
            Err(_) => break,
        }
    }
    // The other loops are fine; the reader is shown stalled.
    let status = wait_status(dir.path(), |s| loop_of(s, "reader")["state"] == "stalled");
    assert!(
        loop_of(&status, "reader")["busy_since"].is_string(),
        "{status:#}"
    );
    assert_eq!(loop_of(&status, "sender")["state"], "waiting", "{status:#}");
    let text = run_in(dir.path(), &["status", "-c", "program.toml"]).expect_code(1);
    assert!(
        text.stdout
            .contains("loop reader: STALLED, stuck in a pass since 20"),
        "{}",
        text.stdout
    );
    // The hung thread keeps the process from ending by itself: systemd would kill it.
    d.child.kill().unwrap();
}
