//! HR's participants file against the people the program knows: who is new, whose details
//! changed, who came back, and who has left. Pure: the store reads what it holds, asks
//! [`listed`] for each person in the file and [`has_left`] for each one it holds, and writes
//! the answers in one transaction (`Store::sync_participants`).

use crate::config::Participant;
use crate::vocab::ParticipantStatus;

/// What the program holds of a person, as far as HR's file describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub name: String,
    pub role: String,
    pub level: i64,
    pub department: Option<String>,
    pub timezone: String,
    pub status: ParticipantStatus,
}

/// What a person listed in HR's file is to the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// Not known yet: added, active.
    New,
    /// Known, and the file says nothing new.
    Same,
    /// Known; their details changed. Their status stays: HR's file does not undo a STOP or
    /// a PAUSE the person asked for.
    Changed,
    /// They had left (no longer in the file) and are listed again: active again.
    Back,
}

impl Listed {
    /// The status the person has once the file is taken in, given the one held.
    pub fn status(self, held: ParticipantStatus) -> ParticipantStatus {
        match self {
            Listed::New | Listed::Back => ParticipantStatus::Active,
            Listed::Same | Listed::Changed => held,
        }
    }
}

/// What `person`, listed in HR's file, is to the program holding `held` of them.
pub fn listed(person: &Participant, held: Option<&Held>) -> Listed {
    let Some(held) = held else {
        return Listed::New;
    };
    if held.status == ParticipantStatus::Left {
        return Listed::Back;
    }
    let changed = held.name != person.name
        || held.role != person.role.as_str()
        || held.level != person.level
        || held.department != person.department
        || held.timezone != person.timezone.name();
    if changed {
        Listed::Changed
    } else {
        Listed::Same
    }
}

/// Whether someone the program holds with `status` has left: taking part (active or
/// paused), no longer in HR's file, and not someone HR approved by email (JOIN), who is
/// not in the file until HR pastes `upward export participants` back into it.
pub fn has_left(status: ParticipantStatus, in_file: bool, approved_by_email: bool) -> bool {
    matches!(
        status,
        ParticipantStatus::Active | ParticipantStatus::Paused
    ) && !in_file
        && !approved_by_email
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_support;
    use ParticipantStatus::*;

    fn held_as(p: &Participant, status: ParticipantStatus) -> Held {
        Held {
            name: p.name.clone(),
            role: p.role.as_str().to_string(),
            level: p.level,
            department: p.department.clone(),
            timezone: p.timezone.name().to_string(),
            status,
        }
    }

    #[test]
    fn a_listed_person_is_new_the_same_changed_or_back_and_keeps_a_status_they_chose() {
        let config = test_support::program()
            .person("Ann Lee", "mentor", 2, &["department = \"Sales\""])
            .build();
        let p = &config.participants[0];
        let same = held_as(p, Active);
        let renamed = Held {
            name: "Someone Else".into(),
            ..same.clone()
        };
        let moved = Held {
            timezone: "Asia/Tokyo".into(),
            ..same.clone()
        };
        let promoted = Held {
            level: p.level - 1,
            ..same.clone()
        };
        let table = [
            (None, Listed::New, Active, "not known yet"),
            (Some(same.clone()), Listed::Same, Active, "nothing new"),
            (Some(renamed), Listed::Changed, Active, "a new name"),
            (Some(moved), Listed::Changed, Active, "a new time zone"),
            (Some(promoted), Listed::Changed, Active, "a new level"),
            (
                Some(held_as(p, Left)),
                Listed::Back,
                Active,
                "listed again after leaving",
            ),
            (
                Some(held_as(p, Paused)),
                Listed::Same,
                Paused,
                "a PAUSE stays",
            ),
            (
                Some(held_as(p, Stopped)),
                Listed::Same,
                Stopped,
                "a STOP stays",
            ),
            (
                Some(held_as(p, Forgotten)),
                Listed::Same,
                Forgotten,
                "forgotten stays",
            ),
        ];
        for (held, want, status, what) in table {
            let got = listed(p, held.as_ref());
            assert_eq!(got, want, "{what}");
            let before = held.map_or(Active, |h| h.status);
            assert_eq!(got.status(before), status, "{what}");
        }
        let stopped_and_renamed = Held {
            name: "Renamed".into(),
            ..held_as(p, Stopped)
        };
        let got = listed(p, Some(&stopped_and_renamed));
        assert_eq!(
            (got, got.status(Stopped)),
            (Listed::Changed, Stopped),
            "new details do not undo a STOP"
        );
    }

    #[test]
    fn only_someone_taking_part_and_gone_from_the_file_has_left_unless_hr_approved_them_by_email() {
        // (status, in the file, approved by email) → has left
        let table = [
            (Active, false, false, true),
            (Paused, false, false, true),
            (Active, true, false, false),
            (Active, false, true, false),
            (Stopped, false, false, false),
            (Left, false, false, false),
            (Forgotten, false, false, false),
        ];
        for (status, in_file, approved, want) in table {
            assert_eq!(
                has_left(status, in_file, approved),
                want,
                "{status:?}, in file {in_file}, approved {approved}"
            );
        }
    }
}
