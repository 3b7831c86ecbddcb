//! Owns stage "classify" of the inbound pipeline: what a parsed message is before anyone
//! routes it. Automated mail first (spam complaints, delivery status notifications and
//! MTA-specific bounces with their failed recipients, read receipts, auto-replies and
//! out-of-office notes), then mail no one may act on (no sender, our own address), then
//! commands alone on the first line of the new text. Everything else is a person writing,
//! whom routing later tells apart as a reply to a prompt or a conversation on the intro
//! thread. Does not route, authorise or answer anything.
//!
//! Auto-replies, bounces and complaints are never answered and never become sessions.
//! `X-Auto-Response-Suppress` alone does not make a message automated (Outlook sets it on
//! ordinary mail).

use std::sync::LazyLock;

use regex::Regex;

use super::parse::Parsed;
use super::text::re;

/// What the message is, as far as it can be told without routing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Written by a person: a reply, a conversation or a command (see [`detect_command`]).
    Person,
    /// An auto-reply or out-of-office note; `reason` names the signal.
    AutoReply { reason: String },
    /// A delivery status report. Its kind follows the recipients' actions.
    Delivery(DeliveryReport),
    /// A spam complaint or unsubscribe request from a mailbox provider (ARF and others).
    Complaint(Complaint),
    /// A read receipt (MDN): ignored.
    ReadReceipt,
    /// Mail no one may act on: no usable sender, or our own address (a loop).
    Rejected { reason: String },
}

/// What one recipient's delivery came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryAction {
    /// Permanent or given-up failure: the address bounces.
    Failed,
    /// Still being retried: not a failure, scores nothing.
    Delayed,
    /// Delivered, relayed or expanded: a success report.
    Delivered,
}

/// One recipient of a delivery report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecipientStatus {
    /// Lowercased.
    pub address: String,
    pub action: DeliveryAction,
    /// The RFC 3463 status (`5.1.1`), when the report gives one.
    pub status: Option<String>,
}

/// Whether a failed delivery with this RFC 3463 status counts against the address: a
/// permanent failure (`5.x.x`) or none given (a report we cannot read in full, to our VERP
/// address), but not a temporary one given up on (`4.x.x`, soft) nor a refusal by policy
/// (`5.7.x`: spam filters, relaying, DMARC), which says nothing about the mailbox (Mailman
/// #624).
pub fn is_hard_bounce(status: Option<&str>) -> bool {
    match status.map(str::trim) {
        None | Some("") => true,
        Some(s) => s.starts_with('5') && !s.starts_with("5.7."),
    }
}

/// A delivery status notification (RFC 3464) or an MTA's plain-text bounce.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeliveryReport {
    pub recipients: Vec<RecipientStatus>,
    /// Whether it came as RFC 3464 fields rather than an MTA's own wording.
    pub standard: bool,
    /// The Message-IDs of the returned message (its attached copy or headers, or the lines
    /// a plain-text bounce quotes), without angle brackets: a report without our VERP token
    /// counts only when it returns an email we sent.
    #[serde(skip)]
    pub returned_ids: Vec<String>,
}

impl DeliveryReport {
    /// The report's overall action: failed if any recipient failed, else delayed if any
    /// was delayed, else delivered. A report naming no recipient is a failure.
    pub fn action(&self) -> DeliveryAction {
        let any = |a| self.recipients.iter().any(|r| r.action == a);
        if self.recipients.is_empty() || any(DeliveryAction::Failed) {
            DeliveryAction::Failed
        } else if any(DeliveryAction::Delayed) {
            DeliveryAction::Delayed
        } else {
            DeliveryAction::Delivered
        }
    }

    /// The addresses that failed.
    pub fn failed(&self) -> Vec<&str> {
        self.recipients
            .iter()
            .filter(|r| r.action == DeliveryAction::Failed)
            .map(|r| r.address.as_str())
            .collect()
    }
}

