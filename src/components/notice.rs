//! The last message (saved, sent, refused…) and the header's mark saying the office is
//! unreachable.

use dioxus::prelude::*;

use super::PaintedMark;
use crate::state::{NoticeKind, Route, use_app};

#[component]
pub fn NoticeBar() -> Element {
    let app = use_app();
    let mut state = app.state;
    let notice = state.read().notice.clone();
    let Some(notice) = notice else {
        return rsx! { PaintedMark { what: "notice", key_text: String::new() } };
    };
    let class = match notice.kind {
        NoticeKind::Info => "notice",
        NoticeKind::Error => "notice error",
    };
    rsx! {
        // The benchmark times a save to this message painted.
        PaintedMark { what: "notice", key_text: notice.text.clone() }
        p { class, role: "status", onclick: move |_| state.write().notice = None, "{notice.text}" }
    }
}

/// A short mark in the header while the office cannot be reached: it takes no line of its
/// own, so nothing below it moves when the signal comes and goes. The send screen says it in
/// its own message instead.
#[component]
pub fn OfflineMark() -> Element {
    let app = use_app();
    let state = app.state.read();
    if !state.offline || state.route == Route::Sync {
        return rsx! {};
    }
    let t = state.strings();
    rsx! {
        span { class: "offline-mark", role: "status", title: t.offline_banner, "aria-label": t.offline_banner,
            "{t.send().offline_mark}"
        }
    }
}
