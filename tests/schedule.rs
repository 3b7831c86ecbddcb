//! The schedule on a virtual clock: every job driven by `jobs::tick` and the real job handler
//! against a real store, checked by the outbox rows it leaves (keys, recipients, counts);
//! daylight-saving changes, downtime and duplicate fires; and the daemon doing the first
//! round on its own.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use upward::Config;
use upward::outbound::{Composer, Templates, TokenKey};
use upward::schedule::handler::Handler;
use upward::schedule::jobs::{self, Job, TickReport};
use upward::schedule::{Clock, ManualClock, round};
use upward::store::{Report, Store};

use crate::util::{Daemon, example_program};

pub fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A program of three fixed pairs across three zones: Ann (New York) with Bob (Berlin), Cy
/// (Berlin) with Di (New York), Eve with Fay (both London). `extra` goes at the end.
pub fn program(dir: &Path, dates: (&str, &str), extra: &str) -> Config {
    let text = format!(
        r#"
[program]
name = "Pilot"
coordinator = "hr@acme.example"
from = "Mentoring <mentoring@acme.example>"
reply_to = "mentoring+{{token}}@acme.example"
timezone = "Europe/London"
start = {}
end = {}

[[participants]]
name = "Ann Lee"
email = "ann@acme.example"
role = "mentor"
level = 1
department = "Sales"
timezone = "America/New_York"
offers = ["ai tools"]

[[participants]]
name = "Cy Ho"
email = "cy@acme.example"
role = "mentor"
level = 1
department = "Legal"
timezone = "Europe/Berlin"
offers = ["social media"]

[[participants]]
name = "Eve Roy"
email = "eve@acme.example"
role = "mentor"
level = 2
department = "Marketing"
timezone = "Europe/London"
offers = ["video content"]

[[participants]]
name = "Bob Stone"
email = "bob@acme.example"
role = "mentee"
level = 6
department = "Finance"
timezone = "Europe/Berlin"
offers = ["career path"]
wants = ["ai tools"]

[[participants]]
name = "Di Park"
email = "di@acme.example"
role = "mentee"
level = 7
department = "Engineering"
timezone = "America/New_York"
offers = ["negotiation"]
wants = ["social media"]

[[participants]]
name = "Fay Moss"
email = "fay@acme.example"
role = "mentee"
level = 6
department = "Operations"
timezone = "Europe/London"
offers = ["strategy"]

[[pairing.fixed]]
mentor = "ann@acme.example"
mentee = "bob@acme.example"

[[pairing.fixed]]
mentor = "cy@acme.example"
mentee = "di@acme.example"

[[pairing.fixed]]
mentor = "eve@acme.example"
mentee = "fay@acme.example"

[store]
path = "{}"

{extra}
"#,
        dates.0,
        dates.1,
        dir.join("upward.db").display()
    );
    match Config::from_str(&text, &dir.join("program.toml")) {
        Ok(c) => c,
        Err(issues) => panic!("{issues:#?}"),
    }
}

/// A program, its store, the real handler and a virtual clock.
pub struct World {
    /// Holds the database; removed when the world is dropped.
    _dir: tempfile::TempDir,
    pub config: Arc<Config>,
    pub store: Store,
    pub handler: Handler,
    pub jobs: Vec<Job>,
    pub clock: ManualClock,
    /// (job, occurrence) of every run so far.
    pub ran: Vec<(String, DateTime<Utc>)>,
}

impl World {
    pub fn new(dates: (&str, &str), extra: &str, now: &str) -> World {
        let dir = tempfile::tempdir().unwrap();
        let config = Arc::new(program(dir.path(), dates, extra));
        let clock = ManualClock::new(utc(now));
        let mut store = Store::open(&config.store.path).unwrap();
        store
            .sync_participants(&config.participants, clock.now())
            .unwrap();
        let composer = Composer::with_key(
            Arc::clone(&config),
            Templates::builtin().unwrap(),
            TokenKey::new("schedule tests"),
        );
        World {
            jobs: jobs::jobs(&config),
            handler: Handler::new(Arc::new(composer)),
            _dir: dir,
            config,
            store,
            clock,
            ran: Vec::new(),
        }
    }

    /// One tick at the clock's time.
    pub fn tick(&mut self) -> TickReport {
        let start = jobs::program_start(&self.config);
        let report = jobs::tick(
            &self.jobs,
            start,
            &mut self.store,
            &mut self.handler,
            self.clock.now(),
        )
        .unwrap();
        assert!(report.failed.is_empty(), "jobs failed: {report:?}");
        self.ran.extend(report.ran.iter().cloned());
        report
    }

    /// Ticks now and at every due time up to `to`, as the daemon wakes, then sets the clock
    /// to `to`.
    pub fn run_until(&mut self, to: &str) {
        let end = utc(to);
        loop {
            self.tick();
            match jobs::next_due(&self.jobs, self.clock.now()) {
                Some(t) if t <= end => self.clock.set(t),
                _ => break,
            }
        }
        self.clock.set(end);
    }

    /// The queued keys of a kind.
    pub fn keys(&self, kind: &str) -> Vec<String> {
        self.store
            .queued(kind.parse().unwrap())
            .unwrap()
            .into_iter()
            .map(|q| q.key)
            .collect()
    }

