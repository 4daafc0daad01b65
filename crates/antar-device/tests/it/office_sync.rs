//! The device against a real office on 127.0.0.1:0: enroll, pull, record offline, sync
//! (receipts, resumable photos, a refused event that does not block the others), pull again
//! without losing local work, and an empty second sync that sends nothing.

use std::path::Path;

use antar_device::{AttemptInput, Device, DeviceError, Progress, SyncOptions};
use antar_domain::attempt::{FailureReason, Outcome, Relationship, Text};
use antar_domain::custody::ChainVerdict;
use antar_domain::ids::ItemId;
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, PROTOCOL_HEADER, UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER};
use antar_office::Office;
use rusqlite::Connection;
use support::office::Fixture;

use crate::support;

/// The phone's bearer token (sealed in its store), for requests the test makes itself.
fn token(device_dir: &Path) -> String {
    Device::open(device_dir).unwrap().token_for_tests().unwrap()
}

fn attempt(item: ItemId, outcome: Outcome, photo: Option<&Path>) -> AttemptInput {
    AttemptInput {
        item_id: item,
        outcome,
        photo: photo.map(Path::to_path_buf),
        fix: None,
        note: None,
    }
}

fn failed() -> Outcome {
    Outcome::Failed {
        reason: FailureReason::NotAtHome,
    }
}

#[test]
fn enroll_pull_record_sync_and_pull_again() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();

    let enrolled = device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    assert_eq!(enrolled.courier.name, "Budi Santoso");
    let pulled = device.pull().unwrap();
    assert_eq!(pulled.manifests_new, 1);
    let card = device.manifests().unwrap().remove(0);
    assert!(card.pending >= 3, "the BA should hold a few documents");
    let items = device.manifest(card.id).unwrap().items;

    let photo = support::photo_fixture();
    let mut proof_sizes = Vec::new();
    for (item, outcome) in [
        (&items[0], Outcome::DeliveredToOwner),
        (&items[1], failed()),
    ] {
        let recorded = device
            .record_attempt(attempt(item.id, outcome, Some(&photo)))
            .unwrap();
        proof_sizes.push(recorded.photo.unwrap().bytes);
    }
    let family = Outcome::DeliveredToFamily {
        recipient: Text::parse("Siti Aminah").unwrap(),
        relationship: Relationship::Spouse,
    };
    device
        .record_attempt(attempt(items[2].id, family, None))
        .unwrap();

    device.set_sync_options(SyncOptions {
        chunk_bytes: 16 * 1024,
        ..SyncOptions::default()
    });
    let mut photo_progress = Vec::new();
    let report = device
        .sync_with_progress(|p| {
            if let Progress::Photo { bytes_done, .. } = p {
                photo_progress.push(bytes_done);
            }
        })
        .unwrap();
    assert_eq!((report.events_sent, report.receipts_stored), (3, 3));
    assert_eq!(report.photos_sent, 2);
    assert!(report.bytes_sent > proof_sizes.iter().sum::<u64>());
    assert!(photo_progress.len() >= 8, "sent in 16 KiB chunks");
    for size in &proof_sizes {
        assert!(
            photo_progress.contains(size),
            "each proof is sent to its end"
        );
    }
    assert!(device.outbox().unwrap().is_empty());
    assert_eq!(device.receipts().unwrap().len(), 3);
    assert!(device.status().unwrap().last_contact.is_some());

    // Nothing pending: not a single request.
    assert_eq!(device.sync().unwrap(), antar_device::SyncReport::default());

    // A local attempt not yet synced survives a pull that still has the office's old state.
    device
        .record_attempt(attempt(items[1].id, Outcome::DeliveredToOwner, None))
        .unwrap();
    let again = device.pull().unwrap();
    assert_eq!((again.manifests_new, again.manifests_updated), (0, 1));
    let local = device.manifest(card.id).unwrap();
    assert_eq!(local.item(items[0].id).unwrap().state, ItemState::Delivered);
    assert_eq!(local.item(items[1].id).unwrap().state, ItemState::Delivered);
    assert_eq!(again.items_kept_local, 1);
    device.sync().unwrap();
    assert!(device.outbox().unwrap().is_empty());
}

