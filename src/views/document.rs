//! One document: who, where (as printed on the KTP), how to reach them, and the button to
//! record the attempt. The NIK shows only its last digits.

use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::region::Registry;
use antar_domain::state::ItemState;
use dioxus::prelude::*;

use crate::components::focus;

use crate::components::StatePill;
use crate::state::listing::nik_for_courier;
use crate::state::{Route, use_app};
use crate::strings::fill;

#[component]
pub fn Document(manifest: ManifestId, item: ItemId) -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let Some(found) = state.item(manifest, item) else {
        return rsx! { p { "{t.loading}" } };
    };
    let found = found.clone();
    drop(state);
    let address = &found.address;
    let map = map_link(
        &found.address.desa,
        &address.desa_name,
        &address.kecamatan_name,
    );
    let can_record = found.state == ItemState::Pending || found.state == ItemState::Failed;
    rsx! {
        div { class: "row",
            div { StatePill { state: found.state } }
            div { class: "hint", {fill(t.item_line, &[("n", &found.line.to_string())])} }
        }
        dl { class: "facts",
            dt { "{t.item_owner}" }
            dd { class: "big", "{found.owner_name}" }
            dt { "{t.item_document}" }
            dd { {t.document_type(found.document_type)} }
            dt { "{t.item_nik}" }
            dd { "{nik_for_courier(&found)}" }
            dt { "{t.item_address}" }
            dd { "{address.alamat}" }
            dt { "{t.item_rt_rw}" }
            dd { "{address.rt}/{address.rw}" }
            dt { "{t.item_desa}" }
            dd { "{address.desa_name}" }
            dt { "{t.item_kecamatan}" }
            dd { "{address.kecamatan_name}" }
            dt { "{t.item_phone}" }
            dd {
                match &found.phone {
                    Some(phone) => rsx! { "{phone.national()}" },
                    None => rsx! { span { class: "hint", "{t.item_no_phone}" } },
                }
            }
        }
        div { class: "actions",
            if let Some(phone) = &found.phone {
                a { class: "button secondary", href: phone.tel_uri(), "{t.item_call}" }
                a { class: "button secondary", href: phone.wa_me_uri(), "{t.item_whatsapp}" }
            }
            a { class: "button secondary", href: map, "{t.item_map}" }
        }
        if can_record {
            div { class: "actions",
                button {
                    r#type: "button",
                    class: "wide",
                    onmounted: focus,
                    // A BA not yet counted asks for its count before the first attempt.
                    onclick: move |_| {
                        let counted_first = app.state.read().needs_count(manifest);
                        app.go(if counted_first {
                            Route::Count(manifest)
                        } else {
                            Route::Attempt(manifest, item)
                        });
                    },
                    "{t.item_record}"
                }
            }
        } else {
            p { class: "notice", "{t.item_done_already}" }
        }
    }
}

/// A map search for the desa: at its centroid when the registry knows it, by name
/// otherwise. Opens the phone's maps app (or the browser on the desktop).
pub(crate) fn map_link(
    desa: &antar_domain::region::RegionCode,
    desa_name: &str,
    kecamatan_name: &str,
) -> String {
    match Registry::tanggamus()
        .get(desa)
        .and_then(|region| region.centroid)
    {
        Some((lat, lon)) => {
            format!("https://www.google.com/maps/search/?api=1&query={lat:.6},{lon:.6}")
        }
        None => {
            let query = format!("{desa_name}, {kecamatan_name}, Tanggamus, Lampung");
            let encoded: String = query
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' => {
                        (b as char).to_string()
                    }
                    b' ' => "+".to_owned(),
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("https://www.google.com/maps/search/?api=1&query={encoded}")
        }
    }
}
