//! The app's device worker against a real office on 127.0.0.1: enroll, download, record
//! while the office is down, and the automatic sync that delivers the attempt once the
//! office answers again — with no button pressed.

use std::path::Path;
use std::time::Duration;

use antar::state::{Action, AutoSync, Command, DeviceHandle, Update};
use antar_device::{AttemptInput, DeviceError, ProofOptions};
use antar_domain::attempt::{FixProvider, GpsFix, Outcome};
use antar_office::Office;

use futures_util::StreamExt;
use support::office_with_wonosobo_ba;

use crate::support;

type Updates = futures_channel::mpsc::UnboundedReceiver<Update>;

/// The next update that `wanted` picks, skipping the refreshes in between.
async fn wait_for<T>(updates: &mut Updates, mut wanted: impl FnMut(Update) -> Option<T>) -> T {
    let found = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(update) = updates.next().await {
            if let Some(found) = wanted(update) {
                return found;
            }
        }
        panic!("worker stopped");
    });
    found.await.expect("update within 60 s")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attempts_recorded_offline_reach_the_office_by_themselves() {
    let office_dir = tempfile::tempdir().unwrap();
    let device_dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    let (code, manifest) = office_with_wonosobo_ba(office_dir.path());
    let running = antar_office::spawn(office_dir.path(), "127.0.0.1:0")
        .await
        .unwrap();
    let addr = running.addr;

    let auto = AutoSync {
        first_retry: Duration::from_millis(200),
        max_retry: Duration::from_millis(400),
    };
    let (device, mut updates) =
        DeviceHandle::start(device_dir.path().to_owned(), ProofOptions::default(), auto).unwrap();

    // A wrong code is refused in words, and nothing changes.
    device.send(Command::Enroll {
        office_url: format!("http://{addr}"),
        code: "SALAH-123".into(),
    });
    let refused = wait_for(&mut updates, |u| match u {
        Update::Failed {
            action: Action::Enroll,
            error,
            ..
        } => Some(error),
        _ => None,
    })
    .await;
    assert!(
        matches!(
            refused,
            DeviceError::Rejected {
                status: 401 | 404 | 403,
                ..
            }
        ),
        "{refused:?}"
    );

    device.send(Command::Enroll {
        office_url: format!("http://{addr}"),
        code: code.to_string(),
    });
    let name = wait_for(&mut updates, |u| match u {
        Update::Enrolled { courier_name } => Some(courier_name),
        _ => None,
    })
    .await;
    assert_eq!(name, "Budi Santoso");
    let pulled = wait_for(&mut updates, |u| match u {
        Update::Pulled(report) => Some(report),
        _ => None,
    })
    .await;
    assert_eq!(pulled.manifests_new, 1);

    device.send(Command::OpenManifest(manifest.id));
    let downloaded = wait_for(&mut updates, |u| match u {
        Update::Manifest(m) => Some(m),
        _ => None,
    })
    .await;
    let item = downloaded.items[0].clone();

    // The office goes away; the courier records a delivery with a photo and a fix.
    running.stop().await;
    let (lat, lon) = antar_domain::region::Registry::tanggamus()
        .get(&item.address.desa)
        .and_then(|r| r.centroid)
        .unwrap();
    let fix = GpsFix::new(lat, lon, 8.0, chrono::Utc::now(), FixProvider::Manual).unwrap();
    device.send(Command::PreviewPlace {
        item_id: item.id,
        fix: Some(fix),
    });
    let verdict = wait_for(&mut updates, |u| match u {
        Update::Place { verdict, .. } => Some(verdict),
        _ => None,
    })
    .await;
    assert_eq!(
        verdict.code(),
        "inside",
        "the desa centroid of this pekon lies inside it"
    );

    device.send(Command::Record(AttemptInput {
        item_id: item.id,
        outcome: Outcome::DeliveredToOwner,
        photo: Some(root.join("data/photos/path_2560x1600.jpg")),
        fix: Some(fix),
        note: None,
    }));
    let recorded = wait_for(&mut updates, |u| match u {
        Update::Recorded(r) => Some(r),
        _ => None,
    })
    .await;
    assert!(recorded.photo.is_some());
    // The worker tries at once, finds no office, and keeps quiet about it (automatic).
    let offline = wait_for(&mut updates, |u| match u {
        Update::Failed {
            action: Action::Sync,
            error,
            automatic,
        } => Some((error, automatic)),
        _ => None,
    })
    .await;
    assert!(
        matches!(offline, (DeviceError::Offline { .. }, true)),
        "{offline:?}"
    );

    // The office is back on its address: the next automatic try empties the outbox.
    let running = antar_office::spawn(office_dir.path(), &addr.to_string())
        .await
        .unwrap();
    let report = wait_for(&mut updates, |u| match u {
        Update::Synced {
            report,
            automatic: true,
        } => Some(report),
        _ => None,
    })
    .await;
    assert_eq!(
        (
            report.events_sent,
            report.receipts_stored,
            report.photos_sent
        ),
        (1, 1, 1)
    );
    let status = wait_for(&mut updates, |u| match u {
        Update::Status(s) => Some(s),
        _ => None,
    })
    .await;
    assert!(status.outbox.is_empty(), "{:?}", status.outbox);
    running.stop().await;

    let office = Office::open(office_dir.path()).unwrap();
    let attempts = office.attempts().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].item_id, item.id);
}
