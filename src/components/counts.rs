//! Item states as coloured pills: one for an item, a row of counts for a BA or a desa.

use antar_domain::state::ItemState;
use dioxus::prelude::*;

use crate::state::use_app;

#[component]
pub fn StatePill(state: ItemState) -> Element {
    let t = use_app().state.read().strings();
    rsx! {
        span { class: "pill {state.code()}", "{t.state(state)}" }
    }
}

#[component]
pub fn StateCounts(pending: usize, delivered: usize, failed: usize, returned: usize) -> Element {
    let t = use_app().state.read().strings();
    let pills = [
        (ItemState::Pending, pending),
        (ItemState::Delivered, delivered),
        (ItemState::Failed, failed),
        (ItemState::Returned, returned),
    ];
    rsx! {
        div { class: "counts",
            for (state, n) in pills {
                if n > 0 || state == ItemState::Pending {
                    span { class: "pill {state.code()}", {t.state_count(state, n)} }
                }
            }
        }
    }
}
