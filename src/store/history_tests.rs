//! Tests of the session history as a whole (invariant 6): any sequence of reports,
//! corrections and retractions from both partners keeps every message's facts in the
//! history, replaying the history gives the current sessions and reports, nothing is
//! deleted and the running totals count exactly the sessions not retracted; and a database
//! written at schema version 7 opens, gets its history and keeps working.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use rusqlite::{Connection, params};
use serde_json::Value;

use super::testutil::seed_pair;
use super::{Correction, MIGRATIONS, Report, ReportOutcome, Store, Target};

type Rows = BTreeMap<i64, BTreeMap<String, Value>>;

/// The sessions and reports as replaying the history's changes makes them.
fn replay(store: &Store) -> (Rows, Rows) {
    let mut stmt = store
        .conn
        .prepare("SELECT session_id, feedback_id, changes FROM session_history ORDER BY id")
        .unwrap();
    let rows: Vec<(Option<i64>, Option<i64>, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (mut sessions, mut feedback) = (Rows::new(), Rows::new());
    for (session, report, changes) in rows {
        let changes: BTreeMap<String, [Value; 2]> = serde_json::from_str(&changes).unwrap();
        for (field, [_, new]) in changes {
            let (rows, id) = if field.starts_with("session.") {
                (&mut sessions, session)
            } else {
                (&mut feedback, report)
            };
            let id = id.unwrap_or_else(|| panic!("a change of {field} names no row"));
            rows.entry(id).or_default().insert(field, new);
        }
    }
    (sessions, feedback)
}

/// The sessions and reports as stored.
fn current(store: &Store) -> (Rows, Rows) {
    let c = &store.conn;
    let mut sessions = Rows::new();
    let mut stmt = c
        .prepare("SELECT id, date, minutes, topics, retracted_at IS NOT NULL FROM sessions")
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let topics: String = r.get(3).unwrap();
        let fields = [
            ("session.date", Value::from(r.get::<_, String>(1).unwrap())),
            (
                "session.minutes",
                Value::from(r.get::<_, Option<i64>>(2).unwrap()),
            ),
            ("session.topics", serde_json::from_str(&topics).unwrap()),
            (
                "session.retracted",
                Value::from(r.get::<_, bool>(4).unwrap()),
            ),
        ];
        sessions.insert(
            r.get(0).unwrap(),
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        );
    }
    let mut feedback = Rows::new();
    let mut stmt = c
        .prepare(
            "SELECT id, session_id, met, report_date, rating, notes, flagged, cancelled_by
             FROM feedback",
        )
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let fields = [
            (
                "feedback.session_id",
                Value::from(r.get::<_, Option<i64>>(1).unwrap()),
            ),
            (
                "feedback.met",
                Value::from(r.get::<_, Option<i64>>(2).unwrap()),
            ),
            (
                "feedback.report_date",
                Value::from(r.get::<_, Option<String>>(3).unwrap()),
            ),
            (
                "feedback.rating",
                Value::from(r.get::<_, Option<i64>>(4).unwrap()),
            ),
            (
                "feedback.notes",
                Value::from(r.get::<_, Option<String>>(5).unwrap()),
            ),
            ("feedback.flagged", Value::from(r.get::<_, i64>(6).unwrap())),
            (
                "feedback.cancelled_by",
                Value::from(r.get::<_, Option<String>>(7).unwrap()),
            ),
        ];
        feedback.insert(
            r.get(0).unwrap(),
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        );
    }
    (sessions, feedback)
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .conn
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The running totals agree with the sessions not retracted and the ratings given.
fn assert_totals_follow_the_log(store: &Store) {
    let live = "FROM sessions WHERE retracted_at IS NULL";
    assert_eq!(
        count(store, "SELECT sessions * 1000000 + minutes FROM totals"),
        count(
            store,
            &format!("SELECT count(*) * 1000000 + coalesce(sum(minutes), 0) {live}")
        ),
        "totals"
    );
    assert_eq!(
        count(store, "SELECT coalesce(sum(sessions), 0) FROM pair_stats"),
        count(store, &format!("SELECT count(*) {live}")),
        "pair_stats"
    );
    assert_eq!(
        count(
            store,
            "SELECT coalesce(sum(sessions) * 1000000 + sum(minutes), 0) FROM week_totals"
        ),
        count(
            store,
            &format!("SELECT count(*) * 1000000 + coalesce(sum(minutes), 0) {live}")
        ),
        "week_totals"
    );
    assert_eq!(
        count(store, "SELECT coalesce(sum(sessions), 0) FROM topic_totals"),
        count(
            store,
            "SELECT count(*) FROM sessions s, json_each(s.topics) WHERE s.retracted_at IS NULL"
        ),
        "topic_totals"
    );
    assert_eq!(
        count(store, "SELECT ratings * 1000 + rating_sum FROM totals"),
        count(
            store,
            "SELECT count(rating) * 1000 + coalesce(sum(rating), 0) FROM feedback"
        ),
        "ratings"
    );
}

