//! Inbound throughput end to end: 20,000 replies (~3 KB, with quoted history and a signature;
//! every fifth multipart/alternative with HTML) from the partners of 1,000 pairs, delivered
//! into a Maildir, read by the daemon's own Maildir reader (parse, classify, route,
//! authorize, trim, extract, commit in batches with a confirmation drafted per report, move
//! to cur/), against bare mail-parser parsing of the same files in the same run.
//! Run with `cargo bench --bench ingest`; see benches/README.md.
//!
//! Reported, each as messages per second:
//! - bare parse, files: read every file of new/ and parse it with mail-parser, nothing else;
//!   and the same over the same files in cur/ after the pipeline;
//! - bare parse, memory: the same bytes already in memory;
//! - pure stages: `Ingest::inspect_all` on the bytes in memory (no store);
//! - end to end: from the reader's start until new/ is empty and every message committed
//!   (its record, session, feedback and drafted confirmation);
//! - then the confirmations composed into the outbox, which the reader does once it has
//!   read all that was waiting.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use mail_parser::MessageParser;
use tokio_util::sync::CancellationToken;
use upward::config::Config;
use upward::inbound::process::sources::{self, ReaderDeps};
use upward::inbound::process::{Incoming, Ingest};
use upward::outbound::token::{Purpose, TokenClaims};
use upward::outbound::{Composer, Templates, TokenKey};
use upward::schedule::SystemClock;
use upward::store::{NewPair, Store};

/// Messages generated; `UPWARD_BENCH_MESSAGES` sets another count for a quick or profiled run.
const MESSAGES: usize = 20_000;

fn messages() -> usize {
    std::env::var("UPWARD_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(MESSAGES)
}
const PAIRS: usize = 1_000;

const PROGRAM: &str = r#"
[program]
name = "Benchmark"
coordinator = "hr@acme.example"
from = "Mentoring <mentoring@acme.example>"
reply_to = "mentoring+{token}@acme.example"
bounce_address = "bounces+{token}@acme.example"
timezone = "Europe/London"
start = 2026-11-02
end = 2027-06-30

[pairing]
min_level_gap = 1
different_department = false

[pairing.synonyms]
"chatgpt" = "ai tools"
"#;

const OPENINGS: &[&str] = &[
    "We met yesterday for about an hour and talked about negotiation and AI tools.",
    "Met: yes\nDate: 10/11/2026\nMinutes: 45\nTopics: social media, career path\nRating 1-5: 4\nNotes: good session",
    "Wir haben uns gestern getroffen, anderthalb Stunden, sehr gut. 4 von 5.",
    "On s'est vus mardi dernier pendant une heure, c'était top. Note : 5/5",
    "We didn't manage this week, sorry. Next week for sure!",
];

fn config() -> Config {
    let mut text = PROGRAM.to_string();
    for i in 0..PAIRS {
        for (role, level) in [("mentor", 1), ("mentee", 6)] {
            text.push_str(&format!(
                "\n[[participants]]\nname = \"{role} {i}\"\nemail = \"{role}{i}@acme.example\"\nrole = \"{role}\"\nlevel = {level}\ntimezone = \"Europe/London\"\noffers = [\"ai tools\", \"negotiation\"]\nwants = [\"social media\", \"career path\"]\n"
            ));
        }
    }
    match Config::from_str(&text, Path::new("bench/program.toml")) {
        Ok(c) => c,
        Err(issues) => panic!("benchmark config: {issues:?}"),
    }
}

/// One reply of about 3 KB from a partner of `pair`, to the prompt's tokened address.
fn message(i: usize, pair: i64, from: &str, token: &str) -> Vec<u8> {
    let opening = OPENINGS[i % OPENINGS.len()];
    let mut quote = String::new();
    while quote.len() < 2_000 {
        quote.push_str(
            "> How did this week go? Reply in your own words, or fill in the short form below.\n>\n",
        );
    }
    let text = format!(
        "{opening}\n\nBest regards,\nPerson {i}\nTeam {t} | Acme\n+44 20 7946 {n:04}\n\nOn Mon, Nov 9, 2026 at 9:00 AM Acme Reverse Mentoring <mentoring+{token}@acme.example> wrote:\n{quote}",
        t = i % 17,
        n = i % 10_000
    );
    let headers = format!(
        "Return-Path: <{from}>\nDelivered-To: mentoring+{token}@acme.example\nFrom: Person {i} <{from}>\nTo: Acme Reverse Mentoring <mentoring+{token}@acme.example>\nSubject: Re: How did this week go? (pair {pair})\nDate: Thu, 12 Nov 2026 10:{m:02}:00 +0000\nMessage-ID: <m{i}.{pair}@mail.acme.example>\nIn-Reply-To: <prompt.{pair}@acme.example>\nMIME-Version: 1.0\n",
        m = i % 60
    );
    let raw = if i.is_multiple_of(5) {
        format!(
            "{headers}Content-Type: multipart/alternative; boundary=\"b{i}\"\n\n--b{i}\nContent-Type: text/plain; charset=utf-8\n\n{text}\n--b{i}\nContent-Type: text/html; charset=utf-8\n\n<div>{opening}</div><blockquote>How did this week go?</blockquote>\n--b{i}--\n"
        )
    } else {
        format!("{headers}Content-Type: text/plain; charset=utf-8\n\n{text}")
    };
    raw.into_bytes()
}

/// Reads every file of `dir` and parses it with mail-parser, nothing else: the wall time and
/// the CPU time (user, system).
fn bare_parse(
    parser: &MessageParser,
    dir: &Path,
    expected: usize,
) -> (Duration, (Duration, Duration)) {
    let start = Instant::now();
    let cpu_start = cpu_time();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut parsed = 0usize;
    for path in &names {
        let raw = std::fs::read(path).unwrap_or_default();
        parsed += usize::from(parser.parse(std::hint::black_box(&raw)).is_some());
    }
    let took = (start.elapsed(), cpu_since(cpu_start));
    assert_eq!(parsed, expected);
    took
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |r| r.count())
}

