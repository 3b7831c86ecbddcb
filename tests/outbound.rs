//! Outbound mail end to end: emails queued in a real store, delivered by the real sender
//! through lettre to an SMTP server on loopback, and checked on the bytes that server
//! received. The server is a small scripted one (real SMTP on the wire) so that faults can
//! be injected: 451 then accept, 550, a connection closed while idle, a greeting that never
//! comes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use mail_parser::{MessageParser, MimeHeaders};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use upward::config::Role;
use upward::config::{Config, Security};
use upward::outbound::said::{About, Said};
use upward::outbound::sender::{self, SenderDeps, SenderSettings};
use upward::outbound::transport::{
    FileTransport, Outgoing, SmtpOptions, SmtpTransport, Transport, TransportError,
};
use upward::outbound::{Composer, Email, PairView, PersonView, Purpose, Templates, TokenKey};
use upward::schedule::{Clock, ManualClock};
use upward::store::{Enqueued, Store};

const PROGRAM: &str = r#"
[program]
name = "Pilot"
coordinator = "hr@acme.example"
from = "Mentoring <mentoring@acme.example>"
reply_to = "mentoring+{token}@acme.example"
bounce_address = "bounces+{token}@acme.example"
timezone = "Europe/London"
start = 2027-01-11
end = 2027-06-30
propose_first_meeting = true

[[participants]]
name = "Ann Lee"
email = "ann@acme.example"
role = "mentor"
level = 1
timezone = "Europe/London"
hours = "09:00-17:00"
offers = ["ai tools"]
wants = ["career"]

[[participants]]
name = "Bob Stone"
email = "bob@acme.example"
role = "mentee"
level = 5
timezone = "America/New_York"
hours = "08:00-16:00"
offers = ["career"]
wants = ["ai tools"]
"#;

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-01-08T18:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// A program with its store on disk, a composer and a pair.
struct Program {
    _dir: tempfile::TempDir,
    config: Arc<Config>,
    composer: Composer,
    store: Arc<Mutex<Store>>,
    pair: PairView,
    clock: Arc<ManualClock>,
}

fn program(extra: &str) -> Program {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("program.toml");
    let text = format!("{PROGRAM}{extra}");
    let config = Arc::new(Config::from_str(&text, &path).unwrap());
    let composer = Composer::with_key(
        Arc::clone(&config),
        Templates::builtin().unwrap(),
        TokenKey::new("integration secret"),
    );
    let mut store = Store::open(&dir.path().join("upward.db")).unwrap();
    store.sync_participants(&config.participants, t0()).unwrap();
    let id = |e: &str| store.participant_id(e).unwrap().unwrap();
    let pair = PairView {
        id: 3,
        round: 1,
        mentor: PersonView::from_participant(id("ann@acme.example"), &config.participants[0]),
        mentee: PersonView::from_participant(id("bob@acme.example"), &config.participants[1]),
        reasons: vec!["Ann can show Bob ai tools".into()],
        goals: Vec::new(),
    };
    Program {
        _dir: dir,
        config,
        composer,
        store: Arc::new(Mutex::new(store)),
        pair,
        clock: Arc::new(ManualClock::new(t0())),
    }
}

impl Program {
    fn enqueue(&self, email: &Email<'_>) -> Enqueued {
        let mut store = self.store.lock().unwrap();
        self.composer
            .enqueue_now(&mut store, email, self.clock.now())
            .unwrap()
    }

    fn prompt(&self, to: Role, day: u32) -> Enqueued {
        self.enqueue(&Email::Prompt {
            pair: &self.pair,
            to,
            occurrence: NaiveDate::from_ymd_opt(2027, 1, day).unwrap(),
            also: &[],
        })
    }

    fn row(&self, key: &str) -> upward::store::OutboxRow {
        self.store.lock().unwrap().outbox_row(key).unwrap().unwrap()
    }

    fn prompt_key(&self, side: Role, day: u32) -> String {
        let person = match side {
            Role::Mentor => self.pair.mentor.id,
            Role::Mentee => self.pair.mentee.id,
        };
        format!("prompt:{}:{person}:2027-01-{day:02}", self.pair.id)
    }

    /// Starts the sender; returns its stop token and handle.
    fn start_sender(
        &self,
        transport: Arc<dyn Transport>,
        tune: impl FnOnce(&mut SenderSettings),
    ) -> (
        CancellationToken,
        tokio::task::JoinHandle<Result<(), sender::SenderError>>,
        Arc<Notify>,
    ) {
        let mut settings = SenderSettings::from_config(&self.config);
        settings.poll = Duration::from_millis(20);
        tune(&mut settings);
        let wake = Arc::new(Notify::new());
        let shutdown = CancellationToken::new();
        let handle = tokio::spawn(sender::run(
            SenderDeps {
                store: Arc::clone(&self.store),
                clock: self.clock.clone(),
                transport,
                settings,
                wake: Arc::clone(&wake),
            },
            shutdown.clone(),
        ));
        (shutdown, handle, wake)
    }

