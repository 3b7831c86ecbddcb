//! Owns the digest's figures: what HR (and `upward report`) sees about the program, computed
//! from the store's running totals and the config, with the privacy rules applied (ratings
//! hidden below `min_group` answers, quotes only when allowed). Renders them as text, JSON
//! or CSV; the emailed digest renders the same `Figures` through outbound's templates, from
//! the view built in [`view`] (with the chart of [`chart`]). A participant's own digest has
//! its figures in [`participant`]. Does not send anything, nor decide when a digest is due.

pub mod chart;
pub mod final_report;
pub mod participant;
pub mod sample;
pub mod view;
pub mod words;

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::config::{Config, FeedbackVisibility, Role};
use crate::spreadsheet::csv_cell;
use crate::store::{RawFigures, RepeatCanceller, Store, StoreError, WeekRow};

/// Width of the longest bar in the weekly chart, in cells.
pub const CHART_WIDTH: usize = 24;

/// Everything a digest or report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub program: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub period: Totals,
    pub to_date: Totals,
    /// Ratings 1..5 to date, or `None` when fewer than `min_group` people answered.
    pub rating_histogram: Option<[i64; 5]>,
    pub pairs: PairFigures,
    /// Top session topics that mentors teach (topics mentors offer).
    pub topics_mentors_taught: Vec<TopicCount>,
    /// Top session topics that mentees teach back (topics mentees offer).
    pub topics_mentees_taught: Vec<TopicCount>,
    pub unmatched: Vec<String>,
    pub opt_outs: i64,
    /// Who opted out in the period (name, day, and their own words with the STOP only
    /// under `hr_feedback = "quotes"`): HR may want to ask why, in person.
    pub opted_out: Vec<(String, String, Option<String>)>,
    pub bouncing: Vec<String>,
    /// People whose side cancelled their pair's last meetings in a row, most first.
    pub cancelling: Vec<Canceller>,
    pub quarantined: i64,
    pub refused: i64,
    pub delivery_failures: i64,
    pub outbox_pending: i64,
    pub oldest_pending: Option<String>,
    /// Emails of the period that went out only after a retry, when there were any.
    pub delivered_late: Option<LateDeliveries>,
    /// Pairs whose partners disagree on whether a meeting happened.
    pub contradictions: Vec<String>,
    pub cancelled_by_mentor: i64,
    pub cancelled_by_mentee: i64,
    pub weeks: Vec<Week>,
    /// Recent notes, only when `[privacy] hr_feedback = "quotes"`.
    pub quotes: Vec<String>,
    /// Averages and the histogram are shown from this many ratings (`[privacy] min_group`).
    pub min_group: u32,
}

/// Emails that went out late: the relay was unreachable or deferred them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateDeliveries {
    pub count: i64,
    /// From queueing to sending, the longest of them.
    pub longest_seconds: i64,
    /// The last error one of them met before it went out.
    pub last_error: Option<String>,
}

impl LateDeliveries {
    /// One sentence for HR: "3 emails were delivered late, the longest after 2 h 10 min
    /// (last error: …)".
    pub fn sentence(&self) -> String {
        let emails = if self.count == 1 {
            "1 email was".to_string()
        } else {
            format!("{} emails were", self.count)
        };
        let error = self
            .last_error
            .as_ref()
            .map_or(String::new(), |e| format!(" (last error: {e})"));
        format!(
            "{emails} delivered late, the longest after {}{error}",
            span_text(self.longest_seconds)
        )
    }
}

/// A span of time as people say it: `45 s`, `12 min`, `2 h 10 min`, `3 d 4 h`.
pub fn span_text(seconds: i64) -> String {
    let s = seconds.max(0);
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

/// Sessions, hours and ratings over some span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub sessions: i64,
    pub hours: f64,
    pub ratings: i64,
    /// `None` when fewer than `min_group` people answered.
    pub average_rating: Option<f64>,
}

