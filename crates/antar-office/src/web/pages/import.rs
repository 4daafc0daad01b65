//! Import: upload a SIAK export (CSV or .xlsx); the page shows how many rows were imported,
//! which were duplicates (nothing is imported twice) and each refused row with its reason.

use axum::extract::{Multipart, State};
use axum::response::Html;
use dioxus::prelude::*;

use crate::import::ImportReport;
use crate::web::auth::{self, Perm, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

/// Duplicates listed on the page; re-importing a file makes every row one.
const MAX_DUPLICATES_SHOWN: usize = 20;

pub(crate) async fn get(State(_web): State<Web>, staff: Staff) -> Result<Html<String>, WebError> {
    staff.require(Perm::Import)?;
    Ok(page(&staff, None))
}

fn page(staff: &Staff, result: Option<(String, ImportReport)>) -> Html<String> {
    render::page(
        ImportPage,
        ImportPageProps {
            ctx: Ctx::new(staff, "/impor"),
            result: result.map(Shared::new),
        },
    )
}

pub(crate) async fn post(
    State(web): State<Web>,
    staff: Staff,
    mut multipart: Multipart,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Import)?;
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    let unreadable = || WebError::BadRequest(strings::UPLOAD_UNREADABLE.to_owned());
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(|_| unreadable())?,
            Some("berkas") => {
                let name = field.file_name().unwrap_or("unggahan").to_owned();
                let bytes = field.bytes().await.map_err(|_| unreadable())?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    if !auth::same_token(csrf.trim(), &staff.csrf) {
        return Err(WebError::Csrf);
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Err(WebError::BadRequest(strings::UPLOAD_MISSING.to_owned()));
    };
    let office = web.office.clone();
    let shown_name = name.clone();
    let report = blocking(move || office.import_upload(&name, bytes)).await?;
    auth::audit(
        &web,
        &staff,
        "impor",
        None,
        Some(format!(
            "diimpor:{} duplikat:{} ditolak:{}",
            report.imported,
            report.duplicates.len(),
            report.rejected.len()
        )),
    )
    .await?;
    Ok(page(&staff, Some((shown_name, report))))
}

#[component]
fn ImportPage(ctx: Ctx, result: Option<Shared<(String, ImportReport)>>) -> Element {
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_IMPORT.to_owned(),
            h1 { "{strings::IMPORT_TITLE}" }
            p { "{strings::IMPORT_HINT}" }
            form { method: "post", action: "/impor", enctype: "multipart/form-data", class: "upload",
                CsrfField { token: ctx.csrf.clone() }
                label { "{strings::IMPORT_FILE}"
                    input { r#type: "file", name: "berkas", accept: ".csv,.xlsx,.xls,.ods", required: true }
                }
                button { r#type: "submit", class: "primary", "{strings::IMPORT_BUTTON}" }
            }
            if let Some(result) = result {
                section { class: "result",
                    h2 { {strings::import_result_title(&result.0)} }
                    div { class: "cards",
                        div { class: "card state-delivered",
                            span { class: "n", "{result.1.imported}" }
                            span { "{strings::IMPORTED}" }
                        }
                        div { class: "card state-pending",
                            span { class: "n", {result.1.duplicates.len().to_string()} }
                            span { "{strings::DUPLICATES}" }
                        }
                        div { class: "card state-failed",
                            span { class: "n", {result.1.rejected.len().to_string()} }
                            span { "{strings::REJECTED}" }
                        }
                    }
                    if !result.1.rejected.is_empty() {
                        h3 { "{strings::REJECTED_ROWS}" }
                        table { class: "list",
                            thead { tr { th { "{strings::ROW}" } th { "NO" } th { "{strings::REASON}" } } }
                            tbody {
                                for r in result.1.rejected.iter() {
                                    tr {
                                        td { class: "num", "{r.row}" }
                                        td { {r.no.clone().unwrap_or_default()} }
                                        td { "{r.reason}" }
                                    }
                                }
                            }
                        }
                    }
                    if !result.1.duplicates.is_empty() {
                        h3 { "{strings::DUPLICATE_ROWS}" }
                        ul {
                            for (row , reason) in result.1.duplicates.iter().take(MAX_DUPLICATES_SHOWN) {
                                li { {strings::row_reason(*row, reason)} }
                            }
                        }
                        if result.1.duplicates.len() > MAX_DUPLICATES_SHOWN {
                            p { class: "muted", {strings::more_duplicates(result.1.duplicates.len() - MAX_DUPLICATES_SHOWN)} }
                        }
                    }
                }
            }
        }
    }
}
