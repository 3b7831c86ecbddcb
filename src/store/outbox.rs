//! Owns the outbox's SQL: queueing an email under its idempotency key (inside a caller's
//! transaction or its own), claiming due rows with a lease, and recording each delivery's
//! outcome (sent, retry later, failed, bouncing addresses). Does not render or send mail.
//!
//! `recipient` holds the envelope recipients separated by `, ` (an introduction goes to both
//! partners in one message).

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, ts};
use crate::vocab::{EmailKind, IdempotencyKey, OutboxState, ParticipantStatus};

/// An email to queue, already built.
#[derive(Debug, Clone, Copy)]
pub struct NewOutbound<'a> {
    pub key: &'a str,
    pub kind: EmailKind,
    pub recipients: &'a [String],
    pub envelope_from: &'a str,
    pub message_id: &'a str,
    pub bytes: &'a [u8],
    pub always_send: bool,
    /// Not sent before this instant.
    pub due: DateTime<Utc>,
}

/// What queueing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enqueued {
    /// A new row with this id.
    Queued { id: i64 },
    /// The key was already in the outbox: nothing was added.
    AlreadyQueued { key: String },
}

/// A claimed row, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub key: String,
    pub kind: EmailKind,
    pub recipients: Vec<String>,
    pub envelope_from: String,
    pub message_id: String,
    pub bytes: Vec<u8>,
    /// Attempts so far, this one included.
    pub attempts: u32,
}

/// The result of one delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted by the relay; `rejected` recipients were refused for good (the others got it).
    Sent { rejected: Vec<String> },
    /// A temporary failure: try again at `at`.
    Retry { error: String, at: DateTime<Utc> },
    /// A permanent failure: never retried. `bouncing` addresses are marked so.
    Failed {
        error: String,
        bouncing: Vec<String>,
    },
}

/// One outbox row as `status` and tests see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub key: String,
    pub kind: EmailKind,
    pub state: OutboxState,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub message_id: String,
    pub next_attempt_at: String,
}

/// A write transaction (IMMEDIATE) that several modules' steps can share, so an event and
/// the emails it causes commit together or not at all.
pub struct Tx<'a> {
    pub(super) tx: super::Unit<'a>,
}

impl Tx<'_> {
    /// Runs raw SQL: for tests that set up states other modules own.
    #[cfg(test)]
    pub(crate) fn execute_for_tests(&self, sql: &str) -> Result<usize, StoreError> {
        Ok(self.tx.execute(sql, [])?)
    }

    /// The Message-ID of the queued email with this key, if any.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn outbox_message_id(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT message_id FROM outbox WHERE idempotency_key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Queues an email; a key already present is a no-op reported as `AlreadyQueued`.
    ///
    /// # Errors
    /// `Duplicate` if the Message-ID is already used by another key; `Sqlite` otherwise.
    pub fn enqueue_outbound(
        &mut self,
        msg: &NewOutbound<'_>,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, StoreError> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO outbox (idempotency_key, kind, recipient, envelope_from, message_id,
                                     always_send, next_attempt_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(idempotency_key) DO NOTHING",
            )?
            .execute(params![
                msg.key,
                msg.kind,
                msg.recipients.join(", "),
                msg.envelope_from,
                msg.message_id,
                msg.always_send,
                ts(msg.due),
                ts(now)
            ])
            .map_err(|err| match err {
                rusqlite::Error::SqliteFailure(e, _)
                    if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    StoreError::Duplicate {
                        key: msg.message_id.to_string(),
                    }
                }
                other => StoreError::Sqlite(other),
            })?;
        if inserted == 0 {
            return Ok(Enqueued::AlreadyQueued {
                key: msg.key.to_string(),
            });
        }
        let id = self.tx.last_insert_rowid();
        self.tx
            .prepare_cached("INSERT INTO outbox_body (outbox_id, body) VALUES (?1, ?2)")?
            .execute(params![id, msg.bytes])?;
        Ok(Enqueued::Queued { id })
    }
}

