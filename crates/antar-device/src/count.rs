//! Recording the courier's count of a BA's bundle at handover, offline (SOP step 5): the
//! documents in hand and the lines missing from the bundle, checked against the BA by the
//! domain's rules; the missing documents leave the courier's list in the same commit.

use antar_domain::attempt::{GpsFix, Text};
use antar_domain::ba_count::HandoverCount;
use antar_domain::ids::{EventId, ItemId, ManifestId};
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, EventBody};
use chrono::Utc;
use rusqlite::{Transaction, params};

use crate::attempt::since_last_contact;
use crate::error::{DeviceError, Result};
use crate::store::{
    Chained, Enrollment, Store, StoredPhoto, Subject, hold_back_items, item_state_in,
};

/// What the courier says at handover.
#[derive(Clone, Debug)]
pub struct HandoverCountInput {
    pub manifest_id: ManifestId,
    /// The BA's lines not in the bundle; empty when the count matches the BA.
    pub missing_lines: Vec<u32>,
    pub fix: Option<GpsFix>,
    pub note: Option<Text>,
}

/// A count saved on the phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedCount {
    pub event_id: EventId,
    pub device_seq: u64,
    pub counted: u32,
    pub missing: usize,
}

pub(crate) fn record(
    store: &mut Store,
    enrollment: &Enrollment,
    input: HandoverCountInput,
) -> Result<RecordedCount> {
    let manifest = store.load_manifest(input.manifest_id)?;
    if store.counted_at(input.manifest_id)?.is_some() {
        return Err(DeviceError::Invalid(format!(
            "{} sudah dihitung di HP ini",
            manifest.number
        )));
    }
    let mut missing = Vec::with_capacity(input.missing_lines.len());
    for line in &input.missing_lines {
        let item = manifest
            .items
            .iter()
            .find(|i| i.line == *line)
            .ok_or_else(|| {
                DeviceError::Invalid(format!("baris {line} tidak ada di {}", manifest.number))
            })?;
        missing.push(item.id);
    }
    let on_ba: Vec<ItemId> = manifest.items.iter().map(|i| i.id).collect();
    let counted = u32::try_from(on_ba.len().saturating_sub(missing.len())).unwrap_or(u32::MAX);
    let count = HandoverCount {
        manifest_id: manifest.id,
        manifest_sha256: store.manifest_fingerprint(manifest.id)?,
        counted,
        missing,
        fix: input.fix,
        note: input.note,
    };
    let state_of = |item: ItemId| manifest.item(item).map(|i| i.state);
    count
        .check_against(&on_ba)
        .and_then(|()| count.missing_after(state_of))
        .map_err(|refused| DeviceError::Invalid(refused.to_string()))?;
    let since_contact = since_last_contact(store)?;
    let committed = store.commit_chained(|tx, link| {
        // Checked again under the write lock: another process may have recorded an attempt
        // on a document marked missing meanwhile.
        for item in &count.missing {
            let state = item_state_in(tx, *item)?;
            if state.after_missing_at_count().is_err() {
                return Err(DeviceError::Invalid(
                    antar_domain::ba_count::HandoverCountError::NotPending { item: *item, state }
                        .to_string(),
                ));
            }
        }
        Ok(NewCount {
            event: Event {
                id: EventId::new_v7(),
                device_id: enrollment.device_id,
                device_seq: link.device_seq,
                recorded_at: Utc::now(),
                since_contact,
                prev_sha256: link.prev_sha256,
                body: EventBody::HandoverCount(count.clone()),
            },
            count: count.clone(),
        })
    })?;
    tracing::info!(
        seq = committed.event.device_seq,
        missing = committed.count.missing.len(),
        "handover count saved"
    );
    Ok(RecordedCount {
        event_id: committed.event.id,
        device_seq: committed.event.device_seq,
        counted: committed.count.counted,
        missing: committed.count.missing.len(),
    })
}

struct NewCount {
    event: Event,
    count: HandoverCount,
}

impl Chained for NewCount {
    fn event(&self) -> &Event {
        &self.event
    }

    fn subject(&self) -> Subject {
        Subject::Manifest(self.count.manifest_id)
    }

    fn photos(&self) -> &[StoredPhoto] {
        &[]
    }

    /// The BA is counted; its missing documents leave the courier's list, and stay off it
    /// when the BA is downloaded again before the office's receipt (as a handover's cards).
    fn apply(&self, tx: &Transaction<'_>) -> Result<()> {
        tx.execute(
            "UPDATE manifests SET counted_at = ?1 WHERE id = ?2",
            params![
                crate::store::time_text(self.event.recorded_at),
                self.count.manifest_id.to_string()
            ],
        )?;
        hold_back_items(
            tx,
            self.event.id,
            self.count.missing.iter().copied(),
            ItemState::Returned,
        )
    }
}
