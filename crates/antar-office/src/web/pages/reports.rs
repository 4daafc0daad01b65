//! Reports per kecamatan for a period of printing dates, on screen and as an .xlsx download.

use axum::extract::{RawQuery, State};
use axum::response::{Html, Response};
use dioxus::prelude::*;

use super::query;
use crate::error::OfficeError;
use crate::store::{Period, PeriodRow};
use crate::web::auth::{self, Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::form::Fields;
use crate::web::render::{self, Shared};
use crate::web::xlsx::{self, ReportLine, ReportSheet};
use crate::web::{Web, WebError, blocking, strings};

/// The period as typed (YYYY-MM-DD), to fill the form again.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PeriodForm {
    pub(crate) from: String,
    pub(crate) to: String,
}

impl PeriodForm {
    fn query(&self) -> String {
        format!("dari={}&sampai={}", self.from, self.to)
    }
}

pub(crate) fn period_of(fields: &Fields) -> Result<(PeriodForm, Period), WebError> {
    let period = Period {
        from: fields.date("dari", strings::FROM)?,
        to: fields.date("sampai", strings::TO)?,
    };
    if let (Some(from), Some(to)) = (period.from, period.to)
        && from > to
    {
        return Err(WebError::BadRequest(strings::PERIOD_REVERSED.to_owned()));
    }
    let form = PeriodForm {
        from: period.from.map(|d| d.to_string()).unwrap_or_default(),
        to: period.to.map(|d| d.to_string()).unwrap_or_default(),
    };
    Ok((form, period))
}

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Reports)?;
    let (form, period) = period_of(&query(raw))?;
    let office = web.office.clone();
    let (rows, total) = blocking(move || office.period_report(period)).await?;
    Ok(render::page(
        ReportsPage,
        ReportsPageProps {
            ctx: Ctx::new(&staff, "/laporan"),
            form,
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
    let (form, period) = period_of(&query(raw))?;
    let office = web.office.clone();
    let label = strings::period_label(&form.from, &form.to);
    let bytes = blocking(move || {
        let (rows, total) = office.period_report(period)?;
        workbook(&label, &rows, &total)
    })
    .await?;
    auth::audit(&web, &staff, "laporan_unduh", None, Some(form.query())).await?;
    Ok(xlsx::download(bytes, "laporan-antar.xlsx"))
}

fn workbook(label: &str, rows: &[PeriodRow], total: &PeriodRow) -> Result<Vec<u8>, OfficeError> {
    let columns = strings::report_columns();
    let sheet = ReportSheet {
        sheet_name: "Laporan",
        title: strings::REPORT_XLSX_TITLE,
        label,
        columns: &columns,
        name_widths: [None, Some(28.0)],
    };
    let lines = rows
        .iter()
        .chain(std::iter::once(total))
        .map(|row| ReportLine {
            names: [row.kecamatan.as_str(), row.name.as_str()],
            counts: vec![
                row.printed,
                row.not_dispatched,
                row.pending,
                row.delivered,
                row.left_with_official,
                row.failed,
                row.returned,
                row.on_time,
            ],
        });
    xlsx::report_workbook(&sheet, lines)
}

#[component]
pub(crate) fn PeriodFilter(action: String, form: PeriodForm) -> Element {
    rsx! {
        form { method: "get", action: "{action}", class: "filters no-print",
            label { "{strings::FROM}" input { r#type: "date", name: "dari", value: "{form.from}" } }
            label { "{strings::TO}" input { r#type: "date", name: "sampai", value: "{form.to}" } }
            button { r#type: "submit", class: "primary", "{strings::SHOW}" }
        }
    }
}

#[component]
fn ReportsPage(
    ctx: Ctx,
    form: PeriodForm,
    rows: Shared<Vec<PeriodRow>>,
    total: PeriodRow,
) -> Element {
    let href = format!("/laporan.xlsx?{}", form.query());
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_REPORTS.to_owned(),
            h1 { "{strings::NAV_REPORTS}" }
            p { {strings::period_label(&form.from, &form.to)} }
            PeriodFilter { action: "/laporan".to_owned(), form: form.clone() }
            p { class: "actions no-print",
                a { class: "button", href: "{href}", "{strings::DOWNLOAD_XLSX}" }
                a { class: "button", href: "/kunjungan/laporan", "{strings::visits::TO_REPORT}" }
            }
            table { class: "list",
                thead {
                    tr {
                        for title in strings::report_columns().into_iter().skip(1) {
                            th { "{title}" }
                        }
                    }
                }
                tbody {
                    for r in rows.iter().chain(std::iter::once(&total)) {
                        tr { class: if r.kecamatan.is_empty() { "total" } else { "" },
                            td { "{r.name}" }
                            td { class: "num", "{r.printed}" }
                            td { class: "num", "{r.not_dispatched}" }
                            td { class: "num", "{r.pending}" }
                            td { class: "num", "{r.delivered}" }
                            td { class: "num", "{r.left_with_official}" }
                            td { class: "num", "{r.failed}" }
                            td { class: "num", "{r.returned}" }
                            td { class: "num", "{r.on_time}" }
                        }
                    }
                }
            }
        }
    }
}
