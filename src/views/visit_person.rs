//! One person at a visit: who (name, the NIK's last digits, category, address), what was
//! recorded last, and the outcome buttons. Saving again corrects the last outcome.

use antar_domain::ids::VisitId;
use antar_domain::visit::{IkdOutcome, RecordingOutcome};
use dioxus::prelude::*;

use crate::components::OutcomeChoice;
use crate::state::listing::masked_nik;
use crate::state::{Action, Command, OutcomeForm, VisitCommand, Who, use_app};
use crate::strings::fill;

#[component]
pub fn PersonOutcome(visit: VisitId) -> Element {
    let app = use_app();
    let outcome = use_signal(|| None::<RecordingOutcome>);
    let ikd = use_signal(|| None::<IkdOutcome>);
    let note = use_signal(String::new);
    let mut error = use_signal(|| None::<String>);
    let state = app.state.read();
    let t = state.strings();
    let v = t.visits();
    let Some(person) = state.visits.person.clone() else {
        return rsx! { p { "{t.loading}" } };
    };
    let saving = state.busy == Some(Action::VisitOutcome) || state.busy == Some(Action::WalkIn);
    drop(state);
    let words = t.words();
    let category = match person.category() {
        Some(category) => words.phone_category(category),
        None => v.visit_walk_in_mark,
    };
    let latest = person.outcome.map(|outcome| {
        let mut text = words.recording_outcome(outcome).to_owned();
        if let Some(ikd) = person.ikd {
            text = format!("{text} · {}", words.ikd_outcome(ikd));
        }
        fill(v.person_latest, &[("outcome", &text)])
    });
    let card = person.card.clone();
    let walk_in = person.is_walk_in();
    let save = move |event: FormEvent| {
        event.prevent_default();
        let form = OutcomeForm {
            outcome: outcome(),
            ikd: ikd(),
            note: note(),
        };
        let Some(person) = app.state.read().visits.person.clone() else {
            return;
        };
        match form.to_input(visit, Who::Listed(&person), t) {
            Ok(input) => {
                error.set(None);
                let busy = if walk_in {
                    Action::WalkIn
                } else {
                    Action::VisitOutcome
                };
                app.send(Command::Visit(VisitCommand::Outcome(input)), Some(busy));
            }
            Err(text) => error.set(Some(text)),
        }
    };
    rsx! {
        form { onsubmit: save,
            p { class: "big", "{person.name}" }
            p { class: "hint", id: "person-nik", "{masked_nik(person.nik.last_digits(4))} · {category}" }
            if let Some(card) = card {
                p { class: "hint",
                    {format!("{}, RT {}/RW {} · {} {}", card.address.alamat, card.address.rt, card.address.rw, v.person_born, card.birth_date.format("%d-%m-%Y"))}
                }
                if let Some(note) = card.note {
                    p { class: "hint", "{note}" }
                }
            }
            if let Some(latest) = latest {
                p { class: "notice", id: "person-latest", "{latest}" }
                p { class: "hint", "{v.person_correct}" }
            }
            OutcomeChoice { outcome, ikd, note, focus_first: true }
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
