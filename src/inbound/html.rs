//! Owns the conversion of an HTML-only reply to plain text for the trim stage. Quoted history
//! (`<blockquote>`, Gmail's `gmail_quote`, Thunderbird's `moz-cite-prefix`, Yahoo's and
//! Proton's quote blocks, GMX's and Web.de's `name="quote"`, Zimbra's `data-marker` header
//! and quoted-text blocks) comes out as `> ` lines, so [`super::trim`] handles it exactly like
//! a plain-text quote; after Outlook's `divRplyFwdMsg`/`appendonsend` marks and the
//! top-bordered header block of Outlook for Windows and Mac, everything is the previous
//! message and comes out quoted too; signature blocks Gmail, Thunderbird, Outlook and Proton
//! mark are dropped. Inside quoted history, text in a hue of its own (the blue or red an
//! Outlook user answers in, see `colour`) under a quoted form question comes out unquoted:
//! it is the sender's answer, typed between the lines of the quote (issue 15). Does not decide what is new text: that is
//! `trim`'s job (and [`super::inline`]'s).
//!
//! A small tolerant tokenizer rather than an HTML5 parser: mail HTML is often broken, and we
//! need only block structure, entities, a few class/id marks and text colours.
// NOTE: html5ever (through `scraper`) was weighed for issue 15: it adds 26 crates to a clean
// build (html5ever, markup5ever, string_cache and phf code generation, selectors, cssparser,
// derive_more, …; 32 s of one core for a debug build) and a second way of reading HTML. The
// tokenizer already keeps the stack of open elements, which is all that a text colour needs.

mod colour;

use colour::Rgb;

/// What an open element does to the text inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    None,
    Quote,
    Drop,
    Pre,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

const BLOCK: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "dl",
    "dt",
    "dd",
    "center",
    "address",
];

/// Deepest element stack kept; deeper elements still show their text but are not tracked.
const MAX_STACK: usize = 1_000;

/// Converts mail HTML to text with quoted blocks prefixed by `> `.
pub fn to_text(html: &str) -> String {
    let mut w = Writer::default();
    // Zimbra's quoted-text block quotes by itself only when no `<blockquote>` inside it does:
    // text typed inside that block around a blockquote is an inline answer.
    let has_blockquote = find_ci(html, 0, "<blockquote").is_some();
    let mut stack: Vec<Open> = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if text_start < i {
            w.text(&html[text_start..i], &stack);
        }
        if html[i..].starts_with("<!--") {
            i = html[i + 4..]
                .find("-->")
                .map_or(bytes.len(), |e| i + 4 + e + 3);
            text_start = i;
            continue;
        }
        let Some(end) = tag_end(bytes, i + 1) else {
            if bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
            {
                // A tag cut off at the end of the input: nothing after it is text.
                text_start = bytes.len();
                break;
            }
            // A lone `<` in text.
            w.text("<", &stack);
            i += 1;
            text_start = i;
            continue;
        };
        let tag = Tag::read(&html[i + 1..end]);
        i = end + 1;
        text_start = i;
        let Some(tag) = tag else { continue };
        if tag.closing {
            if let Some(pos) = stack.iter().rposition(|o| o.name == tag.name) {
                stack.truncate(pos);
            }
            if BLOCK.contains(&tag.name.as_str()) {
                w.block(&stack);
            }
            continue;
        }
        match tag.name.as_str() {
            "style" | "script" | "head" | "title" | "template" | "xml" => {
                let close = format!("</{}", tag.name);
                i = find_ci(html, i, &close).map_or(bytes.len(), |p| {
                    html[p..].find('>').map_or(bytes.len(), |e| p + e + 1)
                });
                text_start = i;
                continue;
            }
            _ => {}
        }
        if tag.starts_history() {
            w.history = true;
        }
        if tag.name == "br" {
            w.line_break(&stack);
            continue;
        }
        if BLOCK.contains(&tag.name.as_str()) {
            w.block(&stack);
        }
        if tag.name == "li" {
            w.text("- ", &stack);
        }
        if tag.name == "td" || tag.name == "th" {
            w.text(" ", &stack);
        }
        if VOID.contains(&tag.name.as_str()) || tag.self_closing {
            continue;
        }
        if stack.len() < MAX_STACK {
            let effect = tag.effect(has_blockquote);
            stack.push(Open {
                link: tag.name == "a",
                name: tag.name,
                effect,
                colour: tag.colour,
            });
        }
    }
    if text_start < bytes.len() && text_start < i.min(bytes.len()) {
        w.text(&html[text_start..i.min(bytes.len())], &stack);
    }
    w.finish(&stack)
}

