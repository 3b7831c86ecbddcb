//! Owns the SQL of inbound mail's effects, inside the caller's write transaction ([`Tx`]):
//! the message record (deduplicated by its key), the lookups routing needs, participants'
//! status changes from commands (pause, resume, stop, skip), ending and replacing pairs,
//! the refusal-notice rate limit, bounce and complaint marks, and FORGET ME's erasure.
//! Does not decide anything: `inbound::process` does, and calls these in one transaction per
//! batch of messages.
//!
//! For the prompt job (which lives in `schedule`), two calls matter:
//! - [`Store::resume_due_pauses`] (also run at every inbound tick) makes `PAUSE UNTIL`
//!   end by itself: a participant paused until a day is active again from that day (UTC);
//! - [`Tx::take_prompt_skip`] consumes a `SKIP`: call it before queueing a prompt to a
//!   participant, and queue nothing when it returns true. One SKIP skips one prompt.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::rounds::insert_pair;
use super::sessions::{record_in, touch_contact};
use super::{Correction, NewPair, Recorded, Report, Store, StoreError, Tx, ts};
use crate::config::Role;

/// A participant as inbound mail needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantRow {
    pub id: i64,
    /// Lowercased.
    pub email: String,
    pub name: String,
    pub role: Role,
    pub department: Option<String>,
    /// An IANA zone name.
    pub timezone: String,
    /// `active`, `paused`, `stopped`, `left` or `forgotten`.
    pub status: String,
    /// `YYYY-MM-DD` when paused until a day.
    pub paused_until: Option<String>,
    pub bouncing: bool,
}

/// A pair as routing needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRef {
    pub id: i64,
    pub round_id: i64,
    /// The round's number (part of the introduction's idempotency key).
    pub round: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    /// Not ended.
    pub active: bool,
}

impl PairRef {
    /// Whether `participant` is one of the two.
    pub fn has(&self, participant: i64) -> bool {
        self.mentor_id == participant || self.mentee_id == participant
    }

    /// The other partner of `participant`.
    pub fn other(&self, participant: i64) -> i64 {
        if self.mentor_id == participant {
            self.mentee_id
        } else {
            self.mentor_id
        }
    }
}

/// One message record.
#[derive(Debug, Clone, Copy)]
pub struct NewInbound<'a> {
    /// `message-id:<id>` or `sha256:<hex>`: unique.
    pub dedup_key: &'a str,
    pub message_id: Option<&'a str>,
    pub sha256: &'a str,
    /// `maildir`, `imap` or `stdin`.
    pub source: &'a str,
    pub sender: Option<&'a str>,
    pub pair_id: Option<i64>,
    /// The pipeline's kind (`reply`, `command`, `bounce`, `unrouted`…).
    pub classification: &'a str,
    /// `processed`, `quarantined` or `refused`.
    pub status: &'a str,
    pub reason: Option<&'a str>,
    /// Kept for review; `None` for mail nobody needs to read again (auto-replies).
    pub raw: Option<&'a [u8]>,
}

/// How much of a quarantined message's header section, and then of its body, is kept.
pub const QUARANTINE_KEEP_BYTES: usize = 64 * 1024;

/// What is kept of a quarantined message: its header section and the first
/// [`QUARANTINE_KEEP_BYTES`] of its body (the header section itself cut at as many bytes);
/// `None` when that is the whole message.
pub fn quarantine_excerpt(raw: &[u8]) -> Option<Vec<u8>> {
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
        .into_iter()
        .chain(raw.windows(2).position(|w| w == b"\n\n").map(|p| p + 2))
        .min()
        .unwrap_or(raw.len());
    let head = head_end.min(QUARANTINE_KEEP_BYTES);
    let body = (raw.len() - head_end).min(QUARANTINE_KEEP_BYTES);
    if head == head_end && body == raw.len() - head_end {
        return None;
    }
    let mut kept = raw[..head].to_vec();
    if head < head_end {
        // The header section was cut: end it, so the excerpt still reads as a message.
        kept.extend_from_slice(b"\r\n\r\n");
    }
    kept.extend_from_slice(&raw[head_end..head_end + body]);
    Some(kept)
}

/// A message already recorded under a dedup key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownInbound {
    pub id: i64,
    pub sha256: String,
    pub status: String,
}

/// What the pairing engine needs to find replacements, read inside the transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairingState {
    /// Every pair ever made, as (mentor, mentee) addresses.
    pub history: Vec<(String, String)>,
    /// The active pairs, as (mentor, mentee) addresses.
    pub current: Vec<(String, String)>,
    /// Addresses of participants who may not be paired now (not active, or bouncing).
    pub unavailable: Vec<String>,
}

fn row_to_participant(r: &rusqlite::Row<'_>) -> rusqlite::Result<ParticipantRow> {
    let role: String = r.get(3)?;
    Ok(ParticipantRow {
        id: r.get(0)?,
        email: r.get(1)?,
        name: r.get(2)?,
        role: if role == "mentee" {
            Role::Mentee
        } else {
            Role::Mentor
        },
        department: r.get(4)?,
        timezone: r.get(5)?,
        status: r.get(6)?,
        paused_until: r.get(7)?,
        bouncing: r.get(8)?,
    })
}

