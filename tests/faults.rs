//! Inbound faults end to end (RELIABILITY R7, R8, R15, R16 and §2.4), through the real binary
//! on real files: `kill -9` of the daemon while it reads 5,000 replies from its Maildir, the
//! database locked by another process, a full disk under the database (a small tmpfs, and
//! SQLite's page cap), `upward ingest` killed at random and replayed, a message that makes
//! the parser panic, and a soak of ingest, sender and admin reads on one database. Each test
//! prints the counts it measured (`--nocapture` shows them).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use upward::outbound::token::Purpose;

use crate::ingest::{Pair, SECRET, command, files as all_files, finish, pairs_in, token};
use crate::util::{MailStack, repo, upward};

/// Rows of the inbound table.
const INBOUND: &str = "SELECT count(*) FROM inbound";

/// A program of `pairs` mentors and as many mentees, paired (`upward pair`), with replies
/// signed with [`SECRET`], the file outbox, the Maildir `var/inbox` and the database at `db`
/// (`var/upward.db` when `None`). Returns the database, the Maildir and the pairs.
pub(crate) fn program(
    dir: &Path,
    pairs: usize,
    db: Option<&Path>,
) -> (PathBuf, PathBuf, Vec<Pair>) {
    let mut csv = String::from("name,email,role,level,department\n");
    for i in 0..pairs {
        csv.push_str(&format!(
            "Mentor {i},mentor{i}@example.com,mentor,1,Sales\nMentee {i},mentee{i}@example.com,mentee,7,Finance\n"
        ));
    }
    std::fs::write(dir.join("participants.csv"), csv).unwrap();
    let store = db.map_or_else(|| "var/upward.db".to_string(), |p| p.display().to_string());
    let text = format!(
        r#"participants = "participants.csv"

[program]
name = "Fault test"
coordinator = "hr@example.com"
from = "Mentoring <mentoring@acme.test>"
reply_to = "mentoring+{{token}}@acme.test"
start = 2024-01-01
end = 2035-12-31
propose_first_meeting = false
secret_env = "UPWARD_SECRET"

[outbox]
dir = "var/outbox"

[inbound]
maildir = "var/inbox"

[store]
path = "{store}"
"#
    );
    std::fs::write(dir.join("program.toml"), text).unwrap();
    let ran = finish(&mut command(dir, &["pair"]), b"");
    assert_eq!(ran.code, Some(0), "{}{}", ran.stdout, ran.stderr);
    let inbox = dir.join("var/inbox");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(inbox.join(sub)).unwrap();
    }
    let db = db.map_or_else(|| dir.join("var/upward.db"), Path::to_path_buf);
    let pairs = stored_pairs(&db);
    (db, inbox, pairs)
}

fn stored_pairs(db: &Path) -> Vec<Pair> {
    pairs_in(&open(db))
}

/// A reply of about 2 KB from the mentor (`side` 0) or mentee (1) of `pair` to their
/// prompt's tokened address: a filled form for a meeting `day` days after 2024-01-10 above
/// a signature and the quoted prompt. Give each message of a pair its own even `day` and
/// every message makes one new session and one feedback.
fn reply(n: usize, pair: &Pair, side: usize, day: u64) -> Vec<u8> {
    let (person, from) = if side == 0 {
        &pair.mentor
    } else {
        &pair.mentee
    };
    let to = format!(
        "mentoring+{}@acme.test",
        token(pair.id, *person, Purpose::Reply)
    );
    let date = NaiveDate::from_ymd_opt(2024, 1, 10).unwrap() + Days::new(day);
    let mut quote = String::new();
    while quote.len() < 1_200 {
        quote
            .push_str("> How did this week go? Reply in your own words, or fill in the form.\n>\n");
    }
    format!(
        "Return-Path: <{from}>\r\nFrom: Person {n} <{from}>\r\nTo: Mentoring <{to}>\r\nSubject: Re: How did this week go?\r\nDate: Thu, 12 Sep 2024 10:{m:02}:00 +0000\r\nMessage-ID: <fault.{n}.{pair}@mail.example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMet: yes\r\nDate: {date}\r\nMinutes: {minutes}\r\nTopics: ai tools\r\nRating: {rating}\r\n\r\nBest regards,\r\nPerson {n}\r\nTeam {team} | Example\r\n\r\nOn Mon, 8 Jan 2024 at 09:00, Mentoring <{to}> wrote:\r\n{quote}",
        m = n % 60,
        pair = pair.id,
        minutes = 30 + n % 60,
        rating = 1 + n % 5,
        team = n % 17,
        quote = quote.replace('\n', "\r\n"),
    )
    .into_bytes()
}

/// Delivers as an MDA does: written to tmp/, renamed into new/.
fn deliver(inbox: &Path, name: &str, raw: &[u8]) {
    std::fs::write(inbox.join("tmp").join(name), raw).unwrap();
    std::fs::rename(inbox.join("tmp").join(name), inbox.join("new").join(name)).unwrap();
}

/// Delivers `n` replies spread over `pairs`: message `i` goes to pair `i % len` from its
/// mentor and mentee in turn, each with a meeting day of its own in that pair.
pub(crate) fn deliver_replies(inbox: &Path, pairs: &[Pair], range: std::ops::Range<usize>) {
    for i in range {
        let round = i / pairs.len();
        let raw = reply(i, &pairs[i % pairs.len()], round % 2, 2 * round as u64);
        deliver(inbox, &format!("1700000000.M{i:06}.fault"), &raw);
    }
}

fn files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |r| r.count())
}

pub(crate) fn open(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.busy_timeout(Duration::from_secs(30)).unwrap();
    c
}