    pub fn id(&self, who: &str) -> i64 {
        self.store
            .participant_id(&format!("{who}@acme.example"))
            .unwrap()
            .unwrap()
    }

    /// The dates of `who`'s prompts, in order.
    pub fn prompt_dates(&self, who: &str) -> Vec<NaiveDate> {
        let id = self.id(who);
        let mut dates: Vec<NaiveDate> = self
            .keys("prompt")
            .iter()
            .filter_map(|k| {
                let parts: Vec<&str> = k.split(':').collect();
                (parts[2] == id.to_string()).then(|| date(parts[3]))
            })
            .collect();
        dates.sort();
        dates
    }

    /// The active pair of a mentor, by id.
    pub fn pair_of(&self, mentor: &str) -> i64 {
        let email = format!("{mentor}@acme.example");
        self.store
            .scheduled_pairs()
            .unwrap()
            .into_iter()
            .find(|p| p.mentor == email)
            .unwrap()
            .id
    }

    /// Runs raw SQL on the database, as the inbound side would change a participant.
    pub fn sql(&self, sql: &str) {
        let conn = rusqlite::Connection::open(&self.config.store.path).unwrap();
        conn.execute_batch(sql).unwrap();
    }

    /// A meeting both partners report.
    pub fn meeting(&mut self, mentor: &str, mentee: &str, day: &str, rating: u8) {
        let pair = self.pair_of(mentor);
        for who in [mentor, mentee] {
            let report = Report {
                pair_id: pair,
                participant_id: self.id(who),
                inbound_id: None,
                met: Some(true),
                date: date(day),
                minutes: Some(45),
                topics: vec!["ai tools".into()],
                rating: Some(rating),
                notes: None,
                flagged: false,
                cancelled_by: None,
            };
            self.store.record_report(&report, self.clock.now()).unwrap();
        }
    }

    /// The runs of one job.
    pub fn runs(&self, job: &str) -> Vec<DateTime<Utc>> {
        self.ran
            .iter()
            .filter(|(n, _)| n == job)
            .map(|(_, t)| *t)
            .collect()
    }
}

/// Every `weekday` from `from` to `to`, inclusive.
fn every(weekday: Weekday, from: &str, to: &str) -> Vec<NaiveDate> {
    let mut d = date(from);
    let mut out = Vec::new();
    while d <= date(to) {
        if d.weekday() == weekday {
            out.push(d);
        }
        d += Duration::days(1);
    }
    out
}

const SPRING: (&str, &str) = ("2027-03-01", "2027-06-30");

#[test]
fn the_first_round_introduces_every_pair_once_even_when_the_job_fires_twice() {
    let mut w = World::new(SPRING, "", "2027-02-20T12:00:00Z");
    w.run_until("2027-03-01T10:00:00Z");
    assert_eq!(w.runs("round"), vec![utc("2027-03-01T09:00:00Z")]);
    let intros = w.store.queued("intro".parse().unwrap()).unwrap();
    assert_eq!(intros.len(), 3, "{intros:?}");
    for (mentor, mentee) in [("ann", "bob"), ("cy", "di"), ("eve", "fay")] {
        let pair = w.pair_of(mentor);
        let intro = intros
            .iter()
            .find(|q| q.key == format!("intro:1:{pair}"))
            .unwrap();
        assert_eq!(
            intro.recipients,
            vec![
                format!("{mentor}@acme.example"),
                format!("{mentee}@acme.example")
            ]
        );
    }
    // A crash after the round committed but before its last run was recorded: the round
    // job runs again for the same occurrence and must not make a second round.
    w.store
        .set_last_run("round", utc("2027-03-01T08:59:59Z"))
        .unwrap();
    let again = w.tick();
    assert_eq!(again.ran.len(), 1, "{again:?}");
    assert_eq!(w.store.round_count().unwrap(), 1);
    assert_eq!(w.keys("intro").len(), 3);
}

#[test]
fn a_round_stored_with_upward_pair_before_the_start_is_introduced_not_replaced() {
    let mut w = World::new(SPRING, "", "2027-02-20T12:00:00Z");
    let plan = round::plan(&w.config, Some(&w.store), w.clock.now()).unwrap();
    w.store
        .create_round("upward pair", &plan.new_pairs(), w.clock.now())
        .unwrap();
    w.run_until("2027-03-01T10:00:00Z");
    assert_eq!(w.store.round_count().unwrap(), 1);
    let mut keys = w.keys("intro");
    keys.sort();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| k.starts_with("intro:1:")), "{keys:?}");
}

#[test]
fn rematch_rounds_come_every_eight_weeks_and_keep_the_pairs_hr_fixed() {
    let mut w = World::new(
        SPRING,
        "[pairing]\nrematch_every_weeks = 8",
        "2027-02-28T12:00:00Z",
    );
    w.run_until("2027-04-27T00:00:00Z");
    assert_eq!(
        w.runs("round"),
        vec![utc("2027-03-01T09:00:00Z"), utc("2027-04-26T08:00:00Z")],
        "09:00 London time, before and after the clocks change"
    );
    assert_eq!(w.store.round_count().unwrap(), 2);
    let keys = w.keys("intro");
    assert_eq!(keys.iter().filter(|k| k.starts_with("intro:1:")).count(), 3);
    // The three pairs are fixed by HR: they go on, and nobody is introduced again.
    assert_eq!(keys.iter().filter(|k| k.starts_with("intro:2:")).count(), 0);
    assert_eq!(w.store.scheduled_pairs().unwrap().len(), 3);
}

