//! Property tests of reading event bodies as the API reads them: a single event
//! (`PUT /events/{id}`) and a batch. Any bytes end in events the office can re-read or in a
//! refusal whose message says what is wrong (and, in a batch, which event), never a panic.

use antar_domain::attempt::FailureReason;
use antar_domain::ids::DeviceId;
use antar_domain::wire::{BatchRequest, Event};
use axum::http::StatusCode;
use proptest::prelude::*;

use super::*;
use crate::import::properties::{byte_edits, damaged, prop_config};
use crate::test_events::{awkward_reason, failed_attempt};

fn events() -> impl Strategy<Value = Vec<Event>> {
    let reason = prop_oneof![
        proptest::sample::select(FailureReason::SIMPLE.to_vec()),
        Just(awkward_reason()),
    ];
    (proptest::collection::vec(reason, 0..4), 0..u64::MAX - 4).prop_map(|(reasons, first)| {
        let device = DeviceId::new_v7();
        (first..)
            .zip(reasons)
            .map(|(seq, reason)| failed_attempt(device, seq, reason))
            .collect()
    })
}

/// What the office keeps of an accepted event: its bytes must read back as that event.
fn check_kept(event: &Event, bytes: &[u8]) -> Result<(), TestCaseError> {
    let again: Event = serde_json::from_slice(bytes)
        .map_err(|e| TestCaseError::fail(format!("kept bytes do not read back: {e}")))?;
    prop_assert_eq!(&again, event);
    Ok(())
}

/// A refused JSON body: 400, the syntax-or-content code, and a message naming where.
fn check_json_refusal(failure: &Failure) -> Result<(), TestCaseError> {
    prop_assert_eq!(failure.status, StatusCode::BAD_REQUEST);
    let message = &failure.error.message;
    let (code, lead) = (
        failure.error.code.as_str(),
        message.split(" (baris ").next(),
    );
    prop_assert!(
        matches!(
            (code, lead),
            ("json_syntax", Some("JSON tidak valid"))
                | ("json_invalid", Some("isi JSON tidak sesuai"))
        ),
        "{code}: {message}"
    );
    let detail = message.split_once("): ").map(|(_, detail)| detail.trim());
    prop_assert!(detail.is_some_and(|d| !d.is_empty()), "{}", message);
    Ok(())
}

proptest! {
    #![proptest_config(prop_config())]

    /// A single event body, as sent, padded, damaged or arbitrary: the event (whose bytes
    /// read back as it) or a refusal that says where and what.
    #[test]
    fn prop_event_bodies_are_read_or_refused_with_a_reason(
        event in events().prop_filter_map("one event", |mut e| e.pop()),
        pad in "[ \t\r\n]{0,3}",
        edits in byte_edits(b"\"\\{}[],: 0e"),
        noise in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let sent = event.canonical_bytes();
        let padded = [pad.as_bytes(), &sent, pad.as_bytes()].concat();
        let read: Event = parse_json(padded.trim_ascii()).map_err(|f| {
            TestCaseError::fail(format!("a device's event refused: {}", f.error.message))
        })?;
        prop_assert_eq!(&read, &event);
        for body in [damaged(&sent, &edits), noise] {
            let body = body.trim_ascii();
            match parse_json::<Event>(body) {
                Ok(read) => check_kept(&read, &read.canonical_bytes())?,
                Err(failure) => check_json_refusal(&failure)?,
            }
        }
    }

    /// A batch body, as sent, damaged or arbitrary: refused whole with a reason, or each
    /// event read (its kept bytes reading back as it) or refused alone, naming its place.
    #[test]
    fn prop_batch_bodies_are_read_or_refused_with_a_reason(
        events in events(),
        pretty in any::<bool>(),
        edits in byte_edits(b"\"\\{}[],: 0e"),
        noise in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        let batch = BatchRequest { events: events.clone() };
        let sent = if pretty {
            serde_json::to_vec_pretty(&batch).expect("encodes")
        } else {
            serde_json::to_vec(&batch).expect("encodes")
        };
        let entries = parse_batch(&sent).map_err(|f| {
            TestCaseError::fail(format!("a device's batch refused: {}", f.error.message))
        })?;
        prop_assert_eq!(entries.len(), events.len());
        for (entry, event) in entries.iter().zip(&events) {
            let (read, bytes) = entry.as_ref().map_err(|(_, f)| {
                TestCaseError::fail(format!("a device's event refused: {}", f.error.message))
            })?;
            prop_assert_eq!(read, event);
            check_kept(event, bytes)?;
            if !pretty {
                prop_assert_eq!(*bytes, &event.canonical_bytes()[..]);
            }
        }
        for body in [damaged(&sent, &edits), noise] {
            match parse_batch(&body) {
                Err(failure) => {
                    prop_assert!(!failure.error.code.is_empty());
                    prop_assert!(!failure.error.message.trim().is_empty());
                }
                Ok(entries) => {
                    for (i, entry) in entries.iter().enumerate() {
                        match entry {
                            Ok((read, bytes)) => check_kept(read, bytes)?,
                            Err((_, failure)) => {
                                let place = format!("kejadian ke-{} dalam batch: ", i + 1);
                                let reason = failure.error.message.strip_prefix(&place);
                                prop_assert!(
                                    reason.is_some_and(|r| !r.trim().is_empty()),
                                    "{}", failure.error.message
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