/// Index of the `>` closing a tag that starts after `<` at `from`, honouring quotes.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let first = *bytes.get(from)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!' || first == b'?') {
        return None;
    }
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(k),
            None => {}
        }
    }
    None
}

fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let hay_l = hay.get(from..)?.to_ascii_lowercase();
    hay_l.find(needle).map(|p| p + from)
}

/// An open element: what it does to its text, and the colour it gives it.
struct Open {
    name: String,
    effect: Effect,
    colour: Option<Rgb>,
    link: bool,
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    class: String,
    id: String,
    /// GMX and Web.de mark their quote with `name="quote"`.
    name_attr: String,
    /// Zimbra marks its header block and quoted text with `data-marker`.
    marker: String,
    /// The inline style, lowercased, without spaces: Outlook's header block has a top border.
    style: String,
    /// The text colour it sets (`style="color: …"`, `<font color=…>`).
    colour: Option<Rgb>,
}

impl Tag {
    fn read(inner: &str) -> Option<Tag> {
        let inner = inner.trim();
        if inner.starts_with('!') || inner.starts_with('?') {
            return None;
        }
        let (closing, rest) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, inner),
        };
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        if name.is_empty() {
            return None;
        }
        let attrs = &rest[name_end..];
        let style = attr(attrs, "style");
        let colour = colour::of_style(style).or_else(|| match name.as_str() {
            "font" => colour::parse(attr(attrs, "color")),
            _ => None,
        });
        Some(Tag {
            name,
            closing,
            self_closing: attrs.trim_end().ends_with('/'),
            class: attr(attrs, "class").to_ascii_lowercase(),
            id: attr(attrs, "id").to_ascii_lowercase(),
            name_attr: attr(attrs, "name").to_ascii_lowercase(),
            marker: attr(attrs, "data-marker").to_ascii_lowercase(),
            style: style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase(),
            colour,
        })
    }

    /// Outlook puts the previous message after these marks as siblings, not children: the
    /// web and new Outlook's ids, and the top-bordered header block of Outlook for Windows
    /// and Mac (`border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm`).
    fn starts_history(&self) -> bool {
        self.name == "div"
            && self.style.contains("border-top:solid")
            && self.style.contains("padding:3.0pt0")
            || self.id == "divrplyfwdmsg"
            || self.id == "appendonsend"
            || self.id == "stopspelling"
            || self.id.starts_with("mail-editor-reference-message")
            || self
                .class
                .split_whitespace()
                .any(|c| c == "outlookmessageheader")
    }

    fn effect(&self, has_blockquote: bool) -> Effect {
        let has = |name: &str| self.class.split_whitespace().any(|c| c == name);
        if self.name == "blockquote"
            || has("gmail_quote")
            || has("gmail_quote_container")
            || has("moz-cite-prefix")
            // Yahoo prefixes its classes on a reply to a reply: "ydp1b2c3d4yahoo_quoted".
            || self.class.split_whitespace().any(|c| c.ends_with("yahoo_quoted"))
            || has("protonmail_quote")
            || has("zmail_extra")
            || self.name == "div" && self.name_attr == "quote"
            || self.marker == "__headers__"
            || self.marker == "__quoted_text__" && !has_blockquote
        {
            Effect::Quote
        } else if has("gmail_signature")
            || has("moz-signature")
            || has("protonmail_signature_block")
            || self.id == "signature"
            || self.id.starts_with("ms-outlook-mobile-signature")
        {
            Effect::Drop
        } else if self.name == "pre" {
            Effect::Pre
        } else {
            Effect::None
        }
    }
}

/// The value of attribute `name` in a tag's attribute text, or "".
fn attr<'a>(attrs: &'a str, name: &str) -> &'a str {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_start = attrs.len() - after.len() + 1;
        let value = attrs[value_start..].trim_start();
        return match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &value[1..];
                &body[..body.find(q).unwrap_or(body.len())]
            }
            _ => {
                &value[..value
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(value.len())]
            }
        };
    }
    ""
}

/// One line written: its quote depth, its text (empty for a blank line), and the hue it is
/// written in when it is quoted text in a hue of its own.
struct Line {
    depth: usize,
    text: String,
    hue: Option<Rgb>,
}

#[derive(Default)]
struct Writer {
    lines: Vec<Line>,
    line: String,
    line_depth: usize,
    line_hue: Option<Rgb>,
    blank_run: usize,
    /// Past Outlook's reply header: everything from here on is the previous message.
    history: bool,
}

impl Writer {
    fn depth(&self, stack: &[Open]) -> usize {
        stack.iter().filter(|o| o.effect == Effect::Quote).count() + usize::from(self.history)
    }

