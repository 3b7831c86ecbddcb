//! Whether a clause of free text says the pair met, in English, German, French, Spanish and
//! Dutch: the words of a meeting that happened ([`MET_YES`]), of one that did not
//! ([`MET_NO`]: "didn't", a cancellation, "not yet" as the answer), and which of them the
//! clause ends on ([`said`]). Reads text whose apostrophes are plain (see
//! `text::plain_apostrophes`). Does not split text into clauses nor decide dates: that is
//! [`super`]'s.
//!
//! Rules:
//! - the last statement in a clause decides ("our Tuesday slot was cancelled, we met on
//!   Friday instead" is yes; "we met up last month, but not this time" is no);
//! - a "met" inside a negation is the negation's ("haven't met with her", "nicht
//!   getroffen", "pas pu nous voir");
//! - "not yet", "noch nicht", "pas encore", "todavía no", "nog niet" as an answer (at the
//!   start of a clause, alone before a dash or a comma) is no.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::inbound::text::re;

/// What a clause says about meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Said {
    /// The pair did not meet.
    No,
    /// The pair met: `statement` is where the clause says so, `after` where the words
    /// before it that said otherwise end (the clause's start when none did).
    Yes {
        statement: Range<usize>,
        after: usize,
    },
}

/// What `clause` says about meeting, if anything; `future` when the clause is about what is
/// to come, where only a "not" counts ("we couldn't, we'll try next week").
pub(super) fn said(clause: &str, future: bool) -> Option<Said> {
    // A Dutch sign-off opens on "Met" ("Met vriendelijke groeten"), which is no "met".
    let lower = clause.trim_start().to_lowercase();
    if DUTCH_CLOSINGS.iter().any(|c| lower.starts_with(c)) {
        return None;
    }
    let no: Vec<Range<usize>> = MET_NO.find_iter(clause).map(|m| m.range()).collect();
    if future {
        return (!no.is_empty()).then_some(Said::No);
    }
    // "Met de kwartaalafsluiting …" opens on Dutch "with", no English "met".
    let dutch_with = lower.strip_prefix("met ").is_some_and(|rest| {
        let next = rest.split_whitespace().next().unwrap_or("");
        DUTCH_AFTER_WITH.contains(&next)
    });
    let opening = clause.len() - clause.trim_start().len();
    let read: std::borrow::Cow<'_, str> = if dutch_with {
        format!("{}   {}", &clause[..opening], &clause[opening + 3..]).into()
    } else {
        clause.into()
    };
    let mut yes: Vec<Range<usize>> = MET_YES.find_iter(&read).map(|m| m.range()).collect();
    yes.extend(seen_when(clause));
    yes.sort_by_key(|y| y.start);
    let yes = yes
        .into_iter()
        .rfind(|y| !no.iter().any(|n| n.start < y.end && y.start < n.end));
    match (yes, no.last()) {
        (Some(y), Some(n)) if y.start >= n.end => Some(Said::Yes {
            statement: y,
            after: n.end,
        }),
        (Some(y), None) => Some(Said::Yes {
            statement: y,
            after: 0,
        }),
        (_, Some(_)) => Some(Said::No),
        (None, None) => None,
    }
}

/// Dutch words after an opening "Met" ("with"): "Met de drukte…", "Met mijn nieuwe rol…".
const DUTCH_AFTER_WITH: &[&str] = &[
    "de", "het", "een", "mijn", "onze", "ons", "jullie", "die", "dat", "deze", "al", "alle", "zo'n",
];

/// Dutch sign-offs that begin with "Met" ("with").
const DUTCH_CLOSINGS: &[&str] = &[
    "met vriendelijke",
    "met hartelijke",
    "met collegiale",
    "met beste",
    "met warme",
    "met groet",
    "met een groet",
];

/// Where a report opens on "seen" and someone, written in lowercase, then when: "vu thierry ce
/// matin", "saw anna yesterday", "visto javier ayer" ("Vu Marc lundi", with a capital, is
/// [`MET_YES`]'s). The word seen must be no article, thing or possessive: "vu le contexte
/// hier", "saw it today", "visto que hoy", "vu que hier" say nothing of a meeting. Not Dutch
/// "gezien", which before a lowercase word is "given" ("gezien haar agenda vandaag").
fn seen_when(clause: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    const NOT_A_PERSON: &[&str] = &[
        "que",
        "qu",
        "my",
        "his",
        "our",
        "your",
        "their",
        "mein",
        "sein",
        "unser",
        "notre",
        "leur",
        "votre",
        "mi",
        "su",
        "nuestro",
        "nuestra",
        "mijn",
        "zijn",
        "onze",
        "hun",
        "le",
        "la",
        "les",
        "l",
        "ça",
        "ca",
        "ce",
        "cela",
        "un",
        "une",
        "des",
        "mon",
        "ma",
        "mes",
        "son",
        "sa",
        "ses",
        "rien",
        "tout",
        "the",
        "a",
        "an",
        "it",
        "that",
        "this",
        "them",
        "nothing",
        "something",
        "everything",
        "enough",
        "much",
        "das",
        "es",
        "den",
        "die",
        "dem",
        "nichts",
        "etwas",
        "alles",
        "lo",
        "el",
        "los",
        "las",
        "eso",
        "esto",
        "nada",
        "algo",
        "todo",
        "het",
        "de",
        "dat",
        "dit",
        "niets",
        "niks",
        "iets",
        "alles",
        "er",
    ];
    SEEN_WHEN.captures_iter(clause).filter_map(|c| {
        let who = c.name("who")?.as_str().to_lowercase();
        (!NOT_A_PERSON.contains(&who.as_str())).then(|| c.get(0).map(|m| m.range()))?
    })
}

static SEEN_WHEN: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:^|[,:;–—])\s*(?:[\w-]+\s+){0,2}?(?:vue?|saw|seen|gesehen|visto|vi a)[\s:]+",
        r"(?P<who>[\w-]+)\s+(?:",
        r"yesterday|today|this (?:morning|afternoon|evening)|on (?:mon|tue|wed|thu|fri|sat|sun)",
        r"|last (?:week|night|mon|tue|wed|thu|fri)|(?:mon|tues|wednes|thurs|fri)day",
        r"|gestern|heute|vorgestern|am (?:mo|di|mi|do|fr)|letzte[nr]? |(?:mon|diens|donners|frei)tag|mittwoch",
        r"|ce (?:matin|midi|soir)|cet après-midi|hier|avant-hier|lundi|mardi|mercredi|jeudi|vendredi",
        r"|ayer|hoy|anoche|esta (?:mañana|tarde)|el (?:lunes|martes|miércoles|jueves|viernes)",
        r"|lunes|martes|miércoles|jueves|viernes",
        r"|gister|eergister|vandaag|vanochtend|vanmorgen|vanmiddag|op (?:ma|di|wo|do|vr)",
        r"|(?:maan|dins|woens|donder|vrij)dag|afgelopen",
        r")",
    ))
});

