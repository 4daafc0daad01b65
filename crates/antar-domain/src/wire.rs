//! The device ⇄ office protocol, version 1: paths, headers, limits and the JSON bodies both
//! sides exchange. Both sides check [`PROTOCOL_HEADER`] on every request and response.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::attempt::{Attempt, AttemptError, PhotoRef};
use crate::ba_count::{HandoverCount, HandoverCountError};
use crate::ba_return::{CourierReturn, ReturnError};
use crate::custody::SinceContact;
use crate::ids::{DeviceId, EventId, ItemId, ManifestId, Sha256Hash};
use crate::manifest::{BaNumber, CourierRef};
use crate::state::ItemState;
use crate::visit::{CollectiveHandover, VisitCheckin, VisitEventError, VisitOutcome};

mod visits;
pub use visits::{TargetCard, VisitList, VisitSheet, VisitSummary};

pub const PROTOCOL_VERSION: u32 = 1;
/// Sent by both sides on every request and response; a mismatch is refused.
pub const PROTOCOL_HEADER: &str = "x-antar-protocol";

/// `GET /manifests/{id}?form=phone` (added to v1 with the leaner phones): the BA as a phone
/// of today's version holds it ([`crate::manifest::Manifest::phone_form`]).
pub const MANIFEST_PHONE_FORM: &str = "phone";
/// Where the next chunk of a photo upload starts (request) or where the office's copy ends.
pub const UPLOAD_OFFSET_HEADER: &str = "x-upload-offset";
/// The photo's full size in bytes, sent with every chunk.
pub const UPLOAD_LENGTH_HEADER: &str = "x-upload-length";
pub const API_PREFIX: &str = "/api/v1";
/// On every office answer: which copy of the office's data answered. A restore from a backup
/// makes a new one; a phone that sees it change sends again what it had sent, since the
/// restored data may lack what arrived after the backup. (Added to v1; older offices omit it.)
pub const DATA_COPY_HEADER: &str = "x-antar-data-copy";

/// Largest single event body the office reads.
pub const MAX_EVENT_BYTES: usize = 16 * 1024;
/// Most events in one batch.
pub const MAX_BATCH_EVENTS: usize = 500;
/// Largest batch body the office reads.
pub const MAX_BATCH_BYTES: usize = 2 * 1024 * 1024;
/// Largest proof photo the office stores.
pub const MAX_PHOTO_BYTES: u64 = 15 * 1024 * 1024;
/// Largest photo chunk in one request.
pub const MAX_PHOTO_CHUNK_BYTES: usize = 2 * 1024 * 1024;

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct EnrollRequest {
    pub code: String,
    pub device_label: String,
    /// The token this phone held until now, when it is enrolled again at the same office
    /// (added to v1 with the reassigned phones): its earlier enrollments' unsent events are
    /// then taken with the new token, and its chain links across them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_token: Option<String>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub device_id: DeviceId,
    /// The bearer token: shown once, stored only hashed at the office.
    pub token: String,
    pub courier: CourierRef,
    pub office_time: DateTime<Utc>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ManifestSummary {
    pub id: ManifestId,
    pub number: BaNumber,
    pub issued_on: NaiveDate,
    pub item_count: u32,
    /// Names of the kecamatan the items lie in.
    pub kecamatan: Vec<String>,
    /// Deliveries of this BA whose proof a reviewer flagged, back with the courier to do
    /// again (added to v1: an office from before sends none, a phone from before reads past
    /// it). Outside the BA itself, so not in its fingerprint.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redo: Vec<Redo>,
}

/// Whether the values of an `Accept-Encoding` header name gzip, not refused with `q=0`
/// (RFC 9110 §12.5.3): the office reads it on a request (where `*` also counts), the phone on
/// an answer (RFC 7694: the office reads gzip bodies).
pub fn accept_encoding_names_gzip<'a>(
    values: impl IntoIterator<Item = &'a str>,
    star_counts: bool,
) -> bool {
    values
        .into_iter()
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            let named = coding.eq_ignore_ascii_case("gzip") || (star_counts && coding == "*");
            named && !refused
        })
}

/// A delivery the office does not believe: its proof was flagged, the document is with the
/// courier again, and the reviewer's note says why.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Redo {
    pub item_id: ItemId,
    pub note: Option<String>,
    pub flagged_at: DateTime<Utc>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ManifestList {
    pub manifests: Vec<ManifestSummary>,
    pub office_time: DateTime<Utc>,
}

