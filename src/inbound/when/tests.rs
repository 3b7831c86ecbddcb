use super::*;

/// Thursday 12 November 2026.
fn ctx() -> DateContext {
    DateContext {
        today: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
        month_first: false,
        direction: Direction::Past,
        french: false,
        since: None,
    }
}

fn first(text: &str, ctx: &DateContext) -> Option<String> {
    find_dates(text, ctx).first().map(|m| m.date.to_string())
}

#[test]
fn absolute_dates_in_common_formats() {
    let c = ctx();
    for (text, want) in [
        ("we met on 2026-11-10", "2026-11-10"),
        ("on 10/11/2026", "2026-11-10"),
        ("am 10.11.2026", "2026-11-10"),
        ("am 10.11. um 14 Uhr", "2026-11-10"),
        ("Tuesday 10 Nov", "2026-11-10"),
        ("on the 10th of November", "2026-11-10"),
        ("November 10th", "2026-11-10"),
        ("le 10 novembre", "2026-11-10"),
        ("am 10. November", "2026-11-10"),
        ("Dec 3", "2025-12-03"),
    ] {
        assert_eq!(first(text, &c).as_deref(), Some(want), "{text}");
    }
}

#[test]
fn month_first_order_follows_the_context() {
    let mut c = ctx();
    c.month_first = true;
    assert_eq!(first("on 11/10/2026", &c).as_deref(), Some("2026-11-10"));
    c.month_first = false;
    assert_eq!(first("on 11/10/2026", &c).as_deref(), Some("2026-10-11"));
}

#[test]
fn a_meeting_said_just_before_a_numeric_date_makes_it_the_day() {
    let mut c = ctx();
    c.month_first = true;
    assert_eq!(
        first("Met w/ Grace 11/9, like 45 min", &c).as_deref(),
        Some("2026-11-09")
    );
    assert_eq!(first("We met and 3/4 of the team came", &c), None);
    assert_eq!(first("Grace 11/9, like 45 min", &c), None);
}

#[test]
fn a_german_weekday_written_small_after_am() {
    let c = ctx();
    assert_eq!(
        first("ham uns am di getroffen", &c).as_deref(),
        Some("2026-11-10")
    );
    for text in ["I am do-ing fine", "at 9 am do we meet?", "I am fr ee"] {
        assert_eq!(first(text, &c), None, "{text}");
    }
}

#[test]
fn relative_days_resolve_against_the_reference_day() {
    let c = ctx();
    assert_eq!(first("yesterday", &c).as_deref(), Some("2026-11-11"));
    assert_eq!(first("gestern", &c).as_deref(), Some("2026-11-11"));
    assert_eq!(first("last Tuesday", &c).as_deref(), Some("2026-11-10"));
    assert_eq!(first("letzten Dienstag", &c).as_deref(), Some("2026-11-10"));
    assert_eq!(first("on Thursday", &c).as_deref(), Some("2026-11-12"));
    assert_eq!(first("last Thursday", &c).as_deref(), Some("2026-11-05"));
    assert_eq!(first("three days ago", &c).as_deref(), Some("2026-11-09"));
    assert_eq!(first("vor zwei Tagen", &c).as_deref(), Some("2026-11-10"));
    let mut fr = c;
    fr.french = true;
    assert_eq!(first("mardi dernier", &fr).as_deref(), Some("2026-11-10"));
    assert_eq!(
        first("on s'est vus hier", &fr).as_deref(),
        Some("2026-11-11")
    );
    assert_eq!(first("wir waren hier", &c), None);
}

#[test]
fn future_direction_points_forward() {
    let mut c = ctx();
    c.direction = Direction::Future;
    assert_eq!(parse_date("Monday", &c).unwrap().to_string(), "2026-11-16");
    assert_eq!(parse_date("1 March", &c).unwrap().to_string(), "2027-03-01");
    assert_eq!(parse_date("January", &c).unwrap().to_string(), "2027-01-01");
    assert_eq!(
        parse_date("in 2 weeks", &c).unwrap().to_string(),
        "2026-11-26"
    );
    assert_eq!(parse_date("after christmas", &c), None);
}

#[test]
fn ratings_and_decimal_hours_are_not_dates() {
    let c = ctx();
    assert_eq!(first("rating 4/5", &c), None);
    assert_eq!(first("1.5 hours", &c), None);
    assert_eq!(first("3/10 would not recommend", &c), None);
}

fn minutes(text: &str) -> Option<u32> {
    find_durations(text).first().map(|d| d.minutes)
}