    /// Waits (bounded) until the first attempt at `key` has an outcome recorded.
    async fn first_outcome(&self, key: &str) -> upward::store::OutboxRow {
        for _ in 0..1000 {
            let row = self.row(key);
            if row.attempts >= 1 && row.state.as_str() != "sending" {
                return row;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("no outcome for {key}: {:?}", self.row(key));
    }

    /// Waits (bounded) until the row with `key` is in `state`.
    async fn wait_state(&self, key: &str, state: &str) -> upward::store::OutboxRow {
        for _ in 0..500 {
            let row = self.row(key);
            if row.state.as_str() == state {
                return row;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("{key} never reached {state}: {:?}", self.row(key));
    }
}

/// What the scripted server received in one transaction.
#[derive(Debug, Clone)]
struct Received {
    mail_from: String,
    rcpt_to: Vec<String>,
    data: Vec<u8>,
}

/// The reply to RCPT TO for an address; `None` means 250.
type RcptRule = Option<Arc<dyn Fn(&str) -> Option<String> + Send + Sync>>;
/// The reply after a message's final dot, by message number; `None` means 250.
type DataRule = Option<Arc<dyn Fn(usize) -> Option<String> + Send + Sync>>;

/// How the scripted server behaves.
#[derive(Clone, Default)]
struct Script {
    /// Reply to RCPT TO for an address, when not 250.
    rcpt: RcptRule,
    /// Reply after the message's final dot, by message number (0-based), when not 250.
    data_end: DataRule,
    /// Close each connection right after it delivered a message (an idle timeout).
    close_after_message: bool,
    /// Accept connections but never greet.
    silent: bool,
    /// Do not offer PIPELINING, so the client sends one command at a time.
    no_pipelining: bool,
    /// A fault on one command (`MAIL`, `RCPT`, `DATA`, or `.` for the end of the content)
    /// while `faulty` is set.
    fault: Option<(&'static str, Fault)>,
    faulty: Option<Arc<std::sync::atomic::AtomicBool>>,
}

/// What the scripted server does instead of its normal reply.
#[derive(Clone, Debug)]
enum Fault {
    Reply(&'static str),
    /// Close the connection without a reply.
    Drop,
    /// Never reply.
    Stall,
}

impl Script {
    /// The fault to inject for `verb` now, if any.
    fn fault(&self, verb: &str) -> Option<Fault> {
        let on = self
            .faulty
            .as_ref()
            .is_none_or(|f| f.load(Ordering::SeqCst));
        match &self.fault {
            Some((v, f)) if on && v.eq_ignore_ascii_case(verb) => Some(f.clone()),
            _ => None,
        }
    }
}

struct Server {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    connections: Arc<AtomicUsize>,
    closed: Arc<Notify>,
}

async fn serve(script: Script) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let connections = Arc::new(AtomicUsize::new(0));
    let closed = Arc::new(Notify::new());
    let messages = Arc::new(AtomicUsize::new(0));
    let (r, c, cl) = (
        Arc::clone(&received),
        Arc::clone(&connections),
        Arc::clone(&closed),
    );
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            c.fetch_add(1, Ordering::SeqCst);
            let (script, received, messages, closed) = (
                script.clone(),
                Arc::clone(&r),
                Arc::clone(&messages),
                Arc::clone(&cl),
            );
            tokio::spawn(async move {
                let _ = session(socket, script, received, messages, true).await;
                closed.notify_one();
            });
        }
    });
    Server {
        port,
        received,
        connections,
        closed,
    }
}

async fn session<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
    socket: S,
    script: Script,
    received: Arc<Mutex<Vec<Received>>>,
    messages: Arc<AtomicUsize>,
    greet: bool,
) -> std::io::Result<()> {
    let (read, mut write) = tokio::io::split(socket);
    let mut lines = BufReader::new(read);
    if script.silent {
        let mut sink = Vec::new();
        let _ = tokio::io::AsyncReadExt::read_to_end(&mut lines, &mut sink).await;
        return Ok(());
    }
    if greet {
        write.write_all(b"220 sink.test ESMTP\r\n").await?;
    }
    let mut current = Received {
        mail_from: String::new(),
        rcpt_to: vec![],
        data: vec![],
    };
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let upper = line.to_ascii_uppercase();
        let verb = upper.split([' ', ':', '\r', '\n']).next().unwrap_or("");
        if let Some(fault) = script.fault(verb) {
            if inject(&mut write, fault).await? {
                continue;
            }
            return Ok(());
        }
        let reply: String = if upper.starts_with("EHLO") && script.no_pipelining {
            "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n".into()
        } else if upper.starts_with("EHLO") {
            "250-sink.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n".into()
        } else if upper.starts_with("MAIL FROM:") {
            current = Received {
                mail_from: between(&line),
                rcpt_to: vec![],
                data: vec![],
            };
            "250 2.1.0 ok\r\n".into()
        } else if upper.starts_with("RCPT TO:") {
            let addr = between(&line);
            match script.rcpt.as_ref().and_then(|f| f(&addr)) {
                Some(r) => format!("{r}\r\n"),
                None => {
                    current.rcpt_to.push(addr);
                    "250 2.1.5 ok\r\n".into()
                }
            }
        } else if upper.starts_with("DATA") && current.rcpt_to.is_empty() {
            "554 5.5.1 no valid recipients\r\n".into()
        } else if upper.starts_with("DATA") {
            write.write_all(b"354 go ahead\r\n").await?;
            let mut data = Vec::new();
            loop {
                let mut l = Vec::new();
                if lines.read_until(b'\n', &mut l).await? == 0 {
                    return Ok(());
                }
                if l == b".\r\n" {
                    break;
                }
                let l = if l.starts_with(b"..") {
                    &l[1..]
                } else {
                    &l[..]
                };
                data.extend_from_slice(l);
            }
            if let Some(fault) = script.fault(".") {
                if inject(&mut write, fault).await? {
                    continue;
                }
                return Ok(());
            }
            let n = messages.fetch_add(1, Ordering::SeqCst);
            match script.data_end.as_ref().and_then(|f| f(n)) {
                Some(r) => format!("{r}\r\n"),
                None => {
                    current.data = data;
                    received.lock().unwrap().push(current.clone());
                    write.write_all(b"250 2.0.0 queued\r\n").await?;
                    if script.close_after_message {
                        return Ok(());
                    }
                    continue;
                }
            }
        } else if upper.starts_with("RSET") || upper.starts_with("NOOP") {
            "250 2.0.0 ok\r\n".into()
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 2.0.0 bye\r\n").await?;
            return Ok(());
        } else {
            "502 5.5.2 unknown command\r\n".into()
        };
        write.write_all(reply.as_bytes()).await?;
    }
}

/// Carries out a fault; true when the session goes on after it.
async fn inject<W: tokio::io::AsyncWrite + Unpin>(
    write: &mut W,
    fault: Fault,
) -> std::io::Result<bool> {
    match fault {
        Fault::Reply(r) => {
            write.write_all(format!("{r}\r\n").as_bytes()).await?;
            // 421: the server closes the connection after saying so.
            Ok(!r.starts_with("421"))
        }
        Fault::Drop => Ok(false),
        Fault::Stall => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(false)
        }
    }
}

fn between(line: &str) -> String {
    let start = line.find('<').map_or(0, |i| i + 1);
    let end = line.rfind('>').unwrap_or(line.len());
    line[start..end].to_string()
}

fn smtp(port: u16, step: Duration) -> Arc<dyn Transport> {
    Arc::new(
        SmtpTransport::new(SmtpOptions {
            step_timeout: step,
            connections: 1,
            ..SmtpOptions::new("127.0.0.1", port, Security::None)
        })
        .unwrap(),
    )
}

