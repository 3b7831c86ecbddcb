//! FORGET ME forgets: after a participant confirms it through the daemon (Maildir in, file
//! outbox out), their address and name are nowhere in the state directory (database, its
//! write-ahead log, the outbox files, the Maildir), the daemon's log or the exports, but in
//! the one email that tells them it is done.

use std::path::{Path, PathBuf};

use crate::ingest::{
    SECRET, command, count, deliver, drained, finish, pair_up, pairs, program, reply_to,
};
use crate::util::Daemon;

/// A message from `from` to `to`, as a mail client writes it.
fn mail(id: &str, from: &str, to: &str, body: &str) -> String {
    format!(
        "From: Jordan <{from}>\r\nTo: <{to}>\r\nSubject: Re: the program\r\nDate: Thu, 12 Nov 2026 18:04:00 +0000\r\nMessage-ID: <{id}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
        body.replace('\n', "\r\n")
    )
}

fn files_below(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_below(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The `Reply-To` address of the email of `kind` in `outbox` (its Message-ID starts with
/// the kind; the subject is in the reader's language).
fn reply_address_of(outbox: &Path, kind: &str) -> String {
    let mut files = Vec::new();
    files_below(outbox, &mut files);
    for file in files {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap())
            .replace("\r\n ", " ")
            .replace("\r\n\t", " ");
        if !text
            .lines()
            .any(|l| l.starts_with(&format!("Message-ID: <{kind}.")))
        {
            continue;
        }
        let line = text
            .lines()
            .find(|l| l.starts_with("Reply-To:"))
            .expect("a Reply-To header");
        let start = line.rfind('<').unwrap() + 1;
        let end = line.rfind('>').unwrap();
        return line[start..end].to_string();
    }
    panic!("no {kind} email in {}", outbox.display());
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let haystack = String::from_utf8_lossy(haystack).to_lowercase();
    haystack.contains(&needle.to_lowercase())
}

#[test]
fn after_forget_me_the_person_is_nowhere_in_the_state_the_log_or_the_exports() {
    let dir = program();
    let d = dir.path();
    pair_up(d);
    let a = pairs(d).remove(0);
    let (id, email) = a.mentor.clone();
    let name: String = crate::roundtrip::store(d)
        .query_row("SELECT name FROM participants WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();

    let mut daemon = Daemon::start_with_env(d, &[("UPWARD_SECRET", SECRET.as_ref())]);
    daemon.wait_for("reading replies from the Maildir");
    drained(d);
    // A report with their own words, then FORGET ME, both on their prompt's reply address.
    let to = reply_to(a.id, id);
    deliver(
        d,
        "1763000001.M1.test",
        &mail(
            "f1@example.net",
            &email,
            &to,
            &format!("Met: yes\nMinutes: 30\nRating: 5\nNotes: I am {name}, write to {email}"),
        ),
    );
    daemon.wait_for("drafted answers composed into the outbox");
    drained(d);
    deliver(
        d,
        "1763000002.M1.test",
        &mail("f2@example.net", &email, &to, "FORGET ME"),
    );
    daemon.wait_for("command waits for its confirmation");
    daemon.wait_for("drafted answers composed into the outbox");
    drained(d);
    assert_eq!(
        count(
            d,
            &format!("SELECT count(*) FROM participants WHERE email = '{email}'")
        ),
        1
    );
    // They confirm by answering the email that asked, as their mail client would.
    // The FORGET ME challenge, in the person's language.
    let confirm = reply_address_of(&d.join("var/outbox"), "challenge");
    deliver(
        d,
        "1763000003.M1.test",
        &mail("f3@example.net", &email, &confirm, "FORGET ME"),
    );
    daemon.wait_for("a forgotten person's mail copies deleted");
    daemon.wait_for("drafted answers composed into the outbox");
    drained(d);
    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    let log = daemon.log_so_far();
    assert_eq!(daemon.wait_exit(), Some(0));

    let mut exports = String::new();
    for args in [
        &["export", "sessions", "--format", "csv"][..],
        &["export", "pairs", "--format", "json"],
        &["report", "--format", "json"],
        &["status", "--json"],
    ] {
        let ran = finish(&mut command(d, args), b"");
        assert_eq!(ran.code, Some(0), "{args:?}: {}", ran.stderr);
        exports.push_str(&ran.stdout);
    }

    let mut files = Vec::new();
    files_below(&d.join("var"), &mut files);
    assert!(files.iter().any(|f| f.ends_with("upward.db")));
    let mut found = Vec::new();
    let mut final_notice = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        if !(contains(&bytes, &email) || contains(&bytes, &name)) {
            continue;
        }
        // The one email that tells them it is done goes to their address as it was (over
        // SMTP it leaves the machine; the file outbox is where it is delivered).
        // It is the one answer to a command they get (in their language, so found by kind).
        let answer = file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("command."));
        if file.starts_with(d.join("var/outbox")) && answer {
            final_notice += 1;
            continue;
        }
        found.push(file.display().to_string());
    }
    assert!(found.is_empty(), "{email} or {name} still in {found:?}");
    assert_eq!(final_notice, 1, "the person is told it is done");
    for (what, text) in [("the daemon's log", &log), ("the exports", &exports)] {
        assert!(
            !contains(text.as_bytes(), &email) && !contains(text.as_bytes(), &name),
            "{what} still name them:\n{text}"
        );
    }
    // HR's file still lists them: check says so, and how to fix it.
    let ran = finish(&mut command(d, &["check", "-c", "program.toml"]), b"");
    assert_eq!(ran.code, Some(1), "{}{}", ran.stdout, ran.stderr);
    assert!(
        ran.stderr
            .contains(&format!("{email} asked to be forgotten"))
            && ran
                .stderr
                .contains("remove them from the participants file"),
        "{}",
        ran.stderr
    );
    // What stays is anonymous: the session, the rating and the pair, by id.
    assert_eq!(count(d, "SELECT count(*) FROM sessions"), 1);
    assert_eq!(
        count(d, "SELECT count(*) FROM feedback WHERE rating = 5"),
        1
    );
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM forgotten WHERE address_sha256 LIKE 'k1:%'"
        ),
        1
    );
}
