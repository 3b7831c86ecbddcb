//! Owns stage "trim" of the inbound pipeline: from a message body, keep only what the sender
//! newly wrote. Drops quoted history (`>` lines; "On … wrote:" attributions in many languages,
//! also split over two or three lines; Outlook's "-----Original Message-----" and
//! From/Sent/To/Subject blocks in many languages, also GMX's that start with "Gesendet:";
//! "____" separators; Zimbra's, Samsung's and Proton's separators; Lotus Notes' "wrote on
//! <date>:" and "----- Forwarded by"; forwarded-message markers), signatures ("-- ", "Sent
//! from my iPhone" and other clients' footers in many languages, Outlook mobile's "Get Outlook
//! for iOS" as "Outlook für iOS beziehen", "Télécharger Outlook pour Android", "Descargar
//! Outlook para Android", "Outlook voor iOS downloaden"; sign-offs
//! followed by a contact block, confidentiality disclaimers). HTML bodies arrive here already
//! converted by [`super::html`], with their quotes as `> ` lines. Does not read meaning: that is
//! [`super::extract`]'s job.
//!
//! Policy where two sensible rules conflict: keep the person's words.
//! - A bare sign-off ("Thanks!", "Regards,\nTom") stays; a sign-off is cut only when a contact
//!   block (two or more short lines, or a phone number, address or link) follows it.
//! - Text written between or below quoted lines (an inline or bottom-posted answer) is kept;
//!   only the quoted lines and their attribution go.
//! - A line is a quote header only when it has the shape of one (a date or an address, and
//!   "wrote" in some language at its end, or an address and a colon at its end); "On the other
//!   hand, …" stays.
//! - A separator or header block directly over `>` quoted lines heads a quote (Zimbra,
//!   Android mail): answers typed between those lines are kept, as under an attribution.
//! - A message that is all quote gives empty text and `quote_only`, never the quote: the
//!   quote is not the sender's words, and an empty reply goes to review.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{is_form_label, re};

/// What the trim kept, and how sure it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trimmed {
    /// The new text: LF line endings, no trailing spaces, no leading or trailing blank lines.
    pub text: String,
    /// The body had text, but all of it was quoted history or signature.
    pub quote_only: bool,
    /// Text was kept from between or below quoted lines.
    pub inline_reply: bool,
    /// A signature or sign-off block was cut from the end.
    pub signature_removed: bool,
}

/// Keeps only what the sender newly wrote in `body`.
pub fn trim(body: &str) -> Trimmed {
    let normalised = normalise(body);
    let lines: Vec<&str> = normalised.lines().collect();
    let mut kept: Vec<Cow<'_, str>> = Vec::new();
    let mut inline_reply = false;
    let mut seen_quote = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if is_quoted(line) {
            if !seen_quote {
                drop_attribution(&mut kept);
            }
            seen_quote = true;
            i += 1;
            continue;
        }
        if let Some(len) = quote_header_at(&lines, i) {
            let next = lines[i + len..].iter().find(|l| !l.trim().is_empty());
            if next.is_some_and(|l| is_quoted(l)) {
                seen_quote = true;
                i += len;
                continue;
            }
            break;
        }
        if is_history_start(&lines, i) {
            drop_header_lead_in(&mut kept);
            // A separator or header block over `>` lines heads a quote the sender may answer
            // between (Zimbra, Android mail): skip it like an attribution.
            if let Some(quoted) = quoted_history_below(&lines, i) {
                seen_quote = true;
                i = quoted;
                continue;
            }
            break;
        }
        if is_signature_start(line) || is_client_footer(line) {
            break;
        }
        if is_quote_wrap(&lines, i) {
            i += 1;
            continue;
        }
        if seen_quote && !line.trim().is_empty() {
            inline_reply = true;
        }
        // An answer typed under a quoted, empty form line ("> Met:") belongs to that label.
        let label = i
            .checked_sub(1)
            .map(|p| lines[p])
            .filter(|prev| is_quoted(prev) && !line.trim().is_empty())
            .and_then(|prev| empty_form_label(prev.trim_start().trim_start_matches('>')));
        match label {
            Some(label) => kept.push(Cow::Owned(format!("{label} {}", line.trim()))),
            None => kept.push(Cow::Borrowed(line)),
        }
        i += 1;
    }
    let before_signoff = kept.len();
    cut_signoff(&mut kept);
    cut_contact_block(&mut kept);
    let signature_removed = kept.len() < before_signoff;
    let text = finish(&kept);
    let quote_only = text.is_empty() && lines.iter().any(|l| !l.trim().is_empty());
    Trimmed {
        text,
        quote_only,
        inline_reply: inline_reply && !quote_only,
        signature_removed,
    }
}