/// What the reply's first words answer to "did you meet?", when they are a bare yes or no
/// after at most a greeting ("Yep, Monday.", "Hallo Noah,\n\nLeider nein – Urlaub.",
/// "Helaas niet, Bram was ziek."), with where the word is. A no followed by thanks ("No,
/// thanks", "Nein, danke", "Non merci") answers something else. The caller takes it only
/// when no clause says more.
pub(super) fn answer(text: &str) -> Option<(bool, usize)> {
    let c = ANSWER.captures(text)?;
    if c.name("thanks").is_some() {
        return None;
    }
    match (c.name("yes"), c.name("no")) {
        (Some(yes), _) => Some((true, yes.start())),
        (None, Some(no)) => Some((false, no.start())),
        (None, None) => None,
    }
}

static ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)^\s*(?:(?:hi|hello|hey|dear|hallo|liebe[rs]?|bonjour|salut|coucou|hola|buenas|buenos días",
        r"|hoi|beste|servus|moin|grüezi|guten tag)(?-u:\b)[^\n,!.]{0,30}[,!.]?\s*)?",
        r"(?:(?:sadly|unfortunately|sorry|well|leider|malheureusement|hélas|lamentablemente",
        r"|desafortunadamente|por desgracia|helaas|jammer genoeg)[,!]?\s+)?",
        r"(?:(?P<yes>yes|yep|yeah|yup|ja|jawohl|jep|oui|sí|si)|(?P<no>no|nope|nein|nicht|non|pas",
        r"|nee|neen|niet))",
        // "No, sadly", "Nee helaas": the regret after the no.
        r"(?:[,!]?\s+(?:sadly|unfortunately|leider|malheureusement|hélas|lamentablemente",
        r"|desafortunadamente|por desgracia|helaas|jammer genoeg))?\s*(?:[,.!:;–—-]\s*|$)",
        r"(?:(?P<thanks>thanks|thank|danke|merci|gracias|bedankt|dank|no problem|no worries|kein problem)(?-u:\b))?",
    ))
});

