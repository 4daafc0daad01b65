//! A delivery whose proof a reviewer flags comes back to the courier's phone with the note
//! (issue 17), against a real office: the BA list carries it outside the BA (its stored
//! download is untouched), the card counts it, the list names the document with the note, an
//! attempt recorded since takes it off before the office answers, and a flag the office no
//! longer lists goes away.

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::Outcome;
use antar_domain::state::ItemState;
use antar_office::{Reviewed, Role, Verdict};
use support::office::Fixture;

use crate::support;

const NOTE: &str = "Foto tidak menunjukkan kartu; antar lagi";

#[test]
fn a_flagged_delivery_comes_back_with_the_reviewers_note() {
    let fixture = Fixture::start();
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let items = device.manifest(card.id).unwrap().items;
    for item in &items[..2] {
        device
            .record_attempt(AttemptInput {
                item_id: item.id,
                outcome: Outcome::DeliveredToOwner,
                photo: Some(support::photo_fixture()),
                fix: None,
                note: None,
            })
            .unwrap();
    }
    device.sync().unwrap();
    assert_eq!(device.manifests().unwrap()[0].redo, 0);

    // A reviewer flags the first delivery's proof and accepts the second.
    let office = fixture.office();
    support::staff_web::StaffWeb::sign_in_as(office, &fixture.url, Role::Reviewer);
    let reviewer = office.staff_user("kasi").unwrap().unwrap();
    let (proofs, _) = office
        .proofs(false, antar_office::ProofOrder::Newest, 10)
        .unwrap();
    let proof_of = |line: usize| {
        proofs
            .iter()
            .find(|p| p.line as usize == line)
            .unwrap()
            .office_seq
    };
    let flagged = office
        .review_proof(&reviewer, proof_of(1), Verdict::Flagged, Some(NOTE))
        .unwrap();
    assert_eq!(flagged, Reviewed::Recorded { reopened: true });
    office
        .review_proof(&reviewer, proof_of(2), Verdict::Accepted, None)
        .unwrap();

    let stored_before: String = stored_ba_json(dir.path());
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    assert_eq!(card.redo, 1, "one delivery to do again");
    let redo = device.redo_items(card.id).unwrap();
    assert_eq!(redo.len(), 1);
    assert_eq!((redo[0].item_id, redo[0].line), (items[0].id, 1));
    assert_eq!(redo[0].note.as_deref(), Some(NOTE));
    let again = device.manifest(card.id).unwrap();
    assert_eq!(
        again.items[0].state,
        ItemState::Pending,
        "back with the courier"
    );
    assert_eq!(again.items[1].state, ItemState::Delivered);
    // The flag travels beside the BA, not in it: what the phone keeps of the BA is what it
    // would keep without it (the item's state comes from the office either way).
    assert!(!stored_ba_json(dir.path()).contains(NOTE));
    assert!(!stored_before.contains(NOTE));

    // Pulled again before anything happens: the same flag, once.
    device.pull().unwrap();
    assert_eq!(device.redo_items(card.id).unwrap().len(), 1);

    // The courier goes back and records a new delivery: off the list at once, offline.
    device
        .record_attempt(AttemptInput {
            item_id: items[0].id,
            outcome: Outcome::DeliveredToOwner,
            photo: Some(support::photo_fixture()),
            fix: None,
            note: None,
        })
        .unwrap();
    assert!(device.redo_items(card.id).unwrap().is_empty());
    assert_eq!(device.manifests().unwrap()[0].redo, 0);
    // Once the office has it, it no longer lists the flag, and the phone forgets it.
    device.sync().unwrap();
    device.pull().unwrap();
    let rows: i64 = rusqlite::Connection::open(dir.path().join("device.sqlite"))
        .unwrap()
        .query_row("SELECT count(*) FROM redo_items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
}

fn stored_ba_json(dir: &std::path::Path) -> String {
    rusqlite::Connection::open(dir.join("device.sqlite"))
        .unwrap()
        .query_row("SELECT json FROM manifests", [], |r| r.get(0))
        .unwrap()
}
