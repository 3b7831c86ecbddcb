//! Owns stage 1 of the inbound pipeline: raw bytes to a [`Parsed`] message. Enforces the size
//! cap before parsing and the part/depth caps after, runs mail-parser under `catch_unwind`,
//! detects input cut off inside a folded header (a temporary failure), and decodes every text
//! it keeps to valid UTF-8 (declared charset, then UTF-8, then Windows-1252). Does not decide
//! what the message is (that is [`super::classify`]) nor what the sender wrote (that is
//! [`super::trim`]).

use std::panic::{AssertUnwindSafe, catch_unwind};

use chrono::{DateTime, FixedOffset, TimeZone};
use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{
    Address, Encoding, HeaderName, HeaderValue, Message, MessageParser, MessagePart, MimeHeaders,
    PartType,
};

use super::dedup::{DedupKey, dedup_key};
use super::html;

/// The default raw-size cap: 25 MB, as `[inbound] max_message_bytes` defaults.
pub const DEFAULT_MAX_MESSAGE_BYTES: u64 = 25 * 1024 * 1024;

/// Largest part text kept for classification (DSN fields, embedded headers).
const MAX_PART_TEXT: usize = 64 * 1024;

/// Caps that keep a hostile message from costing unbounded memory or stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Raw messages bigger than this are refused before parsing.
    pub max_message_bytes: u64,
    /// Messages with more MIME parts than this (nested messages included) are refused.
    pub max_parts: usize,
    /// Messages nesting multiparts and attached messages deeper than this are refused.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_bytes: DEFAULT_MAX_MESSAGE_BYTES,
            max_parts: 500,
            max_depth: 20,
        }
    }
}

/// Why a message could not be turned into a [`Parsed`]. Every variant but
/// [`ParseError::Truncated`] means quarantine; `Truncated` means try again later.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Refused before parsing.
    #[error(
        "the message is {size} bytes, over the limit of {limit}; raise [inbound] max_message_bytes to accept it"
    )]
    TooLarge { size: u64, limit: u64 },
    /// Nothing but whitespace.
    #[error("the message is empty")]
    Empty,
    /// The input stops inside the header section, in a folded line: a cut-off transfer.
    #[error(
        "the message ends inside a folded header line; it was cut off in transfer and should be fetched again"
    )]
    Truncated,
    /// mail-parser found no message in the bytes, or failed on them.
    #[error("the message could not be parsed: {reason}")]
    Unparseable { reason: String },
    /// Refused after parsing.
    #[error("the message has {count} MIME parts, over the limit of {limit}")]
    TooManyParts { count: usize, limit: usize },
    /// Refused after parsing.
    #[error("the message nests MIME parts {depth} levels deep, over the limit of {limit}")]
    TooDeep { depth: usize, limit: usize },
    /// More than one `From` header or mailbox: which one wrote it cannot be told, and
    /// readers disagree on which to show (mail-parser takes the last header).
    #[error(
        "the message has {headers} From headers naming {mailboxes} senders; exactly one sender is required, so it is kept for review"
    )]
    AmbiguousSender { headers: usize, mailboxes: usize },
}

impl ParseError {
    /// Whether the source should offer the message again later (pipe exit 75, IMAP refetch)
    /// instead of quarantining it.
    pub fn is_temporary(&self) -> bool {
        matches!(self, ParseError::Truncated)
    }
}

/// A sender or recipient mailbox: the address lowercased (addresses compare
/// case-insensitively everywhere) and the display name as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub email: String,
    pub name: Option<String>,
}

/// One MIME leaf of the top-level message, as classification needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartInfo {
    /// `type/subtype`, lowercased; `text/plain` when the part declares none.
    pub mime: String,
    /// The decoded text of text-like parts (including `message/*` reports and embedded
    /// messages), at most 64 KB; `None` for binary parts.
    pub text: Option<String>,
}

