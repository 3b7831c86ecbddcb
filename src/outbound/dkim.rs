//! Owns DKIM signing (RFC 6376, Ed25519 by RFC 8463): the message's bytes, exactly as they
//! are sent, get one `DKIM-Signature` per configured key (RSA beside Ed25519), each
//! relaxed/relaxed over the same list of headers. Every header a receiver shows or acts on is
//! signed, and oversigned (RFC 6376 §8.15): each name is listed once more than it occurs, so
//! a header added on the way (a second From, a second Subject, a Reply-To, a List-Post)
//! breaks the signature as surely as a changed one. Does not read key files (`config` does).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use sha2::{Digest as _, Sha256};

use crate::config::{DkimKey, DkimKeyError, DkimSettings};

/// The headers every signature covers, for every kind of email: those a mail reader shows
/// (From, Sender, Reply-To, To, Cc, Subject, Date), those that place it in a thread
/// (Message-ID, In-Reply-To, References), those that say how to read the body (MIME-Version,
/// Content-Type, Content-Transfer-Encoding), those autoresponders and list tools act on
/// (Auto-Submitted, X-Auto-Response-Suppress, X-Loop, and every List-* of RFC 2369, 2919 and
/// 8058). Each is listed once per occurrence plus once: an absent one (Cc, In-Reply-To on a
/// first email) cannot be added.
pub const SIGNED_HEADERS: &[&str] = &[
    "from",
    "sender",
    "reply-to",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "auto-submitted",
    "x-auto-response-suppress",
    "x-loop",
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "list-help",
    "list-subscribe",
    "list-post",
    "list-owner",
    "list-archive",
];

/// Header lines of a signature are folded before this many characters.
const LINE: usize = 76;

/// One key and where its public half is published.
#[derive(Debug)]
struct Identity {
    selector: String,
    domain: String,
    key: DkimKey,
}

/// Signs messages with every configured key. Built once per config (keys parsed once).
#[derive(Debug)]
pub struct Signer {
    identities: Vec<Identity>,
}

impl Signer {
    /// The signer of `settings`, or `None` when there is no key (mail goes unsigned).
    ///
    /// # Errors
    /// When a key does not parse (load already checked it does).
    pub fn new(settings: &[DkimSettings]) -> Result<Option<Signer>, DkimKeyError> {
        let identities = settings
            .iter()
            .map(|s| {
                Ok(Identity {
                    selector: s.selector.clone(),
                    domain: s.domain.clone(),
                    key: s.signing_key()?,
                })
            })
            .collect::<Result<Vec<_>, DkimKeyError>>()?;
        Ok((!identities.is_empty()).then_some(Signer { identities }))
    }

