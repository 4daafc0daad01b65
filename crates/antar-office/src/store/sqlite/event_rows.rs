//! The one `INSERT` of an event's row in `events` (migrations 0006, 0020): the columns every kind of
//! event fills, and those only a delivery attempt has; and the one way an event joins its
//! device's chain around that insert.

use crate::store::db::Db;
use antar_domain::attempt::{FailureReason, GpsFix, Outcome, Text};
use antar_domain::state::ItemState;
use rusqlite::params;

use super::events::Receiving;
use crate::store::custody::{self, DeviceTails, Link};
use crate::store::incoming::IncomingEvent;
use crate::store::{StoreResult, json_text};

/// What the office writes beside the event itself.
pub(super) struct EventRow<'a> {
    pub(super) office_seq: i64,
    pub(super) received_text: &'a str,
    pub(super) note: Option<&'a Text>,
    pub(super) fix: Option<&'a GpsFix>,
    /// The size of the event's (first) photo.
    pub(super) photo_bytes: Option<u64>,
    pub(super) warning: Option<&'a str>,
    /// The office's place verdict as JSON and whether the phone's agreed; `None` leaves the
    /// place columns empty (an event judged in its own table, or not at all).
    pub(super) place: Option<(String, Option<bool>)>,
    pub(super) attempt: Option<AttemptColumns<'a>>,
}

/// The columns of an attempt at the door.
pub(super) struct AttemptColumns<'a> {
    /// The item's state after the attempt, as its receipt says.
    pub(super) item_state: ItemState,
    pub(super) outcome: &'a Outcome,
    pub(super) manifest_bound: bool,
}

/// Links an event other than an attempt into its device's chain and inserts its row; `false`
/// if its id is taken (the caller answers as a replay).
pub(super) fn store_chained(
    tx: &Db<'_>,
    device_tails: &mut DeviceTails,
    receiving: &Receiving<'_>,
    incoming: &IncomingEvent,
    row: &EventRow<'_>,
) -> StoreResult<bool> {
    let link = custody::check_link(
        tx,
        device_tails,
        receiving.courier,
        &incoming.event,
        receiving.received_at,
    )?;
    if !insert_event_row(tx, incoming, row, &link)? {
        return Ok(false);
    }
    chain_stored(tx, device_tails, incoming, &link)?;
    Ok(true)
}

/// Tells the chain the event is stored: a successor that arrived first links to it now.
pub(super) fn chain_stored(
    tx: &Db<'_>,
    device_tails: &mut DeviceTails,
    incoming: &IncomingEvent,
    link: &Link,
) -> StoreResult<()> {
    custody::relink_waiting_successor(tx, &incoming.event, &incoming.sha256, link)?;
    device_tails.stored(&incoming.event, incoming.sha256);
    Ok(())
}

/// Inserts the event's row; `false` if its id is taken (a replay).
pub(super) fn insert_event_row(
    tx: &Db<'_>,
    incoming: &IncomingEvent,
    row: &EventRow<'_>,
    link: &Link,
) -> StoreResult<bool> {
    let IncomingEvent { event, texts, .. } = incoming;
    let outcome = row.attempt.as_ref().map(|a| a.outcome);
    let (reason, reason_note) = match outcome {
        Some(Outcome::Failed { reason }) => {
            let note = match reason {
                FailureReason::Other { note } => Some(note.as_str()),
                _ => None,
            };
            (Some(reason.code()), note)
        }
        _ => (None, None),
    };
    let (recipient, relationship, position) = match outcome {
        Some(Outcome::DeliveredToFamily {
            recipient,
            relationship,
        }) => (Some(recipient.as_str()), Some(relationship.code()), None),
        Some(Outcome::LeftWithOfficial {
            recipient,
            position,
        }) => (Some(recipient.as_str()), None, Some(position.code())),
        _ => (None, None, None),
    };
    let fix = row.fix;
    let (place_office, place_device, place_agrees) = match &row.place {
        Some((office, agrees)) => (
            Some(office.as_str()),
            texts.place_device.as_deref(),
            *agrees,
        ),
        None => (None, None, None),
    };
    let inserted = tx
        .prepare_cached(
            "INSERT INTO events (office_seq, id, device_id, device_seq, canonical, sha256,
                prev_sha256, received_at, item_state, item_id, outcome, reason, reason_note,
                note, recipient, relationship, lat, lon, accuracy_m, mock_location,
                photo_sha256, photo_bytes, recorded_at, warning, chain, chain_json, time,
                time_json, manifest_bound, place_office, place_device, place_agrees,
                official_position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            row.office_seq,
            texts.id,
            texts.device_id,
            // SQLite integers are signed; a sequence beyond i64 is nonsense but must not panic.
            i64::try_from(event.device_seq).unwrap_or(i64::MAX),
            incoming.canonical,
            texts.sha256,
            texts.prev_sha256,
            row.received_text,
            row.attempt.as_ref().map(|a| a.item_state.code()),
            texts.item_id,
            outcome.map(Outcome::code),
            reason,
            reason_note,
            row.note.map(Text::as_str),
            recipient,
            relationship,
            fix.map(GpsFix::lat),
            fix.map(GpsFix::lon),
            fix.map(GpsFix::accuracy_m),
            fix.map(GpsFix::is_mock),
            texts.photo_sha256,
            row.photo_bytes
                .map(|b| i64::try_from(b).unwrap_or(i64::MAX)),
            texts.recorded_at,
            row.warning,
            link.chain.code(),
            json_text(&link.chain)?,
            link.time.code(),
            json_text(&link.time)?,
            row.attempt.as_ref().map(|a| a.manifest_bound),
            place_office,
            place_device,
            place_agrees,
            position,
        ])?;
    Ok(inserted == 1)
}
