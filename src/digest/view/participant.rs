//! A participant's digest's view: their figures worded in the email's language.

use serde::Serialize;

use super::super::participant::{Encouragement, ParticipantFigures};
use super::{Say, first, hours_text, period_label};

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

/// The line of encouragement for how `f`'s pairs are doing.
fn encouragement(say: &dyn Say, f: &ParticipantFigures) -> String {
    let who = match f.partners.as_slice() {
        [one] => first(&one.name),
        _ => "",
    };
    let mut args = vec![("who", who.into()), ("partners", f.partners.len().into())];
    let id = match f.encouragement {
        Encouragement::NotYet => "participant-digest-not-yet",
        Encouragement::Since { days } => {
            args.push(("days", days.into()));
            "participant-digest-since"
        }
        Encouragement::Met { meetings } => {
            args.push(("meetings", meetings.into()));
            "participant-digest-met"
        }
    };
    say.say(id, &args)
}

/// The participant digest's view of `f`, in `say`'s language.
pub fn participant(f: &ParticipantFigures, say: &dyn Say) -> ParticipantView {
    ParticipantView {
        period: period_label(say, f.period_from, f.period_to),
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
                relation: say.say(
                    "participant-digest-your",
                    &[("role", p.role.as_str().into())],
                ),
                sessions: p.sessions,
                hours: hours_text(p.hours),
                sessions_to_date: p.sessions_to_date,
                hours_to_date: hours_text(p.hours_to_date),
                topics: p.topics.clone(),
                last_met: p.last_met.map(|d| period_label(say, d, d)),
            })
            .collect(),
        encouragement: encouragement(say, f),
    }
}
