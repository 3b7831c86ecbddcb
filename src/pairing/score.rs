//! Owns how good an eligible pair is: topics the mentor can teach the mentee, topics the
//! mentee can teach back, shared working hours and a cross-department bonus, each weighted
//! by `[pairing.weights]`. Does not decide eligibility (`eligibility`) nor choose pairs.

use serde::Serialize;

use crate::config::Weights;

use super::eligibility::{Pool, Screen, common, different, overlap};

/// What makes a pair good, as facts HR can read and the score is computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    /// Topics the mentor offers and the mentee wants (canonical names).
    pub mentor_teaches: Vec<String>,
    /// Topics the mentee offers and the mentor wants: the relationship runs both ways.
    pub mentee_teaches: Vec<String>,
    /// Shared working time, when both give hours.
    pub overlap_minutes: Option<u32>,
    /// Both give a department and they differ.
    pub different_departments: bool,
}

/// The weighted sum every score is: integer points, so ties are exact.
fn total(w: &Weights, teaches: usize, taught: usize, overlap: Option<u32>, cross: bool) -> i64 {
    // NOTE: shared time counts pro rata by the minute (floored), not only in whole hours, so
    // 3 h 30 min with 2 points an hour gives 7.
    let overlap = i64::from(overlap.unwrap_or(0)) * i64::from(w.overlap_per_hour) / 60;
    i64::from(w.mentor_offers) * teaches as i64
        + i64::from(w.mentee_offers) * taught as i64
        + overlap
        + if cross {
            i64::from(w.cross_department)
        } else {
            0
        }
}

/// The score of mentor `m` with mentee `e`, without building the reasons.
pub(crate) fn points(pool: &Pool<'_>, m: usize, e: usize) -> i64 {
    points_screens(pool, &pool.mentor_screens[m], &pool.mentee_screens[e], m, e)
}

/// As [`points`], with the two screens at hand.
#[inline]
pub(crate) fn points_screens(pool: &Pool<'_>, a: &Screen, b: &Screen, m: usize, e: usize) -> i64 {
    let (teaches, taught) = if pool.exact_topics {
        (
            (a.offers & b.wants).count_ones() as usize,
            (b.offers & a.wants).count_ones() as usize,
        )
    } else {
        let (a, b) = (&pool.mentors[m], &pool.mentees[e]);
        (
            common(&a.offers, &b.wants).count(),
            common(&b.offers, &a.wants).count(),
        )
    };
    total(
        &pool.settings.weights,
        teaches,
        taught,
        overlap(a, b),
        different(a, b),
    )
}

/// The facts behind the score of mentor `m` with mentee `e`.
pub(crate) fn why(pool: &Pool<'_>, m: usize, e: usize) -> Why {
    let (a, b) = (&pool.mentors[m], &pool.mentees[e]);
    let names = |ids: Vec<u32>| -> Vec<String> {
        ids.into_iter()
            .filter_map(|t| pool.topics.get(t as usize).cloned())
            .collect()
    };
    Why {
        mentor_teaches: names(common(&a.offers, &b.wants).collect()),
        mentee_teaches: names(common(&b.offers, &a.wants).collect()),
        overlap_minutes: pool.overlap_minutes(m, e),
        different_departments: pool.different_departments(m, e),
    }
}

impl Why {
    /// The score these facts are worth under `weights`.
    pub fn points(&self, weights: &Weights) -> i64 {
        total(
            weights,
            self.mentor_teaches.len(),
            self.mentee_teaches.len(),
            self.overlap_minutes,
            self.different_departments,
        )
    }

    /// One line for HR, e.g. "Priya can teach Tom: social media, ai tools; Tom can help
    /// Priya with: career path; 3 h of shared working hours; different departments".
    pub fn text(&self, mentor: &str, mentee: &str) -> String {
        let (mentor, mentee) = (first_name(mentor), first_name(mentee));
        let mut parts = Vec::new();
        if !self.mentor_teaches.is_empty() {
            parts.push(format!(
                "{mentor} can teach {mentee}: {}",
                self.mentor_teaches.join(", ")
            ));
        }
        if !self.mentee_teaches.is_empty() {
            parts.push(format!(
                "{mentee} can help {mentor} with: {}",
                self.mentee_teaches.join(", ")
            ));
        }
        if parts.is_empty() {
            parts.push("no topic in common".to_string());
        }
        match self.overlap_minutes {
            Some(0) => parts.push("no shared working hours".to_string()),
            Some(m) => parts.push(format!("{} of shared working hours", duration(m))),
            None => {}
        }
        if self.different_departments {
            parts.push("different departments".to_string());
        }
        parts.join("; ")
    }
}

/// "3 h", "3 h 30 min", "45 min".
pub(crate) fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The first word of a name, as people address each other.
pub(crate) fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::pairing::testutil::{mentee, mentor, settings};

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
    }

    #[test]
    fn topics_match_across_case_spacing_and_synonyms() {
        let mut s = settings();
        s.synonyms = vec![
            ("chatgpt".into(), "ai tools".into()),
            ("tiktok".into(), "social media".into()),
        ];
        let mut a = mentor("a");
        a.offers = vec!["AI  Tools".into(), "TikTok".into(), "cloud".into()];
        a.wants = vec!["Career Path".into()];
        let mut b = mentee("b");
        b.wants = vec!["chatgpt".into(), "social media".into()];
        b.offers = vec!["career path".into(), "budgeting".into()];
        let people = [a, b];
        let pool = Pool::new(&people, &s, &[], &[], date());
        let why = why(&pool, 0, 0);
        assert_eq!(why.mentor_teaches, vec!["ai tools", "social media"]);
        assert_eq!(why.mentee_teaches, vec!["career path"]);
        // 2 × 10 + 1 × 5, no hours, no departments
        assert_eq!(points(&pool, 0, 0), 25);
        assert_eq!(why.points(&s.weights), 25);
    }

    #[test]
    fn hours_and_departments_add_their_weights() {
        let mut s = settings();
        s.weights.overlap_per_hour = 2;
        let mut a = mentor("a");
        a.department = Some("Sales".into());
        a.hours = Some(crate::config::WorkingHours {
            start: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            end: chrono::NaiveTime::from_hms_opt(12, 30, 0).unwrap(),
        });
        let mut b = mentee("b");
        b.department = Some("Legal".into());
        b.hours = a.hours;
        let people = [a, b];
        let pool = Pool::new(&people, &s, &[], &[], date());
        // 3 h 30 min at 2 an hour = 7, plus 3 for different departments
        assert_eq!(points(&pool, 0, 0), 10);
    }

    #[test]
    fn the_reasons_read_as_one_sentence_for_hr() {
        let why = Why {
            mentor_teaches: vec!["social media".into(), "ai tools".into()],
            mentee_teaches: vec!["career path".into()],
            overlap_minutes: Some(180),
            different_departments: true,
        };
        assert_eq!(
            why.text("Priya Raman", "Tom Okafor"),
            "Priya can teach Tom: social media, ai tools; Tom can help Priya with: career path; 3 h of shared working hours; different departments"
        );
        let none = Why {
            mentor_teaches: vec![],
            mentee_teaches: vec![],
            overlap_minutes: Some(95),
            different_departments: false,
        };
        assert_eq!(
            none.text("A", "B"),
            "no topic in common; 1 h 35 min of shared working hours"
        );
    }
}
