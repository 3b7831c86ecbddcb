//! The inline shapes of issue 15 as whole messages (`tests/fixtures/inline/*.eml`): each read
//! as `upward inspect` reads it (no prompt known) and again against the prompt it answers, as
//! the daemon does once routing found that prompt in the outbox.

use chrono::{TimeZone, Utc};

use super::inline::{Prompt, read};
use super::{Context, Inspection, inspect, reread};

const PROMPT_EN: &str = include_str!("../../tests/fixtures/inline/prompt_en.txt");
const PROMPT_DE: &str = include_str!("../../tests/fixtures/inline/prompt_de.txt");

/// What a reading must give: the new text and the session's met, minutes and rating.
#[derive(Debug, Clone, Copy)]
struct Expect {
    text: &'static str,
    met: Option<bool>,
    minutes: Option<u32>,
    rating: Option<u8>,
}

struct Case {
    name: &'static str,
    eml: &'static str,
    /// The prompt the reply answers (English unless the case says German).
    prompt: &'static str,
    /// Read without the prompt, by the `>` marks and colours alone.
    standalone: Expect,
    /// Read against the prompt that was sent.
    with_prompt: Expect,
}

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../tests/fixtures/inline/", $name, ".eml"))
    };
}

fn cases() -> Vec<Case> {
    let outlook_en = Expect {
        text: "See my answers below.\n\nMet: Yes\nDate: Tuesday\nMinutes: 45\nTopics: Negotiation\nRating 1-5: 4\nNotes: She showed me how she drafts with AI tools.",
        met: Some(true),
        minutes: Some(45),
        rating: Some(4),
    };
    let thunderbird = Expect {
        text: "Met: yes\nDate: 12 January\nMinutes: 60\nRating 1-5: 5\nNotes: Great chat about my career path.",
        met: Some(true),
        minutes: Some(60),
        rating: Some(5),
    };
    let apple = Expect {
        text: "Hi, answers inline.\n\nMet: Yes, on Monday\nMinutes: About 40\nRating 1-5: 4",
        met: Some(true),
        minutes: Some(40),
        rating: Some(4),
    };
    let iphone = Expect {
        text: "Great session this week, answers below!\n\nMet: Yes\nDate: Monday\nMinutes: 30 mins",
        met: Some(true),
        minutes: Some(30),
        rating: None,
    };
    let gmail = Expect {
        text: "Met: yes\nDate: last Tuesday\nRating 1-5: 4",
        met: Some(true),
        minutes: None,
        rating: Some(4),
    };
    let outlook_blue = Expect {
        text: "Hi, see my answers below in blue.\n\nMet: yes, on Tuesday\nMinutes: 45\nRating 1-5: 4",
        met: Some(true),
        minutes: Some(45),
        rating: Some(4),
    };
    let outlook_red = Expect {
        text: "Answers in red below.\n\nMet: no, she was travelling",
        met: Some(false),
        minutes: None,
        rating: None,
    };
    let same_line = Expect {
        text: "Met: yes\nDate: 19/01/2027\nMinutes: 30\nRating 1-5: 5",
        met: Some(true),
        minutes: Some(30),
        rating: Some(5),
    };
    let outlook_de = Expect {
        text: "Antworten unten.\n\nGetroffen: ja\nDatum: letzten Dienstag\nMinuten: 45\nBewertung 1-5: 5",
        met: Some(true),
        minutes: Some(45),
        rating: Some(5),
    };
    let typed_inside = Expect {
        text: "Met: Yes\nMinutes: 50\nRating 1-5: 4",
        met: Some(true),
        minutes: Some(50),
        rating: Some(4),
    };
    // NOTE: without the prompt, the program's own form (its labels, "yes / no" still there)
    // tells the values typed into it, with or without `>` marks.
    vec![
        Case {
            name: "outlook_plain_without_marks",
            eml: fixture!("outlook_plain_without_marks"),
            prompt: PROMPT_EN,
            standalone: outlook_en,
            with_prompt: outlook_en,
        },
        Case {
            name: "outlook_plain_same_line",
            eml: fixture!("outlook_plain_same_line"),
            prompt: PROMPT_EN,
            standalone: same_line,
            with_prompt: same_line,
        },
        Case {
            name: "outlook_de_without_marks",
            eml: fixture!("outlook_de_without_marks"),
            prompt: PROMPT_DE,
            standalone: outlook_de,
            with_prompt: outlook_de,
        },
        Case {
            name: "thunderbird_quoted_labels",
            eml: fixture!("thunderbird_quoted_labels"),
            prompt: PROMPT_EN,
            standalone: thunderbird,
            with_prompt: thunderbird,
        },
        Case {
            name: "apple_mail_quoted_labels",
            eml: fixture!("apple_mail_quoted_labels"),
            prompt: PROMPT_EN,
            standalone: apple,
            with_prompt: apple,
        },
        Case {
            name: "apple_mail_typed_inside_quote",
            eml: fixture!("apple_mail_typed_inside_quote"),
            prompt: PROMPT_EN,
            standalone: typed_inside,
            with_prompt: typed_inside,
        },
        Case {
            name: "iphone_top_post_inline",
            eml: fixture!("iphone_top_post_inline"),
            prompt: PROMPT_EN,
            standalone: iphone,
            with_prompt: iphone,
        },
        Case {
            name: "gmail_inline",
            eml: fixture!("gmail_inline"),
            prompt: PROMPT_EN,
            standalone: gmail,
            with_prompt: gmail,
        },
        Case {
            name: "outlook_html_blue",
            eml: fixture!("outlook_html_blue"),
            prompt: PROMPT_EN,
            standalone: outlook_blue,
            with_prompt: outlook_blue,
        },
        Case {
            name: "outlook_web_html_red",
            eml: fixture!("outlook_web_html_blue"),
            prompt: PROMPT_EN,
            standalone: outlook_red,
            with_prompt: outlook_red,
        },
    ]
}

