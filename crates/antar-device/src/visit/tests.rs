//! Recording at a visit on a temp folder, without an office: outcomes and corrections,
//! walk-in checks, check-ins, another courier's phone, and attempts beside visit events.

use std::path::Path;

use antar_domain::attempt::{FailureReason, Outcome};
use antar_domain::ids::{TargetId, VisitId};
use antar_domain::manifest::Manifest;
use antar_domain::state::ItemState;
use antar_domain::visit::{IkdOutcome, RecordingOutcome, VisitState};
use antar_domain::wire::{Event, EventBody, Receipt, VisitSheet};
use chrono::{NaiveDate, Utc};

use crate::store::PendingEvent;
use crate::support::visits::sample_visit;
use crate::support::{courier, photo_fixture, sample_manifest, test_device_id};
use crate::{AttemptInput, Device, DeviceError};

use super::{VisitCheckinInput, VisitOutcomeInput, VisitPersonInput};

/// A phone enrolled for the courier of a BA, holding that BA and one visit on `day`.
pub(super) fn phone(dir: &Path, day: NaiveDate, people: usize) -> (Device, Manifest, VisitSheet) {
    let mut device = Device::open(dir).unwrap();
    let manifest = sample_manifest(1, 0, 4);
    device
        .enroll_offline_for_tests(
            "http://127.0.0.1:9",
            test_device_id(),
            manifest.courier.clone(),
            "t",
        )
        .unwrap();
    device.import_manifest_for_tests(&manifest).unwrap();
    let sheet = sample_visit(1, day, people);
    device.import_visit_for_tests(&sheet).unwrap();
    (device, manifest, sheet)
}

pub(super) fn visit_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
}

pub(super) fn outcome(
    visit: VisitId,
    person: VisitPersonInput,
    outcome: RecordingOutcome,
) -> VisitOutcomeInput {
    VisitOutcomeInput {
        visit_id: visit,
        person,
        outcome,
        ikd: None,
        note: None,
    }
}

pub(super) fn walk_in(nik: &str) -> VisitPersonInput {
    VisitPersonInput::WalkIn {
        nik: nik.to_owned(),
        name: Some(antar_domain::attempt::Text::parse("Sari Dewi").unwrap()),
    }
}

/// The office's receipts for every pending event, as a sync would store them.
pub(super) fn receive_all(device: &mut Device) -> usize {
    let pending = device.store.pending_events(0, 1000).unwrap();
    let receipts: Vec<Receipt> = pending.iter().enumerate().map(receipt).collect();
    device.store.store_receipts(&receipts).unwrap()
}

fn receipt((n, pending): (usize, &PendingEvent)) -> Receipt {
    let event: Event = serde_json::from_slice(&pending.canonical).unwrap();
    Receipt {
        event_id: pending.id,
        event_sha256: pending.sha256,
        office_seq: i64::try_from(n).unwrap() + 1,
        received_at: Utc::now(),
        item_state: match event.body {
            EventBody::Attempt(_) => Some(ItemState::Failed),
            _ => None,
        },
        warning: None,
    }
}

