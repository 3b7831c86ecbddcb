//! Owns the inbound orchestrator: runs the pure stages on a batch of messages (in parallel),
//! then routes, authorizes and acts on each one inside ONE write transaction per batch: the
//! message record, the session and feedback, participants' status changes from commands,
//! pair changes, bounce and complaint marks, and the drafts of the emails that answer (a
//! confirmation, a command's answer, a rate-limited notice to a refused sender), all
//! committed together. The caller acknowledges a message to its source only after
//! [`Ingest::process`] (or [`Ingest::commit`]) returned (invariant 2). The drafts are then
//! composed into the outbox ([`Ingest::compose_drafts`]): by `process` at once, by the
//! daemon's reader once it has read what was waiting. [`sources`] holds the loops that feed
//! it from a Maildir or IMAP.
//! Does not parse, classify, trim or extract (the stages in `inbound` do), speak SQL (the
//! store does) or render email (outbound does).
//!
//! Decisions:
//! - Answers are drafted, not composed, in the batch's transaction: composing (templates,
//!   headers, tokens, MIME) cost as much as everything else a reply needs at commit, and a
//!   flood of replies is better logged and acknowledged first. A draft holds what the email
//!   says as it was at the commit (JSON); composing it later gives the same email. A draft
//!   is deleted in the transaction that queues its email, so it is composed exactly once,
//!   after a crash too; erasing a person drops what was drafted to them.
//! - A message is recorded once under its dedup key (Message-ID, else the bytes' SHA-256);
//!   the same Message-ID with other bytes (one message delivered to two of our addresses)
//!   is the same message, logged and not acted on twice.
//! - Each message acts inside a savepoint: a failure caused by its data (or a bug) rolls
//!   back that message only and quarantines it with the reason, so one poison message
//!   cannot block the rest; a failure of the database itself (busy, locked, disk full)
//!   fails the whole batch, which the source offers again later.
//! - A message cut off in transfer is offered again; the third time it is quarantined.
//! - Auto-replies, delivery reports, read receipts and bounces never get an answer; a
//!   refused participant gets at most one notice per address and day, never naming the
//!   pair, and none after STOP; a stranger gets none, whatever address or token they wrote
//!   to (that would be backscatter to forged senders); mail from our own addresses is
//!   recorded as refused and answered to nobody.
//! - A conversation (partners writing without session facts) counts as contact, unanswered.
//! - STOP, FORGET ME and a complaint end the person's pairs; REMATCH ends the one pair.
//!   Their partners (and, for REMATCH, the person) get new partners at once when someone
//!   free fits (`pairing::repair`), with an introduction queued; HR sees an event.
//! - FORGET ME needs a second FORGET ME within seven days; then the person's personal data
//!   is erased (see `Tx::forget_participant`) and the answer is the last email they get.

mod confirm;
mod erase;
pub mod sources;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use tracing::{debug, info, warn};

use super::classify::{Command, CommandName};
use super::correction::{confirmed, correction};
use super::dedup::dedup_key;
use super::route::{Authorized, Found, Need, Refusal, Routing, Tokens, authorize, route};
use super::{Context, Inspection, inspect};
use crate::config::{Config, Role};
use crate::outbound::token::Purpose;
use crate::outbound::{
    ChallengeView, Composer, Email, OutboundError, PairView, PersonView, SessionView, Side,
};
use crate::pairing::{self, Request};
use crate::store::{
    Draft, Forgotten, NewDraft, NewInbound, NewPair, PairRef, ParticipantRow, Report, Store,
    StoreError, Tx, is_transient,
};
use crate::sync::LockExt;

/// The thread an answer to this message continues: the first and the last few of its
/// `References`, then its own Message-ID, each in angle brackets (RFC 5322 §3.6.4). `None`
/// for a message without a Message-ID.
fn thread_of(i: &Inspection) -> Option<String> {
    const KEPT: usize = 8;
    let own = i.message_id.as_deref()?;
    let refs = &i.addressing.references;
    let chosen = refs
        .iter()
        .take(1)
        .chain(
            refs.iter()
                .skip(1)
                .skip(refs.len().saturating_sub(KEPT + 1)),
        )
        .filter(|r| r.as_str() != own);
    let mut chain: Vec<String> = chosen.map(|r| format!("<{r}>")).collect();
    chain.push(format!("<{own}>"));
    Some(chain.join(" "))
}

/// A message cut off in transfer is offered this many times, then quarantined.
pub const MAX_ATTEMPTS: u32 = 3;
/// The rate-limit key of notices to refused senders: one per address and day, for any
/// reason (the reason itself is recorded on the refused message).
const NOTICE_KEY: &str = "refused";
/// Drafted answers composed in one transaction.
const DRAFT_BATCH: usize = 1024;
/// How long a FORGET ME, or a message held for its sender's confirmation, waits for it.
const CONFIRM_WINDOW: Duration = Duration::days(7);

/// One message as a source hands it over.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub raw: Vec<u8>,
    /// `maildir`, `imap` or `stdin`, as recorded.
    pub source: &'static str,
    /// How many times the source offered it before without it being acknowledged.
    pub attempts: u32,
    /// The source knows the bytes are incomplete (an IMAP fetch shorter than announced).
    pub cut_off: bool,
}

impl Incoming {
    /// A message offered for the first time.
    pub fn new(raw: Vec<u8>, source: &'static str) -> Incoming {
        Incoming {
            raw,
            source,
            attempts: 0,
            cut_off: false,
        }
    }
}

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Recorded and acted on (or recorded and ignored, for automated mail).
    Processed { kind: String, inbound: i64 },
    /// Recorded before (same Message-ID or same bytes): nothing was done.
    Duplicate,
    /// Kept with its raw bytes and the reason, for review.
    Quarantined { reason: String, inbound: i64 },
    /// Recorded as refused, with the reason.
    Refused { reason: String, inbound: i64 },
    /// Recorded as refused but answered to nobody, not even by the MTA: mail with no sender
    /// or from our own address (a loop).
    Dropped { reason: String, inbound: i64 },
    /// Not recorded: the source should offer it again later.
    Retry { reason: String },
}

impl Outcome {
    /// Whether the source may now forget the message (move it, flag it, exit 0).
    pub fn acknowledge(&self) -> bool {
        !matches!(self, Outcome::Retry { .. })
    }
}

/// Why a batch could not be committed. The source keeps every message of it.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot store the messages: {0}")]
    Store(#[from] StoreError),
    /// The thread running the batch died; nothing of it was committed.
    #[error("the batch could not be run: {0}")]
    Task(String),
}

impl IngestError {
    /// Whether trying again later may succeed (a busy or full database).
    pub fn is_temporary(&self) -> bool {
        match self {
            IngestError::Store(e) => is_transient(e),
            IngestError::Task(_) => true,
        }
    }
}

/// The inbound pipeline of one program: its config, the composer that answers, the token
/// patterns routing reads, and the pure stages' context.
pub struct Ingest {
    config: Arc<Config>,
    composer: Composer,
    tokens: Tokens,
    ctx: Context,
    /// Config participants by address: offers, wants and hours for emails.
    by_email: HashMap<String, usize>,
    /// Participants up to this id were checked against forgotten addresses.
    checked_participants: AtomicI64,
    /// Threads for the pure stages of a large batch, and for composing its answers.
    workers: usize,
    /// People erased by the batch being committed: their mail outside the database goes
    /// once the batch is committed.
    erased: Mutex<Vec<Forgotten>>,
}

impl std::fmt::Debug for Ingest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ingest")
            .field("program", &self.config.program.name)
            .finish()
    }
}

/// One message being acted on, with what every step needs.
struct Msg<'a> {
    incoming: &'a Incoming,
    inspection: &'a Inspection,
    key: &'a str,
    sha256: &'a str,
    found: Found,
    /// A message held for confirmation, being applied now that its sender confirmed it:
    /// its row in the log, which acting settles instead of adding another.
    held: Option<i64>,
}

/// An email answering a message: drafted (as JSON) with the message's effects, composed
/// into the outbox once the batch committed.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
enum Answer {
    Confirmation {
        pair: PairView,
        to: Side,
        session: SessionView,
        inbound: i64,
    },
    CommandReply {
        person: PersonView,
        command: String,
        detail: String,
        inbound: i64,
    },
    Challenge {
        person: PersonView,
        challenge: ChallengeView,
    },
}