/// A parsed message: everything the later stages read, owned, with no tie to mail-parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Without the angle brackets; `None` when the header is missing or empty.
    pub message_id: Option<String>,
    /// Stage 2: how the store recognises a message it has already processed.
    pub dedup: DedupKey,
    /// The first `From` mailbox with an address; `None` when there is none.
    pub from: Option<Mailbox>,
    /// The raw `From` header, kept for messages whose sender could not be read.
    pub from_raw: Option<String>,
    pub reply_to: Vec<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// `Delivered-To` and `X-Original-To`: where routing looks for a reply token first.
    pub delivered_to: Vec<String>,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    /// Decoded, empty when missing.
    pub subject: String,
    /// The `Date` header with the sender's own offset; `None` when missing or unreadable.
    pub date: Option<DateTime<FixedOffset>>,
    /// `Some("")` for the null return path `<>`.
    pub return_path: Option<String>,
    /// Top-level headers: names lowercased, values unfolded and trimmed, in order.
    pub headers: Vec<(String, String)>,
    /// `type/subtype` of the top-level message, lowercased.
    pub content_type: String,
    /// The `report-type` parameter of a `multipart/report`, lowercased.
    pub report_type: Option<String>,
    /// The message's text: the plain-text body, or the HTML body converted to text with
    /// quoted blocks marked `> ` when there is no plain text.
    pub body: String,
    /// Whether `body` came from HTML (the trim is less certain then).
    pub body_from_html: bool,
    /// Whether some text needed the charset fallback (undeclared or wrong charset).
    pub charset_fallback: bool,
    /// The leaves of the top-level message, in order.
    pub parts: Vec<PartInfo>,
    /// Parts that are neither the body nor structure: files, images, attached messages.
    pub attachments: usize,
}

impl Parsed {
    /// The value of the first top-level header with this (lowercase) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the message has a top-level header with this (lowercase) name.
    pub fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n == name)
    }
}

/// Parses raw message bytes under `limits`.
///
/// # Errors
/// [`ParseError`]: over a cap, empty, cut off (temporary) or unparseable. Never panics:
/// a panic inside mail-parser becomes [`ParseError::Unparseable`].
pub fn parse(raw: &[u8], limits: &Limits) -> Result<Parsed, ParseError> {
    let size = raw.len() as u64;
    if size > limits.max_message_bytes {
        return Err(ParseError::TooLarge {
            size,
            limit: limits.max_message_bytes,
        });
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Empty);
    }
    if is_truncated(raw) {
        return Err(ParseError::Truncated);
    }
    let dedup_bytes = raw;
    // NOTE: a file with bare CR line endings only (old Mac mail, sisimai `mac-cr/`) is read as
    // one endless header line by mail-parser; it is normalised to LF first so it classifies
    // like its LF and CRLF twins. The dedup hash is still taken over the bytes as received.
    let normalised;
    let raw = if raw.contains(&b'\r') && !raw.contains(&b'\n') {
        normalised = raw
            .iter()
            .map(|&b| if b == b'\r' { b'\n' } else { b })
            .collect::<Vec<u8>>();
        normalised.as_slice()
    } else {
        raw
    };
    let message = catch_unwind(AssertUnwindSafe(|| MessageParser::default().parse(raw)))
        .map_err(|_| ParseError::Unparseable {
            reason: "the MIME parser failed on this input".to_string(),
        })?
        .ok_or_else(|| ParseError::Unparseable {
            reason: "no message headers found".to_string(),
        })?;
    let (count, depth) = shape(&message);
    if count > limits.max_parts {
        return Err(ParseError::TooManyParts {
            count,
            limit: limits.max_parts,
        });
    }
    if depth > limits.max_depth {
        return Err(ParseError::TooDeep {
            depth,
            limit: limits.max_depth,
        });
    }
    let (headers, mailboxes) = senders(&message);
    if headers > 1 || mailboxes > 1 {
        return Err(ParseError::AmbiguousSender { headers, mailboxes });
    }
    catch_unwind(AssertUnwindSafe(|| build(&message, dedup_bytes))).map_err(|_| {
        ParseError::Unparseable {
            reason: "the message structure could not be read".to_string(),
        }
    })
}

/// Whether the input stops inside the header section in the middle of a folded line
/// (mail-parser#155's `b"Received:\n\t"`): a transfer cut short, not a malformed message.
fn is_truncated(raw: &[u8]) -> bool {
    let has_header_end = raw.windows(2).any(|w| w == b"\n\n")
        || raw.windows(4).any(|w| w == b"\r\n\r\n")
        || raw.windows(2).any(|w| w == b"\r\r");
    if has_header_end {
        return false;
    }
    let trimmed_end = raw.len()
        - raw
            .iter()
            .rev()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
    let ends_in_fold =
        trimmed_end < raw.len() && trimmed_end > 0 && matches!(raw[trimmed_end - 1], b'\n' | b'\r');
    let ends_after_colon = raw
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b':');
    ends_in_fold || ends_after_colon
}