    /// `message` (CRLF lines, as composed) with a `DKIM-Signature` of each key on top, in the
    /// order of the config, `t=` being `now`. Each signature covers the message as given, not
    /// the other signatures.
    ///
    /// # Errors
    /// When a key refuses to sign (never for a key that parsed).
    pub fn sign(&self, message: &[u8], now: DateTime<Utc>) -> Result<Vec<u8>, DkimKeyError> {
        let (head, body) = split(message);
        let fields = fields(head);
        let body_hash = BASE64.encode(Sha256::digest(relaxed_body(body)));
        let mut names = Vec::new();
        let mut signed = Vec::new();
        for name in SIGNED_HEADERS {
            // NOTE: instances are taken from the bottom up (RFC 6376 §5.4.2); the listing
            // beyond them stands for an absent instance and hashes nothing.
            let found = fields
                .iter()
                .rev()
                .filter(|f| field_name(f).eq_ignore_ascii_case(name.as_bytes()));
            for f in found {
                signed.extend_from_slice(&relaxed_header(f));
                names.push(*name);
            }
            names.push(*name);
        }
        let mut out = Vec::with_capacity(message.len() + 1024 * self.identities.len());
        for id in &self.identities {
            let unsigned = signature_header(id, now, &names, &body_hash);
            let mut hash = Sha256::new();
            hash.update(&signed);
            let canonical = relaxed_header(unsigned.as_bytes());
            hash.update(canonical.strip_suffix(b"\r\n").unwrap_or(&canonical));
            let signature = BASE64.encode(id.key.sign(&hash.finalize())?);
            out.extend_from_slice(unsigned.as_bytes());
            out.extend_from_slice(fold_b64(&signature, unsigned_last_line(&unsigned)).as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(message);
        Ok(out)
    }
}

/// The DKIM-Signature header of `id` up to `b=` (its value empty), folded.
fn signature_header(id: &Identity, now: DateTime<Utc>, names: &[&str], body_hash: &str) -> String {
    let tags = [
        "v=1".to_string(),
        format!("a={}-sha256", id.key.algorithm().as_str()),
        "c=relaxed/relaxed".to_string(),
        format!("d={}", id.domain),
        format!("s={}", id.selector),
        format!("t={}", now.timestamp()),
    ];
    let mut header = String::from("DKIM-Signature:");
    let mut line = header.len();
    // `glued`: the piece follows the last without a space unless the line is folded.
    let put = |header: &mut String, piece: &str, line: &mut usize, glued: bool| {
        let space = usize::from(!glued);
        if *line + space + piece.len() > LINE {
            header.push_str("\r\n\t");
            *line = 1;
        } else if !glued {
            header.push(' ');
            *line += 1;
        }
        header.push_str(piece);
        *line += piece.len();
    };
    for tag in &tags {
        put(&mut header, &format!("{tag};"), &mut line, false);
    }
    // NOTE: h= folds between names (FWS is allowed around its colons).
    for (i, name) in names.iter().enumerate() {
        let piece = match (i, i + 1 == names.len()) {
            (0, true) => format!("h={name};"),
            (0, false) => format!("h={name}:"),
            (_, true) => format!("{name};"),
            (_, false) => format!("{name}:"),
        };
        put(&mut header, &piece, &mut line, i > 0);
    }
    put(&mut header, &format!("bh={body_hash};"), &mut line, false);
    put(&mut header, "b=", &mut line, false);
    header
}

/// The length of the last line of `header`.
fn unsigned_last_line(header: &str) -> usize {
    header.rsplit("\r\n").next().map_or(0, str::len)
}

/// The signature's base64 after `b=`, folded so no line passes [`LINE`]; `line` is the
/// length of the line `b=` ends.
fn fold_b64(signature: &str, line: usize) -> String {
    let mut out = String::new();
    let mut room = LINE.saturating_sub(line);
    if room < 8 {
        out.push_str("\r\n\t");
        room = LINE - 1;
    }
    let mut rest = signature;
    while !rest.is_empty() {
        let (piece, more) = rest.split_at(room.min(rest.len()));
        out.push_str(piece);
        rest = more;
        if !rest.is_empty() {
            out.push_str("\r\n\t");
            room = LINE - 1;
        }
    }
    out
}

/// The header section (without the blank line) and the body.
fn split(message: &[u8]) -> (&[u8], &[u8]) {
    match message.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(at) => (&message[..at + 2], &message[at + 4..]),
        None => (message, &[]),
    }
}

/// The header fields of a header section, each with its folding and final CRLF.
fn fields(head: &[u8]) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < head.len() {
        let end = head[at..]
            .windows(2)
            .position(|w| w == b"\r\n")
            .map_or(head.len(), |p| at + p + 2);
        let next_continues = matches!(head.get(end), Some(b' ' | b'\t'));
        if !next_continues {
            out.push(&head[start..end]);
            start = end;
        }
        at = end;
    }
    out
}

/// A field's name, as written.
fn field_name(field: &[u8]) -> &[u8] {
    let end = field.iter().position(|&b| b == b':').unwrap_or(field.len());
    field[..end].trim_ascii_end()
}

