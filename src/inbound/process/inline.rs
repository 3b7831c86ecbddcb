//! Reads a person's reply again against the prompt it answers (issue 15): the prompt is found
//! by the message the reply answers (`In-Reply-To`, else the last of `References`) among the emails
//! in the outbox, and its text, as sent, is what [`crate::inbound::inline`] aligns the reply
//! against. Does not align or extract: the pure stages do.
//!
//! Decisions:
//! - Only a prompt or a nudge is aligned against: the form and its questions are theirs. A
//!   reply to any other email of ours keeps the reading of the pure stages.
//! - A reply whose thread names no email of ours, or whose prompt's body is gone (a forgotten
//!   recipient, `simulate`), keeps that reading too.

use super::*;
use crate::inbound::inline::Prompt;
use crate::inbound::reread;
use crate::vocab::IdempotencyKey;

/// How many message ids of a reply's `In-Reply-To` are looked up in the outbox, at most.
const LOOKUPS: usize = 4;

impl Ingest {
    /// The inspection of a person's reply read against the prompt it answers, when that
    /// reads it differently; `None` otherwise.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub(super) fn against_prompt(
        &self,
        tx: &Tx<'_>,
        i: &Inspection,
    ) -> Result<Option<Inspection>, StoreError> {
        let person = matches!(i.kind, InboundKind::Reply | InboundKind::Conversation);
        if !person || i.reading.is_none() {
            return Ok(None);
        }
        let Some(bytes) = self.prompt_answered(tx, i)? else {
            return Ok(None);
        };
        // NOTE: pure stages on the sender's bytes: a panic keeps the first reading, as
        // `inspect` keeps a quarantine rather than take the daemon down.
        let again = catch_unwind(AssertUnwindSafe(|| {
            reread(i, &Prompt::from_sent(&bytes)?, &self.ctx)
        }));
        Ok(again.unwrap_or(None))
    }

    /// The bytes of the prompt (or nudge) a reply answers, as queued.
    fn prompt_answered(&self, tx: &Tx<'_>, i: &Inspection) -> Result<Option<Vec<u8>>, StoreError> {
        // NOTE: only the message answered (`In-Reply-To`, else the last of `References`):
        // a reply to the sender's own earlier reply quotes their old answers between the
        // prompt's lines, and those are not new.
        let parent = match i.addressing.in_reply_to.as_slice() {
            [] => i.addressing.references.last().into_iter().collect(),
            ids => ids.iter().collect::<Vec<_>>(),
        };
        for &id in parent.iter().take(LOOKUPS) {
            let Some((key, bytes)) = tx.sent_email(id)? else {
                continue;
            };
            let asked = matches!(
                key.parse::<IdempotencyKey>(),
                Ok(IdempotencyKey::Prompt { .. } | IdempotencyKey::Nudge { .. })
            );
            return Ok(asked.then_some(bytes));
        }
        if !parent.is_empty() {
            return Ok(None);
        }
        // A client that names no message it answers: the newest prompt to the person its
        // reply token names.
        let Found::Token(claims) = self.tokens.find(&i.addressing.recipients) else {
            return Ok(None);
        };
        let (Ok(pair), Ok(person)) = (i64::try_from(claims.pair), i64::try_from(claims.person))
        else {
            return Ok(None);
        };
        if claims.purpose != Purpose::Reply || pair == 0 || person == 0 {
            return Ok(None);
        }
        tx.last_prompt(pair, person)
    }
}
