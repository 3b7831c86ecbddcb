//! What each message does once routed and authorized: its record, then the act its kind
//! calls for (a report, a bounce, a complaint, a refusal, a held message).

use super::*;

impl Ingest {
    /// Records a message acted on, with its raw bytes and the pipeline's reason.
    pub(super) fn processed(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        classification: InboundKind,
        pair: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let entry = Entry {
            status: InboundStatus::Processed,
            classification,
            reason: msg.inspection.reason.as_deref(),
            pair,
            keep_raw: true,
        };
        self.record(tx, msg, entry, now)
    }

    pub(super) fn quarantine(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let inbound = self.record(
            tx,
            msg,
            Entry {
                status: InboundStatus::Quarantined,
                classification: InboundKind::Quarantined,
                reason: Some(reason),
                pair: None,
                keep_raw: true,
            },
            now,
        )?;
        Ok(Outcome::Quarantined {
            reason: reason.to_string(),
            inbound,
        })
    }

    pub(super) fn act(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let reason = i.reason.as_deref().unwrap_or("");
        let token_purpose = match msg.found {
            Found::Token(c) => Some(c.purpose),
            _ => None,
        };
        let person_mail = i.kind.is_person_mail();
        // An empty message to the List-Unsubscribe address reads as no text: still a STOP.
        let parsed_person = i.dedup_key.is_some() && i.from.is_some();
        if msg.incoming.cut_off {
            let why = format!(
                "the message kept arriving incomplete; offered {} times, kept for review",
                msg.incoming.attempts + 1
            );
            return self.quarantine(tx, msg, &why, now);
        }
        match i.kind {
            InboundKind::Tempfail => {
                let why = format!(
                    "{reason}; offered {} times, kept for review",
                    msg.incoming.attempts + 1
                );
                self.quarantine(tx, msg, &why, now)
            }
            InboundKind::Bounce => self.bounce(tx, msg, now),
            _ if token_purpose == Some(Purpose::Bounce)
                && (person_mail || i.kind == InboundKind::Quarantined) =>
            {
                // NOTE: only mail systems write to a VERP envelope address; what arrives
                // there is a failed delivery even when no report can be read from it.
                self.bounce(tx, msg, now)
            }
            _ if token_purpose == Some(Purpose::Unsubscribe)
                && (person_mail || (i.kind == InboundKind::Quarantined && parsed_person)) =>
            {
                let stop = Command {
                    name: CommandName::Stop,
                    until: None,
                    problem: None,
                    asked: false,
                };
                self.person(tx, msg, Some(&stop), now)
            }
            _ if token_purpose == Some(Purpose::Confirm) && person_mail => {
                self.confirm(tx, msg, now)
            }
            _ if token_purpose == Some(Purpose::Join) && person_mail => match msg.found {
                Found::Token(claims) => self.join_decision(tx, msg, claims, now),
                _ => self.person(tx, msg, i.command.as_ref(), now),
            },
            _ if msg.found == Found::Nothing && self.is_join(tx, msg)? => self.join(tx, msg, now),
            InboundKind::Reply | InboundKind::Conversation => self.person(tx, msg, None, now),
            InboundKind::Command => self.person(tx, msg, i.command.as_ref(), now),
            InboundKind::Quarantined => self.quarantine(tx, msg, reason, now),
            InboundKind::Rejected => {
                let inbound = self.record(
                    tx,
                    msg,
                    Entry {
                        status: InboundStatus::Refused,
                        classification: InboundKind::Rejected,
                        reason: Some(reason),
                        pair: None,
                        keep_raw: true,
                    },
                    now,
                )?;
                Ok(Outcome::Dropped {
                    reason: reason.to_string(),
                    inbound,
                })
            }
            InboundKind::Complaint => self.complaint(tx, msg, now),
            InboundKind::AutoReply
            | InboundKind::ReadReceipt
            | InboundKind::DeliveryReport
            | InboundKind::Delayed => {
                let inbound = self.record(
                    tx,
                    msg,
                    Entry {
                        status: InboundStatus::Processed,
                        classification: i.kind,
                        reason: i.reason.as_deref(),
                        pair: None,
                        keep_raw: false,
                    },
                    now,
                )?;
                Ok(Outcome::Processed {
                    kind: Handled::As(i.kind),
                    inbound,
                })
            }
            other => {
                let why = format!("unknown kind `{other}`; kept for review");
                self.quarantine(tx, msg, &why, now)
            }
        }
    }

