//! Shared helpers for the end-to-end tests: run the real binary in a temp dir, watch its log.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// The `upward` binary built for these tests.
pub fn upward() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_upward"));
    cmd.env_remove("UPWARD_LOG");
    cmd
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temp dir holding a copy of the example program (program.toml, participants.csv).
pub fn example_program() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["program.toml", "participants.csv"] {
        std::fs::copy(repo().join("config").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// A daemon started in the background, with its stderr lines readable as they come.
pub struct Daemon {
    pub child: Child,
    lines: Receiver<String>,
    /// Every line seen so far, for failure messages.
    pub log: Vec<String>,
}

impl Daemon {
    /// Starts `upward run -c program.toml` in `dir`.
    pub fn start(dir: &Path) -> Daemon {
        Daemon::start_with_env(dir, &[])
    }

    /// Starts `upward run -c program.toml` in `dir` with extra environment variables.
    pub fn start_with_env(dir: &Path, env: &[(&str, &std::ffi::OsStr)]) -> Daemon {
        let mut cmd = upward();
        cmd.args(["run", "-c", "program.toml"])
            .envs(env.iter().copied())
            .current_dir(dir);
        Daemon::spawn(cmd)
    }

    /// Starts `cmd` (a daemon, perhaps behind a wrapper such as `sh -c 'ulimit …; exec …'`)
    /// with its stderr read line by line.
    pub fn spawn(mut cmd: Command) -> Daemon {
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Daemon {
            child,
            lines: rx,
            log: Vec::new(),
        }
    }

    /// Waits (at most 60 s) for a log line containing `needle` and returns it.
    #[track_caller]
    pub fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => panic!(
                    "no log line containing {needle:?}; log so far:\n{}",
                    self.log.join("\n")
                ),
            }
        }
    }

    /// Every log line so far, reading what has come in without waiting (for failure
    /// messages).
    pub fn log_so_far(&mut self) -> String {
        while let Ok(line) = self.lines.try_recv() {
            self.log.push(line);
        }
        self.log.join("\n")
    }

    /// Sends a signal by name (TERM, HUP, INT) with kill(1).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait_exit(mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the daemon did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a finished command printed and how it exited.
