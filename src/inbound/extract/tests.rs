use super::*;

fn vocab() -> Vocabulary {
    Vocabulary::new(
        ["ai tools", "negotiation", "social media", "career path"],
        &[("chatgpt".to_string(), "ai tools".to_string())],
    )
}

fn read(text: &str) -> Extraction {
    read_since(text, None)
}

/// Reads `text` sent on Thursday 12 November 2026 by someone whose pair began on `since`.
fn read_since(text: &str, since: Option<NaiveDate>) -> Extraction {
    let v = vocab();
    let ctx = ExtractContext {
        today: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
        month_first: false,
        since,
        vocabulary: &v,
    };
    extract(text, &ctx)
}

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, d)
}

#[test]
fn the_short_form_is_read_field_by_field() {
    let e = read(
        "Met: yes\nDate: 10/11/2026\nMinutes: 45\nTopics: ChatGPT, negotiation, budgets\nRating 1-5: 4\nNotes: good talk\nabout goals",
    );
    assert!(e.form);
    assert_eq!(e.session.met, Some(true));
    assert_eq!(e.session.date, day(10));
    assert_eq!(e.session.minutes, Some(45));
    assert_eq!(
        e.session.topics,
        Some(vec![
            "ai tools".to_string(),
            "negotiation".to_string(),
            "budgets".to_string()
        ])
    );
    assert_eq!(e.session.rating, Some(4));
    assert_eq!(e.session.notes.as_deref(), Some("good talk\nabout goals"));
    assert!(e.unparsed.is_empty());
}

#[test]
fn german_and_french_labels_are_read() {
    let de = read("Getroffen: ja\nDatum: gestern\nDauer: eine Stunde\nBewertung: 5");
    assert_eq!(de.session.met, Some(true));
    assert_eq!(de.session.date, day(11));
    assert_eq!(de.session.minutes, Some(60));
    assert_eq!(de.session.rating, Some(5));
    let fr = read("Rencontré : oui\nDurée : 1h30\nNote : 4/5\nRemarques : très bien");
    assert_eq!(fr.session.minutes, Some(90));
    assert_eq!(fr.session.rating, Some(4));
    assert_eq!(fr.session.notes.as_deref(), Some("très bien"));
}

#[test]
fn an_unreadable_form_value_is_flagged_not_guessed() {
    let e = read("Met: yes\nRating: pretty good I think");
    assert_eq!(e.session.rating, None);
    assert_eq!(e.unparsed, vec!["Rating: pretty good I think".to_string()]);
}

#[test]
fn didnt_manage_this_week_is_no() {
    let e = read("Sorry, we didn't manage this week. Hopefully next week!");
    assert_eq!(e.session.met, Some(false));
    assert_eq!(e.session.date, None);
}

#[test]
fn free_text_gives_met_date_minutes_topics_and_rating() {
    let e = read(
        "We met yesterday for about an hour and talked mostly about negotiation. I'd give it a 4/5. Next time we'll cover social media.",
    );
    assert_eq!(e.session.met, Some(true));
    assert_eq!(e.session.date, day(11));
    assert_eq!(e.session.minutes, Some(60));
    assert_eq!(e.session.topics, Some(vec!["negotiation".to_string()]));
    assert_eq!(e.session.rating, Some(4));
    assert!(!e.form);
}

#[test]
fn the_last_clause_about_meeting_decides() {
    let e = read("We didn't manage last week, but we met on Tuesday instead.");
    assert_eq!(e.session.met, Some(true));
    assert_eq!(e.session.date, day(10));
}

#[test]
fn german_and_french_free_text() {
    let de = read("Wir haben uns gestern getroffen, anderthalb Stunden. Sehr gut!");
    assert_eq!(de.session.met, Some(true));
    assert_eq!(de.session.date, day(11));
    assert_eq!(de.session.minutes, Some(90));
    let de_no = read("Leider hat es diese Woche nicht geklappt.");
    assert_eq!(de_no.session.met, Some(false));
    let fr = read("On s'est vus mardi dernier pendant une heure, c'était super.");
    assert_eq!(fr.session.met, Some(true));
    assert_eq!(fr.session.date, day(10));
    assert_eq!(fr.session.minutes, Some(60));
    let fr_no = read("Nous n'avons pas pu nous voir cette semaine.");
    assert_eq!(fr_no.session.met, Some(false));
}

#[test]
fn nothing_stated_stays_null() {
    let e = read("Thanks for the reminder!");
    assert_eq!(e.session, Session::default());
    assert!(!e.found_anything());
}

#[test]
fn ratings_in_several_shapes() {
    assert_eq!(rating("★★★★", false), Some(4));
    assert_eq!(rating("4 out of 5", false), Some(4));
    assert_eq!(rating("8/10", false), Some(4));
    assert_eq!(rating("five stars", false), Some(5));
    assert_eq!(rating("4", true), Some(4));
    assert_eq!(rating("4", false), None);
    assert_eq!(rating("****", true), Some(4));
    assert_eq!(rating("7", true), None);
}

#[test]
fn topics_match_inflected_words_and_synonyms() {
    let v = vocab();
    let found: Vec<String> = v
        .find("We practised negotiating and tried ChatGPT")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        found,
        vec!["negotiation".to_string(), "ai tools".to_string()]
    );
}

#[test]
fn what_cannot_be_read_is_listed_as_unclear_and_what_is_not_stated_is_not() {
    // 16 February is before the pair began (2 November): not taken, asked back.
    let e = read_since("We met on 16/2 for 40 minutes.", day(2));
    assert_eq!(e.session.met, Some(true));
    assert_eq!(e.session.date, None);
    assert_eq!(e.session.minutes, Some(40));
    assert_eq!(e.unclear, vec![Unclear::Date]);
    let e = read_since(
        "Met: yes\nDate: 16/2\nMinutes: a while\nRating: pretty good",
        day(2),
    );
    assert_eq!(e.session.date, None);
    assert_eq!(
        e.unclear,
        vec![Unclear::Date, Unclear::Minutes, Unclear::Rating]
    );
    assert_eq!(e.unparsed, vec!["Minutes: a while", "Rating: pretty good"]);
    let e = read_since("Met: maybe\nDate: whenever", day(2));
    assert_eq!(e.unclear, vec![Unclear::Met, Unclear::Date]);
    // Not stated is not unclear; a plausible date in the text settles the date.
    assert!(read_since("We met yesterday.", day(2)).unclear.is_empty());
    assert!(read_since("We met for an hour.", day(2)).unclear.is_empty());
    let e = read_since("On 16/2 we planned it; we met on 10/11.", day(2));
    assert_eq!(e.session.date, day(10));
    assert!(e.unclear.is_empty());
    // Did not meet: no date to ask for.
    let e = read_since("Met: no\nDate: 16/2", day(2));
    assert_eq!(e.session.met, Some(false));
    assert!(e.unclear.is_empty());
}
