//! The rating a reply gives, 1 to 5 with 5 best, as the prompt asks: stars, "4/5", "4 out of
//! 5", "4 outta 5", "8 op 10" (a score out of ten is halved), "rating: 4", a score given with
//! a verb ("ik geef het een 8", "je mets 4", "4 punten"), an article and a score closing a
//! clause or followed by its reason ("Un 3.", "Un 3, porque..."), a score after a word of
//! judgement ("Excellent - 5", "Fand ich super: 5"), a German school grade said to be one
//! ("Schulnote 2"), a score said to be the writer's ("solid 4 from me"), and a hedge that
//! settles gives the number it settles on ("3 or 4? going w 4", "retenons 4"). A share ("4 out of 5 people") or a count ("Great - 5 people came") is no
//! rating. Reads text whose apostrophes are plain. Does not read the form's labels: that is
//! [`super`]'s.

use std::sync::LazyLock;

use regex::Regex;

use crate::inbound::text::re;

/// "because" after a score, which closes the score's clause as a full stop does: "Un 3,
/// porque nos interrumpieron", "a 4 because it ran short", "eine 4, weil", "une 3 car",
/// "een 4 omdat".
macro_rules! because {
    () => {
        r"(?:because|since|weil|denn|parce que|parce qu'|car|puisque|porque|ya que|pues|omdat|want|aangezien)(?-u:\b)"
    };
}

/// The words that grade a score: "a solid 4", "een dikke 8", "eine glatte 2".
macro_rules! score_adjectives {
    () => {
        concat!(
            r"(?:dikke|ruime|mooie|solide|volle|klare|starke|solid|good|strong|bon|bonne|beau",
            r"|belle|buen|buena|gute|guter|goede)",
        )
    };
}

/// One to five stars; an emoji star may carry the variation selector U+FE0F ("⭐️").
static STARS: LazyLock<Regex> = LazyLock::new(|| re(r"(?:[★⭐🌟]\x{FE0F}?){1,5}"));
/// "4/5", "4 out of 5", "4 outta 5", "8 op 10", "4 Punkte von 5", "4 étoiles sur 5": a score
/// and its scale, a unit of points or stars between them allowed.
static OUT_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?P<n>\d{1,2}(?:[.,]5)?|one|two|three|four|five|eins|zwei|drei|vier|fünf|un|deux|trois",
        r"|quatre|cinq|uno|dos|tres|cuatro|cinco|een|twee|drie|vijf)\s*",
        r"(?:(?:points?|punkte?|puntos?|punten|pts?|stars?|sterne?n?|étoiles?|estrellas?|sterren)\s*)?",
        r"(?:/|out of|outta|out o'|of|von|sur|aus|de|van de|van|sobre|op|uit",
        // "een 5 op een schaal van 1 tot 5", "a 4 on a scale of 1 to 5".
        r"|(?:op|on|auf|sur|en)\s+(?:een|a|einer|une|una)\s+(?:schaal|scale|skala|échelle|escala)",
        r"\s+(?:van|of|from|von|de)\s+[01]\s*(?:tot|to|bis|à|a|-|–)\s*)\s*",
        r"(?P<d>5|10|five|fünf|cinq|ten|cinco|diez|vijf|tien)(?-u:\b)",
    ))
});

/// Words after "4 out of 5" that make it a share of something, not a score: "4 out of 5
/// people", "1 op 10 mensen", "4 von 5 Kollegen", "le 3 sur 5 mars" (a month).
fn share_of_something(after: &str) -> bool {
    const COUNTED: &[&str] = &[
        "of",
        "van",
        "von",
        "people",
        "persons",
        "colleagues",
        "participants",
        "times",
        "days",
        "mensen",
        "personen",
        "collega",
        "collegas",
        "keer",
        "dagen",
        "leute",
        "kollegen",
        "teilnehmer",
        "mal",
        "tage",
        "personnes",
        "collègues",
        "participants",
        "fois",
        "jours",
        "personas",
        "compañeros",
        "participantes",
        "veces",
        "días",
        "dias",
    ];
    const MONTHS: &[&str] = &[
        "jan", "feb", "fév", "fev", "mär", "mar", "maa", "mrt", "apr", "avr", "abr", "mai", "may",
        "mei", "jun", "jui", "jul", "aug", "aoû", "aou", "ago", "sep", "set", "okt", "oct", "nov",
        "dez", "dec", "déc", "dic",
    ];
    // Only the words right after it on its line: "4 out of 5. Of the topics, ..." is a
    // score, and so is "4/5" above a signature ("Marc", "Julien" are no March or July).
    let after = after.lines().next().unwrap_or_default().trim_start();
    if !after.starts_with(char::is_alphabetic) {
        return false;
    }
    let words: Vec<String> = after
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(2)
        .map(|w| w.to_lowercase().replace('\'', ""))
        .collect();
    let month = |w: &str| w.chars().count() >= 3 && MONTHS.iter().any(|m| w.starts_with(m));
    match words.as_slice() {
        // "el 3 de 5 de mayo": a day of a month.
        [de, next] if de == "de" => month(next),
        [word, ..] => COUNTED.contains(&word.as_str()) || month(word),
        [] => false,
    }
}

