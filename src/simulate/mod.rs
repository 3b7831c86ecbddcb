//! Owns `upward simulate`: a whole program on a virtual clock, with synthetic participants'
//! replies, through the real engine. Not wired yet: the replies generator comes first.

pub mod replies;
