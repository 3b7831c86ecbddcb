//! The inline shapes of issue 15 as whole messages (`tests/fixtures/inline/*.eml`): each read
//! as `upward inspect` reads it (no prompt known) and again against the prompt it answers, as
//! the daemon does once routing found that prompt in the outbox.

use chrono::{TimeZone, Utc};

use super::inline::form::FORM_LINES;
use super::inline::{Prompt, read};
use super::{Context, Inspection, inspect, reread};
use crate::outbound::catalog::{Arg, Catalog};
use crate::vocab::Lang;

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

    /// Lines built from the prompt's own pieces, answers, quote marks, quote headers and odd
    /// characters: the shapes the alignment and the form look at, shuffled.
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
                    "From: Acme <m@acme.example>",
                    "Sent: Monday, 16 November 2026 09:00",
                    "-----Original Message-----",
                    "On Mon, Jan 18, 2027 at 10:02 AM Acme <m@acme.example> wrote:",
                    "Getroffen: ja / nein ja",
                    "Date: Tuesday",
                    "",
                ]
                .map(str::to_string),
            )
            .collect();
        (prop::sample::select(pieces), 0usize..3, "[ -~é€>:]{0,8}")
            .prop_map(|(piece, depth, noise)| format!("{}{piece}{noise}", "> ".repeat(depth)))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

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

/// `prompt` quoted under Outlook's header block, without `>` marks, below `top`.
fn under_outlook_header(top: &str, prompt: &str) -> String {
    format!(
        "{top}\n\nFrom: Acme Reverse Mentoring <mentoring+t4o8k@acme.example>\nSent: Monday, 16 November 2026 09:00\nTo: Tom Okafor <tom.okafor@acme.example>\nSubject: How are things going with Lea?\n\n{prompt}"
    )
}

/// The prompt's short form as the catalog of `lang` prints it, the labels without colons.
fn catalog_form(lang: Lang) -> Vec<String> {
    let c = Catalog::load(None).unwrap();
    FORM_LINES
        .iter()
        .map(|id| c.text(lang, id, &[]).unwrap())
        .collect()
}

#[test]
fn values_typed_into_the_programs_form_in_any_language_are_read_with_or_without_the_prompt() {
    let c = Catalog::load(None).unwrap();
    for &lang in Lang::ALL {
        let form = catalog_form(lang);
        let label = |i: usize| form[i].split(':').next().unwrap().trim().to_string();
        let hint = form[0].split(':').nth(1).unwrap().trim().to_string();
        let yes = hint.split('/').next().unwrap().trim().to_string();
        let names = [
            ("partner", Arg::Text("Lea Braun".to_string())),
            ("first", Arg::Text("Lea".to_string())),
        ];
        let blank = format!(
            "{}\n\n{}\n\n{}\n\n{}\n\nAcme Reverse Mentoring",
            c.text(lang, "hello", &[("name", Arg::Text("Tom".to_string()))])
                .unwrap(),
            c.text(lang, "prompt-intro", &names).unwrap(),
            form.join("\n"),
            c.text(lang, "prompt-footer", &[]).unwrap(),
        );
        // Typed after the blank's words, after a label, and on the line under a label.
        let filled = blank
            .replace(&form[0], &format!("{} {yes}", form[0]))
            .replace(&form[1], &format!("{} 17/11", form[1]))
            .replace(&form[3], &format!("{}\nnegotiation, AI tools", form[3]))
            .replace(&form[4], &format!("{} 4", form[4]));
        let body = under_outlook_header("See below.", &filled);
        let want = format!(
            "See below.\n\n{}: {yes}\n{}: 17/11\n{}: negotiation, AI tools\n{}: 4",
            label(0),
            label(1),
            label(3),
            label(4)
        );
        let alone = read(&body, None).unwrap_or_else(|| panic!("{lang}: nothing read"));
        assert_eq!(alone.text, want, "{lang}, without the prompt");
        assert!(alone.inline_reply);
        let prompt = Prompt::new(&[blank.as_str()]);
        assert_eq!(
            read(&body, Some(&prompt)).unwrap().text,
            want,
            "{lang}, with the prompt"
        );
        // The form left blank gives nothing, with or without the prompt.
        let untouched = under_outlook_header("See below.", &blank);
        assert_eq!(read(&untouched, None), None, "{lang}");
        assert_eq!(read(&untouched, Some(&prompt)), None, "{lang}");
    }
}

/// A quoted prompt of the English form with `form` in its place.
fn prompt_with(form: &str) -> String {
    format!(
        "Hello Tom,\n\nDid you meet Lea Braun recently? Reply to this email and tell us how it went: what you learned from Lea, and what you shared in return. Fill in the short form below, or just write in plain words: both work.\n\n{form}\n\nOnly what you write above your signature is read. Reply PAUSE, RESUME, SKIP, STOP or HELP at any time.\n\nAcme Reverse Mentoring"
    )
}