/// The words of a meeting that did not happen.
pub(super) static MET_NO: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)",
        // "Not yet", "No, not yet – …" as the answer, in the five languages.
        r"(?:^|[,:;–—(]|\s-)\s*(?:(?:no|nein|non|nee|neen)[,.!]?\s+)?",
        r"(?:not yet|still not|noch nicht|immer noch nicht|pas encore|toujours pas",
        r"|todavía no|todavia no|aún no|aun no|nog niet|nog steeds niet)\s*(?:$|[,.;:!)–—-])",
        // "Nothing to report yet", in the five languages: said before any meeting.
        r"|(?-u:\b)nothing (?:new )?to report (?:yet|so far|for now|just yet|this (?:week|time))(?-u:\b)",
        r"|(?-u:\b)noch nichts (?:neues )?zu (?:berichten|melden|erzählen)(?-u:\b)",
        r"|(?-u:\b)nichts (?:neues )?zu (?:berichten|melden|erzählen),? (?:bisher|bislang|bis jetzt|diese woche|dieses mal)(?-u:\b)",
        r"|(?-u:\b)rien (?:de neuf )?à (?:signaler|raconter|dire),? (?:pour l'instant|pour le moment|encore|cette semaine|cette fois)",
        r"|(?-u:\b)pas encore (?:grand-chose|rien) à (?:signaler|raconter|dire)",
        r"|(?-u:\b)(?:todavía|todavia|aún|aun|de momento|por ahora|por el momento) (?:no hay )?nada (?:nuevo )?que (?:contar|reportar|informar)",
        r"|(?-u:\b)nada (?:nuevo )?que (?:contar|reportar|informar),? (?:todavía|todavia|aún|aun|de momento|por ahora|por el momento|esta semana)",
        r"|(?-u:\b)nog (?:niets|niks) (?:nieuws )?te (?:melden|vertellen|rapporteren)(?-u:\b)",
        r"|(?-u:\b)(?:niets|niks) (?:nieuws )?te (?:melden|vertellen|rapporteren),? (?:voorlopig|tot nu toe|deze week)(?-u:\b)",
        // Coffee or a meal together that did not happen, in the five languages.
        r"|(?-u:\b)(?:didn'?t|did not|never|haven'?t|have not|couldn'?t|could not)\s+(?:\w+\s+)?(?:grab|get|have|had|got|grabbed)",
        r"\s+(?:a |an |some )?(?:quick )?(?:coffee|lunch|breakfast|dinner|drinks?|bite|tea)(?-u:\b)",
        r"|(?-u:\b)(?:nicht|nie) (?:\w+ ){0,2}?(?:zusammen|kaffee getrunken|zu mittag gegessen|gegessen|gefrühstückt",
        r"|kaffee trinken|mittag essen|essen|spazieren)(?-u:\b)",
        r"|(?-u:\b)pas (?:\w+ )?(?:pris|bu) (?:un|le|notre) café|(?-u:\b)pas (?:mangé|déjeuné|dîné) ensemble",
        r"|(?-u:\b)no (?:nos )?(?:tomamos|hemos tomado|comimos|almorzamos|desayunamos|cenamos)(?-u:\b)",
        r"|(?-u:\b)niet (?:\w+ ){0,2}?(?:gaan (?:zitten|lunchen|wandelen|eten)|koffie gaan drinken|koffie gedronken|geluncht)(?-u:\b)",
        // English
        r"|(?-u:\b)(?:didn'?t|did not|haven'?t|have not|hadn'?t|had not|couldn'?t|could not",
        r"|weren't able to|were not able to|wasn't able to|not able to|unable to|failed to|never)",
        r"\s+(?:\w+\s+){0,3}?(?:meet|met|manage[ds]?(?-u:\b)(?:\s+(?:to meet|to get together|it|this|that",
        r"|to catch up|to find (?:a |the )?time|a (?:session|meeting|call)))?\s*(?:$|[.,;!]|this|that|last)",
        r"|get (?:a chance|round|around|together|to meet)|make it|find (?:a |the )?time|connect",
        r"|catch up|talk|speak|have (?:a|our|the) (?:session|meeting|call|chat)",
        r"|ha(?:d|ve) (?:a |the |any )?(?:chance|time|opportunity|occasion))",
        // "No meetup this round", "no get-together last week": the nouns of a meeting.
        r"|(?-u:\b)no (?:meeting|session|call|catch-up|catchup|chat|meetup|meet-up|get-together|1:1",
        r"|one-on-one)s? (?:this|last|yet|since|so far|for)",
        r"|(?-u:\b)(?:had to|have to|got) (?:cancel|postpone|reschedule|skip)(?-u:\b)",
        r"|(?-u:\b)(?:was|got|has been|had been|were|have been) (?:cancell?ed|postponed|rescheduled|called off)",
        r"|(?-u:\b)(?:we|i|they|he|she)(?:'ve|'d| have| had)? (?:\w+ )?(?:cancell?ed|postponed|called off|skipped)(?-u:\b)",
        r"|(?-u:\b)(?:cancell?ed|postponed|called off) (?:our|the|this|it)(?-u:\b)",
        r"|(?-u:\b)not this (?:week|time|month|fortnight)(?-u:\b)",
        // "were unable to hold our session", "had to push our session", "no catch up this week".
        r"|(?-u:\b)unable to (?:hold|meet|have|get together|catch up)(?-u:\b)",
        r"|(?-u:\b)(?:had to |have to )?push(?:ed)? (?:our|the|this week's) (?:session|meeting|catch[- ]?up|chat)(?-u:\b)",
        r"|(?-u:\b)no (?:catch[- ]?up|session|meeting|chat) this (?:week|time|month|fortnight)(?-u:\b)",
        // "diesmal leider nix", "this time, nothing", "deze keer helaas niks".
        r"|(?-u:\b)(?:diesmal|dieses mal|diese woche|this time|cette fois|esta vez|deze keer|deze week),? (?:\w+ )?(?:nix|nichts|niks|niets|rien|nada|nothing)(?-u:\b)",
        // "Nothing this time", in the five languages.
        r"|(?-u:\b)(?:nothing|nichts|rien|nada|niks|niets) (?:this|diese[sn]?|cette|ce|esta|este|deze)",
        r" (?:time|week|month|mal|woche|monat|fois|semaine|mois|vez|semana|mes|keer|maand)(?-u:\b)",
        r"|^\s*(?:cancell?ed|postponed|rescheduled|called off)(?-u:\b)",
        r"|(?-u:\b)didn'?t happen(?-u:\b)|(?-u:\b)fell through(?-u:\b)",
        // Did not take place, or left out this round, in the five languages.
        r"|(?-u:\b)(?:pas|jamais) eu lieu(?-u:\b)|(?-u:\b)no (?:tuvo lugar|se llevó a cabo|se realizó)",
        r"|(?-u:\b)niet (?:plaatsgevonden|plaats)(?-u:\b)",
        r"|(?-u:\b)(?:ausgelassen|ausfallen lassen)(?-u:\b)|(?-u:\b)fait l'impasse(?-u:\b)",
        r"|(?-u:\b)(?:nos lo|nos la|lo|la) saltamos(?-u:\b)|(?-u:\b)overgeslagen(?-u:\b)",
        // A participle of meeting after a "not" ("pas encore vus", "noch nicht telefoniert",
        // "no reunidos", "nog niet gebeld"). Not "seen" or "spoken": "never seen such a tool".
        r"|(?-u:\b)(?:nicht|nie|pas|jamais|no|nunca|niet|nooit)\s+(?:\w+\s+)?",
        r"(?:telefoniert|vus|vues|rencontrés?|vistos|reunidos|ontmoet|gebeld)(?:\W|$)",
        r"|(?-u:\b)not\s+(?:yet\s+)?met(?-u:\b)",
        // German
        r"|(?-u:\b)nicht (?:dazu |mehr )?(?:gekommen|zustande)(?-u:\b)|(?-u:\b)keine zeit(?-u:\b)",
        r"|(?-u:\b)(?:nicht|nich|net|ned) (?:getroffen|geschafft|geklappt|gesehen|gesprochen|stattgefunden)(?-u:\b)",
        r"|(?-u:\b)nicht (?:zusammen )?(?:treffen|sehen|sprechen|zusammensetzen)(?-u:\b)",
        r"|(?-u:\b)(?:haben|hatten) es (?:leider )?nicht(?-u:\b)",
        // "heuer wird das leider nix mehr mit einem Treffen".
        r"|(?-u:\b)(?:wird|war|ist) (?:das|es) (?:\w+ ){0,2}?(?:nix|nichts)(?: mehr)? mit (?:einem|unserem|dem) (?:treffen|termin|gespräch)(?-u:\b)",
        // "Kein Treffen stattgefunden": the "took place" is the "no"'s.
        r"|(?-u:\b)kein(?:en)? (?:\w+ )?(?:treffen|termin|gespräch|austausch|meetup|sitzung) (?:\w+ ){0,2}?stattgefunden(?-u:\b)",
        r"|(?-u:\b)kein(?:en)? (?:treffen|termin|gespräch|austausch|meetup)(?-u:\b)",
        r"|(?-u:\b)keine (?:sitzung|session|besprechung|runde)(?-u:\b)",
        r"|(?-u:\b)(?:ausgefallen|abgesagt|verschoben)(?-u:\b)",
        r"|(?-u:\b)(?:fiel(?:en)?|fällt|fallen) (?:\w+ ){0,2}?aus(?-u:\b)",
        // "diese Woche wird das nix", "das wird heuer nichts".
        r"|(?-u:\b)(?:wird|war) (?:das|es) (?:\w+ )?(?:nix|nichts)(?-u:\b)",
        r"|(?-u:\b)(?:mussten|musste) (?:\w+ ){0,2}?(?:absagen|verschieben|ausfallen lassen|ausfallen)(?-u:\b)",
        // French
        r"|(?-u:\b)pas (?:encore |toujours |vraiment |du tout )?(?:pu|réussi|eu le temps|eu l'occasion",
        r"|eu (?:de |un )?(?:créneau|moment)|trouvé (?:le |de |un )?(?:temps|créneau|moment))(?-u:\b)",
        r"|(?-u:\b)(?:ne nous sommes|ne s'est|ne se sont|ne s'était) pas(?-u:\b)",
        r"|(?-u:\b)pas (?:de|eu de) (?:réunion|rendez-vous|rdv|session|rencontre|séance)(?-u:\b)",
        r"|(?-u:\b)aucune? (?:réunion|rendez-vous|session|rencontre|séance)(?-u:\b)",
        r"|(?-u:\b)(?:a été |été )?(?:annulée?|reportée?)",
        r"|(?-u:\b)(?:a|ont|avons) sauté(?:\W|$)|(?-u:\b)tombée? à l'eau",
        r"|(?-u:\b)(?:dû|du) (?:annuler|reporter|décaler)(?-u:\b)",
        // Spanish
        r"|(?-u:\b)no (?:nos )?(?:hemos |habíamos |pudimos |hemos podido |he podido |pude )?",
        r"(?:visto|vimos|reunido|reunimos|juntamos|encontramos|hablado|hablamos|vernos|reunirnos|hablar|coincidido)(?-u:\b)",
        r"|(?-u:\b)no (?:nos )?(?:pudimos|podíamos|hemos podido|he podido|pude|logramos|conseguimos|hemos logrado|alcanzamos a)",
        r" (?:ver|reunir|juntar|encontrar|quedar|coincidir)(?:nos)?(?-u:\b)",
        r"|(?-u:\b)no (?:pudimos|hemos podido|ha sido posible|fue posible|tuvimos tiempo|hubo (?:reuni|sesi|encuentro|tiempo))",
        r"|(?-u:\b)no (?:hemos |he |habíamos )?(?:tenido|tuvimos|encontrado|encontramos) (?:tiempo|ocasión|oportunidad|hueco|un hueco)(?-u:\b)",
        r"|(?-u:\b)no se (?:pudo|dio)(?-u:\b)|(?-u:\b)ninguna (?:reunión|sesión|llamada)",
        // "Esta vez no ha habido reunión", "no hubo encuentro", "no hay sesión esta semana".
        r"|(?-u:\b)no (?:ha habido|había habido|hubo|hay) (?:ninguna |ningún )?(?:reuni|sesi|encuentro|quedada)",
        r"|(?-u:\b)(?:se )?(?:cancel(?:ó|o|amos|ada|ado)|aplaz(?:ó|amos|ada|ado)|pospu(?:simos|esta|esto))(?:\s|$|[.,;!])",
        // Dutch
        r"|(?-u:\b)niet (?:\w+ )?lukken om(?-u:\b)",
        r"|(?-u:\b)niet (?:gesproken|gezien|ontmoet|getroffen|gelukt|afgesproken|gebeld|doorgegaan",
        r"|kunnen (?:afspreken|spreken|zien))(?-u:\b)",
        r"|(?-u:\b)geen (?:afspraak|gesprek|overleg|tijd|sessie|kans|gelegenheid|ontmoeting|meetup)(?-u:\b)",
        r"|(?-u:\b)niet (?:aan )?(?:toegekomen|toe gekomen)(?-u:\b)",
        r"|(?-u:\b)(?:afgezegd|afgelast|geannuleerd|uitgesteld|verzet)(?-u:\b)",
        r"|(?-u:\b)(?:ging|gingen) (?:\w+ )?niet door(?-u:\b)|(?-u:\b)niet van gekomen(?-u:\b)",
        r"|(?-u:\b)(?:moesten|moest) (?:het )?(?:afzeggen|annuleren|verzetten|uitstellen)(?-u:\b)",
    ))
});

