//! One document's story in SQL: its row, its BA lines, its attempts (the review list's row) with
//! their reviews, and its BA Pengembalian; the follow-up log comes from `sqlite::followup`.

use crate::store::db::{Db, Optional};
use antar_domain::address::KtpAddress;

use super::document_list::STATE_SQL;
use super::review::{ROW_SQL, row_from};
use crate::store::document_history::{
    AttemptEntry, DocumentFacts, DocumentHistory, ItemOnBa, ReturnEntry, ReviewEntry,
};
use crate::store::roles::FollowUpStore;
use crate::store::{DocumentId, ProofNumber, Store, StoreResult};

pub(super) fn document_history(
    store: &Store,
    id: DocumentId,
) -> StoreResult<Option<DocumentHistory>> {
    let found = store.read(|conn| {
        let Some((document, state)) = facts(conn, id)? else {
            return Ok(None);
        };
        Ok(Some(DocumentHistory {
            document,
            state,
            items: items(conn, id)?,
            attempts: attempts(conn, id)?,
            followups: Vec::new(),
            returns: returns(conn, id)?,
        }))
    })?;
    let Some(mut history) = found else {
        return Ok(None);
    };
    history.followups = store.followup_log(id)?;
    Ok(Some(history))
}

fn facts(conn: &Db<'_>, id: DocumentId) -> StoreResult<Option<(DocumentFacts, String)>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT d.nik, d.name, d.document_type, d.printed_on, d.imported_at, d.address_json,
                d.rt, d.rw, d.desa_name, d.kecamatan_name, d.phone, {STATE_SQL}
             FROM documents d WHERE d.id = ?1"
        ))?
        .query_row([id], |r| {
            Ok((
                r.get::<String>(0)?,
                DocumentFacts {
                    id,
                    nik_masked: String::new(),
                    name: r.get(1)?,
                    document_type: r.get(2)?,
                    printed_on: r.get(3)?,
                    imported_at: r.get(4)?,
                    alamat: r.get(5)?,
                    rt: r.get(6)?,
                    rw: r.get(7)?,
                    desa_name: r.get(8)?,
                    kecamatan_name: r.get(9)?,
                    phone: r.get(10)?,
                },
                r.get::<String>(11)?,
            ))
        })
        .optional()?;
    Ok(row.map(|(nik, mut facts, state)| {
        facts.nik_masked = super::document_list::mask(&nik);
        // The street line from the stored address; an unreadable one shows as nothing.
        facts.alamat = serde_json::from_str::<KtpAddress>(&facts.alamat)
            .map(|a| a.alamat)
            .unwrap_or_default();
        (facts, state)
    }))
}

fn items(conn: &Db<'_>, id: DocumentId) -> StoreResult<Vec<ItemOnBa>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.number, i.line, m.issued_on, c.name, i.state, i.delivered_at
         FROM manifest_items i INDEXED BY manifest_items_by_document
         JOIN manifests m ON m.id = i.manifest_id
         JOIN couriers c ON c.id = m.courier_id
         WHERE i.document_id = ?1 ORDER BY i.rowid",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ItemOnBa {
            manifest_id: r.get(0)?,
            ba_number: r.get(1)?,
            line: r.get(2)?,
            issued_on: r.get(3)?,
            courier: r.get(4)?,
            state: r.get(5)?,
            delivered_at: r.get(6)?,
        })
    })?;
    rows.collect::<Result<_, _>>()
}

fn attempts(conn: &Db<'_>, id: DocumentId) -> StoreResult<Vec<AttemptEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ROW_SQL} WHERE i.document_id = ?1 ORDER BY a.office_seq"
    ))?;
    let proofs = stmt
        .query_map([id], row_from)?
        .collect::<Result<Vec<_>, _>>()?;
    let mut received =
        conn.prepare_cached("SELECT received_at FROM events WHERE office_seq = ?1")?;
    let mut reviews = conn.prepare_cached(
        "SELECT r.verdict, r.note, u.display_name, r.reviewed_at
         FROM proof_reviews r JOIN staff_users u ON u.id = r.reviewer_id
         WHERE r.office_seq = ?1 ORDER BY r.id DESC",
    )?;
    let mut entries = Vec::with_capacity(proofs.len());
    for proof in proofs {
        let seq: ProofNumber = proof.office_seq;
        let received_at = received.query_row([seq], |r| r.get(0))?;
        let reviews = reviews
            .query_map([seq], |r| {
                Ok(ReviewEntry {
                    verdict: r.get(0)?,
                    note: r.get(1)?,
                    reviewer: r.get(2)?,
                    at: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        entries.push(AttemptEntry {
            proof,
            received_at,
            reviews,
        });
    }
    Ok(entries)
}

fn returns(conn: &Db<'_>, id: DocumentId) -> StoreResult<Vec<ReturnEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.number, r.issued_on, m.number
         FROM manifest_items i INDEXED BY manifest_items_by_document
         JOIN return_items ri ON ri.item_id = i.id
         JOIN return_manifests r ON r.id = ri.return_id
         JOIN manifests m ON m.id = r.manifest_id
         WHERE i.document_id = ?1 ORDER BY r.issued_on, r.number",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ReturnEntry {
            return_id: r.get(0)?,
            number: r.get(1)?,
            issued_on: r.get(2)?,
            ba_number: r.get(3)?,
        })
    })?;
    rows.collect::<Result<_, _>>()
}
