//! Owns the inbound pipeline's pure stages: raw bytes → [`parse`] (size, part and depth caps,
//! charset fallback, truncation) → [`dedup`] key → [`classify`] (auto-reply, bounce, complaint,
//! read receipt, rejected, person) → [`trim`] (only what the sender newly wrote; HTML through
//! [`html`]; answers typed between a quoted prompt's lines through [`inline`]) → command or
//! [`extract`] (the session reported; dates and durations through [`when`]). [`inspect`]
//! runs them all and returns an [`Inspection`], the object
//! `upward inspect --json` prints. Does not read sources (Maildir, IMAP, stdin), route by
//! reply token, authorise the sender, store, or answer: those stages take an [`Inspection`]
//! (or the stage outputs it is built from) and come after; once routing found the prompt a
//! reply answers, [`reread`] reads it again against that prompt's text.
//!
//! Kinds an [`Inspection`] can have (`kind` in JSON):
//! - `reply`: a person reporting on a session (some session field was found). Without
//!   routing this is decided from the text; routing later tells a reply to a prompt from a
//!   conversation by its thread.
//! - `conversation`: a person writing without session facts (partners on the intro thread).
//! - `command`: `PAUSE [UNTIL date]`, `RESUME`, `SKIP`, `REMATCH`, `STOP`, `FORGET ME`, `HELP`
//!   alone on the first line of the new text (`UNSUBSCRIBE` counts as `STOP`), or opening it
//!   after a greeting, in the five languages; or asked for in sentences (`request`: "please
//!   pause my reminders until 12 April") in a message that reports no meeting, which
//!   `Command::asked` marks (a STOP or REMATCH read so is asked back, not done).
//! - `auto_reply`: an auto-reply or out-of-office note. Never answered, never a session.
//! - `bounce`: a delivery report with a failed recipient (`bounce.recipients`).
//! - `delayed`: a delivery report where delivery is only delayed: not a failure, no score.
//! - `delivery_report`: a report of successful delivery (a requested DSN): ignored.
//! - `complaint`: a spam complaint or unsubscribe request about our mail (`complaint`).
//! - `read_receipt`: a read receipt (MDN): ignored.
//! - `rejected`: mail no one may act on (no sender address, our own address).
//! - `quarantined`: a message that cannot be read (over a cap, unparseable, empty): kept
//!   with `reason`, never dropped.
//! - `tempfail`: input cut off in transfer: the source should offer it again (pipe exit 75).
//! - `unrouted`: reserved for the routing stage (a person's mail matching no pair).

pub mod authres;
pub mod classify;
mod command;
pub mod correction;
pub mod dedup;
pub mod extract;
pub mod files;
#[cfg(test)]
mod form_tests;
pub mod goals;
pub mod html;
pub mod inline;
#[cfg(test)]
mod inline_tests;
#[cfg(test)]
mod langs_tests;
pub mod parse;
pub mod process;
mod request;
pub mod route;
pub mod source;
mod text;
pub mod trim;
pub mod when;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::vocab::InboundKind;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::Config;
use classify::{
    ClassifyContext, Command, Complaint, DeliveryAction, DeliveryReport, Verdict, classify,
    detect_command,
};
use extract::{ExtractContext, Session, Unclear, Vocabulary, extract};
use parse::{Limits, ParseError, Parsed, parse};
use trim::{Trimmed, trim};

/// What the pipeline needs to know besides the message: caps, the program's own addresses,
/// topic vocabulary and time zones, and when the message was received.
#[derive(Debug, Clone)]
pub struct Context {
    pub limits: Limits,
    pub classify: ClassifyContext,
    pub vocabulary: Vocabulary,
    /// The program's time zone: dates of senders without their own.
    pub program_tz: Option<Tz>,
    /// Participants' time zones by lowercased address.
    pub participant_tz: HashMap<String, Tz>,
    /// Participants' languages by lowercased address: with the time zone, the order they
    /// write numeric dates in.
    pub participant_languages: HashMap<String, Vec<String>>,
    /// The program's first day: no meeting was before it.
    pub program_start: Option<NaiveDate>,
    /// The day each participant's current pairs began (the earliest), by lowercased address:
    /// no meeting of theirs was before it. Filled by the caller that reads the store.
    pub paired_since: HashMap<String, NaiveDate>,
    /// When the message was received: the reference time when it has no usable `Date`.
    pub received: DateTime<Utc>,
    /// The organisation's mail servers whose Authentication-Results vouch for a sender.
    pub trusted_authserv_ids: Vec<String>,
}

