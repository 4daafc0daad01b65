//! The start page: where the documents stand, and the day's work for the signed-in role.

use axum::extract::State;
use axum::response::Html;
use dioxus::prelude::*;

use crate::store::Report;
use crate::web::auth::{Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(State(web): State<Web>, staff: Staff) -> Result<Html<String>, WebError> {
    let office = web.office.clone();
    let report = blocking(move || office.report()).await?;
    Ok(render::page(
        HomePage,
        HomePageProps {
            ctx: Ctx::new(&staff, "/"),
            report: Shared::new(report),
        },
    ))
}

#[component]
fn HomePage(ctx: Ctx, report: Shared<Report>) -> Element {
    let t = report.total;
    let cards = [
        (strings::COUNT_TOTAL, t.total(), "all"),
        (strings::not_on_a_ba(), t.not_dispatched, "not_dispatched"),
        (strings::state_label("pending"), t.pending, "pending"),
        (strings::state_label("delivered"), t.delivered, "delivered"),
        (strings::state_label("failed"), t.failed, "failed"),
        (strings::state_label("returned"), t.returned, "returned"),
    ];
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_HOME.to_owned(),
            h1 { "{strings::HOME_TITLE}" }
            div { class: "cards",
                for (label , n , code) in cards {
                    div { class: "card state-{code}",
                        span { class: "n", "{n}" }
                        span { "{label}" }
                    }
                }
            }
            h2 { "{strings::HOME_TODO}" }
            ul { class: "todo",
                if ctx.can(Perm::Import) {
                    li { a { href: "/impor", "{strings::TODO_IMPORT}" } }
                }
                if ctx.can(Perm::Manifests) {
                    li { a { href: "/ba/baru", "{strings::TODO_MANIFEST}" } }
                }
                if ctx.can(Perm::Review) {
                    li { a { href: "/bukti", "{strings::TODO_REVIEW}" } }
                }
                if ctx.can(Perm::FollowUp) {
                    li { a { href: "/tindak-lanjut", "{strings::TODO_FOLLOWUP}" } }
                }
                if ctx.can(Perm::Visits) {
                    li { a { href: "/kunjungan", "{strings::visits::TODO_VISITS}" } }
                }
                li { a { href: "/standar", {strings::todo_service()} } }
                li { a { href: "/laporan", "{strings::TODO_REPORTS}" } }
            }
        }
    }
}
