//! `upward check`: the example passes; each bad config gets its exact problems and places.

use std::path::Path;

use crate::util::{repo, run_in, upward};

#[test]
fn the_example_program_passes_check() {
    let out = upward()
        .args(["check", "-c", "config/program.toml"])
        .current_dir(repo())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("participants: 24 (12 mentors, 12 mentees)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("outbound: file outbox var/outbox"),
        "{stdout}"
    );
}

/// Every `tests/bad_configs/NAME.toml` must fail `check` with exactly `NAME.expected` on
/// stderr. A mismatch writes `NAME.failed` beside it. `UPWARD_BLESS=1` rewrites the
/// expectations (review the diff before committing).
#[test]
fn each_bad_config_reports_its_problems_with_file_line_and_column() {
    let dir = repo().join("tests/bad_configs");
    let bless = std::env::var_os("UPWARD_BLESS").is_some();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    names.sort();
    let mut failed = Vec::new();
    for name in &names {
        let out = upward()
            .args(["check", "-c", &format!("{name}.toml")])
            .current_dir(&dir)
            .env_remove("UPWARD_TEST_SURELY_UNSET")
            .output()
            .unwrap();
        let got = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: check must exit 1\n{got}"
        );
        assert!(out.stdout.is_empty(), "{name}: problems go to stderr only");
        let expected_path = dir.join(format!("{name}.expected"));
        let failed_path = dir.join(format!("{name}.failed"));
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected == got {
            let _ = std::fs::remove_file(&failed_path);
        } else {
            std::fs::write(&failed_path, &got).unwrap();
            failed.push(failed_path);
        }
    }
    assert!(
        names.len() >= 15,
        "only {} bad configs found in {}",
        names.len(),
        dir.display()
    );
    assert!(failed.is_empty(), "output differs; see {failed:?}");
}

#[test]
fn every_problem_is_listed_at_once_in_reading_order() {
    let dir = repo().join("tests/bad_configs");
    let out = upward()
        .args(["check", "-c", "many_problems.toml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let places: Vec<(usize, usize)> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: many_problems.toml:"))
        .map(|rest| {
            let mut parts = rest.split(':');
            let line = parts.next().unwrap().parse().unwrap();
            let col = parts.next().unwrap().parse().unwrap();
            (line, col)
        })
        .collect();
    assert_eq!(places.len(), 5, "{stderr}");
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(
        places, sorted,
        "problems are not in reading order:\n{stderr}"
    );
    assert!(stderr.ends_with("5 problems found\n"), "{stderr}");
}

#[test]
fn a_missing_program_file_says_how_to_point_at_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = upward()
        .arg("check")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("program.toml:1:1: cannot read the program file"),
        "{stderr}"
    );
    assert!(stderr.contains("-c/--config"), "{stderr}");
}

#[test]
fn a_valid_secret_file_is_read_and_never_printed() {
    let dir = crate::util::example_program();
    std::fs::write(
        dir.path().join("secret.key"),
        "s3cr3t-value-0123456789abcdef\n",
    )
    .unwrap();
    let program = std::fs::read_to_string(dir.path().join("program.toml")).unwrap();
    let program = program.replace(
        "# secret_file = \"/etc/upward/secret\"",
        "secret_file = \"secret.key\"",
    );
    std::fs::write(dir.path().join("program.toml"), program).unwrap();
    let out = run_in(dir.path(), &["check", "-c", "program.toml"]).expect_code(0);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(!all.contains("s3cr3t"), "the secret leaked: {all}");
    assert!(Path::new(&dir.path().join("secret.key")).exists());
}

#[test]
fn check_schedule_prints_the_next_five_occurrences_of_each_schedule() {
    let out = run_in(
        &repo(),
        &["check", "-c", "config/program.toml", "--schedule"],
    )
    .expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    for name in ["prompts", "hr_digest", "participant_digest"] {
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("schedule {name} = ")))
            .unwrap_or_else(|| panic!("no {name} schedule in:\n{}", out.stdout));
        let next: Vec<&&str> = lines[at + 1..]
            .iter()
            .take_while(|l| l.starts_with("  "))
            .collect();
        assert_eq!(next.len(), 5, "{name}:\n{}", out.stdout);
        if name != "participant_digest" {
            assert!(
                next.iter().all(|l| l.trim_start().starts_with("Mon ")),
                "{next:?}"
            );
        }
    }
    assert!(
        lines.contains(&"final report to people-programs@acme.example: Fri 2027-05-07 09:00 (final_report_after_days = 7 after the end date, 2027-04-30)"),
        "{}",
        out.stdout
    );
}

/// A template written in one language and used in every one is a warning when someone
/// reads another language; a broken catalog in a language folder fails `check` with its
/// file; `preview --language` writes the email in that language.
#[test]
fn templates_and_catalogs_are_checked_in_every_language_someone_reads() {
    let dir = crate::util::example_program();
    let csv = std::fs::read_to_string(dir.path().join("participants.csv")).unwrap();
    // The first participant reads German.
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    lines[0].push_str(",language");
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        line.push_str(if i == 1 { ",de" } else { "," });
    }
    std::fs::write(dir.path().join("participants.csv"), lines.join("\n") + "\n").unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("de")).unwrap();
    std::fs::write(
        templates.join("nudge.subject.j2"),
        "Time for coffee, {{ mentor.first_name }}?\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["check", "-c", "program.toml"]).expect_code(0);
    assert!(
        out.stderr.contains("warning: 1 template(s)")
            && out.stderr.contains("nudge.subject.j2")
            && out.stderr.contains("writes in en, de"),
        "{}",
        out.stderr
    );

    std::fs::write(templates.join("de").join("words.ftl"), "nudge-goals = {\n").unwrap();
    let out = run_in(dir.path(), &["check", "-c", "program.toml"]).expect_code(1);
    assert!(out.stderr.contains("words.ftl"), "{}", out.stderr);
    std::fs::remove_file(templates.join("de").join("words.ftl")).unwrap();

    let out = run_in(
        dir.path(),
        &["preview", "nudge", "--language", "nl", "-c", "program.toml"],
    )
    .expect_code(0);
    assert!(
        out.stdout.contains("Content-Language: nl"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("niets gehoord over een afspraak"),
        "{}",
        out.stdout
    );
    let out = run_in(
        dir.path(),
        &[
            "preview",
            "nudge",
            "--language",
            "klingon",
            "-c",
            "program.toml",
        ],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("choose en, de, fr, es or nl"),
        "{}",
        out.stderr
    );
}
