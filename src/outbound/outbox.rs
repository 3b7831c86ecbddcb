//! Owns queueing: composing an email and writing it to the outbox under its idempotency key,
//! inside the caller's store transaction, so the event that causes an email and the email
//! commit together. Running the same job twice queues nothing the second time. Also builds
//! the sample emails `upward preview` and `upward check` render. Does not send.

use chrono::{DateTime, NaiveDate, Utc};

use super::compose::{self, ComposeInput, Composed, Email, new_message_id};
use super::join::JoinView;
use super::templates::{EmailKind, Templates};
use super::token::TokenKey;
use super::{
    ChallengeView, OutboundError, PairView, PersonView, Relayed, SessionView, signing_key,
};
use crate::config::{Config, Role};
use crate::digest::final_report::FinalFigures;
use crate::digest::participant::ParticipantFigures;
use crate::digest::{self, Figures};
use crate::program;
use crate::store::{Enqueued, Store, Tx};

/// The fewest emails a thread composes in [`Composer::enqueue_many`]: below that, starting
/// threads costs more than it saves.
const PER_THREAD: usize = 16;

/// Everything needed to compose the program's emails: the config, its templates and the
/// signing key. Cheap to share behind an `Arc`; rebuild it when the config is reloaded.
#[derive(Debug)]
pub struct Composer {
    pub config: std::sync::Arc<Config>,
    pub templates: Templates,
    key: TokenKey,
    /// The DKIM signer, its keys parsed once, when `[dkim]` is configured.
    dkim: Option<std::sync::Arc<super::dkim::Signer>>,
}

/// The DKIM signer of `config`, if it has keys.
fn dkim_signer(
    config: &Config,
) -> Result<Option<std::sync::Arc<super::dkim::Signer>>, OutboundError> {
    Ok(super::dkim::Signer::new(&config.dkim)?.map(std::sync::Arc::new))
}

impl Composer {
    /// Loads the program's templates and signing key.
    ///
    /// # Errors
    /// `Templates` when an override does not parse; `Key` when no signing key is available.
    pub fn new(config: std::sync::Arc<Config>) -> Result<Composer, OutboundError> {
        let templates = Templates::load(Some(&config.program.templates_dir))
            .map_err(OutboundError::Templates)?;
        let key = signing_key(&config)?;
        let dkim = dkim_signer(&config)?;
        Ok(Composer {
            config,
            templates,
            key,
            dkim,
        })
    }

    /// A composer with an explicit key: for tests, `preview` and `simulate`.
    pub fn with_key(config: std::sync::Arc<Config>, templates: Templates, key: TokenKey) -> Self {
        // NOTE: the key was checked when the config loaded; a failure here leaves mail unsigned
        // rather than refusing to compose.
        let dkim = dkim_signer(&config).ok().flatten();
        Composer {
            config,
            templates,
            key,
            dkim,
        }
    }

    /// The signing key, for the inbound side to verify tokens with.
    pub fn key(&self) -> &TokenKey {
        &self.key
    }

    /// Composes `email` without queueing it.
    ///
    /// # Errors
    /// As [`compose::compose`].
    pub fn compose(
        &self,
        email: &Email<'_>,
        now: DateTime<Utc>,
        in_reply_to: Option<&str>,
    ) -> Result<Composed, OutboundError> {
        self.compose_clear_of(email, now, in_reply_to, &[], &[])
    }

    /// [`Composer::compose`], an introduction's first meeting kept clear of `busy`, and
    /// saying it is a new partner to the sides in `again` (they had a pair before).
    ///
    /// # Errors
    /// As [`Composer::compose`].
    pub fn compose_clear_of(
        &self,
        email: &Email<'_>,
        now: DateTime<Utc>,
        in_reply_to: Option<&str>,
        busy: &[DateTime<Utc>],
        again: &[Role],
    ) -> Result<Composed, OutboundError> {
        let message_id = new_message_id(&self.config, email.kind(), now)?;
        compose::compose(
            &self.config,
            &self.templates,
            &self.key,
            email,
            ComposeInput {
                now,
                message_id: &message_id,
                in_reply_to,
                dkim: self.dkim.as_deref(),
                busy,
                again,
            },
        )
    }

