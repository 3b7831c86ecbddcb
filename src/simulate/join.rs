//! Owns the outsiders of `upward simulate` and its coordinator: two people not in the
//! program write JOIN with a complete form in the program's fourth week, confirm it was them
//! by replying YES to the `join_confirm` email (no mail server vouches for them here), and
//! the simulated coordinator answers each `join_request` email through its own reply
//! address, as a real one would: APPROVE for the first, DECLINE with a short reason for the
//! second. Pure and deterministic: the raw bytes of their mail.

use chrono::{DateTime, Duration, Utc};

/// Someone not in the program who asks to join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outsider {
    pub name: &'static str,
    /// The address before the `@`: the domain is the program's own.
    pub local: &'static str,
    /// Whether the coordinator approves the request.
    pub approved: bool,
    /// The form under JOIN, one field a line.
    pub form: &'static str,
}

/// The outsiders: a senior who wants to learn (approved; paired at the next fill with a
/// mentor left free) and a junior the coordinator declines.
pub const OUTSIDERS: [Outsider; 2] = [
    Outsider {
        name: "Kim Park",
        local: "kim.park",
        approved: true,
        form: "Role: mentee\r\nDepartment: Customer Care\r\nLevel: 7\r\nTeaches: career path; public speaking\r\nLearns: ai tools; social media; video content\r\nLanguages: English\r\nTime zone: Europe/London\r\nHours: 09:00-17:30",
    },
    Outsider {
        name: "Alex Moor",
        local: "alex.moor",
        approved: false,
        form: "Role: mentor\r\nDepartment: Customer Care\r\nLevel: 1\r\nTeaches: short video; ai tools\r\nLearns: career path\r\nLanguages: English\r\nTime zone: Europe/London",
    },
];

impl Outsider {
    /// Their address in `domain`, the domain of the program's `from` address (mail from
    /// another domain is no JOIN).
    pub fn email(&self, domain: &str) -> String {
        format!("{}@{domain}", self.local)
    }
}

/// The reason the coordinator gives when declining.
pub const DECLINE_REASON: &str = "the program is full this term";

/// When the outsiders write: the program's fourth week, Tuesday 10:00 after a start at
/// `program_start`, half an hour apart.
pub fn join_times(program_start: DateTime<Utc>) -> [DateTime<Utc>; 2] {
    let first = program_start + Duration::days(22) + Duration::hours(1);
    [first, first + Duration::minutes(30)]
}

/// The JOIN `o` writes to the program's address `program` (no token), sent at `at`.
pub fn join_mail(o: &Outsider, program: &str, at: DateTime<Utc>, id: u64) -> Vec<u8> {
    let domain = program.rsplit('@').next().unwrap_or(program);
    format!(
        "From: {} <{}>\r\nTo: {program}\r\nSubject: Joining the reverse-mentoring program\r\nDate: {}\r\nMessage-ID: <join.{id:016x}@mail.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJOIN\r\n{}\r\n",
        o.name,
        o.email(domain),
        at.to_rfc2822(),
        o.form
    )
    .into_bytes()
}

/// The outsider an email of ours was sent to, by their address.
pub fn outsider(address: &str) -> Option<&'static Outsider> {
    OUTSIDERS
        .iter()
        .find(|o| address.starts_with(&format!("{}@", o.local)))
}

/// `o`'s YES to the `join_confirm` email with `message_id`, to its reply address
/// `reply_to`, sent at `at` from `from`.
pub fn confirm(
    o: &Outsider,
    from: &str,
    reply_to: &str,
    message_id: &str,
    at: DateTime<Utc>,
    id: u64,
) -> Vec<u8> {
    format!(
        "From: {} <{from}>\r\nTo: {reply_to}\r\nSubject: Re: did you ask to join?\r\nDate: {}\r\nMessage-ID: <yes.{id:016x}@mail.example>\r\nIn-Reply-To: {message_id}\r\nReferences: {message_id}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYes\r\n",
        o.name,
        at.to_rfc2822(),
    )
    .into_bytes()
}

/// The outsider a `join_request` email (its text) is about: the one whose address it
/// names.
pub fn about(request_text: &str) -> Option<&'static Outsider> {
    OUTSIDERS
        .iter()
        .find(|o| request_text.contains(&format!("{}@", o.local)))
}

/// The coordinator's answer to the `join_request` with `message_id` about `o`, to its
/// reply address `reply_to`, sent at `at`: APPROVE, or DECLINE with [`DECLINE_REASON`].
pub fn answer(
    o: &Outsider,
    coordinator: &str,
    reply_to: &str,
    message_id: &str,
    subject: &str,
    at: DateTime<Utc>,
    id: u64,
) -> Vec<u8> {
    let word = if o.approved {
        "APPROVE".to_string()
    } else {
        format!("DECLINE {DECLINE_REASON}")
    };
    format!(
        "From: People Programs <{coordinator}>\r\nTo: {reply_to}\r\nSubject: Re: {subject}\r\nDate: {}\r\nMessage-ID: <hr.{id:016x}@mail.example>\r\nIn-Reply-To: {message_id}\r\nReferences: {message_id}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{word}\r\n\r\nOn {}, the program wrote:\r\n> {subject}\r\n",
        at.to_rfc2822(),
        at.format("%a, %b %-d, %Y")
    )
    .into_bytes()
}
