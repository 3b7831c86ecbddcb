//! Owns the made-up digests `upward preview` and `upward check` render: plausible figures six
//! weeks into the program, named after the config's own participants. Does not read the
//! store; nothing here is ever sent.

use chrono::{Duration, NaiveDate};

use super::final_report::FinalFigures;
use super::participant::{ParticipantFigures, PartnerFigures};
use super::{AtRisk, Figures, PairFigures, TopicCount, Totals, Week, monday};
use crate::config::{Config, Role};

/// Sessions per week in the sample chart.
const SESSIONS: [i64; 6] = [3, 7, 9, 6, 11, 10];
/// Average ratings per week in the sample chart.
const RATINGS: [Option<f64>; 6] = [None, Some(4.1), Some(4.4), Some(3.9), Some(4.5), Some(4.3)];

fn names(config: &Config, role: Role, fallback: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = config
        .participants
        .iter()
        .filter(|p| p.role == role)
        .map(|p| p.name.clone())
        .take(3)
        .collect();
    for f in fallback.iter().skip(out.len()) {
        out.push((*f).to_string());
    }
    out
}

fn build(program: &str, start: NaiveDate, mentors: &[String], mentees: &[String]) -> Figures {
    let pair = |i: usize| {
        format!(
            "{} & {}",
            mentors.get(i).map_or("A mentor", String::as_str),
            mentees.get(i).map_or("A mentee", String::as_str)
        )
    };
    let first = monday(start);
    let weeks: Vec<Week> = SESSIONS
        .iter()
        .zip(RATINGS)
        .enumerate()
        .map(|(i, (&sessions, average_rating))| Week {
            week: first + Duration::weeks(i as i64),
            sessions,
            bar: usize::try_from(sessions * super::CHART_WIDTH as i64 / 11).unwrap_or(0),
            average_rating,
        })
        .collect();
    let period_from = first + Duration::weeks(5);
    let topic = |t: &str, n| TopicCount {
        topic: t.to_string(),
        sessions: n,
    };
    Figures {
        program: program.to_string(),
        period_from,
        period_to: period_from + Duration::days(6),
        period: Totals {
            sessions: 10,
            hours: 8.5,
            ratings: 12,
            average_rating: Some(4.3),
        },
        to_date: Totals {
            sessions: 46,
            hours: 37.0,
            ratings: 61,
            average_rating: Some(4.2),
        },
        rating_histogram: Some([1, 3, 6, 24, 27]),
        pairs: PairFigures {
            active: 12,
            met_last_30_days: 10,
            percent_active: 83,
            never_met: vec![pair(2)],
            at_risk: vec![AtRisk {
                pair: pair(1),
                days_since_contact: 19,
                mailto: super::mailto(
                    &["mentor@acme.example", "mentee@acme.example"],
                    "How is it going?",
                    "Could you find 20 minutes this week?",
                ),
                names: (
                    mentors
                        .get(1)
                        .map_or("A mentor", String::as_str)
                        .to_string(),
                    mentees
                        .get(1)
                        .map_or("A mentee", String::as_str)
                        .to_string(),
                ),
                emails: vec!["mentor@acme.example".into(), "mentee@acme.example".into()],
            }],
        },
        topics_mentors_taught: vec![
            topic("ai tools", 17),
            topic("social media", 9),
            topic("data literacy", 6),
        ],
        topics_mentees_taught: vec![topic("career path", 12), topic("negotiation", 5)],
        unmatched: vec![],
        opt_outs: 1,
        opted_out: vec![("Sam Lee".into(), "2027-03-03".into(), None)],
        bouncing: vec![],
        cancelling: vec![super::Canceller {
            who: "Chris Park (mentee)".into(),
            partner: "Jordan Diaz".into(),
            times: 2,
            mailto: super::mailto(
                &["chris.park@example.com"],
                "Finding a time with Jordan",
                "Hello Chris,",
            ),
            name: "Chris Park".into(),
            side: crate::config::Role::Mentee,
            email: "chris.park@example.com".into(),
        }],
        quarantined: 0,
        refused: 2,
        delivery_failures: 0,
        outbox_pending: 0,
        oldest_pending: None,
        delivered_late: None,
        contradictions: vec![],
        cancelled_by_mentor: 1,
        cancelled_by_mentee: 3,
        weeks,
        quotes: vec![],
        min_group: 3,
    }
}

/// A sample HR digest for `config`.
pub fn figures(config: &Config) -> Figures {
    build(
        &config.program.name,
        config.program.start,
        &names(
            config,
            Role::Mentor,
            &["Sam Mentor", "Kim Mentor", "Lou Mentor"],
        ),
        &names(
            config,
            Role::Mentee,
            &["Alex Mentee", "Jo Mentee", "Max Mentee"],
        ),
    )
}

