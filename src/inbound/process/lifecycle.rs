//! A person's commands (HELP, STOP, PAUSE, RESUME, SKIP, REMATCH, FORGET ME) and what
//! leaving does to their pairs: ended, and partners re-paired where someone fits.

use super::batch::drain_drafts;
use super::*;
use crate::program::{self, Change, Reply};
use crate::store::{NewInbound, Store};

/// What a person asked for, and where: the message (none for a click), their pair, the
/// inbound row that records it, and the command's word for the log.
struct Asked<'a> {
    msg: Option<&'a Msg<'a>>,
    pair: Option<&'a PairRef>,
    inbound: i64,
    word: &'static str,
}

/// What a one-click unsubscribe did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clicked {
    /// The person is stopped (or was already); the click is the inbound row `inbound`.
    Done { inbound: i64 },
    /// The same request was carried out before: nothing changed.
    Again,
    /// No participant has this id any more.
    Unknown,
}

/// What the partner of someone who left is told: whether they have a new partner, how the
/// other left, and the first meeting still to come that is cancelled.
#[derive(Debug, Clone, Copy)]
struct Told {
    repaired: bool,
    departure: program::Departure,
    meeting: Option<DateTime<Utc>>,
}

/// Whether `person` still takes part (active or paused): they hear of a pair's end.
fn still_in(person: &ParticipantRow) -> bool {
    matches!(
        person.status,
        ParticipantStatus::Active | ParticipantStatus::Paused
    )
}

/// The side of `pair` that `person` is.
fn side_of(pair: &PairRef, person: i64) -> Role {
    if person == pair.mentor_id {
        Role::Mentor
    } else {
        Role::Mentee
    }
}

impl Ingest {
    pub(super) fn command(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        auth: &Authorized,
        command: &Command,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let sender = &auth.sender;
        let inbound = self.processed(
            tx,
            msg,
            InboundKind::Command,
            auth.pair.as_ref().map(|p| p.id),
            now,
        )?;
        let decision = program::decide(
            program::Person {
                status: sender.status,
            },
            program::Event::Command(command),
        );
        let asked = Asked {
            msg: Some(msg),
            pair: auth.pair.as_ref(),
            inbound,
            word: command.name.word(),
        };
        self.carry_out(tx, sender, &asked, decision, now)?;
        Ok(Outcome::Processed {
            kind: Handled::As(InboundKind::Command),
            inbound,
        })
    }

    /// Carries out the program's decision on what `person` asked: the change, then the
    /// answer, worded here.
    fn carry_out(
        &self,
        tx: &mut Tx<'_>,
        person: &ParticipantRow,
        asked: &Asked<'_>,
        decision: program::Decision,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // The answer goes to the address as it is now (FORGET ME erases it later).
        let to = self.person_view(person);
        let mut rematched = None;
        // The first meetings the change calls off: the answer cancels them.
        let mut cancels = Vec::new();
        match decision.change {
            None => {}
            Some(Change::Leave { audit, why }) => {
                cancels = self.leave(tx, person, audit, why, program::Departure::Left, now)?;
                let words = asked
                    .msg
                    .and_then(|m| m.inspection.text.as_deref())
                    .and_then(program::words_beside_command);
                tx.set_left_words(person.id, words.as_deref())?;
            }
            Some(Change::Pause { until }) => {
                tx.set_participant_status(
                    person.id,
                    ParticipantStatus::Paused,
                    until,
                    "paused",
                    now,
                )?;
                self.tell_partners_of_pause(tx, person, until, now)?;
            }
            Some(Change::Resume) => {
                tx.set_participant_status(
                    person.id,
                    ParticipantStatus::Active,
                    None,
                    "resumed",
                    now,
                )?;
            }
            Some(Change::SkipNextPrompt) => {
                tx.request_skip(person.id, asked.pair.map(|p| p.id), asked.inbound, now)?;
            }
            Some(Change::Rematch) => {
                let (words, cancelled) = self.rematch(tx, person, asked.pair, now)?;
                rematched = Some(words);
                cancels = cancelled;
            }
            Some(Change::AskToForget) => match asked.msg {
                Some(msg) => {
                    self.ask_to_forget(tx, msg, person, asked.inbound, now)?;
                    info!(
                        inbound = asked.inbound,
                        command = "FORGET ME",
                        "command waits for its confirmation"
                    );
                }
                None => warn!(person = person.id, "FORGET ME is asked for by email only"),
            },
        }
        let Some(reply) = decision.reply else {
            return Ok(());
        };
        let (about, said) = match reply {
            Reply::Help => (About::Command(CommandName::Help), Said::Help),
            Reply::AlreadyStopped => (About::Command(CommandName::Stop), Said::AlreadyStopped),
            Reply::Stopped => (About::Command(CommandName::Stop), Said::Stopped),
            Reply::LeftEarlier { command } => (About::Command(command), Said::LeftEarlier),
            Reply::PauseNotUnderstood { date } => (
                About::Command(CommandName::Pause),
                Said::PauseNotUnderstood { date },
            ),
            Reply::Paused { until } => (About::Command(CommandName::Pause), Said::Paused { until }),
            Reply::Resumed => (About::Command(CommandName::Resume), Said::Resumed),
            Reply::NotPaused => (About::Command(CommandName::Resume), Said::NotPaused),
            Reply::Skipped => (About::Command(CommandName::Skip), Said::Skipped),
            Reply::Rematched => (
                About::Command(CommandName::Rematch),
                rematched.unwrap_or(Said::NoPairingToChange),
            ),
            Reply::ConfirmFirst { command } => {
                (About::Command(command), Said::ConfirmFirst { command })
            }
        };
        self.answer(
            tx,
            asked.msg,
            Answer::CommandReply {
                person: to,
                command: about,
                detail: vec![said],
                inbound: asked.inbound,
                cancels,
            },
            now,
        )?;
        info!(
            inbound = asked.inbound,
            command = asked.word,
            "command done"
        );
        Ok(())
    }

