//! Owns where inbound mail comes from: a Maildir, an IMAP mailbox, or one message on stdin.
//! Each source hands out raw bytes and takes an acknowledgement only after the caller has
//! committed the message's effects. Does not parse or judge messages.

pub mod imap;
pub mod maildir;
pub mod tls;
