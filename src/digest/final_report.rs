//! Owns the final report's figures: what HR gets once the program has ended (and what
//! `upward report --final` prints at any time): meetings per pair, by department and by
//! level, cancellations by side, the topics taught both ways, ratings under the same privacy
//! rules as the weekly digest (averages and the histogram hidden below `min_group` ratings)
//! and quotes only under `hr_feedback = "quotes"`. Shares the digest's figures for the
//! totals, the weekly chart and the quotes; the emailed view is [`super::view::final_report`].
//! Does not decide when the report is due nor send it.
//!
//! The pairs' goals: how many were set and how far pairs got, always; the goals themselves
//! (the partners' own words) only under `hr_feedback = "quotes"`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Figures, TopicCount, Week, average, figures as digest_figures, hours, split_topics};
use crate::config::Config;
use crate::spreadsheet::csv_cell;
use crate::store::{GroupCell, GroupPeople, PairGoals, RawFinal, Store, StoreError};
use crate::vocab::GoalOutcome;

/// Everything the final report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinalFigures {
    pub program: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The last day counted: the day the report was made (the scheduled report: the day it
    /// went out, a few days after the end, so late answers to the closing reflection count).
    pub through: NaiveDate,
    /// Whether the program had ended when the report was made; before that the figures are
    /// the ones so far.
    pub ended: bool,
    pub sessions: i64,
    pub hours: f64,
    /// Pairs ever made, and how many of them met at least once.
    pub pairs_made: usize,
    pub pairs_met: usize,
    /// Every pair of the program, by round, with its meetings.
    pub pairs: Vec<PairMeetings>,
    /// Meetings by the partners' departments, by name (a meeting counts for both partners'
    /// departments, once when they share one).
    pub departments: Vec<GroupMeetings>,
    /// Meetings by the partners' levels, lowest first.
    pub levels: Vec<GroupMeetings>,
    /// Reports of a cancelled meeting naming the side that cancelled.
    pub cancelled_by_mentor: i64,
    pub cancelled_by_mentee: i64,
    /// What mentors taught (topics of the sessions they offer).
    pub topics_mentors_taught: Vec<TopicCount>,
    /// What mentees taught back (topics only mentees offer).
    pub topics_mentees_taught: Vec<TopicCount>,
    pub ratings: Ratings,
    /// Every week of the program with its sessions.
    pub weeks: Vec<Week>,
    /// The latest notes, only under `[privacy] hr_feedback = "quotes"`.
    pub quotes: Vec<String>,
    pub goals: GoalFigures,
    /// Averages and the histogram are shown from this many ratings (`[privacy] min_group`).
    pub min_group: u32,
    /// The digest's figures over the whole program: the charts are drawn from them.
    #[serde(skip)]
    pub(crate) whole: Figures,
}

/// One pair and what it did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairMeetings {
    /// `Ann Lee & Bob Stone`.
    pub pair: String,
    pub round: i64,
    /// Still going at the end, or ended earlier (a rematch, a partner who left).
    pub active: bool,
    pub sessions: i64,
    pub hours: f64,
    pub first_met: Option<NaiveDate>,
    pub last_met: Option<NaiveDate>,
    pub cancelled_by_mentor: i64,
    pub cancelled_by_mentee: i64,
}

/// The pairs' goals and how far they got, as they said at the end.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GoalFigures {
    /// Pairs that set goals, and the goals they set.
    pub pairs: usize,
    pub set: usize,
    pub reached: usize,
    pub partly: usize,
    pub not_reached: usize,
    /// Goals nobody said anything about at the end.
    pub unanswered: usize,
    /// Each pair's goals with their outcome ("Ann Lee & Bob Stone: use AI tools (reached)"),
    /// only under `hr_feedback = "quotes"`: they are the partners' own words.
    pub listed: Vec<String>,
    /// The same goals and outcomes, for the emailed report to word in its language.
    #[serde(skip)]
    pub said: Vec<SaidGoals>,
}

/// One pair's goals (under `hr_feedback = "quotes"`): the pair and each goal with what
/// they said of it at the end.
#[derive(Debug, Clone, PartialEq)]
pub struct SaidGoals {
    /// `Ann Lee & Bob Stone`.
    pub pair: String,
    pub goals: Vec<(String, Option<GoalOutcome>)>,
}

