//! Owns pairing: who may be paired (the hard constraints of `[pairing]`), how well (the
//! weighted score), the optimal assignment with capacities (most pairs first, then the
//! highest total score) and the reasons given for every pair and every unmatched person.
//! Pure: no I/O, no clock, no randomness; the same request gives the same pairs whatever
//! the order of the participants file. Does not store rounds (`store` does), read the
//! config (`config` does) or send introductions.
//!
//! [`pair`] makes a round; [`repair`] finds new partners for the people someone left
//! mid-round; [`Pool`] answers "why can these two not be paired?" ([`HardRules`] asks it
//! for config validation's fixed pairs).

mod assign;
mod eligibility;
mod explain;
mod fixed;
mod score;

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::config::{PairingSettings, Participant, Role};

use assign::Graph;
use eligibility::Screen;
pub use eligibility::{Blocks, Constraint, Pool};
pub use explain::{Blocked, Pair, Pairing, Unmatched, UnmatchedWhy};
pub use fixed::HardRules;
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
/// The caller ends each of the leaver's pairs with `Store::end_pair`, passing the orphan's
/// new pair, if any, as the replacement.
///
/// # Errors
/// `TooLarge` for absurd weights.
pub fn repair(
    request: &Request<'_>,
    current: &[(String, String)],
    leaving: &[String],
) -> Result<Pairing, PairingError> {
    complete(request, current, leaving, false)
}

/// Pairs the people who have room for a partner (none yet, or fewer than their capacity)
/// and leaves every pair in `current` (mentor, mentee) as it is: a round that keeps the
/// pairs that work, `upward pair --fill`, and people HR added mid-program. New pairs avoid
/// earlier and current ones; `unmatched` lists only those left with no partner at all.
///
/// # Errors
/// `TooLarge` for absurd weights.
pub fn fill(request: &Request<'_>, current: &[(String, String)]) -> Result<Pairing, PairingError> {
    complete(request, current, &[], true)
}

