//! One-click unsubscribe (RFC 8058): the small HTTP listener behind `[unsubscribe]`.
//!
//! Every email that names one person carries
//! `List-Unsubscribe: <https://…/TOKEN>, <mailto:…>` and
//! `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. A mail client's unsubscribe button
//! POSTs `List-Unsubscribe=One-Click` to the https address; the program's reverse proxy
//! (which holds the TLS certificate) forwards the request here.
//!
//! - `POST …/TOKEN` with that body: the program's rule for an unsubscribe click (the
//!   core's `program::Event::UnsubscribeClick`, the rule of STOP: pair endings, partners
//!   re-paired, the answer) for the person the token names, recorded as an inbound row of
//!   source `one-click`; then `200` with a short page, never a redirect. A second click on
//!   the same day is a duplicate and changes nothing.
//! - `GET …/TOKEN` (a person opening the link, or a scanner following it): a page with a
//!   button that sends the POST; nothing changes.
//! - A token that is malformed, forged, or not an unsubscribe token: `400`, nothing changes.
//!
//! Owns the HTTP exchange only: the rule is the core's (`program`), carried out by
//! `inbound::process::Ingest::unsubscribe_click`.
//!
//! The listener is exposed to whoever reaches the proxy, so it bounds what a client can
//! hold: one request per connection; its headers, then its body, each within
//! `[unsubscribe] timeout_seconds` (else the connection is closed, `408` for a late body);
//! and at most `max_connections` connections at once, lowered to leave a reserve of open
//! files (see [`connection_cap`]) so that the mail reader and sender never run out. A
//! connection over the cap gets a `503` and is closed at once.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming as Body};
use hyper::header::{ALLOW, CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

use crate::config::Config;
use crate::inbound::process::{Clicked, Ingest};
use crate::outbound::OutboundError;
use crate::outbound::token::{Purpose, TokenClaims, TokenKey};
use crate::store::Store;
use crate::sync::LockExt;
use crate::time::Clock;

/// The largest request body read: the one-click body is 26 bytes.
const MAX_BODY: usize = 4096;
/// Open files kept for the rest of the daemon (store, Maildir, SMTP and IMAP connections),
/// or half the limit when it is small: see [`connection_cap`].
pub const DESCRIPTOR_RESERVE: u64 = 256;
/// What a connection over the cap is told before it is closed.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
/// The form field and value of a one-click request (RFC 8058 §3.1).
const ONE_CLICK: (&str, &str) = ("List-Unsubscribe", "One-Click");

/// What the listener needs from the daemon.
pub struct UnsubscribeDeps {
    /// The current config: a reload is picked up at the next request.
    pub config: watch::Receiver<Arc<Config>>,
    /// Shared with the other tasks; held only while a request commits.
    pub store: Arc<Mutex<Store>>,
    pub clock: Arc<dyn Clock>,
    /// The process's open-file limit (soft), when there is one: the connection cap leaves a
    /// reserve under it.
    pub open_files: Option<u64>,
}

/// How many connections the listener serves at once: `configured`, lowered so that
/// [`DESCRIPTOR_RESERVE`] open files (or half of a smaller `open_files` limit) stay free for
/// the rest of the daemon; at least 1.
pub fn connection_cap(configured: usize, open_files: Option<u64>) -> usize {
    let Some(limit) = open_files else {
        return configured.max(1);
    };
    let room = limit - DESCRIPTOR_RESERVE.min(limit / 2);
    configured
        .min(usize::try_from(room).unwrap_or(usize::MAX))
        .max(1)
}

/// Why one-click unsubscribe cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The listening address is taken or not ours to bind.
    #[error(
        "cannot listen on {addr} for one-click unsubscribe requests (set [unsubscribe] listen to a free address and port, and point the reverse proxy at it)"
    )]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// The pipeline cannot be set up from the config (its key or templates).
    #[error("one-click unsubscribe")]
    Pipeline(#[source] OutboundError),
}

/// Binds the listening address of `[unsubscribe]`, with an error that says how to fix it.
///
/// # Errors
/// The address is taken or not ours to bind.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind { addr, source })
}

