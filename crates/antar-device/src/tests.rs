//! Unit tests of the public API on a temp folder, without an office.

use std::path::Path;

use antar_domain::attempt::{FailureReason, Outcome, Relationship, Text};
use antar_domain::ids::{ItemId, Sha256Hash};
use antar_domain::manifest::Manifest;
use antar_domain::state::ItemState;
use antar_domain::wire::Event;

use super::support::{courier, photo_fixture, sample_manifest, test_device_id};
use super::*;
use antar_domain::manifest::CourierRef;

fn enrolled_device(dir: &Path) -> (Device, Manifest) {
    let mut device = Device::open(dir).unwrap();
    let manifest = sample_manifest(1, 0, 12);
    enroll_as(&mut device, &manifest.courier);
    device.import_manifest_for_tests(&manifest).unwrap();
    (device, manifest)
}

fn enroll_as(device: &mut Device, courier: &CourierRef) {
    device
        .enroll_offline_for_tests("http://127.0.0.1:9", test_device_id(), courier.clone(), "t")
        .unwrap();
}

fn attempt(item: ItemId, outcome: Outcome) -> AttemptInput {
    AttemptInput {
        item_id: item,
        outcome,
        photo: Some(photo_fixture()),
        fix: None,
        note: None,
    }
}

fn not_at_home() -> Outcome {
    Outcome::Failed {
        reason: FailureReason::NotAtHome,
    }
}

#[test]
fn record_attempt_commits_event_state_and_photo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());
    let item = manifest.items[0].id;

    let recorded = device
        .record_attempt(attempt(item, Outcome::DeliveredToOwner))
        .unwrap();
    assert_eq!(recorded.device_seq, 1);
    assert_eq!(recorded.new_state, ItemState::Delivered);
    let photo = recorded.photo.unwrap();
    let stored = std::fs::read(dir.path().join(format!("photos/{}.jpg", photo.sha256))).unwrap();
    assert_eq!(Sha256Hash::of(&stored), photo.sha256);
    // What is kept and sent is the stamped proof, not the camera's file.
    assert_ne!(stored, std::fs::read(photo_fixture()).unwrap());
    assert_eq!(photo.bytes, stored.len() as u64);
    antar_photo::verify_proof(&stored, &antar_photo::ProofOptions::default()).unwrap();

    let reloaded = device.manifest(manifest.id).unwrap();
    assert_eq!(reloaded.item(item).unwrap().state, ItemState::Delivered);
    let card = &device.manifests().unwrap()[0];
    assert_eq!((card.pending, card.delivered, card.total()), (11, 1, 12));

    let family = Outcome::DeliveredToFamily {
        recipient: Text::parse("Siti Aminah").unwrap(),
        relationship: Relationship::Spouse,
    };
    let second = device
        .record_attempt(AttemptInput {
            photo: None,
            ..attempt(manifest.items[1].id, family)
        })
        .unwrap();
    assert_eq!(second.device_seq, 2);
    assert!(second.event_id > recorded.event_id);
}

#[test]
fn the_stored_event_is_the_canonical_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());
    let recorded = device
        .record_attempt(attempt(manifest.items[0].id, not_at_home()))
        .unwrap();
    let (bytes, sha): (Vec<u8>, String) = device
        .store
        .conn()
        .query_row("SELECT canonical, sha256 FROM events", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let event: Event = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(event.id, recorded.event_id);
    assert_eq!(event.canonical_bytes(), bytes);
    assert_eq!(event.content_hash().to_hex(), sha);
}

#[test]
fn record_attempt_refuses_unknown_items_and_illegal_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());

    let unknown = device
        .record_attempt(attempt(ItemId::new_v7(), not_at_home()))
        .unwrap_err();
    assert!(
        matches!(unknown, DeviceError::NotFound { .. }),
        "{unknown:?}"
    );

    let item = manifest.items[0].id;
    device
        .record_attempt(attempt(item, Outcome::DeliveredToOwner))
        .unwrap();
    let twice = device
        .record_attempt(attempt(item, Outcome::DeliveredToOwner))
        .unwrap_err();
    assert!(matches!(twice, DeviceError::Invalid(_)), "{twice:?}");
    assert!(twice.to_string().contains("Diserahkan"));

    // A failed attempt may be retried, and then delivered.
    let other = manifest.items[1].id;
    device
        .record_attempt(attempt(other, not_at_home()))
        .unwrap();
    device
        .record_attempt(attempt(other, not_at_home()))
        .unwrap();
    let done = device
        .record_attempt(attempt(other, Outcome::DeliveredToOwner))
        .unwrap();
    assert_eq!(done.device_seq, 4);
    assert_eq!(device.outbox().unwrap().events, 4);
}

