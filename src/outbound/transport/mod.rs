//! Owns delivery of one built message: the [`Transport`] trait and its two kinds, SMTP
//! (lettre's connection, under a pool of our own) and `.eml` files. Says whether a failure
//! is temporary or permanent and which recipients were refused for good. Does not know the
//! outbox, retries or rate limits (that is `sender`).
//!
//! Why our own pool around lettre's `AsyncSmtpConnection` rather than lettre's pool:
//! - lettre#743: its pool keeps a connection the server closed while idle (the server's
//!   `221` to NOOP counts as healthy), and the next send fails. Here an idle connection older
//!   than [`IDLE_TIMEOUT`] is closed by us first, and a send on a reused connection that
//!   fails before the message was handed over is retried once on a fresh connection.
//! - lettre#650: its checkout can wait forever. Here every step has a deadline: waiting for
//!   a free connection, connecting (greeting, EHLO, STARTTLS, AUTH) and the transaction.
//! - Nagle: lettre writes the message and the final `.` in two writes; with Nagle's
//!   algorithm on, the second waits for the ACK of the first, which the relay delays by up
//!   to 40 ms, so every message cost ~44 ms. We connect the socket ourselves with
//!   `TCP_NODELAY` and hand it to lettre (`connect_with_transport`); see benches/OUTBOUND.md.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::Duration;

use lettre::Address;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
#[allow(deprecated)]
use lettre::transport::smtp::client::AsyncNetworkStream;
use lettre::transport::smtp::client::{
    AsyncSmtpConnection, AsyncTokioStream, Certificate, CertificateStore, TlsParameters,
};
use lettre::transport::smtp::commands::{Data, Ehlo, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout};
use tokio_util::compat::{Compat, FuturesAsyncReadCompatExt};
use tracing::{debug, warn};

use crate::config::{Security, SmtpSettings};

mod file;
pub use file::{FileTransport, eml_path};

/// Idle pooled connections older than this are closed by us before the relay's own idle
/// timeout (Postfix: 300 s; many relays 60 s) can close them under us.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// A boxed future, so transports can live behind `dyn Transport`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One message to deliver.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub envelope_from: &'a str,
    pub recipients: &'a [String],
    /// With angle brackets; names the .eml file.
    pub message_id: &'a str,
    pub bytes: &'a [u8],
}

/// A delivery that went through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Recipients the relay refused for good while accepting the others.
    pub rejected: Vec<String>,
}

/// A delivery that did not go through.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// Worth retrying later: 4xx, a dropped or refused connection, a timeout.
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// Never worth retrying: 5xx. `bouncing` lists the addresses refused as unknown (not
    /// those refused by policy, 5.7.x, which says nothing about the mailbox).
    #[error("permanent failure: {message}")]
    Permanent {
        message: String,
        bouncing: Vec<String>,
    },
}

/// Something that delivers messages.
pub trait Transport: Send + Sync {
    /// Delivers `msg` to its envelope recipients.
    fn send<'a>(&'a self, msg: Outgoing<'a>) -> BoxFuture<'a, Result<SendReport, TransportError>>;

    /// Like [`Transport::send`], but waits for `gate` before the message can be accepted
    /// (over SMTP: after `DATA`'s 354, before the content). The sender passes "the previous
    /// outcome on this connection is recorded" as the gate, so the recording overlaps the
    /// next envelope's round trips while no connection ever has two accepted, unrecorded
    /// messages.
    fn send_gated<'a>(
        &'a self,
        msg: Outgoing<'a>,
        gate: BoxFuture<'a, ()>,
    ) -> BoxFuture<'a, Result<SendReport, TransportError>> {
        Box::pin(async move {
            gate.await;
            self.send(msg).await
        })
    }

    /// One line for logs: `smtp host:port` or `file DIR`.
    fn describe(&self) -> String;
}

/// An implicit-TLS stream (lettre's) seen as a plain tokio stream, so that it can be handed
/// to `AsyncSmtpConnection::connect_with_transport` like our own TCP socket.
// NOTE: lettre marks `AsyncNetworkStream` deprecated ("not meant to be public") but keeps it;
// it is the one way to reuse lettre's TLS setup (the same roots and checks as STARTTLS) on a
// socket we opened with TCP_NODELAY. If it goes, build the rustls stream here instead.
#[allow(deprecated)]
#[derive(Debug)]
struct Wrapped {
    inner: Compat<AsyncNetworkStream>,
    peer: SocketAddr,
}

