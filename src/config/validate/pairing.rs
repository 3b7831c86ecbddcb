//! Checks `[pairing]`: its bounds and weights, topic synonyms, and the fixed pairs against
//! the participants and the hard rules.

use chrono::NaiveDate;

use crate::config::raw::*;
use crate::config::*;

use super::ctx::Ctx;

/// Checks `[pairing]`. Fixed pairs must name a mentor and a mentee, fit their capacities
/// and pass every hard constraint (working hours compared on the program's start date,
/// as pairing does); each problem is reported at the pair with the rule that blocks it.
pub(super) fn check_pairing(
    ctx: &mut Ctx,
    raw: RawPairing,
    participants: &[Participant],
    start: Option<NaiveDate>,
    rules: Option<&dyn FixedPairRules>,
) -> Option<PairingSettings> {
    let gap = ctx.ranged(
        &raw.min_level_gap,
        1,
        0..=100,
        "pairing.min_level_gap",
        "how many levels the mentor must be below the mentee",
    );
    let overlap = ctx.ranged(
        &raw.min_overlap_minutes,
        60,
        0..=1440,
        "pairing.min_overlap_minutes",
        "minutes of shared working hours a pair needs",
    );
    let rematch = match &raw.rematch_every_weeks {
        None => Some(None),
        Some(_) => ctx
            .ranged(
                &raw.rematch_every_weeks,
                12,
                1..=104,
                "pairing.rematch_every_weeks",
                "weeks between rematch rounds",
            )
            .map(Some),
    };
    let quiet_end = ctx.ranged(
        &raw.no_round_in_last_weeks,
        4,
        0..=52,
        "pairing.no_round_in_last_weeks",
        "weeks before the end date in which no rematch round starts",
    );
    let w = &raw.weights;
    let weights = (|| {
        Some(Weights {
            mentor_offers: u32::try_from(ctx.ranged(
                &w.mentor_offers,
                10,
                0..=1000,
                "pairing.weights.mentor_offers",
                "points per topic the mentor can teach the mentee",
            )?)
            .ok()?,
            mentee_offers: u32::try_from(ctx.ranged(
                &w.mentee_offers,
                5,
                0..=1000,
                "pairing.weights.mentee_offers",
                "points per topic the mentee can teach back",
            )?)
            .ok()?,
            overlap_per_hour: u32::try_from(ctx.ranged(
                &w.overlap_per_hour,
                1,
                0..=1000,
                "pairing.weights.overlap_per_hour",
                "points per hour of shared working time",
            )?)
            .ok()?,
            cross_department: u32::try_from(ctx.ranged(
                &w.cross_department,
                3,
                0..=1000,
                "pairing.weights.cross_department",
                "points for different departments",
            )?)
            .ok()?,
        })
    })();
    let synonyms = check_synonyms(ctx, &raw.synonyms);
    let mut fixed = Vec::new();
    let mut ok = true;
    // Fixed pairs whose two names check out, for the rules below.
    let mut named: Vec<(&RawFixedPair, usize)> = Vec::new();
    for pair in &raw.fixed {
        let mut named_ok = true;
        for (s, role) in [(&pair.mentor, Role::Mentor), (&pair.mentee, Role::Mentee)] {
            let Some(email) = ctx.email(s, &format!("pairing.fixed.{}", role.as_str())) else {
                ok = false;
                named_ok = false;
                continue;
            };
            match participants.iter().find(|p| p.email == email) {
                None => {
                    ctx.issue(
                        s.span(),
                        format!("fixed pair names {email}, who is not a participant"),
                        "name participants by their email address",
                    );
                    ok = false;
                    named_ok = false;
                }
                Some(p) if p.role != role => {
                    ctx.issue(
                        s.span(),
                        format!(
                            "fixed pair lists {email} as {} but they are a {}",
                            role.as_str(),
                            p.role.as_str()
                        ),
                        "put the junior mentor in `mentor` and the senior mentee in `mentee`",
                    );
                    ok = false;
                    named_ok = false;
                }
                Some(_) => {}
            }
        }
        let key = (
            pair.mentor.get_ref().trim().to_lowercase(),
            pair.mentee.get_ref().trim().to_lowercase(),
        );
        if fixed.contains(&key) {
            ctx.issue(
                pair.mentor.span(),
                format!("fixed pair {} and {} is listed twice", key.0, key.1),
                "keep one [[pairing.fixed]] entry per pair",
            );
            ok = false;
            named_ok = false;
        }
        if named_ok {
            named.push((pair, fixed.len()));
        }
        fixed.push(key);
    }
    let settings = PairingSettings {
        min_level_gap: gap?,
        different_department: raw.different_department.unwrap_or(true),
        avoid_reporting_line: raw.avoid_reporting_line.unwrap_or(true),
        allow_repeat: raw.allow_repeat.unwrap_or(false),
        require_common_language: raw.require_common_language.unwrap_or(true),
        min_overlap_minutes: u32::try_from(overlap?).ok()?,
        rematch_every_weeks: rematch?.and_then(|w| u32::try_from(w).ok()),
        no_round_in_last_weeks: u32::try_from(quiet_end?).ok()?,
        weights: weights?,
        synonyms,
        fixed,
    };
    // NOTE: without a valid program start (already reported) hours are compared on a fixed
    // winter Monday, so the other rules are still checked in the same pass.
    let date = start
        .or_else(|| NaiveDate::from_ymd_opt(2027, 1, 11))
        .unwrap_or_default();
    if named.is_empty() {
        return ok.then_some(settings);
    }
    let asked: Vec<(&str, &str)> = named
        .iter()
        .map(|&(_, at)| (settings.fixed[at].0.as_str(), settings.fixed[at].1.as_str()))
        .collect();
    let mut blocked = rules.map_or_else(Vec::new, |rules| {
        rules.why_not(participants, &settings, date, &asked)
    });
    blocked.resize(named.len(), Vec::new());
    let mut taken: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for ((pair, at), reasons) in named.into_iter().zip(blocked) {
        let (mentor, mentee) = &settings.fixed[at];
        if !reasons.is_empty() {
            ctx.issue(
                pair.mentor.span(),
                format!(
                    "fixed pair {mentor} and {mentee} is impossible: {}",
                    reasons.join("; ")
                ),
                "remove this [[pairing.fixed]] entry, or relax the rule in [pairing] that blocks it",
            );
            ok = false;
        }
        for (email, span) in [(mentor, pair.mentor.span()), (mentee, pair.mentee.span())] {
            let count = taken.entry(email.as_str()).or_insert(0);
            *count += 1;
            let capacity = participants
                .iter()
                .find(|p| &p.email == email)
                .map_or(1, |p| p.capacity);
            if *count == capacity + 1 {
                ctx.issue(
                    span,
                    format!("{email} is in more fixed pairs than their capacity ({capacity})"),
                    "raise their `capacity`, or remove one of their [[pairing.fixed]] entries",
                );
                ok = false;
            }
        }
    }
    ok.then_some(settings)
}

