//! Owns the record of messages passed on from one partner to the other: which message, by
//! whom, on which pair, when, and a hash of its words (never the words).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{StoreError, Tx, ts};

/// What a sender passed on to their partner before, as the loop guard asks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelayHistory {
    /// Messages passed on since the `recent` time asked about.
    pub recent: u32,
    /// The same words were passed on since the `words` time asked about.
    pub same_words: bool,
}

impl Tx<'_> {
    /// What `sender` passed on to their partner in `pair`: how many messages since
    /// `recent`, and whether words hashed `words_sha256` went since `words`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn relay_history(
        &self,
        sender: i64,
        pair: i64,
        words_sha256: &str,
        recent: DateTime<Utc>,
        words: DateTime<Utc>,
    ) -> Result<RelayHistory, StoreError> {
        let (recent, same_words): (i64, bool) = self
            .tx
            .prepare_cached(
                "SELECT coalesce(sum(at >= ?3), 0),
                        coalesce(max(words_sha256 = ?4 AND at >= ?5), 0)
                 FROM relays WHERE sender_id = ?1 AND pair_id = ?2",
            )?
            .query_row(
                params![sender, pair, ts(recent), words_sha256, ts(words)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
        Ok(RelayHistory {
            recent: u32::try_from(recent).unwrap_or(u32::MAX),
            same_words,
        })
    }

    /// Records that message `inbound` of `sender` went on to their partner in `pair`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn record_relay(
        &mut self,
        inbound: i64,
        pair: i64,
        sender: i64,
        words_sha256: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO relays (inbound_id, pair_id, sender_id, words_sha256, at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            )?
            .execute(params![inbound, pair, sender, words_sha256, ts(now)])?;
        Ok(())
    }
}
