//! `upward check`'s DKIM records: the TXT record to publish for each `[dkim]` key, and with
//! `--connect` what DNS serves there, asked of the system's `dig` (or `host`). Does not sign.
//!
//! NOTE: DNS is asked through `dig`/`host` (bind9-dnsutils) rather than a resolver crate: the
//! one lookup of an admin's check does not justify a resolver's weight in the daemon, and a
//! hand-written DNS client would be more code to trust than the tools admins already use.
//! Without them, or without DNS, the check says the record could not be checked and does not
//! fail for it.

use std::process::Command;

use crate::config::{Config, DkimSettings, record_tags, same_key, zone_text};

/// Prints, for each key, the TXT record to publish.
pub fn print_records(config: &Config) {
    if config.dkim.is_empty() {
        println!("dkim: no [dkim] key; mail is not signed here (the relay may sign it)");
        return;
    }
    for d in &config.dkim {
        match d.dns_record() {
            Ok(record) => {
                println!(
                    "dkim: {} key, selector {}, signs for {}; publish this TXT record:",
                    d.algorithm.as_str(),
                    d.selector,
                    d.domain
                );
                println!("  {}  TXT {}", d.dns_name(), zone_text(&record));
            }
            Err(err) => eprintln!("dkim: {}: the key cannot be used: {err}", d.dns_name()),
        }
    }
}

/// What DNS answered for one key's name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Served {
    /// The TXT records there, each one string (its parts joined).
    Records(Vec<String>),
    /// DNS could not be asked: why.
    Unknown(String),
}

/// Compares each key's record with what DNS serves and prints the outcome; returns false when
/// DNS serves no key or another key there (receivers would fail the signature). A lookup
/// that cannot be made is said and is not a failure.
pub fn check_published(config: &Config) -> bool {
    let mut ok = true;
    for d in &config.dkim {
        ok &= compare(d, lookup(&d.dns_name()));
    }
    ok
}