/// Serves one-click requests on `listener` until `shutdown`.
///
/// # Errors
/// The pipeline cannot be set up from the config (its key or templates).
pub async fn serve(
    listener: TcpListener,
    deps: UnsubscribeDeps,
    shutdown: CancellationToken,
) -> Result<(), Error> {
    let (configured, timeout) = match &deps.config.borrow().unsubscribe {
        Some(u) => (u.max_connections, u.timeout),
        None => (64, Duration::from_secs(10)),
    };
    let cap = connection_cap(configured, deps.open_files);
    let open_files = deps.open_files;
    let state = Arc::new(State::new(deps, timeout)?);
    if let Ok(addr) = listener.local_addr() {
        info!(
            listen = %addr,
            max_connections = cap,
            configured,
            open_files = %open_files.map_or_else(|| "unlimited".to_string(), |n| n.to_string()),
            timeout_seconds = timeout.as_secs(),
            "one-click unsubscribe requests are served"
        );
    }
    // NOTE: [unsubscribe] max_connections and timeout_seconds take effect at the next start,
    // like the listening address.
    let slots = Arc::new(Semaphore::new(cap));
    let mut refused: u64 = 0;
    let mut last_warned: Option<tokio::time::Instant> = None;
    loop {
        let (stream, peer) = tokio::select! {
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(err) => {
                    warn!(error = %err, "cannot accept an unsubscribe connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            // Best effort: a fresh socket's send buffer takes these few bytes at once.
            let _ = stream.try_write(BUSY);
            drop(stream);
            refused += 1;
            let now = tokio::time::Instant::now();
            if last_warned.is_none_or(|t| now.duration_since(t) >= Duration::from_secs(60)) {
                warn!(
                    max_connections = cap,
                    refused,
                    "one-click unsubscribe is at its connection cap; new connections are closed"
                );
                last_warned = Some(now);
                refused = 0;
            }
            continue;
        };
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let _slot = slot;
            let service = hyper::service::service_fn(move |req| {
                let state = Arc::clone(&state);
                async move { Ok::<_, Infallible>(state.handle(req).await) }
            });
            let served = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(timeout)
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), service);
            // NOTE: the headers and the body each have their deadline; this one bounds what
            // is left (a client that does not read the response, a slow commit), so that no
            // connection holds its slot for ever. A commit in flight still finishes.
            match tokio::time::timeout(timeout * 3 + Duration::from_secs(60), served).await {
                Ok(Ok(())) => {}
                Ok(Err(err)) => {
                    debug!(peer = %peer, error = %err, "an unsubscribe connection ended with an error");
                }
                Err(_) => debug!(peer = %peer, "an unsubscribe connection took too long; closed"),
            }
        });
    }
    Ok(())
}

/// The pipeline that acts on a request, rebuilt when the config changes.
struct State {
    deps: UnsubscribeDeps,
    current: Mutex<Pipeline>,
    /// How long a request's body may take to arrive.
    body_timeout: Duration,
}

impl State {
    fn new(deps: UnsubscribeDeps, body_timeout: Duration) -> Result<State, Error> {
        let config = deps.config.borrow().clone();
        let current = Mutex::new(pipeline(config)?);
        Ok(State {
            deps,
            current,
            body_timeout,
        })
    }

    /// The pipeline for the config in force now.
    fn pipeline(&self) -> Pipeline {
        let mut current = self.current.lock_or_recover();
        let latest = self.deps.config.borrow().clone();
        if !Arc::ptr_eq(&latest, &current.0) {
            match pipeline(Arc::clone(&latest)) {
                Ok(fresh) => *current = fresh,
                Err(err) => {
                    warn!(error = %crate::ErrorChain(&err), "one-click unsubscribe keeps the previous config")
                }
            }
        }
        current.clone()
    }