impl GoalFigures {
    fn from_pairs(pairs: &[PairGoals], quotes: bool) -> GoalFigures {
        let mut f = GoalFigures {
            pairs: pairs.len(),
            ..GoalFigures::default()
        };
        for p in pairs {
            let mut said = Vec::new();
            for g in &p.goals {
                f.set += 1;
                let word = match g.outcome {
                    Some(GoalOutcome::Reached) => {
                        f.reached += 1;
                        "reached"
                    }
                    Some(GoalOutcome::Partly) => {
                        f.partly += 1;
                        "partly"
                    }
                    Some(GoalOutcome::NotReached) => {
                        f.not_reached += 1;
                        "not reached"
                    }
                    None => {
                        f.unanswered += 1;
                        "not answered"
                    }
                };
                said.push(format!("{} ({word})", g.text));
            }
            if quotes {
                let pair = format!("{} & {}", p.mentor, p.mentee);
                f.listed.push(format!("{pair}: {}", said.join("; ")));
                f.said.push(SaidGoals {
                    pair,
                    goals: p
                        .goals
                        .iter()
                        .map(|g| (g.text.clone(), g.outcome))
                        .collect(),
                });
            }
        }
        f
    }

    /// "5 goals set by 3 pairs: 2 reached, 1 partly, 1 not reached, 1 not answered".
    pub fn summary(&self) -> String {
        if self.set == 0 {
            return "No pair set goals.".to_string();
        }
        let n =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{} set by {}: {} reached, {} partly, {} not reached, {} not answered",
            n(self.set, "goal", "goals"),
            n(self.pairs, "pair", "pairs"),
            self.reached,
            self.partly,
            self.not_reached,
            self.unanswered
        )
    }
}

/// Meetings of one department or level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMeetings {
    /// The department (`no department` when none was given) or the level.
    pub group: String,
    /// Its people ever in a pair, by side.
    pub mentors: i64,
    pub mentees: i64,
    /// Meetings with someone of the group on either side.
    pub meetings: i64,
    /// Of those, meetings whose mentor, and whose mentee, was of the group.
    pub as_mentor: i64,
    pub as_mentee: i64,
}

/// Ratings to date, under the privacy minimum: every average is `None` while it stands on
/// fewer than `min_group` ratings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ratings {
    pub count: i64,
    pub average: Option<f64>,
    /// Ratings 1..5, or `None` below the minimum.
    pub histogram: Option<[i64; 5]>,
    /// Ratings mentors gave, and their average.
    pub by_mentors: i64,
    pub by_mentors_average: Option<f64>,
    /// Ratings mentees gave, and their average.
    pub by_mentees: i64,
    pub by_mentees_average: Option<f64>,
}

/// What a department without a name is called.
pub(crate) const NO_DEPARTMENT: &str = "no department";

/// The final report's figures from the program's start to `through` (dates in the program's
/// zone); `ended` says whether the program was over then.
///
/// # Errors
/// `StoreError` if the store cannot be read.
pub fn figures(
    config: &Config,
    store: &Store,
    through: NaiveDate,
    ended: bool,
) -> Result<FinalFigures, StoreError> {
    let start = config.program.start;
    let through = through.max(start);
    let whole = digest_figures(config, store, start, through)?;
    let raw = store.final_report_figures()?;
    Ok(from_raw(config, whole, raw, through, ended))
}