/// A complaint about mail we sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Complaint {
    /// The address that complained (the recipient of our mail), when the report names it.
    pub recipient: Option<String>,
    /// ARF `Feedback-Type` (`abuse`, `opt-out`, `auth-failure`…), lowercased.
    pub feedback_type: Option<String>,
    /// The `Message-ID` of the message complained about (without brackets), as the report
    /// carries it: proof that it is about our mail when we sent that message.
    pub original_message_id: Option<String>,
    /// Addresses of the message complained about that may carry our signed token
    /// (`Reply-To`, `List-Unsubscribe`, `Return-Path`, the report's `Original-Mail-From`),
    /// lowercased.
    pub original_addresses: Vec<String>,
    /// The report is only an `X-Apple-Unsubscribe` header on mail from the person.
    pub unsubscribe_header: bool,
}

/// What classification knows of the program, when there is a config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassifyContext {
    /// Our own addresses, lowercased: mail from them is a loop.
    pub own_addresses: Vec<String>,
    /// The domain of our reply addresses (`acme.example`): mail from `local+token@domain`
    /// with our local part is a loop too.
    pub own_reply_prefix: Option<(String, String)>,
    /// The `X-Loop` value on all our mail (`upward@acme.example`), lowercased: a message
    /// carrying it is our own mail come back, whoever it claims to be from.
    pub loop_tag: Option<String>,
}

/// Classifies a parsed message.
pub fn classify(msg: &Parsed, ctx: &ClassifyContext) -> Verdict {
    if let Some(complaint) = complaint(msg) {
        return Verdict::Complaint(complaint);
    }
    if let Some(report) = delivery_report(msg) {
        return Verdict::Delivery(report);
    }
    if msg.report_type.as_deref() == Some("disposition-notification")
        || msg
            .parts
            .iter()
            .any(|p| p.mime == "message/disposition-notification")
    {
        return Verdict::ReadReceipt;
    }
    if let Some(reason) = auto_reply(msg) {
        return Verdict::AutoReply { reason };
    }
    let Some(from) = &msg.from else {
        return Verdict::Rejected {
            reason: "the message has no sender address".to_string(),
        };
    };
    if !from.email.contains('@') {
        return Verdict::Rejected {
            reason: format!("the sender `{}` is not an email address", from.email),
        };
    }
    if let Some(tag) = &ctx.loop_tag
        && msg
            .headers
            .iter()
            .any(|(n, v)| n == "x-loop" && v.trim().eq_ignore_ascii_case(tag))
    {
        return Verdict::Rejected {
            reason: format!("the message carries our own `X-Loop: {tag}` (a mail loop)"),
        };
    }
    if is_own(&from.email, ctx) {
        return Verdict::Rejected {
            reason: format!(
                "the sender `{}` is our own address (a mail loop)",
                from.email
            ),
        };
    }
    Verdict::Person
}

fn is_own(email: &str, ctx: &ClassifyContext) -> bool {
    if ctx.own_addresses.iter().any(|a| a == email) {
        return true;
    }
    let Some((local, domain)) = &ctx.own_reply_prefix else {
        return false;
    };
    email
        .rsplit_once('@')
        .is_some_and(|(l, d)| d == domain && (l == local || l.starts_with(&format!("{local}+"))))
}

// NOTE: a vectorised search for the header's name before reading every line of every part:
// nearly no message is a Hotmail complaint, and all of them were read line by line.
static JMRP: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)x-hmxmroriginalrecipient"));

