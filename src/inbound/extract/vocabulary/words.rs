//! The words of a text as the vocabulary reads them: split at what is not a letter, digit
//! or apostrophe, folded (lowercase, accents off as people type without them) and lightly
//! stemmed; and a word typed with one letter slipped.

/// A gap in a form: "daten … schützen" is "Daten" and, up to [`super::MOST_BETWEEN`] words on,
/// "schützen" ("meine Daten am Handy besser schützen"): German and Dutch put the verb last.
pub(super) const GAP: &str = "…";

/// The words of `text` with their byte offsets; a quote round a word is not part of it
/// ("op 'accepteren' klikt").
pub(super) fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let quote = |c: char| c == '\'' || c == '’';
    let mut out = Vec::new();
    for (start, word) in apostrophed_spans(text) {
        let trimmed = word.trim_start_matches(quote);
        let start = start + (word.len() - trimmed.len());
        let trimmed = trimmed.trim_end_matches(quote);
        if !trimmed.is_empty() {
            out.push((start, trimmed));
        }
    }
    out
}

pub(super) fn apostrophed_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Whether `typed` is `word` with one letter left out, one added, or two neighbours
/// swapped; not the same word, nor one letter changed for another.
pub(super) fn one_slip(word: &[char], typed: &[char]) -> bool {
    let (short, long) = if word.len() <= typed.len() {
        (word, typed)
    } else {
        (typed, word)
    };
    let Some(at) = short.iter().zip(long).position(|(a, b)| a != b) else {
        // One is the other with a letter added at the end, or the same word.
        return long.len() == short.len() + 1;
    };
    match long.len() - short.len() {
        0 => {
            at + 1 < short.len()
                && short[at] == long[at + 1]
                && short[at + 1] == long[at]
                && short[at + 2..] == long[at + 2..]
        }
        1 => short[at..] == long[at + 1..],
        _ => false,
    }
}

/// The stems of a text; a form's gap ("daten … schützen") is [`GAP`].
pub(super) fn stems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in text.split('…').enumerate() {
        if i > 0 {
            out.push(GAP.to_string());
        }
        out.extend(word_spans(part).iter().map(|(_, w)| stem(w)));
    }
    out
}

/// A word lowercase as people type it without accents: German umlauts as "ae", "oe", "ue"
/// and "ß" as "ss" ("fuehrt", "Strasse"), other letters without their accent ("negocier",
/// "equipe"), a curly apostrophe straight; but an accent at the end of a word, where it
/// tells one word from another, stays: a French participle ("présenté", "introduced", is
/// not "presenting"), a Spanish past ("negoció" is not "negocio", a business).
pub(super) fn fold(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for (i, c) in lower.char_indices() {
        let rest = &lower[i + c.len_utf8()..];
        let last = rest.is_empty() || (c == 'é' && ["e", "s", "es"].contains(&rest));
        if last && "áéíóú".contains(c) {
            out.push(c);
            continue;
        }
        match c {
            'ä' | 'æ' => out.push_str("ae"),
            'ö' | 'œ' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            '’' => out.push('\''),
            'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' => out.push('o'),
            'ù' | 'ú' | 'û' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            c => out.push(c),
        }
    }
    out
}

/// A light stemmer: lowercase, without common English endings ("-ies" becomes "-y").
pub(super) fn stem(word: &str) -> String {
    let w = fold(word);
    // A plural or a possessive with an apostrophe: "video's", "Sam's".
    let w = match w.strip_suffix("'s") {
        Some(base) if base.chars().count() >= 3 => base.to_string(),
        _ => w,
    };
    // French elision: "l'IA", "d'équipe" are "IA", "équipe" ("j'ai" stays, not "AI").
    let w = match w.split_once('\'') {
        Some((pre, rest)) if ["l", "d", "qu"].contains(&pre) => rest.to_string(),
        _ => w,
    };
    // "studies", "applied" are "study", "apply" (not the French "appli").
    if let Some(base) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied"))
        && base.chars().count() >= 3
    {
        return format!("{base}y");
    }
    for suffix in ["ings", "ing", "ions", "ion", "es", "ed", "s", "e"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            return base.to_string();
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `one_slip` is an edit distance of one by a letter left out, added or swapped with
    /// its neighbour, and not by one letter changed: over every pair of words of up to five
    /// letters of a three-letter alphabet.
    #[test]
    fn one_slip_is_one_letter_left_out_added_or_swapped() {
        let mut words: Vec<Vec<char>> = vec![Vec::new()];
        for len in 1..=5 {
            let shorter: Vec<Vec<char>> = words
                .iter()
                .filter(|w| w.len() == len - 1)
                .cloned()
                .collect();
            for w in shorter {
                for c in ['a', 'b', 'c'] {
                    let mut longer = w.clone();
                    longer.push(c);
                    words.push(longer);
                }
            }
        }
        for a in &words {
            for b in &words {
                let (x, y): (String, String) = (a.iter().collect(), b.iter().collect());
                let mut sa = a.clone();
                let mut sb = b.clone();
                sa.sort_unstable();
                sb.sort_unstable();
                let expected =
                    strsim::osa_distance(&x, &y) == 1 && (a.len() != b.len() || sa == sb);
                assert_eq!(one_slip(a, b), expected, "{x:?} {y:?}");
            }
        }
    }
}
