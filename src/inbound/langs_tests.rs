//! The table of issue 15: Spanish and Dutch replies, durations in paraphrase and ratings in
//! words and symbols, read end to end by `extract`, `when` and `classify`. Each row is what a
//! careful reader gets from the text; `None` is a phrase that must stay unread.

use chrono::NaiveDate;

use super::classify::{ClassifyContext, Verdict, classify};
use super::extract::{ExtractContext, Session, Vocabulary, extract};
use super::parse::{Limits, parse};
use super::when::{DateContext, Direction, find_dates, find_durations};

/// Thursday 12 November 2026.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 12).unwrap()
}

fn session(text: &str) -> Session {
    let v = Vocabulary::new(["negotiation", "ai tools"], &[]);
    let ctx = ExtractContext {
        today: today(),
        month_first: false,
        since: None,
        vocabulary: &v,
    };
    extract(text, &ctx).session
}

fn date(text: &str) -> Option<String> {
    let ctx = DateContext {
        today: today(),
        month_first: false,
        direction: Direction::Past,
        french: false,
        since: None,
    };
    find_dates(text, &ctx).first().map(|d| d.date.to_string())
}

fn minutes(text: &str) -> Option<String> {
    find_durations(text).first().map(|d| d.minutes.to_string())
}

fn met(text: &str) -> Option<String> {
    let s = session(text);
    s.met.map(|m| {
        let when = s.date.map_or(String::new(), |d| format!(" {d}"));
        let long = s.minutes.map_or(String::new(), |m| format!(" {m}min"));
        format!("{m}{when}{long}")
    })
}

/// The meeting's day `extract` reads, whether or not it read that they met.
fn day(text: &str) -> Option<String> {
    session(text).date.map(|d| d.to_string())
}

fn rating(text: &str) -> Option<String> {
    session(text).rating.map(|r| r.to_string())
}

fn out_of_office(subject: &str) -> Option<String> {
    let raw =
        format!("From: Tom <tom@acme.example>\nTo: m@acme.example\nSubject: {subject}\n\nHola.\n");
    let parsed = parse(raw.as_bytes(), &Limits::default()).unwrap();
    match classify(&parsed, &ClassifyContext::default()) {
        Verdict::AutoReply { .. } => Some("auto".to_string()),
        _ => None,
    }
}

type Row = (
    fn(&str) -> Option<String>,
    &'static str,
    Option<&'static str>,
);

