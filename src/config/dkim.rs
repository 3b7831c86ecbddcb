//! Owns DKIM keys: reading a key file in the forms openssl and older tools write (RSA: PEM
//! PKCS#1 or PKCS#8; Ed25519: PEM PKCS#8 or its 32 bytes in base64), which algorithm it is,
//! signing a digest with it (RFC 6376, RFC 8463), and the TXT record to publish for it. Does
//! not canonicalize a message or assemble a signature (`outbound::dkim` does).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use ed25519_dalek::Signer as _;
use rsa::pkcs1::DecodeRsaPrivateKey as _;
use rsa::pkcs8::{DecodePrivateKey as _, EncodePublicKey as _};
use rsa::traits::PublicKeyParts as _;

use super::{DkimAlgorithm, DkimSettings};

/// The smallest RSA key receivers accept (RFC 8301 §3.2).
const MIN_RSA_BITS: usize = 1024;

/// Why a DKIM key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DkimKeyError {
    /// A PEM key under a passphrase: the daemon has no way to ask for it.
    #[error("the key is encrypted with a passphrase")]
    Encrypted,
    /// Neither a PEM private key nor base64.
    #[error("not a PEM private key, nor an Ed25519 key's 32 bytes in base64")]
    NotAKey,
    /// Base64 of the wrong length for an Ed25519 key.
    #[error("base64 of {0} bytes, where an Ed25519 key is 32")]
    WrongLength(usize),
    /// A PEM key that does not decode, or of another algorithm.
    #[error("the PEM key does not decode as RSA or Ed25519 ({0})")]
    Pem(String),
    /// An RSA key too short for receivers to accept.
    #[error("the RSA key has {0} bits; receivers refuse keys under 1024 bits")]
    TooShort(usize),
    /// The key cannot sign or give its public half (it should never happen to a parsed key).
    #[error("the key cannot sign: {0}")]
    Sign(String),
}

/// A parsed DKIM private key. Its `Debug` shows the algorithm only.
#[derive(Clone)]
pub enum DkimKey {
    Rsa(Box<rsa::RsaPrivateKey>),
    Ed25519(Box<ed25519_dalek::SigningKey>),
}

impl std::fmt::Debug for DkimKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DkimKey({})", self.algorithm().as_str())
    }
}

impl DkimAlgorithm {
    /// The name in `a=` and in the TXT record's `k=`.
    pub fn as_str(self) -> &'static str {
        match self {
            DkimAlgorithm::Rsa => "rsa",
            DkimAlgorithm::Ed25519 => "ed25519",
        }
    }
}