fn complaint(msg: &Parsed) -> Option<Complaint> {
    let feedback_part = msg
        .parts
        .iter()
        .find(|p| p.mime == "message/feedback-report")
        .and_then(|p| p.text.as_deref());
    let arf = msg.report_type.as_deref() == Some("feedback-report") || feedback_part.is_some();
    // Hotmail/Outlook.com's JMRP reports carry the message with this header, no ARF part.
    let jmrp = msg
        .parts
        .iter()
        .filter_map(|p| p.text.as_deref())
        .filter(|t| JMRP.is_match(t))
        .find_map(|t| field_value(t, "x-hmxmroriginalrecipient"));
    let apple_unsubscribe = msg
        .header("x-apple-unsubscribe")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if !arf && jmrp.is_none() && !apple_unsubscribe {
        return None;
    }
    let jmrp_found = jmrp.clone();
    let all_text = || {
        msg.parts
            .iter()
            .filter_map(|p| p.text.as_deref())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let feedback =
        feedback_part.map_or_else(|| format!("{}\n{}", msg.body, all_text()), str::to_string);
    let feedback_type = field_value(&feedback, "feedback-type").map(|v| v.to_lowercase());
    let recipient = field_value(&feedback, "original-rcpt-to")
        .or_else(|| field_value(&feedback, "removal-recipient"))
        .or(jmrp)
        .or_else(|| {
            msg.parts
                .iter()
                .filter(|p| p.mime == "message/rfc822" || p.mime == "text/rfc822-headers")
                .filter_map(|p| p.text.as_deref())
                .find_map(|t| field_value(t, "to"))
        })
        .or_else(|| apple_unsubscribe.then(|| msg.from.as_ref().map(|f| f.email.clone()))?)
        .and_then(|v| first_address(&v));
    let originals: Vec<&str> = msg
        .parts
        .iter()
        .filter(|p| p.mime == "message/rfc822" || p.mime == "text/rfc822-headers")
        .filter_map(|p| p.text.as_deref())
        .collect();
    let original_message_id = originals
        .iter()
        .find_map(|t| field_value(t, "message-id"))
        .map(|v| {
            v.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
        .filter(|v| !v.is_empty());
    let original_addresses = originals
        .iter()
        .flat_map(|t| {
            ["reply-to", "list-unsubscribe", "return-path"]
                .into_iter()
                .filter_map(|name| field_value(t, name))
        })
        .chain(field_value(&feedback, "original-mail-from"))
        .flat_map(|v| {
            ADDRESS
                .find_iter(&v)
                .map(|m| m.as_str().trim_end_matches('.').to_lowercase())
                .collect::<Vec<_>>()
        })
        .collect();
    Some(Complaint {
        recipient,
        feedback_type: feedback_type.or_else(|| apple_unsubscribe.then(|| "opt-out".to_string())),
        original_message_id,
        original_addresses,
        unsubscribe_header: apple_unsubscribe && !arf && jmrp_found.is_none(),
    })
}

/// The value of the first `Name: value` line (case-insensitive name) in `text`.
fn field_value(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        (n.trim().eq_ignore_ascii_case(name) && !n.starts_with([' ', '\t']))
            .then(|| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[a-z0-9._%+=/!#$&'*?^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"));

fn first_address(text: &str) -> Option<String> {
    ADDRESS
        .find(text)
        .map(|m| m.as_str().trim_end_matches('.').to_lowercase())
}

/// Whether the sender looks like a mail system rather than a person.
fn mta_sender(msg: &Parsed) -> bool {
    let from = msg
        .from
        .as_ref()
        .map(|f| f.email.clone())
        .or_else(|| msg.from_raw.as_ref().map(|r| r.to_lowercase()))
        .unwrap_or_default();
    let local = from.split('@').next().unwrap_or("").trim_start_matches('<');
    let name = msg
        .from
        .as_ref()
        .and_then(|f| f.name.clone())
        .unwrap_or_default()
        .to_lowercase();
    [
        "mailer-daemon",
        "mailer_daemon",
        "mailerdaemon",
        "postmaster",
        "mail-daemon",
    ]
    .iter()
    .any(|d| local.eq_ignore_ascii_case(d) || from.contains(d))
        || name.contains("mail delivery")
        || name.contains("mailer-daemon")
        || name.contains("mailer daemon")
        || name.contains("mail administrator")
        || msg.return_path.as_deref() == Some("")
        || msg
            .return_path
            .as_deref()
            .is_some_and(|r| r.starts_with("mailer-daemon"))
}

static BOUNCE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)undeliver|undelivered|returned mail|returning message|delivery status notification|failure notice|delivery fail|mail delivery|delivery problem|non[- ]?delivery|nondeliverable|not delivered|could not be delivered|mail system error|delivery notification|returned to sender|unzustellbar|nicht zustellbar|non remis|non distribuable|onbestelbaar|no se puede entregar|non recapitabile|delayed mail|delivery delayed|warning: message",
    )
});
// NOTE: the MTA sentences that introduce failed recipients, not words like "mailbox full"
// that a provider's own notices (sisimai `not/`) and people also write.
static BOUNCE_BODY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)could not be delivered|couldn't be delivered|wasn't able to deliver|was not able to deliver|unable to deliver|delivery (?:to the following recipients? )?(?:has )?failed|following address(?:es)? failed|did not reach the following recipient|permanent (?:fatal )?error|delivery to the following recipient|message (?:could not|was not|wasn't) (?:be )?delivered|following addresses had (?:permanent|transient)|failed addresses follow|error has occurred while attempting to deliver|your message did not reach|could not be reached|has been delayed|still being retried",
    )
});
static DELAY_SIGNAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)delay|warning message only|this is a warning only|will be retried|still being retried|will retry|do not need to resend|not yet been delivered",
    )
});
static ORIGINAL_START: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)^\s*(?:-+\s*)?(?:below this line is a copy of the message|this is a copy of the message|original message|below is a copy of the original message|original message headers|a copy of the original message|unsent message below|returned message|-+ ?(?:this is a )?copy)|^(?:received|return-path|dkim-signature|x-received|message-id|content-type: message/rfc822):",
    )
});