const TABLE: &[Row] = &[
    // 1. Spanish and Dutch: met or not, with the day and the length.
    (met, "Nos reunimos ayer.", Some("true 2026-11-11")),
    (met, "No nos hemos visto esta semana.", Some("false")),
    (
        met,
        "We hebben elkaar gisteren gesproken.",
        Some("true 2026-11-11"),
    ),
    (
        met,
        "We hebben elkaar gisteren gezien.",
        Some("true 2026-11-11"),
    ),
    (met, "We zijn deze week niet afgesproken.", Some("false")),
    (
        met,
        "Nos vimos el martes pasado, fue muy útil.",
        Some("true 2026-11-10"),
    ),
    (
        met,
        "Hablamos el martes durante una hora y media.",
        Some("true 2026-11-10 90min"),
    ),
    (
        met,
        "Tuvimos una reunión muy buena ayer.",
        Some("true 2026-11-11"),
    ),
    (met, "No pudimos vernos, se canceló.", Some("false")),
    (
        met,
        "We hebben afgelopen dinsdag anderhalf uur gepraat.",
        Some("true 2026-11-10 90min"),
    ),
    (met, "Helaas is het deze week niet gelukt.", Some("false")),
    (met, "De afspraak is afgezegd.", Some("false")),
    (met, "We spreken elkaar volgende week dinsdag.", None),
    (met, "La próxima vez nos vemos el martes.", None),
    (
        met,
        "We hadden gisteren een goed gesprek.",
        Some("true 2026-11-11"),
    ),
    (met, "Ik heb het rapport gezien.", None),
    (met, "Nos vemos el martes.", None),
    (met, "Hablamos luego.", None),
    (
        met,
        "Notre rendez-vous a été annulé, Paul était en déplacement.",
        Some("false"),
    ),
    // Dates and weekdays.
    (date, "el martes", Some("2026-11-10")),
    (date, "el martes pasado", Some("2026-11-10")),
    (date, "ayer", Some("2026-11-11")),
    (date, "anteayer", Some("2026-11-10")),
    (date, "hace dos días", Some("2026-11-10")),
    (date, "el miércoles", Some("2026-11-11")),
    (date, "el sábado", Some("2026-11-07")),
    (date, "16 de febrero", Some("2026-02-16")),
    (date, "16 de febrero de 2026", Some("2026-02-16")),
    (date, "dinsdag", Some("2026-11-10")),
    (date, "afgelopen dinsdag", Some("2026-11-10")),
    (date, "vorige donderdag", Some("2026-11-05")),
    (date, "gisteren", Some("2026-11-11")),
    (date, "eergisteren", Some("2026-11-10")),
    (date, "twee dagen geleden", Some("2026-11-10")),
    (date, "16 februari", Some("2026-02-16")),
    (date, "3 maart", Some("2026-03-03")),
    (date, "mañana", None),
    // Durations in Spanish and Dutch.
    (minutes, "una hora y media", Some("90")),
    (minutes, "hora y media", Some("90")),
    (minutes, "45 minutos", Some("45")),
    (minutes, "media hora", Some("30")),
    (minutes, "un cuarto de hora", Some("15")),
    (minutes, "una hora", Some("60")),
    (minutes, "dos horas", Some("120")),
    (minutes, "1,5 horas", Some("90")),
    (minutes, "anderhalf uur", Some("90")),
    (minutes, "45 minuten", Some("45")),
    (minutes, "een kwartier", Some("15")),
    (minutes, "drie kwartier", Some("45")),
    (minutes, "een half uur", Some("30")),
    (minutes, "een uur", Some("60")),
    (minutes, "1,5 uur", Some("90")),
    (minutes, "we spraken om 3 uur", None),
    (minutes, "om twee uur", None),
    // 2. Durations in paraphrase, in five languages.
    (minutes, "an hour and a quarter", Some("75")),
    (minutes, "hour and a half", Some("90")),
    (minutes, "two and a half hours", Some("150")),
    (minutes, "1.5h", Some("90")),
    (minutes, "1,5 Stunden", Some("90")),
    (minutes, "90 mins", Some("90")),
    (minutes, "half an hour", Some("30")),
    (minutes, "we talked for 45'", Some("45")),
    (minutes, "40-50 min", Some("45")),
    (minutes, "40 to 50 minutes", Some("45")),
    (minutes, "zweieinhalb Stunden", Some("150")),
    (minutes, "eine Stunde und eine Viertelstunde", Some("75")),
    (minutes, "eine Dreiviertelstunde", Some("45")),
    (minutes, "40 bis 50 Minuten", Some("45")),
    (minutes, "une heure et quart", Some("75")),
    (minutes, "deux heures et demie", Some("150")),
    (minutes, "40 à 50 minutes", Some("45")),
    (minutes, "una hora y cuarto", Some("75")),
    (minutes, "dos horas y media", Some("150")),
    (minutes, "40 a 50 minutos", Some("45")),
    (minutes, "een uur en een kwartier", Some("75")),
    (minutes, "40 tot 50 minuten", Some("45")),
    (minutes, "a while", None),
    // 3. Ratings in words and symbols.
    (rating, "We met, pretty good, a 4.", Some("4")),
    (rating, "4/5", Some("4")),
    (rating, "★★★★☆", Some("4")),
    (rating, "⭐⭐⭐⭐", Some("4")),
    (rating, "👍", None),
    (rating, "four out of five", Some("4")),
    (rating, "vier von fünf", Some("4")),
    (rating, "4 de 5", Some("4")),
    (rating, "cuatro de cinco", Some("4")),
    (rating, "Muy útil, le doy un 4.", Some("4")),
    (rating, "4 estrellas", Some("4")),
    (rating, "4 van de 5", Some("4")),
    (rating, "vier van de vijf", Some("4")),
    (rating, "Ik geef het een 4.", Some("4")),
    (rating, "4 sterren", Some("4")),
    (rating, "Rating: a 4", Some("4")),
    (rating, "Note : un 4", Some("4")),
    (rating, "we met at 4", None),
    (rating, "a 4-hour drive", None),
    // A number stated before a count of stars: one emoji star is no rating of 1.
    (rating, "5 sterren ⭐", Some("5")),
    (rating, "4 ⭐", Some("4")),
    (rating, "Bewertung: 4 ⭐", Some("4")),
    (rating, "Je lui donne 4 ⭐⭐⭐⭐", Some("4")),
    (rating, "Calificación 4.", Some("4")),
    (rating, "Score: 3", Some("3")),
    (
        rating,
        "Wir haben zwei Stunden gesprochen ⭐⭐⭐⭐",
        Some("4"),
    ),
    (rating, "Ich gebe 3 Beispiele", None),
    // The form's labels in Spanish and Dutch.
    (
        met,
        "Reunión: sí\nFecha: ayer\nDuración: 45 minutos",
        Some("true 2026-11-11 45min"),
    ),
    (
        met,
        "Gesproken: ja\nDatum: gisteren\nDuur: anderhalf uur",
        Some("true 2026-11-11 90min"),
    ),
    (met, "Gesproken: nee", Some("false")),
    (rating, "Valoración: 4", Some("4")),
    (rating, "Puntuación: un 4", Some("4")),
    (rating, "Beoordeling: 4", Some("4")),
    (rating, "Cijfer: een 4", Some("4")),
    // Out of office.
    (out_of_office, "Estoy fuera de la oficina", Some("auto")),
    (out_of_office, "Ik ben afwezig", Some("auto")),
    (out_of_office, "Met vakantie tot 1 december", Some("auto")),
    (out_of_office, "Ik ben met vakantie", Some("auto")),
    (out_of_office, "De vacaciones hasta el lunes", Some("auto")),
    (out_of_office, "Re: hoe ging het", None),
];