impl DkimKey {
    /// Reads a key file's text: PEM PKCS#1 (`BEGIN RSA PRIVATE KEY`), PEM PKCS#8
    /// (`BEGIN PRIVATE KEY`, RSA or Ed25519, as `openssl genpkey` writes), or an Ed25519 key's
    /// 32 bytes in base64.
    ///
    /// # Errors
    /// What is wrong with the text, as a [`DkimKeyError`].
    pub fn parse(text: &str) -> Result<DkimKey, DkimKeyError> {
        let text = text.trim();
        let key = if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
            || text.contains("Proc-Type: 4,ENCRYPTED")
        {
            return Err(DkimKeyError::Encrypted);
        } else if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
            rsa::RsaPrivateKey::from_pkcs1_pem(text)
                .map(|k| DkimKey::Rsa(Box::new(k)))
                .map_err(|e| DkimKeyError::Pem(e.to_string()))?
        } else if text.contains("-----BEGIN PRIVATE KEY-----") {
            match rsa::RsaPrivateKey::from_pkcs8_pem(text) {
                Ok(k) => DkimKey::Rsa(Box::new(k)),
                Err(rsa_err) => ed25519_dalek::SigningKey::from_pkcs8_pem(text)
                    .map(|k| DkimKey::Ed25519(Box::new(k)))
                    .map_err(|_| DkimKeyError::Pem(rsa_err.to_string()))?,
            }
        } else if text.starts_with("-----BEGIN") {
            return Err(DkimKeyError::NotAKey);
        } else {
            let compact: String = text.split_whitespace().collect();
            let bytes = BASE64
                .decode(compact.as_bytes())
                .map_err(|_| DkimKeyError::NotAKey)?;
            let seed: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| DkimKeyError::WrongLength(bytes.len()))?;
            DkimKey::Ed25519(Box::new(ed25519_dalek::SigningKey::from_bytes(&seed)))
        };
        if let DkimKey::Rsa(k) = &key {
            let bits = k.size() * 8;
            if bits < MIN_RSA_BITS {
                return Err(DkimKeyError::TooShort(bits));
            }
        }
        Ok(key)
    }

    /// Which algorithm the key is for.
    pub fn algorithm(&self) -> DkimAlgorithm {
        match self {
            DkimKey::Rsa(_) => DkimAlgorithm::Rsa,
            DkimKey::Ed25519(_) => DkimAlgorithm::Ed25519,
        }
    }

    /// Signs the SHA-256 digest of the canonicalized headers: RSASSA-PKCS1-v1_5 for RSA,
    /// Ed25519 over the digest itself (RFC 8463 §3).
    ///
    /// # Errors
    /// `Sign` when RSA refuses (never for a key that parsed).
    pub fn sign(&self, digest: &[u8]) -> Result<Vec<u8>, DkimKeyError> {
        match self {
            DkimKey::Rsa(k) => k
                .sign(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), digest)
                .map_err(|e| DkimKeyError::Sign(e.to_string())),
            DkimKey::Ed25519(k) => Ok(k.sign(digest).to_bytes().to_vec()),
        }
    }

    /// The public key as the TXT record's `p=` gives it: base64 of the DER
    /// SubjectPublicKeyInfo for RSA, of the 32 raw bytes for Ed25519 (RFC 8463 §4).
    ///
    /// # Errors
    /// `Sign` when the RSA public key cannot be encoded (never for a key that parsed).
    pub fn public_key(&self) -> Result<String, DkimKeyError> {
        match self {
            DkimKey::Rsa(k) => k
                .to_public_key()
                .to_public_key_der()
                .map(|der| BASE64.encode(der.as_bytes()))
                .map_err(|e| DkimKeyError::Sign(e.to_string())),
            DkimKey::Ed25519(k) => Ok(BASE64.encode(k.verifying_key().to_bytes())),
        }
    }
}

impl DkimSettings {
    /// The key, parsed (load already checked it parses).
    ///
    /// # Errors
    /// As [`DkimKey::parse`].
    pub fn signing_key(&self) -> Result<DkimKey, DkimKeyError> {
        DkimKey::parse(self.key.expose())
    }

    /// Where the public key is published: `SELECTOR._domainkey.DOMAIN`.
    pub fn dns_name(&self) -> String {
        format!("{}._domainkey.{}", self.selector, self.domain)
    }

    /// The TXT record to publish at [`DkimSettings::dns_name`]:
    /// `v=DKIM1; k=rsa; p=…`.
    ///
    /// # Errors
    /// As [`DkimKey::parse`].
    pub fn dns_record(&self) -> Result<String, DkimKeyError> {
        let key = self.signing_key()?;
        Ok(format!(
            "v=DKIM1; k={}; p={}",
            key.algorithm().as_str(),
            key.public_key()?
        ))
    }
}

