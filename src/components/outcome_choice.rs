//! The outcome of one person at a visit, tap-light: the nine outcomes as big buttons, the
//! IKD activation (only for someone the team met) and a note. Shared by the listed person's
//! screen and the walk-in form.

use antar_domain::visit::{IkdOutcome, RecordingOutcome};
use dioxus::prelude::*;

use crate::components::focus;
use crate::state::use_app;

#[component]
pub fn OutcomeChoice(
    outcome: Signal<Option<RecordingOutcome>>,
    ikd: Signal<Option<IkdOutcome>>,
    note: Signal<String>,
    /// Put the focus on the first outcome (not when a text field comes first).
    #[props(default)]
    focus_first: bool,
) -> Element {
    let t = use_app().state.read().strings();
    let v = t.visits();
    let words = t.words();
    let met = outcome().is_some_and(RecordingOutcome::met);
    rsx! {
        fieldset { class: "choice outcomes",
            legend { "{t.attempt_outcome}" }
            for (index, choice) in RecordingOutcome::ALL.iter().copied().enumerate() {
                button {
                    r#type: "button",
                    class: if outcome() == Some(choice) { "chosen" } else { "" },
                    "aria-pressed": outcome() == Some(choice),
                    "data-outcome": choice.code(),
                    onmounted: move |event: MountedEvent| async move {
                        if index == 0 && focus_first {
                            focus(event).await;
                        }
                    },
                    onclick: move |_| outcome.set(Some(choice)),
                    {words.recording_outcome(choice)}
                }
            }
        }
        if met {
            fieldset { class: "choice ikd",
                legend { "{v.person_ikd}" }
                for choice in IkdOutcome::ALL.iter().copied() {
                        button {
                            r#type: "button",
                            class: if ikd() == Some(choice) { "chosen" } else { "" },
                            "aria-pressed": ikd() == Some(choice),
                            // A second tap takes the choice back: IKD is optional.
                            onclick: move |_| {
                                let again = ikd() == Some(choice);
                                ikd.set((!again).then_some(choice));
                            },
                            {words.ikd_outcome(choice)}
                        }
                }
            }
        }
        if outcome().is_some() {
            label { r#for: "visit-note", "{t.attempt_note}" }
            textarea { id: "visit-note", rows: 2, placeholder: t.attempt_note_hint,
                initial_value: note.peek().clone(),
                oninput: move |e: FormEvent| note.set(e.value()) }
        }
    }
}
