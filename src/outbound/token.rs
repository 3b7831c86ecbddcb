//! Owns reply tokens: the signed, compact string that goes into a reply or bounce address
//! (`mentoring+TOKEN@domain`) and says which pair, person and purpose a message belongs to.
//! Does not know addresses, the store or the config; callers bring the key.
//!
//! A token is lowercase base32 (RFC 4648 alphabet, lowercased, no padding) of
//! `version | purpose | pair (varint) | person (varint) | mac`, where `mac` is the first
//! 10 bytes (80 bits) of HMAC-SHA256 over the bytes before it. Lowercase base32 survives
//! servers that lowercase local parts; decoding accepts any case. The values travel in the
//! clear so a token is verified without a database lookup; the MAC makes it unforgeable.
//!
//! The reply token of a report's confirmation has purpose code `s` and one more varint after
//! the person, the inbound message the report came in: it verifies as a [`Purpose::Reply`]
//! token of the same pair and person, and [`TokenKey::report`] reads the report from it, so
//! a reply to the confirmation corrects that report even when the mail client dropped the
//! thread headers.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The format version, first byte of every token.
const VERSION: u8 = 1;
/// Bytes of HMAC-SHA256 kept: 80 bits, far beyond guessing by mail.
const MAC_LEN: usize = 10;
/// The largest token accepted: version, purpose, three 10-byte varints and the MAC.
const MAX_BYTES: usize = 2 + 10 + 10 + 10 + MAC_LEN;
/// The purpose code of a reply token that also names a report (a confirmation's).
const REPORT_CODE: u8 = b's';
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// What a message is for, and so what a reply to it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// A reply about a pair's sessions (intro, prompt, nudge, confirmation, closing).
    Reply,
    /// A reply to a command answer or a digest: commands only, never session feedback.
    Command,
    /// The envelope sender: a bounce names the message it belongs to.
    Bounce,
    /// The `List-Unsubscribe` address.
    Unsubscribe,
    /// A request for confirmation ("did you send this?", FORGET ME): `pair` holds the id of
    /// the waiting request, which a reply uses once. Only the person's own mailbox gets it.
    Confirm,
    /// A reply to a partner's relayed words (`person` is the one who got them): what it
    /// says that is not a report or a command goes on to the partner, as on the
    /// introduction's thread.
    Relay,
    /// The reply address of a request to join sent to the coordinator: `pair` holds the
    /// request's id. A reply APPROVE or DECLINE to it settles the request, and only from the
    /// coordinator.
    Join,
}

impl Purpose {
    fn code(self) -> u8 {
        match self {
            Purpose::Reply => b'r',
            Purpose::Command => b'c',
            Purpose::Bounce => b'b',
            Purpose::Unsubscribe => b'u',
            Purpose::Confirm => b'k',
            Purpose::Relay => b'p',
            Purpose::Join => b'j',
        }
    }

    fn from_code(code: u8) -> Option<Purpose> {
        Some(match code {
            b'r' | REPORT_CODE => Purpose::Reply,
            b'c' => Purpose::Command,
            b'b' => Purpose::Bounce,
            b'u' => Purpose::Unsubscribe,
            b'k' => Purpose::Confirm,
            b'p' => Purpose::Relay,
            b'j' => Purpose::Join,
            _ => return None,
        })
    }
}

/// What a token says once its signature checks out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenClaims {
    /// The pair's id, or 0 when the message is about no pair (a digest, a command answer);
    /// for [`Purpose::Confirm`], the id of the request waiting for confirmation.
    pub pair: u64,
    /// The recipient's participant id, or 0 when the message went to both partners (an
    /// introduction, a nudge: the inbound side then checks the sender is one of the pair).
    pub person: u64,
    pub purpose: Purpose,
}

/// Why a token was refused. Callers treat every case the same (reject); the variants exist
/// for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token is not lowercase base32")]
    Encoding,
    #[error("the token is too short or too long")]
    Length,
    #[error("the token has an unknown version or purpose")]
    Unknown,
    #[error("the token's signature does not match")]
    Signature,
}

