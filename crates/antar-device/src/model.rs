//! What the screens get and give: plain values, no I/O. Each type is shaped for one screen or
//! one report line.

use std::path::PathBuf;

use crate::clock::BootReading;
use antar_domain::attempt::{GpsFix, Outcome, PhotoRef, Text};
use antar_domain::ids::{DeviceId, EventId, ItemId, ManifestId};
use antar_domain::manifest::{BaNumber, CourierRef, ManifestItem};
use antar_domain::state::ItemState;
use chrono::{DateTime, NaiveDate, Utc};

/// The result of enrolling this phone at an office.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Enrolled {
    pub office_url: String,
    pub device_id: DeviceId,
    pub courier: CourierRef,
    pub office_time: DateTime<Utc>,
}

/// When the phone last heard from the office: the office's clock then, and the phone's.
/// Together they tell how far the phone's clock is off.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LastContact {
    pub office_time: DateTime<Utc>,
    pub device_time: DateTime<Utc>,
    /// The boot clock at that moment: what later events measure their elapsed time from.
    pub boot: Option<BootReading>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct PullReport {
    /// Manifests seen for the first time.
    pub manifests_new: usize,
    /// Manifests already on the phone, refreshed from the office.
    pub manifests_updated: usize,
    /// Items whose local state was kept because local attempts have not reached the office.
    pub items_kept_local: usize,
    /// Visits seen for the first time.
    pub visits_new: usize,
    /// Visits already on the phone, refreshed from the office.
    pub visits_updated: usize,
    /// People on the downloaded visits' lists.
    pub visit_targets: usize,
    /// Visits whose people left the phone at this pull (finished, cancelled, or no longer
    /// this courier's, with every outcome at the office).
    pub visit_lists_removed: usize,
    pub bytes_sent: u64,
    pub bytes_received: u64,
}

/// One line of the manifest list screen.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ManifestCard {
    pub id: ManifestId,
    pub number: BaNumber,
    pub issued_on: NaiveDate,
    /// Names of the kecamatan the items lie in, sorted.
    pub kecamatan: Vec<String>,
    pub pending: usize,
    pub delivered: usize,
    pub failed: usize,
    pub returned: usize,
    /// The courier must count the bundle before the first attempt (`ba_count`).
    pub needs_count: bool,
    /// Deliveries the office flagged back, not yet attempted again (*perlu diulang*).
    pub redo: usize,
}

impl ManifestCard {
    pub fn total(&self) -> usize {
        self.pending + self.delivered + self.failed + self.returned
    }
}

/// An item found by search, with the manifest it belongs to; `item.state` is the local one.
#[derive(Clone, PartialEq, Debug)]
pub struct FoundItem {
    pub manifest_id: ManifestId,
    pub manifest_number: BaNumber,
    pub item: ManifestItem,
}

/// What the courier entered at the door.
#[derive(Clone, PartialEq, Debug)]
pub struct AttemptInput {
    pub item_id: ItemId,
    pub outcome: Outcome,
    /// A JPEG the camera wrote; it is copied into the store, the original is left alone.
    pub photo: Option<PathBuf>,
    pub fix: Option<GpsFix>,
    pub note: Option<Text>,
}

/// An attempt committed to the phone's store (and so to the outbox).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RecordedAttempt {
    pub event_id: EventId,
    pub device_seq: u64,
    pub new_state: ItemState,
    pub photo: Option<PhotoRef>,
}

/// What still has to reach the office.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct OutboxSummary {
    /// Events without a receipt, including the rejected ones.
    pub events: usize,
    /// Of those, events the office refused; they wait for [`crate::Device::retry_rejected`].
    pub rejected: usize,
    /// Photos the office does not fully hold yet.
    pub photos: usize,
    pub photo_bytes_pending: u64,
}

impl OutboxSummary {
    pub fn is_empty(&self) -> bool {
        self.events == 0 && self.photos == 0
    }
}

/// The status screen.
#[derive(Clone, PartialEq, Debug)]
pub struct Status {
    pub enrolled: bool,
    pub office_url: Option<String>,
    pub device_id: Option<DeviceId>,
    pub courier_name: Option<String>,
    pub last_contact: Option<LastContact>,
    pub outbox: OutboxSummary,
    pub receipts: usize,
    pub manifests: usize,
    /// The office revoked this phone: it reads nothing more and holds no personal data of
    /// what the office already received.
    pub revoked: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct SyncReport {
    pub events_sent: usize,
    pub receipts_stored: usize,
    /// Events the office refused one by one during this sync (kept, marked, held back).
    pub events_rejected: usize,
    pub photos_sent: usize,
    /// Photos the office refused during this sync; they stay in the outbox.
    pub photos_failed: usize,
    /// The office had been restored from a backup: everything was sent again.
    pub resent_after_restore: bool,
    pub bytes_sent: u64,
    pub bytes_received: u64,
}

/// Sync progress, for a progress bar: counts for events, bytes for photos.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Progress {
    Events {
        sent: usize,
        total: usize,
    },
    Photo {
        /// 1-based position among the photos of this sync.
        index: usize,
        photos: usize,
        bytes_done: u64,
        bytes_total: u64,
    },
}

/// Knobs for sync; the defaults suit a 2G link.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SyncOptions {
    /// Photo bytes per request: small, because a dropped 2G link loses a whole chunk.
    pub chunk_bytes: usize,
    /// Events per batch request.
    pub batch_events: usize,
    /// gzip where the office takes it (batches up, answers down). Off, the phone talks as one
    /// from before did: for tests and for measuring what gzip saves.
    pub gzip: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            chunk_bytes: 256 * 1024,
            batch_events: 100,
            gzip: true,
        }
    }
}

/// One of the office's receipts as the courier reads it: what the acknowledged record was
/// about, by the names the courier knows.
#[derive(Clone, PartialEq, Debug)]
pub struct ReceiptLine {
    pub receipt: antar_domain::wire::Receipt,
    pub about: RecordAbout,
}

/// Who and what a record on the phone is about.
#[derive(Clone, PartialEq, Debug)]
pub enum RecordAbout {
    /// An attempt at a document of a BA. The owner's name is gone once the document's personal
    /// data left the phone (30 days after delivery) or the phone was revoked.
    Document {
        ba_number: String,
        line: u32,
        document: Option<antar_domain::document::DocumentType>,
        owner: Option<String>,
    },
    /// A count or a return of a whole BA.
    Ba { ba_number: String },
    /// A visit's check-in or outcome; the person for a listed one while the list is on the
    /// phone.
    Visit {
        number: String,
        person: Option<String>,
    },
    /// A record whose subject is no longer on the phone.
    Unknown,
}

/// A delivery the office flagged back to the courier, to do again.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RedoItem {
    pub item_id: ItemId,
    /// Its line on the printed BA.
    pub line: u32,
    /// Why, in the reviewer's words.
    pub note: Option<String>,
    pub flagged_at: DateTime<Utc>,
}