impl Answer {
    fn email(&self) -> Email<'_> {
        match self {
            Answer::Confirmation {
                pair,
                to,
                session,
                inbound,
            } => Email::Confirmation {
                pair,
                to: *to,
                session,
                inbound: *inbound,
            },
            Answer::CommandReply {
                person,
                command,
                detail,
                inbound,
            } => Email::CommandReply {
                person,
                command,
                detail,
                inbound: *inbound,
            },
            Answer::Challenge { person, challenge } => Email::Challenge { person, challenge },
        }
    }
}

/// A composed answer, or why it could not be composed, under its key.
type Composing = (
    String,
    Result<crate::outbound::compose::Composed, OutboundError>,
);

/// Why one attempt at committing a batch failed.
enum Attempt {
    /// The database failed: the whole batch waits.
    Store(StoreError),
    /// One message failed on its data: the batch runs again, message by message.
    MessageFailed,
}

impl From<StoreError> for Attempt {
    fn from(err: StoreError) -> Self {
        Attempt::Store(err)
    }
}

/// How a message is recorded.
struct Entry<'a> {
    /// `processed`, `quarantined` or `refused`.
    status: &'a str,
    classification: &'a str,
    reason: Option<&'a str>,
    pair: Option<i64>,
    /// Keep the raw bytes (everything but auto-replies and receipts).
    keep_raw: bool,
}

impl Ingest {
    /// The pipeline of `config`, with its templates and signing key.
    ///
    /// # Errors
    /// The templates do not load, or there is no signing key.
    pub fn new(config: Arc<Config>) -> Result<Ingest, OutboundError> {
        let composer = Composer::new(Arc::clone(&config))?;
        Ok(Ingest::with_composer(composer))
    }

