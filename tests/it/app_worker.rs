//! The app's device worker against a real office on 127.0.0.1: enroll, download, record
//! while the office is down, and the automatic sync that delivers the attempt once the
//! office answers again — with no button pressed. And a recording team's visit through the
//! same worker, on a phone store with an imported visit.

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

/// A recording team's phone with one imported visit (no office needed): the worker searches
/// its people, records a listed person's outcome, refuses a bad walk-in NIK in Indonesian,
/// records a walk-in (and one whose NIK is on the list against that person), shows the
/// check-in's place verdict and saves the check-in with a photo; all of it waits in the
/// outbox, nothing lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visit_outcomes_and_walk_ins_go_through_the_worker() {
    use antar::state::{VisitCommand, VisitUpdate};
    use antar_device::{Device, VisitCheckinInput, VisitOutcomeInput, VisitPersonInput};
    use antar_domain::ids::{CourierId, DeviceId};
    use antar_domain::manifest::CourierRef;
    use antar_domain::visit::{IkdOutcome, RecordingOutcome};

    let device_dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let sheet = antar::fixtures::visit_from_sample(4, day, 20).unwrap();
    let visit = sheet.visit.id;
    {
        let mut phone = Device::open(device_dir.path()).unwrap();
        let courier = CourierRef {
            id: CourierId::new_v7(),
            name: "Budi Santoso".into(),
        };
        // An office address nobody answers on: everything stays on the phone.
        phone
            .enroll_offline_for_tests("http://127.0.0.1:9", DeviceId::new_v7(), courier, "t")
            .unwrap();
        phone.import_visit_for_tests(&sheet).unwrap();
    }
    let auto = AutoSync {
        first_retry: Duration::from_secs(60),
        max_retry: Duration::from_secs(60),
    };
    let (device, mut updates) =
        DeviceHandle::start(device_dir.path().to_owned(), ProofOptions::default(), auto).unwrap();
    let cards = wait_for(&mut updates, |u| match u {
        Update::Visit(VisitUpdate::Cards(cards)) => Some(cards),
        _ => None,
    })
    .await;
    assert_eq!((cards.len(), cards[0].counts.targets), (1, 20));

    let people = |query: &str, only_not_met: bool| {
        Command::Visit(VisitCommand::People {
            visit,
            query: query.to_owned(),
            only_not_met,
        })
    };
    device.send(people("", false));
    let everyone = wait_for(&mut updates, |u| match u {
        Update::Visit(VisitUpdate::People(people)) => Some(people.list),
        _ => None,
    })
    .await;
    assert_eq!(everyone.len(), 20);
    let first = everyone[0].clone();
    let outcome = |person, outcome, ikd| {
        Command::Visit(VisitCommand::Outcome(VisitOutcomeInput {
            visit_id: visit,
            person,
            outcome,
            ikd,
            note: None,
        }))
    };
    let recorded = |u| match u {
        Update::Visit(VisitUpdate::Recorded { event, walk_in, .. }) => Some((event, walk_in)),
        _ => None,
    };

    // A listed person, tapped on the list.
    device.send(outcome(
        VisitPersonInput::Target(first.id.unwrap()),
        RecordingOutcome::Recorded,
        Some(IkdOutcome::Activated),
    ));
    let (event, walk_in) = wait_for(&mut updates, recorded).await;
    assert_eq!((event.target_id, walk_in), (first.id, false));

    // A walk-in with a NIK two digits short: the device's Indonesian reason, nothing saved.
    device.send(outcome(
        VisitPersonInput::WalkIn {
            nik: "18060123080099".into(),
            name: None,
        },
        RecordingOutcome::Recorded,
        None,
    ));
    let refused = wait_for(&mut updates, |u| match u {
        Update::Failed {
            action: Action::WalkIn,
            error,
            automatic: false,
        } => Some(error),
        _ => None,
    })
    .await;
    assert!(
        matches!(&refused, DeviceError::Invalid(text) if text.contains("NIK")),
        "{refused:?}"
    );

    // A walk-in not on the list, then one whose NIK is: recorded for that listed person.
    device.send(outcome(
        VisitPersonInput::WalkIn {
            nik: "1806012308009999".into(),
            name: Some(antar_domain::attempt::Text::parse("Sari").unwrap()),
        },
        RecordingOutcome::Recorded,
        Some(IkdOutcome::NoSmartphone),
    ));
    let (event, walk_in) = wait_for(&mut updates, recorded).await;
    assert_eq!((event.target_id, walk_in), (None, true));
    let listed = everyone[5].clone();
    device.send(outcome(
        VisitPersonInput::WalkIn {
            nik: listed.nik.as_str().to_owned(),
            name: None,
        },
        RecordingOutcome::AlreadyRecorded,
        None,
    ));
    let (event, walk_in) = wait_for(&mut updates, recorded).await;
    assert_eq!((event.target_id, walk_in), (listed.id, true));

    // The "not met yet" filter leaves out who was met; a search by the NIK's last digits.
    device.send(people("", true));
    let not_met = wait_for(&mut updates, |u| match u {
        Update::Visit(VisitUpdate::People(people)) => Some(people.list),
        _ => None,
    })
    .await;
    assert_eq!(not_met.len(), 18, "two listed people were met");
    assert!(
        not_met
            .iter()
            .all(|p| p.id != first.id && p.id != listed.id)
    );
    device.send(people(first.nik.last_digits(4), false));
    let found = wait_for(&mut updates, |u| match u {
        Update::Visit(VisitUpdate::People(people)) => Some(people.list),
        _ => None,
    })
    .await;
    assert_eq!(found[0].outcome, Some(RecordingOutcome::Recorded));
    assert_eq!(found[0].ikd, Some(IkdOutcome::Activated));

    // The check-in: the verdict first, then saved with an activity photo.
    let desa = &sheet.visit.desa;
    let (lat, lon) = antar_domain::region::Registry::tanggamus()
        .get(desa)
        .and_then(|r| r.centroid)
        .unwrap();
    let fix = GpsFix::new(lat, lon, 8.0, chrono::Utc::now(), FixProvider::Manual).unwrap();
    device.send(Command::Visit(VisitCommand::PreviewPlace {
        visit,
        fix: Some(fix),
    }));
    let verdict = wait_for(&mut updates, |u| match u {
        Update::Visit(VisitUpdate::Place { verdict, .. }) => Some(verdict),
        _ => None,
    })
    .await;
    assert_eq!(verdict.code(), "inside");
    device.send(Command::Visit(VisitCommand::Checkin(VisitCheckinInput {
        visit_id: visit,
        fix: Some(fix),
        photos: vec![root.join("data/photos/path_2560x1600.jpg")],
        note: None,
    })));
    let checked_in = wait_for(&mut updates, |u| match u {
        Update::Visit(VisitUpdate::CheckedIn(event)) => Some(event),
        _ => None,
    })
    .await;
    assert_eq!(checked_in.photos.len(), 1);
    let cards = wait_for(&mut updates, |u| match u {
        Update::Visit(VisitUpdate::Cards(cards)) => Some(cards),
        _ => None,
    })
    .await;
    let counts = cards[0].counts;
    assert!(cards[0].checked_in);
    assert_eq!(
        (counts.met, counts.recorded, counts.walk_ins),
        (2, 2, 1),
        "{counts:?}"
    );
    // Every record waits in the outbox (the office is not there): four events, one photo.
    let outbox = wait_for(&mut updates, |u| match u {
        Update::Status(s) if s.outbox.events == 4 => Some(s.outbox),
        _ => None,
    })
    .await;
    assert_eq!((outbox.photos, outbox.rejected), (1, 0));
}

