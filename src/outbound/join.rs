//! Owns the view of a request to join as its emails show it (to the coordinator who decides,
//! to the person when HR says no). Does not decide anything about the request: `program::join`
//! does.

use serde::{Deserialize, Serialize};

use crate::config::Participant;

/// A request to join, as the emails about it need it: who asked and what they wrote in
/// the form, each value as the participants CSV would hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinView {
    /// The request's id in the store: it goes into the coordinator's reply token and the
    /// emails' idempotency keys.
    pub request: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub level: i64,
    pub department: Option<String>,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
    pub languages: Vec<String>,
    pub timezone: String,
    /// Working hours as `HH:MM-HH:MM`, when given.
    pub hours: Option<String>,
}

impl JoinView {
    /// The view of request `request`, whose form reads as `p`.
    pub fn new(request: i64, p: &Participant) -> JoinView {
        JoinView {
            request,
            name: p.name.clone(),
            email: p.email.clone(),
            role: p.role.as_str().to_string(),
            level: p.level,
            department: p.department.clone(),
            offers: p.offers.clone(),
            wants: p.wants.clone(),
            languages: p.languages.clone(),
            timezone: p.timezone.name().to_string(),
            hours: p
                .hours
                .map(|h| format!("{}-{}", h.start.format("%H:%M"), h.end.format("%H:%M"))),
        }
    }
}
