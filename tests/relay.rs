//! `[smtp] ca_file` against a real Postfix whose certificate a throw-away CA signed (the mail
//! stack's own, which no system trusts): named in `ca_file`, the daemon delivers over
//! STARTTLS (submission) and implicit TLS (SMTPS); without it, the same relay is refused as
//! untrusted with the message that says what to do, and nothing is delivered. Regression
//! test of `ca_file` being validated and then ignored.

use std::path::Path;

use tempfile::TempDir;

use crate::ingest::{SECRET, command, finish, pair_up, program};
use crate::roundtrip::{count, store, wait_until};
use crate::util::{Daemon, MailStack, Ran};

/// Adds an `[smtp]` section for the stack's relay on `port` to the program in `dir`, with
/// `ca_file` when given.
pub(crate) fn use_relay(dir: &Path, port: u16, security: &str, ca_file: Option<&Path>) {
    let path = dir.join("program.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&smtp_section(port, security, ca_file));
    std::fs::write(&path, text).unwrap();
}

/// An `[smtp]` section for 127.0.0.1:`port`; retries come fast, so tests need not wait.
pub(crate) fn smtp_section(port: u16, security: &str, ca_file: Option<&Path>) -> String {
    let ca = ca_file.map_or(String::new(), |p| {
        format!("ca_file = \"{}\"\n", p.display())
    });
    format!(
        "\n[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"{security}\"\nretry_first_seconds = 1\nretry_max_seconds = 2\n{ca}"
    )
}

/// `upward ARGS` in `dir`, with the program's secret in the environment.
fn upward_in(dir: &Path, args: &[&str]) -> Ran {
    finish(&mut command(dir, args), b"")
}

/// Every message Postfix delivered for other domains (the example's `acme.example`).
fn outbound(stack: &MailStack) -> Vec<String> {
    stack
        .messages("outbound")
        .iter()
        .map(|m| String::from_utf8_lossy(m).into_owned())
        .collect()
}

/// The stack's TLS ports: submission (STARTTLS) and SMTPS (implicit TLS).
fn tls_ports(stack: &MailStack) -> [(u16, &'static str); 2] {
    [
        (stack.submission_port, "starttls"),
        (stack.smtps_port, "tls"),
    ]
}

/// The example program relaying through 127.0.0.1:`port`, and what `check --connect` said.
fn relay_program(port: u16, security: &str, ca_file: Option<&Path>) -> (TempDir, Ran) {
    let dir = program();
    use_relay(dir.path(), port, security, ca_file);
    let probe = upward_in(dir.path(), &["check", "--connect"]);
    (dir, probe)
}

#[test]
fn a_relay_signed_by_a_private_ca_is_used_over_starttls_and_tls_once_ca_file_names_it() {
    let Some(stack) = MailStack::start() else {
        return;
    };
    for (port, security) in tls_ports(&stack) {
        let (dir, probe) = relay_program(port, security, Some(&stack.ca_file()));
        let d = dir.path();
        let probe = probe.expect_code(0);
        assert!(
            probe.stdout.contains("smtp: connection is encrypted"),
            "{security}: {}",
            probe.stdout
        );

        pair_up(d);
        let before = outbound(&stack).len();
        let mut daemon = Daemon::start_with_env(d, &[("UPWARD_SECRET", SECRET.as_ref())]);
        daemon.wait_for("upward is running");
        // The daemon queues the round's introductions and sends them.
        let mut sent = 0;
        wait_until(60, "every introduction sent", || {
            let db = store(d);
            sent = count(&db, "SELECT count(*) FROM outbox WHERE state = 'sent'");
            sent > 0 && count(&db, "SELECT count(*) FROM outbox WHERE state <> 'sent'") == 0
        });
        daemon.signal("TERM");
        daemon.wait_for("upward stopped cleanly");
        assert_eq!(daemon.wait_exit(), Some(0));

        stack.wait_delivered("outbound", before + 1);
        let delivered = outbound(&stack);
        let ours: Vec<&String> = delivered[before..]
            .iter()
            .filter(|m| m.contains("Subject:"))
            .collect();
        assert!(!ours.is_empty(), "{security}: nothing delivered");
        // Postfix notes TLS in its Received header: "with ESMTPS" (ESMTPSA with AUTH).
        for m in &ours {
            assert!(m.contains("with ESMTPS"), "{security}: not over TLS:\n{m}");
        }
        eprintln!(
            "relay: {security} on {port}: {sent} rows sent, {} messages delivered over TLS",
            ours.len()
        );
    }
}

#[test]
fn without_ca_file_the_same_relay_is_refused_as_untrusted_and_nothing_is_delivered() {
    let Some(stack) = MailStack::start() else {
        return;
    };
    for (port, security) in tls_ports(&stack) {
        let (dir, probe) = relay_program(port, security, None);
        let d = dir.path();
        let probe = probe.expect_code(1);
        assert!(
            probe.stderr.contains("certificate") && probe.stderr.contains("[smtp] ca_file"),
            "{security}: {}",
            probe.stderr
        );

        pair_up(d);
        let mut daemon = Daemon::start_with_env(d, &[("UPWARD_SECRET", SECRET.as_ref())]);
        daemon.wait_for("upward is running");
        let failed = daemon.wait_for("send failed; will retry");
        assert!(
            failed.contains("not trusted") && failed.contains("[smtp] ca_file"),
            "{security}: {failed}"
        );
        daemon.signal("TERM");
        daemon.wait_for("upward stopped cleanly");
        assert_eq!(daemon.wait_exit(), Some(0));
        assert_eq!(
            count(
                &store(d),
                "SELECT count(*) FROM outbox WHERE state = 'sent'"
            ),
            0,
            "{security}: sent through an untrusted relay"
        );
    }
    assert!(
        outbound(&stack).is_empty(),
        "an untrusted relay received mail"
    );
}

#[test]
fn check_refuses_a_ca_file_that_holds_no_certificate_naming_it() {
    let dir = program();
    let d = dir.path();
    std::fs::write(d.join("relay-ca.pem"), "not a certificate\n").unwrap();
    use_relay(d, 2587, "starttls", Some(Path::new("relay-ca.pem")));
    let out = upward_in(d, &["check"]).expect_code(1);
    assert!(
        out.stderr
            .contains("`smtp.ca_file`: relay-ca.pem holds no PEM certificate"),
        "{}",
        out.stderr
    );
    // And `run` refuses to start on it rather than sending without the CA.
    let run = upward_in(d, &["run", "-c", "program.toml"]).expect_code(1);
    assert!(run.stderr.contains("smtp.ca_file"), "{}", run.stderr);
}

/// A plain SMTP relay on loopback that holds its reply to each message's final dot until
/// the test releases it: a message "in flight" for as long as the test wants.
pub(crate) struct GatedRelay {
    pub port: u16,
    /// The Message-IDs of the messages it accepted (answered 250).
    pub accepted: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    holding: std::sync::mpsc::Receiver<()>,
    gate: std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
}

impl GatedRelay {
    pub(crate) fn start() -> GatedRelay {
        use std::sync::{Arc, Condvar, Mutex};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepted = Arc::new(Mutex::new(Vec::new()));
        let gate = Arc::new((Mutex::new(false), Condvar::new()));
        let (tx, holding) = std::sync::mpsc::channel();
        let (a, g) = (Arc::clone(&accepted), Arc::clone(&gate));
        std::thread::spawn(move || {
            for socket in listener.incoming() {
                let Ok(socket) = socket else { return };
                let (a, g, tx) = (Arc::clone(&a), Arc::clone(&g), tx.clone());
                std::thread::spawn(move || {
                    let _ = gated_session(socket, &a, &g, &tx);
                });
            }
        });
        GatedRelay {
            port,
            accepted,
            holding,
            gate,
        }
    }

    /// Waits (at most 60 s) until a message's final dot is held.
    pub(crate) fn wait_holding(&self) {
        self.holding
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("no message reached the gated relay");
    }

    /// Answers the held message, and every later one at once.
    pub(crate) fn release(&self) {
        let (open, changed) = &*self.gate;
        *open.lock().unwrap() = true;
        changed.notify_all();
    }
}

fn gated_session(
    socket: std::net::TcpStream,
    accepted: &std::sync::Mutex<Vec<String>>,
    gate: &(std::sync::Mutex<bool>, std::sync::Condvar),
    holding: &std::sync::mpsc::Sender<()>,
) -> std::io::Result<()> {
    use std::io::{BufRead, BufReader, Write};
    let mut reader = BufReader::new(socket.try_clone()?);
    let mut w = socket;
    w.write_all(b"220 gated.test ESMTP\r\n")?;
    let mut line = String::new();
    // One line into `line`; false at the end of the connection.
    let mut next = |line: &mut String| -> std::io::Result<bool> {
        line.clear();
        Ok(reader.read_line(line)? > 0)
    };
    loop {
        if !next(&mut line)? {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => w.write_all(b"250-gated.test\r\n250 8BITMIME\r\n")?,
            "QUIT" => return w.write_all(b"221 bye\r\n"),
            "DATA" => {
                w.write_all(b"354 go ahead\r\n")?;
                let mut id = String::new();
                loop {
                    if !next(&mut line)? {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    if id.is_empty() && line.to_ascii_lowercase().starts_with("message-id:") {
                        id = line["message-id:".len()..].trim().to_string();
                    }
                }
                let _ = holding.send(());
                let (open, changed) = gate;
                let mut is_open = open.lock().unwrap();
                while !*is_open {
                    is_open = changed.wait(is_open).unwrap();
                }
                drop(is_open);
                accepted.lock().unwrap().push(id);
                w.write_all(b"250 2.0.0 queued\r\n")?;
            }
            _ => w.write_all(b"250 ok\r\n")?,
        }
    }
}
