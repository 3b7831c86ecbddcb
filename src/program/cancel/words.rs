//! The words that say who called a meeting off, in the five languages the reader reads:
//! the writer ("I had to cancel", "ich musste absagen", "j'ai dû annuler", "tuve que
//! cancelar", "ik moest afzeggen"), the partner ("Pat had to cancel", "hat Klaus
//! abgesagt", "elle a annulé", "Diego canceló", "Daan heeft het verzet") or both ("we
//! forgot", "wir haben es beide vergessen", "on a oublié", "nos olvidamos", "we zijn het
//! vergeten").
//!
//! The partner's first name is written as [`PARTNER`] before the patterns run, so that one
//! set of patterns, compiled once, reads every pair's reports (compiling a pattern per
//! report would cost more than reading the reply).

use std::sync::LazyLock;

use regex::Regex;

/// What the partner's first name becomes in the text the patterns read.
pub(super) const PARTNER: &str = "zzpartnerzz";

/// Up to five words between a subject and the words of cancelling ("ich habe den Termin
/// leider absagen müssen"), none across a comma or a full stop.
const GAP: &str = r"(?:[\p{L}'-]+\s+){0,5}?";

/// Words of calling off, per language.
const EN: &str = r"(?:had to |needed to |have to |has to |must |)(?:cancel(?:l?ed)?|postpone(?:d)?|move(?:d)?|reschedule(?:d)?|call(?:ed)? (?:it )?off|drop(?:ped)? out|forgot|could ?n[o']t make it|could not come|couldn't come|was ill|was sick|got sick|was away|was travel(?:l)?ing)";
const DE: &str = r"(?:abgesagt|absagen|abzusagen|verschoben|verschieben|storniert|gecancelt|vergessen|krank|verhindert|nicht kommen|nicht gekonnt)";
const FR: &str = r"(?:annulé|annuler|décommandé|décommander|reporté|reporter|oublié|malade|empêchée?|pas pu (?:venir|me libérer|se libérer|être là))";
const ES_ME: &str = r"(?:tuve que (?:cancelar|suspender|posponer|aplazar|anular|cambiar)|cancelé|suspendí|pospuse|aplacé|anulé|me olvidé|se me olvidó|no pude (?:ir|venir|asistir|llegar|conectarme)|me enfermé|me puse enferm[oa]|estuve enferm[oa])";
const ES_THEM: &str = r"(?:tuvo que (?:cancelar|suspender|posponer|aplazar|anular|cambiar)|canceló|suspendió|pospuso|aplazó|anuló|se olvidó|se le olvidó|no pudo (?:ir|venir|asistir|llegar|conectarse)|se enfermó|se puso enferm[oa]|estuvo enferm[oa])";
const NL: &str = r"(?:afgezegd|afzeggen|af moeten zeggen|verzet|verzetten|verplaatst|geannuleerd|annuleren|gecanceld|vergeten|ziek|verhinderd|niet komen|niet kunnen komen)";

/// The partner as a subject, per language (their name is [`PARTNER`] by then).
const THEY_EN: &str = r"(?:my (?:mentor|mentee|partner)|they|she|he|zzpartnerzz)";
const THEY_DE: &str = r"(?:er|sie|mein(?:e)? (?:mentor(?:in)?|mentee|partner(?:in)?|tandempartner(?:in)?)|zzpartnerzz)";
const THEY_FR: &str = r"(?:il|elle|mon (?:mentor|mentoré|binôme|partenaire)|ma (?:mentore|mentorée|partenaire)|zzpartnerzz)";
const THEY_ES: &str = r"(?:él|ella|mi (?:mentor(?:a)?|mentee|pareja|compañer[oa])|zzpartnerzz)";
const THEY_NL: &str = r"(?:hij|zij|ze|mijn (?:mentor|mentee|partner|maatje)|zzpartnerzz)";

/// German and Dutch put the subject after the verb when a sentence opens with another word
/// ("Leider musste ich absagen", "Helaas heeft Daan afgezegd").
const AUX_DE: &str = r"(?:musste|muss|habe|hab|hat|hatte|war|ist|bin|konnte|wollte)";
const AUX_NL: &str = r"(?:moest|moet|heb|heeft|had|was|ben|is|kon|wilde)";

/// Compiles one alternation of `parts`, case-insensitive, word-bounded at both ends.
fn any_of(parts: &[String]) -> Option<Regex> {
    Regex::new(&format!(r"(?i)\b(?:{})\b", parts.join("|"))).ok()
}

