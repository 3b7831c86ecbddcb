//! Owns what each scheduled job does when it is due: make a pairing round and queue its
//! introductions, queue reflection prompts, nudges, the HR digest, participants' digests and
//! the closing reflection. Every email goes into the outbox under its idempotency key, so a
//! job run twice for one occurrence (a restart, a duplicate fire) queues nothing new. Does not
//! decide when a job is due ([`super::jobs`] does) nor send anything (the outbox sender does).
//!
//! Who gets mail: a participant the store has as active, or paused with the pause over, and
//! not bouncing (the rule the outbox applies when it sends); nobody outside an active pair;
//! no prompt or nudge outside the program's start and end dates.
//!
//! SKIP, as the inbound side records it: an `events` row of kind `skip` whose `subject` is
//! the participant's address and whose `at` (RFC 3339, as [`Store::record_event`] writes it)
//! falls after the previous occurrence of their prompt schedule. That participant's next
//! prompt is then not sent; the one after it is.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use tracing::warn;

use super::cron;
use super::jobs::{Job, JobHandler, JobKind, When, program_start};
use super::round::{self, RoundError};
use crate::config::{Config, Participant, Role};
use crate::digest::{self, final_report, participant};
use crate::outbound::{Composer, Email, OutboundError, PairView, PersonView};
use crate::pairing::UnmatchedWhy;
use crate::program;
use crate::store::{Enqueued, PersonState, ScheduledPair, Store, StoreError};

/// Emails queued per unit of work: a failure keeps what was queued before it (the keys make
/// the retry skip those). The units of one job run commit together ([`super::jobs::tick`]
/// runs each job as one group commit), so this bounds what a failure undoes, not the syncs.
const CHUNK: usize = 200;
/// How far back the previous occurrence of a schedule is looked for (a monthly one, with room).
const CYCLE_HORIZON: Duration = Duration::days(62);

/// What can stop a job; the job is then retried at the next tick.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Outbound(#[from] OutboundError),
    #[error(transparent)]
    Round(#[from] RoundError),
}

/// The job handler of the daemon (and of `simulate`): queues each job's emails through a
/// [`Composer`].
#[derive(Debug, Clone)]
pub struct Handler {
    composer: Arc<Composer>,
}

/// The people and pairs one job run looks at.
pub(super) struct Roster<'c> {
    pub(super) people: HashMap<i64, PersonState>,
    pub(super) by_email: HashMap<&'c str, &'c Participant>,
    pub(super) pairs: Vec<ScheduledPair>,
    /// Each pair's current goals.
    goals: HashMap<i64, Vec<crate::store::Goal>>,
}

