//! Pairing at scale against scipy's `linear_sum_assignment` on the same instances.
//!
//! `cargo bench --bench pairing [-- N...]` (default N = 1000 2000 5000 10000): for each N,
//! generates N mentors and N mentees deterministically, runs `upward::pairing::pair` in a
//! child process (time and peak RSS), exports the eligible pairs and scores, runs
//! `benches/reference_lsa.py` on them (dense cost matrix, capacities expanded as slots) in
//! another child, and prints time, peak memory, pairs, total score and the ratios of time
//! and total to the reference. See benches/README.md.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use upward::config::{PairingSettings, Participant, Role, Weights, WorkingHours};
use upward::pairing::{self, Request};

/// A small deterministic generator (SplitMix64), so every run builds the same instance.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Offices of a global company: time zone and local language.
const SITES: &[(&str, &str)] = &[
    ("Europe/London", "english"),
    ("America/New_York", "english"),
    ("America/Chicago", "english"),
    ("America/Los_Angeles", "english"),
    ("Australia/Sydney", "english"),
    ("Europe/Dublin", "irish"),
    ("Europe/Berlin", "german"),
    ("Europe/Vienna", "german"),
    ("Europe/Paris", "french"),
    ("America/Toronto", "french"),
    ("Europe/Madrid", "spanish"),
    ("America/Mexico_City", "spanish"),
    ("America/Bogota", "spanish"),
    ("America/Argentina/Buenos_Aires", "spanish"),
    ("Europe/Lisbon", "portuguese"),
    ("America/Sao_Paulo", "portuguese"),
    ("Europe/Rome", "italian"),
    ("Europe/Amsterdam", "dutch"),
    ("Europe/Stockholm", "swedish"),
    ("Europe/Oslo", "norwegian"),
    ("Europe/Copenhagen", "danish"),
    ("Europe/Helsinki", "finnish"),
    ("Europe/Warsaw", "polish"),
    ("Europe/Prague", "czech"),
    ("Europe/Budapest", "hungarian"),
    ("Europe/Bucharest", "romanian"),
    ("Europe/Athens", "greek"),
    ("Europe/Istanbul", "turkish"),
    ("Asia/Dubai", "arabic"),
    ("Africa/Cairo", "arabic"),
    ("Africa/Nairobi", "swahili"),
    ("Asia/Kolkata", "hindi"),
    ("Asia/Karachi", "urdu"),
    ("Asia/Dhaka", "bengali"),
    ("Asia/Bangkok", "thai"),
    ("Asia/Jakarta", "indonesian"),
    ("Asia/Shanghai", "mandarin"),
    ("Asia/Seoul", "korean"),
    ("Asia/Tokyo", "japanese"),
    ("Asia/Manila", "filipino"),
];

const TOPICS: &[&str] = &[
    "social media",
    "video content",
    "gen z perspective",
    "ai tools",
    "automation",
    "data literacy",
    "spreadsheets to python",
    "mobile apps",
    "ux research",
    "remote collaboration",
    "inclusive language",
    "digital privacy",
    "cloud basics",
    "personal branding",
    "podcasting",
    "no-code tools",
    "cyber hygiene",
    "gaming culture",
    "sustainability",
    "streaming",
    "career path",
    "stakeholder management",
    "public speaking",
    "leading teams",
    "negotiation",
    "strategy",
    "budgeting",
    "board reporting",
    "hiring",
    "conflict resolution",
    "mergers",
    "pricing",
    "client relationships",
    "risk",
    "regulation",
    "long-term planning",
    "coaching",
    "writing",
    "networking",
    "change management",
];

fn settings() -> PairingSettings {
    PairingSettings {
        min_level_gap: 3,
        different_department: true,
        avoid_reporting_line: true,
        allow_repeat: false,
        require_common_language: true,
        min_overlap_minutes: 60,
        rematch_every_weeks: Some(12),
        no_round_in_last_weeks: 4,
        weights: Weights {
            mentor_offers: 10,
            mentee_offers: 5,
            overlap_per_hour: 1,
            cross_department: 3,
        },
        synonyms: vec![
            ("chatgpt".into(), "ai tools".into()),
            ("tiktok".into(), "social media".into()),
        ],
        fixed: vec![],
    }
}

