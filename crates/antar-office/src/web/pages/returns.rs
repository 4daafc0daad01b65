//! BA Pengembalian: choose the failed documents of a BA that came back to the office, issue a
//! numbered return report (the items become `returned`), and print it.

use antar_domain::ba_return::ReturnStanding;
use antar_domain::ids::ItemId;
use antar_domain::manifest::{Manifest, ManifestItem};
use antar_domain::state::ItemState;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use dioxus::prelude::*;

use super::manifest::{load, parse_id};
use super::see_other;
use crate::store::{ReturnManifest, today};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Bare, Ctx, Layout};
use crate::web::components::letterhead::{Closing, Letterhead, PageMarks, page_marks};
use crate::web::render::{self, Shared};
use crate::web::strings::custody;
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn form(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Returns)?;
    let manifest = load(&web, &id).await?;
    Ok(render::page(
        FormPage,
        FormPageProps {
            ctx: Ctx::new(&staff, "/ba"),
            officer: staff.user.display_name.clone(),
            manifest: Shared::new(manifest),
        },
    ))
}

pub(crate) async fn issue(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Returns)?;
    let manifest = parse_id(&id)?;
    let f = &post.fields;
    // The form offers the BA's own item ids; anything else was not sent by this page.
    let items = f
        .all("item")
        .iter()
        .map(|id| id.parse())
        .collect::<Result<Vec<ItemId>, _>>()
        .map_err(|_| WebError::BadRequest(strings::UNKNOWN_ITEM_CHOICE.to_owned()))?;
    let officer = f.required("petugas", strings::OFFICER)?.to_owned();
    let day = f.date("tanggal", strings::DATE)?.unwrap_or_else(today);
    let office = web.office.clone();
    let info = blocking(move || office.issue_return(manifest, &items, &officer, day)).await?;
    auth::audit(
        &web,
        &post.staff,
        "ba_kembali_terbit",
        Some(format!("ba_kembali:{}", info.id)),
        Some(format!("ba:{manifest} dokumen:{}", info.item_count)),
    )
    .await?;
    Ok(see_other(&format!("/pengembalian/{}/cetak", info.id)))
}

pub(crate) async fn print(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Returns)?;
    let office = web.office.clone();
    let found = blocking(move || office.return_manifest(&id))
        .await?
        .ok_or_else(|| WebError::NotFound(strings::RETURN_NOT_FOUND.to_owned()))?;
    Ok(render::page(
        PrintPage,
        PrintPageProps {
            data: Shared::new(found),
        },
    ))
}

/// The stylesheet that writes the BA's number and page numbers in its printed pages' margins.
pub(crate) async fn print_css(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    staff.require(Perm::Returns)?;
    let office = web.office.clone();
    let found = blocking(move || office.return_manifest(&id))
        .await?
        .ok_or_else(|| WebError::NotFound(strings::RETURN_NOT_FOUND.to_owned()))?;
    Ok(page_marks(&found.info.number))
}

