//! Durations in text, in minutes: "45 min", "an hour and a quarter", "1h30", "45'", "eine
//! Stunde und 15 Minuten", "deux bonnes heures", "una horita", "een uurtje", "trois quarts
//! d'heure"; a range of minutes ("40-50 min") is its middle; a span between two times of day
//! is its length: "from 14:00 to 15:30", "de 17h à 18h", "von 12 bis 13 Uhr", "de 12 a 1",
//! "van 10u tot 11u30" (a second hour not after the first is in the afternoon: 12 to 1 is an
//! hour), "from 3:15 till about 4:45", "van half vier tot kwart over vijf" (Dutch and German
//! "half 11" is 10:30), minutes past or to the hour ("van 10 over 2 tot 3 uur", "fünf vor
//! halb drei", "ten past two", "las tres menos diez"), "10:15 to 11", "9h-9h40", a start and
//! an end said with their verbs ([`super::started`]), a span
//! followed by its clock's zone ("de 17:00 a 18:00 hora española"); quarters counted ("3
//! kwartier", "drei Viertelstunden") and fractions ("3/4 uur"); "gut zweistündig", "une
//! quarantaine de minutes", "1u15". An hour written as on a clock after "à", "um", "at" or of
//! seven and more ("à 8h", "14h", "18:00 hora") is a time of day; a length restated by the
//! span right after it ("bijna twee uur (van half vier tot kwart over vijf)") gives way to the
//! span.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::started::started_and_ended;
use super::{NUMBER_WORDS, not_a_day_after, number, number_word};
use crate::inbound::text::re;

/// A duration found in text, in minutes, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationMention {
    pub start: usize,
    pub end: usize,
    pub minutes: u32,
}

/// Words between a number and its hours that do not change it: "two good hours", "deux
/// bonnes heures", "zwei volle Stunden", "dos buenas horas", "twee goede uren".
const HOUR_ADJECTIVES: &str = "good|full|solid|long|whole|short|gute|guten|volle|vollen|ganze|knappe|kurze|lange|bonnes|bonne|bons|bon|longues|longue|petites|petite|grosses|grosse|pleines|buenas|buena|largas|larga|cortas|goede|goed|hele|korte|ruime|klein|kleine";

/// The words for hours, with the diminutives ("een uurtje", "ein Stündchen", "una horita").
/// "an hr" in lowercase only: "an HR meeting" is human resources.
const HOUR_WORDS: &str =
    r"hours?|(?-i:hrs?)|stunden?|stündchen|std|heures?|horas?|horitas?|uur|uren|uurtje|uurtjes";

