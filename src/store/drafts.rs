//! Owns the drafts of answers to inbound messages: written in the transaction that records
//! the message, read back and deleted in the transaction that queues the composed email.
//! Does not know what an answer says (inbound serializes it) or how it is composed.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, StoreError, Tx, ts};

/// An answer to draft.
#[derive(Debug, Clone, Copy)]
pub struct NewDraft<'a> {
    /// The idempotency key the composed email will have.
    pub key: &'a str,
    /// The address it goes to (erasing a person deletes their drafts).
    pub recipient: &'a str,
    /// What the email says, as the drafting module serialized it.
    pub answer: &'a str,
    /// The Message-ID of the mail it continues.
    pub parent: Option<&'a str>,
}

/// A draft waiting to be composed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: i64,
    pub key: String,
    pub answer: String,
    pub parent: Option<String>,
}

impl Tx<'_> {
    /// Drafts an answer; a key drafted already is left as it is.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn insert_draft(
        &mut self,
        draft: &NewDraft<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO drafts (idempotency_key, recipient, answer, parent, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(idempotency_key) DO NOTHING",
            )?
            .execute(params![
                draft.key,
                draft.recipient,
                draft.answer,
                draft.parent,
                ts(now)
            ])?;
        Ok(())
    }

    /// Deletes a draft being queued; false if it is gone already (another process composed
    /// it first), in which case the caller queues nothing.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn take_draft(&mut self, id: i64) -> Result<bool, StoreError> {
        Ok(self
            .tx
            .prepare_cached("DELETE FROM drafts WHERE id = ?1")?
            .execute([id])?
            == 1)
    }
}

impl Store {
    /// The oldest drafts, at most `limit`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn drafts(&self, limit: usize) -> Result<Vec<Draft>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, idempotency_key, answer, parent FROM drafts ORDER BY id LIMIT ?1",
        )?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            Ok(Draft {
                id: r.get(0)?,
                key: r.get(1)?,
                answer: r.get(2)?,
                parent: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many drafts wait to be composed.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn draft_count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM drafts", [], |r| r.get(0))?)
    }
}
