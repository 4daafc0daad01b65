//! A backup taken while a phone syncs, restored into a new folder: every event and photo the
//! office had acknowledged before the backup began is there, verified; the backup is
//! consistent (every photo its database calls whole is in it); a second backup into the same
//! folder copies only the new photos. Served again, the restored office gets back from the
//! phone everything that arrived after the backup.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use antar_device::{AttemptInput, Device, ProofOptions, SyncOptions};
use antar_domain::attempt::{FailureReason, Outcome};
use antar_domain::ids::{EventId, Sha256Hash};
use antar_office::{Office, PhotoCheck};
use support::office::Fixture;

use crate::support;

const ATTEMPTS: usize = 30;

/// The office's acknowledged attempts: event → its photo, when verified.
fn acknowledged(office: &Office) -> BTreeMap<EventId, Option<Sha256Hash>> {
    office
        .attempts()
        .unwrap()
        .into_iter()
        .map(|a| {
            let verified = a.photo_check == PhotoCheck::Verified;
            (a.event_id, a.photo_sha256.filter(|_| verified))
        })
        .collect()
}

#[test]
fn a_backup_taken_mid_sync_restores_every_acknowledged_event_and_photo() {
    let mut fixture = Fixture::start();
    let phone = tempfile::tempdir().unwrap();
    let camera = tempfile::tempdir().unwrap();
    let mut device = Device::open(phone.path()).unwrap();
    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let items = device.manifest(card.id).unwrap().items;
    device.set_photo_options(ProofOptions {
        long_side: 640,
        max_bytes: 40_000,
        ..ProofOptions::default()
    });
    for n in 0..ATTEMPTS {
        device
            .record_attempt(AttemptInput {
                item_id: items[n % items.len()].id,
                outcome: Outcome::Failed {
                    reason: FailureReason::NotAtHome,
                },
                photo: Some(support::unique_camera_photo(camera.path(), n)),
                fix: None,
                note: None,
            })
            .unwrap();
    }
    // Small pieces, so the sync is still going while the backup is taken.
    device.set_sync_options(SyncOptions {
        chunk_bytes: 2048,
        batch_events: 2,
        ..SyncOptions::default()
    });
    let syncing = std::thread::spawn(move || {
        while !device.outbox().unwrap().is_empty() {
            device.sync().unwrap();
        }
        device
    });

    let started = Instant::now();
    let before = loop {
        let seen = acknowledged(fixture.office());
        if seen.values().filter(|photo| photo.is_some()).count() >= 3 {
            break seen;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "sync too slow");
        std::thread::sleep(Duration::from_millis(5));
    };
    // As `antar-office backup` does: its own connections to the serving office's folder.
    let backup = tempfile::tempdir().unwrap();
    let first = Office::open(fixture.office_dir())
        .unwrap()
        .backup(backup.path())
        .unwrap();
    assert!(first.photos_unreadable.is_empty());
    // Kept as it is, for the disaster below (the folder gets a later backup too).
    let first_backup = tempfile::tempdir().unwrap();
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(format!("{}/.", backup.path().display()))
        .arg(first_backup.path())
        .status()
        .unwrap();
    assert!(copied.success());
    assert!(
        !syncing.is_finished(),
        "the backup should be taken mid-sync (make the sync slower)"
    );
    let mut device = syncing.join().unwrap();

    let restored_dir = tempfile::tempdir().unwrap();
    let restored = antar_office::restore(backup.path(), restored_dir.path()).unwrap();
    assert!(restored.photos_damaged.is_empty());
    assert_eq!(restored.photos, first.photos);
    let office = Office::open(restored_dir.path()).unwrap();
    let after = acknowledged(&office);
    for (event, photo) in &before {
        assert!(
            after.contains_key(event),
            "acknowledged event {event} missing"
        );
        if photo.is_some() {
            assert_eq!(after[event], *photo, "verified photo of {event} missing");
        }
        if let Some(sha) = photo {
            assert!(office.photo_path(sha).is_some());
        }
    }
    // Consistent: what the restored database calls whole, it has.
    assert_eq!(
        after.values().filter(|photo| photo.is_some()).count(),
        first.photos
    );
    assert!(after.len() >= before.len() && after.len() as u64 == first.events);

    // Later, into the same folder: only the photos that arrived since are copied.
    let second = Office::open(fixture.office_dir())
        .unwrap()
        .backup(backup.path())
        .unwrap();
    assert_eq!(second.photos, ATTEMPTS);
    assert_eq!(second.photos_copied, ATTEMPTS - first.photos);
    assert_eq!(second.events, ATTEMPTS as u64);

    // The office's disk is lost: the backup is restored in its place and served again. The
    // phone sees another copy of the office's data and sends everything again; the office
    // keeps what it had and takes what it lacked.
    fixture.restart(|dir| {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                std::fs::remove_dir_all(path).unwrap();
            } else {
                std::fs::remove_file(path).unwrap();
            }
        }
        antar_office::restore(first_backup.path(), dir).unwrap();
    });
    let verified = |office: &Office| acknowledged(office).values().flatten().count();
    assert!(
        verified(fixture.office()) < ATTEMPTS,
        "the backup lacks photos"
    );
    device
        .record_attempt(AttemptInput {
            item_id: items[0].id,
            outcome: Outcome::DeliveredToOwner,
            photo: Some(support::unique_camera_photo(camera.path(), ATTEMPTS)),
            fix: None,
            note: None,
        })
        .unwrap();
    let report = device.sync().unwrap();
    assert!(report.resent_after_restore);
    assert!(device.outbox().unwrap().is_empty());
    let everything = acknowledged(fixture.office());
    assert_eq!(everything.len(), ATTEMPTS + 1);
    assert_eq!(
        verified(fixture.office()),
        ATTEMPTS + 1,
        "every photo verified"
    );
    assert_eq!(device.receipts().unwrap().len(), ATTEMPTS + 1);
    assert_eq!(
        device.sync().unwrap().events_sent,
        0,
        "and then nothing more"
    );
}