fn at(i: usize) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-02-01T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
        + Duration::minutes(i as i64)
}

/// A report of a meeting on 20 January 2027, 45 minutes on AI tools, rated 4, with notes.
fn met(pair_id: i64, participant_id: i64) -> Report {
    Report {
        pair_id,
        participant_id,
        inbound_id: None,
        met: Some(true),
        date: NaiveDate::from_ymd_opt(2027, 1, 20).unwrap(),
        minutes: Some(45),
        topics: vec!["ai tools".into()],
        rating: Some(4),
        notes: Some("private words".into()),
        flagged: false,
        cancelled_by: None,
    }
}

const TOPICS: [&str; 3] = ["ai tools", "negotiation", "career"];

/// One message of a partner: a report, or a correction of an earlier message's report (or
/// of the sender's latest).
#[derive(Debug, Clone)]
struct Op {
    mentee: bool,
    /// `Some(None)`: a correction said in words; `Some(Some(i))`: a reply to the
    /// confirmation of message `i` (taken modulo the messages before).
    correct: Option<Option<prop::sample::Index>>,
    day: u32,
    date_stated: bool,
    met: Option<bool>,
    minutes: Option<u32>,
    topic: Option<usize>,
    rating: Option<u8>,
    notes: bool,
}

fn arb_op() -> impl Strategy<Value = Op> {
    (
        any::<bool>(),
        prop::option::weighted(0.4, prop::option::of(any::<prop::sample::Index>())),
        1u32..8,
        any::<bool>(),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(vec![30u32, 45, 60])),
        prop::option::of(0usize..TOPICS.len()),
        prop::option::of(1u8..=5),
        any::<bool>(),
    )
        .prop_map(
            |(mentee, correct, day, date_stated, met, minutes, topic, rating, notes)| Op {
                mentee,
                correct,
                day,
                date_stated,
                met,
                // As extraction does: no meeting, no duration.
                minutes: minutes.filter(|_| met != Some(false)),
                topic,
                rating,
                notes,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_reports_corrections_and_retractions_keep_every_fact_and_replay_to_the_current_state(
        ops in prop::collection::vec(arb_op(), 1..24)
    ) {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, mentee) = seed_pair(&mut store, 1);
        let (mut sessions, mut reports) = (0, 0);
        for (i, op) in ops.iter().enumerate() {
            let inbound = i as i64 + 1;
            store.conn.execute(
                "INSERT INTO inbound (id, dedup_key, message_id, sha256, source, received_at, status)
                 VALUES (?1, ?2, ?2, 'x', 'stdin', '2027-02-01', 'processed')",
                params![inbound, format!("m{inbound}@x")],
            ).unwrap();
            let report = Report {
                pair_id: pair,
                participant_id: if op.mentee { mentee } else { mentor },
                inbound_id: Some(inbound),
                met: op.met,
                date: NaiveDate::from_ymd_opt(2027, 1, op.day).unwrap(),
                minutes: op.minutes,
                topics: op.topic.map(|t| vec![TOPICS[t].to_string()]).unwrap_or_default(),
                rating: op.rating,
                notes: op.notes.then(|| format!("notes of message {inbound}")),
                flagged: false,
                cancelled_by: None,
            };
            let correction = op.correct.map(|of| Correction {
                of: match of {
                    Some(index) if i > 0 => Target::Inbound(index.index(i) as i64 + 1),
                    _ => Target::Latest,
                },
                date_stated: op.date_stated,
                said: of.is_none(),
            });
            store.record_correction(&report, correction, at(i)).unwrap();

            // Nothing is ever deleted.
            let now = (count(&store, "SELECT count(*) FROM sessions"),
                       count(&store, "SELECT count(*) FROM feedback"));
            prop_assert!(now.0 >= sessions && now.1 >= reports, "a row was deleted at message {}", inbound);
            (sessions, reports) = now;

            // The message's facts are in its history entry.
            let stated: String = store.conn.query_row(
                "SELECT stated FROM session_history WHERE inbound_id = ?1",
                [inbound],
                |r| r.get(0),
            ).unwrap();
            let stated: Value = serde_json::from_str(&stated).unwrap();
            if let Some(met) = op.met { prop_assert_eq!(&stated["met"], &Value::from(met)); }
            if let Some(m) = op.minutes { prop_assert_eq!(&stated["minutes"], &Value::from(m)); }
            if let Some(r) = op.rating { prop_assert_eq!(&stated["rating"], &Value::from(r)); }
            if let Some(t) = op.topic { prop_assert_eq!(&stated["topics"], &serde_json::json!([TOPICS[t]])); }
            if op.notes {
                prop_assert_eq!(&stated["notes"], &Value::from(format!("notes of message {inbound}")));
            }
            if op.correct.is_none() || op.date_stated {
                prop_assert_eq!(&stated["date"], &Value::from(report.date.to_string()));
            }
        }
        prop_assert_eq!(replay(&store), current(&store));
        assert_totals_follow_the_log(&store);
    }
}