#[test]
fn durations_in_three_languages() {
    for (text, want) in [
        ("45 min", 45),
        ("a 45-minute call", 45),
        ("about an hour", 60),
        ("1.5 hours", 90),
        ("1,5 Stunden", 90),
        ("1h30", 90),
        ("1 h 30", 90),
        ("an hour and a half", 90),
        ("half an hour", 30),
        ("two hours", 120),
        ("eine Stunde", 60),
        ("eine halbe Stunde", 30),
        ("anderthalb Stunden", 90),
        ("une heure", 60),
        ("une heure et demie", 90),
        ("une demi-heure", 30),
        ("30-45 minutes", 38),
        ("from 14:00 to 15:30", 90),
        ("12:30-1:15pm", 45),
    ] {
        assert_eq!(minutes(text), Some(want), "{text}");
    }
    assert_eq!(minutes("at 3pm on Friday"), None);
    // A scale's ends are no span of the clock.
    assert_eq!(minutes("een 5 op een schaal van 1 tot 5"), None);
    assert_eq!(minutes("an 8 on a scale from 1 to 10"), None);
    assert_eq!(minutes("over dinner, roughly 6.30 to 8"), Some(90));
    assert_eq!(minutes("une heure dix"), Some(70));
    assert_eq!(minutes("deux heures vingt minutes"), Some(140));
    assert_ne!(minutes("on se voit à une heure dix"), Some(70));
}

/// The context of a pair that began on Monday 2 November 2026.
fn paired() -> DateContext {
    let mut c = ctx();
    c.since = NaiveDate::from_ymd_opt(2026, 11, 2);
    c
}

fn read(text: &str, ctx: &DateContext) -> Option<(String, bool)> {
    find_dates(text, ctx)
        .first()
        .map(|m| (m.date.to_string(), m.plausible))
}

#[test]
fn an_ambiguous_numeric_date_takes_the_plausible_reading_then_the_senders_order() {
    let day_first = paired();
    let mut month_first = paired();
    month_first.month_first = true;
    for (text, ctx, want) in [
        // 11 October is before the pair began: 10 November, whatever the order.
        ("on 11/10", &day_first, ("2026-11-10", true)),
        ("on 11/10", &month_first, ("2026-11-10", true)),
        // Both readings plausible: the sender's order decides.
        ("on 4/11", &day_first, ("2026-11-04", true)),
        ("on 11/4", &month_first, ("2026-11-04", true)),
        // A day over 12 says the order itself.
        ("on 16/2", &month_first, ("2026-02-16", false)),
        ("on 2/16", &day_first, ("2026-02-16", false)),
        // A weekday named with it picks the reading that falls on it.
        ("Wed 4/11", &month_first, ("2026-11-04", true)),
        ("Tue 16/2", &day_first, ("2026-02-16", false)),
        // Dots are day first everywhere.
        ("am 4.11.", &month_first, ("2026-11-04", true)),
    ] {
        let got = read(text, ctx);
        assert_eq!(got, Some((want.0.to_string(), want.1)), "{text}");
    }
    // Without a pair, 16 February is plausible (it is past).
    assert_eq!(
        read("on 16/2", &ctx()),
        Some(("2026-02-16".to_string(), true))
    );
}

#[test]
fn a_day_of_the_month_alone_is_the_latest_such_day() {
    let c = paired();
    for (text, want) in [
        ("on the 3rd", "2026-11-03"),
        ("the 10th", "2026-11-10"),
        ("am 10. haben wir", "2026-11-10"),
        ("le 5, une heure", "2026-11-05"),
        ("el 5 nos reunimos", "2026-11-05"),
        ("op de 5e", "2026-11-05"),
        // The 23rd has not come yet this month: October's, before the pair began.
        ("on the 23rd", "2026-10-23"),
        ("Tue 10th", "2026-11-10"),
        ("Tuesday the 10th", "2026-11-10"),
        ("Dienstag, den 10.", "2026-11-10"),
        ("mardi 10", "2026-11-10"),
        ("martes 10", "2026-11-10"),
        ("dinsdag 10", "2026-11-10"),
        // The last 12th that was a Monday: October's.
        ("Mon 12th", "2026-10-12"),
    ] {
        assert_eq!(
            find_dates(text, &c).first().map(|m| m.date.to_string()),
            Some(want.to_string()),
            "{text}"
        );
    }
    assert!(!find_dates("on the 23rd", &c)[0].plausible);
    assert!(find_dates("Tue 10th", &c)[0].plausible);
    // No 16th of the last three months was a Friday: not plausible.
    assert!(!find_dates("Fri 16th", &c)[0].plausible);
    for text in [
        "our 3rd session",
        "the 3rd time we met",
        "le 3 heures",
        "the 2nd round",
        "the 3rd half of the call",
    ] {
        assert!(
            find_dates(text, &c)
                .iter()
                .all(|m| !m.absolute || m.date.day() != 3),
            "{text}"
        );
    }
}

