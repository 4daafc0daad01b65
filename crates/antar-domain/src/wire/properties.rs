//! Property tests of the event wire form: every event a device can make survives its own
//! encoding byte for byte, and any other bytes are read as an event or refused with a
//! message that says where, without a panic.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

use super::*;
use crate::attempt::{
    FailureReason, FixProvider, GpsFix, OfficialPosition, Outcome, PhotoRef, Relationship, Text,
};
use crate::ids::{ItemId, TargetId, VisitId};
use crate::nik::Nik;
use crate::place::{PlaceVerdict, UnusableReason};
use crate::region::RegionCode;
use crate::visit::{
    CollectiveHandover, IkdOutcome, MAX_CHECKIN_PHOTOS, RecordingOutcome, VisitCheckin,
    VisitOutcome, VisitPerson,
};
use antar_testkit::{byte_edits, damaged, prop_config};

/// Floats a device could compute: any finite value (NaN and infinities have no JSON form).
fn finite() -> impl Strategy<Value = f64> {
    use proptest::num::f64;
    f64::POSITIVE | f64::NEGATIVE | f64::NORMAL | f64::SUBNORMAL | f64::ZERO
}

/// Any time chrono can hold.
fn time() -> impl Strategy<Value = DateTime<Utc>> {
    let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    (min.timestamp()..=max.timestamp(), 0..1_000_000_000u32)
        .prop_filter_map("inside chrono's range", |(seconds, nanos)| {
            DateTime::from_timestamp(seconds, nanos)
        })
}

fn hash() -> impl Strategy<Value = Sha256Hash> {
    any::<[u8; 32]>().prop_map(Sha256Hash::from_digest)
}

fn text() -> impl Strategy<Value = Text> {
    prop_oneof![any::<String>(), "\\PC{480,500}"]
        .prop_filter_map("not blank", |s| Text::parse(&s).ok())
}

fn region_code() -> impl Strategy<Value = RegionCode> {
    (1..=4usize, any::<u64>()).prop_map(|(segments, digits)| {
        let digits = format!("{:010}", digits % 10_000_000_000);
        let code =
            [&digits[0..2], &digits[2..4], &digits[4..6], &digits[6..10]][..segments].join(".");
        RegionCode::parse(&code).expect("a well-formed code")
    })
}

fn outcome() -> impl Strategy<Value = Outcome> {
    let reason = prop_oneof![
        proptest::sample::select(FailureReason::SIMPLE.to_vec()),
        text().prop_map(|note| FailureReason::Other { note }),
    ];
    prop_oneof![
        Just(Outcome::DeliveredToOwner),
        (text(), proptest::sample::select(Relationship::ALL.to_vec())).prop_map(
            |(recipient, relationship)| Outcome::DeliveredToFamily {
                recipient,
                relationship
            }
        ),
        (
            text(),
            proptest::sample::select(OfficialPosition::ALL.to_vec())
        )
            .prop_map(|(recipient, position)| Outcome::LeftWithOfficial {
                recipient,
                position
            }),
        reason.prop_map(|reason| Outcome::Failed { reason }),
    ]
}

fn fix() -> impl Strategy<Value = GpsFix> {
    let provider = proptest::sample::select(vec![
        FixProvider::Gps,
        FixProvider::Network,
        FixProvider::Fused,
        FixProvider::Manual,
        FixProvider::Unknown,
    ]);
    (
        -90.0..=90.0f64,
        -180.0..=180.0f64,
        prop_oneof![0.0..100.0f64, finite().prop_map(f64::abs)],
        time(),
        provider,
        any::<bool>(),
    )
        .prop_map(|(lat, lon, accuracy, taken_at, provider, mock)| {
            GpsFix::new(lat, lon, accuracy, taken_at, provider)
                .expect("in range")
                .with_mock(mock)
        })
}

fn place() -> impl Strategy<Value = PlaceVerdict> {
    prop_oneof![
        Just(PlaceVerdict::Inside),
        finite().prop_map(|distance_m| PlaceVerdict::Near { distance_m }),
        (proptest::option::of(region_code()), finite())
            .prop_map(|(found, distance_m)| PlaceVerdict::Elsewhere { found, distance_m }),
        prop_oneof![
            Just(UnusableReason::NoFix),
            Just(UnusableReason::MockLocation),
            (finite(), finite()).prop_map(|(accuracy_m, limit_m)| UnusableReason::Inaccurate {
                accuracy_m,
                limit_m
            }),
        ]
        .prop_map(|reason| PlaceVerdict::Unusable { reason }),
        region_code().prop_map(|address_desa| PlaceVerdict::UnknownDesa { address_desa }),
    ]
}

