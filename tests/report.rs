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
