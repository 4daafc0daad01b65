//! Taking the proof photo: on a phone the camera (a capture input read back from the
//! webview), on the desktop a file dialog or a typed path. The chosen file is only a source:
//! the device makes the stamped proof from it when the attempt is saved.

use std::path::PathBuf;

use dioxus::prelude::*;

use crate::platform::{CAMERA_INPUT_ID, Camera};
use crate::state::use_app;
use crate::state::{Boot, use_platform};
use crate::strings::fill;

#[component]
pub fn PhotoControl(
    photo: Signal<Option<PathBuf>>,
    /// The panel's heading; the proof photo's unless said (a check-in's activity photos).
    title: Option<&'static str>,
) -> Element {
    let t = use_app().state.read().strings();
    let camera = use_platform().camera();
    let chosen = photo.read().clone();
    let status = match &chosen {
        Some(path) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            fill(t.attempt_photo_chosen, &[("name", &name)])
        }
        None => t.attempt_photo_none.to_owned(),
    };
    rsx! {
        section { class: "panel", "aria-labelledby": "photo-title",
            h3 { id: "photo-title", {title.unwrap_or(t.attempt_photo)} }
            match camera {
                Camera::WebviewCapture => rsx! { PhoneCamera { photo } },
                Camera::FilePicker => rsx! { FilePicker { photo } },
            }
            p { class: "hint", id: "photo-status", "{status}" }
        }
    }
}

#[component]
fn FilePicker(photo: Signal<Option<PathBuf>>) -> Element {
    let t = use_app().state.read().strings();
    rsx! {
        label { r#for: "photo-file", class: "button secondary", "{t.attempt_photo_take}" }
        input {
            id: "photo-file",
            r#type: "file",
            accept: ".jpg,.jpeg,image/jpeg",
            onchange: move |event: FormEvent| {
                if let Some(file) = event.files().first() {
                    photo.set(Some(file.path()));
                }
            },
        }
        label { r#for: "photo-path", "{t.attempt_photo_path}" }
        input {
            id: "photo-path",
            r#type: "text",
            placeholder: t.attempt_photo_path_hint,
            oninput: move |event: FormEvent| {
                let typed = event.value();
                let typed = typed.trim();
                photo.set((!typed.is_empty()).then(|| PathBuf::from(typed)));
            },
        }
    }
}

#[component]
fn PhoneCamera(photo: Signal<Option<PathBuf>>) -> Element {
    let t = use_app().state.read().strings();
    let camera_dir = try_consume_context::<Boot>().map(|boot| boot.data_dir.join("camera"));
    let mut error = use_signal(|| None::<String>);
    use_future(move || {
        let camera_dir = camera_dir.clone();
        async move {
            let Some(dir) = camera_dir else { return };
            loop {
                match crate::platform::next_capture(&dir).await {
                    Ok(path) => photo.set(Some(path)),
                    Err(text) => {
                        error.set(Some(text));
                        break;
                    }
                }
            }
        }
    });
    rsx! {
        // No Dioxus handler on this input: one would cancel the camera on Android/iOS.
        label { r#for: CAMERA_INPUT_ID, class: "button", "{t.attempt_photo_take}" }
        input {
            id: CAMERA_INPUT_ID,
            r#type: "file",
            accept: "image/*",
            "capture": "environment",
            style: "position:absolute;left:-9999px",
        }
        if let Some(text) = error() {
            p { class: "notice error", "{text}" }
        }
    }
}