static STAR_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?P<n>[1-5]|one|two|three|four|five|eins|zwei|drei|vier|fünf|une|deux|trois|quatre|cinq|una|dos|tres|cuatro|cinco|een|twee|drie|vijf)[\s-]*(?:(?:stars?|sternderl|sterndl|sternchen|sterne?n?|étoiles?|estrellitas|estrellas?|sterretjes|sterren|ster)(?-u:\b)|[★⭐🌟])",
    )
});
static RATE_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:rating|score|rate it|rated it|i'd rate it|i rate it|i'd give it|i would give it",
        r"|i give it|give it|bewertung|bewerte|note|ich gebe (?:ihm |dem treffen |es )?eine|je lui donne",
        r"|je mettrais|je donnerais|évaluation|le doy|le daría|le pondría|le pongo|puntuación",
        r"|puntuacion|valoración|valoracion|calificación|calificacion|le califico|calificaría",
        r"|puntaje|nota|ik geef het|ik zou het|beoordeling|waardering|cijfer)\s*",
        r"(?:is|was|of|:|=|ist|war|est|de|es|fue)?\s*(?:a|an|eine|un|una|een)?\s*(?P<n>[1-5])(?-u:\b)(?:\s*/\s*5)?",
    ))
});

/// "…, a 4." / "un 4" / "een 4" / "Een dikke 8!" / "Insgesamt eine 4.": an article and a
/// score closing a clause, or after a word of summing up (6 to 10 out of ten, as
/// [`GIVE_SCORE`]); or before the verb "give" ("ich würde eine 4 geben", "ik zou het een 4
/// geven"). Nothing else may follow the digit, so "a 4-hour drive" or "a 4 pm call" is not a
/// rating.
static CLAUSE_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)(?-u:\b)(?:eine|een|'ne)\s+(?P<v>10|[1-9])\s+(?:geben|vergeben|geven)(?-u:\b)",
        r"|(?:^|[,:;–—.!?\p{So}]|\s-|(?-u:\b)(?:overall|all in all|insgesamt|alles in allem|unterm strich",
        r"|globalement|au final|en général|en general|en resumen|al met al|alles bij elkaar|kortom))",
        r"\s*(?:(?:easily|definitely|clearly|surely|certainly|absolutely|comfortably|solidly|locker|klar",
        r"|glatt|sicher|definitiv|eindeutig|bestimmt|facilement|clairement|largement|sans hésiter|sans doute",
        r"|franchement|fácilmente|facilmente|claramente|sin duda|tranquilamente|gerust|zeker|duidelijk",
        r"|makkelijk|met gemak|zonder twijfel)\s+)?",
        // "a 4", "a solid 4", and "Solid 4", "Dikke 4!" with the word that grades it.
        r"(?:(?:a|an|un|una|une|een|eine|ein)\s+(?:",
        score_adjectives!(),
        r"\s+)?|",
        score_adjectives!(),
        r"\s+)(?P<n>10|[1-9])",
        r"(?:\s*/\s*5)?\s*(?:[.!)\p{So}]|$|,?\s+",
        because!(),
        r"|\s+(?:for (?:this|that) (?:one|time|session)|this time|pour cette fois|cette fois(?:-ci)?",
        r"|pour (?:cette|la) séance|für heute|diesmal|dieses mal|esta vez|por esta vez|deze keer|voor deze keer",
        r"|voor vandaag|easily|for sure|no doubt|locker|ohne zweifel|sans problème|sans hésiter|sans doute",
        r"|tranqui|tranquilo|tranquila|sin dudas?|fácil|de una|zeker|met gemak|makkelijk)",
        r"\s*(?:[.!)\p{So}]|$))",
    ))
});

/// An article and a score opening a line, then why: "Un 3, la conexión fue fatal", "A 4 –
/// we ran out of time", "Een 4: nuttig".
static OPENING_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?im)^\s*(?:a|an|un|una|une|een|eine|ein)\s+(?P<n>[1-5])\s*[,:;–—]\s*\p{L}")
});

/// A bare score closing the reply, as quick replies from a phone end: "… dans leur
/// formulation. 5 🙂", "… een volgende stap vraagt 👍 4", a last line "4". It stands as a
/// sentence of its own (after a full stop, an emoji or alone on its line), only emoji or a
/// full stop may follow it, and after its line only a sign-off ("Best,", a name). A number
/// inside a sentence ("we met at 5", "Raum 4") is no score.
static CLOSING_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?:^|[.!?]\s+|[\p{So}\p{Sk}\x{FE0F}\x{200D}]\s*)(?P<n>[1-5])",
        r"(?:\s*[.!]|\s*[\p{So}\p{Sk}\x{FE0F}\x{200D}])*\s*$",
    ))
});