/// N mentors and N mentees of a global company, plus an earlier round's pairs.
fn instance(n: usize) -> (Vec<Participant>, Vec<(String, String)>) {
    let mut rng = Rng(0x5EED_0000 + n as u64);
    let mentor_email = |i: usize| format!("m{i:05}@bench.example");
    let mentee_email = |i: usize| format!("e{i:05}@bench.example");
    let mut people = Vec::with_capacity(2 * n);
    let mut mentee_levels = Vec::with_capacity(n);
    for role in [Role::Mentee, Role::Mentor] {
        for i in 0..n {
            let (zone, local) = SITES[rng.below(SITES.len())];
            let mut languages = vec![local.to_string()];
            if local != "english" && rng.chance(0.1) {
                languages.push("english".into());
            }
            if rng.chance(0.05) {
                let (_, other) = SITES[rng.below(SITES.len())];
                if !languages.iter().any(|l| l == other) {
                    languages.push(other.to_string());
                }
            }
            let level = match role {
                Role::Mentor => 1 + rng.below(5) as i64,
                Role::Mentee => 4 + rng.below(7) as i64,
            };
            let topics = |rng: &mut Rng, from: usize, to: usize, extra: usize| -> Vec<String> {
                let k = 2 + rng.below(extra);
                let mut out: Vec<String> = Vec::new();
                while out.len() < k {
                    let t = TOPICS[from + rng.below(to - from)];
                    let t = match t {
                        "ai tools" if rng.chance(0.3) => "ChatGPT",
                        "social media" if rng.chance(0.3) => "TikTok",
                        t => t,
                    };
                    if !out.iter().any(|o| o == t) {
                        out.push(t.to_string());
                    }
                }
                out
            };
            // Juniors mostly teach the first half of the topics and want the second.
            let (offers, wants) = match role {
                Role::Mentor => (topics(&mut rng, 0, 24, 3), topics(&mut rng, 18, 40, 2)),
                Role::Mentee => (topics(&mut rng, 18, 40, 3), topics(&mut rng, 0, 24, 2)),
            };
            let start = 7 * 60 + 30 * rng.below(7) as u32;
            let length = 8 * 60 + 30 * rng.below(3) as u32;
            let time = |m: u32| NaiveTime::from_hms_opt(m / 60, m % 60, 0);
            // A manager is a more senior mentee (no cycles in a real org chart).
            let manager = if rng.chance(0.7) && !mentee_levels.is_empty() {
                let j = rng.below(mentee_levels.len());
                (mentee_levels[j] > level && !(role == Role::Mentee && j == i))
                    .then(|| mentee_email(j))
            } else {
                None
            };
            let (email, capacity) = match role {
                Role::Mentor => (
                    mentor_email(i),
                    match rng.below(20) {
                        0 => 3,
                        1..=3 => 2,
                        _ => 1,
                    },
                ),
                Role::Mentee => (mentee_email(i), 1),
            };
            let exclude = if rng.chance(0.02) {
                vec![match role {
                    Role::Mentor => mentee_email(rng.below(n)),
                    Role::Mentee => mentor_email(rng.below(n)),
                }]
            } else {
                vec![]
            };
            if role == Role::Mentee {
                mentee_levels.push(level);
            }
            people.push(Participant {
                name: format!("Person {email}"),
                email,
                role,
                level,
                department: Some(format!("Dept {:02}", rng.below(30))),
                manager,
                timezone: zone.parse::<Tz>().unwrap_or(Tz::UTC),
                languages,
                language: upward::config::Lang::En,
                offers,
                wants,
                capacity,
                exclude,
                hours: time(start)
                    .zip(time(start + length))
                    .map(|(start, end)| WorkingHours { start, end }),
            });
        }
    }
    let mut history = Vec::new();
    for i in 0..n {
        if rng.chance(0.5) {
            history.push((mentor_email(i), mentee_email(rng.below(n))));
        }
    }
    (people, history)
}

fn reference_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default()
}