pub(super) fn from_raw(
    config: &Config,
    whole: Figures,
    raw: RawFinal,
    through: NaiveDate,
    ended: bool,
) -> FinalFigures {
    let min_group = config.privacy.min_group;
    let pairs: Vec<PairMeetings> = raw
        .pairs
        .iter()
        .map(|p| PairMeetings {
            pair: format!("{} & {}", p.mentor, p.mentee),
            round: p.round,
            active: p.active,
            sessions: p.sessions,
            hours: hours(p.minutes),
            first_met: p.first,
            last_met: p.last,
            cancelled_by_mentor: p.cancelled_by_mentor,
            cancelled_by_mentee: p.cancelled_by_mentee,
        })
        .collect();
    let (topics_mentors_taught, topics_mentees_taught) = split_topics(config, &raw.topics);
    let mut departments = groups(&raw.by_department, &raw.department_people);
    for d in &mut departments {
        if d.group.is_empty() {
            d.group = NO_DEPARTMENT.to_string();
        }
    }
    let mut levels = groups(&raw.by_level, &raw.level_people);
    levels.sort_by_key(|l| l.group.parse::<i64>().unwrap_or(i64::MAX));
    let r = raw.ratings;
    FinalFigures {
        program: config.program.name.clone(),
        start: config.program.start,
        end: config.program.end,
        through,
        ended,
        sessions: whole.to_date.sessions,
        hours: whole.to_date.hours,
        pairs_made: pairs.len(),
        pairs_met: pairs.iter().filter(|p| p.sessions > 0).count(),
        pairs,
        departments,
        levels,
        // NOTE: counted as the digest counts them (each report naming a side), over the
        // whole program.
        cancelled_by_mentor: whole.cancelled_by_mentor,
        cancelled_by_mentee: whole.cancelled_by_mentee,
        topics_mentors_taught,
        topics_mentees_taught,
        ratings: Ratings {
            count: whole.to_date.ratings,
            average: whole.to_date.average_rating,
            histogram: whole.rating_histogram,
            by_mentors: r.by_mentors,
            by_mentors_average: average(r.by_mentors, r.by_mentors_sum, min_group),
            by_mentees: r.by_mentees,
            by_mentees_average: average(r.by_mentees, r.by_mentees_sum, min_group),
        },
        weeks: whole.weeks.clone(),
        quotes: whole.quotes.clone(),
        goals: GoalFigures::from_pairs(
            &raw.goals,
            config.privacy.hr_feedback == crate::config::FeedbackVisibility::Quotes,
        ),
        min_group,
        whole,
    }
}

/// Each group's meetings from the matrix of mentor group × mentee group.
fn groups(cells: &[GroupCell], people: &[GroupPeople]) -> Vec<GroupMeetings> {
    let names: BTreeSet<&str> = cells
        .iter()
        .flat_map(|c| [c.mentor_group.as_str(), c.mentee_group.as_str()])
        .chain(people.iter().map(|p| p.group.as_str()))
        .collect();
    names
        .into_iter()
        .map(|name| {
            let sum = |f: &dyn Fn(&GroupCell) -> bool| -> i64 {
                cells.iter().filter(|c| f(c)).map(|c| c.sessions).sum()
            };
            let as_mentor = sum(&|c| c.mentor_group == name);
            let as_mentee = sum(&|c| c.mentee_group == name);
            let within = sum(&|c| c.mentor_group == name && c.mentee_group == name);
            let who = people.iter().find(|p| p.group == name);
            GroupMeetings {
                group: name.to_string(),
                mentors: who.map_or(0, |p| p.mentors),
                mentees: who.map_or(0, |p| p.mentees),
                meetings: as_mentor + as_mentee - within,
                as_mentor,
                as_mentee,
            }
        })
        .collect()
}

fn rating_text(average: Option<f64>, count: i64, min_group: u32) -> String {
    let ratings = if count == 1 { "rating" } else { "ratings" };
    match average {
        Some(a) => format!("{a:.1} / 5 ({count} {ratings})"),
        None if count == 0 => "no ratings".to_string(),
        None => format!("hidden ({count} {ratings}; shown from {min_group})"),
    }
}

