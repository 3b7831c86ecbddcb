//! The pair's goals in what a partner wrote (`inbound::goals`): a new set is kept (the old
//! one too, marked replaced) and the writer is told what was noted; outcomes said at the
//! end are kept on the current goals.

use super::*;
use crate::inbound::goals::goals_in;
use crate::vocab::GoalOutcome;

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
            let list: Vec<String> = (1..)
                .zip(&said.set)
                .map(|(n, g)| format!("  {n}. {g}"))
                .collect();
            noted.push(format!(
                "Your goals for this pairing are noted:\n\n{}\n\nThe questions about your meetings will remind you of them, and at the end we will ask how far you got. To change them, reply with new \"Goal:\" lines.",
                list.join("\n")
            ));
        }
        let mut outcomes = Vec::new();
        for (position, outcome) in &said.outcomes {
            if tx.set_goal_outcome(pair.id, *position, *outcome, sender.id, now)? {
                let word = match outcome {
                    GoalOutcome::Reached => "reached",
                    GoalOutcome::Partly => "partly reached",
                    GoalOutcome::NotReached => "not reached yet",
                };
                outcomes.push(format!("  goal {position}: {word}"));
            }
        }
        if !outcomes.is_empty() {
            noted.push(format!(
                "Thank you for saying how far you got:\n\n{}",
                outcomes.join("\n")
            ));
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
                command: "your goals".to_string(),
                detail: noted.join("\n\n"),
                inbound,
                cancels: Vec::new(),
            },
            now,
        )
    }
}
