//! A recording team's phone against a real office: the visit the courier is on comes down
//! with its list, outcomes, a walk-in and a check-in with a photo are recorded offline and
//! synced beside a delivery attempt, every one answered by a receipt; pulling again keeps
//! the local outcomes.

use std::path::Path;

use antar_device::{
    AttemptInput, CollectiveHandoverInput, Device, VisitCheckinInput, VisitOutcomeInput,
    VisitPersonInput,
};
use antar_domain::attempt::{FailureReason, Outcome, Text};
use antar_domain::field_role::FieldRole;
use antar_domain::region::RegionCode;
use antar_domain::state::ItemState;
use antar_domain::visit::{IkdOutcome, RecordingOutcome, VisitKind};
use antar_office::VisitPlan;
use chrono::{Days, Local};
use support::office::Fixture;

use crate::support;

#[test]
fn a_visit_is_pulled_recorded_offline_and_synced_with_an_attempt() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let enrolled = device.enroll(&fixture.url, &fixture.code, "uji").unwrap();

    let day = Local::now()
        .date_naive()
        .checked_add_days(Days::new(3))
        .unwrap();
    let office = fixture.office();
    let visit = office
        .plan_visit(
            VisitPlan {
                day,
                kind: VisitKind::Pekon,
                venue: "Balai Pekon Penanggungan".to_owned(),
                desa: RegionCode::parse("18.06.01.2019").unwrap(),
                team: vec![enrolled.courier.id],
                note: Some("bawa genset".to_owned()),
            },
            "Kasi Pelayanan",
        )
        .unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/samples/keliling_targets_sample.csv");
    let imported = office
        .import_visit_targets(visit.id, &sample)
        .unwrap()
        .imported;
    assert!(imported > 100, "the sample list imports: {imported}");

    let pulled = device.pull().unwrap();
    assert_eq!((pulled.manifests_new, pulled.visits_new), (1, 1));
    assert_eq!(pulled.visit_targets, imported);
    let card = device.visits().unwrap().remove(0);
    assert_eq!((card.id, card.counts.targets), (visit.id, imported));
    assert_eq!(device.resolve_visit(&visit.number).unwrap(), visit.id);
    let people = device.visit_targets(visit.id, "", false).unwrap();
    // The phone never gets a health category, only the special procedure.
    assert!(
        people
            .iter()
            .all(|p| p.card.as_ref().is_some_and(|c| c.category.code() != "odgj"))
    );

    // Recorded on the phone alone; nothing goes to the office until `sync`.
    let listed = &people[0];
    let recorded = device
        .record_visit_outcome(VisitOutcomeInput {
            visit_id: visit.id,
            person: VisitPersonInput::Target(listed.id.unwrap()),
            outcome: RecordingOutcome::Recorded,
            ikd: Some(IkdOutcome::Activated),
            note: None,
        })
        .unwrap();
    assert_eq!(recorded.target_id, listed.id);
    // The sample's first person with another serial: someone not on the list.
    let walk_in = device
        .record_visit_outcome(VisitOutcomeInput {
            visit_id: visit.id,
            person: VisitPersonInput::WalkIn {
                nik: "1806012308009999".to_owned(),
                name: None,
            },
            outcome: RecordingOutcome::AlreadyRecorded,
            ikd: None,
            note: None,
        })
        .unwrap();
    assert_eq!(walk_in.target_id, None);
    let checkin = device
        .record_visit_checkin(VisitCheckinInput {
            visit_id: visit.id,
            fix: None,
            photos: vec![support::photo_fixture()],
            note: None,
        })
        .unwrap();
    assert_eq!(checkin.photos.len(), 1);
    let card = device.manifests().unwrap().remove(0);
    let item = device.manifest(card.id).unwrap().items[0].id;
    device
        .record_attempt(AttemptInput {
            item_id: item,
            outcome: Outcome::Failed {
                reason: FailureReason::NotAtHome,
            },
            photo: None,
            fix: None,
            note: None,
        })
        .unwrap();

    let report = device.sync().unwrap();
    assert_eq!(report.events_rejected, 0, "{report:?}");
    assert_eq!((report.events_sent, report.receipts_stored), (4, 4));
    assert_eq!(report.photos_sent, 1);
    assert!(device.outbox().unwrap().is_empty());
    let receipts = device.receipts().unwrap();
    assert_eq!(
        receipts.iter().filter(|r| r.item_state.is_none()).count(),
        3
    );

    // Pulled again, the local outcomes stay; the visit is under way at the office now.
    let again = device.pull().unwrap();
    assert_eq!(again.visits_updated, 1);
    let people = device.visit_targets(visit.id, "", false).unwrap();
    let first = people.iter().find(|p| p.id == listed.id).unwrap();
    assert_eq!(first.outcome, Some(RecordingOutcome::Recorded));
    assert!(people.iter().any(|p| p.is_walk_in()));
    let card = device.visits().unwrap().remove(0);
    assert!(card.checked_in);
    assert_eq!((card.counts.recorded, card.counts.walk_ins), (1, 1));
}