#[test]
fn someone_a_round_leaves_alone_is_told_why_and_when_the_next_round_is() {
    let extra = r#"[pairing]
rematch_every_weeks = 8

[[participants]]
name = "Gus Lind"
email = "gus@acme.example"
role = "mentor"
level = 1
department = "Design"
timezone = "Europe/London"
offers = ["ai tools"]
"#;
    let mut w = World::new(SPRING, extra, "2027-02-28T12:00:00Z");
    w.run_until("2027-03-01T10:00:00Z");
    let told = w.keys("unmatched");
    assert_eq!(told, vec![format!("unmatched:1:{}", w.id("gus"))]);
    let claimed = w
        .store
        .claim_outbound(w.clock.now(), 1000, Duration::minutes(5))
        .unwrap();
    let gus = claimed.iter().find(|e| e.key == told[0]).unwrap();
    assert_eq!(gus.recipients, vec!["gus@acme.example".to_string()]);
    let text = body_text(&gus.bytes);
    assert!(text.contains("Hello Gus"), "{text}");
    assert!(
        text.contains("Everyone who would fit you well already has a partner"),
        "{text}"
    );
    assert!(
        text.contains("Monday 26 April 2027"),
        "the next round: {text}"
    );
    for other in [
        "Ann Lee",
        "Bob Stone",
        "Cy Ho",
        "Di Park",
        "Eve Roy",
        "Fay Moss",
    ] {
        assert!(!text.contains(other), "no one else is named: {text}");
    }
    // The job firing again for the same round tells nobody twice.
    w.store
        .set_last_run("round", utc("2027-02-28T00:00:00Z"))
        .unwrap();
    w.tick();
    assert_eq!(w.keys("unmatched").len(), 1);
}

#[test]
fn two_weeks_before_the_end_everyone_still_taking_part_hears_it_once() {
    let mut w = World::new(SPRING, "", "2027-02-28T12:00:00Z");
    w.run_until("2027-06-01T12:00:00Z");
    assert!(w.keys("ending_soon").is_empty(), "not before its day");
    w.sql("UPDATE participants SET status = 'stopped' WHERE email = 'fay@acme.example'");
    w.run_until("2027-06-17T12:00:00Z");
    assert_eq!(w.runs("ending_soon"), vec![utc("2027-06-16T08:00:00Z")]);
    let mut told = w.keys("ending_soon");
    told.sort();
    let mut expected: Vec<String> = ["ann", "bob", "cy", "di", "eve"]
        .iter()
        .map(|who| format!("ending-soon:{}", w.id(who)))
        .collect();
    expected.sort();
    assert_eq!(told, expected, "everyone but Fay, who stopped");
    let claimed = w
        .store
        .claim_outbound(w.clock.now(), 1000, Duration::minutes(5))
        .unwrap();
    let ann = claimed
        .iter()
        .find(|e| e.key == format!("ending-soon:{}", w.id("ann")))
        .unwrap();
    let text = body_text(&ann.bytes);
    assert!(text.contains("ends on Wednesday 30 June 2027"), "{text}");
    assert!(text.contains("with Bob Stone"), "{text}");
    // Fired again (a restored last run): nobody hears it twice.
    w.store
        .set_last_run("ending_soon", utc("2027-06-01T00:00:00Z"))
        .unwrap();
    w.tick();
    assert_eq!(w.keys("ending_soon").len(), 5);
}

#[test]
fn prompts_go_out_at_nine_local_on_program_mondays_only_across_both_dst_changes() {
    let mut w = World::new(SPRING, "", "2027-02-15T00:00:00Z");
    w.run_until("2027-07-20T00:00:00Z");
    // The pairs are made on 1 March: too new for a prompt that day. Then every other
    // Monday (the cadence: two weeks) up to the end (30 June), the first two weeks after
    // the pairing; nothing before the start or after the end.
    let mondays = every(Weekday::Mon, "2027-03-08", "2027-06-30");
    assert_eq!(mondays.len(), 17);
    let fortnights: Vec<NaiveDate> = mondays.iter().skip(1).step_by(2).copied().collect();
    assert_eq!(fortnights.len(), 8);
    for who in ["ann", "bob", "cy", "di", "eve", "fay"] {
        assert_eq!(w.prompt_dates(who), fortnights, "{who}");
    }
    // Each zone's job fired at 09:00 local, whatever its offset that week (New York moves
    // on 14 March, London and Berlin on 28 March).
    for (job, tz) in [
        ("prompts@America/New_York", chrono_tz::America::New_York),
        ("prompts@Europe/Berlin", chrono_tz::Europe::Berlin),
        ("prompts@Europe/London", chrono_tz::Europe::London),
    ] {
        let runs = w.runs(job);
        assert!(runs.len() >= 17, "{job}: {runs:?}");
        for t in runs {
            assert_eq!(
                t.with_timezone(&tz).format("%a %H:%M").to_string(),
                "Mon 09:00",
                "{job}"
            );
        }
    }
    assert_eq!(
        w.runs("prompts@America/New_York")
            .iter()
            .filter(|t| t.date_naive() >= date("2027-03-08") && t.date_naive() <= date("2027-03-15"))
            .copied()
            .collect::<Vec<_>>(),
        vec![utc("2027-03-08T14:00:00Z"), utc("2027-03-15T13:00:00Z")]
    );
}

