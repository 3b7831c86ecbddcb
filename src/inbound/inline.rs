//! Owns reading a reply whose new text sits between the lines of the email it answers
//! (issue 15): Outlook users typing under each copied question or after it on its own line
//! (with or without `>`, in HTML where only the colour shows what is new, which
//! [`super::html`] turns into unquoted lines), Thunderbird and Apple Mail users writing under
//! the quoted labels, mobile clients with a top-posted line and the rest answered inline.
//! There is one way to read them, with or without the prompt that was sent: the reply's
//! lines are told apart as copies of the prompt and new text, and a new line under a question
//! of the form (or a value typed after its label) becomes that question's answer ("Met:
//! yes"), in whatever language the form asked it. The prompt as sent ([`Prompt`], from the
//! outbox) tells every copied line from a new one, however the client re-wrapped it; without
//! it (`upward inspect` without a store, a reply whose thread names no prompt) the reader
//! knows the program's own form (its labels as `extract` reads them; `form`: the words of
//! its blanks and the prompt's sentences in the five languages), and what is quoted (`>`
//! marks, or everything under Outlook's or Notes' header block) is old but for the values
//! typed into that form. Does not read meaning: [`extract`](mod@super::extract) reads the lines this stage
//! writes.
//!
//! Decisions:
//! - The alignment is used only when the reply has new text between two lines of the prompt;
//!   otherwise [`super::trim::trim`] alone decides, as before.
//! - A line is a copy of the prompt when it equals a line of it (quote marks, bullets, case
//!   and spacing aside), when it is 20 characters or more and a run of the prompt's words
//!   (a client re-wrapped the paragraph), or when, joined to the line above or below, it is
//!   such a run (the short end or start of a re-wrapped line); a short new answer ("yes",
//!   "45") is never taken for a piece of the prompt.
//! - A question's answer is the first new line below it, or what was typed after its label on
//!   the label's own line (the blank's words such as "yes / no" taken off). Lines further
//!   down stay free text (under "Notes:" they continue the note).
//! - Without the prompt, a quoted form line counts as a question only when its value is
//!   empty or a hint ("yes / no", "(1-5)"): under a quoted filled-in form ("> Met: yes"),
//!   new lines are not taken as its answers.
//! - Without the prompt, values typed into the quoted form count only in the program's own
//!   form (three of its labels or more, a few lines apart at most, one still showing the
//!   blank's words such as "yes / no") in the message the reply answers (the first one
//!   quoted): a partner's answers in an older message quoted further down, or a form someone
//!   filled in and deleted the blank's words from, are not the sender's. Under the form's last
//!   label, the lines down to a blank line or to the prompt's own sentences are its answer;
//!   lines that run on into anything else (HR's own footer, in an HTML prompt quoted as
//!   text) are not.

pub(super) mod form;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::html;
use super::text::{Field, field_of, re, unbolded};
use super::trim::{self, Trimmed};
use form::FORM;

/// A question of the prompt's short form: "Met: yes / no", "Date:".
#[derive(Debug, Clone, PartialEq, Eq)]
struct Question {
    /// The label as the prompt wrote it, with its colon ("Rating 1-5:"): the answer's line
    /// starts with it, so [`super::extract`] reads it in the prompt's own language.
    label: String,
    /// The label normalised, without its colon: what a reply's label line is matched on.
    key: String,
    /// The hint after the colon, normalised ("yes / no"); empty when there is none.
    hint: String,
}

impl Question {
    /// The question a form line's label and hint ask.
    fn new(label: &str, hint: &str) -> Question {
        Question {
            label: format!("{}:", label.trim()),
            key: norm(label),
            hint: norm(hint),
        }
    }
}

/// The text of an email we sent, to align a reply against: its plain text and, when it had
/// one, its HTML as text (a client may quote either).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// Each normalised line, with the index of its question when it is one.
    lines: HashMap<String, Option<usize>>,
    questions: Vec<Question>,
    /// The normalised lines as one run of words with a space either side of each, a `¶`
    /// where a paragraph ends: finds a line a client re-wrapped, on whole words only.
    flat: String,
}