fn compare(d: &DkimSettings, served: Served) -> bool {
    let name = d.dns_name();
    let Ok(ours) = d.dns_record() else {
        return false;
    };
    match served {
        Served::Unknown(why) => {
            println!("dkim: {name}: the published record could not be checked ({why})");
            true
        }
        Served::Records(records) => {
            let keys: Vec<&String> = records
                .iter()
                .filter(|r| {
                    record_tags(r)
                        .iter()
                        .any(|(n, v)| n == "p" || (n == "v" && v == "DKIM1"))
                })
                .collect();
            if keys.iter().any(|r| same_key(&ours, r)) {
                println!("dkim: {name}: DNS serves this key");
                true
            } else if keys.is_empty() {
                eprintln!(
                    "dkim: {name}: DNS serves no DKIM key there; publish the TXT record above (receivers cannot verify the signature until then)"
                );
                false
            } else {
                eprintln!(
                    "dkim: {name}: DNS serves another key ({}); publish the TXT record above in its place, or name the key that matches in key_file",
                    keys.iter()
                        .map(|r| format!("\"{r}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                false
            }
        }
    }
}

/// The TXT records at `name`, asked of `dig`, else of `host`.
fn lookup(name: &str) -> Served {
    let dig = Command::new("dig")
        .args([
            "+noall",
            "+comments",
            "+answer",
            "+time=3",
            "+tries=2",
            "TXT",
            name,
        ])
        .output();
    match dig {
        Ok(out) => return from_dig(&String::from_utf8_lossy(&out.stdout)),
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            return Served::Unknown(format!("dig: {err}"));
        }
        Err(_) => {}
    }
    match Command::new("host")
        .args(["-W", "3", "-t", "TXT", name])
        .output()
    {
        Ok(out) => from_host(&String::from_utf8_lossy(&out.stdout), out.status.success()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Served::Unknown(
            "neither `dig` nor `host` is installed: install bind9-dnsutils (Debian) or bind-utils to check it here"
                .into(),
        ),
        Err(err) => Served::Unknown(format!("host: {err}")),
    }
}

/// What `dig +noall +comments +answer` printed: the answer's TXT records when the server
/// answered NOERROR or NXDOMAIN (none), else why DNS could not say.
fn from_dig(out: &str) -> Served {
    let status = out
        .lines()
        .find_map(|l| l.split_once("status: "))
        .and_then(|(_, rest)| rest.split(',').next())
        .map(str::trim);
    match status {
        Some("NOERROR" | "NXDOMAIN") => Served::Records(
            out.lines()
                .filter(|l| !l.starts_with(';'))
                .filter_map(|l| l.split_once("\tTXT\t").or_else(|| l.split_once(" TXT ")))
                .filter_map(|(_, text)| txt_strings(text))
                .collect(),
        ),
        Some(other) => Served::Unknown(format!("dig: the name server answered {other}")),
        None => Served::Unknown(format!(
            "dig: {}",
            out.lines()
                .rev()
                .map(|l| l.trim_start_matches(';').trim())
                .find(|l| !l.is_empty())
                .unwrap_or("no answer")
        )),
    }
}

/// What `host -t TXT` printed: its `descriptive text` records when the name has an answer or
/// does not exist, else why DNS could not say.
fn from_host(out: &str, success: bool) -> Served {
    if success || out.contains("NXDOMAIN") {
        return Served::Records(
            out.lines()
                .filter_map(|l| l.split_once(" descriptive text "))
                .filter_map(|(_, t)| txt_strings(t))
                .collect(),
        );
    }
    let why = out.lines().next().unwrap_or("no answer");
    Served::Unknown(format!("host: {}", why.trim_start_matches(";; ")))
}

/// One TXT record as the tools print it (`"v=DKIM1; k=rsa; " "p=…"`): its quoted strings
/// joined, `\"` and `\\` unescaped. `None` for a line without a quoted string.
fn txt_strings(line: &str) -> Option<String> {
    let mut out = String::new();
    let mut inside = false;
    let mut any = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (inside, c) {
            (false, '"') => {
                inside = true;
                any = true;
            }
            (true, '"') => inside = false,
            (true, '\\') => out.extend(chars.next()),
            (true, c) => out.push(c),
            (false, _) => {}
        }
    }
    any.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DkimAlgorithm, Secret};

    fn ed25519() -> DkimSettings {
        DkimSettings {
            selector: "ed".into(),
            domain: "acme.example".into(),
            algorithm: DkimAlgorithm::Ed25519,
            key: Secret::new(include_str!("../../tests/fixtures/dkim/ed25519.b64")),
        }
    }

    #[test]
    fn a_record_split_in_strings_reads_as_one() {
        assert_eq!(
            txt_strings(r#""v=DKIM1; k=rsa; " "p=MIIB\"x""#).as_deref(),
            Some(r#"v=DKIM1; k=rsa; p=MIIB"x"#)
        );
        assert_eq!(txt_strings(";; connection timed out"), None);
    }

    #[test]
    fn what_dig_and_host_print_reads_as_records_or_as_unknown() {
        let answer = ";; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 7\n;; ANSWER SECTION:\ned._domainkey.acme.example. 300\tIN\tTXT\t\"v=DKIM1; k=ed25519; \" \"p=abc\"\n";
        let table: &[(Served, Served)] = &[
            (
                from_dig(answer),
                Served::Records(vec!["v=DKIM1; k=ed25519; p=abc".into()]),
            ),
            (
                from_dig(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 8\n"),
                Served::Records(vec![]),
            ),
            (
                from_dig(&answer.replace("NOERROR", "SERVFAIL")),
                Served::Unknown("dig: the name server answered SERVFAIL".into()),
            ),
            (
                from_dig(
                    ";; communications error to 10.0.0.1#53: timed out\n;; no servers could be reached\n",
                ),
                Served::Unknown("dig: no servers could be reached".into()),
            ),
            (
                from_host(
                    "ed._domainkey.acme.example descriptive text \"v=DKIM1; \" \"p=abc\"\n",
                    true,
                ),
                Served::Records(vec!["v=DKIM1; p=abc".into()]),
            ),
            (
                from_host(
                    "Host ed._domainkey.acme.example not found: 3(NXDOMAIN)\n",
                    false,
                ),
                Served::Records(vec![]),
            ),
            (
                from_host(
                    ";; connection timed out; no servers could be reached\n",
                    false,
                ),
                Served::Unknown("host: connection timed out; no servers could be reached".into()),
            ),
        ];
        for (got, want) in table {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn the_published_key_is_compared_and_only_a_wrong_or_missing_one_fails() {
        let d = ed25519();
        let ours = d.dns_record().unwrap();
        assert!(ours.starts_with("v=DKIM1; k=ed25519; p="), "{ours}");
        let table: &[(Served, bool)] = &[
            (Served::Records(vec![ours.clone()]), true),
            (
                Served::Records(vec!["v=spf1 -all".into(), ours.replace("; ", ";")]),
                true,
            ),
            (Served::Records(vec![]), false),
            (Served::Records(vec!["v=spf1 -all".into()]), false),
            (
                Served::Records(vec!["v=DKIM1; k=ed25519; p=AAAA".into()]),
                false,
            ),
            (Served::Unknown("no DNS".into()), true),
        ];
        for (served, ok) in table {
            assert_eq!(compare(&d, served.clone()), *ok, "{served:?}");
        }
    }
}
