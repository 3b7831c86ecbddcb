//! Owns the key that signs reply tokens: the configured secret, or the key generated once
//! and kept beside the database (0600) when the config names none. Does not sign or verify
//! tokens ([`super::token`] does) nor read secrets from the environment (config does).

use std::path::{Path, PathBuf};

use tracing::info;

use super::{OutboundError, TokenKey};
use crate::config::Config;

/// Why the generated signing key cannot be had.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key file holds fewer than 32 characters.
    #[error(
        "the signing key {} is too short; delete it to have a new one generated (outstanding reply links stop working)",
        path.display()
    )]
    TooShort { path: PathBuf },
    /// The system could not provide randomness for a new key. (`getrandom::Error` is not a
    /// `std::error::Error` without that crate's `std` feature, so it is kept as a value.)
    #[error("no system randomness: {0}")]
    Random(getrandom::Error),
    /// The key file could not be created.
    #[error("creating the signing key {}", path.display())]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The new key could not be written to its file.
    #[error("writing {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The key that signs reply tokens: the configured secret, or the generated key kept beside
/// the database (created on first use).
///
/// # Errors
/// `SigningKey` when the generated key file cannot be read or created.
pub fn signing_key(config: &Config) -> Result<TokenKey, OutboundError> {
    match config.program.secret.value() {
        Some(secret) => Ok(TokenKey::new(secret.expose())),
        None => ensure_generated_key(&generated_key_path(config))
            .map(|k| TokenKey::new(&k))
            .map_err(OutboundError::SigningKey),
    }
}

/// Where the generated signing key lives when the config names no secret: beside the database.
pub fn generated_key_path(config: &Config) -> PathBuf {
    config.store.path.with_file_name("upward.key")
}

/// Reads the generated signing key, creating it (0600, 32 random bytes as hex) if missing.
///
/// # Errors
/// When the key file is too short, or cannot be read or written, naming it.
pub fn ensure_generated_key(path: &Path) -> Result<String, KeyError> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let key = text.trim().to_string();
        if key.len() >= 32 {
            return Ok(key);
        }
        return Err(KeyError::TooShort {
            path: path.to_path_buf(),
        });
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(KeyError::Random)?;
    let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    let mut file = options.open(path).map_err(|source| KeyError::Create {
        path: path.to_path_buf(),
        source,
    })?;
    writeln!(file, "{key}").map_err(|source| KeyError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    info!(path = %path.display(), "generated a new signing key for reply tokens");
    Ok(key)
}
