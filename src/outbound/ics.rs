//! Owns the first-meeting invitation: finding a 30-minute slot inside both partners' working
//! hours in the week ahead, and writing it as an iCalendar `METHOD:REQUEST`, or its
//! `METHOD:CANCEL` when the pair ends before it (RFC 5545, iTIP RFC 5546). Does not attach
//! it to a message (that is `compose`).
//!
//! Times are written in UTC (`...Z`, RFC 5545 3.3.5 form 2), which every calendar converts
//! to its owner's zone, and the description says so; the slot itself is found by walking
//! UTC half-hours and checking each partner's local time, so daylight-saving changes in
//! either zone are handled by chrono-tz.
//!
//! NOTE: written by hand rather than with the `icalendar` crate: the two objects are a
//! dozen fixed lines, and the only subtle parts (TEXT escaping, folding at 75 octets on a
//! character boundary) are tested here; the crate, even without default features, brings
//! `nom`, `uuid` and `iso8601` to a build that must stay small. The tests check every
//! object with an independent parser (Python's `icalendar`).

use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;

use crate::config::WorkingHours;

/// The length of the proposed meeting.
pub const MEETING_MINUTES: i64 = 30;

/// Working hours assumed for someone who gave none.
fn default_hours() -> WorkingHours {
    WorkingHours {
        start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
        end: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN),
    }
}

/// One person's calendar constraints.
#[derive(Debug, Clone, Copy)]
pub struct Availability {
    pub timezone: Tz,
    /// `None` means 09:00-17:00.
    pub hours: Option<WorkingHours>,
}

impl Availability {
    /// Whether `[start, start + 30 min)` lies inside this person's working hours on a weekday.
    fn fits(&self, start: DateTime<Utc>) -> bool {
        let hours = self.hours.unwrap_or_else(default_hours);
        let local_start = start.with_timezone(&self.timezone);
        let local_end = (start + Duration::minutes(MEETING_MINUTES)).with_timezone(&self.timezone);
        if matches!(local_start.weekday(), Weekday::Sat | Weekday::Sun) {
            return false;
        }
        let (s, e) = (local_start.time(), local_end.time());
        if hours.start <= hours.end {
            local_start.date_naive() == local_end.date_naive() && s >= hours.start && e <= hours.end
        } else {
            // A window across midnight, such as 22:00-06:00.
            (s >= hours.start || s < hours.end) && (e > hours.start || e <= hours.end)
        }
    }
}

/// The first half-hour slot, starting the day after `now` and within seven days, inside both
/// people's working hours and clear of the meetings in `busy` (already proposed to either of
/// them, so that a person with two partners is never invited twice at the same hour); `None`
/// when no such slot exists that week.
pub fn find_slot(
    now: DateTime<Utc>,
    a: &Availability,
    b: &Availability,
    busy: &[DateTime<Utc>],
) -> Option<DateTime<Utc>> {
    let tomorrow = (now + Duration::days(1)).date_naive();
    let mut t = tomorrow.and_hms_opt(0, 0, 0)?.and_utc();
    let end = t + Duration::days(7);
    let length = Duration::minutes(30);
    while t < end {
        let clear = busy.iter().all(|m| t + length <= *m || *m + length <= t);
        if clear && a.fits(t) && b.fits(t) {
            return Some(t);
        }
        t += length;
    }
    None
}

/// A person invited to the meeting.
#[derive(Debug, Clone)]
pub struct Attendee<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

/// What an invitation asks of the calendars that receive it (iTIP, RFC 5546 3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The proposed meeting: calendars add it (or update it, by UID and SEQUENCE).
    Request,
    /// The meeting will not take place: calendars remove the event of the same UID.
    Cancel,
}

impl Method {
    /// The word of `METHOD:` and of the MIME type's `method=` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }

    /// The `SEQUENCE` of the event: a cancellation is a later revision of the request, so
    /// calendars apply it rather than ignore it as older (RFC 5546 2.1.4).
    pub fn sequence(self) -> u32 {
        match self {
            Method::Request => 0,
            Method::Cancel => 1,
        }
    }
}

