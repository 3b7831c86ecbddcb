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
            "SELECT body FROM outbox WHERE kind = ?1 ORDER BY id DESC LIMIT 1",
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

#[test]
fn one_click_post_stops_the_person_get_and_forgeries_change_nothing() {
    let port = free_port();
    let dir = program(port);
    let d = dir.path();
    let (code, out) = run(d, &["pair"], "");
    assert_eq!(code, Some(0), "{out}");
    let (pair, person, email): (i64, i64, String) = db(d)
        .query_row(
            "SELECT p.id, e.id, e.email FROM pairs p JOIN participants e ON e.id = p.mentee_id
             WHERE p.status = 'active' ORDER BY p.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();

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
        "\n[unsubscribe]\nurl = \"http://mentoring.acme.example/u\"\nlisten = \"localhost\"\n",
    );
    std::fs::write(&path, text).unwrap();
    let (code, out) = run(dir.path(), &["check", "-c", "program.toml"], "");
    assert_ne!(code, Some(0), "{out}");
    assert!(out.contains("must be a plain https address"), "{out}");
    assert!(out.contains("not an address and port"), "{out}");
}