pub(crate) fn count(db: &Path, sql: &str) -> i64 {
    open(db)
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Waits (at most `secs`) until `done` holds.
#[track_caller]
pub(crate) fn wait_until(secs: u64, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(Instant::now() < deadline, "waited {secs} s for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `upward run` in a directory, its log going to a file the test can read at any time.
pub(crate) struct Run {
    child: Child,
    log: PathBuf,
    /// Where this run's lines start in the log (runs in one directory share it).
    from: usize,
}

impl Run {
    fn start(dir: &Path) -> Run {
        Run::start_with(dir, &[])
    }

    /// Starts a run with more environment variables.
    fn start_with(dir: &Path, env: &[(&str, &str)]) -> Run {
        let log = dir.join("daemon.log");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let from = file.metadata().unwrap().len() as usize;
        let child = upward()
            .args(["run", "-c", "program.toml"])
            .env("UPWARD_SECRET", SECRET)
            .envs(env.iter().copied())
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(file)
            .spawn()
            .unwrap();
        Run { child, log, from }
    }

    /// Starts a run and waits until it reads its Maildir.
    pub(crate) fn reading(dir: &Path) -> Run {
        let mut run = Run::start(dir);
        run.wait_for("reading replies from the Maildir", 1, 60);
        run
    }

    /// How many times the debug-only fault hook panicked (the panic's own log line).
    fn injected_panics(&self) -> usize {
        self.log()
            .lines()
            .filter(|l| {
                l.contains("a panic;") && l.contains("UPWARD_TEST_PANIC_ON matched a message")
            })
            .count()
    }

    /// This run's log so far.
    fn log(&self) -> String {
        let all = std::fs::read(&self.log).unwrap_or_default();
        String::from_utf8_lossy(all.get(self.from..).unwrap_or_default()).into_owned()
    }

    /// The lines of this run's log containing `needle`.
    fn lines(&self, needle: &str) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| l.contains(needle))
            .map(str::to_string)
            .collect()
    }

    /// Waits (at most `secs`) for the `nth` line (from 1) containing `needle`, and returns it.
    #[track_caller]
    fn wait_for(&mut self, needle: &str, nth: usize, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(line) = self.lines(needle).into_iter().nth(nth - 1) {
                return line;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the daemon exited ({status}); log:\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "no log line {nth} containing {needle:?} after {secs} s; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn kill_9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, then the exit code.
    pub(crate) fn stop(mut self) -> Option<i32> {
        let status = Command::new("kill")
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the daemon did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// R8: `kill -9` the daemon twice while it reads 5,000 replies from its Maildir, each time
/// right after a batch committed (while its files are being moved to cur/), then let a third
/// run finish. Every message is recorded once, acted on once, and acknowledged.
#[test]
fn kill_9_while_the_daemon_reads_its_maildir_processes_every_message_exactly_once() {
    const MESSAGES: usize = 5_000;
    const PAIRS: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (db, inbox, pairs) = program(d, PAIRS, None);
    assert_eq!(pairs.len(), PAIRS);
    deliver_replies(&inbox, &pairs, 0..MESSAGES);
    let started = Instant::now();
    let mut rng = Rng(seed());
    let mut to_commit = Duration::ZERO;
    for kill in 1..=3 {
        let before = count(&db, INBOUND);
        if before == MESSAGES as i64 {
            break;
        }
        let mut run = Run::start(d);
        run.wait_for("reading replies from the Maildir", 1, 60);
        let reading = Instant::now();
        if kill < 3 {
            // Right after a commit: while its files are being moved to cur/.
            wait_until(180, "a batch to commit", || count(&db, INBOUND) > before);
            to_commit = reading.elapsed();
        } else {
            // At a random moment from 30 % to 130 % of the time a batch took to commit:
            // while reading, inspecting or committing one.
            std::thread::sleep(to_commit * (30 + (rng.next() % 101) as u32) / 100);
        }
        run.kill_9();
        let committed = count(&db, INBOUND);
        let moved = files(&inbox.join("cur"));
        eprintln!(
            "kill -9 #{kill}: {committed} committed, {moved} in cur/, {} in new/ ({} committed but not yet moved)",
            files(&inbox.join("new")),
            committed - moved as i64
        );
        assert!(
            moved as i64 <= committed,
            "a message was moved to cur/ before its commit"
        );
    }
    let run = Run::start(d);
    wait_until(300, "every message to be committed and moved", || {
        count(&db, INBOUND) == MESSAGES as i64 && files(&inbox.join("new")) == 0
    });
    assert_eq!(run.stop(), Some(0));
    let inbound = count(
        &db,
        "SELECT count(*) FROM inbound WHERE status = 'processed'",
    );
    let distinct = count(&db, "SELECT count(DISTINCT message_id) FROM inbound");
    let sessions = count(&db, "SELECT count(*) FROM sessions");
    let feedback = count(&db, "SELECT count(*) FROM feedback");
    let confirmations = count(
        &db,
        "SELECT count(*) FROM outbox WHERE kind = 'confirmation'",
    );
    eprintln!(
        "{MESSAGES} files: {inbound} processed rows ({distinct} distinct Message-IDs), {sessions} sessions, {feedback} feedback, {confirmations} confirmations, {} in cur/, in {:.1} s",
        files(&inbox.join("cur")),
        started.elapsed().as_secs_f64()
    );
    let m = MESSAGES as i64;
    assert_eq!(
        (inbound, distinct, sessions, feedback, confirmations),
        (m, m, m, m, m)
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM drafts"),
        0,
        "answers drafted before a kill are composed after the restart"
    );
    assert_eq!(files(&inbox.join("cur")), MESSAGES);
}

/// R7/R8 and §2.4: another process holds the write lock past the busy timeout while the
/// daemon reads its Maildir and while `upward ingest` runs. The daemon says the database is
/// locked and moves nothing to cur/; `ingest` waits out the busy timeout, then exits 75 so
/// the MTA keeps the message; once the lock is gone everything goes through.
#[test]
fn a_database_locked_by_another_process_acknowledges_nothing_until_released() {
    const MESSAGES: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (db, inbox, pairs) = program(d, 5, None);
    let mut run = Run::reading(d);

    let holder = open(&db);
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let locked = Instant::now();
    deliver_replies(&inbox, &pairs, 0..MESSAGES);
    let extra = reply(1_000, &pairs[0], 0, 1_000);
    let piped = {
        let (d, extra) = (d.to_path_buf(), extra.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            let ran = finish(&mut command(&d, &["ingest", "-"]), &extra);
            (ran, started.elapsed())
        })
    };
    let line = run.wait_for("could not be committed", 1, 120);
    assert!(line.contains("locked"), "{line}");
    assert!(line.contains("end what holds it"), "{line}");
    let (ran, took) = piped.join().unwrap();
    assert_eq!(ran.code, Some(75), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("try again later") && ran.stderr.contains("locked"),
        "{}",
        ran.stderr
    );
    while locked.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(files(&inbox.join("cur")), 0, "acknowledged while locked");
    assert_eq!(count(&db, INBOUND), 0, "committed while locked");
    holder.execute_batch("ROLLBACK").unwrap();
    let held = locked.elapsed();
    let released = Instant::now();
    wait_until(120, "the Maildir to be read after the lock", || {
        count(&db, INBOUND) == MESSAGES as i64 && files(&inbox.join("new")) == 0
    });
    let after = released.elapsed();
    let retried = finish(&mut command(d, &["ingest", "-"]), &extra);
    assert_eq!(retried.code, Some(0), "{}", retried.stderr);
    assert_eq!(count(&db, INBOUND), MESSAGES as i64 + 1);
    assert_eq!(files(&inbox.join("cur")), MESSAGES);
    let failures = run.lines("could not be committed").len();
    eprintln!(
        "lock held {:.1} s: daemon logged {failures} failed batch(es), 0 acknowledged; ingest exited 75 after {:.1} s; {MESSAGES} committed {:.1} s after release; the retried ingest exited 0",
        held.as_secs_f64(),
        took.as_secs_f64(),
        after.as_secs_f64()
    );
    eprintln!("daemon said: {line}");
    eprintln!("ingest said: {}", ran.stderr.trim());
    assert_eq!(run.stop(), Some(0));
}

/// A program reading the IMAP mailbox of a real Dovecot.
struct ImapFixture {
    stack: MailStack,
    dir: tempfile::TempDir,
    db: PathBuf,
    pairs: Vec<Pair>,
    /// The mailbox's unseen messages, counted over a connection of its own.
    unseen: Box<dyn Fn() -> usize>,
}

impl ImapFixture {
    /// `None` (said why) when Postfix/Dovecot are not installed.
    fn new() -> Option<ImapFixture> {
        let stack = MailStack::start()?;
        let dir = tempfile::tempdir().unwrap();
        let (db, _, pairs) = program(dir.path(), 5, None);
        let path = dir.path().join("program.toml");
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str(&stack.imap_section());
        std::fs::write(&path, text).unwrap();
        let settings = crate::imap::settings(&stack, upward::config::Security::Tls, "secret");
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let unseen = Box::new(move || {
            runtime.block_on(async {
                let mut mb = upward::inbound::source::imap::ImapMailbox::connect(&settings)
                    .await
                    .unwrap();
                let n = mb.fetch_unseen(1_000).await.unwrap().len();
                mb.logout().await;
                n
            })
        });
        Some(ImapFixture {
            stack,
            dir,
            db,
            pairs,
            unseen,
        })
    }

    /// Starts the daemon with `env` besides the IMAP password, once it selected the mailbox.
    fn start(&self, env: &[(&str, &str)]) -> Run {
        let mut env = env.to_vec();
        env.push(("TEST_IMAP_PASSWORD", "secret"));
        let mut run = Run::start_with(self.dir.path(), &env);
        run.wait_for("imap mailbox selected", 1, 60);
        run
    }
}

/// The stack's `mentoring` Maildir, where the tests deliver as Dovecot's LDA would.
fn dovecot_maildir(fx: &ImapFixture) -> PathBuf {
    let mailbox = fx.stack.maildir("mentoring");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(mailbox.join(sub)).unwrap();
    }
    mailbox
}

/// R8 over IMAP: with the database locked past the busy timeout, the daemon's IMAP reader
/// commits nothing and flags nothing \Seen; once the lock is gone every message is
/// committed, then flagged.
#[test]
fn a_locked_database_leaves_imap_messages_unseen_until_they_are_committed() {
    const MESSAGES: usize = 10;
    let Some(fx) = ImapFixture::new() else {
        return;
    };
    let (db, pairs, unseen) = (&fx.db, &fx.pairs, &fx.unseen);
    let mut run = fx.start(&[]);

    let holder = open(db);
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mailbox = dovecot_maildir(&fx);
    deliver_replies(&mailbox, pairs, 0..MESSAGES);
    let line = run.wait_for("could not be committed", 1, 120);
    assert!(line.contains("locked"), "{line}");
    let unseen_while_locked = unseen();
    assert_eq!(
        unseen_while_locked, MESSAGES,
        "flagged \\Seen before commit"
    );
    assert_eq!(count(db, INBOUND), 0);
    holder.execute_batch("ROLLBACK").unwrap();
    wait_until(120, "the IMAP messages to be committed", || {
        count(db, INBOUND) == MESSAGES as i64
    });
    wait_until(60, "the committed messages to be flagged", || unseen() == 0);
    eprintln!(
        "imap, database locked: {} failed batch(es), {unseen_while_locked} of {MESSAGES} still unseen and 0 committed while locked; after release {} committed and 0 unseen",
        run.lines("could not be committed").len(),
        count(db, INBOUND)
    );
    assert_eq!(run.stop(), Some(0));
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `size` at `at`, or says why not and returns `None`.
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(at)
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Tmpfs(at.to_path_buf())),
            Ok(out) => {
                eprintln!(
                    "skipped the tmpfs disk-full test: mount failed ({}); the page-cap test covers SQLITE_FULL",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(err) => {
                eprintln!(
                    "skipped the tmpfs disk-full test: cannot run mount ({err}); the page-cap test covers SQLITE_FULL"
                );
                None
            }
        }
    }

    /// Fills the filesystem with `filler` until a write fails; returns the bytes written.
    fn fill(&self) -> u64 {
        let mut file = std::fs::File::create(self.0.join("filler")).unwrap();
        let mut written = 0u64;
        for size in [64 * 1024, 4 * 1024, 512] {
            let chunk = vec![0x5a_u8; size];
            while file.write_all(&chunk).is_ok() {
                written += size as u64;
            }
        }
        let _ = file.sync_all();
        written
    }

    fn free(&self) {
        std::fs::remove_file(self.0.join("filler")).unwrap();
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// R7 (disk full): the database lives on a small tmpfs that is then filled. The daemon logs
/// why it cannot commit and what to do, moves nothing it did not commit, backs off instead
/// of spinning, and catches up once space is freed; `upward ingest` exits 75 meanwhile.
#[test]
fn a_full_disk_under_the_database_acknowledges_nothing_and_resumes_once_freed() {
    const MESSAGES: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let Some(fs) = Tmpfs::mount(&d.join("db"), "32m") else {
        return;
    };
    let (db, inbox, pairs) = program(d, 5, Some(&fs.0.join("upward.db")));
    let mut run = Run::reading(d);
    // An email falls due while the disk is full: the sender cannot claim it, and must wait
    // rather than spin (regression: it retried at once, hundreds of times a second).
    {
        #[allow(clippy::disallowed_methods)] // NOTE: the daemon runs on the wall clock
        let due = (chrono::Utc::now() + chrono::Duration::seconds(2))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let c = open(&db);
        c.execute(
            "INSERT INTO outbox (idempotency_key, kind, recipient, envelope_from, message_id,
                                 next_attempt_at, created_at)
             VALUES ('command:0:999999', 'command', 'someone@acme.test', 'mentoring@acme.test',
                     '<command.due@acme.test>', ?1, ?1)",
            [&due],
        )
        .unwrap();
        c.execute(
            "INSERT INTO outbox_body (outbox_id, body) VALUES (last_insert_rowid(), x'0d0a')",
            [],
        )
        .unwrap();
    }
    let filled = fs.fill();
    deliver_replies(&inbox, &pairs, 0..MESSAGES);
    let first = run.wait_for("could not be committed", 1, 120);
    let full = Instant::now();
    assert!(
        first.contains("disk holding the database is full"),
        "{first}"
    );
    assert!(first.contains("free space"), "{first}");
    let extra = reply(1_000, &pairs[0], 0, 1_000);
    let ran = finish(&mut command(d, &["ingest", "-"]), &extra);
    assert_eq!(ran.code, Some(75), "{}", ran.stderr);
    assert!(ran.stderr.contains("full"), "{}", ran.stderr);
    // Backing off: the third failure comes at least 1 + 2 s after the first.
    run.wait_for("could not be committed", 3, 120);
    let waited = full.elapsed();
    let committed = count(&db, INBOUND);
    let moved = files(&inbox.join("cur"));
    assert!(
        waited >= Duration::from_secs(2),
        "three failures in {waited:?}: spinning"
    );
    assert!(
        moved as i64 <= committed,
        "{moved} moved, {committed} committed"
    );
    assert!(
        committed < MESSAGES as i64,
        "everything fit: the disk was not full"
    );
    let warnings = run.lines(" WARN ").len() + run.lines(" ERROR ").len();
    fs.free();
    let freed = Instant::now();
    wait_until(180, "the Maildir to be read once space was freed", || {
        count(&db, INBOUND) == MESSAGES as i64 && files(&inbox.join("new")) == 0
    });
    let after = freed.elapsed();
    let retried = finish(&mut command(d, &["ingest", "-"]), &extra);
    assert_eq!(retried.code, Some(0), "{}", retried.stderr);
    assert_eq!(files(&inbox.join("cur")), MESSAGES);
    let integrity: String = open(&db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    eprintln!(
        "disk full ({filled} filler bytes): {committed} of {MESSAGES} committed and {moved} moved while full; {} failed batches, {warnings} warnings/errors in all over {:.1} s; ingest exited 75; all {MESSAGES} committed {:.1} s after freeing; integrity ok",
        run.lines("could not be committed").len(),
        waited.as_secs_f64(),
        after.as_secs_f64()
    );
    eprintln!("daemon said: {first}");
    eprintln!("ingest said: {}", ran.stderr.trim());
    if warnings >= 200 {
        // The loudest lines, without their timestamps: what spins.
        let mut seen = std::collections::BTreeMap::<String, usize>::new();
        for line in run.lines(" WARN ").into_iter().chain(run.lines(" ERROR ")) {
            let text: String = line
                .split_once(' ')
                .map_or(line.as_str(), |(_, t)| t)
                .chars()
                .take(160)
                .collect();
            *seen.entry(text).or_default() += 1;
        }
        let mut loudest: Vec<_> = seen.into_iter().collect();
        loudest.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        loudest.truncate(5);
        panic!("{warnings} warnings while full: something spins: {loudest:#?}");
    }
    assert_eq!(run.stop(), Some(0));
}

/// R7 (disk full) without a mount: SQLite's `max_page_count` makes the same SQLITE_FULL.
/// The pipeline reports a temporary error naming the cause and the fix, and the daemon's
/// Maildir reader (in process, on the capped store) moves nothing until the cap is lifted.
#[test]
fn a_database_at_its_page_cap_is_a_full_disk_the_reader_waits_out() {
    use tokio_util::sync::CancellationToken;
    use upward::inbound::process::sources::{self, ReaderDeps};
    use upward::inbound::process::{Incoming, Ingest};
    use upward::outbound::{Composer, Templates, TokenKey};
    use upward::schedule::{Clock, SystemClock};
    use upward::store::Store;

    const MESSAGES: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (db, inbox, pairs) = program(d, 5, None);
    deliver_replies(&inbox, &pairs, 0..MESSAGES);
    let text = std::fs::read_to_string(d.join("program.toml"))
        .unwrap()
        .replace("secret_env = \"UPWARD_SECRET\"\n", "");
    let mut config = upward::Config::from_str(&text, &d.join("program.toml")).unwrap();
    config.inbound.maildir = inbox.clone();
    let config = Arc::new(config);
    let ingest = || {
        let templates = Templates::builtin().unwrap();
        Ingest::with_composer(Composer::with_key(
            Arc::clone(&config),
            templates,
            TokenKey::new(SECRET),
        ))
    };
    let mut store = Store::open(&db).unwrap();
    store.cap_pages(Some(0)).unwrap();

    let batch: Vec<Incoming> = std::fs::read_dir(inbox.join("new"))
        .unwrap()
        .map(|e| Incoming::new(std::fs::read(e.unwrap().path()).unwrap(), "maildir"))
        .collect();
    let err = ingest()
        .process(&mut store, &batch, SystemClock.now())
        .unwrap_err();
    assert!(err.is_temporary(), "{err}");
    let said = err.to_string();
    assert!(said.contains("disk holding the database is full"), "{said}");

    let store = Arc::new(Mutex::new(store));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let shutdown = CancellationToken::new();
    let reader = runtime.spawn(sources::run(
        ReaderDeps {
            ingest: ingest(),
            store: Arc::clone(&store),
            clock: Arc::new(SystemClock),
        },
        shutdown.clone(),
    ));
    // Whatever the reader managed in these seconds (it tried at least once), nothing may
    // have been acknowledged or committed.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(files(&inbox.join("cur")), 0);
    assert_eq!(count(&db, INBOUND), 0);
    store.lock().unwrap().cap_pages(None).unwrap();
    let lifted = Instant::now();
    wait_until(
        120,
        "the reader to catch up once the cap was lifted",
        || count(&db, INBOUND) == MESSAGES as i64 && files(&inbox.join("new")) == 0,
    );
    shutdown.cancel();
    runtime.block_on(reader).unwrap().unwrap();
    eprintln!(
        "page cap: the batch failed with \"{said}\"; 0 of {MESSAGES} acknowledged while capped; all committed {:.1} s after the cap was lifted",
        lifted.elapsed().as_secs_f64()
    );
}

/// A small xorshift generator: reproducible from its printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A random, non-zero seed for [`Rng`].
fn seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
        | 1
}

/// What `upward ingest` did with one message, judged by its exit and the rows it left.
#[derive(Debug, Default)]
struct PipeTally {
    committed: usize,
    duplicates: usize,
    refused: usize,
    tempfail: usize,
    killed_after_commit: usize,
    killed_before_commit: usize,
}

/// Pipes `raw` through `upward ingest`, SIGKILLing it after `kill_after` if given. Returns
/// the exit code (`None` when killed) and checks what the exit promised: 0 or 65 with the
/// row committed (or a duplicate), 75 with nothing new.
#[track_caller]
fn pipe(dir: &Path, db: &Path, raw: &[u8], kill_after: Option<Duration>, tally: &mut PipeTally) {
    let before = count(db, INBOUND);
    let mut child = command(dir, &["ingest", "-"]).spawn().unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all(raw);
    }
    if let Some(wait) = kill_after {
        std::thread::sleep(wait);
        let _ = child.kill();
    }
    let out = child.wait_with_output().unwrap();
    let after = count(db, INBOUND);
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        None if after > before => tally.killed_after_commit += 1,
        None => tally.killed_before_commit += 1,
        Some(0) if stderr.contains("already ingested") => {
            assert_eq!(after, before, "{stderr}");
            tally.duplicates += 1;
        }
        Some(0) => {
            assert_eq!(after, before + 1, "exit 0 without a commit: {stderr}");
            tally.committed += 1;
        }
        Some(65) => {
            assert_eq!(after, before + 1, "refused without a record: {stderr}");
            tally.refused += 1;
        }
        Some(75) => {
            assert_eq!(after, before, "exit 75 but committed: {stderr}");
            tally.tempfail += 1;
        }
        // An escaped panic exits 101 (a caught one, the parser's, prints but exits 0).
        other => panic!("exit {other:?}: {stderr}"),
    }
}

/// R7 (shortened: each `upward ingest` of a debug build takes a few tenths of a second):
/// corpus files, generated replies and the parser-panic fixture piped through `upward
/// ingest`, a third of them SIGKILLed at a random moment. Exit 0 means committed; the MTA's
/// retries of the killed ones commit what was lost; replaying everything adds no row.
#[test]
fn ingest_killed_at_random_commits_on_exit_0_only_and_a_replay_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (db, _, pairs) = program(d, 10, None);
    let mut corpus = Vec::new();
    all_files(&crate::ingest::corpus(), &mut corpus);
    corpus.sort();
    let mut inputs: Vec<Vec<u8>> = corpus
        .iter()
        .step_by(8)
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    inputs.extend((0..30).map(|i| reply(i, &pairs[i % pairs.len()], i % 2, 2 * i as u64)));
    let poison =
        std::fs::read(repo().join("tests/fixtures/fuzz/mail-parser-invalid-part-id.eml")).unwrap();
    inputs.push(poison.clone());
    let seed = seed();
    let mut rng = Rng(seed);
    let mut tally = PipeTally::default();
    let mut durations = Vec::new();
    let mut killed = Vec::new();
    for (i, raw) in inputs.iter().enumerate() {
        // Kill a third once the typical run time is known, at a random point from 40 % to
        // 120 % of it (the start-up before reading is the bulk of a run).
        let typical = durations.get(durations.len() / 2).copied();
        let kill = typical
            .filter(|_| rng.next().is_multiple_of(3))
            .map(|t: Duration| t * (40 + (rng.next() % 81) as u32) / 100);
        let started = Instant::now();
        let dead_before = tally.killed_after_commit + tally.killed_before_commit;
        pipe(d, &db, raw, kill, &mut tally);
        if tally.killed_after_commit + tally.killed_before_commit > dead_before {
            killed.push(i);
        } else if kill.is_none() {
            durations.push(started.elapsed());
            durations.sort();
        }
    }
    eprintln!(
        "R7 seed {seed}: {} inputs, first pass {tally:?}",
        inputs.len()
    );
    // The MTA retries what did not exit 0 or 65.
    let mut retries = PipeTally::default();
    for &i in &killed {
        pipe(d, &db, &inputs[i], None, &mut retries);
    }
    eprintln!("retries of the {} killed: {retries:?}", killed.len());
    let rows = count(&db, INBOUND);
    let mut replay = PipeTally::default();
    for raw in &inputs {
        pipe(d, &db, raw, None, &mut replay);
    }
    eprintln!("replay of all {}: {replay:?}", inputs.len());
    assert_eq!(count(&db, INBOUND), rows, "the replay added rows");
    assert_eq!(replay.committed + replay.refused, 0, "{replay:?}");
    assert!(
        tally.killed_after_commit + tally.killed_before_commit > 0,
        "nothing was killed"
    );
    // The parser-panic message is kept for review, once.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM inbound WHERE status = 'quarantined' AND reason LIKE '%parser failed%'"
        ),
        1
    );
    let ran = finish(&mut command(d, &["ingest", "-"]), &poison);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
}

