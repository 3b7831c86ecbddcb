//! Owns the running daemon: prepares its state (database, outbox, Maildir, signing key),
//! runs until cancelled, and reloads the config on request. Wiring only: the work itself
//! lives in the modules it starts. SIGTERM/SIGINT only cancel the token; SIGHUP asks for a
//! reload, which swaps the config only if the new one is valid.

mod changes;
mod reload;
pub mod scheduler;
pub mod watchdog;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::{error, info, warn};

use crate::config::{Config, ConfigIssue, render_issues};
use crate::inbound::process::sources::ReaderError;
use crate::outbound::OutboundError;
use crate::outbound::secrets::{self, KeyError};
use crate::outbound::sender::SenderError;
use crate::outbound::transport::TransportError;
use crate::pairing::HardRules;
use crate::schedule::Clock;
use crate::store::{Store, StoreError};

/// Why the daemon cannot start (or a config cannot be loaded), and why its mail tasks stop;
/// each keeps its cause as its source.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The program file does not load; every problem is listed.
    #[error("the program file {} is invalid:\n{}", path.display(), render_issues(issues).trim_end())]
    InvalidConfig {
        path: PathBuf,
        issues: Vec<ConfigIssue>,
    },
    /// A directory the daemon writes in cannot be created.
    #[error("creating directory {}", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The folder of the database's lock file cannot be created.
    #[error("creating {}", path.display())]
    LockDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The database's lock file cannot be opened.
    #[error("opening the lock file {}", path.display())]
    OpenLock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Another daemon holds the database's lock.
    #[error(
        "another upward is already running on {} (it holds {}); stop it first",
        db.display(),
        lock.display()
    )]
    AlreadyRunning { db: PathBuf, lock: PathBuf },
    /// The database's lock cannot be taken.
    #[error("locking {}", path.display())]
    Lock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("opening the store {}", path.display())]
    OpenStore {
        path: PathBuf,
        #[source]
        source: StoreError,
    },
    #[error("writing participants to the store")]
    SyncParticipants(#[source] StoreError),
    #[error("releasing messages claimed by a previous run")]
    ReleaseClaims(#[source] StoreError),
    /// The generated signing key cannot be read or created.
    #[error(transparent)]
    SigningKey(#[from] KeyError),
    /// The blocking task that opens the store died.
    #[error("store task")]
    StoreTask(#[source] tokio::task::JoinError),
    #[error(transparent)]
    Unsubscribe(#[from] crate::unsubscribe::Error),
    /// The transport of `[smtp]` (or the file outbox) cannot be built.
    #[error("setting up outbound mail")]
    Outbound(#[source] TransportError),
    /// The inbound reader's pipeline (its templates or key) cannot be built.
    #[error("setting up inbound mail")]
    Inbound(#[source] OutboundError),
    #[error(transparent)]
    Sender(#[from] SenderError),
    #[error(transparent)]
    Reader(#[from] ReaderError),
    #[error("installing the {signal} handler")]
    Signal {
        signal: &'static str,
        #[source]
        source: std::io::Error,
    },
}

/// What the daemon needs from outside: where its config is and what time it is.
pub struct Deps {
    /// The program file, re-read on reload.
    pub config_path: PathBuf,
    pub clock: Arc<dyn Clock>,
}

/// Loads the config, turning its issues into one error that lists them all.
///
/// # Errors
/// The rendered list of problems.
pub fn load_config(path: &Path) -> Result<Config, Error> {
    Config::load_with(path, &HardRules).map_err(|issues| Error::InvalidConfig {
        path: path.to_path_buf(),
        issues,
    })
}

/// Creates the directories and files the daemon writes, if missing: the database's folder,
/// the file outbox, the Maildir inbox (`new`, `cur`, `tmp`).
///
/// # Errors
/// When a directory cannot be created, naming it.
pub fn prepare_state_dirs(config: &Config) -> Result<(), Error> {
    let mut dirs = vec![];
    if config.smtp.is_none() {
        dirs.push(config.outbox.dir.clone());
    }
    for sub in ["new", "cur", "tmp"] {
        dirs.push(config.inbound.maildir.join(sub));
    }
    for dir in dirs {
        std::fs::create_dir_all(&dir).map_err(|source| Error::CreateDir { path: dir, source })?;
    }
    Ok(())
}

/// Takes the database's lock file (`upward.db.lock` beside it) for the daemon's lifetime, so
/// two daemons never deliver from one outbox.
///
/// # Errors
/// When another process holds it, or it cannot be created.
fn lock_database(db: &Path) -> Result<std::fs::File, Error> {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::LockDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path);
    let file = match file {
        Ok(file) => file,
        Err(source) => return Err(Error::OpenLock { path, source }),
    };
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::AlreadyRunning {
            db: db.to_path_buf(),
            lock: path,
        }),
        Err(std::fs::TryLockError::Error(source)) => Err(Error::Lock { path, source }),
    }
}

/// Adds the people HR approved by email (JOIN) to `config`'s participants, as the store
/// has them: HR's file stays the source, and a person in both is taken as the file has
/// them. A store that cannot be read leaves `config` as it is (logged): they are added at
/// the next reload.
pub fn add_joiners(config: &mut Config, store: &Store) {
    match store.approved_joiners(config.program.person_defaults()) {
        Ok(joiners) => {
            let added = config.add_joiners(joiners);
            if added > 0 {
                info!(
                    joiners = added,
                    "people approved by email added to the participants"
                );
            }
        }
        Err(err) => {
            error!(error = %err, "cannot read the people approved by email; they are left out until the next reload");
        }
    }
}

/// Whether someone HR approved by email still waits for their first partner: the fill is
/// due for them.
pub(crate) fn joiners_waiting(store: &Store) -> bool {
    match store.joiners_without_pair() {
        Ok(n) => n > 0,
        Err(err) => {
            error!(error = %err, "cannot read who joined by email; run `upward pair --fill` to pair them");
            false
        }
    }
}

/// Opens the store, adds the people HR approved by email to the config's participants and
/// writes them all into it; returns it with how many people were added or came back (or
/// joined by email and still wait for a partner).
fn open_and_sync(config: &mut Config, clock: &dyn Clock) -> Result<(Store, usize), Error> {
    let mut store = Store::open(&config.store.path).map_err(|source| Error::OpenStore {
        path: config.store.path.clone(),
        source,
    })?;
    add_joiners(config, &store);
    let report = store
        .sync_participants(&config.participants, clock.now())
        .map_err(Error::SyncParticipants)?;
    info!(
        added = report.added,
        updated = report.updated,
        left = report.left,
        rejoined = report.rejoined,
        "participants synced"
    );
    let waiting = usize::from(joiners_waiting(&store));
    Ok((store, report.added + report.rejoined + waiting))
}

/// Runs the daemon until `shutdown` is cancelled; each message on `reload` re-reads the config.
///
/// # Errors
/// Only for problems at start (invalid config, unwritable state); once running, failures are
/// logged and the daemon goes on.
pub async fn run(
    deps: Deps,
    mut reload: mpsc::Receiver<()>,
    shutdown: CancellationToken,
) -> Result<(), Error> {
    let config = load_config(&deps.config_path)?;
    prepare_state_dirs(&config)?;
    let _lock = lock_database(&config.store.path)?;
    let clock = Arc::clone(&deps.clock);
    let (config, store) = tokio::task::spawn_blocking(move || {
        let mut config = config;
        let (mut store, newcomers) = open_and_sync(&mut config, clock.as_ref())?;
        // We hold the database's lock, so rows still claimed belong to a process that died.
        let released = store.release_stale_claims().map_err(Error::ReleaseClaims)?;
        if released > 0 {
            warn!(
                messages = released,
                "a previous run stopped while sending; its messages are queued again"
            );
        }
        if config.program.secret.value().is_none() {
            secrets::ensure_generated_key(&secrets::generated_key_path(&config))?;
        }
        // People HR added while the daemon was stopped get partners now, as on a reload.
        if newcomers > 0 {
            reload::fill_newcomers(&Arc::new(config.clone()), &mut store, clock.now());
        }
        Ok::<_, Error>((config, store))
    })
    .await
    .map_err(Error::StoreTask)??;
    let store = Arc::new(std::sync::Mutex::new(store));
    let open_files = raise_open_file_limit();
    // Bound before READY, so that a taken port stops the start with a clear error.
    let unsubscribe_listener = match &config.unsubscribe {
        Some(settings) => Some(crate::unsubscribe::bind(settings.listen).await?),
        None => None,
    };

    info!(
        program = %config.program.name,
        participants = config.participants.len(),
        transport = %changes::transport_summary(&config),
        inbound = %changes::inbound_summary(&config),
        store = %config.store.path.display(),
        "upward is running"
    );
    notify_service(&[
        sd_notify::NotifyState::Ready,
        sd_notify::NotifyState::Status(&format!(
            "running {} with {} participants",
            config.program.name,
            config.participants.len()
        )),
    ]);
    let mut config = Arc::new(config);
    let beats = watchdog::start(
        config.store.path.clone(),
        Arc::clone(&deps.clock),
        watchdog::Timing::from_env(),
        shutdown.clone(),
    );

    let wake = Arc::new(tokio::sync::Notify::new());
    let joined = Arc::new(tokio::sync::Notify::new());
    // Every commit (the reader's answers, the scheduler's mail, `upward ingest` run by the
    // mail server) wakes the sender; without the watch it looks at the outbox every second.
    let commits = match crate::store::CommitWatch::start(&config.store.path, Arc::clone(&wake)) {
        Ok(watch) => Some(watch),
        Err(err) => {
            warn!(error = %err, "cannot watch the database for commits; the sender looks at the outbox every second instead");
            None
        }
    };
    // The outbox sender and the inbound reader (the Maildir, or IMAP with [inbound.imap]);
    // a reload restarts them on the new [smtp] and [inbound].
    let mut tasks = reload::Tasks::start(
        &config,
        reload::Shared {
            store: Arc::clone(&store),
            clock: Arc::clone(&deps.clock),
            wake: Arc::clone(&wake),
            watching: commits.is_some(),
            shutdown: shutdown.clone(),
            beats: beats.clone(),
            joined: Arc::clone(&joined),
        },
    )?;

    // The scheduler: due jobs queue mail; a reload rebuilds its jobs.
    let (config_tx, config_rx) = tokio::sync::watch::channel(Arc::clone(&config));
    let scheduler = tokio::spawn(scheduler::run_watched(
        scheduler::SchedulerDeps {
            store: Arc::clone(&store),
            clock: Arc::clone(&deps.clock),
            config: config_rx,
            wake: Arc::clone(&wake),
        },
        beats.of(crate::heartbeat::Loop::Scheduler),
        shutdown.clone(),
    ));

    // One-click unsubscribe (RFC 8058), with [unsubscribe].
    let unsubscribe = match unsubscribe_listener {
        Some(listener) => Some(tokio::spawn(crate::unsubscribe::serve(
            listener,
            crate::unsubscribe::UnsubscribeDeps {
                config: config_tx.subscribe(),
                store: Arc::clone(&store),
                clock: Arc::clone(&deps.clock),
                open_files,
            },
            shutdown.clone(),
        ))),
        None => None,
    };

    loop {
        tokio::select! {
            () = shutdown.cancelled() => break,
            Some(()) = reload.recv() => {}
            // NOTE: an approved JOIN is a change of the participants as HR's edit is: the
            // same reload adds the person to the program and the newcomers' fill pairs them.
            () = joined.notified() => info!("someone was approved to join; reloading to pair them"),
        }
        let new = reload::reload_config(&deps.config_path, Arc::clone(&config), &mut tasks).await;
        if !Arc::ptr_eq(&new, &config) {
            config_tx.send_replace(Arc::clone(&new));
        }
        config = new;
    }
    notify_service(&[sd_notify::NotifyState::Stopping]);
    match tokio::time::timeout(std::time::Duration::from_secs(150), scheduler).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => error!(error = %err, "the scheduler task panicked"),
        Err(_) => warn!("the scheduler did not stop in time"),
    }
    tasks.sender.join(reload::SENDER_STOP).await;
    tasks.reader.join(reload::READER_STOP).await;
    if let Some(unsubscribe) = unsubscribe {
        match tokio::time::timeout(std::time::Duration::from_secs(30), unsubscribe).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(err))) => {
                error!(error = %crate::ErrorChain(&err), "one-click unsubscribe failed")
            }
            Ok(Err(err)) => error!(error = %err, "the one-click unsubscribe task panicked"),
            Err(_) => warn!("one-click unsubscribe did not stop in time"),
        }
    }
    info!("upward stopped cleanly");
    Ok(())
}

/// Raises the soft limit of open files to the hard limit where allowed (systemd's default
/// soft limit is 1024 under a much higher hard one), and returns the soft limit in force;
/// `None` when there is none.
fn raise_open_file_limit() -> Option<u64> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if let (Some(current), Some(maximum)) = (limit.current, limit.maximum)
        && current < maximum
    {
        let raised = Rlimit {
            current: Some(maximum),
            maximum: Some(maximum),
        };
        match setrlimit(Resource::Nofile, raised) {
            Ok(()) => {
                info!(from = current, to = maximum, "open-file limit raised");
                return Some(maximum);
            }
            Err(err) => warn!(limit = current, error = %err, "cannot raise the open-file limit"),
        }
    }
    limit.current
}

