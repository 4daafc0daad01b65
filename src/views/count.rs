//! The courier's count of a BA's bundle at handover (SOP step 5): every document of the BA,
//! ticked as present at first; the courier unticks the ones missing from the bundle, finding
//! them by name or line, and saves. A document already at work cannot be missing. Saved
//! through the worker; the missing ones leave the list.

use std::collections::HashSet;

use antar_device::HandoverCountInput;
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::state::ItemState;
use dioxus::prelude::*;

use crate::components::{StatePill, focus};
use crate::state::listing::masked_nik;
use crate::state::{Action, Command, use_app};
use crate::strings::fill;

/// One document on the list, as shown.
#[derive(Clone, PartialEq)]
struct Line {
    id: ItemId,
    line: u32,
    owner: String,
    nik: String,
    state: ItemState,
}

#[component]
pub fn Count(manifest: ManifestId) -> Element {
    let app = use_app();
    let mut missing = use_signal(HashSet::<ItemId>::new);
    let mut query = use_signal(String::new);
    let state = app.state.read();
    let t = state.strings();
    let c = t.custody();
    let Some(ba) = state.manifest.as_ref().filter(|m| m.id == manifest) else {
        return rsx! { p { "{t.loading}" } };
    };
    let number = ba.number.to_string();
    let lines: Vec<Line> = ba
        .items
        .iter()
        .map(|item| Line {
            id: item.id,
            line: item.line,
            owner: item.owner_name.clone(),
            nik: masked_nik(item.nik.last_digits(4)),
            state: item.state,
        })
        .collect();
    let needed = state.needs_count(manifest);
    let saving = state.busy == Some(Action::Count);
    drop(state);

    if !needed {
        return rsx! { p { class: "notice", id: "count-done", "{c.count_done}" } };
    }
    let total = lines.len();
    let present = total - missing.read().len();
    let wanted = query.read().trim().to_lowercase();
    let shown: Vec<Line> = lines
        .into_iter()
        .filter(|l| {
            wanted.is_empty()
                || l.owner.to_lowercase().contains(&wanted)
                || l.line.to_string() == wanted
        })
        .collect();
    let save = move |event: FormEvent| {
        event.prevent_default();
        let missing_lines = {
            let missing = missing.read();
            let state = app.state.read();
            state
                .manifest
                .as_ref()
                .map(|ba| {
                    ba.items
                        .iter()
                        .filter(|item| missing.contains(&item.id))
                        .map(|item| item.line)
                        .collect()
                })
                .unwrap_or_default()
        };
        app.send(
            Command::Count(HandoverCountInput {
                manifest_id: manifest,
                missing_lines,
                fix: None,
                note: None,
            }),
            Some(Action::Count),
        );
    };
    rsx! {
        form { onsubmit: save,
            p { class: "hint", {fill(c.count_intro, &[("ba", &number)])} }
            p { class: "count-summary", id: "count-summary", role: "status",
                {fill(c.count_summary, &[("n", &present.to_string()), ("total", &total.to_string())])}
            }
            label { r#for: "count-search", "{c.count_search}" }
            input {
                id: "count-search",
                r#type: "search",
                initial_value: query.peek().clone(),
                oninput: move |e: FormEvent| query.set(e.value()),
            }
            p { class: "hint",
                {fill(c.count_shown, &[("shown", &shown.len().to_string()), ("total", &total.to_string())])}
            }
            for l in shown {
                label { class: "item count-line", key: "{l.id}",
                    input {
                        r#type: "checkbox",
                        style: "width:auto;min-height:0",
                        "data-line": l.line,
                        // Only a document still pending can be missing from the bundle.
                        disabled: l.state != ItemState::Pending,
                        checked: !missing.read().contains(&l.id),
                        onchange: move |event: FormEvent| {
                            if event.checked() {
                                missing.write().remove(&l.id);
                            } else {
                                missing.write().insert(l.id);
                            }
                        },
                    }
                    span { class: "who",
                        strong { "{l.owner}" }
                        span { class: "where",
                            {fill(t.item_line, &[("n", &l.line.to_string())])}
                            " · {l.nik}"
                        }
                    }
                    if missing.read().contains(&l.id) {
                        span { class: "pill failed", "{c.count_missing}" }
                    } else {
                        StatePill { state: l.state }
                    }
                }
            }
            div { class: "actions sticky",
                // The usual count finds every document: saving is one tap (or Enter).
                button { r#type: "submit", class: "wide", disabled: saving, onmounted: focus, "{c.count_save}" }
            }
        }
    }
}
