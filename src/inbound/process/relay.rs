//! A conversation message: logged as contact, and passed on when the rule
//! (`program::pass_on`) says so, in the same transaction: to the partner (the shared
//! thread) or to the coordinator (mail to the program that needs a person).

use super::*;
use crate::inbound::files;
use crate::outbound::Relayed;
use crate::outbound::relay::File;
use crate::program::{
    Kept, PassOn, RELAYS_A_DAY, REPEAT_DAYS, Written, is_acknowledgement, is_away_notice, pass_on,
};

impl Ingest {
    /// Carries out what a conversation message on `pair` does besides being logged
    /// (`inbound`): the partner gets it when it answered mail they share (when they cannot
    /// be reached, the writer is told so they can write directly); written to the program
    /// alone, it goes to the coordinator unless it only says thanks, and the writer is told.
    pub(super) fn converse(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        auth: &Authorized,
        pair: &PairRef,
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<PassOn, StoreError> {
        let i = msg.inspection;
        let sender = &auth.sender;
        let (Some(side), Some(view)) = (
            crate::inbound::route::side_of(pair, sender.id),
            self.pair_view(tx, pair, Some(sender), None)?,
        ) else {
            return Ok(PassOn::Keep(Kept::PartnerUnreachable));
        };
        let to = side.other();
        let partner = tx.participant_row_by_id(view.person(to).id)?;
        let Some(partner) = partner else {
            return Ok(PassOn::Keep(Kept::PartnerUnreachable));
        };
        let quoted_only = i.flags.contains(&"quote_only");
        let Said {
            text,
            files,
            words,
            history,
        } = said(tx, msg, sender, pair, now)?;
        let written = Written {
            shared: auth.shared,
            partner: partner.status,
            partner_bouncing: partner.bouncing,
            partner_copied: i
                .addressing
                .recipients
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&partner.email)),
            words: (!text.is_empty() && !quoted_only) || !files.is_empty(),
            repeated: history.same_words,
            passed_today: history.recent,
            acknowledgement: is_acknowledgement(&text),
            away: is_away_notice(&text),
            goals_only: crate::inbound::goals::goals_in(&text).only,
        };
        let decision = pass_on(written);
        match decision {
            PassOn::Relay => {
                let relayed = Relayed {
                    text,
                    subject: i.subject.clone(),
                    files,
                };
                let email = Email::Relay {
                    pair: &view,
                    to,
                    relayed: &relayed,
                    inbound,
                };
                let parent = thread_of(i);
                match self
                    .composer
                    .enqueue_under(tx, &email, now, parent.as_deref())
                {
                    Ok(_) => {
                        tx.record_relay(inbound, pair.id, sender.id, &words, now)?;
                        info!(inbound, pair = pair.id, "passed on to the partner");
                    }
                    Err(OutboundError::Store(err)) => return Err(err),
                    Err(err) => {
                        let key = email.key();
                        warn!(key = %key, error = %err, "cannot pass a message on; it is logged");
                        tx.event(now, "email_not_queued", Some(&key), Some(&err.to_string()))?;
                    }
                }
            }
            PassOn::Forward => {
                let relayed = Relayed {
                    text,
                    subject: i.subject.clone(),
                    files,
                };
                self.forward(tx, msg, sender, pair, &relayed, &words, inbound, now)?;
            }
            PassOn::Keep(Kept::PartnerUnreachable) => {
                info!(
                    inbound,
                    pair = pair.id,
                    "not passed on: the partner cannot be reached"
                );
                let person = self.person_view(sender);
                self.answer(
                    tx,
                    Some(msg),
                    Answer::CommandReply {
                        person,
                        command: About::NotPassedOn,
                        detail: vec![crate::outbound::said::Said::PartnerUnreachable {
                            partner: first_name(&partner.name).to_string(),
                            email: partner.email.clone(),
                        }],
                        inbound,
                        cancels: Vec::new(),
                    },
                    now,
                )?;
            }
            PassOn::Keep(Kept::TooMany) => {
                warn!(
                    inbound,
                    pair = pair.id,
                    "not passed on: the day's limit was reached"
                );
                if tx.claim_notice(&sender.email, "relay-limit", now)? {
                    tx.event(
                        now,
                        "relay_limit",
                        Some(&format!("pair {}", pair.id)),
                        Some(&format!(
                            "participant {} sent more than {RELAYS_A_DAY} messages for their partner in a day; the rest are logged, not passed on (an auto-responder?)",
                            sender.id
                        )),
                    )?;
                }
            }
            PassOn::Keep(kept) => debug!(inbound, reason = kept.reason(), "not passed on"),
        }
        Ok(decision)
    }
}