static HOURS_AND_MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?P<h>\d{1,2})\s*(?:h|hrs?|hours?|std\.?|stunden?|heures?|horas?|uur|u)\s*(?:and\s+|und\s+|et\s+|y\s+|en\s+)?(?P<m>\d{1,2})\s*(?:m(?-u:\b)|mins?(?-u:\b)|minutes?(?-u:\b)|minuten(?-u:\b)|minutos?(?-u:\b))?|(?-u:\b)(?P<h2>\d{1,2}):(?P<m2>\d{2})\s*(?:h(?-u:\b)|hrs?(?-u:\b)|hours?(?-u:\b)|stunden?(?-u:\b)|heures?(?-u:\b)|horas?(?-u:\b)|uur(?-u:\b))",
    )
});
/// Hours and minutes in words or numbers, joined: "an hour and 15 minutes", "eine Stunde und
/// 15 Minuten", "une heure et quinze minutes", "una hora y veinte minutos", "een uur en tien
/// minuten", "1 hour, 20 minutes".
static HOURS_PLUS_MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<h>\d{{1,2}}|{NUMBER_WORDS})[\s-]+(?:(?:{HOUR_ADJECTIVES})\s+)?(?:{HOUR_WORDS})\s*(?:,\s*|and\s+|und\s+|et\s+|y\s+|en\s+)(?P<m>\d{{1,2}}|{NUMBER_WORDS})[\s-]*(?:minutes?|mins?|minuten|minutos?|min\.)(?-u:\b)"
    ))
});
/// An hour and its minutes in French words, without "minutes": "une heure dix", "deux heures
/// vingt" (after "à" or "vers", a time of day).
static FRENCH_HOUR_AND: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?P<h>une|deux)\s+heures?\s+(?P<m>cinq|dix|quinze|vingt-cinq|vingt",
        r"|quarante-cinq|quarante|cinquante)(?-u:\b)",
    ))
});
static HOURS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<quarters>(?-u:\b)(?P<nq>\d|{NUMBER_WORDS})\s+(?:kwartier|viertelstunden|quarters of an hour|quarts d['’]heure|cuartos de hora)(?-u:\b))|(?P<fraction>(?:(?-u:\b)(?:(?P<fw>\d)\s+)?(?P<fq>[13])/(?P<fd>[24])|(?:(?-u:\b)(?P<fw2>\d)\s*)?(?P<fu>[¼½¾]))\s*(?:hours?|of an hour|stunden?|std|heures?|d['’]heure|horas?|de hora|uur|h)(?-u:\b))|(?P<and>(?-u:\b)(?:(?P<hn>\d{{1,2}}|{NUMBER_WORDS})\s+)?(?:(?:{HOUR_ADJECTIVES})\s+)?(?:hours?|hr|stunden?|heures?|horas?|hora|uur)\s+(?P<frac>and a half|and a quarter|und eine halbe(?: stunde)?|und eine viertelstunde|et demie|et quart|y media|y cuarto|en een half|en een kwartier)(?-u:\b))|(?P<andhalf>(?-u:\b)(?P<nh>\d{{1,2}}|{NUMBER_WORDS})(?: and a half|einhalb|ënhalf|enhalf| en een half)\s*(?:hours?|stunden?|uur|uurtje)(?-u:\b))|(?P<half>(?-u:\b)an hour and a half(?-u:\b)|(?-u:\b)one and a half hours?(?-u:\b)|(?-u:\b)(?:an )?hour and a half(?-u:\b)|(?-u:\b)anderthalb stunden(?-u:\b)|(?-u:\b)eineinhalb stunden(?-u:\b)|(?-u:\b)une heure et demie(?-u:\b)|(?-u:\b)une heure trente(?-u:\b)|(?-u:\b)una hora y media(?-u:\b)|(?-u:\b)hora y media(?-u:\b)|(?-u:\b)anderhalf uur(?:tje)?(?-u:\b)|(?-u:\b)anderhalve uur(?-u:\b))|(?P<halfhour>(?-u:\b)half an (?:hour|hr)(?-u:\b)|(?-u:\b)half-hour(?-u:\b)|(?-u:\b)half hour(?-u:\b)|(?-u:\b)halbe stunde(?-u:\b)|(?-u:\b)demi-heure(?-u:\b)|(?-u:\b)demi heure(?-u:\b)|(?-u:\b)media hor(?:a|ita)(?-u:\b)|(?-u:\b)half uur(?:tje)?(?-u:\b)|(?-u:\b)halfuur(?:tje)?(?-u:\b))|(?P<quarter>(?-u:\b)quarter of an hour(?-u:\b)|(?-u:\b)viertelstunde(?-u:\b)|(?-u:\b)quart d['’]heure(?-u:\b)|(?-u:\b)cuarto de hora(?-u:\b)|(?-u:\b)kwartier(?:tje)?(?-u:\b))|(?P<threeq>(?-u:\b)three[ -]quarters of an hour(?-u:\b)|(?-u:\b)tres cuartos de hora(?-u:\b)|(?-u:\b)drie kwartier(?-u:\b)|(?-u:\b)dreiviertel stunde(?-u:\b)|(?-u:\b)dreiviertelstunde(?-u:\b)|(?-u:\b)trois (?:bons |petits )?quarts d['’]heure(?-u:\b))|(?P<long>(?-u:\b)hour-long(?-u:\b)|(?-u:\b)hour long(?-u:\b))|(?P<onequarter>(?-u:\b)eineinviertel stunden?(?-u:\b))|(?P<uurtje>(?-u:\b)uurtje of ?zo(?-u:\b))|(?P<onethreeq>(?-u:\b)eindreiviertel stunden?(?-u:\b))|(?-u:\b)(?P<stundig>ein|zwei|drei|vier|fünf|halb|anderthalb|eineinhalb|zweieinhalb|dreiviertel|viertel)stündig(?:e|en|er|es|em)?(?-u:\b)|(?-u:\b)(?P<n>\d+(?:[.,]\d+)?)[\s-]*(?:(?:{HOUR_ADJECTIVES})\s+)?(?:h(?-u:\b)|u(?-u:\b)|hrs?(?-u:\b)|std\.?|(?:{HOUR_WORDS})(?-u:\b))|(?-u:\b)(?P<w>{NUMBER_WORDS})[\s-]+(?:(?:{HOUR_ADJECTIVES})\s+)?(?:{HOUR_WORDS})(?-u:\b)"
    ))
});
/// Minutes counted, a range of them ("30-45 minutes") its middle. Between the number and its
/// unit may stand a word saying it is rough ("30-ish minutes", "30 odd minutes", "30 y pico
/// minutos", "30 et quelques minutes") or good ("45 bonnes minutes", "45 gute Minuten", "45
/// buenos minutos", "45 goede minuten"); the unit may be a diminutive ("45 minuticos",
/// "minutitos", "Minütchen", "minuutjes").
static MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<n>\d{{1,3}}|{NUMBER_WORDS})(?:\s*(?:-|–|to|bis|à|a|hasta|tot)\s*(?P<n2>\d{{1,3}}))?[\s-]*(?:(?:ish|odd|y pico|y tantos|et quelques|und ein paar|en nog wat|{MINUTE_ADJECTIVES})[\s-]+)?(?:minutes?(?-u:\b)|mins?(?-u:\b)|min\.|minuten(?-u:\b)|minutos?(?-u:\b)|minutjes(?-u:\b)|minuutjes(?-u:\b)|minutitos(?-u:\b)|minuticos(?-u:\b)|minütchen(?-u:\b))"
    ))
});

