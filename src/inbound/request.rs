//! Reads a command asked for in sentences, in English, German, French, Spanish and Dutch:
//! "Could you please pause my reminders for the time being?", "bitte nehmt mich aus dem
//! Programm raus", "Pourriez-vous mettre mes rappels sur pause jusqu'au 29 mars ?", "Por
//! favor dénme de baja del programa", "ik wil graag stoppen met het programma"; formal
//! declarations ("hiermit melde ich mich vom Mentoring-Programm ab", "Les ruego que me den
//! de baja"), plural and formal imperatives ("por favor pausen mis correos", "Merci de
//! mettre mes e-mails en pause"), requests of the pair ("could we skip this round?"); the
//! command word in capitals closing its clause ("also bitte RESUME.", "mettre fin à ma
//! participation : STOP.") or alone with its please as a sentence ("skip pls, thx!"); and a
//! command word that opens the first line ([`super::command::opening_command`]). Does not
//! read a command alone on its line ([`super::command::detect_command`]) and does not
//! decide whether a message that also reports a meeting is a request (the caller does).
//!
//! Rules, so that what a person wrote is never read as a command they did not ask for:
//! - a request is asked by the sender about themselves: "me", "my reminders", "I'd like
//!   to…", "ich möchte…", "je souhaite…", "quiero…", "ik wil…", or "please" with the verb;
//!   someone else's plans ("Grace wants to leave the programme") are none;
//! - a word of negation in the clause ("don't unsubscribe me", "ich möchte mich nicht
//!   abmelden", "ne me désinscrivez pas") undoes it, except the one the request is made
//!   of ("I no longer wish to take part", "je ne souhaite plus participer", "ya no quiero
//!   seguir en el programa");
//! - a condition before it in the sentence, or after it in its clause ("if Grace doesn't
//!   answer, could I get a new partner?") undoes it; "if possible" and "grateful if you
//!   would" are only courtesy;
//! - a question about it ("how do I pause my reminders?", "did you unsubscribe me?") is none,
//!   and so is talk of writing the word ("do I just reply STOP?");
//! - a pause is of the program's mail or of taking part, never of a meeting, a call or a
//!   coffee ("we paused the meeting", "faire une pause café");
//! - the verbs are those of a request, not of a report: "we had to stop early", "we
//!   skipped the small talk", "estoy de baja" (on sick leave) are none;
//! - two different commands in one message are none: the reader is unsure.
//!
//! PAUSE takes a day to resume when the clause names one after "until" ("bis", "jusqu'au",
//! "hasta", "tot"), read as `PAUSE UNTIL` reads it (`when::parse_date`); a day that cannot
//! be read is the command's `problem`, which changes nothing and asks back.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Regex, RegexSet};

use super::command::{day_until, opening_command};
use super::text::{plain_apostrophes, prefilter, re};
use super::when::{DateContext, Direction, is_month};
use crate::program::{Command, CommandName};

/// The command `text` asks for in its words, if it asks for exactly one. `today` is the
/// message's day where the sender is, for a day to pause until.
pub(super) fn read_request(text: &str, today: NaiveDate, month_first: bool) -> Option<Command> {
    if let Some(command) = opening_command(text, today, month_first) {
        return Some(command);
    }
    let text = plain_apostrophes(text);
    let sentences = sentences(&text);
    let maybe = PREFILTER.matches(&sentences.join("\n"));
    let mut found: Option<Command> = None;
    for sentence in &sentences {
        let sentence = sentence.as_str();
        for (at, (name, pattern)) in RULES.iter().enumerate() {
            if !maybe.matched(at) {
                continue;
            }
            for c in pattern.captures_iter(sentence) {
                let Some(whole) = c.get(0) else { continue };
                let own: Vec<Range<usize>> = ["neg", "neg2"]
                    .iter()
                    .filter_map(|g| c.name(g).map(|m| m.range()))
                    .collect();
                if !asked(sentence, whole.range(), &own, *name) {
                    continue;
                }
                let command = with_day(*name, (&text, sentence), whole.range(), today, month_first);
                match &found {
                    Some(f) if f.name != command.name => return None,
                    Some(_) => {}
                    None => found = Some(command),
                }
            }
        }
    }
    found.or_else(|| loose::read(&text, &sentences, today, month_first))
}

/// The sentences of `text`, cut after a `.`, `!`, `?` or `;` that ends one, and at a line
/// break unless the next line goes on with the sentence (a client wrapped it: it starts in
/// lower case after a line that does not end a sentence). A `.` after a digit is a date's
/// ("bis zum 22. März") and one after a single letter an abbreviation's ("a.u.b."), so
/// neither ends a sentence; one after a year and before a space does.
fn sentences(text: &str) -> Vec<String> {
    let mut joined = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        joined.push_str(line.trim_end());
        let wrapped = lines.peek().is_some_and(|next| {
            next.trim_start().starts_with(char::is_lowercase)
                && !line.trim_end().ends_with(['.', '!', '?', ';', ':', ','])
                && !line.trim().is_empty()
        });
        joined.push(if wrapped { ' ' } else { '\n' });
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous: [char; 2] = [' ', ' '];
    let mut digits = 0;
    for (at, c) in joined.char_indices() {
        let ends = match c {
            '!' | '?' | ';' | '\n' => true,
            '.' => {
                // A year closes its sentence ("till 15th March 2027. I shall…"), and so does
                // a day before a capital that is no month ("until March 29. Could you…", not
                // "bis zum 22. März").
                let after = &joined[at + 1..];
                let next: String = after
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let spaced = after.starts_with(char::is_whitespace);
                let year = digits == 4 && spaced;
                let capital = next.starts_with(char::is_uppercase) && !is_month(&next);
                let date = previous[1].is_ascii_digit() && !year && !(spaced && capital);
                let abbreviation = previous[1].is_alphabetic() && !previous[0].is_alphanumeric();
                !date && !abbreviation
            }
            _ => false,
        };
        if c != '\n' {
            current.push(c);
        }
        if ends {
            out.push(std::mem::take(&mut current));
        }
        digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
        previous = [previous[1], c];
    }
    out.push(current);
    out.retain(|s| s.chars().any(char::is_alphabetic));
    out
}

