//! Owns the small text helpers the inbound reading stages share: compiling the literal
//! patterns they use ([`re`]), knowing the short form's labels in every language
//! ([`field_of`], [`is_form_label`]) and reading typographic apostrophes as plain ones
//! ([`plain_apostrophes`]). Imports no other stage, so trim, extract, when,
//! classify and correction import this module and never each other in a circle.

use regex::Regex;

/// Compiles one of the stages' literal patterns.
///
/// # Panics
/// Never for the literals the stages pass (see the NOTE).
// NOTE: every pattern passed here is a literal tested by its module's unit tests; compiling
// one cannot fail at run time, so `expect` cannot fire.
#[allow(clippy::expect_used)]
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("literal regex compiles")
}

/// A field of the short form a reply may fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Met,
    Date,
    Minutes,
    Topics,
    Rating,
    Notes,
    /// "Note": a rating when its value is one, else notes.
    NoteOrRating,
}

/// The form field a label names (lowercase, without a trailing "(1-5)" or similar).
pub(crate) fn field_of(label: &str) -> Option<Field> {
    let label = label
        .trim()
        .trim_matches(['*', '_', '-', ' '])
        .trim_end_matches('?')
        .trim();
    // "Rating 1-5", "Bewertung (1-5)", "Met (yes/no)".
    let label = label
        .split(['(', '['])
        .next()
        .unwrap_or(label)
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '/' || c == ' ')
        .trim();
    let field = match label {
        "met"
        | "did you meet"
        | "meeting"
        | "we met"
        | "getroffen"
        | "treffen"
        | "habt ihr euch getroffen"
        | "rencontré"
        | "rencontre"
        | "rencontrés"
        | "vus"
        | "réunion"
        | "reunión"
        | "reunion"
        | "os habéis reunido"
        | "os habeis reunido"
        | "encuentro"
        | "gesproken"
        | "afgesproken"
        | "ontmoet"
        | "hebben jullie elkaar gesproken" => Field::Met,
        "date" | "datum" | "when" | "wann" | "quand" | "day" | "tag" | "jour" | "fecha"
        | "cuándo" | "cuando" | "día" | "dia" | "wanneer" | "dag" => Field::Date,
        "minutes" | "mins" | "min" | "duration" | "length" | "how long" | "time" | "minuten"
        | "dauer" | "zeit" | "durée" | "duree" | "temps" | "duración" | "duracion" | "minutos"
        | "tiempo" | "duur" | "tijd" => Field::Minutes,
        "topics" | "topic" | "subjects" | "themen" | "thema" | "sujets" | "sujet" | "thèmes"
        | "themes" | "thème" | "temas" | "tema" | "onderwerpen" | "onderwerp" | "thema's" => {
            Field::Topics
        }
        "rating" | "rate" | "score" | "stars" | "bewertung" | "sterne" | "évaluation"
        | "evaluation" | "valoración" | "valoracion" | "puntuación" | "puntuacion"
        | "estrellas" | "beoordeling" | "cijfer" | "sterren" => Field::Rating,
        "notes" | "comments" | "comment" | "feedback" | "notizen" | "anmerkungen"
        | "bemerkungen" | "kommentar" | "kommentare" | "remarques" | "commentaires"
        | "commentaire" | "notas" | "comentarios" | "comentario" | "observaciones"
        | "opmerkingen" | "opmerking" | "notities" | "commentaar" => Field::Notes,
        // "Note" (French) and "Nota" (Spanish) are a mark as often as a note.
        "note" | "nota" => Field::NoteOrRating,
        _ => return None,
    };
    Some(field)
}

/// Whether a lowercase label is one of the short form's labels (in any of its languages).
pub(crate) fn is_form_label(label: &str) -> bool {
    field_of(label).is_some()
}

/// `text` with its typographic apostrophes (’ ‘ ´ ʼ) written as `'`, so that the word
/// tables, which spell "didn't" and "s'est" with the plain one, read what phones and Outlook
/// type. Borrowed when there is none.
pub(crate) fn plain_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    const TYPOGRAPHIC: [char; 4] = ['’', '‘', '´', 'ʼ'];
    if text.contains(TYPOGRAPHIC) {
        std::borrow::Cow::Owned(text.replace(TYPOGRAPHIC, "'"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_apostrophes_become_plain_and_other_text_is_borrowed() {
        assert_eq!(plain_apostrophes("didn’t ‘x´ sʼ"), "didn't 'x' s'");
        assert!(matches!(
            plain_apostrophes("45′ “quoted”"),
            std::borrow::Cow::Borrowed("45′ “quoted”")
        ));
    }
}