/// The state of the active pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairFigures {
    pub active: usize,
    pub met_last_30_days: usize,
    /// Percent of active pairs with a session in the last 30 days.
    pub percent_active: u32,
    pub never_met: Vec<String>,
    /// Pairs silent longer than `nudge_after_days`, most silent first.
    pub at_risk: Vec<AtRisk>,
}

/// A silent pair, with what HR might do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AtRisk {
    pub pair: String,
    pub days_since_contact: i64,
    /// A `mailto:` link to both partners with a short note HR can send as it is.
    pub mailto: String,
    /// The partners' names (mentor, mentee) and addresses, for a note in another language.
    #[serde(skip)]
    pub names: (String, String),
    #[serde(skip)]
    pub emails: Vec<String>,
}

/// Someone whose side cancelled two or more of their pair's meetings in a row (they had a
/// gentle note at the second), with a word HR can send them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Canceller {
    /// "Pat Lee (mentee)".
    pub who: String,
    pub partner: String,
    pub times: u32,
    /// A `mailto:` link to them with a short note HR can send as it is.
    pub mailto: String,
    /// Their name, side and address, for the line and the note in another language.
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub side: Role,
    #[serde(skip)]
    pub email: String,
}

/// "Pat Lee (mentee) cancelled the last 2 meetings with Ann Stone".
pub fn cancelled_line(c: &Canceller) -> String {
    format!(
        "{} cancelled the last {} meetings with {}",
        c.who, c.times, c.partner
    )
}

/// A `mailto:` link to `to` with `subject` and `body`, encoded as RFC 6068 asks.
pub fn mailto(to: &[&str], subject: &str, body: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    // RFC 3986's unreserved characters stay as they are; addresses keep `@` and `+`.
    const TEXT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    const ADDRESS: &AsciiSet = &TEXT.remove(b'@').remove(b'+');
    let enc = |s: &str| utf8_percent_encode(s, TEXT).to_string();
    let to: Vec<String> = to
        .iter()
        .map(|a| utf8_percent_encode(a, ADDRESS).to_string())
        .collect();
    format!(
        "mailto:{}?subject={}&body={}",
        to.join(","),
        enc(subject),
        enc(body)
    )
}

/// A topic and how many sessions covered it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicCount {
    pub topic: String,
    pub sessions: i64,
}

/// One week of the chart: every week from the program's first to the period's last, with
/// zeros for weeks without a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    pub week: NaiveDate,
    pub sessions: i64,
    /// Bar length in cells, 0..=CHART_WIDTH, scaled to the busiest week.
    pub bar: usize,
    pub average_rating: Option<f64>,
}

pub(crate) fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 6.0).round() / 10.0
}

fn average(count: i64, sum: i64, min_group: u32) -> Option<f64> {
    (count >= i64::from(min_group) && count > 0)
        .then(|| (sum as f64 / count as f64 * 10.0).round() / 10.0)
}

