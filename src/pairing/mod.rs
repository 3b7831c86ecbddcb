//! Owns pairing: who may be paired (the hard constraints of `[pairing]`), how well (the
//! weighted score), the optimal assignment with capacities (most pairs first, then the
//! highest total score) and the reasons given for every pair and every unmatched person.
//! Pure: no I/O, no clock, no randomness; the same request gives the same pairs whatever
//! the order of the participants file. Does not store rounds (`store` does), read the
//! config (`config` does) or send introductions.
//!
//! [`pair`] makes a round; [`repair`] finds new partners for the people someone left
//! mid-round; [`Pool`] answers "why can these two not be paired?" (`check` uses it for
//! fixed pairs).

mod assign;
mod eligibility;
mod explain;
mod score;

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::config::{PairingSettings, Participant, Role};

use assign::Graph;
use eligibility::Screen;
pub use eligibility::{Blocks, Constraint, Pool};
pub use explain::{Blocked, Pair, Pairing, Unmatched, UnmatchedWhy};
pub use score::Why;

/// Everything one pairing depends on.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Everyone in the program, available or not: reporting lines go through all of them.
    pub participants: &'a [Participant],
    pub settings: &'a PairingSettings,
    /// (mentor address, mentee address) of every pair of earlier rounds.
    pub history: &'a [(String, String)],
    /// Addresses of people who may not get a partner now (stopped, paused, left).
    pub unavailable: &'a [String],
    /// The day working hours are compared on, in each person's own time zone.
    pub reference_date: NaiveDate,
}

/// Why a pairing cannot be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PairingError {
    /// A fixed pair breaks a hard constraint.
    #[error(
        "fixed pair {mentor} and {mentee} is impossible: {reasons}; remove it from [[pairing.fixed]] or relax the rule in [pairing]"
    )]
    FixedPairIneligible {
        mentor: String,
        mentee: String,
        reasons: String,
    },
    /// A fixed pair names someone who is not a participant of that role.
    #[error(
        "fixed pair names {email}, who is not a {role} of the program; name the mentor first, then the mentee, by address"
    )]
    FixedPairUnknown { email: String, role: &'static str },
    /// Someone is in more fixed pairs than their capacity.
    #[error(
        "{email} is in {count} fixed pairs but takes at most {capacity} partner(s); raise their capacity or remove a fixed pair"
    )]
    FixedOverCapacity {
        email: String,
        count: usize,
        capacity: u32,
    },
    /// Scores times sizes do not fit 64-bit arithmetic.
    #[error("the program is too large to score exactly; lower the weights in [pairing.weights]")]
    TooLarge,
    /// A bug: the solver's own invariant failed.
    #[error("internal pairing error: {0}; please report it")]
    Internal(&'static str),
}

impl Request<'_> {
    fn pool(&self) -> Pool<'_> {
        Pool::new(
            self.participants,
            self.settings,
            self.history,
            self.unavailable,
            self.reference_date,
        )
    }
}