/// LF line endings, no NULs or zero-width marks, no trailing whitespace.
pub(super) fn normalise(body: &str) -> String {
    let unified;
    let body = if body.contains('\r') {
        unified = body.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        body
    };
    const ODD: [char; 5] = ['\0', '\u{200b}', '\u{200c}', '\u{feff}', '\u{a0}'];
    // NOTE: most bodies have none of these marks: their lines are copied whole.
    let odd = if body.is_ascii() {
        body.as_bytes().contains(&0)
    } else {
        body.contains(ODD)
    };
    let mut out = String::with_capacity(body.len() + 1);
    for line in body.lines() {
        if odd && line.contains(ODD) {
            let line: String = line
                .chars()
                .filter(|&c| !matches!(c, '\0' | '\u{200b}' | '\u{200c}' | '\u{feff}'))
                .map(|c| if c == '\u{a0}' { ' ' } else { c })
                .collect();
            out.push_str(line.trim_end());
        } else {
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
    out
}

fn finish(kept: &[Cow<'_, str>]) -> String {
    let start = kept.iter().position(|l| !l.trim().is_empty());
    let end = kept.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => kept[s..=e]
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// `Label:` when the line is a form label with nothing after it (a quoted form left empty).
fn empty_form_label(line: &str) -> Option<&str> {
    let t = line.trim();
    let label = t.strip_suffix(':')?;
    is_form_label(&label.trim().to_lowercase()).then_some(t)
}

/// Whether line `i` is the hard-wrapped tail of the quoted line above it (a client that
/// re-wrapped a long quoted line without repeating `>`): it directly follows a long quoted
/// line, starts in lowercase mid-sentence, and quoting resumes right after it.
fn is_quote_wrap(lines: &[&str], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| lines.get(p)) else {
        return false;
    };
    let line = lines[i].trim();
    let next_quoted_or_end = lines.get(i + 1).is_none_or(|n| is_quoted(n));
    is_quoted(prev)
        && prev.trim().chars().count() >= 50
        && line.chars().next().is_some_and(char::is_lowercase)
        && next_quoted_or_end
}

/// "wrote" in the languages mail clients localise their attribution line into.
const WROTE: &str = r"(?:wrote|writes|a écrit|a ecrit|schrieb|schreef|escribió|escribio|ha scritto|scrisse|escreveu|skrev|kirjoitti|napisał\(a\)|napisała|napisał|napisal|написал\(а\)|написала|написал|folgendes geschrieben|yazdı|írta|napsal|έγραψε|写道|のメッセージ|님이 작성)";

static WROTE_AT_END: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i){WROTE}\s*:?\s*$")));
static WROTE_THEN_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i){WROTE}\s.{{0,120}}[<(\[]\s*\S+@\S+\s*[>)\]]\s*:\s*$"
    ))
});
static ADDRESS_COLON_AT_END: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[<(\[]\s*(?:mailto:)?[^\s<>()]+@[^\s<>()]+\s*[>)\]]{1,2}\s*:\s*$"));
static DATE_OR_TIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"\d{1,2}[:.h]\d{2}|\b(?:19|20)\d{2}\b|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"));
/// Lotus Notes: "Ann Lee/Acme wrote on 12.01.2027 10:02:", "… schrieb am 12.01.2027 10:02:".
static WROTE_ON_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\s(?:wrote|schrieb|a écrit|escribió|schreef|ha scritto|escreveu) (?:on|am|le|el|op|il|em) [^:]{0,12}\d[\d./-]+\d[ ,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?\s*:$",
    )
});
static HAS_ADDRESS: LazyLock<Regex> = LazyLock::new(|| re(r"\S@\S+\.\S"));

