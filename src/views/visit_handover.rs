//! A collective handover at a visit: the cards of the visit's BA still to hand over (pending
//! or failed), all ticked at first, given to an official of the pekon who passes them on. The
//! official's name and position are required (said under each field); the place and one
//! photo come through the same controls as the check-in. Saved through the worker; the cards
//! become delivered on the phone.

use std::collections::HashSet;
use std::path::PathBuf;

use antar_domain::attempt::GpsFix;
use antar_domain::ids::{ItemId, ManifestId, VisitId};
use antar_domain::state::ItemState;
use dioxus::prelude::*;

use crate::components::{GOOD_ACCURACY_M, PhotoControl, PositionControl};
use crate::state::listing::masked_nik;
use crate::state::{Action, Command, HandoverForm, VisitCommand, handover_cards, use_app};
use crate::strings::fill;

/// One card on the list, as shown.
#[derive(Clone, PartialEq)]
struct Card {
    id: ItemId,
    line: u32,
    owner: String,
    nik: String,
    state: ItemState,
}

#[component]
pub fn Handover(visit: VisitId, manifest: ManifestId) -> Element {
    let app = use_app();
    let mut unticked = use_signal(HashSet::<ItemId>::new);
    let photo = use_signal(|| None::<PathBuf>);
    let fix = use_signal(|| None::<GpsFix>);
    let wait_better = use_signal(|| false);
    let mut name = use_signal(String::new);
    let mut position = use_signal(String::new);
    let mut note = use_signal(String::new);

    let state = app.state.read();
    let t = state.strings();
    let v = t.visits();
    let Some(ba) = state.manifest.as_ref().filter(|m| m.id == manifest) else {
        return rsx! { p { "{t.loading}" } };
    };
    let number = ba.number.to_string();
    let cards: Vec<Card> = handover_cards(ba)
        .into_iter()
        .map(|item| Card {
            id: item.id,
            line: item.line,
            owner: item.owner_name.clone(),
            nik: masked_nik(item.nik.last_digits(4)),
            state: item.state,
        })
        .collect();
    let errors = state.visits.handover_errors.clone().unwrap_or_default();
    let saving = state.busy == Some(Action::Handover);
    drop(state);

    let intro = fill(v.handover_intro, &[("ba", &number)]);
    if cards.is_empty() {
        return rsx! {
            p { class: "hint", "{intro}" }
            p { class: "notice", id: "handover-none", "{v.handover_cards_none}" }
        };
    }
    let all: Vec<ItemId> = cards.iter().map(|card| card.id).collect();
    let ticked = all
        .iter()
        .filter(|id| !unticked.read().contains(id))
        .count();
    let waiting_for_accuracy = wait_better()
        && !fix
            .read()
            .is_some_and(|f| f.accuracy_m() <= GOOD_ACCURACY_M);
    let save = move |event: FormEvent| {
        event.prevent_default();
        let form = HandoverForm {
            items: all
                .iter()
                .copied()
                .filter(|id| !unticked.read().contains(id))
                .collect(),
            official_name: name(),
            official_position: position(),
            note: note(),
        };
        let mut state = app.state;
        match form.to_input(visit, manifest, fix(), photo(), t) {
            Ok(input) => {
                state.write().visits.handover_errors = None;
                app.send(
                    Command::Visit(VisitCommand::Handover(input)),
                    Some(Action::Handover),
                );
            }
            Err(errors) => state.write().visits.handover_errors = Some(errors),
        }
    };
    let total = cards.len().to_string();
    rsx! {
        form { onsubmit: save,
            p { class: "hint", "{intro}" }
            section { class: "panel", id: "handover-cards", "aria-labelledby": "handover-cards-title",
                h3 { id: "handover-cards-title",
                    {fill(v.handover_cards, &[("n", &ticked.to_string()), ("total", &total)])}
                }
                for card in cards {
                    label { class: "item handover-card", key: "{card.id}",
                        input {
                            r#type: "checkbox",
                            style: "width:auto;min-height:0",
                            "data-line": card.line,
                            checked: !unticked.read().contains(&card.id),
                            onchange: move |event: FormEvent| {
                                if event.checked() {
                                    unticked.write().remove(&card.id);
                                } else {
                                    unticked.write().insert(card.id);
                                }
                            },
                        }
                        span { class: "who",
                            strong { "{card.owner}" }
                            span { class: "where",
                                {fill(v.handover_line, &[("line", &card.line.to_string())])}
                                " · {card.nik}"
                            }
                        }
                        span { class: if card.state == ItemState::Failed { "pill failed" } else { "pill pending" },
                            "{t.state(card.state)}"
                        }
                    }
                }
                if let Some(text) = &errors.cards {
                    p { class: "field-error", id: "handover-cards-error", role: "alert", "{text}" }
                }
            }
            label { r#for: "official-name", "{v.handover_official_name}" }
            input {
                id: "official-name",
                autocomplete: "off",
                "aria-invalid": errors.name.is_some(),
                "aria-describedby": "official-name-error",
                initial_value: name.peek().clone(),
                oninput: move |e: FormEvent| name.set(e.value()),
            }
            if let Some(text) = &errors.name {
                p { class: "field-error", id: "official-name-error", role: "alert", "{text}" }
            }
            label { r#for: "official-position", "{v.handover_official_position}" }
            input {
                id: "official-position",
                autocomplete: "off",
                placeholder: v.handover_position_hint,
                "aria-invalid": errors.position.is_some(),
                "aria-describedby": "official-position-error",
                initial_value: position.peek().clone(),
                oninput: move |e: FormEvent| position.set(e.value()),
            }
            if let Some(text) = &errors.position {
                p { class: "field-error", id: "official-position-error", role: "alert", "{text}" }
            }
            PositionControl { fix, wait_better }
            PhotoControl { photo, title: v.handover_photo }
            label { r#for: "handover-note", "{t.attempt_note}" }
            textarea { id: "handover-note", rows: 2, placeholder: v.handover_note_hint,
                initial_value: note.peek().clone(),
                oninput: move |e: FormEvent| note.set(e.value()) }
            if let Some(text) = &errors.note {
                p { class: "field-error", id: "handover-note-error", role: "alert", "{text}" }
            }
            div { class: "actions",
                button { r#type: "submit", class: "wide", id: "save",
                    disabled: saving || waiting_for_accuracy,
                    if saving { "{t.attempt_saving}" } else { "{v.handover_save}" }
                }
            }
        }
    }
}
