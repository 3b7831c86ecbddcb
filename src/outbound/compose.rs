//! Owns turning one email (a kind and the views it is about) into the exact bytes that will
//! be sent: the template context, the headers, the reply and bounce tokens, the text and
//! HTML bodies and the optional invitation. Pure: no store, no network, no clock (the caller
//! passes `now` and the Message-ID). Does not decide when an email is due.

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};

use super::OutboundError;
pub use super::context::shared_topics;
use super::context::{Words, context};
pub use super::email::{
    ChallengeView, Email, JoinView, PairView, PersonView, SessionView, TakenAs,
};
use super::header::subject_header;
use super::ics;
use super::templates::{EmailKind, Rendered, Templates, one_line};
use super::token::{Purpose, TokenClaims, TokenKey};
use crate::config::{Config, Role};
use crate::vocab::Lang;

/// The `X-Loop` value on every email, so our own mail is recognised if it comes back.
pub const LOOP_TAG: &str = "upward";
/// The longest display name put in a header; longer ones are cut.
const MAX_NAME: usize = 120;

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

/// Whom an email goes to.
enum Whom<'a> {
    /// Both partners of the pair.
    Pair(&'a PairView),
    /// One person, about pair `pair` (0: about none).
    One(&'a PersonView, i64),
    /// Someone asking to join, not (yet) a participant.
    Joining(&'a JoinView),
    Coordinator,
}

fn whom<'a>(email: &Email<'a>) -> Whom<'a> {
    match *email {
        Email::Intro { pair } | Email::Nudge { pair, .. } => Whom::Pair(pair),
        Email::Prompt { pair, to, .. }
        | Email::Confirmation { pair, to, .. }
        | Email::Closing { pair, to, .. }
        | Email::PartnerLeft { pair, to, .. }
        | Email::PartnerPaused { pair, to, .. }
        | Email::CancelledAgain { pair, to, .. }
        | Email::MeetingCancelled { pair, to, .. }
        | Email::Relay { pair, to, .. } => Whom::One(pair.person(to), pair.id),
        Email::CommandReply { person, .. }
        | Email::ParticipantDigest { person, .. }
        | Email::Challenge { person, .. }
        | Email::Unmatched { person, .. }
        | Email::EndingSoon { person, .. }
        | Email::PauseEnded { person, .. }
        | Email::JoinApproved { person, .. } => Whom::One(person, 0),
        Email::JoinDeclined { join, .. } | Email::JoinConfirm { join } => Whom::Joining(join),
        Email::HrDigest { .. }
        | Email::FinalReport { .. }
        | Email::Forward { .. }
        | Email::JoinRequest { .. } => Whom::Coordinator,
    }
}

/// The recipients of an email: (name, address) pairs, and the pair and the person the reply
/// token names (0 when it goes to both partners or to the coordinator).
fn recipients<'a>(
    config: &'a Config,
    email: &Email<'a>,
) -> (Vec<(Option<&'a str>, &'a str)>, i64, i64) {
    match whom(email) {
        Whom::Pair(pair) => (
            vec![
                (Some(pair.mentor.name.as_str()), pair.mentor.email.as_str()),
                (Some(pair.mentee.name.as_str()), pair.mentee.email.as_str()),
            ],
            pair.id,
            0,
        ),
        Whom::One(p, pair) => (vec![(Some(p.name.as_str()), p.email.as_str())], pair, p.id),
        Whom::Joining(join) => (vec![(Some(join.name.as_str()), join.email.as_str())], 0, 0),
        Whom::Coordinator => (vec![(None, config.program.coordinator.as_str())], 0, 0),
    }
}

