//! Owns the program's configuration: `program.toml` (and the participants CSV it may name)
//! read into typed, validated structs, with every problem reported at once with its place
//! and a fix. Does not touch the store, the network or the clock, and never writes files.
//!
//! Paths that belong to the program's definition (the participants CSV, `templates/`, secret
//! files) are relative to the directory of `program.toml`. Paths of state the daemon writes
//! (`[store] path`, `[outbox] dir`, `[inbound] maildir`) are relative to the working
//! directory, like any daemon's state (systemd's `WorkingDirectory=`/`StateDirectory=`).

mod ca;
mod dkim;
mod fields;
mod issue;
mod participants;
mod raw;
#[cfg(test)]
pub(crate) mod test_support;
mod validate;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

pub use crate::vocab::Lang;

pub use crate::time::cron::CronSpec;
#[cfg(test)]
pub(crate) use ca::test_ca_pem;
pub use ca::{CaError, CaFile};
pub use dkim::{DkimKey, DkimKeyError, record_tags, same_key, zone_text};
pub use issue::{ConfigIssue, Loc, render_issues};
pub use participants::{CSV_COLUMNS, FieldProblem, csv_row, participant_from_fields};
#[cfg(test)]
pub(crate) use test_support::TEST_PROGRAM;
pub use validate::normalize_topic;

/// A checked program configuration. Only `config` builds one, so holding one means every
/// value in it was validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from, for messages and for SIGHUP reloads.
    pub path: PathBuf,
    /// Directory of `path`: the base of the program's own relative paths.
    pub base_dir: PathBuf,
    pub program: Program,
    pub participants: Vec<Participant>,
    pub pairing: PairingSettings,
    pub schedule: ScheduleSettings,
    /// `None` means the file outbox.
    pub smtp: Option<SmtpSettings>,
    pub inbound: InboundSettings,
    pub privacy: PrivacySettings,
    pub store: StoreSettings,
    pub outbox: OutboxSettings,
    /// The DKIM keys every email is signed with, one signature each (`[dkim]`, or several
    /// `[[dkim]]`: RSA beside Ed25519). Empty: mail is not DKIM-signed (the relay may sign it).
    pub dkim: Vec<DkimSettings>,
    /// `None`: unsubscribing is by email only (`List-Unsubscribe: <mailto:…>`).
    pub unsubscribe: Option<UnsubscribeSettings>,
}

/// `[unsubscribe]`, checked: where one-click unsubscribe requests arrive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsubscribeSettings {
    /// The public https address, without a trailing slash; each email's link is
    /// `{url}/{token}`.
    pub url: String,
    /// Where the daemon listens for the requests the reverse proxy forwards.
    pub listen: std::net::SocketAddr,
    /// Connections served at once; more are closed at once, so that stalled clients cannot
    /// take the descriptors the reader and the sender need. Lowered further at start to
    /// leave a reserve under the process's open-file limit.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers, and then its body.
    pub timeout: std::time::Duration,
}

/// The default listening address of `[unsubscribe]`: loopback only, behind a proxy.
pub const DEFAULT_UNSUBSCRIBE_LISTEN: &str = "127.0.0.1:8025";

/// One `[dkim]` key, checked: its key parsed at load.
#[derive(Debug, Clone, PartialEq)]
pub struct DkimSettings {
    pub selector: String,
    /// The signing domain (`d=`); by default the From address's domain.
    pub domain: String,
    /// What the key is (read from the key itself; `algorithm` in the file only checks it).
    pub algorithm: DkimAlgorithm,
    /// The private key as read from `key_file` (PEM PKCS#1 or PKCS#8, or an Ed25519 key's 32
    /// bytes in base64).
    pub key: Secret,
}

/// A DKIM signing algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DkimAlgorithm {
    Rsa,
    Ed25519,
}

/// `[program]`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub name: String,
    /// Where HR digests go.
    pub coordinator: String,
    /// The From mailbox of every email.
    pub from: Mailbox,
    /// Reply address with a `{token}` placeholder, e.g. `mentoring+{token}@acme.example`.
    pub reply_to: String,
    /// Envelope sender pattern with `{token}` for VERP, when bounces should name their message.
    pub bounce_address: Option<String>,
    /// The program's own time zone: dates, digests and HR-facing times.
    pub timezone: Tz,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The key that signs reply tokens.
    pub secret: SecretSource,
    /// Whether introductions carry an .ics invite for a first 30-minute meeting.
    pub propose_first_meeting: bool,
    /// Directory of HR's template overrides (absolute or relative to `base_dir`, resolved).
    pub templates_dir: PathBuf,
    /// The language of the coordinator's emails and of participants who name none.
    pub language: Lang,
}

