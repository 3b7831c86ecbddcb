//! The words that, together, tell what a sentence is about when it names no topic in any
//! form the vocabulary knows: "wie sie ihre Kundenumfragen auswertet und Diagramme richtig
//! liest" (survey, evaluate, chart: data literacy), "welche Märkte wir in den nächsten Jahren
//! angehen" (markets, years: strategy), "l'encadrement … mes collaborateurs lors de la
//! réorganisation" (leading teams). One such word is a hint, two distinct ones of one topic
//! are its mark; a sentence with as many marks for two topics says neither.
//!
//! A cue is matched on a word folded as the vocabulary folds it (lowercase, no accents): a
//! cue of six letters or more anywhere in the word ("umfrage" in "Kundenumfragen"), one of
//! five at its start ("proto…"), a shorter one as the whole word ("app", "kpi"); a cue of
//! several words in the sentence's folded words.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::Vocabulary;
pub(super) use super::cue_words::CUES;
use super::words::{fold, stem, word_spans};

use crate::inbound::text::re;

/// Where a clause of a sentence ends: a comma, or "and" before who speaks next ("… y él me
/// contó", "… and she showed me", "… und er hat", "… et elle m'a", "… en hij vertelde").
pub(super) static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i),|\s(?:and|und|et|y|e|en)\s+(?:he|she|i|we|er|sie|ich|wir|il|elle|je|on|él|ella|yo",
        r"|hij|zij|ze|ik|we)\b",
    ))
});

/// The automaton of the one-word cues, and each cue's (group, length in bytes).
type CueWords = (AhoCorasick, Vec<(usize, usize)>);

/// Every one-word cue with the group (its index in [`CUES`]) it belongs to, in one
/// automaton: one pass over a word finds every cue in it, which [`groups_held`] keeps by the
/// cue's length (see the module's doc).
static CUE_WORDS: LazyLock<Option<CueWords>> = LazyLock::new(|| {
    let mut patterns: Vec<&str> = Vec::new();
    let mut cues = Vec::new();
    for (group, (_, words)) in CUES.iter().enumerate() {
        for cue in words.iter().filter(|c| !c.contains(' ')) {
            patterns.push(cue);
            cues.push((group, cue.len()));
        }
    }
    // Plain words always build; without an automaton no word holds a cue.
    let automaton = AhoCorasick::new(&patterns).ok()?;
    Some((automaton, cues))
});

/// The groups (indices in [`CUES`]) a folded word holds a one-word cue of: a cue of six
/// letters or more anywhere, one of five at the start, a shorter one as the whole word.
pub(super) fn groups_held(word: &str) -> Vec<usize> {
    let Some((automaton, cues)) = &*CUE_WORDS else {
        return Vec::new();
    };
    let mut held: Vec<usize> = Vec::new();
    for m in automaton.find_overlapping_iter(word) {
        let (group, len) = cues[m.pattern().as_usize()];
        let letters = word[m.start()..m.end()].chars().count();
        let holds = match letters {
            n if n >= 6 => true,
            5 => m.start() == 0,
            _ => m.start() == 0 && len == word.len(),
        };
        if holds && !held.contains(&group) {
            held.push(group);
        }
    }
    held
}