impl Ingest {
    /// Passes what `sender` wrote (message `inbound`) on to the coordinator, who answers
    /// them directly, and tells them so (within their one notice a day).
    #[allow(clippy::too_many_arguments)]
    fn forward(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        sender: &ParticipantRow,
        pair: &PairRef,
        relayed: &Relayed,
        words: &str,
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let person = self.person_view(sender);
        let email = Email::Forward {
            person: &person,
            relayed,
            inbound,
        };
        match self.composer.enqueue(tx, &email, now) {
            Ok(_) => {}
            Err(OutboundError::Store(err)) => return Err(err),
            Err(err) => {
                let key = email.key();
                warn!(key = %key, error = %err, "cannot pass a message on to the coordinator; it is logged");
                return tx.event(now, "email_not_queued", Some(&key), Some(&err.to_string()));
            }
        }
        tx.record_relay(inbound, pair.id, sender.id, words, now)?;
        info!(inbound, "passed on to the coordinator");
        // NOTE: the writer's notice counts against their one notice a day (R11): an
        // unmarked auto-responder gets no more than that.
        if tx.claim_notice(&sender.email, NOTICE_KEY, now)? {
            self.answer(
                tx,
                Some(msg),
                Answer::CommandReply {
                    person,
                    command: About::PassedOn,
                    detail: vec![crate::outbound::said::Said::PassedOn],
                    inbound,
                    cancels: Vec::new(),
                },
                now,
            )?;
        }
        Ok(())
    }

    /// A report that also asks for a person ("we did not meet; can I swap partners?"):
    /// logged as a report, and passed on to the coordinator as well (once for the same
    /// words).
    pub(super) fn forward_question(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        sender: &ParticipantRow,
        pair: &PairRef,
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let i = msg.inspection;
        let Said {
            text,
            files,
            words,
            history,
        } = said(tx, msg, sender, pair, now)?;
        if history.same_words || history.recent >= RELAYS_A_DAY {
            return Ok(());
        }
        let relayed = Relayed {
            text,
            subject: i.subject.clone(),
            files,
        };
        self.forward(tx, msg, sender, pair, &relayed, &words, inbound, now)
    }
}

/// What a message says, as passing it on needs it: the new text, the files, the hash of
/// both, and what the sender passed on before.
struct Said {
    text: String,
    files: Vec<File>,
    words: String,
    history: crate::store::RelayHistory,
}

fn said(
    tx: &Tx<'_>,
    msg: &Msg<'_>,
    sender: &ParticipantRow,
    pair: &PairRef,
    now: DateTime<Utc>,
) -> Result<Said, StoreError> {
    let text = msg
        .inspection
        .text
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_string();
    let files = files::attached(&msg.incoming.raw);
    let words = words_sha256(&text, &files);
    let history = tx.relay_history(
        sender.id,
        pair.id,
        &words,
        now - Duration::hours(24),
        now - Duration::days(REPEAT_DAYS),
    )?;
    Ok(Said {
        text,
        files,
        words,
        history,
    })
}

/// A hash of what is passed on: the words without case or spacing, and the files' names
/// and contents, so the same answer sent again hashes the same.
fn words_sha256(text: &str, files: &[File]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for word in text.split_whitespace() {
        hash.update(word.to_lowercase().as_bytes());
        hash.update(b" ");
    }
    for file in files {
        hash.update(b"\0");
        hash.update(file.name.as_bytes());
        hash.update(b"\0");
        hash.update(&file.bytes);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}