fn delivery_report(msg: &Parsed) -> Option<DeliveryReport> {
    let dsn_parts: Vec<&str> = msg
        .parts
        .iter()
        .filter(|p| {
            p.mime == "message/delivery-status" || p.mime == "message/global-delivery-status"
        })
        .filter_map(|p| p.text.as_deref())
        .collect();
    let declared = msg.report_type.as_deref() == Some("delivery-status") || !dsn_parts.is_empty();
    let mta = mta_sender(msg);
    let failed_header = msg.header("x-failed-recipients").map(|v| v.to_lowercase());
    if !declared && !mta && failed_header.is_none() {
        return None;
    }
    let all_text = || {
        let mut t = msg.body.clone();
        for part in &msg.parts {
            if let Some(text) = &part.text
                && part.mime != "message/rfc822"
            {
                t.push('\n');
                t.push_str(text);
            }
        }
        t
    };
    let fields_text = if dsn_parts.is_empty() {
        if !declared && !mta {
            String::new()
        } else {
            all_text()
        }
    } else {
        dsn_parts.join("\n\n")
    };
    let standard = dsn_recipients(&fields_text);
    if !standard.is_empty() {
        return Some(DeliveryReport {
            recipients: standard,
            standard: true,
            returned_ids: returned_ids(msg),
        });
    }
    let subject_says = BOUNCE_SUBJECT.is_match(&msg.subject);
    let notification = notification_text(msg);
    let body_says = BOUNCE_BODY.is_match(&notification);
    if !declared && !(mta && (subject_says || body_says)) && failed_header.is_none() {
        return None;
    }
    let delayed = DELAY_SIGNAL.is_match(&msg.subject)
        || (!subject_says || msg.subject.to_lowercase().contains("warn"))
            && DELAY_SIGNAL.is_match(&notification);
    let action = if delayed {
        DeliveryAction::Delayed
    } else {
        DeliveryAction::Failed
    };
    let mut addresses: Vec<String> = Vec::new();
    if let Some(header) = &failed_header {
        for m in ADDRESS.find_iter(header) {
            push_unique(&mut addresses, m.as_str().to_lowercase());
        }
    }
    if addresses.is_empty() {
        let ours: Vec<String> = msg
            .to
            .iter()
            .chain(msg.cc.iter())
            .chain(msg.from.iter())
            .map(|m| m.email.clone())
            .collect();
        for m in ADDRESS.find_iter(&notification) {
            let addr = m.as_str().trim_end_matches('.').to_lowercase();
            let local = addr.split('@').next().unwrap_or("");
            let before = notification[..m.start()].to_lowercase();
            let line_start = before.rfind('\n').map_or(0, |p| p + 1);
            let line_head = &before[line_start..];
            if ["message-id", "in-reply-to", "references"]
                .iter()
                .any(|h| line_head.contains(h))
            {
                continue;
            }
            let sender_context = before.trim_end().ends_with("mail from:<")
                || before.trim_end().ends_with("mail from:")
                || before.ends_with("from:<")
                || before.ends_with("sender:<");
            if ours.contains(&addr)
                || sender_context
                || ["mailer-daemon", "postmaster", "mailer_daemon"].contains(&local)
            {
                continue;
            }
            push_unique(&mut addresses, addr);
        }
    }
    if addresses.is_empty() && !declared {
        return None;
    }
    Some(DeliveryReport {
        recipients: addresses
            .into_iter()
            .map(|address| RecipientStatus {
                address,
                action,
                status: None,
            })
            .collect(),
        standard: false,
        returned_ids: returned_ids(msg),
    })
}

