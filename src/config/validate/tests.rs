//! Unit tests of reading and checking `program.toml`.

use super::program::parse_mailbox;
use super::*;

use crate::config::test_support::TEST_PROGRAM as MINIMAL;

fn issues(text: &str) -> Vec<ConfigIssue> {
    Config::from_str(text, Path::new("p.toml")).expect_err("should be invalid")
}

#[test]
fn a_minimal_program_gets_sensible_defaults() {
    let c = Config::from_str(MINIMAL, Path::new("p.toml")).expect("valid");
    assert_eq!(c.participants.len(), 2);
    assert_eq!(c.participants[0].email, "ann@acme.example");
    assert_eq!(c.store.path, PathBuf::from("var/upward.db"));
    assert!(c.smtp.is_none());
    assert_eq!(c.pairing.min_level_gap, 1);
    assert_eq!(c.schedule.prompts.source, "0 9 * * MON");
    assert_eq!(c.domain(), "acme.example");
}

#[test]
fn every_unknown_key_is_reported_not_just_the_first() {
    let text = MINIMAL
        .replace("name = \"Ann\"", "nme = \"Ann\"\nname = \"Ann\"")
        .replace("[program]", "[program]\ntimezon = \"UTC\"");
    let found = issues(&text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().any(|i| i.message.contains("`timezon`")
        && i.fix.as_deref().unwrap_or("").contains("`timezone`")));
}

#[test]
fn five_and_six_field_cron_are_accepted_and_others_refused() {
    assert!(crate::time::cron::parse("0 9 * * MON").is_ok());
    assert!(crate::time::cron::parse("30 0 9 * * MON").is_ok());
    assert!(crate::time::cron::parse("9 * MON").is_err());
    assert!(crate::time::cron::parse("61 9 * * MON").is_err());
}

#[test]
fn mailbox_parses_with_and_without_a_name() {
    assert_eq!(parse_mailbox("a@b.example").map(|m| m.name), Some(None));
    let m = parse_mailbox("\"Mentoring, Acme\" <A@B.example>").expect("valid");
    assert_eq!(m.name.as_deref(), Some("Mentoring, Acme"));
    assert_eq!(m.email, "a@b.example");
    assert!(parse_mailbox("x <a@b.example>\r\nBcc: c@d.example").is_none());
}

#[test]
fn a_dkim_key_is_read_and_checked_at_load() {
    let dir = tempfile::tempdir().unwrap();
    // 32 bytes, base64: an Ed25519 private key.
    std::fs::write(
        dir.path().join("dkim.key"),
        "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.key"), "not a key\n").unwrap();
    let path = dir.path().join("p.toml");
    let good = format!(
        "{MINIMAL}\n[dkim]\nselector = \"upward\"\nkey_file = \"dkim.key\"\nalgorithm = \"ed25519\"\n"
    );
    let c = Config::from_str(&good, &path).expect("valid");
    let [d] = c.dkim.as_slice() else {
        panic!("one dkim key: {:?}", c.dkim)
    };
    assert_eq!(
        (d.selector.as_str(), d.domain.as_str()),
        ("upward", "acme.example")
    );
    assert!(
        !format!("{:?}", d.key).contains("QUJD"),
        "the key must not show in Debug"
    );
    let bad = good.replace("dkim.key", "bad.key");
    let found = Config::from_str(&bad, &path).expect_err("invalid key");
    assert!(found[0].message.contains("cannot be used"), "{found:?}");
}

#[test]
fn two_dkim_keys_sign_side_by_side_and_one_key_still_reads_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dkim");
    for (from, to) in [
        ("rsa.pkcs1.pem", "rsa1.pem"),
        ("rsa.pkcs8.pem", "rsa8.pem"),
        ("ed25519.pem", "ed.pem"),
    ] {
        std::fs::copy(fixtures.join(from), dir.path().join(to)).unwrap();
    }
    let path = dir.path().join("p.toml");
    // The single [dkim] of before: a PKCS#1 key named as rsa.
    let one = format!(
        "{MINIMAL}\n[dkim]\nselector = \"upward\"\nkey_file = \"rsa1.pem\"\nalgorithm = \"rsa\"\n"
    );
    let c = Config::from_str(&one, &path).expect("valid");
    assert_eq!(c.dkim.len(), 1);
    assert_eq!(c.dkim[0].algorithm, DkimAlgorithm::Rsa);
    let two = format!(
        "{MINIMAL}\n[[dkim]]\nselector = \"rsa\"\nkey_file = \"rsa8.pem\"\n\n[[dkim]]\nselector = \"ed\"\nkey_file = \"ed.pem\"\ndomain = \"Mail.Acme.example\"\n"
    );
    let c = Config::from_str(&two, &path).expect("valid");
    let got: Vec<(&str, &str, DkimAlgorithm)> = c
        .dkim
        .iter()
        .map(|d| (d.selector.as_str(), d.domain.as_str(), d.algorithm))
        .collect();
    assert_eq!(
        got,
        [
            ("rsa", "acme.example", DkimAlgorithm::Rsa),
            ("ed", "mail.acme.example", DkimAlgorithm::Ed25519)
        ]
    );
}

