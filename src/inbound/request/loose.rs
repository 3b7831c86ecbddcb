//! The second reading of a request, for the ways of asking [`super::rules`] does not spell
//! out: a sentence that asks ("could you", "bitte", "pourriez-vous", "les ruego", "mogen"),
//! or says the writer's own decision ("on passe notre tour", "ik wens…"), and holds the words of exactly one command with what it is done to, in any order and
//! with any words between: "Könnt ihr meine Teilnahme bis am 28. Juni auf Eis legen?",
//! "Would you kindly restore my participation and send me the weekly prompts once more?",
//! "Zouden jullie mij aan iemand anders kunnen koppelen?".
//!
//! It runs only when the rules found nothing, and keeps their guards: each command's words
//! are weighed by [`super::asked`] (negation, condition, question, a meeting's pause), so
//! "could you tell me how to pause?" and "if Sam is still away, please pause us" are none.
//! Leaving for a time ("dar de baja temporalmente hasta el 5 de julio", "stop sending me
//! the prompts until March") is a pause, with its day.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{FOR_A_WHILE, MAIL_NOUN, THIS_TIME, asked, clause, with_day};
use crate::inbound::text::re;
use crate::inbound::when::is_weekday;
use crate::program::{Command, CommandName};

/// The command `sentences` ask for in the words of [`WORDS`], when they ask for exactly one.
pub(super) fn read(
    text: &str,
    sentences: &[String],
    today: NaiveDate,
    month_first: bool,
) -> Option<Command> {
    let mut found: Option<Command> = None;
    for sentence in sentences.iter().filter(|s| ASKS.is_match(s)) {
        let sentence = sentence.as_str();
        for (name, words, object) in WORDS.iter() {
            if !object.is_match(sentence) {
                continue;
            }
            for m in words.find_iter(sentence) {
                let at = m.range();
                // "say hi to your new partner": someone else's.
                if SOMEONE_ELSES.is_match(&sentence[..at.start]) {
                    continue;
                }
                let span = &sentence[clause(sentence, at.clone())];
                // Leaving for a time is a pause.
                let name = match name {
                    CommandName::Stop if FOR_A_WHILE.is_match(span) => CommandName::Pause,
                    name => *name,
                };
                if !asked(sentence, at.clone(), std::slice::from_ref(&at), name) {
                    continue;
                }
                // "Mag ik me afmelden voor donderdag?": leaving one day's meeting.
                if name == CommandName::Stop && one_day(span) {
                    continue;
                }
                let command = with_day(name, (text, sentence), at, today, month_first);
                match &found {
                    Some(f) if f.name != command.name => return None,
                    Some(_) => {}
                    None => found = Some(command),
                }
            }
        }
    }
    found
}

/// A possessive of someone else's just before a command's words ("your new partner", "sa
/// participation").
static SOMEONE_ELSES: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:your|his|her|their|dein\w*|euer\w*|eure\w*|ihre[mnrs]?|sein\w*|ton|ta|tes",
        r"|son|sa|ses|leurs?|votre|vos|tus|su|sus|jouw|zijn|haar|hun)\s+$",
    ))
});

/// Whether `clause` names a weekday, today or tomorrow: what a leaving said with it leaves
/// is that day's meeting.
fn one_day(clause: &str) -> bool {
    const TODAY_TOMORROW: &[&str] = &[
        "today",
        "tomorrow",
        "heute",
        "morgen",
        "aujourd'hui",
        "demain",
        "hoy",
        "mañana",
        "vandaag",
    ];
    clause
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .any(|w| is_weekday(w) || TODAY_TOMORROW.contains(&w.to_lowercase().as_str()))
}

