//! Owns turning one email (a kind and the views it is about) into the exact bytes that will
//! be sent: the template context, the headers, the reply and bounce tokens, the text and
//! HTML bodies and the optional invitation. Pure: no store, no network, no clock (the caller
//! passes `now` and the Message-ID). Does not decide when an email is due.

use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};
use serde::{Deserialize, Serialize};

use super::OutboundError;
use super::context::context;
pub use super::context::shared_topics;
use super::header::subject_header;
use super::ics::{self, Attendee, Availability, Invite};
pub use super::join::JoinView;
use super::relay::Relayed;
use super::templates::{EmailKind, Rendered, Templates, one_line};
use super::token::{Purpose, TokenClaims, TokenKey};
use crate::config::{Config, Participant, Role, WorkingHours};
use crate::digest::Figures;
use crate::digest::final_report::FinalFigures;
use crate::digest::participant::ParticipantFigures;
use crate::program::{Alone, Departure, Next};
use crate::vocab::IdempotencyKey;

/// The `X-Loop` value on every email, so our own mail is recognised if it comes back.
pub const LOOP_TAG: &str = "upward";
/// The longest display name put in a header; longer ones are cut.
const MAX_NAME: usize = 120;

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
    /// `prompt:PAIR:PERSON:OCCURRENCE`, to one partner.
    Prompt {
        pair: &'a PairView,
        to: Role,
        occurrence: NaiveDate,
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
    /// paused or stopped: it confirms that very command.
    CommandReply {
        person: &'a PersonView,
        command: &'a str,
        detail: &'a str,
        inbound: i64,
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
    /// `closing:PAIR:PERSON`.
    Closing { pair: &'a PairView, to: Role },
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
    /// What the message would do, in words ("a report of a meeting", "the command STOP").
    pub what: String,
    /// The subject of the message, when it had one.
    pub subject: Option<String>,
    /// When it arrived, in the person's words ("Monday 16 November 2026").
    pub received: String,
    /// A FORGET ME, which is confirmed by replying FORGET ME.
    pub forget: bool,
    /// Days the request waits.
    pub days: i64,
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
            Email::Closing { pair, to } => IdempotencyKey::Closing {
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
            Email::Confirmation { .. } | Email::CommandReply { .. } | Email::Challenge { .. } => {
                "auto-replied"
            }
            _ => "auto-generated",
        }
    }

    /// Whether the email goes out even to someone paused, stopped or gone.
    pub fn always_send(&self) -> bool {
        // NOTE: a decline answers the person's own request, whatever their status (someone
        // HR's file no longer lists may ask to come back).
        matches!(
            self,
            Email::CommandReply { .. } | Email::Challenge { .. } | Email::JoinDeclined { .. }
        )
    }
}

/// An email ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub kind: EmailKind,
    pub key: String,
    /// Envelope recipients (lowercase addresses).
    pub recipients: Vec<String>,
    /// Envelope sender: the VERP bounce address, or the From address.
    pub envelope_from: String,
    /// With angle brackets, as in the header.
    pub message_id: String,
    /// The whole message, CRLF line ends, as it goes over SMTP or into an .eml file.
    pub bytes: Vec<u8>,
    pub always_send: bool,
    /// The first meeting an introduction's invitation proposes, if it has one.
    pub meeting: Option<DateTime<Utc>>,
}

impl Composed {
    /// The outbox row that sends this email, not before `due`.
    pub fn outbound(&self, due: DateTime<Utc>) -> crate::store::NewOutbound<'_> {
        crate::store::NewOutbound {
            key: &self.key,
            kind: self.kind,
            recipients: &self.recipients,
            envelope_from: &self.envelope_from,
            message_id: &self.message_id,
            bytes: &self.bytes,
            always_send: self.always_send,
            due,
        }
    }
}

fn address(email: &str) -> Result<Address, OutboundError> {
    email
        .parse::<Address>()
        .map_err(|err| OutboundError::Address {
            address: email.to_string(),
            reason: err.to_string(),
        })
}

fn mailbox(name: Option<&str>, email: &str) -> Result<Mailbox, OutboundError> {
    let name = name
        .map(|n| one_line(n, MAX_NAME))
        .filter(|n| !n.is_empty());
    Ok(Mailbox::new(name, address(email)?))
}

