//! The recording teams' monthly report per kecamatan and team, on screen and as an .xlsx
//! download: visits held and not yet held, recorded of planned per category, walk-ins
//! recorded, IKD activations, and the month's total. An aggregate, so it needs only
//! `Perm::Reports`.

use antar_domain::visit::TargetCategory;
use axum::extract::{RawQuery, State};
use axum::response::{Html, Response};
use dioxus::prelude::*;

use super::query;
use super::visits::{month_of, month_value};
use crate::VisitReportRow;
use crate::error::OfficeError;
use crate::web::auth::{self, Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::strings::visits as sv;
use crate::web::xlsx::{self, ReportLine, ReportSheet};
use crate::web::{Web, WebError, blocking};

/// The rows' sum, named as the total line.
fn total_of(rows: &[VisitReportRow]) -> VisitReportRow {
    let mut total = VisitReportRow {
        kecamatan_name: sv::TOTAL.to_owned(),
        ..VisitReportRow::default()
    };
    for row in rows {
        total.visits_held += row.visits_held;
        total.visits_planned += row.visits_planned;
        for (code, line) in &row.by_category {
            let sum = total.by_category.entry(*code).or_default();
            *sum = sum.plus(*line);
        }
        total.walk_ins = total.walk_ins.plus(row.walk_ins);
        total.cards_to_owner += row.cards_to_owner;
        total.cards_collective += row.cards_collective;
    }
    total
}

async fn load(
    web: &Web,
    raw: Option<String>,
) -> Result<((i32, u32), Vec<VisitReportRow>), WebError> {
    let month = month_of(&query(raw))?;
    let office = web.office.clone();
    let rows = blocking(move || office.visit_report(month.0, month.1)).await?;
    Ok((month, rows))
}

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Reports)?;
    let (month, rows) = load(&web, raw).await?;
    // Those who plan visits find the report under "Keliling"; the others under "Laporan".
    let active = if Perm::Visits.allows(staff.user.role) {
        "/kunjungan"
    } else {
        "/laporan"
    };
    let total = total_of(&rows);
    Ok(render::page(
        ReportPage,
        ReportPageProps {
            ctx: Ctx::new(&staff, active),
            month: month_value(month),
            label: sv::report_month(month.0, month.1),
            rows: Shared::new(rows),
            total,
        },
    ))
}

pub(crate) async fn xlsx(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    staff.require(Perm::Reports)?;
    let (month, rows) = load(&web, raw).await?;
    let label = sv::report_month(month.0, month.1);
    let bytes = blocking(move || workbook(&label, &rows)).await?;
    let value = month_value(month);
    auth::audit(
        &web,
        &staff,
        "laporan_keliling_unduh",
        None,
        Some(format!("bulan={value}")),
    )
    .await?;
    // The month is digits and a dash only (checked by `month_of`).
    Ok(xlsx::download(
        bytes,
        &format!("laporan-keliling-{value}.xlsx"),
    ))
}

/// One row's numbers in the order of `strings::visits::xlsx_columns` after the two names.
fn numbers(row: &VisitReportRow) -> Vec<u32> {
    let mut numbers = vec![row.visits_held, row.visits_planned];
    for category in TargetCategory::ALL {
        let line = row.category(*category);
        numbers.extend([line.planned, line.recorded]);
    }
    let total = row.total();
    numbers.extend([
        row.walk_ins.recorded,
        total.ikd_activated,
        total.planned,
        total.recorded,
        row.cards_to_owner,
        row.cards_collective,
    ]);
    numbers
}

fn workbook(label: &str, rows: &[VisitReportRow]) -> Result<Vec<u8>, OfficeError> {
    let columns = sv::xlsx_columns();
    let sheet = ReportSheet {
        sheet_name: "Keliling",
        title: sv::REPORT_XLSX_TITLE,
        label,
        columns: &columns,
        name_widths: [Some(22.0), Some(32.0)],
    };
    let total = total_of(rows);
    let lines = rows
        .iter()
        .chain(std::iter::once(&total))
        .map(|row| ReportLine {
            names: [row.kecamatan_name.as_str(), row.team.as_str()],
            counts: numbers(row).into_iter().map(u64::from).collect(),
        });
    xlsx::report_workbook(&sheet, lines)
}

#[component]
fn ReportPage(
    ctx: Ctx,
    month: String,
    label: String,
    rows: Shared<Vec<VisitReportRow>>,
    total: VisitReportRow,
) -> Element {
    let href = format!("/kunjungan/laporan.xlsx?bulan={month}");
    rsx! {
        Layout { ctx: ctx.clone(), title: sv::REPORT_TITLE.to_owned(),
            h1 { "{sv::REPORT_TITLE}" }
            p { "{label}" }
            p { class: "muted", "{sv::REPORT_HINT}" }
            form { method: "get", action: "/kunjungan/laporan", class: "filters no-print",
                label { "{sv::MONTH}"
                    input { r#type: "month", name: "bulan", value: "{month}", required: true }
                }
                button { r#type: "submit", class: "primary", "{crate::web::strings::SHOW}" }
            }
            p { class: "no-print", a { class: "button", href: "{href}", "{crate::web::strings::DOWNLOAD_XLSX}" } }
            if rows.is_empty() {
                p { class: "empty", "{sv::NO_REPORT_ROWS}" }
            } else {
                div { class: "scroll",
                    table { class: "list visit-report",
                        thead {
                            tr {
                                th { "{sv::KECAMATAN}" }
                                th { "{sv::TEAM_SHORT}" }
                                th { class: "num", "{sv::HELD}" }
                                th { class: "num", "{sv::NOT_HELD}" }
                                for c in TargetCategory::ALL {
                                    th { class: "num", {sv::category(*c)} }
                                }
                                th { class: "num", "{sv::WALK_INS_RECORDED}" }
                                th { class: "num", {sv::ikd_activated()} }
                                th { class: "num", "{sv::TOTAL_RECORDED}" }
                                th { class: "num", "{sv::CARDS_TO_OWNER}" }
                                th { class: "num", "{sv::CARDS_COLLECTIVE}" }
                            }
                        }
                        tbody {
                            for (n , r) in rows.iter().chain(std::iter::once(&total)).enumerate() {
                                tr { class: if n == rows.len() { "total" } else { "" },
                                    td { "{r.kecamatan_name}" }
                                    td { "{r.team}" }
                                    td { class: "num", "{r.visits_held}" }
                                    td { class: "num", "{r.visits_planned}" }
                                    for c in TargetCategory::ALL {
                                        td { class: "num", {sv::of_planned(r.category(*c).recorded, r.category(*c).planned)} }
                                    }
                                    td { class: "num", "{r.walk_ins.recorded}" }
                                    td { class: "num", "{r.total().ikd_activated}" }
                                    td { class: "num", {sv::of_planned(r.total().recorded, r.total().planned)} }
                                    td { class: "num", "{r.cards_to_owner}" }
                                    td { class: "num", "{r.cards_collective}" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