/// Words that ask, in the five languages.
static ASKS: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)\b(?:please|pls|plz|kindly|could\s+you|can\s+you|would\s+you|will\s+you",
        r"|i(?:'d|\s+would|\s+should)\s+(?:like|prefer|be\s+grateful|appreciate)|i\s+(?:want|wish|ask)",
        r"|can\s+we|could\s+we|is\s+there|pedirles|pedirle",
        r"|bitte|könnt\s+ihr|können\s+sie|könnten\s+sie|könntet\s+ihr|kannst\s+du|könntest\s+du",
        r"|würdet\s+ihr|würden\s+sie|ich\s+möchte|hätten?\s+gerne?",
        r"|pourriez[- ]vous|pouvez[- ]vous|vous\s+pourriez|vous\s+pouvez|pourrais[- ]tu|peux[- ]tu",
        r"|merci\s+de|je\s+vous\s+saurais\s+gré|bien\s+vouloir",
        r"|je\s+vous\s+(?:demande|prie)|veuillez|je\s+souhaite\w*|je\s+voudrais|j'aimerais",
        r"|s'il\s+vous\s+pla[iî]t|svp|stp",
        r"|por\s+favor|porfa|podr[ií]an|pod[eé]is|pueden|podr[ií]as|puedes|podr[ií]ais",
        r"|(?:les|le|os)\s+(?:ruego|pido|agradecer[ií]a)|quisiera|me\s+gustar[ií]a|solicito",
        r"|kunnen\s+jullie|kun\s+je|kunt\s+u|zouden\s+jullie|zou\s+u|zou\s+je|willen\s+jullie",
        r"|wilt\s+u|mogen|mag\s+ik|graag|alsjeblieft|alstublieft|a\.u\.b|aub|ik\s+wil|ik\s+wens",
        r"|ik\s+vraag|wäre\s+es\s+möglich|ser[ií]a\s+posible|serait-il\s+possible",
        // A decision of one's own said as such: "on passe notre tour", "nos saltamos la ronda".
        r"|on\s+passe|nous\s+passons|nos\s+saltamos|we(?:'ll|\s+will)?\s+sit)",
        r"(?:\b|$)",
    ))
});

