//! Recording at a recording team's visit, fully offline: the check-in at the venue (place
//! verdict against the visit's desa, stamped activity photos) and each person's outcome,
//! listed or walked in. Both join the phone's one event chain through the store.

mod handover;
mod model;
mod walk_in;

#[cfg(test)]
mod list_tests;
#[cfg(test)]
mod tests;

pub use handover::CollectiveHandoverInput;
pub(crate) use handover::handover;
pub use model::{
    RecordedVisitEvent, VisitCard, VisitCheckinInput, VisitCounts, VisitOutcomeInput,
    VisitPersonInput, VisitTarget,
};

use antar_domain::attempt::{GpsFix, PhotoRef};
use antar_domain::custody::SinceContact;
use antar_domain::ids::EventId;
use antar_domain::place::{PlaceIndex, PlacePolicy, PlaceVerdict};
use antar_domain::visit::{
    MAX_CHECKIN_PHOTOS, VisitCheckin, VisitOutcome, VisitPerson, VisitState,
};
use antar_domain::wire::{Event, EventBody};
use antar_photo::{ProofOptions, Stamp};
use chrono::Utc;

use crate::attempt::{check_size, since_last_contact};
use crate::error::{DeviceError, Result};
use crate::photo;
use crate::store::{Enrollment, Link, NewVisitEvent, Store, StoredPhoto, VisitHead};

pub(crate) fn checkin(
    store: &mut Store,
    enrollment: &Enrollment,
    input: VisitCheckinInput,
    photo_options: &ProofOptions,
) -> Result<RecordedVisitEvent> {
    // Refuse early, before making photos for a check-in that cannot be stored.
    let head = store.visit_head(input.visit_id)?;
    open_for_recording(&head)?;
    if input.photos.len() > MAX_CHECKIN_PHOTOS {
        return Err(DeviceError::Invalid(format!(
            "foto kegiatan terlalu banyak: {}, paling banyak {MAX_CHECKIN_PHOTOS}",
            input.photos.len()
        )));
    }
    let place = place_verdict(&head, input.fix.as_ref());
    let since_contact = since_last_contact(store)?;
    // The photos are on disk, durably, before the event that names them exists.
    let mut photos = Vec::with_capacity(input.photos.len());
    for (i, path) in input.photos.iter().enumerate() {
        let stamp = Stamp {
            taken_at: Utc::now(),
            lat_lon: input.fix.as_ref().map(|fix| (fix.lat(), fix.lon())),
            accuracy_m: input.fix.as_ref().map(GpsFix::accuracy_m),
            desa: head.desa_name.clone(),
            ba_number: head.number.clone(),
            item: format!("{} · foto {}", head.venue, i + 1),
        };
        photos.push(photo::ingest(store.dir(), path, &stamp, photo_options)?);
    }
    let refs: Vec<PhotoRef> = photos
        .iter()
        .map(|p| PhotoRef {
            sha256: p.sha256,
            bytes: p.size,
        })
        .collect();
    let body = EventBody::VisitCheckin(VisitCheckin {
        visit_id: input.visit_id,
        fix: input.fix,
        place: Some(place),
        photos: refs.clone(),
        note: input.note,
    });
    let committed = store.commit_visit_event(input.visit_id, |link, head| {
        // Checked again under the write lock: a pull may have brought the cancellation.
        open_for_recording(&head)?;
        chained(enrollment, link, since_contact, body, head, photos)
    })?;
    tracing::info!(
        event = %committed.event.id,
        seq = committed.event.device_seq,
        visit = %committed.visit,
        photos = refs.len(),
        "visit check-in recorded"
    );
    Ok(RecordedVisitEvent {
        event_id: committed.event.id,
        device_seq: committed.event.device_seq,
        photos: refs,
        target_id: None,
    })
}

pub(crate) fn outcome(
    store: &mut Store,
    enrollment: &Enrollment,
    input: VisitOutcomeInput,
) -> Result<RecordedVisitEvent> {
    let head = store.visit_head(input.visit_id)?;
    open_for_recording(&head)?;
    let person = match input.person {
        VisitPersonInput::Target(target_id) => {
            if !store.target_on_visit(input.visit_id, target_id)? {
                return Err(DeviceError::not_found(format!(
                    "sasaran {target_id} pada kunjungan {}",
                    head.number
                )));
            }
            VisitPerson::Target { target_id }
        }
        VisitPersonInput::WalkIn { nik, name } => {
            let nik = walk_in::parse_nik(&nik)?;
            // Someone on the list who was not picked from it is still that person.
            match store.listed_target_by_nik(input.visit_id, &nik)? {
                Some(target_id) => VisitPerson::Target { target_id },
                None => {
                    walk_in::check_age(&nik, head.visit_day)?;
                    VisitPerson::WalkIn { nik, name }
                }
            }
        }
    };
    let target_id = match &person {
        VisitPerson::Target { target_id } => Some(*target_id),
        VisitPerson::WalkIn { .. } => None,
    };
    let walk_in = target_id.is_none();
    let body = EventBody::VisitOutcome(VisitOutcome {
        visit_id: input.visit_id,
        person,
        outcome: input.outcome,
        ikd: input.ikd,
        note: input.note,
    });
    let since_contact = since_last_contact(store)?;
    let committed = store.commit_visit_event(input.visit_id, |link, head| {
        open_for_recording(&head)?;
        chained(enrollment, link, since_contact, body, head, Vec::new())
    })?;
    // Ids and codes only: the person's NIK and name never go to the log.
    tracing::info!(
        event = %committed.event.id,
        seq = committed.event.device_seq,
        visit = %committed.visit,
        target = ?target_id,
        walk_in,
        outcome = input.outcome.code(),
        "visit outcome recorded"
    );
    Ok(RecordedVisitEvent {
        event_id: committed.event.id,
        device_seq: committed.event.device_seq,
        photos: Vec::new(),
        target_id,
    })
}

/// The place verdict of a fix against the visit's desa, as a check-in would carry it.
pub(crate) fn place_verdict(head: &VisitHead, fix: Option<&GpsFix>) -> PlaceVerdict {
    PlaceIndex::tanggamus().verdict(fix, &head.desa, &PlacePolicy::default())
}

pub(super) fn open_for_recording(head: &VisitHead) -> Result<()> {
    if head.state == VisitState::Cancelled {
        return Err(DeviceError::Invalid(format!(
            "kunjungan {} sudah dibatalkan kantor; tidak ada yang bisa dicatat",
            head.number
        )));
    }
    Ok(())
}

pub(super) fn chained(
    enrollment: &Enrollment,
    link: Link,
    since_contact: Option<SinceContact>,
    body: EventBody,
    head: VisitHead,
    photos: Vec<StoredPhoto>,
) -> Result<NewVisitEvent> {
    body.check()
        .map_err(|e| DeviceError::Invalid(e.to_string()))?;
    let event = Event {
        id: EventId::new_v7(),
        device_id: enrollment.device_id,
        device_seq: link.device_seq,
        recorded_at: Utc::now(),
        since_contact,
        prev_sha256: link.prev_sha256,
        body,
    };
    check_size(&event)?;
    Ok(NewVisitEvent {
        event,
        visit: head.id,
        photos,
    })
}