/// What goes into the invitation.
#[derive(Debug, Clone)]
pub struct Invite<'a> {
    pub method: Method,
    /// Stable across re-sends, so calendars update rather than duplicate, and a cancellation
    /// finds the event it removes.
    pub uid: String,
    pub start: DateTime<Utc>,
    pub stamp: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub organizer: Attendee<'a>,
    /// A request names both partners; a cancellation those it is sent to.
    pub attendees: Vec<Attendee<'a>>,
}

fn utc(t: DateTime<Utc>) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted, without the characters a quoted value cannot hold.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect();
    format!("\"{clean}\"")
}

/// The longest content line written, in octets without its CRLF.
///
/// NOTE: RFC 5545 3.1 allows 75; at 73 a line with its CRLF stays under the 76 octets that
/// lettre (email-encoding) takes as the limit of a 7bit body, so an ASCII invitation goes
/// as plain 7bit text rather than quoted-printable, the form calendar clients read best.
const LINE_OCTETS: usize = 73;

/// Folds a content line at [`LINE_OCTETS`], never inside a UTF-8 character (RFC 5545 3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The invitation (or its cancellation) as iCalendar text with CRLF line ends.
pub fn render(invite: &Invite<'_>) -> String {
    let end = invite.start + Duration::minutes(MEETING_MINUTES);
    let status = match invite.method {
        Method::Request => "CONFIRMED",
        Method::Cancel => "CANCELLED",
    };
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "PRODID:-//upward//reverse mentoring//EN".to_string(),
        "VERSION:2.0".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        format!("METHOD:{}", invite.method.as_str()),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", text(&invite.uid)),
        format!("DTSTAMP:{}", utc(invite.stamp)),
        format!("DTSTART:{}", utc(invite.start)),
        format!("DTEND:{}", utc(end)),
        format!("SUMMARY:{}", text(invite.summary)),
        format!("DESCRIPTION:{}", text(invite.description)),
        format!(
            "ORGANIZER;CN={}:mailto:{}",
            param(invite.organizer.name),
            invite.organizer.email
        ),
    ];
    for a in &invite.attendees {
        let rsvp = match invite.method {
            Method::Request => ";RSVP=TRUE",
            Method::Cancel => "",
        };
        lines.push(format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION{rsvp}:mailto:{}",
            param(a.name),
            a.email
        ));
    }
    lines.extend([
        format!("SEQUENCE:{}", invite.method.sequence()),
        format!("STATUS:{status}"),
        "TRANSP:OPAQUE".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ]);
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn hours(s: &str, e: &str) -> Option<WorkingHours> {
        Some(WorkingHours {
            start: NaiveTime::parse_from_str(s, "%H:%M").unwrap(),
            end: NaiveTime::parse_from_str(e, "%H:%M").unwrap(),
        })
    }

    #[test]
    fn the_slot_lies_in_both_peoples_local_hours() {
        // Friday evening in London: the next weekday is Monday.
        let now = at("2027-01-08T18:00:00Z");
        let london = Availability {
            timezone: chrono_tz::Europe::London,
            hours: hours("09:00", "17:00"),
        };
        let new_york = Availability {
            timezone: chrono_tz::America::New_York,
            hours: hours("08:00", "16:00"),
        };
        let slot = find_slot(now, &london, &new_york, &[]).unwrap();
        // 08:00 in New York is 13:00 in London (UTC in January).
        assert_eq!(slot, at("2027-01-11T13:00:00Z"));
    }

    #[test]
    fn daylight_saving_in_one_zone_moves_the_slot() {
        // New York moved to EDT on 2027-03-14; London is still on GMT until 2027-03-28.
        let now = at("2027-03-14T12:00:00Z");
        let london = Availability {
            timezone: chrono_tz::Europe::London,
            hours: hours("09:00", "17:00"),
        };
        let new_york = Availability {
            timezone: chrono_tz::America::New_York,
            hours: hours("09:00", "17:00"),
        };
        let slot = find_slot(now, &london, &new_york, &[]).unwrap();
        // 09:00 EDT is 13:00 UTC (it would be 14:00 a week earlier).
        assert_eq!(slot, at("2027-03-15T13:00:00Z"));
    }

    #[test]
    fn a_slot_keeps_clear_of_meetings_already_proposed() {
        let now = at("2027-03-14T12:00:00Z");
        let london = Availability {
            timezone: chrono_tz::Europe::London,
            hours: hours("09:00", "17:00"),
        };
        let first = find_slot(now, &london, &london, &[]).unwrap();
        let second = find_slot(now, &london, &london, &[first]).unwrap();
        let third = find_slot(now, &london, &london, &[first, second]).unwrap();
        assert_eq!(second, first + Duration::minutes(30));
        assert_eq!(third, first + Duration::minutes(60));
        // A meeting that overlaps half an hour blocks the slot too.
        let shifted = find_slot(now, &london, &london, &[first + Duration::minutes(15)]).unwrap();
        assert_eq!(shifted, first + Duration::minutes(60));
    }

    #[test]
    fn hours_that_never_overlap_give_no_slot() {
        let now = at("2027-01-08T18:00:00Z");
        let tokyo = Availability {
            timezone: chrono_tz::Asia::Tokyo,
            hours: hours("09:00", "12:00"),
        };
        let la = Availability {
            timezone: chrono_tz::America::Los_Angeles,
            hours: hours("09:00", "12:00"),
        };
        assert_eq!(find_slot(now, &tokyo, &la, &[]), None);
    }

    #[test]
    fn the_invite_is_a_folded_escaped_request() {
        let long = "x".repeat(200);
        let ics = render(&Invite {
            method: Method::Request,
            uid: "intro-1-2@acme.example".into(),
            start: at("2027-01-11T13:00:00Z"),
            stamp: at("2027-01-08T18:00:00Z"),
            summary: "First meeting; A, B",
            description: &long,
            organizer: Attendee {
                name: "Prog \"X\"",
                email: "m@acme.example",
            },
            attendees: vec![
                Attendee {
                    name: "Ann",
                    email: "a@acme.example",
                },
                Attendee {
                    name: "Bo",
                    email: "b@acme.example",
                },
            ],
        });
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains("DTSTART:20270111T130000Z\r\nDTEND:20270111T133000Z\r\n"));
        assert!(ics.contains("SUMMARY:First meeting\\; A\\, B\r\n"));
        assert!(ics.contains("ORGANIZER;CN=\"Prog X\":mailto:m@acme.example"));
        assert!(ics.lines().all(|l| l.len() <= 75), "{ics}");
        assert!(ics.contains("\r\n x"));
        assert_eq!(ics.matches("ATTENDEE;").count(), 2);
    }

    #[test]
    fn a_cancellation_is_a_later_sequence_of_the_same_event() {
        let invite = |method| {
            render(&Invite {
                method,
                uid: "intro-abc@acme.example".into(),
                start: at("2027-01-11T13:00:00Z"),
                stamp: at("2027-01-08T18:00:00Z"),
                summary: "First meeting",
                description: "Times are given in UTC.",
                organizer: Attendee {
                    name: "Pilot",
                    email: "m@acme.example",
                },
                attendees: vec![Attendee {
                    name: "Ann",
                    email: "a@acme.example",
                }],
            })
        };
        // Unfolded, as a calendar reads it.
        let request = invite(Method::Request).replace("\r\n ", "");
        let cancel = invite(Method::Cancel).replace("\r\n ", "");
        assert!(request.contains("METHOD:REQUEST\r\n"), "{request}");
        assert!(
            request.contains("SEQUENCE:0\r\nSTATUS:CONFIRMED\r\n"),
            "{request}"
        );
        assert!(
            request.contains("RSVP=TRUE:mailto:a@acme.example"),
            "{request}"
        );
        assert!(cancel.contains("METHOD:CANCEL\r\n"), "{cancel}");
        assert!(
            cancel.contains("SEQUENCE:1\r\nSTATUS:CANCELLED\r\n"),
            "{cancel}"
        );
        assert!(!cancel.contains("RSVP"), "nothing to answer: {cancel}");
        for ics in [&request, &cancel] {
            assert!(ics.contains("UID:intro-abc@acme.example\r\n"), "{ics}");
            assert!(ics.contains("DTSTART:20270111T130000Z\r\n"), "{ics}");
            assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{ics}");
        }
    }
}
