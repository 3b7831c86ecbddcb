//! The digests as they are mailed, on a fixed store: golden files of the rendered text and
//! HTML (`tests/fixtures/digest/`; a mismatch writes `<file>.failed` beside it, and
//! `UPWARD_BLESS=1` rewrites the golden files), and what every HTML digest must be for mail
//! clients: no script, no SVG, no images, style sheets (dark mode, narrow screens) only in
//! the head, the same figures as its text part.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use upward::Config;
use upward::config::Role;
use upward::digest::{self, final_report, participant, view};
use upward::outbound::compose::render;
use upward::outbound::{Email, Templates, Words};
use upward::schedule::round;
use upward::store::{Report, Store};
use upward::vocab::Lang;

use crate::schedule::{date, program, utc};

/// Two more people: Gus and Hal (a fixed pair), and Ivy, a mentee left without a partner.
const MORE: &str = r#"
[[participants]]
name = "Gus Tan"
email = "gus@acme.example"
role = "mentor"
level = 1
department = "Support"
timezone = "Europe/London"
offers = ["data literacy"]

[[participants]]
name = "Hal Bay"
email = "hal@acme.example"
role = "mentee"
level = 6
department = "Strategy"
timezone = "Europe/London"
offers = ["negotiation"]

[[participants]]
name = "Ivy Lo"
email = "ivy@acme.example"
role = "mentee"
level = 5
department = "Sales"
timezone = "Europe/London"

[[pairing.fixed]]
mentor = "gus@acme.example"
mentee = "hal@acme.example"
"#;

/// A program five weeks in, on a fixed store.
struct Fixture {
    _dir: tempfile::TempDir,
    config: Config,
    store: Store,
}

impl Fixture {
    fn id(&self, who: &str) -> i64 {
        self.store
            .participant_id(&format!("{who}@acme.example"))
            .unwrap()
            .unwrap()
    }

    fn pair(&self, mentor: &str) -> i64 {
        let email = format!("{mentor}@acme.example");
        self.store
            .scheduled_pairs()
            .unwrap()
            .into_iter()
            .find(|p| p.mentor == email)
            .unwrap()
            .id
    }
}

struct Said<'a> {
    who: &'a str,
    met: bool,
    day: &'a str,
    rating: Option<u8>,
    topics: &'a [&'a str],
    notes: Option<&'a str>,
    cancelled_by: Option<Role>,
}