/// Whether `text` (one to three header lines joined) is an attribution line.
fn is_quote_header_text(text: &str) -> bool {
    let text = text
        .trim()
        .trim_start_matches(['-', '*', ' '])
        .trim_end_matches(['-', '*', ' '])
        .trim();
    if text.is_empty() || text.len() > 400 {
        return false;
    }
    // NOTE: every rule below needs a date (a digit) or an address (an `@`); most lines of
    // prose have neither, and this check spares them five regex searches.
    let has_at = text.contains('@');
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    if !has_at && !has_digit {
        return false;
    }
    let dated = || has_digit && DATE_OR_TIME.is_match(text);
    let addressed = || has_at && HAS_ADDRESS.is_match(text);
    if WROTE_AT_END.is_match(text) && (addressed() || dated()) {
        return true;
    }
    if has_at && WROTE_THEN_ADDRESS.is_match(text) {
        return true;
    }
    if has_digit && WROTE_ON_DATE.is_match(text) {
        return true;
    }
    // Headers with no "wrote": "2017-11-24 16:32 GMT+01:00 Name <a@b>:", Russian Gmail.
    has_at && text.ends_with(':') && dated() && ADDRESS_COLON_AT_END.is_match(text)
}

/// The number of lines (1 to 3) of the attribution line starting at `i`, if there is one.
pub(super) fn quote_header_at(lines: &[&str], i: usize) -> Option<usize> {
    let mut joined = String::new();
    for len in 1..=3 {
        let line = lines.get(i + len - 1)?;
        // A wrapped address may leave its closing `>:` alone on the next line.
        let closes_address = len > 1 && matches!(line.trim(), ">:" | "> :" | ">):");
        if line.trim().is_empty() || is_quoted(line) && !closes_address {
            return None;
        }
        if len > 1 {
            joined.push(' ');
        }
        joined.push_str(line.trim());
        if is_quote_header_text(&joined) {
            return Some(len);
        }
        // A header wraps only mid-sentence: stop at a line that ends one.
        if line.trim_end().ends_with(['.', '!', '?']) {
            return None;
        }
    }
    None
}

/// Removes the last kept line when it introduces the quote that follows (an attribution in a
/// language the header patterns do not know: it ends with a colon and names an address or a
/// date, or "wrote" in some language).
fn drop_attribution(kept: &mut Vec<Cow<'_, str>>) {
    let Some(last) = kept.iter().rposition(|l| !l.trim().is_empty()) else {
        return;
    };
    let line = kept[last].trim();
    let looks_like = line.ends_with(':')
        && (HAS_ADDRESS.is_match(line)
            || DATE_OR_TIME.is_match(line)
            || WROTE_AT_END.is_match(line));
    if looks_like || is_quote_header_text(line) {
        kept.truncate(last);
    }
}

/// Separator lines of forwarded or original messages, with or without dashes around them.
const SEPARATORS: &[&str] = &[
    "original message",
    "original e-mail",
    "ursprüngliche mail",
    "weitergeleitete mail",
    "mail original",
    "mail transféré",
    "original email",
    "forwarded message",
    "reply message",
    "ursprüngliche nachricht",
    "ursprungliche nachricht",
    "originalnachricht",
    "weitergeleitete nachricht",
    "message d'origine",
    "message d’origine",
    "message original",
    "message transféré",
    "mensaje original",
    "mensaje reenviado",
    "messaggio originale",
    "messaggio inoltrato",
    "oorspronkelijk bericht",
    "origineel bericht",
    "doorgestuurd bericht",
    "opprinnelig melding",
    "videresendt melding",
    "oprindelig besked",
    "oprindelig meddelelse",
    "videresendt meddelelse",
    "ursprungligt meddelande",
    "vidarebefordrat meddelande",
    "alkuperäinen viesti",
    "välitetty viesti",
    "mensagem original",
    "mensagem encaminhada",
    "wiadomość oryginalna",
    "oryginalna wiadomość",
    "przekazana wiadomość",
    "původní zpráva",
    "přeposlaná zpráva",
    "исходное сообщение",
    "пересылаемое сообщение",
    "eredeti üzenet",
    "orijinal mesaj",
];

