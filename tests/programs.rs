//! Several programs on one host, laid out as `deploy/upward@.service` lays them out: each
//! with its config in `etc/upward/NAME/` and its state in `lib/upward/NAME/` (the working
//! directory), two daemons running at once, neither touching the other's database, outbox,
//! inbox, lock or key.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::util::{Daemon, repo, upward};

/// One program's folders, as the template unit names them.
struct Program {
    name: &'static str,
    domain: &'static str,
    etc: PathBuf,
    state: PathBuf,
}

impl Program {
    /// The example program under `root`, its people and sender moved to `domain`.
    fn new(root: &Path, name: &'static str, domain: &'static str) -> Program {
        let etc = root.join("etc/upward").join(name);
        let state = root.join("lib/upward").join(name);
        std::fs::create_dir_all(&etc).unwrap();
        std::fs::create_dir_all(&state).unwrap();
        for f in ["program.toml", "participants.csv"] {
            let text = std::fs::read_to_string(repo().join("config").join(f)).unwrap();
            let text = text
                .replace("acme.example", domain)
                .replace("Acme Reverse Mentoring 2026-27", &format!("Program {name}"));
            std::fs::write(etc.join(f), text).unwrap();
        }
        Program {
            name,
            domain,
            etc,
            state,
        }
    }

    /// `upward ARGS -c etc/upward/NAME/program.toml`, run in the state folder.
    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = upward();
        cmd.args(args)
            .arg("-c")
            .arg(self.etc.join("program.toml"))
            .current_dir(&self.state);
        cmd
    }

    fn outbox(&self) -> Vec<String> {
        let dir = self.state.join("var/outbox");
        std::fs::read_dir(&dir)
            .map(|r| {
                r.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn count(&self, sql: &str) -> i64 {
        let db = rusqlite::Connection::open(self.state.join("var/upward.db")).unwrap();
        db.busy_timeout(Duration::from_secs(30)).unwrap();
        db.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Every file below `dir`, relative to it.
    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(d) = todo.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    todo.push(path);
                } else {
                    out.push(path.strip_prefix(dir).unwrap().display().to_string());
                }
            }
        }
        out.sort();
        out
    }
}

