//! Owns the reading of `Authentication-Results` (RFC 8601): whether the organisation's own
//! mail server vouches for a message's sender. Pure: it reads header values, trusts only the
//! configured `authserv-id`s, and does no DNS or cryptography itself.
//!
//! A message is vouched for when the topmost `Authentication-Results` header from a trusted
//! server shows `dmarc=pass` for the From domain, or `dkim=pass` for a signing domain aligned
//! with the From domain (relaxed alignment: the same domain, or one a subdomain of the other).
//!
//! NOTE: only the topmost header from a trusted server counts. Mail servers add theirs on
//! top, so a header of the same name that a sender wrote into the message sits below the
//! organisation's own; the README asks operators to strip such forged headers at the MX too.

/// One method's result in a header: `dkim=pass header.d=acme.example`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Result_ {
    method: String,
    result: String,
    /// `ptype.property=value` pairs, lowercased.
    props: Vec<(String, String)>,
}

/// A parsed header: who wrote it and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    authserv_id: String,
    results: Vec<Result_>,
}

/// Removes RFC 5322 comments (nested parentheses), keeping quoted strings as they are.
fn strip_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    let mut quoted = false;
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            if depth == 0 {
                out.push(c);
            }
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                escaped = true;
                if depth == 0 {
                    out.push(c);
                }
            }
            '"' if depth == 0 => {
                quoted = !quoted;
                out.push(c);
            }
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn parse(value: &str) -> Option<Header> {
    let clean = strip_comments(value);
    let mut parts = clean.split(';');
    let authserv_id = parts
        .next()?
        .split_whitespace()
        .next()?
        .trim_matches('"')
        .to_lowercase();
    let results = parts
        .filter_map(|part| {
            let mut words = part.split_whitespace();
            let (method, result) = words.next()?.split_once('=')?;
            let method = method.split('/').next().unwrap_or(method).to_lowercase();
            let props = words
                .filter_map(|w| w.split_once('='))
                .map(|(k, v)| (k.to_lowercase(), v.trim_matches('"').to_lowercase()))
                .collect();
            Some(Result_ {
                method,
                result: result.to_lowercase(),
                props,
            })
        })
        .collect();
    Some(Header {
        authserv_id,
        results,
    })
}

/// Whether `a` and `b` are aligned domains under relaxed alignment (approximated without
/// the public suffix list: equal, or one a subdomain of the other).
fn aligned(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('.'), b.trim_end_matches('.'));
    !a.is_empty()
        && !b.is_empty()
        && (a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}")))
}

impl Result_ {
    fn prop(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// What this result vouches for the From domain, if anything: `dmarc=pass` or an
    /// aligned `dkim=pass`.
    fn vouches(&self, from_domain: &str) -> Option<String> {
        if self.result != "pass" {
            return None;
        }
        match self.method.as_str() {
            "dmarc" => {
                let domain = self.prop("header.from").unwrap_or(from_domain);
                (domain == from_domain).then(|| format!("dmarc=pass header.from={domain}"))
            }
            "dkim" => {
                let signer = self.prop("header.d").or_else(|| {
                    self.prop("header.i")
                        .and_then(|i| i.rsplit_once('@').map(|(_, d)| d))
                })?;
                aligned(signer, from_domain).then(|| format!("dkim=pass header.d={signer}"))
            }
            _ => None,
        }
    }
}

/// What a trusted server vouched for a sender, as `dmarc=pass … (by mx.acme.example)`, or
/// `None`. `headers` are the message's top-level headers in order (lowercased names),
/// `from` the sender's address, `trusted` the configured authserv-ids (lowercased).
pub fn vouched_by(headers: &[(String, String)], from: &str, trusted: &[String]) -> Option<String> {
    if trusted.is_empty() {
        return None;
    }
    let from_domain = from.rsplit_once('@')?.1.to_lowercase();
    let header = headers
        .iter()
        .filter(|(name, _)| name == "authentication-results")
        .filter_map(|(_, value)| parse(value))
        .find(|h| trusted.contains(&h.authserv_id))?;
    header
        .results
        .iter()
        .find_map(|r| r.vouches(&from_domain))
        .map(|what| format!("{what} (by {})", header.authserv_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ar(values: &[&str]) -> Vec<(String, String)> {
        values
            .iter()
            .map(|v| ("authentication-results".to_string(), v.to_string()))
            .collect()
    }

    fn trusted() -> Vec<String> {
        vec!["mx.acme.example".to_string()]
    }

    #[test]
    fn a_trusted_servers_verdict_vouches_and_anything_else_does_not() {
        let cases: &[(&[&str], &str, bool)] = &[
            // OpenDMARC as Postfix adds it.
            (
                &["mx.acme.example; dmarc=pass (p=reject dis=none) header.from=acme.example"],
                "pat@acme.example",
                true,
            ),
            // OpenDKIM, aligned and not.
            (
                &[
                    "mx.acme.example; dkim=pass (2048-bit key; unprotected) header.d=acme.example header.i=@acme.example header.b=\"abc\"",
                ],
                "pat@acme.example",
                true,
            ),
            (
                &["mx.acme.example; dkim=pass header.d=mail.acme.example"],
                "pat@acme.example",
                true,
            ),
            (
                &["mx.acme.example; dkim=pass header.d=evil.example"],
                "pat@acme.example",
                false,
            ),
            (
                &["mx.acme.example; dkim=pass header.i=@acme.example"],
                "pat@acme.example",
                true,
            ),
            // Microsoft 365's form: several methods in one header.
            (
                &[
                    "mx.acme.example; spf=pass smtp.mailfrom=acme.example; dkim=none; dmarc=pass action=none header.from=acme.example;compauth=pass reason=100",
                ],
                "pat@acme.example",
                true,
            ),
            // SPF alone proves nothing about the From header.
            (
                &["mx.acme.example; spf=pass smtp.mailfrom=acme.example"],
                "pat@acme.example",
                false,
            ),
            (
                &["mx.acme.example; dmarc=fail header.from=acme.example"],
                "pat@acme.example",
                false,
            ),
            (
                &["mx.acme.example; dmarc=pass header.from=other.example"],
                "pat@acme.example",
                false,
            ),
            (&["mx.acme.example; none"], "pat@acme.example", false),
            // An untrusted server's word counts for nothing.
            (
                &["mx.evil.example; dmarc=pass header.from=acme.example"],
                "pat@acme.example",
                false,
            ),
            // A forged header under the organisation's own: only the topmost trusted one counts.
            (
                &[
                    "mx.acme.example; dmarc=fail header.from=acme.example",
                    "mx.acme.example; dmarc=pass header.from=acme.example",
                ],
                "pat@acme.example",
                false,
            ),
            // Case, version and comments do not matter.
            (
                &["MX.Acme.Example 1 (the MX); DMARC=Pass header.from=ACME.example"],
                "pat@acme.example",
                true,
            ),
        ];
        for (headers, from, expected) in cases {
            let got = vouched_by(&ar(headers), from, &trusted());
            assert_eq!(got.is_some(), *expected, "{headers:?} from {from}: {got:?}");
        }
    }

    #[test]
    fn without_trusted_servers_nothing_vouches() {
        let headers = ar(&["mx.acme.example; dmarc=pass header.from=acme.example"]);
        assert_eq!(vouched_by(&headers, "pat@acme.example", &[]), None);
        assert_eq!(
            vouched_by(&headers, "pat@acme.example", &trusted()).as_deref(),
            Some("dmarc=pass header.from=acme.example (by mx.acme.example)")
        );
    }
}