    /// The pipeline answering through `composer` (whose config and key it uses).
    pub fn with_composer(composer: Composer) -> Ingest {
        let config = Arc::clone(&composer.config);
        let tokens = Tokens::new(
            &config.program.reply_to,
            config.program.bounce_address.as_deref(),
            composer.key().clone(),
        );
        let by_email = config
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.email.clone(), i))
            .collect();
        Ingest {
            ctx: Context::from_config(&config, DateTime::<Utc>::UNIX_EPOCH),
            config,
            composer,
            tokens,
            by_email,
            checked_participants: AtomicI64::new(0),
            erased: Mutex::new(Vec::new()),
            workers: std::thread::available_parallelism().map_or(1, usize::from),
        }
    }

    /// The program this pipeline serves.
    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

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

    /// The pure stages on every message, on several threads for a large batch.
    pub fn inspect_all(&mut self, batch: &[Incoming], now: DateTime<Utc>) -> Vec<Inspection> {
        self.ctx.received = now;
        self.inspect_many(batch)
    }

    /// The pure stages on every message, with the context as it is.
    fn inspect_many(&self, batch: &[Incoming]) -> Vec<Inspection> {
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

    fn commit_as(
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
            tx.keep_statements();
            let resumed = tx.resume_due_pauses(now)?;
            if !resumed.is_empty() {
                info!(count = resumed.len(), "pauses ended on their day");
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
            Ok::<_, Attempt>((outcomes, seen))
        })?;
        self.checked_participants.store(seen, Ordering::Relaxed);
        let erased = std::mem::take(&mut *self.erased.lock_or_recover());
        if !erased.is_empty() {
            self.erase_outside_the_store(store, &erased);
        }
        Ok(outcomes)
    }

    fn one(
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

    fn record(
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

    /// Records a message acted on, with its raw bytes and the pipeline's reason.
    fn processed(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        classification: &str,
        pair: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let entry = Entry {
            status: "processed",
            classification,
            reason: msg.inspection.reason.as_deref(),
            pair,
            keep_raw: true,
        };
        self.record(tx, msg, entry, now)
    }

    fn quarantine(
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
                status: "quarantined",
                classification: "quarantined",
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

    fn act(
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
        let person_mail = matches!(i.kind, "reply" | "conversation" | "command");
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
            "tempfail" => {
                let why = format!(
                    "{reason}; offered {} times, kept for review",
                    msg.incoming.attempts + 1
                );
                self.quarantine(tx, msg, &why, now)
            }
            "bounce" => self.bounce(tx, msg, now),
            _ if token_purpose == Some(Purpose::Bounce)
                && (person_mail || i.kind == "quarantined") =>
            {
                // NOTE: only mail systems write to a VERP envelope address; what arrives
                // there is a failed delivery even when no report can be read from it.
                self.bounce(tx, msg, now)
            }
            _ if token_purpose == Some(Purpose::Unsubscribe)
                && (person_mail || (i.kind == "quarantined" && parsed_person)) =>
            {
                let stop = Command {
                    name: CommandName::Stop,
                    until: None,
                    problem: None,
                };
                self.person(tx, msg, Some(&stop), now)
            }
            _ if token_purpose == Some(Purpose::Confirm) && person_mail => {
                self.confirm(tx, msg, now)
            }
            "reply" | "conversation" => self.person(tx, msg, None, now),
            "command" => self.person(tx, msg, i.command.as_ref(), now),
            "quarantined" => self.quarantine(tx, msg, reason, now),
            "rejected" => {
                let inbound = self.record(
                    tx,
                    msg,
                    Entry {
                        status: "refused",
                        classification: "rejected",
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
            "complaint" => self.complaint(tx, msg, now),
            "auto_reply" | "read_receipt" | "delivery_report" | "delayed" => {
                let inbound = self.record(
                    tx,
                    msg,
                    Entry {
                        status: "processed",
                        classification: i.kind,
                        reason: i.reason.as_deref(),
                        pair: None,
                        keep_raw: false,
                    },
                    now,
                )?;
                Ok(Outcome::Processed {
                    kind: i.kind.to_string(),
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
    fn bounce(
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
                    .filter(|r| r.action == super::classify::DeliveryAction::Failed)
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
            if !super::classify::is_hard_bounce(status.as_deref()) {
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
        let inbound = self.processed(tx, msg, "bounce", pair_id, now)?;
        Ok(Outcome::Processed {
            kind: "bounce".to_string(),
            inbound,
        })
    }

    /// A spam complaint stops all mail to the address that complained, as STOP does
    /// (without an answer), once it is shown to be about our mail: it carries our own message
    /// (its Message-ID, or our signed token in its addresses) or comes from a configured
    /// feedback-loop sender. An `X-Apple-Unsubscribe` header counts only on mail to a
    /// person's own unsubscribe token. An authentication-failure report is only recorded.
    fn complaint(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let Some(complaint) = i.complaint.as_ref() else {
            let inbound = self.processed(tx, msg, "complaint", None, now)?;
            return Ok(Outcome::Processed {
                kind: "complaint".to_string(),
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
            status: "processed",
            classification: "complaint",
            reason: Some(why),
            pair: None,
            keep_raw: true,
        };
        let inbound = self.record(tx, msg, entry, now)?;
        if !auth_failure && let Some(person) = who {
            self.leave(tx, &person, "complaint", "a complaint about our mail", now)?;
            info!(
                participant = person.id,
                "complaint: no more mail to this address"
            );
        } else {
            info!(inbound, reason = why, "complaint recorded; nobody stopped");
        }
        Ok(Outcome::Processed {
            kind: "complaint".to_string(),
            inbound,
        })
    }

    /// A person's mail: route, authorize, then a report, a conversation or a command.
    fn person(
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
        let need = if command.is_some() {
            Need::Command
        } else {
            Need::Pair
        };
        let routing = route(msg.found, &i.addressing, &*tx)?;
        let unrouted = routing == Routing::Unrouted;
        let auth = match authorize(routing, sender, need, &*tx)? {
            Ok(auth) => auth,
            Err(refusal) => return self.refuse(tx, msg, refusal, unrouted, now),
        };
        // NOTE: the From header proves nothing. What a person's address sent counts as theirs
        // only with their own reply token, their mail server's word, or their confirmation;
        // FORGET ME is always confirmed through its own token, so it needs no proof here.
        let forget = command.is_some_and(|c| c.name == CommandName::ForgetMe);
        if msg.held.is_none() && !forget && !confirm::proven(msg, &auth) {
            return self.challenge(tx, msg, &auth, command, now);
        }
        // A participant writing from an address disabled for bouncing shows it works again.
        if let Some(from) = i.from.as_deref()
            && tx.reset_bounces(from, "the participant wrote to the program", now)?
        {
            info!("mail from an address with bounces: its bounce score is cleared");
        }
        match command {
            Some(command) => self.command(tx, msg, &auth, command, now),
            None => self.report(tx, msg, &auth, now),
        }
    }

    fn refuse(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        refusal: Refusal,
        unrouted: bool,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let i = msg.inspection;
        let classification = if unrouted { "unrouted" } else { i.kind };
        let inbound = self.record(
            tx,
            msg,
            Entry {
                status: "refused",
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
        let sender = tx.participant_row(from)?.filter(|s| s.status != "stopped");
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
                    command: "message not logged".to_string(),
                    detail: refusal.notice().to_string(),
                    inbound,
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
    fn report(
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
        let is_report = i.kind == "reply";
        let inbound = self.processed(tx, msg, i.kind, Some(pair.id), now)?;
        if !is_report {
            tx.touch_contact(pair.id, day)?;
            return Ok(Outcome::Processed {
                kind: "conversation".to_string(),
                inbound,
            });
        }
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
            flagged: !i.unparsed.is_empty(),
            cancelled_by: None,
        };
        let text = i.text.as_deref().unwrap_or("");
        let date_stated = session.date.is_some();
        let token_report = self.tokens.report(&i.addressing.recipients);
        let who = (pair.id, sender.id);
        let correction = correction(&i.addressing, token_report, text, who, date_stated, &*tx)?;
        let recorded = tx.record_report(&report, correction, now)?;
        debug!(inbound, outcome = ?recorded.outcome, "report recorded");
        if let Some(view) = self.pair_view(tx, pair, Some(sender), None)?
            && let Some(side) = side(pair, sender.id)
        {
            let logged = SessionView {
                met: session.met == Some(true),
                date: (session.met == Some(true)).then_some(report.date),
                minutes: session.minutes,
                topics: report.topics.clone(),
                rating: session.rating,
                taken_as: None,
            };
            let logged = confirmed(recorded, logged);
            self.answer(
                tx,
                Some(msg),
                Answer::Confirmation {
                    pair: view,
                    to: side,
                    session: logged,
                    inbound,
                },
                now,
            )?;
        }
        Ok(Outcome::Processed {
            kind: "reply".to_string(),
            inbound,
        })
    }

    fn command(
        &self,
        tx: &mut Tx<'_>,
        msg: &Msg<'_>,
        auth: &Authorized,
        command: &Command,
        now: DateTime<Utc>,
    ) -> Result<Outcome, StoreError> {
        let sender = &auth.sender;
        let inbound = self.processed(tx, msg, "command", auth.pair.as_ref().map(|p| p.id), now)?;
        // The answer goes to the address as it is now (FORGET ME erases it below).
        let to = self.person_view(sender);
        let stopped = sender.status == "stopped";
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
                    tx.set_participant_status(sender.id, "paused", until, "paused", now)?;
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
                let detail = if sender.status == "paused" {
                    tx.set_participant_status(sender.id, "active", None, "resumed", now)?;
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
    fn rematch(
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
    fn replacements(
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
    fn leave(
        &self,
        tx: &mut Tx<'_>,
        person: &ParticipantRow,
        event: &str,
        why: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        tx.set_participant_status(person.id, "stopped", None, event, now)?;
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
    fn introduce(
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

    /// Drafts an answer in the message's transaction, with the Message-ID of the mail it
    /// continues; it is composed once the batch committed.
    /// Drafts `answer` to the message `to`: it threads under that message (In-Reply-To its
    /// Message-ID, References its chain and that ID), or, for a message without an ID,
    /// under the pair's introduction.
    fn answer(
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
            Answer::CommandReply { person, .. } | Answer::Challenge { person, .. } => &person.email,
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

    fn compose_answer(&self, draft: &Draft, now: DateTime<Utc>) -> Composing {
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
    fn compose_answers(&self, drafts: &[Draft], now: DateTime<Utc>) -> Vec<Composing> {
        let threads = self.workers.min(drafts.len() / 16).max(1);
        in_parallel(drafts, threads, |d| self.compose_answer(d, now))
    }

    /// Writes a composed answer to the outbox; an answer that could not be composed (a
    /// broken template override, an address lettre refuses, an unreadable draft) is logged
    /// and recorded for HR: the session is worth more than its confirmation.
    fn queue_answer(
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
    fn send(
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

    fn person_view(&self, row: &ParticipantRow) -> PersonView {
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
        }
    }

    /// The pair as an email shows it; `known` is one of the two when the caller has them.
    fn pair_view(
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
        }))
    }

    /// The message's day where the sender is: its `Date` (or now, when it has none or
    /// claims to be from the future) in their time zone.
    fn local_day(&self, i: &Inspection, sender: &ParticipantRow, now: DateTime<Utc>) -> NaiveDate {
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

/// Runs `round` until no draft is left; a store failure is logged, not returned: the
/// messages are committed already, and their drafts wait for the next pass.
fn drain_drafts(mut round: impl FnMut() -> Result<usize, StoreError>) {
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

/// `f` on every item, in order, split over `threads` scoped threads (on this thread when it
/// is 1). The share of a thread that dies is done again here rather than lost.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let f = &f;
    let size = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|part| {
                (
                    part,
                    scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()),
                )
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, handle)| {
                handle
                    .join()
                    .unwrap_or_else(|_| part.iter().map(f).collect())
            })
            .collect()
    })
}

fn side(pair: &PairRef, person: i64) -> Option<Side> {
    match super::route::side_of(pair, person)? {
        Role::Mentor => Some(Side::Mentor),
        Role::Mentee => Some(Side::Mentee),
    }
}

fn word_of(name: CommandName) -> &'static str {
    match name {
        CommandName::Pause => "PAUSE",
        CommandName::Resume => "RESUME",
        CommandName::Skip => "SKIP",
        CommandName::Rematch => "REMATCH",
        CommandName::Stop => "STOP",
        CommandName::ForgetMe => "FORGET ME",
        CommandName::Help => "HELP",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbound::Templates;
    use crate::outbound::token::{TokenClaims, TokenKey};
    use crate::store::Enqueued;

    /// The program of these tests, without participants; `inbound` adds lines to `[inbound]`.
    fn program(inbound: &str) -> crate::config::test_support::TestProgram {
        crate::config::test_support::program()
            .line("bounce_address = \"bounces+{token}@acme.example\"")
            .line("timezone = \"Europe/London\"")
            .section("[pairing]\nmin_level_gap = 1")
            .section(&format!(
                "[inbound]\nfeedback_loop_senders = [\"fbl@isp.example\"]\n{inbound}"
            ))
    }

    fn config() -> Arc<Config> {
        let mut program = program("");
        for (i, (name, role, level, dept)) in [
            ("Ann Lee", "mentor", 1, "Sales"),
            ("Cy Rui", "mentor", 1, "Legal"),
            ("Eve Ito", "mentor", 1, "Design"),
            ("Bob Stone", "mentee", 6, "Finance"),
            ("Dan Roe", "mentee", 6, "Ops"),
            ("Fay Oda", "mentee", 6, "Risk"),
        ]
        .iter()
        .enumerate()
        {
            let zone = if i == 3 {
                "America/New_York"
            } else {
                "Europe/London"
            };
            program = program.person(
                name,
                role,
                *level,
                &[
                    &format!("department = \"{dept}\""),
                    &format!("timezone = \"{zone}\""),
                ],
            );
        }
        Arc::new(program.build_at(std::path::Path::new("/nonexistent/p.toml")))
    }

    struct World {
        ingest: Ingest,
        store: Store,
        key: TokenKey,
        /// Ann and Bob's pair; Cy and Dan are the other pair; Eve and Fay are free.
        pair: i64,
        other_pair: i64,
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn now() -> DateTime<Utc> {
        at("2027-01-20T12:00:00Z")
    }

    fn world() -> World {
        let config = config();
        let key = TokenKey::new("process test key");
        let composer = Composer::with_key(
            Arc::clone(&config),
            Templates::builtin().unwrap(),
            key.clone(),
        );
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_participants(&config.participants, at("2027-01-10T09:00:00Z"))
            .unwrap();
        let pair = |m: &str, e: &str| NewPair {
            mentor: format!("{m}@acme.example"),
            mentee: format!("{e}@acme.example"),
            score: 5,
            reasons: "because".into(),
        };
        let round = store
            .create_round(
                "start",
                &[pair("ann", "bob"), pair("cy", "dan")],
                at("2027-01-11T09:00:00Z"),
            )
            .unwrap();
        World {
            ingest: Ingest::with_composer(composer),
            store,
            key,
            pair: round.pair_ids[0],
            other_pair: round.pair_ids[1],
        }
    }

    impl World {
        fn id(&self, name: &str) -> i64 {
            self.store
                .participant_id(&format!("{name}@acme.example"))
                .unwrap()
                .unwrap()
        }

        fn token(&self, pair: i64, person: i64, purpose: Purpose) -> String {
            self.key.sign(TokenClaims {
                pair: pair as u64,
                person: person as u64,
                purpose,
            })
        }

        fn reply_to(&self, pair: i64, person: i64) -> String {
            format!(
                "mentoring+{}@acme.example",
                self.token(pair, person, Purpose::Reply)
            )
        }

        fn run(&mut self, raws: &[String], now: DateTime<Utc>) -> Vec<Outcome> {
            let batch: Vec<Incoming> = raws
                .iter()
                .map(|r| Incoming::new(r.clone().into_bytes(), "maildir"))
                .collect();
            self.ingest.process(&mut self.store, &batch, now).unwrap()
        }

        fn count(&self, sql: &str) -> i64 {
            self.store.query_i64(sql)
        }

        fn status(&self, name: &str) -> String {
            self.store
                .participant_status(&format!("{name}@acme.example"))
                .unwrap()
                .unwrap_or_default()
        }

        fn queued(&self, key: &str) -> bool {
            self.store.outbox_row(key).unwrap().is_some()
        }

        /// The reply address of the newest request for confirmation, as its email gives it
        /// to `person`.
        fn confirm_to(&self, person: i64) -> String {
            let request = self.count("SELECT max(id) FROM confirmations");
            format!(
                "mentoring+{}@acme.example",
                self.token(request, person, Purpose::Confirm)
            )
        }
    }

    fn mail(id: &str, from: &str, to: &str, body: &str) -> String {
        format!(
            "From: {from}\nTo: {to}\nSubject: Re: how did it go\nDate: Wed, 20 Jan 2027 10:00:00 +0000\nMessage-ID: <{id}>\n\n{body}\n"
        )
    }

    const FORM: &str = "Met: yes\nDate: 2027-01-19\nMinutes: 45\nRating: 4\n\nOn Mon, Jan 18, 2027 at 9:00 AM Mentoring <mentoring@acme.example> wrote:\n> How did it go?\n";

    #[test]
    fn a_partners_form_reply_logs_a_session_and_queues_a_confirmation() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        let out = w.run(&[mail("r1@x", "Bob <BOB@acme.example>", &to, FORM)], now());
        let Outcome::Processed { kind, inbound } = &out[0] else {
            panic!("{out:?}");
        };
        assert_eq!(kind, "reply");
        assert_eq!(w.count("SELECT count(*) FROM sessions"), 1);
        assert_eq!(w.count("SELECT minutes FROM sessions"), 45);
        assert_eq!(
            w.count("SELECT count(*) FROM feedback WHERE rating = 4 AND inbound_id IS NOT NULL"),
            1
        );
        assert!(w.queued(&format!("confirm:{}:{bob}:{inbound}", w.pair)));
        // The partner's report of the same meeting joins the session.
        let ann = w.id("ann");
        let to = w.reply_to(w.pair, ann);
        let text = "We met yesterday for 45 minutes, about AI tools. 5/5";
        w.run(&[mail("r2@x", "ann@acme.example", &to, text)], now());
        assert_eq!(w.count("SELECT count(*) FROM sessions"), 1);
        assert_eq!(w.count("SELECT count(*) FROM feedback"), 2);
    }

    impl World {
        /// Commits a batch without composing its answers, as a reader that stopped right
        /// after the commit would have left it.
        fn commit_only(&mut self, raws: &[String], now: DateTime<Utc>) -> Vec<Outcome> {
            let batch: Vec<Incoming> = raws
                .iter()
                .map(|r| Incoming::new(r.clone().into_bytes(), "maildir"))
                .collect();
            let inspections = self.ingest.inspect_all(&batch, now);
            self.ingest
                .commit(&mut self.store, &batch, &inspections, now)
                .unwrap()
        }
    }

    #[test]
    fn an_answer_threads_under_the_message_it_answers_and_says_it_is_a_reply() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        let reply = mail("r1@x", "bob@acme.example", &to, FORM).replace(
            "Subject:",
            "References: <intro.1@acme.example> <prompt.2@acme.example>\nIn-Reply-To: <prompt.2@acme.example>\nSubject:",
        );
        let out = w.run(&[reply], now());
        let Outcome::Processed { inbound, .. } = &out[0] else {
            panic!("{out:?}");
        };
        let body = w
            .store
            .outbox_bytes(&format!("confirm:{}:{bob}:{inbound}", w.pair));
        let head = String::from_utf8_lossy(&body).replace("\r\n ", " ");
        assert!(head.contains("In-Reply-To: <r1@x>"), "{head}");
        assert!(
            head.contains("References: <intro.1@acme.example> <prompt.2@acme.example> <r1@x>"),
            "{head}"
        );
        assert!(head.contains("Auto-Submitted: auto-replied"), "{head}");
        assert!(
            head.contains("List-Id: \"Pilot\" <pilot.acme.example>"),
            "{head}"
        );
    }

    #[test]
    fn answers_drafted_by_a_commit_are_composed_by_the_next_pass_once() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        let out = w.commit_only(&[mail("r1@x", "bob@acme.example", &to, FORM)], now());
        let Outcome::Processed { inbound, .. } = &out[0] else {
            panic!("{out:?}");
        };
        let key = format!("confirm:{}:{bob}:{inbound}", w.pair);
        assert_eq!(w.count("SELECT count(*) FROM sessions"), 1);
        assert_eq!(w.count("SELECT count(*) FROM drafts"), 1);
        assert!(!w.queued(&key), "composed only after the commit");

        let composed = w.ingest.compose_drafts(&mut w.store, now()).unwrap();
        assert_eq!(composed, 1);
        assert!(w.queued(&key));
        assert_eq!(w.count("SELECT count(*) FROM drafts"), 0);
        assert_eq!(w.ingest.compose_drafts(&mut w.store, now()).unwrap(), 0);
        assert_eq!(w.count("SELECT count(*) FROM outbox"), 1);
        // Composed for the sender, saying what was logged.
        let claimed = w
            .store
            .claim_outbound(now(), 10, Duration::minutes(5))
            .unwrap();
        let text = String::from_utf8_lossy(&claimed[0].bytes);
        assert!(
            text.contains("To: \"Bob Stone\" <bob@acme.example>"),
            "{text}"
        );
        assert!(text.contains("Minutes: 45"), "{text}");
    }

    #[test]
    fn a_draft_that_cannot_be_read_is_recorded_for_hr_and_the_rest_are_composed() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        w.commit_only(&[mail("r1@x", "bob@acme.example", &to, FORM)], now());
        w.store
            .write(|tx| {
                tx.insert_draft(
                    &NewDraft {
                        key: "confirm:9:9:9",
                        recipient: "bob@acme.example",
                        answer: "{\"answer\":\"from the future\"}",
                        parent: None,
                    },
                    now(),
                )
            })
            .unwrap();
        assert_eq!(w.ingest.compose_drafts(&mut w.store, now()).unwrap(), 2);
        assert_eq!(w.count("SELECT count(*) FROM drafts"), 0);
        assert_eq!(w.count("SELECT count(*) FROM outbox"), 1);
        assert_eq!(
            w.count(
                "SELECT count(*) FROM events WHERE kind = 'email_not_queued'
                 AND subject = 'confirm:9:9:9' AND detail LIKE '%draft cannot be read%'"
            ),
            1
        );
    }

    #[test]
    fn forgetting_a_person_drops_what_was_drafted_to_them_but_the_last_answer() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        w.commit_only(
            &[
                mail("r1@x", "bob@acme.example", &to, FORM),
                mail("g1@x", "bob@acme.example", &to, "FORGET ME"),
            ],
            now(),
        );
        assert_eq!(w.count("SELECT count(*) FROM drafts"), 2);
        let confirm = w.confirm_to(bob);
        w.commit_only(
            &[mail("g2@x", "bob@acme.example", &confirm, "FORGET ME")],
            now() + Duration::days(1),
        );
        assert_eq!(
            w.count("SELECT count(*) FROM drafts WHERE recipient = 'bob@acme.example'"),
            1,
            "only the answer saying the data is erased"
        );
        w.ingest.compose_drafts(&mut w.store, now()).unwrap();
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE recipient = 'bob@acme.example'"),
            1
        );
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE kind = 'command'"),
            1
        );
    }

    #[test]
    fn a_replayed_message_is_recorded_once_even_in_one_batch() {
        let mut w = world();
        let to = w.reply_to(w.pair, w.id("bob"));
        let m = mail("r1@x", "bob@acme.example", &to, FORM);
        let out = w.run(&[m.clone(), m.clone()], now());
        assert!(matches!(out[0], Outcome::Processed { .. }));
        assert_eq!(out[1], Outcome::Duplicate);
        // The same Message-ID delivered again with other bytes (another Delivered-To).
        let again = format!("Delivered-To: mentoring@acme.example\n{m}");
        assert_eq!(w.run(&[again], now()), vec![Outcome::Duplicate]);
        assert_eq!(w.count("SELECT count(*) FROM inbound"), 1);
        assert_eq!(w.count("SELECT count(*) FROM feedback"), 1);
        assert_eq!(w.count("SELECT count(*) FROM outbox"), 1);
    }

    #[test]
    fn strangers_writing_to_a_valid_token_are_refused_and_never_answered() {
        // Security review, finding 7: 20 forged senders on one valid token used to get 20
        // notices (backscatter).
        let mut w = world();
        let to = w.reply_to(w.pair, w.id("bob"));
        let spoofs: Vec<String> = (0..20)
            .map(|n| {
                mail(
                    &format!("s{n}@x"),
                    &format!("victim{n}@evil.example"),
                    &to,
                    FORM,
                )
            })
            .collect();
        let out = w.run(&spoofs, now());
        assert!(
            out.iter().all(|o| matches!(o, Outcome::Refused { .. })),
            "{out:?}"
        );
        assert_eq!(w.count("SELECT count(*) FROM feedback"), 0);
        assert_eq!(
            w.count("SELECT count(*) FROM inbound WHERE status = 'refused' AND raw IS NOT NULL"),
            20
        );
        assert_eq!(w.count("SELECT count(*) FROM outbox"), 0);
        assert_eq!(w.count("SELECT count(*) FROM notices"), 0);
    }

    #[test]
    fn a_participant_of_another_pair_on_a_valid_token_is_told_once_a_day() {
        let mut w = world();
        let to = w.reply_to(w.pair, w.id("bob"));
        let first = mail("s1@x", "dan@acme.example", &to, FORM);
        let second = mail("s2@x", "dan@acme.example", &to, FORM);
        let out = w.run(&[first, second], now());
        assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
        assert!(matches!(out[1], Outcome::Refused { .. }));
        assert_eq!(w.count("SELECT count(*) FROM feedback"), 0);
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE recipient = 'dan@acme.example'"),
            1
        );
        let body: String = String::from_utf8(
            w.store
                .claim_outbound(now(), 10, Duration::minutes(5))
                .unwrap()
                .remove(0)
                .bytes,
        )
        .unwrap();
        for secret in ["Bob", "Ann", "bob@", "ann@"] {
            assert!(!body.contains(secret), "the notice names {secret}: {body}");
        }
        // Another day, another notice.
        let third = mail("s3@x", "dan@acme.example", &to, FORM);
        w.run(&[third], now() + Duration::days(1));
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE recipient = 'dan@acme.example'"),
            2
        );
    }

    #[test]
    fn refusals_for_different_reasons_get_one_notice_a_day_between_them() {
        let mut w = world();
        let good = w.token(w.pair, w.id("bob"), Purpose::Reply);
        let forged: String = good.chars().rev().collect();
        let forged = format!("mentoring+{forged}@acme.example");
        // A forged address, then a report on a command-only thread (a command answer's
        // token names the person and no pair), from the same participant on one day.
        let command_thread = format!(
            "mentoring+{}@acme.example",
            w.token(0, w.id("bob"), Purpose::Command)
        );
        let out = w.run(
            &[
                mail("r1@x", "bob@acme.example", &forged, FORM),
                mail("r2@x", "bob@acme.example", &command_thread, FORM),
            ],
            now(),
        );
        assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
        assert!(matches!(out[1], Outcome::Refused { .. }), "{out:?}");
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE recipient = 'bob@acme.example'"),
            1
        );
        w.run(
            &[mail("r3@x", "bob@acme.example", &forged, FORM)],
            now() + Duration::days(1),
        );
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE recipient = 'bob@acme.example'"),
            2
        );
    }

    #[test]
    fn a_stranger_writing_to_the_bare_address_is_refused_without_a_notice() {
        let mut w = world();
        let spam = mail(
            "x1@spam",
            "someone@else.example",
            "mentoring@acme.example",
            FORM,
        );
        let out = w.run(&[spam], now());
        assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
        assert_eq!(w.count("SELECT count(*) FROM outbox"), 0);
        assert_eq!(w.count("SELECT count(*) FROM notices"), 0);
    }

    #[test]
    fn a_forged_token_is_refused_even_from_a_partner() {
        let mut w = world();
        let good = w.token(w.pair, w.id("bob"), Purpose::Reply);
        let forged: String = good
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i == 5 {
                    if c == 'a' { 'b' } else { 'a' }
                } else {
                    c
                }
            })
            .collect();
        let to = format!("mentoring+{forged}@acme.example");
        let out = w.run(&[mail("f1@x", "bob@acme.example", &to, FORM)], now());
        let Outcome::Refused { reason, .. } = &out[0] else {
            panic!("{out:?}");
        };
        assert!(reason.contains("did not sign"), "{reason}");
        assert_eq!(w.count("SELECT count(*) FROM sessions"), 0);
    }

    #[test]
    fn automated_mail_is_recorded_and_never_answered() {
        let mut w = world();
        let to = w.reply_to(w.pair, w.id("bob"));
        let ooo = mail("o1@x", "bob@acme.example", &to, "I am away until Monday.").replace(
            "Subject: Re: how did it go",
            "Subject: Out of office: Re: how did it go",
        );
        let own = mail("l1@x", "mentoring@acme.example", &to, FORM);
        let out = w.run(&[ooo, own], now());
        assert_eq!(
            out[0],
            Outcome::Processed {
                kind: "auto_reply".into(),
                inbound: 1
            }
        );
        assert!(matches!(out[1], Outcome::Dropped { .. }), "{out:?}");
        assert_eq!(w.count("SELECT count(*) FROM outbox"), 0);
        assert_eq!(w.count("SELECT count(*) FROM feedback"), 0);
    }

    /// Queues an email to `to` under `message_id`, as the sender would have sent it.
    fn sent(w: &mut World, to: &str, message_id: &str) {
        let recipients = [to.to_string()];
        w.store
            .write(|tx| {
                tx.enqueue_outbound(
                    &crate::store::NewOutbound {
                        key: message_id,
                        kind: "prompt",
                        recipients: &recipients,
                        envelope_from: "mentoring@acme.example",
                        message_id,
                        bytes: b"Subject: x\r\n\r\nx\r\n",
                        always_send: false,
                        due: now(),
                    },
                    now(),
                )
            })
            .unwrap();
    }

    /// A delivery report: `rcpt` failed (5.1.1); the returned headers name `returned`.
    fn dsn(id: &str, rcpt: &str, returned: &str) -> String {
        format!(
            "From: MAILER-DAEMON@mx.example\nTo: mentoring@acme.example\nSubject: Undelivered Mail\nMessage-ID: <{id}>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nSorry.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: 5.1.1\n--b\nContent-Type: text/rfc822-headers\n\nMessage-ID: {returned}\nTo: {rcpt}\n--b--\n"
        )
    }

    #[track_caller]
    fn assert_all_bounces(out: &[Outcome]) {
        assert!(
            out.iter()
                .all(|o| matches!(o, Outcome::Processed { kind, .. } if kind == "bounce")),
            "{out:?}"
        );
    }

    #[test]
    fn a_bounce_without_our_token_or_a_message_we_sent_scores_nothing() {
        // Security review, finding 7: a forged report used to count as a hard bounce.
        let mut w = world();
        sent(&mut w, "bob@acme.example", "<p.bob@acme.example>");
        let out = w.run(
            &[
                // Nothing we sent.
                dsn("f1@mx", "dan@acme.example", "<made.up@evil.example>"),
                // Our email, but to someone else.
                dsn("f2@mx", "dan@acme.example", "<p.bob@acme.example>"),
                // No returned message at all.
                dsn("f3@mx", "dan@acme.example", "none"),
            ],
            now(),
        );
        assert_all_bounces(&out);
        assert_eq!(
            w.store.bounce_state("dan@acme.example").unwrap(),
            Some((0, false))
        );
        assert_eq!(w.store.count_events("bounce").unwrap(), 0);
        // The reports are still kept for the admin.
        assert_eq!(
            w.count(
                "SELECT count(*) FROM inbound WHERE classification = 'bounce' AND raw IS NOT NULL"
            ),
            3
        );
    }

    #[test]
    fn a_bounce_scores_the_failed_recipient_and_a_verp_bounce_its_person() {
        let mut w = world();
        sent(&mut w, "dan@acme.example", "<p.dan@acme.example>");
        let dsn = dsn("b1@mx", "Dan@acme.example", "<p.dan@acme.example>");
        let verp = format!(
            "From: postmaster@mx.example\nTo: bounces+{}@acme.example\nSubject: failure notice\nMessage-ID: <b2@mx>\n\nSomething went wrong with your mail.\n",
            w.token(w.pair, w.id("ann"), Purpose::Bounce)
        );
        let out = w.run(&[dsn, verp], now());
        assert_all_bounces(&out);
        // One hard bounce each: scored, not yet disabled (the threshold is 3 days).
        assert_eq!(
            w.store.bounce_state("dan@acme.example").unwrap(),
            Some((1, false))
        );
        assert_eq!(
            w.store.bounce_state("ann@acme.example").unwrap(),
            Some((1, false))
        );
        assert_eq!(
            w.store.bounce_state("bob@acme.example").unwrap(),
            Some((0, false))
        );
        assert_eq!(
            w.count("SELECT count(*) FROM outbox"),
            1,
            "only the email we sent"
        );
        assert_eq!(w.store.count_events("bounce").unwrap(), 2);
        assert_eq!(w.store.count_events("bouncing").unwrap(), 0);
        // The reports are kept for the admin.
        assert_eq!(
            w.count(
                "SELECT count(*) FROM inbound WHERE classification = 'bounce' AND raw IS NOT NULL"
            ),
            2
        );
    }

    #[test]
    fn bounces_on_three_days_disable_an_address_and_mail_from_it_re_enables_it() {
        let mut w = world();
        let token = w.token(w.pair, w.id("ann"), Purpose::Bounce);
        let verp = |n: u32| {
            format!(
                "From: postmaster@mx.example\nTo: bounces+{token}@acme.example\nSubject: failure notice\nMessage-ID: <v{n}@mx>\n\nSomething went wrong with your mail.\n"
            )
        };
        let days = [
            "2027-01-12T09:00:00Z",
            "2027-01-12T18:00:00Z",
            "2027-01-13T09:00:00Z",
        ];
        for (n, day) in (1..).zip(days) {
            w.run(&[verp(n)], at(day));
        }
        let ann = "ann@acme.example";
        assert_eq!(w.store.bounce_state(ann).unwrap(), Some((2, false)));
        w.run(&[verp(4)], at("2027-01-14T09:00:00Z"));
        assert_eq!(w.store.bounce_state(ann).unwrap(), Some((3, true)));
        assert_eq!(
            w.store.participant_status(ann).unwrap().as_deref(),
            Some("active")
        );
        // Ann replies: her mailbox works.
        let to = w.reply_to(w.pair, w.id("ann"));
        w.run(&[mail("r1@x", ann, &to, FORM)], at("2027-01-19T12:00:00Z"));
        assert_eq!(w.store.bounce_state(ann).unwrap(), Some((0, false)));
        assert_eq!(w.store.count_events("bounce_reset").unwrap(), 1);
    }

    #[test]
    fn a_complaint_stops_mail_only_when_it_is_shown_to_be_about_our_mail() {
        let mut w = world();
        let arf = |id: &str, from: &str, kind: &str, who: &str, original: &str| {
            format!(
                "From: {from}\nSubject: report\nMessage-ID: <{id}>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nreport\n--b\nContent-Type: message/feedback-report\n\nFeedback-Type: {kind}\nOriginal-Rcpt-To: <{who}>\n--b\nContent-Type: text/rfc822-headers\n\n{original}\n--b--\n"
            )
        };
        let ours = |person: i64| {
            format!(
                "From: Mentoring <mentoring@acme.example>\nTo: someone\nReply-To: Pilot <{}>\nSubject: How did it go?",
                w.reply_to(w.pair, person)
            )
        };
        let (ann, bob) = (ours(w.id("ann")), ours(w.id("bob")));
        let forged = "From: Mentoring <mentoring@acme.example>\nReply-To: mentoring@acme.example\nMessage-ID: <made-up@acme.example>\nSubject: How did it go?";
        w.run(
            &[
                // Anyone can write a report naming anyone: without our message, nobody stops.
                arf(
                    "c1@isp",
                    "feedback@isp.example",
                    "abuse",
                    "dan@acme.example",
                    forged,
                ),
                // An authentication-failure report about our own mail stops nobody either.
                arf(
                    "c2@isp",
                    "feedback@isp.example",
                    "auth-failure",
                    "ann@acme.example",
                    &ann,
                ),
                // A report that carries our signed token stops the person it names.
                arf(
                    "c3@isp",
                    "feedback@isp.example",
                    "abuse",
                    "bob@acme.example",
                    &bob,
                ),
                // A configured feedback loop is believed.
                arf(
                    "c4@isp",
                    "fbl@isp.example",
                    "abuse",
                    "cy@acme.example",
                    forged,
                ),
            ],
            now(),
        );
        assert_eq!(w.status("dan"), "active");
        assert_eq!(w.status("ann"), "active");
        assert_eq!(w.status("bob"), "stopped");
        assert_eq!(w.status("cy"), "stopped");
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE kind = 'command'"),
            0
        );
        assert_eq!(
            w.count("SELECT count(*) FROM inbound WHERE classification = 'complaint' AND reason LIKE '%ignored'"),
            1
        );
    }

    #[test]
    fn an_unsubscribe_header_counts_only_on_a_persons_unsubscribe_address() {
        let mut w = world();
        let apple = |id: &str, from: &str, to: &str| {
            format!(
                "From: {from}\nTo: {to}\nSubject: unsubscribe\nMessage-ID: <{id}>\nX-Apple-Unsubscribe: true\n\nThis message was automatically generated by Mail.\n"
            )
        };
        let dan = w.id("dan");
        let own = format!(
            "mentoring+{}@acme.example",
            w.token(w.other_pair, dan, Purpose::Unsubscribe)
        );
        w.run(
            &[
                apple("a1@x", "bob@acme.example", "mentoring@acme.example"),
                apple("a2@x", "dan@acme.example", &own),
            ],
            now(),
        );
        assert_eq!(w.status("bob"), "active", "a forged From stops nobody");
        assert_eq!(w.status("dan"), "stopped");
    }

    #[test]
    fn pause_until_a_day_answers_and_ends_by_itself_at_a_later_batch() {
        let mut w = world();
        let ann = w.id("ann");
        let to = w.reply_to(w.pair, ann);
        let out = w.run(
            &[mail(
                "p1@x",
                "ann@acme.example",
                &to,
                "PAUSE UNTIL 2027-02-01",
            )],
            now(),
        );
        let Outcome::Processed { inbound, .. } = out[0] else {
            panic!("{out:?}");
        };
        assert_eq!(w.status("ann"), "paused");
        assert!(w.queued(&format!("command:{ann}:{inbound}")));
        w.run(&[], at("2027-01-31T23:00:00Z"));
        assert_eq!(w.status("ann"), "paused");
        w.run(&[], at("2027-02-01T06:00:00Z"));
        assert_eq!(w.status("ann"), "active");
    }

    #[test]
    fn skip_is_recorded_for_the_prompt_job() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        w.run(&[mail("k1@x", "bob@acme.example", &to, "skip")], now());
        assert_eq!(w.store.open_skips(bob).unwrap(), 1);
        let monday = NaiveDate::from_ymd_opt(2027, 1, 25).unwrap();
        assert!(
            w.store
                .write(|tx| tx.take_prompt_skip(bob, monday))
                .unwrap()
        );
        assert_eq!(w.store.open_skips(bob).unwrap(), 0);
    }

    #[test]
    fn stop_ends_the_pair_and_gives_the_partner_someone_free() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        w.run(&[mail("t1@x", "bob@acme.example", &to, "STOP")], now());
        assert_eq!(w.status("bob"), "stopped");
        let active = w.store.active_pairs().unwrap();
        assert!(active.iter().all(|p| p.id != w.pair));
        // Ann, left alone, is paired with Fay, the one free mentee; an introduction is queued.
        let new = active
            .iter()
            .find(|p| p.mentor == "ann@acme.example")
            .unwrap();
        assert_eq!(new.mentee, "fay@acme.example");
        assert!(w.queued(&format!("intro:1:{}", new.id)));
        assert_eq!(w.store.count_events("pair_ended").unwrap(), 1);
        // A later report from Bob on the old thread is refused; the answer to STOP went out
        // regardless of his status.
        let out = w.run(&[mail("t2@x", "bob@acme.example", &to, FORM)], now());
        assert!(matches!(out[0], Outcome::Refused { .. }));
        let claimed = w
            .store
            .claim_outbound(now(), 50, Duration::minutes(5))
            .unwrap();
        let to_bob: Vec<&str> = claimed
            .iter()
            .filter(|e| e.recipients.contains(&"bob@acme.example".to_string()))
            .map(|e| e.kind.as_str())
            .collect();
        assert_eq!(to_bob, vec!["command"]);
    }

    #[test]
    fn rematch_ends_the_pair_and_pairs_both_with_people_who_are_free() {
        let mut w = world();
        let ann = w.id("ann");
        let to = w.reply_to(w.pair, ann);
        w.run(&[mail("m1@x", "ann@acme.example", &to, "REMATCH")], now());
        let active = w.store.active_pairs().unwrap();
        let pairs: Vec<(&str, &str)> = active
            .iter()
            .map(|p| (p.mentor.as_str(), p.mentee.as_str()))
            .collect();
        assert!(
            pairs.contains(&("ann@acme.example", "fay@acme.example")),
            "{pairs:?}"
        );
        assert!(
            pairs.contains(&("eve@acme.example", "bob@acme.example")),
            "{pairs:?}"
        );
        assert!(pairs.contains(&("cy@acme.example", "dan@acme.example")));
        assert_eq!(w.status("ann"), "active");
        assert_eq!(w.store.count_events("rematch").unwrap(), 1);
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE kind = 'intro'"),
            2
        );
        let _ = w.other_pair;
    }

    #[test]
    fn forget_me_asks_first_then_erases_on_confirmation() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        w.run(
            &[mail(
                "r1@x",
                "bob@acme.example",
                &to,
                "Met: yes\nRating: 5\nNotes: my words",
            )],
            now(),
        );
        w.run(&[mail("g1@x", "bob@acme.example", &to, "FORGET ME")], now());
        assert_eq!(
            w.status("bob"),
            "active",
            "nothing happens before the confirmation"
        );
        assert!(w.queued(&format!("challenge:{bob}:1")));
        // A second FORGET ME from the address (anyone can write one) is no confirmation: only
        // a reply to the email that asked, which only Bob's mailbox got, is.
        w.run(
            &[mail("g2@x", "bob@acme.example", &to, "FORGET ME")],
            now() + Duration::days(1),
        );
        assert_eq!(w.status("bob"), "active");
        let confirm = w.confirm_to(bob);
        w.run(
            &[mail("g3@x", "bob@acme.example", &confirm, "forget me")],
            now() + Duration::days(2),
        );

        assert_eq!(
            w.count("SELECT count(*) FROM participants WHERE email = 'bob@acme.example'"),
            0
        );
        assert_eq!(
            w.count("SELECT count(*) FROM participants WHERE status = 'forgotten' AND name NOT LIKE '%Bob%'"),
            1
        );
        assert_eq!(
            w.count("SELECT count(*) FROM feedback WHERE notes IS NOT NULL"),
            0
        );
        assert_eq!(
            w.count("SELECT count(*) FROM inbound WHERE raw IS NOT NULL OR sender IS NOT NULL"),
            0
        );
        assert_eq!(
            w.count("SELECT ratings FROM totals"),
            1,
            "anonymous counts stay"
        );
        // The final answer is queued to the address as it was.
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE kind = 'command' AND recipient = 'bob@acme.example'"),
            1
        );
    }

    #[test]
    fn a_late_forget_me_confirmation_only_asks_again() {
        let mut w = world();
        let bob = w.id("bob");
        let to = w.reply_to(w.pair, bob);
        w.run(&[mail("g1@x", "bob@acme.example", &to, "FORGET ME")], now());
        let confirm = w.confirm_to(bob);
        w.run(
            &[mail("g2@x", "bob@acme.example", &confirm, "FORGET ME")],
            now() + Duration::days(8),
        );
        assert_eq!(w.status("bob"), "active");
        assert_eq!(
            w.count("SELECT count(*) FROM confirmations WHERE state = 'waiting'"),
            1,
            "the lapsed request is not answered"
        );
        assert!(w.queued(&format!("command:{bob}:2")), "told it lapsed");
    }

    #[test]
    fn a_conversation_on_the_intro_thread_counts_as_contact_without_an_answer() {
        let mut w = world();
        let to = w.reply_to(w.pair, 0);
        let out = w.run(
            &[mail(
                "c1@x",
                "ann@acme.example",
                &to,
                "Hi Bob, lovely to e-meet you!",
            )],
            now(),
        );
        assert!(matches!(&out[0], Outcome::Processed { kind, .. } if kind == "conversation"));
        assert_eq!(
            w.count("SELECT count(*) FROM pair_stats WHERE last_contact = '2027-01-20'"),
            1
        );
        assert_eq!(w.count("SELECT count(*) FROM outbox"), 0);
    }

    #[test]
    fn the_thread_routes_a_reply_without_a_token() {
        let mut w = world();
        let pair = w.store.active_pairs().unwrap().remove(0);
        let view = {
            let rows: Vec<ParticipantRow> = w
                .store
                .write(|tx| {
                    Ok::<_, StoreError>(vec![
                        tx.participant_row(&pair.mentor)?.unwrap(),
                        tx.participant_row(&pair.mentee)?.unwrap(),
                    ])
                })
                .unwrap();
            PairView {
                id: pair.id,
                round: pair.round,
                mentor: w.ingest.person_view(&rows[0]),
                mentee: w.ingest.person_view(&rows[1]),
                reasons: vec![],
            }
        };
        let queued = w
            .ingest
            .composer
            .enqueue_now(&mut w.store, &Email::Intro { pair: &view }, now())
            .unwrap();
        assert!(matches!(queued, Enqueued::Queued { .. }));
        let intro_id = w
            .store
            .outbox_row(&format!("intro:1:{}", pair.id))
            .unwrap()
            .unwrap()
            .message_id;
        let reply = mail("t1@x", "dan@acme.example", "mentoring@acme.example", FORM)
            .replace("Subject:", &format!("In-Reply-To: {intro_id}\nSubject:"));
        let out = w.run(&[reply], now());
        // Dan is not in Ann and Bob's pair: the thread is theirs, so he is refused.
        assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
        // Bob is, but the thread is no proof that he wrote it (anyone can copy a Message-ID
        // and a From): it waits for him to confirm, which only his mailbox can.
        let reply = mail("t2@x", "bob@acme.example", "mentoring@acme.example", FORM)
            .replace("Subject:", &format!("In-Reply-To: {intro_id}\nSubject:"));
        let out = w.run(&[reply], now());
        assert!(
            matches!(&out[0], Outcome::Processed { kind, .. } if kind == "held"),
            "{out:?}"
        );
        assert_eq!(w.count("SELECT count(*) FROM sessions"), 0);
        let bob = w.id("bob");
        let confirm = w.confirm_to(bob);
        let out = w.run(&[mail("y1@x", "bob@acme.example", &confirm, "Yes")], now());
        assert!(
            matches!(&out[0], Outcome::Processed { kind, .. } if kind == "reply"),
            "{out:?}"
        );
        assert_eq!(
            w.count("SELECT count(*) FROM sessions WHERE minutes = 45"),
            1
        );
        assert_eq!(
            w.count("SELECT count(*) FROM inbound WHERE message_id = 't2@x' AND status = 'processed' AND classification = 'reply'"),
            1
        );
    }

    #[test]
    fn a_forged_sender_without_a_token_is_held_and_never_applied_unless_confirmed() {
        let mut w = world();
        let bob = w.id("bob");
        // Someone who knows Bob's address writes to the bare program address in his name.
        let forged = [
            mail(
                "f1@x",
                "Bob <bob@acme.example>",
                "mentoring@acme.example",
                FORM,
            ),
            mail("f2@x", "bob@acme.example", "mentoring@acme.example", "STOP"),
            mail(
                "f3@x",
                "bob@acme.example",
                "mentoring@acme.example",
                "PAUSE",
            ),
            mail(
                "f4@x",
                "bob@acme.example",
                "mentoring@acme.example",
                "REMATCH",
            ),
        ];
        let out = w.run(&forged, now());
        assert!(
            out.iter()
                .all(|o| matches!(o, Outcome::Processed { kind, .. } if kind == "held")),
            "{out:?}"
        );
        assert_eq!(w.status("bob"), "active");
        assert_eq!(w.count("SELECT count(*) FROM sessions"), 0);
        assert_eq!(
            w.count("SELECT count(*) FROM pairs WHERE status = 'active'"),
            2
        );
        assert_eq!(
            w.count("SELECT count(*) FROM inbound WHERE status = 'held'"),
            4
        );
        // Bob is asked, at most three times a day however many arrive.
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE kind = 'challenge'"),
            3
        );
        // He says the last one (REMATCH) was not his: it is set aside for good.
        let confirm = w.confirm_to(bob);
        w.run(
            &[mail("n1@x", "bob@acme.example", &confirm, "No, not me")],
            now(),
        );
        assert_eq!(
            w.count("SELECT count(*) FROM pairs WHERE status = 'active'"),
            2
        );
        assert_eq!(w.store.count_events("confirmation_declined").unwrap(), 1);
        // A reply from someone else with his token, or a second reply, does nothing.
        w.run(&[mail("n2@x", "ann@acme.example", &confirm, "Yes")], now());
        w.run(&[mail("n3@x", "bob@acme.example", &confirm, "Yes")], now());
        assert_eq!(
            w.count("SELECT count(*) FROM pairs WHERE status = 'active'"),
            2
        );
        assert_eq!(
            w.count("SELECT count(*) FROM confirmations WHERE state = 'waiting'"),
            3
        );
    }

    #[test]
    fn mail_the_organisations_server_vouches_for_needs_no_token() {
        let mut w = world();
        let config = w.ingest.config.participants.iter().fold(
            program("trusted_authserv_ids = [\"mx.acme.example\"]"),
            |program, p| program.person(&p.name, p.role.as_str(), p.level, &[]),
        );
        let config = Arc::new(config.build_at(std::path::Path::new("/nonexistent/p.toml")));
        w.ingest = Ingest::with_composer(Composer::with_key(
            config,
            Templates::builtin().unwrap(),
            w.key.clone(),
        ));
        let signed = |id: &str, verdict: &str| {
            format!(
                "Authentication-Results: mx.acme.example; {verdict}\n{}",
                mail(id, "bob@acme.example", "mentoring@acme.example", FORM)
            )
        };
        let out = w.run(
            &[
                signed(
                    "v1@x",
                    "dkim=pass header.d=acme.example; dmarc=pass header.from=acme.example",
                ),
                signed("v2@x", "dmarc=fail header.from=acme.example"),
            ],
            now(),
        );
        assert!(
            matches!(&out[0], Outcome::Processed { kind, .. } if kind == "reply"),
            "{out:?}"
        );
        assert!(
            matches!(&out[1], Outcome::Processed { kind, .. } if kind == "held"),
            "{out:?}"
        );
    }

    #[test]
    fn a_message_that_fails_to_store_is_quarantined_and_the_batch_goes_on() {
        let mut w = world();
        w.store
            .write(|tx| tx.execute_for_tests("DROP TABLE prompt_skips"))
            .unwrap();
        let to = w.reply_to(w.pair, w.id("bob"));
        let out = w.run(
            &[
                mail("k1@x", "bob@acme.example", &to, "SKIP"),
                mail("r1@x", "bob@acme.example", &to, FORM),
            ],
            now(),
        );
        let Outcome::Quarantined { reason, .. } = &out[0] else {
            panic!("{out:?}");
        };
        assert!(reason.contains("could not be stored"), "{reason}");
        assert!(matches!(&out[1], Outcome::Processed { kind, .. } if kind == "reply"));
        // Nothing of the failed message's effects stayed, not even its answer.
        assert_eq!(
            w.count("SELECT count(*) FROM outbox WHERE kind = 'command'"),
            0
        );
        assert_eq!(
            w.count(
                "SELECT count(*) FROM inbound WHERE status = 'quarantined' AND raw IS NOT NULL"
            ),
            1
        );
    }

    #[test]
    fn a_cut_off_message_is_offered_again_then_quarantined() {
        let mut w = world();
        let raw = b"From: bob@acme.example\nReceived:\n\t".to_vec();
        for attempt in 0..MAX_ATTEMPTS {
            let incoming = Incoming {
                attempts: attempt,
                ..Incoming::new(raw.clone(), "imap")
            };
            let out = w.ingest.process(&mut w.store, &[incoming], now()).unwrap();
            if attempt + 1 < MAX_ATTEMPTS {
                assert!(matches!(out[0], Outcome::Retry { .. }), "{out:?}");
                assert_eq!(w.count("SELECT count(*) FROM inbound"), 0);
            } else {
                assert!(matches!(out[0], Outcome::Quarantined { .. }), "{out:?}");
            }
        }
    }

    #[test]
    fn a_stream_of_batches_commits_each_and_reports_it_in_order() {
        let mut w = world();
        let to = w.reply_to(w.pair, w.id("bob"));
        let batches: Vec<Vec<(usize, Incoming)>> = (0..3)
            .map(|b| {
                (0..2)
                    .map(|k| {
                        let n = b * 2 + k;
                        let raw = mail(&format!("s{n}@x"), "bob@acme.example", &to, FORM);
                        (n, Incoming::new(raw.into_bytes(), "maildir"))
                    })
                    .collect()
            })
            .collect();
        let store = Mutex::new(std::mem::replace(
            &mut w.store,
            Store::open_in_memory().unwrap(),
        ));
        let mut seen = Vec::new();
        w.ingest
            .process_stream(&store, batches.into_iter(), now(), |tags, outcomes| {
                assert_eq!(tags.len(), outcomes.len());
                seen.push((tags, outcomes.iter().filter(|o| o.acknowledge()).count()));
            })
            .unwrap();
        assert_eq!(
            seen,
            vec![(vec![0, 1], 2), (vec![2, 3], 2), (vec![4, 5], 2)]
        );
        let store = store.into_inner().unwrap();
        assert_eq!(store.query_i64("SELECT count(*) FROM inbound"), 6);
        // Six copies of one report: the first logs it, the others are the same report again.
        assert_eq!(store.query_i64("SELECT count(*) FROM feedback"), 1);
    }

    #[test]
    fn an_empty_mail_to_the_unsubscribe_address_stops() {
        let mut w = world();
        let dan = w.id("dan");
        let to = format!(
            "mentoring+{}@acme.example",
            w.token(w.other_pair, dan, Purpose::Unsubscribe)
        );
        let raw = format!(
            "From: dan@acme.example\nTo: {to}\nSubject: unsubscribe\nMessage-ID: <u1@x>\n\n"
        );
        let out = w.run(&[raw], now());
        assert!(
            matches!(&out[0], Outcome::Processed { kind, .. } if kind == "command"),
            "{out:?}"
        );
        assert_eq!(w.status("dan"), "stopped");
    }
}
