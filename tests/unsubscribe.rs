//! R17: one-click unsubscribe (RFC 8058) through the real daemon's listener and a real store.
//! An email to one person carries both headers (and the intro, sent to both partners, only
//! the mailto one); GET shows a confirmation page and changes nothing; a forged token gets a
//! 400 and changes nothing; POST `List-Unsubscribe=One-Click` stops the person with a 200 and
//! no redirect, once however often it is sent.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use mail_parser::MessageParser;
use upward::outbound::token::{Purpose, TokenClaims, TokenKey};

use crate::util::{Daemon, example_program, upward};

const SECRET: &str = "a test secret for one-click unsubscribe";

/// A port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The example program with a secret from the environment and `[unsubscribe]` on `port`.
fn program(port: u16) -> tempfile::TempDir {
    let dir = example_program();
    let path = dir.path().join("program.toml");
    let mut text = std::fs::read_to_string(&path).unwrap().replace(
        "# secret_env = \"UPWARD_SECRET\"",
        "secret_env = \"UPWARD_SECRET\"",
    );
    assert!(text.contains("\nsecret_env = "));
    text.push_str(&format!(
        "\n[unsubscribe]\nurl = \"https://mentoring.acme.example/unsubscribe/\"\nlisten = \"127.0.0.1:{port}\"\n"
    ));
    std::fs::write(&path, text).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str], input: &str) -> (Option<i32>, String) {
    let mut child = upward()
        .args(args)
        .current_dir(dir)
        .env("UPWARD_SECRET", SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn db(dir: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(dir.join("var/upward.db")).unwrap();
    c.busy_timeout(Duration::from_secs(10)).unwrap();
    c
}

fn count(dir: &Path, sql: &str) -> i64 {
    db(dir)
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn status(dir: &Path, id: i64) -> String {
    db(dir)
        .query_row("SELECT status FROM participants WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

/// The headers `name` of the newest queued email of `kind`, unfolded as a client reads them.
fn headers(dir: &Path, kind: &str, name: &str) -> Vec<String> {
    let body: Vec<u8> = db(dir)
        .query_row(
            "SELECT b.body FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id WHERE o.kind = ?1 ORDER BY o.id DESC LIMIT 1",
            [kind],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("no {kind} queued: {e}"));
    let message = MessageParser::default().parse(&body).unwrap();
    message
        .headers_raw()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.replace("\r\n", "").trim().to_string())
        .collect()
}

/// One HTTP/1.1 request; returns the status code, the headers and the body.
fn http(port: u16, method: &str, path: &str, body: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: mentoring.acme.example\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, head.to_string(), body.to_string())
}

/// Stores a round of pairs; returns the first pair's id and its mentee's id and address.
fn pair_up(d: &Path) -> (i64, i64, String) {
    let (code, out) = run(d, &["pair"], "");
    assert_eq!(code, Some(0), "{out}");
    db(d)
        .query_row(
            "SELECT p.id, e.id, e.email FROM pairs p JOIN participants e ON e.id = p.mentee_id
             WHERE p.status = 'active' ORDER BY p.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[test]
fn one_click_post_stops_the_person_get_and_forgeries_change_nothing() {
    let port = free_port();
    let dir = program(port);
    let d = dir.path();
    let (pair, person, email) = pair_up(d);

    // A HELP from the mentee: the answer names one person, so it offers one-click.
    let key = TokenKey::new(SECRET);
    let reply = key.sign(TokenClaims {
        pair: pair as u64,
        person: person as u64,
        purpose: Purpose::Reply,
    });
    let help = format!(
        "From: {email}\r\nTo: <mentoring+{reply}@acme.example>\r\nSubject: Re: hello\r\nDate: Thu, 12 Nov 2026 18:04:00 +0000\r\nMessage-ID: <help.1@example.net>\r\n\r\nHELP\r\n"
    );
    let (code, out) = run(d, &["ingest", "--now", "2026-11-12T20:00:00Z", "-"], &help);
    assert_eq!(code, Some(0), "{out}");
    let unsubscribe = headers(d, "command", "List-Unsubscribe");
    let post = headers(d, "command", "List-Unsubscribe-Post");
    eprintln!("List-Unsubscribe: {unsubscribe:?}; List-Unsubscribe-Post: {post:?}");
    assert_eq!(post, ["List-Unsubscribe=One-Click"]);
    let value = unsubscribe.first().cloned().unwrap_or_default();
    let url = value
        .split(',')
        .map(|u| u.trim().trim_start_matches('<').trim_end_matches('>'))
        .find(|u| u.starts_with("https://"))
        .unwrap_or_else(|| panic!("no https URI in {value}"))
        .to_string();
    assert!(value.contains("<mailto:mentoring+"), "{value}");
    let path = url
        .strip_prefix("https://mentoring.acme.example")
        .unwrap()
        .to_string();
    assert!(path.starts_with("/unsubscribe/"), "{url}");

    let mut daemon = Daemon::start_with_env(d, &[("UPWARD_SECRET", SECRET.as_ref())]);
    daemon.wait_for("one-click unsubscribe requests are served");
    // The introduction goes to both partners: a click could not say who, so mailto only.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while count(d, "SELECT count(*) FROM outbox WHERE kind = 'intro'") == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "no introduction queued"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(headers(d, "intro", "List-Unsubscribe-Post").is_empty());
    assert!(headers(d, "intro", "List-Unsubscribe")[0].starts_with("<mailto:"));

    // GET: a page with the button, nothing changed.
    let (code, head, body) = http(port, "GET", &path, "");
    assert_eq!(code, 200, "{head}");
    assert!(body.contains("<form method=\"post\""), "{body}");
    assert_eq!(status(d, person), "active");

    // A forged token (its last character changed), a reply token, no token: 400.
    let mut forged = path.clone();
    let last = if forged.ends_with('a') { "b" } else { "a" };
    forged.replace_range(forged.len() - 1.., last);
    for bad in [
        forged.as_str(),
        &format!("/unsubscribe/{reply}"),
        "/unsubscribe/",
    ] {
        let (code, head, _) = http(port, "POST", bad, "List-Unsubscribe=One-Click");
        assert_eq!(code, 400, "{bad}: {head}");
    }
    // The right token without the one-click body: 400.
    let (code, _, _) = http(port, "POST", &path, "something=else");
    assert_eq!(code, 400);
    assert_eq!(status(d, person), "active");

    // The one-click POST: 200, no redirect, the person stopped, STOP's answer queued.
    let answers = |d: &Path| {
        count(
            d,
            &format!(
                "SELECT count(*) FROM outbox WHERE kind = 'command' AND recipient = '{email}'"
            ),
        )
    };
    let before = answers(d);
    let (code, head, body) = http(port, "POST", &path, "List-Unsubscribe=One-Click");
    assert_eq!(code, 200, "{head}\n{body}");
    assert!(!head.to_lowercase().contains("\nlocation:"), "{head}");
    assert_eq!(status(d, person), "stopped");
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM inbound WHERE source = 'one-click' AND status = 'processed'"
        ),
        1
    );
    assert_eq!(answers(d), before + 1);

    // Clicked again: still 200, nothing more done or sent.
    let (code, _, _) = http(port, "POST", &path, "List-Unsubscribe=One-Click");
    assert_eq!(code, 200);
    assert_eq!(answers(d), before + 1);
    assert_eq!(
        count(d, "SELECT count(*) FROM inbound WHERE source = 'one-click'"),
        1
    );
    eprintln!(
        "one-click: GET 200, 4 bad requests 400, POST 200 stopped person {person}, repeat 200 with nothing new"
    );

    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));
}

#[test]
fn a_taken_unsubscribe_port_stops_the_start_with_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = program(port);
    let (code, out) = run(dir.path(), &["run", "-c", "program.toml"], "");
    assert_ne!(code, Some(0), "{out}");
    assert!(
        out.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{out}"
    );
    assert!(out.contains("[unsubscribe] listen"), "{out}");
}

