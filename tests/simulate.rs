//! `upward simulate`: the whole engine on a virtual clock. Its counts must agree with what
//! the synthetic replies imply, and the same seed must give the same program.

use upward::Config;
use upward::simulate::{Options, run};

use crate::util::{repo, run_in};

/// Every email of a simulation's outbox folder, week by week (`week-01.mbox`, …), each with
/// its Message-ID (angle brackets included).
fn sent_emails(outbox: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut weeks: Vec<std::path::PathBuf> = std::fs::read_dir(outbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    weeks.sort();
    weeks
        .iter()
        .flat_map(|week| upward::simulate::mbox::read(week).unwrap())
        .map(|raw| {
            let message = mail_parser::MessageParser::default()
                .parse_headers(&raw)
                .unwrap();
            let id = message.header_raw("Message-ID").unwrap().trim().to_string();
            (id, raw)
        })
        .collect()
}

/// The plain text of an email, its lines joined by spaces.
fn email_text(raw: &[u8]) -> String {
    let message = mail_parser::MessageParser::default().parse(raw).unwrap();
    message
        .body_text(0)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn simulate(seed: u64) -> (upward::simulate::Summary, tempfile::TempDir) {
    let config = Config::load(&repo().join("config/program.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        weeks: 6,
        seed,
        out: dir.path().join("sim"),
    };
    let mut heard: Vec<(u64, u64)> = Vec::new();
    let summary = run(&config, &opts, &mut |done, total| heard.push((done, total))).unwrap();
    // Progress moves forward day by day and ends at the whole length.
    assert_eq!(heard.last(), Some(&(42, 42)), "{heard:?}");
    assert!(heard.windows(2).all(|w| w[0].0 <= w[1].0), "{heard:?}");
    assert!(heard.len() > 30, "a step at least most days: {heard:?}");
    (summary, dir)
}

#[test]
fn simulated_counts_agree_with_what_the_synthetic_replies_imply() {
    let (s, dir) = simulate(1);
    let outbox = dir.path().join("sim/outbox");
    let mut files: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let emails = sent_emails(&outbox);
    let written: usize = s.emails.values().sum();
    assert_eq!(
        emails.len(),
        written,
        "every email is in a week's mbox file"
    );
    let weeks: Vec<String> = (1..=files.len())
        .map(|w| format!("week-{w:02}.mbox"))
        .collect();
    assert_eq!(files, weeks, "a file a simulated week");
    assert!((6..=7).contains(&files.len()), "{files:?}");
    let ids: std::collections::HashSet<&String> = emails.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), written, "each email once");
    // The rows stay; the bodies of what was sent do not: the mbox files are that copy.
    let db = rusqlite::Connection::open(dir.path().join("sim/upward.db")).unwrap();
    let (sent, kept): (i64, i64) = db
        .query_row(
            "SELECT count(*), count(b.outbox_id)
             FROM outbox o LEFT JOIN outbox_body b ON b.outbox_id = o.id WHERE o.state = 'sent'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((sent as usize, kept), (written, 0));
    assert!(s.emails["intro"] >= 10, "{:?}", s.emails);
    assert!(s.emails["prompt"] > s.emails["intro"], "{:?}", s.emails);
    // The example program has one person more than the first round can pair: told why.
    assert_eq!(s.emails.get("unmatched"), Some(&1), "{:?}", s.emails);
    assert!(
        s.emails["hr_digest"] >= 5,
        "one HR digest a week: {:?}",
        s.emails
    );

    // Everything that arrived was processed exactly once, as what it was.
    let arrived = s.replies_sent + s.bounces - s.pending_at_end;
    let processed: usize = s.inbound.values().sum();
    assert_eq!(processed, arrived, "{s:?}");
    let n = |k: &str| s.inbound.get(k).copied().unwrap_or(0);
    assert_eq!(
        n("auto_reply"),
        s.auto_replies,
        "out-of-office notes are recognised"
    );
    assert_eq!(n("bounce"), s.bounces, "bounces are recognised");
    assert_eq!(n("command"), s.stops, "STOP is a command");
    // Everyone who stopped had a partner, and each partner is told what comes next; so is
    // the partner of each address disabled for bouncing.
    assert!(s.stops > 0, "{s:?}");
    let told: Vec<String> = emails
        .iter()
        .filter(|(id, _)| id.contains("<partner-left."))
        .map(|(_, raw)| email_text(raw))
        .collect();
    assert_eq!(told.len(), s.emails["partner_left"]);
    for text in &told {
        assert!(
            text.contains("new partner") || text.contains("No pairing round is left"),
            "says what comes next: {text}"
        );
    }
    let left = told.iter().filter(|t| t.contains("has left")).count();
    let unreachable = told
        .iter()
        .filter(|t| t.contains("have stopped getting through"))
        .count();
    assert_eq!(left, s.stops, "{told:?}");
    assert_eq!(left + unreachable, told.len(), "{told:?}");
    assert!(
        unreachable > 0,
        "the bouncing persona had a partner: {told:?}"
    );
    let db = rusqlite::Connection::open(dir.path().join("sim/upward.db")).unwrap();
    let partners_of_disabled: i64 = db
        .query_row(
            "SELECT count(*) FROM pairs p JOIN participants x
               ON x.id IN (p.mentor_id, p.mentee_id)
             WHERE x.bouncing = 1 AND p.end_reason = 'mail to a partner stopped getting through'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unreachable as i64, partners_of_disabled, "{told:?}");
    assert_eq!(n("quarantined"), 0, "{s:?}");
    // Each accepted report is confirmed; automated mail never is.
    assert_eq!(s.emails["confirmation"], n("reply"), "{s:?}");
    // Met reports become feedback; both partners' reports of one meeting are one session.
    assert!(s.feedback_met as usize <= s.replies_met, "{s:?}");
    assert!(
        s.feedback_met as usize + n("refused") + s.pending_at_end >= s.replies_met,
        "{s:?}"
    );
    assert!(
        s.sessions <= s.feedback_met && 2 * s.sessions >= s.feedback_met,
        "{s:?}"
    );
    assert!(
        s.digest.contains("Opted out: 1;"),
        "the STOP is counted:\n{}",
        s.digest
    );
    assert!(s.digest.contains("bouncing addresses: "), "{}", s.digest);
}

#[test]
fn the_same_seed_gives_the_same_program_and_another_seed_another() {
    let (a, _da) = simulate(7);
    let (b, _db) = simulate(7);
    assert_eq!(a, b);
    let (c, _dc) = simulate(8);
    assert_ne!(a.digest, c.digest);
}

#[test]
fn the_command_prints_counts_and_the_digest_and_refuses_a_used_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sim");
    let config = repo().join("config/program.toml");
    let args = [
        "simulate",
        "-c",
        config.to_str().unwrap(),
        "--weeks",
        "2",
        "--out",
        out.to_str().unwrap(),
    ];
    let ran = run_in(dir.path(), &args).expect_code(0);
    assert!(
        !ran.stderr.contains("simulating"),
        "quiet on a pipe: {}",
        ran.stderr
    );
    assert!(
        ran.stdout.starts_with("simulated 2 weeks (seed 1): "),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("Sessions this period:"),
        "{}",
        ran.stdout
    );
    let again = run_in(dir.path(), &args).expect_code(1);
    assert!(
        again
            .stderr
            .contains("is not empty; give a new folder with --out"),
        "{}",
        again.stderr
    );
}

#[test]
fn the_command_shows_its_progress_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let config = repo().join("config/program.toml");
    let args = format!(
        "simulate -c {} --weeks 3 --out {}",
        config.display(),
        dir.path().join("sim").display()
    );
    let Some(shown) = crate::util::on_a_terminal(dir.path(), &args) else {
        return;
    };
    assert!(shown.contains("simulating "), "{shown}");
    assert!(shown.contains("/21 days"), "{shown}");
    assert!(shown.contains("simulated 3 weeks"), "{shown}");
}