/// Words between a number and its minutes that do not change it: "45 good minutes", "45
/// bonnes minutes", "45 guten Minuten", "45 buenos minutos", "45 goede minuten".
const MINUTE_ADJECTIVES: &str = "good|full|solid|long|short|gute|guten|volle|vollen|knappe|kurze|lange|bonnes|longues|petites|grosses|pleines|buenos|largos|cortos|escasos|goede|hele|korte|ruime";
/// "45'": minutes written with a prime, as on a timesheet.
static PRIME: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)(?P<n>\d{1,3})['’′]"));
/// Two times of day: "14:00-15:30", "from 12 to 1", "de 17h à 18h", "von 12 bis 13 Uhr", "de
/// 16 heures à 17 heures 30", "entre 12 y 1", "van 10u tot 11u30", "2-3pm". What makes it
/// times and not a count ("3 to 4 people") is checked in [`time_range`].
static TIME_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let time = |n: u8| {
        format!(
            r"(?P<h{n}>\d{{1,2}})(?:(?P<s{n}>[:.]|\s?h\s?|u)(?P<m{n}>\d{{2}}))?(?:\s*(?P<u{n}>uhr|uur|o'clock|heures|horas|h|u)(?-u:\b)(?:\s+(?P<um{n}>[0-5]\d)(?-u:\b))?)?\s*(?P<p{n}>[ap]\.?m(?-u:\b)\.?)?"
        )
    };
    re(&format!(
        r"(?i)(?:(?-u:\b)(?P<from>from|between|von|zwischen|de|du|entre|van|tussen)\s+(?:(?:las|la)\s+)?)?(?-u:\b){}\s*(?P<to>-|–|to|till|until|bis|à|a|au|hasta|tot|and|und|et|y|en|jusqu['’]à)\s*(?:(?:{APPROXIMATELY})\s+)?(?:(?:las|la)\s+)?{}",
        time(1),
        time(2)
    ))
});

/// Words between "till" and the time that leave it a time: "from 3:15 till about 4:45",
/// "bis gegen 17 Uhr", "jusqu'à environ 16h", "hasta como las 5", "tot ongeveer 11 uur".
const APPROXIMATELY: &str = "about|around|roughly|approximately|approx\\.?|ca\\.?|circa|etwa|ungefähr|gegen|environ|vers|sobre|como|rond|ongeveer";

/// Minutes past or to the hour in words: "ten past two", "zehn nach zwei", "tien over twee",
/// "las tres menos diez", "quatre heures moins vingt".
const MINUTE_WORDS: &str = "twenty-five|twenty|five|ten|fünfundzwanzig|zwanzig|fünf|zehn|vijfentwintig|twintig|vijf|tien|vingt-cinq|vingt|cinq|dix|veinticinco|veinte|cinco|diez";

/// The hours of the clock in words, 1 to 12, for "half vier", "Viertel nach drei", "trois
/// heures et demie", "las cuatro y media", "quarter past two".
const CLOCK_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("eins", 1),
    ("ein", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("midi", 12),
    ("noon", 12),
    ("mediodía", 12),
    ("mediodia", 12),
    ("una", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("een", 1),
    ("één", 1),
    ("twee", 2),
    ("drie", 3),
    ("vijf", 5),
    ("zes", 6),
    ("zeven", 7),
    ("negen", 9),
    ("tien", 10),
    ("twaalf", 12),
];

/// A span between two times of the day of which one at least is said with a part of the
/// hour: "van half vier tot kwart over vijf", "van 9 tot half 11" (Dutch and German "half
/// 11", "halb 11", is 10:30), "von Viertel nach drei bis halb fünf", "from quarter past two
/// to half past three", "de trois heures et quart à quatre heures moins le quart", "de las
/// cuatro y media a las seis menos cuarto". Plain numbers are [`TIME_RANGE`]'s.
static CLOCK_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<&str> = CLOCK_WORDS.iter().map(|(w, _)| *w).collect();
    let words = words.join("|");
    let time = |n: u8| {
        format!(
            r"(?:(?P<pre{n}>half past|quarter past|quarter to|a quarter past|a quarter to|half|halb|kwart over|kwart na|kwart voor|viertel nach|viertel vor|dreiviertel|drei viertel|viertel)\s+|(?P<mn{n}>\d{{1,2}}|{MINUTE_WORDS})\s+(?P<rel{n}>past|after|to|over|na|voor|nach|vor)\s+(?:(?P<hf{n}>half|halb)\s+)?)?(?:(?:las|la)\s+)?(?P<h{n}>\d{{1,2}}|(?:{words})(?-u:\b))(?:[:.h](?P<cm{n}>\d{{2}}))?(?:\s*(?:uhr|uur|o'clock|heures?|h|u)(?-u:\b))?(?:\s+(?P<post{n}>et demie|et quart|moins le quart|moins quart|y media|y cuarto|menos cuarto|and a half|(?:y|menos|moins)\s+(?:\d{{1,2}}|{MINUTE_WORDS})))?(?-u:\b)"
        )
    };
    re(&format!(
        r"(?i)(?-u:\b)(?P<intro>from|between|von|zwischen|de|du|entre|van|tussen)\s+{}\s*(?:-|–|to|till|until|bis|à|a|hasta|tot|and|und|et|y|en|jusqu['’]à)\s*(?:(?:{APPROXIMATELY})\s+)?{}",
        time(1),
        time(2)
    ))
});