/// The language an email is written in: its one recipient's; for both partners, theirs
/// when they share it, else the program's; for someone asking to join, the first of their
/// languages the program writes; for the coordinator, the program's.
pub fn language(config: &Config, email: &Email<'_>) -> Lang {
    let program = config.program.language;
    match whom(email) {
        Whom::Pair(pair) if pair.mentor.language == pair.mentee.language => pair.mentor.language,
        Whom::Pair(_) | Whom::Coordinator => program,
        Whom::One(person, _) => person.language,
        Whom::Joining(join) => join
            .languages
            .iter()
            .find_map(|l| Lang::recognise(l))
            .unwrap_or(program),
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
    /// Sign with DKIM (`[dkim]`), over the message's final bytes.
    pub dkim: Option<&'a super::dkim::Signer>,
    /// For an introduction: the first meetings already proposed to either partner, which
    /// its own proposal keeps clear of.
    pub busy: &'a [DateTime<Utc>],
    /// For an introduction: the sides that had a partner before (it is a new partner to
    /// them).
    pub again: &'a [Role],
}

/// A fresh Message-ID on the program's domain: `<KIND.TIME.RANDOM@domain>`, TIME being
/// `now` in milliseconds since 1970 as 12 hexadecimal digits, RANDOM 96 random bits.
///
/// # Errors
/// `Random` when the system has no randomness to give.
// NOTE: the time after the kind, so that the IDs of a kind sort by when they were made: the
// outbox's unique index of Message-IDs then grows at one end per kind instead of taking each
// new ID on a random page of it (benches/README.md: that index was the pages written most
// often after the inbound rows). The kind stays first, where mail tools and people read it.
// The random part alone keeps an ID unguessable, as before; the time is the Date header's.
pub fn new_message_id(
    config: &Config,
    kind: EmailKind,
    now: DateTime<Utc>,
) -> Result<String, OutboundError> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| OutboundError::Random(e.to_string()))?;
    let random: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    Ok(format!(
        "<{}.{millis:012x}.{random}@{}>",
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
    let lang = language(config, email);
    let words = Words::new(templates.catalog(), lang);
    let (ctx, _) = context(config, &words, email, now, &[], &[], &[]);
    Ok(templates.render(email.kind(), lang, &ctx)?)
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
    let (to, pair, person) = recipients(config, email);
    // NOTE: someone asked about several partners answers about each at that pair's own
    // address, so that what they say is logged on the right pair.
    let replies: Vec<String> = match email {
        Email::Prompt { also, .. } | Email::Closing { also, .. } => also
            .iter()
            .map(|other| {
                let token = key.sign(TokenClaims {
                    pair: u64::try_from(other.id).unwrap_or(0),
                    person: u64::try_from(person).unwrap_or(0),
                    purpose: Purpose::Reply,
                });
                with_token(&config.program.reply_to, &token)
            })
            .collect(),
        _ => Vec::new(),
    };
    let lang = language(config, email);
    let words = Words::new(templates.catalog(), lang);
    let (ctx, slot) = context(
        config,
        &words,
        email,
        input.now,
        input.busy,
        input.again,
        &replies,
    );
    let rendered = templates.render(kind, lang, &ctx)?;
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
        | Email::MeetingCancelled { .. }
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
        Email::JoinRequest { join } | Email::JoinConfirm { join } => key.sign(TokenClaims {
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
        .raw_header(raw("X-Auto-Response-Suppress", "OOF, AutoReply".into()))
        .raw_header(raw("Content-Language", lang.as_str().into()));
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
    let body = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .content_type(plain)
                .body(super::flowed::flowed(&rendered.text)),
        )
        .singlepart(SinglePart::html(rendered.html));
    let calendars: Vec<(ics::Method, String)> = super::calendar::calendars(email, slot)
        .iter()
        .map(|c| (c.method, super::calendar::object(config, key, c, input.now)))
        .collect();
    let mut body = super::calendar::attach(body, &calendars)?;
    if let Email::Relay { relayed, .. } | Email::Forward { relayed, .. } = email {
        body = super::relay::attach(body, relayed);
    }
    let message = builder
        .multipart(body)
        .map_err(|e| OutboundError::Build(e.to_string()))?;
    let bytes = match input.dkim {
        Some(signer) => signer.sign(&message.formatted(), input.now)?,
        None => message.formatted(),
    };
    Ok(Composed {
        kind,
        key: email.key(),
        recipients: to.iter().map(|(_, a)| a.to_lowercase()).collect(),
        envelope_from,
        message_id: input.message_id.to_string(),
        bytes,
        always_send: email.always_send(),
        meeting: slot.filter(|_| matches!(email, Email::Intro { .. })),
    })
}