/// A sample final report for `config`: the sample digest's program, ended a week ago, with
/// three pairs named after the config's participants.
pub fn final_report(config: &Config) -> FinalFigures {
    use crate::store::{GroupCell, GroupPeople, PairMeetingsRow, RawFinal, SideRatings};
    let mentors = names(
        config,
        Role::Mentor,
        &["Sam Mentor", "Kim Mentor", "Lou Mentor"],
    );
    let mentees = names(
        config,
        Role::Mentee,
        &["Alex Mentee", "Jo Mentee", "Max Mentee"],
    );
    // NOTE: made-up departments, one per person, so the sample's rows read clearly.
    let (md, ed) = (
        ["Marketing", "Engineering", "Sales"],
        ["Finance", "Operations", "Legal"],
    );
    let start = config.program.start;
    let day = |d: i64| Some(start + Duration::days(d));
    let meetings = [(20, 15 * 60, 3, 0), (17, 13 * 60, 1, 2), (9, 7 * 60, 0, 1)];
    let pairs = meetings
        .iter()
        .enumerate()
        .map(
            |(i, &(sessions, minutes, by_mentor, by_mentee))| PairMeetingsRow {
                pair_id: i64::try_from(i).unwrap_or(0) + 1,
                round: 1,
                mentor: mentors.get(i).cloned().unwrap_or_default(),
                mentee: mentees.get(i).cloned().unwrap_or_default(),
                active: i < 2,
                sessions,
                minutes,
                first: day(3),
                last: day(38 - 10 * i64::try_from(i).unwrap_or(0)),
                cancelled_by_mentor: by_mentor,
                cancelled_by_mentee: by_mentee,
            },
        )
        .collect();
    let cell = |m: &str, e: &str, sessions| GroupCell {
        mentor_group: m.to_string(),
        mentee_group: e.to_string(),
        sessions,
    };
    let person = |group: &str, mentors, mentees| GroupPeople {
        group: group.to_string(),
        mentors,
        mentees,
    };
    let raw = RawFinal {
        pairs,
        by_department: vec![
            cell(md[0], ed[0], 20),
            cell(md[1], ed[1], 17),
            cell(md[2], ed[2], 9),
        ],
        department_people: vec![
            person(md[0], 1, 0),
            person(md[1], 1, 0),
            person(md[2], 1, 0),
            person(ed[0], 0, 1),
            person(ed[1], 0, 1),
            person(ed[2], 0, 1),
        ],
        by_level: vec![cell("1", "6", 29), cell("2", "7", 17)],
        level_people: vec![
            person("1", 2, 0),
            person("2", 1, 0),
            person("6", 0, 2),
            person("7", 0, 1),
        ],
        ratings: SideRatings {
            by_mentors: 30,
            by_mentors_sum: 129,
            by_mentees: 31,
            by_mentees_sum: 127,
        },
        topics: vec![
            ("ai tools".into(), 17),
            ("career path".into(), 12),
            ("social media".into(), 9),
            ("data literacy".into(), 6),
            ("negotiation".into(), 5),
        ],
        goals: vec![crate::store::PairGoals {
            mentor: "Chris Park".into(),
            mentee: "Jordan Diaz".into(),
            goals: vec![
                crate::store::Goal {
                    position: 1,
                    text: "use AI tools for the weekly report".into(),
                    outcome: Some(crate::vocab::GoalOutcome::Reached),
                },
                crate::store::Goal {
                    position: 2,
                    text: "see how younger customers find us".into(),
                    outcome: Some(crate::vocab::GoalOutcome::Partly),
                },
            ],
        }],
    };
    let through = config.program.end + Duration::days(7);
    let mut whole = figures(config);
    (whole.period_from, whole.period_to) = (start, through);
    super::final_report::from_raw(config, whole, raw, through, true)
}

/// A sample participant digest for `recipient` (a name) paired with `partner`.
pub fn participant(config: &Config, recipient: &str, partner: &str) -> ParticipantFigures {
    let from = config.program.start;
    let partners = vec![PartnerFigures {
        name: partner.to_string(),
        role: crate::config::Role::Mentor,
        sessions: 2,
        hours: 1.5,
        sessions_to_date: 5,
        hours_to_date: 4.0,
        topics: vec!["ai tools".into(), "career path".into()],
        last_met: Some(from + Duration::days(24)),
    }];
    ParticipantFigures::new(
        &config.program.name,
        recipient,
        from,
        from + Duration::days(29),
        partners,
    )
}

/// Sample figures for unit tests, without a config.
#[cfg(test)]
pub(crate) fn figures_for_tests() -> Figures {
    let start = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
    build(
        "Pilot",
        start,
        &["Ann Lee".to_string(), "Cy Ho".to_string()],
        &["Bob Stone".to_string(), "Di Park".to_string()],
    )
}
