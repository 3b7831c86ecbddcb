//! `upward backup`: a copy taken while the daemon reads a flood of replies holds everything
//! committed before it began, passes SQLite's integrity check and runs a restored program.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use crate::faults::{Run, count, deliver_replies, open, program, wait_until};
use crate::ingest::{command, finish};

/// Every inbound message's dedup key in the database at `db`.
fn inbound_keys(db: &Path) -> BTreeSet<String> {
    let c = open(db);
    let mut stmt = c.prepare("SELECT dedup_key FROM inbound").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_backup_during_a_flood_of_replies_holds_all_committed_before_it_and_restores() {
    const MESSAGES: usize = 6_000;
    const PAIRS: usize = 30;
    let dir = tempfile::tempdir().unwrap();
    let (db, inbox, pairs) = program(dir.path(), PAIRS, None);
    let run = Run::reading(dir.path());
    let flood = std::thread::spawn(move || {
        for start in (0..MESSAGES).step_by(100) {
            deliver_replies(&inbox, &pairs, start..start + 100);
            std::thread::sleep(Duration::from_millis(10));
        }
    });
    wait_until(120, "the first replies committed", || {
        count(&db, "SELECT count(*) FROM inbound") >= 500
    });

    // What is committed now must be in the copy; the daemon goes on committing meanwhile.
    let before = inbound_keys(&db);
    let sessions_before = count(&db, "SELECT count(*) FROM sessions");
    let ran = finish(
        &mut command(dir.path(), &["backup", "-c", "program.toml", "copy.db"]),
        b"",
    );
    assert_eq!(ran.code, Some(0), "{}{}", ran.stdout, ran.stderr);
    let after = count(&db, "SELECT count(*) FROM inbound");
    println!(
        "{} inbound rows before the backup, {after} right after it; {}",
        before.len(),
        ran.stdout.trim()
    );
    assert!(
        ran.stdout.contains("backed up var/upward.db to copy.db: "),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("integrity ok"), "{}", ran.stdout);
    assert!(ran.stdout.contains(" participants, "), "{}", ran.stdout);
    let copy = dir.path().join("copy.db");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the copy is private");
    }

    // A second backup to the same file is refused, unless forced.
    let again = finish(&mut command(dir.path(), &["backup", "copy.db"]), b"");
    assert_eq!(again.code, Some(1), "{}", again.stderr);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    flood.join().unwrap();
    wait_until(180, "every reply committed", || {
        count(&db, "SELECT count(*) FROM inbound") == MESSAGES as i64
    });

    // Restore into a fresh directory: the program file and the copy as its database.
    let fresh = tempfile::tempdir().unwrap();
    for f in ["program.toml", "participants.csv"] {
        std::fs::copy(dir.path().join(f), fresh.path().join(f)).unwrap();
    }
    std::fs::create_dir_all(fresh.path().join("var")).unwrap();
    let restored = fresh.path().join("var/upward.db");
    std::fs::copy(&copy, &restored).unwrap();
    let check: String = open(&restored)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let kept = inbound_keys(&restored);
    assert!(
        kept.len() < MESSAGES,
        "the backup was taken while replies were still arriving"
    );
    let missing: Vec<&String> = before.difference(&kept).collect();
    assert!(
        missing.is_empty(),
        "{} messages committed before the backup are missing from it, e.g. {:?}",
        missing.len(),
        missing.first()
    );
    assert!(count(&restored, "SELECT count(*) FROM sessions") >= sessions_before);
    let status = finish(&mut command(fresh.path(), &["status", "--json"]), b"");
    assert_eq!(status.code, Some(0), "{}", status.stderr);
    let status: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert!(
        status["inbound_processed"].as_i64().unwrap() > 0,
        "{status:#}"
    );

    // Forced, the copy is replaced by a newer one.
    let forced = finish(
        &mut command(dir.path(), &["backup", "--force", "copy.db"]),
        b"",
    );
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert!(inbound_keys(&copy).len() >= kept.len());
    assert_eq!(run.stop(), Some(0));
}

#[test]
fn a_backup_without_a_database_says_where_it_looked() {
    let dir = crate::util::example_program();
    let ran = crate::util::run_in(dir.path(), &["backup", "-c", "program.toml", "copy.db"]);
    let ran = ran.expect_code(1);
    assert!(
        ran.stderr.contains("no database at var/upward.db"),
        "{}",
        ran.stderr
    );
    assert!(!dir.path().join("copy.db").exists());
}

#[test]
fn a_large_backup_shows_its_progress_on_a_terminal_only() {
    let dir = crate::util::example_program();
    crate::util::run_in(dir.path(), &["pair", "-c", "program.toml"]).expect_code(0);
    // 30 MB of filler makes it large (progress shows from 16 MiB).
    let db = open(&dir.path().join("var/upward.db"));
    db.execute_batch("CREATE TABLE filler (b BLOB)").unwrap();
    for _ in 0..300 {
        db.execute("INSERT INTO filler VALUES (randomblob(100000))", [])
            .unwrap();
    }
    drop(db);
    let piped = crate::util::run_in(dir.path(), &["backup", "-c", "program.toml", "piped.db"]);
    let piped = piped.expect_code(0);
    assert!(!piped.stderr.contains("copying"), "{}", piped.stderr);
    let Some(shown) =
        crate::util::on_a_terminal(dir.path(), "backup -c program.toml on-a-terminal.db")
    else {
        return;
    };
    assert!(shown.contains("copying var/upward.db ["), "{shown}");
    assert!(shown.contains(" pages ("), "{shown}");
    assert!(shown.contains("integrity ok"), "{shown}");
}
