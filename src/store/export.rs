//! Owns the export and status queries: the session log (as it stands, and its history of
//! reports and changes), feedback and pairs row by row for HR's spreadsheets, and the
//! daemon's health as `upward status` shows it.

use rusqlite::params;

use super::{Store, StoreError};

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Sessions,
    Feedback,
    Pairs,
    /// Every report and every change to a session or report, with the message it came from;
    /// without `feedback`, what the participants wrote of themselves (notes, ratings, who
    /// cancelled) is left out, for programs whose HR sees feedback only in aggregate.
    History {
        feedback: bool,
    },
}

/// What a column holds, so that a JSON export keeps its type (every cell is text in CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Text,
    /// A whole number (or a decimal one).
    Number,
    /// `1`/`0`.
    Bool,
    /// JSON itself: topic lists, what a report stated, what a change changed.
    Json,
}

impl ExportKind {
    /// What each column holds, in the order of [`ExportKind::columns`].
    pub fn cells(self) -> &'static [Cell] {
        use Cell::{Bool, Json, Number, Text};
        match self {
            ExportKind::Sessions => &[Number, Number, Text, Text, Text, Number, Json, Number, Bool],
            ExportKind::Feedback => &[
                Number, Number, Number, Text, Text, Text, Bool, Number, Text, Bool, Text,
            ],
            ExportKind::Pairs => &[
                Number, Number, Text, Text, Number, Text, Text, Text, Text, Number, Text,
            ],
            ExportKind::History { .. } => &[
                Number, Text, Number, Number, Number, Text, Text, Text, Text, Json, Json,
            ],
        }
    }

    /// The column names, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ExportKind::Sessions => &[
                "session_id",
                "pair_id",
                "mentor",
                "mentee",
                "date",
                "minutes",
                "topics",
                "reports",
                "retracted",
            ],
            ExportKind::Feedback => &[
                "feedback_id",
                "session_id",
                "pair_id",
                "participant",
                "role",
                "date",
                "met",
                "rating",
                "notes",
                "flagged",
                "cancelled_by",
            ],
            ExportKind::Pairs => &[
                "pair_id",
                "round",
                "mentor",
                "mentee",
                "score",
                "reasons",
                "status",
                "created_at",
                "ended_at",
                "sessions",
                "last_session",
            ],
            ExportKind::History { .. } => &[
                "history_id",
                "at",
                "pair_id",
                "session_id",
                "feedback_id",
                "participant",
                "role",
                "kind",
                "message_id",
                "stated",
                "changes",
            ],
        }
    }

    fn sql(self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(match self {
            ExportKind::Sessions => {
                "SELECT s.id, s.pair_id, m.name, e.name, s.date, s.minutes, s.topics,
                        (SELECT count(*) FROM feedback f WHERE f.session_id = s.id),
                        s.retracted_at IS NOT NULL
                 FROM sessions s JOIN pairs p ON p.id = s.pair_id
                 JOIN participants m ON m.id = p.mentor_id JOIN participants e ON e.id = p.mentee_id
                 ORDER BY s.date, s.id"
            }
            ExportKind::Feedback => {
                "SELECT f.id, f.session_id, f.pair_id, pa.name, pa.role, f.report_date, f.met, f.rating,
                        f.notes, f.flagged, f.cancelled_by
                 FROM feedback f JOIN participants pa ON pa.id = f.participant_id
                 ORDER BY f.report_date, f.id"
            }
            ExportKind::Pairs => {
                "SELECT p.id, r.number, m.name, e.name, p.score, p.reasons, p.status, p.created_at,
                        p.ended_at, coalesce(ps.sessions, 0), ps.last_session
                 FROM pairs p JOIN rounds r ON r.id = p.round_id
                 JOIN participants m ON m.id = p.mentor_id JOIN participants e ON e.id = p.mentee_id
                 LEFT JOIN pair_stats ps ON ps.pair_id = p.id
                 ORDER BY p.id"
            }
            ExportKind::History { feedback } => {
                let (stated, changes) = if feedback {
                    ("h.stated", "h.changes")
                } else {
                    (
                        "json_remove(h.stated, '$.notes', '$.rating', '$.cancelled_by', '$.flagged')",
                        "json_remove(h.changes, '$.\"feedback.notes\"', '$.\"feedback.rating\"',
                                     '$.\"feedback.cancelled_by\"', '$.\"feedback.flagged\"')",
                    )
                };
                return format!(
                    "SELECT h.id, h.at, h.pair_id, h.session_id, h.feedback_id, pa.name, pa.role,
                            h.kind, h.message_id, {stated}, {changes}
                     FROM session_history h JOIN participants pa ON pa.id = h.participant_id
                     ORDER BY h.id"
                )
                .into();
            }
        })
    }

    fn count_sql(self) -> &'static str {
        match self {
            ExportKind::Sessions => "SELECT count(*) FROM sessions",
            ExportKind::Feedback => "SELECT count(*) FROM feedback",
            ExportKind::Pairs => "SELECT count(*) FROM pairs",
            ExportKind::History { .. } => "SELECT count(*) FROM session_history",
        }
    }
}