/// The example's 26 weeks and a month after, on seed 7: the people loop as a participant
/// lives it.
#[test]
fn a_whole_program_keeps_working_pairs_a_humane_cadence_and_ends_well() {
    let config = Config::load(&repo().join("config/program.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let opts = Options {
        weeks: 30,
        seed: 7,
        out: dir.path().join("sim"),
    };
    run(&config, &opts, &mut |_, _| {}).unwrap();
    let db = rusqlite::Connection::open(dir.path().join("sim/upward.db")).unwrap();
    let rows = |sql: &str| -> Vec<(String, String)> {
        db.prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    // At most 13 prompts and 40 emails a person (HR's digests and final report aside).
    let mut emails: std::collections::HashMap<String, (usize, usize)> = Default::default();
    for (to, kind) in
        rows("SELECT recipient, kind FROM outbox WHERE kind NOT IN ('hr_digest', 'final_report')")
    {
        for person in to.split(", ") {
            let e = emails.entry(person.to_string()).or_default();
            e.0 += 1;
            e.1 += usize::from(kind == "prompt");
        }
    }
    assert!(emails.len() >= 20, "{emails:?}");
    for (person, (all, prompts)) in &emails {
        assert!(*all <= 40, "{person}: {all} emails");
        assert!(*prompts <= 13, "{person}: {prompts} prompts");
    }
    // After the end date nothing periodic goes out.
    let end = config.program.end.to_string();
    let late = rows(&format!(
        "SELECT kind, created_at FROM outbox WHERE substr(created_at, 1, 10) > '{end}'
           AND kind IN ('prompt', 'nudge', 'intro', 'hr_digest', 'participant_digest')"
    ));
    assert!(late.is_empty(), "{late:?}");
    // The final report goes to HR once, a week after the end.
    let reports = rows("SELECT idempotency_key, recipient FROM outbox WHERE kind = 'final_report'");
    assert_eq!(
        reports,
        vec![(
            format!("final-report:{end}"),
            config.program.coordinator.clone()
        )],
    );
    // Rounds (the first, the fill that paired the person approved by email, the rematch):
    // none within four weeks of the end; at the rematch, the pairs that met went on and
    // only the silent ones were re-paired.
    let rounds = rows("SELECT CAST(number AS TEXT), created_at FROM rounds ORDER BY number");
    assert_eq!(rounds.len(), 3, "{rounds:?}");
    let last_start = (config.program.end - chrono::Duration::weeks(4)).to_string();
    assert!(
        rounds.iter().all(|(_, at)| at[..10] < *last_start),
        "{rounds:?}"
    );
    let ended = rows(
        "SELECT CAST(p.id AS TEXT), CAST((SELECT count(*) FROM sessions s WHERE s.pair_id = p.id AND s.met = 1) AS TEXT)
         FROM pairs p JOIN participants m ON m.id = p.mentor_id JOIN participants e ON e.id = p.mentee_id
         WHERE p.end_reason = 'round 3 started'
           AND m.bouncing = 0 AND e.bouncing = 0 AND m.status = 'active' AND e.status = 'active'",
    );
    assert!(
        ended.iter().all(|(_, met)| met == "0"),
        "of pairs who could go on, only silent ones were re-paired: {ended:?}"
    );
    let went_on = rows(
        "SELECT CAST(p.id AS TEXT), CAST((SELECT count(*) FROM sessions s WHERE s.pair_id = p.id AND s.met = 1) AS TEXT)
         FROM pairs p JOIN rounds r ON r.id = p.round_id
         WHERE r.number < 3 AND (p.end_reason IS NULL OR p.end_reason <> 'round 3 started')
           AND p.status = 'active'",
    );
    assert!(
        went_on.len() > ended.len(),
        "most pairs met and went on: {went_on:?}"
    );
    assert!(went_on.iter().all(|(_, met)| met != "0"), "{went_on:?}");
}

/// The scenarios of issue 14 on one run of `upward simulate` (the example program, 30
/// weeks, seed 9), shared by the tests below: read back from its outbox's mbox files and
/// its SQLite file. Seed 9 is the one whose rematch round re-pairs a silent pair.
struct Scenario {
    out: std::path::PathBuf,
    /// The emails sent, by Message-ID.
    emails: std::collections::HashMap<String, Vec<u8>>,
    stdout: String,
    end: chrono::NaiveDate,
    coordinator: String,
}

static SCENARIO: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();

fn scenario() -> &'static Scenario {
    SCENARIO.get_or_init(|| {
        let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("simulate-scenarios");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("sim");
        let config = repo().join("config/program.toml");
        let ran = run_in(
            &dir,
            &[
                "simulate",
                "-c",
                config.to_str().unwrap(),
                "--weeks",
                "30",
                "--seed",
                "9",
                "--out",
                out.to_str().unwrap(),
            ],
        )
        .expect_code(0);
        let program = Config::load(&config).unwrap().program;
        Scenario {
            emails: sent_emails(&out.join("outbox")).into_iter().collect(),
            out,
            stdout: ran.stdout,
            end: program.end,
            coordinator: program.coordinator,
        }
    })
}

impl Scenario {
    fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.out.join("upward.db")).unwrap()
    }

    /// The rows of a query whose columns are all text (or cast to it).
    fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let db = self.db();
        let mut stmt = db.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default))
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// The plain text of the email with `message_id`, its lines joined by spaces.
    fn text(&self, message_id: &str) -> String {
        let raw = self
            .emails
            .get(message_id)
            .unwrap_or_else(|| panic!("no email {message_id} in the mbox files"));
        email_text(raw)
    }

    /// (recipient, created_at, message id) of the emails of `kind`, oldest first.
    fn sent(&self, kind: &str) -> Vec<(String, String, String)> {
        self.rows(&format!(
            "SELECT recipient, created_at, message_id FROM outbox WHERE kind = '{kind}' ORDER BY created_at, id"
        ))
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect()
    }

    /// A figure of the `personas:` line the command prints, by the words after it.
    fn personas(&self, after: &str) -> usize {
        let line = self
            .stdout
            .lines()
            .find(|l| l.starts_with("personas: "))
            .unwrap_or_else(|| panic!("{}", self.stdout));
        let at = line
            .find(after)
            .unwrap_or_else(|| panic!("{after}: {line}"));
        line[..at]
            .rsplit([' ', ':'])
            .find(|w| !w.is_empty())
            .unwrap()
            .parse()
            .unwrap()
    }
}

