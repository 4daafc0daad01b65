//! The signer's NIP on the forms that issue a BA: a BA Pengiriman and a visit's BA. A refused
//! NIP is said beside the field, where the eye and a screen reader are.

use antar_domain::nip::Nip;
use dioxus::prelude::*;

use crate::web::auth::Staff;
use crate::web::strings;

/// The NIP a form starts with: the signing staff member's own, written with its parts apart
/// when it reads as one, as stored otherwise (the form then refuses it with the reason).
pub(crate) fn staff_nip(staff: &Staff) -> String {
    staff
        .user
        .nip
        .as_deref()
        .map(|n| Nip::parse(n).map_or_else(|_| n.to_owned(), |nip| nip.to_string()))
        .unwrap_or_default()
}

/// The labelled `nip` input, with `error` beside it when the NIP sent was refused.
#[component]
pub(crate) fn NipField(value: String, error: Option<String>) -> Element {
    rsx! {
        label { r#for: "nip", "{strings::OFFICER_NIP}"
            input {
                id: "nip",
                name: "nip",
                value: "{value}",
                required: true,
                inputmode: "numeric",
                // Room for the 18 digits with the spaces between their parts.
                size: "24",
                "aria-invalid": if error.is_some() { "true" } else { "false" },
                "aria-describedby": error.as_ref().map(|_| "nip-error"),
            }
            if let Some(error) = error.clone() {
                span { id: "nip-error", class: "field-error", role: "alert", "{error}" }
            }
        }
    }
}
