//! Throughput of the inbound pipeline's pure stages (parse, classify, trim, extract) on
//! 20,000 generated ~3 KB replies, against bare mail-parser parsing of the same bytes, in
//! the same run. Run with `cargo bench --bench inbound_parse`.

use std::hint::black_box;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use mail_parser::MessageParser;
use upward::inbound::{Context, extract::Vocabulary, inspect};

const MESSAGES: usize = 20_000;

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
    let messages: Vec<Vec<u8>> = (0..MESSAGES).map(message).collect();
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

    let rate = |d: std::time::Duration| MESSAGES as f64 / d.as_secs_f64();
    println!(
        "{MESSAGES} messages, {:.1} KB average",
        bytes as f64 / MESSAGES as f64 / 1024.0
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