/// Approximate counts of minutes: "une quarantaine de minutes", "una veintena de minutos",
/// "ein Dutzend Minuten", "a dozen minutes", "een twintigtal minuten".
static ABOUT_MINUTES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:une|una|ein|een|a)\s+(?:(?:bonne|buena|gutes|goede|good)\s+)?(?P<n>dizaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|decena|quincena|veintena|treintena|cuarentena|cincuentena|sesentena|dutzend|dozen|tiental|twintigtal|dertigtal|veertigtal|vijftigtal|zestigtal)\s+(?:de\s+|d['’]|of\s+)?(?:minutes?|minutos?|minuten|min)(?-u:\b)",
    )
});

/// The minutes of an approximate count ("quarantaine").
fn about_minutes(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    let n = match word.as_str() {
        "dizaine" | "decena" | "tiental" => 10,
        "dutzend" | "dozen" => 12,
        "quinzaine" | "quincena" => 15,
        "vingtaine" | "veintena" | "twintigtal" => 20,
        "trentaine" | "treintena" | "dertigtal" => 30,
        "quarantaine" | "cuarentena" | "veertigtal" => 40,
        "cinquantaine" | "cincuentena" | "vijftigtal" => 50,
        "soixantaine" | "sesentena" | "zestigtal" => 60,
        _ => return None,
    };
    Some(n)
}

/// The minutes past midnight (on a 12-hour dial) of one time of [`CLOCK_RANGE`].
fn clock_time(c: &Captures<'_>, n: u8) -> Option<i64> {
    let h = c.name(&format!("h{n}"))?.as_str().to_lowercase();
    let h = match h.parse::<u32>() {
        Ok(h) => h,
        Err(_) => CLOCK_WORDS.iter().find(|(w, _)| *w == h)?.1,
    };
    if h > 23 {
        return None;
    }
    // "from noon to 1:30": the minutes written with the hour.
    let written: i64 = match c.name(&format!("cm{n}")) {
        Some(m) => m.as_str().parse().ok().filter(|m| *m < 60)?,
        None => 0,
    };
    let h = i64::from(h) * 60 + written;
    let part = |name: &str| {
        c.name(&format!("{name}{n}"))
            .map(|m| m.as_str().to_lowercase())
    };
    // "10 over 2", "fünf vor halb drei", "twenty to four": minutes past or to the hour (or to
    // its half, "5 over half 3" being 2:35).
    if let (Some(mn), Some(rel)) = (part("mn"), part("rel")) {
        let mn = i64::from(number(&mn)?);
        if !(1..30).contains(&mn) || h > 12 * 60 {
            return None;
        }
        let base = if part("hf").is_some() { h - 30 } else { h };
        let past = matches!(rel.as_str(), "past" | "after" | "over" | "na" | "nach");
        return Some(if past { base + mn } else { base - mn });
    }
    let post = part("post");
    // "las dos y diez", "las tres menos veinte", "quatre heures moins dix".
    if let Some((sign, mn)) = post.as_deref().and_then(|p| {
        let (sign, rest) = p.split_once(char::is_whitespace)?;
        let mn = i64::from(number(rest.trim())?);
        let sign = match sign {
            "y" => 1,
            "menos" | "moins" => -1,
            _ => return None,
        };
        (1..=30).contains(&mn).then_some((sign, mn))
    }) {
        return Some(h + sign * mn);
    }
    let minutes = match (part("pre").as_deref(), post.as_deref()) {
        (Some("half past"), _) => h + 30,
        (Some("half" | "halb"), _) => h - 30,
        // Austrian and East German "viertel vier" is a quarter of the way to four: 3:15;
        // "dreiviertel vier" is 3:45.
        (Some("viertel"), _) => h - 45,
        // Flemish "kwart na tien" is Dutch "kwart over tien".
        (Some(p), _)
            if p.ends_with("past")
                || p.ends_with("over")
                || p.ends_with(" na")
                || p.ends_with("nach") =>
        {
            h + 15
        }
        (Some(_), _) => h - 15,
        (None, Some(p)) if p.ends_with("demie") || p.ends_with("media") || p.ends_with("half") => {
            h + 30
        }
        (None, Some(p)) if p.starts_with("moins") || p.starts_with("menos") => h - 15,
        (None, Some(_)) => h + 15,
        (None, None) => h,
    };
    Some(minutes)
}

