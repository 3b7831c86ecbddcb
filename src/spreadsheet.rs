//! Owns the one rule every CSV writer applies to its cells: a cell a spreadsheet would read as
//! a formula is written as text. Does not choose columns or write files.
//!
//! Names, departments, topics and notes come from participants and their replies; a cell
//! such as `=HYPERLINK("https://evil.example","click")` would run as a formula when HR opens
//! the export in Excel, LibreOffice or Google Sheets (CSV injection). As OWASP recommends, a
//! cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading single
//! quote, which spreadsheets show as text. JSON output stays exact.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as a CSV writer may write it; `csv::Writer::write_record` takes it as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvCell<'a>(Cow<'a, str>);

impl CsvCell<'_> {
    /// The text written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<[u8]> for CsvCell<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// `cell` as it may be written to a CSV file: unchanged, or with a leading `'` when it
/// begins with a formula character.
pub fn csv_cell(cell: &str) -> CsvCell<'_> {
    // NOTE: negative numbers get the quote too ("-3" → "'-3"), as OWASP's rule says; no
    // figure upward exports is negative, so an exemption for numbers would only widen the
    // rule for nothing.
    if cell.starts_with(FORMULA_START) {
        CsvCell(Cow::Owned(format!("'{cell}")))
    } else {
        CsvCell(Cow::Borrowed(cell))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        for bad in [
            "=HYPERLINK(\"https://evil.example\",\"click\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(csv_cell(bad).as_str(), format!("'{bad}"), "{bad:?}");
        }
    }

    #[test]
    fn ordinary_cells_are_unchanged() {
        for good in [
            "",
            "Ann Lee",
            "2026-11-12",
            "45",
            "4.5",
            " =1",
            "a=b",
            "'quoted",
        ] {
            assert!(
                matches!(csv_cell(good).0, Cow::Borrowed(c) if c == good),
                "{good:?}"
            );
        }
    }
}
