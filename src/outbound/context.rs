//! Owns what each kind of email's templates can use: the context built from an email's
//! views (`templates/README.md` lists it per kind). Pure; `compose` renders with it.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::catalog::Catalog;
use super::email::{Email, Held, PersonView};
use super::ics;
use crate::config::Config;
use crate::digest::view;
use crate::digest::words;
use crate::program::{Departure, Next};
use crate::vocab::Lang;

#[derive(Serialize)]
struct ProgramCtx<'a> {
    name: &'a str,
    coordinator: &'a str,
    start: String,
    end: String,
}

#[derive(Serialize)]
struct PersonCtx<'a> {
    name: &'a str,
    first_name: &'a str,
    email: &'a str,
    role: &'a str,
    department: Option<&'a str>,
    timezone: &'a str,
    offers: &'a [String],
    wants: &'a [String],
}

fn person_ctx(p: &PersonView) -> PersonCtx<'_> {
    PersonCtx {
        name: &p.name,
        first_name: p.name.split_whitespace().next().unwrap_or(&p.name),
        email: &p.email,
        role: p.role.as_str(),
        department: p.department.as_deref(),
        timezone: p.timezone.name(),
        offers: &p.offers,
        wants: &p.wants,
    }
}

/// The other partners an email to someone with several asks about: each `partner`, their
/// `goals` and the `reply_to` address that logs an answer on that pair.
fn also_ctx(
    also: &[super::PairView],
    to: crate::config::Role,
    replies: &[String],
) -> serde_json::Value {
    also.iter()
        .zip(replies.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(other, reply)| {
            serde_json::json!({
                "partner": person_ctx(other.person(to.other())),
                "goals": goals_ctx(other),
                "reply_to": reply,
            })
        })
        .collect()
}

/// The pair's goals as templates see them: each `number` and `text`.
fn goals_ctx(pair: &super::PairView) -> serde_json::Value {
    pair.goals
        .iter()
        .map(|g| serde_json::json!({ "number": g.position, "text": g.text }))
        .collect()
}

#[derive(Serialize)]
struct MeetingCtx {
    mentor_local: String,
    mentee_local: String,
    minutes: i64,
}

/// Topics `from` offers that `to` wants, compared without case, in `from`'s order.
pub fn shared_topics(from: &PersonView, to: &PersonView) -> Vec<String> {
    from.offers
        .iter()
        .filter(|o| to.wants.iter().any(|w| w.eq_ignore_ascii_case(o)))
        .cloned()
        .collect()
}

/// The language an email is written in, with its words: for what the context formats
/// itself (dates and times).
pub struct Words<'a> {
    catalog: &'a Catalog,
    pub lang: Lang,
}

impl<'a> Words<'a> {
    pub fn new(catalog: &'a Catalog, lang: Lang) -> Words<'a> {
        Words { catalog, lang }
    }

    /// A day as the reader reads it.
    pub fn day(&self, day: NaiveDate) -> String {
        self.catalog.day(self.lang, day)
    }

    /// A moment in the reader's time zone.
    pub fn moment(&self, t: DateTime<Utc>, tz: Tz) -> String {
        self.catalog.moment(self.lang, t, tz)
    }
}

/// The digests' views word their figures with the email's catalog.
impl words::Say for Words<'_> {
    fn say(&self, id: &str, args: &[(&str, words::Arg)]) -> String {
        // NOTE: every built-in message is in every catalog (the catalog's tests), so only
        // an HR catalog that breaks one gets here: its id shows in the email, and the log
        // says why.
        self.catalog
            .text(self.lang, id, args)
            .unwrap_or_else(|err| {
                tracing::warn!("a digest's words: {err}");
                id.to_string()
            })
    }

    fn locale(&self) -> chrono::Locale {
        super::catalog::locale(self.lang)
    }
}

/// A relayed or forwarded message's files as templates name them: those attached and
/// those left out, each with its name and size.
fn files_ctx(relayed: &super::relay::Relayed) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let (fit, left) = relayed.fitting();
    let file = |f: &&super::relay::File| serde_json::json!({ "name": f.name, "size": super::relay::size(f.bytes.len()) });
    (
        fit.iter().map(file).collect(),
        left.iter().map(file).collect(),
    )
}