/// A TXT record's text as a zone file writes it: quoted strings of at most 255 characters
/// each (a longer record, as a 2048-bit RSA key's, is split; resolvers join the strings).
pub fn zone_text(record: &str) -> String {
    let chars: Vec<char> = record.chars().collect();
    chars
        .chunks(255)
        .map(|c| format!("\"{}\"", c.iter().collect::<String>()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tags of a DKIM key record (`v=DKIM1; k=rsa; p=…`), names lowercased, values with
/// their whitespace removed (a published `p=` is often split by spaces).
pub fn record_tags(record: &str) -> Vec<(String, String)> {
    record
        .split(';')
        .filter_map(|tag| tag.split_once('='))
        .map(|(name, value)| {
            (
                name.trim().to_ascii_lowercase(),
                value.split_whitespace().collect(),
            )
        })
        .collect()
}

/// Whether a record found in DNS publishes the same public key, of the same algorithm, as
/// `ours` (`k=` defaults to rsa, RFC 6376 §3.6.1).
pub fn same_key(ours: &str, published: &str) -> bool {
    let tag = |tags: &[(String, String)], name: &str| {
        tags.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    };
    let (a, b) = (record_tags(ours), record_tags(published));
    let k = |t: &[(String, String)]| tag(t, "k").unwrap_or_else(|| "rsa".into());
    tag(&a, "p").is_some_and(|p| !p.is_empty() && Some(p) == tag(&b, "p")) && k(&a) == k(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSA_PKCS8: &str = include_str!("../../tests/fixtures/dkim/rsa.pkcs8.pem");
    const RSA_PKCS1: &str = include_str!("../../tests/fixtures/dkim/rsa.pkcs1.pem");
    const RSA_PUBLIC: &str = include_str!("../../tests/fixtures/dkim/rsa.pub.b64");
    const ED_PKCS8: &str = include_str!("../../tests/fixtures/dkim/ed25519.pem");
    const ED_RAW: &str = include_str!("../../tests/fixtures/dkim/ed25519.b64");
    const ED_PUBLIC: &str = include_str!("../../tests/fixtures/dkim/ed25519.pub.b64");

    #[test]
    fn an_rsa_key_reads_as_pkcs8_and_as_pkcs1_and_gives_the_public_key_openssl_gives() {
        for text in [RSA_PKCS8, RSA_PKCS1] {
            let key = DkimKey::parse(text).unwrap();
            assert_eq!(key.algorithm(), DkimAlgorithm::Rsa);
            assert_eq!(key.public_key().unwrap(), RSA_PUBLIC.trim());
        }
    }

    #[test]
    fn an_ed25519_key_reads_as_pkcs8_pem_and_as_raw_base64_alike() {
        let pem = DkimKey::parse(ED_PKCS8).unwrap();
        let raw = DkimKey::parse(ED_RAW).unwrap();
        assert_eq!(pem.algorithm(), DkimAlgorithm::Ed25519);
        assert_eq!(pem.public_key().unwrap(), ED_PUBLIC.trim());
        assert_eq!(raw.public_key().unwrap(), ED_PUBLIC.trim());
        assert_eq!(pem.sign(b"digest").unwrap(), raw.sign(b"digest").unwrap());
    }

    #[test]
    fn keys_that_cannot_sign_say_why() {
        let cases: &[(&str, &str)] = &[
            ("not a key", "not a PEM private key"),
            ("QUJD", "base64 of 3 bytes"),
            (
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----",
                "encrypted",
            ),
            (
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                "does not decode",
            ),
            (
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                "not a PEM private key",
            ),
        ];
        for (text, said) in cases {
            let err = DkimKey::parse(text).unwrap_err().to_string();
            assert!(err.contains(said), "{text}: {err}");
        }
    }

    #[test]
    fn the_debug_of_a_key_shows_no_secret() {
        let key = DkimKey::parse(ED_RAW).unwrap();
        assert_eq!(format!("{key:?}"), "DkimKey(ed25519)");
    }

    #[test]
    fn a_long_record_is_split_into_strings_of_255() {
        let record = format!("v=DKIM1; k=rsa; p={}", RSA_PUBLIC.trim());
        let zone = zone_text(&record);
        let strings: Vec<&str> = zone.split("\" \"").collect();
        assert_eq!(strings.len(), 2, "{zone}");
        assert_eq!(zone.replace("\" \"", "").trim_matches('"'), record);
        assert_eq!(zone_text("v=DKIM1"), "\"v=DKIM1\"");
    }

    #[test]
    fn a_published_record_matches_on_its_key_and_algorithm() {
        let ours = "v=DKIM1; k=ed25519; p=abc+/=";
        let table: &[(&str, bool)] = &[
            ("v=DKIM1; k=ed25519; p=abc+/=", true),
            ("v=DKIM1;k=ed25519;p=ab c+/=", true),
            ("v=DKIM1; k=rsa; p=abc+/=", false),
            ("v=DKIM1; p=abc+/=", false),
            ("v=DKIM1; k=ed25519; p=other", false),
            ("v=DKIM1; k=ed25519; p=", false),
        ];
        for (published, same) in table {
            assert_eq!(same_key(ours, published), *same, "{published}");
        }
        assert!(
            same_key("v=DKIM1; k=rsa; p=x", "v=DKIM1; p=x"),
            "k= defaults to rsa"
        );
    }
}
