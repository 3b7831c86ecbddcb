//! Owns the catch-up rule: given when a job last ran and what time it is now, which single
//! occurrence (if any) is due. Pure: the daemon persists last runs in the store and calls
//! this on every wake-up. Does not run jobs.
//!
//! After downtime a missed schedule runs once, for its latest occurrence, not once per missed
//! tick; and only while still relevant: an occurrence later than the job's catch-up window is
//! skipped (and reported), never sent late.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::time::cron::{CronSpec, between};

/// The most occurrences counted in one gap (a per-minute schedule down for a year).
const MAX_COUNTED: usize = 100_000;

/// What to do about one job now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// No occurrence since the last run.
    Idle,
    /// Run for `occurrence`; `coalesced` earlier missed occurrences are folded into it.
    Run {
        occurrence: DateTime<Utc>,
        coalesced: usize,
    },
    /// The latest occurrence is older than the catch-up window: skip it (and log why).
    TooLate {
        occurrence: DateTime<Utc>,
        late_by: Duration,
        coalesced: usize,
    },
}

/// Decides whether a job is due. `last_run` is the occurrence the job last handled (or when
/// it was first seen); `window` is how late an occurrence may still run (`None`: always).
pub fn decide(
    spec: &CronSpec,
    tz: Tz,
    last_run: DateTime<Utc>,
    now: DateTime<Utc>,
    window: Option<Duration>,
) -> Decision {
    let missed = between(spec, tz, last_run, now, MAX_COUNTED);
    let Some(&latest) = missed.last() else {
        return Decision::Idle;
    };
    let coalesced = missed.len() - 1;
    let late_by = now - latest;
    match window {
        Some(w) if late_by > w => Decision::TooLate {
            occurrence: latest,
            late_by,
            coalesced,
        },
        _ => Decision::Run {
            occurrence: latest,
            coalesced,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::cron::parse;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn three_days_of_downtime_run_a_daily_digest_once_not_three_times() {
        let s = parse("0 8 * * *").unwrap();
        let d = decide(
            &s,
            Tz::UTC,
            utc("2027-05-01T08:00:00Z"),
            utc("2027-05-04T09:00:00Z"),
            None,
        );
        assert_eq!(
            d,
            Decision::Run {
                occurrence: utc("2027-05-04T08:00:00Z"),
                coalesced: 2
            }
        );
    }

    #[test]
    fn a_prompt_later_than_the_window_is_skipped_not_sent() {
        let s = parse("0 9 * * MON").unwrap();
        let window = Some(Duration::hours(12));
        let d = decide(
            &s,
            Tz::UTC,
            utc("2027-05-02T00:00:00Z"),
            utc("2027-05-04T09:00:00Z"),
            window,
        );
        assert_eq!(
            d,
            Decision::TooLate {
                occurrence: utc("2027-05-03T09:00:00Z"),
                late_by: Duration::hours(24),
                coalesced: 0
            }
        );
        let d = decide(
            &s,
            Tz::UTC,
            utc("2027-05-02T00:00:00Z"),
            utc("2027-05-03T20:00:00Z"),
            window,
        );
        assert!(matches!(d, Decision::Run { .. }), "{d:?}");
    }

    #[test]
    fn nothing_is_due_between_occurrences_and_a_run_is_not_repeated() {
        let s = parse("0 9 * * MON").unwrap();
        let ran = utc("2027-05-03T09:00:00Z");
        assert_eq!(
            decide(&s, Tz::UTC, ran, utc("2027-05-05T09:00:00Z"), None),
            Decision::Idle
        );
        assert_eq!(decide(&s, Tz::UTC, ran, ran, None), Decision::Idle);
    }
}
