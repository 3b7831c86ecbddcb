//! Owns reading dates and durations out of text in English, German, French, Spanish and
//! Dutch: absolute dates in common formats, relative ones ("yesterday", "last Tuesday",
//! "gestern", "mardi dernier", "el martes pasado", "afgelopen dinsdag", "Tuesday last week",
//! "letzte Woche Dienstag") resolved against a
//! reference day, and durations ("45 min", "an hour and a quarter", "1h30", "45'", "eine
//! Stunde", "une heure et demie", "una hora y media", "anderhalf uur", "een kwartier"; a range
//! such as "40-50 min" is its middle, a span of the day such as "von 12 bis 13 Uhr" or "de 12
//! a 1" its length: see [`duration`]). Pure functions; the caller supplies the reference
//! day in the sender's time zone. Weekdays are read in full, abbreviated where that is
//! unambiguous ("thurs", "Met Wed", German "am Do") or after the word that introduces them
//! ("on mon", "le ven", "el mié", "op di") and misspelt in English ("wendsday"); "yesterday",
//! "this morning" and their compounds ("gisterennamiddag", "ce midi", "anteanoche").
//! Numeric dates take a hint ("on", "am", "met", a weekday) or a year ("12-01-2027"); a
//! number followed by a unit or "out of 5" is not a date. A day of the month alone ("the
//! 23rd", "Tue 16th", "de 10e") is the
//! latest such day (a weekday named with it picks the month); an ambiguous numeric date
//! ("3/4") takes the reading that is plausible (not after the reference day, not before the
//! pair began), and the sender's order when both are; each mention says whether it is
//! plausible at all; a day planned for ("für den 20. Januar", "para el martes") is no meeting
//! day, nor a day without a year put in last year before the pair began. Does not decide
//! which date in a text is the meeting's: that is
//! [`super::extract`]'s job.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};

use super::text::re;

/// Which way a date without a year or a bare weekday points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A meeting that happened: the latest such day on or before the reference day.
    Past,
    /// A day to pause until: the first such day after the reference day.
    Future,
}

/// How to resolve dates: the reference day (the message's date where the sender is), the
/// order of ambiguous numeric dates, and the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateContext {
    pub today: NaiveDate,
    /// `3/4` is 4 March (month first, as in the US) rather than 3 April.
    pub month_first: bool,
    pub direction: Direction,
    /// The text is French: "hier" means yesterday (in German it means "here").
    pub french: bool,
    /// The first day a meeting can have taken place (the pair's start), if known.
    pub since: Option<NaiveDate>,
}

impl DateContext {
    /// Whether `date` can be the day this context reads: for a meeting, not after the
    /// reference day and not before `since`; for a day to come, not before the reference day.
    pub fn plausible(&self, date: NaiveDate) -> bool {
        match self.direction {
            Direction::Past => date <= self.today && self.since.is_none_or(|s| date >= s),
            Direction::Future => date >= self.today,
        }
    }

    /// Whether a date written out in full (with its month, "15 Jan", "2024-01-15") can be
    /// the one meant: not after the reference day. One before the pair began is taken as
    /// written: the person said it, and nothing else reads it differently.
    fn written_plausible(&self, date: NaiveDate) -> bool {
        match self.direction {
            Direction::Past => date <= self.today,
            Direction::Future => date >= self.today,
        }
    }
}

/// A date found in text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
    /// The text named a day outright (a date or a weekday), not "yesterday".
    pub absolute: bool,
    /// The date can be the one meant (see [`DateContext::plausible`]); when no reading of
    /// the words is, `date` is the likeliest reading and this is false.
    pub plausible: bool,
}

mod around;
mod duration;
mod started;
mod words;
use around::{habitual, is_out_of, not_a_day_after, planned_for};
pub use duration::{DurationMention, find_durations};

/// Whether a word names a month, in any of the five languages ("März", "Jänner", "Dec").
pub(crate) fn is_month(word: &str) -> bool {
    words::month_number(word).is_some()
}

/// Whether a word names a weekday in full, in any of the five languages ("Donnerstag",
/// "jeudi").
pub(crate) fn is_weekday(word: &str) -> bool {
    let word = word.to_lowercase();
    words::WEEKDAYS.iter().any(|(name, _)| *name == word)
}
use words::{
    abbreviated_alternation, abbreviated_weekday, is_german_short, misspelt_weekday,
    month_alternation, month_number, weekday_alone_alternation, weekday_alternation, weekday_of,
};