impl Vocabulary {
    /// The topics the cue words of a sentence tell (this module), read in the clauses of each
    /// sentence of `text` where `found` (what [`Vocabulary::find`] read) named none: the
    /// topic, not named in the sentence already, whose cues the most of those words hold, two
    /// at least, and no other as many. With the offset of its first cue word.
    pub(in crate::inbound::extract) fn guess(
        &self,
        text: &str,
        found: &[(usize, String)],
    ) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut start = 0;
        for piece in text.split_inclusive(['.', '!', '?', ';', '\n']) {
            let range = start..start + piece.len();
            start = range.end;
            // The clauses of the sentence that name no topic ("Le enseñé a usar Copilot | y él
            // me contó cómo se preparó para hablar en el congreso"), and what those named.
            let mut named: Vec<&String> = Vec::new();
            let mut clauses: Vec<std::ops::Range<usize>> = Vec::new();
            let mut from = 0;
            let ends = CLAUSE_END
                .find_iter(piece)
                .map(|m| m.start())
                .chain([piece.len()]);
            for end in ends {
                let clause = range.start + from..range.start + end;
                from = end;
                let here: Vec<&String> = found
                    .iter()
                    .filter(|(at, _)| clause.contains(at))
                    .map(|(_, t)| t)
                    .collect();
                if here.is_empty() {
                    clauses.push(clause);
                }
                named.extend(here);
            }
            let words: Vec<(usize, String)> = word_spans(piece)
                .into_iter()
                .map(|(at, w)| (range.start + at, fold(w)))
                .filter(|(at, _)| clauses.iter().any(|c| c.contains(at)))
                .collect();
            let joined = words
                .iter()
                .map(|(_, w)| w.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            // Each word's stem and the cue groups it holds, read once.
            let held: Vec<(usize, String, Vec<usize>)> = words
                .iter()
                .filter_map(|(at, w)| {
                    let groups = groups_held(w);
                    (!groups.is_empty()).then(|| (*at, stem(w), groups))
                })
                .collect();
            // (words holding a cue, the first one's offset, entry) of each topic with any.
            let mut marks: Vec<(usize, usize, usize)> = Vec::new();
            for &(entry, group) in &self.cues {
                if named.contains(&&self.entries[entry].0) {
                    continue;
                }
                // Each word once by its stem ("Teams … team" is one).
                let mut stems_held: Vec<&String> = Vec::new();
                let mut first = None;
                for (at, stemmed, groups) in &held {
                    if groups.contains(&group) && !stems_held.contains(&stemmed) {
                        stems_held.push(stemmed);
                        first.get_or_insert(*at);
                    }
                }
                let phrases = CUES[group]
                    .1
                    .iter()
                    .filter(|c| c.contains(' ') && joined.contains(**c))
                    .count();
                // Beside a clause that names a topic, a third cue is asked.
                let least = if named.is_empty() { 2 } else { 3 };
                if stems_held.len() + phrases >= least {
                    marks.push((
                        stems_held.len() + phrases,
                        first.unwrap_or(range.start),
                        entry,
                    ));
                }
            }
            let Some(&(most, first, entry)) = marks.iter().max_by_key(|m| m.0) else {
                continue;
            };
            if marks.iter().filter(|m| m.0 == most).count() == 1 {
                out.push((first, self.entries[entry].0.clone()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guessed(text: &str) -> Vec<String> {
        let topics = CUES
            .iter()
            .map(|(name, _)| *name)
            .chain(["ai tools", "social media"]);
        let v = Vocabulary::new(topics, &[]);
        let found = v.find(text);
        v.guess(text, &found).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn a_cue_holds_by_its_length() {
        let group = |name: &str| CUES.iter().position(|(n, _)| *n == name);
        let holds =
            |word: &str, name: &str| group(name).is_some_and(|g| groups_held(word).contains(&g));
        // Six letters or more anywhere, five at the start, fewer the whole word.
        assert!(holds("kundenumfragen", "data literacy"));
        assert!(holds("prototypen", "ux research"));
        assert!(holds("kpi", "data literacy"));
        assert!(!holds("kpis2", "data literacy"));
        assert!(holds("usabil", "ux research"));
        assert!(!holds("unusable", "ux research"));
    }

    #[test]
    fn two_cue_words_of_one_topic_tell_it_in_a_sentence_that_names_none() {
        for (text, want) in [
            (
                "Sie hat mir gezeigt, wie sie ihre Kundenumfragen auswertet.",
                "data literacy",
            ),
            (
                "Ich hab ihm erzählt, welche Märkte wir in den nächsten Jahren angehen.",
                "strategy",
            ),
            (
                "J'ai partagé mon expérience de l'encadrement de mes collaborateurs.",
                "leading teams",
            ),
            (
                "Er hat erzählt, wie sein Team mit echten Kunden Interviews führt und einen Klickdummy testen lässt.",
                "ux research",
            ),
            (
                "I shared the wording guide our ERG wrote on pronouns.",
                "inclusive language",
            ),
            (
                "Yo le platiqué cómo trato con un cliente difícil cuando pide descuentos.",
                "negotiation",
            ),
            (
                "waarom onze applicaties bij Microsoft draaien in plaats van in onze serverruimte",
                "cloud basics",
            ),
            (
                "wat jonge collega's van hun eerste werkgever verwachten",
                "gen z perspective",
            ),
            (
                "tips om mezelf binnen het bedrijf beter zichtbaar te maken met een sterk profiel",
                "personal branding",
            ),
            // Beside a clause that names another topic, with three cues.
            (
                "Le enseñé a usar Copilot y él me contó cómo habló en el congreso ante el público sin nervios.",
                "public speaking",
            ),
        ] {
            assert_eq!(guessed(text), vec![want.to_string()], "{text}");
        }
    }

    #[test]
    fn one_cue_a_tie_or_a_sentence_that_names_a_topic_tells_nothing() {
        for text in [
            // One cue word.
            "We looked at the survey.",
            // As many for two topics: data (numbers, charts), strategy (markets, years).
            "the numbers and charts of the markets over the years",
            // The clause that names a topic lends no cue to the rest, and two are not enough
            // beside it.
            "I showed him our TikTok numbers and she was nervous.",
            "Le enseñé a usar Copilot y él me contó cómo habló en el congreso sin nervios.",
            // One word twice is one cue.
            "Wir haben in Teams ein Team aufgesetzt.",
            // A room is where a meeting is, not a stage.
            "We met in the Tower 2 conference room.",
            // The sentence names a topic outright: its cues add nothing.
            "She explained negotiation with the board and the works council.",
        ] {
            assert!(guessed(text).is_empty(), "{text}: {:?}", guessed(text));
        }
    }
}
