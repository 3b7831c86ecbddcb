//! Owns participants: reading them from the CSV HR exports, and checking every entry
//! (inline or CSV) the same way. Does not pair anyone; `pairing` does.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveTime;
use chrono_tz::Tz;

use super::fields::suggest;
use super::issue::{ConfigIssue, Loc};
use super::{Participant, Role, WorkingHours};
use crate::vocab::Lang;

/// A value with the place HR wrote it.
#[derive(Debug, Clone)]
pub(crate) struct Field<T> {
    pub value: T,
    pub at: Loc,
}

/// One participant as written, before checking. Built from TOML or from a CSV row.
#[derive(Debug, Clone)]
pub(crate) struct ParticipantInput {
    pub name: Field<String>,
    pub email: Field<String>,
    pub role: Field<String>,
    pub level: Field<i64>,
    pub department: Option<Field<String>>,
    pub manager: Option<Field<String>>,
    pub timezone: Option<Field<String>>,
    pub language: Option<Field<String>>,
    pub languages: Vec<Field<String>>,
    pub offers: Vec<Field<String>>,
    pub wants: Vec<Field<String>>,
    pub capacity: Option<Field<i64>>,
    pub exclude: Vec<Field<String>>,
    pub hours: Option<Field<String>>,
    /// False for a CSV row that lacks a required value (already reported): its other
    /// values are still checked, so every problem of the row is listed at once, but it
    /// never becomes a participant; its missing values are empty.
    pub complete: bool,
}

/// The CSV columns, in the order `upward init` writes them. The first four are required.
pub const CSV_COLUMNS: &[&str] = &[
    "name",
    "email",
    "role",
    "level",
    "department",
    "manager",
    "timezone",
    "languages",
    "language",
    "offers",
    "wants",
    "capacity",
    "exclude",
    "hours",
];
const REQUIRED_COLUMNS: usize = 4;

/// Reads participants from the CSV at `path`; every problem goes to `issues`, and a row
/// with a problem in a required column is left out (the others still count).
pub(crate) fn read_csv(path: &Path, issues: &mut Vec<ConfigIssue>) -> Vec<ParticipantInput> {
    let file: Arc<Path> = Arc::from(path);
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                issues.push(ConfigIssue::new(
                    Loc::start_of(&file),
                    format!("the participants file is not UTF-8 text: {err}"),
                    "export the spreadsheet as \"CSV UTF-8\"",
                ));
                return Vec::new();
            }
        },
        Err(err) => {
            issues.push(ConfigIssue::new(
                Loc::start_of(&file),
                format!("cannot read the participants file: {err}"),
                "check `participants = \"…\"` in program.toml; the path is relative to program.toml",
            ));
            return Vec::new();
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());

    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(err) => {
            issues.push(ConfigIssue::new(
                Loc::start_of(&file),
                format!("cannot read the header row: {err}"),
                format!("the first row names the columns: {}", CSV_COLUMNS.join(",")),
            ));
            return Vec::new();
        }
    };
    let mut column_of: HashMap<&str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let at = Loc {
            file: Arc::clone(&file),
            line: 1,
            column: field_column(text.lines().next().unwrap_or(""), i),
        };
        match CSV_COLUMNS.iter().find(|&&c| c == name) {
            Some(&c) => {
                if column_of.insert(c, i).is_some() {
                    issues.push(ConfigIssue::new(
                        at,
                        format!("column `{name}` appears twice in the header"),
                        "keep one column of each name",
                    ));
                }
            }
            None => {
                let fix = match suggest(name, CSV_COLUMNS) {
                    Some(s) => format!(
                        "did you mean `{s}`? accepted columns: {}",
                        CSV_COLUMNS.join(", ")
                    ),
                    None => format!("accepted columns: {}", CSV_COLUMNS.join(", ")),
                };
                issues.push(ConfigIssue::new(
                    at,
                    format!("unknown column `{name}`"),
                    fix,
                ));
            }
        }
    }
    let missing: Vec<&str> = CSV_COLUMNS[..REQUIRED_COLUMNS]
        .iter()
        .copied()
        .filter(|c| !column_of.contains_key(c))
        .collect();
    if !missing.is_empty() {
        issues.push(ConfigIssue::new(
            Loc::start_of(&file),
            format!(
                "the header lacks the required column(s) {}",
                missing.join(", ")
            ),
            format!("the first row names the columns: {}", CSV_COLUMNS.join(",")),
        ));
        return Vec::new();
    }

    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                let line = err.position().map_or(1, |p| p.line() as usize);
                issues.push(ConfigIssue::new(
                    Loc {
                        file: Arc::clone(&file),
                        line,
                        column: 1,
                    },
                    format!("cannot read this row: {err}"),
                    "check the quotes on this row: a field with a comma is written \"like, this\"",
                ));
                continue;
            }
        };
        let line = record.position().map_or(1, |p| p.line() as usize);
        let raw_line = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
        let at = |i: usize| Loc {
            file: Arc::clone(&file),
            line,
            column: field_column(raw_line, i),
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != header.len() {
            issues.push(ConfigIssue::new(
                at(0),
                format!(
                    "this row has {} fields but the header has {}",
                    record.len(),
                    header.len()
                ),
                "give every row one value per column, empty ones included (a,b,,d); quote values that contain commas",
            ));
            continue;
        }
        let get = |col: &str| -> Option<Field<String>> {
            let i = *column_of.get(col)?;
            let value = record.get(i)?.to_string();
            (!value.is_empty()).then(|| Field { value, at: at(i) })
        };
        let place = |col: &str| at(column_of.get(col).copied().unwrap_or(0));
        out.push(input_of(&get, &place, issues));
    }
    out
}

