//! Owns what a relayed message carries: a partner's words and files, and the rule of which
//! files fit in the email that passes them on.

use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart};
use serde::{Deserialize, Serialize};

/// The files of one relayed message together stay under this many bytes: base64 makes them
/// a third bigger, and 10 MB is the smallest limit common mail servers set on a message
/// (Postfix's default). Files beyond it are named in the email, not attached.
pub const FILES_MAX_BYTES: usize = 7_000_000;

/// One file a partner attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    /// The file name as the sender's mail client gave it (`notes.pdf`), or a made-up one.
    pub name: String,
    /// The MIME type as sent (`application/pdf`).
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A partner's message, as passed on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Relayed {
    /// What the partner newly wrote (quoted mail trimmed).
    pub text: String,
    /// The subject they wrote under, which keeps the conversation together in mail clients.
    pub subject: Option<String>,
    pub files: Vec<File>,
}

impl Relayed {
    /// The files that go with the email, in the sender's order, and those left out because
    /// they would make it too big.
    pub fn fitting(&self) -> (Vec<&File>, Vec<&File>) {
        let mut room = FILES_MAX_BYTES;
        let (mut fit, mut left) = (Vec::new(), Vec::new());
        for file in &self.files {
            if file.bytes.len() <= room {
                room -= file.bytes.len();
                fit.push(file);
            } else {
                left.push(file);
            }
        }
        (fit, left)
    }
}

/// `bytes` as a person reads a size: `840 KB`, `12.3 MB`.
pub fn size(bytes: usize) -> String {
    const KB: f64 = 1000.0;
    #[allow(clippy::cast_precision_loss)]
    let b = bytes as f64;
    if b < KB * KB {
        format!("{} KB", (b / KB).ceil())
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

/// `body` with the files that fit attached after it.
pub fn attach(body: MultiPart, relayed: &Relayed) -> MultiPart {
    let (fit, _) = relayed.fitting();
    if fit.is_empty() {
        return body;
    }
    let mut mixed = MultiPart::mixed().multipart(body);
    for file in fit {
        let content_type = ContentType::parse(&file.content_type)
            .or_else(|_| ContentType::parse("application/octet-stream"));
        if let Ok(content_type) = content_type {
            mixed = mixed.singlepart(
                Attachment::new(file.name.clone()).body(file.bytes.clone(), content_type),
            );
        }
    }
    mixed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, len: usize) -> File {
        File {
            name: name.into(),
            content_type: "application/pdf".into(),
            bytes: vec![b'x'; len],
        }
    }

    #[test]
    fn files_fit_in_order_until_the_limit_and_a_big_one_does_not_stop_smaller_ones() {
        let relayed = Relayed {
            files: vec![
                file("a.pdf", 3_000_000),
                file("huge.zip", 5_000_000),
                file("b.pdf", 4_000_000),
                file("c.pdf", 1),
            ],
            ..Relayed::default()
        };
        let (fit, left) = relayed.fitting();
        let names = |v: Vec<&File>| v.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(fit), ["a.pdf", "b.pdf"]);
        assert_eq!(names(left), ["huge.zip", "c.pdf"]);
    }

    #[test]
    fn a_forward_of_files_only_names_those_left_out_once_escaped_in_its_language() {
        use crate::outbound::outbox::{Samples, in_language, preview_time, tests_config};
        use crate::outbound::{Email, Templates, compose};
        use crate::vocab::Lang;
        let templates = Templates::builtin().unwrap();
        let relayed = Relayed {
            files: vec![file("plan.pdf", 10), file("Q&A's.zip", FILES_MAX_BYTES)],
            ..Relayed::default()
        };
        let render = |lang| {
            let config = in_language(&tests_config(), lang);
            let s = Samples::new(&config);
            let email = Email::Forward {
                person: &s.pair.mentee,
                relayed: &relayed,
                inbound: 1,
            };
            compose::render(&config, &templates, &email, preview_time(&config)).unwrap()
        };
        let expected = [
            (
                Lang::En,
                [
                    "sent only the attached file.)",
                    "also attached Q&A's.zip (7.0 MB): too large",
                ],
                "also attached Q&amp;A&#x27;s.zip (7.0 MB)",
            ),
            (
                Lang::De,
                [
                    "die angehängte Datei geschickt",
                    "außerdem Q&A's.zip (7.0 MB) angehängt",
                ],
                "außerdem Q&amp;A&#x27;s.zip (7.0 MB) angehängt",
            ),
        ];
        for (lang, text, html) in expected {
            let r = render(lang);
            for t in text {
                assert!(r.text.contains(t), "{lang}: {}", r.text);
            }
            assert!(r.html.contains(html), "{lang}: {}", r.html);
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(1), "1 KB");
        assert_eq!(size(840_000), "840 KB");
        assert_eq!(size(12_345_678), "12.3 MB");
    }
}
