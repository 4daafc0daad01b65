//! Recording a collective handover at a visit, offline: cards of the visit's BA handed to an
//! official of the pekon, with the official's name and position, the place and a photo; the
//! cards become delivered on the phone in the same commit as the event.

use std::path::PathBuf;

use antar_domain::attempt::{GpsFix, PhotoRef, Text};
use antar_domain::ids::{ItemId, ManifestId, VisitId};
use antar_domain::visit::CollectiveHandover;
use antar_domain::wire::EventBody;
use antar_photo::{ProofOptions, Stamp};
use chrono::Utc;

use super::{RecordedVisitEvent, chained, open_for_recording, place_verdict};
use crate::attempt::since_last_contact;
use crate::error::{DeviceError, Result};
use crate::photo;
use crate::store::{Enrollment, Store};

/// Cards handed to the aparat pekon, as the team entered them.
#[derive(Clone, PartialEq, Debug)]
pub struct CollectiveHandoverInput {
    pub visit_id: VisitId,
    /// The visit's BA the cards are on.
    pub manifest_id: ManifestId,
    pub items: Vec<ItemId>,
    pub official_name: Text,
    /// E.g. Sekretaris Pekon, Kaur Pemerintahan.
    pub official_position: Text,
    pub fix: Option<GpsFix>,
    /// A JPEG of the handover (the official with the cards); made into a stamped proof.
    pub photo: Option<PathBuf>,
    pub note: Option<Text>,
}

pub(crate) fn handover(
    store: &mut Store,
    enrollment: &Enrollment,
    input: CollectiveHandoverInput,
    photo_options: &ProofOptions,
) -> Result<RecordedVisitEvent> {
    let head = store.visit_head(input.visit_id)?;
    open_for_recording(&head)?;
    let manifest = store.load_manifest(input.manifest_id)?;
    if !manifest.number.is_visit() {
        return Err(DeviceError::Invalid(format!(
            "{} bukan BA kunjungan: serah terima kolektif hanya untuk dokumen BA kunjungan",
            manifest.number
        )));
    }
    if !head.manifests.is_empty() && !head.manifests.contains(&manifest.id) {
        return Err(DeviceError::Invalid(format!(
            "{} bukan BA kunjungan {}: serahkan kartu dari BA kunjungan ini",
            manifest.number, head.number
        )));
    }
    // Refused before the photo is made: every card on the BA, and not yet with its owner.
    for item in &input.items {
        let card = manifest.item(*item).ok_or_else(|| {
            DeviceError::not_found(format!("dokumen {item} di {}", manifest.number))
        })?;
        if card.state.after_collective_handover().is_err() {
            return Err(DeviceError::Invalid(format!(
                "dokumen baris {} sudah berstatus {}; tidak bisa diserahkan kolektif",
                card.line, card.state
            )));
        }
    }
    let since_contact = since_last_contact(store)?;
    let photo = match &input.photo {
        Some(path) => {
            let stamp = Stamp {
                taken_at: Utc::now(),
                lat_lon: input.fix.as_ref().map(|fix| (fix.lat(), fix.lon())),
                accuracy_m: input.fix.as_ref().map(GpsFix::accuracy_m),
                desa: head.desa_name.clone(),
                ba_number: manifest.number.to_string(),
                item: format!("Serah terima kolektif · {} dokumen", input.items.len()),
            };
            Some(photo::ingest(store.dir(), path, &stamp, photo_options)?)
        }
        None => None,
    };
    let photo_ref = photo.as_ref().map(|p| PhotoRef {
        sha256: p.sha256,
        bytes: p.size,
    });
    let body = EventBody::CollectiveHandover(CollectiveHandover {
        visit_id: input.visit_id,
        manifest_id: input.manifest_id,
        manifest_sha256: manifest.content_hash(),
        items: input.items.clone(),
        official_name: input.official_name,
        official_position: input.official_position,
        place: Some(place_verdict(&head, input.fix.as_ref())),
        fix: input.fix,
        photo: photo_ref,
        note: input.note,
    });
    let photos: Vec<_> = photo.into_iter().collect();
    let committed = store.commit_visit_event(input.visit_id, |link, head| {
        open_for_recording(&head)?;
        chained(enrollment, link, since_contact, body, head, photos)
    })?;
    tracing::info!(
        event = %committed.event.id,
        seq = committed.event.device_seq,
        visit = %committed.visit,
        cards = input.items.len(),
        "collective handover recorded"
    );
    Ok(RecordedVisitEvent {
        event_id: committed.event.id,
        device_seq: committed.event.device_seq,
        photos: photo_ref.into_iter().collect(),
        target_id: None,
    })
}
