//! Owns who may be paired with whom: the hard constraints of `[pairing]` over a [`Pool`] of
//! participants indexed once (departments, languages and topics interned, working hours as
//! UTC windows on a reference date, reporting lines as intervals of a tree walk). Does not
//! score pairs (`score`) nor choose among them (`assign`).

use std::collections::HashMap;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::{PairingSettings, Participant, Role, normalize_topic};

/// One hard constraint: a reason two people may not be paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Constraint {
    /// The mentor is not `min_level_gap` levels below the mentee.
    LevelGap,
    /// Both are in the same department (`different_department`).
    SameDepartment,
    /// One is in the other's manager chain (`avoid_reporting_line`).
    ReportingLine,
    /// One of them lists the other in `exclude`.
    Excluded,
    /// They were paired in an earlier round (`allow_repeat = false`).
    MetBefore,
    /// Both list languages and share none (`require_common_language`).
    NoCommonLanguage,
    /// Both give hours and they share less than `min_overlap_minutes`.
    TooLittleOverlap,
}

impl Constraint {
    /// Every constraint, in the order they are reported.
    pub const ALL: [Constraint; 7] = [
        Constraint::LevelGap,
        Constraint::SameDepartment,
        Constraint::ReportingLine,
        Constraint::Excluded,
        Constraint::MetBefore,
        Constraint::NoCommonLanguage,
        Constraint::TooLittleOverlap,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of constraints that block one pair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Blocks(u8);

impl Blocks {
    /// No constraint blocks the pair: it is eligible.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `c` blocks the pair.
    pub fn contains(self, c: Constraint) -> bool {
        self.0 & c.bit() != 0
    }

    fn insert(&mut self, c: Constraint) {
        self.0 |= c.bit();
    }

    /// The same set without `c`.
    pub fn without(self, c: Constraint) -> Blocks {
        Blocks(self.0 & !c.bit())
    }

    /// The constraints in the set, in report order.
    pub fn iter(self) -> impl Iterator<Item = Constraint> {
        Constraint::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

/// Where a participant sits in the manager forest: blocks of people on one cycle share
/// `comp`; `tin..tout` brackets every `comp` below it.
#[derive(Debug, Clone, Copy, Default)]
struct Line {
    comp: u32,
    tin: u32,
    tout: u32,
}

/// A participant as the pairing engine needs them: interned and precomputed.
#[derive(Debug)]
pub(crate) struct Person<'a> {
    pub p: &'a Participant,
    /// False for people who may not be paired now (stopped, paused, left); they still count
    /// in reporting lines.
    pub available: bool,
    /// Language ids, sorted.
    pub langs: Vec<u32>,
    /// Canonical topic ids, sorted.
    pub offers: Vec<u32>,
    /// Canonical topic ids, sorted.
    pub wants: Vec<u32>,
}

/// What the hard constraints read of one person, packed in one small value so that a scan
/// over thousands of candidates stays in cache.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Screen {
    pub level: i64,
    /// Department id, or `NO_DEPT`.
    dept: u32,
    /// Bit `id % 64` of every language: no common bit means no common language.
    langs: u64,
    /// Bit `id` of every topic offered and wanted, when the program has at most 64 topics.
    pub offers: u64,
    pub wants: u64,
    /// For a mentor, bit `mentee % 64` of every mentee excluded or met before: most
    /// candidates are cleared without looking at the lists.
    barred: u64,
    line: Line,
    /// Working hours on the day before, on, and after the reference date, in minutes from
    /// midnight UTC of the reference date; `None` without hours.
    windows: Option<[(i32, i32); 3]>,
}

const NO_DEPT: u32 = u32::MAX;

/// The participants of one pairing problem, sorted by address and indexed for fast checks.
#[derive(Debug)]
pub struct Pool<'a> {
    pub(crate) settings: &'a PairingSettings,
    pub(crate) mentors: Vec<Person<'a>>,
    pub(crate) mentees: Vec<Person<'a>>,
    pub(crate) mentor_screens: Vec<Screen>,
    pub(crate) mentee_screens: Vec<Screen>,
    /// Whether language masks are exact (at most 64 languages in the program).
    exact_langs: bool,
    /// Whether topic masks are exact (at most 64 topics in the program).
    pub(crate) exact_topics: bool,
    index: HashMap<&'a str, (Role, usize)>,
    /// Canonical topic text by id.
    pub(crate) topics: Vec<String>,
    /// Per mentor, the mentees excluded by either side (sorted).
    excluded: Vec<Vec<u32>>,
    /// Per mentor, the mentees met in earlier rounds (sorted).
    met: Vec<Vec<u32>>,
    pub(crate) reference_date: NaiveDate,
}

/// Gives every distinct string an id, in order of first sight.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(&s) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(s.clone());
        self.ids.insert(s, id);
        id
    }

    fn sorted_ids(&mut self, words: impl Iterator<Item = String>) -> Vec<u32> {
        let mut ids: Vec<u32> = words.map(|w| self.id(w)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

impl<'a> Pool<'a> {
    /// Indexes `participants` for pairing. `history` holds the (mentor, mentee) addresses of
    /// earlier pairs; `unavailable` the addresses of people who may not be paired now.
    /// Hours are compared on `reference_date`, in each person's own time zone.
    pub fn new(
        participants: &'a [Participant],
        settings: &'a PairingSettings,
        history: &[(String, String)],
        unavailable: &[String],
        reference_date: NaiveDate,
    ) -> Pool<'a> {
        // NOTE: people are sorted by address (unique, lowercased) so that every later step,
        // and so the chosen pairs, do not depend on the order of the participants file.
        let mut sorted: Vec<&Participant> = participants.iter().collect();
        sorted.sort_by(|a, b| a.email.cmp(&b.email));
        sorted.dedup_by(|a, b| a.email == b.email);
        let synonyms: HashMap<&str, &str> = settings
            .synonyms
            .iter()
            .map(|(alias, canonical)| (alias.as_str(), canonical.as_str()))
            .collect();
        let canonical = |t: &String| {
            let n = normalize_topic(t);
            synonyms.get(n.as_str()).map_or(n, |c| (*c).to_string())
        };
        let unavailable: std::collections::HashSet<String> =
            unavailable.iter().map(|e| e.to_lowercase()).collect();
        let (mut depts, mut langs, mut topics) = (
            Interner::default(),
            Interner::default(),
            Interner::default(),
        );
        let lines = reporting_lines(&sorted);
        let (mut mentors, mut mentor_screens) = (Vec::new(), Vec::new());
        let (mut mentees, mut mentee_screens) = (Vec::new(), Vec::new());
        let mut index = HashMap::new();
        for (p, line) in sorted.iter().zip(lines) {
            let person = Person {
                p,
                available: !unavailable.contains(&p.email),
                langs: langs.sorted_ids(p.languages.iter().map(|l| normalize_topic(l))),
                offers: topics.sorted_ids(p.offers.iter().map(canonical)),
                wants: topics.sorted_ids(p.wants.iter().map(canonical)),
            };
            let screen = Screen {
                level: p.level,
                dept: p
                    .department
                    .as_ref()
                    .map_or(NO_DEPT, |d| depts.id(d.trim().to_lowercase())),
                langs: mask(&person.langs),
                offers: mask(&person.offers),
                wants: mask(&person.wants),
                barred: 0,
                line,
                windows: p
                    .hours
                    .and_then(|h| windows(p.timezone, h.start, h.end, reference_date)),
            };
            let (list, screens) = match p.role {
                Role::Mentor => (&mut mentors, &mut mentor_screens),
                Role::Mentee => (&mut mentees, &mut mentee_screens),
            };
            index.insert(p.email.as_str(), (p.role, list.len()));
            list.push(person);
            screens.push(screen);
        }
        let mut excluded = vec![Vec::new(); mentors.len()];
        for person in mentors.iter().chain(&mentees) {
            for other in &person.p.exclude {
                let pair = match (
                    index.get(person.p.email.as_str()),
                    index.get(other.as_str()),
                ) {
                    (Some(&(Role::Mentor, m)), Some(&(Role::Mentee, e)))
                    | (Some(&(Role::Mentee, e)), Some(&(Role::Mentor, m))) => (m, e),
                    _ => continue,
                };
                excluded[pair.0].push(pair.1 as u32);
            }
        }
        let mut met = vec![Vec::new(); mentors.len()];
        for (mentor, mentee) in history {
            if let (Some(&(Role::Mentor, m)), Some(&(Role::Mentee, e))) = (
                index.get(mentor.to_lowercase().as_str()),
                index.get(mentee.to_lowercase().as_str()),
            ) {
                met[m].push(e as u32);
            }
        }
        for list in excluded.iter_mut().chain(met.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        for (m, screen) in mentor_screens.iter_mut().enumerate() {
            screen.barred = mask(&excluded[m]) | mask(&met[m]);
        }
        Pool {
            settings,
            exact_langs: langs.names.len() <= 64,
            exact_topics: topics.names.len() <= 64,
            mentors,
            mentees,
            mentor_screens,
            mentee_screens,
            index,
            topics: topics.names,
            excluded,
            met,
            reference_date,
        }
    }

    /// The role and index of the participant with this address.
    pub(crate) fn find(&self, email: &str) -> Option<(Role, usize)> {
        self.index.get(email.to_lowercase().as_str()).copied()
    }

    /// The constraints that block mentor `m` with mentee `e`; with `first_only`, stops at
    /// the first one found (enough to know the pair is not eligible).
    #[inline]
    pub(crate) fn check(&self, m: usize, e: usize, first_only: bool) -> Blocks {
        self.check_screens(
            &self.mentor_screens[m],
            &self.mentee_screens[e],
            m,
            e,
            first_only,
        )
    }

    /// As [`Pool::check`], with the two screens at hand (a scan keeps copies in order).
    #[inline]
    pub(crate) fn check_screens(
        &self,
        a: &Screen,
        b: &Screen,
        m: usize,
        e: usize,
        first_only: bool,
    ) -> Blocks {
        let s = self.settings;
        let mut out = Blocks::default();
        macro_rules! fail {
            ($c:expr) => {{
                out.insert($c);
                if first_only {
                    return out;
                }
            }};
        }
        if b.level.saturating_sub(a.level) < s.min_level_gap {
            fail!(Constraint::LevelGap);
        }
        if s.different_department && a.dept != NO_DEPT && a.dept == b.dept {
            fail!(Constraint::SameDepartment);
        }
        if s.require_common_language
            && a.langs != 0
            && b.langs != 0
            && (a.langs & b.langs == 0
                || (!self.exact_langs
                    && common(&self.mentors[m].langs, &self.mentees[e].langs)
                        .next()
                        .is_none()))
        {
            fail!(Constraint::NoCommonLanguage);
        }
        if s.min_overlap_minutes > 0 && overlap(a, b).is_some_and(|o| o < s.min_overlap_minutes) {
            fail!(Constraint::TooLittleOverlap);
        }
        if s.avoid_reporting_line && related(a.line, b.line) {
            fail!(Constraint::ReportingLine);
        }
        if a.barred & (1 << (e % 64)) != 0 {
            let e32 = e as u32;
            if self.excluded[m].binary_search(&e32).is_ok() {
                fail!(Constraint::Excluded);
            }
            if !s.allow_repeat && self.met[m].binary_search(&e32).is_ok() {
                fail!(Constraint::MetBefore);
            }
        }
        out
    }

    /// Minutes of shared working time, when both give hours: the mentor's day on the
    /// reference date against the mentee's day before, on and after it (the best of the
    /// three, so a pair across the date line still finds its daily overlap).
    // NOTE: each day is converted with that day's own UTC offset (chrono-tz), so the
    // reference date decides which side of a daylight-saving change applies; callers pass
    // the program's start date (`upward pair` and `check` both do).
    pub(crate) fn overlap_minutes(&self, m: usize, e: usize) -> Option<u32> {
        overlap(&self.mentor_screens[m], &self.mentee_screens[e])
    }

    /// Both give a department and they differ.
    pub(crate) fn different_departments(&self, m: usize, e: usize) -> bool {
        different(&self.mentor_screens[m], &self.mentee_screens[e])
    }

    /// One sentence per constraint that blocks this pair, for HR. `None` when either address
    /// is not a participant of the right role.
    pub fn why_not(&self, mentor: &str, mentee: &str) -> Option<Vec<String>> {
        let (Some((Role::Mentor, m)), Some((Role::Mentee, e))) =
            (self.find(mentor), self.find(mentee))
        else {
            return None;
        };
        Some(
            self.check(m, e, false)
                .iter()
                .map(|c| self.describe(c, m, e))
                .collect(),
        )
    }

    /// Why constraint `c` blocks mentor `m` with mentee `e`, naming both.
    pub(crate) fn describe(&self, c: Constraint, m: usize, e: usize) -> String {
        let (a, b) = (self.mentors[m].p, self.mentees[e].p);
        let s = self.settings;
        match c {
            Constraint::LevelGap => format!(
                "{} (level {}) is not {} level{} below {} (level {})",
                a.name,
                a.level,
                s.min_level_gap,
                if s.min_level_gap == 1 { "" } else { "s" },
                b.name,
                b.level
            ),
            Constraint::SameDepartment => format!(
                "both are in {}",
                a.department.as_deref().unwrap_or("the same department")
            ),
            Constraint::ReportingLine => format!(
                "{} and {} are in the same reporting line (manager chain)",
                a.name, b.name
            ),
            Constraint::Excluded => {
                let (who, whom) = if a.exclude.contains(&b.email) {
                    (a, b)
                } else {
                    (b, a)
                };
                format!("{} excludes {}", who.name, whom.name)
            }
            Constraint::MetBefore => "they were paired in an earlier round".to_string(),
            Constraint::NoCommonLanguage => format!(
                "they share no language ({}: {}; {}: {})",
                a.name,
                a.languages.join(", "),
                b.name,
                b.languages.join(", ")
            ),
            Constraint::TooLittleOverlap => format!(
                "their working hours overlap {} min on {}, less than the {} min required",
                self.overlap_minutes(m, e).unwrap_or(0),
                self.reference_date,
                s.min_overlap_minutes
            ),
        }
    }
}

/// Both give a department and they differ.
#[inline]
pub(crate) fn different(a: &Screen, b: &Screen) -> bool {
    a.dept != NO_DEPT && b.dept != NO_DEPT && a.dept != b.dept
}

/// Bit `id % 64` of every id.
fn mask(ids: &[u32]) -> u64 {
    ids.iter().fold(0, |mask, id| mask | 1 << (id % 64))
}

/// Minutes of shared working time of a mentor and a mentee (see `Pool::overlap_minutes`).
#[inline]
pub(crate) fn overlap(a: &Screen, b: &Screen) -> Option<u32> {
    let (a, b) = (a.windows?, b.windows?);
    let (s, t) = a[1];
    let best = b
        .iter()
        .map(|&(u, v)| (t.min(v) - s.max(u)).max(0))
        .max()
        .unwrap_or(0);
    u32::try_from(best).ok()
}

/// The ids two sorted lists share, in order.
pub(crate) fn common<'x>(a: &'x [u32], b: &'x [u32]) -> impl Iterator<Item = u32> + 'x {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}

/// Whether one of two people is in the other's manager chain.
fn related(a: Line, b: Line) -> bool {
    a.comp == b.comp || (a.tin <= b.tin && b.tin < a.tout) || (b.tin <= a.tin && a.tin < b.tout)
}

/// Places every person (sorted) in the manager forest. Managers form a functional graph:
/// each person has at most one manager, so every cycle (a data error HR may well make) is
/// the root of its component; its members all share one `comp` and count as each other's
/// reporting line. Chains of any depth take O(n) in total.
fn reporting_lines(people: &[&Participant]) -> Vec<Line> {
    let n = people.len();
    let pos: HashMap<&str, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.email.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = people
        .iter()
        .map(|p| p.manager.as_deref().and_then(|m| pos.get(m).copied()))
        .collect();
    // Find cycles: walk each unvisited node until a visited one; a node seen on the
    // current walk closes a cycle.
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; n];
    let mut comp: Vec<u32> = (0..n as u32).collect();
    let mut on_cycle = vec![false; n];
    let mut path = Vec::new();
    for start in 0..n {
        let mut v = Some(start);
        while let Some(x) = v {
            match state[x] {
                NEW => {
                    state[x] = ON_PATH;
                    path.push(x);
                    v = parent[x];
                }
                ON_PATH => {
                    let at = path.iter().rposition(|&y| y == x).unwrap_or(0);
                    for &y in &path[at..] {
                        comp[y] = x as u32;
                        on_cycle[y] = true;
                    }
                    break;
                }
                _ => break,
            }
        }
        for y in path.drain(..) {
            state[y] = DONE;
        }
    }
    // The contracted forest: a cycle is one root node named by `comp`.
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for v in 0..n {
        if on_cycle[v] {
            if comp[v] == v as u32 {
                roots.push(v as u32);
            }
            continue;
        }
        match parent[v] {
            Some(p) => children[comp[p] as usize].push(v as u32),
            None => roots.push(v as u32),
        }
    }
    let mut tin = vec![0u32; n];
    let mut tout = vec![0u32; n];
    let mut clock = 0u32;
    let mut stack: Vec<(u32, usize)> = Vec::new();
    for root in roots {
        stack.push((root, 0));
        tin[root as usize] = clock;
        clock += 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&c) = children[v as usize].get(*next) {
                *next += 1;
                tin[c as usize] = clock;
                clock += 1;
                stack.push((c, 0));
            } else {
                tout[v as usize] = clock;
                stack.pop();
            }
        }
    }
    (0..n)
        .map(|v| {
            let c = comp[v] as usize;
            Line {
                comp: comp[v],
                tin: tin[c],
                tout: tout[c],
            }
        })
        .collect()
}