/// The length of one match of [`CLOCK_RANGE`]: both times said, one at least with a part of
/// the hour; a second time not after the first is twelve hours on.
fn clock_range(c: &Captures<'_>) -> Option<u32> {
    // "de midi à 1h", "from noon to 1", "de mediodía a la una": noon is a time of day as
    // exactly as a part of the hour is. Not after "between": "entre midi et deux" is French
    // for the lunch break, a window and not a length.
    let window = c.name("intro").is_some_and(|w| {
        ["between", "zwischen", "entre", "tussen"].contains(&w.as_str().to_lowercase().as_str())
    });
    let noon = !window
        && ["h1", "h2"].iter().any(|n| {
            c.name(n).is_some_and(|h| {
                ["midi", "noon", "mediodía", "mediodia"]
                    .contains(&h.as_str().to_lowercase().as_str())
            })
        });
    let said_part = noon
        || ["pre1", "post1", "pre2", "post2", "mn1", "mn2"]
            .iter()
            .any(|n| c.name(n).is_some());
    if !said_part {
        return None;
    }
    let start = clock_time(c, 1)?;
    let mut end = clock_time(c, 2)?;
    if end <= start {
        end += 12 * 60;
    }
    let diff = end - start;
    (diff > 0 && diff <= 8 * 60).then_some(diff as u32)
}

/// Every duration mention in `text`, in order. Mentions do not overlap.
/// Whether a range after `before` is a scale's ends: "op een schaal van 1 tot 5", "on a
/// scale from 1 to 10".
fn on_a_scale(before: &str) -> bool {
    const SCALE_WORDS: &[&str] = &["scale", "skala", "échelle", "echelle", "escala", "schaal"];
    before
        .split_whitespace()
        .rev()
        .take(2)
        .any(|w| SCALE_WORDS.contains(&w.to_lowercase().as_str()))
}

pub fn find_durations(text: &str) -> Vec<DurationMention> {
    let mut found: Vec<DurationMention> = Vec::new();
    let mut add = |start: usize, end: usize, minutes: Option<u32>| {
        if let Some(minutes) = minutes
            && minutes > 0
            && minutes <= 24 * 60
            && !found.iter().any(|f| start < f.end && f.start < end)
        {
            found.push(DurationMention {
                start,
                end,
                minutes,
            });
        }
    };
    // NOTE: ranges and "1h30" have digits: in text without any, two searches run on nothing.
    let numbered = if text.bytes().any(|b| b.is_ascii_digit()) {
        text
    } else {
        ""
    };
    for c in CLOCK_RANGE.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        // "from 5 to 10 to 15 minutes", "from ten to eleven to twelve people": numbers said
        // as minutes to an hour, then a unit or a count, are no span of the clock.
        let counted = (c.name("mn1").is_some() || c.name("mn2").is_some())
            && not_a_day_after(&text[whole.end..]);
        if !counted && !on_a_scale(&text[..whole.start]) {
            add(whole.start, whole.end, clock_range(&c));
        }
    }
    for (span, minutes) in started_and_ended(numbered) {
        add(span.start, span.end, minutes);
    }
    for c in TIME_RANGE.captures_iter(numbered) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if !on_a_scale(&text[..whole.start]) {
            add(whole.start, whole.end, time_range(&c, &text[whole.end..]));
        }
    }
    for c in ABOUT_MINUTES.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        add(whole.start, whole.end, about_minutes(&c["n"]));
    }
    for c in HOURS_AND_MINUTES.captures_iter(numbered) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if is_clock_time(&text[..whole.start], &text[whole.clone()]) {
            continue;
        }
        // "18:00 hora española": seven hours and more written as on a clock are a time of day,
        // as "14h" is (no mentoring meeting is that long).
        if c.name("h2")
            .is_some_and(|h| h.as_str().parse::<u32>().is_ok_and(|h| h >= 7))
        {
            continue;
        }
        let (h, m) = match (c.name("h"), c.name("m"), c.name("h2"), c.name("m2")) {
            (Some(h), Some(m), _, _) | (_, _, Some(h), Some(m)) => (h.as_str(), m.as_str()),
            _ => continue,
        };
        add(whole.start, whole.end, hours_and_minutes(h, m));
    }
    for c in HOURS_PLUS_MINUTES.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if is_clock_time(&text[..whole.start], c.get(0).map_or("", |m| m.as_str())) {
            continue;
        }
        add(whole.start, whole.end, hours_and_minutes(&c["h"], &c["m"]));
    }
    for c in FRENCH_HOUR_AND.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        // "à une heure dix", "vers une heure vingt": ten past one.
        let before = text[..whole.start].split_whitespace().next_back();
        let at = before.is_some_and(|w| {
            ["à", "a", "vers", "dès", "jusqu'à", "jusqu’à", "de", "entre"]
                .contains(&w.to_lowercase().as_str())
        });
        if !at {
            let minutes = number_word(&c["h"]).zip(number_word(&c["m"]));
            add(whole.start, whole.end, minutes.map(|(h, m)| h * 60 + m));
        }
    }
    for c in HOURS.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if is_clock_time(&text[..whole.start], c.get(0).map_or("", |m| m.as_str())) {
            continue;
        }
        // "an hr rep", "a hr question": "hr" in words before a noun is human resources.
        let said = &text[whole.clone()];
        let hr = c.name("w").is_some() && (said.ends_with("hr") || said.ends_with("hrs"));
        if hr && !hour_follows(&text[whole.end..]) {
            continue;
        }
        add(whole.start, whole.end, hours(&c));
    }
    for c in MINUTES.captures_iter(text) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        // "twenty-two minutes", "treinta y dos": the end of a number not read whole.
        let before = text[..whole.start].to_lowercase();
        let tens_y = ["treinta", "cuarenta", "cincuenta", "sesenta"]
            .iter()
            .any(|t| before.trim_end().ends_with(&format!("{t} y")));
        if before.ends_with(['-', '‑']) || tens_y {
            continue;
        }
        let first = number(&c["n"].to_lowercase());
        let minutes = match c.name("n2").and_then(|n| n.as_str().parse::<u32>().ok()) {
            // "30-45 minutes": the middle of the range.
            Some(second) => first.map(|f| (f + second).div_ceil(2)),
            None => first,
        };
        add(whole.start, whole.end, minutes);
    }
    for c in PRIME.captures_iter(numbered) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        // "45'" alone; not "5'11", "the 90's" or a quoted '45'.
        let next = text[whole.end..].chars().next();
        let quoted = text[..whole.start].ends_with(['\'', '’']);
        if quoted || next.is_some_and(|n| n.is_alphanumeric()) {
            continue;
        }
        add(whole.start, whole.end, c["n"].parse().ok());
    }
    found.sort_by_key(|m| m.start);
    // "almost two hours (from half three to quarter past five)": the span says it exactly.
    let spans: Vec<usize> = found
        .iter()
        .filter(|m| is_span(&text[m.start..m.end]))
        .map(|m| m.start)
        .collect();
    found.retain(|m| {
        let rest = &text[m.end.min(text.len())..];
        let gap = rest.len()
            - rest
                .trim_start_matches([' ', '(', ',', '-', '–', '—', ':'])
                .len();
        !(gap > 0 && spans.contains(&(m.end + gap)) && !is_span(&text[m.start..m.end]))
    });
    // "eine gute Stunde (ca. 65 Min.)", "about an hour – 65 min": a length in words restated
    // in figures right after it, in brackets or after a dash, is said exactly by the figures.
    let figures = |m: &DurationMention| text[m.start..m.end].bytes().any(|b| b.is_ascii_digit());
    let restated: Vec<usize> = found
        .windows(2)
        .filter(|w| {
            let between = &text[w[0].end..w[1].start];
            !figures(&w[0]) && figures(&w[1]) && RESTATED_BY.is_match(between)
        })
        .map(|w| w[0].start)
        .collect();
    found.retain(|m| !restated.contains(&m.start));
    found
}

