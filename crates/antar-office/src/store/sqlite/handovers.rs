//! Collective handovers as they arrive (migration 0013): a card of the visit's BA handed to
//! the aparat pekon becomes delivered (a card its owner already received stays as it was),
//! the handover and its cards are kept for the 14-day follow-up, and the event is stored once
//! under its id with the same chain, time and place checks as any event.

use crate::store::db::{Db, Optional};
use antar_domain::ids::{ManifestId, Sha256Hash};
use antar_domain::region::RegionCode;
use antar_domain::sop;
use antar_domain::visit::CollectiveHandover;
use antar_domain::wire::Receipt;
use rusqlite::params;

use super::event_rows::{EventRow, store_chained};
use super::events::{Receiving, replay};
use crate::store::custody;
use crate::store::incoming::{EventRejection, EventResult, IncomingEvent, Recorded};
use crate::store::lookup::IngestLookup;
use crate::store::{StoreError, StoreResult, WriterMemo, json_text};

pub(super) fn record(
    tx: &Db<'_>,
    memo: &mut WriterMemo,
    receiving: &Receiving<'_>,
    incoming: &IncomingEvent,
    handover: &CollectiveHandover,
    office_seq: i64,
) -> StoreResult<EventResult> {
    let event = &incoming.event;
    let visit = handover.visit_id.to_string();
    let desa: Option<String> = tx
        .prepare_cached(
            "SELECT v.desa FROM visits v
             JOIN visit_team t ON t.visit_id = v.id AND t.courier_id = ?2
             JOIN manifests m ON m.visit_id = v.id AND m.id = ?3
             WHERE v.id = ?1",
        )?
        .query_row(
            params![visit, receiving.courier, handover.manifest_id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(desa) = desa else {
        return Ok(Err(EventRejection::VisitNotFound));
    };
    let desa = RegionCode::parse(&desa)
        .map_err(|e| StoreError::corrupt(format!("kode desa kunjungan: {e}")))?;
    // Every card must be on that BA; the states are read now, the changes made after the
    // event's row is in (a replay changes nothing).
    let mut cards = Vec::with_capacity(handover.items.len());
    for item in &handover.items {
        match memo.items.look_up(tx, *item)? {
            Some((facts, state)) if facts.manifest_id == handover.manifest_id => {
                cards.push((facts.row, *item, state));
            }
            _ => return Ok(Err(EventRejection::ItemNotFound)),
        }
    }
    let bound = manifest_bound(tx, memo, handover.manifest_id, &handover.manifest_sha256)?;
    let (place_office, place_agrees) =
        custody::judge_place(handover.fix.as_ref(), handover.place.as_ref(), &desa);
    let unchanged = cards
        .iter()
        .filter(|(_, _, state)| state.after_collective_handover().is_err())
        .count();
    let warning = (unchanged > 0).then(|| {
        format!("kejadian disimpan; {unchanged} dokumen sudah diterima pemiliknya dan tidak diubah")
    });
    let stored = StoredHandover {
        office_seq,
        warning: warning.as_deref(),
        place_office: json_text(&place_office)?,
        place_agrees,
    };
    if !insert_event(tx, memo, incoming, receiving, handover, &stored)? {
        return replay(tx, event.id, &incoming.sha256);
    }
    let handed_on = sop::local_day(event.recorded_at).to_string();
    tx.prepare_cached(
        "INSERT INTO collective_handovers (office_seq, visit_id, manifest_id, courier_id,
            official_name, official_position, handed_on, manifest_bound)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        office_seq,
        visit,
        handover.manifest_id.to_string(),
        receiving.courier,
        handover.official_name.as_str(),
        handover.official_position.as_str(),
        handed_on,
        bound,
    ])?;
    for (row, item, state) in cards {
        let after = state.after_collective_handover().ok();
        tx.prepare_cached(
            "INSERT INTO collective_items (item_id, office_seq, changed) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![item.to_string(), office_seq, after.is_some()])?;
        if let Some(after) = after {
            // As an attempt's delivery: the earliest delivery time stands (migration 0004).
            tx.prepare_cached(
                "UPDATE manifest_items SET state = ?2, updated_at = ?3, last_office_seq = ?5,
                    delivered_at = CASE WHEN delivered_at IS NULL OR delivered_at > ?4
                        THEN ?4 ELSE delivered_at END
                 WHERE rowid = ?1",
            )?
            .execute(params![
                row,
                after.code(),
                receiving.received_text,
                incoming.texts.recorded_at,
                office_seq
            ])?;
        }
    }
    Ok(Ok(Recorded::Created(Receipt {
        event_id: event.id,
        event_sha256: incoming.sha256,
        office_seq,
        received_at: receiving.received_at,
        item_state: None,
        warning,
    })))
}

/// Whether an event names the BA as the office issued it; the fingerprint is computed
/// once per BA, as for attempts.
pub(super) fn manifest_bound(
    tx: &Db<'_>,
    memo: &mut WriterMemo,
    manifest: ManifestId,
    named: &Sha256Hash,
) -> StoreResult<bool> {
    let fingerprint = match memo.items.fingerprint(manifest) {
        Some(known) => known,
        None => {
            let issued = tx
                .manifest(manifest)?
                .ok_or_else(|| StoreError::corrupt(format!("BA {manifest} hilang")))?;
            let hash = issued.content_hash();
            tx.keep_fingerprint(manifest, &hash)?;
            memo.items.fingerprinted(manifest, hash);
            hash
        }
    };
    Ok(fingerprint == *named || tx.form_served(manifest, named)?)
}

struct StoredHandover<'a> {
    office_seq: i64,
    warning: Option<&'a str>,
    place_office: String,
    place_agrees: Option<bool>,
}

/// The event's row in `events`; `false` if its id is taken.
fn insert_event(
    tx: &Db<'_>,
    memo: &mut WriterMemo,
    incoming: &IncomingEvent,
    receiving: &Receiving<'_>,
    handover: &CollectiveHandover,
    stored: &StoredHandover<'_>,
) -> StoreResult<bool> {
    let row = EventRow {
        office_seq: stored.office_seq,
        received_text: receiving.received_text,
        note: handover.note.as_ref(),
        fix: handover.fix.as_ref(),
        photo_bytes: handover.photo.map(|p| p.bytes),
        warning: stored.warning,
        place: Some((stored.place_office.clone(), stored.place_agrees)),
        attempt: None,
    };
    store_chained(tx, &mut memo.device_tails, receiving, incoming, &row)
}
