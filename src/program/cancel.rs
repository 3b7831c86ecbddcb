//! The rule of who cancelled a meeting that did not happen, read from the report's words:
//! "I had to cancel" is the writer, "Pat had to cancel" or "my mentee moved it" the partner,
//! "we both forgot" neither side alone. A report that says they met is no cancellation,
//! whatever it says of an earlier plan ("cancelled, then met on Friday").

use std::sync::LazyLock;

use regex::Regex;

use crate::config::Role;

const DID: &str = r"(?:had to |needed to |have to |has to |must |)(?:cancel(?:l?ed)?|postpone(?:d)?|move(?:d)?|reschedule(?:d)?|call(?:ed)? (?:it )?off|drop(?:ped)? out|forgot|could ?n[o']t make it|could not come|couldn't come|was ill|was sick|got sick|was away|was travel(?:l)?ing)";

static WRITER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:i|i've|i'd)\s+{DID}\b")).ok());
static THEM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:my (?:mentor|mentee|partner)|they|she|he)\s+{DID}\b"
    ))
    .ok()
});
static BOTH: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:we both|both of us|we)\s+(?:forgot|cancel)").ok());

/// Which side cancelled, for a report of a meeting that did not happen (`met` false), by
/// the words of `text` written by the `writer` side about a partner named `partner_first`.
/// `None` when the words do not say, say both, or say "we".
pub fn who_cancelled(text: &str, writer: Role, partner_first: &str) -> Option<Role> {
    let found = |re: &LazyLock<Option<Regex>>| re.as_ref().is_some_and(|r| r.is_match(text));
    let named = !partner_first.trim().is_empty()
        && Regex::new(&format!(
            r"(?i)\b{}\s+{DID}\b",
            regex::escape(partner_first.trim())
        ))
        .is_ok_and(|r| r.is_match(text));
    let (me, them) = (found(&WRITER), found(&THEM) || named);
    if found(&BOTH) || me == them {
        return None;
    }
    Some(if me { writer } else { writer.other() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_a_missed_meeting_say_who_cancelled() {
        use Role::{Mentee, Mentor};
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
        ];
        for (text, writer, expected) in table {
            assert_eq!(who_cancelled(text, writer, "Pat"), expected, "{text:?}");
        }
    }
}
