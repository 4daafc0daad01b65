//! The root of the window: starts the device worker, folds its updates into the state, and
//! lays out the shell (top bar, banners, the current screen, bottom bar).

use dioxus::prelude::*;
use futures_util::StreamExt;

use crate::components::{BottomNav, NoticeBar, TopBar};
use crate::platform;
use crate::state::{
    App, AppState, AutoSync, Boot, Command, DeviceHandle, Route, Settings, use_app,
};
use crate::views;

/// The stylesheet, compiled in: a plain `cargo run` has no asset server for `asset!()`.
pub const CSS: &str = include_str!("../assets/app.css");

#[component]
pub fn Root() -> Element {
    let boot = use_context::<Boot>();
    let started = use_hook(|| {
        let settings = Settings::load(&boot.data_dir);
        let options = settings.photo_size.proof_options();
        let mut state = AppState::new(settings);
        match DeviceHandle::start(boot.data_dir.clone(), options, AutoSync::default()) {
            Ok((device, updates)) => {
                let app = App::provide(state, Some(device), platform::current());
                spawn(apply_updates(app, updates));
                Ok(())
            }
            Err(error) => {
                let text = state.strings().error(&error);
                tracing::error!("device store could not be opened");
                state.notice = Some(crate::state::Notice {
                    kind: crate::state::NoticeKind::Error,
                    text: text.clone(),
                });
                App::provide(state, None, platform::current());
                Err(text)
            }
        }
    });
    rsx! {
        style { {CSS} }
        if let Err(text) = started {
            div { class: "app", main { p { class: "notice error", "{text}" } } }
        } else {
            Shell {}
        }
    }
}

async fn apply_updates(
    app: App,
    mut updates: futures_channel::mpsc::UnboundedReceiver<crate::state::Update>,
) {
    let mut state = app.state;
    while let Some(update) = updates.next().await {
        let (reopen, requery) = {
            let mut state = state.write();
            state.apply(update);
            (state.reopen.take(), state.take_visit_requery())
        };
        if let Some(id) = reopen {
            app.send(Command::OpenManifest(id), None);
        }
        if let Some(command) = requery {
            app.send(command, None);
        }
    }
}

/// The frame every screen sits in.
#[component]
pub fn Shell() -> Element {
    let app = use_app();
    let state = app.state.read();
    let route = state.route;
    let enrolled = state.enrolled();
    drop(state);
    use_future(move || keyboard_shortcuts(app));
    // A new screen starts at its top, not where the last one was scrolled to. Through a
    // memo: the effect must follow the route only, not every change of the state (a search
    // typed, an answer of the device), which would jump the screen back to its top.
    let current = use_memo(move || app.state.read().route);
    use_effect(move || {
        let _route = current();
        document::eval("window.scrollTo(0, 0);");
    });
    let screen = match route {
        Route::Enroll => rsx! { views::Enroll {} },
        Route::Manifests => rsx! { views::Manifests {} },
        Route::Manifest(id) => rsx! { views::Documents { manifest: id } },
        Route::Item(manifest, item) => rsx! { views::Document { manifest, item } },
        Route::Attempt(manifest, item, chosen) => {
            rsx! { views::RecordAttempt { manifest, item, chosen } }
        }
        Route::Count(manifest) => rsx! { views::Count { manifest } },
        Route::Return(manifest) => rsx! { views::Handback { manifest } },
        Route::Visits => rsx! { views::Visits {} },
        Route::Visit(visit) => rsx! { views::Visit { visit } },
        Route::VisitCheckin(visit) => rsx! { views::Checkin { visit } },
        Route::VisitPerson(visit) => rsx! { views::PersonOutcome { visit } },
        Route::WalkIn(visit) => rsx! { views::WalkIn { visit } },
        Route::VisitHandover(visit, manifest) => rsx! { views::Handover { visit, manifest } },
        Route::Sync => rsx! { views::SyncScreen {} },
        Route::Settings => rsx! { views::SettingsScreen {} },
        Route::About => rsx! { views::About {} },
    };
    rsx! {
        div {
            class: "app",
            lang: app.state.read().settings.lang.code(),
            TopBar {}
            main {
                NoticeBar {}
                {screen}
            }
            if enrolled {
                BottomNav {}
            }
        }
    }
}

/// Desktop keyboard: Alt+1/2/3 for the bottom bar (Alt+4 the visits), Escape for back. Listened to on the
/// window, so it works whatever has the focus (or nothing).
async fn keyboard_shortcuts(app: App) {
    const LISTEN: &str = r#"
window.addEventListener("keydown", (e) => {
  if (e.altKey && ["1", "2", "3", "4"].includes(e.key)) { e.preventDefault(); dioxus.send(e.key); }
  else if (e.key === "Escape") { dioxus.send("Escape"); }
});
await new Promise(() => {});
"#;
    let mut keys = document::eval(LISTEN);
    while let Ok(key) = keys.recv::<String>().await {
        let target = match key.as_str() {
            "1" => Route::Manifests,
            "2" => Route::Sync,
            "3" => Route::Settings,
            "4" => Route::Visits,
            _ => {
                app.back();
                continue;
            }
        };
        if app.state.read().enrolled() {
            app.top(target);
        }
    }
}