/// A recording team's phone with an imported visit and its BA (a visit BA, handed to the
/// phone's courier): the worker records a collective handover of two cards to the aparat
/// pekon with a photo, the cards become delivered on the phone, and handing one of them over
/// again is refused in Indonesian.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_collective_handover_goes_through_the_worker_and_delivers_the_cards() {
    use antar::state::{VisitCommand, VisitUpdate};
    use antar_device::{CollectiveHandoverInput, Device};
    use antar_domain::attempt::Text;
    use antar_domain::ids::{CourierId, DeviceId};
    use antar_domain::manifest::{BaNumber, CourierRef};
    use antar_domain::state::ItemState;

    let device_dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let sheet = antar::fixtures::visit_from_sample(4, day, 5).unwrap();
    let visit = sheet.visit.id;
    let courier = CourierRef {
        id: CourierId::new_v7(),
        name: "Budi Santoso".into(),
    };
    let mut ba = antar::fixtures::manifest_from_sample(4);
    ba.number = BaNumber::format_visit(7, day);
    ba.courier = courier.clone();
    {
        let mut phone = Device::open(device_dir.path()).unwrap();
        phone
            .enroll_offline_for_tests("http://127.0.0.1:9", DeviceId::new_v7(), courier, "t")
            .unwrap();
        phone.import_visit_for_tests(&sheet).unwrap();
        phone.import_manifest_for_tests(&ba).unwrap();
    }
    let auto = AutoSync {
        first_retry: Duration::from_secs(60),
        max_retry: Duration::from_secs(60),
    };
    let (device, mut updates) =
        DeviceHandle::start(device_dir.path().to_owned(), ProofOptions::default(), auto).unwrap();
    // The phone lists the visit BA among its manifests, as the visit screen looks for it.
    let cards = wait_for(&mut updates, |u| match u {
        Update::Cards(cards) => Some(cards),
        _ => None,
    })
    .await;
    assert!(
        cards
            .iter()
            .any(|card| card.id == ba.id && card.number.is_visit() && card.pending == 4),
        "{cards:?}"
    );

    let fix = GpsFix::new(-5.45, 104.62, 8.0, chrono::Utc::now(), FixProvider::Manual).unwrap();
    let handover = |items| {
        Command::Visit(VisitCommand::Handover(CollectiveHandoverInput {
            visit_id: visit,
            manifest_id: ba.id,
            items,
            official_name: Text::parse("Suparman").unwrap(),
            official_position: Text::parse("Sekretaris Pekon").unwrap(),
            fix: Some(fix),
            photo: Some(root.join("data/photos/path_2560x1600.jpg")),
            note: None,
        }))
    };
    device.send(handover(vec![ba.items[0].id, ba.items[2].id]));
    let (event, manifest, count) = wait_for(&mut updates, |u| match u {
        Update::Visit(VisitUpdate::HandedOver {
            event,
            manifest,
            cards,
        }) => Some((event, manifest, cards)),
        Update::Failed { action, error, .. } => panic!("{action:?}: {error:?}"),
        _ => None,
    })
    .await;
    assert_eq!((manifest, count, event.photos.len()), (ba.id, 2, 1));

    device.send(Command::OpenManifest(ba.id));
    let read = wait_for(&mut updates, |u| match u {
        Update::Manifest(m) => Some(m),
        _ => None,
    })
    .await;
    let states: Vec<ItemState> = read.items.iter().map(|item| item.state).collect();
    assert_eq!(
        states,
        [
            ItemState::Delivered,
            ItemState::Pending,
            ItemState::Delivered,
            ItemState::Pending
        ]
    );

    // A card already with the aparat cannot be handed over again.
    device.send(handover(vec![ba.items[2].id]));
    let refused = wait_for(&mut updates, |u| match u {
        Update::Failed {
            action: Action::Handover,
            error,
            automatic: false,
        } => Some(error),
        _ => None,
    })
    .await;
    assert!(
        matches!(&refused, DeviceError::Invalid(text) if text.contains("baris 3")),
        "{refused:?}"
    );
    // The handover waits in the outbox with its photo: the office is not there.
    let outbox = wait_for(&mut updates, |u| match u {
        Update::Status(s) if s.outbox.events == 1 => Some(s.outbox),
        _ => None,
    })
    .await;
    assert_eq!((outbox.photos, outbox.rejected), (1, 0));
}

