//! A database written by the previous release (schema 12, `tests/fixtures/upgrade/`) opens
//! in this one: every row is kept through migration 0013, the commands read it, the daemon
//! runs on it, and the checked columns refuse a word that is not theirs.

use std::path::Path;

use rusqlite::Connection;

use crate::util::{Daemon, example_program, repo, run_in};

/// Every row of every table but `schema_version`, as text, sorted per table.
fn rows(db: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let c = Connection::open(db).unwrap();
    let tables: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT IN ('schema_version', 'sqlite_sequence') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut rows: Vec<Vec<String>> = c
                .prepare(&format!("SELECT * FROM \"{table}\""))
                .unwrap()
                .query_map([], |r| {
                    Ok((0..r.as_ref().column_count())
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect())
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (table, rows)
        })
        .collect()
}

fn schema_version(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_database_of_the_previous_release_keeps_every_row_and_keeps_working() {
    let dir = example_program();
    let db = dir.path().join("var/upward.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::copy(repo().join("tests/fixtures/upgrade/schema-12.db"), &db).unwrap();
    assert_eq!(schema_version(&db), 12);
    let before = rows(&db);
    let total: usize = before.iter().map(|(_, r)| r.len()).sum();
    assert!(
        total > 400,
        "the fixture holds a program's weeks: {total} rows"
    );

    let status = run_in(dir.path(), &["status", "-c", "program.toml"]).expect_code(0);
    for line in [
        "participants: 23 active, 1 stopped",
        "active pairs: 11; sessions logged: 18",
        "outbox: 0 waiting, 105 sent, 0 failed",
        "inbound: 40 processed, 0 quarantined, 1 refused",
    ] {
        assert!(status.stdout.contains(line), "{line}:\n{}", status.stdout);
    }
    assert!(schema_version(&db) > 12, "the upgrade ran");
    // NOTE: later migrations add tables of their own, and columns after the old ones; the
    // old tables keep every row, and every row every value it had.
    let after: Vec<_> = rows(&db)
        .into_iter()
        .filter_map(|(t, rows)| {
            let width = before
                .iter()
                .find(|(b, _)| *b == t)?
                .1
                .first()
                .map_or(0, Vec::len);
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|mut r| {
                    r.truncate(width);
                    r
                })
                .collect();
            Some((t, rows))
        })
        .collect();
    assert_eq!(after, before, "every row of every table is kept");

    let sessions = run_in(dir.path(), &["export", "sessions", "-c", "program.toml"]).expect_code(0);
    assert_eq!(sessions.stdout.lines().count(), 19, "{}", sessions.stdout);

    // The daemon runs on the upgraded file: it catches up the jobs due since the fixture's
    // last day and queues their mail under the checked columns.
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    d.signal("TERM");
    assert_eq!(d.wait_exit(), Some(0));
    let c = Connection::open(&db).unwrap();
    let queued: i64 = c
        .query_row(
            "SELECT count(*) FROM outbox WHERE state <> 'sent'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(queued > 0, "the daemon queued the mail due since");
    for bad in [
        "UPDATE participants SET status = 'gone' WHERE id = 1",
        "UPDATE pairs SET status = 'finished' WHERE id = 1",
        "UPDATE outbox SET state = 'queued' WHERE id = 1",
        "UPDATE inbound SET classification = 'spam' WHERE id = 1",
    ] {
        let err = c.execute(bad, []).unwrap_err();
        assert!(
            err.to_string().contains("CHECK constraint failed"),
            "{bad}: {err}"
        );
    }
}