/// Reads every row of `table` and fails listing the rows read otherwise than they say.
fn assert_table(name: &str, table: &[Row]) {
    let mut wrong = Vec::new();
    for (read, text, want) in table {
        let got = read(text);
        if got.as_deref() != *want {
            wrong.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    eprintln!(
        "{name}: {} of {} right\n{}",
        table.len() - wrong.len(),
        table.len(),
        wrong.join("\n")
    );
    assert!(wrong.is_empty(), "{} rows read wrong", wrong.len());
}

#[test]
fn spanish_dutch_paraphrased_durations_and_ratings_are_read_as_the_table_says() {
    assert_table("langs table", TABLE);
}

/// The example program's topics, and the built-in paraphrases that reach them.
fn topics(text: &str, synonyms: &[(&str, &str)]) -> Option<Vec<String>> {
    let synonyms: Vec<(String, String)> = synonyms
        .iter()
        .map(|(a, c)| (a.to_string(), c.to_string()))
        .collect();
    let v = Vocabulary::new(
        [
            "ai tools",
            "budgeting",
            "negotiation",
            "social media",
            "personal branding",
            "public speaking",
            "leading teams",
            "strategy",
        ],
        &synonyms,
    );
    let ctx = ExtractContext {
        today: today(),
        month_first: false,
        since: None,
        vocabulary: &v,
    };
    extract(text, &ctx).session.topics
}

#[test]
fn topics_through_paraphrase_and_the_five_languages() {
    let one = |t: &str| Some(vec![t.to_string()]);
    for (text, want) in [
        ("We met; she showed me how to use ChatGPT.", one("ai tools")),
        (
            "We met and went through our budget process.",
            one("budgeting"),
        ),
        ("We met to compare our strategies.", one("strategy")),
        ("We met and practised negotiating.", one("negotiation")),
        (
            "We met and worked on my LinkedIn profile.",
            one("personal branding"),
        ),
        (
            "We met and looked at LinkedIn and TikTok.",
            one("social media"),
        ),
        (
            "Wir haben uns getroffen: KI-Tools und Budgetplanung.",
            Some(vec!["ai tools".into(), "budgeting".into()]),
        ),
        (
            "Wir haben uns getroffen, Thema Verhandlungsführung.",
            one("negotiation"),
        ),
        ("On s'est vus pour parler de l'IA.", one("ai tools")),
        (
            "On s'est vus : prise de parole en public.",
            one("public speaking"),
        ),
        (
            "Nos reunimos y hablamos de redes sociales.",
            one("social media"),
        ),
        (
            "Nos reunimos para hablar del presupuesto.",
            one("budgeting"),
        ),
        (
            "We hebben gesproken over leidinggeven.",
            one("leading teams"),
        ),
        (
            "We hebben gesproken over onderhandelen.",
            one("negotiation"),
        ),
        // "j'ai" is not AI; a video call is no topic.
        ("On s'est vus, j'ai beaucoup appris.", None),
        ("We met on a video call.", None),
    ] {
        assert_eq!(topics(text, &[]), want, "{text}");
    }
    // HR's synonyms add to the built-in table, for topics and paraphrases alike.
    assert_eq!(
        topics(
            "We met and did a Miro workshop.",
            &[("miro workshop", "strategy")]
        ),
        one("strategy")
    );
    assert_eq!(
        topics(
            "Wir haben uns getroffen, Thema: mein Gehaltsgespräch.",
            &[("gehaltsgespräch", "negotiation")]
        ),
        one("negotiation")
    );
}

#[test]
fn a_meeting_after_a_cancellation_in_the_five_languages() {
    // Monday 16 November 2026: Friday is the 13th.
    let v = Vocabulary::default();
    let ctx = ExtractContext {
        today: NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
        month_first: false,
        since: NaiveDate::from_ymd_opt(2026, 11, 2),
        vocabulary: &v,
    };
    for text in [
        "Cancelled, then met on Friday.",
        "We had to cancel on Tuesday and then met on Friday.",
        "Abgesagt, dann am Freitag getroffen.",
        "Annulé, puis on s'est vus vendredi.",
        "Cancelamos el martes, luego nos reunimos el viernes.",
        "Afgezegd, daarna hebben we elkaar vrijdag gezien.",
    ] {
        let s = extract(text, &ctx).session;
        assert_eq!(s.met, Some(true), "{text}");
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2026, 11, 13), "{text}");
    }
    let s = extract("Cancelled, then rescheduled to Friday.", &ctx).session;
    assert_eq!(s.met, Some(false));
}

