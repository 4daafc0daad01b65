//! Putting the keyboard focus where the next step is. `autofocus` only works on a page's
//! first load, and Dioxus swaps screens without loads, so the focus is set when the element
//! is mounted. On phones text fields are left alone: focusing one pops up the keyboard over
//! half the screen before the courier asked for it.

use dioxus::prelude::*;

/// `onmounted` handler for the screen's main button.
pub async fn focus(event: MountedEvent) {
    // A webview that cannot focus (hidden window) changes nothing for the courier.
    let _ = event.set_focus(true).await;
}

/// `onmounted` handler for the screen's main text field: focused on the desktop only.
pub async fn focus_field(event: MountedEvent) {
    if !cfg!(any(target_os = "android", target_os = "ios")) {
        focus(event).await;
    }
}