/// RFC 6376 §3.4.2: the name lowercased, the value unfolded, runs of whitespace one space,
/// no whitespace around the colon or at the end; then CRLF.
fn relaxed_header(field: &[u8]) -> Vec<u8> {
    let colon = field.iter().position(|&b| b == b':').unwrap_or(field.len());
    let mut out: Vec<u8> = field[..colon].trim_ascii().to_ascii_lowercase();
    out.push(b':');
    let mut value = Vec::new();
    let mut space = false;
    for &b in field.get(colon + 1..).unwrap_or(&[]) {
        match b {
            b'\r' | b'\n' => {}
            b' ' | b'\t' => space = true,
            _ => {
                if space && !value.is_empty() {
                    value.push(b' ');
                }
                space = false;
                value.push(b);
            }
        }
    }
    out.extend_from_slice(&value);
    out.extend_from_slice(b"\r\n");
    out
}

/// RFC 6376 §3.4.4: runs of whitespace in a line one space, none at a line's end, no empty
/// lines at the end; a non-empty body ends with CRLF.
fn relaxed_body(body: &[u8]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (line, more) = match rest.windows(2).position(|w| w == b"\r\n") {
            Some(p) => (&rest[..p], &rest[p + 2..]),
            None => (rest, &rest[rest.len()..]),
        };
        let mut out = Vec::with_capacity(line.len());
        let mut space = false;
        for &b in line {
            if b == b' ' || b == b'\t' {
                space = true;
            } else {
                if space {
                    out.push(b' ');
                }
                space = false;
                out.push(b);
            }
        }
        lines.push(out);
        rest = more;
    }
    while lines.last().is_some_and(Vec::is_empty) {
        lines.pop();
    }
    let mut out = Vec::with_capacity(body.len());
    for line in lines {
        out.extend_from_slice(&line);
        out.extend_from_slice(b"\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DkimAlgorithm, Secret};

    fn settings(selector: &str, key: &str) -> DkimSettings {
        let algorithm = DkimKey::parse(key).unwrap().algorithm();
        DkimSettings {
            selector: selector.into(),
            domain: "acme.example".into(),
            algorithm,
            key: Secret::new(key),
        }
    }

    fn both() -> Signer {
        Signer::new(&[
            settings(
                "rsa",
                include_str!("../../tests/fixtures/dkim/rsa.pkcs8.pem"),
            ),
            settings("ed", include_str!("../../tests/fixtures/dkim/ed25519.b64")),
        ])
        .unwrap()
        .unwrap()
    }

    const MESSAGE: &[u8] = b"From: Program <p@acme.example>\r\nTo: ann@acme.example\r\nSubject: Hello\r\n  again\r\nMIME-Version: 1.0\r\n\r\nHi  there \r\n\r\n\r\n";

    fn signatures(signed: &[u8]) -> Vec<String> {
        let text = String::from_utf8_lossy(signed);
        let (head, _) = text.split_once("\r\n\r\n").unwrap();
        let unfolded = head.replace("\r\n\t", " ").replace("\r\n ", " ");
        unfolded
            .lines()
            .filter(|l| l.starts_with("DKIM-Signature:"))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn body_canonicalization_follows_the_rfc_examples() {
        // RFC 6376 §3.4.6, relaxed body.
        assert_eq!(
            relaxed_body(b" C \r\nD \t E\r\n\r\n\r\n"),
            b" C\r\nD E\r\n".to_vec()
        );
        assert_eq!(relaxed_body(b""), b"".to_vec());
        assert_eq!(relaxed_body(b"\r\n\r\n"), b"".to_vec());
        assert_eq!(relaxed_body(b"no end"), b"no end\r\n".to_vec());
    }

    #[test]
    fn header_canonicalization_follows_the_rfc_examples() {
        // RFC 6376 §3.4.6, relaxed header.
        assert_eq!(relaxed_header(b"A: X\r\n"), b"a:X\r\n".to_vec());
        assert_eq!(
            relaxed_header(b"B : Y\t\r\n\tZ  \r\n"),
            b"b:Y Z\r\n".to_vec()
        );
    }

    #[test]
    fn a_folded_header_is_one_field() {
        let (head, body) = split(MESSAGE);
        let f = fields(head);
        assert_eq!(f.len(), 4);
        assert_eq!(f[2], b"Subject: Hello\r\n  again\r\n");
        assert_eq!(body, b"Hi  there \r\n\r\n\r\n");
    }

    #[test]
    fn each_key_adds_one_signature_over_the_same_oversigned_list() {
        let signed = both().sign(MESSAGE, chrono::DateTime::UNIX_EPOCH).unwrap();
        assert!(signed.ends_with(MESSAGE), "the message itself is unchanged");
        let sigs = signatures(&signed);
        assert_eq!(sigs.len(), 2, "{sigs:?}");
        assert!(sigs[0].contains("a=rsa-sha256") && sigs[0].contains("s=rsa;"));
        assert!(sigs[1].contains("a=ed25519-sha256") && sigs[1].contains("s=ed;"));
        let h = |sig: &str| -> String {
            let at = sig.find(" h=").unwrap() + 3;
            sig[at..].split(';').next().unwrap().replace(' ', "")
        };
        assert_eq!(h(&sigs[0]), h(&sigs[1]), "one list for both");
        let names: Vec<String> = h(&sigs[0]).split(':').map(str::to_string).collect();
        let count = |n: &str| names.iter().filter(|x| *x == n).count();
        // Present once: signed and oversigned; absent: listed once so it cannot be added.
        for present in ["from", "to", "subject", "mime-version"] {
            assert_eq!(count(present), 2, "{present} in {names:?}");
        }
        for absent in ["reply-to", "cc", "list-post", "in-reply-to"] {
            assert_eq!(count(absent), 1, "{absent} in {names:?}");
        }
        assert!(
            sigs.iter().all(|s| s.contains(" t=0;")),
            "t= is the time given"
        );
        for line in String::from_utf8_lossy(&signed).split("\r\n") {
            assert!(
                line.len() <= 78,
                "a line of {} characters: {line}",
                line.len()
            );
        }
    }

    #[test]
    fn the_ed25519_signature_verifies_with_the_public_key() {
        use ed25519_dalek::Verifier as _;
        let key = settings("ed", include_str!("../../tests/fixtures/dkim/ed25519.pem"));
        let signer = Signer::new(std::slice::from_ref(&key)).unwrap().unwrap();
        let signed = signer.sign(MESSAGE, chrono::DateTime::UNIX_EPOCH).unwrap();
        let text = String::from_utf8_lossy(&signed).into_owned();
        let (sig_field, _) = text.split_once("\r\nFrom:").unwrap();
        let at = sig_field.find(" b=").or(sig_field.find("\tb=")).unwrap() + 3;
        let (unsigned, b) = sig_field.split_at(at);
        let b: String = b.split_whitespace().collect();
        // The verifier's side, written out: the signed headers bottom-up, then the signature
        // header with b= empty.
        let mut hash = Sha256::new();
        for h in [
            "from:Program <p@acme.example>\r\n",
            "to:ann@acme.example\r\n",
            "subject:Hello again\r\n",
            "mime-version:1.0\r\n",
        ] {
            hash.update(h.as_bytes());
        }
        let canonical = relaxed_header(unsigned.as_bytes());
        hash.update(canonical.strip_suffix(b"\r\n").unwrap());
        let public = DkimKey::parse(key.key.expose()).unwrap();
        let DkimKey::Ed25519(private) = public else {
            panic!("ed25519")
        };
        let signature =
            ed25519_dalek::Signature::from_slice(&BASE64.decode(b.as_bytes()).unwrap()).unwrap();
        private
            .verifying_key()
            .verify(&hash.finalize(), &signature)
            .expect("the signature verifies");
        assert_eq!(key.algorithm, DkimAlgorithm::Ed25519);
        assert!(
            text.contains(&format!(
                "bh={}",
                BASE64.encode(Sha256::digest(b"Hi there\r\n"))
            )),
            "{text}"
        );
    }

    #[test]
    fn no_key_no_signer() {
        assert!(Signer::new(&[]).unwrap().is_none());
    }
}