/// A reply's line shorter than this is a copy of the prompt only when it is a whole line of
/// it, or joined to its neighbour.
const MIN_PIECE: usize = 20;

/// How many lines of answer may stand between two labels of the same form.
const MAX_ANSWER_LINES: usize = 6;

/// Where a paragraph of the prompt ends, in [`Prompt::flat`].
const PARAGRAPH: &str = "¶ ";

impl Prompt {
    /// The prompt of the texts of one sent email (its plain text, its HTML converted).
    pub fn new<S: AsRef<str>>(texts: &[S]) -> Prompt {
        let mut prompt = Prompt {
            flat: " ".to_string(),
            ..Prompt::default()
        };
        for text in texts {
            let raw: Vec<&str> = text.as_ref().lines().collect();
            let shapes: Vec<Option<(&str, &str)>> = raw
                .iter()
                .map(|l| question_shape(unquote(l).1).filter(|_| !is_listed(unquote(l).1)))
                .collect();
            for (i, line) in raw.iter().enumerate() {
                let norm = norm(line);
                if norm.is_empty() {
                    prompt.end_paragraph();
                    continue;
                }
                let question = shapes[i].filter(|(label, _)| {
                    field_of(&label.to_lowercase()).is_some() || in_form_run(&shapes, i)
                });
                let index = question.map(|(label, hint)| prompt.question(label, hint));
                prompt.flat.push_str(&norm);
                prompt.flat.push(' ');
                prompt.lines.entry(norm).or_insert(index);
            }
            prompt.end_paragraph();
        }
        prompt
    }

    /// The prompt of a sent email's bytes (MIME as queued): `None` when it has no text.
    pub fn from_sent(bytes: &[u8]) -> Option<Prompt> {
        let message = mail_parser::MessageParser::default().parse(bytes)?;
        let mut texts: Vec<String> = Vec::new();
        for part in &message.parts {
            match &part.body {
                mail_parser::PartType::Text(t) => texts.push(t.to_string()),
                mail_parser::PartType::Html(h) => texts.push(html::to_text(h)),
                _ => {}
            }
        }
        let prompt = Prompt::new(&texts);
        (!prompt.lines.is_empty()).then_some(prompt)
    }

    fn end_paragraph(&mut self) {
        if !self.flat.ends_with(PARAGRAPH) {
            self.flat.push_str(PARAGRAPH);
        }
    }

    /// Whether normalised text is a run of the prompt's words (within one paragraph).
    fn has_words(&self, norm: &str) -> bool {
        !norm.is_empty() && self.flat.contains(&format!(" {norm} "))
    }

    /// Marks as copies the new lines that are the end or the start of a prompt's line a
    /// client re-wrapped: joined to the line above or below, a run of the prompt's words
    /// ("at any time." under "… STOP or HELP").
    fn rewrapped(&self, lines: &[&str], seen: &mut [Seen]) {
        for i in 0..lines.len() {
            if seen[i] != Seen::New {
                continue;
            }
            let depth = unquote(lines[i]).0;
            let joins = |a: usize, b: usize| {
                let joined = format!("{} {}", norm(lines[a]), norm(lines[b]));
                [a, b]
                    .iter()
                    .all(|&k| seen[k] != Seen::Blank && unquote(lines[k]).0 == depth)
                    && joined.chars().count() >= MIN_PIECE
                    && self.has_words(&joined)
            };
            let wrapped = i > 0 && joins(i - 1, i) || i + 1 < lines.len() && joins(i, i + 1);
            if wrapped {
                seen[i] = Seen::Copy(None, None);
            }
        }
    }

    fn question(&mut self, label: &str, hint: &str) -> usize {
        let key = norm(label);
        if let Some(i) = self.questions.iter().position(|q| q.key == key) {
            return i;
        }
        self.questions.push(Question::new(label, hint));
        self.questions.len() - 1
    }
}

