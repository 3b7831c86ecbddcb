//! Owns the words of the emails in each language the program writes: the built-in message
//! catalogs (`locales/LANG/FILE.ftl`, in Project Fluent's format, one file per email kind
//! and one `common`), HR's additions in the templates folder (`templates/LANG/*.ftl`, whose
//! messages replace the built-in ones of the same name), and dates as a person reads them
//! in their language. Templates reach it through `t("message-id", name=value…)`; `context`
//! through [`Catalog::day`] and [`Catalog::moment`].
//!
//! Does not decide which language an email is in (`compose` does, from its recipients).

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::templates::TemplateIssue;
use crate::vocab::Lang;

/// Every built-in catalog, by language and file name.
macro_rules! builtin {
    ($($file:literal),+ $(,)?) => {
        &[$(
            (Lang::En, $file, include_str!(concat!("../../locales/en/", $file, ".ftl"))),
            (Lang::De, $file, include_str!(concat!("../../locales/de/", $file, ".ftl"))),
            (Lang::Fr, $file, include_str!(concat!("../../locales/fr/", $file, ".ftl"))),
            (Lang::Es, $file, include_str!(concat!("../../locales/es/", $file, ".ftl"))),
            (Lang::Nl, $file, include_str!(concat!("../../locales/nl/", $file, ".ftl"))),
        )+]
    };
}

/// The built-in catalogs: (language, file name without `.ftl`, Fluent source).
pub const BUILTIN: &[(Lang, &str, &str)] = builtin!(
    "common",
    "cancelled_again",
    "challenge",
    "closing",
    "command",
    "confirmation",
    "ending_soon",
    "final_report",
    "forward",
    "hr_digest",
    "intro",
    "join_approved",
    "join_confirm",
    "join_declined",
    "join_request",
    "meeting_cancelled",
    "nudge",
    "participant_digest",
    "partner_left",
    "partner_paused",
    "pause_ended",
    "prompt",
    "relay",
    "unmatched"
);

pub use crate::digest::words::Arg;

/// The messages of every language.
pub struct Catalog {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("languages", &self.bundles.len())
            .finish()
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang
        .as_str()
        .parse()
        .unwrap_or_else(|_| LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // NOTE: no Unicode isolation marks around values: the emails are left to right, and
    // the marks would show as boxes in some clients and break addresses and numbers.
    bundle.set_use_isolating(false);
    bundle
}

fn parse(file: String, source: String) -> Result<FluentResource, TemplateIssue> {
    FluentResource::try_new(source).map_err(|(_, errors)| {
        let first = errors.first();
        TemplateIssue {
            file,
            line: None,
            message: first.map_or_else(
                || "the catalog does not parse".to_string(),
                |e| format!("the catalog does not parse: {e}"),
            ),
        }
    })
}

impl Catalog {
    /// The built-in catalogs, with HR's `LANG/*.ftl` files in `dir` (if given) on top.
    ///
    /// # Errors
    /// Every catalog that cannot be read or does not parse, and every built-in message
    /// defined twice.
    pub fn load(dir: Option<&Path>) -> Result<Catalog, Vec<TemplateIssue>> {
        let mut bundles: HashMap<Lang, FluentBundle<FluentResource>> = HashMap::new();
        let mut issues = Vec::new();
        for (lang, file, source) in BUILTIN {
            let name = format!("built-in locales/{}/{file}.ftl", lang.as_str());
            match parse(name.clone(), (*source).to_string()) {
                Ok(resource) => {
                    let bundle = bundles.entry(*lang).or_insert_with(|| bundle(*lang));
                    if let Err(errors) = bundle.add_resource(resource) {
                        issues.extend(errors.iter().map(|e| TemplateIssue {
                            file: name.clone(),
                            line: None,
                            message: e.to_string(),
                        }));
                    }
                }
                Err(issue) => issues.push(issue),
            }
        }
        if let Some(dir) = dir {
            for lang in Lang::ALL {
                let folder = dir.join(lang.as_str());
                let Ok(entries) = std::fs::read_dir(&folder) else {
                    continue;
                };
                let mut files: Vec<_> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                    .collect();
                files.sort();
                for path in files {
                    let name = path.display().to_string();
                    let source = match std::fs::read_to_string(&path) {
                        Ok(source) => source,
                        Err(err) => {
                            issues.push(TemplateIssue {
                                file: name,
                                line: None,
                                message: format!("cannot read the catalog: {err}"),
                            });
                            continue;
                        }
                    };
                    match parse(name, source) {
                        Ok(resource) => bundles
                            .entry(*lang)
                            .or_insert_with(|| bundle(*lang))
                            .add_resource_overriding(resource),
                        Err(issue) => issues.push(issue),
                    }
                }
            }
        }
        if issues.is_empty() {
            Ok(Catalog { bundles })
        } else {
            Err(issues)
        }
    }

