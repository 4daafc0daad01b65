//! The courier's BAs as cards: number, date, kecamatan and how far each one is.

use dioxus::prelude::*;

use crate::components::focus;

use crate::components::{BaNumber, StateCounts};
use crate::state::Boot;
use crate::state::{Action, Command, Route, use_app};
use crate::strings::fill;

#[component]
pub fn Manifests() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let busy = state.busy == Some(Action::Pull);
    let cards = state.cards.clone();
    let visits = state.visits.cards.as_ref().map_or(0, Vec::len);
    let revoked = state.status.as_ref().is_some_and(|s| s.revoked);
    drop(state);
    report_first_list(app.state);
    let pull = move |_| app.send(Command::Pull, Some(Action::Pull));
    rsx! {
        if revoked {
            p { class: "notice error", id: "revoked", role: "alert", "{t.custody().revoked_notice}" }
        }
        div { class: "actions",
            button { r#type: "button", class: "secondary", disabled: busy, onclick: pull,
                if busy { "{t.manifests_pulling}" } else { "{t.manifests_pull}" }
            }
        }
        match cards {
            None => rsx! { p { "{t.loading}" } },
            Some(cards) if cards.is_empty() => rsx! {
                p { class: "hint", "{t.manifests_empty}" }
                // A recording team's phone has visits and no BA: its work is one tap away.
                if visits > 0 {
                    button { r#type: "button", class: "card", id: "open-visits",
                        onmounted: focus,
                        onclick: move |_| app.top(Route::Visits),
                        {fill(t.visits().visits_from_ba, &[("n", &visits.to_string())])}
                    }
                }
            },
            Some(cards) => rsx! {
                for (index, card) in cards.into_iter().enumerate() {
                    button {
                        key: "{card.id}",
                        r#type: "button",
                        class: "card",
                        onmounted: move |event: MountedEvent| async move {
                            if index == 0 {
                                focus(event).await;
                            }
                        },
                        onclick: move |_| app.go(Route::Manifest(card.id)),
                        h2 { BaNumber { number: card.number.to_string() } }
                        div { class: "hint",
                            {format!("{}: {} · ", t.manifest_issued, card.issued_on.format("%d-%m-%Y"))}
                            {fill(t.manifest_documents, &[("n", &card.total().to_string())])}
                        }
                        div { "{card.kecamatan.join(\", \")}" }
                        StateCounts {
                            pending: card.pending,
                            delivered: card.delivered,
                            failed: card.failed,
                            returned: card.returned,
                        }
                        if card.redo > 0 {
                            div { class: "counts",
                                span { class: "pill redo", {fill(t.custody().redo_pill, &[("n", &card.redo.to_string())])} }
                            }
                        }
                    }
                }
            },
        }
    }
}

/// Logs, once, how long the first manifest list took to reach the screen: the start-up
/// benchmark reads that line. The time is taken after the next animation frame, so it
/// includes the webview's layout and paint, not only Rust's diff.
fn report_first_list(state: Signal<crate::state::AppState>) {
    let boot = try_consume_context::<Boot>();
    let mut reported = use_signal(|| false);
    use_effect(move || {
        let ready = state.read().cards.is_some();
        let Some(boot) = boot.clone().filter(|b| b.report_startup) else {
            return;
        };
        if !ready || *reported.peek() {
            return;
        }
        reported.set(true);
        spawn(async move {
            let painted = document::eval(
                "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return 1;",
            );
            let _ = painted.join::<u32>().await;
            let ms = boot.started.elapsed().as_secs_f64() * 1000.0;
            println!(
                "antar-startup manifest_list_ms={ms:.1} pid={}",
                std::process::id()
            );
        });
    });
}