/// Something recorded on a device, immutable once made.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub device_id: DeviceId,
    /// 1, 2, 3, … per device, in recording order.
    pub device_seq: u64,
    /// The device's wall clock when the event was recorded: the phone's owner can set it.
    pub recorded_at: DateTime<Utc>,
    /// The time since the device last heard the office's clock, on a clock nobody can set;
    /// `None` when it has not heard it since the phone started.
    pub since_contact: Option<SinceContact>,
    /// The hash of this device's previous event (`device_seq - 1`); `None` for the first.
    pub prev_sha256: Option<Sha256Hash>,
    pub body: EventBody,
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventBody {
    Attempt(Attempt),
    /// A recording team's arrival at a visit's venue (added to v1 with the recording teams).
    VisitCheckin(VisitCheckin),
    /// What became of one person at a visit (added to v1 with the recording teams).
    VisitOutcome(VisitOutcome),
    /// Cards of a visit's BA handed to the aparat pekon (added to v1 with the visits' BAs).
    CollectiveHandover(CollectiveHandover),
    /// The courier's count of a BA's documents at handover (added to v1 with the counts).
    HandoverCount(HandoverCount),
    /// Documents the courier hands back to the office (added to v1 with the returns).
    CourierReturn(CourierReturn),
}

impl EventBody {
    /// Refuses what serde lets through but no phone of today records: control characters in
    /// texts, a pile of photos. The office asks this of every arriving event.
    pub fn check(&self) -> Result<(), EventBodyError> {
        match self {
            Self::Attempt(attempt) => attempt.check()?,
            Self::VisitCheckin(checkin) => checkin.check()?,
            Self::VisitOutcome(outcome) => outcome.check()?,
            Self::CollectiveHandover(handover) => handover.check()?,
            Self::HandoverCount(count) => count.check()?,
            Self::CourierReturn(handed_back) => handed_back.check()?,
        }
        Ok(())
    }

    /// The photos the event names, which the device uploads after it.
    pub fn photos(&self) -> Vec<PhotoRef> {
        match self {
            Self::Attempt(attempt) => attempt.photo.into_iter().collect(),
            Self::VisitCheckin(checkin) => checkin.photos.clone(),
            Self::VisitOutcome(_) => Vec::new(),
            Self::CollectiveHandover(handover) => handover.photo.into_iter().collect(),
            Self::HandoverCount(_) | Self::CourierReturn(_) => Vec::new(),
        }
    }
}

/// Why an event's body is refused where it arrives.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EventBodyError {
    #[error(transparent)]
    Attempt(#[from] AttemptError),
    #[error(transparent)]
    Visit(#[from] VisitEventError),
    #[error(transparent)]
    HandoverCount(#[from] HandoverCountError),
    #[error(transparent)]
    CourierReturn(#[from] ReturnError),
}

impl EventBodyError {
    /// The [`ApiError::code`] of this refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Attempt(AttemptError::PhotoRequired { .. }) => "photo_required",
            Self::Attempt(_) | Self::Visit(VisitEventError::Text(_)) => "bad_text",
            Self::Visit(VisitEventError::TooManyPhotos { .. }) => "too_many_photos",
            Self::Visit(VisitEventError::HandoverItems { .. })
            | Self::Visit(VisitEventError::HandoverTwice { .. }) => "bad_handover",
            Self::HandoverCount(_) => "bad_handover_count",
            Self::CourierReturn(_) => "bad_return",
        }
    }
}

impl Event {
    /// The bytes that identify this event: the same event always encodes the same way, so
    /// the office can tell a replay (same bytes) from a conflict (other bytes, same id).
    pub fn canonical_bytes(&self) -> Vec<u8> {
        // Plain structs and enums with string keys always serialise.
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn content_hash(&self) -> Sha256Hash {
        Sha256Hash::of(&self.canonical_bytes())
    }

    /// Whether the event's id and sequence number are ones a device makes: a UUIDv7 id (time
    /// ordered, never nil, which the office uses for "no id") and a `device_seq` from 1 to
    /// `i64::MAX` (the office stores it as SQLite's signed integer). Checked where an event
    /// arrives, not when stored events are read back.
    pub fn check_identity(&self) -> Result<(), EventIdentityError> {
        let id = self.id.as_uuid();
        if id.is_nil() {
            return Err(EventIdentityError::NilId);
        }
        if id.get_version_num() != 7 {
            return Err(EventIdentityError::NotV7 {
                version: id.get_version_num(),
            });
        }
        if self.device_seq == 0 || i64::try_from(self.device_seq).is_err() {
            return Err(EventIdentityError::DeviceSeq {
                found: self.device_seq,
            });
        }
        Ok(())
    }
}

/// Why an event's id or sequence number is not one a device makes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum EventIdentityError {
    #[error("id kejadian tidak boleh UUID nol")]
    NilId,
    #[error("id kejadian harus UUID versi 7 (berurut waktu), ditemukan versi {version}")]
    NotV7 { version: usize },
    #[error("device_seq harus 1 sampai {max}, ditemukan {found}", max = i64::MAX)]
    DeviceSeq { found: u64 },
}

impl EventIdentityError {
    /// The [`ApiError::code`] of this refusal.
    pub fn code(self) -> &'static str {
        match self {
            Self::NilId | Self::NotV7 { .. } => "bad_event_id",
            Self::DeviceSeq { .. } => "bad_device_seq",
        }
    }
}

