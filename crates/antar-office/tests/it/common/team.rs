//! A recording team's phones at the office's API, for the visits' tests: enrolled members,
//! each phone's hash chain of events, and sending a batch.

use antar_domain::field_role::FieldRole;
use antar_domain::ids::{CourierId, DeviceId, EventId, Sha256Hash, TargetId, VisitId};
use antar_domain::visit::{RecordingOutcome, VisitOutcome, VisitPerson};
use antar_domain::wire::{BatchResponse, BatchResult, Event, EventBody};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;

use super::TestServer;

/// A recording-team member with an enrolled phone.
pub struct Member {
    pub token: String,
    pub device: DeviceId,
}

/// Adds a recording-team member and enrolls their phone.
pub fn member(server: &TestServer, name: &str) -> (CourierId, Member) {
    let (id, code) = server
        .office()
        .add_courier(name, None, FieldRole::Recording)
        .unwrap();
    let enrolled = server.enroll(&code);
    let member = Member {
        token: enrolled.token,
        device: enrolled.device_id,
    };
    (id, member)
}

/// A phone's chain of events: each names the hash of the one before.
pub struct Chain {
    device: DeviceId,
    seq: u64,
    prev: Option<Sha256Hash>,
    recorded_at: DateTime<Utc>,
}

impl Chain {
    /// A chain whose events are recorded on the visits' day of the tests, 2026-12-10.
    pub fn new(device: DeviceId) -> Self {
        Self::at(device, Utc.with_ymd_and_hms(2026, 12, 10, 2, 0, 0).unwrap())
    }

    /// A chain whose events are recorded at `recorded_at`.
    pub fn at(device: DeviceId, recorded_at: DateTime<Utc>) -> Self {
        Self {
            device,
            seq: 0,
            prev: None,
            recorded_at,
        }
    }

    pub fn next(&mut self, body: EventBody) -> Event {
        self.seq += 1;
        let event = Event {
            id: EventId::new_v7(),
            device_id: self.device,
            device_seq: self.seq,
            recorded_at: self.recorded_at,
            since_contact: None,
            prev_sha256: self.prev,
            body,
        };
        self.prev = Some(event.content_hash());
        event
    }
}

pub fn outcome(visit: VisitId, person: VisitPerson, outcome: RecordingOutcome) -> EventBody {
    EventBody::VisitOutcome(VisitOutcome {
        visit_id: visit,
        person,
        outcome,
        ikd: None,
        note: None,
    })
}

pub fn target(id: TargetId) -> VisitPerson {
    VisitPerson::Target { target_id: id }
}

/// Sends a batch; the office's answer for each event.
pub fn send(server: &TestServer, token: &str, events: &[Event]) -> Vec<BatchResult> {
    let reply = server.send_json(
        "POST",
        "/api/v1/events/batch",
        Some(token),
        &json!({ "events": events }),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json::<BatchResponse>().results
}

/// Sends a batch every event of which the office must store.
pub fn send_stored(server: &TestServer, token: &str, events: &[Event]) {
    for result in send(server, token, events) {
        assert!(matches!(result, BatchResult::Receipt(_)), "{result:?}");
    }
}

/// A refused event's status, code and message.
pub fn refusal(result: &BatchResult) -> (u16, String, String) {
    match result {
        BatchResult::Error { status, error, .. } => {
            (*status, error.code.clone(), error.message.clone())
        }
        BatchResult::Receipt(receipt) => panic!("stored: {receipt:?}"),
    }
}
