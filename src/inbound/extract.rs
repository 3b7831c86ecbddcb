//! Owns stage "extract" of the inbound pipeline: from what the sender newly wrote, the session
//! it reports (met, date, minutes, topics, rating, notes), read from the short form (English,
//! German, French, Spanish and Dutch labels) and from free text in those languages. Pure:
//! the caller gives the reference day in the sender's time zone, the day the pair began and
//! the program's topic vocabulary ([`Vocabulary`]: topics, HR's synonyms, the built-in
//! paraphrases). Does not trim (the text comes from [`super::trim`]) and does not store
//! anything.
//!
//! Rules a careful reader would agree with:
//! - a field the reply does not state stays `None`; nothing is guessed. A form line whose
//!   value cannot be read leaves its field `None` and is listed in `unparsed` for HR;
//! - the form wins over free text for the same field;
//! - in free text, the last statement of whether the pair met decides ("we didn't manage
//!   last week, but met yesterday" is yes; see [`met`]); a duration of the meeting also says
//!   they met; "not yet" as the answer is no;
//! - words are read with plain apostrophes ("didn’t" is "didn't"); notes keep the sender's;
//! - sentences about the future ("next time we'll talk about negotiation", "we're meeting
//!   again on Friday") give no date, duration or topic;
//! - when the pair did not meet, the session has no date and no duration;
//! - "cancelled, then met on Friday": a later clause ("then", "dann", "puis", "luego",
//!   "daarna") or statement says what happened after the cancellation; the date and the
//!   duration are those of the meeting that happened, not of the cancelled one;
//! - a rating is 1 to 5, 5 best, as the prompt asks; a score of 6 to 10 given as one ("ik geef
//!   het een 8", "8/10") is out of ten and halved; a German school grade (1 best) is turned
//!   round only when it says it is one ("Schulnote 2", "eine glatte 1", "eine Zwei"), a
//!   German digit otherwise being on the program's scale;
//! - after "Topics:", the program's topics the value names, as in free text, on its line and
//!   the lines under it up to a blank line or the next label; an item naming none is kept
//!   as written only in a list of short names, never from a sentence;
//! - a field the reply tries to state but that cannot be read (a form value, a date no
//!   reading of which is plausible: in the future, or before the pair began) is listed in
//!   `unclear`, so the confirmation asks for it rather than guessing.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::text::{Field, field_of, plain_apostrophes, re, unbolded};
use super::when::{DateContext, Direction, find_dates, find_durations, number_word, parse_date};

mod met;
use met::Said;
mod paraphrases;
mod rating;
use rating::rating;
mod vocabulary;
pub use vocabulary::Vocabulary;

/// What the reference day and the sender's habits are, for reading one reply.
#[derive(Debug, Clone, Copy)]
pub struct ExtractContext<'a> {
    /// The message's date in the sender's time zone.
    pub today: NaiveDate,
    /// The sender writes dates month first (`3/4` is 4 March) when both readings are
    /// plausible.
    pub month_first: bool,
    /// The day the sender's pair began: no meeting was before it.
    pub since: Option<NaiveDate>,
    pub vocabulary: &'a Vocabulary,
}

/// A session field the reply tried to state but that could not be read: asked back in the
/// confirmation, never guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unclear {
    Met,
    Date,
    Minutes,
    Rating,
}

impl Unclear {
    /// The field's name as the confirmation's context lists it.
    pub fn as_str(self) -> &'static str {
        match self {
            Unclear::Met => "met",
            Unclear::Date => "date",
            Unclear::Minutes => "minutes",
            Unclear::Rating => "rating",
        }
    }
}

/// The session a reply reports. `None` means the reply does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Session {
    pub met: Option<bool>,
    pub date: Option<NaiveDate>,
    pub minutes: Option<u32>,
    pub topics: Option<Vec<String>>,
    pub rating: Option<u8>,
    pub notes: Option<String>,
}

/// The result of reading one reply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub session: Session,
    /// Form lines whose value could not be read, as written; kept for HR, never guessed.
    pub unparsed: Vec<String>,
    /// The reply used the short form (at least one recognised label).
    pub form: bool,
    /// Fields the reply tried to state but that could not be read (not those it left out).
    pub unclear: Vec<Unclear>,
}

impl Extraction {
    /// Whether any session field was found.
    pub fn found_anything(&self) -> bool {
        let s = &self.session;
        s.met.is_some()
            || s.date.is_some()
            || s.minutes.is_some()
            || s.topics.is_some()
            || s.rating.is_some()
            || s.notes.is_some()
    }
}

/// Splits a line into a form label and its value, if it has that shape.
fn form_line(line: &str) -> Option<(Field, &str)> {
    let t = line.trim().trim_start_matches(['-', '*', '•', ' ']);
    let colon = t.find([':', '：'])?;
    let field = field_of(&t[..colon].to_lowercase())?;
    Some((field, unbolded(t[colon + 1..].trim())))
}

/// Reads the session a reply reports.
pub fn extract(text: &str, ctx: &ExtractContext<'_>) -> Extraction {
    // Words are read with plain apostrophes ("didn’t" is "didn't"); notes keep the
    // sender's own. The two texts have the same lines.
    let raw = text;
    let plain = plain_apostrophes(raw);
    let text: &str = &plain;
    let french = is_french(text);
    let dates = DateContext {
        today: ctx.today,
        month_first: ctx.month_first,
        direction: Direction::Past,
        french,
        since: ctx.since,
    };
    let mut out = Extraction::default();
    let mut free_lines: Vec<&str> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut in_notes = false;
    let mut in_topics = false;
    for (line, raw_line) in text.lines().zip(raw.lines()) {
        let Some((field, value)) = form_line(line) else {
            if in_notes && !line.trim().is_empty() {
                notes.push(raw_line.trim().to_string());
            } else if in_topics && !line.trim().is_empty() {
                // "Topics: the 5-year plan.\nI walked him through our app.": the answer
                // goes on under its label up to a blank line or the next label.
                for topic in form_topics(line, ctx.vocabulary) {
                    let topics = out.session.topics.get_or_insert_with(Vec::new);
                    if !topics.contains(&topic) {
                        topics.push(topic);
                    }
                }
                free_lines.push(line);
            } else {
                in_notes = false;
                in_topics = false;
                free_lines.push(line);
            }
            continue;
        };
        out.form = true;
        in_notes = false;
        in_topics = field == Field::Topics;
        let s = &mut out.session;
        let understood = match field {
            Field::Met => match yes_no(value) {
                Some(v) => {
                    s.met = Some(v);
                    // "Met: yes, on Monday": the rest may give the date.
                    free_lines.push(value);
                    true
                }
                None => value.is_empty(),
            },
            // The label says it is a date: "Date: 16/2" needs no "on".
            Field::Date => match find_dates(&format!("on {}", slashed(value)), &dates).first() {
                Some(d) if d.plausible => {
                    s.date = Some(d.date);
                    true
                }
                // Read, but no reading can be the meeting's day: asked back.
                Some(_) => {
                    out.unclear.push(Unclear::Date);
                    true
                }
                None => match parse_date(value, &dates) {
                    Some(d) => {
                        s.date = Some(d);
                        true
                    }
                    None => value.is_empty() || is_placeholder(value),
                },
            },
            Field::Minutes => match form_minutes(value) {
                Some(m) => {
                    s.minutes = Some(m);
                    true
                }
                None => value.is_empty() || is_placeholder(value),
            },
            Field::Topics => {
                let topics = form_topics(value, ctx.vocabulary);
                if !topics.is_empty() {
                    s.topics = Some(topics);
                }
                true
            }
            Field::Rating => match rating(value, true) {
                Some(r) => {
                    s.rating = Some(r);
                    true
                }
                None => value.is_empty() || is_placeholder(value),
            },
            Field::NoteOrRating if rating(value, true).is_some() => {
                s.rating = rating(value, true);
                true
            }
            Field::Notes | Field::NoteOrRating => {
                if !value.is_empty() {
                    let as_written = form_line(raw_line).map_or(value, |(_, v)| v);
                    notes.push(as_written.to_string());
                }
                in_notes = true;
                true
            }
        };
        if !understood {
            out.unparsed.push(line.trim().to_string());
            let unclear = match field {
                Field::Met => Some(Unclear::Met),
                Field::Date => Some(Unclear::Date),
                Field::Minutes => Some(Unclear::Minutes),
                Field::Rating => Some(Unclear::Rating),
                _ => None,
            };
            out.unclear.extend(unclear);
        }
    }
    if !notes.is_empty() {
        out.session.notes = Some(notes.join("\n"));
    }
    let doubtful_date = free_text(&free_lines.join("\n"), ctx, &dates, &mut out.session);
    if doubtful_date {
        out.unclear.push(Unclear::Date);
    }
    let s = &out.session;
    // No meeting has no day, length or subjects: what such a reply speaks of ("I had to
    // cover my boss's quarterly presentation") is why they did not meet.
    if s.met == Some(false) {
        out.session.date = None;
        out.session.minutes = None;
        out.session.topics = None;
        out.unclear
            .retain(|u| !matches!(u, Unclear::Date | Unclear::Minutes));
    }
    // What the free text gave after all is not asked back.
    let s = &out.session;
    out.unclear.retain(|u| match u {
        Unclear::Met => s.met.is_none(),
        Unclear::Date => s.date.is_none(),
        Unclear::Minutes => s.minutes.is_none(),
        Unclear::Rating => s.rating.is_none(),
    });
    out.unclear.dedup();
    out
}