#[component]
fn FormPage(ctx: Ctx, officer: String, manifest: Shared<Manifest>) -> Element {
    let failed: Vec<&ManifestItem> = manifest
        .items
        .iter()
        .filter(|i| i.state == ItemState::Failed)
        .collect();
    let today = today().to_string();
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::RETURN_TITLE.to_owned(),
            h1 { "{strings::RETURN_TITLE}" }
            p { "{strings::BA_SHORT} " a { href: "/ba/{manifest.id}", "{manifest.number}" } " — {manifest.courier.name}" }
            if failed.is_empty() {
                p { class: "empty", "{strings::NO_FAILED_ITEMS}" }
            } else {
                form { method: "post", action: "/ba/{manifest.id}/kembali",
                    CsrfField { token: ctx.csrf.clone() }
                    div { class: "grid",
                        label { "{strings::OFFICER}"
                            input { name: "petugas", value: "{officer}", required: true }
                        }
                        label { "{strings::DATE}"
                            input { r#type: "date", name: "tanggal", value: "{today}", required: true }
                        }
                    }
                    table { class: "list",
                        thead {
                            tr {
                                th { input { r#type: "checkbox", "data-check-all": "item", title: "{strings::SELECT_ALL}" } }
                                th { class: "num", "{strings::LINE}" }
                                th { "{strings::NAME}" }
                                th { "NIK" }
                                th { "{strings::DOCUMENT_TYPE}" }
                                th { "{strings::DESA}" }
                            }
                        }
                        tbody {
                            for item in failed {
                                tr {
                                    td { input { r#type: "checkbox", name: "item", value: "{item.id}", id: "item-{item.line}" } }
                                    td { "data-label": strings::LINE, class: "num", label { r#for: "item-{item.line}", "{item.line}" } }
                                    td { "data-label": strings::NAME, "{item.owner_name}" }
                                    td { "data-label": "NIK", class: "mono", {item.nik.masked()} }
                                    td { "data-label": strings::DOCUMENT_TYPE, {item.document_type.as_code()} }
                                    td { "data-label": strings::DESA, "{item.address.desa_name}" }
                                }
                            }
                        }
                    }
                    button { r#type: "submit", class: "primary", "{strings::ISSUE_RETURN}" }
                }
            }
        }
    }
}

#[component]
fn PrintPage(data: Shared<ReturnManifest>) -> Element {
    let info = &data.info;
    rsx! {
        Bare { title: info.number.clone(),
            PageMarks { href: "/pengembalian/{info.id}/cetak.css" }
            div { class: "print-tools no-print",
                button { r#type: "button", "data-print": "1", "{strings::PRINT}" }
                a { href: "/ba/{info.manifest_id}", "{strings::BACK}" }
            }
            article { class: "paper",
                Letterhead {}
                h1 { "{strings::RETURN_PAPER_TITLE}" }
                p { class: "ba-number", "{strings::NUMBER}: {info.number}" }
                p { class: "opening", {strings::return_opening(&info.issued_on, &info.courier_name, &info.manifest_number, data.lines.len())} }
                table { class: "paper-list",
                    thead {
                        tr {
                            th { "{strings::NO}" }
                            th { "{strings::BA_LINE}" }
                            th { "{strings::NAME}" }
                            th { "NIK" }
                            th { "{strings::DOCUMENT_TYPE}" }
                            th { "{strings::DESA}" }
                            th { "{strings::REASON}" }
                        }
                    }
                    tbody {
                        for l in data.lines.iter() {
                            tr {
                                td { class: "num", "{l.line}" }
                                td { class: "num", "{l.ba_line}" }
                                td { "{l.name}" }
                                td { class: "mono", {strings::mask_nik(&l.nik)} }
                                td { "{l.document_type}" }
                                td { "{l.desa_name}, {l.kecamatan_name}" }
                                td { {strings::reason_label(l.reason.as_deref())} }
                            }
                        }
                    }
                    tfoot { tr { th { colspan: "6", "{strings::TOTAL}" } th { class: "num", {data.lines.len().to_string()} } } }
                }
                if info.from_courier {
                    p { class: "count-line", {custody::print_return_counts(info.tally())} }
                    if info.tally().standing() == ReturnStanding::Differs {
                        p { class: "count-line flag", strong { {custody::return_difference(info.tally())} } }
                    }
                }
                Closing {
                    div { class: "signatures",
                        div {
                            p { "{strings::HANDED_OVER_BY}" }
                            p { "{strings::COURIER_POS}" }
                            div { class: "sign-space" }
                            p { class: "sign-name", "{info.courier_name}" }
                            p { "{strings::ID_NUMBER}: ........................" }
                        }
                        div {
                            p { "{strings::RECEIVED_BY}" }
                            p { "{strings::OFFICE_SHORT}" }
                            div { class: "sign-space" }
                            p { class: "sign-name", "{info.received_by()}" }
                            p { "NIP. {strings::NIP_BLANK}" }
                        }
                    }
                }
            }
        }
    }
}