/// A participant written outside the CSV (a JOIN form), checked exactly as a CSV row is:
/// `values` are (CSV column, text) pairs, lists separated by `;` as in the CSV. Returns the
/// participant, or every problem as (column, what is wrong, how to fix it).
///
/// # Errors
/// Each problem of the values, by the CSV column it concerns.
pub fn participant_from_fields(
    values: &[(&str, &str)],
    defaults: super::PersonDefaults,
) -> Result<Participant, Vec<FieldProblem>> {
    let file: Arc<Path> = Arc::from(Path::new("the form"));
    let at = |col: &str| Loc {
        file: Arc::clone(&file),
        line: 1,
        column: CSV_COLUMNS.iter().position(|c| *c == col).unwrap_or(0) + 1,
    };
    let get = |col: &str| -> Option<Field<String>> {
        values
            .iter()
            .rev()
            .find(|(c, v)| *c == col && !v.trim().is_empty())
            .map(|(_, v)| Field {
                value: v.trim().to_string(),
                at: at(col),
            })
    };
    let mut issues = Vec::new();
    let input = input_of(&get, &at, &mut issues);
    let checked = check_all(
        vec![input],
        defaults.timezone,
        defaults.language,
        &mut issues,
    );
    match checked.into_iter().next() {
        Some(p) if issues.is_empty() => Ok(p),
        _ => Err(issues
            .into_iter()
            .map(|i| FieldProblem {
                column: CSV_COLUMNS
                    .get(i.at.column.saturating_sub(1))
                    .copied()
                    .unwrap_or("name"),
                message: i.message,
                fix: i.fix,
            })
            .collect()),
    }
}

/// A problem of one value of [`participant_from_fields`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The CSV column the value is for.
    pub column: &'static str,
    /// What is wrong, naming the value.
    pub message: String,
    /// How to fix it.
    pub fix: Option<String>,
}

/// A participant as a row of the participants CSV, in [`CSV_COLUMNS`]' order (lists joined
/// with `;`), so that what the store keeps can be pasted back into HR's file.
pub fn csv_row(p: &Participant) -> Vec<String> {
    vec![
        p.name.clone(),
        p.email.clone(),
        p.role.as_str().to_string(),
        p.level.to_string(),
        p.department.clone().unwrap_or_default(),
        p.manager.clone().unwrap_or_default(),
        p.timezone.name().to_string(),
        p.languages.join(";"),
        p.language.as_str().to_string(),
        p.offers.join(";"),
        p.wants.join(";"),
        p.capacity.to_string(),
        p.exclude.join(";"),
        p.hours
            .map(|h| format!("{}-{}", h.start.format("%H:%M"), h.end.format("%H:%M")))
            .unwrap_or_default(),
    ]
}

