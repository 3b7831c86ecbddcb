//! Owns the digest's queries: figures for a period (through covering indexes) and to date
//! (from the running totals the triggers keep), so a digest never scans the session log.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// One active pair as the digest sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRow {
    pub pair_id: i64,
    pub mentor: String,
    pub mentee: String,
    pub mentor_email: String,
    pub mentee_email: String,
    /// When the pair was made (RFC 3339).
    pub created_at: String,
    pub sessions: i64,
    pub last_session: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
}

/// Raw figures read from the store; `digest` turns them into what HR reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawFigures {
    pub period_sessions: i64,
    pub period_minutes: i64,
    pub period_ratings: i64,
    pub period_rating_sum: i64,
    pub total_sessions: i64,
    pub total_minutes: i64,
    pub total_ratings: i64,
    pub total_rating_sum: i64,
    pub rating_histogram: [i64; 5],
    pub active_pairs: i64,
    /// Active pairs with a session in the 30 days up to the period's end.
    pub met_last_30_days: i64,
    /// The active pairs HR may need to hear about: those that never met, and those silent
    /// longer than the caller's threshold. (Only these are read by name: a large program's
    /// other pairs are counted, not listed.)
    pub pairs: Vec<PairRow>,
    pub top_topics: Vec<(String, i64)>,
    pub weeks: Vec<WeekRow>,
    pub unmatched: Vec<String>,
    pub stopped: i64,
    /// Who said STOP (or unsubscribed) in the period: name and day, by day.
    /// (name, day, their own words with the STOP, only when quotes are allowed).
    pub opted_out: Vec<(String, String, Option<String>)>,
    pub bouncing: Vec<String>,
    /// Active pairs whose same side cancelled two or more meetings in a row.
    pub repeat_cancellers: Vec<super::RepeatCanceller>,
    pub quarantined: i64,
    pub refused: i64,
    pub delivery_failures: i64,
    pub outbox_pending: i64,
    pub oldest_pending: Option<String>,
    /// Emails sent in the period after more than one attempt (the relay was down or
    /// deferring), the longest wait from queueing to sending in seconds, and the last error
    /// such an email met.
    pub late_sent: i64,
    pub late_longest_seconds: i64,
    pub late_error: Option<String>,
    /// Active pairs whose two reports of one meeting disagree on whether it happened.
    pub contradictions: Vec<(String, String)>,
    pub cancelled_by_mentor: i64,
    pub cancelled_by_mentee: i64,
    pub quotes: Vec<String>,
}

/// One week of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekRow {
    /// The Monday the week starts on.
    pub week: NaiveDate,
    pub sessions: i64,
    pub minutes: i64,
    pub ratings: i64,
    pub rating_sum: i64,
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok())
}

