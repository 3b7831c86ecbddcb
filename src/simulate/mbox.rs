//! The simulation's copy of what was sent: one mbox file a simulated week
//! (`outbox/week-01.mbox`, `week-02.mbox`, …), which Thunderbird, Apple Mail, Outlook (by
//! import), mutt and `mail-parser` open as a folder of that week's emails.
//!
//! The format is mboxrd (RFC 4155): each email starts with a line `From SENDER DATE`, its
//! lines end in LF as a Unix mailbox's do, and a line that starts with `From ` after any
//! number of `>` gets one `>` more (a reader takes one away); an empty line ends each email.
// NOTE: a file a week instead of a file an email: each 2.9 KB email took a 4 KiB block and
// an inode of its own (1.5 times the bytes of the emails, and most of a large run's system
// time creating 287,000 files); benches/README.md has the figures.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

/// The file of the simulated week `week` (0 for the first) in `dir`.
pub fn week_path(dir: &Path, week: u64) -> PathBuf {
    dir.join(format!("week-{:02}.mbox", week + 1))
}

/// Appends each email to its week's file, a file open at a time.
#[derive(Debug)]
pub struct Mbox {
    dir: PathBuf,
    open: Option<(u64, BufWriter<File>)>,
}

impl Mbox {
    /// Writes into `dir`, which must exist.
    pub fn new(dir: PathBuf) -> Mbox {
        Mbox { dir, open: None }
    }

    /// The file of the simulated week `week`.
    pub fn path(&self, week: u64) -> PathBuf {
        week_path(&self.dir, week)
    }

    /// Appends `bytes` (an email as SMTP carries it) to the file of `week`, as sent by
    /// `sender` at `at`.
    ///
    /// # Errors
    /// The file cannot be created or written (the disk is full).
    pub fn append(
        &mut self,
        week: u64,
        sender: &str,
        at: DateTime<Utc>,
        bytes: &[u8],
    ) -> io::Result<()> {
        let out = self.file(week)?;
        // NOTE: no space in the sender, or a reader takes the rest of it for the date.
        let sender: String = sender
            .chars()
            .map(|c| if c.is_whitespace() { '_' } else { c })
            .collect();
        let sender = if sender.is_empty() {
            "MAILER-DAEMON"
        } else {
            &sender
        };
        writeln!(out, "From {sender} {}", at.format("%a %b %e %H:%M:%S %Y"))?;
        for line in bytes.split_inclusive(|b| *b == b'\n') {
            let line = line.strip_suffix(b"\n").unwrap_or(line);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let quotes = line.iter().take_while(|b| **b == b'>').count();
            if line[quotes..].starts_with(b"From ") {
                out.write_all(b">")?;
            }
            out.write_all(line)?;
            out.write_all(b"\n")?;
        }
        out.write_all(b"\n")
    }

    /// Writes out what is buffered (the files stay open for more).
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.open {
            Some((_, out)) => out.flush(),
            None => Ok(()),
        }
    }

    fn file(&mut self, week: u64) -> io::Result<&mut BufWriter<File>> {
        if self.open.as_ref().is_none_or(|(w, _)| *w != week) {
            self.flush()?;
            let mut options = std::fs::OpenOptions::new();
            options.append(true).create(true);
            // NOTE: 0600 like the database: an email holds a person's name, address and
            // reply token.
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let file = options.open(self.path(week))?;
            self.open = Some((week, BufWriter::with_capacity(1 << 16, file)));
        }
        match &mut self.open {
            Some((_, out)) => Ok(out),
            None => Err(io::Error::other("no mbox file open")),
        }
    }
}

/// The emails of an mbox file as they were sent (lines ending in CRLF), with the envelope
/// sender of each: the reading [`Mbox`]'s files need, for tests and the benchmark.
///
/// # Errors
/// The file cannot be read.
pub fn read(path: &Path) -> io::Result<Vec<Vec<u8>>> {
    let file = io::BufReader::new(File::open(path)?);
    mail_parser::mailbox::mbox::MessageIterator::new(file)
        .map(|message| {
            let contents = message?.unwrap_contents();
            // The empty line that ends each email is the file's, not the email's.
            let contents = contents.strip_suffix(b"\n").unwrap_or(&contents);
            let mut crlf = Vec::with_capacity(contents.len() + contents.len() / 30);
            for line in contents.split_inclusive(|b| *b == b'\n') {
                match line.strip_suffix(b"\n") {
                    Some(line) => {
                        crlf.extend_from_slice(line);
                        crlf.extend_from_slice(b"\r\n");
                    }
                    None => crlf.extend_from_slice(line),
                }
            }
            Ok(crlf)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-02T09:05:07Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn emails_come_back_as_they_were_sent_with_from_lines_quoted_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut mbox = Mbox::new(dir.path().to_path_buf());
        let first =
            b"From: a@x.example\r\nSubject: one\r\n\r\nFrom here on,\r\n>From the top\r\nbye\r\n"
                .to_vec();
        let second = b"From: b@x.example\r\nSubject: two\r\n\r\nsecond\r\n".to_vec();
        let third = b"From: c@x.example\r\nSubject: three\r\n\r\nnext week\r\n".to_vec();
        mbox.append(0, "bounces+t@x.example", at(), &first).unwrap();
        mbox.append(0, "", at(), &second).unwrap();
        mbox.append(1, "bounces+t@x.example", at(), &third).unwrap();
        mbox.flush().unwrap();

        let file = std::fs::read_to_string(week_path(dir.path(), 0)).unwrap();
        assert!(
            file.starts_with("From bounces+t@x.example Mon Nov  2 09:05:07 2026\n"),
            "{file}"
        );
        assert!(
            file.contains("\n>From here on,\n>>From the top\n"),
            "{file}"
        );
        assert!(file.contains("\nFrom MAILER-DAEMON Mon Nov  2"), "{file}");
        assert!(!file.contains('\r'), "lines end in LF in the file");
        assert_eq!(
            read(&week_path(dir.path(), 0)).unwrap(),
            vec![first, second]
        );
        assert_eq!(read(&week_path(dir.path(), 1)).unwrap(), vec![third]);
        assert!(
            week_path(dir.path(), 1).ends_with("week-02.mbox"),
            "weeks count from 1 in the names"
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_the_owner_reads_the_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mut mbox = Mbox::new(dir.path().to_path_buf());
        mbox.append(0, "s@x.example", at(), b"Subject: a\r\n\r\nb\r\n")
            .unwrap();
        mbox.flush().unwrap();
        let mode = std::fs::metadata(week_path(dir.path(), 0))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
