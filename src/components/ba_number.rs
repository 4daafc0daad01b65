//! A BA number that breaks only after its slashes ("470/0002/Dukcapil/ XII/2026"), never
//! inside "Dukcapil" or the year, however narrow the screen.

use dioxus::prelude::*;

/// The number's parts, each ending in its slash (the last one without).
fn ba_number_parts(number: &str) -> Vec<&str> {
    number.split_inclusive('/').collect()
}

#[component]
pub fn BaNumber(number: String) -> Element {
    rsx! {
        span { class: "ba-number",
            for part in ba_number_parts(&number) {
                "{part}"
                if part.ends_with('/') {
                    wbr {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_breaks_only_after_a_slash() {
        assert_eq!(
            ba_number_parts("470/0002/Dukcapil/XII/2026"),
            ["470/", "0002/", "Dukcapil/", "XII/", "2026"]
        );
        let html =
            dioxus_ssr::render_element(rsx! { BaNumber { number: "470/0002/Dukcapil/XII/2026" } });
        assert!(html.contains("Dukcapil/<wbr"), "{html}");
        assert!(!html.contains("Dukca<"), "{html}");
        assert!(
            html.contains("XII/<wbr/>2026</span>"),
            "nothing after the end: {html}"
        );
    }
}