#[test]
fn weekdays_with_and_without_last_in_five_languages() {
    let c = paired();
    for (text, want) in [
        "last Tuesday",
        "on Tuesday",
        "letzten Dienstag",
        "am Dienstag",
        "mardi dernier",
        "mardi",
        "el martes pasado",
        "el pasado martes",
        "el martes",
        "afgelopen dinsdag",
        "vorige dinsdag",
        "op dinsdag",
    ]
    .map(|t| (t, "2026-11-10"))
    .into_iter()
    // The week before this one (Monday 9 to Sunday 15 November 2026 is this week).
    .chain(
        [
            "Tuesday last week",
            "last week on Tuesday",
            "letzte Woche Dienstag",
            "Dienstag letzte Woche",
            "mardi de la semaine dernière",
            "el martes de la semana pasada",
            "vorige week dinsdag",
            "dinsdag vorige week",
        ]
        .map(|t| (t, "2026-11-03")),
    ) {
        assert_eq!(read(text, &c), Some((want.to_string(), true)), "{text}");
    }
    // A weekday that would be before the pair began is read, but not plausible.
    let mut new_pair = c;
    new_pair.since = NaiveDate::from_ymd_opt(2026, 11, 11);
    assert_eq!(
        read("last Tuesday", &new_pair),
        Some(("2026-11-10".to_string(), false))
    );
}

#[test]
fn a_span_between_two_times_of_day_is_its_length_in_five_languages() {
    for (text, want) in [
        ("we had lunch from 12 to 1", 60),
        ("between 11 and 12:30 on Monday", 90),
        ("2-3pm, in the canteen", 60),
        ("von 12 bis 13 Uhr in der Kantine", 60),
        ("12 bis 13 Uhr", 60),
        ("zwischen 9 und 10 Uhr", 60),
        ("de 17h à 18h au café", 60),
        ("de 9h30 à 10h15", 45),
        ("entre 12h et 13h", 60),
        ("de 12 a 1, en la cafetería", 60),
        ("de 16:00 a 17:30", 90),
        ("van 12 tot 1, over video's", 60),
        ("van 10u tot 11u30", 90),
        ("12 tot 1 uur", 60),
        ("tussen 3 en 4 uur", 60),
    ] {
        assert_eq!(minutes(text), Some(want), "{text}");
    }
    // Counts, days and ratings are not times of day.
    for text in [
        "from 3 to 4 people came",
        "du 12 au 13 mars",
        "de 2 à 3 fois par mois",
        "von 4 bis 5 Sternen",
        "van 2 tot 3 onderwerpen",
        "rated 4 to 5",
        "between 3 and 4 topics",
    ] {
        assert_eq!(minutes(text), None, "{text}");
    }
}

#[test]
fn hours_in_words_with_minutes_adjectives_and_diminutives() {
    for (text, want) in [
        ("an hour and 15 minutes", 75),
        ("a good hour", 60),
        ("two good hours over coffee", 120),
        ("eine Stunde und 15 Minuten", 75),
        ("zwei gute Stunden", 120),
        ("ein Stündchen", 60),
        ("une heure et quinze minutes", 75),
        ("deux bonnes heures à parler", 120),
        ("trois quarts d’heure", 45),
        ("un quart d’heure", 15),
        ("una hora y veinte minutos", 80),
        ("dos buenas horas", 120),
        ("una horita", 60),
        ("een uur en tien minuten", 70),
        ("een uurtje", 60),
        ("een half uurtje", 30),
        ("twee goede uren", 120),
        ("een kwartiertje", 15),
    ] {
        assert_eq!(minutes(text), Some(want), "{text}");
    }
    // "om 3 uur" is a time of day, not three hours.
    assert_eq!(minutes("we spraken om 3 uur af"), None);
}