/// The writer called it off.
static WRITER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    any_of(&[
        format!(r"(?:i|i've|i'd)\s+{EN}"),
        format!(r"ich\s+{GAP}{DE}"),
        format!(r"{AUX_DE}\s+ich\s+{GAP}{DE}"),
        format!(r"(?:je\s+|j'){GAP}{FR}"),
        format!(r"(?:yo\s+)?{ES_ME}"),
        format!(r"ik\s+{GAP}{NL}"),
        format!(r"{AUX_NL}\s+ik\s+{GAP}{NL}"),
    ])
});

/// The partner, named or as "she", "mein Mentor", "mon binôme", called it off.
static THEM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    any_of(&[
        format!(r"{THEY_EN}\s+{EN}"),
        format!(r"{THEY_DE}\s+{GAP}{DE}"),
        format!(r"{AUX_DE}\s+{THEY_DE}\s+{GAP}{DE}"),
        format!(r"{THEY_FR}\s+{GAP}{FR}"),
        format!(r"{THEY_ES}\s+{GAP}{ES_THEM}"),
        format!(r"{THEY_NL}\s+{GAP}{NL}"),
        format!(r"{AUX_NL}\s+{THEY_NL}\s+{GAP}{NL}"),
    ])
});

/// A Spanish verb of the partner's with no subject counts only where a sentence or clause
/// opens with it ("Tuvo que cancelar por un viaje"), not after another subject ("el
/// cliente canceló").
static THEM_UNSAID: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[.!?;:,]\s*|\b(?:pero|y|porque|pues)\s+)(?:se\s+)?{ES_THEM}\b"
    ))
    .ok()
});

/// Both called it off, or "we" did: no side alone.
static BOTH: LazyLock<Option<Regex>> = LazyLock::new(|| {
    any_of(&[
        r"(?:we both|both of us|we)\s+(?:forgot|cancel)".to_string(),
        format!(r"wir\s+{GAP}(?:abgesagt|absagen|verschoben|vergessen)"),
        format!(r"haben\s+wir\s+{GAP}(?:abgesagt|verschoben|vergessen)"),
        format!(r"(?:on|nous)\s+{GAP}(?:annulé|annuler|reporté|oublié)"),
        r"(?:nos olvidamos|se nos olvidó|cancelamos|suspendimos|pospusimos|aplazamos)".to_string(),
        format!(r"(?:we|wij)\s+{GAP}(?:afgezegd|verzet|geannuleerd|vergeten)"),
        format!(r"(?:hebben|zijn)\s+(?:we|wij)\s+{GAP}(?:afgezegd|verzet|geannuleerd|vergeten)"),
    ])
});

fn found(re: &LazyLock<Option<Regex>>, text: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(text))
}

/// Whether the words say the writer called it off (the partner's name marked already).
pub(super) fn says_writer(text: &str) -> bool {
    found(&WRITER, text)
}

/// Whether the words say the partner called it off (their name marked already).
pub(super) fn says_partner(text: &str) -> bool {
    found(&THEM, text) || found(&THEM_UNSAID, text)
}

/// Whether the words say both, or "we", called it off.
pub(super) fn says_both(text: &str) -> bool {
    found(&BOTH, text)
}

/// `text` with every whole-word `first` (any case) written as [`PARTNER`]. An empty name
/// leaves the text as it is.
pub(super) fn mark_partner(text: &str, first: &str) -> String {
    let first = first.trim().to_lowercase();
    if first.is_empty() {
        return text.to_string();
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.to_lowercase() == first {
            out.push_str(PARTNER);
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if is_word(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert!(WRITER.is_some() && THEM.is_some() && THEM_UNSAID.is_some() && BOTH.is_some());
    }

    #[test]
    fn the_partners_name_is_marked_as_a_whole_word_only() {
        assert_eq!(
            mark_partner("Pat had to cancel; Patricia did not.", "Pat"),
            "zzpartnerzz had to cancel; Patricia did not."
        );
        assert_eq!(
            mark_partner("Leider hat KLAUS abgesagt", "Klaus"),
            "Leider hat zzpartnerzz abgesagt"
        );
        assert_eq!(
            mark_partner("Jean-Luc a annulé", "Jean-Luc"),
            "zzpartnerzz a annulé"
        );
        assert_eq!(mark_partner("I cancelled", ""), "I cancelled");
    }
}
