//! The IMAP source against a real Dovecot: TLS verified against the stack's own CA, unseen
//! messages fetched without being marked read, acknowledged one by one, IDLE woken by a
//! delivery, and clear errors for an untrusted certificate and a wrong password; `upward
//! check --connect` logging in, examining the folder and reporting IDLE without changing
//! anything, with clear errors for a wrong password, a missing folder and a port without TLS.

use std::time::Duration;

use tokio_util::sync::CancellationToken;
use upward::config::{ImapSettings, Secret, SecretSource, Security};
use upward::inbound::source::imap::{ImapError, ImapMailbox};

use crate::util::MailStack;

pub(crate) fn settings(stack: &MailStack, security: Security, password: &str) -> ImapSettings {
    ImapSettings {
        host: "127.0.0.1".into(),
        port: if security == Security::Tls {
            stack.imaps_port
        } else {
            stack.imap_port
        },
        security,
        username: "mentoring".into(),
        password: SecretSource::Env {
            var: "TEST_IMAP_PASSWORD".into(),
            value: Secret::new(password),
        },
        folder: "INBOX".into(),
        processed_folder: None,
        ca_file: Some(stack.ca_file()),
        poll_seconds: 60,
        reconnect_max_seconds: 60,
    }
}

#[test]
fn unseen_messages_are_fetched_acknowledged_one_by_one_and_idle_wakes_on_delivery() {
    let Some(stack) = MailStack::start() else {
        return;
    };
    for i in 1..=3 {
        stack.send(
            "alice@acme.test",
            "mentoring+t0k3n@acme.test",
            &format!("reply {i}"),
            "Met: yes",
            &[],
        );
    }
    stack.wait_delivered("mentoring", 3);

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let mut mb = ImapMailbox::connect(&settings(&stack, Security::Tls, "secret"))
            .await
            .unwrap();
        assert!(mb.idle, "dovecot offers IDLE");
        assert!(mb.uid_validity.is_some());
        let first = mb.fetch_unseen(10).await.unwrap();
        assert_eq!(first.len(), 3);
        for (i, m) in first.iter().enumerate() {
            let text = String::from_utf8_lossy(&m.raw);
            assert!(
                text.contains(&format!("Subject: reply {}", i + 1)),
                "{text}"
            );
            assert!(
                text.contains("Delivered-To: mentoring+t0k3n@acme.test"),
                "{text}"
            );
            assert!(!m.truncated());
        }
        // Fetching did not mark anything read: the same three come back.
        assert_eq!(mb.fetch_unseen(10).await.unwrap().len(), 3);
        mb.ack(first[0].uid).await.unwrap();
        mb.ack(first[1].uid).await.unwrap();
        let left = mb.fetch_unseen(10).await.unwrap();
        assert_eq!(
            left.iter().map(|m| m.uid).collect::<Vec<_>>(),
            vec![first[2].uid]
        );

        // IDLE: a delivery during the wait ends it long before the 60 s poll interval.
        let shutdown = CancellationToken::new();
        let waiting = tokio::spawn(async move {
            let mb = mb.wait(&shutdown).await;
            (mb, shutdown)
        });
        tokio::task::spawn_blocking({
            let port = stack.smtp_port;
            move || {
                let out = std::process::Command::new("swaks")
                    .args(["--server", &format!("127.0.0.1:{port}")])
                    .args([
                        "--from",
                        "bob@acme.test",
                        "--to",
                        "mentoring+x@acme.test",
                        "--h-Subject",
                        "late",
                    ])
                    .output()
                    .unwrap();
                assert!(out.status.success());
            }
        })
        .await
        .unwrap();
        let (mb, _) = tokio::time::timeout(Duration::from_secs(30), waiting)
            .await
            .expect("IDLE did not wake on a delivery")
            .unwrap();
        let mut mb = mb.unwrap();
        let now = mb.fetch_unseen(10).await.unwrap();
        assert_eq!(now.len(), 2);
        mb.logout().await;
    });
}

