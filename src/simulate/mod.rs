//! Owns `upward simulate`: the configured program run through the real engine (pairing,
//! the scheduler's jobs, the outbox written to an mbox file a week, the inbound pipeline, the
//! digest) on a virtual clock, with synthetic participants' replies. Every email lands in the
//! output folder; the result is the final HR digest and counts a test can check against
//! what the synthetic replies imply. Deterministic for a seed.
//!
//! Besides the participants' replies (`replies`), two outsiders write JOIN and a simulated
//! coordinator answers their `join_request` emails through the reply address (`join`);
//! an approval is taken up as the daemon's reload takes it up: the approved person is
//! added to the participants and paired by the newcomers' fill, so the run also has a
//! person added mid-program.

pub mod join;
pub mod mbox;
pub mod replies;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Offset, TimeZone, Utc};
use mail_parser::MessageParser;

use crate::config::Config;
use crate::digest;
use crate::inbound::process::{Incoming, Ingest, IngestError, Outcome};
use crate::outbound::OutboundError;
use crate::outbound::outbox::Composer;
use crate::schedule::handler::{Handler, JobError};
use crate::schedule::jobs;
use crate::store::{Delivery, OutboxEntry, Store, StoreError};
use crate::vocab::EmailKind;
use mbox::Mbox;
use replies::{Persona, Prompted, Reply, Rng, goals_reply, outcomes_reply, personas, reply};

