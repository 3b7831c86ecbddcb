//! Owns one question: what differs between the running config and a reloaded one, in words
//! an operator reads in the log ("[smtp] port 2525 → 2587, security none → starttls"), and
//! which of it the running daemon can take. Pure: compares two checked configs and decides
//! nothing else; the reload itself is `daemon::reload`.

use std::fmt;
use std::path::Path;

use crate::config::{CaFile, Config, ImapSettings, InboundSettings, Security, SmtpSettings};

/// What a reload changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// One entry per changed section, saying what changed in it; secrets are named, never
    /// shown.
    pub sections: Vec<String>,
    /// The outbox sender must start again on a new transport: `[smtp]` changed, or the file
    /// outbox moved.
    pub sender: bool,
    /// Changed settings the running daemon cannot take: they wait for a restart.
    pub restart_needed: Vec<String>,
}

impl Changes {
    /// Compares the running config `old` with the reloaded `new`.
    pub fn between(old: &Config, new: &Config) -> Changes {
        let mut c = Changes::default();
        let smtp = smtp_diff(old, new);
        let mut outbox = Vec::new();
        field(&mut outbox, "dir", &old.outbox.dir, &new.outbox.dir, |p| {
            path(p)
        });
        // NOTE: without [smtp] the outbox folder is where mail goes: the sender's transport.
        c.sender = !smtp.is_empty() || (new.smtp.is_none() && !outbox.is_empty());
        field(
            &mut outbox,
            "bounce_threshold",
            &old.outbox.bounce_threshold,
            &new.outbox.bounce_threshold,
            u32::to_string,
        );
        c.section("[smtp]", smtp);
        c.section("[outbox]", outbox);
        let (inbound, imap) = inbound_diff(&old.inbound, &new.inbound);
        c.section("[inbound]", inbound);
        c.section("[inbound.imap]", imap);
        let whole = [
            ("[program]", old.program != new.program),
            ("participants", old.participants != new.participants),
            ("[pairing]", old.pairing != new.pairing),
            ("[schedule]", old.schedule != new.schedule),
            ("[privacy]", old.privacy != new.privacy),
            ("[dkim]", old.dkim != new.dkim),
        ];
        for (name, changed) in whole {
            if changed {
                c.sections.push(name.to_string());
            }
        }
        if old.store.path != new.store.path {
            c.restart_needed.push(format!(
                "[store] path {} → {} (still using {})",
                old.store.path.display(),
                new.store.path.display(),
                old.store.path.display()
            ));
        }
        c.unsubscribe(old, new);
        c
    }

    /// `[unsubscribe]`: its url is read per request; its listener is set up at start only.
    fn unsubscribe(&mut self, old: &Config, new: &Config) {
        match (&old.unsubscribe, &new.unsubscribe) {
            (None, None) => {}
            (Some(_), None) => self.restart_needed.push(
                "[unsubscribe] removed (the listener keeps answering until a restart)".into(),
            ),
            (None, Some(_)) => self
                .restart_needed
                .push("[unsubscribe] added (no listener until a restart)".into()),
            (Some(o), Some(n)) => {
                if o.url != n.url {
                    self.sections
                        .push(format!("[unsubscribe] url {} → {}", o.url, n.url));
                }
                let mut listener = Vec::new();
                field(&mut listener, "listen", &o.listen, &n.listen, |a| {
                    a.to_string()
                });
                field(
                    &mut listener,
                    "max_connections",
                    &o.max_connections,
                    &n.max_connections,
                    usize::to_string,
                );
                field(
                    &mut listener,
                    "timeout_seconds",
                    &o.timeout,
                    &n.timeout,
                    |t| t.as_secs().to_string(),
                );
                if !listener.is_empty() {
                    self.restart_needed
                        .push(format!("[unsubscribe] {}", listener.join(", ")));
                }
            }
        }
    }

    fn section(&mut self, name: &str, fields: Vec<String>) {
        if !fields.is_empty() {
            self.sections.push(format!("{name} {}", fields.join(", ")));
        }
    }
}

impl fmt::Display for Changes {
    /// The changed sections, `; `-separated, or "nothing in the program file".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sections.is_empty() && self.restart_needed.is_empty() {
            return f.write_str("nothing in the program file");
        }
        let all: Vec<&str> = self
            .sections
            .iter()
            .chain(&self.restart_needed)
            .map(String::as_str)
            .collect();
        f.write_str(&all.join("; "))
    }
}

/// `none`, `starttls` or `tls`, as written in the config.
pub fn security_name(s: Security) -> &'static str {
    match s {
        Security::None => "none",
        Security::StartTls => "starttls",
        Security::Tls => "tls",
    }
}