#[test]
fn record_attempt_refuses_missing_and_non_jpeg_photos_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());
    let item = manifest.items[0].id;

    let mut missing = attempt(item, Outcome::DeliveredToOwner);
    missing.photo = Some(dir.path().join("tidak-ada.jpg"));
    let err = device.record_attempt(missing).unwrap_err();
    assert!(matches!(err, DeviceError::Invalid(_)), "{err:?}");

    let text = dir.path().join("bukan-foto.jpg");
    std::fs::write(&text, "ini teks, bukan foto").unwrap();
    let mut not_jpeg = attempt(item, Outcome::DeliveredToOwner);
    not_jpeg.photo = Some(text);
    let err = device.record_attempt(not_jpeg).unwrap_err();
    assert!(err.to_string().contains("JPEG"), "{err}");

    assert_eq!(device.outbox().unwrap(), OutboxSummary::default());
    let still = device.manifest(manifest.id).unwrap();
    assert_eq!(still.item(item).unwrap().state, ItemState::Pending);
}

#[test]
fn recording_needs_enrollment() {
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let manifest = sample_manifest(1, 0, 2);
    device.import_manifest_for_tests(&manifest).unwrap();
    let err = device
        .record_attempt(attempt(manifest.items[0].id, not_at_home()))
        .unwrap_err();
    assert!(matches!(err, DeviceError::NotEnrolled));
    assert!(!device.status().unwrap().enrolled);
}

#[test]
fn outbox_counts_events_and_the_bytes_of_their_proofs() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());
    let mut proof_bytes = 0;
    for item in &manifest.items[..3] {
        let recorded = device
            .record_attempt(attempt(item.id, not_at_home()))
            .unwrap();
        proof_bytes += recorded.photo.unwrap().bytes;
    }
    device
        .record_attempt(AttemptInput {
            photo: None,
            ..attempt(manifest.items[3].id, not_at_home())
        })
        .unwrap();
    let outbox = device.outbox().unwrap();
    // One camera picture, three proofs: each is stamped with its own BA line.
    assert_eq!(
        outbox,
        OutboxSummary {
            events: 4,
            rejected: 0,
            photos: 3,
            photo_bytes_pending: proof_bytes,
        }
    );
    let camera_len = std::fs::metadata(photo_fixture()).unwrap().len();
    assert!(
        proof_bytes < camera_len,
        "three proofs weigh less than one camera file"
    );
    let status = device.status().unwrap();
    assert!(status.enrolled);
    assert_eq!((status.receipts, status.manifests), (0, 1));
    assert_eq!(status.courier_name.as_deref(), Some("Budi Santoso"));
    assert!(device.receipts().unwrap().is_empty());
}

#[test]
fn sync_with_an_empty_outbox_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The office address is unreachable: any request would fail as Offline.
    let (mut device, _) = enrolled_device(dir.path());
    assert_eq!(device.sync().unwrap(), SyncReport::default());
}

#[test]
fn sync_without_signal_is_offline_and_keeps_the_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());
    device
        .record_attempt(attempt(manifest.items[0].id, not_at_home()))
        .unwrap();
    let err = device.sync().unwrap_err();
    assert!(matches!(err, DeviceError::Offline { .. }), "{err:?}");
    assert!(err.is_transient());
    assert_eq!(device.outbox().unwrap().events, 1);
}

#[test]
fn search_by_name_part_or_nik_tail() {
    let dir = tempfile::tempdir().unwrap();
    let (device, manifest) = enrolled_device(dir.path());
    let first = &manifest.items[0];

    let word = first
        .owner_name
        .split_whitespace()
        .last()
        .unwrap()
        .to_lowercase();
    let by_name = device.find_items(&word).unwrap();
    assert!(by_name.iter().any(|f| f.item.id == first.id));
    assert!(
        by_name
            .iter()
            .all(|f| f.item.owner_name.to_lowercase().contains(&word))
    );

    let tail = first.nik.last_digits(6).to_string();
    let by_nik = device.find_items(&tail).unwrap();
    assert!(by_nik.iter().any(|f| f.item.id == first.id));
    assert!(by_nik.iter().all(|f| f.item.nik.as_str().ends_with(&tail)));

    assert_eq!(device.find_items("").unwrap().len(), manifest.items.len());
    assert!(device.find_items("zzzz tidak ada").unwrap().is_empty());
    let within = device.find_items_in(manifest.id, "").unwrap();
    assert_eq!(within[0].manifest_number, manifest.number);
}

