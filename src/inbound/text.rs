//! Owns the small text helpers the inbound reading stages share: compiling the literal
//! patterns they use ([`re`]), knowing the short form's labels in every language
//! ([`field_of`], [`is_form_label`]) and reading typographic apostrophes as plain ones
//! ([`plain_apostrophes`]). Imports no other stage, so trim, extract, when,
//! classify and correction import this module and never each other in a circle.

pub(crate) use crate::plain_apostrophes;
use regex::{Regex, RegexSet};
use regex_syntax::hir::{Hir, HirKind};

/// The most memory the fast (lazy DFA) engine of one pattern keeps per thread: the big
/// patterns of many languages and Unicode letters (`\w`, case-insensitive) need more
/// states than the default 2 MB holds, and a full cache is cleared and built again on
/// every message (at 8 MB the reply corpus reads about a third faster).
const DFA_CACHE: usize = 8 << 20;

/// Compiles one of the stages' literal patterns.
///
/// # Panics
/// Never for the literals the stages pass (see the NOTE).
// NOTE: every pattern passed here is a literal tested by its module's unit tests; compiling
// one cannot fail at run time, so `expect` cannot fire.
#[allow(clippy::expect_used)]
pub(crate) fn re(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(DFA_CACHE)
        .build()
        .expect("literal regex compiles")
}

/// A cheap test in front of many patterns: a set that matches a text wherever one of
/// `patterns` could match a piece of it, i.e. the patterns without their assertions (word
/// boundaries, `^`, `$`), groups and upper bounds of repetitions. A pattern the set does not
/// find in a text matches no part of it, so only the ones it finds need running: one pass
/// over the text instead of one per pattern, and without the word boundaries that keep the
/// fast engines off text that is not ASCII.
///
/// # Panics
/// Never for the literals the stages pass (see [`re`]).
#[allow(clippy::expect_used)]
pub(crate) fn prefilter<S: AsRef<str>>(patterns: &[S]) -> RegexSet {
    let widened: Vec<String> = patterns
        .iter()
        .map(|p| {
            let hir = regex_syntax::Parser::new()
                .parse(p.as_ref())
                .expect("literal regex parses");
            without_assertions(hir).to_string()
        })
        .collect();
    // The set's states hold many patterns' at once: with one pattern's cache its lazy DFA
    // was rebuilt on nearly every reply (2.5 times slower on the corpus), with four it keeps.
    regex::RegexSetBuilder::new(widened)
        .dfa_size_limit(4 * DFA_CACHE)
        .build()
        .expect("literal regex set compiles")
}