/// The words of a meeting that happened.
pub(super) static MET_YES: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)",
        // A meeting named with whom, as a report ("Rencontre avec Camille le lundi 14",
        // "Meeting with Sam on Friday"), in the five languages. Nouns of a meeting only: a
        // call, a lunch or an appointment with someone may be a plan or not the pair's.
        // A word that grades it and a day may come between: "Grosse séance vendredi avec
        // Catherine", "Great session Monday with Sam".
        r"(?:^|[,:;–—]|\s-)\s*(?:(?:our|the|a|my|unser|unsere|notre|la|le|nuestra|nuestro|ons|de|het) )?",
        r"(?:(?:great|good|long|short|quick|big|nice|grosse|bonne|belle|longue|courte|petite|gute|lange",
        r"|kurze|tolle|gran|buena|larga|corta|goede|lange|korte|fijne) )?",
        r"(?:meeting|session|catch-up|1:1|treffen|gespräch|sitzung|rencontre|réunion|séance|entretien",
        r"|reunión|sesión|encuentro|gesprek|sessie|overleg|ontmoeting) (?:[\w-]+ )?(?:with|mit|avec|con|met) \w",
        // English
        r"|^\s*(?:met|caught up|spoke|talked|chatted|had (?:a|an|our|the))(?-u:\b)",
        // "Yes met Kenji", "yep caught up w Helen": the answer run into the report.
        r"|^\s*(?:yes|yep|yeah|yup|yess|yea)[,!.]?\s+(?:met|caught up|spoke|talked|chatted)(?-u:\b)",
        r"|(?-u:\b)(?:we|i|finally|also|just|both)\s+(?:\w+\s+)?(?:met|spoke|talked|chatted|caught up",
        r"|got together|sat down|connected|hopped on a call|did (?:our|a|the) \w+)(?-u:\b)",
        r"|(?-u:\b)(?:ended up|managed to|got to|were able to|was able to|did manage to|did get to)",
        r" (?:meet(?:ing)?|talk(?:ing)?|speak(?:ing)?|catch(?:ing)? up|get(?:ting)? together",
        r"|see(?:ing)? each other|connect(?:ing)?|hav(?:e|ing) (?:a|our|the) (?:session|meeting|call|chat))(?-u:\b)",
        r"|(?-u:\b)met (?:up|with|for|on|yesterday|today|last|this|again|in|at|over|online|virtually|briefly)(?-u:\b)",
        // "Quick one - caught up with Richard yesterday".
        r"|(?-u:\b)caught up with (?-i:\p{Lu})",
        r"|^met(?-u:\b)",
        // A report that opens, after at most two words of when, on a participle of meeting,
        // in the five languages: "Dinsdagochtend gesproken", "Gestern kurz telefoniert",
        // "Vus avant-hier", "Yesterday met at the canteen".
        // Not "met" (Dutch "with": "Alles goed met jou?"), nor "gezien" before what it is
        // ("Gezien de drukte": given how busy).
        r"|(?:^|[,:;–—])\s*(?:[\w-]+\s+){0,3}?(?:(?:spoke|talked|gesprochen|telefoniert|vus|vues",
        r"|rencontrés?|retrouvés?|vistos|reunidos|gesproken|ontmoet|gebeld|bijgepraat|geluncht)(?:[\s,.!]|$)",
        r"|gezien(?:\s+(?:in|op|bij|via|om|voor|tijdens|na|met|samen)(?-u:\b)|\s*[,.!]|\s*$))",
        // Or on "seen" and a name: "Bonjour, vu Marc lundi", "Saw Anna on Monday", "Gestern
        // gesehen: Jonas". Not before a lowercase word ("vu le contexte": given) nor a
        // name's thing ("saw Marc's note").
        r"|(?:^|[,:;–—])\s*(?:[\w-]+\s+){0,2}?(?:vue?|saw|seen|gesehen|visto|vi a|gezien)[\s:]+",
        r"(?-i:\p{Lu})\w*(?:[\s,.!]|$)",
        r"|(?-u:\b)(?:session|meeting) held with(?-u:\b)",
        r"|(?-u:\b)(?:had|held) (?:a|our|the|another|an|\w+) (?:\w+[\s-]){0,3}?(?:session|meeting|call|chat|catch-up",
        r"|catchup|conversation|coffee|lunch|sync|1:1|one-on-one|1-on-1|discussion|walk)(?-u:\b)",
        r"|(?-u:\b)(?:session|meeting|call|chat|conversation|catch-up|today) (?:was|went|felt)(?-u:\b)",
        r"|(?-u:\b)(?:great|good|lovely|nice|fun|useful|helpful|productive|insightful|interesting)",
        r" (?:session|chat|call|meeting|conversation|catch-up|discussion)(?-u:\b)",
        // German
        r"|(?-u:\b)(?:haben|hatten) uns(?-u:\b).{0,60}?(?-u:\b)(?:getroffen|gesehen|unterhalten|ausgetauscht",
        r"|zusammengesetzt|zusammengesessen)(?-u:\b)",
        r"|(?-u:\b)(?:wir|und ich) haben(?-u:\b).{0,30}?(?-u:\b)(?:gesprochen|telefoniert|geredet|diskutiert)(?-u:\b)",
        r"|(?-u:\b)(?:treffen|gespräch|termin|austausch|call) (?:war|lief|hat)(?-u:\b)",
        // "Klaus und ich hatten am Mittwoch einen Videocall".
        r"|(?-u:\b)hatten (?:\w+ ){0,3}?(?:ein|unser|einen|eine|heute|gestern)(?-u:\b).{0,30}?(?-u:\b)",
        r"(?:treffen|gespräch|call|videocall|telefonat|videotelefonat|video-call|teams-call",
        r"|austausch|termin|session|mittagessen|kaffee)(?-u:\b)",
        r"|(?-u:\b)getroffen(?-u:\b)",
        // Took place, in the five languages.
        r"|(?-u:\b)fand(?-u:\b).{0,40}?(?-u:\b)statt(?-u:\b)|(?-u:\b)stattgefunden(?-u:\b)",
        r"|(?-u:\b)(?:a|ont) eu lieu(?-u:\b)|(?-u:\b)s'est tenue?(?-u:\b)|(?-u:\b)se sont tenu(?:e|s|es)?(?-u:\b)|(?-u:\b)s'est (?:bien |très bien )?(?:passée?|déroulée?)(?:\W|$)",
        r"|(?-u:\b)(?:tuvo lugar|se llevó a cabo|se realizó|se celebró)(?-u:\b)",
        r"|(?-u:\b)vond(?-u:\b).{0,40}?(?-u:\b)plaats(?-u:\b)|(?-u:\b)plaatsgevonden(?-u:\b)",
        // French
        r"|(?-u:\b)(?:on s'est|nous nous sommes|nous sommes)\s+(?:\w+\s+)?(?:vus?|vues|rencontrés?|rencontrées?|parlé",
        r"|retrouvés?|retrouvées?|appelés?)(?:\W|$)",
        // "Marc et moi avons fait une visio": "avons" is "we" without "nous".
        r"|(?-u:\b)(?:on a|nous avons|avons)\s+(?:\w+\s+)?(?:eu|fait)\s+(?:une|notre|un|la|le)(?-u:\b).{0,30}?",
        r"(?-u:\b)(?:réunion|session|séance|appel|échange|rendez-vous|déjeuner|café|call|point|visio|discussion)(?-u:\b)",
        // "Marc et moi avons échangé": "avons" is "we" without "nous".
        r"|(?-u:\b)(?:on a|avons)\s+(?:\w+\s+)?(?:parlé|discuté|échangé|déjeuné)(?:\W|$)",
        r"|(?-u:\b)(?:fini par|finalement pu|enfin pu|réussi à|pu) (?:nous|se) (?:voir|retrouver|rencontrer|parler|appeler)(?-u:\b)",
        r"|(?-u:\b)(?:la |notre )?(?:réunion|session|séance|rencontre|discussion) (?:était|s'est|a été)(?:\W|$)",
        // Spanish
        r"|(?-u:\b)nos (?:hemos |habíamos )?(?:reunimos|reunido|vimos|visto|juntamos|juntado|encontramos|encontrado)(?-u:\b)",
        r"|(?-u:\b)(?:hablamos|charlamos|conversamos)(?-u:\b)",
        // "Javi y yo quedamos ayer para un café": met up, said with when it was.
        r"|(?-u:\b)quedamos (?:ayer|hoy|anteayer|esta mañana|este mediodía)(?-u:\b)",
        r"|(?-u:\b)(?:hemos|habíamos) (?:hablado|charlado|conversado)(?-u:\b)",
        r"|(?-u:\b)(?:pudimos|logramos|conseguimos|hemos podido) (?:vernos|reunirnos|hablar|juntarnos|encontrarnos)(?-u:\b)",
        r"|(?-u:\b)(?:tuvimos|hemos tenido|tuve|he tenido|mantuve|mantuvimos|he mantenido|hemos mantenido|celebramos|hemos celebrado)",
        r" (?:una|la|nuestra|un|el|nuestro)(?-u:\b).{0,30}?(?-u:\b)(?:reuni|sesi",
        r"|llamada|charla|conversaci|encuentro|caf|almuerzo|videollamada)",
        r"|(?-u:\b)(?:la |nuestra )?(?:reunión|sesión|llamada|charla|conversación) (?:fue|estuvo|ha sido)(?-u:\b)",
        // Dutch
        r"|(?-u:\b)(?:we|wij|ik) (?:hebben|heb|hadden|had)(?-u:\b).{0,40}?(?-u:\b)(?:gesproken|gebeld|gepraat",
        r"|afgesproken|geluncht|koffie gedronken)(?-u:\b)",
        // "Femke en ik hebben elkaar woensdag gezien": "en ik" is "we" said with whom.
        r"|(?-u:\b)(?:we|wij|en ik) (?:hebben|hadden) elkaar(?-u:\b).{0,50}?(?-u:\b)(?:gezien|ontmoet|getroffen|gesproken)(?-u:\b)",
        // Sat together: "we hebben drie kwartier bij elkaar gezeten", "nos sentamos juntos".
        r"|(?-u:\b)(?:we|wij|ik) (?:hebben|hadden)(?-u:\b).{0,60}?(?-u:\b)(?:bij elkaar|samen) (?:gezeten|gezet)(?-u:\b)",
        r"|(?-u:\b)nos sentamos (?:juntos|juntas|a (?:hablar|charlar|tomar))(?-u:\b)",
        // It worked out in the end, said of the meeting: "Gestern hat es dann geklappt", "toen
        // is het toch gelukt", "ça a enfin pu se faire", "it finally worked out", "al final se
        // pudo". A "not" in it is [`MET_NO`]'s, which wins where they overlap.
        r"|(?-u:\b)(?:hat es|hat's|es hat)(?:\s+(?:dann|doch|endlich|schließlich|letztlich|noch|auch|gestern",
        r"|heute|zum glück|glücklicherweise|wunderbar|gut|prima|problemlos))*\s+geklappt(?-u:\b)",
        r"|(?-u:\b)(?:is het|het is)(?: ons)?(?:\s+(?:toch|eindelijk|dan|uiteindelijk|alsnog|wel|gisteren",
        r"|vandaag|gelukkig))*\s+gelukt(?-u:\b)",
        r"|(?:^|\s)ça a (?:(?:enfin|finalement|quand même)\s+)?pu se faire(?:\W|$)",
        r"|(?:^|\s)ça a (?:enfin|finalement|quand même) (?:marché|fonctionné)(?:\W|$)",
        r"|(?-u:\b)(?:it (?:finally|eventually|then) worked out|in the end it worked out)(?-u:\b)",
        r"|(?-u:\b)(?:por fin|al final|finalmente) (?:se (?:pudo|dio)|pudimos)(?-u:\b)",
        r"|(?-u:\b)(?:hebben|hadden) (?:we|wij) (?:elkaar(?-u:\b).{0,30}?(?-u:\b)(?:gezien|ontmoet|getroffen|gesproken)",
        r"|(?-u:\b).{0,30}?(?-u:\b)(?:gesproken|gebeld|afgesproken))(?-u:\b)",
        r"|(?-u:\b)(?:we|wij|ik) (?:spraken|zagen|ontmoetten|belden|troffen)(?-u:\b)",
        r"|(?-u:\b)(?:we|wij) hadden(?-u:\b).{0,30}?(?-u:\b)(?:gesprek|afspraak|overleg|sessie|call|lunch|koffie)(?-u:\b)",
        r"|(?-u:\b)(?:het gesprek|de afspraak|de sessie|ons gesprek) (?:was|ging|verliep)(?-u:\b)",
        // Coffee or a meal together, said with who: "Grace and I finally grabbed coffee", "we
        // grabbed lunch", "got a coffee together", "Klaus und ich waren 90' zusammen", "wir
        // haben einen Kaffee getrunken", "on a pris un café", "tomamos un café", "Femke en ik
        // zijn samen gaan eten". Not "I grabbed coffee before the call": no one with me.
        r"|(?-u:\b)(?:we|and i|and me|both of us)\s+(?:(?:finally|also|just|quickly|then|both|all|eventually|actually)\s+)?",
        r"(?:grabbed|got|had)\s+(?:a |an |some )?(?:quick )?",
        r"(?:coffee|coffees|lunch|breakfast|dinner|drinks?|a bite|tea)(?-u:\b)",
        r"|(?-u:\b)(?:grabbed|got) (?:a |an |some )?(?:quick )?(?:coffee|lunch|breakfast|dinner|drinks?|a bite|tea)",
        r" (?:together|with [A-Za-z])",
        r"|(?-u:\b)(?:wir|und ich) waren(?-u:\b).{0,40}?(?-u:\b)(?:zusammen|kaffee trinken|mittag essen|essen|spazieren)(?-u:\b)",
        r"|(?-u:\b)(?:wir|und ich) haben(?-u:\b).{0,30}?(?-u:\b)(?:kaffee getrunken|zu mittag gegessen|gegessen|gefrühstückt)(?-u:\b)",
        r"|(?-u:\b)(?:on a|nous avons|avons) (?:(?:déjà|enfin|finalement|vite|aussi|ensemble) )?(?:pris|bu)",
        r" (?:un|le|notre) café(?:\W|$)",
        r"|(?-u:\b)(?:on a|nous avons|avons) (?:(?:déjà|enfin|finalement|aussi) )?(?:mangé|déjeuné|dîné) ensemble(?:\W|$)",
        r"|(?-u:\b)(?:nos )?(?:tomamos|hemos tomado) (?:un |unos |el )?(?:café|cafecito|algo)(?:\W|$)",
        r"|(?-u:\b)(?:comimos|almorzamos|desayunamos|cenamos|hemos comido) juntos(?-u:\b)",
        r"|(?-u:\b)(?:en ik|we|wij) zijn(?-u:\b).{0,40}?(?-u:\b)(?:samen )?(?:gaan (?:zitten|lunchen|wandelen|eten)|koffie gaan drinken|samengekomen)(?-u:\b)",
        // Went out together: "we went for coffee", "wir sind essen gegangen", "on est allés
        // déjeuner", "fuimos a comer", "we zijn bij elkaar gaan zitten".
        r"|(?-u:\b)we went (?:for|to grab|to get|out for) (?:a |an )?(?:coffee|lunch|walk|drink|bite|breakfast)(?-u:\b)",
        r"|(?-u:\b)(?:wir sind|sind wir)(?-u:\b).{0,30}?(?-u:\b)(?:gegangen|zusammengekommen)(?-u:\b)",
        r"|(?-u:\b)(?:on est|nous sommes) (?:\w+ )?allée?s? (?:déjeuner|dîner|prendre un café|boire un café|marcher|manger)(?:\W|$)",
        r"|(?-u:\b)fuimos (?:a|de) (?:comer|almorzar|desayunar|tomar (?:un|algo)|cenar|pasear)(?-u:\b)",
        r"|(?-u:\b)(?:we|wij) zijn(?-u:\b).{0,30}?(?-u:\b)(?:gaan (?:zitten|lunchen|wandelen|eten)|koffie gaan drinken|samengekomen)(?-u:\b)",
        // A missed meeting made up for, in the five languages: "we made up for it on
        // Wednesday", "haben es am Mittwoch nachgeholt", "on l'a rattrapée jeudi", "la
        // recuperamos el jueves", "donderdag hebben we het ingehaald". The object is needed:
        // "rattrapé mon retard", "achterstand ingehaald" is catching up on work.
        r"|(?-u:\b)made up for (?:it|that|the (?:session|meeting|call))(?-u:\b)",
        r"|(?-u:\b)(?:es|das|ihn|den termin|das treffen|das gespräch)(?-u:\b).{0,30}?(?-u:\b)nachgeholt(?-u:\b)",
        r"|(?-u:\b)(?:l'(?:avons|avait|ai|a|ont)|les (?:avons|a|ont)) rattrapée?s?(?:\W|$)",
        r"|(?-u:\b)(?:la|lo) (?:recuperamos|hemos recuperado)(?-u:\b)",
        r"|(?-u:\b)(?:het|dat|hem|de afspraak|het gesprek|de sessie) (?:\w+ )?ingehaald(?-u:\b)",
    ))
});

