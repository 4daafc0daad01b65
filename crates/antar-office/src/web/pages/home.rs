//! The start page: where the documents stand, and the day's work for the signed-in role.

use axum::extract::State;
use axum::response::Html;
use dioxus::prelude::*;

use crate::office::Attention;
use crate::store::Report;
use crate::web::auth::{Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::strings::home as sh;
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(State(web): State<Web>, staff: Staff) -> Result<Html<String>, WebError> {
    let office = web.office.clone();
    let role = staff.user.role;
    let (report, attention) = blocking(move || {
        let report = office.report()?;
        let attention = office.attention(role, &report)?;
        Ok((report, attention))
    })
    .await?;
    Ok(render::page(
        HomePage,
        HomePageProps {
            ctx: Ctx::new(&staff, "/"),
            report: Shared::new(report),
            attention: Shared::new(attention),
        },
    ))
}

/// One count that needs attention, linking to the list where the work is done.
#[component]
fn AttentionCard(href: String, n: u64, label: String, urgent: bool) -> Element {
    rsx! {
        a { class: if urgent && n > 0 { "card attention urgent" } else { "card attention" }, href: "{href}",
            span { class: "n", "{n}" }
            span { "{label}" }
        }
    }
}

#[component]
fn HomePage(ctx: Ctx, report: Shared<Report>, attention: Shared<Attention>) -> Element {
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
            h2 { "{sh::ATTENTION}" }
            div { class: "cards",
                if let Some(n) = attention.proofs_unreviewed {
                    AttentionCard { href: "/bukti?urutan=temuan", n, label: sh::PROOFS_WAITING, urgent: false }
                }
                if let Some((waiting, overdue)) = attention.followups {
                    AttentionCard { href: "/tindak-lanjut", n: waiting, label: sh::followups_running(overdue), urgent: overdue > 0 }
                }
                if let Some(n) = attention.bas_not_confirmed {
                    AttentionCard { href: "/ba", n, label: sh::BAS_NOT_CONFIRMED, urgent: false }
                }
                if let Some(n) = attention.late_open {
                    AttentionCard { href: "/standar", n, label: sh::late_open(), urgent: true }
                }
            }
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
