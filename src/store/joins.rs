//! Owns the requests to join by email (JOIN) and HR's answers: the form as the person
//! filled it in, the request's status, the messages that asked and decided, who decided and
//! when. An approved person is also written into `participants`, as HR's list would write
//! them. Does not decide anything: `program::join` does.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, Tx, ts};
use crate::config::{Participant, PersonDefaults, participant_from_fields};
use crate::vocab::JoinStatus;

/// A request to join as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinRow {
    pub id: i64,
    pub status: JoinStatus,
    /// The person the form describes.
    pub person: Participant,
}

const COLUMNS: &str = "id, status, email, name, role, level, department, timezone, languages, \
                       offers, wants, hours";

/// A stored row read back into a participant, through the same checks as the CSV: `None`
/// for a row that no longer passes them (it did when stored).
fn row(r: &rusqlite::Row<'_>, defaults: PersonDefaults) -> rusqlite::Result<Option<JoinRow>> {
    let id: i64 = r.get(0)?;
    let status: JoinStatus = r.get(1)?;
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
    };
    let level = r.get::<_, i64>(5)?.to_string();
    let values = [
        ("email", text(2)?),
        ("name", text(3)?),
        ("role", text(4)?),
        ("level", level),
        ("department", text(6)?),
        ("timezone", text(7)?),
        ("languages", text(8)?),
        ("offers", text(9)?),
        ("wants", text(10)?),
        ("hours", text(11)?),
    ];
    let fields: Vec<(&str, &str)> = values.iter().map(|(c, v)| (*c, v.as_str())).collect();
    Ok(participant_from_fields(&fields, defaults)
        .ok()
        .map(|person| JoinRow { id, status, person }))
}

fn hours(p: &Participant) -> Option<String> {
    p.hours
        .map(|h| format!("{}-{}", h.start.format("%H:%M"), h.end.format("%H:%M")))
}

impl Tx<'_> {
    /// Whether any pairing round was stored: an approved person is then paired at once.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn rounds_made(&self) -> Result<bool, StoreError> {
        Ok(self
            .tx
            .query_row("SELECT EXISTS (SELECT 1 FROM rounds)", [], |r| r.get(0))?)
    }

    /// The pending request of `email`, if there is one.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn pending_join(&self, email: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .tx
            .query_row(
                "SELECT id FROM join_requests WHERE email = ?1 AND status = 'pending'",
                [email],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Stores a request for `person`, asked by message `inbound`, as `status` (pending, or
    /// unconfirmed until the person confirms it was them); returns its id.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails (a second pending request of one address among them).
    pub fn add_join_request(
        &mut self,
        person: &Participant,
        inbound: Option<i64>,
        status: JoinStatus,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        self.tx.execute(
            "INSERT INTO join_requests (email, name, role, level, department, timezone, languages,
                                        offers, wants, hours, inbound_id, requested_at, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                person.email,
                person.name,
                person.role.as_str(),
                person.level,
                person.department,
                person.timezone.name(),
                person.languages.join(";"),
                person.offers.join(";"),
                person.wants.join(";"),
                hours(person),
                inbound,
                ts(now),
                status
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// The person confirmed unconfirmed request `id` was theirs: it is pending now, for the
    /// coordinator. False when it was not unconfirmed, or another request of the address
    /// waits already.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn confirm_join(&mut self, id: i64) -> Result<bool, StoreError> {
        let changed = self.tx.execute(
            "UPDATE join_requests SET status = 'pending'
             WHERE id = ?1 AND status = 'unconfirmed'
               AND NOT EXISTS (SELECT 1 FROM join_requests o
                               WHERE o.email = join_requests.email AND o.status = 'pending')",
            [id],
        )?;
        Ok(changed > 0)
    }

    /// Request `id`, read with the program's time zone `tz` as the CSV default.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn join_request(
        &self,
        id: i64,
        defaults: PersonDefaults,
    ) -> Result<Option<JoinRow>, StoreError> {
        Ok(self
            .tx
            .query_row(
                &format!("SELECT {COLUMNS} FROM join_requests WHERE id = ?1"),
                [id],
                |r| row(r, defaults),
            )
            .optional()?
            .flatten())
    }

    /// Settles pending request `id` as `status` (approved or declined) by `decided_by`'s
    /// message `inbound`, with HR's `reason` for a decline. An approved person is written
    /// into `participants` (active again if they had left or been forgotten); returns their
    /// participant id then. Nothing changes for a request no longer pending.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn settle_join(
        &mut self,
        id: i64,
        status: JoinStatus,
        decided_by: &str,
        inbound: Option<i64>,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let now_s = ts(now);
        let changed = self.tx.execute(
            "UPDATE join_requests SET status = ?2, decided_by = ?3, decision_inbound_id = ?4,
                    reason = ?5, decided_at = ?6
             WHERE id = ?1 AND status = 'pending'",
            params![id, status, decided_by, inbound, reason, now_s],
        )?;
        if changed == 0 || status != JoinStatus::Approved {
            return Ok(None);
        }
        self.tx.execute(
            "INSERT INTO participants (email, name, role, level, department, timezone, joined_at, updated_at)
             SELECT email, name, role, level, department, timezone, ?2, ?2 FROM join_requests WHERE id = ?1
             ON CONFLICT (email) DO UPDATE SET name = excluded.name, role = excluded.role,
                    level = excluded.level, department = excluded.department,
                    timezone = excluded.timezone, status = 'active', left_at = NULL,
                    paused_until = NULL, updated_at = excluded.updated_at",
            params![id, now_s],
        )?;
        let participant: i64 = self.tx.query_row(
            "SELECT p.id FROM participants p JOIN join_requests j ON j.email = p.email WHERE j.id = ?1",
            [id],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO events (at, kind, subject, detail) VALUES (?1, 'participant_joined', ?2, ?3)",
            params![now_s, participant.to_string(), format!("approved by {decided_by}")],
        )?;
        Ok(Some(participant))
    }
}

