//! Owns carrying out joining by email: a JOIN from someone not in the program becomes a
//! request to the coordinator (with one kind answer to the person), and the coordinator's
//! signed APPROVE or DECLINE settles it (the person stored and welcomed, or told no). The
//! rules are `program::join`'s; the SQL is `store::joins`'.
//!
//! Decisions:
//! - An APPROVE or DECLINE counts only on the request's own reply token (`Purpose::Join`,
//!   naming the request) and from the coordinator's address: the token went to the
//!   coordinator alone, which is the proof a participant's own token gives (see
//!   `confirm::proven`). Anything else on that token (a forged or another sender's reply,
//!   a second decision) changes nothing, is recorded as refused and logged, and is answered
//!   to nobody.
//! - An approval writes the person into `participants` at once and wakes the daemon
//!   ([`Ingest::on_join`]), which reloads as on SIGHUP: the approved joiners are added to
//!   the program's participants and the newcomers' fill pairs them (`daemon::reload`).

use chrono::{DateTime, Utc};
use tracing::{info, warn};

use super::{Answer, Entry, Handled, Ingest, Msg, NOTICE_KEY, Outcome};
use crate::config::Participant;
use crate::outbound::said::{About, Said};
use crate::outbound::token::TokenClaims;
use crate::outbound::{JoinView, PersonView};
use crate::program::join::{
    Decision, JoinFacts, JoinOutcome, RequestReply, accepted_domain, check_form, confirms,
    decide_request, is_join, join_domains, read_form, verdict, when_paired,
};
use crate::store::{StoreError, Tx};
use crate::vocab::{InboundKind, InboundStatus, JoinStatus, ParticipantStatus};

/// The answer to someone not in the program about their JOIN.
fn command_answer(person: PersonView, said: Said, inbound: i64) -> Answer {
    Answer::CommandReply {
        person,
        command: About::Join,
        detail: vec![said],
        inbound,
        cancels: Vec::new(),
    }
}

/// The answer to the person of a request, from its form.
fn join_answer(person: &Participant, detail: Said, inbound: i64) -> Answer {
    command_answer(PersonView::from_participant(0, person), detail, inbound)
}

/// The display name of the From header, when the message has one.
fn display_name(raw: &[u8]) -> Option<String> {
    let headers = mail_parser::MessageParser::default().parse_headers(raw)?;
    let from = headers.from()?.first()?;
    from.name().map(|n| n.trim().to_string())
}

impl Ingest {
    /// Records a JOIN or a reply to a request, raw bytes kept, about no pair.
    fn record_join(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        status: InboundStatus,
        classification: InboundKind,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let entry = Entry {
            status,
            classification,
            reason: Some(reason),
            pair: None,
            keep_raw: true,
        };
        self.record(tx, msg, entry, now)
    }

    /// Whether the message is a JOIN this pipeline takes as one: person mail (not an
    /// auto-reply or a bounce) to no reply token of ours, from someone not taking part,
    /// whose first line is JOIN.
    pub(super) fn is_join(&self, tx: &Tx<'_>, msg: &Msg<'_>) -> Result<bool, StoreError> {
        let i = msg.inspection;
        if !i.kind.is_person_mail() || !is_join(i.text.as_deref().unwrap_or("")) {
            return Ok(false);
        }
        let Some(from) = i.from.as_deref() else {
            return Ok(false);
        };
        // NOTE: a participant's JOIN is their own mail as ever; a former one's (left,
        // forgotten) is a request like anyone's.
        Ok(tx.participant_row(from)?.is_none_or(|r| {
            !matches!(
                r.status,
                ParticipantStatus::Active | ParticipantStatus::Paused | ParticipantStatus::Stopped
            )
        }))
    }