const PARTICIPANT_COLUMNS: &str =
    "id, email, name, role, department, timezone, status, paused_until, bouncing";

fn row_to_pair(r: &rusqlite::Row<'_>) -> rusqlite::Result<PairRef> {
    Ok(PairRef {
        id: r.get(0)?,
        round_id: r.get(1)?,
        round: r.get(2)?,
        mentor_id: r.get(3)?,
        mentee_id: r.get(4)?,
        active: r.get::<_, String>(5)? == "active",
    })
}

// NOTE: parameters compared with `= +?1`, not `= ?1`, wherever a statement joins or sorts:
// SQLite (3.54, built with STAT4) otherwise marks the statement to be prepared again each
// time the parameter's value changes, which costs more than running it. The index is used
// either way.
const PAIR_SELECT: &str = "SELECT p.id, p.round_id, r.number, p.mentor_id, p.mentee_id, p.status
     FROM pairs p JOIN rounds r ON r.id = p.round_id";

/// Lowercase hex SHA-256 of a lowercased address: how forgotten addresses are remembered.
/// What erasing a participant leaves for the caller to erase outside the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forgotten {
    /// The address they have now (`forgotten-ID@invalid`).
    pub placeholder: String,
    /// The address they had: to find copies of their mail in the Maildir.
    pub email: String,
    /// Message-IDs (with brackets) of emails to them or about them: their `.eml` copies go.
    pub outbox_message_ids: Vec<String>,
    /// Message-IDs (without brackets) of the messages they sent.
    pub their_message_ids: Vec<String>,
}