/// One participant's values as written, read by `get` (a column's value, `None` when
/// empty) and placed by `at` (a column's place): every required value missing, and every
/// number that is not one, goes to `issues`.
fn input_of(
    get: &dyn Fn(&str) -> Option<Field<String>>,
    at: &dyn Fn(&str) -> Loc,
    issues: &mut Vec<ConfigIssue>,
) -> ParticipantInput {
    let list = |col: &str| -> Vec<Field<String>> {
        get(col).map_or_else(Vec::new, |f| {
            f.value
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Field {
                    value: s.to_string(),
                    at: f.at.clone(),
                })
                .collect()
        })
    };
    let mut required = |col: &str| -> Option<Field<String>> {
        let f = get(col);
        if f.is_none() {
            issues.push(ConfigIssue::new(
                at(col),
                format!("missing value for the required column `{col}`"),
                format!("fill in `{col}` on this row"),
            ));
        }
        f
    };
    let (name, email, role, level) = (
        required("name"),
        required("email"),
        required("role"),
        required("level"),
    );
    let level = level.and_then(|f| parse_int(f, "level", issues));
    let capacity = get("capacity").and_then(|f| parse_int(f, "capacity", issues));
    let complete = name.is_some() && email.is_some() && role.is_some() && level.is_some();
    let absent = |col: &str| Field {
        value: String::new(),
        at: at(col),
    };
    ParticipantInput {
        name: name.unwrap_or_else(|| absent("name")),
        email: email.unwrap_or_else(|| absent("email")),
        role: role.unwrap_or_else(|| absent("role")),
        level: level.unwrap_or_else(|| Field {
            value: 0,
            at: at("level"),
        }),
        complete,
        department: get("department"),
        manager: get("manager"),
        timezone: get("timezone"),
        language: get("language"),
        languages: list("languages"),
        offers: list("offers"),
        wants: list("wants"),
        capacity,
        exclude: list("exclude"),
        hours: get("hours"),
    }
}

fn parse_int(f: Field<String>, col: &str, issues: &mut Vec<ConfigIssue>) -> Option<Field<i64>> {
    match f.value.parse::<i64>() {
        Ok(value) => Some(Field { value, at: f.at }),
        Err(_) => {
            issues.push(ConfigIssue::new(
                f.at,
                format!("`{col}` must be a whole number, found `{}`", f.value),
                format!("write `{col}` as a number such as 3"),
            ));
            None
        }
    }
}

