//! The final report's view: its figures worded in the email's language.

use super::super::chart::Chart;
use super::super::final_report::{
    FinalFigures, GoalFigures, GroupMeetings, NO_DEPARTMENT, PairMeetings,
};
use super::{
    Fact, Say, Tile, TopicBar, cancelled, chart, hours_text, period_label, topic_bars, week_label,
};
use serde::Serialize;

/// The most pairs the final report's email lists; `upward report --final` lists them all.
pub const MAX_PAIRS_LISTED: usize = 100;

/// The final report's template context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinalView {
    pub program: String,
    /// The program's dates, as `1 March to 30 June 2027`.
    pub period: String,
    pub ended: bool,
    /// The last day, as `30 June 2027`.
    pub end: String,
    /// Meetings, hours, pairs that met, average rating.
    pub tiles: Vec<Tile>,
    /// Sessions per week over the whole program, and the ratings (none while hidden).
    pub chart: Chart,
    /// The chart's full bar in pixels: a bar's share of the row is `width * 100 // bar_pixels`.
    pub bar_pixels: u32,
    pub ratings_note: Option<String>,
    /// The average rating each side gave (or why it is hidden).
    pub ratings_by_side: Vec<Fact>,
    pub cancellations: Option<String>,
    /// Pairs by round, at most [`MAX_PAIRS_LISTED`].
    pub pairs: Vec<GroupBar>,
    /// Pairs not listed for room.
    pub pairs_left_out: usize,
    pub departments: Vec<GroupBar>,
    pub levels: Vec<GroupBar>,
    pub topics_mentors: Vec<TopicBar>,
    pub topics_mentees: Vec<TopicBar>,
    /// Quotes from feedback, only when `[privacy]` allows.
    pub quotes: Vec<String>,
    /// How many goals the pairs set and how far they got, in a sentence.
    pub goals_summary: String,
    /// Each pair's goals with their outcome, only when `[privacy]` allows quotes.
    pub goals: Vec<String>,
    pub min_group: u32,
}

/// A row of the final report's tables: a pair, a department or a level, with its meetings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupBar {
    pub name: String,
    pub meetings: i64,
    /// The rest of the row in words: hours and dates for a pair, who met for a group.
    pub detail: String,
    /// Share of the row's bar, 0..=100, scaled to the busiest row.
    pub percent: u32,
    /// The whole row for the text part.
    pub text: String,
}

fn percent(value: i64, top: i64) -> u32 {
    u32::try_from((value * 100).checked_div(top).unwrap_or(0))
        .unwrap_or(0)
        .min(100)
}

/// An average rating in words: `4.3 out of 5, from 30 ratings`, or why it is hidden.
fn average_text(say: &dyn Say, average: Option<f64>, count: i64, min_group: u32) -> String {
    match average {
        Some(a) => say.say(
            "final-report-average",
            &[
                ("average", format!("{a:.1}").into()),
                ("ratings", count.into()),
            ],
        ),
        None if count == 0 => say.say("final-report-no-ratings", &[]),
        None => say.say(
            "hr-digest-ratings-hidden",
            &[("min", min_group.into()), ("count", count.into())],
        ),
    }
}

/// The row of one pair of the final report.
fn pair_row(say: &dyn Say, p: &PairMeetings, busiest: i64) -> GroupBar {
    let mut detail = say.say(
        "final-report-pair-round",
        &[
            ("round", p.round.into()),
            ("hours", hours_text(p.hours).into()),
        ],
    );
    match (p.first_met, p.last_met) {
        (Some(a), Some(b)) => detail.push_str(&format!(", {}", period_label(say, a, b))),
        _ => detail.push_str(&format!(", {}", say.say("final-report-never-met", &[]))),
    }
    if !p.active {
        detail.push_str(&format!(", {}", say.say("final-report-ended-early", &[])));
    }
    if p.cancelled_by_mentor + p.cancelled_by_mentee > 0 {
        let cancelled = say.say(
            "final-report-pair-cancelled",
            &[
                ("mentor", p.cancelled_by_mentor.into()),
                ("mentee", p.cancelled_by_mentee.into()),
            ],
        );
        detail.push_str(&format!("; {cancelled}"));
    }
    GroupBar {
        name: p.pair.clone(),
        meetings: p.sessions,
        percent: percent(p.sessions, busiest),
        text: row_text(say, &p.pair, p.sessions, &detail),
        detail,
    }
}

/// A row for the text part: `Ann & Bob: 3 meetings (round 1, …)`.
fn row_text(say: &dyn Say, name: &str, meetings: i64, detail: &str) -> String {
    say.say(
        "final-report-row",
        &[
            ("name", name.into()),
            ("meetings", meetings.into()),
            ("detail", detail.into()),
        ],
    )
}

/// The rows of departments or levels (`name` words a group's name).
fn group_rows(
    say: &dyn Say,
    list: &[GroupMeetings],
    name: &dyn Fn(&str) -> String,
) -> Vec<GroupBar> {
    let top = list.iter().map(|g| g.meetings).max().unwrap_or(0);
    list.iter()
        .map(|g| {
            let name = name(&g.group);
            let detail = say.say(
                "final-report-group",
                &[
                    ("as_mentor", g.as_mentor.into()),
                    ("as_mentee", g.as_mentee.into()),
                    ("mentors", g.mentors.into()),
                    ("mentees", g.mentees.into()),
                ],
            );
            GroupBar {
                text: row_text(say, &name, g.meetings, &detail),
                name,
                meetings: g.meetings,
                percent: percent(g.meetings, top),
                detail,
            }
        })
        .collect()
}

