//! The courier's count of a BA's documents at handover as it arrives (migration 0016): kept
//! once per BA with the same chain and time checks as any event; documents missing from the
//! bundle go back to the office's queue (returned, free for the next BA), are listed with the
//! count, and a shortfall is written to the audit log.

use crate::store::db::{Db, Optional};
use antar_domain::ba_count::HandoverCount;
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::state::ItemState;
use antar_domain::wire::Receipt;
use rusqlite::params;

use super::event_rows::{EventRow, store_chained};
use super::events::{Receiving, replay, replay_if_stored};
use super::handovers::manifest_bound;
use crate::store::incoming::{EventRejection, EventResult, IncomingEvent, Recorded};
use crate::store::{
    HandoverCountInfo, StoreError, StoreResult, WriterMemo, parse_stored, parse_timestamp,
};

pub(super) fn record(
    tx: &Db<'_>,
    memo: &mut WriterMemo,
    receiving: &Receiving<'_>,
    incoming: &IncomingEvent,
    count: &HandoverCount,
    office_seq: i64,
) -> StoreResult<EventResult> {
    let event = &incoming.event;
    if let Some(replayed) = replay_if_stored(tx, incoming)? {
        return Ok(replayed);
    }
    let on_ba = documents(tx, count.manifest_id, receiving.courier)?;
    if on_ba.is_empty() {
        return Ok(Err(EventRejection::ManifestNotFound));
    }
    if counted(tx, count)? {
        return Ok(Err(EventRejection::AlreadyCounted));
    }
    let ids: Vec<ItemId> = on_ba.iter().map(|(id, _, _)| *id).collect();
    if let Err(refused) = count.check_against(&ids) {
        return Ok(Err(EventRejection::BadCount(refused)));
    }
    let state_of = |item: ItemId| on_ba.iter().find(|(id, _, _)| *id == item).map(|d| d.2);
    let missing = match count.missing_after(state_of) {
        Ok(missing) => missing,
        Err(refused) => return Ok(Err(EventRejection::BadCount(refused))),
    };
    let bound = manifest_bound(tx, memo, count.manifest_id, &count.manifest_sha256)?;
    let row = EventRow {
        office_seq,
        received_text: receiving.received_text,
        note: count.note.as_ref(),
        fix: count.fix.as_ref(),
        photo_bytes: None,
        warning: None,
        place: None,
        attempt: None,
    };
    if !store_chained(tx, &mut memo.device_tails, receiving, incoming, &row)? {
        return replay(tx, event.id, &incoming.sha256);
    }
    tx.prepare_cached(
        "INSERT INTO handover_counts (office_seq, manifest_id, courier_id, counted, missing,
            counted_at, manifest_bound)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        office_seq,
        count.manifest_id.to_string(),
        receiving.courier,
        count.counted,
        i64::try_from(missing.len()).unwrap_or(i64::MAX),
        incoming.texts.recorded_at,
        bound,
    ])?;
    for (item, after) in &missing {
        let row = on_ba
            .iter()
            .find(|(id, _, _)| id == item)
            .map(|d| d.1)
            .ok_or_else(|| StoreError::corrupt("dokumen hilang tanpa baris"))?;
        tx.prepare_cached("INSERT INTO handover_missing (office_seq, item_id) VALUES (?1, ?2)")?
            .execute(params![office_seq, item.to_string()])?;
        tx.prepare_cached(
            "UPDATE manifest_items SET state = ?2, updated_at = ?3, last_office_seq = ?4
             WHERE rowid = ?1",
        )?
        .execute(params![
            row,
            after.code(),
            receiving.received_text,
            office_seq
        ])?;
    }
    if !missing.is_empty() {
        // Ids and a count only: the audit log never names people.
        tx.prepare_cached(
            "INSERT INTO audit_log (at, user_id, username, action, object, detail)
             VALUES (?1, NULL, ?2, 'ba_kurang', ?3, ?4)",
        )?
        .execute(params![
            receiving.received_text,
            format!("kurir:{}", receiving.courier),
            format!("ba:{}", count.manifest_id),
            format!("{} dokumen tidak ada saat serah terima", missing.len()),
        ])?;
    }
    Ok(Ok(Recorded::Created(Receipt {
        event_id: event.id,
        event_sha256: incoming.sha256,
        office_seq,
        received_at: receiving.received_at,
        item_state: None,
        warning: None,
    })))
}

fn counted(tx: &Db<'_>, count: &HandoverCount) -> StoreResult<bool> {
    tx.prepare_cached("SELECT 1 FROM handover_counts WHERE manifest_id = ?1")?
        .exists([count.manifest_id.to_string()])
}

/// The BA's documents (id, row, state) when the BA is this courier's or their visit team's;
/// none otherwise.
pub(super) fn documents(
    tx: &Db<'_>,
    manifest: ManifestId,
    courier: &str,
) -> StoreResult<Vec<(ItemId, i64, ItemState)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT i.id, i.rowid, i.state FROM manifest_items i
         JOIN manifests m ON m.id = i.manifest_id
         WHERE m.id = ?1 AND (m.courier_id = ?2
               OR EXISTS (SELECT 1 FROM visit_team t
                          WHERE t.visit_id = m.visit_id AND t.courier_id = ?2))",
    )?;
    let rows = stmt.query_map(params![manifest.to_string(), courier], |r| {
        Ok((r.get::<String>(0)?, r.get::<i64>(1)?, r.get::<String>(2)?))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (id, rowid, state) = row?;
        let state = ItemState::parse(&state)
            .ok_or_else(|| StoreError::corrupt(format!("status dokumen {state:?}")))?;
        found.push((parse_stored(&id, "id dokumen")?, rowid, state));
    }
    Ok(found)
}

/// The BA's count as received, with the lines that were missing.
pub(super) fn handover_count(
    conn: &Db<'_>,
    manifest: ManifestId,
) -> StoreResult<Option<HandoverCountInfo>> {
    let found = conn
        .query_row(
            "SELECT h.office_seq, h.counted, h.counted_at, COALESCE(c.name, ''), e.lat, e.lon
             FROM handover_counts h JOIN events e ON e.office_seq = h.office_seq
             LEFT JOIN couriers c ON c.id = h.courier_id
             WHERE h.manifest_id = ?1",
            [manifest.to_string()],
            |r| {
                Ok((
                    r.get::<i64>(0)?,
                    r.get::<u32>(1)?,
                    r.get::<String>(2)?,
                    r.get::<String>(3)?,
                    r.get::<Option<f64>>(4)?,
                    r.get::<Option<f64>>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((office_seq, counted, counted_at, courier_name, lat, lon)) = found else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT i.line FROM handover_missing h JOIN manifest_items i ON i.id = h.item_id
         WHERE h.office_seq = ?1 ORDER BY i.line",
    )?;
    let missing_lines = stmt
        .query_map([office_seq], |r| r.get::<u32>(0))?
        .collect::<Result<_, _>>()?;
    Ok(Some(HandoverCountInfo {
        counted,
        missing_lines,
        counted_at: parse_timestamp(&counted_at)?,
        courier_name,
        place: lat.zip(lon),
    }))
}
