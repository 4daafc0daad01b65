//! Follow-up (tindak lanjut) of documents that did not reach their owners: failed and
//! returned documents, cards handed collectively to the aparat pekon, and cards a courier
//! left with an official at the door (`Outcome::awaits_collection`), with the SOP's 14-day
//! clock, and the log of each contact with the aparat pekon and its outcome. A contact with
//! outcome `collected` closes it.

use crate::store::Contact;
use crate::store::StoreResult;
use crate::store::db::Optional;
use crate::store::followup::{FollowUpEntry, FollowUpRow};
use crate::store::roles::FollowUpStore;
use crate::store::{ContactId, DocumentId, StaffId, Store, timestamp};
use antar_domain::ba_return::ready_at_office_since;
use antar_domain::sop::{FollowUpChannel, FollowUpOutcome, local_day_of};
use rusqlite::params;

/// `what` of the attempts that left item `i` with an official and still stand.
macro_rules! entrusted {
    ($what:literal) => {
        concat!(
            "(SELECT ",
            $what,
            " FROM attempts a WHERE a.item_id = i.id AND ",
            left_with_official!(),
            ")"
        )
    };
}

const ROW_SQL: &str = concat!(
    "SELECT d.id, d.nik, d.name, d.kecamatan_name, d.desa, d.desa_name,
        d.document_type, d.printed_on, i.state,
        (SELECT rm.created_at FROM return_items ri
         JOIN return_manifests rm ON rm.id = ri.return_id WHERE ri.item_id = i.id),
        (SELECT f.outcome FROM followups f WHERE f.document_id = d.id ORDER BY f.id DESC LIMIT 1),
        (SELECT COUNT(*) FROM followups f WHERE f.document_id = d.id),
        (SELECT MIN(h.handed_on) FROM collective_items ci
         JOIN collective_handovers h ON h.office_seq = ci.office_seq
         WHERE ci.item_id = i.id AND ci.changed = 1),
        (SELECT rm.office_seq IS NOT NULL FROM return_items ri
         JOIN return_manifests rm ON rm.id = ri.return_id WHERE ri.item_id = i.id),
        (SELECT rm.office_counted_at FROM return_items ri
         JOIN return_manifests rm ON rm.id = ri.return_id WHERE ri.item_id = i.id), ",
    entrusted!("MIN(a.recorded_at)"),
    ",
        (SELECT e.reason FROM events e WHERE e.office_seq = i.last_office_seq
                                         AND e.outcome = 'failed'),
        d.phone
     FROM manifest_items i JOIN documents d ON d.id = i.document_id
     WHERE (i.state IN ('failed', 'returned')
            OR (i.state = 'delivered'
                AND (EXISTS (SELECT 1 FROM collective_items ci
                             WHERE ci.item_id = i.id AND ci.changed = 1)
                     OR EXISTS ",
    entrusted!("1"),
    ")))
       AND i.rowid = (SELECT MAX(i2.rowid) FROM manifest_items i2 WHERE i2.document_id = d.id)
       AND NOT EXISTS (SELECT 1 FROM manifests m
                       WHERE m.id = i.manifest_id AND m.cancelled_at IS NOT NULL)"
);

fn row_from(r: &crate::store::db::Row<'_>) -> rusqlite::Result<FollowUpRow> {
    let nik: String = r.get(1)?;
    Ok(FollowUpRow {
        document_id: r.get(0)?,
        nik_masked: antar_domain::nik::Nik::parse(&nik)
            .map(|n| n.masked())
            .unwrap_or_default(),
        name: r.get(2)?,
        kecamatan_name: r.get(3)?,
        desa: r.get(4)?,
        desa_name: r.get(5)?,
        document_type: r.get(6)?,
        printed_on: r.get(7)?,
        state: r.get(8)?,
        returned_on: ready_at_office_since(
            r.get::<Option<bool>>(13)?.unwrap_or(false),
            r.get::<Option<String>>(9)?
                .as_deref()
                .and_then(local_day_of),
            r.get::<Option<String>>(14)?
                .as_deref()
                .and_then(local_day_of),
        )
        .map(|day| day.to_string()),
        last_outcome: r.get(10)?,
        contacts_made: crate::store::get_u64(r, 11)?,
        collective_on: r.get(12)?,
        entrusted_on: r
            .get::<Option<String>>(15)?
            .as_deref()
            .and_then(local_day_of)
            .map(|day| day.to_string()),
        failure_reason: r.get(16)?,
        owner_phone: r.get(17)?,
    })
}

impl FollowUpStore for Store {
    fn followup_rows(&self, limit: u64) -> StoreResult<Vec<FollowUpRow>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "{ROW_SQL} AND COALESCE((SELECT f.outcome FROM followups f
                    WHERE f.document_id = d.id ORDER BY f.id DESC LIMIT 1), '') <> ?2
                 LIMIT ?1"
            ))?;
            // Every waiting row is read before the order is known: the clock that orders them
            // is the domain's, worked out per row, so a LIMIT in SQL would keep arbitrary ones.
            let rows = stmt.query_map(
                params![i64::MAX, FollowUpOutcome::Collected.code()],
                row_from,
            )?;
            let mut rows: Vec<FollowUpRow> = rows.collect::<Result<_, _>>()?;
            // The waiting longest first, then the rest by print date; each row's clock is
            // worked out once.
            rows.sort_by_cached_key(|r| {
                let clock = r.clock();
                (
                    clock.since.is_none(),
                    clock.since,
                    r.printed_on.clone(),
                    r.document_id,
                )
            });
            rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
            Ok(rows)
        })
    }

    fn followups_at_office(&self, limit: u64) -> StoreResult<Vec<FollowUpRow>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "{ROW_SQL} AND i.state <> 'failed' AND COALESCE((SELECT f.outcome FROM followups f
                    WHERE f.document_id = d.id ORDER BY f.id DESC LIMIT 1), '') <> ?2
                 LIMIT ?1"
            ))?;
            let rows = stmt.query_map(
                params![
                    i64::try_from(limit).unwrap_or(i64::MAX),
                    FollowUpOutcome::Collected.code()
                ],
                row_from,
            )?;
            rows.collect::<Result<_, _>>()
        })
    }

    fn followup_row(&self, document_id: DocumentId) -> StoreResult<Option<FollowUpRow>> {
        self.read(|conn| {
            conn.query_row(&format!("{ROW_SQL} AND d.id = ?1"), [document_id], row_from)
                .optional()
        })
    }

    fn followup_log(&self, document_id: DocumentId) -> StoreResult<Vec<FollowUpEntry>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT f.at, u.display_name, c.name || ' (' || c.role || ')', f.channel,
                    f.outcome, f.note
                 FROM followups f JOIN staff_users u ON u.id = f.staff_id
                 LEFT JOIN desa_contacts c ON c.id = f.contact_id
                 WHERE f.document_id = ?1 ORDER BY f.id DESC",
            )?;
            let rows = stmt.query_map([document_id], |r| {
                Ok(FollowUpEntry {
                    at: r.get(0)?,
                    staff: r.get(1)?,
                    contact: r.get(2)?,
                    channel: r.get(3)?,
                    outcome: r.get(4)?,
                    note: r.get(5)?,
                })
            })?;
            rows.collect::<Result<_, _>>()
        })
    }

    fn add_followup(
        &self,
        document_id: DocumentId,
        contact_id: Option<ContactId>,
        channel: FollowUpChannel,
        outcome: FollowUpOutcome,
        note: Option<&str>,
        staff_id: StaffId,
    ) -> StoreResult<i64> {
        let now = timestamp(chrono::Utc::now());
        self.write(|tx| {
            tx.query_row(
                "INSERT INTO followups (document_id, contact_id, channel, outcome, note, staff_id,
                    at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                params![
                    document_id,
                    contact_id,
                    channel.code(),
                    outcome.code(),
                    note,
                    staff_id,
                    now
                ],
                |r| r.get(0),
            )
        })
    }

    fn contacts(&self, desa: Option<&str>) -> StoreResult<Vec<Contact>> {
        super::contacts::contacts(self, desa)
    }

    fn add_contact(
        &self,
        desa: &str,
        name: &str,
        role: &str,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> StoreResult<i64> {
        super::contacts::add_contact(self, desa, name, role, phone, email)
    }

    fn delete_contact(&self, id: ContactId) -> StoreResult<bool> {
        super::contacts::delete_contact(self, id)
    }
}

