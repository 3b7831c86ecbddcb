//! Reads whether a report corrects an earlier one: whether it answers the confirmation of a
//! report of the sender's on this pair (`In-Reply-To`/`References` naming the confirmation
//! we sent, whose idempotency key `confirm:PAIR:PERSON:INBOUND` names the message that
//! report came in; else the confirmation's reply token, which names it too), and whether
//! its words say it corrects ("correction:", "actually it was Tuesday", "60 minutes not
//! 45", "we didn't meet after all"). The rule that makes of these a correction, and what a
//! correction changes, are `program::report`'s; the store applies it.
//!
//! How words are read:
//! - a plain "no, we have not met this week" says nothing about an earlier report: it is a
//!   report of its own, never a retraction;
//! - "actually" counts only at the start of a sentence ("Actually, it was Tuesday"), not
//!   inside one ("we actually met today" is a new report).

use std::sync::LazyLock;

use regex::Regex;

use super::route::{Addressing, Directory, MAX_REFERENCES};
use super::text::{plain_apostrophes, re};
use crate::outbound::{SessionView, TakenAs};
use crate::store::{Correction, Recorded, ReportOutcome, StoreError};
use crate::vocab::IdempotencyKey;

static SAYS_CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)",
        r"\bcorrection\b|\bkorrektur\b|\bberichtigung\b",
        r"|\bto correct\b|\bcorrecting (?:my|our|the)\b",
        r"|(?:^|[.!?;:]\s*|\b(?:oh|sorry|oops|wait)[,!]?\s+)actually\b",
        // "60 not 45", "Tuesday, not Monday": after "sorry", "it was", "I meant" or at the
        // start of a line, so that "we met for 45 minutes, not 60 as planned" is a report.
        r"|(?:^\s*|(?:\bsorry\b|\boops\b|\bit was\b|\bit's\b|\bthat's\b|\bmake that\b|\bshould be\b)[^.!?\n\d]{0,20}?)",
        r"(?:\d+\s*(?:min(?:ute)?s?|h|hours?)?|(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
        r"\s*,?\s*(?:not|instead of)\s+(?:on\s+)?(?:\d+|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
        r"|\bi meant\b|\bmeant to (?:say|write)\b",
        r"|\b(?:typo|my mistake|my bad|made a mistake|was wrong|wrong (?:date|day|time|number|rating))\b",
        r"|\bshould (?:have been|be|read)\s+\d",
        r"|\b(?:didn't|did not|didnt|never|couldn't|could not|haven't|have not|cancelled|canceled)\b[^.!?\n]{0,40}\bafter all\b",
        r"|\bafter all\b[^.!?\n]{0,20}\b(?:didn't|did not|didnt|never|couldn't|could not|cancelled|canceled)\b",
        r"|\bmet after all\b",
    ))
});

/// Whether the words of a reply say it corrects an earlier report (read with plain
/// apostrophes: "we didn’t meet after all").
pub fn says_correction(text: &str) -> bool {
    SAYS_CORRECTION.is_match(&plain_apostrophes(text))
}

/// The inbound id of the report whose confirmation (to `sender`, about `pair`) this message
/// answers, from `In-Reply-To`, then `References` newest first.
///
/// # Errors
/// A store failure.
pub fn answered_confirmation(
    addressing: &Addressing,
    pair: i64,
    sender: i64,
    dir: &impl Directory,
) -> Result<Option<i64>, StoreError> {
    let ids = addressing.in_reply_to.iter().chain(
        addressing
            .references
            .iter()
            .rev()
            .filter(|id| !addressing.in_reply_to.contains(id)),
    );
    for id in ids.take(MAX_REFERENCES) {
        let Some(key) = dir.sent_key(id)? else {
            continue;
        };
        if let Some(inbound) = confirmation_of(&key, pair, sender) {
            return Ok(Some(inbound));
        }
    }
    Ok(None)
}

/// The inbound id in a confirmation's key `confirm:PAIR:PERSON:INBOUND` of this pair and
/// person.
fn confirmation_of(key: &str, pair: i64, person: i64) -> Option<i64> {
    match key.parse::<IdempotencyKey>().ok()? {
        IdempotencyKey::Confirm {
            pair: p,
            person: q,
            inbound,
        } if p == pair && q == person => Some(inbound),
        _ => None,
    }
}

/// Whether a report corrects an earlier one, and which, by the rule of
/// [`Correction::of`]: the confirmation it answers (by its thread, else the report
/// `token_report` its reply token names), else the sender's latest report when its words
/// say so. `date_stated` tells the store whether the report's date
/// was written or is the message's day.
///
/// # Errors
/// A store failure.
pub fn correction(
    addressing: &Addressing,
    token_report: Option<i64>,
    text: &str,
    (pair, sender): (i64, i64),
    date_stated: bool,
    dir: &impl Directory,
) -> Result<Option<Correction>, StoreError> {
    let answered = answered_confirmation(addressing, pair, sender, dir)?.or(token_report);
    Ok(Correction::of(answered, says_correction(text), date_stated))
}

/// What the confirmation repeats: what the message stated (`stated`), or for a correction
/// or retraction the report as it now stands, saying it was taken as one.
pub fn confirmed(recorded: Recorded, stated: SessionView) -> SessionView {
    let taken_as = match recorded.outcome {
        ReportOutcome::Corrected => TakenAs::Correction,
        ReportOutcome::Retracted => TakenAs::Retraction,
        _ => return stated,
    };
    let now = recorded.standing;
    SessionView {
        not_understood: stated.not_understood,
        also_asked: stated.also_asked,
        met: now.met,
        date: now.date,
        minutes: now.minutes,
        topics: now.topics,
        rating: now.rating,
        taken_as: Some(taken_as),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_correct_are_told_from_words_that_report() {
        for text in [
            "Correction: we met on Tuesday.",
            "Korrektur: wir haben uns am Dienstag getroffen.",
            "Actually it was Tuesday.",
            "Sorry, actually it was 30 minutes",
            "sorry, 60 minutes not 45",
            "It was 60 instead of 45",
            "Tuesday, not Monday",
            "Sorry, we met 60 minutes not 45",
            "It was on Tuesday, not on Monday.",
            "We didn't meet after all.",
            "We didn’t meet after all.",
            "It’s 60 minutes, not 45",
            "We had to cancel after all, so we did not meet",
            "I meant 5 stars",
            "Typo in my last mail: rating 4",
            "it should have been 90 minutes",
            "we met after all, on Friday",
        ] {
            assert!(says_correction(text), "{text}");
        }
        for text in [
            "No, we have not met this week.",
            "We met today for 45 minutes and talked about AI.",
            "We actually met today for 30 minutes",
            "Sorry, we could not meet this week.",
            "We didn't manage to meet this week, sorry. Next week!",
            "We talked about negotiation instead of social media",
            "Not this week, we'll try next Monday",
            "We met for 45 minutes, not 60 as planned.",
            "We met on Tuesday, not Monday as usual, for an hour.",
        ] {
            assert!(!says_correction(text), "{text}");
        }
    }

    #[test]
    fn only_a_confirmation_to_this_sender_about_this_pair_names_a_report() {
        assert_eq!(confirmation_of("confirm:3:7:42", 3, 7), Some(42));
        assert_eq!(confirmation_of("confirm:3:8:42", 3, 7), None);
        assert_eq!(confirmation_of("confirm:4:7:42", 3, 7), None);
        assert_eq!(confirmation_of("prompt:3:7:2027-01-04", 3, 7), None);
        assert_eq!(confirmation_of("confirm:3:7:42:9", 3, 7), None);
    }
}