/// Enrolling the phone again (a new code for the same courier: the office address was typed
/// wrong, the token was reset) gives it a new device id; what it recorded under the old one is
/// kept and still sent.
#[test]
fn attempts_recorded_before_enrolling_again_are_still_sent() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let first = device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let items = device.manifest(card.id).unwrap().items;
    device
        .record_attempt(attempt(items[0].id, failed(), None))
        .unwrap();

    let code = {
        // As the office's command line would, beside the running server.
        let office = Office::open(fixture.office_dir()).unwrap();
        let courier = office.couriers().unwrap().remove(0).id;
        office.new_enrollment_code(courier).unwrap().to_string()
    };
    let again = device.enroll(&fixture.url, &code, "uji lagi").unwrap();
    assert_ne!(again.device_id, first.device_id);
    assert_eq!(device.outbox().unwrap().events, 1);
    device
        .record_attempt(attempt(items[1].id, failed(), None))
        .unwrap();

    let report = device.sync().unwrap();
    assert_eq!((report.events_sent, report.receipts_stored), (2, 2));
    assert!(device.outbox().unwrap().is_empty());
    assert_eq!(device.receipts().unwrap().len(), 2);
    // The office follows the phone's chain from the old id to the new one.
    let office = Office::open(fixture.office_dir()).unwrap();
    let chain: Vec<ChainVerdict> = office
        .attempts()
        .unwrap()
        .into_iter()
        .map(|a| a.chain)
        .collect();
    assert_eq!(chain, [ChainVerdict::Genesis, ChainVerdict::Linked]);
}

#[test]
fn photo_upload_resumes_where_the_office_copy_ends() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let item = device.manifest(card.id).unwrap().items[0].id;
    let photo = support::photo_fixture();
    let recorded = device
        .record_attempt(attempt(item, failed(), Some(&photo)))
        .unwrap();
    let sha = recorded.photo.unwrap().sha256;
    let bytes = std::fs::read(dir.path().join(format!("photos/{sha}.jpg"))).unwrap();

    // The event arrives, then the link drops halfway through the proof photo.
    device.set_sync_options(SyncOptions {
        chunk_bytes: 1024 * 1024,
        ..SyncOptions::default()
    });
    let agent = ureq::Agent::new_with_defaults();
    let first = bytes.len() / 2;
    let events = Connection::open(dir.path().join("device.sqlite"))
        .unwrap()
        .query_row("SELECT canonical FROM events", [], |r| {
            r.get::<_, Vec<u8>>(0)
        })
        .unwrap();
    let mut batch = b"{\"events\":[".to_vec();
    batch.extend_from_slice(&events);
    batch.extend_from_slice(b"]}");
    agent
        .post(format!("{}/api/v1/events/batch", fixture.url))
        .header(PROTOCOL_HEADER, "1")
        .header("authorization", format!("Bearer {}", token(dir.path())))
        .header("content-type", "application/json")
        .send(&batch[..])
        .unwrap();
    agent
        .put(format!("{}/api/v1/photos/{sha}", fixture.url))
        .header(PROTOCOL_HEADER, "1")
        .header("authorization", format!("Bearer {}", token(dir.path())))
        .header(UPLOAD_OFFSET_HEADER, "0")
        .header(UPLOAD_LENGTH_HEADER, bytes.len().to_string())
        .send(&bytes[..first])
        .unwrap();

    let report = device.sync().unwrap();
    assert_eq!(report.photos_sent, 1);
    assert_eq!(
        report.receipts_stored, 1,
        "the replayed event gets its receipt"
    );
    let rest = (bytes.len() - first) as u64;
    assert!(
        report.bytes_sent >= rest && report.bytes_sent < rest + 8 * 1024,
        "only the missing part is sent again: {} bytes for {rest}",
        report.bytes_sent
    );
    assert!(device.outbox().unwrap().is_empty());
}

#[test]
fn a_conflicting_event_is_held_back_and_the_others_still_go() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let items = device.manifest(card.id).unwrap().items;
    let conflicting = device
        .record_attempt(attempt(items[0].id, failed(), None))
        .unwrap();
    device
        .record_attempt(attempt(items[1].id, failed(), None))
        .unwrap();

    // The office already holds other bytes under the first event's id.
    let canonical: Vec<u8> = Connection::open(dir.path().join("device.sqlite"))
        .unwrap()
        .query_row(
            "SELECT canonical FROM events WHERE id = ?1",
            [conflicting.event_id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let mut altered: Event = serde_json::from_slice(&canonical).unwrap();
    altered.recorded_at -= chrono::Duration::minutes(5);
    let body = serde_json::to_vec(&serde_json::json!({ "events": [altered] })).unwrap();
    ureq::Agent::new_with_defaults()
        .post(format!("{}/api/v1/events/batch", fixture.url))
        .header(PROTOCOL_HEADER, "1")
        .header("authorization", format!("Bearer {}", token(dir.path())))
        .header("content-type", "application/json")
        .send(&body[..])
        .unwrap();

    let report = device.sync().unwrap();
    assert_eq!(report.events_sent, 2);
    assert_eq!(report.receipts_stored, 1);
    assert_eq!(report.events_rejected, 1);
    let outbox = device.outbox().unwrap();
    assert_eq!((outbox.events, outbox.rejected), (1, 1));
    // Held back: the next sync does not resend it.
    assert_eq!(device.sync().unwrap().events_sent, 0);
}

#[test]
fn a_wrong_code_or_token_is_the_office_refusing() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let wrong = device.enroll(&fixture.url, "AAAA-AAAA", "uji").unwrap_err();
    assert!(matches!(wrong, DeviceError::Rejected { .. }), "{wrong:?}");
    assert!(matches!(device.pull(), Err(DeviceError::NotEnrolled)));

    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    Connection::open(dir.path().join("device.sqlite"))
        .unwrap()
        .execute("UPDATE enrollment SET token = 'salah'", [])
        .unwrap();
    let refused = device.pull().unwrap_err();
    assert!(refused.needs_enrollment(), "{refused:?}");
}