/// Small number words in English, German, French, Spanish and Dutch.
pub fn number_word(word: &str) -> Option<u32> {
    let n = match word.to_lowercase().as_str() {
        // German "'ne Stunde", Flemish "ne keer": "eine", "een" as spoken.
        "a" | "an" | "one" | "ein" | "eine" | "einer" | "einen" | "ne" | "un" | "une" | "uno"
        | "una" | "een" | "één" => 1,
        "two" | "zwei" | "deux" | "couple" | "dos" | "twee" => 2,
        "three" | "drei" | "trois" | "tres" | "drie" => 3,
        "four" | "vier" | "quatre" | "cuatro" => 4,
        "five" | "fünf" | "funf" | "cinq" | "cinco" | "vijf" => 5,
        "six" | "sechs" | "seis" | "zes" => 6,
        "seven" | "sieben" | "sept" | "siete" | "zeven" => 7,
        "eight" | "acht" | "huit" | "ocho" => 8,
        "nine" | "neun" | "neuf" | "nueve" | "negen" => 9,
        "ten" | "zehn" | "dix" | "diez" | "tien" => 10,
        "fifteen" | "fünfzehn" | "quinze" | "quince" | "vijftien" => 15,
        "twenty" | "zwanzig" | "vingt" | "veinte" | "twintig" => 20,
        "thirty" | "dreißig" | "dreissig" | "trente" | "treinta" | "dertig" => 30,
        "forty" | "vierzig" | "quarante" | "cuarenta" | "veertig" => 40,
        "twenty-five" | "fünfundzwanzig" | "vingt-cinq" | "veinticinco" | "vijfentwintig" => 25,
        "thirty-five" | "fünfunddreißig" | "fünfunddreissig" | "trente-cinq"
        | "treinta y cinco" | "vijfendertig" => 35,
        "forty-five" | "fünfundvierzig" | "quarante-cinq" | "cuarenta y cinco"
        | "vijfenveertig" => 45,
        "fifty-five" | "fünfundfünfzig" | "cinquante-cinq" | "cincuenta y cinco"
        | "vijfenvijftig" => 55,
        "fifty" | "fünfzig" | "cinquante" | "cincuenta" | "vijftig" => 50,
        "sixty" | "sechzig" | "soixante" | "sesenta" | "zestig" => 60,
        // Belgian and Swiss French count "septante", "huitante", "nonante".
        "septante" => 70,
        "septante-cinq" => 75,
        "huitante" => 80,
        "ninety" | "neunzig" | "quatre-vingt-dix" | "nonante" | "noventa" | "negentig" => 90,
        _ => return None,
    };
    Some(n)
}

const NUMBER_WORDS: &str = "an|a|one|two|three|four|five|six|seven|ten|fifteen|twenty-five|twenty|thirty-five|thirty|forty-five|forty|fifty-five|fifty|sixty|ninety|ein|eine|einer|zwei|drei|vier|fünfundzwanzig|fünfunddreißig|fünfunddreissig|fünfundvierzig|fünfundfünfzig|fünfzehn|fünfzig|fünf|zehn|zwanzig|dreißig|dreissig|vierzig|sechzig|neunzig|un|une|deux|trois|quatre|cinq|dix|quinze|vingt-cinq|vingt|trente-cinq|trente|quarante-cinq|quarante|cinquante-cinq|cinquante|soixante|septante-cinq|septante|huitante|nonante|uno|una|dos|tres|cuatro|cinco|diez|quince|veinticinco|veinte|treinta y cinco|treinta|cuarenta y cinco|cuarenta|cincuenta y cinco|cincuenta|sesenta|noventa|een|één|twee|drie|vijfentwintig|vijfendertig|vijfenveertig|vijfenvijftig|vijftien|vijftig|vijf|tien|twintig|dertig|veertig|zestig|negentig|ne";

fn number(text: &str) -> Option<u32> {
    text.parse().ok().or_else(|| number_word(text))
}

