//! Owns how the digest emails word their figures: the template context of the HR digest (the
//! headline figures, the charts, the pairs that need a word, topics, the program's health,
//! quotes) and of a participant's digest. Both the HTML and the text part render the same
//! view, so they always carry the same figures. Does not compute figures nor render markup.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::chart::{self, Chart};
use super::final_report::{FinalFigures, GroupMeetings};
use super::participant::ParticipantFigures;
use super::{Figures, TopicCount};

/// The HR digest's template context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HrView {
    pub program: String,
    /// The period, as `1 to 7 March 2027`.
    pub period: String,
    /// The headline figures: sessions, hours, pairs meeting, rating.
    pub tiles: Vec<Tile>,
    pub chart: Chart,
    /// Why the ratings chart is missing, when it is.
    pub ratings_note: Option<String>,
    /// Pairs that need a word, by kind; empty when all is well.
    pub attention: Vec<Attention>,
    /// Who cancelled this period's meetings, when anyone did.
    pub cancellations: Option<String>,
    pub topics_mentors: Vec<TopicBar>,
    pub topics_mentees: Vec<TopicBar>,
    /// The program's plumbing: unmatched, opt-outs, bounces, refused mail, delivery.
    pub health: Vec<Fact>,
    /// Quotes from feedback, only when `[privacy]` allows.
    pub quotes: Vec<String>,
    /// Ratings are shown from this many answers.
    pub min_group: u32,
}

/// One headline figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tile {
    pub label: String,
    pub value: String,
    pub note: String,
}

/// A group of pairs that need a word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attention {
    pub title: String,
    /// `alert` (act now) or `warn` (keep an eye on it).
    pub level: &'static str,
    pub items: Vec<String>,
    /// What HR might do, each with a ready link (a `mailto:` to the people concerned).
    pub actions: Vec<Action>,
}

/// A suggested action with its link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// Who it is about ("Ann Lee & Bob Stone").
    pub about: String,
    /// What to do, in a few words.
    pub suggestion: String,
    pub href: String,
}

/// A topic with its bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicBar {
    pub topic: String,
    pub sessions: i64,
    pub width: u32,
    /// The bar's share of the widest topic's, in percent (at least 1 when not empty).
    pub share: u32,
}

/// A labelled figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(d: NaiveDate) -> &'static str {
    MONTHS.get(d.month0() as usize).copied().unwrap_or("")
}

/// A period as people write it: `1 to 7 March 2027`, `27 February to 5 March 2027`.
pub fn period_label(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        format!("{} {} {}", to.day(), month(to), to.year())
    } else if from.year() != to.year() {
        format!(
            "{} {} {} to {} {} {}",
            from.day(),
            month(from),
            from.year(),
            to.day(),
            month(to),
            to.year()
        )
    } else if from.month() != to.month() {
        format!(
            "{} {} to {} {} {}",
            from.day(),
            month(from),
            to.day(),
            month(to),
            to.year()
        )
    } else {
        format!("{} to {} {} {}", from.day(), to.day(), month(to), to.year())
    }
}