#[cfg(test)]
mod tests {
    use super::*;

    fn yes_at(clause: &str, statement: &str, after: usize) -> Option<Said> {
        let start = clause.find(statement).unwrap();
        let end = MET_YES.find_at(clause, start).unwrap().end();
        Some(Said::Yes {
            statement: start..end,
            after,
        })
    }

    #[test]
    fn the_last_statement_of_a_clause_decides_and_a_negated_met_is_the_negations() {
        let clause = "our Tuesday slot got cancelled, we met on Friday";
        let cancelled_end = clause.find(", we").unwrap();
        assert_eq!(said(clause, false), yes_at(clause, "we met", cancelled_end));
        assert_eq!(
            said("we met up last month, we didn't meet this time", false),
            Some(Said::No)
        );
        assert_eq!(said("we haven't met with her", false), Some(Said::No));
        assert_eq!(said("wir haben uns nicht getroffen", false), Some(Said::No));
        assert_eq!(said("on n'a pas pu se voir", false), Some(Said::No));
        assert_eq!(said("no pudimos vernos", false), Some(Said::No));
        let clause = "we met on Tuesday";
        assert_eq!(said(clause, false), yes_at(clause, "we met", 0));
        assert_eq!(said("thanks for the reminder", false), None);
        assert_eq!(said("Met vriendelijke groeten", false), None);
    }

