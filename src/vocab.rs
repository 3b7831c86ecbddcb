//! The program's words: every status and kind the store keeps as text, each an enum with
//! one `as_str`/`FromStr` pair, and the idempotency key of an outgoing email as one type
//! that writes and reads it.
//!
//! The store binds and reads these types directly (`ToSql`/`FromSql`), and its tables
//! `CHECK` the same lists (migration 0013; `store`'s tests compare each `CHECK` with
//! [`Word::WORDS`]), so a word that is not in the list can neither be written nor read
//! back as something else.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// A word read where one of a known list was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {word:?}: expected one of {}", known.join(", "))]
pub struct UnknownWord {
    /// What the word names (`participant status`, `email kind`…).
    pub what: &'static str,
    /// The word found.
    pub word: String,
    /// The words that are known.
    pub known: &'static [&'static str],
}

/// A closed list of words kept as text.
pub trait Word: Copy + FromStr<Err = UnknownWord> + 'static {
    /// What the words name, for errors.
    const WHAT: &'static str;
    /// Every word, in the order of the enum.
    const WORDS: &'static [&'static str];
    /// This value's word.
    fn as_str(self) -> &'static str;
}

macro_rules! words {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word kept in the store and shown in output.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $word, )+
                }
            }
        }

        impl Word for $name {
            const WHAT: &'static str = $what;
            const WORDS: &'static [&'static str] = &[$($word,)+];
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, UnknownWord> {
                match s {
                    $( $word => Ok($name::$variant), )+
                    _ => Err(UnknownWord {
                        what: $what,
                        word: s.to_string(),
                        known: <$name as Word>::WORDS,
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::Borrowed(ValueRef::Text(self.as_str().as_bytes())))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value
                    .as_str()?
                    .parse()
                    .map_err(|e: UnknownWord| FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

words! {
    /// Where a participant stands (`participants.status`).
    pub enum ParticipantStatus ("participant status") {
        /// Takes part: gets prompts, nudges and digests.
        Active = "active",
        /// Said PAUSE: no mail until `paused_until` (or RESUME).
        Paused = "paused",
        /// Said STOP (or unsubscribed): no more mail, history kept.
        Stopped = "stopped",
        /// No longer in HR's participants file: kept, with their history.
        Left = "left",
        /// Asked to be forgotten: name and address erased.
        Forgotten = "forgotten",
    }
}

words! {
    /// Where a request to join by email stands (`join_requests.status`).
    pub enum JoinStatus ("join request status") {
        /// Waiting for the person to confirm, by replying, that they asked (their mail
        /// server did not vouch for the sender): the coordinator has not seen it.
        Unconfirmed = "unconfirmed",
        /// Waiting for the coordinator's APPROVE or DECLINE.
        Pending = "pending",
        /// The coordinator approved: the person takes part.
        Approved = "approved",
        /// The coordinator declined: the person was told, kindly.
        Declined = "declined",
    }
}

impl ParticipantStatus {
    /// Whether the person has left the program for good (STOP or FORGET ME): HR's file
    /// listing them again does not bring them back.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ParticipantStatus::Stopped | ParticipantStatus::Forgotten
        )
    }
}

words! {
    /// How far a pair got with one of its goals, as they said at the end (`goals.outcome`).
    pub enum GoalOutcome ("goal outcome") {
        Reached = "reached",
        /// Part of the way.
        Partly = "partly",
        NotReached = "not_reached",
    }
}

words! {
    /// Whether a pair still works together (`pairs.status`).
    pub enum PairStatus ("pair status") {
        Active = "active",
        /// Ended by a new round, a partner leaving, or REMATCH (`end_reason` says which).
        Ended = "ended",
    }
}

words! {
    /// Where an outgoing email is on its way out (`outbox.state`).
    pub enum OutboxState ("outbox state") {
        /// Waiting for its `next_attempt_at`.
        Pending = "pending",
        /// Claimed by the sender until its lease ends.
        Sending = "sending",
        /// Accepted by the relay.
        Sent = "sent",
        /// Refused for good, or out of attempts.
        Failed = "failed",
        /// Not sent: the recipient stopped, paused, or bounces.
        Suppressed = "suppressed",
    }
}

words! {
    /// What became of an incoming message (`inbound.status`).
    pub enum InboundStatus ("inbound status") {
        /// Its effects are applied.
        Processed = "processed",
        /// Kept for HR to read: it could not be read.
        Quarantined = "quarantined",
        /// Waits for its sender to confirm it ("did you send this?").
        Held = "held",
        /// Not taken: not from a participant we can prove, or mail of ours coming back.
        Refused = "refused",
    }
}

words! {
    /// What an incoming message is (`inbound.classification`, `upward inspect`'s `kind`).
    pub enum InboundKind ("inbound kind") {
        /// A participant's answer to a prompt: a report.
        Reply = "reply",
        /// Mail from a person that is not a report (a note to a partner, a question).
        Conversation = "conversation",
        /// STOP, PAUSE, RESUME, SKIP, REMATCH, HELP, FORGET ME.
        Command = "command",
        /// A person's answer to "did you send this?", confirming or declining.
        Confirmation = "confirmation",
        /// An out-of-office or other automatic answer.
        AutoReply = "auto_reply",
        /// A read receipt.
        ReadReceipt = "read_receipt",
        /// A delivery status report saying the mail arrived.
        DeliveryReport = "delivery_report",
        /// A delivery status report saying delivery is delayed.
        Delayed = "delayed",
        /// A delivery status report saying delivery failed.
        Bounce = "bounce",
        /// A feedback report: someone marked our mail as spam.
        Complaint = "complaint",
        /// A message that could not be read; kept for review.
        Quarantined = "quarantined",
        /// A message refused as such (too large, a loop, mail of ours).
        Rejected = "rejected",
        /// A failure worth retrying (the source offers the message again).
        Tempfail = "tempfail",
        /// A person's message that belongs to no pair or person we know.
        Unrouted = "unrouted",
    }
}

impl InboundKind {
    /// Whether a person wrote it (a report, a conversation, a command), not a machine.
    pub fn is_person_mail(self) -> bool {
        matches!(
            self,
            InboundKind::Reply | InboundKind::Conversation | InboundKind::Command
        )
    }
}

words! {
    /// The kinds of email the program sends (`outbox.kind`, template names, `upward
    /// preview KIND`).
    pub enum EmailKind ("email kind") {
        /// The introduction of a new pair, one email to both partners.
        Intro = "intro",
        /// The periodic "how did it go" prompt to one participant.
        Prompt = "prompt",
        /// A reminder to a pair that has been silent for a while.
        Nudge = "nudge",
        /// What was logged from a participant's reply.
        Confirmation = "confirmation",
        /// The answer to a command (PAUSE, RESUME, STOP, HELP...).
        Command = "command",
        /// The coordinator's digest.
        HrDigest = "hr_digest",
        /// A participant's own digest.
        ParticipantDigest = "participant_digest",
        /// The last reflection at the end of the program.
        Closing = "closing",
        /// "Did you send this?": a message that cannot be proven the sender's, or a FORGET
        /// ME, waits for a reply to this email, which only the person's own mailbox receives.
        Challenge = "challenge",
        /// To someone whose partner left the program: what happens next.
        PartnerLeft = "partner_left",
        /// To someone a round left without a partner: why, and when the next chance is.
        Unmatched = "unmatched",
        /// To everyone still taking part, two weeks before the end.
        EndingSoon = "ending_soon",
        /// To someone whose PAUSE UNTIL day came: mail starts again.
        PauseEnded = "pause_ended",
        /// A partner's words on the pair's shared thread, passed on to the other partner.
        Relay = "relay",
        /// A person's words to the program that want a person, passed on to the coordinator.
        Forward = "forward",
        /// To someone whose partner paused for more than a week: the pairing waits.
        PartnerPaused = "partner_paused",
        /// To someone whose side cancelled the pair's last two meetings: a gentle note.
        CancelledAgain = "cancelled_again",
        /// To someone whose pair ended before the first meeting its introduction proposed,
        /// when no other email tells them then: the invitation is cancelled.
        MeetingCancelled = "meeting_cancelled",
        /// The coordinator's report of the whole program, once, after the end date.
        FinalReport = "final_report",
        /// To the coordinator: someone wrote JOIN; approve or decline by replying.
        JoinRequest = "join_request",
        /// To someone who wrote JOIN from an address no mail server vouched for: reply to
        /// confirm it was you.
        JoinConfirm = "join_confirm",
        /// To someone HR let join: welcome, and when they will be paired.
        JoinApproved = "join_approved",
        /// To someone HR did not let join, kindly (with HR's reason only when HR gave one).
        JoinDeclined = "join_declined",
    }
}

words! {
    /// A language the program writes its emails in (a participant's `language`, the
    /// program's `language`): ISO 639-1 codes. English unless told otherwise.
    #[derive(Default)]
    pub enum Lang ("language") {
        #[default]
        En = "en",
        De = "de",
        Fr = "fr",
        Es = "es",
        Nl = "nl",
    }
}

impl Lang {
    /// A language as HR writes it: its code (`de`, `de-AT`, `fr_CA`) or its name in English
    /// or in itself (`German`, `Deutsch`), any case. `None` for a language the program does
    /// not write (Korean, Tamil...).
    pub fn recognise(word: &str) -> Option<Lang> {
        let w = word.trim().to_lowercase();
        let code = w.split(['-', '_']).next().unwrap_or_default();
        if let Ok(lang) = code.parse() {
            return Some(lang);
        }
        match w.as_str() {
            "english" | "englisch" | "anglais" | "inglés" | "ingles" | "engels" => Some(Lang::En),
            "german" | "deutsch" | "allemand" | "alemán" | "aleman" | "duits" => Some(Lang::De),
            "french" | "français" | "francais" | "französisch" | "francés" | "frances"
            | "frans" => Some(Lang::Fr),
            "spanish" | "español" | "espanol" | "castellano" | "spanisch" | "espagnol"
            | "spaans" => Some(Lang::Es),
            "dutch" | "nederlands" | "flemish" | "vlaams" | "niederländisch" | "néerlandais"
            | "neerlandés" => Some(Lang::Nl),
            _ => None,
        }
    }

    /// The language's name in itself, for people choosing one.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::Nl => "Nederlands",
        }
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let word = String::deserialize(d)?;
        word.parse().map_err(serde::de::Error::custom)
    }
}

