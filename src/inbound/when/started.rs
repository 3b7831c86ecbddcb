//! When a meeting began and when it ended, said with their verbs: "the session commenced at
//! 3:30 pm and concluded at 4:45 pm", "on a commencé vers 14h et fini à 15h40", "wir haben um
//! 10 Uhr angefangen und um 11:15 aufgehört". Its length is the meeting's; `duration` weighs
//! it against the other lengths a text says.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::duration::clock_minutes;
use crate::inbound::text::re;

/// Each start and end said in `text`, with the minutes between them when they make a length.
pub(super) fn started_and_ended(text: &str) -> Vec<(Range<usize>, Option<u32>)> {
    START_END
        .iter()
        .flat_map(|r| r.captures_iter(text))
        .filter_map(|c| Some((c.get(0)?.range(), start_end(&c))))
        .collect()
}

/// A time of day at which a meeting began or ended, as [`START_END`] reads it.
macro_rules! clock {
    ($n:literal) => {
        concat!(
            r"(?P<h",
            $n,
            r">\d{1,2})(?:[:.h](?P<m",
            $n,
            r">\d{2}))?",
            r"(?:\s*(?:h|uhr|uur|u|heures?)(?-u:\b))?\s*(?P<p",
            $n,
            r">[ap]\.?m(?-u:\b)\.?)?",
        )
    };
}

/// When a meeting began and when it ended, said with the verbs: "the session commenced at
/// 3:30 pm and concluded at 4:45 pm", "we started at 2 and wrapped up at 3:15", "on a
/// commencé vers 14h et fini à 15h40", "empezamos a las 10 y terminamos a las 11:30", and
/// with the time before the verb, "wir haben um 10 Uhr angefangen und um 11:15 aufgehört",
/// "we zijn om 10 uur begonnen en om 11 uur gestopt".
static START_END: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    const AT: &str =
        r"(?:at|around|about|um|gegen|à|vers|a\s+las|sobre\s+las|hacia\s+las|om|rond|tegen)\s+";
    const STARTED: &str = r"(?:started|began|begun|commenced|kicked\s+off|commencé|commence|démarré|débuté|empezamos|empezó|comenzamos|comenzó|arrancamos|iniciamos|angefangen|begonnen|gestartet|gestart)";
    const ENDED: &str = r"(?:finished|ended|concluded|wrapped\s+up|stopped|fini|finit|terminé|terminée|terminamos|terminó|acabamos|acabó|aufgehört|geendet|beendet|gestopt|geëindigd|afgerond)";
    let verb_first = format!(
        r"(?i)(?-u:\b){STARTED}[\s,](?:[^.;!?]{{0,25}}?\s)?{AT}{}[^.;!?]{{0,40}}?(?-u:\b){ENDED}[\s,](?:[^.;!?\d]{{0,10}}?\s)?{AT}{}",
        clock!(1),
        clock!(2)
    );
    let time_first = format!(
        r"(?i)(?:^|\s){AT}{}\s*{STARTED}(?:\W|$)(?:[^.;!?\d]{{0,30}}?\s)?{AT}{}\s*{ENDED}(?:\W|$)",
        clock!(1),
        clock!(2)
    );
    [re(&verb_first), re(&time_first)]
});

/// The length of one match of [`START_END`]: the end after the start, on the same half of the
/// day unless am or pm says otherwise, and at most eight hours.
fn start_end(c: &Captures<'_>) -> Option<u32> {
    let at = |n: &str| {
        let p = c.name(&format!("p{n}")).map(|p| p.as_str().to_lowercase());
        clock_minutes(
            c.name(&format!("h{n}"))?.as_str(),
            c.name(&format!("m{n}")).map(|m| m.as_str()),
            p.as_deref(),
        )
    };
    let start = at("1")?;
    let mut end = at("2")?;
    // "started at 11 and finished at 1": past noon.
    if end <= start && end < 12 * 60 {
        end += 12 * 60;
    }
    let length = end - start;
    (length > 0 && length <= 8 * 60).then_some(length as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(text: &str) -> Vec<Option<u32>> {
        started_and_ended(text)
            .into_iter()
            .map(|(_, m)| m)
            .collect()
    }

    #[test]
    fn a_start_and_an_end_said_with_their_verbs_in_the_five_languages() {
        for (text, want) in [
            (
                "The session commenced at 3:30 pm and concluded at 4:45 pm in room 12.",
                75,
            ),
            ("we started at 11 and finished at 1", 120),
            (
                "on a commencé vers 14h et fini à 15h40, le temps a filé",
                100,
            ),
            ("wir haben um 10 Uhr angefangen und um 11:15 aufgehört", 75),
            ("empezamos a las 10 y terminamos a las 11:30", 90),
            ("we zijn om 10 uur begonnen en om 11 uur gestopt", 60),
        ] {
            assert_eq!(minutes(text), vec![Some(want)], "{text}");
        }
    }

    #[test]
    fn starts_and_ends_that_are_no_meeting_length_give_none() {
        // Ended before it began on the same dial, or longer than a working day.
        assert_eq!(
            minutes("we started at 9 am and finished at 8 pm"),
            vec![None]
        );
        // Only a start, or the end in another sentence.
        assert!(minutes("we started at 10. Lunch ended at 1.").is_empty());
        assert!(minutes("the training began at 9").is_empty());
    }
}