/// Each command's words, and what the sentence must also name for them to be about the
/// program: the sender, the program's mail or taking part (for SKIP, this round).
static WORDS: LazyLock<Vec<(CommandName, Regex, Regex)>> = LazyLock::new(|| {
    use CommandName::*;
    let sender = format!(
        r"(?i)\b(?:me|my|us|our|mich|mir|mein\w*|uns|unser\w*|m'|mes|mon|ma|nous|nos|notre|mi|mis|nuestr\w*|mij|mijn|ons|onze|program\w*|mentor\w*|participation|participación|teilnahme|deelname|{MAIL_NOUN})\b"
    );
    let program = format!(
        r"(?i)\b(?:program\w*|mentoring|mentorat|mentoría|participation|participación|participaci[oó]n|teilnahme|deelname|{MAIL_NOUN}|env[ií]os|check-?ins|(?:rein|auf)nehm\w*|dabei|toevoeg\w*|réintégr\w*|reincorpor\w*)"
    );
    vec![
        (
            Pause,
            re(concat!(
                r"(?i)\b(?:pause|pausa|paus(?:e|ier|ar|eer)\w*|on\s+hold|on\s+ice|suspend\w*",
                r"|hold\s+(?:them|it|(?:my|the)\s+(?:\w+\s+)?(?:e-?mails|prompts|reminders))\s+(?:until|till|for)",
                r"|hold\s+off\s+(?:on\s+)?sending",
                r"|sur\s+la\s+glace|fren\w+",
                r"|auf\s+eis|ruhen|ruhend\w*|unterbrech\w*|en\s+veille|en\s+sommeil",
                r"|en\s+suspens|mettre\s+de\s+côté|congel\w*|en\s+espera|pauze\w*",
                r"|stil\s*(?:zetten|leggen)|bevriez\w*|in\s+de\s+wacht)",
            )),
            re(&sender),
        ),
        (
            Stop,
            re(concat!(
                r"(?i)\b(?:unsubscribe|opt\s+(?:me\s+)?out|remove\s+me|take\s+me\s+off|withdraw",
                r"|drop\s+out|stop\s+(?:sending|emailing|mailing)|end\s+my\s+participation",
                r"|abmeld\w*|abzumelden|austrag\w*|auszutragen|herausnehm\w*|rausnehm\w*",
                r"|keine\s+(?:\w+\s+)?(?:mails|e-mails|nachrichten|erinnerungen)\s+mehr",
                r"|désinscri\w*|desinscri\w*|désabonn\w*|retirer|retirez|sortir\s+du",
                r"|mettre\s+fin\s+à\s+ma\s+participation",
                r"|ne\s+plus\s+(?:m'envoyer|m'adresser|me\s+(?:contacter|relancer|écrire|solliciter)|recevoir)",
                r"|(?:dar|darme|den|dé|de|deis|dais|doy|dénme|denme|dadme)\s+de\s+baja",
                r"|dejar\s+de\s+(?:mandar|enviar|escribir)\w*|no\s+(?:me\s+)?(?:manden|envíen|mandéis|enviéis|escriban)\b",
                r"|afmeld\w*|uitschrij\w*|uit\s+te\s+schrijven|uit\s+het\s+programma|stop\s*(?:te\s+)?zetten",
                r"|terug\s+te\s+trekken|terugtrekken|van\s+de\s+(?:\w+\s+)?lijst\s+(?:te\s+)?(?:halen|afhalen|schrappen)",
                r"|geen\s+(?:\w+\s+){0,2}(?:mails|e-mails|berichten|herinneringen)(?:\s+\w+){0,4}?\s+meer)",
            )),
            re(&sender),
        ),
        (
            Resume,
            re(concat!(
                r"(?i)\b(?:resume|restart|re-?activat\w*|reinstat\w*|restore|unpause|back\s+on",
                r"|again|once\s+more|(?:switch|turn)\s+(?:\w+\s+){0,3}back\s+on",
                r"|wieder|erneut|fortsetzen|reaktivier\w*",
                r"|reprendre|réactiv\w*|rétabli\w*|réintégr\w*|à\s+nouveau|de\s+nouveau",
                r"|de\s+nuevo|otra\s+vez|volv\w+\s+a|vuelv\w+\s+a|retom\w*|reactiv\w*|reanud\w*",
                r"|reincorpor\w*|opnieuw|weer|hervat\w*|heractiv\w*)\b",
            )),
            re(&program),
        ),
        (
            Skip,
            re(concat!(
                r"(?i)\b(?:skip|leave\s+us\s+out|sit\s+(?:\w+\s+){1,2}out|überspring\w*|auslassen",
                r"|auszulassen|aussetzen|passer|sauter|buiten\s+beschouwing",
                r"|saltar\w*|saltamos|omitir\w*|pasar|overslaan|sla\w*\s+(?:\w+\s+)?over",
                r"|passe\s+notre\s+tour|passons\s+notre\s+tour|count\s+(?:\w+\s+){1,3}out",
                r"|laisser\s+de\s+côté|no\s+(?:cuenten|contéis)\s+con\s+nosotros)\b",
            )),
            re(&format!(r"(?i)\b{THIS_TIME}\b")),
        ),
        (
            Rematch,
            re(concat!(
                r"(?i)\b(?:new\s+(?:partner|mentor|mentee|match|pairing)|(?:someone|somebody|anyone|anybody)\s+else",
                r"|(?:another|a\s+different)\s+(?:partner|mentor|mentee|person)|re-?match|re-?pair",
                r"|neue[nr]?\s+(?:partner\w*|mentor\w*|tandem\w*)|jemand\w*\s+ander\w*",
                r"|andere[nr]?\s+(?:partner\w*|mentor\w*)|nouve(?:au|lle)\s+(?:partenaire|binôme|mentor\w*)",
                r"|quelqu'un\s+d'autre|autre\s+(?:partenaire|binôme|mentor\w*)",
                r"|nuev[oa]\s+(?:pareja|compañer[oa]|mentor\w*)|otra\s+persona",
                r"|otr[oa]\s+(?:mentor\w*|compañer[oa]|pareja)|alguien\s+más",
                r"|nieuwe\s+(?:partner|mentor|koppeling|match|buddy|deelnemer|duo)|iemand\s+anders",
                r"|andere\s+(?:partner|mentor|persoon))\b",
            )),
            re(&sender),
        ),
    ]
});

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::program::CommandName::{self, *};

    /// Monday 1 March 2027.
    fn read(text: &str) -> Option<(CommandName, Option<NaiveDate>)> {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        super::super::read_request(text, today, false).map(|c| (c.name, c.until))
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn requests_in_other_words_in_the_five_languages() {
        let cases = [
            (
                "I have now returned from my sabbatical. Would you kindly restore my participation and send me the weekly prompts once more?",
                (Resume, None),
            ),
            (
                "Je pars en congé maternité la semaine prochaine. Pourriez-vous mettre mes rappels en veille en attendant ?",
                (Pause, None),
            ),
            (
                "Ya estoy de regreso de mi licencia. Por favor vuelvan a mandarme los recordatorios del programa, con gusto retomo las sesiones.",
                (Resume, None),
            ),
            (
                "Me van a operar. ¿Me podrían dar de baja temporalmente del programa hasta el 5 de julio?",
                (Pause, day(2027, 7, 5)),
            ),
            (
                "Zouden jullie mij aan iemand anders kunnen koppelen, bijvoorbeeld iemand uit Finance?",
                (Rematch, None),
            ),
            (
                "bin seit montag aus der elternzeit zurück 🙂 könnt ihr mich wieder reinnehmen?",
                (Resume, None),
            ),
            (
                "Ich bin bis Ende Juni in Singapur. Könnt ihr meine Teilnahme bis am 28. Juni auf Eis legen?",
                (Pause, day(2027, 6, 28)),
            ),
            (
                "Me voy de baja por maternidad 🤰 ¿Podéis dejar de mandarme los correos hasta el 1 de junio?",
                (Pause, day(2027, 6, 1)),
            ),
            (
                "Dejo la empresa, por lo que les ruego que me den de baja del programa de mentoría y de la lista de distribución.",
                (Stop, None),
            ),
            (
                "Nous n'aurons pas le temps ce tour-ci. Pourriez-vous nous passer pour cette fois ?",
                (Skip, None),
            ),
            (
                "Je pars à la retraite, je vous demande donc de me retirer du programme et de ne plus m'envoyer de messages.",
                (Stop, None),
            ),
            (
                "Ik ben er terug. Mogen de mails opnieuw komen? Ik doe graag verder met Femke.",
                (Resume, None),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(read(text), Some(want), "{text}");
        }
    }

    #[test]
    fn more_requests_in_other_words() {
        let cases = [
            (
                "ich bin wieder zurück in Frankfurt und hätte gern wieder die wöchentlichen Mails",
                (Resume, None),
            ),
            (
                "daniel and i r both slammed w the launch so can we sit this round out?",
                (Skip, None),
            ),
            (
                "Por favor, no me envíen correos del programa hasta el 12 de abril, que es cuando regreso.",
                (Pause, day(2027, 4, 12)),
            ),
            (
                "Les agradecería que reactivaran los envíos semanales para poder retomar las sesiones.",
                (Resume, None),
            ),
            (
                "Pouvez-vous mettre ma participation sur la glace en attendant?",
                (Pause, None),
            ),
            (
                "Je vous saurais gré de bien vouloir me retirer de la liste des participants et de ne plus m'adresser de messages.",
                (Stop, None),
            ),
            (
                "Zouden jullie ons deze keer even buiten beschouwing willen laten?",
                (Skip, None),
            ),
            (
                "Ich bitte Sie daher, die aktuelle Runde für Lea und mich auszulassen; ab der kommenden Woche setzen wir unsere Treffen fort.",
                (Skip, None),
            ),
            (
                "I should be grateful if you would hold the weekly emails until Monday 15 March, when I expect to be back.",
                (Pause, day(2027, 3, 15)),
            ),
            (
                "¿Me pueden poner en pausa en el programa por ahora?",
                (Pause, None),
            ),
            (
                "Could you hold off on sending me the weekly check-ins for a while?",
                (Pause, None),
            ),
            (
                "pour ce cycle-ci catherine et moi on passe notre tour, elle est en plein bouclage.",
                (Skip, None),
            ),
            (
                "Zou u mij willen koppelen aan een nieuwe deelnemer?",
                (Rematch, None),
            ),
            (
                "Mag ik u vragen de wekelijkse berichten tot 24 mei 2027 stop te zetten?",
                (Pause, day(2027, 5, 24)),
            ),
            (
                "Wäre es möglich, mir für die restliche Laufzeit jemand anderen als Tandempartner zuzuteilen?",
                (Rematch, None),
            ),
            (
                "I'm back after my leave, so please switch the weekly check-ins back on for me.",
                (Resume, None),
            ),
            ("¿Nos pueden saltar esta vuelta?", (Skip, None)),
            (
                "Les agradecería que volvieran a enviarme los correos semanales del programa.",
                (Resume, None),
            ),
            (
                "ik wens mij daarom uit te schrijven voor het mentoringprogramma.",
                (Stop, None),
            ),
            (
                "Est-ce que vous pourriez mettre les mails du programme en pause jusqu'au lundi 10 mai ?",
                (Pause, day(2027, 5, 10)),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(read(text), Some(want), "{text}");
        }
    }

    #[test]
    fn counted_out_set_aside_and_taken_off_the_list() {
        let cases = [
            (
                "Would you kindly count us out for this round only?",
                (Skip, None),
            ),
            (
                "is there anyone else I could be matched with for the rest of the programme?",
                (Rematch, None),
            ),
            (
                "Est-ce que vous pouvez nous laisser de côté pour cette semaine ?",
                (Skip, None),
            ),
            (
                "Willen jullie tot 7 juni geen berichten van het programma meer sturen?",
                (Pause, day(2027, 6, 7)),
            ),
            (
                "Ik wens mij daarom uit het mentoringprogramma terug te trekken.",
                (Stop, None),
            ),
            ("Willen jullie mij van de lijst halen?", (Stop, None)),
            (
                "Could you hold the weekly emails for me until Monday, April 12?",
                (Pause, day(2027, 4, 12)),
            ),
            (
                "les escribo para pedirles que frenen un tiempo los mails del programa",
                (Pause, None),
            ),
            (
                "les pido que por esta semana no cuenten con nosotros: estamos en pleno cierre.",
                (Skip, None),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(read(text), Some(want), "{text}");
        }
    }

    #[test]
    fn other_words_keep_the_guards_of_a_request() {
        for text in [
            // A resent form is no resuming; a question, a condition and a meeting's pause
            // are no request, and nor is a partner's leave.
            "Could you send me the form again? I deleted it by mistake.",
            "We had to pause our meetings, could you tell me how to pause the reminders?",
            "If Sam is still away next week, please pause us.",
            "Könnt ihr unser Treffen nächste Woche auf Eis legen?",
            "Pourriez-vous me rappeler comment suspendre mes rappels ?",
            "Ella está de baja por maternidad, ¿podéis mandarme el formulario?",
            "Can we meet again next week instead?",
            "Mag ik me afmelden voor donderdag? Ik ben ziek.",
            "Could we hold the meeting until Friday?",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
