//! Couriers (admin only): list, add one (its one-time enrollment code is shown once, on the
//! answer page, never in a URL or the log), and a new code for another phone.

use antar_domain::ids::CourierId;
use axum::extract::{Path, State};
use axum::response::Html;
use dioxus::prelude::*;

use crate::ENROLLMENT_CODE_VALID_DAYS;
use crate::store::CourierInfo;
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(State(web): State<Web>, staff: Staff) -> Result<Html<String>, WebError> {
    staff.require(Perm::Couriers)?;
    page(&web, &staff, None).await
}

async fn page(
    web: &Web,
    staff: &Staff,
    code: Option<(String, String)>,
) -> Result<Html<String>, WebError> {
    let office = web.office.clone();
    let couriers = blocking(move || office.couriers()).await?;
    Ok(render::page(
        CouriersPage,
        CouriersPageProps {
            ctx: Ctx::new(staff, "/kurir"),
            couriers: Shared::new(couriers),
            code,
        },
    ))
}

pub(crate) async fn add(State(web): State<Web>, post: Post) -> Result<Html<String>, WebError> {
    post.staff.require(Perm::Couriers)?;
    let name = post.fields.required("nama", strings::NAME)?.to_owned();
    let phone = post.fields.get("hp").map(str::to_owned);
    let office = web.office.clone();
    let shown = name.clone();
    let (id, code) = blocking(move || office.add_courier(&name, phone.as_deref())).await?;
    auth::audit(
        &web,
        &post.staff,
        "kurir_tambah",
        Some(format!("kurir:{id}")),
        None,
    )
    .await?;
    page(&web, &post.staff, Some((shown, code.display()))).await
}

pub(crate) async fn new_code(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Html<String>, WebError> {
    post.staff.require(Perm::Couriers)?;
    let id: CourierId = id
        .parse()
        .map_err(|_| WebError::NotFound(strings::UNKNOWN_COURIER.to_owned()))?;
    let office = web.office.clone();
    let (code, name) = blocking(move || {
        let code = office.new_enrollment_code(id)?;
        let name = office
            .couriers()?
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.name)
            .unwrap_or_default();
        Ok((code, name))
    })
    .await?;
    auth::audit(
        &web,
        &post.staff,
        "kurir_kode_baru",
        Some(format!("kurir:{id}")),
        None,
    )
    .await?;
    page(&web, &post.staff, Some((name, code.display()))).await
}

#[component]
fn CouriersPage(
    ctx: Ctx,
    couriers: Shared<Vec<CourierInfo>>,
    code: Option<(String, String)>,
) -> Element {
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_COURIERS.to_owned(),
            h1 { "{strings::NAV_COURIERS}" }
            if let Some((name , code)) = code {
                div { class: "code-box", role: "status",
                    p { {strings::enrollment_code_for(&name)} }
                    p { class: "code", "{code}" }
                    p { class: "muted", {strings::enrollment_code_hint(ENROLLMENT_CODE_VALID_DAYS)} }
                }
            }
            table { class: "list",
                thead { tr { th { "{strings::NAME}" } th { "{strings::PHONE}" } th { class: "num", "{strings::DEVICES}" } th { class: "no-print", "" } } }
                tbody {
                    for c in couriers.iter() {
                        tr {
                            td { "{c.name}" }
                            td { {c.phone.clone().unwrap_or_default()} }
                            td { class: "num", "{c.devices}" }
                            td { class: "no-print",
                                form { method: "post", action: "/kurir/{c.id}/kode", class: "inline",
                                    CsrfField { token: ctx.csrf.clone() }
                                    button { r#type: "submit", "{strings::NEW_CODE}" }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "{strings::ADD_COURIER}" }
            form { method: "post", action: "/kurir", class: "grid",
                CsrfField { token: ctx.csrf.clone() }
                label { "{strings::NAME}" input { name: "nama", required: true, maxlength: "100" } }
                label { "{strings::PHONE}" input { name: "hp", r#type: "tel", placeholder: "08…" } }
                button { r#type: "submit", class: "primary", "{strings::ADD_COURIER}" }
            }
        }
    }
}