/// What may stand between a length in words and its figures: a bracket or a dash, and a word
/// that says the figures are rough ("(ca. 65 Min.)", "– about 65 min", "(environ 65 min)").
static RESTATED_BY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        concat!(
            r"(?i)^\s*(?:(?:or so|or more|oder so|ou plus|o así|o más|of zo|ish|larga|largas|y pico",
            r"|bien tassée|passée|ruim)\s*)?[(–—-]\s*(?:(?:{APPROXIMATELY}|~|so|rund|knapp|unos|unas|aprox\.?|zo'n|i\.e\.|d\.h\.|soit|o sea|dus)\s*)?$"
        ),
        APPROXIMATELY = APPROXIMATELY
    ))
});

/// Whether the words after "an hr" let it be an hour: the end of the text or of a part of it,
/// or a word that goes on about the length ("an hr or so", "an hr w Helen", "an hr yday").
fn hour_follows(after: &str) -> bool {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    !after.starts_with(char::is_whitespace)
        || word.is_empty()
        || [
            "and",
            "or",
            "ish",
            "long",
            "max",
            "tops",
            "total",
            "w",
            "with",
            "on",
            "at",
            "in",
            "over",
            "of",
            "about",
            "yday",
            "yesterday",
            "today",
            "last",
            "this",
            "maybe",
            "i",
            "we",
            "lol",
            "haha",
            "so",
        ]
        .contains(&word.as_str())
}

/// Whether a mention is a span between two times of day ("van 9 tot half 11", "14:00-15:30").
fn is_span(mention: &str) -> bool {
    CLOCK_RANGE.is_match(mention) || TIME_RANGE.is_match(mention)
}

/// "1" and "15", "eine" and "zehn": hours and minutes, in minutes.
fn hours_and_minutes(h: &str, m: &str) -> Option<u32> {
    let (h, m) = (number(&h.to_lowercase())?, number(&m.to_lowercase())?);
    (m < 60).then_some(h * 60 + m)
}

