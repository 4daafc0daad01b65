//! Server-side rendering: a Dioxus component and its props become a complete HTML page.

use std::ops::Deref;
use std::rc::Rc;

use axum::response::Html;
use dioxus::prelude::*;

use super::components::layout::Bare;

/// Page data handed to a component. Props must compare; data is compared by identity, which
/// is all SSR needs (a page is rendered once).
pub(crate) struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub(crate) fn new(value: T) -> Self {
        Self(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Renders `component` with `props` into a page with its doctype.
pub(crate) fn page<P: dioxus::dioxus_core::Properties>(
    component: fn(P) -> Element,
    props: P,
) -> Html<String> {
    let mut dom = VirtualDom::new_with_props(component, props);
    dom.rebuild_in_place();
    // Dioxus has no `html` element (an app mounts inside one); the page adds it here.
    Html(format!(
        "<!DOCTYPE html><html lang=\"id\">{}</html>",
        dioxus_ssr::render(&dom)
    ))
}

/// An error page: no navigation (the visitor may not be signed in), a way back — to `back`
/// (one of the office's own pages) when known, and home.
pub(crate) fn error_page(title: &'static str, message: &str, back: Option<&str>) -> Html<String> {
    page(
        ErrorPage,
        ErrorPageProps {
            title: title.to_owned(),
            message: message.to_owned(),
            back: back.map(str::to_owned),
        },
    )
}

#[component]
fn ErrorPage(title: String, message: String, back: Option<String>) -> Element {
    rsx! {
        Bare { title: title.clone(),
            main { class: "narrow",
                h1 { "{title}" }
                p { class: "error", role: "alert", "{message}" }
                p { class: "actions",
                    if let Some(back) = back {
                        a { class: "button primary", href: "{back}", "{super::strings::BACK_WHERE_YOU_WERE}" }
                    }
                    a { href: "/", "{super::strings::BACK_HOME}" }
                }
            }
        }
    }
}
