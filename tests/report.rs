//! `upward status`, `report` and `export` on a real database.

use crate::util::{Daemon, example_program, run_in};

#[test]
fn status_report_and_export_read_the_database_the_daemon_made() {
    let dir = example_program();
    let missing = run_in(dir.path(), &["status", "-c", "program.toml"]).expect_code(1);
    assert!(
        missing.stderr.contains("no database at var/upward.db"),
        "{}",
        missing.stderr
    );

    // NOTE: a program that has not started yet, so the daemon's scheduler makes no round
    // and queues nothing while this test reads the database it leaves.
    let program = dir.path().join("program.toml");
    let text = std::fs::read_to_string(&program)
        .unwrap()
        .replace("start = 2026-11-02", "start = 2099-11-02")
        .replace("end = 2027-04-30", "end = 2100-04-30");
    std::fs::write(&program, text).unwrap();
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));

    let status = run_in(dir.path(), &["status", "-c", "program.toml"]).expect_code(0);
    assert!(
        status.stdout.contains("participants: 24 active"),
        "{}",
        status.stdout
    );
    assert!(
        status
            .stdout
            .contains("outbox: 0 waiting, 0 sent, 0 failed"),
        "{}",
        status.stdout
    );
    let json = run_in(dir.path(), &["status", "-c", "program.toml", "--json"]).expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["outbox_pending"], 0);

    let report = run_in(
        dir.path(),
        &[
            "report",
            "-c",
            "program.toml",
            "--since",
            "2026-11-02",
            "--until",
            "2026-11-08",
            "--format",
            "json",
        ],
    )
    .expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(v["period_from"], "2026-11-02");
    assert_eq!(v["period"]["sessions"], 0);
    assert_eq!(v["unmatched"].as_array().unwrap().len(), 24);

    let backwards = run_in(
        dir.path(),
        &[
            "report",
            "-c",
            "program.toml",
            "--since",
            "2026-11-09",
            "--until",
            "2026-11-08",
        ],
    )
    .expect_code(1);
    assert!(
        backwards.stderr.contains("is after --until"),
        "{}",
        backwards.stderr
    );

    let sessions = run_in(dir.path(), &["export", "sessions", "-c", "program.toml"]).expect_code(0);
    assert_eq!(
        sessions.stdout,
        "session_id,pair_id,mentor,mentee,date,minutes,topics,reports,retracted\n"
    );
    // The history of reports and changes, without notes and ratings under aggregate privacy.
    let history = run_in(dir.path(), &["export", "history", "-c", "program.toml"]).expect_code(0);
    assert_eq!(
        history.stdout,
        "history_id,at,pair_id,session_id,feedback_id,participant,role,kind,message_id,stated,changes\n"
    );
    let feedback = run_in(dir.path(), &["export", "feedback", "-c", "program.toml"]).expect_code(1);
    assert!(
        feedback
            .stderr
            .contains("keeps individual feedback from HR"),
        "{}",
        feedback.stderr
    );
}

/// The example program with its dates set to `start` and `end`.
fn dated(dir: &std::path::Path, start: &str, end: &str) {
    let program = dir.join("program.toml");
    let text: Vec<String> = std::fs::read_to_string(&program)
        .unwrap()
        .lines()
        .map(|line| {
            if line.starts_with("start = ") {
                format!("start = {start}")
            } else if line.starts_with("end = ") {
                format!("end = {end}")
            } else {
                line.to_string()
            }
        })
        .collect();
    std::fs::write(&program, text.join("\n") + "\n").unwrap();
}

