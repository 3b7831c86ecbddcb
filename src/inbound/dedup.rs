//! Owns stage 2 of the inbound pipeline: the key by which the store recognises a message it
//! has already processed (the Message-ID, or a SHA-256 of the raw bytes when there is none).
//! Does not look anything up: remembering keys is the store's job.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// How a message is recognised when it arrives again (an IMAP re-sync, an MTA retry after a
/// crash). Both parts are kept so the store can also notice a reused Message-ID with
/// different content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DedupKey {
    /// The Message-ID without angle brackets, when the message has one.
    pub message_id: Option<String>,
    /// Lowercase hex SHA-256 of the raw bytes as received.
    pub sha256: String,
}

impl DedupKey {
    /// The key the store makes unique: `message-id:<id>`, or `sha256:<hex>` without an id.
    pub fn key(&self) -> String {
        match &self.message_id {
            Some(id) => format!("message-id:{id}"),
            None => format!("sha256:{}", self.sha256),
        }
    }
}

/// The dedup key of `raw`, whose Message-ID (if any) is `message_id`.
pub fn dedup_key(raw: &[u8], message_id: Option<&str>) -> DedupKey {
    let digest = Sha256::digest(raw);
    let mut sha256 = String::with_capacity(64);
    for byte in digest {
        let _ = write!(sha256, "{byte:02x}");
    }
    DedupKey {
        message_id: message_id
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_string),
        sha256,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_id_is_the_key_when_present() {
        let key = dedup_key(b"x", Some("abc@example.org"));
        assert_eq!(key.key(), "message-id:abc@example.org");
    }

    #[test]
    fn missing_message_id_falls_back_to_the_hash_of_the_bytes() {
        let key = dedup_key(b"abc", None);
        assert_eq!(
            key.key(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(dedup_key(b"abc", Some("  ")).key(), key.key());
    }

    #[test]
    fn same_id_with_different_bytes_keeps_both_hashes_apart() {
        let a = dedup_key(b"one", Some("id@x"));
        let b = dedup_key(b"two", Some("id@x"));
        assert_eq!(a.key(), b.key());
        assert_ne!(a.sha256, b.sha256);
    }
}