/// A sync hangs on a 2G link that stopped carrying bytes (a photo upload, the office's answer
/// held): the courier records 20 deliveries meanwhile. Each completes while the sync still
/// hangs — recording never waits for the network — and once the link flows again all 21
/// reach the office.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_never_waits_for_a_stalled_sync() {
    use support::stalled_sync::{LinkDuring, record_while_syncing};

    let run = record_while_syncing(20, LinkDuring::Stopped).await;
    assert_eq!(run.times.len(), 20);
    assert!(
        !run.sync_ended_before_last,
        "the 20 recordings completed only after the stalled sync ended: {:?}",
        run.times
    );
    assert_eq!(run.attempts_at_office, 21);
}

/// "Kirim sekarang" pressed twice while an automatic try hangs on a held link: the button
/// takes presses while a try runs (a disabled one dropped the focus and the press), so the
/// worker must run one round for them after that try — not none, and not one per press.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presses_during_an_automatic_try_make_one_round_after_it() {
    let office_dir = tempfile::tempdir().unwrap();
    let device_dir = tempfile::tempdir().unwrap();
    let (code, manifest) = office_with_wonosobo_ba(office_dir.path());
    let running = antar_office::spawn(office_dir.path(), "127.0.0.1:0")
        .await
        .unwrap();
    let link = antar_fault_proxy::FaultProxy::throttled(running.addr, 10_000_000).unwrap();
    // No automatic retry within the test.
    let auto = AutoSync {
        first_retry: Duration::from_secs(600),
        max_retry: Duration::from_secs(600),
    };
    let (device, mut updates) =
        DeviceHandle::start(device_dir.path().to_owned(), ProofOptions::default(), auto).unwrap();
    device.send(Command::Enroll {
        office_url: link.url(),
        code: code.to_string(),
    });
    wait_for(&mut updates, |u| {
        matches!(u, Update::Pulled(_)).then_some(())
    })
    .await;

    link.pause();
    device.send(Command::Record(AttemptInput {
        item_id: manifest.items[0].id,
        outcome: Outcome::DeliveredToOwner,
        photo: None,
        fix: Some(GpsFix::new(-5.36, 104.62, 8.0, chrono::Utc::now(), FixProvider::Gps).unwrap()),
        note: None,
    }));
    wait_for(&mut updates, |u| {
        matches!(u, Update::SyncStarted { automatic: true }).then_some(())
    })
    .await;
    device.send(Command::Sync);
    device.send(Command::Sync);
    link.resume();

    // The try delivers; then the round pressed for, with nothing left to send.
    let mut rounds = vec![true];
    let mut sent = Vec::new();
    while sent.len() < 2 {
        match wait_for(&mut updates, Some).await {
            Update::SyncStarted { automatic } => rounds.push(automatic),
            Update::Synced { report, automatic } => sent.push((automatic, report.events_sent)),
            Update::Failed { action, error, .. } => panic!("{action:?}: {error}"),
            _ => {}
        }
    }
    // The worker takes jobs in order: a second pressed round would start before this pull.
    device.send(Command::Pull);
    loop {
        match wait_for(&mut updates, Some).await {
            Update::SyncStarted { automatic } => rounds.push(automatic),
            Update::Pulled(_) => break,
            _ => {}
        }
    }
    assert_eq!(
        rounds,
        [true, false],
        "the try, then one round for two presses"
    );
    assert_eq!(sent, [(true, 1), (false, 0)]);
    assert_eq!(
        Office::open(office_dir.path())
            .unwrap()
            .attempts()
            .unwrap()
            .len(),
        1
    );
    drop(device);
    running.stop().await;
}
