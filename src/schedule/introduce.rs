//! Owns storing a round and introducing its pairs, for the scheduled round and for a fill
//! (`upward pair --fill`, people HR added mid-program): the round and its pairs, the
//! introductions, and the notices to whoever is left alone, in one transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::handler::{Handler, JobError, Roster, Tally, alone_why, reasons};
use super::round::{self, Plan};
use crate::config::Role;
use crate::outbound::{Email, PairView, PersonView};
use crate::program;
use crate::store::{RoundCreated, Store, StoreError};

/// A round stored, with what was queued for it.
#[derive(Debug)]
pub struct Stored {
    pub created: RoundCreated,
    /// Introductions queued (new pairs).
    pub introduced: usize,
    /// Notices queued to those the round left alone.
    pub told: usize,
}

/// What `upward pair --fill` did.
#[derive(Debug)]
pub struct Filled {
    pub plan: Plan,
    /// The round the new pairs were stored in; `None` when nobody could be paired.
    pub stored: Option<Stored>,
}

impl Handler {
    /// Stores `plan` as the next round with the active pairs `keep` going on (every other
    /// active pair ends), queues the new pairs' introductions and, with `tell_unmatched`,
    /// a notice to each person the round left alone, all in one transaction.
    ///
    /// # Errors
    /// The store or composing fails; nothing is stored then.
    pub(super) fn store_round(
        &self,
        store: &mut Store,
        reason: &str,
        plan: &Plan,
        keep: &[i64],
        tell_unmatched: bool,
        now: DateTime<Utc>,
    ) -> Result<Stored, JobError> {
        let config = self.config();
        let pairs = plan.new_pairs();
        let roster = Roster::load(config, store)?;
        let ids: HashMap<&str, i64> = roster
            .people
            .values()
            .map(|p| (p.email.as_str(), p.id))
            .collect();
        let person = |email: &str| {
            let id = ids
                .get(email)
                .copied()
                .ok_or_else(|| StoreError::NotFound {
                    what: format!("participant {email}"),
                })?;
            let configured = roster
                .by_email
                .get(email)
                .ok_or_else(|| StoreError::NotFound {
                    what: format!("participant {email} in the config"),
                })?;
            Ok::<_, StoreError>(PersonView::from_participant(id, configured))
        };
        let composer = self.composer();
        store.write(|tx| {
            let created = tx.create_round_keeping(reason, &pairs, keep, now)?;
            // A pair the round ended before the first meeting its introduction proposed:
            // both partners' invitations are cancelled, before any new introduction.
            for id in tx.ended_pairs_with_meetings(now)? {
                let Some(start) = tx.take_proposed_meeting(id, now)? else {
                    continue;
                };
                let ended = roster.pairs.iter().find(|p| p.id == id);
                let Some(view) = ended.and_then(|p| roster.view(p)) else {
                    continue;
                };
                for to in [Role::Mentor, Role::Mentee] {
                    let email = Email::MeetingCancelled {
                        pair: &view,
                        to,
                        start,
                    };
                    composer.enqueue(tx, &email, now)?;
                }
            }
            let mut introduced = Tally::default();
            for (pair, id) in plan.pairing.pairs.iter().zip(&created.pair_ids) {
                let view = PairView {
                    id: *id,
                    round: created.number,
                    mentor: person(&pair.mentor)?,
                    mentee: person(&pair.mentee)?,
                    reasons: reasons(&pair.reasons),
                    goals: Vec::new(),
                };
                introduced.add(composer.enqueue_intro(tx, &view, now)?);
            }
            // Nobody left without a partner wonders why: each is told, and when the next
            // chance is, by the program's rule.
            let mut told = Tally::default();
            if tell_unmatched {
                let next =
                    program::next_round(&program::rounds(config), program::today(config, now));
                for alone in &plan.pairing.unmatched {
                    let Ok(person) = person(&alone.email) else {
                        continue;
                    };
                    let email = Email::Unmatched {
                        person: &person,
                        round: created.number,
                        why: alone_why(&alone.why),
                        next,
                    };
                    told.add(composer.enqueue(tx, &email, now)?);
                }
            }
            Ok::<_, JobError>(Stored {
                created,
                introduced: introduced.queued,
                told: told.queued,
            })
        })
    }

