//! Recording a delivery attempt, fully offline: check the item and the state change, take
//! the photo into the store, then commit the event and the item's new state together.

use antar_domain::attempt::{Attempt, GpsFix, Outcome, PhotoRef};
use antar_domain::custody::SinceContact;
use antar_domain::ids::EventId;
use antar_domain::place::{PlaceIndex, PlacePolicy};
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, EventBody, MAX_EVENT_BYTES};
use antar_photo::{ProofOptions, Stamp};
use chrono::Utc;

use crate::clock;
use crate::error::{DeviceError, Result};
use crate::model::{AttemptInput, RecordedAttempt};
use crate::photo;
use crate::store::{Enrollment, NewEvent, Store};

pub(crate) fn record(
    store: &mut Store,
    enrollment: &Enrollment,
    input: AttemptInput,
    photo_options: &ProofOptions,
) -> Result<RecordedAttempt> {
    // Refuse early, before copying a photo for an attempt that cannot be stored.
    let (manifest_id, current) = store.item_state(input.item_id)?;
    next_state(current, &input.outcome)?;
    input
        .outcome
        .check_photo(input.photo.is_some())
        .map_err(|e| DeviceError::Invalid(e.to_string()))?;
    let manifest = store.load_manifest(manifest_id)?;
    let manifest_sha256 = store.manifest_fingerprint(manifest_id)?;
    let place = manifest.item(input.item_id).map(|item| {
        PlaceIndex::tanggamus().verdict(
            input.fix.as_ref(),
            &item.address.desa,
            &PlacePolicy::default(),
        )
    });
    let since_contact = since_last_contact(store)?;

    // The photo is on disk, durably, before the event that names it exists.
    let photo = match &input.photo {
        Some(path) => {
            let item = manifest
                .item(input.item_id)
                .ok_or_else(|| DeviceError::not_found(format!("dokumen {}", input.item_id)))?;
            let stamp = Stamp {
                taken_at: Utc::now(),
                lat_lon: input.fix.as_ref().map(|fix| (fix.lat(), fix.lon())),
                accuracy_m: input.fix.as_ref().map(GpsFix::accuracy_m),
                desa: item.address.desa_name.clone(),
                ba_number: manifest.number.to_string(),
                item: format!("Baris {}", item.line),
            };
            Some(photo::ingest(store.dir(), path, &stamp, photo_options)?)
        }
        None => None,
    };
    let photo_ref = photo.as_ref().map(|p| PhotoRef {
        sha256: p.sha256,
        bytes: p.size,
    });

    let committed = store.commit_event(input.item_id, |device_seq, prev_sha256, current| {
        // Checked again under the write lock: another process may have recorded meanwhile.
        let new_state = next_state(current, &input.outcome)?;
        let event = Event {
            id: EventId::new_v7(),
            device_id: enrollment.device_id,
            device_seq,
            recorded_at: Utc::now(),
            since_contact,
            prev_sha256,
            body: EventBody::Attempt(Attempt {
                manifest_id,
                manifest_sha256,
                item_id: input.item_id,
                outcome: input.outcome,
                fix: input.fix,
                place,
                photo: photo_ref,
                note: input.note,
            }),
        };
        check_size(&event)?;
        Ok(NewEvent {
            event,
            item: input.item_id,
            new_state,
            photo,
        })
    })?;
    tracing::info!(
        event = %committed.event.id,
        seq = committed.event.device_seq,
        state = committed.new_state.code(),
        photo = photo_ref.is_some(),
        "attempt recorded"
    );
    Ok(RecordedAttempt {
        event_id: committed.event.id,
        device_seq: committed.event.device_seq,
        new_state: committed.new_state,
        photo: photo_ref,
    })
}

/// Refuses an event larger than the office takes (a long note is the only way to get there).
pub(crate) fn check_size(event: &Event) -> Result<()> {
    let size = event.canonical_bytes().len();
    if size > MAX_EVENT_BYTES {
        return Err(DeviceError::Invalid(format!(
            "catatan terlalu panjang: {size} byte, paling banyak {MAX_EVENT_BYTES}"
        )));
    }
    Ok(())
}

/// How long after the office's clock was last heard an event happens, on the boot clock;
/// `None` when the phone has rebooted since (or has no boot clock).
pub(crate) fn since_last_contact(store: &Store) -> Result<Option<SinceContact>> {
    let Some(contact) = store.last_contact()? else {
        return Ok(None);
    };
    let (Some(anchor), Some(now)) = (contact.boot, clock::read()) else {
        return Ok(None);
    };
    Ok(
        clock::elapsed_ms(&anchor, &now).map(|elapsed_ms| SinceContact {
            office_time: contact.office_time,
            elapsed_ms,
        }),
    )
}

fn next_state(current: ItemState, outcome: &Outcome) -> Result<ItemState> {
    current.after_attempt(outcome).map_err(|e| {
        if current.is_final() {
            // Says what the courier needs to know, not just which change is illegal.
            DeviceError::Invalid(format!(
                "dokumen ini sudah berstatus {current} (final); upaya baru tidak bisa dicatat"
            ))
        } else {
            DeviceError::Invalid(e.to_string())
        }
    })
}
