//! Owns proof of the sender. A person's mail counts as theirs only with their own reply token,
//! a trusted Authentication-Results header, or their confirmation: anything else is held and
//! the person asked "did you send this?" by an email whose reply address carries a single-use
//! token. FORGET ME is always confirmed that way. Does not route or authorize (route.rs) nor
//! act on what was confirmed (the rest of `process`).

use chrono::{DateTime, Utc};
use tracing::{info, warn};

use super::{Answer, CONFIRM_WINDOW, Handled, Ingest, Msg, Outcome};
use crate::inbound::classify::{Command, CommandName};
use crate::inbound::inspect;
use crate::inbound::route::{Authorized, Found, Refusal, Via};
use crate::outbound::ChallengeView;
use crate::outbound::email::Held;
use crate::outbound::said::{About, Said};
use crate::outbound::token::Purpose;
use crate::store::{ConfirmationKind, ConfirmationState, ParticipantRow, StoreError, Tx};
use crate::sync::LockExt;
use crate::vocab::{InboundKind, InboundStatus, ParticipantStatus};

/// Challenges sent to one address a day at most: a flood of forged mail in someone's name
/// is held, and costs them no more than this many emails.
const CHALLENGES_A_DAY: usize = 3;

/// Whether we know the authorized sender wrote the message: a reply token of ours that
/// went to them (to them alone, or to both partners of their pair), or their organisation's
/// mail server vouching for the From address.
pub(super) fn proven(msg: &Msg<'_>, auth: &Authorized) -> bool {
    if msg.inspection.authenticated.is_some() {
        return true;
    }
    let by_token = matches!(
        auth.via,
        Some(Via::Token(
            Purpose::Reply | Purpose::Relay | Purpose::Command | Purpose::Unsubscribe
        ))
    );
    by_token && auth.addressee.is_none_or(|a| a == auth.sender.id)
}

/// Whether a reply to a challenge says the person did not send the message.
fn declines(text: Option<&str>) -> bool {
    let Some(line) = text
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
    else {
        return false;
    };
    let line = line.to_lowercase().replace('’', "'");
    let first = line
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(first, "no" | "nope" | "nein" | "non" | "nee")
        || [
            "not me",
            "did not send",
            "didn't send",
            "wasn't me",
            "was not me",
        ]
        .iter()
        .any(|p| line.contains(p))
}

/// What a held message would do, for the person.
fn describe(msg: &Msg<'_>, command: Option<&Command>) -> Held {
    if let Some(command) = command {
        return Held::Command(command.name);
    }
    let i = msg.inspection;
    match (i.kind, i.session.as_ref().and_then(|s| s.met)) {
        (InboundKind::Reply, Some(true)) => Held::Met,
        (InboundKind::Reply, Some(false)) => Held::NotMet,
        (InboundKind::Reply, None) => Held::Report,
        _ => Held::Message,
    }
}

impl Ingest {
    /// Holds a message nothing proves its sender's, and asks them by email.
    pub(super) fn challenge(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        auth: &Authorized,
        command: Option<&Command>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let sender = &auth.sender;
        let inbound = self.record(
            tx,
            msg,
            super::Entry {
                status: InboundStatus::Held,
                classification: if command.is_some() {
                    InboundKind::Command
                } else {
                    i.kind
                },
                reason: Some(
                    "held until the sender confirms it: it carries no reply token of theirs and no trusted authentication",
                ),
                pair: auth.pair.as_ref().map(|p| p.id),
                keep_raw: true,
            },
            now,
        )?;
        let request = tx.request_confirmation(
            sender.id,
            ConfirmationKind::Message,
            inbound,
            CONFIRM_WINDOW,
            now,
        )?;
        info!(
            inbound,
            request, "message held until its sender confirms it"
        );
        let what = describe(msg, command);
        self.send_challenge(tx, msg, sender, request, what, false, now)?;
        Ok(Outcome::Processed {
            kind: Handled::Held,
            inbound,
        })
    }

