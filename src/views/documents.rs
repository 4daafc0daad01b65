//! A BA's documents, desa by desa in walking order, searchable by name or the NIK's last
//! digits or narrowed to what still goes to a door, shown a page at a time so thousands of
//! documents stay smooth on a cheap phone.

use antar_domain::ids::ManifestId;
use dioxus::prelude::*;

use crate::components::{PaintedMark, StateCounts, StatePill, focus_field};
use crate::state::listing::{PAGE, layout};
use crate::state::{Route, use_app};
use crate::strings::fill;

#[component]
pub fn Documents(manifest: ManifestId) -> Element {
    let app = use_app();
    let mut query = use_signal(String::new);
    let mut limit = use_signal(|| PAGE);
    let mut only_to_deliver = use_signal(|| false);
    let state = app.state.read();
    let t = state.strings();
    let Some(open) = state.manifest.as_ref().filter(|m| m.id == manifest) else {
        return rsx! { p { "{t.loading}" } };
    };
    let listing = layout(open, &query.read(), only_to_deliver(), limit());
    let [(_, pending), (_, delivered), (_, failed), (_, returned)] = open.counts();
    let first_match = listing
        .groups
        .first()
        .and_then(|g| g.items.first())
        .map(|i| i.id);
    let open_first = move |event: FormEvent| {
        event.prevent_default();
        if let Some(item) = first_match {
            app.go(Route::Item(manifest, item));
        }
    };
    let remaining = listing.matching - listing.shown;
    // What the office sent back comes first: the courier goes there before the rest.
    let redo: Vec<(antar_domain::ids::ItemId, String, String)> = state
        .redo(manifest)
        .iter()
        .filter_map(|r| {
            let item = open.item(r.item_id)?;
            let line = fill(t.item_line, &[("n", &item.line.to_string())]);
            let why = r.note.as_deref().unwrap_or(t.custody().redo_no_note);
            Some((
                r.item_id,
                item.owner_name.clone(),
                format!("{line} · «{why}»"),
            ))
        })
        .collect();
    let needs_count = state.needs_count(manifest);
    let c = t.custody();
    // The benchmark's mark: this BA's list for this search, painted.
    let painted = format!("{manifest} {} {}", query.read().trim(), listing.shown);
    rsx! {
        PaintedMark { what: "list", key_text: painted }
        if needs_count {
            section { class: "panel count-needed", id: "count-needed",
                p { "{c.count_needed}" }
                button {
                    r#type: "button",
                    class: "wide",
                    onclick: move |_| app.go(Route::Count(manifest)),
                    "{c.count_open}"
                }
            }
        }
        if !redo.is_empty() {
            section { class: "panel redo", id: "redo",
                h3 { {fill(c.redo_title, &[("n", &redo.len().to_string())])} }
                for (id, owner, why) in redo {
                    button {
                        key: "redo-{id}",
                        r#type: "button",
                        class: "item",
                        onclick: move |_| app.go(Route::Item(manifest, id)),
                        span { class: "who",
                            strong { "{owner}" }
                            span { class: "where", "{why}" }
                        }
                    }
                }
            }
        }
        StateCounts { pending, delivered, failed, returned }
        form { role: "search", onsubmit: open_first,
            label { r#for: "search", "{t.items_search}" }
            input {
                id: "search",
                r#type: "search",
                onmounted: focus_field,
                placeholder: t.items_search_hint,
                initial_value: query.peek().clone(),
                oninput: move |e: FormEvent| {
                    query.set(e.value());
                    limit.set(PAGE);
                },
            }
        }
        button {
            r#type: "button",
            id: "only-to-deliver",
            class: if only_to_deliver() { "toggle chosen" } else { "toggle" },
            "aria-pressed": only_to_deliver(),
            onclick: move |_| {
                only_to_deliver.toggle();
                limit.set(PAGE);
            },
            "{t.items_only_to_deliver}"
        }
        p { class: "hint", id: "shown",
            {fill(t.items_shown, &[("shown", &listing.shown.to_string()), ("n", &listing.matching.to_string())])}
        }
        if listing.matching == 0 {
            p { class: "hint", "{t.items_none}" }
        }
        for group in listing.groups {
            div { key: "{group.kecamatan}/{group.desa}",
                div { class: "desa",
                    span { "{group.desa} · {group.kecamatan}" }
                    span { {fill(t.items_desa_count, &[("done", &group.done.to_string()), ("n", &group.total.to_string())])} }
                }
                for item in group.items {
                    button {
                        key: "{item.id}",
                        r#type: "button",
                        class: "item",
                        onclick: {
                            let id = item.id;
                            move |_| app.go(Route::Item(manifest, id))
                        },
                        span { class: "who",
                            strong { "{item.owner_name}" }
                            span { class: "where",
                                "{item.address.alamat}, RT {item.address.rt}/RW {item.address.rw} · "
                                {t.document_type(item.document_type)}
                            }
                        }
                        StatePill { state: item.state }
                    }
                }
            }
        }
        if remaining > 0 {
            div { class: "actions",
                button {
                    r#type: "button",
                    class: "secondary",
                    onclick: move |_| limit += PAGE,
                    {fill(t.items_more, &[("n", &remaining.min(PAGE).to_string())])}
                }
            }
        }
        // The end of a round: what was not delivered goes back to the office.
        if !needs_count && pending + failed > 0 {
            div { class: "actions",
                button {
                    r#type: "button",
                    class: "secondary",
                    id: "open-return",
                    onclick: move |_| app.go(Route::Return(manifest)),
                    "{c.return_open}"
                }
            }
        }
    }
}
