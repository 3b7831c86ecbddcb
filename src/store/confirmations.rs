//! Owns the requests that wait for a person's confirmation: a message held because nothing
//! proves its sender ("did you send this?"), and FORGET ME. Each is answered once, through the
//! single-use token of the email that asked. Does not decide what needs confirming, nor
//! apply what was confirmed: inbound does.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};

use super::{StoreError, Tx, ts};
use crate::vocab::{InboundKind, InboundStatus};

/// What a request waits to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmationKind {
    /// Apply a held message as its sender's.
    Message,
    /// Erase the person.
    Forget,
}

impl ConfirmationKind {
    fn as_str(self) -> &'static str {
        match self {
            ConfirmationKind::Message => "message",
            ConfirmationKind::Forget => "forget",
        }
    }

    fn parse(s: &str) -> Option<ConfirmationKind> {
        match s {
            "message" => Some(ConfirmationKind::Message),
            "forget" => Some(ConfirmationKind::Forget),
            _ => None,
        }
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmationState {
    Waiting,
    Confirmed,
    Declined,
    Expired,
}

impl ConfirmationState {
    fn as_str(self) -> &'static str {
        match self {
            ConfirmationState::Waiting => "waiting",
            ConfirmationState::Confirmed => "confirmed",
            ConfirmationState::Declined => "declined",
            ConfirmationState::Expired => "expired",
        }
    }

    fn parse(s: &str) -> Option<ConfirmationState> {
        match s {
            "waiting" => Some(ConfirmationState::Waiting),
            "confirmed" => Some(ConfirmationState::Confirmed),
            "declined" => Some(ConfirmationState::Declined),
            "expired" => Some(ConfirmationState::Expired),
            _ => None,
        }
    }
}

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub id: i64,
    pub participant_id: i64,
    pub kind: ConfirmationKind,
    /// The message held, or the FORGET ME.
    pub inbound_id: i64,
    /// `Expired` once past its deadline, whatever the row says.
    pub state: ConfirmationState,
}

impl Tx<'_> {
    /// Records a request that waits `within` for its confirmation; returns its id.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn request_confirmation(
        &mut self,
        participant: i64,
        kind: ConfirmationKind,
        inbound: i64,
        within: Duration,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO confirmations (participant_id, kind, inbound_id, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                participant,
                kind.as_str(),
                inbound,
                ts(now),
                ts(now + within)
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// The request with this id, as it stands at `now`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn confirmation(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Confirmation>, StoreError> {
        let row: Option<(i64, String, i64, String, String)> = self
            .tx
            .query_row(
                "SELECT participant_id, kind, inbound_id, state, expires_at
                 FROM confirmations WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        Ok(
            row.and_then(|(participant_id, kind, inbound_id, state, expires)| {
                let mut state = ConfirmationState::parse(&state)?;
                if state == ConfirmationState::Waiting && expires < ts(now) {
                    state = ConfirmationState::Expired;
                }
                Some(Confirmation {
                    id,
                    participant_id,
                    kind: ConfirmationKind::parse(&kind)?,
                    inbound_id,
                    state,
                })
            }),
        )
    }

    /// Records the answer to a waiting request (confirmed or declined, by the message
    /// `by`); false when it was answered already, so a token works once.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn answer_confirmation(
        &mut self,
        id: i64,
        state: ConfirmationState,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let changed = self.tx.execute(
            "UPDATE confirmations SET state = ?2, answered_by = ?3, answered_at = ?4
             WHERE id = ?1 AND state = 'waiting'",
            params![id, state.as_str(), by, ts(now)],
        )?;
        Ok(changed > 0)
    }

    /// The raw bytes of a message kept in the log.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn inbound_raw(&self, inbound: i64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .tx
            .query_row("SELECT raw FROM inbound WHERE id = ?1", [inbound], |r| {
                r.get::<_, Option<Vec<u8>>>(0)
            })
            .optional()?
            .flatten())
    }

    /// Settles a held message once it is applied: its status, kind, reason and pair as if it
    /// had been acted on when it came.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn settle_inbound(
        &mut self,
        inbound: i64,
        status: InboundStatus,
        classification: InboundKind,
        reason: Option<&str>,
        pair: Option<i64>,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE inbound SET status = ?2, classification = ?3, reason = ?4, pair_id = ?5
             WHERE id = ?1",
            params![inbound, status, classification, reason, pair],
        )?;
        Ok(())
    }
}