#[test]
fn an_outcome_is_recorded_offline_and_the_latest_one_shows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, _, sheet) = phone(dir.path(), visit_day(), 5);
    let (visit, target) = (sheet.visit.id, sheet.targets[0].id);

    let first = device
        .record_visit_outcome(outcome(
            visit,
            VisitPersonInput::Target(target),
            RecordingOutcome::Absent,
        ))
        .unwrap();
    assert_eq!((first.device_seq, first.target_id), (1, Some(target)));
    // The team finds the person after all: the correction is what the list shows.
    let second = device
        .record_visit_outcome(VisitOutcomeInput {
            ikd: Some(IkdOutcome::Activated),
            ..outcome(
                visit,
                VisitPersonInput::Target(target),
                RecordingOutcome::Recorded,
            )
        })
        .unwrap();
    assert_eq!(second.device_seq, 2);
    let people = device.visit_targets(visit, "", false).unwrap();
    assert_eq!(people.len(), 5);
    assert_eq!(people[0].id, Some(target));
    assert_eq!(people[0].outcome, Some(RecordingOutcome::Recorded));
    assert_eq!(people[0].ikd, Some(IkdOutcome::Activated));
    let card = &device.visits().unwrap()[0];
    assert_eq!(
        (
            card.counts.targets,
            card.counts.met,
            card.counts.recorded,
            card.counts.not_met
        ),
        (5, 1, 1, 4)
    );
    assert!(!card.checked_in && !card.list_removed);

    // Both are in the outbox, on the chain, naming the visit and the person.
    assert_eq!(device.outbox().unwrap().events, 2);
    let (visit_col, target_col): (String, String) = device
        .store
        .conn()
        .query_row(
            "SELECT visit_id, target_id FROM events WHERE device_seq = 2",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (visit_col, target_col),
        (visit.to_string(), target.to_string())
    );

    let unknown = device
        .record_visit_outcome(outcome(
            visit,
            VisitPersonInput::Target(TargetId::new_v7()),
            RecordingOutcome::Recorded,
        ))
        .unwrap_err();
    assert!(
        matches!(unknown, DeviceError::NotFound { .. }),
        "{unknown:?}"
    );
    let no_visit = device
        .record_visit_outcome(outcome(
            VisitId::new_v7(),
            VisitPersonInput::Target(target),
            RecordingOutcome::Recorded,
        ))
        .unwrap_err();
    assert!(
        matches!(no_visit, DeviceError::NotFound { .. }),
        "{no_visit:?}"
    );
}

#[test]
fn walk_ins_are_checked_on_the_phone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, _, sheet) = phone(dir.path(), visit_day(), 5);
    let visit = sheet.visit.id;

    let bad = device
        .record_visit_outcome(outcome(
            visit,
            walk_in("18060123"),
            RecordingOutcome::Recorded,
        ))
        .unwrap_err();
    assert!(matches!(bad, DeviceError::Invalid(_)), "{bad:?}");
    assert!(bad.to_string().contains("NIK tidak sah"), "{bad}");

    // Born 01-01-2012: 14 on the visit's day.
    let young = device
        .record_visit_outcome(outcome(
            visit,
            walk_in("1806010101120001"),
            RecordingOutcome::Recorded,
        ))
        .unwrap_err();
    assert!(young.to_string().contains("umurnya 14 tahun"), "{young}");
    assert!(young.to_string().contains("mulai umur 16 tahun"), "{young}");

    // A NIK on the list is that listed person.
    let listed = &sheet.targets[3];
    let recorded = device
        .record_visit_outcome(outcome(
            visit,
            walk_in(listed.nik.as_str()),
            RecordingOutcome::Recorded,
        ))
        .unwrap();
    assert_eq!(recorded.target_id, Some(listed.id));

    // Someone not on the list; corrected once, still one walk-in.
    let adult = "1806012308008388";
    let first = device
        .record_visit_outcome(outcome(visit, walk_in(adult), RecordingOutcome::Refused))
        .unwrap();
    assert_eq!(first.target_id, None);
    device
        .record_visit_outcome(outcome(visit, walk_in(adult), RecordingOutcome::Recorded))
        .unwrap();
    let people = device.visit_targets(visit, "sari", false).unwrap();
    assert_eq!(people.len(), 1);
    assert!(people[0].is_walk_in());
    assert_eq!(people[0].outcome, Some(RecordingOutcome::Recorded));
    let counts = device.visits().unwrap()[0].counts;
    assert_eq!((counts.walk_ins, counts.recorded, counts.met), (1, 2, 1));
    assert_eq!(
        device.outbox().unwrap().events,
        3,
        "refused walk-ins record nothing"
    );
}

