//! The short forms the emails print in each language (the prompt's and the closing's form,
//! the confirmation's lines, the introduction's goal word), filled in as a person would and
//! read back: every label and answer word a catalog prints is one the program reads.

use chrono::NaiveDate;

use super::extract::{ExtractContext, Session, Vocabulary, extract};
use super::goals::goals_in;
use crate::outbound::catalog::{Arg, Catalog};
use crate::vocab::{GoalOutcome, Lang};

fn read(text: &str) -> Session {
    let v = Vocabulary::new(["ai tools"], &[]);
    let ctx = ExtractContext {
        today: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
        month_first: false,
        since: None,
        vocabulary: &v,
    };
    let read = extract(text, &ctx);
    // Every line is read as a line of the form, not guessed from free words.
    for line in text.lines() {
        assert!(extract(line, &ctx).form, "not a form line: {line}");
    }
    read.session
}

/// A form line's label, up to and with its colon ("Durée (minutes) :").
fn label(line: &str) -> &str {
    let colon = line.find(':').unwrap();
    &line[..=colon]
}

#[test]
fn every_language_reads_back_the_forms_its_emails_print() {
    let c = Catalog::load(None).unwrap();
    for &lang in Lang::ALL {
        let t = |id: &str| c.text(lang, id, &[]).unwrap();
        let met = t("prompt-form-met");
        let yes = met[label(&met).len()..].split('/').next().unwrap().trim();
        let filled = format!(
            "{} {yes}\n{} 2026-11-10\n{} 45\n{} ai tools\n{} 4\n{} good talk",
            label(&met),
            t("prompt-form-date"),
            t("prompt-form-minutes"),
            t("prompt-form-topics"),
            label(&t("prompt-form-rating")),
            t("prompt-form-notes"),
        );
        let s = read(&filled);
        assert_eq!(s.met, Some(true), "{lang}: {filled}");
        assert_eq!(
            s.date,
            NaiveDate::from_ymd_opt(2026, 11, 10),
            "{lang}: {filled}"
        );
        assert_eq!(s.minutes, Some(45), "{lang}: {filled}");
        assert_eq!(
            s.topics,
            Some(vec!["ai tools".to_string()]),
            "{lang}: {filled}"
        );
        assert_eq!(s.rating, Some(4), "{lang}: {filled}");

        // The closing's rating, and a correction copying the confirmation's lines.
        let closing = format!("{} 5", label(&t("closing-form-rating")));
        assert_eq!(read(&closing).rating, Some(5), "{lang}: {closing}");
        let value =
            |id: &str, v: &str| c.text(lang, id, &[("value", Arg::Text(v.into()))]).unwrap();
        let copied = format!(
            "{}\n{}\n{}",
            t("confirmation-met-yes"),
            value("confirmation-minutes", "30"),
            value("confirmation-rating", "3"),
        );
        let s = read(&copied);
        assert_eq!(
            (s.met, s.minutes, s.rating),
            (Some(true), Some(30), Some(3)),
            "{lang}: {copied}"
        );

        // Goals: set with the introduction's word, answered on the closing's lines.
        let set = format!("{} use AI tools", t("intro-goal-word"));
        assert_eq!(goals_in(&set).set, vec!["use AI tools"], "{lang}: {set}");
        let line = c
            .text(lang, "closing-goal-line", &[("number", Arg::Number(2.0))])
            .unwrap();
        let answers: Vec<&str> = line[label(&line).len()..]
            .split('/')
            .map(str::trim)
            .collect();
        assert_eq!(
            goals_in(&line).outcomes,
            vec![],
            "{lang}: {line} as printed"
        );
        let expected = [
            GoalOutcome::Reached,
            GoalOutcome::Partly,
            GoalOutcome::NotReached,
        ];
        for (answer, outcome) in answers.iter().zip(expected) {
            let said = format!("{} {answer}", label(&line));
            assert_eq!(
                goals_in(&said).outcomes,
                vec![(2, outcome)],
                "{lang}: {said}"
            );
        }
        assert_eq!(answers.len(), 3, "{lang}: {line}");
    }
}
