//! `upward preview EMAIL-KIND`: render one email with sample data, exactly as it would be sent.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, bail};
use mail_parser::MessageParser;

use crate::daemon::load_config;
use crate::outbound::dkim::Signer;
use crate::outbound::{EmailKind, Templates, TokenKey, outbox};
use crate::vocab::Lang;

use super::GlobalArgs;

/// Arguments of `upward preview`.
#[derive(Debug, clap::Args)]
pub struct PreviewArgs {
    /// The email: intro, prompt, nudge, confirmation, command, hr-digest, participant-digest
    /// or closing.
    pub kind: String,
    /// Sign it with the `[dkim]` keys, as the daemon does: the raw RFC 5322 bytes a receiver
    /// gets, DKIM-Signature headers included.
    #[arg(long)]
    pub signed: bool,
    /// Print only the HTML part, as it is inside the message (decoded), for a browser.
    #[arg(long)]
    pub html: bool,
    /// Write it in this language (en, de, fr, es, nl), as if every participant and the
    /// coordinator read it; without it, each sample person's own language.
    #[arg(long, value_parser = parse_language)]
    pub language: Option<Lang>,
}

fn parse_language(word: &str) -> Result<Lang, String> {
    Lang::recognise(word)
        .ok_or_else(|| format!("emails are not written in `{word}`: choose en, de, fr, es or nl"))
}

/// Prints the whole message (headers and MIME body) to stdout, or with `--html` only its
/// HTML part.
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
    let mut config = load_config(&global.config)?;
    if let Some(lang) = args.language {
        config = outbox::in_language(&config, lang);
    }
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
    let signer = if args.signed {
        if config.dkim.is_empty() {
            bail!(
                "--signed: {} has no [dkim] key to sign with; add a [dkim] section (see the README)",
                global.config.display()
            );
        }
        Signer::new(&config.dkim).context("reading the [dkim] keys")?
    } else {
        None
    };
    let composed = outbox::preview(&config, &templates, &key, kind, signer.as_ref())?;
    // NOTE: the HTML part is read back from the composed message, not rendered apart, so it
    // is byte for byte what a mail client gets.
    let bytes = if args.html {
        let message = MessageParser::default()
            .parse(&composed.bytes)
            .context("reading back the composed message")?;
        let Some(html) = message.html_part(0).and_then(|p| p.text_contents()) else {
            bail!("the {} email has no HTML part", kind.as_str());
        };
        html.as_bytes().to_vec()
    } else {
        composed.bytes
    };
    let mut out = std::io::stdout().lock();
    out.write_all(&bytes)
        .and_then(|()| out.flush())
        .context("writing the preview to stdout")?;
    Ok(ExitCode::SUCCESS)
}