impl Context {
    /// The context without a program: default caps, no vocabulary, and dates read in the
    /// offset of the message's own `Date` header.
    pub fn standalone(received: DateTime<Utc>) -> Context {
        Context {
            limits: Limits::default(),
            classify: ClassifyContext::default(),
            vocabulary: Vocabulary::default(),
            program_tz: None,
            participant_tz: HashMap::new(),
            participant_languages: HashMap::new(),
            program_start: None,
            paired_since: HashMap::new(),
            received,
            trusted_authserv_ids: Vec::new(),
        }
    }

    /// The context of a program: its size cap, its own addresses (mail from them is a loop),
    /// the participants' offers and wants plus `[pairing.synonyms]` as the topic vocabulary,
    /// and the participants' and program's time zones.
    pub fn from_config(config: &Config, received: DateTime<Utc>) -> Context {
        let mut topics: Vec<&str> = Vec::new();
        for p in &config.participants {
            for t in p.offers.iter().chain(p.wants.iter()) {
                if !topics.contains(&t.as_str()) {
                    topics.push(t);
                }
            }
        }
        let reply_prefix = config
            .program
            .reply_to
            .rsplit_once('@')
            .map(|(local, domain)| {
                let local = local.split('+').next().unwrap_or(local);
                (local.to_lowercase(), domain.to_lowercase())
            });
        Context {
            limits: Limits {
                max_message_bytes: config.inbound.max_message_bytes,
                ..Limits::default()
            },
            classify: ClassifyContext {
                own_addresses: vec![config.program.from.email.to_lowercase()],
                own_reply_prefix: reply_prefix,
                loop_tag: Some(
                    format!("{}@{}", crate::outbound::compose::LOOP_TAG, config.domain())
                        .to_lowercase(),
                ),
            },
            vocabulary: Vocabulary::new(topics, &config.pairing.synonyms),
            program_tz: Some(config.program.timezone),
            participant_tz: config
                .participants
                .iter()
                .map(|p| (p.email.clone(), p.timezone))
                .collect(),
            participant_languages: config
                .participants
                .iter()
                // The language they read first: it says which way they write dates.
                .map(|p| {
                    let own = std::iter::once(p.language.as_str().to_string());
                    (p.email.clone(), own.chain(p.languages.clone()).collect())
                })
                .collect(),
            program_start: Some(config.program.start),
            paired_since: HashMap::new(),
            received,
            trusted_authserv_ids: config.inbound.trusted_authserv_ids.clone(),
        }
    }
}

/// A bounce, delay or delivery report as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BounceInfo {
    pub action: DeliveryAction,
    /// RFC 3464 fields (true) or an MTA's own wording (false).
    pub standard: bool,
    pub recipients: Vec<classify::RecipientStatus>,
    /// See [`DeliveryReport::returned_ids`]; not printed.
    #[serde(skip)]
    pub returned_ids: Vec<String>,
}

impl From<&DeliveryReport> for BounceInfo {
    fn from(r: &DeliveryReport) -> Self {
        BounceInfo {
            action: r.action(),
            standard: r.standard,
            recipients: r.recipients.clone(),
            returned_ids: r.returned_ids.clone(),
        }
    }
}

