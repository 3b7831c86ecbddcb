//! Owns outbound mail, from a decision to send to bytes on the wire: templates HR can edit
//! ([`templates`]), composing well-formed messages with signed reply addresses
//! ([`compose`], [`token`], [`ics`]), queueing them in the durable outbox in the caller's
//! transaction ([`outbox`]), the transports that deliver them ([`transport`]: SMTP or .eml
//! files) and the sender task that drains the outbox ([`sender`]).
//! Does not decide when an email is due (the scheduler does) nor read replies (inbound).

pub(crate) mod calendar;
pub mod catalog;
pub mod compose;
mod context;
#[cfg(test)]
mod contrast_tests;
pub mod dkim;
pub mod email;
pub mod flowed;
mod header;
pub mod ics;
pub mod join;
pub mod outbox;
pub(crate) mod reasons;
pub mod relay;
pub mod said;
pub mod secrets;
pub mod sender;
pub mod templates;
pub mod token;
#[cfg(test)]
mod translation_tests;
pub mod transport;

pub use context::Words;
pub use email::{Cancelled, ChallengeView, Email, PairView, PersonView, SessionView, TakenAs};
pub use join::JoinView;
pub use outbox::Composer;
pub use relay::Relayed;
pub use secrets::{KeyError, signing_key};
pub use templates::{EmailKind, TemplateIssue, Templates};
pub use token::{Purpose, TokenClaims, TokenKey};

use crate::config::Config;
use crate::vocab::Lang;

/// What can go wrong while composing or queueing an email.
#[derive(Debug, thiserror::Error)]
pub enum OutboundError {
    /// A template failed; the message names the file and line.
    #[error("template error: {0}")]
    Template(#[from] TemplateIssue),
    /// The program's templates do not load.
    #[error("the templates do not load:\n{}", .0.iter().map(|i| format!("  {i}")).collect::<Vec<_>>().join("\n"))]
    Templates(Vec<TemplateIssue>),
    /// An address that cannot go into a header or envelope.
    #[error("cannot send to or from `{address}`: {reason}; fix the address in the config")]
    Address { address: String, reason: String },
    /// lettre refused to assemble the message.
    #[error("cannot build the message: {0}")]
    Build(String),
    /// A DKIM key cannot sign.
    #[error("DKIM: {0}")]
    Dkim(#[from] crate::config::DkimKeyError),
    /// The generated key that signs reply tokens cannot be read or created.
    #[error("no signing key for reply tokens")]
    SigningKey(#[source] KeyError),
    /// The system could not provide randomness for a Message-ID.
    #[error("no system randomness for a Message-ID: {0}")]
    Random(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Every template problem of the program: overrides that do not parse, and templates that
/// fail to render with sample data (an unknown variable, a bad filter), each with file and
/// line. Empty when all is well. Used by `upward check`.
pub fn check_templates(config: &Config) -> Vec<TemplateIssue> {
    let templates = match Templates::load(Some(&config.program.templates_dir)) {
        Ok(t) => t,
        Err(issues) => return issues,
    };
    let key = TokenKey::new("check");
    let dir = &config.program.templates_dir;
    let mut issues = unknown_template_files(dir);
    for lang in Lang::ALL {
        issues.extend(unknown_template_files(&dir.join(lang.as_str())));
    }
    // Every kind in every language someone reads: a wrong message id or argument in an
    // override shows in the language it is in.
    for lang in languages_read(config) {
        let config = outbox::in_language(config, lang);
        for &kind in EmailKind::ALL {
            if let Err(OutboundError::Template(issue)) =
                outbox::preview(&config, &templates, &key, kind, None)
            {
                issues.push(issue);
            }
        }
    }
    issues.dedup();
    issues
}

/// The languages the program writes to someone in: the program's, then its participants'.
fn languages_read(config: &Config) -> Vec<Lang> {
    let mut langs = vec![config.program.language];
    for p in &config.participants {
        if !langs.contains(&p.language) {
            langs.push(p.language);
        }
    }
    langs
}

/// HR's templates for every language that write their own words (no `t(`) in a program
/// where some read another language: those readers would get them as written. One line
/// naming the files.
pub fn template_warning(config: &Config) -> Option<String> {
    let langs = languages_read(config);
    if langs.len() < 2 {
        return None;
    }
    let names: Vec<&str> = langs.iter().map(|l| l.as_str()).collect();
    let own: Vec<&str> = templates::DEFAULT_TEMPLATES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| {
            std::fs::read_to_string(config.program.templates_dir.join(name))
                .is_ok_and(|text| !text.contains("t(\""))
        })
        .collect();
    (!own.is_empty()).then(|| {
        format!(
            "{} template(s) in {} write their own words and are used in every language, while this program writes in {}: {}; move each into templates/LANG/ for the language it is in, or take its words from the catalogs with t(\"…\") (see README.md there)",
            own.len(),
            config.program.templates_dir.display(),
            names.join(", "),
            own.join(", ")
        )
    })
}

/// `.j2` and `.ftl` files in a templates folder that override nothing (a misspelt name
/// would otherwise be ignored in silence).
fn unknown_template_files(dir: &std::path::Path) -> Vec<TemplateIssue> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let in_language = Lang::ALL.iter().any(|l| dir.ends_with(l.as_str()));
    let mut issues: Vec<TemplateIssue> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let known = templates::DEFAULT_TEMPLATES.iter().any(|(n, _)| *n == name);
            let message = if p.extension().is_some_and(|e| e == "j2") && !known {
                "this file replaces no template and is ignored; template files are named KIND.subject.j2, KIND.txt.j2 or KIND.html.j2 (see README.md there)"
            } else if p.extension().is_some_and(|e| e == "ftl") && !in_language {
                "a catalog is read only in a language's folder: move it to templates/LANG/ (en, de, fr, es or nl)"
            } else {
                return None;
            };
            Some(TemplateIssue {
                file: p.display().to_string(),
                line: None,
                message: message.into(),
            })
        })
        .collect();
    issues.sort_by(|a, b| a.file.cmp(&b.file));
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_template_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("intro.text.j2"), "x").unwrap();
        std::fs::write(dir.path().join("intro.txt.j2"), "fine").unwrap();
        std::fs::write(dir.path().join("notes.md"), "not a template").unwrap();
        let issues = unknown_template_files(dir.path());
        assert_eq!(issues.len(), 1);
        assert!(issues[0].file.ends_with("intro.text.j2"));
    }
}