impl EmailKind {
    /// The kind a person typed (`upward preview hr-digest`): case and `-`/`_` do not matter.
    pub fn parse(name: &str) -> Option<EmailKind> {
        name.trim().to_lowercase().replace('-', "_").parse().ok()
    }
}

/// The idempotency key of an outgoing email: the same email always has the same key, so
/// queueing it again is a no-op, and a reply threaded to it tells what it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdempotencyKey {
    /// `intro:ROUND:PAIR`
    Intro { round: i64, pair: i64 },
    /// `prompt:PAIR:PERSON:DATE`
    Prompt {
        pair: i64,
        person: i64,
        occurrence: NaiveDate,
    },
    /// `nudge:PAIR:DATE`
    Nudge { pair: i64, on: NaiveDate },
    /// `confirm:PAIR:PERSON:INBOUND`
    Confirm {
        pair: i64,
        person: i64,
        inbound: i64,
    },
    /// `command:PERSON:INBOUND` (person 0 for someone not in the program)
    Command { person: i64, inbound: i64 },
    /// `hr-digest:FROM..TO`
    HrDigest { from: NaiveDate, to: NaiveDate },
    /// `digest:PERSON:FROM..TO`
    Digest {
        person: i64,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// `closing:PAIR:PERSON`
    Closing { pair: i64, person: i64 },
    /// `challenge:PERSON:REQUEST`
    Challenge { person: i64, request: i64 },
    /// `partner-left:PAIR:PERSON`: to PERSON, whose partner in PAIR left.
    PartnerLeft { pair: i64, person: i64 },
    /// `unmatched:ROUND:PERSON`: to PERSON, whom round ROUND left without a partner.
    Unmatched { round: i64, person: i64 },
    /// `ending-soon:PERSON`: the program's end is near (one per person and program).
    EndingSoon { person: i64 },
    /// `pause-ended:PERSON:DATE`: PERSON's pause ended on DATE.
    PauseEnded { person: i64, on: NaiveDate },
    /// `relay:PAIR:PERSON:INBOUND`: the message INBOUND of PERSON's partner in PAIR,
    /// passed on to PERSON (one relay per message).
    Relay {
        pair: i64,
        person: i64,
        inbound: i64,
    },
    /// `forward:INBOUND`: message INBOUND, passed on to the coordinator (once per message).
    Forward { inbound: i64 },
    /// `partner-paused:PAIR:PERSON:DATE`: to PERSON, whose partner in PAIR paused on DATE.
    PartnerPaused {
        pair: i64,
        person: i64,
        on: NaiveDate,
    },
    /// `cancelled-again:PAIR:PERSON:DATE`: to PERSON, whose side of PAIR cancelled its
    /// second meeting in a row, reported on DATE.
    CancelledAgain {
        pair: i64,
        person: i64,
        on: NaiveDate,
    },
    /// `meeting-cancelled:PAIR:PERSON`: to PERSON, whose pair PAIR ended before its proposed
    /// first meeting (once per pair and person).
    MeetingCancelled { pair: i64, person: i64 },
    /// `final-report:END`: the coordinator's report of the program that ended on END (one
    /// per program).
    FinalReport { end: NaiveDate },
    /// `join-request:REQUEST`: the coordinator is asked about join request REQUEST.
    JoinRequest { request: i64 },
    /// `join-confirm:REQUEST`: the person of join request REQUEST is asked to confirm it.
    JoinConfirm { request: i64 },
    /// `join-approved:REQUEST`: the person of join request REQUEST is welcome.
    JoinApproved { request: i64 },
    /// `join-declined:REQUEST`: the person of join request REQUEST is told no, kindly.
    JoinDeclined { request: i64 },
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdempotencyKey::Intro { round, pair } => write!(f, "intro:{round}:{pair}"),
            IdempotencyKey::Prompt {
                pair,
                person,
                occurrence,
            } => write!(f, "prompt:{pair}:{person}:{occurrence}"),
            IdempotencyKey::Nudge { pair, on } => write!(f, "nudge:{pair}:{on}"),
            IdempotencyKey::Confirm {
                pair,
                person,
                inbound,
            } => write!(f, "confirm:{pair}:{person}:{inbound}"),
            IdempotencyKey::Command { person, inbound } => write!(f, "command:{person}:{inbound}"),
            IdempotencyKey::HrDigest { from, to } => write!(f, "hr-digest:{from}..{to}"),
            IdempotencyKey::Digest { person, from, to } => {
                write!(f, "digest:{person}:{from}..{to}")
            }
            IdempotencyKey::Closing { pair, person } => write!(f, "closing:{pair}:{person}"),
            IdempotencyKey::Challenge { person, request } => {
                write!(f, "challenge:{person}:{request}")
            }
            IdempotencyKey::PartnerLeft { pair, person } => {
                write!(f, "partner-left:{pair}:{person}")
            }
            IdempotencyKey::Unmatched { round, person } => {
                write!(f, "unmatched:{round}:{person}")
            }
            IdempotencyKey::EndingSoon { person } => write!(f, "ending-soon:{person}"),
            IdempotencyKey::PauseEnded { person, on } => write!(f, "pause-ended:{person}:{on}"),
            IdempotencyKey::Relay {
                pair,
                person,
                inbound,
            } => write!(f, "relay:{pair}:{person}:{inbound}"),
            IdempotencyKey::Forward { inbound } => write!(f, "forward:{inbound}"),
            IdempotencyKey::PartnerPaused { pair, person, on } => {
                write!(f, "partner-paused:{pair}:{person}:{on}")
            }
            IdempotencyKey::CancelledAgain { pair, person, on } => {
                write!(f, "cancelled-again:{pair}:{person}:{on}")
            }
            IdempotencyKey::MeetingCancelled { pair, person } => {
                write!(f, "meeting-cancelled:{pair}:{person}")
            }
            IdempotencyKey::FinalReport { end } => write!(f, "final-report:{end}"),
            IdempotencyKey::JoinRequest { request } => write!(f, "join-request:{request}"),
            IdempotencyKey::JoinConfirm { request } => write!(f, "join-confirm:{request}"),
            IdempotencyKey::JoinApproved { request } => write!(f, "join-approved:{request}"),
            IdempotencyKey::JoinDeclined { request } => write!(f, "join-declined:{request}"),
        }
    }
}

