//! A BA number that breaks only after its slashes ("470/0002/BA-PENG/ XII/2026"), never
//! inside "Dukcapil", after the hyphen of "BA-PENG" or in the year, however narrow the
//! screen.

use dioxus::prelude::*;

/// The number's parts, each ending in its slash (the last one without).
fn ba_number_parts(number: &str) -> Vec<&str> {
    number.split_inclusive('/').collect()
}

/// The number as text to put in a sentence: its hyphens made non-breaking (U+2011), so a
/// line may end only after a slash or at a space.
pub fn unbroken_ba_number(number: &str) -> String {
    number.replace('-', "\u{2011}")
}

#[component]
pub fn BaNumber(number: String) -> Element {
    rsx! {
        span { class: "ba-number",
            for part in ba_number_parts(&number) {
                {unbroken_ba_number(part)}
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