    /// A JOIN: a request to the coordinator and a kind answer, or the answer that names
    /// what the form lacks, or nothing for mail the program does not accept.
    pub(super) fn join(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let from = i.from.clone().unwrap_or_default();
        let config = &self.config;
        let domains = join_domains(
            config
                .participants
                .iter()
                .map(|p| p.email.as_str())
                .chain([config.program.from.email.as_str()]),
        );
        let facts = JoinFacts {
            automated: !i.kind.is_person_mail(),
            domain_accepted: accepted_domain(&from, &domains),
            status: tx.participant_row(&from)?.map(|r| r.status),
            pending: tx.pending_join(&from)?.is_some(),
        };
        let form = check_form(
            &read_form(i.text.as_deref().unwrap_or("")),
            &from,
            display_name(&msg.incoming.raw).as_deref(),
            config.program.person_defaults(),
        );
        let name = form.as_ref().map_or_else(
            |_| display_name(&msg.incoming.raw).unwrap_or_default(),
            |p| p.name.clone(),
        );
        let outcome = crate::program::join::on_join(&facts, form);
        let (status, reason) = match &outcome {
            JoinOutcome::Ignore(why) => (InboundStatus::Refused, *why),
            JoinOutcome::AlreadyIn => (InboundStatus::Processed, "JOIN from a participant"),
            JoinOutcome::AlreadyAsked => (InboundStatus::Processed, "JOIN while a request waits"),
            JoinOutcome::Incomplete(_) => {
                (InboundStatus::Processed, "JOIN with an incomplete form")
            }
            JoinOutcome::Request(_) => (InboundStatus::Processed, "a request to join"),
        };
        let inbound = self.record_join(tx, msg, status, i.kind, reason, now)?;
        info!(inbound, reason, "JOIN");
        let detail = match outcome {
            JoinOutcome::Ignore(why) => {
                return Ok(Outcome::Refused {
                    reason: why.to_string(),
                    inbound,
                });
            }
            JoinOutcome::AlreadyIn => Said::AlreadyIn,
            JoinOutcome::AlreadyAsked => Said::AlreadyAsked,
            JoinOutcome::Incomplete(problems) => Said::JoinIncomplete {
                problems: problems.iter().map(Into::into).collect(),
            },
            // NOTE: a JOIN counts as the person's only when we know they sent it: their mail
            // server vouched for the From address, or they confirm from that mailbox (the
            // confirmation's reply address names the request and went to them alone).
            // Until then the coordinator does not see it.
            JoinOutcome::Request(person) if i.authenticated.is_none() => {
                let request =
                    tx.add_join_request(&person, Some(inbound), JoinStatus::Unconfirmed, now)?;
                if tx.claim_notice(&from, NOTICE_KEY, now)? {
                    let join = JoinView::new(request, &person);
                    self.answer(tx, Some(msg), Answer::JoinConfirm { join }, now)?;
                }
                info!(
                    request,
                    inbound, "join request waits for the person to confirm it"
                );
                return Ok(Outcome::Processed {
                    kind: Handled::Join,
                    inbound,
                });
            }
            JoinOutcome::Request(person) => {
                let request =
                    tx.add_join_request(&person, Some(inbound), JoinStatus::Pending, now)?;
                self.request_to_coordinator(tx, msg, request, &person, now)?;
                Said::SentToCoordinator
            }
        };
        if tx.claim_notice(&from, NOTICE_KEY, now)? {
            let person = PersonView {
                id: 0,
                name,
                email: from,
                role: crate::config::Role::Mentor,
                department: None,
                timezone: config.program.timezone,
                hours: None,
                offers: Vec::new(),
                wants: Vec::new(),
                language: config.program.language,
            };
            self.answer(tx, Some(msg), command_answer(person, detail, inbound), now)?;
        }
        Ok(Outcome::Processed {
            kind: Handled::Join,
            inbound,
        })
    }

    /// Sends request `request` of `person` to the coordinator.
    fn request_to_coordinator(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        request: i64,
        person: &Participant,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let join = JoinView::new(request, person);
        self.answer(tx, Some(msg), Answer::JoinRequest { join }, now)?;
        info!(request, "join request sent to the coordinator");
        Ok(())
    }

