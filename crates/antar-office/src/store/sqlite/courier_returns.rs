//! The courier's return as it arrives from the phone (migration 0017): checked by the domain
//! against the BA's documents and states, chained like any event, kept as a numbered BA
//! Pengembalian with the courier's count and each document's reason; the documents become
//! returned. A count short of the list is kept and flagged, never refused.

use crate::store::db::Db;
use antar_domain::ba_return::CourierReturn;
use antar_domain::ids::ItemId;
use antar_domain::sop;
use antar_domain::state::ItemState;
use antar_domain::wire::Receipt;
use rusqlite::params;

use super::event_rows::{EventRow, store_chained};
use super::events::{Receiving, replay, replay_if_stored};
use super::handover_counts::documents;
use super::handovers::manifest_bound;
use super::returns::{FromCourier, NewReturn, insert_header, insert_line};
use crate::store::incoming::{EventRejection, EventResult, IncomingEvent, Recorded};
use crate::store::{StoreResult, WriterMemo};

pub(super) fn record(
    tx: &Db<'_>,
    memo: &mut WriterMemo,
    receiving: &Receiving<'_>,
    incoming: &IncomingEvent,
    handed_back: &CourierReturn,
    office_seq: i64,
) -> StoreResult<EventResult> {
    let event = &incoming.event;
    if let Some(replayed) = replay_if_stored(tx, incoming)? {
        return Ok(replayed);
    }
    let on_ba = documents(tx, handed_back.manifest_id, receiving.courier)?;
    if on_ba.is_empty() {
        return Ok(Err(EventRejection::ManifestNotFound));
    }
    let state_of = |item: ItemId| on_ba.iter().find(|(id, _, _)| *id == item).map(|d| d.2);
    let returned = match handed_back.returned_after(state_of) {
        Ok(returned) => returned,
        Err(refused) => return Ok(Err(EventRejection::BadReturn(refused))),
    };
    let bound = manifest_bound(
        tx,
        memo,
        handed_back.manifest_id,
        &handed_back.manifest_sha256,
    )?;
    let listed = handed_back.listed();
    let short = (handed_back.counted < listed).then(|| {
        format!(
            "kejadian disimpan; kurir menghitung {} dari {listed} dokumen yang dikembalikan",
            handed_back.counted
        )
    });
    let row = EventRow {
        office_seq,
        received_text: receiving.received_text,
        note: handed_back.note.as_ref(),
        fix: handed_back.fix.as_ref(),
        photo_bytes: None,
        warning: short.as_deref(),
        place: None,
        attempt: None,
    };
    if !store_chained(tx, &mut memo.device_tails, receiving, incoming, &row)? {
        return replay(tx, event.id, &incoming.sha256);
    }
    let id = uuid::Uuid::now_v7().to_string();
    insert_header(
        tx,
        &NewReturn {
            id: &id,
            manifest: handed_back.manifest_id,
            issued_on: sop::local_day(receiving.received_at),
            issued_by: "",
            created_at: receiving.received_text,
            from_courier: Some(FromCourier {
                office_seq,
                counted: handed_back.counted,
                manifest_bound: bound,
            }),
        },
    )?;
    // The report lists the documents in the BA's order, as one issued at the office does.
    let mut lines: Vec<_> = handed_back
        .documents
        .iter()
        .filter_map(|d| {
            let (_, row, _) = on_ba.iter().find(|(id, _, _)| *id == d.item_id)?;
            Some((*row, d))
        })
        .collect();
    lines.sort_by_key(|(row, _)| *row);
    for (line, (row, document)) in lines.iter().enumerate() {
        insert_line(tx, &id, line + 1, document.item_id, Some(&document.reason))?;
        let after = returned
            .iter()
            .find(|(item, _)| *item == document.item_id)
            .map_or(ItemState::Returned, |(_, after)| *after)
            .code();
        tx.prepare_cached(
            "UPDATE manifest_items SET state = ?2, updated_at = ?3, last_office_seq = ?4
             WHERE rowid = ?1",
        )?
        .execute(params![row, after, receiving.received_text, office_seq])?;
    }
    // Ids and counts only: the audit log never names people.
    tx.prepare_cached(
        "INSERT INTO audit_log (at, user_id, username, action, object, detail)
         VALUES (?1, NULL, ?2, 'ba_kembali_kurir', ?3, ?4)",
    )?
    .execute(params![
        receiving.received_text,
        format!("kurir:{}", receiving.courier),
        format!("ba_kembali:{id}"),
        format!(
            "ba:{} dokumen:{listed} dihitung_kurir:{}",
            handed_back.manifest_id, handed_back.counted
        ),
    ])?;
    Ok(Ok(Recorded::Created(Receipt {
        event_id: event.id,
        event_sha256: incoming.sha256,
        office_seq,
        received_at: receiving.received_at,
        item_state: None,
        warning: short,
    })))
}