/// The top-level `From` headers and the mailboxes with an address they name.
fn senders(message: &Message<'_>) -> (usize, usize) {
    let froms: Vec<&HeaderValue<'_>> = message.header_values(HeaderName::From).collect();
    let mailboxes = froms.iter().map(|v| mailboxes(v.as_address()).len()).sum();
    (froms.len(), mailboxes)
}

/// Counts every MIME part (nested messages included) and the deepest nesting.
fn shape(message: &Message<'_>) -> (usize, usize) {
    let mut count = 0usize;
    let mut deepest = 0usize;
    // (message, part id, depth); an explicit stack, so hostile nesting cannot overflow ours.
    let mut stack: Vec<(&Message<'_>, u32, usize)> = vec![(message, 0, 0)];
    while let Some((msg, id, depth)) = stack.pop() {
        let Some(part) = msg.parts.get(id as usize) else {
            continue;
        };
        count += 1;
        deepest = deepest.max(depth);
        if count > 100_000 {
            break;
        }
        match &part.body {
            PartType::Multipart(children) => {
                for &child in children {
                    if child != id {
                        stack.push((msg, child, depth + 1));
                    }
                }
            }
            PartType::Message(inner) => stack.push((inner, 0, depth + 1)),
            _ => {}
        }
    }
    (count, deepest)
}

fn build(message: &Message<'_>, raw: &[u8]) -> Parsed {
    let message_id = message
        .message_id()
        .map(|id| clean_text(id.trim().trim_matches(['<', '>'])))
        .filter(|id| !id.is_empty());
    let dedup = dedup_key(raw, message_id.as_deref());
    let headers = top_headers(message);
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let from = mailboxes(message.from()).into_iter().next();
    let return_path = header("return-path").map(|v| {
        let v = v.trim();
        let inner = v.trim_start_matches('<').trim_end_matches('>').trim();
        inner.to_lowercase()
    });
    let mut delivered_to = Vec::new();
    for (name, value) in &headers {
        if name == "delivered-to" || name == "x-original-to" {
            let v = value.trim().trim_matches(['<', '>']).to_lowercase();
            if !v.is_empty() {
                delivered_to.push(v);
            }
        }
    }
    let root = message.root_part();
    let (content_type, report_type) = match root.content_type() {
        Some(ct) => (
            mime_of(Some(ct.ctype()), ct.subtype()),
            ct.attribute("report-type")
                .map(|r| r.trim().trim_matches('"').to_lowercase()),
        ),
        None => ("text/plain".to_string(), None),
    };
    let mut charset_fallback = false;
    let mut texts = PartTexts {
        message,
        texts: vec![None; message.parts.len()],
    };
    let (body, body_from_html) = body_text(&mut texts, &mut charset_fallback);
    let mut parts = Vec::new();
    let mut attachments = 0usize;
    for (index, part) in message.parts.iter().enumerate() {
        if part.is_multipart() {
            continue;
        }
        let id = index as u32;
        let is_body = message.text_body.contains(&id) || message.html_body.contains(&id);
        if !is_body {
            attachments += 1;
        }
        let mime = match part.content_type() {
            Some(ct) => mime_of(Some(ct.ctype()), ct.subtype()),
            None => "text/plain".to_string(),
        };
        let text = match &part.body {
            PartType::Text(_) | PartType::Html(_) => {
                Some(cap(texts.get(index, &mut charset_fallback).to_string()))
            }
            PartType::Binary(bytes) | PartType::InlineBinary(bytes)
                if mime.starts_with("message/") || mime.starts_with("text/") =>
            {
                Some(cap(decode_bytes(bytes, None, &mut charset_fallback)))
            }
            PartType::Message(inner) => Some(cap(decode_bytes(
                inner.raw_message(),
                None,
                &mut charset_fallback,
            ))),
            _ => None,
        };
        parts.push(PartInfo { mime, text });
    }
    Parsed {
        message_id,
        dedup,
        from,
        from_raw: message.header_raw("From").map(unfold),
        reply_to: mailboxes(message.reply_to()),
        to: mailboxes(message.to()),
        cc: mailboxes(message.cc()),
        delivered_to,
        in_reply_to: id_list(message.in_reply_to()),
        references: id_list(message.references()),
        subject: message.subject().map(clean_text).unwrap_or_default(),
        date: message.date().and_then(to_chrono),
        return_path,
        headers,
        content_type,
        report_type,
        body,
        body_from_html,
        charset_fallback,
        parts,
        attachments,
    }
}

fn mime_of(ctype: Option<&str>, subtype: Option<&str>) -> String {
    let ctype = ctype.unwrap_or("text").trim().to_lowercase();
    match subtype {
        Some(sub) => format!("{ctype}/{}", sub.trim().to_lowercase()),
        None if ctype == "text" => "text/plain".to_string(),
        None => ctype,
    }
}

fn cap(mut text: String) -> String {
    if text.len() > MAX_PART_TEXT {
        let mut end = MAX_PART_TEXT;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

/// The top-level headers with lowercased names and unfolded values.
fn top_headers(message: &Message<'_>) -> Vec<(String, String)> {
    message
        .headers_raw()
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), unfold(value)))
        .collect()
}

