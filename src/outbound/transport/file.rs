//! The file transport: each message written whole as `DIR/<message-id>.eml`, the bytes SMTP
//! would carry, atomically (a reader sees all of a message or none).

use std::io;
use std::path::{Path, PathBuf};

use super::{BoxFuture, Outgoing, SendReport, Transport, TransportError};

/// The file of the message `message_id` in a file outbox `dir`: its Message-ID with anything
/// unsafe in a name replaced.
pub fn eml_path(dir: &Path, message_id: &str) -> PathBuf {
    let name: String = message_id
        .trim_matches(|c| c == '<' || c == '>')
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@') {
                c
            } else {
                '_'
            }
        })
        .collect();
    dir.join(format!("{name}.eml"))
}

/// Writes each message as `DIR/<message-id>.eml`: the bytes SMTP would carry, nothing added.
#[derive(Debug, Clone)]
pub struct FileTransport {
    dir: PathBuf,
}

impl FileTransport {
    /// A transport writing into `dir` (created if missing).
    pub fn new(dir: PathBuf) -> FileTransport {
        FileTransport { dir }
    }

    /// The file a message goes to: its Message-ID with anything unsafe in a name replaced.
    pub fn path_for(&self, message_id: &str) -> PathBuf {
        eml_path(&self.dir, message_id)
    }

    pub(super) fn write(&self, message_id: &str, bytes: &[u8]) -> io::Result<()> {
        use std::io::Write;
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path_for(message_id);
        let tmp = path.with_extension("eml.tmp");
        {
            // A leftover from a crash may have other permissions: start afresh.
            match std::fs::remove_file(&tmp) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            // NOTE: 0600 like the database: a message holds a person's name, address, reply
            // token and what their partner wrote.
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options.open(&tmp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        // NOTE: rename is atomic: a reader sees the whole message or none, and a retry of the
        // same message replaces the file instead of adding a second one.
        std::fs::rename(&tmp, &path)
    }
}

impl Transport for FileTransport {
    fn send<'a>(&'a self, msg: Outgoing<'a>) -> BoxFuture<'a, Result<SendReport, TransportError>> {
        Box::pin(async move {
            let this = self.clone();
            let id = msg.message_id.to_string();
            let bytes = msg.bytes.to_vec();
            tokio::task::spawn_blocking(move || this.write(&id, &bytes))
                .await
                .map_err(|e| TransportError::Temporary(format!("file writer task: {e}")))?
                .map_err(|e| {
                    TransportError::Temporary(format!(
                        "cannot write to {}: {e}",
                        self.dir.display()
                    ))
                })?;
            Ok(SendReport::default())
        })
    }

    fn describe(&self) -> String {
        format!("file {}", self.dir.display())
    }
}
