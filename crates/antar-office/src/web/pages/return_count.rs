//! A BA's return reports on its page, each with its counts side by side; a courier's return
//! takes staff's own count of the bundle here, once, and a difference stays flagged.

use antar_domain::ba_return::ReturnStanding;
use axum::extract::{Path, State};
use axum::response::Response;
use dioxus::prelude::*;

use super::see_other;
use crate::store::ReturnInfo;
use crate::web::auth::{Perm, Post};
use crate::web::components::csrf::CsrfField;
use crate::web::render::Shared;
use crate::web::strings::custody;
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn count(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Returns)?;
    let f = &post.fields;
    let counted_text = f.required("jumlah", custody::COUNT_BUNDLE)?;
    let counted: u32 = counted_text.parse().map_err(|_| {
        WebError::BadRequest(strings::not_a_count(custody::COUNT_BUNDLE, counted_text))
    })?;
    let officer = f.required("petugas", strings::OFFICER)?.to_owned();
    let office = web.office.clone();
    let staff = post.staff.user.clone();
    let info = blocking(move || office.count_return(&id, counted, &officer, Some(&staff))).await?;
    Ok(see_other(&format!("/ba/{}", info.manifest_id)))
}

#[component]
pub(crate) fn ReturnsSection(
    returns: Shared<Vec<ReturnInfo>>,
    csrf: String,
    officer: String,
) -> Element {
    if returns.is_empty() {
        return rsx! {};
    }
    rsx! {
        h2 { "{strings::RETURNS_TITLE}" }
        table { class: "list returns",
            thead {
                tr {
                    th { "{strings::NUMBER}" }
                    th { "{custody::RETURN_FROM}" }
                    th { class: "num", "{strings::COUNT}" }
                    th { class: "num", "{custody::COURIER_COUNT}" }
                    th { class: "num", "{custody::OFFICE_COUNT}" }
                    th { "{custody::RETURN_STANDING}" }
                }
            }
            tbody {
                for r in returns.iter() {
                    ReturnRow { info: r.clone(), csrf: csrf.clone(), officer: officer.clone() }
                }
            }
        }
    }
}

#[component]
fn ReturnRow(info: ReturnInfo, csrf: String, officer: String) -> Element {
    let tally = info.tally();
    let standing = tally.standing();
    let count = |n: Option<u32>| n.map_or_else(|| "—".to_owned(), |n| n.to_string());
    let flagged = standing == ReturnStanding::Differs;
    rsx! {
        tr { class: if flagged { "flagged" },
            td { a { href: "/pengembalian/{info.id}/cetak", "{info.number}" } }
            td {
                if info.from_courier { "{custody::FROM_COURIER_PHONE}" } else { "{custody::FROM_OFFICE}" }
            }
            td { class: "num", "{info.item_count}" }
            td { class: "num", {count(tally.courier_counted)} }
            td { class: "num",
                {count(tally.office_counted)}
                if let Some(by) = &info.office_counted_by {
                    span { class: "muted", " ({custody::COUNTED_BY} {by})" }
                }
            }
            td {
                if flagged {
                    strong { class: "flag", {custody::return_difference(tally)} }
                } else {
                    "{custody::return_standing(standing)}"
                }
                if tally.office_may_count() {
                    form { method: "post", action: "/pengembalian/{info.id}/hitung", class: "inline no-print",
                        CsrfField { token: csrf.clone() }
                        label { "{custody::COUNT_BUNDLE}"
                            input { r#type: "number", name: "jumlah", min: "0", required: true, inputmode: "numeric" }
                        }
                        label { "{strings::OFFICER}"
                            input { name: "petugas", value: "{officer}", required: true }
                        }
                        button { r#type: "submit", "{custody::SAVE_OFFICE_COUNT}" }
                        p { class: "hint", "{custody::RETURN_COUNT_HINT}" }
                    }
                }
            }
        }
    }
}
