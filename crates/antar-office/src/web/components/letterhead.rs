//! The office's letterhead (kop surat) at the top of every printed BA: government, office,
//! address, as on the Disdukcapil's paper.

use dioxus::prelude::*;

use crate::web::strings;

#[component]
pub(crate) fn Letterhead() -> Element {
    rsx! {
        header { class: "kop",
            p { class: "kop-1", "{strings::GOVERNMENT}" }
            p { class: "kop-2", "{strings::OFFICE_UPPER}" }
            p { class: "kop-3", "{strings::OFFICE_ADDRESS}" }
        }
    }
}
