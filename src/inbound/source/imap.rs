//! Owns reading the program's mailbox over IMAP: connect (implicit TLS, STARTTLS or plain),
//! log in, find unseen messages, fetch them without marking them read, and acknowledge each
//! one (flag \Seen, or move it to a folder) only after the caller has committed its effects.
//! Waits for new mail with IDLE, or by polling when the server has no IDLE.
//! Does not parse or judge messages.
//!
//! The work queue is the server's own \Seen flag, so a crash between fetch and commit only
//! means the message is fetched again (and deduplicated by Message-ID); UIDVALIDITY is
//! reported so a change can be logged, and needs nothing else for the same reason.

use std::time::Duration;

use async_imap::Session;
use async_imap::extensions::idle::IdleResponse;
use futures_util::TryStreamExt;
use tokio::net::TcpStream;
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

use super::tls::{self, MaybeTls, TlsError};
use crate::config::{ImapSettings, SecretSource, Security};

/// Why the mailbox could not be read. Every case is temporary from the daemon's side: it
/// reconnects with backoff.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    #[error("cannot connect to {host}:{port}: {source}")]
    Connect {
        host: String,
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// `security = "tls"` on a port that answers in plain text.
    #[error(
        "{host}:{port} does not speak TLS (it answered in plain text): use the server's implicit-TLS port (usually 993) with security = \"tls\", or security = \"starttls\" on a plain IMAP port (143)"
    )]
    NotTls { host: String, port: u16 },
    /// `security = "starttls"` and the server refused to start TLS.
    #[error(
        "the IMAP server at {host}:{port} did not start TLS ({reason}): use security = \"tls\" on its implicit-TLS port (usually 993); security = \"none\" only for a server on the same host or network"
    )]
    NoStartTls {
        host: String,
        port: u16,
        reason: String,
    },
    /// `security = "none"` and the server takes no password over a connection in clear.
    #[error(
        "the IMAP server refused the login for {user} over a connection that is not encrypted ({reason}): set security = \"starttls\" (port 143) or \"tls\" (port 993)"
    )]
    NeedsTls { user: String, reason: String },
    #[error(
        "the IMAP server refused the login for {user}: {reason}; check [inbound.imap] username and the password in {password}"
    )]
    Login {
        user: String,
        reason: String,
        /// Where the password came from (never the password).
        password: String,
    },
    /// The folder to read (or to move handled mail to) cannot be opened.
    #[error("the IMAP folder `{folder}` cannot be opened ({reason}); check [inbound.imap] {key}{}", known_folders(.known))]
    NoFolder {
        folder: String,
        /// `folder` or `processed_folder`: the setting to fix.
        key: &'static str,
        reason: String,
        /// The folders the server lists, when they were asked for.
        known: Vec<String>,
    },
    #[error("IMAP {action} failed: {source}")]
    Protocol {
        action: &'static str,
        #[source]
        source: async_imap::error::Error,
    },
    #[error("the IMAP server did not answer within {0:?}")]
    Timeout(Duration),
}

fn known_folders(known: &[String]) -> String {
    if known.is_empty() {
        String::new()
    } else {
        format!(" (the server has: {})", known.join(", "))
    }
}

/// What `upward check --connect` found: the server reached, the login accepted and the
/// folders opened read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImapProbe {
    /// Whether the connection is under TLS.
    pub encrypted: bool,
    /// Whether the server offers IDLE (else the reader polls every `poll_seconds`).
    pub idle: bool,
    /// Messages in the folder.
    pub messages: u32,
    pub uid_validity: Option<u32>,
}

/// One fetched message, not yet acknowledged.
#[derive(Debug, Clone)]
pub struct ImapMessage {
    pub uid: u32,
    pub raw: Vec<u8>,
    /// RFC822.SIZE as the server announced it: a shorter body means a truncated fetch.
    pub announced_size: Option<u32>,
}

impl ImapMessage {
    /// Whether the fetched bytes are shorter than the size the server announced.
    pub fn truncated(&self) -> bool {
        self.announced_size
            .is_some_and(|s| (self.raw.len() as u64) < u64::from(s))
    }
}

/// A logged-in session with the configured folder selected.
pub struct ImapMailbox {
    session: Session<MaybeTls>,
    settings: ImapSettings,
    /// The folder's UIDVALIDITY when selected.
    pub uid_validity: Option<u32>,
    /// Whether the server offers IDLE.
    pub idle: bool,
}

