//! Owns what the reader knows of the prompt without the one that was sent: the program's own
//! short form as the five built-in catalogs print it (`locales/LANG/prompt.ftl`: the words
//! of its blanks, "yes / no", "ja / nein", …; its labels are those `extract` reads) and the
//! sentences the prompt prints around the form (the footer, "And Cy? … write to"), in pieces
//! between the names they fill in. [`super::read`] knows the form in a quoted prompt by its
//! labels and the blank's words, and tells a value the person typed from those words. Does
//! not read the reply.
//!
//! Decisions:
//! - The built-in catalogs, not HR's: the reader runs without a config (`upward inspect`),
//!   and `extract`'s labels ([`super::field_of`]) know more labels than the catalogs print.
//! - A sentence is known by its pieces of 20 characters or more: shorter pieces ("And ",
//!   ", write to") are words a person may type.

use std::sync::LazyLock;

use super::{MIN_PIECE, norm, question_shape};
use crate::outbound::catalog::{Arg, Catalog};
use crate::vocab::Lang;

/// The form's lines in the catalogs, in the order the prompt prints them.
pub(crate) const FORM_LINES: [&str; 6] = [
    "prompt-form-met",
    "prompt-form-date",
    "prompt-form-minutes",
    "prompt-form-topics",
    "prompt-form-rating",
    "prompt-form-notes",
];

/// The prompt's sentences around the form (the names they fill in cut out).
const SENTENCES: [&str; 6] = [
    "prompt-intro",
    "prompt-goals",
    "prompt-goals-with",
    "prompt-also",
    "prompt-also-after",
    "prompt-footer",
];

/// What a catalog fills in for a name: the sentence is cut there.
const CUT: char = '\u{1}';

/// The program's own form and prompt sentences in every built-in language.
#[derive(Debug, Default)]
pub(super) struct Form {
    /// The blanks' own words ("yes / no"), normalised: a value starting with one is the
    /// program's form, and those words are nobody's answer. (The form's labels are those
    /// [`super::field_of`] knows: `form_tests` holds that it reads every catalog's.)
    pub(super) hints: Vec<String>,
    /// The pieces of the prompt's sentences, normalised.
    sentences: Vec<String>,
}

/// The built-in form, read once.
pub(super) static FORM: LazyLock<Form> = LazyLock::new(Form::builtin);

impl Form {
    fn builtin() -> Form {
        // NOTE: the built-in catalogs always load (the catalog's own tests and `upward
        // check` hold it); were one broken, the reader would only know less of the form.
        let Ok(catalog) = Catalog::load(None) else {
            return Form::default();
        };
        let mut form = Form::default();
        let names = [
            ("partner", Arg::Text(CUT.to_string())),
            ("first", Arg::Text(CUT.to_string())),
            ("names", Arg::Text(CUT.to_string())),
        ];
        for &lang in Lang::ALL {
            for id in FORM_LINES {
                let Ok(line) = catalog.text(lang, id, &[]) else {
                    continue;
                };
                let Some((_, hint)) = question_shape(&line) else {
                    continue;
                };
                let hint = norm(hint);
                if !hint.is_empty() && !form.hints.contains(&hint) {
                    form.hints.push(hint);
                }
            }
            for id in SENTENCES {
                let Ok(text) = catalog.text(lang, id, &names) else {
                    continue;
                };
                form.sentences.extend(
                    text.split(CUT)
                        .map(norm)
                        .filter(|piece| piece.chars().count() >= MIN_PIECE),
                );
            }
        }
        form
    }

    /// Whether a line is a piece of one of the prompt's sentences, or holds one.
    pub(super) fn is_sentence(&self, line: &str) -> bool {
        let n = norm(line);
        let long = n.chars().count() >= MIN_PIECE;
        self.sentences
            .iter()
            .any(|piece| n.contains(piece.as_str()) || long && piece.contains(&n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blanks_words_and_the_prompts_sentences_of_every_language_are_known() {
        assert_eq!(
            FORM.hints,
            ["yes / no", "ja / nein", "oui / non", "sí / no", "ja / nee"]
        );
        let catalog = Catalog::load(None).unwrap();
        for &lang in Lang::ALL {
            for id in FORM_LINES {
                let line = catalog.text(lang, id, &[]).unwrap();
                let (label, _) = question_shape(&line).unwrap();
                assert!(
                    super::super::field_of(&label.to_lowercase()).is_some(),
                    "{lang}: {line}"
                );
            }
        }
        assert!(
            FORM.is_sentence(
                "Only what you write above your signature is read. Reply PAUSE, RESUME,"
            )
        );
        assert!(FORM.is_sentence(
            "Und Cy? Um uns von Ihren Treffen mit Lea zu erzählen, schreiben Sie an c@x.example"
        ));
        assert!(!FORM.is_sentence("We talked about the budget."));
        assert!(!FORM.is_sentence("Tuesday"));
    }
}
