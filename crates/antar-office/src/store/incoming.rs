//! An event as it arrives from a device: checked, its canonical bytes and hash made outside
//! the write lock; and what became of it (a receipt, or why it was refused).

use antar_domain::ids::{CourierId, Sha256Hash};
use antar_domain::wire::{Event, EventBody, Receipt};

use super::{json_text, timestamp};
use crate::store::StoreResult;

/// An event ready to store, hashed and written out before the write lock.
#[derive(Clone, Debug)]
pub(crate) struct IncomingEvent {
    pub(crate) event: Event,
    /// The event's canonical encoding, which its device hashed and named in its next event.
    pub(crate) canonical: Vec<u8>,
    pub(crate) sha256: Sha256Hash,
    pub(super) texts: EventTexts,
    /// The courier whose work it is, when an earlier enrollment of the sending phone recorded
    /// it for another courier; `None`: the sender's courier.
    pub(crate) recorded_for: Option<CourierId>,
}

/// The text columns of an event's row that depend on the event alone. Written before the
/// write lock, since every other request waits while a transaction runs (they were a sixth
/// of a batch event's time inside it).
#[derive(Clone, Debug)]
pub(super) struct EventTexts {
    pub(super) id: String,
    pub(super) device_id: String,
    pub(super) sha256: String,
    pub(super) prev_sha256: Option<String>,
    /// None for an event about no item (a visit's).
    pub(super) item_id: Option<String>,
    pub(super) photo_sha256: Option<String>,
    pub(super) recorded_at: String,
    pub(super) place_device: Option<String>,
}

impl EventTexts {
    fn of(event: &Event, sha256: &Sha256Hash) -> StoreResult<Self> {
        let (item_id, place) = match &event.body {
            EventBody::Attempt(attempt) => (Some(attempt.item_id.to_string()), &attempt.place),
            EventBody::VisitCheckin(checkin) => (None, &checkin.place),
            EventBody::VisitOutcome(_) => (None, &None),
            EventBody::CollectiveHandover(handover) => (None, &handover.place),
            EventBody::HandoverCount(_) | EventBody::CourierReturn(_) => (None, &None),
        };
        Ok(Self {
            id: event.id.to_string(),
            device_id: event.device_id.to_string(),
            sha256: sha256.to_hex(),
            prev_sha256: event.prev_sha256.map(|h| h.to_hex()),
            item_id,
            photo_sha256: event.body.photos().first().map(|p| p.sha256.to_hex()),
            recorded_at: timestamp(event.recorded_at),
            place_device: place.as_ref().map(json_text).transpose()?,
        })
    }
}

impl IncomingEvent {
    /// `sent` are the bytes `event` was parsed from. A device sends its events in their
    /// canonical encoding, and those bytes are kept as they came: encoding every event again
    /// cost a fifth of a single PUT's handling. Bytes in another shape (spaces between tokens,
    /// as a pretty-printing client sends; keys in another order, as a generic JSON value
    /// writes them) are encoded again, so the office's hash is the one the device chained.
    pub(crate) fn received(event: Event, sent: &[u8]) -> StoreResult<Self> {
        let canonical = if looks_canonical(sent) {
            sent.to_vec()
        } else {
            event.canonical_bytes()
        };
        let sha256 = Sha256Hash::of(&canonical);
        let texts = EventTexts::of(&event, &sha256)?;
        Ok(Self {
            event,
            canonical,
            sha256,
            texts,
            recorded_for: None,
        })
    }
}

impl IncomingEvent {
    /// Names the courier whose work the event is, when it is not the sender's.
    pub(crate) fn for_courier(mut self, courier: CourierId, sender: &super::DeviceAuth) -> Self {
        self.recorded_for = (courier != sender.courier_id).then_some(courier);
        self
    }
}

/// Whether `json` (one valid event) is written as serde writes an [`Event`]: its first key is
/// `id` (a re-encoding through a generic value sorts the keys, `body` first) and no whitespace
/// stands between tokens (only inside strings).
fn looks_canonical(json: &[u8]) -> bool {
    if !json.starts_with(b"{\"id\":") {
        return false;
    }
    let mut in_string = false;
    let mut escaped = false;
    for &byte in json {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match byte {
                b'"' => in_string = true,
                b' ' | b'\n' | b'\r' | b'\t' => return false,
                _ => {}
            }
        }
    }
    true
}

/// A stored event's receipt. Its JSON text is written by the request outside the write lock;
/// a replay's receipt is rebuilt from the stored row, so its text has the same bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Recorded {
    Created(Receipt),
    Replayed(Receipt),
}

impl Recorded {
    pub(crate) fn is_created(&self) -> bool {
        matches!(self, Self::Created(_))
    }

    pub(crate) fn into_receipt(self) -> Receipt {
        match self {
            Self::Created(receipt) | Self::Replayed(receipt) => receipt,
        }
    }
}

/// Why an event was not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EventRejection {
    /// The item is not in that manifest, or the manifest is not this courier's.
    ItemNotFound,
    /// The visit does not exist or this courier is not on its team (the same answer, so a
    /// phone cannot learn of other teams' visits).
    VisitNotFound,
    /// The outcome names a person who was never on that visit's list.
    TargetNotFound,
    /// The id was already used by an event with other content.
    Conflict,
    /// The BA does not exist or is not this courier's (the same answer).
    ManifestNotFound,
    /// The BA was already counted at handover.
    AlreadyCounted,
    /// The count does not fit the BA it names.
    BadCount(antar_domain::ba_count::HandoverCountError),
    /// The courier's return does not fit the BA it names.
    BadReturn(antar_domain::ba_return::ReturnError),
}

/// What storing one event gave: its receipt, or why the office refused it.
pub(crate) type EventResult = Result<Recorded, EventRejection>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bytes_written_as_serde_writes_an_event_are_kept_as_sent() {
        use crate::test_events::{awkward_reason, failed_attempt};
        let event = failed_attempt(antar_domain::ids::DeviceId::new_v7(), 1, awkward_reason());
        let canonical = event.canonical_bytes();
        assert!(looks_canonical(&canonical));
        assert!(!looks_canonical(
            &serde_json::to_vec_pretty(&event).unwrap()
        ));
        let sorted = serde_json::to_vec(&serde_json::to_value(&event).unwrap()).unwrap();
        assert!(!looks_canonical(&sorted));
        let spaced = String::from_utf8(canonical.clone()).unwrap().replacen(
            ",\"device_seq\"",
            ", \"device_seq\"",
            1,
        );
        assert!(!looks_canonical(spaced.as_bytes()));

        let pretty = serde_json::to_vec_pretty(&event).unwrap();
        let incoming = IncomingEvent::received(event.clone(), &pretty).unwrap();
        assert_eq!(incoming.canonical, canonical);
        assert_eq!(incoming.sha256, event.content_hash());
    }
}