#[tokio::test]
async fn an_introduction_arrives_with_its_headers_bodies_invite_and_tokens() {
    let p = program("");
    let server = serve(Script::default()).await;
    assert!(matches!(
        p.enqueue(&Email::Intro { pair: &p.pair }),
        Enqueued::Queued { .. }
    ));
    let (stop, handle, _) = p.start_sender(smtp(server.port, Duration::from_secs(5)), |_| {});
    let row = p.wait_state("intro:1:3", "sent").await;
    stop.cancel();
    handle.await.unwrap().unwrap();

    let got = server.received.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    let key = p.composer.key();
    // The VERP envelope sender names this pair and verifies without a lookup.
    let verp = r
        .mail_from
        .strip_prefix("bounces+")
        .and_then(|s| s.strip_suffix("@acme.example"))
        .unwrap();
    let claims = key.verify(verp).unwrap();
    assert_eq!((claims.pair, claims.purpose), (3, Purpose::Bounce));
    assert_eq!(r.rcpt_to, vec!["ann@acme.example", "bob@acme.example"]);

    let msg = MessageParser::default().parse(&r.data).unwrap();
    let to = msg.to().unwrap();
    assert_eq!(to.iter().count(), 2);
    assert_eq!(
        msg.message_id(),
        Some(row.message_id.trim_matches(['<', '>']))
    );
    assert!(row.message_id.ends_with("@acme.example>"));
    assert!(msg.date().is_some());
    let reply_to = msg.reply_to().unwrap().first().unwrap().address().unwrap();
    let token = reply_to
        .strip_prefix("mentoring+")
        .and_then(|s| s.strip_suffix("@acme.example"))
        .unwrap();
    let claims = key.verify(token).unwrap();
    assert_eq!(
        (claims.pair, claims.person, claims.purpose),
        (3, 0, Purpose::Reply)
    );
    assert_eq!(
        msg.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated")
    );
    assert_eq!(
        msg.header_raw("List-Id").map(str::trim),
        Some("\"Pilot\" <pilot.acme.example>")
    );
    assert_eq!(
        msg.header_raw("X-Loop").map(str::trim),
        Some("upward@acme.example")
    );
    let unsubscribe = msg.header_raw("List-Unsubscribe").unwrap().trim();
    let token = unsubscribe
        .strip_prefix("<mailto:mentoring+")
        .and_then(|s| s.strip_suffix("@acme.example?subject=unsubscribe>"))
        .unwrap();
    assert_eq!(key.verify(token).unwrap().purpose, Purpose::Unsubscribe);

    let text = msg.body_text(0).unwrap();
    assert!(text.contains("Ann Lee"), "{text}");
    assert!(text.contains("Ann can show Bob ai tools"));
    assert!(text.contains("Ann could show Bob: ai tools"));
    assert!(text.contains("Bob could share with Ann: career"));
    let html = msg.body_html(0).unwrap();
    assert!(html.contains("<strong>Bob Stone</strong>"), "{html}");

    // Monday 11 January: 08:00 in New York is 13:00 UTC, inside Ann's 09:00-17:00 in London.
    let calendar = msg
        .parts
        .iter()
        .find(|part| {
            part.content_type()
                .is_some_and(|ct| ct.c_subtype.as_deref() == Some("calendar"))
        })
        .unwrap();
    let ics = calendar.text_contents().unwrap().to_string();
    assert!(ics.contains("METHOD:REQUEST"), "{ics}");
    assert!(ics.contains("DTSTART:20270111T130000Z"), "{ics}");
    assert!(ics.contains("DTEND:20270111T133000Z"), "{ics}");
    assert!(ics.contains("mailto:bob@acme.example"));
    // The same invitation as a file beside the alternatives, for clients that read files.
    assert_eq!(
        calendar.content_type().unwrap().attribute("method"),
        Some("REQUEST")
    );
    let file = msg
        .attachments()
        .find(|a| a.attachment_name() == Some("invite.ics"));
    let file = file.expect("the invitation as an .ics file");
    assert_eq!(file.content_type().unwrap().ctype(), "application");
    assert_eq!(file.text_contents(), Some(ics.as_str()));
}

