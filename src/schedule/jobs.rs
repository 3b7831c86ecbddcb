//! Owns the program's timetable: which jobs exist (pairing rounds, prompts per time zone,
//! nudges, digests, the closing reflection), when each is due, and the tick that runs what is
//! due exactly once per occurrence, persisting each job's last run in the store. What a job
//! does is the [`JobHandler`]'s business; this module only decides when.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use tracing::{info, warn};

use super::cron::{self, CronSpec};
use super::handler::JobError;
use super::runner::{Decision, decide};
use crate::config::Config;
use crate::program;
use crate::store::{Store, StoreError};

/// What a job is about; the handler dispatches on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobKind {
    /// A pairing round, then the introductions of its pairs.
    Round,
    /// Reflection prompts to the participants who live in `tz`.
    Prompts { tz: Tz },
    /// Nudges to pairs silent longer than `nudge_after_days`.
    Nudges,
    /// The HR digest.
    HrDigest,
    /// The participant digest to the participants who live in `tz`.
    ParticipantDigest { tz: Tz },
    /// The closing reflection at the end of the program.
    Closing,
    /// Two weeks before the end: everyone still taking part hears that it is near.
    EndingSoon,
    /// Some days after the end (`final_report_after_days`): the final report to HR, once.
    FinalReport,
}

/// When a job fires.
#[derive(Debug, Clone)]
pub enum When {
    /// A cron schedule evaluated in a time zone.
    Cron { spec: Box<CronSpec>, tz: Tz },
    /// Fixed instants (program start, rematch dates, program end).
    At(Vec<DateTime<Utc>>),
}

/// One scheduled job.
#[derive(Debug, Clone)]
pub struct Job {
    /// Stable name, the key of its last run in the store (`prompts@Europe/Berlin`).
    pub name: String,
    pub kind: JobKind,
    pub when: When,
    /// How late an occurrence may still run; `None`: always run the latest once.
    pub window: Option<Duration>,
    /// Whether the first ever tick may catch up an occurrence from before the daemon first
    /// ran (a round due at program start: yes; last week's digest: no).
    pub catch_up_from_start: bool,
}

impl Job {
    /// The first occurrence strictly after `after`.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match &self.when {
            When::Cron { spec, tz } => cron::next_after(spec, *tz, after),
            When::At(times) => times.iter().copied().filter(|t| *t > after).min(),
        }
    }

    /// What to do at `now`, given the last handled occurrence.
    pub fn decide(&self, last: DateTime<Utc>, now: DateTime<Utc>) -> Decision {
        match &self.when {
            When::Cron { spec, tz } => decide(spec, *tz, last, now, self.window),
            When::At(times) => {
                let missed: Vec<DateTime<Utc>> = times
                    .iter()
                    .copied()
                    .filter(|t| *t > last && *t <= now)
                    .collect();
                let Some(&latest) = missed.iter().max() else {
                    return Decision::Idle;
                };
                let coalesced = missed.len() - 1;
                match self.window {
                    Some(w) if now - latest > w => Decision::TooLate {
                        occurrence: latest,
                        late_by: now - latest,
                        coalesced,
                    },
                    _ => Decision::Run {
                        occurrence: latest,
                        coalesced,
                    },
                }
            }
        }
    }
}