/// The clause of `sentence` around `at`: between the commas, semicolons, dashes or "but"
/// before and after it.
fn clause(sentence: &str, at: Range<usize>) -> Range<usize> {
    let start = CLAUSE_BREAK
        .find_iter(&sentence[..at.start])
        .last()
        .map_or(0, |m| m.end());
    let end = CLAUSE_BREAK
        .find(&sentence[at.end..])
        .map_or(sentence.len(), |m| at.end + m.start());
    start..end
}

static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)[,;:()–—]|\s-\s|\b(?:but|aber|doch|mais|pero|sino|maar",
        // A reason is a clause of its own: "please unsubscribe me as I won't be here".
        r"|because|since|as|weil|denn|car|parce\s+que|puisque|porque|ya\s+que|omdat|want",
        r"|aangezien)\b",
    ))
});

/// Whether the match `at` in `sentence` is a request: no negation in its clause but its
/// own (`own`), no condition before it in the sentence or after it in its clause, no
/// question about it, and for a pause nothing of a meeting or a break in one.
fn asked(sentence: &str, at: Range<usize>, own: &[Range<usize>], name: CommandName) -> bool {
    let clause = clause(sentence, at.clone());
    let negated = NEGATION.find_iter(&sentence[clause.clone()]).any(|m| {
        let m = clause.start + m.start()..clause.start + m.end();
        !own.iter().any(|o| o.start <= m.start && m.end <= o.end)
    });
    if negated {
        return false;
    }
    let before = &sentence[clause.start..at.start];
    if QUESTION.is_match(before) || INSTRUCTION.is_match(before) {
        return false;
    }
    let conditional = |text: &str| {
        CONDITION
            .captures_iter(text)
            .any(|c| c.name("courtesy").is_none() && c.name("whether").is_none())
    };
    if conditional(&sentence[..at.start]) || conditional(&sentence[at.end..clause.end]) {
        return false;
    }
    let clause = &sentence[clause];
    match name {
        // Leaving for a while is a pause, which the pause's own words say.
        CommandName::Stop if FOR_A_WHILE.is_match(clause) => false,
        // "Skip this week's meeting" is what SKIP does.
        CommandName::Skip | CommandName::Rematch => true,
        _ => !NOT_OF_THE_PROGRAM.is_match(clause),
    }
}

/// Words of a time limit: what is asked with them is no leaving.
static FOR_A_WHILE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:until|till|for\s+now|for\s+the\s+time\s+being|for\s+a\s+(?:while|bit)",
        r"|temporarily|bis|vorerst|vorübergehend|erst\s+mal|erstmal|jusqu|pour\s+l'instant",
        r"|pour\s+le\s+moment|temporairement|hasta|por\s+ahora|de\s+momento|temporalmente",
        r"|tot|voorlopig|tijdelijk)\b",
    ))
});

/// Words of negation in the five languages.
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:not|no|never|nor|\w+n't|cannot|nicht|nichts|kein\w*|nie|niemals",
        r"|ne|n'|pas|jamais|ni|nunca|tampoco|niet|geen|nooit)\b",
    ))
});

/// A question about the request rather than the request: how, why, whether it was done.
static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:how|why|did|have\s+you|what|wie|warum|wieso|habt\s+ihr|haben\s+sie",
        r"|comment|pourquoi|avez-vous|est-ce\s+que\s+vous\s+avez|cómo|como|por\s+qué",
        r"|habéis|han|hoe|waarom|hebben\s+jullie|heeft)\b",
    ))
});

/// Words that make a command word talk about writing it ("just reply STOP", "schreibt
/// einfach PAUSE", "il suffit de répondre STOP"): just before it, not a request.
static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:reply|replying|write|writing|type|typing|send|sending|answer|answering",
        r"|antworte[nt]?|schreibe[nt]?|schreib|répond\w*|écri\w*|respond\w*|contest\w*",
        r"|escrib\w*|antwoord\w*|typ\w*|stuur\w*|schrijf\w*)\s*:?\s*[\x22'«»“”„]?\s*$",
    ))
});
/// A condition ("if", "wenn", "si", "als", …), unless it only asks whether it is possible
/// ("if possible", "si possible", "wenn möglich", "si es posible", "als het kan").
static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        // Asking whether is a request, not a condition: "Quería pedirles si me pueden…".
        r"(?i)(?P<whether>\b(?:ask\w*|pedir\w*|pregunt\w*|frag\w*|demand\w*|vrag\w*)\s+(?:\w+\s+)?",
        r"(?:if|whether|si|ob|of)\b",
        // "wäre Ihnen dankbar, wenn Sie…": a courtesy.
        r"|\b(?:grateful|dankbar|reconnaissante?|agradecid[oa]|dankbaar),?\s+(?:if|wenn|si|als)\b)",
        r"|\b(?:if|unless|in\s+case|otherwise|whether|wenn|falls|sonst|ob|si|sinon",
        // Dutch "als" with its subject ("als het kan", "als ik"): German "als" is "as".
        r"|au\s+cas\s+où|en\s+caso|de\s+lo\s+contrario|indien|tenzij|anders",
        r"|als\s+(?:het|ik|je|jij|we|wij|jullie|u|hij|zij|ze|er|dat|dit|die|de|mijn|onze))\b",
        r"(?P<courtesy>\s+(?:(?:that|this|it)(?:'s|\s+is)\s+(?:ok|okay|possible|fine)|possible",
        r"|possible|you\s+can|you\s+(?:would|could)|möglich|es\s+geht|das\s+geht|c'est\s+possible|vous\s+pouvez",
        r"|es\s+posible|se\s+puede|podéis|het\s+kan|dat\s+kan|mogelijk)\b)?",
    ))
});