/// The marker of a forgotten address before markers were keyed: a plain SHA-256 of the
/// lowercased address, which anyone can recompute. Read, never written.
fn legacy_address_hash(email: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(email.trim().to_lowercase().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A transaction-level failure a retry may cure (busy, locked, disk full, I/O), as opposed
/// to one caused by the data of one message.
pub fn is_transient(err: &StoreError) -> bool {
    use rusqlite::ErrorCode as C;
    match err {
        StoreError::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(
                C::DatabaseBusy
                    | C::DatabaseLocked
                    | C::DiskFull
                    | C::SystemIoFailure
                    | C::CannotOpen
                    | C::ReadOnly
                    | C::OutOfMemory
                    | C::FileLockingProtocolFailed
            )
        ),
        StoreError::Open { .. } | StoreError::Missing { .. } => true,
        _ => false,
    }
}

/// Prepared statements kept per connection: a batch of messages runs about forty distinct
/// ones (rusqlite keeps sixteen by default, and re-preparing a statement whose table has
/// triggers costs more than running it).
const STATEMENT_CACHE: usize = 64;

impl Tx<'_> {
    /// Keeps the statements a batch of messages runs prepared across messages and batches.
    pub fn keep_statements(&self) {
        self.tx
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let _ = self.tx.execute_batch("PRAGMA cache_size = -32768");
    }

    /// Starts a savepoint: one message's effects, which [`Tx::rollback_savepoint`] can undo
    /// without losing the rest of the batch.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn savepoint(&mut self) -> Result<(), StoreError> {
        self.tx.execute_batch("SAVEPOINT message")?;
        Ok(())
    }

    /// Keeps what was done since [`Tx::savepoint`].
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn release_savepoint(&mut self) -> Result<(), StoreError> {
        self.tx.execute_batch("RELEASE message")?;
        Ok(())
    }

    /// Undoes what was done since [`Tx::savepoint`].
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn rollback_savepoint(&mut self) -> Result<(), StoreError> {
        self.tx
            .execute_batch("ROLLBACK TO message; RELEASE message")?;
        Ok(())
    }

    /// The message already recorded under `dedup_key`, if any.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn inbound_known(&self, dedup_key: &str) -> Result<Option<KnownInbound>, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT id, sha256, status FROM inbound WHERE dedup_key = ?1")?
            .query_row([dedup_key], |r| {
                Ok(KnownInbound {
                    id: r.get(0)?,
                    sha256: r.get(1)?,
                    status: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// Records a message; returns its id.
    ///
    /// # Errors
    /// `Duplicate` when its dedup key is already recorded; `Sqlite` otherwise.
    pub fn insert_inbound(
        &mut self,
        m: &NewInbound<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        // NOTE: quarantined mail may come from anyone and be as big as the size cap: only
        // enough to review it is kept (see `quarantine_excerpt`), and the scheduler drops
        // even that after `[inbound] quarantine_days`.
        let excerpt = match (m.status, m.raw) {
            ("quarantined", Some(raw)) => quarantine_excerpt(raw),
            _ => None,
        };
        let reason = match &excerpt {
            Some(kept) => Some(format!(
                "{}; kept for review: the headers and the first {} bytes of {}",
                m.reason.unwrap_or("quarantined"),
                kept.len(),
                m.raw.map_or(0, <[u8]>::len)
            )),
            None => m.reason.map(str::to_string),
        };
        let raw = excerpt.as_deref().or(m.raw);
        self.tx
            .prepare_cached(
                "INSERT INTO inbound (dedup_key, message_id, sha256, source, received_at, sender,
                                      pair_id, classification, status, reason, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                m.dedup_key,
                m.message_id,
                m.sha256,
                m.source,
                ts(now),
                m.sender,
                m.pair_id,
                m.classification,
                m.status,
                reason,
                raw
            ])
            .map_err(|err| match err {
                rusqlite::Error::SqliteFailure(e, _)
                    if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    StoreError::Duplicate {
                        key: m.dedup_key.to_string(),
                    }
                }
                other => StoreError::Sqlite(other),
            })?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Drops the kept bytes of messages quarantined before `cutoff` (the record, its reason
    /// and its dedup key stay, so the same message is still recognised); returns how many.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn drop_quarantined_before(&mut self, cutoff: DateTime<Utc>) -> Result<usize, StoreError> {
        Ok(self
            .tx
            .prepare_cached(
                "UPDATE inbound SET raw = NULL,
                        reason = coalesce(reason, 'quarantined') || '; the message was dropped after its retention'
                 WHERE status = 'quarantined' AND raw IS NOT NULL AND received_at < ?1",
            )?
            .execute([ts(cutoff)])?)
    }

    /// The participant with this address (any case), unless forgotten.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn participant_row(&self, email: &str) -> Result<Option<ParticipantRow>, StoreError> {
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT {PARTICIPANT_COLUMNS} FROM participants
                 WHERE email = ?1 AND status <> 'forgotten'"
            ))?
            .query_row([email], row_to_participant)
            .optional()?)
    }

    /// The participant with this id.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn participant_row_by_id(&self, id: i64) -> Result<Option<ParticipantRow>, StoreError> {
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE id = ?1"
            ))?
            .query_row([id], row_to_participant)
            .optional()?)
    }

    /// The pair with this id, active or ended.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pair_ref(&self, id: i64) -> Result<Option<PairRef>, StoreError> {
        Ok(self
            .tx
            .prepare_cached(&format!("{PAIR_SELECT} WHERE p.id = +?1"))?
            .query_row([id], row_to_pair)
            .optional()?)
    }

    /// The active pairs of a participant, oldest first.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn active_pairs_of(&self, participant: i64) -> Result<Vec<PairRef>, StoreError> {
        let mut stmt = self.tx.prepare_cached(&format!(
            "{PAIR_SELECT} WHERE p.status = 'active' AND p.mentor_id = +?1
             UNION ALL {PAIR_SELECT} WHERE p.status = 'active' AND p.mentee_id = +?1"
        ))?;
        let mut pairs: Vec<PairRef> = stmt
            .query_map([participant], row_to_pair)?
            .collect::<Result<_, _>>()?;
        pairs.sort_by_key(|p| p.id);
        Ok(pairs)
    }

    /// The idempotency key of the email we sent with this Message-ID (without brackets).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn sent_key(&self, message_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx
            .prepare_cached("SELECT idempotency_key FROM outbox WHERE message_id = ?1")?
            .query_row([format!("<{message_id}>")], |r| r.get(0))
            .optional()?)
    }

    /// The recipients of the email we sent with this Message-ID (without brackets), or
    /// `None` when we sent no such email.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn sent_recipients(&self, message_id: &str) -> Result<Option<Vec<String>>, StoreError> {
        let recipients: Option<String> = self
            .tx
            .prepare_cached("SELECT recipient FROM outbox WHERE message_id = ?1")?
            .query_row([format!("<{message_id}>")], |r| r.get(0))
            .optional()?;
        Ok(recipients.map(|r| r.split(", ").map(str::to_lowercase).collect()))
    }

    /// Appends to the audit log.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn event(
        &mut self,
        at: DateTime<Utc>,
        kind: &str,
        subject: Option<&str>,
        detail: Option<&str>,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO events (at, kind, subject, detail) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![ts(at), kind, subject, detail])?;
        Ok(())
    }

    /// Records a report in this transaction (see `sessions`: both partners' reports of one
    /// meeting are one session), or with `correction` a correction of an earlier report.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn record_report(
        &mut self,
        report: &Report,
        correction: Option<Correction>,
        now: DateTime<Utc>,
    ) -> Result<Recorded, StoreError> {
        record_in(&self.tx, report, correction, &ts(now))
    }

    /// Notes that the pair was in touch on `date` (a conversation on their thread).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn touch_contact(&mut self, pair_id: i64, date: NaiveDate) -> Result<(), StoreError> {
        touch_contact(&self.tx, pair_id, &date.to_string())
    }

    /// Sets a participant's status (`active`, `paused`, `stopped`) and pause end, with an
    /// audit event of `kind`. Returns whether anything changed.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_participant_status(
        &mut self,
        participant: i64,
        status: &str,
        paused_until: Option<NaiveDate>,
        kind: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let until = paused_until.map(|d| d.to_string());
        let changed = self.tx.execute(
            "UPDATE participants SET status = ?2, paused_until = ?3, updated_at = ?4
             WHERE id = ?1 AND (status <> ?2 OR paused_until IS NOT ?3)",
            params![participant, status, until, ts(now)],
        )?;
        self.tx.execute(
            "INSERT INTO events (at, kind, subject, detail) VALUES (?1, ?2, ?3, ?4)",
            params![
                ts(now),
                kind,
                format!("participant {participant}"),
                until.map(|u| format!("until {u}"))
            ],
        )?;
        Ok(changed > 0)
    }

    /// Ends paused participants' pauses whose day has come; returns their ids.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn resume_due_pauses(&mut self, now: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
        let now_s = ts(now);
        let ids: Vec<i64> = self
            .tx
            .prepare_cached(
                "UPDATE participants SET status = 'active', paused_until = NULL, updated_at = ?1
                 WHERE status = 'paused' AND paused_until IS NOT NULL AND paused_until <= ?1
                 RETURNING id",
            )?
            .query_map([&now_s], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in &ids {
            self.tx.execute(
                "INSERT INTO events (at, kind, subject, detail)
                 VALUES (?1, 'resumed', ?2, 'the pause ended on its day')",
                params![now_s, format!("participant {id}")],
            )?;
        }
        Ok(ids)
    }

    /// Records a SKIP: the participant's next prompt is not sent.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn request_skip(
        &mut self,
        participant: i64,
        pair: Option<i64>,
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT INTO prompt_skips (participant_id, pair_id, inbound_id, requested_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![participant, pair, inbound, ts(now)],
        )?;
        Ok(())
    }

    /// Consumes one open SKIP of the participant for the prompt of `occurrence`; true when
    /// there was one (and the prompt must not be queued).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn take_prompt_skip(
        &mut self,
        participant: i64,
        occurrence: NaiveDate,
    ) -> Result<bool, StoreError> {
        let taken = self.tx.execute(
            "UPDATE prompt_skips SET used_for = ?2 WHERE id = (
                 SELECT id FROM prompt_skips WHERE participant_id = ?1 AND used_for IS NULL
                 ORDER BY id LIMIT 1)",
            params![participant, occurrence.to_string()],
        )?;
        Ok(taken > 0)
    }

    /// Claims the day's one notice to `address` for `reason`: true the first time that day.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn claim_notice(
        &mut self,
        address: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO notices (address, reason, day, at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                address,
                reason,
                now.date_naive().to_string(),
                ts(now)
            ])?;
        Ok(inserted > 0)
    }

    /// Ends an active pair and adds `replacements` to its round; returns the new pairs' ids
    /// (nothing when the pair had already ended).
    ///
    /// # Errors
    /// `Duplicate` for a replacement already in the round, `NotFound` for one naming a
    /// stranger, `Sqlite` otherwise.
    pub fn end_pair_with(
        &mut self,
        pair: &PairRef,
        reason: &str,
        now: DateTime<Utc>,
        replacements: &[NewPair],
    ) -> Result<Vec<i64>, StoreError> {
        let now_s = ts(now);
        let ended = self.tx.execute(
            "UPDATE pairs SET status = 'ended', ended_at = ?2, end_reason = ?3
             WHERE id = ?1 AND status = 'active'",
            params![pair.id, now_s, reason],
        )?;
        if ended == 0 {
            return Ok(Vec::new());
        }
        replacements
            .iter()
            .map(|p| insert_pair(&self.tx, pair.round_id, p, &now_s))
            .collect()
    }

    /// History, current pairs and unavailable people, for `pairing::repair`.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pairing_state(&self) -> Result<PairingState, StoreError> {
        let mut state = PairingState::default();
        let mut stmt = self.tx.prepare_cached(
            "SELECT m.email, e.email, p.status = 'active' FROM pairs p
             JOIN participants m ON m.id = p.mentor_id
             JOIN participants e ON e.id = p.mentee_id ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (mentor, mentee, active): (String, String, bool) = row?;
            if active {
                state.current.push((mentor.clone(), mentee.clone()));
            }
            state.history.push((mentor, mentee));
        }
        state.unavailable = self
            .tx
            .prepare_cached(
                "SELECT email FROM participants WHERE status <> 'active' OR bouncing = 1",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(state)
    }

    /// Erases a participant's personal data, keeping anonymous counts: name and address
    /// become a placeholder; their feedback notes, the raw messages they sent and their
    /// entries in the session history are deleted; their name and address leave the audit
    /// log, the notices table and their pairs' matching reasons; every email to them or about
    /// their pairs keeps no body (one still to be sent is suppressed), and answers drafted to
    /// them are dropped. Sessions, ratings and the pair rows stay, by id. The address is
    /// remembered only as `marker` computes it (keyed with the program's secret), so a
    /// re-listed person is not written to again. Returns what the caller must erase outside
    /// the database.
    ///
    /// # Errors
    /// `NotFound` for an unknown id; `Sqlite` otherwise.
    pub fn forget_participant(
        &mut self,
        participant: i64,
        marker: &dyn Fn(&str) -> String,
        now: DateTime<Utc>,
    ) -> Result<Forgotten, StoreError> {
        let now_s = ts(now);
        let (email, name): (String, String) = self
            .tx
            .query_row(
                "SELECT email, name FROM participants WHERE id = ?1",
                [participant],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("participant {participant}"),
            })?;
        let placeholder = format!("forgotten-{participant}@invalid");
        let placeholder_name = format!("Forgotten participant {participant}");
        let c = &self.tx;
        let their_messages: Vec<String> = c
            .prepare("SELECT message_id FROM inbound WHERE sender = ?1 AND message_id IS NOT NULL")?
            .query_map([&email], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let pairs: Vec<i64> = c
            .prepare("SELECT id FROM pairs WHERE mentor_id = ?1 OR mentee_id = ?1")?
            .query_map([participant], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        c.execute(
            "UPDATE participants SET name = ?2, email = ?3, department = NULL, status = 'forgotten',
                    paused_until = NULL, left_at = ?4, updated_at = ?4 WHERE id = ?1",
            params![participant, placeholder_name, placeholder, now_s],
        )?;
        c.execute(
            "UPDATE feedback SET notes = NULL, updated_at = ?2 WHERE participant_id = ?1",
            params![participant, now_s],
        )?;
        c.execute(
            "DELETE FROM session_history WHERE participant_id = ?1",
            [participant],
        )?;
        c.execute(
            "UPDATE inbound SET raw = NULL, sender = NULL, reason = replace(reason, ?1, ?2)
             WHERE sender = ?1",
            params![email, placeholder],
        )?;
        for (from, to) in [(&email, &placeholder), (&name, &placeholder_name)] {
            c.execute(
                "UPDATE events SET subject = replace(subject, ?1, ?2), detail = replace(detail, ?1, ?2)
                 WHERE instr(subject, ?1) > 0 OR instr(detail, ?1) > 0",
                params![from, to],
            )?;
            c.execute(
                "UPDATE pairs SET reasons = replace(reasons, ?1, ?2)
                 WHERE (mentor_id = ?3 OR mentee_id = ?3) AND instr(reasons, ?1) > 0",
                params![from, to, participant],
            )?;
            c.execute(
                "UPDATE outbox SET last_error = replace(last_error, ?1, ?2)
                 WHERE instr(last_error, ?1) > 0",
                params![from, to],
            )?;
        }
        c.execute("DELETE FROM notices WHERE address = ?1", [&email])?;
        c.execute(
            "DELETE FROM drafts WHERE recipient = ?1 COLLATE NOCASE",
            [&email],
        )?;
        // Every email to them, about one of their pairs, or to HR (digests name people): its
        // row stays for the counts, its body goes, and what was still to go is not sent.
        let mut scrubbed: Vec<String> = Vec::new();
        {
            let mut about = c.prepare(
                "SELECT id, message_id FROM outbox
                 WHERE instr(lower(recipient), lower(?1)) > 0
                    OR kind = 'hr_digest'
                    OR instr(body, CAST(?1 AS BLOB)) > 0
                    OR instr(body, CAST(?2 AS BLOB)) > 0",
            )?;
            let mut rows: Vec<(i64, String)> = about
                .query_map(params![email, name], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let mut of_pair = c.prepare(
                "SELECT id, message_id FROM outbox
                 WHERE idempotency_key LIKE 'intro:%:' || ?1
                    OR idempotency_key LIKE 'prompt:' || ?1 || ':%'
                    OR idempotency_key LIKE 'nudge:' || ?1 || ':%'
                    OR idempotency_key LIKE 'confirm:' || ?1 || ':%'
                    OR idempotency_key LIKE 'closing:' || ?1 || ':%'",
            )?;
            for pair in &pairs {
                let more: Vec<(i64, String)> = of_pair
                    .query_map([pair], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<Result<_, _>>()?;
                rows.extend(more);
            }
            let mut scrub = c.prepare(
                "UPDATE outbox SET recipient = replace(lower(recipient), lower(?2), ?3), body = x'',
                        state = CASE WHEN state IN ('pending', 'sending') THEN 'suppressed' ELSE state END,
                        last_error = CASE WHEN state IN ('pending', 'sending')
                                          THEN 'about a participant who asked to be forgotten'
                                          ELSE last_error END
                 WHERE id = ?1",
            )?;
            for (id, message_id) in rows {
                scrub.execute(params![id, email, placeholder])?;
                scrubbed.push(message_id);
            }
        }
        scrubbed.sort_unstable();
        scrubbed.dedup();
        c.execute(
            "INSERT INTO forgotten (address_sha256, at) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![marker(&email), now_s],
        )?;
        c.execute(
            "INSERT INTO events (at, kind, subject, detail) VALUES (?1, 'forgotten', ?2, ?3)",
            params![
                now_s,
                format!("participant {participant}"),
                "personal data erased at their request; remove them from the participants file"
            ],
        )?;
        Ok(Forgotten {
            placeholder,
            email,
            outbox_message_ids: scrubbed,
            their_message_ids: their_messages,
        })
    }

    /// Marks participants added after id `after` whose address was forgotten before (HR's
    /// file still lists them) as `forgotten`, so nothing is sent to them; returns the
    /// highest participant id seen and the ids marked.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn reforget_readded(
        &mut self,
        after: i64,
        marker: &dyn Fn(&str) -> String,
        now: DateTime<Utc>,
    ) -> Result<(i64, Vec<i64>), StoreError> {
        let any_forgotten: bool =
            self.tx
                .query_row("SELECT EXISTS (SELECT 1 FROM forgotten)", [], |r| r.get(0))?;
        let rows: Vec<(i64, String, String)> = self
            .tx
            .prepare_cached("SELECT id, email, status FROM participants WHERE id > ?1")?
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let highest = rows.iter().map(|(id, _, _)| *id).max().unwrap_or(after);
        let mut marked = Vec::new();
        if !any_forgotten {
            return Ok((highest, marked));
        }
        for (id, email, status) in rows {
            if status == "forgotten" {
                continue;
            }
            // NOTE: markers written before they were keyed are a plain SHA-256; both count.
            let known: bool = self.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM forgotten WHERE address_sha256 IN (?1, ?2))",
                [marker(&email), legacy_address_hash(&email)],
                |r| r.get(0),
            )?;
            if known {
                self.tx.execute(
                    "UPDATE participants SET status = 'forgotten' WHERE id = ?1",
                    [id],
                )?;
                self.tx.execute(
                    "INSERT INTO events (at, kind, subject, detail)
                     VALUES (?1, 'forgotten_readded', ?2, ?3)",
                    params![
                        ts(now),
                        format!("participant {id}"),
                        "a participant who asked to be forgotten is listed again; nothing is sent to them; remove them from the participants file"
                    ],
                )?;
                marked.push(id);
            }
        }
        Ok((highest, marked))
    }
}