/// The office's acknowledgement of one event; the device keeps it as proof of delivery.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Receipt {
    pub event_id: EventId,
    pub event_sha256: Sha256Hash,
    /// The office's own running number for events it has received.
    pub office_seq: i64,
    pub received_at: DateTime<Utc>,
    /// The item's state at the office after this event; absent for an event about no item
    /// (a visit's: a phone from before the recording teams never sends one, and an attempt's
    /// receipt keeps the bytes it always had).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_state: Option<ItemState>,
    /// Set when the event was stored but could not change the item (e.g. already delivered).
    pub warning: Option<String>,
}

#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct BatchRequest {
    pub events: Vec<Event>,
}

/// One result per event of a batch, in the same order.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum BatchResult {
    Receipt(Receipt),
    Error {
        event_id: EventId,
        status: u16,
        error: ApiError,
    },
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct BatchResponse {
    pub results: Vec<BatchResult>,
}

/// What a phone still holds unsent after a sync, reported with `PUT /api/v1/device/status`
/// (added in protocol v1: an office without the route answers 404 and the phone goes on), so
/// staff see per courier what has not reached the office yet.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct DeviceStatus {
    /// Recorded events not acknowledged by the office (held or refused ones included).
    pub events_waiting: u64,
    /// Proof photos not yet whole at the office.
    pub photos_waiting: u64,
}

/// How much of a photo the office holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PhotoStatus {
    pub sha256: Sha256Hash,
    pub received_bytes: u64,
    pub complete: bool,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Health {
    pub protocol: u32,
    pub office_time: DateTime<Utc>,
    /// `ok`, or `degraded` while the office cannot store what it is sent (an office before
    /// this field said nothing of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// What is wrong while degraded: stable codes, messages without paths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ApiError>,
}

/// [`Health::status`] of an office that stores what it is sent.
pub const HEALTH_OK: &str = "ok";
/// [`Health::status`] of an office whose data folder refuses writes (full, read-only, failing).
pub const HEALTH_DEGRADED: &str = "degraded";

/// [`ApiError::code`] (with 401) for a token staff revoked: the phone must not enroll again on
/// its own, its courier asks the office (a revoke is on purpose, unlike an unknown token).
pub const ERROR_DEVICE_REVOKED: &str = "device_revoked";

