//! Throughput of the inbound pipeline's pure stages (parse, classify, trim, extract) on
//! 20,000 generated ~3 KB replies, against bare mail-parser parsing of the same bytes, in
//! the same run; then the same on the reply corpus (`tests/fixtures/replies`: realistic
//! replies in five languages from fifteen mail clients, read in the example program's
//! context), repeated to as many messages. Run with `cargo bench --bench inbound_parse`;
//! `UPWARD_BENCH_MESSAGES` sets another count, `UPWARD_BENCH_ONLY=corpus` skips the
//! generated replies (for a profile of the reading rules).

use std::hint::black_box;
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use mail_parser::MessageParser;
use upward::inbound::{Context, extract::Vocabulary, inspect};

/// Messages per part; `UPWARD_BENCH_MESSAGES` sets another count.
fn messages_wanted() -> usize {
    std::env::var("UPWARD_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

const OPENINGS: &[&str] = &[
    "We met yesterday for about an hour and talked about negotiation and AI tools.",
    "Met: yes\nDate: 10/11/2026\nMinutes: 45\nTopics: social media, career path\nRating 1-5: 4\nNotes: good session",
    "Wir haben uns gestern getroffen, anderthalb Stunden, sehr gut. 4 von 5.",
    "On s'est vus mardi dernier pendant une heure, c'était top. Note : 5/5",
    "We didn't manage this week, sorry. Next week for sure!",
];

/// One reply of about 3 KB: new text, a signature and quoted history; every fifth one is
/// multipart/alternative with an HTML part.
fn message(i: usize) -> Vec<u8> {
    let opening = OPENINGS[i % OPENINGS.len()];
    let mut quote = String::new();
    while quote.len() < 2_000 {
        quote.push_str("> How did this week go? Reply in your own words, or fill in the short form below.\n>\n");
    }
    let text = format!(
        "{opening}\n\nBest regards,\nPerson {i}\nTeam {t} | Acme\n+44 20 7946 {i:04}\n\nOn Mon, Nov 9, 2026 at 9:00 AM Acme Reverse Mentoring <mentoring+tok{i}@acme.example> wrote:\n{quote}",
        t = i % 17
    );
    let headers = format!(
        "From: Person {i} <person{i}@acme.example>\nTo: mentoring+tok{i}@acme.example\nSubject: Re: How did this week go?\nDate: Thu, 12 Nov 2026 10:{m:02}:00 +0000\nMessage-ID: <m{i}@acme.example>\nIn-Reply-To: <prompt{i}@acme.example>\nMIME-Version: 1.0\n",
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

fn main() {
    if std::env::var("UPWARD_BENCH_ONLY").as_deref() != Ok("corpus") {
        generated();
    }
    corpus();
}

fn generated() {
    let count = messages_wanted();
    let messages: Vec<Vec<u8>> = (0..count).map(message).collect();
    let bytes: usize = messages.iter().map(Vec::len).sum();
    let mut ctx = Context::standalone(Utc.with_ymd_and_hms(2026, 11, 12, 12, 0, 0).unwrap());
    ctx.vocabulary = Vocabulary::new(
        ["negotiation", "ai tools", "social media", "career path"],
        &[],
    );

    let parser = MessageParser::default();
    let start = Instant::now();
    for raw in &messages {
        black_box(parser.parse(black_box(raw)));
    }
    let bare = start.elapsed();

    let start = Instant::now();
    let mut replies = 0usize;
    for raw in &messages {
        let inspection = inspect(black_box(raw), &ctx);
        replies += usize::from(inspection.kind == upward::vocab::InboundKind::Reply);
        black_box(inspection);
    }
    let full = start.elapsed();

    let rate = |d: std::time::Duration| count as f64 / d.as_secs_f64();
    println!(
        "{count} generated messages, {:.1} KB average",
        bytes as f64 / count as f64 / 1024.0
    );
    println!("bare mail-parser parse: {:>9.0} msg/s", rate(bare));
    println!(
        "parse+classify+trim+extract: {:>9.0} msg/s ({replies} replies)",
        rate(full)
    );
    println!(
        "ratio pipeline / bare parse: {:.3}",
        rate(full) / rate(bare)
    );
}

/// The reply corpus, each email read with its sender's time zone as the corpus test reads
/// it, repeated to as many messages as the generated part.
fn corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = match upward::Config::load(&root.join("config/program.toml")) {
        Ok(config) => config,
        Err(e) => panic!("the example program does not load: {e:?}"),
    };
    let dir = root.join("tests/fixtures/replies");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    files.sort();
    let parser = MessageParser::default();
    // Each email with when it was sent: it is read as received then, in the example
    // program's context (the senders' time zone the program's; the corpus test gives each
    // sender their own).
    let mut ctx = Context::from_config(
        &config,
        Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap(),
    );
    let emails: Vec<(Vec<u8>, DateTime<Utc>)> = files
        .iter()
        .map(|path| {
            let raw = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let sent = parser
                .parse(&raw)
                .and_then(|m| m.date().map(|d| d.to_timestamp()))
                .and_then(|t| Utc.timestamp_opt(t, 0).single())
                .unwrap_or(ctx.received);
            (raw, sent)
        })
        .collect();
    let count = messages_wanted().max(emails.len());
    let rounds = count.div_ceil(emails.len());
    let total = rounds * emails.len();
    let bytes: usize = emails.iter().map(|(raw, _)| raw.len()).sum::<usize>() * rounds;

    let start = Instant::now();
    for _ in 0..rounds {
        for (raw, _) in &emails {
            black_box(parser.parse(black_box(raw)));
        }
    }
    let bare = start.elapsed();

    let start = Instant::now();
    let mut replies = 0usize;
    for _ in 0..rounds {
        for (raw, sent) in &emails {
            ctx.received = *sent;
            let inspection = inspect(black_box(raw), &ctx);
            replies += usize::from(inspection.kind == upward::vocab::InboundKind::Reply);
            black_box(inspection);
        }
    }
    let full = start.elapsed();

    let rate = |d: std::time::Duration| total as f64 / d.as_secs_f64();
    println!(
        "reply corpus: {} emails x {rounds} = {total} messages, {:.1} KB average",
        emails.len(),
        bytes as f64 / total as f64 / 1024.0
    );
    println!("bare mail-parser parse: {:>9.0} msg/s", rate(bare));
    println!(
        "parse+classify+trim+extract: {:>9.0} msg/s ({} replies a round), {:.1} us each",
        rate(full),
        replies / rounds,
        full.as_secs_f64() * 1e6 / total as f64
    );
    println!(
        "ratio pipeline / bare parse: {:.3}",
        rate(full) / rate(bare)
    );
}