/// Joins folded header lines and trims, dropping NULs and other control characters.
fn unfold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut last_space = false;
    for c in value.chars() {
        if c == '\r' || c == '\n' || c == '\t' || c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else if !c.is_control() {
            out.push(c);
            last_space = false;
        }
    }
    out.trim().to_string()
}

/// Drops NULs and other control characters except line breaks and tabs.
// NOTE: a byte scan that copies whole runs: the control characters are exactly the bytes
// below 0x20 and 0x7f, and C1's U+0080..U+009F (0xC2 then 0x80..0x9F in UTF-8), so no
// character needs decoding. Collecting the text char by char cost a tenth of the pipeline;
// clean stretches are skipped 32 bytes at a time by a test the compiler vectorises.
fn clean_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut start, mut i) = (0, 0);
    while let Some(found) = next_suspect(bytes, i) {
        i = found;
        let b = bytes[i];
        let dropped = if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f {
            1
        } else if b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) {
            2
        } else {
            0
        };
        if dropped == 0 {
            i += 1;
            continue;
        }
        out.push_str(&text[start..i]);
        i += dropped;
        start = i;
    }
    out.push_str(&text[start..]);
    out
}

/// The first byte at or after `from` that may start a control character (below 0x20 but
/// a line break or tab, 0x7f, 0xC2).
fn next_suspect(bytes: &[u8], from: usize) -> Option<usize> {
    let suspect = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7f) | (b == 0xc2);
    let mut at = from;
    for chunk in bytes.get(from..)?.chunks(32) {
        // No early exit inside the chunk: this fold compiles to a few vector compares.
        if chunk.iter().fold(false, |any, &b| any | suspect(b)) {
            return chunk.iter().position(|&b| suspect(b)).map(|p| at + p);
        }
        at += chunk.len();
    }
    None
}

fn mailboxes(address: Option<&Address<'_>>) -> Vec<Mailbox> {
    let Some(address) = address else {
        return Vec::new();
    };
    address
        .iter()
        .filter_map(|addr| {
            let email = addr.address.as_deref()?.trim().to_lowercase();
            if email.is_empty() {
                return None;
            }
            let name = addr
                .name
                .as_deref()
                .map(|n| clean_text(n).trim().to_string())
                .filter(|n| !n.is_empty());
            Some(Mailbox {
                email: clean_text(&email),
                name,
            })
        })
        .collect()
}

fn id_list(value: &HeaderValue<'_>) -> Vec<String> {
    let raw: Vec<String> = match value {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    };
    raw.into_iter()
        .map(|id| clean_text(id.trim().trim_matches(['<', '>'])))
        .filter(|id| !id.is_empty())
        .collect()
}

