//! Property tests of the events-array scan: on any body serde_json reads, the spans it finds
//! are the elements serde's raw values are, byte for byte; on any other bytes it ends without
//! a panic, and a `None` only sends the batch down the slow path.

use antar_domain::attempt::FailureReason;
use antar_domain::ids::DeviceId;
use antar_domain::wire::{BatchRequest, Event};
use proptest::prelude::*;
use serde_json::Value;
use serde_json::value::RawValue;

use super::*;
use crate::import::properties::{byte_edits, damaged, prop_config};
use crate::test_events::{awkward_reason, failed_attempt};

/// The elements of the body's `events` array as serde_json's raw values hold them, if serde
/// reads the body.
fn raw_elements(body: &[u8]) -> Option<Vec<&[u8]>> {
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        events: Vec<&'a RawValue>,
    }
    let raw: Raw<'_> = serde_json::from_slice(body).ok()?;
    Some(raw.events.iter().map(|v| v.get().as_bytes()).collect())
}

/// The scan's answer, checked against serde's: spans inside the body, and where it finds
/// spans, serde's elements exactly. Returns whether the scan found spans.
fn check_scan(body: &[u8]) -> Result<bool, TestCaseError> {
    let Some(spans) = event_spans(body) else {
        return Ok(false);
    };
    prop_assert!(
        spans
            .iter()
            .all(|s| s.start <= s.end && s.end <= body.len())
    );
    if let Some(raw) = raw_elements(body) {
        let scanned: Vec<&[u8]> = spans.into_iter().map(|span| &body[span]).collect();
        prop_assert_eq!(scanned, raw);
    }
    Ok(true)
}

/// Any JSON value, nested a few levels, with strings holding anything.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[\\\\\"\\[\\]{},: ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::btree_map(any::<String>(), inner, 0..5)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// How a body is written: the whitespace between tokens and which characters of strings
/// are written as `\u` escapes, each drawn in turn and reused in a cycle.
#[derive(Clone, Debug)]
struct Style {
    gaps: Vec<&'static str>,
    escapes: Vec<bool>,
    next_gap: usize,
    next_escape: usize,
}

impl Style {
    fn gap(&mut self, out: &mut String) {
        out.push_str(self.gaps[self.next_gap % self.gaps.len()]);
        self.next_gap += 1;
    }

    fn escape(&mut self) -> bool {
        self.next_escape += 1;
        self.escapes[self.next_escape % self.escapes.len()]
    }

    fn string(&mut self, text: &str, out: &mut String) {
        out.push('"');
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '/' if self.escape() => out.push_str("\\/"),
                c if u32::from(c) < 0x20 || self.escape() => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }

    fn value(&mut self, value: &Value, out: &mut String) {
        match value {
            Value::String(text) => self.string(text, out),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    self.gap(out);
                    self.value(item, out);
                    self.gap(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                let members: Vec<(&str, &Value)> =
                    members.iter().map(|(k, v)| (k.as_str(), v)).collect();
                self.object(&members, out);
            }
            other => out.push_str(&other.to_string()),
        }
    }

    fn object(&mut self, members: &[(&str, &Value)], out: &mut String) {
        out.push('{');
        self.gap(out);
        for (i, (key, value)) in members.iter().enumerate() {
            if i > 0 {
                out.push(',');
                self.gap(out);
            }
            if *key == "events" {
                // Written as a device writes it: the scan compares the key's raw bytes, so
                // an escaped spelling is (rightly) left to the slow path.
                out.push_str("\"events\"");
            } else {
                self.string(key, out);
            }
            self.gap(out);
            out.push(':');
            self.gap(out);
            self.value(value, out);
            self.gap(out);
        }
        out.push('}');
    }
}

fn style() -> impl Strategy<Value = Style> {
    (
        proptest::collection::vec(
            proptest::sample::select(vec!["", "", " ", "\n", "\r\n  ", "\t"]),
            1..8,
        ),
        proptest::collection::vec(prop::bool::weighted(0.2), 1..16),
    )
        .prop_map(|(gaps, escapes)| Style {
            gaps,
            escapes,
            next_gap: 0,
            next_escape: 0,
        })
}

/// A device's batch of failed attempts, the awkward note among them.
fn device_batch() -> impl Strategy<Value = Vec<u8>> {
    let reason = prop_oneof![
        proptest::sample::select(FailureReason::SIMPLE.to_vec()),
        Just(awkward_reason()),
    ];
    (proptest::collection::vec(reason, 0..4), any::<bool>()).prop_map(|(reasons, pretty)| {
        let device = DeviceId::new_v7();
        let events: Vec<Event> = (1..)
            .zip(reasons)
            .map(|(seq, reason)| failed_attempt(device, seq, reason))
            .collect();
        let batch = BatchRequest { events };
        if pretty {
            serde_json::to_vec_pretty(&batch).expect("encodes")
        } else {
            serde_json::to_vec(&batch).expect("encodes")
        }
    })
}

proptest! {
    #![proptest_config(prop_config())]

    /// Bodies with any elements, other members before and after, any whitespace and escapes:
    /// the scan finds exactly serde's elements.
    #[test]
    fn prop_scan_finds_serdes_elements_in_any_body(
        events in proptest::collection::vec(json(), 0..5),
        others in proptest::collection::btree_map(
            any::<String>().prop_filter("another key", |k| k != "events"),
            json(),
            0..4,
        ),
        events_at in any::<proptest::sample::Index>(),
        mut style in style(),
    ) {
        let events = Value::Array(events);
        let mut members: Vec<(&str, &Value)> =
            others.iter().map(|(k, v)| (k.as_str(), v)).collect();
        members.insert(events_at.index(members.len() + 1), ("events", &events));
        let mut body = String::new();
        style.gap(&mut body);
        style.object(&members, &mut body);
        style.gap(&mut body);
        prop_assert!(raw_elements(body.as_bytes()).is_some(), "serde refused {}", body);
        prop_assert!(check_scan(body.as_bytes())?, "no spans in {}", body);
    }

    /// A device's batch damaged in a few places, and arbitrary bytes: no panic, and wherever
    /// serde still reads the body, the scan agrees with it.
    #[test]
    fn prop_scan_of_damaged_batches_agrees_with_serde(
        batch in device_batch(),
        edits in byte_edits(b"\"\\{}[],: 0e"),
        noise in proptest::collection::vec(any::<u8>(), 0..256),
    ) {
        prop_assert!(check_scan(&batch)?, "an undamaged batch is scanned");
        check_scan(&damaged(&batch, &edits))?;
        check_scan(&noise)?;
    }
}