/// A date label's value written with dashes ("Datum: 16-3"), with slashes: under the label it
/// is a date, not the span or the score "16-3" is in free text.
fn slashed(value: &str) -> String {
    let v = value.trim();
    let parts: Vec<&str> = v.split('-').collect();
    let numeric = (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()));
    if numeric {
        v.replace('-', "/")
    } else {
        v.to_string()
    }
}

/// Form values that stand for "not filled in".
fn is_placeholder(value: &str) -> bool {
    matches!(
        value.trim().to_lowercase().as_str(),
        "-" | "--" | "n/a" | "na" | "none" | "?" | "tbd" | "..." | "…" | "_" | "___"
    )
}

/// A form's yes or no ("Met: yes", "Getroffen: noch nicht", "Reunión: todavía no").
fn yes_no(value: &str) -> Option<bool> {
    let v = value
        .trim()
        .trim_end_matches(['.', '!', ','])
        .to_lowercase();
    let first = v.split([' ', ',', '-', '–', '(']).next().unwrap_or("");
    // A word drawn out on a phone ("siii", "yesss", "jaaa", "ouiii"): with one last letter.
    yes_no_word(first, &v).or_else(|| {
        let last = first.chars().next_back()?;
        let mut word = first.trim_end_matches(last).to_string();
        word.push(last);
        yes_no_word(&word, &v)
    })
}

/// The yes or no `first`, the first word of `v`, says.
fn yes_no_word(first: &str, v: &str) -> Option<bool> {
    match first {
        "yes" | "y" | "yep" | "yeah" | "ya" | "yup" | "yea" | "ja" | "jep" | "jup" | "oui"
        | "ouais" | "true" | "x" | "✓" | "✔" | "si" | "sí" | "sip" => Some(true),
        "no" | "n" | "nope" | "nein" | "non" | "false" | "not" | "nee" | "neen" | "never"
        | "nicht" | "pas" | "niet" | "nunca" | "jamais" | "nooit" => Some(false),
        // "noch nicht", "todavía no", "aún no", "nog niet", "still not".
        "noch" | "todavía" | "todavia" | "aún" | "aun" | "nog" | "still" => {
            let second = v.split_whitespace().nth(1).unwrap_or("");
            matches!(
                second.trim_end_matches([',', '.', '!']),
                "nicht" | "no" | "niet" | "not"
            )
            .then_some(false)
        }
        _ => None,
    }
}

static ROUGH_MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:~|about|approx\.?|approximately|around|roughly|ca\.?|circa|etwa|ungefähr|environ)?\s*(?P<n>\d{1,4})\s*(?:ish|\+|'|\?|-ish)?$",
    )
});

fn form_minutes(value: &str) -> Option<u32> {
    let v = value.trim().trim_end_matches('.');
    if let Some(c) = ROUGH_MINUTES.captures(v) {
        let n: u32 = c["n"].parse().ok()?;
        return (n > 0 && n <= 24 * 60).then_some(n);
    }
    if let Some(n) = v.split_whitespace().next().and_then(number_word) {
        // "forty five", "zwanzig": a bare number word is minutes.
        if v.split_whitespace().count() == 1 {
            return Some(n);
        }
    }
    find_durations(v).first().map(|d| d.minutes)
}

/// The topics of a "Topics:" value: the program's topics named in it, found as in free text
/// (a sentence after the label, "Noah hat mir gezeigt, wie er Routineaufgaben
/// automatisiert", names automation and nothing else), by their canonical name; and an item
/// of a list that names no topic of the program, as the sender wrote it (lowercased), when
/// it is a short name of something ([`names_something`]) in a list of such names. A value
/// that is a sentence, not a list ("ich habe ihm gezeigt, wie unser Team mit Teams und Miro
/// zusammenarbeitet"), is read sentence by sentence as free text, and no piece of it is kept
/// as written: a piece of a sentence ("Miro zusammenarbeitet") is not a topic.
fn form_topics(value: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let mut topics: Vec<String> = Vec::new();
    let items: Vec<String> = value
        .split([',', ';', '/', '•', '+', '&'])
        .flat_map(|part| split_and(part))
        .map(|s| {
            s.trim()
                .trim_matches(['.', '"', '\'', '-', '*', ' '])
                .to_string()
        })
        .filter(|s| !s.is_empty() && !is_placeholder(s))
        .collect();
    if !items.iter().all(|item| names_something(item)) {
        for sentence in value.split(['.', ';', '!', '?', '\n']) {
            let mut found = vocabulary.find(sentence);
            found.extend(vocabulary.guess(sentence, &found));
            for (at, topic) in found {
                // The part of the sentence between commas: "ChatGPT, next time negotiation".
                let from = sentence[..at].rfind(',').map_or(0, |c| c + 1);
                let to = sentence[at..].find(',').map_or(sentence.len(), |c| at + c);
                if !NEXT_TIME.is_match(&sentence[from..to]) && !topics.contains(&topic) {
                    topics.push(topic);
                }
            }
        }
        return topics;
    }
    for item in items {
        // "nächstes Mal Verhandlung": what they will cover next is not what they covered;
        // "Haushaltsplanung fürs nächste Jahr" is.
        if NEXT_TIME.is_match(&item) {
            continue;
        }
        let mut named: Vec<String> = vocabulary.find(&item).into_iter().map(|(_, t)| t).collect();
        if named.is_empty() {
            named.extend(vocabulary.canonical(&item));
        }
        if named.is_empty() && names_something(&item) {
            named.push(item.to_lowercase());
        }
        for topic in named {
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
    }
    topics
}

/// "Next time", in the five languages.
static NEXT_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:next time|next session|nächstes mal|nächste mal|beim nächsten (?:mal|treffen)",
        r"|prochaine fois|prochaine séance|próxima vez|próxima sesión|volgende keer|volgende sessie)(?-u:\b)",
    ))
});