/// Computes the figures for the period `[from, to]` (dates in the program's time zone).
///
/// # Errors
/// `StoreError` if the store cannot be read.
pub fn figures(
    config: &Config,
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Figures, StoreError> {
    let quotes = config.privacy.hr_feedback == FeedbackVisibility::Quotes;
    let raw = store.digest_figures(
        from,
        to,
        config.program.start,
        quotes,
        config.schedule.nudge_after_days,
    )?;
    Ok(from_raw(config, raw, from, to))
}

/// The figures for the seven full days before `now`'s date in the program's zone: a digest
/// sent on a Monday reports Monday to Sunday, the week its chart shows last.
///
/// # Errors
/// `StoreError` if the store cannot be read.
pub fn weekly(config: &Config, store: &Store, now: DateTime<Utc>) -> Result<Figures, StoreError> {
    let today = now.with_timezone(&config.program.timezone).date_naive();
    figures(
        config,
        store,
        today - Duration::days(7),
        today - Duration::days(1),
    )
}

/// The Monday of `day`'s week.
pub fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

fn canceller(config: &Config, c: &RepeatCanceller) -> Canceller {
    let first = |n: &str| n.split_whitespace().next().unwrap_or(n).to_string();
    Canceller {
        who: format!("{} ({})", c.name, c.side),
        partner: c.partner.clone(),
        times: c.times,
        name: c.name.clone(),
        side: c.side,
        email: c.email.clone(),
        mailto: mailto(
            &[&c.email],
            &format!(
                "{}: finding a time with {}",
                config.program.name,
                first(&c.partner)
            ),
            &format!(
                "Hello {},\n\nI saw that your last meetings with {} could not happen. Is the time still working for you? A shorter slot, a pause or a different partner are all fine; tell me what would help.\n\nThank you,",
                first(&c.name),
                first(&c.partner)
            ),
        ),
    }
}

fn from_raw(config: &Config, raw: RawFigures, from: NaiveDate, to: NaiveDate) -> Figures {
    let min_group = config.privacy.min_group;
    let pair_name = |m: &str, e: &str| format!("{m} & {e}");
    let silent_after = i64::from(config.schedule.nudge_after_days);
    let met_last_30_days = usize::try_from(raw.met_last_30_days).unwrap_or(0);
    let mut at_risk: Vec<AtRisk> = raw
        .pairs
        .iter()
        .filter_map(|p| {
            let since = p
                .last_contact
                .or_else(|| NaiveDate::parse_from_str(p.created_at.get(..10)?, "%Y-%m-%d").ok())?;
            let days = (to - since).num_days();
            (days > silent_after).then(|| {
                let first = |n: &str| n.split_whitespace().next().unwrap_or(n).to_string();
                AtRisk {
                    pair: pair_name(&p.mentor, &p.mentee),
                    days_since_contact: days,
                    names: (p.mentor.clone(), p.mentee.clone()),
                    emails: vec![p.mentor_email.clone(), p.mentee_email.clone()],
                    mailto: mailto(
                        &[&p.mentor_email, &p.mentee_email],
                        &format!("{}: how is it going?", config.program.name),
                        &format!(
                            "Hello {} and {},\n\nI noticed you have not been in touch for a few weeks. Could you find 20 minutes this week? If something is in the way (time, topics, the pairing itself), tell me and I will help.\n\nThank you,",
                            first(&p.mentor),
                            first(&p.mentee)
                        ),
                    ),
                }
            })
        })
        .collect();
    at_risk.sort_by(|a, b| {
        b.days_since_contact
            .cmp(&a.days_since_contact)
            .then(a.pair.cmp(&b.pair))
    });
    let active = usize::try_from(raw.active_pairs).unwrap_or(0);
    let percent_active = (met_last_30_days * 100)
        .checked_div(active)
        .and_then(|p| u32::try_from(p).ok())
        .unwrap_or(0);

    let (mut mentors_taught, mut mentees_taught) = split_topics(config, &raw.top_topics);
    mentors_taught.truncate(5);
    mentees_taught.truncate(5);

    let weeks = fill_weeks(&raw.weeks, config.program.start, to, min_group);
    let histogram_shown = raw.total_ratings >= i64::from(min_group);
    Figures {
        program: config.program.name.clone(),
        period_from: from,
        period_to: to,
        period: Totals {
            sessions: raw.period_sessions,
            hours: hours(raw.period_minutes),
            ratings: raw.period_ratings,
            average_rating: average(raw.period_ratings, raw.period_rating_sum, min_group),
        },
        to_date: Totals {
            sessions: raw.total_sessions,
            hours: hours(raw.total_minutes),
            ratings: raw.total_ratings,
            average_rating: average(raw.total_ratings, raw.total_rating_sum, min_group),
        },
        rating_histogram: histogram_shown.then_some(raw.rating_histogram),
        pairs: PairFigures {
            active,
            met_last_30_days,
            percent_active,
            never_met: raw
                .pairs
                .iter()
                .filter(|p| p.sessions == 0)
                .map(|p| pair_name(&p.mentor, &p.mentee))
                .collect(),
            at_risk,
        },
        topics_mentors_taught: mentors_taught,
        topics_mentees_taught: mentees_taught,
        unmatched: raw.unmatched,
        opt_outs: raw.stopped,
        opted_out: raw.opted_out,
        bouncing: raw.bouncing,
        cancelling: raw
            .repeat_cancellers
            .iter()
            .map(|c| canceller(config, c))
            .collect(),
        quarantined: raw.quarantined,
        refused: raw.refused,
        delivery_failures: raw.delivery_failures,
        outbox_pending: raw.outbox_pending,
        oldest_pending: raw.oldest_pending,
        delivered_late: (raw.late_sent > 0).then_some(LateDeliveries {
            count: raw.late_sent,
            longest_seconds: raw.late_longest_seconds,
            last_error: raw.late_error,
        }),
        contradictions: raw
            .contradictions
            .iter()
            .map(|(m, e)| pair_name(m, e))
            .collect(),
        cancelled_by_mentor: raw.cancelled_by_mentor,
        cancelled_by_mentee: raw.cancelled_by_mentee,
        weeks,
        quotes: raw.quotes,
        min_group,
    }
}

/// Splits logged topics (with their sessions, in the order given) into what mentors taught
/// and what mentees taught back: a topic only mentees offer is theirs, any other the
/// mentors'.
pub(crate) fn split_topics(
    config: &Config,
    topics: &[(String, i64)],
) -> (Vec<TopicCount>, Vec<TopicCount>) {
    // NOTE: each side's offered topics are gathered once: asking per topic would walk every
    // participant's offers again (10 topics × 20,000 people in a large program).
    let offered = |role: Role| -> HashSet<String> {
        config
            .participants
            .iter()
            .filter(|p| p.role == role)
            .flat_map(|p| p.offers.iter().map(|o| crate::config::normalize_topic(o)))
            .collect()
    };
    let (by_mentors, by_mentees) = (offered(Role::Mentor), offered(Role::Mentee));
    let mut mentors_taught = Vec::new();
    let mut mentees_taught = Vec::new();
    for (topic, sessions) in topics {
        let t = TopicCount {
            topic: topic.clone(),
            sessions: *sessions,
        };
        let normal = crate::config::normalize_topic(topic);
        if by_mentees.contains(&normal) && !by_mentors.contains(&normal) {
            mentees_taught.push(t);
        } else {
            mentors_taught.push(t);
        }
    }
    (mentors_taught, mentees_taught)
}

/// Every week from the one holding `start` to the one holding `to`, with the stored rows'
/// figures and zeros elsewhere, bars scaled to the busiest week.
fn fill_weeks(rows: &[WeekRow], start: NaiveDate, to: NaiveDate, min_group: u32) -> Vec<Week> {
    let busiest = rows.iter().map(|w| w.sessions).max().unwrap_or(0).max(1);
    let mut weeks = Vec::new();
    let mut week = monday(start);
    let last = monday(to);
    while week <= last {
        let row = rows.iter().find(|r| r.week == week);
        let (sessions, ratings, rating_sum) =
            row.map_or((0, 0, 0), |r| (r.sessions, r.ratings, r.rating_sum));
        weeks.push(Week {
            week,
            sessions,
            bar: usize::try_from(sessions * CHART_WIDTH as i64 / busiest).unwrap_or(0),
            average_rating: average(ratings, rating_sum, min_group),
        });
        week += Duration::weeks(1);
    }
    weeks
}

fn rating_text(r: Option<f64>, count: i64) -> String {
    match r {
        Some(avg) => format!("{avg:.1} / 5 ({count} ratings)"),
        None if count == 0 => "no ratings yet".to_string(),
        None => format!("hidden ({count} ratings; shown from the privacy minimum)"),
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// The figures as plain text, as `upward report` prints them and the text digest carries.
pub fn render_text(f: &Figures) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}: {} to {}", f.program, f.period_from, f.period_to);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Sessions this period: {} ({} h); to date: {} ({} h)",
        f.period.sessions, f.period.hours, f.to_date.sessions, f.to_date.hours
    );
    let _ = writeln!(
        s,
        "Average rating this period: {}; to date: {}",
        rating_text(f.period.average_rating, f.period.ratings),
        rating_text(f.to_date.average_rating, f.to_date.ratings)
    );
    let _ = writeln!(
        s,
        "Active pairs: {} ({}% met in the last 30 days)",
        f.pairs.active, f.pairs.percent_active
    );
    let _ = writeln!(s, "Never met: {}", list(&f.pairs.never_met));
    let at_risk: Vec<String> = f
        .pairs
        .at_risk
        .iter()
        .map(|a| format!("{} ({} days)", a.pair, a.days_since_contact))
        .collect();
    let _ = writeln!(s, "Gone silent: {}", list(&at_risk));
    let _ = writeln!(
        s,
        "Reports that contradict each other: {}",
        list(&f.contradictions)
    );
    let _ = writeln!(
        s,
        "Meetings cancelled this period: {} by mentors, {} by mentees",
        f.cancelled_by_mentor, f.cancelled_by_mentee
    );
    let topics = |t: &[TopicCount]| {
        list(
            &t.iter()
                .map(|t| format!("{} ({})", t.topic, t.sessions))
                .collect::<Vec<_>>(),
        )
    };
    let _ = writeln!(
        s,
        "Top topics mentors taught: {}",
        topics(&f.topics_mentors_taught)
    );
    let _ = writeln!(
        s,
        "Top topics mentees taught back: {}",
        topics(&f.topics_mentees_taught)
    );
    let _ = writeln!(s, "Unmatched: {}", list(&f.unmatched));
    if !f.cancelling.is_empty() {
        let who: Vec<String> = f.cancelling.iter().map(cancelled_line).collect();
        let _ = writeln!(s, "Cancelled in a row: {}", who.join("; "));
    }
    let _ = writeln!(
        s,
        "Opted out: {}; bouncing addresses: {}",
        f.opt_outs,
        list(&f.bouncing)
    );
    let _ = writeln!(
        s,
        "Messages refused: {}; quarantined: {}",
        f.refused, f.quarantined
    );
    let _ = writeln!(
        s,
        "Delivery failures: {}; waiting to send: {}{}",
        f.delivery_failures,
        f.outbox_pending,
        f.oldest_pending
            .as_ref()
            .map_or(String::new(), |o| format!(" (oldest queued {o})"))
    );
    if let Some(late) = &f.delivered_late {
        let _ = writeln!(s, "Delivered late: {}", late.sentence());
    }
    if let Some(h) = &f.rating_histogram {
        let _ = writeln!(
            s,
            "Ratings to date: 1:{} 2:{} 3:{} 4:{} 5:{}",
            h[0], h[1], h[2], h[3], h[4]
        );
    }
    if !f.weeks.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "Sessions per week:");
        for w in &f.weeks {
            let _ = writeln!(
                s,
                "  {}  {:<width$} {}",
                w.week,
                "#".repeat(w.bar),
                w.sessions,
                width = CHART_WIDTH
            );
        }
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