/// Makes a round: the fixed pairs, then the assignment with the most pairs and, among
/// those, the highest total score, with reasons for every pair and every unmatched person.
///
/// # Errors
/// A fixed pair that names a stranger, breaks a hard constraint (an earlier pairing is
/// allowed: HR fixed it) or exceeds someone's capacity; `TooLarge` for absurd weights.
pub fn pair(request: &Request<'_>) -> Result<Pairing, PairingError> {
    let pool = request.pool();
    let mut left: Vec<u32> = pool.mentors.iter().map(room).collect();
    let mut right: Vec<u32> = pool.mentees.iter().map(room).collect();
    let mut notes = Vec::new();
    let mut fixed: Vec<(usize, usize)> = Vec::new();
    let mut fixed_of: Vec<Vec<u32>> = vec![Vec::new(); pool.mentors.len()];
    let all_fixed = &request.settings.fixed;
    for (mentor, mentee) in all_fixed {
        let m = match pool.find(mentor) {
            Some((Role::Mentor, m)) => m,
            _ => return Err(unknown(mentor, Role::Mentor)),
        };
        let e = match pool.find(mentee) {
            Some((Role::Mentee, e)) => e,
            _ => return Err(unknown(mentee, Role::Mentee)),
        };
        if fixed.contains(&(m, e)) {
            continue;
        }
        if !pool.mentors[m].available || !pool.mentees[e].available {
            notes.push(format!(
                "fixed pair {mentor} and {mentee} skipped: one of them may not be paired now"
            ));
            continue;
        }
        // NOTE: a fixed pair is exempt from the no-repeat rule: HR keeping it in the config
        // across rounds means they want it to go on.
        let blocks = pool.check(m, e, false).without(Constraint::MetBefore);
        if !blocks.is_empty() {
            return Err(PairingError::FixedPairIneligible {
                mentor: mentor.clone(),
                mentee: mentee.clone(),
                reasons: blocks
                    .iter()
                    .map(|c| pool.describe(c, m, e))
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }
        for (slot, person) in [
            (&mut left[m], pool.mentors[m].p),
            (&mut right[e], pool.mentees[e].p),
        ] {
            if *slot == 0 {
                return Err(PairingError::FixedOverCapacity {
                    email: person.email.clone(),
                    count: all_fixed
                        .iter()
                        .filter(|(a, b)| *a == person.email || *b == person.email)
                        .count(),
                    capacity: person.capacity,
                });
            }
            *slot -= 1;
        }
        fixed.push((m, e));
        fixed_of[m].push(e as u32);
    }
    let edges = build_graph(&pool, &left, &right, |m, e| {
        !fixed_of[m].contains(&(e as u32))
    });
    let chosen = assign::solve(&edges.graph)?;
    Ok(explain::describe(
        &pool,
        &edges,
        &chosen,
        &fixed,
        |_, _| true,
        notes,
    ))
}

/// Finds new partners for the people whose partner is `leaving` (left, or said STOP)
/// mid-round. `current` holds the round's active pairs (mentor, mentee). Each orphaned
/// partner may get as many new partners as they lost, chosen among people with room left
/// (unmatched, or below their capacity), by the same rules, avoiding earlier and current
/// pairs; the best such assignment is returned, with why for orphans left without one.
///
/// # Errors
/// `TooLarge` for absurd weights.
pub fn repair(
    request: &Request<'_>,
    current: &[(String, String)],
    leaving: &[String],
) -> Result<Pairing, PairingError> {
    let leaving: HashSet<String> = leaving.iter().map(|e| e.to_lowercase()).collect();
    let mut unavailable = request.unavailable.to_vec();
    unavailable.extend(leaving.iter().cloned());
    let mut history = request.history.to_vec();
    history.extend(current.iter().cloned());
    let pool = Pool::new(
        request.participants,
        request.settings,
        &history,
        &unavailable,
        request.reference_date,
    );
    let (nm, ne) = (pool.mentors.len(), pool.mentees.len());
    let (mut kept_m, mut kept_e) = (vec![0u32; nm], vec![0u32; ne]);
    let (mut lost_m, mut lost_e) = (vec![0u32; nm], vec![0u32; ne]);
    for (mentor, mentee) in current {
        let (Some((Role::Mentor, m)), Some((Role::Mentee, e))) =
            (pool.find(mentor), pool.find(mentee))
        else {
            continue;
        };
        match (
            leaving.contains(&pool.mentors[m].p.email),
            leaving.contains(&pool.mentees[e].p.email),
        ) {
            (false, false) => {
                kept_m[m] += 1;
                kept_e[e] += 1;
            }
            (true, false) => lost_e[e] += 1,
            (false, true) => lost_m[m] += 1,
            (true, true) => {}
        }
    }
    let resid = |people: &[eligibility::Person<'_>], kept: &[u32], lost: &[u32]| -> Vec<u32> {
        people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let left = room(p).saturating_sub(kept[i]);
                if lost[i] > 0 { left.min(lost[i]) } else { left }
            })
            .collect()
    };
    let left = resid(&pool.mentors, &kept_m, &lost_m);
    let right = resid(&pool.mentees, &kept_e, &lost_e);
    let edges = build_graph(&pool, &left, &right, |m, e| lost_m[m] > 0 || lost_e[e] > 0);
    let chosen = assign::solve(&edges.graph)?;
    Ok(explain::describe(
        &pool,
        &edges,
        &chosen,
        &[],
        |role, i| match role {
            Role::Mentor => lost_m[i] > 0,
            Role::Mentee => lost_e[i] > 0,
        },
        Vec::new(),
    ))
}

