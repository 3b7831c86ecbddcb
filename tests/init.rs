//! `upward init`: a starter program that `check` accepts, never overwriting by accident.

use crate::util::{run_in, upward};

#[test]
fn init_writes_a_program_that_check_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pilot");
    let out = upward().arg("init").arg(&dir).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "program.toml",
        "participants.csv",
        "templates/README.md",
        "templates/nudge.txt.j2",
        "templates/de/nudge.ftl",
        "templates/nl/common.ftl",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let out = run_in(&dir, &["check", "-c", "program.toml"]).expect_code(0);
    assert!(out.stdout.contains("participants: 24"), "{}", out.stdout);
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("program.toml"), "# mine\n").unwrap();
    let out = upward().arg("init").arg(tmp.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("already exist"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("program.toml")).unwrap(),
        "# mine\n"
    );

    let out = upward()
        .arg("init")
        .arg("--force")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(tmp.path().join("program.toml"))
            .unwrap()
            .contains("[program]")
    );
}
