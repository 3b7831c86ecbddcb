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
//! Its files: `batch` (the batch and transaction strategy), `dispatch` (what each kind of
//! message does), `lifecycle` (commands and leaving), `confirm` (messages held for their
//! sender's word, FORGET ME's confirmation), `join` (a request to join and the
//! coordinator's answer to it), `answers` (drafting and composing answers), `inline` (a
//! reply read again against the prompt it answers),
//! `erase` (the files of a forgotten person), `sources` (Maildir and IMAP loops).
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
//!   recorded as refused and answered to nobody. The one exception is JOIN (see `join`):
//!   person mail to the bare program address, from a domain the program uses, gets one
//!   answer per address and day.
//! - A conversation (partners writing without session facts) counts as contact, unanswered.
//! - STOP, FORGET ME and a complaint end the person's pairs; REMATCH ends the one pair.
//!   Their partners (and, for REMATCH, the person) get new partners at once when someone
//!   free fits (`pairing::repair`), with an introduction queued; HR sees an event.
//! - FORGET ME needs a second FORGET ME within seven days; then the person's personal data
//!   is erased (see `Tx::forget_participant`) and the answer is the last email they get.

mod answers;
mod batch;
mod cancels;
mod confirm;
mod dispatch;
mod erase;
mod goals;
mod inline;
mod join;
mod lifecycle;
mod relay;
pub mod sources;

pub use lifecycle::Clicked;

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
use crate::outbound::said::{About, Said};
use crate::outbound::token::Purpose;
use crate::outbound::{
    Cancelled, ChallengeView, Composer, Email, JoinView, OutboundError, PairView, PersonView,
    SessionView,
};
use crate::pairing::{self, Request};
use crate::store::{
    Draft, Forgotten, NewDraft, NewInbound, NewPair, PairRef, ParticipantRow, Report, Store,
    StoreError, Tx, is_transient,
};
use crate::sync::{LockExt, in_parallel};
use crate::vocab::{InboundKind, InboundStatus, ParticipantStatus};

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
    Processed { kind: Handled, inbound: i64 },
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

/// What a processed message was taken as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// As what the classifier (or the rule of reports) made of it.
    As(InboundKind),
    /// Held until its sender confirms it ("did you send this?").
    Held,
    /// A JOIN from someone not in the program.
    Join,
    /// The coordinator's APPROVE or DECLINE of a JOIN.
    JoinDecision,
}

impl std::fmt::Display for Handled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Handled::As(kind) => kind.as_str(),
            Handled::Held => "held",
            Handled::Join => "join",
            Handled::JoinDecision => "join_decision",
        })
    }
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
    /// The day and the newest pair `ctx.paired_since` was learned with (see `learn_pairs`).
    pairs_learned: Option<(chrono::NaiveDate, i64)>,
    /// Woken when the coordinator approved someone: the daemon then reloads, so the new
    /// participant is paired (see `join`). `None` outside the daemon.
    on_join: Option<Arc<tokio::sync::Notify>>,
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
        to: Role,
        session: Box<SessionView>,
        inbound: i64,
    },
    CommandReply {
        person: PersonView,
        command: About,
        detail: Vec<Said>,
        inbound: i64,
        /// The first meetings the command called off (STOP, REMATCH), cancelled by it.
        #[serde(default)]
        cancels: Vec<Cancelled>,
    },
    Challenge {
        person: PersonView,
        challenge: ChallengeView,
    },
    JoinRequest {
        join: JoinView,
    },
    JoinConfirm {
        join: JoinView,
    },
    JoinApproved {
        person: PersonView,
        request: i64,
        next: crate::program::Next,
    },
    JoinDeclined {
        join: JoinView,
        reason: Option<String>,
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
                cancels,
            } => Email::CommandReply {
                person,
                command: *command,
                detail,
                inbound: *inbound,
                cancels,
            },
            Answer::Challenge { person, challenge } => Email::Challenge { person, challenge },
            Answer::JoinRequest { join } => Email::JoinRequest { join },
            Answer::JoinConfirm { join } => Email::JoinConfirm { join },
            Answer::JoinApproved {
                person,
                request,
                next,
            } => Email::JoinApproved {
                person,
                request: *request,
                next: *next,
            },
            Answer::JoinDeclined { join, reason } => Email::JoinDeclined {
                join,
                reason: reason.as_deref(),
            },
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
    status: InboundStatus,
    classification: InboundKind,
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
            pairs_learned: None,
            on_join: None,
            workers: std::thread::available_parallelism().map_or(1, usize::from),
        }
    }

    /// Wakes `notify` whenever the coordinator approved someone's request to join (the
    /// daemon reloads then, which pairs the new participant).
    pub fn on_join(mut self, notify: Arc<tokio::sync::Notify>) -> Ingest {
        self.on_join = Some(notify);
        self
    }

    /// Tells the daemon someone joined. A batch rolled back after it costs one reload
    /// that finds nothing new.
    fn joined(&self) {
        if let Some(notify) = &self.on_join {
            notify.notify_one();
        }
    }

    /// The program this pipeline serves.
    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }
}

#[cfg(test)]
mod tests;
