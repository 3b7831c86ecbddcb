//! Owns the final report's queries: every pair ever made with its meetings and
//! cancellations, meetings by the partners' departments and levels, ratings by the side that
//! gave them, and every topic logged. The figures shared with the weekly digest (totals, the
//! weekly chart, quotes) are [`Store::digest_figures`]'s. Does not apply the privacy rules.

use chrono::NaiveDate;
use rusqlite::params;

use super::{Store, StoreError};

/// One pair of the program, active or ended, with what it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairMeetingsRow {
    pub pair_id: i64,
    /// The number of the round that made it.
    pub round: i64,
    pub mentor: String,
    pub mentee: String,
    /// Whether the pair was still going when the report was made.
    pub active: bool,
    /// Meetings logged (retracted ones left out).
    pub sessions: i64,
    pub minutes: i64,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// Reports of a cancelled meeting that name the side that cancelled.
    pub cancelled_by_mentor: i64,
    pub cancelled_by_mentee: i64,
}

/// Meetings between a mentor of one group and a mentee of another (or the same) group: the
/// cells of a small matrix, one per pair of groups that met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCell {
    /// The mentor's group: a department (empty when none), or a level as text.
    pub mentor_group: String,
    pub mentee_group: String,
    pub sessions: i64,
}

/// How many people of one group and side were ever in a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPeople {
    pub group: String,
    pub mentors: i64,
    pub mentees: i64,
}

/// Ratings given by each side: how many, and their sum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SideRatings {
    pub by_mentors: i64,
    pub by_mentors_sum: i64,
    pub by_mentees: i64,
    pub by_mentees_sum: i64,
}

/// What the final report reads beyond the digest's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawFinal {
    pub pairs: Vec<PairMeetingsRow>,
    pub by_department: Vec<GroupCell>,
    pub department_people: Vec<GroupPeople>,
    pub by_level: Vec<GroupCell>,
    pub level_people: Vec<GroupPeople>,
    pub ratings: SideRatings,
    /// Every topic logged, with its sessions, most sessions first.
    pub topics: Vec<(String, i64)>,
    /// Each pair's current goals and how far they got.
    pub goals: Vec<super::PairGoals>,
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok())
}

/// The participant column that groups people: their department, or their level.
#[derive(Debug, Clone, Copy)]
enum Grouping {
    Department,
    Level,
}

impl Grouping {
    fn of(self, table: &str) -> String {
        match self {
            Grouping::Department => format!("coalesce({table}.department, '')"),
            Grouping::Level => format!("CAST({table}.level AS TEXT)"),
        }
    }
}

impl Store {
    /// Reads the final report's own figures, over the whole program.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn final_report_figures(&self) -> Result<RawFinal, StoreError> {
        let c = &self.conn;
        let mut f = RawFinal::default();
        {
            // NOTE: one pass over the sessions and one over the cancellations, grouped by
            // pair, rather than a lookup per pair.
            let mut stmt = c.prepare(
                "SELECT p.id, r.number, m.name, e.name, p.status = 'active',
                        coalesce(s.n, 0), coalesce(s.minutes, 0), s.first, s.last,
                        coalesce(k.by_mentor, 0), coalesce(k.by_mentee, 0)
                 FROM pairs p
                 JOIN rounds r ON r.id = p.round_id
                 JOIN participants m ON m.id = p.mentor_id
                 JOIN participants e ON e.id = p.mentee_id
                 LEFT JOIN (SELECT pair_id, count(*) AS n, sum(coalesce(minutes, 0)) AS minutes,
                                   min(date) AS first, max(date) AS last
                            FROM sessions WHERE retracted_at IS NULL GROUP BY pair_id) s
                        ON s.pair_id = p.id
                 LEFT JOIN (SELECT pair_id, sum(cancelled_by = 'mentor') AS by_mentor,
                                   sum(cancelled_by = 'mentee') AS by_mentee
                            FROM feedback WHERE cancelled_by IS NOT NULL GROUP BY pair_id) k
                        ON k.pair_id = p.id
                 ORDER BY r.number, m.name, e.name, p.id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(PairMeetingsRow {
                    pair_id: r.get(0)?,
                    round: r.get(1)?,
                    mentor: r.get(2)?,
                    mentee: r.get(3)?,
                    active: r.get(4)?,
                    sessions: r.get(5)?,
                    minutes: r.get(6)?,
                    first: date(r.get(7)?),
                    last: date(r.get(8)?),
                    cancelled_by_mentor: r.get(9)?,
                    cancelled_by_mentee: r.get(10)?,
                })
            })?;
            f.pairs = rows.collect::<Result<_, _>>()?;
        }
        (f.by_department, f.department_people) = self.groups(Grouping::Department)?;
        (f.by_level, f.level_people) = self.groups(Grouping::Level)?;
        f.ratings = c.query_row(
            "SELECT coalesce(sum(f.participant_id = p.mentor_id), 0),
                    coalesce(sum(CASE WHEN f.participant_id = p.mentor_id THEN f.rating END), 0),
                    coalesce(sum(f.participant_id = p.mentee_id), 0),
                    coalesce(sum(CASE WHEN f.participant_id = p.mentee_id THEN f.rating END), 0)
             FROM feedback f JOIN pairs p ON p.id = f.pair_id
             WHERE f.rating IS NOT NULL",
            [],
            |r| {
                Ok(SideRatings {
                    by_mentors: r.get(0)?,
                    by_mentors_sum: r.get(1)?,
                    by_mentees: r.get(2)?,
                    by_mentees_sum: r.get(3)?,
                })
            },
        )?;
        {
            let mut stmt = c.prepare(
                "SELECT topic, sessions FROM topic_totals WHERE sessions > 0
                 ORDER BY sessions DESC, topic",
            )?;
            f.topics = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
        }
        f.goals = self.goals_by_pair()?;
        Ok(f)
    }

    /// The meetings between groups (mentor's group × mentee's group) and the people of each
    /// group who were ever in a pair.
    fn groups(&self, by: Grouping) -> Result<(Vec<GroupCell>, Vec<GroupPeople>), StoreError> {
        let c = &self.conn;
        let (m, e, q) = (by.of("m"), by.of("e"), by.of("q"));
        let cells = c
            .prepare(&format!(
                "SELECT {m}, {e}, count(*)
                 FROM sessions s
                 JOIN pairs p ON p.id = s.pair_id
                 JOIN participants m ON m.id = p.mentor_id
                 JOIN participants e ON e.id = p.mentee_id
                 WHERE s.retracted_at IS NULL
                 GROUP BY 1, 2 ORDER BY 1, 2"
            ))?
            .query_map([], |r| {
                Ok(GroupCell {
                    mentor_group: r.get(0)?,
                    mentee_group: r.get(1)?,
                    sessions: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let people = c
            .prepare(&format!(
                "SELECT {q}, coalesce(sum(q.role = 'mentor'), 0), coalesce(sum(q.role = 'mentee'), 0)
                 FROM participants q
                 WHERE EXISTS (SELECT 1 FROM pairs p WHERE p.mentor_id = q.id)
                    OR EXISTS (SELECT 1 FROM pairs p WHERE p.mentee_id = q.id)
                 GROUP BY 1 ORDER BY 1"
            ))?
            .query_map(params![], |r| {
                Ok(GroupPeople {
                    group: r.get(0)?,
                    mentors: r.get(1)?,
                    mentees: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok((cells, people))
    }
}
