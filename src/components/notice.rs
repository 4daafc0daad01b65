//! The last message (saved, sent, refused…) and the banner saying the office is unreachable.

use dioxus::prelude::*;

use crate::state::{NoticeKind, use_app};

#[component]
pub fn NoticeBar() -> Element {
    let app = use_app();
    let mut state = app.state;
    let notice = state.read().notice.clone();
    let Some(notice) = notice else {
        return rsx! {};
    };
    let class = match notice.kind {
        NoticeKind::Info => "notice",
        NoticeKind::Error => "notice error",
    };
    rsx! {
        p { class, role: "status", onclick: move |_| state.write().notice = None, "{notice.text}" }
    }
}

#[component]
pub fn OfflineBanner() -> Element {
    let app = use_app();
    let state = app.state.read();
    if !state.offline {
        return rsx! {};
    }
    let t = state.strings();
    rsx! {
        div { class: "offline", role: "status", "{t.offline_banner}" }
    }
}