// NOTE: word boundaries here and in `extract` are ASCII (`(?-u:\b)`): Unicode `\b` makes the
// regex engine leave its fast DFA on any non-ASCII text (every German or French reply), which
// made extraction about 40% slower; the boundaries only ever sit next to ASCII keywords.
static ISO: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)(\d{4})-(\d{1,2})-(\d{1,2})(?-u:\b)"));
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<pre>(?-u:\b)(?:on|am|le|du|date|datum|the|el|op|met|(?P<wd>{})\.?,?(?:\s+(?:the|den|le|el))?)\s*:?\s*)?(?-u:\b)(?P<a>\d{{1,2}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?:(?P<sep2>[./-])(?P<y>\d{{4}}|\d{{2}})(?-u:\b)|(?P<dot>\.)(?:\s|$)|(?-u:\b))",
        weekday_alternation(true)
    ))
});
/// A meeting said a few words before a numeric date, which is then its day: "Met w/ Grace
/// 12/1, like 45 min", "caught up with Tom 3/2".
static MET_JUST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:met|meet|caught\s+up|spoke|talked|synced|getroffen|gesprochen",
        r"|vus?|vues?|retrouvés?|retrouvées?|reunimos|vimos|hablamos|gesproken|afgesproken)",
        r"(?:\s+\S+){0,3}\s+$",
    ))
});
/// A weekday and a day of the month: "Tue 16th", "Tuesday the 16th", "Dienstag, den 16.",
/// "mardi 16", "el martes 16", "dinsdag 16".
static WEEKDAY_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<wd>{})\.?,?\s+(?:(?:the|den|le|el|de)\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|e|\.)?(?-u:\b)",
        weekday_alternation(true)
    ))
});
/// Words right after "Tuesday 3" that make the number an hour: "de 3 a 4", "3-4 pm", "3 bis 4".
static HOURS_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:a|-|–|to|till|until|bis|à|hasta|tot)\s*(?:las\s+)?\d"));

/// A day of the month alone: "the 23rd", "on 3rd", "am 23.", "le 23", "el 23", "op de 23e",
/// "de 10e" (without "op" only with its ending: "de 12 a 1" is Spanish for a time).
static DAY_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:(?:(?:on\s+)?the\s+(?P<en>\d{1,2})(?:st|nd|rd|th)|on\s+(?P<en2>\d{1,2})(?:st|nd|rd|th)|le\s+(?P<fr>\d{1,2})(?:er)?|el\s+(?:d[ií]a\s+)?(?P<es>\d{1,2})|op\s+de\s+(?P<nl>\d{1,2})(?:e|ste|de)?|de\s+(?P<nl2>\d{1,2})(?:e|ste|de))(?-u:\b)|am\s+(?P<de>\d{1,2})\.)",
    )
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|e|\.)?\s*(?:(?:of|de)\s+)?(?P<m>{})(?-u:\b)\.?(?:,?\s*(?:de\s+)?(?P<y>\d{{4}}))?",
        month_alternation()
    ))
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<m>{})\.?\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s*(?P<y>\d{{4}}))?",
        month_alternation()
    ))
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<word>the day before yesterday|day before yesterday|yesterday|y'day|yday|ystrdy|yest|today|2day|tmrw|tmr|2moro|2morrow|tomoz|auj|ajd|this (?:morning|mornin|afternoon|arvo|evening|lunchtime|am|pm)|tonight|earlier today|tomorrow|antes de ayer|vorgestern|gestern|heute|morgen|avant-hier|aujourd'hui|aujourd’hui|ce matin|cet après-midi|cet aprèm|cet aprem|ce soir|demain|hier (?:midi|soir|matin|après-midi|apres-midi)|hier|anteayer|antier|ayer|hoy|esta mañana|esta tarde|esta noche|mañana|last night|anoche|eergister(?:en)?(?:avond|namiddag|voormiddag|middag|ochtend|morgen|nacht)?|gister(?:en)?(?:avond|namiddag|voormiddag|middag|ochtend|morgen|nacht)?|vandaag|vanochtend|vanmorgen|vanvoormiddag|vannamiddag|vanmiddag|vanavond|deze (?:voormiddag|namiddag|middag|ochtend|morgen)|heut|vorhin|ce midi|este mediodía|este mediodia|anteanoche|antenoche)(?-u:\b)|(?-u:\b)(?P<n>\d+|{NUMBER_WORDS}) (?P<unit>days?|weeks?) ago(?-u:\b)|(?-u:\b)vor (?P<nde>\d+|{NUMBER_WORDS}) (?P<unitde>tagen|tag|wochen|woche)(?-u:\b)|(?-u:\b)il y a (?P<nfr>\d+|{NUMBER_WORDS}) (?P<unitfr>jours?|semaines?)(?-u:\b)|(?-u:\b)hace (?P<nes>\d+|{NUMBER_WORDS}) (?P<unites>d[ií]as?|semanas?)(?-u:\b)|(?-u:\b)(?P<nnl>\d+|{NUMBER_WORDS}) (?P<unitnl>dagen|dag|weken|week) geleden(?-u:\b)|(?-u:\b)in (?P<nin>\d+|{NUMBER_WORDS}) (?P<unitin>days?|weeks?|tagen|wochen)(?-u:\b)"
    ))
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    let days = weekday_alone_alternation();
    re(&format!(
        r"(?i)(?:(?-u:\b)(?P<week>last week|letzte woche|vergangene woche|vorige week|afgelopen week)(?:\s+(?:on|am|op))?\s+)?(?-u:\b)(?P<pre>last|this past|this|next|on|letzten|letzter|vergangenen|diesen|nächsten|am|le|ce|el|este|pasado|próximo|proximo|afgelopen|vorige|vorig|volgende|deze|op)?\s*(?-u:\b)(?P<day>{days})(?:s|morgen|vormittag|mittag|nachmittag|abend|ochtend|voormiddag|namiddag|middag|avond)?(?-u:\b)(?:,?\s+(?:(?P<weekpost>last week|letzte woche|der letzten woche|vergangene woche|(?:de )?la semaine dernière|(?:de )?la semana pasada|vorige week|afgelopen week)|(?P<post>dernier|passé|prochain|pasado|próximo|proximo|que viene)))?"
    ))
});