/// A meeting, a call or a break in one (coffee, lunch), a project: what a pause, a leaving
/// or a resuming said of it is not of the program ("leave the program meeting early").
static NOT_OF_THE_PROGRAM: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:meeting|session|call|coffee|lunch|project|conversation|treffen|termin",
        r"|gespräch|kaffee|mittag|projekt|réunion|rencontre|séance|café|déjeuner|projet",
        r"|reunión|reunion|sesión|llamada|almuerzo|comida|proyecto|vergadering|sessie",
        r"|gesprek|koffie|afspraak|breakfast|dinner|essen|frühstück|manger|dîner|diner",
        r"|comer|cenar|desayun|eten|ontbijt)\w*",
    ))
});

/// A command with the day to resume when it is a PAUSE whose clause names one after
/// "until" (before or after the verb: "bis zum 22. März pausieren", "op pauze zetten tot
/// 12 april").
fn with_day(
    name: CommandName,
    (text, sentence): (&str, &str),
    at: Range<usize>,
    today: NaiveDate,
    month_first: bool,
) -> Command {
    let plain = Command {
        name,
        until: None,
        problem: None,
        asked: true,
    };
    if name != CommandName::Pause {
        return plain;
    }
    let clause = &sentence[until_clause(sentence, at)];
    let Some(c) = UNTIL.captures(clause) else {
        return plain;
    };
    let (Some(word), Some(rest)) = (c.name("until"), c.name("rest")) else {
        return plain;
    };
    let ctx = DateContext {
        today,
        month_first,
        direction: Direction::Future,
        french: word.as_str().to_lowercase().starts_with("jusqu"),
        since: None,
    };
    let rest = rest.as_str().trim_end_matches(['?', '!', '.', ' ']);
    // "hasta esa fecha", "until then", "bis dahin": the day an "until" said earlier.
    let day = if THAT_DAY.is_match(rest) {
        UNTIL
            .captures_iter(text)
            .filter_map(|c| day_until(c.name("rest")?.as_str(), &ctx))
            .next()
    } else {
        day_until(rest, &ctx)
    };
    match day {
        Some(day) => Command {
            until: Some(day),
            ..plain
        },
        None => Command {
            problem: Some(rest.to_string()),
            ..plain
        },
    }
}

/// The clause of `sentence` around `at` ([`clause`]), with the date that restates a weekday
/// after a comma: "hold them until Monday, April 12", "bis Montag, 12. April".
fn until_clause(sentence: &str, at: Range<usize>) -> Range<usize> {
    let here = clause(sentence, at);
    let Some(rest) = sentence[here.end..].strip_prefix(',') else {
        return here;
    };
    let next_word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let dated = next_word.starts_with(|c: char| c.is_ascii_digit()) || is_month(&next_word);
    if !dated {
        return here;
    }
    let after = here.end + 1;
    here.start..clause(sentence, after..after).end
}

/// A day said before, after "until": "then", "that date", "dahin", "cette date", "esa
/// fecha", "dan".
static THAT_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)^(?:then|that\s+(?:date|day)|dahin|diesem\s+(?:tag|datum)|cette\s+date|ce\s+jour-là",
        r"|là|esa\s+fecha|ese\s+día|entonces|dan|die\s+(?:datum|dag))\b",
    ))
});

/// "Until" in the five languages and what follows it.
static UNTIL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?P<until>until|till|through|bis(?:\s+(?:zum|zur|einschließlich))?",
        r"|jusqu'(?:au|à|a|en)|hasta(?:\s+el)?|tot(?:\s+en\s+met)?)\s+(?P<rest>.+)",
    ))
});

/// "I'd like to", "I want to", "I wish to", ... : the sender asking for themselves.
const EN_WANT: &str = r"(?:i(?:'d|\s+would)\s+(?:like|love|prefer)\s+to|i\s+(?:want|wish|need|have|would\s+like)\s+to|i(?:'ve|\s+have)\s+decided\s+to|i(?:'m|\s+am)\s+(?:going|writing)\s+to|please|kindly|could\s+you(?:\s+please)?|can\s+you(?:\s+please)?|would\s+you(?:\s+please)?|would\s+you\s+be\s+(?:so\s+)?kind\s+(?:as\s+)?to|will\s+you|would\s+it\s+be\s+possible\s+to|is\s+it\s+possible\s+to)";
const DE_WANT: &str = r"(?:ich\s+(?:möchte|würde|will|muss|werde)|bitte|könnt\s+ihr|können\s+sie|könntet\s+ihr|könnten\s+sie|wäre\s+es\s+möglich,?)";
const FR_WANT: &str = r"(?:je\s+(?:souhaite(?:rais)?|voudrais|veux|désire(?:rais)?|préfère(?:rais)?|dois)|j'aimerais|merci\s+de|je\s+vous\s+(?:prie|demande)\s+de|(?:serait-il|est-il|serait-ce|ce\s+serait)\s+possible\s+de|pouvez-vous|pourriez-vous|vous\s+pouvez|veuillez)";
const ES_WANT: &str = r"(?:quiero|quisiera|deseo|prefiero|me\s+gustaría|me\s+gustaria|necesito|he\s+decidido|por\s+favor|(?:sería|seria|es)\s+posible|podéis|podeis|podríais|podriais|pueden|podrían|podrian|puedes)";
const NL_WANT: &str = r"(?:ik\s+(?:wil|zou|ga|moet)|graag|(?:zou|is)\s+het\s+mogelijk\s+(?:zijn\s+)?om|kunnen\s+jullie|kun\s+je|kunt\s+u|willen\s+jullie|wil\s+je|wilt\s+u)";

/// The please and thanks that close a request, in the five languages (a macro, so that
/// [`END`] and [`PLEASE`] are built from the one list).
macro_rules! please {
    () => {
        r"(?:please|pls|plz|thanks|thank\s+you|now|asap|bitte|danke|merci|svp|s'il|por\s+favor|gracias|ya|graag|alstublieft|a\.u\.b|aub|bedankt)"
    };
}

