//! The office's disk fills up while phones sync, and later its photo folder turns read-only:
//! `/health` says `degraded` with a stable code and no path, nothing already stored is lost,
//! and once the disk takes writes again the office takes everything — without a restart.
//!
//! The office's data lives on a small tmpfs mounted in a private mount namespace (the test
//! runs itself again under `unshare`), so no mount outlives the test and no other file system
//! fills up. As root (CI) `unshare -m`; otherwise `unshare -Urm` maps the user to root in a
//! user namespace.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Command;

use antar_device::{AttemptInput, Device, DeviceError};
use antar_domain::attempt::{FailureReason, Outcome};
use antar_domain::wire::Health;
use antar_office::PhotoCheck;
use support::office::Fixture;

use crate::support;

const INSIDE: &str = "ANTAR_TEST_IN_MOUNT_NAMESPACE";
const TEST: &str =
    "storage_full::a_full_or_read_only_disk_is_reported_and_the_office_recovers_without_a_restart";

/// What `/api/v1/health` answers, asked as a monitor would (no protocol header).
fn health(url: &str) -> (u16, Health) {
    let mut reply = ureq::get(format!("{url}/api/v1/health"))
        .config()
        .http_status_as_error(false)
        .build()
        .call()
        .unwrap();
    let status = reply.status().as_u16();
    (status, reply.body_mut().read_json().unwrap())
}

/// Health once the office's probe has seen storage work again. It probes every second while
/// failing; a busy machine may take a few before it runs.
fn health_after_recovery(url: &str) -> (u16, Health) {
    let started = std::time::Instant::now();
    loop {
        let (status, health) = health(url);
        if status == 200 || started.elapsed() > std::time::Duration::from_secs(15) {
            return (status, health);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn chattr(flag: &str, path: &Path) -> bool {
    Command::new("chattr")
        .arg(flag)
        .arg(path)
        .status()
        .is_ok_and(|status| status.success())
}

fn fill(dir: &Path) {
    // Until the file system refuses: ENOSPC ends the loop.
    let mut filler = std::fs::File::create(dir.join("pengisi")).unwrap();
    let block = vec![0u8; 64 * 1024];
    while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    let _ = filler.sync_all();
}

fn record(device: &mut Device, items: &[antar_domain::ids::ItemId], photo: &Path) {
    for item in items {
        device
            .record_attempt(AttemptInput {
                item_id: *item,
                outcome: Outcome::Failed {
                    reason: FailureReason::NotAtHome,
                },
                photo: Some(photo.to_owned()),
                fix: None,
                note: None,
            })
            .unwrap();
    }
}

#[test]
fn a_full_or_read_only_disk_is_reported_and_the_office_recovers_without_a_restart() {
    if std::env::var_os(INSIDE).is_none() {
        let is_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|out| out.stdout.starts_with(b"0\n"));
        let status = Command::new("unshare")
            .arg(if is_root { "-m" } else { "-Urm" })
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", TEST, "--nocapture"])
            .env(INSIDE, "1")
            .status()
            .expect("unshare (util-linux) runs the test in its own mount namespace");
        assert!(status.success(), "the test in its mount namespace failed");
        return;
    }
    let office_dir = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=24m", "tmpfs"])
        .arg(office_dir.path())
        .status()
        .unwrap();
    assert!(mounted.success(), "mount a tmpfs for the office's data");
    let disk = office_dir.path().to_owned();
    let fixture = Fixture::start_in(office_dir);
    let (status, healthy) = health(&fixture.url);
    assert_eq!((status, healthy.status.as_deref()), (200, Some("ok")));

    let phone = tempfile::tempdir().unwrap();
    let mut device = Device::open(phone.path()).unwrap();
    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let items: Vec<_> = device
        .manifest(card.id)
        .unwrap()
        .items
        .iter()
        .map(|item| item.id)
        .collect();
    let photo = support::photo_fixture();
    record(&mut device, &items[..3], &photo);
    device.sync().unwrap();

    // The disk fills up; more attempts come in.
    fill(&disk);
    record(&mut device, &items[3..8], &photo);
    let refused = device.sync().unwrap_err();
    assert!(
        matches!(refused, DeviceError::Rejected { status: 500.., .. }),
        "{refused:?}"
    );
    assert!(
        refused.is_transient(),
        "the phone keeps its records and tries later"
    );
    let (status, degraded) = health(&fixture.url);
    assert_eq!(status, 503);
    assert_eq!(degraded.status.as_deref(), Some("degraded"));
    let codes: Vec<&str> = degraded.problems.iter().map(|p| p.code.as_str()).collect();
    assert!(codes.contains(&"storage_full"), "{codes:?}");
    let text = serde_json::to_string(&degraded).unwrap();
    assert!(!text.contains(&*disk.to_string_lossy()), "no path: {text}");
    let before = fixture.office().attempts().unwrap().len();
    assert!(before >= 3, "what was stored stays stored");

    // Room again: the same office, not restarted.
    std::fs::remove_file(disk.join("pengisi")).unwrap();
    let (status, recovered) = health_after_recovery(&fixture.url);
    assert_eq!(
        (status, recovered.status.as_deref()),
        (200, Some("ok")),
        "{recovered:?}"
    );
    let report = device.sync().unwrap();
    assert_eq!(report.photos_failed, 0);
    assert!(device.outbox().unwrap().is_empty());
    let attempts = fixture.office().attempts().unwrap();
    assert_eq!(attempts.len(), 8);
    assert!(
        attempts
            .iter()
            .all(|attempt| attempt.photo_check == PhotoCheck::Verified)
    );
    assert_eq!(device.receipts().unwrap().len(), 8);

    // The photo folder turns read-only (immutable: root is not stopped by permissions). Not
    // every kernel lets a user namespace set that flag; then this part is said to be skipped.
    let partial = disk.join("photos/partial");
    if chattr("+i", &partial) {
        record(&mut device, &items[8..10], &photo);
        let refused = device.sync().unwrap_err();
        assert!(refused.is_transient(), "{refused:?}");
        let (status, degraded) = health(&fixture.url);
        assert_eq!(status, 503);
        let codes: Vec<&str> = degraded.problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["storage_read_only"], "{degraded:?}");
        assert!(chattr("-i", &partial));
        assert_eq!(health_after_recovery(&fixture.url).0, 200);
        device.sync().unwrap();
        assert!(device.outbox().unwrap().is_empty());
        let attempts = fixture.office().attempts().unwrap();
        assert_eq!(attempts.len(), 10);
        assert!(
            attempts
                .iter()
                .all(|a| a.photo_check == PhotoCheck::Verified)
        );
    } else {
        println!("SKIPPED: the read-only part (chattr +i refused in this namespace)");
    }
    drop(fixture);
    let _ = Command::new("umount").arg(&disk).status();
}
