//! Checks the smaller sections: `[schedule]` (cron and delays), `[unsubscribe]` (the
//! one-click listener) and `[privacy]`.

use crate::config::raw::*;
use crate::config::*;

use super::ctx::Ctx;

pub(super) fn check_schedule(ctx: &mut Ctx, raw: RawSchedule) -> Option<ScheduleSettings> {
    let prompts = ctx.cron(&raw.prompts, "0 9 * * MON", "prompts");
    let hr = ctx.cron(&raw.hr_digest, "0 8 * * MON", "hr_digest");
    let pd = ctx.cron(&raw.participant_digest, "0 8 1 * *", "participant_digest");
    let nudge = ctx.ranged(
        &raw.nudge_after_days,
        14,
        1..=365,
        "schedule.nudge_after_days",
        "days of silence before a pair is nudged",
    );
    let every = ctx.ranged(
        &raw.prompt_every_weeks,
        2,
        0..=12,
        "schedule.prompt_every_weeks",
        "weeks between two prompts to the same person (0: at every occurrence of `prompts`)",
    );
    let window = ctx.ranged(
        &raw.catch_up_window_hours,
        12,
        0..=720,
        "schedule.catch_up_window_hours",
        "hours a missed prompt may still be sent late",
    );
    let final_report = ctx.ranged(
        &raw.final_report_after_days,
        7,
        0..=90,
        "schedule.final_report_after_days",
        "days after the end date before the final report goes to HR (late answers to the closing reflection count until then)",
    );
    Some(ScheduleSettings {
        prompts: prompts?,
        hr_digest: hr?,
        participant_digest: pd?,
        nudge_after_days: u32::try_from(nudge?).ok()?,
        prompt_every_weeks: u32::try_from(every?).ok()?,
        catch_up_window_hours: u32::try_from(window?).ok()?,
        final_report_after_days: u32::try_from(final_report?).ok()?,
    })
}

pub(super) fn check_unsubscribe(ctx: &mut Ctx, raw: RawUnsubscribe) -> Option<UnsubscribeSettings> {
    let url = ctx
        .string_field(&raw.url, "unsubscribe.url")
        .map(|u| u.trim_end_matches('/').to_string());
    let url = match url {
        Some(u)
            if u.len() > "https://".len()
                && u[.."https://".len()].eq_ignore_ascii_case("https://")
                && u.is_ascii()
                && !u.contains(char::is_whitespace)
                && !u.contains(['<', '>', '"', ',', '?', '#']) =>
        {
            Some(u)
        }
        Some(u) => {
            ctx.issue(
                raw.url.span(),
                format!("`unsubscribe.url` must be a plain https address, not `{u}`"),
                "give the public https address your reverse proxy forwards to upward, e.g. url = \"https://mentoring.example.com/unsubscribe\" (mail clients only POST one-click requests over https; no query or fragment)",
            );
            None
        }
        None => None,
    };
    let listen = match &raw.listen {
        None => DEFAULT_UNSUBSCRIBE_LISTEN.parse().ok(),
        Some(l) => match l.get_ref().trim().parse::<std::net::SocketAddr>() {
            Ok(addr) => Some(addr),
            Err(_) => {
                ctx.issue(
                    l.span(),
                    format!("`unsubscribe.listen` is not an address and port: `{}`", l.get_ref().trim()),
                    format!("write an IP address and a port, e.g. listen = \"{DEFAULT_UNSUBSCRIBE_LISTEN}\""),
                );
                None
            }
        },
    };
    let max_connections = ctx.ranged(
        &raw.max_connections,
        64,
        1..=10_000,
        "unsubscribe.max_connections",
        "one-click requests served at once; more are closed at once",
    );
    let timeout = ctx.ranged(
        &raw.timeout_seconds,
        10,
        1..=300,
        "unsubscribe.timeout_seconds",
        "seconds a client may take to send a request's headers, and then its body",
    );
    Some(UnsubscribeSettings {
        url: url?,
        listen: listen?,
        max_connections: usize::try_from(max_connections?).ok()?,
        timeout: std::time::Duration::from_secs(u64::try_from(timeout?).ok()?),
    })
}

pub(super) fn check_privacy(ctx: &mut Ctx, raw: RawPrivacy) -> Option<PrivacySettings> {
    let hr_feedback = match &raw.hr_feedback {
        None => Some(FeedbackVisibility::Aggregate),
        Some(s) => match s.get_ref().trim().to_lowercase().as_str() {
            "aggregate" => Some(FeedbackVisibility::Aggregate),
            "quotes" => Some(FeedbackVisibility::Quotes),
            other => {
                ctx.issue(s.span(), format!("unknown privacy level `{other}`"), "hr_feedback is \"aggregate\" (figures only) or \"quotes\" (figures and quotes from notes)");
                None
            }
        },
    };
    let min_group = ctx.ranged(
        &raw.min_group,
        3,
        1..=1000,
        "privacy.min_group",
        "fewest answers before ratings are shown",
    );
    Some(PrivacySettings {
        hr_feedback: hr_feedback?,
        min_group: u32::try_from(min_group?).ok()?,
    })
}
