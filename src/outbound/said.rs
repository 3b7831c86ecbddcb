//! Owns what the answer to a person's message says (`command` emails): what it is about
//! ([`About`], the subject's word) and its sentences ([`Said`]), as facts with their data.
//! The templates write them in the reader's language: each sentence is a message of
//! `locales/LANG/command.ftl` (`command-…`), with its values. Pure.
//!
//! Does not decide what to answer (`inbound::process` does).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::context::Words;
use crate::program::CommandName;
use crate::program::join::{FORM, FormProblem, ProblemKind};

/// What an answer is about, as its subject names it (`command-about-WORD`, with
/// [`About::word`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum About {
    /// A JOIN from someone not in the program.
    Join,
    /// A reply to "did you send this?" or to FORGET ME's confirmation.
    Confirmation,
    /// Goals set, or how far the pair got.
    Goals,
    /// A message for the partner that could not reach them.
    NotPassedOn,
    /// A message that went to the coordinator.
    PassedOn,
    /// A message refused by the routing.
    NotLogged,
    /// A participant's command.
    #[serde(untagged)]
    Command(CommandName),
}

impl About {
    /// The word templates name it by: `join`, `not-passed-on`, a command's as written
    /// in English, lowercase (`forget-me`).
    pub fn word(self) -> String {
        match self {
            About::Command(name) => name.word().to_lowercase().replace(' ', "-"),
            other => serde_json::to_value(other)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        }
    }
}

/// Why a message was not logged (`inbound::route::Refusal`, as the writer is told).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unlogged {
    ForgedToken,
    NotInPair,
    PairEnded,
    NoPair,
    SeveralPairs,
    CommandsOnly,
}

/// One thing an answer says, with the data it names. The program's name and coordinator
/// come from the program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "said", rename_all = "snake_case")]
pub enum Said {
    /// HELP: the commands are listed after it.
    Help,
    AlreadyStopped,
    Stopped,
    /// A command from someone who left earlier.
    LeftEarlier,
    /// PAUSE UNTIL with `date`, which is not a future date.
    PauseNotUnderstood {
        date: String,
    },
    Paused {
        until: Option<NaiveDate>,
    },
    Resumed,
    NotPaused,
    Skipped,
    /// REMATCH without a current pair.
    NoPairingToChange,
    /// REMATCH: a new partner now.
    Rematched,
    /// REMATCH: nobody free fits yet.
    RematchWaits,
    /// STOP or REMATCH read from sentences: what we read, and that nothing changed until
    /// the word is written alone.
    ConfirmFirst {
        command: CommandName,
    },
    /// The pair's goals as set, in order.
    GoalsNoted {
        goals: Vec<String>,
    },
    /// How far the pair got: goal number and `GoalOutcome` word.
    OutcomesNoted {
        outcomes: Vec<(u8, String)>,
    },
    /// Mail to the partner (`partner`, first name; `email`) does not get through.
    PartnerUnreachable {
        partner: String,
        email: String,
    },
    /// The message went to the coordinator.
    PassedOn,
    NotLogged {
        why: Unlogged,
    },
    /// A confirmation answered before.
    AnsweredAlready,
    /// A confirmation that waited more than `days` days.
    Expired {
        days: i64,
    },
    /// The person said they did not send it.
    NotSent,
    /// FORGET ME done: the last email.
    Forgotten,
    /// A reply to FORGET ME's confirmation that is not FORGET ME.
    ForgetWaits,
    /// The held message is gone.
    HeldGone,
    /// JOIN from a participant.
    AlreadyIn,
    /// JOIN while a request waits.
    AlreadyAsked,
    /// JOIN with a form that needs more: each problem, then the blank form
    /// (`program::join::FORM`, a `command-join-form-line` per field).
    JoinIncomplete {
        problems: Vec<JoinProblem>,
    },
    /// The request went to the coordinator.
    SentToCoordinator,
}

/// What is wrong with a field of a JOIN form, as `command-join-problem` words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinProblem {
    /// The field's key (`program::join::FormField::key`).
    pub field: String,
    /// `missing`, `no-topic` or `unusable`.
    pub kind: String,
    /// The value as written, for an unusable one.
    pub value: String,
}

impl From<&FormProblem> for JoinProblem {
    fn from(p: &FormProblem) -> Self {
        let value = match &p.what {
            ProblemKind::Unusable(value) => value.clone(),
            ProblemKind::Missing | ProblemKind::NoTopic => String::new(),
        };
        Self {
            field: p.field.to_string(),
            kind: p.what.as_str().to_string(),
            value,
        }
    }
}