fn ctx() -> Context {
    Context::standalone(Utc.with_ymd_and_hms(2027, 1, 20, 12, 0, 0).unwrap())
}

fn check(name: &str, how: &str, i: &Inspection, want: &Expect) -> Vec<String> {
    let mut wrong = Vec::new();
    let text = i.text.as_deref().unwrap_or_default();
    if text != want.text {
        wrong.push(format!(
            "{name} ({how}): text\n--- want\n{}\n--- got\n{text}",
            want.text
        ));
    }
    let session = i.session.clone().unwrap_or_default();
    let got = (session.met, session.minutes, session.rating);
    if got != (want.met, want.minutes, want.rating) {
        wrong.push(format!(
            "{name} ({how}): (met, minutes, rating) want {:?} got {got:?}",
            (want.met, want.minutes, want.rating)
        ));
    }
    wrong
}

#[test]
fn answers_inside_quoted_prompts_are_read_as_answers_to_their_questions() {
    let mut wrong = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 10);
    for case in &cases {
        let alone = inspect(case.eml.as_bytes(), &ctx());
        wrong.extend(check(case.name, "standalone", &alone, &case.standalone));
        let prompt = Prompt::new(&[case.prompt]);
        let again = reread(&alone, &prompt, &ctx()).unwrap_or(alone);
        wrong.extend(check(
            case.name,
            "with the prompt",
            &again,
            &case.with_prompt,
        ));
        if case.with_prompt.met.is_some() && !again.flags.contains(&"inline_reply") {
            wrong.push(format!("{}: not flagged inline_reply", case.name));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n\n"));
}

#[test]
fn a_top_post_over_an_untouched_prompt_is_left_to_trim() {
    let body = format!(
        "We met on Tuesday for an hour.\n\nOn Mon, Jan 18, 2027 at 10:02 AM Acme <m@acme.example> wrote:\n{}",
        PROMPT_EN
            .lines()
            .map(|l| format!("> {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let prompt = Prompt::new(&[PROMPT_EN]);
    assert_eq!(read(&body, Some(&prompt)), None);
    assert_eq!(read(&body, None), None);
    assert_eq!(read(&format!("Fine.\n\n{PROMPT_EN}"), Some(&prompt)), None);
}

#[test]
fn a_bottom_post_below_the_prompt_is_left_to_trim() {
    let quoted: Vec<String> = PROMPT_EN.lines().map(|l| format!("> {l}")).collect();
    let body = format!("{}\n\nWe met on Tuesday.", quoted.join("\n"));
    let prompt = Prompt::new(&[PROMPT_EN]);
    assert_eq!(read(&body, Some(&prompt)), None);
}

#[test]
fn new_lines_under_a_quoted_filled_in_form_are_not_its_answers() {
    let body = "On Mon, Jan 18, 2027 at 10:02 AM Lea <lea@acme.example> wrote:\n> Met: yes\nI agree, it was great.\n> Minutes: 45\n";
    assert_eq!(read(body, None), None);
}

#[test]
fn the_form_is_found_by_its_shape_in_a_language_the_labels_table_lacks() {
    // Italian: no label of this form is known, but six "Label:" lines in a row are a form.
    let prompt = Prompt::new(&[
        "Ciao Tom,\n\nVi siete incontrati di recente?\n\nIncontro: sì / no\nData:\nMinuti:\nArgomenti:\nVoto 1-5:\nNote:\n\nAcme",
    ]);
    let body = "Ecco.\n\n-----Messaggio originale-----\nDa: Acme <m@acme.example>\nInviato: lunedì 18 gennaio 2027 10:02\n\nCiao Tom,\nVi siete incontrati di recente?\nIncontro: sì / no\nsì\nData:\nMinuti:\n20\nArgomenti:\nVoto 1-5:\nNote:\nAcme";
    let read = read(body, Some(&prompt)).unwrap();
    assert_eq!(read.text, "Ecco.\n\nIncontro: sì\nMinuti: 20");
    assert!(read.inline_reply);
}

#[test]
fn a_form_filled_in_on_top_of_an_untouched_prompt_is_left_to_trim() {
    let quoted: Vec<String> = PROMPT_EN.lines().map(|l| format!("> {l}")).collect();
    let body = format!(
        "Met: yes\nMinutes: 45\nTopics:\n\nBest regards,\nTom Okafor\nEngineering, Acme\n+44 20 7946 0000\n\nOn Mon, Jan 18, 2027 at 10:02 AM Acme <m@acme.example> wrote:\n{}",
        quoted.join("\n")
    );
    let prompt = Prompt::new(&[PROMPT_EN]);
    assert_eq!(read(&body, Some(&prompt)), None);
    assert_eq!(read(&body, None), None);
}

mod never_panics {
    use proptest::prelude::*;

    use super::{PROMPT_EN, Prompt, read};

    /// Lines built from the prompt's own pieces, answers, quote marks and odd characters:
    /// the shapes the alignment looks at, shuffled.
    fn line() -> impl Strategy<Value = String> {
        let pieces: Vec<String> = PROMPT_EN
            .lines()
            .map(str::to_string)
            .chain(
                [
                    "yes",
                    "45",
                    "Met: yes / no yes",
                    "-- ",
                    "> ",
                    ">>",
                    "Sent from my iPhone",
                    "É",
                    "1.",
                    "：",
                    "Date:é",
                ]
                .map(str::to_string),
            )
            .collect();
        (prop::sample::select(pieces), 0usize..3, "[ -~é€>:]{0,8}")
            .prop_map(|(piece, depth, noise)| format!("{}{piece}{noise}", "> ".repeat(depth)))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn reading_any_lines_against_the_prompt_never_panics(lines in prop::collection::vec(line(), 0..40)) {
            let body = lines.join("\n");
            let prompt = Prompt::new(&[PROMPT_EN]);
            if let Some(read) = read(&body, Some(&prompt)) {
                prop_assert!(read.inline_reply);
            }
            let _ = read(&body, None);
        }
    }
}

#[test]
fn link_targets_a_client_adds_to_the_quoted_prompt_are_not_new_text() {
    let prompt = Prompt::new(&[
        "Hello Tom,\n\nMet: yes / no\nMinutes:\n\nAnd Cy? Write to cy+t@acme.example with the same form.\n\nAcme",
    ]);
    let body = "Done.\n\n-----Original Message-----\nFrom: Acme <m@acme.example>\nSent: Monday, January 18, 2027 10:02 AM\n\nHello Tom,\nMet: yes / no\nyes\nMinutes:\nAnd Cy? Write to cy+t@acme.example<mailto:cy+t@acme.example> with the same form.\nAcme";
    assert_eq!(read(body, Some(&prompt)).unwrap().text, "Done.\n\nMet: yes");
}

#[test]
fn a_filled_in_form_quoted_deeper_than_the_prompt_is_not_an_answer() {
    let prompt = Prompt::new(&[PROMPT_EN]);
    let quoted: Vec<String> = PROMPT_EN.lines().map(|l| format!("> {l}")).collect();
    let body = format!(
        "On Mon, Jan 18, 2027 at 10:02 AM Acme <m@acme.example> wrote:\n{}\n> > Minutes: 90\nfine\n> Acme Reverse Mentoring",
        quoted
            .join("\n")
            .replace("> Met: yes / no", "> Met: yes / no\nyes")
    );
    let read = read(&body, Some(&prompt)).unwrap();
    assert_eq!(read.text, "Met: yes\nfine");
}
