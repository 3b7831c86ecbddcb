//! Owns the SQL of inbound messages inside the caller's write transaction ([`Tx`]): the
//! record of each message (deduplicated by its key), the savepoints of a batch, the lookups of
//! what we sent that routing needs, events for HR, and the refusal-notice rate limit.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, Tx, ts};
use crate::vocab::{InboundKind, InboundStatus};

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
    pub classification: InboundKind,
    pub status: InboundStatus,
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
    pub status: InboundStatus,
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

impl Tx<'_> {
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
            (InboundStatus::Quarantined, Some(raw)) => quarantine_excerpt(raw),
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

    /// The idempotency key and the bytes (as queued) of the email we sent with this
    /// Message-ID (without brackets): a reply is read against the prompt it quotes. The bytes
    /// are empty once the recipient was forgotten, and `None` once `simulate` dropped them.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn sent_email(&self, message_id: &str) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT o.idempotency_key, b.body FROM outbox o
                 JOIN outbox_body b ON b.outbox_id = o.id WHERE o.message_id = ?1",
            )?
            .query_row([format!("<{message_id}>")], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The bytes of the newest prompt we sent to `person` about `pair`: a reply that names
    /// no message it answers is read against it.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    // NOTE: the keys `prompt:PAIR:PERSON:DATE` (vocab::IdempotencyKey) sort by date; the range
    // of one pair and person ends at `;`, the character after `:`.
    pub fn last_prompt(&self, pair: i64, person: i64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT b.body FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id
                 WHERE o.idempotency_key >= ?1 AND o.idempotency_key < ?2
                 ORDER BY o.idempotency_key DESC LIMIT 1",
            )?
            .query_row(
                [
                    format!("prompt:{pair}:{person}:"),
                    format!("prompt:{pair}:{person};"),
                ],
                |r| r.get(0),
            )
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
}

impl Store {
    /// One integer from a query: for tests that check what other modules stored.
    #[cfg(test)]
    pub(crate) fn query_i64(&self, sql: &str) -> i64 {
        self.conn
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// One text from a query: for tests that check what other modules stored.
    #[cfg(test)]
    pub(crate) fn query_string(&self, sql: &str) -> String {
        self.conn
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The bytes of a queued email, by key: for tests that read what was composed.
    #[cfg(test)]
    pub(crate) fn outbox_bytes(&self, key: &str) -> Vec<u8> {
        self.conn
            .query_row(
                "SELECT b.body FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id
                 WHERE o.idempotency_key = ?1",
                [key],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{key}: {e}"))
    }

    /// Inbound messages by status, with counts.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn inbound_counts(&self) -> Result<Vec<(InboundStatus, i64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT status, count(*) FROM inbound GROUP BY status ORDER BY status")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::sessions::testutil::*;
    use super::*;
    use chrono::Duration;

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
                    status: InboundStatus::Quarantined,
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
            vec![(InboundStatus::Processed, 1)]
        );
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
}
