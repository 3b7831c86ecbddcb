//! Owns outbound mail, from a decision to send to bytes on the wire: templates HR can edit
//! ([`templates`]), composing well-formed messages with signed reply addresses
//! ([`compose`], [`token`], [`ics`]), queueing them in the durable outbox in the caller's
//! transaction ([`outbox`]), the transports that deliver them ([`transport`]: SMTP or .eml
//! files) and the sender task that drains the outbox ([`sender`]).
//! Does not decide when an email is due (the scheduler does) nor read replies (inbound).

pub mod compose;
pub mod ics;
pub mod outbox;
pub mod sender;
pub mod templates;
pub mod token;
pub mod transport;

pub use compose::{DigestSection, DigestView, Email, PairView, PersonView, SessionView, Side};
pub use outbox::Composer;
pub use templates::{EmailKind, TemplateIssue, Templates};
pub use token::{Purpose, TokenClaims, TokenKey};

use crate::config::Config;

/// What can go wrong while composing or queueing an email.
#[derive(Debug, thiserror::Error)]
pub enum OutboundError {
    /// A template failed; the message names the file and line.
    #[error("template error: {0}")]
    Template(#[from] TemplateIssue),
    /// The program's templates do not load.
    #[error("the templates do not load:\n{}", .0.iter().map(|i| format!("  {i}")).collect::<Vec<_>>().join("\n"))]
    Templates(Vec<TemplateIssue>),
    /// An address that cannot go into a header or envelope.
    #[error("cannot send to or from `{address}`: {reason}; fix the address in the config")]
    Address { address: String, reason: String },
    /// lettre refused to assemble the message.
    #[error("cannot build the message: {0}")]
    Build(String),
    /// The signing key is unavailable.
    #[error("no signing key for reply tokens: {0}")]
    Key(String),
    /// The system could not provide randomness for a Message-ID.
    #[error("no system randomness for a Message-ID: {0}")]
    Random(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// The key that signs reply tokens: the configured secret, or the generated key kept beside
/// the database (created on first use).
///
/// # Errors
/// `Key` when the generated key file cannot be read or created.
pub fn signing_key(config: &Config) -> Result<TokenKey, OutboundError> {
    match config.program.secret.value() {
        Some(secret) => Ok(TokenKey::new(secret.expose())),
        None => {
            let path = crate::daemon::generated_key_path(config);
            crate::daemon::ensure_generated_key(&path)
                .map(|k| TokenKey::new(&k))
                .map_err(|e| OutboundError::Key(format!("{e:#}")))
        }
    }
}

/// Every template problem of the program: overrides that do not parse, and templates that
/// fail to render with sample data (an unknown variable, a bad filter), each with file and
/// line. Empty when all is well. Used by `upward check`.
pub fn check_templates(config: &Config) -> Vec<TemplateIssue> {
    let templates = match Templates::load(Some(&config.program.templates_dir)) {
        Ok(t) => t,
        Err(issues) => return issues,
    };
    let key = TokenKey::new("check");
    let mut issues = Vec::new();
    for kind in EmailKind::ALL {
        if let Err(OutboundError::Template(issue)) = outbox::preview(config, &templates, &key, kind)
        {
            issues.push(issue);
        }
    }
    issues
}