/// Sunday prompts at `time` (cron), March to November, with every person's prompt dates
/// checked: one every Sunday, never two, never none.
fn sunday_prompts(cron: &str) -> World {
    let mut w = World::new(
        ("2027-03-01", "2027-11-30"),
        &format!("[schedule]\nprompts = \"{cron}\"\nprompt_every_weeks = 0"),
        "2027-02-28T12:00:00Z",
    );
    w.run_until("2027-11-30T12:00:00Z");
    let sundays = every(Weekday::Sun, "2027-03-07", "2027-11-28");
    for who in ["ann", "bob", "cy", "di", "eve", "fay"] {
        assert_eq!(
            w.prompt_dates(who),
            sundays,
            "{who}: one prompt every Sunday"
        );
    }
    for zone in ["America/New_York", "Europe/Berlin", "Europe/London"] {
        assert_eq!(
            w.runs(&format!("prompts@{zone}")).len(),
            sundays.len(),
            "{zone}"
        );
    }
    w
}

#[test]
fn a_prompt_time_in_the_skipped_hour_runs_once_at_the_next_valid_instant() {
    let w = sunday_prompts("30 2 * * SUN");
    let ny = w.runs("prompts@America/New_York");
    let berlin = w.runs("prompts@Europe/Berlin");
    // Spring forward: 02:30 does not exist that Sunday; the prompt goes at 03:00, the next
    // valid time, rather than skipping the day.
    assert!(ny.contains(&utc("2027-03-14T07:00:00Z")), "{ny:?}");
    assert!(berlin.contains(&utc("2027-03-28T01:00:00Z")), "{berlin:?}");
    // Fall back in Berlin: 02:30 happens twice; the prompt goes once, at the first.
    assert!(berlin.contains(&utc("2027-10-31T00:30:00Z")), "{berlin:?}");
    assert!(!berlin.contains(&utc("2027-10-31T01:30:00Z")), "{berlin:?}");
}

#[test]
fn a_prompt_time_in_the_repeated_hour_runs_once_at_its_first_instant() {
    let w = sunday_prompts("30 1 * * SUN");
    let ny = w.runs("prompts@America/New_York");
    let london = w.runs("prompts@Europe/London");
    // Fall back: 01:30 happens twice in New York and in London; once each, the first.
    assert!(ny.contains(&utc("2027-11-07T05:30:00Z")), "{ny:?}");
    assert!(!ny.contains(&utc("2027-11-07T06:30:00Z")), "{ny:?}");
    assert!(london.contains(&utc("2027-10-31T00:30:00Z")), "{london:?}");
    assert!(!london.contains(&utc("2027-10-31T01:30:00Z")), "{london:?}");
    // Spring forward in London: 01:30 does not exist; 02:00 BST is the next valid time.
    assert!(london.contains(&utc("2027-03-28T01:00:00Z")), "{london:?}");
}

#[test]
fn paused_stopped_and_skipping_participants_get_no_prompt_and_a_pause_that_ended_does() {
    let mut w = World::new(SPRING, "", "2027-02-28T12:00:00Z");
    w.run_until("2027-03-02T00:00:00Z");
    // Recorded by the inbound side: Ann pauses until 20 March, Cy stops, Eve skips once.
    w.sql(
        "UPDATE participants SET status = 'paused', paused_until = '2027-03-20' WHERE email = 'ann@acme.example';
         UPDATE participants SET status = 'stopped' WHERE email = 'cy@acme.example';",
    );
    w.run_until("2027-03-10T12:00:00Z");
    w.store
        .record_event(
            w.clock.now(),
            "skip",
            Some("eve@acme.example"),
            Some("SKIP"),
        )
        .unwrap();
    w.run_until("2027-03-23T00:00:00Z");
    // The first prompts are due on 15 March, two weeks after the pairing.
    let d = |s: &str| date(s);
    assert_eq!(
        w.prompt_dates("ann"),
        vec![d("2027-03-22")],
        "paused until 20 March"
    );
    assert_eq!(
        w.prompt_dates("bob"),
        vec![d("2027-03-22")],
        "no prompt while the partner is paused"
    );
    assert!(w.prompt_dates("cy").is_empty(), "stopped");
    assert!(w.prompt_dates("di").is_empty(), "the partner stopped");
    assert_eq!(
        w.prompt_dates("eve"),
        vec![d("2027-03-22")],
        "SKIP on 10 March holds the prompt of 15 March only"
    );
    assert_eq!(
        w.prompt_dates("fay"),
        vec![d("2027-03-15")],
        "then not again within two weeks"
    );
}

