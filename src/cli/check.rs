//! `upward check`: validate the program file and print every problem, or a summary.

use std::process::ExitCode;

use crate::config::{Config, Role, render_issues};

use super::GlobalArgs;

/// Arguments of `upward check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Also connect to the SMTP relay: report what it offers and authenticate, sending nothing.
    #[arg(long)]
    pub connect: bool,
}

/// Prints the problems (exit 1) or a one-paragraph summary of the valid program (exit 0).
///
/// # Errors
/// Never for an invalid config (that is exit 1); only for failures to write output.
pub fn run(global: &GlobalArgs, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    match Config::load(&global.config) {
        Err(issues) => {
            eprint!("{}", render_issues(&issues));
            Ok(ExitCode::from(1))
        }
        Ok(config) => {
            let mentors = config
                .participants
                .iter()
                .filter(|p| p.role == Role::Mentor)
                .count();
            let mentees = config.participants.len() - mentors;
            println!("{}: ok", global.config.display());
            println!(
                "program: {} ({} to {}, {})",
                config.program.name,
                config.program.start,
                config.program.end,
                config.program.timezone
            );
            println!(
                "participants: {} ({mentors} mentors, {mentees} mentees)",
                config.participants.len()
            );
            match &config.smtp {
                Some(s) => println!("outbound: smtp {}:{}", s.host, s.port),
                None => println!("outbound: file outbox {}", config.outbox.dir.display()),
            }
            match &config.inbound.imap {
                Some(i) => println!("inbound: imap {}:{} folder {}", i.host, i.port, i.folder),
                None => println!("inbound: maildir {}", config.inbound.maildir.display()),
            }
            println!("store: {}", config.store.path.display());
            let template_issues = crate::outbound::check_templates(&config);
            for issue in &template_issues {
                eprintln!("{issue}");
            }
            let connected = !args.connect || super::connect::check_connect(&config)?;
            if !template_issues.is_empty() || !connected {
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