fn to_chrono(date: &mail_parser::DateTime) -> Option<DateTime<FixedOffset>> {
    if !date.is_valid() {
        return None;
    }
    let offset_secs = (i32::from(date.tz_hour) * 3600 + i32::from(date.tz_minute) * 60)
        * if date.tz_before_gmt { -1 } else { 1 };
    let offset = FixedOffset::east_opt(offset_secs)?;
    offset
        .with_ymd_and_hms(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
            u32::from(date.hour),
            u32::from(date.minute),
            u32::from(date.second),
        )
        .single()
}

/// Each text part's content, decoded once: the body and the parts' list both need it.
struct PartTexts<'a, 'm> {
    message: &'a Message<'m>,
    texts: Vec<Option<String>>,
}

impl PartTexts<'_, '_> {
    /// The text of part `index` (empty for a part that is not text).
    fn get(&mut self, index: usize, fallback: &mut bool) -> &str {
        let message = self.message;
        match self.texts.get_mut(index) {
            Some(slot) => slot.get_or_insert_with(|| {
                message
                    .parts
                    .get(index)
                    .map(|part| part_text(message, part, fallback))
                    .unwrap_or_default()
            }),
            None => "",
        }
    }
}

/// The body as text: the plain-text body parts, else the HTML ones converted.
fn body_text(texts: &mut PartTexts<'_, '_>, fallback: &mut bool) -> (String, bool) {
    let message = texts.message;
    let mut plain = Vec::new();
    let mut html_parts = Vec::new();
    for &id in &message.text_body {
        if let Some(part) = message.parts.get(id as usize) {
            match &part.body {
                PartType::Text(_) => plain.push(texts.get(id as usize, fallback).to_string()),
                PartType::Html(_) => html_parts.push(texts.get(id as usize, fallback).to_string()),
                _ => {}
            }
        }
    }
    if plain.iter().any(|t| !t.trim().is_empty()) {
        return (plain.join("\n"), false);
    }
    if html_parts.is_empty() {
        for &id in &message.html_body {
            if let Some(part) = message.parts.get(id as usize)
                && let PartType::Html(_) = &part.body
            {
                html_parts.push(texts.get(id as usize, fallback).to_string());
            }
        }
    }
    if html_parts.iter().any(|t| !t.trim().is_empty()) {
        let text: Vec<String> = html_parts.iter().map(|h| html::to_text(h)).collect();
        return (text.join("\n"), true);
    }
    (plain.join("\n"), false)
}

/// A text part's content as valid UTF-8, redecoded from its raw bytes when mail-parser's
/// decoding left replacement characters (no charset, an unknown one, or a wrong one).
fn part_text(message: &Message<'_>, part: &MessagePart<'_>, fallback: &mut bool) -> String {
    let decoded = match &part.body {
        PartType::Text(t) | PartType::Html(t) => t.as_ref(),
        _ => return String::new(),
    };
    if !decoded.contains('\u{FFFD}') {
        return clean_text(decoded);
    }
    let raw = message
        .raw_message()
        .get(part.offset_body as usize..part.offset_end as usize)
        .unwrap_or_default();
    let bytes = match part.encoding {
        Encoding::Base64 => base64_decode(raw),
        Encoding::QuotedPrintable => quoted_printable_decode(raw),
        Encoding::None => Some(raw.to_vec()),
    };
    let Some(bytes) = bytes else {
        return clean_text(decoded);
    };
    let declared = part.content_type().and_then(|ct| ct.attribute("charset"));
    decode_bytes(&bytes, declared, fallback)
}