/// Whether line `i`'s "Label: value" shape is one of three or more in a row: the form block,
/// whatever language its labels are in.
fn in_form_run(shapes: &[Option<(&str, &str)>], i: usize) -> bool {
    let before = shapes[..i].iter().rev().take_while(|s| s.is_some()).count();
    let after = shapes[i + 1..].iter().take_while(|s| s.is_some()).count();
    before + 1 + after >= 3
}

/// What a line of the reply is, read against the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    Blank,
    /// A copy of the prompt's line; the question it asks; what was typed after its label.
    Copy(Option<Question>, Option<String>),
    New,
}

/// Keeps what the sender newly wrote in `body`, with the answers typed inside a quoted
/// prompt given to their questions; `None` when no new text sits between the prompt's lines
/// (then [`trim::trim`] reads the reply as before).
pub fn read(body: &str, prompt: Option<&Prompt>) -> Option<Trimmed> {
    let normalised = trim::normalise(body);
    let lines: Vec<&str> = normalised.lines().collect();
    // Copies above the quoted history are the sender's own form, filled in on top: `trim`
    // keeps those lines as they are.
    let history = history_start(&lines)?;
    let quote = prompt
        .is_none()
        .then(|| first_quoted(&lines, history))
        .flatten();
    // NOTE: without the prompt, only the message the reply answers is read (an older one
    // quoted below it is someone's earlier words), and under Outlook's or Notes' header
    // block, where no `>` tells old from new, every line is old but for the form's values.
    let (end, unmarked) = quote.map_or((lines.len(), false), |q| (q.end, q.depth == 0));
    let mut seen: Vec<Seen> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| see(l, prompt, unmarked && (history..end).contains(&i)))
        .collect();
    match (prompt, quote) {
        (Some(prompt), _) => prompt.rewrapped(&lines, &mut seen),
        (None, Some(quote)) => the_form(&lines, &mut seen, quote),
        (None, None) => {}
    }
    let is_copy = |s: &Seen| matches!(s, Seen::Copy(..));
    let first = history + seen[history..end].iter().position(is_copy)?;
    let last = first + seen[first..end].iter().rposition(is_copy)?;
    let copies = seen[history..end].iter().filter(|s| is_copy(s)).count();
    if prompt.is_some() && copies < 2 {
        return None;
    }
    // The quoted message's own depth: Gmail quotes its attribution one level above it.
    let depth = quote.map_or(unquote(lines[first]).0, |q| q.depth);
    let mut answers: Vec<String> = Vec::new();
    let mut asked: Option<Question> = None;
    let mut answered: Vec<String> = Vec::new();
    let mut new = false;
    let mut labelled = false;
    for i in first..=last {
        match &seen[i] {
            Seen::Blank => {}
            Seen::Copy(question, typed) => {
                // A form quoted deeper down is an older message's: neither a question asked
                // here nor an answer.
                let own = unquote(lines[i]).0 <= depth;
                asked = question.clone().filter(|_| own);
                if let (Some(q), Some(typed), true) = (question, typed, own) {
                    answers.push(format!("{} {typed}", q.label));
                    answered.push(q.key.clone());
                    (new, labelled) = (true, true);
                }
            }
            Seen::New => {
                let (d, content) = unquote(lines[i]);
                if d > depth || is_furniture(&lines, i) {
                    continue;
                }
                new = true;
                match asked.take() {
                    Some(q) if !answered.contains(&q.key) => {
                        answers.push(format!("{} {}", q.label, content.trim()));
                        answered.push(q.key);
                        labelled = true;
                    }
                    _ => answers.push(content.trim().to_string()),
                }
            }
        }
    }
    // The quote may end at a question (a short prompt): its answer is the line below it.
    let mut rest = last + 1;
    if let Some(q) = asked.filter(|q| !answered.contains(&q.key))
        && let Some(j) = (rest..end).find(|&j| seen[j] != Seen::Blank)
        && seen[j] == Seen::New
        && unquote(lines[j]).0 <= depth
        && !is_furniture(&lines, j)
    {
        answers.push(format!("{} {}", q.label, unquote(lines[j]).1.trim()));
        (new, labelled, rest) = (true, true, j + 1);
    }
    // NOTE: without the prompt, unquoted text between quoted lines is what `trim` keeps
    // already; this stage adds only the answers it can give to a question.
    if !new || prompt.is_none() && !labelled {
        return None;
    }
    // With its first quoted line, `trim` knows the line above it is the quote's attribution.
    let top_end = if depth > 0 { first + 1 } else { first };
    let top = trim::trim(&lines[..top_end].join("\n"));
    let tail = trim::trim(&lines[rest..].join("\n"));
    let middle = answers.join("\n");
    let parts: Vec<&str> = [top.text.as_str(), middle.as_str(), tail.text.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    Some(Trimmed {
        text: parts.join("\n\n"),
        quote_only: false,
        inline_reply: true,
        signature_removed: top.signature_removed || tail.signature_removed,
    })
}

