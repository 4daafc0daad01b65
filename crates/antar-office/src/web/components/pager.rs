//! "Previous / next" links for paged lists, keeping the page's filters.

use dioxus::prelude::*;

use crate::web::strings;

/// `base` is the path with the filter query (without `hal`), e.g. `/dokumen?kecamatan=…`.
#[component]
pub(crate) fn Pager(base: String, page: u64, has_next: bool, summary: String) -> Element {
    let sep = if base.contains('?') { "&" } else { "?" };
    let prev = (page > 1).then(|| format!("{base}{sep}hal={}", page - 1));
    let next = has_next.then(|| format!("{base}{sep}hal={}", page + 1));
    rsx! {
        div { class: "pager no-print",
            if let Some(href) = prev {
                a { href: "{href}", rel: "prev", "{strings::PREV_PAGE}" }
            }
            span { "{summary}" }
            if let Some(href) = next {
                a { href: "{href}", rel: "next", "{strings::NEXT_PAGE}" }
            }
        }
    }
}