/// Why a simulation cannot run or stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The output folder holds files already.
    #[error("the output folder {} is not empty; give a new folder with --out", path.display())]
    NotEmpty { path: PathBuf },
    #[error("reading {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("creating {}", path.display())]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A week's mbox file cannot be written.
    #[error("writing the email {message_id} into {}", path.display())]
    Write {
        message_id: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The composer or the inbound pipeline cannot be set up (templates, key).
    #[error(transparent)]
    Outbound(#[from] OutboundError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// Pairing the people approved by email failed.
    #[error(transparent)]
    Fill(#[from] JobError),
}

/// What to simulate.
#[derive(Debug, Clone)]
pub struct Options {
    pub weeks: u32,
    pub seed: u64,
    /// An empty (or new) folder: `outbox/week-NN.mbox`, `upward.db`.
    pub out: PathBuf,
}

/// What happened, for the report and for tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Emails written, by kind (intro, prompt, confirmation, …).
    pub emails: BTreeMap<String, usize>,
    /// Synthetic messages fed to the inbound pipeline, by what they were.
    pub replies_sent: usize,
    pub replies_met: usize,
    pub replies_not_met: usize,
    pub auto_replies: usize,
    pub bounces: usize,
    pub stops: usize,
    /// Missed meetings reported with the side that cancelled named (the canceller and
    /// their partner).
    pub cancellations: usize,
    /// Answers to an introduction with goals, and to the closing with how far pairs got.
    pub goal_replies: usize,
    pub outcome_replies: usize,
    /// JOINs written by outsiders, and the coordinator's answers to their requests.
    pub joins: usize,
    pub join_answers: usize,
    /// Messages generated that would arrive after the simulated period (not processed).
    pub pending_at_end: usize,
    /// Outcomes of the inbound pipeline, by kind.
    pub inbound: BTreeMap<String, usize>,
    /// What the store holds at the end.
    pub sessions: i64,
    pub feedback_met: i64,
    /// The final HR digest, as text.
    pub digest: String,
}

/// Rows claimed from the outbox at a time; their outcomes commit together.
const DELIVERY_BATCH: usize = 500;

/// Simulated days committed as one group (benches/README.md: a group a day wrote 5.7 times
/// the bytes of the emails at 1,000 people, a group a week with rarer checkpoints 4.0).
const GROUP_DAYS: u64 = 7;

/// The write-ahead log's pages before a checkpoint (80 MiB; SQLite's default is 1,000): a
/// page of an index on random keys that many groups change is copied into the database
/// once per checkpoint.
const CHECKPOINT_PAGES: u32 = 20_000;

/// SQLite's page cache of the simulation's store, in KiB: the daemon's 8 MiB suits a
/// steady flow of replies; a whole program of 10,000 people was measured with 32.
const CACHE_KIB: u32 = 32 * 1024;

/// How often the simulated mailbox is read: mail that arrived within one such step is read
/// as one batch, as a reader that finds several messages waiting does.
const PICKUP: Duration = Duration::minutes(15);

/// A message waiting to arrive.
struct Pending {
    at: DateTime<Utc>,
    raw: Vec<u8>,
}

fn header_text(raw: &[u8], name: &str) -> Option<String> {
    let msg = MessageParser::default().parse_headers(raw)?;
    msg.header_raw(name).map(|v| v.trim().to_string())
}

/// The bare address of a header value such as `Name <a@b>`.
fn address_of(value: &str) -> String {
    match (value.rfind('<'), value.rfind('>')) {
        (Some(open), Some(close)) if open < close => value[open + 1..close].to_string(),
        _ => value.trim().to_string(),
    }
}

/// The text of an email as its reader sees it.
fn body_text(raw: &[u8]) -> String {
    MessageParser::default()
        .parse(raw)
        .and_then(|m| m.body_text(0).map(|t| t.into_owned()))
        .unwrap_or_default()
}

/// How many of the goals the simulation's mentors set an email lists.
fn goals_listed(raw: &[u8]) -> usize {
    let text = body_text(raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    replies::GOALS.iter().filter(|g| text.contains(*g)).count()
}

/// The simulated coordinator's answer to the `join_request` email `entry` (delivered at
/// `sent`), read as a real coordinator reads it: which outsider it is about from its text,
/// and the answer written two hours later to its Reply-To (the request's signed token).
fn coordinator_answers(
    entry: &OutboxEntry,
    coordinator: &str,
    sent: DateTime<Utc>,
    id: u64,
) -> Option<Vec<u8>> {
    let outsider = join::about(&body_text(&entry.bytes))?;
    let reply_to = address_of(&header_text(&entry.bytes, "Reply-To")?);
    let subject = header_text(&entry.bytes, "Subject")?;
    Some(join::answer(
        outsider,
        coordinator,
        &reply_to,
        &entry.message_id,
        &subject,
        sent + Duration::hours(2),
        id,
    ))
}

/// A bounce report (RFC 3464) for a message to `rcpt` that the recipient's server refused.
fn dsn(entry_from: &str, rcpt: &str, message_id: &str, at: DateTime<Utc>, n: u64) -> Vec<u8> {
    format!(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\nTo: <{entry_from}>\r\nSubject: Undelivered Mail Returned to Sender\r\nDate: {}\r\nMessage-ID: <dsn.{n:016x}@mx.example>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"dsn{n}\"\r\n\r\n--dsn{n}\r\nContent-Type: text/plain\r\n\r\n<{rcpt}>: host mx.example said: 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown\r\n\r\n--dsn{n}\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; {rcpt}\r\nOriginal-Recipient: rfc822; {rcpt}\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n--dsn{n}\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {message_id}\r\nTo: {rcpt}\r\n\r\n--dsn{n}--\r\n",
        at.to_rfc2822()
    )
    .into_bytes()
}

/// Runs the simulation; `progress` hears the simulated days done and the days in all as the
/// clock moves.
///
/// # Errors
/// An unusable output folder, or a failure of the engine (which a real run would log).
pub fn run(
    config: &Config,
    opts: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary, Error> {
    prepare_out(&opts.out)?;
    let mut config = config.clone();
    config.store.path = opts.out.join("upward.db");
    config.outbox.dir = opts.out.join("outbox");
    config.smtp = None;
    create_dir(&config.outbox.dir)?;
    let mut engine = Engine::new(Arc::new(config))?;
    let config = Arc::clone(&engine.config);

    let start = jobs::program_start(&config) - Duration::minutes(1);
    let end = start + Duration::weeks(i64::from(opts.weeks));
    let mut store = Store::open(&config.store.path)?;
    store.set_checkpoint_pages(CHECKPOINT_PAGES)?;
    store.set_cache_kib(CACHE_KIB)?;
    store.sync_participants(&config.participants, start)?;
    let program_start = jobs::program_start(&config);
    let mut sent = Mbox::new(config.outbox.dir.clone());

    let mut rng = Rng::new(opts.seed);
    let mut people: Vec<&crate::config::Participant> = config.participants.iter().collect();
    people.sort_by(|a, b| a.email.cmp(&b.email));
    let roles = personas(people.len(), &mut rng);
    let mut persona: HashMap<String, Persona> = people
        .iter()
        .zip(roles)
        .map(|(p, r)| (p.email.clone(), r))
        .collect();
    // The canceller's first partner, and the canceller's first name they give.
    let mut partner_name: HashMap<String, String> = HashMap::new();
    let mut canceller_introduced = false;
    let mut prompts_seen: HashMap<String, u32> = HashMap::new();
    let mut answers_sent: Vec<(OutboxEntry, DateTime<Utc>)> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut summary = Summary::default();
    let mut now = start;

    let program_address = config.program.from.email.clone();
    for (outsider, at) in join::OUTSIDERS
        .iter()
        .zip(join::join_times(program_start))
        .filter(|(_, at)| *at <= end)
    {
        pending.push(Pending {
            at,
            raw: join::join_mail(outsider, &program_address, at, rng.next_u64()),
        });
        summary.joins += 1;
        summary.replies_sent += 1;
    }

    let days = u64::try_from((end - start).num_days()).unwrap_or(0);
    let mut shown = u64::MAX;
    loop {
        let day = u64::try_from((now - start).num_days()).unwrap_or(0);
        if day != shown {
            // NOTE: one group commit a simulated week (`Store::group`): every job, claim,
            // delivery and batch of replies of the week is a savepoint of one transaction,
            // with one sync to disk, instead of a commit (and a sync) each. The mbox files
            // are a preview written as the days go; should the run stop, the week's rows are
            // lost with the folder, which the next run does not reuse.
            if shown == u64::MAX || day / GROUP_DAYS != shown / GROUP_DAYS {
                flush(&mut sent, &config.outbox.dir)?;
                store.commit_group()?;
                store.begin_group()?;
            }
            progress(day, days);
            shown = day;
        }
        jobs::tick(
            &engine.jobs,
            program_start,
            &mut store,
            &mut engine.handler,
            now,
        )?;
        // What went out since the last step: the answers the last replies caused (sent
        // then), and what the jobs sent now.
        let mut delivered = std::mem::take(&mut answers_sent);
        delivered.extend(
            deliver(&mut sent, day / 7, &mut store, now, &mut summary)?
                .into_iter()
                .map(|e| (e, now)),
        );
        for (entry, to, sent) in delivered
            .iter()
            .flat_map(|(e, sent)| e.recipients.iter().map(move |to| (e, to.as_str(), *sent)))
        {
            if entry.kind == EmailKind::JoinConfirm
                && let Some(outsider) = join::outsider(to)
                && let Some(reply_to) = header_text(&entry.bytes, "Reply-To")
            {
                pending.push(Pending {
                    at: sent + Duration::minutes(20),
                    raw: join::confirm(
                        outsider,
                        to,
                        &address_of(&reply_to),
                        &entry.message_id,
                        sent + Duration::minutes(20),
                        rng.next_u64(),
                    ),
                });
                summary.replies_sent += 1;
                continue;
            }
            if entry.kind == EmailKind::JoinRequest && to == config.program.coordinator {
                if let Some(raw) = coordinator_answers(entry, to, sent, rng.next_u64()) {
                    pending.push(Pending {
                        at: sent + Duration::hours(2),
                        raw,
                    });
                    summary.join_answers += 1;
                    summary.replies_sent += 1;
                }
                continue;
            }
            let Some(kind) = persona.get(to).copied() else {
                continue;
            };
            if kind == Persona::Bouncing {
                pending.push(Pending {
                    at: sent + Duration::minutes(2),
                    raw: dsn(
                        &entry.envelope_from,
                        to,
                        &entry.message_id,
                        sent,
                        rng.next_u64(),
                    ),
                });
                summary.bounces += 1;
                continue;
            }
            if entry.kind == EmailKind::Intro && kind == Persona::Canceller && !canceller_introduced
            {
                canceller_introduced = true;
                let first = config
                    .participant(to)
                    .and_then(|p| p.name.split_whitespace().next())
                    .unwrap_or("My partner")
                    .to_string();
                for other in entry.recipients.iter().filter(|r| r.as_str() != to) {
                    if persona.get(other).is_some_and(|p| !p.is_special()) {
                        persona.insert(other.clone(), Persona::PartnerOfCanceller);
                        partner_name.insert(other.clone(), first.clone());
                    }
                }
            }
            let Some(p) = engine.participant(to) else {
                continue;
            };
            let mentor = p.role == crate::config::Role::Mentor;
            let answers = match entry.kind {
                EmailKind::Prompt => true,
                EmailKind::Intro => kind == Persona::OutOfOffice || kind.sets_goals(mentor),
                EmailKind::Closing => kind.sets_goals(mentor),
                _ => false,
            };
            if !answers {
                continue;
            }
            let raw = &entry.bytes;
            let (Some(reply_to), Some(subject), Some(from)) = (
                header_text(raw, "Reply-To"),
                header_text(raw, "Subject"),
                header_text(raw, "From"),
            ) else {
                continue;
            };
            let round = prompts_seen.entry(to.to_string()).or_default();
            let topics: Vec<String> = p.offers.iter().chain(p.wants.iter()).cloned().collect();
            let offset = p.timezone.offset_from_utc_datetime(&sent.naive_utc()).fix();
            let prompted = Prompted {
                from_email: &p.email,
                from_name: &p.name,
                partner: partner_name.get(to).map_or("my partner", String::as_str),
                reply_to: reply_to.trim_matches(['<', '>']),
                program_from: &from,
                message_id: &entry.message_id,
                subject: &subject,
                sent,
                offset,
                topics: &topics,
            };
            let made = match entry.kind {
                EmailKind::Intro if kind != Persona::OutOfOffice => {
                    summary.goal_replies += 1;
                    Some(goals_reply(&prompted, &mut rng).0)
                }
                EmailKind::Closing => {
                    // The closing lists the pair's goals: answer for each of them.
                    let set = goals_listed(raw);
                    (set > 0).then(|| {
                        summary.outcome_replies += 1;
                        outcomes_reply(&prompted, set, &mut rng)
                    })
                }
                _ => reply(kind, &prompted, *round, &mut rng).inspect(|r| {
                    match (kind, r.met) {
                        (Persona::OutOfOffice, _) => summary.auto_replies += 1,
                        (Persona::Stopper, _) => summary.stops += 1,
                        (_, Some(true)) => summary.replies_met += 1,
                        (_, _) => summary.replies_not_met += 1,
                    }
                    if matches!(kind, Persona::Canceller | Persona::PartnerOfCanceller)
                        && *round < 2
                    {
                        summary.cancellations += 1;
                    }
                }),
            };
            if let Some(Reply { at, raw, .. }) = made {
                summary.replies_sent += 1;
                pending.push(Pending { at, raw });
            }
            if entry.kind == EmailKind::Prompt {
                *round += 1;
            }
        }
        // Messages that have arrived by now, in order of arrival, read as one batch: one
        // transaction logs them all, the way the reader commits what it found waiting.
        pending.sort_by_key(|p| p.at);
        let due: Vec<Incoming> = {
            let split = pending.partition_point(|p| p.at <= now);
            pending
                .drain(..split)
                .map(|p| Incoming::new(p.raw, "simulate"))
                .collect()
        };
        if !due.is_empty() {
            let outcomes = engine.ingest.process(&mut store, &due, now)?;
            for outcome in outcomes {
                let kind = match outcome {
                    Outcome::Processed { kind, .. } => kind.to_string(),
                    Outcome::Duplicate => "duplicate".to_string(),
                    Outcome::Quarantined { .. } => "quarantined".to_string(),
                    Outcome::Refused { .. } => "refused".to_string(),
                    Outcome::Dropped { .. } => "dropped".to_string(),
                    Outcome::Retry { .. } => "retry".to_string(),
                };
                *summary.inbound.entry(kind).or_default() += 1;
            }
            // An approval wakes the daemon, whose reload adds the approved people to the
            // program and pairs them: the same here, with the same engine. Only the
            // coordinator's answers approve anyone.
            if summary.join_answers > 0 {
                for email in engine.take_up_joiners(&mut store, now)? {
                    persona.entry(email).or_insert(Persona::Form);
                }
            }
        }
        // Confirmations and answers the replies caused go out at once; those a persona
        // answers are answered at the next step.
        let day = u64::try_from((now - start).num_days()).unwrap_or(0);
        answers_sent = deliver(&mut sent, day / 7, &mut store, now, &mut summary)?
            .into_iter()
            .map(|e| (e, now))
            .collect();
        let next = [
            jobs::next_due(&engine.jobs, now),
            pending.first().map(|p| pickup(p.at)),
        ]
        .into_iter()
        .flatten()
        .min();
        match next {
            Some(t) if t <= end => now = t.max(now + Duration::seconds(1)),
            _ => break,
        }
    }

    flush(&mut sent, &config.outbox.dir)?;
    store.commit_group()?;
    progress(days, days);
    summary.pending_at_end = pending.len();
    let (sessions, feedback_met) = store.simulation_counts()?;
    summary.sessions = sessions;
    summary.feedback_met = feedback_met;
    let to = end.with_timezone(&config.program.timezone).date_naive();
    let figures = digest::figures(&engine.config, &store, to - Duration::days(6), to)?;
    summary.digest = digest::render_text(&figures);
    Ok(summary)
}

/// The parts of the engine built from the config, rebuilt when people join mid-program
/// (as the daemon's reload rebuilds them).
struct Engine {
    config: Arc<Config>,
    handler: Handler,
    ingest: Ingest,
    jobs: Vec<jobs::Job>,
    /// Each participant's place in the config by address (lowercase): every email
    /// delivered looks its recipients up, and `Config::participant` reads the list through.
    people: HashMap<String, usize>,
}

impl Engine {
    fn new(config: Arc<Config>) -> Result<Engine, Error> {
        Ok(Engine {
            handler: Handler::new(Arc::new(Composer::new(Arc::clone(&config))?)),
            ingest: Ingest::new(Arc::clone(&config))?,
            jobs: jobs::jobs(&config),
            people: config
                .participants
                .iter()
                .enumerate()
                .map(|(i, p)| (p.email.to_lowercase(), i))
                .collect(),
            config,
        })
    }

    /// The participant with this address, as `Config::participant` finds them.
    fn participant(&self, email: &str) -> Option<&crate::config::Participant> {
        let i = match self.people.get(email) {
            Some(i) => *i,
            None => *self.people.get(&email.to_lowercase())?,
        };
        self.config.participants.get(i)
    }

    /// Adds the people the coordinator approved by email who are not participants yet,
    /// writes them into the store and pairs them when the program's rule says so (the
    /// daemon's `add_joiners` and `fill_newcomers`); returns their addresses.
    fn take_up_joiners(
        &mut self,
        store: &mut Store,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, Error> {
        let approved = store.approved_joiners(self.config.program.person_defaults())?;
        let new: Vec<String> = approved
            .iter()
            .filter(|p| self.config.participant(&p.email).is_none())
            .map(|p| p.email.clone())
            .collect();
        if new.is_empty() {
            return Ok(new);
        }
        let mut config = (*self.config).clone();
        config.add_joiners(approved);
        *self = Engine::new(Arc::new(config))?;
        let config = &self.config;
        store.sync_participants(&config.participants, now)?;
        if crate::program::pair_newcomers_now(
            store.round_count()? > 0,
            crate::program::today(config, now),
            config.program.end,
            config.pairing.no_round_in_last_weeks,
        ) {
            self.handler.fill(store, now)?;
        }
        Ok(new)
    }
}

/// Writes every due outbox row into the mbox file of the simulated week `week` and records
/// each sent, a claim of up to [`DELIVERY_BATCH`] rows at a time with one commit for its
/// outcomes (the sender's group commit); returns the rows written.
// NOTE: the mbox files of a simulation are a preview, not a delivery: they are written
// without an fsync (at 10,000 people an fsync an email alone took minutes). Should the
// simulation stop half-way, its folder is incomplete and the next run asks for a new one.
fn deliver(
    sent: &mut Mbox,
    week: u64,
    store: &mut Store,
    now: DateTime<Utc>,
    summary: &mut Summary,
) -> Result<Vec<OutboxEntry>, Error> {
    let mut written = Vec::new();
    loop {
        let batch = store.claim_outbound(now, DELIVERY_BATCH, Duration::minutes(15))?;
        if batch.is_empty() {
            return Ok(written);
        }
        let mut outcomes = Vec::with_capacity(batch.len());
        for entry in batch {
            sent.append(week, &entry.envelope_from, now, &entry.bytes)
                .map_err(|source| Error::Write {
                    message_id: entry.message_id.clone(),
                    path: sent.path(week),
                    source,
                })?;
            outcomes.push((
                entry.id,
                Delivery::Sent {
                    rejected: Vec::new(),
                },
                now,
            ));
            *summary
                .emails
                .entry(entry.kind.as_str().to_string())
                .or_default() += 1;
            written.push(entry);
        }
        store.record_deliveries(&outcomes)?;
        // NOTE: the mbox files are the simulation's copy of what was sent; the rows stay
        // for the digest and the counts (benches/README.md: this is what keeps the bytes
        // written near the bytes of the emails).
        let ids: Vec<i64> = outcomes.iter().map(|(id, _, _)| *id).collect();
        store.drop_sent_bodies(&ids)?;
    }
}

/// Writes out the mbox file being written, before the week's rows commit.
fn flush(sent: &mut Mbox, dir: &Path) -> Result<(), Error> {
    sent.flush().map_err(|source| Error::Create {
        path: dir.to_path_buf(),
        source,
    })
}

/// When a message that arrived at `at` is read: at the next [`PICKUP`] boundary, so that
/// what arrives close together is read, logged and answered in one batch.
fn pickup(at: DateTime<Utc>) -> DateTime<Utc> {
    let step = PICKUP.num_seconds();
    let secs = at.timestamp();
    let up = secs + (step - secs.rem_euclid(step)) % step;
    DateTime::from_timestamp(up, 0).unwrap_or(at)
}

/// The output folder must be new or empty: a simulation never mixes with other files.
fn prepare_out(out: &Path) -> Result<(), Error> {
    if out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(|source| Error::Read {
            path: out.to_path_buf(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(Error::NotEmpty {
                path: out.to_path_buf(),
            });
        }
    }
    create_dir(out)
}

fn create_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Create {
        path: dir.to_path_buf(),
        source,
    })
}

/// The summary as `upward simulate` prints it, before the digest.
pub fn render(summary: &Summary, opts: &Options) -> String {
    let mut s = String::new();
    let emails: usize = summary.emails.values().sum();
    s.push_str(&format!(
        "simulated {} weeks (seed {}): {emails} emails written to {} (an mbox file a week: week-01.mbox, …)\n",
        opts.weeks,
        opts.seed,
        opts.out.join("outbox").display()
    ));
    for (kind, n) in &summary.emails {
        s.push_str(&format!("  {kind}: {n}\n"));
    }
    s.push_str(&format!(
        "synthetic replies: {} ({} met, {} did not meet, {} STOP, {} out-of-office); bounces: {}; still in transit at the end: {}\n",
        summary.replies_sent,
        summary.replies_met,
        summary.replies_not_met,
        summary.stops,
        summary.auto_replies,
        summary.bounces,
        summary.pending_at_end
    ));
    s.push_str(&format!(
        "personas: {} answers to an introduction with goals, {} answers to the closing with how far the pair got, {} reports naming who cancelled; JOIN: {} written, {} answered by the coordinator\n",
        summary.goal_replies,
        summary.outcome_replies,
        summary.cancellations,
        summary.joins,
        summary.join_answers
    ));
    let inbound: Vec<String> = summary
        .inbound
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    s.push_str(&format!("inbound: {}\n", inbound.join(", ")));
    s.push_str(&format!(
        "logged: {} sessions, {} reports of a meeting\n\n",
        summary.sessions, summary.feedback_met
    ));
    s.push_str(&summary.digest);
    s
}
