//! The batch and transaction strategy of [`Ingest`]: the pure stages in parallel, then one
//! write transaction per batch with a savepoint per message, the drafts composed after.

use super::*;

impl Ingest {
    /// Runs the pure stages on every message, then commits their effects in one
    /// transaction, then composes the answers drafted (see [`Ingest::compose_drafts`]).
    /// The outcomes are in the order of `batch`; a message may be acknowledged to its
    /// source once this returned `Ok` and its outcome says so.
    ///
    /// # Errors
    /// The batch could not be committed: nothing of it is stored, acknowledge nothing.
    pub fn process(
        &mut self,
        store: &mut Store,
        batch: &[Incoming],
        now: DateTime<Utc>,
    ) -> Result<Vec<Outcome>, IngestError> {
        self.learn_pairs(store, now)?;
        let inspections = self.inspect_all(batch, now);
        let outcomes = self.commit(store, batch, &inspections, now)?;
        drain_drafts(|| self.compose_drafts(store, now));
        Ok(outcomes)
    }

    /// Processes a stream of batches, one transaction each, with the reading and pure
    /// stages of the next batch running on other threads while a batch commits. The
    /// answers it drafts wait for [`Ingest::compose_all_drafts`]: the source calls it once
    /// it has nothing more to read, so that a flood of mail is logged and acknowledged
    /// first and answered right after. Each
    /// message comes with a tag of the source's (a file name); `committed` hears each
    /// committed batch's tags and outcomes at once, so the source can acknowledge them. The
    /// store is locked only while a batch commits. An empty stream still commits once (a
    /// tick: pauses end on their day even when no mail comes).
    ///
    /// # Errors
    /// A batch could not be committed: it and the batches after it are not stored;
    /// acknowledge none of them.
    pub fn process_stream<T: Send>(
        &mut self,
        store: &Mutex<Store>,
        batches: impl Iterator<Item = Vec<(T, Incoming)>> + Send,
        now: DateTime<Utc>,
        mut committed: impl FnMut(Vec<T>, Vec<Outcome>),
    ) -> Result<(), IngestError> {
        self.ctx.received = now;
        self.learn_pairs(&store.lock_or_recover(), now)?;
        let this = &*self;
        type Inspected<T> = (Vec<T>, Vec<Incoming>, Vec<Inspection>);
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Inspected<T>>(1);
            scope.spawn(move || {
                for batch in batches {
                    let (tags, messages): (Vec<T>, Vec<Incoming>) = batch.into_iter().unzip();
                    let inspections = this.inspect_many(&messages);
                    if send.send((tags, messages, inspections)).is_err() {
                        break;
                    }
                }
            });
            let mut ticked = false;
            for (tags, messages, inspections) in receive {
                let mut store = store.lock_or_recover();
                let outcomes = this.commit(&mut store, &messages, &inspections, now)?;
                drop(store);
                ticked = true;
                committed(tags, outcomes);
            }
            if !ticked {
                let mut store = store.lock_or_recover();
                this.commit(&mut store, &[], &[], now)?;
            }
            Ok(())
        })
    }

    /// Learns since when each participant is paired (in their time zone), so that a date
    /// before their pair began is not read as their meeting's day but asked back. Learned
    /// again only on a new day or once a pair was made: what else changes (a pair ended)
    /// can only make what is known an earlier day, which reads more dates, never fewer.
    ///
    /// # Errors
    /// The store could not be read.
    pub fn learn_pairs(&mut self, store: &Store, now: DateTime<Utc>) -> Result<(), StoreError> {
        let learned = (now.date_naive(), store.newest_pair()?);
        if self.pairs_learned == Some(learned) {
            return Ok(());
        }
        self.pairs_learned = Some(learned);
        let since = store.paired_since()?;
        self.ctx.paired_since = since
            .into_iter()
            .map(|(email, at)| {
                let tz = self
                    .by_email
                    .get(&email)
                    .and_then(|i| self.config.participants.get(*i))
                    .map_or(self.config.program.timezone, |p| p.timezone);
                (email, at.with_timezone(&tz).date_naive())
            })
            .collect();
        Ok(())
    }

    /// The pure stages on every message, on several threads for a large batch.
    pub fn inspect_all(&mut self, batch: &[Incoming], now: DateTime<Utc>) -> Vec<Inspection> {
        self.ctx.received = now;
        self.inspect_many(batch)
    }

    /// The pure stages on every message, with the context as it is.
    pub(super) fn inspect_many(&self, batch: &[Incoming]) -> Vec<Inspection> {
        let threads = if batch.len() >= 64 { self.workers } else { 1 };
        // NOTE: `inspect` catches its own panics; `in_parallel` redoes the share of a thread
        // that died anyway.
        in_parallel(batch, threads, |m| inspect(&m.raw, &self.ctx))
    }

    /// Commits the effects of inspected messages in one IMMEDIATE transaction; also ends
    /// pauses whose day has come and re-marks forgotten people HR's file added back.
    ///
    /// # Errors
    /// As [`Ingest::process`].
    pub fn commit(
        &self,
        store: &mut Store,
        batch: &[Incoming],
        inspections: &[Inspection],
        now: DateTime<Utc>,
    ) -> Result<Vec<Outcome>, IngestError> {
        // NOTE: optimistic first: every message acts in the one transaction with no
        // savepoint of its own (a savepoint per message cost a tenth of the commit). Should
        // one message fail on its data (or panic), the whole attempt is rolled back and
        // the batch runs again with a savepoint per message, quarantining that one.
        match self.commit_as(store, batch, inspections, now, false) {
            Err(Attempt::MessageFailed) => {
                warn!("a message failed in its batch; running the batch again message by message");
                self.commit_as(store, batch, inspections, now, true)
            }
            other => other,
        }
        .map_err(|attempt| match attempt {
            Attempt::Store(err) => IngestError::Store(err),
            Attempt::MessageFailed => {
                IngestError::Task("a message failed even on its own".to_string())
            }
        })
    }

    pub(super) fn commit_as(
        &self,
        store: &mut Store,
        batch: &[Incoming],
        inspections: &[Inspection],
        now: DateTime<Utc>,
        careful: bool,
    ) -> Result<Vec<Outcome>, Attempt> {
        let checked = self.checked_participants.load(Ordering::Relaxed);
        self.erased.lock_or_recover().clear();
        let (outcomes, seen) = store.write(|tx| {
            let resumed = tx.resume_due_pauses(now)?;
            if !resumed.is_empty() {
                info!(count = resumed.len(), "pauses ended on their day");
            }
            // Whoever paused until today hears that mail starts again, so the next prompt
            // is no surprise.
            let today = crate::program::today(&self.config, now);
            for id in resumed {
                if let Some(row) = tx.participant_row_by_id(id)? {
                    let person = self.person_view(&row);
                    self.send(tx, &Email::PauseEnded { person: &person, on: today }, now)?;
                }
            }
            let (seen, marked) = tx.reforget_readded(checked, &|e| self.marker(e), now)?;
            if !marked.is_empty() {
                warn!(
                    count = marked.len(),
                    "participants who asked to be forgotten are listed again; nothing is sent to them"
                );
            }
            let mut outcomes = Vec::with_capacity(batch.len());
            for (incoming, inspection) in batch.iter().zip(inspections) {
                outcomes.push(self.one(tx, incoming, inspection, now, careful)?);
            }
            self.part_from_the_unreachable(tx, now)?;
            Ok::<_, Attempt>((outcomes, seen))
        })?;
        self.checked_participants.store(seen, Ordering::Relaxed);
        let erased = std::mem::take(&mut *self.erased.lock_or_recover());
        if !erased.is_empty() {
            self.erase_outside_the_store(store, &erased);
        }
        Ok(outcomes)
    }

    pub(super) fn one(
        &self,
        tx: &mut Tx<'_>,
        incoming: &Incoming,
        inspection: &Inspection,
        now: DateTime<Utc>,
        careful: bool,
    ) -> Result<Outcome, Attempt> {
        let cut_off = incoming.cut_off || inspection.is_temporary();
        if cut_off && incoming.attempts + 1 < MAX_ATTEMPTS {
            return Ok(Outcome::Retry {
                reason: inspection
                    .reason
                    .clone()
                    .filter(|_| !incoming.cut_off)
                    .unwrap_or_else(|| {
                        "the message arrived incomplete; it will be fetched again".to_string()
                    }),
            });
        }
        let computed;
        let computed_key;
        let (key, sha256) = match (&inspection.dedup_key, &inspection.sha256) {
            (Some(key), Some(sha)) => (key.as_str(), sha.as_str()),
            _ => {
                computed = dedup_key(&incoming.raw, None);
                computed_key = computed.key();
                (computed_key.as_str(), computed.sha256.as_str())
            }
        };
        if let Some(known) = tx.inbound_known(key)? {
            if known.sha256 != sha256 {
                info!(
                    inbound = known.id,
                    "a message id seen before arrived with other bytes; treated as the same message"
                );
            }
            debug!(inbound = known.id, "duplicate message ignored");
            return Ok(Outcome::Duplicate);
        }
        let reread = self.against_prompt(tx, inspection)?;
        let inspection = reread.as_ref().unwrap_or(inspection);
        let msg = Msg {
            incoming,
            inspection,
            key,
            sha256,
            found: self.tokens.find(&inspection.addressing.recipients),
            held: None,
        };
        if careful {
            tx.savepoint()?;
        }
        let acted = catch_unwind(AssertUnwindSafe(|| self.act(tx, &msg, now)));
        let failure = match acted {
            Ok(Ok(outcome)) => {
                if careful {
                    tx.release_savepoint()?;
                }
                return Ok(outcome);
            }
            Ok(Err(err)) if is_transient(&err) => return Err(Attempt::Store(err)),
            _ if !careful => return Err(Attempt::MessageFailed),
            Ok(Err(err)) => format!("the message could not be stored ({err}); kept for review"),
            Err(_) => "internal error while acting on the message; kept for review".to_string(),
        };
        tx.rollback_savepoint()?;
        warn!(reason = %failure, "message quarantined");
        Ok(self.quarantine(tx, &msg, &failure, now)?)
    }

    pub(super) fn record(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        entry: Entry<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let i = msg.inspection;
        if let Some(held) = msg.held {
            tx.settle_inbound(
                held,
                entry.status,
                entry.classification,
                entry.reason,
                entry.pair,
            )?;
            return Ok(held);
        }
        tx.insert_inbound(
            &NewInbound {
                dedup_key: msg.key,
                message_id: i.message_id.as_deref(),
                sha256: msg.sha256,
                source: msg.incoming.source,
                sender: i.from.as_deref(),
                pair_id: entry.pair,
                classification: entry.classification,
                status: entry.status,
                reason: entry.reason,
                raw: entry.keep_raw.then_some(msg.incoming.raw.as_slice()),
            },
            now,
        )
    }
}

/// Runs `round` until no draft is left; a store failure is logged, not returned: the
/// messages are committed already, and their drafts wait for the next pass.
pub(super) fn drain_drafts(mut round: impl FnMut() -> Result<usize, StoreError>) {
    let mut queued = 0;
    loop {
        match round() {
            Ok(0) => break,
            Ok(n) => queued += n,
            Err(err) => {
                warn!(error = %err, "cannot compose the drafted answers now; they are composed on the next pass");
                break;
            }
        }
    }
    if queued > 0 {
        info!(answers = queued, "drafted answers composed into the outbox");
    }
}