#[test]
fn nothing_is_read_from_a_quoted_form_nobody_filled_in_here() {
    let answered = "Met: yes / no Yes\nDate: Tuesday\nMinutes: 45\nTopics:\nNegotiation\nRating 1-5: 4\nNotes:";
    let cases: Vec<(&str, String)> = vec![
        (
            "the blank's own words and placeholders",
            under_outlook_header(
                "Fine.",
                &prompt_with(
                    "Met: Yes / No\nDate: ___\nMinutes: …\nTopics:\nRating 1-5: (1-5)\nNotes: [ ]",
                ),
            ),
        ),
        (
            "a blank form with the footer right under its last label",
            under_outlook_header(
                "Fine.",
                &prompt_with("Met: yes / no\nDate:\nMinutes:\nTopics:\nRating 1-5:\nNotes:")
                    .replace("Notes:\n\n", "Notes:\n"),
            ),
        ),
        (
            "a form filled in without the blank's words: someone's answers, not the prompt",
            under_outlook_header(
                "Fine.",
                &prompt_with(
                    "Met: yes\nDate: Tuesday\nMinutes: 45\nTopics: negotiation\nRating 1-5: 4",
                ),
            ),
        ),
        (
            "a partner's reply quoted below, her answers in the prompt she quoted",
            under_outlook_header(
                "Thanks Lea!",
                &under_outlook_header("See my answers below.", &prompt_with(answered)),
            )
            .replacen("From: Acme Reverse Mentoring", "From: Lea Braun", 1),
        ),
        (
            "a forwarded conversation",
            format!(
                "FYI, Lea's answers.\n\n---------- Forwarded message ---------\nFrom: Lea Braun <lea.braun@acme.example>\nDate: Tue, 17 Nov 2026 at 10:00\nSubject: RE: How are things going with Tom?\nTo: Tom Okafor <tom.okafor@acme.example>\n\n{}",
                under_outlook_header("Answers below.", &prompt_with(answered))
            ),
        ),
        (
            "a partner's reply quoted with `>` marks",
            format!(
                "Great!\n\nOn Tue, 17 Nov 2026 at 10:00, Lea Braun <lea.braun@acme.example> wrote:\n{}",
                under_outlook_header("See my answers below.", &prompt_with(answered))
                    .lines()
                    .map(|l| format!("> {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        ),
        (
            "a reply to one's own answers sent with nothing on top",
            under_outlook_header(
                "Forgot one thing: it was a great chat.",
                &under_outlook_header("", &prompt_with(answered)),
            )
            .replacen("From: Acme Reverse Mentoring", "From: Tom Okafor", 1),
        ),
    ];
    for (name, body) in &cases {
        assert_eq!(read(body, None), None, "{name}:\n{body}");
    }
    // The same prompt, answered in the message the reply answers, is read.
    let own = under_outlook_header("See my answers below.", &prompt_with(answered));
    assert_eq!(
        read(&own, None).unwrap().text,
        "See my answers below.\n\nMet: Yes\nDate: Tuesday\nMinutes: 45\nTopics: Negotiation\nRating 1-5: 4"
    );
}

#[test]
fn a_notes_header_and_disclaimer_above_the_form_are_not_answers() {
    let body = "Hallo,\n\nmeine Antworten stehen unten in rot.\n\nGruß\nStefan\n\nDiese E-Mail enthält vertrauliche Informationen.\n\n\n\nVon:\tAcme Reverse Mentoring <mentoring+t4o8k@acme.example>\nAn:\tStefan Krüger <stefan@acme.example>\nDatum:\t25.01.2027 09:00\nBetreff:\tWie läuft es mit Jonas?\n\nHallo Stefan,\n\nGetroffen: ja / nein ja\nDatum: Mittwoch\nMinuten: 1 Std.\nThemen: Strategie\nBewertung 1-5: 4\nAnmerkungen:\n\nAcme Reverse Mentoring";
    let text = read(body, None).unwrap().text;
    assert!(
        text.ends_with("\n\nGetroffen: ja\nDatum: Mittwoch\nMinuten: 1 Std.\nThemen: Strategie\nBewertung 1-5: 4"),
        "{text}"
    );
    assert!(!text.contains("25.01.2027"), "{text}");
}

#[test]
fn a_note_under_the_forms_last_label_ends_at_a_blank_line_or_the_prompts_own_words() {
    let form = "Met: yes / no\nyes\nDate:\nMinutes:\nTopics:\nRating 1-5:\nNotes:\nGreat chat.";
    let want = "Fine.\n\nMet: yes\nNotes: Great chat.";
    let body = under_outlook_header("Fine.", &prompt_with(form));
    assert_eq!(read(&body, None).unwrap().text, want);
    let tight = body.replace("Great chat.\n\n", "Great chat.\n");
    assert_eq!(read(&tight, None).unwrap().text, want);
}

#[test]
fn stars_typed_as_asterisks_after_a_label_are_an_answer() {
    let form = "Met: yes / no yes\nDate:\nMinutes:\nTopics:\nRating 1-5: ****\nNotes:";
    let body = under_outlook_header("See below.", &prompt_with(form));
    assert_eq!(
        read(&body, None).unwrap().text,
        "See below.\n\nMet: yes\nRating 1-5: ****"
    );
}

#[test]
fn answers_typed_inside_a_quoted_html_prompt_are_read_and_its_blank_form_is_not() {
    const FOOTER: &str = "Only what you write above your signature is read. Reply PAUSE, RESUME, SKIP, STOP or HELP at any time.";
    // The HTML prompt quoted by Gmail: its form in a `<pre>`, the footer's paragraph right
    // below it with no blank line between once it is text.
    let html = |form: &str, footer: &str| {
        let raw = format!(
            "From: Tom <tom.okafor@acme.example>\nSubject: Re: How are things going with Lea?\nDate: Wed, 18 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n<div>See below.</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Nov 16, 2026 at 9:00 AM Acme &lt;m@acme.example&gt; wrote:</div><blockquote class=\"gmail_quote\"><p>Hello Tom,</p><p>Did you meet Lea Braun recently? Reply to this email and tell us how it went.</p><pre style=\"white-space: pre-wrap\">\n{form}\n</pre><p>{footer}</p><p>Acme Reverse Mentoring</p></blockquote></div>\n"
        );
        inspect(raw.as_bytes(), &ctx())
    };
    let answered = html(
        "Met: yes / no yes\nDate:\nMinutes: 45\nTopics:\nRating 1-5: 4\nNotes:\nGreat chat.",
        FOOTER,
    );
    assert_eq!(
        answered.text.as_deref(),
        Some("See below.\n\nMet: yes\nMinutes: 45\nRating 1-5: 4\nNotes: Great chat.")
    );
    assert_eq!(answered.session.unwrap().minutes, Some(45));
    let blank = "Met: yes / no\nDate:\nMinutes:\nTopics:\nRating 1-5:\nNotes:";
    // A footer of HR's own wording is not a note under the blank "Notes:" either.
    for footer in [FOOTER, "Questions? Write to Priya in People Programs."] {
        assert_eq!(
            html(blank, footer).text.as_deref(),
            Some("See below."),
            "{footer}"
        );
    }
}

/// `text`'s paragraphs re-wrapped at `width` columns, as a client quoting it may.
fn rewrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split_whitespace() {
            if !current.is_empty() && current.len() + 1 + word.len() > width {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(current);
    }
    out.join("\n")
}

#[test]
fn a_prompt_the_client_re_wrapped_is_still_a_copy_of_the_prompt() {
    let prompt = Prompt::new(&[PROMPT_EN]);
    let answered = PROMPT_EN
        .replace("Met: yes / no", "Met: yes / no\nYes")
        .replace("Minutes:", "Minutes:\n45");
    for width in [24, 33, 50, 200] {
        let quoted = rewrap(&answered, width)
            // A client that breaks before the first words of a line leaves them alone.
            .replacen("Did you meet ", "Did you\nmeet ", 1);
        let body = under_outlook_header("Answers below.", &quoted);
        let read = read(&body, Some(&prompt)).unwrap();
        assert_eq!(
            read.text, "Answers below.\n\nMet: Yes\nMinutes: 45",
            "wrapped at {width}:\n{quoted}"
        );
    }
}

#[test]
fn a_flowed_prompt_as_sent_is_a_copy_when_quoted_unwrapped() {
    let sent = "From: m@acme.example\nSubject: How are things going with Lea?\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8; format=flowed\n\nHello Tom,\n\nDid you meet Lea Braun recently? Reply to this email and tell us \nhow it went: what you learned from Lea, and what you shared in \nreturn. Fill in the short form below, or just write in plain words: \nboth work.\n\nMet: yes / no\nDate:\nMinutes:\n\nOnly what you write above your signature is read. Reply PAUSE, \nRESUME, SKIP, STOP or HELP at any time.\n\nAcme Reverse Mentoring\n";
    let prompt = Prompt::from_sent(sent.as_bytes()).unwrap();
    let quoted = "Hello Tom,\n\nDid you meet Lea Braun recently? Reply to this email and tell us how it went: what you learned from Lea, and what you shared in return. Fill in the short form below, or just write in plain words: both work.\n\nMet: yes / no\nno, next week\nDate:\nMinutes:\n\nOnly what you write above your signature is read. Reply PAUSE, RESUME, SKIP, STOP or HELP at any time.\n\nAcme Reverse Mentoring";
    let body = under_outlook_header("Hi.", quoted);
    assert_eq!(
        read(&body, Some(&prompt)).unwrap().text,
        "Hi.\n\nMet: no, next week"
    );
}