    /// The hue of quoted text outside links, when the innermost colour is one.
    fn hue(&self, stack: &[Open]) -> Option<Rgb> {
        if self.depth(stack) == 0 || stack.iter().any(|o| o.link) {
            return None;
        }
        stack
            .iter()
            .rev()
            .find_map(|o| o.colour)
            .filter(|c| colour::is_hue(*c))
    }

    fn text(&mut self, raw: &str, stack: &[Open]) {
        if stack.iter().any(|o| o.effect == Effect::Drop) {
            return;
        }
        let pre = stack.iter().any(|o| o.effect == Effect::Pre);
        let decoded = decode_entities(raw);
        if pre {
            let mut lines = decoded.split('\n').peekable();
            while let Some(part) = lines.next() {
                self.push(part.trim_end_matches('\r'), stack);
                if lines.peek().is_some() {
                    self.line_break(stack);
                }
            }
            return;
        }
        let mut collapsed = String::with_capacity(decoded.len());
        let mut space = false;
        for c in decoded.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                space = true;
            } else {
                if space && (!collapsed.is_empty() || !self.line.is_empty()) {
                    collapsed.push(' ');
                }
                space = false;
                collapsed.push(if c == '\u{a0}' { ' ' } else { c });
            }
        }
        if space && !collapsed.is_empty() {
            collapsed.push(' ');
        }
        self.push(&collapsed, stack);
    }

    fn push(&mut self, s: &str, stack: &[Open]) {
        if s.is_empty() {
            return;
        }
        let blank = s.trim().is_empty();
        let hue = if blank {
            self.line_hue
        } else {
            self.hue(stack)
        };
        // Text in another hue than the line's so far is another line: an answer typed after
        // a quoted question on the same line stands apart from it.
        if !blank && hue != self.line_hue && !self.line.trim().is_empty() {
            self.flush();
        }
        if self.line.trim().is_empty() {
            self.line_depth = self.depth(stack);
            self.line_hue = hue;
            if blank {
                return;
            }
        }
        self.line.push_str(s);
    }

    /// Ends the current line if it has text (block boundaries never stack blank lines).
    fn block(&mut self, stack: &[Open]) {
        if !self.line.trim().is_empty() {
            self.flush();
        } else {
            self.line.clear();
            self.line_depth = self.depth(stack);
        }
    }

    /// `<br>`: always ends the line, so an empty one becomes a blank line.
    fn line_break(&mut self, stack: &[Open]) {
        if stack.iter().any(|o| o.effect == Effect::Drop) {
            return;
        }
        if self.line.is_empty() {
            self.line_depth = self.depth(stack);
        }
        self.flush();
    }

    fn flush(&mut self) {
        let text = self.line.trim();
        if text.is_empty() {
            self.blank_run += 1;
            if self.blank_run <= 1 {
                self.lines.push(Line {
                    depth: self.line_depth,
                    text: String::new(),
                    hue: None,
                });
            }
        } else {
            self.blank_run = 0;
            self.lines.push(Line {
                depth: self.line_depth,
                text: text.to_string(),
                hue: self.line_hue,
            });
        }
        self.line.clear();
        self.line_hue = None;
    }

    /// The text, with quoted lines in a hue of their own unquoted: a hue that colours less
    /// than half of the quoted text is the sender's answers, not the quoted message's own.
    fn finish(mut self, stack: &[Open]) -> String {
        self.block(stack);
        let mut quoted = 0;
        let mut hues: std::collections::HashMap<Rgb, usize> = std::collections::HashMap::new();
        for line in self.lines.iter().filter(|l| l.depth > 0) {
            let chars = line.text.chars().count();
            quoted += chars;
            if let Some(hue) = line.hue {
                *hues.entry(hue).or_default() += chars;
            }
        }
        let in_hue = |hue: Rgb| hues.get(&hue).copied().unwrap_or(0);
        let mut out = String::new();
        // NOTE: only under a quoted form question ("Met: yes / no", "Minutes:") and the
        // answer lines below it: someone else's words in their own colour elsewhere in a
        // quote (a partner who writes in blue) stay quoted.
        let mut under_question = false;
        for line in &self.lines {
            if line.text.is_empty() {
                out.push_str(&">".repeat(line.depth));
                out.push('\n');
                continue;
            }
            let answer = under_question && line.hue.is_some_and(|h| in_hue(h) * 2 < quoted);
            if !answer {
                out.push_str(&"> ".repeat(line.depth));
                under_question = line.depth > 0 && super::inline::is_form_question(&line.text);
            }
            out.push_str(&line.text);
            out.push('\n');
        }
        out.trim_matches('\n').to_string()
    }
}

