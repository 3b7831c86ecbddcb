//! Reads a participant's command: a word alone on the first line of what they newly wrote
//! (PAUSE, PAUSE UNTIL a date, RESUME, SKIP, REMATCH, STOP, FORGET ME, HELP), in English,
//! which works in every program, or in German, French, Spanish or Dutch. What a command
//! does is the program's rule (`program::decide`). Also the command that opens the first
//! line after a greeting ("Bonjour, SKIP pour cette fois svp, Catherine est…"), or in lower
//! case with its "please" ("Rematch bitte – Klaus ist…", "Reanudar, por favor. Ya…"), which
//! [`super::request`] reads with the requests written in sentences.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::text::{plain_apostrophes, re};
use super::when::{DateContext, Direction, parse_date};
use crate::program::{Command, CommandName};

/// The command on the first non-empty line of `text`, if that line is one (any case,
/// trailing `.`/`!` allowed, and a "please" or "thanks" before or after it in the five
/// languages: "STOP bitte", "Pause, s'il vous plaît", "Por favor, saltar"). `today` is the
/// message's day where the sender is, for `PAUSE UNTIL`.
pub fn detect_command(text: &str, today: NaiveDate, month_first: bool) -> Option<Command> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let line = &*plain_apostrophes(line);
    let raw_words = without_courtesy(line);
    let words: Vec<String> = raw_words.iter().map(|w| w.to_lowercase()).collect();
    let plain = |name| {
        Some(Command {
            name,
            until: None,
            problem: None,
            asked: false,
        })
    };
    match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["pause"] => plain(CommandName::Pause),
        [pause, until, rest @ ..] if is_pause_until(pause, until) && !rest.is_empty() => {
            let date_text = raw_words[2..].join(" ");
            let ctx = DateContext {
                today,
                month_first,
                direction: Direction::Future,
                french: until.starts_with("jusqu"),
                since: None,
            };
            match day_until(&date_text, &ctx) {
                Some(until) => Some(Command {
                    name: CommandName::Pause,
                    until: Some(until),
                    problem: None,
                    asked: false,
                }),
                None => Some(Command {
                    name: CommandName::Pause,
                    until: None,
                    problem: Some(date_text),
                    asked: false,
                }),
            }
        }
        ["resume"] => plain(CommandName::Resume),
        ["skip"] => plain(CommandName::Skip),
        ["rematch"] => plain(CommandName::Rematch),
        ["stop"] | ["unsubscribe"] => plain(CommandName::Stop),
        ["forget", "me"] | ["forget-me"] | ["forgetme"] => plain(CommandName::ForgetMe),
        ["help"] | ["?"] => plain(CommandName::Help),
        other => translated(other)
            .or_else(|| skip_this_time(other))
            .and_then(plain),
    }
}

/// The day after "until" in `text`, which must be to come: a date `when::parse_date` reads,
/// or a day and month in digits without a year ("bis 01.02.", "until 2/1", "jusqu'au 01/02",
/// "hasta el 1/2", "tot 01-02"), which "until" says is a day as "on" says it for `when`.
pub(super) fn day_until(text: &str, ctx: &DateContext) -> Option<NaiveDate> {
    let to_come = |d: &NaiveDate| *d > ctx.today;
    parse_date(text, ctx).filter(to_come).or_else(|| {
        // NOTE: `when` reads "on 01.02" as a day; the word "on" only gives it the hint.
        let first = text.split_whitespace().next()?;
        let digits = first.trim_end_matches(['.', ',', '!', '?']);
        let numeric = digits
            .chars()
            .all(|c| c.is_ascii_digit() || "./-".contains(c))
            && digits.chars().filter(|c| c.is_ascii_digit()).count() >= 2
            && digits.contains(['.', '/', '-']);
        if !numeric {
            return None;
        }
        parse_date(&format!("on {digits}"), ctx).filter(to_come)
    })
}

