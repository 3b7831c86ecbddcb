//! Owns the email templates: the defaults compiled into the binary, HR's overrides read from
//! the program's `templates/` folder (`KIND.PART.j2` for every language, `LANG/KIND.PART.j2`
//! for one), and rendering a kind in a language into subject, text and HTML. The words come
//! from the language's catalog (`catalog`) through `t("message-id", name=value…)`.
//! Does not decide what goes into a template (that is `compose`) and never sends anything.
//!
//! Each kind has three files: `KIND.subject.j2`, `KIND.txt.j2` and `KIND.html.j2`. Only the
//! `.html.j2` ones are HTML-escaped; every value is data, never evaluated as a template, and
//! undefined variables are errors (so a typo in an override fails `upward check`, with file
//! and line, instead of sending an email with a hole in it).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::{Kwargs, ValueKind};
use minijinja::{AutoEscape, Environment, State, UndefinedBehavior};
use serde::Serialize;

use super::catalog::{Arg, Catalog};
pub use crate::vocab::EmailKind;
use crate::vocab::Lang;

/// The three parts of a template set.
const PARTS: [&str; 3] = ["subject", "txt", "html"];

/// The built-in templates, by file name: what `upward init` writes out for editing.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "intro.subject.j2",
        include_str!("../../templates/intro.subject.j2"),
    ),
    ("intro.txt.j2", include_str!("../../templates/intro.txt.j2")),
    (
        "intro.html.j2",
        include_str!("../../templates/intro.html.j2"),
    ),
    (
        "prompt.subject.j2",
        include_str!("../../templates/prompt.subject.j2"),
    ),
    (
        "prompt.txt.j2",
        include_str!("../../templates/prompt.txt.j2"),
    ),
    (
        "prompt.html.j2",
        include_str!("../../templates/prompt.html.j2"),
    ),
    (
        "nudge.subject.j2",
        include_str!("../../templates/nudge.subject.j2"),
    ),
    ("nudge.txt.j2", include_str!("../../templates/nudge.txt.j2")),
    (
        "nudge.html.j2",
        include_str!("../../templates/nudge.html.j2"),
    ),
    (
        "confirmation.subject.j2",
        include_str!("../../templates/confirmation.subject.j2"),
    ),
    (
        "confirmation.txt.j2",
        include_str!("../../templates/confirmation.txt.j2"),
    ),
    (
        "confirmation.html.j2",
        include_str!("../../templates/confirmation.html.j2"),
    ),
    (
        "command.subject.j2",
        include_str!("../../templates/command.subject.j2"),
    ),
    (
        "command.txt.j2",
        include_str!("../../templates/command.txt.j2"),
    ),
    (
        "command.html.j2",
        include_str!("../../templates/command.html.j2"),
    ),
    (
        "hr_digest.subject.j2",
        include_str!("../../templates/hr_digest.subject.j2"),
    ),
    (
        "hr_digest.txt.j2",
        include_str!("../../templates/hr_digest.txt.j2"),
    ),
    (
        "hr_digest.html.j2",
        include_str!("../../templates/hr_digest.html.j2"),
    ),
    (
        "participant_digest.subject.j2",
        include_str!("../../templates/participant_digest.subject.j2"),
    ),
    (
        "participant_digest.txt.j2",
        include_str!("../../templates/participant_digest.txt.j2"),
    ),
    (
        "participant_digest.html.j2",
        include_str!("../../templates/participant_digest.html.j2"),
    ),
    (
        "closing.subject.j2",
        include_str!("../../templates/closing.subject.j2"),
    ),
    (
        "closing.txt.j2",
        include_str!("../../templates/closing.txt.j2"),
    ),
    (
        "closing.html.j2",
        include_str!("../../templates/closing.html.j2"),
    ),
    (
        "challenge.subject.j2",
        include_str!("../../templates/challenge.subject.j2"),
    ),
    (
        "challenge.txt.j2",
        include_str!("../../templates/challenge.txt.j2"),
    ),
    (
        "challenge.html.j2",
        include_str!("../../templates/challenge.html.j2"),
    ),
    (
        "partner_left.subject.j2",
        include_str!("../../templates/partner_left.subject.j2"),
    ),
    (
        "partner_left.txt.j2",
        include_str!("../../templates/partner_left.txt.j2"),
    ),
    (
        "partner_left.html.j2",
        include_str!("../../templates/partner_left.html.j2"),
    ),
    (
        "unmatched.subject.j2",
        include_str!("../../templates/unmatched.subject.j2"),
    ),
    (
        "unmatched.txt.j2",
        include_str!("../../templates/unmatched.txt.j2"),
    ),
    (
        "unmatched.html.j2",
        include_str!("../../templates/unmatched.html.j2"),
    ),
    (
        "ending_soon.subject.j2",
        include_str!("../../templates/ending_soon.subject.j2"),
    ),
    (
        "ending_soon.txt.j2",
        include_str!("../../templates/ending_soon.txt.j2"),
    ),
    (
        "ending_soon.html.j2",
        include_str!("../../templates/ending_soon.html.j2"),
    ),
    (
        "pause_ended.subject.j2",
        include_str!("../../templates/pause_ended.subject.j2"),
    ),
    (
        "pause_ended.txt.j2",
        include_str!("../../templates/pause_ended.txt.j2"),
    ),
    (
        "pause_ended.html.j2",
        include_str!("../../templates/pause_ended.html.j2"),
    ),
    (
        "relay.subject.j2",
        include_str!("../../templates/relay.subject.j2"),
    ),
    ("relay.txt.j2", include_str!("../../templates/relay.txt.j2")),
    (
        "relay.html.j2",
        include_str!("../../templates/relay.html.j2"),
    ),
    (
        "forward.subject.j2",
        include_str!("../../templates/forward.subject.j2"),
    ),
    (
        "forward.txt.j2",
        include_str!("../../templates/forward.txt.j2"),
    ),
    (
        "forward.html.j2",
        include_str!("../../templates/forward.html.j2"),
    ),
    (
        "partner_paused.subject.j2",
        include_str!("../../templates/partner_paused.subject.j2"),
    ),
    (
        "partner_paused.txt.j2",
        include_str!("../../templates/partner_paused.txt.j2"),
    ),
    (
        "partner_paused.html.j2",
        include_str!("../../templates/partner_paused.html.j2"),
    ),
    (
        "cancelled_again.subject.j2",
        include_str!("../../templates/cancelled_again.subject.j2"),
    ),
    (
        "cancelled_again.txt.j2",
        include_str!("../../templates/cancelled_again.txt.j2"),
    ),
    (
        "cancelled_again.html.j2",
        include_str!("../../templates/cancelled_again.html.j2"),
    ),
    (
        "meeting_cancelled.subject.j2",
        include_str!("../../templates/meeting_cancelled.subject.j2"),
    ),
    (
        "meeting_cancelled.txt.j2",
        include_str!("../../templates/meeting_cancelled.txt.j2"),
    ),
    (
        "meeting_cancelled.html.j2",
        include_str!("../../templates/meeting_cancelled.html.j2"),
    ),
    (
        "final_report.subject.j2",
        include_str!("../../templates/final_report.subject.j2"),
    ),
    (
        "final_report.txt.j2",
        include_str!("../../templates/final_report.txt.j2"),
    ),
    (
        "final_report.html.j2",
        include_str!("../../templates/final_report.html.j2"),
    ),
    (
        "join_request.subject.j2",
        include_str!("../../templates/join_request.subject.j2"),
    ),
    (
        "join_request.txt.j2",
        include_str!("../../templates/join_request.txt.j2"),
    ),
    (
        "join_request.html.j2",
        include_str!("../../templates/join_request.html.j2"),
    ),
    (
        "join_confirm.subject.j2",
        include_str!("../../templates/join_confirm.subject.j2"),
    ),
    (
        "join_confirm.txt.j2",
        include_str!("../../templates/join_confirm.txt.j2"),
    ),
    (
        "join_confirm.html.j2",
        include_str!("../../templates/join_confirm.html.j2"),
    ),
    (
        "join_approved.subject.j2",
        include_str!("../../templates/join_approved.subject.j2"),
    ),
    (
        "join_approved.txt.j2",
        include_str!("../../templates/join_approved.txt.j2"),
    ),
    (
        "join_approved.html.j2",
        include_str!("../../templates/join_approved.html.j2"),
    ),
    (
        "join_declined.subject.j2",
        include_str!("../../templates/join_declined.subject.j2"),
    ),
    (
        "join_declined.txt.j2",
        include_str!("../../templates/join_declined.txt.j2"),
    ),
    (
        "join_declined.html.j2",
        include_str!("../../templates/join_declined.html.j2"),
    ),
];

