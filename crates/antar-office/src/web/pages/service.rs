//! Service standard: a document should reach its owner within 5 days of printing. Days per
//! document, the share within the standard per kecamatan and per courier, the late ones.

use antar_domain::state::ItemState;
use axum::extract::{RawQuery, State};
use axum::response::Html;
use dioxus::prelude::*;

use super::query;
use super::reports::{PeriodForm, period_of};
use crate::store::{ServiceRow, ServiceStandard};
use crate::web::auth::{Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Service)?;
    let (form, period) = period_of(&query(raw))?;
    let office = web.office.clone();
    let data = blocking(move || office.service_standard(period)).await?;
    Ok(render::page(
        ServicePage,
        ServicePageProps {
            ctx: Ctx::new(&staff, "/standar"),
            form,
            data: Shared::new(data),
        },
    ))
}

#[component]
fn ServiceTable(title: String, first: String, rows: Vec<ServiceRow>, total: ServiceRow) -> Element {
    rsx! {
        h2 { "{title}" }
        table { class: "list",
            thead {
                tr {
                    th { "{first}" }
                    th { class: "num", {strings::state_word(ItemState::Delivered)} }
                    th { class: "num", {strings::on_time()} }
                    th { class: "num", "{strings::SHARE_ON_TIME}" }
                    th { class: "num", "{strings::AVERAGE_DAYS}" }
                    th { class: "num", {strings::open_late()} }
                }
            }
            tbody {
                for r in rows.iter().chain(std::iter::once(&total)) {
                    tr { class: if r.key.is_empty() { "total" } else { "" },
                        td { if r.key.is_empty() { "{strings::TOTAL}" } else { "{r.name}" } }
                        td { class: "num", "{r.delivered}" }
                        td { class: "num", "{r.on_time}" }
                        td { class: "num", {strings::percent(r.share())} }
                        td { class: "num", {strings::days_avg(r.average_days())} }
                        td { class: if r.open_late > 0 { "num bad" } else { "num" }, "{r.open_late}" }
                    }
                }
            }
        }
    }
}

#[component]
fn ServicePage(ctx: Ctx, form: PeriodForm, data: Shared<ServiceStandard>) -> Element {
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_SERVICE.to_owned(),
            h1 { "{strings::NAV_SERVICE}" }
            p { {strings::service_rule()} }
            super::reports::PeriodFilter { action: "/standar".to_owned(), form: form.clone() }
            ServiceTable {
                title: strings::PER_KECAMATAN.to_owned(),
                first: strings::KECAMATAN.to_owned(),
                rows: data.by_kecamatan.clone(),
                total: data.total.clone(),
            }
            ServiceTable {
                title: strings::PER_COURIER.to_owned(),
                first: strings::COURIER.to_owned(),
                rows: data.by_courier.clone(),
                total: data.total.clone(),
            }
            h2 { {strings::late_title(data.late_total)} }
            if data.late.is_empty() {
                p { class: "empty", "{strings::NO_LATE}" }
            } else {
                table { class: "list",
                    thead {
                        tr {
                            th { "{strings::BA_NUMBER}" }
                            th { class: "num", "{strings::LINE}" }
                            th { "{strings::DESA}" }
                            th { "{strings::DOCUMENT_TYPE}" }
                            th { "{strings::COURIER}" }
                            th { "{strings::PRINTED_ON}" }
                            th { class: "num", "{strings::DAYS}" }
                            th { "{strings::STATUS}" }
                        }
                    }
                    tbody {
                        for l in data.late.iter() {
                            tr {
                                if let Some(ba) = &l.on_ba {
                                    td { "{ba.number}" }
                                    td { class: "num", "{ba.line}" }
                                } else {
                                    td { colspan: 2, {strings::not_on_a_ba()} }
                                }
                                td { "{l.desa_name}, {l.kecamatan_name}" }
                                td { "{l.document_type}" }
                                td { {l.on_ba.as_ref().map_or("—", |ba| ba.courier.as_str())} }
                                td { {strings::date_id(&l.printed_on)} }
                                td { class: "num bad", "{l.days}" }
                                td { if l.delivered { "{strings::DELIVERED_LATE}" } else { "{strings::NOT_YET_DELIVERED}" } }
                            }
                        }
                    }
                }
            }
        }
    }
}