/// A phone staff revoked (lost and found again, or replaced) still empties its outbox — the
/// proof of deliveries made before the revoke — and is told on its next pull that it was
/// revoked, not asked to enroll again by itself.
#[test]
fn a_revoked_phone_still_sends_what_it_recorded_and_is_told_why_it_reads_nothing() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let enrolled = device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let items = device.manifest(card.id).unwrap().items;
    let photo = support::photo_fixture();
    device
        .record_attempt(attempt(
            items[0].id,
            Outcome::DeliveredToOwner,
            Some(&photo),
        ))
        .unwrap();

    fixture
        .office()
        .revoke_device(enrolled.device_id, true)
        .unwrap();
    let report = device.sync().unwrap();
    assert_eq!((report.events_sent, report.photos_sent), (1, 1));
    assert!(device.outbox().unwrap().is_empty());

    let refused = device.pull().unwrap_err();
    let DeviceError::Rejected { status: 401, error } = &refused else {
        panic!("{refused:?}");
    };
    assert_eq!(error.code, antar_domain::wire::ERROR_DEVICE_REVOKED);
    assert!(refused.to_string().contains("dicabut kantor"), "{refused}");
    assert!(
        !refused.needs_enrollment(),
        "a revoke is not fixed by enrolling alone"
    );
    assert!(
        device.manifests().unwrap().is_empty(),
        "everything was sent: the documents' personal data left the phone"
    );
    assert!(device.status().unwrap().revoked);
}

/// Runs the CLI on `dir`; returns stdout, asserting the exit status.
fn cli(dir: &Path, args: &[&str], ok: bool) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_antar-device"))
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    print!("$ antar-device {}\n{stdout}{stderr}", args.join(" "));
    assert_eq!(out.status.success(), ok, "{args:?}\n{stdout}\n{stderr}");
    if !ok {
        assert!(stderr.starts_with("gagal: "), "{stderr}");
    }
    stdout
}

#[test]
fn the_cli_walks_the_whole_round() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let photo = support::photo_fixture();
    let photo = photo.to_str().unwrap();

    let out = cli(
        d,
        &["enroll", "--office", &fixture.url, "--code", &fixture.code],
        true,
    );
    assert!(out.starts_with("terdaftar "), "{out}");
    cli(d, &["pull"], true);
    let manifests = cli(d, &["manifests"], true);
    let number = manifests.split_whitespace().next().unwrap().to_owned();
    assert!(number.contains("/BA-PENG/"), "{manifests}");

    let items = cli(d, &["items", "--manifest", &number], true);
    let first = Device::open(d)
        .unwrap()
        .find_items("")
        .unwrap()
        .remove(0)
        .item;
    assert!(items.contains(&first.nik.masked()));
    assert!(
        first.nik.whole().is_none(),
        "the phone holds only the NIK's last 4 digits"
    );

    let out = cli(
        d,
        &[
            "attempt",
            "--manifest",
            &number,
            "--line",
            "1",
            "--outcome",
            "owner",
            "--photo",
            photo,
            "--lat",
            "-5.49",
            "--lon",
            "104.62",
            "--accuracy",
            "12",
        ],
        true,
    );
    let first_line = out.lines().next().unwrap();
    assert!(first_line.starts_with("tercatat "), "{out}");
    first_line["tercatat ".len()..]
        .parse::<antar_domain::ids::EventId>()
        .unwrap();
    // Delivered is final: a second attempt is refused, in Indonesian, with a failing exit.
    cli(
        d,
        &[
            "attempt",
            "--manifest",
            &number,
            "--line",
            "1",
            "--outcome",
            "owner",
        ],
        false,
    );
    cli(
        d,
        &[
            "attempt",
            "--manifest",
            &number,
            "--line",
            "2",
            "--outcome",
            "family",
        ],
        false,
    );
    cli(
        d,
        &[
            "attempt",
            "--manifest",
            &number,
            "--line",
            "2",
            "--outcome",
            "failed",
            "--reason",
            "moved",
        ],
        true,
    );

    let out = cli(d, &["sync", "--chunk-kib", "128"], true);
    assert!(out.contains("Catatan dikirim ke kantor: 2"), "{out}");
    assert!(out.contains("Foto dikirim ke kantor: 1"), "{out}");
    let status = cli(d, &["status"], true);
    assert!(status.contains("Antrean kirim: 0 catatan"), "{status}");
    assert!(status.contains("Tanda terima dari kantor: 2"), "{status}");
    let receipts = cli(d, &["receipts"], true);
    assert_eq!(receipts.lines().count(), 2, "{receipts}");
}
