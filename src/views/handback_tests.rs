//! The return screen rendered headless: a BA with documents not delivered offers it; the
//! screen lists them, the failed ones chosen with their last reason; a saved return goes back
//! with its numbers; a revoked phone says so on its first screen.

use antar_device::{RecordedReturn, ReturnCandidate};
use antar_domain::attempt::FailureReason;
use antar_domain::ids::EventId;
use antar_domain::manifest::Manifest;
use antar_domain::state::ItemState;

use super::tests::{courier_state, render};
use crate::fixtures::manifest_from_sample;
use crate::state::{AppState, Route, Update};

/// The candidates the device would offer: line 2 failed (moved), the rest never attempted.
fn candidates(manifest: &Manifest) -> Vec<ReturnCandidate> {
    manifest
        .items
        .iter()
        .map(|item| ReturnCandidate {
            line: item.line,
            item_id: item.id,
            owner_name: item.owner_name.clone(),
            desa_name: item.address.desa_name.clone(),
            state: if item.line == 2 {
                ItemState::Failed
            } else {
                ItemState::Pending
            },
            last_reason: (item.line == 2).then_some(FailureReason::Moved),
        })
        .collect()
}

fn returning(n: usize) -> AppState {
    let manifest = manifest_from_sample(n);
    let id = manifest.id;
    let offered = candidates(&manifest);
    let mut state = courier_state(manifest, Route::Manifest(id));
    state.go(Route::Return(id));
    state.apply(Update::ReturnCandidates(id, offered));
    state
}

#[test]
fn a_ba_with_documents_left_offers_the_return() {
    let manifest = manifest_from_sample(4);
    let id = manifest.id;
    let html = render(courier_state(manifest, Route::Manifest(id)));
    assert!(html.contains("id=\"open-return\""), "{html}");
    assert!(html.contains(">Kembalikan ke kantor<"));
}

#[test]
fn the_return_screen_chooses_the_failed_documents_with_their_last_reason() {
    let html = render(returning(5));
    assert!(html.contains(">Kembalikan dokumen<"), "the title: {html}");
    assert_eq!(html.matches("class=\"item return-line\"").count(), 5);
    assert_eq!(
        html.matches("checked").count(),
        1,
        "only the failed one at first"
    );
    assert!(html.contains("id=\"reason-2\""), "{html}");
    assert!(
        !html.contains("id=\"reason-1\""),
        "no reason for one not chosen"
    );
    let moved = html
        .split("id=\"reason-2\"")
        .nth(1)
        .and_then(|rest| rest.split("</select>").next())
        .unwrap_or_default();
    assert!(moved.contains("value=\"moved\" selected=true"), "{moved}");
    assert!(html.contains("Dipilih: 1 dokumen"));
    assert!(html.contains("Jumlah dokumen di bundel"));
    assert!(html.contains(">Simpan pengembalian<"));
}

#[test]
fn nothing_left_to_return_says_so() {
    let mut state = returning(3);
    if let Some((_, offered)) = state.handback.as_mut() {
        offered.clear();
    }
    let html = render(state);
    assert!(html.contains("id=\"return-none\""), "{html}");
}

#[test]
fn a_saved_return_goes_back_and_says_how_many() {
    let mut state = returning(6);
    let ba = state.manifest.as_ref().unwrap().id;
    state.apply(Update::Returned(RecordedReturn {
        event_id: EventId::new_v7(),
        device_seq: 3,
        listed: 2,
        counted: 1,
    }));
    assert_eq!(state.route, Route::Manifest(ba));
    assert!(state.handback.is_none());
    let html = render(state);
    assert!(
        html.contains("Pengembalian disimpan: 2 dokumen, 1 di bundel."),
        "{html}"
    );
}

#[test]
fn a_revoked_phone_says_so_on_its_first_screen() {
    let mut state = courier_state(manifest_from_sample(2), Route::Manifests);
    state.cards = Some(Vec::new());
    if let Some(status) = state.status.as_mut() {
        status.revoked = true;
    }
    let html = render(state);
    assert!(html.contains("id=\"revoked\""), "{html}");
    assert!(html.contains("HP ini dicabut kantor."));
}
