//! upward runs a reverse-mentoring program over plain email.
//!
//! HR describes the program once in `program.toml`; [`config`] reads it into a checked
//! [`Config`] and reports every problem at once with its place and a fix. The [`store`] is
//! one SQLite file and the only module that speaks SQL. The [`daemon`] wires the long-running
//! parts on tokio and handles signals; [`time`] owns the [`time::Clock`] and cron, and
//! [`schedule`] the program's jobs.
//! The daemon's loops beat a [`heartbeat`] while they work, which its watchdog turns into
//! systemd's `WATCHDOG=1` and into each loop's progress for `upward status`. The command line
//! lives in [`cli`]; `main.rs` only maps its result to an exit code. `ARCHITECTURE.md` has
//! the map of every module and the layers (which module may import which), which
//! `tests/layers.rs` enforces.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod config;
pub mod daemon;
pub mod digest;
pub mod heartbeat;
pub mod inbound;
pub mod outbound;
pub mod pairing;
pub mod program;
pub mod schedule;
pub mod simulate;
pub mod spreadsheet;
pub mod store;
pub mod sync;
pub mod time;
pub mod unsubscribe;
pub mod vocab;

pub use config::Config;

/// What a caught panic said (its `&str` or `String` payload), for a log line or a reason.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

/// `text` with its typographic apostrophes (’ ‘ ´ ʼ) written as `'`, so that the word
/// tables, which spell "didn't" and "s'est" with the plain one, read what phones and Outlook
/// type. Borrowed when there is none.
pub(crate) fn plain_apostrophes(text: &str) -> std::borrow::Cow<'_, str> {
    const TYPOGRAPHIC: [char; 4] = ['’', '‘', '´', 'ʼ'];
    if text.contains(TYPOGRAPHIC) {
        std::borrow::Cow::Owned(text.replace(TYPOGRAPHIC, "'"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// An error and its sources, `outer: inner: …`, as `main` prints an error and the daemon
/// logs one. A source whose text its error already ends with (`cannot open {path}:
/// {source}`) is not said twice.
pub struct ErrorChain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut said = self.0.to_string();
        f.write_str(&said)?;
        let mut source = self.0.source();
        while let Some(err) = source {
            let text = err.to_string();
            if !said.ends_with(&text) {
                write!(f, ": {text}")?;
            }
            said = text;
            source = err.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("opening the store")]
    struct Outer(#[source] Inner);

    #[derive(Debug, thiserror::Error)]
    #[error("cannot open the database: {0}")]
    struct Inner(#[source] std::io::Error);

    #[test]
    fn the_chain_reads_from_the_outer_error_to_its_cause_saying_each_once() {
        let err = Outer(Inner(std::io::Error::other("disk on fire")));
        assert_eq!(
            ErrorChain(&err).to_string(),
            "opening the store: cannot open the database: disk on fire"
        );
    }
}