/// What one taught or advised the other, said as done, in the five languages: a clause with
/// it reports the talk even when what it was for lies ahead.
static TAUGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:gave|showed|explained|advised|helped|coached|told|walked|talked|took",
        r"|gezeigt|erklärt|gegeben|geholfen|beraten|erzählt|geschildert|vorgeführt",
        r"|montré|expliqué|aidée?|donné|conseillée?|raconté",
        r"|mostró|mostré|explicó|expliqué|ayudó|ayudé|aconsejó|enseñó|enseñé|contó|conté",
        r"|uitgelegd|geholpen|gegeven|verteld|geadviseerd|getoond|gaf)(?-u:\b)",
    ))
});

/// The most words a list item that names no topic of the program may have to be kept.
const RAW_ITEM_WORDS: usize = 4;

/// Whether a "Topics:" item that names no topic of the program is the name of something
/// ("budgets", "Excel-Makros", "gestión del tiempo") rather than a piece of a sentence ("ich
/// habe ihm erklärt", "how he runs his team"): a few words, none of them a person or a "how".
fn names_something(item: &str) -> bool {
    const SENTENCE_WORDS: &[&str] = &[
        "i", "he", "she", "we", "they", "you", "me", "him", "her", "how", "ich", "er", "sie",
        "wir", "ihm", "ihr", "mir", "mich", "uns", "wie", "je", "il", "elle", "nous", "vous",
        "lui", "moi", "m'a", "comment", "yo", "él", "ella", "nosotros", "nos", "cómo", "como",
        "ik", "hij", "zij", "ze", "wij", "jij", "mij", "hem", "haar", "ons", "hoe",
    ];
    let words: Vec<String> = item.split_whitespace().map(str::to_lowercase).collect();
    words.len() <= RAW_ITEM_WORDS
        && !words.iter().any(|w| {
            SENTENCE_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
        })
}

fn split_and(part: &str) -> Vec<&str> {
    let mut out = vec![part];
    for sep in [" and ", " und ", " et ", " y ", " & "] {
        out = out.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    out
}

/// Whether the text reads as French (for words like "hier" that mean different things).
fn is_french(text: &str) -> bool {
    const FR: &[&str] = &[
        "nous", "on", "et", "le", "la", "les", "est", "avons", "pas", "une", "des", "sur", "avec",
        "c'était", "j'ai", "s'est", "était", "très",
    ];
    const DE: &[&str] = &[
        "wir", "und", "die", "der", "das", "haben", "ist", "nicht", "ich", "uns", "mit", "war",
        "hier", "sehr",
    ];
    const EN: &[&str] = &[
        "we", "and", "the", "was", "it", "is", "not", "i", "with", "about", "our", "very",
    ];
    // NOTE: one pass, one reused buffer: no word in the lists is longer than eight bytes.
    let (mut fr, mut de, mut en) = (0, 0, 0);
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic() && c != '\'') {
        if word.is_empty() || word.len() > 8 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let w = lower.as_str();
        fr += usize::from(FR.contains(&w));
        de += usize::from(DE.contains(&w));
        en += usize::from(EN.contains(&w));
    }
    fr > de && fr > en
}

/// Words of what is to come: a clause with one gives no date, duration or topic, and of
/// meeting only a "not" ("we couldn't, we'll try next week").
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:will|we'll|i'll|going to|gonna|plan to|planning|plan is|next time|next session",
        r"|next meeting|next week|shall|want to|would like to|hope to|looking forward|are meeting",
        r"|'re meeting|are going|to be scheduled|booked in for|booked for|scheduled for|rescheduled for",
        r"|rescheduled to|next (?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tmrw|tmr|2moro",
        r"|2morrow|tomoz|this coming",
        r"|planned for|planned to|is planned|agreed to meet|scheduled (?:a|an|our|the|it)|arranged to",
        r"|set up (?:a|an|our|the) (?:meeting|call|date|time|slot)|pencil(?:l)?ed in",
        r"|shall we|should we|could we|can we|let's|lets|how about|what about",
        // German
        r"|werden|wollen|nächste[snm]?|nächstes mal|das nächste|vorhaben|planen|treffen uns|sehen uns",
        r"|sollen wir|können wir|lass uns|lasst uns|vereinbart|verabredet|angesetzt|ausgemacht",
        r"|eingeplant|terminiert",
        // French
        r"|on va|nous allons|allons|la prochaine|prochaine fois|prochain|prévu|prévoyons|(?:je|on|nous) compt(?:e|ons)",
        r"|on se voit|on se retrouve|on se verra|nous nous verrons|prévoir|demain|on se parle",
        r"|on s'appelle",
        r"|on pourrait|pourrions|pourrait-on|est-ce qu'on|planifié|calé|convenu de",
        r"|fixé (?:un|une|le|la|notre|nos)",
        // Spanish
        r"|vamos a|la próxima|próxima vez|próxima semana|semana que viene|queremos|quedamos en",
        r"|hemos quedado|podríamos|nos vemos|hablamos luego|hablamos pronto|próximo",
        r"|fijado|fijamos|agendado|agendamos|acordado|acordamos|programad[oa] para",
        // Dutch
        r"|volgende|volgende keer|volgende week|gaan we|we gaan|willen|zullen|zouden|tot dan|tot snel",
        r"|ingepland|gepland voor|afspraak (?:gemaakt|staat)|spreken (?:we|wij) (?:\w+ )?af)(?-u:\b)",
    ))
});

