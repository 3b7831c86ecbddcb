//! The words of dates: month and weekday names in English, German, French, Spanish and
//! Dutch, and their lookups.

use chrono::Weekday;

pub(super) const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("janvier", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janv", 1),
    ("jan", 1),
    ("february", 2),
    ("février", 2),
    ("fevrier", 2),
    ("februar", 2),
    ("févr", 2),
    ("fevr", 2),
    ("feb", 2),
    ("fév", 2),
    ("march", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("mar", 3),
    ("mär", 3),
    ("april", 4),
    ("avril", 4),
    ("avr", 4),
    ("apr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("juni", 6),
    ("juin", 6),
    ("jun", 6),
    ("july", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("jul", 7),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("aug", 8),
    ("september", 9),
    ("septembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("oct", 10),
    ("okt", 10),
    ("november", 11),
    ("novembre", 11),
    ("nov", 11),
    ("december", 12),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("dec", 12),
    ("dez", 12),
    // Spanish and Dutch ("mar", "abr", "dic" and the like are shared or too short to add).
    ("enero", 1),
    ("januari", 1),
    ("febrero", 2),
    ("februari", 2),
    ("marzo", 3),
    ("maart", 3),
    ("mrt", 3),
    ("abril", 4),
    ("mayo", 5),
    ("mei", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("augustus", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

pub(super) const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("montag", Weekday::Mon),
    ("lundi", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("dienstag", Weekday::Tue),
    ("mardi", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("mittwoch", Weekday::Wed),
    ("mercredi", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("donnerstag", Weekday::Thu),
    ("jeudi", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("freitag", Weekday::Fri),
    ("vendredi", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("samstag", Weekday::Sat),
    ("sonnabend", Weekday::Sat),
    ("samedi", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sonntag", Weekday::Sun),
    ("dimanche", Weekday::Sun),
    ("lunes", Weekday::Mon),
    ("maandag", Weekday::Mon),
    ("martes", Weekday::Tue),
    ("dinsdag", Weekday::Tue),
    ("miércoles", Weekday::Wed),
    ("miercoles", Weekday::Wed),
    ("woensdag", Weekday::Wed),
    ("jueves", Weekday::Thu),
    ("donderdag", Weekday::Thu),
    ("viernes", Weekday::Fri),
    ("vrijdag", Weekday::Fri),
    ("sábado", Weekday::Sat),
    ("sabado", Weekday::Sat),
    ("zaterdag", Weekday::Sat),
    ("domingo", Weekday::Sun),
    ("zondag", Weekday::Sun),
];

/// Weekdays abbreviated, read only before a day of the month ("Tue 16th", "Thu 3/12"):
/// alone, "sun" or "sat" are other words.
pub(super) const WEEKDAYS_SHORT: &[(&str, Weekday)] = &[
    ("mon", Weekday::Mon),
    ("tues", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thurs", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
    ("mié", Weekday::Wed),
    ("jue", Weekday::Thu),
    ("vie", Weekday::Fri),
    ("sáb", Weekday::Sat),
];

/// Abbreviations read alone, as a weekday named without a date ("met Wed", "thurs, 1hr"):
/// "tues", "thurs" and "weds" in any case; "Tue", "Wed", "Thu" and "Fri" only capitalised as
/// weekdays are; never "mon", "sat" or "sun", which are other words ("Mon ami", "sat down").
pub(super) const WEEKDAYS_ALONE: &str = "(?i:tues|thurs|thur|weds)|(?-i:Tue|Wed|Thu|Fri)";

/// Weekday abbreviations read after the word that says a day follows, each with the words of
/// its language that may introduce it: English after "on", "last", "this past" ("on mon",
/// "last fri"; "sat" and "sun" only after "on" and capitalised: "at last sun", "on sun
/// loungers"), French after "le" ("le
/// ven"; not "jeu" nor "sam", a game and a name), Spanish after "el" ("el mié"; not "mar" nor
/// "dom", the sea and a name), Dutch after "op", "afgelopen", "vorige" ("op di"; not "zo", as
/// in "op zo'n").
pub(super) const WEEKDAYS_ABBREVIATED: &[(&str, &[&str], Weekday)] = &[
    ("mon", EN, Weekday::Mon),
    ("tues", EN, Weekday::Tue),
    ("tue", EN, Weekday::Tue),
    ("weds", EN, Weekday::Wed),
    ("wed", EN, Weekday::Wed),
    ("thurs", EN, Weekday::Thu),
    ("thur", EN, Weekday::Thu),
    ("thu", EN, Weekday::Thu),
    ("fri", EN, Weekday::Fri),
    ("sat", &["on"], Weekday::Sat),
    ("sun", &["on"], Weekday::Sun),
    ("lun", FR_ES, Weekday::Mon),
    ("mar", &["le"], Weekday::Tue),
    ("mer", &["le"], Weekday::Wed),
    ("ven", &["le"], Weekday::Fri),
    ("dim", &["le"], Weekday::Sun),
    ("mié", &["el"], Weekday::Wed),
    ("mie", &["el"], Weekday::Wed),
    ("jue", &["el"], Weekday::Thu),
    ("vie", &["el"], Weekday::Fri),
    ("sáb", &["el"], Weekday::Sat),
    ("sab", &["el"], Weekday::Sat),
    // German written small on a phone, after "am" ("am di getroffen"); never "so".
    ("mo", &["am"], Weekday::Mon),
    ("di", &["am"], Weekday::Tue),
    ("mi", &["am"], Weekday::Wed),
    ("do", &["am"], Weekday::Thu),
    ("fr", &["am"], Weekday::Fri),
    ("sa", &["am"], Weekday::Sat),
    ("ma", NL, Weekday::Mon),
    ("di", NL, Weekday::Tue),
    ("wo", NL, Weekday::Wed),
    ("do", NL, Weekday::Thu),
    ("vr", NL, Weekday::Fri),
    ("za", NL, Weekday::Sat),
];
const EN: &[&str] = &["on", "last", "this past"];
const FR_ES: &[&str] = &["le", "el"];
const NL: &[&str] = &["op", "afgelopen", "vorige"];

/// The abbreviations of [`WEEKDAYS_ABBREVIATED`], longest first.
pub(super) fn abbreviated_alternation() -> String {
    let mut names: Vec<&str> = WEEKDAYS_ABBREVIATED.iter().map(|(n, _, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
}

/// The weekday `abbr` names after `pre` (both lowercase), when `pre` introduces it in its
/// language.
pub(super) fn abbreviated_weekday(pre: &str, abbr: &str) -> Option<Weekday> {
    let pre = pre.split_whitespace().collect::<Vec<_>>().join(" ");
    WEEKDAYS_ABBREVIATED
        .iter()
        .find(|(n, pres, _)| *n == abbr && pres.contains(&pre.as_str()))
        .map(|(_, _, w)| *w)
}

/// German abbreviations ("am Do"), read only after "am": elsewhere "Do" and "So" are words.
pub(super) const WEEKDAYS_GERMAN_SHORT: &[(&str, Weekday)] = &[
    ("Mo", Weekday::Mon),
    ("Di", Weekday::Tue),
    ("Mi", Weekday::Wed),
    ("Do", Weekday::Thu),
    ("Fr", Weekday::Fri),
    ("Sa", Weekday::Sat),
    ("So", Weekday::Sun),
];

/// The full English weekday names a misspelt word is likely to be ("wendsday", "thrusday",
/// "tuseday"): the same first letter, one edit off (two for eight letters or more; a swap of
/// two letters is one edit). Only English: in the other languages a word that near a weekday
/// is often another word ("Feiertag", "maanden").
pub(super) fn misspelt_weekday(word: &str) -> Option<&'static str> {
    const ENGLISH: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.to_ascii_lowercase();
    if word.len() < 6 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let word = word
        .strip_suffix('s')
        .filter(|w| w.len() >= 6)
        .unwrap_or(&word);
    ENGLISH.into_iter().find(|name| {
        let allowed = if name.len() >= 8 { 2 } else { 1 };
        name.as_bytes()[0] == word.as_bytes()[0]
            && *name != word
            && strsim::osa_distance(name, word) <= allowed
    })
}

pub(super) fn month_alternation() -> String {
    MONTHS
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join("|")
}

/// The full weekday names, and with `short` the abbreviations after them.
pub(super) fn weekday_alternation(short: bool) -> String {
    let short = if short { WEEKDAYS_SHORT } else { &[] };
    WEEKDAYS
        .iter()
        .chain(short)
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join("|")
}

/// The weekdays read without a date: the full names, [`WEEKDAYS_ALONE`] and the German
/// abbreviations (which [`super::weekday`] takes only after "am").
pub(super) fn weekday_alone_alternation() -> String {
    let german: Vec<&str> = WEEKDAYS_GERMAN_SHORT.iter().map(|(n, _)| *n).collect();
    format!(
        "{}|{WEEKDAYS_ALONE}|(?-i:{})",
        weekday_alternation(false),
        german.join("|")
    )
}

pub(super) fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

pub(super) fn weekday_of(name: &str) -> Option<Weekday> {
    if let Some((_, w)) = WEEKDAYS_GERMAN_SHORT.iter().find(|(n, _)| *n == name) {
        return Some(*w);
    }
    let name = name.to_lowercase();
    let name = if name == "weds" { "wed" } else { &name };
    WEEKDAYS
        .iter()
        .chain(WEEKDAYS_SHORT)
        .find(|(n, _)| *n == name)
        .map(|(_, w)| *w)
}

/// Whether `name` is one of the German abbreviations ("Do"), read only after "am".
pub(super) fn is_german_short(name: &str) -> bool {
    WEEKDAYS_GERMAN_SHORT.iter().any(|(n, _)| *n == name)
}
