//! `upward check --connect`: open the SMTP connection the daemon would use, report what the
//! server offers, authenticate, and send nothing; then compare the DKIM records in DNS.

use crate::config::Config;
use crate::outbound::transport::{SmtpOptions, probe};

/// Probes the relay and the DKIM records and prints what it found; returns whether all went
/// well.
///
/// # Errors
/// Only when the async runtime cannot start.
pub fn check_connect(config: &Config) -> anyhow::Result<bool> {
    let relay = check_relay(config)?;
    let published = super::dns::check_published(config);
    Ok(relay && published)
}

fn check_relay(config: &Config) -> anyhow::Result<bool> {
    let Some(smtp) = &config.smtp else {
        println!("smtp: no [smtp] section; mail goes to the file outbox, nothing to connect to");
        return Ok(true);
    };
    let opts = SmtpOptions::from_settings(smtp, config.domain());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
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
            Ok(true)
        }
        Err(err) => {
            eprintln!("smtp: {}:{}: {err}", smtp.host, smtp.port);
            Ok(false)
        }
    }
}
