//! inbound (work in progress)
pub mod dedup;
pub mod extract;
pub mod html;
pub mod parse;
pub mod trim;