/// The end of a clause, or the courtesy that closes it ("unsubscribe, please", "meldet
/// mich ab bitte").
const END: &str = concat!(r"(?:\s*(?:[.!?,;:–—()]|\s-\s|$)|\s+", please!(), r"\b)");

/// "This time", "this week", "this round" in the five languages: what SKIP skips.
const THIS_TIME: &str = r"(?:this\s+(?:time|week|round|cycle|month)|(?:die\s+)?aktuelle\s+runde|la\s+ronda\s+actual|esta\s+vuelta|este\s+ciclo|ce\s+cycle(?:-ci)?|(?:for\s+)?this\s+one|diesmal|dieses\s+mal|diese\s+(?:woche|runde)|(?:in\s+)?diesem\s+monat|diesen\s+monat|cette\s+fois(?:-ci)?|cette\s+semaine|ce\s+tour(?:-ci)?|ce\s+mois(?:-ci)?|esta\s+(?:vez|semana|ronda)|este\s+mes|deze\s+(?:keer|week|ronde|maand)|dit\s+keer|(?:voor\s+)?deze\s+keer)";

/// An article and a possessive before the program's mail ([`MAIL_NOUN`]), in the five
/// languages; and "again".
const THE: &str = r"(?:die|the|de|les|los|las)";
const MY: &str = r"(?:my|meine|mijn|mes|mis)";
const AGAIN: &str = r"(?:wieder|weer|again|de\s+nouveau|à\s+nouveau|otra\s+vez|de\s+nuevo)";
/// The program's mail, in the five languages.
const MAIL_NOUN: &str = r"(?:erinnerungen|e-?mails|mails|nachrichten|reminders|prompts|messages|herinneringen|berichten|rappels|relances|courriels|recordatorios|correos|avisos)";

/// The program's mail and taking part, as the object of a pause or a resume.
const EN_MAIL: &str = r"(?:my|the|these)\s+(?:\w+\s+)?(?:reminders|e-?mails|mails|prompts|notifications|messages|questions|participation|membership)";

/// Each command's patterns as written ([`rules::rules`]).
mod rules;
use rules::rules;

/// The second reading, of a request said in other words.
mod loose;

/// The please and thanks that may follow a command word, in the five languages.
const PLEASE: &str = please!();

/// Each command's patterns, compiled once.
static RULES: LazyLock<Vec<(CommandName, Regex)>> =
    LazyLock::new(|| rules().into_iter().map(|(n, p)| (n, re(&p))).collect());

/// Which of [`RULES`] may match somewhere in a text, in one pass (most replies ask for
/// nothing).
static PREFILTER: LazyLock<RegexSet> =
    LazyLock::new(|| prefilter(&rules().into_iter().map(|(_, p)| p).collect::<Vec<_>>()));

#[cfg(test)]
mod tests {
    use super::*;

    /// Thursday 12 November 2026.
    fn read(text: &str) -> Option<Command> {
        read_request(text, NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(), false)
    }

    fn name(text: &str) -> Option<CommandName> {
        read(text).map(|c| c.name)
    }