/// R16: a message that makes the parser panic (the mail-parser panic the fuzzer found),
/// delivered into the Maildir among 100 good replies: quarantined on its first attempt,
/// the others processed, the daemon still running with no batch failing.
#[test]
fn a_poison_message_in_the_maildir_is_quarantined_at_once_and_the_rest_go_on() {
    const GOOD: usize = 100;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (db, inbox, pairs) = program(d, 5, None);
    let mut run = Run::reading(d);
    deliver_replies(&inbox, &pairs, 0..GOOD / 2);
    let poison =
        std::fs::read(repo().join("tests/fixtures/fuzz/mail-parser-invalid-part-id.eml")).unwrap();
    deliver(&inbox, "1700000000.M000050x.poison", &poison);
    deliver_replies(&inbox, &pairs, GOOD / 2..GOOD);
    wait_until(120, "the Maildir to be read", || {
        count(&db, INBOUND) == GOOD as i64 + 1 && files(&inbox.join("new")) == 0
    });
    let processed = count(
        &db,
        "SELECT count(*) FROM inbound WHERE status = 'processed'",
    );
    let quarantined: (i64, String) = open(&db)
        .query_row(
            "SELECT count(*), group_concat(reason) FROM inbound WHERE status = 'quarantined'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let panics = run.lines("a panic;").len();
    let failed = run.lines("could not be committed").len();
    let batches = run.lines("maildir batch committed").len();
    eprintln!(
        "poison among {GOOD}: {processed} processed, {} quarantined ({}), {panics} parser panic(s) caught, {batches} batch(es), {failed} failed batch(es)",
        quarantined.0, quarantined.1
    );
    assert_eq!(processed, GOOD as i64);
    assert_eq!(quarantined.0, 1);
    assert!(quarantined.1.contains("parser failed"), "{}", quarantined.1);
    assert!(panics <= 1, "the poison was tried {panics} times");
    assert_eq!(failed, 0);
    assert!(run.child.try_wait().unwrap().is_none(), "the daemon died");
    assert_eq!(run.stop(), Some(0));
}

/// The recorded quarantine of a message the pipeline died on: (rows, their reasons, bytes
/// of raw kept).
fn quarantined_by_the_reader(db: &Path) -> (i64, String, i64) {
    open(db)
        .query_row(
            "SELECT count(*), coalesce(group_concat(reason), ''), coalesce(sum(length(raw)), 0)
             FROM inbound WHERE status = 'quarantined' AND reason LIKE 'internal error%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// Marks the messages the debug-only fault hook panics on.
const MARK: &str = "X-Test-Fault: panic";

/// Delivers `good` replies with a marked one in their middle; returns the marked one.
fn deliver_with_poison(maildir: &Path, pairs: &[Pair], good: usize) -> Vec<u8> {
    deliver_replies(maildir, pairs, 0..good / 2);
    let mut poison = format!("{MARK}\r\n").into_bytes();
    poison.extend(reply(good, &pairs[0], 0, 2 * good as u64));
    deliver(
        maildir,
        &format!("1700000000.M{:06}x.poison", good / 2),
        &poison,
    );
    deliver_replies(maildir, pairs, good / 2..good);
    poison
}

/// R16 for a panic that escapes the pipeline (injected in debug builds through
/// `UPWARD_TEST_PANIC_ON`): the batch it is in fails, the reader goes on one message at a
/// time, commits the others, and after three attempts records the message as quarantined
/// with its bytes and moves it to cur/. The daemon keeps running.
#[test]
fn a_message_the_pipeline_dies_on_is_quarantined_after_three_attempts() {
    const GOOD: usize = 60;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (db, inbox, pairs) = program(d, 5, None);
    let mut run = Run::start_with(d, &[("UPWARD_TEST_PANIC_ON", MARK)]);
    run.wait_for("reading replies from the Maildir", 1, 60);
    let poison = deliver_with_poison(&inbox, &pairs, GOOD);
    wait_until(120, "every message to be committed", || {
        count(&db, INBOUND) == GOOD as i64 + 1 && files(&inbox.join("new")) == 0
    });
    let gave_up = run.wait_for("kept as quarantined for review", 1, 60);
    let panics = run.injected_panics();
    let (rows, reason, raw) = quarantined_by_the_reader(&db);
    eprintln!(
        "maildir, a panic on one of {}: {} processed, {rows} quarantined ({raw} bytes kept: {reason}), {} in cur/, {panics} attempt(s) on it",
        GOOD + 1,
        count(
            &db,
            "SELECT count(*) FROM inbound WHERE status = 'processed'"
        ),
        files(&inbox.join("cur"))
    );
    eprintln!("daemon said: {gave_up}");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM inbound WHERE status = 'processed'"
        ),
        GOOD as i64
    );
    assert_eq!((rows, raw), (1, poison.len() as i64));
    assert_eq!(files(&inbox.join("cur")), GOOD + 1);
    assert!(
        (1..=3).contains(&panics),
        "{panics} attempts:\n{}",
        run.log()
    );
    assert!(run.child.try_wait().unwrap().is_none(), "the daemon died");
    assert_eq!(run.stop(), Some(0));
}

/// R16 over IMAP: the same injected panic among messages in a real Dovecot mailbox. The
/// others are committed and flagged \Seen, the one at fault is quarantined after three
/// attempts and then flagged too.
#[test]
fn an_imap_message_the_pipeline_dies_on_is_quarantined_after_three_attempts() {
    const GOOD: usize = 20;
    let Some(fx) = ImapFixture::new() else {
        return;
    };
    let (db, pairs, unseen) = (&fx.db, &fx.pairs, &fx.unseen);
    let run = fx.start(&[("UPWARD_TEST_PANIC_ON", MARK)]);
    let mailbox = dovecot_maildir(&fx);
    let poison = deliver_with_poison(&mailbox, pairs, GOOD);
    wait_until(180, "every message to be committed", || {
        count(db, INBOUND) == GOOD as i64 + 1
    });
    wait_until(60, "every message to be flagged", || unseen() == 0);
    let panics = run.injected_panics();
    let (rows, reason, raw) = quarantined_by_the_reader(db);
    eprintln!(
        "imap, a panic on one of {}: {} processed, {rows} quarantined ({raw} bytes kept: {reason}), 0 unseen, {panics} attempt(s) on it",
        GOOD + 1,
        count(
            db,
            "SELECT count(*) FROM inbound WHERE status = 'processed'"
        ),
    );
    assert_eq!((rows, raw), (1, poison.len() as i64), "{}", run.log());
    assert!(
        (1..=3).contains(&panics),
        "{panics} attempts:\n{}",
        run.log()
    );
    assert_eq!(run.stop(), Some(0));
}

/// R16 through the MTA pipe: `upward ingest` on a message the pipeline dies on (the
/// injected panic) exits 0 with the message kept as quarantined with its bytes, rather than
/// 101 (which an MTA bounces); a replay adds nothing.
#[test]
fn ingest_keeps_a_message_the_pipeline_dies_on_as_quarantined() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (db, _, pairs) = program(d, 2, None);
    let mut poison = format!("{MARK}\r\n").into_bytes();
    poison.extend(reply(0, &pairs[0], 0, 0));
    let mut codes = Vec::new();
    for _ in 0..2 {
        let mut cmd = command(d, &["ingest", "-"]);
        cmd.env("UPWARD_TEST_PANIC_ON", MARK);
        let ran = finish(&mut cmd, &poison);
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
        assert!(ran.stderr.contains("kept for review"), "{}", ran.stderr);
        codes.push(ran.code);
    }
    let (rows, reason, raw) = quarantined_by_the_reader(&db);
    eprintln!(
        "pipe, a panic: exits {codes:?}, {rows} quarantined row ({raw} bytes kept: {reason})"
    );
    assert_eq!((rows, raw), (1, poison.len() as i64));
    assert_eq!(count(&db, INBOUND), 1);
}

