//! The visit commands on a phone with no office in reach: the list, a visit's people, an
//! outcome by target and by walk-in NIK (`tercatat <id>` on a line of its own), a check-in,
//! and unknown codes answered with the valid ones.

use std::process::Output;

use antar_device::Device;
use antar_domain::ids::DeviceId;
use chrono::NaiveDate;

use crate::support;

use crate::device_cli as run;

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn visits_are_listed_and_recorded_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kurir");
    let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let mut sheet = support::visits::sample_visit(4, day, 6);
    let courier = support::courier();
    {
        let mut device = Device::open(&data).unwrap();
        device
            .enroll_offline_for_tests(
                "http://127.0.0.1:9",
                DeviceId::new_v7(),
                courier.clone(),
                "t",
            )
            .unwrap();
        // The visit's BA, another visit's BA and a courier's BA Pengiriman, as downloaded.
        let mut visit_ba = support::sample_manifest(7, 0, 4);
        visit_ba.number = antar_domain::manifest::BaNumber::format_visit(7, day);
        visit_ba.courier = courier.clone();
        device.import_manifest_for_tests(&visit_ba).unwrap();
        let mut other_visits_ba = support::sample_manifest(9, 10, 2);
        other_visits_ba.number = antar_domain::manifest::BaNumber::format_visit(9, day);
        other_visits_ba.courier = courier.clone();
        device.import_manifest_for_tests(&other_visits_ba).unwrap();
        sheet.manifests = vec![visit_ba.id];
        device.import_visit_for_tests(&sheet).unwrap();
        let mut courier_ba = support::sample_manifest(8, 4, 2);
        courier_ba.courier = courier;
        device.import_manifest_for_tests(&courier_ba).unwrap();
    }
    let number = sheet.visit.number.as_str();
    let visit_ba = "470/0007/BA-KELILING/DUKCAPIL/XII/2026";

    let listed = stdout(&run(&data, &["visits"]));
    assert!(listed.starts_with(number), "{listed}");
    assert!(
        listed.contains("10-12-2026") && listed.contains("sasaran: 6"),
        "{listed}"
    );

    let target = sheet.targets[1].id.to_string();
    let out = stdout(&run(
        &data,
        &[
            "visit-outcome",
            number,
            "--target",
            &target,
            "--outcome",
            "recorded",
            "--ikd",
            "activated",
        ],
    ));
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("tercatat ") && first.len() == "tercatat ".len() + 36,
        "{out}"
    );
    let out = stdout(&run(
        &data,
        &[
            "visit-outcome",
            number,
            "--nik",
            "1806012308009999",
            "--nama",
            "Sari",
            "--outcome",
            "refused",
        ],
    ));
    assert!(
        out.lines().next().unwrap().starts_with("tercatat "),
        "{out}"
    );
    let out = stdout(&run(
        &data,
        &[
            "visit-checkin",
            number,
            "--photo",
            support::photo_fixture().to_str().unwrap(),
        ],
    ));
    assert!(
        out.lines().next().unwrap().starts_with("tercatat "),
        "{out}"
    );

    let handover = |ba: &str, lines: &str| {
        run(
            &data,
            &[
                "visit-handover",
                number,
                "--ba",
                ba,
                "--lines",
                lines,
                "--official",
                "Suparman",
                "--position",
                "Sekretaris Pekon",
            ],
        )
    };
    let out = stdout(&handover(visit_ba, "1,3"));
    assert!(
        out.lines().next().unwrap().starts_with("tercatat "),
        "{out}"
    );
    assert!(out.contains("kolektif 2 dokumen"), "{out}");
    let again = handover(visit_ba, "3");
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        !again.status.success() && said.contains("baris 3"),
        "{said}"
    );
    let courier_ba = handover("470/0008/BA-PENG/DUKCAPIL/XI/2026", "1");
    let said = String::from_utf8_lossy(&courier_ba.stderr);
    assert!(said.contains("bukan BA kunjungan"), "{said}");
    let elsewhere = handover("470/0009/BA-KELILING/DUKCAPIL/XII/2026", "1");
    let said = String::from_utf8_lossy(&elsewhere.stderr);
    assert!(
        !elsewhere.status.success() && said.contains(&format!("bukan BA kunjungan {number}")),
        "{said}"
    );

    let people = stdout(&run(&data, &["visit-targets", number, "--belum"]));
    assert_eq!(people.lines().count(), 5, "{people}");
    assert!(!people.contains(&target), "{people}");
    let found = stdout(&run(&data, &["visit-targets", number, "--cari", "SARI"]));
    assert!(
        found.contains("datang sendiri") && found.contains("Menolak"),
        "{found}"
    );
    let card = stdout(&run(&data, &["visits"]));
    assert!(
        card.contains("direkam: 1") && card.contains("datang sendiri: 1"),
        "{card}"
    );
    assert!(card.contains("sudah check-in"), "{card}");

    let unknown = run(
        &data,
        &[
            "visit-outcome",
            number,
            "--target",
            &target,
            "--outcome",
            "hadir",
        ],
    );
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(!unknown.status.success());
    assert!(
        stderr.contains("absent (Tidak hadir)") && stderr.contains("recorded"),
        "{stderr}"
    );
    let young = run(
        &data,
        &[
            "visit-outcome",
            number,
            "--nik",
            "1806010101120001",
            "--outcome",
            "recorded",
        ],
    );
    let stderr = String::from_utf8_lossy(&young.stderr);
    assert!(stderr.contains("mulai umur 16 tahun"), "{stderr}");
}