    /// Asks a person to confirm their FORGET ME (message `inbound`) by answering an email
    /// only their own mailbox receives.
    pub(super) fn ask_to_forget(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        sender: &ParticipantRow,
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let request = tx.request_confirmation(
            sender.id,
            ConfirmationKind::Forget,
            inbound,
            CONFIRM_WINDOW,
            now,
        )?;
        self.send_challenge(
            tx,
            msg,
            sender,
            request,
            Held::Command(CommandName::ForgetMe),
            true,
            now,
        )
    }

    /// Drafts the email that asks, within the day's allowance for the address.
    #[allow(clippy::too_many_arguments)]
    fn send_challenge(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        sender: &ParticipantRow,
        request: i64,
        what: Held,
        forget: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // NOTE: after STOP nothing is sent but STOP's own answer; what is held waits for HR.
        if sender.status == ParticipantStatus::Stopped {
            return Ok(());
        }
        let mut allowed = false;
        for n in 1..=CHALLENGES_A_DAY {
            if tx.claim_notice(&sender.email, &format!("challenge-{n}"), now)? {
                allowed = true;
                break;
            }
        }
        if !allowed {
            warn!(
                request,
                "more held messages from one address today than challenges allowed; this one waits without an email"
            );
            return Ok(());
        }
        let day = self.local_day(msg.inspection, sender, now);
        self.answer(
            tx,
            Some(msg),
            Answer::Challenge {
                person: self.person_view(sender),
                challenge: ChallengeView {
                    request,
                    what,
                    subject: msg.inspection.subject.clone(),
                    received: day,
                    forget,
                    days: CONFIRM_WINDOW.num_days(),
                },
            },
            now,
        )
    }

    /// A reply to a challenge: applies, or sets aside, what it asked about; a token works
    /// once, for the person it went to, before its deadline.
    pub(super) fn confirm(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let Found::Token(claims) = msg.found else {
            return self.refuse(tx, msg, Refusal::ForgedToken, false, now);
        };
        let sender = match i.from.as_deref() {
            Some(from) => tx.participant_row(from)?,
            None => None,
        };
        let request = match i64::try_from(claims.pair) {
            Ok(id) => tx.confirmation(id, now)?,
            Err(_) => None,
        };
        let (Some(sender), Some(request)) = (sender, request) else {
            return self.refuse(tx, msg, Refusal::NotInPair, false, now);
        };
        if u64::try_from(sender.id).ok() != Some(claims.person)
            || request.participant_id != sender.id
        {
            return self.refuse(tx, msg, Refusal::NotInPair, false, now);
        }
        let inbound = self.processed(tx, msg, InboundKind::Confirmation, None, now)?;
        let declined = declines(i.text.as_deref());
        let says_forget = i
            .command
            .as_ref()
            .is_some_and(|c| c.name == CommandName::ForgetMe);
        let detail = match (request.state, request.kind) {
            (ConfirmationState::Confirmed | ConfirmationState::Declined, _) => {
                Said::AnsweredAlready
            }
            (ConfirmationState::Expired, _) => Said::Expired {
                days: CONFIRM_WINDOW.num_days(),
            },
            (ConfirmationState::Waiting, _) if declined => {
                tx.answer_confirmation(request.id, ConfirmationState::Declined, inbound, now)?;
                if request.kind == ConfirmationKind::Message {
                    tx.settle_inbound(
                        request.inbound_id,
                        InboundStatus::Refused,
                        InboundKind::Unrouted,
                        Some("the participant said they did not send it"),
                        None,
                    )?;
                }
                tx.event(
                    now,
                    "confirmation_declined",
                    Some(&format!("participant {}", sender.id)),
                    Some("a participant said a message from their address was not theirs; someone may be writing in their name"),
                )?;
                Said::NotSent
            }
            (ConfirmationState::Waiting, ConfirmationKind::Forget) if says_forget => {
                tx.answer_confirmation(request.id, ConfirmationState::Confirmed, inbound, now)?;
                let to = self.person_view(&sender);
                let cancels = self.leave(
                    tx,
                    &sender,
                    "forgotten",
                    "a participant asked to be forgotten",
                    crate::program::Departure::Forgotten,
                    now,
                )?;
                let erased = tx.forget_participant(sender.id, &|e| self.marker(e), now)?;
                self.erased.lock_or_recover().push(erased);
                info!(inbound, "FORGET ME confirmed; the participant is erased");
                // The last email also cancels their first meetings still to come.
                self.answer(
                    tx,
                    Some(msg),
                    Answer::CommandReply {
                        person: to,
                        command: About::Command(CommandName::ForgetMe),
                        detail: vec![Said::Forgotten],
                        inbound,
                        cancels,
                    },
                    now,
                )?;
                return Ok(Outcome::Processed {
                    kind: Handled::As(InboundKind::Confirmation),
                    inbound,
                });
            }
            (ConfirmationState::Waiting, ConfirmationKind::Forget) => Said::ForgetWaits,
            (ConfirmationState::Waiting, ConfirmationKind::Message) => {
                tx.answer_confirmation(request.id, ConfirmationState::Confirmed, inbound, now)?;
                info!(
                    inbound,
                    held = request.inbound_id,
                    "held message confirmed by its sender"
                );
                return self.apply_held(tx, request.inbound_id, inbound, &sender, now);
            }
        };
        let to = self.person_view(&sender);
        self.reply(tx, Some(msg), to, detail, inbound, now)
    }