/// The goals in a sentence: `5 goals set by 3 pairs: 2 reached, …`.
fn goals_summary(say: &dyn Say, g: &GoalFigures) -> String {
    if g.set == 0 {
        return say.say("final-report-no-goals", &[]);
    }
    say.say(
        "final-report-goals",
        &[
            ("set", g.set.into()),
            ("pairs", g.pairs.into()),
            ("reached", g.reached.into()),
            ("partly", g.partly.into()),
            ("not_reached", g.not_reached.into()),
            ("unanswered", g.unanswered.into()),
        ],
    )
}

/// Each pair's goals: `Ann & Bob: use AI tools (reached); learn SQL (not answered)`.
fn goals_listed(say: &dyn Say, g: &GoalFigures) -> Vec<String> {
    g.said
        .iter()
        .map(|p| {
            let goals: Vec<String> = p
                .goals
                .iter()
                .map(|(text, outcome)| {
                    let outcome = outcome.map_or("none", |o| o.as_str());
                    say.say(
                        "final-report-goal",
                        &[("goal", text.as_str().into()), ("outcome", outcome.into())],
                    )
                })
                .collect();
            format!("{}: {}", p.pair, goals.join("; "))
        })
        .collect()
}

/// The final report's view of `f`, in `say`'s language.
pub fn final_report(f: &FinalFigures, say: &dyn Say) -> FinalView {
    let chart = chart::whole_program(&f.whole, &week_label(say));
    let r = &f.ratings;
    let ratings_note = match (&chart.ratings, r.count) {
        (Some(_), _) => None,
        (None, 0) => Some(say.say("final-report-no-ratings-note", &[])),
        (None, n) => Some(say.say(
            "final-report-ratings-hidden-note",
            &[("min", f.min_group.into()), ("count", n.into())],
        )),
    };
    let (rating, rating_note) = match r.average {
        Some(a) => (
            format!("{a:.1}"),
            say.say("final-report-rating-note", &[("ratings", r.count.into())]),
        ),
        None => (
            "–".to_string(),
            average_text(say, None, r.count, f.min_group),
        ),
    };
    let tiles = vec![
        Tile {
            label: say.say("final-report-meetings", &[]),
            value: f.sessions.to_string(),
            note: say.say(
                "final-report-hours-in-all",
                &[("hours", hours_text(f.hours).into())],
            ),
        },
        Tile {
            label: say.say("final-report-pairs-met", &[]),
            value: f.pairs_met.to_string(),
            note: say.say("final-report-pairs-made", &[("pairs", f.pairs_made.into())]),
        },
        Tile {
            label: say.say("hr-digest-average-rating", &[]),
            value: rating,
            note: rating_note,
        },
    ];
    let busiest_pair = f.pairs.iter().map(|p| p.sessions).max().unwrap_or(0);
    let pairs = f
        .pairs
        .iter()
        .take(MAX_PAIRS_LISTED)
        .map(|p| pair_row(say, p, busiest_pair))
        .collect();
    let top = f
        .topics_mentors_taught
        .iter()
        .chain(&f.topics_mentees_taught)
        .map(|t| t.sessions)
        .max()
        .unwrap_or(0);
    let side = |label: &str, average, count| Fact {
        label: say.say(label, &[]),
        value: average_text(say, average, count, f.min_group),
    };
    FinalView {
        program: f.program.clone(),
        period: period_label(say, f.start, f.end),
        ended: f.ended,
        end: period_label(say, f.end, f.end),
        tiles,
        chart,
        bar_pixels: chart::BAR_PIXELS,
        ratings_note,
        ratings_by_side: vec![
            side(
                "final-report-by-mentors",
                r.by_mentors_average,
                r.by_mentors,
            ),
            side(
                "final-report-by-mentees",
                r.by_mentees_average,
                r.by_mentees,
            ),
        ],
        cancellations: cancelled(
            say,
            "final-report-cancelled",
            f.cancelled_by_mentor,
            f.cancelled_by_mentee,
        ),
        pairs,
        pairs_left_out: f.pairs.len().saturating_sub(MAX_PAIRS_LISTED),
        departments: group_rows(say, &f.departments, &|group| {
            if group == NO_DEPARTMENT {
                say.say("final-report-no-department", &[])
            } else {
                group.to_string()
            }
        }),
        levels: group_rows(say, &f.levels, &|level| {
            say.say("final-report-level", &[("level", level.into())])
        }),
        topics_mentors: topic_bars(&f.topics_mentors_taught, top),
        topics_mentees: topic_bars(&f.topics_mentees_taught, top),
        quotes: f.quotes.iter().map(|q| q.replace('\n', " ")).collect(),
        goals_summary: goals_summary(say, &f.goals),
        goals: goals_listed(say, &f.goals),
        min_group: f.min_group,
    }
}