/// "Did we meet", read by `extract` in the five languages: "not yet" as the answer,
/// cancellations, a meeting after a cancellation (its day and length, not the cancelled
/// one's), a meeting named with whom, and typographic apostrophes. Thursday 12 November
/// 2026: Monday is the 9th, Tuesday the 10th.
const MEETINGS: &[(&str, Option<&str>)] = &[
    // Not met.
    (
        "We didn’t get to meet this week, she was ill.",
        Some("false"),
    ),
    ("Not yet – we’re booked in for Monday.", Some("false")),
    ("No, not yet.", Some("false")),
    (
        "No meeting since my last email, he has been on leave.",
        Some("false"),
    ),
    ("We’ve cancelled twice now, my fault.", Some("false")),
    (
        "We cancelled on Monday and cancelled again on Tuesday.",
        Some("false"),
    ),
    ("We haven’t met with her yet.", Some("false")),
    ("Noch nicht, wir treffen uns erst am Montag.", Some("false")),
    ("Der Termin fiel leider aus.", Some("false")),
    ("Wir konnten uns diese Woche nicht treffen.", Some("false")),
    ("Wir mussten den Termin absagen.", Some("false")),
    ("Pas encore, on se voit jeudi.", Some("false")),
    ("Notre créneau de mardi a sauté.", Some("false")),
    ("On n’a pas pu se voir cette semaine.", Some("false")),
    ("Le rendez-vous est tombé à l’eau.", Some("false")),
    ("Todavía no, hemos quedado el jueves.", Some("false")),
    ("Aún no.", Some("false")),
    ("No nos pudimos ver esta semana.", Some("false")),
    ("No se pudo, estuvo de viaje.", Some("false")),
    ("Nog niet, we spreken donderdag af.", Some("false")),
    ("Het gesprek ging helaas niet door.", Some("false")),
    ("We moesten het afzeggen.", Some("false")),
    // Met after a cancellation: the day and the length of the meeting that happened.
    (
        "Our Monday slot got cancelled, but we ended up meeting on Tuesday for 45 minutes.",
        Some("true 2026-11-10 45min"),
    ),
    (
        "Monday’s 30-minute call was cancelled and we met for an hour on Tuesday instead.",
        Some("true 2026-11-10 60min"),
    ),
    (
        "Der Termin am Montag ist ausgefallen, wir haben uns dann aber am Dienstag eine Stunde zusammengesetzt.",
        Some("true 2026-11-10 60min"),
    ),
    (
        "Le créneau de lundi a sauté, mais on s’est finalement vus mardi pendant une heure.",
        Some("true 2026-11-10 60min"),
    ),
    (
        "La reunión del lunes se canceló, pero al final nos vimos el martes durante una hora.",
        Some("true 2026-11-10 60min"),
    ),
    (
        "De afspraak van maandag werd afgezegd, maar we hebben elkaar dinsdag een uur gesproken.",
        Some("true 2026-11-10 60min"),
    ),
    // A meeting named with whom is a report; one to come is not.
    ("Meeting with Sam on Tuesday.", Some("true 2026-11-10")),
    ("Treffen mit Lea am Dienstag.", Some("true 2026-11-10")),
    (
        "Bonjour, rencontre avec Camille mardi.",
        Some("true 2026-11-10"),
    ),
    ("Reunión con Diego el martes.", Some("true 2026-11-10")),
    ("Gesprek met Bram op dinsdag.", Some("true 2026-11-10")),
    ("Meeting with Sam next Tuesday.", None),
    ("Lunch with the team today, busy week.", None),
    // "Not yet" inside a sentence is not the answer.
    (
        "The topics are not yet decided, but we met on Tuesday.",
        Some("true 2026-11-10"),
    ),
];