/// A weekday abbreviated after the word that says a day follows, in its language: "on mon",
/// "last fri", "le ven", "el mié", "op di", "afgelopen wo" (see
/// [`words::WEEKDAYS_ABBREVIATED`]). Alone, "mon", "mar" or "do" are other words.
static WEEKDAY_ABBREVIATED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<pre>on|last|this past|le|el|op|afgelopen|vorige|am)\s+(?P<abbr>{})\.?",
        abbreviated_alternation()
    ))
});

/// Every date mention in `text`, in order, resolved under `ctx`. Mentions do not overlap.
pub fn find_dates(text: &str, ctx: &DateContext) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::new();
    let mut add = |m: Option<DateMention>| {
        if let Some(m) = m
            && !found.iter().any(|f| m.start < f.end && f.start < m.end)
            && !(ctx.direction == Direction::Past && planned_for(&text[..m.start]))
        {
            found.push(m);
        }
    };
    // NOTE: absolute dates all have digits: in text without any, the four searches below
    // run on nothing.
    let numbered = if text.bytes().any(|b| b.is_ascii_digit()) {
        text
    } else {
        ""
    };
    for c in ISO.captures_iter(numbered) {
        add(mention(&c, ymd(&c[1], &c[2], &c[3]), true, ctx));
    }
    for c in DAY_MONTH
        .captures_iter(numbered)
        .chain(MONTH_DAY.captures_iter(numbered))
    {
        let date = month_number(&c["m"]).and_then(|m| {
            let d: u32 = c["d"].parse().ok()?;
            with_year(c.name("y").map(|y| y.as_str()), m, d, ctx)
        });
        add(written(&c, date, ctx));
    }
    for c in NUMERIC.captures_iter(numbered) {
        add(numeric(&c, text, ctx));
    }
    for c in WEEKDAY_DAY.captures_iter(numbered) {
        // "el miércoles de 3 a 4": the day's hours, not its date.
        let end = c.get(0).map_or(0, |m| m.end());
        if HOURS_AFTER.is_match(&numbered[end..]) {
            continue;
        }
        let weekday = weekday_of(&c["wd"]);
        add(day_of_month(&c, &c["d"], weekday, text, ctx));
    }
    for c in DAY_ONLY.captures_iter(numbered) {
        let day = ["en", "en2", "de", "fr", "es", "nl", "nl2"]
            .iter()
            .find_map(|n| c.name(n));
        if let Some(day) = day {
            add(day_of_month(&c, day.as_str(), None, text, ctx));
        }
    }
    for c in RELATIVE.captures_iter(text) {
        add(mention(&c, relative(&c, ctx), false, ctx));
    }
    for c in WEEKDAY.captures_iter(text) {
        add(weekday(&c, text, ctx));
    }
    for c in WEEKDAY_ABBREVIATED.captures_iter(text) {
        add(weekday(&c, text, ctx));
    }
    for m in misspelt_weekdays(text, ctx) {
        add(Some(m));
    }
    found.sort_by_key(|m| m.start);
    restated(text, found)
}

