//! Recording an attempt at the door, the outcome already chosen on the document's screen:
//! who took it or why it failed, the proof photo (shown once taken), the position with its
//! place check in one line, then save — always in sight at the bottom, to the phone,
//! whatever the signal. Delivered to the owner: the photo, then save.

use std::path::PathBuf;

use antar_domain::attempt::{GpsFix, OfficialPosition, OutcomeKind, Relationship};
use antar_domain::ids::{ItemId, ManifestId};
use dioxus::prelude::*;

use crate::components::{GOOD_ACCURACY_M, PhotoControl, PositionControl};
use crate::state::AttemptForm;
use crate::state::{Action, Command, use_app};

#[component]
pub fn RecordAttempt(manifest: ManifestId, item: ItemId, chosen: OutcomeKind) -> Element {
    let app = use_app();
    // Chosen on the document's screen; changing it goes back there.
    let outcome = move || Some(chosen);
    let mut recipient = use_signal(String::new);
    let mut relationship = use_signal(|| None::<Relationship>);
    let mut position = use_signal(|| None::<OfficialPosition>);
    let mut reason = use_signal(|| None::<String>);
    let mut note = use_signal(String::new);
    let photo = use_signal(|| None::<PathBuf>);
    let fix = use_signal(|| None::<GpsFix>);
    let wait_better = use_signal(|| false);
    let mut error = use_signal(|| None::<String>);

    // The place check is the device's, offline: ask again whenever the fix changes.
    use_effect(move || {
        let fix = *fix.read();
        app.send(Command::PreviewPlace { item_id: item, fix }, None);
    });

    let state = app.state.read();
    let t = state.strings();
    let Some(found) = state.item(manifest, item) else {
        return rsx! { p { "{t.loading}" } };
    };
    let owner = found.owner_name.clone();
    let verdict = state
        .place
        .as_ref()
        .filter(|(id, _)| *id == item)
        .map(|(_, v)| v.clone());
    let saving = state.busy == Some(Action::Record);
    drop(state);

    let waiting_for_accuracy = wait_better()
        && !fix
            .read()
            .is_some_and(|f| f.accuracy_m() <= GOOD_ACCURACY_M);
    let save = move |event: FormEvent| {
        event.prevent_default();
        let form = AttemptForm {
            outcome: outcome(),
            recipient: recipient(),
            relationship: relationship(),
            position: position(),
            reason: reason(),
            note: note(),
            photo: photo(),
            fix: fix(),
        };
        match form.to_input(item, t) {
            Ok(input) => {
                error.set(None);
                app.send(Command::Record(input), Some(Action::Record));
            }
            Err(text) => error.set(Some(text)),
        }
    };
    let reasons = t.reasons();
    rsx! {
        form { onsubmit: save,
            p { class: "who", "{owner}" }
            // Chosen on the document's screen, which also offers the others.
            p { class: "chosen-outcome", id: "chosen-outcome",
                strong { {t.words().outcome(chosen)} }
                button { r#type: "button", class: "link", onclick: move |_| app.back(), "{t.attempt_change}" }
            }
            if outcome() == Some(OutcomeKind::DeliveredToFamily) {
                label { r#for: "recipient", "{t.attempt_recipient}" }
                input { id: "recipient", placeholder: t.attempt_recipient_hint, initial_value: recipient.peek().clone(),
                    oninput: move |e: FormEvent| recipient.set(e.value()) }
                label { r#for: "relationship", "{t.attempt_relationship}" }
                select { id: "relationship",
                    onchange: move |e: FormEvent| relationship.set(Relationship::parse(&e.value()).ok()),
                    option { value: "", "{t.attempt_choose}" }
                    for r in Relationship::ALL {
                        option { value: r.code(), selected: relationship() == Some(r), {t.relationship(r)} }
                    }
                }
            }
            if outcome() == Some(OutcomeKind::LeftWithOfficial) {
                label { r#for: "recipient", "{t.attempt_official}" }
                input { id: "recipient", placeholder: t.attempt_official_hint, initial_value: recipient.peek().clone(),
                    oninput: move |e: FormEvent| recipient.set(e.value()) }
                label { r#for: "position", "{t.attempt_position}" }
                select { id: "position",
                    onchange: move |e: FormEvent| position.set(OfficialPosition::parse(&e.value()).ok()),
                    option { value: "", "{t.attempt_choose}" }
                    for p in OfficialPosition::ALL {
                        option { value: p.code(), selected: position() == Some(p), {t.official_position(p)} }
                    }
                }
            }
            if outcome() == Some(OutcomeKind::Failed) {
                label { r#for: "reason", "{t.attempt_reason}" }
                select { id: "reason",
                    onchange: move |e: FormEvent| {
                        let value = e.value();
                        reason.set((!value.is_empty()).then_some(value));
                    },
                    option { value: "", "{t.attempt_choose}" }
                    for (code, label) in reasons {
                        option { value: code, selected: reason().as_deref() == Some(code), "{label}" }
                    }
                }
            }
            PhotoControl { photo, focus_first: true }
            PositionControl { fix, wait_better, verdict }
            // A note is asked for by a failure's reason "Lainnya"; otherwise it waits folded.
            if outcome() == Some(OutcomeKind::Failed) {
                label { r#for: "note", "{t.attempt_note}" }
                textarea { id: "note", rows: 2, placeholder: t.attempt_note_hint, initial_value: note.peek().clone(),
                    oninput: move |e: FormEvent| note.set(e.value()) }
            } else {
                details { class: "note",
                    summary { "{t.attempt_note_add}" }
                    textarea { id: "note", rows: 2, placeholder: t.attempt_note_hint, initial_value: note.peek().clone(),
                        oninput: move |e: FormEvent| note.set(e.value()) }
                }
            }
            if let Some(text) = error() {
                p { class: "notice error", role: "alert", "{text}" }
            }
            div { class: "actions sticky",
                button { r#type: "submit", class: "wide", id: "save", disabled: saving || waiting_for_accuracy,
                    if saving { "{t.attempt_saving}" } else { "{t.attempt_save}" }
                }
            }
        }
    }
}
