//! The program's topic vocabulary for reading replies: its topics, HR's synonyms
//! (`[pairing.synonyms]`) and the built-in paraphrases ([`paraphrases`]), matched on
//! lightly stemmed words; a one-word form of six letters or more also names a topic at the
//! head or the end of a compound ("Karriereplanung", "jaarbudget", "budgetteren"), and the
//! French verb "ai" ("je lui ai montré") is not AI. A one-word form of eight letters or more
//! is also read misspelt by a letter left out, added or swapped ("stakholdern"); a phrase may
//! have a gap ("daten … schützen") and words that only grade ("plus", "besser") between its
//! words; "LinkedIn" in a sentence about a personal brand is the brand's (so are the apps in
//! one about privacy, a pitch in one about a brand, home office in one about a generation),
//! and "Claude" doing what a person does is a person. Words are read as typed without
//! umlauts or accents ("fuehrt", "negocier"); an accent at a word's end stays ("négocié",
//! "negoció" is not "negocio"). What names something else ("careers page", "leadership
//! team") and what describes a person ("for someone who has approved budgets") is no topic.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::paraphrases;
use words::{GAP, fold, one_slip, stem, stems, word_spans};

mod cue_words;
mod cues;
mod words;

/// The program's topics and their synonyms, for matching free text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// (canonical topic, the stemmed word sequences that name it).
    entries: Vec<(String, Vec<Vec<String>>)>,
    /// (entry, a one-word form as written, lowercase, of six letters or more): what names
    /// the entry at the head or the end of a compound ([`Vocabulary::in_compound`]).
    heads: Vec<Head>,
    /// (entry, its cue words): what tells the entry in a sentence that names no topic
    /// ([`Vocabulary::guess`]).
    cues: Vec<(usize, usize)>,
    /// The forms by the first stem of their words before any gap: (entry, form) indices
    /// into `entries`, in their order there, so that a text's words are only tried against
    /// the forms that begin with them.
    by_first: HashMap<String, Vec<(usize, usize)>>,
}

/// Which of two mentions as long and at the same word is taken: (0, entry, form) for a form
/// of the vocabulary, in its order; (1, the index in [`NOT_TOPICS`], 0) for what is no
/// topic; (2, 0, 0) for a compound or a misspelling.
type Rank = (u8, usize, usize);

/// [`CHANNELS`] stemmed, once: (channel, the topic it serves).
static CHANNEL_STEMS: LazyLock<Vec<(Vec<String>, Vec<String>)>> = LazyLock::new(|| {
    CHANNELS
        .iter()
        .map(|(channel, topic)| (stems(channel), stems(topic)))
        .collect()
});

/// [`DESCRIBED`] folded, once.
static DESCRIBED_FOLDED: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    DESCRIBED
        .iter()
        .map(|words| words.iter().map(|w| fold(w)).collect())
        .collect()
});

/// A one-word form that names its entry in a compound or misspelt
/// ([`Vocabulary::in_compound`], [`Vocabulary::misspelt`]): folded, and its letters.
#[derive(Debug, Clone, PartialEq)]
struct Head {
    entry: usize,
    word: String,
    letters: Vec<char>,
}

/// [`NOT_TOPICS`] stemmed, once.
static NOT_TOPIC_STEMS: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| NOT_TOPICS.iter().map(|f| stems(f)).collect());

/// The least letters of a form read inside a compound, and of the rest of the compound.
const LEAST_HEAD: usize = 6;
const LEAST_REST: usize = 4;
/// The least letters of a one-word form, and of a word, read as misspelt.
const LEAST_MISSPELT: usize = 8;

const MOST_BETWEEN: usize = 3;

/// Words that only grade the next ("more", "plus", "besser"): skipped inside a form.
const GRADING: &[&str] = &[
    "more",
    "really",
    "mehr",
    "besser",
    "sehr",
    "wirklich",
    "plus",
    "mieux",
    "très",
    "vraiment",
    "más",
    "mejor",
    "muy",
    "realmente",
    "meer",
    "beter",
    "zeer",
    "echt",
];

/// Words that name a topic as a channel of another: alone in a sentence that names the
/// other, they are the other's ("LinkedIn" for a personal brand is not social media; the
/// apps on a phone that share what they know of you are privacy, not mobile apps; the
/// 30-second pitch of a personal brand is not public speaking).
const CHANNELS: &[(&str, &str)] = &[
    ("linkedin", "personal branding"),
    ("app", "digital privacy"),
    ("apps", "digital privacy"),
    ("applis", "digital privacy"),
    ("aplicaciones", "digital privacy"),
    ("pitch", "personal branding"),
    // A clip made for LinkedIn is the clip's: the network is where it goes.
    ("linkedin", "video content"),
    // "the instagram reels stuff": reels as a channel's format.
    ("reels", "social media"),
    // Working from home as what a generation wants of work is that generation's view.
    ("homeoffice", "gen z perspective"),
    ("wfh", "gen z perspective"),
    ("teletravail", "gen z perspective"),
    ("teletrabajo", "gen z perspective"),
    ("thuiswerken", "gen z perspective"),
    ("home office", "gen z perspective"),
    ("hybrid work", "gen z perspective"),
    ("remote work", "gen z perspective"),
    ("hybrides arbeiten", "gen z perspective"),
    ("travail hybride", "gen z perspective"),
    ("travail à distance", "gen z perspective"),
    ("trabajo híbrido", "gen z perspective"),
    ("trabajo remoto", "gen z perspective"),
    ("hybride werken", "gen z perspective"),
    // Careers as a generation sees them ("hoe haar generatie naar werk en loopbaan kijkt").
    ("career", "gen z perspective"),
    ("careers", "gen z perspective"),
    ("karriere", "gen z perspective"),
    ("carrière", "gen z perspective"),
    ("carrera", "gen z perspective"),
    ("loopbaan", "gen z perspective"),
    // The apps a generation picks are that generation's view ("how people of her age
    // discover a new app").
    ("apps", "gen z perspective"),
    ("applis", "gen z perspective"),
    ("aplicaciones", "gen z perspective"),
    // The analytics of a social network are the network's ("our TikTok analytics").
    ("analytics", "social media"),
];

/// Words that contain a topic's words but name something else: a company's careers page
/// is not anyone's career path, its leadership team not the leading of a team.
const NOT_TOPICS: &[&str] = &[
    "careers page",
    // Spanish formal "hereby" ("Por la presente les informo…"), no presenting.
    "por la presente",
    "por medio de la presente",
    "careers pages",
    "career page",
    "careers site",
    "careers website",
    "leadership team",
    "leadership teams",
    "leadership offsite",
    "leadership meeting",
    // Events of the leaders: a forum, a summit, an offsite is no talk about leading.
    "leadership forum",
    "leadership summit",
    "leadership conference",
    "leadership retreat",
    "leadership event",
    "leadership day",
    "leadership off-site",
    "führungskräftetagung",
    "führungskräftetreffen",
    "führungskräfteklausur",
    "führungskräftekonferenz",
    "führungskonferenz",
    "führungsklausur",
    "séminaire de leadership",
    "forum leadership",
    "cumbre de liderazgo",
    "foro de liderazgo",
    "encuentro de liderazgo",
    "reunión de liderazgo",
    "leiderschapsdag",
    "leiderschapsevent",
    "leiderschapsconferentie",
    "leiderschapstop",
    // A post applied for is a career step, not the leading of a team.
    "team lead opening",
    "team lead role",
    "team lead position",
    "team lead job",
    "team lead vacancy",
    "team leader opening",
    "team leader role",
    "team leader position",
    "team leader job",
    "team leader vacancy",
    "equipo de liderazgo",
    "führungsteam",
    "führungskreis",
    "führungsrunde",
    "leiderschapsteam",
];

