//! Reads a pair's goals in what a partner wrote: one to three `Goal:` lines (or a `Goals:`
//! line and a list under it) set the pair's goals; `Goal 1: reached` (or `partly`, `not
//! yet`) says how far they got with one.

use std::sync::LazyLock;

use regex::Regex;

use crate::vocab::GoalOutcome;

/// At most so many goals a pair.
pub const GOALS_MAX: usize = 3;

/// At most so many characters of one goal are kept.
pub const GOAL_CHARS: usize = 200;

/// What a message says about the pair's goals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoalsSaid {
    /// A new set of goals, in order (empty when it sets none).
    pub set: Vec<String>,
    /// How far they got: goal number (1 to 3) and outcome.
    pub outcomes: Vec<(u8, GoalOutcome)>,
    /// Besides the goals, it says little more than a greeting.
    pub only: bool,
}

const WORD: &str = r"(?:goal|ziel|objectif|objetivo|doel)(?:s|e|es|en)?";

static LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:[-*•]\s*)?(?:our\s+|my\s+)?{WORD}\s*#?\s*([1-3])?\s*[:.)\-–]\s*(.+?)\s*$"
    ))
    .ok()
});
static HEADER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^\s*(?:our\s+|my\s+)?{WORD}\s*:?\s*$")).ok());
static ITEM: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*•]|[1-3][.)])\s*(.+?)\s*$").ok());

fn outcome(value: &str) -> Option<GoalOutcome> {
    let v = value
        .trim()
        .trim_end_matches(['.', '!'])
        .to_lowercase()
        .replace('’', "'");
    match v.as_str() {
        "reached" | "yes" | "done" | "achieved" | "met" | "erreicht" | "ja" | "atteint" | "oui"
        | "alcanzado" | "sí" | "si" | "bereikt" => Some(GoalOutcome::Reached),
        "partly" | "partially" | "in part" | "half" | "halfway" | "somewhat" | "in progress"
        | "teilweise" | "en partie" | "partiellement" | "en parte" | "parcialmente"
        | "gedeeltelijk" => Some(GoalOutcome::Partly),
        "no" | "not yet" | "not reached" | "not really" | "missed" | "nein" | "nicht"
        | "noch nicht" | "non" | "pas encore" | "not" | "todavía no" | "nee" | "nog niet" => {
            Some(GoalOutcome::NotReached)
        }
        _ => None,
    }
}

fn kept(text: &str) -> String {
    text.chars().take(GOAL_CHARS).collect()
}

fn found(re: &LazyLock<Option<Regex>>, line: &str) -> Option<Vec<String>> {
    let caps = re.as_ref()?.captures(line)?;
    Some(
        caps.iter()
            .skip(1)
            .map(|m| m.map(|m| m.as_str().to_string()).unwrap_or_default())
            .collect(),
    )
}

/// What `text` (the new words of a message, quoted mail trimmed) says about goals.
pub fn goals_in(text: &str) -> GoalsSaid {
    let mut said = GoalsSaid::default();
    let mut other: Vec<&str> = Vec::new();
    let mut in_list = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            in_list = false;
            continue;
        }
        if found(&HEADER, line).is_some() {
            in_list = true;
            continue;
        }
        if in_list && let Some(item) = found(&ITEM, line) {
            said.set.push(kept(&item[0]));
            continue;
        }
        in_list = false;
        if let Some(caps) = found(&LINE, line) {
            let (number, value) = (&caps[0], &caps[1]);
            // NOTE: the closing's line copied as it is ("reached / partly / not yet")
            // answers nothing.
            if value.split('/').filter(|v| outcome(v).is_some()).count() > 1 {
                continue;
            }
            match outcome(value) {
                Some(o) => {
                    let n = number
                        .parse::<u8>()
                        .unwrap_or(u8::try_from(said.outcomes.len() + 1).unwrap_or(u8::MAX));
                    said.outcomes.push((n, o));
                }
                None => said.set.push(kept(value)),
            }
            continue;
        }
        other.push(line.trim());
    }
    said.set.truncate(GOALS_MAX);
    said.outcomes.retain(|(n, _)| (1..=3).contains(n));
    let said_any = !said.set.is_empty() || !said.outcomes.is_empty();
    said.only =
        said_any && other.len() <= 2 && other.iter().all(|l| l.split_whitespace().count() <= 5);
    said
}

#[cfg(test)]
mod tests {
    use super::*;
    use GoalOutcome::{NotReached, Partly, Reached};

    #[test]
    fn goals_are_read_in_lines_and_lists_and_outcomes_are_told_from_goals() {
        let set = |t: &str| goals_in(t).set;
        assert_eq!(
            set(
                "Hi Bob!\nGoal: use AI tools in my weekly report\nGoal 2: understand TikTok\n\nAnn"
            ),
            vec!["use AI tools in my weekly report", "understand TikTok"]
        );
        assert_eq!(
            set("Our goals:\n- prompt writing\n- a dashboard of my own\n1) one more\n- a fourth"),
            vec!["prompt writing", "a dashboard of my own", "one more"]
        );
        assert_eq!(
            set("Ziel: KI im Alltag nutzen"),
            vec!["KI im Alltag nutzen"]
        );
        assert_eq!(
            set("We met on Tuesday. Our goal is to meet weekly."),
            Vec::<String>::new()
        );
        assert_eq!(set("Met: yes\nMinutes: 30"), Vec::<String>::new());
        let said =
            goals_in("Goal 1: reached\nGoal 2: partly\nGoal 3: not yet\nThanks for everything!");
        assert!(said.set.is_empty());
        assert_eq!(
            said.outcomes,
            vec![(1, Reached), (2, Partly), (3, NotReached)]
        );
        assert!(said.only);
        assert_eq!(
            goals_in("Goal 1: reached / partly / not yet"),
            GoalsSaid::default()
        );
        let long = format!("Goal: {}", "x".repeat(GOAL_CHARS + 50));
        assert_eq!(set(&long)[0].chars().count(), GOAL_CHARS);
    }

    #[test]
    fn a_message_of_goals_alone_is_told_from_one_that_says_more() {
        assert!(goals_in("Hi both,\nGoal: learn SQL\nCheers, Ann").only);
        assert!(
            !goals_in("Goal: learn SQL\nAlso, could we move Tuesday's meeting to 4pm? My calendar is full.")
                .only
        );
        assert!(!goals_in("Thanks!").only);
    }
}