    /// Composes `email` and queues it in `tx`, due now. If its key is already queued, nothing
    /// is composed or written and `AlreadyQueued` says so. An email that continues a thread
    /// (a prompt after the introduction) gets In-Reply-To/References from the queued parent.
    ///
    /// # Errors
    /// A template, address or store failure; the caller's transaction should then roll back.
    pub fn enqueue(
        &self,
        tx: &mut Tx<'_>,
        email: &Email<'_>,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        let parent = match email.thread_key() {
            Some(k) => tx.outbox_message_id(&k)?,
            None => None,
        };
        self.enqueue_under(tx, email, now, parent.as_deref())
    }

    /// [`Composer::enqueue`] continuing the thread `parent` (Message-IDs with angle
    /// brackets, oldest first) rather than the email's own: a relay answers the partner's
    /// message.
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_under(
        &self,
        tx: &mut Tx<'_>,
        email: &Email<'_>,
        now: DateTime<Utc>,
        parent: Option<&str>,
    ) -> Result<Enqueued, OutboundError> {
        let key = email.key();
        if tx.outbox_message_id(&key)?.is_some() {
            return Ok(Enqueued::AlreadyQueued { key });
        }
        // NOTE: a person with several partners is never invited twice at the same hour: an
        // introduction's first meeting keeps clear of those already proposed to either.
        let people = match email {
            Email::Intro { pair } => vec![pair.mentor.id, pair.mentee.id],
            _ => Vec::new(),
        };
        let busy = tx.proposed_meetings(&people, now)?;
        // NOTE: someone re-paired is told it is a new partner.
        let mut again = Vec::new();
        if let Email::Intro { pair } = email {
            for side in [Role::Mentor, Role::Mentee] {
                if tx.had_earlier_pair(pair.person(side).id, pair.id)? {
                    again.push(side);
                }
            }
        }
        let c = self.compose_clear_of(email, now, parent, &busy, &again)?;
        let queued = tx.enqueue_outbound(&c.outbound(now), now)?;
        if let (Email::Intro { pair }, Some(start), Enqueued::Queued { .. }) =
            (email, c.meeting, &queued)
        {
            tx.propose_meeting(pair.id, &people, start)?;
        }
        Ok(queued)
    }

    /// [`Composer::enqueue`] for each of `emails` in order, the composing split over the
    /// cores: the same outcomes, rows and errors as one `enqueue` after another (the first
    /// error is returned; the caller's transaction should then roll back).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    // NOTE: reads, then composes, then writes. Composing (templates, MIME, DKIM) is most of
    // a job's time and reads nothing from the store, so it runs on every core between one
    // pass that reads what each email needs and one that writes them in order. Where an
    // email depends on another of the same batch (an introduction's first meeting keeps
    // clear of those proposed before it; a key or thread repeated), they go one by one.
    pub fn enqueue_many(
        &self,
        tx: &mut Tx<'_>,
        emails: &[Email<'_>],
        now: DateTime<Utc>,
    ) -> Result<Vec<Enqueued>, OutboundError> {
        let workers = std::thread::available_parallelism().map_or(1, usize::from);
        let threads = workers.min(emails.len() / PER_THREAD).max(1);
        let keys: Vec<String> = emails.iter().map(Email::key).collect();
        let mut seen = std::collections::HashSet::new();
        let independent = threads > 1
            && emails.iter().zip(&keys).all(|(email, key)| {
                !matches!(email, Email::Intro { .. })
                    && email.thread_key().is_none_or(|t| !seen.contains(&t))
                    && seen.insert(key.clone())
            });
        if !independent {
            return emails
                .iter()
                .map(|email| self.enqueue(tx, email, now))
                .collect();
        }
        // What `enqueue` reads before composing: whether the key is queued, the parent.
        let mut parents: Vec<Option<Option<String>>> = Vec::with_capacity(emails.len());
        for (email, key) in emails.iter().zip(&keys) {
            if tx.outbox_message_id(key)?.is_some() {
                parents.push(None);
                continue;
            }
            parents.push(Some(match email.thread_key() {
                Some(k) => tx.outbox_message_id(&k)?,
                None => None,
            }));
        }
        let work: Vec<(&Email<'_>, &Option<Option<String>>)> =
            emails.iter().zip(&parents).collect();
        let composed = crate::sync::in_parallel(&work, threads, |(email, parent)| {
            parent
                .as_ref()
                .map(|parent| self.compose_clear_of(email, now, parent.as_deref(), &[], &[]))
        });
        let mut out = Vec::with_capacity(emails.len());
        for (key, composed) in keys.into_iter().zip(composed) {
            out.push(match composed {
                None => Enqueued::AlreadyQueued { key },
                Some(c) => tx.enqueue_outbound(&c?.outbound(now), now)?,
            });
        }
        Ok(out)
    }

    /// [`Composer::enqueue`] in a transaction of its own.
    ///
    /// # Errors
    /// As [`Composer::enqueue`]; nothing is written then.
    pub fn enqueue_now(
        &self,
        store: &mut Store,
        email: &Email<'_>,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        store.write(|tx| self.enqueue(tx, email, now))
    }

    /// Queues a pair's introduction (`intro:ROUND:PAIR`).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_intro(
        &self,
        tx: &mut Tx<'_>,
        pair: &PairView,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        self.enqueue(tx, &Email::Intro { pair }, now)
    }

    /// Queues a reflection prompt to one partner (`prompt:PAIR:PERSON:OCCURRENCE`).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_prompt(
        &self,
        tx: &mut Tx<'_>,
        pair: &PairView,
        to: Role,
        occurrence: NaiveDate,
        also: &[PairView],
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        self.enqueue(
            tx,
            &Email::Prompt {
                pair,
                to,
                occurrence,
                also,
            },
            now,
        )
    }

    /// Queues a nudge to a silent pair (`nudge:PAIR:DATE`).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_nudge(
        &self,
        tx: &mut Tx<'_>,
        pair: &PairView,
        days: u32,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        let on = now.date_naive();
        self.enqueue(tx, &Email::Nudge { pair, days, on }, now)
    }

    /// Queues the confirmation of a logged session (`confirm:PAIR:PERSON:INBOUND`).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_confirmation(
        &self,
        tx: &mut Tx<'_>,
        pair: &PairView,
        to: Role,
        session: &SessionView,
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        let email = Email::Confirmation {
            pair,
            to,
            session,
            inbound,
        };
        self.enqueue(tx, &email, now)
    }

    /// Queues the answer to a command (`command:PERSON:INBOUND`); it goes out even to
    /// someone who has just paused or stopped.
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_command_reply(
        &self,
        tx: &mut Tx<'_>,
        person: &PersonView,
        command: super::said::About,
        detail: &[super::said::Said],
        inbound: i64,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        let email = Email::CommandReply {
            person,
            command,
            detail,
            inbound,
            cancels: &[],
        };
        self.enqueue(tx, &email, now)
    }

    /// Queues the coordinator's digest (`hr-digest:FROM..TO`).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_hr_digest(
        &self,
        tx: &mut Tx<'_>,
        digest: &Figures,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        self.enqueue(tx, &Email::HrDigest { digest }, now)
    }

    /// Queues the coordinator's final report (`final-report:END`).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_final_report(
        &self,
        tx: &mut Tx<'_>,
        report: &FinalFigures,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        self.enqueue(tx, &Email::FinalReport { report }, now)
    }

    /// Queues a participant's digest (`digest:PERSON:FROM..TO`).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_participant_digest(
        &self,
        tx: &mut Tx<'_>,
        person: &PersonView,
        digest: &ParticipantFigures,
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        self.enqueue(tx, &Email::ParticipantDigest { person, digest }, now)
    }

    /// Queues the closing reflection to one partner (`closing:PAIR:PERSON`).
    ///
    /// # Errors
    /// As [`Composer::enqueue`].
    pub fn enqueue_closing(
        &self,
        tx: &mut Tx<'_>,
        pair: &PairView,
        to: Role,
        also: &[PairView],
        now: DateTime<Utc>,
    ) -> Result<Enqueued, OutboundError> {
        self.enqueue(tx, &Email::Closing { pair, to, also }, now)
    }
}

