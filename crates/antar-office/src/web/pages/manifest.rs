//! One BA Pengiriman: its items and counts on screen, and the printable A4 page with the
//! office header, the list, counts per desa, signature blocks and the QR code for the app;
//! its lines as an .xlsx to work from.

use std::collections::BTreeMap;

use antar_domain::ids::ManifestId;
use antar_domain::manifest::Manifest;
use antar_domain::state::ItemState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use dioxus::prelude::*;

use super::return_count::ReturnsSection;
use super::see_other;
use crate::store::{Cancellation, HandoverCountInfo, ReturnInfo};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Bare, Ctx, Layout};
use crate::web::components::letterhead::{Closing, Letterhead, PageMarks, page_marks};
use crate::web::components::qr::{QrCodeSvg, link};
use crate::web::components::state::StateLabel;
use crate::web::render::{self, Shared};
use crate::web::strings::custody;
use crate::web::strings::exports as sx;
use crate::web::xlsx::{self, Cell, ListSheet};
use crate::web::{Web, WebError, blocking, strings};

pub(crate) fn parse_id(id: &str) -> Result<ManifestId, WebError> {
    id.parse()
        .map_err(|_| WebError::NotFound(strings::MANIFEST_NOT_FOUND.to_owned()))
}

pub(crate) async fn load(web: &Web, id: &str) -> Result<Manifest, WebError> {
    let id = parse_id(id)?;
    let office = web.office.clone();
    blocking(move || office.manifest(id))
        .await?
        .ok_or_else(|| WebError::NotFound(strings::MANIFEST_NOT_FOUND.to_owned()))
}

/// Documents per (kecamatan, desa) name, in the BA's order.
pub(crate) fn per_desa(manifest: &Manifest) -> Vec<(String, String, usize)> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for item in &manifest.items {
        *counts
            .entry((
                item.address.kecamatan_name.clone(),
                item.address.desa_name.clone(),
            ))
            .or_default() += 1;
    }
    counts.into_iter().map(|((k, d), n)| (k, d, n)).collect()
}

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Manifests)?;
    let manifest = load(&web, &id).await?;
    let office = web.office.clone();
    let manifest_id = manifest.id;
    let (returns, count, cancelled) = blocking(move || {
        Ok((
            office.returns(Some(manifest_id))?,
            office.handover_count(manifest_id)?,
            office.manifest_cancellation(manifest_id)?,
        ))
    })
    .await?;
    Ok(render::page(
        DetailPage,
        DetailPageProps {
            ctx: Ctx::new(&staff, "/ba"),
            manifest: Shared::new(manifest),
            returns: Shared::new(returns),
            count,
            cancelled,
        },
    ))
}

/// Cancels a BA issued by mistake, if the domain still lets it (see `antar_domain::ba_cancel`).
pub(crate) async fn cancel(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Manifests)?;
    let manifest = parse_id(&id)?;
    let reason = post
        .fields
        .required("alasan", strings::CANCEL_REASON)?
        .chars()
        .take(300)
        .collect::<String>();
    let by = post.staff.user.display_name.clone();
    let office = web.office.clone();
    let back = blocking(move || office.cancel_manifest(manifest, &reason, &by))
        .await?
        .ok_or_else(|| WebError::NotFound(strings::MANIFEST_NOT_FOUND.to_owned()))?
        .map_err(|refusal| WebError::BadRequest(strings::cancel_refused(&refusal.to_string())))?;
    auth::audit(
        &web,
        &post.staff,
        "ba_batal",
        Some(format!("ba:{manifest}")),
        Some(format!("dokumen_kembali:{back}")),
    )
    .await?;
    Ok(see_other(&format!("/ba/{manifest}")))
}

/// The BA's lines as an .xlsx: what the page lists, with the address and the owner's phone
/// the courier goes by, in the BA's order.
pub(crate) async fn xlsx(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    staff.require(Perm::Manifests)?;
    let manifest = load(&web, &id).await?;
    let office = web.office.clone();
    let manifest_id = manifest.id;
    let count = blocking(move || office.handover_count(manifest_id)).await?;
    let lines = manifest.items.len();
    let number = manifest.number.to_string();
    let bytes = blocking(move || lines_workbook(&manifest, count.as_ref())).await?;
    auth::audit(
        &web,
        &staff,
        "laporan_unduh",
        Some(format!("ba:{manifest_id}")),
        Some(format!("baris_ba baris={lines}")),
    )
    .await?;
    // 470/0001/BA-PENG/DUKCAPIL/XI/2026 → 470-0001-BA-PENG-DUKCAPIL-XI-2026.xlsx
    let file: String = number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Ok(xlsx::download(bytes, &format!("{file}.xlsx")))
}

