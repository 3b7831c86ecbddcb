//! Owns what FORGET ME erases outside the database's rows, once the erasure is committed:
//! the `.eml` copies of emails to or about the person in the file outbox, their messages in
//! the Maildir (`cur/` and `quarantine/`), and what the database file itself still holds in
//! free pages and its write-ahead log. Does not decide who is erased (see `confirm.rs`).

use std::io::Read;
use std::path::Path;

use tracing::{info, warn};

use super::Ingest;
use crate::outbound::token::forgotten_marker;
use crate::store::{Forgotten, Store};

/// Bytes of a Maildir file read to find its sender: the headers, with room to spare.
const HEADER_BYTES: u64 = 64 * 1024;

impl Ingest {
    /// The marker kept of a forgotten address (see [`forgotten_marker`]).
    pub(super) fn marker(&self, email: &str) -> String {
        forgotten_marker(self.composer.key(), email)
    }

    /// Erases what the people in `erased` left outside the database's rows. Failures are
    /// logged, never fatal: the database no longer names them either way.
    pub(super) fn erase_outside_the_store(&self, store: &mut Store, erased: &[Forgotten]) {
        let outbox = &self.config.outbox.dir;
        let maildir = &self.config.inbound.maildir;
        for person in erased {
            let mut files = 0usize;
            for id in &person.outbox_message_ids {
                let path = crate::outbound::transport::eml_path(outbox, id);
                match std::fs::remove_file(&path) {
                    Ok(()) => files += 1,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        warn!(file = %path.display(), error = %e, "cannot delete an outbox copy of a forgotten person's mail")
                    }
                }
            }
            for folder in ["cur", "new", "quarantine"] {
                files += remove_their_mail(&maildir.join(folder), person);
            }
            info!(files, "a forgotten person's mail copies deleted");
        }
        match store.scrub() {
            Ok(()) => info!("the database file was rewritten without what was erased"),
            Err(err) => {
                warn!(error = %err, "cannot rewrite the database file yet; erased rows may stay readable in free pages until the next erasure");
            }
        }
    }
}

/// Deletes the messages in `dir` that `person` sent (their address in `From:`, or one of
/// their Message-IDs); returns how many.
fn remove_their_mail(dir: &Path, person: &Forgotten) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let address = person.email.to_lowercase();
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let mut head = Vec::new();
        let read =
            std::fs::File::open(&path).and_then(|f| f.take(HEADER_BYTES).read_to_end(&mut head));
        if read.is_err() {
            continue;
        }
        if sent_by(&head, &address, &person.their_message_ids) {
            match std::fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(e) => {
                    warn!(file = %path.display(), error = %e, "cannot delete a forgotten person's message");
                }
            }
        }
    }
    removed
}

/// Whether the header block of `raw` names `address` in `From:` or has one of `ids` as its
/// Message-ID.
fn sent_by(raw: &[u8], address: &str, ids: &[String]) -> bool {
    let text = String::from_utf8_lossy(raw);
    let headers = text
        .split("\n\n")
        .next()
        .unwrap_or("")
        .replace("\r\n", "\n");
    let mut field = String::new();
    let mut fields = Vec::new();
    for line in headers.lines() {
        if line.starts_with([' ', '\t']) {
            field.push_str(line);
        } else {
            fields.push(std::mem::take(&mut field));
            field.push_str(line);
        }
    }
    fields.push(field);
    fields.iter().any(|f| {
        let Some((name, value)) = f.split_once(':') else {
            return false;
        };
        let value = value.trim().to_lowercase();
        match name.trim().to_lowercase().as_str() {
            "from" => value.contains(address),
            "message-id" => {
                let id = value.trim_start_matches('<').trim_end_matches('>');
                ids.iter().any(|i| i.eq_ignore_ascii_case(id))
            }
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::sent_by;

    #[test]
    fn a_message_is_theirs_by_its_from_or_its_message_id() {
        let ids = vec!["abc@mail.example".to_string()];
        let by = |raw: &str| sent_by(raw.as_bytes(), "bob@acme.example", &ids);
        assert!(by("From: Bob <BOB@acme.example>\r\nTo: x\r\n\r\nbody"));
        assert!(by(
            "From: =?utf-8?q?Bob?=\r\n <bob@acme.example>\r\n\r\nbody"
        ));
        assert!(by(
            "From: someone@else.example\nMessage-ID: <ABC@mail.example>\n\nbody"
        ));
        assert!(!by(
            "From: ann@acme.example\nTo: bob@acme.example\n\nbob@acme.example wrote"
        ));
        assert!(!by("From: ann@acme.example\n\nFrom: bob@acme.example"));
    }
}