#[test]
fn a_silent_pair_gets_one_nudge_per_silence() {
    // A weekly cadence: nudged after the configured 14 days (two cadences).
    let mut w = World::new(
        SPRING,
        "[schedule]\nprompt_every_weeks = 1",
        "2027-02-28T12:00:00Z",
    );
    w.run_until("2027-03-10T12:00:00Z");
    w.meeting("eve", "fay", "2027-03-10", 5);
    w.run_until("2027-03-30T12:00:00Z");
    w.meeting("eve", "fay", "2027-03-30", 4);
    w.run_until("2027-04-14T12:00:00Z");
    let pair = |m| w.pair_of(m);
    let mut keys = w.keys("nudge");
    keys.sort();
    let mut expected = vec![
        format!("nudge:{}:2027-03-01", pair("ann")),
        format!("nudge:{}:2027-03-01", pair("cy")),
        format!("nudge:{}:2027-03-10", pair("eve")),
        format!("nudge:{}:2027-03-30", pair("eve")),
    ];
    expected.sort();
    assert_eq!(keys, expected);
    let rows = w.store.queued("nudge".parse().unwrap()).unwrap();
    let eve = rows.iter().find(|q| q.key.ends_with("2027-03-10")).unwrap();
    assert_eq!(
        eve.recipients,
        vec![
            "eve@acme.example".to_string(),
            "fay@acme.example".to_string()
        ]
    );
    // 14 days of silence, at the daily 10:00 run.
    assert!(
        w.runs("nudges").contains(&utc("2027-03-15T10:00:00Z")),
        "{:?}",
        w.runs("nudges")
    );
}

#[test]
fn the_hr_digest_goes_to_the_coordinator_once_per_week_even_when_fired_twice() {
    let mut w = World::new(SPRING, "", "2027-02-22T12:00:00Z");
    w.run_until("2027-03-10T12:00:00Z");
    w.meeting("ann", "bob", "2027-03-09", 4);
    w.run_until("2027-03-29T12:00:00Z");
    let rows = w.store.queued("hr_digest".parse().unwrap()).unwrap();
    let keys: Vec<&str> = rows.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            "hr-digest:2027-03-01..2027-03-07",
            "hr-digest:2027-03-08..2027-03-14",
            "hr-digest:2027-03-15..2027-03-21",
            "hr-digest:2027-03-22..2027-03-28",
        ],
        "none for the week before the start"
    );
    assert!(
        rows.iter()
            .all(|q| q.recipients == vec!["hr@acme.example".to_string()])
    );
    // The schedule fires again for the same Monday (a duplicate, a restored last run).
    w.store
        .set_last_run("hr_digest", utc("2027-03-28T00:00:00Z"))
        .unwrap();
    let again = w.tick();
    assert!(again.ran.iter().any(|(n, _)| n == "hr_digest"), "{again:?}");
    assert_eq!(
        w.store.queued("hr_digest".parse().unwrap()).unwrap().len(),
        4
    );
}

fn body_text(bytes: &[u8]) -> String {
    let message = mail_parser::MessageParser::default().parse(bytes).unwrap();
    message.body_text(0).unwrap().into_owned()
}

#[test]
fn each_participant_gets_their_own_monthly_digest_and_nothing_about_other_pairs() {
    let mut w = World::new(SPRING, "", "2027-02-28T12:00:00Z");
    w.run_until("2027-03-12T12:00:00Z");
    w.meeting("ann", "bob", "2027-03-11", 5);
    w.run_until("2027-04-02T00:00:00Z");
    let mut keys = w.keys("participant_digest");
    keys.sort();
    let mut expected: Vec<String> = ["ann", "bob", "cy", "di", "eve", "fay"]
        .iter()
        .map(|who| format!("digest:{}:2027-03-01..2027-03-31", w.id(who)))
        .collect();
    expected.sort();
    assert_eq!(keys, expected);
    // 08:00 on 1 April where each person lives.
    assert!(
        w.runs("participant_digest@America/New_York")
            .contains(&utc("2027-04-01T12:00:00Z"))
    );
    assert!(
        w.runs("participant_digest@Europe/Berlin")
            .contains(&utc("2027-04-01T06:00:00Z"))
    );
    let claimed = w
        .store
        .claim_outbound(w.clock.now(), 1000, Duration::minutes(5))
        .unwrap();
    let bob = claimed
        .iter()
        .find(|e| e.key == format!("digest:{}:2027-03-01..2027-03-31", w.id("bob")))
        .unwrap();
    assert_eq!(bob.recipients, vec!["bob@acme.example".to_string()]);
    let text = body_text(&bob.bytes);
    assert!(text.contains("With Ann Lee, your mentor"), "{text}");
    assert!(text.contains("Meetings: 1 (0.8 h)"), "{text}");
    for other in ["Cy Ho", "Di Park", "Eve Roy", "Fay Moss"] {
        assert!(!text.contains(other), "{other} in Bob's digest:\n{text}");
    }
}

