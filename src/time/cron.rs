//! Owns cron: parsing what HR writes (standard 5-field crontab, or 6 fields with seconds
//! first) and finding occurrences in a time zone with well-defined daylight-saving rules.
//! Does not decide what to do at an occurrence; the runner and the jobs do.
//!
//! The rules, as Debian cron does them:
//! - a local time that does not exist (the spring-forward gap) fires once at the next valid
//!   instant (02:30 in New York on the day clocks jump from 02:00 to 03:00 fires at 03:00);
//!   it never skips the day (a known flaw of evaluating `cron::Schedule` in a `Tz` directly);
//! - a local time that occurs twice (the fall-back fold) fires once, at its first instant,
//!   except for schedules that fire every hour (hour field `*`), which fire once per real
//!   hour, so both copies of the repeated hour;
//! - day-of-week numbers follow crontab(5): 0 or 7 is Sunday, 1 is Monday. (The cron crate
//!   itself counts 1 = Sunday; we translate to names before handing the text to it.)

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// A validated cron schedule with the text HR wrote.
#[derive(Debug, Clone)]
pub struct CronSpec {
    /// As written in the config (5 or 6 fields).
    pub source: String,
    /// The schedule in the cron crate's dialect, evaluated on local wall-clock time.
    pub schedule: cron::Schedule,
    /// The hour field is `*`: the schedule fires in every hour, so a repeated hour fires twice.
    pub every_hour: bool,
}

impl PartialEq for CronSpec {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

const DAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Parses a 5-field (minute first) or 6-field (seconds first) cron string.
///
/// # Errors
/// A message that says what is wrong and what is expected.
pub fn parse(source: &str) -> Result<CronSpec, String> {
    let fields: Vec<&str> = source.split_whitespace().collect();
    let mut full: Vec<String> = match fields.len() {
        5 => std::iter::once("0")
            .chain(fields.iter().copied())
            .map(str::to_string)
            .collect(),
        6 => fields.iter().map(|s| s.to_string()).collect(),
        n => {
            return Err(format!(
                "cron expression `{source}` has {n} fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)"
            ));
        }
    };
    let (dom, dow) = (full[3].as_str(), full[5].as_str());
    if !matches!(dom, "*" | "?") && !matches!(dow, "*" | "?") {
        return Err(format!(
            "cron expression `{source}` restricts both the day of the month ({dom}) and the day of the week ({dow})"
        ) + "; restrict one of them and write * for the other");
    }
    full[5] = translate_weekdays(&full[5])
        .map_err(|e| format!("invalid cron expression `{source}`: {e}"))?;
    let every_hour = full[2] == "*";
    full.join(" ")
        .parse::<cron::Schedule>()
        .map(|schedule| CronSpec {
            source: source.to_string(),
            schedule,
            every_hour,
        })
        .map_err(|err| {
            // NOTE: the cron crate's message is an excerpt, a caret line and the reason;
            // the reason (last line) is what HR needs.
            let text = err.to_string();
            let reason = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim();
            format!("invalid cron expression `{source}`: {reason}")
        })
}

/// Rewrites a crontab(5) day-of-week field (0-7, Sunday = 0 or 7, names, ranges, lists,
/// steps) as a list of day names the cron crate reads unambiguously.
fn translate_weekdays(field: &str) -> Result<String, String> {
    if matches!(field, "*" | "?") {
        return Ok(field.to_string());
    }
    let day = |s: &str| -> Result<usize, String> {
        let upper = s.to_ascii_uppercase();
        if let Some(i) = DAY_NAMES.iter().position(|d| upper.starts_with(d)) {
            return Ok(i);
        }
        match s.parse::<usize>() {
            Ok(n @ 0..=7) => Ok(n % 7),
            _ => Err(format!(
                "day of week `{s}` is not 0-7 (0 or 7 = Sunday) or a name such as MON"
            )),
        }
    };
    let mut days = [false; 7];
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (
                r,
                s.parse::<usize>().ok().filter(|&s| s > 0).ok_or_else(|| {
                    format!("step `{s}` in the day of week is not a positive number")
                })?,
            ),
            None => (item, 1),
        };
        let (start, end) = match range {
            "*" => (0, 6),
            r => match r.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (day(a)?, day(b)?);
                    // `5-7` (Friday to Sunday) ends on 7, which is day 0: count it as 7.
                    let b = if b == 0 && a > 0 { 7 } else { b };
                    if b < a {
                        return Err(format!("day-of-week range `{r}` runs backwards"));
                    }
                    (a, b)
                }
                None => {
                    let d = day(r)?;
                    (d, if step > 1 { 6 } else { d })
                }
            },
        };
        for d in (start..=end).step_by(step) {
            days[d % 7] = true;
        }
    }
    Ok(DAY_NAMES
        .iter()
        .zip(days)
        .filter(|(_, on)| *on)
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(","))
}