/// Where mail goes: `smtp HOST:PORT SECURITY[ ca_file PATH]` or `file DIR`.
pub fn transport_summary(config: &Config) -> String {
    match &config.smtp {
        Some(s) => {
            let ca = s.ca_file.as_ref().map_or(String::new(), |ca| {
                format!(" ca_file {}", ca.path.display())
            });
            format!(
                "smtp {}:{} {}{ca}",
                s.host,
                s.port,
                security_name(s.security)
            )
        }
        None => format!("file {}", config.outbox.dir.display()),
    }
}

/// Where replies are read from: `imap HOST:PORT/FOLDER SECURITY` or `maildir DIR`.
pub fn inbound_summary(config: &Config) -> String {
    match &config.inbound.imap {
        Some(i) => format!(
            "imap {}:{}/{} {}",
            i.host,
            i.port,
            i.folder,
            security_name(i.security)
        ),
        None => format!("maildir {}", config.inbound.maildir.display()),
    }
}

/// Adds `NAME OLD → NEW` to `out` when the values differ.
fn field<T: PartialEq + ?Sized>(
    out: &mut Vec<String>,
    name: &str,
    old: &T,
    new: &T,
    show: impl Fn(&T) -> String,
) {
    if old != new {
        out.push(format!("{name} {} → {}", show(old), show(new)));
    }
}

/// Adds `NAME changed` (never the value) when the secrets differ.
fn secret<T: PartialEq>(out: &mut Vec<String>, name: &str, old: &T, new: &T) {
    if old != new {
        out.push(format!("{name} changed (not shown)"));
    }
}

fn optional<T: fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map_or("(none)".to_string(), T::to_string)
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

fn list(v: &[String]) -> String {
    format!("[{}]", v.join(", "))
}

/// A CA file by its path, or by its contents when only they changed.
fn ca_file(out: &mut Vec<String>, old: Option<&CaFile>, new: Option<&CaFile>) {
    let shown = |c: Option<&CaFile>| c.map_or("(none)".to_string(), |c| path(&c.path));
    match (old, new) {
        (Some(o), Some(n)) if o.path == n.path && o != n => out.push(format!(
            "ca_file {} (its certificates changed: {} → {})",
            path(&n.path),
            o.certificates.len(),
            n.certificates.len()
        )),
        _ if old != new => out.push(format!("ca_file {} → {}", shown(old), shown(new))),
        _ => {}
    }
}

/// What changed in `[smtp]`, including its coming or going (mail then goes to, or stops
/// going to, the file outbox).
fn smtp_diff(old: &Config, new: &Config) -> Vec<String> {
    let mut d = Vec::new();
    match (&old.smtp, &new.smtp) {
        (None, None) => {}
        (Some(_), None) | (None, Some(_)) => {
            d.push(format!(
                "{} → {}",
                transport_summary(old),
                transport_summary(new)
            ));
        }
        (Some(o), Some(n)) => smtp_fields(&mut d, o, n),
    }
    d
}

fn smtp_fields(d: &mut Vec<String>, o: &SmtpSettings, n: &SmtpSettings) {
    field(d, "host", &o.host, &n.host, String::clone);
    field(d, "port", &o.port, &n.port, u16::to_string);
    field(d, "security", &o.security, &n.security, |s| {
        security_name(*s).to_string()
    });
    field(d, "username", &o.username, &n.username, optional);
    secret(d, "password", &o.password, &n.password);
    field(
        d,
        "rate_per_minute",
        &o.rate_per_minute,
        &n.rate_per_minute,
        optional,
    );
    field(
        d,
        "timeout_seconds",
        &o.timeout_seconds,
        &n.timeout_seconds,
        u64::to_string,
    );
    field(
        d,
        "retry_first_seconds",
        &o.retry_first_seconds,
        &n.retry_first_seconds,
        u64::to_string,
    );
    field(
        d,
        "retry_max_seconds",
        &o.retry_max_seconds,
        &n.retry_max_seconds,
        u64::to_string,
    );
    field(
        d,
        "connections",
        &o.connections,
        &n.connections,
        u32::to_string,
    );
    ca_file(d, o.ca_file.as_ref(), n.ca_file.as_ref());
}