/// The UTC instant of a local wall time. In a gap (spring forward) the time an hour later
/// is used; in a fold (fall back) the first of the two.
fn local_instant(tz: Tz, day: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let local = day.and_time(time);
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => tz
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc)),
    }
}

/// A person's working windows on the day before, on and after `date` (in their own time
/// zone, so each day's own UTC offset applies), in minutes from midnight UTC of `date`.
fn windows(tz: Tz, start: NaiveTime, end: NaiveTime, date: NaiveDate) -> Option<[(i32, i32); 3]> {
    let origin = date.and_time(NaiveTime::MIN).and_utc();
    let minutes = |t: DateTime<Utc>| i32::try_from((t - origin).num_minutes()).ok();
    let mut out = [(0, 0); 3];
    for (slot, day) in out
        .iter_mut()
        .zip([date.pred_opt()?, date, date.succ_opt()?])
    {
        *slot = (
            minutes(local_instant(tz, day, start)?)?,
            minutes(local_instant(tz, day, end)?)?,
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::testutil::{mentee, mentor, settings};

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
    }

    fn blocks(people: &[Participant], s: &PairingSettings, history: &[(String, String)]) -> Blocks {
        let pool = Pool::new(people, s, history, &[], date());
        pool.check(0, 0, false)
    }

    #[test]
    fn a_mentor_not_junior_enough_is_blocked_by_the_level_gap() {
        let mut s = settings();
        s.min_level_gap = 3;
        let mut a = mentor("a");
        a.level = 2;
        let mut b = mentee("b");
        b.level = 4;
        assert!(blocks(&[a.clone(), b.clone()], &s, &[]).contains(Constraint::LevelGap));
        b.level = 5;
        assert!(blocks(&[a, b], &s, &[]).is_empty());
    }

    #[test]
    fn the_same_department_blocks_only_when_asked_and_ignores_case() {
        let mut s = settings();
        let mut a = mentor("a");
        a.department = Some("Sales".into());
        let mut b = mentee("b");
        b.department = Some(" sales ".into());
        assert_eq!(
            blocks(&[a.clone(), b.clone()], &s, &[])
                .iter()
                .collect::<Vec<_>>(),
            vec![Constraint::SameDepartment]
        );
        s.different_department = false;
        assert!(blocks(&[a, b], &s, &[]).is_empty());
    }

    #[test]
    fn the_reporting_line_blocks_at_any_depth_in_either_direction() {
        let s = settings();
        // mentee b manages c, who manages mentor a: a is two levels below b
        let mut a = mentor("a");
        a.manager = Some("c@x.example".into());
        let mut c = mentee("c");
        c.manager = Some("b@x.example".into());
        let b = mentee("b");
        let people = [a.clone(), b.clone(), c.clone()];
        let pool = Pool::new(&people, &s, &[], &[], date());
        let (_, m) = pool.find("a@x.example").unwrap();
        let (_, e) = pool.find("b@x.example").unwrap();
        assert!(pool.check(m, e, false).contains(Constraint::ReportingLine));
        // the other direction: the mentor manages the mentee's manager
        let mut a2 = mentor("a");
        a2.manager = None;
        let mut c2 = mentee("c");
        c2.manager = Some("a@x.example".into());
        let mut b2 = mentee("b");
        b2.manager = Some("c@x.example".into());
        let people = [a2, b2, c2];
        let pool = Pool::new(&people, &s, &[], &[], date());
        assert!(pool.check(0, 0, false).contains(Constraint::ReportingLine));
        // an unrelated pair is not blocked
        let people = [mentor("a"), mentee("b")];
        let pool = Pool::new(&people, &s, &[], &[], date());
        assert!(pool.check(0, 0, false).is_empty());
    }

    #[test]
    fn a_manager_cycle_ends_and_counts_everyone_on_it_as_related() {
        let s = settings();
        let mut a = mentor("a");
        a.manager = Some("b@x.example".into());
        let mut b = mentee("b");
        b.manager = Some("c@x.example".into());
        let mut c = mentee("c");
        c.manager = Some("a@x.example".into());
        let mut d = mentor("d");
        d.manager = Some("c@x.example".into());
        let e = mentee("e");
        let people = [a, b, c, d, e];
        let pool = Pool::new(&people, &s, &[], &[], date());
        let idx = |x: &str| pool.find(x).unwrap().1;
        for mentor in ["a@x.example", "d@x.example"] {
            for mentee in ["b@x.example", "c@x.example"] {
                assert!(
                    pool.check(idx(mentor), idx(mentee), false)
                        .contains(Constraint::ReportingLine),
                    "{mentor} {mentee}"
                );
            }
            assert!(pool.check(idx(mentor), idx("e@x.example"), true).is_empty());
        }
    }

    #[test]
    fn an_exclusion_by_either_side_blocks() {
        let s = settings();
        for by_mentor in [true, false] {
            let mut a = mentor("a");
            let mut b = mentee("b");
            if by_mentor {
                a.exclude = vec!["b@x.example".into()];
            } else {
                b.exclude = vec!["a@x.example".into()];
            }
            let people = [a, b];
            let pool = Pool::new(&people, &s, &[], &[], date());
            assert!(pool.check(0, 0, false).contains(Constraint::Excluded));
            let why = pool.why_not("a@x.example", "b@x.example").unwrap();
            let expected = if by_mentor {
                "A excludes B"
            } else {
                "B excludes A"
            };
            assert_eq!(why, vec![expected.to_string()]);
        }
    }

    #[test]
    fn an_earlier_pair_blocks_unless_repeats_are_allowed() {
        let mut s = settings();
        let history = [("A@x.example".to_string(), "b@x.example".to_string())];
        let people = [mentor("a"), mentee("b")];
        assert!(blocks(&people, &s, &history).contains(Constraint::MetBefore));
        s.allow_repeat = true;
        assert!(blocks(&people, &s, &history).is_empty());
    }

    #[test]
    fn languages_must_overlap_only_when_both_give_some() {
        let mut s = settings();
        let mut a = mentor("a");
        a.languages = vec!["German".into()];
        let mut b = mentee("b");
        b.languages = vec!["french".into(), "Spanish".into()];
        assert!(blocks(&[a.clone(), b.clone()], &s, &[]).contains(Constraint::NoCommonLanguage));
        b.languages.push(" GERMAN".into());
        assert!(blocks(&[a.clone(), b.clone()], &s, &[]).is_empty());
        b.languages.clear();
        assert!(blocks(&[a.clone(), b.clone()], &s, &[]).is_empty());
        b.languages = vec!["French".into()];
        s.require_common_language = false;
        assert!(blocks(&[a, b], &s, &[]).is_empty());
    }

    fn with_hours(mut p: Participant, tz: Tz, from: &str, to: &str) -> Participant {
        p.timezone = tz;
        p.hours = Some(crate::config::WorkingHours {
            start: NaiveTime::parse_from_str(from, "%H:%M").unwrap(),
            end: NaiveTime::parse_from_str(to, "%H:%M").unwrap(),
        });
        p
    }

    #[test]
    fn working_hours_overlap_is_computed_in_each_time_zone_on_the_reference_date() {
        let mut s = settings();
        s.min_overlap_minutes = 60;
        // London 09:00-17:30 and New York 09:00-17:00 on 2026-11-02: both on winter time,
        // 14:00-17:30 UTC against 14:00-22:00 UTC: 3 h 30 min
        let a = with_hours(mentor("a"), chrono_tz::Europe::London, "09:00", "17:30");
        let b = with_hours(mentee("b"), chrono_tz::America::New_York, "09:00", "17:00");
        let people = [a.clone(), b.clone()];
        let pool = Pool::new(&people, &s, &[], &[], date());
        assert_eq!(pool.overlap_minutes(0, 0), Some(210));
        // on 2027-03-22 New York is on summer time and London not yet: 13:00-21:00 UTC
        let spring = NaiveDate::from_ymd_opt(2027, 3, 22).unwrap();
        let pool = Pool::new(&people, &s, &[], &[], spring);
        assert_eq!(pool.overlap_minutes(0, 0), Some(270));
        // Singapore and New York office hours never meet
        let c = with_hours(mentee("b"), chrono_tz::Asia::Singapore, "09:00", "18:00");
        let d = with_hours(mentor("a"), chrono_tz::America::New_York, "09:00", "17:00");
        let people = [d, c];
        let pool = Pool::new(&people, &s, &[], &[], date());
        assert_eq!(pool.overlap_minutes(0, 0), Some(0));
        assert!(
            pool.check(0, 0, false)
                .contains(Constraint::TooLittleOverlap)
        );
    }

    #[test]
    fn overlap_across_the_date_line_uses_the_neighbouring_day() {
        let mut s = settings();
        s.min_overlap_minutes = 60;
        // Auckland's Tuesday morning is Honolulu's Monday afternoon
        let a = with_hours(mentor("a"), chrono_tz::Pacific::Auckland, "08:00", "12:00");
        let b = with_hours(mentee("b"), chrono_tz::Pacific::Honolulu, "09:00", "13:00");
        let people = [a, b];
        let pool = Pool::new(&people, &s, &[], &[], date());
        // Auckland is UTC+13 in November, Honolulu UTC-10: 19:00-23:00 UTC on the day before
        assert_eq!(pool.overlap_minutes(0, 0), Some(240));
        assert!(pool.check(0, 0, true).is_empty());
    }

    #[test]
    fn hours_count_only_when_both_give_them() {
        let mut s = settings();
        s.min_overlap_minutes = 600;
        let a = with_hours(mentor("a"), chrono_tz::Europe::London, "09:00", "10:00");
        let people = [a, mentee("b")];
        let pool = Pool::new(&people, &s, &[], &[], date());
        assert_eq!(pool.overlap_minutes(0, 0), None);
        assert!(pool.check(0, 0, true).is_empty());
    }

    #[test]
    fn every_blocking_constraint_is_reported_when_asked_for_all() {
        let mut s = settings();
        s.min_level_gap = 2;
        let mut a = mentor("a");
        a.department = Some("Ops".into());
        a.languages = vec!["English".into()];
        a.exclude = vec!["b@x.example".into()];
        let mut b = mentee("b");
        b.level = a.level;
        b.department = Some("Ops".into());
        b.languages = vec!["Tamil".into()];
        let people = [a, b];
        let history = [("a@x.example".to_string(), "b@x.example".to_string())];
        let pool = Pool::new(&people, &s, &history, &[], date());
        assert_eq!(
            pool.check(0, 0, false).iter().collect::<Vec<_>>(),
            vec![
                Constraint::LevelGap,
                Constraint::SameDepartment,
                Constraint::Excluded,
                Constraint::MetBefore,
                Constraint::NoCommonLanguage
            ]
        );
        assert_eq!(pool.check(0, 0, true).iter().count(), 1);
    }
}