#[test]
fn pulled_again_keeps_local_states_not_yet_at_the_office() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());
    let item = manifest.items[0].id;
    device
        .record_attempt(attempt(item, Outcome::DeliveredToOwner))
        .unwrap();
    // The office's copy still says pending for every item.
    device.import_manifest_for_tests(&manifest).unwrap();
    let local = device.manifest(manifest.id).unwrap();
    assert_eq!(local.item(item).unwrap().state, ItemState::Delivered);
    assert_eq!(local.items.len(), manifest.items.len());
}

#[test]
fn manifests_resolve_by_number_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (device, manifest) = enrolled_device(dir.path());
    let id = device.resolve_manifest(manifest.number.as_str()).unwrap();
    assert_eq!(id, manifest.id);
    assert_eq!(device.resolve_manifest(&id.to_string()).unwrap(), id);
    assert_eq!(device.item_at_line(id, 3).unwrap(), manifest.items[2].id);
    assert!(matches!(
        device.item_at_line(id, 999),
        Err(DeviceError::NotFound { .. })
    ));
}

#[test]
fn device_can_move_to_a_background_task() {
    fn assert_send<T: Send + 'static>() {}
    assert_send::<Device>();
    assert_send::<DeviceError>();
}

#[test]
fn events_form_a_chain_bound_to_the_downloaded_ba_with_the_place_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());
    for item in &manifest.items[..3] {
        device
            .record_attempt(attempt(item.id, not_at_home()))
            .unwrap();
    }
    let store = &device.store;
    let events = store.pending_events(0, 10).unwrap();
    let events: Vec<Event> = events
        .iter()
        .map(|pending| serde_json::from_slice(&pending.canonical).unwrap())
        .collect();
    assert_eq!(events[0].prev_sha256, None);
    assert_eq!(events[1].prev_sha256, Some(events[0].content_hash()));
    assert_eq!(events[2].prev_sha256, Some(events[1].content_hash()));
    for event in &events {
        let antar_domain::wire::EventBody::Attempt(attempt) = &event.body else {
            unreachable!("only attempts were recorded")
        };
        assert_eq!(attempt.manifest_sha256, manifest.content_hash());
        // No fix was taken: the verdict says so rather than being absent.
        assert_eq!(attempt.place.as_ref().unwrap().code(), "unusable");
    }
}

#[test]
fn the_place_verdict_can_be_previewed_before_saving() {
    use antar_domain::attempt::{FixProvider, GpsFix};

    let dir = tempfile::tempdir().unwrap();
    let (device, manifest) = enrolled_device(dir.path());
    let sample = include_str!("../../../data/samples/geo_points_sample.csv");
    let point_in = |desa: &str| {
        sample.lines().skip(1).find_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            (f[2] == desa).then(|| (f[0].parse().unwrap(), f[1].parse().unwrap()))
        })
    };
    let (item, (lat, lon)) = manifest
        .items
        .iter()
        .find_map(|item| point_in(item.address.desa.as_str()).map(|p| (item, p)))
        .expect("a sample point in one of the BA's desa");
    assert_eq!(
        device.preview_place(item.id, None).unwrap().code(),
        "unusable"
    );
    let fix = GpsFix::new(lat, lon, 10.0, chrono::Utc::now(), FixProvider::Gps).unwrap();
    assert_eq!(
        device.preview_place(item.id, Some(&fix)).unwrap().code(),
        "inside"
    );
    let sea = GpsFix::new(-6.2, 104.0, 10.0, chrono::Utc::now(), FixProvider::Gps).unwrap();
    assert_eq!(
        device.preview_place(item.id, Some(&sea)).unwrap().code(),
        "elsewhere"
    );
}

#[test]
fn the_office_address_can_move_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Device::open(&dir.path().join("fresh")).unwrap();
    assert!(matches!(
        fresh.set_office_url("https://antar.tanggamuskab.go.id"),
        Err(DeviceError::NotEnrolled)
    ));

    let (mut device, _) = enrolled_device(dir.path());
    device
        .set_office_url("https://antar.tanggamuskab.go.id/")
        .unwrap();
    let status = device.status().unwrap();
    assert_eq!(
        status.office_url.as_deref(),
        Some("https://antar.tanggamuskab.go.id")
    );
    assert!(matches!(
        device.set_office_url("ftp://x"),
        Err(DeviceError::Invalid(_))
    ));
    assert_eq!(
        device.status().unwrap().office_url.as_deref(),
        Some("https://antar.tanggamuskab.go.id"),
        "a refused address changes nothing"
    );
}

