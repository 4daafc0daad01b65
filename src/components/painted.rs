//! For the benchmarks only (`ANTAR_REPORT_STARTUP`): a line on stdout once what a screen shows
//! for `key` has reached the pixels (two animation frames after the render), so a benchmark
//! can time a key press to what the courier sees. Renders nothing.

use dioxus::prelude::*;

use crate::state::Boot;

#[component]
pub fn PaintedMark(what: &'static str, key_text: String) -> Element {
    let enabled = try_consume_context::<Boot>().is_some_and(|boot| boot.report_startup);
    use_effect(use_reactive!(|key_text| {
        if !enabled {
            return;
        }
        spawn(async move {
            let painted = document::eval(
                "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return 1;",
            );
            let _ = painted.join::<u32>().await;
            println!("antar-painted {what} {key_text}");
        });
    }));
    rsx! {}
}
