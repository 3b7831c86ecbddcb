//! `upward pair`: compute a pairing round from the program file and the store's history;
//! store it as the next round, or with `--preview` only show it.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::daemon;
use crate::outbound::Composer;
use crate::pairing::Pairing;
use crate::schedule::handler::Handler;
use crate::schedule::{Clock, SystemClock, round};
use crate::store::Store;

use super::GlobalArgs;

/// Arguments of `upward pair`.
#[derive(Debug, clap::Args)]
pub struct PairArgs {
    /// Show the round without storing it (nothing is written).
    #[arg(long)]
    pub preview: bool,
    /// Show every pair's score and reasons, and why each unmatched person has no partner.
    #[arg(long)]
    pub explain: bool,
    /// Print the round as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Pair only the people without a partner (or below their capacity) and leave every
    /// current pair alone; the new pairs' introductions are queued at once.
    #[arg(long)]
    pub fill: bool,
    /// The time to pair at, RFC 3339, instead of now: the day the pairs begin (to set up a
    /// program after the fact, and for tests).
    #[arg(long, value_name = "TIME")]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// The JSON `upward pair --json` prints; its field names are interface.
#[derive(Debug, Serialize)]
struct Output<'a> {
    /// The stored round's number; null for a preview.
    round: Option<i64>,
    preview: bool,
    /// Pairs of earlier rounds this round ended.
    ended: usize,
    /// People not paired now because the store has them paused, stopped, left or bouncing.
    not_available: &'a [String],
    #[serde(flatten)]
    pairing: &'a Pairing,
}