    async fn handle(&self, req: Request<Body>) -> Response<Full<Bytes>> {
        let (config, ingest, key) = self.pipeline();
        let name = config.program.name.clone();
        let method = req.method().clone();
        let claims =
            token_of(req.uri().path()).and_then(|t| Some((t.to_string(), verify(&key, t)?)));
        match (method, claims) {
            (Method::GET | Method::HEAD, Some((token, _))) => page(
                StatusCode::OK,
                &name,
                "Leave the program?",
                &format!(
                    "Press the button to stop all emails from {name} and leave the program. Nothing changes until you do."
                ),
                Some(&token),
            ),
            (Method::POST, Some((token, claims))) => {
                let body = Limited::new(req.into_body(), MAX_BODY).collect();
                let body = match tokio::time::timeout(self.body_timeout, body).await {
                    Ok(Ok(body)) => body.to_bytes(),
                    Err(_) => {
                        return page(
                            StatusCode::REQUEST_TIMEOUT,
                            &name,
                            "Request too slow",
                            "The request's body did not arrive in time; nothing was changed.",
                            None,
                        );
                    }
                    Ok(Err(_)) => {
                        return page(
                            StatusCode::PAYLOAD_TOO_LARGE,
                            &name,
                            "Request too large",
                            "An unsubscribe request has a short form body.",
                            None,
                        );
                    }
                };
                if !is_one_click(&body) {
                    return page(
                        StatusCode::BAD_REQUEST,
                        &name,
                        "Not an unsubscribe request",
                        "A one-click unsubscribe request sends List-Unsubscribe=One-Click as its form body.",
                        None,
                    );
                }
                let store = Arc::clone(&self.deps.store);
                let now = self.deps.clock.now();
                let done = tokio::task::spawn_blocking(move || {
                    unsubscribe(&config, &ingest, &store, &token, claims, now)
                })
                .await;
                match done {
                    Ok(Ok(())) => page(
                        StatusCode::OK,
                        &name,
                        "You have left the program",
                        &format!("You will get no more emails from {name}."),
                        None,
                    ),
                    Ok(Err(Failure::Retry(reason))) => {
                        warn!(reason = %reason, "a one-click unsubscribe could not be stored; the client may retry");
                        let mut response = page(
                            StatusCode::SERVICE_UNAVAILABLE,
                            &name,
                            "Please try again",
                            "Your request could not be saved just now; nothing was changed. Please try again in a minute.",
                            None,
                        );
                        response
                            .headers_mut()
                            .insert(RETRY_AFTER, HeaderValue::from_static("60"));
                        response
                    }
                    Ok(Err(Failure::Gone)) => page(
                        StatusCode::OK,
                        &name,
                        "Nothing to unsubscribe",
                        &format!("This address gets no emails from {name}."),
                        None,
                    ),
                    Err(err) => {
                        warn!(error = %err, "the one-click unsubscribe task failed");
                        page(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            &name,
                            "Something went wrong",
                            "Nothing was changed. Please try again, or reply STOP to any of our emails.",
                            None,
                        )
                    }
                }
            }
            (Method::GET | Method::HEAD | Method::POST, None) => page(
                StatusCode::BAD_REQUEST,
                &name,
                "This link is not valid",
                "The address is incomplete or was changed. Use the unsubscribe link of one of our emails, or reply STOP to it.",
                None,
            ),
            _ => {
                let mut response = page(
                    StatusCode::METHOD_NOT_ALLOWED,
                    &name,
                    "Not allowed",
                    "Only GET and POST are served here.",
                    None,
                );
                response
                    .headers_mut()
                    .insert(ALLOW, HeaderValue::from_static("GET, HEAD, POST"));
                response
            }
        }
    }
}

/// A config, the inbound pipeline built from it, and its key for tokens.
type Pipeline = (Arc<Config>, Arc<Mutex<Ingest>>, TokenKey);

fn pipeline(config: Arc<Config>) -> Result<Pipeline, Error> {
    let key = crate::outbound::signing_key(&config).map_err(Error::Pipeline)?;
    let ingest = Ingest::new(Arc::clone(&config)).map_err(Error::Pipeline)?;
    Ok((config, Arc::new(Mutex::new(ingest)), key))
}

