//! The answers a batch drafts, and their composing into the outbox once it committed.

use super::batch::drain_drafts;
use super::*;
use crate::sync::in_parallel;

impl Ingest {
    /// Drafts an answer in the message's transaction, with the Message-ID of the mail it
    /// continues; it is composed once the batch committed.
    /// Drafts `answer` to the message `to`: it threads under that message (In-Reply-To its
    /// Message-ID, References its chain and that ID), or, for a message without an ID,
    /// under the pair's introduction.
    pub(super) fn answer(
        &self,
        tx: &mut Tx<'_>,
        to: Option<&Msg<'_>>,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let email = answer.email();
        let key = email.key();
        let parent = match (to.and_then(|m| thread_of(m.inspection)), email.thread_key()) {
            (Some(chain), _) => Some(chain),
            (None, Some(thread)) => tx.outbox_message_id(&thread)?,
            (None, None) => None,
        };
        let recipient = match &answer {
            Answer::Confirmation { pair, to, .. } => &pair.person(*to).email,
            Answer::CommandReply { person, .. }
            | Answer::Challenge { person, .. }
            | Answer::JoinApproved { person, .. } => &person.email,
            Answer::JoinDeclined { join, .. } | Answer::JoinConfirm { join } => &join.email,
            Answer::JoinRequest { .. } => &self.config.program.coordinator,
        };
        match serde_json::to_string(&answer) {
            Ok(json) => tx.insert_draft(
                &NewDraft {
                    key: &key,
                    recipient,
                    answer: &json,
                    parent: parent.as_deref(),
                },
                now,
            ),
            Err(err) => {
                warn!(key = %key, error = %err, "cannot draft an answer; the message's other effects are kept");
                tx.event(
                    now,
                    "email_not_queued",
                    Some(&key),
                    Some(&format!("cannot draft it: {err}")),
                )
            }
        }
    }

    /// Composes drafted answers into the outbox, up to [`DRAFT_BATCH`] in one transaction
    /// (each draft is deleted as its email is queued); returns how many drafts it took,
    /// 0 when none was waiting. Answers drafted and left by a process that stopped (a
    /// crash, a store failure after the commit) are composed by the next call, in any
    /// process of the program.
    ///
    /// # Errors
    /// The store failed: the drafts stay for the next call.
    pub fn compose_drafts(
        &self,
        store: &mut Store,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let drafts = store.drafts(DRAFT_BATCH)?;
        if drafts.is_empty() {
            return Ok(0);
        }
        let composed = self.compose_answers(&drafts, now);
        store.write(|tx| {
            for (draft, composing) in drafts.iter().zip(composed) {
                // NOTE: gone means another process (`upward ingest` beside the daemon)
                // queued it first.
                if tx.take_draft(draft.id)? {
                    self.queue_answer(tx, composing, now)?;
                }
            }
            Ok::<_, StoreError>(())
        })?;
        Ok(drafts.len())
    }

    /// Composes every draft waiting, locking the store for one round at a time.
    pub fn compose_all_drafts(&self, store: &Mutex<Store>, now: DateTime<Utc>) {
        drain_drafts(|| {
            let mut store = store.lock_or_recover();
            self.compose_drafts(&mut store, now)
        });
    }