pub struct Ran {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    /// Panics with stderr unless the command exited with `code`.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Ran {
        assert_eq!(
            self.code,
            Some(code),
            "stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `upward ARGS` in `dir` to completion.
pub fn run_in(dir: &Path, args: &[&str]) -> Ran {
    let out = upward().args(args).current_dir(dir).output().unwrap();
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A throw-away Postfix + Dovecot (tests/mailstack/mailstack.sh) on its own ports.
pub struct MailStack {
    pub dir: tempfile::TempDir,
    /// Plain SMTP, no TLS, no AUTH.
    pub smtp_port: u16,
    /// Submission: STARTTLS required, with a certificate from the stack's own CA.
    pub submission_port: u16,
    /// SMTPS: implicit TLS, with the same certificate.
    pub smtps_port: u16,
    pub imap_port: u16,
    pub imaps_port: u16,
}

impl MailStack {
    /// Starts a stack, or returns `None` (saying why) when Postfix/Dovecot are not installed
    /// on this machine. Under CI (`CI` set) a missing install is a failure: `.ci/run`
    /// installs them.
    pub fn start() -> Option<MailStack> {
        MailStack::start_with_users(&[])
    }

    /// Starts a stack whose Maildirs also include `users` (each `user@acme.test`, with its
    /// `+ext` addresses, delivered to `maildir(user)` and readable over IMAP), besides the
    /// default `mentoring`, `alice` and `bob`.
    pub fn start_with_users(users: &[&str]) -> Option<MailStack> {
        let installed = ["/usr/sbin/postfix", "/usr/sbin/dovecot", "/usr/bin/swaks"]
            .iter()
            .all(|p| Path::new(p).exists());
        if !installed {
            assert!(
                std::env::var_os("CI").is_none(),
                "postfix/dovecot/swaks missing under CI: .ci/run must install them"
            );
            eprintln!(
                "skipped: postfix/dovecot not installed (run tests/mailstack/mailstack.sh install)"
            );
            return None;
        }
        use std::sync::atomic::{AtomicU16, Ordering};
        static NEXT: AtomicU16 = AtomicU16::new(0);
        let slot = NEXT.fetch_add(1, Ordering::SeqCst);
        // NOTE: five ports a stack, twenty stacks a test process.
        let base = 20_000 + (std::process::id() % 400) as u16 * 100 + slot * 5;
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(repo().join("tests/mailstack/mailstack.sh"))
            .arg("start")
            .arg(dir.path())
            .env("SMTP_PORT", base.to_string())
            .env("SUBMISSION_PORT", (base + 1).to_string())
            .env("IMAP_PORT", (base + 2).to_string())
            .env("IMAPS_PORT", (base + 3).to_string())
            .env("SMTPS_PORT", (base + 4).to_string())
            .env(
                "MAIL_USERS",
                ["mentoring", "alice", "bob"]
                    .iter()
                    .chain(users)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "mailstack start failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Some(MailStack {
            dir,
            smtp_port: base,
            submission_port: base + 1,
            smtps_port: base + 4,
            imap_port: base + 2,
            imaps_port: base + 3,
        })
    }

    /// The stack's CA certificate, which clients trust.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("tls/ca.pem")
    }

    /// An `[inbound.imap]` section reading the `mentoring` INBOX over IMAPS, trusting the
    /// stack's CA, with the password from `TEST_IMAP_PASSWORD`.
    pub fn imap_section(&self) -> String {
        format!(
            "\n[inbound.imap]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"tls\"\nusername = \"mentoring\"\npassword_env = \"TEST_IMAP_PASSWORD\"\nfolder = \"INBOX\"\nca_file = \"{}\"\npoll_seconds = 5\n",
            self.imaps_port,
            self.ca_file().display()
        )
    }

    /// The Maildir of a local user.
    pub fn maildir(&self, user: &str) -> PathBuf {
        self.dir.path().join("mail").join(user)
    }

    /// Submits a message with swaks over plain SMTP; `extra` are more swaks arguments.
    pub fn send(&self, from: &str, to: &str, subject: &str, body: &str, extra: &[&str]) {
        let mut args = vec![
            "--from",
            from,
            "--to",
            to,
            "--h-Subject",
            subject,
            "--body",
            body,
        ];
        args.extend_from_slice(extra);
        self.swaks(&args);
    }

    /// Submits a whole message (headers and body, as a mail client wrote it) with swaks over
    /// plain SMTP, envelope from `from` to `to`.
    pub fn send_raw(&self, from: &str, to: &str, raw: &str) {
        let file = tempfile::NamedTempFile::new().unwrap();
        // swaks writes each line with CRLF itself.
        std::fs::write(file.path(), raw.replace("\r\n", "\n")).unwrap();
        let data = format!("@{}", file.path().display());
        self.swaks(&["--from", from, "--to", to, "--data", &data]);
    }

    /// Submits many whole messages `(envelope from, envelope to, message)` in one plain SMTP
    /// session (much faster than one swaks run each), dot-stuffed, with CRLF line ends.
    pub fn submit_all(&self, messages: &[(String, String, String)]) {
        use std::io::{BufRead, Write};
        let stream = std::net::TcpStream::connect(("127.0.0.1", self.smtp_port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut writer = stream;
        let mut expect = |code: &str, what: &str| loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            assert!(line.starts_with(code), "{what}: the server said {line:?}");
            if line.as_bytes().get(3) != Some(&b'-') {
                break;
            }
        };
        expect("220", "greeting");
        writer.write_all(b"EHLO test.acme.test\r\n").unwrap();
        expect("250", "EHLO");
        for (from, to, raw) in messages {
            writer
                .write_all(format!("MAIL FROM:<{from}>\r\n").as_bytes())
                .unwrap();
            expect("250", "MAIL FROM");
            writer
                .write_all(format!("RCPT TO:<{to}>\r\n").as_bytes())
                .unwrap();
            expect("250", "RCPT TO");
            writer.write_all(b"DATA\r\n").unwrap();
            expect("354", "DATA");
            let mut data = String::new();
            for line in raw.replace("\r\n", "\n").lines() {
                if line.starts_with('.') {
                    data.push('.');
                }
                data.push_str(line);
                data.push_str("\r\n");
            }
            data.push_str(".\r\n");
            writer.write_all(data.as_bytes()).unwrap();
            expect("250", "end of DATA");
        }
        writer.write_all(b"QUIT\r\n").unwrap();
    }

    fn swaks(&self, args: &[&str]) {
        let out = Command::new("swaks")
            .args(["--server", &format!("127.0.0.1:{}", self.smtp_port)])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "swaks failed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }

    /// Every message in `user`'s Maildir (new/ and cur/), oldest file name first.
    pub fn messages(&self, user: &str) -> Vec<Vec<u8>> {
        let mut paths: Vec<PathBuf> = ["new", "cur"]
            .iter()
            .flat_map(|d| {
                std::fs::read_dir(self.maildir(user).join(d))
                    .into_iter()
                    .flatten()
            })
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    }

    /// Waits (at most 30 s) until `user`'s Maildir holds `n` messages in new/ and cur/.
    #[track_caller]
    pub fn wait_delivered(&self, user: &str, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let count: usize = ["new", "cur"]
                .iter()
                .map(|d| {
                    std::fs::read_dir(self.maildir(user).join(d))
                        .map(|r| r.count())
                        .unwrap_or(0)
                })
                .sum();
            if count >= n {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{user} has {count} messages, expected {n}; see {}",
                self.dir.path().join("log/postfix.log").display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for MailStack {
    fn drop(&mut self) {
        let _ = Command::new(repo().join("tests/mailstack/mailstack.sh"))
            .arg("stop")
            .arg(self.dir.path())
            .output();
    }
}

/// Runs `upward ARGS` in `dir` on a terminal, through script(1) from util-linux, and returns
/// what the terminal showed; `None` (with a note) where script(1) is missing.
#[track_caller]
pub fn on_a_terminal(dir: &Path, args: &str) -> Option<String> {
    let line = format!("{} {args}", env!("CARGO_BIN_EXE_upward"));
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(dir)
        .output()
    else {
        eprintln!("no script(1): the terminal case is not checked");
        return None;
    };
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{shown}");
    Some(shown)
}
