//! The rules of joining by email: someone not in the program writes JOIN with a short form;
//! the coordinator approves or declines by a signed reply. Pure: the form's reading, what
//! a JOIN leads to, and what a coordinator's reply does, each from the facts the caller
//! looked up. Does not store the request or send mail: `inbound::process::join` does.
//!
//! Decisions:
//! - JOIN counts only alone on the first line (any case), from an address of a domain the
//!   program accepts: the domains of the participants' addresses and of the program's own
//!   From address (the config names no other). Anything else from a stranger stays refused
//!   without a word, as before (no backscatter).
//! - The form is checked exactly as a row of the participants CSV (`config::
//!   participant_from_fields`); `Role`, `Department`, `Level` and at least one topic (to
//!   teach or to learn) are required of a JOIN, the rest is optional as in the CSV.
//! - The form is written in the person's language (the program's, as they are not a
//!   participant yet: `command-join-form-line`), and its labels are read in any of the
//!   five languages. What is wrong is said by field and kind ([`ProblemKind`]), with the
//!   value as written, not in the CSV check's English words, which are HR's.
//! - The name is the form's `Name:` line, else the display name of the From header.
//! - A request already pending, or a person already taking part, gets a kind word and
//!   nothing else; one answer per address and day in any case (the caller's notice claim).

use chrono::NaiveDate;

use super::Next;
use crate::config::{FieldProblem, Participant, participant_from_fields};
use crate::vocab::{JoinStatus, ParticipantStatus};

/// One line of the JOIN form: what a person writes and the CSV column it fills. Its label
/// and example are written in the reader's language (`command-join-form-line` in
/// `locales/LANG/command.ftl`, by `key`); any of the five languages' labels is read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField {
    /// The field as the catalogs name it (`join-field` selects its label by this).
    pub key: &'static str,
    /// The labels read as this field, lowercase: the form's label in each of the five
    /// languages, and other words people use.
    pub labels: &'static [&'static str],
    /// The participants CSV column the value goes to.
    pub column: &'static str,
    /// Required of a JOIN.
    pub required: bool,
}

/// The form, in the order it is shown. `teaches` and `learns` are the CSV's `offers` and
/// `wants`; lists are separated by `;` (or `,`) as in the CSV.
pub const FORM: &[FormField] = &[
    FormField {
        key: "name",
        labels: &["name", "full name", "nom", "nombre", "naam"],
        column: "name",
        required: false,
    },
    FormField {
        key: "role",
        labels: &["role", "rolle", "rôle", "rol"],
        column: "role",
        required: true,
    },
    FormField {
        key: "department",
        labels: &[
            "department",
            "dept",
            "team",
            "abteilung",
            "département",
            "service",
            "departamento",
            "área",
            "afdeling",
        ],
        column: "department",
        required: true,
    },
    FormField {
        key: "level",
        labels: &[
            "level",
            "grade",
            "seniority",
            "ebene",
            "stufe",
            "niveau",
            "nivel",
        ],
        column: "level",
        required: true,
    },
    FormField {
        key: "teaches",
        labels: &[
            "teaches",
            "topics",
            "offers",
            "teach",
            "can teach",
            "bringt bei",
            "kann beibringen",
            "enseigne",
            "peut enseigner",
            "enseña",
            "puede enseñar",
            "leert anderen",
            "kan leren aan",
        ],
        column: "offers",
        required: false,
    },
    FormField {
        key: "learns",
        labels: &[
            "learns",
            "wants",
            "learn",
            "wants to learn",
            "möchte lernen",
            "will lernen",
            "veut apprendre",
            "apprend",
            "quiere aprender",
            "aprende",
            "wil leren",
            "leert",
        ],
        column: "wants",
        required: false,
    },
    FormField {
        key: "languages",
        labels: &[
            "languages",
            "language",
            "sprachen",
            "sprache",
            "langues",
            "langue",
            "idiomas",
            "idioma",
            "talen",
            "taal",
        ],
        column: "languages",
        required: false,
    },
    FormField {
        key: "timezone",
        labels: &[
            "time zone",
            "timezone",
            "tz",
            "zeitzone",
            "fuseau horaire",
            "zona horaria",
            "huso horario",
            "tijdzone",
        ],
        column: "timezone",
        required: false,
    },
    FormField {
        key: "hours",
        labels: &[
            "hours",
            "working hours",
            "arbeitszeiten",
            "arbeitszeit",
            "horaires",
            "heures",
            "horario",
            "horas",
            "werktijden",
            "uren",
        ],
        column: "hours",
        required: false,
    },
];

