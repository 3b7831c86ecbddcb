//! `upward init DIR`: scaffold a complete, valid program HR can edit.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

/// Arguments of `upward init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The directory to create (or an empty existing one).
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// The starter files, from the example program in `config/` (one source for both).
const FILES: &[(&str, &str)] = &[
    ("program.toml", include_str!("../../config/program.toml")),
    (
        "participants.csv",
        include_str!("../../config/participants.csv"),
    ),
    (
        "templates/README.md",
        include_str!("../../templates/README.md"),
    ),
];

/// The templates and every language's catalog, as HR edits them in `templates/`: each
/// template as `templates/KIND.PART.j2`, each catalog as `templates/LANG/KIND.ftl`.
fn template_files() -> impl Iterator<Item = (PathBuf, &'static str)> {
    let templates = crate::outbound::templates::DEFAULT_TEMPLATES
        .iter()
        .map(|(name, content)| (Path::new("templates").join(name), *content));
    let catalogs = crate::outbound::catalog::BUILTIN
        .iter()
        .map(|(lang, file, content)| {
            (
                Path::new("templates")
                    .join(lang.as_str())
                    .join(format!("{file}.ftl")),
                *content,
            )
        });
    templates.chain(catalogs)
}

/// Writes the starter files, refusing to overwrite any unless `--force`.
///
/// # Errors
/// When a file exists (without `--force`) or cannot be written.
pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    if !args.force {
        let existing: Vec<String> = FILES
            .iter()
            .map(|(name, _)| args.dir.join(name))
            .chain(template_files().map(|(name, _)| args.dir.join(name)))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            bail!(
                "{} already exist(s); choose an empty directory or pass --force to overwrite",
                existing.join(", ")
            );
        }
    }
    for (name, content) in FILES {
        write(&args.dir.join(name), content)?;
    }
    for (name, content) in template_files() {
        write(&args.dir.join(name), content)?;
    }
    let config = args.dir.join("program.toml");
    println!("wrote a starter program to {}", args.dir.display());
    println!("next: edit {} and participants.csv, then", config.display());
    println!("      upward check -c {}", config.display());
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, content: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(path, content).with_context(|| format!("writing {}", path.display()))
}