/// One sheet of the BA's lines. The NIK is masked as on the page and the printed BA: the
/// courier tells documents apart by name, address and the NIK's last digits (his phone holds
/// no more), and the file leaves the office's access control once saved or mailed; whoever
/// needs a whole NIK finds the document at /dokumen, where the look-up is audited.
fn lines_workbook(
    manifest: &Manifest,
    count: Option<&HandoverCountInfo>,
) -> Result<Vec<u8>, crate::error::OfficeError> {
    let missing: &[u32] = count.map_or(&[], |c| c.missing_lines.as_slice());
    let title = sx::ba_title(manifest.number.as_str());
    let label = sx::ba_label(
        &manifest.issued_on.to_string(),
        &manifest.courier.name,
        manifest.items.len(),
    );
    let columns = [
        (strings::LINE, Some(6.0)),
        (strings::NAME, Some(28.0)),
        ("NIK", Some(19.0)),
        (strings::DOCUMENT_TYPE, Some(12.0)),
        (strings::ADDRESS, Some(32.0)),
        (sx::RT, Some(5.0)),
        (sx::RW, Some(5.0)),
        (strings::DESA, Some(22.0)),
        (strings::KECAMATAN, Some(18.0)),
        (crate::web::strings::documents::OWNER_PHONE, Some(16.0)),
        (strings::PRINTED_ON, Some(12.0)),
        (strings::STATUS, Some(26.0)),
    ]
    .map(|(title, width)| (title.to_owned(), width));
    let sheet = ListSheet {
        sheet_name: sx::BA_SHEET,
        title: &title,
        label: &label,
        columns: &columns,
    };
    let lines = manifest.items.iter().map(|item| {
        let status = if missing.contains(&item.line) {
            custody::MISSING_AT_COUNT
        } else {
            strings::state_label(item.state.code())
        };
        vec![
            Cell::Number(i64::from(item.line)),
            Cell::Text(item.owner_name.clone()),
            Cell::Text(item.nik.masked()),
            Cell::Text(item.document_type.as_code().to_owned()),
            Cell::Text(item.address.alamat.clone()),
            Cell::Text(item.address.rt.to_string()),
            Cell::Text(item.address.rw.to_string()),
            Cell::Text(item.address.desa_name.clone()),
            Cell::Text(item.address.kecamatan_name.clone()),
            Cell::text_or_blank(item.phone.as_ref().map(|p| p.grouped())),
            Cell::Date(item.printed_on),
            Cell::Text(status.to_owned()),
        ]
    });
    xlsx::list_workbook(&sheet, lines)
}

/// The address phones use to reach the office: configured, or as the browser reached it.
pub(crate) fn base_url(web: &Web, headers: &HeaderMap) -> String {
    if let Some(url) = &web.config.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if web.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

pub(crate) async fn print(
    State(web): State<Web>,
    staff: Staff,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Manifests)?;
    let manifest = load(&web, &id).await?;
    let qr = link(&manifest.id.to_string(), &base_url(&web, &headers));
    let office = web.office.clone();
    let manifest_id = manifest.id;
    let (count, signer_nip) = blocking(move || {
        Ok((
            office.handover_count(manifest_id)?,
            office.signer_nip(manifest_id)?,
        ))
    })
    .await?;
    Ok(render::page(
        PrintPage,
        PrintPageProps {
            manifest: Shared::new(manifest),
            counted: count.map(|c| c.counted),
            qr,
            // The NIP the BA was issued with, not the one of whoever prints it.
            signer_nip: signer_nip.map_or_else(|| strings::NIP_BLANK.to_owned(), |n| n.to_string()),
        },
    ))
}

/// The stylesheet that writes the BA's number and page numbers in its printed pages' margins.
pub(crate) async fn print_css(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    staff.require(Perm::Manifests)?;
    let manifest = load(&web, &id).await?;
    Ok(page_marks(manifest.number.as_str()))
}