/// The coordinator's words in the sample `join_declined`.
pub(crate) const SAMPLE_DECLINE_REASON: &str =
    "the program is full this term; the next one starts in the autumn";

/// Sample data for `preview` and `check`: the first mentor and mentee of the config (or two
/// made-up people), a logged session and the two digests.
pub struct Samples {
    pub pair: PairView,
    pub session: SessionView,
    pub digest: Figures,
    pub final_report: FinalFigures,
    pub participant_digest: ParticipantFigures,
    pub challenge: ChallengeView,
    pub relayed: Relayed,
    pub question: Relayed,
    pub join: JoinView,
}

impl Samples {
    /// Samples drawn from `config`.
    pub fn new(config: &Config) -> Samples {
        let pick = |role: Role, id: i64| {
            config
                .participants
                .iter()
                .find(|p| p.role == role)
                .map(|p| PersonView::from_participant(id, p))
                .unwrap_or_else(|| PersonView {
                    id,
                    name: match role {
                        Role::Mentor => "Sam Mentor".into(),
                        Role::Mentee => "Alex Mentee".into(),
                    },
                    email: format!("{}@{}", role.as_str(), config.domain()),
                    role,
                    department: None,
                    timezone: config.program.timezone,
                    hours: None,
                    offers: vec!["ai tools".into()],
                    wants: vec!["career".into()],
                    language: config.program.language,
                })
        };
        let mentor = pick(Role::Mentor, 1);
        let mentee = pick(Role::Mentee, 2);
        let reasons = sample_reasons(&mentor, &mentee);
        let participant_digest = digest::sample::participant(config, &mentee.name, &mentor.name);
        Samples {
            participant_digest,
            pair: PairView {
                id: 1,
                round: 1,
                mentor,
                mentee,
                reasons,
                goals: vec![
                    crate::store::Goal {
                        position: 1,
                        text: "use AI tools for the weekly report".into(),
                        outcome: None,
                    },
                    crate::store::Goal {
                        position: 2,
                        text: "see how younger customers find us".into(),
                        outcome: None,
                    },
                ],
            },
            session: SessionView {
                met: true,
                date: Some(config.program.start),
                minutes: Some(45),
                topics: vec!["ai tools".into(), "career".into()],
                // NOTE: a rating the reply gave but that could not be read, so that the
                // preview shows the confirmation asking for it.
                rating: None,
                taken_as: None,
                not_understood: vec!["rating".into()],
                // NOTE: and a pause asked for in the report, so that the preview shows how
                // the confirmation says to do it.
                also_asked: Some(super::email::AlsoAsked {
                    command: "PAUSE".into(),
                    write: format!(
                        "PAUSE UNTIL {}",
                        config.program.start + chrono::Days::new(28)
                    ),
                }),
            },
            digest: digest::sample::figures(config),
            final_report: digest::sample::final_report(config),
            challenge: ChallengeView {
                request: 1,
                what: super::email::Held::Met,
                subject: Some("Re: How did it go?".into()),
                received: config.program.start,
                forget: false,
                days: 7,
            },
            relayed: Relayed {
                text: "Lovely to meet you! Would Tuesday afternoon suit you for a first chat? \
                       I'd like to hear how your team plans its quarter."
                    .into(),
                subject: Some(format!("Re: {}: meet your partner", config.program.name)),
                files: Vec::new(),
            },
            question: Relayed {
                text: "We have not managed to meet once in six weeks: our calendars never \
                       line up. Could I be paired with someone in my time zone?"
                    .into(),
                subject: Some("Re: How did it go?".into()),
                files: Vec::new(),
            },
            join: JoinView {
                request: 1,
                name: "Kim Park".into(),
                email: format!("kim.park@{}", config.domain()),
                role: "mentor".into(),
                level: 2,
                department: Some("Customer Care".into()),
                offers: vec!["ai tools".into(), "short video".into()],
                wants: vec!["career".into()],
                languages: vec![config.program.language.name().into(), "Korean".into()],
                timezone: config.program.timezone.name().to_string(),
                hours: Some("09:00-17:30".into()),
            },
        }
    }
}

