//! What every printed BA shares: the office's letterhead (kop surat) as on the Disdukcapil's
//! paper, the BA number and `hal. N dari M` in each page's margin, and the closing sentence
//! that keeps the signatures from standing alone on a page.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use dioxus::prelude::*;

use crate::web::strings;

#[component]
pub(crate) fn Letterhead() -> Element {
    rsx! {
        header { class: "kop",
            p { class: "kop-1", "{strings::GOVERNMENT}" }
            p { class: "kop-2", "{strings::OFFICE_UPPER}" }
            p { class: "kop-3", "{strings::OFFICE_ADDRESS}" }
        }
    }
}

/// The stylesheet at `href` (from [`page_marks`]) that writes the BA's number and page
/// numbers in every printed page's margin. A link in the body: the page's head is shared.
#[component]
pub(crate) fn PageMarks(href: String) -> Element {
    rsx! {
        link { rel: "stylesheet", href: "{href}" }
    }
}

/// The stylesheet naming one BA in its pages' margins. Only CSS margin boxes print on every
/// page, and they take their text from a stylesheet alone: the pages' security policy lets in
/// no inline style, so each BA's number comes in a stylesheet of its own.
pub(crate) fn page_marks(number: &str) -> Response {
    let mut response = page_marks_css(number).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    // A BA's number never changes, but the sheet is behind the sign-in: no shared cache.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=86400"),
    );
    response
}

fn page_marks_css(number: &str) -> String {
    let number: String = number
        .chars()
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c if c.is_control() => vec![' '],
            c => vec![c],
        })
        .collect();
    format!(
        "@page {{\n  @top-right {{ content: \"{no}: {number}\"; }}\n  \
         @bottom-right {{ content: \"{page} \" counter(page) \" {of} \" counter(pages); }}\n}}\n",
        no = strings::NUMBER,
        page = strings::PAGE_WORD,
        of = strings::OF_PAGES_WORD,
    )
}

/// The closing sentence with the signature blocks (`children`) after it, never split apart,
/// so a page never holds the signatures alone.
#[component]
pub(crate) fn Closing(children: Element) -> Element {
    rsx! {
        div { class: "paper-end",
            p { class: "closing", "{strings::BA_CLOSING}" }
            {children}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_in_the_number_cannot_end_the_css_string() {
        let css = page_marks_css("470/\"0001\\\n");
        assert!(css.contains(r#"content: "Nomor: 470/\"0001\\ ""#), "{css}");
        assert!(
            css.contains(r#"counter(page) " dari " counter(pages)"#),
            "{css}"
        );
    }
}