/// Tells systemd (Type=notify) about the daemon's state; a no-op without NOTIFY_SOCKET.
fn notify_service(states: &[sd_notify::NotifyState<'_>]) {
    if let Err(err) = sd_notify::notify(states) {
        warn!(error = %err, "cannot notify the service manager");
    }
}

/// Runs the daemon under the process's signals: SIGTERM/SIGINT stop it, SIGHUP reloads.
///
/// # Errors
/// As [`run`], or when the signal handlers cannot be installed.
pub async fn run_with_signals(deps: Deps) -> Result<(), Error> {
    use tokio::signal::unix::{SignalKind, signal};
    let shutdown = CancellationToken::new();
    let (reload_tx, reload_rx) = mpsc::channel(4);
    let install = |kind, name| {
        signal(kind).map_err(|source| Error::Signal {
            signal: name,
            source,
        })
    };
    let mut term = install(SignalKind::terminate(), "SIGTERM")?;
    let mut int = install(SignalKind::interrupt(), "SIGINT")?;
    let mut hup = install(SignalKind::hangup(), "SIGHUP")?;
    let token = shutdown.clone();
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = term.recv() => { info!("SIGTERM received; shutting down"); token.cancel(); break; }
                _ = int.recv() => { info!("SIGINT received; shutting down"); token.cancel(); break; }
                _ = hup.recv() => {
                    if reload_tx.try_send(()).is_err() {
                        warn!("a reload is already pending; this SIGHUP is merged with it");
                    }
                }
            }
        }
    });
    run(deps, reload_rx, shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_directory_that_cannot_be_made_keeps_its_cause() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("mail");
        std::fs::write(&blocker, "a file where the Maildir goes").unwrap();
        let mut config = crate::config::test_support::program()
            .person("Ann Lee", "mentor", 1, &[])
            .person("Bob Stone", "mentee", 6, &[])
            .build();
        config.outbox.dir = dir.path().join("outbox");
        config.inbound.maildir = blocker.clone();
        let err = prepare_state_dirs(&config).unwrap_err();
        let cause = err.source().expect("the io error is kept as the source");
        assert!(
            cause.downcast_ref::<std::io::Error>().is_some(),
            "{cause:?}"
        );
        let shown = crate::ErrorChain(&err).to_string();
        assert!(
            shown.starts_with(&format!(
                "creating directory {}: ",
                blocker.join("new").display()
            )),
            "{shown}"
        );
    }

    #[test]
    fn a_person_approved_by_email_is_kept_by_the_csv_sync_and_paired_by_the_fill() {
        use crate::vocab::JoinStatus;
        let dir = tempfile::tempdir().unwrap();
        let at = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&chrono::Utc)
        };
        let mut config = crate::config::test_support::program()
            .section("[pairing]\nmin_level_gap = 1")
            .person("Ann Lee", "mentor", 1, &["department = \"Sales\""])
            .person("Bob Stone", "mentee", 6, &["department = \"Finance\""])
            .person("Fay Oda", "mentee", 6, &["department = \"Risk\""])
            .build_at(&dir.path().join("program.toml"));
        config.store.path = dir.path().join("upward.db");
        let csv_only = config.clone();
        let mut store = Store::open(&config.store.path).unwrap();
        store
            .sync_participants(&config.participants, at("2027-01-10T09:00:00Z"))
            .unwrap();
        let pair = |m: &str, e: &str| crate::store::NewPair {
            mentor: format!("{m}@acme.example"),
            mentee: format!("{e}@acme.example"),
            score: 5,
            reasons: "because".into(),
        };
        store
            .create_round("start", &[pair("ann", "bob")], at("2027-01-11T09:00:00Z"))
            .unwrap();
        let kim = crate::config::test_support::joiner();
        let now = at("2027-01-20T12:00:00Z");
        store
            .write(|tx| {
                let id = tx.add_join_request(&kim, None, crate::vocab::JoinStatus::Pending, now)?;
                tx.settle_join(id, JoinStatus::Approved, "hr@acme.example", None, None, now)
            })
            .unwrap();
        // HR's file, synced again (a SIGHUP), keeps her.
        let report = store
            .sync_participants(&csv_only.participants, now)
            .unwrap();
        assert_eq!(report.left, 0);
        assert!(joiners_waiting(&store));
        // The reload that follows an approval: her in the participants, then the fill.
        add_joiners(&mut config, &store);
        assert_eq!(config.participants.len(), 4);
        store.sync_participants(&config.participants, now).unwrap();
        reload::fill_newcomers(&Arc::new(config), &mut store, now);
        let kim_id = store.participant_id("kim@acme.example").unwrap().unwrap();
        assert_eq!(
            store.query_i64(&format!(
                "SELECT count(*) FROM pairs WHERE mentor_id = {kim_id} AND status = 'active'"
            )),
            1,
            "paired with Fay, the one free mentee"
        );
        assert_eq!(
            store.query_i64("SELECT count(*) FROM outbox WHERE kind = 'intro'"),
            1
        );
        assert!(!joiners_waiting(&store));
    }

    #[test]
    fn a_second_daemon_on_one_database_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("upward.db");
        let _held = lock_database(&db).unwrap();
        let err = lock_database(&db).unwrap_err();
        assert!(matches!(err, Error::AlreadyRunning { .. }), "{err:?}");
        assert!(
            err.to_string().starts_with(&format!(
                "another upward is already running on {}",
                db.display()
            )),
            "{err}"
        );
    }
}
