//! Sending to the office: one message for where the outbox stands (sending, offline, failed,
//! waiting, all received), when the next automatic try starts, the office's receipts naming
//! the person and document of each record, and when the office was last heard from. Times are
//! WIB, like the photo stamp.

use antar_device::{Progress, ReceiptLine, RecordAbout};
use antar_domain::glossary::SendState;
use antar_domain::sop;
use chrono::{DateTime, Utc};
use dioxus::prelude::*;

use crate::components::{focus, unbroken_ba_number};

use crate::state::{Action, Command, use_app};
use crate::strings::{Strings, fill};

/// An instant as the office's clock shows it, e.g. "07-12 10:31 WIB".
fn wib(at: DateTime<Utc>, format: &str) -> String {
    format!("{} WIB", at.with_timezone(&sop::wib()).format(format))
}

#[component]
pub fn SyncScreen() -> Element {
    let app = use_app();
    let state = app.state.read();
    let t = state.strings();
    let outbox = state.status.as_ref().map(|s| s.outbox).unwrap_or_default();
    let last_contact = state.status.as_ref().and_then(|s| s.last_contact);
    let receipt_count = state.status.as_ref().map_or(0, |s| s.receipts);
    let running = state.sync.running;
    let progress = state.sync.progress;
    let offline = state.offline;
    let last_error = state.sync.last_error.clone();
    let next_try = state.sync.next_try;
    let receipts = state.receipts.clone();
    drop(state);

    let waiting = outbox.events.saturating_sub(outbox.rejected).to_string();
    // One message for where the outbox stands: the most telling state wins.
    let (class, message) = if running {
        ("big", progress_text(t, progress))
    } else if outbox.is_empty() {
        ("big", t.sync_outbox_empty.to_owned())
    } else if offline {
        (
            "notice warn",
            fill(t.send().offline_waiting, &[("n", &waiting)]),
        )
    } else if let Some(error) = &last_error {
        (
            "notice error",
            fill(
                t.send().failed_waiting,
                &[("n", &waiting), ("error", error)],
            ),
        )
    } else {
        ("big", fill(t.sync_outbox, &[("n", &waiting)]))
    };
    let fraction = match progress {
        Some(Progress::Events { sent, total }) => Some((sent as f64, total as f64)),
        Some(Progress::Photo {
            bytes_done,
            bytes_total,
            ..
        }) => Some((bytes_done as f64, bytes_total as f64)),
        None => None,
    };
    let next = match next_try {
        Some(at) if !running && !outbox.is_empty() => {
            fill(t.send().next_try, &[("time", &wib(at, "%H:%M"))])
        }
        _ => t.sync_auto.to_owned(),
    };
    let contact_text = match last_contact {
        Some(contact) => {
            let offset = (contact.device_time - contact.office_time).num_seconds();
            let mut text = fill(
                t.sync_last_contact,
                &[("time", &wib(contact.device_time, "%d-%m-%Y %H:%M"))],
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
            p { class, role: "status", id: "send-state", "{message}" }
            if running {
                match fraction {
                    Some((done, total)) => rsx! { progress { max: "{total}", value: "{done}" } },
                    None => rsx! { progress {} },
                }
            }
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
            if !outbox.is_empty() {
                p { class: "hint", id: "next-try", "{next}" }
            }
        }
        div { class: "actions",
            // Never disabled: a disabled button drops the focus and the press; one made
            // while a try runs waits its turn in the network thread.
            button { r#type: "button", class: "wide", id: "sync-now", "aria-busy": running,
                onmounted: focus,
                onclick: move |_| app.send(Command::Sync, Some(Action::Sync)),
                if running { "{t.sync_running}" } else { "{t.sync_now}" }
            }
        }
        p { id: "last-contact", "{contact_text}" }
        h3 { {fill(t.sync_receipts, &[("n", &receipt_count.to_string())])} }
        for line in receipts {
            div { class: "receipt", key: "{line.receipt.event_id}",
                div { class: "receipt-about", {about(t, &line)} }
                div { class: "receipt-meta",
                    {format!("#{} · {} · {}", line.receipt.office_seq, wib(line.receipt.received_at, "%d-%m %H:%M"), receipt_state(t, &line))}
                    if let Some(warning) = &line.receipt.warning {
                        " · {warning}"
                    }
                }
            }
        }
    }
}

fn progress_text(t: &Strings, progress: Option<Progress>) -> String {
    match progress {
        Some(Progress::Events { sent, total }) => fill(
            t.sync_progress_events,
            &[("sent", &sent.to_string()), ("total", &total.to_string())],
        ),
        Some(Progress::Photo {
            index,
            photos,
            bytes_done,
            bytes_total,
        }) => fill(
            t.sync_progress_photo,
            &[
                ("i", &index.to_string()),
                ("n", &photos.to_string()),
                ("done", &(bytes_done / 1024).to_string()),
                ("total", &(bytes_total / 1024).to_string()),
            ],
        ),
        None => t.sync_running.to_owned(),
    }
}

/// Who and what a receipt's record was about, in the courier's words.
fn about(t: &Strings, line: &ReceiptLine) -> String {
    let words = t.send();
    match &line.about {
        RecordAbout::Document {
            ba_number,
            line,
            document,
            owner,
        } => {
            let document = document.map_or("", |d| t.document_type(d));
            match owner {
                Some(owner) => fill(
                    words.receipt_document,
                    &[
                        ("owner", owner),
                        ("document", document),
                        ("line", &line.to_string()),
                    ],
                ),
                None => fill(
                    words.receipt_document_forgotten,
                    &[
                        ("document", document),
                        ("line", &line.to_string()),
                        ("ba", &unbroken_ba_number(ba_number)),
                    ],
                ),
            }
        }
        RecordAbout::Ba { ba_number } => {
            fill(words.receipt_ba, &[("ba", &unbroken_ba_number(ba_number))])
        }
        RecordAbout::Visit {
            number,
            person: Some(person),
        } => fill(
            words.receipt_visit_person,
            &[("person", person), ("number", number)],
        ),
        RecordAbout::Visit { number, .. } => fill(words.receipt_visit, &[("number", number)]),
        RecordAbout::Unknown => words.receipt_unknown.to_owned(),
    }
}

/// The document's state at the office after the record, or, for a record about no document,
/// that the office holds it.
fn receipt_state(t: &Strings, line: &ReceiptLine) -> &'static str {
    match line.receipt.item_state {
        Some(state) => t.state(state),
        None => t.words().send_state(SendState::Received),
    }
}