/// The score closing the reply ([`CLOSING_SCORE`]), read on its last line that is not a
/// sign-off, after something else of the reply.
fn closing_score(text: &str) -> Option<u8> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).rev();
    // "Best,", "Grace", "Un abrazo, Diego": short lines without a digit after the score.
    let line = lines
        .find(|l| l.chars().any(|c| c.is_ascii_digit()) || l.split_whitespace().count() > 3)?;
    let c = CLOSING_SCORE.captures(line)?;
    // A reply that is a digit alone says nothing of what it scores.
    let alone = c.get(0).is_some_and(|m| m.start() == 0) && lines.next().is_none();
    if alone {
        return None;
    }
    to_rating(score_number(&c["n"])?)
}

/// A keycap digit: "4️⃣".
static KEYCAP: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<n>[1-5])\x{FE0F}?\x{20E3}"));

/// A score given with a verb and closing its clause: "Je mets 5 !", "ich vergebe eine 4",
/// "ik geef het een 8", "le doy un 9", "I'd give it a 4.". A score of 6 to 10 is out of ten
/// and halved (Dutch school grades are out of ten, 10 best: "een 8" is 4); nothing may
/// follow it but the clause's end, so "je mets 5 minutes" is no score.
static GIVE_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:je (?:lui |leur )?(?:mets|mettrais|mettrai|donne|donnerais|donnerai)|j'ai mis",
        r"|ich (?:gebe|vergebe|gäbe)(?: (?:ihm|ihr|dem treffen|dem gespräch|es))?|von mir (?:gibt es|gibt's)",
        r"|i(?:'d| would| will|'ll)? give (?:it|him|her|this one|this|the session)",
        r"|ik geef(?: het| hem| haar| dit| het gesprek)?|ik zou (?:het|hem|haar) (?:een )?",
        r"|(?:ik )?vond (?:het|het gesprek) |(?:yo )?le (?:doy|daría|pongo|pondría)",
        r"|(?:it|that|het|dat) (?:was|is) |c'était |fue |ha sido ",
        // "Would say 3, bit rushed", "I'd say 4.".
        r"|(?:i )?(?:would|'d) say|ich würde sagen|diría|yo diría|ik zou zeggen",
        // "I'd call it a 3".
        r"|(?:i )?(?:would|'d) call it|i call it",
        // Rated with: "ik beoordeel het gesprek met een 4", "ich bewerte es mit einer 4",
        // "j'évalue la séance à 4", "lo califico con un 4", "I'd rate the session a 4".
        r"|ik (?:beoordeel|waardeer)(?: (?:het|hem|haar|dit|het gesprek|de sessie|ons gesprek))? met",
        r"|(?:ich )?bewerte(?: ich)?(?: (?:es|ihn|sie|das treffen|das gespräch|die sitzung|unser treffen))? mit",
        r"|j'(?:évalue|evalue)(?: (?:la séance|cette séance|la session|notre échange|l'échange))? à",
        r"|(?:yo )?(?:(?:lo|la|le) )?(?:califico|calificaría|puntúo|puntuo|valoro|evalúo|evaluo)(?: (?:la sesión|la reunión|el encuentro))? con",
        r"|i(?:'d| would| should| will|'ll)? (?:rate|score) (?:it|the session|the meeting|this one|our session|this session)",
        r")",
        r"\s*(?:(?:a|an|un|une|una|een|eine|einer|ein|'n)\s+)?",
        r"(?:(?:dikke|ruime|mooie|solide|volle|klare|starke|solid|bonne|belle)\s+)?",
        r"(?P<n>10|[1-9]|two|three|four|five|six|seven|eight|nine|ten|zwei|drei|vier|fünf|sechs",
        r"|sieben|acht|neun|zehn|deux|trois|quatre|cinq|sept|huit|neuf|dix|dos|tres|cuatro|cinco",
        r"|seis|siete|ocho|nueve|diez|twee|drie|vijf|zes|zeven|negen|tien)(?-u:\b)",
        r"(?:\s*(?:points?|punkte?|puntos?|punten|puntjes|pts?)(?-u:\b))?\s*(?:[.!),;]|$|\s+",
        because!(),
        r")",
    ))
});