/// A greeting that opens a line, with up to two words of a name and its punctuation ("Hi
/// Tom,", "Bonjour,", "Hoi!", "Beste Pieter,", "Buenos días:"), in the five languages.
static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|morning",
        r"|hallo|liebe[rs]?|guten\s+(?:morgen|tag|abend)|moin|servus|grüezi",
        r"|bonjour|bonsoir|salut|coucou|cher|chère|chers|madame|monsieur",
        r"|hola|buenas(?:\s+tardes|\s+noches)?|buenos\s+días|buenos\s+dias|estimad[oa]s?",
        r"|hoi|beste|goedemorgen|goedemiddag|goedenavond|dag)",
        r"(?:\s+\p{L}[\p{L}'-]*){0,2}?\s*(?:[,!:.]|\s[–—-])\s*",
    ))
});

/// The command that opens the message: on its first line, after a greeting if there is
/// one, either the whole rest of the line as [`detect_command`] reads a line, or its first
/// clause (up to a comma, a dash or the end of the first sentence) when that is a command
/// written as one: its word in capitals ("SKIP pour cette fois svp, Catherine est en
/// congés", "Hi, STOP please – I'm leaving"), or a SKIP with its "this time" ("Skip this
/// week, Grace is away") or a PAUSE with a day it reads ("Pause until 1 March, I'm on
/// leave"). A command word in lower case that only opens a sentence ("Stop, we met") is
/// none: it is as often a word of the sentence.
pub(super) fn opening_command(text: &str, today: NaiveDate, month_first: bool) -> Option<Command> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let mut line = plain_apostrophes(lines.next()?).into_owned();
    // A greeting alone on its line: the command is on the next.
    let greeting_only = |l: &str| {
        GREETING
            .find(&format!("{l},"))
            .is_some_and(|m| m.end() >= l.trim_end().len())
    };
    if greeting_only(line.trim()) {
        line = plain_apostrophes(lines.next()?).into_owned();
    }
    let rest = match GREETING.find(&line) {
        Some(m) => &line[m.end()..],
        None => line.as_str(),
    };
    if rest.len() < line.len()
        && let Some(command) = detect_command(rest, today, month_first)
    {
        return Some(command);
    }
    clause_ends(rest).into_iter().find_map(|end| {
        let clause = &rest[..end];
        let command = detect_command(clause, today, month_first)?;
        let words = without_courtesy(clause);
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        let in_capitals = words.first().is_some_and(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && w.chars().all(|c| !c.is_lowercase())
        });
        let as_one = command.until.is_some() || skip_this_time(&lower).is_some();
        if in_capitals || as_one {
            return Some(command);
        }
        // NOTE: a command word in lower case with a "please" beside it ("Rematch bitte –
        // Klaus ist…", "Reanudar, por favor. Ya volví…") is a command said as a request,
        // not a word of a sentence; it is carried out as one, so a STOP or REMATCH is
        // asked back. HELP is not: "Help please, we can't find a slot" asks a person.
        (command.name != CommandName::Help && PLEASE.is_match(clause)).then_some(Command {
            asked: true,
            ..command
        })
    })
}

/// "Please" in the five languages (not "thanks", which also opens a sentence of its own).
static PLEASE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:^|\s)(?:please|pls|plz|bitte|svp|stp|s'il\s+(?:vous|te)\s+pla[iî]t",
        r"|por\s+favor|porfa|graag|alstublieft|alsjeblieft|aub|a\.u\.b\.?)(?:$|[\s,.!])",
    ))
});

/// Where the first clauses of `line` end, up to the end of its first sentence: before a
/// comma, a semicolon, a colon, a dash or a bracket, and before the `.`, `!` or `?` that
/// ends the sentence (a `.` after a digit is a date's: "1. März").
fn clause_ends(line: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match c {
            ',' | ';' | ':' | '–' | '—' | '(' => ends.push(at),
            '-' if previous == ' ' => ends.push(at),
            '!' | '?' => {
                ends.push(at);
                break;
            }
            '.' if !previous.is_ascii_digit() => {
                ends.push(at);
                break;
            }
            _ => {}
        }
        previous = c;
    }
    ends
}

