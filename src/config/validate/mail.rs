//! Checks the mail sections: `[smtp]` (with its security and port), `[inbound]` (with
//! `[inbound.imap]`), `[dkim]`, and the CA files they may name.

use std::path::{Path, PathBuf};

use toml::Spanned;

use crate::config::fields::suggest;
use crate::config::raw::*;
use crate::config::*;

use super::ctx::Ctx;
use super::resolve;

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

pub(super) fn check_smtp(ctx: &mut Ctx, raw: RawSmtp, base_dir: &Path) -> Option<SmtpSettings> {
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

pub(super) fn check_inbound(
    ctx: &mut Ctx,
    raw: RawInbound,
    base_dir: &Path,
) -> Option<InboundSettings> {
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

/// What to write in a key file, for an issue's fix.
const KEY_FORMS: &str = "give a PEM private key, RSA (PKCS#8 `BEGIN PRIVATE KEY` as `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048` writes it, or PKCS#1 `BEGIN RSA PRIVATE KEY`) or Ed25519 (`openssl genpkey -algorithm ed25519`), or an Ed25519 key's 32 bytes in base64";

/// The `[dkim]` keys (one table, or `[[dkim]]` tables): each checked, and no selector twice
/// on one domain. `None` when any is wrong; empty when there is none.
pub(super) fn check_dkim(
    ctx: &mut Ctx,
    raws: Vec<Option<RawDkim>>,
    base_dir: &Path,
    program: Option<&Program>,
) -> Option<Vec<DkimSettings>> {
    let mut keys = Vec::new();
    let mut ok = true;
    for raw in raws {
        let span = raw.as_ref().map(|r| r.selector.span());
        match raw.and_then(|r| check_dkim_key(ctx, r, base_dir, program)) {
            Some(key) => {
                if keys
                    .iter()
                    .any(|k: &DkimSettings| k.dns_name() == key.dns_name())
                {
                    ctx.issue(
                        span.unwrap_or(0..0),
                        format!("two [[dkim]] keys have the selector {}", key.dns_name()),
                        "give each key its own selector: one selector names one published key",
                    );
                    ok = false;
                }
                keys.push(key);
            }
            None => ok = false,
        }
    }
    ok.then_some(keys)
}

fn check_dkim_key(
    ctx: &mut Ctx,
    raw: RawDkim,
    base_dir: &Path,
    program: Option<&Program>,
) -> Option<DkimSettings> {
    let selector = ctx
        .string_field(&raw.selector, "dkim.selector")
        .and_then(|s| dns_labels(ctx, &raw.selector, s, "dkim.selector"));
    let said = match raw
        .algorithm
        .as_ref()
        .map(|a| a.get_ref().trim().to_lowercase())
    {
        None => Some(None),
        Some(a) if a == "rsa" => Some(Some(DkimAlgorithm::Rsa)),
        Some(a) if a == "ed25519" => Some(Some(DkimAlgorithm::Ed25519)),
        Some(a) => {
            let span = raw.algorithm.as_ref().map_or(0..0, Spanned::span);
            ctx.issue(
                span,
                format!("unknown DKIM algorithm `{a}`"),
                "algorithm is \"rsa\" or \"ed25519\"; or leave it out: the key says which it is",
            );
            None
        }
    };
    let domain = match &raw.domain {
        Some(d) => ctx
            .string_field(d, "dkim.domain")
            .and_then(|s| dns_labels(ctx, d, s, "dkim.domain"))
            .map(|d| d.to_lowercase()),
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
    let key = key?;
    let algorithm = match DkimKey::parse(key.expose()) {
        Ok(parsed) => parsed.algorithm(),
        Err(err) => {
            ctx.issue(
                raw.key_file.span(),
                format!("the DKIM key in {} cannot be used: {err}", path.display()),
                KEY_FORMS,
            );
            return None;
        }
    };
    if let Some(said) = said?
        && said != algorithm
    {
        let span = raw.algorithm.as_ref().map_or(0..0, Spanned::span);
        ctx.issue(
            span,
            format!(
                "algorithm = \"{}\" but the key in {} is an {} key",
                said.as_str(),
                path.display(),
                algorithm.as_str()
            ),
            "leave `algorithm` out (the key says which it is), or name the right key file",
        );
        return None;
    }
    Some(DkimSettings {
        selector: selector?,
        domain: domain?,
        algorithm,
        key,
    })
}

/// `value` when it is DNS labels (letters, digits, `-`, joined by dots), as a selector and a
/// signing domain must be to go into `s=`, `d=` and a DNS name.
fn dns_labels(ctx: &mut Ctx, at: &Spanned<String>, value: String, what: &str) -> Option<String> {
    let label = |l: &str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if value.split('.').all(label) {
        return Some(value);
    }
    ctx.issue(
        at.span(),
        format!("`{what}` = \"{value}\" is not a DNS name"),
        "use letters, digits and hyphens, in labels joined by dots (e.g. \"upward2027\")",
    );
    None
}
