//! A whole program, as HR tries it before launch: `upward simulate --weeks 26` on generated
//! programs of 1,000 and 10,000 people, run as a child process of the release binary.
//! Run with `cargo bench --bench simulate`; see benches/README.md.
//!
//! Reported per size: wall time, user and system CPU, peak RSS, bytes the process caused to
//! be written to disk (the kernel's I/O accounting: `ru_oublock` from `wait4` is the child's
//! `write_bytes` of `/proc/PID/io` in 512-byte units), the emails written and their bytes
//! as sent, and the write amplification (bytes written / email bytes).
//!
//! `UPWARD_BENCH_BASELINE=/path/to/upward` also runs that binary on the same programs, one
//! right after the other, and prints the ratios new / baseline. `UPWARD_BENCH_SIZES=1000`
//! chooses the sizes; `UPWARD_BENCH_WEEKS` the weeks (26). `UPWARD_BENCH_WRITE=DIR` only
//! writes the program of the first size into DIR (for profiling by hand) and exits.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use upward::simulate::replies::Rng;

const TOPICS: &[&str] = &[
    "ai tools",
    "social media",
    "data literacy",
    "spreadsheets to python",
    "video content",
    "personal branding",
    "automation",
    "gen z perspective",
    "career path",
    "stakeholder management",
    "leading teams",
    "negotiation",
    "public speaking",
    "strategy",
    "budgeting",
    "hiring",
    "coaching",
    "writing",
    "networking",
    "long-term planning",
];

const ZONES: &[(&str, &str)] = &[
    ("Europe/London", "English"),
    ("Europe/Berlin", "German;English"),
    ("Europe/Paris", "French;English"),
    ("America/New_York", "English;Spanish"),
    ("Europe/Madrid", "Spanish;English"),
];

const DEPARTMENTS: &[&str] = &[
    "Marketing",
    "Engineering",
    "Finance",
    "Sales",
    "Legal",
    "Operations",
    "People",
    "Product",
];

/// `k` distinct topics.
fn topics<'a>(rng: &mut Rng, k: usize) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    while out.len() < k {
        let t = TOPICS[index(rng, TOPICS.len())];
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn index(rng: &mut Rng, n: usize) -> usize {
    rng.below(n as u64) as usize
}

/// Writes `program.toml` and `participants.csv` for `n` people (half mentors) into `dir`.
fn write_program(dir: &Path, n: usize) {
    let mut rng = Rng::new(n as u64);
    let mut csv = String::from(
        "name,email,role,level,department,manager,timezone,languages,offers,wants,capacity,exclude,hours\n",
    );
    for i in 0..n {
        let mentor = i % 2 == 0;
        let (zone, languages) = ZONES[index(&mut rng, ZONES.len())];
        let level = if mentor {
            1 + rng.below(3)
        } else {
            6 + rng.below(4)
        };
        let offers = topics(&mut rng, 3).join(";");
        let wants = topics(&mut rng, 2).join(";");
        let department = DEPARTMENTS[index(&mut rng, DEPARTMENTS.len())];
        let _ = writeln!(
            csv,
            "Person {i},p{i}@acme.example,{},{level},{department},,{zone},{languages},{offers},{wants},1,,08:30-17:30",
            if mentor { "mentor" } else { "mentee" }
        );
    }
    let program = r#"participants = "participants.csv"

[program]
name = "Acme Reverse Mentoring (benchmark)"
coordinator = "people-programs@acme.example"
from = "Acme Reverse Mentoring <mentoring@acme.example>"
reply_to = "mentoring+{token}@acme.example"
bounce_address = "bounces+{token}@acme.example"
timezone = "Europe/London"
start = 2026-11-02
end = 2027-04-30
secret_file = "secret"
propose_first_meeting = true

[pairing]
min_level_gap = 3
different_department = true
require_common_language = true
min_overlap_minutes = 60
rematch_every_weeks = 12

[schedule]
prompts = "0 9 * * MON"
hr_digest = "0 8 * * MON"
participant_digest = "0 8 1 * *"
nudge_after_days = 14
"#;
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text)
            .unwrap_or_else(|e| panic!("writing {name} in {}: {e}", dir.display()));
    };
    write("participants.csv", &csv);
    write("program.toml", program);
    write(
        "secret",
        "benchmark-secret-0123456789abcdef0123456789abcdef",
    );
}

