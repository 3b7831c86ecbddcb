//! `upward preview EMAIL-KIND`: render one email with sample data, exactly as it would be sent.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::daemon::load_config;
use crate::outbound::{EmailKind, Templates, TokenKey, outbox};

use super::GlobalArgs;

/// Arguments of `upward preview`.
#[derive(Debug, clap::Args)]
pub struct PreviewArgs {
    /// The email: intro, prompt, nudge, confirmation, command, hr-digest, participant-digest
    /// or closing.
    pub kind: String,
}

/// Prints the whole message (headers and MIME body) to stdout.
///
/// # Errors
/// An invalid config, an unknown kind, or a template problem (with file and line).
pub fn run(global: &GlobalArgs, args: &PreviewArgs) -> anyhow::Result<ExitCode> {
    let Some(kind) = EmailKind::parse(&args.kind) else {
        let names: Vec<&str> = EmailKind::ALL.iter().map(|k| k.as_str()).collect();
        bail!(
            "unknown email kind `{}`; choose one of: {}",
            args.kind,
            names.join(", ")
        );
    };
    let config = load_config(&global.config)?;
    let templates = Templates::load(Some(&config.program.templates_dir)).map_err(|issues| {
        anyhow::anyhow!(
            "the templates do not load:\n{}",
            issues
                .iter()
                .map(|i| format!("  {i}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    })?;
    // NOTE: preview never creates the generated key; without a configured secret the tokens
    // shown are signed with a placeholder and differ from the ones the daemon will send.
    let key = match config.program.secret.value() {
        Some(secret) => TokenKey::new(secret.expose()),
        None => TokenKey::new("preview"),
    };
    let composed = outbox::preview(&config, &templates, &key, kind)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&composed.bytes)
        .and_then(|()| out.flush())
        .context("writing the preview to stdout")?;
    Ok(ExitCode::SUCCESS)
}
