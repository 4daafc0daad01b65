//! Enrolling the phone: the office's address and the one-time code from the staff.

use dioxus::prelude::*;

use crate::components::focus_field;

use crate::state::{Action, Command, use_app};
use crate::strings::fill;
use antar_domain::enroll_link::EnrollLink;

#[component]
pub fn Enroll() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let known_url = state
        .status
        .as_ref()
        .and_then(|s| s.office_url.clone())
        .unwrap_or_default();
    let busy = state.busy == Some(Action::Enroll);
    // Enrolling again with unsent records: they are sent only if the new code is for the same
    // courier (the office accepts a courier's earlier device ids), so say so before it happens.
    let unsent = state
        .status
        .as_ref()
        .filter(|s| s.enrolled)
        .map_or(0, |s| s.outbox.events);
    let unsent_text = fill(t.enroll_unsent, &[("n", &unsent.to_string())]);
    drop(state);
    let mut office_url = use_signal(move || known_url);
    let mut code = use_signal(String::new);
    let submit = move |event: FormEvent| {
        event.prevent_default();
        // The office's QR code (or its link, pasted into the address) carries both.
        let typed = office_url.read().trim().to_owned();
        let command = match EnrollLink::parse(&typed) {
            Some(link) => Command::Enroll {
                office_url: link.office_url,
                code: link.code,
            },
            None => Command::Enroll {
                office_url: typed,
                code: code.read().trim().to_owned(),
            },
        };
        app.send(command, Some(Action::Enroll));
    };
    rsx! {
        form { onsubmit: submit,
            p { "{t.enroll_intro}" }
            if unsent > 0 {
                p { class: "notice error", role: "alert", id: "enroll-unsent", "{unsent_text}" }
            }
            label { r#for: "office-url", "{t.enroll_office_url}" }
            input {
                id: "office-url",
                r#type: "text",
                inputmode: "url",
                autocomplete: "url",
                onmounted: focus_field,
                placeholder: t.enroll_office_url_hint,
                initial_value: office_url.peek().clone(),
                oninput: move |e: FormEvent| office_url.set(e.value()),
            }
            label { r#for: "enroll-code", "{t.enroll_code}" }
            input {
                id: "enroll-code",
                r#type: "text",
                autocomplete: "off",
                "autocapitalize": "characters",
                placeholder: t.enroll_code_hint,
                initial_value: code.peek().clone(),
                oninput: move |e: FormEvent| code.set(e.value()),
            }
            div { class: "actions",
                button { r#type: "submit", disabled: busy,
                    if busy { "{t.enroll_working}" } else { "{t.enroll_submit}" }
                }
            }
        }
    }
}
