//! After each report of a pair: the run of meetings one side cancelled in a row
//! (`program::cancelled_in_a_row`) is kept on the pair, and the person of that side gets a
//! gentle note once the run reaches two (`program::note_the_canceller`).

use super::*;
use crate::program::{Reported, cancelled_in_a_row, note_the_canceller};

impl Ingest {
    /// Keeps the pair's run of one side's cancellations and sends the note it calls for,
    /// after a report that says they met (`met`) or not.
    pub(super) fn follow_cancellations(
        &self,
        tx: &mut Tx<'_>,
        pair: &PairRef,
        met: Option<bool>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if !pair.active {
            // NOTE: a late report of a pair that ended changes no one's run.
            return Ok(());
        }
        // NOTE: a meeting ends any run; with none kept there is nothing to read again (most
        // reports: reading the pair's reports for each would cost more than the report).
        let before = tx.cancel_run(pair.id)?;
        if met != Some(false) && before.is_none() {
            return Ok(());
        }
        let reports: Vec<Reported> = tx
            .pair_reports(pair.id)?
            .into_iter()
            .map(|r| Reported {
                day: r.day,
                by: r.by,
                met: r.met,
                cancelled_by: r.cancelled_by,
            })
            .collect();
        let run = cancelled_in_a_row(&reports);
        if before == run {
            return Ok(());
        }
        tx.set_cancel_run(pair.id, run)?;
        let Some(side) = note_the_canceller(before, run) else {
            return Ok(());
        };
        let Some(view) = self.pair_view(tx, pair, None, None)? else {
            return Ok(());
        };
        let person = view.person(side);
        tx.event(
            now,
            "cancelled_again",
            Some(&format!("pair {}", pair.id)),
            Some(&format!(
                "participant {} ({side}) cancelled two meetings in a row",
                person.id
            )),
        )?;
        let status = tx.participant_row_by_id(person.id)?.map(|p| p.status);
        if status != Some(ParticipantStatus::Active) {
            return Ok(());
        }
        info!(pair = pair.id, %side, "a side cancelled twice in a row: a gentle note");
        let on = crate::program::today(&self.config, now);
        self.send(
            tx,
            &Email::CancelledAgain {
                pair: &view,
                to: side,
                on,
            },
            now,
        )
    }
}