#[test]
fn a_smaller_photo_size_makes_a_smaller_proof() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, manifest) = enrolled_device(dir.path());
    let standard = device
        .record_attempt(attempt(manifest.items[0].id, Outcome::DeliveredToOwner))
        .unwrap();
    device.set_photo_options(ProofOptions {
        long_side: 960,
        max_bytes: 60_000,
        ..ProofOptions::default()
    });
    let small = device
        .record_attempt(attempt(manifest.items[1].id, Outcome::DeliveredToOwner))
        .unwrap();
    let (standard, small) = (standard.photo.unwrap().bytes, small.photo.unwrap().bytes);
    assert!(small <= 60_000 && small < standard, "{small} vs {standard}");
}

/// A phone handed to another courier (enrolled again with that courier's code) shows only
/// the new courier's BAs and documents; the first courier's come back when the phone is
/// theirs again, with the attempts recorded on them.
#[test]
fn only_the_enrolled_couriers_documents_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, first) = enrolled_device(dir.path());
    let recorded_on = first.items[0].id;
    device
        .record_attempt(attempt(recorded_on, not_at_home()))
        .unwrap();

    let other = courier();
    enroll_as(&mut device, &other);
    let mut second = sample_manifest(2, 20, 3);
    second.courier = other.clone();
    device.import_manifest_for_tests(&second).unwrap();

    let cards = device.manifests().unwrap();
    assert_eq!(cards.iter().map(|c| c.id).collect::<Vec<_>>(), [second.id]);
    assert_eq!(device.status().unwrap().manifests, 1);
    let found = device.find_items("").unwrap();
    assert_eq!(found.len(), second.items.len());
    assert!(found.iter().all(|f| f.manifest_id == second.id));
    let first_owner = &first.items[0];
    assert!(
        device
            .find_items(&first_owner.nik.as_str()[12..])
            .unwrap()
            .iter()
            .all(|f| f.item.id != first_owner.id)
    );
    for refused in [
        device.manifest(first.id).map(|_| ()),
        device.resolve_manifest(first.number.as_str()).map(|_| ()),
        device.item_at_line(first.id, 1).map(|_| ()),
        device.preview_place(first.items[1].id, None).map(|_| ()),
        device
            .record_attempt(attempt(first.items[1].id, not_at_home()))
            .map(|_| ()),
    ] {
        assert!(
            matches!(refused, Err(DeviceError::NotFound { .. })),
            "{refused:?}"
        );
    }
    // The first courier's unsent attempt stays in the outbox.
    assert_eq!(device.outbox().unwrap().events, 1);

    enroll_as(&mut device, &first.courier);
    let back = device.manifest(first.id).unwrap();
    assert_eq!(back.item(recorded_on).unwrap().state, ItemState::Failed);
    assert_eq!(device.manifests().unwrap().len(), 1);
}

/// A phone whose store was made before BAs knew their courier (version 1) still shows them
/// after the update: the migration reads the courier from each stored BA.
#[test]
fn bas_stored_before_the_courier_column_are_still_shown() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = sample_manifest(1, 0, 3);
    {
        let mut conn = rusqlite::Connection::open(dir.path().join(crate::store::DB_FILE)).unwrap();
        rusqlite_migration::Migrations::new(vec![rusqlite_migration::M::up(include_str!(
            "../migrations/0001_init.sql"
        ))])
        .to_latest(&mut conn)
        .unwrap();
        conn.execute(
            "INSERT INTO enrollment (id, office_url, device_id, device_label, courier_id,
                                     courier_name, token, enrolled_at)
             VALUES (1, 'http://127.0.0.1:9', ?1, 'uji', ?2, ?3, 't', '2026-11-01T00:00:00Z')",
            rusqlite::params![
                test_device_id().to_string(),
                manifest.courier.id.to_string(),
                manifest.courier.name,
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO manifests (id, number, issued_on, json, content_sha256, downloaded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '2026-11-01T00:00:00Z')",
            rusqlite::params![
                manifest.id.to_string(),
                manifest.number.as_str(),
                manifest.issued_on.to_string(),
                serde_json::to_string(&manifest).unwrap(),
                manifest.content_hash().to_hex(),
            ],
        )
        .unwrap();
    }
    let device = Device::open(dir.path()).unwrap();
    let cards = device.manifests().unwrap();
    assert_eq!(
        cards.iter().map(|c| c.id).collect::<Vec<_>>(),
        [manifest.id]
    );
}