#[test]
fn dates_the_reader_used_to_miss_in_five_languages() {
    // Thursday 12 November 2026, a pair since 2 November.
    let c = paired();
    let mut us = paired();
    us.month_first = true;
    for (text, ctx, want) in [
        // Abbreviated weekdays alone.
        ("we met! thurs, 1hr", &c, "2026-11-12"),
        ("Met Wed for lunch", &c, "2026-11-11"),
        ("caught up tues after standup", &c, "2026-11-10"),
        ("Getroffen am Do, 45min", &c, "2026-11-12"),
        ("am Mo kurz telefoniert", &c, "2026-11-09"),
        ("Am Di. eine Stunde", &c, "2026-11-10"),
        // Misspelt weekdays.
        ("We mett on wendsday for an hour", &c, "2026-11-11"),
        ("last thrusday", &c, "2026-11-05"),
        ("on tuseday", &c, "2026-11-10"),
        // A numeric date after "met", in the sender's order.
        ("We met 11/10, 1 hour", &us, "2026-11-10"),
        ("we met 10/11 for lunch", &c, "2026-11-10"),
        // Dashes, with the year.
        ("Datum: 10-11-2026", &c, "2026-11-10"),
        ("vond plaats op 09-11-2026 (1 uur)", &c, "2026-11-09"),
        ("el 10-11-2026 nos reunimos", &c, "2026-11-10"),
        // A date with its year, then the times.
        (
            "hat am 10.11.2026 von 14:00 bis 15:30 Uhr stattgefunden",
            &c,
            "2026-11-10",
        ),
        ("le 10/11/2026 de 17h à 18h", &c, "2026-11-10"),
        // Dutch "de 10e".
        ("we hebben elkaar de 10e gezien", &c, "2026-11-10"),
        ("op de 3de", &c, "2026-11-03"),
    ] {
        assert_eq!(read(text, ctx), Some((want.to_string(), true)), "{text}");
    }
    for text in [
        "Do you have time?",
        "I am So happy with it",
        "at 10 AM Do we meet?",
        "mon ami Mon avis",
        "we sat down for coffee",
        "Dos horas",
        "de 12 a 1",
        "12-1 in the canteen",
        "de 2e keer",
        "we kijken naar de 3e ronde",
        "rated 3.5 von 5",
        "the wedding was lovely",
        "Feiertag",
        "someday soon",
    ] {
        assert!(
            find_dates(text, &c).iter().all(|m| !m.absolute),
            "{text}: {:?}",
            find_dates(text, &c)
        );
    }
}

