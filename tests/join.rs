//! Joining by email through the real binary: a JOIN piped to `upward ingest`, the
//! coordinator's signed APPROVE or DECLINE, then `upward export participants` (HR's file with
//! the approved joiner added, in its own columns) and the warning of `upward check` until HR
//! pastes it back.

use std::path::Path;

use upward::outbound::token::{Purpose, TokenClaims, TokenKey};

use crate::ingest::{SECRET, command, count, finish, pair_up, program, status};

const NOW: &str = "2026-11-10T10:00:00Z";

fn ingest(dir: &Path, raw: &str) {
    let ran = finish(
        &mut command(dir, &["ingest", "--now", NOW, "-"]),
        raw.as_bytes(),
    );
    assert_eq!(ran.code, Some(0), "{}{}", ran.stdout, ran.stderr);
}

fn mail(id: &str, from: &str, to: &str, body: &str) -> String {
    format!(
        "From: {from}\nTo: {to}\nSubject: joining\nDate: Tue, 10 Nov 2026 10:00:00 +0000\nMessage-ID: <{id}>\n\n{body}\n"
    )
}

/// The coordinator's reply address for join request `request`.
fn join_to(request: i64) -> String {
    let token = TokenKey::new(SECRET).sign(TokenClaims {
        pair: request as u64,
        person: 0,
        purpose: Purpose::Join,
    });
    format!("mentoring+{token}@acme.example")
}

/// `who` confirms, from their own mailbox, the request their JOIN made (no mail server
/// vouched for the JOIN): it goes to the coordinator.
fn confirm(dir: &Path, email: &str) -> i64 {
    let request = count(
        dir,
        &format!("SELECT id FROM join_requests WHERE email = '{email}'"),
    );
    assert_eq!(
        count(
            dir,
            &format!(
                "SELECT count(*) FROM outbox WHERE kind = 'join_confirm' AND recipient LIKE '%{email}%'"
            )
        ),
        1,
        "the person is asked first"
    );
    ingest(dir, &mail("c1@x", email, &join_to(request), "YES"));
    request
}

const FORM: &str = "JOIN\nRole: mentor\nDepartment: Customer Care\nLevel: 1\nTeaches: ai tools; short video\nLearns: career path\nLanguages: English\nTime zone: Europe/London\nHours: 09:00-17:30";

#[test]
fn a_join_approved_by_the_coordinator_is_exported_and_checked_until_hr_pastes_it_back() {
    let dir = program();
    let d = dir.path();
    pair_up(d);
    ingest(
        d,
        &mail(
            "j1@x",
            "Kim Park <kim.park@acme.example>",
            "mentoring@acme.example",
            FORM,
        ),
    );
    let request = confirm(d, "kim.park@acme.example");
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM outbox WHERE kind = 'join_request' AND recipient = 'people-programs@acme.example'"
        ),
        1
    );
    ingest(
        d,
        &mail(
            "a1@x",
            "people-programs@acme.example",
            &join_to(request),
            "APPROVE",
        ),
    );
    assert_eq!(status(d, "kim.park@acme.example"), "active");
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM outbox WHERE kind = 'join_approved' AND recipient = 'kim.park@acme.example'"
        ),
        1
    );

    let export = finish(&mut command(d, &["export", "participants"]), b"");
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    let lines: Vec<&str> = export.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "name,email,role,level,department,manager,timezone,languages,language,offers,wants,capacity,exclude,hours"
    );
    assert_eq!(lines.len(), 1 + 24 + 1, "{}", export.stdout);
    assert_eq!(
        lines[25],
        "Kim Park,kim.park@acme.example,mentor,1,Customer Care,,Europe/London,English,en,ai tools;short video,career path,1,,09:00-17:30"
    );

    // `check` warns (exit 0) while HR's file lacks her, and names her.
    let check = finish(&mut command(d, &["check"]), b"");
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check.stderr.contains(
            "warning: Kim Park <kim.park@acme.example> joined by email (approved) and is not in the participants file"
        ),
        "{}",
        check.stderr
    );
    // Once the export is pasted back, the file and the store agree.
    std::fs::write(d.join("participants.csv"), &export.stdout).unwrap();
    let check = finish(&mut command(d, &["check"]), b"");
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
}

