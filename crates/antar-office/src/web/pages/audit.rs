//! The audit log (admin only): every staff action, newest first, ids only.

use axum::extract::{RawQuery, State};
use axum::response::Html;
use dioxus::prelude::*;

use super::{PAGE_SIZE, page_number, query};
use crate::store::AuditEntry;
use crate::web::auth::{Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::pager::Pager;
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Audit)?;
    let page = page_number(&query(raw));
    let office = web.office.clone();
    let (entries, total) =
        blocking(move || office.audit_log((page - 1) * PAGE_SIZE, PAGE_SIZE)).await?;
    Ok(render::page(
        AuditPage,
        AuditPageProps {
            ctx: Ctx::new(&staff, "/audit"),
            entries: Shared::new(entries),
            page,
            total,
        },
    ))
}

#[component]
fn AuditPage(ctx: Ctx, entries: Shared<Vec<AuditEntry>>, page: u64, total: u64) -> Element {
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_AUDIT.to_owned(),
            h1 { "{strings::NAV_AUDIT}" }
            p { class: "muted", "{strings::AUDIT_HINT}" }
            table { class: "list",
                thead {
                    tr {
                        th { "{strings::WHEN}" }
                        th { "{strings::USERNAME}" }
                        th { "{strings::ACTION}" }
                        th { "{strings::OBJECT}" }
                        th { "{strings::DETAIL}" }
                    }
                }
                tbody {
                    for e in entries.iter() {
                        tr {
                            td { "data-label": strings::WHEN, {strings::local_time(&e.at)} }
                            td { "data-label": strings::USERNAME, "{e.username}" }
                            td { "data-label": strings::ACTION, code { "{e.action}" } }
                            td { "data-label": strings::OBJECT, {e.object.clone().unwrap_or_default()} }
                            td { "data-label": strings::DETAIL, {e.detail.clone().unwrap_or_default()} }
                        }
                    }
                }
            }
            Pager {
                base: "/audit".to_owned(),
                page,
                has_next: page * super::PAGE_SIZE < total,
                summary: strings::page_summary(page, total),
            }
        }
    }
}