#[test]
fn scenario_a_stop_tells_the_partner_what_comes_next_and_nobody_loses_a_partner_untold() {
    let s = scenario();
    let stopped = s.rows(
        "SELECT x.email, p.ended_at FROM pairs p JOIN participants x ON x.id IN (p.mentor_id, p.mentee_id)
         WHERE p.end_reason = 'a participant said STOP' AND x.status = 'active'",
    );
    assert_eq!(stopped.len(), 1, "one STOP, one partner: {stopped:?}");
    let told: Vec<_> = s
        .sent("partner_left")
        .into_iter()
        .filter(|(to, _, _)| *to == stopped[0][0])
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    let text = s.text(&told[0].2);
    assert!(text.contains("has left"), "{text}");
    assert!(
        text.contains("new partner") || text.contains("No pairing round is left"),
        "says what comes next: {text}"
    );
    // Everyone whose pair ended early (a STOP, an address that stopped getting through)
    // and who is still taking part got a `partner_left` at or after the end of that pair.
    let lost = s.rows(
        "SELECT x.email, p.ended_at FROM pairs p JOIN participants x ON x.id IN (p.mentor_id, p.mentee_id)
         WHERE p.status = 'ended' AND p.end_reason NOT LIKE 'round % started'
           AND x.status = 'active' AND x.bouncing = 0",
    );
    assert_eq!(
        lost.len(),
        2,
        "the stopper's and the bouncing address's partners: {lost:?}"
    );
    let notices = s.sent("partner_left");
    for person in &lost {
        assert!(
            notices
                .iter()
                .any(|(to, at, _)| *to == person[0] && at[..16] >= person[1][..16]),
            "{} lost a partner on {} and was not told: {notices:?}",
            person[0],
            person[1]
        );
    }
    assert_eq!(notices.len(), lost.len(), "{notices:?}");
}

