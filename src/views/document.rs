//! One document on one screen without scrolling at 360×640: who, where (as printed on the
//! KTP), how to reach them, and the outcomes — a tap on one opens the attempt with it
//! chosen. The NIK shows only its last digits.

use antar_domain::attempt::OutcomeKind;
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::region::Registry;
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
    let c = t.custody();
    let redo = state
        .redo(manifest)
        .iter()
        .find(|r| r.item_id == item)
        .map(|r| {
            let note = r.note.as_deref().unwrap_or(c.redo_no_note);
            fill(c.redo_notice, &[("note", note)])
        });
    drop(state);
    let address = &found.address;
    let map = map_link(
        &found.address.desa,
        &address.desa_name,
        &address.kecamatan_name,
    );
    let can_record = !found.state.is_final();
    // A BA not yet counted asks for its count before the first attempt.
    let record = move |chosen: OutcomeKind| {
        let counted_first = app.state.read().needs_count(manifest);
        app.go(if counted_first {
            Route::Count(manifest)
        } else {
            Route::Attempt(manifest, item, chosen)
        });
    };
    rsx! {
        // Who first, and all of it within the first screen: the name and NIK to check
        // against the card, the address as printed, then the outcome — one tap away.
        if let Some(text) = redo {
            p { class: "notice warn", id: "redo-notice", role: "alert", "{text}" }
        }
        div { class: "doc-head",
            p { class: "big", id: "owner", "{found.owner_name}" }
            StatePill { state: found.state }
        }
        p { class: "doc-facts",
            {t.document_type(found.document_type)}
            " · "
            {format!("{} {}", t.item_nik, nik_for_courier(&found))}
            " · "
            {fill(t.item_line, &[("n", &found.line.to_string())])}
        }
        p { class: "doc-address",
            "{address.alamat}, RT {address.rt}/RW {address.rw}"
            br {}
            "{address.desa_name}, {address.kecamatan_name}"
        }
        div { class: "contact",
            if let Some(phone) = &found.phone {
                a { class: "button secondary", href: phone.tel_uri(), "aria-label": "{t.item_call} {phone.national()}", "{t.item_call}" }
                a { class: "button secondary", href: phone.wa_me_uri(), "{t.item_whatsapp}" }
            }
            a { class: "button secondary", href: map, "{t.item_map}" }
        }
        if can_record {
            fieldset { class: "choice", id: "record",
                legend { "{t.item_record}" }
                for (index, kind) in OutcomeKind::ALL.into_iter().enumerate() {
                    button {
                        r#type: "button",
                        class: if kind == OutcomeKind::Failed { "outcome failed" } else { "outcome" },
                        onmounted: move |event: MountedEvent| async move {
                            if index == 0 {
                                focus(event).await;
                            }
                        },
                        onclick: move |_| record(kind),
                        {t.words().outcome(kind)}
                    }
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
