//! Reads the files a person attached to a message, for passing them on to their partner.
//! Pure; the message has already been through `parse`, so its size and shape are known
//! to be within the limits.

use mail_parser::{MessageParser, MimeHeaders};

use crate::outbound::relay::File;

/// The files attached to `raw`, in order: every part that is not the message's text or
/// HTML body (pictures pasted into the text included), each with its name and type.
pub fn attached(raw: &[u8]) -> Vec<File> {
    let Some(message) = MessageParser::default().parse(raw) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for (n, part) in message.attachments().enumerate() {
        let content_type = part.content_type().map_or_else(
            || "application/octet-stream".to_string(),
            |ct| match ct.subtype() {
                Some(sub) => format!("{}/{sub}", ct.ctype()),
                None => ct.ctype().to_string(),
            },
        );
        let name = part
            .attachment_name()
            .map(clean_name)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("attachment-{}{}", n + 1, extension(&content_type)));
        files.push(File {
            name,
            content_type: content_type.to_lowercase(),
            bytes: part.contents().to_vec(),
        });
    }
    files
}

/// A file name without directories or control characters (`../../x.pdf` is `x.pdf`).
fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    last.chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

fn extension(content_type: &str) -> &'static str {
    match content_type.to_lowercase().as_str() {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "application/pdf" => ".pdf",
        "message/rfc822" => ".eml",
        "text/plain" => ".txt",
        "text/calendar" => ".ics",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_with_their_names_types_and_bytes_and_the_body_is_not_one() {
        let raw = "From: Sam <sam@x.example>\r\nTo: p@x.example\r\nSubject: notes\r\n\
            MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
            --b\r\nContent-Type: text/plain\r\n\r\nHere are my notes.\r\n\
            --b\r\nContent-Type: application/pdf; name=\"notes.pdf\"\r\n\
            Content-Disposition: attachment; filename=\"../../notes.pdf\"\r\n\
            Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n\
            --b\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\n\
            Content-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--b--\r\n";
        let files = attached(raw.as_bytes());
        assert_eq!(files.len(), 2, "{files:?}");
        assert_eq!(files[0].name, "notes.pdf");
        assert_eq!(files[0].content_type, "application/pdf");
        assert_eq!(files[0].bytes, b"%PDF-1.4\n");
        assert_eq!(files[1].name, "attachment-2.png");
        assert_eq!(files[1].bytes, b"\x89PNG\r\n");
    }

    #[test]
    fn a_plain_message_has_no_files() {
        let raw = b"From: a@x.example\r\nSubject: hi\r\n\r\nJust text.\r\n";
        assert!(attached(raw).is_empty());
    }
}