    /// A reply to a join request's email: the person's YES confirms it was them (and it goes
    /// to the coordinator); the coordinator's APPROVE or DECLINE settles it; anything else
    /// changes nothing and is logged.
    pub(super) fn join_decision(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        claims: TokenClaims,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let config = &self.config;
        let from = i.from.clone().unwrap_or_default();
        let from_coordinator = from.eq_ignore_ascii_case(&config.program.coordinator);
        let request = i64::try_from(claims.pair).unwrap_or(0);
        let row = tx.join_request(request, config.program.person_defaults())?;
        let text = i.text.as_deref().unwrap_or("");
        let reply = RequestReply {
            from_coordinator,
            from_requester: row
                .as_ref()
                .is_some_and(|r| r.person.email.eq_ignore_ascii_case(&from)),
            said: verdict(text),
            confirms: confirms(text),
        };
        let decision = decide_request(row.as_ref().map(|r| r.status), reply);
        let (status, reason) = match &decision {
            Decision::Nothing(why) => (InboundStatus::Refused, *why),
            Decision::Confirm => (InboundStatus::Processed, "the person confirmed a join"),
            Decision::Approve => (InboundStatus::Processed, "the coordinator approved a join"),
            Decision::Decline(_) => (InboundStatus::Processed, "the coordinator declined a join"),
        };
        let inbound = self.record_join(tx, msg, status, InboundKind::Command, reason, now)?;
        if let (Some(row), Decision::Confirm) = (&row, &decision) {
            if tx.confirm_join(request)? {
                self.request_to_coordinator(tx, msg, request, &row.person, now)?;
                self.answer(
                    tx,
                    Some(msg),
                    join_answer(&row.person, Said::SentToCoordinator, inbound),
                    now,
                )?;
            }
            return Ok(Outcome::Processed {
                kind: Handled::JoinDecision,
                inbound,
            });
        }
        let (Some(row), Decision::Approve | Decision::Decline(_)) = (row, &decision) else {
            warn!(
                inbound,
                request, reason, "join decision refused; nothing changed"
            );
            return Ok(Outcome::Refused {
                reason: reason.to_string(),
                inbound,
            });
        };
        let status = match decision {
            Decision::Decline(_) => JoinStatus::Declined,
            _ => JoinStatus::Approved,
        };
        let words = match &decision {
            Decision::Decline(words) => words.clone(),
            _ => None,
        };
        let joined =
            tx.settle_join(request, status, &from, Some(inbound), words.as_deref(), now)?;
        let answer = match (status, joined) {
            (JoinStatus::Approved, Some(id)) => {
                // NOTE: someone who once asked to be forgotten and now asked to join, from
                // their own mailbox, chose to come back: they are not marked forgotten again.
                if tx.remember_again(&row.person.email, &|e| self.marker(e))? {
                    info!(
                        request,
                        participant = id,
                        "a person once forgotten joined again"
                    );
                }
                let today = crate::program::today(config, now);
                let newcomers_now = crate::program::pair_newcomers_now(
                    tx.rounds_made()?,
                    today,
                    config.program.end,
                    config.pairing.no_round_in_last_weeks,
                );
                info!(request, participant = id, "join approved");
                self.joined();
                Answer::JoinApproved {
                    person: PersonView::from_participant(id, &row.person),
                    request,
                    next: when_paired(newcomers_now, &crate::program::rounds(config), today),
                }
            }
            // NOTE: decided in this transaction as pending, so settled now; never a decline.
            (JoinStatus::Approved, None) => {
                return Ok(Outcome::Processed {
                    kind: Handled::JoinDecision,
                    inbound,
                });
            }
            _ => {
                info!(request, "join declined");
                Answer::JoinDeclined {
                    join: JoinView::new(request, &row.person),
                    reason: words,
                }
            }
        };
        self.answer(tx, None, answer, now)?;
        Ok(Outcome::Processed {
            kind: Handled::JoinDecision,
            inbound,
        })
    }
}
