//! Owns the SQL of participants' status inside the caller's write transaction ([`Tx`]):
//! the rows routing needs, status changes from commands (pause, resume, stop, skip), and
//! FORGET ME's erasure.
//!
//! For the prompt job (which lives in `schedule`), two calls matter:
//! - [`Store::resume_due_pauses`] (also run at every inbound tick) makes `PAUSE UNTIL`
//!   end by itself: a participant paused until a day is active again from that day (UTC);
//! - [`Tx::take_prompt_skip`] consumes a `SKIP`: call it before queueing a prompt to a
//!   participant, and queue nothing when it returns true. One SKIP skips one prompt.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, Tx, role_at, ts};
use crate::config::Role;
use crate::vocab::{IdempotencyKey, ParticipantStatus};

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
    pub status: ParticipantStatus,
    /// `YYYY-MM-DD` when paused until a day.
    pub paused_until: Option<String>,
    pub bouncing: bool,
}

fn row_to_participant(r: &rusqlite::Row<'_>) -> rusqlite::Result<ParticipantRow> {
    Ok(ParticipantRow {
        id: r.get(0)?,
        email: r.get(1)?,
        name: r.get(2)?,
        role: role_at(r, 3)?,
        department: r.get(4)?,
        timezone: r.get(5)?,
        status: r.get(6)?,
        paused_until: r.get(7)?,
        bouncing: r.get(8)?,
    })
}

const PARTICIPANT_COLUMNS: &str =
    "id, email, name, role, department, timezone, status, paused_until, bouncing";

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
    use std::fmt::Write as _;
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    digest
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

impl Tx<'_> {
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

    /// Keeps what someone wrote with their STOP besides the word (`None` clears it).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_left_words(
        &mut self,
        participant: i64,
        words: Option<&str>,
    ) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("UPDATE participants SET left_words = ?2 WHERE id = ?1")?
            .execute(params![participant, words])?;
        Ok(())
    }

    /// Sets a participant's status (active, paused, stopped) and pause end, with an
    /// audit event of `kind`. Returns whether anything changed.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn set_participant_status(
        &mut self,
        participant: i64,
        status: ParticipantStatus,
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
                    paused_until = NULL, left_words = NULL, left_at = ?4, updated_at = ?4
             WHERE id = ?1",
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
        c.execute("DELETE FROM relays WHERE sender_id = ?1", [participant])?;
        c.execute("DELETE FROM goals WHERE set_by = ?1", [participant])?;
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
        // Their request to join: the form, and HR's reply to it (which quotes the form).
        c.execute(
            "UPDATE inbound SET raw = NULL
             WHERE id IN (SELECT decision_inbound_id FROM join_requests WHERE email = ?1)",
            [&email],
        )?;
        c.execute("DELETE FROM join_requests WHERE email = ?1", [&email])?;
        c.execute(
            "DELETE FROM drafts WHERE recipient = ?1 COLLATE NOCASE",
            [&email],
        )?;
        // Every email to them, about one of their pairs, or to HR (digests name people): its
        // row stays for the counts, its body goes, and what was still to go is not sent.
        let mut scrubbed: Vec<String> = Vec::new();
        {
            let mut about = c.prepare(
                "SELECT o.id, o.message_id FROM outbox o LEFT JOIN outbox_body b ON b.outbox_id = o.id
                 WHERE instr(lower(o.recipient), lower(?1)) > 0
                    OR o.kind = 'hr_digest'
                    OR instr(b.body, CAST(?1 AS BLOB)) > 0
                    OR instr(b.body, CAST(?2 AS BLOB)) > 0",
            )?;
            let mut rows: Vec<(i64, String)> = about
                .query_map(params![email, name], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            // The mail of their pairs' conversations, read from each key's shape.
            let mut keyed = c.prepare("SELECT id, message_id, idempotency_key FROM outbox")?;
            let keys = keyed.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in keys {
                let (id, message_id, key) = row?;
                let of_theirs = key
                    .parse::<IdempotencyKey>()
                    .ok()
                    .and_then(|k| k.pair_mail())
                    .is_some_and(|pair| pairs.contains(&pair));
                if of_theirs {
                    rows.push((id, message_id));
                }
            }
            let mut scrub = c.prepare(
                "UPDATE outbox SET recipient = replace(lower(recipient), lower(?2), ?3),
                        state = CASE WHEN state IN ('pending', 'sending') THEN 'suppressed' ELSE state END,
                        last_error = CASE WHEN state IN ('pending', 'sending')
                                          THEN 'about a participant who asked to be forgotten'
                                          ELSE last_error END
                 WHERE id = ?1",
            )?;
            let mut blank = c.prepare("UPDATE outbox_body SET body = x'' WHERE outbox_id = ?1")?;
            for (id, message_id) in rows {
                scrub.execute(params![id, email, placeholder])?;
                blank.execute([id])?;
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
    /// Someone who asked to be forgotten came back by their own request (a JOIN they
    /// confirmed, approved by the coordinator): their address is no longer kept out.
    /// True when it was.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn remember_again(
        &mut self,
        email: &str,
        marker: &dyn Fn(&str) -> String,
    ) -> Result<bool, StoreError> {
        let removed = self.tx.execute(
            "DELETE FROM forgotten WHERE address_sha256 IN (?1, ?2)",
            [marker(email), legacy_address_hash(email)],
        )?;
        Ok(removed > 0)
    }

    pub fn reforget_readded(
        &mut self,
        after: i64,
        marker: &dyn Fn(&str) -> String,
        now: DateTime<Utc>,
    ) -> Result<(i64, Vec<i64>), StoreError> {
        let any_forgotten: bool =
            self.tx
                .query_row("SELECT EXISTS (SELECT 1 FROM forgotten)", [], |r| r.get(0))?;
        let rows: Vec<(i64, String, ParticipantStatus)> = self
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
            if status == ParticipantStatus::Forgotten {
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
}

#[cfg(test)]
mod tests {
    use super::super::sessions::testutil::*;
    use super::*;
    use crate::store::{Report, Store};
    use chrono::Duration;

    #[test]
    fn a_pause_until_a_day_ends_by_itself_on_that_day() {
        let mut store = Store::open_in_memory().unwrap();
        let (_, mentor, _) = seed_pair(&mut store, 1);
        let until = NaiveDate::from_ymd_opt(2027, 1, 20).unwrap();
        store
            .write(|tx| {
                tx.set_participant_status(
                    mentor,
                    crate::vocab::ParticipantStatus::Paused,
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
                .map(|s| s.as_str()),
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
                .map(|s| s.as_str()),
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
                .map(|s| s.as_str()),
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
                .map(|s| s.as_str()),
            Some("forgotten")
        );
    }
}