/// A text that is not an idempotency key of any known shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an outgoing email's key (such as intro:ROUND:PAIR or prompt:PAIR:PERSON:DATE)"
)]
pub struct BadKey(pub String);

impl FromStr for IdempotencyKey {
    type Err = BadKey;

    fn from_str(key: &str) -> Result<Self, BadKey> {
        let bad = || BadKey(key.to_string());
        let parts: Vec<&str> = key.split(':').collect();
        let id = |i: usize| -> Result<i64, BadKey> {
            parts
                .get(i)
                .and_then(|p| p.parse::<i64>().ok())
                .ok_or_else(bad)
        };
        let day = |i: usize| -> Result<NaiveDate, BadKey> {
            parts
                .get(i)
                .and_then(|p| p.parse::<NaiveDate>().ok())
                .ok_or_else(bad)
        };
        // NOTE: the first releases named a digest's period by its ISO week (`2027-W03`);
        // such a key reads as that week, Monday to Sunday.
        let period = |i: usize| -> Result<(NaiveDate, NaiveDate), BadKey> {
            let text = parts.get(i).ok_or_else(bad)?;
            if let Some((from, to)) = text.split_once("..") {
                return Ok((
                    from.parse().map_err(|_| bad())?,
                    to.parse().map_err(|_| bad())?,
                ));
            }
            let (year, week) = text.split_once("-W").ok_or_else(bad)?;
            let year: i32 = year.parse().map_err(|_| bad())?;
            let week: u32 = week.parse().map_err(|_| bad())?;
            let monday =
                NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).ok_or_else(bad)?;
            Ok((monday, monday + chrono::Days::new(6)))
        };
        let (parsed, len) = match parts.first().copied() {
            Some("intro") => (
                IdempotencyKey::Intro {
                    round: id(1)?,
                    pair: id(2)?,
                },
                3,
            ),
            Some("prompt") => (
                IdempotencyKey::Prompt {
                    pair: id(1)?,
                    person: id(2)?,
                    occurrence: day(3)?,
                },
                4,
            ),
            Some("nudge") => (
                IdempotencyKey::Nudge {
                    pair: id(1)?,
                    on: day(2)?,
                },
                3,
            ),
            Some("confirm") => (
                IdempotencyKey::Confirm {
                    pair: id(1)?,
                    person: id(2)?,
                    inbound: id(3)?,
                },
                4,
            ),
            Some("command") => (
                IdempotencyKey::Command {
                    person: id(1)?,
                    inbound: id(2)?,
                },
                3,
            ),
            Some("hr-digest") => {
                let (from, to) = period(1)?;
                (IdempotencyKey::HrDigest { from, to }, 2)
            }
            Some("digest") => {
                let (from, to) = period(2)?;
                (
                    IdempotencyKey::Digest {
                        person: id(1)?,
                        from,
                        to,
                    },
                    3,
                )
            }
            Some("closing") => (
                IdempotencyKey::Closing {
                    pair: id(1)?,
                    person: id(2)?,
                },
                3,
            ),
            Some("challenge") => (
                IdempotencyKey::Challenge {
                    person: id(1)?,
                    request: id(2)?,
                },
                3,
            ),
            Some("partner-left") => (
                IdempotencyKey::PartnerLeft {
                    pair: id(1)?,
                    person: id(2)?,
                },
                3,
            ),
            Some("unmatched") => (
                IdempotencyKey::Unmatched {
                    round: id(1)?,
                    person: id(2)?,
                },
                3,
            ),
            Some("ending-soon") => (IdempotencyKey::EndingSoon { person: id(1)? }, 2),
            Some("pause-ended") => (
                IdempotencyKey::PauseEnded {
                    person: id(1)?,
                    on: day(2)?,
                },
                3,
            ),
            Some("relay") => (
                IdempotencyKey::Relay {
                    pair: id(1)?,
                    person: id(2)?,
                    inbound: id(3)?,
                },
                4,
            ),
            Some("forward") => (IdempotencyKey::Forward { inbound: id(1)? }, 2),
            Some("partner-paused") => (
                IdempotencyKey::PartnerPaused {
                    pair: id(1)?,
                    person: id(2)?,
                    on: day(3)?,
                },
                4,
            ),
            Some("cancelled-again") => (
                IdempotencyKey::CancelledAgain {
                    pair: id(1)?,
                    person: id(2)?,
                    on: day(3)?,
                },
                4,
            ),
            Some("meeting-cancelled") => (
                IdempotencyKey::MeetingCancelled {
                    pair: id(1)?,
                    person: id(2)?,
                },
                3,
            ),
            Some("final-report") => (IdempotencyKey::FinalReport { end: day(1)? }, 2),
            Some("join-request") => (IdempotencyKey::JoinRequest { request: id(1)? }, 2),
            Some("join-confirm") => (IdempotencyKey::JoinConfirm { request: id(1)? }, 2),
            Some("join-approved") => (IdempotencyKey::JoinApproved { request: id(1)? }, 2),
            Some("join-declined") => (IdempotencyKey::JoinDeclined { request: id(1)? }, 2),
            _ => return Err(bad()),
        };
        if parts.len() == len {
            Ok(parsed)
        } else {
            Err(bad())
        }
    }
}

