//! Owns the emails the program sends as values: the people and pairs they are about
//! (`PersonView`, `PairView`, `SessionView`, `ChallengeView`), each kind with what it needs
//! (`Email`), and what follows from the kind alone: its idempotency key, the thread it
//! continues, its `Auto-Submitted` value and whether it goes to someone paused or gone.
//! Turning one into bytes is `compose`'s.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::ics::Availability;
pub use super::join::JoinView;
use super::relay::Relayed;
use super::said::{About, Said};
use super::templates::EmailKind;
use crate::config::{Participant, Role, WorkingHours};
use crate::digest::Figures;
use crate::digest::final_report::FinalFigures;
use crate::digest::participant::ParticipantFigures;
use crate::program::{Alone, CommandName, Departure, Next};
use crate::vocab::{IdempotencyKey, Lang};

/// A participant as an email needs them. Built by the caller from the store and the config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    /// The participant's id in the store: it goes into reply tokens.
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub department: Option<String>,
    pub timezone: Tz,
    pub hours: Option<WorkingHours>,
    pub offers: Vec<String>,
    pub wants: Vec<String>,
    /// The language of this person's emails.
    #[serde(default)]
    pub language: Lang,
}

impl PersonView {
    /// The view of a configured participant with their store id.
    pub fn from_participant(id: i64, p: &Participant) -> PersonView {
        PersonView {
            id,
            name: p.name.clone(),
            email: p.email.clone(),
            role: p.role,
            department: p.department.clone(),
            timezone: p.timezone,
            hours: p.hours,
            offers: p.offers.clone(),
            wants: p.wants.clone(),
            language: p.language,
        }
    }

    pub(super) fn availability(&self) -> Availability {
        Availability {
            timezone: self.timezone,
            hours: self.hours,
        }
    }
}

/// A pair as an email needs it. `reasons` come from the pairing engine as plain sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairView {
    /// The pair's id in the store: it goes into reply tokens and idempotency keys.
    pub id: i64,
    /// The round number: part of the introduction's idempotency key.
    pub round: i64,
    pub mentor: PersonView,
    pub mentee: PersonView,
    pub reasons: Vec<String>,
    /// The pair's current goals (what prompts remind them of and the closing asks about);
    /// answers drafted for later go without them.
    #[serde(skip)]
    pub goals: Vec<crate::store::Goal>,
}

impl PairView {
    /// One side of the pair.
    pub fn person(&self, side: Role) -> &PersonView {
        match side {
            Role::Mentor => &self.mentor,
            Role::Mentee => &self.mentee,
        }
    }
}

/// A logged session, as the confirmation repeats it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub met: bool,
    pub date: Option<NaiveDate>,
    pub minutes: Option<u32>,
    pub topics: Vec<String>,
    pub rating: Option<u8>,
    /// Set when the report was taken as a correction or retraction of an earlier report
    /// (the confirmation says so); `None` for a report of its own.
    #[serde(default)]
    pub taken_as: Option<TakenAs>,
    /// The fields the message tried to state but that could not be read (`"met"`,
    /// `"date"`, `"minutes"`, `"rating"`): the confirmation asks for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_understood: Vec<String>,
    /// A command the report also asked for in sentences ("… and please pause me until
    /// March"), which a report does not carry out: the confirmation says how to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub also_asked: Option<AlsoAsked>,
}

/// A command asked for inside a report: its word (`PAUSE`, `SKIP`, …) and the line that
/// does it, as the person would write it (`PAUSE UNTIL 2027-03-01`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlsoAsked {
    pub command: String,
    pub write: String,
}

impl AlsoAsked {
    pub fn of(command: &crate::program::Command) -> Self {
        let word = command.name.word();
        let write = match command.until {
            Some(day) => format!("{word} UNTIL {day}"),
            None => word.to_string(),
        };
        Self {
            command: word.to_string(),
            write,
        }
    }
}

/// A first meeting an introduction proposed that will not take place (its pair ended before
/// it): the email that carries it cancels the invitation (`METHOD:CANCEL`, same UID).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cancelled {
    /// The pair whose introduction proposed the meeting (it names the invitation's UID).
    pub pair: PairView,
    /// When the meeting was to start.
    pub start: DateTime<Utc>,
}