#[test]
fn scenario_the_unmatched_are_told_at_each_round() {
    let s = scenario();
    let unmatched = s.sent("unmatched");
    let rounds = s.rows("SELECT substr(created_at, 1, 10) FROM rounds ORDER BY number");
    let first = &rounds[0][0];
    // Round one: the example has one mentor more than it can pair.
    let at_start: Vec<_> = unmatched
        .iter()
        .filter(|u| u.1.starts_with(first.as_str()))
        .collect();
    assert_eq!(at_start.len(), 1, "{unmatched:?}");
    let text = s.text(&at_start[0].2);
    assert!(text.contains("round"), "says what comes next: {text}");
    // Everyone told is someone no pair of that day holds.
    for (to, at, _) in &unmatched {
        let paired = s.count(&format!(
            "SELECT count(*) FROM pairs p JOIN participants x ON x.id IN (p.mentor_id, p.mentee_id)
             WHERE x.email = '{to}' AND p.created_at <= '{at}' AND (p.ended_at IS NULL OR p.ended_at > '{at}')"
        ));
        assert_eq!(paired, 0, "{to} was told at {at} but had a partner");
    }
}

#[test]
fn scenario_at_the_rematch_pairs_that_met_go_on_and_a_silent_pair_is_re_paired() {
    let s = scenario();
    // Rounds: the first, the fill that paired the approved joiner, the rematch.
    let rounds = s.rows("SELECT CAST(number AS TEXT), created_at FROM rounds ORDER BY number");
    assert_eq!(rounds.len(), 3, "{rounds:?}");
    let (number, at) = (&rounds[2][0], &rounds[2][1]);
    let ended = s.rows(&format!(
        "SELECT m.email, e.email, CAST((SELECT count(*) FROM sessions x WHERE x.pair_id = p.id AND x.met = 1) AS TEXT)
         FROM pairs p JOIN participants m ON m.id = p.mentor_id JOIN participants e ON e.id = p.mentee_id
         WHERE p.end_reason = 'round {number} started' ORDER BY p.id"
    ));
    assert_eq!(ended.len(), 2, "two silent pairs ended: {ended:?}");
    assert!(ended.iter().all(|p| p[2] == "0"), "{ended:?}");
    // The pairs that met and were active at the round go on.
    let going_on = s.count(&format!(
        "SELECT count(*) FROM pairs p WHERE p.created_at < '{at}' AND p.status = 'active'
           AND (SELECT count(*) FROM sessions x WHERE x.pair_id = p.id AND x.met = 1) > 0"
    ));
    let met_before = s.count(&format!(
        "SELECT count(*) FROM pairs p WHERE p.created_at < '{at}' AND (p.ended_at IS NULL OR p.ended_at >= '{at}')
           AND (SELECT count(*) FROM sessions x WHERE x.pair_id = p.id AND x.met = 1 AND x.created_at < '{at}') > 0"
    ));
    assert_eq!(going_on, met_before, "every pair that had met went on");
    assert_eq!(going_on, 10);
    // The round introduces one new pair: one of each silent pair, together.
    let intros: Vec<_> = s
        .sent("intro")
        .into_iter()
        .filter(|(_, sent, _)| sent[..16] == at[..16])
        .collect();
    assert_eq!(intros.len(), 1, "{intros:?}");
    let new: Vec<&str> = intros[0].0.split(", ").collect();
    let silent: Vec<&String> = ended.iter().flat_map(|p| [&p[0], &p[1]]).collect();
    assert!(
        new.iter().all(|n| silent.iter().any(|s| s == n)),
        "{new:?} {silent:?}"
    );
    assert!(
        !ended
            .iter()
            .any(|p| new.contains(&p[0].as_str()) && new.contains(&p[1].as_str())),
        "no pair repeats: {new:?}"
    );
    // The two left without a partner are told.
    let alone: Vec<_> = s
        .sent("unmatched")
        .into_iter()
        .filter(|(_, sent, _)| sent[..16] == at[..16])
        .map(|u| u.0)
        .collect();
    assert_eq!(alone.len(), 2, "{alone:?}");
    assert!(
        alone
            .iter()
            .all(|a| silent.contains(&a) && !new.contains(&a.as_str()))
    );
}