    #[test]
    fn in_a_clause_about_what_is_to_come_only_a_not_counts() {
        assert_eq!(
            said("we couldn't meet, we'll try next week", true),
            Some(Said::No)
        );
        assert_eq!(said("we'll have a good chat on Friday", true), None);
    }

    #[test]
    fn not_yet_is_no_only_as_the_answer() {
        for clause in [
            "Not yet",
            "No, not yet – booked for Thursday",
            "Noch nicht, erst am Dienstag",
            "pas encore !",
            "Todavía no, hemos quedado",
            "Hi, nog niet",
        ] {
            assert_eq!(said(clause, false), Some(Said::No), "{clause}");
        }
        for clause in [
            "the topics are not yet decided",
            "noch nicht lange im Team",
            "nog niet eerder zo'n gesprek",
        ] {
            assert_eq!(said(clause, false), None, "{clause}");
        }
    }

    #[test]
    fn formal_reports_and_a_meeting_that_did_not_take_place_in_the_five_languages() {
        met_and_not(
            &[
                "la séance de mentorat qui s'est tenue le mardi 9 mars",
                "mantuve la tercera sesión con Lucía Fernández",
                "I am writing to place on record the mentoring session held with Mr Kapoor",
                "Grosse séance vendredi avec Catherine",
                "Great session Monday with Sam",
                "Klaus und ich hatten am Mittwoch einen Videocall",
                "Quick one - caught up with Richard yesterday",
                "Javi y yo quedamos ayer para un café rápido",
                "Gister met Sanne geluncht, uurtje ofzo",
            ],
            &[
                "the board meeting held on Monday ran late",
                "das Treffen findet im Januar statt",
            ],
        );
        for clause in [
            "in den vergangenen zwei Wochen hat leider kein Treffen stattgefunden",
            "We haven't managed it this time round",
            "heuer wird das leider nix mehr mit einem Treffen",
            "esta vez no alcanzamos a reunirnos",
            "Hey, diesmal leider nix",
            "hi! diesmal hats leider nich geklappt",
            "Ons overleg van donderdag werd afgelast",
            "unser für Donnerstag geplantes Treffen musste leider ausfallen",
            "Ravi and I were unable to hold our session this fortnight",
            "Sam and I had to push our session this week",
            "no catch up this week im afraid",
            "hi, diese woche leider nix",
            "hi, diese woche wird das nix",
            "Unser Treffen fällt damit aus",
            "hello, pas de rdv cette semaine",
            "Met de kwartaalafsluiting gaat het deze ronde echt niet lukken om af te spreken",
        ] {
            assert_eq!(said(clause, false), Some(Said::No), "{clause}");
        }
    }