/// The minutes of one match of [`HOURS`].
fn hours(c: &Captures<'_>) -> Option<u32> {
    if let Some(n) = c.name("nq") {
        // "3 kwartier", "drei Viertelstunden", "two quarters of an hour": quarters counted.
        return number(&n.as_str().to_lowercase()).map(|n| n * 15);
    }
    if c.name("fraction").is_some() {
        // "3/4 uur", "¾ Stunde", "1/2 h"; after whole hours, "1 1/4 std", "1½ h".
        let whole: u32 = match c.name("fw").or(c.name("fw2")) {
            Some(w) => w.as_str().parse().ok()?,
            None => 0,
        };
        let part = match (
            c.name("fq").map(|m| m.as_str()),
            c.name("fd").map(|m| m.as_str()),
            c.name("fu").map(|m| m.as_str()),
        ) {
            (Some("1"), Some("4"), _) | (_, _, Some("¼")) => Some(15),
            (Some("1"), Some("2"), _) | (_, _, Some("½")) => Some(30),
            (Some("3"), Some("4"), _) | (_, _, Some("¾")) => Some(45),
            _ => None,
        };
        return part.map(|p| whole * 60 + p);
    }
    if let Some(frac) = c.name("frac") {
        // "an hour and a quarter", "dos horas y media": the hours and the part.
        let hours = c
            .name("hn")
            .map_or(Some(1), |n| number(&n.as_str().to_lowercase()));
        let frac = frac.as_str().to_lowercase();
        let part = if ["half", "halbe", "demie", "media"]
            .iter()
            .any(|w| frac.contains(w))
        {
            30
        } else {
            15
        };
        return hours.map(|h| h * 60 + part);
    }
    if let Some(n) = c.name("nh") {
        // "two and a half hours", "zweieinhalb Stunden", "tweeënhalf uur".
        return number(&n.as_str().to_lowercase()).map(|h| h * 60 + 30);
    }
    if let Some(w) = c.name("stundig") {
        // "ein gut zweistündiges Gespräch", "halbstündig": the adjective of a length.
        return match w.as_str().to_lowercase().as_str() {
            "viertel" => Some(15),
            "halb" => Some(30),
            "dreiviertel" => Some(45),
            "anderthalb" | "eineinhalb" => Some(90),
            "zweieinhalb" => Some(150),
            n => number_word(n).map(|h| h * 60),
        };
    }
    let fixed = [
        ("half", 90),
        ("halfhour", 30),
        ("quarter", 15),
        ("threeq", 45),
        ("long", 60),
        ("onequarter", 75),
        ("uurtje", 60),
        ("onethreeq", 105),
    ];
    if let Some((_, minutes)) = fixed.iter().find(|(name, _)| c.name(name).is_some()) {
        return Some(*minutes);
    }
    c.name("n").or(c.name("w")).and_then(|n| {
        let n = n.as_str().to_lowercase();
        let value = match n.replace(',', ".").parse::<f64>() {
            Ok(v) => v,
            Err(_) => f64::from(number_word(&n)?),
        };
        let minutes = (value * 60.0).round();
        (minutes > 0.0 && minutes <= 1440.0).then_some(minutes as u32)
    })
}

/// Whether a Dutch "3 uur" is a time of day ("om 3 uur", "tot twee uur"), not a length:
/// Dutch says both with "uur", and only the word before tells them apart.
fn is_clock_time(before: &str, mention: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .next()
        .unwrap_or("")
        .to_lowercase();
    // "à 8h", "um 14h30", "at 9h": an hour written as on a clock after a word that says when;
    // "8h chez moi (14h chez elle)": seven hours or more in that short form are a time of day
    // (no mentoring meeting is that long).
    let lower = mention.to_lowercase();
    let short_unit = lower.starts_with(|c: char| c.is_ascii_digit())
        && lower
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
            .starts_with(['h', 'u'])
        && !lower.contains("hour")
        && !lower.contains("heure")
        && !lower.contains("hora")
        && !lower.contains("uur");
    if short_unit {
        let hours: u32 = lower
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        let when = [
            "à",
            "a",
            "vers",
            "dès",
            "jusqu'à",
            "jusqu’à",
            "um",
            "gegen",
            "ab",
            "at",
            "till",
            "until",
            "las",
            "hasta",
            "om",
            "rond",
            "vanaf",
            "tot",
        ];
        if hours >= 7 || when.contains(&word.as_str()) {
            return true;
        }
    }
    let says_uur = mention
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "uur");
    if !says_uur {
        return false;
    }
    matches!(
        word.as_str(),
        "om" | "rond" | "tot" | "vanaf" | "na" | "voor" | "van" | "tussen" | "half"
    )
}