#[test]
fn a_declined_join_stays_out_of_the_program_and_its_export() {
    let dir = program();
    let d = dir.path();
    ingest(
        d,
        &mail(
            "j1@x",
            "Lee Moss <lee.moss@acme.example>",
            "mentoring@acme.example",
            FORM,
        ),
    );
    let request = confirm(d, "lee.moss@acme.example");
    ingest(
        d,
        &mail(
            "d1@x",
            "people-programs@acme.example",
            &join_to(request),
            "DECLINE",
        ),
    );
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM join_requests WHERE status = 'declined'"
        ),
        1
    );
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM participants WHERE email = 'lee.moss@acme.example'"
        ),
        0
    );
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM outbox WHERE kind = 'join_declined' AND recipient = 'lee.moss@acme.example'"
        ),
        1
    );
    let export = finish(&mut command(d, &["export", "participants"]), b"");
    assert_eq!(export.code, Some(0), "{}", export.stderr);
    assert!(!export.stdout.contains("lee.moss"), "{}", export.stdout);
    let check = finish(&mut command(d, &["check"]), b"");
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
}

/// Delivers `raw` into the program's Maildir as a mail server does.
fn deliver(d: &Path, name: &str, raw: &str) {
    crate::daemon::deliver_into(&d.join("var/inbox"), name, raw);
}

#[test]
fn the_running_daemon_pairs_someone_the_coordinator_approved() {
    use crate::roundtrip::{count as db_count, store, wait_until};
    let dir = program();
    let d = dir.path();
    // The first round leaves Aiko, a mentor, alone: Kim, a senior mentee, fits her.
    pair_up(d);
    let secret = std::ffi::OsString::from(SECRET);
    let mut daemon = crate::util::Daemon::start_with_env(d, &[("UPWARD_SECRET", &secret)]);
    daemon.wait_for("upward is running");
    let form = "JOIN\nRole: mentee\nDepartment: Customer Care\nLevel: 8\nLearns: ai tools\nTeaches: career path";
    deliver(
        d,
        "join",
        &mail(
            "j1@x",
            "Kim Park <kim.park@acme.example>",
            "mentoring@acme.example",
            form,
        ),
    );
    wait_until(60, "the request stored", || {
        db_count(&store(d), "SELECT count(*) FROM join_requests") == 1
    });
    let request = db_count(&store(d), "SELECT id FROM join_requests");
    deliver(
        d,
        "confirm",
        &mail("c1@x", "kim.park@acme.example", &join_to(request), "YES"),
    );
    wait_until(60, "the request confirmed", || {
        db_count(
            &store(d),
            "SELECT count(*) FROM join_requests WHERE status = 'pending'",
        ) == 1
    });
    deliver(
        d,
        "approve",
        &mail(
            "a1@x",
            "people-programs@acme.example",
            &join_to(request),
            "APPROVE",
        ),
    );
    daemon.wait_for("someone was approved to join; reloading to pair them");
    daemon.wait_for("new participants paired; every current pair kept");
    let db = store(d);
    assert_eq!(
        db_count(
            &db,
            "SELECT count(*) FROM pairs p JOIN participants a ON a.id = p.mentor_id
               JOIN participants b ON b.id = p.mentee_id
              WHERE p.status = 'active' AND a.email = 'aiko.tanaka@acme.example'
                AND b.email = 'kim.park@acme.example'"
        ),
        1,
        "{}",
        daemon.log_so_far()
    );
    assert_eq!(
        db_count(
            &db,
            "SELECT count(*) FROM outbox WHERE kind = 'join_approved'"
        ),
        1
    );
    daemon.signal("TERM");
    assert_eq!(daemon.wait_exit(), Some(0));
}
