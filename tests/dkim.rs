//! DKIM as a receiver sees it: `upward check` prints each key's TXT record, `upward preview
//! --signed` prints the message as signed, and an independent verifier (dkimpy, through
//! `tests/dkimverify.py`, dkimpy's `dkimverify` with the records given instead of DNS) passes
//! both signatures of the untouched message and fails each after any header a receiver
//! shows or acts on is changed or added.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::util::{example_program, repo, run_in};

/// A Python that has dkimpy, or `None` (said on stderr; a failure under CI, which installs
/// it in `.ci/run`).
fn dkimpy() -> Option<&'static str> {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(python)
            .args(["-c", "import dkim, nacl"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(python);
        }
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "dkimpy is missing under CI: .ci/run must install it (apt-get install -y python3-dkim)"
    );
    eprintln!(
        "SKIPPED: dkimpy is not installed, so the DKIM signatures were NOT verified \
         (apt-get install -y python3-dkim)"
    );
    None
}

/// A program signing with an RSA key (PKCS#8) and an Ed25519 key (PKCS#8 PEM).
fn signing_program() -> tempfile::TempDir {
    let dir = example_program();
    let fixtures = repo().join("tests/fixtures/dkim");
    std::fs::copy(fixtures.join("rsa.pkcs8.pem"), dir.path().join("rsa.pem")).unwrap();
    std::fs::copy(fixtures.join("ed25519.pem"), dir.path().join("ed.pem")).unwrap();
    let mut toml = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("program.toml"))
        .unwrap();
    writeln!(
        toml,
        "\n[[dkim]]\nselector = \"rsa2027\"\nkey_file = \"rsa.pem\"\n\n[[dkim]]\nselector = \"ed2027\"\nkey_file = \"ed.pem\"\nalgorithm = \"ed25519\""
    )
    .unwrap();
    dir
}

/// The records `upward check` says to publish, as `NAME=TEXT` (the quoted strings joined).
fn published(dir: &Path) -> Vec<String> {
    let out = run_in(dir, &["check", "-c", "program.toml"]).expect_code(0);
    let records: Vec<String> = out
        .stdout
        .lines()
        .filter_map(|l| l.trim().split_once("  TXT "))
        .map(|(name, text)| {
            let joined: String = text
                .split('"')
                .skip(1)
                .step_by(2)
                .collect::<Vec<_>>()
                .concat();
            format!("{name}={joined}")
        })
        .collect();
    assert_eq!(records.len(), 2, "{}", out.stdout);
    assert!(
        records[0].starts_with("rsa2027._domainkey.acme.example=v=DKIM1; k=rsa; p=MII"),
        "{records:?}"
    );
    assert!(
        records[1].starts_with("ed2027._domainkey.acme.example=v=DKIM1; k=ed25519; p="),
        "{records:?}"
    );
    records
}

/// For each message, whether dkimpy passes each of its signatures (in order), in one run of
/// `tests/dkimverify.py`.
fn verify_all(python: &str, records: &[String], messages: &[&str]) -> Vec<Vec<bool>> {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<std::path::PathBuf> = (0..messages.len())
        .map(|i| dir.path().join(format!("{i}.eml")))
        .collect();
    for (file, m) in files.iter().zip(messages) {
        std::fs::write(file, m).unwrap();
    }
    let mut cmd = Command::new(python);
    cmd.arg(repo().join("tests/dkimverify.py"));
    for r in records {
        cmd.args(["--record", r]);
    }
    let out = cmd.args(&files).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "dkimverify.py: {said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    files
        .iter()
        .map(|f| {
            let prefix = format!("{} ", f.display());
            said.lines()
                .filter_map(|l| l.strip_prefix(&prefix))
                .map(|rest| rest.ends_with(" ok"))
                .collect()
        })
        .collect()
}

/// `message` with the first line starting `name:` replaced by `line`.
fn replace_header(message: &str, name: &str, line: &str) -> String {
    let start = message
        .find(&format!("\r\n{name}:"))
        .unwrap_or_else(|| panic!("no {name} in the message"))
        + 2;
    let mut end = start + message[start..].find("\r\n").unwrap() + 2;
    while message[end..].starts_with([' ', '\t']) {
        end += message[end..].find("\r\n").unwrap() + 2;
    }
    format!("{}{line}\r\n{}", &message[..start], &message[end..])
}

/// `message` with `line` added just above its first `before:` header.
fn add_header(message: &str, before: &str, line: &str) -> String {
    let at = message.find(&format!("\r\n{before}:")).unwrap() + 2;
    format!("{}{line}\r\n{}", &message[..at], &message[at..])
}