    /// Message `id` in `lang` with `args`, or in English when `lang` lacks it.
    ///
    /// # Errors
    /// A message that no catalog has, or that names a value it was not given.
    pub fn text(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        let found = [lang, Lang::En].into_iter().find_map(|l| {
            let bundle = self.bundles.get(&l)?;
            let pattern = bundle.get_message(id)?.value()?;
            Some((bundle, pattern))
        });
        let Some((bundle, pattern)) = found else {
            return Err(format!("no message `{id}` in the {lang} catalog"));
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        match errors.first() {
            None => Ok(text.into_owned()),
            Some(err) => Err(format!("message `{id}` ({lang}): {err}")),
        }
    }

    /// Whether `lang`'s own catalog has message `id` (no falling back to English).
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles
            .get(&lang)
            .is_some_and(|b| b.get_message(id).is_some())
    }

    /// A day as a person reads it: "Tuesday 16 February 2027", "Dienstag, 16. Februar 2027".
    pub fn day(&self, lang: Lang, day: NaiveDate) -> String {
        let pattern = self.pattern(lang, "date-long", "%A %-d %B %Y");
        day.format_localized(&pattern, locale(lang)).to_string()
    }

    /// A moment in the reader's time zone, with the zone's name: "Tuesday 16 February 2027,
    /// 14:00 (Europe/London)".
    pub fn moment(&self, lang: Lang, at: DateTime<Utc>, tz: Tz) -> String {
        let local = at.with_timezone(&tz);
        let pattern = self.pattern(lang, "date-time", "%A %-d %B %Y, %H:%M");
        format!(
            "{} ({})",
            local.format_localized(&pattern, locale(lang)),
            tz.name()
        )
    }

    fn pattern(&self, lang: Lang, id: &str, fallback: &str) -> String {
        self.text(lang, id, &[])
            .unwrap_or_else(|_| fallback.to_string())
    }
}

/// The locale whose day and month names a language's dates use.
pub fn locale(lang: Lang) -> chrono::Locale {
    match lang {
        Lang::En => chrono::Locale::en_GB,
        Lang::De => chrono::Locale::de_DE,
        Lang::Fr => chrono::Locale::fr_FR,
        Lang::Es => chrono::Locale::es_ES,
        Lang::Nl => chrono::Locale::nl_NL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_in_each_language() {
        let c = Catalog::load(None).unwrap();
        let d = NaiveDate::from_ymd_opt(2027, 2, 16).unwrap();
        assert_eq!(c.day(Lang::En, d), "Tuesday 16 February 2027");
        assert_eq!(c.day(Lang::De, d), "Dienstag, 16. Februar 2027");
        assert_eq!(c.day(Lang::Fr, d), "mardi 16 février 2027");
        assert_eq!(c.day(Lang::Es, d), "martes, 16 de febrero de 2027");
        assert_eq!(c.day(Lang::Nl, d), "dinsdag 16 februari 2027");
        let at = DateTime::parse_from_rfc3339("2027-02-16T14:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            c.moment(Lang::De, at, chrono_tz::Europe::Berlin),
            "Dienstag, 16. Februar 2027, 15:00 Uhr (Europe/Berlin)"
        );
    }

    #[test]
    fn plurals_follow_each_language_and_a_missing_message_falls_back_to_english() {
        let c = Catalog::load(None).unwrap();
        let days = |lang, n: f64| {
            c.text(lang, "nudge-silence", &[("days", Arg::Number(n))])
                .unwrap()
        };
        assert!(
            days(Lang::En, 1.0).contains("1 day"),
            "{}",
            days(Lang::En, 1.0)
        );
        assert!(days(Lang::En, 21.0).contains("21 days"));
        assert!(
            days(Lang::De, 21.0).contains("21 Tagen"),
            "{}",
            days(Lang::De, 21.0)
        );
        assert!(c.text(Lang::De, "no-such-message", &[]).is_err());
    }

    #[test]
    fn every_language_has_every_english_message() {
        let c = Catalog::load(None).unwrap();
        let mut missing = Vec::new();
        for (_, file, source) in BUILTIN.iter().filter(|(l, ..)| *l == Lang::En) {
            // A message starts a line with its id and ` =`.
            let ids = source.lines().filter_map(|l| {
                let (id, _) = l.split_once(" =")?;
                let ok = id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                ok.then_some(id)
            });
            for id in ids {
                for other in Lang::ALL.iter().filter(|l| **l != Lang::En) {
                    if !c.has(*other, id) {
                        missing.push(format!("{other}/{file}.ftl: {id}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "untranslated: {missing:#?}");
    }
}
