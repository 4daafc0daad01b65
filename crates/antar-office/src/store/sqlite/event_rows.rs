//! The one `INSERT` of an event's row in `events` (migrations 0006, 0020): the columns every kind of
//! event fills, and those only a delivery attempt has; and the one way an event joins its
//! device's chain around that insert.

use std::sync::LazyLock;

use crate::store::db::Db;
use antar_domain::attempt::{FailureReason, GpsFix, Outcome, Text};
use antar_domain::state::ItemState;
use rusqlite::types::Value;

use super::events::Receiving;
use crate::store::custody::{self, DeviceTails, Link};
use crate::store::incoming::IncomingEvent;
use crate::store::lookup::IngestLookup;
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
    /// The office's findings on it, the photo's check aside (that arrives later).
    pub(super) finding_count: i64,
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
    tx: &impl IngestLookup,
    device_tails: &mut DeviceTails,
    incoming: &IncomingEvent,
    link: &Link,
) -> StoreResult<()> {
    custody::relink_waiting_successor(tx, &incoming.event, &incoming.sha256, link)?;
    device_tails.stored(&incoming.event, incoming.sha256);
    Ok(())
}

/// How many columns [`COLUMNS`] names (the placeholders of one row).
pub(super) const COLUMN_COUNT: usize = 34;

/// The columns of `events` that an event's row fills.
pub(super) const COLUMNS: &str = "office_seq, id, device_id, device_seq, canonical, sha256,
    prev_sha256, received_at, item_state, item_id, outcome, reason, reason_note, note,
    recipient, relationship, lat, lon, accuracy_m, mock_location, photo_sha256, photo_bytes,
    recorded_at, warning, chain, chain_json, time, time_json, manifest_bound, place_office,
    place_device, place_agrees, official_position, finding_count";

/// Inserts the event's row; `false` if its id is taken (a replay).
pub(super) fn insert_event_row(
    tx: &Db<'_>,
    incoming: &IncomingEvent,
    row: &EventRow<'_>,
    link: &Link,
) -> StoreResult<bool> {
    insert_values(tx, event_row_values(incoming, row, link)?)
}

/// Inserts one event's row from its values; `false` if its id is taken.
pub(super) fn insert_values(tx: &Db<'_>, values: Vec<Value>) -> StoreResult<bool> {
    static INSERT_ONE: LazyLock<String> = LazyLock::new(|| {
        format!(
            "INSERT INTO events ({COLUMNS}) VALUES ({}) ON CONFLICT (id) DO NOTHING",
            placeholders(0)
        )
    });
    let inserted = tx.prepare_cached(&INSERT_ONE)?.execute(values)?;
    Ok(inserted == 1)
}

/// `?N` for one row's columns, the row after `rows_before` others.
pub(super) fn placeholders(rows_before: usize) -> String {
    let first = rows_before * COLUMN_COUNT;
    (first + 1..=first + COLUMN_COUNT)
        .map(|n| format!("?{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The event's row as values, in the order of [`COLUMNS`].
pub(super) fn event_row_values(
    incoming: &IncomingEvent,
    row: &EventRow<'_>,
    link: &Link,
) -> StoreResult<Vec<Value>> {
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
    let text = |t: Option<&str>| t.map_or(Value::Null, |t| Value::Text(t.to_owned()));
    let int = |n: Option<i64>| n.map_or(Value::Null, Value::Integer);
    let real = |x: Option<f64>| x.map_or(Value::Null, Value::Real);
    let flag = |b: Option<bool>| int(b.map(i64::from));
    Ok(vec![
        Value::Integer(row.office_seq),
        Value::Text(texts.id.clone()),
        Value::Text(texts.device_id.clone()),
        // SQLite integers are signed; a sequence beyond i64 is nonsense but must not panic.
        Value::Integer(i64::try_from(event.device_seq).unwrap_or(i64::MAX)),
        Value::Blob(incoming.canonical.clone()),
        Value::Text(texts.sha256.clone()),
        text(texts.prev_sha256.as_deref()),
        Value::Text(row.received_text.to_owned()),
        text(row.attempt.as_ref().map(|a| a.item_state.code())),
        text(texts.item_id.as_deref()),
        text(outcome.map(Outcome::code)),
        text(reason),
        text(reason_note),
        text(row.note.map(Text::as_str)),
        text(recipient),
        text(relationship),
        real(fix.map(GpsFix::lat)),
        real(fix.map(GpsFix::lon)),
        real(fix.map(GpsFix::accuracy_m)),
        flag(fix.map(GpsFix::is_mock)),
        text(texts.photo_sha256.as_deref()),
        int(row
            .photo_bytes
            .map(|b| i64::try_from(b).unwrap_or(i64::MAX))),
        Value::Text(texts.recorded_at.clone()),
        text(row.warning),
        Value::Text(link.chain.code().to_owned()),
        Value::Text(json_text(&link.chain)?),
        Value::Text(link.time.code().to_owned()),
        Value::Text(json_text(&link.time)?),
        flag(row.attempt.as_ref().map(|a| a.manifest_bound)),
        text(place_office),
        text(place_device),
        flag(place_agrees),
        text(position),
        int(row.attempt.as_ref().map(|a| a.finding_count)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_row_has_a_placeholder_for_each_column() {
        assert_eq!(COLUMNS.split(',').count(), COLUMN_COUNT);
        assert!(placeholders(1).starts_with("?35, ?36"));
        assert!(placeholders(1).ends_with(", ?68"));
    }
}