impl AsyncRead for Wrapped {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Wrapped {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl AsyncTokioStream for Wrapped {
    fn peer_addr(&self) -> io::Result<SocketAddr> {
        Ok(self.peer)
    }
}

/// An open SMTP connection and what it allows.
struct Conn {
    smtp: AsyncSmtpConnection,
    /// The relay offers PIPELINING (RFC 2920): the envelope goes out in one write.
    pipelining: bool,
}

/// A pooled connection and when it was last used.
struct Idle {
    conn: Conn,
    since: Instant,
}

/// What `SmtpTransport` needs, taken from `[smtp]` plus what tests inject.
#[derive(Clone)]
pub struct SmtpOptions {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub credentials: Option<(String, String)>,
    /// The deadline of each step: a free connection, connecting, one transaction.
    pub step_timeout: Duration,
    pub connections: usize,
    /// The EHLO name.
    pub hello: String,
    /// An extra trusted CA (PEM) beside the system's, for a private relay or tests.
    pub extra_root_pem: Option<Vec<u8>>,
    /// Set `TCP_NODELAY` (always, except to measure what Nagle costs: benches/OUTBOUND.md).
    pub nodelay: bool,
}

impl std::fmt::Debug for SmtpOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpOptions")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.credentials.as_ref().map(|c| &c.0))
            .field("connections", &self.connections)
            .finish_non_exhaustive()
    }
}

impl SmtpOptions {
    /// Options for `host:port` with one connection, 30 s steps, no credentials.
    pub fn new(host: &str, port: u16, security: Security) -> SmtpOptions {
        SmtpOptions {
            host: host.to_string(),
            port,
            security,
            credentials: None,
            step_timeout: Duration::from_secs(30),
            connections: 1,
            hello: "localhost".into(),
            extra_root_pem: None,
            nodelay: true,
        }
    }

    /// Options from the checked `[smtp]` section, its `ca_file` trusted beside the system's
    /// CAs; `hello` is the EHLO name (the program's domain).
    pub fn from_settings(s: &SmtpSettings, hello: &str) -> SmtpOptions {
        let credentials = match (&s.username, s.password.as_ref().and_then(|p| p.value())) {
            (Some(user), Some(pass)) => Some((user.clone(), pass.expose().to_string())),
            _ => None,
        };
        SmtpOptions {
            credentials,
            step_timeout: Duration::from_secs(s.timeout_seconds),
            connections: usize::try_from(s.connections).unwrap_or(1).max(1),
            hello: hello.to_string(),
            extra_root_pem: s.ca_file.as_ref().map(|ca| ca.pem.clone()),
            ..SmtpOptions::new(&s.host, s.port, s.security)
        }
    }
}

/// Delivers over SMTP through a small pool of connections.
pub struct SmtpTransport {
    opts: SmtpOptions,
    tls: Option<TlsParameters>,
    permits: Semaphore,
    idle: Mutex<Vec<Idle>>,
}

/// Why a step failed, with what it means for the connection and the message.
struct StepError {
    error: TransportError,
    /// The connection can carry another message (a clean 4xx/5xx reply).
    reusable: bool,
    /// Nothing was handed over yet, and the connection died: a fresh one may try again now.
    retry_fresh: bool,
}

fn describe_lettre(err: &lettre::transport::smtp::Error) -> String {
    // lettre's Display already appends the server's reply text.
    err.to_string()
}

/// `Err` when a reply shows the connection itself failed (closed, garbled, or 421 closing),
/// as opposed to a clean positive or negative reply.
fn dead_or<T>(
    reply: &Result<T, lettre::transport::smtp::Error>,
) -> Result<(), &lettre::transport::smtp::Error> {
    match reply {
        Err(e) if !(e.is_transient() || e.is_permanent()) => Err(e),
        Err(e) if e.status().is_some_and(|c| c.to_string() == "421") => Err(e),
        _ => Ok(()),
    }
}

/// The step error for a dead connection.
fn dead(e: &lettre::transport::smtp::Error, before_content: bool) -> StepError {
    StepError {
        error: TransportError::Temporary(describe_lettre(e)),
        reusable: false,
        retry_fresh: before_content,
    }
}