/// The reasons of the sample pair, as the pairing writes them (`pairing::Why::text`).
fn sample_reasons(mentor: &PersonView, mentee: &PersonView) -> Vec<String> {
    let first = |p: &PersonView| {
        p.name
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let teaches = super::compose::shared_topics(mentor, mentee);
    let mut reasons = Vec::new();
    if !teaches.is_empty() {
        reasons.push(format!(
            "{} can teach {}: {}",
            first(mentor),
            first(mentee),
            teaches.join(", ")
        ));
    }
    reasons.push("2 h 30 min of shared working hours".to_string());
    if mentor.department.is_some()
        && mentee.department.is_some()
        && mentor.department != mentee.department
    {
        reasons.push("different departments".to_string());
    }
    reasons
}

/// Composes a sample email of `kind`, exactly as it would be sent (for `upward preview`),
/// signed by `dkim` when given (`upward preview --signed`).
///
/// # Errors
/// A template or address problem, with file and line for templates.
pub fn preview(
    config: &Config,
    templates: &Templates,
    key: &TokenKey,
    kind: EmailKind,
    dkim: Option<&super::dkim::Signer>,
) -> Result<Composed, OutboundError> {
    let s = Samples::new(config);
    let now = preview_time(config);
    let email = sample(&s, config, kind, now);
    let message_id = new_message_id(config, kind, now)?;
    compose::compose(
        config,
        templates,
        key,
        &email,
        ComposeInput {
            now,
            message_id: &message_id,
            in_reply_to: None,
            dkim,
            busy: &[],
            again: &[],
        },
    )
}

/// The program as if everyone (the coordinator too) read `lang`: for `upward preview
/// --language` and the tests of the translations.
pub fn in_language(config: &Config, lang: crate::vocab::Lang) -> Config {
    let mut config = config.clone();
    config.program.language = lang;
    for p in &mut config.participants {
        p.language = lang;
    }
    config
}

/// When a preview is composed: the program's first day, 09:00.
pub(super) fn preview_time(config: &Config) -> DateTime<Utc> {
    config
        .program
        .start
        .and_hms_opt(9, 0, 0)
        .map_or_else(DateTime::<Utc>::default, |t| t.and_utc())
}

/// The sample email of `kind`.
pub(super) fn sample<'a>(
    s: &'a Samples,
    config: &Config,
    kind: EmailKind,
    now: DateTime<Utc>,
) -> Email<'a> {
    match kind {
        EmailKind::Intro => Email::Intro { pair: &s.pair },
        EmailKind::Prompt => Email::Prompt {
            pair: &s.pair,
            to: Role::Mentor,
            occurrence: config.program.start,
            also: &[],
        },
        EmailKind::Nudge => Email::Nudge {
            pair: &s.pair,
            days: 14,
            on: config.program.start,
        },
        EmailKind::Confirmation => Email::Confirmation {
            pair: &s.pair,
            to: Role::Mentee,
            session: &s.session,
            inbound: 1,
        },
        EmailKind::Command => Email::CommandReply {
            person: &s.pair.mentor,
            command: super::said::About::Command(crate::program::CommandName::Pause),
            detail: &[super::said::Said::Paused { until: None }],
            inbound: 1,
            cancels: &[],
        },
        EmailKind::HrDigest => Email::HrDigest { digest: &s.digest },
        EmailKind::FinalReport => Email::FinalReport {
            report: &s.final_report,
        },
        EmailKind::ParticipantDigest => Email::ParticipantDigest {
            person: &s.pair.mentee,
            digest: &s.participant_digest,
        },
        EmailKind::Closing => Email::Closing {
            pair: &s.pair,
            to: Role::Mentee,
            also: &[],
        },
        EmailKind::Challenge => Email::Challenge {
            person: &s.pair.mentee,
            challenge: &s.challenge,
        },
        // The mentor hears that the mentee left, with the program's own next round.
        EmailKind::PartnerLeft => Email::PartnerLeft {
            pair: &s.pair,
            to: Role::Mentor,
            next: program::after_partner_left(
                false,
                &program::rounds(config),
                config.program.start,
            ),
            departure: program::Departure::Left,
            cancel: None,
        },
        // The mentee's pair ended (a REMATCH) before the meeting its introduction proposed.
        EmailKind::MeetingCancelled => Email::MeetingCancelled {
            pair: &s.pair,
            to: Role::Mentee,
            start: now + chrono::Duration::days(3) + chrono::Duration::hours(4),
        },
        EmailKind::Relay => Email::Relay {
            pair: &s.pair,
            to: Role::Mentor,
            relayed: &s.relayed,
            inbound: 1,
        },
        EmailKind::PartnerPaused => Email::PartnerPaused {
            pair: &s.pair,
            to: Role::Mentee,
            on: config.program.start,
            until: config.program.start.checked_add_days(chrono::Days::new(21)),
        },
        EmailKind::CancelledAgain => Email::CancelledAgain {
            pair: &s.pair,
            to: Role::Mentee,
            on: config.program.start,
        },
        EmailKind::Forward => Email::Forward {
            person: &s.pair.mentee,
            relayed: &s.question,
            inbound: 1,
        },
        EmailKind::PauseEnded => Email::PauseEnded {
            person: &s.pair.mentor,
            on: config.program.start,
        },
        EmailKind::EndingSoon => Email::EndingSoon {
            person: &s.pair.mentor,
            partners: std::slice::from_ref(&s.pair.mentee.name),
        },
        EmailKind::JoinRequest => Email::JoinRequest { join: &s.join },
        EmailKind::JoinConfirm => Email::JoinConfirm { join: &s.join },
        EmailKind::JoinApproved => Email::JoinApproved {
            person: &s.pair.mentee,
            request: s.join.request,
            next: program::next_round(&program::rounds(config), config.program.start),
        },
        EmailKind::JoinDeclined => Email::JoinDeclined {
            join: &s.join,
            reason: Some(SAMPLE_DECLINE_REASON),
        },
        EmailKind::Unmatched => Email::Unmatched {
            person: &s.pair.mentee,
            round: 1,
            why: program::Alone::PartnersTaken,
            next: program::next_round(&program::rounds(config), config.program.start),
        },
    }
}