/// Any event a device could record: every outcome, with or without fix, verdict, photo,
/// note, contact and previous hash.
fn event() -> impl Strategy<Value = Event> {
    let attempt = (
        any::<u128>(),
        hash(),
        any::<u128>(),
        outcome(),
        proptest::option::of(fix()),
        proptest::option::of(place()),
        proptest::option::of((hash(), any::<u64>())),
        proptest::option::of(text()),
    )
        .prop_map(
            |(manifest, manifest_sha256, item, outcome, fix, place, photo, note)| Attempt {
                manifest_id: ManifestId::from_uuid(uuid::Uuid::from_u128(manifest)),
                manifest_sha256,
                item_id: ItemId::from_uuid(uuid::Uuid::from_u128(item)),
                outcome,
                fix,
                place,
                photo: photo.map(|(sha256, bytes)| PhotoRef { sha256, bytes }),
                note,
            },
        );
    let body = prop_oneof![
        2 => attempt.prop_map(EventBody::Attempt),
        1 => visit_checkin().prop_map(EventBody::VisitCheckin),
        1 => visit_outcome().prop_map(EventBody::VisitOutcome),
        1 => handover().prop_map(EventBody::CollectiveHandover),
    ];
    (
        any::<u128>(),
        any::<u128>(),
        any::<u64>(),
        time(),
        proptest::option::of((time(), any::<u64>())),
        proptest::option::of(hash()),
        body,
    )
        .prop_map(
            |(id, device, device_seq, recorded_at, contact, prev_sha256, body)| Event {
                id: EventId::from_uuid(uuid::Uuid::from_u128(id)),
                device_id: DeviceId::from_uuid(uuid::Uuid::from_u128(device)),
                device_seq,
                recorded_at,
                since_contact: contact.map(|(office_time, elapsed_ms)| SinceContact {
                    office_time,
                    elapsed_ms,
                }),
                prev_sha256,
                body,
            },
        )
}

fn visit_id() -> impl Strategy<Value = VisitId> {
    any::<u128>().prop_map(|id| VisitId::from_uuid(uuid::Uuid::from_u128(id)))
}

fn photo() -> impl Strategy<Value = PhotoRef> {
    (hash(), any::<u64>()).prop_map(|(sha256, bytes)| PhotoRef { sha256, bytes })
}

/// Any check-in a phone could record: with or without fix, verdict, photos and note.
fn visit_checkin() -> impl Strategy<Value = VisitCheckin> {
    (
        visit_id(),
        proptest::option::of(fix()),
        proptest::option::of(place()),
        proptest::collection::vec(photo(), 0..=MAX_CHECKIN_PHOTOS),
        proptest::option::of(text()),
    )
        .prop_map(|(visit_id, fix, place, photos, note)| VisitCheckin {
            visit_id,
            fix,
            place,
            photos,
            note,
        })
}

/// Any collective handover a phone could record.
fn handover() -> impl Strategy<Value = CollectiveHandover> {
    (
        (visit_id(), any::<u128>(), hash()),
        proptest::collection::vec(any::<u128>(), 1..20),
        (text(), text()),
        proptest::option::of(fix()),
        proptest::option::of(place()),
        proptest::option::of(photo()),
        proptest::option::of(text()),
    )
        .prop_map(
            |(
                (visit_id, manifest, manifest_sha256),
                items,
                (name, position),
                fix,
                place,
                photo,
                note,
            )| {
                CollectiveHandover {
                    visit_id,
                    manifest_id: ManifestId::from_uuid(uuid::Uuid::from_u128(manifest)),
                    manifest_sha256,
                    items: items
                        .into_iter()
                        .map(|id| ItemId::from_uuid(uuid::Uuid::from_u128(id)))
                        .collect(),
                    official_name: name,
                    official_position: position,
                    fix,
                    place,
                    photo,
                    note,
                }
            },
        )
}

