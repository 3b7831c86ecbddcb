//! Every kind of email, rendered in every language the program writes: nothing English is
//! left in a German, French, Spanish or Dutch email (names, the program's name, topics,
//! goals and people's own words aside), and every message is in every catalog.

use std::collections::HashSet;

use super::compose;
use super::outbox::{
    SAMPLE_DECLINE_REASON, Samples, in_language, preview_time, sample, tests_config,
};
use super::templates::{EmailKind, Rendered, Templates};
use crate::vocab::Lang;

/// The kinds whose built-in templates take their words from the catalogs.
fn translated() -> Vec<EmailKind> {
    EmailKind::ALL
        .iter()
        .copied()
        .filter(|kind| {
            let name = format!("{}.txt.j2", kind.as_str());
            super::templates::DEFAULT_TEMPLATES
                .iter()
                .any(|(n, source)| *n == name && source.contains("t(\""))
        })
        .collect()
}

/// English words that are not also words of the other language: one of them in a
/// non-English email is a sentence left untranslated.
fn english_markers(lang: Lang) -> HashSet<&'static str> {
    let mut words: HashSet<&str> = [
        "the", "and", "you", "your", "with", "this", "that", "have", "has", "been", "would",
        "reply", "please", "meeting", "hello", "thanks", "from", "about", "what", "when", "how",
        "our", "they", "their", "them", "not", "can", "are", "were", "which", "who", "there",
        "here", "its", "time", "just", "next", "each", "other", "email", "emails", "after",
        "before", "only", "nothing", "yet", "still", "sent", "write", "answer", "pair", "partner",
        "partners", "week", "weeks", "days", "went", "met", "is", "was", "will", "on", "an", "of",
        "to", "so", "or", "if", "it", "we", "at", "by",
    ]
    .into_iter()
    .collect();
    // NOTE: words the other language has too.
    let theirs: &[&str] = match lang {
        Lang::De => &["partner", "was", "will", "an", "so", "in"],
        Lang::Nl => &[
            "partner", "partners", "week", "met", "is", "was", "we", "an", "of", "so", "at",
        ],
        Lang::Fr => &["on", "pair", "email", "emails", "si"],
        // "has": "has aprendido".
        Lang::Es => &["email", "emails", "so", "has"],
        Lang::En => &[],
    };
    for w in theirs {
        words.remove(w);
    }
    words
}

/// What an email shows: subject, text and the HTML's text, without markup.
fn shown(r: &Rendered) -> String {
    let mut html = String::new();
    // The body's own tag is open where the body starts.
    let mut in_tag = true;
    let body = r.html.split("<body").nth(1).unwrap_or(&r.html);
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                html.push(' ');
            }
            _ if !in_tag => html.push(c),
            _ => {}
        }
    }
    // The HTML's text as shown: escaped characters as written (as in the data).
    let html = [
        ("&#x27;", "'"),
        ("&#x2f;", "/"),
        ("&quot;", "\""),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(html, |h, (from, to)| h.replace(from, to));
    format!("{}\n{}\n{}", r.subject, r.text, html)
}

