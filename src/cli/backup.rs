//! `upward backup FILE`: a consistent copy of the program's database, taken while the daemon
//! runs, with progress on a terminal and a summary of what it holds.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use crate::daemon::load_config;
use crate::store::{BackupProgress, Store};

use super::GlobalArgs;

/// From this many pages (16 MiB with 4 KiB pages) a terminal shows the copy's progress.
const LARGE_PAGES: u64 = 4096;

/// Arguments of `upward backup`.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The file to write the copy to (mode 0600); it must not exist, unless --force.
    pub file: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Copies the database named by the config's `[store] path` to FILE and prints what the copy
/// holds.
///
/// # Errors
/// An invalid config, a missing database, a FILE that exists (without `--force`) or cannot be
/// written, or a copy that fails its integrity check.
pub fn run(global: &GlobalArgs, args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&global.config)?;
    let db = &config.store.path;
    let store = Store::open_existing(db)?;
    let bar = super::progress::bar(0, &format!("copying {}", db.display()), "pages");
    let mut progress = |p: BackupProgress| {
        if p.total_pages >= LARGE_PAGES {
            bar.set_length(p.total_pages);
            bar.set_position(p.copied_pages);
        }
    };
    let report = store.backup_to(&args.file, args.force, &mut progress);
    bar.finish_and_clear();
    let report = report.with_context(|| format!("backing up {}", db.display()))?;
    println!(
        "backed up {} to {}: {} in {} pages, schema version {}, integrity {}",
        db.display(),
        report.path.display(),
        human_size(report.bytes),
        report.pages,
        report.schema_version,
        report.integrity
    );
    let rows: Vec<String> = report
        .rows
        .iter()
        .map(|(what, n)| format!("{n} {what}"))
        .collect();
    println!("it holds {}", rows.join(", "));
    Ok(ExitCode::SUCCESS)
}

/// A size in bytes as a person reads it: `512 B`, `96 KiB`, `4.8 MiB`, `1.2 GiB`.
fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        b if b < KIB => format!("{b} B"),
        b if b < KIB * KIB => format!("{} KiB", b / KIB),
        b if b < KIB * KIB * KIB => format!("{:.1} MiB", b as f64 / (KIB * KIB) as f64),
        b => format!("{:.1} GiB", b as f64 / (KIB * KIB * KIB) as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_a_person_says_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(98_304), "96 KiB");
        assert_eq!(human_size(5_033_165), "4.8 MiB");
        assert_eq!(human_size(1_288_490_189), "1.2 GiB");
    }
}
