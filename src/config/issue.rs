//! Owns the shape of a configuration problem: where it is, what is wrong, how to fix it.
//! Does not decide what is a problem; `validate` and `load` do.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A position in a file HR edits, 1-based, as editors show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    /// The file the position is in (program.toml or the participants CSV).
    pub file: Arc<Path>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Loc {
    /// The first character of `file`: for problems that concern the whole file.
    pub fn start_of(file: &Arc<Path>) -> Loc {
        Loc {
            file: Arc::clone(file),
            line: 1,
            column: 1,
        }
    }
}

/// One problem found in the configuration, with its place and a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigIssue {
    /// Where the problem is.
    pub at: Loc,
    /// What is wrong, lowercase, naming the bad value.
    pub message: String,
    /// How to fix it, when there is something better to say than the message.
    pub fix: Option<String>,
}

impl ConfigIssue {
    /// A problem at `at` with a message and a fix.
    pub fn new(at: Loc, message: impl Into<String>, fix: impl Into<String>) -> Self {
        let fix = fix.into();
        ConfigIssue {
            at,
            message: message.into(),
            fix: (!fix.is_empty()).then_some(fix),
        }
    }

    /// The file the problem is in.
    pub fn file(&self) -> &Path {
        &self.at.file
    }
}

impl fmt::Display for ConfigIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.at.file.display(),
            self.at.line,
            self.at.column,
            self.message
        )?;
        if let Some(fix) = &self.fix {
            write!(f, "\n  fix: {fix}")?;
        }
        Ok(())
    }
}

/// Maps byte offsets of one file's text to lines and columns.
pub(crate) struct LineIndex {
    file: Arc<Path>,
    /// Byte offset of the start of every line.
    starts: Vec<usize>,
    text: Arc<str>,
}

impl LineIndex {
    pub(crate) fn new(file: &Path, text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.char_indices()
                .filter(|&(_, c)| c == '\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            file: Arc::from(file),
            starts,
            text: Arc::from(text),
        }
    }

    /// The location of byte `offset` (clamped to the text).
    pub(crate) fn loc(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        Loc {
            file: Arc::clone(&self.file),
            line,
            column,
        }
    }
}

/// Renders issues one per paragraph, followed by a count, as `check` prints them.
pub fn render_issues(issues: &[ConfigIssue]) -> String {
    let mut out = String::new();
    for issue in issues {
        out.push_str(&format!("error: {issue}\n"));
    }
    let n = issues.len();
    out.push_str(&format!(
        "{n} problem{} found\n",
        if n == 1 { "" } else { "s" }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_one_based_lines_and_char_columns() {
        let idx = LineIndex::new(Path::new("p.toml"), "a = 1\nnäme = 2\n");
        assert_eq!((idx.loc(0).line, idx.loc(0).column), (1, 1));
        // "ä" is two bytes: byte 9 is the "m" after it, the 3rd character of line 2
        assert_eq!((idx.loc(9).line, idx.loc(9).column), (2, 3));
        assert_eq!(idx.loc(6).column, 1);
    }

    #[test]
    fn display_puts_the_fix_on_its_own_line() {
        let f: Arc<Path> = Arc::from(Path::new("p.toml"));
        let issue = ConfigIssue::new(
            Loc {
                file: f,
                line: 3,
                column: 7,
            },
            "unknown key `nme`",
            "did you mean `name`?",
        );
        assert_eq!(
            issue.to_string(),
            "p.toml:3:7: unknown key `nme`\n  fix: did you mean `name`?"
        );
    }
}