fn said<'a>(who: &'a str, day: &'a str, rating: u8, topics: &'a [&'a str]) -> Said<'a> {
    Said {
        who,
        met: true,
        day,
        rating: Some(rating),
        topics,
        notes: None,
        cancelled_by: None,
    }
}

/// The fixed store: Ann and Bob meet every week; Cy and Di met twice and went silent; Eve
/// and Fay never met (Fay says the senior side cancelled); Gus and Hal met, then disagree
/// about a second meeting; Ivy has no partner and her address bounces.
fn fixture(privacy: &str, with_reports: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let extra = format!("{MORE}\n[privacy]\nhr_feedback = \"{privacy}\"\nmin_group = 3\n");
    let config = program(dir.path(), ("2027-03-01", "2027-06-30"), &extra);
    let mut store = Store::open(&config.store.path).unwrap();
    let start = utc("2027-03-01T09:00:00Z");
    store
        .sync_participants(&config.participants, start)
        .unwrap();
    let plan = round::plan(&config, Some(&store), start).unwrap();
    store
        .create_round("start", &plan.new_pairs(), start)
        .unwrap();
    let mut f = Fixture {
        _dir: dir,
        config,
        store,
    };
    if !with_reports {
        return f;
    }
    let ai: &[&str] = &["ai tools", "career path"];
    let mut reports: Vec<(&str, Said<'_>)> = Vec::new();
    for (i, day) in [
        "2027-03-03",
        "2027-03-10",
        "2027-03-17",
        "2027-03-24",
        "2027-03-31",
    ]
    .iter()
    .enumerate()
    {
        reports.push(("ann", said("ann", day, 5 - (i % 2) as u8, ai)));
        let mut bob = said("bob", day, 4 + (i % 2) as u8, ai);
        if i == 4 {
            bob.notes = Some("Ann showed me how our customers talk about us on TikTok.");
        }
        reports.push(("ann", bob));
    }
    reports.push(("cy", said("cy", "2027-03-04", 4, &["social media"])));
    reports.push((
        "cy",
        said("di", "2027-03-12", 3, &["social media", "negotiation"]),
    ));
    reports.push((
        "eve",
        Said {
            who: "fay",
            met: false,
            day: "2027-03-30",
            rating: None,
            topics: &[],
            notes: Some("Moved twice; my diary is the problem."),
            cancelled_by: Some(Role::Mentee),
        },
    ));
    reports.push((
        "gus",
        said("gus", "2027-03-18", 4, &["data literacy", "negotiation"]),
    ));
    reports.push(("gus", said("hal", "2027-03-18", 4, &["negotiation"])));
    let mut gus = said("gus", "2027-04-01", 3, &["data literacy"]);
    gus.notes = Some("We mapped the data team's reporting line together.");
    reports.push(("gus", gus));
    reports.push((
        "gus",
        Said {
            who: "hal",
            met: false,
            day: "2027-04-01",
            rating: None,
            topics: &[],
            notes: None,
            cancelled_by: None,
        },
    ));
    let now = utc("2027-04-04T20:00:00Z");
    for (mentor, s) in reports {
        let report = Report {
            pair_id: f.pair(mentor),
            participant_id: f.id(s.who),
            inbound_id: None,
            met: Some(s.met),
            date: date(s.day),
            minutes: s.met.then_some(60),
            topics: s.topics.iter().map(|t| t.to_string()).collect(),
            rating: s.rating,
            notes: s.notes.map(str::to_string),
            flagged: false,
            cancelled_by: s.cancelled_by,
        };
        f.store.record_report(&report, now).unwrap();
    }
    let conn = rusqlite::Connection::open(&f.config.store.path).unwrap();
    conn.execute(
        "UPDATE participants SET bouncing = 1 WHERE email = 'ivy@acme.example'",
        [],
    )
    .unwrap();
    f
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/digest")
}

/// Compares `actual` with the golden file `name`; returns the `.failed` path on mismatch.
fn golden(name: &str, actual: &str) -> Option<String> {
    let path = fixtures_dir().join(name);
    let failed = fixtures_dir().join(format!("{name}.failed"));
    if std::env::var_os("UPWARD_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(fixtures_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected == actual {
        let _ = std::fs::remove_file(&failed);
        None
    } else {
        std::fs::write(&failed, actual).unwrap();
        Some(failed.display().to_string())
    }
}

/// The mailed parts of one digest email: `Subject:` line and text, and the HTML.
struct Parts {
    text: String,
    html: String,
}

fn parts(config: &Config, email: &Email<'_>, now: DateTime<Utc>) -> Parts {
    let templates = Templates::builtin().unwrap();
    let r = render(config, &templates, email, now).unwrap();
    Parts {
        text: format!("Subject: {}\n\n{}", r.subject, r.text),
        html: r.html,
    }
}

/// The March digest of participant `who` (as `p`), rendered `now`.
fn march_digest(
    f: &Fixture,
    who: &str,
    p: &upward::config::Participant,
    now: DateTime<Utc>,
) -> Parts {
    let id = f.id(who);
    let figures = participant::figures(
        &f.config.program.name,
        &f.store,
        id,
        &p.name,
        date("2027-03-01"),
        date("2027-03-31"),
    )
    .unwrap();
    let person = upward::outbound::PersonView::from_participant(id, p);
    let email = Email::ParticipantDigest {
        person: &person,
        digest: &figures,
    };
    parts(&f.config, &email, now)
}

/// Every golden case: (name, parts).
fn cases() -> Vec<(String, Parts)> {
    let mut out = Vec::new();
    let monday = utc("2027-04-05T07:00:00Z");
    for (case, privacy) in [("hr-weekly", "aggregate"), ("hr-quotes", "quotes")] {
        let f = fixture(privacy, true);
        let figures = digest::weekly(&f.config, &f.store, monday).unwrap();
        out.push((
            case.to_string(),
            parts(&f.config, &Email::HrDigest { digest: &figures }, monday),
        ));
    }
    let first = fixture("aggregate", false);
    let second_monday = utc("2027-03-08T08:00:00Z");
    let figures = digest::weekly(&first.config, &first.store, second_monday).unwrap();
    out.push((
        "hr-first-week".to_string(),
        parts(
            &first.config,
            &Email::HrDigest { digest: &figures },
            second_monday,
        ),
    ));
    let f = fixture("aggregate", true);
    let april = utc("2027-04-01T06:00:00Z");
    for who in ["bob", "fay"] {
        let p = f
            .config
            .participant(&format!("{who}@acme.example"))
            .unwrap();
        out.push((
            format!("participant-{who}"),
            march_digest(&f, who, p, april),
        ));
    }
    let f = fixture("quotes", true);
    let report = final_report::figures(&f.config, &f.store, date("2027-07-07"), true).unwrap();
    out.push((
        "final-report".to_string(),
        parts(
            &f.config,
            &Email::FinalReport { report: &report },
            utc("2027-07-07T08:00:00Z"),
        ),
    ));
    out
}

#[test]
fn rendered_digests_match_their_golden_files() {
    let cases = cases();
    let mut failed = Vec::new();
    for (name, p) in &cases {
        failed.extend(golden(&format!("{name}.txt"), &p.text));
        failed.extend(golden(&format!("{name}.html"), &p.html));
    }
    assert_eq!(cases.len(), 6);
    assert!(
        failed.is_empty(),
        "rendered digests differ from the golden files (UPWARD_BLESS=1 rewrites them): {failed:#?}"
    );
}

#[test]
fn the_fixed_store_gives_the_figures_hr_needs() {
    let f = fixture("aggregate", true);
    let figures = digest::weekly(&f.config, &f.store, utc("2027-04-05T07:00:00Z")).unwrap();
    assert_eq!(
        (figures.period_from, figures.period_to),
        (date("2027-03-29"), date("2027-04-04"))
    );
    assert_eq!(
        figures.period.sessions, 2,
        "Ann and Bob on the 31st, Gus on the 1st"
    );
    assert_eq!(figures.to_date.sessions, 9);
    assert_eq!(figures.pairs.active, 4);
    assert_eq!(
        figures.pairs.never_met,
        vec!["Eve Roy & Fay Moss".to_string()]
    );
    assert_eq!(figures.pairs.at_risk.len(), 1);
    assert_eq!(figures.pairs.at_risk[0].pair, "Cy Ho & Di Park");
    assert_eq!(figures.pairs.at_risk[0].days_since_contact, 23);
    assert_eq!(
        figures.contradictions,
        vec!["Gus Tan & Hal Bay".to_string()]
    );
    assert_eq!(
        (figures.cancelled_by_mentor, figures.cancelled_by_mentee),
        (0, 1)
    );
    assert_eq!(figures.unmatched, vec!["Ivy Lo".to_string()]);
    assert_eq!(figures.bouncing, vec!["ivy@acme.example".to_string()]);
    assert!(figures.quotes.is_empty());
    let weeks: Vec<i64> = figures.weeks.iter().map(|w| w.sessions).collect();
    assert_eq!(weeks, vec![2, 2, 2, 1, 2]);
}

/// The text and the HTML part both show every week of the chart and every headline figure.
fn same_chart_and_tiles(p: &Parts, weeks: &[upward::digest::chart::WeekBar], tiles: &[view::Tile]) {
    for w in weeks {
        assert!(p.text.contains(&w.text), "text lacks the week {}", w.label);
        assert!(
            p.html.contains(&format!(">{}</td>", w.label)),
            "{}",
            w.label
        );
    }
    for t in tiles {
        assert!(
            p.text
                .contains(&format!("{}: {} ({})", t.label, t.value, t.note))
        );
        assert!(
            p.html.contains(&format!(">{}</div>", t.value)),
            "{}",
            t.label
        );
    }
}

#[test]
fn html_digests_use_nothing_mail_clients_block_and_carry_the_text_parts_figures() {
    for (name, p) in cases() {
        for banned in ["<script", "<svg", "<img", "<link", "javascript:"] {
            assert!(!p.html.contains(banned), "{name}: {banned}");
        }
        // NOTE: style sheets only in the head, for dark mode and narrow screens: every
        // colour and size also stands inline, so a client that drops them loses nothing.
        let head = &p.html[..p.html.find("</head>").unwrap()];
        assert!(head.contains("<style>"), "{name}");
        assert_eq!(
            p.html.matches("<style").count(),
            head.matches("<style>").count(),
            "{name}: the style sheets are in the head"
        );
        assert!(
            head.contains("@media (prefers-color-scheme: dark)"),
            "{name}"
        );
        assert!(head.contains("@media (max-width: 480px)"), "{name}");
        assert!(p.html.contains("role=\"presentation\""), "{name}");
    }
    let f = fixture("aggregate", true);
    let monday = utc("2027-04-05T07:00:00Z");
    let figures = digest::weekly(&f.config, &f.store, monday).unwrap();
    let p = parts(&f.config, &Email::HrDigest { digest: &figures }, monday);
    let templates = Templates::builtin().unwrap();
    let v = view::hr(&figures, &Words::new(templates.catalog(), Lang::En));
    same_chart_and_tiles(&p, &v.chart.weeks, &v.tiles);
    for w in &v.chart.weeks {
        if w.share > 0 {
            assert!(p.html.contains(&format!("width=\"{}%\"", w.share)));
        }
    }
    assert!(
        !p.html.contains("width=\"640\"") || p.html.contains("<!--[if mso]>"),
        "a fixed width only for Outlook's Word engine: the page scales on a phone"
    );
    for fact in &v.health {
        assert!(p.text.contains(&format!("{}: {}", fact.label, fact.value)));
    }
}

#[test]
fn quotes_reach_hr_only_when_privacy_allows() {
    let quote = "We mapped the data team&#x27;s reporting line together.";
    let html = |privacy: &str| {
        let f = fixture(privacy, true);
        let monday = utc("2027-04-05T07:00:00Z");
        let figures = digest::weekly(&f.config, &f.store, monday).unwrap();
        parts(&f.config, &Email::HrDigest { digest: &figures }, monday).html
    };
    assert!(html("quotes").contains(quote));
    let aggregate = html("aggregate");
    assert!(!aggregate.contains("reporting line together"));
    assert!(!aggregate.contains("From the feedback"));
}

#[test]
fn sample_digests_render_for_preview() {
    let dir = tempfile::tempdir().unwrap();
    let config = Arc::new(program(dir.path(), ("2027-03-01", "2027-06-30"), ""));
    let figures = digest::sample::figures(&config);
    let p = parts(
        &config,
        &Email::HrDigest { digest: &figures },
        utc("2027-04-05T07:00:00Z"),
    );
    assert!(p.text.contains("Cy Ho & Di Park: 19 days"), "{}", p.text);
}

#[test]
fn the_final_report_reads_well_on_a_phone_and_its_text_and_html_carry_the_same_figures() {
    let f = fixture("aggregate", true);
    let report = final_report::figures(&f.config, &f.store, date("2027-07-07"), true).unwrap();
    let p = parts(
        &f.config,
        &Email::FinalReport { report: &report },
        utc("2027-07-07T08:00:00Z"),
    );
    assert!(p.html.contains("name=\"viewport\""));
    assert!(p.html.contains("max-width: 36em"));
    let templates = Templates::builtin().unwrap();
    let v = view::final_report(&report, &Words::new(templates.catalog(), Lang::En));
    assert_eq!(v.pairs.len(), 4, "every pair");
    for row in v.pairs.iter().chain(&v.departments).chain(&v.levels) {
        assert!(p.text.contains(&row.text), "text lacks {}", row.text);
        let escaped = row.name.replace('&', "&amp;").replace('\'', "&#x27;");
        assert!(p.html.contains(&escaped), "html lacks {}", row.name);
    }
    same_chart_and_tiles(&p, &v.chart.weeks, &v.tiles);
    assert!(p.text.contains("Mentees taught back: "), "{}", p.text);
    assert!(
        !p.text.contains("FROM THE FEEDBACK"),
        "no quotes under aggregate"
    );
    assert!(!p.html.contains("From the feedback"));
}

#[test]
fn the_digests_are_worded_in_their_readers_language_down_to_the_ready_notes() {
    let mut f = fixture("quotes", true);
    f.config.program.language = Lang::De;
    let monday = utc("2027-04-05T07:00:00Z");
    let figures = digest::weekly(&f.config, &f.store, monday).unwrap();
    let p = parts(&f.config, &Email::HrDigest { digest: &figures }, monday);
    assert!(
        p.text.contains("Überblick vom 29. März bis 4. April 2027"),
        "{}",
        p.text
    );
    assert!(p.text.contains("Funkstille:"), "{}", p.text);
    // The note HR can send to a silent pair is German too.
    assert!(p.text.contains("body=Hallo%20Cy%20und%20Di"), "{}", p.text);
    assert!(!p.text.contains("how%20is%20it%20going"), "{}", p.text);
    let report = final_report::figures(&f.config, &f.store, date("2027-07-07"), true).unwrap();
    let p = parts(
        &f.config,
        &Email::FinalReport { report: &report },
        utc("2027-07-07T08:00:00Z"),
    );
    assert!(
        p.text
            .contains("Abschlussbericht, 1. März bis 30. Juni 2027"),
        "{}",
        p.text
    );
    // A participant reads their own language, whatever the program's.
    let mut bob = f.config.participant("bob@acme.example").unwrap().clone();
    bob.language = Lang::Fr;
    let p = march_digest(&f, "bob", &bob, utc("2027-04-01T06:00:00Z"));
    assert!(
        p.text
            .contains("Votre mentorat inversé du 1er au 31 mars 2027"),
        "{}",
        p.text
    );
}