#[test]
fn the_closing_reflection_goes_to_everyone_still_active_at_the_end() {
    let mut w = World::new(SPRING, "", "2027-06-20T12:00:00Z");
    w.run_until("2027-06-21T00:00:00Z");
    w.sql("UPDATE participants SET status = 'stopped' WHERE email = 'cy@acme.example';");
    w.run_until("2027-07-01T00:00:00Z");
    assert_eq!(w.runs("closing"), vec![utc("2027-06-30T08:00:00Z")]);
    let mut keys = w.keys("closing");
    keys.sort();
    let mut expected: Vec<String> = [
        ("ann", "ann"),
        ("ann", "bob"),
        ("cy", "di"),
        ("eve", "eve"),
        ("eve", "fay"),
    ]
    .iter()
    .map(|(mentor, who)| format!("closing:{}:{}", w.pair_of(mentor), w.id(who)))
    .collect();
    expected.sort();
    assert_eq!(keys, expected, "everyone but Cy, who stopped");
}

#[test]
fn after_three_days_down_each_job_runs_once_and_prompts_past_the_window_are_skipped() {
    let mut w = World::new(SPRING, "", "2027-02-28T12:00:00Z");
    w.run_until("2027-03-07T12:00:00Z");
    let nudges_before = w.runs("nudges").len();
    // Down from Sunday 7 March noon to Wednesday 10 March noon.
    w.clock.set(utc("2027-03-10T12:00:00Z"));
    let report = w.tick();
    let ran: Vec<&str> = report.ran.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(ran.iter().filter(|n| **n == "nudges").count(), 1, "{ran:?}");
    assert_eq!(w.runs("nudges").len(), nudges_before + 1);
    assert_eq!(
        ran.iter().filter(|n| **n == "hr_digest").count(),
        1,
        "Monday's digest, late"
    );
    assert_eq!(
        w.keys("hr_digest"),
        vec!["hr-digest:2027-03-01..2027-03-07".to_string()]
    );
    let skipped: Vec<&str> = report.skipped.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        skipped,
        vec![
            "prompts@America/New_York",
            "prompts@Europe/Berlin",
            "prompts@Europe/London"
        ],
        "Monday's prompts are two days late: past the 12-hour window"
    );
    assert!(w.keys("prompt").is_empty());
    let again = w.tick();
    assert!(
        again.ran.is_empty() && again.skipped.is_empty(),
        "{again:?}"
    );
}

#[test]
fn prompts_missed_by_less_than_the_window_are_sent_late_once() {
    let mut w = World::new(
        SPRING,
        "[schedule]\nprompt_every_weeks = 1",
        "2027-02-28T12:00:00Z",
    );
    w.run_until("2027-03-08T06:00:00Z");
    // Down over Monday morning, back at 18:00 UTC: 9 to 10 hours late in Europe, 4 in
    // New York; all within 12 hours.
    w.clock.set(utc("2027-03-08T18:00:00Z"));
    w.tick();
    w.tick();
    for who in ["ann", "bob", "cy", "di", "eve", "fay"] {
        assert_eq!(w.prompt_dates(who), vec![date("2027-03-08")], "{who}");
    }
}

/// The example program, started three days ago and ending in 90 days: the real daemon runs
/// on the wall clock, so the program's dates are set around today.
fn example_program_started() -> tempfile::TempDir {
    let dir = example_program();
    #[allow(clippy::disallowed_methods)] // NOTE: the dates are set around now
    let today = Utc::now().date_naive();
    let program = dir.path().join("program.toml");
    let text = std::fs::read_to_string(&program)
        .unwrap()
        .replace(
            "start = 2026-11-02",
            &format!("start = {}", today - Duration::days(3)),
        )
        .replace(
            "end = 2027-04-30",
            &format!("end = {}", today + Duration::days(90)),
        );
    std::fs::write(&program, text).unwrap();
    dir
}

#[test]
fn the_daemon_pairs_and_introduces_once_the_program_has_started() {
    let dir = example_program_started();
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    let line = d.wait_for("job=round");
    assert!(line.contains("job ran"), "{line}");
    assert!(line.contains("introductions queued"), "{line}");
    d.signal("TERM");
    d.wait_for("upward stopped cleanly");
    assert_eq!(d.wait_exit(), Some(0));
    let db = rusqlite::Connection::open(dir.path().join("var/upward.db")).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).unwrap() };
    let pairs = count("SELECT count(*) FROM pairs WHERE status = 'active'");
    assert!(pairs > 0);
    assert_eq!(
        count("SELECT count(*) FROM outbox WHERE kind = 'intro'"),
        pairs
    );
    assert_eq!(count("SELECT count(*) FROM rounds"), 1);
}