/// The minutes past midnight of a time of day written as digits: its hour, its minutes if
/// any, and "am" or "pm" if said (lowercase, dots allowed: "p.m.").
pub(super) fn clock_minutes(h: &str, m: Option<&str>, p: Option<&str>) -> Option<i64> {
    let mut h: i64 = h.parse().ok()?;
    let m: i64 = m.map_or(Some(0), |m| m.parse().ok())?;
    match p.map(|p| p.replace('.', "")).as_deref() {
        Some("pm") if h < 12 => h += 12,
        Some("am") if h == 12 => h = 0,
        _ => {}
    }
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// The length of a span between two times of day, when the match is one: both times with
/// minutes ("14:00-15:30"), or a word that says it is a span of the day ("from", "von", "de",
/// "entre", "van") or a clock unit ("Uhr", "17h", "10u", "pm") on both or the last, and no
/// word after it that makes the numbers a count ("3 to 4 people") or days ("du 12 au 13 mars").
fn time_range(c: &Captures<'_>, after: &str) -> Option<u32> {
    let lower = |name: &str| c.name(name).map(|m| m.as_str().to_lowercase());
    let from = lower("from");
    let to = lower("to").unwrap_or_default();
    let between = from
        .as_deref()
        .is_some_and(|f| ["between", "zwischen", "entre", "tussen"].contains(&f));
    // "and" joins two times only after "between"; "between" takes nothing else but "-".
    let joined_by_and = ["and", "und", "et", "y", "en"].contains(&to.as_str());
    if joined_by_and != between && !(between && (to == "-" || to == "–")) {
        return None;
    }
    let minutes_both = c.name("m1").is_some() && c.name("m2").is_some();
    let unit = |n: &str| lower(&format!("u{n}")).or(lower(&format!("p{n}")));
    // "9h40", "10u15": the hour and its minutes joined as on a clock.
    let joined = |n: &str| lower(&format!("s{n}")).is_some_and(|s| matches!(s.trim(), "h" | "u"));
    // "de 2 à 3 heures de route" is hours counted; "de 16 heures à 17 heures 30" a span.
    let hour_word = |n: &str| unit(n).is_some_and(|u| u == "heures" || u == "horas");
    let minutes_said = c.name("um2").is_some() || c.name("m2").is_some();
    if hour_word("2") && !hour_word("1") && !minutes_said {
        return None;
    }
    let clock_last = unit("2").is_some_and(|u| u != "h" && u != "u");
    let clock_both = (unit("1").is_some() || joined("1")) && (unit("2").is_some() || joined("2"));
    // "10:15 to 11", "9:30-10": a first time written with a colon and its minutes is a time
    // of day, and so is the hour it runs to.
    // So is one written with a dot and two digits of minutes ("roughly 6.30 to 8").
    let colon_first = lower("s1").is_some_and(|s| s == ":")
        || (lower("s1").is_some_and(|s| s == ".") && c.name("m1").is_some_and(|m| m.len() == 2));
    // "2 till 2.30", "9 bis 10.15": "till" and a second time with its minutes.
    let till_minutes =
        ["till", "until", "bis", "tot", "hasta"].contains(&to.as_str()) && c.name("m2").is_some();
    if !(minutes_both || from.is_some() || clock_last || clock_both || colon_first || till_minutes)
    {
        return None;
    }
    let after = after.trim_start();
    let after = ["de ", "of ", "van ", "del "]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .unwrap_or(after);
    const COUNTS: &[&str] = &[
        "personnes",
        "personas",
        "personen",
        "mensen",
        "leute",
        "participants",
        "topics",
        "sujets",
        "temas",
        "themen",
        "onderwerpen",
        "veces",
        "stars",
        "sterne",
        "sternen",
        "étoiles",
        "estrellas",
        "sterren",
        "points",
        "punkte",
        "puntos",
        "punten",
    ];
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    // "de 14h à 15h30 heure de Bruxelles", "hora local": the clock's zone, not hours counted
    // (a length of hours is plural after a range).
    let zone = [
        "heure de ",
        "heure d'",
        "heure locale",
        "hora de ",
        "hora local",
        "local time",
    ]
    .iter()
    .any(|z| after.to_lowercase().starts_with(z))
        // "de 17:00 a 18:00 hora española", "14h-15h heure française": one hour word after a
        // span names its clock (hours counted are plural).
        || ["hora", "heure", "tijd", "zeit", "time"].contains(&next.as_str());
    if (!zone && not_a_day_after(after)) || COUNTS.contains(&next.as_str()) {
        return None;
    }
    let at = clock_minutes;
    let p1 = lower("p1");
    let p2 = lower("p2");
    // "17 heures 30", "17 Uhr 30": the minutes after the hour's word.
    let minutes = |n: &str| {
        c.name(&format!("m{n}"))
            .or_else(|| {
                c.name(&format!("um{n}"))
                    .filter(|_| unit(n).is_some_and(|u| u.len() > 2))
            })
            .map(|m| m.as_str())
    };
    let end = at(&c["h2"], minutes("2"), p2.as_deref())?;
    let length = |start: i64| {
        let mut end = end;
        // "12 to 1", "de 11 a 1": a second hour not after the first, without am or pm, is in
        // the afternoon.
        if end <= start && p2.is_none() && end < 12 * 60 {
            end += 12 * 60;
        }
        let diff = end - start;
        (diff > 0 && diff <= 8 * 60).then_some(diff as u32)
    };
    let m1 = minutes("1");
    match p1 {
        Some(p) => length(at(&c["h1"], m1, Some(&p))?),
        // "12:30-1:15pm", "2-3pm": the first time takes the last one's am or pm when that
        // gives a span, else it is the morning's ("11-1pm").
        None => p2
            .as_deref()
            .and_then(|p| length(at(&c["h1"], m1, Some(p))?))
            .or_else(|| length(at(&c["h1"], m1, None)?)),
    }
}
