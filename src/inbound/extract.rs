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
//! - in free text, the last clause that says whether the pair met decides ("we didn't manage
//!   last week, but met yesterday" is yes); a duration of the meeting also says they met;
//! - sentences about the future ("next time we'll talk about negotiation", "we're meeting
//!   again on Friday") give no date, duration or topic;
//! - when the pair did not meet, the session has no date and no duration;
//! - "cancelled, then met on Friday": a later clause ("then", "dann", "puis", "luego",
//!   "daarna") says what happened after the cancellation;
//! - a field the reply tries to state but that cannot be read (a form value, a date no
//!   reading of which is plausible: in the future, or before the pair began) is listed in
//!   `unclear`, so the confirmation asks for it rather than guessing.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::text::{Field, field_of, re};
use super::when::{DateContext, Direction, find_dates, find_durations, number_word, parse_date};

mod paraphrases;
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
    let value = t[colon + 1..].trim();
    // "**Met:** yes" (bold from HTML) leaves "** yes"; a rating of "*****" stays.
    let unbolded = value.trim_start_matches('*').trim();
    let value = if unbolded.chars().any(char::is_alphanumeric) {
        unbolded
    } else {
        value
    };
    Some((field, value))
}

/// Reads the session a reply reports.
pub fn extract(text: &str, ctx: &ExtractContext<'_>) -> Extraction {
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
    for line in text.lines() {
        let Some((field, value)) = form_line(line) else {
            if in_notes && !line.trim().is_empty() {
                notes.push(line.trim().to_string());
            } else {
                in_notes = false;
                free_lines.push(line);
            }
            continue;
        };
        out.form = true;
        in_notes = false;
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
            Field::Date => match find_dates(&format!("on {value}"), &dates).first() {
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
                    notes.push(value.to_string());
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
    if s.met == Some(false) {
        out.session.date = None;
        out.session.minutes = None;
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

/// Form values that stand for "not filled in".
fn is_placeholder(value: &str) -> bool {
    matches!(
        value.trim().to_lowercase().as_str(),
        "-" | "--" | "n/a" | "na" | "none" | "?" | "tbd" | "..." | "…" | "_" | "___"
    )
}

fn yes_no(value: &str) -> Option<bool> {
    let v = value
        .trim()
        .trim_end_matches(['.', '!', ','])
        .to_lowercase();
    let first = v.split([' ', ',', '-', '–', '(']).next().unwrap_or("");
    match first {
        "yes" | "y" | "yep" | "yeah" | "ja" | "oui" | "true" | "x" | "✓" | "✔" | "si" | "sí" => {
            Some(true)
        }
        "no" | "n" | "nope" | "nein" | "non" | "false" | "not" | "nee" | "neen" => Some(false),
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

/// The topics of a "Topics:" value: vocabulary topics by their canonical name, other items
/// as the sender wrote them (lowercased).
fn form_topics(value: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let mut topics: Vec<String> = Vec::new();
    let items = value
        .split([',', ';', '/', '•', '+', '&'])
        .flat_map(|part| split_and(part))
        .map(|s| {
            s.trim()
                .trim_matches(['.', '"', '\'', '-', '*', ' '])
                .to_string()
        })
        .filter(|s| !s.is_empty() && !is_placeholder(s));
    for item in items {
        let topic = vocabulary
            .canonical(&item)
            .unwrap_or_else(|| item.to_lowercase());
        if !topics.contains(&topic) {
            topics.push(topic);
        }
    }
    topics
}

fn split_and(part: &str) -> Vec<&str> {
    let mut out = vec![part];
    for sep in [" and ", " und ", " et ", " & "] {
        out = out.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    out
}

static STARS: LazyLock<Regex> = LazyLock::new(|| re(r"[★⭐🌟]{1,5}"));
static OUT_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?P<n>\d{1,2}(?:[.,]5)?|one|two|three|four|five|eins|zwei|drei|vier|fünf|un|deux|trois|quatre|cinq|uno|dos|tres|cuatro|cinco|een|twee|drie|vijf)\s*(?:/|out of|of|von|sur|aus|de|van de|van|sobre)\s*(?P<d>5|10|five|fünf|cinq|ten|cinco|diez|vijf|tien)(?-u:\b)",
    )
});
static STAR_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?P<n>[1-5]|one|two|three|four|five|eins|zwei|drei|vier|fünf|une|deux|trois|quatre|cinq|una|dos|tres|cuatro|cinco|een|twee|drie|vijf)[\s-]*(?:stars?|sterne?n?|étoiles?|estrellas?|sterren|ster)(?-u:\b)",
    )
});
static RATE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:rating|rate it|rated it|i'd give it|i would give it|i give it|give it|bewertung|bewerte|note|je donne|je mettrais|le doy|le daría|le pondría|le pongo|puntuación|valoración|nota|ik geef het|ik geef|ik zou het|beoordeling|cijfer)\s*(?:is|was|of|:|=|ist|war|est|de|es|fue)?\s*(?:a|an|eine|un|una|een)?\s*(?P<n>[1-5])(?-u:\b)(?:\s*/\s*5)?",
    )
});