/// The 1-based character column where field `index` starts on a raw CSV line, honouring
/// quotes (a comma inside quotes does not end a field).
fn field_column(line: &str, index: usize) -> usize {
    let mut field = 0;
    let mut quoted = false;
    for (col, c) in line.chars().enumerate() {
        if field == index {
            return col + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

/// Checks every participant, cross-checks references between them, and returns the valid
/// ones. All problems go to `issues`.
pub(crate) fn check_all(
    inputs: Vec<ParticipantInput>,
    program_tz: Tz,
    program_lang: Lang,
    issues: &mut Vec<ConfigIssue>,
) -> Vec<Participant> {
    let mut seen: HashMap<String, Loc> = HashMap::new();
    let mut out: Vec<Participant> = Vec::new();
    let mut references: Vec<(Field<String>, &'static str)> = Vec::new();

    for input in inputs {
        let mut ok = input.complete;
        // NOTE: a value missing from an incomplete row was reported when the row was read.
        let absent = |f: &Field<String>| !input.complete && f.value.is_empty();
        let name = input.name.value.trim().to_string();
        if absent(&input.name) {
        } else if name.is_empty() || name.chars().any(char::is_control) {
            issues.push(ConfigIssue::new(
                input.name.at.clone(),
                format!(
                    "participant name {:?} is empty or has control characters",
                    input.name.value
                ),
                "write the name on one line, as it should appear in emails",
            ));
            ok = false;
        }
        let email = if absent(&input.email) {
            None
        } else {
            check_email(&input.email, "email", issues)
        };
        match &email {
            Some(email) if seen.contains_key(email) => {
                if let Some(first) = seen.get(email) {
                    issues.push(ConfigIssue::new(
                        input.email.at.clone(),
                        format!(
                            "duplicate participant {email}: already listed at {}:{}",
                            first.file.display(),
                            first.line
                        ),
                        "list each person once (addresses compare case-insensitively)",
                    ));
                }
                // NOTE: the second listing is not checked further: its problems would be
                // reported against a person who is dropped anyway.
                continue;
            }
            Some(email) => {
                seen.insert(email.clone(), input.email.at.clone());
            }
            None => ok = false,
        }

        let role = match input.role.value.parse::<Role>() {
            _ if absent(&input.role) => None,
            Ok(role) => Some(role),
            Err(_) => {
                let other = input.role.value.trim().to_lowercase();
                let fix = match suggest(&other, &["mentor", "mentee"]) {
                    Some(s) => format!(
                        "did you mean `{s}`? a role is `mentor` (junior, teaches) or `mentee` (senior, learns)"
                    ),
                    None => "a role is `mentor` (junior, teaches) or `mentee` (senior, learns)"
                        .to_string(),
                };
                issues.push(ConfigIssue::new(
                    input.role.at.clone(),
                    format!("unknown role `{}`", input.role.value),
                    fix,
                ));
                None
            }
        };
        let timezone = match &input.timezone {
            Some(f) => check_timezone(f, issues),
            None => Some(program_tz),
        };
        let capacity = match &input.capacity {
            None => Some(1),
            Some(f) if (1..=50).contains(&f.value) => u32::try_from(f.value).ok(),
            Some(f) => {
                issues.push(ConfigIssue::new(
                    f.at.clone(),
                    format!("capacity {} is out of range", f.value),
                    "capacity is how many partners this person takes at once: 1 to 50 (default 1)",
                ));
                None
            }
        };
        let hours = match &input.hours {
            None => Some(None),
            Some(f) => check_hours(f, issues).map(Some),
        };
        let manager = match &input.manager {
            Some(f) => {
                let m = check_email(f, "manager", issues);
                if let Some(m) = &m {
                    references.push((
                        Field {
                            value: m.clone(),
                            at: f.at.clone(),
                        },
                        "manager",
                    ));
                }
                m
            }
            None => None,
        };
        let language = email_language(&input, program_lang, issues);
        let mut exclude = Vec::new();
        for f in &input.exclude {
            if let Some(e) = check_email(f, "exclude", issues) {
                references.push((
                    Field {
                        value: e.clone(),
                        at: f.at.clone(),
                    },
                    "exclude",
                ));
                exclude.push(e);
            }
        }
        let (Some(email), Some(role), Some(timezone), Some(capacity), Some(hours), true) =
            (email, role, timezone, capacity, hours, ok)
        else {
            continue;
        };
        out.push(Participant {
            name,
            email,
            role,
            level: input.level.value,
            department: input
                .department
                .map(|f| f.value.trim().to_string())
                .filter(|d| !d.is_empty()),
            manager,
            timezone,
            language,
            languages: words(&input.languages),
            offers: words(&input.offers),
            wants: words(&input.wants),
            capacity,
            exclude,
            hours,
        });
    }

    for (reference, what) in references {
        if !seen.contains_key(&reference.value) {
            let fix = match what {
                "manager" => "add the manager as a participant, or leave `manager` empty",
                _ => "exclusions name other participants by email; fix the address or remove it",
            };
            issues.push(ConfigIssue::new(
                reference.at,
                format!("{what} {} is not a participant", reference.value),
                fix,
            ));
        }
    }
    out
}

/// The language of someone's emails: `language` as written (a problem if the program does
/// not write it), else the first of `languages` it writes, else the program's.
fn email_language(input: &ParticipantInput, program: Lang, issues: &mut Vec<ConfigIssue>) -> Lang {
    if let Some(f) = input
        .language
        .as_ref()
        .filter(|f| !f.value.trim().is_empty())
    {
        match Lang::recognise(&f.value) {
            Some(lang) => return lang,
            None => issues.push(ConfigIssue::new(
                f.at.clone(),
                format!("the program does not write emails in `{}`", f.value.trim()),
                "write `language` as en, de, fr, es or nl (or English, Deutsch, Français, Español, Nederlands), or leave it empty for the first of `languages` the program writes",
            )),
        }
    }
    input
        .languages
        .iter()
        .find_map(|f| Lang::recognise(&f.value))
        .unwrap_or(program)
}

fn words(list: &[Field<String>]) -> Vec<String> {
    list.iter()
        .map(|f| f.value.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Checks an address and returns it lowercased.
pub(crate) fn check_email(
    f: &Field<String>,
    what: &str,
    issues: &mut Vec<ConfigIssue>,
) -> Option<String> {
    let value = f.value.trim();
    if email_address::EmailAddress::is_valid(value) && !value.contains(['<', '>', ' ']) {
        Some(value.to_lowercase())
    } else {
        issues.push(ConfigIssue::new(
            f.at.clone(),
            format!("invalid email address `{}` in `{what}`", f.value),
            "write a plain address such as name@example.com (no display name, no spaces)",
        ));
        None
    }
}

/// Checks an IANA time zone name.
pub(crate) fn check_timezone(f: &Field<String>, issues: &mut Vec<ConfigIssue>) -> Option<Tz> {
    match Tz::from_str(f.value.trim()) {
        Ok(tz) => Some(tz),
        Err(_) => {
            let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()).collect();
            let fix = match suggest(&f.value, &names) {
                Some(s) => format!("did you mean `{s}`? use an IANA name such as Europe/Berlin"),
                None => "use an IANA time zone name such as Europe/Berlin or America/New_York"
                    .to_string(),
            };
            issues.push(ConfigIssue::new(
                f.at.clone(),
                format!("unknown time zone `{}`", f.value),
                fix,
            ));
            None
        }
    }
}

fn check_hours(f: &Field<String>, issues: &mut Vec<ConfigIssue>) -> Option<WorkingHours> {
    let parsed = f.value.split_once('-').and_then(|(a, b)| {
        let start = NaiveTime::parse_from_str(a.trim(), "%H:%M").ok()?;
        let end = NaiveTime::parse_from_str(b.trim(), "%H:%M").ok()?;
        (start < end).then_some(WorkingHours { start, end })
    });
    if parsed.is_none() {
        issues.push(ConfigIssue::new(
            f.at.clone(),
            format!("cannot read working hours `{}`", f.value),
            "write local working hours as HH:MM-HH:MM, start before end, e.g. 09:00-17:30",
        ));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_column_skips_commas_inside_quotes() {
        let line = r#"Ann,"Smith, Jr",x"#;
        assert_eq!(field_column(line, 0), 1);
        assert_eq!(field_column(line, 1), 5);
        assert_eq!(field_column(line, 2), 17);
    }

    #[test]
    fn hours_must_be_ordered_and_well_formed() {
        let f = |v: &str| Field {
            value: v.to_string(),
            at: Loc::start_of(&Arc::from(Path::new("x"))),
        };
        let mut issues = Vec::new();
        assert!(check_hours(&f("09:00-17:30"), &mut issues).is_some());
        assert!(check_hours(&f("17:00-09:00"), &mut issues).is_none());
        assert!(check_hours(&f("nine to five"), &mut issues).is_none());
        assert_eq!(issues.len(), 2);
    }

    #[test]
    fn a_form_is_checked_as_a_csv_row_and_names_each_bad_column() {
        let tz = crate::config::test_support::london_english();
        let good = [
            ("name", "Ann Lee"),
            ("email", "Ann@Acme.example"),
            ("role", "mentor"),
            ("level", "2"),
            ("offers", "AI tools; TikTok"),
            ("hours", "09:00-17:00"),
        ];
        let p = participant_from_fields(&good, tz).unwrap();
        assert_eq!(p.email, "ann@acme.example");
        assert_eq!(p.offers, ["AI tools", "TikTok"]);
        assert_eq!(p.timezone, tz.timezone);
        let row = csv_row(&p);
        assert_eq!(row.len(), CSV_COLUMNS.len());
        let hours = CSV_COLUMNS.iter().position(|c| *c == "hours").unwrap();
        assert_eq!(row[hours], "09:00-17:00");
        let bad = [
            ("name", "Ann Lee"),
            ("email", "ann@acme.example"),
            ("role", "boss"),
            ("level", "high"),
            ("timezone", "Mars/Olympus"),
        ];
        let problems = participant_from_fields(&bad, tz).unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|p| p.column).collect();
        assert_eq!(columns, ["level", "role", "timezone"], "{problems:?}");
    }
}
