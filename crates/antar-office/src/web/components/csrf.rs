//! The hidden CSRF field every form carries.

use dioxus::prelude::*;

#[component]
pub(crate) fn CsrfField(token: String) -> Element {
    rsx! {
        input { r#type: "hidden", name: "csrf", value: "{token}" }
    }
}
