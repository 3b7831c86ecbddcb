//! Outbound throughput against Postfix's `smtp-sink` on loopback, as a ratio to Postfix's own
//! `smtp-source` sending as many messages of the same size over the same number of
//! connections, measured in the same run. Run with `benches/outbound.sh` (it installs
//! Postfix if needed); see benches/OUTBOUND.md.
//!
//! Our figure covers delivery with all outbox bookkeeping: claiming rows with a lease,
//! sending through the pooled SMTP transport, recording each outcome. Queueing the 10,000
//! prompts (composing them and the inserts) is timed and reported separately.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use upward::config::Role;
use upward::config::{Config, Security};
use upward::outbound::sender::{self, SenderDeps, SenderSettings};
use upward::outbound::transport::{SmtpOptions, SmtpTransport};
use upward::outbound::{Composer, Email, PairView, PersonView, Templates, TokenKey};
use upward::schedule::ManualClock;
use upward::store::Store;

const PROGRAM: &str = r#"
[program]
name = "Benchmark"
coordinator = "hr@acme.example"
from = "Mentoring <mentoring@acme.example>"
reply_to = "mentoring+{token}@acme.example"
bounce_address = "bounces+{token}@acme.example"
start = 2027-01-11
end = 2027-06-30

[[participants]]
name = "Ann Lee"
email = "ann@acme.example"
role = "mentor"
level = 1

[[participants]]
name = "Bob Stone"
email = "bob@acme.example"
role = "mentee"
level = 5
"#;

fn find(tool: &str) -> Option<String> {
    ["/usr/sbin", "/usr/bin", "/usr/local/sbin"]
        .iter()
        .map(|d| format!("{d}/{tool}"))
        .find(|p| std::path::Path::new(p).exists())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(25999)
}

struct Sink(Child);

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_sink(bin: &str, port: u16) -> Sink {
    let sink = Sink(
        Command::new(bin)
            .args(["-u", "nobody", &format!("127.0.0.1:{port}"), "512"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {bin}: {e}")),
    );
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return sink;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("smtp-sink did not start listening on {port}");
}

/// smtp-source: `messages` of `size` payload bytes over `sessions` connections, reused.
fn smtp_source(bin: &str, port: u16, sessions: usize, messages: usize, size: usize) -> f64 {
    let start = Instant::now();
    let status = Command::new(bin)
        .args([
            "-d",
            "-s",
            &sessions.to_string(),
            "-m",
            &messages.to_string(),
            "-l",
            &size.to_string(),
            "-f",
            "mentoring@acme.example",
            "-t",
            "bob@acme.example",
            &format!("127.0.0.1:{port}"),
        ])
        .status()
        .unwrap_or_else(|e| panic!("cannot run {bin}: {e}"));
    assert!(status.success(), "smtp-source failed: {status}");
    messages as f64 / start.elapsed().as_secs_f64()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-01-11T09:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default()
}

/// Queues `n` prompts in a fresh store; returns the store, the mean message size and the
/// time queueing took.
fn queue(dir: &std::path::Path, n: usize) -> (Store, usize, Duration) {
    let config = Arc::new(Config::from_str(PROGRAM, &dir.join("program.toml")).unwrap());
    let composer = Composer::with_key(
        Arc::clone(&config),
        Templates::builtin().unwrap(),
        TokenKey::new("bench"),
    );
    let mut store = Store::open(&dir.join("upward.db")).unwrap();
    store.sync_participants(&config.participants, t0()).unwrap();
    let mentor = PersonView::from_participant(1, &config.participants[0]);
    let mentee = PersonView::from_participant(2, &config.participants[1]);
    let occurrence = NaiveDate::from_ymd_opt(2027, 1, 18).unwrap();
    let start = Instant::now();
    let mut bytes = 0;
    store
        .write(|tx| {
            for i in 0..n {
                let pair = PairView {
                    id: i as i64 + 1,
                    round: 1,
                    mentor: mentor.clone(),
                    mentee: mentee.clone(),
                    reasons: vec![],
                    goals: Vec::new(),
                };
                let email = Email::Prompt {
                    pair: &pair,
                    to: Role::Mentee,
                    occurrence,
                    also: &[],
                };
                composer.enqueue(tx, &email, t0())?;
                bytes += composer.compose(&email, t0(), None)?.bytes.len();
            }
            Ok::<_, upward::outbound::OutboundError>(())
        })
        .unwrap();
    (store, bytes / n.max(1), start.elapsed())
}

fn deliver(store: Store, port: u16, connections: usize, n: usize) -> f64 {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let store = Arc::new(Mutex::new(store));
        let transport = SmtpTransport::new(SmtpOptions {
            connections,
            ..SmtpOptions::new("127.0.0.1", port, Security::None)
        })
        .unwrap();
        let config = Config::from_str(PROGRAM, std::path::Path::new("p.toml")).unwrap();
        let mut settings = SenderSettings::from_config(&config);
        settings.connections = connections;
        settings.poll = Duration::from_millis(5);
        let shutdown = CancellationToken::new();
        let start = Instant::now();
        let handle = tokio::spawn(sender::run(
            SenderDeps {
                store: Arc::clone(&store),
                clock: Arc::new(ManualClock::new(t0())),
                transport: Arc::new(transport),
                settings,
                wake: Arc::new(Notify::new()),
            },
            shutdown.clone(),
        ));
        loop {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let counts = store.lock().unwrap().outbox_counts().unwrap();
            let sent = counts
                .iter()
                .find(|(s, _)| s == "sent")
                .map_or(0, |(_, c)| *c);
            let other: i64 = counts
                .iter()
                .filter(|(s, _)| s == "failed" || s == "suppressed")
                .map(|(_, c)| *c)
                .sum();
            assert_eq!(other, 0, "some messages failed: {counts:?}");
            if sent as usize == n {
                break;
            }
        }
        let rate = n as f64 / start.elapsed().as_secs_f64();
        shutdown.cancel();
        let _ = handle.await;
        rate
    })
}