/// "This time", "this week" and "this round" in the five languages, said before or after
/// SKIP ("Skip this week", "Diesmal aussetzen", "Sauter cette fois-ci", "Saltar esta vez",
/// "Deze ronde overslaan"): the turn skipped is the one the word already means. Only SKIP
/// takes them.
const THIS_TIME: &[&[&str]] = &[
    &["this", "time"],
    &["this", "week"],
    &["this", "round"],
    &["diesmal"],
    &["dieses", "mal"],
    &["diese", "woche"],
    &["diese", "runde"],
    &["cette", "fois"],
    &["cette", "fois-ci"],
    &["cette", "semaine"],
    &["ce", "tour"],
    &["ce", "tour-ci"],
    &["pour", "cette", "fois"],
    &["esta", "vez"],
    &["esta", "semana"],
    &["esta", "ronda"],
    &["por", "esta", "vez"],
    &["deze", "keer"],
    &["deze", "week"],
    &["deze", "ronde"],
    &["voor", "deze", "keer"],
];

/// SKIP with a "this time" of [`THIS_TIME`] before or after it, a "please" between them
/// too ("Deze ronde graag overslaan", "Diese Runde bitte aussetzen").
fn skip_this_time(words: &[&str]) -> Option<CommandName> {
    let is_skip = |rest: &[&str]| {
        let rest = strip_courtesy(rest.to_vec());
        let name = match rest.as_slice() {
            ["skip"] => Some(CommandName::Skip),
            other => translated(other),
        };
        name.filter(|n| *n == CommandName::Skip)
    };
    THIS_TIME.iter().find_map(|phrase| {
        let n = phrase.len();
        if words.len() <= n {
            return None;
        }
        let (head, tail) = words.split_at(n);
        let (rest, last) = words.split_at(words.len() - n);
        if head == *phrase {
            is_skip(tail)
        } else if last == *phrase {
            is_skip(rest)
        } else {
            None
        }
    })
}

/// "Please" and "thanks" in the five languages, as words: said around a command, they are
/// not part of it.
const COURTESY: &[&[&str]] = &[
    &["please"],
    &["pls"],
    &["plz"],
    &["thanks"],
    &["thank", "you"],
    &["bitte"],
    &["danke"],
    &["svp"],
    &["stp"],
    &["s'il", "vous", "plaît"],
    &["s'il", "vous", "plait"],
    &["s'il", "te", "plaît"],
    &["merci"],
    &["por", "favor"],
    &["porfa"],
    &["gracias"],
    &["graag"],
    &["alstublieft"],
    &["alsjeblieft"],
    &["aub"],
    &["a.u.b"],
    &["bedankt"],
    &["dank", "je"],
    &["dank", "u"],
];

/// The words of `line` without the "please" and "thanks" before and after them, and
/// without the punctuation that closes a word (`.`, `!`, `,`) or stands alone (a dash).
fn without_courtesy(line: &str) -> Vec<&str> {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_end_matches(['.', '!', ',']))
        // A dash between a command and its "thanks" is no word; "?" is HELP.
        .filter(|w| w.chars().any(char::is_alphanumeric) || *w == "?")
        .collect();
    strip_courtesy(words)
}

/// `words` without the "please" and "thanks" of [`COURTESY`] before and after them.
fn strip_courtesy(mut words: Vec<&str>) -> Vec<&str> {
    let is = |words: &[&str], phrase: &[&str]| {
        words.len() == phrase.len()
            && words
                .iter()
                .zip(phrase)
                .all(|(w, p)| w.to_lowercase() == *p)
    };
    loop {
        let before = words.len();
        for phrase in COURTESY {
            let n = phrase.len();
            if words.len() > n && is(&words[..n], phrase) {
                words.drain(..n);
            }
            if words.len() > n && is(&words[words.len() - n..], phrase) {
                words.truncate(words.len() - n);
            }
        }
        if words.len() == before {
            return words;
        }
    }
}