#[track_caller]
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "waited 60 s for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn two_programs_on_one_host_never_touch_each_others_state() {
    let root = tempfile::tempdir().unwrap();
    let a = Program::new(root.path(), "cohort-a", "acme.example");
    let b = Program::new(root.path(), "cohort-b", "beta.example");
    for p in [&a, &b] {
        let out = p.command(&["pair"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut da = Daemon::spawn(a.command(&["run"]));
    let mut db = Daemon::spawn(b.command(&["run"]));
    da.wait_for("upward is running");
    db.wait_for("upward is running");
    wait_until("both programs' introductions", || {
        a.outbox().len() == 12 && b.outbox().len() == 12
    });

    // A stranger's mail in one program's inbox is read by that program only.
    let inbox = a.state.join("var/inbox");
    let raw = "From: someone@elsewhere.example\r\nTo: mentoring@acme.example\r\nSubject: hello\r\nMessage-ID: <only-a@elsewhere.example>\r\n\r\nhi\r\n";
    std::fs::write(inbox.join("tmp/1.a.test"), raw).unwrap();
    std::fs::rename(inbox.join("tmp/1.a.test"), inbox.join("new/1.a.test")).unwrap();
    wait_until("program A read its mail", || {
        a.count("SELECT count(*) FROM inbound") == 1
    });

    for (p, other) in [(&a, &b), (&b, &a)] {
        for mail in p.outbox() {
            assert!(mail.contains(p.domain), "{}: {mail}", p.name);
            assert!(
                !mail.contains(other.domain),
                "{} sent {}'s mail",
                p.name,
                other.name
            );
        }
        let theirs = format!(
            "SELECT count(*) FROM participants WHERE email LIKE '%@{}'",
            other.domain
        );
        assert_eq!(
            p.count(&theirs),
            0,
            "{} holds {}'s people",
            p.name,
            other.name
        );
        assert_eq!(p.count("SELECT count(*) FROM participants"), 24);
        let status = p.command(&["status", "--json"]).output().unwrap();
        assert!(status.status.success());
        assert!(!String::from_utf8_lossy(&status.stdout).contains(other.domain));
        let text = p.command(&["status"]).output().unwrap();
        assert!(
            String::from_utf8_lossy(&text.stdout).contains(&format!("program: Program {}", p.name)),
            "{}",
            String::from_utf8_lossy(&text.stdout)
        );
    }
    assert_eq!(
        b.count("SELECT count(*) FROM inbound"),
        0,
        "B read A's mail"
    );
    assert_eq!(
        std::fs::read_dir(b.state.join("var/inbox/cur"))
            .unwrap()
            .count(),
        0
    );
    let key_a = std::fs::read_to_string(a.state.join("var/upward.key")).unwrap();
    let key_b = std::fs::read_to_string(b.state.join("var/upward.key")).unwrap();
    assert_ne!(key_a, key_b, "each program signs with its own key");

    da.signal("TERM");
    db.signal("TERM");
    assert_eq!(da.wait_exit(), Some(0));
    assert_eq!(db.wait_exit(), Some(0));
    // Each state folder holds its own database, lock, key, outbox and inbox, and the config
    // folders only what was put there.
    for p in [&a, &b] {
        let var = p.state.join("var");
        for f in ["upward.db", "upward.db.lock", "upward.key"] {
            assert!(var.join(f).is_file(), "{}: var/{f} missing", p.name);
        }
        for d in ["outbox", "inbox/new", "inbox/cur", "inbox/tmp"] {
            assert!(var.join(d).is_dir(), "{}: var/{d} missing", p.name);
        }
        assert_eq!(Program::files(&p.etc), ["participants.csv", "program.toml"]);
    }
    let top: Vec<String> = std::fs::read_dir(root.path().join("lib/upward"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        top,
        ["cohort-a", "cohort-b"],
        "nothing written beside the programs"
    );
}

/// The `[Service]` lines of a unit file that are not about where a program lives.
fn hardening(unit: &str) -> Vec<String> {
    let placed = [
        "StateDirectory=",
        "WorkingDirectory=",
        "ConfigurationDirectory=",
        "EnvironmentFile=",
        "ExecStartPre=",
        "ExecStart=",
    ];
    unit.lines()
        .skip_while(|l| *l != "[Service]")
        .take_while(|l| *l != "[Install]")
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| !placed.iter().any(|p| l.starts_with(p)))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_template_unit_has_the_hardening_of_the_single_unit_and_a_folder_per_program() {
    let single = std::fs::read_to_string(repo().join("deploy/upward.service")).unwrap();
    let template = std::fs::read_to_string(repo().join("deploy/upward@.service")).unwrap();
    let (mut one, mut each) = (hardening(&single), hardening(&template));
    one.sort();
    each.sort();
    assert_eq!(one, each);
    assert!(one.iter().any(|l| l == "WatchdogSec=5min"), "{one:?}");
    for line in [
        "StateDirectory=upward/%i",
        "WorkingDirectory=/var/lib/upward/%i",
        "ConfigurationDirectory=upward/%i",
        "EnvironmentFile=-/etc/upward/%i/secrets.env",
        "ExecStart=/usr/local/bin/upward run -c /etc/upward/%i/program.toml --log-format json",
    ] {
        assert!(template.lines().any(|l| l == line), "missing {line}");
    }
    // Where systemd's checker is installed, it finds nothing wrong but the binary's absence.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("upward@.service"), &template).unwrap();
    let Ok(out) = std::process::Command::new("systemd-analyze")
        .arg("verify")
        .arg(dir.path().join("upward@cohort-a.service"))
        .output()
    else {
        return;
    };
    let said = String::from_utf8_lossy(&out.stderr);
    let problems: Vec<&str> = said
        .lines()
        .filter(|l| !l.contains("/usr/local/bin/upward is not executable"))
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(problems.is_empty(), "{said}");
}

#[test]
fn the_program_of_the_compose_file_passes_check_and_sends_through_its_postfix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("deploy/compose/program.toml"),
        dir.path().join("program.toml"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("config/participants.csv"),
        dir.path().join("participants.csv"),
    )
    .unwrap();
    let ran = crate::util::run_in(dir.path(), &["check", "-c", "program.toml"]).expect_code(0);
    assert!(
        ran.stdout.contains("outbound: smtp postfix:25"),
        "{}",
        ran.stdout
    );
    let holds = |file: &str, needles: &[&str]| {
        let text = std::fs::read_to_string(repo().join(file)).unwrap();
        for needle in needles {
            assert!(text.contains(needle), "{file} lacks {needle}");
        }
    };
    holds(
        "deploy/compose.yaml",
        &[
            "./compose/program.toml:/etc/upward/program.toml:ro",
            "../config/participants.csv:/etc/upward/participants.csv:ro",
            "state:/var/lib/upward",
            "postfix:",
        ],
    );
    holds(
        "Dockerfile",
        &[
            "FROM rust:1.95",
            "FROM debian:bookworm-slim",
            "USER upward",
            "VOLUME [\"/var/lib/upward\"]",
            "WORKDIR /var/lib/upward",
            "HEALTHCHECK",
            "\"upward\", \"status\"",
        ],
    );
}