fn main() {
    let (Some(sink), Some(source)) = (find("smtp-sink"), find("smtp-source")) else {
        eprintln!("smtp-sink/smtp-source not found: run benches/outbound.sh (installs postfix)");
        std::process::exit(2);
    };
    let n: usize = std::env::var("UPWARD_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let port = free_port();
    let _sink = start_sink(&sink, port);
    println!("outbound benchmark: {n} prompts to smtp-sink on 127.0.0.1:{port}");
    if std::env::var_os("UPWARD_BENCH_PARTS").is_some() {
        parts(port, n);
    }
    let rounds: usize = std::env::var("UPWARD_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    // NOTE: the machine is shared, so each figure is the median of `rounds` runs, ours and
    // smtp-source's alternating, rather than one run of each.
    for connections in [1usize, 4] {
        let (mut ours, mut theirs, mut queue_rates) = (Vec::new(), Vec::new(), Vec::new());
        let mut size = 0;
        for _ in 0..rounds {
            let dir = tempfile::tempdir().unwrap();
            let (store, s, queued) = queue(dir.path(), n);
            size = s;
            queue_rates.push(n as f64 / queued.as_secs_f64());
            ours.push(deliver(store, port, connections, n));
            theirs.push(smtp_source(&source, port, connections, n, size));
        }
        let (ours, theirs) = (median(&mut ours), median(&mut theirs));
        println!(
            "connections={connections} size={size}B queue={:.0} msg/s upward={ours:.0} msg/s smtp-source={theirs:.0} msg/s ratio={:.2}",
            median(&mut queue_rates),
            ours / theirs
        );
    }
}

/// Where the time goes: bookkeeping alone (claim and record, no network) and the transport
/// alone (no store), each over `n` messages on one connection.
fn parts(port: u16, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, _) = queue(dir.path(), n);
    let start = Instant::now();
    let (mut claiming, mut recording) = (Duration::ZERO, Duration::ZERO);
    let mut done = 0;
    while done < n {
        let t = Instant::now();
        let rows = store
            .claim_outbound(t0(), 64, chrono::Duration::minutes(15))
            .unwrap();
        claiming += t.elapsed();
        let t = Instant::now();
        for batch in rows.chunks(4) {
            let outcomes: Vec<_> = batch
                .iter()
                .map(|r| {
                    (
                        r.id,
                        upward::store::Delivery::Sent { rejected: vec![] },
                        t0(),
                    )
                })
                .collect();
            store.record_deliveries(&outcomes).unwrap();
        }
        recording += t.elapsed();
        done += rows.len();
    }
    println!(
        "parts: bookkeeping alone {:.0} msg/s (claims of 64: {:.1} us per message; outcomes four at a time: {:.1} us per message)",
        n as f64 / start.elapsed().as_secs_f64(),
        claiming.as_secs_f64() * 1e6 / n as f64,
        recording.as_secs_f64() * 1e6 / n as f64
    );
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, _) = queue(dir.path(), 1);
    let row = store
        .claim_outbound(t0(), 1, chrono::Duration::minutes(15))
        .unwrap()
        .remove(0);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        use upward::outbound::transport::{Outgoing, Transport};
        // With Nagle left on, each message waits for a delayed ACK: only a few are needed.
        for (nodelay, count) in [(true, n), (false, n.min(100))] {
            let transport = SmtpTransport::new(SmtpOptions {
                nodelay,
                ..SmtpOptions::new("127.0.0.1", port, Security::None)
            })
            .unwrap();
            let start = Instant::now();
            for _ in 0..count {
                transport
                    .send(Outgoing {
                        envelope_from: &row.envelope_from,
                        recipients: &row.recipients,
                        message_id: &row.message_id,
                        bytes: &row.bytes,
                    })
                    .await
                    .unwrap();
            }
            let per = start.elapsed() / u32::try_from(count).unwrap_or(1);
            println!(
                "parts: transport alone, TCP_NODELAY {}: {:.0} msg/s ({:.2} ms per message)",
                if nodelay { "on" } else { "off" },
                1.0 / per.as_secs_f64(),
                per.as_secs_f64() * 1000.0
            );
        }
    });
}