/// Words that begin a description of a person ("for someone who has approved budgets for
/// twenty years", "pour quelqu'un qui gère des budgets"): what the rest of the clause names
/// is who they are, not what the pair talked about. Lowercase words, commas allowed between;
/// not "moi qui", which is also "c'est moi qui lui ai montré", the talk itself.
const DESCRIBED: &[&[&str]] = &[
    &["for", "someone", "who"],
    &["for", "somebody", "who"],
    &["as", "someone", "who"],
    &["as", "somebody", "who"],
    &["für", "jemanden", "der"],
    &["als", "jemand", "der"],
    &["pour", "quelqu'un", "qui"],
    &["para", "alguien", "que"],
    &["como", "alguien", "que"],
    &["voor", "iemand", "die"],
    &["als", "iemand", "die"],
];

/// The words a compound ends with that name a topic though shorter than
/// [`LEAST_HEAD`] ("klantenapp", "Banking-App" is two words), with the least letters
/// before them; and the compounds that do not ("WhatsApp" is a chat).
const SHORT_ENDS: &[&str] = &["app", "apps"];
const LEAST_BEFORE_SHORT_END: usize = 5;
const NOT_COMPOUNDS: &[&str] = &["whatsapp", "whatsapps"];
/// The fronts (folded) that make a compound another word than its end: "Durchführung",
/// "Geschäftsführung" and "Buchführung" are no "Führung" of a team.
const OTHER_WORD_FRONTS: &[&str] = &[
    "durch",
    "geschaefts",
    "ueber",
    "buch",
    "fort",
    "weiter",
    "rueck",
    "unter",
];

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
        let mut heads: Vec<(usize, String)> = Vec::new();
        let mut add = |entries: &mut Entries, canonical: &str, form: &str| {
            let canonical = canonical.trim().to_lowercase();
            let stems = stems(form);
            if canonical.is_empty() || stems.is_empty() {
                return;
            }
            let entry = match entries.iter().position(|(c, _)| *c == canonical) {
                Some(entry) => {
                    if !entries[entry].1.contains(&stems) {
                        entries[entry].1.push(stems.clone());
                    }
                    entry
                }
                None => {
                    entries.push((canonical, vec![stems.clone()]));
                    entries.len() - 1
                }
            };
            let head = fold(form.trim());
            if stems.len() == 1
                && head.chars().count() >= LEAST_HEAD
                && head.chars().all(char::is_alphabetic)
                && !heads.iter().any(|(e, h)| *e == entry && *h == head)
            {
                heads.push((entry, head));
            }
        };
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
        let texts: Vec<Vec<&str>> = paraphrases::groups().collect();
        let groups: Vec<Vec<Vec<String>>> = texts
            .iter()
            .map(|group| group.iter().map(|p| stems(p)).collect())
            .collect();
        for (canonical, forms) in &named {
            for (group, phrases) in texts.iter().zip(&groups) {
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
        let mut by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (entry, (_, forms)) in entries.iter().enumerate() {
            for (i, form) in forms.iter().enumerate() {
                if let Some(first) = form.first().filter(|w| *w != GAP) {
                    by_first.entry(first.clone()).or_default().push((entry, i));
                }
            }
        }
        let heads = heads
            .into_iter()
            .map(|(entry, word)| Head {
                entry,
                letters: word.chars().collect(),
                word,
            })
            .collect();
        // The cues of a built-in group go to the topic the group joined.
        let cues = cues::CUES
            .iter()
            .enumerate()
            .filter_map(|(group, (name, _))| {
                let name = stems(name);
                let entry = entries
                    .iter()
                    .position(|(_, forms)| forms.contains(&name))?;
                Some((entry, group))
            })
            .collect();
        Vocabulary {
            entries,
            heads,
            cues,
            by_first,
        }
    }

    /// Whether the vocabulary has no topics.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The canonical topics named in `text`, in order of first mention. The longest words
    /// win: "LinkedIn profile" names personal branding, not also social media's "LinkedIn";
    /// a word that names nothing whole may name a topic as part of a compound
    /// ([`Vocabulary::in_compound`]).
    pub(super) fn find(&self, text: &str) -> Vec<(usize, String)> {
        let words = word_spans(text);
        let word_stems: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(i, (_, w))| {
                let before = i.checked_sub(1).map(|b| words[b].1);
                let after: Vec<&str> = words[i + 1..].iter().take(2).map(|(_, a)| *a).collect();
                if is_french_ai(before, w) || is_a_person(before, w, &after) {
                    String::new()
                } else {
                    stem(w)
                }
            })
            .collect();
        // The words read, without the ones that only grade another ("langage plus inclusif",
        // "Daten besser schützen"): a form's words may have them between.
        let kept: Vec<usize> = (0..words.len())
            .filter(|&i| !GRADING.contains(&words[i].1.to_lowercase().as_str()))
            .collect();
        let kept_stems: Vec<&String> = kept.iter().map(|&i| &word_stems[i]).collect();
        // (first word, number of words, entry) of every mention of every form, with the
        // order they are taken in when two are as long and begin at the same word: the
        // forms in the vocabulary's order, then what is no topic, then compounds.
        let mut mentions: Vec<(usize, usize, usize, Rank)> = Vec::new();
        for j in 0..kept_stems.len() {
            let Some(candidates) = self.by_first.get(kept_stems[j].as_str()) else {
                continue;
            };
            for &(entry, form_at) in candidates {
                let form = &self.entries[entry].1[form_at];
                // "daten … schützen": the words after the gap within a few of the first.
                let mut parts = form.split(|w| w == GAP);
                let head = parts.next().unwrap_or_default();
                let rest: Vec<&[String]> = parts.collect();
                if !starts_with(&kept_stems[j..], head) {
                    continue;
                }
                let mut end = j + head.len();
                let all = rest.iter().all(|part| {
                    // Within the clause: no punctuation between.
                    let next = (end..=end + MOST_BETWEEN).find(|&k| {
                        k < kept_stems.len()
                            && starts_with(&kept_stems[k..], part)
                            && !text[words[kept[end - 1]].0..words[kept[k]].0]
                                .contains([',', '.', ';', ':', '!', '?', '\n', '(', ')'])
                    });
                    next.is_some_and(|k| {
                        let gap = &kept_stems[end..k];
                        // "mit Python-Skripten": a topic's word joined to the form's last
                        // words qualifies them, and they are that topic's.
                        let joined = k > end && {
                            let (at, word) = words[kept[k - 1]];
                            text.get(at + word.len()..words[kept[k]].0) == Some("-")
                        };
                        let qualified =
                            joined && gap.last().is_some_and(|w| self.names_another(w, entry));
                        end = k + part.len();
                        !qualified && !owned_by_the_rest(gap, |w| self.names_another(w, entry))
                    })
                });
                if all {
                    // A form with a gap takes only its first words: the words between
                    // may name another topic.
                    let last = kept[j + head.len() - 1];
                    mentions.push((kept[j], last - kept[j] + 1, entry, (0, entry, form_at)));
                }
            }
        }
        // What only looks like a topic ("careers page") takes its words from the topics.
        let none = self.entries.len();
        for (i, form) in NOT_TOPIC_STEMS.iter().enumerate() {
            for j in 0..kept_stems.len() {
                if starts_with(&kept_stems[j..], form) {
                    let last = kept[j + form.len() - 1];
                    mentions.push((kept[j], last - kept[j] + 1, none, (1, i, 0)));
                }
            }
        }
        // Compounds after whole words: "Karriereplanung" is career path, where no form of
        // another topic is the whole word.
        let whole: Vec<bool> = (0..words.len())
            .map(|i| {
                mentions
                    .iter()
                    .any(|&(at, len, _, _)| at <= i && i < at + len)
            })
            .collect();
        for (at, (_, word)) in words.iter().enumerate() {
            if !whole[at]
                && let Some(entry) = self
                    .in_compound(word)
                    .or_else(|| self.misspelt(word))
                    .or_else(|| self.short_end(word))
            {
                mentions.push((at, 1, entry, (2, 0, 0)));
            }
        }
        mentions.sort_by_key(|&(at, len, _, order)| (std::cmp::Reverse(len), at, order));
        let mut taken = vec![false; words.len()];
        let mut read: Vec<(usize, usize, usize)> = Vec::new();
        for (at, len, entry, _) in mentions {
            if taken[at..at + len].iter().any(|t| *t) {
                continue;
            }
            taken[at..at + len].iter_mut().for_each(|t| *t = true);
            read.push((at, len, entry));
        }
        // A channel ("LinkedIn") in a sentence that names the topic it serves there ("ma
        // marque personnelle sur LinkedIn") is that topic's, not its own (social media).
        let sentence = |at: usize| {
            text[..words[at].0]
                .rfind(['.', '!', '?', '\n', ';'])
                .map_or(0, |p| p + 1)
        };
        let served = |at: usize, topic: &Vec<String>| {
            // What is no topic (`none`) serves nothing.
            read.iter().any(|&(other, _, entry)| {
                self.entries
                    .get(entry)
                    .is_some_and(|(_, forms)| forms.contains(topic))
                    && sentence(other) == sentence(at)
            })
        };
        let channel = |at: usize, len: usize| {
            CHANNEL_STEMS
                .iter()
                .any(|(c, topic)| word_stems[at..at + len] == c[..] && served(at, topic))
        };
        let described = described(text, &words);
        let read: Vec<(usize, usize, usize)> = read
            .iter()
            .copied()
            .filter(|&(at, len, entry)| {
                entry != none && !channel(at, len) && !described.iter().any(|r| r.contains(&at))
            })
            .collect();
        let mut found: Vec<(usize, String)> = Vec::new();
        for (at, _, entry) in read {
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

    /// Whether a stemmed word is by itself a form of an entry other than `entry`
    /// ([`owned_by_the_rest`]).
    fn names_another(&self, word: &str, entry: usize) -> bool {
        self.entries.iter().enumerate().any(|(e, (_, forms))| {
            e != entry
                && forms
                    .iter()
                    .any(|f| matches!(f.as_slice(), [w] if w == word))
        })
    }

    /// The entry one of whose one-word forms of eight letters or more `word` is, misspelt by
    /// one letter left out, added or swapped with the next ("stakholdern", "negotation",
    /// "presentaiton"); not by one letter changed, which is as often another word
    /// ("preventing" is not "presenting").
    fn misspelt(&self, word: &str) -> Option<usize> {
        let word = fold(word);
        let letters: Vec<char> = word.chars().collect();
        if letters.len() < LEAST_MISSPELT || !letters.iter().all(|c| c.is_alphabetic()) {
            return None;
        }
        self.heads
            .iter()
            .find(|head| head.letters.len() >= LEAST_MISSPELT && one_slip(&head.letters, &letters))
            .map(|head| head.entry)
    }

    /// The entry a compound ending in a short word of a topic names ("klantenapp" is mobile
    /// apps), when enough letters come before it and it is not a name of its own
    /// ("WhatsApp").
    fn short_end(&self, word: &str) -> Option<usize> {
        let word = fold(word);
        if !word.chars().all(char::is_alphabetic) || NOT_COMPOUNDS.contains(&word.as_str()) {
            return None;
        }
        let end = SHORT_ENDS.iter().find(|end| {
            word.strip_suffix(**end)
                .is_some_and(|before| before.chars().count() >= LEAST_BEFORE_SHORT_END)
        })?;
        let form = stems(end);
        self.entries
            .iter()
            .position(|(_, forms)| forms.contains(&form))
    }

    /// The entry one of whose one-word forms of six letters or more, as written, begins or
    /// ends `word` with four letters or more besides: German and Dutch compounds
    /// ("Karriereplanung", "Datenschutzerklärung", "jaarbudget") and Dutch verbs made of a
    /// noun ("budgetteren"); not "automatically" or "promotional", whose rest is an ending.
    /// The longest such form wins.
    fn in_compound(&self, word: &str) -> Option<usize> {
        let word = fold(word);
        let letters = word.chars().count();
        if letters < LEAST_HEAD + LEAST_REST || !word.chars().all(char::is_alphabetic) {
            return None;
        }
        self.heads
            .iter()
            .filter(|head| {
                letters >= head.letters.len() + LEAST_REST
                    && (word.starts_with(head.word.as_str())
                        || word
                            .strip_suffix(head.word.as_str())
                            .is_some_and(|front| !OTHER_WORD_FRONTS.contains(&front)))
            })
            .max_by_key(|head| head.letters.len())
            .map(|head| head.entry)
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

/// Whether `word` is the French verb "ai" ("je lui ai montré", "je l'ai vu", "j'en ai parlé"),
/// not the acronym: lowercase, after a pronoun, or elided into "l'ai", "n'ai".
fn is_french_ai(before: Option<&str>, word: &str) -> bool {
    if word.len() < 2 || !word.as_bytes()[word.len() - 2..].eq_ignore_ascii_case(b"ai") {
        return false;
    }
    let w = word.replace('’', "'");
    if ["l'ai", "n'ai", "m'ai", "t'ai"].contains(&w.to_lowercase().as_str()) {
        return true;
    }
    // Not after "en" or "y": Dutch and Spanish for "and" ("cloud en ai").
    let before = before.map(|b| b.to_lowercase().replace('’', "'"));
    w == "ai"
        && before.is_some_and(|b| {
            ["je", "lui", "leur", "vous", "nous", "les", "te", "me"].contains(&b.as_str())
                || b.ends_with("'en")
                || b.ends_with("'y")
        })
}

/// Words that make what follows the owner of what comes before ("the budget of the team").
const OWNED_BY: &[&str] = &["of", "de", "del", "des", "du", "der", "van"];

/// Whether the gap of a form ("gère … équipe") holds what the verb is about, another topic,
/// with the form's last words only its owner: "il gère le budget de l'équipe", "steers the
/// budget of the team", "gestiona el presupuesto del equipo" are budgeting, not leading a
/// team. Stems of the gap's words; `other` tells a word that names another topic.
fn owned_by_the_rest(gap: &[&String], other: impl Fn(&str) -> bool) -> bool {
    gap.iter().enumerate().any(|(i, w)| {
        other(w)
            && gap[i + 1..]
                .iter()
                .any(|link| OWNED_BY.contains(&link.as_str()))
    })
}

/// Whether `words` begin with `form`.
fn starts_with(words: &[&String], form: &[String]) -> bool {
    words.len() >= form.len() && words.iter().zip(form).all(|(w, f)| *w == f)
}

/// Whether a brand that is also a first name ("Claude") is a person here: followed by what
/// a person does ("Claude m'a montré", "Claude hat mir", "Claude helped") or after "with"
/// ("avec Claude", "mit Claude"), or with the writer ("Claude et moi", "Claude und ich").
fn is_a_person(before: Option<&str>, word: &str, after: &[&str]) -> bool {
    const NAMES: &[&str] = &["claude"];
    const DOES: &[&str] = &[
        "m'a",
        "m’a",
        "a",
        "est",
        "était",
        "hat",
        "ist",
        "war",
        "heeft",
        "is",
        "was",
        "has",
        "had",
        "helped",
        "showed",
        "told",
        "said",
        "explained",
        "asked",
        "me",
        "mir",
        "mij",
        "nous",
        "lui",
    ];
    const WITH: &[&str] = &["with", "avec", "mit", "met", "con"];
    const AND_I: &[[&str; 2]] = &[
        ["and", "i"],
        ["and", "me"],
        ["et", "moi"],
        ["und", "ich"],
        ["y", "yo"],
        ["en", "ik"],
    ];
    if !NAMES.iter().any(|name| word.eq_ignore_ascii_case(name)) {
        return false;
    }
    let after: Vec<String> = after.iter().map(|a| a.to_lowercase()).collect();
    let with_me = after.len() == 2 && AND_I.iter().any(|pair| pair == after.as_slice());
    NAMES.contains(&word.to_lowercase().as_str())
        && (after.first().is_some_and(|a| DOES.contains(&a.as_str()))
            || with_me
            || before.is_some_and(|b| WITH.contains(&b.to_lowercase().as_str())))
}

/// The word ranges (indices into `words`) that describe a person ([`DESCRIBED`]): from
/// after the words that begin it to the end of its clause.
fn described(text: &str, words: &[(usize, &str)]) -> Vec<std::ops::Range<usize>> {
    let lower: Vec<String> = words.iter().map(|(_, w)| fold(w)).collect();
    let mut out = Vec::new();
    for start in 0..words.len() {
        for begin in DESCRIBED_FOLDED.iter() {
            let n = begin.len();
            if start + n > words.len() || !begin.iter().zip(&lower[start..]).all(|(b, w)| b == w) {
                continue;
            }
            // Only a comma or spaces between its words ("für jemanden, der").
            let between = &text[words[start].0..words[start + n - 1].0];
            let inner = between
                .char_indices()
                .filter(|(i, _)| {
                    !(start..start + n).any(|k| {
                        let (at, w) = words[k];
                        let at = at - words[start].0;
                        (at..at + w.len()).contains(i)
                    })
                })
                .all(|(_, c)| c.is_whitespace() || c == ',');
            if !inner {
                continue;
            }
            let from = start + n;
            let mut to = from;
            while to < words.len() {
                let before = &text[words[to - 1].0 + words[to - 1].1.len()..words[to].0];
                if to > from && before.contains([',', '.', ';', ':', '!', '?', '\n', '(', ')']) {
                    break;
                }
                to += 1;
            }
            out.push(from..to);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example program's topics.
    fn vocabulary() -> Vocabulary {
        Vocabulary::new(
            [
                "ai tools",
                "automation",
                "budgeting",
                "career path",
                "data literacy",
                "digital privacy",
                "leading teams",
                "mobile apps",
                "negotiation",
                "personal branding",
                "remote collaboration",
                "social media",
                "stakeholder management",
                "strategy",
                "video content",
            ],
            &[],
        )
    }

    fn topics(text: &str) -> Vec<String> {
        let mut found: Vec<String> = vocabulary()
            .find(text)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        found.sort();
        found
    }

    #[test]
    fn paraphrases_compounds_and_inflections_in_five_languages() {
        for (text, want) in [
            (
                "she showed me CapCut for video editing",
                &["video content"][..],
            ),
            (
                "we discussed working remotely with distributed teams",
                &["remote collaboration"],
            ),
            ("how to lead a team through change", &["leading teams"]),
            (
                "ich habe ihm Tipps zur Karriereplanung gegeben",
                &["career path"],
            ),
            // A front that makes another word: conducting, the executive board.
            ("die Durchführung der Interviews mit Kunden", &[]),
            ("mit Fachabteilungen und Geschäftsführung", &[]),
            ("Tipps zur Teamführung", &["leading teams"]),
            // The team conducting something is not leading it.
            ("wie sein Team Interviews führt", &[]),
            ("wie er sein Team führt", &["leading teams"]),
            ("über digitale Privatsphäre im Netz", &["digital privacy"]),
            (
                "Thema: Remote-Zusammenarbeit und Datenschutzerklärung",
                &["digital privacy", "remote collaboration"],
            ),
            ("wie man Videos schneiden kann", &["video content"]),
            (
                "Il m’a montré comment monter de courtes vidéos",
                &["video content"],
            ),
            (
                "la confidentialité des données et la marque perso",
                &["digital privacy", "personal branding"],
            ),
            ("Hablamos de su trayectoria profesional", &["career path"]),
            (
                "presupuestos y planificación estratégica",
                &["budgeting", "strategy"],
            ),
            (
                "cómo grabar videos cortos y colaboración remota",
                &["remote collaboration", "video content"],
            ),
            ("hoe hij zijn jaarbudget opstelt", &["budgeting"]),
            ("veel geleerd over budgetteren", &["budgeting"]),
            ("hoe hij onderhandelt met leveranciers", &["negotiation"]),
            (
                "over video's maken en remote samenwerken",
                &["remote collaboration", "video content"],
            ),
            ("hoe je een team aanstuurt", &["leading teams"]),
            (
                "Tipps zur Gehaltsverhandlung mit den Stakeholdern",
                &["negotiation", "stakeholder management"],
            ),
            ("wie er mit den sozialen Medien umgeht", &["social media"]),
            (
                "las automatizaciones y las negociaciones",
                &["automation", "negotiation"],
            ),
            (
                "onze budgetten en de sociale netwerken",
                &["budgeting", "social media"],
            ),
        ] {
            assert_eq!(topics(text), want, "{text}");
        }
    }

    /// The example program's topics, with the ones the tests above leave out.
    fn all_topics(text: &str) -> Vec<String> {
        let v = Vocabulary::new(
            [
                "ai tools",
                "automation",
                "budgeting",
                "data literacy",
                "digital privacy",
                "gen z perspective",
                "inclusive language",
                "leading teams",
                "mobile apps",
                "negotiation",
                "personal branding",
                "public speaking",
                "remote collaboration",
                "social media",
                "spreadsheets to python",
                "stakeholder management",
                "ux research",
                "video content",
            ],
            &[],
        );
        let mut found: Vec<String> = v.find(text).into_iter().map(|(_, t)| t).collect();
        found.sort();
        found
    }

    #[test]
    fn brands_paraphrases_and_verbs_name_their_topic_in_five_languages() {
        for (text, want) in [
            (
                "I showed her how I use Claude and Gemini",
                &["ai tools"][..],
            ),
            (
                "ich hab ihm Copilot und andere KI-Assistenten gezeigt",
                &["ai tools"],
            ),
            ("les assistants IA pour rédiger", &["ai tools"]),
            ("cómo usa los asistentes de IA", &["ai tools"]),
            ("hoe ik AI-assistenten gebruik", &["ai tools"]),
            (
                "how we use TikTok and Instagram for hiring",
                &["social media"],
            ),
            (
                "Sanne liet zien hoe ze korte filmpjes maakt voor Instagram",
                &["social media", "video content"],
            ),
            (
                "wie man kurze Videos fürs Intranet schneidet",
                &["video content"],
            ),
            ("elle m'a appris à tourner des vidéos", &["video content"]),
            ("cómo hacer videos para la intranet", &["video content"]),
            (
                "wie ich im Meeting souveräner präsentiere",
                &["public speaking"],
            ),
            ("cómo presentar ante la dirección", &["public speaking"]),
            ("comment présenter devant un comité", &["public speaking"]),
            ("hoe ik mijn verhaal presenteer", &["public speaking"]),
            ("how to do investigación con usuarios", &["ux research"]),
            ("on a parlé de tests utilisateurs", &["ux research"]),
            ("wie sie Nutzerinterviews führt", &["ux research"]),
            ("hoe zij gebruikerstests opzet", &["ux research"]),
            ("cómo manejo a los directivos", &["stakeholder management"]),
            ("comment gérer sa hiérarchie", &["stakeholder management"]),
            (
                "wie er mit dem Vorstand umgeht",
                &["stakeholder management"],
            ),
            ("omgaan met het management", &["stakeholder management"]),
            ("managing expectations upwards", &["stakeholder management"]),
            ("comment lire un tableau de bord", &["data literacy"]),
            ("wie man eine Datenvisualisierung baut", &["data literacy"]),
            ("ses tableaux de bord commerciaux", &["data literacy"]),
            ("hoe je een datavisualisatie maakt", &["data literacy"]),
            ("wat ze op Insta post", &["social media"]),
            ("sobre visualización de datos", &["data literacy"]),
            ("wie man Kennzahlen liest", &["data literacy"]),
            ("cómo leer los datos de ventas", &["data literacy"]),
            ("hoe je data leest en cijfers lezen", &["data literacy"]),
            (
                "hoe wij samenwerken nu iedereen hybride werkt",
                &["remote collaboration"],
            ),
            (
                "we werken veel op afstand samen, online samenwerken",
                &["remote collaboration"],
            ),
            ("wie ich meine Daten besser schütze", &["digital privacy"]),
            (
                "wie ich meine Daten am Handy besser schütze",
                &["digital privacy"],
            ),
            ("hoe je je gegevens online beschermt", &["digital privacy"]),
            ("how to protect your personal data", &["digital privacy"]),
            (
                "wie man Videos für Instagram schneidet",
                &["social media", "video content"],
            ),
            ("hoe hij zijn grote team aanstuurt", &["leading teams"]),
            ("comment protéger ses données", &["digital privacy"]),
            ("proteger mis datos en el móvil", &["digital privacy"]),
            (
                "comment rédiger avec un langage plus inclusif",
                &["inclusive language"],
            ),
            ("un lenguaje más inclusivo", &["inclusive language"]),
            (
                "cómo Javier lidera a un equipo de 30 personas",
                &["leading teams"],
            ),
            ("how she runs a team of twelve", &["leading teams"]),
            ("wie er ein Team führt", &["leading teams"]),
            ("comment il encadre une équipe", &["leading teams"]),
            ("hoe hij een team leidt, leiding geven", &["leading teams"]),
            (
                "Noah hat mir gezeigt, wie er Routineaufgaben automatisiert",
                &["automation"],
            ),
            ("comment il a automatisé ses rapports", &["automation"]),
            // Misspelt long words.
            (
                "wie er mit den stakholdern umgeht",
                &["stakeholder management"],
            ),
            ("tips for negotation", &["negotiation"]),
            // LinkedIn for a personal brand is the brand, not social media.
            (
                "comment se servir de LinkedIn pour travailler sa marque personnelle",
                &["personal branding"],
            ),
            ("marca personal en LinkedIn", &["personal branding"]),
            (
                "LinkedIn for recruiting. My personal brand too.",
                &["personal branding", "social media"],
            ),
        ] {
            let want: Vec<String> = want.iter().map(|w| w.to_string()).collect();
            assert_eq!(all_topics(text), want, "{text}");
        }
    }

    #[test]
    fn words_that_only_touch_a_topic_are_not_one() {
        for text in [
            // Excel macros replaced by Python are the Python topic, not automation.
            "je lui ai montré Python pour remplacer ses macros Excel",
            // One letter changed is another word.
            "preventing problems early",
            // Grading words alone, and a plain look.
            "plus tard, mehr nicht, más o menos",
            "miro el correo cada mañana",
            "we're tracking our goals",
            // Too far apart to be one phrase.
            "die Daten kamen spät, wir mussten das Projekt schützen",
            "we got the data late and had to protect the timeline",
        ] {
            let found: Vec<String> = all_topics(text)
                .into_iter()
                .filter(|t| t != "spreadsheets to python")
                .collect();
            assert_eq!(found, Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn words_that_only_look_like_a_topic_are_not_one() {
        for text in [
            // French "ai" is the verb.
            "je lui ai donné des conseils",
            "je l'ai trouvé très utile",
            "j'en ai parlé à mon équipe",
            // An English ending is not a compound.
            "it updated automatically",
            "a promotional event",
            // In confidence, not privacy.
            "en toute confidentialité",
        ] {
            assert_eq!(topics(text), Vec::<String>::new(), "{text}");
        }
        // The acronym still is, in capitals or after "and".
        assert_eq!(
            topics("on a parlé de l'IA et je lui ai montré AI tools"),
            ["ai tools"]
        );
        assert_eq!(topics("cloud en ai"), ["ai tools"]);
    }

    #[test]
    fn verbs_before_their_object_and_brands_that_are_names() {
        for (text, want) in [
            ("Claude m'a expliqué son parcours", &[][..]),
            ("avec Claude, on a parlé carrière", &[]),
            ("Claude et moi, on s'est vus mardi", &[]),
            ("Claude hat mir seine Laufbahn erklärt", &[]),
            (
                "I use Claude and a couple of other assistants",
                &["ai tools"],
            ),
            (
                "elle m'a montré comment elle monte ses vidéos",
                &["video content"],
            ),
            (
                "cómo edita sus vídeos para TikTok",
                &["social media", "video content"],
            ),
            ("comment prendre la parole en réunion", &["public speaking"]),
            ("cómo gestiona a sus jefes", &["stakeholder management"]),
            ("comment elle manage son équipe", &["leading teams"]),
            ("cómo dirige a su equipo", &["leading teams"]),
            ("how she manages her team of 8", &["leading teams"]),
            ("on a parlé de données et de KPI", &["data literacy"]),
            (
                "comment travailler avec une équipe à distance",
                &["remote collaboration"],
            ),
            (
                "comment mener des entretiens avec des utilisateurs",
                &["ux research"],
            ),
            ("wie man Nutzer befragt", &["ux research"]),
            ("the data we share without knowing", &[]),
            ("je lui ai présenté mon équipe", &[]),
            ("we had an instant connection", &[]),
            ("an async meeting about the budget", &["budgeting"]),
            (
                "how her team is working async across time zones",
                &["remote collaboration"],
            ),
            ("wie wir asynchron arbeiten", &["remote collaboration"]),
            ("le travail asynchrone en équipe", &["remote collaboration"]),
            ("hoe je asynchroon werken regelt", &["remote collaboration"]),
            ("il m'a montré le bord du tableau", &[]),
        ] {
            let want: Vec<String> = want.iter().map(|w| w.to_string()).collect();
            assert_eq!(all_topics(text), want, "{text}");
        }
    }

    /// The example program's 21 topics (`config/participants.csv`).
    fn program_topics(text: &str) -> Vec<String> {
        let v = Vocabulary::new(
            [
                "ai tools",
                "automation",
                "budgeting",
                "career path",
                "cloud basics",
                "data literacy",
                "digital privacy",
                "gen z perspective",
                "inclusive language",
                "leading teams",
                "mobile apps",
                "negotiation",
                "personal branding",
                "public speaking",
                "remote collaboration",
                "social media",
                "spreadsheets to python",
                "stakeholder management",
                "strategy",
                "ux research",
                "video content",
            ],
            &[],
        );
        let mut found: Vec<String> = v.find(text).into_iter().map(|(_, t)| t).collect();
        found.sort();
        found
    }

    fn check(cases: &[(&str, &[&str])]) {
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|(text, want)| {
                let want: Vec<String> = want.iter().map(|w| w.to_string()).collect();
                let got = program_topics(text);
                (got != want).then(|| format!("{text}: got {got:?}, want {want:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn topics_said_by_what_was_done_in_five_languages() {
        check(&[
            // Leading a team: its people, its conflicts, the role.
            (
                "how he deals with an underperformer on his team",
                &["leading teams"],
            ),
            ("wie sie Konflikte im Team löst", &["leading teams"]),
            (
                "comment elle gère un conflit dans son équipe",
                &["leading teams"],
            ),
            ("cómo dirijo un equipo de doce personas", &["leading teams"]),
            (
                "hoe hij als leidinggevende omgaat met iemand",
                &["leading teams"],
            ),
            (
                "hoe je als nieuwe teamleider feedback geeft",
                &["leading teams"],
            ),
            ("how he handles a department of 30", &["leading teams"]),
            // Negotiation: haggling, suppliers.
            ("how I haggle on price with a supplier", &["negotiation"]),
            ("wie man mit Lieferanten feilscht", &["negotiation"]),
            ("cómo negocio con los proveedores", &["negotiation"]),
            ("hoe je afdingen aanpakt", &["negotiation"]),
            ("comment marchander avec un fournisseur", &["negotiation"]),
            // Stakeholders: buy-in, getting people on board.
            (
                "getting buy-in from skeptical VPs",
                &["stakeholder management"],
            ),
            (
                "wie man den Vorstand ins Boot holt",
                &["stakeholder management"],
            ),
            (
                "comment obtenir l'adhésion de la direction",
                &["stakeholder management"],
            ),
            (
                "cómo conseguir el apoyo de los directivos",
                &["stakeholder management"],
            ),
            (
                "hoe je een lastige opdrachtgever meekrijgt in je plannen",
                &["stakeholder management"],
            ),
            ("hoe je draagvlak creëert", &["stakeholder management"]),
            // Strategy: the plan of years.
            (
                "my approach to building a three-year plan for the department",
                &["strategy"],
            ),
            ("wie er den Dreijahresplan aufstellt", &["strategy"]),
            ("son plan à trois ans", &["strategy"]),
            ("su plan a tres años", &["strategy"]),
            ("hoe ze een meerjarenplan maakt", &["strategy"]),
            // Career: the way up.
            ("advice on my next step up", &["career path"]),
            ("wie sie sich hochgearbeitet hat", &["career path"]),
            ("comment il a gravi les échelons", &["career path"]),
            ("cómo llegó a ser vicepresidenta", &["career path"]),
            ("over doorgroeien binnen het bedrijf", &["career path"]),
            // A generation's view.
            (
                "how ppl my age actualy pick an employer",
                &["gen z perspective"],
            ),
            (
                "wie seine Generation auf Arbeit schaut",
                &["gen z perspective"],
            ),
            (
                "ce que ma génération attend du travail",
                &["gen z perspective"],
            ),
            (
                "qué busca mi generación en un laburo",
                &["gen z perspective"],
            ),
            (
                "wat mijn generatie belangrijk vindt",
                &["gen z perspective"],
            ),
            // Inclusive wording.
            (
                "les tournures neutres, le point médian",
                &["inclusive language"],
            ),
            ("gender-neutral job ads", &["inclusive language"]),
            (
                "wie man geschlechtsneutral formuliert",
                &["inclusive language"],
            ),
            ("usar un lenguaje neutro", &["inclusive language"]),
            ("genderneutraal schrijven", &["inclusive language"]),
            // Reading data: statistics, medians, charts.
            ("ce qu'est une médiane", &["data literacy"]),
            ("what a median is and why averages lie", &["data literacy"]),
            ("was der Median aussagt", &["data literacy"]),
            ("cómo leer un gráfico sin engañarse", &["data literacy"]),
            ("wat een mediaan is", &["data literacy"]),
            // Working apart.
            (
                "wie unser Team über drei Standorte hinweg mit Teams und Miro zusammenarbeitet",
                &["remote collaboration"],
            ),
            (
                "animer une réunion avec des équipes dispersées entre Paris et Varsovie",
                &["remote collaboration"],
            ),
            (
                "cómo trabajan los equipos repartidos en varios husos horarios",
                &["remote collaboration"],
            ),
            (
                "hoe wij met Slack en gedeelde borden werken",
                &["remote collaboration"],
            ),
            ("how dispersed teams work", &["remote collaboration"]),
            // Budgets by their cost centres.
            (
                "die Kostenstellenplanung fürs Geschäftsjahr",
                &["budgeting"],
            ),
            ("how our cost centres are planned", &["budgeting"]),
            ("les centres de coûts", &["budgeting"]),
            ("los centros de coste", &["budgeting"]),
            ("de kostenplaatsen verdelen", &["budgeting"]),
            // Speaking in public.
            ("préparer une intervention en public", &["public speaking"]),
            ("una intervención en público", &["public speaking"]),
            ("speaking in front of the board", &["public speaking"]),
            ("wie man mit Lampenfieber umgeht", &["public speaking"]),
            ("tips tegen plankenkoorts", &["public speaking"]),
            // A flow that runs itself.
            (
                "a montar un flujo que guarda solos los adjuntos",
                &["automation"],
            ),
            ("how to set up a flow for attachments", &["automation"]),
            ("créer un flux automatisé", &["automation"]),
            ("einen Flow einrichten", &["automation"]),
            ("een flow bouwen", &["automation"]),
            ("a wee bot that files my expenses", &["automation"]),
            // Clips filmed and cut.
            (
                "how to film and cut a 30 sec clip on her phone",
                &["video content"],
            ),
            ("wie man einen Clip schneidet", &["video content"]),
            ("comment monter un petit clip", &["video content"]),
            ("cómo editar un clip corto", &["video content"]),
            (
                "hoe je een filmpje monteert en een clip monteren",
                &["video content"],
            ),
            ("we talked about a film we both saw", &[]),
        ]);
    }

    #[test]
    fn privacy_said_by_what_apps_and_sites_keep_of_you() {
        check(&[
            (
                "a proper password manager and what the apps on my phone share about me",
                &["digital privacy"],
            ),
            ("welche Daten manche Apps sammeln", &["digital privacy"]),
            (
                "repérer les applis trop gourmandes en données personnelles",
                &["digital privacy"],
            ),
            (
                "qué datos recogen de mí las apps del móvil",
                &["digital privacy"],
            ),
            (
                "wat er over je bijgehouden wordt als je op 'accepteren' klikt",
                &["digital privacy"],
            ),
            (
                "why you shouldn't just accept cookies",
                &["digital privacy"],
            ),
            ("un gestor de contraseñas", &["digital privacy"]),
            // Apps without privacy are apps; a chat is not.
            ("an iPhone app for our field techs", &["mobile apps"]),
            ("hoe ze onze klantenapp test", &["mobile apps"]),
            ("we chatted on WhatsApp", &[]),
            ("she brought cookies to the meeting", &[]),
        ]);
    }

    #[test]
    fn typed_without_umlauts_or_accents() {
        check(&[
            ("wie er sein team fuehrt", &["leading teams"]),
            ("datenschutz aufm handy", &["digital privacy"]),
            ("elle m a appris a negocier les delais", &["negotiation"]),
            ("comment gerer une equipe", &["leading teams"]),
        ]);
    }

    #[test]
    fn what_only_touches_a_topic_in_passing_is_not_one() {
        check(&[
            // A person described, not the talk.
            (
                "That was eye-opening for someone who has approved product budgets for twenty years.",
                &[],
            ),
            (
                "Für jemanden, der seit Jahren Budgets freigibt, war das neu.",
                &[],
            ),
            (
                "pour quelqu'un qui gère des budgets depuis vingt ans, c'était nouveau",
                &[],
            ),
            (
                "c'est moi qui lui ai montré comment gérer un budget",
                &["budgeting"],
            ),
            ("para alguien que aprueba presupuestos, fue nuevo", &[]),
            (
                "voor iemand die al jaren budgetten goedkeurt, was dit nieuw",
                &[],
            ),
            // The talk, said before a description.
            (
                "we went through budgeting, as someone who never did it",
                &["budgeting"],
            ),
            // Things named like a topic.
            ("glassdoor + friends, not the careers page lol", &[]),
            ("the leadership team signed it off", &[]),
            ("das Führungsteam hat entschieden", &[]),
            ("as a product manager she sees a lot", &[]),
            // A pitch for a personal brand is the brand.
            (
                "on a bosse mon personal branding (bio, photo, pitch de 30 sec)",
                &["personal branding"],
            ),
            ("pitching to investors", &["public speaking"]),
            // Working from home as what a generation wants.
            (
                "dass seiner Generation Homeoffice und Sinn wichtiger sind als ein Dienstwagen",
                &["gen z perspective"],
            ),
            ("wie wir im Homeoffice arbeiten", &["remote collaboration"]),
            // A business, a bulk buy, what one took away, a sentence's "gets".
            ("cómo usar Instagram para el negocio", &["social media"]),
            ("tiene un negocio con muchos clientes", &[]),
            ("we buy in bulk", &[]),
            ("wat ik heb meegekregen van de training", &[]),
            // A presentation that introduced people, a flow of cash.
            ("je lui ai présenté mon équipe", &[]),
            ("el flujo de caja", &[]),
            ("ik had een bot gebroken", &[]),
            ("I shared board papers with her", &[]),
            ("she wanted to know about me and my job", &[]),
            ("we're in different time zones so it was early for me", &[]),
        ]);
    }
    #[test]
    fn families_of_saying_a_topic_by_what_was_done_in_five_languages() {
        check(&[
            // Privacy: what apps collect of a person, the permissions and settings.
            (
                "what the apps on my phone quietly collect about me and which permissions I ought to switch off",
                &["digital privacy"],
            ),
            ("welche Apps was über mich sammeln", &["digital privacy"]),
            (
                "les réglages de confidentialité de mon téléphone et tout ce que les applis collectent sur moi",
                &["digital privacy"],
            ),
            ("lo que las apps recopilan sobre mí", &["digital privacy"]),
            ("wat apps over mij verzamelen", &["digital privacy"]),
            ("the apps on my phone", &["mobile apps"]),
            // Pay talks are negotiation.
            (
                "how to approach the pay conversation with his manager",
                &["negotiation"],
            ),
            ("wie man ein Gehaltsgespräch vorbereitet", &["negotiation"]),
            ("comment demander une augmentation", &["negotiation"]),
            ("cómo pedir un aumento de sueldo", &["negotiation"]),
            ("hoe je om opslag te vragen aanpakt", &["negotiation"]),
            ("an salarisgesprek voorbereiden", &["negotiation"]),
            // People above kept on one's side.
            (
                "how she kept the board on side",
                &["stakeholder management"],
            ),
            (
                "how I keep the regional directors aligned",
                &["stakeholder management"],
            ),
            (
                "wie man einen Lenkungsausschuss auf seine Seite bringt",
                &["stakeholder management"],
            ),
            (
                "comment rallier la direction à un projet",
                &["stakeholder management"],
            ),
            (
                "cómo poner a la dirección de su lado",
                &["stakeholder management"],
            ),
            (
                "wie je vooraf best even aanspreekt",
                &["stakeholder management"],
            ),
            (
                "hoe je de directie aan boord krijgen kunt",
                &["stakeholder management"],
            ),
            // Applying for a post is the career; its name is no team led.
            (
                "whether he should apply for the team lead opening in his group",
                &["career path"],
            ),
            ("ob sie sich auf die Stelle bewerben soll", &["career path"]),
            ("s'il doit postuler au poste", &["career path"]),
            ("si debe postularse al puesto", &["career path"]),
            ("of ze moet solliciteren", &["career path"]),
            ("I applied for a budget", &["budgeting"]),
            // A department run, its size between.
            (
                "hoe hij een afdeling van veertig man aanstuurt",
                &["leading teams"],
            ),
            (
                "wie sie eine Abteilung mit 40 Leuten leitet",
                &["leading teams"],
            ),
            (
                "comment il dirige un département de trente personnes",
                &["leading teams"],
            ),
            ("cómo dirige el departamento de ventas", &["leading teams"]),
            ("how she runs the finance department", &["leading teams"]),
            ("die Abteilung führt ein neues Tool ein", &[]),
            // The events of leaders are no talk about leading.
            ("the forum overran after the leadership forum", &[]),
            ("Kenji is away at the APAC leadership summit", &[]),
            ("nach der Führungskräftetagung", &[]),
            ("después de la cumbre de liderazgo", &[]),
            ("na de leiderschapsdag", &[]),
            // A team spread over places, everyone at home.
            (
                "für ein Team, das über drei Standorte verteilt ist",
                &["remote collaboration"],
            ),
            (
                "a team spread across three sites",
                &["remote collaboration"],
            ),
            (
                "une équipe répartie sur trois sites",
                &["remote collaboration"],
            ),
            (
                "un equipo que trabaja en remoto desde tres países",
                &["remote collaboration"],
            ),
            (
                "hoe wij samenwerken terwijl iedereen thuis zit",
                &["remote collaboration"],
            ),
            ("wir haben über drei Standorte gesprochen", &[]),
            ("I was getting on board the plane", &[]),
            ("no saben de mí desde hace meses", &[]),
            (
                "how to get everyone on board before the vote",
                &["stakeholder management"],
            ),
            // Reading dashboards.
            (
                "me enseñó a leer los tableros de ventas",
                &["data literacy"],
            ),
            // Speaking before a committee.
            (
                "préparer ma toute première intervention devant le comité de direction",
                &["public speaking"],
            ),
            ("su intervención ante el comité", &["public speaking"]),
            ("how to give a speech", &["public speaking"]),
            ("tips voor mijn toespraak", &["public speaking"]),
            // Texts made inclusive.
            (
                "on a relu deux offres d'emploi pour les rendre plus inclusives",
                &["inclusive language"],
            ),
            (
                "how to make a job ad more inclusive",
                &["inclusive language"],
            ),
            (
                "wie man Stellenanzeigen inklusiver formulieren kann",
                &["inclusive language"],
            ),
            (
                "cómo hacer las ofertas más inclusivas",
                &["inclusive language"],
            ),
            (
                "hoe je vacatures inclusiever formuleren kunt",
                &["inclusive language"],
            ),
            ("the price is inclusive of VAT", &[]),
            // Scripts that do the work.
            (
                "wie er mit ein paar kleinen Skripten unsere Monatsberichte erzeugen lässt",
                &["automation"],
            ),
            ("a few small scripts that build the report", &["automation"]),
            ("avec quelques scripts", &["automation"]),
            ("con unos scripts", &["automation"]),
            ("met een paar scripts", &["automation"]),
            // Filmed and cut, explainer videos.
            (
                "wie man mit dem Handy kurze Erklärvideos aufnimmt und schneidet",
                &["video content"],
            ),
            ("comment tourner et monter un reportage", &["video content"]),
            ("cómo grabar y editar con el celular", &["video content"]),
            ("hoe je opneemt en monteert", &["video content"]),
            // LinkedIn where a clip goes, LinkedIn as one's presence.
            (
                "le enseñé a grabar videos cortos para LinkedIn",
                &["video content"],
            ),
            (
                "Ze liet me zien hoe ze een kort filmpje voor LinkedIn opneemt",
                &["video content"],
            ),
            (
                "nous avons retravaillé ensemble ma présence sur LinkedIn",
                &["personal branding"],
            ),
            ("ihr LinkedIn-Profil", &["personal branding"]),
            ("su perfil de LinkedIn", &["personal branding"]),
            ("zijn LinkedIn-profiel", &["personal branding"]),
            ("how we recruit on LinkedIn", &["social media"]),
        ]);
    }

    /// The example program's topics with the ones of a younger mentor's talks.
    fn wider(text: &str) -> Vec<String> {
        let v = Vocabulary::new(
            [
                "ai tools",
                "budgeting",
                "career path",
                "data literacy",
                "digital privacy",
                "gen z perspective",
                "leading teams",
                "mobile apps",
                "negotiation",
                "personal branding",
                "remote collaboration",
                "social media",
                "spreadsheets to python",
                "stakeholder management",
                "ux research",
                "automation",
                "cloud basics",
                "inclusive language",
                "public speaking",
                "strategy",
                "video content",
            ],
            &[],
        );
        let mut found: Vec<String> = v.find(text).into_iter().map(|(_, t)| t).collect();
        found.sort();
        found
    }

    fn check_wider(cases: &[(&str, &[&str])]) {
        for (text, want) in cases {
            assert_eq!(wider(text), *want, "{text}");
        }
    }

    #[test]
    fn casual_and_borrowed_ways_of_saying_a_topic_in_five_languages() {
        check_wider(&[
            // Leading a team through a change, in borrowed or casual verbs.
            (
                "he told me how he got his team through the merger",
                &["leading teams"],
            ),
            (
                "wie er sein Team durch die Fusion leadet",
                &["leading teams"],
            ),
            (
                "comment je mène mon équipe pendant la réorganisation",
                &["leading teams"],
            ),
            (
                "cómo guía a su equipo en la reestructuración",
                &["leading teams"],
            ),
            (
                "hoe hij zn team door de reorg heen stuurt",
                &["leading teams"],
            ),
            // Pay asked for, talked over with the boss.
            ("how to ask my boss for a raise", &["negotiation"]),
            (
                "wie ich mit meinem Chef über den Lohn rede",
                &["negotiation"],
            ),
            (
                "comment demander une augmentation à mon chef",
                &["negotiation"],
            ),
            ("cómo pedirle un aumento a mi jefa", &["negotiation"]),
            ("hoe ik met mijn baas over salaris praat", &["negotiation"]),
            // Others got to back a plan; bosses and departments with their own interests.
            (
                "tips on getting the directors to back my proposal",
                &["stakeholder management"],
            ),
            (
                "wie ich mit den unterschiedlichen Interessen der Abteilungen umgehe",
                &["stakeholder management"],
            ),
            (
                "comment gérer mon boss et les autres services",
                &["stakeholder management"],
            ),
            (
                "cómo manejar a mi jefe cuando hay intereses distintos",
                &["stakeholder management"],
            ),
            (
                "hoe je omgaat met verschillende belangen",
                &["stakeholder management"],
            ),
            (
                "wie ich mit den Abteilungsleitern und ihren Interessen umgehe",
                &["stakeholder management"],
            ),
            (
                "how she balances the interests of three directors",
                &["stakeholder management"],
            ),
            // Prototypes tried on people.
            (
                "she runs hallway tests on every prototype",
                &["ux research"],
            ),
            (
                "wie wir Prototypen mit echten Nutzern testen",
                &["ux research"],
            ),
            (
                "comment on teste nos prototypes avec de vrais utilisateurs",
                &["ux research"],
            ),
            (
                "cómo probar un prototipo con usuarios reales",
                &["ux research"],
            ),
            (
                "hoe wij in Figma klikbare prototypes testen",
                &["ux research"],
            ),
            // People of an age; personal data in short; a professional image.
            ("how people of her age pick a bank", &["gen z perspective"]),
            (
                "ce que son téléphone partage comme données perso",
                &["digital privacy"],
            ),
            (
                "wie man persönliche Daten am Handy schützt",
                &["digital privacy"],
            ),
            ("soigner mon image professionnelle", &["personal branding"]),
            ("her professional image at work", &["personal branding"]),
            ("hoe je jezelf sterker neerzet", &["personal branding"]),
            (
                "hoe je jezelf op LinkedIn sterker neerzet",
                &["personal branding"],
            ),
            (
                "ik liet zien hoe je jezelf op LinkedIn neerzet en hij hoe hij met lastige stakeholders omgaat",
                &["personal branding", "stakeholder management"],
            ),
            // Colleagues who are remote, and the chat they work over.
            (
                "half of them r remote so we run standups over slack",
                &["remote collaboration"],
            ),
            (
                "wie wir mit Kollegen über Slack arbeiten",
                &["remote collaboration"],
            ),
            ("l'équipe est en full remote", &["remote collaboration"]),
            ("la mitad están en remoto", &["remote collaboration"]),
        ]);
    }

    #[test]
    fn what_only_resembles_a_casual_topic_is_none() {
        check_wider(&[
            // The team only owns what the verb is about.
            ("il gère le budget de l'équipe", &["budgeting"]),
            ("he steers the budget of the team", &["budgeting"]),
            ("gestiona el presupuesto del equipo", &["budgeting"]),
            // A generation's view of working from home, careers and apps.
            (
                "comment sa génération voit le travail hybride",
                &["gen z perspective"],
            ),
            (
                "cómo ve mi generación el home office",
                &["gen z perspective"],
            ),
            (
                "hoe haar generatie naar werk en loopbaan kijkt",
                &["gen z perspective"],
            ),
            (
                "how my generation thinks about careers",
                &["gen z perspective"],
            ),
            (
                "how people of her age discover a new app",
                &["gen z perspective"],
            ),
            (
                "quelles applis ma génération utilise",
                &["gen z perspective"],
            ),
            // A network's analytics are the network's.
            ("how our tiktok analytics work", &["social media"]),
            // LinkedIn for a professional image is the image's.
            (
                "mon image professionnelle sur LinkedIn",
                &["personal branding"],
            ),
            // Not the words alone.
            ("the remote was broken", &[]),
            ("she got back to me about it", &[]),
            ("we walked through the door together", &[]),
            ("er kam durch die Tür", &[]),
            ("wir haben über den Urlaub geredet", &[]),
        ]);
        // The team led on its own still is.
        check_wider(&[
            ("il gère son équipe", &["leading teams"]),
            (
                "how he got the team through a hard quarter",
                &["leading teams"],
            ),
        ]);
    }

    #[test]
    fn what_people_did_names_its_topic_and_a_joined_qualifier_keeps_its_own() {
        check_wider(&[
            // A topic's word joined to a form's last word is that topic's.
            (
                "ik liet zien hoe ik met een klein Python-script de export inlees",
                &["spreadsheets to python"],
            ),
            (
                "how to handle two directors who want different things from one project",
                &["stakeholder management"],
            ),
            (
                "wie er mit dem Vorstand umgeht, wenn die Erwartungen auseinandergehen",
                &["stakeholder management"],
            ),
            (
                "comment rédiger une annonce sans formulations genrées",
                &["inclusive language"],
            ),
            (
                "cómo escribir ofertas con un lenguaje que no deje fuera a nadie",
                &["inclusive language"],
            ),
            (
                "wie man die Ergebnisse der Mitarbeiterumfrage liest",
                &["data literacy"],
            ),
            (
                "me enseñó a leer los reportes de ventas",
                &["data literacy"],
            ),
            (
                "hoe je een gesprek met een gebruiker opzet zonder te sturen",
                &["ux research"],
            ),
            (
                "how our squad builds and releases the app on iOS and Android",
                &["mobile apps"],
            ),
            (
                "hoe ik twee-stapsverificatie instel op mijn telefoon",
                &["digital privacy"],
            ),
            (
                "standups across 3 time zones and how to push back on a price hike",
                &["negotiation", "remote collaboration"],
            ),
            (
                "cómo manejo a mi equipo y doy feedback difícil",
                &["leading teams"],
            ),
            (
                "how I set the region's priorities for the next three years",
                &["strategy"],
            ),
        ]);
        check_wider(&[
            ("he liked the instagram reels stuff", &["social media"]),
            (
                "wie ihr Team durch Interviews mit Kunden herausfindet, was fehlt",
                &["ux research"],
            ),
            (
                "woran man erkennt, welche Daten eine App sammelt",
                &["digital privacy"],
            ),
        ]);
        // Where people are, and a formal "hereby", are no topic.
        check_wider(&[
            ("we're in different time zones so it was early for me", &[]),
            ("Por la presente les informo de nuestra sesión", &[]),
            // What is no topic in a sentence with a channel serves no topic (and reads).
            (
                "Por la presente les informo que vimos LinkedIn",
                &["social media"],
            ),
            (
                "I showed her our careers page on LinkedIn",
                &["social media"],
            ),
        ]);
    }
}
