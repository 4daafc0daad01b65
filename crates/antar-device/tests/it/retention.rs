//! A delivered document's personal data leaves the phone 30 days after its receipt is stored
//! (issue 16, part 3), against a real office: not a day before; then the name, address,
//! family recipient and proof photo are gone from the SQLite file's bytes, the document's line
//! and state stay, a download does not bring them back, and a document not delivered keeps
//! its data. The send screen's receipts name the owner until then, the line and BA after.

use std::path::Path;

use antar_device::{AttemptInput, Device, RecordAbout};
use antar_domain::attempt::{FailureReason, Outcome, Relationship, Text};
use chrono::{Duration, Utc};
use support::office::Fixture;

use crate::support;

fn file_holds(data: &Path, text: &str) -> bool {
    let mut bytes = std::fs::read(data.join("device.sqlite")).unwrap();
    bytes.extend(std::fs::read(data.join("device.sqlite-wal")).unwrap_or_default());
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn a_delivered_documents_personal_data_leaves_the_phone_thirty_days_after_its_receipt() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kurir");
    let mut device = Device::open(&data).unwrap();
    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let id = device.manifests().unwrap().remove(0).id;
    let before = device.manifest(id).unwrap();
    let card_number = before.number.to_string();
    let (delivered, failed) = (&before.items[0], &before.items[1]);
    let recorded = device
        .record_attempt(AttemptInput {
            item_id: delivered.id,
            outcome: Outcome::DeliveredToFamily {
                recipient: Text::parse("Sulastri Wardani").unwrap(),
                relationship: Relationship::Spouse,
            },
            photo: Some(support::photo_fixture()),
            fix: None,
            note: None,
        })
        .unwrap();
    let photo = data.join(format!("photos/{}.jpg", recorded.photo.unwrap().sha256));
    device
        .record_attempt(AttemptInput {
            item_id: failed.id,
            outcome: Outcome::Failed {
                reason: FailureReason::NotAtHome,
            },
            photo: None,
            fix: None,
            note: None,
        })
        .unwrap();
    assert_eq!(device.sync().unwrap().events_rejected, 0);
    assert!(file_holds(&data, &delivered.owner_name));
    // The send screen's receipts name the owner and the document, newest first.
    let lines = device.receipt_lines(20).unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1].about,
        RecordAbout::Document {
            ba_number: card_number.clone(),
            line: delivered.line,
            document: Some(delivered.document_type),
            owner: Some(delivered.owner_name.clone()),
        }
    );

    let now = Utc::now();
    assert_eq!(
        device
            .forget_delivered_as_of_for_tests(now + Duration::days(29))
            .unwrap(),
        0,
        "not a day before"
    );
    assert_eq!(
        device
            .forget_delivered_as_of_for_tests(now + Duration::days(31))
            .unwrap(),
        1
    );
    let after = device.manifest(id).unwrap();
    let kept = &after.items[0];
    assert_eq!(
        (kept.line, kept.state.code()),
        (delivered.line, "delivered")
    );
    assert!(kept.owner_name.is_empty() && kept.address.alamat.is_empty());
    assert_eq!(kept.address.desa, delivered.address.desa, "the desa stays");
    assert_eq!(
        after.items[1].owner_name, failed.owner_name,
        "not delivered: kept"
    );
    assert!(!photo.exists(), "the proof photo left the phone");
    // (A street address like "DUSUN I" is shared by other documents: checked above.)
    for gone in [delivered.owner_name.as_str(), "Sulastri Wardani"] {
        assert!(!file_holds(&data, gone), "{gone:?} is still in the file");
    }
    assert!(file_holds(&data, &failed.owner_name));

    device.pull().unwrap();
    assert!(
        device.manifest(id).unwrap().items[0].owner_name.is_empty(),
        "a download does not bring it back"
    );
    assert_eq!(device.receipts().unwrap().len(), 2, "the receipts stay");
    assert_eq!(
        device.receipt_lines(1).unwrap()[0].about,
        RecordAbout::Document {
            ba_number: card_number,
            line: failed.line,
            document: Some(failed.document_type),
            owner: Some(failed.owner_name.clone()),
        },
        "the latest only"
    );
    assert!(
        matches!(&device.receipt_lines(20).unwrap()[1].about, RecordAbout::Document { owner: None, line, .. } if *line == delivered.line),
        "a forgotten owner is not named"
    );
}