impl Store {
    /// Reads the digest's figures for the period `[from, to]` (dates in the program's zone)
    /// and to date. `quotes` asks for up to five notes from the period; pairs out of touch
    /// for more than `silent_after_days` by `to` are listed by name.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn digest_figures(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        program_start: NaiveDate,
        quotes: bool,
        silent_after_days: u32,
    ) -> Result<RawFigures, StoreError> {
        let c = &self.conn;
        let silent_since = (to - chrono::Duration::days(i64::from(silent_after_days))).to_string();
        let recent = (to - chrono::Duration::days(30)).to_string();
        let sent_until = (to + chrono::Duration::days(1)).to_string();
        let (from, to) = (from.to_string(), to.to_string());
        let mut f = RawFigures::default();
        (f.period_sessions, f.period_minutes) = c.query_row(
            "SELECT count(*), coalesce(sum(minutes), 0) FROM sessions
             WHERE date BETWEEN ?1 AND ?2 AND retracted_at IS NULL",
            params![from, to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        (f.period_ratings, f.period_rating_sum) = c.query_row(
            "SELECT count(rating), coalesce(sum(rating), 0) FROM feedback WHERE report_date BETWEEN ?1 AND ?2",
            params![from, to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        (
            f.total_sessions,
            f.total_minutes,
            f.total_ratings,
            f.total_rating_sum,
        ) = c.query_row(
            "SELECT sessions, minutes, ratings, rating_sum FROM totals WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        {
            let mut stmt = c.prepare("SELECT rating, count FROM rating_totals")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (rating, count) = row?;
                if let Some(slot) = usize::try_from(rating - 1)
                    .ok()
                    .and_then(|i| f.rating_histogram.get_mut(i))
                {
                    *slot = count;
                }
            }
        }
        (f.active_pairs, f.met_last_30_days) = c.query_row(
            "SELECT count(*), coalesce(sum(s.last_session > ?1), 0)
             FROM pairs p LEFT JOIN pair_stats s ON s.pair_id = p.id
             WHERE p.status = 'active'",
            [&recent],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        {
            let mut stmt = c.prepare(
                "SELECT p.id, m.name, e.name, p.created_at, coalesce(s.sessions, 0), s.last_session, s.last_contact,
                        m.email, e.email
                 FROM pairs p
                 JOIN participants m ON m.id = p.mentor_id
                 JOIN participants e ON e.id = p.mentee_id
                 LEFT JOIN pair_stats s ON s.pair_id = p.id
                 WHERE p.status = 'active'
                   AND (coalesce(s.sessions, 0) = 0
                        OR coalesce(s.last_contact, substr(p.created_at, 1, 10)) < ?1)
                 ORDER BY p.id",
            )?;
            let rows = stmt.query_map([&silent_since], |r| {
                Ok(PairRow {
                    pair_id: r.get(0)?,
                    mentor: r.get(1)?,
                    mentee: r.get(2)?,
                    created_at: r.get(3)?,
                    sessions: r.get(4)?,
                    last_session: date(r.get(5)?),
                    last_contact: date(r.get(6)?),
                    mentor_email: r.get(7)?,
                    mentee_email: r.get(8)?,
                })
            })?;
            f.pairs = rows.collect::<Result<_, _>>()?;
        }
        {
            let mut stmt = c.prepare(
                "SELECT topic, sessions FROM topic_totals WHERE sessions > 0 ORDER BY sessions DESC, topic LIMIT 10",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            f.top_topics = rows.collect::<Result<_, _>>()?;
        }
        {
            let mut stmt = c.prepare(
                "SELECT week, sessions, minutes, ratings, rating_sum FROM week_totals
                 WHERE week >= date(?1, '-6 days', 'weekday 1') AND week <= ?2 ORDER BY week",
            )?;
            let rows = stmt.query_map(params![program_start.to_string(), to], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })?;
            for row in rows {
                let (week, sessions, minutes, ratings, rating_sum) = row?;
                if let Some(week) = date(Some(week)) {
                    f.weeks.push(WeekRow {
                        week,
                        sessions,
                        minutes,
                        ratings,
                        rating_sum,
                    });
                }
            }
        }
        {
            let mut stmt = c.prepare(
                // NOTE: one pass over the pairs into a list, not a lookup per participant.
                "SELECT name FROM participants
                 WHERE status = 'active' AND id NOT IN (
                     SELECT mentor_id FROM pairs WHERE status = 'active'
                     UNION ALL SELECT mentee_id FROM pairs WHERE status = 'active')
                 ORDER BY name",
            )?;
            f.unmatched = stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
        }
        f.stopped = c.query_row(
            "SELECT count(*) FROM participants WHERE status IN ('stopped', 'forgotten')",
            [],
            |r| r.get(0),
        )?;
        {
            // NOTE: someone forgotten is counted, never named.
            let mut stmt = c.prepare(
                "SELECT name, substr(updated_at, 1, 10), CASE WHEN ?3 THEN left_words END
                 FROM participants
                 WHERE status = 'stopped' AND substr(updated_at, 1, 10) BETWEEN ?1 AND ?2
                 ORDER BY updated_at, name",
            )?;
            f.opted_out = stmt
                .query_map(params![from, to, quotes], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<Result<_, _>>()?;
        }
        {
            let mut stmt =
                // NOTE: `+email`: sort the few matches rather than walk the email index.
                c.prepare("SELECT email FROM participants WHERE bouncing = 1 ORDER BY +email")?;
            f.bouncing = stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
        }
        f.repeat_cancellers = self.repeat_cancellers()?;
        (f.quarantined, f.refused) = c.query_row(
            "SELECT coalesce(sum(status = 'quarantined'), 0), coalesce(sum(status = 'refused'), 0)
             FROM inbound WHERE status IN ('quarantined', 'refused') AND received_at >= ?1",
            params![from],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        (f.delivery_failures, f.outbox_pending, f.oldest_pending) = c.query_row(
            "SELECT coalesce(sum(state = 'failed'), 0), coalesce(sum(state IN ('pending', 'sending')), 0),
                    min(CASE WHEN state IN ('pending', 'sending') THEN created_at END)
             FROM outbox WHERE state IN ('failed', 'pending', 'sending')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        {
            // NOTE: through the outbox_due index (state first); the period's sent rows only.
            (f.late_sent, f.late_longest_seconds) = c.query_row(
                "SELECT count(*), coalesce(max(CAST(round((julianday(sent_at) - julianday(created_at)) * 86400) AS INTEGER)), 0)
                 FROM outbox WHERE state = 'sent' AND attempts > 1 AND sent_at >= ?1 AND sent_at < ?2",
                params![from, sent_until],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            f.late_error = c
                .query_row(
                    "SELECT last_error FROM outbox
                     WHERE state = 'sent' AND attempts > 1 AND sent_at >= ?1 AND sent_at < ?2
                       AND last_error IS NOT NULL
                     ORDER BY sent_at DESC LIMIT 1",
                    params![from, sent_until],
                    |r| r.get(0),
                )
                .optional()?;
        }
        {
            let mut stmt = c.prepare(
                // NOTE: from the rare "did not meet" reports (b) to the partner's report of
                // the same days (a), through the indexes; the other way round reads every
                // report of every pair that met in the period.
                "SELECT DISTINCT m.name, e.name
                 FROM feedback b
                 JOIN pairs p ON p.id = b.pair_id
                 JOIN feedback a ON a.pair_id = b.pair_id
                      AND a.participant_id = CASE WHEN b.participant_id = p.mentor_id
                                                  THEN p.mentee_id ELSE p.mentor_id END
                      AND a.report_date BETWEEN max(?1, date(b.report_date, '-1 day'))
                                            AND min(?2, date(b.report_date, '+1 day'))
                      AND a.met = 1
                 JOIN participants m ON m.id = p.mentor_id
                 JOIN participants e ON e.id = p.mentee_id
                 WHERE b.report_date BETWEEN date(?1, '-1 day') AND date(?2, '+1 day') AND b.met = 0
                 ORDER BY m.name",
            )?;
            f.contradictions = stmt
                .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
        }
        (f.cancelled_by_mentor, f.cancelled_by_mentee) = c.query_row(
            "SELECT coalesce(sum(cancelled_by = 'mentor'), 0), coalesce(sum(cancelled_by = 'mentee'), 0)
             FROM feedback WHERE report_date BETWEEN ?1 AND ?2 AND cancelled_by IS NOT NULL",
            params![from, to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if quotes {
            let mut stmt = c.prepare(
                "SELECT notes FROM feedback
                 WHERE report_date BETWEEN ?1 AND ?2 AND notes IS NOT NULL AND trim(notes) <> ''
                 ORDER BY report_date DESC, id DESC LIMIT 5",
            )?;
            f.quotes = stmt
                .query_map(params![from, to], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
        }
        Ok(f)
    }
}