/// The marker kept of a forgotten address: keyed with the program's secret, so nobody
/// without it can tell whether an address was ever in the program.
pub fn forgotten_marker(key: &TokenKey, email: &str) -> String {
    format!(
        "k1:{}",
        key.digest("forgotten address", &email.trim().to_lowercase())
    )
}

/// Signs and verifies tokens with the program's secret.
#[derive(Clone)]
pub struct TokenKey {
    key: Vec<u8>,
}

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(<redacted>)")
    }
}

impl TokenKey {
    /// A key from the program secret's text.
    pub fn new(secret: &str) -> TokenKey {
        TokenKey {
            key: secret.as_bytes().to_vec(),
        }
    }

    fn mac(&self, data: &[u8]) -> [u8; MAC_LEN] {
        // NOTE: HMAC accepts keys of any length, so `new_from_slice` cannot fail here; the
        // fallback keeps the code free of panics all the same.
        let mut out = [0u8; MAC_LEN];
        if let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) {
            mac.update(data);
            let full = mac.finalize().into_bytes();
            out.copy_from_slice(&full[..MAC_LEN]);
        }
        out
    }

    /// A keyed digest of `data` for `purpose` (HMAC-SHA256 over both, lowercase hex): a
    /// marker that only the holder of the program's secret can recompute.
    pub fn digest(&self, purpose: &str, data: &str) -> String {
        let mut out = String::with_capacity(64);
        if let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) {
            mac.update(purpose.as_bytes());
            mac.update(&[0]);
            mac.update(data.as_bytes());
            for b in mac.finalize().into_bytes() {
                out.push_str(&format!("{b:02x}"));
            }
        }
        out
    }

    /// The token for these claims.
    pub fn sign(&self, claims: TokenClaims) -> String {
        self.signed(claims.purpose.code(), claims, None)
    }

    /// The reply token of the confirmation of the report that came in inbound message
    /// `report`, to `person` of `pair`: a [`Purpose::Reply`] token that also names the report.
    pub fn sign_report(&self, pair: u64, person: u64, report: u64) -> String {
        let claims = TokenClaims {
            pair,
            person,
            purpose: Purpose::Reply,
        };
        self.signed(REPORT_CODE, claims, Some(report))
    }

    fn signed(&self, code: u8, claims: TokenClaims, report: Option<u64>) -> String {
        let mut bytes = vec![VERSION, code];
        put_varint(&mut bytes, claims.pair);
        put_varint(&mut bytes, claims.person);
        if let Some(report) = report {
            put_varint(&mut bytes, report);
        }
        let mac = self.mac(&bytes);
        bytes.extend_from_slice(&mac);
        base32_encode(&bytes)
    }

    /// The claims of a token this key signed.
    ///
    /// # Errors
    /// Any token that is malformed or was not signed with this key.
    pub fn verify(&self, token: &str) -> Result<TokenClaims, TokenError> {
        self.decode(token).map(|(claims, _)| claims)
    }

    /// The report a confirmation's reply token names (see [`TokenKey::sign_report`]);
    /// `None` for any other token, or one that does not verify.
    pub fn report(&self, token: &str) -> Option<u64> {
        self.decode(token).ok().and_then(|(_, report)| report)
    }

    fn decode(&self, token: &str) -> Result<(TokenClaims, Option<u64>), TokenError> {
        let bytes = base32_decode(token).ok_or(TokenError::Encoding)?;
        if bytes.len() < 4 + MAC_LEN || bytes.len() > MAX_BYTES {
            return Err(TokenError::Length);
        }
        let (data, mac) = bytes.split_at(bytes.len() - MAC_LEN);
        let expected = self.mac(data);
        // NOTE: compare in constant time so the MAC cannot be found byte by byte.
        let diff = expected
            .iter()
            .zip(mac)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        if diff != 0 {
            return Err(TokenError::Signature);
        }
        if data[0] != VERSION {
            return Err(TokenError::Unknown);
        }
        let purpose = Purpose::from_code(data[1]).ok_or(TokenError::Unknown)?;
        let mut rest = &data[2..];
        let pair = take_varint(&mut rest).ok_or(TokenError::Length)?;
        let person = take_varint(&mut rest).ok_or(TokenError::Length)?;
        let report = match data[1] {
            REPORT_CODE => Some(take_varint(&mut rest).ok_or(TokenError::Length)?),
            _ => None,
        };
        if !rest.is_empty() {
            return Err(TokenError::Length);
        }
        let claims = TokenClaims {
            pair,
            person,
            purpose,
        };
        Ok((claims, report))
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn take_varint(input: &mut &[u8]) -> Option<u64> {
    let mut v: u64 = 0;
    for (i, &byte) in input.iter().enumerate().take(10) {
        v |= u64::from(byte & 0x7f).checked_shl(7 * i as u32)?;
        if byte & 0x80 == 0 {
            *input = &input[i + 1..];
            return Some(v);
        }
    }
    None
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    if text.len() > MAX_BYTES * 8 / 5 + 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let c = c.to_ascii_lowercase();
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    // NOTE: leftover bits must be zero padding, so each byte string has one spelling.
    if buffer & ((1 << bits) - 1) != 0 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(pair: u64, person: u64) -> TokenClaims {
        TokenClaims {
            pair,
            person,
            purpose: Purpose::Reply,
        }
    }

    #[test]
    fn a_signed_token_verifies_to_the_same_claims() {
        let key = TokenKey::new("a secret of some length");
        for (pair, person) in [(0, 0), (1, 2), (127, 128), (u64::MAX, 99_999)] {
            let token = key.sign(claims(pair, person));
            assert_eq!(key.verify(&token), Ok(claims(pair, person)));
        }
    }

    #[test]
    fn tokens_are_short_lowercase_and_survive_uppercasing() {
        let key = TokenKey::new("k");
        let token = key.sign(claims(1234, 5678));
        assert!(token.len() <= 30, "{token}");
        assert!(
            token
                .chars()
                .all(|c| c.is_ascii_lowercase() || ('2'..='7').contains(&c))
        );
        assert_eq!(key.verify(&token.to_uppercase()), Ok(claims(1234, 5678)));
    }

    #[test]
    fn another_key_or_a_changed_character_is_refused() {
        let key = TokenKey::new("right");
        let token = key.sign(claims(7, 8));
        assert_eq!(
            TokenKey::new("wrong").verify(&token),
            Err(TokenError::Signature)
        );
        let mut chars: Vec<char> = token.chars().collect();
        chars[3] = if chars[3] == 'a' { 'b' } else { 'a' };
        let tampered: String = chars.into_iter().collect();
        assert!(key.verify(&tampered).is_err());
    }

    #[test]
    fn purposes_are_part_of_the_signature() {
        let key = TokenKey::new("k");
        let reply = key.sign(claims(1, 2));
        let bounce = key.sign(TokenClaims {
            purpose: Purpose::Bounce,
            ..claims(1, 2)
        });
        assert_ne!(reply, bounce);
        assert_eq!(key.verify(&bounce).map(|c| c.purpose), Ok(Purpose::Bounce));
    }

    #[test]
    fn a_confirmations_token_is_a_reply_token_that_names_its_report() {
        let key = TokenKey::new("k");
        let token = key.sign_report(3, 7, 4_242);
        assert_eq!(key.verify(&token), Ok(claims(3, 7)));
        assert_eq!(key.report(&token), Some(4_242));
        assert_eq!(key.report(&key.sign(claims(3, 7))), None);
        assert_eq!(TokenKey::new("other").report(&token), None);
        assert!(token.len() <= 40, "{token}");
    }

    #[test]
    fn garbage_is_refused_without_panicking() {
        let key = TokenKey::new("k");
        for input in [
            "",
            "a",
            "!!!!",
            "zzzzzzzzzzzzzzzzzzzzzzzzzz",
            &"a".repeat(500),
        ] {
            assert!(key.verify(input).is_err(), "{input}");
        }
    }
}