#[test]
fn each_wrong_dkim_key_is_reported_with_its_fix() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dkim");
    std::fs::copy(fixtures.join("ed25519.pem"), dir.path().join("ed.pem")).unwrap();
    std::fs::write(
        dir.path().join("cert.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let path = dir.path().join("p.toml");
    // selector, key file, another line, what the issue says, what its fix says
    #[rustfmt::skip]
    let table: &[[&str; 5]] = &[
        ["ed", "ed.pem", "algorithm = \"rsa\"", "algorithm = \"rsa\" but the key in", "leave `algorithm` out"],
        ["ed", "ed.pem", "algorithm = \"dsa\"", "unknown DKIM algorithm `dsa`", "\"rsa\" or \"ed25519\""],
        ["ed", "cert.pem", "", "cannot be used: not a PEM private key", "openssl genpkey"],
        ["ed", "missing.pem", "", "cannot read DKIM key file", "path of the private key"],
        ["my selector", "ed.pem", "", "`dkim.selector` = \"my selector\" is not a DNS name", "letters, digits and hyphens"],
        ["ed", "ed.pem", "[[dkim]]\nselector = \"ed\"\nkey_file = \"ed.pem\"", "two [[dkim]] keys have the selector ed._domainkey.acme.example", "its own selector"],
    ];
    for [selector, file, extra, message, fix] in table {
        let section =
            format!("\n[[dkim]]\nselector = \"{selector}\"\nkey_file = \"{file}\"\n{extra}\n");
        let found = Config::from_str(&format!("{MINIMAL}{section}"), &path).expect_err(message);
        assert_eq!(found.len(), 1, "{section}: {found:?}");
        assert!(found[0].message.contains(message), "{section}: {found:?}");
        assert!(
            found[0].fix.as_deref().unwrap_or("").contains(fix),
            "{section}: {found:?}"
        );
    }
}

#[test]
fn topics_normalise_case_and_spacing() {
    assert_eq!(normalize_topic("  AI   Tools "), "ai tools");
}

#[test]
fn synonyms_are_checked_with_a_fix_for_each_problem() {
    let with = |lines: &str| {
        MINIMAL.replacen(
            "[[participants]]",
            &format!("[pairing.synonyms]\n{lines}\n\n[[participants]]"),
            1,
        )
    };
    let ok = with("\"ChatGPT\" = \"AI  Tools\"\n\"how to use chatgpt\" = \"ai tools\"");
    let c = Config::from_str(&ok, Path::new("p.toml")).expect("valid");
    assert_eq!(
        c.pairing.synonyms,
        vec![
            ("chatgpt".to_string(), "ai tools".to_string()),
            ("how to use chatgpt".to_string(), "ai tools".to_string()),
        ]
    );
    for (lines, says, fix) in [
        (
            "\"chatgpt\" = \"\"",
            "has an empty side",
            "\"chatgpt\" = \"ai tools\"",
        ),
        (
            "\"ai tools\" = \"AI tools\"",
            "names its own topic",
            "remove the line",
        ),
        (
            "\"gen ai\" = \"chatgpt\"\n\"chatgpt\" = \"ai tools\"",
            "\"gen ai\" points to \"chatgpt\", which is itself a synonym of \"ai tools\"",
            "\"gen ai\" = \"ai tools\"",
        ),
        (
            "\"ChatGPT\" = \"ai tools\"\n\"chatgpt\" = \"automation\"",
            "is listed twice, for \"ai tools\" and for \"automation\"",
            "one line per alias",
        ),
    ] {
        let found = issues(&with(lines));
        assert_eq!(found.len(), 1, "{lines}: {found:?}");
        assert!(found[0].message.contains(says), "{lines}: {found:?}");
        assert!(
            found[0].fix.as_deref().unwrap_or("").contains(fix),
            "{lines}: {found:?}"
        );
        assert!(found[0].at.line > 1, "{found:?}");
    }
}