/// What one run cost.
struct Run {
    wall: Duration,
    user: Duration,
    system: Duration,
    peak_kib: u64,
    written: u64,
    emails: usize,
    email_bytes: u64,
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Runs `binary simulate` on the program in `program`, writing into a new `out` folder, and
/// waits for it with `wait4` to read its own resource use.
// NOTE: the child is reaped by `wait4`, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run(binary: &Path, program: &Path, out: &Path, weeks: u32) -> Run {
    let started = Instant::now();
    let child = Command::new(binary)
        .arg("--config")
        .arg(program.join("program.toml"))
        .args(["simulate", "--weeks", &weeks.to_string(), "--out"])
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(out.with_extension("stderr")).expect("a file for its stderr"))
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct written by the kernel; the pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "wait4 on the simulation");
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let log = std::fs::read_to_string(out.with_extension("stderr")).unwrap_or_default();
        let end: Vec<&str> = log.lines().rev().take(20).collect();
        panic!(
            "{} simulate failed (status {status}); the end of its stderr:\n{}",
            binary.display(),
            end.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    // The emails as sent (lines ending in CRLF), from a mbox file a simulated week, or from
    // a file each for a binary from before the mbox files.
    let mut emails = 0;
    let mut email_bytes = 0;
    for entry in std::fs::read_dir(out.join("outbox")).expect("reading the outbox") {
        let path = entry.expect("an outbox entry").path();
        if path.extension().is_some_and(|e| e == "mbox") {
            for email in upward::simulate::mbox::read(&path).expect("reading a week's mbox") {
                emails += 1;
                email_bytes += email.len() as u64;
            }
        } else {
            emails += 1;
            email_bytes += path.metadata().expect("its size").len();
        }
    }
    Run {
        wall,
        user: timeval(usage.ru_utime),
        system: timeval(usage.ru_stime),
        peak_kib: usage.ru_maxrss as u64,
        written: usage.ru_oublock as u64 * 512,
        emails,
        email_bytes,
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn line(label: &str, n: usize, r: &Run) {
    println!(
        "{n:>6} {label:<8} {:>7.1} {:>7.1} {:>7.1} {:>8.0} {:>9.0} {:>8} {:>9.0} {:>6.2}",
        r.wall.as_secs_f64(),
        r.user.as_secs_f64(),
        r.system.as_secs_f64(),
        r.peak_kib as f64 / 1024.0,
        mib(r.written),
        r.emails,
        mib(r.email_bytes),
        r.written as f64 / r.email_bytes.max(1) as f64,
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::var("UPWARD_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    let weeks: u32 = std::env::var("UPWARD_BENCH_WEEKS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(26);
    if let Some(dir) = std::env::var_os("UPWARD_BENCH_WRITE") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("the folder to write the program into");
        write_program(&dir, sizes.first().copied().unwrap_or(1_000));
        println!("wrote {}", dir.join("program.toml").display());
        return;
    }
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_upward"));
    let baseline = std::env::var_os("UPWARD_BENCH_BASELINE").map(PathBuf::from);
    // On the disk, not a tmpfs: the bytes written are the point.
    let root = tempfile::Builder::new()
        .prefix("upward-simulate-bench")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("a work folder");
    println!("upward simulate --weeks {weeks}, one run per binary and size");
    println!(
        "{:>6} {:<8} {:>7} {:>7} {:>7} {:>8} {:>9} {:>8} {:>9} {:>6}",
        "people",
        "binary",
        "wall s",
        "user s",
        "sys s",
        "peak MiB",
        "disk MiB",
        "emails",
        "mail MiB",
        "write×"
    );
    for n in sizes {
        let program = root.path().join(format!("program-{n}"));
        std::fs::create_dir_all(&program).expect("a program folder");
        write_program(&program, n);
        let new = run(
            &binary,
            &program,
            &root.path().join(format!("new-{n}")),
            weeks,
        );
        line("upward", n, &new);
        if let Some(base) = &baseline {
            let old = run(
                base,
                &program,
                &root.path().join(format!("base-{n}")),
                weeks,
            );
            line("baseline", n, &old);
            println!(
                "{n:>6} {:<8} {:>7.2} {:>7.2} {:>7.2} {:>8.2} {:>9.2}",
                "new/base",
                new.wall.as_secs_f64() / old.wall.as_secs_f64(),
                new.user.as_secs_f64() / old.user.as_secs_f64().max(1e-9),
                new.system.as_secs_f64() / old.system.as_secs_f64().max(1e-9),
                new.peak_kib as f64 / old.peak_kib.max(1) as f64,
                new.written as f64 / old.written.max(1) as f64,
            );
        }
        // Free the disk before the next size.
        let _ = std::fs::remove_dir_all(root.path().join(format!("new-{n}")));
        let _ = std::fs::remove_dir_all(root.path().join(format!("base-{n}")));
        // NOTE: ext4 without a journal (this machine's disk) passes over inodes freed less
        // than 30 s ago when it makes a file; right after deleting 100,000 .eml files (a
        // baseline's), making the next run's files took most of its time. Let them age first.
        std::thread::sleep(Duration::from_secs(35));
    }
}