#[test]
fn scenario_after_the_end_date_only_the_closing_and_the_final_report() {
    let s = scenario();
    let end = s.end.to_string();
    // Nothing periodic after the end date (the closing goes out on it).
    let late = s.rows(&format!(
        "SELECT kind, created_at FROM outbox WHERE substr(created_at, 1, 10) > '{end}'
           AND kind IN ('prompt', 'nudge', 'intro', 'hr_digest', 'participant_digest', 'ending_soon', 'unmatched')"
    ));
    assert!(late.is_empty(), "{late:?}");
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM rounds WHERE substr(created_at, 1, 10) >= '{end}'"
        )),
        0
    );
    // One closing to each person of a pair still active (one for both of someone's pairs),
    // on the end date.
    let closings = s.rows(
        "SELECT recipient, substr(created_at, 1, 10) FROM outbox WHERE kind = 'closing' ORDER BY recipient",
    );
    let mut expected: Vec<Vec<String>> = s
        .rows(
            "SELECT DISTINCT x.email FROM pairs p JOIN participants x ON x.id IN (p.mentor_id, p.mentee_id)
             WHERE p.status = 'active' AND x.status = 'active' AND x.bouncing = 0",
        )
        .into_iter()
        .map(|r| vec![r[0].clone(), end.clone()])
        .collect();
    expected.sort();
    assert_eq!(closings, expected);
    assert_eq!(closings.len(), 21);
    // The final report: once, to the coordinator, a week after the end.
    let reports = s.rows("SELECT idempotency_key, recipient, substr(created_at, 1, 10) FROM outbox WHERE kind = 'final_report'");
    assert_eq!(
        reports,
        vec![vec![
            format!("final-report:{end}"),
            s.coordinator.clone(),
            (s.end + chrono::Duration::days(7)).to_string()
        ]]
    );
}

