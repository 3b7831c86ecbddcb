//! Owns the calendar parts of an email: which invitation an email carries (an introduction's
//! `REQUEST`, the `CANCEL` of a first meeting that will not take place), its UID, and how it
//! goes into the message the way Outlook, Gmail and Apple Mail read it:
//!
//! ```text
//! multipart/mixed
//!   multipart/alternative
//!     text/plain, text/html
//!     text/calendar; method=REQUEST; charset=UTF-8   (the object calendars act on)
//!   application/ics; invite.ics                      (the same object, as a file)
//! ```
//!
//! Pure. Does not write iCalendar text (that is `ics`) nor decide when a meeting is cancelled
//! (the callers that end pairs do).

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart, SinglePart};

use super::OutboundError;
use super::email::{Email, PairView, PersonView};
use super::ics::{self, Attendee, Invite, Method};
use super::templates::one_line;
use super::token::TokenKey;
use crate::config::Config;

/// The longest name put in an invitation; longer ones are cut.
const MAX_NAME: usize = 120;

/// The words every invitation ends with, since its times are in UTC.
const IN_UTC: &str = "Times are given in UTC; your calendar shows them in your own time zone.";

/// One invitation an email carries: the pair's meeting at `start`, and who the object
/// names as attendees.
#[derive(Debug, Clone, Copy)]
pub(super) struct Calendar<'a> {
    pub method: Method,
    pub pair: &'a PairView,
    pub start: DateTime<Utc>,
    /// A request names both partners; a cancellation only the one it is sent to (iTIP's
    /// "attendees removed"), so that it never names someone who asked to be forgotten.
    pub to: Option<&'a PersonView>,
}