/// A small valid program for unit tests.
#[cfg(test)]
pub(crate) fn tests_config() -> Config {
    crate::config::test_support::program()
        .line("bounce_address = \"bounces+{token}@acme.example\"")
        .line("timezone = \"Europe/London\"")
        .line("propose_first_meeting = true")
        .person(
            "Ann Lee",
            "mentor",
            1,
            &[
                "timezone = \"Europe/London\"",
                "offers = [\"ai tools\", \"social media\"]",
                "wants = [\"career\"]",
            ],
        )
        .person(
            "Bob Stone",
            "mentee",
            5,
            &[
                "timezone = \"America/New_York\"",
                "offers = [\"career\"]",
                "wants = [\"AI tools\"]",
            ],
        )
        .build_at(std::path::Path::new("/nonexistent/program.toml"))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn setup() -> (Composer, PairView, Store) {
        let config = Arc::new(tests_config());
        let composer = Composer::with_key(
            Arc::clone(&config),
            Templates::builtin().unwrap(),
            TokenKey::new("test key"),
        );
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_participants(&config.participants, now())
            .unwrap();
        let id = |e: &str| store.participant_id(e).unwrap().unwrap();
        let pair = PairView {
            id: 7,
            round: 1,
            mentor: PersonView::from_participant(id("ann@acme.example"), &config.participants[0]),
            mentee: PersonView::from_participant(id("bob@acme.example"), &config.participants[1]),
            reasons: vec!["different departments".into()],
            goals: Vec::new(),
        };
        (composer, pair, store)
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-01-08T18:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The start of the invitation in a queued introduction.
    fn invited_at(store: &Store, key: &str) -> String {
        let body = String::from_utf8(store.outbox_bytes(key)).unwrap();
        let line = body
            .lines()
            .find(|l| l.starts_with("DTSTART"))
            .unwrap_or_else(|| panic!("no invitation in {key}"));
        line.rsplit(':').next().unwrap().to_string()
    }

    #[test]
    fn a_person_with_two_partners_is_never_invited_twice_at_the_same_hour() {
        let (composer, pair, mut store) = setup();
        let second = PairView {
            id: 8,
            round: 1,
            ..pair.clone()
        };
        for p in [&pair, &second] {
            composer
                .enqueue_now(&mut store, &Email::Intro { pair: p }, now())
                .unwrap();
        }
        let (a, b) = (
            invited_at(&store, "intro:1:7"),
            invited_at(&store, "intro:1:8"),
        );
        assert_ne!(a, b, "both introductions propose {a}");
    }

    #[test]
    fn message_ids_sort_by_when_they_were_made_and_stay_unguessable() {
        let (composer, pair, _) = setup();
        let id = |at: DateTime<Utc>| {
            composer
                .compose(&Email::Intro { pair: &pair }, at, None)
                .unwrap()
                .message_id
        };
        let times = [
            now(),
            now() + chrono::Duration::milliseconds(1),
            now() + chrono::Duration::days(1),
            now() + chrono::Duration::days(400),
        ];
        let ids: Vec<String> = times.iter().map(|t| id(*t)).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(sorted, ids, "later emails sort after earlier ones");
        // The same instant twice: two different IDs, each with 96 random bits after the kind.
        let (a, b) = (id(now()), id(now()));
        assert_ne!(a, b);
        let random = |m: &str| {
            m.split('@')
                .next()
                .unwrap()
                .rsplit('.')
                .next()
                .unwrap()
                .len()
        };
        assert_eq!((random(&a), random(&b)), (24, 24), "{a} {b}");
        let time = a.trim_start_matches("<intro.").split('.').next().unwrap();
        assert!(a.starts_with("<intro."), "{a}: the kind first");
        assert_eq!(time.len(), 12, "{a}: then the time, 12 hex digits");
    }

    #[test]
    fn invitations_are_unique_across_programs_and_stable_for_a_pair() {
        let (composer, pair, _) = setup();
        let uid = |c: &Composer| {
            let bytes = c
                .compose(&Email::Intro { pair: &pair }, now(), None)
                .unwrap()
                .bytes;
            let text = String::from_utf8(bytes).unwrap();
            text.lines()
                .find(|l| l.starts_with("UID:"))
                .unwrap()
                .to_string()
        };
        let other = Composer::with_key(
            Arc::clone(&composer.config),
            Templates::builtin().unwrap(),
            TokenKey::new("another program's key"),
        );
        assert_eq!(uid(&composer), uid(&composer));
        assert_ne!(uid(&composer), uid(&other));
        assert!(!uid(&composer).contains("intro-1-7"), "{}", uid(&composer));
    }

    #[test]
    fn queueing_the_same_email_twice_queues_it_once() {
        let (composer, pair, mut store) = setup();
        let first = composer
            .enqueue_now(&mut store, &Email::Intro { pair: &pair }, now())
            .unwrap();
        assert!(matches!(first, Enqueued::Queued { .. }));
        let second = composer
            .enqueue_now(&mut store, &Email::Intro { pair: &pair }, now())
            .unwrap();
        assert_eq!(
            second,
            Enqueued::AlreadyQueued {
                key: "intro:1:7".into()
            }
        );
        assert_eq!(store.outbox_counts().unwrap(), vec![("pending".into(), 1)]);
    }

    #[test]
    fn a_prompt_continues_the_introductions_thread() {
        let (composer, pair, mut store) = setup();
        composer
            .enqueue_now(&mut store, &Email::Intro { pair: &pair }, now())
            .unwrap();
        let intro_id = store.outbox_row("intro:1:7").unwrap().unwrap().message_id;
        let occurrence = NaiveDate::from_ymd_opt(2027, 1, 18).unwrap();
        store
            .write(|tx| composer.enqueue_prompt(tx, &pair, Role::Mentee, occurrence, &[], now()))
            .unwrap();
        let key = format!("prompt:7:{}:2027-01-18", pair.mentee.id);
        let claimed = store
            .claim_outbound(now(), 10, chrono::Duration::minutes(5))
            .unwrap();
        let prompt = claimed.iter().find(|e| e.key == key).unwrap();
        let text = String::from_utf8_lossy(&prompt.bytes);
        assert!(text.contains(&format!("In-Reply-To: {intro_id}")), "{text}");
        assert!(text.contains(&format!("References: {intro_id}")));
        assert_eq!(prompt.recipients, vec!["bob@acme.example".to_string()]);
    }

    #[test]
    fn a_batch_composed_on_every_core_queues_what_one_email_after_another_would() {
        let (composer, pair, mut batched) = setup();
        let (_, _, mut one_by_one) = setup();
        let day = |i: u64| NaiveDate::from_ymd_opt(2027, 1, 18).unwrap() + chrono::Days::new(i);
        let prompt = |i: u64| Email::Prompt {
            pair: &pair,
            to: if i.is_multiple_of(2) {
                Role::Mentee
            } else {
                Role::Mentor
            },
            occurrence: day(i),
            also: &[],
        };
        for store in [&mut batched, &mut one_by_one] {
            composer
                .enqueue_now(store, &Email::Intro { pair: &pair }, now())
                .unwrap();
            composer.enqueue_now(store, &prompt(3), now()).unwrap();
        }
        // Enough for two threads, one of them queued already.
        let emails: Vec<Email<'_>> = (0..48).map(prompt).collect();
        let many = batched
            .write(|tx| composer.enqueue_many(tx, &emails, now()))
            .unwrap();
        let single = one_by_one
            .write(|tx| {
                emails
                    .iter()
                    .map(|e| composer.enqueue(tx, e, now()))
                    .collect::<Result<Vec<_>, OutboundError>>()
            })
            .unwrap();
        assert_eq!(many, single);
        assert!(
            matches!(many[3], Enqueued::AlreadyQueued { .. }),
            "{many:?}"
        );
        assert_eq!(
            many.iter()
                .filter(|e| matches!(e, Enqueued::Queued { .. }))
                .count(),
            47
        );
        // The same rows, each in the introduction's thread; only the Message-IDs differ.
        let rows = |store: &mut Store| {
            let intro = store.outbox_row("intro:1:7").unwrap().unwrap().message_id;
            let mut rows: Vec<(String, Vec<String>, bool)> = store
                .claim_outbound(now(), 100, chrono::Duration::minutes(5))
                .unwrap()
                .into_iter()
                .map(|e| {
                    let text = String::from_utf8_lossy(&e.bytes).into_owned();
                    let threaded = text.contains(&format!("In-Reply-To: {intro}"));
                    (e.key, e.recipients, threaded)
                })
                .collect();
            rows.sort();
            rows
        };
        let (a, b) = (rows(&mut batched), rows(&mut one_by_one));
        assert_eq!(a, b);
        assert_eq!(
            a.iter()
                .filter(|(key, _, threaded)| key.starts_with("prompt:") && *threaded)
                .count(),
            48
        );

        // The same email twice in a batch: queued once, as one after the other does.
        let (_, _, mut twice) = setup();
        let repeated: Vec<Email<'_>> = (0..40).map(|i| prompt(100 + i % 20)).collect();
        let outcomes = twice
            .write(|tx| composer.enqueue_many(tx, &repeated, now()))
            .unwrap();
        let queued = outcomes
            .iter()
            .filter(|e| matches!(e, Enqueued::Queued { .. }))
            .count();
        assert_eq!(queued, 20, "{outcomes:?}");
        assert!(
            outcomes[20..]
                .iter()
                .all(|e| matches!(e, Enqueued::AlreadyQueued { .. }))
        );
    }

    #[test]
    fn a_failed_step_rolls_back_the_callers_transaction() {
        let (composer, pair, mut store) = setup();
        let result: Result<(), OutboundError> = store.write(|tx| {
            composer.enqueue_intro(tx, &pair, now())?;
            Err(OutboundError::Build("the event after it failed".into()))
        });
        assert!(result.is_err());
        assert_eq!(store.outbox_counts().unwrap(), vec![]);
    }

    #[test]
    fn nothing_goes_to_a_stopped_participant_except_the_answer_to_their_command() {
        let (composer, pair, mut store) = setup();
        composer
            .enqueue_now(
                &mut store,
                &Email::Prompt {
                    pair: &pair,
                    to: Role::Mentor,
                    occurrence: NaiveDate::from_ymd_opt(2027, 1, 18).unwrap(),
                    also: &[],
                },
                now(),
            )
            .unwrap();
        composer
            .enqueue_now(
                &mut store,
                &Email::CommandReply {
                    person: &pair.mentor,
                    command: crate::outbound::said::About::Command(
                        crate::program::CommandName::Stop,
                    ),
                    detail: &[crate::outbound::said::Said::Stopped],
                    inbound: 3,
                    cancels: &[],
                },
                now(),
            )
            .unwrap();
        store
            .write(|tx| {
                tx.execute_for_tests(
                    "UPDATE participants SET status = 'stopped' WHERE email = 'ann@acme.example'",
                )?;
                Ok::<_, crate::store::StoreError>(())
            })
            .unwrap();
        let claimed = store
            .claim_outbound(now(), 10, chrono::Duration::minutes(5))
            .unwrap();
        let keys: Vec<&str> = claimed.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec![format!("command:{}:3", pair.mentor.id).as_str()]);
        let prompt = store
            .outbox_row(&format!("prompt:7:{}:2027-01-18", pair.mentor.id))
            .unwrap()
            .unwrap();
        assert_eq!(prompt.state.as_str(), "suppressed");
        assert_eq!(
            prompt.last_error.as_deref(),
            Some("ann@acme.example is stopped")
        );
    }

    #[test]
    fn a_claimed_row_is_claimed_again_only_after_its_lease() {
        let (composer, pair, mut store) = setup();
        composer
            .enqueue_now(&mut store, &Email::Intro { pair: &pair }, now())
            .unwrap();
        let lease = chrono::Duration::minutes(5);
        assert_eq!(store.claim_outbound(now(), 10, lease).unwrap().len(), 1);
        assert_eq!(store.claim_outbound(now(), 10, lease).unwrap().len(), 0);
        let later = now() + chrono::Duration::minutes(6);
        let again = store.claim_outbound(later, 10, lease).unwrap();
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].attempts, 2);
    }

    #[test]
    fn with_a_dkim_key_every_email_carries_a_signature_over_its_headers() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("dkim.key"),
            "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=\n",
        )
        .unwrap();
        let mut config = tests_config();
        config.dkim = vec![crate::config::DkimSettings {
            selector: "upward".into(),
            domain: "acme.example".into(),
            algorithm: crate::config::DkimAlgorithm::Ed25519,
            key: crate::config::Secret::new("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY="),
        }];
        let config = Arc::new(config);
        let composer = Composer::with_key(
            Arc::clone(&config),
            Templates::builtin().unwrap(),
            TokenKey::new("k"),
        );
        let (_, pair, _) = setup();
        let c = composer
            .compose(&Email::Intro { pair: &pair }, now(), None)
            .unwrap();
        let text = String::from_utf8_lossy(&c.bytes);
        let sig = text
            .split("\r\n")
            .skip_while(|l| !l.starts_with("DKIM-Signature:"))
            .take_while(|l| {
                l.starts_with("DKIM-Signature:") || l.starts_with(' ') || l.starts_with('\t')
            })
            .collect::<String>();
        assert!(sig.contains("a=ed25519-sha256"), "{sig}");
        assert!(sig.contains("d=acme.example"), "{sig}");
        assert!(sig.contains("s=upward"), "{sig}");
        assert!(
            sig.to_lowercase().contains("list-unsubscribe"),
            "h= covers List-Unsubscribe: {sig}"
        );
        assert!(
            sig.to_lowercase().contains("list-unsubscribe-post"),
            "h= covers List-Unsubscribe-Post (RFC 8058 asks both to be signed): {sig}"
        );
        // Without [dkim] nothing is signed.
        let (plain, pair, _) = setup();
        let c = plain
            .compose(&Email::Intro { pair: &pair }, now(), None)
            .unwrap();
        assert!(!String::from_utf8_lossy(&c.bytes).contains("DKIM-Signature"));
    }

    #[test]
    fn every_sample_email_renders_with_the_built_in_templates() {
        let config = tests_config();
        let templates = Templates::builtin().unwrap();
        let key = TokenKey::new("k");
        for &kind in EmailKind::ALL {
            let c = preview(&config, &templates, &key, kind, None).unwrap();
            assert!(!c.bytes.is_empty(), "{kind}");
        }
    }
}