static RETURNED_ID: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?im)^[ \t>]*message-id:[ \t]*<([^<>\s]{1,250})>"));

/// The `Message-ID` lines in the report's body and parts (the returned message or its
/// headers), at most 10, without angle brackets.
fn returned_ids(msg: &Parsed) -> Vec<String> {
    let mut ids = Vec::new();
    let texts = std::iter::once(msg.body.as_str())
        .chain(msg.parts.iter().filter_map(|p| p.text.as_deref()));
    for text in texts {
        for c in RETURNED_ID.captures_iter(text) {
            if ids.len() < 10 {
                push_unique(&mut ids, c[1].to_string());
            }
        }
    }
    ids
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// The bounce's own words: the body (and its text parts) up to where the returned message
/// starts.
fn notification_text(msg: &Parsed) -> String {
    let mut text = msg.body.clone();
    for part in &msg.parts {
        if part.mime.starts_with("text/")
            && part.mime != "text/rfc822-headers"
            && let Some(t) = &part.text
            && !text.contains(t.trim())
        {
            text.push('\n');
            text.push_str(t);
        }
    }
    match ORIGINAL_START.find(&text) {
        Some(m) => text[..m.start()].to_string(),
        None => text,
    }
}

/// The per-recipient groups of RFC 3464 fields in `text`.
fn dsn_recipients(text: &str) -> Vec<RecipientStatus> {
    let mut out: Vec<RecipientStatus> = Vec::new();
    let mut address: Option<String> = None;
    let mut original: Option<String> = None;
    let mut action: Option<String> = None;
    let mut status: Option<String> = None;
    let mut flush = |address: &mut Option<String>,
                     original: &mut Option<String>,
                     action: &mut Option<String>,
                     status: &mut Option<String>| {
        let who = address.take().or_else(|| original.take());
        original.take();
        let act = action.take();
        let st = status.take();
        let Some(who) = who else { return };
        let act = act.as_deref().unwrap_or("").to_lowercase();
        let action = if act.starts_with("fail") {
            Some(DeliveryAction::Failed)
        } else if act.starts_with("delay") {
            Some(DeliveryAction::Delayed)
        } else if ["deliver", "relay", "expand"]
            .iter()
            .any(|a| act.starts_with(a))
        {
            Some(DeliveryAction::Delivered)
        } else {
            match st.as_deref().and_then(|s| s.chars().next()) {
                Some('5') => Some(DeliveryAction::Failed),
                Some('4') => Some(DeliveryAction::Delayed),
                Some('2') => Some(DeliveryAction::Delivered),
                _ => None,
            }
        };
        if let Some(action) = action
            && let Some(address) = first_address(&who)
            && !out
                .iter()
                .any(|r| r.address == address && r.action == action)
        {
            out.push(RecipientStatus {
                address,
                action,
                status: st.and_then(|s| s.split_whitespace().next().map(str::to_string)),
            });
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            if action.is_some() {
                flush(&mut address, &mut original, &mut action, &mut status);
            }
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if name.starts_with([' ', '\t']) {
            continue;
        }
        let value = value.trim().to_string();
        match name.trim().to_ascii_lowercase().as_str() {
            // Groups are separated by blank lines; some MTAs omit them, so a second
            // recipient field in one group starts the next group.
            "final-recipient" => {
                if address.is_some() {
                    flush(&mut address, &mut original, &mut action, &mut status);
                }
                address = Some(value);
            }
            "original-recipient" => {
                if original.is_some() && address.is_some() {
                    flush(&mut address, &mut original, &mut action, &mut status);
                }
                original = Some(value);
            }
            "action" => action = Some(value),
            "status" => status = Some(value),
            _ => {}
        }
    }
    flush(&mut address, &mut original, &mut action, &mut status);
    out
}

static OOO_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:\[[^\]]*\]\s*)?(?:(?:estoy|estaré|estare|ik ben)\s+)?(?:out of (?:the )?office|met vakantie|op vakantie|de vacaciones|en vacaciones|niet op kantoor|ooo(?-u:\b)|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|autoresponse|auto:|away from (?:the|my) (?:office|desk)|on (?:vacation|holiday|leave)|vacation (?:reply|response|notice)|i am (?:out|away)|i'm (?:out|away)|away until|abwesenheitsnotiz|abwesend|automatische antwort|automatische rückantwort|außer haus|ausser haus|nicht im büro|réponse automatique|reponse automatique|absent(?:e)?(?-u:\b)|absence|en congé|en congés|hors du bureau|fuera de la oficina|respuesta automática|respuesta automatica|ausente|risposta automatica|fuori sede|fuori ufficio|assente|automatisch antwoord|afwezig|niet aanwezig|buiten kantoor|resposta automática|resposta automatica|fora do escritório|ausência|autosvar|frånvaro|fraværende|poza biurem|odpowiedź automatyczna|automaattinen vastaus|poissa|automatikus válasz|automatická odpověď|otomatik yanıt|автоответ|автоматический ответ|自動応答|自动回复|不在)",
    )
});