/// Whether `text` asks to join: its first non-empty line is JOIN alone (any case).
pub fn is_join(text: &str) -> bool {
    first_word_line(text).is_some_and(|l| l.eq_ignore_ascii_case("join"))
}

fn first_word_line(text: &str) -> Option<&str> {
    text.lines()
        .map(|l| l.trim().trim_end_matches(['.', '!']).trim())
        .find(|l| !l.is_empty())
}

/// The form's values as written: (CSV column, value), in the order found. Unknown lines
/// and the JOIN line are skipped; a list written with `,` is read as the CSV's `;` list.
pub fn read_form(text: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['*', '-', '>']).trim();
        let Some((label, value)) = line.split_once(':') else {
            continue;
        };
        let label = label.trim().trim_matches('*').trim().to_lowercase();
        let Some(field) = FORM.iter().find(|f| f.labels.contains(&label.as_str())) else {
            continue;
        };
        let value = value.trim();
        let value = if ["offers", "wants", "languages"].contains(&field.column) {
            value.replace(',', ";")
        } else {
            value.to_string()
        };
        out.push((field.column, value));
    }
    out
}

/// A value of the form that is missing or cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    /// The field, by its [`FormField::key`].
    pub field: &'static str,
    pub what: ProblemKind,
}

/// What is wrong with a field of the form: the answer words it in the person's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Required and not given.
    Missing,
    /// Neither a topic to teach nor one to learn.
    NoTopic,
    /// Given, and not usable as the participants CSV reads it: the value as written.
    Unusable(String),
}

impl ProblemKind {
    /// The kind as the catalogs select it (`command-join-problem`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::NoTopic => "no-topic",
            Self::Unusable(_) => "unusable",
        }
    }
}

fn key_of(column: &str) -> &'static str {
    FORM.iter()
        .find(|f| f.column == column)
        .map_or("name", |f| f.key)
}