/// Where a line of an answer starts: the first, a new paragraph, or an item of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Paragraph,
    Item,
}

/// A list: message `id` once for each of `items`, the first after a blank line.
fn list(
    id: &'static str,
    items: impl Iterator<Item = serde_json::Value>,
) -> Vec<(Start, &'static str, serde_json::Value)> {
    items
        .enumerate()
        .map(|(i, args)| {
            let start = if i == 0 {
                Start::Paragraph
            } else {
                Start::Item
            };
            (start, id, args)
        })
        .collect()
}

/// The lines of `said` as templates write them: each `id` (a `command-…` message), its
/// `args`, and what comes `before` it (nothing, a blank line, a line break).
pub(super) fn lines(said: &[Said], words: &Words<'_>) -> Vec<serde_json::Value> {
    let mut out: Vec<(Start, &'static str, serde_json::Value)> = Vec::new();
    let para = |id: &'static str, args: serde_json::Value| (Start::Paragraph, id, args);
    let none = || serde_json::json!({});
    for s in said {
        match s {
            Said::Help => out.push(para("command-help", none())),
            Said::AlreadyStopped => out.push(para("command-already-stopped", none())),
            Said::Stopped => out.push(para("command-stopped", none())),
            Said::LeftEarlier => out.push(para("command-left-earlier", none())),
            Said::PauseNotUnderstood { date } => out.push(para(
                "command-pause-not-understood",
                serde_json::json!({ "date": date }),
            )),
            Said::Paused { until: None } => out.push(para("command-paused", none())),
            Said::Paused { until: Some(day) } => out.push(para(
                "command-paused-until",
                serde_json::json!({ "day": words.day(*day) }),
            )),
            Said::Resumed => out.push(para("command-resumed", none())),
            Said::NotPaused => out.push(para("command-not-paused", none())),
            Said::Skipped => out.push(para("command-skipped", none())),
            Said::NoPairingToChange => out.push(para("command-no-pairing", none())),
            Said::Rematched => out.push(para("command-rematched", none())),
            Said::ConfirmFirst { command } => out.push(para(
                "command-confirm-first",
                serde_json::json!({ "command": command.word() }),
            )),
            Said::RematchWaits => out.push(para("command-rematch-waits", none())),
            Said::GoalsNoted { goals } => {
                out.push(para("command-goals-noted", none()));
                out.extend(list(
                    "command-goal",
                    (1..)
                        .zip(goals)
                        .map(|(n, goal)| serde_json::json!({ "number": n, "goal": goal })),
                ));
                out.push(para("command-goals-remind", none()));
            }
            Said::OutcomesNoted { outcomes } => {
                out.push(para("command-outcomes-noted", none()));
                out.extend(list(
                    "command-goal-outcome",
                    outcomes
                        .iter()
                        .map(|(n, outcome)| serde_json::json!({ "number": n, "outcome": outcome })),
                ));
            }
            Said::PartnerUnreachable { partner, email } => out.push(para(
                "command-partner-unreachable",
                serde_json::json!({ "partner": partner, "email": email }),
            )),
            Said::PassedOn => out.push(para("command-passed-on", none())),
            Said::NotLogged { why } => out.push(para(
                match why {
                    Unlogged::ForgedToken => "command-not-logged-forged",
                    Unlogged::NotInPair => "command-not-logged-address",
                    Unlogged::PairEnded => "command-not-logged-ended",
                    Unlogged::NoPair => "command-not-logged-no-pair",
                    Unlogged::SeveralPairs => "command-not-logged-several",
                    Unlogged::CommandsOnly => "command-not-logged-commands",
                },
                none(),
            )),
            Said::AnsweredAlready => out.push(para("command-answered-already", none())),
            Said::Expired { days } => {
                out.push(para("command-expired", serde_json::json!({ "days": days })));
            }
            Said::NotSent => out.push(para("command-not-sent", none())),
            Said::Forgotten => out.push(para("command-forgotten", none())),
            Said::ForgetWaits => out.push(para("command-forget-waits", none())),
            Said::HeldGone => out.push(para("command-held-gone", none())),
            Said::AlreadyIn => out.push(para("command-join-already-in", none())),
            Said::AlreadyAsked => out.push(para("command-join-already-asked", none())),
            Said::JoinIncomplete { problems } => {
                out.push(para("command-join-incomplete", none()));
                out.extend(list(
                    "command-join-problem",
                    problems.iter().map(|p| {
                        serde_json::json!({ "field": p.field, "kind": p.kind, "value": p.value })
                    }),
                ));
                out.push(para("command-join-again", none()));
                out.push(para("command-join-form-first", none()));
                out.extend(FORM.iter().map(|f| {
                    (
                        Start::Item,
                        "command-join-form-line",
                        serde_json::json!({ "field": f.key }),
                    )
                }));
            }
            Said::SentToCoordinator => out.push(para("command-join-sent", none())),
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(i, (start, id, args))| {
            let before = match (i, start) {
                (0, _) => "",
                (_, Start::Paragraph) => "\n\n",
                (_, Start::Item) => "\n",
            };
            serde_json::json!({ "id": id, "args": args, "before": before })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbound::catalog::{Arg, Catalog};
    use crate::vocab::Lang;

    fn problem(field: &str, kind: &str, value: &str) -> JoinProblem {
        JoinProblem {
            field: field.into(),
            kind: kind.into(),
            value: value.into(),
        }
    }

    /// One of every sentence, with values.
    fn every() -> Vec<Said> {
        let day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        vec![
            Said::Help,
            Said::AlreadyStopped,
            Said::Stopped,
            Said::LeftEarlier,
            Said::PauseNotUnderstood {
                date: "after the holidays".into(),
            },
            Said::Paused { until: None },
            Said::Paused { until: Some(day) },
            Said::Resumed,
            Said::NotPaused,
            Said::Skipped,
            Said::NoPairingToChange,
            Said::Rematched,
            Said::ConfirmFirst {
                command: CommandName::Stop,
            },
            Said::ConfirmFirst {
                command: CommandName::Rematch,
            },
            Said::RematchWaits,
            Said::GoalsNoted {
                goals: vec!["Ship the pilot".into(), "Learn SQL".into()],
            },
            Said::OutcomesNoted {
                outcomes: vec![
                    (1, "reached".into()),
                    (2, "partly".into()),
                    (3, "not_reached".into()),
                ],
            },
            Said::PartnerUnreachable {
                partner: "Bob".into(),
                email: "bob@acme.example".into(),
            },
            Said::PassedOn,
            Said::NotLogged {
                why: Unlogged::ForgedToken,
            },
            Said::NotLogged {
                why: Unlogged::NotInPair,
            },
            Said::NotLogged {
                why: Unlogged::PairEnded,
            },
            Said::NotLogged {
                why: Unlogged::NoPair,
            },
            Said::NotLogged {
                why: Unlogged::SeveralPairs,
            },
            Said::NotLogged {
                why: Unlogged::CommandsOnly,
            },
            Said::AnsweredAlready,
            Said::Expired { days: 7 },
            Said::NotSent,
            Said::Forgotten,
            Said::ForgetWaits,
            Said::HeldGone,
            Said::AlreadyIn,
            Said::AlreadyAsked,
            Said::JoinIncomplete {
                problems: vec![
                    problem("role", "missing", ""),
                    problem("teaches", "no-topic", ""),
                    problem("level", "unusable", "high"),
                ],
            },
            Said::SentToCoordinator,
        ]
    }

    /// `said` as the template writes it, in `lang`.
    fn written(catalog: &Catalog, lang: Lang, said: &Said) -> String {
        let words = Words::new(catalog, lang);
        let mut out = String::new();
        for line in lines(std::slice::from_ref(said), &words) {
            let mut args = vec![
                ("program", Arg::Text("Pilot".into())),
                ("coordinator", Arg::Text("hr@acme.example".into())),
            ];
            for (name, value) in line["args"].as_object().unwrap() {
                let arg = match value {
                    serde_json::Value::Number(n) => Arg::Number(n.as_f64().unwrap()),
                    serde_json::Value::String(s) => Arg::Text(s.clone()),
                    other => panic!("{other}"),
                };
                args.push((name.as_str(), arg));
            }
            let id = line["id"].as_str().unwrap();
            out.push_str(line["before"].as_str().unwrap());
            out.push_str(
                &catalog
                    .text(lang, id, &args)
                    .unwrap_or_else(|e| panic!("{said:?} in {lang}: {e}")),
            );
        }
        out
    }

    #[test]
    fn every_answer_is_written_in_every_language_and_differs_from_english() {
        let catalog = Catalog::load(None).unwrap();
        for said in every() {
            let english = written(&catalog, Lang::En, &said);
            for lang in Lang::ALL.iter().filter(|l| **l != Lang::En) {
                let theirs = written(&catalog, *lang, &said);
                assert_ne!(theirs, english, "{said:?} in {lang} is the English text");
            }
        }
    }

    #[test]
    fn the_join_form_written_in_any_language_is_read_back_whole() {
        let catalog = Catalog::load(None).unwrap();
        let said = Said::JoinIncomplete { problems: vec![] };
        for lang in Lang::ALL {
            let text = written(&catalog, *lang, &said);
            let form = &text[text.find("\n\nJOIN\n").unwrap()..];
            let read: Vec<&str> = crate::program::join::read_form(form)
                .into_iter()
                .map(|(column, _)| column)
                .collect();
            let columns: Vec<&str> = FORM.iter().map(|f| f.column).collect();
            assert_eq!(read, columns, "{lang}: {form}");
        }
    }

    #[test]
    fn every_subject_word_is_in_every_language_and_reads_as_before_in_english() {
        use crate::program::CommandName as C;
        let catalog = Catalog::load(None).unwrap();
        let abouts = [
            (About::Command(C::Pause), "PAUSE"),
            (About::Command(C::Resume), "RESUME"),
            (About::Command(C::Skip), "SKIP"),
            (About::Command(C::Rematch), "REMATCH"),
            (About::Command(C::Stop), "STOP"),
            (About::Command(C::ForgetMe), "FORGET ME"),
            (About::Command(C::Help), "HELP"),
            (About::Join, "JOIN"),
            (About::Confirmation, "confirmation"),
            (About::Goals, "your goals"),
            (About::NotPassedOn, "message not passed on"),
            (About::PassedOn, "message passed on"),
            (About::NotLogged, "message not logged"),
        ];
        for (about, english) in abouts {
            let id = format!("command-about-{}", about.word());
            assert_eq!(catalog.text(Lang::En, &id, &[]).unwrap(), english);
            for lang in Lang::ALL {
                assert!(catalog.has(*lang, &id), "{id} in {lang}");
            }
            // A draft reads back as it was written.
            let json = serde_json::to_string(&about).unwrap();
            assert_eq!(serde_json::from_str::<About>(&json).unwrap(), about);
        }
    }

    #[test]
    fn english_answers_read_as_they_did() {
        let catalog = Catalog::load(None).unwrap();
        let en = |said: Said| written(&catalog, Lang::En, &said);
        assert_eq!(
            en(Said::GoalsNoted {
                goals: vec!["Ship the pilot".into(), "Learn SQL".into()],
            }),
            "Your goals for this pairing are noted:\n\n  1. Ship the pilot\n  2. Learn SQL\n\nThe questions about your meetings will remind you of them, and at the end we will ask how far you got. To change them, reply with new \"Goal:\" lines."
        );
        assert_eq!(
            en(Said::OutcomesNoted {
                outcomes: vec![(1, "reached".into()), (3, "not_reached".into())],
            }),
            "Thank you for saying how far you got:\n\n  goal 1: reached\n  goal 3: not reached yet"
        );
        assert_eq!(
            en(Said::Paused {
                until: NaiveDate::from_ymd_opt(2027, 3, 1),
            }),
            "You are paused until Monday 1 March 2027: emails start again on that day, or earlier if you reply RESUME."
        );
        assert_eq!(
            en(Said::JoinIncomplete {
                problems: vec![
                    problem("role", "missing", ""),
                    problem("level", "unusable", "high"),
                ],
            }),
            "Thank you for wanting to join Pilot! The form needs a little more before it can go to the coordinator:\n\n- Role: missing\n- Level: “high” cannot be used: write it as the example in the form shows\n\nPlease send JOIN again, alone on the first line, with the form below filled in (one line each; lists separated by ;):\n\nJOIN\nName: your name as colleagues know it (else the name your email shows)\nRole: mentor (you teach: technology, new ways of working) or mentee (you learn them)\nDepartment: Customer Care\nLevel: your grade as a number, bigger is more senior, e.g. 3\nTeaches: ai tools; short video\nLearns: career; negotiation\nLanguages: English; Spanish\nTime zone: Europe/London\nHours: 09:00-17:30"
        );
        assert_eq!(
            en(Said::Expired { days: 7 }),
            "That request waited more than 7 days, so nothing was done. If you still want it, write to us again."
        );
    }
}