    /// Each of `met` says the pair met; none of `not` says anything about meeting.
    fn met_and_not(met: &[&str], not: &[&str]) {
        for clause in met {
            assert!(
                matches!(said(clause, false), Some(Said::Yes { .. })),
                "{clause}"
            );
        }
        for clause in not {
            assert_eq!(said(clause, false), None, "{clause}");
        }
    }

    #[test]
    fn a_cancelled_meeting_made_up_for_is_met_in_the_five_languages() {
        met_and_not(
            &[
                "our Monday slot got cancelled but we made up for it on Wednesday",
                "Montag fiel aus, aber wir haben es am Mittwoch nachgeholt",
                "lundi a été annulé mais on l'a rattrapée jeudi",
                "el lunes se canceló pero la recuperamos el jueves",
                "Maandag ging niet door, maar donderdag hebben we het ingehaald",
            ],
            // Catching up on work, or making something up, is no meeting.
            &[
                "I made up a story for the kids",
                "ich habe Schlaf nachgeholt",
                "j'ai rattrapé mon retard",
                "recuperamos los datos",
                "ik heb mijn achterstand ingehaald",
            ],
        );
    }

    #[test]
    fn a_report_opening_on_seen_and_a_name_is_met_in_the_five_languages() {
        met_and_not(
            &[
                "Bonjour, vu Marc lundi matin en visio",
                "Saw Anna on Monday",
                "Gestern gesehen: Jonas, eine Stunde",
                "Ayer, visto Javier en la cantina",
                "Maandag gezien Sanne, fijn gesprek",
            ],
            &[
                "vu le contexte, on attend",
                "I saw Marc's note",
                "Hola, visto lo visto, mejor el lunes",
            ],
        );
    }