impl Store {
    /// Whether the address `email` was erased at its owner's request, by its `marker` (or
    /// the plain hash kept before markers were keyed).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn was_forgotten(&self, email: &str, marker: &str) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM forgotten WHERE address_sha256 IN (?1, ?2))",
            [marker, &legacy_address_hash(email)],
            |r| r.get(0),
        )?)
    }

    /// Ends paused participants' pauses whose day has come, in a transaction of its own;
    /// returns their ids. The prompt job calls it before choosing recipients.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn resume_due_pauses(&mut self, now: DateTime<Utc>) -> Result<Vec<i64>, StoreError> {
        self.write(|tx| tx.resume_due_pauses(now))
    }

    /// The number of open SKIP requests of a participant (for `status` and tests).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn open_skips(&self, participant: i64) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM prompt_skips WHERE participant_id = ?1 AND used_for IS NULL",
            [participant],
            |r| r.get(0),
        )?)
    }

    /// The address of the participant with this id; `None` when there is no such
    /// participant or they were forgotten.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn participant_address(&self, id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT email FROM participants WHERE id = ?1 AND status <> 'forgotten'",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// One integer from a query: for tests that check what other modules stored.
    #[cfg(test)]
    pub(crate) fn query_i64(&self, sql: &str) -> i64 {
        self.conn
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The bytes of a queued email, by key: for tests that read what was composed.
    #[cfg(test)]
    pub(crate) fn outbox_bytes(&self, key: &str) -> Vec<u8> {
        self.conn
            .query_row(
                "SELECT body FROM outbox WHERE idempotency_key = ?1",
                [key],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{key}: {e}"))
    }

    /// Inbound messages by status (`processed`, `quarantined`, `refused`) with counts.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn inbound_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT status, count(*) FROM inbound GROUP BY status ORDER BY status")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::sessions::testutil::seed_pair;
    use super::*;
    use chrono::Duration;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// A stand-in for the keyed marker inbound computes.
    fn keyed(email: &str) -> String {
        format!("k:{email}")
    }

    fn inbound<'a>(key: &'a str, sender: &'a str) -> NewInbound<'a> {
        NewInbound {
            dedup_key: key,
            message_id: None,
            sha256: "00",
            source: "stdin",
            sender: Some(sender),
            pair_id: None,
            classification: "reply",
            status: "processed",
            reason: None,
            raw: Some(b"raw bytes"),
        }
    }

    #[test]
    fn a_quarantined_message_keeps_its_headers_and_the_first_64_kib() {
        let small = b"From: a@x\r\n\r\nhello\r\n".to_vec();
        assert_eq!(quarantine_excerpt(&small), None);
        let mut big = b"From: a@x\r\nSubject: big\r\n\r\n".to_vec();
        let head = big.len();
        big.extend(std::iter::repeat_n(b'x', 300 * 1024));
        let kept = quarantine_excerpt(&big).unwrap();
        assert_eq!(kept.len(), head + QUARANTINE_KEEP_BYTES);
        assert_eq!(&kept[..], &big[..kept.len()]);
        // A header section over the limit is cut too, and still ends.
        let mut huge_head = b"X-Junk: ".to_vec();
        huge_head.extend(std::iter::repeat_n(b'y', 200 * 1024));
        huge_head.extend_from_slice(b"\n\nbody\n");
        let kept = quarantine_excerpt(&huge_head).unwrap();
        assert_eq!(kept.len(), QUARANTINE_KEEP_BYTES + 4 + 5);
        assert!(kept.ends_with(b"\r\n\r\nbody\n"));
        // No body at all: the headers alone, cut.
        let only_head = vec![b'z'; 100 * 1024];
        assert_eq!(
            quarantine_excerpt(&only_head).unwrap().len(),
            QUARANTINE_KEEP_BYTES + 4
        );

        let mut store = Store::open_in_memory().unwrap();
        let old = at("2027-01-01T10:00:00Z");
        let new = at("2027-02-05T10:00:00Z");
        store
            .write(|tx| {
                let q = |key| NewInbound {
                    status: "quarantined",
                    reason: Some("the message has 2 From headers"),
                    raw: Some(&big),
                    ..inbound(key, "a@x.example")
                };
                tx.insert_inbound(&q("sha256:old"), old)?;
                tx.insert_inbound(&q("sha256:new"), new)?;
                tx.insert_inbound(&inbound("sha256:processed", "a@x.example"), old)
            })
            .unwrap();
        assert_eq!(
            store.query_i64("SELECT max(length(raw)) FROM inbound"),
            (head + QUARANTINE_KEEP_BYTES) as i64
        );
        assert_eq!(
            store.query_i64(&format!(
                "SELECT count(*) FROM inbound WHERE reason LIKE '%kept for review: the headers and the first {} bytes of {}%'",
                head + QUARANTINE_KEEP_BYTES,
                big.len()
            )),
            2
        );

        // Thirty days after the first: only it is dropped, its record kept.
        let cutoff = new - Duration::days(30);
        assert_eq!(
            store
                .write(|tx| tx.drop_quarantined_before(cutoff))
                .unwrap(),
            1
        );
        assert_eq!(
            store.query_i64(
                "SELECT count(*) FROM inbound WHERE raw IS NULL AND dedup_key = 'sha256:old' AND reason LIKE '%dropped after its retention'"
            ),
            1
        );
        assert_eq!(
            store.query_i64("SELECT count(*) FROM inbound WHERE raw IS NOT NULL"),
            2,
            "the newer quarantine and the processed message keep theirs"
        );
        assert_eq!(
            store
                .write(|tx| tx.drop_quarantined_before(cutoff))
                .unwrap(),
            0
        );
    }

    #[test]
    fn a_dedup_key_is_recorded_once() {
        let mut store = Store::open_in_memory().unwrap();
        let now = at("2027-01-12T10:00:00Z");
        let result: Result<(), StoreError> = store.write(|tx| {
            tx.insert_inbound(&inbound("message-id:a@x", "a@x.example"), now)?;
            assert!(tx.inbound_known("message-id:a@x")?.is_some());
            let again = tx.insert_inbound(&inbound("message-id:a@x", "a@x.example"), now);
            assert!(matches!(again, Err(StoreError::Duplicate { .. })));
            Ok(())
        });
        result.unwrap();
        assert_eq!(
            store.inbound_counts().unwrap(),
            vec![("processed".to_string(), 1)]
        );
    }

    #[test]
    fn a_pause_until_a_day_ends_by_itself_on_that_day() {
        let mut store = Store::open_in_memory().unwrap();
        let (_, mentor, _) = seed_pair(&mut store, 1);
        let until = NaiveDate::from_ymd_opt(2027, 1, 20).unwrap();
        store
            .write(|tx| {
                tx.set_participant_status(
                    mentor,
                    "paused",
                    Some(until),
                    "paused",
                    at("2027-01-12T10:00:00Z"),
                )
            })
            .unwrap();
        assert_eq!(
            store.resume_due_pauses(at("2027-01-19T23:59:00Z")).unwrap(),
            Vec::<i64>::new()
        );
        assert_eq!(
            store
                .participant_status("mentor1@x.example")
                .unwrap()
                .as_deref(),
            Some("paused")
        );
        assert_eq!(
            store.resume_due_pauses(at("2027-01-20T00:01:00Z")).unwrap(),
            vec![mentor]
        );
        assert_eq!(
            store
                .participant_status("mentor1@x.example")
                .unwrap()
                .as_deref(),
            Some("active")
        );
        assert_eq!(store.count_events("resumed").unwrap(), 1);
    }

    #[test]
    fn one_skip_skips_one_prompt() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        let now = at("2027-01-12T10:00:00Z");
        store
            .write(|tx| {
                let id = tx.insert_inbound(&inbound("k1", "mentor1@x.example"), now)?;
                tx.request_skip(mentor, Some(pair), id, now)
            })
            .unwrap();
        assert_eq!(store.open_skips(mentor).unwrap(), 1);
        let monday = NaiveDate::from_ymd_opt(2027, 1, 18).unwrap();
        let taken = store
            .write(|tx| {
                Ok::<_, StoreError>((
                    tx.take_prompt_skip(mentor, monday)?,
                    tx.take_prompt_skip(mentor, monday + Duration::days(7))?,
                ))
            })
            .unwrap();
        assert_eq!(taken, (true, false));
        assert_eq!(store.open_skips(mentor).unwrap(), 0);
    }

    #[test]
    fn a_notice_is_claimed_once_per_address_reason_and_day() {
        let mut store = Store::open_in_memory().unwrap();
        let claims = store
            .write(|tx| {
                let morning = at("2027-01-12T08:00:00Z");
                let evening = at("2027-01-12T20:00:00Z");
                let next = at("2027-01-13T08:00:00Z");
                Ok::<_, StoreError>(vec![
                    tx.claim_notice("x@evil.example", "sender_not_in_pair", morning)?,
                    tx.claim_notice("X@Evil.example", "sender_not_in_pair", evening)?,
                    tx.claim_notice("x@evil.example", "forged_token", evening)?,
                    tx.claim_notice("x@evil.example", "sender_not_in_pair", next)?,
                ])
            })
            .unwrap();
        assert_eq!(claims, vec![true, false, true, true]);
    }

    #[test]
    fn forgetting_erases_personal_data_and_keeps_counts() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, mentor, _) = seed_pair(&mut store, 1);
        let now = at("2027-01-12T10:00:00Z");
        let erased = store
            .write(|tx| {
                let id = tx.insert_inbound(&inbound("k1", "mentor1@x.example"), now)?;
                tx.record_report(
                    &Report {
                        pair_id: pair,
                        participant_id: mentor,
                        inbound_id: Some(id),
                        met: Some(true),
                        date: NaiveDate::from_ymd_opt(2027, 1, 11).unwrap(),
                        minutes: Some(30),
                        topics: vec![],
                        rating: Some(4),
                        notes: Some("my private words".into()),
                        flagged: false,
                        cancelled_by: None,
                    },
                    None,
                    now,
                )?;
                tx.event(now, "bouncing", Some("mentor1@x.example"), None)?;
                tx.forget_participant(mentor, &keyed, now)
            })
            .unwrap();
        assert_eq!(erased.placeholder, "forgotten-1@invalid");
        let c = &store.conn;
        let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            count(
                "SELECT count(*) FROM participants WHERE email LIKE 'mentor1%' OR name LIKE 'mentor 1'"
            ),
            0
        );
        assert_eq!(
            count("SELECT count(*) FROM feedback WHERE notes IS NOT NULL"),
            0
        );
        assert_eq!(
            count("SELECT count(*) FROM inbound WHERE raw IS NOT NULL"),
            0
        );
        assert_eq!(
            count("SELECT count(*) FROM events WHERE subject LIKE '%mentor1@%'"),
            0
        );
        assert_eq!(count("SELECT sessions FROM totals"), 1);
        assert_eq!(count("SELECT ratings FROM totals"), 1);
        // The marker is keyed: the plain hash of the address, which anyone can compute, is
        // not stored.
        assert_eq!(
            count("SELECT count(*) FROM forgotten WHERE address_sha256 = 'k:mentor1@x.example'"),
            1
        );
        assert_eq!(
            count(&format!(
                "SELECT count(*) FROM forgotten WHERE address_sha256 = '{}'",
                legacy_address_hash("mentor1@x.example")
            )),
            0
        );
        assert_eq!(
            store
                .participant_status("forgotten-1@invalid")
                .unwrap()
                .as_deref(),
            Some("forgotten")
        );
    }

    #[test]
    fn a_forgotten_address_added_back_by_a_sync_is_marked_forgotten_again() {
        let mut store = Store::open_in_memory().unwrap();
        let (_, mentor, _) = seed_pair(&mut store, 1);
        let now = at("2027-01-12T10:00:00Z");
        let (seen, _) = store
            .write(|tx| {
                tx.forget_participant(mentor, &keyed, now)?;
                tx.reforget_readded(0, &keyed, now)
            })
            .unwrap();
        // HR's file still lists the person: a sync inserts them again under a new id.
        store
            .conn
            .execute(
                "INSERT INTO participants (email, name, role, level, timezone, joined_at, updated_at)
                 VALUES ('mentor1@x.example', 'mentor 1', 'mentor', 1, 'UTC', 'x', 'x')",
                [],
            )
            .unwrap();
        let (_, marked) = store
            .write(|tx| tx.reforget_readded(seen, &keyed, now))
            .unwrap();
        assert_eq!(marked.len(), 1);
        assert_eq!(
            store
                .participant_status("mentor1@x.example")
                .unwrap()
                .as_deref(),
            Some("forgotten")
        );
    }

    #[test]
    fn ending_a_pair_twice_replaces_it_once() {
        let mut store = Store::open_in_memory().unwrap();
        let (pair, _, _) = seed_pair(&mut store, 1);
        let (_, other_mentor, _) = seed_pair(&mut store, 2);
        let now = at("2027-01-12T10:00:00Z");
        let ids = store
            .write(|tx| {
                let p = tx.pair_ref(pair)?.unwrap();
                let replacement = NewPair {
                    mentor: "mentor2@x.example".into(),
                    mentee: "mentee1@x.example".into(),
                    score: 1,
                    reasons: "replacement".into(),
                };
                let first =
                    tx.end_pair_with(&p, "rematch", now, std::slice::from_ref(&replacement))?;
                let second = tx.end_pair_with(&p, "rematch", now, &[replacement])?;
                Ok::<_, StoreError>((first, second, tx.active_pairs_of(other_mentor)?.len()))
            })
            .unwrap();
        assert_eq!(ids.0.len(), 1);
        assert!(ids.1.is_empty());
        assert_eq!(ids.2, 2);
    }
}
