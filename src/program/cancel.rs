//! The rule of who cancelled a meeting that did not happen, read from the report's words:
//! "I had to cancel" is the writer, "Pat had to cancel" or "my mentee moved it" the partner,
//! "we both forgot" neither side alone, in the five languages (`words`). A report that says
//! they met is no cancellation, whatever it says of an earlier plan ("cancelled, then met on
//! Friday").
//!
//! And the rule of a side that cancels again: when the pair's last two missed meetings,
//! with no meeting between, were both cancelled by the same side, that person gets a
//! gentle note (once, at the second) and HR sees the pair with a suggested action.

mod words;

use chrono::NaiveDate;

use crate::config::Role;

/// Which side cancelled, for a report of a meeting that did not happen (`met` false), by
/// the words of `text` (in any of the five languages) written by the `writer` side about a
/// partner named `partner_first`. `None` when the words do not say, say both, or say "we".
pub fn who_cancelled(text: &str, writer: Role, partner_first: &str) -> Option<Role> {
    let text = words::mark_partner(&crate::plain_apostrophes(text), partner_first);
    let (me, them) = (words::says_writer(&text), words::says_partner(&text));
    if words::says_both(&text) || me == them {
        return None;
    }
    Some(if me { writer } else { writer.other() })
}

/// One report of a pair that says whether they met, as the rule of repeated cancellations
/// reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported {
    /// The day it was reported.
    pub day: NaiveDate,
    /// The participant who reported it.
    pub by: i64,
    pub met: bool,
    /// For a missed meeting, the side its words say cancelled.
    pub cancelled_by: Option<Role>,
}

/// The side that cancelled the last missed meetings in a row, and how many.
pub type Run = Option<(Role, u32)>;

/// Reports of one missed meeting by both partners are this many days apart at most.
pub const SAME_MISS_DAYS: i64 = 6;

/// The run of missed meetings at the end of the pair's reports (oldest first) that the
/// same side cancelled, with no meeting between: that side and how many. Both partners'
/// reports of one missed meeting (the other partner, within [`SAME_MISS_DAYS`]) count once,
/// as do one person's reports of the same day; a miss nobody is named for ends the run.
pub fn cancelled_in_a_row(reports: &[Reported]) -> Run {
    // The misses since the last meeting, each with its latest report and the side its
    // reports name: `None` when none names one, or when they name both.
    let mut misses: Vec<(Reported, Option<Role>, bool)> = Vec::new();
    for r in reports {
        if r.met {
            misses.clear();
            continue;
        }
        match misses.last_mut() {
            Some((last, side, conflict)) if same_miss(last, r) => {
                *last = *r;
                match (*side, r.cancelled_by) {
                    (None, named) if !*conflict => *side = named,
                    (Some(a), Some(b)) if a != b => (*side, *conflict) = (None, true),
                    _ => {}
                }
            }
            _ => misses.push((*r, r.cancelled_by, false)),
        }
    }
    let side = misses.last()?.1?;
    let n = misses
        .iter()
        .rev()
        .take_while(|m| m.1 == Some(side))
        .count();
    Some((side, u32::try_from(n).unwrap_or(u32::MAX)))
}

/// Whether two reports are of one missed meeting: the other partner's within
/// [`SAME_MISS_DAYS`], or the same person's on the same day.
fn same_miss(a: &Reported, b: &Reported) -> bool {
    let apart = (b.day - a.day).num_days().abs();
    (a.by != b.by && apart <= SAME_MISS_DAYS) || (a.by == b.by && apart == 0)
}

