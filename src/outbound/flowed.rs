//! Owns the plain-text body's layout: `format=flowed` (RFC 3676) at 72 columns, so a long
//! paragraph reads well on a phone and in a terminal and is joined again by clients that
//! know the format. Does not render templates.
//!
//! A line longer than [`WIDTH`] is broken at spaces, each piece but the last ending in a space
//! (a soft break a reader joins back). Hard line ends keep no trailing space, except the
//! signature separator `-- `. Lines that begin with a space, `>` or `From ` are
//! space-stuffed, so that a digest line starting with `>` is not shown as a quotation.

/// The longest line written, as RFC 3676 recommends.
pub const WIDTH: usize = 72;

/// `text` laid out as `format=flowed; delsp=no`.
pub fn flowed(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line == "-- " {
            out.push_str(line);
            continue;
        }
        let line = line.trim_end_matches(' ');
        let pieces = wrap(line);
        let last = pieces.len().saturating_sub(1);
        for (n, piece) in pieces.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            if piece.starts_with([' ', '>']) || piece.starts_with("From ") {
                out.push(' ');
            }
            out.push_str(piece);
            if n < last {
                out.push(' ');
            }
        }
    }
    out
}

/// Pieces of `line` of at most [`WIDTH`] characters (less the soft-break space), broken after
/// whole words; a word longer than that (a link) stays whole on a line of its own.
fn wrap(line: &str) -> Vec<&str> {
    if line.chars().count() <= WIDTH {
        return vec![line];
    }
    let mut pieces = Vec::new();
    let mut rest = line;
    while rest.chars().count() > WIDTH {
        // The last space that leaves the piece, and its soft-break space, within the width.
        let limit = rest
            .char_indices()
            .nth(WIDTH - 1)
            .map_or(rest.len(), |(i, _)| i);
        let cut = rest[..limit]
            .rfind(' ')
            .filter(|&i| i > 0)
            .or_else(|| rest[limit..].find(' ').map(|i| i + limit));
        let Some(cut) = cut else {
            break;
        };
        pieces.push(&rest[..cut]);
        rest = &rest[cut + 1..];
    }
    pieces.push(rest);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Joins flowed text back as a reader does (RFC 3676 §4.2, delsp=no).
    fn unflow(text: &str) -> String {
        let mut out = String::new();
        for line in text.split('\n') {
            let line = line.strip_prefix(' ').unwrap_or(line);
            out.push_str(line);
            if !(line.ends_with(' ') && line != "-- ") {
                out.push('\n');
            }
        }
        out.pop();
        out
    }

    #[test]
    fn long_lines_wrap_at_72_and_join_back_as_written() {
        let text = "Hello Ann,\n\nWe received a message from your address on Monday 2 November 2026 (\"Re: How did it go?\"): a report of a meeting. We could not tell for sure that you sent it.   \n\nShort line.\n-- \nThe program";
        let laid = flowed(text);
        for line in laid.split('\n') {
            assert!(line.chars().count() <= WIDTH + 1, "{line:?}");
        }
        let expected = text.replace(".   \n", ".\n");
        assert_eq!(unflow(&laid), expected);
        assert!(laid.contains("\n-- \n"));
    }

    #[test]
    fn quote_like_lines_are_space_stuffed_and_long_words_stay_whole() {
        let laid = flowed("> not a quote\nFrom here on\n plain");
        assert_eq!(laid, " > not a quote\n From here on\n  plain");
        let link = format!("see https://example.com/{}", "x".repeat(100));
        let laid = flowed(&link);
        assert_eq!(
            laid,
            format!("see \nhttps://example.com/{}", "x".repeat(100))
        );
    }
}
