//! A document's state as a coloured label.

use dioxus::prelude::*;

use crate::web::strings;

#[component]
pub(crate) fn StateLabel(code: String) -> Element {
    let label = strings::state_label(&code);
    rsx! {
        span { class: "state state-{code}", "{label}" }
    }
}