/// Local parts of addresses no person answers from.
fn robot_local(local: &str) -> bool {
    let l = local.replace(['-', '_', '.'], "");
    l.starts_with("noreply")
        || l.starts_with("donotreply")
        || l.starts_with("noreplies")
        || l == "mailerdaemon"
}

fn auto_reply(msg: &Parsed) -> Option<String> {
    if let Some(v) = msg.header("auto-submitted") {
        let token = v
            .split([';', '(', ' '])
            .next()
            .unwrap_or("")
            .trim()
            .to_lowercase();
        if !token.is_empty() && token != "no" {
            return Some(format!("Auto-Submitted: {token}"));
        }
    }
    for name in [
        "x-autoreply",
        "x-autorespond",
        "x-autoresponder",
        "x-autoreply-from",
        "x-mail-autoreply",
        "x-autogenerated",
    ] {
        if msg.has_header(name) {
            return Some(format!("{name} header"));
        }
    }
    if let Some(p) = msg.header("precedence") {
        let p = p.trim().to_lowercase();
        if matches!(
            p.as_str(),
            "bulk" | "junk" | "list" | "auto_reply" | "auto-reply"
        ) {
            return Some(format!("Precedence: {p}"));
        }
    }
    if OOO_SUBJECT.is_match(&msg.subject) {
        return Some("out-of-office subject".to_string());
    }
    if let Some(from) = &msg.from
        && robot_local(from.email.split('@').next().unwrap_or(""))
    {
        return Some(format!("sender `{}` takes no replies", from.email));
    }
    if msg.return_path.as_deref() == Some("") {
        return Some("null return path".to_string());
    }
    None
}