    /// Pairs everyone with room for a partner and leaves every active pair alone
    /// (`upward pair --fill`, people HR added): the new pairs are stored as a round and
    /// introduced at once. Nothing is stored when nobody can be paired.
    ///
    /// # Errors
    /// The store, the pairing or composing fails; nothing is stored then.
    pub fn fill(&self, store: &mut Store, now: DateTime<Utc>) -> Result<Filled, JobError> {
        let config = self.config();
        let active = store.scheduled_pairs()?;
        let keep: Vec<(String, String)> = active
            .iter()
            .map(|p| (p.mentor.clone(), p.mentee.clone()))
            .collect();
        let plan = round::plan_fill(config, store, &keep, now)?;
        if plan.pairing.pairs.is_empty() {
            return Ok(Filled { plan, stored: None });
        }
        let ids: Vec<i64> = active.iter().map(|p| p.id).collect();
        // NOTE: those still alone were alone before the fill; they are not told again.
        let stored = self.store_round(
            store,
            "filled: only people without a partner",
            &plan,
            &ids,
            false,
            now,
        )?;
        Ok(Filled {
            plan,
            stored: Some(stored),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::outbound::outbox::tests_config;
    use crate::outbound::{Composer, TokenKey};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// The UID and METHOD of the invitation a queued email carries.
    fn invitation(store: &Store, key: &str) -> (String, String) {
        let bytes = store.outbox_bytes(key);
        let ics = crate::outbound::calendar::check::calendars(&bytes).remove(0);
        crate::outbound::calendar::check::with_python(&ics);
        let field = |name: &str| {
            ics.lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap()
                .to_string()
        };
        (field("UID:"), field("METHOD:"))
    }

    #[test]
    fn a_round_that_ends_a_pair_before_its_first_meeting_cancels_it_for_both() {
        let config = Arc::new(tests_config());
        let handler = Handler::new(Arc::new(Composer::with_key(
            Arc::clone(&config),
            crate::outbound::Templates::builtin().unwrap(),
            TokenKey::new("round test key"),
        )));
        let mut store = Store::open_in_memory().unwrap();
        let monday = at("2027-01-11T08:00:00Z");
        store
            .sync_participants(&config.participants, monday)
            .unwrap();
        let plan = round::plan(&config, Some(&store), monday).unwrap();
        let first = handler
            .store_round(&mut store, "first", &plan, &[], false, monday)
            .unwrap();
        let pair = first.created.pair_ids[0];
        let (uid, method) = invitation(&store, &format!("intro:1:{pair}"));
        assert_eq!(method, "REQUEST");

        // The same day, before the meeting proposed for Tuesday, a new round ends the pair.
        let later = monday + chrono::Duration::hours(3);
        let plan = round::plan(&config, Some(&store), later).unwrap();
        let second = handler
            .store_round(&mut store, "second", &plan, &[], false, later)
            .unwrap();
        assert_eq!(second.created.ended, 1);
        let (ann, bob) = (
            store.participant_id("ann@acme.example").unwrap().unwrap(),
            store.participant_id("bob@acme.example").unwrap().unwrap(),
        );
        for person in [ann, bob] {
            let key = format!("meeting-cancelled:{pair}:{person}");
            assert_eq!(invitation(&store, &key), (uid.clone(), "CANCEL".into()));
        }
        // Once: a third round cancels nothing more of that pair.
        let plan = round::plan(&config, Some(&store), later).unwrap();
        handler
            .store_round(&mut store, "third", &plan, &[], false, later)
            .unwrap();
        assert_eq!(
            store.query_i64(&format!(
                "SELECT count(*) FROM outbox WHERE idempotency_key LIKE 'meeting-cancelled:{pair}:%'"
            )),
            2
        );
    }
}
