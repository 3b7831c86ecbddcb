//! Owns the digest's charts as data: sessions per week over the program so far (with each
//! week's average rating) and the ratings to date, as bar lengths for the HTML part (table
//! cells of a given width, in pixels and as a share of the row so the bars scale with the
//! screen: no JavaScript, no SVG, no images, so every mail client shows them) and in
//! characters for the text part. Does not render HTML or text itself.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{CHART_WIDTH, Figures};

/// Width in pixels of the longest bar in the HTML charts.
pub const BAR_PIXELS: u32 = 320;
/// The most weeks the chart shows; earlier ones are summed on one line.
pub const MAX_WEEKS: usize = 26;

/// The charts of one digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// The weeks shown, oldest first.
    pub weeks: Vec<WeekBar>,
    /// Weeks before the ones shown, when the program is longer than [`MAX_WEEKS`].
    pub earlier: Option<Earlier>,
    /// The most sessions in one week (the scale of the bars).
    pub busiest: i64,
    /// Ratings 5 down to 1, or `None` while hidden by the privacy minimum.
    pub ratings: Option<Vec<RatingBar>>,
}

/// Weeks folded into one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Earlier {
    pub weeks: usize,
    pub sessions: i64,
}

/// One week's bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekBar {
    /// Its Monday, as `8 Mar`.
    pub label: String,
    pub sessions: i64,
    /// Bar length in pixels, 0..=BAR_PIXELS.
    pub width: u32,
    /// Bar length as a share of the row, in percent (0..=100; at least 1 when not empty):
    /// what the HTML draws, so the chart fits any screen.
    pub share: u32,
    /// The bar as `#` characters for the text part, 0..=CHART_WIDTH of them.
    pub text_bar: String,
    /// The week's average rating as `4.3`, or `None` (no ratings, or fewer than the minimum).
    pub rating: Option<String>,
    /// The week overlaps the digest's period: drawn in the highlight colour.
    pub current: bool,
    /// The whole row for the text part, aligned: `>  8 Mar  ####…   10  ★ 4.3`.
    pub text: String,
}

/// One rating's bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingBar {
    /// 5 down to 1.
    pub stars: u8,
    /// `★★★★☆`.
    pub label: String,
    pub count: i64,
    /// Share of all ratings, rounded.
    pub percent: i64,
    pub width: u32,
    /// Bar length as a share of the row, in percent (as [`WeekBar::share`]).
    pub share: u32,
    pub text_bar: String,
    /// The whole row for the text part, aligned.
    pub text: String,
}

/// `value` scaled so `max` is `full` long; any non-zero value gets at least `least`, so "one
/// session" is visible.
fn scaled(value: i64, max: i64, full: u32, least: u32) -> u32 {
    if value <= 0 || max <= 0 {
        return 0;
    }
    let w = value.saturating_mul(i64::from(full)) / max;
    u32::try_from(w).unwrap_or(full).clamp(least, full)
}

/// A bar's share of its row in percent, at least 1 when `value` is not zero.
pub fn share(value: i64, max: i64) -> u32 {
    scaled(value, max, 100, 1)
}

/// The text bars' length, in characters.
fn cells(value: i64, max: i64) -> usize {
    usize::try_from(scaled(
        value,
        max,
        u32::try_from(CHART_WIDTH).unwrap_or(24),
        1,
    ))
    .unwrap_or(0)
}

/// A week's Monday as `8 Mar`, in English (`upward report`'s text).
pub fn short_date(day: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.get(day.month0() as usize).copied().unwrap_or("");
    format!("{} {month}", day.day())
}

/// The charts for `f`, the weeks of its period marked current, each week's Monday written
/// by `label` (as [`short_date`]).
pub fn chart(f: &Figures, label: &dyn Fn(NaiveDate) -> String) -> Chart {
    build(
        f,
        |week| week + chrono::Duration::days(6) >= f.period_from && week <= f.period_to,
        label,
    )
}

/// The charts for `f` over the whole program, as the final report shows them: no week
/// stands out.
pub fn whole_program(f: &Figures, label: &dyn Fn(NaiveDate) -> String) -> Chart {
    build(f, |_| false, label)
}