/// The invitations `email` carries: an introduction's proposed meeting (`slot`), or the
/// cancellations of proposed meetings that a pair's end leaves in the future.
pub(super) fn calendars<'a>(email: &Email<'a>, slot: Option<DateTime<Utc>>) -> Vec<Calendar<'a>> {
    match *email {
        Email::Intro { pair } => slot
            .map(|start| Calendar {
                method: Method::Request,
                pair,
                start,
                to: None,
            })
            .into_iter()
            .collect(),
        Email::PartnerLeft {
            pair,
            to,
            cancel: Some(start),
            ..
        }
        | Email::MeetingCancelled { pair, to, start } => vec![Calendar {
            method: Method::Cancel,
            pair,
            start,
            to: Some(pair.person(to)),
        }],
        Email::CommandReply {
            person, cancels, ..
        } => cancels
            .iter()
            .map(|c| Calendar {
                method: Method::Cancel,
                pair: &c.pair,
                start: c.start,
                to: Some(person),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The UID of a pair's first meeting: the same for the request and its cancellation.
///
/// NOTE: keyed with the program's secret: the same pair keeps its UID (a calendar updates
/// or removes the event), while another program or database never makes the same.
pub(super) fn uid(config: &Config, key: &TokenKey, pair: &PairView) -> String {
    let digest: String = key
        .digest(
            "invitation",
            &format!("{}:{}:{}", config.domain(), pair.round, pair.id),
        )
        .chars()
        .take(32)
        .collect();
    format!("intro-{digest}@{}", config.domain())
}

/// The iCalendar object of `calendar`, stamped `now`.
pub(super) fn object(
    config: &Config,
    key: &TokenKey,
    calendar: &Calendar<'_>,
    now: DateTime<Utc>,
) -> String {
    let pair = calendar.pair;
    let program = &config.program.name;
    let (summary, description) = match calendar.method {
        Method::Request => (
            format!(
                "{} and {}: first reverse-mentoring meeting",
                one_line(&pair.mentor.name, MAX_NAME),
                one_line(&pair.mentee.name, MAX_NAME)
            ),
            format!(
                "A first 30-minute conversation proposed by {program}. Move it to any time that suits you both. {IN_UTC}"
            ),
        ),
        // NOTE: no names: the cancellation may follow a FORGET ME.
        Method::Cancel => (
            "First reverse-mentoring meeting (cancelled)".to_string(),
            format!(
                "The first conversation {program} proposed will not take place: the pairing has ended. {IN_UTC}"
            ),
        ),
    };
    let from = &config.program.from;
    let attendee = |p: &'_ PersonView| (p.name.clone(), p.email.clone());
    let people: Vec<(String, String)> = match calendar.to {
        Some(person) => vec![attendee(person)],
        None => vec![attendee(&pair.mentor), attendee(&pair.mentee)],
    };
    ics::render(&Invite {
        method: calendar.method,
        uid: uid(config, key, pair),
        start: calendar.start,
        stamp: now,
        summary: &summary,
        description: &description,
        organizer: Attendee {
            name: from.name.as_deref().unwrap_or(program),
            email: &from.email,
        },
        attendees: people
            .iter()
            .map(|(name, email)| Attendee { name, email })
            .collect(),
    })
}

/// `body` (the text and HTML alternatives) with `calendars`: the first as a `text/calendar`
/// alternative, which calendars act on (one object per alternative, RFC 6047 2.4), and each
/// as an `.ics` file beside, inside `multipart/mixed`. `body` unchanged when there are none.
///
/// # Errors
/// `Build` when a content type does not parse (never for these fixed ones).
pub(super) fn attach(
    body: MultiPart,
    calendars: &[(Method, String)],
) -> Result<MultiPart, OutboundError> {
    let Some((method, first)) = calendars.first() else {
        return Ok(body);
    };
    let content_type =
        |s: &str| ContentType::parse(s).map_err(|e| OutboundError::Build(e.to_string()));
    let alternative = body.singlepart(
        SinglePart::builder()
            .content_type(content_type(&format!(
                "text/calendar; method={}; charset=UTF-8",
                method.as_str()
            ))?)
            .body(first.clone()),
    );
    let mut mixed = MultiPart::mixed().multipart(alternative);
    for (i, (method, text)) in calendars.iter().enumerate() {
        let stem = match method {
            Method::Request => "invite",
            Method::Cancel => "cancel",
        };
        let name = if i == 0 {
            format!("{stem}.ics")
        } else {
            format!("{stem}-{}.ics", i + 1)
        };
        mixed = mixed.singlepart(Attachment::new(name.clone()).body(
            text.clone(),
            content_type(&format!("application/ics; name=\"{name}\""))?,
        ));
    }
    Ok(mixed)
}

/// The tests' independent check of an invitation, shared with the inbound tests that end
/// pairs.
#[cfg(test)]
pub(crate) mod check {
    use mail_parser::{MessageParser, MimeHeaders, PartType};

    /// The validator beside the tests (Python's `icalendar`, and iTIP's required fields).
    const SCRIPT: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ics/validate.py"
    );

    /// A Python that has `icalendar`: the one on PATH, or Debian's (`python3-icalendar`).
    fn python() -> Option<&'static str> {
        ["python3", "/usr/bin/python3"].into_iter().find(|p| {
            std::process::Command::new(p)
                .args(["-c", "from icalendar import Calendar"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
    }

    /// `ics` as Python's `icalendar` reads it (method, events with uid, sequence, status,
    /// start, attendees…), after asserting it found no problem. `None`, with a line saying
    /// so, when no Python has `icalendar`; under `CI=true` that fails the test instead.
    pub(crate) fn with_python(ics: &str) -> Option<serde_json::Value> {
        use std::io::Write;
        let Some(python) = python() else {
            assert_ne!(
                std::env::var("CI").as_deref(),
                Ok("true"),
                "no python3 with the icalendar package: .ci/run installs python3-icalendar"
            );
            eprintln!(
                "SKIPPED: invitation not checked by Python's icalendar (not installed; apt-get install -y python3-icalendar)"
            );
            return None;
        };
        let mut child = std::process::Command::new(python)
            .arg(SCRIPT)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(ics.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "icalendar could not read the invitation: {}\n{ics}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(read["problems"], serde_json::json!([]), "{ics}");
        Some(read)
    }

    /// The MIME tree of a message, as `multipart/mixed[multipart/alternative[text/plain,…],
    /// application/ics:invite.ics]`; a calendar part shows its `method`.
    pub(crate) fn tree(bytes: &[u8]) -> String {
        let msg = MessageParser::default().parse(bytes).unwrap();
        fn part(msg: &mail_parser::Message<'_>, id: usize) -> String {
            let p = &msg.parts[id];
            let ct = p.content_type().unwrap();
            let mut s = format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or(""));
            if let Some(method) = ct.attribute("method") {
                s.push_str(&format!(";method={method}"));
            }
            if let Some(name) = p.attachment_name() {
                s.push_str(&format!(":{name}"));
            }
            if let PartType::Multipart(children) = &p.body {
                let inner: Vec<String> = children.iter().map(|c| part(msg, *c as usize)).collect();
                s.push_str(&format!("[{}]", inner.join(",")));
            }
            s
        }
        part(&msg, 0)
    }

    /// The text of every calendar part and `.ics` file of a message, in order.
    pub(crate) fn calendars(bytes: &[u8]) -> Vec<String> {
        let msg = MessageParser::default().parse(bytes).unwrap();
        msg.parts
            .iter()
            .filter(|p| {
                p.content_type().is_some_and(|ct| {
                    ct.subtype() == Some("calendar")
                        || (ct.ctype() == "application" && ct.subtype() == Some("ics"))
                })
            })
            .map(|p| String::from_utf8(p.contents().to_vec()).unwrap())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::check::{calendars, tree, with_python};
    use crate::outbound::outbox::{preview, tests_config};
    use crate::outbound::{
        Cancelled, Composer, Email, EmailKind, PairView, PersonView, Templates, TokenKey,
    };

    fn composed(kind: EmailKind) -> Vec<u8> {
        let config = tests_config();
        let templates = Templates::builtin().unwrap();
        preview(&config, &templates, &TokenKey::new("test key"), kind, None)
            .unwrap()
            .bytes
    }

    #[test]
    fn an_introduction_carries_its_invitation_as_an_alternative_and_as_a_file() {
        let bytes = composed(EmailKind::Intro);
        assert_eq!(
            tree(&bytes),
            "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar;method=REQUEST],application/ics:invite.ics]"
        );
        let found = calendars(&bytes);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], found[1], "the file is the same invitation");
        let head = String::from_utf8_lossy(&bytes).replace("\r\n ", " ");
        // NOTE: lettre writes the charset in lower case; MIME parameters are not case
        // sensitive (RFC 2045 5.1).
        assert!(
            head.to_lowercase()
                .contains("content-type: text/calendar; method=request; charset=utf-8"),
            "{head}"
        );
        assert!(
            head.contains("Content-Type: application/ics; name=\"invite.ics\""),
            "{head}"
        );
        assert!(found[0].contains("METHOD:REQUEST\r\n"), "{}", found[0]);
        // ASCII, short lines: plain 7bit, which every calendar client reads.
        assert!(
            head.contains(
                "charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nBEGIN:VCALENDAR"
            ),
            "{head}"
        );
        if let Some(read) = with_python(&found[0]) {
            let event = &read["events"][0];
            assert_eq!(read["method"], "REQUEST");
            assert_eq!(event["sequence"], 0);
            assert_eq!(event["minutes"], 30);
            assert_eq!(event["organizer"], "mailto:mentoring@acme.example");
            assert_eq!(
                event["attendees"],
                serde_json::json!(["mailto:ann@acme.example", "mailto:bob@acme.example"])
            );
            assert_eq!(event["names"], serde_json::json!(["Ann Lee", "Bob Stone"]));
            let text = event["description"].as_str().unwrap();
            assert!(text.contains("in UTC"), "{text}");
        }
    }

    #[test]
    fn a_cancellation_has_the_requests_uid_a_later_sequence_and_only_its_recipient() {
        let request = calendars(&composed(EmailKind::Intro)).remove(0);
        let bytes = composed(EmailKind::MeetingCancelled);
        assert_eq!(
            tree(&bytes),
            "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar;method=CANCEL],application/ics:cancel.ics]"
        );
        let cancel = calendars(&bytes).remove(0);
        let uid = |ics: &str| {
            ics.lines()
                .find_map(|l| l.strip_prefix("UID:"))
                .unwrap()
                .to_string()
        };
        assert_eq!(uid(&request), uid(&cancel));
        assert!(cancel.contains("METHOD:CANCEL\r\n"), "{cancel}");
        assert!(cancel.contains("STATUS:CANCELLED\r\n"), "{cancel}");
        let text = String::from_utf8_lossy(&bytes).replace("=\r\n", "");
        assert!(text.contains("will not take place"), "{text}");
        if let (Some(req), Some(read)) = (with_python(&request), with_python(&cancel)) {
            let event = &read["events"][0];
            assert_eq!(read["method"], "CANCEL");
            assert_eq!(event["uid"], req["events"][0]["uid"]);
            assert!(event["sequence"].as_i64() > req["events"][0]["sequence"].as_i64());
            assert_eq!(event["status"], "CANCELLED");
            assert_eq!(
                event["attendees"],
                serde_json::json!(["mailto:bob@acme.example"])
            );
            let summary = event["summary"].as_str().unwrap();
            assert!(
                !summary.contains("Ann") && !summary.contains("Bob"),
                "{summary}"
            );
        }
    }

    #[test]
    fn an_email_without_an_invitation_is_text_and_html_only() {
        let bytes = composed(EmailKind::PartnerLeft);
        assert_eq!(tree(&bytes), "multipart/alternative[text/plain,text/html]");
    }

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    }

    /// A composer of the tests' program, and its pair `id` (Ann and Bob).
    fn composer_and_pair(id: i64) -> (Composer, PairView) {
        let config = std::sync::Arc::new(tests_config());
        let person = |i: usize| PersonView::from_participant(i as i64 + 1, &config.participants[i]);
        let pair = PairView {
            id,
            round: 1,
            mentor: person(0),
            mentee: person(1),
            reasons: Vec::new(),
            goals: Vec::new(),
        };
        let composer = Composer::with_key(
            config,
            Templates::builtin().unwrap(),
            TokenKey::new("test key"),
        );
        (composer, pair)
    }

    #[test]
    fn no_meeting_is_proposed_after_the_programs_last_day() {
        let (composer, pair) = composer_and_pair(3);
        let config = &composer.config;
        assert_eq!(config.program.end.to_string(), "2027-06-30");
        let intro_at = |now: &str| {
            composer
                .compose(&Email::Intro { pair: &pair }, at(now), None)
                .unwrap()
        };
        // The evening before the last day: the last day's afternoon suits both.
        let intro = intro_at("2027-06-29T18:00:00Z");
        assert_eq!(intro.meeting, Some(at("2027-06-30T13:00:00Z")));
        assert!(calendars(&intro.bytes)[0].contains("DTSTART:20270630T130000Z"));
        // On the last day, the next free hour is after the end: no invitation at all.
        let intro = intro_at("2027-06-30T18:00:00Z");
        assert_eq!(intro.meeting, None);
        assert!(calendars(&intro.bytes).is_empty());
        assert_eq!(
            tree(&intro.bytes),
            "multipart/alternative[text/plain,text/html]"
        );
    }

    #[test]
    fn an_answer_that_cancels_two_meetings_carries_both_files() {
        let (composer, first) = composer_and_pair(3);
        let (_, second) = composer_and_pair(4);
        let cancels = [
            Cancelled {
                pair: first,
                start: at("2027-01-12T13:00:00Z"),
            },
            Cancelled {
                pair: second,
                start: at("2027-01-12T14:00:00Z"),
            },
        ];
        let email = Email::CommandReply {
            person: &cancels[0].pair.mentor,
            command: crate::outbound::said::About::Command(crate::program::CommandName::Stop),
            detail: &[crate::outbound::said::Said::Stopped],
            inbound: 1,
            cancels: &cancels,
        };
        let bytes = composer
            .compose(&email, at("2027-01-11T18:00:00Z"), None)
            .unwrap()
            .bytes;
        // One object per alternative (RFC 6047): the first; every one as a file.
        assert_eq!(
            tree(&bytes),
            "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar;method=CANCEL],application/ics:cancel.ics,application/ics:cancel-2.ics]"
        );
        let found = calendars(&bytes);
        assert_eq!(found[0], found[1]);
        assert_ne!(found[1], found[2], "another pair, another UID");
        for ics in &found[1..] {
            if let Some(read) = with_python(ics) {
                assert_eq!(read["method"], "CANCEL");
            }
        }
    }
}
