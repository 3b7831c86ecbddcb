//! Owns the answer to config validation's question "is this fixed pair possible?": the hard
//! rules of `[pairing]` applied to the pairs HR forces, through [`FixedPairRules`]. Does not
//! read the config file nor report its problems (config does, at each pair's line).

use chrono::NaiveDate;

use super::Pool;
use crate::config::{FixedPairRules, PairingSettings, Participant};

/// Pairing's hard rules, for [`crate::config::Config::load_with`]: what `check`, `run` and
/// every command that runs a program validate fixed pairs against.
#[derive(Debug, Clone, Copy, Default)]
pub struct HardRules;

impl FixedPairRules for HardRules {
    fn why_not(
        &self,
        participants: &[Participant],
        settings: &PairingSettings,
        date: NaiveDate,
        pairs: &[(&str, &str)],
    ) -> Vec<Vec<String>> {
        let pool = Pool::new(participants, settings, &[], &[], date);
        pairs
            .iter()
            .map(|(mentor, mentee)| pool.why_not(mentor, mentee).unwrap_or_default())
            .collect()
    }
}