/// Reads one line of the reply against the prompt; without one, by its `>` marks, or as
/// old when it is `presumed` so (under an unmarked quote's header block).
fn see(line: &str, prompt: Option<&Prompt>, presumed: bool) -> Seen {
    let (depth, content) = unquote(line);
    if content.trim().is_empty() {
        return Seen::Blank;
    }
    let Some(prompt) = prompt else {
        if depth == 0 && !presumed {
            return Seen::New;
        }
        let question = question_shape(content)
            .filter(|_| is_form_question(content))
            .map(|(label, hint)| Question::new(label, hint));
        return Seen::Copy(question, None);
    };
    let n = norm(content);
    if let Some(index) = prompt.lines.get(&n) {
        return Seen::Copy(index.map(|i| prompt.questions[i].clone()), None);
    }
    if let Some((label, value)) = question_shape(content) {
        let key = norm(label);
        if let Some(q) = prompt.questions.iter().find(|q| q.key == key) {
            return Seen::Copy(Some(q.clone()), typed_after(value, [q.hint.as_str()]).0);
        }
    }
    if n.chars().count() >= MIN_PIECE && prompt.has_words(&n) {
        return Seen::Copy(None, None);
    }
    Seen::New
}

/// What was typed on a form line after its label and the blank's words ("yes / no  yes"
/// gives "yes"; "(1-5)" or "___" alone give nothing), and whether the value started with
/// one of the blank's `hints`.
fn typed_after<'h>(
    value: &str,
    hints: impl IntoIterator<Item = &'h str>,
) -> (Option<String>, bool) {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let hinted = hints
        .into_iter()
        .filter(|h| !h.is_empty())
        .find_map(|h| strip_hint(&value, h));
    let rest = hinted
        .unwrap_or(&value)
        .trim_start_matches(|c: char| c.is_whitespace() || "-–—:,;=>/".contains(c));
    let placeholder = rest.starts_with('(') && rest.ends_with(')')
        || rest.starts_with('[') && rest.ends_with(']')
        || rest.chars().all(|c| "_.… ".contains(c));
    let typed = (!placeholder).then(|| rest.to_string());
    (typed, hinted.is_some())
}

/// `value` after `hint` when it starts with it (case and spacing aside, ending on a word's
/// end): "Yes / no  YES" after "yes / no" is "  YES".
fn strip_hint<'v>(value: &'v str, hint: &str) -> Option<&'v str> {
    let mut chars = value.char_indices().filter(|(_, c)| !c.is_whitespace());
    let mut end = 0;
    for h in hint.chars().filter(|c| !c.is_whitespace()) {
        let (at, c) = chars.next()?;
        if !c.to_lowercase().eq(h.to_lowercase()) {
            return None;
        }
        end = at + c.len_utf8();
    }
    let rest = &value[end..];
    (!rest.starts_with(char::is_alphanumeric)).then_some(rest)
}

/// The first message a reply quotes: its lines at its quote depth, from below its
/// attribution, separator or header block to the next one at that depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Quote {
    start: usize,
    end: usize,
    depth: usize,
}