fn is_policy(err: &lettre::transport::smtp::Error) -> bool {
    err.to_string().contains("5.7.")
}

fn classify(err: &lettre::transport::smtp::Error) -> TransportError {
    if err.is_permanent() {
        TransportError::Permanent {
            message: describe_lettre(err),
            bouncing: vec![],
        }
    } else {
        TransportError::Temporary(describe_lettre(err))
    }
}

impl SmtpTransport {
    /// A transport for these options; connects lazily on the first send.
    ///
    /// # Errors
    /// `Temporary` when the TLS settings cannot be built (an unreadable extra CA).
    pub fn new(opts: SmtpOptions) -> Result<SmtpTransport, TransportError> {
        let tls =
            match opts.security {
                Security::None => None,
                Security::StartTls | Security::Tls => {
                    let mut builder = TlsParameters::builder(opts.host.clone())
                        .certificate_store(CertificateStore::Default);
                    if let Some(pem) = &opts.extra_root_pem {
                        let cert = Certificate::from_pem(pem).map_err(|e| {
                            TransportError::Temporary(format!("the extra CA is not valid PEM: {e}"))
                        })?;
                        builder = builder.add_root_certificate(cert);
                    }
                    Some(builder.build().map_err(|e| {
                        TransportError::Temporary(format!("cannot set up TLS: {e}"))
                    })?)
                }
            };
        Ok(SmtpTransport {
            permits: Semaphore::new(opts.connections),
            opts,
            tls,
            idle: Mutex::new(Vec::new()),
        })
    }

    fn hello(&self) -> ClientId {
        ClientId::Domain(self.opts.hello.clone())
    }