impl IdempotencyKey {
    /// The pair whose conversation the email was part of: an introduction, a prompt, a
    /// nudge, a confirmation, a closing or a partner's relayed words. Not the notice to a partner that the other left:
    /// it is written to outlive the other's erasure (it does not name someone forgotten).
    pub fn pair_mail(&self) -> Option<i64> {
        match self {
            IdempotencyKey::Intro { pair, .. }
            | IdempotencyKey::Prompt { pair, .. }
            | IdempotencyKey::Nudge { pair, .. }
            | IdempotencyKey::Confirm { pair, .. }
            | IdempotencyKey::Closing { pair, .. }
            | IdempotencyKey::Relay { pair, .. }
            | IdempotencyKey::PartnerPaused { pair, .. }
            | IdempotencyKey::CancelledAgain { pair, .. } => Some(*pair),
            _ => None,
        }
    }

    /// The kind of email the key is for.
    pub fn kind(&self) -> EmailKind {
        match self {
            IdempotencyKey::Intro { .. } => EmailKind::Intro,
            IdempotencyKey::Prompt { .. } => EmailKind::Prompt,
            IdempotencyKey::Nudge { .. } => EmailKind::Nudge,
            IdempotencyKey::Confirm { .. } => EmailKind::Confirmation,
            IdempotencyKey::Command { .. } => EmailKind::Command,
            IdempotencyKey::HrDigest { .. } => EmailKind::HrDigest,
            IdempotencyKey::Digest { .. } => EmailKind::ParticipantDigest,
            IdempotencyKey::Closing { .. } => EmailKind::Closing,
            IdempotencyKey::Challenge { .. } => EmailKind::Challenge,
            IdempotencyKey::PartnerLeft { .. } => EmailKind::PartnerLeft,
            IdempotencyKey::Unmatched { .. } => EmailKind::Unmatched,
            IdempotencyKey::EndingSoon { .. } => EmailKind::EndingSoon,
            IdempotencyKey::PauseEnded { .. } => EmailKind::PauseEnded,
            IdempotencyKey::Relay { .. } => EmailKind::Relay,
            IdempotencyKey::Forward { .. } => EmailKind::Forward,
            IdempotencyKey::PartnerPaused { .. } => EmailKind::PartnerPaused,
            IdempotencyKey::CancelledAgain { .. } => EmailKind::CancelledAgain,
            IdempotencyKey::MeetingCancelled { .. } => EmailKind::MeetingCancelled,
            IdempotencyKey::FinalReport { .. } => EmailKind::FinalReport,
            IdempotencyKey::JoinRequest { .. } => EmailKind::JoinRequest,
            IdempotencyKey::JoinConfirm { .. } => EmailKind::JoinConfirm,
            IdempotencyKey::JoinApproved { .. } => EmailKind::JoinApproved,
            IdempotencyKey::JoinDeclined { .. } => EmailKind::JoinDeclined,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<W: Word + PartialEq + fmt::Debug>(all: &[W]) {
        assert_eq!(all.len(), W::WORDS.len());
        for (value, word) in all.iter().zip(W::WORDS) {
            assert_eq!(value.as_str(), *word);
            assert_eq!(word.parse::<W>().unwrap(), *value);
        }
    }

    #[test]
    fn every_word_reads_back_as_its_value() {
        round_trips(ParticipantStatus::ALL);
        round_trips(PairStatus::ALL);
        round_trips(OutboxState::ALL);
        round_trips(InboundStatus::ALL);
        round_trips(InboundKind::ALL);
        round_trips(EmailKind::ALL);
        round_trips(JoinStatus::ALL);
    }

    #[test]
    fn an_unknown_word_says_what_was_expected() {
        let err = "Active".parse::<ParticipantStatus>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown participant status \"Active\": expected one of active, paused, stopped, left, forgotten"
        );
        assert!("".parse::<OutboxState>().is_err());
        assert_eq!(EmailKind::parse(" HR-Digest "), Some(EmailKind::HrDigest));
        assert_eq!(EmailKind::parse("digest"), None);
    }

    #[test]
    fn every_key_shape_reads_back_as_written() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let keys = [
            (IdempotencyKey::Intro { round: 2, pair: 9 }, "intro:2:9"),
            (
                IdempotencyKey::Prompt {
                    pair: 9,
                    person: 4,
                    occurrence: day("2027-03-01"),
                },
                "prompt:9:4:2027-03-01",
            ),
            (
                IdempotencyKey::Nudge {
                    pair: 9,
                    on: day("2027-03-02"),
                },
                "nudge:9:2027-03-02",
            ),
            (
                IdempotencyKey::Confirm {
                    pair: 3,
                    person: 7,
                    inbound: 42,
                },
                "confirm:3:7:42",
            ),
            (
                IdempotencyKey::Command {
                    person: 0,
                    inbound: 5,
                },
                "command:0:5",
            ),
            (
                IdempotencyKey::HrDigest {
                    from: day("2027-03-01"),
                    to: day("2027-03-07"),
                },
                "hr-digest:2027-03-01..2027-03-07",
            ),
            (
                IdempotencyKey::Digest {
                    person: 4,
                    from: day("2027-03-01"),
                    to: day("2027-03-07"),
                },
                "digest:4:2027-03-01..2027-03-07",
            ),
            (
                IdempotencyKey::Closing { pair: 9, person: 4 },
                "closing:9:4",
            ),
            (
                IdempotencyKey::Challenge {
                    person: 4,
                    request: 11,
                },
                "challenge:4:11",
            ),
            (
                IdempotencyKey::PartnerLeft { pair: 9, person: 4 },
                "partner-left:9:4",
            ),
            (
                IdempotencyKey::Unmatched {
                    round: 2,
                    person: 4,
                },
                "unmatched:2:4",
            ),
            (IdempotencyKey::EndingSoon { person: 4 }, "ending-soon:4"),
            (
                IdempotencyKey::PauseEnded {
                    person: 4,
                    on: day("2027-03-01"),
                },
                "pause-ended:4:2027-03-01",
            ),
            (
                IdempotencyKey::Relay {
                    pair: 9,
                    person: 4,
                    inbound: 31,
                },
                "relay:9:4:31",
            ),
            (IdempotencyKey::Forward { inbound: 31 }, "forward:31"),
            (
                IdempotencyKey::PartnerPaused {
                    pair: 9,
                    person: 4,
                    on: day("2027-03-01"),
                },
                "partner-paused:9:4:2027-03-01",
            ),
            (
                IdempotencyKey::CancelledAgain {
                    pair: 9,
                    person: 4,
                    on: day("2027-03-01"),
                },
                "cancelled-again:9:4:2027-03-01",
            ),
            (
                IdempotencyKey::MeetingCancelled { pair: 9, person: 4 },
                "meeting-cancelled:9:4",
            ),
            (
                IdempotencyKey::FinalReport {
                    end: day("2027-04-30"),
                },
                "final-report:2027-04-30",
            ),
            (IdempotencyKey::JoinRequest { request: 3 }, "join-request:3"),
            (IdempotencyKey::JoinConfirm { request: 3 }, "join-confirm:3"),
            (
                IdempotencyKey::JoinApproved { request: 3 },
                "join-approved:3",
            ),
            (
                IdempotencyKey::JoinDeclined { request: 3 },
                "join-declined:3",
            ),
        ];
        for (key, text) in keys {
            assert_eq!(key.to_string(), text);
            assert_eq!(text.parse::<IdempotencyKey>().unwrap(), key, "{text}");
        }
    }

