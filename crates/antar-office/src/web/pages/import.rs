//! Import: upload a SIAK export (CSV or .xlsx); the page shows how many rows were imported,
//! which were duplicates (nothing is imported twice) and each refused row with its reason.

use axum::extract::{Multipart, State};
use axum::response::Html;
use dioxus::prelude::*;

use crate::import::ImportReport;
use crate::web::auth::{self, Perm, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::import_report::ImportResult;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(State(_web): State<Web>, staff: Staff) -> Result<Html<String>, WebError> {
    staff.require(Perm::Import)?;
    Ok(page(&staff, None))
}

fn page(staff: &Staff, result: Option<(String, ImportReport)>) -> Html<String> {
    render::page(
        ImportPage,
        ImportPageProps {
            ctx: Ctx::new(staff, "/impor"),
            result: result.map(|(name, report)| (name, Shared::new(report))),
        },
    )
}

pub(crate) async fn post(
    State(web): State<Web>,
    staff: Staff,
    mut multipart: Multipart,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Import)?;
    let (name, bytes) = read_upload(&staff, &mut multipart, strings::UPLOAD_MISSING).await?;
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

/// The file in field `berkas` of a multipart form whose CSRF token matched; `missing` says
/// what to choose when no file came.
pub(crate) async fn read_upload(
    staff: &Staff,
    multipart: &mut Multipart,
    missing: &str,
) -> Result<(String, Vec<u8>), WebError> {
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
    file.filter(|(_, b)| !b.is_empty())
        .ok_or_else(|| WebError::BadRequest(missing.to_owned()))
}

#[component]
fn ImportPage(ctx: Ctx, result: Option<(String, Shared<ImportReport>)>) -> Element {
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
            if let Some((name, report)) = result {
                ImportResult { title: strings::import_result_title(&name), report }
            }
        }
    }
}
