//! Owns the SQL the prompt cadence reads: the prompts queued before, each pair's last
//! report, and the program mail each person got lately. Does not decide who is asked
//! (`program::cadence` does).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, StoreError, ts};
use crate::vocab::{EmailKind, IdempotencyKey};

/// A prompt queued before (and not suppressed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastPrompt {
    pub pair: i64,
    pub person: i64,
    pub at: DateTime<Utc>,
}

/// An email queued since a time: to whom (lowercase addresses), of what kind, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentMail {
    pub recipients: Vec<String>,
    pub kind: EmailKind,
    pub at: DateTime<Utc>,
}

fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

impl Store {
    /// Every prompt queued that was not suppressed, oldest first.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn past_prompts(&self) -> Result<Vec<PastPrompt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT idempotency_key, created_at FROM outbox
             WHERE kind = 'prompt' AND state <> 'suppressed' ORDER BY created_at",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (key, at) = row?;
            if let (Ok(IdempotencyKey::Prompt { pair, person, .. }), Some(at)) =
                (key.parse::<IdempotencyKey>(), instant(&at))
            {
                out.push(PastPrompt { pair, person, at });
            }
        }
        Ok(out)
    }

    /// When each pair last reported (a report of either partner was logged, met or not),
    /// by pair id.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn last_reports(&self) -> Result<HashMap<i64, DateTime<Utc>>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT pair_id, max(created_at) FROM feedback GROUP BY pair_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (pair, at) = row?;
            if let Some(at) = instant(&at) {
                out.insert(pair, at);
            }
        }
        Ok(out)
    }

    /// The emails queued since `since` that were not suppressed.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn mail_since(&self, since: DateTime<Utc>) -> Result<Vec<RecentMail>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT recipient, kind, created_at FROM outbox
             WHERE created_at >= ?1 AND state <> 'suppressed'",
        )?;
        let rows = stmt.query_map(params![ts(since)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, EmailKind>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (to, kind, at) = row?;
            if let Some(at) = instant(&at) {
                out.push(RecentMail {
                    recipients: to.split(", ").map(str::to_lowercase).collect(),
                    kind,
                    at,
                });
            }
        }
        Ok(out)
    }
}
