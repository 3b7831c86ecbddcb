//! End-to-end tests of the inbound pipeline: the reply-trim corpus, the MIME corpus through
//! `upward inspect --json`, the golden files in `tests/fixtures/inbound/`, and the labelled
//! extraction set.

use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared corpus beside the repository (`../shared/corpus`), as CI lays it out.
fn corpus_dir() -> PathBuf {
    manifest_dir().join("..").join("shared").join("corpus")
}

/// Where mismatch reports go: never into the read-only corpus.
fn failed_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The corpus README's normalisation: LF, no trailing spaces, no leading or trailing blank
/// lines.
fn normalise(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

fn read_lossy(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

#[test]
fn reply_trim_corpus_scores_at_least_57_of_60() {
    let dir = corpus_dir()
        .join("reply-trim")
        .join("crisp-oss-email-reply-parser");
    let out = failed_dir("reply-trim");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".in.txt"))
        .collect();
    cases.sort();
    let mut exact = 0;
    let mut failed = Vec::new();
    for input in &cases {
        let name = input
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".in.txt", "");
        let expected = normalise(&read_lossy(&dir.join(format!("{name}.expected.txt"))));
        let got = normalise(&upward::inbound::trim::trim(&read_lossy(input)).text);
        let report = out.join(format!("{name}.failed"));
        if got == expected {
            exact += 1;
            let _ = std::fs::remove_file(&report);
        } else {
            std::fs::write(
                &report,
                format!("--- expected\n{expected}\n--- got\n{got}\n"),
            )
            .unwrap();
            failed.push(report.display().to_string());
        }
    }
    println!("reply-trim corpus: {exact} of {} exact", cases.len());
    for f in &failed {
        println!("mismatch: {f}");
    }
    assert_eq!(cases.len(), 60, "the corpus has 60 cases");
    assert!(
        exact >= 57,
        "only {exact} of {} exact; see {failed:?}",
        cases.len()
    );
}
