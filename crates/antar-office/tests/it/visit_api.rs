//! A recording team's phone and the office over HTTP: downloading only its own visits with
//! their lists (no health categories or health notes), check-ins and outcomes stored once on
//! the device's chain, and every refusal naming what was wrong.

use antar_domain::attempt::{PhotoRef, Text};
use antar_domain::ids::{DeviceId, Sha256Hash, TargetId};
use antar_domain::nik::Nik;
use antar_domain::region::RegionCode;
use antar_domain::sop;
use antar_domain::visit::{
    CollectiveHandover, IkdOutcome, PhoneCategory, RecordingOutcome, VisitCheckin, VisitKind,
    VisitOutcome, VisitPerson, VisitState,
};
use antar_domain::wire::{BatchResult, EventBody, VisitList, VisitSheet};
use antar_office::VisitPlan;
use chrono::Utc;

use crate::common::team::{Chain, member, outcome, refusal, send, target};
use crate::common::{SAMPLE_TARGETS, TestServer, office_cli};

crate::on_both_engines! {
fn a_team_phone_gets_its_visit_and_its_outcomes_are_stored_once() {
    let server = TestServer::start();
    let (rina_id, rina) = member(&server, "Rina");
    let (_, budi) = member(&server, "Budi");
    let (joko_id, joko) = member(&server, "Joko");
    let office = server.office();
    let visit = office
        .plan_visit(
            VisitPlan {
                day: sop::local_day(Utc::now()),
                kind: VisitKind::Pekon,
                venue: "Balai Pekon Penanggungan".to_owned(),
                desa: RegionCode::parse("18.06.01.2019").unwrap(),
                team: vec![rina_id, joko_id],
                note: None,
            },
            "Kasi Pelayanan",
        )
        .unwrap();
    office
        .import_visit_targets(visit.id, std::path::Path::new(SAMPLE_TARGETS))
        .unwrap();
    let at_office = office.visit_targets(visit.id).unwrap();
    let removed = at_office[1].clone();
    assert!(office.remove_visit_target(visit.id, &removed.nik).unwrap());

    // Only the team's phones see the visit; another's is told it does not exist.
    let list: VisitList = server.get("/api/v1/visits", Some(&rina.token)).json();
    assert_eq!(list.visits.len(), 1);
    assert_eq!(list.visits[0].number, visit.number);
    assert_eq!(list.visits[0].target_count, 139);
    let others: VisitList = server.get("/api/v1/visits", Some(&budi.token)).json();
    assert!(others.visits.is_empty());
    let path = format!("/api/v1/visits/{}", visit.id);
    let refused = server.get(&path, Some(&budi.token)).api_error(404);
    assert_eq!(refused.code, "visit_not_found");
    assert_eq!(
        server
            .get("/api/v1/visits/bukan-id", Some(&rina.token))
            .status,
        400
    );

    // The list as the phone gets it: nothing about health.
    let reply = server.get(&path, Some(&rina.token));
    assert_eq!(reply.status, 200, "{}", reply.text());
    for word in ["odgj", "disabilitas", "sakit", "\"phone\""] {
        assert!(!reply.text().contains(word), "{word} reached the phone");
    }
    let sheet: VisitSheet = reply.json();
    assert_eq!(sheet.team, ["Joko", "Rina"]);
    assert_eq!(sheet.targets.len(), 139);
    let health = at_office
        .iter()
        .filter(|t| t.category.is_health() && t.nik != removed.nik)
        .count();
    let special: Vec<_> = sheet
        .targets
        .iter()
        .filter(|t| t.category == PhoneCategory::ProsedurKhusus)
        .collect();
    assert!(health > 0);
    assert_eq!(special.len(), health);
    assert!(special.iter().all(|t| t.note.is_none()));

    // Check-in, an outcome, a walk-in, and one for the person removed after the download.
    let mut chain = Chain::new(rina.device);
    let photo = PhotoRef {
        sha256: Sha256Hash::of(b"foto kegiatan"),
        bytes: 1234,
    };
    let events = vec![
        chain.next(EventBody::VisitCheckin(VisitCheckin {
            visit_id: visit.id,
            fix: None,
            place: None,
            photos: vec![
                photo,
                PhotoRef {
                    sha256: Sha256Hash::of(b"antrean"),
                    bytes: 99,
                },
            ],
            note: Some(Text::parse("mulai jam 8").unwrap()),
        })),
        chain.next(outcome(
            visit.id,
            target(sheet.targets[0].id),
            RecordingOutcome::Recorded,
        )),
        chain.next(EventBody::VisitOutcome(VisitOutcome {
            visit_id: visit.id,
            person: VisitPerson::WalkIn {
                nik: Nik::parse("1806134107080003").unwrap(),
                name: Some(Text::parse("Sari").unwrap()),
            },
            outcome: RecordingOutcome::Recorded,
            ikd: Some(IkdOutcome::Activated),
            note: None,
        })),
        chain.next(outcome(
            visit.id,
            target(removed.id),
            RecordingOutcome::Absent,
        )),
    ];
    let first_results = send(&server, &rina.token, &events);
    let receipts: Vec<_> = first_results
        .iter()
        .map(|r| match r {
            BatchResult::Receipt(receipt) => receipt.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(
        receipts
            .iter()
            .all(|r| r.item_state.is_none() && r.warning.is_none())
    );
    let text = serde_json::to_string(&receipts[0]).unwrap();
    assert!(!text.contains("item_state"), "{text}");
    assert_eq!(
        office.visit(visit.id).unwrap().unwrap().state,
        VisitState::Started,
        "the check-in starts the visit"
    );
    // Both activity photos may now be uploaded by the team's phone, and only by it.
    for (token, expected) in [(&rina.token, 200), (&budi.token, 404)] {
        for hash in [photo.sha256, Sha256Hash::of(b"antrean")] {
            let status = server
                .get(&format!("/api/v1/photos/{hash}"), Some(token))
                .status;
            assert_eq!(status, expected, "photo {hash}");
        }
    }

    // Joko's phone says the first person was absent: both words are kept, staff settle it.
    let mut joko_chain = Chain::new(joko.device);
    let absent = joko_chain.next(outcome(
        visit.id,
        target(sheet.targets[0].id),
        RecordingOutcome::Absent,
    ));
    assert!(matches!(
        send(&server, &joko.token, &[absent])[0],
        BatchResult::Receipt(_)
    ));
    let results = office.visit_results(visit.id).unwrap().unwrap();
    assert_eq!(results.checkins.len(), 1);
    assert_eq!(results.checkins[0].courier_name, "Rina");
    assert_eq!(
        results.checkins[0].photos,
        [photo.sha256, Sha256Hash::of(b"antrean")]
    );
    assert_eq!(results.checkins[0].note.as_deref(), Some("mulai jam 8"));
    assert_eq!(
        results.people.len(),
        140,
        "the removed person is shown with their outcome"
    );
    let first = results
        .people
        .iter()
        .find(|p| p.target.id == sheet.targets[0].id)
        .unwrap();
    assert!(first.settled.is_conflict());
    assert_eq!(first.records.len(), 2);
    let gone = results
        .people
        .iter()
        .find(|p| p.target.id == removed.id)
        .unwrap();
    assert!(gone.removed);
    assert_eq!(gone.settled.outcome(), Some(RecordingOutcome::Absent));
    assert_eq!(results.walk_ins.len(), 1);
    let counts = results.counts();
    assert_eq!(counts.walk_ins.recorded, 1);
    assert_eq!(counts.walk_ins.ikd_activated, 1);
    let total = counts.total();
    assert_eq!(
        (total.planned, total.recorded, total.conflicts),
        (139, 1, 1)
    );
    assert_eq!(
        results.not_met().count(),
        138,
        "all but the walk-in's list and the conflict"
    );

    let today = sop::local_day(Utc::now());
    let report = office
        .visit_report(
            chrono::Datelike::year(&today),
            chrono::Datelike::month(&today),
        )
        .unwrap();
    assert_eq!(report.len(), 1);
    assert_eq!(report[0].team, "Joko, Rina");
    assert_eq!((report[0].visits_held, report[0].visits_planned), (1, 0));
    assert_eq!(report[0].total().recorded, 1);
    assert_eq!(report[0].walk_ins.ikd_activated, 1);

    // Staff settle the conflict from the command line, by NIK, on Joko's word.
    let nik = office
        .visit_targets(visit.id)
        .unwrap()
        .into_iter()
        .find(|t| t.id == sheet.targets[0].id)
        .unwrap()
        .nik;
    let settle = |outcome: &str| {
        let args = ["visit", "settle", &visit.number, &nik, "--outcome", outcome];
        let args = [&args[..], &["--officer", "Kasi Pelayanan"]].concat();
        let output = office_cli(&server, &args);
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.success(), text)
    };
    let (ok, refused) = settle("moved");
    assert!(
        !ok && refused.contains("bukan catatan salah satu HP"),
        "{refused}"
    );
    let (ok, said) = settle("absent");
    assert!(ok, "{said}");
    assert!(said.contains("Hasil diputuskan"), "{said}");
    let results = office.visit_results(visit.id).unwrap().unwrap();
    let first = results
        .people
        .iter()
        .find(|p| p.target.id == sheet.targets[0].id)
        .unwrap();
    assert_eq!(first.settled.outcome(), Some(RecordingOutcome::Absent));
    assert_eq!(first.decided_by.as_deref(), Some("Kasi Pelayanan"));
    assert_eq!(results.counts().total().conflicts, 0);
    assert_eq!(
        results.not_met().count(),
        139,
        "decided absent: still to meet"
    );

    // A resend is a replay: the same receipts, nothing new.
    let count = office.event_count().unwrap();
    let again = send(&server, &rina.token, &events);
    assert_eq!(again, first_results);
    assert_eq!(office.event_count().unwrap(), count);

    // What is refused says what was wrong.
    let mut budi_chain = Chain::new(budi.device);
    let intruder = budi_chain.next(outcome(
        visit.id,
        target(sheet.targets[2].id),
        RecordingOutcome::Recorded,
    ));
    let (status, code, _) = refusal(&send(&server, &budi.token, &[intruder])[0]);
    assert_eq!((status, code.as_str()), (404, "visit_not_found"));
    let stranger = TargetId::new_v7();
    let unknown = chain.next(outcome(
        visit.id,
        target(stranger),
        RecordingOutcome::Recorded,
    ));
    let (status, code, message) = refusal(&send(&server, &rina.token, &[unknown])[0]);
    assert_eq!((status, code.as_str()), (404, "target_not_found"));
    assert!(message.contains(&stranger.to_string()), "{message}");
    let stored: Text = serde_json::from_str("\"catatan\\u001b[31m\"").unwrap();
    let mut escape = outcome(
        visit.id,
        target(sheet.targets[3].id),
        RecordingOutcome::Absent,
    );
    if let EventBody::VisitOutcome(outcome) = &mut escape {
        outcome.note = Some(stored);
    }
    let (status, code, message) = refusal(&send(&server, &rina.token, &[chain.next(escape)])[0]);
    assert_eq!((status, code.as_str()), (400, "bad_text"));
    assert!(message.contains("U+001B"), "{message}");
    assert_eq!(office.event_count().unwrap(), count);
    server.stop();
}
}

crate::on_both_engines! {
/// A visit's BA: the printed documents of its desa on a BA of the visit's kind, which every
/// team member's phone reads and records, and no one else's.
fn a_visits_ba_is_the_whole_teams_and_no_one_elses() {
    let server = TestServer::start();
    let (rina_id, rina) = member(&server, "Rina");
    let (joko_id, joko) = member(&server, "Joko");
    let (_, budi) = member(&server, "Budi");
    let office = server.office();
    let visit = office
        .plan_visit(
            VisitPlan {
                day: sop::local_day(Utc::now()),
                kind: VisitKind::Pekon,
                venue: "Balai Pekon Penanggungan".to_owned(),
                desa: RegionCode::parse("18.06.01.2019").unwrap(),
                team: vec![rina_id, joko_id],
                note: None,
            },
            "Kasi Pelayanan",
        )
        .unwrap();
    let day = sop::local_day(Utc::now());
    let ba = office
        .attach_visit_documents(
            visit.id,
            "Kasi Pelayanan",
            &antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            day,
        )
        .unwrap();
    assert!(ba.number.is_visit(), "{}", ba.number);
    assert!(ba.number.as_str().contains("/BA-KELILING/DUKCAPIL/"));
    assert_eq!(
        ba.items.len(),
        5,
        "the sample's printed documents of Penanggungan"
    );
    assert!(
        ba.items
            .iter()
            .all(|i| i.address.desa_name == "Penanggungan")
    );
    assert_eq!(
        ba.courier.name, "Joko",
        "held by the member whose name sorts first"
    );
    let again = office
        .attach_visit_documents(
            visit.id,
            "Kasi Pelayanan",
            &antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            day,
        )
        .unwrap_err();
    assert!(
        again.to_string().contains("tidak ada dokumen tercetak"),
        "{again}"
    );
    assert_eq!(office.visit_manifests(visit.id).unwrap(), [ba.id]);

    // Both team phones list it and find it on the visit's sheet; another courier's does not.
    for token in [&rina.token, &joko.token] {
        let list: antar_domain::wire::ManifestList =
            server.get("/api/v1/manifests", Some(token)).json();
        assert!(list.manifests.iter().any(|m| m.id == ba.id));
        let sheet: VisitSheet = server
            .get(&format!("/api/v1/visits/{}", visit.id), Some(token))
            .json();
        assert_eq!(sheet.manifests, [ba.id]);
    }
    let path = format!("/api/v1/manifests/{}", ba.id);
    assert_eq!(server.get(&path, Some(&rina.token)).status, 200);
    assert_eq!(
        server.get(&path, Some(&budi.token)).api_error(404).code,
        "manifest_not_found"
    );

    // Rina, who does not hold it, delivers a card of it; Budi may not.
    let deliver = |device: DeviceId, line: usize| {
        crate::common::attempt_event(
            device,
            1,
            ba.id,
            ba.items[line].id,
            antar_domain::attempt::Outcome::DeliveredToOwner,
        )
    };
    let results = send(&server, &rina.token, &[deliver(rina.device, 0)]);
    let BatchResult::Receipt(receipt) = &results[0] else {
        panic!("{results:?}")
    };
    assert_eq!(
        receipt.item_state,
        Some(antar_domain::state::ItemState::Delivered)
    );
    let (status, code, _) = refusal(&send(&server, &budi.token, &[deliver(budi.device, 1)])[0]);
    assert_eq!((status, code.as_str()), (404, "item_not_found"));

    // Joko hands every card to the Sekretaris Pekon; the one Rina delivered stays as it was.
    let handover = |items: Vec<antar_domain::ids::ItemId>| {
        EventBody::CollectiveHandover(CollectiveHandover {
            visit_id: visit.id,
            manifest_id: ba.id,
            manifest_sha256: ba.content_hash(),
            items,
            official_name: Text::parse("Suparman").unwrap(),
            official_position: Text::parse("Sekretaris Pekon").unwrap(),
            fix: None,
            place: None,
            photo: Some(PhotoRef {
                sha256: Sha256Hash::of(b"serah terima"),
                bytes: 10,
            }),
            note: None,
        })
    };
    let mut joko_chain = Chain::new(joko.device);
    let all: Vec<_> = ba.items.iter().map(|i| i.id).collect();
    let stranger = joko_chain.next(handover(vec![all[1], antar_domain::ids::ItemId::new_v7()]));
    let (status, code, message) = refusal(&send(&server, &joko.token, &[stranger])[0]);
    assert_eq!((status, code.as_str()), (404, "item_not_found"));
    assert!(message.contains(&ba.id.to_string()), "{message}");
    let mut budi_chain = Chain::new(budi.device);
    let intruder = budi_chain.next(handover(all.clone()));
    let (status, code, _) = refusal(&send(&server, &budi.token, &[intruder])[0]);
    assert_eq!((status, code.as_str()), (404, "visit_not_found"));
    let handed = joko_chain.next(handover(all.clone()));
    let BatchResult::Receipt(receipt) = &send(&server, &joko.token, &[handed])[0] else {
        panic!("refused")
    };
    assert_eq!(receipt.item_state, None);
    assert!(
        receipt
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("1 dokumen")),
        "{receipt:?}"
    );
    let at_office = office.manifest(ba.id).unwrap().unwrap();
    assert!(
        at_office
            .items
            .iter()
            .all(|i| i.state == antar_domain::state::ItemState::Delivered)
    );
    let results = office.visit_results(visit.id).unwrap().unwrap();
    assert_eq!(results.handovers.len(), 1);
    let row = &results.handovers[0];
    assert_eq!((row.cards, row.delivered), (5, 4));
    assert_eq!(row.official_position, "Sekretaris Pekon");
    assert_eq!(
        (
            results.cards.on_ba,
            results.cards.to_owner(),
            results.cards.collective
        ),
        (5, 1, 4)
    );
    // The 14-day follow-up now runs for the four cards waiting at the pekon.
    let staff = crate::common::web::Browser::signed_in(&server, antar_office::Role::Operator);
    let followup = staff.get("/tindak-lanjut").page(200);
    assert_eq!(
        followup.matches("Diserahkan ke aparat pekon").count(),
        4,
        "{followup}"
    );
    // The phone may upload the handover's photo.
    let photo = format!("/api/v1/photos/{}", Sha256Hash::of(b"serah terima"));
    assert_eq!(server.get(&photo, Some(&joko.token)).status, 200);

    // Once the team has checked in, the plan is frozen: no new BA for it.
    let checkin = joko_chain.next(EventBody::VisitCheckin(VisitCheckin {
        visit_id: visit.id,
        fix: None,
        place: None,
        photos: Vec::new(),
        note: None,
    }));
    assert!(matches!(
        send(&server, &joko.token, &[checkin])[0],
        BatchResult::Receipt(_)
    ));
    let frozen = office
        .attach_visit_documents(
            visit.id,
            "Kasi Pelayanan",
            &antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            day,
        )
        .unwrap_err();
    assert!(frozen.to_string().contains(&visit.number), "{frozen}");
    server.stop();
}
}
