//! Owns a participant's own digest: their sessions, hours and topics with their partner(s),
//! their partner's name and a line of encouragement that fits how their pair is doing.
//! Nothing about any other pair, and no ratings (not even their partner's). Does not decide
//! who gets one (the job handler does).

use chrono::NaiveDate;
use serde::Serialize;

use super::hours;
use crate::config::Role;
use crate::store::{Store, StoreError};

/// What one participant's digest shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParticipantFigures {
    pub program: String,
    /// The recipient's name.
    pub name: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// Their active pairs (usually one).
    pub partners: Vec<PartnerFigures>,
    /// Sessions and hours of the period, over all their pairs.
    pub sessions: i64,
    pub hours: f64,
    pub sessions_to_date: i64,
    pub hours_to_date: f64,
    /// Topics of the period's sessions, most frequent first.
    pub topics: Vec<String>,
    /// How the pairs are doing, for a sentence that fits.
    pub encouragement: Encouragement,
}

/// One partner and what the two did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerFigures {
    pub name: String,
    /// The partner's role (`mentor` or `mentee` in templates and JSON).
    pub role: Role,
    pub sessions: i64,
    pub hours: f64,
    pub sessions_to_date: i64,
    pub hours_to_date: f64,
    pub topics: Vec<String>,
    pub last_met: Option<NaiveDate>,
}

/// How a participant's pairs are doing, for the line of encouragement their digest ends
/// with (worded by the view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encouragement {
    /// No meeting logged yet.
    NotYet,
    /// None this period; the last one was `days` ago.
    Since { days: i64 },
    /// `meetings` this period.
    Met { meetings: i64 },
}

/// How a participant whose pairs did `partners` by `today` is doing.
fn encouragement(partners: &[PartnerFigures], today: NaiveDate) -> Encouragement {
    let period: i64 = partners.iter().map(|p| p.sessions).sum();
    let ever: i64 = partners.iter().map(|p| p.sessions_to_date).sum();
    let last = partners.iter().filter_map(|p| p.last_met).max();
    match (ever, period) {
        (0, _) => Encouragement::NotYet,
        (_, 0) => Encouragement::Since {
            days: last.map_or(0, |d| (today - d).num_days()),
        },
        (_, n) => Encouragement::Met { meetings: n },
    }
}

impl ParticipantFigures {
    /// The digest of `name` for `[from, to]` from their pairs' figures.
    pub fn new(
        program: &str,
        name: &str,
        from: NaiveDate,
        to: NaiveDate,
        partners: Vec<PartnerFigures>,
    ) -> ParticipantFigures {
        let mut topics: Vec<String> = Vec::new();
        for t in partners.iter().flat_map(|p| &p.topics) {
            if !topics.contains(t) {
                topics.push(t.clone());
            }
        }
        ParticipantFigures {
            program: program.to_string(),
            name: name.to_string(),
            period_from: from,
            period_to: to,
            sessions: partners.iter().map(|p| p.sessions).sum(),
            hours: partners.iter().map(|p| p.hours).sum(),
            sessions_to_date: partners.iter().map(|p| p.sessions_to_date).sum(),
            hours_to_date: partners.iter().map(|p| p.hours_to_date).sum(),
            topics,
            encouragement: encouragement(&partners, to),
            partners,
        }
    }
}

/// The digest of participant `person_id` (called `name`) for `[from, to]`, from the store.
///
/// # Errors
/// `StoreError` if the store cannot be read.
pub fn figures(
    program: &str,
    store: &Store,
    person_id: i64,
    name: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<ParticipantFigures, StoreError> {
    let partners = store
        .pair_activity(person_id, from, to)?
        .into_iter()
        .map(|a| PartnerFigures {
            name: a.partner_name,
            role: a.partner_role,
            sessions: a.period_sessions,
            hours: hours(a.period_minutes),
            sessions_to_date: a.total_sessions,
            hours_to_date: hours(a.total_minutes),
            topics: a.period_topics,
            last_met: a.last_session,
        })
        .collect();
    Ok(ParticipantFigures::new(program, name, from, to, partners))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    fn partner(sessions: i64, ever: i64, last: Option<u32>) -> PartnerFigures {
        PartnerFigures {
            name: "Priya Raman".into(),
            role: Role::Mentor,
            sessions,
            hours: sessions as f64,
            sessions_to_date: ever,
            hours_to_date: ever as f64,
            topics: vec!["ai tools".into()],
            last_met: last.map(day),
        }
    }

    #[test]
    fn the_encouragement_fits_how_the_pair_is_doing() {
        let line = |p| encouragement(&[p], day(31));
        assert_eq!(line(partner(0, 0, None)), Encouragement::NotYet);
        assert_eq!(
            line(partner(0, 3, Some(10))),
            Encouragement::Since { days: 21 }
        );
        assert_eq!(
            line(partner(1, 3, Some(28))),
            Encouragement::Met { meetings: 1 }
        );
        assert_eq!(
            line(partner(3, 5, Some(28))),
            Encouragement::Met { meetings: 3 }
        );
    }

    #[test]
    fn totals_add_up_over_several_partners_and_topics_are_listed_once() {
        let mut other = partner(2, 2, Some(20));
        other.name = "Tom Okafor".into();
        other.topics = vec!["ai tools".into(), "negotiation".into()];
        let f = ParticipantFigures::new(
            "Pilot",
            "Richard Hale",
            day(1),
            day(31),
            vec![partner(1, 4, Some(12)), other],
        );
        assert_eq!((f.sessions, f.sessions_to_date), (3, 6));
        assert_eq!(f.topics, vec!["ai tools", "negotiation"]);
        assert_eq!(f.encouragement, Encouragement::Met { meetings: 3 });
    }
}
