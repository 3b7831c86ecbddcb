//! A person's commands (HELP, STOP, PAUSE, RESUME, SKIP, REMATCH, FORGET ME) and what
//! leaving does to their pairs: ended, and partners re-paired where someone fits.

use super::*;

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
        // The answer goes to the address as it is now (FORGET ME erases it below).
        let to = self.person_view(sender);
        let stopped = sender.status == ParticipantStatus::Stopped;
        let coordinator = &self.config.program.coordinator;
        let name = &self.config.program.name;
        let (word, detail) = match command.name {
            CommandName::Help => (
                "HELP",
                "Here is what you can tell us. Write one of these alone on the first line of a reply.".to_string(),
            ),
            CommandName::Stop if stopped => (
                "STOP",
                "You had already left the program; nothing more will be sent to you.".to_string(),
            ),
            CommandName::Stop => {
                self.leave(tx, sender, "stopped", "a participant said STOP", now)?;
                (
                    "STOP",
                    format!("You have left {name}. This is the last email you will get from us."),
                )
            }
            CommandName::ForgetMe => {
                // NOTE: nothing is erased on a message's word: the person confirms by
                // answering an email that only their own mailbox receives.
                self.ask_to_forget(tx, msg, sender, inbound, now)?;
                info!(inbound, command = "FORGET ME", "command waits for its confirmation");
                return Ok(Outcome::Processed {
                    kind: "command".to_string(),
                    inbound,
                });
            }
            _ if stopped => (
                word_of(command.name),
                format!(
                    "You left the program earlier (STOP), so nothing was changed. To come back, write to {coordinator}."
                ),
            ),
            CommandName::Pause => match (&command.problem, command.until) {
                (Some(problem), _) => (
                    "PAUSE",
                    format!("Nothing was changed: we {problem}."),
                ),
                (None, until) => {
                    tx.set_participant_status(sender.id, ParticipantStatus::Paused, until, "paused", now)?;
                    let detail = match until {
                        Some(day) => format!(
                            "You are paused until {}: emails start again on that day, or earlier if you reply RESUME.",
                            day.format("%A %-d %B %Y")
                        ),
                        None => "You are paused: no prompts or reminders until you reply RESUME."
                            .to_string(),
                    };
                    ("PAUSE", detail)
                }
            },
            CommandName::Resume => {
                let detail = if sender.status == ParticipantStatus::Paused {
                    tx.set_participant_status(sender.id, ParticipantStatus::Active, None, "resumed", now)?;
                    "Welcome back: you will get prompts and reminders again."
                } else {
                    "You were not paused, so nothing changed: you get prompts and reminders as usual."
                };
                ("RESUME", detail.to_string())
            }
            CommandName::Skip => {
                tx.request_skip(sender.id, auth.pair.as_ref().map(|p| p.id), inbound, now)?;
                (
                    "SKIP",
                    "Done: your next prompt will be skipped. Everything else stays as it is."
                        .to_string(),
                )
            }
            CommandName::Rematch => ("REMATCH", self.rematch(tx, sender, auth.pair.as_ref(), now)?),
        };
        self.answer(
            tx,
            Some(msg),
            Answer::CommandReply {
                person: to,
                command: word.to_string(),
                detail,
                inbound,
            },
            now,
        )?;
        info!(inbound, command = word, "command done");
        Ok(Outcome::Processed {
            kind: "command".to_string(),
            inbound,
        })
    }

    /// Ends `pair` (the sender's) and finds both partners new partners where someone fits.
    pub(super) fn rematch(
        &self,
        tx: &mut Tx<'_>,
        sender: &ParticipantRow,
        pair: Option<&PairRef>,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        let Some(pair) = pair.filter(|p| p.active) else {
            return Ok(
                "You have no current pairing to change, so nothing was changed. You will be paired at the next round."
                    .to_string(),
            );
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
        Ok(if sender_paired {
            "Your pairing has ended and you have a new partner: an introduction is on its way."
        } else {
            "Your pairing has ended. Nobody who fits is free right now; you will be paired again as soon as someone is, at the latest at the next round."
        }
        .to_string())
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

    /// The person leaves (STOP, FORGET ME, a complaint): status `stopped`, every pair of
    /// theirs ended, and each partner given a new partner where someone fits.
    pub(super) fn leave(
        &self,
        tx: &mut Tx<'_>,
        person: &ParticipantRow,
        event: &str,
        why: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        tx.set_participant_status(person.id, ParticipantStatus::Stopped, None, event, now)?;
        let pairs = tx.active_pairs_of(person.id)?;
        if pairs.is_empty() {
            return Ok(());
        }
        let state = tx.pairing_state()?;
        for pair in &pairs {
            let partner = tx.participant_row_by_id(pair.other(person.id))?;
            let replacements = match &partner {
                Some(partner) => self.replacements(&state, &person.email, &partner.email),
                None => Vec::new(),
            };
            let new_ids = tx.end_pair_with(pair, why, now, &replacements)?;
            self.introduce(tx, pair, &replacements, &new_ids, now)?;
            tx.event(
                now,
                "pair_ended",
                Some(&format!("pair {}", pair.id)),
                Some(&format!("{why}; {} new pair(s)", new_ids.len())),
            )?;
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