impl<'c> Roster<'c> {
    pub(super) fn load(config: &'c Config, store: &Store) -> Result<Roster<'c>, StoreError> {
        Ok(Roster {
            people: store.people()?.into_iter().map(|p| (p.id, p)).collect(),
            by_email: config
                .participants
                .iter()
                .map(|p| (p.email.as_str(), p))
                .collect(),
            pairs: store.scheduled_pairs()?,
            goals: store.current_goals()?,
        })
    }

    fn person(&self, id: i64) -> Option<(&PersonState, &'c Participant)> {
        let state = self.people.get(&id)?;
        let configured = self.by_email.get(state.email.to_lowercase().as_str())?;
        Some((state, configured))
    }

    /// The pair as an email needs it; `None` when someone in it is no longer in the config.
    pub(super) fn view(&self, pair: &ScheduledPair) -> Option<PairView> {
        let (_, mentor) = self.person(pair.mentor_id)?;
        let (_, mentee) = self.person(pair.mentee_id)?;
        Some(PairView {
            id: pair.id,
            round: pair.round,
            mentor: PersonView::from_participant(pair.mentor_id, mentor),
            mentee: PersonView::from_participant(pair.mentee_id, mentee),
            reasons: reasons(&pair.reasons),
            goals: self.goals.get(&pair.id).cloned().unwrap_or_default(),
        })
    }

    /// Whether either partner lives in `tz`.
    fn in_zone(&self, pair: &ScheduledPair, tz: Tz) -> bool {
        [pair.mentor_id, pair.mentee_id]
            .into_iter()
            .any(|id| self.person(id).is_some_and(|(_, p)| p.timezone == tz))
    }

    /// Whether the person is reachable now.
    fn reachable(&self, id: i64, now: DateTime<Utc>) -> bool {
        self.people.get(&id).is_some_and(|p| p.reachable(now))
    }

    /// Whether the person has paused or left (a bouncing address is not their choice).
    fn away(&self, id: i64, now: DateTime<Utc>) -> bool {
        self.people.get(&id).is_none_or(|p| {
            !PersonState {
                bouncing: false,
                ..p.clone()
            }
            .reachable(now)
        })
    }
}

/// The pairing's one-sentence reasons as the introduction lists them.
pub(super) fn reasons(sentence: &str) -> Vec<String> {
    sentence
        .split("; ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Counts of one run, for the log line.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) queued: usize,
    already: usize,
    /// Prompts not due yet, by reason: a new pair, prompted, reported, mail today, a round.
    not_yet: [usize; 5],
}

impl Tally {
    pub(super) fn not_yet(&mut self, why: program::NotYet) {
        let i = match why {
            program::NotYet::NewPair => 0,
            program::NotYet::Prompted => 1,
            program::NotYet::Reported => 2,
            program::NotYet::MailToday => 3,
            program::NotYet::RoundDay => 4,
        };
        self.not_yet[i] += 1;
    }

    fn not_yet_text(&self) -> String {
        let [new, prompted, reported, mailed, round] = self.not_yet;
        format!(
            "{new} new pairs, {prompted} asked within the cadence, {reported} pairs that reported, {mailed} with other mail today, {round} on a round day"
        )
    }

    /// The tally of one email.
    fn one(e: Enqueued) -> Tally {
        let mut tally = Tally::default();
        tally.add(e);
        tally
    }

    pub(super) fn add(&mut self, e: Enqueued) {
        match e {
            Enqueued::Queued { .. } => self.queued += 1,
            Enqueued::AlreadyQueued { .. } => self.already += 1,
        }
    }

    fn text(&self, what: &str) -> String {
        format!(
            "{} {what} queued ({} already queued)",
            self.queued, self.already
        )
    }
}

/// Queues the email of each of `items` in transactions of [`CHUNK`], each chunk composed on
/// every core (`Composer::enqueue_many`).
fn queue_chunked<'a, T>(
    composer: &Composer,
    store: &mut Store,
    items: &'a [T],
    email: impl Fn(&'a T) -> Email<'a>,
    now: DateTime<Utc>,
) -> Result<Tally, JobError> {
    let mut tally = Tally::default();
    for chunk in items.chunks(CHUNK) {
        let emails: Vec<Email<'a>> = chunk.iter().map(&email).collect();
        let results = store.write(|tx| composer.enqueue_many(tx, &emails, now))?;
        for r in results {
            tally.add(r);
        }
    }
    Ok(tally)
}

/// The occurrence of `job`'s schedule before `occurrence`, if it has a cron schedule.
fn previous(job: &Job, occurrence: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match &job.when {
        When::Cron { spec, tz } => {
            cron::latest_at_or_before(spec, *tz, occurrence - Duration::seconds(1), CYCLE_HORIZON)
        }
        When::At(times) => times.iter().copied().filter(|t| *t < occurrence).max(),
    }
}

impl Handler {
    /// A handler that composes with `composer` (and reads the config inside it).
    pub fn new(composer: Arc<Composer>) -> Handler {
        Handler { composer }
    }

    pub(super) fn config(&self) -> &Config {
        &self.composer.config
    }

    pub(super) fn composer(&self) -> &Composer {
        &self.composer
    }

    fn within_program(&self, day: NaiveDate) -> bool {
        let p = &self.config().program;
        p.start <= day && day <= p.end
    }

    /// A pairing round for `occurrence`, stored with the introductions of its pairs in one
    /// transaction.
    fn round(
        &self,
        store: &mut Store,
        occurrence: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, JobError> {
        let config = self.config();
        let reason = format!("scheduled round of {}", occurrence.to_rfc3339());
        if let Some(number) = store.round_with_reason(&reason)? {
            return Ok(format!("round {number} was already made for this date"));
        }
        // NOTE: a round HR stored with `upward pair` before the program starts is the first
        // round: it is introduced at the start, not replaced by another one.
        if occurrence <= program_start(config) && store.round_count()? > 0 {
            let roster = Roster::load(config, store)?;
            let views: Vec<PairView> = roster.pairs.iter().filter_map(|p| roster.view(p)).collect();
            let tally = queue_chunked(
                &self.composer,
                store,
                &views,
                |pair| Email::Intro { pair },
                now,
            )?;
            return Ok(format!(
                "the round made before the start is kept; {}",
                tally.text("introductions")
            ));
        }
        // NOTE: a rematch round keeps the pairs that work (`program::pair_continues`) and
        // pairs only those with room; the first round pairs everyone.
        let keep = if store.round_count()? == 0 {
            Vec::new()
        } else {
            self.pairs_going_on(store, now)?
        };
        let plan = if keep.is_empty() {
            round::plan(config, Some(store), now)?
        } else {
            let emails: Vec<(String, String)> = keep
                .iter()
                .map(|p| (p.mentor.clone(), p.mentee.clone()))
                .collect();
            round::plan_fill(config, store, &emails, now)?
        };
        let keep: Vec<i64> = keep.iter().map(|p| p.id).collect();
        if plan.pairing.pairs.is_empty() && keep.is_empty() {
            warn!(
                unmatched = plan.pairing.unmatched.len(),
                "no pair can be made, so no round was stored; run `upward pair --preview --explain` to see why"
            );
            return Ok("no pair can be made; the current pairs stay".into());
        }
        let stored = self.store_round(store, &reason, &plan, &keep, true, now)?;
        Ok(format!(
            "round {} with {} new pairs ({} pairs that met go on, {} earlier pairs ended, {} unmatched); {} introductions queued; {} notices to the unmatched queued",
            stored.created.number,
            stored.created.pair_ids.len(),
            keep.len(),
            stored.created.ended,
            plan.pairing.unmatched.len(),
            stored.introduced,
            stored.told
        ))
    }

    /// The active pairs that go on through a rematch round: they met since the previous
    /// round day and both partners can go on.
    fn pairs_going_on(
        &self,
        store: &Store,
        now: DateTime<Utc>,
    ) -> Result<Vec<ScheduledPair>, StoreError> {
        let config = self.config();
        let today = program::today(config, now);
        let since = program::rounds(config)
            .into_iter()
            .filter(|d| *d < today)
            .max()
            .unwrap_or(config.program.start);
        let met: std::collections::HashSet<i64> =
            store.pairs_met_since(since)?.into_iter().collect();
        let roster = Roster::load(config, store)?;
        Ok(roster
            .pairs
            .iter()
            .filter(|p| {
                let both = roster.reachable(p.mentor_id, now) && roster.reachable(p.mentee_id, now);
                let fixed = config.pairing.fixed.iter().any(|(m, e)| {
                    m.eq_ignore_ascii_case(&p.mentor) && e.eq_ignore_ascii_case(&p.mentee)
                });
                program::pair_continues(met.contains(&p.id), fixed, both)
            })
            .cloned()
            .collect())
    }

    /// Reflection prompts to the participants living in `tz`, by the program's cadence
    /// (`program::cadence`): at most one a person per cadence, about the partner asked about
    /// longest ago, not to a pair that reported within it, not on a day of other program
    /// mail.
    fn prompts(
        &self,
        store: &mut Store,
        tz: Tz,
        occurrence: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, JobError> {
        let config = self.config();
        let day = occurrence.with_timezone(&tz).date_naive();
        if !self.within_program(day) {
            return Ok(format!("{day} is outside the program's dates; no prompts"));
        }
        let every_days = i64::from(config.schedule.prompt_every_weeks) * 7;
        let roster = Roster::load(config, store)?;
        let local = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
        let mut last_prompt: HashMap<i64, DateTime<Utc>> = HashMap::new();
        let mut asked: HashMap<(i64, i64), NaiveDate> = HashMap::new();
        for p in store.past_prompts()? {
            last_prompt.insert(p.person, p.at);
            asked.insert((p.pair, p.person), local(p.at));
        }
        let reports = store.last_reports()?;
        let mailed = self.mailed_on(store, tz, day, occurrence)?;
        let round_day = program::rounds(config).contains(&day);
        let mut candidates: std::collections::BTreeMap<i64, Vec<(PairView, Role)>> =
            std::collections::BTreeMap::new();
        let mut held = Tally::default();
        let (mut skipped, mut away) = (0, 0);
        for pair in &roster.pairs {
            // The pairs with someone in `tz` only: the other zones have their own runs.
            if !roster.in_zone(pair, tz) {
                continue;
            }
            let Some(view) = roster.view(pair) else {
                continue;
            };
            let paired = pair.created().map_or(day, local);
            for (side, id, partner) in [
                (Role::Mentor, pair.mentor_id, pair.mentee_id),
                (Role::Mentee, pair.mentee_id, pair.mentor_id),
            ] {
                let person = view.person(side);
                if person.timezone != tz {
                    continue;
                }
                // NOTE: a pair on hold (the partner paused or left) gets no prompt: "how are
                // things going with X" would be the wrong question.
                if !roster.reachable(id, now) || roster.away(partner, now) {
                    away += 1;
                    continue;
                }
                let facts = program::PromptFacts {
                    today: day,
                    every_days,
                    paired,
                    last_prompt: last_prompt.get(&id).map(|t| local(*t)),
                    last_report: reports.get(&pair.id).map(|t| local(*t)),
                    mail_today: mailed.contains(&person.email.to_lowercase()),
                    round_day,
                };
                if let Err(why) = program::prompt_due(facts) {
                    held.not_yet(why);
                    continue;
                }
                // SKIP holds the next prompt after the person's last one.
                let since = last_prompt
                    .get(&id)
                    .copied()
                    .or(pair.created())
                    .unwrap_or_else(|| program_start(config));
                if store.skipped(&person.email, since, now)? {
                    store.use_skip(&person.email, now)?;
                    skipped += 1;
                    continue;
                }
                candidates.entry(id).or_default().push((view.clone(), side));
            }
        }
        // NOTE: one prompt a person, about every partner of theirs it is due for: its reply
        // address is the pair asked about longest ago, and each other partner has their own.
        let mut due: Vec<(PairView, Role, Vec<PairView>)> = Vec::new();
        for (person, pairs) in candidates {
            let order: Vec<(i64, Option<NaiveDate>)> = pairs
                .iter()
                .map(|(p, _)| (p.id, asked.get(&(p.id, person)).copied()))
                .collect();
            let Some(chosen) = program::first_to_ask(&order) else {
                continue;
            };
            let (first, others): (Vec<_>, Vec<_>) =
                pairs.into_iter().partition(|(p, _)| p.id == chosen);
            if let Some((pair, side)) = first.into_iter().next() {
                due.push((pair, side, others.into_iter().map(|(p, _)| p).collect()));
            }
        }
        let tally = queue_chunked(
            &self.composer,
            store,
            &due,
            |(pair, side, also)| Email::Prompt {
                pair,
                to: *side,
                occurrence: day,
                also,
            },
            now,
        )?;
        Ok(format!(
            "{}; {skipped} skipped on request, {away} paused or stopped; not yet: {}",
            tally.text("prompts"),
            held.not_yet_text()
        ))
    }

    /// The addresses (lowercase) that got program mail on `day` in `tz`, as
    /// `program::counts_as_program_mail` counts it.
    fn mailed_on(
        &self,
        store: &Store,
        tz: Tz,
        day: NaiveDate,
        occurrence: DateTime<Utc>,
    ) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut out = std::collections::HashSet::new();
        for mail in store.mail_since(occurrence - Duration::days(2))? {
            if program::counts_as_program_mail(mail.kind)
                && mail.at.with_timezone(&tz).date_naive() == day
            {
                out.extend(mail.recipients);
            }
        }
        Ok(out)
    }

    /// One nudge per silence to pairs out of touch for `nudge_after_days`.
    fn nudges(
        &self,
        store: &mut Store,
        occurrence: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, JobError> {
        let config = self.config();
        let tz = config.program.timezone;
        let today = occurrence.with_timezone(&tz).date_naive();
        if !self.within_program(today) {
            return Ok(format!("{today} is outside the program's dates; no nudges"));
        }
        let threshold = program::nudge_after(
            config.schedule.nudge_after_days,
            i64::from(config.schedule.prompt_every_weeks) * 7,
        );
        let roster = Roster::load(config, store)?;
        let mailed = self.mailed_on(store, tz, today, occurrence)?;
        let mut due: Vec<(PairView, u32, NaiveDate)> = Vec::new();
        for pair in &roster.pairs {
            if !roster.reachable(pair.mentor_id, now) || !roster.reachable(pair.mentee_id, now) {
                continue;
            }
            // NOTE: a nudge waits for a day without other program mail to either partner.
            if mailed.contains(&pair.mentor.to_lowercase())
                || mailed.contains(&pair.mentee.to_lowercase())
            {
                continue;
            }
            let since = pair
                .last_contact
                .or_else(|| pair.created().map(|t| t.with_timezone(&tz).date_naive()));
            let Some(since) = since else { continue };
            let days = (today - since).num_days();
            if days < threshold {
                continue;
            }
            if let Some(view) = roster.view(pair) {
                // NOTE: keyed by the day the silence began, so one silence gets one nudge
                // however long it lasts; contact starts a new silence and a new key.
                due.push((view, u32::try_from(days).unwrap_or(u32::MAX), since));
            }
        }
        let tally = queue_chunked(
            &self.composer,
            store,
            &due,
            |(pair, days, since)| Email::Nudge {
                pair,
                days: *days,
                on: *since,
            },
            now,
        )?;
        Ok(tally.text("nudges"))
    }

    /// The HR digest of the week before the occurrence.
    fn hr_digest(
        &self,
        store: &mut Store,
        occurrence: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, JobError> {
        let config = self.config();
        let day = occurrence
            .with_timezone(&config.program.timezone)
            .date_naive();
        if !program::hr_digest_goes(config.program.start, config.program.end, day) {
            return Ok(if day > config.program.end {
                "the program is over; no periodic digest".into()
            } else {
                "the program has not started; no digest".into()
            });
        }
        let figures = digest::weekly(config, store, occurrence)?;
        let queued = store.write(|tx| self.composer.enqueue_hr_digest(tx, &figures, now))?;
        Ok(Tally::one(queued).text("HR digests"))
    }

    /// Each participant living in `tz` gets their own figures since the previous occurrence.
    fn participant_digests(
        &self,
        store: &mut Store,
        job: &Job,
        tz: Tz,
        occurrence: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, JobError> {
        let config = self.config();
        let day = occurrence.with_timezone(&tz).date_naive();
        let to = day - Duration::days(1);
        let from = previous(job, occurrence)
            .map_or(day - Duration::days(30), |t| {
                t.with_timezone(&tz).date_naive()
            })
            .max(config.program.start);
        if to < config.program.start || day > config.program.end {
            return Ok("outside the program's dates; no participant digests".into());
        }
        let roster = Roster::load(config, store)?;
        let mut in_pairs: Vec<i64> = roster
            .pairs
            .iter()
            .flat_map(|p| [p.mentor_id, p.mentee_id])
            .collect();
        in_pairs.sort_unstable();
        in_pairs.dedup();
        let mut due = Vec::new();
        for id in in_pairs {
            let Some((state, configured)) = roster.person(id) else {
                continue;
            };
            if configured.timezone != tz || !state.reachable(now) {
                continue;
            }
            let figures =
                participant::figures(&config.program.name, store, id, &configured.name, from, to)?;
            due.push((PersonView::from_participant(id, configured), figures));
        }
        let tally = queue_chunked(
            &self.composer,
            store,
            &due,
            |(person, digest)| Email::ParticipantDigest { person, digest },
            now,
        )?;
        Ok(tally.text("participant digests"))
    }

    /// The closing reflection to every reachable participant of an active pair: one email
    /// a person, about each of their partners.
    fn closing(&self, store: &mut Store, now: DateTime<Utc>) -> Result<String, JobError> {
        let roster = Roster::load(self.config(), store)?;
        let mut by_person: std::collections::BTreeMap<i64, (Role, Vec<PairView>)> =
            std::collections::BTreeMap::new();
        for pair in &roster.pairs {
            let Some(view) = roster.view(pair) else {
                continue;
            };
            for (side, id) in [
                (Role::Mentor, pair.mentor_id),
                (Role::Mentee, pair.mentee_id),
            ] {
                if roster.reachable(id, now) {
                    by_person
                        .entry(id)
                        .or_insert_with(|| (side, Vec::new()))
                        .1
                        .push(view.clone());
                }
            }
        }
        let due: Vec<(PairView, Role, Vec<PairView>)> = by_person
            .into_values()
            .filter_map(|(side, pairs)| {
                // NOTE: the first pair (by id) is the email's key and reply address.
                let mut pairs = pairs.into_iter();
                let first = pairs.next()?;
                Some((first, side, pairs.collect()))
            })
            .collect();
        let tally = queue_chunked(
            &self.composer,
            store,
            &due,
            |(pair, side, also)| Email::Closing {
                pair,
                to: *side,
                also,
            },
            now,
        )?;
        Ok(tally.text("closing reflections"))
    }
}

impl Handler {
    /// Two weeks before the end: one email to each person still taking part, naming their
    /// partners, so the last meetings can still be planned.
    fn ending_soon(&self, store: &mut Store, now: DateTime<Utc>) -> Result<String, JobError> {
        let roster = Roster::load(self.config(), store)?;
        let mut partners: std::collections::BTreeMap<i64, (PersonView, Vec<String>)> =
            std::collections::BTreeMap::new();
        for pair in &roster.pairs {
            let Some(view) = roster.view(pair) else {
                continue;
            };
            for side in [Role::Mentor, Role::Mentee] {
                let person = view.person(side);
                if roster.reachable(person.id, now) {
                    partners
                        .entry(person.id)
                        .or_insert_with(|| (person.clone(), Vec::new()))
                        .1
                        .push(view.person(side.other()).name.clone());
                }
            }
        }
        let due: Vec<(PersonView, Vec<String>)> = partners.into_values().collect();
        let tally = queue_chunked(
            &self.composer,
            store,
            &due,
            |(person, names)| Email::EndingSoon {
                person,
                partners: names,
            },
            now,
        )?;
        Ok(tally.text("notices that the end is near"))
    }

    /// The final report to the coordinator (as the HR digest: `[program] coordinator`, in the
    /// templates' words), once per program: its key is `final-report:END`, so a second fire
    /// or a restart queues nothing new. Never before the end date.
    fn final_report(
        &self,
        store: &mut Store,
        occurrence: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, JobError> {
        let config = self.config();
        let day = program::today(config, occurrence);
        if day < config.program.end {
            return Ok(format!(
                "the program ends on {}; no final report yet",
                config.program.end
            ));
        }
        let report = final_report::figures(config, store, day, true)?;
        let queued = store.write(|tx| self.composer.enqueue_final_report(tx, &report, now))?;
        Ok(Tally::one(queued).text("final reports"))
    }
}

impl JobHandler for Handler {
    fn run(
        &mut self,
        store: &mut Store,
        job: &Job,
        occurrence: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, JobError> {
        match &job.kind {
            JobKind::Round => self.round(store, occurrence, now),
            JobKind::Prompts { tz } => self.prompts(store, *tz, occurrence, now),
            JobKind::Nudges => self.nudges(store, occurrence, now),
            JobKind::HrDigest => self.hr_digest(store, occurrence, now),
            JobKind::ParticipantDigest { tz } => {
                self.participant_digests(store, job, *tz, occurrence, now)
            }
            JobKind::Closing => self.closing(store, now),
            JobKind::EndingSoon => self.ending_soon(store, now),
            JobKind::FinalReport => self.final_report(store, occurrence, now),
        }
    }
}

/// What a participant is told of why a round left them alone (never who else was free).
pub(super) fn alone_why(why: &UnmatchedWhy) -> program::Alone {
    match why {
        UnmatchedWhy::NoCandidates => program::Alone::NobodyFree,
        UnmatchedWhy::NoEligible { .. } => program::Alone::NobodyFits,
        UnmatchedWhy::PartnersTaken { .. } => program::Alone::PartnersTaken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pairing_sentence_becomes_the_introductions_list() {
        assert_eq!(
            reasons("A can teach B: ai tools; different departments; "),
            vec!["A can teach B: ai tools", "different departments"]
        );
        assert!(reasons("").is_empty());
    }

    /// The introduction translates each reason by reading the pairing's English parts back
    /// (`outbound::reasons`): every part `Why::text` writes must be one it knows.
    #[test]
    fn every_part_of_the_pairing_sentence_is_one_the_introduction_translates() {
        let full = crate::pairing::Why {
            mentor_teaches: vec!["social media".into(), "ai tools".into()],
            mentee_teaches: vec!["career path".into()],
            overlap_minutes: Some(210),
            different_departments: true,
        };
        let none = crate::pairing::Why {
            mentor_teaches: vec![],
            mentee_teaches: vec![],
            overlap_minutes: Some(0),
            different_departments: false,
        };
        for sentence in [
            format!("fixed by HR; {}", full.text("Priya Raman", "Tom Okafor")),
            none.text("A", "B"),
        ] {
            let read = crate::outbound::reasons::reasons_ctx(&reasons(&sentence));
            assert!(read.len() >= 2, "{sentence}");
            let unknown: Vec<_> = read.iter().filter(|r| r.id.is_none()).collect();
            assert!(unknown.is_empty(), "{sentence}: {unknown:?}");
        }
    }
}
