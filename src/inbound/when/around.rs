//! The words around a number or a weekday that make it no meeting day: a day planned for
//! ("für den 20. Januar"), a habit ("every Monday"), a unit or a count after a number ("3
//! weeks", "5 people"), a score's scale ("4 out of 5"). Pure; [`super`] reads the dates.

use super::words::month_number;

/// Whether the words before a date make it the day something is planned for: "for the
/// 20th", "für den 20. Januar", "pour le 20", "para el martes", "voor dinsdag" ("thanks for
/// Tuesday" is the meeting's).
pub(super) fn planned_for(before: &str) -> bool {
    let mut words = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let mut word = words.next();
    if word.as_deref().is_some_and(|w| {
        [
            "the", "den", "dem", "le", "la", "el", "de", "het", "this", "next",
        ]
        .contains(&w)
    }) {
        word = words.next();
    }
    let thanked = |w: Option<String>| {
        w.is_some_and(|w| {
            [
                "thanks", "thank", "you", "danke", "dank", "merci", "bedankt", "gracias",
            ]
            .contains(&w.as_str())
        })
    };
    match word.as_deref() {
        Some("for" | "für" | "pour" | "para" | "voor") => !thanked(words.next()),
        _ => false,
    }
}

/// Whether the words right before a weekday make it a habit, not a day: "our regular Tuesday
/// slot", "every Monday", "unser üblicher Dienstagstermin", "jeden Montag", "notre créneau
/// habituel du mardi", "chaque lundi", "nuestra cita habitual de los martes", "cada lunes",
/// "ons vaste dinsdagmoment", "elke maandag". Only the last three words of the phrase (to a comma) count.
pub(super) fn habitual(before: &str) -> bool {
    const HABIT: &[&str] = &[
        "regular",
        "usual",
        "normal",
        "weekly",
        "standing",
        "recurring",
        "every",
        "each",
        "usually",
        "üblichen",
        "üblicher",
        "übliche",
        "gewohnten",
        "gewohnter",
        "gewohnte",
        "regulären",
        "regulärer",
        "reguläre",
        "normalen",
        "normaler",
        "wöchentlichen",
        "wöchentlicher",
        "festen",
        "fester",
        "feste",
        "jeden",
        "jeder",
        "immer",
        "habituel",
        "habituelle",
        "hebdomadaire",
        "chaque",
        "tous",
        "régulier",
        "régulière",
        "habitual",
        "semanal",
        "cada",
        "todos",
        "siempre",
        "vaste",
        "gebruikelijke",
        "wekelijkse",
        "normale",
        "elke",
        "iedere",
        "altijd",
        "normally",
        "normalerweise",
        "sonst",
        "normalement",
        "habituellement",
        "habitude",
        "normalmente",
        "normaal",
        "gewoonlijk",
        "meestal",
    ];
    let sentence = before
        .rsplit(['.', '!', '?', ';', ',', ':', '\n'])
        .next()
        .unwrap_or(before);
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| HABIT.contains(&w.to_lowercase().as_str()))
}

/// Words after a number that make it something other than a day: a unit, a month (read by
/// the day-and-month patterns), a count of things.
pub(super) fn not_a_day_after(after: &str) -> bool {
    let after = after.trim_start().to_lowercase();
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    after.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '%' | '/' | ':'))
        || ["h", "hr", "hrs", "std", "uur"].contains(&word.as_str())
        || ["hour", "stund", "heure", "hora", "min"]
            .iter()
            .any(|u| word.starts_with(u))
        || month_number(&word).is_some()
        || [
            "session",
            "sessions",
            "time",
            "times",
            "meeting",
            "meetings",
            "call",
            "calls",
            "chat",
            "week",
            "weeks",
            "month",
            "months",
            "round",
            "attempt",
            "try",
            "one",
            "place",
            "topic",
            "goal",
            "question",
            "item",
            "point",
            "people",
            "person",
            "minute",
            "hour",
            "fois",
            "mal",
            "vez",
            "veces",
            "keer",
            "sesión",
            "sitzung",
            "réunion",
            "half",
            "quarter",
            "part",
            "step",
            "day",
            "draft",
            "version",
            "year",
            "level",
            "edition",
            "ronde",
            "sessie",
            "gesprek",
            "afspraak",
            "poging",
            "plaats",
            "editie",
            "versie",
            "maand",
            "jaar",
            "stap",
            "vraag",
            "punt",
            "les",
            "runde",
            "termin",
            "treffen",
            "woche",
            "monat",
            "jahr",
            "séance",
            "rencontre",
            "semaine",
            "mois",
            "année",
            "ronda",
            "reunión",
            "semana",
            "mes",
            "año",
        ]
        .contains(&word.as_str())
}

/// Whether text after a number makes it a score: "out of 5", "von 10", "sur 5".
pub(super) fn is_out_of(after: &str) -> bool {
    let Some(rest) = ["out of", "sur", "von", "de", "van", "of"]
        .iter()
        .find_map(|w| after.strip_prefix(w))
    else {
        return false;
    };
    let scale: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    matches!(
        scale.as_str(),
        "5" | "10"
            | "five"
            | "ten"
            | "fünf"
            | "zehn"
            | "cinq"
            | "dix"
            | "cinco"
            | "diez"
            | "vijf"
            | "tien"
    )
}