/// Drops a day said in words that a written date right after it restates: "vorige week
/// donderdag (4 februari)", "last Thursday, 4 Feb", "letzten Montag (8. März)", "mardi dernier
/// (2 mars)", "el lunes pasado, 15 de marzo": the written date says which day exactly.
fn restated(text: &str, found: Vec<DateMention>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::with_capacity(found.len());
    for (i, m) in found.iter().enumerate() {
        let worded = !text[m.start..m.end].bytes().any(|b| b.is_ascii_digit());
        let next = found.get(i + 1).filter(|n| {
            let between = &text[m.end..n.start];
            between.chars().count() <= 3
                && between
                    .chars()
                    .all(|c| c.is_whitespace() || "(,-–".contains(c))
                && text[n.start..n.end].bytes().any(|b| b.is_ascii_digit())
                && n.plausible
        });
        if !(worded && next.is_some()) {
            out.push(*m);
        }
    }
    out
}

/// Weekdays misspelt ("on wendsday", "last thrusday"): each read as [`WEEKDAY`] reads the
/// name it stands for, with the words around it.
fn misspelt_weekdays(text: &str, ctx: &DateContext) -> Vec<DateMention> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphabetic() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
            at += 1;
        }
        let end = at;
        // A whole word: not the ASCII part of a word with other letters ("Mondäy").
        let alone = !text[..start].ends_with(char::is_alphanumeric)
            && !text[end..].starts_with(char::is_alphanumeric);
        let Some(name) = misspelt_weekday(&text[start..end]).filter(|_| alone) else {
            continue;
        };
        // The words around it, with the name in its place (at `offset` of `window`).
        let mut from = start.saturating_sub(40);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (end + 40).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let offset = start - from;
        let window = format!("{}{name}{}", &text[from..start], &text[end..to]);
        let read = WEEKDAY
            .captures_iter(&window)
            .filter(|c| c.name("day").is_some_and(|d| d.start() == offset))
            .find_map(|c| weekday(&c, &window, ctx));
        if let Some(m) = read {
            let name_end = offset + name.len();
            out.push(DateMention {
                start: from + m.start,
                end: if m.end > name_end {
                    end + (m.end - name_end)
                } else {
                    end
                },
                ..m
            });
        }
    }
    out
}

/// Reads `text` as one date (a form value, `PAUSE UNTIL …`): the first date in it, or a month
/// alone ("January": its first day).
pub fn parse_date(text: &str, ctx: &DateContext) -> Option<NaiveDate> {
    if let Some(m) = find_dates(text, ctx).first() {
        return Some(m.date);
    }
    let word = text.trim().trim_end_matches('.').to_lowercase();
    let word = word
        .strip_prefix("next ")
        .or_else(|| word.strip_prefix("end of "))
        .unwrap_or(&word);
    if word == "week" || word == "woche" || word == "semaine" {
        return Some(ctx.today + Duration::days(7));
    }
    let month = month_number(word)?;
    with_year(None, month, 1, ctx)
}

fn mention(
    c: &Captures<'_>,
    date: Option<NaiveDate>,
    absolute: bool,
    ctx: &DateContext,
) -> Option<DateMention> {
    let whole = c.get(0)?;
    let date = date?;
    Some(DateMention {
        start: whole.start(),
        end: whole.end(),
        date,
        absolute,
        plausible: if absolute {
            ctx.written_plausible(date)
        } else {
            ctx.plausible(date)
        },
    })
}