/// Checks a JOIN form as a CSV row is checked, with the required fields of a JOIN: the
/// participant it describes, or every problem by the form's field.
///
/// # Errors
/// Every missing or unusable value.
pub fn check_form(
    values: &[(&'static str, String)],
    email: &str,
    display_name: Option<&str>,
    defaults: crate::config::PersonDefaults,
) -> Result<Participant, Vec<FormProblem>> {
    let given = |column: &str| values.iter().any(|(c, v)| *c == column && !v.is_empty());
    let mut problems: Vec<FormProblem> = FORM
        .iter()
        .filter(|f| f.required && !given(f.column))
        .map(|f| FormProblem {
            field: f.key,
            what: ProblemKind::Missing,
        })
        .collect();
    if !given("name") && display_name.is_none_or(|n| n.trim().is_empty()) {
        problems.insert(
            0,
            FormProblem {
                field: "name",
                what: ProblemKind::Missing,
            },
        );
    }
    if !given("offers") && !given("wants") {
        problems.push(FormProblem {
            field: "teaches",
            what: ProblemKind::NoTopic,
        });
    }
    let mut fields: Vec<(&str, &str)> = vec![("email", email)];
    if let Some(name) = display_name.filter(|n| !n.trim().is_empty()) {
        fields.push(("name", name));
    }
    fields.extend(values.iter().map(|(c, v)| (*c, v.as_str())));
    match participant_from_fields(&fields, defaults) {
        Ok(p) if problems.is_empty() => Ok(p),
        Ok(_) => Err(problems),
        Err(found) => {
            // NOTE: the CSV check's own words (`FieldProblem::message`) are English and
            // written for HR; the person is shown the value they wrote and the form's
            // example in their language instead.
            for FieldProblem { column, .. } in found {
                let field = key_of(column);
                if problems.iter().any(|p| p.field == field) {
                    continue;
                }
                let written = values
                    .iter()
                    .rev()
                    .find(|(c, _)| *c == column)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                problems.push(FormProblem {
                    field,
                    what: ProblemKind::Unusable(written),
                });
            }
            Err(problems)
        }
    }
}

/// What the program knows of the one who wrote JOIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinFacts {
    /// The message is automated (an auto-reply, a bounce, a receipt): never answered.
    pub automated: bool,
    /// The address's domain is one the program accepts.
    pub domain_accepted: bool,
    /// Their status in the store, when they are or were a participant.
    pub status: Option<ParticipantStatus>,
    /// They already have a request waiting for HR.
    pub pending: bool,
}

/// What a JOIN leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum JoinOutcome {
    /// Nothing is done and nobody is told (the reason is logged).
    Ignore(&'static str),
    /// They take part already: told so.
    AlreadyIn,
    /// A request waits for HR already: told so.
    AlreadyAsked,
    /// The form lacks or garbles fields: told which, with the form to fill in.
    Incomplete(Vec<FormProblem>),
    /// Stored as a request; the coordinator is asked and the person told it went to HR.
    Request(Box<Participant>),
}

/// What a JOIN with `form` (checked by [`check_form`]) leads to, given `facts`.
pub fn on_join(facts: &JoinFacts, form: Result<Participant, Vec<FormProblem>>) -> JoinOutcome {
    if facts.automated {
        return JoinOutcome::Ignore("an automated message never joins");
    }
    if !facts.domain_accepted {
        return JoinOutcome::Ignore("JOIN from a domain the program does not accept");
    }
    let taking_part = matches!(
        facts.status,
        Some(ParticipantStatus::Active | ParticipantStatus::Paused | ParticipantStatus::Stopped)
    );
    // NOTE: whatever the outcome, the person is answered at most once a day (the caller
    // claims the day's one notice before each answer); a request is stored even when that
    // answer was used, so HR still sees it.
    match form {
        _ if taking_part => JoinOutcome::AlreadyIn,
        _ if facts.pending => JoinOutcome::AlreadyAsked,
        Err(problems) => JoinOutcome::Incomplete(problems),
        Ok(p) => JoinOutcome::Request(Box::new(p)),
    }
}

/// HR's answer to a request, as the first line of the reply says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    /// With the words after DECLINE on its line, to pass on, when there are some.
    Decline(Option<String>),
}

/// The verdict on the first non-empty line of a coordinator's reply: APPROVE (or APPROVED)
/// alone, or DECLINE (or DECLINED) optionally followed by a reason; `None` otherwise. Not
/// YES or NO: "No problem, go ahead" must not decline anyone.
pub fn verdict(text: &str) -> Option<Verdict> {
    let line = first_word_line(text)?;
    let (word, rest) = match line.split_once(|c: char| c.is_whitespace() || c == ':') {
        Some((w, r)) => (w, r.trim().trim_start_matches([':', '-', ',']).trim()),
        None => (line, ""),
    };
    match word.to_lowercase().as_str() {
        "approve" | "approved" if rest.is_empty() => Some(Verdict::Approve),
        "decline" | "declined" => Some(Verdict::Decline(
            (!rest.is_empty()).then(|| rest.chars().take(500).collect()),
        )),
        _ => None,
    }
}

/// Whether a person's reply to the request's confirmation says it was them: YES (or
/// CONFIRM, JOIN, or yes in German, French, Spanish or Dutch) alone on its first line.
pub fn confirms(text: &str) -> bool {
    let Some(line) = first_word_line(text) else {
        return false;
    };
    let word = line.trim().trim_end_matches(['.', '!']).to_lowercase();
    matches!(
        word.as_str(),
        "yes" | "y" | "confirm" | "confirmed" | "join" | "ja" | "oui" | "si" | "sí"
    )
}

/// What a reply to a request's email does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The person confirmed it was them: the request goes to the coordinator.
    Confirm,
    /// The person becomes a participant and is welcomed.
    Approve,
    /// The person is told no, kindly, with HR's words when there are some.
    Decline(Option<String>),
    /// Nothing changes (logged): the reason.
    Nothing(&'static str),
}

/// Who replied to a request's email, and what they said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestReply {
    pub from_coordinator: bool,
    /// From the address that asked to join (its confirmation went there alone).
    pub from_requester: bool,
    pub said: Option<Verdict>,
    /// It says YES (see [`confirms`]).
    pub confirms: bool,
}