/// The sample data's own words (names, addresses, topics, goals, what people wrote), which
/// stay as they were written in every language.
fn data(config: &crate::config::Config, s: &Samples) -> Vec<String> {
    let mut out = vec![
        config.program.name.clone(),
        config.program.coordinator.clone(),
        s.relayed.text.clone(),
        s.question.text.clone(),
        SAMPLE_DECLINE_REASON.to_string(),
    ];
    for p in [&s.pair.mentor, &s.pair.mentee] {
        out.push(p.name.clone());
        out.push(p.email.clone());
        out.extend(p.offers.iter().cloned());
        out.extend(p.wants.iter().cloned());
        out.extend(p.department.iter().cloned());
    }
    out.extend(s.pair.goals.iter().map(|g| g.text.clone()));
    out.extend(s.session.topics.iter().cloned());
    out.extend(s.relayed.subject.iter().cloned());
    out.extend(s.question.subject.iter().cloned());
    // The join request's form, as the person filled it in.
    let j = &s.join;
    out.extend([j.name.clone(), j.email.clone(), j.timezone.clone()]);
    out.extend(j.department.iter().cloned());
    for list in [&j.offers, &j.wants, &j.languages] {
        out.extend(list.iter().cloned());
    }
    // The digests' own data: names, departments, topics and goals, and their charts'
    // rows (dates, bars and counts, the dates as the email's language writes them).
    let templates = Templates::builtin().unwrap();
    let words = super::Words::new(templates.catalog(), config.program.language);
    let hr = crate::digest::view::hr(&s.digest, &words);
    let report = crate::digest::view::final_report(&s.final_report, &words);
    for chart in [&hr.chart, &report.chart] {
        for w in &chart.weeks {
            out.extend([w.text.clone(), w.label.clone(), w.sessions.to_string()]);
            out.extend(w.rating.iter().cloned());
        }
        for r in chart.ratings.iter().flatten() {
            out.extend([
                r.text.clone(),
                r.count.to_string(),
                format!("{}%", r.percent),
            ]);
        }
    }
    // The ready notes' links: addresses and percent-encoded text, not words on show.
    for group in &hr.attention {
        out.extend(group.actions.iter().map(|a| a.href.clone()));
    }
    let d = &s.digest;
    out.extend(d.pairs.never_met.iter().cloned());
    out.extend(d.pairs.at_risk.iter().map(|a| a.pair.clone()));
    out.extend(
        d.cancelling
            .iter()
            .flat_map(|c| [c.name.clone(), c.partner.clone()]),
    );
    out.extend(d.opted_out.iter().map(|(name, ..)| name.clone()));
    for topics in [&d.topics_mentors_taught, &d.topics_mentees_taught] {
        out.extend(topics.iter().map(|t| t.topic.clone()));
    }
    let f = &s.final_report;
    out.extend(f.pairs.iter().map(|p| p.pair.clone()));
    out.extend(f.departments.iter().map(|g| g.group.clone()));
    for said in &f.goals.said {
        out.push(said.pair.clone());
        out.extend(said.goals.iter().map(|(goal, _)| goal.clone()));
    }
    let p = &s.participant_digest;
    out.push(p.name.clone());
    out.extend(p.topics.iter().cloned());
    out.extend(p.partners.iter().map(|partner| partner.name.clone()));
    // Names with `&` as the HTML part writes them.
    let escaped: Vec<String> = out
        .iter()
        .filter(|d| d.contains('&'))
        .map(|d| d.replace('&', "&amp;"))
        .collect();
    out.extend(escaped);
    // Longest first, so that a name is removed before a part of it.
    out.sort_by_key(|d| std::cmp::Reverse(d.len()));
    out
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn no_english_is_left_in_an_email_in_another_language() {
    let base = tests_config();
    let templates = Templates::builtin().unwrap();
    let mut problems = Vec::new();
    let english = {
        let config = in_language(&base, Lang::En);
        let s = Samples::new(&config);
        translated()
            .iter()
            .map(|&kind| {
                let email = sample(&s, &config, kind, preview_time(&config));
                let r =
                    compose::render(&config, &templates, &email, preview_time(&config)).unwrap();
                (kind, words_of(&shown(&r)))
            })
            .collect::<Vec<_>>()
    };
    for &lang in Lang::ALL.iter().filter(|l| **l != Lang::En) {
        let config = in_language(&base, lang);
        let s = Samples::new(&config);
        let data = data(&config, &s);
        let markers = english_markers(lang);
        for &kind in &translated() {
            let email = sample(&s, &config, kind, preview_time(&config));
            let r = compose::render(&config, &templates, &email, preview_time(&config))
                .unwrap_or_else(|e| panic!("{kind} in {lang}: {e}"));
            assert!(
                r.html.contains(&format!("lang=\"{lang}\"")),
                "{kind} in {lang}: the HTML names another language"
            );
            let mut text = shown(&r);
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            let words = words_of(&text);
            let found: Vec<&String> = words
                .iter()
                .filter(|w| markers.contains(w.as_str()))
                .collect();
            if !found.is_empty() {
                problems.push(format!("{kind} in {lang}: English words {found:?}"));
            }
            // Five words in a row as in the English email: a sentence not translated. A run
            // with a number in it is a date and time ("2027, 14:00 (Europe/London)"), which
            // reads alike in several languages.
            let (_, en) = english.iter().find(|(k, _)| *k == kind).unwrap();
            let en_runs: HashSet<&[String]> = en.windows(5).collect();
            let numeric = |w: &String| w.chars().all(|c| c.is_ascii_digit());
            if let Some(run) = words
                .windows(5)
                .find(|w| en_runs.contains(w) && !w.iter().any(numeric))
            {
                problems.push(format!(
                    "{kind} in {lang}: as in English: {}",
                    run.join(" ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_participant_reads_their_own_language_and_a_pair_email_their_shared_one() {
    let config = tests_config();
    let templates = Templates::builtin().unwrap();
    let mut s = Samples::new(&config);
    s.pair.mentor.language = Lang::De;
    s.pair.mentee.language = Lang::De;
    let now = preview_time(&config);
    let nudge = |s: &Samples| {
        let email = sample(s, &config, EmailKind::Nudge, now);
        compose::render(&config, &templates, &email, now).unwrap()
    };
    assert!(nudge(&s).subject.contains("Zeit für ein Treffen"));
    // Partners who read different languages get the program's.
    s.pair.mentee.language = Lang::Fr;
    assert!(nudge(&s).subject.contains("time for a catch-up"));
}
