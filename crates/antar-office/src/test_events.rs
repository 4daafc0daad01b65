//! Events for the crate's unit tests: a device's failed attempt on an item the office need
//! not have.

use antar_domain::attempt::{Attempt, FailureReason, Outcome, Text};
use antar_domain::ids::{DeviceId, EventId, ItemId, ManifestId, Sha256Hash};
use antar_domain::wire::{Event, EventBody};

/// Attempt number `seq` of `device`, failed for `reason`.
pub(crate) fn failed_attempt(device: DeviceId, seq: u64, reason: FailureReason) -> Event {
    Event {
        id: EventId::new_v7(),
        device_id: device,
        device_seq: seq,
        recorded_at: chrono::Utc::now(),
        since_contact: None,
        prev_sha256: None,
        body: EventBody::Attempt(Attempt {
            manifest_id: ManifestId::new_v7(),
            manifest_sha256: Sha256Hash::of(b"BA"),
            item_id: ItemId::new_v7(),
            outcome: Outcome::Failed { reason },
            fix: None,
            place: None,
            photo: None,
            note: None,
        }),
    }
}

/// A reason whose note holds what JSON must escape or a scanner could trip on.
pub(crate) fn awkward_reason() -> FailureReason {
    FailureReason::Other {
        note: Text::parse("rumah \"kosong\" \\ ] } [ {, ditinggal,\tpagar terkunci")
            .unwrap_or_else(|e| panic!("note: {e}")),
    }
}