/// What a reply to request email does, each only on the request's own token: the person's
/// YES confirms an unconfirmed request (the coordinator never saw it); the coordinator's
/// APPROVE or DECLINE settles a pending one (approving twice, or deciding again after a
/// decision, changes nothing).
pub fn decide_request(status: Option<JoinStatus>, reply: RequestReply) -> Decision {
    let Some(status) = status else {
        return Decision::Nothing("a reply to a join request that no longer exists");
    };
    if status == JoinStatus::Unconfirmed {
        return if reply.from_requester && reply.confirms {
            Decision::Confirm
        } else {
            Decision::Nothing("a reply to a join request its sender has not confirmed")
        };
    }
    if !reply.from_coordinator {
        return Decision::Nothing("a reply to a join request not from the coordinator");
    }
    match (status, reply.said) {
        (_, None) => {
            Decision::Nothing("a reply to a join request saying neither APPROVE nor DECLINE")
        }
        (JoinStatus::Approved, Some(_)) => {
            Decision::Nothing("the join request was approved already")
        }
        (JoinStatus::Declined, Some(_)) => {
            Decision::Nothing("the join request was declined already")
        }
        (JoinStatus::Pending, Some(Verdict::Approve)) => Decision::Approve,
        (JoinStatus::Pending, Some(Verdict::Decline(reason))) => Decision::Decline(reason),
        (JoinStatus::Unconfirmed, Some(_)) => {
            Decision::Nothing("a reply to a join request its sender has not confirmed")
        }
    }
}

/// When someone approved is paired: at once when the program pairs newcomers now (see
/// [`super::pair_newcomers_now`]), else at the next round, else never before the end.
pub fn when_paired(newcomers_now: bool, rounds: &[NaiveDate], today: NaiveDate) -> Next {
    if newcomers_now {
        Next::NewPartner
    } else {
        super::next_round(rounds, today)
    }
}

/// Whether `address` is of a domain in `domains` (lowercase, without `@`).
pub fn accepted_domain(address: &str, domains: &[String]) -> bool {
    address
        .rsplit_once('@')
        .is_some_and(|(_, d)| domains.iter().any(|a| a.eq_ignore_ascii_case(d)))
}

