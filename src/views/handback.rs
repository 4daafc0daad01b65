//! Documents handed back to the office at the end of a round: the BA's documents not yet
//! delivered, those that failed at the door chosen at first with their last reason; each
//! chosen one needs a reason; the bundle's count follows the choice unless typed. Saved
//! through the worker; the documents leave the courier's list.

use std::collections::{HashMap, HashSet};

use antar_domain::attempt::FailureReason;
use antar_domain::ids::ManifestId;
use dioxus::prelude::*;

use crate::components::StatePill;
use crate::state::{Action, Command, ReturnForm, use_app};
use crate::strings::fill;

#[component]
pub fn Handback(manifest: ManifestId) -> Element {
    let app = use_app();
    // Lines whose choice the courier flipped from the first one, and reasons picked here.
    let mut flipped = use_signal(HashSet::<u32>::new);
    let mut picked = use_signal(HashMap::<u32, FailureReason>::new);
    let mut counted = use_signal(String::new);
    let mut refused = use_signal(|| None::<String>);
    let state = app.state.read();
    let t = state.strings();
    let c = t.custody();
    let (Some(ba), Some((_, candidates))) = (
        state.manifest.as_ref().filter(|m| m.id == manifest),
        state.handback.as_ref().filter(|(id, _)| *id == manifest),
    ) else {
        return rsx! { p { "{t.loading}" } };
    };
    let intro = fill(c.return_intro, &[("ba", ba.number.as_str())]);
    let candidates = candidates.clone();
    let saving = state.busy == Some(Action::Return);
    drop(state);

    if candidates.is_empty() {
        return rsx! {
            p { class: "hint", "{intro}" }
            p { class: "notice", id: "return-none", "{c.return_none}" }
        };
    }
    let chosen: Vec<(u32, Option<FailureReason>)> = candidates
        .iter()
        .filter(|cand| ReturnForm::chosen_at_first(cand) != flipped.read().contains(&cand.line))
        .map(|cand| {
            let reason = picked.read().get(&cand.line).cloned();
            (cand.line, reason.or_else(|| cand.last_reason.clone()))
        })
        .collect();
    let listed = chosen.len();
    let typed = counted.read().trim().parse::<usize>().ok();
    let short = typed.is_some_and(|n| n < listed);
    let form = ReturnForm {
        chosen: chosen.clone(),
        counted: counted(),
    };
    let save = move |event: FormEvent| {
        event.prevent_default();
        match form.to_input(manifest, c) {
            Ok(input) => {
                refused.set(None);
                app.send(Command::Return(input), Some(Action::Return));
            }
            Err(text) => refused.set(Some(text)),
        }
    };
    let reasons = t.reasons();
    rsx! {
        form { onsubmit: save,
            p { class: "hint", "{intro}" }
            for cand in candidates {
                div { class: "item return-line", key: "{cand.item_id}",
                    label { class: "who",
                        input {
                            r#type: "checkbox",
                            style: "width:auto;min-height:0",
                            "data-line": cand.line,
                            checked: chosen.iter().any(|(line, _)| *line == cand.line),
                            onchange: move |_| {
                                let mut flipped = flipped.write();
                                if !flipped.remove(&cand.line) {
                                    flipped.insert(cand.line);
                                }
                            },
                        }
                        strong { "{cand.owner_name}" }
                        span { class: "where",
                            {fill(t.item_line, &[("n", &cand.line.to_string())])}
                            " · {cand.desa_name}"
                        }
                    }
                    StatePill { state: cand.state }
                    if let Some((_, reason)) = chosen.iter().find(|(line, _)| *line == cand.line) {
                        select {
                            id: "reason-{cand.line}",
                            "aria-label": fill(c.return_reason, &[("line", &cand.line.to_string())]),
                            onchange: move |e: FormEvent| {
                                // "Lainnya" needs the note the attempt screen takes: here
                                // only the reasons that stand alone are offered.
                                if let Ok(reason) = FailureReason::parse(&e.value(), None) {
                                    picked.write().insert(cand.line, reason);
                                }
                            },
                            option { value: "", "{c.return_reason_pick}" }
                            for (code, label) in reasons.iter().filter(|(code, _)| *code != "other") {
                                option { value: *code, selected: reason.as_ref().is_some_and(|r| r.code() == *code), "{label}" }
                            }
                            if let Some(other @ FailureReason::Other { .. }) = reason {
                                option { value: "other", selected: true, {t.reason(other)} }
                            }
                        }
                    }
                }
            }
            p { class: "count-summary", id: "return-summary", role: "status",
                {fill(c.return_summary, &[("n", &listed.to_string())])}
            }
            label { r#for: "return-counted", "{c.return_counted}" }
            input {
                id: "return-counted",
                r#type: "number",
                inputmode: "numeric",
                min: "0",
                placeholder: "{listed}",
                initial_value: counted.peek().clone(),
                oninput: move |e: FormEvent| counted.set(e.value()),
            }
            if short {
                p { class: "hint", id: "return-short", "{c.return_short}" }
            }
            if let Some(text) = refused() {
                p { class: "field-error", id: "return-error", role: "alert", "{text}" }
            }
            div { class: "actions sticky",
                button { r#type: "submit", class: "wide", id: "save", disabled: saving, "{c.return_save}" }
            }
        }
    }
}
