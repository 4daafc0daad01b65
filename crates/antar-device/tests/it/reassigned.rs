//! A phone handed to another courier (issue 16, part 3), against a real office: enrolled again
//! with the second courier's code, it names its old token, so the first courier's unsent
//! attempts (and their photo) still reach the office with the new token, each as the first
//! courier's work; the chain links across the two enrollments; the second courier sees only
//! their own BAs.

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FailureReason, Outcome};
use antar_domain::custody::ChainVerdict;
use antar_domain::field_role::FieldRole;
use antar_domain::region::RegionCode;
use antar_office::ManifestRequest;
use chrono::NaiveDate;
use support::office::Fixture;

use crate::support;

fn not_at_home() -> Outcome {
    Outcome::Failed {
        reason: FailureReason::NotAtHome,
    }
}

#[test]
fn a_reassigned_phone_sends_the_first_couriers_unsent_work_and_shows_only_the_seconds() {
    let fixture = Fixture::start();
    let (sari, sari_code) = fixture
        .office()
        .add_courier("Sari Wulandari", None, FieldRole::Courier)
        .unwrap();
    let sari_ba = fixture
        .office()
        .issue_manifest(ManifestRequest {
            courier: sari,
            officer: "Petugas Uji".to_owned(),
            officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            kecamatan: vec![RegionCode::parse("18.06.02").unwrap()],
            desa: vec![],
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        })
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let first = device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let budi_ba = device.manifests().unwrap().remove(0).id;
    let budi_items = device.manifest(budi_ba).unwrap().items;
    let photo = support::photo_fixture();
    for (n, item) in budi_items.iter().take(3).enumerate() {
        device
            .record_attempt(AttemptInput {
                item_id: item.id,
                outcome: not_at_home(),
                photo: (n == 2).then(|| photo.clone()),
                fix: None,
                note: None,
            })
            .unwrap();
    }

    // Handed to Sari before it had signal: enrolled again with her code.
    let second = device
        .enroll(&fixture.url, &sari_code.to_string(), "uji")
        .unwrap();
    assert_ne!(first.device_id, second.device_id);
    assert_eq!(second.courier.id, sari);
    assert!(
        device.manifests().unwrap().is_empty(),
        "Budi's BA is not Sari's to see"
    );
    assert!(device.find_items("").unwrap().is_empty());
    device.pull().unwrap();
    let cards = device.manifests().unwrap();
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].id, sari_ba.id, "only her own BA");
    let hers = device.manifest(sari_ba.id).unwrap().items[0].id;
    device
        .record_attempt(AttemptInput {
            item_id: hers,
            outcome: not_at_home(),
            photo: None,
            fix: None,
            note: None,
        })
        .unwrap();
    assert_eq!(device.outbox().unwrap().events, 4);

    let report = device.sync().unwrap();
    assert_eq!(
        (
            report.events_sent,
            report.events_rejected,
            report.photos_sent
        ),
        (4, 0, 1),
        "{report:?}"
    );
    assert!(device.outbox().unwrap().is_empty());
    let attempts = fixture.office().attempts().unwrap();
    assert_eq!(attempts.len(), 4);
    let chain: Vec<ChainVerdict> = attempts.iter().map(|a| a.chain).collect();
    assert_eq!(
        chain,
        [
            ChainVerdict::Genesis,
            ChainVerdict::Linked,
            ChainVerdict::Linked,
            ChainVerdict::Linked
        ],
        "the chain links across the two enrollments"
    );
    let on_budis: Vec<bool> = attempts
        .iter()
        .map(|a| budi_items.iter().any(|i| i.id == a.item_id))
        .collect();
    assert_eq!(
        on_budis,
        [true, true, true, false],
        "each on its own courier's BA"
    );
}
