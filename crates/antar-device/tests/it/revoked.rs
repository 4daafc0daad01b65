//! A revoked phone against a real office (issue 16, part 3): holding 10 unsent attempts when
//! it learns it is revoked, it sends all 10 while the grace lasts, then removes the personal
//! data of its documents — checked by reading the SQLite file's bytes, not through the API;
//! the office counts what arrived after the revocation. Without a grace, what could not be
//! sent stays on the phone.

use std::path::Path;

use antar_device::{AttemptInput, Device, DeviceError};
use antar_domain::attempt::{FailureReason, Outcome, Relationship, Text};
use antar_domain::ids::DeviceId;
use antar_domain::manifest::Manifest;
use support::office::Fixture;

use crate::support;

/// Every byte the phone's database holds on disk: the file and its write-ahead log.
fn stored_bytes(data: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(data.join("device.sqlite")).unwrap();
    if let Ok(wal) = std::fs::read(data.join("device.sqlite-wal")) {
        bytes.extend(wal);
    }
    bytes
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

/// Enrolls a phone in `data`, downloads its BA and records 10 attempts without sending them
/// (one with a photo, one handed to a family member).
fn phone_with_ten_unsent(fixture: &Fixture, data: &Path) -> (Device, DeviceId, Manifest) {
    let mut device = Device::open(data).unwrap();
    let enrolled = device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let manifest = device.manifest(card.id).unwrap();
    let photo = support::photo_fixture();
    for (n, item) in manifest.items.iter().take(10).enumerate() {
        let outcome = match n {
            0 => Outcome::DeliveredToFamily {
                recipient: Text::parse("Sulastri Wardani").unwrap(),
                relationship: Relationship::Spouse,
            },
            _ => Outcome::Failed {
                reason: FailureReason::NotAtHome,
            },
        };
        device
            .record_attempt(AttemptInput {
                item_id: item.id,
                outcome,
                photo: (n == 1).then(|| photo.clone()),
                fix: None,
                note: None,
            })
            .unwrap();
    }
    assert_eq!(device.outbox().unwrap().events, 10);
    (device, enrolled.device_id, manifest)
}

#[test]
fn a_revoked_phone_sends_its_ten_unsent_attempts_then_holds_no_personal_data() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kurir");
    let (mut device, device_id, manifest) = phone_with_ten_unsent(&fixture, &data);
    let before = stored_bytes(&data);
    let owner = &manifest.items[0].owner_name;
    assert!(holds(&before, owner), "the test reads the right file");
    // The phone never held a whole NIK: the office sent the phone's form.
    let whole = fixture
        .office()
        .manifest_by_number(manifest.number.as_str())
        .unwrap()
        .unwrap();
    for item in &whole.items {
        let nik = item.nik.whole().unwrap().as_str();
        assert!(
            !holds(&before, nik),
            "line {}: a whole NIK on the phone",
            item.line
        );
    }

    fixture.office().revoke_device(device_id, true).unwrap();
    let refused = device.pull().unwrap_err();
    assert!(refused.is_revoked(), "{refused}");

    // All 10 reached the office within the grace, with their photo.
    let office = fixture.office();
    assert_eq!(office.attempts().unwrap().len(), 10);
    let phones = office.devices(None).unwrap();
    assert_eq!(phones[0].arrived_after_revoke, 10);
    let status = device.status().unwrap();
    assert!(status.revoked);
    assert!(status.outbox.is_empty(), "{:?}", status.outbox);
    assert_eq!(
        device.receipts().unwrap().len(),
        10,
        "the courier keeps the receipts"
    );
    assert!(device.manifests().unwrap().is_empty());

    drop(device);
    let after = stored_bytes(&data);
    for item in &manifest.items {
        assert!(
            !holds(&after, &item.owner_name),
            "line {}: the name stayed",
            item.line
        );
        // A one-word name ("Siti") is also a piece of the schema's text ("position").
        let key = item.owner_name.to_lowercase();
        assert!(
            !key.contains(' ') || !holds(&after, &key),
            "line {}: the search key stayed",
            item.line
        );
        assert!(
            !holds(&after, &format!("\"{}\"", item.nik.as_str())),
            "line {}: the NIK's last digits stayed",
            item.line
        );
        assert!(
            !holds(&after, &item.address.alamat),
            "line {}: the address stayed",
            item.line
        );
    }
    assert!(
        !holds(&after, "Sulastri Wardani"),
        "the family recipient stayed"
    );
    let photos: Vec<_> = std::fs::read_dir(data.join("photos"))
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert!(
        photos.is_empty(),
        "the uploaded proof photo stayed: {photos:?}"
    );
}

#[test]
fn without_a_grace_what_could_not_be_sent_stays_on_the_phone() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kurir");
    let (mut device, device_id, manifest) = phone_with_ten_unsent(&fixture, &data);
    fixture.office().revoke_device(device_id, false).unwrap();
    let refused = device.sync().unwrap_err();
    assert!(
        matches!(&refused, DeviceError::Rejected { status: 401, .. }) && refused.is_revoked(),
        "{refused}"
    );
    assert_eq!(fixture.office().attempts().unwrap().len(), 0);
    let status = device.status().unwrap();
    assert!(status.revoked);
    assert_eq!(status.outbox.events, 10, "nothing recorded is lost");
    drop(device);
    let after = stored_bytes(&data);
    for item in &manifest.items {
        assert!(!holds(&after, &item.owner_name), "line {}", item.line);
        assert!(
            !holds(&after, &format!("\"{}\"", item.nik.as_str())),
            "line {}",
            item.line
        );
    }
}