#[test]
fn a_check_in_takes_photos_and_a_place_verdict_and_not_for_a_cancelled_visit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, _, mut sheet) = phone(dir.path(), visit_day(), 3);
    let visit = sheet.visit.id;
    let input = |photos: usize| VisitCheckinInput {
        visit_id: visit,
        fix: None,
        photos: vec![photo_fixture(); photos],
        note: None,
    };
    let too_many = device.record_visit_checkin(input(11)).unwrap_err();
    assert!(
        too_many.to_string().contains("paling banyak 10"),
        "{too_many}"
    );
    assert_eq!(device.outbox().unwrap().photos, 0);

    let recorded = device.record_visit_checkin(input(1)).unwrap();
    assert_eq!(recorded.photos.len(), 1);
    assert_eq!(device.outbox().unwrap().photos, 1);
    let pending = device.store.pending_events(0, 10).unwrap();
    let event: Event = serde_json::from_slice(&pending[0].canonical).unwrap();
    let EventBody::VisitCheckin(checkin) = event.body else {
        panic!("a check-in")
    };
    assert_eq!(checkin.place.unwrap().code(), "unusable");
    assert!(device.visits().unwrap()[0].checked_in);
    assert_eq!(
        device.preview_visit_place(visit, None).unwrap().code(),
        "unusable"
    );

    sheet.visit.state = VisitState::Cancelled;
    sheet.targets.clear();
    device.import_visit_for_tests(&sheet).unwrap();
    let refused = device.record_visit_checkin(input(0)).unwrap_err();
    assert!(refused.to_string().contains("dibatalkan"), "{refused}");
    let refused = device
        .record_visit_outcome(outcome(
            visit,
            walk_in("1806012308008388"),
            RecordingOutcome::Recorded,
        ))
        .unwrap_err();
    assert!(refused.to_string().contains("dibatalkan"), "{refused}");
}

#[test]
fn an_attempt_records_and_syncs_with_visit_events_pending() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest, sheet) = phone(dir.path(), visit_day(), 3);
    device
        .record_visit_outcome(outcome(
            sheet.visit.id,
            VisitPersonInput::Target(sheet.targets[0].id),
            RecordingOutcome::Recorded,
        ))
        .unwrap();
    let attempt = device
        .record_attempt(AttemptInput {
            item_id: manifest.items[0].id,
            outcome: Outcome::Failed {
                reason: FailureReason::NotAtHome,
            },
            photo: None,
            fix: None,
            note: None,
        })
        .unwrap();
    assert_eq!(attempt.device_seq, 2, "one chain for both");
    let pending = device.store.pending_events(0, 10).unwrap();
    let events: Vec<Event> = pending
        .iter()
        .map(|p| serde_json::from_slice(&p.canonical).unwrap())
        .collect();
    assert_eq!(events[1].prev_sha256, Some(events[0].content_hash()));

    // The office refuses the visit event: the attempt still goes, and gets its receipt.
    device
        .store
        .mark_rejected(pending[0].id, 422, "uji")
        .unwrap();
    let sendable = device.store.pending_events(0, 10).unwrap();
    assert_eq!(
        sendable.iter().map(|p| p.id).collect::<Vec<_>>(),
        [attempt.event_id]
    );
    assert_eq!(receive_all(&mut device), 1);
    let state = device.manifest(manifest.id).unwrap().items[0].state;
    assert_eq!(state, ItemState::Failed);
    device.retry_rejected().unwrap();
    assert_eq!(
        receive_all(&mut device),
        1,
        "a receipt without an item state stores fine"
    );
    assert_eq!(device.outbox().unwrap().events, 0);
    assert_eq!(device.receipts().unwrap().len(), 2);
}

#[test]
fn a_phone_enrolled_again_shows_no_earlier_couriers_visits() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, _, sheet) = phone(dir.path(), visit_day(), 3);
    device
        .enroll_offline_for_tests("http://127.0.0.1:9", test_device_id(), courier(), "t")
        .unwrap();
    assert!(device.visits().unwrap().is_empty());
    assert!(device.resolve_visit(&sheet.visit.number).is_err());
    assert!(matches!(
        device.visit_targets(sheet.visit.id, "", false),
        Err(DeviceError::NotFound { .. })
    ));
    let refused = device
        .record_visit_outcome(outcome(
            sheet.visit.id,
            VisitPersonInput::Target(sheet.targets[0].id),
            RecordingOutcome::Recorded,
        ))
        .unwrap_err();
    assert!(
        matches!(refused, DeviceError::NotFound { .. }),
        "{refused:?}"
    );
}

#[test]
fn visits_resolve_by_number_or_id() {
    let dir = tempfile::tempdir().unwrap();
    let (device, _, sheet) = phone(dir.path(), visit_day(), 1);
    assert_eq!(
        device.resolve_visit(&sheet.visit.number).unwrap(),
        sheet.visit.id
    );
    assert_eq!(
        device.resolve_visit(&sheet.visit.id.to_string()).unwrap(),
        sheet.visit.id
    );
}