/// A visit's BA is held by one member and is every member's: the second phone of the team
/// lists it, delivers a card of it, and the office takes the attempt.
#[test]
fn every_team_phone_gets_the_visits_ba_and_records_on_it() {
    let fixture = Fixture::start();
    let office = fixture.office();
    let dir = tempfile::tempdir().unwrap();
    let mut first = Device::open(&dir.path().join("satu")).unwrap();
    let budi = first
        .enroll(&fixture.url, &fixture.code, "HP Budi")
        .unwrap();
    let (joko, code) = office.add_courier("Joko", None, FieldRole::Both).unwrap();
    let mut second = Device::open(&dir.path().join("dua")).unwrap();
    second
        .enroll(&fixture.url, &code.to_string(), "HP Joko")
        .unwrap();
    let day = Local::now()
        .date_naive()
        .checked_add_days(Days::new(1))
        .unwrap();
    let visit = office
        .plan_visit(
            VisitPlan {
                day,
                kind: VisitKind::Pekon,
                venue: "Balai Pekon Karang Sari".to_owned(),
                desa: RegionCode::parse("18.06.26.2003").unwrap(),
                team: vec![budi.courier.id, joko],
                note: None,
            },
            "Kasi Pelayanan",
        )
        .unwrap();
    let ba = office
        .attach_visit_documents(
            visit.id,
            "Kasi Pelayanan",
            &antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            day,
        )
        .unwrap();
    assert_eq!(ba.courier.id, budi.courier.id, "Budi sorts first");

    for device in [&mut first, &mut second] {
        device.pull().unwrap();
        let numbers: Vec<String> = device
            .manifests()
            .unwrap()
            .into_iter()
            .map(|m| m.number.to_string())
            .collect();
        assert!(numbers.contains(&ba.number.to_string()), "{numbers:?}");
    }
    let item = second.item_at_line(ba.id, 1).unwrap();
    second
        .record_attempt(AttemptInput {
            item_id: item,
            outcome: Outcome::DeliveredToOwner,
            fix: None,
            photo: None,
            note: None,
        })
        .unwrap();
    let synced = second.sync().unwrap();
    assert_eq!((synced.receipts_stored, synced.events_rejected), (1, 0));
    let at_office = office.manifest(ba.id).unwrap().unwrap();
    assert_eq!(at_office.items[0].state, ItemState::Delivered);

    // Budi hands the second card to the aparat pekon and downloads again before sending: the
    // office still says pending, the phone keeps its handover's word until the receipt.
    let card = first.item_at_line(ba.id, 2).unwrap();
    first
        .record_collective_handover(CollectiveHandoverInput {
            visit_id: visit.id,
            manifest_id: ba.id,
            items: vec![card],
            official_name: Text::parse("Suparman").unwrap(),
            official_position: Text::parse("Sekretaris Pekon").unwrap(),
            fix: None,
            photo: None,
            note: None,
        })
        .unwrap();
    let state_on = |device: &Device| {
        let manifest = device.manifest(ba.id).unwrap();
        manifest.items.iter().find(|i| i.id == card).unwrap().state
    };
    assert_eq!(state_on(&first), ItemState::Delivered);
    let pulled = first.pull().unwrap();
    assert_eq!(state_on(&first), ItemState::Delivered, "{pulled:?}");
    let synced = first.sync().unwrap();
    assert_eq!((synced.receipts_stored, synced.events_rejected), (1, 0));
    first.pull().unwrap();
    assert_eq!(
        state_on(&first),
        ItemState::Delivered,
        "the office agrees now"
    );
    let at_office = office.manifest(ba.id).unwrap().unwrap();
    assert_eq!(at_office.items[1].state, ItemState::Delivered);
}

/// An office from before the recording teams answers the visits' route as it answers any route
/// it does not have: the phone takes its BAs and goes on without visits, and a later pull from
/// an office that has them brings them.
#[test]
fn a_phone_pulls_from_an_office_that_knows_no_visits() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let enrolled = device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    let day = Local::now()
        .date_naive()
        .checked_add_days(Days::new(1))
        .unwrap();
    fixture
        .office()
        .plan_visit(
            VisitPlan {
                day,
                kind: VisitKind::Sekolah,
                venue: "SMA Negeri 1 Kota Agung".to_owned(),
                desa: RegionCode::parse("18.06.01.2019").unwrap(),
                team: vec![enrolled.courier.id],
                note: None,
            },
            "Kasi Pelayanan",
        )
        .unwrap();
    let older = device
        .pull_from_an_office_without_visits_for_tests()
        .unwrap();
    assert_eq!((older.manifests_new, older.visits_new), (1, 0));
    assert!(device.visits().unwrap().is_empty());
    let newer = device.pull().unwrap();
    assert_eq!(newer.visits_new, 1);
}