/// Everything the pipeline found in one message: the object `upward inspect --json` prints.
/// Field names are interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inspection {
    /// See the module documentation for the kinds.
    pub kind: InboundKind,
    /// Why the message got this kind, when it is not a plain reply or conversation.
    pub reason: Option<String>,
    pub message_id: Option<String>,
    /// The key the store uses to process the message once.
    pub dedup_key: Option<String>,
    /// The sender's address, lowercased.
    pub from: Option<String>,
    pub subject: Option<String>,
    /// The `Date` header as sent.
    pub date: Option<DateTime<FixedOffset>>,
    /// The pair the message belongs to: null until routing exists (or without a config).
    pub pair: Option<String>,
    /// Only what the sender newly wrote; null for automated or unreadable mail.
    pub text: Option<String>,
    /// The session reported; null for automated or unreadable mail.
    pub session: Option<Session>,
    pub command: Option<Command>,
    /// A command a report also asked for in sentences: the report is logged, and the
    /// confirmation says how to do the command. Printed only when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also_asked: Option<Command>,
    pub bounce: Option<BounceInfo>,
    pub complaint: Option<Complaint>,
    /// What the organisation's mail server vouched for the sender (`dmarc=pass … (by
    /// mx.acme.example)`), from a trusted Authentication-Results header; null otherwise.
    pub authenticated: Option<String>,
    /// Form lines whose value could not be read, kept for HR.
    pub unparsed: Vec<String>,
    /// Session fields the message tried to state but that could not be read (a date no
    /// reading of which is plausible, an unreadable form value): the confirmation asks for
    /// them. Printed only when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unclear: Vec<Unclear>,
    /// Notes for review: `html_body`, `charset_fallback`, `quote_only`, `inline_reply`,
    /// `signature_removed`, `unparsed_form_values`, `nothing_understood`.
    pub flags: Vec<&'static str>,
    /// Recipients and thread ids, for routing; not printed.
    #[serde(skip)]
    pub addressing: route::Addressing,
    /// SHA-256 of the raw bytes (lowercase hex), when the message parsed; not printed.
    #[serde(skip)]
    pub sha256: Option<String>,
    /// A person's message whose body quotes something, kept to be read again against the
    /// prompt it answers once routing found it ([`reread`]); not printed.
    #[serde(skip)]
    pub reading: Option<Reading>,
}

/// What reading a person's message again needs: its body and the sender's day and habits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    body: String,
    today: NaiveDate,
    month_first: bool,
    /// The day the sender's pair began: no meeting date before it is plausible.
    since: Option<NaiveDate>,
}

impl Inspection {
    fn bare(kind: InboundKind, reason: Option<String>) -> Inspection {
        Inspection {
            kind,
            reason,
            message_id: None,
            dedup_key: None,
            from: None,
            subject: None,
            date: None,
            pair: None,
            text: None,
            session: None,
            command: None,
            also_asked: None,
            bounce: None,
            complaint: None,
            authenticated: None,
            unparsed: Vec::new(),
            unclear: Vec::new(),
            flags: Vec::new(),
            addressing: route::Addressing::default(),
            sha256: None,
            reading: None,
        }
    }

    /// Whether the source should offer the message again later rather than acknowledge it.
    pub fn is_temporary(&self) -> bool {
        self.kind == InboundKind::Tempfail
    }
}

/// Runs every pure stage on `raw`. Never panics: a failure anywhere inside becomes a
/// `quarantined` inspection with a reason.
pub fn inspect(raw: &[u8], ctx: &Context) -> Inspection {
    catch_unwind(AssertUnwindSafe(|| run(raw, ctx))).unwrap_or_else(|_| {
        Inspection::bare(
            InboundKind::Quarantined,
            Some("internal error while reading the message; kept for review".to_string()),
        )
    })
}