/// Every 4xx/5xx body: a stable machine code and a message for people, in Indonesian.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod properties;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::{Attempt, Outcome};
    use crate::ids::ItemId;

    #[test]
    fn gzip_is_named_unless_refused() {
        assert!(accept_encoding_names_gzip(["gzip"], false));
        assert!(accept_encoding_names_gzip(["br, GZIP;q=0.5"], false));
        assert!(!accept_encoding_names_gzip(["gzip;q=0"], true));
        assert!(!accept_encoding_names_gzip(["br", "identity"], true));
        assert!(accept_encoding_names_gzip(["*"], true), "a request's *");
        assert!(!accept_encoding_names_gzip(["*"], false), "not an answer's");
    }

    /// An office from before the redo list, and a phone from before it, read each other.
    #[test]
    fn a_manifest_summary_without_redo_reads_as_none_and_writes_none() {
        let json = r#"{"id":"0190f0d8-7e0b-7c3a-8f39-1d2e3f405162","number":"470/0001/BA-PENG/DUKCAPIL/XI/2026","issued_on":"2026-11-26","item_count":3,"kecamatan":["Wonosobo"]}"#;
        let summary: ManifestSummary = serde_json::from_str(json).unwrap();
        assert!(summary.redo.is_empty());
        assert!(!serde_json::to_string(&summary).unwrap().contains("redo"));
    }

    fn sample_event() -> Event {
        Event {
            id: EventId::new_v7(),
            device_id: DeviceId::new_v7(),
            device_seq: 1,
            recorded_at: Utc::now(),
            since_contact: None,
            prev_sha256: None,
            body: EventBody::Attempt(Attempt {
                manifest_id: ManifestId::new_v7(),
                manifest_sha256: Sha256Hash::of(b"manifest"),
                item_id: ItemId::new_v7(),
                outcome: Outcome::DeliveredToOwner,
                fix: None,
                place: None,
                photo: None,
                note: None,
            }),
        }
    }

    #[test]
    fn only_ids_and_sequence_numbers_a_device_makes_pass() {
        assert_eq!(sample_event().check_identity(), Ok(()));
        let with = |change: fn(&mut Event)| {
            let mut event = sample_event();
            change(&mut event);
            event.check_identity()
        };
        assert_eq!(
            with(|e| e.id = EventId::from_uuid(uuid::Uuid::nil())),
            Err(EventIdentityError::NilId)
        );
        assert_eq!(
            with(|e| e.id =
                EventId::from_uuid(uuid::Builder::from_random_bytes([7; 16]).into_uuid())),
            Err(EventIdentityError::NotV7 { version: 4 })
        );
        assert_eq!(
            with(|e| e.device_seq = 0),
            Err(EventIdentityError::DeviceSeq { found: 0 })
        );
        let too_big = with(|e| e.device_seq = u64::MAX).unwrap_err();
        assert_eq!(too_big.code(), "bad_device_seq");
        assert!(
            too_big.to_string().contains("18446744073709551615"),
            "{too_big}"
        );
        assert_eq!(with(|e| e.device_seq = i64::MAX as u64), Ok(()));
    }

    #[test]
    fn event_round_trips_and_encodes_canonically() {
        let event = sample_event();
        let bytes = event.canonical_bytes();
        let back: Event = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back, event);
        assert_eq!(back.canonical_bytes(), bytes);
        assert!(
            String::from_utf8(bytes)
                .unwrap()
                .contains(r#""type":"attempt""#)
        );
    }

    #[test]
    fn events_with_arbitrary_floats_encode_the_same_after_a_round_trip() {
        // The office hashes its own re-encoding: a float that parses back one ULP off would
        // make every receipt mismatch the phone's hash.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let distance = (state >> 11) as f64 / (1u64 << 53) as f64 * 100_000.0;
            let mut event = sample_event();
            let EventBody::Attempt(attempt) = &mut event.body else {
                unreachable!("the sample is an attempt")
            };
            attempt.place = Some(crate::place::PlaceVerdict::Near {
                distance_m: distance,
            });
            let bytes = event.canonical_bytes();
            let back: Event = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(back.canonical_bytes(), bytes, "distance {distance}");
        }
    }

    /// A phone from before the recording teams reads `item_state` as required: an attempt's
    /// receipt still has it, in the same place; only a visit event's receipt goes without.
    #[test]
    fn an_attempts_receipt_keeps_its_bytes_and_a_visits_has_no_item_state() {
        let receipt = Receipt {
            event_id: EventId::from_uuid(uuid::Uuid::from_u128(7)),
            event_sha256: Sha256Hash::of(b"kejadian"),
            office_seq: 3,
            received_at: DateTime::parse_from_rfc3339("2026-12-10T02:00:00.000Z")
                .unwrap()
                .with_timezone(&Utc),
            item_state: Some(ItemState::Delivered),
            warning: None,
        };
        let text = serde_json::to_string(&receipt).unwrap();
        assert!(
            text.ends_with(
                r#""received_at":"2026-12-10T02:00:00Z","item_state":"delivered","warning":null}"#
            ),
            "{text}"
        );
        let visit = Receipt {
            item_state: None,
            ..receipt
        };
        let text = serde_json::to_string(&visit).unwrap();
        assert!(!text.contains("item_state"), "{text}");
        assert_eq!(serde_json::from_str::<Receipt>(&text).unwrap(), visit);
    }

    #[test]
    fn a_changed_event_hashes_differently() {
        let event = sample_event();
        let mut other = event.clone();
        other.device_seq = 2;
        assert_ne!(event.content_hash(), other.content_hash());
    }
}
