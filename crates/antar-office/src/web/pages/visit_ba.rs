//! A visit's BAs of printed documents on its page: the list, and issuing one while the visit
//! is planned (through `Office::attach_visit_documents`); the BA itself is printed and read on
//! the BA pages.

use axum::extract::{Path, State};
use axum::response::Response;
use dioxus::prelude::*;

use super::see_other;
use super::visits::parse_id;
use crate::store::{HandoverRow, ManifestInfo, today};
use crate::web::auth::{self, Perm, Post};
use crate::web::components::csrf::CsrfField;
use crate::web::strings::{self, visits as sv};
use crate::web::{Web, WebError, blocking};

pub(crate) async fn attach(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let officer = post.fields.required("petugas", sv::BA_SIGNER)?.to_owned();
    let issued_on = post
        .fields
        .date("tanggal", strings::DATE)?
        .unwrap_or_else(today);
    let office = web.office.clone();
    let manifest = blocking(move || office.attach_visit_documents(id, &officer, issued_on)).await?;
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

/// The visit's BAs, oldest first, with a form to issue one while `planned`, and the cards
/// the team handed collectively to the aparat pekon.
#[component]
pub(crate) fn VisitBas(
    visit: String,
    manifests: Vec<ManifestInfo>,
    handovers: Vec<HandoverRow>,
    planned: bool,
    csrf: String,
    officer: String,
) -> Element {
    let today = today().to_string();
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
                        input { name: "petugas", value: "{officer}", required: true }
                    }
                    label { "{strings::DATE}"
                        input { r#type: "date", name: "tanggal", value: "{today}", required: true }
                    }
                    button { r#type: "submit", class: "primary", "{sv::BA_ISSUE}" }
                }
            }
        }
    }
}