/// An email rendered from its templates, before it becomes a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// One line, control characters already removed.
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A template problem, with the file and line it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateIssue {
    /// The override's path, or `built-in NAME` for a compiled-in default.
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for TemplateIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for TemplateIssue {}

/// The templates of one program: built-ins with HR's overrides on top.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    /// Template name to the override file it came from; absent means built-in.
    overrides: HashMap<String, PathBuf>,
    catalog: Arc<Catalog>,
}

/// `t("id", name=value…)`: message `id` of the catalog, in the language of the email being
/// rendered (its `lang`).
fn translate(
    catalog: &Catalog,
    state: &State,
    id: &str,
    kwargs: Kwargs,
) -> Result<String, minijinja::Error> {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(|s| s.parse::<Lang>().ok()))
        .unwrap_or(Lang::En);
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: minijinja::Value = kwargs.get(name)?;
        let arg = match value.kind() {
            ValueKind::Number => Arg::Number(f64::try_from(value.clone()).unwrap_or_default()),
            _ => Arg::Text(value.to_string()),
        };
        args.push((name, arg));
    }
    kwargs.assert_all_used()?;
    catalog
        .text(lang, id, &args)
        .map_err(|msg| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, msg))
}

fn environment(catalog: &Arc<Catalog>) -> Environment<'static> {
    let mut env = Environment::new();
    let words = Arc::clone(catalog);
    env.add_function("t", move |state: &State, id: &str, kwargs: Kwargs| {
        translate(&words, state, id, kwargs)
    });
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env
}