/// Lines that introduce a forwarded message without dashes.
const FORWARD_LEADS: &[&str] = &[
    "begin forwarded message",
    "anfang der weitergeleiteten nachricht",
    "début du message réexpédié",
    "début du message transféré",
    "inicio del mensaje reenviado",
    "inizio messaggio inoltrato",
    "begin doorgestuurd bericht",
    "início da mensagem reencaminhada",
];

/// Lotus Notes' forward line: "----- Forwarded by Ann Lee/Acme on 12.01.2027 10:05 -----".
const FORWARDED_BY: &[&str] = &[
    "forwarded by ",
    "weitergeleitet von ",
    "transféré par ",
    "reenviado por ",
    "doorgestuurd door ",
];

pub(super) fn is_separator(line: &str) -> bool {
    let t = line.trim();
    if t.len() >= 2 && t.chars().all(|c| c == '_') {
        return true;
    }
    let decorated = t.starts_with("--") || t.starts_with("__") || t.starts_with("==");
    let core = t
        .trim_matches(|c: char| c == '-' || c == '_' || c == '=' || c == '*' || c.is_whitespace())
        .trim_end_matches(':')
        .trim()
        .to_lowercase();
    if SEPARATORS.iter().any(|s| core == *s) {
        return decorated || t.len() <= 40;
    }
    if t.starts_with("-----") && t.ends_with("-----") {
        return FORWARDED_BY.iter().any(|s| core.starts_with(s));
    }
    FORWARD_LEADS.iter().any(|s| core == *s)
}

/// The labels of an Outlook-style header block, by role.
const FROM_LABELS: &[&str] = &[
    "from",
    "de",
    "von",
    "van",
    "da",
    "fra",
    "från",
    "od",
    "lähettäjä",
    "feladó",
    "от",
    "kimden",
    "remitente",
    "mittente",
    "afzender",
    "avsändare",
    "nadawca",
    "odesílatel",
    "发件人",
    "寄件者",
    "差出人",
    "보낸 사람",
];
const OTHER_LABELS: &[&str] = &[
    "sent",
    "date",
    "datum",
    "dato",
    "data",
    "envoyé",
    "envoyé le",
    "gesendet",
    "verzonden",
    "inviato",
    "enviado",
    "enviada",
    "skickat",
    "sendt",
    "wysłano",
    "wysłane",
    "lähetetty",
    "odesláno",
    "отправлено",
    "дата",
    "tarih",
    "gönderildi",
    "fecha",
    "发送时间",
    "日期",
    "送信日時",
    "to",
    "à",
    "a",
    "an",
    "aan",
    "til",
    "till",
    "para",
    "per",
    "do",
    "komu",
    "кому",
    "kime",
    "vastaanottaja",
    "收件人",
    "宛先",
    "destinataire",
    "subject",
    "objet",
    "sujet",
    "betreff",
    "onderwerp",
    "oggetto",
    "emne",
    "ämne",
    "asunto",
    "assunto",
    "temat",
    "aihe",
    "předmět",
    "тема",
    "konu",
    "主题",
    "件名",
    "cc",
    "kopie",
    "copie",
    "copie à",
    "copia",
    "kopio",
    "bcc",
    "reply-to",
    "antwort an",
    "répondre à",
];

/// The label of a `Label: value` line (lowercase, bold marks and spaces removed), if any.
fn header_label(line: &str) -> Option<String> {
    let t = line.trim().trim_start_matches(['*', '>', ' ']);
    let colon = t.find([':', '：'])?;
    let label = t[..colon].trim().trim_end_matches('*').trim();
    if label.is_empty() || label.chars().count() > 24 {
        return None;
    }
    Some(label.to_lowercase())
}

