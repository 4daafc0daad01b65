//! Taking the proof photo: on a phone the camera (a capture input read back from the
//! webview), on the desktop a file dialog or a typed path; once chosen, a small preview of it,
//! made off the screen's thread. The chosen file is only a source: the device makes the
//! stamped proof from it when the attempt is saved.

use std::path::PathBuf;

use dioxus::prelude::*;

use super::focus_field;
use crate::platform::{CAMERA_INPUT_ID, Camera};
use crate::state::use_app;
use crate::state::{Boot, use_platform};
use crate::strings::fill;

/// Long side of the preview, in pixels: a thumb's width on a 360 px screen at 2× density.
const PREVIEW_LONG_SIDE: u32 = 240;

#[component]
pub fn PhotoControl(
    photo: Signal<Option<PathBuf>>,
    /// The panel's heading; the proof photo's unless said (a check-in's activity photos).
    title: Option<&'static str>,
    /// Whether taking the photo is the screen's first step (the keyboard starts there).
    #[props(default)]
    focus_first: bool,
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
    let preview = use_resource(move || {
        let chosen = photo();
        async move { preview_url(chosen?).await }
    });
    let preview = preview.read().clone().flatten();
    let preview_shown = preview.is_some();
    rsx! {
        section { class: "panel photo", "aria-labelledby": "photo-title",
            h3 { id: "photo-title", {title.unwrap_or(t.attempt_photo)} }
            div { class: "photo-take",
                match camera {
                    Camera::WebviewCapture => rsx! { PhoneCamera { photo } },
                    Camera::FilePicker => rsx! { FilePicker { photo } },
                }
                if let Some(url) = preview {
                    img { class: "preview", id: "photo-preview", src: "{url}", alt: t.attempt_photo_preview }
                }
            }
            if camera == Camera::FilePicker {
                TypedPath { photo, focus_first }
            }
            // Once the preview shows what was taken, its file name is for screen readers only.
            p { class: if preview_shown { "visually-hidden" } else { "hint" }, id: "photo-status", "{status}" }
        }
    }
}

/// The preview of `path` as a `data:` URL, made on a thread of its own (decoding a 12 MP
/// JPEG, even at 1/8, is no work for the screen's thread); `None` if it cannot be read —
/// saving then says why.
async fn preview_url(path: PathBuf) -> Option<String> {
    use base64::Engine;
    let (done, answer) = futures_channel::oneshot::channel();
    std::thread::spawn(move || {
        let made = antar_device::photo_preview(
            &path,
            PREVIEW_LONG_SIDE,
            &antar_device::ProofOptions::default(),
        );
        let _ = done.send(made);
    });
    let jpeg = answer.await.ok()?.ok()?;
    Some(format!(
        "data:image/jpeg;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(jpeg)
    ))
}

#[component]
fn FilePicker(photo: Signal<Option<PathBuf>>) -> Element {
    let t = use_app().state.read().strings();
    rsx! {
        label { r#for: "photo-file", class: "button secondary", "{t.attempt_photo_take}" }
        input {
            id: "photo-file",
            r#type: "file",
            class: "visually-hidden",
            accept: ".jpg,.jpeg,image/jpeg",
            onchange: move |event: FormEvent| {
                if let Some(file) = event.files().first() {
                    photo.set(Some(file.path()));
                }
            },
        }
    }
}

/// The desktop's other way to a photo: its path typed (or pasted).
#[component]
fn TypedPath(photo: Signal<Option<PathBuf>>, focus_first: bool) -> Element {
    let t = use_app().state.read().strings();
    rsx! {
        input {
            id: "photo-path",
            r#type: "text",
            "aria-label": t.attempt_photo_path,
            placeholder: t.attempt_photo_path,
            onmounted: move |event: MountedEvent| async move {
                if focus_first {
                    focus_field(event).await;
                }
            },
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
