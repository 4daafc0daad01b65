//! Lean bytes (issue 17) against a real office: a day's 150 attempts in one sync cost at most
//! 400 bytes each on the wire, headers included; a BA downloads gzipped; a phone that does not
//! gzip (as one from before) still syncs and pulls, plain.

use antar_device::{AttemptInput, Device, SyncOptions};
use antar_domain::attempt::{FixProvider, GpsFix, Outcome};
use antar_domain::manifest::ManifestItem;
use support::office::Fixture;

use crate::support;

/// About 260 documents: the sample's seven largest kecamatan but one.
const KECAMATAN: [&str; 7] = [
    "18.06.03", "18.06.12", "18.06.11", "18.06.01", "18.06.21", "18.06.09", "18.06.26",
];

fn delivered(item: &ManifestItem) -> AttemptInput {
    AttemptInput {
        item_id: item.id,
        outcome: Outcome::DeliveredToOwner,
        photo: None,
        fix: Some(
            GpsFix::new(-5.4931, 104.6192, 9.0, chrono::Utc::now(), FixProvider::Gps).unwrap(),
        ),
        note: None,
    }
}

fn enrolled(
    fixture: &Fixture,
    code: &str,
    gzip: bool,
) -> (tempfile::TempDir, Device, antar_domain::ids::CourierId) {
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    device.set_sync_options(SyncOptions {
        gzip,
        ..SyncOptions::default()
    });
    let courier = device.enroll(&fixture.url, code, "uji").unwrap().courier.id;
    (dir, device, courier)
}

#[test]
fn a_day_of_attempts_costs_under_400_bytes_each_and_the_ba_comes_gzipped() {
    let fixture = Fixture::start_with(tempfile::tempdir().unwrap(), &KECAMATAN);
    let (_dir, mut phone, courier) = enrolled(&fixture, &fixture.code, true);
    let pulled = phone.pull().unwrap();
    let card = phone.manifests().unwrap().remove(0);
    let items = phone.manifest(card.id).unwrap().items;
    assert!(items.len() >= 250, "{} documents", items.len());

    // The same BA to a phone that does not gzip, as phones from before.
    let code = fixture.office().new_enrollment_code(courier).unwrap();
    let (_plain_dir, mut plain, _) = enrolled(&fixture, &code.to_string(), false);
    let pulled_plain = plain.pull().unwrap();
    let card_plain = plain.manifests().unwrap().remove(0);
    assert_eq!(
        plain.manifest(card_plain.id).unwrap().items.len(),
        items.len()
    );
    println!(
        "pull of a {}-document BA: {} bytes received gzipped, {} plain",
        items.len(),
        pulled.bytes_received,
        pulled_plain.bytes_received
    );
    assert!(
        pulled.bytes_received * 3 < pulled_plain.bytes_received,
        "{} gzipped, {} plain",
        pulled.bytes_received,
        pulled_plain.bytes_received
    );

    // One attempt alone, then a day's 150 in one sync.
    phone.record_attempt(delivered(&items[0])).unwrap();
    let one = phone.sync().unwrap();
    assert_eq!(one.receipts_stored, 1);
    for item in &items[1..151] {
        phone.record_attempt(delivered(item)).unwrap();
    }
    let day = phone.sync().unwrap();
    assert_eq!((day.events_sent, day.receipts_stored), (150, 150));
    assert!(phone.outbox().unwrap().is_empty());
    let per_attempt = (day.bytes_sent + day.bytes_received) / 150;
    println!(
        "one attempt alone: {} bytes sent + {} received; 150 in one sync: {} + {} bytes, \
         {per_attempt} per attempt",
        one.bytes_sent, one.bytes_received, day.bytes_sent, day.bytes_received
    );
    assert!(per_attempt <= 400, "{per_attempt} bytes per attempt");

    // The phone that does not gzip syncs as before, plain, and pays more for it.
    for item in &items[151..161] {
        plain.record_attempt(delivered(item)).unwrap();
    }
    let plain_day = plain.sync().unwrap();
    assert_eq!(plain_day.receipts_stored, 10);
    let plain_per_attempt = (plain_day.bytes_sent + plain_day.bytes_received) / 10;
    println!("plain: {plain_per_attempt} bytes per attempt in a sync of 10");
    assert!(plain_per_attempt > 2 * per_attempt, "{plain_per_attempt}");
}