fn run(raw: &[u8], ctx: &Context) -> Inspection {
    let parsed = match parse(raw, &ctx.limits) {
        Ok(parsed) => parsed,
        Err(err) => return failed(&err),
    };
    let mut out = Inspection::bare(InboundKind::Conversation, None);
    out.message_id = parsed.message_id.clone();
    out.dedup_key = Some(parsed.dedup.key());
    out.sha256 = Some(parsed.dedup.sha256.clone());
    out.from = parsed.from.as_ref().map(|f| f.email.clone());
    out.authenticated = out
        .from
        .as_deref()
        .and_then(|from| authres::vouched_by(&parsed.headers, from, &ctx.trusted_authserv_ids));
    out.subject = Some(parsed.subject.clone()).filter(|s| !s.is_empty());
    out.date = parsed.date;
    out.addressing = route::Addressing {
        recipients: parsed
            .to
            .iter()
            .chain(&parsed.cc)
            .map(|m| m.email.clone())
            .chain(parsed.delivered_to.iter().cloned())
            .collect(),
        in_reply_to: parsed.in_reply_to.clone(),
        references: parsed.references.clone(),
    };
    if parsed.body_from_html {
        out.flags.push("html_body");
    }
    if parsed.charset_fallback {
        out.flags.push("charset_fallback");
    }
    match classify(&parsed, &ctx.classify) {
        Verdict::Person => person(&parsed, ctx, &mut out),
        Verdict::AutoReply { reason } => {
            out.kind = InboundKind::AutoReply;
            out.reason = Some(reason);
        }
        Verdict::Delivery(report) => {
            let info = BounceInfo::from(&report);
            (out.kind, out.reason) = match info.action {
                DeliveryAction::Failed => {
                    (InboundKind::Bounce, Some("delivery failed".to_string()))
                }
                DeliveryAction::Delayed => {
                    (InboundKind::Delayed, Some("delivery delayed".to_string()))
                }
                DeliveryAction::Delivered => (
                    InboundKind::DeliveryReport,
                    Some("delivery succeeded".to_string()),
                ),
            };
            out.bounce = Some(info);
        }
        Verdict::Complaint(complaint) => {
            out.kind = InboundKind::Complaint;
            out.reason = Some(match &complaint.feedback_type {
                Some(t) => format!("feedback report: {t}"),
                None => "complaint about our mail".to_string(),
            });
            out.complaint = Some(complaint);
        }
        Verdict::ReadReceipt => {
            out.kind = InboundKind::ReadReceipt;
            out.reason = Some("read receipt".to_string());
        }
        Verdict::Rejected { reason } => {
            out.kind = InboundKind::Rejected;
            out.reason = Some(reason);
        }
    }
    out
}

fn failed(err: &ParseError) -> Inspection {
    let kind = if err.is_temporary() {
        InboundKind::Tempfail
    } else {
        InboundKind::Quarantined
    };
    Inspection::bare(kind, Some(err.to_string()))
}

/// Whether a sender writes numeric dates month first (`3/4` is 4 March): English written in
/// a time zone that does (the US), unless their languages say otherwise: `en-US` is month
/// first anywhere, `en-GB` and languages without English are day first.
fn month_first(tz: Option<Tz>, languages: &[String]) -> bool {
    let languages: Vec<String> = languages
        .iter()
        .map(|l| l.trim().to_lowercase().replace('_', "-"))
        .collect();
    let english = |l: &String| l == "en" || l.starts_with("en-") || l.starts_with("engl");
    if languages
        .iter()
        .any(|l| l == "en-us" || l == "english (us)" || l == "american english")
    {
        return true;
    }
    if !languages.is_empty()
        && (!languages.iter().any(english) || languages.iter().all(|l| l == "en-gb"))
    {
        return false;
    }
    tz.is_some_and(|tz| {
        let name = tz.name();
        name.starts_with("US/")
            || [
                "America/New_York",
                "America/Chicago",
                "America/Denver",
                "America/Los_Angeles",
                "America/Phoenix",
                "America/Anchorage",
                "America/Detroit",
                "America/Boise",
                "America/Indiana/Indianapolis",
                "Pacific/Honolulu",
            ]
            .contains(&name)
    })
}

/// The message's day where the sender is: their time zone, else the program's, else the
/// offset of their own `Date` header.
fn local_day(parsed: &Parsed, ctx: &Context) -> (NaiveDate, Option<Tz>) {
    let tz = parsed
        .from
        .as_ref()
        .and_then(|f| ctx.participant_tz.get(&f.email).copied())
        .or(ctx.program_tz);
    let at = parsed.date.unwrap_or_else(|| ctx.received.fixed_offset());
    let day = match tz {
        Some(tz) => at.with_timezone(&tz).date_naive(),
        None => at.date_naive(),
    };
    (day, tz)
}

fn person(parsed: &Parsed, ctx: &Context, out: &mut Inspection) {
    if parsed.body.trim().is_empty() {
        out.kind = InboundKind::Quarantined;
        out.reason = Some(if parsed.attachments > 0 {
            "the message has attachments but no text".to_string()
        } else {
            "the message has no text".to_string()
        });
        return;
    }
    let trimmed = inline::read(&parsed.body, None).unwrap_or_else(|| trim(&parsed.body));
    let (today, tz) = local_day(parsed, ctx);
    let sender = parsed.from.as_ref().map(|f| f.email.as_str());
    let languages = sender
        .and_then(|s| ctx.participant_languages.get(s))
        .map_or(&[][..], Vec::as_slice);
    let reading = Reading {
        body: parsed.body.clone(),
        today,
        month_first: month_first(tz, languages),
        since: sender
            .and_then(|s| ctx.paired_since.get(s).copied())
            .or(ctx.program_start),
    };
    read_new_text(&trimmed, &reading, ctx, out);
    if out.kind != InboundKind::Command && trimmed.text.len() < parsed.body.trim().len() {
        out.reading = Some(reading);
    }
}