/// "…, a 4." / "un 4" / "een 4": an article and a score closing a clause. Nothing else may
/// follow the digit, so "a 4-hour drive" or "a 4 pm call" is not a rating.
static CLAUSE_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?im)(?:^|[,:;–—]|\s-)\s*(?:a|an|un|una|une|een|eine|ein)\s+(?P<n>[1-5])(?:\s*/\s*5)?\s*(?:[.!)]|$)",
    )
});

/// Articles before a score in a form value ("Rating: a 4", "Cijfer: een 4").
const ARTICLES: &[&str] = &["a", "an", "un", "una", "une", "een", "eine", "ein"];

/// A rating 1 to 5. `bare` also accepts a bare digit or word (a form value). Emoji other than
/// stars ("👍", "🙂") are never a rating: they say the meeting was good, not which of 1 to 5.
fn rating(value: &str, bare: bool) -> Option<u8> {
    if let Some(m) = STARS.find(value) {
        return u8::try_from(m.as_str().chars().count()).ok();
    }
    if let Some(c) = OUT_OF.captures(value) {
        let n = score_number(&c["n"])?;
        let d = score_number(&c["d"])?;
        if n > d {
            return None;
        }
        let scaled = if d > 5.0 { n / 2.0 } else { n };
        return to_rating(scaled);
    }
    if let Some(c) = STAR_WORDS.captures(value) {
        return to_rating(score_number(&c["n"])?);
    }
    if let Some(c) = RATE_PHRASE.captures(value) {
        return to_rating(score_number(&c["n"])?);
    }
    if let Some(c) = CLAUSE_SCORE.captures(value) {
        return to_rating(score_number(&c["n"])?);
    }
    if bare {
        let v = value.trim();
        if !v.is_empty() && v.chars().all(|c| c == '*') && v.len() <= 5 {
            return u8::try_from(v.len()).ok();
        }
        let mut words = v
            .split(|c: char| c.is_whitespace() || c == '-' || c == '(' || c == ',')
            .filter(|w| !w.is_empty());
        let mut first = words.next().unwrap_or("");
        // "a 4", "un 4": the article is not the score ("un" alone would read as one).
        if ARTICLES.contains(&first.to_lowercase().as_str()) {
            first = words.next().unwrap_or(first);
        }
        if let Some(n) = score_number(first.trim_end_matches(['.', '!'])) {
            return to_rating(n);
        }
    }
    None
}

fn score_number(text: &str) -> Option<f64> {
    let t = text.to_lowercase();
    if let Ok(v) = t.replace(',', ".").parse::<f64>() {
        return Some(v);
    }
    let n = match t.as_str() {
        "one" | "eins" | "un" | "une" | "uno" | "una" | "een" | "één" => 1,
        "two" | "zwei" | "deux" | "dos" | "twee" => 2,
        "three" | "drei" | "trois" | "tres" | "drie" => 3,
        "four" | "vier" | "quatre" | "cuatro" => 4,
        "five" | "fünf" | "cinq" | "cinco" | "vijf" => 5,
        "ten" | "diez" | "tien" => 10,
        _ => return None,
    };
    Some(f64::from(n))
}

