//! The recording team's visits as cards: number, day, venue, desa, state and how far each
//! one is; a visit whose list has left the phone keeps its counts and says so.

use antar_device::{VisitCard, VisitCounts};
use antar_domain::visit::VisitState;
use dioxus::prelude::*;

use crate::components::focus;
use crate::state::{Action, Command, Route, use_app};
use crate::strings::fill;

#[component]
pub fn Visits() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let v = t.visits();
    let busy = state.busy == Some(Action::Pull);
    let cards = state.visits.cards.clone();
    drop(state);
    let pull = move |_| app.send(Command::Pull, Some(Action::Pull));
    rsx! {
        div { class: "actions",
            button { r#type: "button", class: "secondary", disabled: busy, onclick: pull,
                if busy { "{t.manifests_pulling}" } else { "{v.visits_pull}" }
            }
        }
        match cards {
            None => rsx! { p { "{t.loading}" } },
            Some(cards) if cards.is_empty() => rsx! { p { class: "hint", "{v.visits_empty}" } },
            Some(cards) => rsx! {
                for (index, card) in cards.into_iter().enumerate() {
                    button {
                        key: "{card.id}",
                        r#type: "button",
                        class: "card visit",
                        onmounted: move |event: MountedEvent| async move {
                            if index == 0 {
                                focus(event).await;
                            }
                        },
                        onclick: {
                            let id = card.id;
                            move |_| app.go(Route::Visit(id))
                        },
                        VisitCardBody { card: card.clone() }
                    }
                }
            },
        }
    }
}

#[component]
fn VisitCardBody(card: VisitCard) -> Element {
    let t = use_app().state.read().strings();
    let v = t.visits();
    let words = t.words();
    rsx! {
        h2 { "{card.venue}" }
        div { class: "hint", "{card.number}" }
        div {
            {format!("{} · {}, {}", card.visit_day.format("%d-%m-%Y"), card.desa_name, card.kecamatan_name)}
        }
        div { class: "counts",
            span { class: "pill visit-{card.state.code()}", {words.visit_state(card.state)} }
            if card.checked_in {
                span { class: "pill delivered", "{v.visit_checked_in}" }
            }
        }
        VisitCountPills { counts: card.counts }
        if card.list_removed {
            p { class: "hint removed", "{v.visit_removed}" }
        }
    }
}

/// "12/140 ditemui · 10 direkam · 2 datang langsung", on the list and on top of a visit.
#[component]
pub fn VisitCountPills(counts: VisitCounts) -> Element {
    let t = use_app().state.read().strings();
    let v = t.visits();
    let met = fill(
        v.visit_met,
        &[
            ("met", &counts.met.to_string()),
            ("n", &counts.targets.to_string()),
        ],
    );
    rsx! {
        div { class: "counts", id: "visit-counts",
            span { class: "pill pending", "{met}" }
            span { class: "pill delivered", {fill(v.visit_recorded, &[("n", &counts.recorded.to_string())])} }
            if counts.walk_ins > 0 {
                span { class: "pill returned", {fill(v.visit_walk_ins, &[("n", &counts.walk_ins.to_string())])} }
            }
        }
    }
}

/// Whether anything may still be recorded at this visit on this phone.
pub(crate) fn open_for_recording(card: &VisitCard) -> bool {
    card.state != VisitState::Cancelled && !card.list_removed
}