/// The token: the last segment of the path, whatever prefix the proxy kept.
fn token_of(path: &str) -> Option<&str> {
    let token = path.trim_end_matches('/').rsplit('/').next()?;
    (!token.is_empty() && token.len() <= 64 && token.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(token)
}

/// The claims of a valid unsubscribe token naming one person.
fn verify(key: &TokenKey, token: &str) -> Option<TokenClaims> {
    key.verify(token)
        .ok()
        .filter(|c| c.purpose == Purpose::Unsubscribe && c.person > 0)
}

/// Whether a form body holds `List-Unsubscribe=One-Click`.
fn is_one_click(body: &[u8]) -> bool {
    let Ok(body) = std::str::from_utf8(body) else {
        return false;
    };
    body.trim()
        .split('&')
        .filter_map(|field| field.split_once('='))
        .any(|(k, v)| k == ONE_CLICK.0 && v == ONE_CLICK.1)
}

enum Failure {
    /// Nothing was stored; the same request may succeed later.
    Retry(String),
    /// The person is not (or no longer) known.
    Gone,
}

/// Hands a one-click request to the program as its own event (`program::Event::
/// UnsubscribeClick`, the rule of a STOP) for the person its verified token names. The
/// request is named by the token and the day, so repeated clicks change nothing.
fn unsubscribe(
    config: &Config,
    ingest: &Mutex<Ingest>,
    store: &Mutex<Store>,
    token: &str,
    claims: TokenClaims,
    now: DateTime<Utc>,
) -> Result<(), Failure> {
    let person = i64::try_from(claims.person).map_err(|_| Failure::Gone)?;
    // NOTE: the same name as the STOP email this listener once made of a click, so a
    // click repeated across the upgrade is still one request.
    let request = format!(
        "one-click.{token}.{day}@{domain}",
        day = now.format("%Y%m%d"),
        domain = config.domain(),
    );
    let mut store = store.lock_or_recover();
    let mut ingest = ingest.lock_or_recover();
    match ingest
        .unsubscribe_click(&mut store, person, &request, now)
        .map_err(|e| Failure::Retry(e.to_string()))?
    {
        Clicked::Done { inbound } => {
            info!(inbound, person, "a one-click unsubscribe was done");
            Ok(())
        }
        Clicked::Again => Ok(()),
        Clicked::Unknown => {
            warn!(
                person,
                "a one-click unsubscribe names nobody in the program"
            );
            Err(Failure::Gone)
        }
    }
}

/// A small HTML page; with `token`, a button that sends the one-click POST.
fn page(
    status: StatusCode,
    program: &str,
    title: &str,
    text: &str,
    token: Option<&str>,
) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(html(program, title, text, token))));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn html(program: &str, title: &str, text: &str, token: Option<&str>) -> String {
    let form = match token {
        // NOTE: a relative action: the proxy may serve the listener under any prefix.
        Some(token) => format!(
            "<form method=\"post\" action=\"{token}\"><input type=\"hidden\" name=\"{}\" value=\"{}\"><button type=\"submit\">Unsubscribe</button></form>",
            ONE_CLICK.0, ONE_CLICK.1
        ),
        None => String::new(),
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\"><title>{title}</title></head><body style=\"font-family:sans-serif;max-width:32em;margin:3em auto;line-height:1.5\"><p>{program}</p><h1>{title}</h1><p>{text}</p>{form}</body></html>",
        program = escape(program),
        title = escape(title),
        text = escape(text),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_taken_address_keeps_the_reason_as_the_source() {
        let taken = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = taken.local_addr().unwrap();
        let err = bind(addr).await.unwrap_err();
        let cause = std::error::Error::source(&err).expect("the io error is kept");
        let shown = crate::ErrorChain(&err).to_string();
        assert!(
            shown.starts_with(&format!(
                "cannot listen on {addr} for one-click unsubscribe"
            )),
            "{shown}"
        );
        assert!(shown.ends_with(&format!(": {cause}")), "{shown}");
    }

    #[test]
    fn the_token_is_the_last_path_segment_whatever_the_prefix() {
        assert_eq!(token_of("/unsubscribe/abc234"), Some("abc234"));
        assert_eq!(token_of("/u/abc234/"), Some("abc234"));
        assert_eq!(token_of("/abc234"), Some("abc234"));
        assert_eq!(token_of("/"), None);
        assert_eq!(token_of("/u/abc%20def"), None);
        assert_eq!(token_of(&format!("/u/{}", "a".repeat(65))), None);
    }

    #[test]
    fn only_a_signed_unsubscribe_token_for_one_person_is_accepted() {
        let key = TokenKey::new("k");
        let sign = |purpose, person| {
            key.sign(TokenClaims {
                pair: 3,
                person,
                purpose,
            })
        };
        assert!(verify(&key, &sign(Purpose::Unsubscribe, 7)).is_some());
        assert!(verify(&key, &sign(Purpose::Unsubscribe, 0)).is_none());
        assert!(verify(&key, &sign(Purpose::Reply, 7)).is_none());
        assert!(verify(&TokenKey::new("other"), &sign(Purpose::Unsubscribe, 7)).is_none());
        let mut forged = sign(Purpose::Unsubscribe, 7);
        let last = if forged.ends_with('a') { "b" } else { "a" };
        forged.replace_range(forged.len() - 1.., last);
        assert!(verify(&key, &forged).is_none());
    }

    #[test]
    fn the_one_click_body_is_recognised_among_other_fields() {
        assert!(is_one_click(b"List-Unsubscribe=One-Click"));
        assert!(is_one_click(b"a=b&List-Unsubscribe=One-Click\r\n"));
        assert!(!is_one_click(b"List-Unsubscribe=one-click-ish"));
        assert!(!is_one_click(b""));
        assert!(!is_one_click(&[0xff, 0xfe]));
    }

    #[test]
    fn the_connection_cap_leaves_a_reserve_of_open_files() {
        // The default limit of many systems, and systemd's raised one.
        assert_eq!(connection_cap(64, Some(1024)), 64);
        assert_eq!(connection_cap(5000, Some(1024)), 1024 - 256);
        assert_eq!(connection_cap(5000, Some(524_288)), 5000);
        // A small limit keeps half of it.
        assert_eq!(connection_cap(1000, Some(300)), 150);
        assert_eq!(connection_cap(64, Some(20)), 10);
        // Never zero; no limit, no lowering.
        assert_eq!(connection_cap(64, Some(1)), 1);
        assert_eq!(connection_cap(64, Some(0)), 1);
        assert_eq!(connection_cap(64, None), 64);
    }

    #[test]
    fn pages_escape_what_they_show() {
        let page = html("<b>P&Q</b>", "T", "x", Some("tok"));
        assert!(page.contains("&lt;b&gt;P&amp;Q&lt;/b&gt;"), "{page}");
        assert!(page.contains("action=\"tok\""), "{page}");
        assert!(page.contains("value=\"One-Click\""), "{page}");
        assert!(!html("P", "T", "x", None).contains("<form"));
    }
}