fn topics_text(t: &[TopicCount]) -> String {
    if t.is_empty() {
        return "none logged".to_string();
    }
    t.iter()
        .map(|t| format!("{} ({})", t.topic, t.sessions))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A pair's line: `Ann Lee & Bob Stone (round 1): 4 meetings (3 h), 2027-03-03 to
/// 2027-06-20; cancelled 0 by the mentor, 1 by the mentee`.
pub fn pair_line(p: &PairMeetings) -> String {
    let mut s = format!(
        "{} (round {}{}): {} meeting{} ({} h)",
        p.pair,
        p.round,
        if p.active { "" } else { ", ended" },
        p.sessions,
        if p.sessions == 1 { "" } else { "s" },
        p.hours
    );
    if let (Some(first), Some(last)) = (p.first_met, p.last_met) {
        let _ = write!(s, ", {first} to {last}");
    }
    if p.cancelled_by_mentor + p.cancelled_by_mentee > 0 {
        let _ = write!(
            s,
            "; cancelled {} by the mentor, {} by the mentee",
            p.cancelled_by_mentor, p.cancelled_by_mentee
        );
    }
    s
}

/// A group's line: `Sales: 4 meetings (3 with a mentor of it, 1 with a mentee); 2 mentors,
/// 1 mentee`.
pub fn group_line(g: &GroupMeetings) -> String {
    format!(
        "{}: {} meetings ({} with its mentor, {} with its mentee); {} mentors, {} mentees",
        g.group, g.meetings, g.as_mentor, g.as_mentee, g.mentors, g.mentees
    )
}

/// The final report as plain text, as `upward report --final` prints it.
pub fn render_text(f: &FinalFigures) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}: final report, {} to {}", f.program, f.start, f.end);
    if !f.ended {
        let _ = writeln!(
            s,
            "The program has not ended: it ends on {}. These are the figures so far (to {}).",
            f.end, f.through
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Meetings: {} ({} h); {} of {} pairs met at least once",
        f.sessions, f.hours, f.pairs_met, f.pairs_made
    );
    let _ = writeln!(
        s,
        "Meetings cancelled: {} by mentors, {} by mentees",
        f.cancelled_by_mentor, f.cancelled_by_mentee
    );
    let r = &f.ratings;
    let _ = writeln!(
        s,
        "Average rating: {}; given by mentors: {}; by mentees: {}",
        rating_text(r.average, r.count, f.min_group),
        rating_text(r.by_mentors_average, r.by_mentors, f.min_group),
        rating_text(r.by_mentees_average, r.by_mentees, f.min_group)
    );
    if let Some(h) = &r.histogram {
        let _ = writeln!(
            s,
            "Ratings: 1:{} 2:{} 3:{} 4:{} 5:{}",
            h[0], h[1], h[2], h[3], h[4]
        );
    }
    let _ = writeln!(
        s,
        "Topics mentors taught: {}",
        topics_text(&f.topics_mentors_taught)
    );
    let _ = writeln!(
        s,
        "Topics mentees taught back: {}",
        topics_text(&f.topics_mentees_taught)
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "Meetings per pair:");
    for p in &f.pairs {
        let _ = writeln!(s, "  {}", pair_line(p));
    }
    if f.pairs.is_empty() {
        let _ = writeln!(s, "  no pairs yet");
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Meetings by department:");
    for g in &f.departments {
        let _ = writeln!(s, "  {}", group_line(g));
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Meetings by level:");
    for g in &f.levels {
        let _ = writeln!(s, "  level {}", group_line(g));
    }
    if !f.weeks.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "Sessions per week:");
        for w in &super::chart::whole_program(&f.whole, &super::chart::short_date).weeks {
            let _ = writeln!(s, " {}", w.text);
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "Goals: {}", f.goals.summary());
    for line in &f.goals.listed {
        let _ = writeln!(s, "  {line}");
    }
    if !f.quotes.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "From the feedback:");
        for q in &f.quotes {
            let _ = writeln!(s, "  \"{}\"", q.replace('\n', " "));
        }
    }
    s
}

