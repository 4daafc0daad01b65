//! Events from recording teams' phones: a check-in or a person's outcome, stored once under
//! its id like an attempt (same chain and time checks, same replay and conflict answers), its
//! visit's part in `visit_events` (migration 0011). A check-in starts a planned visit.

use crate::store::db::{Db, Optional};
use antar_domain::ids::{TargetId, VisitId};
use antar_domain::region::RegionCode;
use antar_domain::visit::{VisitCheckin, VisitOutcome, VisitPerson, VisitState};
use antar_domain::wire::{EventBody, Receipt};
use rusqlite::params;

use super::event_rows::{EventRow, store_chained};
use super::events::{Receiving, replay};
use crate::store::custody;
use crate::store::incoming::{EventRejection, EventResult, IncomingEvent, Recorded};
use crate::store::{StoreError, StoreResult, WriterMemo, json_text};

/// Stores one visit event as the `office_seq`-th; refuses it if the visit is not the
/// courier's or the person never was on its list.
pub(super) fn record(
    tx: &Db<'_>,
    memo: &mut WriterMemo,
    receiving: &Receiving<'_>,
    incoming: &IncomingEvent,
    office_seq: i64,
) -> StoreResult<EventResult> {
    let event = &incoming.event;
    let (visit_id, target) = match &event.body {
        EventBody::VisitCheckin(checkin) => (checkin.visit_id, None),
        EventBody::VisitOutcome(outcome) => match &outcome.person {
            VisitPerson::Target { target_id } => (outcome.visit_id, Some(*target_id)),
            VisitPerson::WalkIn { .. } => (outcome.visit_id, None),
        },
        EventBody::Attempt(_)
        | EventBody::CollectiveHandover(_)
        | EventBody::HandoverCount(_)
        | EventBody::CourierReturn(_) => {
            return Err(StoreError::corrupt("bukan kejadian check-in atau hasil"));
        }
    };
    let Some((desa, state)) = team_visit(tx, visit_id, receiving.courier)? else {
        return Ok(Err(EventRejection::VisitNotFound));
    };
    // A person staff removed after the download is still found: the phone had them.
    if let Some(target) = target
        && !on_list(tx, visit_id, target)?
    {
        return Ok(Err(EventRejection::TargetNotFound));
    }
    // It happened in the field, so it is kept; staff see why it changed nothing.
    let warning = (state == VisitState::Cancelled)
        .then(|| "kejadian disimpan, tetapi kunjungan ini sudah dibatalkan".to_owned());
    if !insert_event(
        tx,
        memo,
        incoming,
        receiving,
        warning.as_deref(),
        office_seq,
    )? {
        return replay(tx, event.id, &incoming.sha256);
    }
    let row = VisitRow {
        office_seq,
        visit_id,
        courier: receiving.courier,
        incoming,
    };
    match &event.body {
        EventBody::VisitCheckin(checkin) => {
            insert_checkin(tx, &row, checkin, &desa)?;
            if state == VisitState::Planned {
                tx.prepare_cached(
                    "UPDATE visits SET state = 'started', updated_at = ?2
                     WHERE id = ?1 AND state = 'planned'",
                )?
                .execute(params![visit_id.to_string(), receiving.received_text])?;
            }
        }
        EventBody::VisitOutcome(outcome) => insert_outcome(tx, &row, outcome)?,
        EventBody::Attempt(_)
        | EventBody::CollectiveHandover(_)
        | EventBody::HandoverCount(_)
        | EventBody::CourierReturn(_) => {}
    }
    for (position, photo) in event.body.photos().iter().enumerate().skip(1) {
        tx.prepare_cached(
            "INSERT INTO event_photos (office_seq, position, sha256) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![office_seq, position as i64, photo.sha256.to_hex()])?;
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

/// The visit's desa and state, if `courier` is on its team.
fn team_visit(
    tx: &Db<'_>,
    visit: VisitId,
    courier: &str,
) -> StoreResult<Option<(RegionCode, VisitState)>> {
    let row: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT v.desa, v.state FROM visits v
             JOIN visit_team t ON t.visit_id = v.id AND t.courier_id = ?2
             WHERE v.id = ?1",
        )?
        .query_row(params![visit.to_string(), courier], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((desa, state)) = row else {
        return Ok(None);
    };
    let desa = RegionCode::parse(&desa)
        .map_err(|e| StoreError::corrupt(format!("kode desa kunjungan: {e}")))?;
    let state = VisitState::parse(&state)
        .ok_or_else(|| StoreError::corrupt(format!("status kunjungan {state:?}")))?;
    Ok(Some((desa, state)))
}

fn on_list(tx: &Db<'_>, visit: VisitId, target: TargetId) -> StoreResult<bool> {
    tx.prepare_cached("SELECT 1 FROM visit_targets WHERE id = ?1 AND visit_id = ?2")?
        .exists(params![target.to_string(), visit.to_string()])
}

/// The event's row in `events`, with what any event has; `false` if its id is taken.
fn insert_event(
    tx: &Db<'_>,
    memo: &mut WriterMemo,
    incoming: &IncomingEvent,
    receiving: &Receiving<'_>,
    warning: Option<&str>,
    office_seq: i64,
) -> StoreResult<bool> {
    let (fix, note, photo_bytes) = match &incoming.event.body {
        EventBody::VisitCheckin(checkin) => (
            checkin.fix.as_ref(),
            checkin.note.as_ref(),
            checkin.photos.first().map(|p| p.bytes),
        ),
        EventBody::VisitOutcome(outcome) => (None, outcome.note.as_ref(), None),
        EventBody::Attempt(_)
        | EventBody::CollectiveHandover(_)
        | EventBody::HandoverCount(_)
        | EventBody::CourierReturn(_) => (None, None, None),
    };
    let row = EventRow {
        office_seq,
        received_text: receiving.received_text,
        note,
        fix,
        photo_bytes,
        warning,
        // A check-in's place is judged and kept in `visit_events`.
        place: None,
        attempt: None,
    };
    store_chained(tx, &mut memo.device_tails, receiving, incoming, &row)
}

/// What every `visit_events` row holds.
struct VisitRow<'a> {
    office_seq: i64,
    visit_id: VisitId,
    courier: &'a str,
    incoming: &'a IncomingEvent,
}

fn insert_checkin(
    tx: &Db<'_>,
    row: &VisitRow<'_>,
    checkin: &VisitCheckin,
    desa: &RegionCode,
) -> StoreResult<()> {
    let (place_office, place_agrees) =
        custody::judge_place(checkin.fix.as_ref(), checkin.place.as_ref(), desa);
    tx.prepare_cached(
        "INSERT INTO visit_events (office_seq, visit_id, kind, courier_id, device_id,
            recorded_at, place_office, place_device, place_agrees)
         VALUES (?1, ?2, 'checkin', ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        row.office_seq,
        row.visit_id.to_string(),
        row.courier,
        row.incoming.texts.device_id,
        row.incoming.texts.recorded_at,
        json_text(&place_office)?,
        row.incoming.texts.place_device,
        place_agrees,
    ])?;
    Ok(())
}

fn insert_outcome(tx: &Db<'_>, row: &VisitRow<'_>, outcome: &VisitOutcome) -> StoreResult<()> {
    let (target, nik, name) = match &outcome.person {
        VisitPerson::Target { target_id } => (Some(target_id.to_string()), None, None),
        VisitPerson::WalkIn { nik, name } => {
            (None, Some(nik.as_str()), name.as_ref().map(|n| n.as_str()))
        }
    };
    tx.prepare_cached(
        "INSERT INTO visit_events (office_seq, visit_id, kind, courier_id, device_id,
            recorded_at, target_id, walk_in_nik, walk_in_name, outcome, ikd)
         VALUES (?1, ?2, 'outcome', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        row.office_seq,
        row.visit_id.to_string(),
        row.courier,
        row.incoming.texts.device_id,
        row.incoming.texts.recorded_at,
        target,
        nik,
        name,
        outcome.outcome.code(),
        outcome.ikd.map(|i| i.code()),
    ])?;
    Ok(())
}