/// [`repair`] (only the partners of `leaving` are paired, up to what they lost) or, with
/// `everyone`, [`fill`].
fn complete(
    request: &Request<'_>,
    current: &[(String, String)],
    leaving: &[String],
    everyone: bool,
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
    let edges = build_graph(&pool, &left, &right, |m, e| {
        everyone || lost_m[m] > 0 || lost_e[e] > 0
    });
    let chosen = assign::solve(&edges.graph)?;
    Ok(explain::describe(
        &pool,
        &edges,
        &chosen,
        &[],
        |role, i| match (role, everyone) {
            (Role::Mentor, true) => kept_m[i] == 0,
            (Role::Mentee, true) => kept_e[i] == 0,
            (Role::Mentor, false) => lost_m[i] > 0,
            (Role::Mentee, false) => lost_e[i] > 0,
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

    pub(crate) use crate::config::test_support::{mentee, mentor};
    use crate::config::{PairingSettings, Weights};

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
            no_round_in_last_weeks: 4,
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

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;
    use proptest::prelude::*;

    use super::testutil::{mentee, mentor, settings};
    use super::*;
    use crate::config::WorkingHours;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
    }

    fn request<'a>(
        people: &'a [Participant],
        s: &'a PairingSettings,
        history: &'a [(String, String)],
    ) -> Request<'a> {
        Request {
            participants: people,
            settings: s,
            history,
            unavailable: &[],
            reference_date: date(),
        }
    }

    fn pairs_of(p: &Pairing) -> Vec<(String, String)> {
        p.pairs
            .iter()
            .map(|p| (p.mentor.clone(), p.mentee.clone()))
            .collect()
    }

    #[test]
    fn the_better_topic_match_wins_when_counts_tie() {
        let s = settings();
        let mut a = mentor("a");
        a.offers = vec!["ai tools".into()];
        let b = mentor("b");
        let mut c = mentee("c");
        c.wants = vec!["AI Tools".into()];
        let d = mentee("d");
        let people = [a, b, c, d];
        let result = pair(&request(&people, &s, &[])).unwrap();
        assert_eq!(
            pairs_of(&result),
            vec![
                ("a@x.example".into(), "c@x.example".into()),
                ("b@x.example".into(), "d@x.example".into())
            ]
        );
        assert_eq!(result.total_score, 10);
        assert_eq!(result.pairs[0].reasons, "A can teach C: ai tools");
        assert!(result.unmatched.is_empty());
    }

    #[test]
    fn a_fixed_pair_is_made_even_against_a_better_match_and_uses_capacity() {
        let mut s = settings();
        s.fixed = vec![("b@x.example".into(), "c@x.example".into())];
        let mut a = mentor("a");
        a.offers = vec!["ai tools".into()];
        let b = mentor("b");
        let mut c = mentee("c");
        c.wants = vec!["ai tools".into()];
        let people = [a, b, c];
        let result = pair(&request(&people, &s, &[])).unwrap();
        assert_eq!(
            pairs_of(&result),
            vec![("b@x.example".into(), "c@x.example".into())]
        );
        assert!(result.pairs[0].fixed);
        assert!(result.pairs[0].reasons.starts_with("fixed by HR; "));
        assert_eq!(result.unmatched.len(), 1);
        assert_eq!(result.unmatched[0].email, "a@x.example");
        assert_eq!(
            result.unmatched[0].reason,
            "the one eligible mentee (C) is already paired up to their capacity"
        );
    }

    #[test]
    fn an_impossible_fixed_pair_is_refused_with_the_reason() {
        let mut s = settings();
        s.fixed = vec![("a@x.example".into(), "b@x.example".into())];
        let mut a = mentor("a");
        a.department = Some("Legal".into());
        let mut b = mentee("b");
        b.department = Some("Legal".into());
        let people = [a, b];
        let err = pair(&request(&people, &s, &[])).unwrap_err();
        assert_eq!(
            err,
            PairingError::FixedPairIneligible {
                mentor: "a@x.example".into(),
                mentee: "b@x.example".into(),
                reasons: "both are in Legal".into()
            }
        );
        s.fixed = vec![("b@x.example".into(), "a@x.example".into())];
        assert!(matches!(
            pair(&request(&people, &s, &[])),
            Err(PairingError::FixedPairUnknown { .. })
        ));
    }

    #[test]
    fn fixed_pairs_beyond_a_capacity_are_refused() {
        let mut s = settings();
        s.fixed = vec![
            ("a@x.example".into(), "b@x.example".into()),
            ("a@x.example".into(), "c@x.example".into()),
        ];
        let people = [mentor("a"), mentee("b"), mentee("c")];
        assert!(matches!(
            pair(&request(&people, &s, &[])),
            Err(PairingError::FixedOverCapacity {
                count: 2,
                capacity: 1,
                ..
            })
        ));
    }

    #[test]
    fn a_fixed_pair_may_repeat_an_earlier_round() {
        let mut s = settings();
        s.fixed = vec![("a@x.example".into(), "b@x.example".into())];
        let history = [("a@x.example".to_string(), "b@x.example".to_string())];
        let people = [mentor("a"), mentee("b")];
        let result = pair(&request(&people, &s, &history)).unwrap();
        assert_eq!(result.pairs.len(), 1);
    }

    #[test]
    fn the_unmatched_hear_which_rules_blocked_them_with_counts() {
        let mut s = settings();
        s.min_level_gap = 3;
        let mut a = mentor("a");
        a.level = 4;
        a.department = Some("Ops".into());
        let mut b = mentee("b");
        b.level = 5;
        let mut c = mentee("c");
        c.level = 9;
        c.department = Some("ops".into());
        let mut d = mentee("d");
        d.level = 9;
        d.languages = vec!["French".into()];
        a.languages = vec!["English".into()];
        let people = [a, b, c, d];
        let result = pair(&request(&people, &s, &[])).unwrap();
        assert!(result.pairs.is_empty());
        let a = &result.unmatched[0];
        assert_eq!(a.email, "a@x.example");
        assert_eq!(
            a.reason,
            "no eligible mentee among 3: 1 not at least 3 levels more senior, 1 in the same department, 1 sharing no language"
        );
        assert_eq!(
            result.unmatched[1].reason,
            "no eligible mentor among 1: 1 not at least 3 levels more junior"
        );
        assert_eq!(result.unmatched.len(), 4);
    }

    #[test]
    fn nobody_on_the_other_side_is_said_plainly() {
        let s = settings();
        let people = [mentor("a")];
        let result = pair(&request(&people, &s, &[])).unwrap();
        assert_eq!(
            result.unmatched[0].reason,
            "no mentee is available to pair with"
        );
    }

    #[test]
    fn unavailable_people_are_neither_paired_nor_listed() {
        let s = settings();
        let people = [mentor("a"), mentee("b"), mentee("c")];
        let unavailable = ["B@x.example".to_string()];
        let req = Request {
            unavailable: &unavailable,
            ..request(&people, &s, &[])
        };
        let result = pair(&req).unwrap();
        assert_eq!(
            pairs_of(&result),
            vec![("a@x.example".into(), "c@x.example".into())]
        );
        assert!(result.unmatched.is_empty());
    }

    #[test]
    fn a_partner_left_mid_round_is_repaired_with_someone_unmatched() {
        let s = settings();
        let mut a = mentor("a");
        a.offers = vec!["video".into()];
        let b = mentor("b");
        let mut z = mentor("z");
        z.offers = vec!["video".into()];
        z.languages = vec!["German".into()];
        let mut c = mentee("c");
        c.wants = vec!["video".into()];
        c.languages = vec!["English".into()];
        let d = mentee("d");
        let people = [a, b, c, d, z];
        let current = [
            ("a@x.example".to_string(), "c@x.example".to_string()),
            ("b@x.example".to_string(), "d@x.example".to_string()),
        ];
        // a leaves: b is eligible for c but full with d, and z shares no language with c
        let result = repair(
            &request(&people, &s, &[]),
            &current,
            &["a@x.example".to_string()],
        )
        .unwrap();
        assert!(result.pairs.is_empty());
        assert_eq!(result.unmatched.len(), 1);
        assert_eq!(result.unmatched[0].email, "c@x.example");
        assert_eq!(
            result.unmatched[0].reason,
            "the one eligible mentor (B) is already paired up to their capacity"
        );
        // d leaves too: b has room again, and the two orphans are paired
        let result = repair(
            &request(&people, &s, &[]),
            &current,
            &["a@x.example".to_string(), "d@x.example".to_string()],
        )
        .unwrap();
        assert_eq!(
            pairs_of(&result),
            vec![("b@x.example".into(), "c@x.example".into())]
        );
    }

    #[test]
    fn fill_pairs_only_those_with_room_and_keeps_every_current_pair() {
        let s = settings();
        let mut a = mentor("a");
        a.capacity = 2;
        let people = [a, mentor("b"), mentee("c"), mentee("d"), mentee("e")];
        // a and c go on; b's pair ended; d and e have nobody.
        let current = [("a@x.example".to_string(), "c@x.example".to_string())];
        let history = [("b@x.example".to_string(), "d@x.example".to_string())];
        let result = fill(&request(&people, &s, &history), &current).unwrap();
        assert_eq!(
            pairs_of(&result),
            vec![
                ("a@x.example".into(), "d@x.example".into()),
                ("b@x.example".into(), "e@x.example".into())
            ],
            "a's second place goes to d; b does not meet d again"
        );
        assert!(result.unmatched.is_empty(), "{:?}", result.unmatched);
        // Nobody with room: nothing to do, and nobody with a partner is called unmatched.
        let full = [
            ("a@x.example".to_string(), "c@x.example".to_string()),
            ("a@x.example".to_string(), "d@x.example".to_string()),
            ("b@x.example".to_string(), "e@x.example".to_string()),
        ];
        let result = fill(&request(&people, &s, &[]), &full).unwrap();
        assert!(result.pairs.is_empty() && result.unmatched.is_empty());
    }

    /// A small random program from a seed: levels, departments, managers, languages,
    /// topics, capacities, exclusions, hours in a few zones, and some history.
    fn random_program(seed: u64) -> (Vec<Participant>, Vec<(String, String)>, PairingSettings) {
        let mut x = seed | 1;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        let mut people = Vec::new();
        let n_mentors = 1 + next(4) as usize;
        let n_mentees = 1 + next(4) as usize;
        let ids: Vec<(String, Role)> = (0..n_mentors)
            .map(|i| (format!("m{i}"), Role::Mentor))
            .chain((0..n_mentees).map(|i| (format!("e{i}"), Role::Mentee)))
            .collect();
        let topics = ["ai", "video", "career", "budget"];
        let zones = [
            chrono_tz::Europe::London,
            chrono_tz::America::New_York,
            chrono_tz::Asia::Tokyo,
        ];
        for (id, role) in &ids {
            let mut p = match role {
                Role::Mentor => mentor(id),
                Role::Mentee => mentee(id),
            };
            p.level = 1 + next(6) as i64;
            p.department =
                [None, Some("A".to_string()), Some("B".to_string())][next(3) as usize].clone();
            if next(3) == 0 {
                let (other, _) = &ids[next(ids.len() as u64) as usize];
                p.manager = Some(format!("{other}@x.example"));
            }
            p.languages = match next(4) {
                0 => vec![],
                1 => vec!["en".into()],
                2 => vec!["fr".into()],
                _ => vec!["en".into(), "fr".into()],
            };
            p.offers = topics
                .iter()
                .filter(|_| next(3) == 0)
                .map(|t| t.to_string())
                .collect();
            p.wants = topics
                .iter()
                .filter(|_| next(3) == 0)
                .map(|t| t.to_string())
                .collect();
            p.capacity = 1 + next(2) as u32;
            if next(5) == 0 {
                let (other, _) = &ids[next(ids.len() as u64) as usize];
                p.exclude = vec![format!("{other}@x.example")];
            }
            if next(2) == 0 {
                p.timezone = zones[next(3) as usize];
                let start = 7 + next(4) as u32;
                p.hours = Some(WorkingHours {
                    start: NaiveTime::from_hms_opt(start, 0, 0).unwrap(),
                    end: NaiveTime::from_hms_opt(start + 8, 0, 0).unwrap(),
                });
            }
            people.push(p);
        }
        let history = (0..next(3))
            .map(|_| {
                (
                    format!("m{}@x.example", next(n_mentors as u64)),
                    format!("e{}@x.example", next(n_mentees as u64)),
                )
            })
            .collect();
        let mut s = settings();
        s.min_level_gap = next(3) as i64;
        s.different_department = next(2) == 0;
        s.weights.overlap_per_hour = next(3) as u32;
        (people, history, s)
    }

    /// The best (pairs, score) over every set of eligible pairs within capacities.
    fn brute_force(pool: &Pool<'_>) -> (usize, i64) {
        let mut edges = Vec::new();
        for m in 0..pool.mentors.len() {
            for e in 0..pool.mentees.len() {
                if pool.check(m, e, false).is_empty() {
                    edges.push((m, e, score::points(pool, m, e)));
                }
            }
        }
        let mut best = (0, 0);
        for mask in 0u32..(1 << edges.len()) {
            let mut l = vec![0u32; pool.mentors.len()];
            let mut r = vec![0u32; pool.mentees.len()];
            let (mut n, mut total, mut ok) = (0, 0, true);
            for (k, &(m, e, sc)) in edges.iter().enumerate() {
                if mask & (1 << k) != 0 {
                    l[m] += 1;
                    r[e] += 1;
                    ok &= l[m] <= pool.mentors[m].p.capacity && r[e] <= pool.mentees[e].p.capacity;
                    n += 1;
                    total += sc;
                }
            }
            if ok && (n, total) > best {
                best = (n, total);
            }
        }
        best
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn shuffling_the_participants_gives_the_same_pairs(seed in any::<u64>(), rot in 0usize..8) {
            let (people, history, s) = random_program(seed);
            let first = pair(&request(&people, &s, &history)).unwrap();
            let mut shuffled = people.clone();
            shuffled.reverse();
            let k = rot % shuffled.len();
            shuffled.rotate_left(k);
            let second = pair(&request(&shuffled, &s, &history)).unwrap();
            prop_assert_eq!(first, second);
        }

        #[test]
        fn no_pair_breaks_a_hard_constraint_or_a_capacity(seed in any::<u64>()) {
            let (people, history, s) = random_program(seed);
            let result = pair(&request(&people, &s, &history)).unwrap();
            let pool = Pool::new(&people, &s, &history, &[], date());
            let mut used = std::collections::HashMap::new();
            for p in &result.pairs {
                let why = pool.why_not(&p.mentor, &p.mentee).unwrap();
                prop_assert!(why.is_empty(), "{} {} {:?}", p.mentor, p.mentee, why);
                *used.entry(p.mentor.clone()).or_insert(0u32) += 1;
                *used.entry(p.mentee.clone()).or_insert(0u32) += 1;
            }
            for person in &people {
                prop_assert!(used.get(&person.email).copied().unwrap_or(0) <= person.capacity);
            }
        }

        #[test]
        fn the_round_is_optimal_on_count_then_score(seed in any::<u64>()) {
            let (people, history, s) = random_program(seed);
            let pool = Pool::new(&people, &s, &history, &[], date());
            let result = pair(&request(&people, &s, &history)).unwrap();
            prop_assert_eq!((result.pairs.len(), result.total_score), brute_force(&pool));
        }
    }
}
