//! End to end, a recording team's day (issue 15): the office plans a visit for 10 December
//! 2026 and imports the sample target list; the team's phone downloads it; the office goes
//! away; the team checks in with a photo and records one outcome for each of the 140 people
//! and five walk-ins, some through the `antar-device` binary, one of whose runs is SIGKILLed,
//! and hands the visit's six printed cards to the aparat pekon in three collective handovers;
//! the office comes back and the phone syncs. The office's results and monthly report show
//! exactly what was recorded; a second sync sends nothing and a replay creates nothing.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use antar_device::{
    CollectiveHandoverInput, Device, VisitCheckinInput, VisitOutcomeInput, VisitPersonInput,
};
use antar_domain::attempt::Text;
use antar_domain::attempt::{FixProvider, GpsFix};
use antar_domain::ids::TargetId;
use antar_domain::region::RegionCode;
use antar_domain::visit::{IkdOutcome, RecordingOutcome, TargetCategory, VisitKind};
use antar_domain::wire::{BatchResponse, BatchResult};
use antar_office::VisitPlan;
use chrono::NaiveDate;
use support::office::Fixture;
use support::staff_web::{StaffWeb, row_after};

use crate::support;

const KARANG_SARI: &str = "18.06.26.2003";

/// What the team records for the n-th person on the list.
fn outcome_for(n: usize) -> (RecordingOutcome, Option<IkdOutcome>) {
    match n % 7 {
        0..=2 => (RecordingOutcome::Recorded, None),
        3 => (RecordingOutcome::Recorded, Some(IkdOutcome::Activated)),
        4 => (RecordingOutcome::Absent, None),
        5 => (
            RecordingOutcome::AlreadyRecorded,
            Some(IkdOutcome::NoSmartphone),
        ),
        _ => (RecordingOutcome::SpecialProcedure, None),
    }
}

fn outcome_input(
    visit: antar_domain::ids::VisitId,
    person: VisitPersonInput,
    (outcome, ikd): (RecordingOutcome, Option<IkdOutcome>),
) -> VisitOutcomeInput {
    VisitOutcomeInput {
        visit_id: visit,
        person,
        outcome,
        ikd,
        note: None,
    }
}