impl std::fmt::Debug for ImapMailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImapMailbox")
            .field("host", &self.settings.host)
            .field("folder", &self.settings.folder)
            .field("uid_validity", &self.uid_validity)
            .finish()
    }
}

fn protocol(action: &'static str) -> impl FnOnce(async_imap::error::Error) -> ImapError {
    move |source| ImapError::Protocol { action, source }
}

/// Bounds one network step so a silent server cannot hang the reader.
async fn bounded<T>(
    limit: Duration,
    fut: impl Future<Output = Result<T, ImapError>>,
) -> Result<T, ImapError> {
    tokio::time::timeout(limit, fut)
        .await
        .map_err(|_| ImapError::Timeout(limit))?
}

const STEP: Duration = Duration::from_secs(60);

impl ImapMailbox {
    /// Connects, logs in and selects the folder.
    ///
    /// # Errors
    /// Connection, TLS, login or SELECT failures, each naming what failed.
    pub async fn connect(settings: &ImapSettings) -> Result<ImapMailbox, ImapError> {
        bounded(STEP, Self::connect_inner(settings)).await
    }

    async fn connect_inner(settings: &ImapSettings) -> Result<ImapMailbox, ImapError> {
        let (mut session, idle) = open(settings).await?;
        let mailbox = session
            .select(&settings.folder)
            .await
            .map_err(folder_error(&settings.folder, "folder"))?;
        info!(
            host = %settings.host,
            folder = %settings.folder,
            uid_validity = mailbox.uid_validity,
            idle,
            "imap mailbox selected"
        );
        Ok(ImapMailbox {
            session,
            settings: settings.clone(),
            uid_validity: mailbox.uid_validity,
            idle,
        })
    }

    /// Fetches up to `max` unseen messages (oldest first) without marking them read.
    ///
    /// # Errors
    /// A protocol failure or timeout; the connection should then be dropped.
    pub async fn fetch_unseen(&mut self, max: usize) -> Result<Vec<ImapMessage>, ImapError> {
        bounded(STEP, async {
            let mut uids: Vec<u32> = self
                .session
                .uid_search("UNSEEN")
                .await
                .map_err(protocol("UID SEARCH"))?
                .into_iter()
                .collect();
            uids.sort_unstable();
            uids.truncate(max);
            if uids.is_empty() {
                return Ok(Vec::new());
            }
            let set = uids
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let fetches: Vec<_> = self
                .session
                .uid_fetch(&set, "(UID RFC822.SIZE BODY.PEEK[])")
                .await
                .map_err(protocol("UID FETCH"))?
                .try_collect()
                .await
                .map_err(protocol("UID FETCH"))?;
            let mut out: Vec<ImapMessage> = fetches
                .iter()
                .filter_map(|f| {
                    Some(ImapMessage {
                        uid: f.uid?,
                        raw: f.body()?.to_vec(),
                        announced_size: f.size,
                    })
                })
                .collect();
            out.sort_by_key(|m| m.uid);
            debug!(count = out.len(), "imap messages fetched");
            Ok(out)
        })
        .await
    }

    /// Acknowledges a message whose effects are committed: moves it to the processed folder
    /// when one is configured, else flags it \Seen.
    ///
    /// # Errors
    /// A protocol failure or timeout (the message stays unseen and is fetched again later).
    pub async fn ack(&mut self, uid: u32) -> Result<(), ImapError> {
        bounded(STEP, async {
            let uid = uid.to_string();
            match &self.settings.processed_folder {
                Some(folder) => self
                    .session
                    .uid_mv(&uid, folder)
                    .await
                    .map_err(protocol("UID MOVE")),
                None => {
                    let _: Vec<_> = self
                        .session
                        .uid_store(&uid, "+FLAGS.SILENT (\\Seen)")
                        .await
                        .map_err(protocol("UID STORE"))?
                        .try_collect()
                        .await
                        .map_err(protocol("UID STORE"))?;
                    Ok(())
                }
            }
        })
        .await
    }