/// A score after a word of judgement and a colon, a dash, a comma or in brackets, closing its
/// clause: "Excellent - 5", "Fand ich super: 5", "zeer nuttig ervaren: 4 punten", "Très utile
/// : 4", "Muy buena sesión – 4", "Prima, 4.", "sehr gut (5)", "Goed: 8" (6 to 10 out of ten,
/// halved). Between the word and the score at most
/// a noun of the meeting or a participle of finding ("ervaren", "gefunden"); after the score
/// nothing but points, a scale, the clause's end or an emoji, so "Great - 5 people came" or
/// "Gut: 2 Stunden" is no rating.
static JUDGED_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)(?-u:\b)(?:excellent|excelente|uitstekend|great|good|very good|super|súper|superb|brilliant",
        r"|fantastic|fantastisch|fantastique|amazing|awesome|perfect|perfekt|parfait|perfecto|useful|helpful",
        r"|valuable|productive|insightful|solid|decent|nice|ok|okay|fine|poor|top|toll|gut|prima|klasse",
        r"|spitze|hilfreich|nützlich|wertvoll|produktiv|spannend|interessant|interesting|intéressant",
        r"|intéressante|interesante|lehrreich|genial|génial|géniale|mittel|mäßig|schlecht|bien|utile|útil",
        r"|enrichissant|enrichissante|instructif|sympa|chouette|moyen|bueno|buena|productivo|productiva",
        r"|regular|estupendo|estupenda|fenomenal|enriquecedor|enriquecedora|goed|nuttig|leerzaam|fijn",
        r"|waardevol|matig|sterk|handig|geweldig|zinvol|slecht)",
        r"(?:\s+(?:session|meeting|chat|talk|conversation|sitzung|treffen|gespräch|austausch|séance|réunion",
        r"|rencontre|échange|sesión|reunión|charla|sessie|gesprek|overleg|ervaren|gevonden|gefunden",
        r"|empfunden|trouvé|trouvée))?",
        r"\s*(?:[:=,(]|\s[-–—]|[–—])\s*(?:(?:a|an|un|une|una|een|eine|ein)\s+)?(?P<n>10|[1-9])",
        r"(?:\s*(?:points?|punkte?|puntos?|punten|puntjes|pts?)(?-u:\b))?(?:\s*/\s*(?:5|10))?",
        r"\s*(?:[.!),;]|$|\p{So})",
    ))
});

/// A German school grade, where 1 is best: said to be one ("Schulnote 2", "eine glatte 1")
/// or named by its noun ("eine Eins", "'ne Zwei"). It is turned round: 1 is 5, 2 is 4, 5
/// and 6 are 1. A German digit otherwise ("ich gebe eine 5", "Bewertung: 4") is read on the
/// program's scale of 1 to 5, 5 best, which the prompt asks for.
static SCHOOL_GRADE: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?:(?-u:\b)schulnote\s*:?\s*(?:eine\s+)?(?P<d>[1-6])|(?-u:\b)(?:eine|'ne)\s+glatte\s+(?P<g>[1-6])",
        r"|(?-u:\b)(?:eine|'ne)\s+(?:glatte\s+)?(?P<w>eins|zwei|drei|vier|fünf|sechs))(?-u:\b)",
    ))
});

/// A score the writer says is theirs, closing its clause: "solid 4 from me 👍", "Von mir
/// eine 4.", "un 4 de ma part", "de mi parte un 4", "een 8 van mij" (6 to 10 out of ten,
/// halved). Said after a clause's start, so "he took 4 from me" is none.
static FROM_ME: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)(?:(?:^|[,:;–—.!?\p{So}]|\s-)\s*(?:(?:a|an|un|une|una|een|eine|ein|'ne)\s+)?",
        r"(?:(?:solid|strong|good|clear|easy|dikke|ruime|solide|klare|starke|gute|glatte|bon|bonne",
        r"|beau|belle|buen|sólido)\s+)?(?P<n>10|[1-9])\s+(?:from me|von mir|de ma part|de mi parte",
        r"|por mi parte|van mij|van mijn kant)",
        r"|(?-u:\b)(?:from me|von mir|de ma part|de mi parte|por mi parte|van mij|van mijn kant)",
        r"\s*[,:]?\s+(?:(?:a|an|un|une|una|een|eine|ein|'ne)\s+)?(?:(?:solid|strong|good|clear",
        r"|easy|dikke|ruime|solide|klare|starke|gute|glatte|bon|bonne|beau|belle|buen|sólido)\s+)?",
        r"(?P<v>10|[1-9]))(?:\s*/\s*(?:5|10))?\s*(?:[.!),;]|$|[\p{So}\p{Sk}\x{FE0F}])",
    ))
});

/// A number a hedged rating weighs or settles on, 1 to 5, a half allowed ("4.5", "4,5").
macro_rules! hedge_number {
    () => {
        concat!(
            r"(?:[1-5](?:[.,]5)?|one|two|three|four|five|zwei|drei|vier|fünf|deux|trois|quatre",
            r"|cinq|dos|tres|cuatro|cinco|twee|drie|vijf)(?-u:\b)",
        )
    };
}

