//! A visit's list on the phone: finding people by name or NIK tail, the not-met filter, and
//! the people leaving the phone once the office holds their outcomes.

use chrono::{Days, NaiveDate};

use super::VisitPersonInput;
use super::tests::{outcome, phone, receive_all, visit_day, walk_in};
use crate::support::visits::sample_visit;
use antar_domain::ids::VisitId;
use antar_domain::visit::{RecordingOutcome, VisitState};

#[test]
fn people_are_found_by_name_or_nik_tail_and_the_not_met() {
    let dir = tempfile::tempdir().unwrap();
    let (mut device, _, sheet) = phone(dir.path(), visit_day(), 8);
    let visit = sheet.visit.id;
    let someone = &sheet.targets[2];
    let part: String = someone
        .name
        .split_whitespace()
        .next()
        .unwrap()
        .to_lowercase();
    let by_name = device
        .visit_targets(visit, &part.to_uppercase(), false)
        .unwrap();
    assert!(by_name.iter().any(|p| p.id == Some(someone.id)));
    assert!(
        by_name
            .iter()
            .all(|p| p.name.to_lowercase().contains(&part))
    );
    let tail = &someone.nik.as_str()[12..];
    let by_nik = device.visit_targets(visit, tail, false).unwrap();
    assert_eq!(
        by_nik.iter().map(|p| p.id).collect::<Vec<_>>(),
        [Some(someone.id)]
    );

    device
        .record_visit_outcome(outcome(
            visit,
            VisitPersonInput::Target(sheet.targets[0].id),
            RecordingOutcome::Recorded,
        ))
        .unwrap();
    device
        .record_visit_outcome(outcome(
            visit,
            VisitPersonInput::Target(sheet.targets[1].id),
            RecordingOutcome::Absent,
        ))
        .unwrap();
    let not_met = device.visit_targets(visit, "", true).unwrap();
    assert_eq!(not_met.len(), 7, "the absent one is still to be met");
    assert!(not_met.iter().all(|p| p.id != Some(sheet.targets[0].id)));
    assert!(device.visit_targets(VisitId::new_v7(), "", false).is_err());
}

#[test]
fn the_list_leaves_the_phone_once_its_outcomes_have_receipts() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
    let (mut device, _, sheet) = phone(dir.path(), visit_day(), 4);
    let visit = sheet.visit.id;
    let coming = sample_visit(2, today.checked_add_days(Days::new(3)).unwrap(), 2);
    device.import_visit_for_tests(&coming).unwrap();
    // Past too, but nobody recorded anything there: postponed, it keeps its list.
    let postponed = sample_visit(5, visit_day(), 3);
    device.import_visit_for_tests(&postponed).unwrap();
    device
        .record_visit_outcome(outcome(
            visit,
            VisitPersonInput::Target(sheet.targets[0].id),
            RecordingOutcome::Recorded,
        ))
        .unwrap();
    device
        .record_visit_outcome(outcome(
            visit,
            walk_in("1806012308008388"),
            RecordingOutcome::Recorded,
        ))
        .unwrap();

    // The day has passed, but an outcome has not reached the office.
    assert_eq!(
        device
            .store
            .remove_finished_visit_lists(today, &[])
            .unwrap(),
        0
    );
    assert_eq!(device.visit_targets(visit, "", false).unwrap().len(), 5);

    assert_eq!(receive_all(&mut device), 2);
    assert_eq!(
        device
            .store
            .remove_finished_visit_lists(today, &[])
            .unwrap(),
        1
    );
    assert_eq!(
        device
            .visit_targets(postponed.visit.id, "", false)
            .unwrap()
            .len(),
        3,
        "a past visit nobody recorded at keeps its people"
    );
    assert!(device.visit_targets(visit, "", false).unwrap().is_empty());
    let people: i64 = device
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM visit_targets WHERE visit_id = ?1",
            [visit.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(people, 0, "the rows are gone, not hidden");
    let cards = device.visits().unwrap();
    let card = cards.iter().find(|c| c.id == visit).unwrap();
    assert!(card.list_removed);
    assert_eq!(
        (
            card.counts.targets,
            card.counts.met,
            card.counts.recorded,
            card.counts.walk_ins,
            card.counts.not_met
        ),
        (4, 1, 2, 1, 3)
    );
    // Pulled again, the visit does not get its people back; the coming one keeps them.
    assert!(device.store.visit_list_removed(visit).unwrap());
    device.import_visit_for_tests(&sheet).unwrap();
    assert!(device.visit_targets(visit, "", false).unwrap().is_empty());
    assert_eq!(
        device
            .visit_targets(coming.visit.id, "", false)
            .unwrap()
            .len(),
        2
    );

    // The office called the coming one off: its people leave at once (nothing recorded).
    let mut cancelled = coming.clone();
    cancelled.visit.state = VisitState::Cancelled;
    cancelled.targets.clear();
    device.import_visit_for_tests(&cancelled).unwrap();
    assert_eq!(
        device
            .store
            .remove_finished_visit_lists(today, &[])
            .unwrap(),
        1
    );
    // And a visit this courier was taken off goes too.
    let dropped = sample_visit(3, today, 2);
    device.import_visit_for_tests(&dropped).unwrap();
    assert_eq!(
        device
            .store
            .remove_finished_visit_lists(today, &[dropped.visit.id])
            .unwrap(),
        1
    );
}