fn to_rating(value: f64) -> Option<u8> {
    let r = value.round();
    (1.0..=5.0).contains(&r).then_some(r as u8)
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

static MET_NO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:didn'?t|did not|haven'?t|have not|hadn'?t|couldn'?t|could not|weren'?t able to|were not able to|wasn'?t able to|not able to|unable to|failed to|never)\s+(?:\w+\s+){0,3}?(?:meet|met|manage(?-u:\b)(?:\s+(?:to meet|to get together|it|this|that|to catch up|to find (?:a |the )?time|a (?:session|meeting|call)))?\s*(?:$|[.,;!]|this|that|last)|get (?:a chance|round|around|together|to meet)|make it|find (?:a |the )?time|connect|catch up|talk|speak|have (?:a|our|the) (?:session|meeting|call|chat))|(?-u:\b)no (?:meeting|session|call|catch-up) (?:this|last|yet)|(?-u:\b)(?:had to|have to|got) (?:cancel|postpone|reschedule|skip)|(?-u:\b)(?:was|got|has been|had been|were) (?:cancell?ed|postponed|rescheduled|called off)|(?-u:\b)(?:cancell?ed|postponed|called off) (?:our|the|this|it)(?-u:\b)|(?-u:\b)not this (?:week|time|month)(?-u:\b)|^\s*(?:cancell?ed|postponed|rescheduled|called off)(?-u:\b)|(?-u:\b)didn'?t happen(?-u:\b)|(?-u:\b)fell through(?-u:\b)|(?-u:\b)nicht getroffen(?-u:\b)|(?-u:\b)nicht (?:geschafft|geklappt|gesehen|gesprochen)(?-u:\b)|(?-u:\b)(?:haben|hatten) es (?:leider )?nicht(?-u:\b)|(?-u:\b)kein(?:en)? (?:treffen|termin|gespräch|austausch)(?-u:\b)|(?-u:\b)(?:ist|war|wurde) (?:leider )?(?:ausgefallen|abgesagt|verschoben)(?-u:\b)|(?-u:\b)(?:ausgefallen|abgesagt|verschoben)(?-u:\b)|(?-u:\b)pas (?:pu|réussi|eu le temps|eu l'occasion|trouvé (?:le|de) temps)(?-u:\b)|(?-u:\b)(?:ne nous sommes|ne s'est|ne se sont|ne s'était) pas(?-u:\b)|(?-u:\b)on ne s'est pas(?-u:\b)|(?-u:\b)pas (?:de|eu de) (?:réunion|rendez-vous|session|rencontre|séance)(?-u:\b)|(?-u:\b)(?:a été |été )?(?:annulée?|reportée?)|(?-u:\b)no (?:nos )?(?:hemos |habíamos |pudimos |hemos podido |he podido |pude )?(?:visto|vimos|reunido|reunimos|hablado|hablamos|vernos|reunirnos|hablar|coincidido)(?-u:\b)|(?-u:\b)no (?:pudimos|hemos podido|ha sido posible|fue posible|tuvimos tiempo|hubo (?:reuni|sesi|tiempo))|(?-u:\b)(?:se )?(?:cancel(?:ó|o|amos|ada|ado)|aplaz(?:ó|amos|ada|ado)|pospu(?:simos|esta|esto))(?:\s|$|[.,;!])|(?-u:\b)niet (?:gesproken|gezien|ontmoet|getroffen|gelukt|afgesproken|gebeld|kunnen (?:afspreken|spreken|zien))(?-u:\b)|(?-u:\b)geen (?:afspraak|gesprek|overleg|tijd|sessie)(?-u:\b)|(?-u:\b)(?:afgezegd|geannuleerd|uitgesteld|verzet)(?-u:\b)",
    )
});