    /// Opens, greets, secures and authenticates a new connection.
    async fn connect(&self) -> Result<Conn, TransportError> {
        let temp = |what: &str, e: &dyn std::fmt::Display| {
            TransportError::Temporary(format!("{what} {}:{}: {e}", self.opts.host, self.opts.port))
        };
        let tls_failed = |what: &str, e: &lettre::transport::smtp::Error| {
            let text = describe_lettre(e);
            let hint = match (text.contains("certificate"), &self.opts.extra_root_pem) {
                (false, _) => "",
                (true, None) => {
                    "; the relay's certificate is not trusted: fix it on the relay, or name the \
                     CA that signed it in [smtp] ca_file (verification is never turned off)"
                }
                (true, Some(_)) => {
                    "; the relay's certificate is trusted neither by the system's CAs nor by \
                     [smtp] ca_file: fix it on the relay, or put the CA that signed it in \
                     ca_file (verification is never turned off)"
                }
            };
            temp(what, &format!("{text}{hint}"))
        };
        let tcp = TcpStream::connect((self.opts.host.as_str(), self.opts.port))
            .await
            .map_err(|e| temp("cannot connect to", &e))?;
        // NOTE: the reason we open the socket ourselves (module docs: Nagle).
        tcp.set_nodelay(self.opts.nodelay)
            .map_err(|e| temp("cannot set TCP_NODELAY on", &e))?;
        let peer = tcp
            .peer_addr()
            .map_err(|e| temp("no peer address for", &e))?;
        let hello = self.hello();
        let mut conn = match (self.opts.security, &self.tls) {
            (Security::Tls, Some(tls)) => {
                #[allow(deprecated)]
                let mut stream = AsyncNetworkStream::use_existing_tokio1(Box::new(tcp));
                stream
                    .upgrade_tls(tls.clone())
                    .await
                    .map_err(|e| tls_failed("TLS handshake failed with", &e))?;
                let wrapped = Wrapped {
                    inner: stream.compat(),
                    peer,
                };
                AsyncSmtpConnection::connect_with_transport(Box::new(wrapped), &hello)
                    .await
                    .map_err(|e| classify(&e))?
            }
            _ => AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &hello)
                .await
                .map_err(|e| classify(&e))?,
        };
        if let (Security::StartTls, Some(tls)) = (self.opts.security, &self.tls) {
            if !conn.server_info().supports_feature(Extension::StartTls) {
                conn.abort().await;
                return Err(TransportError::Temporary(format!(
                    "{}:{} does not offer STARTTLS; set security = \"tls\" or \"none\" in [smtp] if that is intended",
                    self.opts.host, self.opts.port
                )));
            }
            conn.starttls(tls.clone(), &hello)
                .await
                .map_err(|e| tls_failed("STARTTLS failed with", &e))?;
        }
        if let Some((user, pass)) = &self.opts.credentials {
            let creds = Credentials::new(user.clone(), pass.clone());
            if let Err(e) = conn
                .auth(&[Mechanism::Plain, Mechanism::Login], &creds)
                .await
            {
                conn.abort().await;
                // NOTE: a refused login is the operator's to fix, but retrying is harmless and
                // keeps mail queued rather than failed while they do.
                return Err(TransportError::Temporary(format!(
                    "authentication as {user} failed: {}",
                    describe_lettre(&e)
                )));
            }
        }
        // NOTE: lettre keeps only the EHLO keywords it uses itself; asking again is one round
        // trip per connection, and PIPELINING halves the round trips of every message.
        let pipelining = match conn.command(Ehlo::new(hello)).await {
            Ok(reply) => reply.message().any(|line| {
                line.split_whitespace()
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("PIPELINING"))
            }),
            Err(e) => return Err(classify(&e)),
        };
        Ok(Conn {
            smtp: conn,
            pipelining,
        })
    }

    /// One SMTP transaction on an open connection. With PIPELINING (RFC 2920) the envelope
    /// (`MAIL`, every `RCPT`, `DATA`) goes out in one write and its replies are read after.
    async fn transact(
        conn: &mut Conn,
        msg: &Outgoing<'_>,
        gate: &mut Option<BoxFuture<'_, ()>>,
    ) -> Result<SendReport, StepError> {
        let address = |a: &str| {
            a.parse::<Address>().map_err(|e| StepError {
                error: TransportError::Permanent {
                    message: format!("`{a}` is not a valid address: {e}"),
                    bouncing: vec![],
                },
                reusable: true,
                retry_fresh: false,
            })
        };
        let mut params = vec![];
        if !msg.bytes.is_ascii() {
            if !conn
                .smtp
                .server_info()
                .supports_feature(Extension::EightBitMime)
            {
                return Err(StepError {
                    error: TransportError::Permanent {
                        message:
                            "the message has 8-bit content and the relay does not offer 8BITMIME"
                                .into(),
                        bouncing: vec![],
                    },
                    reusable: true,
                    retry_fresh: false,
                });
            }
            params.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let mail = Mail::new(Some(address(msg.envelope_from)?), params);
        let rcpts = msg
            .recipients
            .iter()
            .map(|r| address(r).map(|a| Rcpt::new(a, vec![])))
            .collect::<Result<Vec<_>, _>>()?;
        let smtp = &mut conn.smtp;

        // NOTE: until the relay answers DATA with 354 nothing was handed over, so when the
        // connection turns out dead there (a reused connection the relay closed while idle,
        // lettre#743) a fresh connection may try at once.
        let mut replies = Vec::with_capacity(rcpts.len());
        let mut data_open = false;
        if conn.pipelining {
            let mut batch = mail.to_string();
            for r in &rcpts {
                batch.push_str(&r.to_string());
            }
            batch.push_str(&Data.to_string());
            let mail_reply = smtp.command(batch).await;
            dead_or(&mail_reply).map_err(|e| dead(e, true))?;
            for _ in &rcpts {
                let reply = smtp.read_response().await;
                dead_or(&reply).map_err(|e| dead(e, true))?;
                replies.push(reply);
            }
            let data_reply = smtp.read_response().await;
            dead_or(&data_reply).map_err(|e| dead(e, true))?;
            data_open = data_reply.is_ok();
            if let Err(e) = mail_reply {
                return Err(Self::refused(smtp, &e, data_open).await);
            }
            if let Err(e) = &data_reply
                && replies.iter().any(Result::is_ok)
            {
                return Err(Self::refused(smtp, e, false).await);
            }
        } else {
            if let Err(e) = smtp.command(mail).await {
                return Err(Self::fail(smtp, &e, true).await);
            }
            for r in rcpts {
                let reply = smtp.command(r).await;
                dead_or(&reply).map_err(|e| dead(e, true))?;
                replies.push(reply);
            }
        }

        let mut accepted = 0;
        let mut rejected = Vec::new();
        let mut bouncing = Vec::new();
        let mut refusal = None;
        let mut temporary = None;
        for (rcpt, reply) in msg.recipients.iter().zip(&replies) {
            match reply {
                Ok(_) => accepted += 1,
                Err(e) if e.is_permanent() => {
                    if !is_policy(e) {
                        bouncing.push(rcpt.clone());
                    }
                    rejected.push(rcpt.clone());
                    refusal = Some(describe_lettre(e));
                }
                Err(e) => temporary = Some(describe_lettre(e)),
            }
        }
        if temporary.is_some() || accepted == 0 {
            // A relay that opened DATA anyway is mid-message: that connection is dropped.
            let reusable = !data_open && smtp.command(Rset).await.is_ok();
            let error = match temporary {
                // NOTE: retried whole: the other recipients must not get it twice.
                Some(message) => TransportError::Temporary(message),
                None => TransportError::Permanent {
                    message: refusal.unwrap_or_else(|| "no recipients".into()),
                    bouncing,
                },
            };
            return Err(StepError {
                error,
                reusable,
                retry_fresh: false,
            });
        }
        if !data_open && let Err(e) = smtp.command(Data).await {
            return Err(Self::fail(smtp, &e, true).await);
        }
        if let Some(gate) = gate.take() {
            gate.await;
        }
        if let Err(e) = smtp.message(msg.bytes).await {
            return Err(Self::fail(smtp, &e, false).await);
        }
        Ok(SendReport { rejected })
    }

    /// A clean refusal of the envelope; the connection goes on after RSET unless the relay
    /// opened DATA regardless.
    async fn refused(
        smtp: &mut AsyncSmtpConnection,
        e: &lettre::transport::smtp::Error,
        data_open: bool,
    ) -> StepError {
        if data_open {
            return StepError {
                error: classify(e),
                reusable: false,
                retry_fresh: false,
            };
        }
        Self::fail(smtp, e, false).await
    }

    /// Turns a failed command into a step error, resetting the connection when it can go on.
    async fn fail(
        smtp: &mut AsyncSmtpConnection,
        e: &lettre::transport::smtp::Error,
        before_content: bool,
    ) -> StepError {
        let error = classify(e);
        // 421 means the relay is closing this connection (RELIABILITY 2.1).
        let closing = e.status().is_some_and(|c| c.to_string() == "421");
        let clean_reply = (e.is_transient() || e.is_permanent()) && !closing;
        let reusable = clean_reply && smtp.command(Rset).await.is_ok();
        StepError {
            error,
            reusable,
            retry_fresh: before_content && !clean_reply,
        }
    }

    fn take_idle(&self) -> Option<Idle> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(c) = idle.pop() {
            if c.since.elapsed() < IDLE_TIMEOUT {
                return Some(c);
            }
            debug!("closing an smtp connection idle too long");
        }
        None
    }

    fn put_idle(&self, conn: Conn) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        idle.push(Idle {
            conn,
            since: Instant::now(),
        });
    }

    async fn deliver<'a>(
        &'a self,
        msg: Outgoing<'a>,
        mut gate: Option<BoxFuture<'a, ()>>,
    ) -> Result<SendReport, TransportError> {
        let step = self.opts.step_timeout;
        let _permit = timeout(step, self.permits.acquire())
            .await
            .map_err(|_| {
                TransportError::Temporary(format!(
                    "no smtp connection became free within {} s",
                    step.as_secs()
                ))
            })?
            .map_err(|_| TransportError::Temporary("the smtp pool is closed".into()))?;
        let mut reused = self.take_idle().map(|i| i.conn);
        loop {
            let was_reused = reused.is_some();
            let mut conn = match reused.take() {
                Some(c) => c,
                None => timeout(step, self.connect()).await.map_err(|_| {
                    TransportError::Temporary(format!(
                        "connecting to {}:{} took longer than {} s",
                        self.opts.host,
                        self.opts.port,
                        step.as_secs()
                    ))
                })??,
            };
            let result = timeout(step, Self::transact(&mut conn, &msg, &mut gate)).await;
            match result {
                Ok(Ok(report)) => {
                    self.put_idle(conn);
                    return Ok(report);
                }
                Ok(Err(e)) => {
                    if e.reusable {
                        self.put_idle(conn);
                    }
                    if was_reused && e.retry_fresh {
                        warn!(error = %e.error, "a pooled smtp connection was closed by the relay; retrying on a new one");
                        continue;
                    }
                    return Err(e.error);
                }
                Err(_) => {
                    return Err(TransportError::Temporary(format!(
                        "the smtp transaction took longer than {} s",
                        step.as_secs()
                    )));
                }
            }
        }
    }
}