/// The number a hedged rating settles on, after the words that settle it: "3 or 4? going w
/// 4", "four, perhaps four and a half; let us say four", "Rating 3, eher 4 – sagen wir 4",
/// "je dirais 3 ou 4 ; retenons 4", "4.5... pongamos 4", "Rating 3, misschien 4.. doe maar
/// 4". Nothing but a scale, the clause's end or an emoji may follow the number, so "let's say
/// 4 pm" is none; [`settled`] asks for the hedge before it.
static SETTLED: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?im)(?-u:\b)(?:let's\s+say|let\s+us\s+say|lets\s+say|i'd\s+say|i\s+would\s+say|i'll\s+say",
        r"|(?:i'm\s+|i\s+am\s+|i'll\s+|i\s+will\s+)?go(?:ing|nna\s+go)?\s+w(?:ith|/|\.)?|call\s+it",
        r"|make\s+it|(?:i'll\s+)?settle\s+(?:on|for)|settling\s+(?:on|for)|final\s+answer|ich\s+würde\s+sagen",
        r"|sagen\s+wir(?:\s+mal)?|sag(?:e)?\s+ich\s+mal|nehmen\s+wir|ich\s+nehme|(?:ich\s+)?bleib(?:e)?\s+bei",
        r"|ich\s+geh(?:e)?\s+mit|machen\s+wir|mach(?:e)?\s+ich|ich\s+entscheide\s+mich\s+für",
        r"|je\s+dirais|disons|retenons|mettons|va\s+pour|je\s+garde|gardons|je\s+pars\s+sur|partons\s+sur",
        r"|je\s+reste\s+sur|(?:yo\s+)?diría|pongamos|digamos|me\s+quedo\s+con|quedémonos\s+con|vamos\s+con",
        r"|voy\s+con|dejémoslo\s+en|dejemoslo\s+en|lo\s+dejo\s+en|lo\s+dejamos\s+en|quedamos\s+en",
        r"|doe\s+maar|zeg\s+maar|laten\s+we\s+zeggen|zeggen\s+we|(?:we|ik)\s+houd?(?:en)?\s+het\s+op",
        r"|(?:ik\s+)?ga\s+voor|maak\s+er\s+maar|ik\s+kies|ik\s+zou\s+zeggen|dan\s+maar)",
        r"\s*:?\s+(?:(?:a|an|eine|'ne|un|une|una|een|op|bij|en|con|sur|pour|on|for)\s+)?",
        r"(?P<n>",
        hedge_number!(),
        r")(?:\s*/\s*(?:5|10))?\s*(?:[.!…,;)]|$|[\p{So}\p{Sk}\x{FE0F}])",
    ))
});

/// A number weighed: followed by "or", "maybe", a half, or the punctuation of a hedge ("3,",
/// "4.5...", "3 or 4?").
static HEDGED: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?P<n>",
        hedge_number!(),
        r")(?:\s*(?:[?,;:…–—]|\.\.+)|\s+(?:or|oder|ou|o|of|eher|perhaps|maybe|possibly|probably",
        r"|vielleicht|eventuell|peut-être|voire|quizás|quizá|quizas|tal\s+vez|misschien|and\s+a\s+half",
        r"|einhalb|et\s+demi|y\s+medio|en\s+een\s+half)(?-u:\b))",
    ))
});

/// A number and the word after it, to tell a count ("2 or 3 times") from a score.
static NUMBER_AND_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?i)(?-u:\b)(?:\d+(?:[.,]\d+)?|",
        hedge_number!(),
        r")\s+(?P<w>\p{L}+)",
    ))
});

/// The words a score may be followed by in a hedge: an alternative, a doubt, a half, a scale.
const HEDGE_WORDS: &[&str] = &[
    "or",
    "oder",
    "ou",
    "o",
    "of",
    "eher",
    "perhaps",
    "maybe",
    "possibly",
    "probably",
    "vielleicht",
    "eventuell",
    "peut",
    "voire",
    "quizás",
    "quizá",
    "quizas",
    "tal",
    "misschien",
    "and",
    "einhalb",
    "et",
    "y",
    "en",
    "out",
    "von",
    "sur",
    "de",
    "op",
    "uit",
    "sobre",
    "points",
    "point",
    "punkte",
    "puntos",
    "punten",
    "pts",
    "stars",
    "sterne",
    "étoiles",
    "estrellas",
    "sterren",
];

/// Words of a time or a place before a number ("at 3", "um 3", "vers 3", "om 3"): a number
/// weighed after them is no score.
const BEFORE_A_TIME: &[&str] = &[
    "at", "around", "from", "till", "until", "by", "um", "gegen", "ab", "bis", "von", "à", "a",
    "vers", "dès", "de", "las", "la", "desde", "hasta", "om", "rond", "van", "tot", "room", "raum",
    "salle", "sala", "kamer", "floor", "etage", "stock",
];

/// The number a hedged rating settles on ([`SETTLED`]), the last one when it settles more than
/// once. The words before it on its line, back to the sentence before, must weigh a score
/// ([`HEDGED`]) that is no time ("at 3, let's say 4") and no count ("2 or 3 times, let's say
/// 3").
fn settled(text: &str) -> Option<u8> {
    SETTLED
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let line_start = text[..whole.start()].rfind('\n').map_or(0, |p| p + 1);
            let mut from = whole.start().saturating_sub(80).max(line_start);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let mut before = &text[from..whole.start()];
            // Back to the end of the sentence before ("aufsetzt. Rating 3, eher 4 –").
            if let Some(end) = SENTENCE_END.find_iter(before).last() {
                before = &before[end.end()..];
            }
            let weighed = HEDGED.captures_iter(before).find(|h| {
                let Some(n) = h.name("n") else { return false };
                let words: Vec<String> = before[..n.start()]
                    .split(|ch: char| !ch.is_alphanumeric() && ch != '\'')
                    .filter(|w| !w.is_empty())
                    .rev()
                    .take(2)
                    .map(str::to_lowercase)
                    .collect();
                match words.as_slice() {
                    // "I would put it at four": "at" after "it" rates.
                    [at, it, ..] if at == "at" && ["it", "this", "that"].contains(&it.as_str()) => {
                        true
                    }
                    [word, ..] => !BEFORE_A_TIME.contains(&word.as_str()),
                    [] => true,
                }
            })?;
            let after_hedge = &before[weighed.get(0)?.start()..];
            let counted = NUMBER_AND_WORD
                .captures_iter(after_hedge)
                .any(|w| !HEDGE_WORDS.contains(&w["w"].to_lowercase().as_str()));
            if counted {
                return None;
            }
            to_rating(score_number(&c["n"])?)
        })
        .last()
}