#[test]
fn scenario_goals_are_kept_shown_in_prompts_answered_at_the_closing_and_counted() {
    let s = scenario();
    let answered = s.personas("answers to an introduction with goals");
    let closed = s.personas("answers to the closing");
    assert!(answered >= 3, "{}", s.stdout);
    // Each answer set one pair's goals (a later answer replaces the set it found).
    let sets =
        s.count("SELECT count(DISTINCT pair_id || ':' || coalesce(inbound_id, '')) FROM goals");
    assert_eq!(sets as usize, answered, "{}", s.stdout);
    let goals = s.rows(
        "SELECT CAST(g.pair_id AS TEXT), g.text, g.set_at, coalesce(p.ended_at, '9999'), coalesce(g.outcome, '')
         FROM goals g JOIN pairs p ON p.id = g.pair_id WHERE g.replaced_at IS NULL ORDER BY g.pair_id, g.position",
    );
    let pairs: std::collections::BTreeSet<&String> = goals.iter().map(|g| &g[0]).collect();
    assert!((1..=3).contains(&(goals.len() / pairs.len())), "{goals:?}");
    // The prompts each of those pairs' people got after the goals were set name them.
    let mut shown = 0;
    for g in goals.iter() {
        let prompts = s.rows(&format!(
            "SELECT o.message_id FROM outbox o, pairs p JOIN participants x ON x.id IN (p.mentor_id, p.mentee_id)
             WHERE p.id = {} AND o.kind = 'prompt' AND o.recipient = x.email
               AND o.created_at > '{}' AND o.created_at < '{}'
               AND (SELECT count(*) FROM pairs q WHERE x.id IN (q.mentor_id, q.mentee_id)) = 1",
            g[0], g[2], g[3]
        ));
        for p in prompts {
            let text = s.text(&p[0]);
            assert!(text.contains(&g[1]), "{} not in {text}", g[1]);
            shown += 1;
        }
    }
    assert!(shown > 10, "{shown}");
    // The closing answers set an outcome on every goal of their pair.
    let with_outcome: std::collections::BTreeSet<&String> = goals
        .iter()
        .filter(|g| !g[4].is_empty())
        .map(|g| &g[0])
        .collect();
    assert_eq!(with_outcome.len(), closed, "{goals:?}");
    for pair in &with_outcome {
        assert!(
            goals
                .iter()
                .filter(|g| g[0] == **pair)
                .all(|g| !g[4].is_empty()),
            "{goals:?}"
        );
    }
    // The final report counts them.
    let (n, reached, partly, not) = (
        goals.len(),
        goals.iter().filter(|g| g[4] == "reached").count(),
        goals.iter().filter(|g| g[4] == "partly").count(),
        goals.iter().filter(|g| g[4] == "not_reached").count(),
    );
    let report = s.text(&s.sent("final_report")[0].2);
    let figures = format!(
        "{n} goals set by {} pairs: {reached} reached, {partly} partly, {not} not reached, {} not answered",
        pairs.len(),
        n - reached - partly - not
    );
    assert!(report.contains(&figures), "{figures} not in {report}");
}