/// Words [`FUTURE`] reads as what is to come that, in a clause about a talk, are its
/// subject: "advice on planning my next step", "strategic planning", "wie ich meine
/// Laufbahn in den nächsten zwei Jahren planen soll", "seine nächsten Karriereschritte",
/// "fürs nächste Geschäftsjahr", "pourquoi ça compte" (it matters), "comptes rendus"
/// (minutes), "de volgende stap in je carrière", the year a plan is for ("fürs nächste
/// Jahr"). A clause whose only future words are these still names its topics.
static SUBJECT_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        // "ça", "über": no ASCII word boundary before a letter with an accent.
        r"(?i)(?:ça compte|über (?:den|die) nächsten (?:\w+ )?(?:jahren?|monaten?)",
        r"|(?-u:\b)(?:(?:on|about|for|with|in|of|at) planning|(?:strategic|financial|budget|career",
        r"|succession|workforce|long-term|project) planning",
        r"|(?:in|für|innerhalb) (?:den|der|die) nächsten (?:\w+ )?(?:jahren?|monaten?|quartalen?)",
        r"|nächste[nrsm]? (?:karriere\w*|geschäftsjahr\w*|berufliche\w*|schritte?n?)",
        r"|planen (?:soll|sollte|kann|könnte|muss)|zu planen",
        // "wo man bei Diagrammen misstrauisch werden sollte": what one should become.
        r"|werden (?:soll|sollte|sollten|muss|müsste|kann|könnte)",
        // A German passive is no future: "wie unsere Produkte benutzt werden".
        r"|(?:ge|be|ver|er|ent|zer)\w+t werden",
        r"|(?:ca|cela|ce qui|qui) compte|comptes? rendus?",
        // The year a plan is for: "das Budget fürs nächste Jahr", "une promo l'an prochain".
        r"|(?:fürs|für das) nächste jahr|for (?:the )?(?:next|coming) year",
        r"|(?:pour )?l'(?:an|année) prochaine?|(?:del|para el) (?:próximo año|año que viene)",
        r"|voor (?:volgend|komend) jaar",
        // The years a plan or a career looks ahead to, and what one prepares for: "in the
        // next couple of years", "für die nächste Stufe", "en los próximos años", "voor de
        // komende drie jaar", "wie ich nächste Woche mein Gehalt verhandle".
        r"|in the next (?:\w+ ){0,3}?years|(?:für|in) die nächsten? (?:\w+ )?(?:stufe|jahren?)",
        r"|(?:en|durante) los próximos (?:\w+ )?años|(?:dans|pour|sur) les (?:\w+ )?prochaines années",
        r"|(?:voor|in) de komende (?:\w+ )?(?:jaren|jaar|maanden)",
        // What is decided for the years ahead, asked indirectly: "which markets we will invest
        // in", "what we will stop doing", "welche Märkte wir angehen werden", "if I want to
        // become an architect".
        r"|(?:which|what|where|welche\w*|was|wo|quels?|quelles?|ce que|qué|cuáles?|dónde|welke|wat|waar)",
        r" (?:\w+ ){0,4}?(?:we|wir|nous|on|wij) (?:will|'ll|werden|allons|va|vamos a|gaan|zullen)",
        r"|(?:if|when) (?:i|he|she|you|they) wants? to",
        r"|(?:wie (?:ich|er|sie)|how (?:i|he|she|to)|comment (?:je|il|elle)|cómo|hoe (?:ik|hij|zij))",
        r" (?:\w+ ){0,3}?(?:nächste woche|nächsten monat|next week|next month",
        r"|la semaine prochaine|le mois prochain|la próxima semana|el próximo mes|volgende week|volgende maand)",
        r"|volgende (?:stap|stappen|carrièrestap\w*)))(?-u:\b)",
    ))
});

/// Words of what the writer means to do with what they learnt, for topics only: "which I
/// intend to try on our forecasts", "das möchte ich mit meinem Budget ausprobieren", "que je
/// voudrais appliquer à mon budget", "que pienso probar con mi presupuesto", "dat wil ik op
/// onze begroting proberen". The part of a clause between commas with one names no topic of
/// the talk; the rest of the clause still does ([`FUTURE`] takes the whole clause).
static INTENT: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:intend to|intends to|mean to|aim to|(?:want|going|hope|plan) to try|i'll try",
        r"|will try|(?:will|möchte|werde) ich (?:\w+ )*?(?:ausprobieren|anwenden|übernehmen)",
        r"|(?:je compte|je vais|j'aimerais|je voudrais) (?:\w+ )*?(?:essayer|appliquer|tester)",
        r"|(?:pienso|quiero|voy a) (?:\w+ )*?(?:probar|aplicar)",
        r"|(?:wil|ga) ik (?:\w+ )*?(?:proberen|toepassen|uitproberen))(?-u:\b)",
    ))
});

/// Words of writing this reply, in the five languages: a day named in their clause is the
/// day of writing ("ich nutze den Samstagabend, um zu antworten", "Zondagavond, tijd voor
/// mijn mail", "je profite du samedi matin pour vous écrire", "aprovecho el domingo para
/// responder", "writing this on Sunday evening").
static WRITING: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:writing|write|reply|replying|respond|responding|answer|answering|my e-?mails?",
        r"|my inbox|my admin|antworten|antworte|zu schreiben|schreibe|meine e-?mails?|mein postfach",
        r"|écrire|écris|répondre|réponds|faire un (?:petit )?retour|mes e-?mails|mes mails",
        r"|escribir|escribo|responder|respondo|contestar|mis correos|el correo",
        r"|schrijven|schrijf|antwoorden|beantwoorden|mijn mail|mijn e-?mail|mijn inbox)(?-u:\b)",
    ))
});

/// Words that say an amount is rough, in the five languages: "like 40ish mins?", "about an
/// hour?", "ca. 45 Minuten?", "environ 1h ?", "unos 40 minutos?", "zo'n 40 minuten?".
static ROUGHLY: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:like|about|abt|around|roughly|approx|approximately|maybe|prob|probably|ish",
        r"|or so|give or take|ca|circa|etwa|ungefähr|rund|knapp|oder so|environ|peut-être|genre",
        r"|unos|unas|aprox|aproximadamente|quizás|quizá|o así|ongeveer|zo'n|pakweg|misschien|of zo)",
        r"(?-u:\b)|\d\s*-?ish(?-u:\b)|~\s*\d|à peu près|más o menos",
    ))
});

/// Whether a clause before a question mark ends on an amount said roughly ("caught up w Helen
/// tues, like 40ish mins?"): its last part between commas has a length or a number and a word
/// that says it is rough, or the clause follows an abbreviation that does ("ca. 45 Minuten?",
/// whose dot split the clause), and no Spanish "¿" opens a real question.
fn rough_amount(before: &str, clause: &str) -> bool {
    let last = clause.rsplit(',').next().unwrap_or(clause);
    let abbreviated = before.trim_end().to_lowercase();
    let after_abbreviation = ["ca.", "approx.", "aprox.", "env.", "etw."]
        .iter()
        .any(|a| abbreviated.ends_with(a));
    !clause.contains('¿')
        && (after_abbreviation || ROUGHLY.is_match(last))
        && (!find_durations(last).is_empty() || last.bytes().any(|b| b.is_ascii_digit()))
}