/// The daemon's health, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    pub outbox_pending: i64,
    pub outbox_oldest_pending: Option<String>,
    pub outbox_failed: i64,
    pub outbox_sent: i64,
    /// HR digests queued or sent so far (0: the first is still to come).
    pub hr_digests: i64,
    /// Answers to inbound mail drafted with its effects and not yet composed into the
    /// outbox (a reader composes them once it has read what was waiting).
    pub answers_drafted: i64,
    pub inbound_processed: i64,
    pub inbound_quarantined: i64,
    pub inbound_refused: i64,
    /// (job, last run) for every job that ever ran.
    pub last_runs: Vec<(String, String)>,
    /// (status, count) of participants.
    pub participants: Vec<(String, i64)>,
    pub active_pairs: i64,
    pub sessions: i64,
    /// What each loop of the daemon was last seen doing (empty before a daemon wrote it).
    pub loops: Vec<super::LoopProgress>,
}

fn text(v: rusqlite::types::ValueRef<'_>) -> String {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

impl Store {
    /// How many rows an export will have.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn export_count(&self, kind: ExportKind) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(kind.count_sql(), [], |r| r.get(0))?)
    }

    /// Calls `row` with every row of the export, as text, in a stable order. `row` returning
    /// `false` stops early.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn export(
        &self,
        kind: ExportKind,
        mut row: impl FnMut(Vec<String>) -> bool,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(&kind.sql())?;
        let n = kind.columns().len();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut values = Vec::with_capacity(n);
            for i in 0..n {
                values.push(text(r.get_ref(i)?));
            }
            if !row(values) {
                break;
            }
        }
        Ok(())
    }

    /// Sessions logged, and reports that say a meeting happened (for `simulate`'s checks).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn simulation_counts(&self) -> Result<(i64, i64), StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM sessions WHERE retracted_at IS NULL),
                    (SELECT count(*) FROM feedback WHERE met = 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// The daemon's health from the store.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn status(&self) -> Result<Status, StoreError> {
        let c = &self.conn;
        let mut s = Status::default();
        (
            s.outbox_pending,
            s.outbox_oldest_pending,
            s.outbox_failed,
            s.outbox_sent,
            s.hr_digests,
        ) = c.query_row(
            "SELECT coalesce(sum(state IN ('pending', 'sending')), 0),
                    min(CASE WHEN state IN ('pending', 'sending') THEN created_at END),
                    coalesce(sum(state = 'failed'), 0), coalesce(sum(state = 'sent'), 0),
                    coalesce(sum(kind = 'hr_digest'), 0)
             FROM outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        s.answers_drafted = self.draft_count()?;
        (s.inbound_processed, s.inbound_quarantined, s.inbound_refused) = c.query_row(
            "SELECT coalesce(sum(status = 'processed'), 0), coalesce(sum(status = 'quarantined'), 0),
                    coalesce(sum(status = 'refused'), 0) FROM inbound",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mut stmt = c.prepare("SELECT job, last_run_at FROM schedule_state ORDER BY job")?;
        s.last_runs = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        s.participants = self.participant_counts()?;
        s.active_pairs = c.query_row(
            "SELECT count(*) FROM pairs WHERE status = 'active'",
            params![],
            |r| r.get(0),
        )?;
        s.sessions = c.query_row("SELECT sessions FROM totals WHERE id = 1", [], |r| r.get(0))?;
        s.loops = self.loop_progress()?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_says_what_it_holds() {
        for kind in [
            ExportKind::Sessions,
            ExportKind::Feedback,
            ExportKind::Pairs,
            ExportKind::History { feedback: true },
        ] {
            assert_eq!(kind.cells().len(), kind.columns().len(), "{kind:?}");
        }
    }
}
