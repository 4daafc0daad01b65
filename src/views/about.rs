//! What Antar is, how it treats personal data, and where its maps and font come from.

use dioxus::prelude::*;

use crate::state::use_app;
use crate::strings::fill;

#[component]
pub fn About() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let device = state
        .status
        .as_ref()
        .and_then(|s| s.device_id)
        .map(|id| id.to_string());
    rsx! {
        p { class: "big", "{t.app_name}" }
        p { "{t.app_tagline}" }
        p { {fill(t.about_version, &[("v", env!("CARGO_PKG_VERSION"))])} }
        p { "{t.about_text}" }
        p { "{t.about_privacy}" }
        p { class: "hint", "{t.about_data}" }
        if let Some(device) = device {
            p { class: "hint", "ID perangkat / device id: {device}" }
        }
    }
}
