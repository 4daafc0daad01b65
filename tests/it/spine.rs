//! End to end, the path one document takes: the office imports the printed list and issues a
//! BA; a device enrolls and downloads it; the office goes away; the courier records 50
//! attempts with photos offline; the office comes back; the device syncs. Real SQLite files,
//! a real HTTP server on 127.0.0.1, real JPEGs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FailureReason, FixProvider, GpsFix, Outcome, Relationship, Text};
use antar_domain::custody::ChainVerdict;
use antar_domain::field_role::FieldRole;
use antar_domain::ids::{EventId, Sha256Hash};
use antar_domain::region::RegionCode;
use antar_domain::wire::{self, Receipt};
use antar_office::{Database, ManifestRequest, Office, PhotoCheck, WebConfig};

const ATTEMPTS: usize = 50;

fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A real photograph made unique by a JPEG comment segment right after the SOI marker, so
/// each attempt has its own blob (content addressing would otherwise fold them into one).
fn unique_jpeg(dir: &Path, n: usize) -> PathBuf {
    let sources = [
        "data/photos/fallenleaf_2560x1600.jpg",
        "data/photos/colorfulcups_2560x1600.jpg",
        "data/photos/path_2560x1600.jpg",
    ];
    let original = std::fs::read(repo_file(sources[n % sources.len()])).unwrap();
    let comment = format!("antar test photo {n}");
    let segment_len = u16::try_from(comment.len() + 2).unwrap();
    let mut bytes = original[..2].to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFE]);
    bytes.extend_from_slice(&segment_len.to_be_bytes());
    bytes.extend_from_slice(comment.as_bytes());
    bytes.extend_from_slice(&original[2..]);
    let path = dir.join(format!("camera-{n}.jpg"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn outcome_for(n: usize) -> Outcome {
    match n % 5 {
        0 | 1 => Outcome::DeliveredToOwner,
        2 => Outcome::DeliveredToFamily {
            recipient: Text::parse("Siti Aminah").unwrap(),
            relationship: Relationship::Spouse,
        },
        3 => Outcome::Failed {
            reason: FailureReason::NotAtHome,
        },
        _ => Outcome::Failed {
            reason: FailureReason::Other {
                note: Text::parse("rumah terkunci, tetangga bilang sedang ke ladang").unwrap(),
            },
        },
    }
}

fn fix_near(lat: f64, lon: f64) -> GpsFix {
    GpsFix::new(lat, lon, 12.0, chrono::Utc::now(), FixProvider::Gps).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_offline_attempts_reach_the_office_exactly_once() {
    fifty_offline_attempts_reach(Database::Sqlite).await;
}

/// The same spine with the office's records in PostgreSQL (issue 19).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_offline_attempts_reach_an_office_on_postgres_exactly_once() {
    let db = antar_office::temp_postgres::TempPostgres::new();
    fifty_offline_attempts_reach(Database::Postgres(db.url())).await;
}

async fn fifty_offline_attempts_reach(database: Database) {
    let office_dir = tempfile::tempdir().unwrap();
    let device_dir = tempfile::tempdir().unwrap();
    let camera_dir = tempfile::tempdir().unwrap();

    // The office: the sample list, a courier, a BA for Wonosobo (57 documents).
    let office = Office::open_on(office_dir.path(), &database).unwrap();
    let import = office
        .import_path(&repo_file("data/samples/prr_tanggamus_500.csv"))
        .unwrap();
    assert_eq!(import.imported, 500);
    let (courier, code) = office
        .add_courier("Budi Santoso", None, FieldRole::Courier)
        .unwrap();
    let manifest = office
        .issue_manifest(ManifestRequest {
            courier,
            officer: "Kepala Seksi Pengiriman".into(),
            officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            kecamatan: vec![RegionCode::parse("18.06.03").unwrap()],
            desa: vec![],
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        })
        .unwrap();
    assert_eq!(manifest.items.len(), 57);
    drop(office);

    let running = antar_office::spawn_on(
        office_dir.path(),
        &database,
        "127.0.0.1:0",
        WebConfig::default(),
    )
    .await
    .unwrap();
    let addr = running.addr;
    let url = format!("http://{addr}");

    // The device enrolls and downloads its BA while the office is reachable.
    let device_path = device_dir.path().to_owned();
    let code_text = code.to_string();
    let mut device = tokio::task::spawn_blocking(move || {
        let mut device = Device::open(&device_path).unwrap();
        device.enroll(&url, &code_text, "HP Budi").unwrap();
        device.pull().unwrap();
        device
    })
    .await
    .unwrap();
    running.stop().await;

    // Offline: 50 attempts with photos and fixes; sync fails cleanly and keeps everything.
    let downloaded = device.manifest(manifest.id).unwrap();
    assert_eq!(downloaded.items.len(), 57);
    let mut expected: BTreeMap<EventId, (Outcome, Sha256Hash)> = BTreeMap::new();
    for (n, item) in downloaded.items.iter().take(ATTEMPTS).enumerate() {
        let photo = unique_jpeg(camera_dir.path(), n);
        let outcome = outcome_for(n);
        let recorded = device
            .record_attempt(AttemptInput {
                item_id: item.id,
                outcome: outcome.clone(),
                photo: Some(photo),
                fix: Some(fix_near(-5.32, 104.59)),
                note: None,
            })
            .unwrap();
        // What travels is the stamped proof the device made of the camera's file.
        let proof = recorded.photo.expect("a proof photo");
        assert!(
            proof.bytes <= 120_000,
            "proof of photo {n}: {} bytes",
            proof.bytes
        );
        expected.insert(recorded.event_id, (outcome, proof.sha256));
    }
    assert_eq!(device.outbox().unwrap().events, ATTEMPTS);
    let (device, offline) = tokio::task::spawn_blocking(move || {
        let result = device.sync();
        (device, result)
    })
    .await
    .unwrap();
    let mut device = device;
    assert!(offline.is_err(), "sync with the office down must fail");
    assert_eq!(device.outbox().unwrap().events, ATTEMPTS);
    assert_eq!(device.outbox().unwrap().photos, ATTEMPTS);

    // The office comes back on the same address; the device syncs.
    let running = antar_office::spawn_on(
        office_dir.path(),
        &database,
        &addr.to_string(),
        WebConfig::default(),
    )
    .await
    .unwrap();
    let (mut device, report) = tokio::task::spawn_blocking(move || {
        let report = device.sync().unwrap();
        (device, report)
    })
    .await
    .unwrap();
    assert_eq!(report.events_sent, ATTEMPTS);
    assert_eq!(report.receipts_stored, ATTEMPTS);
    assert_eq!(report.photos_sent, ATTEMPTS);

    // The device holds 50 receipts and an empty outbox; a second sync sends nothing.
    let receipts: Vec<Receipt> = device.receipts().unwrap();
    assert_eq!(receipts.len(), ATTEMPTS);
    assert_eq!(
        receipts.iter().map(|r| r.event_id).collect::<BTreeSet<_>>(),
        expected.keys().copied().collect()
    );
    let outbox = device.outbox().unwrap();
    assert_eq!((outbox.events, outbox.photos), (0, 0));
    let (device, second) = tokio::task::spawn_blocking(move || {
        let report = device.sync().unwrap();
        (device, report)
    })
    .await
    .unwrap();
    assert_eq!((second.events_sent, second.photos_sent), (0, 0));
    assert_eq!(second.bytes_sent, 0);

    // The office holds exactly those 50 attempts, outcomes and photos byte for byte.
    let office_dir_path = office_dir.path().to_owned();
    running.stop().await;
    let office = Office::open_on(&office_dir_path, &database).unwrap();
    let attempts = office.attempts().unwrap();
    assert_eq!(attempts.len(), ATTEMPTS);
    // The office's own checks: an unbroken chain, possible times, the BA it issued, and the
    // same place verdict as the phone's.
    let genesis = attempts
        .iter()
        .filter(|a| a.chain == ChainVerdict::Genesis)
        .count();
    assert_eq!(genesis, 1);
    assert!(
        attempts
            .iter()
            .all(|a| matches!(a.chain, ChainVerdict::Genesis | ChainVerdict::Linked))
    );
    assert!(attempts.iter().all(|a| a.time.code() == "consistent"));
    assert!(attempts.iter().all(|a| a.manifest_bound));
    assert!(attempts.iter().all(|a| a.place_agrees == Some(true)));
    assert!(
        attempts
            .iter()
            .all(|a| a.photo_check == PhotoCheck::Verified)
    );
    for attempt in &attempts {
        let (outcome, photo_hash) = &expected[&attempt.event_id];
        assert_eq!(&attempt.outcome, outcome);
        assert_eq!(attempt.photo_sha256.as_ref(), Some(photo_hash));
        let stored = office
            .photo_path(photo_hash)
            .expect("photo stored at the office");
        assert_eq!(&Sha256Hash::of(&std::fs::read(stored).unwrap()), photo_hash);
    }
    drop(office);

    // Replaying every event, byte for byte, creates nothing new and returns the same receipt.
    let running = antar_office::spawn_on(
        &office_dir_path,
        &database,
        "127.0.0.1:0",
        WebConfig::default(),
    )
    .await
    .unwrap();
    let base = format!("http://{}{}", running.addr, wire::API_PREFIX);
    let token = device.token_for_tests().unwrap();
    let sent = device.acknowledged_events().unwrap();
    assert_eq!(sent.len(), ATTEMPTS);
    tokio::task::spawn_blocking(move || {
        let agent = ureq::Agent::new_with_defaults();
        for (event, receipt) in sent {
            let mut response = agent
                .put(format!("{base}/events/{}", event.id))
                .header(wire::PROTOCOL_HEADER, wire::PROTOCOL_VERSION.to_string())
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .send(&event.canonical_bytes()[..])
                .unwrap();
            assert_eq!(response.status(), 200, "a replay is not a new event");
            let again: Receipt = response.body_mut().read_json().unwrap();
            assert_eq!(again, receipt);
        }
    })
    .await
    .unwrap();
    running.stop().await;
    let office = Office::open_on(&office_dir_path, &database).unwrap();
    assert_eq!(office.event_count().unwrap(), ATTEMPTS as u64);
    assert_eq!(office.attempts().unwrap().len(), ATTEMPTS);
}