/// Percentile `p` (0-100) of sorted durations, in milliseconds.
fn percentile(sorted: &[Duration], p: usize) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = (sorted.len() * p / 100).min(sorted.len() - 1);
    sorted[i].as_secs_f64() * 1000.0
}

/// R15 (short): 30 s of Maildir deliveries at 20 a second, `upward ingest` in a loop, the
/// daemon's sender delivering the confirmations, `status`/`export`/`report` reading, and a
/// probe writing small IMMEDIATE transactions, all on one database. No caller sees "database
/// is locked", the database stays intact, and the probe's write latency is printed.
#[test]
fn a_contention_soak_lets_no_busy_error_reach_a_caller() {
    const SECONDS: u64 = 30;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let (db, inbox, pairs) = program(&d, 20, None);
    let pairs = Arc::new(pairs);
    let run = Run::reading(&d);
    let until = Instant::now() + Duration::from_secs(SECONDS);

    let deliverer = {
        let (inbox, pairs) = (inbox.clone(), Arc::clone(&pairs));
        std::thread::spawn(move || {
            let mut n = 0;
            while Instant::now() < until {
                deliver_replies(&inbox, &pairs, n..n + 1);
                n += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            n
        })
    };
    let piper = {
        let (d, pairs) = (d.clone(), Arc::clone(&pairs));
        std::thread::spawn(move || {
            let mut latencies = Vec::new();
            let mut failures = Vec::new();
            let mut n = 100_000;
            while Instant::now() < until {
                // Its own days, far from the Maildir's, so each makes its own session.
                let raw = reply(n, &pairs[n % pairs.len()], n % 2, 5_000 + 2 * n as u64);
                let started = Instant::now();
                let ran = finish(&mut command(&d, &["ingest", "-"]), &raw);
                latencies.push(started.elapsed());
                if ran.code != Some(0) {
                    failures.push(format!("{:?}: {}", ran.code, ran.stderr));
                }
                n += 1;
            }
            (latencies, failures)
        })
    };
    let readers = {
        let d = d.clone();
        std::thread::spawn(move || {
            let mut runs = 0;
            let mut failures = Vec::new();
            let commands: [&[&str]; 3] = [&["status"], &["export", "sessions"], &["report"]];
            while Instant::now() < until {
                let ran = finish(&mut command(&d, commands[runs % 3]), b"");
                if ran.code != Some(0) || ran.stderr.contains("locked") {
                    failures.push(format!("{:?}: {}", ran.code, ran.stderr));
                }
                runs += 1;
            }
            (runs, failures)
        })
    };
    let probe = {
        let db = db.clone();
        std::thread::spawn(move || {
            let c = open(&db);
            let mut latencies = Vec::new();
            let mut errors = Vec::new();
            while Instant::now() < until {
                let started = Instant::now();
                let wrote = c.execute_batch(
                    "BEGIN IMMEDIATE; INSERT INTO events (at, kind) VALUES ('2024-01-01T00:00:00Z', 'soak_probe'); COMMIT;",
                );
                match wrote {
                    Ok(()) => latencies.push(started.elapsed()),
                    Err(e) => {
                        errors.push(e.to_string());
                        let _ = c.execute_batch("ROLLBACK");
                    }
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            latencies.sort();
            (latencies, errors)
        })
    };
    let delivered = deliverer.join().unwrap();
    let (mut piped, pipe_failures) = piper.join().unwrap();
    let (reads, read_failures) = readers.join().unwrap();
    let (probes, probe_errors) = probe.join().unwrap();
    let expected = (delivered + piped.len()) as i64;
    wait_until(180, "the soak's mail to be committed", || {
        count(&db, INBOUND) == expected && files(&inbox.join("new")) == 0
    });
    let integrity: String = open(&db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let locked = run.lines("locked").len() + run.lines("busy").len();
    let sent = count(&db, "SELECT count(*) FROM outbox WHERE state = 'sent'");
    piped.sort();
    eprintln!(
        "soak {SECONDS} s: {delivered} Maildir deliveries, {} piped ingests (p50 {:.0} ms, p99 {:.0} ms), {reads} status/export/report runs, {sent} emails sent; probe writes: {} (p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms); busy errors: daemon {locked}, ingest {}, readers {}, probe {}; integrity {integrity}",
        piped.len(),
        percentile(&piped, 50),
        percentile(&piped, 99),
        probes.len(),
        percentile(&probes, 50),
        percentile(&probes, 99),
        percentile(&probes, 100),
        pipe_failures.len(),
        read_failures.len(),
        probe_errors.len()
    );
    assert!(pipe_failures.is_empty(), "{pipe_failures:?}");
    assert!(read_failures.is_empty(), "{read_failures:?}");
    assert!(probe_errors.is_empty(), "{probe_errors:?}");
    assert_eq!(locked, 0, "{}", run.log());
    assert_eq!(integrity, "ok");
    assert_eq!(run.stop(), Some(0));
}

/// R15 / §2.4: every write transaction in the source opens IMMEDIATE (a DEFERRED one that
/// reads first gets SQLITE_BUSY without the busy handler). Single statements outside a
/// transaction take the write lock at once and are fine. A transaction that only reads (the
/// backup's snapshot) says so on the line before it, `// NOTE: read-only`, and is counted
/// apart.
#[test]
fn every_write_transaction_in_the_source_is_immediate() {
    let mut sources = Vec::new();
    all_files(&repo().join("src"), &mut sources);
    let mut stragglers = Vec::new();
    let mut immediate = 0;
    let mut read_only = 0;
    for path in sources
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        immediate += text.matches("TransactionBehavior::Immediate").count();
        let mut previous = "";
        for (n, line) in text.lines().enumerate() {
            let marked = previous.trim_start().starts_with("// NOTE: read-only");
            previous = line;
            let code = line.split("//").next().unwrap_or_default();
            let deferred = [
                ".transaction()",
                "unchecked_transaction(",
                "TransactionBehavior::Deferred",
                "\"BEGIN\"",
                "BEGIN;",
                "BEGIN DEFERRED",
            ];
            if deferred.iter().any(|d| code.contains(d)) && marked {
                read_only += 1;
            } else if deferred.iter().any(|d| code.contains(d)) {
                stragglers.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    eprintln!(
        "{} source files: {immediate} IMMEDIATE transactions, {read_only} read-only, {} other",
        sources.len(),
        stragglers.len()
    );
    assert!(immediate > 0);
    assert!(stragglers.is_empty(), "{stragglers:#?}");
}
