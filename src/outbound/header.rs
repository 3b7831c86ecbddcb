//! Owns the Subject header's encoding: a subject that would read as an encoded word is
//! encoded whole, so no text in it can change what a mail reader shows or end the header.
//! Does not render the subject (the templates do).

use lettre::message::header::{HeaderName, HeaderValue};

/// The Subject header. lettre writes an ASCII word as it is, so a subject holding `=?…?=`
/// (a participant's command echoed back, say) would be decoded by mail readers as an
/// encoded word and show other text; such a subject is encoded whole instead.
pub(super) fn subject_header(subject: &str) -> HeaderValue {
    let name = HeaderName::new_from_ascii_str("Subject");
    if !subject.contains("=?") {
        return HeaderValue::new(name, subject.to_string());
    }
    HeaderValue::dangerous_new_pre_encoded(name, subject.to_string(), encoded_words(subject))
}

/// `text` as RFC 2047 Q-encoded words of UTF-8, folded one word a line. The result is
/// printable ASCII and folding only, whatever `text` holds: nothing in it can end the header.
fn encoded_words(text: &str) -> String {
    const PAYLOAD: usize = 60;
    let mut words = Vec::new();
    let mut word = String::new();
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let mut piece = String::new();
        for b in c.encode_utf8(&mut buf).bytes() {
            match b {
                b' ' => piece.push('_'),
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'!' | b'*' | b'+' | b'-' | b'/' => {
                    piece.push(char::from(b));
                }
                _ => piece.push_str(&format!("={b:02X}")),
            }
        }
        if word.len() + piece.len() > PAYLOAD {
            words.push(std::mem::take(&mut word));
        }
        word.push_str(&piece);
    }
    if !word.is_empty() || words.is_empty() {
        words.push(word);
    }
    words
        .iter()
        .map(|w| format!("=?utf-8?q?{w}?="))
        .collect::<Vec<_>>()
        .join("\r\n ")
}