static MET_YES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^\s*(?:met|caught up|spoke|talked|chatted|had (?:a|an|our|the))(?-u:\b)|(?-u:\b)(?:we|i|finally|also|just|both)\s+(?:\w+\s+)?(?:met|spoke|talked|chatted|caught up|got together|sat down|connected|hopped on a call|did (?:our|a|the) \w+)(?-u:\b)|(?-u:\b)met (?:up|with|for|on|yesterday|today|last|this|again|in|at|over|online|virtually|briefly)(?-u:\b)|^met(?-u:\b)|(?-u:\b)had (?:a|our|the|another|an|\w+) (?:\w+[\s-]){0,3}?(?:session|meeting|call|chat|catch-up|catchup|conversation|coffee|lunch|sync|1:1|one-on-one|1-on-1|discussion|walk)(?-u:\b)|(?-u:\b)(?:session|meeting|call|chat|conversation|catch-up|today) (?:was|went|felt)(?-u:\b)|(?-u:\b)(?:great|good|lovely|nice|fun|useful|helpful|productive|insightful|interesting) (?:session|chat|call|meeting|conversation|catch-up|discussion)(?-u:\b)|(?-u:\b)(?:haben|hatten) uns(?-u:\b).{0,40}?(?-u:\b)(?:getroffen|gesehen|unterhalten|ausgetauscht|zusammengesetzt)(?-u:\b)|(?-u:\b)wir haben(?-u:\b).{0,30}?(?-u:\b)(?:gesprochen|telefoniert|geredet|diskutiert)(?-u:\b)|(?-u:\b)(?:treffen|gespräch|termin|austausch|call) (?:war|lief|hat)(?-u:\b)|(?-u:\b)hatten (?:ein|unser|einen|eine|heute|gestern)(?-u:\b).{0,30}?(?-u:\b)(?:treffen|gespräch|call|austausch|termin|session|mittagessen|kaffee)(?-u:\b)|(?-u:\b)getroffen(?-u:\b)|(?-u:\b)(?:on s'est|nous nous sommes|on s’est)\s+(?:\w+\s+)?(?:vus?|vues|rencontrés?|rencontrées?|parlé|retrouvés?|retrouvées?|appelés?)(?-u:\b)|(?-u:\b)(?:on a|nous avons)\s+(?:\w+\s+)?(?:eu|fait)\s+(?:une|notre|un|la|le)(?-u:\b).{0,30}?(?-u:\b)(?:réunion|session|séance|appel|échange|rendez-vous|déjeuner|café|call|point|visio|discussion)(?-u:\b)|(?-u:\b)(?:on a|nous avons)\s+(?:\w+\s+)?(?:parlé|discuté|échangé|déjeuné)(?-u:\b)|(?-u:\b)(?:la |notre )?(?:réunion|session|séance|rencontre|discussion) (?:était|s'est|a été)(?-u:\b)|(?-u:\b)nos (?:hemos |habíamos )?(?:reunimos|reunido|vimos|visto|juntamos|juntado|encontramos|encontrado)(?-u:\b)|(?-u:\b)(?:hablamos|charlamos|conversamos)(?-u:\b)|(?-u:\b)(?:hemos|habíamos) (?:hablado|charlado|conversado)(?-u:\b)|(?-u:\b)(?:tuvimos|hemos tenido) (?:una|la|nuestra|un|el|nuestro)(?-u:\b).{0,30}?(?-u:\b)(?:reuni|sesi|llamada|charla|conversaci|encuentro|caf|almuerzo|videollamada)|(?-u:\b)(?:la |nuestra )?(?:reunión|sesión|llamada|charla|conversación) (?:fue|estuvo|ha sido)(?-u:\b)|(?-u:\b)(?:we|wij|ik) (?:hebben|heb|hadden|had)(?-u:\b).{0,40}?(?-u:\b)(?:gesproken|gebeld|gepraat|afgesproken|geluncht|koffie gedronken)(?-u:\b)|(?-u:\b)(?:we|wij) (?:hebben|hadden) elkaar(?-u:\b).{0,30}?(?-u:\b)(?:gezien|ontmoet|getroffen)(?-u:\b)|(?-u:\b)(?:hebben|hadden) (?:we|wij) (?:elkaar(?-u:\b).{0,30}?(?-u:\b)(?:gezien|ontmoet|getroffen|gesproken)|(?-u:\b).{0,30}?(?-u:\b)(?:gesproken|gebeld|afgesproken))(?-u:\b)|(?-u:\b)(?:we|wij) (?:spraken|zagen|ontmoetten|belden|troffen)(?-u:\b)|(?-u:\b)(?:we|wij) hadden(?-u:\b).{0,30}?(?-u:\b)(?:gesprek|afspraak|overleg|sessie|call|lunch|koffie)(?-u:\b)|(?-u:\b)(?:het gesprek|de afspraak|de sessie|ons gesprek) (?:was|ging|verliep)(?-u:\b))",
    )
});

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:will|we'll|i'll|going to|gonna|plan to|planning|plan is|next time|next session|next meeting|next week|shall|want to|would like to|hope to|looking forward|are meeting|'re meeting|are going|to be scheduled|werden|wollen|nächste[snm]?|nächstes mal|das nächste|vorhaben|planen|on va|nous allons|allons|la prochaine|prochaine fois|prochain|prévu|prévoyons|compte|shall we|should we|could we|can we|let's|lets|how about|what about|sollen wir|können wir|lass uns|lasst uns|on pourrait|pourrions|pourrait-on|est-ce qu'on|vamos a|la próxima|próxima vez|próxima semana|semana que viene|queremos|quedamos en|podríamos|nos vemos|hablamos luego|hablamos pronto|volgende|volgende keer|volgende week|gaan we|we gaan|willen|zullen|zouden|tot dan|tot snel)(?-u:\b)",
    )
});