#[test]
fn the_final_report_lists_every_pair_and_says_when_the_program_has_not_ended() {
    use upward::store::{NewPair, Report, Store};
    let dir = example_program();
    // A program that ended: Tom and Grace met twice (Grace cancelled once), Lea and Klaus
    // never did.
    dated(dir.path(), "2025-11-03", "2026-04-30");
    let config = upward::Config::load(&dir.path().join("program.toml")).unwrap();
    // NOTE: the store's path is relative to where the commands run: the program's folder.
    let db = dir.path().join(&config.store.path);
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let now = crate::schedule::utc("2026-01-20T09:00:00Z");
    let mut store = Store::open(&db).unwrap();
    store.sync_participants(&config.participants, now).unwrap();
    let pair = |m: &str, e: &str| NewPair {
        mentor: format!("{m}@acme.example"),
        mentee: format!("{e}@acme.example"),
        score: 10,
        reasons: "different departments".into(),
    };
    let round = store
        .create_round(
            "start",
            &[
                pair("tom.okafor", "grace.adeyemi"),
                pair("lea.fischer", "klaus.weber"),
            ],
            now,
        )
        .unwrap();
    let tom = store
        .participant_id("tom.okafor@acme.example")
        .unwrap()
        .unwrap();
    let grace = store
        .participant_id("grace.adeyemi@acme.example")
        .unwrap()
        .unwrap();
    for (who, day, met) in [
        (tom, "2025-11-10", true),
        (grace, "2025-12-01", false),
        (tom, "2026-01-12", true),
    ] {
        let report = Report {
            pair_id: round.pair_ids[0],
            participant_id: who,
            inbound_id: None,
            met: Some(met),
            date: day.parse().unwrap(),
            minutes: Some(45),
            topics: vec!["ai tools".into()],
            rating: met.then_some(5),
            notes: None,
            flagged: false,
            cancelled_by: (!met).then_some(upward::config::Role::Mentee),
        };
        store.record_report(&report, now).unwrap();
    }
    drop(store);

    let text = run_in(dir.path(), &["report", "--final", "-c", "program.toml"]).expect_code(0);
    let out = &text.stdout;
    assert!(
        out.starts_with("Acme Reverse Mentoring 2026-27: final report, 2025-11-03 to 2026-04-30\n"),
        "{out}"
    );
    assert!(!out.contains("has not ended"), "{out}");
    assert!(
        out.contains("Meetings: 2 (1.5 h); 1 of 2 pairs met at least once"),
        "{out}"
    );
    assert!(
        out.contains("  Tom Okafor & Grace Adeyemi (round 1): 2 meetings (1.5 h), 2025-11-10 to 2026-01-12; cancelled 0 by the mentor, 1 by the mentee"),
        "{out}"
    );
    assert!(
        out.contains("  Lea Fischer & Klaus Weber (round 1): 0 meetings (0 h)"),
        "{out}"
    );
    assert!(
        out.contains("  Engineering: 2 meetings (2 with its mentor, 2 with its mentee)"),
        "{out}"
    );
    // Two ratings, under the example's minimum of three: hidden.
    assert!(out.contains("Average rating: hidden (2 ratings"), "{out}");

    let json = run_in(
        dir.path(),
        &[
            "report",
            "--final",
            "--format",
            "json",
            "-c",
            "program.toml",
        ],
    )
    .expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["ended"], true);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 2);
    assert_eq!(v["pairs"][0]["pair"], "Lea Fischer & Klaus Weber");
    assert_eq!(v["pairs"][1]["sessions"], 2);
    assert_eq!(v["cancelled_by_mentee"], 1);
    assert!(v["ratings"]["average"].is_null());

    let both = run_in(
        dir.path(),
        &[
            "report",
            "--final",
            "--since",
            "2026-01-01",
            "-c",
            "program.toml",
        ],
    )
    .expect_code(2);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );

    // The same program, still running: the figures so far, and a word that it has not ended.
    dated(dir.path(), "2025-11-03", "2099-04-30");
    let running = run_in(dir.path(), &["report", "--final", "-c", "program.toml"]).expect_code(0);
    assert!(
        running.stdout.contains(
            "The program has not ended: it ends on 2099-04-30. These are the figures so far"
        ),
        "{}",
        running.stdout
    );
    assert!(
        running.stdout.contains("Meetings: 2 (1.5 h)"),
        "{}",
        running.stdout
    );
}

#[test]
fn status_says_the_quiet_days_one_prompt_a_day_and_when_the_first_hr_digest_goes() {
    let dir = example_program();
    dated(dir.path(), "2026-12-07", "2027-04-30");
    let program = dir.path().join("program.toml");
    let text = std::fs::read_to_string(&program)
        .unwrap()
        .replace(
            "timezone = \"Europe/London\"",
            "timezone = \"Europe/Berlin\"",
        )
        .replace("hr_digest = \"0 8 * * MON\"", "hr_digest = \"0 9 * * MON\"");
    std::fs::write(&program, text).unwrap();
    run_in(dir.path(), &["pair", "-c", "program.toml"]).expect_code(0);

    let status = |now: &str| {
        run_in(dir.path(), &["status", "-c", "program.toml", "--now", now])
            .expect_code(0)
            .stdout
    };
    // The program's first day: its Monday 09:00 digest would cover the week before.
    let out = status("2026-12-07T06:00:00Z");
    assert!(
        out.contains("first HR digest: Monday 2026-12-14 09:00 Europe/Berlin"),
        "{out}"
    );
    assert!(
        out.contains("quiet days after pairing: 13 (a new pair is first asked"),
        "{out}"
    );
    assert!(
        out.contains("the first round's pairs: Monday 2026-12-21 09:00 Europe/Berlin"),
        "the first prompts come a cadence after the first round: {out}"
    );
    assert!(
        out.contains("prompts: at most one email a person a day")
            && out.contains("at most one every 2 weeks"),
        "{out}"
    );

    // The digest job ran on the 14th: the next one is a week later.
    let mut store = upward::store::Store::open(&dir.path().join("var/upward.db")).unwrap();
    let ran: chrono::DateTime<chrono::Utc> = "2026-12-14T08:00:00Z".parse().unwrap();
    store.set_last_run("hr_digest", ran).unwrap();
    drop(store);
    let out = status("2026-12-14T10:00:00Z");
    assert!(
        out.contains("HR digest: Monday 2026-12-21 09:00 Europe/Berlin"),
        "{out}"
    );

    let over = status("2027-05-10T10:00:00Z");
    assert!(
        over.contains("HR digest: none any more, the program ends on 2027-04-30"),
        "{over}"
    );
    assert!(
        !over.contains("the first round's pairs"),
        "said only while ahead: {over}"
    );

    let json = run_in(
        dir.path(),
        &[
            "status",
            "-c",
            "program.toml",
            "--json",
            "--now",
            "2026-12-07T06:00:00Z",
        ],
    )
    .expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["rules"]["quiet_days_after_pairing"], 13);
    assert_eq!(v["rules"]["next_hr_digest"], "2026-12-21T08:00:00Z");
    assert_eq!(v["rules"]["hr_digest_is_first"], true);
    assert_eq!(v["hr_digests"], 0);
}