impl Templates {
    /// The compiled-in templates only.
    ///
    /// # Errors
    /// Only if a built-in template is broken, which the tests rule out.
    pub fn builtin() -> Result<Templates, Vec<TemplateIssue>> {
        Templates::load(None)
    }

    /// The built-ins, with every same-named file in `dir` (if given and present) in their
    /// place. Other files in `dir` (a README, notes) are ignored.
    ///
    /// # Errors
    /// Every template that cannot be read or does not parse, with file and line.
    pub fn load(dir: Option<&Path>) -> Result<Templates, Vec<TemplateIssue>> {
        let catalog = Arc::new(Catalog::load(dir)?);
        let mut env = environment(&catalog);
        let mut overrides = HashMap::new();
        let mut issues = Vec::new();
        for (name, builtin) in DEFAULT_TEMPLATES {
            // HR's file for every language, else the built-in one; then HR's for one
            // language (`de/intro.txt.j2`), which wins for that language.
            let shared = (*name).to_string();
            let per_language = Lang::ALL
                .iter()
                .map(|lang| (format!("{}/{name}", lang.as_str()), None));
            for (key, fallback) in std::iter::once((shared, Some(*builtin))).chain(per_language) {
                let path = dir.map(|d| d.join(&key)).filter(|p| p.is_file());
                let source = match path {
                    Some(path) => match std::fs::read_to_string(&path) {
                        Ok(text) => {
                            overrides.insert(key.clone(), path);
                            text
                        }
                        Err(err) => {
                            issues.push(TemplateIssue {
                                file: path.display().to_string(),
                                line: None,
                                message: format!("cannot read the template: {err}"),
                            });
                            continue;
                        }
                    },
                    None => match fallback {
                        Some(builtin) => builtin.to_string(),
                        None => continue,
                    },
                };
                if let Err(err) = env.add_template_owned(key.clone(), source) {
                    issues.push(issue_from(&overrides, &key, &err));
                }
            }
        }
        if issues.is_empty() {
            Ok(Templates {
                env,
                overrides,
                catalog,
            })
        } else {
            Err(issues)
        }
    }

