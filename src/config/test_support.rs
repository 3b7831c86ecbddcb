//! Builders of configurations for the crate's unit tests: the one base `[program]` every
//! module's tests start from ([`TestProgram`], [`TEST_PROGRAM`]) and bare participants
//! ([`mentor`], [`mentee`]). Test-only; never compiled into the binary.

use std::path::Path;

use super::{Config, Participant, Role};

/// The smallest valid program: two participants, every section at its default.
pub(crate) const TEST_PROGRAM: &str = r#"
[program]
name = "Pilot"
coordinator = "hr@acme.example"
from = "Mentoring <mentoring@acme.example>"
reply_to = "mentoring+{token}@acme.example"
start = 2027-01-11
end = 2027-06-30

[[participants]]
name = "Ann"
email = "Ann@Acme.example"
role = "mentor"
level = 1

[[participants]]
name = "Bob"
email = "bob@acme.example"
role = "mentee"
level = 5
"#;

/// A program for a unit test: the base `[program]` (Pilot, run by hr@acme.example from
/// 2027-01-11 to 2027-06-30), with the lines, people and sections the test adds.
#[derive(Debug, Clone)]
pub(crate) struct TestProgram {
    start: String,
    program: Vec<String>,
    people: Vec<String>,
    sections: Vec<String>,
}

/// A [`TestProgram`] with no participants yet.
pub(crate) fn program() -> TestProgram {
    TestProgram {
        start: "2027-01-11".into(),
        program: Vec::new(),
        people: Vec::new(),
        sections: Vec::new(),
    }
}

impl TestProgram {
    /// The program's first day (a TOML date, `2027-03-01`).
    pub(crate) fn start(mut self, date: &str) -> Self {
        self.start = date.into();
        self
    }

    /// One more line of `[program]` (`timezone = "Europe/London"`).
    pub(crate) fn line(mut self, line: &str) -> Self {
        self.program.push(line.into());
        self
    }

    /// A participant named `name` at `first-name@acme.example` (lowercase), with `extra`
    /// lines (`department = "Sales"`).
    pub(crate) fn person(mut self, name: &str, role: &str, level: i64, extra: &[&str]) -> Self {
        let first = name.split(' ').next().unwrap_or(name).to_lowercase();
        let mut block = format!(
            "[[participants]]\nname = \"{name}\"\nemail = \"{first}@acme.example\"\nrole = \"{role}\"\nlevel = {level}\n"
        );
        for line in extra {
            block.push_str(line);
            block.push('\n');
        }
        self.people.push(block);
        self
    }

    /// A section after the participants (`[privacy]\nmin_group = 3`).
    pub(crate) fn section(mut self, text: &str) -> Self {
        self.sections.push(text.into());
        self
    }

    /// The program as TOML.
    pub(crate) fn toml(&self) -> String {
        let mut text = String::from(
            "\n[program]\nname = \"Pilot\"\ncoordinator = \"hr@acme.example\"\nfrom = \"Mentoring <mentoring@acme.example>\"\nreply_to = \"mentoring+{token}@acme.example\"\n",
        );
        for line in &self.program {
            text.push_str(line);
            text.push('\n');
        }
        text.push_str(&format!("start = {}\nend = 2027-06-30\n", self.start));
        for block in self.people.iter().chain(&self.sections) {
            text.push('\n');
            text.push_str(block);
            if !block.ends_with('\n') {
                text.push('\n');
            }
        }
        text
    }

    /// The checked program, as if read from `p.toml`.
    ///
    /// # Panics
    /// When the program is invalid: the test is wrong.
    pub(crate) fn build(&self) -> Config {
        self.build_at(Path::new("p.toml"))
    }

    /// The checked program, as if read from `path` (relative paths in it start there).
    ///
    /// # Panics
    /// When the program is invalid: the test is wrong.
    pub(crate) fn build_at(&self, path: &Path) -> Config {
        match Config::from_str(&self.toml(), path) {
            Ok(config) => config,
            Err(issues) => panic!("invalid test program:\n{}", super::render_issues(&issues)),
        }
    }
}

fn person(id: &str, role: Role, level: i64) -> Participant {
    let mut name = id.to_string();
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    Participant {
        name,
        email: format!("{id}@x.example"),
        role,
        level,
        department: None,
        manager: None,
        timezone: chrono_tz::Tz::UTC,
        languages: vec![],
        language: crate::vocab::Lang::En,
        offers: vec![],
        wants: vec![],
        capacity: 1,
        exclude: vec![],
        hours: None,
    }
}

/// London time and English: the defaults of most test programs.
pub(crate) fn london_english() -> super::PersonDefaults {
    super::PersonDefaults {
        timezone: chrono_tz::Europe::London,
        language: crate::vocab::Lang::En,
    }
}

/// A level-1 mentor `id@x.example` named `Id`, with nothing else set.
pub(crate) fn mentor(id: &str) -> Participant {
    person(id, Role::Mentor, 1)
}

/// A level-5 mentee `id@x.example` named `Id`, with nothing else set.
pub(crate) fn mentee(id: &str) -> Participant {
    person(id, Role::Mentee, 5)
}

/// Kim Park, a mentor of level 2 in Customer Care who teaches AI tools, as a JOIN form (or
/// a CSV row) would give her.
pub(crate) fn joiner() -> Participant {
    super::participant_from_fields(
        &[
            ("name", "Kim Park"),
            ("email", "kim@acme.example"),
            ("role", "mentor"),
            ("level", "2"),
            ("department", "Customer Care"),
            ("offers", "ai tools"),
        ],
        london_english(),
    )
    .unwrap_or_else(|problems| panic!("{problems:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_program_is_valid_and_the_builder_adds_to_it() {
        assert!(Config::from_str(TEST_PROGRAM, Path::new("p.toml")).is_ok());
        let config = program()
            .line("timezone = \"Europe/London\"")
            .start("2027-03-01")
            .person("Ann Lee", "mentor", 1, &["department = \"Sales\""])
            .person("Bob Stone", "mentee", 6, &[])
            .section("[privacy]\nmin_group = 3")
            .build();
        assert_eq!(config.program.timezone, chrono_tz::Europe::London);
        assert_eq!(config.participants.len(), 2);
        assert_eq!(config.participants[0].email, "ann@acme.example");
        assert_eq!(config.participants[0].department.as_deref(), Some("Sales"));
        assert_eq!(config.privacy.min_group, 3);
    }
}