/// Splits text into clauses: sentences, "but"/"aber"/"mais" halves, and what came "then".
/// Words that also stand inside a clause ("wir haben uns dann aber getroffen", "on s'est
/// finalement vus", "we hebben maar kort gesproken") split only after a comma or an "and".
fn clauses(text: &str) -> Vec<(usize, &str)> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        re(concat!(
            // An emoji ends a sentence on a phone: "… geschnitten 😅 Ich hab ihm …".
            r"(?i)[.!?;]+(?:\s+|$)|\n\s*\n|\n|\s*\p{So}[\p{So}\x{FE0F}\x{200D}\p{Sk}]*\s+",
            r"|\s+(?:but|mais|however|though|pero|sino)\s+",
            r"|,\s*(?:aber|sondern|maar)\s+",
            r"|(?:,|\s+(?:and|und|et|y|en))?\s+(?:then|puis)\s+",
            r"|(?:,|\s+(?:and|und|et|y|en))\s+(?:afterwards|dann|danach|stattdessen|ensuite|finalement",
            r"|luego|después|despues|finalmente|daarna|uiteindelijk)\s+",
        ))
    });
    let mut out = Vec::new();
    let mut start = 0;
    for m in SPLIT.find_iter(text) {
        if m.start() > start {
            out.push((start, &text[start..m.start()]));
        }
        start = m.end();
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// Reads free text into the fields the form left empty; true when it names a day outright
/// for the meeting that cannot be it (no plausible reading) and no other day.
fn free_text(text: &str, ctx: &ExtractContext<'_>, dates: &DateContext, s: &mut Session) -> bool {
    if text.trim().is_empty() {
        return false;
    }
    let parts = clauses(text);
    // A question ("shall we meet on Thursday?") states nothing that happened; an amount said
    // roughly with a question mark ("like 40ish mins?") is a guess, not a question.
    let question = |start: usize, clause: &str| {
        text[start + clause.len()..].starts_with('?') && !rough_amount(&text[..start], clause)
    };
    let future = |offset: usize| -> bool {
        parts
            .iter()
            .find(|(start, c)| offset >= *start && offset < start + c.len())
            .is_some_and(|(start, c)| FUTURE.is_match(c) || question(*start, c))
    };
    // Where the text says they met: from the statement to its clause's end, then the words
    // before it in its clause after any that said otherwise (the cancelled day is not the
    // meeting's: "our Tuesday slot was cancelled, we met Friday").
    let mut met: Option<bool> = None;
    let mut statements: Vec<Range<usize>> = Vec::new();
    let mut lead_ins: Vec<Range<usize>> = Vec::new();
    for (start, clause) in &parts {
        let ahead = FUTURE.is_match(clause) || question(*start, clause);
        match met::said(clause, ahead) {
            Some(Said::No) => met = Some(false),
            Some(Said::Yes { statement, after }) => {
                met = Some(true);
                statements.push(start + statement.start..start + clause.len());
                lead_ins.push(start + after..start + statement.start);
            }
            None => {}
        }
    }
    // The first of `offsets` in a statement that they met, else in its lead-in, else the
    // first.
    let meeting_s = |offsets: &[usize]| -> Option<usize> {
        let within = |ranges: &[Range<usize>]| {
            offsets
                .iter()
                .position(|o| ranges.iter().any(|r| r.contains(o)))
        };
        within(&statements)
            .or_else(|| within(&lead_ins))
            .or((!offsets.is_empty()).then_some(0))
    };
    let durations: Vec<_> = find_durations(text)
        .into_iter()
        .filter(|d| !future(d.start))
        .collect();
    if s.minutes.is_none() {
        let starts: Vec<usize> = durations.iter().map(|d| d.start).collect();
        s.minutes = meeting_s(&starts).map(|i| durations[i].minutes);
    }
    if s.met.is_none() {
        s.met = met.or(s.minutes.map(|_| true));
    }
    let mut doubtful = false;
    if s.date.is_none() {
        let stated: Vec<_> = find_dates(text, dates)
            .into_iter()
            .filter(|d| !future(d.start))
            .collect();
        // The day the reply is written ("I'm using a quiet Saturday evening to reply", "Je
        // profite du samedi matin pour vous écrire") is not the meeting's.
        let writing_day = |offset: usize, date: NaiveDate| -> bool {
            date == ctx.today
                && parts
                    .iter()
                    .find(|(start, c)| offset >= *start && offset < start + c.len())
                    .is_some_and(|(_, c)| WRITING.is_match(c) && met::said(c, false).is_none())
        };
        let past: Vec<_> = stated
            .iter()
            .filter(|d| d.plausible && !writing_day(d.start, d.date))
            .copied()
            .collect();
        doubtful = past.is_empty() && stated.iter().any(|d| d.absolute);
        let starts: Vec<usize> = past.iter().map(|d| d.start).collect();
        s.date = meeting_s(&starts).map(|i| past[i].date);
    }
    if s.rating.is_none() {
        s.rating = rating(text, false);
    }
    // What is to come, for topics: without the future words that are what was talked
    // about ("advice on planning my next step", [`SUBJECT_AHEAD`]).
    // A topic in a part of its clause between commas that says what the writer means to do
    // with what they learnt ("a Python notebook, which I intend to try on our forecasts") is
    // a plan, not the talk ([`INTENT`]).
    let ahead_of_topics = |offset: usize| -> bool {
        parts
            .iter()
            .find(|(start, c)| offset >= *start && offset < start + c.len())
            .is_some_and(|(start, c)| {
                let at = offset - start;
                let from = c[..at].rfind(',').map_or(0, |p| p + 1);
                let to = c[at..].find(',').map_or(c.len(), |p| at + p);
                let future = FUTURE.is_match(&SUBJECT_AHEAD.replace_all(c, " "));
                // "she gave me pointers for my demo next week": what was taught for a day
                // ahead was taught, unless the clause speaks of the next meeting.
                let taught_for_later = TAUGHT.is_match(c) && !NEXT_TIME.is_match(c);
                (future && !taught_for_later)
                    || question(*start, c)
                    || INTENT.is_match(&c[from..to])
            })
    };
    if s.topics.is_none() && !ctx.vocabulary.is_empty() {
        // The topics named, then those a sentence naming none tells by its cue words.
        let mut found = ctx.vocabulary.find(text);
        found.extend(ctx.vocabulary.guess(text, &found));
        found.sort();
        let mut topics: Vec<String> = Vec::new();
        for (_, topic) in found
            .into_iter()
            .filter(|(offset, _)| !ahead_of_topics(*offset))
        {
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        if !topics.is_empty() {
            s.topics = Some(topics);
        }
    }
    // A bare yes or no as the first word, when no clause said: a yes only with something of
    // the meeting stated ("Yep, Monday", not "Yes, thanks": that may answer the
    // confirmation) and not about what is to come.
    if s.met.is_none() {
        let reported = s.date.is_some() || s.topics.is_some() || s.rating.is_some();
        s.met = match met::answer(text) {
            Some((true, at)) => (reported && !future(at)).then_some(true),
            Some((false, _)) => Some(false),
            None => None,
        };
    }
    doubtful
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new(
            ["ai tools", "negotiation", "social media", "career path"],
            &[("chatgpt".to_string(), "ai tools".to_string())],
        )
    }

    fn read(text: &str) -> Extraction {
        read_since(text, None)
    }

    /// Reads `text` sent on Thursday 12 November 2026 by someone whose pair began on `since`.
    fn read_since(text: &str, since: Option<NaiveDate>) -> Extraction {
        let v = vocab();
        let ctx = ExtractContext {
            today: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
            month_first: false,
            since,
            vocabulary: &v,
        };
        extract(text, &ctx)
    }

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 11, d)
    }

    #[test]
    fn the_short_form_is_read_field_by_field() {
        let e = read(
            "Met: yes\nDate: 10/11/2026\nMinutes: 45\nTopics: ChatGPT, negotiation, budgets\nRating 1-5: 4\nNotes: good talk\nabout goals",
        );
        assert!(e.form);
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(10));
        assert_eq!(e.session.minutes, Some(45));
        assert_eq!(
            e.session.topics,
            Some(vec![
                "ai tools".to_string(),
                "negotiation".to_string(),
                "budgets".to_string()
            ])
        );
        assert_eq!(e.session.rating, Some(4));
        assert_eq!(e.session.notes.as_deref(), Some("good talk\nabout goals"));
        assert!(e.unparsed.is_empty());
    }

    #[test]
    fn topics_joined_by_and_in_five_languages_are_each_read() {
        let v = vocab();
        for (value, want) in [
            ("ChatGPT and negotiation", &["ai tools", "negotiation"][..]),
            ("ChatGPT und Verhandlung", &["ai tools", "negotiation"]),
            (
                "social media y negotiation",
                &["social media", "negotiation"],
            ),
            ("career path en ChatGPT", &["career path", "ai tools"]),
            // "en" is "in" in Spanish and French: not two topics unless both halves are.
            ("formación en ChatGPT", &["ai tools"]),
            ("négociation en équipe", &["negotiation"]),
        ] {
            assert_eq!(form_topics(value, &v), want, "{value}");
        }
    }

    #[test]
    fn a_topics_sentence_keeps_no_piece_of_itself_but_a_list_keeps_its_names() {
        let v = vocab();
        for (value, want) in [
            // A sentence: its topics, no piece of it as written, in the five languages.
            (
                "ich habe ihm gezeigt, wie unser Team mit Teams und Miro zusammenarbeitet",
                &[][..],
            ),
            (
                "comment lire un graphique, ce qu'est une médiane et la moyenne",
                &[],
            ),
            (
                "she told me how I should negotiate, and gen z stuff",
                &["negotiation"],
            ),
            ("me explicó cómo negocia y qué es Miro", &["negotiation"]),
            (
                "hij liet zien hoe hij onderhandelt en wat Miro is",
                &["negotiation"],
            ),
            // A list of names: each kept, the unknown ones as written.
            ("ChatGPT, Excel-Makros", &["ai tools", "excel-makros"]),
            (
                "négociation, gestion du temps",
                &["negotiation", "gestion du temps"],
            ),
        ] {
            assert_eq!(form_topics(value, &v), want, "{value}");
        }
    }

    #[test]
    fn future_words_that_are_the_subject_of_the_talk_still_give_its_topics() {
        let topics = |text: &str| read(text).session.topics;
        for text in [
            "Met yesterday, she gave me advice on planning my next career move.",
            "Sie hat mir Tipps gegeben, wie ich meine Laufbahn in den nächsten zwei Jahren planen soll.",
            "Gestern getroffen, wir haben über seine nächsten Karriereschritte geredet.",
            "Hier, elle m'a parlé de sa carrière et de pourquoi ça compte.",
            "Gisteren hadden we het over de volgende stap in mijn carrière.",
            "Ayer hablamos de su carrera para los próximos tres años.",
        ] {
            assert_eq!(
                topics(text),
                Some(vec!["career path".to_string()]),
                "{text}"
            );
        }
        // What is to come still gives none.
        for text in [
            "Next time we'll talk about my career.",
            "We're planning to cover negotiation next week.",
            "Nächstes Mal wollen wir über Verhandlung sprechen.",
            "In den nächsten Wochen wollen wir über meine Laufbahn reden.",
            "La prochaine fois, on parlera de négociation.",
            "La próxima vez hablaremos de negociación.",
            "Volgende keer gaan we het over onderhandelen hebben.",
        ] {
            assert_eq!(topics(text), None, "{text}");
        }
    }

    #[test]
    fn what_one_should_become_in_a_german_how_to_is_the_talk_not_a_plan() {
        let topics = |text: &str| read(text).session.topics;
        let career = Some(vec!["career path".to_string()]);
        // "werden" is German for "will" and for "become": "wo man misstrauisch werden
        // sollte" is what one should become, told in the talk.
        for text in [
            "Sie hat mir gezeigt, wie man die Karriere plant und wo man misstrauisch werden sollte.",
            "Er erklärte, wann man bei der Karriere vorsichtig werden muss.",
        ] {
            assert_eq!(topics(text), career, "{text}");
        }
        // "werden" as what is to come still takes the clause's topics.
        for text in [
            "Wir werden nächste Woche über ihre Karriere sprechen.",
            "Beim nächsten Mal werden wir über Karriere reden.",
        ] {
            assert_eq!(topics(text), None, "{text}");
        }
    }

    #[test]
    fn what_the_writer_means_to_do_with_what_they_learnt_is_no_topic() {
        let topics = |text: &str| read(text).session.topics;
        let ai = Some(vec!["ai tools".to_string()]);
        for text in [
            "Met Tuesday, she showed me ChatGPT, which I intend to try for my negotiation.",
            "Am Dienstag hat sie mir ChatGPT gezeigt, das möchte ich bei meiner Verhandlung ausprobieren.",
            "Mardi elle m'a montré ChatGPT, que je voudrais appliquer à ma négociation.",
            "El martes me enseñó ChatGPT, que quiero probar en mi negociación.",
            "Dinsdag liet ze me ChatGPT zien, dat wil ik bij mijn onderhandeling proberen.",
        ] {
            assert_eq!(topics(text), ai, "{text}");
        }
        // The talk itself, with its plan in another part, keeps its topics.
        let both = Some(vec!["ai tools".to_string(), "negotiation".to_string()]);
        for text in [
            "She showed me ChatGPT for negotiation, which I intend to try.",
            "Elle m'a montré ChatGPT pour la négociation, que je voudrais essayer.",
        ] {
            assert_eq!(topics(text), both, "{text}");
        }
    }

    #[test]
    fn a_topics_answer_goes_on_under_its_label_and_a_dashed_date_is_read_under_its_own() {
        let e = read(
            "Met: yes\nDate: 10-11\nTopics: Kenji explained how he uses ChatGPT.\nI walked him through how I negotiate with suppliers.\n\nThanks, Aiko",
        );
        assert_eq!(e.session.date, NaiveDate::from_ymd_opt(2026, 11, 10));
        assert_eq!(
            e.session.topics,
            Some(vec!["ai tools".to_string(), "negotiation".to_string()])
        );
        // The answer under an empty label; a blank line ends it.
        let e = read("Topics:\nhow I negotiate with suppliers\n\nMy career path is next.");
        assert_eq!(e.session.topics, Some(vec!["negotiation".to_string()]));
        // A German passive is no plan: the talk's topics stay.
        assert_eq!(
            read(
                "Wir haben uns gestern getroffen. Sie zeigte mir, wie Gehälter verhandelt werden."
            )
            .session
            .topics,
            Some(vec!["negotiation".to_string()])
        );
        // What is decided for the years ahead, asked indirectly, is the talk's subject.
        for text in [
            "We met yesterday. He told me about his career path if I want to become an architect.",
            "We met yesterday. I shared which social media channels we will stop using.",
        ] {
            assert!(read(text).session.topics.is_some(), "{text}");
        }
        // In free text "10-11" is no date.
        assert_eq!(read("We met, 10-11 people came").session.date, None);
    }

    #[test]
    fn german_and_french_labels_are_read() {
        let de = read("Getroffen: ja\nDatum: gestern\nDauer: eine Stunde\nBewertung: 5");
        assert_eq!(de.session.met, Some(true));
        assert_eq!(de.session.date, day(11));
        assert_eq!(de.session.minutes, Some(60));
        assert_eq!(de.session.rating, Some(5));
        let fr = read("Rencontré : oui\nDurée : 1h30\nNote : 4/5\nRemarques : très bien");
        assert_eq!(fr.session.minutes, Some(90));
        assert_eq!(fr.session.rating, Some(4));
        assert_eq!(fr.session.notes.as_deref(), Some("très bien"));
    }

    #[test]
    fn not_yet_in_the_form_is_no_in_the_five_languages() {
        for value in [
            "not yet",
            "No, not yet",
            "noch nicht",
            "pas encore",
            "todavía no",
            "aún no, el jueves",
            "nog niet",
        ] {
            assert_eq!(yes_no(value), Some(false), "{value}");
        }
        for value in ["ya", "yup", "siii", "Yesss!", "jaaa", "ouiii", "Sí"] {
            assert_eq!(yes_no(value), Some(true), "{value}");
        }
        for value in ["noch offen", "still", "nog even kijken"] {
            assert_eq!(yes_no(value), None, "{value}");
        }
        let e = read("Getroffen: noch nicht\nDatum: Dienstag");
        assert_eq!(e.session.met, Some(false));
        assert_eq!(e.session.date, None);
        assert!(e.unparsed.is_empty());
    }

    #[test]
    fn an_unreadable_form_value_is_flagged_not_guessed() {
        let e = read("Met: yes\nRating: pretty good I think");
        assert_eq!(e.session.rating, None);
        assert_eq!(e.unparsed, vec!["Rating: pretty good I think".to_string()]);
    }

    #[test]
    fn what_was_taught_for_a_day_ahead_is_a_topic_and_the_next_meetings_plan_is_not() {
        let e = read("We met yesterday. She gave me pointers for my salary negotiation next week.");
        assert_eq!(e.session.topics, Some(vec!["negotiation".to_string()]));
        let e =
            read("We met yesterday. She showed me ChatGPT and next time we will do negotiation.");
        assert!(
            !e.session
                .topics
                .unwrap_or_default()
                .contains(&"negotiation".to_string()),
            "the next meeting's plan is no topic"
        );
    }

    #[test]
    fn a_reply_that_says_they_did_not_meet_logs_no_topics() {
        let e = read(
            "We could not meet these two weeks: Patricia was away and I had to cover my boss's quarterly presentation.",
        );
        assert_eq!(e.session.met, Some(false));
        assert_eq!(e.session.topics, None);
    }

    #[test]
    fn didnt_manage_this_week_is_no() {
        let e = read("Sorry, we didn't manage this week. Hopefully next week!");
        assert_eq!(e.session.met, Some(false));
        assert_eq!(e.session.date, None);
    }

    #[test]
    fn typographic_apostrophes_are_read_as_plain_ones_and_notes_keep_them() {
        for text in [
            "We didn’t get to meet this time.",
            "We didn‘t meet, sorry.",
            "We didn´t manage it this week.",
            "On ne s’est pas vus.",
        ] {
            assert_eq!(read(text).session.met, Some(false), "{text}");
        }
        let e = read("Met: yes\nNotes: Sam’s advice on “presenting” was great");
        assert_eq!(
            e.session.notes.as_deref(),
            Some("Sam’s advice on “presenting” was great")
        );
        let e = read("Notes:\nShe’s got good ideas\nWe’ll try Copilot");
        assert_eq!(
            e.session.notes.as_deref(),
            Some("She’s got good ideas\nWe’ll try Copilot")
        );
    }

    #[test]
    fn not_yet_is_not_met_and_the_day_booked_is_no_meeting_day() {
        for text in [
            "Not yet – we’re booked in for Thursday. Will report back!",
            "Noch nicht, wir treffen uns erst nächsten Dienstag.",
            "Pas encore, on se voit mardi.",
            "Todavía no, hemos quedado el jueves que viene.",
            "Nog niet, we hebben donderdag ingepland.",
        ] {
            let e = read(text);
            assert_eq!(e.session.met, Some(false), "{text}");
            assert_eq!(e.session.date, None, "{text}");
            assert!(e.unclear.is_empty(), "{text}");
        }
        // A day booked, without saying whether they met: no meeting day either.
        let e = read("We’re booked in for Tuesday.");
        assert_eq!(e.session.met, None);
        assert_eq!(e.session.date, None);
    }

    #[test]
    fn free_text_gives_met_date_minutes_topics_and_rating() {
        let e = read(
            "We met yesterday for about an hour and talked mostly about negotiation. I'd give it a 4/5. Next time we'll cover social media.",
        );
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(11));
        assert_eq!(e.session.minutes, Some(60));
        assert_eq!(e.session.topics, Some(vec!["negotiation".to_string()]));
        assert_eq!(e.session.rating, Some(4));
        assert!(!e.form);
    }

    #[test]
    fn the_last_clause_about_meeting_decides() {
        let e = read("We didn't manage last week, but we met on Tuesday instead.");
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(10));
    }

    #[test]
    fn german_and_french_free_text() {
        let de = read("Wir haben uns gestern getroffen, anderthalb Stunden. Sehr gut!");
        assert_eq!(de.session.met, Some(true));
        assert_eq!(de.session.date, day(11));
        assert_eq!(de.session.minutes, Some(90));
        let de_no = read("Leider hat es diese Woche nicht geklappt.");
        assert_eq!(de_no.session.met, Some(false));
        let fr = read("On s'est vus mardi dernier pendant une heure, c'était super.");
        assert_eq!(fr.session.met, Some(true));
        assert_eq!(fr.session.date, day(10));
        assert_eq!(fr.session.minutes, Some(60));
        let fr_no = read("Nous n'avons pas pu nous voir cette semaine.");
        assert_eq!(fr_no.session.met, Some(false));
    }

    #[test]
    fn nothing_stated_stays_null() {
        let e = read("Thanks for the reminder!");
        assert_eq!(e.session, Session::default());
        assert!(!e.found_anything());
    }

    #[test]
    fn topics_match_inflected_words_and_synonyms() {
        let v = vocab();
        let found: Vec<String> = v
            .find("We practised negotiating and tried ChatGPT")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            found,
            vec!["negotiation".to_string(), "ai tools".to_string()]
        );
    }

    #[test]
    fn what_cannot_be_read_is_listed_as_unclear_and_what_is_not_stated_is_not() {
        // 16 February is before the pair began (2 November): not taken, asked back.
        let e = read_since("We met on 16/2 for 40 minutes.", day(2));
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, None);
        assert_eq!(e.session.minutes, Some(40));
        assert_eq!(e.unclear, vec![Unclear::Date]);
        let e = read_since(
            "Met: yes\nDate: 16/2\nMinutes: a while\nRating: pretty good",
            day(2),
        );
        assert_eq!(e.session.date, None);
        assert_eq!(
            e.unclear,
            vec![Unclear::Date, Unclear::Minutes, Unclear::Rating]
        );
        assert_eq!(e.unparsed, vec!["Minutes: a while", "Rating: pretty good"]);
        let e = read_since("Met: maybe\nDate: whenever", day(2));
        assert_eq!(e.unclear, vec![Unclear::Met, Unclear::Date]);
        // Not stated is not unclear; a plausible date in the text settles the date.
        assert!(read_since("We met yesterday.", day(2)).unclear.is_empty());
        assert!(read_since("We met for an hour.", day(2)).unclear.is_empty());
        let e = read_since("On 16/2 we planned it; we met on 10/11.", day(2));
        assert_eq!(e.session.date, day(10));
        assert!(e.unclear.is_empty());
        // Did not meet: no date to ask for.
        let e = read_since("Met: no\nDate: 16/2", day(2));
        assert_eq!(e.session.met, Some(false));
        assert!(e.unclear.is_empty());
    }

    #[test]
    fn a_day_alone_is_the_meeting_day_as_an_answer_to_our_question_or_a_correction() {
        // "We could not tell the date: reply with it" is answered with the day alone, and
        // "actually it was on Monday" corrects one; a message that only asks for something
        // ("please unsubscribe me, my contract ends on Friday") is a request, read before
        // any report (`inbound::request`).
        assert_eq!(read("Monday.").session.date, day(9));
        assert_eq!(read("Actually, it was on Monday.").session.date, day(9));
        assert_eq!(read("Yep, Monday.").session.date, day(9));
        assert_eq!(read("Monday, 45 minutes.").session.date, day(9));
        assert_eq!(read("Monday: negotiation.").session.date, day(9));
    }

    #[test]
    fn the_day_the_reply_is_written_is_not_the_meeting_day_in_the_five_languages() {
        // Thursday 12 November 2026.
        for (text, want) in [
            (
                "Writing this on Thursday evening. We talked for an hour about negotiation.",
                None,
            ),
            (
                "Ich nutze den Donnerstagabend, um zu antworten. Wir haben uns am Montag getroffen.",
                day(9),
            ),
            (
                "Je profite de ce jeudi soir pour vous écrire. On s'est vus lundi, une heure.",
                day(9),
            ),
            (
                "Aprovecho el jueves para responder. Nos vimos el lunes una hora.",
                day(9),
            ),
            (
                "Donderdagavond, tijd voor mijn mail. We hebben maandag een uur gesproken.",
                day(9),
            ),
        ] {
            assert_eq!(read(text).session.date, want, "{text}");
        }
        // A meeting said in the same clause is the day's.
        assert_eq!(
            read("We met this morning and I'm writing right after.")
                .session
                .date,
            day(12)
        );
        assert_eq!(
            read("Today we talked about my email habits for an hour.")
                .session
                .date,
            day(12)
        );
    }

    #[test]
    fn reports_of_fresh_shapes_read_whole() {
        // Thursday 12 November 2026.
        let e = read(
            "Grace and I finally grabbed coffee Tuesday morning, 10:15 to 11. Solid session, 4 outta 5.",
        );
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(10));
        assert_eq!(e.session.minutes, Some(45));
        assert_eq!(e.session.rating, Some(4));
        let e = read("vu thierry ce matin 9h-9h40, on a bosse mon pitch. super 4/5");
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(12));
        assert_eq!(e.session.minutes, Some(40));
        let e = read(
            "Hi — nothing to report yet, I'm afraid. We've got the Tuesday after Thanksgiving penciled in and I'll write back after that.",
        );
        assert_eq!(e.session.met, Some(false));
        assert_eq!(e.session.date, None);
        let e = read("kenji and i met on mon for abt an hour and a half. 3/5");
        assert_eq!(e.session.date, day(9));
        assert_eq!(e.session.minutes, Some(90));
        let e = read(
            "Valentina y yo tuvimos la sesión ayer por la tarde, de 17:00 a 18:00 hora española. Dirijo un equipo de doce personas.\n\nNota: 4.",
        );
        assert_eq!(e.session.minutes, Some(60));
        assert_eq!(e.session.rating, Some(4));
        let e = read(
            "Eva en ik hebben elkaar afgelopen maandag gesproken, van 10 over 2 tot 3 uur. Ik heb het als zeer nuttig ervaren: 4 punten.",
        );
        assert_eq!(e.session.minutes, Some(50));
        assert_eq!(e.session.rating, Some(4));
        let e = read("vanmiddag 3 kwartier gezeten met sanne over de pitch. top 👍 4/5");
        assert_eq!(e.session.minutes, Some(45));
        assert_eq!(e.session.date, day(12));
        let e = read("Femke en ik zijn gisterennamiddag samen gaan eten, anderhalf uur.");
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(11));
        // A span of another day to come is not the meeting's.
        let e =
            read("We met on Monday for 30 minutes. Next week I'm at a workshop from 10:15 to 11.");
        assert_eq!(e.session.minutes, Some(30));
        let e = read("Nous nous sommes vus lundi. Demain j'ai un atelier de 9h à 9h40.");
        assert_eq!(e.session.minutes, None);
        // A team of twelve and five people are no rating.
        let e = read("We met on Monday. I lead a team of 12. Great - 5 people joined.");
        assert_eq!(e.session.rating, None);
    }

    #[test]
    fn an_amount_said_roughly_with_a_question_mark_is_a_guess_in_five_languages() {
        // Thursday 12 November 2026.
        for (text, minutes) in [
            (
                "omg finally caught up w Helen tues, straight after the all-hands, like 40ish mins? fun",
                40,
            ),
            (
                "Lukas und ich haben uns am Dienstag getroffen, ca. 45 Minuten?",
                45,
            ),
            ("On s'est vus mardi, environ 1h ? Top.", 60),
            ("Nos vimos el martes, unos 40 minutos? Genial.", 40),
            (
                "We hebben elkaar dinsdag gesproken, zo'n 40 minuten? Leuk.",
                40,
            ),
        ] {
            let e = read(text);
            assert_eq!(e.session.met, Some(true), "{text}");
            assert_eq!(e.session.date, day(10), "{text}");
            assert_eq!(e.session.minutes, Some(minutes), "{text}");
        }
        // A real question stays one: no meeting, no day, no length.
        for text in [
            "Shall we meet on Tuesday, for about 40 mins?",
            "¿Nos vemos el martes, unos 40 minutos?",
            "did you want to meet tues?",
        ] {
            let e = read(text);
            assert_eq!(e.session.met, None, "{text}");
            assert_eq!(e.session.date, None, "{text}");
            assert_eq!(e.session.minutes, None, "{text}");
        }
    }

    #[test]
    fn casual_phone_replies_read_whole() {
        // Thursday 12 November 2026.
        let e = read("Met Richard yday, rly good one. Didnt time it soz. going w 4");
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(11));
        assert_eq!(e.session.minutes, None);
        let e = read(
            "Yes met Kenji! Thurs 5 Nov. Forgot to check how long sorry, will do the rest next time",
        );
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(5));
        let e = read("we're meeting tmrw, will report after");
        assert_eq!(e.session.met, None);
        assert_eq!(e.session.date, None);
        let e = read(
            "Hey — no meetup this round. Grace had back-to-back QBRs. We're aiming for next Monday, right after stand-up.",
        );
        assert_eq!(e.session.met, Some(false));
        assert_eq!(e.session.date, None);
        let e = read(
            "Esta vez no ha habido reunión. La idea es vernos el día después de la reunión general.",
        );
        assert_eq!(e.session.met, Some(false));
        let e = read(
            "Lukas und ich haben uns am Montag nach dem Jour fixe zusammengesetzt, eine gute Stunde (ca. 65 Min.).",
        );
        assert_eq!(e.session.met, Some(true));
        assert_eq!(e.session.date, day(9));
        assert_eq!(e.session.minutes, Some(65));
    }
}
