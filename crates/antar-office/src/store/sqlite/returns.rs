//! BA Pengembalian: the failed documents of a BA Pengiriman that the courier brings back to
//! the office get their own numbered report, and their items become `returned` (through
//! [`ItemState::after_return`], so only failed items can be returned). A report also arrives
//! from the courier's phone (`courier_returns`); staff then count its bundle here.

use crate::store::db::{Db, Optional};
use crate::store::refusals::{ReturnCountRefusal, ReturnRefusal};
use crate::store::returns::{ReturnInfo, ReturnLine, ReturnManifest};
use crate::store::{Store, timestamp};
use crate::store::{StoreError, StoreResult};
use antar_domain::attempt::FailureReason;
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::manifest::BaNumber;
use antar_domain::state::ItemState;
use chrono::{Datelike, NaiveDate, Utc};
use rusqlite::params;

const INFO_SQL: &str = "SELECT r.id, r.number, r.issued_on, r.issued_by, m.id, m.number, c.name,
        (SELECT COUNT(*) FROM return_items ri WHERE ri.return_id = r.id),
        r.office_seq IS NOT NULL, r.courier_counted, r.office_counted, r.office_counted_by,
        r.office_counted_at
     FROM return_manifests r JOIN manifests m ON m.id = r.manifest_id
     JOIN couriers c ON c.id = m.courier_id";

fn info_from_row(r: &crate::store::db::Row<'_>) -> rusqlite::Result<ReturnInfo> {
    Ok(ReturnInfo {
        id: r.get(0)?,
        number: r.get(1)?,
        issued_on: r.get(2)?,
        issued_by: r.get(3)?,
        manifest_id: r.get(4)?,
        manifest_number: r.get(5)?,
        courier_name: r.get(6)?,
        item_count: crate::store::get_u64(r, 7)?,
        from_courier: r.get(8)?,
        courier_counted: r.get(9)?,
        office_counted: r.get(10)?,
        office_counted_by: r.get(11)?,
        office_counted_at: r.get(12)?,
    })
}

/// A return report about to be stored.
pub(super) struct NewReturn<'a> {
    pub(super) id: &'a str,
    pub(super) manifest: ManifestId,
    pub(super) issued_on: NaiveDate,
    /// The officer who issued it; empty for a courier's return until staff count it.
    pub(super) issued_by: &'a str,
    pub(super) created_at: &'a str,
    /// What the courier's phone sent, when the report came from it.
    pub(super) from_courier: Option<FromCourier>,
}

/// A return report's facts from the courier's phone.
#[derive(Clone, Copy)]
pub(super) struct FromCourier {
    /// The return event's office_seq.
    pub(super) office_seq: i64,
    pub(super) counted: u32,
    pub(super) manifest_bound: bool,
}

/// Numbers the report in the year's series and stores its header.
pub(super) fn insert_header(tx: &Db<'_>, new: &NewReturn<'_>) -> StoreResult<()> {
    let year = new.issued_on.year();
    let seq: u32 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM return_manifests WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    tx.prepare_cached(
        "INSERT INTO return_manifests (id, number, year, seq, manifest_id, issued_on,
            issued_by, created_at, office_seq, courier_counted, manifest_bound)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        new.id,
        BaNumber::format_return(seq, new.issued_on).as_str(),
        year,
        seq,
        new.manifest.to_string(),
        new.issued_on.to_string(),
        new.issued_by,
        new.created_at,
        new.from_courier.map(|c| c.office_seq),
        new.from_courier.map(|c| c.counted),
        new.from_courier.map(|c| c.manifest_bound),
    ])?;
    Ok(())
}

/// One document on the report, with the courier's reason when the phone gave one; the item
/// takes its state after the return.
pub(super) fn insert_line(
    tx: &Db<'_>,
    return_id: &str,
    line: usize,
    item: ItemId,
    reason: Option<&FailureReason>,
) -> StoreResult<()> {
    let reason_note = match reason {
        Some(FailureReason::Other { note }) => Some(note.as_str()),
        _ => None,
    };
    tx.prepare_cached(
        "INSERT INTO return_items (return_id, item_id, line, reason, reason_note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        return_id,
        item.to_string(),
        i64::try_from(line).unwrap_or(i64::MAX),
        reason.map(FailureReason::code),
        reason_note,
    ])?;
    Ok(())
}

pub(super) fn info(tx: &Db<'_>, id: &str) -> StoreResult<ReturnInfo> {
    tx.query_row(&format!("{INFO_SQL} WHERE r.id = ?1"), [id], info_from_row)
}