/// The final report as CSV rows of `figure,value`: the totals, then a row per pair,
/// department and level.
pub fn render_csv(f: &FinalFigures) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    let mut rows: Vec<(String, String)> = vec![
        ("program".into(), f.program.clone()),
        ("start".into(), f.start.to_string()),
        ("end".into(), f.end.to_string()),
        ("through".into(), f.through.to_string()),
        ("ended".into(), f.ended.to_string()),
        ("sessions".into(), f.sessions.to_string()),
        ("hours".into(), f.hours.to_string()),
        ("pairs_made".into(), f.pairs_made.to_string()),
        ("pairs_met".into(), f.pairs_met.to_string()),
        (
            "cancelled_by_mentor".into(),
            f.cancelled_by_mentor.to_string(),
        ),
        (
            "cancelled_by_mentee".into(),
            f.cancelled_by_mentee.to_string(),
        ),
        ("goals_set".into(), f.goals.set.to_string()),
        ("goals_reached".into(), f.goals.reached.to_string()),
        ("goals_partly".into(), f.goals.partly.to_string()),
        ("goals_not_reached".into(), f.goals.not_reached.to_string()),
        ("goals_not_answered".into(), f.goals.unanswered.to_string()),
        ("average_rating".into(), opt(f.ratings.average)),
        (
            "average_rating_by_mentors".into(),
            opt(f.ratings.by_mentors_average),
        ),
        (
            "average_rating_by_mentees".into(),
            opt(f.ratings.by_mentees_average),
        ),
        (
            "topics_mentors_taught".into(),
            topics_text(&f.topics_mentors_taught),
        ),
        (
            "topics_mentees_taught".into(),
            topics_text(&f.topics_mentees_taught),
        ),
    ];
    rows.extend(
        f.pairs
            .iter()
            .map(|p| (format!("meetings of {}", p.pair), p.sessions.to_string())),
    );
    rows.extend(f.departments.iter().map(|g| {
        (
            format!("meetings of department {}", g.group),
            g.meetings.to_string(),
        )
    }));
    rows.extend(f.levels.iter().map(|g| {
        (
            format!("meetings of level {}", g.group),
            g.meetings.to_string(),
        )
    }));
    let _ = w.write_record(["figure", "value"]);
    for (k, v) in rows {
        let _ = w.write_record([csv_cell(&k), csv_cell(&v)]);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::config::Role;
    use crate::store::{NewPair, Report};

    fn config(privacy: &str, min_group: u32) -> Config {
        crate::config::test_support::program()
            .person(
                "Ann",
                "mentor",
                1,
                &["department = \"Sales\"", "offers = [\"ai tools\"]"],
            )
            .person(
                "Cy",
                "mentor",
                2,
                &["department = \"Legal\"", "offers = [\"social media\"]"],
            )
            .person(
                "Bob",
                "mentee",
                6,
                &["department = \"Finance\"", "offers = [\"career path\"]"],
            )
            .person(
                "Di",
                "mentee",
                6,
                &["department = \"Sales\"", "offers = [\"negotiation\"]"],
            )
            .section(&format!(
                "[privacy]\nhr_feedback = \"{privacy}\"\nmin_group = {min_group}"
            ))
            .build()
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-07-07T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A program run through the store's own functions: two pairs, three meetings, a
    /// cancellation by each side, four ratings and one note.
    fn store(config: &Config) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("upward.db")).unwrap();
        store
            .sync_participants(&config.participants, now())
            .unwrap();
        let pair = |m: &str, e: &str| NewPair {
            mentor: format!("{m}@acme.example"),
            mentee: format!("{e}@acme.example"),
            score: 10,
            reasons: "different departments".into(),
        };
        let round = store
            .create_round("start", &[pair("ann", "bob"), pair("cy", "di")], now())
            .unwrap();
        let (ann_bob, cy_di) = (round.pair_ids[0], round.pair_ids[1]);
        let id = |who: &str| {
            store
                .participant_id(&format!("{who}@acme.example"))
                .unwrap()
                .unwrap()
        };
        let (ann, bob, di) = (id("ann"), id("bob"), id("di"));
        let report =
            |pair, who, date: &str, met, topics: &[&str], rating, notes: Option<&str>| Report {
                pair_id: pair,
                participant_id: who,
                inbound_id: None,
                met: Some(met),
                date: day(date),
                minutes: Some(60),
                topics: topics.iter().map(|t| t.to_string()).collect(),
                rating,
                notes: notes.map(str::to_string),
                flagged: false,
                cancelled_by: None,
            };
        let cancelled = |pair, who, date: &str, side| Report {
            cancelled_by: Some(side),
            ..report(pair, who, date, false, &[], None, None)
        };
        for r in [
            report(
                ann_bob,
                ann,
                "2027-02-01",
                true,
                &["ai tools"],
                Some(5),
                None,
            ),
            report(
                ann_bob,
                bob,
                "2027-02-01",
                true,
                &["career path"],
                Some(4),
                Some("she showed me prompts"),
            ),
            report(
                ann_bob,
                ann,
                "2027-03-01",
                true,
                &["ai tools"],
                Some(4),
                None,
            ),
            cancelled(ann_bob, bob, "2027-03-15", Role::Mentee),
            report(
                cy_di,
                di,
                "2027-02-10",
                true,
                &["negotiation", "social media"],
                Some(3),
                None,
            ),
            cancelled(cy_di, di, "2027-02-20", Role::Mentor),
        ] {
            store.record_report(&r, now()).unwrap();
        }
        store
            .write(|tx| {
                let goals = ["use AI tools".to_string(), "learn SQL".to_string()];
                tx.set_goals(ann_bob, ann, None, &goals, now())?;
                tx.set_goal_outcome(ann_bob, 1, GoalOutcome::Reached, bob, now())?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
        (dir, store)
    }

    /// The report as it goes out, a week after the end.
    fn after_end(config: &Config, store: &Store) -> FinalFigures {
        figures(config, store, day("2027-07-07"), true).unwrap()
    }

    #[test]
    fn meetings_are_counted_per_pair_by_department_and_by_level() {
        let config = config("aggregate", 3);
        let (_dir, store) = store(&config);
        let f = after_end(&config, &store);
        assert_eq!((f.sessions, f.hours), (3, 3.0));
        assert_eq!((f.pairs_made, f.pairs_met), (2, 2));
        let pairs: Vec<(&str, i64, f64, i64, i64)> = f
            .pairs
            .iter()
            .map(|p| {
                (
                    p.pair.as_str(),
                    p.sessions,
                    p.hours,
                    p.cancelled_by_mentor,
                    p.cancelled_by_mentee,
                )
            })
            .collect();
        assert_eq!(
            pairs,
            vec![("Ann & Bob", 2, 2.0, 0, 1), ("Cy & Di", 1, 1.0, 1, 0)]
        );
        assert_eq!(
            (f.pairs[0].first_met, f.pairs[0].last_met),
            (Some(day("2027-02-01")), Some(day("2027-03-01")))
        );
        let groups = |g: &[GroupMeetings]| -> Vec<(String, i64, i64, i64, i64, i64)> {
            g.iter()
                .map(|g| {
                    (
                        g.group.clone(),
                        g.meetings,
                        g.as_mentor,
                        g.as_mentee,
                        g.mentors,
                        g.mentees,
                    )
                })
                .collect()
        };
        assert_eq!(
            groups(&f.departments),
            vec![
                ("Finance".into(), 2, 0, 2, 0, 1),
                ("Legal".into(), 1, 1, 0, 1, 0),
                ("Sales".into(), 3, 2, 1, 1, 1),
            ]
        );
        assert_eq!(
            groups(&f.levels),
            vec![
                ("1".into(), 2, 2, 0, 1, 0),
                ("2".into(), 1, 1, 0, 1, 0),
                ("6".into(), 3, 0, 3, 0, 2),
            ]
        );
        let text = render_text(&f);
        assert!(
            text.contains("Ann & Bob (round 1): 2 meetings (2 h), 2027-02-01 to 2027-03-01; cancelled 0 by the mentor, 1 by the mentee"),
            "{text}"
        );
        assert!(
            text.contains(
                "Sales: 3 meetings (2 with its mentor, 1 with its mentee); 1 mentors, 1 mentees"
            ),
            "{text}"
        );
        assert!(!text.contains("has not ended"), "{text}");
    }

    #[test]
    fn cancellations_count_by_side_and_topics_go_both_ways() {
        let config = config("aggregate", 3);
        let (_dir, store) = store(&config);
        let f = after_end(&config, &store);
        assert_eq!((f.cancelled_by_mentor, f.cancelled_by_mentee), (1, 1));
        let topics = |t: &[TopicCount]| -> Vec<(String, i64)> {
            t.iter().map(|t| (t.topic.clone(), t.sessions)).collect()
        };
        assert_eq!(
            topics(&f.topics_mentors_taught),
            vec![("ai tools".into(), 2), ("social media".into(), 1)]
        );
        assert_eq!(
            topics(&f.topics_mentees_taught),
            vec![("career path".into(), 1), ("negotiation".into(), 1)]
        );
        let text = render_text(&f);
        assert!(
            text.contains("Meetings cancelled: 1 by mentors, 1 by mentees"),
            "{text}"
        );
        assert!(
            text.contains("Topics mentees taught back: career path (1), negotiation (1)"),
            "{text}"
        );
    }

    #[test]
    fn ratings_below_the_privacy_minimum_are_hidden_and_each_side_counts_on_its_own() {
        // Four ratings: shown from 3; each side's two are not.
        let config3 = config("aggregate", 3);
        let (_dir, store) = store(&config3);
        let f = after_end(&config3, &store);
        assert_eq!((f.ratings.count, f.ratings.average), (4, Some(4.0)));
        assert_eq!(f.ratings.histogram, Some([0, 0, 1, 2, 1]));
        assert_eq!(
            (f.ratings.by_mentors, f.ratings.by_mentors_average),
            (2, None)
        );
        assert_eq!(
            (f.ratings.by_mentees, f.ratings.by_mentees_average),
            (2, None)
        );
        // From 5, nothing of the ratings shows: no average, no histogram, in any output.
        let config5 = config("aggregate", 5);
        let f = after_end(&config5, &store);
        assert_eq!(f.ratings.average, None);
        assert_eq!(f.ratings.histogram, None);
        let text = render_text(&f);
        assert!(
            text.contains("Average rating: hidden (4 ratings; shown from 5)"),
            "{text}"
        );
        assert!(!text.contains("Ratings: 1:"), "{text}");
        let json = serde_json::to_value(&f).unwrap();
        assert!(json["ratings"]["average"].is_null());
        assert!(json["ratings"]["histogram"].is_null());
        let view = super::super::view::final_report(&f, &super::super::words::Ids);
        assert!(view.chart.ratings.is_none());
        assert!(view.tiles[2].value == "–", "{:?}", view.tiles);
        // From 2, each side's average shows.
        let config2 = config("aggregate", 2);
        let f = after_end(&config2, &store);
        assert_eq!(f.ratings.by_mentors_average, Some(4.5));
        assert_eq!(f.ratings.by_mentees_average, Some(3.5));
    }

    #[test]
    fn participants_words_appear_only_under_quotes() {
        let aggregate = config("aggregate", 3);
        let (_dir, store) = store(&aggregate);
        let f = after_end(&aggregate, &store);
        assert!(f.quotes.is_empty());
        assert!(!render_text(&f).contains("she showed me prompts"));
        let view = super::super::view::final_report(&f, &super::super::words::Ids);
        assert!(view.quotes.is_empty());
        let quotes = config("quotes", 3);
        let f = after_end(&quotes, &store);
        assert_eq!(f.quotes, vec!["she showed me prompts".to_string()]);
        assert!(render_text(&f).contains("\"she showed me prompts\""));
    }

    #[test]
    fn goals_are_counted_always_and_listed_only_under_quotes() {
        let aggregate = config("aggregate", 3);
        let (_dir, store) = store(&aggregate);
        let f = after_end(&aggregate, &store);
        assert_eq!(
            f.goals.summary(),
            "2 goals set by 1 pair: 1 reached, 0 partly, 0 not reached, 1 not answered"
        );
        assert!(f.goals.listed.is_empty());
        assert!(!render_text(&f).contains("learn SQL"));
        assert!(render_csv(&f).contains("goals_reached,1\n"));
        let quotes = config("quotes", 3);
        let f = after_end(&quotes, &store);
        assert_eq!(
            f.goals.listed,
            vec!["Ann & Bob: use AI tools (reached); learn SQL (not answered)".to_string()]
        );
        let view = super::super::view::final_report(&f, &super::super::words::Ids);
        assert_eq!(
            view.goals,
            vec![
                "Ann & Bob: final-report-goal(goal=use AI tools, outcome=reached); \
                 final-report-goal(goal=learn SQL, outcome=none)"
                    .to_string()
            ]
        );
    }

    #[test]
    fn before_the_end_the_report_says_so_and_counts_what_there_is() {
        let config = config("aggregate", 3);
        let (_dir, store) = store(&config);
        let f = figures(&config, &store, day("2027-02-15"), false).unwrap();
        assert!(!f.ended);
        assert_eq!(f.through, day("2027-02-15"));
        let text = render_text(&f);
        assert!(
            text.contains("The program has not ended: it ends on 2027-06-30. These are the figures so far (to 2027-02-15)."),
            "{text}"
        );
        assert_eq!(f.weeks.last().map(|w| w.week), Some(day("2027-02-15")));
        let csv = render_csv(&f);
        assert!(csv.contains("ended,false\n"), "{csv}");
        assert!(csv.contains("meetings of Ann & Bob,"), "{csv}");
    }
}