/// Whether two words begin `PAUSE UNTIL` in one of the five languages ("Pausieren bis",
/// "Pause jusqu'au", "Pausa hasta", "Pauze tot"); the date after them is read in all five.
fn is_pause_until(pause: &str, until: &str) -> bool {
    const PAUSE: &[&str] = &["pause", "pausieren", "pausa", "pauze"];
    const UNTIL: &[&str] = &[
        "until", "till", "bis", "jusqu'au", "jusqu'à", "jusqu'a", "hasta", "tot",
    ];
    PAUSE.contains(&pause) && UNTIL.contains(&until)
}

/// The commands in German, French, Spanish and Dutch, alone on the line as in English
/// (which works in every language); `PAUSE UNTIL` is [`is_pause_until`].
fn translated(words: &[&str]) -> Option<CommandName> {
    use CommandName::*;
    const WORDS: &[(&str, CommandName)] = &[
        // German
        ("pausieren", Pause),
        ("fortsetzen", Resume),
        ("weitermachen", Resume),
        ("überspringen", Skip),
        ("aussetzen", Skip),
        ("partnerwechsel", Rematch),
        ("neuer partner", Rematch),
        ("abmelden", Stop),
        ("austragen", Stop),
        ("abbestellen", Stop),
        ("stopp", Stop),
        ("vergiss mich", ForgetMe),
        ("daten löschen", ForgetMe),
        ("meine daten löschen", ForgetMe),
        ("hilfe", Help),
        // French
        ("reprendre", Resume),
        ("passer", Skip),
        ("sauter", Skip),
        ("changer de binôme", Rematch),
        ("nouveau binôme", Rematch),
        ("changer de partenaire", Rematch),
        ("arrêter", Stop),
        ("désinscription", Stop),
        ("se désinscrire", Stop),
        ("désabonner", Stop),
        ("me désabonner", Stop),
        ("désabonnement", Stop),
        ("oubliez-moi", ForgetMe),
        ("oubliez moi", ForgetMe),
        ("aide", Help),
        // Spanish
        ("pausa", Pause),
        ("pausar", Pause),
        ("reanudar", Resume),
        ("continuar", Resume),
        ("saltar", Skip),
        ("omitir", Skip),
        ("cambiar de pareja", Rematch),
        ("nueva pareja", Rematch),
        ("baja", Stop),
        ("darme de baja", Stop),
        ("parar", Stop),
        ("detener", Stop),
        ("olvídame", ForgetMe),
        ("olvidadme", ForgetMe),
        ("borrar mis datos", ForgetMe),
        ("ayuda", Help),
        // Dutch
        ("pauze", Pause),
        ("pauzeren", Pause),
        ("hervatten", Resume),
        ("doorgaan", Resume),
        ("overslaan", Skip),
        ("nieuwe partner", Rematch),
        ("andere partner", Rematch),
        ("afmelden", Stop),
        ("uitschrijven", Stop),
        ("stoppen", Stop),
        ("vergeet mij", ForgetMe),
        ("vergeet me", ForgetMe),
        ("verwijder mijn gegevens", ForgetMe),
        ("hulp", Help),
    ];
    let line = words.join(" ");
    WORDS
        .iter()
        .find(|(phrase, _)| *phrase == line)
        .map(|&(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(text: &str) -> Option<Command> {
        detect_command(text, NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(), false)
    }

    #[test]
    fn commands_alone_on_the_first_line_in_any_case() {
        assert_eq!(cmd("stop").unwrap().name, CommandName::Stop);
        assert_eq!(
            cmd("\n  Pause.\n\nthanks").unwrap().name,
            CommandName::Pause
        );
        assert_eq!(cmd("FORGET ME").unwrap().name, CommandName::ForgetMe);
        assert_eq!(cmd("Rematch!").unwrap().name, CommandName::Rematch);
        assert_eq!(cmd("skip").unwrap().name, CommandName::Skip);
        assert_eq!(cmd("resume").unwrap().name, CommandName::Resume);
        assert_eq!(cmd("help").unwrap().name, CommandName::Help);
        assert_eq!(cmd("Stop sending me these please"), None);
        assert_eq!(cmd("We met. STOP"), None);
    }

    #[test]
    fn commands_read_in_german_french_spanish_and_dutch_and_english_everywhere() {
        use CommandName::*;
        for (text, name) in [
            ("Pausieren", Pause),
            ("Pausa.", Pause),
            ("PAUZE", Pause),
            ("pause", Pause),
            ("Fortsetzen", Resume),
            ("Reprendre", Resume),
            ("Reanudar", Resume),
            ("Hervatten", Resume),
            ("Überspringen", Skip),
            ("Sauter", Skip),
            ("Saltar", Skip),
            ("Overslaan", Skip),
            ("Neuer Partner", Rematch),
            ("Changer de binôme", Rematch),
            ("Cambiar de pareja", Rematch),
            ("Nieuwe partner!", Rematch),
            ("Abmelden", Stop),
            ("Arrêter", Stop),
            ("Darme de baja", Stop),
            ("Uitschrijven", Stop),
            ("Vergiss mich", ForgetMe),
            ("Oubliez-moi", ForgetMe),
            ("Olvídame", ForgetMe),
            ("Vergeet mij", ForgetMe),
            ("Hilfe", Help),
            ("Aide", Help),
            ("Ayuda", Help),
            ("Hulp", Help),
            ("STOP", Stop),
        ] {
            assert_eq!(cmd(text).map(|c| c.name), Some(name), "{text}");
        }
        // Only alone on the line, as in English.
        for text in [
            "Hilfe bei der Terminsuche wäre nett",
            "Nous voulons reprendre la semaine prochaine",
            "Ayuda mucho hablar con ella",
            "Pauze gehad, daarna verder",
        ] {
            assert_eq!(cmd(text), None, "{text}");
        }
    }

    #[test]
    fn a_please_or_thanks_around_a_command_in_the_five_languages_is_not_part_of_it() {
        use CommandName::*;
        for (text, name) in [
            ("STOP please", Stop),
            ("Please, skip.", Skip),
            ("Pause – thanks!", Pause),
            ("Stopp bitte", Stop),
            ("Bitte pausieren.", Pause),
            ("Pause, s'il vous plaît", Pause),
            ("Sauter svp", Skip),
            ("Me désabonner, merci", Stop),
            ("Saltar, por favor", Skip),
            ("Por favor, pausar", Pause),
            ("Pauze graag", Pause),
            ("Overslaan a.u.b.", Skip),
            ("Stoppen, bedankt", Stop),
            ("Doorgaan alsjeblieft", Resume),
        ] {
            assert_eq!(cmd(text).map(|c| c.name), Some(name), "{text}");
        }
        let c = cmd("Pause until 1 December, please").unwrap();
        assert_eq!(c.until, NaiveDate::from_ymd_opt(2026, 12, 1));
        // Courtesy alone, or around more than a command, is no command.
        for text in [
            "Thanks!",
            "Bitte",
            "Merci beaucoup",
            "Please stop sending me these",
            "Gracias por todo",
            "Graag gedaan",
        ] {
            assert_eq!(cmd(text), None, "{text}");
        }
    }

    #[test]
    fn skip_this_time_in_the_five_languages_is_skip() {
        for text in [
            "Skip this time",
            "Skip this week, please",
            "Diesmal überspringen",
            "Diese Woche aussetzen bitte",
            "Sauter cette fois-ci",
            "Passer cette semaine, merci",
            "Saltar esta vez",
            "Por esta vez, saltar",
            "Deze keer overslaan",
            "Overslaan deze week graag",
        ] {
            assert_eq!(cmd(text).map(|c| c.name), Some(CommandName::Skip), "{text}");
        }
        // Only SKIP takes them, and only with nothing else on the line.
        for text in [
            "Stop this time",
            "This time",
            "Cette fois-ci",
            "Deze keer overslaan we niets",
            "Skip this one",
            "Diesmal hat es geklappt",
        ] {
            assert_eq!(cmd(text), None, "{text}");
        }
    }

    #[test]
    fn pause_until_reads_a_future_date_or_says_why_not() {
        let c = cmd("PAUSE UNTIL 2027-01-10").unwrap();
        assert_eq!(c.until, NaiveDate::from_ymd_opt(2027, 1, 10));
        let c = cmd("pause until 1 December").unwrap();
        assert_eq!(c.until, NaiveDate::from_ymd_opt(2026, 12, 1));
        let c = cmd("Pause until after the holidays").unwrap();
        assert_eq!(c.name, CommandName::Pause);
        assert_eq!(c.until, None);
        assert_eq!(c.problem.as_deref(), Some("after the holidays"));
    }

    #[test]
    fn pause_until_is_read_in_the_five_languages_with_the_date_in_its_language() {
        // Thursday 12 November 2026: the next 1 December is this year's, the next 1 April
        // next year's, the next Monday the 16th.
        let december = NaiveDate::from_ymd_opt(2026, 12, 1);
        let april = NaiveDate::from_ymd_opt(2027, 4, 1);
        let monday = NaiveDate::from_ymd_opt(2026, 11, 16);
        for (text, until) in [
            ("PAUSE UNTIL 1 December", december),
            ("Pause till Monday", monday),
            ("Pausieren bis 1. Dezember", december),
            ("Pause bis zum 1. April", april),
            ("Pause jusqu'au 1er décembre", december),
            ("Pause jusqu’au 1 avril", april),
            ("PAUSA hasta el 1 de abril", april),
            ("Pausa hasta el lunes", monday),
            ("Pauze tot 1 december", december),
            ("Pauze tot en met 1 april", april),
        ] {
            let c = cmd(text);
            assert_eq!(
                c.as_ref().map(|c| c.name),
                Some(CommandName::Pause),
                "{text}"
            );
            assert_eq!(c.and_then(|c| c.until), until, "{text}");
        }
        // Not a date to come: the command, with what could not be read.
        let c = cmd("Pausa hasta que vuelva").unwrap();
        assert_eq!(c.until, None);
        assert_eq!(c.problem.as_deref(), Some("que vuelva"));
        // "Until" without the pause, or after other words, is no command.
        assert_eq!(cmd("Hasta el lunes"), None);
        assert_eq!(cmd("Eine Pause bis Montag wäre gut"), None);
    }

    #[test]
    fn pause_until_a_day_and_month_in_digits_without_a_year_in_the_five_languages() {
        // Thursday 12 November 2026: 1 February is next year's, 1 December this year's.
        let february = NaiveDate::from_ymd_opt(2027, 2, 1);
        let december = NaiveDate::from_ymd_opt(2026, 12, 1);
        let today = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
        for (text, month_first, until) in [
            ("PAUSE until 2/1", true, february),
            ("pause until 12/1.", true, december),
            (
                "bitte PAUSE bis 01.02. – ich bin in der Reha",
                false,
                february,
            ),
            ("Pause bis 1.12.", false, december),
            ("PAUSE jusqu'au 01/02", false, february),
            ("PAUSA hasta el 1/2, gracias", false, february),
            ("Pauze tot 01-02", false, february),
            ("PAUZE tot 1.12", false, december),
        ] {
            let c = detect_command(text, today, month_first)
                .or_else(|| opening_command(text, today, month_first));
            assert_eq!(
                c.as_ref().map(|c| c.name),
                Some(CommandName::Pause),
                "{text}"
            );
            assert_eq!(c.and_then(|c| c.until), until, "{text}");
        }
        // Digits that are no day are asked back.
        for text in ["Pause bis 3-4 Wochen", "Pause until 2-3 weeks"] {
            let c = detect_command(text, today, true);
            assert_eq!(c.as_ref().and_then(|c| c.until), None, "{text}");
            assert!(c.is_some_and(|c| c.problem.is_some()), "{text}");
        }
    }

    fn opening(text: &str) -> Option<Command> {
        opening_command(text, NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(), false)
    }

    #[test]
    fn a_command_opening_the_first_line_after_a_greeting_in_the_five_languages() {
        use CommandName::*;
        for (text, name) in [
            ("Hi, SKIP this week please, Grace is away.", Skip),
            ("Hello,\n\nSTOP please - I'm leaving Acme.", Stop),
            ("Hallo, AUSSETZEN bitte, Ingrid ist im Urlaub.", Skip),
            (
                "Bonjour, SKIP pour cette fois svp, Catherine est en congés. Merci !",
                Skip,
            ),
            (
                "Hola, SALTAR esta vez, por favor, Lucía está de viaje.",
                Skip,
            ),
            ("Hoi, OVERSLAAN deze week graag, Bram is ziek.", Skip),
            ("Skip this week, Grace is away.", Skip),
        ] {
            assert_eq!(opening(text).map(|c| c.name), Some(name), "{text}");
        }
        let c = opening("Hallo, Pausieren bis 1. März, bin auf Reha.").unwrap();
        assert_eq!(c.until, NaiveDate::from_ymd_opt(2027, 3, 1));
        let c = opening("Bonjour, pause jusqu'au 1er décembre : je suis en mission.").unwrap();
        assert_eq!(c.until, NaiveDate::from_ymd_opt(2026, 12, 1));
        // A command word in lower case, or one that is a word of the sentence, is none.
        for text in [
            "Stop, we met on Tuesday after all.",
            "Hallo, Hilfe bei der Terminsuche wäre nett.",
            "Bonjour, pause café ce matin avec Thierry.",
            "Hola, saltar comidas no es buena idea.",
            "Hoi, pauze gehad, daarna verder.",
            "Hi, STOP the press: we finally met!",
            "We met. STOP",
        ] {
            assert_eq!(opening(text), None, "{text}");
        }
    }

    #[test]
    fn a_lower_case_command_with_its_please_opening_the_line_is_asked_in_the_five_languages() {
        use CommandName::*;
        for (text, name) in [
            ("Rematch please - Grace moved to Tokyo.", Rematch),
            ("Rematch bitte – Klaus ist in Singapur.", Rematch),
            ("Pause, s'il vous plaît : je pars en mission.", Pause),
            ("Reanudar, por favor. Ya volví.", Resume),
            ("Hoi, overslaan graag, we zitten vol.", Skip),
            ("Deze ronde graag overslaan, we zitten vol.", Skip),
            ("Diese Runde bitte aussetzen, Jahresabschluss.", Skip),
            ("Esta ronda, saltar por favor.", Skip),
        ] {
            let c = opening(text);
            assert_eq!(c.as_ref().map(|c| c.name), Some(name), "{text}");
        }
        assert_eq!(
            opening("Stop please, I'm leaving.").map(|c| c.asked),
            Some(true)
        );
        for text in [
            "Help please, we can't find a slot.",
            "Stop, we met on Tuesday after all.",
            "Pause café, merci Thierry.",
            "Deze ronde hebben we overgeslagen, graag volgende keer.",
        ] {
            assert_eq!(opening(text), None, "{text}");
        }
    }
}