pub(super) fn issue_return(
    store: &Store,
    manifest: ManifestId,
    item_ids: &[ItemId],
    officer: &str,
    issued_on: NaiveDate,
) -> StoreResult<Result<ReturnInfo, ReturnRefusal>> {
    let now = timestamp(Utc::now());
    let id = uuid::Uuid::now_v7().to_string();
    store.write(|tx| {
        let mut lookup = tx.prepare_cached(
            "SELECT state, line FROM manifest_items WHERE id = ?1 AND manifest_id = ?2",
        )?;
        let mut items = Vec::new();
        for item in item_ids {
            let row: Option<(String, u32)> = lookup
                .query_row(params![item.to_string(), manifest.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let Some((state, line)) = row else {
                return Ok(Err(ReturnRefusal::NotOnManifest));
            };
            let state = ItemState::parse(&state)
                .ok_or_else(|| StoreError::corrupt(format!("status item {state:?}")))?;
            let next = match state.after_return() {
                Ok(next) => next,
                Err(rule) => return Ok(Err(ReturnRefusal::NotReturnable { line, rule })),
            };
            items.push((*item, line, next));
        }
        items.sort_by_key(|(_, line, _)| *line);
        items.dedup();
        insert_header(
            tx,
            &NewReturn {
                id: &id,
                manifest,
                issued_on,
                issued_by: officer,
                created_at: &now,
                from_courier: None,
            },
        )?;
        for (line, (item, _, next)) in items.iter().enumerate() {
            insert_line(tx, &id, line + 1, *item, None)?;
            tx.execute(
                "UPDATE manifest_items SET state = ?3, updated_at = ?2 WHERE id = ?1",
                params![item.to_string(), now, next.code()],
            )?;
        }
        Ok(Ok(info(tx, &id)?))
    })
}

/// Staff's count of a courier's return bundle, once: the report then stands agreed or
/// flagged (see [`antar_domain::ba_return::ReturnTally`]); either way nothing else changes.
pub(super) fn count_return(
    store: &Store,
    id: &str,
    counted: u32,
    officer: &str,
) -> StoreResult<Result<ReturnInfo, ReturnCountRefusal>> {
    let now = timestamp(Utc::now());
    store.write(|tx| {
        let Some(found) = tx
            .query_row(&format!("{INFO_SQL} WHERE r.id = ?1"), [id], info_from_row)
            .optional()?
        else {
            return Ok(Err(ReturnCountRefusal::NotFound));
        };
        if !found.tally().office_may_count() {
            return Ok(Err(if found.from_courier {
                ReturnCountRefusal::AlreadyCounted
            } else {
                ReturnCountRefusal::IssuedAtOffice
            }));
        }
        tx.execute(
            "UPDATE return_manifests SET office_counted = ?2, office_counted_by = ?3,
                office_counted_at = ?4
             WHERE id = ?1 AND office_counted IS NULL",
            params![id, counted, officer, now],
        )?;
        Ok(Ok(info(tx, id)?))
    })
}

pub(super) fn returns(store: &Store, manifest: Option<ManifestId>) -> StoreResult<Vec<ReturnInfo>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(&format!(
            "{INFO_SQL} WHERE CAST(?1 AS TEXT) IS NULL OR r.manifest_id = ?1 ORDER BY r.year DESC, r.seq DESC"
        ))?;
        let rows = stmt.query_map([manifest.map(|m| m.to_string())], info_from_row)?;
        rows.collect::<Result<_, _>>()
    })
}

pub(super) fn return_manifest(store: &Store, id: &str) -> StoreResult<Option<ReturnManifest>> {
    store.read(|conn| {
        let Some(info) = conn
            .query_row(&format!("{INFO_SQL} WHERE r.id = ?1"), [id], info_from_row)
            .optional()?
        else {
            return Ok(None);
        };
        let mut stmt = conn.prepare_cached(
            "SELECT ri.line, i.line, d.name, d.nik, d.document_type, d.desa_name,
                d.kecamatan_name,
                COALESCE(ri.reason,
                    (SELECT a.reason FROM attempts a WHERE a.office_seq = i.last_office_seq))
             FROM return_items ri JOIN manifest_items i ON i.id = ri.item_id
             JOIN documents d ON d.id = i.document_id
             WHERE ri.return_id = ?1 ORDER BY ri.line",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(ReturnLine {
                line: r.get(0)?,
                ba_line: r.get(1)?,
                name: r.get(2)?,
                nik: r.get(3)?,
                document_type: r.get(4)?,
                desa_name: r.get(5)?,
                kecamatan_name: r.get(6)?,
                reason: r.get(7)?,
            })
        })?;
        Ok(Some(ReturnManifest {
            info,
            lines: rows.collect::<Result<_, _>>()?,
        }))
    })
}
