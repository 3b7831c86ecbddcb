//! Owns how the digest emails word their figures: the template context of the HR digest (the
//! headline figures, the charts, the pairs that need a word, topics, the program's health,
//! quotes), of the final report and of a participant's digest, in the email's language
//! (every sentence by its message id, through [`Say`]; the words are outbound's catalogs).
//! Both the HTML and the text part render the same view, so they always carry the same
//! figures. Does not compute figures nor render markup.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::chart::{self, Chart};
use super::words::{self, Say};
use super::{Figures, TopicCount};

mod final_report;
mod participant;

pub use final_report::{FinalView, GroupBar, MAX_PAIRS_LISTED, final_report};
pub use participant::{ParticipantView, PartnerView, participant};

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

/// A period as people write it in `say`'s language: `1 to 7 March 2027`.
pub fn period_label(say: &dyn Say, from: NaiveDate, to: NaiveDate) -> String {
    words::period(say, from, to)
}

/// Hours as `8.5` or `12`.
fn hours_text(h: f64) -> String {
    format!("{h}")
}

/// A week's Monday as the chart labels it: `8 Mar`.
fn week_label(say: &dyn Say) -> impl Fn(NaiveDate) -> String + '_ {
    let pattern = say.say("hr-digest-week-label", &[]);
    move |d| words::date(say, d, &pattern)
}

/// How the period compares with the seven days before, when the period is one chart week.
fn trend(say: &dyn Say, f: &Figures) -> Option<String> {
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
        0 => say.say("hr-digest-trend-same", &[]),
        d if d > 0 => say.say("hr-digest-trend-up", &[("diff", d.into())]),
        d => say.say("hr-digest-trend-down", &[("diff", (-d).into())]),
    })
}

fn tiles(say: &dyn Say, f: &Figures) -> Vec<Tile> {
    let mut sessions_note = say.say("hr-digest-to-date", &[("count", f.to_date.sessions.into())]);
    if let Some(t) = trend(say, f) {
        sessions_note = format!("{t}; {sessions_note}");
    }
    let (rating, rating_note) = match f.to_date.average_rating {
        Some(r) => (
            format!("{r:.1}"),
            say.say(
                "hr-digest-rating-note",
                &[("ratings", f.to_date.ratings.into())],
            ),
        ),
        None if f.to_date.ratings == 0 => ("–".to_string(), say.say("hr-digest-no-ratings", &[])),
        None => (
            "–".to_string(),
            say.say(
                "hr-digest-ratings-hidden",
                &[
                    ("min", f.min_group.into()),
                    ("count", f.to_date.ratings.into()),
                ],
            ),
        ),
    };
    vec![
        Tile {
            label: say.say("hr-digest-sessions", &[]),
            value: f.period.sessions.to_string(),
            note: sessions_note,
        },
        Tile {
            label: say.say("hr-digest-hours", &[]),
            value: hours_text(f.period.hours),
            note: say.say(
                "hr-digest-hours-to-date",
                &[("hours", hours_text(f.to_date.hours).into())],
            ),
        },
        Tile {
            label: say.say("hr-digest-pairs-meeting", &[]),
            value: format!("{}%", f.pairs.percent_active),
            note: say.say(
                "hr-digest-pairs-met",
                &[
                    ("met", f.pairs.met_last_30_days.into()),
                    ("pairs", f.pairs.active.into()),
                ],
            ),
        },
        Tile {
            label: say.say("hr-digest-average-rating", &[]),
            value: rating,
            note: rating_note,
        },
    ]
}