impl Store {
    /// How many people HR approved by email are taking part and were never in a pair: the
    /// daemon's fill is due for them (at start, and on a reload after an approval).
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn joiners_without_pair(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(DISTINCT p.id) FROM participants p
               JOIN join_requests j ON j.email = p.email AND j.status = 'approved'
              WHERE p.status = 'active'
                AND NOT EXISTS (SELECT 1 FROM pairs WHERE mentor_id = p.id OR mentee_id = p.id)",
            [],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Everyone HR approved by email who is still taking part (not forgotten, not left by
    /// STOP... as the participants table says: any status but `forgotten`), as participants
    /// the program pairs and mails; `tz` is the program's time zone, the CSV's default.
    ///
    /// # Errors
    /// `Sqlite` if SQLite fails.
    pub fn approved_joiners(
        &self,
        defaults: PersonDefaults,
    ) -> Result<Vec<Participant>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM join_requests j
             WHERE status = 'approved'
               AND EXISTS (SELECT 1 FROM participants p WHERE p.email = j.email
                           AND p.status <> 'forgotten')
             ORDER BY decided_at, id"
        ))?;
        let rows = stmt.query_map([], |r| row(r, defaults))?;
        let mut out: Vec<Participant> = Vec::new();
        for r in rows {
            if let Some(r) = r? {
                // The latest approval of an address wins.
                out.retain(|p| p.email != r.person.email);
                out.push(r.person);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn an_approved_joiner_is_a_participant_that_a_sync_of_the_csv_keeps() {
        let config = crate::config::test_support::program()
            .person("Ann Lee", "mentor", 1, &[])
            .person("Bob Stone", "mentee", 6, &[])
            .build();
        let tz = config.program.person_defaults();
        let mut store = Store::open_in_memory().unwrap();
        store
            .sync_participants(&config.participants, t("2027-01-10T09:00:00Z"))
            .unwrap();
        let kim = crate::config::test_support::joiner();
        let (pending, approved) = store
            .write(|tx| {
                let id = tx.add_join_request(
                    &kim,
                    None,
                    crate::vocab::JoinStatus::Pending,
                    t("2027-01-11T09:00:00Z"),
                )?;
                let pending = tx.pending_join("kim@acme.example")?;
                let approved = tx.settle_join(
                    id,
                    JoinStatus::Approved,
                    "hr@acme.example",
                    None,
                    None,
                    t("2027-01-12T09:00:00Z"),
                )?;
                // A second approval changes nothing.
                let again = tx.settle_join(
                    id,
                    JoinStatus::Declined,
                    "hr@acme.example",
                    None,
                    None,
                    t("2027-01-12T10:00:00Z"),
                )?;
                assert_eq!(again, None);
                Ok::<_, StoreError>((pending.map(|p| p == id), approved))
            })
            .unwrap();
        assert_eq!(pending, Some(true));
        assert!(approved.is_some());
        assert_eq!(store.approved_joiners(tz).unwrap(), vec![kim]);
        let report = store
            .sync_participants(&config.participants, t("2027-01-13T09:00:00Z"))
            .unwrap();
        assert_eq!(report.left, 0, "{report:?}");
        assert_eq!(
            store
                .participant_status("kim@acme.example")
                .unwrap()
                .map(|s| s.to_string()),
            Some("active".to_string())
        );
    }
}
