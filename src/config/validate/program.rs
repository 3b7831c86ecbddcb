//! Checks `[program]`: its name, coordinator, From mailbox, token addresses, time zone,
//! dates and secret.

use std::path::Path;

use chrono_tz::Tz;
use toml::Spanned;

use crate::config::raw::*;
use crate::config::*;

use super::ctx::Ctx;
use super::resolve;

pub(super) fn check_program(ctx: &mut Ctx, raw: RawProgram, base_dir: &Path) -> Option<Program> {
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
    let language = match &raw.language {
        Some(l) => {
            let lang = Lang::recognise(l.get_ref());
            if lang.is_none() {
                ctx.issue(
                    l.span(),
                    format!("the program does not write emails in `{}`", l.get_ref()),
                    "set `language` to en, de, fr, es or nl (English, Deutsch, Français, Español, Nederlands)",
                );
            }
            lang
        }
        None => Some(Lang::En),
    };
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
        language: language?,
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
