//! The bounce score of an address (RELIABILITY R18, Mailman's rule): each hard bounce adds
//! one, at most once per UTC day, so one bad night of a mail system counts once; an address
//! whose score reaches the threshold is disabled (no more mail, the participant is kept); a
//! score left alone for [`STALE_AFTER_DAYS`] starts again from zero. A relay that refuses
//! the mailbox in the SMTP session itself disables it at once.
//!
//! Pure: the store reads an address's [`BounceState`], asks [`score`], and writes what it
//! returns in the same transaction. What counts as a hard bounce is inbound's to say.

use chrono::NaiveDate;

/// A score with no new bounce for this many days starts again from zero.
// NOTE: Mailman discards bounce information after 7 days, for lists that mail daily; a
// program mails weekly at most, so a dead mailbox bounces only once a week here.
pub const STALE_AFTER_DAYS: i64 = 30;

/// An address's bounce record before a new bounce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BounceState {
    pub score: i64,
    /// The UTC day of the last bounce that counted.
    pub last_day: Option<NaiveDate>,
    /// Already disabled.
    pub bouncing: bool,
}

/// What one hard bounce does to an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BounceScored {
    /// The score after this bounce.
    pub score: i64,
    /// The score rose (false: it had already risen today).
    pub rose: bool,
    /// This bounce disables the address (it was not disabled before).
    pub disabled: bool,
}

/// Scores one hard bounce on `today`; `immediate` disables the address whatever its score.
pub fn score(
    state: BounceState,
    threshold: u32,
    immediate: bool,
    today: NaiveDate,
) -> BounceScored {
    let rose = state.last_day != Some(today);
    let mut score = state.score;
    if rose {
        if state
            .last_day
            .is_some_and(|last| (today - last).num_days() > STALE_AFTER_DAYS)
        {
            score = 0;
        }
        score += 1;
    }
    BounceScored {
        score,
        rose,
        disabled: !state.bouncing && (immediate || score >= i64::from(threshold)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 1).unwrap() + chrono::Duration::days(n)
    }

    fn state(score: i64, last: Option<i64>, bouncing: bool) -> BounceState {
        BounceState {
            score,
            last_day: last.map(day),
            bouncing,
        }
    }

    #[test]
    fn the_score_rises_once_a_day_starts_again_when_stale_and_disables_at_the_threshold() {
        let stale = STALE_AFTER_DAYS + 1;
        // (before, immediate, today) → (score, rose, disabled), with a threshold of 3.
        let table = [
            (
                state(0, None, false),
                false,
                0,
                (1, true, false),
                "a first bounce",
            ),
            (
                state(1, Some(0), false),
                false,
                0,
                (1, false, false),
                "again the same day",
            ),
            (
                state(1, Some(0), false),
                false,
                1,
                (2, true, false),
                "the next day",
            ),
            (
                state(2, Some(0), false),
                false,
                5,
                (3, true, true),
                "the third day disables",
            ),
            (
                state(2, Some(0), false),
                false,
                0,
                (2, false, false),
                "third bounce, same day",
            ),
            (
                state(3, Some(0), true),
                false,
                1,
                (4, true, false),
                "disabled once, not again",
            ),
            (
                state(2, Some(0), false),
                false,
                stale,
                (1, true, false),
                "a stale score restarts",
            ),
            (
                state(2, Some(0), false),
                false,
                STALE_AFTER_DAYS,
                (3, true, true),
                "not yet stale",
            ),
            (
                state(0, None, false),
                true,
                0,
                (1, true, true),
                "a refusal disables at once",
            ),
            (
                state(1, Some(0), false),
                true,
                0,
                (1, false, true),
                "a refusal the same day",
            ),
            (
                state(1, Some(0), true),
                true,
                0,
                (1, false, false),
                "a refusal of a disabled one",
            ),
        ];
        for (before, immediate, today, (score_, rose, disabled), what) in table {
            let got = score(before, 3, immediate, day(today));
            assert_eq!(
                got,
                BounceScored {
                    score: score_,
                    rose,
                    disabled
                },
                "{what}"
            );
        }
    }
}