/// `hir` with every assertion matching the empty string, every group its contents and
/// every repetition unbounded: it matches wherever `hir` does, and more.
fn without_assertions(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Empty | HirKind::Look(_) => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Capture(capture) => without_assertions(*capture.sub),
        HirKind::Repetition(mut repetition) => {
            // "[^,;]{0,40}" as "[^,;]*": a bounded repetition is forty copies of its
            // pattern, which the fast engine cannot hold for a set of many.
            repetition.max = None;
            repetition.sub = Box::new(without_assertions(*repetition.sub));
            Hir::repetition(repetition)
        }
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(without_assertions).collect()),
        HirKind::Alternation(parts) => {
            Hir::alternation(parts.into_iter().map(without_assertions).collect())
        }
    }
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
        | "hebben jullie elkaar gesproken"
        // The question, as a participant may rephrase it.
        | "did we meet"
        | "have you met"
        | "met up"
        | "treffen stattgefunden"
        | "habt ihr euch gesehen"
        | "vous êtes-vous vus"
        | "vous vous êtes vus"
        | "rencontre effectuée"
        | "os habéis visto"
        | "os habeis visto"
        | "nos reunimos"
        | "elkaar gesproken"
        | "elkaar gezien" => Field::Met,
        "date" | "datum" | "when" | "wann" | "quand" | "day" | "tag" | "jour" | "fecha"
        | "cuándo" | "cuando" | "día" | "dia" | "wanneer" | "dag" | "meeting date"
        | "date of meeting" | "datum des treffens" | "date de la rencontre" | "date de rencontre"
        | "fecha de la reunión" | "fecha de reunión" | "datum gesprek"
        | "datum van het gesprek" => Field::Date,
        "minutes" | "mins" | "min" | "duration" | "length" | "how long" | "time" | "minuten"
        | "dauer" | "zeit" | "durée" | "duree" | "temps" | "duración" | "duracion" | "minutos"
        | "tiempo" | "duur" | "tijd" | "how many minutes" | "wie lange" | "wie lang"
        | "dauer in minuten" | "combien de temps" | "durée en minutes" | "cuánto tiempo"
        | "cuanto tiempo" | "duración en minutos" | "hoe lang" | "duur in minuten" => {
            Field::Minutes
        }
        "topics" | "topic" | "subjects" | "themen" | "thema" | "sujets" | "sujet" | "thèmes"
        | "themes" | "thème" | "temas" | "tema" | "onderwerpen" | "onderwerp" | "thema's"
        | "what did you talk about" | "discussed" | "talked about" | "gesprächsthemen"
        | "worüber habt ihr gesprochen" | "besprochen" | "sujets abordés"
        | "de quoi avez-vous parlé" | "temas tratados" | "de qué hablasteis"
        | "de que hablasteis" | "waarover hebben jullie gesproken" | "besproken" => {
            Field::Topics
        }
        "rating" | "rate" | "score" | "stars" | "bewertung" | "sterne" | "évaluation"
        | "evaluation" | "valoración" | "valoracion" | "puntuación" | "puntuacion"
        | "estrellas" | "beoordeling" | "cijfer" | "sterren" | "grade" | "punkte" | "étoiles"
        | "etoiles" | "calificación" | "calificacion" | "waardering" => Field::Rating,
        "notes" | "comments" | "comment" | "feedback" | "notizen" | "anmerkungen"
        | "bemerkungen" | "kommentar" | "kommentare" | "remarques" | "commentaires"
        | "commentaire" | "notas" | "comentarios" | "comentario" | "observaciones"
        | "opmerkingen" | "opmerking" | "notities" | "commentaar" | "remarks" | "anything else"
        | "anmerkung" | "bemerkung" | "sonstiges" | "remarque" | "autres remarques"
        | "observación" | "observacion" | "otros comentarios" | "overig" | "overige"
        | "overige opmerkingen" => Field::Notes,
        // "Note" (French) and "Nota" (Spanish) are a mark as often as a note; so is a word of
        // summing up ("Overall: 4", "Gesamt: sehr hilfreich").
        "note" | "nota" | "overall" | "gesamt" | "insgesamt" | "gesamteindruck" | "note globale"
        | "globalement" | "en general" | "en resumen" | "algemeen" | "al met al" => {
            Field::NoteOrRating
        }
        _ => return None,
    };
    Some(field)
}

/// A form value without the bold marks HTML left before it ("**Met:** yes" leaves "** yes"),
/// unless they are all it has: a rating of "****" stays.
pub(crate) fn unbolded(value: &str) -> &str {
    let unbolded = value.trim_start_matches('*').trim();
    if unbolded.chars().any(char::is_alphanumeric) {
        unbolded
    } else {
        value
    }
}

/// Whether a lowercase label is one of the short form's labels (in any of its languages).
pub(crate) fn is_form_label(label: &str) -> bool {
    field_of(label).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_rephrased_as_the_question_or_a_longer_noun_names_its_field() {
        for (label, field) in [
            ("have you met?", Field::Met),
            ("treffen stattgefunden", Field::Met),
            ("vous vous êtes vus ?", Field::Met),
            ("os habéis visto", Field::Met),
            ("elkaar gesproken", Field::Met),
            ("meeting date", Field::Date),
            ("datum des treffens", Field::Date),
            ("date de la rencontre", Field::Date),
            ("fecha de la reunión", Field::Date),
            ("datum van het gesprek", Field::Date),
            ("how many minutes", Field::Minutes),
            ("wie lange?", Field::Minutes),
            ("combien de temps", Field::Minutes),
            ("cuánto tiempo", Field::Minutes),
            ("hoe lang", Field::Minutes),
            ("what did you talk about?", Field::Topics),
            ("worüber habt ihr gesprochen?", Field::Topics),
            ("sujets abordés", Field::Topics),
            ("temas tratados", Field::Topics),
            ("besproken", Field::Topics),
            ("grade (1-5)", Field::Rating),
            ("étoiles", Field::Rating),
            ("calificación 1-5", Field::Rating),
            ("waardering", Field::Rating),
            ("anything else", Field::Notes),
            ("sonstiges", Field::Notes),
            ("overige opmerkingen", Field::Notes),
        ] {
            assert_eq!(field_of(label), Some(field), "{label}");
        }
        // A mail header's label is none of the form's.
        for label in ["from", "von", "objet", "asunto", "van", "sent", "envoyé"] {
            assert_eq!(field_of(label), None, "{label}");
        }
    }

    #[test]
    fn typographic_apostrophes_become_plain_and_other_text_is_borrowed() {
        assert_eq!(plain_apostrophes("didn’t ‘x´ sʼ"), "didn't 'x' s'");
        assert!(matches!(
            plain_apostrophes("45′ “quoted”"),
            std::borrow::Cow::Borrowed("45′ “quoted”")
        ));
    }
}