/// What a person's time zone and language are when they do not say: the program's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonDefaults {
    pub timezone: Tz,
    pub language: Lang,
}

impl Program {
    /// The program's time zone and language, for people who name neither.
    pub fn person_defaults(&self) -> PersonDefaults {
        PersonDefaults {
            timezone: self.timezone,
            language: self.language,
        }
    }
}

/// A display name and an address, as in `Upward at Acme <mentoring@acme.example>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    pub email: String,
}

impl fmt::Display for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} <{}>", self.email),
            None => f.write_str(&self.email),
        }
    }
}

/// Whether a participant teaches (the junior "mentor") or learns (the senior "mentee").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Mentor,
    Mentee,
}

impl Role {
    /// The word HR writes in the config.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Mentee => "mentee",
        }
    }

    /// The other side of a pair.
    pub fn other(self) -> Role {
        match self {
            Role::Mentor => Role::Mentee,
            Role::Mentee => Role::Mentor,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = UnknownRole;

    /// `mentor` or `mentee`, in any case, as HR writes it and the store keeps it.
    fn from_str(s: &str) -> Result<Role, UnknownRole> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mentor" => Ok(Role::Mentor),
            "mentee" => Ok(Role::Mentee),
            _ => Err(UnknownRole(s.to_string())),
        }
    }
}

/// A word that is neither `mentor` nor `mentee`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a role: write mentor or mentee")]
pub struct UnknownRole(pub String);

/// One participant, checked: the address is lowercased, lists are trimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub name: String,
    /// Lowercased: addresses compare case-insensitively everywhere.
    pub email: String,
    pub role: Role,
    /// Seniority: a bigger number is more senior.
    pub level: i64,
    pub department: Option<String>,
    /// The manager's address (a participant), for the reporting-line constraint.
    pub manager: Option<String>,
    pub timezone: Tz,
    pub languages: Vec<String>,
    /// The language of this person's emails: their `language`, else the first of their
    /// `languages` the program writes, else the program's.
    pub language: Lang,
    /// Topics this person can teach.
    pub offers: Vec<String>,
    /// Topics this person wants to learn.
    pub wants: Vec<String>,
    /// How many partners this person may take at once.
    pub capacity: u32,
    /// Addresses of people this person must not be paired with.
    pub exclude: Vec<String>,
    /// Working hours in the person's own time zone.
    pub hours: Option<WorkingHours>,
}

/// A daily window of local working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WorkingHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// `[pairing]`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PairingSettings {
    /// The mentor must be at least this many levels below the mentee.
    pub min_level_gap: i64,
    /// Never pair two people of the same department.
    pub different_department: bool,
    /// Never pair people in each other's reporting line (manager chain, any depth).
    pub avoid_reporting_line: bool,
    /// Allow a pair that already met in an earlier round.
    pub allow_repeat: bool,
    /// Require a shared language when both list languages.
    pub require_common_language: bool,
    /// Minimum overlap of working hours, when both give hours.
    pub min_overlap_minutes: u32,
    /// Weeks between rematch rounds; `None` means one round for the whole program.
    pub rematch_every_weeks: Option<u32>,
    /// No rematch round starts within this many weeks of the end date: too late to start
    /// a new pairing.
    pub no_round_in_last_weeks: u32,
    pub weights: Weights,
    /// Topic synonyms, normalised: each alias maps to its canonical topic.
    pub synonyms: Vec<(String, String)>,
    /// Pairs HR forces: (mentor email, mentee email).
    pub fixed: Vec<(String, String)>,
}

/// How much each soft criterion adds to a pair's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    /// Per topic the mentor offers that the mentee wants.
    pub mentor_offers: u32,
    /// Per topic the mentee offers that the mentor wants (the relationship runs both ways).
    pub mentee_offers: u32,
    /// Per hour of shared working time.
    pub overlap_per_hour: u32,
    /// When the two are in different departments.
    pub cross_department: u32,
}