/// How a report that changed an earlier one was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TakenAs {
    /// It changed the fields it states.
    Correction,
    /// It said the meeting did not happen: the session is marked, not deleted.
    Retraction,
}

/// One email to compose: its kind and what it is about.
#[derive(Debug, Clone, Copy)]
pub enum Email<'a> {
    /// `intro:ROUND:PAIR`, to both partners.
    Intro { pair: &'a PairView },
    /// `prompt:PAIR:PERSON:OCCURRENCE`, to one partner; someone with more partners is asked
    /// about each of `also` in the same email (the same side of each of those pairs), each
    /// with the reply address of that pair.
    Prompt {
        pair: &'a PairView,
        to: Role,
        occurrence: NaiveDate,
        also: &'a [PairView],
    },
    /// `nudge:PAIR:DATE`, to both partners.
    Nudge {
        pair: &'a PairView,
        days: u32,
        on: NaiveDate,
    },
    /// `confirm:PAIR:PERSON:INBOUND`, to the partner who replied.
    Confirmation {
        pair: &'a PairView,
        to: Role,
        session: &'a SessionView,
        inbound: i64,
    },
    /// `command:PERSON:INBOUND`: the answer to a command. Sent even to someone who just
    /// paused or stopped: it confirms that very command. It cancels the first meetings
    /// proposed to `person` that the command called off (`cancels`: STOP, REMATCH).
    CommandReply {
        person: &'a PersonView,
        /// What it answers, as the subject names it.
        command: About,
        /// What it says, in order.
        detail: &'a [Said],
        inbound: i64,
        cancels: &'a [Cancelled],
    },
    /// `hr-digest:FROM..TO`, to the coordinator: one per period, so a duplicate fire of the
    /// schedule cannot send it twice.
    HrDigest { digest: &'a Figures },
    /// `final-report:END`, to the coordinator: once per program, after its end date.
    FinalReport { report: &'a FinalFigures },
    /// `digest:PERSON:FROM..TO`.
    ParticipantDigest {
        person: &'a PersonView,
        digest: &'a ParticipantFigures,
    },
    /// `closing:PAIR:PERSON`; someone with more partners hears about each of `also` in the
    /// same email, with the reply address of that pair (as a prompt does).
    Closing {
        pair: &'a PairView,
        to: Role,
        also: &'a [PairView],
    },
    /// `challenge:PERSON:REQUEST`: asks a person to confirm what came from their address
    /// (a message we cannot prove they sent, or FORGET ME). The reply address carries a
    /// token for that one request, so only their own mailbox can confirm it.
    Challenge {
        person: &'a PersonView,
        challenge: &'a ChallengeView,
    },
    /// `partner-left:PAIR:PERSON`: to the partner `to` of `pair`, whose other partner left
    /// the program or cannot be reached, with what happens next. It names no private
    /// reason, and not even the one who left when they asked to be forgotten.
    PartnerLeft {
        pair: &'a PairView,
        to: Role,
        next: Next,
        departure: Departure,
        /// The pair's first meeting, when it was still to come: the email cancels it.
        cancel: Option<DateTime<Utc>>,
    },
    /// `meeting-cancelled:PAIR:PERSON`: to `to` of `pair`, which ended (a REMATCH, a round)
    /// before the first meeting its introduction proposed for `start`, when no other email
    /// tells them then: the invitation is cancelled.
    MeetingCancelled {
        pair: &'a PairView,
        to: Role,
        start: DateTime<Utc>,
    },
    /// `unmatched:ROUND:PERSON`: to someone round `round` left without a partner, why in
    /// general words, and when the next chance is.
    Unmatched {
        person: &'a PersonView,
        round: i64,
        why: Alone,
        next: Next,
    },
    /// `ending-soon:PERSON`: two weeks before the end, to someone still taking part, with
    /// their current partners' names.
    EndingSoon {
        person: &'a PersonView,
        partners: &'a [String],
    },
    /// `pause-ended:PERSON:DATE`: the day `on` of a PAUSE UNTIL came; mail starts again.
    PauseEnded {
        person: &'a PersonView,
        on: NaiveDate,
    },
    /// `relay:PAIR:PERSON:INBOUND`: what the partner of `to` wrote on the pair's shared
    /// thread (message `inbound`), passed on to `to`; replying to it reaches the partner.
    Relay {
        pair: &'a PairView,
        to: Role,
        relayed: &'a Relayed,
        inbound: i64,
    },
    /// `partner-paused:PAIR:PERSON:DATE`: to the partner `to` of `pair`, whose other partner
    /// paused on `on` for more than a week (until `until`, or without an end day).
    PartnerPaused {
        pair: &'a PairView,
        to: Role,
        on: NaiveDate,
        until: Option<NaiveDate>,
    },
    /// `cancelled-again:PAIR:PERSON:DATE`: to `to` of `pair`, whose side cancelled the
    /// pair's last two meetings (the second reported on `on`): a gentle note. Replying
    /// reaches the coordinator; a report in reply is logged.
    CancelledAgain {
        pair: &'a PairView,
        to: Role,
        on: NaiveDate,
    },
    /// `join-request:REQUEST`: to the coordinator, someone not in the program asks to join;
    /// a reply APPROVE or DECLINE settles it.
    JoinRequest { join: &'a JoinView },
    /// `join-confirm:REQUEST`: to someone who wrote JOIN from an address no mail server
    /// vouched for; replying (its reply address names the request) confirms it was them.
    JoinConfirm { join: &'a JoinView },
    /// `join-approved:REQUEST`: to someone HR let join: welcome, and when a partner comes.
    JoinApproved {
        person: &'a PersonView,
        request: i64,
        next: Next,
    },
    /// `join-declined:REQUEST`: to someone HR did not let join, with HR's words when HR
    /// wrote some to pass on.
    JoinDeclined {
        join: &'a JoinView,
        reason: Option<&'a str>,
    },
    /// `forward:INBOUND`: what `person` wrote to the program that needs a person (message
    /// `inbound`), passed on to the coordinator; replying reaches `person` directly.
    Forward {
        person: &'a PersonView,
        relayed: &'a Relayed,
        inbound: i64,
    },
}

/// What a [`Email::Challenge`] asks about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ChallengeView {
    /// The waiting request a reply confirms.
    pub request: i64,
    /// What the message would do.
    pub what: Held,
    /// The subject of the message, when it had one.
    pub subject: Option<String>,
    /// The day it arrived, in the person's time zone.
    pub received: NaiveDate,
    /// A FORGET ME, which is confirmed by replying FORGET ME.
    pub forget: bool,
    /// Days the request waits.
    pub days: i64,
}

/// What a held message would do, as a [`ChallengeView`] names it (`challenge-what-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Held {
    /// A command, with its name.
    Command(CommandName),
    /// A report of a meeting with the partner.
    Met,
    /// A report that the partners did not meet.
    NotMet,
    /// A report about the pairing.
    Report,
    /// Any other message about the pairing.
    Message,
}

impl Email<'_> {
    /// The kind, for templates and the outbox.
    pub fn kind(&self) -> EmailKind {
        self.idempotency_key().kind()
    }

    /// The idempotency key: the same email always has the same key, so queueing it again is
    /// a no-op.
    pub fn idempotency_key(&self) -> IdempotencyKey {
        match self {
            Email::Intro { pair } => IdempotencyKey::Intro {
                round: pair.round,
                pair: pair.id,
            },
            Email::Prompt {
                pair,
                to,
                occurrence,
                ..
            } => IdempotencyKey::Prompt {
                pair: pair.id,
                person: pair.person(*to).id,
                occurrence: *occurrence,
            },
            Email::Nudge { pair, on, .. } => IdempotencyKey::Nudge {
                pair: pair.id,
                on: *on,
            },
            Email::Confirmation {
                pair, to, inbound, ..
            } => IdempotencyKey::Confirm {
                pair: pair.id,
                person: pair.person(*to).id,
                inbound: *inbound,
            },
            Email::CommandReply {
                person, inbound, ..
            } => IdempotencyKey::Command {
                person: person.id,
                inbound: *inbound,
            },
            Email::HrDigest { digest } => IdempotencyKey::HrDigest {
                from: digest.period_from,
                to: digest.period_to,
            },
            Email::FinalReport { report } => IdempotencyKey::FinalReport { end: report.end },
            Email::ParticipantDigest { person, digest } => IdempotencyKey::Digest {
                person: person.id,
                from: digest.period_from,
                to: digest.period_to,
            },
            Email::Closing { pair, to, .. } => IdempotencyKey::Closing {
                pair: pair.id,
                person: pair.person(*to).id,
            },
            Email::Challenge { person, challenge } => IdempotencyKey::Challenge {
                person: person.id,
                request: challenge.request,
            },
            Email::PartnerLeft { pair, to, .. } => IdempotencyKey::PartnerLeft {
                pair: pair.id,
                person: pair.person(*to).id,
            },
            Email::MeetingCancelled { pair, to, .. } => IdempotencyKey::MeetingCancelled {
                pair: pair.id,
                person: pair.person(*to).id,
            },
            Email::Unmatched { person, round, .. } => IdempotencyKey::Unmatched {
                round: *round,
                person: person.id,
            },
            Email::EndingSoon { person, .. } => IdempotencyKey::EndingSoon { person: person.id },
            Email::PauseEnded { person, on } => IdempotencyKey::PauseEnded {
                person: person.id,
                on: *on,
            },
            Email::Relay {
                pair, to, inbound, ..
            } => IdempotencyKey::Relay {
                pair: pair.id,
                person: pair.person(*to).id,
                inbound: *inbound,
            },
            Email::Forward { inbound, .. } => IdempotencyKey::Forward { inbound: *inbound },
            Email::JoinConfirm { join } => IdempotencyKey::JoinConfirm {
                request: join.request,
            },
            Email::JoinRequest { join } => IdempotencyKey::JoinRequest {
                request: join.request,
            },
            Email::JoinApproved { request, .. } => {
                IdempotencyKey::JoinApproved { request: *request }
            }
            Email::JoinDeclined { join, .. } => IdempotencyKey::JoinDeclined {
                request: join.request,
            },
            Email::PartnerPaused { pair, to, on, .. } => IdempotencyKey::PartnerPaused {
                pair: pair.id,
                person: pair.person(*to).id,
                on: *on,
            },
            Email::CancelledAgain { pair, to, on } => IdempotencyKey::CancelledAgain {
                pair: pair.id,
                person: pair.person(*to).id,
                on: *on,
            },
        }
    }

    /// The idempotency key as the outbox keeps it.
    pub fn key(&self) -> String {
        self.idempotency_key().to_string()
    }

    /// The key of the email this one continues (the pair's introduction), if any.
    pub fn thread_key(&self) -> Option<String> {
        match self {
            Email::Prompt { pair, .. }
            | Email::Nudge { pair, .. }
            | Email::Confirmation { pair, .. }
            | Email::Closing { pair, .. }
            | Email::PartnerLeft { pair, .. }
            | Email::PartnerPaused { pair, .. }
            | Email::CancelledAgain { pair, .. }
            | Email::MeetingCancelled { pair, .. }
            | Email::Relay { pair, .. } => Some(
                IdempotencyKey::Intro {
                    round: pair.round,
                    pair: pair.id,
                }
                .to_string(),
            ),
            _ => None,
        }
    }

    /// `Auto-Submitted` (RFC 3834): `auto-replied` for an answer to a person's own mail (a
    /// confirmation, a command's answer, "did you send this?"), `auto-generated` for what the
    /// program sends on its own schedule.
    pub fn auto_submitted(&self) -> &'static str {
        match self {
            Email::Confirmation { .. }
            | Email::CommandReply { .. }
            | Email::Challenge { .. }
            | Email::JoinConfirm { .. } => "auto-replied",
            _ => "auto-generated",
        }
    }

    /// Whether the email goes out even to someone paused, stopped or gone.
    pub fn always_send(&self) -> bool {
        // NOTE: a decline answers the person's own request, whatever their status (someone
        // HR's file no longer lists may ask to come back).
        matches!(
            self,
            Email::CommandReply { .. }
                | Email::Challenge { .. }
                | Email::JoinDeclined { .. }
                | Email::JoinConfirm { .. }
        )
    }
}