/// Why a recipient gets no mail now, if they get none.
fn blocked(
    tx: &super::Unit<'_>,
    email: &str,
    kind: EmailKind,
    now: &str,
) -> Result<Option<String>, StoreError> {
    let row: Option<(ParticipantStatus, Option<String>, bool)> = tx
        .prepare_cached("SELECT status, paused_until, bouncing FROM participants WHERE email = ?1")?
        .query_row([email], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match row {
        None => None,
        Some((_, _, true)) => Some(format!("{email} is bouncing")),
        Some((status, until, _)) => match status {
            ParticipantStatus::Active => None,
            ParticipantStatus::Paused if until.as_deref().is_some_and(|u| u <= now) => None,
            // NOTE: a pause stops the program's mail, not a partner's own words, nor the
            // cancellation of a meeting already in the person's calendar.
            ParticipantStatus::Paused
                if matches!(kind, EmailKind::Relay | EmailKind::MeetingCancelled) =>
            {
                None
            }
            other => Some(format!("{email} is {other}")),
        },
    })
}

/// Writes one outcome inside `tx`; true when it was the last email of a forgotten person,
/// whose address and text the row then lost.
fn record_one(
    tx: &super::Unit<'_>,
    id: i64,
    outcome: &Delivery,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let now_s = ts(now);
    let bouncing: &[String] = match outcome {
        Delivery::Sent { rejected } => {
            let note = (!rejected.is_empty())
                .then(|| format!("refused for good by the relay: {}", rejected.join(", ")));
            // NOTE: without a refusal to note, the last temporary error stays: the digest
            // reports why mail went out late.
            tx.prepare_cached(
                "UPDATE outbox SET state = 'sent', sent_at = ?2, lease_until = NULL,
                            last_error = coalesce(?3, last_error) WHERE id = ?1",
            )?
            .execute(params![id, now_s, note])?;
            rejected
        }
        Delivery::Retry { error, at } => {
            tx.execute(
                "UPDATE outbox SET state = 'pending', next_attempt_at = ?2,
                            lease_until = NULL, last_error = ?3 WHERE id = ?1",
                params![id, ts(*at), error],
            )?;
            &[]
        }
        Delivery::Failed { error, bouncing } => {
            tx.execute(
                "UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = ?2
                     WHERE id = ?1",
                params![id, error],
            )?;
            tx.execute(
                "INSERT INTO events (at, kind, subject, detail)
                     SELECT ?1, 'outbox_failed', idempotency_key, ?3 FROM outbox WHERE id = ?2",
                params![now_s, id, error],
            )?;
            bouncing
        }
    };
    let mut forgotten = false;
    if !matches!(outcome, Delivery::Retry { .. }) {
        // NOTE: the answer that tells a person their data is erased goes to their address as
        // it was; once it has left, the row keeps neither that address nor the text.
        let key: Option<String> = tx
            .prepare_cached(
                "SELECT idempotency_key FROM outbox WHERE id = ?1 AND kind = 'command'",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(IdempotencyKey::Command { person, .. }) =
            key.and_then(|k| k.parse::<IdempotencyKey>().ok())
        {
            forgotten = tx
                .prepare_cached(
                    "UPDATE outbox SET recipient = p.email
                     FROM participants p
                     WHERE outbox.id = ?1 AND p.id = ?2 AND p.status = 'forgotten'",
                )?
                .execute([id, person])?
                > 0;
        }
        if forgotten {
            tx.prepare_cached("UPDATE outbox_body SET body = x'' WHERE outbox_id = ?1")?
                .execute([id])?;
        }
    }
    // NOTE: a mailbox our relay refuses in the SMTP session (5.1.x, not policy) is disabled
    // at once rather than after `bounce_threshold` days: the answer is first-hand, from our
    // own relay, and cannot be forged or misread like a delivery report; each further try
    // only costs the relay's reputation. It still counts in the score.
    for email in bouncing {
        super::bounces::score(
            tx,
            email,
            u32::MAX,
            true,
            "the relay refused the address for good",
            now,
        )?;
    }
    Ok(forgotten)
}

impl Store {
    /// Runs `f` in one IMMEDIATE write transaction, committed when `f` returns `Ok`; inside
    /// a group ([`Store::group`]), in a savepoint of the group's transaction.
    ///
    /// # Errors
    /// Whatever `f` returns, or `Sqlite` when the transaction cannot begin or commit.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self.begin()?;
        let mut tx = Tx { tx };
        let out = f(&mut tx)?;
        tx.tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Runs `f` with `synchronous = NORMAL`, then restores FULL; inside a group, as the
    /// group commits (FULL).
    // NOTE: the sender's bookkeeping (claims and outcomes) commits without an fsync: WAL
    // keeps it safe across a crash of the process; a power loss may roll back the last few
    // outcomes, and then those messages are sent again with the same Message-ID: a duplicate
    // a receiver can recognise, never a loss. Queueing keeps FULL: losing a queued email
    // would be a loss. This is what lets delivery keep pace with the relay (benches/OUTBOUND.md).
    fn relaxed<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.in_group() {
            return f(self);
        }
        self.conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        let out = f(self);
        self.conn.execute_batch("PRAGMA synchronous = FULL")?;
        out
    }

    /// Claims up to `limit` due rows for `lease`: pending ones whose time has come and
    /// `sending` ones whose lease ran out (a sender that crashed). Rows for a recipient who
    /// is stopped, paused, gone or bouncing become `suppressed` instead, unless the row is
    /// marked always-send.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails; nothing is claimed then.
    pub fn claim_outbound(
        &mut self,
        now: DateTime<Utc>,
        limit: usize,
        lease: Duration,
    ) -> Result<Vec<OutboxEntry>, StoreError> {
        self.relaxed(|store| {
            let now_s = ts(now);
            let until = ts(now + lease);
            let tx = store.begin()?;
            let mut claimed = Vec::new();
            {
                // NOTE: two index-ordered lookups rather than one `... OR ...` query: with the
                // OR, SQLite gathers and sorts every due row (bodies included) on each claim.
                let limit = i64::try_from(limit).unwrap_or(i64::MAX);
                let mut ids: Vec<i64> = tx
                    .prepare_cached(
                        "SELECT id FROM outbox WHERE state = 'sending' AND lease_until <= ?1
                         ORDER BY id LIMIT ?2",
                    )?
                    .query_map(params![now_s, limit], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                let room = limit - i64::try_from(ids.len()).unwrap_or(0);
                if room > 0 {
                    let pending = tx
                        .prepare_cached(
                            "SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?1
                             ORDER BY next_attempt_at, id LIMIT ?2",
                        )?
                        .query_map(params![now_s, room], |r| r.get(0))?
                        .collect::<Result<Vec<i64>, _>>()?;
                    ids.extend(pending);
                }
                let mut fetch = tx.prepare_cached(
                    "SELECT o.id, o.idempotency_key, o.kind, o.recipient, o.envelope_from,
                            o.message_id, b.body, o.attempts, o.always_send
                     FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id WHERE o.id = ?1",
                )?;
                let rows = ids.iter().map(|id| {
                    fetch.query_row([id], |r| {
                        Ok((
                            OutboxEntry {
                                id: r.get(0)?,
                                key: r.get(1)?,
                                kind: r.get(2)?,
                                recipients: r
                                    .get::<_, String>(3)?
                                    .split(", ")
                                    .map(str::to_string)
                                    .collect(),
                                envelope_from: r.get(4)?,
                                message_id: r.get(5)?,
                                bytes: r.get(6)?,
                                attempts: r.get(7)?,
                            },
                            r.get::<_, bool>(8)?,
                        ))
                    })
                });
                let rows: Vec<_> = rows.collect::<Result<_, _>>()?;
                drop(fetch);
                let mut take = tx.prepare_cached(
                    "UPDATE outbox SET state = 'sending', lease_until = ?2, attempts = attempts + 1
                     WHERE id = ?1",
                )?;
                let mut suppress = tx.prepare_cached(
                    "UPDATE outbox SET state = 'suppressed', lease_until = NULL, last_error = ?2
                     WHERE id = ?1",
                )?;
                for (mut entry, always) in rows {
                    let mut reason = None;
                    if !always {
                        for r in &entry.recipients {
                            if let Some(why) = blocked(&tx, r, entry.kind, &now_s)? {
                                reason = Some(why);
                                break;
                            }
                        }
                    }
                    match reason {
                        Some(why) => {
                            suppress.execute(params![entry.id, why])?;
                        }
                        None => {
                            take.execute(params![entry.id, until])?;
                            entry.attempts += 1;
                            claimed.push(entry);
                        }
                    }
                }
            }
            tx.commit()?;
            Ok(claimed)
        })
    }

    /// Records the outcome of sending a claimed row.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails; the row stays claimed until its lease runs out then.
    pub fn record_delivery(
        &mut self,
        id: i64,
        outcome: &Delivery,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.record_deliveries(&[(id, outcome.clone(), now)])
    }

    /// Records several outcomes in one transaction (the sender's group commit). When one
    /// was a forgotten person's last email, the file is then rewritten without what it held
    /// ([`Store::scrub`]); should that fail, the next erasure tries again.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails; none is recorded then, and the rows stay claimed until
    /// their lease runs out.
    pub fn record_deliveries(
        &mut self,
        outcomes: &[(i64, Delivery, DateTime<Utc>)],
    ) -> Result<(), StoreError> {
        let forgotten = self.relaxed(|store| {
            let tx = store.begin()?;
            let mut forgotten = false;
            for (id, outcome, now) in outcomes {
                forgotten |= record_one(&tx, *id, outcome, *now)?;
            }
            tx.commit()?;
            Ok(forgotten)
        })?;
        if forgotten {
            // NOTE: best effort: the outcomes are committed whatever happens here.
            let _ = self.scrub();
        }
        Ok(())
    }

    /// Deletes the stored bodies of the emails `ids` that were sent, keeping their rows
    /// (kind, key, recipients, Message-ID, state): for `upward simulate`, whose `.eml` files
    /// are the copy of what was sent. Inside the group that queued them, their pages go
    /// back to the free list before the commit and are never written to disk.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    // NOTE: deleted, not emptied: an emptied body keeps its page (a body fills most of one),
    // and the next body takes a new page, so every body's page was still written.
    pub fn drop_sent_bodies(&mut self, ids: &[i64]) -> Result<(), StoreError> {
        let tx = self.begin()?;
        {
            let mut blank = tx.prepare_cached(
                "DELETE FROM outbox_body
                 WHERE outbox_id = ?1 AND (SELECT state FROM outbox WHERE id = ?1) = 'sent'",
            )?;
            for id in ids {
                blank.execute([id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// When the next row falls due: the earliest retry or first attempt of a pending row, or
    /// the end of a claimed row's lease. `None` when nothing waits, so the sender can sleep
    /// until then instead of looking every second.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn next_outbound_due(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let earliest: Option<String> = self.conn.query_row(
            "SELECT min(t) FROM (
                 SELECT min(next_attempt_at) AS t FROM outbox WHERE state = 'pending'
                 UNION ALL
                 SELECT min(lease_until) AS t FROM outbox WHERE state = 'sending')",
            [],
            |r| r.get(0),
        )?;
        Ok(earliest.and_then(|t| {
            DateTime::parse_from_rfc3339(&t)
                .ok()
                .map(|d| d.with_timezone(&Utc))
        }))
    }

    /// Gives claimed rows back (a sender shutting down before sending them).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails; the rows are claimed again when their lease runs out then.
    pub fn release_outbound(&mut self, ids: &[i64]) -> Result<(), StoreError> {
        self.relaxed(|store| {
            let tx = store.begin()?;
            {
                let mut stmt = tx.prepare_cached(
                    "UPDATE outbox SET state = 'pending', lease_until = NULL,
                            attempts = max(attempts - 1, 0)
                     WHERE id = ?1 AND state = 'sending'",
                )?;
                for id in ids {
                    stmt.execute([id])?;
                }
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Hands every row still claimed (`sending`) back to the queue. Only for a daemon that
    /// holds the database's lock at start: whoever claimed them is dead, so waiting for their
    /// lease to run out would only delay delivery. A message the dead sender had already
    /// handed to the relay goes again with the same Message-ID (at most one per connection).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn release_stale_claims(&mut self) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "UPDATE outbox SET state = 'pending', lease_until = NULL WHERE state = 'sending'",
            [],
        )?)
    }

    /// Rows by state (`pending`, `sending`, `sent`, `failed`, `suppressed`) with counts.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn outbox_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT state, count(*) FROM outbox GROUP BY state ORDER BY state")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The row with this idempotency key, if any.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn outbox_row(&self, key: &str) -> Result<Option<OutboxRow>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT idempotency_key, kind, state, attempts, last_error, message_id,
                        next_attempt_at
                 FROM outbox WHERE idempotency_key = ?1",
                [key],
                |r| {
                    Ok(OutboxRow {
                        key: r.get(0)?,
                        kind: r.get(1)?,
                        state: r.get(2)?,
                        attempts: r.get(3)?,
                        last_error: r.get(4)?,
                        message_id: r.get(5)?,
                        next_attempt_at: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// Whether the address is marked as bouncing.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn is_bouncing(&self, email: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT bouncing FROM participants WHERE email = ?1",
                [email],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }

    /// The participant's id in the store, if present.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn participant_id(&self, email: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM participants WHERE email = ?1",
                [email],
                |r| r.get(0),
            )
            .optional()?)
    }
}