/// The instant a local date and time stands for in `tz` (the earlier one in a fold, the
/// first valid one after a gap).
fn at_local(tz: Tz, date: chrono::NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let local = date.and_time(time);
    (0..=180)
        .find_map(|m| {
            tz.from_local_datetime(&(local + Duration::minutes(m)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
}

/// The instant the program starts: 09:00 on its start date in the program's zone (the first
/// round's time, and the baseline [`tick`] catches rounds and the closing up from).
pub fn program_start(config: &Config) -> DateTime<Utc> {
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN);
    at_local(config.program.timezone, config.program.start, nine)
        .unwrap_or_else(|| config.program.start.and_time(nine).and_utc())
}

/// The program's jobs, derived from the config.
pub fn jobs(config: &Config) -> Vec<Job> {
    let tz = config.program.timezone;
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN);
    let end = at_local(tz, config.program.end, nine);
    // The program's round days (its rule, in `program`), at 09:00 local: whole weeks of
    // local dates, so a rematch stays at 09:00 local across DST.
    let rounds: Vec<DateTime<Utc>> = program::rounds(config)
        .into_iter()
        .filter_map(|day| at_local(tz, day, nine))
        .collect();
    // Sorted by name so the job list (and the log) is stable.
    let names: BTreeSet<&str> = config
        .participants
        .iter()
        .map(|p| p.timezone.name())
        .collect();
    let zones: Vec<Tz> = names.iter().filter_map(|n| n.parse::<Tz>().ok()).collect();
    let window = Some(Duration::hours(i64::from(
        config.schedule.catch_up_window_hours,
    )));
    let mut out = vec![Job {
        name: "round".into(),
        kind: JobKind::Round,
        when: When::At(rounds),
        window: None,
        catch_up_from_start: true,
    }];
    for zone in &zones {
        out.push(Job {
            name: format!("prompts@{}", zone.name()),
            kind: JobKind::Prompts { tz: *zone },
            when: When::Cron {
                spec: Box::new(config.schedule.prompts.clone()),
                tz: *zone,
            },
            window,
            catch_up_from_start: false,
        });
    }
    if let Ok(daily) = cron::parse("0 10 * * *") {
        out.push(Job {
            name: "nudges".into(),
            kind: JobKind::Nudges,
            when: When::Cron {
                spec: Box::new(daily),
                tz,
            },
            window: Some(Duration::hours(24)),
            catch_up_from_start: false,
        });
    }
    out.push(Job {
        name: "hr_digest".into(),
        kind: JobKind::HrDigest,
        when: When::Cron {
            spec: Box::new(config.schedule.hr_digest.clone()),
            tz,
        },
        window: None,
        catch_up_from_start: false,
    });
    for zone in &zones {
        out.push(Job {
            name: format!("participant_digest@{}", zone.name()),
            kind: JobKind::ParticipantDigest { tz: *zone },
            when: When::Cron {
                spec: Box::new(config.schedule.participant_digest.clone()),
                tz: *zone,
            },
            window: Some(Duration::days(2)),
            catch_up_from_start: false,
        });
    }
    if let Some(day) = program::ending_notice_day(config.program.start, config.program.end) {
        out.push(Job {
            name: "ending_soon".into(),
            kind: JobKind::EndingSoon,
            when: When::At(at_local(tz, day, nine).into_iter().collect()),
            window: Some(Duration::days(7)),
            catch_up_from_start: true,
        });
    }
    out.push(Job {
        name: "closing".into(),
        kind: JobKind::Closing,
        when: When::At(end.into_iter().collect()),
        window: Some(Duration::days(7)),
        catch_up_from_start: true,
    });
    // NOTE: after the closing in this list, so with `final_report_after_days = 0` the
    // closing reflection is queued first; no window: a daemon down at that time (or first
    // started later) still sends it once.
    let report_day =
        program::final_report_day(config.program.end, config.schedule.final_report_after_days);
    out.push(Job {
        name: "final_report".into(),
        kind: JobKind::FinalReport,
        when: When::At(at_local(tz, report_day, nine).into_iter().collect()),
        window: None,
        catch_up_from_start: true,
    });
    out
}

/// Does the work of a due job. Implementations enqueue email in the store; they must be
/// idempotent per occurrence (outbox idempotency keys make them so).
pub trait JobHandler {
    /// Runs `job` for `occurrence` at `now`. Returns a short summary for the log.
    ///
    /// # Errors
    /// Any failure; the job's last run is not advanced, so the next tick retries it.
    fn run(
        &mut self,
        store: &mut Store,
        job: &Job,
        occurrence: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<String, JobError>;
}

/// What one tick did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TickReport {
    /// (job name, occurrence) of every job run.
    pub ran: Vec<(String, DateTime<Utc>)>,
    /// (job name, occurrence) skipped as too late.
    pub skipped: Vec<(String, DateTime<Utc>)>,
    /// Jobs that failed (retried next tick).
    pub failed: Vec<String>,
}

/// The program start as the baseline of a job seen for the first time, when it may catch up
/// from there.
// NOTE: never later than now: a daemon first started before the program records "now", so
// if HR then moves the start earlier (still ahead), the round at the new start still runs.
fn first_baseline(job: &Job, program_start: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    if job.catch_up_from_start {
        (program_start - Duration::seconds(1)).min(now)
    } else {
        now
    }
}

/// Runs every due job once. A job seen for the first time starts from now (or from just
/// before the program start, for rounds and the closing), so the first start never replays
/// the program's past.
///
/// # Errors
/// Only when the store cannot record last runs; a failing job is reported in the result.
pub fn tick(
    jobs: &[Job],
    program_start: DateTime<Utc>,
    store: &mut Store,
    handler: &mut dyn JobHandler,
    now: DateTime<Utc>,
) -> Result<TickReport, StoreError> {
    let mut report = TickReport::default();
    for job in jobs {
        let last = match store.last_run(&job.name)? {
            Some(t) => t,
            None => {
                let base = first_baseline(job, program_start, now);
                store.set_last_run(&job.name, base)?;
                base
            }
        };
        match job.decide(last, now) {
            Decision::Idle => {}
            Decision::TooLate {
                occurrence,
                late_by,
                coalesced,
            } => {
                warn!(
                    job = %job.name,
                    %occurrence,
                    late_minutes = late_by.num_minutes(),
                    coalesced,
                    "missed occurrence is past its catch-up window; skipped"
                );
                store.set_last_run(&job.name, occurrence)?;
                report.skipped.push((job.name.clone(), occurrence));
            }
            Decision::Run {
                occurrence,
                coalesced,
            } => match run_grouped(store, handler, job, occurrence, now)? {
                Ok(summary) => {
                    info!(job = %job.name, %occurrence, coalesced, summary = %summary, "job ran");
                    report.ran.push((job.name.clone(), occurrence));
                }
                Err(err) => {
                    warn!(job = %job.name, %occurrence, error = %crate::ErrorChain(&err), "job failed; will retry");
                    report.failed.push(job.name.clone());
                }
            },
        }
    }
    Ok(report)
}

/// The most occurrences of a cron looked through for the next that sends mail (an hourly
/// schedule over a year and more).
const LOOK_AHEAD: usize = 10_000;

/// The first HR digest that goes out after `after`: the first time of `[schedule]
/// hr_digest` (in the program's zone) on a day [`program::hr_digest_goes`]; `None` once the
/// program is over.
pub fn next_hr_digest(config: &Config, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tz = config.program.timezone;
    let mut at = after;
    for _ in 0..LOOK_AHEAD {
        at = cron::next_after(&config.schedule.hr_digest, tz, at)?;
        let day = at.with_timezone(&tz).date_naive();
        if day > config.program.end {
            return None;
        }
        if program::hr_digest_goes(config.program.start, config.program.end, day) {
            return Some(at);
        }
    }
    None
}

/// The earliest prompt a pair made on `paired` can get, in the program's zone: the first
/// time of `[schedule] prompts` once the quiet days after pairing have passed
/// ([`program::quiet_days`]); `None` when that is after the end date. Later still for
/// a person who has program mail that day, or on a round day.
pub fn first_prompt(config: &Config, paired: chrono::NaiveDate) -> Option<DateTime<Utc>> {
    let tz = config.program.timezone;
    let every_days = i64::from(config.schedule.prompt_every_weeks) * 7;
    let from = paired + Duration::days(program::quiet_days(every_days));
    let midnight = at_local(tz, from, NaiveTime::MIN)?;
    let at = cron::next_after(
        &config.schedule.prompts,
        tz,
        midnight - Duration::seconds(1),
    )?;
    (at.with_timezone(&tz).date_naive() <= config.program.end).then_some(at)
}

/// Runs `job` for `occurrence` as one group commit ([`Store::group`]): every email it
/// queues, and its last run when it succeeded, are committed together with one sync to
/// disk, instead of a commit (and a sync) for each chunk of emails. A crash before the
/// commit loses the whole run, which reruns at the next start (the occurrence is not marked
/// run); after it, nothing is queued again (the keys). A run that fails keeps the emails
/// queued before the failure, as its chunks did when each committed on its own, and is
/// retried at the next tick.
// NOTE: the daemon holds the store for the whole tick, so its sender never sees a row before
// the group is committed; inside `simulate`'s group a day the run joins that group.
fn run_grouped(
    store: &mut Store,
    handler: &mut dyn JobHandler,
    job: &Job,
    occurrence: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Result<String, JobError>, StoreError> {
    store.group(|store| {
        let ran = handler.run(store, job, occurrence, now);
        if ran.is_ok() {
            store.set_last_run(&job.name, occurrence)?;
        }
        Ok(ran)
    })
}

/// When the next job is due after `now` (for the daemon's sleep).
pub fn next_due(jobs: &[Job], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    jobs.iter().filter_map(|j| j.next_after(now)).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{Clock, ManualClock};

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn config(extra: &str) -> Config {
        crate::config::test_support::program()
            .line("timezone = \"Europe/London\"")
            .start("2027-03-01")
            .person("Ann", "mentor", 1, &["timezone = \"America/New_York\""])
            .person("Bob", "mentee", 6, &["timezone = \"Europe/Berlin\""])
            .section(&format!("[pairing]\nrematch_every_weeks = 8\n\n{extra}"))
            .build()
    }

    /// Records every run instead of sending anything.
    #[derive(Default)]
    struct Recorder {
        runs: Vec<(String, DateTime<Utc>)>,
        fail: Option<String>,
    }

    impl JobHandler for Recorder {
        fn run(
            &mut self,
            _store: &mut Store,
            job: &Job,
            occurrence: DateTime<Utc>,
            _now: DateTime<Utc>,
        ) -> Result<String, JobError> {
            if self.fail.as_deref() == Some(job.name.as_str()) {
                return Err(StoreError::NotFound {
                    what: "the relay".into(),
                }
                .into());
            }
            self.runs.push((job.name.clone(), occurrence));
            Ok("ok".into())
        }
    }

    /// Drives the scheduler on a virtual clock from `from` to `to`, waking at every due
    /// time as the daemon would.
    fn drive(config: &Config, store: &mut Store, rec: &mut Recorder, from: &str, to: &str) {
        let jobs = jobs(config);
        let start = at_local(
            config.program.timezone,
            config.program.start,
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap();
        let clock = ManualClock::new(utc(from));
        let end = utc(to);
        loop {
            tick(&jobs, start, store, rec, clock.now()).unwrap();
            match next_due(&jobs, clock.now()) {
                Some(t) if t <= end => clock.set(t),
                _ => break,
            }
        }
    }

    /// Queues two emails in units of their own, looking from another connection between
    /// them, then fails when told to.
    struct Queuer {
        db: std::path::PathBuf,
        fail: bool,
        seen_by_others: Vec<bool>,
    }

    impl JobHandler for Queuer {
        fn run(
            &mut self,
            store: &mut Store,
            job: &Job,
            _occurrence: DateTime<Utc>,
            _now: DateTime<Utc>,
        ) -> Result<String, JobError> {
            for n in 0..2 {
                let key = format!("{}:{n}", job.name);
                store.queue_for_tests(&key)?;
                let other = Store::open(&self.db)?;
                self.seen_by_others.push(other.outbox_row(&key)?.is_some());
            }
            if self.fail {
                return Err(StoreError::NotFound {
                    what: "the relay".into(),
                }
                .into());
            }
            Ok("ok".into())
        }
    }

    #[test]
    fn a_job_run_commits_its_emails_and_its_last_run_together_and_a_failure_keeps_what_it_queued() {
        let c = config("");
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("upward.db");
        let mut store = Store::open(&db).unwrap();
        let jobs: Vec<Job> = jobs(&c).into_iter().filter(|j| j.name == "round").collect();
        let start = utc("2027-03-01T09:00:00Z");
        let mut queuer = Queuer {
            db: db.clone(),
            fail: true,
            seen_by_others: Vec::new(),
        };
        let report = tick(&jobs, start, &mut store, &mut queuer, start).unwrap();
        assert_eq!(report.failed, vec!["round".to_string()]);
        assert_eq!(
            queuer.seen_by_others,
            vec![false, false],
            "nothing of a run is seen (nor durable) before the run commits"
        );
        let other = Store::open(&db).unwrap();
        assert!(
            other.outbox_row("round:1").unwrap().is_some(),
            "a failed run keeps what it queued"
        );
        assert!(other.last_run("round").unwrap().unwrap() < start);

        queuer.fail = false;
        let report = tick(&jobs, start, &mut store, &mut queuer, start).unwrap();
        assert_eq!(report.ran, vec![("round".to_string(), start)]);
        assert_eq!(other.last_run("round").unwrap(), Some(start));
        assert_eq!(
            other.outbox_counts().unwrap(),
            vec![("pending".to_string(), 2)],
            "the rerun queued nothing twice"
        );
        assert!(!store.in_group());
    }

    #[test]
    fn prompts_fire_at_nine_local_in_each_participants_zone_across_dst() {
        let c = config("");
        let mut store = Store::open_in_memory().unwrap();
        let mut rec = Recorder::default();
        // March 2027: New York changes on the 14th, Berlin on the 28th.
        drive(
            &c,
            &mut store,
            &mut rec,
            "2027-03-01T00:00:00Z",
            "2027-04-06T00:00:00Z",
        );
        for (zone, tz) in [
            ("America/New_York", chrono_tz::America::New_York),
            ("Europe/Berlin", chrono_tz::Europe::Berlin),
        ] {
            let runs: Vec<DateTime<Utc>> = rec
                .runs
                .iter()
                .filter(|(n, _)| *n == format!("prompts@{zone}"))
                .map(|(_, t)| *t)
                .collect();
            assert_eq!(
                runs.len(),
                6,
                "{zone}: six Mondays, 1 March to 5 April: {runs:?}"
            );
            for t in runs {
                let local = t.with_timezone(&tz);
                assert_eq!(local.format("%a %H:%M").to_string(), "Mon 09:00", "{zone}");
            }
        }
        let rounds: Vec<&DateTime<Utc>> = rec
            .runs
            .iter()
            .filter(|(n, _)| n == "round")
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            rounds,
            vec![&utc("2027-03-01T09:00:00Z")],
            "the first round at program start"
        );
    }

    #[test]
    fn after_downtime_each_job_catches_up_once_and_late_prompts_are_skipped() {
        let c = config("");
        let mut store = Store::open_in_memory().unwrap();
        let mut rec = Recorder::default();
        drive(
            &c,
            &mut store,
            &mut rec,
            "2027-03-01T00:00:00Z",
            "2027-03-02T00:00:00Z",
        );
        let before = rec.runs.len();
        // Down from 2 March to 24 March 10:00 UTC: three Monday digests and prompts missed.
        let jobs = jobs(&c);
        let start = utc("2027-03-01T09:00:00Z");
        let report = tick(
            &jobs,
            start,
            &mut store,
            &mut rec,
            utc("2027-03-24T10:00:00Z"),
        )
        .unwrap();
        let ran: Vec<&str> = report.ran.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            ran.iter().filter(|n| **n == "hr_digest").count(),
            1,
            "{ran:?}"
        );
        assert!(
            !ran.iter().any(|n| n.starts_with("prompts@")),
            "prompts 2 days late are skipped: {ran:?}"
        );
        assert_eq!(
            report
                .skipped
                .iter()
                .filter(|(n, _)| n.starts_with("prompts@"))
                .count(),
            2
        );
        assert_eq!(rec.runs.len() - before, report.ran.len());
        // A second tick at the same instant runs nothing: no double send after restart.
        let again = tick(
            &jobs,
            start,
            &mut store,
            &mut rec,
            utc("2027-03-24T10:00:00Z"),
        )
        .unwrap();
        assert!(
            again.ran.is_empty() && again.skipped.is_empty(),
            "{again:?}"
        );
    }

    #[test]
    fn a_failed_job_is_retried_at_the_next_tick_and_others_still_run() {
        let c = config("");
        let mut store = Store::open_in_memory().unwrap();
        let jobs = jobs(&c);
        let start = utc("2027-03-01T09:00:00Z");
        let mut rec = Recorder {
            fail: Some("round".into()),
            ..Recorder::default()
        };
        let first = tick(
            &jobs,
            start,
            &mut store,
            &mut rec,
            utc("2027-03-01T09:00:00Z"),
        )
        .unwrap();
        assert_eq!(first.failed, vec!["round".to_string()]);
        rec.fail = None;
        let second = tick(
            &jobs,
            start,
            &mut store,
            &mut rec,
            utc("2027-03-01T09:05:00Z"),
        )
        .unwrap();
        assert_eq!(second.ran, vec![("round".to_string(), start)]);
    }

    #[test]
    fn rematch_rounds_and_the_closing_follow_the_program_dates() {
        let c = config("");
        let js = jobs(&c);
        let round = js.iter().find(|j| j.name == "round").unwrap();
        let When::At(times) = &round.when else {
            panic!("rounds are fixed dates")
        };
        let expected: Vec<DateTime<Utc>> = ["2027-03-01T09:00:00Z", "2027-04-26T08:00:00Z"]
            .iter()
            .map(|s| utc(s))
            .collect();
        assert_eq!(
            times, &expected,
            "every 8 weeks at 09:00 London time; 21 June is within four weeks of the end"
        );
        let closing = js.iter().find(|j| j.name == "closing").unwrap();
        assert_eq!(
            closing.next_after(utc("2027-03-01T00:00:00Z")),
            Some(utc("2027-06-30T08:00:00Z"))
        );
        let zones: Vec<&str> = js
            .iter()
            .filter(|j| matches!(j.kind, JobKind::Prompts { .. }))
            .map(|j| j.name.as_str())
            .collect();
        assert_eq!(
            zones,
            vec!["prompts@America/New_York", "prompts@Europe/Berlin"]
        );
    }
}
