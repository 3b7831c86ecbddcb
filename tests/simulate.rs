//! `upward simulate`: the whole engine on a virtual clock. Its counts must agree with what
//! the synthetic replies imply, and the same seed must give the same program.

use upward::Config;
use upward::simulate::{Options, run};

use crate::util::{repo, run_in};

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
    let files = std::fs::read_dir(dir.path().join("sim/outbox"))
        .unwrap()
        .count();
    let written: usize = s.emails.values().sum();
    assert_eq!(files, written, "every email is one .eml file");
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
    let told: Vec<String> = std::fs::read_dir(dir.path().join("sim/outbox"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("partner-left"))
        .map(|p| {
            let raw = std::fs::read(&p).unwrap();
            let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
            message
                .body_text(0)
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
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
    // Rounds: none within four weeks of the end; at the rematch, the pairs that met went
    // on and only the silent ones were re-paired.
    let rounds = rows("SELECT CAST(number AS TEXT), created_at FROM rounds ORDER BY number");
    assert_eq!(rounds.len(), 2, "{rounds:?}");
    let last_start = (config.program.end - chrono::Duration::weeks(4)).to_string();
    assert!(
        rounds.iter().all(|(_, at)| at[..10] < *last_start),
        "{rounds:?}"
    );
    let ended = rows(
        "SELECT CAST(p.id AS TEXT), CAST((SELECT count(*) FROM sessions s WHERE s.pair_id = p.id AND s.met = 1) AS TEXT)
         FROM pairs p JOIN participants m ON m.id = p.mentor_id JOIN participants e ON e.id = p.mentee_id
         WHERE p.end_reason = 'round 2 started'
           AND m.bouncing = 0 AND e.bouncing = 0 AND m.status = 'active' AND e.status = 'active'",
    );
    assert!(
        ended.iter().all(|(_, met)| met == "0"),
        "of pairs who could go on, only silent ones were re-paired: {ended:?}"
    );
    let went_on = rows(
        "SELECT CAST(p.id AS TEXT), CAST((SELECT count(*) FROM sessions s WHERE s.pair_id = p.id AND s.met = 1) AS TEXT)
         FROM pairs p JOIN rounds r ON r.id = p.round_id
         WHERE r.number = 1 AND (p.end_reason IS NULL OR p.end_reason <> 'round 2 started')
           AND p.status = 'active'",
    );
    assert!(
        went_on.len() > ended.len(),
        "most pairs met and went on: {went_on:?}"
    );
    assert!(went_on.iter().all(|(_, met)| met != "0"), "{went_on:?}");
}