#[tokio::test]
async fn running_the_job_twice_sends_the_email_once() {
    let p = program("");
    let server = serve(Script::default()).await;
    assert!(matches!(
        p.prompt(Role::Mentor, 18),
        Enqueued::Queued { .. }
    ));
    assert!(matches!(
        p.prompt(Role::Mentor, 18),
        Enqueued::AlreadyQueued { .. }
    ));
    let (stop, handle, _) = p.start_sender(smtp(server.port, Duration::from_secs(5)), |_| {});
    p.wait_state(&p.prompt_key(Role::Mentor, 18), "sent").await;
    // The job runs again after delivery: still nothing new.
    assert!(matches!(
        p.prompt(Role::Mentor, 18),
        Enqueued::AlreadyQueued { .. }
    ));
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.cancel();
    handle.await.unwrap().unwrap();
    assert_eq!(server.received.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_451_is_retried_with_backoff_and_then_delivered() {
    let p = program("");
    let server = serve(Script {
        data_end: Some(Arc::new(|n| {
            (n == 0).then(|| "451 4.3.0 try again later".to_string())
        })),
        no_pipelining: true,
        ..Script::default()
    })
    .await;
    p.prompt(Role::Mentee, 18);
    let key = p.prompt_key(Role::Mentee, 18);
    let (stop, handle, wake) = p.start_sender(smtp(server.port, Duration::from_secs(5)), |s| {
        s.backoff_base = chrono::Duration::minutes(2);
    });
    // First attempt: deferred by the backoff, measured on the program's clock.
    let row = p.first_outcome(&key).await;
    assert_eq!((row.state.as_str(), row.attempts), ("pending", 1));
    assert!(
        row.last_error.as_deref().unwrap().contains("451"),
        "{row:?}"
    );
    assert_eq!(row.next_attempt_at, "2027-01-08T18:02:00.000Z");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(p.row(&key).attempts, 1, "retried before its time");

    p.clock.advance(chrono::Duration::minutes(2));
    wake.notify_one();
    let row = p.wait_state(&key, "sent").await;
    assert_eq!(row.attempts, 2);
    stop.cancel();
    handle.await.unwrap().unwrap();
    assert_eq!(server.received.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_550_is_not_retried_and_the_address_is_marked_bouncing() {
    let p = program("");
    let server = serve(Script {
        rcpt: Some(Arc::new(|addr| {
            (addr == "bob@acme.example").then(|| "550 5.1.1 no such user".to_string())
        })),
        ..Script::default()
    })
    .await;
    p.prompt(Role::Mentee, 18);
    let key = p.prompt_key(Role::Mentee, 18);
    let (stop, handle, wake) = p.start_sender(smtp(server.port, Duration::from_secs(5)), |_| {});
    let row = p.wait_state(&key, "failed").await;
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.unwrap().contains("5.1.1"));
    assert!(
        p.store
            .lock()
            .unwrap()
            .is_bouncing("bob@acme.example")
            .unwrap()
    );

    // Mail to the bouncing address stops; mail to the partner goes on.
    p.prompt(Role::Mentee, 25);
    p.prompt(Role::Mentor, 25);
    wake.notify_one();
    p.wait_state(&p.prompt_key(Role::Mentee, 25), "suppressed")
        .await;
    p.wait_state(&p.prompt_key(Role::Mentor, 25), "sent").await;
    p.clock.advance(chrono::Duration::days(1));
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.cancel();
    handle.await.unwrap().unwrap();
    assert_eq!(p.row(&key).attempts, 1, "a permanent failure was retried");
    let got = server.received.lock().unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_to, vec!["ann@acme.example"]);
}

/// R3 and R4 over the wire: each relay fault on the first attempt, then a relay that works.
/// Temporary ones (421, 451, 452, a connection dropped at or after DATA, a stall longer than
/// the step timeout) leave the email pending for the first backoff and deliver it once;
/// permanent ones (550 5.1.1, 553, 554 5.7.1) fail it after one attempt, and only a dead
/// mailbox marks the address bouncing (5.7.x is policy).
#[tokio::test]
async fn each_relay_fault_defers_or_fails_the_email_as_it_should() {
    let cases: &[(&str, &str, Fault, &str, &str, bool)] = &[
        (
            "421 at MAIL",
            "MAIL",
            Fault::Reply("421 4.7.0 session lifetime reached"),
            "pending",
            "421",
            false,
        ),
        (
            "451 at RCPT",
            "RCPT",
            Fault::Reply("451 4.3.0 try again later"),
            "pending",
            "451",
            false,
        ),
        (
            "452 at RCPT",
            "RCPT",
            Fault::Reply("452 4.5.3 too many recipients"),
            "pending",
            "452",
            false,
        ),
        ("dropped at DATA", "DATA", Fault::Drop, "pending", "", false),
        (
            "dropped after the content",
            ".",
            Fault::Drop,
            "pending",
            "",
            false,
        ),
        (
            "stall after the content",
            ".",
            Fault::Stall,
            "pending",
            "longer than 1 s",
            false,
        ),
        (
            "550 5.1.1",
            "RCPT",
            Fault::Reply("550 5.1.1 no such user"),
            "failed",
            "5.1.1",
            true,
        ),
        (
            "553",
            "RCPT",
            Fault::Reply("553 5.1.3 bad address syntax"),
            "failed",
            "553",
            true,
        ),
        (
            "554 5.7.1 at RCPT",
            "RCPT",
            Fault::Reply("554 5.7.1 rejected by policy"),
            "failed",
            "5.7.1",
            false,
        ),
        (
            "554 5.7.1 after the content",
            ".",
            Fault::Reply("554 5.7.1 looks like spam"),
            "failed",
            "5.7.1",
            false,
        ),
    ];
    for (name, verb, fault, state, error, bouncing) in cases {
        let p = program("");
        let faulty = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let server = serve(Script {
            fault: Some((verb, fault.clone())),
            faulty: Some(Arc::clone(&faulty)),
            ..Script::default()
        })
        .await;
        p.prompt(Role::Mentee, 18);
        let key = p.prompt_key(Role::Mentee, 18);
        let (stop, handle, wake) =
            p.start_sender(smtp(server.port, Duration::from_secs(1)), |_| {});
        let row = p.first_outcome(&key).await;
        let last_error = row.last_error.clone().unwrap_or_default();
        eprintln!(
            "relay fault {name}: {} after {} attempt(s): {last_error}",
            row.state, row.attempts
        );
        assert_eq!((row.state.as_str(), row.attempts), (*state, 1), "{name}");
        assert!(
            last_error.contains(error) && !last_error.is_empty(),
            "{name}: {last_error}"
        );
        let marked = p
            .store
            .lock()
            .unwrap()
            .is_bouncing("bob@acme.example")
            .unwrap();
        assert_eq!(marked, *bouncing, "{name}: bouncing");

        // The relay works again; the first backoff (1 minute) passes.
        faulty.store(false, Ordering::SeqCst);
        if *state == "pending" {
            assert_eq!(row.next_attempt_at, "2027-01-08T18:01:00.000Z", "{name}");
        }
        p.clock.advance(chrono::Duration::minutes(1));
        wake.notify_one();
        if *state == "pending" {
            let row = p.wait_state(&key, "sent").await;
            assert_eq!(row.attempts, 2, "{name}");
        } else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            assert_eq!(
                p.row(&key).attempts,
                1,
                "{name}: a permanent failure was retried"
            );
        }
        stop.cancel();
        handle.await.unwrap().unwrap();
        let delivered = server.received.lock().unwrap().len();
        assert_eq!(delivered, usize::from(*state == "pending"), "{name}");
    }
}

/// lettre#678: a transport that panics costs the message one attempt, not the sender.
#[tokio::test]
async fn a_panic_in_the_transport_is_a_temporary_failure_and_the_sender_goes_on() {
    struct Panicky(AtomicUsize);
    impl Transport for Panicky {
        fn send<'a>(&'a self, _msg: Outgoing<'a>) -> SendFuture<'a> {
            Box::pin(async move {
                if self.0.fetch_add(1, Ordering::SeqCst) == 0 {
                    panic!("InnerNetworkStream::None must never be built");
                }
                Ok(Default::default())
            })
        }
        fn describe(&self) -> String {
            "panicky".into()
        }
    }
    let p = program("");
    p.prompt(Role::Mentor, 18);
    let key = p.prompt_key(Role::Mentor, 18);
    let (stop, handle, wake) = p.start_sender(Arc::new(Panicky(AtomicUsize::new(0))), |_| {});
    let row = p.first_outcome(&key).await;
    assert!(
        row.last_error.as_deref().unwrap_or("").contains("panicked"),
        "{row:?}"
    );
    p.clock.advance(chrono::Duration::minutes(1));
    wake.notify_one();
    assert_eq!(p.wait_state(&key, "sent").await.attempts, 2);
    stop.cancel();
    handle.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_policy_refusal_fails_without_marking_the_address_bouncing() {
    let p = program("");
    let server = serve(Script {
        rcpt: Some(Arc::new(|_| Some("550 5.7.1 relaying denied".to_string()))),
        no_pipelining: true,
        ..Script::default()
    })
    .await;
    p.prompt(Role::Mentee, 18);
    let (stop, handle, _) = p.start_sender(smtp(server.port, Duration::from_secs(5)), |_| {});
    p.wait_state(&p.prompt_key(Role::Mentee, 18), "failed")
        .await;
    stop.cancel();
    handle.await.unwrap().unwrap();
    assert!(
        !p.store
            .lock()
            .unwrap()
            .is_bouncing("bob@acme.example")
            .unwrap()
    );
}

#[tokio::test]
async fn the_pool_recovers_when_the_server_closes_an_idle_connection() {
    let p = program("");
    let server = serve(Script {
        close_after_message: true,
        ..Script::default()
    })
    .await;
    let transport = smtp(server.port, Duration::from_secs(5));
    let (stop, handle, wake) = p.start_sender(Arc::clone(&transport), |_| {});
    p.prompt(Role::Mentor, 18);
    wake.notify_one();
    p.wait_state(&p.prompt_key(Role::Mentor, 18), "sent").await;
    // The server has hung up on the pooled connection while it sat idle.
    tokio::time::timeout(Duration::from_secs(5), server.closed.notified())
        .await
        .unwrap();
    p.prompt(Role::Mentee, 18);
    wake.notify_one();
    let row = p.wait_state(&p.prompt_key(Role::Mentee, 18), "sent").await;
    stop.cancel();
    handle.await.unwrap().unwrap();
    assert_eq!(row.attempts, 1, "the dead connection cost an outbox retry");
    assert_eq!(server.received.lock().unwrap().len(), 2);
    assert_eq!(server.connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_send_that_would_hang_times_out_as_a_temporary_failure() {
    let server = serve(Script {
        silent: true,
        ..Script::default()
    })
    .await;
    let transport = smtp(server.port, Duration::from_secs(1));
    let recipients = vec!["ann@acme.example".to_string()];
    let msg = Outgoing {
        envelope_from: "mentoring@acme.example",
        recipients: &recipients,
        message_id: "<x@acme.example>",
        bytes: b"Subject: x\r\n\r\nhello\r\n",
    };
    let err = transport.send(msg).await.unwrap_err();
    assert!(
        matches!(&err, TransportError::Temporary(m) if m.contains("longer than 1 s")),
        "{err}"
    );
    // With the only connection taken by a hanging send, a second send waits for it a
    // bounded time instead of forever (lettre#650).
    let t = Arc::clone(&transport);
    let r2 = recipients.clone();
    let first = tokio::spawn(async move {
        let msg = Outgoing {
            envelope_from: "mentoring@acme.example",
            recipients: &r2,
            message_id: "<y@acme.example>",
            bytes: b"Subject: y\r\n\r\nhello\r\n",
        };
        t.send(msg).await
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let second = tokio::time::timeout(Duration::from_secs(10), transport.send(msg))
        .await
        .expect("a send waiting for a connection hung");
    assert!(
        matches!(second, Err(TransportError::Temporary(_))),
        "{second:?}"
    );
    assert!(matches!(
        first.await.unwrap(),
        Err(TransportError::Temporary(_))
    ));
}

/// What a test transport's `send` returns.
type SendFuture<'a> = upward::outbound::transport::BoxFuture<
    'a,
    Result<upward::outbound::transport::SendReport, TransportError>,
>;

/// Records when each message was handed over, in tokio's (paused) time.
struct Recorder {
    at: Mutex<Vec<tokio::time::Instant>>,
}

impl Transport for Recorder {
    fn send<'a>(&'a self, _msg: Outgoing<'a>) -> SendFuture<'a> {
        Box::pin(async move {
            self.at.lock().unwrap().push(tokio::time::Instant::now());
            Ok(Default::default())
        })
    }
    fn describe(&self) -> String {
        "recorder".into()
    }
}

#[tokio::test(start_paused = true)]
async fn the_rate_limit_spaces_deliveries() {
    let p = program("");
    for day in [4, 11, 18, 25] {
        p.prompt(Role::Mentor, day);
        p.prompt(Role::Mentee, day);
    }
    let recorder = Arc::new(Recorder {
        at: Mutex::new(Vec::new()),
    });
    let (stop, handle, _) = p.start_sender(recorder.clone(), |s| {
        s.rate_per_minute = Some(30);
        s.connections = 4;
    });
    for _ in 0..1000 {
        if recorder.at.lock().unwrap().len() == 8 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.cancel();
    handle.await.unwrap().unwrap();
    let at = recorder.at.lock().unwrap().clone();
    assert_eq!(at.len(), 8);
    for w in at.windows(2) {
        assert!(w[1] - w[0] >= Duration::from_secs(2), "{:?}", w[1] - w[0]);
    }
}

#[tokio::test]
async fn the_file_transport_writes_exactly_the_queued_bytes() {
    let p = program("");
    let dir = tempfile::tempdir().unwrap();
    p.prompt(Role::Mentor, 18);
    let key = p.prompt_key(Role::Mentor, 18);
    let (stop, handle, _) = p.start_sender(
        Arc::new(FileTransport::new(dir.path().to_path_buf())),
        |_| {},
    );
    let row = p.wait_state(&key, "sent").await;
    stop.cancel();
    handle.await.unwrap().unwrap();
    let file = FileTransport::new(dir.path().to_path_buf()).path_for(&row.message_id);
    let bytes = std::fs::read(&file).unwrap();
    let msg = MessageParser::default().parse(&bytes).unwrap();
    assert_eq!(
        msg.message_id(),
        Some(row.message_id.trim_matches(['<', '>']))
    );
    assert!(msg.body_text(0).unwrap().contains("Rating 1-5:"));
    assert!(bytes.windows(2).any(|w| w == b"\r\n"));
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "a temporary file was left behind");
}

#[test]
fn check_reports_a_template_error_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_upward"))
        .args(["init", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success());
    let broken = dir.path().join("templates").join("prompt.txt.j2");
    std::fs::write(
        &broken,
        "Hello {{ recipient.first_name }},\n\n{{ partner.name | nosuchfilter }}\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_upward"))
        .args(["check", "-c"])
        .arg(dir.path().join("program.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let expected = format!("{}:3:", broken.display());
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("nosuchfilter"), "{stderr}");
}

/// `upward preview KIND` of a fresh `upward init` program; its output and its config file.
fn preview_of_init(kind: &str) -> (tempfile::TempDir, PathBuf, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("program.toml");
    std::process::Command::new(env!("CARGO_BIN_EXE_upward"))
        .args(["init", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_upward"))
        .args(["preview", kind, "-c"])
        .arg(&config)
        .output()
        .unwrap();
    (dir, config, out)
}

#[test]
fn preview_prints_the_email_as_it_would_be_sent() {
    let (_dir, config, out) = preview_of_init("prompt");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let msg = MessageParser::default().parse(&out.stdout).unwrap();
    assert!(
        msg.subject()
            .unwrap()
            .starts_with("How are things going with")
    );
    assert!(msg.body_text(0).unwrap().contains("Met: yes / no"));
    assert!(Path::new(&config).exists());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_upward"))
        .args(["preview", "newsletter", "-c"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("choose one of: intro, prompt"));
}

#[test]
fn the_final_report_previews_as_it_would_go_to_the_coordinator() {
    let (_dir, _, out) = preview_of_init("final-report");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let msg = MessageParser::default().parse(&out.stdout).unwrap();
    let to: Vec<&str> = msg
        .to()
        .unwrap()
        .iter()
        .filter_map(|a| a.address())
        .collect();
    assert_eq!(
        to,
        vec!["people-programs@acme.example"],
        "the HR digest's recipient"
    );
    assert!(
        msg.subject()
            .unwrap()
            .starts_with("Acme Reverse Mentoring 2026-27: final report, 46 meetings"),
        "{:?}",
        msg.subject()
    );
    let text = msg.body_text(0).unwrap();
    for part in [
        "MEETINGS PER PAIR",
        "MEETINGS BY DEPARTMENT",
        "MEETINGS BY LEVEL",
        "Mentees taught back: ",
        "by mentees.",
        "Given by mentors: ",
    ] {
        assert!(text.contains(part), "{part} missing:\n{text}");
    }
    let html = msg.body_html(0).unwrap();
    assert!(html.contains("Sessions per week"), "{html}");
    assert!(
        html.contains("bgcolor=\"#4c7be0\""),
        "the chart's bars: {html}"
    );
}

mod header_injection {
    //! RELIABILITY R13 and catalogue #29/#30: no participant-supplied value can add a header,
    //! a recipient, or template output. Names and commands (0 to ~2,000 characters) mix CR,
    //! LF, NUL, U+2028, quotes, commas, `<>@`, direction marks and whole attack pieces
    //! (`=?…?=` encoded words, `\r\nBcc:`); each message re-parses with mail-parser to exactly
    //! the expected headers, one To with the intended addresses, and a Subject that reads as
    //! the input with control characters made spaces (checked against a second, independent
    //! rendering). 2,000 cases per `cargo test`; `PROPTEST_CASES=100000` for the full run.

    use proptest::prelude::*;
    use upward::outbound::compose::{ComposeInput, compose};
    use upward::outbound::templates::one_line;

    use super::*;

    const NASTY: &[char] = &[
        'a', 'Z', ' ', '\r', '\n', '\0', '\t', '\u{2028}', '\u{2029}', '\u{85}', '"', ',', '<',
        '>', '@', '=', '?', ':', ';', '\\', '(', ')', '\u{202e}', '\u{200f}', 'é', '漢', '{', '}',
        '%',
    ];

    /// Whole pieces an attacker would try: encoded-word markers, a header smuggled after a
    /// line break, direction marks.
    const FRAGMENTS: &[&str] = &[
        "=?",
        "?=",
        "=?utf-8?B?QmNjOiBldmVAZXZpbC5leGFtcGxl?=",
        "=?utf-8?q?a=0D=0ABcc:_eve@evil.example?=",
        "\r\nBcc: eve@evil.example",
        "\nCc: mallory@evil.example",
        "\r\n\r\n<html>",
        "\u{200e}",
        "\u{202b}",
        "\u{2066}",
        "\"Ann, Lee\" <ann@evil.example>",
    ];

    /// Up to `max` pieces, each a character of [`NASTY`] or (one in five) a [`FRAGMENTS`] piece.
    fn nasty(max: usize) -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => prop::sample::select(NASTY).prop_map(String::from),
            1 => prop::sample::select(FRAGMENTS).prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..max).prop_map(|v| v.concat())
    }

    /// What a header shows of `text`, worked out apart from the code under test: blanks
    /// (control characters, whitespace, U+2028/2029) between words become one space, and
    /// the result is cut to `max` characters.
    fn header_text(text: &str, max: usize) -> String {
        let blank =
            |c: char| c.is_control() || c.is_whitespace() || matches!(c, '\u{2028}' | '\u{2029}');
        let words: Vec<&str> = text.split(blank).filter(|w| !w.is_empty()).collect();
        let joined = words.join(" ");
        let cut: String = joined.chars().take(max).collect();
        cut.trim_end().to_string()
    }

    const EXPECTED_HEADERS: &[&str] = &[
        "from",
        "reply-to",
        "subject",
        "message-id",
        "date",
        "auto-submitted",
        "list-id",
        "x-loop",
        "content-language",
        "list-unsubscribe",
        "x-auto-response-suppress",
        "to",
        "mime-version",
        "content-type",
    ];

    fn check(
        bytes: &[u8],
        recipients: &[&str],
    ) -> Result<mail_parser::Message<'static>, TestCaseError> {
        let msg = MessageParser::default()
            .parse(bytes)
            .ok_or_else(|| TestCaseError::fail("does not parse"))?
            .into_owned();
        let names: Vec<String> = msg
            .root_part()
            .headers()
            .iter()
            .map(|h| h.name().to_lowercase())
            .collect();
        for name in &names {
            prop_assert!(
                EXPECTED_HEADERS.contains(&name.as_str()),
                "extra header {name}"
            );
        }
        prop_assert_eq!(names.iter().filter(|n| *n == "to").count(), 1);
        let to: Vec<String> = msg
            .to()
            .map(|a| {
                a.iter()
                    .filter_map(|m| m.address().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        prop_assert_eq!(
            to,
            recipients.iter().map(|s| s.to_string()).collect::<Vec<_>>()
        );
        Ok(msg)
    }

    /// The program and pair every case starts from, built once.
    fn fixture() -> &'static (Config, PairView) {
        static FIXTURE: std::sync::OnceLock<(Config, PairView)> = std::sync::OnceLock::new();
        FIXTURE.get_or_init(|| {
            let config = Config::from_str(PROGRAM, Path::new("/nonexistent/program.toml")).unwrap();
            let pair = PairView {
                id: 3,
                round: 1,
                mentor: PersonView::from_participant(1, &config.participants[0]),
                mentee: PersonView::from_participant(2, &config.participants[1]),
                reasons: vec![],
                goals: Vec::new(),
            };
            (config, pair)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
        ))]

        #[test]
        fn names_and_commands_never_add_headers_or_recipients(
            mentor in nasty(300),
            mentee in nasty(300),
            command in nasty(600),
            long in 0usize..2,
        ) {
            let (config, pair) = fixture();
            let mut pair = pair.clone();
            pair.mentor.name = if long == 1 { mentor.repeat(7) } else { mentor.clone() };
            pair.mentee.name = mentee.clone();
            let key = TokenKey::new("k");
            let templates = Templates::builtin().unwrap();
            let input = ComposeInput { now: t0(), message_id: "<m.1@acme.example>", in_reply_to: None, dkim: None, busy: &[], again: &[] };

            let intro = compose(config, &templates, &key, &Email::Intro { pair: &pair }, input)
                .unwrap();
            let msg = check(&intro.bytes, &["ann@acme.example", "bob@acme.example"])?;
            let shown: Vec<String> = msg.to().unwrap().iter()
                .map(|m| m.name().unwrap_or("").to_string()).collect();
            prop_assert_eq!(&shown[1], &one_line(&mentee, 120));
            let html = msg.body_html(0).unwrap();
            prop_assert!(!html.contains("<script"));

            // What a person wrote (an unreadable PAUSE UNTIL date) goes into the body only.
            let detail = [Said::PauseNotUnderstood { date: command.clone() }];
            let reply = compose(config, &templates, &key, &Email::CommandReply {
                person: &pair.mentee, command: About::Command(upward::program::CommandName::Pause), detail: &detail, inbound: 1, cancels: &[],
            }, input).unwrap();
            let msg = check(&reply.bytes, &["bob@acme.example"])?;
            let subject = msg.subject().unwrap_or("");
            prop_assert_eq!(subject, "Pilot: PAUSE");
            let independent = header_text("Pilot: PAUSE", 250);
            prop_assert_eq!(subject, independent.as_str());
            let stray = subject
                .chars()
                .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'));
            prop_assert!(!stray, "control characters in the subject");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_connect_reports_what_the_relay_offers_and_sends_nothing() {
    let server = serve(Script::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("program.toml");
    std::fs::write(
        &config,
        format!(
            "{PROGRAM}\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n",
            server.port
        ),
    )
    .unwrap();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_upward"))
            .args(["check", "--connect", "-c"])
            .arg(&config)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("smtp: server offers sink.test"), "{stdout}");
    assert!(stdout.contains("not authenticated"), "{stdout}");
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
    assert!(server.received.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_message_claimed_by_a_sender_that_died_is_sent_after_its_lease_with_its_message_id() {
    let p = program("");
    let server = serve(Script::default()).await;
    p.prompt(Role::Mentor, 18);
    let key = p.prompt_key(Role::Mentor, 18);
    // A sender claimed the row and died before recording anything.
    let lease = chrono::Duration::minutes(15);
    let claimed = p
        .store
        .lock()
        .unwrap()
        .claim_outbound(p.clock.now(), 10, lease)
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let (stop, handle, wake) = p.start_sender(smtp(server.port, Duration::from_secs(5)), |_| {});
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        p.row(&key).state.as_str(),
        "sending",
        "taken before the lease ran out"
    );
    assert!(server.received.lock().unwrap().is_empty());

    p.clock.advance(lease + chrono::Duration::seconds(1));
    wake.notify_one();
    let row = p.wait_state(&key, "sent").await;
    stop.cancel();
    handle.await.unwrap().unwrap();
    assert_eq!(row.attempts, 2);
    assert_eq!(row.message_id, claimed[0].message_id);
    let got = server.received.lock().unwrap();
    assert_eq!(got.len(), 1);
    let msg = MessageParser::default().parse(&got[0].data).unwrap();
    assert_eq!(
        msg.message_id(),
        Some(row.message_id.trim_matches(['<', '>']))
    );
}

#[tokio::test]
async fn stopping_the_sender_gives_back_rows_it_had_not_started() {
    let p = program("");
    for day in [4, 11, 18, 25] {
        p.prompt(Role::Mentor, day);
    }
    let recorder = Arc::new(Recorder {
        at: Mutex::new(Vec::new()),
    });
    // One message a minute: the first goes at once, the others wait in the queue.
    let (stop, handle, _) = p.start_sender(recorder.clone(), |s| {
        s.rate_per_minute = Some(1);
    });
    for _ in 0..500 {
        if recorder.at.lock().unwrap().len() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.cancel();
    handle.await.unwrap().unwrap();
    let counts = p.store.lock().unwrap().outbox_counts().unwrap();
    assert_eq!(
        counts,
        vec![("pending".to_string(), 3), ("sent".to_string(), 1)]
    );
}

mod tls {
    //! RELIABILITY R6: TLS against a server whose certificate comes from a test CA. A valid
    //! certificate delivers; a wrong host, an unknown CA, an expired or a self-signed
    //! certificate is a temporary failure with a clear message, never a panic, and nothing
    //! turns verification off.

    use rcgen::{
        BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, SanType, date_time_ymd,
    };
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio_rustls::TlsAcceptor;
    use tokio_rustls::rustls::ServerConfig;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

    use super::*;

    struct Ca {
        pem: String,
        params: CertificateParams,
        key: KeyPair,
    }

    fn ca() -> Ca {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let pem = params.self_signed(&key).unwrap().pem();
        Ca { pem, params, key }
    }

    /// A server certificate for `san` (an IP or a name) signed by `ca`, expired if asked.
    fn leaf(
        ca: &Ca,
        san: &str,
        expired: bool,
    ) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.subject_alt_names = vec![match san.parse() {
            Ok(ip) => SanType::IpAddress(ip),
            Err(_) => SanType::DnsName(san.try_into().unwrap()),
        }];
        if expired {
            params.not_before = date_time_ymd(2020, 1, 1);
            params.not_after = date_time_ymd(2021, 1, 1);
        }
        let issuer = Issuer::from_params(&ca.params, &ca.key);
        let cert = params.signed_by(&key, &issuer).unwrap();
        (
            cert.der().clone(),
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
    }

    /// A certificate for `ip` that signs itself: no CA vouches for it.
    fn self_signed(ip: &str) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.subject_alt_names = vec![SanType::IpAddress(ip.parse().unwrap())];
        let cert = params.self_signed(&key).unwrap();
        (
            cert.der().clone(),
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
    }

    /// A scripted server behind TLS: implicit (`starttls == false`) or upgraded by STARTTLS.
    async fn serve_tls(
        cert: (CertificateDer<'static>, PrivateKeyDer<'static>),
        starttls: bool,
    ) -> Server {
        let config = ServerConfig::builder_with_provider(Arc::new(
            tokio_rustls::rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.0], cert.1)
        .unwrap();
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let (r, c) = (Arc::clone(&received), Arc::clone(&connections));
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                c.fetch_add(1, Ordering::SeqCst);
                let (acceptor, received) = (acceptor.clone(), Arc::clone(&r));
                tokio::spawn(async move {
                    if starttls && plain_prelude(&mut socket).await.is_err() {
                        return;
                    }
                    let Ok(tls) = acceptor.accept(socket).await else {
                        return;
                    };
                    let messages = Arc::new(AtomicUsize::new(0));
                    let _ = session(tls, Script::default(), received, messages, !starttls).await;
                });
            }
        });
        Server {
            port,
            received,
            connections,
            closed: Arc::new(Notify::new()),
        }
    }

    /// Greeting, EHLO offering STARTTLS, and the STARTTLS exchange, in the clear.
    async fn plain_prelude(socket: &mut tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = socket.split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink.test ESMTP\r\n").await?;
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let upper = line.to_ascii_uppercase();
            if upper.starts_with("EHLO") {
                write
                    .write_all(b"250-sink.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n")
                    .await?;
            } else if upper.starts_with("STARTTLS") {
                write.write_all(b"220 2.0.0 ready to start TLS\r\n").await?;
                return Ok(());
            } else {
                write
                    .write_all(b"530 5.7.0 issue STARTTLS first\r\n")
                    .await?;
            }
        }
    }

    async fn try_send(
        port: u16,
        security: Security,
        ca_pem: Option<&str>,
    ) -> Result<(), TransportError> {
        let transport = SmtpTransport::new(SmtpOptions {
            step_timeout: Duration::from_secs(5),
            extra_root_pem: ca_pem.map(|p| p.as_bytes().to_vec()),
            ..SmtpOptions::new("127.0.0.1", port, security)
        })?;
        let recipients = vec!["ann@acme.example".to_string()];
        transport
            .send(Outgoing {
                envelope_from: "mentoring@acme.example",
                recipients: &recipients,
                message_id: "<tls@acme.example>",
                bytes: b"Subject: tls\r\n\r\nover tls\r\n",
            })
            .await
            .map(|_| ())
    }

    #[test]
    fn no_code_path_turns_certificate_verification_off() {
        let mut stack = vec![crate::util::repo().join("src")];
        let mut files = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files += 1;
                    let text = std::fs::read_to_string(&path).unwrap();
                    for needle in ["dangerous_accept_invalid", "dangerous()", "NoVerifier"] {
                        assert!(!text.contains(needle), "{} has {needle}", path.display());
                    }
                }
            }
        }
        assert!(files > 50, "read only {files} source files");
    }

    #[tokio::test]
    async fn starttls_and_implicit_tls_deliver_with_a_certificate_from_a_trusted_ca() {
        let ca = ca();
        for (starttls, security) in [(true, Security::StartTls), (false, Security::Tls)] {
            let server = serve_tls(leaf(&ca, "127.0.0.1", false), starttls).await;
            try_send(server.port, security, Some(&ca.pem))
                .await
                .unwrap();
            let got = server.received.lock().unwrap();
            assert_eq!(got.len(), 1, "{security:?}");
            assert!(String::from_utf8_lossy(&got[0].data).contains("over tls"));
        }
    }

    #[tokio::test]
    async fn a_wrong_host_an_unknown_ca_an_expired_or_self_signed_certificate_is_a_temporary_failure()
     {
        let ca = ca();
        let cases = [
            (
                "wrong host",
                leaf(&ca, "mail.other.test", false),
                Some(ca.pem.as_str()),
            ),
            ("unknown ca", leaf(&ca, "127.0.0.1", false), None),
            (
                "expired",
                leaf(&ca, "127.0.0.1", true),
                Some(ca.pem.as_str()),
            ),
            (
                "self-signed",
                self_signed("127.0.0.1"),
                Some(ca.pem.as_str()),
            ),
        ];
        for (name, cert, trusted) in cases {
            for (starttls, security) in [(true, Security::StartTls), (false, Security::Tls)] {
                let server = serve_tls((cert.0.clone(), cert.1.clone_key()), starttls).await;
                let err = try_send(server.port, security, trusted).await.unwrap_err();
                let TransportError::Temporary(message) = &err else {
                    panic!("{name} {security:?}: {err}");
                };
                eprintln!("tls {name} {security:?}: deferred: {message}");
                assert!(
                    message.contains("TLS") && message.contains("127.0.0.1"),
                    "{name}: {message}"
                );
                assert!(message.contains("ca_file"), "{name}: no hint: {message}");
                assert!(server.received.lock().unwrap().is_empty(), "{name}");
            }
        }
    }
}

#[tokio::test]
async fn an_introduction_with_one_unknown_partner_reaches_the_other_and_marks_the_first() {
    let p = program("");
    let server = serve(Script {
        rcpt: Some(Arc::new(|addr| {
            (addr == "bob@acme.example").then(|| "550 5.1.1 no such user".to_string())
        })),
        ..Script::default()
    })
    .await;
    p.enqueue(&Email::Intro { pair: &p.pair });
    let (stop, handle, _) = p.start_sender(smtp(server.port, Duration::from_secs(5)), |_| {});
    let row = p.wait_state("intro:1:3", "sent").await;
    stop.cancel();
    handle.await.unwrap().unwrap();
    assert!(row.last_error.unwrap().contains("bob@acme.example"));
    assert!(
        p.store
            .lock()
            .unwrap()
            .is_bouncing("bob@acme.example")
            .unwrap()
    );
    assert!(
        !p.store
            .lock()
            .unwrap()
            .is_bouncing("ann@acme.example")
            .unwrap()
    );
    let got = server.received.lock().unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_to, vec!["ann@acme.example"]);
}