/// The labels a header block may start with before its From label (GMX and Web.de:
/// "Gesendet: Montag, 12. Januar 2027 um 10:02 Uhr", then "Von:").
const DATE_FIRST_LABELS: &[&str] = &["sent", "gesendet", "date", "datum", "envoyé", "enviado"];

fn is_known_header_label(label: &str) -> bool {
    OTHER_LABELS.contains(&label) || FROM_LABELS.contains(&label)
}

/// Whether a line is one of a quoted message's header lines ("From: …", "Sent: …") and not a
/// line of the short form ("Date: …" is both: it counts as the form's).
pub(super) fn is_header_line(line: &str) -> bool {
    header_label(line).is_some_and(|l| is_known_header_label(&l) && !is_form_label(&l))
}

/// Whether an Outlook-style header block (a From label, then Sent/Date/To/Subject labels
/// within the next lines) starts at `i`; or a GMX-style one: a dated Sent line, then a From
/// line and one more header line right below it.
fn is_header_block(lines: &[&str], i: usize) -> bool {
    let Some(label) = header_label(lines[i]) else {
        return false;
    };
    if FROM_LABELS.contains(&label.as_str()) {
        return lines
            .iter()
            .skip(i + 1)
            .take(6)
            .filter_map(|l| header_label(l))
            .any(|l| is_known_header_label(&l));
    }
    if !DATE_FIRST_LABELS.contains(&label.as_str()) || !lines[i].bytes().any(|b| b.is_ascii_digit())
    {
        return false;
    }
    let below: Vec<String> = lines
        .iter()
        .skip(i + 1)
        .take(3)
        .map_while(|l| header_label(l).filter(|l| is_known_header_label(l)))
        .collect();
    below.len() >= 2 && below.iter().any(|l| FROM_LABELS.contains(&l.as_str()))
}

/// When the separator or header block at `i` heads `>` quoted lines (nothing but header
/// lines, an attribution and blank lines between), the index of the first quoted line.
fn quoted_history_below(lines: &[&str], i: usize) -> Option<usize> {
    if is_disclaimer(lines[i]) {
        return None;
    }
    let mut j = i + 1;
    while j < lines.len() && j <= i + 12 {
        let line = lines[j];
        if is_quoted(line) {
            return Some(j);
        }
        let header = header_label(line).is_some_and(|l| is_known_header_label(&l));
        if line.trim().is_empty() || header || is_separator(line) {
            j += 1;
        } else {
            j += quote_header_at(lines, j)?;
        }
    }
    None
}

/// Lines where everything from here on is someone else's earlier message.
pub(super) fn is_history_start(lines: &[&str], i: usize) -> bool {
    is_separator(lines[i]) || is_header_block(lines, i) || is_disclaimer(lines[i])
}

/// Removes what leads into a header block: blank and punctuation-only lines, and a
/// "Message du : <date>"-style line.
fn drop_header_lead_in(kept: &mut Vec<Cow<'_, str>>) {
    while let Some(last) = kept.last() {
        let t = last.trim();
        let punctuation_only = !t.chars().any(char::is_alphanumeric);
        let message_date = header_label(t).is_some_and(|l| {
            [
                "message",
                "nachricht",
                "messaggio",
                "mensaje",
                "mensagem",
                "bericht",
            ]
            .iter()
            .any(|w| l.contains(w))
        });
        if punctuation_only || message_date {
            kept.pop();
        } else {
            break;
        }
    }
}

/// The `-- ` signature delimiter (also without its trailing space).
pub(super) fn is_signature_start(line: &str) -> bool {
    line.trim_end() == "--"
}