/// `[schedule]`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleSettings {
    /// Reflection prompts, evaluated in each participant's own time zone.
    pub prompts: CronSpec,
    /// The HR digest, in the program's time zone.
    pub hr_digest: CronSpec,
    /// The participant digest, in each participant's time zone.
    pub participant_digest: CronSpec,
    /// A pair silent this long gets a nudge.
    pub nudge_after_days: u32,
    /// Each person is asked about a pair at most once in this many weeks, and a pair that
    /// reported in that time is not asked (the prompts' cron only says on which day and hour);
    /// 0: at every occurrence of the cron, to everyone.
    pub prompt_every_weeks: u32,
    /// A missed occurrence later than this is skipped, not caught up.
    pub catch_up_window_hours: u32,
    /// The final report goes to HR this many days after the end date (at 09:00 in the
    /// program's zone), so that late answers to the closing reflection count; 0: on the end
    /// date itself, after the closing reflection.
    pub final_report_after_days: u32,
}

/// How a connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain text: only for a relay on the same host or network.
    None,
    /// Upgrade with STARTTLS (SMTP submission on 587, IMAP on 143).
    StartTls,
    /// Implicit TLS from the first byte (SMTPS 465, IMAPS 993).
    Tls,
}

/// Where a secret comes from. The config names the source; the value never appears in it.
#[derive(Clone, PartialEq, Eq)]
pub enum SecretSource {
    /// Read from an environment variable at load time.
    Env { var: String, value: Secret },
    /// Read from a file at load time.
    File { path: PathBuf, value: Secret },
    /// No source configured: the daemon keeps a generated key beside its database.
    Generated,
}

impl fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretSource::Env { var, .. } => write!(f, "Env({var})"),
            SecretSource::File { path, .. } => write!(f, "File({})", path.display()),
            SecretSource::Generated => f.write_str("Generated"),
        }
    }
}

impl SecretSource {
    /// The secret's value, if it came from the environment or a file.
    pub fn value(&self) -> Option<&Secret> {
        match self {
            SecretSource::Env { value, .. } | SecretSource::File { value, .. } => Some(value),
            SecretSource::Generated => None,
        }
    }
}

/// A secret value. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value read from the environment or a file.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for the one place that needs it (signing, AUTH).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// `[smtp]`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    pub password: Option<SecretSource>,
    /// Messages per minute at most; `None` means as fast as the relay accepts.
    pub rate_per_minute: Option<u32>,
    pub timeout_seconds: u64,
    /// The wait before the first retry of a temporary failure; each later wait doubles.
    pub retry_first_seconds: u64,
    /// The longest wait between two attempts.
    pub retry_max_seconds: u64,
    /// Parallel connections to the relay.
    pub connections: u32,
    /// Extra CA certificates to trust besides the system's, for a relay whose certificate a
    /// private CA signed; read and checked at load.
    pub ca_file: Option<CaFile>,
}

/// `[inbound]`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct InboundSettings {
    /// The Maildir replies are read from when there is no IMAP (and always for `ingest`).
    pub maildir: PathBuf,
    /// Bigger messages are quarantined before parsing.
    pub max_message_bytes: u64,
    /// The `authserv-id`s (lowercased) of the organisation's mail servers: a message whose
    /// topmost Authentication-Results from one of them shows DMARC pass, or DKIM pass
    /// aligned with the From domain, counts as its sender's without a reply token.
    pub trusted_authserv_ids: Vec<String>,
    /// Senders (lowercased) of mailbox providers' feedback-loop complaints: a complaint from
    /// one of them stops its recipient even when it does not carry our own message.
    pub feedback_loop_senders: Vec<String>,
    /// Days the kept part of a quarantined message (and a message set aside in the
    /// Maildir's `quarantine/`) is kept before it is dropped.
    pub quarantine_days: u32,
    pub imap: Option<ImapSettings>,
}

/// `[inbound.imap]`, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub password: SecretSource,
    pub folder: String,
    /// Where handled messages are moved; `None` means they are flagged \Seen in place.
    pub processed_folder: Option<String>,
    /// Extra CA certificates (PEM) to trust besides the system's, for a private server.
    pub ca_file: Option<PathBuf>,
    /// How often to look for new mail when the server has no IDLE, and the longest IDLE wait.
    pub poll_seconds: u64,
    /// The longest wait between two attempts to reconnect after the server went away (the
    /// wait doubles from one second up to this).
    pub reconnect_max_seconds: u64,
}

/// What HR may read of participants' feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackVisibility {
    /// Figures only.
    Aggregate,
    /// Figures and quotes from the notes.
    Quotes,
}

/// `[privacy]`, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivacySettings {
    pub hr_feedback: FeedbackVisibility,
    /// Ratings are hidden when fewer people than this answered.
    pub min_group: u32,
}

/// `[store]`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreSettings {
    pub path: PathBuf,
}

