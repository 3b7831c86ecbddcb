//! The pair's goals in what a partner wrote (`inbound::goals`): a new set is kept (the old
//! one too, marked replaced) and the writer is told what was noted; outcomes said at the
//! end are kept on the current goals.

use super::*;
use crate::inbound::goals::goals_in;

impl Ingest {
    /// Keeps what message `inbound` of `sender` says about `pair`'s goals, and tells them.
    pub(super) fn take_goals(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        sender: &ParticipantRow,
        pair: &PairRef,
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let said = goals_in(msg.inspection.text.as_deref().unwrap_or(""));
        if said.set.is_empty() && said.outcomes.is_empty() {
            return Ok(());
        }
        let mut noted = Vec::new();
        if !said.set.is_empty() {
            tx.set_goals(pair.id, sender.id, Some(inbound), &said.set, now)?;
            info!(pair = pair.id, goals = said.set.len(), "goals set");
            noted.push(Said::GoalsNoted {
                goals: said.set.clone(),
            });
        }
        let mut outcomes = Vec::new();
        for (position, outcome) in &said.outcomes {
            if tx.set_goal_outcome(pair.id, *position, *outcome, sender.id, now)? {
                outcomes.push((*position, outcome.as_str().to_string()));
            }
        }
        if !outcomes.is_empty() {
            noted.push(Said::OutcomesNoted { outcomes });
        }
        if noted.is_empty() {
            return Ok(());
        }
        let person = self.person_view(sender);
        self.answer(
            tx,
            Some(msg),
            Answer::CommandReply {
                person,
                command: About::Goals,
                detail: noted,
                inbound,
                cancels: Vec::new(),
            },
            now,
        )
    }
}