/// Topics compare case- and spacing-insensitively: "AI  Tools" is "ai tools".
/// Checks `[pairing.synonyms]` (`"alias" = "topic"`, for pairing and for reading replies):
/// neither side empty, no alias naming its own topic, no alias listed twice (in another
/// case or spacing) for two topics, no topic that is itself an alias (a chain). Returns the
/// pairs that pass, normalised.
fn check_synonyms(
    ctx: &mut Ctx,
    raw: &std::collections::BTreeMap<String, toml::Spanned<String>>,
) -> Vec<(String, String)> {
    let aliases: Vec<String> = raw.keys().map(|a| normalize_topic(a)).collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for (alias, canonical) in raw {
        let (a, c) = (normalize_topic(alias), normalize_topic(canonical.get_ref()));
        let problem = if a.is_empty() || c.is_empty() {
            Some((
                format!("synonym \"{alias}\" = \"{}\" has an empty side", canonical.get_ref()),
                "write the words replies use on the left and the program's topic on the right, e.g. \"chatgpt\" = \"ai tools\"".to_string(),
            ))
        } else if a == c {
            Some((
                format!("synonym \"{alias}\" names its own topic"),
                "remove the line: a topic always names itself".to_string(),
            ))
        } else if aliases.contains(&c) {
            let next = raw
                .iter()
                .find(|(k, _)| normalize_topic(k) == c)
                .map_or(String::new(), |(_, v)| normalize_topic(v.get_ref()));
            Some((
                format!(
                    "synonym \"{alias}\" points to \"{c}\", which is itself a synonym of \"{next}\""
                ),
                format!("point \"{alias}\" at the topic itself: \"{alias}\" = \"{next}\""),
            ))
        } else if let Some((_, other)) = out.iter().find(|(o, t)| *o == a && *t != c) {
            Some((
                format!("synonym \"{alias}\" is listed twice, for \"{other}\" and for \"{c}\""),
                "keep one line per alias (case and spacing do not matter)".to_string(),
            ))
        } else {
            None
        };
        match problem {
            Some((message, fix)) => ctx.issue(canonical.span(), message, fix),
            None if !out.contains(&(a.clone(), c.clone())) => out.push((a, c)),
            None => {}
        }
    }
    out
}

pub fn normalize_topic(topic: &str) -> String {
    topic
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
