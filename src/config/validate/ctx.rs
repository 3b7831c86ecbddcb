//! The walker of one document (`Ctx`): where a span is, reporting an issue there, dropping
//! unknown keys with suggestions, deserializing with HR-worded errors, and the checks of
//! single values (strings, emails, time zones, ranges, dates, cron, secrets) every section uses.

use std::path::Path;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::config::fields::{field_names, suggest};
use crate::config::issue::{ConfigIssue, LineIndex, Loc};
use crate::config::participants::{self, Field};
use crate::config::raw::*;
use crate::config::*;

use super::resolve;

/// Walks one document, collecting issues.
pub(super) struct Ctx {
    pub(super) idx: LineIndex,
    pub(super) issues: Vec<ConfigIssue>,
}

impl Ctx {
    fn at(&self, span: std::ops::Range<usize>) -> Loc {
        self.idx.loc(span.start)
    }

    pub(super) fn issue(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        let at = self.at(span);
        self.issues.push(ConfigIssue::new(at, message, fix));
    }

    pub(super) fn field<T: Clone>(&self, s: &Spanned<T>) -> Field<T> {
        Field {
            value: s.get_ref().clone(),
            at: self.at(s.span()),
        }
    }

    /// Drops (and reports) keys no struct at `path` accepts, recursing into known sub-tables.
    pub(super) fn clean<'i>(
        &mut self,
        value: &Spanned<DeValue<'i>>,
        path: &str,
    ) -> Spanned<DeValue<'i>> {
        let Some(all) = fields_at(path) else {
            return value.clone();
        };
        // NOTE: `secret` and `password` exist in the raw structs only to be refused with a
        // clear message; they are never offered as suggestions.
        let accepted: Vec<&str> = all
            .iter()
            .copied()
            .filter(|k| !matches!(*k, "secret" | "password"))
            .collect();
        let DeValue::Table(table) = value.get_ref() else {
            return value.clone();
        };
        let mut kept = DeTable::new();
        for (key, v) in table.iter() {
            let name: &str = key.get_ref();
            if !all.contains(&name) {
                let shown = display_path(path);
                let fix = match suggest(name, &accepted) {
                    _ if !path.is_empty()
                        && SECTIONS.contains(&name)
                        && !matches!(v.get_ref(), DeValue::Table(_)) =>
                    {
                        format!(
                            "`{name}` is a top-level key: move it above the first [section] header, where TOML puts keys at the top level"
                        )
                    }
                    Some(s) => format!(
                        "did you mean `{s}`? accepted keys in {shown}: {}",
                        accepted.join(", ")
                    ),
                    None => format!("accepted keys in {shown}: {}", accepted.join(", ")),
                };
                self.issue(key.span(), format!("unknown key `{name}` in {shown}"), fix);
                continue;
            }
            let child = format!("{path}.{name}");
            let cleaned = match v.get_ref() {
                DeValue::Table(_) => self.clean(v, &child),
                DeValue::Array(items) if fields_at(&format!("{child}[]")).is_some() => {
                    let mut arr = toml::de::DeArray::new();
                    for item in items.iter() {
                        arr.push(self.clean(item, &format!("{child}[]")));
                    }
                    Spanned::new(v.span(), DeValue::Array(arr))
                }
                _ => v.clone(),
            };
            kept.insert(key.clone(), cleaned);
        }
        Spanned::new(value.span(), DeValue::Table(kept))
    }

    /// Deserializes a cleaned value, reporting a failure at its span.
    pub(super) fn de<T: DeserializeOwned>(
        &mut self,
        value: Spanned<DeValue<'_>>,
        path: &str,
    ) -> Option<T> {
        let span = value.span();
        let keys = match value.get_ref() {
            DeValue::Table(t) => t
                .iter()
                .map(|(k, v)| (k.get_ref().to_string(), v.span()))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(v) => Some(v),
            Err(err) => {
                let at = err.span().unwrap_or(span);
                let shown = display_path(path);
                let msg = err.message().to_string();
                let key = keys
                    .iter()
                    .find(|(_, s)| s.start <= at.start && at.end <= s.end)
                    .map(|(k, _)| k.clone());
                let (message, fix) = explain_serde_error(&msg, key.as_deref(), &shown);
                self.issue(at, message, fix);
                None
            }
        }
    }

    pub(super) fn string_field(&mut self, s: &Spanned<String>, what: &str) -> Option<String> {
        let v = s.get_ref().trim();
        if v.is_empty() || v.chars().any(char::is_control) {
            self.issue(
                s.span(),
                format!("`{what}` is empty or has control characters"),
                format!("write `{what}` on one line"),
            );
            None
        } else {
            Some(v.to_string())
        }
    }

    pub(super) fn email(&mut self, s: &Spanned<String>, what: &str) -> Option<String> {
        let f = self.field(s);
        participants::check_email(&f, what, &mut self.issues)
    }

    pub(super) fn timezone(&mut self, s: &Spanned<String>) -> Option<Tz> {
        let f = self.field(s);
        participants::check_timezone(&f, &mut self.issues)
    }

    pub(super) fn ranged(
        &mut self,
        v: &Option<Spanned<i64>>,
        default: i64,
        range: std::ops::RangeInclusive<i64>,
        what: &str,
        meaning: &str,
    ) -> Option<i64> {
        match v {
            None => Some(default),
            Some(s) if range.contains(s.get_ref()) => Some(*s.get_ref()),
            Some(s) => {
                self.issue(
                    s.span(),
                    format!("`{what}` = {} is out of range", s.get_ref()),
                    format!(
                        "{meaning}: {} to {} (default {default})",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }

    pub(super) fn date(
        &mut self,
        s: &Spanned<toml::value::Datetime>,
        what: &str,
    ) -> Option<NaiveDate> {
        let dt = s.get_ref();
        match (dt.date, dt.time) {
            (Some(d), None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }
            _ => None,
        }
        .or_else(|| {
            self.issue(
                s.span(),
                format!("`{what}` must be a date, found `{dt}`"),
                format!("write a plain date without quotes: {what} = 2027-01-11"),
            );
            None
        })
    }

    pub(super) fn cron(
        &mut self,
        v: &Option<Spanned<String>>,
        default: &str,
        what: &str,
    ) -> Option<CronSpec> {
        match v {
            None => crate::time::cron::parse(default).ok(),
            Some(s) => match crate::time::cron::parse(s.get_ref().trim()) {
                Ok(c) => Some(c),
                Err(msg) => {
                    self.issue(
                        s.span(),
                        format!("`schedule.{what}`: {msg}"),
                        "write standard cron, e.g. \"0 9 * * MON\" (09:00 on Mondays), or 6 fields with seconds first",
                    );
                    None
                }
            },
        }
    }

    /// Resolves a `*_env`/`*_file` pair. `clear` is a value given in clear text, refused.
    pub(super) fn secret(
        &mut self,
        section: &str,
        stem: &str,
        env: &Option<Spanned<String>>,
        file: &Option<Spanned<String>>,
        clear: &Option<Spanned<toml::Value>>,
        base_dir: &Path,
    ) -> Option<Option<SecretSource>> {
        if let Some(c) = clear {
            self.issue(
                c.span(),
                format!("`{section}.{stem}` is a secret written in clear text in the config"),
                format!("remove it and name where to read it: {stem}_env = \"VARIABLE\" (an environment variable) or {stem}_file = \"path\" (a file readable only by the daemon)"),
            );
            return None;
        }
        match (env, file) {
            (Some(e), Some(_)) => {
                self.issue(
                    e.span(),
                    format!("both `{stem}_env` and `{stem}_file` are set in [{section}]"),
                    format!("keep one of `{stem}_env` and `{stem}_file`"),
                );
                None
            }
            (Some(e), None) => {
                let var = e.get_ref().trim().to_string();
                match std::env::var(&var) {
                    Ok(value) if !value.trim().is_empty() => Some(Some(SecretSource::Env {
                        var,
                        value: Secret::new(value.trim()),
                    })),
                    _ => {
                        self.issue(
                            e.span(),
                            format!("environment variable `{var}` (from `{section}.{stem}_env`) is not set or empty"),
                            format!("export {var}=… in the daemon's environment (systemd: EnvironmentFile=), or use `{stem}_file`"),
                        );
                        None
                    }
                }
            }
            (None, Some(f)) => {
                let path = resolve(base_dir, f.get_ref());
                match std::fs::read_to_string(&path) {
                    Ok(value) if !value.trim().is_empty() => Some(Some(SecretSource::File {
                        path,
                        value: Secret::new(value.trim()),
                    })),
                    Ok(_) => {
                        self.issue(
                            f.span(),
                            format!("secret file {} is empty", path.display()),
                            "write the secret on the file's first line",
                        );
                        None
                    }
                    Err(err) => {
                        self.issue(
                            f.span(),
                            format!("cannot read secret file {}: {err}", path.display()),
                            format!("check `{section}.{stem}_file`; a relative path is relative to program.toml"),
                        );
                        None
                    }
                }
            }
            (None, None) => Some(None),
        }
    }
}

/// Which struct's keys are accepted at a dotted path (`[]` marks an array-of-tables element).
fn fields_at(path: &str) -> Option<&'static [&'static str]> {
    Some(match path {
        "" => SECTIONS,
        ".program" => field_names::<RawProgram>(),
        ".participants[]" => field_names::<RawParticipant>(),
        ".pairing" => field_names::<RawPairing>(),
        ".pairing.weights" => field_names::<RawWeights>(),
        ".pairing.fixed[]" => field_names::<RawFixedPair>(),
        ".schedule" => field_names::<RawSchedule>(),
        ".smtp" => field_names::<RawSmtp>(),
        ".inbound" => field_names::<RawInbound>(),
        ".inbound.imap" => field_names::<RawImap>(),
        ".privacy" => field_names::<RawPrivacy>(),
        ".store" => field_names::<RawStore>(),
        ".outbox" => field_names::<RawOutbox>(),
        ".dkim" | ".dkim[]" => field_names::<RawDkim>(),
        ".unsubscribe" => field_names::<RawUnsubscribe>(),
        _ => return None,
    })
}

pub(super) fn display_path(path: &str) -> String {
    match path.trim_start_matches('.') {
        "" => "the top level".to_string(),
        p if p.ends_with("[]") => format!("[[{}]]", p.trim_end_matches("[]")),
        p => format!("[{p}]"),
    }
}

/// Rewords serde's messages for HR: which key, what was found, what is expected.
fn explain_serde_error(msg: &str, key: Option<&str>, section: &str) -> (String, String) {
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("missing required key `{field}` in {section}"),
            format!("add `{field} = {}` to {section}", example_for(field)),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let expected = expected.lines().next().unwrap_or(expected).trim();
        let what = key.map_or_else(|| "a value".to_string(), |k| format!("`{k}`"));
        let example = key.map(example_for).unwrap_or("…");
        return (
            format!(
                "wrong type for {what} in {section}: found {found}, expected {}",
                plain_expected(expected)
            ),
            key.map_or_else(
                || format!("write {}", plain_expected(expected)),
                |k| format!("write it as {k} = {example}"),
            ),
        );
    }
    (format!("{section}: {msg}"), String::new())
}

fn plain_expected(expected: &str) -> &str {
    match expected {
        "i64" | "an integer" => "a whole number",
        "a boolean" => "true or false",
        "a sequence" => "a list such as [\"a\", \"b\"]",
        "a string" => "a quoted string",
        e if e.contains("Datetime") || e.contains("datetime") => "a date such as 2027-01-11",
        e => e,
    }
}

fn example_for(field: &str) -> &'static str {
    match field {
        "name" => "\"Ada Lovelace\"",
        "email" | "coordinator" | "manager" | "mentor" | "mentee" => "\"name@example.com\"",
        "from" => "\"Mentoring at Acme <mentoring@acme.example>\"",
        "reply_to" => "\"mentoring+{token}@acme.example\"",
        "role" => "\"mentor\"",
        "level" | "capacity" | "min_level_gap" | "min_group" => "2",
        "start" => "2027-01-11",
        "end" => "2027-06-30",
        "host" => "\"smtp.acme.example\"",
        "username" => "\"mentoring\"",
        "languages" | "offers" | "wants" | "exclude" => "[\"…\"]",
        "port" => "587",
        _ => "…",
    }
}