    #[test]
    fn a_digest_key_of_the_first_releases_reads_as_its_week() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            "hr-digest:2027-W03".parse::<IdempotencyKey>().unwrap(),
            IdempotencyKey::HrDigest {
                from: day("2027-01-18"),
                to: day("2027-01-24")
            }
        );
        assert_eq!(
            "digest:4:2027-W03"
                .parse::<IdempotencyKey>()
                .unwrap()
                .kind(),
            EmailKind::ParticipantDigest
        );
        assert!("hr-digest:2027-W60".parse::<IdempotencyKey>().is_err());
    }

    #[test]
    fn the_mail_of_a_pair_is_its_conversation_not_the_notice_that_a_partner_left() {
        let pair_of = |k: &str| k.parse::<IdempotencyKey>().unwrap().pair_mail();
        assert_eq!(pair_of("intro:2:9"), Some(9));
        assert_eq!(pair_of("prompt:9:4:2027-03-01"), Some(9));
        assert_eq!(pair_of("nudge:9:2027-03-01"), Some(9));
        assert_eq!(pair_of("confirm:9:4:42"), Some(9));
        assert_eq!(pair_of("closing:9:4"), Some(9));
        assert_eq!(pair_of("partner-left:9:4"), None);
        assert_eq!(pair_of("command:4:42"), None);
        assert_eq!(pair_of("final-report:2027-04-30"), None);
    }

    #[test]
    fn a_key_of_another_shape_is_refused() {
        for bad in [
            "",
            "intro:2",
            "intro:2:9:1",
            "confirm:3:7:42:9",
            "confirm:3:x:42",
            "prompt:9:4:tomorrow",
            "hr-digest:2027-03-01",
            "final-report:2027-04-30:1",
            "welcome:1:2",
        ] {
            assert!(bad.parse::<IdempotencyKey>().is_err(), "{bad}");
        }
    }
}