/// `[outbox]`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxSettings {
    /// Where the file transport writes `.eml` files.
    pub dir: PathBuf,
    /// Hard bounces, on distinct days, that disable an address.
    pub bounce_threshold: u32,
}

/// The hard rules a fixed pair must meet. They belong to pairing (which implements this
/// trait); config only asks them, with plain data, so that `check` lists an impossible fixed
/// pair at its line together with every other problem, and config never imports pairing.
pub trait FixedPairRules {
    /// For each (mentor, mentee) address pair in `pairs`, in order, one sentence per rule
    /// that blocks it; an empty list when the pair is possible. Hours are compared on `date`.
    fn why_not(
        &self,
        participants: &[Participant],
        settings: &PairingSettings,
        date: NaiveDate,
        pairs: &[(&str, &str)],
    ) -> Vec<Vec<String>>;
}

impl Config {
    /// Adds the people HR approved by email (JOIN) who are not in the participants list: HR's
    /// list stays the source, so a person in both is taken as the list has them. Returns how
    /// many were added.
    pub fn add_joiners(&mut self, joiners: Vec<Participant>) -> usize {
        let before = self.participants.len();
        for joiner in joiners {
            if !self.participants.iter().any(|p| p.email == joiner.email) {
                self.participants.push(joiner);
            }
        }
        self.participants.len() - before
    }

    /// Reads and validates the program at `path`, and the participants CSV it names, except
    /// the hard rules of fixed pairs (pairing owns those): what a program that runs must pass
    /// is [`Config::load_with`] and pairing's rules.
    ///
    /// # Errors
    /// Every problem found, each with file, line, column and a fix.
    pub fn load(path: &Path) -> Result<Config, Vec<ConfigIssue>> {
        Config::read(path, None)
    }

    /// Reads and validates the program at `path` as [`Config::load`] does, and asks `rules`
    /// whether each fixed pair is possible, so an impossible one is reported at its line
    /// with every other problem.
    ///
    /// # Errors
    /// Every problem found, each with file, line, column and a fix.
    pub fn load_with(path: &Path, rules: &dyn FixedPairRules) -> Result<Config, Vec<ConfigIssue>> {
        Config::read(path, Some(rules))
    }

    fn read(path: &Path, rules: Option<&dyn FixedPairRules>) -> Result<Config, Vec<ConfigIssue>> {
        let text = std::fs::read_to_string(path).map_err(|err| {
            vec![ConfigIssue::new(
                Loc::start_of(&std::sync::Arc::from(path)),
                format!("cannot read the program file: {err}"),
                "check the path given with -c/--config (default ./program.toml)",
            )]
        })?;
        validate::validate_document(&text, path, rules)
    }

    /// Validates `text` as if it were the file at `path` (which need not exist, unless the
    /// text names a participants CSV relative to it), except the hard rules of fixed pairs.
    ///
    /// # Errors
    /// Every problem found, each with file, line, column and a fix.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str, path: &Path) -> Result<Config, Vec<ConfigIssue>> {
        validate::validate_document(text, path, None)
    }

    /// Validates `text` as [`Config::from_str`] does, and asks `rules` whether each fixed
    /// pair is possible.
    ///
    /// # Errors
    /// Every problem found, each with file, line, column and a fix.
    pub fn from_str_with(
        text: &str,
        path: &Path,
        rules: &dyn FixedPairRules,
    ) -> Result<Config, Vec<ConfigIssue>> {
        validate::validate_document(text, path, Some(rules))
    }

    /// The participant with this address (any case), if any.
    pub fn participant(&self, email: &str) -> Option<&Participant> {
        let email = email.to_lowercase();
        self.participants.iter().find(|p| p.email == email)
    }

    /// The part of the reply address after `@`: the domain of Message-IDs and tokens.
    pub fn domain(&self) -> &str {
        self.program
            .reply_to
            .rsplit_once('@')
            .map_or("localhost", |(_, d)| d)
    }
}

#[cfg(test)]
mod role_tests {
    use super::{Role, UnknownRole};

    #[test]
    fn a_role_reads_back_what_it_writes_and_names_a_wrong_word() {
        for role in [Role::Mentor, Role::Mentee] {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(role.to_string(), role.as_str());
            assert_eq!(role.other().other(), role);
            assert_ne!(role.other(), role);
        }
        assert_eq!(" Mentee ".parse::<Role>(), Ok(Role::Mentee));
        let err = "mentr".parse::<Role>().unwrap_err();
        assert_eq!(err, UnknownRole("mentr".into()));
        assert!(err.to_string().contains("write mentor or mentee"), "{err}");
    }
}