    /// A one-click unsubscribe (RFC 8058) by `person`, whose signed unsubscribe token the
    /// listener verified: the program's rule for it (a STOP), carried out as for a STOP
    /// by email, in one transaction. `request_id` names the request (one per token and
    /// day): it is recorded as the request's inbound row, so a repeated click is a
    /// duplicate and changes nothing.
    ///
    /// # Errors
    /// The store failed: nothing was changed; the click may be tried again.
    pub fn unsubscribe_click(
        &mut self,
        store: &mut Store,
        person: i64,
        request_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Clicked, StoreError> {
        let dedup = crate::inbound::dedup::dedup_key(request_id.as_bytes(), Some(request_id));
        let clicked = store.write(|tx| {
            let key = dedup.key();
            if tx.inbound_known(&key)?.is_some() {
                return Ok(Clicked::Again);
            }
            let Some(row) = tx
                .participant_row_by_id(person)?
                .filter(|row| row.status != ParticipantStatus::Forgotten)
            else {
                return Ok(Clicked::Unknown);
            };
            let pair = tx.active_pairs_of(person)?.into_iter().next();
            let inbound = tx.insert_inbound(
                &NewInbound {
                    dedup_key: &key,
                    message_id: Some(request_id),
                    sha256: &dedup.sha256,
                    source: "one-click",
                    sender: Some(&row.email),
                    pair_id: pair.as_ref().map(|p| p.id),
                    classification: InboundKind::Command,
                    status: InboundStatus::Processed,
                    reason: Some("one-click unsubscribe (RFC 8058)"),
                    raw: None,
                },
                now,
            )?;
            let decision = program::decide(
                program::Person { status: row.status },
                program::Event::UnsubscribeClick,
            );
            let asked = Asked {
                msg: None,
                pair: pair.as_ref(),
                inbound,
                word: "STOP",
            };
            self.carry_out(tx, &row, &asked, decision, now)?;
            Ok::<_, StoreError>(Clicked::Done { inbound })
        })?;
        drain_drafts(|| self.compose_drafts(store, now));
        Ok(clicked)
    }

    /// Ends `pair` (the sender's) and finds both partners new partners where someone fits.
    /// Gives what the answer says and the sender's first meeting it calls off; the partner
    /// hears of that meeting in a `meeting_cancelled` email.
    pub(super) fn rematch(
        &self,
        tx: &mut Tx<'_>,
        sender: &ParticipantRow,
        pair: Option<&PairRef>,
        now: DateTime<Utc>,
    ) -> Result<(Said, Vec<Cancelled>), StoreError> {
        let Some(pair) = pair.filter(|p| p.active) else {
            return Ok((Said::NoPairingToChange, Vec::new()));
        };
        let partner = tx.participant_row_by_id(pair.other(sender.id))?;
        let state = tx.pairing_state()?;
        let mut replacements = Vec::new();
        if let Some(partner) = &partner {
            // The partner's new partner, with the sender out of the way; then the sender's.
            replacements.extend(self.replacements(&state, &sender.email, &partner.email));
            replacements.extend(self.replacements(&state, &partner.email, &sender.email));
        }
        let new_ids = tx.end_pair_with(pair, "ended by REMATCH", now, &replacements)?;
        let mut cancels = Vec::new();
        if let Some(start) = tx.take_proposed_meeting(pair.id, now)?
            && let Some(view) = self.pair_view(tx, pair, Some(sender), None)?
        {
            if let Some(partner) = partner.as_ref().filter(|p| still_in(p)) {
                let to = side_of(pair, partner.id);
                self.send(
                    tx,
                    &Email::MeetingCancelled {
                        pair: &view,
                        to,
                        start,
                    },
                    now,
                )?;
            }
            cancels.push(Cancelled { pair: view, start });
        }
        self.introduce(tx, pair, &replacements, &new_ids, now)?;
        tx.event(
            now,
            "rematch",
            Some(&format!("pair {}", pair.id)),
            Some(&format!(
                "ended at the request of participant {}; {} new pair(s)",
                sender.id,
                new_ids.len()
            )),
        )?;
        let sender_paired = replacements
            .iter()
            .any(|p| p.mentor == sender.email || p.mentee == sender.email);
        let said = if sender_paired {
            Said::Rematched
        } else {
            Said::RematchWaits
        };
        Ok((said, cancels))
    }

    /// New pairs for `orphan`, whose partner `leaving` goes, among people free now.
    pub(super) fn replacements(
        &self,
        state: &crate::store::PairingState,
        leaving: &str,
        orphan: &str,
    ) -> Vec<NewPair> {
        let request = Request {
            participants: &self.config.participants,
            settings: &self.config.pairing,
            history: &state.history,
            unavailable: &state.unavailable,
            reference_date: self.config.program.start,
        };
        match pairing::repair(&request, &state.current, &[leaving.to_string()]) {
            Ok(result) => result
                .pairs
                .into_iter()
                .filter(|p| p.mentor == orphan || p.mentee == orphan)
                .map(|p| NewPair {
                    mentor: p.mentor,
                    mentee: p.mentee,
                    score: p.score,
                    reasons: p.reasons,
                })
                .collect(),
            Err(err) => {
                warn!(error = %err, "cannot look for a new partner; HR can pair by hand");
                Vec::new()
            }
        }
    }

    /// The person leaves (STOP, FORGET ME, a complaint): status `stopped`, and their pairs
    /// end (`end_pairs_of`). Gives their first meetings still to come, which the answer to
    /// them (if one goes) cancels.
    pub(super) fn leave(
        &self,
        tx: &mut Tx<'_>,
        person: &ParticipantRow,
        event: &str,
        why: &str,
        departure: program::Departure,
        now: DateTime<Utc>,
    ) -> Result<Vec<Cancelled>, StoreError> {
        tx.set_participant_status(person.id, ParticipantStatus::Stopped, None, event, now)?;
        self.end_pairs_of(tx, person, why, departure, now)
    }

    /// Every pair of `person` ends (they left, or mail to them stopped getting through):
    /// each partner is given a new partner where someone fits, and told so
    /// (`partner_left`: a new partner now, at the next round, or none left), naming the
    /// one who left as `departure` allows. A first meeting still to come is cancelled: in
    /// the partner's `partner_left`, and in what is given back for the one who left.
    pub(super) fn end_pairs_of(
        &self,
        tx: &mut Tx<'_>,
        person: &ParticipantRow,
        why: &str,
        departure: program::Departure,
        now: DateTime<Utc>,
    ) -> Result<Vec<Cancelled>, StoreError> {
        let pairs = tx.active_pairs_of(person.id)?;
        let mut cancels = Vec::new();
        if pairs.is_empty() {
            return Ok(cancels);
        }
        let state = tx.pairing_state()?;
        for pair in &pairs {
            let partner = tx.participant_row_by_id(pair.other(person.id))?;
            let replacements = match &partner {
                Some(partner) => self.replacements(&state, &person.email, &partner.email),
                None => Vec::new(),
            };
            let new_ids = tx.end_pair_with(pair, why, now, &replacements)?;
            let meeting = tx.take_proposed_meeting(pair.id, now)?;
            if let Some(partner) = partner.filter(still_in) {
                let told = Told {
                    repaired: !new_ids.is_empty(),
                    departure,
                    meeting,
                };
                self.tell_partner(tx, pair, person, &partner, told, now)?;
            }
            if let Some(start) = meeting
                && let Some(view) = self.pair_view(tx, pair, Some(person), None)?
            {
                cancels.push(Cancelled { pair: view, start });
            }
            self.introduce(tx, pair, &replacements, &new_ids, now)?;
            tx.event(
                now,
                "pair_ended",
                Some(&format!("pair {}", pair.id)),
                Some(&format!("{why}; {} new pair(s)", new_ids.len())),
            )?;
        }
        Ok(cancels)
    }

    /// The pairs of everyone whose address was disabled for bouncing (a delivery report in
    /// this batch, or our relay refusing it since the last pass) end: their partner's own
    /// mail would bounce too, so they hear it and get a new partner where someone fits.
    /// HR's `reenable` brings the address back, and the next fill pairs them again.
    pub(super) fn part_from_the_unreachable(
        &self,
        tx: &mut Tx<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for id in tx.unreachable_in_pairs()? {
            if let Some(person) = tx.participant_row_by_id(id)? {
                // NOTE: the unreachable get no cancellation: no mail reaches them.
                self.end_pairs_of(
                    tx,
                    &person,
                    "mail to a partner stopped getting through",
                    program::Departure::Unreachable,
                    now,
                )?;
            }
        }
        Ok(())
    }

    /// Tells `partner` that `left` has left their `pair`, and what comes next by the
    /// program's rule (`program::after_partner_left`), cancelling the pair's first meeting
    /// when it was still to come. Queued before the new pair's introduction, so it reads
    /// first.
    fn tell_partner(
        &self,
        tx: &mut Tx<'_>,
        pair: &PairRef,
        left: &ParticipantRow,
        partner: &ParticipantRow,
        told: Told,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Some(view) = self.pair_view(tx, pair, Some(left), None)? else {
            return Ok(());
        };
        let next = program::after_partner_left(
            told.repaired,
            &program::rounds(&self.config),
            program::today(&self.config, now),
        );
        self.send(
            tx,
            &Email::PartnerLeft {
                pair: &view,
                to: side_of(pair, partner.id),
                next,
                departure: told.departure,
                cancel: told.meeting,
            },
            now,
        )
    }

    /// The partners of someone who paused for more than a week (or without an end day) are
    /// told the pairing waits (`program::partner_told_of_pause`), once per pause start.
    fn tell_partners_of_pause(
        &self,
        tx: &mut Tx<'_>,
        person: &ParticipantRow,
        until: Option<chrono::NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let today = program::today(&self.config, now);
        if !program::partner_told_of_pause(until, today) {
            return Ok(());
        }
        for pair in tx.active_pairs_of(person.id)? {
            let Some(partner) = tx.participant_row_by_id(pair.other(person.id))? else {
                continue;
            };
            if partner.status != ParticipantStatus::Active {
                continue;
            }
            let Some(view) = self.pair_view(tx, &pair, Some(person), None)? else {
                continue;
            };
            let to = if partner.id == pair.mentor_id {
                Role::Mentor
            } else {
                Role::Mentee
            };
            let email = Email::PartnerPaused {
                pair: &view,
                to,
                on: today,
                until,
            };
            self.send(tx, &email, now)?;
        }
        Ok(())
    }

    /// Queues the introductions of pairs just added to `ended`'s round.
    pub(super) fn introduce(
        &self,
        tx: &mut Tx<'_>,
        ended: &PairRef,
        added: &[NewPair],
        ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for (new, &id) in added.iter().zip(ids) {
            let Some(pair) = tx.pair_ref(id)? else {
                continue;
            };
            let reasons = vec![new.reasons.clone()];
            if let Some(view) = self.pair_view(tx, &pair, None, Some(reasons))? {
                debug!(
                    pair = id,
                    replaces = ended.id,
                    "introducing a replacement pair"
                );
                self.send(tx, &Email::Intro { pair: &view }, now)?;
            }
        }
        Ok(())
    }
}
