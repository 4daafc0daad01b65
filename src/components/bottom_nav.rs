//! The bar at the bottom, in reach of a thumb: manifests, send (with what waits), settings.

use dioxus::prelude::*;

use crate::state::{Route, use_app};

#[component]
pub fn BottomNav() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let waiting = state.status.as_ref().map_or(0, |s| s.outbox.events);
    let here = |route: Route| {
        let top = state.history.first().copied().unwrap_or(state.route);
        if top == route || state.route == route {
            "here"
        } else {
            ""
        }
    };
    let (manifests, visits, sync, settings) = (
        here(Route::Manifests),
        here(Route::Visits),
        here(Route::Sync),
        here(Route::Settings),
    );
    // A courier's phone with no visit keeps its three buttons; a recording team's gets a
    // fourth, narrower set.
    let has_visits = state.visits.cards.as_ref().is_some_and(|c| !c.is_empty());
    let nav_class = if has_visits { "bottom four" } else { "bottom" };
    let v = t.visits();
    rsx! {
        nav { class: nav_class,
            button { r#type: "button", class: manifests, onclick: move |_| app.top(Route::Manifests), "{t.nav_manifests}" }
            if has_visits {
                button { r#type: "button", class: visits, id: "nav-visits", onclick: move |_| app.top(Route::Visits), "{v.nav_visits}" }
            }
            button { r#type: "button", class: sync, onclick: move |_| app.top(Route::Sync),
                "{t.nav_sync}"
                if waiting > 0 {
                    span { class: "badge-count", "{waiting}" }
                }
            }
            button { r#type: "button", class: settings, onclick: move |_| app.top(Route::Settings), "{t.nav_settings}" }
        }
    }
}
