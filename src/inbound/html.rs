//! Owns the conversion of an HTML-only reply to plain text for the trim stage. Quoted history
//! (`<blockquote>`, Gmail's `gmail_quote`, Thunderbird's `moz-cite-prefix`, Yahoo's and
//! Proton's quote blocks, GMX's and Web.de's `name="quote"`, Zimbra's `data-marker` header
//! and quoted-text blocks) comes out as `> ` lines, so [`super::trim`] handles it exactly like
//! a plain-text quote; Outlook's `divRplyFwdMsg`/`appendonsend` marks (after which everything
//! is the previous message) end the text; signature blocks Gmail, Thunderbird, Outlook and
//! Proton mark are dropped. Does not decide what is new text: that is `trim`'s job.
//!
//! A small tolerant tokenizer rather than an HTML5 parser: mail HTML is often broken, and we
//! need only block structure, entities and a few class/id marks.

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
    let mut stack: Vec<(String, Effect)> = Vec::new();
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
            if let Some(pos) = stack.iter().rposition(|(n, _)| *n == tag.name) {
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
        if tag.ends_history() {
            break;
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
            stack.push((tag.name, effect));
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
        Some(Tag {
            name,
            closing,
            self_closing: attrs.trim_end().ends_with('/'),
            class: attr(attrs, "class").to_ascii_lowercase(),
            id: attr(attrs, "id").to_ascii_lowercase(),
            name_attr: attr(attrs, "name").to_ascii_lowercase(),
            marker: attr(attrs, "data-marker").to_ascii_lowercase(),
        })
    }

    /// Outlook puts the previous message after these marks as siblings, not children.
    fn ends_history(&self) -> bool {
        self.id == "divrplyfwdmsg"
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

#[derive(Default)]
struct Writer {
    out: String,
    line: String,
    line_depth: usize,
    blank_run: usize,
}

impl Writer {
    fn depth(stack: &[(String, Effect)]) -> usize {
        stack.iter().filter(|(_, e)| *e == Effect::Quote).count()
    }

    fn text(&mut self, raw: &str, stack: &[(String, Effect)]) {
        if stack.iter().any(|(_, e)| *e == Effect::Drop) {
            return;
        }
        let pre = stack.iter().any(|(_, e)| *e == Effect::Pre);
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

    fn push(&mut self, s: &str, stack: &[(String, Effect)]) {
        if s.is_empty() {
            return;
        }
        if self.line.is_empty() {
            self.line_depth = Self::depth(stack);
            if s.trim().is_empty() {
                return;
            }
        }
        self.line.push_str(s);
    }

    /// Ends the current line if it has text (block boundaries never stack blank lines).
    fn block(&mut self, stack: &[(String, Effect)]) {
        if !self.line.trim().is_empty() {
            self.flush();
        } else {
            self.line.clear();
            self.line_depth = Self::depth(stack);
        }
    }

    /// `<br>`: always ends the line, so an empty one becomes a blank line.
    fn line_break(&mut self, stack: &[(String, Effect)]) {
        if stack.iter().any(|(_, e)| *e == Effect::Drop) {
            return;
        }
        if self.line.is_empty() {
            self.line_depth = Self::depth(stack);
        }
        self.flush();
    }

    fn flush(&mut self) {
        let text = self.line.trim();
        if text.is_empty() {
            self.blank_run += 1;
            if self.blank_run <= 1 {
                if self.line_depth > 0 {
                    self.out.push_str(&">".repeat(self.line_depth));
                }
                self.out.push('\n');
            }
        } else {
            self.blank_run = 0;
            for _ in 0..self.line_depth {
                self.out.push_str("> ");
            }
            self.out.push_str(text);
            self.out.push('\n');
        }
        self.line.clear();
    }

    fn finish(mut self, stack: &[(String, Effect)]) -> String {
        self.block(stack);
        self.out.trim_matches('\n').to_string()
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
    fn outlook_reply_header_ends_the_text() {
        let html = r#"<html><head><style>p {margin:0}</style></head><body><div>Met yes, 45 min</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Upward</div><div>old prompt</div></body></html>"#;
        assert_eq!(to_text(html), "Met yes, 45 min");
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