    /// The words of every language, for what `context` formats itself (dates).
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Where a template comes from, for messages: the override's path or `built-in NAME`.
    pub fn origin(&self, name: &str) -> String {
        origin(&self.overrides, name)
    }

    /// Renders the three parts of `kind` in `lang` with `context` (which templates see with
    /// `lang` added).
    ///
    /// # Errors
    /// The first part that fails, with its file and line.
    pub fn render<C: Serialize>(
        &self,
        kind: EmailKind,
        lang: Lang,
        context: &C,
    ) -> Result<Rendered, TemplateIssue> {
        let ctx = minijinja::context! {
            lang => lang.as_str(),
            ..minijinja::Value::from_serialize(context)
        };
        let mut out = Vec::with_capacity(3);
        for part in PARTS {
            let shared = format!("{}.{part}.j2", kind.as_str());
            let own = format!("{}/{shared}", lang.as_str());
            let name = if self.overrides.contains_key(&own) {
                own
            } else {
                shared
            };
            let rendered = self
                .env
                .get_template(&name)
                .and_then(|t| t.render(&ctx))
                .map_err(|err| issue_from(&self.overrides, &name, &err))?;
            out.push(rendered);
        }
        let html = out.pop().unwrap_or_default();
        let text = out.pop().unwrap_or_default();
        let subject = out.pop().unwrap_or_default();
        Ok(Rendered {
            subject: one_line(&subject, 250),
            text: normalise_body(&text),
            html: normalise_body(&html),
        })
    }
}

fn origin(overrides: &HashMap<String, PathBuf>, name: &str) -> String {
    overrides
        .get(name)
        .map_or_else(|| format!("built-in {name}"), |p| p.display().to_string())
}

fn issue_from(
    overrides: &HashMap<String, PathBuf>,
    name: &str,
    err: &minijinja::Error,
) -> TemplateIssue {
    // NOTE: an error raised inside an included template names that one, not `name`.
    let file = err.name().unwrap_or(name);
    let mut message = err.kind().to_string();
    if let Some(detail) = err.detail() {
        message = format!("{message}: {detail}");
    }
    TemplateIssue {
        file: origin(overrides, file),
        line: err.line(),
        message,
    }
}