#[test]
fn check_explains_a_bad_unsubscribe_section() {
    let dir = example_program();
    let path = dir.path().join("program.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[unsubscribe]\nurl = \"http://mentoring.acme.example/u\"\nlisten = \"localhost\"\nmax_connections = 0\ntimeout_seconds = 3600\n",
    );
    std::fs::write(&path, text).unwrap();
    let (code, out) = run(dir.path(), &["check", "-c", "program.toml"], "");
    assert_ne!(code, Some(0), "{out}");
    assert!(out.contains("must be a plain https address"), "{out}");
    assert!(out.contains("not an address and port"), "{out}");
    assert!(
        out.contains("`unsubscribe.max_connections` = 0 is out of range"),
        "{out}"
    );
    assert!(
        out.contains("`unsubscribe.timeout_seconds` = 3600 is out of range"),
        "{out}"
    );
}

/// What a connection the listener closes by itself yields: its bytes up to the close (a
/// reset counts as closed), or `None` if it is still open after `wait`.
fn read_until_closed(stream: &mut TcpStream, wait: Duration) -> Option<String> {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Some(String::from_utf8_lossy(&got).into_owned()),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None;
            }
            Err(_) => return Some(String::from_utf8_lossy(&got).into_owned()),
        }
    }
}

/// Security review, finding 4: stalled clients cannot choke the listener nor starve the
/// daemon of open files. Under a limit of 300 open files (soft = hard), the listener serves
/// at most 150 connections (half the limit is kept for the rest of the daemon); 320 stalled
/// connections on loopback (more than the daemon could hold at all): the 170 over the cap
/// get a 503 and are closed at once, the 150 held are closed after the 5 s header or body
/// timeout (408 for a late body), mail dropped into the Maildir meanwhile is read, and a
/// real one-click POST then stops its person.
#[test]
fn stalled_connections_are_timed_out_or_refused_and_starve_neither_one_click_nor_mail() {
    let port = free_port();
    let dir = program(port);
    let d = dir.path();
    let path_toml = d.join("program.toml");
    let mut text = std::fs::read_to_string(&path_toml).unwrap();
    text.push_str("max_connections = 1000\ntimeout_seconds = 5\n");
    std::fs::write(&path_toml, text).unwrap();
    let (pair, person, email) = pair_up(d);
    let key = TokenKey::new(SECRET);
    let sign = |purpose| {
        key.sign(TokenClaims {
            pair: pair as u64,
            person: person as u64,
            purpose,
        })
    };
    let path = format!("/unsubscribe/{}", sign(Purpose::Unsubscribe));

    let mut cmd = std::process::Command::new("sh");
    cmd.args([
        "-c",
        "ulimit -n 300 && exec \"$0\" run -c program.toml",
        env!("CARGO_BIN_EXE_upward"),
    ])
    .env_remove("UPWARD_LOG")
    .env("UPWARD_SECRET", SECRET)
    .current_dir(d);
    let mut daemon = Daemon::spawn(cmd);
    let served = daemon.wait_for("one-click unsubscribe requests are served");
    assert!(served.contains("max_connections=150"), "{served}");
    assert!(served.contains("open_files=300"), "{served}");

    // 150 stalled connections fill the cap: half stop inside the headers, half after the
    // headers of a POST whose body never comes.
    let start = std::time::Instant::now();
    let mut held = Vec::new();
    for i in 0..150 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        if i % 2 == 0 {
            write!(
                s,
                "POST {path} HTTP/1.1\r\nHost: mentoring.acme.example\r\n"
            )
            .unwrap();
        } else {
            write!(
                s,
                "POST {path} HTTP/1.1\r\nHost: mentoring.acme.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\n\r\n"
            )
            .unwrap();
        }
        held.push(s);
    }
    // 170 more: each is told 503 and closed at once.
    let mut refused = 0;
    for _ in 0..170 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let got = read_until_closed(&mut s, Duration::from_secs(2))
            .unwrap_or_else(|| panic!("a connection over the cap was left open"));
        assert!(got.is_empty() || got.starts_with("HTTP/1.1 503"), "{got}");
        refused += 1;
    }
    let flooded = start.elapsed();
    assert!(
        flooded < Duration::from_secs(5),
        "the flood took {flooded:?}, longer than the timeout: the test proves nothing"
    );

    // The reader still reads mail while the listener is flooded.
    let reply = sign(Purpose::Reply);
    let help = format!(
        "From: {email}\r\nTo: <mentoring+{reply}@acme.example>\r\nSubject: Re: hello\r\nDate: Thu, 12 Nov 2026 18:04:00 +0000\r\nMessage-ID: <flood.1@example.net>\r\n\r\nHELP\r\n"
    );
    let inbox = d.join("var/inbox");
    let name = "1763000000.M1P1.flood";
    std::fs::write(inbox.join("tmp").join(name), help).unwrap();
    std::fs::rename(inbox.join("tmp").join(name), inbox.join("new").join(name)).unwrap();

    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while count(
        d,
        "SELECT count(*) FROM inbound WHERE message_id = 'flood.1@example.net' AND status = 'processed'",
    ) == 0
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the mail was not read; log:\n{}",
            daemon.log_so_far()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let read_after = start.elapsed();
    // Read while the listener was still full: the last held connection is still open.
    let last = held.last_mut().unwrap();
    last.set_nonblocking(true).unwrap();
    let still_open = matches!(
        last.peek(&mut [0u8; 1]),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
    );
    last.set_nonblocking(false).unwrap();
    assert!(
        still_open,
        "the mail was read only after the stalled connections were closed ({read_after:?})"
    );

    // The held connections are closed by the timeouts: 408 for the late bodies.
    let mut late_bodies = 0;
    for (i, mut s) in held.into_iter().enumerate() {
        let got = read_until_closed(&mut s, Duration::from_secs(10))
            .unwrap_or_else(|| panic!("stalled connection {i} still open after the timeout"));
        if i % 2 == 1 {
            assert!(got.starts_with("HTTP/1.1 408"), "connection {i}: {got}");
            late_bodies += 1;
        }
    }
    let closed_after = start.elapsed();
    assert!(
        closed_after < Duration::from_secs(20),
        "closed after {closed_after:?}"
    );

    // A real one-click POST now works.
    let (code, head, body) = http(port, "POST", &path, "List-Unsubscribe=One-Click");
    assert_eq!(code, 200, "{head}\n{body}");
    assert_eq!(status(d, person), "stopped");
    let log = daemon.log_so_far();
    assert!(!log.to_lowercase().contains("too many open files"), "{log}");
    assert!(log.contains("at its connection cap"), "{log}");
    eprintln!(
        "flood: 150 held, {refused} refused with 503 in {flooded:?}; mail read after {read_after:?} while they were held; held ones closed by {closed_after:?} ({late_bodies} with 408); one-click 200"
    );

    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));
}