/// The instants a local wall-clock time stands for, under the DST rules above.
fn instants(spec: &CronSpec, tz: Tz, local: NaiveDateTime) -> Vec<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => vec![t.with_timezone(&Utc)],
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            if spec.every_hour {
                vec![a.min(b), a.max(b)]
            } else {
                vec![a.min(b)]
            }
        }
        LocalResult::None => {
            // In a gap: the next minute that exists, which is the end of the gap.
            (1..=24 * 60)
                .find_map(|m| {
                    tz.from_local_datetime(&(local + Duration::minutes(m)))
                        .earliest()
                })
                .map(|t| vec![t.with_timezone(&Utc)])
                .unwrap_or_default()
        }
    }
}

/// How far around a wall-clock time a DST shift can move an occurrence: more than any real
/// zone's offset change.
const DST_SLACK_HOURS: i64 = 3;

/// The first occurrence strictly after `after`, in zone `tz`.
pub fn next_after(spec: &CronSpec, tz: Tz, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local_after = after.with_timezone(&tz).naive_local();
    // NOTE: away from a DST change (the same offset DST_SLACK_HOURS either side), wall-clock
    // order is instant order, so the first wall-clock occurrence is the answer. Only near a
    // change must earlier and later wall-clock times be weighed, which for a schedule every
    // few seconds means thousands of candidates.
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    let slack = Duration::hours(DST_SLACK_HOURS);
    if offset(after - slack) == offset(after + slack)
        && let Some(first) = spec.schedule.after(&local_after.and_utc()).next()
        && let Some(t) = instants(spec, tz, first.naive_utc())
            .into_iter()
            .filter(|t| *t > after)
            .min()
    {
        return Some(t);
    }
    next_after_scanning(spec, tz, after)
}

/// [`next_after`] the long way: every wall-clock occurrence from `DST_SLACK_HOURS` before
/// `after` until the best is `DST_SLACK_HOURS` behind.
fn next_after_scanning(spec: &CronSpec, tz: Tz, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local_after = after.with_timezone(&tz).naive_local();
    let start = (local_after - Duration::hours(DST_SLACK_HOURS)).and_utc();
    let mut best: Option<DateTime<Utc>> = None;
    // NOTE: wall-clock occurrences come from the cron crate evaluated in UTC, which has no
    // DST, so it never skips or doubles anything; `instants` applies the zone's rules.
    for local in spec.schedule.after(&start).take(100_000) {
        let local = local.naive_utc();
        if let Some(b) = best
            && local > b.with_timezone(&tz).naive_local() + Duration::hours(DST_SLACK_HOURS)
        {
            break;
        }
        for t in instants(spec, tz, local) {
            if t > after && best.is_none_or(|b| t < b) {
                best = Some(t);
            }
        }
    }
    best
}

/// Occurrences in `(from, to]`, at most `limit` of them, in order.
pub fn between(
    spec: &CronSpec,
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: usize,
) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut cursor = from;
    while out.len() < limit {
        match next_after(spec, tz, cursor) {
            Some(t) if t <= to => {
                out.push(t);
                cursor = t;
            }
            _ => break,
        }
    }
    out
}