/// Whether the person of `side` gets the gentle note now: the run just reached two.
pub fn note_the_canceller(before: Run, now: Run) -> Option<Role> {
    match now {
        Some((side, 2)) if before != now => Some(side),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::{Mentee, Mentor};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    fn missed(d: u32, by: i64, side: Option<Role>) -> Reported {
        Reported {
            day: day(d),
            by,
            met: false,
            cancelled_by: side,
        }
    }

    fn met(d: u32, by: i64) -> Reported {
        Reported {
            day: day(d),
            by,
            met: true,
            cancelled_by: None,
        }
    }

    #[test]
    fn a_side_that_cancels_again_is_told_from_one_that_cancelled_once() {
        // (reports, the run at the end)
        let table: Vec<(Vec<Reported>, Run)> = vec![
            (vec![], None),
            (vec![missed(1, 1, Some(Mentee))], Some((Mentee, 1))),
            (
                vec![missed(1, 1, Some(Mentee)), missed(15, 1, Some(Mentee))],
                Some((Mentee, 2)),
            ),
            // Both partners report the same miss: once.
            (
                vec![missed(1, 1, Some(Mentee)), missed(2, 2, Some(Mentee))],
                Some((Mentee, 1)),
            ),
            // The second report names the side the first did not.
            (
                vec![
                    missed(1, 1, None),
                    missed(2, 2, Some(Mentor)),
                    missed(15, 1, Some(Mentor)),
                ],
                Some((Mentor, 2)),
            ),
            // One report of a miss names nobody, the partner's names the side: the run goes on.
            (
                vec![
                    missed(1, 1, Some(Mentee)),
                    missed(15, 1, None),
                    missed(16, 2, Some(Mentee)),
                ],
                Some((Mentee, 2)),
            ),
            // The two reports of one miss name different sides: nobody.
            (
                vec![missed(1, 1, Some(Mentee)), missed(2, 2, Some(Mentor))],
                None,
            ),
            // A meeting between ends the run.
            (
                vec![
                    missed(1, 1, Some(Mentee)),
                    met(8, 1),
                    missed(15, 1, Some(Mentee)),
                ],
                Some((Mentee, 1)),
            ),
            // The other side, or nobody named, ends it too.
            (
                vec![missed(1, 1, Some(Mentee)), missed(15, 1, Some(Mentor))],
                Some((Mentor, 1)),
            ),
            (vec![missed(1, 1, Some(Mentee)), missed(15, 2, None)], None),
            // The same person twice on one day is one miss; a week later, another.
            (
                vec![missed(1, 1, Some(Mentee)), missed(1, 1, Some(Mentee))],
                Some((Mentee, 1)),
            ),
            (
                vec![
                    missed(1, 1, Some(Mentee)),
                    missed(8, 1, Some(Mentee)),
                    missed(22, 2, Some(Mentee)),
                ],
                Some((Mentee, 3)),
            ),
        ];
        for (reports, expected) in table {
            assert_eq!(cancelled_in_a_row(&reports), expected, "{reports:?}");
        }
    }

    #[test]
    fn the_note_goes_once_when_the_run_reaches_two() {
        let table = [
            (None, Some((Mentee, 1)), None),
            (Some((Mentee, 1)), Some((Mentee, 2)), Some(Mentee)),
            // The partner's report of the same second miss: no second note.
            (Some((Mentee, 2)), Some((Mentee, 2)), None),
            (Some((Mentee, 2)), Some((Mentee, 3)), None),
            (Some((Mentor, 1)), Some((Mentee, 2)), Some(Mentee)),
        ];
        for (before, now, expected) in table {
            assert_eq!(
                note_the_canceller(before, now),
                expected,
                "{before:?} {now:?}"
            );
        }
    }

    #[test]
    fn the_words_of_a_missed_meeting_say_who_cancelled() {
        // (text, writer) -> who cancelled
        let table = [
            ("Pat had to cancel, a client crisis.", Mentor, Some(Mentee)),
            ("I had to cancel again, sorry.", Mentee, Some(Mentee)),
            ("my mentee moved it to next week", Mentor, Some(Mentee)),
            (
                "My mentor cancelled at the last minute",
                Mentee,
                Some(Mentor),
            ),
            ("I couldn't make it: I was ill.", Mentor, Some(Mentor)),
            ("we both forgot", Mentor, None),
            ("We did not meet this time.", Mentee, None),
            (
                "I cancelled, and then Pat cancelled the new date too.",
                Mentor,
                None,
            ),
            ("Patricia had to cancel", Mentor, None),
            (
                "Pat’s flight was cancelled and I couldn’t make it",
                Mentor,
                Some(Mentor),
            ),
            // German, with the verb before its subject too.
            (
                "Ich musste leider absagen, Kundentermin.",
                Mentor,
                Some(Mentor),
            ),
            (
                "Leider musste ich den Termin verschieben.",
                Mentee,
                Some(Mentee),
            ),
            ("Pat hat kurzfristig abgesagt.", Mentor, Some(Mentee)),
            (
                "Diese Woche hat Pat den Termin verschoben.",
                Mentee,
                Some(Mentor),
            ),
            ("Meine Mentorin war krank.", Mentee, Some(Mentor)),
            ("Wir haben es beide vergessen.", Mentor, None),
            ("Wir haben uns diese Woche nicht getroffen.", Mentor, None),
            // French.
            ("J'ai dû annuler, désolée.", Mentee, Some(Mentee)),
            (
                "Je n'ai pas pu venir, grève des transports.",
                Mentor,
                Some(Mentor),
            ),
            ("Pat a annulé à la dernière minute.", Mentor, Some(Mentee)),
            ("Elle était malade.", Mentor, Some(Mentee)),
            ("On a oublié tous les deux.", Mentor, None),
            // Spanish: the verb's person says who, with or without a subject.
            ("Tuve que cancelar por un viaje.", Mentor, Some(Mentor)),
            ("Pat canceló a última hora.", Mentee, Some(Mentor)),
            (
                "No nos vimos. Tuvo que cancelar por un viaje.",
                Mentee,
                Some(Mentor),
            ),
            ("El cliente canceló la visita y no nos vimos.", Mentee, None),
            ("Nos olvidamos los dos.", Mentor, None),
            // Dutch.
            ("Ik moest helaas afzeggen.", Mentee, Some(Mentee)),
            ("Helaas heeft Pat afgezegd.", Mentor, Some(Mentee)),
            ("Mijn mentor was ziek.", Mentee, Some(Mentor)),
            ("We zijn het allebei vergeten.", Mentor, None),
            ("We hebben elkaar niet gezien.", Mentee, None),
        ];
        for (text, writer, expected) in table {
            assert_eq!(who_cancelled(text, writer, "Pat"), expected, "{text:?}");
        }
    }
}