    #[test]
    fn a_no_with_regret_after_it_answers_in_the_five_languages() {
        for text in [
            "No, sadly - she was away",
            "Nein leider, sie war weg",
            "Non, malheureusement. Elle était absente",
            "No, lamentablemente, estaba fuera",
            "Nee helaas, Sanne zat de hele week weg",
        ] {
            assert_eq!(answer(text).map(|(met, _)| met), Some(false), "{text}");
        }
        // The regret word alone is no answer.
        assert_eq!(answer("Helaas was ze ziek"), None);
        assert_eq!(answer("No, thanks"), None);
    }

    #[test]
    fn coffee_or_a_meal_together_is_met_in_the_five_languages() {
        met_and_not(
            &[
                "Grace and I finally grabbed coffee Tuesday morning",
                "we grabbed a quick lunch",
                "got a coffee together after standup",
                "Klaus und ich waren am Montag 90' zusammen",
                "wir haben gestern einen Kaffee getrunken",
                "on a pris un café jeudi",
                "nos tomamos un café el lunes",
                "Femke en ik zijn gisterennamiddag samen gaan eten",
            ],
            // Alone, or someone else's: no meeting of the pair.
            &[
                "I grabbed coffee before the call",
                "visto que hoy no hay tiempo",
                "gezien haar agenda vandaag",
                "she got lunch at her desk",
                "j'ai pris un café seul",
                "tomé un café antes",
            ],
        );
    }

    #[test]
    fn coffee_or_a_meal_together_that_did_not_happen_is_no_in_the_five_languages() {
        for clause in [
            "we never had lunch together",
            "we didn't get coffee this time",
            "wir waren diese Woche nicht zusammen essen",
            "nous n'avons pas pris un café",
            "no nos tomamos el café",
            "we zijn niet samen gaan eten",
        ] {
            assert_eq!(said(clause, false), Some(Said::No), "{clause}");
        }
    }

    #[test]
    fn seen_and_a_lowercase_name_then_when_is_met_in_the_five_languages() {
        met_and_not(
            &[
                "vu thierry ce matin 9h-9h40",
                "saw anna yesterday at the canteen",
                "heute gesehen jonas gestern",
                "Hola, visto javier ayer",
                "gesehen: jonas gestern",
            ],
            &[
                "vu le contexte hier, on attend",
                "saw it yesterday on the news",
                "visto lo visto ayer",
                "gezien de drukte vandaag",
                "I saw nothing this morning",
            ],
        );
    }

    #[test]
    fn nothing_to_report_yet_is_no_in_the_five_languages() {
        for clause in [
            "Hi — nothing to report yet, I'm afraid",
            "Leider noch nichts zu berichten",
            "rien à signaler pour l'instant",
            "todavía nada que contar",
            "nog niets te melden",
        ] {
            assert_eq!(said(clause, false), Some(Said::No), "{clause}");
        }
        // Nothing to report about something else, after meeting.
        for clause in [
            "we met on Monday, nothing to report on the budget",
            "wir haben uns getroffen, nichts Besonderes",
        ] {
            assert!(
                matches!(said(clause, false), Some(Said::Yes { .. })),
                "{clause}"
            );
        }
    }
    #[test]
    fn it_worked_out_in_the_end_is_met_in_the_five_languages() {
        met_and_not(
            &[
                "Gestern Mittag hat es dann geklappt",
                "am Freitag hat's endlich geklappt",
                "donderdag is het toch gelukt",
                "jeudi, ça a enfin pu se faire",
                "on Friday it finally worked out",
                "al final se pudo el jueves",
            ],
            // Something else that worked, or nothing about meeting.
            &[
                "das Skript hat geklappt",
                "het project is gelukt",
                "ça a marché pour sa promotion",
                "it worked out well for the budget",
                "se pudo ver el informe",
            ],
        );
        // It did not work out: no.
        for clause in [
            "hat es leider nicht geklappt",
            "het is niet gelukt",
            "we didn't manage to meet, it never worked out",
        ] {
            assert_eq!(said(clause, false), Some(Said::No), "{clause}");
        }
    }

    #[test]
    fn we_said_with_whom_and_sitting_together_is_met_in_dutch_french_and_spanish() {
        met_and_not(
            &[
                "Femke en ik hebben elkaar uiteindelijk woensdag gezien",
                "Eva en ik hebben vorige week drie kwartier bij elkaar gezeten",
                "we hebben gisteren samen gezeten",
                "Marc et moi avons fait une visio le mardi 2 mars",
                "Carmen y yo nos sentamos a hablar el lunes",
            ],
            &[
                "ik heb de hele dag thuis gezeten",
                "vous avez fait une visio avec lui",
                "nos sentamos en la reunión general",
            ],
        );
        assert_eq!(said("we hebben elkaar niet gezien", false), Some(Said::No));
    }

    #[test]
    fn no_meeting_noun_this_round_is_no_in_the_five_languages() {
        for clause in [
            "Hey — no meetup this round 😕",
            "no get-together last week, Grace was away",
            "diesmal kein Treffen, Lukas war krank",
            "keine Sitzung diese Woche",
            "aucune rencontre ce mois-ci",
            "Esta vez no ha habido reunión",
            "no hubo encuentro este mes",
            "deze ronde geen ontmoeting",
        ] {
            assert_eq!(said(clause, false), Some(Said::No), "{clause}");
        }
        // Other words after "no", or a meeting that happened: not a no.
        for clause in [
            "no meetup group could teach this better",
            "aucun problème avec le planning",
            "no hay problema con la fecha",
        ] {
            assert_eq!(said(clause, false), None, "{clause}");
        }
        assert!(matches!(
            said("no ha habido problema, nos reunimos el lunes", false),
            Some(Said::Yes { .. })
        ));
    }

    #[test]
    fn a_yes_run_into_the_report_is_met() {
        met_and_not(
            &[
                "Yes met Kenji",
                "yep caught up w Helen on tues",
                "Yeah, talked to Omar yesterday",
            ],
            &["Yes meeting notes attached", "yes, metrics look fine"],
        );
    }
}
