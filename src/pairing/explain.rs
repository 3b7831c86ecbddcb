//! Owns what a pairing says to HR: every pair with its score and reasons, every unmatched
//! person with why (the constraints that left them no partner, with counts, or partners
//! all taken). Does not choose pairs; it describes the choice `assign` made.

use serde::Serialize;

use crate::config::Role;

use super::Edges;
use super::eligibility::{Constraint, Pool};
use super::score::{Why, duration, points, why};

/// The outcome of one pairing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pairing {
    /// The pairs, by mentor address then mentee address.
    pub pairs: Vec<Pair>,
    /// People who got no partner, mentors first, each by address.
    pub unmatched: Vec<Unmatched>,
    /// The sum of the pairs' scores.
    pub total_score: i64,
    /// What HR should know that is not an error (a fixed pair skipped because someone left).
    pub notes: Vec<String>,
}

/// One pair and why it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub mentor: String,
    pub mentor_name: String,
    pub mentee: String,
    pub mentee_name: String,
    pub score: i64,
    /// HR forced this pair in `[[pairing.fixed]]`.
    pub fixed: bool,
    pub why: Why,
    /// `why` as one sentence for HR and for the introduction.
    pub reasons: String,
}

/// Someone left without a partner, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    pub email: String,
    pub name: String,
    /// `mentor` or `mentee`.
    pub role: &'static str,
    pub why: UnmatchedWhy,
    /// `why` as one sentence for HR.
    pub reason: String,
}

/// The cause of an unmatched person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UnmatchedWhy {
    /// Nobody on the other side may be paired now.
    NoCandidates,
    /// Every candidate is blocked by a hard constraint.
    NoEligible {
        candidates: usize,
        /// How many candidates each constraint blocks (one may be blocked by several).
        blocked_by: Vec<Blocked>,
    },
    /// Eligible partners exist, but all of them are paired up to their capacity.
    PartnersTaken {
        eligible: usize,
        /// Up to three of them, by name.
        examples: Vec<String>,
    },
}

/// How many candidates one constraint blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    pub constraint: Constraint,
    pub count: usize,
}

const EXAMPLES: usize = 3;

/// How many eligible partners with room someone had, and the first few.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    count: usize,
    first: [u32; EXAMPLES],
}

impl Seen {
    fn add(&mut self, other: usize) {
        if self.count < EXAMPLES {
            self.first[self.count] = other as u32;
        }
        self.count += 1;
    }
}

/// Builds the pairing HR reads from the chosen edges of `graph` plus the `fixed` pairs.
/// `subject(role, index)` says whose lack of a partner needs explaining.
pub(crate) fn describe(
    pool: &Pool<'_>,
    edges: &Edges,
    chosen: &[usize],
    fixed: &[(usize, usize)],
    subject: impl Fn(Role, usize) -> bool,
    notes: Vec<String>,
) -> Pairing {
    let mut made: Vec<(usize, usize, bool)> = fixed.iter().map(|&(m, e)| (m, e, true)).collect();
    made.extend(chosen.iter().map(|&edge| {
        let (m, e) = edges.pair(edges.graph.left_of(edge), edge);
        (m, e, false)
    }));
    made.sort_unstable();
    let mut left_count = vec![0u32; pool.mentors.len()];
    let mut right_count = vec![0u32; pool.mentees.len()];
    let pairs: Vec<Pair> = made
        .iter()
        .map(|&(m, e, is_fixed)| {
            left_count[m] += 1;
            right_count[e] += 1;
            let (a, b) = (pool.mentors[m].p, pool.mentees[e].p);
            let why = why(pool, m, e);
            let mut reasons = why.text(&a.name, &b.name);
            if is_fixed {
                reasons = format!("fixed by HR; {reasons}");
            }
            Pair {
                mentor: a.email.clone(),
                mentor_name: a.name.clone(),
                mentee: b.email.clone(),
                mentee_name: b.name.clone(),
                score: points(pool, m, e),
                fixed: is_fixed,
                why,
                reasons,
            }
        })
        .collect();

    // Eligible partners with room, as the graph saw them, for "all taken" answers.
    let mut mentor_seen: Vec<Seen> = vec![Seen::default(); pool.mentors.len()];
    let mut mentee_seen: Vec<Seen> = vec![Seen::default(); pool.mentees.len()];
    for (m, e, _) in edges.each() {
        mentor_seen[m].add(e);
        mentee_seen[e].add(m);
    }
    let mut unmatched = Vec::new();
    for (role, counts, seen) in [
        (Role::Mentor, &left_count, &mentor_seen),
        (Role::Mentee, &right_count, &mentee_seen),
    ] {
        for (i, &count) in counts.iter().enumerate() {
            let available = match role {
                Role::Mentor => pool.mentors[i].available,
                Role::Mentee => pool.mentees[i].available,
            };
            if count == 0 && available && subject(role, i) {
                let why = explain_one(pool, role, i, &seen[i]);
                unmatched.push(unmatched_entry(pool, role, i, why));
            }
        }
    }
    Pairing {
        total_score: pairs.iter().map(|p| p.score).sum(),
        pairs,
        unmatched,
        notes,
    }
}

