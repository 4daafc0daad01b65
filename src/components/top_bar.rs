//! The bar at the top: the screen's title, below the first screen a back button, and the
//! offline mark.

use dioxus::prelude::*;

use super::{BaNumber, OfflineMark};
use crate::state::{Route, use_app};

#[component]
pub fn TopBar() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let title = match state.route {
        Route::Enroll => t.enroll_title,
        Route::Manifests => t.manifests_title,
        Route::Manifest(_) => state
            .manifest
            .as_ref()
            .map_or(t.loading, |m| m.number.as_str()),
        Route::Item(..) => t.item_title,
        Route::Attempt(..) => t.attempt_title,
        Route::Count(_) => t.custody().count_title,
        Route::Return(_) => t.custody().return_title,
        Route::Visits => t.visits().visits_title,
        Route::Visit(id) => state
            .visits
            .card(id)
            .map_or(t.loading, |card| card.venue.as_str()),
        Route::VisitCheckin(_) => t.visits().checkin_title,
        Route::VisitPerson(_) => t.visits().person_title,
        Route::WalkIn(_) => t.visits().walk_in_title,
        Route::VisitHandover(..) => t.visits().handover_title,
        Route::Sync => t.sync_title,
        Route::Settings => t.settings_title,
        Route::About => t.about_title,
    };
    let can_go_back = !state.history.is_empty();
    // A BA's own screen is titled by its number, which must not lose its end.
    let ba_number = match state.route {
        Route::Manifest(_) => state.manifest.as_ref().map(|m| m.number.to_string()),
        _ => None,
    };
    rsx! {
        header { class: "top",
            if can_go_back {
                button {
                    r#type: "button",
                    "aria-label": t.back,
                    onclick: move |_| app.back(),
                    "←"
                }
            }
            match ba_number {
                Some(number) => rsx! { h1 { class: "ba", BaNumber { number } } },
                None => rsx! { h1 { "{title}" } },
            }
            OfflineMark {}
        }
    }
}