/// The latest occurrence at or before `at`, searching back at most `horizon`.
pub fn latest_at_or_before(
    spec: &CronSpec,
    tz: Tz,
    at: DateTime<Utc>,
    horizon: Duration,
) -> Option<DateTime<Utc>> {
    // NOTE: walk forward rather than backwards, so the DST rules in `next_after` are the only
    // ones ever applied; from a window before `at` that grows until it holds an occurrence,
    // so that a schedule every few seconds is not walked over the whole horizon.
    let mut window = Duration::hours(1).min(horizon);
    loop {
        let mut cursor = at - window;
        let mut last = None;
        while let Some(t) = next_after(spec, tz, cursor) {
            if t > at {
                break;
            }
            last = Some(t);
            cursor = t;
        }
        if last.is_some() || window >= horizon {
            return last;
        }
        window = (window * 4).min(horizon);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate};
    use std::collections::BTreeMap;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn spec(s: &str) -> CronSpec {
        parse(s).unwrap()
    }

    #[test]
    fn the_quick_path_agrees_with_the_full_scan_around_every_dst_change() {
        let zones = [
            chrono_tz::America::New_York,
            chrono_tz::Europe::London,
            chrono_tz::Australia::Sydney,
            chrono_tz::America::Santiago,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::UTC,
        ];
        let specs = [
            "30 2 * * *",
            "0 * * * *",
            "*/5 * * * *",
            "0 9 * * 1",
            "0 0 1 * *",
        ];
        let (from, to) = (utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z"));
        let mut checked = 0;
        for tz in zones {
            let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
            // Every 7 minutes from 4 hours before each change of offset to 4 hours after it
            // (inside gaps and folds too), and every 25 h 37 min elsewhere.
            let mut points = Vec::new();
            let mut t = from;
            while t < to {
                if offset(t) != offset(t + Duration::hours(1)) {
                    let mut p = t - Duration::hours(4);
                    while p < t + Duration::hours(5) {
                        points.push(p);
                        p += Duration::minutes(7);
                    }
                }
                if (t - from).num_minutes() % (25 * 60 + 37) < 60 {
                    points.push(t);
                }
                t += Duration::hours(1);
            }
            for s in specs {
                let sp = spec(s);
                for &at in &points {
                    assert_eq!(
                        next_after(&sp, tz, at),
                        next_after_scanning(&sp, tz, at),
                        "{s} in {tz} after {at}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
        eprintln!("{checked} instants agree");
    }

    #[test]
    fn the_latest_occurrence_of_a_schedule_every_few_seconds_is_found_at_once() {
        let at = utc("2026-11-22T10:00:05Z");
        let sp = spec("*/10 * * * * *");
        let started = std::time::Instant::now();
        let got = latest_at_or_before(&sp, chrono_tz::Europe::Berlin, at, Duration::days(62));
        assert_eq!(got, Some(utc("2026-11-22T10:00:00Z")));
        // A weekly one is found across its gap of days.
        let got = latest_at_or_before(
            &spec("0 9 * * 1"),
            chrono_tz::Europe::Berlin,
            at,
            Duration::days(62),
        );
        assert_eq!(got, Some(utc("2026-11-16T08:00:00Z")));
        // NOTE: not a timing assertion; the walk over 62 days took minutes before.
        eprintln!("found in {:?}", started.elapsed());
    }

    #[test]
    fn weekday_numbers_follow_crontab_not_the_cron_crate() {
        let ny = chrono_tz::America::New_York;
        // 2027-03-10 is a Wednesday; "1" must mean Monday (2027-03-15), not Sunday.
        let t = next_after(&spec("0 9 * * 1"), ny, utc("2027-03-10T12:00:00Z")).unwrap();
        assert_eq!(t.with_timezone(&ny).weekday(), chrono::Weekday::Mon);
        let t = next_after(&spec("0 9 * * 0"), ny, utc("2027-03-10T12:00:00Z")).unwrap();
        assert_eq!(t.with_timezone(&ny).weekday(), chrono::Weekday::Sun);
        assert_eq!(translate_weekdays("7").unwrap(), "SUN");
        assert_eq!(translate_weekdays("1-5").unwrap(), "MON,TUE,WED,THU,FRI");
        assert_eq!(translate_weekdays("5-7").unwrap(), "SUN,FRI,SAT");
        assert_eq!(translate_weekdays("MON,wed").unwrap(), "MON,WED");
        assert_eq!(translate_weekdays("*/2").unwrap(), "SUN,TUE,THU,SAT");
        assert!(translate_weekdays("8").is_err());
    }

    #[test]
    fn restricting_both_day_fields_is_refused_with_a_fix() {
        let err = parse("0 9 1 * MON").unwrap_err();
        assert!(err.contains("restrict one of them"), "{err}");
    }

    #[test]
    fn a_time_in_the_spring_gap_fires_at_the_next_valid_instant_not_the_next_day() {
        let ny = chrono_tz::America::New_York;
        // 2027-03-14: New York jumps from 02:00 EST to 03:00 EDT.
        let s = spec("30 2 * * *");
        let t = next_after(&s, ny, utc("2027-03-13T12:00:00Z")).unwrap();
        assert_eq!(t, utc("2027-03-14T07:00:00Z"), "03:00 EDT");
        let next = next_after(&s, ny, t).unwrap();
        assert_eq!(next, utc("2027-03-15T06:30:00Z"), "02:30 EDT the next day");
        let berlin = chrono_tz::Europe::Berlin;
        // 2027-03-28: Berlin jumps from 02:00 CET to 03:00 CEST.
        let t = next_after(&s, berlin, utc("2027-03-27T12:00:00Z")).unwrap();
        assert_eq!(t, utc("2027-03-28T01:00:00Z"), "03:00 CEST");
    }

    #[test]
    fn a_time_in_the_autumn_fold_fires_once() {
        let ny = chrono_tz::America::New_York;
        // 2027-11-07: New York repeats 01:00-02:00.
        let s = spec("30 1 * * *");
        let day = between(
            &s,
            ny,
            utc("2027-11-06T12:00:00Z"),
            utc("2027-11-08T12:00:00Z"),
            10,
        );
        assert_eq!(
            day,
            vec![utc("2027-11-07T05:30:00Z"), utc("2027-11-08T06:30:00Z")]
        );
        let berlin = chrono_tz::Europe::Berlin;
        // 2027-10-31: Berlin repeats 02:00-03:00.
        let s = spec("30 2 * * *");
        let day = between(
            &s,
            berlin,
            utc("2027-10-30T12:00:00Z"),
            utc("2027-11-01T12:00:00Z"),
            10,
        );
        assert_eq!(
            day,
            vec![utc("2027-10-31T00:30:00Z"), utc("2027-11-01T01:30:00Z")]
        );
    }

    #[test]
    fn an_hourly_schedule_fires_once_per_real_hour_across_both_transitions() {
        let ny = chrono_tz::America::New_York;
        let s = spec("0 * * * *");
        // Fall-back day has 25 real hours, spring-forward day 23.
        let fall = between(
            &s,
            ny,
            utc("2027-11-07T04:00:00Z"),
            utc("2027-11-08T05:00:00Z"),
            100,
        );
        assert_eq!(fall.len(), 25);
        let spring = between(
            &s,
            ny,
            utc("2027-03-14T05:00:00Z"),
            utc("2027-03-15T04:00:00Z"),
            100,
        );
        assert_eq!(spring.len(), 23);
        for w in fall.windows(2).chain(spring.windows(2)) {
            assert_eq!(w[1] - w[0], Duration::hours(1), "{w:?}");
        }
    }

    #[test]
    fn a_local_midnight_that_does_not_exist_fires_at_the_first_instant_of_the_day() {
        // Sao Paulo 2018-11-04: clocks went from 00:00 to 01:00.
        let sp = chrono_tz::America::Sao_Paulo;
        let t = next_after(&spec("0 0 * * *"), sp, utc("2018-11-03T12:00:00Z")).unwrap();
        assert_eq!(
            t.with_timezone(&sp).date_naive(),
            NaiveDate::from_ymd_opt(2018, 11, 4).unwrap()
        );
        assert_eq!(t, utc("2018-11-04T03:00:00Z"), "01:00 -02");
    }

    /// R14: two years in six zones, daily and weekly schedules fire exactly once per local
    /// period, hourly ones once per real hour, never a panic.
    #[test]
    fn two_years_of_schedules_fire_once_per_local_period_in_every_zone() {
        let zones = [
            chrono_tz::America::New_York,
            chrono_tz::Europe::London,
            chrono_tz::Australia::Sydney,
            chrono_tz::America::Sao_Paulo,
            chrono_tz::America::Santiago,
            chrono_tz::UTC,
        ];
        let from = utc("2017-01-01T00:00:00Z");
        let to = utc("2019-01-01T00:00:00Z");
        for tz in zones {
            for daily in ["30 2 * * *", "30 1 * * *", "0 0 * * *"] {
                let all = between(&spec(daily), tz, from, to, 2000);
                let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
                for t in &all {
                    *per_day
                        .entry(t.with_timezone(&tz).date_naive())
                        .or_default() += 1;
                }
                assert!(
                    per_day.values().all(|&n| n == 1),
                    "{tz} {daily}: a day fired twice"
                );
                assert!(
                    (729..=731).contains(&per_day.len()),
                    "{tz} {daily}: {} days",
                    per_day.len()
                );
            }
            let weekly = between(&spec("0 8 * * MON"), tz, from, to, 200);
            assert!(
                (104..=105).contains(&weekly.len()),
                "{tz}: {} Mondays",
                weekly.len()
            );
            assert!(
                weekly
                    .iter()
                    .all(|t| t.with_timezone(&tz).weekday() == chrono::Weekday::Mon)
            );
            let hourly = between(&spec("0 * * * *"), tz, from, to, 20_000);
            for w in hourly.windows(2) {
                assert!(w[1] - w[0] <= Duration::hours(1), "{tz}: gap {w:?}");
                assert!(w[1] > w[0]);
            }
        }
    }

    #[test]
    fn latest_at_or_before_finds_the_most_recent_occurrence() {
        let s = spec("0 9 * * *");
        let tz = chrono_tz::Europe::Berlin;
        let t =
            latest_at_or_before(&s, tz, utc("2027-05-05T12:00:00Z"), Duration::days(8)).unwrap();
        assert_eq!(t, utc("2027-05-05T07:00:00Z"));
        assert_eq!(
            latest_at_or_before(&s, tz, utc("2027-05-05T06:00:00Z"), Duration::hours(2)),
            None
        );
    }
}
