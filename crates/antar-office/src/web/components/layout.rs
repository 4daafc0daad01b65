//! The page frame: the office's header, navigation for the signed-in role, sign-out.

use dioxus::prelude::*;

use super::csrf::CsrfField;
use crate::store::Role;
use crate::web::auth::{Perm, Staff};
use crate::web::strings;

/// Who is looking at the page, and which menu entry is theirs.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Ctx {
    pub(crate) name: String,
    pub(crate) role: Role,
    pub(crate) csrf: String,
    pub(crate) active: &'static str,
}

impl Ctx {
    pub(crate) fn new(staff: &Staff, active: &'static str) -> Self {
        Self {
            name: staff.user.display_name.clone(),
            role: staff.user.role,
            csrf: staff.csrf.clone(),
            active,
        }
    }

    pub(crate) fn can(&self, perm: Perm) -> bool {
        perm.allows(self.role)
    }
}

/// The menu: path, label, and the permission that shows it (`None`: everyone).
const NAV: &[(&str, &str, Option<Perm>)] = &[
    ("/", strings::NAV_HOME, None),
    ("/dokumen", strings::NAV_DOCUMENTS, Some(Perm::Documents)),
    ("/impor", strings::NAV_IMPORT, Some(Perm::Import)),
    ("/ba", strings::NAV_MANIFESTS, Some(Perm::Manifests)),
    ("/bukti", strings::NAV_REVIEW, Some(Perm::Review)),
    (
        "/tindak-lanjut",
        strings::NAV_FOLLOWUP,
        Some(Perm::FollowUp),
    ),
    ("/kontak", strings::NAV_CONTACTS, Some(Perm::Contacts)),
    (
        "/kunjungan",
        strings::visits::NAV_VISITS,
        Some(Perm::Visits),
    ),
    ("/standar", strings::NAV_SERVICE, Some(Perm::Service)),
    ("/laporan", strings::NAV_REPORTS, Some(Perm::Reports)),
    ("/kurir", strings::NAV_COURIERS, Some(Perm::Couriers)),
    ("/pengguna", strings::NAV_USERS, Some(Perm::Users)),
    ("/audit", strings::NAV_AUDIT, Some(Perm::Audit)),
];

#[component]
pub(crate) fn Layout(ctx: Ctx, title: String, children: Element) -> Element {
    let role = strings::role_label(ctx.role);
    rsx! {
        Bare { title: title.clone(),
            header { class: "top no-print",
                // On a phone the menu folds behind this button, so the page starts near the
                // top; it works without JavaScript. The stylesheet hides it at a desk.
                details { class: "menu-fold",
                    summary { "{strings::MENU}" }
                    nav { class: "menu",
                        p { class: "who", "{ctx.name} · {role}" }
                        MenuLinks { role: ctx.role, active: ctx.active }
                    }
                }
                div { class: "office",
                    span { class: "kab", "{strings::GOVERNMENT}" }
                    strong { "{strings::OFFICE}" }
                }
                form { class: "signout", method: "post", action: "/keluar",
                    CsrfField { token: ctx.csrf.clone() }
                    span { class: "who", "{ctx.name} · {role}" }
                    button { r#type: "submit", "{strings::SIGN_OUT}" }
                }
            }
            // The menu as a row, for wider screens; the stylesheet shows one of the two.
            nav { class: "menu menu-row no-print",
                MenuLinks { role: ctx.role, active: ctx.active }
            }
            main { {children} }
        }
    }
}

/// The menu's links the `role` may follow, `active` marked.
#[component]
fn MenuLinks(role: Role, active: &'static str) -> Element {
    rsx! {
        for (href , label , perm) in NAV.iter().copied() {
            if perm.is_none_or(|p| p.allows(role)) {
                a { href, class: if active == href { "active" } else { "" }, "{label}" }
            }
        }
    }
}

/// The head and body of a page (`render::page` adds the `html` element around them),, without navigation (sign-in and error pages).
#[component]
pub(crate) fn Bare(title: String, children: Element) -> Element {
    rsx! {
        head {
            meta { charset: "utf-8" }
            meta { name: "viewport", content: "width=device-width, initial-scale=1" }
            title { "{title} · Antar" }
            link { rel: "stylesheet", href: "/static/antar.css" }
            script { src: "/static/antar.js", defer: true }
        }
        body { {children} }
    }
}