/// The first word of a name.
fn first(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// A group of pairs that needs a word, with `items` and no actions.
fn group(say: &dyn Say, title: &str, level: &'static str, items: Vec<String>) -> Attention {
    Attention {
        title: say.say(title, &[]),
        level,
        items,
        actions: Vec::new(),
    }
}

fn attention(say: &dyn Say, f: &Figures) -> Vec<Attention> {
    let mut out = Vec::new();
    if !f.pairs.at_risk.is_empty() {
        let mut silent = group(
            say,
            "hr-digest-gone-silent",
            "alert",
            f.pairs
                .at_risk
                .iter()
                .map(|a| {
                    say.say(
                        "hr-digest-silent-days",
                        &[
                            ("pair", a.pair.as_str().into()),
                            ("days", a.days_since_contact.into()),
                        ],
                    )
                })
                .collect(),
        );
        silent.actions = f
            .pairs
            .at_risk
            .iter()
            .map(|a| {
                let to: Vec<&str> = a.emails.iter().map(String::as_str).collect();
                Action {
                    about: a.pair.clone(),
                    suggestion: say.say("hr-digest-silent-suggestion", &[]),
                    href: super::mailto(
                        &to,
                        &say.say(
                            "hr-digest-silent-mail-subject",
                            &[("program", f.program.as_str().into())],
                        ),
                        &say.say(
                            "hr-digest-silent-mail-body",
                            &[
                                ("mentor", first(&a.names.0).into()),
                                ("mentee", first(&a.names.1).into()),
                            ],
                        ),
                    ),
                }
            })
            .collect();
        out.push(silent);
    }
    if !f.cancelling.is_empty() {
        let mut cancelling = group(
            say,
            "hr-digest-cancelling",
            "warn",
            f.cancelling
                .iter()
                .map(|c| {
                    say.say(
                        "hr-digest-cancelled-line",
                        &[
                            ("name", c.name.as_str().into()),
                            ("side", c.side.as_str().into()),
                            ("times", c.times.into()),
                            ("partner", c.partner.as_str().into()),
                        ],
                    )
                })
                .collect(),
        );
        cancelling.actions = f
            .cancelling
            .iter()
            .map(|c| Action {
                about: say.say(
                    "hr-digest-who",
                    &[
                        ("name", c.name.as_str().into()),
                        ("side", c.side.as_str().into()),
                    ],
                ),
                suggestion: say.say("hr-digest-cancelling-suggestion", &[]),
                href: super::mailto(
                    &[&c.email],
                    &say.say(
                        "hr-digest-cancelling-mail-subject",
                        &[
                            ("program", f.program.as_str().into()),
                            ("partner", first(&c.partner).into()),
                        ],
                    ),
                    &say.say(
                        "hr-digest-cancelling-mail-body",
                        &[
                            ("name", first(&c.name).into()),
                            ("partner", first(&c.partner).into()),
                        ],
                    ),
                ),
            })
            .collect();
        out.push(cancelling);
    }
    let opted_out = f
        .opted_out
        .iter()
        .map(|(name, day, said)| {
            let mut args = vec![("name", name.as_str().into()), ("day", day.as_str().into())];
            match said {
                Some(said) => {
                    args.push(("words", said.as_str().into()));
                    say.say("hr-digest-opted-out-said", &args)
                }
                None => say.say("hr-digest-opted-out-on", &args),
            }
        })
        .collect();
    let listed: [(&str, &'static str, Vec<String>); 5] = [
        (
            "hr-digest-contradictions",
            "alert",
            f.contradictions.clone(),
        ),
        ("hr-digest-never-met", "warn", f.pairs.never_met.clone()),
        ("hr-digest-opted-out", "warn", opted_out),
        ("hr-digest-without-partner", "warn", f.unmatched.clone()),
        ("hr-digest-bouncing", "alert", f.bouncing.clone()),
    ];
    out.extend(
        listed
            .into_iter()
            .filter(|(_, _, items)| !items.is_empty())
            .map(|(title, level, items)| group(say, title, level, items)),
    );
    out
}

/// Who cancelled meetings (`id`: over the period or the program), with a word when the
/// senior side cancels most; `None` when nobody did.
fn cancelled(say: &dyn Say, id: &str, mentor: i64, mentee: i64) -> Option<String> {
    if mentor + mentee == 0 {
        return None;
    }
    let mut text = say.say(
        id,
        &[
            ("count", (mentor + mentee).into()),
            ("mentors", mentor.into()),
            ("mentees", mentee.into()),
        ],
    );
    if mentee > mentor {
        text.push(' ');
        text.push_str(&say.say("hr-digest-senior-side", &[]));
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

fn list_or_none(say: &dyn Say, items: &[String]) -> String {
    if items.is_empty() {
        say.say("hr-digest-none", &[])
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

fn health(say: &dyn Say, f: &Figures) -> Vec<Fact> {
    let fact = |label: &str, value: String| Fact {
        label: say.say(label, &[]),
        value,
    };
    let pending = match &f.oldest_pending {
        Some(oldest) if f.outbox_pending > 0 => say.say(
            "hr-digest-pending-since",
            &[
                ("count", f.outbox_pending.into()),
                ("oldest", instant_text(oldest).into()),
            ],
        ),
        _ => f.outbox_pending.to_string(),
    };
    let mut facts = vec![
        fact("hr-digest-unmatched", list_or_none(say, &f.unmatched)),
        fact("hr-digest-opt-outs", f.opt_outs.to_string()),
        fact(
            "hr-digest-bouncing-addresses",
            list_or_none(say, &f.bouncing),
        ),
        fact(
            "hr-digest-refused",
            format!("{} / {}", f.refused, f.quarantined),
        ),
        fact(
            "hr-digest-delivery-failures",
            f.delivery_failures.to_string(),
        ),
        fact("hr-digest-waiting", pending),
    ];
    if let Some(late) = &f.delivered_late {
        let mut args = vec![
            ("count", late.count.into()),
            ("longest", super::span_text(late.longest_seconds).into()),
        ];
        let sentence = match &late.last_error {
            Some(error) => {
                args.push(("error", error.as_str().into()));
                say.say("hr-digest-late-error", &args)
            }
            None => say.say("hr-digest-late", &args),
        };
        facts.push(fact("hr-digest-delivered-late", sentence));
    }
    facts
}

/// The HR digest's view of `f`, in `say`'s language.
pub fn hr(f: &Figures, say: &dyn Say) -> HrView {
    let chart = chart::chart(f, &week_label(say));
    let ratings_note = match (&chart.ratings, f.to_date.ratings) {
        (Some(_), _) => None,
        (None, 0) => Some(say.say("hr-digest-no-ratings-note", &[])),
        (None, n) => Some(say.say(
            "hr-digest-ratings-hidden-note",
            &[("min", f.min_group.into()), ("count", n.into())],
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
        period: period_label(say, f.period_from, f.period_to),
        tiles: tiles(say, f),
        chart,
        ratings_note,
        attention: attention(say, f),
        cancellations: cancelled(
            say,
            "hr-digest-cancelled",
            f.cancelled_by_mentor,
            f.cancelled_by_mentee,
        ),
        topics_mentors: topic_bars(&f.topics_mentors_taught, top),
        topics_mentees: topic_bars(&f.topics_mentees_taught, top),
        health: health(say, f),
        quotes: f.quotes.iter().map(|q| q.replace('\n', " ")).collect(),
        min_group: f.min_group,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::sample;
    use crate::digest::words::Ids;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    #[test]
    fn periods_name_what_they_span() {
        let say = &Ids;
        assert_eq!(
            period_label(say, day(3, 1), day(3, 7)),
            "hr-digest-period(day=7, month=March, year=2027, from_day=1)"
        );
        assert_eq!(
            period_label(say, day(2, 27), day(3, 5)),
            "hr-digest-period-months(day=5, month=March, year=2027, from_day=27, from_month=February)"
        );
        assert!(
            period_label(
                say,
                NaiveDate::from_ymd_opt(2026, 12, 28).unwrap(),
                day(1, 3)
            )
            .starts_with("hr-digest-period-years(")
        );
        assert_eq!(
            period_label(say, day(3, 7), day(3, 7)),
            "hr-digest-day(day=7, month=March, year=2027)"
        );
    }

    #[test]
    fn the_headline_compares_the_week_with_the_one_before() {
        let f = sample::figures_for_tests();
        let v = hr(&f, &Ids);
        assert_eq!(v.tiles[0].value, "10");
        assert_eq!(
            v.tiles[0].note,
            "hr-digest-trend-down(diff=1); hr-digest-to-date(count=46)"
        );
        assert_eq!(v.tiles[2].value, "83%");
        assert_eq!(v.tiles[3].value, "4.2");
    }

    #[test]
    fn hidden_ratings_say_why_and_show_no_average() {
        let mut f = sample::figures_for_tests();
        f.rating_histogram = None;
        f.to_date.average_rating = None;
        f.to_date.ratings = 2;
        let v = hr(&f, &Ids);
        assert_eq!(v.tiles[3].value, "–");
        assert_eq!(v.tiles[3].note, "hr-digest-ratings-hidden(min=3, count=2)");
        assert!(v.chart.ratings.is_none());
        assert_eq!(
            v.ratings_note.as_deref(),
            Some("hr-digest-ratings-hidden-note(min=3, count=2)")
        );
    }

    #[test]
    fn senior_side_cancellations_are_called_out() {
        let mut f = sample::figures_for_tests();
        (f.cancelled_by_mentor, f.cancelled_by_mentee) = (1, 3);
        let text = hr(&f, &Ids).cancellations.unwrap();
        assert_eq!(
            text,
            "hr-digest-cancelled(count=4, mentors=1, mentees=3) hr-digest-senior-side()"
        );
        (f.cancelled_by_mentor, f.cancelled_by_mentee) = (2, 1);
        assert!(!hr(&f, &Ids).cancellations.unwrap().contains("senior-side"));
        (f.cancelled_by_mentor, f.cancelled_by_mentee) = (0, 0);
        assert_eq!(hr(&f, &Ids).cancellations, None);
    }

    #[test]
    fn the_ready_notes_to_people_are_in_the_emails_language() {
        let f = sample::figures_for_tests();
        let v = hr(&f, &Ids);
        let silent = &v.attention[0].actions[0];
        assert!(
            silent
                .href
                .contains("hr-digest-silent-mail-body%28mentor%3D"),
            "{}",
            silent.href
        );
        let cancelling = &v.attention[1].actions[0];
        assert_eq!(
            cancelling.about,
            "hr-digest-who(name=Chris Park, side=mentee)"
        );
        assert!(cancelling.href.starts_with(
            "mailto:chris.park@example.com?subject=hr-digest-cancelling-mail-subject"
        ));
    }
}