#[test]
fn did_we_meet_is_read_as_the_table_says_in_the_five_languages() {
    let wrong: Vec<String> = MEETINGS
        .iter()
        .filter_map(|(text, want)| {
            let got = met(text);
            (got.as_deref() != *want).then(|| format!("{text:?}: got {got:?}, want {want:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} rows read wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Issue 15, fresh-1: whole families of phrasing the tuning batch did not have, in the five
/// languages, with phrases that must stay unread.
const FRESH: &[Row] = &[
    // A report that opens on a participle of meeting, after a word or two of when.
    (
        met,
        "Dinsdag gesproken, heel fijn.",
        Some("true 2026-11-10"),
    ),
    (
        met,
        "Gisteren gezien in de kantine.",
        Some("true 2026-11-11"),
    ),
    (met, "Gestern kurz telefoniert.", Some("true 2026-11-11")),
    (met, "Vus mardi, très utile.", Some("true 2026-11-10")),
    (
        met,
        "Hola, ayer reunidos en la cafetería.",
        Some("true 2026-11-11"),
    ),
    (met, "Spoke Tuesday, very useful.", Some("true 2026-11-10")),
    // "Sam and I": the subject is a name and "I".
    (
        met,
        "Marc et moi avons échangé mardi.",
        Some("true 2026-11-10"),
    ),
    (
        met,
        "Camille et moi nous sommes vues lundi.",
        Some("true 2026-11-09"),
    ),
    (
        met,
        "Lea und ich haben gestern telefoniert.",
        Some("true 2026-11-11"),
    ),
    (
        met,
        "Sanne en ik spraken gisteren.",
        Some("true 2026-11-11"),
    ),
    // Not met: it did not come about, no chance, no time, not yet, in the five languages.
    (
        met,
        "Zu einem Treffen ist es diesmal nicht gekommen.",
        Some("false"),
    ),
    (met, "Das Treffen kam leider nicht zustande.", Some("false")),
    (met, "Wir hatten noch keine Zeit.", Some("false")),
    (met, "Pas encore eu l'occasion de se voir.", Some("false")),
    (met, "On n'a toujours pas trouvé de créneau.", Some("false")),
    (met, "We haven't had a chance to meet yet.", Some("false")),
    (
        met,
        "I haven't had the time this week, sorry.",
        Some("false"),
    ),
    (met, "No hemos tenido tiempo esta semana.", Some("false")),
    (met, "Todavía no hemos encontrado un hueco.", Some("false")),
    (met, "Nog geen kans gehad om af te spreken.", Some("false")),
    (met, "Er nog niet aan toegekomen.", Some("false")),
    (met, "Nog niet gebeld.", Some("false")),
    (met, "Not met yet.", Some("false")),
    (met, "Pas encore vus.", Some("false")),
    // Must stay unread: a "met" that is "with", a "gezien" that is "given", a "seen".
    (met, "Alles goed met jou?", None),
    (met, "Gezien de drukte houden we het kort.", None),
    (met, "Das habe ich so noch nie gesehen.", None),
    (met, "I have never seen such a tool.", None),
    (
        met,
        "Camille était en congé, donc rien cette fois.",
        Some("false"),
    ),
    (met, "Nichts diese Woche, ich war krank.", Some("false")),
    (met, "Nada esta semana, estuve de viaje.", Some("false")),
    // Went out together.
    (
        met,
        "We went for coffee on Monday.",
        Some("true 2026-11-09"),
    ),
    (
        met,
        "Am Montag sind wir zusammen essen gegangen.",
        Some("true 2026-11-09"),
    ),
    (
        met,
        "Lundi, on est allés déjeuner.",
        Some("true 2026-11-09"),
    ),
    (
        met,
        "El lunes fuimos a comer juntos.",
        Some("true 2026-11-09"),
    ),
    (
        met,
        "We zijn maandag bij elkaar gaan zitten.",
        Some("true 2026-11-09"),
    ),
    // A bare yes or no as the reply's first word, after at most a greeting.
    (met, "Yep, Monday.", Some("true 2026-11-09")),
    (
        met,
        "Hallo Noah,\n\nja, am Montag.",
        Some("true 2026-11-09"),
    ),
    (met, "Oui, lundi midi.", Some("true 2026-11-09")),
    (met, "Sí, el lunes.", Some("true 2026-11-09")),
    (met, "Ja, maandag.", Some("true 2026-11-09")),
    (met, "Sadly no – Sam was on leave.", Some("false")),
    (met, "Leider nein, Lea war im Urlaub.", Some("false")),
    (
        met,
        "Malheureusement non, Sophie était en congé.",
        Some("false"),
    ),
    (
        met,
        "Lamentablemente no, Javier estaba de vacaciones.",
        Some("false"),
    ),
    (met, "Helaas niet, Bram was op vakantie.", Some("false")),
    // The statement after it decides; a yes to what is to come is not a meeting.
    (met, "No, but we met on Tuesday.", Some("true 2026-11-10")),
    (met, "Ja, wir treffen uns am Freitag.", None),
    (met, "Yes please, could you resend the form?", None),
    (met, "Yes, thanks!", None),
    (met, "No, thanks.", None),
    (met, "Nein, danke für die Erinnerung.", None),
    (met, "Non merci.", None),
    (met, "We talked about it, yes.", Some("true")),
    // Took place, or was left out this round.
    (
        met,
        "Unser Austausch fand am Montag statt.",
        Some("true 2026-11-09"),
    ),
    (
        met,
        "Notre échange a eu lieu lundi.",
        Some("true 2026-11-09"),
    ),
    (
        met,
        "La reunión tuvo lugar el lunes.",
        Some("true 2026-11-09"),
    ),
    (
        met,
        "Het gesprek vond maandag plaats.",
        Some("true 2026-11-09"),
    ),
    (met, "Das Treffen hat nicht stattgefunden.", Some("false")),
    (met, "La réunion n'a pas eu lieu.", Some("false")),
    (met, "La reunión no tuvo lugar.", Some("false")),
    (met, "Het gesprek vond niet plaats.", Some("false")),
    (met, "Diesmal ausgelassen.", Some("false")),
    (met, "On a fait l'impasse cette fois.", Some("false")),
    (met, "Esta vez nos lo saltamos.", Some("false")),
    (met, "Deze ronde overgeslagen.", Some("false")),
    // A day planned is no meeting's day, in the five languages.
    (day, "Planned for Tuesday morning.", None),
    (day, "We agreed to meet on Tuesday.", None),
    (day, "I scheduled our meeting for Tuesday.", None),
    (day, "Wir haben für Dienstag einen Termin vereinbart.", None),
    (day, "Gespräch ist für Dienstag angesetzt.", None),
    (day, "Nous avons fixé un rendez-vous mardi.", None),
    (day, "Mardi matin, on se parle.", None),
    (day, "Hemos fijado una reunión para el martes.", None),
    (day, "We hebben dinsdag een afspraak gemaakt.", None),
    (day, "Dinsdag spreken we af.", None),
    // A score given with a verb; 6 to 10 is out of ten.
    (rating, "Je mets 5 !", Some("5")),
    (rating, "Je lui donne 4.", Some("4")),
    (rating, "Ich vergebe eine 4.", Some("4")),
    (rating, "Ik geef het een 8.", Some("4")),
    (rating, "Ik vond het een 7.", Some("4")),
    (rating, "Le doy un 9.", Some("5")),
    (rating, "I'd give it a 4.", Some("4")),
    // German school grades, 1 best, only when said to be one.
    (rating, "Von mir eine glatte 1!", Some("5")),
    (rating, "Ich gebe ihm eine Zwei.", Some("4")),
    (rating, "Schulnote 2", Some("4")),
    // Star emoji with the variation selector; a hollow star is no star.
    (rating, "Super ⭐️⭐️⭐️⭐️", Some("4")),
    (rating, "★★★☆☆", Some("3")),
    // The form: words, then the score.
    (rating, "Bewertung 1-5: sehr gut – 5", Some("5")),
    (rating, "Note : très bien (4)", Some("4")),
    (rating, "Cijfer: prima, 4", Some("4")),
    (rating, "Valoración: muy bien, 5.", Some("5")),
    (rating, "Een 9!", Some("5")),
    (rating, "Nos vimos, fue un 10!", Some("5")),
    (rating, "Top 4️⃣", Some("4")),
    // A score before the verb "give", or after a word of summing up.
    (rating, "Ich würde eine 4 geben.", Some("4")),
    (rating, "Ik zou het een 8 geven.", Some("4")),
    (rating, "Insgesamt eine 4.", Some("4")),
    (rating, "Al met al een 4.", Some("4")),
    (rating, "Overall: 4", Some("4")),
    (rating, "Gesamt: 5", Some("5")),
    (rating, "En general: 4", Some("4")),
    (rating, "Note globale : 4", Some("4")),
    (rating, "Overall: a really useful session", None),
    // Must stay unread.
    (rating, "Je donne 2 exemples.", None),
    (rating, "Je mets 5 minutes de côté pour ça.", None),
    (rating, "Ich gebe 2 Tipps weiter.", None),
    (rating, "Ik geef het een kans.", None),
    (rating, "Ik geef het een 11.", None),
    (rating, "It was a 10 minute call.", None),
    (rating, "Rating: after 20 minutes – 5", None),
];

#[test]
fn fresh_phrasings_of_meeting_and_rating_are_read_as_the_table_says() {
    assert_table("fresh phrasings", FRESH);
}

#[test]
fn a_sentence_after_the_topics_label_gives_the_topics_it_names() {
    let list = |t: &[&str]| Some(t.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    for (text, want) in [
        (
            "Topics: she showed me how she uses ChatGPT for slides, and I explained how I prepare a negotiation",
            list(&["ai tools", "negotiation"]),
        ),
        (
            "Themen: Noah hat mir gezeigt, wie er ChatGPT nutzt; ich habe ihm erklärt, wie ich eine Verhandlung vorbereite",
            list(&["ai tools", "negotiation"]),
        ),
        (
            "Sujets : il m'a montré comment il utilise ChatGPT, puis on a parlé de négociation",
            list(&["ai tools", "negotiation"]),
        ),
        (
            "Temas: cómo Javier prepara una negociación y cómo usa ChatGPT",
            list(&["negotiation", "ai tools"]),
        ),
        (
            "Onderwerpen: hoe ze ChatGPT gebruikt bij haar werk",
            list(&["ai tools"]),
        ),
        // A short list item that names something is kept as written.
        (
            "Topics: budgets, Excel macros",
            list(&["budgeting", "excel macros"]),
        ),
        (
            "Themen: Zeitmanagement, ChatGPT",
            list(&["zeitmanagement", "ai tools"]),
        ),
        // A sentence naming no topic is no topic; neither is a piece of one.
        (
            "Topics: how he runs his weekly team meeting with remote people",
            None,
        ),
        ("Themen: ich habe ihm erklärt", None),
        ("Temas: cómo Javier lidera a su gente", None),
        // What they will cover next is not what they covered.
        (
            "Themen: ChatGPT; nächstes Mal Verhandlung",
            list(&["ai tools"]),
        ),
        (
            "Sujets : ChatGPT, la prochaine fois la négociation",
            list(&["ai tools"]),
        ),
        (
            "Topics: negotiation, project planning",
            list(&["negotiation", "project planning"]),
        ),
        (
            "Themen: Budgetplanung fürs nächste Jahr",
            list(&["budgeting"]),
        ),
    ] {
        assert_eq!(topics(text, &[]), want, "{text}");
    }
}
