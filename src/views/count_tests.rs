//! The count at handover rendered headless: the BA asks for it before the first attempt, the
//! count screen lists every document ticked and says how many are in the bundle, and a saved
//! count goes back with its numbers.

use antar_device::RecordedCount;
use antar_domain::ids::EventId;
use antar_domain::state::ItemState;

use super::tests::{courier_state, render};
use crate::fixtures::manifest_from_sample;
use crate::state::{AppState, Route, Update};

/// A courier with a BA of `n` documents that waits for its count, on `route`.
fn waiting_for_count(
    n: usize,
    route: impl Fn(&antar_domain::manifest::Manifest) -> Route,
) -> AppState {
    let manifest = manifest_from_sample(n);
    let route = route(&manifest);
    let mut state = courier_state(manifest, route);
    if let Some(cards) = state.cards.as_mut() {
        cards[0].needs_count = true;
    }
    state
}

#[test]
fn a_ba_waiting_for_its_count_says_so_above_its_documents() {
    let html = render(waiting_for_count(5, |m| Route::Manifest(m.id)));
    assert!(html.contains("id=\"count-needed\""), "{html}");
    assert!(html.contains("Hitung dulu dokumen di bundel BA ini"));
    assert!(html.contains(">Hitung dokumen<"));
    let counted = {
        let mut state = waiting_for_count(5, |m| Route::Manifest(m.id));
        state.cards.as_mut().unwrap()[0].needs_count = false;
        render(state)
    };
    assert!(
        !counted.contains("count-needed"),
        "a counted BA asks nothing"
    );
}

#[test]
fn the_count_screen_lists_every_document_ticked_and_counts_the_bundle() {
    let mut state = waiting_for_count(6, |m| Route::Count(m.id));
    state.manifest.as_mut().unwrap().items[2].state = ItemState::Failed;
    let html = render(state.clone());
    let number = state.manifest.as_ref().unwrap().number.to_string();
    assert!(html.contains(">Hitung dokumen BA<"), "the title: {html}");
    assert!(html.contains(&number));
    assert!(html.contains("Ada di bundel: 6 dari 6"), "{html}");
    assert_eq!(html.matches("class=\"item count-line\"").count(), 6);
    assert_eq!(html.matches("checked").count(), 6, "all present at first");
    assert_eq!(
        html.matches("disabled").count(),
        1,
        "a document already at work cannot be missing"
    );
    assert!(html.contains(">Simpan hitungan<"));

    state.cards.as_mut().unwrap()[0].needs_count = false;
    assert!(render(state).contains("BA ini tidak perlu dihitung lagi."));
}

#[test]
fn a_saved_count_goes_back_and_says_how_many() {
    let mut state = waiting_for_count(6, |m| Route::Manifest(m.id));
    let ba = state.manifest.as_ref().unwrap().id;
    state.go(Route::Count(ba));
    state.apply(Update::Counted(RecordedCount {
        event_id: EventId::new_v7(),
        device_seq: 1,
        counted: 4,
        missing: 2,
    }));
    assert_eq!(state.route, Route::Manifest(ba));
    let html = render(state);
    assert!(
        html.contains("Hitungan disimpan: 4 dari 6 dokumen ada di bundel."),
        "{html}"
    );
}
