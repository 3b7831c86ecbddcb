//! The program's topic vocabulary for reading replies: its topics, HR's synonyms
//! (`[pairing.synonyms]`) and the built-in paraphrases ([`paraphrases`]), matched on
//! lightly stemmed words.

use super::paraphrases::PARAPHRASES;

/// The program's topics and their synonyms, for matching free text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// (canonical topic, the stemmed word sequences that name it).
    entries: Vec<(String, Vec<Vec<String>>)>,
}

impl Vocabulary {
    /// A vocabulary of `topics` (canonical names) and `synonyms` (alias, canonical) pairs,
    /// with the built-in paraphrases of any topic or alias the table knows ("ai tools" is
    /// also "ChatGPT", "KI-Tools", "outils d'IA"). Matching ignores case and simple
    /// inflection ("negotiating" names "negotiation", "strategies" names "strategy").
    pub fn new<I, S>(topics: I, synonyms: &[(String, String)]) -> Vocabulary
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        type Entries = Vec<(String, Vec<Vec<String>>)>;
        fn add(entries: &mut Entries, canonical: &str, form: &str) {
            let canonical = canonical.trim().to_lowercase();
            let stems = stems(form);
            if canonical.is_empty() || stems.is_empty() {
                return;
            }
            match entries.iter_mut().find(|(c, _)| *c == canonical) {
                Some((_, forms)) => {
                    if !forms.contains(&stems) {
                        forms.push(stems);
                    }
                }
                None => entries.push((canonical, vec![stems])),
            }
        }
        let mut entries: Entries = Vec::new();
        for topic in topics {
            add(&mut entries, topic.as_ref(), topic.as_ref());
        }
        for (alias, canonical) in synonyms {
            add(&mut entries, canonical, canonical);
            add(&mut entries, canonical, alias);
        }
        // A paraphrase group joins the topic one of its phrases names, minus the phrases
        // that name another of the program's topics outright.
        let named: Vec<(String, Vec<Vec<String>>)> = entries.clone();
        let groups: Vec<Vec<Vec<String>>> = PARAPHRASES
            .iter()
            .map(|group| group.iter().map(|p| stems(p)).collect())
            .collect();
        for (canonical, forms) in &named {
            for (group, phrases) in PARAPHRASES.iter().zip(&groups) {
                if !phrases.iter().any(|p| forms.contains(p)) {
                    continue;
                }
                for (phrase, phrase_stems) in group.iter().zip(phrases) {
                    let other = named
                        .iter()
                        .any(|(c, f)| c != canonical && f.first() == Some(phrase_stems));
                    if !other {
                        add(&mut entries, canonical, phrase);
                    }
                }
            }
        }
        Vocabulary { entries }
    }

    /// Whether the vocabulary has no topics.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The canonical topics named in `text`, in order of first mention. The longest words
    /// win: "LinkedIn profile" names personal branding, not also social media's "LinkedIn".
    pub(super) fn find(&self, text: &str) -> Vec<(usize, String)> {
        let words = word_spans(text);
        let word_stems: Vec<String> = words.iter().map(|(_, w)| stem(w)).collect();
        // (first word, number of words, entry) of every mention of every form.
        let mut mentions: Vec<(usize, usize, usize)> = Vec::new();
        for (entry, (_, forms)) in self.entries.iter().enumerate() {
            for form in forms {
                for (at, window) in word_stems.windows(form.len()).enumerate() {
                    if window == form.as_slice() {
                        mentions.push((at, form.len(), entry));
                    }
                }
            }
        }
        mentions.sort_by_key(|&(at, len, _)| (std::cmp::Reverse(len), at));
        let mut taken = vec![false; words.len()];
        let mut found: Vec<(usize, String)> = Vec::new();
        for (at, len, entry) in mentions {
            if taken[at..at + len].iter().any(|t| *t) {
                continue;
            }
            taken[at..at + len].iter_mut().for_each(|t| *t = true);
            let canonical = &self.entries[entry].0;
            let offset = words[at].0;
            match found.iter_mut().find(|(_, c)| c == canonical) {
                Some(first) => first.0 = first.0.min(offset),
                None => found.push((offset, canonical.clone())),
            }
        }
        found.sort();
        found
    }

    /// The canonical topic a free-form item names, if the vocabulary knows it: the same
    /// words, a mention inside the item, or one word off by a letter from a known one-word
    /// topic ("Strategie" is "strategy").
    pub(super) fn canonical(&self, item: &str) -> Option<String> {
        let item_stems = stems(item);
        let exact = self
            .entries
            .iter()
            .find(|(_, forms)| forms.contains(&item_stems))
            .map(|(c, _)| c.clone());
        let near = || {
            let [word] = item_stems.as_slice() else {
                return None;
            };
            if word.chars().count() < 6 {
                return None;
            }
            self.entries
                .iter()
                .find(|(_, forms)| {
                    forms
                        .iter()
                        .any(|f| matches!(f.as_slice(), [w] if strsim::levenshtein(w, word) <= 1))
                })
                .map(|(c, _)| c.clone())
        };
        exact
            .or_else(|| self.find(item).into_iter().next().map(|(_, c)| c))
            .or_else(near)
    }
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
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

fn stems(text: &str) -> Vec<String> {
    word_spans(text).iter().map(|(_, w)| stem(w)).collect()
}

/// A light stemmer: lowercase, without common English endings ("-ies" becomes "-y").
fn stem(word: &str) -> String {
    let w = word.to_lowercase().replace('’', "'");
    // French elision: "l'IA", "d'équipe" are "IA", "équipe" ("j'ai" stays, not "AI").
    let w = match w.split_once('\'') {
        Some((pre, rest)) if ["l", "d", "qu"].contains(&pre) => rest.to_string(),
        _ => w,
    };
    if let Some(base) = w.strip_suffix("ies")
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