/// A database as version 7 of the schema left it.
fn database_at_version_7(path: &std::path::Path) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .unwrap();
    for (i, (name, sql)) in MIGRATIONS.iter().take(7).enumerate() {
        c.execute_batch(sql).unwrap();
        c.execute(
            "INSERT INTO schema_version VALUES (?1, ?2, '2027-01-01')",
            params![i as i64 + 1, name],
        )
        .unwrap();
    }
    // Two partners' reports of one meeting, and a "we did not meet" a week later, as
    // version 7 wrote them.
    c.execute_batch(
        "INSERT INTO rounds (id, number, created_at, reason) VALUES (1, 1, '2027-01-11', 'start');
         INSERT INTO participants (id, email, name, role, level, timezone, joined_at, updated_at)
             VALUES (1, 'mentor1@x.example', 'mentor 1', 'mentor', 1, 'UTC', '2027-01-11', '2027-01-11'),
                    (2, 'mentee1@x.example', 'mentee 1', 'mentee', 7, 'UTC', '2027-01-11', '2027-01-11');
         INSERT INTO pairs (id, round_id, mentor_id, mentee_id, score, reasons, created_at)
             VALUES (1, 1, 1, 2, 10, '[]', '2027-01-11');
         INSERT INTO inbound (id, dedup_key, message_id, sha256, source, received_at, status)
             VALUES (1, 'a@x', 'a@x', 'x', 'stdin', '2027-01-20', 'processed'),
                    (2, 'b@x', 'b@x', 'x', 'stdin', '2027-01-21', 'processed'),
                    (3, 'c@x', 'c@x', 'x', 'stdin', '2027-01-28', 'processed');
         INSERT INTO sessions (id, pair_id, met, date, minutes, topics, created_at)
             VALUES (1, 1, 1, '2027-01-20', 45, '[\"ai tools\",\"career\"]', '2027-01-20T10:00:00.000Z');
         INSERT INTO feedback (id, session_id, pair_id, participant_id, inbound_id, rating, notes,
                               flagged, created_at, met, report_date)
             VALUES (1, 1, 1, 1, 1, 4, 'good', 0, '2027-01-20T10:00:00.000Z', 1, '2027-01-20'),
                    (2, 1, 1, 2, 2, 5, NULL, 0, '2027-01-21T10:00:00.000Z', 1, '2027-01-21'),
                    (3, NULL, 1, 1, 3, NULL, 'busy', 0, '2027-01-28T10:00:00.000Z', 0, '2027-01-28');",
    )
    .unwrap();
}