/// Every eligible pair of a request with its score, ignoring fixed pairs: for audits and
/// for checking the engine against other solvers.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// Mentor addresses, sorted; edges refer to them by index.
    pub mentors: Vec<String>,
    pub mentor_capacity: Vec<u32>,
    /// Mentee addresses, sorted.
    pub mentees: Vec<String>,
    pub mentee_capacity: Vec<u32>,
    /// (mentor index, mentee index, score), by mentor then mentee.
    pub edges: Vec<(u32, u32, i64)>,
}

/// The eligible pairs of `request` and their scores.
pub fn candidates(request: &Request<'_>) -> Candidates {
    let pool = request.pool();
    let left: Vec<u32> = pool.mentors.iter().map(room).collect();
    let right: Vec<u32> = pool.mentees.iter().map(room).collect();
    let found = build_graph(&pool, &left, &right, |_, _| true);
    let mut edges: Vec<(u32, u32, i64)> = found
        .each()
        .map(|(m, e, edge)| (m as u32, e as u32, found.graph.score[edge]))
        .collect();
    edges.sort_unstable();
    Candidates {
        mentors: pool.mentors.iter().map(|p| p.p.email.clone()).collect(),
        mentor_capacity: left,
        mentees: pool.mentees.iter().map(|p| p.p.email.clone()).collect(),
        mentee_capacity: right,
        edges,
    }
}

/// How many partners someone may take now.
fn room(p: &eligibility::Person<'_>) -> u32 {
    if p.available { p.p.capacity } else { 0 }
}

fn unknown(email: &str, role: Role) -> PairingError {
    PairingError::FixedPairUnknown {
        email: email.to_string(),
        role: role.as_str(),
    }
}

/// The eligible edges of a round, oriented for the solver.
pub(crate) struct Edges {
    pub graph: Graph,
    /// Whether the graph's rows are the mentors (else the mentees).
    pub rows_are_mentors: bool,
}

impl Edges {
    /// (mentor, mentee) of edge `edge` in row `row`.
    pub fn pair(&self, row: usize, edge: usize) -> (usize, usize) {
        let col = self.graph.to[edge] as usize;
        if self.rows_are_mentors {
            (row, col)
        } else {
            (col, row)
        }
    }

    /// Every edge as (mentor, mentee, edge id), row by row.
    pub fn each(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        (0..self.graph.left_caps.len())
            .flat_map(move |row| self.graph.edges(row).map(move |edge| (row, edge)))
            .map(|(row, edge)| {
                let (m, e) = self.pair(row, edge);
                (m, e, edge)
            })
    }
}