/// The first quoted message at or after `history` (see [`Quote`]); `None` when nothing
/// below `history` heads or marks a quote.
fn first_quoted(lines: &[&str], history: usize) -> Option<Quote> {
    let contents: Vec<&str> = lines.iter().map(|l| unquote(l).1).collect();
    let blank = |i: usize| contents[i].trim().is_empty();
    let mut i = history;
    loop {
        let line = lines.get(i)?;
        if let Some(len) = furniture(&contents, i) {
            let separator = trim::is_separator(contents[i]);
            i += len;
            // A separator heads the header block or attribution below it.
            if separator {
                while i < lines.len() && blank(i) {
                    i += 1;
                }
                if i < lines.len() && !trim::is_separator(contents[i]) {
                    i += furniture(&contents, i).unwrap_or(0);
                }
            }
            break;
        }
        if unquote(line).0 > 0 {
            break;
        }
        i += 1;
    }
    let start = (i..lines.len()).find(|&j| !blank(j))?;
    let depth = unquote(lines[start]).0;
    let end = (start..lines.len())
        .find(|&j| unquote(lines[j]).0 == depth && furniture(&contents, j).is_some())
        .unwrap_or(lines.len());
    Some(Quote { start, end, depth })
}

/// The lines (1 or more) of what heads a quoted message at line `i` of the lines without
/// their quote marks: a separator, an attribution, or a header block ("From: …", "Sent: …").
fn furniture(contents: &[&str], i: usize) -> Option<usize> {
    if trim::is_separator(contents[i]) {
        return Some(1);
    }
    if let Some(len) = trim::quote_header_at(contents, i) {
        return Some(len);
    }
    if trim::is_header_line(contents[i]) && trim::is_history_start(contents, i) {
        let len = contents[i..]
            .iter()
            .take(12)
            .take_while(|l| !l.trim().is_empty() && question_shape(l).is_some())
            .count();
        return Some(len.max(1));
    }
    None
}

/// A label line of the form quoted in a reply.
struct FormLine {
    /// Its index in the reply's lines.
    at: usize,
    field: Field,
    question: Question,
    /// What was typed after the label (the blank's words taken off).
    typed: Option<String>,
    /// Its value starts with the blank's words ("yes / no"): the form is the program's.
    blank_words: bool,
}

/// Without the prompt: finds the program's form in the first quoted message (labels of three
/// fields or more that `extract` reads, in any language, at most [`MAX_ANSWER_LINES`] apart,
/// one still with the blank's words) and marks what the sender typed into it: a value after
/// a label, the lines between two labels, and the lines under the last one down to a blank
/// line or the prompt's own sentences.
fn the_form(lines: &[&str], seen: &mut [Seen], quote: Quote) {
    let at_depth = |i: usize| unquote(lines[i]).0 == quote.depth;
    let labels: Vec<FormLine> = (quote.start..quote.end)
        .filter(|&i| at_depth(i))
        .filter_map(|i| {
            let (label, value) = question_shape(unquote(lines[i]).1)?;
            let field = field_of(&label.to_lowercase())?;
            let (typed, blank_words) = typed_after(value, FORM.hints.iter().map(String::as_str));
            Some(FormLine {
                at: i,
                field,
                question: Question::new(label, ""),
                typed,
                blank_words,
            })
        })
        .collect();
    for block in labels.chunk_by(|a, b| b.at - a.at <= MAX_ANSWER_LINES + 1) {
        let mut fields: Vec<Field> = Vec::new();
        for line in block {
            if !fields.contains(&line.field) {
                fields.push(line.field);
            }
        }
        let (Some(top), Some(bottom)) = (block.first(), block.last()) else {
            continue;
        };
        if fields.len() < 3 || !block.iter().any(|l| l.blank_words) {
            continue;
        }
        for line in block {
            seen[line.at] = Seen::Copy(Some(line.question.clone()), line.typed.clone());
        }
        // Between the first label and the last, a line that is not a label was typed in.
        for (i, s) in seen.iter_mut().enumerate().take(bottom.at).skip(top.at + 1) {
            if at_depth(i) && matches!(s, Seen::Copy(None, _)) {
                *s = Seen::New;
            }
        }
        // NOTE: under the last label, only lines that end where the form's paragraph ends
        // (a blank line) or where the prompt's own words begin: an HTML prompt quoted as
        // text has no blank line there, and HR's own footer must not read as a note.
        let under = (bottom.at + 1..quote.end.min(bottom.at + 1 + MAX_ANSWER_LINES))
            .find(|&i| seen[i] == Seen::Blank || !at_depth(i) || FORM.is_sentence(lines[i]))
            .filter(|&i| seen[i] == Seen::Blank || FORM.is_sentence(lines[i]));
        for s in seen.iter_mut().take(under.unwrap_or(0)).skip(bottom.at + 1) {
            *s = Seen::New;
        }
    }
}