/// The end of a sentence: a full stop after a word, then a space.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| re(r"\p{L}[.!]\s"));

/// Articles before a score in a form value ("Rating: a 4", "Cijfer: een 4").
const ARTICLES: &[&str] = &["a", "an", "un", "una", "une", "een", "eine", "ein"];

/// A rating 1 to 5. `bare` also accepts a bare digit or word (a form value). Emoji other than
/// stars ("👍", "🙂") are never a rating: they say the meeting was good, not which of 1 to 5.
pub(super) fn rating(value: &str, bare: bool) -> Option<u8> {
    // A hedge settled ("Rating 3, eher 4 – sagen wir 4") gives its last word.
    if let Some(r) = settled(value) {
        return Some(r);
    }
    // A number stated ("5 sterren ⭐", "rating 4 ★") comes before a count of stars.
    if let Some(r) = stated_rating(value) {
        return r;
    }
    if let Some(m) = STARS.find(value) {
        let stars = m.as_str().chars().filter(|c| *c != '\u{FE0F}').count();
        return u8::try_from(stars).ok();
    }
    if let Some(c) = SCHOOL_GRADE.captures(value) {
        let grade = ["d", "g", "w"]
            .iter()
            .find_map(|g| c.name(g))
            .and_then(|m| score_number(m.as_str()))?;
        return to_rating((6.0 - grade).max(1.0));
    }
    if let Some(c) = [
        &*CLAUSE_SCORE,
        &*GIVE_SCORE,
        &*KEYCAP,
        &*JUDGED_SCORE,
        &*FROM_ME,
        &*OPENING_SCORE,
    ]
    .iter()
    .find_map(|pattern| pattern.captures(value))
    {
        let n = score_number(c.name("n").or(c.name("v"))?.as_str())?;
        return to_rating(if n > 5.0 { n / 2.0 } else { n });
    }
    if !bare && let Some(r) = closing_score(value) {
        return Some(r);
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
        // "sehr gut – 5", "très bien (4)": words, then the score alone at the end.
        let numbers: Vec<&str> = v
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .collect();
        let last = v
            .trim_end_matches(['.', '!', ')', ' '])
            .rsplit([' ', '('])
            .next();
        if let ([n], Some(last)) = (numbers.as_slice(), last)
            && *n == last
        {
            return to_rating(score_number(n)?);
        }
    }
    None
}

/// A rating the text states as a number: "4 out of 5", "4 stars", "rating: 4". `Some(None)`
/// when it states one that is no rating of 1 to 5 ("6 out of 5").
fn stated_rating(value: &str) -> Option<Option<u8>> {
    let scored = OUT_OF.captures_iter(value).find(|c| {
        c.get(0)
            .is_some_and(|m| !share_of_something(&value[m.end()..]))
    });
    if let Some(c) = scored {
        let (Some(n), Some(d)) = (score_number(&c["n"]), score_number(&c["d"])) else {
            return Some(None);
        };
        if n > d {
            return Some(None);
        }
        let scaled = if d > 5.0 { n / 2.0 } else { n };
        return Some(to_rating(scaled));
    }
    [&*STAR_WORDS, &*RATE_PHRASE]
        .iter()
        .find_map(|pattern| pattern.captures(value))
        .map(|c| score_number(&c["n"]).and_then(to_rating))
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
        "six" | "sechs" | "seis" | "zes" => 6,
        "seven" | "sieben" | "sept" | "siete" | "zeven" => 7,
        "eight" | "acht" | "huit" | "ocho" => 8,
        "nine" | "neun" | "neuf" | "nueve" | "negen" => 9,
        "ten" | "zehn" | "dix" | "diez" | "tien" => 10,
        _ => return None,
    };
    Some(f64::from(n))
}