    /// Waits until the server reports a change, `poll_seconds` pass, or `shutdown` fires,
    /// using IDLE when offered. Returns the mailbox ready for the next fetch.
    ///
    /// # Errors
    /// A protocol failure; the connection should then be dropped.
    pub async fn wait(self, shutdown: &CancellationToken) -> Result<ImapMailbox, ImapError> {
        let poll = Duration::from_secs(self.settings.poll_seconds);
        if !self.idle {
            tokio::select! {
                () = shutdown.cancelled() => {}
                () = tokio::time::sleep(poll) => {}
            }
            let mut this = self;
            bounded(STEP, async {
                this.session.noop().await.map_err(protocol("NOOP"))
            })
            .await?;
            return Ok(this);
        }
        let ImapMailbox {
            session,
            settings,
            uid_validity,
            idle,
        } = self;
        let mut handle = session.idle();
        bounded(STEP, async {
            handle.init().await.map_err(protocol("IDLE"))
        })
        .await?;
        let response = {
            let (wait, stop) = handle.wait_with_timeout(poll);
            tokio::select! {
                r = wait => r.map_err(protocol("IDLE"))?,
                () = shutdown.cancelled() => { drop(stop); IdleResponse::ManualInterrupt }
            }
        };
        debug!(?response, "imap idle ended");
        let session = bounded(STEP, async {
            handle.done().await.map_err(protocol("DONE"))
        })
        .await?;
        Ok(ImapMailbox {
            session,
            settings,
            uid_validity,
            idle,
        })
    }

    /// Logs out politely; errors are only logged.
    pub async fn logout(mut self) {
        if let Err(err) = bounded(STEP, async {
            self.session.logout().await.map_err(protocol("LOGOUT"))
        })
        .await
        {
            warn!(error = %err, "imap logout failed");
        }
    }
}

/// Connects as `upward check --connect` does: logs in, and opens the folder (and the
/// processed folder, when one is set) read-only with EXAMINE, so that nothing changes, not
/// even the \Recent flags; then logs out.
///
/// # Errors
/// As [`ImapMailbox::connect`]; a folder that cannot be opened is `NoFolder` with the
/// folders the server has.
pub async fn probe(settings: &ImapSettings) -> Result<ImapProbe, ImapError> {
    bounded(STEP, async {
        let (mut session, idle) = open(settings).await?;
        let mut opened = None;
        let mut folders = vec![(settings.folder.as_str(), "folder")];
        if let Some(processed) = &settings.processed_folder {
            folders.push((processed.as_str(), "processed_folder"));
        }
        for (folder, key) in folders {
            match session.examine(folder).await {
                Ok(mailbox) => {
                    opened.get_or_insert(mailbox);
                }
                Err(err) => {
                    let mut err = folder_error(folder, key)(err);
                    if let ImapError::NoFolder { known, .. } = &mut err {
                        *known = list_folders(&mut session).await;
                    }
                    return Err(err);
                }
            }
        }
        let encrypted = matches!(session.get_ref(), MaybeTls::Tls(_));
        let _ = session.logout().await;
        let mailbox = opened.unwrap_or_default();
        Ok(ImapProbe {
            encrypted,
            idle,
            messages: mailbox.exists,
            uid_validity: mailbox.uid_validity,
        })
    })
    .await
}

/// The server's folders, for a message about one that is missing; empty when it will not
/// say.
async fn list_folders(session: &mut Session<MaybeTls>) -> Vec<String> {
    let Ok(names) = session.list(Some(""), Some("*")).await else {
        return Vec::new();
    };
    let names: Vec<async_imap::types::Name> = names.try_collect().await.unwrap_or_default();
    names.iter().map(|n| n.name().to_string()).collect()
}

/// A NO to SELECT or EXAMINE of `folder` is a folder that cannot be opened; anything else is
/// the protocol failing.
fn folder_error(
    folder: &str,
    key: &'static str,
) -> impl FnOnce(async_imap::error::Error) -> ImapError {
    let folder = folder.to_string();
    move |err| match err {
        async_imap::error::Error::No(reason) => ImapError::NoFolder {
            folder,
            key,
            reason: reason.trim().to_string(),
            known: Vec::new(),
        },
        source => ImapError::Protocol {
            action: "SELECT",
            source,
        },
    }
}

/// Where the password comes from, for an error message: never the password itself.
fn password_source(settings: &ImapSettings) -> String {
    match &settings.password {
        SecretSource::Env { var, .. } => format!("the environment variable {var}"),
        SecretSource::File { path, .. } => format!("the file {}", path.display()),
        SecretSource::Generated => "password_env or password_file".to_string(),
    }
}