#[test]
fn a_database_of_version_7_gets_its_history_and_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("upward.db");
    database_at_version_7(&path);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    assert_eq!(MIGRATIONS[7].0, "0008_session_history");
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM session_history WHERE kind = 'imported'"
        ),
        4,
        "three reports and the facts of one session"
    );
    assert_eq!(replay(&store), current(&store));
    assert_totals_follow_the_log(&store);
    assert_eq!(count(&store, "SELECT sessions FROM totals"), 1);

    // A reply to the confirmation of the mentor's report of version 7 corrects it...
    let fix = Report {
        date: NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
        minutes: Some(60),
        topics: vec![],
        rating: None,
        notes: None,
        ..met(1, 1)
    };
    let r = store
        .record_correction(
            &fix,
            Some(Correction {
                of: Target::Inbound(1),
                date_stated: false,
                said: true,
            }),
            at(0),
        )
        .unwrap();
    assert_eq!(r.outcome, ReportOutcome::Corrected);
    assert_eq!(r.session_id, Some(1));
    assert_eq!(count(&store, "SELECT minutes FROM totals"), 60);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM sessions WHERE date = '2027-01-20' AND minutes = 60"
        ),
        1
    );
    // ... a retraction marks it, and the figures follow.
    let retract = Report {
        met: Some(false),
        minutes: None,
        ..fix
    };
    let r = store
        .record_correction(
            &retract,
            Some(Correction {
                of: Target::Latest,
                date_stated: false,
                said: true,
            }),
            at(1),
        )
        .unwrap();
    assert_eq!(r.outcome, ReportOutcome::Retracted);
    assert_eq!(count(&store, "SELECT sessions FROM totals"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM sessions"), 1);
    assert_eq!(replay(&store), current(&store));
    assert_totals_follow_the_log(&store);
    drop(store);
    // Opened again, nothing is migrated twice.
    let store = Store::open(&path).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM session_history"), 6);
}

#[test]
fn forgetting_a_person_erases_their_history_and_keeps_their_partners() {
    let mut store = Store::open_in_memory().unwrap();
    let (pair, mentor, mentee) = seed_pair(&mut store, 1);
    for who in [mentor, mentee] {
        let r = met(pair, who);
        store.record_report(&r, at(0)).unwrap();
    }
    store
        .write(|tx| tx.forget_participant(mentor, &|e| format!("k:{e}"), at(1)))
        .unwrap();
    assert_eq!(
        count(
            &store,
            &format!("SELECT count(*) FROM session_history WHERE participant_id = {mentor}")
        ),
        0
    );
    assert_eq!(
        count(
            &store,
            &format!("SELECT count(*) FROM session_history WHERE participant_id = {mentee}")
        ),
        1
    );
    assert_eq!(count(&store, "SELECT sessions FROM totals"), 1);
}

#[test]
fn the_history_export_leaves_out_notes_and_ratings_unless_hr_may_see_feedback() {
    let mut store = Store::open_in_memory().unwrap();
    let (pair, mentor, _) = seed_pair(&mut store, 1);
    let r = met(pair, mentor);
    store.record_report(&r, at(0)).unwrap();
    let rows = |feedback: bool| {
        let mut rows = Vec::new();
        store
            .export(super::ExportKind::History { feedback }, |row| {
                rows.push(row.join("|"));
                true
            })
            .unwrap();
        rows.join("\n")
    };
    let full = rows(true);
    assert!(
        full.contains("private words") && full.contains(r#""rating":4"#),
        "{full}"
    );
    let facts = rows(false);
    assert!(!facts.contains("private words"), "{facts}");
    assert!(!facts.contains("rating"), "{facts}");
    assert!(facts.contains(r#""session.minutes":[null,45]"#), "{facts}");
    assert!(facts.contains("|report|"), "{facts}");
}
