//! R18: bounce scoring with real bounces. Delivery reports from the sisimai set, readdressed
//! to one participant, are fed through `upward ingest` over simulated days: hard bounces
//! count at most once a day, delayed and policy reports count nothing, nor does a report that
//! returns no email we sent (security review, finding 7), the address is
//! disabled (not deleted) on the third day, every report is kept for the admin, the HR
//! figures list the address, and `upward reenable` brings it back.

use std::path::{Path, PathBuf};

use crate::outage::db;
use crate::util::{Daemon, run_in};

const WHO: &str = "mentee0@example.com";

fn sisimai(name: &str) -> PathBuf {
    crate::util::repo()
        .join("../shared/corpus/mime/sisimai-set-of-emails/bsd")
        .join(name)
}

/// `name` from the sisimai set with its failed recipient(s) replaced by [`WHO`], its
/// Message-ID made unique by `n` (the same report twice would be a duplicate), and the
/// returned message's Message-ID replaced by `sent`'s, an email we sent to [`WHO`] (a report
/// without our VERP token counts only for an email we sent).
fn readdressed(dir: &Path, name: &str, recipients: &[&str], n: usize, sent: &str) -> PathBuf {
    let mut text = String::from_utf8_lossy(&std::fs::read(sisimai(name)).unwrap()).into_owned();
    for r in recipients {
        assert!(text.contains(r), "{name} does not name {r}");
        text = text.replace(r, WHO);
    }
    let split = text
        .find("\n\n")
        .or_else(|| text.find("\r\n\r\n"))
        .unwrap_or(text.len());
    let (head, body) = text.split_at(split);
    let head = regex::Regex::new(r"(?im)^message-id:")
        .unwrap()
        .replace(head, "X-Old-Message-ID:");
    let returned = regex::Regex::new(r"(?im)^message-id:[ \t]*<[^>]*>").unwrap();
    assert!(returned.is_match(body), "{name} returns no Message-ID");
    let text = format!(
        "{head}{}",
        returned.replace_all(body, format!("Message-ID: {sent}"))
    );
    let text = format!("Message-ID: <feed{n}.{name}@test>\n{text}");
    let path = dir.join(format!("feed{n}.eml"));
    std::fs::write(&path, text).unwrap();
    path
}

fn state(db_path: &Path) -> (i64, bool, String) {
    db(db_path)
        .query_row(
            "SELECT bounce_score, bouncing, status FROM participants WHERE email = ?1",
            [WHO],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

#[test]
fn sisimai_bounces_over_days_disable_an_address_at_the_threshold_and_hr_can_re_enable_it() {
    if !sisimai("rfc3464-01.eml").exists() {
        eprintln!("skipped: the sisimai corpus is not beside the repository");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // No relay: the intros go to the file outbox. The daemon sets up the store and key.
    crate::outage::program(dir.path(), None, 2, "");
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    let db_path = dir.path().join("var/upward.db");

    let hard_a = ("rfc3464-01.eml", &["userunknown@bouncehammer.jp"][..]); // 5.1.1
    let hard_b = ("rfc3464-26.eml", &["kijitora@example.or.jp"][..]); // 5.1.1
    let delayed = (
        "rfc3464-09.eml",
        &[
            "kijitora-cat@mx4.gr3.example.jp",
            "kijitora-nyaaaaaan@example.co.jp",
        ][..],
    ); // delayed, 4.3.0
    let policy = ("rfc3464-08.eml", &["kijitora@example.net"][..]); // 5.7.1
    // (day, time, report, expected score after it, disabled after it)
    let feed = [
        ("2027-03-01", "09:00", hard_a, 1, false),
        ("2027-03-01", "17:30", hard_b, 1, false),
        ("2027-03-02", "08:00", delayed, 1, false),
        ("2027-03-02", "10:00", policy, 1, false),
        ("2027-03-03", "09:00", hard_b, 2, false),
        ("2027-03-03", "23:59", hard_a, 2, false),
        // Forged: it returns no email we sent (see below), so it scores nothing on a new day.
        ("2027-03-04", "09:00", hard_a, 2, false),
        ("2027-03-05", "07:00", hard_a, 3, true),
        ("2027-03-06", "07:00", hard_b, 4, true),
    ];
    let sent: String = db(&db_path)
        .query_row(
            "SELECT message_id FROM outbox WHERE recipient LIKE '%' || ?1 || '%' LIMIT 1",
            [WHO],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("no email to {WHO} queued: {e}"));
    for (n, (day, time, (name, recipients), score, disabled)) in feed.iter().enumerate() {
        let returned = if *day == "2027-03-04" {
            "<made.up@evil.example>"
        } else {
            sent.as_str()
        };
        let file = readdressed(dir.path(), name, recipients, n, returned);
        let now = format!("{day}T{time}:00Z");
        let ran = run_in(
            dir.path(),
            &[
                "ingest",
                "-c",
                "program.toml",
                "--now",
                &now,
                file.to_str().unwrap(),
            ],
        )
        .expect_code(0);
        let (got, off, status) = state(&db_path);
        eprintln!("bounce feed {now} {name}: score {got}, disabled {off}");
        assert_eq!(
            (got, off),
            (*score, *disabled),
            "after {name} at {now}: {}",
            ran.stderr
        );
        assert_eq!(status, "active", "the participant is kept");
    }
    let c = db(&db_path);
    let kept: i64 = c
        .query_row(
            "SELECT count(*) FROM inbound WHERE classification IN ('bounce', 'delayed')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let with_raw: i64 = c
        .query_row(
            "SELECT count(*) FROM inbound WHERE classification = 'bounce' AND raw IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let disabled_events: i64 = c
        .query_row(
            "SELECT count(*) FROM events WHERE kind = 'bouncing' AND subject = ?1",
            [WHO],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    eprintln!(
        "bounce feed: {} reports, {kept} recorded, {with_raw} failures kept whole for the admin, disabled {disabled_events} time(s)",
        feed.len()
    );
    assert_eq!(kept as usize, feed.len());
    assert_eq!(
        with_raw as usize,
        feed.len() - 1,
        "every failure report is kept"
    );
    assert_eq!(disabled_events, 1);

    // HR sees it, and re-enables it.
    let report = run_in(
        dir.path(),
        &[
            "report",
            "-c",
            "program.toml",
            "--since",
            "2027-03-01",
            "--until",
            "2027-03-07",
        ],
    );
    let report = report.expect_code(0);
    assert!(
        report
            .stdout
            .contains(&format!("bouncing addresses: {WHO}")),
        "{}",
        report.stdout
    );
    let ran = run_in(
        dir.path(),
        &["reenable", "-c", "program.toml", "MENTEE0@example.com"],
    )
    .expect_code(0);
    assert!(
        ran.stdout
            .contains("re-enabled (was disabled, bounce score 4)"),
        "{}",
        ran.stdout
    );
    assert_eq!(state(&db_path), (0, false, "active".to_string()));
    run_in(
        dir.path(),
        &["reenable", "-c", "program.toml", "nobody@example.com"],
    )
    .expect_code(1);
}