#[component]
fn DetailPage(
    ctx: Ctx,
    manifest: Shared<Manifest>,
    returns: Shared<Vec<ReturnInfo>>,
    count: Option<HandoverCountInfo>,
    cancelled: Option<Cancellation>,
) -> Element {
    let missing: Vec<u32> = count
        .as_ref()
        .map(|c| c.missing_lines.clone())
        .unwrap_or_default();
    let desa = per_desa(&manifest);
    let failed = manifest
        .items
        .iter()
        .filter(|i| i.state == ItemState::Failed)
        .count();
    let counts = manifest.counts();
    rsx! {
        Layout { ctx: ctx.clone(), title: manifest.number.to_string(),
            h1 { "{strings::BA_SHORT} {manifest.number}" }
            p {
                {strings::manifest_summary(&manifest.issued_on.to_string(), &manifest.courier.name, &manifest.issued_by)}
            }
            if let Some(c) = &cancelled {
                p { class: "warn-box", role: "status",
                    {strings::cancelled_by(&strings::local_time_text(&c.at), &c.by, &c.reason)}
                }
            } else if count.is_none() && manifest.items.iter().all(|i| i.state == ItemState::Pending) {
                // Until the courier counts it or records on it, a BA issued by mistake may go.
                details { class: "no-print cancel-ba",
                    summary { "{strings::CANCEL_BA}" }
                    form { method: "post", action: "/ba/{manifest.id}/batal", class: "grid",
                        CsrfField { token: ctx.csrf.clone() }
                        p { class: "muted", "{strings::CANCEL_BA_HINT}" }
                        label { "{strings::CANCEL_REASON}"
                            input { name: "alasan", required: true, maxlength: "300" }
                        }
                        button { r#type: "submit", class: "danger", "{strings::CANCEL_BA}" }
                    }
                }
            }
            div { class: "cards",
                for (state , n) in counts {
                    div { class: "card state-{state.code()}",
                        span { class: "n", "{n}" }
                        span { {strings::state_label(state.code())} }
                    }
                }
            }
            p { class: "actions no-print",
                a { class: "button primary", href: "/ba/{manifest.id}/cetak", "{strings::PRINT_MANIFEST}" }
                a { class: "button", href: "/ba/{manifest.id}/baris.xlsx", "{sx::DOWNLOAD_BA_LINES}" }
                a { class: "button", href: "/dokumen?ba={crate::web::error::urlencode(manifest.number.as_str())}", "{crate::web::strings::documents::DOCUMENTS_ON_BA}" }
                if failed > 0 {
                    a { class: "button", href: "/ba/{manifest.id}/kembali", {strings::make_return(failed)} }
                }
            }
            CountSection { count: count.clone(), on_ba: manifest.items.len(), asked: manifest.count_required || count.is_some() }
            ReturnsSection { returns: returns.clone(), csrf: ctx.csrf.clone(), officer: ctx.name.clone() }
            h2 { "{strings::COUNT_PER_DESA}" }
            table { class: "counts",
                thead { tr { th { "{strings::KECAMATAN}" } th { "{strings::DESA}" } th { class: "num", "{strings::COUNT}" } } }
                tbody {
                    for (k , d , n) in desa {
                        tr { td { "{k}" } td { "{d}" } td { class: "num", "{n}" } }
                    }
                }
                tfoot { tr { th { colspan: "2", "{strings::TOTAL}" } th { class: "num", {manifest.items.len().to_string()} } } }
            }
            h2 { "{strings::DOCUMENT_LIST}" }
            table { class: "list",
                thead {
                    tr {
                        th { class: "num", "{strings::LINE}" }
                        th { "{strings::NAME}" }
                        th { "NIK" }
                        th { "{strings::DOCUMENT_TYPE}" }
                        th { "{strings::DESA}" }
                        th { "{strings::STATUS}" }
                    }
                }
                tbody {
                    for item in manifest.items.iter() {
                        tr { key: "{item.id}",
                            td { "data-label": strings::LINE, class: "num", "{item.line}" }
                            td { "data-label": strings::NAME, "{item.owner_name}" }
                            td { "data-label": "NIK", class: "mono", {item.nik.masked()} }
                            td { "data-label": strings::DOCUMENT_TYPE, {item.document_type.as_code()} }
                            td { "data-label": strings::DESA, "{item.address.desa_name}" }
                            td { "data-label": strings::STATUS,
                                if missing.contains(&item.line) {
                                    span { class: "missing-line", "{custody::MISSING_AT_COUNT}" }
                                } else {
                                    StateLabel { code: item.state.code().to_owned() }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The courier's count at handover: when and how many, the missing lines; or that it has not
/// come yet (for a BA that asks for one).
#[component]
fn CountSection(count: Option<HandoverCountInfo>, on_ba: usize, asked: bool) -> Element {
    if !asked {
        return rsx! {};
    }
    rsx! {
        h2 { "{custody::COUNT_TITLE}" }
        match count {
            None => rsx! { p { class: "warn-box", "{custody::NOT_COUNTED}" } },
            Some(c) => rsx! {
                p { {custody::counted(&c, on_ba)} }
                if !c.missing_lines.is_empty() {
                    p { class: "warn-box", {custody::missing_lines(&c.missing_lines)} }
                    p { class: "muted", "{custody::MISSING_HINT}" }
                }
            },
        }
    }
}

#[component]
fn PrintPage(
    manifest: Shared<Manifest>,
    counted: Option<u32>,
    qr: String,
    signer_nip: String,
) -> Element {
    let desa = per_desa(&manifest);
    // A visit's BA is handed to the recording team, not to a POS courier.
    let visit = manifest.number.is_visit();
    rsx! {
        Bare { title: manifest.number.to_string(),
            PageMarks { href: "/ba/{manifest.id}/cetak.css" }
            div { class: "print-tools no-print",
                button { r#type: "button", "data-print": "1", "{strings::PRINT}" }
                a { href: "/ba/{manifest.id}", "{strings::BACK}" }
            }
            article { class: "paper",
                Letterhead {}
                div { class: "paper-title",
                    div {
                        h1 { {if visit { strings::visits::BA_PRINT_TITLE } else { strings::BA_TITLE }} }
                        p { class: "ba-number", "{strings::NUMBER}: {manifest.number}" }
                    }
                    div { class: "qr-box",
                        QrCodeSvg { text: qr.clone() }
                        p { class: "qr-caption", "{strings::QR_CAPTION}" }
                    }
                }
                p { class: "opening", {strings::ba_opening(&manifest.issued_on.to_string(), &manifest.courier.name, manifest.items.len())} }
                table { class: "paper-list",
                    thead {
                        tr {
                            th { "{strings::NO}" }
                            th { "{strings::NAME}" }
                            th { "NIK" }
                            th { "{strings::DOCUMENT_TYPE}" }
                            th { "{strings::ADDRESS}" }
                        }
                    }
                    tbody {
                        for item in manifest.items.iter() {
                            tr {
                                td { class: "num", "{item.line}" }
                                td { "{item.owner_name}" }
                                td { class: "mono", {item.nik.masked()} }
                                td { {item.document_type.as_code()} }
                                td { "{item.address.alamat} RT {item.address.rt}/RW {item.address.rw}, {item.address.desa_name}, {item.address.kecamatan_name}" }
                            }
                        }
                    }
                }
                // The per-desa counts stay with the closing and signatures when they fit a page.
                section { class: "paper-tail",
                    h2 { "{strings::COUNT_PER_DESA}" }
                    table { class: "paper-counts",
                        thead { tr { th { "{strings::DESA}" } th { "{strings::KECAMATAN}" } th { class: "num", "{strings::COUNT}" } } }
                        tbody {
                            for (k , d , n) in desa {
                                tr { td { "{d}" } td { "{k}" } td { class: "num", "{n}" } }
                            }
                        }
                        tfoot { tr { th { colspan: "2", "{strings::TOTAL}" } th { class: "num", {manifest.items.len().to_string()} } } }
                    }
                    if !visit {
                        p { class: "count-line", {custody::print_count(counted, manifest.items.len())} }
                    }
                    Closing {
                        div { class: "signatures",
                            div {
                                p { "{strings::HANDED_OVER_BY}" }
                                p { "{strings::OFFICE_SHORT}" }
                                div { class: "sign-space" }
                                p { class: "sign-name", "{manifest.issued_by}" }
                                p { "NIP. {signer_nip}" }
                            }
                            div {
                                p { "{strings::RECEIVED_BY}" }
                                p { {if visit { strings::visits::BA_RECEIVER } else { strings::COURIER_POS }} }
                                div { class: "sign-space" }
                                p { class: "sign-name", "{manifest.courier.name}" }
                                p { "{strings::ID_NUMBER}: ........................" }
                            }
                        }
                    }
                }
            }
        }
    }
}