#[test]
fn starttls_works_and_an_untrusted_certificate_or_wrong_password_is_a_clear_error() {
    let Some(stack) = MailStack::start() else {
        return;
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let mb = ImapMailbox::connect(&settings(&stack, Security::StartTls, "secret"))
            .await
            .unwrap();
        mb.logout().await;

        let mut untrusted = settings(&stack, Security::Tls, "secret");
        untrusted.ca_file = None;
        let err = ImapMailbox::connect(&untrusted).await.unwrap_err();
        assert!(matches!(err, ImapError::Tls(_)), "{err:?}");
        assert!(
            err.to_string().contains("certificate") || err.to_string().contains("Certificate"),
            "{err}"
        );

        let err = ImapMailbox::connect(&settings(&stack, Security::Tls, "wrong"))
            .await
            .unwrap_err();
        assert!(matches!(err, ImapError::Login { .. }), "{err:?}");
        assert!(
            err.to_string().contains("refused the login for mentoring"),
            "{err}"
        );
        assert!(
            !err.to_string().contains("wrong"),
            "the password must not appear: {err}"
        );
    });
}

#[test]
fn check_connect_logs_in_examines_the_folder_reports_idle_changes_nothing_and_says_what_is_wrong() {
    let Some(stack) = MailStack::start() else {
        return;
    };
    stack.send(
        "alice@acme.test",
        "mentoring+t0k3n@acme.test",
        "waiting",
        "Met: yes",
        &[],
    );
    stack.wait_delivered("mentoring", 1);

    let dir = crate::ingest::program();
    let path = dir.path().join("program.toml");
    let example = std::fs::read_to_string(&path).unwrap();
    let check = |imap: &str, password: &str| {
        std::fs::write(&path, format!("{example}{imap}")).unwrap();
        let mut cmd = crate::ingest::command(dir.path(), &["check", "--connect"]);
        cmd.env("TEST_IMAP_PASSWORD", password);
        crate::ingest::finish(&mut cmd, b"")
    };
    let section = stack.imap_section();

    let ok = check(&section, "secret").expect_code(0);
    for line in [
        format!("imap: connected to 127.0.0.1:{}", stack.imaps_port),
        "imap: connection is encrypted (TLS), the certificate verified".to_string(),
        "imap: logged in as mentoring".to_string(),
        "imap: folder INBOX opened read-only: 1 message(s), UIDVALIDITY ".to_string(),
        "imap: the server offers IDLE: new replies are read as they arrive".to_string(),
    ] {
        assert!(ok.stdout.contains(&line), "no {line:?} in:\n{}", ok.stdout);
    }
    // Nothing changed: the message is still unseen for the daemon.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let unseen = rt.block_on(async {
        let mut mb = ImapMailbox::connect(&settings(&stack, Security::Tls, "secret"))
            .await
            .unwrap();
        let n = mb.fetch_unseen(10).await.unwrap().len();
        mb.logout().await;
        n
    });
    assert_eq!(unseen, 1, "check --connect marked nothing read");

    let wrong = check(&section, "wrong").expect_code(1);
    assert!(
        wrong
            .stderr
            .contains("the IMAP server refused the login for mentoring")
            && wrong
                .stderr
                .contains("the password in the environment variable TEST_IMAP_PASSWORD"),
        "{}",
        wrong.stderr
    );
    assert!(!wrong.stderr.contains("wrong"), "{}", wrong.stderr);

    let missing = check(
        &section.replace("folder = \"INBOX\"", "folder = \"Replies\""),
        "secret",
    )
    .expect_code(1);
    assert!(
        missing
            .stderr
            .contains("the IMAP folder `Replies` cannot be opened")
            && missing.stderr.contains("check [inbound.imap] folder")
            && missing.stderr.contains("(the server has: INBOX"),
        "{}",
        missing.stderr
    );

    // Implicit TLS asked of the plain IMAP port.
    let plain_port = section.replace(
        &format!("port = {}", stack.imaps_port),
        &format!("port = {}", stack.imap_port),
    );
    let not_tls = check(&plain_port, "secret").expect_code(1);
    assert!(
        not_tls.stderr.contains("does not speak TLS"),
        "{}",
        not_tls.stderr
    );
    // No TLS at all works, and says the password crosses the network in clear; STARTTLS
    // on the plain port encrypts.
    for (security, line) in [
        ("none", "imap: connection is NOT encrypted"),
        ("starttls", "imap: connection is encrypted (STARTTLS)"),
    ] {
        let imap = plain_port.replace("security = \"tls\"", &format!("security = \"{security}\""));
        let out = check(&imap, "secret").expect_code(0);
        assert!(out.stdout.contains(line), "{security}: {}", out.stdout);
    }
}