pub use super::command::detect_command;
pub use crate::program::{Command, CommandName};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbound::parse::{Limits, parse};

    fn verdict(raw: &str) -> Verdict {
        let parsed = parse(raw.as_bytes(), &Limits::default()).unwrap();
        classify(&parsed, &ClassifyContext::default())
    }

    const PERSON: &str =
        "From: Tom <tom@acme.example>\nTo: m@acme.example\nSubject: Re: how did it go\n\nWe met.\n";

    #[test]
    fn an_ordinary_reply_is_a_person() {
        assert_eq!(verdict(PERSON), Verdict::Person);
    }

    #[test]
    fn x_auto_response_suppress_alone_is_not_automated() {
        let raw = PERSON.replace("Subject:", "X-Auto-Response-Suppress: All\nSubject:");
        assert_eq!(verdict(&raw), Verdict::Person);
    }

    #[test]
    fn rfc3834_and_vendor_headers_mark_auto_replies() {
        for header in [
            "Auto-Submitted: auto-replied",
            "X-Autoreply: yes",
            "X-Autorespond: yes",
            "Precedence: bulk",
            "Precedence: auto_reply",
        ] {
            let raw = PERSON.replace("Subject:", &format!("{header}\nSubject:"));
            assert!(
                matches!(verdict(&raw), Verdict::AutoReply { .. }),
                "{header}"
            );
        }
        let raw = PERSON.replace("Subject:", "Auto-Submitted: no\nSubject:");
        assert_eq!(verdict(&raw), Verdict::Person);
    }

    #[test]
    fn out_of_office_subjects_in_several_languages() {
        for subject in [
            "Out of Office: Re: how did it go",
            "Automatic reply: Re: x",
            "Abwesenheitsnotiz: Re: x",
            "Réponse automatique : Re: x",
            "Absence: x",
            "Fuera de la oficina: x",
            "Risposta automatica: x",
            "Automatisch antwoord: x",
            "Resposta automática: x",
            "Autosvar: x",
        ] {
            let raw = PERSON.replace("Re: how did it go", subject);
            assert!(
                matches!(verdict(&raw), Verdict::AutoReply { .. }),
                "{subject}"
            );
        }
        let raw = PERSON.replace("Re: how did it go", "Re: absences in December");
        assert_eq!(verdict(&raw), Verdict::Person);
    }

    #[test]
    fn noreply_senders_are_automated() {
        let raw = PERSON.replace("tom@acme.example", "no-reply@acme.example");
        assert!(matches!(verdict(&raw), Verdict::AutoReply { .. }));
    }

    #[test]
    fn standard_dsn_names_the_failed_recipient_and_delayed_is_not_failure() {
        let dsn = "From: MAILER-DAEMON@mx.example\nTo: m@acme.example\nSubject: Undelivered\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nSorry.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; Tom@Acme.example\nAction: failed\nStatus: 5.1.1\n\nFinal-Recipient: rfc822; lea@acme.example\nAction: delayed\nStatus: 4.4.1\n--b--\n";
        let Verdict::Delivery(report) = verdict(dsn) else {
            panic!("not a delivery report");
        };
        assert!(report.standard);
        assert_eq!(report.action(), DeliveryAction::Failed);
        assert_eq!(report.failed(), vec!["tom@acme.example"]);
        assert_eq!(report.recipients[1].action, DeliveryAction::Delayed);
        assert_eq!(report.recipients[0].status.as_deref(), Some("5.1.1"));
        let delayed_only = dsn.replace(
            "Action: failed\nStatus: 5.1.1",
            "Action: delayed\nStatus: 4.4.1",
        );
        let Verdict::Delivery(report) = verdict(&delayed_only) else {
            panic!("not a delivery report");
        };
        assert_eq!(report.action(), DeliveryAction::Delayed);
    }

    #[test]
    fn plain_text_bounce_finds_the_failed_recipient_not_the_sender() {
        let raw = "From: Mail Delivery System <Mailer-Daemon@mx.example>\nTo: m@acme.example\nSubject: Mail delivery failed: returning message to sender\n\nA message that you sent could not be delivered to one or more of its\nrecipients. The following address(es) failed:\n\n  tom@acme.example\n    SMTP error from remote mail server after MAIL FROM:<m@acme.example>: 550 no such user\n\n------ This is a copy of the message, including all the headers. ------\n\nFrom: m@acme.example\nTo: tom@acme.example\n";
        let Verdict::Delivery(report) = verdict(raw) else {
            panic!("not a bounce");
        };
        assert!(!report.standard);
        assert_eq!(report.failed(), vec!["tom@acme.example"]);
    }

    #[test]
    fn a_bounce_names_the_message_ids_it_returns_not_its_own() {
        let raw = "From: Mail Delivery System <Mailer-Daemon@mx.example>\nTo: m@acme.example\nSubject: Mail delivery failed: returning message to sender\nMessage-ID: <own@mx.example>\n\nA message that you sent could not be delivered to one or more of its\nrecipients. The following address(es) failed:\n\n  tom@acme.example\n\n------ This is a copy of the message, including all the headers. ------\n\nFrom: m@acme.example\nTo: tom@acme.example\nMessage-Id: <prompt.7@acme.example>\n";
        let Verdict::Delivery(report) = verdict(raw) else {
            panic!("not a bounce");
        };
        assert_eq!(report.returned_ids, vec!["prompt.7@acme.example"]);
        let none = raw.replace("Message-Id: <prompt.7@acme.example>\n", "");
        let Verdict::Delivery(report) = verdict(&none) else {
            panic!("not a bounce");
        };
        assert!(report.returned_ids.is_empty());
    }

    #[test]
    fn only_a_permanent_failure_that_is_not_policy_is_a_hard_bounce() {
        for hard in [None, Some(""), Some("5.1.1"), Some("5.2.2"), Some("5.0.0")] {
            assert!(is_hard_bounce(hard), "{hard:?}");
        }
        for soft in [Some("4.2.2"), Some("4.4.7"), Some("5.7.1"), Some("5.7.26")] {
            assert!(!is_hard_bounce(soft), "{soft:?}");
        }
    }

    #[test]
    fn a_message_forwarding_a_bounce_is_not_a_bounce() {
        let raw = "From: Tom <tom@acme.example>\nSubject: look at this\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nodd bounce attached\n--b\nContent-Type: message/rfc822\n\nFrom: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"c\"\n\n--c\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\nAction: failed\n--c--\n--b--\n";
        assert_eq!(verdict(raw), Verdict::Person);
    }

    #[test]
    fn arf_report_is_a_complaint_with_the_recipient() {
        let raw = "From: feedback@isp.example\nSubject: report\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nabuse report\n--b\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nOriginal-Rcpt-To: <Tom@acme.example>\n--b--\n";
        let Verdict::Complaint(c) = verdict(raw) else {
            panic!("not a complaint");
        };
        assert_eq!(c.recipient.as_deref(), Some("tom@acme.example"));
        assert_eq!(c.feedback_type.as_deref(), Some("abuse"));
    }

    #[test]
    fn read_receipts_are_recognised() {
        let raw = "From: tom@acme.example\nSubject: Read: x\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nread\n--b--\n";
        assert_eq!(verdict(raw), Verdict::ReadReceipt);
    }

    #[test]
    fn no_sender_and_own_address_are_rejected() {
        let raw = "To: m@acme.example\nSubject: hi\n\nhello\n";
        assert!(matches!(verdict(raw), Verdict::Rejected { .. }));
        let parsed = parse(PERSON.as_bytes(), &Limits::default()).unwrap();
        let ctx = ClassifyContext {
            own_addresses: vec!["tom@acme.example".to_string()],
            ..ClassifyContext::default()
        };
        assert!(matches!(classify(&parsed, &ctx), Verdict::Rejected { .. }));
        let ctx = ClassifyContext {
            own_reply_prefix: Some(("tom".to_string(), "acme.example".to_string())),
            ..ClassifyContext::default()
        };
        assert!(matches!(classify(&parsed, &ctx), Verdict::Rejected { .. }));
    }

    #[test]
    fn our_own_x_loop_tag_is_a_loop_whoever_sends_it() {
        let ctx = ClassifyContext {
            loop_tag: Some("upward@acme.example".to_string()),
            ..ClassifyContext::default()
        };
        let ours = "From: bot@else.example\nTo: m@acme.example\nSubject: Re: hi\nX-Loop: Upward@acme.example\n\nMet: yes\n";
        let parsed = parse(ours.as_bytes(), &Limits::default()).unwrap();
        let Verdict::Rejected { reason } = classify(&parsed, &ctx) else {
            panic!("not rejected");
        };
        assert!(reason.contains("X-Loop"), "{reason}");
        // Another system's tag is not ours.
        let theirs = ours.replace("Upward@acme.example", "vacation@else.example");
        let parsed = parse(theirs.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(classify(&parsed, &ctx), Verdict::Person);
    }
}
