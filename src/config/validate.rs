//! Owns turning the text of `program.toml` into a checked `Config`: syntax, unknown keys
//! (with suggestions), types, required keys and every value's meaning, all reported at once.
//! Nothing else in the crate reads raw config.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::fields::{field_names, suggest};
use super::issue::{ConfigIssue, LineIndex, Loc};
use super::participants::{self, Field, ParticipantInput};
use super::raw::*;
use super::*;

/// Walks one document, collecting issues.
struct Ctx {
    idx: LineIndex,
    issues: Vec<ConfigIssue>,
}

impl Ctx {
    fn at(&self, span: std::ops::Range<usize>) -> Loc {
        self.idx.loc(span.start)
    }

    fn issue(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        let at = self.at(span);
        self.issues.push(ConfigIssue::new(at, message, fix));
    }

    fn field<T: Clone>(&self, s: &Spanned<T>) -> Field<T> {
        Field {
            value: s.get_ref().clone(),
            at: self.at(s.span()),
        }
    }

    /// Drops (and reports) keys no struct at `path` accepts, recursing into known sub-tables.
    fn clean<'i>(&mut self, value: &Spanned<DeValue<'i>>, path: &str) -> Spanned<DeValue<'i>> {
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
    fn de<T: DeserializeOwned>(&mut self, value: Spanned<DeValue<'_>>, path: &str) -> Option<T> {
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

    fn string_field(&mut self, s: &Spanned<String>, what: &str) -> Option<String> {
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

    fn email(&mut self, s: &Spanned<String>, what: &str) -> Option<String> {
        let f = self.field(s);
        participants::check_email(&f, what, &mut self.issues)
    }

    fn timezone(&mut self, s: &Spanned<String>) -> Option<Tz> {
        let f = self.field(s);
        participants::check_timezone(&f, &mut self.issues)
    }

    fn ranged(
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

    fn date(&mut self, s: &Spanned<toml::value::Datetime>, what: &str) -> Option<NaiveDate> {
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

    fn cron(&mut self, v: &Option<Spanned<String>>, default: &str, what: &str) -> Option<CronSpec> {
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
    fn secret(
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
        ".dkim" => field_names::<RawDkim>(),
        ".unsubscribe" => field_names::<RawUnsubscribe>(),
        _ => return None,
    })
}

fn display_path(path: &str) -> String {
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

/// Makes a relative path relative to `base` (the directory of program.toml).
pub(crate) fn resolve(base: &Path, p: &str) -> PathBuf {
    let p = Path::new(p.trim());
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

pub(crate) fn validate_document(
    text: &str,
    path: &Path,
    rules: Option<&dyn FixedPairRules>,
) -> Result<Config, Vec<ConfigIssue>> {
    // NOTE: a bare file name has an empty parent; joining onto "" keeps messages short
    // ("participants.csv", not "./participants.csv").
    let base_dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    let mut ctx = Ctx {
        idx: LineIndex::new(path, text),
        issues: Vec::new(),
    };

    let (root, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for err in syntax {
            let span = err.span().unwrap_or(0..0);
            let first = err
                .message()
                .lines()
                .next()
                .unwrap_or("syntax error")
                .trim()
                .to_string();
            ctx.issue(
                span,
                format!("TOML syntax error: {first}"),
                "check this line: strings need double quotes, a section is [name], a list is [\"a\", \"b\"]",
            );
        }
        return Err(ctx.issues);
    }
    let root = Spanned::new(root.span(), DeValue::Table(root.into_inner()));
    let root = ctx.clean(&root, "");
    let DeValue::Table(table) = root.get_ref() else {
        return Err(ctx.issues);
    };
    let section = |name: &str| table.get(name).cloned();

    // [program] is required; every other section has defaults.
    let program = match section("program") {
        Some(v) => {
            let v = ctx.clean(&v, ".program");
            ctx.de::<RawProgram>(v, ".program")
        }
        None => {
            ctx.issue(0..0, "missing the [program] section", "add [program] with name, coordinator, from, reply_to, start and end (see `upward init`)");
            None
        }
    };
    let pairing: Option<RawPairing> = opt_section(&mut ctx, section("pairing"), ".pairing");
    let schedule: Option<RawSchedule> = opt_section(&mut ctx, section("schedule"), ".schedule");
    let smtp: Option<Option<RawSmtp>> = section("smtp").map(|v| {
        let v = ctx.clean(&v, ".smtp");
        ctx.de::<RawSmtp>(v, ".smtp")
    });
    let inbound: Option<RawInbound> = opt_section(&mut ctx, section("inbound"), ".inbound");
    let privacy: Option<RawPrivacy> = opt_section(&mut ctx, section("privacy"), ".privacy");
    let store: Option<RawStore> = opt_section(&mut ctx, section("store"), ".store");
    let outbox: Option<RawOutbox> = opt_section(&mut ctx, section("outbox"), ".outbox");
    let dkim: Option<Option<RawDkim>> = section("dkim").map(|v| {
        let v = ctx.clean(&v, ".dkim");
        ctx.de::<RawDkim>(v, ".dkim")
    });
    let unsubscribe: Option<Option<RawUnsubscribe>> = section("unsubscribe").map(|v| {
        let v = ctx.clean(&v, ".unsubscribe");
        ctx.de::<RawUnsubscribe>(v, ".unsubscribe")
    });

    let program = program.and_then(|p| check_program(&mut ctx, p, &base_dir));
    let program_tz = program.as_ref().map_or(Tz::UTC, |p| p.timezone);

    // Participants: inline tables or a CSV path.
    let inputs = match section("participants") {
        None => {
            ctx.issue(
                0..0,
                "no participants",
                "add `participants = \"participants.csv\"` or [[participants]] entries",
            );
            Vec::new()
        }
        Some(v) => match v.get_ref() {
            DeValue::String(p) => {
                let csv_path = resolve(&base_dir, p);
                participants::read_csv(&csv_path, &mut ctx.issues)
            }
            DeValue::Array(items) => {
                let mut inputs = Vec::new();
                for item in items.iter() {
                    let item = ctx.clean(item, ".participants[]");
                    if let Some(raw) = ctx.de::<RawParticipant>(item, ".participants[]") {
                        inputs.push(participant_input(&ctx, raw));
                    }
                }
                inputs
            }
            _ => {
                ctx.issue(v.span(), "`participants` must be a CSV path or [[participants]] tables", "write participants = \"participants.csv\", or one [[participants]] table per person");
                Vec::new()
            }
        },
    };
    let participants = participants::check_all(inputs, program_tz, &mut ctx.issues);

    let pairing = check_pairing(
        &mut ctx,
        pairing.unwrap_or_default(),
        &participants,
        program.as_ref().map(|p| p.start),
        rules,
    );
    let schedule = check_schedule(&mut ctx, schedule.unwrap_or_default());
    let smtp = match smtp {
        None => Some(None),
        Some(None) => None,
        Some(Some(raw)) => check_smtp(&mut ctx, raw, &base_dir).map(Some),
    };
    let inbound = check_inbound(&mut ctx, inbound.unwrap_or_default(), &base_dir);
    let privacy = check_privacy(&mut ctx, privacy.unwrap_or_default());
    let store = StoreSettings {
        path: store.and_then(|s| s.path).map_or_else(
            || PathBuf::from("var/upward.db"),
            |p| PathBuf::from(p.get_ref().trim()),
        ),
    };
    let (outbox_dir, bounce_threshold) = match outbox {
        Some(o) => (o.dir, o.bounce_threshold),
        None => (None, None),
    };
    let bounce_threshold = ctx
        .ranged(
            &bounce_threshold,
            3,
            1..=100,
            "outbox.bounce_threshold",
            "hard bounces, on distinct days, that disable an address",
        )
        .and_then(|t| u32::try_from(t).ok());
    let outbox = OutboxSettings {
        dir: outbox_dir.map_or_else(
            || PathBuf::from("var/outbox"),
            |p| PathBuf::from(p.get_ref().trim()),
        ),
        bounce_threshold: bounce_threshold.unwrap_or(3),
    };

    let dkim = match dkim {
        None => Some(None),
        Some(None) => None,
        Some(Some(raw)) => check_dkim(&mut ctx, raw, &base_dir, program.as_ref()).map(Some),
    };

    let unsubscribe = match unsubscribe {
        None => Some(None),
        Some(None) => None,
        Some(Some(raw)) => check_unsubscribe(&mut ctx, raw).map(Some),
    };

    match (
        program,
        pairing,
        schedule,
        smtp,
        inbound,
        privacy,
        (dkim, unsubscribe),
    ) {
        (
            Some(program),
            Some(pairing),
            Some(schedule),
            Some(smtp),
            Some(inbound),
            Some(privacy),
            (Some(dkim), Some(unsubscribe)),
        ) if ctx.issues.is_empty() => Ok(Config {
            path: path.to_path_buf(),
            base_dir,
            program,
            participants,
            pairing,
            schedule,
            smtp,
            inbound,
            privacy,
            store,
            outbox,
            dkim,
            unsubscribe,
        }),
        _ => {
            // Report in reading order: the program file first, then the CSV, by line.
            let main_file = Arc::<Path>::from(path);
            ctx.issues.sort_by(|a, b| {
                (a.at.file != main_file, &a.at.file, a.at.line, a.at.column).cmp(&(
                    b.at.file != main_file,
                    &b.at.file,
                    b.at.line,
                    b.at.column,
                ))
            });
            if ctx.issues.is_empty() {
                // Defensive: a section failed without saying why.
                ctx.issue(
                    0..0,
                    "the configuration is invalid",
                    "run `upward check` for details",
                );
            }
            Err(ctx.issues)
        }
    }
}

fn opt_section<T: DeserializeOwned + Default>(
    ctx: &mut Ctx,
    v: Option<Spanned<DeValue<'_>>>,
    path: &str,
) -> Option<T> {
    let v = v?;
    if !matches!(v.get_ref(), DeValue::Table(_)) {
        let shown = display_path(path);
        ctx.issue(
            v.span(),
            format!("{shown} must be a table"),
            format!("write it as a section: {shown} on its own line, then its keys"),
        );
        return None;
    }
    let v = ctx.clean(&v, path);
    ctx.de::<T>(v, path)
}

fn participant_input(ctx: &Ctx, raw: RawParticipant) -> ParticipantInput {
    let list = |v: &Vec<Spanned<String>>| v.iter().map(|s| ctx.field(s)).collect();
    ParticipantInput {
        name: ctx.field(&raw.name),
        email: ctx.field(&raw.email),
        role: ctx.field(&raw.role),
        level: ctx.field(&raw.level),
        department: raw.department.as_ref().map(|s| ctx.field(s)),
        manager: raw.manager.as_ref().map(|s| ctx.field(s)),
        timezone: raw.timezone.as_ref().map(|s| ctx.field(s)),
        languages: list(&raw.languages),
        offers: list(&raw.offers),
        wants: list(&raw.wants),
        capacity: raw.capacity.as_ref().map(|s| ctx.field(s)),
        exclude: list(&raw.exclude),
        hours: raw.hours.as_ref().map(|s| ctx.field(s)),
        complete: true,
    }
}

fn check_program(ctx: &mut Ctx, raw: RawProgram, base_dir: &Path) -> Option<Program> {
    let name = ctx.string_field(&raw.name, "program.name");
    let coordinator = ctx.email(&raw.coordinator, "program.coordinator");
    let from = parse_mailbox(raw.from.get_ref());
    if from.is_none() {
        ctx.issue(raw.from.span(), format!("invalid From mailbox `{}`", raw.from.get_ref()), "write an address, optionally with a name: \"Mentoring at Acme <mentoring@acme.example>\"");
    }
    let reply_to = token_address(ctx, &raw.reply_to, "reply_to");
    let bounce_address = match &raw.bounce_address {
        Some(b) => token_address(ctx, b, "bounce_address").map(Some),
        None => Some(None),
    };
    let timezone = match &raw.timezone {
        Some(t) => ctx.timezone(t),
        None => Some(Tz::UTC),
    };
    let start = ctx.date(&raw.start, "start");
    let end = ctx.date(&raw.end, "end");
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        ctx.issue(
            raw.end.span(),
            format!("the program ends ({e}) before it starts ({s})"),
            "set `end` to a date after `start`",
        );
    }
    let secret = ctx.secret(
        "program",
        "secret",
        &raw.secret_env,
        &raw.secret_file,
        &raw.secret,
        base_dir,
    );
    let templates_dir = resolve(
        base_dir,
        raw.templates
            .as_ref()
            .map_or("templates", |t| t.get_ref().as_str()),
    );
    Some(Program {
        name: name?,
        coordinator: coordinator?,
        from: from?,
        reply_to: reply_to?,
        bounce_address: bounce_address?,
        timezone: timezone?,
        start: start?,
        end: end?,
        secret: secret?.unwrap_or(SecretSource::Generated),
        propose_first_meeting: raw.propose_first_meeting.unwrap_or(true),
        templates_dir,
    })
}

/// An address pattern with a `{token}` placeholder in its local part.
fn token_address(ctx: &mut Ctx, s: &Spanned<String>, what: &str) -> Option<String> {
    let v = s.get_ref().trim();
    let ok = v.matches("{token}").count() == 1
        && v.split_once('@')
            .is_some_and(|(local, _)| local.contains("{token}"))
        && email_address::EmailAddress::is_valid(&v.replace("{token}", "t0ken"));
    if ok {
        Some(v.to_lowercase())
    } else {
        ctx.issue(
            s.span(),
            format!("`program.{what}` = `{v}` is not an address with one `{{token}}` in its local part"),
            format!("use plus-addressing on a mailbox the program reads, e.g. {what} = \"mentoring+{{token}}@acme.example\""),
        );
        None
    }
}

/// Parses `Name <addr>` or a bare `addr`.
pub(crate) fn parse_mailbox(s: &str) -> Option<Mailbox> {
    let s = s.trim();
    if s.chars().any(char::is_control) {
        return None;
    }
    let (name, email) = match s.rsplit_once('<') {
        Some((name, rest)) => {
            let email = rest.strip_suffix('>')?;
            let name = name.trim().trim_matches('"').trim();
            ((!name.is_empty()).then(|| name.to_string()), email.trim())
        }
        None => (None, s),
    };
    email_address::EmailAddress::is_valid(email).then(|| Mailbox {
        name,
        email: email.to_lowercase(),
    })
}

/// Checks `[pairing]`. Fixed pairs must name a mentor and a mentee, fit their capacities
/// and pass every hard constraint (working hours compared on the program's start date,
/// as pairing does); each problem is reported at the pair with the rule that blocks it.
fn check_pairing(
    ctx: &mut Ctx,
    raw: RawPairing,
    participants: &[Participant],
    start: Option<NaiveDate>,
    rules: Option<&dyn FixedPairRules>,
) -> Option<PairingSettings> {
    let gap = ctx.ranged(
        &raw.min_level_gap,
        1,
        0..=100,
        "pairing.min_level_gap",
        "how many levels the mentor must be below the mentee",
    );
    let overlap = ctx.ranged(
        &raw.min_overlap_minutes,
        60,
        0..=1440,
        "pairing.min_overlap_minutes",
        "minutes of shared working hours a pair needs",
    );
    let rematch = match &raw.rematch_every_weeks {
        None => Some(None),
        Some(_) => ctx
            .ranged(
                &raw.rematch_every_weeks,
                12,
                1..=104,
                "pairing.rematch_every_weeks",
                "weeks between rematch rounds",
            )
            .map(Some),
    };
    let w = &raw.weights;
    let weights = (|| {
        Some(Weights {
            mentor_offers: u32::try_from(ctx.ranged(
                &w.mentor_offers,
                10,
                0..=1000,
                "pairing.weights.mentor_offers",
                "points per topic the mentor can teach the mentee",
            )?)
            .ok()?,
            mentee_offers: u32::try_from(ctx.ranged(
                &w.mentee_offers,
                5,
                0..=1000,
                "pairing.weights.mentee_offers",
                "points per topic the mentee can teach back",
            )?)
            .ok()?,
            overlap_per_hour: u32::try_from(ctx.ranged(
                &w.overlap_per_hour,
                1,
                0..=1000,
                "pairing.weights.overlap_per_hour",
                "points per hour of shared working time",
            )?)
            .ok()?,
            cross_department: u32::try_from(ctx.ranged(
                &w.cross_department,
                3,
                0..=1000,
                "pairing.weights.cross_department",
                "points for different departments",
            )?)
            .ok()?,
        })
    })();
    let synonyms = raw
        .synonyms
        .iter()
        .map(|(alias, canonical)| (normalize_topic(alias), normalize_topic(canonical.get_ref())))
        .collect();
    let mut fixed = Vec::new();
    let mut ok = true;
    // Fixed pairs whose two names check out, for the rules below.
    let mut named: Vec<(&RawFixedPair, usize)> = Vec::new();
    for pair in &raw.fixed {
        let mut named_ok = true;
        for (s, role) in [(&pair.mentor, Role::Mentor), (&pair.mentee, Role::Mentee)] {
            let Some(email) = ctx.email(s, &format!("pairing.fixed.{}", role.as_str())) else {
                ok = false;
                named_ok = false;
                continue;
            };
            match participants.iter().find(|p| p.email == email) {
                None => {
                    ctx.issue(
                        s.span(),
                        format!("fixed pair names {email}, who is not a participant"),
                        "name participants by their email address",
                    );
                    ok = false;
                    named_ok = false;
                }
                Some(p) if p.role != role => {
                    ctx.issue(
                        s.span(),
                        format!(
                            "fixed pair lists {email} as {} but they are a {}",
                            role.as_str(),
                            p.role.as_str()
                        ),
                        "put the junior mentor in `mentor` and the senior mentee in `mentee`",
                    );
                    ok = false;
                    named_ok = false;
                }
                Some(_) => {}
            }
        }
        let key = (
            pair.mentor.get_ref().trim().to_lowercase(),
            pair.mentee.get_ref().trim().to_lowercase(),
        );
        if fixed.contains(&key) {
            ctx.issue(
                pair.mentor.span(),
                format!("fixed pair {} and {} is listed twice", key.0, key.1),
                "keep one [[pairing.fixed]] entry per pair",
            );
            ok = false;
            named_ok = false;
        }
        if named_ok {
            named.push((pair, fixed.len()));
        }
        fixed.push(key);
    }
    let settings = PairingSettings {
        min_level_gap: gap?,
        different_department: raw.different_department.unwrap_or(true),
        avoid_reporting_line: raw.avoid_reporting_line.unwrap_or(true),
        allow_repeat: raw.allow_repeat.unwrap_or(false),
        require_common_language: raw.require_common_language.unwrap_or(true),
        min_overlap_minutes: u32::try_from(overlap?).ok()?,
        rematch_every_weeks: rematch?.and_then(|w| u32::try_from(w).ok()),
        weights: weights?,
        synonyms,
        fixed,
    };
    // NOTE: without a valid program start (already reported) hours are compared on a fixed
    // winter Monday, so the other rules are still checked in the same pass.
    let date = start
        .or_else(|| NaiveDate::from_ymd_opt(2027, 1, 11))
        .unwrap_or_default();
    if named.is_empty() {
        return ok.then_some(settings);
    }
    let asked: Vec<(&str, &str)> = named
        .iter()
        .map(|&(_, at)| (settings.fixed[at].0.as_str(), settings.fixed[at].1.as_str()))
        .collect();
    let mut blocked = rules.map_or_else(Vec::new, |rules| {
        rules.why_not(participants, &settings, date, &asked)
    });
    blocked.resize(named.len(), Vec::new());
    let mut taken: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for ((pair, at), reasons) in named.into_iter().zip(blocked) {
        let (mentor, mentee) = &settings.fixed[at];
        if !reasons.is_empty() {
            ctx.issue(
                pair.mentor.span(),
                format!(
                    "fixed pair {mentor} and {mentee} is impossible: {}",
                    reasons.join("; ")
                ),
                "remove this [[pairing.fixed]] entry, or relax the rule in [pairing] that blocks it",
            );
            ok = false;
        }
        for (email, span) in [(mentor, pair.mentor.span()), (mentee, pair.mentee.span())] {
            let count = taken.entry(email.as_str()).or_insert(0);
            *count += 1;
            let capacity = participants
                .iter()
                .find(|p| &p.email == email)
                .map_or(1, |p| p.capacity);
            if *count == capacity + 1 {
                ctx.issue(
                    span,
                    format!("{email} is in more fixed pairs than their capacity ({capacity})"),
                    "raise their `capacity`, or remove one of their [[pairing.fixed]] entries",
                );
                ok = false;
            }
        }
    }
    ok.then_some(settings)
}

/// Topics compare case- and spacing-insensitively: "AI  Tools" is "ai tools".
pub fn normalize_topic(topic: &str) -> String {
    topic
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn check_schedule(ctx: &mut Ctx, raw: RawSchedule) -> Option<ScheduleSettings> {
    let prompts = ctx.cron(&raw.prompts, "0 9 * * MON", "prompts");
    let hr = ctx.cron(&raw.hr_digest, "0 8 * * MON", "hr_digest");
    let pd = ctx.cron(&raw.participant_digest, "0 8 1 * *", "participant_digest");
    let nudge = ctx.ranged(
        &raw.nudge_after_days,
        14,
        1..=365,
        "schedule.nudge_after_days",
        "days of silence before a pair is nudged",
    );
    let window = ctx.ranged(
        &raw.catch_up_window_hours,
        12,
        0..=720,
        "schedule.catch_up_window_hours",
        "hours a missed prompt may still be sent late",
    );
    Some(ScheduleSettings {
        prompts: prompts?,
        hr_digest: hr?,
        participant_digest: pd?,
        nudge_after_days: u32::try_from(nudge?).ok()?,
        catch_up_window_hours: u32::try_from(window?).ok()?,
    })
}

fn security(ctx: &mut Ctx, s: &Option<Spanned<String>>, default: Security) -> Option<Security> {
    let Some(s) = s else { return Some(default) };
    match s.get_ref().trim().to_lowercase().as_str() {
        "none" => Some(Security::None),
        "starttls" => Some(Security::StartTls),
        "tls" => Some(Security::Tls),
        other => {
            let fix = match suggest(other, &["none", "starttls", "tls"]) {
                Some(g) => format!("did you mean `{g}`? security is none, starttls or tls"),
                None => {
                    "security is none (local relay), starttls (port 587/143) or tls (port 465/993)"
                        .to_string()
                }
            };
            ctx.issue(s.span(), format!("unknown security `{other}`"), fix);
            None
        }
    }
}

fn port(ctx: &mut Ctx, p: &Option<Spanned<i64>>, default: u16, what: &str) -> Option<u16> {
    let v = ctx.ranged(p, i64::from(default), 1..=65535, what, "a TCP port")?;
    u16::try_from(v).ok()
}

fn check_smtp(ctx: &mut Ctx, raw: RawSmtp, base_dir: &Path) -> Option<SmtpSettings> {
    let host = ctx
        .string_field(&raw.host, "smtp.host")
        .map(|h| h.trim_end_matches('.').to_lowercase());
    let security = security(ctx, &raw.security, Security::StartTls);
    let default_port = match security {
        Some(Security::Tls) => 465,
        Some(Security::None) => 25,
        _ => 587,
    };
    let port = port(ctx, &raw.port, default_port, "smtp.port");
    if let (Some(sec), Some(p), Some(span)) = (security, port, raw.port.as_ref().map(Spanned::span))
    {
        if sec == Security::StartTls && p == 465 {
            ctx.issue(
                span,
                "port 465 speaks implicit TLS but `security` is starttls",
                "set security = \"tls\" for port 465, or use port 587 with starttls",
            );
        } else if sec == Security::Tls && p == 587 {
            ctx.issue(
                span,
                "port 587 expects STARTTLS but `security` is tls",
                "set security = \"starttls\" for port 587, or use port 465 with tls",
            );
        }
    }
    let password = ctx.secret(
        "smtp",
        "password",
        &raw.password_env,
        &raw.password_file,
        &raw.password,
        base_dir,
    );
    let username = raw
        .username
        .as_ref()
        .and_then(|u| ctx.string_field(u, "smtp.username"));
    if let (Some(Some(_)), None) = (&password, &username) {
        ctx.issue(
            raw.host.span(),
            "[smtp] has a password but no username",
            "add username = \"…\" to [smtp], or remove the password",
        );
    }
    if let (Some(None), Some(u)) = (&password, &raw.username) {
        ctx.issue(
            u.span(),
            "[smtp] has a username but no password",
            "add password_env = \"VARIABLE\" or password_file = \"path\" to [smtp]",
        );
    }
    let rate = match &raw.rate_per_minute {
        None => Some(None),
        Some(_) => ctx
            .ranged(
                &raw.rate_per_minute,
                600,
                1..=1_000_000,
                "smtp.rate_per_minute",
                "messages per minute at most",
            )
            .map(Some),
    };
    let timeout = ctx.ranged(
        &raw.timeout_seconds,
        30,
        1..=600,
        "smtp.timeout_seconds",
        "seconds before a stalled SMTP command fails",
    );
    let retry_first = ctx.ranged(
        &raw.retry_first_seconds,
        60,
        1..=86_400,
        "smtp.retry_first_seconds",
        "seconds before the first retry of a temporarily failed send (later waits double)",
    );
    let retry_max = ctx.ranged(
        &raw.retry_max_seconds,
        21_600,
        1..=604_800,
        "smtp.retry_max_seconds",
        "the longest wait in seconds between two attempts of a send",
    );
    let retry_span = raw
        .retry_max_seconds
        .as_ref()
        .or(raw.retry_first_seconds.as_ref())
        .map(Spanned::span);
    if let (Some(first), Some(max), Some(span)) = (retry_first, retry_max, retry_span)
        && max < first
    {
        ctx.issue(
            span,
            format!("retry_max_seconds ({max}) is shorter than retry_first_seconds ({first})"),
            "make retry_max_seconds at least retry_first_seconds (defaults: 60 and 21600)",
        );
    }
    let connections = ctx.ranged(
        &raw.connections,
        1,
        1..=32,
        "smtp.connections",
        "parallel connections to the relay",
    );
    let ca = ca_file(ctx, &raw.ca_file, base_dir, "smtp.ca_file");
    Some(SmtpSettings {
        host: host?,
        port: port?,
        security: security?,
        username,
        password: password?,
        rate_per_minute: rate?.and_then(|r| u32::try_from(r).ok()),
        timeout_seconds: u64::try_from(timeout?).ok()?,
        retry_first_seconds: u64::try_from(retry_first?).ok()?,
        retry_max_seconds: u64::try_from(retry_max?).ok()?,
        connections: u32::try_from(connections?).ok()?,
        ca_file: ca?,
    })
}

/// A CA file that must be readable and hold usable certificates: `Some(None)` when not
/// given, `None` after reporting a problem.
fn ca_file(
    ctx: &mut Ctx,
    s: &Option<Spanned<String>>,
    base_dir: &Path,
    what: &str,
) -> Option<Option<CaFile>> {
    let Some(s) = s else { return Some(None) };
    let path = resolve(base_dir, s.get_ref());
    match CaFile::read(&path) {
        Ok(ca) => Some(Some(ca)),
        Err(err) => {
            ctx.issue(
                s.span(),
                format!("`{what}`: {err}"),
                "give the path (relative to program.toml) of a PEM file, readable by the daemon's user, holding the certificate of the CA that signed the server's certificate (one or more -----BEGIN CERTIFICATE----- blocks); or remove the key to trust the system's CAs only",
            );
            None
        }
    }
}

fn check_inbound(ctx: &mut Ctx, raw: RawInbound, base_dir: &Path) -> Option<InboundSettings> {
    let max = ctx.ranged(
        &raw.max_message_bytes,
        25 * 1024 * 1024,
        1024..=(200 * 1024 * 1024),
        "inbound.max_message_bytes",
        "the largest message read; larger ones are quarantined",
    );
    let mut trusted_authserv_ids = Vec::new();
    for id in &raw.trusted_authserv_ids {
        let value = id.get_ref().trim();
        if value.is_empty() || value.contains([';', ' ', '\t']) {
            ctx.issue(
                id.span(),
                format!("`inbound.trusted_authserv_ids` holds {value:?}, which is not an authserv-id"),
                "write the host name your mail server puts first in its Authentication-Results headers, such as \"mx.acme.example\"",
            );
        } else {
            trusted_authserv_ids.push(value.to_lowercase());
        }
    }
    let feedback_loop_senders: Option<Vec<String>> = raw
        .feedback_loop_senders
        .iter()
        .map(|s| {
            ctx.email(s, "inbound.feedback_loop_senders")
                .map(|e| e.to_lowercase())
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let quarantine_days = ctx.ranged(
        &raw.quarantine_days,
        30,
        1..=3650,
        "inbound.quarantine_days",
        "days a quarantined message is kept for review before it is dropped",
    );
    let imap = match raw.imap {
        None => Some(None),
        Some(imap) => (|| {
            let host = ctx.string_field(&imap.host, "inbound.imap.host");
            let security = security(ctx, &imap.security, Security::Tls);
            let port = port(
                ctx,
                &imap.port,
                if security == Some(Security::Tls) {
                    993
                } else {
                    143
                },
                "inbound.imap.port",
            );
            let username = ctx.string_field(&imap.username, "inbound.imap.username");
            let poll = ctx.ranged(
                &imap.poll_seconds,
                60,
                5..=1740,
                "inbound.imap.poll_seconds",
                "seconds between checks without IDLE, and the longest IDLE wait (IMAP servers drop IDLE after 30 min)",
            );
            let reconnect = ctx.ranged(
                &imap.reconnect_max_seconds,
                60,
                1..=3600,
                "inbound.imap.reconnect_max_seconds",
                "the longest wait between two reconnection attempts when the server is away",
            );
            let password = ctx.secret(
                "inbound.imap",
                "password",
                &imap.password_env,
                &imap.password_file,
                &imap.password,
                base_dir,
            );
            let password = match password {
                Some(None) => {
                    ctx.issue(imap.host.span(), "[inbound.imap] has no password source", "add password_env = \"VARIABLE\" or password_file = \"path\" to [inbound.imap]");
                    None
                }
                other => other.flatten(),
            };
            let ca = ca_file(ctx, &imap.ca_file, base_dir, "inbound.imap.ca_file")
                .map(|ca| ca.map(|ca| ca.path));
            Some(Some(ImapSettings {
                host: host?.trim_end_matches('.').to_lowercase(),
                port: port?,
                security: security?,
                username: username?,
                password: password?,
                folder: imap
                    .folder
                    .map_or_else(|| "INBOX".to_string(), |f| f.get_ref().trim().to_string()),
                processed_folder: imap
                    .processed_folder
                    .map(|f| f.get_ref().trim().to_string()),
                ca_file: ca?,
                poll_seconds: u64::try_from(poll?).ok()?,
                reconnect_max_seconds: u64::try_from(reconnect?).ok()?,
            }))
        })(),
    };
    Some(InboundSettings {
        maildir: raw.maildir.map_or_else(
            || PathBuf::from("var/inbox"),
            |m| PathBuf::from(m.get_ref().trim()),
        ),
        max_message_bytes: u64::try_from(max?).ok()?,
        trusted_authserv_ids,
        feedback_loop_senders: feedback_loop_senders?,
        quarantine_days: u32::try_from(quarantine_days?).ok()?,
        imap: imap?,
    })
}

fn check_dkim(
    ctx: &mut Ctx,
    raw: RawDkim,
    base_dir: &Path,
    program: Option<&Program>,
) -> Option<DkimSettings> {
    let selector = ctx.string_field(&raw.selector, "dkim.selector");
    let algorithm = match raw
        .algorithm
        .as_ref()
        .map(|a| a.get_ref().trim().to_lowercase())
    {
        None => Some(DkimAlgorithm::Rsa),
        Some(a) if a == "rsa" => Some(DkimAlgorithm::Rsa),
        Some(a) if a == "ed25519" => Some(DkimAlgorithm::Ed25519),
        Some(a) => {
            let span = raw.algorithm.as_ref().map_or(0..0, Spanned::span);
            ctx.issue(
                span,
                format!("unknown DKIM algorithm `{a}`"),
                "algorithm is \"rsa\" (a PEM PKCS#1 key) or \"ed25519\" (a base64 key)",
            );
            None
        }
    };
    let domain = match &raw.domain {
        Some(d) => ctx.string_field(d, "dkim.domain").map(|d| d.to_lowercase()),
        None => program.and_then(|p| p.from.email.rsplit_once('@').map(|(_, d)| d.to_string())),
    };
    let path = resolve(base_dir, raw.key_file.get_ref());
    let key = match std::fs::read_to_string(&path) {
        Ok(k) => Some(Secret::new(k.trim())),
        Err(err) => {
            ctx.issue(raw.key_file.span(), format!("cannot read DKIM key file {}: {err}", path.display()), "give the path of the private key (relative to program.toml), readable by the daemon only");
            None
        }
    };
    let settings = DkimSettings {
        selector: selector?,
        domain: domain?,
        algorithm: algorithm?,
        key: key?,
    };
    if let Err(err) = settings.signing_config() {
        ctx.issue(raw.key_file.span(), format!("the DKIM key in {} does not parse: {err}", path.display()), "an RSA key must be PEM PKCS#1 (BEGIN RSA PRIVATE KEY); an Ed25519 key is its 32 bytes in base64");
        return None;
    }
    Some(settings)
}

fn check_unsubscribe(ctx: &mut Ctx, raw: RawUnsubscribe) -> Option<UnsubscribeSettings> {
    let url = ctx
        .string_field(&raw.url, "unsubscribe.url")
        .map(|u| u.trim_end_matches('/').to_string());
    let url = match url {
        Some(u)
            if u.len() > "https://".len()
                && u[.."https://".len()].eq_ignore_ascii_case("https://")
                && u.is_ascii()
                && !u.contains(char::is_whitespace)
                && !u.contains(['<', '>', '"', ',', '?', '#']) =>
        {
            Some(u)
        }
        Some(u) => {
            ctx.issue(
                raw.url.span(),
                format!("`unsubscribe.url` must be a plain https address, not `{u}`"),
                "give the public https address your reverse proxy forwards to upward, e.g. url = \"https://mentoring.example.com/unsubscribe\" (mail clients only POST one-click requests over https; no query or fragment)",
            );
            None
        }
        None => None,
    };
    let listen = match &raw.listen {
        None => DEFAULT_UNSUBSCRIBE_LISTEN.parse().ok(),
        Some(l) => match l.get_ref().trim().parse::<std::net::SocketAddr>() {
            Ok(addr) => Some(addr),
            Err(_) => {
                ctx.issue(
                    l.span(),
                    format!("`unsubscribe.listen` is not an address and port: `{}`", l.get_ref().trim()),
                    format!("write an IP address and a port, e.g. listen = \"{DEFAULT_UNSUBSCRIBE_LISTEN}\""),
                );
                None
            }
        },
    };
    let max_connections = ctx.ranged(
        &raw.max_connections,
        64,
        1..=10_000,
        "unsubscribe.max_connections",
        "one-click requests served at once; more are closed at once",
    );
    let timeout = ctx.ranged(
        &raw.timeout_seconds,
        10,
        1..=300,
        "unsubscribe.timeout_seconds",
        "seconds a client may take to send a request's headers, and then its body",
    );
    Some(UnsubscribeSettings {
        url: url?,
        listen: listen?,
        max_connections: usize::try_from(max_connections?).ok()?,
        timeout: std::time::Duration::from_secs(u64::try_from(timeout?).ok()?),
    })
}

fn check_privacy(ctx: &mut Ctx, raw: RawPrivacy) -> Option<PrivacySettings> {
    let hr_feedback = match &raw.hr_feedback {
        None => Some(FeedbackVisibility::Aggregate),
        Some(s) => match s.get_ref().trim().to_lowercase().as_str() {
            "aggregate" => Some(FeedbackVisibility::Aggregate),
            "quotes" => Some(FeedbackVisibility::Quotes),
            other => {
                ctx.issue(s.span(), format!("unknown privacy level `{other}`"), "hr_feedback is \"aggregate\" (figures only) or \"quotes\" (figures and quotes from notes)");
                None
            }
        },
    };
    let min_group = ctx.ranged(
        &raw.min_group,
        3,
        1..=1000,
        "privacy.min_group",
        "fewest answers before ratings are shown",
    );
    Some(PrivacySettings {
        hr_feedback: hr_feedback?,
        min_group: u32::try_from(min_group?).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::config::test_support::TEST_PROGRAM as MINIMAL;

    fn issues(text: &str) -> Vec<ConfigIssue> {
        Config::from_str(text, Path::new("p.toml")).expect_err("should be invalid")
    }

    #[test]
    fn a_minimal_program_gets_sensible_defaults() {
        let c = Config::from_str(MINIMAL, Path::new("p.toml")).expect("valid");
        assert_eq!(c.participants.len(), 2);
        assert_eq!(c.participants[0].email, "ann@acme.example");
        assert_eq!(c.store.path, PathBuf::from("var/upward.db"));
        assert!(c.smtp.is_none());
        assert_eq!(c.pairing.min_level_gap, 1);
        assert_eq!(c.schedule.prompts.source, "0 9 * * MON");
        assert_eq!(c.domain(), "acme.example");
    }

    #[test]
    fn every_unknown_key_is_reported_not_just_the_first() {
        let text = MINIMAL
            .replace("name = \"Ann\"", "nme = \"Ann\"\nname = \"Ann\"")
            .replace("[program]", "[program]\ntimezon = \"UTC\"");
        let found = issues(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|i| i.message.contains("`timezon`")
            && i.fix.as_deref().unwrap_or("").contains("`timezone`")));
    }

    #[test]
    fn five_and_six_field_cron_are_accepted_and_others_refused() {
        assert!(crate::time::cron::parse("0 9 * * MON").is_ok());
        assert!(crate::time::cron::parse("30 0 9 * * MON").is_ok());
        assert!(crate::time::cron::parse("9 * MON").is_err());
        assert!(crate::time::cron::parse("61 9 * * MON").is_err());
    }

    #[test]
    fn mailbox_parses_with_and_without_a_name() {
        assert_eq!(parse_mailbox("a@b.example").map(|m| m.name), Some(None));
        let m = parse_mailbox("\"Mentoring, Acme\" <A@B.example>").expect("valid");
        assert_eq!(m.name.as_deref(), Some("Mentoring, Acme"));
        assert_eq!(m.email, "a@b.example");
        assert!(parse_mailbox("x <a@b.example>\r\nBcc: c@d.example").is_none());
    }

    #[test]
    fn a_dkim_key_is_read_and_checked_at_load() {
        let dir = tempfile::tempdir().unwrap();
        // 32 bytes, base64: an Ed25519 private key.
        std::fs::write(
            dir.path().join("dkim.key"),
            "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("bad.key"), "not a key\n").unwrap();
        let path = dir.path().join("p.toml");
        let good = format!(
            "{MINIMAL}\n[dkim]\nselector = \"upward\"\nkey_file = \"dkim.key\"\nalgorithm = \"ed25519\"\n"
        );
        let c = Config::from_str(&good, &path).expect("valid");
        let d = c.dkim.expect("dkim configured");
        assert_eq!(
            (d.selector.as_str(), d.domain.as_str()),
            ("upward", "acme.example")
        );
        assert!(
            !format!("{:?}", d.key).contains("QUJD"),
            "the key must not show in Debug"
        );
        let bad = good.replace("dkim.key", "bad.key");
        let found = Config::from_str(&bad, &path).expect_err("invalid key");
        assert!(found[0].message.contains("does not parse"), "{found:?}");
    }

    #[test]
    fn topics_normalise_case_and_spacing() {
        assert_eq!(normalize_topic("  AI   Tools "), "ai tools");
    }
}
