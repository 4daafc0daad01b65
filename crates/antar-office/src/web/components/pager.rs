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

/// First / previous / next / last links for a keyset-paged list (`store::PageAt`): the page
/// before starts before `first_key`, the next after `last_key`; `start` is the position of
/// the page's first row, carried in the links only to number the rows shown.
#[component]
pub(crate) fn KeysetPager(
    base: String,
    first_key: String,
    last_key: String,
    start: Option<u64>,
    shown: u64,
    has_prev: bool,
    has_next: bool,
    summary: String,
) -> Element {
    let sep = if base.contains('?') { "&" } else { "?" };
    let number = |at: Option<u64>| at.map(|n| format!("&mulai={n}")).unwrap_or_default();
    let before = start.and_then(|s| s.checked_sub(crate::web::pages::PAGE_SIZE));
    let prev = format!("{base}{sep}sebelum={first_key}{}", number(before));
    let next = format!(
        "{base}{sep}setelah={last_key}{}",
        number(start.map(|s| s + shown))
    );
    let last = format!("{base}{sep}akhir=1");
    rsx! {
        div { class: "pager no-print",
            if has_prev {
                a { href: "{base}", rel: "first", "{strings::FIRST_PAGE}" }
                a { href: "{prev}", rel: "prev", "{strings::PREV_PAGE}" }
            }
            span { "{summary}" }
            if has_next {
                a { href: "{next}", rel: "next", "{strings::NEXT_PAGE}" }
                a { href: "{last}", rel: "last", "{strings::LAST_PAGE}" }
            }
        }
    }
}