/// CPU time (user + system) this process has used so far: a cost that does not depend on
/// what else the machine runs, unlike the wall-clock rates.
fn cpu_time() -> (Duration, Duration) {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    (tv(usage.ru_utime), tv(usage.ru_stime))
}

fn cpu_since(start: (Duration, Duration)) -> (Duration, Duration) {
    let now = cpu_time();
    (now.0 - start.0, now.1 - start.1)
}

fn micros_each(n: usize, d: Duration) -> f64 {
    d.as_secs_f64() * 1e6 / n as f64
}

fn rate(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

fn main() {
    let messages = messages();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let maildir = dir.path().join("inbox");
    let mut config = config();
    config.inbound.maildir = maildir.clone();
    let config = Arc::new(config);
    let key = TokenKey::new("benchmark key");
    let now: DateTime<Utc> = "2026-11-12T12:00:00Z".parse().unwrap_or_default();

    let mut store = Store::open(&dir.path().join("upward.db")).unwrap_or_else(|e| panic!("{e}"));
    store
        .sync_participants(&config.participants, now)
        .unwrap_or_else(|e| panic!("{e}"));
    let pairs: Vec<NewPair> = (0..PAIRS)
        .map(|i| NewPair {
            mentor: format!("mentor{i}@acme.example"),
            mentee: format!("mentee{i}@acme.example"),
            score: 10,
            reasons: "benchmark".into(),
        })
        .collect();
    let round = store
        .create_round("benchmark", &pairs, now)
        .unwrap_or_else(|e| panic!("{e}"));

    // The Maildir: every message written to tmp/ and renamed into new/, as an MDA does.
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap_or_else(|e| panic!("{e}"));
    }
    let mut memory = Vec::with_capacity(messages);
    let mut bytes = 0usize;
    for i in 0..messages {
        let p = i % PAIRS;
        let pair = round.pair_ids[p];
        let (role, person) = if i % 2 == 0 {
            (
                "mentor",
                store.participant_id(&format!("mentor{p}@acme.example")),
            )
        } else {
            (
                "mentee",
                store.participant_id(&format!("mentee{p}@acme.example")),
            )
        };
        let person = person.ok().flatten().unwrap_or(0);
        let token = key.sign(TokenClaims {
            pair: pair as u64,
            person: person as u64,
            purpose: Purpose::Reply,
        });
        let raw = message(i, pair, &format!("{role}{p}@acme.example"), &token);
        bytes += raw.len();
        let name = format!("1700000000.{i:06}.bench");
        std::fs::write(maildir.join("tmp").join(&name), &raw).unwrap_or_else(|e| panic!("{e}"));
        std::fs::rename(
            maildir.join("tmp").join(&name),
            maildir.join("new").join(&name),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        memory.push(raw);
    }
    println!(
        "{messages} messages, {:.1} KB average, from the partners of {PAIRS} pairs",
        bytes as f64 / messages as f64 / 1024.0
    );

    // Bare mail-parser on the same files: read each one from new/ and parse it.
    let parser = MessageParser::default();
    let (bare_files, bare_files_cpu) = bare_parse(&parser, &maildir.join("new"), messages);

    let start = Instant::now();
    for raw in &memory {
        std::hint::black_box(parser.parse(std::hint::black_box(raw)));
    }
    let bare_memory = start.elapsed();

    let composer = Composer::with_key(
        Arc::clone(&config),
        Templates::builtin().unwrap_or_else(|e| panic!("{e:?}")),
        key.clone(),
    );
    let mut pure = Ingest::with_composer(composer);
    let incoming: Vec<Incoming> = memory
        .iter()
        .map(|r| Incoming::new(r.clone(), "maildir"))
        .collect();
    let start = Instant::now();
    let inspections = pure.inspect_all(&incoming, now);
    let pure_time = start.elapsed();
    let replies = inspections
        .iter()
        .filter(|i| i.kind == upward::vocab::InboundKind::Reply)
        .count();
    drop(inspections);

    // End to end through the daemon's Maildir reader.
    let composer = Composer::with_key(
        Arc::clone(&config),
        Templates::builtin().unwrap_or_else(|e| panic!("{e:?}")),
        key,
    );
    let store = Arc::new(Mutex::new(store));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let shutdown = CancellationToken::new();
    let start = Instant::now();
    let cpu_start = cpu_time();
    let reader = runtime.spawn(sources::run(
        ReaderDeps {
            ingest: Ingest::with_composer(composer),
            store: Arc::clone(&store),
            clock: Arc::new(SystemClock),
        },
        shutdown.clone(),
    ));
    // NOTE: progress is read from the database (the newest inbound row, an index lookup),
    // then new/ is looked at until the last moves are done: listing a directory that held
    // 20,000 names costs a millisecond or more even once it is empty, and polling it all
    // along took a core's tenth from the reader.
    let watcher =
        rusqlite::Connection::open(dir.path().join("upward.db")).unwrap_or_else(|e| panic!("{e}"));
    let committed = || -> i64 {
        watcher
            .query_row("SELECT coalesce(max(id), 0) FROM inbound", [], |r| r.get(0))
            .unwrap_or(0)
    };
    while committed() < messages as i64 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let new_dir = maildir.join("new");
    while std::fs::read_dir(&new_dir).is_ok_and(|mut d| d.next().is_some()) {
        std::thread::sleep(Duration::from_millis(2));
    }
    let end_to_end = start.elapsed();
    let end_to_end_cpu = cpu_since(cpu_start);
    // The confirmations drafted with the reports are composed into the outbox once the
    // reader has read all that was waiting: timed on their own, from the end of the above.
    let compose_start = Instant::now();
    let compose_cpu_start = cpu_time();
    let drafts_left = || -> i64 {
        watcher
            .query_row("SELECT count(*) FROM drafts", [], |r| r.get(0))
            .unwrap_or(1)
    };
    while drafts_left() > 0 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let composing = compose_start.elapsed();
    let composing_cpu = cpu_since(compose_cpu_start);
    shutdown.cancel();
    if let Ok(Err(err)) = runtime.block_on(reader) {
        panic!("reader: {err:#}");
    }

    let store = store.lock().unwrap_or_else(|p| p.into_inner());
    let counts = store.inbound_counts().unwrap_or_default();
    let outbox = store.outbox_counts().unwrap_or_default();
    println!("inbound rows: {counts:?}; outbox: {outbox:?}");
    assert_eq!(count_files(&maildir.join("cur")), messages);
    assert_eq!(
        counts.iter().map(|(_, n)| *n).sum::<i64>(),
        messages as i64,
        "every message recorded"
    );

    // NOTE: the same bare pass again, over the same files now in cur/: this machine's speed
    // drifts by up to half within a run (other tenants), so the ratio is also given against
    // the mean of the passes before and after the pipeline.
    let (bare_after, bare_after_cpu) = bare_parse(&parser, &maildir.join("cur"), messages);
    let bare_f = rate(messages, bare_files);
    let bare_a = rate(messages, bare_after);
    let bare_mean = (bare_f + bare_a) / 2.0;
    let bare_m = rate(messages, bare_memory);
    let e2e = rate(messages, end_to_end);
    println!(
        "bare mail-parser, read files + parse: {bare_f:>9.0} msg/s before, {bare_a:.0} msg/s after the pipeline"
    );
    println!("bare mail-parser, parse from memory:  {bare_m:>9.0} msg/s");
    println!(
        "pure stages (inspect_all, {} threads):  {:>9.0} msg/s ({replies} replies)",
        std::thread::available_parallelism().map_or(1, usize::from),
        rate(messages, pure_time)
    );
    println!("end to end (Maildir reader, commit, cur/): {e2e:>9.0} msg/s");
    let answers = outbox.iter().map(|(_, n)| *n).sum::<i64>();
    println!(
        "then composing the {answers} confirmations into the outbox: {:.0} answers/s ({:.1} us CPU each)",
        rate(answers as usize, composing),
        micros_each(answers as usize, composing_cpu.0 + composing_cpu.1)
    );
    println!(
        "ratio end to end / bare parse of the files: {:.3} (before), {:.3} (after), {:.3} (their mean)",
        e2e / bare_f,
        e2e / bare_a,
        e2e / bare_mean
    );
    println!(
        "ratio end to end / bare parse in memory:    {:.3}",
        e2e / bare_m
    );
    // NOTE: the end-to-end CPU includes the bench's own polling of the database, a few
    // queries every 5 ms: small against the pipeline, and it only makes upward look worse.
    let bare_cpu = micros_each(
        2 * messages,
        bare_files_cpu.0 + bare_files_cpu.1 + bare_after_cpu.0 + bare_after_cpu.1,
    );
    let (user, system) = (
        micros_each(messages, end_to_end_cpu.0),
        micros_each(messages, end_to_end_cpu.1),
    );
    let e2e_cpu = user + system;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "CPU per message: bare parse of the files {bare_cpu:.1} us, end to end {e2e_cpu:.1} us ({user:.1} user + {system:.1} system; ratio {:.3}); on {cores} idle cores that is at most {:.0} msg/s end to end",
        bare_cpu / e2e_cpu,
        cores as f64 * 1e6 / e2e_cpu
    );
}