/// The inspection of a person's message read again against the prompt it answers (the
/// routing stage found it by thread): `None` when nothing is read differently, i.e. no new
/// text sits between the prompt's lines (see [`inline`]).
pub fn reread(i: &Inspection, prompt: &inline::Prompt, ctx: &Context) -> Option<Inspection> {
    let reading = i.reading.as_ref()?;
    let trimmed = inline::read(&reading.body, Some(prompt))?;
    if i.text.as_deref() == Some(trimmed.text.as_str()) {
        return None;
    }
    let mut out = i.clone();
    out.flags
        .retain(|f| matches!(*f, "html_body" | "charset_fallback"));
    out.reason = None;
    out.command = None;
    out.also_asked = None;
    read_new_text(&trimmed, reading, ctx, &mut out);
    Some(out)
}

/// Reads what the sender newly wrote: a command, else the session it reports.
fn read_new_text(trimmed: &Trimmed, reading: &Reading, ctx: &Context, out: &mut Inspection) {
    if trimmed.quote_only {
        out.flags.push("quote_only");
    }
    if trimmed.inline_reply {
        out.flags.push("inline_reply");
    }
    if trimmed.signature_removed {
        out.flags.push("signature_removed");
    }
    let (today, month_first, since) = (reading.today, reading.month_first, reading.since);
    out.text = Some(trimmed.text.clone());
    let as_command = |out: &mut Inspection, command: Command| {
        out.kind = InboundKind::Command;
        out.reason = command.problem.as_ref().map(|date| {
            format!("could not read `{date}` as a future date; write PAUSE UNTIL 2026-12-01")
        });
        out.command = Some(command);
    };
    if let Some(command) = detect_command(&trimmed.text, today, month_first) {
        as_command(out, command);
        return;
    }
    let extraction = extract(
        &trimmed.text,
        &ExtractContext {
            today,
            month_first,
            since,
            vocabulary: &ctx.vocabulary,
        },
    );
    // NOTE: a command asked for in sentences counts only in a message that reports no
    // meeting (none said to have happened, none rated): "we met on Tuesday … could I get
    // a new partner?" stays a report, whose question goes to a person as a report's does.
    // A message saying they did not meet may ask for a pause: the request is what it asks.
    let reports_a_meeting =
        extraction.session.met == Some(true) || extraction.session.rating.is_some();
    match request::read_request(&trimmed.text, today, month_first) {
        Some(command) if !reports_a_meeting => {
            as_command(out, command);
            return;
        }
        also => out.also_asked = also,
    }
    if !extraction.unparsed.is_empty() {
        out.flags.push("unparsed_form_values");
    }
    let found = extraction.found_anything();
    if !found && !trimmed.text.is_empty() {
        out.flags.push("nothing_understood");
    }
    out.kind = if found {
        InboundKind::Reply
    } else {
        InboundKind::Conversation
    };
    if trimmed.quote_only {
        out.reason = Some("nothing new: the message only quotes earlier mail".to_string());
    }
    out.unparsed = extraction.unparsed;
    out.unclear = extraction.unclear;
    out.session = Some(extraction.session);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ctx() -> Context {
        Context::standalone(Utc.with_ymd_and_hms(2026, 11, 12, 12, 0, 0).unwrap())
    }

    #[test]
    fn a_reply_with_session_facts_is_a_reply() {
        let raw = "From: Tom <tom@acme.example>\nDate: Thu, 12 Nov 2026 18:00:00 +0000\nMessage-ID: <r1@acme.example>\nSubject: Re: how did it go\n\nWe met yesterday for 45 minutes.\n\nOn Mon, Nov 9, 2026 at 9:00 AM Upward <m@acme.example> wrote:\n> How did it go?\n";
        let i = inspect(raw.as_bytes(), &ctx());
        assert_eq!(i.kind.as_str(), "reply");
        assert_eq!(i.text.as_deref(), Some("We met yesterday for 45 minutes."));
        let s = i.session.unwrap();
        assert_eq!(s.met, Some(true));
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2026, 11, 11));
        assert_eq!(s.minutes, Some(45));
        assert_eq!(i.dedup_key.as_deref(), Some("message-id:r1@acme.example"));
    }

    #[test]
    fn the_senders_time_zone_decides_yesterday() {
        // 01:30 UTC on the 13th is still the 12th in New York.
        let raw = "From: Mateo <mateo@acme.example>\nDate: Fri, 13 Nov 2026 01:30:00 +0000\nSubject: Re: x\n\nWe met yesterday.\n";
        let mut c = ctx();
        let i = inspect(raw.as_bytes(), &c);
        assert_eq!(
            i.session.unwrap().date,
            NaiveDate::from_ymd_opt(2026, 11, 12)
        );
        c.participant_tz.insert(
            "mateo@acme.example".to_string(),
            chrono_tz::America::New_York,
        );
        let i = inspect(raw.as_bytes(), &c);
        assert_eq!(
            i.session.unwrap().date,
            NaiveDate::from_ymd_opt(2026, 11, 11)
        );
    }

    #[test]
    fn the_order_of_numeric_dates_follows_time_zone_and_languages() {
        let ny = Some(chrono_tz::America::New_York);
        let london = Some(chrono_tz::Europe::London);
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(month_first(ny, &[]));
        assert!(month_first(ny, &langs(&["English", "Spanish"])));
        assert!(!month_first(ny, &langs(&["Spanish"])));
        assert!(!month_first(ny, &langs(&["en-GB"])));
        assert!(!month_first(london, &langs(&["English"])));
        assert!(month_first(london, &langs(&["en_US"])));
        assert!(!month_first(None, &[]));
    }

    #[test]
    fn a_date_before_the_senders_pair_began_is_asked_back_not_taken() {
        let raw = "From: Tom <tom@acme.example>\nDate: Thu, 12 Nov 2026 18:00:00 +0000\nSubject: Re: x\n\nWe met on 3/4 for 45 minutes.\n";
        let mut c = ctx();
        let i = inspect(raw.as_bytes(), &c);
        assert_eq!(i.session.unwrap().date, NaiveDate::from_ymd_opt(2026, 4, 3));
        assert!(i.unclear.is_empty());
        c.paired_since.insert(
            "tom@acme.example".to_string(),
            NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        );
        let i = inspect(raw.as_bytes(), &c);
        assert_eq!(i.session.unwrap().date, None);
        assert_eq!(i.unclear, vec![Unclear::Date]);
    }

    #[test]
    fn a_command_is_a_command_and_automated_mail_is_never_read() {
        let raw = "From: tom@acme.example\nSubject: Re: x\n\nSTOP\n";
        let i = inspect(raw.as_bytes(), &ctx());
        assert_eq!(i.kind.as_str(), "command");
        assert_eq!(i.command.unwrap().name, classify::CommandName::Stop);
        let auto = "From: tom@acme.example\nAuto-Submitted: auto-replied\nSubject: Re: x\n\nSTOP\n";
        let i = inspect(auto.as_bytes(), &ctx());
        assert_eq!(i.kind.as_str(), "auto_reply");
        assert_eq!(i.command, None);
        assert_eq!(i.text, None);
    }

    #[test]
    fn unreadable_input_is_quarantined_or_tempfailed_with_a_reason() {
        let i = inspect(b"", &ctx());
        assert_eq!(i.kind.as_str(), "quarantined");
        assert!(i.reason.is_some());
        let i = inspect(b"Received:\n\t", &ctx());
        assert_eq!(i.kind.as_str(), "tempfail");
        assert!(i.is_temporary());
        let i = inspect(b"From: a@b.example\nSubject: x\n\n   \n", &ctx());
        assert_eq!(i.kind.as_str(), "quarantined");
    }

    #[test]
    fn chatter_without_session_facts_is_a_conversation_flagged() {
        let raw = "From: tom@acme.example\nSubject: Re: intro\n\nHi Lea, lovely to e-meet you!\n";
        let i = inspect(raw.as_bytes(), &ctx());
        assert_eq!(i.kind.as_str(), "conversation");
        assert!(i.flags.contains(&"nothing_understood"));
    }
}
