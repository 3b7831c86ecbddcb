//! Owns reading the pairing's reasons (the parts of the one English sentence the store
//! keeps, as `pairing::Why::text` writes them) into message ids of the introduction's
//! catalog with their values, so that each reads in the email's language. A part written
//! another way (by hand, or by an older version) has no id and is shown as written.

use serde::Serialize;

/// One reason as the introduction's templates see it: `id` (a message of `intro.ftl`, or
/// none), `args` (its values: first names, topics, a duration) and `text` (as stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCtx {
    pub id: Option<&'static str>,
    pub args: serde_json::Map<String, serde_json::Value>,
    pub text: String,
}

/// The reasons of a pair, each stored part on its own (a sentence not yet split is split
/// at its `; `).
pub fn reasons_ctx(reasons: &[String]) -> Vec<ReasonCtx> {
    reasons
        .iter()
        .flat_map(|r| r.split("; "))
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(read)
        .collect()
}

/// One part of the pairing's sentence: "Priya can teach Tom: social media", "Tom can help
/// Priya with: career path", "3 h of shared working hours", "different departments"…
fn read(part: &str) -> ReasonCtx {
    let fixed = |id: &'static str| (Some(id), Vec::new());
    let (id, args): (Option<&'static str>, Vec<(&str, &str)>) = match part {
        "fixed by HR" => fixed("intro-reason-fixed"),
        "no topic in common" => fixed("intro-reason-no-topic"),
        "no shared working hours" => fixed("intro-reason-no-overlap"),
        "different departments" => fixed("intro-reason-departments"),
        _ => {
            if let Some(duration) = part.strip_suffix(" of shared working hours") {
                (Some("intro-reason-overlap"), vec![("duration", duration)])
            } else if let Some((who, topics)) = part.split_once(" with: ")
                && let Some((mentee, mentor)) = who.split_once(" can help ")
            {
                (
                    Some("intro-reason-mentee-helps"),
                    vec![("mentee", mentee), ("mentor", mentor), ("topics", topics)],
                )
            } else if let Some((who, topics)) = part.split_once(": ")
                && let Some((mentor, mentee)) = who.split_once(" can teach ")
            {
                (
                    Some("intro-reason-mentor-teaches"),
                    vec![("mentor", mentor), ("mentee", mentee), ("topics", topics)],
                )
            } else {
                (None, Vec::new())
            }
        }
    };
    ReasonCtx {
        id,
        args: args
            .into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(v)))
            .collect(),
        text: part.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_part_the_pairing_writes_gets_its_message_and_others_stay_as_written() {
        let sentence = "fixed by HR; Priya can teach Tom: social media, ai tools; Tom can help \
                        Priya with: career path; 3 h 30 min of shared working hours; \
                        different departments";
        let read = reasons_ctx(&[sentence.to_string(), "a word from HR".to_string()]);
        let ids: Vec<_> = read.iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            vec![
                Some("intro-reason-fixed"),
                Some("intro-reason-mentor-teaches"),
                Some("intro-reason-mentee-helps"),
                Some("intro-reason-overlap"),
                Some("intro-reason-departments"),
                None,
            ]
        );
        assert_eq!(read[1].args["mentor"], "Priya");
        assert_eq!(read[1].args["mentee"], "Tom");
        assert_eq!(read[1].args["topics"], "social media, ai tools");
        assert_eq!(read[2].args["mentee"], "Tom");
        assert_eq!(read[2].args["mentor"], "Priya");
        assert_eq!(read[2].args["topics"], "career path");
        assert_eq!(read[3].args["duration"], "3 h 30 min");
        assert_eq!(read[5].text, "a word from HR");
        let none = reasons_ctx(&["no topic in common; no shared working hours".to_string()]);
        assert_eq!(
            none.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![
                Some("intro-reason-no-topic"),
                Some("intro-reason-no-overlap")
            ]
        );
    }
}