/// Puts `token` into an address pattern such as `mentoring+{token}@acme.example`.
pub fn with_token(pattern: &str, token: &str) -> String {
    pattern.replace("{token}", token)
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

/// The recipients of an email: (name, address) pairs, and the person id the reply token
/// names (0 when it goes to both partners or to the coordinator).
fn recipients<'a>(
    config: &'a Config,
    email: &Email<'a>,
) -> (Vec<(Option<&'a str>, &'a str)>, i64, i64) {
    match *email {
        Email::Intro { pair } | Email::Nudge { pair, .. } => (
            vec![
                (Some(pair.mentor.name.as_str()), pair.mentor.email.as_str()),
                (Some(pair.mentee.name.as_str()), pair.mentee.email.as_str()),
            ],
            pair.id,
            0,
        ),
        Email::Prompt { pair, to, .. }
        | Email::Confirmation { pair, to, .. }
        | Email::Closing { pair, to }
        | Email::PartnerLeft { pair, to, .. }
        | Email::PartnerPaused { pair, to, .. }
        | Email::CancelledAgain { pair, to, .. }
        | Email::Relay { pair, to, .. } => {
            let p = pair.person(to);
            (
                vec![(Some(p.name.as_str()), p.email.as_str())],
                pair.id,
                p.id,
            )
        }
        Email::CommandReply { person, .. }
        | Email::ParticipantDigest { person, .. }
        | Email::Challenge { person, .. }
        | Email::Unmatched { person, .. }
        | Email::EndingSoon { person, .. }
        | Email::PauseEnded { person, .. }
        | Email::JoinApproved { person, .. } => (
            vec![(Some(person.name.as_str()), person.email.as_str())],
            0,
            person.id,
        ),
        Email::JoinDeclined { join, .. } => {
            (vec![(Some(join.name.as_str()), join.email.as_str())], 0, 0)
        }
        Email::HrDigest { .. }
        | Email::FinalReport { .. }
        | Email::Forward { .. }
        | Email::JoinRequest { .. } => (vec![(None, config.program.coordinator.as_str())], 0, 0),
    }
}

/// `List-Id` (RFC 2919) of every email of the program: its name, and an id made of the name
/// on the program's domain, so filters and clients can tell the program's mail apart.
pub fn list_id(config: &Config) -> String {
    let mut slug = String::new();
    for c in config.program.name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "program" } else { slug };
    let name: String = one_line(&config.program.name, MAX_NAME)
        .chars()
        .filter(|c| !matches!(c, '"' | '\\' | '<' | '>'))
        .collect();
    format!("\"{name}\" <{slug}.{}>", config.domain())
}

/// What `compose` needs besides the email itself.
#[derive(Debug, Clone, Copy)]
pub struct ComposeInput<'a> {
    pub now: DateTime<Utc>,
    /// The Message-ID to use, with angle brackets (see [`new_message_id`]).
    pub message_id: &'a str,
    /// The thread this email continues, when it continues one: Message-IDs with angle
    /// brackets, oldest first, separated by spaces. `In-Reply-To` names the last (the message
    /// answered), `References` all of them.
    pub in_reply_to: Option<&'a str>,
    /// Sign with DKIM (`[dkim]`), over the final headers.
    pub dkim: Option<&'a lettre::message::dkim::DkimConfig>,
    /// For an introduction: the first meetings already proposed to either partner, which
    /// its own proposal keeps clear of.
    pub busy: &'a [DateTime<Utc>],
    /// For an introduction: the sides that had a partner before (it is a new partner to
    /// them).
    pub again: &'a [Role],
}

/// A fresh Message-ID on the program's domain: `<KIND.RANDOM@domain>`.
///
/// # Errors
/// `Random` when the system has no randomness to give.
pub fn new_message_id(config: &Config, kind: EmailKind) -> Result<String, OutboundError> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| OutboundError::Random(e.to_string()))?;
    let random: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!(
        "<{}.{random}@{}>",
        kind.as_str().replace('_', "-"),
        config.domain()
    ))
}

/// Renders an email's subject, text and HTML without building the message (for golden tests
/// and screenshots of the digests).
///
/// # Errors
/// `Template` when a template fails, with file and line.
pub fn render(
    config: &Config,
    templates: &Templates,
    email: &Email<'_>,
    now: DateTime<Utc>,
) -> Result<Rendered, OutboundError> {
    let (ctx, _) = context(config, email, now, &[], &[]);
    Ok(templates.render(email.kind(), &ctx)?)
}