static CLIENT_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:sent (?:from|via|with|using) |(?:get |obtener |obtenir |ottieni |obter |baixe o |télécharger |telecharger |descargar |download |scarica |holen sie sich )?outlook (?:for|für|pour|para|per|voor|för|na) (?:ios|android)(?: (?:beziehen|herunterladen|downloaden|ophalen|holen|scaricare))?\s*[.!]?$|envoyé (?:de|depuis|à partir de|avec) |von (?:meinem .{1,40}|mail für windows) gesendet|gesendet (?:von|mit|vom) |enviado (?:desde|do|de|con) |inviato (?:da|dal|con) |verzonden (?:met|vanaf|vanuit|van) |verstuurd (?:met|vanaf|vanuit|van) |(?:this message was|this email was) sent (?:from|with|using) |diese (?:nachricht|e-?mail) wurde (?:von|mit|vom) .{1,60} (?:gesendet|verschickt)|ce (?:message|courriel) a été envoyé (?:de|depuis|avec|à partir de) |este (?:mensaje|correo) (?:fue|ha sido|se ha) enviado (?:desde|con) |dit bericht is (?:verzonden|verstuurd) (?:met|vanaf|vanuit|van) |skickat från |sendt fra |lähetetty |wysłane z |odesláno z |отправлено (?:с|из) )",
    )
});

/// "Sent from my iPhone" and the like, in the languages mobile clients use.
pub(super) fn is_client_footer(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    let without_links = t.split('<').next().unwrap_or(t).trim();
    without_links.chars().count() <= 80 && CLIENT_FOOTER.is_match(without_links)
}

static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:confidentiality notice|disclaimer:|this e-?mail (?:and any (?:files|attachments)|message|is confidential|contains confidential)|this message (?:\(including any attachments\) )?(?:contains|is) confidential|the information (?:contained )?in this (?:e-?mail|message)|le informazioni contenute in questo messaggio|diese e-?mail (?:enthält|ist) vertrauliche|ce (?:message|courriel) et (?:toutes )?(?:les )?pièces jointes|ce message est confidentiel)",
    )
});

fn is_disclaimer(line: &str) -> bool {
    DISCLAIMER.is_match(line.trim())
}

const SIGNOFFS: &[&str] = &[
    "regards",
    "best regards",
    "kind regards",
    "warm regards",
    "warmest regards",
    "many regards",
    "best wishes",
    "all the best",
    "best",
    "cheers",
    "sincerely",
    "yours sincerely",
    "yours truly",
    "yours",
    "thanks",
    "thank you",
    "many thanks",
    "thanks again",
    "thanks so much",
    "with thanks",
    "take care",
    "talk soon",
    "br",
    "rgds",
    "mit freundlichen grüßen",
    "mit freundlichen grüssen",
    "freundliche grüße",
    "freundliche grüsse",
    "viele grüße",
    "viele grüsse",
    "liebe grüße",
    "liebe grüsse",
    "beste grüße",
    "beste grüsse",
    "herzliche grüße",
    "schöne grüße",
    "grüße",
    "gruß",
    "lg",
    "vg",
    "mfg",
    "danke",
    "vielen dank",
    "cordialement",
    "bien cordialement",
    "bien à vous",
    "amicalement",
    "bonne journée",
    "merci",
    "merci beaucoup",
    "à bientôt",
    "salutations",
    "meilleures salutations",
    "sincères salutations",
    "bises",
    "saludos",
    "un saludo",
    "atentamente",
    "cordiali saluti",
    "distinti saluti",
    "saluti",
    "grazie",
    "met vriendelijke groet",
    "met vriendelijke groeten",
    "vriendelijke groet",
    "groeten",
    "groet",
    "med venlig hilsen",
    "venlig hilsen",
    "med vänliga hälsningar",
    "vänliga hälsningar",
    "hälsningar",
    "hilsen",
    "mvh",
    "atenciosamente",
    "abraços",
    "pozdrawiam",
    "ystävällisin terveisin",
    "terveisin",
    "s pozdravem",
    "с уважением",
];