/// Why person `i` of `role` has no partner. `seen` holds the eligible partners with room
/// the graph had; with none, every candidate is checked against every rule.
fn explain_one(pool: &Pool<'_>, role: Role, i: usize, seen: &Seen) -> UnmatchedWhy {
    let others = match role {
        Role::Mentor => &pool.mentees,
        Role::Mentee => &pool.mentors,
    };
    let name = |j: usize| others[j].p.name.clone();
    if seen.count > 0 {
        return UnmatchedWhy::PartnersTaken {
            eligible: seen.count,
            examples: seen.first[..seen.count.min(EXAMPLES)]
                .iter()
                .map(|&j| name(j as usize))
                .collect(),
        };
    }
    let mut candidates = 0;
    let mut counts = [0usize; Constraint::ALL.len()];
    let mut eligible = Vec::new();
    for (j, other) in others.iter().enumerate() {
        if !other.available {
            continue;
        }
        candidates += 1;
        let blocks = match role {
            Role::Mentor => pool.check(i, j, false),
            Role::Mentee => pool.check(j, i, false),
        };
        if blocks.is_empty() {
            eligible.push(j);
        }
        for c in blocks.iter() {
            counts[c as usize] += 1;
        }
    }
    if !eligible.is_empty() {
        return UnmatchedWhy::PartnersTaken {
            eligible: eligible.len(),
            examples: eligible.into_iter().take(EXAMPLES).map(name).collect(),
        };
    }
    if candidates == 0 {
        return UnmatchedWhy::NoCandidates;
    }
    let mut blocked_by: Vec<Blocked> = Constraint::ALL
        .into_iter()
        .filter(|&c| counts[c as usize] > 0)
        .map(|c| Blocked {
            constraint: c,
            count: counts[c as usize],
        })
        .collect();
    blocked_by.sort_by_key(|b| std::cmp::Reverse(b.count));
    UnmatchedWhy::NoEligible {
        candidates,
        blocked_by,
    }
}

fn unmatched_entry(pool: &Pool<'_>, role: Role, i: usize, why: UnmatchedWhy) -> Unmatched {
    let p = match role {
        Role::Mentor => pool.mentors[i].p,
        Role::Mentee => pool.mentees[i].p,
    };
    Unmatched {
        email: p.email.clone(),
        name: p.name.clone(),
        role: role.as_str(),
        reason: reason_text(pool, role, &why),
        why,
    }
}

/// One sentence for HR, e.g. "no eligible mentee among 12: 8 not at least 3 levels more
/// senior, 3 in the same department".
fn reason_text(pool: &Pool<'_>, role: Role, why: &UnmatchedWhy) -> String {
    let other = match role {
        Role::Mentor => Role::Mentee,
        Role::Mentee => Role::Mentor,
    }
    .as_str();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match why {
        UnmatchedWhy::NoCandidates => format!("no {other} is available to pair with"),
        UnmatchedWhy::PartnersTaken { eligible, examples } => {
            let names = if *eligible > examples.len() {
                format!("{}, …", examples.join(", "))
            } else {
                examples.join(", ")
            };
            if *eligible == 1 {
                format!("the one eligible {other} ({names}) is already paired up to their capacity")
            } else {
                format!(
                    "all {eligible} eligible {other}s ({names}) are already paired up to their capacity"
                )
            }
        }
        UnmatchedWhy::NoEligible {
            candidates,
            blocked_by,
        } => {
            let s = pool.settings;
            let parts: Vec<String> = blocked_by
                .iter()
                .map(|b| {
                    let n = b.count;
                    match b.constraint {
                        Constraint::LevelGap => format!(
                            "{n} not at least {} level{} more {}",
                            s.min_level_gap,
                            plural(s.min_level_gap as usize),
                            if role == Role::Mentor {
                                "senior"
                            } else {
                                "junior"
                            }
                        ),
                        Constraint::SameDepartment => format!("{n} in the same department"),
                        Constraint::ReportingLine => format!("{n} in the same reporting line"),
                        Constraint::Excluded => format!("{n} excluded"),
                        Constraint::MetBefore => format!("{n} paired with them before"),
                        Constraint::NoCommonLanguage => format!("{n} sharing no language"),
                        Constraint::TooLittleOverlap => format!(
                            "{n} with under {} of shared working hours",
                            duration(s.min_overlap_minutes)
                        ),
                    }
                })
                .collect();
            format!(
                "no eligible {other} among {candidates}: {}",
                parts.join(", ")
            )
        }
    }
}