/// One outcome through the binary, as a second process on the phone would record it.
fn record_with_binary(data: &Path, visit: &str, target: TargetId, code: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_antar-device"));
    command
        .arg("--data")
        .arg(data)
        .args(["visit-outcome", visit, "--target", &target.to_string()])
        .args(["--outcome", code])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

#[test]
fn a_recording_teams_offline_day_reaches_the_office_exactly_once() {
    let mut fixture = Fixture::start();
    let phone_dir = tempfile::tempdir().unwrap();
    let data = phone_dir.path().join("tim");
    let mut device = Device::open(&data).unwrap();
    let enrolled = device
        .enroll(&fixture.url, &fixture.code, "HP tim")
        .unwrap();

    let office = fixture.office();
    let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let visit = office
        .plan_visit(
            VisitPlan {
                day,
                kind: VisitKind::Pekon,
                venue: "Balai Pekon Penanggungan".to_owned(),
                // Karang Sari: its printed cards are in no BA yet (the fixture's BA is Kota
                // Agung's), so the visit hands them over.
                desa: RegionCode::parse(KARANG_SARI).unwrap(),
                team: vec![enrolled.courier.id],
                note: None,
            },
            "Kasi Pelayanan",
        )
        .unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/samples/keliling_targets_sample.csv");
    let imported = office.import_visit_targets(visit.id, &sample).unwrap();
    assert_eq!(
        (
            imported.imported,
            imported.rejected.len(),
            imported.duplicates.len()
        ),
        (140, 7, 1)
    );
    let categories: BTreeMap<TargetId, TargetCategory> = office
        .visit_targets(visit.id)
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.category))
        .collect();

    let visit_number = visit.number.clone();
    let ba = office
        .attach_visit_documents(
            visit.id,
            "Kasi Pelayanan",
            &antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            day,
        )
        .unwrap();
    assert_eq!(ba.items.len(), 6);
    let pulled = device.pull().unwrap();
    assert_eq!((pulled.visits_new, pulled.visit_targets), (1, 140));
    assert_eq!(pulled.manifests_new, 2, "the courier's BA and the visit's");
    let (lat, lon) = antar_domain::region::Registry::tanggamus()
        .get(&RegionCode::parse(KARANG_SARI).unwrap())
        .and_then(|r| r.centroid)
        .unwrap();
    let people = device.visit_targets(visit.id, "", false).unwrap();
    assert_eq!(people.len(), 140);

    // The office goes away for the whole visit.
    let mut expected: HashMap<TargetCategory, (u32, u32, u32)> = HashMap::new();
    let mut walk_in_niks = Vec::new();
    let mut recorded_people = Vec::new();
    fixture.restart(|_| {
        let camera = tempfile::tempdir().unwrap();
        let fix = GpsFix::new(lat, lon, 9.0, chrono::Utc::now(), FixProvider::Gps).unwrap();
        device
            .record_visit_checkin(VisitCheckinInput {
                visit_id: visit.id,
                fix: Some(fix),
                photos: vec![support::unique_camera_photo(camera.path(), 1)],
                note: None,
            })
            .unwrap();

        // The first ten through the binary; the fourth run is killed at once, and whatever
        // it did or did not record, the person is recorded again afterwards.
        for (n, person) in people.iter().enumerate().take(10) {
            let id = person.id.unwrap();
            let code = outcome_for(n).0.code();
            let mut command = record_with_binary(&data, &visit_number, id, code);
            if n == 3 {
                let mut child = command.spawn().unwrap();
                std::thread::sleep(Duration::from_millis(3));
                child.kill().unwrap(); // SIGKILL on Unix
                child.wait().unwrap();
            }
            let out = command.output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let printed = String::from_utf8_lossy(&out.stdout);
            assert!(printed.starts_with("tercatat "), "{printed}");
            // The binary records no IKD; the library records the rest with it.
            if let (_, Some(_)) = outcome_for(n) {
                device
                    .record_visit_outcome(outcome_input(
                        visit.id,
                        VisitPersonInput::Target(id),
                        outcome_for(n),
                    ))
                    .unwrap();
            }
        }
        for (n, person) in people.iter().enumerate().skip(10) {
            device
                .record_visit_outcome(outcome_input(
                    visit.id,
                    VisitPersonInput::Target(person.id.unwrap()),
                    outcome_for(n),
                ))
                .unwrap();
        }
        for (n, person) in people.iter().enumerate() {
            let (outcome, ikd) = outcome_for(n);
            let line = expected.entry(categories[&person.id.unwrap()]).or_default();
            line.0 += u32::from(outcome.met());
            line.1 += u32::from(outcome.is_recorded());
            line.2 += u32::from(ikd == Some(IkdOutcome::Activated));
            if outcome.is_recorded() {
                recorded_people.push(person.id);
            }
        }
        // Five walk-ins: sample NIKs with serials no one on the list has.
        let listed: std::collections::HashSet<&str> =
            people.iter().map(|p| p.nik.as_str()).collect();
        for k in 0..5 {
            let base = &people[k * 20].nik.as_str()[..12];
            let nik = (1..9999)
                .map(|serial| format!("{base}{serial:04}"))
                .find(|nik| !listed.contains(nik.as_str()) && !walk_in_niks.contains(nik))
                .unwrap();
            walk_in_niks.push(nik.clone());
            let ikd = (k % 2 == 0).then_some(IkdOutcome::Activated);
            device
                .record_visit_outcome(outcome_input(
                    visit.id,
                    VisitPersonInput::WalkIn {
                        nik,
                        name: Some(antar_domain::attempt::Text::parse("Warga datang").unwrap()),
                    },
                    (RecordingOutcome::Recorded, ikd),
                ))
                .unwrap();
        }
        // Three collective handovers of the visit's six cards, to three officials.
        for (n, lines) in [[1, 2], [3, 4], [5, 6]].into_iter().enumerate() {
            let items = lines
                .iter()
                .map(|line| device.item_at_line(ba.id, *line).unwrap())
                .collect();
            device
                .record_collective_handover(CollectiveHandoverInput {
                    visit_id: visit.id,
                    manifest_id: ba.id,
                    items,
                    official_name: Text::parse(["Suparman", "Wati", "Rusdi"][n]).unwrap(),
                    official_position: Text::parse("Aparat Pekon").unwrap(),
                    fix: Some(fix),
                    photo: Some(support::unique_camera_photo(camera.path(), 10 + n)),
                    note: None,
                })
                .unwrap();
        }
        let card = device.visits().unwrap().remove(0);
        assert_eq!(card.counts.walk_ins, 5);
        assert_eq!(card.counts.not_met, 20, "the absent ones");
        assert!(
            device.sync().is_err(),
            "the office is down: nothing is lost, it waits in the outbox"
        );
    });

    let office = fixture.office();
    let report = device.sync().unwrap();
    assert_eq!(report.events_rejected, 0);
    assert_eq!(
        report.photos_sent,
        1 + 3,
        "the check-in's and the handovers'"
    );
    assert!(report.events_sent >= 1 + 140 + 5);

    let results = office.visit_results(visit.id).unwrap().unwrap();
    assert_eq!(results.checkins.len(), 1);
    assert_eq!(results.checkins[0].photos.len(), 1);
    let counts = results.counts();
    for category in TargetCategory::ALL {
        let (met, recorded, ikd) = expected.get(category).copied().unwrap_or_default();
        let line = counts.category(*category);
        assert_eq!(
            (line.met, line.recorded, line.ikd_activated, line.conflicts),
            (met, recorded, ikd, 0),
            "{category:?}"
        );
    }
    assert_eq!(
        (counts.walk_ins.recorded, counts.walk_ins.ikd_activated),
        (5, 3)
    );
    let total = counts.total();
    assert_eq!(total.planned, 140);
    assert_eq!(total.recorded as usize, recorded_people.len() + 5);
    walk_in_niks.sort_unstable();
    assert_eq!(results.not_met().count(), 20);
    let mut walked_in: Vec<&str> = results.walk_ins.iter().map(|w| w.nik.as_str()).collect();
    walked_in.sort_unstable();
    assert_eq!(
        walked_in,
        walk_in_niks.iter().map(String::as_str).collect::<Vec<_>>()
    );

    let month = office.visit_report(2026, 12).unwrap();
    assert_eq!(month.len(), 1);
    assert_eq!((month[0].visits_held, month[0].visits_planned), (1, 0));
    assert_eq!(month[0].total().recorded, total.recorded);
    assert_eq!(month[0].total().ikd_activated, total.ikd_activated);
    assert_eq!((month[0].cards_to_owner, month[0].cards_collective), (0, 6));
    assert_eq!(results.handovers.len(), 3);
    assert!(
        results
            .handovers
            .iter()
            .all(|h| h.cards == 2 && h.photo.is_some())
    );
    assert_eq!(results.cards.collective, 6);

    // The clerk reads the same numbers on the visit's page and in the month's report.
    let sum = |pick: fn(&(u32, u32, u32)) -> u32| expected.values().map(pick).sum::<u32>();
    let (met, recorded, ikd) = (sum(|e| e.0) + 5, sum(|e| e.1) + 5, sum(|e| e.2) + 3);
    let web = StaffWeb::sign_in(office, &fixture.url);
    let page = web.page(&format!("/kunjungan/{}", visit.id));
    let counts_table = &page[page.find("visit-counts").unwrap()..];
    assert_eq!(
        row_after(counts_table, "<tfoot>"),
        [
            "Jumlah",
            "140",
            &met.to_string(),
            &recorded.to_string(),
            &ikd.to_string(),
            "0"
        ]
    );
    for shown in [
        "Belum ditemui (untuk kunjungan berikutnya) (20)",
        "Datang langsung (tidak ada di daftar) (5)",
        "Suparman",
        "Wati",
        "Rusdi",
    ] {
        assert!(page.contains(shown), "{shown}");
    }
    let report = web.page("/kunjungan/laporan?bulan=2026-12");
    let total_row = row_after(&report, "<tr class=\"total\">");
    let tail = &total_row[total_row.len() - 5..];
    assert_eq!(
        tail,
        [
            "5",
            &ikd.to_string(),
            &format!("{recorded} dari 140"),
            "0",
            "6"
        ]
    );
    assert_eq!(total_row[2..4], ["1", "0"], "held, not yet held");

    // A second sync sends nothing; the same events sent again create nothing.
    let events_before = office.event_count().unwrap();
    let again = device.sync().unwrap();
    assert_eq!((again.events_sent, again.photos_sent), (0, 0));
    let sent: Vec<_> = device
        .acknowledged_events()
        .unwrap()
        .into_iter()
        .map(|(event, _)| event)
        .collect();
    let token = device.token_for_tests().unwrap();
    let response: BatchResponse = ureq::post(format!("{}/api/v1/events/batch", fixture.url))
        .header("authorization", format!("Bearer {token}"))
        .header(antar_domain::wire::PROTOCOL_HEADER, "1")
        .send_json(serde_json::json!({ "events": &sent[..sent.len().min(500)] }))
        .unwrap()
        .body_mut()
        .read_json()
        .unwrap();
    assert!(
        response
            .results
            .iter()
            .all(|r| matches!(r, BatchResult::Receipt(_)))
    );
    assert_eq!(office.event_count().unwrap(), events_before);
    assert_eq!(
        office.visit_results(visit.id).unwrap().unwrap().counts(),
        counts
    );
}