impl Transport for SmtpTransport {
    fn send<'a>(&'a self, msg: Outgoing<'a>) -> BoxFuture<'a, Result<SendReport, TransportError>> {
        Box::pin(self.deliver(msg, None))
    }

    fn send_gated<'a>(
        &'a self,
        msg: Outgoing<'a>,
        gate: BoxFuture<'a, ()>,
    ) -> BoxFuture<'a, Result<SendReport, TransportError>> {
        Box::pin(self.deliver(msg, Some(gate)))
    }

    fn describe(&self) -> String {
        format!("smtp {}:{}", self.opts.host, self.opts.port)
    }
}

/// What `upward check --connect` learned from the relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// The server's name and extensions, as lettre reads its EHLO reply.
    pub server: String,
    pub encrypted: bool,
    /// The relay offers PIPELINING.
    pub pipelining: bool,
    /// `Some(user)` when AUTH succeeded.
    pub authenticated: Option<String>,
}

/// Connects, secures and authenticates as the sender would, then says QUIT; sends nothing.
///
/// # Errors
/// The first step that failed, in words.
pub async fn probe(opts: SmtpOptions) -> Result<Probe, TransportError> {
    let step = opts.step_timeout;
    let user = opts.credentials.as_ref().map(|c| c.0.clone());
    let transport = SmtpTransport::new(opts)?;
    let mut conn = timeout(step, transport.connect()).await.map_err(|_| {
        TransportError::Temporary(format!("no answer within {} s", step.as_secs()))
    })??;
    let probe = Probe {
        server: conn.smtp.server_info().to_string(),
        encrypted: conn.smtp.is_encrypted() || transport.opts.security == Security::Tls,
        pipelining: conn.pipelining,
        authenticated: user,
    };
    let _ = conn.smtp.quit().await;
    Ok(probe)
}