    /// Acts on a held message as if it had just come with proof of its sender.
    fn apply_held(
        &self,
        tx: &mut Tx<'_>,
        held: i64,
        confirmation: i64,
        sender: &ParticipantRow,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let Some(raw) = tx.inbound_raw(held)? else {
            let to = self.person_view(sender);
            return self.reply(tx, None, to, Said::HeldGone, confirmation, now);
        };
        let incoming = super::Incoming::new(raw, "confirmed");
        let inspection = inspect(&incoming.raw, &self.ctx);
        let inspection = self.against_prompt(tx, &inspection)?.unwrap_or(inspection);
        let key = inspection.dedup_key.clone().unwrap_or_default();
        let sha256 = inspection.sha256.clone().unwrap_or_default();
        let msg = Msg {
            incoming: &incoming,
            inspection: &inspection,
            key: &key,
            sha256: &sha256,
            found: self.tokens.find(&inspection.addressing.recipients),
            held: Some(held),
        };
        let command = match inspection.kind {
            InboundKind::Command => inspection.command.as_ref(),
            _ => None,
        };
        self.person(tx, &msg, command, now)
    }

    /// Drafts a short answer to a confirmation (a command reply) and reports the message
    /// done.
    fn reply(
        &self,
        tx: &mut Tx<'_>,
        msg: Option<&Msg<'_>>,
        to: crate::outbound::PersonView,
        detail: Said,
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        self.answer(
            tx,
            msg,
            Answer::CommandReply {
                person: to,
                command: About::Confirmation,
                detail: vec![detail],
                inbound,
                cancels: Vec::new(),
            },
            now,
        )?;
        Ok(Outcome::Processed {
            kind: Handled::As(InboundKind::Confirmation),
            inbound,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::declines;

    #[test]
    fn a_no_in_any_of_the_read_languages_declines_and_anything_else_confirms() {
        for text in [
            "No",
            "no, that was not me",
            "NO.",
            "Nein",
            "Non merci",
            "Nee",
            "That wasn't me!",
            "I did not send this",
            "I didn’t send it",
        ] {
            assert!(declines(Some(text)), "{text:?} should decline");
        }
        for text in [
            "Yes",
            "yes, that was me",
            "",
            "Confirmed",
            "Now I see it, yes",
        ] {
            assert!(!declines(Some(text)), "{text:?} should confirm");
        }
        assert!(!declines(None));
    }
}
