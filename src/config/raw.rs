//! Owns the serde mirror of `program.toml`: field names, defaults and types exactly as HR
//! writes them. Does not judge values; `validate` turns these into a checked `Config`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// `[program]`: who runs the program, its addresses, dates and time zone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProgram {
    pub name: Spanned<String>,
    pub coordinator: Spanned<String>,
    pub from: Spanned<String>,
    pub reply_to: Spanned<String>,
    pub bounce_address: Option<Spanned<String>>,
    pub timezone: Option<Spanned<String>>,
    pub start: Spanned<Datetime>,
    pub end: Spanned<Datetime>,
    pub secret_env: Option<Spanned<String>>,
    pub secret_file: Option<Spanned<String>>,
    /// Caught only to refuse it with a clear message: secrets never live in the config.
    pub secret: Option<Spanned<toml::Value>>,
    pub propose_first_meeting: Option<bool>,
    pub templates: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
}

/// One `[[participants]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawParticipant {
    pub name: Spanned<String>,
    pub email: Spanned<String>,
    pub role: Spanned<String>,
    pub level: Spanned<i64>,
    pub department: Option<Spanned<String>>,
    pub manager: Option<Spanned<String>>,
    pub timezone: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
    #[serde(default)]
    pub languages: Vec<Spanned<String>>,
    #[serde(default)]
    pub offers: Vec<Spanned<String>>,
    #[serde(default)]
    pub wants: Vec<Spanned<String>>,
    pub capacity: Option<Spanned<i64>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    pub hours: Option<Spanned<String>>,
}

/// `[pairing]`: hard constraints, weights, synonyms and forced pairs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPairing {
    pub min_level_gap: Option<Spanned<i64>>,
    pub different_department: Option<bool>,
    pub avoid_reporting_line: Option<bool>,
    pub allow_repeat: Option<bool>,
    pub require_common_language: Option<bool>,
    pub min_overlap_minutes: Option<Spanned<i64>>,
    pub rematch_every_weeks: Option<Spanned<i64>>,
    pub no_round_in_last_weeks: Option<Spanned<i64>>,
    #[serde(default)]
    pub weights: RawWeights,
    #[serde(default)]
    pub synonyms: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub fixed: Vec<RawFixedPair>,
}

/// `[pairing.weights]`: how much each soft criterion counts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWeights {
    pub mentor_offers: Option<Spanned<i64>>,
    pub mentee_offers: Option<Spanned<i64>>,
    pub overlap_per_hour: Option<Spanned<i64>>,
    pub cross_department: Option<Spanned<i64>>,
}

/// One `[[pairing.fixed]]` entry: a pair HR forces.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFixedPair {
    pub mentor: Spanned<String>,
    pub mentee: Spanned<String>,
}

/// `[schedule]`: cron strings and the timing rules around them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSchedule {
    pub prompts: Option<Spanned<String>>,
    pub hr_digest: Option<Spanned<String>>,
    pub participant_digest: Option<Spanned<String>>,
    pub nudge_after_days: Option<Spanned<i64>>,
    pub prompt_every_weeks: Option<Spanned<i64>>,
    pub catch_up_window_hours: Option<Spanned<i64>>,
    pub final_report_after_days: Option<Spanned<i64>>,
}

/// `[smtp]`: the relay upward submits to. Absent means the file outbox.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSmtp {
    pub host: Spanned<String>,
    pub port: Option<Spanned<i64>>,
    pub security: Option<Spanned<String>>,
    pub username: Option<Spanned<String>>,
    pub password_env: Option<Spanned<String>>,
    pub password_file: Option<Spanned<String>>,
    /// Caught only to refuse it with a clear message.
    pub password: Option<Spanned<toml::Value>>,
    pub rate_per_minute: Option<Spanned<i64>>,
    pub timeout_seconds: Option<Spanned<i64>>,
    pub retry_first_seconds: Option<Spanned<i64>>,
    pub retry_max_seconds: Option<Spanned<i64>>,
    pub connections: Option<Spanned<i64>>,
    pub ca_file: Option<Spanned<String>>,
}

/// `[inbound]`: where replies are read from. Absent means the Maildir `var/inbox`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawInbound {
    pub maildir: Option<Spanned<String>>,
    pub max_message_bytes: Option<Spanned<i64>>,
    /// `authserv-id`s of the organisation's own mail servers, whose Authentication-Results
    /// vouch for a sender.
    #[serde(default)]
    pub trusted_authserv_ids: Vec<Spanned<String>>,
    /// Addresses that send mailbox providers' feedback-loop complaints.
    #[serde(default)]
    pub feedback_loop_senders: Vec<Spanned<String>>,
    pub quarantine_days: Option<Spanned<i64>>,
    pub imap: Option<RawImap>,
}

/// `[inbound.imap]`: the program's mailbox on an IMAP server.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImap {
    pub host: Spanned<String>,
    pub port: Option<Spanned<i64>>,
    pub security: Option<Spanned<String>>,
    pub username: Spanned<String>,
    pub password_env: Option<Spanned<String>>,
    pub password_file: Option<Spanned<String>>,
    /// Caught only to refuse it with a clear message.
    pub password: Option<Spanned<toml::Value>>,
    pub folder: Option<Spanned<String>>,
    pub processed_folder: Option<Spanned<String>>,
    pub ca_file: Option<Spanned<String>>,
    pub poll_seconds: Option<Spanned<i64>>,
    pub reconnect_max_seconds: Option<Spanned<i64>>,
}

/// `[privacy]`: what HR may read of participants' feedback.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPrivacy {
    pub hr_feedback: Option<Spanned<String>>,
    pub min_group: Option<Spanned<i64>>,
}

/// `[store]`: where the SQLite database lives.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStore {
    pub path: Option<Spanned<String>>,
}

/// `[outbox]`: where the file transport writes messages when there is no `[smtp]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOutbox {
    pub dir: Option<Spanned<String>>,
    pub bounce_threshold: Option<Spanned<i64>>,
}

/// `[dkim]`: sign outgoing mail with this key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDkim {
    pub selector: Spanned<String>,
    pub key_file: Spanned<String>,
    pub algorithm: Option<Spanned<String>>,
    pub domain: Option<Spanned<String>>,
}

/// `[unsubscribe]`: one-click unsubscribe over HTTPS (RFC 8058).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnsubscribe {
    pub url: Spanned<String>,
    pub listen: Option<Spanned<String>>,
    pub max_connections: Option<Spanned<i64>>,
    pub timeout_seconds: Option<Spanned<i64>>,
}

/// The top-level sections, by name, as they may appear in the file.
pub(crate) const SECTIONS: &[&str] = &[
    "program",
    "participants",
    "pairing",
    "schedule",
    "smtp",
    "inbound",
    "privacy",
    "store",
    "outbox",
    "dkim",
    "unsubscribe",
];
