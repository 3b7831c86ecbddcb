//! Owns "make a round" as `upward pair` and the scheduled round both do it: the pairing
//! request built from the config and the store's history and statuses, and the pairs in the
//! form the store keeps. Does not store the round (the caller does, in its own transaction)
//! nor introduce the pairs.

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::pairing::{self, Pairing, PairingError, Request};
use crate::store::{NewPair, PersonState, Store, StoreError};

/// Why a round cannot be planned.
#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    /// The store cannot be read.
    #[error("reading the pairing history: {0}")]
    Store(#[from] StoreError),
    /// The pairing itself failed (an impossible fixed pair).
    #[error(transparent)]
    Pairing(#[from] PairingError),
}

/// A computed round, not yet stored.
#[derive(Debug, Clone)]
pub struct Plan {
    pub pairing: Pairing,
    /// Addresses of configured participants left out now (paused, stopped, left, bouncing).
    pub not_available: Vec<String>,
}

impl Plan {
    /// The pairs as the store keeps them.
    pub fn new_pairs(&self) -> Vec<NewPair> {
        self.pairing
            .pairs
            .iter()
            .map(|p| NewPair {
                mentor: p.mentor.clone(),
                mentee: p.mentee.clone(),
                score: p.score,
                reasons: p.reasons.clone(),
            })
            .collect()
    }
}

/// Addresses of the config's participants who may not get a partner at `now`: anyone the
/// store knows who is not reachable (paused, stopped, left, forgotten, bouncing). People the
/// store does not know yet are available.
pub fn unavailable(config: &Config, people: &[PersonState], now: DateTime<Utc>) -> Vec<String> {
    config
        .participants
        .iter()
        .filter(|p| {
            people
                .iter()
                .find(|s| s.email.eq_ignore_ascii_case(&p.email))
                .is_some_and(|s| !s.reachable(now))
        })
        .map(|p| p.email.clone())
        .collect()
}

/// The pairing request of this program with `history` and the people `unavailable`.
fn request<'a>(
    config: &'a Config,
    history: &'a [(String, String)],
    unavailable: &'a [String],
) -> Request<'a> {
    Request {
        participants: &config.participants,
        settings: &config.pairing,
        history,
        unavailable,
        // NOTE: hours are compared on the program's start date, in each person's zone: a
        // fixed date keeps every round of a program reproducible.
        reference_date: config.program.start,
    }
}

/// Computes the next round from the config and, when given, the store's history of pairs and
/// participants' statuses (a preview without a database has neither).
///
/// # Errors
/// The store cannot be read, or the pairing fails.
pub fn plan(
    config: &Config,
    store: Option<&Store>,
    now: DateTime<Utc>,
) -> Result<Plan, RoundError> {
    let (history, not_available) = match store {
        None => (Vec::new(), Vec::new()),
        Some(store) => (
            store.pair_history()?,
            unavailable(config, &store.people()?, now),
        ),
    };
    let pairing = pairing::pair(&request(config, &history, &not_available))?;
    Ok(Plan {
        pairing,
        not_available,
    })
}

/// The pairs for everyone with room for a partner, leaving the pairs `keep` (mentor,
/// mentee addresses) as they are (`pairing::fill`): a rematch round that keeps the pairs
/// that work, and `upward pair --fill`.
///
/// # Errors
/// The store cannot be read, or the pairing fails.
pub fn plan_fill(
    config: &Config,
    store: &Store,
    keep: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<Plan, RoundError> {
    let history = store.pair_history()?;
    let not_available = unavailable(config, &store.people()?, now);
    let pairing = pairing::fill(&request(config, &history, &not_available), keep)?;
    Ok(Plan {
        pairing,
        not_available,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::test_support::program()
            .start("2027-03-01")
            .person("Ann", "mentor", 1, &["department = \"Sales\""])
            .person("Cy", "mentor", 1, &["department = \"Legal\""])
            .person("Bob", "mentee", 6, &["department = \"Finance\""])
            .build()
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-03-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_second_round_avoids_the_first_rounds_pair() {
        let c = config();
        let mut store = Store::open_in_memory().unwrap();
        store.sync_participants(&c.participants, now()).unwrap();
        let first = plan(&c, Some(&store), now()).unwrap();
        assert_eq!(first.pairing.pairs.len(), 1);
        let taken = first.pairing.pairs[0].mentor.clone();
        store
            .create_round("first", &first.new_pairs(), now())
            .unwrap();
        let second = plan(&c, Some(&store), now()).unwrap();
        assert_eq!(second.pairing.pairs.len(), 1);
        assert_ne!(second.pairing.pairs[0].mentor, taken);
    }

    #[test]
    fn someone_bouncing_or_stopped_is_left_out_of_a_round() {
        let c = config();
        let people = vec![
            PersonState {
                id: 1,
                email: "ann@acme.example".into(),
                name: "Ann".into(),
                status: crate::vocab::ParticipantStatus::Active,
                paused_until: None,
                bouncing: true,
            },
            PersonState {
                id: 2,
                email: "cy@acme.example".into(),
                name: "Cy".into(),
                status: crate::vocab::ParticipantStatus::Stopped,
                paused_until: None,
                bouncing: false,
            },
        ];
        assert_eq!(
            unavailable(&c, &people, now()),
            vec![
                "ann@acme.example".to_string(),
                "cy@acme.example".to_string()
            ]
        );
    }
}