/// Whether a line is a sign-off, alone or followed by a short name ("Best, Tom").
fn is_signoff(line: &str) -> bool {
    let t = line
        .trim()
        .trim_end_matches(['.', ',', '!', ';', ' '])
        .to_lowercase();
    if SIGNOFFS.contains(&t.as_str()) {
        return true;
    }
    SIGNOFFS.iter().any(|s| {
        t.strip_prefix(s).is_some_and(|rest| {
            let rest = rest.trim_start_matches([',', ' ']);
            rest.len() < t.len()
                && !rest.is_empty()
                && rest.split_whitespace().count() <= 2
                && line.trim().len() <= 40
                && rest
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        })
    })
}

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:\+|\b0)\d[\d ()./-]{6,}\d|\b(?:tel|phone|mobile|mob|fax|m|t)\b\.?\s*:?\s*\+?\d")
});
static LINK: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)https?://|www\.\S|\S@\S+\.\S"));

fn has_contact_marks(line: &str) -> bool {
    PHONE.is_match(&line.to_lowercase()) || LINK.is_match(line) || line.contains(" | ")
}

/// Cuts a sign-off and what follows it when a contact block follows (not a bare sign-off).
fn cut_signoff(kept: &mut Vec<Cow<'_, str>>) {
    let nonblank: Vec<usize> = kept
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    // Only the last lines can be a sign-off block; never the first line of the text.
    for (rank, &idx) in nonblank.iter().enumerate().rev().take(10) {
        if rank == 0 || !is_signoff(&kept[idx]) {
            continue;
        }
        let after: Vec<&str> = kept[idx + 1..]
            .iter()
            .map(|l| l.as_ref())
            .filter(|l| !l.trim().is_empty())
            .collect();
        let short = after.iter().all(|l| l.trim().chars().count() <= 60);
        let contact = after.iter().any(|l| has_contact_marks(l));
        if (after.len() >= 2 && after.len() <= 8 && short) || (contact && after.len() <= 8) {
            kept.truncate(idx);
        }
        return;
    }
}

/// Cuts a last paragraph that is only a contact block (short lines with a phone number, an
/// address or a link), when it is not the only paragraph and carries no form field.
fn cut_contact_block(kept: &mut Vec<Cow<'_, str>>) {
    let Some(end) = kept.iter().rposition(|l| !l.trim().is_empty()) else {
        return;
    };
    let start = kept[..end]
        .iter()
        .rposition(|l| l.trim().is_empty())
        .map_or(0, |b| b + 1);
    if start == 0 {
        return;
    }
    let block = &kept[start..=end];
    let lines = block.len();
    let short = block.iter().all(|l| l.trim().chars().count() <= 60);
    let sentences = block
        .iter()
        .any(|l| l.trim_end().ends_with(['.', '?', '!']) && l.split_whitespace().count() > 4);
    let contacts = block.iter().filter(|l| has_contact_marks(l)).count();
    let form = block
        .iter()
        .any(|l| header_label(l).is_some_and(|label| is_form_label(&label)));
    if (2..=8).contains(&lines) && short && !sentences && contacts >= 1 && !form {
        kept.truncate(start);
    }
}

#[cfg(test)]
mod clients;

#[cfg(test)]
mod tests {
    use super::*;

    fn t(body: &str) -> String {
        trim(body).text
    }

    #[test]
    fn gmail_top_post_keeps_only_the_new_text() {
        let body = "We met on Tuesday for an hour.\n\nOn Mon, Nov 9, 2026 at 9:00 AM Upward <mentoring@acme.example> wrote:\n> How did it go?\n";
        assert_eq!(t(body), "We met on Tuesday for an hour.");
    }

    #[test]
    fn attribution_split_over_three_lines_is_found() {
        let body = "Great.\n\nOn Dec 16, 2011, at 12:47 PM, Corey Donohoe\n<reply@reply.github.com>\nwrote:\n\n> old\n";
        assert_eq!(t(body), "Great.");
    }

    #[test]
    fn lines_starting_with_on_are_not_headers() {
        let body = "On the surface, fine.\n\nOn the other hand, we met.\nOn average, an hour.";
        assert_eq!(t(body), body);
    }

