//! Owns turning the text of `program.toml` into a checked `Config`: syntax, unknown keys
//! (with suggestions), types, required keys and every value's meaning, all reported at once.
//! Nothing else in the crate reads raw config.
//!
//! This file walks the document section by section and assembles the `Config`; `ctx` holds
//! the walker and its reporting, and each section's checks live in `program`, `pairing`,
//! `mail` (`[smtp]`, `[inbound]`, `[dkim]`) and `settings` (`[schedule]`, `[unsubscribe]`,
//! `[privacy]`).

mod ctx;
mod mail;
mod pairing;
mod program;
mod settings;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::issue::{ConfigIssue, LineIndex};
use super::participants::{self, ParticipantInput};
use super::raw::*;
use super::*;

use ctx::{Ctx, display_path};
use mail::{check_dkim, check_inbound, check_smtp};
use pairing::check_pairing;
pub use pairing::normalize_topic;
use program::check_program;
use settings::{check_privacy, check_schedule, check_unsubscribe};

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
    // NOTE: `[dkim]` is one key; `[[dkim]]` tables are several, each signing every email.
    let dkim: Vec<Option<RawDkim>> = match section("dkim") {
        None => Vec::new(),
        Some(v) => match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .map(|item| {
                    let item = ctx.clean(item, ".dkim[]");
                    ctx.de::<RawDkim>(item, ".dkim[]")
                })
                .collect(),
            _ => {
                let v = ctx.clean(&v, ".dkim");
                vec![ctx.de::<RawDkim>(v, ".dkim")]
            }
        },
    };
    let unsubscribe: Option<Option<RawUnsubscribe>> = section("unsubscribe").map(|v| {
        let v = ctx.clean(&v, ".unsubscribe");
        ctx.de::<RawUnsubscribe>(v, ".unsubscribe")
    });

    let program = program.and_then(|p| check_program(&mut ctx, p, &base_dir));
    let program_tz = program.as_ref().map_or(Tz::UTC, |p| p.timezone);
    let program_lang = program.as_ref().map_or(Lang::En, |p| p.language);

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
    let participants = participants::check_all(inputs, program_tz, program_lang, &mut ctx.issues);

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

    let dkim = check_dkim(&mut ctx, dkim, &base_dir, program.as_ref());

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
        language: raw.language.as_ref().map(|s| ctx.field(s)),
        languages: list(&raw.languages),
        offers: list(&raw.offers),
        wants: list(&raw.wants),
        capacity: raw.capacity.as_ref().map(|s| ctx.field(s)),
        exclude: list(&raw.exclude),
        hours: raw.hours.as_ref().map(|s| ctx.field(s)),
        complete: true,
    }
}
