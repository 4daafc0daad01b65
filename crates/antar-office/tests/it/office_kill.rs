//! The office process is SIGKILLed at random moments while a phone syncs attempts with proof
//! photos, and started again, round after round; then the phone syncs to the end. Every
//! attempt is at the office exactly once, every photo verified, every receipt on the phone,
//! the chain whole and the database sound.
//!
//! `ANTAR_OFFICE_KILLS` (default 30) kills; `ANTAR_OFFICE_KILL_SEED` replays a run (the seed
//! is printed). The kill moments are random, so the narrow windows of a photo's last write
//! are met only now and then; `photo_crash.rs` in antar-device reproduces those exactly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use antar_device::{AttemptInput, Device, ProofOptions, SyncOptions};
use antar_domain::attempt::{FailureReason, Outcome};
use antar_domain::custody::ChainVerdict;
use antar_domain::field_role::FieldRole;
use antar_domain::ids::{EventId, ItemId, Sha256Hash};
use antar_domain::region::RegionCode;
use antar_office::{ManifestRequest, Office, PhotoCheck};
use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().parse().unwrap_or_else(|_| panic!("{name}={v:?}")))
        .unwrap_or(default)
}

/// The office binary, killed when dropped.
struct OfficeProcess(Child);

impl OfficeProcess {
    fn start(data: &Path, listen: &str) -> Self {
        let child = Command::new(env!("CARGO_BIN_EXE_antar-office"))
            .arg("--data")
            .arg(data)
            .args(["serve", "--listen", listen])
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut office = Self(child);
        let started = Instant::now();
        while ureq::get(format!("http://{listen}/api/v1/health"))
            .call()
            .is_err()
        {
            if let Some(status) = office.0.try_wait().unwrap() {
                panic!("the office ended at its start: {status}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the office did not come up"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        office
    }

    fn kill(mut self) {
        self.0.kill().unwrap(); // SIGKILL on Unix
        self.0.wait().unwrap();
    }
}

impl Drop for OfficeProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An office folder with the sample list, a courier and a BA; the courier's enrollment code.
fn prepare_office(data: &Path) -> String {
    let office = Office::open(data).unwrap();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples/prr_tanggamus_500.csv");
    office.import_path(&sample).unwrap();
    let (courier, code) = office
        .add_courier("Budi Santoso", None, FieldRole::Courier)
        .unwrap();
    office
        .issue_manifest(ManifestRequest {
            courier,
            officer: "Petugas Uji".to_owned(),
            officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            kecamatan: vec![RegionCode::parse("18.06.01").unwrap()],
            desa: vec![],
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        })
        .unwrap();
    code.to_string()
}

/// A real photograph made unique by a JPEG comment after the SOI marker.
fn camera_photo(dir: &Path, n: u64) -> PathBuf {
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/photos/colorfulcups_2560x1600.jpg");
    let original = std::fs::read(source).unwrap();
    let comment = format!("office kill {n}");
    let mut bytes = original[..2].to_vec();
    bytes.extend_from_slice(&[0xFF, 0xFE]);
    bytes.extend_from_slice(&u16::try_from(comment.len() + 2).unwrap().to_be_bytes());
    bytes.extend_from_slice(comment.as_bytes());
    bytes.extend_from_slice(&original[2..]);
    let path = dir.join("camera.jpg");
    std::fs::write(&path, bytes).unwrap();
    path
}

fn record(
    device: &mut Device,
    camera: &Path,
    items: &[ItemId],
    recorded: &mut BTreeMap<EventId, Sha256Hash>,
) {
    let n = recorded.len() as u64;
    let attempt = device
        .record_attempt(AttemptInput {
            item_id: items[n as usize % items.len()],
            outcome: Outcome::Failed {
                reason: FailureReason::NotAtHome,
            },
            photo: Some(camera_photo(camera, n)),
            fix: None,
            note: None,
        })
        .unwrap();
    recorded.insert(attempt.event_id, attempt.photo.unwrap().sha256);
}

#[test]
fn killed_offices_lose_nothing_the_phone_sends() {
    let seed = std::env::var("ANTAR_OFFICE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random::<u64>);
    let kills = env_number("ANTAR_OFFICE_KILLS", 30);
    println!("ANTAR_OFFICE_KILL_SEED={seed}, {kills} kills");
    let mut rng = StdRng::seed_from_u64(seed);

    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("kantor");
    let code = prepare_office(&data);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");

    let camera = tempfile::tempdir().unwrap();
    let phone = tempfile::tempdir().unwrap();
    let mut device = Device::open(phone.path()).unwrap();
    let office = OfficeProcess::start(&data, &listen);
    device
        .enroll(&format!("http://{listen}"), &code, "uji")
        .unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let items: Vec<ItemId> = device
        .manifest(card.id)
        .unwrap()
        .items
        .iter()
        .map(|i| i.id)
        .collect();
    device.set_photo_options(ProofOptions {
        long_side: 640,
        max_bytes: 40_000,
        ..ProofOptions::default()
    });
    // Small pieces: a sync is many requests, and a kill lands inside one.
    device.set_sync_options(SyncOptions {
        chunk_bytes: 1024,
        batch_events: 2,
        ..SyncOptions::default()
    });
    let mut recorded = BTreeMap::new();
    for _ in 0..6 {
        record(&mut device, camera.path(), &items, &mut recorded);
    }

    let mut office = Some(office);
    let mut broken_syncs = 0;
    for kill in 0..kills {
        for _ in 0..rng.random_range(2..=5) {
            record(&mut device, camera.path(), &items, &mut recorded);
        }
        let running = office
            .take()
            .unwrap_or_else(|| OfficeProcess::start(&data, &listen));
        let syncing = std::thread::spawn(move || {
            let result = device.sync();
            (device, result.is_err())
        });
        std::thread::sleep(Duration::from_millis(rng.random_range(0..=150)));
        running.kill();
        let (back, broken) = syncing.join().unwrap();
        device = back;
        broken_syncs += usize::from(broken);
        if kill % 10 == 9 {
            println!("{} kills, {broken_syncs} syncs broken off", kill + 1);
        }
    }
    assert!(
        broken_syncs * 2 >= kills as usize,
        "most kills should land inside a sync ({broken_syncs} of {kills})"
    );

    let office = OfficeProcess::start(&data, &listen);
    let started = Instant::now();
    while !device.outbox().unwrap().is_empty() {
        let report = device.sync().unwrap();
        assert_eq!(report.events_rejected + report.photos_failed, 0);
        assert!(started.elapsed() < Duration::from_secs(60));
    }
    office.kill();

    let office = Office::open(&data).unwrap();
    let attempts = office.attempts().unwrap();
    let stored: BTreeMap<EventId, Option<Sha256Hash>> = attempts
        .iter()
        .map(|a| (a.event_id, a.photo_sha256))
        .collect();
    assert_eq!(stored.len(), attempts.len(), "an event stored twice");
    let expected: BTreeMap<EventId, Option<Sha256Hash>> =
        recorded.iter().map(|(id, sha)| (*id, Some(*sha))).collect();
    assert_eq!(stored, expected, "every attempt once, with its photo");
    for attempt in &attempts {
        assert_eq!(attempt.photo_check, PhotoCheck::Verified, "{attempt:?}");
    }
    let chain: BTreeSet<String> = attempts.iter().map(|a| format!("{:?}", a.chain)).collect();
    assert!(
        attempts
            .iter()
            .all(|a| matches!(a.chain, ChainVerdict::Genesis | ChainVerdict::Linked)),
        "{chain:?}"
    );
    assert_eq!(device.receipts().unwrap().len(), recorded.len());
    let integrity: String = rusqlite::Connection::open(data.join("office.sqlite"))
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    println!(
        "{} attempts, {kills} kills, {broken_syncs} syncs broken off",
        recorded.len()
    );
}