/// The transport the config asks for: SMTP with `[smtp]`, else `.eml` files in `[outbox] dir`.
///
/// # Errors
/// When the TLS settings cannot be built.
pub fn from_config(
    config: &crate::config::Config,
) -> Result<std::sync::Arc<dyn Transport>, TransportError> {
    Ok(match &config.smtp {
        Some(s) => std::sync::Arc::new(SmtpTransport::new(SmtpOptions::from_settings(
            s,
            config.domain(),
        ))?),
        None => std::sync::Arc::new(FileTransport::new(config.outbox.dir.clone())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: `[smtp] ca_file` was validated, then never handed to the transport.
    #[test]
    fn the_ca_file_of_smtp_is_trusted_by_the_transport() {
        let dir = tempfile::tempdir().unwrap();
        let pem = crate::config::test_ca_pem();
        std::fs::write(dir.path().join("relay-ca.pem"), &pem).unwrap();
        let text = format!(
            "{}\n[smtp]\nhost = \"smtp.acme.example\"\nca_file = \"relay-ca.pem\"\n",
            crate::config::TEST_PROGRAM
        );
        let config =
            crate::config::Config::from_str(&text, &dir.path().join("program.toml")).unwrap();
        let smtp = config.smtp.as_ref().unwrap();
        let opts = SmtpOptions::from_settings(smtp, config.domain());
        assert_eq!(opts.extra_root_pem.as_deref(), Some(pem.as_bytes()));
        assert!(SmtpTransport::new(opts).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn outbox_files_are_private_even_over_a_leftover_temporary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let transport = FileTransport::new(dir.path().join("outbox"));
        let id = "<m.1@acme.example>";
        let path = transport.path_for(id);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let leftover = path.with_extension("eml.tmp");
        std::fs::write(&leftover, b"half").unwrap();
        std::fs::set_permissions(&leftover, std::fs::Permissions::from_mode(0o644)).unwrap();
        transport
            .write(id, b"Subject: hi\r\n\r\nhello\r\n")
            .unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"Subject: hi\r\n\r\nhello\r\n"
        );
        assert!(!leftover.exists());
    }
}