/// Wraps `tcp` in TLS for the IMAP server; a server that answers in plain text is `NotTls`.
async fn tls_to(
    settings: &ImapSettings,
    tcp: TcpStream,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, ImapError> {
    let config = tls::client_config(settings.ca_file.as_deref())?;
    tls::wrap(config, &settings.host, tcp).await.map_err(|err| {
        let plain = matches!(&err, TlsError::Handshake { source, .. }
            if source
                .get_ref()
                .and_then(|e| e.downcast_ref::<tokio_rustls::rustls::Error>())
                .is_some_and(|e| matches!(e, tokio_rustls::rustls::Error::InvalidMessage(_))));
        if plain {
            ImapError::NotTls {
                host: settings.host.clone(),
                port: settings.port,
            }
        } else {
            ImapError::Tls(err)
        }
    })
}

/// Connects (implicit TLS, STARTTLS or plain), logs in and asks what the server offers;
/// returns the session and whether it offers IDLE.
async fn open(settings: &ImapSettings) -> Result<(Session<MaybeTls>, bool), ImapError> {
    let tcp = TcpStream::connect((settings.host.as_str(), settings.port))
        .await
        .map_err(|source| ImapError::Connect {
            host: settings.host.clone(),
            port: settings.port,
            source,
        })?;
    let _ = tcp.set_nodelay(true);
    let client = match settings.security {
        Security::Tls => {
            let stream = tls_to(settings, tcp).await?;
            let mut client = async_imap::Client::new(MaybeTls::Tls(Box::new(stream)));
            read_greeting(&mut client).await?;
            client
        }
        Security::StartTls => {
            let mut client = async_imap::Client::new(MaybeTls::Plain(tcp));
            read_greeting(&mut client).await?;
            client
                .run_command_and_check_ok("STARTTLS", None)
                .await
                .map_err(|err| match err {
                    async_imap::error::Error::No(reason)
                    | async_imap::error::Error::Bad(reason) => ImapError::NoStartTls {
                        host: settings.host.clone(),
                        port: settings.port,
                        reason: reason.trim().to_string(),
                    },
                    source => ImapError::Protocol {
                        action: "STARTTLS",
                        source,
                    },
                })?;
            let MaybeTls::Plain(tcp) = client.into_inner() else {
                return Err(ImapError::Protocol {
                    action: "STARTTLS",
                    source: async_imap::error::Error::ConnectionLost,
                });
            };
            let stream = tls_to(settings, tcp).await?;
            // NOTE: no greeting follows STARTTLS.
            async_imap::Client::new(MaybeTls::Tls(Box::new(stream)))
        }
        Security::None => {
            let mut client = async_imap::Client::new(MaybeTls::Plain(tcp));
            read_greeting(&mut client).await?;
            client
        }
    };
    let mut session = client
        .login(
            &settings.username,
            settings.password.value().map_or("", |s| s.expose()),
        )
        .await
        .map_err(|(e, _)| {
            let reason = match e {
                async_imap::error::Error::No(r) | async_imap::error::Error::Bad(r) => {
                    r.trim().to_string()
                }
                other => other.to_string(),
            };
            // NOTE: servers say so with the PRIVACYREQUIRED code (RFC 5530) or LOGINDISABLED.
            let clear_text_refused = settings.security == Security::None
                && [
                    "PRIVACYREQUIRED",
                    "LOGINDISABLED",
                    "non-secure",
                    "plaintext",
                ]
                .iter()
                .any(|w| reason.to_lowercase().contains(&w.to_lowercase()));
            if clear_text_refused {
                ImapError::NeedsTls {
                    user: settings.username.clone(),
                    reason,
                }
            } else {
                ImapError::Login {
                    user: settings.username.clone(),
                    reason,
                    password: password_source(settings),
                }
            }
        })?;
    let caps = session
        .capabilities()
        .await
        .map_err(protocol("CAPABILITY"))?;
    Ok((session, caps.has_str("IDLE")))
}

async fn read_greeting(client: &mut async_imap::Client<MaybeTls>) -> Result<(), ImapError> {
    match client.read_response().await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(ImapError::Protocol {
            action: "greeting",
            source: async_imap::error::Error::ConnectionLost,
        }),
        Err(e) => Err(ImapError::Protocol {
            action: "greeting",
            source: e.into(),
        }),
    }
}