/// Where the quoted history starts: the first quoted line, or the attribution, separator,
/// header block, client footer or signature that `trim` stops at.
fn history_start(lines: &[&str]) -> Option<usize> {
    (0..lines.len()).find(|&i| {
        let line = lines[i];
        unquote(line).0 > 0
            || trim::is_history_start(lines, i)
            || trim::quote_header_at(lines, i).is_some()
            || trim::is_client_footer(line)
            || trim::is_signature_start(line)
    })
}

/// Lines of a quote that are nobody's answer: an attribution, a header block's line, a
/// separator, a client's footer, a signature delimiter.
fn is_furniture(lines: &[&str], i: usize) -> bool {
    let line = unquote(lines[i]).1;
    trim::is_separator(line)
        || trim::is_signature_start(line)
        || trim::is_client_footer(line)
        || trim::is_header_line(line)
        || trim::quote_header_at(lines, i).is_some()
}

/// The quote depth of a line (`>`, `> >`, `>>`) and the rest of it.
fn unquote(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line.trim_start();
    while let Some(r) = rest.strip_prefix('>') {
        depth += 1;
        rest = r.trim_start();
    }
    (depth, rest)
}

/// A line of a list ("- one", "2. two"), which is never a form question.
fn is_listed(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['-', '*', '•']) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(['.', ')'])
}

/// A link's target a client writes after its text when it turns HTML into plain text
/// (Outlook: "write to ann@acme.example<mailto:ann@acme.example>").
static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s*<(?:mailto:|https?://)[^<>\s]*>"));

/// A line without quote marks, list marks, link targets, case and spacing: what copies are
/// compared on.
fn norm(line: &str) -> String {
    let t = unquote(line).1;
    let unlinked;
    let t = if t.contains('<') {
        unlinked = LINK_TARGET.replace_all(t, "");
        unlinked.as_ref()
    } else {
        t
    };
    let t = t.trim_start_matches(['-', '*', '•', ' ']);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let t = match t[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 => rest,
        _ => t,
    };
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "Label: value" with a short label (up to five words): a form line's shape.
fn question_shape(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    let colon = t.find([':', '：'])?;
    let label = t[..colon].trim().trim_matches('*').trim();
    let words = label.split_whitespace().count();
    if label.is_empty() || words > 5 || label.chars().count() > 40 {
        return None;
    }
    let after = &t[colon..];
    let value = after[after.chars().next().map_or(0, char::len_utf8)..].trim();
    Some((label, unbolded(value)))
}

/// Whether a line is a question of the short form left for an answer: a label the form
/// knows (in any of its languages) with nothing after it, or only a hint ("Met: yes / no").
pub(super) fn is_form_question(line: &str) -> bool {
    question_shape(unquote(line).1)
        .is_some_and(|(label, hint)| field_of(&label.to_lowercase()).is_some() && is_hint(hint))
}

/// Whether a quoted form value is the prompt's hint rather than someone's answer.
fn is_hint(value: &str) -> bool {
    let v = value.trim();
    v.is_empty()
        || v.contains('/')
        || v.starts_with('(')
        || v.starts_with('[')
        || v.chars().all(|c| c == '_' || c == '.' || c == '…')
}