/// Builds the template context and, for an introduction, the invitation.
pub(super) fn context(
    config: &Config,
    words: &Words<'_>,
    email: &Email<'_>,
    now: DateTime<Utc>,
    busy: &[DateTime<Utc>],
    again: &[crate::config::Role],
    replies: &[String],
) -> (serde_json::Value, Option<DateTime<Utc>>) {
    let program = ProgramCtx {
        name: &config.program.name,
        coordinator: &config.program.coordinator,
        start: config.program.start.to_string(),
        end: config.program.end.to_string(),
    };
    let mut slot = None;
    let ctx = match email {
        Email::Intro { pair } => {
            // NOTE: never a meeting after the program's last day: the end would cancel it.
            let meeting = if config.program.propose_first_meeting {
                ics::find_slot(
                    now,
                    &pair.mentor.availability(),
                    &pair.mentee.availability(),
                    busy,
                )
                .filter(|t| {
                    t.with_timezone(&config.program.timezone).date_naive() <= config.program.end
                })
            } else {
                None
            };
            slot = meeting;
            serde_json::json!({
                "program": program,
                "mentor": person_ctx(&pair.mentor),
                "mentee": person_ctx(&pair.mentee),
                "reasons": super::reasons::reasons_ctx(&pair.reasons),
                "mentor_again": again.contains(&crate::config::Role::Mentor),
                "mentee_again": again.contains(&crate::config::Role::Mentee),
                "mentor_teaches": shared_topics(&pair.mentor, &pair.mentee),
                "mentee_teaches": shared_topics(&pair.mentee, &pair.mentor),
                "meeting": meeting.map(|t| MeetingCtx {
                    mentor_local: words.moment(t, pair.mentor.timezone),
                    mentee_local: words.moment(t, pair.mentee.timezone),
                    minutes: ics::MEETING_MINUTES,
                }),
            })
        }
        Email::Prompt {
            pair,
            to,
            occurrence,
            also,
        } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(pair.person(*to)),
            "partner": person_ctx(pair.person(to.other())),
            "occurrence": occurrence.to_string(),
            "goals": goals_ctx(pair),
            "also": also_ctx(also, *to, replies),
        }),
        Email::Nudge { pair, days, .. } => serde_json::json!({
            "program": program,
            "mentor": person_ctx(&pair.mentor),
            "mentee": person_ctx(&pair.mentee),
            "days": days,
            "goals": goals_ctx(pair),
        }),
        Email::Confirmation {
            pair, to, session, ..
        } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(pair.person(*to)),
            "partner": person_ctx(pair.person(to.other())),
            "session": session,
            // What the reply tried to say but could not be read: asked back, not guessed.
            "not_understood": session.not_understood,
            // A command the report also asked for: how to do it.
            "also_asked": session.also_asked,
        }),
        Email::CommandReply {
            person,
            command,
            detail,
            cancels,
            ..
        } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(person),
            // Someone not in the program (a JOIN's answer) has no commands to learn, and
            // after the end nobody needs them.
            "participant": person.id > 0
                && now.with_timezone(&config.program.timezone).date_naive() <= config.program.end,
            "command": command.word(),
            "detail": super::said::lines(detail, words),
            "cancelled_meetings": cancels
                .iter()
                .map(|c| words.moment(c.start, person.timezone))
                .collect::<Vec<_>>(),
        }),
        Email::HrDigest { digest } => serde_json::json!({
            "program": program,
            "digest": view::hr(digest, words),
        }),
        Email::FinalReport { report } => serde_json::json!({
            "program": program,
            "report": view::final_report(report, words),
        }),
        Email::ParticipantDigest { person, digest } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(person),
            "digest": view::participant(digest, words),
        }),
        Email::Closing { pair, to, also } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(pair.person(*to)),
            "partner": person_ctx(pair.person(to.other())),
            "goals": goals_ctx(pair),
            "also": also_ctx(also, *to, replies),
            "end": words.day(config.program.end),
        }),
        Email::PartnerLeft {
            pair,
            to,
            next,
            departure,
            cancel,
        } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(pair.person(*to)),
            "partner": departure.named().then(|| person_ctx(pair.person(to.other()))),
            "unreachable": *departure == Departure::Unreachable,
            "next": next_word(*next),
            "next_round": next_day(words, *next),
            "cancelled_meeting": cancel.map(|t| words.moment(t, pair.person(*to).timezone)),
        }),
        Email::MeetingCancelled { pair, to, start } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(pair.person(*to)),
            "partner": person_ctx(pair.person(to.other())),
            "meeting": words.moment(*start, pair.person(*to).timezone),
        }),
        Email::PartnerPaused {
            pair, to, until, ..
        } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(pair.person(*to)),
            "partner": person_ctx(pair.person(to.other())),
            "until": until.map(|d| words.day(d)),
        }),
        Email::CancelledAgain { pair, to, .. } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(pair.person(*to)),
            "partner": person_ctx(pair.person(to.other())),
        }),
        Email::Unmatched {
            person, why, next, ..
        } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(person),
            "why": why,
            "next": next_word(*next),
            "next_round": next_day(words, *next),
        }),
        Email::PauseEnded { person, on } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(person),
            "on": words.day(*on),
        }),
        Email::EndingSoon { person, partners } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(person),
            "partners": partners,
            "end": words.day(config.program.end),
        }),
        Email::Relay {
            pair, to, relayed, ..
        } => {
            let (files, left_out) = files_ctx(relayed);
            serde_json::json!({
                "program": program,
                "recipient": person_ctx(pair.person(*to)),
                "partner": person_ctx(pair.person(to.other())),
                "text": relayed.text,
                "subject": relayed.subject,
                "files": files,
                "left_out": left_out,
            })
        }
        Email::Forward {
            person, relayed, ..
        } => {
            let (files, left_out) = files_ctx(relayed);
            serde_json::json!({
                "program": program,
                "person": person_ctx(person),
                "text": relayed.text,
                "subject": relayed.subject,
                "files": files,
                "left_out": left_out,
            })
        }
        Email::JoinRequest { join } | Email::JoinConfirm { join } => serde_json::json!({
            "program": program,
            "join": join,
        }),
        Email::JoinApproved { person, next, .. } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(person),
            "next": next_word(*next),
            "next_round": next_day(words, *next),
        }),
        Email::JoinDeclined { join, reason } => serde_json::json!({
            "program": program,
            "recipient": {
                "name": join.name,
                "first_name": join.name.split_whitespace().next().unwrap_or(&join.name),
                "email": join.email,
            },
            "reason": reason,
        }),
        Email::Challenge { person, challenge } => serde_json::json!({
            "program": program,
            "recipient": person_ctx(person),
            "what": held_word(challenge.what),
            "what_command": match challenge.what {
                Held::Command(name) => Some(super::said::About::Command(name).word()),
                _ => None,
            },
            "subject": challenge.subject,
            "received": words.day(challenge.received),
            "forget": challenge.forget,
            "days": challenge.days,
        }),
    };
    (ctx, slot)
}

/// What a held message would do, as the templates test it.
fn held_word(held: Held) -> &'static str {
    match held {
        Held::Command(_) => "command",
        Held::Met => "met",
        Held::NotMet => "not-met",
        Held::Report => "report",
        Held::Message => "message",
    }
}

/// What comes next, as the templates test it.
fn next_word(next: Next) -> &'static str {
    match next {
        Next::NewPartner => "new_partner",
        Next::NextRound(_) => "next_round",
        Next::NoMoreRounds => "no_more_rounds",
    }
}

/// The next round's day as a person reads it, when there is one.
fn next_day(words: &Words<'_>, next: Next) -> Option<String> {
    match next {
        Next::NextRound(day) => Some(words.day(day)),
        _ => None,
    }
}