fn build(
    f: &Figures,
    is_current: impl Fn(NaiveDate) -> bool,
    label: &dyn Fn(NaiveDate) -> String,
) -> Chart {
    let skip = f.weeks.len().saturating_sub(MAX_WEEKS);
    let earlier = (skip > 0).then(|| Earlier {
        weeks: skip,
        sessions: f.weeks.iter().take(skip).map(|w| w.sessions).sum(),
    });
    let shown = f.weeks.get(skip..).unwrap_or(&[]);
    let busiest = shown.iter().map(|w| w.sessions).max().unwrap_or(0);
    let weeks = shown
        .iter()
        .map(|w| {
            let width = scaled(w.sessions, busiest, BAR_PIXELS, 2);
            let label = label(w.week);
            let text_bar = "#".repeat(cells(w.sessions, busiest));
            let rating = w.average_rating.map(|r| format!("{r:.1}"));
            let current = is_current(w.week);
            let text = format!(
                "{} {label:>6}  {text_bar:<width$} {:>4}{}",
                if current { ">" } else { " " },
                w.sessions,
                rating
                    .as_ref()
                    .map_or(String::new(), |r| format!("  ★ {r}")),
                width = CHART_WIDTH
            );
            WeekBar {
                label,
                sessions: w.sessions,
                width,
                share: share(w.sessions, busiest),
                text_bar,
                rating,
                current,
                text: text.trim_end().to_string(),
            }
        })
        .collect();
    let ratings = f.rating_histogram.map(|h| {
        let total: i64 = h.iter().sum();
        let top = h.iter().copied().max().unwrap_or(0);
        (1..=5u8)
            .rev()
            .map(|stars| {
                let count = h.get(usize::from(stars) - 1).copied().unwrap_or(0);
                let label = format!(
                    "{}{}",
                    "★".repeat(usize::from(stars)),
                    "☆".repeat(usize::from(5 - stars))
                );
                let percent = (count * 100 + total / 2).checked_div(total).unwrap_or(0);
                let text_bar = "#".repeat(cells(count, top));
                let text = format!(
                    " {label}  {text_bar:<width$} {count:>4}  ({percent}%)",
                    width = CHART_WIDTH
                );
                RatingBar {
                    stars,
                    label,
                    count,
                    percent,
                    width: scaled(count, top, BAR_PIXELS, 2),
                    share: share(count, top),
                    text_bar,
                    text,
                }
            })
            .collect()
    });
    Chart {
        weeks,
        earlier,
        busiest,
        ratings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::sample;

    #[test]
    fn bars_scale_to_the_busiest_week_and_a_single_session_stays_visible() {
        let mut f = sample::figures_for_tests();
        for (w, n) in f.weeks.iter_mut().zip([0, 1, 40, 20]) {
            w.sessions = n;
        }
        f.weeks.truncate(4);
        let c = chart(&f, &short_date);
        let widths: Vec<u32> = c.weeks.iter().map(|w| w.width).collect();
        assert_eq!(widths, vec![0, 8, BAR_PIXELS, BAR_PIXELS / 2]);
        let shares: Vec<u32> = c.weeks.iter().map(|w| w.share).collect();
        assert_eq!(
            shares,
            vec![0, 2, 100, 50],
            "a share of the row scales with the screen"
        );
        assert_eq!(
            c.weeks[1].text_bar, "#",
            "one session is one mark, not none"
        );
        assert_eq!(c.weeks[2].text_bar.len(), CHART_WIDTH);
        assert_eq!(c.busiest, 40);
    }

    #[test]
    fn a_long_program_folds_its_early_weeks_into_one_line() {
        let mut f = sample::figures_for_tests();
        let first = f.weeks[0].clone();
        f.weeks = (0..30)
            .map(|i| {
                let mut w = first.clone();
                w.week = first.week + chrono::Duration::weeks(i);
                w.sessions = 1;
                w
            })
            .collect();
        let c = chart(&f, &short_date);
        assert_eq!(c.weeks.len(), MAX_WEEKS);
        assert_eq!(
            c.earlier,
            Some(Earlier {
                weeks: 4,
                sessions: 4
            })
        );
    }

    #[test]
    fn ratings_run_from_five_stars_down_with_their_share() {
        let mut f = sample::figures_for_tests();
        f.rating_histogram = Some([1, 0, 1, 4, 4]);
        let r = chart(&f, &short_date).ratings.unwrap();
        let rows: Vec<(u8, i64, i64)> = r.iter().map(|b| (b.stars, b.count, b.percent)).collect();
        assert_eq!(
            rows,
            vec![(5, 4, 40), (4, 4, 40), (3, 1, 10), (2, 0, 0), (1, 1, 10)]
        );
        assert_eq!(r[0].label, "★★★★★");
        assert_eq!(r[4].label, "★☆☆☆☆");
        f.rating_histogram = None;
        assert_eq!(chart(&f, &short_date).ratings, None);
    }
}
