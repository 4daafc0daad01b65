//! Someone who came without being on the list: the NIK as typed (checked by the device, its
//! refusal shown under the field in Indonesian), an optional name, then the same outcome
//! buttons as a listed person.

use antar_domain::ids::VisitId;
use antar_domain::visit::{IkdOutcome, RecordingOutcome};
use dioxus::prelude::*;

use crate::components::{OutcomeChoice, focus_field};
use crate::state::{Action, Command, OutcomeForm, VisitCommand, Who, use_app};

#[component]
pub fn WalkIn(visit: VisitId) -> Element {
    let app = use_app();
    let mut nik = use_signal(String::new);
    let mut name = use_signal(String::new);
    let outcome = use_signal(|| None::<RecordingOutcome>);
    let ikd = use_signal(|| None::<IkdOutcome>);
    let note = use_signal(String::new);
    let mut error = use_signal(|| None::<String>);
    let state = app.state.read();
    let t = state.strings();
    let v = t.visits();
    let saving = state.busy == Some(Action::WalkIn);
    // The device's word on the NIK (or the age it gives) goes under the field.
    let nik_error = state.visits.walk_in_error.clone();
    let nik_invalid = nik_error.is_some();
    drop(state);
    let save = move |event: FormEvent| {
        event.prevent_default();
        let form = OutcomeForm {
            outcome: outcome(),
            ikd: ikd(),
            note: note(),
        };
        let typed = Who::Typed {
            nik: &nik.read(),
            name: &name.read(),
        };
        match form.to_input(visit, typed, t) {
            Ok(input) => {
                error.set(None);
                let mut state = app.state;
                state.write().visits.walk_in_error = None;
                app.send(
                    Command::Visit(VisitCommand::Outcome(input)),
                    Some(Action::WalkIn),
                );
            }
            Err(text) => error.set(Some(text)),
        }
    };
    rsx! {
        form { onsubmit: save,
            p { class: "hint", "{v.walk_in_intro}" }
            label { r#for: "walk-in-nik", "{v.walk_in_nik}" }
            input {
                id: "walk-in-nik",
                inputmode: "numeric",
                autocomplete: "off",
                maxlength: 24,
                onmounted: focus_field,
                placeholder: v.walk_in_nik_hint,
                "aria-invalid": nik_invalid,
                "aria-describedby": "walk-in-nik-error",
                initial_value: nik.peek().clone(),
                oninput: move |e: FormEvent| {
                    nik.set(e.value());
                    let mut state = app.state;
                    if state.peek().visits.walk_in_error.is_some() {
                        state.write().visits.walk_in_error = None;
                    }
                },
            }
            if let Some(text) = nik_error {
                p { class: "field-error", id: "walk-in-nik-error", role: "alert", "{text}" }
            }
            label { r#for: "walk-in-name", "{v.walk_in_name}" }
            input { id: "walk-in-name", autocomplete: "off", initial_value: name.peek().clone(),
                oninput: move |e: FormEvent| name.set(e.value()) }
            OutcomeChoice { outcome, ikd, note }
            if let Some(text) = error() {
                p { class: "notice error", role: "alert", "{text}" }
            }
            div { class: "actions",
                button { r#type: "submit", class: "wide", id: "save", disabled: saving,
                    if saving { "{t.attempt_saving}" } else { "{t.attempt_save}" }
                }
            }
        }
    }
}