    fn day(m: u32, d: u32, y: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn reads_as(cases: &[(&str, CommandName)]) {
        for (text, want) in cases {
            assert_eq!(name(text), Some(*want), "{text}");
        }
    }

    fn reads_as_none(cases: &[&str]) {
        for text in cases {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn requests_in_english_sentences() {
        use CommandName::*;
        reads_as(&[
            (
                "Hello,\n\nCould you please pause my reminders for the time being? I'm having an operation.",
                Pause,
            ),
            (
                "Please unsubscribe me. My contract wraps up on Friday.",
                Stop,
            ),
            ("Hi, can you remove me from the programme? Thanks", Stop),
            ("I'd like to leave the program, it has been great.", Stop),
            ("Please take me off the mailing list.", Stop),
            ("I no longer wish to take part in the programme.", Stop),
            ("Please stop sending me these emails.", Stop),
            (
                "Please unsubscribe me as I won't have this inbox any more.",
                Stop,
            ),
            ("I'd like to skip this round, quarter end.", Skip),
            ("Could you skip me this week?", Skip),
            ("I'm back from leave, please resume my reminders.", Resume),
            (
                "Could I get a new partner? Our calendars never line up.",
                Rematch,
            ),
            ("I'd like to be rematched please.", Rematch),
            ("Can you put me on hold for now?", Pause),
        ]);
        reads_as_none(&[
            "Please don't unsubscribe me, I'm just busy.",
            "We had to stop early because of a fire drill.",
            "Grace wants to leave the programme next month.",
            "The meeting was cancelled.",
            "We took a short pause in the meeting to get coffee.",
            "Could you pause the meeting recording next time?",
            "How do I pause my reminders?",
            "Did you unsubscribe me? I stopped getting emails.",
            "If Grace doesn't answer by Friday, could I get a new partner?",
            "We skipped the small talk and went straight to budgets.",
            "Don't stop sending the reminders, they help!",
            "I'm leaving Acme at the end of the month.",
            "Could you unsubscribe Grace? She left.",
            "We had to stop until the fire alarm ended.",
            "I don't want to leave the programme.",
            "Grace is going to skip this round.",
        ]);
    }

    #[test]
    fn requests_in_german_sentences() {
        use CommandName::*;
        reads_as(&[
            (
                "Hallo, bitte nehmt mich aus dem Programm raus, ich verlasse Acme Ende April.",
                Stop,
            ),
            ("Ich möchte mich vom Programm abmelden.", Stop),
            ("Bitte meldet mich ab, danke!", Stop),
            ("Ich möchte leider nicht mehr am Programm teilnehmen.", Stop),
            (
                "Könnt ihr mich bitte pausieren? Ich bin in Elternzeit.",
                Pause,
            ),
            ("Ich möchte diese Runde aussetzen.", Skip),
            ("Ich bin zurück, ich möchte wieder teilnehmen.", Resume),
            ("Kann ich bitte einen neuen Partner bekommen?", Rematch),
        ]);
        reads_as_none(&[
            "Ich möchte mich nicht abmelden, nur kurz Bescheid geben.",
            "Wir mussten früher aufhören.",
            "Klaus möchte sich abmelden.",
            "Wir haben in der Mittagspause gesprochen.",
            "Bitte das Treffen pausieren, bis Klaus zurück ist.",
            "Ich melde mich ab Montag wieder.",
            "Das Treffen ist ausgefallen.",
            "Wie kann ich mich abmelden?",
        ]);
    }

    #[test]
    fn requests_in_french_sentences() {
        use CommandName::*;
        reads_as(&[
            (
                "Bonjour, SKIP pour cette fois svp, Catherine est en congés. Merci !",
                Skip,
            ),
            ("Merci de me désinscrire du programme.", Stop),
            ("Je souhaite quitter le programme, merci pour tout.", Stop),
            ("Je ne souhaite plus participer.", Stop),
            ("Pouvez-vous me mettre en pause ? Je pars en congé.", Pause),
            ("Je passe mon tour cette fois.", Skip),
            ("Je souhaite reprendre le programme.", Resume),
            ("Je voudrais changer de binôme.", Rematch),
        ]);
        reads_as_none(&[
            "Ne me désinscrivez pas, je suis juste débordée.",
            "On a dû arrêter plus tôt.",
            "Sophie veut quitter le programme.",
            "On a fait une pause café au milieu.",
            "Je voudrais faire une pause déjeuner plus longue.",
            "Nous voulons reprendre la semaine prochaine.",
            "La réunion a été annulée.",
            "Si Thierry ne répond pas, je voudrais changer de binôme.",
        ]);
    }

    #[test]
    fn requests_in_spanish_sentences() {
        use CommandName::*;
        reads_as(&[
            (
                "Por favor dénme de baja del programa. Me cambio de empresa.",
                Stop,
            ),
            ("Quiero darme de baja, gracias por todo.", Stop),
            ("Ya no puedo seguir en el programa.", Stop),
            (
                "¿Podríais pausar los avisos unas semanas, por favor?",
                Pause,
            ),
            ("Quisiera saltarme esta ronda.", Skip),
            ("Quiero retomar el programa, ya estoy de vuelta.", Resume),
            ("¿Podéis asignarme otra pareja?", Rematch),
        ]);
        reads_as_none(&[
            "Estoy de baja unas semanas.",
            "No me deis de baja, solo estoy liada.",
            "Tuvimos que parar antes.",
            "Patricia quiere dejar el programa.",
            "Hicimos una pausa para el café.",
            "Me dieron la baja médica.",
            "La reunión se canceló.",
        ]);
    }

    #[test]
    fn requests_in_dutch_sentences() {
        use CommandName::*;
        reads_as(&[
            (
                "Hallo, ik wil graag stoppen met het programma. Bedankt!",
                Stop,
            ),
            ("Kunnen jullie mij uitschrijven?", Stop),
            ("Haal me maar uit het programma.", Stop),
            ("Ik wil niet meer meedoen.", Stop),
            (
                "Hoi! Kunnen jullie mij op pauze zetten? Ik ga op reis.",
                Pause,
            ),
            ("Ik sla deze ronde over.", Skip),
            ("Ik wil graag weer meedoen.", Resume),
            ("Ik zou graag een andere partner willen.", Rematch),
        ]);
        reads_as_none(&[
            "Ik wil niet stoppen met het programma.",
            "We moesten eerder stoppen.",
            "Pieter wil stoppen met het programma.",
            "In de lunchpauze hebben we gepraat.",
            "Ik meld me af voor donderdag, ik ben ziek.",
            "De afspraak is afgezegd.",
            "Hoe kan ik mij uitschrijven?",
        ]);
    }

    #[test]
    fn a_pause_asked_in_sentences_takes_its_day_in_the_five_languages() {
        for (text, until) in [
            (
                "Please pause my reminders until 1 December.",
                day(12, 1, 2026),
            ),
            (
                "Hallo, bitte bis zum 22. März pausieren – ich bin in Elternzeit.",
                day(3, 22, 2027),
            ),
            (
                "Pourriez-vous mettre mes rappels sur pause jusqu'au 29 mars?",
                day(3, 29, 2027),
            ),
            (
                "¿Podéis pausar mis avisos hasta el 1 de abril?",
                day(4, 1, 2027),
            ),
            (
                "Kunnen jullie mij op pauze zetten tot 12 april?",
                day(4, 12, 2027),
            ),
        ] {
            let c = read(text);
            assert_eq!(
                c.as_ref().map(|c| c.name),
                Some(CommandName::Pause),
                "{text}"
            );
            assert_eq!(c.and_then(|c| c.until), until, "{text}");
        }
        // A day that cannot be read is asked back, as PAUSE UNTIL's is.
        let c = read("Could you pause my reminders until I'm back on my feet?").unwrap();
        assert_eq!(c.until, None);
        assert_eq!(c.problem.as_deref(), Some("I'm back on my feet"));
    }

    #[test]
    fn two_different_requests_are_none() {
        assert_eq!(
            read("Please pause my reminders. Actually, please unsubscribe me."),
            None
        );
    }

    #[test]
    fn the_command_word_in_capitals_closing_its_clause_or_alone_with_its_please() {
        use CommandName::*;
        reads_as(&[
            (
                "Wieder da! Jürgen und ich wollen wieder loslegen, also bitte RESUME. Danke!",
                Resume,
            ),
            (
                "Noah ist nach Leipzig gewechselt. Also REMATCH, bitte.",
                Rematch,
            ),
            (
                "Je vous prie de bien vouloir mettre fin à ma participation : STOP.",
                Stop,
            ),
            ("Hoi, mag ik eruit? STOP graag. Geen tijd meer.", Stop),
            (
                "Zouden jullie me aan iemand anders kunnen koppelen? Een REMATCH dus.",
                Rematch,
            ),
            ("hey - we're sitting this one out. skip pls, thx!", Skip),
            ("Busy quarter. Pause please.", Pause),
        ]);
        reads_as_none(&[
            "Do I just reply STOP?",
            "Schreibt man einfach PAUSE?",
            "If I want out, I reply STOP.",
            "I pressed PAUSE on the recording.",
            "Stop, we met on Tuesday after all.",
            "Skip the intro, please read on.",
        ]);
    }

    #[test]
    fn a_request_made_with_grateful_if_you_would_and_a_pause_of_the_mail_in_spanish() {
        let c =
            read("I should be grateful if you would pause my participation until 12 April 2027.");
        assert_eq!(
            c.map(|c| (c.name, c.until)),
            Some((CommandName::Pause, NaiveDate::from_ymd_opt(2027, 4, 12)))
        );
        let c = read(
            "Les agradecería que suspendieran el envío de recordatorios hasta el 19 de abril.",
        );
        assert_eq!(
            c.map(|c| (c.name, c.until)),
            Some((CommandName::Pause, NaiveDate::from_ymd_opt(2027, 4, 19)))
        );
        assert_eq!(
            name("Bonjour, vous pouvez mettre en pause pour l'instant ? Trop de déplacements."),
            Some(CommandName::Pause)
        );
    }

    #[test]
    fn a_lower_case_word_opening_a_sentence_is_no_command() {
        reads_as_none(&[
            "Stop, we met on Tuesday after all.",
            "Hi, pause was needed after the long call.",
            "Help, we still can't find a slot!",
        ]);
        reads_as(&[
            ("Hi Tom, STOP please – I'm leaving.", CommandName::Stop),
            (
                "Hello,\n\nSkip this week, Grace is away.",
                CommandName::Skip,
            ),
        ]);
    }

    #[test]
    fn a_message_that_reports_a_meeting_stays_a_report_and_a_request_alone_is_a_command() {
        use crate::inbound::{Context, inspect};
        use chrono::{TimeZone, Utc};
        let ctx = Context::standalone(Utc.with_ymd_and_hms(2026, 11, 12, 12, 0, 0).unwrap());
        let mail = |body: &str| {
            format!(
                "From: tom@acme.example\nDate: Thu, 12 Nov 2026 18:00:00 +0000\nSubject: Re: x\n\n{body}\n"
            )
        };
        let i = inspect(
            mail("We met yesterday for 45 minutes, great chat. I'd like a new partner though.")
                .as_bytes(),
            &ctx,
        );
        assert_eq!(i.kind.as_str(), "reply");
        assert_eq!(i.command, None);
        // The request is kept beside the report, for its confirmation to say how.
        assert_eq!(
            i.also_asked.map(|c| (c.name, c.asked)),
            Some((CommandName::Rematch, true))
        );
        let i = inspect(
            mail("Hi there,\n\nPlease unsubscribe me. My contract wraps up on Friday.\n\nMaya")
                .as_bytes(),
            &ctx,
        );
        assert_eq!(i.kind.as_str(), "command");
        assert_eq!(i.command.map(|c| c.name), Some(CommandName::Stop));
        // No day read from the reasons given: a request is no report.
        assert_eq!(i.session, None);
    }

    #[test]
    fn a_command_word_with_its_please_then_a_reason_in_the_five_languages() {
        use CommandName::*;
        reads_as(&[
            ("Rematch please - our calendars never line up.", Rematch),
            ("Rematch bitte – Lena ist seit März in Tokio.", Rematch),
            ("Pause, s'il vous plaît. Je pars en mission.", Pause),
            ("Reanudar, por favor. Ya volví de viaje.", Resume),
            (
                "Hallo,\n\nDiese Runde bitte aussetzen, wir stecken im Abschluss.",
                Skip,
            ),
            (
                "Hoi,\n\nDeze ronde graag overslaan, we zitten in de drukte.",
                Skip,
            ),
            ("Skip this round please, we're both at the offsite.", Skip),
            ("Esta ronda, saltar por favor, estamos de cierre.", Skip),
        ]);
        // A stop or a rematch in lower case is asked back.
        assert_eq!(
            read("Rematch bitte – Lena ist weg.").map(|c| c.asked),
            Some(true)
        );
        reads_as_none(&[
            "Help please, we still can't find a slot.",
            "Stop, we met on Tuesday after all.",
            "Pause café ce matin, merci pour l'idée.",
            "Thanks, skip the intro next time.",
        ]);
    }

    #[test]
    fn requests_of_a_pair_and_with_the_word_in_capitals() {
        use CommandName::*;
        reads_as(&[
            ("Hi, could we skip this round please? Grace is away.", Skip),
            ("Can we skip this week? Release week.", Skip),
            ("Können wir diese Runde aussetzen? Jahresabschluss.", Skip),
            ("Pouvons-nous sauter ce tour ? Clôture oblige.", Skip),
            ("¿Podemos saltarnos esta ronda? Estamos de cierre.", Skip),
            ("Kunnen we deze ronde overslaan? Drukte.", Skip),
            (
                "Could you please STOP sending me these? I changed roles.",
                Stop,
            ),
            ("Please stop emailing me, I have left the company.", Stop),
        ]);
        reads_as_none(&[
            "We skipped this round's small talk.",
            "Grace and Tom will skip this round.",
            "How can we skip this week?",
            "Wie können wir diese Runde aussetzen?",
            "Don't stop sending me these, they help.",
        ]);
        // With a day, the stop of the mail is a pause.
        let c = read("Could you please stop sending me these until 1 December?");
        assert_eq!(
            c.map(|c| (c.name, c.until)),
            Some((Pause, day(12, 1, 2026)))
        );
    }

    #[test]
    fn formal_declarations_of_leaving_in_the_five_languages() {
        use CommandName::*;
        reads_as(&[
            ("Hiermit melde ich mich vom Mentoring-Programm ab.", Stop),
            ("Ich melde mich hiermit aus dem Mentoringprogramm ab.", Stop),
            ("Hiermit trete ich aus dem Programm aus.", Stop),
            ("Ich ziehe mich aus dem Programm zurück.", Stop),
            ("Ich möchte aus dem Programm austreten.", Stop),
            (
                "Les ruego que me den de baja del programa a partir de hoy.",
                Stop,
            ),
            ("Solicito la baja del programa de mentoring.", Stop),
            ("Les pido que dejen de enviarme correos.", Stop),
            ("Je mets fin à ma participation au programme.", Stop),
            ("Je souhaite quitter le mentorat.", Stop),
            ("Je souhaite ne plus recevoir ces e-mails.", Stop),
            ("Arrêtez de m'envoyer ces rappels, merci.", Stop),
            ("Mag ik me afmelden voor het programma? Nieuwe baan.", Stop),
            ("Ik meld me hierbij af voor het mentorprogramma.", Stop),
            ("May I leave the programme? I'm changing jobs.", Stop),
            ("Can I unsubscribe? I'm moving on.", Stop),
        ]);
        reads_as_none(&[
            "Hiermit melde ich mich ab Montag wieder.",
            "Ich trete nicht aus dem Programm aus.",
            "Klaus tritt aus dem Programm aus.",
            "No me den de baja, por favor.",
            "Espero que me den de baja la semana que viene.",
            "Je ne souhaite pas quitter le mentorat.",
            "Mag ik me afmelden voor donderdag? Ik ben ziek.",
            "Hoe kan ik me afmelden voor het programma?",
            "How can I unsubscribe?",
            "Sophie souhaite quitter le mentorat.",
        ]);
    }

    #[test]
    fn a_pause_or_resume_of_the_mail_asked_in_the_plural_or_formally() {
        use CommandName::*;
        for (text, until) in [
            (
                "Hola, por favor pausen mis correos hasta el 1 de abril, me voy de licencia.",
                day(4, 1, 2027),
            ),
            (
                "Merci de mettre mes e-mails en pause jusqu'au 1er mars : je serai en congé.",
                day(3, 1, 2027),
            ),
            (
                "Mettez en pause mes rappels jusqu'au 1er décembre, merci.",
                day(12, 1, 2026),
            ),
            (
                "Bitte pausiert meine Erinnerungen bis zum 1. Dezember.",
                day(12, 1, 2026),
            ),
            (
                "Pauzeer mijn herinneringen tot 1 december, graag.",
                day(12, 1, 2026),
            ),
            (
                "Kunnen jullie mijn mails tot 1 december op pauze zetten?",
                day(12, 1, 2026),
            ),
            (
                "Dejen de enviarme correos hasta el 1 de abril.",
                day(4, 1, 2027),
            ),
            (
                "Please pause these emails until 1 December.",
                day(12, 1, 2026),
            ),
        ] {
            let c = read(text);
            assert_eq!(c.map(|c| (c.name, c.until)), Some((Pause, until)), "{text}");
        }
        reads_as(&[
            ("Reanuden mis correos, ya estoy de vuelta.", Resume),
            ("Réactivez mes rappels, je suis de retour.", Resume),
            ("Aktiviert meine Erinnerungen bitte wieder.", Resume),
            ("Zet mijn herinneringen weer aan, ik ben terug.", Resume),
        ]);
        reads_as_none(&[
            "No pausen mis correos, por favor.",
            "Ne mettez pas mes e-mails en pause.",
            "Wir haben die Besprechung pausiert.",
            "Carmen quiere que pausen sus correos.",
            "Zet de vergadering op pauze.",
        ]);
    }

    #[test]
    fn more_sentences_that_are_no_request() {
        reads_as_none(&[
            "I need to pause for a moment and say thanks to Grace.",
            "I have to leave the program meeting early on Friday.",
            "Could you please pause the project update until Monday?",
            "Please say hi to your new partner from me.",
            "I'll leave the office early today.",
            "Ich muss in Köln aussteigen.",
            "Necesito hacer una pausa para comer.",
            "Je voudrais mettre mon projet en pause.",
            "Ik wil even pauzeren voor koffie.",
            "Hold your questions until the end of the session.",
        ]);
    }

    #[test]
    fn a_new_partner_asked_for_in_the_five_languages_is_a_rematch_asked_back() {
        use CommandName::*;
        reads_as(&[
            (
                "Could you give me a new match? Grace moved to Oslo.",
                Rematch,
            ),
            ("Please find me a new partner, thanks.", Rematch),
            (
                "Hi zusammen, könnt ihr mir bitte einen neuen Match geben? Ingrid wechselt nach Oslo.",
                Rematch,
            ),
            ("Können Sie mir eine neue Partnerin zuteilen?", Rematch),
            ("Pourriez-vous me trouver un nouveau binôme ?", Rematch),
            ("Merci de m'attribuer un autre partenaire.", Rematch),
            ("¿Me podéis asignar un nuevo compañero?", Rematch),
            ("¿Podéis darme otra pareja, por favor?", Rematch),
            (
                "Kunnen jullie mij alsjeblieft een nieuwe match geven?",
                Rematch,
            ),
        ]);
        assert!(read("Könnt ihr mir bitte einen neuen Match geben?").is_some_and(|c| c.asked));
        reads_as_none(&[
            "Could you give me no new partner, I'm happy with Grace.",
            "Könnt ihr mir bitte keinen neuen Match geben? Es passt gut.",
            "Ingrid bekommt einen neuen Partner im Headquarter.",
            "Grace wants a new partner.",
            "Si Camille ne répond pas, pourriez-vous me trouver un nouveau binôme ?",
            "Mi nuevo compañero es genial.",
            "Hij heeft een nieuwe match gekregen.",
        ]);
    }

    #[test]
    fn leaving_a_pause_and_a_new_partner_asked_by_what_they_end_or_assign() {
        use CommandName::*;
        reads_as(&[
            (
                "da ich in den Ruhestand trete, bitte ich Sie, meine Teilnahme am Mentoring-Programm bereits jetzt zu beenden und mir keine weiteren Erinnerungen zu senden.",
                Stop,
            ),
            ("Bitte schicken Sie mir keine E-Mails mehr.", Stop),
            (
                "Ik verzoek u vriendelijk mijn deelname aan het programma te beëindigen.",
                Stop,
            ),
            ("Wilt u me geen herinneringen meer sturen?", Stop),
            (
                "Je vous prie de mettre fin à ma participation au programme.",
                Stop,
            ),
            (
                "Hola, por favor pongan mi participación en pausa por ahora.",
                Pause,
            ),
            (
                "Would you be so kind as to pair me with someone new?",
                Rematch,
            ),
            ("Could you match me up with someone else?", Rematch),
            (
                "¿Me podrían asignar otra persona para seguir en el programa?",
                Rematch,
            ),
        ]);
        assert_eq!(
            read("Schickt mir bitte bis 3.12. keine Erinnerungen mehr.").map(|c| (c.name, c.until)),
            Some((Pause, day(12, 3, 2026)))
        );
        reads_as(&[
            (
                "ich bin aus der Elternzeit zurück. Ihr könnt mir die Erinnerungen ab jetzt gern wieder schicken.",
                Resume,
            ),
            (
                "Jullie mogen de mails weer sturen, de pauze mag eraf.",
                Resume,
            ),
            ("You can send me the reminders again, I'm back.", Resume),
            ("Envoyez-moi les rappels de nouveau, merci.", Resume),
            (
                "bitte ich Sie, mich aus dem Mentoring-Programm auszutragen.",
                Stop,
            ),
            (
                "Ik ga bij een ander bedrijf aan de slag en wil daarom graag uitgeschreven worden uit het mentorprogramma.",
                Stop,
            ),
            ("I'd like to be removed from the mentoring programme.", Stop),
            (
                "Serait-il possible de me proposer un nouveau partenaire ?",
                Rematch,
            ),
            (
                "no vamos a poder vernos, así que os pido que me saltéis esta ronda.",
                Skip,
            ),
            (
                "Este mes estoy a full con el lanzamiento, así que preferimos saltear esta ronda.",
                Skip,
            ),
            (
                "Könnt ihr mir bitte jemand Neues zuteilen? Ich würd gern weitermachen.",
                Rematch,
            ),
            ("Quería pedirles si me pueden asignar otra pareja.", Rematch),
            ("Pourriez-vous passer notre tour pour cette fois-ci ?", Skip),
            (
                "Je suis de retour depuis lundi, vous pouvez réactiver mes envois.",
                Resume,
            ),
            (
                "Ik ga met verlof en wil mijn deelname graag even stilzetten.",
                Pause,
            ),
            ("Bitte lasst diese Runde für uns aus.", Skip),
            ("Sanne en ik slaan deze ronde even over.", Skip),
            ("Kunnen jullie mij aan iemand anders koppelen?", Rematch),
            (
                "Vous pouvez réactiver ma participation au programme.",
                Resume,
            ),
            ("Merci de mettre le programme en pause.", Pause),
            (
                "Would it be possible to be paired with someone new for the rest of the program?",
                Rematch,
            ),
            (
                "Bin wieder zurück. Ihr könnt mich wieder aktivieren.",
                Resume,
            ),
            (
                "Dejo la empresa, así que prefiero darme de baja del programa de mentoring desde ya.",
                Stop,
            ),
            ("Por favor sáltenme esta ronda, gracias.", Skip),
            ("Könnt ihr mich diese Runde auslassen?", Skip),
            ("Willen jullie deze ronde voor mij overslaan?", Skip),
            ("Hola, esta ronda me la salto, tengo el cierre.", Skip),
            (
                "Por motivos de carga laboral he decidido retirarme del programa de mentoría.",
                Stop,
            ),
            (
                "Ich wäre Ihnen dankbar, wenn Sie mir eine neue Mentorin zuteilen könnten.",
                Rematch,
            ),
            (
                "Est-ce que ce serait possible d'avoir un autre binôme pour la fin du programme ?",
                Rematch,
            ),
        ]);
        assert_eq!(
            read("I'm out from Friday, can you hold off on these emails until Dec 1? Thanks!")
                .map(|c| (c.name, c.until)),
            Some((Pause, day(12, 1, 2026)))
        );
        assert_eq!(
            read("Hi, bin ab morgen in Elternzeit. Bitte bis 1.12. keine Mails mehr schicken, danach gern wieder.")
                .map(|c| (c.name, c.until)),
            Some((Pause, day(12, 1, 2026)))
        );
        // "Until then" is the day an earlier "until" said; a year, or a day before a capital
        // that is no month, closes its sentence.
        assert_eq!(
            read("I won't be back until December 9. Could you hold off on sending me these check-ins until then?")
                .map(|c| (c.name, c.until)),
            Some((Pause, day(12, 9, 2026)))
        );
        assert_eq!(
            read("Voy a estar fuera hasta el 8 de diciembre. Por favor, pausen los correos hasta esa fecha.")
                .map(|c| (c.name, c.until)),
            Some((Pause, day(12, 8, 2026)))
        );
        assert_eq!(
            read("Kindly hold the mentoring mails till 15th December 2026. I shall resume the sessions with Ravi thereafter.")
                .map(|c| (c.name, c.until)),
            Some((Pause, day(12, 15, 2026)))
        );
        reads_as_none(&[
            "Grace said she would send the messages again.",
            "Bitte schickt mir die Mails nicht wieder.",
            "Could you send me the slides again?",
            "Frau Berg hat ihre Teilnahme beendet.",
            "Ich habe meine Teilnahme nicht beendet, wir treffen uns weiter.",
            "Sally paired me with someone from IT last year.",
            "Mijn collega wil haar deelname beëindigen.",
        ]);
    }
}