/// Computes a round and prints it; stores it unless `--preview`.
///
/// # Errors
/// An invalid program file, a store that cannot be opened or written, or an impossible
/// fixed pair.
pub fn run(global: &GlobalArgs, args: &PairArgs) -> anyhow::Result<ExitCode> {
    let mut config = daemon::load_config(&global.config)?;
    let now = args.now.unwrap_or_else(|| SystemClock.now());
    let path = &config.store.path.clone();
    // NOTE: a preview reads the history if the database exists but never creates or syncs
    // it; a real round first writes the config's participants to the store, so the pairs
    // can refer to them.
    let mut store = if args.preview && !path.exists() {
        None
    } else {
        let mut store =
            Store::open(path).with_context(|| format!("opening the store {}", path.display()))?;
        // People HR approved by email take part as the daemon runs them.
        daemon::add_joiners(&mut config, &store);
        if !args.preview {
            store
                .sync_participants(&config.participants, now)
                .context("writing the participants to the store")?;
        }
        Some(store)
    };
    if args.fill {
        let Some(store) = store.as_mut() else {
            anyhow::bail!(
                "there is no database yet at {}, so nobody has a partner to keep: run `upward pair` for the first round",
                path.display()
            );
        };
        return fill(config, store, args, now);
    }
    let spinner =
        super::progress::spinner(&format!("pairing {} people", config.participants.len()));
    let planned = round::plan(&config, store.as_ref(), now);
    spinner.finish_and_clear();
    let planned = planned.context("pairing")?;
    let pairs = planned.new_pairs();
    let round::Plan {
        pairing: result,
        not_available,
    } = planned;
    if result.pairs.is_empty() && !args.preview {
        anyhow::bail!(
            "no pair can be made, so no round was stored (the current pairs stay); run `upward pair --preview --explain` to see why each person is unmatched"
        );
    }
    let created = match (&mut store, args.preview) {
        (Some(store), false) => {
            let created = store
                .create_round("upward pair", &pairs, now)
                .context("storing the round")?;
            tracing::info!(
                round = created.number,
                pairs = pairs.len(),
                ended = created.ended,
                "round stored"
            );
            Some(created)
        }
        _ => None,
    };
    if args.json {
        let out = Output {
            round: created.as_ref().map(|c| c.number),
            preview: args.preview,
            ended: created.as_ref().map_or(0, |c| c.ended),
            not_available: &not_available,
            pairing: &result,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        let title = match &created {
            Some(c) => format!("round {} stored", c.number),
            None => "preview (nothing stored)".to_string(),
        };
        print!("{}", render(&title, &result, &not_available, args.explain));
        if let Some(c) = created.filter(|c| c.ended > 0) {
            println!("{} pair(s) of earlier rounds ended", c.ended);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `upward pair --fill`: pairs only those with room, keeps every current pair, and (unless
/// a preview) stores the new pairs and queues their introductions.
fn fill(
    config: crate::Config,
    store: &mut Store,
    args: &PairArgs,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<ExitCode> {
    let (plan, stored) = if args.preview {
        let keep: Vec<(String, String)> = store
            .scheduled_pairs()
            .context("reading the current pairs")?
            .into_iter()
            .map(|p| (p.mentor, p.mentee))
            .collect();
        (
            round::plan_fill(&config, store, &keep, now).context("pairing")?,
            None,
        )
    } else {
        let composer =
            Composer::new(std::sync::Arc::new(config)).context("preparing the introductions")?;
        let filled = Handler::new(std::sync::Arc::new(composer))
            .fill(store, now)
            .context("filling the pairs")?;
        (filled.plan, filled.stored)
    };
    if args.json {
        let out = Output {
            round: stored.as_ref().map(|s| s.created.number),
            preview: args.preview,
            ended: 0,
            not_available: &plan.not_available,
            pairing: &plan.pairing,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    let title = match &stored {
        Some(s) => format!(
            "round {} stored (every current pair kept; {} introduction(s) queued)",
            s.created.number, s.introduced
        ),
        None if args.preview => "fill preview (nothing stored)".to_string(),
        None => "nobody without a partner can be paired now; nothing stored".to_string(),
    };
    print!(
        "{}",
        render(&title, &plan.pairing, &plan.not_available, args.explain)
    );
    Ok(ExitCode::SUCCESS)
}

/// The round as text: a summary, the pairs (with score and reasons under `explain`), the
/// unmatched (with why under `explain`), notes.
fn render(title: &str, result: &Pairing, not_available: &[String], explain: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{title}: {} pair(s), total score {}, {} unmatched",
        result.pairs.len(),
        result.total_score,
        result.unmatched.len()
    );
    if !not_available.is_empty() {
        let _ = writeln!(
            out,
            "not paired now (paused, stopped, left or bouncing): {}",
            not_available.join(", ")
        );
    }
    let mut rows = vec![vec![
        "MENTOR".to_string(),
        "MENTEE".to_string(),
        "SCORE".to_string(),
    ]];
    if explain {
        rows[0].push("WHY".to_string());
    }
    for p in &result.pairs {
        let mut row = vec![
            p.mentor_name.clone(),
            p.mentee_name.clone(),
            p.score.to_string(),
        ];
        if explain {
            row.push(p.reasons.clone());
        }
        rows.push(row);
    }
    out.push('\n');
    out.push_str(&table(&rows, 2));
    if !result.unmatched.is_empty() {
        let mut rows = vec![vec!["UNMATCHED".to_string(), "ROLE".to_string()]];
        if explain {
            rows[0].push("WHY".to_string());
        }
        for u in &result.unmatched {
            let mut row = vec![u.name.clone(), u.role.to_string()];
            if explain {
                row.push(u.reason.clone());
            }
            rows.push(row);
        }
        out.push('\n');
        out.push_str(&table(&rows, usize::MAX));
    }
    for note in &result.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

/// Left-aligned columns padded to their widest cell, except column `right` (aligned right)
/// and the last (not padded).
fn table(rows: &[Vec<String>], right: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.chars().count());
            if c + 1 == row.len() && c != right {
                line.push_str(cell);
            } else if c == right {
                let _ = write!(line, "{}{cell}  ", " ".repeat(pad));
            } else {
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_pad_columns_and_right_align_the_score() {
        let rows = vec![
            vec!["MENTOR".into(), "SCORE".into(), "WHY".into()],
            vec!["Priya Raman".into(), "7".into(), "because".into()],
            vec!["Al".into(), "12".into(), "".into()],
        ];
        assert_eq!(
            table(&rows, 1),
            "MENTOR       SCORE  WHY\nPriya Raman      7  because\nAl              12\n"
        );
    }
}