/// Peak resident memory of this process, in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The child: pair one instance, report, then export it for the reference.
fn child(n: usize, dir: &Path) -> std::io::Result<()> {
    let (people, history) = instance(n);
    let settings = settings();
    let request = Request {
        participants: &people,
        settings: &settings,
        history: &history,
        unavailable: &[],
        reference_date: reference_date(),
    };
    let t0 = Instant::now();
    let result = pairing::pair(&request);
    let seconds = t0.elapsed().as_secs_f64();
    let peak = peak_kib();
    let (pairs, total, unmatched) = match &result {
        Ok(p) => (p.pairs.len(), p.total_score, p.unmatched.len()),
        Err(err) => {
            eprintln!("pairing failed: {err}");
            (0, 0, 0)
        }
    };
    let c = pairing::candidates(&request);
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("edges.bin"))?);
    for &(m, e, s) in &c.edges {
        out.write_all(&m.to_le_bytes())?;
        out.write_all(&e.to_le_bytes())?;
        out.write_all(&s.to_le_bytes())?;
    }
    out.flush()?;
    let caps = serde_json::json!({
        "mentor_capacity": c.mentor_capacity,
        "mentee_capacity": c.mentee_capacity,
    });
    std::fs::write(dir.join("caps.json"), caps.to_string())?;
    let mean_degree = 2.0 * c.edges.len() as f64 / (c.mentors.len() + c.mentees.len()) as f64;
    println!(
        "{}",
        serde_json::json!({
            "seconds": seconds, "peak_kib": peak, "pairs": pairs, "total": total,
            "unmatched": unmatched, "edges": c.edges.len(), "mean_degree": mean_degree,
        })
    );
    Ok(())
}

fn run_json(cmd: &mut Command) -> Option<serde_json::Value> {
    let out = cmd.output().ok()?;
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        let n = args
            .get(at + 1)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1000);
        let dir = PathBuf::from(args.get(at + 2).cloned().unwrap_or_default());
        if let Err(err) = child(n, &dir) {
            eprintln!("child failed: {err}");
            std::process::exit(1);
        }
        return;
    }
    let mut sizes: Vec<usize> = args.iter().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1000, 2000, 5000, 10_000];
    }
    let exe = std::env::current_exe().unwrap_or_default();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/reference_lsa.py");
    println!(
        "{:>6} {:>9} {:>6} | {:>8} {:>9} {:>6} {:>8} | {:>8} {:>9} {:>6} {:>8} | {:>6} {:>6}",
        "n",
        "edges",
        "degree",
        "upward s",
        "peak MiB",
        "pairs",
        "total",
        "scipy s",
        "peak MiB",
        "pairs",
        "total",
        "time×",
        "total×"
    );
    for n in sizes {
        let dir = std::env::temp_dir().join(format!("upward-bench-{n}-{}", std::process::id()));
        if std::fs::create_dir_all(&dir).is_err() {
            eprintln!("cannot create {}", dir.display());
            continue;
        }
        let ours = run_json(
            Command::new(&exe)
                .arg("--child")
                .arg(n.to_string())
                .arg(&dir),
        );
        let theirs = run_json(Command::new("python3").arg(&script).arg(&dir));
        let _ = std::fs::remove_dir_all(&dir);
        let (Some(a), Some(b)) = (ours, theirs) else {
            eprintln!("n = {n}: a solver failed (is scipy installed? pip install scipy numpy)");
            continue;
        };
        let f = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(f64::NAN);
        println!(
            "{:>6} {:>9} {:>6.0} | {:>8.3} {:>9.0} {:>6} {:>8} | {:>8.3} {:>9.0} {:>6} {:>8} | {:>6.3} {:>6.3}",
            n,
            f(&a, "edges"),
            f(&a, "mean_degree"),
            f(&a, "seconds"),
            f(&a, "peak_kib") / 1024.0,
            f(&a, "pairs"),
            f(&a, "total"),
            f(&b, "seconds"),
            f(&b, "peak_kib") / 1024.0,
            f(&b, "pairs"),
            f(&b, "total"),
            f(&a, "seconds") / f(&b, "seconds"),
            f(&a, "total") / f(&b, "total"),
        );
    }
}