#[cfg(test)]
mod tests {
    use super::super::printed::tests::fixture;
    use crate::store::roles::FollowUpStore;

    /// The list is ordered by the SOP's clock before it is cut: with room for two, the two
    /// that have waited longest at the office, whatever their ids.
    #[test]
    fn the_longest_waiting_are_kept_when_the_list_is_cut() {
        let (_dir, store) = fixture();
        let returned: Vec<(String, i64)> = store
            .read(|conn| {
                let mut stmt = conn.prepare_cached(
                    "SELECT i.id, i.document_id FROM manifest_items i WHERE i.state = 'returned'
                     AND i.rowid = (SELECT MAX(i2.rowid) FROM manifest_items i2
                                    WHERE i2.document_id = i.document_id)
                     ORDER BY i.document_id",
                )?;
                let rows = stmt.query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()
            })
            .unwrap();
        assert!(returned.len() >= 4, "{returned:?}");
        // Returned later the lower the document id: the longest waiting are the last ids.
        store
            .write(|tx| {
                for (n, (item, _)) in returned.iter().enumerate() {
                    let day = format!("2026-02-{:02}T03:00:00.000Z", 28 - n);
                    tx.execute(
                        "INSERT INTO return_manifests (id, number, year, seq, manifest_id,
                            issued_on, issued_by, created_at)
                         VALUES (?1, ?1, 2026, ?2, 'm0', ?3, 'x', ?4)",
                        rusqlite::params![format!("r{n}"), 100 + n as i64, &day[..10], day],
                    )?;
                    tx.execute(
                        "INSERT INTO return_items (return_id, item_id, line) VALUES (?1, ?2, 1)",
                        rusqlite::params![format!("r{n}"), item],
                    )?;
                }
                Ok(())
            })
            .unwrap();
        let all = store.followup_rows(1_000).unwrap();
        let cut = store.followup_rows(2).unwrap();
        assert_eq!(cut, all[..2]);
        let longest: Vec<i64> = returned.iter().rev().take(2).map(|(_, d)| *d).collect();
        let kept: Vec<i64> = cut.iter().map(|r| r.document_id.get()).collect();
        assert_eq!(kept, longest);
    }
}