#[test]
fn scenario_the_side_that_cancels_twice_is_told_once_and_hr_sees_it() {
    let s = scenario();
    assert_eq!(
        s.personas("reports naming who cancelled"),
        4,
        "{}",
        s.stdout
    );
    let told = s.sent("cancelled_again");
    assert_eq!(told.len(), 1, "{told:?}");
    let who = &told[0].0;
    let pair = s.rows(&format!(
        "SELECT x.name, p.cancel_side, x.role, CAST(p.cancel_run AS TEXT) FROM pairs p JOIN participants x ON x.id IN (p.mentor_id, p.mentee_id)
         WHERE x.email = '{who}'"
    ));
    assert_eq!(pair.len(), 1, "{pair:?}");
    let name = &pair[0][0];
    // The weekly HR digests after it list that person.
    let digests: Vec<String> = s
        .sent("hr_digest")
        .into_iter()
        .filter(|(_, at, _)| *at > told[0].1)
        .map(|(_, _, id)| s.text(&id))
        .collect();
    let listed = format!("{name} ({}) cancelled the last 2 meetings", pair[0][2]);
    assert!(
        digests.iter().any(|d| d.contains(&listed)),
        "{listed} not in {digests:?}"
    );
    let text = s.text(&told[0].2);
    assert!(text.contains("PAUSE"), "suggests what to do: {text}");
}

#[test]
fn scenario_a_join_approved_is_paired_and_one_declined_is_told_why() {
    let s = scenario();
    assert_eq!(s.personas("written"), 2, "{}", s.stdout);
    assert_eq!(s.personas("answered by the coordinator"), 2, "{}", s.stdout);
    let requests = s.sent("join_request");
    assert_eq!(requests.len(), 2);
    assert!(
        requests.iter().all(|r| r.0 == s.coordinator),
        "{requests:?}"
    );
    // Approved: a participant, told, then introduced at the newcomers' fill.
    let joined =
        s.rows("SELECT status, joined_at FROM participants WHERE email = 'kim.park@acme.example'");
    assert_eq!(joined.len(), 1);
    assert_eq!(joined[0][0], "active");
    let approved = s.sent("join_approved");
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].0, "kim.park@acme.example");
    let intros: Vec<_> = s
        .sent("intro")
        .into_iter()
        .filter(|i| i.0.contains("kim.park@acme.example"))
        .collect();
    assert_eq!(intros.len(), 1, "{intros:?}");
    assert!(intros[0].1 >= approved[0].1, "{intros:?} {approved:?}");
    let fill = s.count(
        "SELECT r.number FROM pairs p JOIN rounds r ON r.id = p.round_id JOIN participants x ON x.id = p.mentee_id
         WHERE x.email = 'kim.park@acme.example'",
    );
    assert_eq!(
        fill, 2,
        "paired by the fill between the first round and the rematch"
    );
    assert!(s.count("SELECT count(*) FROM outbox WHERE kind = 'prompt' AND recipient = 'kim.park@acme.example'") > 3);
    // No mail server vouches for the outsiders here: each confirmed from their mailbox
    // first, and only then did the coordinator hear of them.
    let confirms = s.sent("join_confirm");
    assert_eq!(confirms.len(), 2, "{confirms:?}");
    assert_eq!(
        s.count("SELECT count(*) FROM join_requests WHERE status = 'unconfirmed'"),
        0
    );
    // Declined: told with the coordinator's words, in no pair, not a participant.
    let declined = s.sent("join_declined");
    assert_eq!(declined.len(), 1);
    assert_eq!(declined[0].0, "alex.moor@acme.example");
    let text = s.text(&declined[0].2);
    assert!(text.contains("the program is full this term"), "{text}");
    assert_eq!(
        s.count("SELECT count(*) FROM participants WHERE email = 'alex.moor@acme.example'"),
        0
    );
    assert_eq!(
        s.count("SELECT count(*) FROM outbox WHERE recipient LIKE '%alex.moor@acme.example%' AND kind NOT IN ('join_confirm', 'join_declined', 'command')"),
        0
    );
}