/// What changed in `[inbound]`, and in `[inbound.imap]`.
fn inbound_diff(o: &InboundSettings, n: &InboundSettings) -> (Vec<String>, Vec<String>) {
    let mut d = Vec::new();
    let mut i = Vec::new();
    field(&mut d, "maildir", &o.maildir, &n.maildir, |p| path(p));
    field(
        &mut d,
        "max_message_bytes",
        &o.max_message_bytes,
        &n.max_message_bytes,
        u64::to_string,
    );
    field(
        &mut d,
        "trusted_authserv_ids",
        &o.trusted_authserv_ids,
        &n.trusted_authserv_ids,
        |v| list(v),
    );
    field(
        &mut d,
        "feedback_loop_senders",
        &o.feedback_loop_senders,
        &n.feedback_loop_senders,
        |v| list(v),
    );
    field(
        &mut d,
        "quarantine_days",
        &o.quarantine_days,
        &n.quarantine_days,
        u32::to_string,
    );
    match (&o.imap, &n.imap) {
        (None, None) => {}
        (None, Some(new)) => i.push(format!(
            "added: maildir {} → imap {}",
            path(&n.maildir),
            imap_summary(new)
        )),
        (Some(old), None) => i.push(format!(
            "removed: imap {} → maildir {}",
            imap_summary(old),
            path(&n.maildir)
        )),
        (Some(o), Some(n)) => {
            field(&mut i, "host", &o.host, &n.host, String::clone);
            field(&mut i, "port", &o.port, &n.port, u16::to_string);
            field(&mut i, "security", &o.security, &n.security, |s| {
                security_name(*s).to_string()
            });
            field(&mut i, "username", &o.username, &n.username, String::clone);
            secret(&mut i, "password", &o.password, &n.password);
            field(&mut i, "folder", &o.folder, &n.folder, String::clone);
            field(
                &mut i,
                "processed_folder",
                &o.processed_folder,
                &n.processed_folder,
                optional,
            );
            field(&mut i, "ca_file", &o.ca_file, &n.ca_file, |c| {
                c.as_deref().map_or("(none)".to_string(), path)
            });
            field(
                &mut i,
                "poll_seconds",
                &o.poll_seconds,
                &n.poll_seconds,
                u64::to_string,
            );
        }
    }
    (d, i)
}

fn imap_summary(i: &ImapSettings) -> String {
    format!(
        "{}:{}/{} {}",
        i.host,
        i.port,
        i.folder,
        security_name(i.security)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &str) -> Config {
        let text = format!("{}\n{extra}", crate::config::TEST_PROGRAM);
        Config::from_str(&text, Path::new("p.toml")).unwrap()
    }

    #[test]
    fn the_same_config_changes_nothing() {
        let c = Changes::between(&config(""), &config(""));
        assert_eq!(c, Changes::default());
        assert_eq!(c.to_string(), "nothing in the program file");
    }

    #[test]
    fn moving_from_the_file_outbox_to_a_relay_restarts_the_sender_and_says_both() {
        let c = Changes::between(
            &config(""),
            &config("[smtp]\nhost = \"127.0.0.1\"\nport = 2587\n"),
        );
        assert!(c.sender);
        assert_eq!(
            c.to_string(),
            "[smtp] file var/outbox → smtp 127.0.0.1:2587 starttls"
        );
    }

    #[test]
    fn each_changed_smtp_field_is_named_and_a_password_never_shown() {
        let dir = tempfile::tempdir().unwrap();
        let relay = |port: u16, secret: &str| {
            let file = dir.path().join(format!("pass{port}"));
            std::fs::write(&file, secret).unwrap();
            config(&format!(
                "[smtp]\nhost = \"relay.acme.example\"\nport = {port}\nsecurity = \"none\"\nusername = \"u\"\npassword_file = \"{}\"\n",
                file.display()
            ))
        };
        let c = Changes::between(&relay(25, "first secret"), &relay(2525, "second secret"));
        assert!(c.sender);
        assert_eq!(
            c.to_string(),
            "[smtp] port 25 → 2525, password changed (not shown)"
        );
    }

    #[test]
    fn a_new_maildir_or_imap_is_an_inbound_change_and_leaves_the_sender_alone() {
        let c = Changes::between(
            &config(""),
            &config("[inbound]\nmaildir = \"var/inbox2\"\n"),
        );
        assert!(!c.sender);
        assert_eq!(c.to_string(), "[inbound] maildir var/inbox → var/inbox2");
        let dir = tempfile::tempdir().unwrap();
        let pass = dir.path().join("imap.password");
        std::fs::write(&pass, "secret").unwrap();
        let imap = config(&format!(
            "[inbound.imap]\nhost = \"imap.acme.example\"\nusername = \"m\"\npassword_file = \"{}\"\n",
            pass.display()
        ));
        let c = Changes::between(&config(""), &imap);
        assert!(!c.sender);
        assert_eq!(
            c.to_string(),
            "[inbound.imap] added: maildir var/inbox → imap imap.acme.example:993/INBOX tls"
        );
    }

    #[test]
    fn a_new_outbox_folder_moves_the_file_transport() {
        let c = Changes::between(&config(""), &config("[outbox]\ndir = \"var/outbox2\"\n"));
        assert!(c.sender);
        assert_eq!(c.to_string(), "[outbox] dir var/outbox → var/outbox2");
    }

    #[test]
    fn a_new_database_path_waits_for_a_restart() {
        let c = Changes::between(&config(""), &config("[store]\npath = \"var/other.db\"\n"));
        assert!(c.sections.is_empty());
        assert_eq!(
            c.restart_needed,
            vec!["[store] path var/upward.db → var/other.db (still using var/upward.db)"]
        );
    }
}