/// Decodes character references: numeric ones and the named ones mail clients emit.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|e| e + 1);
        let (entity, consumed) = match end {
            Some(e) if rest[e..].starts_with(';') => (&rest[1..e], e + 1),
            Some(e) => (&rest[1..e], e),
            None => (&rest[1..], rest.len()),
        };
        match entity_char(entity) {
            Some(c) => {
                out.push(c);
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_char(entity: &str) -> Option<char> {
    if let Some(num) = entity.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n');
    }
    let c = match entity {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "star" => '☆',
        "starf" => '★',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "Eacute" => 'É',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "icirc" => 'î',
        "iuml" => 'ï',
        "iacute" => 'í',
        "ocirc" => 'ô',
        "oacute" => 'ó',
        "ucirc" => 'û',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "oelig" => 'œ',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_quote_becomes_quoted_lines() {
        let html = r#"<div dir="ltr">We met on Tuesday.<div><br></div><div>Rating: 4</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Nov 9, 2026 at 9:00 AM Upward &lt;m@acme.example&gt; wrote:<br></div><blockquote class="gmail_quote">How did it go?</blockquote></div>"#;
        let text = to_text(html);
        assert_eq!(
            text,
            "We met on Tuesday.\n\nRating: 4\n\n> On Mon, Nov 9, 2026 at 9:00 AM Upward <m@acme.example> wrote:\n> > How did it go?"
        );
    }

    #[test]
    fn outlook_reply_header_quotes_the_rest() {
        let html = r#"<html><head><style>p {margin:0}</style></head><body><div>Met yes, 45 min</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Upward</div><div>old prompt</div></body></html>"#;
        assert_eq!(
            to_text(html),
            "Met yes, 45 min\n> From: Upward\n> old prompt"
        );
        assert_eq!(
            super::super::trim::trim(&to_text(html)).text,
            "Met yes, 45 min"
        );
        let word = "<p>Fine.</p><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p><b>From:</b> Upward</p></div><p>old prompt</p>";
        assert_eq!(to_text(word), "Fine.\n> From: Upward\n> old prompt");
    }

    #[test]
    fn quoted_text_in_a_hue_of_its_own_is_the_senders() {
        let html = "<p>See below.</p><blockquote><p style='color:#1f2933'>Met: yes / no <span style='color:#0070C0'>yes</span></p><p style='color:#1f2933'>Minutes:</p><p><font color=red>45</font></p><p style='color:#1f2933'>Write to <a style='color:#1c5d99' href='mailto:x@y'>x@y</a> any time.</p></blockquote>";
        assert_eq!(
            to_text(html),
            "See below.\n> Met: yes / no\nyes\n> Minutes:\n45\n> Write to x@y any time."
        );
        // Words in a hue of their own away from the form's questions stay quoted.
        let partner = "<p>Thanks!</p><blockquote><p>Ann wrote:</p><p style='color:#1F497D'>Shall we meet on Friday?</p><p>Best, Ann</p></blockquote>";
        assert_eq!(
            to_text(partner),
            "Thanks!\n> Ann wrote:\n> Shall we meet on Friday?\n> Best, Ann"
        );
        // A quoted message written in one hue throughout is not the sender's.
        let blue = "<p>Hi.</p><blockquote><p style='color:blue'>Met: yes / no</p><p style='color:blue'>Minutes:</p></blockquote>";
        assert_eq!(to_text(blue), "Hi.\n> Met: yes / no\n> Minutes:");
    }

    #[test]
    fn signatures_scripts_and_comments_are_dropped() {
        let html = "<p>Great session!</p><!-- hidden --><script>alert(1)</script><div class=\"gmail_signature\">Tom<br>CEO</div>";
        assert_eq!(to_text(html), "Great session!");
    }

    #[test]
    fn entities_and_whitespace_are_normalised() {
        let html = "<p>caf&eacute;   &amp;\n tea&nbsp;&#8212; &#x2605;&#9733;</p><p>x &lt; y &unknown; z</p>";
        assert_eq!(to_text(html), "café & tea — ★★\nx < y &unknown; z");
    }

    #[test]
    fn broken_html_still_yields_text() {
        assert_eq!(to_text("<div>one<p>two<div>three"), "one\ntwo\nthree");
        assert_eq!(to_text("a < b and <b>bold"), "a < b and bold");
        assert_eq!(to_text("<div class='x"), "");
    }

    #[test]
    fn lists_and_preformatted_text_keep_their_lines() {
        let html = "<ul><li>ai tools</li><li>negotiation</li></ul><pre>Met: yes\nMinutes: 30</pre>";
        assert_eq!(
            to_text(html),
            "- ai tools\n- negotiation\nMet: yes\nMinutes: 30"
        );
    }
}