/// Decodes bytes to text: the declared charset when it decodes cleanly, else UTF-8, else
/// Windows-1252 (which maps every byte, so the result is always valid).
pub(crate) fn decode_bytes(bytes: &[u8], declared: Option<&str>, fallback: &mut bool) -> String {
    if let Some(charset) = declared
        && !charset.eq_ignore_ascii_case("utf-8")
        && !charset.eq_ignore_ascii_case("utf8")
        && let Some(decoder) = charset_decoder(charset.trim().as_bytes())
    {
        let text = decoder(bytes);
        if !text.contains('\u{FFFD}') {
            return clean_text(&text);
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if declared.is_some_and(|c| !c.to_ascii_lowercase().starts_with("utf")) {
            *fallback = true;
        }
        return clean_text(text);
    }
    *fallback = true;
    clean_text(&windows_1252(bytes))
}

fn windows_1252(bytes: &[u8]) -> String {
    match charset_decoder(b"windows-1252") {
        Some(decoder) => decoder(bytes),
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(text: &str) -> Vec<u8> {
        text.replace('\n', "\r\n").into_bytes()
    }

    #[test]
    fn two_from_headers_or_two_from_mailboxes_are_refused_one_is_read() {
        let two_headers = msg(
            "From: ann@acme.example\nFrom: Mallory <mallory@evil.example>\nTo: m@acme.example\nSubject: hi\n\nMet: yes\n",
        );
        let err = parse(&two_headers, &Limits::default()).unwrap_err();
        assert_eq!(
            err,
            ParseError::AmbiguousSender {
                headers: 2,
                mailboxes: 2
            }
        );
        assert!(!err.is_temporary());
        assert!(err.to_string().contains("exactly one sender"), "{err}");
        let two_mailboxes =
            msg("From: ann@acme.example, bob@acme.example\nTo: m@acme.example\n\nhi\n");
        assert_eq!(
            parse(&two_mailboxes, &Limits::default()).unwrap_err(),
            ParseError::AmbiguousSender {
                headers: 1,
                mailboxes: 2
            }
        );
        // A second, unreadable From header still makes two.
        let garbage = msg("From: ann@acme.example\nFrom: ???\nTo: m@acme.example\n\nhi\n");
        assert!(matches!(
            parse(&garbage, &Limits::default()),
            Err(ParseError::AmbiguousSender { headers: 2, .. })
        ));
        let one = msg("From: Ann <ann@acme.example>\nTo: m@acme.example\n\nhi\n");
        let parsed = parse(&one, &Limits::default()).unwrap();
        assert_eq!(parsed.from.unwrap().email, "ann@acme.example");
    }

    #[test]
    fn received_header_cut_in_its_fold_is_a_temporary_failure() {
        let err = parse(b"Received:\n\t", &Limits::default()).unwrap_err();
        assert_eq!(err, ParseError::Truncated);
        assert!(err.is_temporary());
    }

    #[test]
    fn headers_cut_after_a_colon_are_truncated() {
        let err = parse(b"From: a@example.org\nSubject:", &Limits::default()).unwrap_err();
        assert_eq!(err, ParseError::Truncated);
    }

    #[test]
    fn oversized_message_is_refused_before_parsing() {
        let limits = Limits {
            max_message_bytes: 10,
            ..Limits::default()
        };
        let err = parse(b"From: a@example.org\n\nhello there", &limits).unwrap_err();
        assert_eq!(
            err,
            ParseError::TooLarge {
                size: 32,
                limit: 10
            }
        );
        assert!(!err.is_temporary());
    }

    #[test]
    fn empty_input_is_refused() {
        assert_eq!(parse(b"  \n\n", &Limits::default()), Err(ParseError::Empty));
    }

    #[test]
    fn deep_nesting_is_refused_by_the_depth_cap() {
        let mut raw = String::from("From: a@example.org\nMIME-Version: 1.0\n");
        let levels = 40;
        for i in 0..levels {
            raw.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n"
            ));
        }
        raw.push_str("Content-Type: text/plain\n\nhi\n");
        for i in (0..levels).rev() {
            raw.push_str(&format!("--b{i}--\n"));
        }
        let err = parse(raw.as_bytes(), &Limits::default()).unwrap_err();
        assert!(
            matches!(err, ParseError::TooDeep { limit: 20, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn many_parts_are_refused_by_the_parts_cap() {
        let mut raw = String::from(
            "From: a@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"x\"\n\n",
        );
        for _ in 0..600 {
            raw.push_str("--x\nContent-Type: text/plain\n\nhi\n");
        }
        raw.push_str("--x--\n");
        let err = parse(raw.as_bytes(), &Limits::default()).unwrap_err();
        assert!(
            matches!(err, ParseError::TooManyParts { limit: 500, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn eight_bit_text_without_charset_falls_back_to_windows_1252() {
        let mut raw = b"From: a@example.org\nSubject: hi\n\n".to_vec();
        raw.extend_from_slice(b"We met \x93yesterday\x94 \x96 it was caf\xe9 time\n");
        let parsed = parse(&raw, &Limits::default()).unwrap();
        assert_eq!(
            parsed.body.trim(),
            "We met \u{201c}yesterday\u{201d} \u{2013} it was caf\u{e9} time"
        );
        assert!(parsed.charset_fallback);
    }

    #[test]
    fn undeclared_utf8_stays_utf8() {
        let raw = "From: a@example.org\n\nWir haben uns getroffen, schön\n".as_bytes();
        let parsed = parse(raw, &Limits::default()).unwrap();
        assert_eq!(parsed.body.trim(), "Wir haben uns getroffen, schön");
    }

    #[test]
    fn wrongly_declared_utf8_is_read_as_windows_1252() {
        let mut raw = b"From: a@example.org\nContent-Type: text/plain; charset=utf-8\n\n".to_vec();
        raw.extend_from_slice(b"r\xe9union\n");
        let parsed = parse(&raw, &Limits::default()).unwrap();
        assert_eq!(parsed.body.trim(), "r\u{e9}union");
    }

    #[test]
    fn headers_and_addresses_are_read() {
        let raw = msg("From: \"Lea Fischer\" <Lea.Fischer@Acme.example>\n\
To: mentoring+abc@acme.example\n\
Delivered-To: mentoring+abc@acme.example\n\
Message-ID: <m1@acme.example>\n\
In-Reply-To: <p1@acme.example>\n\
References: <i1@acme.example> <p1@acme.example>\n\
Date: Tue, 10 Nov 2026 18:04:00 +0100\n\
Subject: =?utf-8?q?Re:_R=C3=BCckblick?=\n\
\n\
Hallo\n");
        let parsed = parse(&raw, &Limits::default()).unwrap();
        let from = parsed.from.unwrap();
        assert_eq!(from.email, "lea.fischer@acme.example");
        assert_eq!(from.name.as_deref(), Some("Lea Fischer"));
        assert_eq!(parsed.message_id.as_deref(), Some("m1@acme.example"));
        assert_eq!(parsed.in_reply_to, vec!["p1@acme.example"]);
        assert_eq!(
            parsed.references,
            vec!["i1@acme.example", "p1@acme.example"]
        );
        assert_eq!(parsed.delivered_to, vec!["mentoring+abc@acme.example"]);
        assert_eq!(parsed.subject, "Re: Rückblick");
        assert_eq!(
            parsed.date.unwrap().to_rfc3339(),
            "2026-11-10T18:04:00+01:00"
        );
        assert_eq!(parsed.body.trim(), "Hallo");
    }

    #[test]
    fn cr_only_line_endings_parse_like_lf() {
        let lf = b"From: a@example.org\nSubject: hi\n\nbody line\n".to_vec();
        let cr: Vec<u8> = lf
            .iter()
            .map(|&b| if b == b'\n' { b'\r' } else { b })
            .collect();
        let a = parse(&lf, &Limits::default()).unwrap();
        let b = parse(&cr, &Limits::default()).unwrap();
        assert_eq!(a.subject, b.subject);
        assert_eq!(a.body.trim(), b.body.trim());
        assert_ne!(a.dedup, b.dedup);
    }

    #[test]
    fn html_only_body_is_converted_with_quotes_marked() {
        let raw = msg(
            "From: a@example.org\nContent-Type: text/html; charset=utf-8\n\n\
<div>We met for an hour.</div><blockquote>old prompt</blockquote>\n",
        );
        let parsed = parse(&raw, &Limits::default()).unwrap();
        assert!(parsed.body_from_html);
        assert!(parsed.body.contains("We met for an hour."));
        assert!(parsed.body.contains("> old prompt"));
    }

    #[test]
    fn control_characters_go_and_everything_else_stays() {
        let text = "a\0b\r\nc\td\u{7f}e\u{85}f\u{9f}g\u{a0}h é 日本 \u{200b}";
        assert_eq!(clean_text(text), "ab\nc\tdefg\u{a0}h é 日本 \u{200b}");
        let slow: String = text
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
            .collect();
        assert_eq!(clean_text(text), slow);
    }

    #[test]
    fn null_return_path_is_an_empty_string() {
        let raw = msg("Return-Path: <>\nFrom: MAILER-DAEMON@example.org\n\nx\n");
        let parsed = parse(&raw, &Limits::default()).unwrap();
        assert_eq!(parsed.return_path.as_deref(), Some(""));
    }
}