/// Hours as `8.5` or `12`.
fn hours_text(h: f64) -> String {
    format!("{h}")
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// How the period compares with the seven days before, when the period is one chart week.
fn trend(f: &Figures) -> Option<String> {
    if f.period_to - f.period_from != Duration::days(6)
        || f.period_from.weekday().num_days_from_monday() != 0
    {
        return None;
    }
    let before = f
        .weeks
        .iter()
        .find(|w| w.week == f.period_from - Duration::days(7))?;
    let diff = f.period.sessions - before.sessions;
    Some(match diff {
        0 => "as many as the week before".to_string(),
        d if d > 0 => format!("▲ {d} on the week before"),
        d => format!("▼ {} on the week before", -d),
    })
}

fn tiles(f: &Figures) -> Vec<Tile> {
    let mut sessions_note = format!("{} to date", f.to_date.sessions);
    if let Some(t) = trend(f) {
        sessions_note = format!("{t}; {sessions_note}");
    }
    let (rating, rating_note) = match f.to_date.average_rating {
        Some(r) => (
            format!("{r:.1}"),
            format!(
                "out of 5, from {} to date",
                plural(f.to_date.ratings, "rating", "ratings")
            ),
        ),
        None if f.to_date.ratings == 0 => ("–".to_string(), "no ratings yet".to_string()),
        None => (
            "–".to_string(),
            format!(
                "shown from {} ratings ({} so far)",
                f.min_group, f.to_date.ratings
            ),
        ),
    };
    vec![
        Tile {
            label: "Sessions".into(),
            value: f.period.sessions.to_string(),
            note: sessions_note,
        },
        Tile {
            label: "Hours".into(),
            value: hours_text(f.period.hours),
            note: format!("{} h to date", hours_text(f.to_date.hours)),
        },
        Tile {
            label: "Pairs meeting".into(),
            value: format!("{}%", f.pairs.percent_active),
            note: format!(
                "{} of {} met in the last 30 days",
                f.pairs.met_last_30_days,
                plural(i64::try_from(f.pairs.active).unwrap_or(0), "pair", "pairs")
            ),
        },
        Tile {
            label: "Average rating".into(),
            value: rating,
            note: rating_note,
        },
    ]
}

fn attention(f: &Figures) -> Vec<Attention> {
    let mut out = Vec::new();
    if !f.pairs.at_risk.is_empty() {
        out.push(Attention {
            title: "Gone silent".into(),
            level: "alert",
            items: f
                .pairs
                .at_risk
                .iter()
                .map(|a| {
                    format!(
                        "{}: {} days since last contact",
                        a.pair, a.days_since_contact
                    )
                })
                .collect(),
            actions: f
                .pairs
                .at_risk
                .iter()
                .map(|a| Action {
                    about: a.pair.clone(),
                    suggestion: "write to both and offer help".into(),
                    href: a.mailto.clone(),
                })
                .collect(),
        });
    }
    if !f.cancelling.is_empty() {
        out.push(Attention {
            title: "Cancelled again and again (they had a gentle note)".into(),
            level: "warn",
            items: f.cancelling.iter().map(super::cancelled_line).collect(),
            actions: f
                .cancelling
                .iter()
                .map(|c| Action {
                    about: c.who.clone(),
                    suggestion: "ask whether the time still works; offer a shorter slot, a pause or a new partner".into(),
                    href: c.mailto.clone(),
                })
                .collect(),
        });
    }
    if !f.contradictions.is_empty() {
        out.push(Attention {
            title: "Reports that contradict each other (one says they met, the other not)".into(),
            level: "alert",
            items: f.contradictions.clone(),
            actions: Vec::new(),
        });
    }
    if !f.pairs.never_met.is_empty() {
        out.push(Attention {
            title: "Not met yet".into(),
            level: "warn",
            items: f.pairs.never_met.clone(),
            actions: Vec::new(),
        });
    }
    if !f.opted_out.is_empty() {
        out.push(Attention {
            title: "Opted out this period (a word in person may tell you why)".into(),
            level: "warn",
            items: f
                .opted_out
                .iter()
                .map(|(name, day, words)| match words {
                    Some(words) => format!("{name}, on {day}: \u{201c}{words}\u{201d}"),
                    None => format!("{name}, on {day}"),
                })
                .collect(),
            actions: Vec::new(),
        });
    }
    if !f.unmatched.is_empty() {
        out.push(Attention {
            title: "Without a partner (`upward pair --fill` pairs them when someone fits)".into(),
            level: "warn",
            items: f.unmatched.clone(),
            actions: Vec::new(),
        });
    }
    if !f.bouncing.is_empty() {
        out.push(Attention {
            title: "Mail does not reach them (check the address, then `upward reenable EMAIL`)"
                .into(),
            level: "alert",
            items: f.bouncing.clone(),
            actions: Vec::new(),
        });
    }
    out
}

fn cancellations(f: &Figures) -> Option<String> {
    cancelled(f.cancelled_by_mentor, f.cancelled_by_mentee, "this period")
}

/// Who cancelled meetings over `span` ("this period"), with a word when the senior side
/// cancels most; `None` when nobody did.
fn cancelled(mentor: i64, mentee: i64, span: &str) -> Option<String> {
    if mentor + mentee == 0 {
        return None;
    }
    let mut text = format!(
        "{} cancelled {span}: {} by mentors, {} by mentees.",
        plural(mentor + mentee, "meeting", "meetings"),
        mentor,
        mentee
    );
    if mentee > mentor {
        text.push_str(
            " Most cancellations come from the senior side, the most common way reverse \
             mentoring fades: a word from their sponsor helps.",
        );
    }
    Some(text)
}

fn topic_bars(list: &[TopicCount], top: i64) -> Vec<TopicBar> {
    list.iter()
        .map(|t| TopicBar {
            topic: t.topic.clone(),
            sessions: t.sessions,
            width: u32::try_from((t.sessions * 160).checked_div(top).unwrap_or(0))
                .unwrap_or(0)
                .max(u32::from(t.sessions > 0) * 2),
            share: chart::share(t.sessions, top),
        })
        .collect()
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// `2027-03-08T07:59:12.123Z` as `2027-03-08 07:59 UTC`.
fn instant_text(ts: &str) -> String {
    match (ts.get(..10), ts.get(11..16)) {
        (Some(d), Some(t)) => format!("{d} {t} UTC"),
        _ => ts.to_string(),
    }
}

fn health(f: &Figures) -> Vec<Fact> {
    let fact = |label: &str, value: String| Fact {
        label: label.to_string(),
        value,
    };
    let pending = match &f.oldest_pending {
        Some(oldest) if f.outbox_pending > 0 => {
            format!(
                "{} (oldest queued {})",
                f.outbox_pending,
                instant_text(oldest)
            )
        }
        _ => f.outbox_pending.to_string(),
    };
    let mut facts = vec![
        fact("Unmatched participants", list_or_none(&f.unmatched)),
        fact("Opted out", f.opt_outs.to_string()),
        fact("Bouncing addresses", list_or_none(&f.bouncing)),
        fact(
            "Messages refused / quarantined",
            format!("{} / {}", f.refused, f.quarantined),
        ),
        fact("Delivery failures", f.delivery_failures.to_string()),
        fact("Waiting to send", pending),
    ];
    if let Some(late) = &f.delivered_late {
        facts.push(fact("Delivered late", late.sentence()));
    }
    facts
}

/// The HR digest's view of `f`.
pub fn hr(f: &Figures) -> HrView {
    let chart = chart::chart(f);
    let ratings_note = match (&chart.ratings, f.to_date.ratings) {
        (Some(_), _) => None,
        (None, 0) => Some("No ratings yet.".to_string()),
        (None, n) => Some(format!(
            "Ratings are shown once {} people have answered ({n} so far), so no one's answer \
             can be singled out.",
            f.min_group
        )),
    };
    let top = f
        .topics_mentors_taught
        .iter()
        .chain(&f.topics_mentees_taught)
        .map(|t| t.sessions)
        .max()
        .unwrap_or(0);
    HrView {
        program: f.program.clone(),
        period: period_label(f.period_from, f.period_to),
        tiles: tiles(f),
        chart,
        ratings_note,
        attention: attention(f),
        cancellations: cancellations(f),
        topics_mentors: topic_bars(&f.topics_mentors_taught, top),
        topics_mentees: topic_bars(&f.topics_mentees_taught, top),
        health: health(f),
        quotes: f.quotes.iter().map(|q| q.replace('\n', " ")).collect(),
        min_group: f.min_group,
    }
}

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

fn average_fact(label: &str, average: Option<f64>, count: i64, min_group: u32) -> Fact {
    Fact {
        label: label.to_string(),
        value: match average {
            Some(a) => format!(
                "{a:.1} out of 5, from {}",
                plural(count, "rating", "ratings")
            ),
            None if count == 0 => "no ratings".to_string(),
            None => format!("shown from {min_group} ratings ({count} so far)"),
        },
    }
}

/// The final report's view of `f`.
pub fn final_report(f: &FinalFigures) -> FinalView {
    let chart = chart::whole_program(&f.whole);
    let r = &f.ratings;
    let ratings_note = match (&chart.ratings, r.count) {
        (Some(_), _) => None,
        (None, 0) => Some("No ratings were given.".to_string()),
        (None, n) => Some(format!(
            "Ratings are shown once {} people have answered ({n} did), so no one's answer \
             can be singled out.",
            f.min_group
        )),
    };
    let (rating, rating_note) = match r.average {
        Some(a) => (
            format!("{a:.1}"),
            format!("out of 5, from {}", plural(r.count, "rating", "ratings")),
        ),
        None => (
            "–".to_string(),
            average_fact("", None, r.count, f.min_group).value,
        ),
    };
    let tiles = vec![
        Tile {
            label: "Meetings".into(),
            value: f.sessions.to_string(),
            note: format!("{} h in all", hours_text(f.hours)),
        },
        Tile {
            label: "Pairs that met".into(),
            value: f.pairs_met.to_string(),
            note: format!(
                "of {} made",
                plural(i64::try_from(f.pairs_made).unwrap_or(0), "pair", "pairs")
            ),
        },
        Tile {
            label: "Average rating".into(),
            value: rating,
            note: rating_note,
        },
    ];
    let busiest_pair = f.pairs.iter().map(|p| p.sessions).max().unwrap_or(0);
    let pairs = f
        .pairs
        .iter()
        .take(MAX_PAIRS_LISTED)
        .map(|p| {
            let mut detail = format!("round {}, {} h", p.round, hours_text(p.hours));
            match (p.first_met, p.last_met) {
                (Some(a), Some(b)) => detail.push_str(&format!(", {}", period_label(a, b))),
                _ => detail.push_str(", never met"),
            }
            if !p.active {
                detail.push_str(", ended early");
            }
            if p.cancelled_by_mentor + p.cancelled_by_mentee > 0 {
                detail.push_str(&format!(
                    "; cancelled {} by the mentor, {} by the mentee",
                    p.cancelled_by_mentor, p.cancelled_by_mentee
                ));
            }
            GroupBar {
                name: p.pair.clone(),
                meetings: p.sessions,
                percent: percent(p.sessions, busiest_pair),
                text: format!(
                    "{}: {} ({detail})",
                    p.pair,
                    plural(p.sessions, "meeting", "meetings")
                ),
                detail,
            }
        })
        .collect();
    let groups = |list: &[GroupMeetings], prefix: &str| -> Vec<GroupBar> {
        let top = list.iter().map(|g| g.meetings).max().unwrap_or(0);
        list.iter()
            .map(|g| {
                let name = format!("{prefix}{}", g.group);
                let detail = format!(
                    "{} with its mentors, {} with its mentees; {} and {}",
                    g.as_mentor,
                    g.as_mentee,
                    plural(g.mentors, "mentor", "mentors"),
                    plural(g.mentees, "mentee", "mentees")
                );
                GroupBar {
                    text: format!(
                        "{name}: {} ({detail})",
                        plural(g.meetings, "meeting", "meetings")
                    ),
                    name,
                    meetings: g.meetings,
                    percent: percent(g.meetings, top),
                    detail,
                }
            })
            .collect()
    };
    let top = f
        .topics_mentors_taught
        .iter()
        .chain(&f.topics_mentees_taught)
        .map(|t| t.sessions)
        .max()
        .unwrap_or(0);
    FinalView {
        program: f.program.clone(),
        period: period_label(f.start, f.end),
        ended: f.ended,
        end: period_label(f.end, f.end),
        tiles,
        chart,
        bar_pixels: chart::BAR_PIXELS,
        ratings_note,
        ratings_by_side: vec![
            average_fact(
                "Given by mentors",
                r.by_mentors_average,
                r.by_mentors,
                f.min_group,
            ),
            average_fact(
                "Given by mentees",
                r.by_mentees_average,
                r.by_mentees,
                f.min_group,
            ),
        ],
        cancellations: cancelled(
            f.cancelled_by_mentor,
            f.cancelled_by_mentee,
            "over the program",
        ),
        pairs,
        pairs_left_out: f.pairs.len().saturating_sub(MAX_PAIRS_LISTED),
        departments: groups(&f.departments, ""),
        levels: groups(&f.levels, "Level "),
        topics_mentors: topic_bars(&f.topics_mentors_taught, top),
        topics_mentees: topic_bars(&f.topics_mentees_taught, top),
        quotes: f.quotes.iter().map(|q| q.replace('\n', " ")).collect(),
        goals_summary: f.goals.summary(),
        goals: f.goals.listed.clone(),
        min_group: f.min_group,
    }
}

/// A participant digest's template context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipantView {
    pub period: String,
    pub sessions: i64,
    pub hours: String,
    pub sessions_to_date: i64,
    pub hours_to_date: String,
    pub topics: Vec<String>,
    pub partners: Vec<PartnerView>,
    pub encouragement: String,
}

/// One partner, worded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerView {
    pub name: String,
    /// `your mentor` or `your mentee`.
    pub relation: String,
    pub sessions: i64,
    pub hours: String,
    pub sessions_to_date: i64,
    pub hours_to_date: String,
    pub topics: Vec<String>,
    /// The last meeting's date, as `24 March 2027`.
    pub last_met: Option<String>,
}

