//! Keeps the bounce score of an address: reads its record, asks the rule
//! ([`crate::program::bounce::score`]) and writes what it decides in the same transaction.
//! Does not decide what counts as a hard bounce (inbound does), nor when an address is
//! disabled (the program does).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use crate::program::bounce::{self, BounceState};
pub use crate::program::bounce::{BounceScored, STALE_AFTER_DAYS};

use super::{Store, StoreError, Tx, ts};

/// Scores a hard bounce of `email`; `immediate` disables the address whatever its score (a
/// relay refusing the mailbox in the SMTP session itself). `None` when no participant has
/// the address.
pub(super) fn score(
    tx: &super::Unit<'_>,
    email: &str,
    threshold: u32,
    immediate: bool,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<Option<BounceScored>, StoreError> {
    let row: Option<(i64, Option<String>, bool)> = tx
        .prepare_cached(
            "SELECT bounce_score, bounce_day, bouncing FROM participants WHERE email = ?1",
        )?
        .query_row([email], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((score, last, bouncing)) = row else {
        return Ok(None);
    };
    let day = now.date_naive();
    let state = BounceState {
        score,
        last_day: last.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        bouncing,
    };
    let scored = bounce::score(state, threshold, immediate, day);
    let BounceScored {
        score,
        rose,
        disabled,
    } = scored;
    let now_s = ts(now);
    if rose || disabled {
        tx.prepare_cached(
            "UPDATE participants SET bounce_score = ?2, bounce_day = ?3,
                    bouncing = max(bouncing, ?4), updated_at = ?5
             WHERE email = ?1",
        )?
        .execute(params![email, score, day.to_string(), disabled, now_s])?;
    }
    if rose {
        tx.prepare_cached(
            "INSERT INTO events (at, kind, subject, detail) VALUES (?1, 'bounce', ?2, ?3)",
        )?
        .execute(params![
            now_s,
            email,
            format!("bounce score {score} of {threshold}: {detail}")
        ])?;
    }
    if disabled {
        tx.prepare_cached(
            "INSERT INTO events (at, kind, subject, detail) VALUES (?1, 'bouncing', ?2, ?3)",
        )?
        .execute(params![now_s, email, detail])?;
    }
    Ok(Some(scored))
}

/// Clears the score and the disabled mark; true when there was something to clear.
fn reset(
    tx: &super::Unit<'_>,
    email: &str,
    why: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let now_s = ts(now);
    let changed = tx
        .prepare_cached(
            "UPDATE participants SET bouncing = 0, bounce_score = 0, bounce_day = NULL,
                    updated_at = ?2
             WHERE email = ?1 AND (bouncing = 1 OR bounce_score > 0)",
        )?
        .execute(params![email, now_s])?;
    if changed > 0 {
        tx.prepare_cached(
            "INSERT INTO events (at, kind, subject, detail) VALUES (?1, 'bounce_reset', ?2, ?3)",
        )?
        .execute(params![now_s, email, why])?;
    }
    Ok(changed > 0)
}

impl Tx<'_> {
    /// Scores a hard bounce of `email` (a failed delivery report); the address is disabled
    /// once its score reaches `threshold`. `None` when no participant has the address.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn score_bounce(
        &mut self,
        email: &str,
        threshold: u32,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<BounceScored>, StoreError> {
        score(&self.tx, email, threshold, false, detail, now)
    }

    /// Whether `email` is a recipient of an email we queued under one of `message_ids`
    /// (with or without angle brackets; the first 10 are looked up).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn was_sent_to(&self, email: &str, message_ids: &[String]) -> Result<bool, StoreError> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT recipient FROM outbox WHERE message_id IN (?1, ?2)")?;
        for id in message_ids.iter().take(10) {
            let id = id.trim().trim_matches(['<', '>']);
            let rows = stmt.query_map(params![format!("<{id}>"), id], |r| r.get::<_, String>(0))?;
            for recipients in rows {
                let recipients = recipients?;
                let named = recipients.split(',').any(|r| {
                    let r = r.trim();
                    let address = match (r.rfind('<'), r.rfind('>')) {
                        (Some(a), Some(b)) if a < b => &r[a + 1..b],
                        _ => r,
                    };
                    address.trim().eq_ignore_ascii_case(email)
                });
                if named {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// The address works after all (its owner wrote to us): score and mark cleared.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn reset_bounces(
        &mut self,
        email: &str,
        why: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        reset(&self.tx, email, why, now)
    }
}

impl Store {
    /// Re-enables a disabled address (HR's command): score and mark cleared; true when it
    /// was disabled or had a score.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn reenable_address(
        &mut self,
        email: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| tx.reset_bounces(email, "re-enabled by the coordinator", now))
    }

    /// An address's bounce score and whether it is disabled; `None` for no participant.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn bounce_state(&self, email: &str) -> Result<Option<(i64, bool)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT bounce_score, bouncing FROM participants WHERE email = ?1",
                [email],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::seed_pair;

    fn on(day: u32, hour: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(2027, 3, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
            .and_utc()
    }

    fn bounce(store: &mut Store, email: &str, at: DateTime<Utc>) -> BounceScored {
        store
            .write(|tx| tx.score_bounce(email, 3, "5.1.1 no such user", at))
            .unwrap()
            .unwrap()
    }

    #[test]
    fn the_score_rises_once_a_day_and_disables_the_address_at_the_threshold() {
        let mut store = Store::open_in_memory().unwrap();
        seed_pair(&mut store, 1);
        let email = "mentor1@x.example";
        let first = bounce(&mut store, email, on(1, 9));
        assert_eq!((first.score, first.rose, first.disabled), (1, true, false));
        // Three more the same day: still one.
        for hour in [10, 14, 23] {
            let again = bounce(&mut store, email, on(1, hour));
            assert_eq!((again.score, again.rose), (1, false));
        }
        assert_eq!(bounce(&mut store, email, on(2, 0)).score, 2);
        assert_eq!(store.bounce_state(email).unwrap(), Some((2, false)));
        let third = bounce(&mut store, email, on(5, 8));
        assert_eq!((third.score, third.disabled), (3, true));
        assert_eq!(store.bounce_state(email).unwrap(), Some((3, true)));
        assert!(store.is_bouncing(email).unwrap());
        // Disabled once, not again; the participant is still there.
        assert!(!bounce(&mut store, email, on(6, 8)).disabled);
        assert!(store.participant_id(email).unwrap().is_some());
        assert_eq!(store.count_events("bouncing").unwrap(), 1);
        assert_eq!(store.count_events("bounce").unwrap(), 4);
    }

    #[test]
    fn a_stale_score_starts_again_and_a_reset_re_enables() {
        let mut store = Store::open_in_memory().unwrap();
        seed_pair(&mut store, 1);
        let email = "mentee1@x.example";
        bounce(&mut store, email, on(1, 9));
        bounce(&mut store, email, on(2, 9));
        // More than STALE_AFTER_DAYS later: the old bounces no longer count.
        let later = on(2, 9) + chrono::Duration::days(STALE_AFTER_DAYS + 1);
        assert_eq!(bounce(&mut store, email, later).score, 1);
        let day = |d: i64| later + chrono::Duration::days(d);
        bounce(&mut store, email, day(1));
        assert!(bounce(&mut store, email, day(2)).disabled);
        assert!(store.reenable_address(email, day(3)).unwrap());
        assert_eq!(store.bounce_state(email).unwrap(), Some((0, false)));
        assert!(
            !store.reenable_address(email, day(3)).unwrap(),
            "nothing left to clear"
        );
        assert_eq!(store.count_events("bounce_reset").unwrap(), 1);
        // A stranger's address scores nothing.
        let none = store
            .write(|tx| tx.score_bounce("nobody@x.example", 3, "x", day(4)))
            .unwrap();
        assert_eq!(none, None);
    }
}
