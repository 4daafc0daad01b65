//! Item states as coloured pills: one for an item, a row of counts for a BA or a desa.

use antar_domain::state::ItemState;
use dioxus::prelude::*;

use crate::state::use_app;
use crate::strings::fill;

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
        ("pending", t.state_pending_n, pending),
        ("delivered", t.state_delivered_n, delivered),
        ("failed", t.state_failed_n, failed),
        ("returned", t.state_returned_n, returned),
    ];
    rsx! {
        div { class: "counts",
            for (class, template, n) in pills {
                if n > 0 || class == "pending" {
                    span { class: "pill {class}", {fill(template, &[("n", &n.to_string())])} }
                }
            }
        }
    }
}