    #[test]
    fn outlook_header_block_in_german_cuts_history() {
        let body = "Wir haben uns getroffen.\n\nVon: Upward <m@acme.example>\nGesendet: Montag, 9. November 2026 09:00\nAn: Lea <lea@acme.example>\nBetreff: Wie war es?\n\nWie war es?";
        assert_eq!(t(body), "Wir haben uns getroffen.");
    }

    #[test]
    fn french_attribution_with_space_before_colon() {
        let body = "On s'est vus hier.\n\nLe lun. 9 nov. 2026 à 09:00, Upward <m@acme.example> a écrit :\n\nComment ça s'est passé ?";
        assert_eq!(t(body), "On s'est vus hier.");
    }

    #[test]
    fn inline_answers_between_quotes_are_kept() {
        let body = "On Mon, Nov 9, 2026 at 9:00 AM Upward <m@acme.example> wrote:\n> Did you meet?\nYes, on Tuesday.\n> How long?\nAbout an hour.\n";
        let trimmed = trim(body);
        assert_eq!(trimmed.text, "Yes, on Tuesday.\nAbout an hour.");
        assert!(trimmed.inline_reply);
    }

    #[test]
    fn quote_only_message_gives_empty_text_flagged() {
        let trimmed = trim("> only the old prompt\n> nothing new\n");
        assert_eq!(trimmed.text, "");
        assert!(trimmed.quote_only);
    }

    #[test]
    fn mobile_footer_and_everything_after_it_is_cut() {
        assert_eq!(t("Met yes.\n\nSent from my iPhone\n\nold text"), "Met yes.");
        assert_eq!(t("Ja.\n\nVon meinem iPhone gesendet"), "Ja.");
        assert_eq!(t("Oui.\n\nEnvoyé de mon iPhone"), "Oui.");
        assert_eq!(
            t("Sent a magnificent torch of pixels"),
            "Sent a magnificent torch of pixels"
        );
    }

    #[test]
    fn bare_signoff_is_kept_but_signoff_with_contact_block_is_cut() {
        assert_eq!(t("We met.\n\nThanks,\nTom"), "We met.\n\nThanks,\nTom");
        assert_eq!(
            t("We met.\n\nBest regards,\nTom Okafor\nEngineering, Acme\n+44 20 7946 0000"),
            "We met."
        );
    }

    #[test]
    fn trailing_contact_block_without_signoff_is_cut() {
        assert_eq!(
            t("We met for an hour.\n\nTom Okafor | Engineering\nhttps://acme.example\n"),
            "We met for an hour."
        );
    }

    #[test]
    fn double_dash_signature_is_cut_but_dash_bullets_stay() {
        assert_eq!(t("Fine.\n-- \nTom\nAcme"), "Fine.");
        assert_eq!(t("Points:\n-- one\n-- two"), "Points:\n-- one\n-- two");
    }

    #[test]
    fn original_message_separators_in_several_languages() {
        for sep in [
            "-----Original Message-----",
            "-----Ursprüngliche Nachricht-----",
            "-------- Message d'origine --------",
            "---------- Forwarded message ---------",
            "Begin forwarded message:",
        ] {
            assert_eq!(
                t(&format!("Mine.\n\n{sep}\nFrom: x\n\nold")),
                "Mine.",
                "{sep}"
            );
        }
    }

    #[test]
    fn header_without_wrote_but_with_date_and_address_is_found() {
        let body = "Text.\n\n2017-11-24 16:32 GMT+01:00 Baptiste <b@example.com>:\n\nold";
        assert_eq!(t(body), "Text.");
    }

    #[test]
    fn unknown_language_attribution_before_quote_is_dropped() {
        let body = "Done.\n\nXyz 12.11.2026 Tom <tom@acme.example>:\n> old";
        assert_eq!(t(body), "Done.");
    }

    #[test]
    fn crlf_and_cr_bodies_trim_the_same() {
        let lf = "We met.\n\nOn Mon, Nov 9, 2026 at 9:00 AM U <u@a.example> wrote:\n> q\n";
        assert_eq!(t(&lf.replace('\n', "\r\n")), "We met.");
        assert_eq!(t(&lf.replace('\n', "\r")), "We met.");
    }
}
