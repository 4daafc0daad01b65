//! The courier's count at handover against a real office (issue 16, part 1): a BA issued
//! now asks for it; `antar-device count` records a short count offline; the missing documents
//! leave the courier's list and stay off it when the BA is downloaded again before the
//! receipt; the office receives the count with the missing lines.

use antar_device::{Device, HandoverCountInput};
use support::office::Fixture;

use crate::support;

use crate::device_cli as run;

#[test]
fn a_short_count_is_recorded_offline_kept_through_a_download_and_reaches_the_office() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kurir");
    let (ba, on_ba) = {
        let mut device = Device::open(&data).unwrap();
        device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
        device.pull().unwrap();
        let card = device.manifests().unwrap().remove(0);
        assert!(card.needs_count, "a BA issued now asks for the count");
        let listed = run(&data, &["manifests"]);
        let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
        assert!(listed.contains("belum dihitung"), "{listed}");
        (card.number.to_string(), card.total())
    };

    let unknown = run(&data, &["count", &ba, "--missing", "2,999"]);
    assert!(!unknown.status.success());
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(said.contains("baris 999 tidak ada"), "{said}");

    let out = run(&data, &["count", &ba, "--missing", "2,5"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.lines().next().unwrap().starts_with("tercatat "),
        "{out}"
    );
    let shown = format!("Dihitung {} dari {on_ba} dokumen; 2 tidak ada", on_ba - 2);
    assert!(out.contains(&shown), "{out}");

    let mut device = Device::open(&data).unwrap();
    let card = device.manifests().unwrap().remove(0);
    assert!(!card.needs_count);
    assert_eq!((card.pending, card.returned), (on_ba - 2, 2));
    let manifest_id = card.id;
    let again = device.record_handover_count(HandoverCountInput {
        manifest_id,
        missing_lines: Vec::new(),
        fix: None,
        note: None,
    });
    assert!(again.unwrap_err().to_string().contains("sudah dihitung"));

    // Downloaded again before the count reached the office: the phone keeps its word.
    let pulled = device.pull().unwrap();
    assert_eq!(pulled.items_kept_local, 2);
    assert_eq!(device.manifests().unwrap()[0].returned, 2);

    let synced = device.sync().unwrap();
    assert_eq!((synced.receipts_stored, synced.events_rejected), (1, 0));
    let at_office = fixture
        .office()
        .handover_count(manifest_id)
        .unwrap()
        .unwrap();
    assert_eq!(at_office.missing_lines, [2, 5]);
    assert_eq!(at_office.counted as usize, on_ba - 2);
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    assert_eq!(card.returned, 2, "the office says so too now");
    assert!(!card.needs_count);
}
