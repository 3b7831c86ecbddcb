//! The HR digest's figures on a large log: 1,000,000 sessions (and about 1.1 million
//! feedbacks, one in a hundred meetings disputed by the partner) over 10,000 pairs, seeded
//! through the store's API, then `digest::weekly` timed against a full-table scan of the same
//! data (sessions and feedback grouped by pair) in the same run.
//! Run with `cargo bench --bench digest`; the target is under 150 ms for the figures.
//! Seeding takes minutes: with `UPWARD_BENCH_DIR=DIR` the seeded database is kept in DIR and
//! reused by later runs (delete DIR to seed again).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use upward::Config;
use upward::digest;
use upward::store::{NewPair, Report, Store};

const PAIRS: usize = 10_000;
const SESSIONS_PER_PAIR: usize = 100;
/// Every tenth meeting is reported by both partners (one session, two feedbacks).
const BOTH_REPORT_EVERY: usize = 10;
/// About one meeting in a hundred, the partner says it did not happen (cancelled by the
/// mentee): a contradiction and a cancellation for the digest to find.
const DISPUTED_EVERY: usize = 97;
const BATCH: usize = 20_000;
const RUNS: usize = 15;

const TOPICS: [&str; 20] = [
    "ai tools",
    "social media",
    "video content",
    "data literacy",
    "automation",
    "spreadsheets to python",
    "personal branding",
    "gen z perspective",
    "remote work",
    "cyber hygiene",
    "career path",
    "negotiation",
    "stakeholder management",
    "strategy",
    "public speaking",
    "leading teams",
    "budgeting",
    "board communication",
    "customer insight",
    "hiring",
];