    /// A failed delivery: the VERP token's person (or the failed recipients among its
    /// pair), else every failed recipient, gets a hard bounce scored (Mailman's rule, see
    /// `store::bounces`); soft (4.x.x) and policy (5.7.x) failures score nothing. The report
    /// itself is kept for the admin.
    pub(super) fn bounce(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let failed: Vec<(String, Option<String>)> = i
            .bounce
            .as_ref()
            .map(|b| {
                b.recipients
                    .iter()
                    .filter(|r| r.action == crate::inbound::classify::DeliveryAction::Failed)
                    .map(|r| (r.address.clone(), r.status.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let mut targets: Vec<String> = Vec::new();
        let mut pair_id = None;
        if let Found::Token(c) = msg.found
            && c.purpose == Purpose::Bounce
        {
            let person = i64::try_from(c.person).ok().filter(|p| *p > 0);
            let pair = i64::try_from(c.pair).ok().filter(|p| *p > 0);
            pair_id = match pair {
                Some(p) => tx.pair_ref(p)?.map(|p| p.id),
                None => None,
            };
            if let Some(row) = person
                .map(|p| tx.participant_row_by_id(p))
                .transpose()?
                .flatten()
            {
                targets.push(row.email);
            } else if let Some(pair) = pair.map(|p| tx.pair_ref(p)).transpose()?.flatten() {
                for id in [pair.mentor_id, pair.mentee_id] {
                    if let Some(row) = tx.participant_row_by_id(id)?
                        && failed.iter().any(|(a, _)| *a == row.email)
                    {
                        targets.push(row.email);
                    }
                }
            }
        }
        if targets.is_empty() {
            // NOTE: without our VERP token anyone can write a report naming any address: it
            // counts only for a recipient of an email we sent that the report returns.
            let returned = i.bounce.as_ref().map_or(&[][..], |b| &b.returned_ids);
            for (address, _) in &failed {
                if tx.was_sent_to(address, returned)? {
                    targets.push(address.clone());
                }
            }
        }
        let threshold = self.config.outbox.bounce_threshold;
        let (mut scored, mut disabled) = (0, 0);
        for email in &targets {
            let status = failed
                .iter()
                .find(|(a, _)| a == email)
                .or(failed.first())
                .and_then(|(_, s)| s.clone());
            if !crate::inbound::classify::is_hard_bounce(status.as_deref()) {
                continue;
            }
            let status = status.unwrap_or_else(|| "no status".to_string());
            let detail = format!("a bounce reported delivery failed ({status})");
            if let Some(s) = tx.score_bounce(email, threshold, &detail, now)? {
                scored += usize::from(s.rose);
                disabled += usize::from(s.disabled);
            }
        }
        info!(scored, disabled, named = targets.len(), "bounce recorded");
        let inbound = self.processed(tx, msg, InboundKind::Bounce, pair_id, now)?;
        Ok(Outcome::Processed {
            kind: Handled::As(InboundKind::Bounce),
            inbound,
        })
    }

    /// A spam complaint stops all mail to the address that complained, as STOP does
    /// (without an answer), once it is shown to be about our mail: it carries our own message
    /// (its Message-ID, or our signed token in its addresses) or comes from a configured
    /// feedback-loop sender. An `X-Apple-Unsubscribe` header counts only on mail to a
    /// person's own unsubscribe token. An authentication-failure report is only recorded.
    pub(super) fn complaint(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let Some(complaint) = i.complaint.as_ref() else {
            let inbound = self.processed(tx, msg, InboundKind::Complaint, None, now)?;
            return Ok(Outcome::Processed {
                kind: Handled::As(InboundKind::Complaint),
                inbound,
            });
        };
        let auth_failure = complaint.feedback_type.as_deref() == Some("auth-failure");
        let person_token = |found: Found| match found {
            Found::Token(c) => i64::try_from(c.person).ok().filter(|p| *p > 0),
            _ => None,
        };
        let named = complaint
            .recipient
            .as_deref()
            .map(|r| tx.participant_row(r))
            .transpose()?
            .flatten();
        let (who, why) = if complaint.unsubscribe_header {
            match person_token(msg.found) {
                Some(p) => (
                    tx.participant_row_by_id(p)?,
                    "an unsubscribe request to their own address",
                ),
                None => (
                    None,
                    "an unsubscribe header on mail to no unsubscribe address of a person: ignored",
                ),
            }
        } else if let Some(p) = person_token(self.tokens.find(&complaint.original_addresses)) {
            (
                tx.participant_row_by_id(p)?,
                "a complaint carrying our token",
            )
        } else if let Some(sent_to) = complaint
            .original_message_id
            .as_deref()
            .map(|id| tx.sent_recipients(id))
            .transpose()?
            .flatten()
        {
            let who = named.filter(|n| sent_to.contains(&n.email));
            (who, "a complaint about an email we sent")
        } else if i.from.as_deref().is_some_and(|f| {
            self.config
                .inbound
                .feedback_loop_senders
                .iter()
                .any(|s| s == f)
        }) {
            (named, "a complaint from a configured feedback loop")
        } else {
            (
                None,
                "a complaint that shows no email of ours and comes from no configured feedback loop: ignored",
            )
        };
        let entry = Entry {
            status: InboundStatus::Processed,
            classification: InboundKind::Complaint,
            reason: Some(why),
            pair: None,
            keep_raw: true,
        };
        let inbound = self.record(tx, msg, entry, now)?;
        if !auth_failure && let Some(person) = who {
            // NOTE: no cancellation goes to someone who complained of our mail.
            self.leave(
                tx,
                &person,
                "complaint",
                "a complaint about our mail",
                crate::program::Departure::Left,
                now,
            )?;
            info!(
                participant = person.id,
                "complaint: no more mail to this address"
            );
        } else {
            info!(inbound, reason = why, "complaint recorded; nobody stopped");
        }
        Ok(Outcome::Processed {
            kind: Handled::As(InboundKind::Complaint),
            inbound,
        })
    }

    /// A person's mail: route, authorize, then a report, a conversation or a command.
    pub(super) fn person(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        command: Option<&Command>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let sender = match i.from.as_deref() {
            Some(from) => tx.participant_row(from)?,
            None => None,
        };
        let states_a_meeting = i
            .session
            .as_ref()
            .is_some_and(|s| s.met.is_some() || s.rating.is_some());
        let need = if command.is_some() {
            Need::Command
        } else if i.kind == InboundKind::Reply && states_a_meeting {
            Need::Report
        } else {
            Need::Pair
        };
        let routing = route(msg.found, &i.addressing, &*tx)?;
        let unrouted = routing == Routing::Unrouted;
        let auth = match authorize(routing.clone(), sender.clone(), need, &*tx)? {
            Ok(auth) => auth,
            Err(refusal) => {
                // NOTE: someone whose pairs ended because mail to them bounced answers the
                // mail they last got, of that ended pair: their own token still shows
                // their mailbox works.
                if let (
                    Routing::Pair {
                        pair,
                        addressee,
                        via,
                        shared,
                    },
                    Some(sender),
                ) = (routing, sender)
                    && pair.has(sender.id)
                {
                    let auth = Authorized {
                        sender,
                        pair: Some(pair),
                        addressee,
                        via: Some(via),
                        shared,
                    };
                    if confirm::proven(msg, &auth) {
                        self.mailbox_works(tx, msg, now)?;
                    }
                }
                return self.refuse(tx, msg, refusal, unrouted, now);
            }
        };
        // NOTE: the From header proves nothing. What a person's address sent counts as theirs
        // only with their own reply token, their mail server's word, or their confirmation;
        // FORGET ME is always confirmed through its own token, so it needs no proof here.
        let forget = command.is_some_and(|c| c.name == CommandName::ForgetMe);
        if msg.held.is_none() && !forget && !confirm::proven(msg, &auth) {
            return self.challenge(tx, msg, &auth, command, now);
        }
        self.mailbox_works(tx, msg, now)?;
        match command {
            Some(command) => self.command(tx, msg, &auth, command, now),
            None => self.report(tx, msg, &auth, now),
        }
    }

    /// A participant writing from an address disabled for bouncing shows it works again.
    fn mailbox_works(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if let Some(from) = msg.inspection.from.as_deref()
            && tx.reset_bounces(from, "the participant wrote to the program", now)?
        {
            info!("mail from an address with bounces: its bounce score is cleared");
        }
        Ok(())
    }

    pub(super) fn refuse(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        refusal: Refusal,
        unrouted: bool,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let classification = if unrouted {
            InboundKind::Unrouted
        } else {
            i.kind
        };
        let inbound = self.record(
            tx,
            msg,
            Entry {
                status: InboundStatus::Refused,
                classification,
                reason: Some(refusal.reason()),
                pair: None,
                keep_raw: true,
            },
            now,
        )?;
        info!(inbound, reason = refusal.code(), "message refused");
        let Some(from) = i.from.as_deref() else {
            return Ok(Outcome::Refused {
                reason: refusal.reason().to_string(),
                inbound,
            });
        };
        // NOTE: only a participant gets a notice, and none after STOP (nothing is sent then
        // but STOP's own answer). A stranger's From may be forged (spam to the bare address,
        // or a valid reply token written to by many strangers): a notice to it would be
        // backscatter.
        let sender = tx
            .participant_row(from)?
            .filter(|s| s.status != ParticipantStatus::Stopped);
        // NOTE: one notice per address and day whatever the reason (R11): a vacation bot
        // that answers a notice about one refusal with mail refused for another reason
        // must not get a second notice that day.
        if let Some(row) = sender
            && tx.claim_notice(from, NOTICE_KEY, now)?
        {
            let to = self.person_view(&row);
            self.answer(
                tx,
                Some(msg),
                Answer::CommandReply {
                    person: to,
                    command: About::NotLogged,
                    detail: vec![Said::NotLogged {
                        why: refusal.notice(),
                    }],
                    inbound,
                    cancels: Vec::new(),
                },
                now,
            )?;
        }
        Ok(Outcome::Refused {
            reason: refusal.reason().to_string(),
            inbound,
        })
    }

    /// A report (session facts) or a conversation on the pair's thread.
    pub(super) fn report(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        auth: &Authorized,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let Some(pair) = &auth.pair else {
            return self.refuse(tx, msg, Refusal::NoPair, true, now);
        };
        let sender = &auth.sender;
        let day = self.local_day(i, sender, now);
        let session = i.session.clone().unwrap_or_default();
        let is_report = i.kind == InboundKind::Reply
            && crate::program::is_report(
                auth.shared,
                session.met.is_some(),
                session.rating.is_some(),
            );
        let kind = if is_report {
            InboundKind::Reply
        } else {
            InboundKind::Conversation
        };
        let inbound = self.processed(tx, msg, kind, Some(pair.id), now)?;
        self.take_goals(tx, msg, sender, pair, inbound, now)?;
        if !is_report {
            tx.touch_contact(pair.id, day)?;
            self.converse(tx, msg, auth, pair, inbound, now)?;
            return Ok(Outcome::Processed {
                kind: Handled::As(InboundKind::Conversation),
                inbound,
            });
        }
        // NOTE: only a meeting that did not happen has a side that cancelled it.
        let cancelled_by = match (session.met, crate::inbound::route::side_of(pair, sender.id)) {
            (Some(false), Some(side)) => {
                let partner = tx.participant_row_by_id(pair.other(sender.id))?;
                let first = partner
                    .as_ref()
                    .and_then(|p| p.name.split_whitespace().next())
                    .unwrap_or("");
                crate::program::who_cancelled(i.text.as_deref().unwrap_or(""), side, first)
            }
            _ => None,
        };
        let report = Report {
            pair_id: pair.id,
            participant_id: sender.id,
            inbound_id: Some(inbound),
            met: session.met,
            date: session.date.unwrap_or(day),
            minutes: session.minutes,
            topics: session.topics.clone().unwrap_or_default(),
            rating: session.rating,
            notes: session.notes.clone(),
            // A value that could not be read, or a date that cannot be the meeting's: for HR.
            flagged: !i.unparsed.is_empty() || !i.unclear.is_empty(),
            cancelled_by,
        };
        let text = i.text.as_deref().unwrap_or("");
        let date_stated = session.date.is_some();
        let token_report = self.tokens.report(&i.addressing.recipients);
        let who = (pair.id, sender.id);
        let correction = correction(&i.addressing, token_report, text, who, date_stated, &*tx)?;
        let recorded = tx.record_report(&report, correction, now)?;
        debug!(inbound, outcome = ?recorded.outcome, "report recorded");
        self.follow_cancellations(tx, pair, session.met, now)?;
        if let Some(view) = self.pair_view(tx, pair, Some(sender), None)?
            && let Some(side) = crate::inbound::route::side_of(pair, sender.id)
        {
            // A date that could not be read is asked for, not shown as the day of the message.
            let date_unclear = i.unclear.contains(&crate::inbound::extract::Unclear::Date);
            let logged = SessionView {
                met: session.met == Some(true),
                date: (session.met == Some(true) && !date_unclear).then_some(report.date),
                minutes: session.minutes,
                topics: report.topics.clone(),
                rating: session.rating,
                taken_as: None,
                not_understood: i.unclear.iter().map(|u| u.as_str().to_string()).collect(),
                also_asked: i
                    .also_asked
                    .as_ref()
                    .map(crate::outbound::email::AlsoAsked::of),
            };
            let logged = confirmed(recorded, logged);
            self.answer(
                tx,
                Some(msg),
                Answer::Confirmation {
                    pair: view,
                    to: side,
                    session: Box::new(logged),
                    inbound,
                },
                now,
            )?;
        }
        if !auth.shared && crate::program::asks_for_a_person(text) {
            self.forward_question(tx, msg, sender, pair, inbound, now)?;
        }
        Ok(Outcome::Processed {
            kind: Handled::As(InboundKind::Reply),
            inbound,
        })
    }
}
