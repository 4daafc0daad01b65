//! The team's arrival at the venue: the GPS fix as the attempt screen gets it, the place
//! verdict against the visit's desa before saving, and activity photos through the same
//! picker, up to the domain's limit.

use std::path::PathBuf;

use antar_domain::attempt::GpsFix;
use antar_domain::ids::VisitId;
use antar_domain::visit::MAX_CHECKIN_PHOTOS;
use dioxus::prelude::*;

use crate::components::{GOOD_ACCURACY_M, PhotoControl, PositionControl, focus};
use crate::state::{Action, Command, VisitCommand, checkin_input, use_app};
use crate::strings::fill;

#[component]
pub fn Checkin(visit: VisitId) -> Element {
    let app = use_app();
    let mut photo = use_signal(|| None::<PathBuf>);
    let mut added = use_signal(Vec::<PathBuf>::new);
    let fix = use_signal(|| None::<GpsFix>);
    let wait_better = use_signal(|| false);
    let mut note = use_signal(String::new);
    let mut error = use_signal(|| None::<String>);

    // The verdict is the device's, offline: asked again whenever the fix changes.
    use_effect(move || {
        let fix = *fix.read();
        app.send(
            Command::Visit(VisitCommand::PreviewPlace { visit, fix }),
            None,
        );
    });

    let state = app.state.read();
    let t = state.strings();
    let v = t.visits();
    let desa = state
        .visits
        .card(visit)
        .map(|card| card.desa_name.clone())
        .unwrap_or_default();
    let verdict = state
        .visits
        .place
        .as_ref()
        .filter(|(id, _)| *id == visit)
        .map(|(_, verdict)| verdict.clone());
    let saving = state.busy == Some(Action::Checkin);
    drop(state);

    let waiting_for_accuracy = wait_better()
        && !fix
            .read()
            .is_some_and(|f| f.accuracy_m() <= GOOD_ACCURACY_M);
    let count = added.read().len() + usize::from(photo.read().is_some());
    let save = move |event: FormEvent| {
        event.prevent_default();
        match checkin_input(visit, fix(), &added.read(), photo(), &note.read()) {
            Ok(input) => {
                error.set(None);
                app.send(
                    Command::Visit(VisitCommand::Checkin(input)),
                    Some(Action::Checkin),
                );
            }
            Err(text) => error.set(Some(text)),
        }
    };
    let add_photo = move |_| {
        if let Some(path) = photo.take()
            && !added.read().contains(&path)
        {
            added.write().push(path);
        }
    };
    let names: Vec<(usize, String)> = added
        .read()
        .iter()
        .map(|path| {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .enumerate()
        .collect();
    rsx! {
        form { onsubmit: save,
            PositionControl { fix, wait_better }
            section { class: "panel", "aria-labelledby": "place-title",
                h3 { id: "place-title", "{t.attempt_place}" }
                match &verdict {
                    Some(verdict) => rsx! { p { class: "verdict {verdict.code()}", id: "place-verdict", {v.place(t, verdict)} } },
                    None => rsx! { p { class: "hint", "{t.loading}" } },
                }
                p { class: "hint", {fill(v.checkin_place_hint, &[("desa", &desa)])} }
            }
            PhotoControl { photo, title: v.checkin_photos }
            section { class: "panel", id: "checkin-photos",
                p { {fill(v.checkin_photos_count, &[("n", &count.to_string()), ("max", &MAX_CHECKIN_PHOTOS.to_string())])} }
                for (index, name) in names {
                    div { class: "row photo-row", key: "{index}",
                        span { "{name}" }
                        button { r#type: "button", class: "secondary",
                            onclick: move |_| { added.write().remove(index); },
                            "{v.checkin_photo_remove}"
                        }
                    }
                }
                // Only with a photo in the picker, so the keyboard's path to "save" is short.
                if photo.read().is_some() && count < MAX_CHECKIN_PHOTOS {
                    button { r#type: "button", class: "secondary wide", id: "add-photo", onclick: add_photo,
                        "{v.checkin_photo_add}"
                    }
                }
            }
            label { r#for: "checkin-note", "{t.attempt_note}" }
            textarea { id: "checkin-note", rows: 2, placeholder: v.checkin_note_hint,
                initial_value: note.peek().clone(),
                oninput: move |e: FormEvent| note.set(e.value()) }
            if let Some(text) = error() {
                p { class: "notice error", role: "alert", "{text}" }
            }
            div { class: "actions",
                button { r#type: "submit", class: "wide", id: "save", disabled: saving || waiting_for_accuracy,
                    onmounted: focus,
                    if saving { "{t.attempt_saving}" } else { "{v.checkin_title}" }
                }
            }
        }
    }
}