/// xorshift64*: a deterministic stream of pseudo-random numbers (seed not zero).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn write_program(dir: &std::path::Path) -> Config {
    let mut csv = String::from("name,email,role,level,department,timezone,offers,wants\n");
    for i in 0..PAIRS {
        let _ = writeln!(
            csv,
            "Mentor {i},m{i}@acme.example,mentor,1,D{},Europe/London,{};{},{}",
            i % 30,
            TOPICS[i % 10],
            TOPICS[(i + 3) % 10],
            TOPICS[10 + i % 10]
        );
        let _ = writeln!(
            csv,
            "Mentee {i},e{i}@acme.example,mentee,6,D{},Europe/London,{},{}",
            (i + 1) % 30,
            TOPICS[10 + i % 10],
            TOPICS[i % 10]
        );
    }
    std::fs::write(dir.join("participants.csv"), csv).expect("write the participants");
    let program = format!(
        r#"participants = "participants.csv"

[program]
name = "Benchmark"
coordinator = "hr@acme.example"
from = "Mentoring <mentoring@acme.example>"
reply_to = "mentoring+{{token}}@acme.example"
timezone = "Europe/London"
start = 2026-01-05
end = 2026-12-31

[store]
path = "{}"
"#,
        dir.join("upward.db").display()
    );
    let path = dir.join("program.toml");
    std::fs::write(&path, program).expect("write the program");
    match Config::load(&path) {
        Ok(c) => c,
        Err(issues) => panic!("{issues:#?}"),
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Seeds the store through its API: the participants, one round of [`PAIRS`] pairs, and the
/// reports. Returns (sessions, feedbacks).
fn seed(config: &Config, store: &mut Store) -> (usize, usize) {
    let now = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
    store
        .sync_participants(&config.participants, now)
        .expect("sync participants");
    let pairs: Vec<NewPair> = (0..PAIRS)
        .map(|i| NewPair {
            mentor: format!("m{i}@acme.example"),
            mentee: format!("e{i}@acme.example"),
            score: 10,
            reasons: "benchmark".into(),
        })
        .collect();
    let round = store
        .create_round("benchmark", &pairs, now)
        .expect("create the round");
    let ids: Vec<(i64, i64)> = (0..PAIRS)
        .map(|i| {
            let id = |e: String| store.participant_id(&e).expect("read").expect("known");
            (
                id(format!("m{i}@acme.example")),
                id(format!("e{i}@acme.example")),
            )
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date");
    let mut rng = Rng(42);
    let mut batch: Vec<Report> = Vec::with_capacity(BATCH + BATCH / BOTH_REPORT_EVERY);
    let mut sessions = 0usize;
    let mut feedbacks = 0usize;
    // NOTE: session k of every pair is on day 2k (or 2k + 1): two reports of one pair at
    // most a day apart would be one meeting, so meetings are two days apart.
    for k in 0..SESSIONS_PER_PAIR {
        for (p, (pair_id, (mentor, mentee))) in round.pair_ids.iter().zip(&ids).enumerate() {
            let date = start + chrono::Duration::days((2 * k + p % 2) as i64);
            let topics: Vec<String> = (0..1 + rng.below(2))
                .map(|_| TOPICS[rng.below(20) as usize].to_string())
                .collect();
            let rating = (rng.below(5) != 0).then(|| 1 + rng.below(5) as u8);
            let minutes = Some(30 + rng.below(61) as u32);
            let (who, partner) = if rng.below(2) == 0 {
                (*mentor, *mentee)
            } else {
                (*mentee, *mentor)
            };
            let report = Report {
                pair_id: *pair_id,
                participant_id: who,
                inbound_id: None,
                met: Some(true),
                date,
                minutes,
                topics,
                rating,
                notes: (rng.below(100) == 0).then(|| "a good conversation".to_string()),
                flagged: false,
                cancelled_by: None,
            };
            let n = k * PAIRS + p;
            if n.is_multiple_of(BOTH_REPORT_EVERY) {
                let mut theirs = report.clone();
                theirs.participant_id = partner;
                theirs.rating = Some(1 + rng.below(5) as u8);
                batch.push(report);
                batch.push(theirs);
            } else if n % DISPUTED_EVERY == 3 {
                let mut theirs = report.clone();
                theirs.participant_id = partner;
                theirs.met = Some(false);
                theirs.minutes = None;
                theirs.topics = Vec::new();
                theirs.rating = None;
                theirs.cancelled_by = Some(upward::config::Role::Mentee);
                batch.push(report);
                batch.push(theirs);
            } else {
                batch.push(report);
            }
            sessions += 1;
            if batch.len() >= BATCH {
                feedbacks += batch.len();
                store.record_reports(&batch, now).expect("record reports");
                batch.clear();
            }
        }
    }
    feedbacks += batch.len();
    store.record_reports(&batch, now).expect("record reports");
    (sessions, feedbacks)
}

fn main() {
    let temp = tempfile::tempdir().expect("a temporary directory");
    let dir = std::env::var_os("UPWARD_BENCH_DIR")
        .map_or_else(|| temp.path().to_path_buf(), std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).expect("create the benchmark directory");
    let counts = dir.join("seeded.txt");
    let seeded_before = dir.join("upward.db").exists() && counts.exists();
    let config = write_program(&dir);
    let mut store = Store::open(&config.store.path).expect("open the store");
    let seeding = Instant::now();
    let (sessions, feedbacks) = if seeded_before {
        let text = std::fs::read_to_string(&counts).expect("read the counts");
        let mut n = text.split_whitespace().map(|w| w.parse().expect("a count"));
        (n.next().unwrap_or(0), n.next().unwrap_or(0))
    } else {
        let seeded = seed(&config, &mut store);
        std::fs::write(&counts, format!("{} {}\n", seeded.0, seeded.1)).expect("write counts");
        seeded
    };
    println!(
        "{PAIRS} pairs, {sessions} sessions, {feedbacks} feedbacks ({})",
        if seeded_before {
            "seeded by an earlier run".to_string()
        } else {
            format!("seeded in {:.1} s", seeding.elapsed().as_secs_f64())
        }
    );

    // The Monday after the last meetings: the digest's week holds the last few of them.
    let monday = Utc.with_ymd_and_hms(2026, 7, 27, 7, 0, 0).unwrap();
    let time_figures = |config: &Config| {
        let mut times = Vec::with_capacity(RUNS);
        let mut figures = None;
        for _ in 0..RUNS {
            let t = Instant::now();
            figures = Some(std::hint::black_box(
                digest::weekly(config, &store, monday).expect("the figures"),
            ));
            times.push(t.elapsed());
        }
        (times, figures.expect("at least one run"))
    };
    let (digest_times, figures) = time_figures(&config);
    assert_eq!(figures.to_date.sessions as usize, sessions);
    assert_eq!(figures.pairs.active, PAIRS);
    let mut quoting = config.clone();
    quoting.privacy.hr_feedback = upward::config::FeedbackVisibility::Quotes;
    let (quote_times, quoted) = time_figures(&quoting);
    assert!(!quoted.quotes.is_empty());

    // NOTE: the baseline reads the same file with its own connection: the store has no
    // business offering a full scan, and a benchmark may speak SQL.
    let conn = rusqlite::Connection::open(&config.store.path).expect("open for the scan");
    let mut scan_times = Vec::with_capacity(RUNS / 3);
    let mut scanned = (0i64, 0i64);
    for _ in 0..RUNS / 3 {
        let t = Instant::now();
        let mut s = conn
            .prepare("SELECT pair_id, count(*), sum(minutes) FROM sessions GROUP BY pair_id")
            .expect("prepare");
        let sessions_rows: i64 = s
            .query_map([], |r| r.get::<_, i64>(1))
            .expect("scan sessions")
            .map(|r| r.expect("a row"))
            .sum();
        let mut f = conn
            .prepare(
                "SELECT pair_id, count(rating), sum(rating), count(*) FROM feedback GROUP BY pair_id",
            )
            .expect("prepare");
        let feedback_rows: i64 = f
            .query_map([], |r| r.get::<_, i64>(3))
            .expect("scan feedback")
            .map(|r| r.expect("a row"))
            .sum();
        scanned = (sessions_rows, feedback_rows);
        scan_times.push(t.elapsed());
    }
    assert_eq!(scanned.0 as usize, sessions);
    assert_eq!(scanned.1 as usize, feedbacks);

    let digest_median = median(digest_times.clone());
    let digest_best = digest_times.iter().min().copied().unwrap_or_default();
    let scan_median = median(scan_times);
    println!(
        "digest::weekly  median {:8.1} ms  best {:8.1} ms  ({RUNS} runs; period {} to {}: {} sessions)",
        ms(digest_median),
        ms(digest_best),
        figures.period_from,
        figures.period_to,
        figures.period.sessions
    );
    println!(
        "  with quotes   median {:8.1} ms  best {:8.1} ms  ([privacy] hr_feedback = \"quotes\")",
        ms(median(quote_times.clone())),
        ms(quote_times.iter().min().copied().unwrap_or_default())
    );
    println!(
        "  found: {} contradicting pairs, {} meetings cancelled by mentees, {} pairs gone silent",
        figures.contradictions.len(),
        figures.cancelled_by_mentee,
        figures.pairs.at_risk.len()
    );
    println!(
        "full scan       median {:8.1} ms  ({} runs; sessions and feedback grouped by pair)",
        ms(scan_median),
        RUNS / 3
    );
    println!(
        "ratio digest / scan: {:.3}; target under 150 ms: {}",
        digest_median.as_secs_f64() / scan_median.as_secs_f64(),
        if ms(digest_median) < 150.0 {
            "met"
        } else {
            "MISSED"
        }
    );
}