/// The eligible edges between people with room, scored. Rows are the side with fewer
/// slots (ties: the mentors): each row slot is one search of the solver, and fewer rows
/// that cannot all be matched make fewer long searches. The other side is kept in level
/// order, so each row only looks at people senior (or junior) enough; when a common
/// language is required, only at those who speak one of the row's languages (or give
/// none). The checks on each candidate are a few integer comparisons on a packed `Screen`.
fn build_graph(
    pool: &Pool<'_>,
    mentor_room: &[u32],
    mentee_room: &[u32],
    include: impl Fn(usize, usize) -> bool,
) -> Edges {
    let slots = |room: &[u32]| room.iter().map(|&r| u64::from(r)).sum::<u64>();
    let rows_are_mentors = slots(mentor_room) <= slots(mentee_room);
    let (row_room, col_room, row_people, col_people) = if rows_are_mentors {
        (mentor_room, mentee_room, &pool.mentors, &pool.mentees)
    } else {
        (mentee_room, mentor_room, &pool.mentees, &pool.mentors)
    };
    let (row_screens, col_screens) = if rows_are_mentors {
        (&pool.mentor_screens, &pool.mentee_screens)
    } else {
        (&pool.mentee_screens, &pool.mentor_screens)
    };
    // NOTE: candidates are copies of their screens, in level order, so a scan reads memory
    // in sequence.
    let mut everyone: Vec<(u32, Screen)> = (0..col_people.len())
        .filter(|&c| col_room[c] > 0)
        .map(|c| (c as u32, col_screens[c]))
        .collect();
    everyone.sort_by_key(|(c, screen)| (screen.level, *c));
    // NOTE: language buckets turn the all-pairs scan into one over people who can talk to
    // each other: in a global company that is a small fraction of everyone.
    let bucketed = pool.settings.require_common_language;
    let mut buckets: Vec<Vec<(u32, Screen)>> = Vec::new();
    let mut silent: Vec<(u32, Screen)> = Vec::new();
    if bucketed {
        for &entry in &everyone {
            let langs = &col_people[entry.0 as usize].langs;
            if langs.is_empty() {
                silent.push(entry);
            }
            for &l in langs {
                let l = l as usize;
                if buckets.len() <= l {
                    buckets.resize_with(l + 1, Vec::new);
                }
                buckets[l].push(entry);
            }
        }
    }
    let gap = pool.settings.min_level_gap;
    let mut graph = Graph::new(row_room.to_vec(), col_room.to_vec());
    let mut row: Vec<(u32, i64)> = Vec::new();
    let mut seen = vec![u32::MAX; col_people.len()];
    for (r, &room) in row_room.iter().enumerate() {
        row.clear();
        if room > 0 {
            let own = &row_screens[r];
            let mut scan = |list: &[(u32, Screen)]| {
                let span = if rows_are_mentors {
                    let floor = own.level.saturating_add(gap);
                    &list[list.partition_point(|(_, s)| s.level < floor)..]
                } else {
                    let ceiling = own.level.saturating_sub(gap);
                    &list[..list.partition_point(|(_, s)| s.level <= ceiling)]
                };
                for (c, other) in span {
                    let c = *c as usize;
                    if seen[c] == r as u32 {
                        continue;
                    }
                    seen[c] = r as u32;
                    let (m, e, a, b) = if rows_are_mentors {
                        (r, c, own, other)
                    } else {
                        (c, r, other, own)
                    };
                    if include(m, e) && pool.check_screens(a, b, m, e, true).is_empty() {
                        row.push((c as u32, score::points_screens(pool, a, b, m, e)));
                    }
                }
            };
            let langs = &row_people[r].langs;
            if bucketed && !langs.is_empty() {
                for &l in langs {
                    if let Some(list) = buckets.get(l as usize) {
                        scan(list);
                    }
                }
                scan(&silent);
            } else {
                scan(&everyone);
            }
        }
        graph.push_left(row.iter().copied());
    }
    Edges {
        graph,
        rows_are_mentors,
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Builders for pairing tests.

    use crate::config::{PairingSettings, Participant, Role, Weights};

    fn person(id: &str, role: Role, level: i64) -> Participant {
        let mut name = id.to_string();
        if let Some(first) = name.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        Participant {
            name,
            email: format!("{id}@x.example"),
            role,
            level,
            department: None,
            manager: None,
            timezone: chrono_tz::Tz::UTC,
            languages: vec![],
            offers: vec![],
            wants: vec![],
            capacity: 1,
            exclude: vec![],
            hours: None,
        }
    }

    /// A level-1 mentor `id@x.example` named `Id`, with nothing else set.
    pub fn mentor(id: &str) -> Participant {
        person(id, Role::Mentor, 1)
    }

    /// A level-5 mentee `id@x.example` named `Id`, with nothing else set.
    pub fn mentee(id: &str) -> Participant {
        person(id, Role::Mentee, 5)
    }

    /// The defaults of `[pairing]`.
    pub fn settings() -> PairingSettings {
        PairingSettings {
            min_level_gap: 1,
            different_department: true,
            avoid_reporting_line: true,
            allow_repeat: false,
            require_common_language: true,
            min_overlap_minutes: 60,
            rematch_every_weeks: None,
            weights: Weights {
                mentor_offers: 10,
                mentee_offers: 5,
                overlap_per_hour: 1,
                cross_department: 3,
            },
            synonyms: vec![],
            fixed: vec![],
        }
    }
}
