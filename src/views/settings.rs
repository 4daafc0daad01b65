//! The courier's settings: the office's address, the language, the proof-photo size; and the
//! way to the about page.

use dioxus::prelude::*;

use crate::state::Boot;
use crate::state::{Action, Command, PhotoSize, Route, Settings, use_app};
use crate::strings::Lang;

#[component]
pub fn SettingsScreen() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let settings = state.settings.clone();
    let known_url = state
        .status
        .as_ref()
        .and_then(|s| s.office_url.clone())
        .unwrap_or_default();
    drop(state);
    let mut office_url = use_signal(move || known_url);
    let save_url = move |event: FormEvent| {
        event.prevent_default();
        app.send(
            Command::SetOfficeUrl(office_url.read().trim().to_owned()),
            Some(Action::Settings),
        );
    };
    let choose = move |settings: Settings| {
        let mut state = app.state;
        if let Some(Err(e)) =
            try_consume_context::<Boot>().map(|boot| settings.save(&boot.data_dir))
        {
            tracing::warn!("settings not saved: {e}");
        }
        app.send(
            Command::SetPhotoOptions(settings.photo_size.proof_options()),
            None,
        );
        state.write().settings = settings;
    };
    rsx! {
        form { onsubmit: save_url,
            label { r#for: "settings-url", "{t.settings_office}" }
            input { id: "settings-url", r#type: "text", inputmode: "url", initial_value: office_url.peek().clone(),
                oninput: move |e: FormEvent| office_url.set(e.value()) }
            div { class: "actions",
                button { r#type: "submit", class: "secondary", "{t.settings_office_save}" }
            }
        }
        fieldset { class: "choice", style: "border:0;padding:0",
            legend { style: "font-weight:700", "{t.settings_language}" }
            for lang in Lang::ALL {
                button {
                    r#type: "button",
                    class: if settings.lang == lang { "chosen" } else { "" },
                    "aria-pressed": settings.lang == lang,
                    onclick: {
                        let settings = settings.clone();
                        move |_| choose(Settings { lang, ..settings.clone() })
                    },
                    "{lang.own_name()}"
                }
            }
        }
        fieldset { class: "choice", style: "border:0;padding:0;margin-top:12px",
            legend { style: "font-weight:700", "{t.settings_photo}" }
            for size in PhotoSize::ALL {
                button {
                    r#type: "button",
                    class: if settings.photo_size == size { "chosen" } else { "" },
                    "aria-pressed": settings.photo_size == size,
                    onclick: {
                        let settings = settings.clone();
                        move |_| choose(Settings { photo_size: size, ..settings.clone() })
                    },
                    {size.label(t)}
                }
            }
        }
        div { class: "actions",
            // When the office has revoked this phone's token, or the courier changes.
            button { r#type: "button", class: "secondary", onclick: move |_| app.go(Route::Enroll), "{t.settings_reenroll}" }
            button { r#type: "button", class: "secondary", onclick: move |_| app.go(Route::About), "{t.settings_about}" }
        }
    }
}