/// Splits text into clauses: sentences, and "but"/"aber"/"mais" halves.
fn clauses(text: &str) -> Vec<(usize, &str)> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)[.!?;]+(?:\s+|$)|\n\s*\n|\n|\s+(?:but|aber|mais|however|though|sondern|pero|sino|maar)\s+|(?:,|\s+(?:and|und|et|y|en))?\s+(?:then|afterwards|dann|danach|stattdessen|puis|ensuite|finalement|luego|después|despues|finalmente|daarna|uiteindelijk)\s+",
        )
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
    // A question ("shall we meet on Thursday?") states nothing that happened.
    let question = |start: usize, clause: &str| text[start + clause.len()..].starts_with('?');
    let future = |offset: usize| -> bool {
        parts
            .iter()
            .find(|(start, c)| offset >= *start && offset < start + c.len())
            .is_some_and(|(start, c)| FUTURE.is_match(c) || question(*start, c))
    };
    let mut met: Option<bool> = None;
    let mut met_clauses: Vec<usize> = Vec::new();
    for (start, clause) in &parts {
        if (FUTURE.is_match(clause) || question(*start, clause)) && !MET_NO.is_match(clause) {
            continue;
        }
        if MET_NO.is_match(clause) {
            met = Some(false);
        } else if MET_YES.is_match(clause) {
            met = Some(true);
            met_clauses.push(*start);
        }
    }
    let durations: Vec<u32> = find_durations(text)
        .into_iter()
        .filter(|d| !future(d.start))
        .map(|d| d.minutes)
        .collect();
    if s.minutes.is_none() {
        s.minutes = durations.first().copied();
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
        let past: Vec<_> = stated.iter().filter(|d| d.plausible).copied().collect();
        doubtful = past.is_empty() && stated.iter().any(|d| d.absolute);
        // A date in a clause that says they met, else the first past date.
        let in_met_clause = past.iter().find(|d| {
            parts.iter().any(|(start, c)| {
                met_clauses.contains(start) && d.start >= *start && d.start < start + c.len()
            })
        });
        s.date = in_met_clause.or(past.first()).map(|d| d.date);
    }
    if s.rating.is_none() {
        s.rating = rating(text, false);
    }
    if s.topics.is_none() && !ctx.vocabulary.is_empty() {
        let topics: Vec<String> = ctx
            .vocabulary
            .find(text)
            .into_iter()
            .filter(|(offset, _)| !future(*offset))
            .map(|(_, t)| t)
            .collect();
        if !topics.is_empty() {
            s.topics = Some(topics);
        }
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
    fn an_unreadable_form_value_is_flagged_not_guessed() {
        let e = read("Met: yes\nRating: pretty good I think");
        assert_eq!(e.session.rating, None);
        assert_eq!(e.unparsed, vec!["Rating: pretty good I think".to_string()]);
    }

    #[test]
    fn didnt_manage_this_week_is_no() {
        let e = read("Sorry, we didn't manage this week. Hopefully next week!");
        assert_eq!(e.session.met, Some(false));
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
    fn ratings_in_several_shapes() {
        assert_eq!(rating("★★★★", false), Some(4));
        assert_eq!(rating("4 out of 5", false), Some(4));
        assert_eq!(rating("8/10", false), Some(4));
        assert_eq!(rating("five stars", false), Some(5));
        assert_eq!(rating("4", true), Some(4));
        assert_eq!(rating("4", false), None);
        assert_eq!(rating("****", true), Some(4));
        assert_eq!(rating("7", true), None);
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
}