#[test]
fn spans_said_with_parts_of_the_hour_and_approximate_ends_in_five_languages() {
    for (text, want) in [
        ("we talked from 3:15 till about 4:45", Some(90)),
        ("from quarter past two to half past three", Some(75)),
        ("from 2 to a quarter to 4", Some(105)),
        ("van 9 tot half 11", Some(90)),
        ("van half vier tot kwart over vijf", Some(105)),
        ("van kwart voor drie tot vier uur", Some(75)),
        (
            "bijna twee uur (van half vier tot kwart over vijf)",
            Some(105),
        ),
        ("von Viertel nach drei bis halb fünf", Some(75)),
        ("von 14 bis gegen 15:30 Uhr", Some(90)),
        (
            "de trois heures et quart à quatre heures et demie",
            Some(75),
        ),
        ("de 14h jusqu'à environ 15h30", Some(90)),
        ("de las cuatro y media a las seis menos cuarto", Some(75)),
        ("de las 5 a las 6", Some(60)),
        // Not spans of the day: counts, and plain words without a part of the hour.
        ("from two to three people", None),
        ("van twee tot drie", None),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn adjective_lengths_approximate_counts_and_hours_with_adjectives() {
    for (text, want) in [
        ("zu einem gut zweistündigen Austausch", Some(120)),
        ("ein halbstündiges Telefonat", Some(30)),
        ("ein einstündiges Gespräch", Some(60)),
        ("eine anderthalbstündige Runde", Some(90)),
        ("on a jasé une bonne heure et quart", Some(75)),
        ("dos buenas horas y media", Some(150)),
        ("pendant une quarantaine de minutes", Some(40)),
        ("une bonne vingtaine de minutes", Some(20)),
        ("durante una treintena de minutos", Some(30)),
        ("ein Dutzend Minuten", Some(12)),
        ("a dozen minutes", Some(12)),
        ("een twintigtal minuten", Some(20)),
        ("Minuten: 1u15", Some(75)),
        ("anderhalf uur, 1u30", Some(90)),
        // A time of the day is no length.
        ("un appel à 8h chez moi (14h chez elle)", None),
        ("um 9h im Büro", None),
        ("om 10u30 gebeld", None),
        ("une dizaine de jours", None),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
    // A time of the day before a length leaves the length.
    assert_eq!(
        minutes("un appel à 8h chez moi (14h chez elle). On a jasé une bonne heure et quart."),
        Some(75)
    );
}

#[test]
fn a_day_planned_for_or_guessed_before_the_pair_began_is_no_meeting_day() {
    // Thursday 12 November 2026; the pair began on 1 October 2026.
    let mut c = ctx();
    c.since = NaiveDate::from_ymd_opt(2026, 10, 1);
    for text in [
        "Wir haben uns für den 20. Dezember verabredet.",
        "we've booked it for the 20th",
        "rescheduled for Dec 20",
        "on a prévu ça pour le 20 décembre",
        "quedamos para el martes",
        "we hebben afgesproken voor dinsdag",
    ] {
        let plausible: Vec<_> = find_dates(text, &c)
            .into_iter()
            .filter(|m| m.plausible)
            .collect();
        assert!(plausible.is_empty(), "{text}: {plausible:?}");
    }
    // Without a year, a day put in last year before the pair began is one to come.
    let read = |text: &str| find_dates(text, &c).first().map(|m| (m.date, m.plausible));
    assert_eq!(
        read("am 20. Dezember"),
        Some((NaiveDate::from_ymd_opt(2025, 12, 20).unwrap(), false))
    );
    // With its year it is taken as written; after the pair began it is the meeting's.
    assert_eq!(
        read("am 20. Januar 2026"),
        Some((NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(), true))
    );
    assert_eq!(
        read("le 20 octobre"),
        Some((NaiveDate::from_ymd_opt(2026, 10, 20).unwrap(), true))
    );
    // A yearless day in this year before the pair began is taken as written.
    assert_eq!(
        read("le 1er septembre"),
        Some((NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(), true))
    );
    assert_eq!(first("antes de ayer", &c).as_deref(), Some("2026-11-10"));
    // Thanks for the day is the meeting's day.
    assert_eq!(
        read("thanks for Tuesday!"),
        Some((NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(), true))
    );
}

#[test]
fn a_weekday_joined_to_its_part_of_the_day_is_that_weekday() {
    // Thursday 12 November 2026.
    let c = ctx();
    for text in [
        "Dinsdagochtend gesproken",
        "dinsdagmiddag even gebeld",
        "Dienstagnachmittag getroffen",
        "am Dienstagabend telefoniert",
        "Tuesday morning",
        "mardi matin",
        "el martes por la tarde",
    ] {
        assert_eq!(first(text, &c).as_deref(), Some("2026-11-10"), "{text}");
    }
}

#[test]
fn lengths_said_loosely_and_compound_numbers_in_five_languages() {
    for (text, want) in [
        ("een klein uurtje", Some(60)),
        ("45 minutjes", Some(45)),
        ("a half hour", Some(30)),
        ("trois bons quarts d'heure", Some(45)),
        ("from 2.30 till 4pm", Some(90)),
        ("between 10 and half past 11", Some(90)),
        ("von halb drei bis vier", Some(90)),
        ("de dos a tres y media", Some(90)),
        ("de las 10 a las 11 y media", Some(90)),
        ("van kwart over twee tot drie uur", Some(45)),
        ("twenty-five minutes", Some(25)),
        ("veinticinco minutos", Some(25)),
        ("fünfundzwanzig Minuten", Some(25)),
        ("vingt-cinq minutes", Some(25)),
        ("vijfentwintig minuten", Some(25)),
        ("cuarenta y cinco minutos", Some(45)),
        ("we met at 9h and talked 2h", Some(120)),
        ("on s'est vus à 12h30, 45 min", Some(45)),
        // The end of a number not read whole is not the number.
        ("twenty-two minutes", None),
        ("treinta y dos minutos", None),
        // A dash between words is no compound.
        ("We met on Tuesday - 30 minutes", Some(30)),
        ("hablamos y 20 minutos después", Some(20)),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn yesterday_joined_to_its_part_of_the_day_and_regional_words() {
    // Thursday 12 November 2026; the context reads as not French.
    let c = ctx();
    for (text, want) in [
        ("Gisteravond kort gebeld", Some("2026-11-11")),
        ("gistermiddag gesproken", Some("2026-11-11")),
        ("eergisteravond gezien", Some("2026-11-10")),
        ("vu Léa hier midi", Some("2026-11-11")),
        ("on s'est appelés hier soir", Some("2026-11-11")),
        ("we spoke last night", Some("2026-11-11")),
        ("hablamos anoche", Some("2026-11-11")),
        ("Dinsdagvoormiddag gezien", Some("2026-11-10")),
        ("dinsdagnamiddag gebeld", Some("2026-11-10")),
        // German "hier" is "here", whatever follows.
        ("wir waren hier Mittag essen", None),
        ("hier in Berlin", None),
    ] {
        assert_eq!(first(text, &c).as_deref(), want, "{text}");
    }
}

#[test]
fn a_dashed_day_without_its_year_needs_a_word_before_and_a_nought() {
    let c = ctx();
    for (text, want) in [
        ("we spraken elkaar op 10-11 via Teams", None),
        ("op 10-02 gesproken", Some("2026-02-10")),
        ("on s'est vus le 05-11", Some("2026-11-05")),
        // Spans and scores are no dates.
        ("we talked 10-12 minutes", None),
        ("on 2-3 occasions", None),
        ("the game ended 03-01", None),
    ] {
        assert_eq!(first(text, &c).as_deref(), want, "{text}");
    }
}

#[test]
fn quarter_hours_of_the_next_hour_and_belgian_numbers() {
    for (text, want) in [
        ("von halb drei bis viertel vier", Some(45)),
        ("von viertel vier bis dreiviertel fünf", Some(90)),
        ("von drei bis viertel nach vier", Some(75)),
        ("septante-cinq minutes tout compris", Some(75)),
        ("nonante minutes", Some(90)),
        ("septante minutes", Some(70)),
        // A quarter of a cake is no time.
        ("ein Viertel vom Kuchen", None),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn a_span_with_its_clock_zone_or_spaced_minutes() {
    for (text, want) in [
        ("de 16 heures à 17 heures 30", Some(90)),
        ("von 16 Uhr bis 17 Uhr 30", Some(90)),
        ("de 16 horas a 17 horas", Some(60)),
        ("de 9:30 a 10:30 horas", Some(60)),
        ("caught up yesterday, 2 till 2.30", Some(30)),
        ("un café rápido, media horita", Some(30)),
        ("für etwa eineinviertel Stunden getroffen", Some(75)),
        ("haben uns 1 1/4 std getroffen", Some(75)),
        ("we talked for 1½ h", Some(90)),
        ("Gister met Sanne geluncht, uurtje ofzo.", Some(60)),
        ("van kwart na tien tot elf uur", Some(45)),
        ("de 14h à 15h30 heure de Bruxelles", Some(90)),
        ("de 16 h 00 à 17 h 00", Some(60)),
        ("from 9 to 10:30 local time", Some(90)),
        ("de las 10 a las 11 hora de Madrid", Some(60)),
        // Hours counted are no span of the clock: the longest said is read.
        ("de 2 à 3 heures de route", Some(180)),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn spans_with_minutes_past_or_to_the_hour_in_five_languages() {
    for (text, want) in [
        ("van 10 over 2 tot 3 uur", Some(50)),
        ("van 5 voor half 3 tot kwart over 3", Some(50)),
        ("van 2 tot 10 voor 3", Some(50)),
        ("von zehn nach zwei bis drei", Some(50)),
        ("von fünf nach halb drei bis vier Uhr", Some(85)),
        ("from ten past two to three", Some(50)),
        ("from two to twenty to three", Some(40)),
        ("de las dos y diez a las tres", Some(50)),
        ("de 9 a 10 menos veinte", Some(40)),
        ("de midi à 1h, au resto", Some(60)),
        ("from noon to 1:30", Some(90)),
        ("de mediodía a la una", Some(60)),
        ("de midi à 14h", Some(120)),
        ("vus mardi entre midi et deux au resto", None),
        ("de trois heures à quatre heures moins dix", Some(50)),
        // Counts and lengths after the numbers: no span of the clock.
        ("from ten to eleven to twelve people", None),
        ("entre las 9 y 10 personas", None),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn spans_from_a_time_with_its_minutes_or_hours_joined_as_on_a_clock() {
    for (text, want) in [
        ("grabbed coffee Tuesday morning, 10:15 to 11", Some(45)),
        ("9:30-10 in the canteen", Some(30)),
        ("vu thierry ce matin 9h-9h40", Some(40)),
        ("Gespräch 14h-14h45", Some(45)),
        ("de 9h a 9h50", Some(50)),
        ("gesprek 10u-10u45", Some(45)),
        ("de 17:00 a 18:00 hora española", Some(60)),
        ("de 14h à 15h heure française", Some(60)),
        ("von 9:00 bis 10:00 Zeit in Berlin", Some(60)),
        // A count after the range is no span; a time of day with an hour word is no length.
        ("at 10:15 to 11 people joined", None),
        ("um 18:00 Uhr", None),
        ("a las 17:00 hora local", None),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn quarters_of_an_hour_counted_and_fractions_of_an_hour_in_five_languages() {
    for (text, want) in [
        ("vanmiddag 3 kwartier gezeten met sanne", Some(45)),
        ("twee kwartier", Some(30)),
        ("een kwartier", Some(15)),
        ("drei Viertelstunden", Some(45)),
        ("3 quarters of an hour", Some(45)),
        ("3 quarts d'heure", Some(45)),
        ("3 cuartos de hora", Some(45)),
        ("3/4 uur", Some(45)),
        ("¾ Stunde", Some(45)),
        ("1/2 h", Some(30)),
        ("3/4 d'heure", Some(45)),
        ("3/4 of an hour", Some(45)),
        ("3/4 de hora", Some(45)),
        ("¾ Stunde", Some(45)),
        // A share is no length.
        ("3/4 van de mensen", None),
        ("3 kwartjes", None),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn weekdays_abbreviated_after_the_word_that_introduces_them_in_four_languages() {
    // Thursday 12 November 2026.
    let c = ctx();
    for (text, want) in [
        ("kenji and i met on mon for abt an hour", Some("2026-11-09")),
        ("met on Tue. 45 min", Some("2026-11-10")),
        ("caught up last fri", Some("2026-11-06")),
        ("we met on Sun for a walk", Some("2026-11-08")),
        ("vus le ven. en visio", Some("2026-11-06")),
        ("nos vimos el mié en la oficina", Some("2026-11-11")),
        ("op di gesproken", Some("2026-11-10")),
        ("afgelopen wo koffie gedronken", Some("2026-11-11")),
        // Other words, and abbreviations in another language than their word.
        ("Mon ami Marc", None),
        ("we sat on sun loungers", None),
        ("at last sun came out", None),
        ("le jeu de rôle", None),
        ("el mar estaba bonito", None),
        ("op ma's verjaardag", None),
        ("op zo'n manier", None),
        ("le mardi 10", Some("2026-11-10")),
        ("on do it", None),
    ] {
        assert_eq!(first(text, &c).as_deref(), want, "{text}");
    }
}

#[test]
fn yesterday_today_and_their_parts_of_the_day_in_five_languages() {
    // Thursday 12 November 2026; the context reads as not French.
    let c = ctx();
    for (text, want) in [
        ("gisterennamiddag samen gaan eten", Some("2026-11-11")),
        ("gisterenavond gebeld", Some("2026-11-11")),
        ("gistervoormiddag gezien", Some("2026-11-11")),
        ("gister even gebeld", Some("2026-11-11")),
        ("eergisterennamiddag gesproken", Some("2026-11-10")),
        ("vannamiddag 3 kwartier gezeten", Some("2026-11-12")),
        ("deze voormiddag gesproken", Some("2026-11-12")),
        ("vu Léa ce midi", Some("2026-11-12")),
        ("comimos juntos este mediodía", Some("2026-11-12")),
        ("hablamos anteanoche", Some("2026-11-10")),
        ("heut früh telefoniert", Some("2026-11-12")),
        ("vorhin kurz gesprochen", Some("2026-11-12")),
        ("yesterday afternoon we spoke", Some("2026-11-11")),
        // "deze" before another word, "gisteren" inside another word.
        ("deze week nog niet", None),
    ] {
        assert_eq!(first(text, &c).as_deref(), want, "{text}");
    }
}

#[test]
fn minutes_said_roughly_or_fondly_in_five_languages() {
    for (text, want) in [
        ("over coffee, 30-ish minutes", Some(30)),
        ("30ish mins", Some(30)),
        ("a 40 odd minute chat", Some(40)),
        ("gut 45 gute Minuten", Some(45)),
        ("45 bonnes minutes", Some(45)),
        ("30 et quelques minutes", Some(30)),
        ("45 minuticos", Some(45)),
        ("unos 30 y pico minutos", Some(30)),
        ("45 goede minuten", Some(45)),
        ("twintig minuutjes", Some(20)),
        // A count of something else, or a time of day, is no length.
        ("30-ish people came", None),
        ("45 bonnes idées", None),
        ("30 y pico personas", None),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn a_weekday_said_as_a_habit_is_no_day_in_five_languages() {
    // Thursday 12 November 2026.
    let c = ctx();
    for text in [
        "Our regular Tuesday slot had to give way to the town hall",
        "we usually meet every Monday",
        "unser üblicher Termin am Dienstag fiel aus",
        "wir sehen uns sonst jeden Montag",
        "notre créneau habituel du mardi a sauté",
        "on se voit chaque lundi",
        "nuestra cita habitual de los martes",
        "nos vemos cada lunes",
        "ons vaste moment op dinsdag ging niet door",
        "we spreken elke maandag af",
    ] {
        assert_eq!(first(text, &c), None, "{text}");
    }
    // The day named after the habit is a day.
    for (text, want) in [
        (
            "Our regular slot fell through, so we met on Tuesday",
            "2026-11-10",
        ),
        (
            "Statt wie jeden Montag haben wir uns am Dienstag getroffen",
            "2026-11-10",
        ),
        ("Normalement le lundi, cette fois mardi", "2026-11-10"),
        ("Como siempre, el martes", "2026-11-10"),
        ("Niet zoals elke week, maar dinsdag", "2026-11-10"),
    ] {
        assert_eq!(first(text, &c).as_deref(), Some(want), "{text}");
    }
}

#[test]
fn a_written_date_right_after_a_worded_day_says_which_day_in_five_languages() {
    // Sunday 8 November 2026: "last week Thursday" may be read as the week before.
    let c = DateContext {
        today: NaiveDate::from_ymd_opt(2026, 11, 8).unwrap(),
        ..ctx()
    };
    for (text, want) in [
        ("we met last week Thursday (5 November)", "2026-11-05"),
        (
            "wir haben uns letzte Woche Donnerstag (5. November) getroffen",
            "2026-11-05",
        ),
        ("on s'est vus jeudi dernier, 5 novembre", "2026-11-05"),
        ("nos vimos el jueves pasado (5 de noviembre)", "2026-11-05"),
        ("vorige week donderdag (5 november) gesproken", "2026-11-05"),
    ] {
        let dates = find_dates(text, &c);
        assert_eq!(dates.len(), 1, "{text}");
        assert_eq!(dates[0].date.to_string(), want, "{text}");
    }
    // A date further on, or after other words, is another mention.
    let dates = find_dates("we met on Thursday and booked 20 November", &c);
    assert_eq!(dates.len(), 2);
}

#[test]
fn yesterday_and_tomorrow_as_a_phone_writes_them() {
    // Thursday 12 November 2026.
    let c = ctx();
    for (text, want) in [
        ("Met Richard yday, rly good one", Some("2026-11-11")),
        ("caught up y'day over lunch", Some("2026-11-11")),
        ("spoke to her yest", Some("2026-11-11")),
        ("vu Marc auj, top", Some("2026-11-12")),
        ("met sam this am for coffee", Some("2026-11-12")),
        // The hours of a day named, not a day of the month.
        (
            "nos reunimos el miércoles de 3 a 4 de la tarde",
            Some("2026-11-11"),
        ),
        ("seeing him tmrw", Some("2026-11-13")),
        // Words that only begin like them.
        ("yesterdays are gone", None),
        ("a yeast dough", None),
        ("the aujourd'hui menu", Some("2026-11-12")),
    ] {
        assert_eq!(first(text, &c).as_deref(), want, "{text}");
    }
}

#[test]
fn a_length_in_words_restated_in_figures_is_the_figures_in_five_languages() {
    for (text, want) in [
        ("eine gute Stunde (ca. 65 Min.)", Some(65)),
        ("about an hour (70 min)", Some(70)),
        ("an hour or so – 65 mins", Some(65)),
        ("une bonne heure (environ 65 min)", Some(65)),
        ("una hora larga (unos 70 minutos)", Some(70)),
        ("een goed uur (ca. 65 minuten)", Some(65)),
        // Figures first: they are the length; words after them are no other.
        ("65 Min. (eine gute Stunde)", Some(65)),
        // Another length later in the text, not restating: the first stays.
        ("an hour, then 20 min of admin", Some(60)),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}

#[test]
fn hours_as_a_phone_or_speech_writes_them() {
    for (text, want) in [
        ("an hr w Helen", Some(60)),
        ("like an hr", Some(60)),
        ("an hr or so, good chat", Some(60)),
        ("half an hr", Some(30)),
        ("an hr and a half", Some(90)),
        ("1hr15", Some(75)),
        ("'ne gute Stunde gequatscht", Some(60)),
        ("ne halbe Stunde", Some(30)),
        // Human resources, not an hour.
        ("asked an HR person", None),
        ("an hr rep joined", None),
        ("a hr question about leave", None),
    ] {
        assert_eq!(minutes(text), want, "{text}");
    }
}