/// The figures as CSV rows of `figure,value` (lists joined with "; ").
pub fn render_csv(f: &Figures) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    let rows: Vec<(&str, String)> = vec![
        ("program", f.program.clone()),
        ("period_from", f.period_from.to_string()),
        ("period_to", f.period_to.to_string()),
        ("period_sessions", f.period.sessions.to_string()),
        ("period_hours", f.period.hours.to_string()),
        ("period_average_rating", opt(f.period.average_rating)),
        ("to_date_sessions", f.to_date.sessions.to_string()),
        ("to_date_hours", f.to_date.hours.to_string()),
        ("to_date_average_rating", opt(f.to_date.average_rating)),
        ("active_pairs", f.pairs.active.to_string()),
        ("percent_active", f.pairs.percent_active.to_string()),
        ("never_met", f.pairs.never_met.join("; ")),
        (
            "at_risk",
            f.pairs
                .at_risk
                .iter()
                .map(|a| format!("{} ({} days)", a.pair, a.days_since_contact))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("contradictions", f.contradictions.join("; ")),
        ("cancelled_by_mentor", f.cancelled_by_mentor.to_string()),
        ("cancelled_by_mentee", f.cancelled_by_mentee.to_string()),
        ("unmatched", f.unmatched.join("; ")),
        ("opt_outs", f.opt_outs.to_string()),
        ("bouncing", f.bouncing.join("; ")),
        (
            "cancelled_in_a_row",
            f.cancelling
                .iter()
                .map(cancelled_line)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("refused", f.refused.to_string()),
        ("quarantined", f.quarantined.to_string()),
        ("delivery_failures", f.delivery_failures.to_string()),
        ("outbox_pending", f.outbox_pending.to_string()),
        (
            "delivered_late",
            f.delivered_late.as_ref().map_or(0, |l| l.count).to_string(),
        ),
        (
            "delivered_late_longest_seconds",
            f.delivered_late
                .as_ref()
                .map_or(0, |l| l.longest_seconds)
                .to_string(),
        ),
    ];
    let _ = w.write_record(["figure", "value"]);
    for (k, v) in rows {
        let _ = w.write_record([csv_cell(k), csv_cell(&v)]);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::seed_pair;
    use crate::store::{Report, ReportOutcome};

    fn config(privacy: &str) -> Config {
        crate::config::test_support::program()
            .start("2027-01-04")
            .person("Ann", "mentor", 1, &["offers = [\"AI tools\"]"])
            .person("Bob", "mentee", 6, &["offers = [\"career path\"]"])
            .section(&format!(
                "[privacy]\nhr_feedback = \"{privacy}\"\nmin_group = 3"
            ))
            .build()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 2, d).unwrap()
    }

    #[test]
    fn someone_who_cancels_again_is_named_with_a_word_ready_for_them() {
        let c = canceller(
            &config("aggregate"),
            &RepeatCanceller {
                pair_id: 1,
                name: "Bob Stone".into(),
                email: "bob@acme.example".into(),
                side: Role::Mentee,
                partner: "Ann Lee".into(),
                times: 2,
            },
        );
        assert_eq!(
            cancelled_line(&c),
            "Bob Stone (mentee) cancelled the last 2 meetings with Ann Lee"
        );
        assert!(
            c.mailto.starts_with("mailto:bob@acme.example?subject="),
            "{}",
            c.mailto
        );
        assert!(c.mailto.contains("Hello%20Bob%2C"), "{}", c.mailto);
        assert!(c.mailto.contains("with%20Ann"), "{}", c.mailto);
    }

    fn report(pair: i64, who: i64, date: NaiveDate, met: bool, rating: Option<u8>) -> Report {
        Report {
            pair_id: pair,
            participant_id: who,
            inbound_id: None,
            met: Some(met),
            date,
            minutes: Some(60),
            topics: vec!["ai tools".into(), "career path".into()],
            rating,
            notes: Some("we talked about prompts".into()),
            flagged: false,
            cancelled_by: (!met).then_some(Role::Mentee),
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-02-21T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn mail_sent_after_retries_is_reported_late_with_the_longest_wait_and_the_error() {
        use crate::store::{Delivery, NewOutbound};
        let mut store = Store::open_in_memory().unwrap();
        let at = |h: u32, m: u32| day(17).and_hms_opt(h, m, 0).unwrap().and_utc();
        let queue = |store: &mut Store, n: u32| {
            let key = format!("k{n}");
            let id = format!("<m{n}@acme.example>");
            let rcpt = vec!["ann@acme.example".to_string()];
            store
                .write(|tx| {
                    tx.enqueue_outbound(
                        &NewOutbound {
                            key: &key,
                            kind: crate::vocab::EmailKind::Prompt,
                            recipients: &rcpt,
                            envelope_from: "m@acme.example",
                            message_id: &id,
                            bytes: b"x",
                            always_send: false,
                            due: at(8, 0),
                        },
                        at(8, 0),
                    )
                })
                .unwrap();
        };
        for n in 0..3 {
            queue(&mut store, n);
        }
        let lease = Duration::minutes(5);
        let down = "cannot connect to smtp.acme.example:587: Connection refused";
        // All three fail at 08:00; two go out at 09:00, the third fails again and goes at 10:10.
        let claimed = store.claim_outbound(at(8, 0), 10, lease).unwrap();
        for e in &claimed {
            let retry = Delivery::Retry {
                error: down.into(),
                at: at(9, 0),
            };
            store.record_delivery(e.id, &retry, at(8, 0)).unwrap();
        }
        let claimed = store.claim_outbound(at(9, 0), 10, lease).unwrap();
        assert_eq!(claimed.len(), 3);
        for e in &claimed[..2] {
            let sent = Delivery::Sent { rejected: vec![] };
            store.record_delivery(e.id, &sent, at(9, 0)).unwrap();
        }
        let timeout = "the smtp transaction took longer than 30 s";
        let retry = Delivery::Retry {
            error: timeout.into(),
            at: at(10, 10),
        };
        store
            .record_delivery(claimed[2].id, &retry, at(9, 0))
            .unwrap();
        let last = store.claim_outbound(at(10, 10), 10, lease).unwrap();
        let sent = Delivery::Sent { rejected: vec![] };
        store
            .record_delivery(last[0].id, &sent, at(10, 10))
            .unwrap();

        let f = figures(&config("aggregate"), &store, day(15), day(21)).unwrap();
        let late = f.delivered_late.clone().unwrap();
        assert_eq!((late.count, late.longest_seconds), (3, 2 * 3600 + 10 * 60));
        assert_eq!(late.last_error.as_deref(), Some(timeout));
        let text = render_text(&f);
        assert!(
            text.contains(&format!(
                "Delivered late: 3 emails were delivered late, the longest after 2 h 10 min (last error: {timeout})"
            )),
            "{text}"
        );
        // Another week saw none.
        let f = figures(&config("aggregate"), &store, day(22), day(28)).unwrap();
        assert_eq!(f.delivered_late, None);
        assert!(!render_text(&f).contains("Delivered late"));
    }

    #[test]
    fn spans_read_as_people_say_them() {
        let cases = [
            (45, "45 s"),
            (720, "12 min"),
            (7200, "2 h"),
            (7800, "2 h 10 min"),
            (277_200, "3 d 5 h"),
        ];
        for (secs, text) in cases {
            assert_eq!(span_text(secs), text);
        }
    }

    #[test]
    fn figures_count_the_period_and_to_date_and_hide_small_rating_groups() {
        let mut store = Store::open_in_memory().unwrap();
        let (p1, m1, e1) = seed_pair(&mut store, 1);
        let (p2, _, _) = seed_pair(&mut store, 2);
        let (p3, m3, e3) = seed_pair(&mut store, 3);
        // p1: met twice (one old, one this week); both partners report this week's meeting.
        store
            .record_report(&report(p1, m1, day(2), true, Some(4)), now())
            .unwrap();
        store
            .record_report(&report(p1, m1, day(18), true, Some(5)), now())
            .unwrap();
        let joined = store
            .record_report(&report(p1, e1, day(18), true, None), now())
            .unwrap();
        assert_eq!(joined.outcome, ReportOutcome::JoinedPartnersSession);
        // p3: partners disagree about a meeting this week.
        store
            .record_report(&report(p3, m3, day(19), true, Some(3)), now())
            .unwrap();
        store
            .record_report(&report(p3, e3, day(19), false, None), now())
            .unwrap();
        let _ = p2; // never met, never in touch

        let f = figures(&config("aggregate"), &store, day(15), day(21)).unwrap();
        assert_eq!(f.period.sessions, 2);
        assert_eq!(f.period.hours, 2.0);
        assert_eq!(f.to_date.sessions, 3);
        assert_eq!(f.to_date.hours, 3.0);
        assert_eq!(f.period.ratings, 2);
        assert_eq!(f.period.average_rating, None, "2 ratings < min_group 3");
        assert_eq!(f.to_date.average_rating, Some(4.0));
        assert_eq!(f.rating_histogram, Some([0, 0, 1, 1, 1]));
        assert_eq!(f.pairs.active, 3);
        assert_eq!(f.pairs.never_met, vec!["mentor 2 & mentee 2".to_string()]);
        assert_eq!(f.pairs.met_last_30_days, 2);
        assert_eq!(f.pairs.percent_active, 66);
        assert_eq!(f.contradictions, vec!["mentor 3 & mentee 3".to_string()]);
        assert_eq!((f.cancelled_by_mentor, f.cancelled_by_mentee), (0, 1));
        assert_eq!(f.topics_mentors_taught[0].topic, "ai tools");
        assert_eq!(f.topics_mentees_taught[0].topic, "career path");
        assert!(f.quotes.is_empty(), "aggregate privacy shows no quotes");
        let weeks: Vec<(NaiveDate, i64)> = f
            .weeks
            .iter()
            .filter(|w| w.sessions > 0)
            .map(|w| (w.week, w.sessions))
            .collect();
        assert_eq!(weeks, vec![(day(1), 1), (day(15), 2)]);
        assert_eq!(
            f.weeks.len(),
            7,
            "every week from the program start (4 January) to the period's, empty ones too"
        );
        assert_eq!(f.weeks[0].sessions, 0);
        assert_eq!(f.weeks[6].bar, CHART_WIDTH);
        assert_eq!(f.weeks[4].bar, CHART_WIDTH / 2);
    }

    #[test]
    fn a_mailto_link_opens_a_note_to_both_with_its_text_encoded() {
        assert_eq!(
            mailto(
                &["ann.lee+m@acme.example", "bob@acme.example"],
                "Pilot: how is it going?",
                "Hello Ann & Bob,\n20 min?"
            ),
            "mailto:ann.lee+m@acme.example,bob@acme.example?subject=Pilot%3A%20how%20is%20it%20going%3F&body=Hello%20Ann%20%26%20Bob%2C%0A20%20min%3F"
        );
    }

    #[test]
    fn a_pair_silent_past_the_nudge_threshold_is_at_risk_with_its_days() {
        let mut store = Store::open_in_memory().unwrap();
        let (p1, m1, _) = seed_pair(&mut store, 1);
        store
            .record_report(&report(p1, m1, day(1), true, None), now())
            .unwrap();
        let f = figures(&config("aggregate"), &store, day(15), day(21)).unwrap();
        assert_eq!(f.pairs.at_risk.len(), 1);
        let risk = &f.pairs.at_risk[0];
        assert_eq!(
            (risk.pair.as_str(), risk.days_since_contact),
            ("mentor 1 & mentee 1", 20)
        );
        // HR's ready note goes to both partners.
        let (to, _) = risk.mailto["mailto:".len()..].split_once('?').unwrap();
        assert_eq!(to.split(',').count(), 2, "{}", risk.mailto);
        assert!(risk.mailto.contains("subject="), "{}", risk.mailto);
    }

    #[test]
    fn quotes_appear_only_when_privacy_allows() {
        let mut store = Store::open_in_memory().unwrap();
        let (p1, m1, _) = seed_pair(&mut store, 1);
        store
            .record_report(&report(p1, m1, day(18), true, Some(4)), now())
            .unwrap();
        let f = figures(&config("quotes"), &store, day(15), day(21)).unwrap();
        assert_eq!(f.quotes, vec!["we talked about prompts".to_string()]);
        let text = render_text(&f);
        assert!(text.contains("\"we talked about prompts\""), "{text}");
        assert!(
            text.contains("Sessions this period: 1 (1 h); to date: 1 (1 h)"),
            "{text}"
        );
        let csv = render_csv(&f);
        assert!(csv.contains("period_sessions,1\n"), "{csv}");
        // Sent on Monday the 22nd, the weekly digest covers Monday 15 to Sunday 21.
        let monday = now() + Duration::days(1);
        let w = weekly(&config("quotes"), &store, monday).unwrap();
        assert_eq!((w.period_from, w.period_to), (day(15), day(21)));
    }
}