/// Text safe for one header line: control characters (CR, LF, NUL, tabs, U+0085) and the
/// Unicode line and paragraph separators become spaces, runs of spaces one space, and the
/// result is trimmed and cut to `max` characters.
pub fn one_line(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut count = 0;
    let mut pending_space = false;
    for c in text.chars() {
        let blank = c.is_control() || c.is_whitespace() || c == '\u{2028}' || c == '\u{2029}';
        if blank {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            if count + 1 >= max {
                break;
            }
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        if count >= max {
            break;
        }
        out.push(c);
        count += 1;
    }
    out
}

/// Bodies end with exactly one newline and carry no stray control characters.
fn normalise_body(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_three_built_in_templates_that_parse() {
        assert_eq!(DEFAULT_TEMPLATES.len(), EmailKind::ALL.len() * PARTS.len());
        for &kind in EmailKind::ALL {
            for part in PARTS {
                let name = format!("{}.{part}.j2", kind.as_str());
                assert!(
                    DEFAULT_TEMPLATES.iter().any(|(n, _)| *n == name),
                    "{name} missing"
                );
            }
        }
        Templates::builtin().unwrap();
    }

    #[test]
    fn kinds_parse_from_their_names_with_dashes_or_underscores() {
        assert_eq!(EmailKind::parse("hr-digest"), Some(EmailKind::HrDigest));
        assert_eq!(EmailKind::parse("Intro"), Some(EmailKind::Intro));
        assert_eq!(EmailKind::parse("newsletter"), None);
    }

    #[test]
    fn a_language_folder_overrides_one_language_and_its_catalog_replaces_messages_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let de = dir.path().join("de");
        std::fs::create_dir(&de).unwrap();
        std::fs::write(de.join("nudge.subject.j2"), "Kaffee? {{ days }}").unwrap();
        let fr = dir.path().join("fr");
        std::fs::create_dir(&fr).unwrap();
        std::fs::write(fr.join("mine.ftl"), "nudge-goals = Nos objectifs :\n").unwrap();
        let templates = Templates::load(Some(dir.path())).unwrap();
        let ctx = serde_json::json!({
            "days": 14,
            "goals": [{ "number": 1, "text": "x" }],
            "mentor": { "first_name": "Ann" },
            "mentee": { "first_name": "Bob" },
            "program": { "name": "P" },
        });
        let de = templates.render(EmailKind::Nudge, Lang::De, &ctx).unwrap();
        assert_eq!(de.subject, "Kaffee? 14");
        assert!(de.text.contains("Seit 14 Tagen"), "{}", de.text);
        let en = templates.render(EmailKind::Nudge, Lang::En, &ctx).unwrap();
        assert_eq!(en.subject, "Ann and Bob: time for a catch-up?");
        let fr = templates.render(EmailKind::Nudge, Lang::Fr, &ctx).unwrap();
        assert!(fr.text.contains("Nos objectifs :"), "{}", fr.text);
        assert!(fr.text.contains("depuis 14 jours"), "{}", fr.text);

        std::fs::write(
            dir.path().join("fr").join("broken.ftl"),
            "nudge-goals = {\n",
        )
        .unwrap();
        let issues = Templates::load(Some(dir.path())).unwrap_err();
        assert!(issues[0].file.ends_with("broken.ftl"), "{issues:?}");
    }

    #[test]
    fn an_override_replaces_the_built_in_and_a_syntax_error_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("nudge.subject.j2"), "Ping {{ days }}").unwrap();
        let templates = Templates::load(Some(dir.path())).unwrap();
        assert!(
            templates
                .origin("nudge.subject.j2")
                .ends_with("nudge.subject.j2")
        );
        assert_eq!(templates.origin("intro.txt.j2"), "built-in intro.txt.j2");

        let broken = dir.path().join("prompt.txt.j2");
        std::fs::write(&broken, "Hello\n\n{% if x %}\nno end here\n").unwrap();
        let issues = Templates::load(Some(dir.path())).unwrap_err();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].file, broken.display().to_string());
        assert!(issues[0].line.is_some_and(|l| l >= 3), "{:?}", issues[0]);
        assert!(issues[0].to_string().contains("prompt.txt.j2:"));
    }

    #[test]
    fn html_is_escaped_and_text_is_not_and_values_are_never_evaluated() {
        let dir = tempfile::tempdir().unwrap();
        for part in PARTS {
            std::fs::write(
                dir.path().join(format!("command.{part}.j2")),
                "{{ command }}|{{ detail }}",
            )
            .unwrap();
        }
        let t = Templates::load(Some(dir.path())).unwrap();
        let ctx = serde_json::json!({"command": "<b>HELP</b>", "detail": "{{ 7 * 7 }}"});
        let r = t.render(EmailKind::Command, Lang::En, &ctx).unwrap();
        assert_eq!(r.html, "&lt;b&gt;HELP&lt;&#x2f;b&gt;|{{ 7 * 7 }}\n");
        assert_eq!(r.text, "<b>HELP</b>|{{ 7 * 7 }}\n");
    }

    #[test]
    fn an_undefined_variable_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("closing.txt.j2"),
            "line one\n{{ recipient.nmae }}\n",
        )
        .unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        let ctx = serde_json::json!({"recipient": {"name": "A"}, "partner": {}, "program": {"name": "P"}});
        let err = t.render(EmailKind::Closing, Lang::En, &ctx).unwrap_err();
        assert!(err.file.ends_with("closing.txt.j2"), "{err}");
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn one_line_removes_every_line_break_and_control() {
        assert_eq!(
            one_line("a\r\nBcc: x@evil\u{2028}b\0c\t d", 100),
            "a Bcc: x@evil b c d"
        );
        assert_eq!(one_line("  abcdef  ", 3), "abc");
        assert_eq!(one_line("\r\n", 10), "");
    }
}