    pub(super) fn compose_answer(&self, draft: &Draft, now: DateTime<Utc>) -> Composing {
        let answer: Answer = match serde_json::from_str(&draft.answer) {
            Ok(answer) => answer,
            Err(err) => {
                return (
                    draft.key.clone(),
                    Err(OutboundError::Build(format!(
                        "its draft cannot be read ({err}); was the database written by another version of upward?"
                    ))),
                );
            }
        };
        let email = answer.email();
        // NOTE: a panic in a dependency while composing costs the answer, not the message.
        let composed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.composer.compose(&email, now, draft.parent.as_deref())
        }))
        .unwrap_or_else(|_| {
            Err(OutboundError::Build(
                "composing the answer failed inside a library".to_string(),
            ))
        });
        (draft.key.clone(), composed)
    }

    /// Composes answers, on several threads when there are many.
    pub(super) fn compose_answers(&self, drafts: &[Draft], now: DateTime<Utc>) -> Vec<Composing> {
        let threads = self.workers.min(drafts.len() / 16).max(1);
        in_parallel(drafts, threads, |d| self.compose_answer(d, now))
    }

    /// Writes a composed answer to the outbox; an answer that could not be composed (a
    /// broken template override, an address lettre refuses, an unreadable draft) is logged
    /// and recorded for HR: the session is worth more than its confirmation.
    pub(super) fn queue_answer(
        &self,
        tx: &mut Tx<'_>,
        (key, result): Composing,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let problem = match result.map(|c| tx.enqueue_outbound(&c.outbound(now), now)) {
            Ok(Ok(_)) => return Ok(()),
            // NOTE: its Message-ID taken by another email: recorded like any email that
            // cannot be queued, or the draft would fail its round again on every pass.
            Ok(Err(err @ StoreError::Duplicate { .. })) => err.to_string(),
            Ok(Err(err)) | Err(OutboundError::Store(err)) => return Err(err),
            Err(err) => err.to_string(),
        };
        warn!(key = %key, error = %problem, "cannot queue an email; the message's other effects are kept");
        tx.event(now, "email_not_queued", Some(&key), Some(&problem))
    }

    /// Queues an email at once; a template or address problem is logged and recorded for HR
    /// rather than failing the message (a new pair is worth more than its introduction).
    pub(super) fn send(
        &self,
        tx: &mut Tx<'_>,
        email: &Email<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        match self.composer.enqueue(tx, email, now) {
            Ok(_) => Ok(()),
            Err(OutboundError::Store(err)) => Err(err),
            Err(err) => {
                let key = email.key();
                warn!(key = %key, error = %err, "cannot queue an email; the message's other effects are kept");
                tx.event(now, "email_not_queued", Some(&key), Some(&err.to_string()))
            }
        }
    }

    pub(super) fn person_view(&self, row: &ParticipantRow) -> PersonView {
        let extra = self
            .by_email
            .get(&row.email)
            .and_then(|&i| self.config.participants.get(i));
        PersonView {
            id: row.id,
            name: row.name.clone(),
            email: row.email.clone(),
            role: row.role,
            department: row.department.clone(),
            timezone: row
                .timezone
                .parse::<Tz>()
                .unwrap_or(self.config.program.timezone),
            hours: extra.and_then(|p| p.hours),
            offers: extra.map(|p| p.offers.clone()).unwrap_or_default(),
            wants: extra.map(|p| p.wants.clone()).unwrap_or_default(),
            language: extra.map_or(self.config.program.language, |p| p.language),
        }
    }

    /// The pair as an email shows it; `known` is one of the two when the caller has them.
    pub(super) fn pair_view(
        &self,
        tx: &Tx<'_>,
        pair: &PairRef,
        known: Option<&ParticipantRow>,
        reasons: Option<Vec<String>>,
    ) -> Result<Option<PairView>, StoreError> {
        let row = |id: i64| match known.filter(|k| k.id == id) {
            Some(k) => Ok(Some(k.clone())),
            None => tx.participant_row_by_id(id),
        };
        let (Some(mentor), Some(mentee)) = (row(pair.mentor_id)?, row(pair.mentee_id)?) else {
            return Ok(None);
        };
        Ok(Some(PairView {
            id: pair.id,
            round: pair.round,
            mentor: self.person_view(&mentor),
            mentee: self.person_view(&mentee),
            reasons: reasons.unwrap_or_default(),
            goals: Vec::new(),
        }))
    }

    /// The message's day where the sender is: its `Date` (or now, when it has none or
    /// claims to be from the future) in their time zone.
    pub(super) fn local_day(
        &self,
        i: &Inspection,
        sender: &ParticipantRow,
        now: DateTime<Utc>,
    ) -> NaiveDate {
        let tz = sender
            .timezone
            .parse::<Tz>()
            .unwrap_or(self.config.program.timezone);
        let at = i
            .date
            .map(|d| d.with_timezone(&Utc))
            .filter(|d| *d <= now + Duration::days(1))
            .unwrap_or(now);
        at.with_timezone(&tz).date_naive()
    }
}
