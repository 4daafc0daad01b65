//! Documents handed back at the end of a round against a real office (issue 16, part 2):
//! `antar-device return` records them offline, each with a reason (the last failed attempt's
//! when none is given); they leave the courier's list and stay off it through a download
//! before the receipt; the office receives a BA Pengembalian with the courier's count.

use std::process::Output;

use antar_device::{AttemptInput, Device, HandoverCountInput, ReturnInput};
use antar_domain::attempt::{FailureReason, Outcome};
use support::office::Fixture;

use crate::support;

use crate::device_cli as run;

#[test]
fn a_return_is_recorded_offline_kept_through_a_download_and_reaches_the_office() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kurir");
    let (ba, manifest_id) = {
        let mut device = Device::open(&data).unwrap();
        device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
        device.pull().unwrap();
        let card = device.manifests().unwrap().remove(0);
        device
            .record_handover_count(HandoverCountInput {
                manifest_id: card.id,
                missing_lines: Vec::new(),
                fix: None,
                note: None,
            })
            .unwrap();
        let moved = device.item_at_line(card.id, 3).unwrap();
        device
            .record_attempt(AttemptInput {
                item_id: moved,
                outcome: Outcome::Failed {
                    reason: FailureReason::Moved,
                },
                photo: None,
                fix: None,
                note: None,
            })
            .unwrap();
        let delivered = device.item_at_line(card.id, 4).unwrap();
        device
            .record_attempt(AttemptInput {
                item_id: delivered,
                outcome: Outcome::DeliveredToOwner,
                photo: None,
                fix: None,
                note: None,
            })
            .unwrap();
        (card.number.to_string(), card.id)
    };

    let said = |out: &Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let no_reason = run(&data, &["return", &ba, "--doc", "2"]);
    assert!(!no_reason.status.success());
    assert!(
        said(&no_reason).contains("sebutkan alasannya"),
        "{}",
        said(&no_reason)
    );
    let delivered = run(&data, &["return", &ba, "--doc", "4=refused"]);
    assert!(!delivered.status.success());
    assert!(
        said(&delivered).contains("baris 4 sudah berstatus diserahkan"),
        "{}",
        said(&delivered)
    );
    let too_many = run(
        &data,
        &["return", &ba, "--doc", "2=refused", "--counted", "2"],
    );
    assert!(
        said(&too_many).contains("jumlah tidak cocok"),
        "{}",
        said(&too_many)
    );

    // Line 3 takes its last attempt's reason; the bundle holds one document of the two.
    let out = run(
        &data,
        &[
            "return",
            &ba,
            "--doc",
            "2=not_at_home",
            "--doc",
            "3",
            "--counted",
            "1",
        ],
    );
    assert!(out.status.success(), "{}", said(&out));
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.lines().next().unwrap().starts_with("tercatat "),
        "{out}"
    );
    assert!(out.contains("Dikembalikan 2 dokumen, 1 di bundel"), "{out}");
    assert!(out.contains("kantor akan menandai selisihnya"), "{out}");

    let mut device = Device::open(&data).unwrap();
    assert_eq!(device.manifests().unwrap()[0].returned, 2);
    let lines: Vec<u32> = device
        .return_candidates(manifest_id)
        .unwrap()
        .iter()
        .map(|c| c.line)
        .collect();
    assert!(!lines.contains(&2) && !lines.contains(&3) && !lines.contains(&4));
    let again = device.record_return(ReturnInput {
        manifest_id,
        documents: vec![(2, FailureReason::Refused)],
        counted: 1,
        fix: None,
        note: None,
    });
    assert!(
        again
            .unwrap_err()
            .to_string()
            .contains("sudah berstatus dikembalikan"),
        "returned once only"
    );
    let pulled = device.pull().unwrap();
    assert_eq!(
        pulled.items_kept_local, 3,
        "the two returned and the delivery, kept until their receipts"
    );
    assert_eq!(device.manifests().unwrap()[0].returned, 2);

    let synced = device.sync().unwrap();
    assert_eq!(synced.events_rejected, 0);
    let returns = fixture.office().returns(Some(manifest_id)).unwrap();
    assert_eq!(returns.len(), 1);
    let report = &returns[0];
    assert_eq!(
        (
            report.item_count,
            report.courier_counted,
            report.office_counted
        ),
        (2, Some(1), None)
    );
    assert!(report.from_courier);
    device.pull().unwrap();
    assert_eq!(
        device.manifests().unwrap()[0].returned,
        2,
        "the office says so too"
    );
}