/// Any outcome a phone could record, for a listed person or a walk-in.
fn visit_outcome() -> impl Strategy<Value = VisitOutcome> {
    let walk_in_nik = proptest::sample::select(vec![
        "1806134107080003",
        "1806010101900001",
        "1806135512850002",
    ])
    .prop_map(|nik| Nik::parse(nik).expect("a valid NIK"));
    let person = prop_oneof![
        any::<u128>().prop_map(|id| VisitPerson::Target {
            target_id: TargetId::from_uuid(uuid::Uuid::from_u128(id))
        }),
        (walk_in_nik, proptest::option::of(text()))
            .prop_map(|(nik, name)| VisitPerson::WalkIn { nik, name }),
    ];
    (
        visit_id(),
        person,
        proptest::sample::select(RecordingOutcome::ALL),
        proptest::option::of(proptest::sample::select(IkdOutcome::ALL)),
        proptest::option::of(text()),
    )
        .prop_map(|(visit_id, person, outcome, ikd, note)| VisitOutcome {
            visit_id,
            person,
            outcome,
            ikd,
            note,
        })
}

/// Bytes a JSON reader reacts to.
const JSON_BYTES: &[u8] = b"\"\\{}[]:,0123456789.eE+-tfn u";

/// Any JSON value, nested a few levels.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[0-9a-f]{64}".prop_map(Value::String),
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}".prop_map(Value::String),
        "-?[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})"
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// The JSON pointer of every value inside `value`, itself included.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(item, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// A refused body: serde's message, which says what and where.
fn check_refusal(error: &serde_json::Error) -> Result<(), TestCaseError> {
    prop_assert!(!error.to_string().trim().is_empty());
    prop_assert!(error.line() >= 1, "no position: {}", error);
    Ok(())
}

/// An accepted body: the office re-encodes what it read, which must read back the same.
fn check_accepted(event: &Event) -> Result<(), TestCaseError> {
    let bytes = event.canonical_bytes();
    let back: Event = serde_json::from_slice(&bytes)
        .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&bytes))))?;
    prop_assert_eq!(&back, event);
    prop_assert_eq!(back.canonical_bytes(), bytes);
    Ok(())
}

proptest! {
    #![proptest_config(prop_config())]

    /// What the device hashed is what the office reads and hashes again: compact or with
    /// whitespace, an event parses back equal and re-encodes to the same bytes.
    #[test]
    fn prop_events_round_trip_byte_for_byte(event in event()) {
        let bytes = event.canonical_bytes();
        let back: Event = serde_json::from_slice(&bytes)
            .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&bytes))))?;
        prop_assert_eq!(&back, &event);
        prop_assert_eq!(back.canonical_bytes(), bytes);
        let pretty = serde_json::to_vec_pretty(&event).expect("encodes");
        prop_assert_eq!(serde_json::from_slice::<Event>(&pretty).ok(), Some(event));
    }

    /// Arbitrary bytes, and an event's bytes damaged in a few places: an event that encodes
    /// stably, or a refusal that says where.
    #[test]
    fn prop_damaged_event_bytes_are_read_or_refused_with_a_reason(
        event in event(),
        edits in byte_edits(JSON_BYTES),
        noise in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut bytes = event.canonical_bytes();
        bytes = damaged(&bytes, &edits);
        for body in [&bytes, &noise] {
            match serde_json::from_slice::<Event>(body) {
                Ok(read) => check_accepted(&read)?,
                Err(error) => check_refusal(&error)?,
            }
        }
    }

    /// An event with any one value (or a member) replaced by any JSON: every wrong type,
    /// range or shape deep inside is refused with a reason, and what is accepted is stable.
    #[test]
    fn prop_events_with_a_value_replaced_are_read_or_refused_with_a_reason(
        event in event(),
        target in any::<Index>(),
        replacement in proptest::option::of(json()),
    ) {
        let mut value = serde_json::to_value(&event).expect("encodes");
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let pointer = target.get(&all);
        match (replacement, pointer.rsplit_once('/')) {
            // None: the member is left out.
            (None, Some((parent, key))) => {
                match value.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(items)) => {
                        items.remove(key.parse::<usize>().expect("an index"));
                    }
                    _ => {}
                }
            }
            (None, None) => value = Value::Null,
            (Some(replacement), _) => {
                *value.pointer_mut(pointer).expect("a pointer found above") = replacement;
            }
        }
        let body = serde_json::to_vec(&value).expect("encodes");
        match serde_json::from_slice::<Event>(&body) {
            Ok(read) => check_accepted(&read)?,
            Err(error) => check_refusal(&error)?,
        }
    }
}