#[test]
fn both_signatures_pass_untouched_and_fail_when_any_shown_header_changes_or_is_added() {
    let dir = signing_program();
    let records = published(dir.path());
    let message = run_in(
        dir.path(),
        &["preview", "intro", "--signed", "-c", "program.toml"],
    )
    .expect_code(0)
    .stdout;
    assert_eq!(message.matches("DKIM-Signature:").count(), 2, "{message}");
    let Some(python) = dkimpy() else { return };

    let end_of_headers = message.find("\r\n\r\n").unwrap() + 2;
    let top_of_headers = message.find("\r\nFrom:").unwrap() + 2;
    let header = |m: &str, name: &str| -> String {
        let at = m.find(&format!("\r\n{name}:")).unwrap() + 2;
        m[at..at + m[at..].find("\r\n").unwrap()].to_string()
    };
    let date = header(&message, "Date");
    let reply_to = header(&message, "Reply-To");
    let unsubscribe = header(&message, "List-Unsubscribe");
    let still_pass: Vec<(&str, String)> = vec![
        ("untouched", message.clone()),
        (
            "a relay's Received header on top",
            format!(
                "{}Received: from mx.acme.example by mx.partner.example; Mon, 2 Nov 2026 09:00:01 +0000\r\n{}",
                &message[..top_of_headers],
                &message[top_of_headers..]
            ),
        ),
        (
            "whitespace folded otherwise (relaxed)",
            replace_header(
                &message,
                "Subject",
                &header(&message, "Subject").replace("Subject: ", "Subject:  \t"),
            ),
        ),
    ];
    // A header added on top of From, as a relay or list could: oversigning must catch each.
    let added = [
        ("a second Reply-To", "Reply-To: <mallory@evil.example>"),
        (
            "a second From above",
            "From: Mallory <mallory@evil.example>",
        ),
        ("a second Subject", "Subject: Your account is locked"),
        ("a Cc added", "Cc: mallory@evil.example"),
        ("a Sender added", "Sender: mallory@evil.example"),
        ("an In-Reply-To added", "In-Reply-To: <x@evil.example>"),
        ("a References added", "References: <x@evil.example>"),
        (
            "a List-Unsubscribe-Post added",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        ),
        (
            "a List-Post added",
            "List-Post: <mailto:mallory@evil.example>",
        ),
        ("a second Content-Type", "Content-Type: text/plain"),
    ];
    // A header changed in place: (case, header, its new line).
    let changed = [
        (
            "Reply-To changed",
            "Reply-To",
            reply_to.replace("mentoring+", "mallory+"),
        ),
        ("To changed", "To", "To: mallory@evil.example".into()),
        ("Date changed", "Date", date.replace("2026", "2027")),
        (
            "Message-ID changed",
            "Message-ID",
            "Message-ID: <x@evil.example>".into(),
        ),
        (
            "List-Unsubscribe changed",
            "List-Unsubscribe",
            unsubscribe.replace("mentoring+", "mallory+"),
        ),
        (
            "List-Id changed",
            "List-Id",
            "List-Id: <evil.example>".into(),
        ),
        (
            "MIME-Version changed",
            "MIME-Version",
            "MIME-Version: 1.1".into(),
        ),
        (
            "Auto-Submitted changed",
            "Auto-Submitted",
            "Auto-Submitted: no".into(),
        ),
    ];
    let mut broken: Vec<(&str, String)> = vec![
        (
            "a second From below",
            format!(
                "{}From: Mallory <mallory@evil.example>\r\n{}",
                &message[..end_of_headers],
                &message[end_of_headers..]
            ),
        ),
        (
            "Content-Type changed",
            message.replacen("multipart/alternative;", "multipart/mixed;", 1),
        ),
        (
            "the body changed",
            message.replacen("Welcome to", "Welcome back to", 1),
        ),
    ];
    broken.extend(
        added
            .iter()
            .map(|(case, line)| (*case, add_header(&message, "From", line))),
    );
    broken.extend(
        changed
            .iter()
            .map(|(case, name, line)| (*case, replace_header(&message, name, line))),
    );
    let cases: Vec<(&str, &String, bool)> = still_pass
        .iter()
        .map(|(case, m)| (*case, m, true))
        .chain(broken.iter().map(|(case, m)| (*case, m, false)))
        .collect();
    let messages: Vec<&str> = cases.iter().map(|(_, m, _)| m.as_str()).collect();
    let results = verify_all(python, &records, &messages);
    let mut wrong = Vec::new();
    for ((case, m, pass), signatures) in cases.iter().zip(&results) {
        assert!(
            *pass || *m != &message,
            "{case}: the tampering changed nothing"
        );
        assert_eq!(signatures.len(), 2, "{case}: two signatures");
        for (ok, algorithm) in signatures.iter().zip(["rsa", "ed25519"]) {
            if ok != pass {
                let should = if *pass { "pass" } else { "fail" };
                wrong.push(format!("{case} ({algorithm}): should {should}, did not"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn preview_signed_without_a_dkim_key_says_what_to_add() {
    let dir = example_program();
    let out = run_in(
        dir.path(),
        &["preview", "intro", "--signed", "-c", "program.toml"],
    )
    .expect_code(1);
    assert!(out.stderr.contains("no [dkim] key"), "{}", out.stderr);
    let plain = run_in(dir.path(), &["preview", "intro", "-c", "program.toml"]).expect_code(0);
    assert!(!plain.stdout.contains("DKIM-Signature"), "{}", plain.stdout);
}

/// `upward check --connect` in `dir` with only `path` on PATH (where `dig` is, or is not).
fn check_connect_with_path(dir: &Path, path: &Path) -> std::process::Output {
    crate::util::upward()
        .args(["check", "--connect", "-c", "program.toml"])
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .unwrap()
}

#[test]
fn check_connect_says_the_record_could_not_be_checked_without_dns_and_passes() {
    let dir = signing_program();
    // NOTE: a PATH without dig or host, as on a machine without bind9-dnsutils.
    let empty = tempfile::tempdir().unwrap();
    let out = check_connect_with_path(dir.path(), empty.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    for name in [
        "rsa2027._domainkey.acme.example",
        "ed2027._domainkey.acme.example",
    ] {
        assert!(
            stdout.contains(&format!(
                "dkim: {name}: the published record could not be checked (neither `dig` nor `host` is installed"
            )),
            "{stdout}"
        );
    }
}

#[test]
fn check_connect_compares_the_record_dig_finds_with_the_key() {
    let dir = signing_program();
    let records = published(dir.path());
    let bin = tempfile::tempdir().unwrap();
    // A `dig` that serves the RSA record as DNS would (two strings), and another key for
    // the Ed25519 selector.
    let rsa = records[0].split_once('=').unwrap().1;
    let (head, tail) = rsa.split_at(200);
    let script = format!(
        "#!/bin/sh\necho ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1'\ncase \"$*\" in\n*rsa2027*) printf 'rsa2027._domainkey.acme.example. 60\\tIN\\tTXT\\t\"{head}\" \"{tail}\"\\n' ;;\n*) printf 'ed2027._domainkey.acme.example. 60\\tIN\\tTXT\\t\"v=DKIM1; k=ed25519; p=AAAAC3NzaC1lZDI1NTE5AAAAIE\"\\n' ;;\nesac\n"
    );
    let dig = bin.path().join("dig");
    std::fs::write(&dig, script).unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(&dig, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = check_connect_with_path(dir.path(), bin.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("dkim: rsa2027._domainkey.acme.example: DNS serves this key"),
        "{stdout}"
    );
    assert!(
        stderr.contains("dkim: ed2027._domainkey.acme.example: DNS serves another key"),
        "{stderr}"
    );
}

#[test]
fn every_kind_of_email_is_signed_twice_over_one_header_list_verifies_and_fails_when_tampered() {
    let dir = signing_program();
    let records = published(dir.path());
    let mut messages = Vec::new();
    let mut lists = std::collections::BTreeSet::new();
    for kind in upward::outbound::EmailKind::ALL {
        let m = run_in(
            dir.path(),
            &["preview", kind.as_str(), "--signed", "-c", "program.toml"],
        )
        .expect_code(0)
        .stdout;
        let head = m[..m.find("\r\n\r\n").unwrap()].replace("\r\n\t", "");
        let names: Vec<String> = head
            .lines()
            .filter(|l| l.starts_with("DKIM-Signature:"))
            .map(|l| {
                let h = &l[l.find(" h=").unwrap() + 3..];
                let mut names: Vec<&str> = h[..h.find(';').unwrap()].split(':').collect();
                names.dedup();
                names.join(":")
            })
            .collect();
        assert_eq!(names.len(), 2, "{kind}: {head}");
        lists.extend(names);
        messages.push(m);
    }
    assert_eq!(
        lists.len(),
        1,
        "one list of header names for all: {lists:?}"
    );
    let Some(python) = dkimpy() else { return };
    // Each kind as sent, then with its Reply-To (the reply token) changed, then with a second
    // Subject added above the first.
    let mut all = Vec::new();
    for m in &messages {
        all.push(m.clone());
        all.push(replace_header(
            m,
            "Reply-To",
            "Reply-To: <mentoring+forged@acme.example>",
        ));
        all.push(add_header(
            m,
            "Subject",
            "Subject: Urgent: confirm your password",
        ));
    }
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let verified = verify_all(python, &records, &refs);
    for (kind, results) in upward::outbound::EmailKind::ALL
        .iter()
        .zip(verified.chunks(3))
    {
        assert_eq!(results[0], [true, true], "{kind} as sent");
        assert_eq!(results[1], [false, false], "{kind} with another Reply-To");
        assert_eq!(results[2], [false, false], "{kind} with a second Subject");
    }
}
