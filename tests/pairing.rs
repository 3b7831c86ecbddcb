//! `upward pair` and the fixed-pair check of `upward check`, through the real binary on
//! the example program in a temporary directory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary copy of the example program (config/program.toml and its CSV).
fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
    for name in ["program.toml", "participants.csv"] {
        std::fs::copy(src.join(name), dir.path().join(name)).expect("copy example");
    }
    dir
}

fn upward(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_upward"))
        .args(args)
        .current_dir(dir)
        .env("UPWARD_LOG", "warn")
        .output()
        .expect("run upward")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pairs(json: &serde_json::Value) -> HashSet<(String, String)> {
    json["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| {
            (
                p["mentor"].as_str().unwrap_or_default().to_string(),
                p["mentee"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn db(dir: &Path) -> PathBuf {
    dir.join("var/upward.db")
}

#[test]
fn a_preview_of_the_example_explains_every_pair_and_stores_nothing() {
    let dir = example();
    let out = upward(
        dir.path(),
        &["pair", "-c", "program.toml", "--preview", "--explain"],
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.starts_with("preview (nothing stored): 12 pair(s), total score "),
        "{text}"
    );
    assert!(text.contains("MENTOR"), "{text}");
    assert!(text.contains("of shared working hours"), "{text}");
    // 13 mentor places (Sam takes two) for 12 mentees: one mentor is left, with why
    assert!(
        text.contains("are already paired up to their capacity"),
        "{text}"
    );
    assert!(
        !db(dir.path()).exists(),
        "a preview must not create the store"
    );
}

#[test]
fn no_pair_crosses_a_reporting_line_or_a_department() {
    let dir = example();
    let out = upward(
        dir.path(),
        &["pair", "-c", "program.toml", "--preview", "--json"],
    );
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let made = pairs(&json);
    assert_eq!(made.len(), 12);
    for (mentor, mentee) in [
        ("priya.raman@acme.example", "helen.mcbride@acme.example"),
        ("sam.whitfield@acme.example", "grace.adeyemi@acme.example"),
    ] {
        assert!(!made.contains(&(mentor.to_string(), mentee.to_string())));
    }
    for p in json["pairs"].as_array().expect("pairs") {
        assert_eq!(p["why"]["different_departments"], true, "{p}");
        assert!(p["reasons"].as_str().is_some_and(|r| !r.is_empty()));
    }
    assert_eq!(json["round"], serde_json::Value::Null);
    assert_eq!(json["unmatched"][0]["role"], "mentor");
}

#[test]
fn a_second_round_repeats_no_pair_and_ends_the_first() {
    let dir = example();
    let first = upward(dir.path(), &["pair", "-c", "program.toml", "--json"]);
    assert!(first.status.success(), "{first:?}");
    let first: serde_json::Value = serde_json::from_str(&stdout(&first)).expect("json");
    assert_eq!(first["round"], 1);
    assert!(db(dir.path()).exists());
    let second = upward(dir.path(), &["pair", "-c", "program.toml", "--json"]);
    assert!(second.status.success(), "{second:?}");
    let second: serde_json::Value = serde_json::from_str(&stdout(&second)).expect("json");
    assert_eq!(second["round"], 2);
    assert_eq!(
        second["ended"],
        first["pairs"].as_array().map_or(0, Vec::len)
    );
    let (a, b) = (pairs(&first), pairs(&second));
    assert!(!b.is_empty());
    assert!(a.is_disjoint(&b), "repeated: {:?}", a.intersection(&b));
    // a preview now sees both rounds as history
    let third = upward(
        dir.path(),
        &["pair", "-c", "program.toml", "--preview", "--json"],
    );
    let third: serde_json::Value = serde_json::from_str(&stdout(&third)).expect("json");
    let c = pairs(&third);
    assert!(c.is_disjoint(&a) && c.is_disjoint(&b));
}

/// Writes `fixed` (TOML) in place of the commented fixed pair of the example and returns
/// the line numbers of its `mentor = ` lines.
fn with_fixed(dir: &Path, fixed: &str) -> Vec<usize> {
    let path = dir.join("program.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let text = text.replace(
        "# [[pairing.fixed]]\n# mentor = \"priya.raman@acme.example\"\n# mentee = \"richard.hale@acme.example\"",
        fixed,
    );
    std::fs::write(&path, &text).expect("write");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("mentor = "))
        .map(|(i, _)| i + 1)
        .collect()
}

fn fixed(mentor: &str, mentee: &str) -> String {
    format!(
        "[[pairing.fixed]]\nmentor = \"{mentor}@acme.example\"\nmentee = \"{mentee}@acme.example\"\n"
    )
}

fn check_errors(dir: &Path) -> String {
    let out = upward(dir, &["check", "-c", "program.toml"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn check_accepts_a_possible_fixed_pair_and_pair_honours_it() {
    let dir = example();
    with_fixed(dir.path(), &fixed("priya.raman", "richard.hale"));
    let out = upward(dir.path(), &["check", "-c", "program.toml"]);
    assert!(out.status.success(), "{out:?}");
    let out = upward(
        dir.path(),
        &["pair", "-c", "program.toml", "--preview", "--json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let priya = json["pairs"]
        .as_array()
        .and_then(|ps| {
            ps.iter()
                .find(|p| p["mentor"] == "priya.raman@acme.example")
        })
        .expect("priya is paired");
    assert_eq!(priya["mentee"], "richard.hale@acme.example");
    assert_eq!(priya["fixed"], true);
}

#[test]
fn check_refuses_fixed_pairs_beyond_a_capacity_and_repeated_ones() {
    let dir = example();
    let lines = with_fixed(
        dir.path(),
        &format!(
            "{}{}",
            fixed("priya.raman", "richard.hale"),
            fixed("priya.raman", "klaus.weber")
        ),
    );
    let err = check_errors(dir.path());
    assert!(
        err.contains(&format!(
            "program.toml:{}:10: priya.raman@acme.example is in more fixed pairs than their capacity (1)",
            lines[1]
        )),
        "{err}"
    );
    let dir = example();
    let pair = fixed("priya.raman", "richard.hale");
    let lines = with_fixed(dir.path(), &format!("{pair}{pair}"));
    let err = check_errors(dir.path());
    assert!(
        err.contains(&format!(
            "program.toml:{}:10: fixed pair priya.raman@acme.example and richard.hale@acme.example is listed twice",
            lines[1]
        )),
        "{err}"
    );
}

#[test]
fn check_reports_an_impossible_fixed_pair_at_its_line_with_the_reason() {
    let dir = example();
    let line = with_fixed(dir.path(), &fixed("priya.raman", "helen.mcbride"))[0];
    let err = check_errors(dir.path());
    assert!(
        err.contains(&format!(
            "program.toml:{line}:10: fixed pair priya.raman@acme.example and helen.mcbride@acme.example is impossible: both are in Marketing; Priya Raman and Helen McBride are in the same reporting line (manager chain)"
        )),
        "{err}"
    );
    // pair refuses too, naming the pair
    let out = upward(dir.path(), &["pair", "-c", "program.toml", "--preview"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed pair"));
}

#[test]
fn a_round_with_no_possible_pair_is_not_stored() {
    let dir = example();
    let path = dir.path().join("program.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replace("min_level_gap = 3", "min_level_gap = 50"),
    )
    .expect("write");
    let out = upward(dir.path(), &["pair", "-c", "program.toml"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no pair can be made"));
    let out = upward(
        dir.path(),
        &["pair", "-c", "program.toml", "--preview", "--explain"],
    );
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("no eligible mentee among 12: 12 not at least 50 levels more senior"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fill_pairs_newcomers_and_leaves_every_current_pair_alone() {
    let dir = example();
    let first = upward(dir.path(), &["pair", "-c", "program.toml", "--json"]);
    assert!(first.status.success(), "{first:?}");
    let first: serde_json::Value = serde_json::from_str(&stdout(&first)).expect("json");
    let before = pairs(&first);
    // HR adds a mentor and a mentee mid-program.
    let csv = dir.path().join("participants.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str("Zoe New,zoe.new@acme.example,mentor,1,Design,,Europe/London,English,ai tools,career path,1,,09:00-17:00\n");
    text.push_str("Walter Late,walter.late@acme.example,mentee,8,Legal,,Europe/London,English,career path,ai tools,1,,09:00-17:00\n");
    std::fs::write(&csv, text).unwrap();
    let preview = upward(
        dir.path(),
        &[
            "pair",
            "-c",
            "program.toml",
            "--fill",
            "--preview",
            "--json",
        ],
    );
    assert!(preview.status.success(), "{preview:?}");
    let preview: serde_json::Value = serde_json::from_str(&stdout(&preview)).expect("json");
    assert_eq!(preview["round"], serde_json::Value::Null);
    let filled = upward(dir.path(), &["pair", "-c", "program.toml", "--fill"]);
    assert!(filled.status.success(), "{filled:?}");
    let text = stdout(&filled);
    assert!(text.contains("every current pair kept"), "{text}");
    let db = rusqlite::Connection::open(db(dir.path())).unwrap();
    let active: HashSet<(String, String)> = db
        .prepare(
            "SELECT m.email, e.email FROM pairs p JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id WHERE p.status = 'active'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(before.is_subset(&active), "every first-round pair goes on");
    let new: HashSet<_> = active.difference(&before).cloned().collect();
    assert_eq!(new, pairs(&preview), "the preview showed what was stored");
    assert!(
        new.iter()
            .any(|(m, e)| m == "zoe.new@acme.example" || e == "walter.late@acme.example"),
        "{new:?}"
    );
    let intros: i64 = db
        .query_row(
            "SELECT count(*) FROM outbox WHERE kind = 'intro'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        intros as usize,
        new.len(),
        "only the new pairs are introduced"
    );
    let ended: i64 = db
        .query_row(
            "SELECT count(*) FROM pairs WHERE status = 'ended'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ended, 0);
}
