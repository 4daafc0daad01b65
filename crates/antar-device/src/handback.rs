//! Recording the documents the courier hands back to the office at the end of a round,
//! offline: each chosen by its BA line with a reason, and the count of the bundle; checked
//! by the domain's rules, and the documents leave the courier's list in the same commit.

use antar_domain::attempt::{FailureReason, GpsFix, Text};
use antar_domain::ba_return::{CourierReturn, ReturnError, ReturnedDocument};
use antar_domain::ids::{EventId, ItemId, ManifestId};
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, EventBody};
use chrono::Utc;
use rusqlite::Transaction;

use crate::attempt::since_last_contact;
use crate::error::{DeviceError, Result};
use crate::store::{
    Chained, Enrollment, Store, StoredPhoto, Subject, hold_back_items, item_state_in,
};

/// What the courier hands back.
#[derive(Clone, Debug)]
pub struct ReturnInput {
    pub manifest_id: ManifestId,
    /// Each document by its BA line, with why it could not be delivered.
    pub documents: Vec<(u32, FailureReason)>,
    /// Documents in the bundle; fewer than chosen is kept and flagged at the office.
    pub counted: u32,
    pub fix: Option<GpsFix>,
    pub note: Option<Text>,
}

/// A return saved on the phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedReturn {
    pub event_id: EventId,
    pub device_seq: u64,
    pub listed: u32,
    pub counted: u32,
}

/// A document the courier may hand back: not delivered, not back at the office yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnCandidate {
    pub line: u32,
    pub item_id: ItemId,
    pub owner_name: String,
    pub desa_name: String,
    pub state: ItemState,
    /// The reason of the last failed attempt on this phone, to offer first.
    pub last_reason: Option<FailureReason>,
}

pub(crate) fn candidates(store: &Store, manifest: ManifestId) -> Result<Vec<ReturnCandidate>> {
    let manifest = store.load_manifest(manifest)?;
    let mut found = Vec::new();
    for item in &manifest.items {
        let state = store.item_state(item.id)?.1;
        if state.after_courier_return().is_err() {
            continue;
        }
        found.push(ReturnCandidate {
            line: item.line,
            item_id: item.id,
            owner_name: item.owner_name.clone(),
            desa_name: item.address.desa_name.clone(),
            state,
            last_reason: store.last_failure(item.id)?,
        });
    }
    Ok(found)
}

pub(crate) fn record(
    store: &mut Store,
    enrollment: &Enrollment,
    input: ReturnInput,
) -> Result<RecordedReturn> {
    let manifest = store.load_manifest(input.manifest_id)?;
    let mut documents = Vec::with_capacity(input.documents.len());
    for (line, reason) in input.documents {
        let item = manifest
            .items
            .iter()
            .find(|i| i.line == line)
            .ok_or_else(|| {
                DeviceError::Invalid(format!("baris {line} tidak ada di {}", manifest.number))
            })?;
        documents.push(ReturnedDocument {
            item_id: item.id,
            reason,
        });
    }
    let handed_back = CourierReturn {
        manifest_id: manifest.id,
        manifest_sha256: store.manifest_fingerprint(manifest.id)?,
        documents,
        counted: input.counted,
        fix: input.fix,
        note: input.note,
    };
    let line_of = |item: ItemId| manifest.item(item).map_or(0, |i| i.line);
    let said = |refused: ReturnError| DeviceError::Invalid(in_lines(refused, line_of));
    let states: Vec<(ItemId, ItemState)> = handed_back
        .documents
        .iter()
        .map(|d| Ok((d.item_id, store.item_state(d.item_id)?.1)))
        .collect::<Result<_>>()?;
    let state_of = |item: ItemId| states.iter().find(|(id, _)| *id == item).map(|s| s.1);
    handed_back.returned_after(state_of).map_err(said)?;
    let since_contact = since_last_contact(store)?;
    let committed = store.commit_chained(|tx, link| {
        // Checked again under the write lock: another process may have recorded a delivery
        // of one of these documents meanwhile.
        for document in &handed_back.documents {
            let state = item_state_in(tx, document.item_id)?;
            if state.after_courier_return().is_err() {
                return Err(said(ReturnError::NotReturnable {
                    item: document.item_id,
                    state,
                }));
            }
        }
        Ok(NewReturn {
            event: Event {
                id: EventId::new_v7(),
                device_id: enrollment.device_id,
                device_seq: link.device_seq,
                recorded_at: Utc::now(),
                since_contact,
                prev_sha256: link.prev_sha256,
                body: EventBody::CourierReturn(handed_back.clone()),
            },
            handed_back: handed_back.clone(),
        })
    })?;
    tracing::info!(
        seq = committed.event.device_seq,
        listed = committed.handed_back.listed(),
        counted = committed.handed_back.counted,
        "return saved"
    );
    Ok(RecordedReturn {
        event_id: committed.event.id,
        device_seq: committed.event.device_seq,
        listed: committed.handed_back.listed(),
        counted: committed.handed_back.counted,
    })
}

/// The domain's refusal with the document named by its BA line, as the courier knows it.
fn in_lines(refused: ReturnError, line_of: impl Fn(ItemId) -> u32) -> String {
    let named = |item: ItemId| format!("baris {}", line_of(item));
    match refused {
        ReturnError::Twice { item } => format!("{} dipilih dua kali", named(item)),
        ReturnError::NotOnBa { item } => format!("{} tidak ada di BA ini", named(item)),
        ReturnError::NotReturnable { item, state } => format!(
            "{} sudah berstatus {}; hanya dokumen yang belum diserahkan bisa dikembalikan",
            named(item),
            state.to_string().to_lowercase()
        ),
        other => other.to_string(),
    }
}

struct NewReturn {
    event: Event,
    handed_back: CourierReturn,
}

impl Chained for NewReturn {
    fn event(&self) -> &Event {
        &self.event
    }

    fn subject(&self) -> Subject {
        Subject::Manifest(self.handed_back.manifest_id)
    }

    fn photos(&self) -> &[StoredPhoto] {
        &[]
    }

    /// The documents leave the courier's list, and stay off it when the BA is downloaded
    /// again before the office's receipt (as a handover's cards).
    fn apply(&self, tx: &Transaction<'_>) -> Result<()> {
        let items = self.handed_back.documents.iter().map(|d| d.item_id);
        hold_back_items(tx, self.event.id, items, ItemState::Returned)
    }
}
