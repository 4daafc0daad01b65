//! A visit's BAs of printed documents on its page: the list, and issuing one while the visit
//! is planned (through `Office::attach_visit_documents`); the BA itself is printed and read on
//! the BA pages.

use antar_domain::nip::Nip;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dioxus::prelude::*;

use super::see_other;
use super::visits::parse_id;
use crate::store::{HandoverRow, ManifestInfo, today};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::nip_field::{NipField, staff_nip};
use crate::web::strings::{self, visits as sv};
use crate::web::{Web, WebError, blocking};

pub(crate) async fn attach(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let f = &post.fields;
    let nip = match Nip::parse(f.get("nip").unwrap_or_default()) {
        Ok(nip) => nip,
        Err(refusal) => {
            // The visit's page comes back with the form as it was sent, the refusal beside
            // the NIP.
            let form = BaForm {
                officer: f.get("petugas").unwrap_or_default().to_owned(),
                nip: f.get("nip").unwrap_or_default().to_owned(),
                date: f.get("tanggal").unwrap_or_default().to_owned(),
                nip_error: Some(refusal.to_string()),
            };
            let page = super::visit::page(&web, &post.staff, id, None, Some(form)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let officer = f.required("petugas", sv::BA_SIGNER)?.to_owned();
    let issued_on = f.date("tanggal", strings::DATE)?.unwrap_or_else(today);
    let office = web.office.clone();
    let manifest =
        blocking(move || office.attach_visit_documents(id, &officer, &nip, issued_on)).await?;
    auth::audit(
        &web,
        &post.staff,
        "kunjungan_ba",
        Some(format!("ba:{}", manifest.id)),
        Some(format!("kunjungan:{id} dokumen:{}", manifest.items.len())),
    )
    .await?;
    Ok(see_other(&format!("/ba/{}", manifest.id)))
}

/// The form issuing a visit's BA: as it starts, or as it was sent when its NIP was refused.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct BaForm {
    officer: String,
    nip: String,
    date: String,
    nip_error: Option<String>,
}

impl BaForm {
    /// The signer is most often the one issuing: their name and NIP start filled in.
    pub(crate) fn starting(staff: &Staff) -> Self {
        Self {
            officer: staff.user.display_name.clone(),
            nip: staff_nip(staff),
            date: today().to_string(),
            nip_error: None,
        }
    }
}

/// The visit's BAs, oldest first, with a form to issue one while `planned`, and the cards
/// the team handed collectively to the aparat pekon.
#[component]
pub(crate) fn VisitBas(
    visit: String,
    manifests: Vec<ManifestInfo>,
    handovers: Vec<HandoverRow>,
    planned: bool,
    csrf: String,
    form: BaForm,
) -> Element {
    rsx! {
        section { class: "visit-ba",
            h2 { "{sv::BA_TITLE}" }
            if manifests.is_empty() {
                p { class: "empty", "{sv::BA_NONE}" }
            } else {
                table { class: "list",
                    thead {
                        tr {
                            th { "{strings::BA_NUMBER}" }
                            th { "{strings::DATE}" }
                            th { class: "num", "{strings::COUNT}" }
                            th { class: "num", {strings::state_word(antar_domain::state::ItemState::Delivered)} }
                        }
                    }
                    tbody {
                        for m in manifests.iter() {
                            tr { key: "{m.id}",
                                td { a { href: "/ba/{m.id}", "{m.number}" } }
                                td { {strings::date_id(&m.issued_on.to_string())} }
                                td { class: "num", "{m.item_count}" }
                                td { class: "num", "{m.counts.delivered}" }
                            }
                        }
                    }
                }
            }
            if !handovers.is_empty() {
                h3 { "{sv::HANDOVERS_TITLE}" }
                table { class: "list",
                    thead {
                        tr {
                            th { "{strings::DATE}" }
                            th { "{sv::OFFICIAL}" }
                            th { class: "num", "{sv::CARDS}" }
                            th { "{sv::TEAM}" }
                            th { "{sv::PHOTOS}" }
                        }
                    }
                    tbody {
                        for h in handovers.iter() {
                            tr { key: "{h.office_seq}",
                                td { {strings::local_time(&h.recorded_at)} }
                                td { "{h.official_name}, {h.official_position}" }
                                td { class: "num", {sv::cards_delivered(h.delivered, h.cards)} }
                                td { "{h.courier_name}" }
                                td {
                                    if let Some(photo) = h.photo {
                                        a { href: "/kunjungan/{visit}/foto/{photo}", "{sv::PHOTOS}" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if planned {
                p { class: "muted no-print", "{sv::BA_HINT}" }
                form { method: "post", action: "/kunjungan/{visit}/ba", class: "inline no-print",
                    CsrfField { token: csrf.clone() }
                    label { "{sv::BA_SIGNER}"
                        input { name: "petugas", value: "{form.officer}", required: true }
                    }
                    NipField { value: form.nip.clone(), error: form.nip_error.clone() }
                    label { "{strings::DATE}"
                        input { r#type: "date", name: "tanggal", value: "{form.date}", required: true }
                    }
                    button { r#type: "submit", class: "primary", "{sv::BA_ISSUE}" }
                }
            }
        }
    }
}