/// A day and month written out ("20. Januar", "Jan 20", "20 January 2026"): plausible as
/// written (see [`DateContext::written_plausible`]), except that without a year, a day the
/// reader put in an earlier year than the reference day's, before the pair began, is one to
/// come ("wir sind für den 20. Januar verabredet" in December), not plausible.
fn written(c: &Captures<'_>, date: Option<NaiveDate>, ctx: &DateContext) -> Option<DateMention> {
    let m = mention(c, date, true, ctx)?;
    let guessed_back = c.name("y").is_none() && m.date.year() < ctx.today.year();
    Some(DateMention {
        plausible: m.plausible && !(guessed_back && ctx.since.is_some_and(|s| m.date < s)),
        ..m
    })
}

/// A day of the month without its month ("the 23rd", "Tue 16th"): the latest such day in the
/// context's direction; with a weekday, the latest of the last three such days that falls on
/// it (none: the latest, not plausible).
fn day_of_month(
    c: &Captures<'_>,
    day: &str,
    weekday: Option<Weekday>,
    text: &str,
    ctx: &DateContext,
) -> Option<DateMention> {
    let whole = c.get(0)?;
    if not_a_day_after(&text[whole.end()..]) {
        return None;
    }
    let day: u32 = day.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let step: i32 = if ctx.direction == Direction::Past {
        -1
    } else {
        1
    };
    let candidates: Vec<NaiveDate> = (0..24)
        .filter_map(|k| {
            let index = ctx.today.year() * 12 + ctx.today.month0() as i32 + step * k;
            let date = NaiveDate::from_ymd_opt(
                index.div_euclid(12),
                index.rem_euclid(12) as u32 + 1,
                day,
            )?;
            let ahead = date > ctx.today;
            (ahead == (ctx.direction == Direction::Future)).then_some(date)
        })
        .take(3)
        .collect();
    let latest = *candidates.first()?;
    let (date, plausible) = match weekday {
        None => (latest, ctx.plausible(latest)),
        Some(w) => match candidates.iter().find(|d| d.weekday() == w) {
            Some(d) => (*d, ctx.plausible(*d)),
            None => (latest, false),
        },
    };
    Some(DateMention {
        start: whole.start(),
        end: whole.end(),
        date,
        absolute: true,
        plausible,
    })
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The date with this month and day: in the given year, else the nearest one in the
/// context's direction.
fn with_year(year: Option<&str>, month: u32, day: u32, ctx: &DateContext) -> Option<NaiveDate> {
    if let Some(y) = year {
        let mut y: i32 = y.parse().ok()?;
        if y < 100 {
            y += 2000;
        }
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    let this_year = NaiveDate::from_ymd_opt(ctx.today.year(), month, day)?;
    match ctx.direction {
        Direction::Past if this_year > ctx.today + Duration::days(1) => {
            NaiveDate::from_ymd_opt(ctx.today.year() - 1, month, day)
        }
        Direction::Future if this_year < ctx.today => {
            NaiveDate::from_ymd_opt(ctx.today.year() + 1, month, day)
        }
        _ => Some(this_year),
    }
}

fn numeric(c: &Captures<'_>, text: &str, ctx: &DateContext) -> Option<DateMention> {
    let whole = c.get(0)?;
    let a: u32 = c["a"].parse().ok()?;
    let b: u32 = c["b"].parse().ok()?;
    let year = c.name("y").map(|y| y.as_str());
    let after = text[whole.end()..].trim_start().to_lowercase();
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    // "1.5 hours", "4/5" (a rating), "3/10": not dates; "am 24.11.2026 von 14:00" is one.
    let unit_follows = ["h", "hr", "hrs", "std", "uur", "min", "mins"].contains(&word.as_str())
        || ["hour", "stund", "heure", "hora", "minut"]
            .iter()
            .any(|u| word.starts_with(u))
        || is_out_of(&after);
    // "on 11/10" is a date: the word before says so.
    let denominator_5_or_10 = c.name("sep").is_some_and(|s| s.as_str() == "/")
        && year.is_none()
        && c.name("pre").is_none()
        && (b == 5 || b == 10);
    if unit_follows || denominator_5_or_10 {
        return None;
    }
    // Without a year a numeric date needs a hint: "on 12/11", "am 12.11.", "Date: 12/11";
    // with dashes, only with its year ("12-01-2027"): "12-1" is a span of time or a score.
    // ("We met and 3/4 of the team came" is a share.)
    let met_before = c.name("sep").is_some_and(|s| s.as_str() == "/")
        && !["of", "van", "von", "der", "des", "de", "del"].contains(&word.as_str())
        && MET_JUST_BEFORE.is_match(&text[..whole.start()]);
    if year.is_none() && c.name("pre").is_none() && c.name("dot").is_none() && !met_before {
        return None;
    }
    // "op 18-02", "le 05-03": without a year, a dash makes a date only after a word that
    // says so and with a part written with its nought, as no span or score is.
    let padded = |n: &str| {
        c.name(n)
            .is_some_and(|m| m.as_str().len() == 2 && m.as_str().starts_with('0'))
    };
    let dashed_day = year.is_none() && c.name("pre").is_some() && (padded("a") || padded("b"));
    if c.name("sep").is_some_and(|s| s.as_str() == "-")
        && !dashed_day
        && (year.is_none() || c.name("sep2").is_none_or(|s| s.as_str() != "-"))
    {
        return None;
    }
    let sep = c.name("sep").map_or("/", |s| s.as_str());
    // The readings as (day, month), the sender's order first; "3.4" is day first everywhere.
    let readings = if a > 12 || (sep == "." && b <= 12) {
        vec![(a, b)]
    } else if b > 12 {
        vec![(b, a)]
    } else if ctx.month_first {
        vec![(b, a), (a, b)]
    } else {
        vec![(a, b), (b, a)]
    };
    let dates: Vec<NaiveDate> = readings
        .iter()
        .filter_map(|(day, month)| with_year(year, *month, *day, ctx))
        .collect();
    // A weekday named with it ("Tue 3/4") picks the reading that falls on it.
    let weekday = c.name("wd").and_then(|w| weekday_of(w.as_str()));
    let fits = |d: &NaiveDate| ctx.plausible(*d) && weekday.is_none_or(|w| d.weekday() == w);
    let (date, plausible) = match dates.iter().find(|d| fits(d)) {
        Some(d) => (*d, true),
        None => (*dates.first()?, false),
    };
    Some(DateMention {
        // From the weekday named with it ("Wed 4/11"), which is not another mention.
        start: c
            .name("wd")
            .or(c.name("a"))
            .map_or(whole.start(), |m| m.start()),
        end: whole.end(),
        date,
        absolute: true,
        plausible,
    })
}

fn relative(c: &Captures<'_>, ctx: &DateContext) -> Option<NaiveDate> {
    let today = ctx.today;
    if let Some(word) = c.name("word") {
        let days = match word.as_str().to_lowercase().as_str() {
            "yesterday" | "gestern" | "ayer" | "gisteren" | "last night" | "anoche" => -1,
            // What a phone reply writes: "yday", "tmrw", French "auj" (today).
            "yday" | "y'day" | "ystrdy" | "yest" => -1,
            "tmrw" | "tmr" | "2moro" | "2morrow" | "tomoz" => 1,
            // "hier midi" is French whatever else the text reads as; "gisteravond" is Dutch
            // "yesterday evening", "eergisteravond" the evening before.
            w if w.starts_with("hier ") => -1,
            w if w.starts_with("eergister") => -2,
            w if w.starts_with("gister") => -1,
            "hier" if ctx.french => -1,
            "hier" => return None,
            "the day before yesterday"
            | "day before yesterday"
            | "vorgestern"
            | "avant-hier"
            | "anteayer"
            | "antes de ayer"
            | "antier"
            | "anteanoche"
            | "antenoche" => -2,
            "tomorrow" | "demain" => 1,
            // "morgen" (and "mañana") is also "morning" ("heute Morgen"); only alone it means
            // tomorrow, which no meeting that happened is.
            "morgen" | "mañana" if ctx.direction == Direction::Future => 1,
            "morgen" | "mañana" => return None,
            _ => 0,
        };
        return Some(today + Duration::days(days));
    }
    let (n, unit, sign) = if let (Some(n), Some(u)) = (c.name("n"), c.name("unit")) {
        (n, u, -1)
    } else if let (Some(n), Some(u)) = (c.name("nde"), c.name("unitde")) {
        (n, u, -1)
    } else if let (Some(n), Some(u)) = (c.name("nfr"), c.name("unitfr")) {
        (n, u, -1)
    } else if let (Some(n), Some(u)) = (c.name("nes"), c.name("unites")) {
        (n, u, -1)
    } else if let (Some(n), Some(u)) = (c.name("nnl"), c.name("unitnl")) {
        (n, u, -1)
    } else if let (Some(n), Some(u)) = (c.name("nin"), c.name("unitin")) {
        (n, u, 1)
    } else {
        return None;
    };
    let n = i64::from(number(&n.as_str().to_lowercase())?);
    let unit = unit.as_str().to_lowercase();
    let per = if unit.starts_with('w') || unit.starts_with('s') {
        7
    } else {
        1
    };
    Some(today + Duration::days(sign * n * per))
}

fn weekday(c: &Captures<'_>, text: &str, ctx: &DateContext) -> Option<DateMention> {
    // An abbreviation after the word that introduces it ([`WEEKDAY_ABBREVIATED`]): "on mon",
    // "op di", "el mié"; not the start of a longer word ("el miércoles" is read whole).
    let abbreviated = if let Some(abbr) = c.name("abbr") {
        let pre = c.name("pre")?.as_str().to_lowercase();
        // "on sun loungers": "sat" and "sun" are weekdays only capitalised.
        if ["sat", "sun"].contains(&abbr.as_str()) {
            return None;
        }
        // "op ma's verjaardag": mum's birthday; "I am do-ing": no German "am".
        if text[abbr.end()..].starts_with(|c: char| c.is_alphanumeric() || "'’-".contains(c)) {
            return None;
        }
        // Nor "I am", "10 AM", "at 9 am".
        let written = c.name("pre").map_or("", |p| p.as_str());
        let before = c
            .name("pre")
            .and_then(|p| text[..p.start()].split_whitespace().next_back());
        if pre == "am"
            && (written == "AM"
                || before.is_some_and(|w| {
                    w.eq_ignore_ascii_case("i") || w.ends_with(|c: char| c.is_ascii_digit())
                }))
        {
            return None;
        }
        Some(abbreviated_weekday(&pre, &abbr.as_str().to_lowercase())?)
    } else {
        None
    };
    let day = match abbreviated {
        Some(day) => day,
        None => weekday_of(&c["day"])?,
    };
    // "am Do" is a Thursday; "Do you", "I am So glad" are not.
    if c.name("abbr").is_none() && is_german_short(&c["day"]) {
        let pre = c.name("pre")?;
        let before = text[..pre.start()].split_whitespace().next_back();
        if !["am", "Am"].contains(&pre.as_str()) || before == Some("I") {
            return None;
        }
    }
    let pre = c.name("pre").map(|p| p.as_str().to_lowercase());
    let post = c.name("post").map(|p| p.as_str().to_lowercase());
    let next = pre
        .as_deref()
        .is_some_and(|p| matches!(p, "next" | "nächsten" | "próximo" | "proximo" | "volgende"))
        || matches!(
            post.as_deref(),
            Some("prochain" | "próximo" | "proximo" | "que viene")
        );
    let last = pre.as_deref().is_some_and(|p| {
        matches!(
            p,
            "last"
                | "this past"
                | "letzten"
                | "letzter"
                | "vergangenen"
                | "pasado"
                | "afgelopen"
                | "vorige"
                | "vorig"
        )
    }) || matches!(post.as_deref(), Some("dernier" | "passé" | "pasado"));
    let today = ctx.today;
    let back =
        (7 + today.weekday().num_days_from_monday() as i64 - day.num_days_from_monday() as i64) % 7;
    // "Tuesday last week", "letzte Woche Dienstag": that day of the week before this one.
    let last_week = c.name("week").or(c.name("weekpost")).is_some();
    let date = if last_week {
        today - Duration::days(today.weekday().num_days_from_monday() as i64 + 7)
            + Duration::days(day.num_days_from_monday() as i64)
    } else if next || (ctx.direction == Direction::Future && !last) {
        let ahead = if back == 0 { 7 } else { 7 - back };
        today + Duration::days(ahead)
    } else if last && back == 0 {
        today - Duration::days(7)
    } else {
        today - Duration::days(back)
    };
    let whole = c.get(0)?;
    let start = c
        .name("week")
        .or(c.name("pre"))
        .or(c.name("day"))
        .map(|p| p.start())?;
    if habitual(&text[..start]) {
        return None;
    }
    Some(DateMention {
        start: start.min(whole.end()),
        end: whole.end(),
        date,
        absolute: true,
        plausible: ctx.plausible(date),
    })
}

#[cfg(test)]
mod tests;
