//! Sending to the office: what waits, progress while it goes, the office's receipts and when
//! the office was last heard from.

use antar_device::Progress;
use antar_domain::glossary::SendState;
use dioxus::prelude::*;

use crate::components::focus;

use crate::state::{Action, Command, use_app};
use crate::strings::fill;

#[component]
pub fn SyncScreen() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let outbox = state.status.as_ref().map(|s| s.outbox).unwrap_or_default();
    let last_contact = state.status.as_ref().and_then(|s| s.last_contact);
    let running = state.sync.running;
    let progress = state.sync.progress;
    let last_error = state.sync.last_error.clone();
    let receipts: Vec<_> = state.receipts.iter().rev().take(20).cloned().collect();
    let receipt_count = state.receipts.len();
    drop(state);

    let (progress_text, fraction) = match progress {
        Some(Progress::Events { sent, total }) => (
            fill(
                t.sync_progress_events,
                &[("sent", &sent.to_string()), ("total", &total.to_string())],
            ),
            Some((sent as f64, total as f64)),
        ),
        Some(Progress::Photo {
            index,
            photos,
            bytes_done,
            bytes_total,
        }) => (
            fill(
                t.sync_progress_photo,
                &[
                    ("i", &index.to_string()),
                    ("n", &photos.to_string()),
                    ("done", &(bytes_done / 1024).to_string()),
                    ("total", &(bytes_total / 1024).to_string()),
                ],
            ),
            Some((bytes_done as f64, bytes_total as f64)),
        ),
        None => (t.sync_running.to_owned(), None),
    };
    let contact_text = match last_contact {
        Some(contact) => {
            let local = contact.device_time.with_timezone(&chrono::Local);
            let offset = (contact.device_time - contact.office_time).num_seconds();
            let mut text = fill(
                t.sync_last_contact,
                &[("time", &local.format("%d-%m-%Y %H:%M").to_string())],
            );
            if offset.abs() >= 60 {
                text.push_str(". ");
                text.push_str(&fill(t.sync_clock_offset, &[("s", &offset.to_string())]));
            }
            text
        }
        None => t.sync_never.to_owned(),
    };
    rsx! {
        section { class: "panel", id: "outbox",
            if outbox.is_empty() {
                p { class: "big", "{t.sync_outbox_empty}" }
            } else {
                p { class: "big", {fill(t.sync_outbox, &[("n", &outbox.events.to_string())])} }
                if outbox.photos > 0 {
                    p { {fill(t.sync_photos, &[("n", &outbox.photos.to_string()), ("kb", &outbox.photo_bytes_pending.div_ceil(1024).to_string())])} }
                }
                if outbox.rejected > 0 {
                    p { class: "notice error", {fill(t.sync_rejected, &[("n", &outbox.rejected.to_string())])} }
                    button { r#type: "button", class: "secondary wide",
                        onclick: move |_| app.send(Command::RetryRejected, Some(Action::Sync)),
                        "{t.sync_retry_rejected}"
                    }
                }
            }
            p { class: "hint", "{t.sync_auto}" }
        }
        if running {
            section { class: "panel", id: "progress",
                p { "{progress_text}" }
                match fraction {
                    Some((done, total)) => rsx! { progress { max: "{total}", value: "{done}" } },
                    None => rsx! { progress {} },
                }
            }
        }
        if let Some(text) = last_error {
            p { class: "notice error", "{text}" }
        }
        div { class: "actions",
            button { r#type: "button", class: "wide", id: "sync-now", disabled: running,
                onmounted: focus,
                onclick: move |_| app.send(Command::Sync, Some(Action::Sync)),
                if running { "{t.sync_running}" } else { "{t.sync_now}" }
            }
        }
        p { id: "last-contact", "{contact_text}" }
        h3 { {fill(t.sync_receipts, &[("n", &receipt_count.to_string())])} }
        for receipt in receipts {
            div { class: "receipt", key: "{receipt.event_id}",
                {format!("#{} · {}", receipt.office_seq, receipt.received_at.with_timezone(&chrono::Local).format("%d-%m %H:%M"))}
                // A visit event's receipt names no document state: it says the office has
                // the record, in the glossary's word.
                match receipt.item_state {
                    Some(state) => rsx! { {format!(" · {}", t.state(state))} },
                    None => rsx! { {format!(" · {} · {}", t.visits().receipt_visit, t.words().send_state(SendState::Received))} },
                }
                if let Some(warning) = &receipt.warning {
                    " · {warning}"
                }
            }
        }
    }
}
