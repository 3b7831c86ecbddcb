//! Owns reading a reply whose new text sits between the lines of the email it answers
//! (issue 15): Outlook users typing under each copied question (with or without `>`, in HTML
//! where only the colour shows what is new, which [`super::html`] turns into unquoted lines),
//! Thunderbird and Apple Mail users writing under the quoted labels, mobile clients with a
//! top-posted line and the rest answered inline. The reply's lines are aligned against the
//! text of the prompt that was sent ([`Prompt`], from the outbox), so no fixed English label
//! is needed: what is a copy of the prompt goes, what is new stays, and a new line under a
//! question of the prompt's form becomes that question's answer ("Met: yes"), in whatever
//! language the prompt asked it. Without the prompt (`upward inspect` without a store) the
//! `>` marks tell old from new, and the form's labels are those `text::field_of`
//! knows. Does not read meaning: [`super::extract`] reads the lines this stage writes.
//!
//! Decisions:
//! - The alignment is used only when the reply has new text between two lines of the prompt;
//!   otherwise [`super::trim::trim`] alone decides, as before.
//! - A line is a copy of the prompt when it equals a line of it (quote marks, bullets, case
//!   and spacing aside), or when it is 20 characters or more and found in the prompt's text
//!   (a client re-wrapped the paragraph); a short new answer ("yes", "45") is never taken for
//!   a piece of the prompt.
//! - A question's answer is the first new line below it, or what was typed after its label on
//!   the label's own line (the prompt's hint such as "yes / no" taken off). Lines further
//!   down stay free text (under "Notes:" they continue the note).
//! - Without the prompt, a quoted form line counts as a question only when its value is
//!   empty or a hint ("yes / no", "(1-5)"): under a quoted filled-in form ("> Met: yes"),
//!   new lines are not taken as its answers.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::html;
use super::text::{field_of, re};
use super::trim::{self, Trimmed};

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

/// The text of an email we sent, to align a reply against: its plain text and, when it had
/// one, its HTML as text (a client may quote either).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// Each normalised line, with the index of its question when it is one.
    lines: HashMap<String, Option<usize>>,
    questions: Vec<Question>,
    /// The normalised lines joined by spaces: finds a line a client re-wrapped.
    flat: String,
}

/// A reply's line shorter than this is a copy of the prompt only when it is a whole line of it.
const MIN_PIECE: usize = 20;

impl Prompt {
    /// The prompt of the texts of one sent email (its plain text, its HTML converted).
    pub fn new<S: AsRef<str>>(texts: &[S]) -> Prompt {
        let mut prompt = Prompt::default();
        for text in texts {
            let raw: Vec<&str> = text.as_ref().lines().collect();
            let shapes: Vec<Option<(&str, &str)>> = raw
                .iter()
                .map(|l| question_shape(unquote(l).1).filter(|_| !is_listed(unquote(l).1)))
                .collect();
            for (i, line) in raw.iter().enumerate() {
                let norm = norm(line);
                if norm.is_empty() {
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
            prompt.flat.push('\n');
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

    /// Whether `line` is the rest of the prompt's line that `before` starts.
    fn continues(&self, before: &str, line: &str) -> bool {
        self.flat
            .contains(&format!("{} {}", norm(before), norm(line)))
    }

    fn question(&mut self, label: &str, hint: &str) -> usize {
        let key = norm(label);
        if let Some(i) = self.questions.iter().position(|q| q.key == key) {
            return i;
        }
        self.questions.push(Question {
            label: format!("{}:", label.trim()),
            key,
            hint: norm(hint),
        });
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
    let mut seen: Vec<Seen> = lines.iter().map(|l| see(l, prompt)).collect();
    if let Some(prompt) = prompt {
        // A client that re-wrapped a long line leaves its end on a short line of its own.
        for i in 1..lines.len() {
            if seen[i] == Seen::New
                && matches!(seen[i - 1], Seen::Copy(..))
                && prompt.continues(lines[i - 1], lines[i])
            {
                seen[i] = Seen::Copy(None, None);
            }
        }
    }
    if !seen.iter().any(|s| matches!(s, Seen::Copy(..))) {
        return None;
    }
    // Copies above the quoted history are the sender's own form, filled in on top: `trim`
    // keeps those lines as they are.
    let history = history_start(&lines)?;
    let copies = seen[history..]
        .iter()
        .filter(|s| matches!(s, Seen::Copy(..)))
        .count();
    let first = history
        + seen[history..]
            .iter()
            .position(|s| matches!(s, Seen::Copy(..)))?;
    let last = seen.iter().rposition(|s| matches!(s, Seen::Copy(..)))?;
    if prompt.is_some() && copies < 2 {
        return None;
    }
    let depth = unquote(lines[first]).0;
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
        && let Some(j) = (rest..lines.len()).find(|&j| seen[j] != Seen::Blank)
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

/// Reads one line of the reply against the prompt (or, without one, by its `>` marks).
fn see(line: &str, prompt: Option<&Prompt>) -> Seen {
    let (depth, content) = unquote(line);
    if content.trim().is_empty() {
        return Seen::Blank;
    }
    let Some(prompt) = prompt else {
        if depth == 0 {
            return Seen::New;
        }
        let question = question_shape(content)
            .filter(|_| is_form_question(content))
            .map(|(label, hint)| Question {
                label: format!("{}:", label.trim()),
                key: norm(label),
                hint: norm(hint),
            });
        return Seen::Copy(question, None);
    };
    let n = norm(content);
    if let Some(index) = prompt.lines.get(&n) {
        return Seen::Copy(index.map(|i| prompt.questions[i].clone()), None);
    }
    if let Some((label, value)) = question_shape(content) {
        let key = norm(label);
        if let Some(q) = prompt.questions.iter().find(|q| q.key == key) {
            return Seen::Copy(Some(q.clone()), typed_after_hint(value, &q.hint));
        }
    }
    if n.chars().count() >= MIN_PIECE && prompt.flat.contains(&n) {
        return Seen::Copy(None, None);
    }
    Seen::New
}

/// What was typed on a question's own line after its hint: "yes / no  yes" gives "yes".
fn typed_after_hint(value: &str, hint: &str) -> Option<String> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let rest = if !hint.is_empty() && value.to_lowercase().starts_with(hint) {
        value.get(hint.len()..).unwrap_or(&value)
    } else {
        &value
    };
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "-–—:,;=>".contains(c));
    (!rest.is_empty()).then(|| rest.to_string())
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
    Some((label, value.trim_start_matches('*').trim()))
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
