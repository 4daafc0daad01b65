//! The attempts as the office lists them, each with how its photo stands. Kept by any engine;
//! SQLite's queries are in `sqlite::attempts`.

use antar_domain::attempt::Outcome;
use antar_domain::custody::{ChainVerdict, TimeVerdict};
use antar_domain::ids::{EventId, ItemId, Sha256Hash};
use antar_domain::place::PlaceVerdict;
use chrono::{DateTime, Utc};

/// One stored attempt, for staff and tests.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAttempt {
    pub event_id: EventId,
    pub item_id: ItemId,
    /// The outcome as the device recorded it, with recipient or reason.
    pub outcome: Outcome,
    pub photo_sha256: Option<Sha256Hash>,
    pub recorded_at: DateTime<Utc>,
    /// Why the attempt could not change its item, if it could not.
    pub warning: Option<String>,
    /// The office's own checks: where the event stands in its device's chain, whether its
    /// claimed time is possible, whether it names the office's copy of its BA.
    pub chain: ChainVerdict,
    pub time: TimeVerdict,
    pub manifest_bound: bool,
    /// The office's place verdict, the device's (if it sent one), and whether they agree.
    pub place_office: PlaceVerdict,
    pub place_device: Option<PlaceVerdict>,
    pub place_agrees: Option<bool>,
    pub photo_check: PhotoCheck,
}

/// The office's check of the photo an attempt names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhotoCheck {
    /// The attempt names no photo.
    NoPhoto,
    /// Named, but not (wholly) arrived yet.
    Awaited,
    /// Arrived, its bytes hash to the name, it is the size the attempt says and a proof photo.
    Verified,
    /// Arrived and hashes to its name, but is not the size the attempt says.
    SizeMismatch { named: u64, received: u64 },
    /// Arrived, but is not a proof photo (e.g. a camera original with its EXIF): why.
    NotAProof(String),
}