fn to_rating(value: f64) -> Option<u8> {
    let r = value.round();
    (1.0..=5.0).contains(&r).then_some(r as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_in_several_shapes() {
        assert_eq!(rating("★★★★", false), Some(4));
        assert_eq!(rating("4 out of 5", false), Some(4));
        assert_eq!(rating("8/10", false), Some(4));
        assert_eq!(rating("We met.\n\n4/5\n\nMarc", false), Some(4));
        assert_eq!(
            rating(
                "Ik waardeer de sessie met een 5 op een schaal van 1 tot 5.",
                false
            ),
            Some(5)
        );
        assert_eq!(
            rating("I'd put it at 8 on a scale of 1 to 10.", false),
            Some(4)
        );
        assert_eq!(
            rating("I'd call it a 3. Useful, but short.", false),
            Some(3)
        );
        assert_eq!(rating("Wir sprachen.\n8/10\nJulia", false), Some(4));
        assert_eq!(rating("five stars", false), Some(5));
        assert_eq!(rating("4", true), Some(4));
        assert_eq!(rating("4", false), None);
        assert_eq!(rating("****", true), Some(4));
        assert_eq!(rating("7", true), None);
    }

    #[test]
    fn an_article_and_a_score_as_a_sentence_of_their_own_is_a_rating() {
        for (text, want) in [
            ("we covered budgets. un 4!", 4),
            ("Great chat. A 5.", 5),
            ("Sehr hilfreich. Eine 4!", 4),
            ("On a parlé budget. Une 3.", 3),
            ("Goed gesprek! Een 8.", 4),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        // A score must close its sentence: a number of something is no rating.
        for text in [
            "We met at noon. A 4 pm call followed.",
            "Done. Un 4 x 4 en el parking.",
            "Wir sprachen. Eine 4-stündige Fahrt.",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }

    #[test]
    fn a_graded_score_alone_or_a_score_rated_with_in_the_five_languages() {
        for (text, want) in [
            ("Went thru pricing. Solid 4", 4),
            ("Top gesprek. Dikke 4!", 4),
            ("Strong 4.", 4),
            ("I'd give this one a 5, best session so far.", 5),
            ("Ik beoordeel het gesprek met een 4.", 4),
            ("Ik beoordeel het met een 8.", 4),
            ("Ich bewerte es mit einer 4.", 4),
            ("J'évalue la séance à 4.", 4),
            ("Lo califico con un 4.", 4),
            ("I'd rate the session a 4.", 4),
            ("Ik waardeer het gesprek met een 4.", 4),
            ("Would say 3, bit rushed.", 3),
            ("Hoi, we zagen elkaar. Prima, 4.", 4),
            ("Meine Bewertung: sehr gut (5).", 5),
            ("Thanks for the chat. I'd say 4.", 4),
            ("Califico la sesión con un cuatro.", 4),
            ("Good chat.\nUn 3, la conexión fue fatal.", 3),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        for text in [
            "We talked about a good 5 topics.",
            "He has a strong 4 person team.",
            "Ik beoordeel het met een collega.",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }

    #[test]
    fn a_score_out_of_its_scale_in_the_five_languages() {
        for (text, want) in [
            ("Solid session, 4 outta 5.", 4),
            ("4 out of 5. Of the topics, budgets was best", 4),
            ("I'd say 4 points out of 5", 4),
            ("Von mir 4 Punkte von 5", 4),
            ("Je dirais 4 étoiles sur 5", 4),
            ("Le pongo un 3 de 5", 3),
            ("Cijfer: 8 op 10, twee puntjes eraf", 4),
            ("Ik geef het een 4 uit 5", 4),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        // A share of people, or a day of a month, is no score.
        for text in [
            "4 out of 5 people in my team use it",
            "1 op 10 mensen doet dat",
            "4 out of 5 of my colleagues",
            "4 von 5 Kollegen nutzen das",
            "entre el 3 de 5 de mayo",
            "we zagen elkaar van 3 tot 4 op 5 maart",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }

    #[test]
    fn a_score_after_a_word_of_judgement_in_the_five_languages() {
        for (text, want) in [
            ("I will rate it as Excellent - 5.", 5),
            ("Fand ich super: 5", 5),
            ("Sehr hilfreich – 4 😄", 4),
            ("Très utile : 4.", 4),
            ("Muy buena sesión - 4", 4),
            ("Ik heb het als zeer nuttig ervaren: 4 punten.", 4),
            ("Goed: 8!", 4),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        // A count after the colon or dash is no score.
        for text in [
            "Great - 5 people came along",
            "Gut: 2 Stunden, dann Mittag",
            "Super : 3 sujets abordés",
            "Muy bien - 12 personas en el equipo",
            "Goed: 4 punten besproken",
            "Interessant: 3 Themen",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }

    #[test]
    fn a_score_followed_by_its_reason_in_the_five_languages() {
        for (text, want) in [
            ("Un 3, porque nos interrumpieron mil veces.", 3),
            ("Overall a 4 because it ran short.", 4),
            ("Insgesamt eine 4, weil es kurz war.", 4),
            ("Une 3 car on a été interrompus.", 3),
            ("Een 8, omdat het zo concreet was.", 4),
            ("Ik geef het een 4 omdat het kort was", 4),
            ("Ik heb het als zeer nuttig ervaren, ik geef 4 punten.", 4),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        for text in [
            "Somos un equipo de 12 personas porque crecimos.",
            "We were a team of 5 because two left.",
            "Un 3, 4 y 5 de la lista.",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }
    #[test]
    fn an_article_and_a_score_said_with_an_adverb_or_for_this_time_in_the_five_languages() {
        for (text, want) in [
            ("Great chat.\n\nEasily a 5.\n\nBest,\nGrace", 5),
            ("A good 4 for this one.", 4),
            ("Locker eine 5!", 5),
            ("Eine gute 4 für heute.", 4),
            ("Un bon 4 pour cette fois.", 4),
            ("Sans hésiter un 5.", 5),
            ("Fácilmente un 5.", 5),
            ("Un buen 4 esta vez.", 4),
            ("Zeker een 4.", 4),
            ("Een dikke 4 deze keer.", 4),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        for text in [
            "Easily a 5 minute walk from the office.",
            "Un bon 4 heures de route cette fois.",
            "Definitely a 4 pm slot next week.",
            "Eine gute 4 Stunden für heute geplant.",
            "Zeker een 4 keer per jaar.",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }

    #[test]
    fn stars_said_as_a_diminutive_are_a_rating() {
        for (text, want) in [
            ("4 Sterndl 👍", 4),
            ("5 Sternchen", 5),
            ("4 sterretjes", 4),
            ("5 estrellitas", 5),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
    }

    #[test]
    fn a_bare_score_closing_the_reply_in_the_five_languages() {
        for (text, want) in [
            (
                "Vu Margaret ce matin, 35 minutes. On a relu deux offres. 5 🙂",
                5,
            ),
            (
                "koffie gedaan met bram, 25 min. over loopbaanplanning 👍 4",
                4,
            ),
            (
                "Met Sam yesterday for an hour, budgets.\n4\n\nCheers,\nSam",
                4,
            ),
            ("Heute mit Lukas telefoniert, 35 Minuten. 4 👍", 4),
            ("Hablamos ayer una hora. 5.\nDiego", 5),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        for text in [
            "We met on Monday and will meet again at 5",
            "Wir haben uns in Raum 4",
            "On s'est vus lundi. Prochaine séance à 3",
            "Nos vimos el lunes. Somos 5 en el equipo.",
            "We spraken maandag, kamer 2.4",
            "We met on Monday. 45",
            "Met on Monday. 4 pm works next time.",
            "We met on Monday. 4\nBy the way, I moved to floor 3 and the canteen is closed",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }

    #[test]
    fn a_hedged_rating_gives_the_number_it_settles_on_in_the_five_languages() {
        for (text, want) in [
            ("Didnt time it soz. Rating... 3 or 4? going w 4", 4),
            (
                "I would put it at four, perhaps four and a half; let us say four.",
                4,
            ),
            ("Good chat. 3 or 4, let's say 3 🙂", 3),
            ("Rating 3, eher 4 – sagen wir 4 👍", 4),
            ("Gutes Gespräch. 4 oder 5? Ich nehme 5.", 5),
            ("Bonne séance, je dirais 3 ou 4 ; retenons 4.", 4),
            ("Note : 4, voire 5... disons 4", 4),
            ("cuando suben precios. 4.5... pongamos 4", 4),
            ("Un 3 o un 4, digamos 4.", 4),
            ("Rating 3, misschien 4.. doe maar 4", 4),
            ("Een 4 of 5? Zeg maar 5!", 5),
            // The last settled number wins.
            ("3 or 4? let's say 3. Hmm, 3 or 4... going with 4", 4),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        // A time, a count or a plan is no hedged score.
        for text in [
            "Shall we meet at 3, or let's say 4.",
            "We met 2 or 3 times, let's say 3.",
            "Wir treffen uns um 3, sagen wir 4.",
            "On se voit vers 3, disons 4.",
            "Quedamos a las 3, pongamos 4.",
            "We zien elkaar om 3, zeg maar 4.",
            "Ze hebben 2 of 3 teams, zeg maar 3.",
            "Let's say 4 pm next week.",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }

    #[test]
    fn a_score_the_writer_says_is_theirs_in_the_five_languages() {
        for (text, want) in [
            ("They work remotely. solid 4 from me 👍", 4),
            ("Sehr hilfreich. Von mir eine 4.", 4),
            ("Très utile. Un 4 de ma part !", 4),
            ("Muy útil, de mi parte un 5.", 5),
            ("Erg nuttig. Een 8 van mij!", 4),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        for text in [
            "He took 4 from me for the raffle.",
            "Sie hat 3 von mir bekommen, die Folien.",
            "Van mij een 4 uur durende sessie verwacht.",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }

    #[test]
    fn an_article_and_a_score_after_an_emoji_or_with_an_easy_in_the_five_languages() {
        for (text, want) in [
            ("me re ayudó a pensar 🙌 un 4 tranqui", 4),
            ("He helped a lot 🙌 a 5 easily", 5),
            ("Hat echt geholfen 👍 eine 4 locker", 4),
            ("Super échange 👍 un 4 sans hésiter", 4),
            ("Top gesprek 👍 een 4 met gemak", 4),
        ] {
            assert_eq!(rating(text, false), Some(want), "{text}");
        }
        for text in [
            "Nos vimos 🙌 un 4 de julio",
            "Great 🙌 a 5 minute walk easily",
        ] {
            assert_eq!(rating(text, false), None, "{text}");
        }
    }
}
