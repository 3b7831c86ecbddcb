//! `upward check --connect`: open the SMTP connection the daemon would use, report what the
//! server offers and authenticate; log in to the IMAP mailbox, open its folder read-only and
//! report IDLE; then compare the DKIM records in DNS. Sends nothing and changes nothing.

use crate::config::{Config, ImapSettings, Security};
use crate::inbound::source::imap::{self, ImapProbe};
use crate::outbound::transport::{SmtpOptions, probe};

/// Probes the relay, the mailbox and the DKIM records and prints what it found; returns
/// whether all went well.
///
/// # Errors
/// Only when the async runtime cannot start.
pub fn check_connect(config: &Config) -> anyhow::Result<bool> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let smtp = check_smtp(config, &runtime);
    let imap = check_imap(config, &runtime);
    let published = super::dns::check_published(config);
    Ok(smtp && imap && published)
}

fn check_smtp(config: &Config, runtime: &tokio::runtime::Runtime) -> bool {
    let Some(smtp) = &config.smtp else {
        println!("smtp: no [smtp] section; mail goes to the file outbox, nothing to connect to");
        return true;
    };
    let opts = SmtpOptions::from_settings(smtp, config.domain());
    match runtime.block_on(probe(opts)) {
        Ok(p) => {
            println!("smtp: connected to {}:{}", smtp.host, smtp.port);
            println!("smtp: server offers {}", p.server);
            println!(
                "smtp: connection is {}",
                if p.encrypted {
                    "encrypted"
                } else {
                    "not encrypted"
                }
            );
            if p.pipelining {
                println!("smtp: the server offers PIPELINING; envelopes go out in one write");
            }
            match p.authenticated {
                Some(user) => println!("smtp: authenticated as {user}"),
                None => println!("smtp: no credentials configured; not authenticated"),
            }
            true
        }
        Err(err) => {
            eprintln!("smtp: {}:{}: {err}", smtp.host, smtp.port);
            false
        }
    }
}

fn check_imap(config: &Config, runtime: &tokio::runtime::Runtime) -> bool {
    let Some(settings) = &config.inbound.imap else {
        println!(
            "imap: no [inbound.imap] section; replies are read from the Maildir {}, nothing to connect to",
            config.inbound.maildir.display()
        );
        return true;
    };
    match runtime.block_on(imap::probe(settings)) {
        Ok(p) => {
            for line in imap_lines(settings, &p) {
                println!("imap: {line}");
            }
            true
        }
        Err(err) => {
            eprintln!("imap: {}:{}: {err}", settings.host, settings.port);
            false
        }
    }
}

/// What `check --connect` says of a mailbox it reached.
fn imap_lines(settings: &ImapSettings, p: &ImapProbe) -> Vec<String> {
    let mut lines = vec![format!("connected to {}:{}", settings.host, settings.port)];
    lines.push(if p.encrypted {
        let how = if settings.security == Security::StartTls {
            "STARTTLS"
        } else {
            "TLS"
        };
        format!("connection is encrypted ({how}), the certificate verified")
    } else {
        "connection is NOT encrypted (security = \"none\"): the password and the replies cross the network in clear; use \"starttls\" or \"tls\" unless the server is on this host".to_string()
    });
    lines.push(format!("logged in as {}", settings.username));
    lines.push(format!(
        "folder {} opened read-only: {} message(s){}",
        settings.folder,
        p.messages,
        p.uid_validity
            .map_or(String::new(), |v| format!(", UIDVALIDITY {v}"))
    ));
    if let Some(processed) = &settings.processed_folder {
        lines.push(format!(
            "processed folder {processed} exists: handled replies are moved there"
        ));
    }
    lines.push(if p.idle {
        "the server offers IDLE: new replies are read as they arrive".to_string()
    } else {
        format!(
            "the server does not offer IDLE: the reader looks for new replies every {} s (poll_seconds)",
            settings.poll_seconds
        )
    });
    lines.push("nothing was changed: the folders were only examined, then logged out".to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Secret, SecretSource};

    fn settings(security: Security) -> ImapSettings {
        ImapSettings {
            host: "imap.acme.example".into(),
            port: 993,
            security,
            username: "mentoring".into(),
            password: SecretSource::Env {
                var: "IMAP_PASSWORD".into(),
                value: Secret::new("hunter2"),
            },
            folder: "INBOX".into(),
            processed_folder: Some("Handled".into()),
            ca_file: None,
            poll_seconds: 60,
            reconnect_max_seconds: 60,
        }
    }

    #[test]
    fn a_reached_mailbox_is_described_with_its_encryption_folders_and_idle() {
        let p = ImapProbe {
            encrypted: true,
            idle: true,
            messages: 3,
            uid_validity: Some(42),
        };
        let lines = imap_lines(&settings(Security::Tls), &p);
        assert_eq!(
            lines,
            vec![
                "connected to imap.acme.example:993",
                "connection is encrypted (TLS), the certificate verified",
                "logged in as mentoring",
                "folder INBOX opened read-only: 3 message(s), UIDVALIDITY 42",
                "processed folder Handled exists: handled replies are moved there",
                "the server offers IDLE: new replies are read as they arrive",
                "nothing was changed: the folders were only examined, then logged out",
            ]
        );
        let plain = ImapProbe {
            encrypted: false,
            idle: false,
            ..p
        };
        let lines = imap_lines(&settings(Security::None), &plain).join("\n");
        assert!(lines.contains("NOT encrypted"), "{lines}");
        assert!(lines.contains("every 60 s (poll_seconds)"), "{lines}");
        assert!(!lines.contains("hunter2"));
    }
}
