//! A courier recording while the phone's sync hangs on a 2G link: the app's two device
//! threads against a real office behind a 64 kbit/s proxy that a test can stop. Shared by the
//! end-to-end test (every recording completes while the sync hangs) and the benchmark (how
//! long each took).

use std::path::Path;
use std::time::{Duration, Instant};

use antar::state::{Action, AutoSync, Command, DeviceHandle, Update};
use antar_device::{AttemptInput, ProofOptions};
use antar_domain::attempt::{FixProvider, GpsFix, Outcome};
use antar_fault_proxy::FaultProxy;
use antar_office::Office;
use futures_util::StreamExt;

use super::office_with_wonosobo_ba;

type Updates = futures_channel::mpsc::UnboundedReceiver<Update>;

/// What came of one run.
#[derive(Debug)]
pub struct RecordedDuringSync {
    /// From sending each `Record` to its `Recorded`, in order.
    pub times: Vec<Duration>,
    /// Whether a sync had ended (sent or failed) before the last recording completed.
    pub sync_ended_before_last: bool,
    /// Attempts at the office once the link flowed again and the outbox emptied.
    pub attempts_at_office: usize,
}

/// How the link behaves while the recordings are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkDuring {
    /// Every byte held: the sync hangs on its first request.
    Stopped,
    /// 64 kbit/s: the first attempt's photo is still uploading.
    Slow,
}

async fn next(updates: &mut Updates) -> Update {
    tokio::time::timeout(Duration::from_secs(120), updates.next())
        .await
        .expect("an update within 120 s")
        .expect("the worker runs")
}

async fn wait_for<T>(updates: &mut Updates, mut wanted: impl FnMut(Update) -> Option<T>) -> T {
    loop {
        if let Some(found) = wanted(next(updates).await) {
            return found;
        }
    }
}

/// Records one attempt with a photo (which starts a sync), then `records` more while the
/// link is as `during` says; lets the link flow and waits until the office has them all.
pub async fn record_while_syncing(records: usize, during: LinkDuring) -> RecordedDuringSync {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let office_dir = tempfile::tempdir().unwrap();
    let device_dir = tempfile::tempdir().unwrap();
    let (code, manifest) = office_with_wonosobo_ba(office_dir.path());
    assert!(
        manifest.items.len() > records,
        "the BA has enough documents"
    );
    let running = antar_office::spawn(office_dir.path(), "127.0.0.1:0")
        .await
        .unwrap();
    let link = FaultProxy::throttled(running.addr, 64_000).unwrap();
    let auto = AutoSync {
        first_retry: Duration::from_millis(200),
        max_retry: Duration::from_millis(400),
    };
    let (device, mut updates) =
        DeviceHandle::start(device_dir.path().to_owned(), ProofOptions::default(), auto).unwrap();
    device.send(Command::Enroll {
        office_url: link.url(),
        code: code.to_string(),
    });
    wait_for(&mut updates, |u| match u {
        Update::Pulled(_) => Some(()),
        Update::Failed { action, error, .. } => panic!("{action:?}: {error}"),
        _ => None,
    })
    .await;

    let fix = || GpsFix::new(-5.36, 104.62, 8.0, chrono::Utc::now(), FixProvider::Gps).unwrap();
    if during == LinkDuring::Stopped {
        link.pause();
    }
    device.send(Command::Record(AttemptInput {
        item_id: manifest.items[0].id,
        outcome: Outcome::DeliveredToOwner,
        photo: Some(root.join("data/photos/path_2560x1600.jpg")),
        fix: Some(fix()),
        note: None,
    }));
    wait_for(&mut updates, |u| match u {
        Update::SyncStarted { .. } => Some(()),
        _ => None,
    })
    .await;

    let mut times = Vec::with_capacity(records);
    let mut sync_ended_before_last = false;
    for item in &manifest.items[1..=records] {
        let sent = Instant::now();
        device.send(Command::Record(AttemptInput {
            item_id: item.id,
            outcome: Outcome::DeliveredToOwner,
            photo: None,
            fix: Some(fix()),
            note: None,
        }));
        loop {
            match next(&mut updates).await {
                Update::Recorded(_) => break,
                Update::Synced { .. }
                | Update::Failed {
                    action: Action::Sync,
                    ..
                } => sync_ended_before_last = true,
                Update::Failed { action, error, .. } => panic!("{action:?}: {error}"),
                _ => {}
            }
        }
        times.push(sent.elapsed());
    }

    // What follows only checks that everything arrives: at full speed, not in 20 s.
    link.set_rate(None);
    link.resume();
    wait_for(&mut updates, |u| match u {
        Update::Status(status) if status.outbox.is_empty() => Some(()),
        _ => None,
    })
    .await;
    drop(device);
    running.stop().await;
    let attempts_at_office = Office::open(office_dir.path())
        .unwrap()
        .attempts()
        .unwrap()
        .len();
    RecordedDuringSync {
        times,
        sync_ended_before_last,
        attempts_at_office,
    }
}