#[test]
fn people_hr_adds_mid_program_are_paired_on_sighup_and_every_pair_goes_on() {
    let dir = example_program_started();
    let mut d = Daemon::start(dir.path());
    d.wait_for("upward is running");
    d.wait_for("job=round");
    let db = rusqlite::Connection::open(dir.path().join("var/upward.db")).unwrap();
    let active = |db: &rusqlite::Connection| -> Vec<i64> {
        db.prepare("SELECT id FROM pairs WHERE status = 'active' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = active(&db);
    // HR adds a mentor and a mentee and reloads.
    let csv = dir.path().join("participants.csv");
    let mut people = std::fs::read_to_string(&csv).unwrap();
    people.push_str("Zoe New,zoe.new@acme.example,mentor,1,Design,,Europe/London,English,ai tools,career path,1,,09:00-17:00\n");
    people.push_str("Walter Late,walter.late@acme.example,mentee,8,Legal,,Europe/London,English,career path,ai tools,1,,09:00-17:00\n");
    std::fs::write(&csv, people).unwrap();
    d.signal("HUP");
    let line = d.wait_for("new participants paired");
    assert!(!line.contains("new_pairs=0"), "{line}");
    d.signal("TERM");
    d.wait_for("upward stopped cleanly");
    assert_eq!(d.wait_exit(), Some(0));
    let after = active(&db);
    assert!(
        before.iter().all(|p| after.contains(p)),
        "every pair goes on: {before:?} {after:?}"
    );
    let newcomers: i64 = db
        .query_row(
            "SELECT count(*) FROM pairs p JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id
             WHERE p.status = 'active'
               AND (m.email = 'zoe.new@acme.example' OR e.email = 'walter.late@acme.example')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(newcomers >= 1, "a newcomer has a partner");
    let intros: i64 = db
        .query_row(
            "SELECT count(*) FROM outbox WHERE kind = 'intro'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(intros as usize, after.len(), "each pair introduced once");
}

#[test]
fn the_cadence_skips_a_pair_that_reported_and_no_one_gets_two_program_emails_a_day() {
    let mut w = World::new(SPRING, "", "2027-02-28T12:00:00Z");
    w.run_until("2027-03-12T12:00:00Z");
    // Eve and Fay report a meeting on 12 March: the prompt of 15 March would ask what they
    // just told, so it waits for the next cadence.
    w.meeting("eve", "fay", "2027-03-11", 5);
    // Bob got a notice on 29 March (sent at 07:00 Berlin): his prompt waits a week.
    w.run_until("2027-03-29T05:00:00Z");
    let bob = w.id("bob");
    w.sql(&format!(
        "INSERT INTO outbox (idempotency_key, kind, recipient, envelope_from, message_id, state,
                             next_attempt_at, created_at)
         VALUES ('pause-ended:{bob}:2027-03-29', 'pause_ended', 'bob@acme.example',
                 'mentoring@acme.example', '<pause-ended.1@acme.example>', 'sent',
                 '2027-03-29T05:00:00.000Z', '2027-03-29T05:00:00.000Z')"
    ));
    w.run_until("2027-04-13T00:00:00Z");
    let d = |s: &str| date(s);
    assert_eq!(
        w.prompt_dates("eve"),
        vec![d("2027-03-29"), d("2027-04-12")],
        "reported on 12 March: no prompt on 15 March"
    );
    assert_eq!(
        w.prompt_dates("fay"),
        vec![d("2027-03-29"), d("2027-04-12")]
    );
    assert_eq!(
        w.prompt_dates("ann"),
        vec![d("2027-03-15"), d("2027-03-29"), d("2027-04-12")]
    );
    assert_eq!(
        w.prompt_dates("bob"),
        vec![d("2027-03-15"), d("2027-04-05")],
        "other program mail on 29 March: the prompt came the next Monday"
    );
}

#[test]
fn someone_with_two_partners_gets_one_prompt_that_asks_about_both() {
    let person = |name: &str, user: &str, role: &str, level: u8, extra: &str| {
        format!(
            "[[participants]]\nname = \"{name}\"\nemail = \"{user}@acme.example\"\nrole = \"{role}\"\nlevel = {level}\ndepartment = \"{user}\"\ntimezone = \"Europe/London\"\n{extra}\n\n"
        )
    };
    let mut w = World::new(
        SPRING,
        &[
            person("Hal Ash", "hal", "mentor", 1, "capacity = 2"),
            person("Ivy Elm", "ivy", "mentee", 7, ""),
            person("Jo Fir", "jo", "mentee", 7, ""),
            "[[pairing.fixed]]\nmentor = \"hal@acme.example\"\nmentee = \"ivy@acme.example\"\n"
                .into(),
            "[[pairing.fixed]]\nmentor = \"hal@acme.example\"\nmentee = \"jo@acme.example\"\n"
                .into(),
        ]
        .concat(),
        "2027-02-28T12:00:00Z",
    );
    w.run_until("2027-04-27T00:00:00Z");
    let hal = w.id("hal");
    let mut asked: Vec<(NaiveDate, String)> = w
        .keys("prompt")
        .iter()
        .filter_map(|k| {
            let parts: Vec<&str> = k.split(':').collect();
            (parts[2] == hal.to_string()).then(|| (date(parts[3]), parts[1].to_string()))
        })
        .collect();
    asked.sort();
    let days: Vec<NaiveDate> = asked.iter().map(|(d, _)| *d).collect();
    assert_eq!(
        days,
        every(Weekday::Mon, "2027-03-15", "2027-04-26")
            .into_iter()
            .step_by(2)
            .collect::<Vec<_>>(),
        "one prompt a cadence: {asked:?}"
    );
    for pair in asked.windows(2) {
        assert_ne!(
            pair[0].1, pair[1].1,
            "the reply address of each in turn: {asked:?}"
        );
    }
    // Each prompt asks about both partners: the one of its key by replying, the other at
    // the address of their own pair.
    let claimed = w
        .store
        .claim_outbound(w.clock.now(), 1000, Duration::minutes(5))
        .unwrap();
    let prompts: Vec<&upward::store::OutboxEntry> = claimed
        .iter()
        .filter(|e| {
            e.key.starts_with("prompt:") && e.recipients == vec!["hal@acme.example".to_string()]
        })
        .collect();
    assert_eq!(prompts.len(), asked.len());
    for prompt in prompts {
        let raw = String::from_utf8_lossy(&prompt.bytes).to_string();
        assert!(
            raw.contains("Subject: How are things going with Ivy and Jo?")
                || raw.contains("Subject: How are things going with Jo and Ivy?"),
            "{raw}"
        );
        let text = body_text(&prompt.bytes);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let other = if flat.contains("Did you meet Ivy Elm") {
            "Jo"
        } else {
            "Ivy"
        };
        assert!(
            flat.contains(&format!(
                "To tell us about your meetings with {other}, write to mentoring+"
            )),
            "{flat}"
        );
    }
    // At the end, one closing reflection thanks Hal for both.
    w.run_until("2027-07-01T00:00:00Z");
    let closings: Vec<String> = w
        .keys("closing")
        .into_iter()
        .filter(|k| k.ends_with(&format!(":{hal}")))
        .collect();
    assert_eq!(closings.len(), 1, "{closings:?}");
    let claimed = w
        .store
        .claim_outbound(w.clock.now(), 1000, Duration::minutes(5))
        .unwrap();
    let closing = claimed.iter().find(|e| e.key == closings[0]).unwrap();
    let flat = body_text(&closing.bytes)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("Thank you for the time you gave Ivy Elm and Jo Fir."),
        "{flat}"
    );
    assert!(
        flat.contains("About Jo: to tell us what you learned together, write to mentoring+"),
        "{flat}"
    );
}

#[test]
fn the_final_report_is_queued_once_for_hr_a_week_after_the_end_and_never_before() {
    let mut w = World::new(SPRING, "", "2027-06-20T12:00:00Z");
    w.run_until("2027-06-21T00:00:00Z");
    w.meeting("ann", "bob", "2027-06-22", 5);
    // The end (30 June) and the closing reflection pass; six days on, still nothing.
    w.run_until("2027-07-06T12:00:00Z");
    assert_eq!(w.runs("closing"), vec![utc("2027-06-30T08:00:00Z")]);
    assert!(w.keys("final_report").is_empty(), "not before its day");
    // A late answer to the closing reflection, logged after the end, still counts.
    w.meeting("cy", "di", "2027-06-29", 4);
    // The daemon is down over the report's day (7 July, 09:00 London) and comes back later:
    // the report goes once.
    w.clock.set(utc("2027-07-09T12:00:00Z"));
    w.tick();
    assert_eq!(w.runs("final_report"), vec![utc("2027-07-07T08:00:00Z")]);
    let rows = w.store.queued("final_report".parse().unwrap()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].key, "final-report:2027-06-30");
    assert_eq!(rows[0].recipients, vec!["hr@acme.example".to_string()]);
    let claimed = w
        .store
        .claim_outbound(w.clock.now(), 1000, Duration::minutes(5))
        .unwrap();
    let report = claimed
        .iter()
        .find(|e| e.key == "final-report:2027-06-30")
        .unwrap();
    let text = body_text(&report.bytes);
    assert!(
        text.contains("Final report, 1 March to 30 June 2027"),
        "{text}"
    );
    assert!(!text.contains("has not ended"), "{text}");
    assert!(text.contains("Ann Lee & Bob Stone: 1 meeting"), "{text}");
    assert!(text.contains("Cy Ho & Di Park: 1 meeting"), "{text}");
    assert!(text.contains("Eve Roy & Fay Moss: 0 meetings"), "{text}");
    // The schedule fires again (a restored last run, a duplicate): nothing new is queued.
    w.store
        .set_last_run("final_report", utc("2027-07-01T00:00:00Z"))
        .unwrap();
    let again = w.tick();
    assert!(
        again.ran.iter().any(|(n, _)| n == "final_report"),
        "{again:?}"
    );
    assert_eq!(w.keys("final_report").len(), 1);
    w.run_until("2027-09-01T00:00:00Z");
    assert_eq!(w.keys("final_report").len(), 1);
}

#[test]
fn with_no_delay_the_final_report_comes_on_the_end_date_after_the_closing_reflection() {
    let extra = "[schedule]\nfinal_report_after_days = 0\n";
    let mut w = World::new(SPRING, extra, "2027-06-29T12:00:00Z");
    w.run_until("2027-06-30T07:59:00Z");
    assert!(w.keys("final_report").is_empty(), "not before its day");
    w.run_until("2027-07-01T00:00:00Z");
    assert_eq!(w.runs("final_report"), vec![utc("2027-06-30T08:00:00Z")]);
    let order: Vec<&str> = w
        .ran
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| *n == "closing" || *n == "final_report")
        .collect();
    assert_eq!(order, vec!["closing", "final_report"]);
    assert_eq!(w.keys("final_report"), vec!["final-report:2027-06-30"]);
}
