//! BA Pengembalian: the failed documents of a BA Pengiriman that the courier brings back to
//! the office get their own numbered report, and their items become `returned` (through
//! [`ItemState::after_return`], so only failed items can be returned).

use crate::store::refusals::ReturnRefusal;
use crate::store::returns::{ReturnInfo, ReturnLine, ReturnManifest};
use crate::store::{Store, timestamp};
use crate::store::{StoreError, StoreResult};
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::manifest::BaNumber;
use antar_domain::state::ItemState;
use chrono::{Datelike, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

const INFO_SQL: &str = "SELECT r.id, r.number, r.issued_on, r.issued_by, m.id, m.number, c.name,
        (SELECT COUNT(*) FROM return_items ri WHERE ri.return_id = r.id)
     FROM return_manifests r JOIN manifests m ON m.id = r.manifest_id
     JOIN couriers c ON c.id = m.courier_id";

fn info_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReturnInfo> {
    Ok(ReturnInfo {
        id: r.get(0)?,
        number: r.get(1)?,
        issued_on: r.get(2)?,
        issued_by: r.get(3)?,
        manifest_id: r.get(4)?,
        manifest_number: r.get(5)?,
        courier_name: r.get(6)?,
        item_count: crate::store::get_u64(r, 7)?,
    })
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
            items.push((item.to_string(), line, next));
        }
        items.sort_by_key(|(_, line, _)| *line);
        items.dedup();
        let year = issued_on.year();
        let seq: u32 = tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM return_manifests WHERE year = ?1",
            [year],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO return_manifests (id, number, year, seq, manifest_id, issued_on,
                issued_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                BaNumber::format_return(seq, issued_on).as_str(),
                year,
                seq,
                manifest.to_string(),
                issued_on.to_string(),
                officer,
                now
            ],
        )?;
        for (line, (item, _, next)) in items.iter().enumerate() {
            tx.execute(
                "INSERT INTO return_items (return_id, item_id, line) VALUES (?1, ?2, ?3)",
                params![id, item, i64::try_from(line + 1).unwrap_or(i64::MAX)],
            )?;
            tx.execute(
                "UPDATE manifest_items SET state = ?3, updated_at = ?2 WHERE id = ?1",
                params![item, now, next.code()],
            )?;
        }
        Ok(Ok(tx.query_row(
            &format!("{INFO_SQL} WHERE r.id = ?1"),
            [&id],
            info_from_row,
        )?))
    })
}

pub(super) fn returns(store: &Store, manifest: Option<ManifestId>) -> StoreResult<Vec<ReturnInfo>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(&format!(
            "{INFO_SQL} WHERE ?1 IS NULL OR r.manifest_id = ?1 ORDER BY r.year DESC, r.seq DESC"
        ))?;
        let rows = stmt.query_map([manifest.map(|m| m.to_string())], info_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
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
                (SELECT a.reason FROM attempts a WHERE a.office_seq = i.last_office_seq)
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