/// The participant digest's view of `f`.
pub fn participant(f: &ParticipantFigures) -> ParticipantView {
    ParticipantView {
        period: period_label(f.period_from, f.period_to),
        sessions: f.sessions,
        hours: hours_text(f.hours),
        sessions_to_date: f.sessions_to_date,
        hours_to_date: hours_text(f.hours_to_date),
        topics: f.topics.clone(),
        partners: f
            .partners
            .iter()
            .map(|p| PartnerView {
                name: p.name.clone(),
                relation: format!("your {}", p.role),
                sessions: p.sessions,
                hours: hours_text(p.hours),
                sessions_to_date: p.sessions_to_date,
                hours_to_date: hours_text(p.hours_to_date),
                topics: p.topics.clone(),
                last_met: p.last_met.map(|d| period_label(d, d)),
            })
            .collect(),
        encouragement: f.encouragement.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::sample;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    #[test]
    fn periods_read_as_people_write_them() {
        assert_eq!(period_label(day(3, 1), day(3, 7)), "1 to 7 March 2027");
        assert_eq!(
            period_label(day(2, 27), day(3, 5)),
            "27 February to 5 March 2027"
        );
        assert_eq!(
            period_label(NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(), day(1, 3)),
            "28 December 2026 to 3 January 2027"
        );
        assert_eq!(period_label(day(3, 7), day(3, 7)), "7 March 2027");
    }

    #[test]
    fn the_headline_compares_the_week_with_the_one_before() {
        let f = sample::figures_for_tests();
        let v = hr(&f);
        assert_eq!(v.tiles[0].value, "10");
        assert_eq!(v.tiles[0].note, "▼ 1 on the week before; 46 to date");
        assert_eq!(v.tiles[2].value, "83%");
        assert_eq!(v.tiles[3].value, "4.2");
    }

    #[test]
    fn hidden_ratings_say_why_and_show_no_average() {
        let mut f = sample::figures_for_tests();
        f.rating_histogram = None;
        f.to_date.average_rating = None;
        f.to_date.ratings = 2;
        let v = hr(&f);
        assert_eq!(v.tiles[3].value, "–");
        assert_eq!(v.tiles[3].note, "shown from 3 ratings (2 so far)");
        assert!(v.chart.ratings.is_none());
        assert!(
            v.ratings_note
                .as_deref()
                .is_some_and(|n| n.starts_with("Ratings are shown once 3 people")),
            "{:?}",
            v.ratings_note
        );
    }

    #[test]
    fn senior_side_cancellations_are_called_out() {
        let mut f = sample::figures_for_tests();
        (f.cancelled_by_mentor, f.cancelled_by_mentee) = (1, 3);
        let text = hr(&f).cancellations.unwrap();
        assert!(text.starts_with("4 meetings cancelled this period: 1 by mentors, 3 by mentees."));
        assert!(text.contains("senior side"));
        (f.cancelled_by_mentor, f.cancelled_by_mentee) = (2, 1);
        assert!(!hr(&f).cancellations.unwrap().contains("senior side"));
        (f.cancelled_by_mentor, f.cancelled_by_mentee) = (0, 0);
        assert_eq!(hr(&f).cancellations, None);
    }
}