/// Renders and builds one email.
///
/// # Errors
/// `Template` when a template fails (with file and line), `Address` when an address cannot
/// be used, `Build` when the message cannot be assembled.
pub fn compose(
    config: &Config,
    templates: &Templates,
    key: &TokenKey,
    email: &Email<'_>,
    input: ComposeInput<'_>,
) -> Result<Composed, OutboundError> {
    let kind = email.kind();
    let (ctx, slot) = context(config, email, input.now, input.busy, input.again);
    let rendered = templates.render(kind, &ctx)?;
    let (to, pair, person) = recipients(config, email);
    let sign = |purpose| {
        key.sign(TokenClaims {
            pair: u64::try_from(pair).unwrap_or(0),
            person: u64::try_from(person).unwrap_or(0),
            purpose,
        })
    };
    let reply_purpose = match email {
        Email::CommandReply { .. }
        | Email::HrDigest { .. }
        | Email::FinalReport { .. }
        | Email::ParticipantDigest { .. }
        | Email::Challenge { .. }
        | Email::PartnerLeft { .. }
        | Email::PartnerPaused { .. }
        | Email::Unmatched { .. }
        | Email::EndingSoon { .. }
        | Email::PauseEnded { .. }
        | Email::JoinApproved { .. }
        | Email::JoinDeclined { .. } => Purpose::Command,
        Email::Relay { .. } => Purpose::Relay,
        _ => Purpose::Reply,
    };
    // NOTE: a confirmation's reply token also names the report, so that a reply to it is
    // taken as that report's correction even without thread headers. A challenge's names
    // the request waiting for the reply instead of a pair; every other token of the email
    // (unsubscribe, bounce) names the person and no pair.
    let reply_token = match email {
        Email::Confirmation { inbound, .. } => key.sign_report(
            u64::try_from(pair).unwrap_or(0),
            u64::try_from(person).unwrap_or(0),
            u64::try_from(*inbound).unwrap_or(0),
        ),
        Email::Challenge { challenge, .. } => key.sign(TokenClaims {
            pair: u64::try_from(challenge.request).unwrap_or(0),
            person: u64::try_from(person).unwrap_or(0),
            purpose: Purpose::Confirm,
        }),
        // NOTE: the request's token names the request, and only there: the bounce and
        // unsubscribe tokens of the email name no pair, so a bounce is never read as a pair's.
        Email::JoinRequest { join } => key.sign(TokenClaims {
            pair: u64::try_from(join.request).unwrap_or(0),
            person: 0,
            purpose: Purpose::Join,
        }),
        _ => sign(reply_purpose),
    };
    // NOTE: HR answers a forwarded message straight to the one who wrote it.
    let (reply_name, reply_to) = match email {
        Email::Forward { person, .. } => (person.name.as_str(), person.email.clone()),
        _ => (
            config.program.name.as_str(),
            with_token(&config.program.reply_to, &reply_token),
        ),
    };
    let unsubscribe_token = sign(Purpose::Unsubscribe);
    let unsubscribe = with_token(&config.program.reply_to, &unsubscribe_token);
    let envelope_from = match &config.program.bounce_address {
        Some(pattern) => with_token(pattern, &sign(Purpose::Bounce)),
        None => config.program.from.email.clone(),
    };

    let from = &config.program.from;
    // NOTE: a relay shows who wrote it, as mailing lists do ("Sam Lee via Program").
    let writer = match email {
        Email::Relay { pair, to, .. } => Some(&pair.person(to.other()).name),
        Email::Forward { person, .. } => Some(&person.name),
        _ => None,
    };
    let from_name = match writer {
        Some(name) => Some(format!(
            "{} via {}",
            one_line(name, MAX_NAME),
            one_line(&config.program.name, MAX_NAME)
        )),
        None => from.name.clone(),
    };
    let mut builder = Message::builder()
        .from(mailbox(from_name.as_deref(), &from.email)?)
        .reply_to(mailbox(Some(reply_name), &reply_to)?)
        .raw_header(subject_header(&rendered.subject))
        .message_id(Some(input.message_id.to_string()))
        .date(SystemTime::from(input.now))
        .raw_header(raw("Auto-Submitted", email.auto_submitted().into()))
        .raw_header(raw("List-Id", list_id(config)))
        .raw_header(raw("X-Loop", format!("{LOOP_TAG}@{}", config.domain())))
        .raw_header(raw("X-Auto-Response-Suppress", "OOF, AutoReply".into()));
    let mailto = format!("<mailto:{unsubscribe}?subject=unsubscribe>");
    // NOTE: one-click (RFC 8058) only where the email names one person: a click on an
    // introduction, sent to both partners, could not say which of the two asked.
    builder = match (&config.unsubscribe, person) {
        (Some(one_click), person) if person > 0 => builder
            .raw_header(raw(
                "List-Unsubscribe",
                format!("<{}/{unsubscribe_token}>, {mailto}", one_click.url),
            ))
            .raw_header(raw(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".into(),
            )),
        _ => builder.raw_header(raw("List-Unsubscribe", mailto)),
    };
    for (name, addr) in &to {
        builder = builder.to(mailbox(*name, addr)?);
    }
    if let Some(thread) = input.in_reply_to
        && let Some(parent) = thread.split_whitespace().last()
    {
        builder = builder
            .in_reply_to(parent.to_string())
            .references(thread.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let envelope = lettre::address::Envelope::new(
        Some(address(&envelope_from)?),
        to.iter()
            .map(|(_, a)| address(a))
            .collect::<Result<Vec<_>, _>>()?,
    )
    .map_err(|e| OutboundError::Build(e.to_string()))?;
    builder = builder.envelope(envelope);

    let plain = ContentType::parse("text/plain; charset=utf-8; format=flowed; delsp=no")
        .map_err(|e| OutboundError::Build(e.to_string()))?;
    let mut body = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .content_type(plain)
                .body(super::flowed::flowed(&rendered.text)),
        )
        .singlepart(SinglePart::html(rendered.html));
    if let (Email::Intro { pair }, Some(start)) = (email, slot) {
        let summary = format!(
            "{} and {}: first reverse-mentoring meeting",
            one_line(&pair.mentor.name, MAX_NAME),
            one_line(&pair.mentee.name, MAX_NAME)
        );
        let description = format!(
            "A first 30-minute conversation proposed by {}. Move it to any time that suits you both.",
            config.program.name
        );
        let from_name = from.name.as_deref().unwrap_or(&config.program.name);
        let invite = ics::render(&Invite {
            // NOTE: keyed with the program's secret: the same pair keeps its UID (a calendar
            // updates the event), while another program or database never makes the same.
            uid: format!(
                "intro-{}@{}",
                key.digest(
                    "invitation",
                    &format!("{}:{}:{}", config.domain(), pair.round, pair.id)
                )
                .chars()
                .take(32)
                .collect::<String>(),
                config.domain()
            ),
            start,
            stamp: input.now,
            summary: &summary,
            description: &description,
            organizer: Attendee {
                name: from_name,
                email: &from.email,
            },
            attendees: [
                Attendee {
                    name: &pair.mentor.name,
                    email: &pair.mentor.email,
                },
                Attendee {
                    name: &pair.mentee.name,
                    email: &pair.mentee.email,
                },
            ],
        });
        let content_type = ContentType::parse("text/calendar; charset=utf-8; method=REQUEST")
            .map_err(|e| OutboundError::Build(e.to_string()))?;
        body = body.singlepart(
            SinglePart::builder()
                .content_type(content_type)
                .body(invite),
        );
    }
    if let Email::Relay { relayed, .. } | Email::Forward { relayed, .. } = email {
        body = super::relay::attach(body, relayed);
    }
    let mut message = builder
        .multipart(body)
        .map_err(|e| OutboundError::Build(e.to_string()))?;
    if let Some(dkim) = input.dkim {
        message.sign(dkim);
    }
    Ok(Composed {
        kind,
        key: email.key(),
        recipients: to.iter().map(|(_, a)| a.to_lowercase()).collect(),
        envelope_from,
        message_id: input.message_id.to_string(),
        bytes: message.formatted(),
        always_send: email.always_send(),
        meeting: slot.filter(|_| matches!(email, Email::Intro { .. })),
    })
}