/// The domains a JOIN is accepted from: those of the participants' addresses and of the
/// program's From address, each once.
pub fn join_domains<'a>(addresses: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in addresses {
        if let Some((_, d)) = a.rsplit_once('@') {
            let d = d.to_lowercase();
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> crate::config::PersonDefaults {
        crate::config::test_support::london_english()
    }

    const GOOD: &str = "JOIN\nRole: mentor\nDepartment: Customer Care\nLevel: 2\nTeaches: AI tools, short video\nLearns: career\nLanguages: English\nTime zone: Europe/Paris\nHours: 09:00-17:30\n";

    #[test]
    fn join_counts_alone_on_the_first_line_in_any_case() {
        for (text, join) in [
            ("JOIN\nRole: mentor", true),
            ("\n  join.  \n", true),
            ("Join", true),
            ("I would like to JOIN", false),
            ("JOINT venture", false),
            ("Hello\nJOIN", false),
            ("", false),
        ] {
            assert_eq!(is_join(text), join, "{text:?}");
        }
    }

    #[test]
    fn the_form_reads_labels_aliases_and_lists() {
        let values = read_form(
            "JOIN\n*Role*: Mentee\ndept: Finance\nTopics: ai; data\nWants to learn: video, ads\nnoise line\nTimezone: America/New_York",
        );
        assert_eq!(
            values,
            [
                ("role", "Mentee".to_string()),
                ("department", "Finance".to_string()),
                ("offers", "ai; data".to_string()),
                ("wants", "video; ads".to_string()),
                ("timezone", "America/New_York".to_string()),
            ]
        );
    }

    #[test]
    fn the_form_is_read_with_its_labels_in_any_of_the_five_languages() {
        let forms = [
            "JOIN\nRolle: mentee\nAbteilung: Einkauf\nEbene: 6\nMöchte lernen: KI\nZeitzone: Europe/Berlin",
            "JOIN\nRôle : mentee\nService : Achats\nNiveau : 6\nVeut apprendre : IA\nFuseau horaire : Europe/Paris",
            "JOIN\nRol: mentee\nDepartamento: Compras\nNivel: 6\nQuiere aprender: IA\nZona horaria: Europe/Madrid",
            "JOIN\nRol: mentee\nAfdeling: Inkoop\nNiveau: 6\nWil leren: AI\nTijdzone: Europe/Amsterdam",
        ];
        for form in forms {
            let p = check_form(&read_form(form), "kim@acme.example", Some("Kim"), tz())
                .unwrap_or_else(|e| panic!("{form}: {e:?}"));
            assert_eq!(p.level, 6, "{form}");
            assert_eq!(p.wants.len(), 1, "{form}");
        }
    }

    #[test]
    fn a_complete_form_is_a_participant_checked_as_a_csv_row() {
        let p = check_form(&read_form(GOOD), "kim@acme.example", Some("Kim Park"), tz()).unwrap();
        assert_eq!(p.name, "Kim Park");
        assert_eq!(p.department.as_deref(), Some("Customer Care"));
        assert_eq!(p.offers, ["AI tools", "short video"]);
        assert_eq!(p.timezone.name(), "Europe/Paris");
        assert_eq!(p.capacity, 1);
    }

    #[test]
    fn an_incomplete_form_names_each_missing_or_wrong_field() {
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            (GOOD, None, &["name"]),
            (
                "JOIN\nRole: mentor",
                Some("Kim"),
                &["department", "level", "teaches"],
            ),
            (
                "JOIN\nRole: boss\nDepartment: Ops\nLevel: high\nLearns: x\nTime zone: Mars/Base\nHours: late",
                Some("Kim"),
                &["level", "role", "timezone", "hours"],
            ),
            (
                "JOIN",
                Some("Kim"),
                &["role", "department", "level", "teaches"],
            ),
        ];
        for (text, name, labels) in cases {
            let problems =
                check_form(&read_form(text), "kim@acme.example", *name, tz()).unwrap_err();
            let got: Vec<&str> = problems.iter().map(|p| p.field).collect();
            assert_eq!(&got, labels, "{text:?}: {problems:?}");
        }
    }

    #[test]
    fn a_join_leads_to_a_request_only_from_a_new_person_of_an_accepted_domain() {
        let facts = JoinFacts {
            automated: false,
            domain_accepted: true,
            status: None,
            pending: false,
        };
        let form = || check_form(&read_form(GOOD), "kim@acme.example", Some("Kim"), tz());
        let incomplete = || check_form(&read_form("JOIN"), "kim@acme.example", Some("Kim"), tz());
        let with = |f: &dyn Fn(&mut JoinFacts)| {
            let mut facts = facts.clone();
            f(&mut facts);
            facts
        };
        let kind = |o: JoinOutcome| match o {
            JoinOutcome::Ignore(_) => "ignore",
            JoinOutcome::AlreadyIn => "already in",
            JoinOutcome::AlreadyAsked => "already asked",
            JoinOutcome::Incomplete(_) => "incomplete",
            JoinOutcome::Request(_) => "request",
        };
        let rows: Vec<(JoinFacts, bool, &str)> = vec![
            (facts.clone(), true, "request"),
            (facts.clone(), false, "incomplete"),
            (with(&|f| f.automated = true), true, "ignore"),
            (with(&|f| f.domain_accepted = false), true, "ignore"),
            (
                with(&|f| f.status = Some(ParticipantStatus::Active)),
                true,
                "already in",
            ),
            (
                with(&|f| f.status = Some(ParticipantStatus::Stopped)),
                true,
                "already in",
            ),
            (
                with(&|f| f.status = Some(ParticipantStatus::Left)),
                true,
                "request",
            ),
            (
                with(&|f| f.status = Some(ParticipantStatus::Forgotten)),
                true,
                "request",
            ),
            (with(&|f| f.pending = true), true, "already asked"),
            (with(&|f| f.pending = true), false, "already asked"),
        ];
        for (facts, complete, expected) in rows {
            let f = if complete { form() } else { incomplete() };
            assert_eq!(
                kind(on_join(&facts, f)),
                expected,
                "{facts:?} complete={complete}"
            );
        }
    }

    #[test]
    fn the_coordinators_first_line_is_the_verdict() {
        for (text, expected) in [
            ("APPROVE", Some(Verdict::Approve)),
            ("approved.\n\n> quoted", Some(Verdict::Approve)),
            ("Yes", None),
            ("No problem, go ahead", None),
            ("DECLINE", Some(Verdict::Decline(None))),
            (
                "Decline: the program is full",
                Some(Verdict::Decline(Some("the program is full".into()))),
            ),
            (
                "declined - next term",
                Some(Verdict::Decline(Some("next term".into()))),
            ),
            ("approve but check with Sam", None),
            ("Thanks, will look", None),
            ("", None),
        ] {
            assert_eq!(verdict(text), expected, "{text:?}");
        }
    }

    #[test]
    fn only_the_coordinators_verdict_on_a_pending_request_counts() {
        use JoinStatus::*;
        let approve = Some(Verdict::Approve);
        let decline = Some(Verdict::Decline(Some("full".into())));
        let rows = [
            (true, Some(Pending), approve.clone(), Decision::Approve),
            (
                true,
                Some(Pending),
                decline.clone(),
                Decision::Decline(Some("full".into())),
            ),
            (false, Some(Pending), approve.clone(), Decision::Nothing("")),
            (true, Some(Approved), approve.clone(), Decision::Nothing("")),
            (true, Some(Approved), decline.clone(), Decision::Nothing("")),
            (true, Some(Declined), approve.clone(), Decision::Nothing("")),
            (true, None, approve.clone(), Decision::Nothing("")),
            (true, Some(Pending), None, Decision::Nothing("")),
        ];
        for (coordinator, status, said, expected) in rows {
            let reply = RequestReply {
                from_coordinator: coordinator,
                from_requester: false,
                said: said.clone(),
                confirms: false,
            };
            let got = decide_request(status, reply);
            let same = match (&got, &expected) {
                (Decision::Nothing(_), Decision::Nothing(_)) => true,
                (a, b) => a == b,
            };
            assert!(same, "{coordinator} {status:?} {said:?}: {got:?}");
        }
    }

    #[test]
    fn only_the_person_who_asked_confirms_an_unconfirmed_request() {
        use JoinStatus::*;
        let reply = |coordinator, requester, text: &str| RequestReply {
            from_coordinator: coordinator,
            from_requester: requester,
            said: verdict(text),
            confirms: confirms(text),
        };
        assert_eq!(
            decide_request(Some(Unconfirmed), reply(false, true, "Yes")),
            Decision::Confirm
        );
        assert_eq!(
            decide_request(Some(Unconfirmed), reply(false, true, "JOIN\n> quoted")),
            Decision::Confirm
        );
        for (coordinator, requester, text) in [
            (false, true, "No, that was not me"),
            (false, false, "YES"),
            // The coordinator never saw it: their verdict cannot skip the person's word.
            (true, false, "APPROVE"),
        ] {
            assert!(
                matches!(
                    decide_request(Some(Unconfirmed), reply(coordinator, requester, text)),
                    Decision::Nothing(_)
                ),
                "{coordinator} {requester} {text:?}"
            );
        }
        // A YES on a request already pending decides nothing.
        assert!(matches!(
            decide_request(Some(Pending), reply(false, true, "yes")),
            Decision::Nothing(_)
        ));
    }

    #[test]
    fn an_approved_person_is_paired_at_once_or_at_the_next_round() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let rounds = [d("2027-03-01"), d("2027-05-01")];
        assert_eq!(
            when_paired(true, &rounds, d("2027-03-10")),
            Next::NewPartner
        );
        assert_eq!(
            when_paired(false, &rounds, d("2027-02-10")),
            Next::NextRound(d("2027-03-01"))
        );
        assert_eq!(
            when_paired(false, &rounds, d("2027-06-10")),
            Next::NoMoreRounds
        );
    }

    #[test]
    fn joins_come_only_from_the_programs_domains() {
        let domains = join_domains(["ann@Acme.example", "bob@acme.example", "hr@corp.example"]);
        assert_eq!(domains, ["acme.example", "corp.example"]);
        assert!(accepted_domain("kim@ACME.example", &domains));
        assert!(!accepted_domain("kim@acme.example.evil", &domains));
        assert!(!accepted_domain("no-at-sign", &domains));
    }
}
