//! Couriers and recording-team members (admin only): list, add one with their role (its one-time
//! enrollment code is shown once, on the answer page, never in a URL or the log), change a role,
//! a new code for another phone; their phones, revoking one (with or without an upload grace),
//! ending a grace, and deactivating an officer.

use antar_domain::field_role::FieldRole;
use antar_domain::glossary;
use antar_domain::ids::{CourierId, DeviceId};
use axum::extract::{Path, State};
use axum::response::Html;
use chrono::{DateTime, Utc};
use dioxus::prelude::*;

use crate::describe_access;
use crate::store::{CourierInfo, DeviceInfo};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::strings::custody;
use crate::web::{Web, WebError, blocking, strings};
use antar_domain::access::ENROLLMENT_CODE_VALID_DAYS;
use antar_domain::enroll_link::EnrollLink;
use axum::http::HeaderMap;

use crate::web::components::qr::QrCodeSvg;

pub(crate) async fn get(State(web): State<Web>, staff: Staff) -> Result<Html<String>, WebError> {
    staff.require(Perm::Couriers)?;
    page(&web, &staff, None).await
}

async fn page(web: &Web, staff: &Staff, code: Option<ShownCode>) -> Result<Html<String>, WebError> {
    let office = web.office.clone();
    let (couriers, devices) =
        blocking(move || Ok((office.couriers()?, office.devices(None)?))).await?;
    Ok(render::page(
        CouriersPage,
        CouriersPageProps {
            ctx: Ctx::new(staff, "/kurir"),
            couriers: Shared::new(couriers),
            devices: Shared::new(devices),
            now: Utc::now(),
            code,
        },
    ))
}

/// A new code as the page shows it: for whom, the code, and the link its QR code carries.
fn shown_code(web: &Web, headers: &HeaderMap, name: String, code: String) -> ShownCode {
    let link = EnrollLink {
        office_url: super::manifest::base_url(web, headers),
        code: code.clone(),
    }
    .to_link();
    ShownCode { name, code, link }
}

#[derive(Clone, Debug, PartialEq)]
struct ShownCode {
    name: String,
    code: String,
    link: String,
}

pub(crate) async fn add(
    State(web): State<Web>,
    headers: HeaderMap,
    post: Post,
) -> Result<Html<String>, WebError> {
    post.staff.require(Perm::Couriers)?;
    let name = post.fields.required("nama", strings::NAME)?.to_owned();
    let phone = post.fields.get("hp").map(str::to_owned);
    let role = field_role(post.fields.get("peran"))?;
    let office = web.office.clone();
    let shown = name.clone();
    let (id, code) = blocking(move || office.add_courier(&name, phone.as_deref(), role)).await?;
    auth::audit(
        &web,
        &post.staff,
        "kurir_tambah",
        Some(format!("kurir:{id}")),
        Some(role.code().to_owned()),
    )
    .await?;
    let shown = shown_code(&web, &headers, shown, code.display());
    page(&web, &post.staff, Some(shown)).await
}

pub(crate) async fn set_role(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Html<String>, WebError> {
    post.staff.require(Perm::Couriers)?;
    let id = courier_id(&id)?;
    let role = field_role(Some(post.fields.required("peran", strings::ROLE)?))?;
    let office = web.office.clone();
    blocking(move || office.set_field_role(id, role)).await?;
    let target = Some(format!("kurir:{id}"));
    let detail = Some(role.code().to_owned());
    auth::audit(&web, &post.staff, "kurir_peran", target, detail).await?;
    page(&web, &post.staff, None).await
}

/// The role chosen on the form; a form without the field (a script of the older page) adds a
/// courier, as the command line does.
fn field_role(raw: Option<&str>) -> Result<FieldRole, WebError> {
    match raw {
        None => Ok(FieldRole::Courier),
        Some(raw) => FieldRole::parse(raw)
            .ok_or_else(|| WebError::BadRequest(strings::UNKNOWN_FIELD_ROLE.to_owned())),
    }
}

fn courier_id(raw: &str) -> Result<CourierId, WebError> {
    raw.parse()
        .map_err(|_| WebError::NotFound(strings::UNKNOWN_COURIER.to_owned()))
}

pub(crate) async fn new_code(
    State(web): State<Web>,
    Path(id): Path<String>,
    headers: HeaderMap,
    post: Post,
) -> Result<Html<String>, WebError> {
    post.staff.require(Perm::Couriers)?;
    let id = courier_id(&id)?;
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
    let shown = shown_code(&web, &headers, name, code.display());
    page(&web, &post.staff, Some(shown)).await
}

pub(crate) async fn revoke_device(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Html<String>, WebError> {
    post.staff.require(Perm::Couriers)?;
    let id = device_id(&id)?;
    let with_grace = post.fields.get("tanpa_masa_unggah").is_none();
    let office = web.office.clone();
    blocking(move || office.revoke_device(id, with_grace)).await?;
    let detail = (!with_grace).then(|| "tanpa masa unggah".to_owned());
    auth::audit(
        &web,
        &post.staff,
        "hp_cabut",
        Some(format!("perangkat:{id}")),
        detail,
    )
    .await?;
    page(&web, &post.staff, None).await
}

pub(crate) async fn end_uploads(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Html<String>, WebError> {
    post.staff.require(Perm::Couriers)?;
    let id = device_id(&id)?;
    let office = web.office.clone();
    blocking(move || office.end_device_uploads(id)).await?;
    let target = Some(format!("perangkat:{id}"));
    auth::audit(&web, &post.staff, "hp_akhiri_unggah", target, None).await?;
    page(&web, &post.staff, None).await
}

pub(crate) async fn deactivate(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Html<String>, WebError> {
    post.staff.require(Perm::Couriers)?;
    let id = courier_id(&id)?;
    let with_grace = post.fields.get("tanpa_masa_unggah").is_none();
    let office = web.office.clone();
    let revoked = blocking(move || office.deactivate_courier(id, with_grace)).await?;
    let detail = Some(format!("{revoked} HP dicabut"));
    auth::audit(
        &web,
        &post.staff,
        "kurir_nonaktif",
        Some(format!("kurir:{id}")),
        detail,
    )
    .await?;
    page(&web, &post.staff, None).await
}

fn device_id(raw: &str) -> Result<DeviceId, WebError> {
    raw.parse()
        .map_err(|_| WebError::NotFound(strings::UNKNOWN_DEVICE.to_owned()))
}

#[component]
fn CouriersPage(
    ctx: Ctx,
    couriers: Shared<Vec<CourierInfo>>,
    devices: Shared<Vec<DeviceInfo>>,
    now: DateTime<Utc>,
    code: Option<ShownCode>,
) -> Element {
    let courier_name = |id: CourierId| {
        couriers
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_COURIERS.to_owned(),
            h1 { "{strings::NAV_COURIERS}" }
            if let Some(shown) = code {
                div { class: "code-box", role: "status",
                    p { {strings::enrollment_code_for(&shown.name)} }
                    p { class: "code", "{shown.code}" }
                    p { class: "muted", {strings::enrollment_code_hint(ENROLLMENT_CODE_VALID_DAYS)} }
                    QrCodeSvg { text: shown.link.clone() }
                    p { class: "muted", "{strings::ENROLL_QR_HINT}" }
                    p { class: "mono enroll-link", "{shown.link}" }
                }
            }
            table { class: "list",
                thead { tr { th { "{strings::NAME}" } th { "{strings::PHONE}" } th { "{strings::ROLE}" } th { class: "num", "{strings::DEVICES}" } th { class: "no-print", "" } } }
                tbody {
                    for c in couriers.iter() {
                        tr {
                            td { "data-label": strings::NAME, "{c.name}" }
                            td { "data-label": strings::PHONE, {c.phone.as_deref().map(|p| antar_domain::contact::Phone::parse(p).map_or_else(|_| p.to_owned(), |p| p.grouped())).unwrap_or_default()} }
                            if c.deactivated_at.is_some() {
                                td { "data-label": strings::ROLE, {glossary::ID.field_role(c.role)} }
                                td { "data-label": strings::DEVICES, class: "num", "{strings::INACTIVE}" }
                                td {}
                            } else {
                                td { "data-label": strings::ROLE,
                                    form { method: "post", action: "/kurir/{c.id}/peran", class: "inline",
                                        CsrfField { token: ctx.csrf.clone() }
                                        RoleSelect { chosen: c.role }
                                        button { r#type: "submit", "{strings::CHANGE_ROLE}" }
                                    }
                                }
                                td { "data-label": strings::DEVICES, class: "num", "{c.devices}" }
                                td { class: "no-print",
                                    form { method: "post", action: "/kurir/{c.id}/kode", class: "inline",
                                        CsrfField { token: ctx.csrf.clone() }
                                        button { r#type: "submit", "{strings::NEW_CODE}" }
                                    }
                                    form { method: "post", action: "/kurir/{c.id}/nonaktifkan", class: "inline",
                                        CsrfField { token: ctx.csrf.clone() }
                                        button { r#type: "submit", class: "danger", "{strings::DEACTIVATE_COURIER}" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "{strings::PHONES}" }
            p { class: "muted", "{strings::PHONES_HINT}" }
            table { class: "list",
                thead { tr {
                    th { "{strings::COURIER}" } th { "{strings::DEVICE_LABEL}" }
                    th { "{strings::ENROLLED_AT}" } th { "{strings::LAST_CONTACT_PHONE}" }
                    th { "{strings::STILL_ON_PHONE}" } th { "{strings::STATUS}" } th { class: "no-print", "" }
                } }
                tbody {
                    for d in devices.iter() {
                        tr {
                            td { "data-label": strings::COURIER, {courier_name(d.courier_id)} }
                            td { "data-label": strings::DEVICE_LABEL, "{d.label}" }
                            td { "data-label": strings::ENROLLED_AT, {strings::local_time(&d.enrolled_at)} }
                            td { "data-label": strings::LAST_CONTACT_PHONE, {d.last_contact.as_ref().map_or_else(|| strings::NEVER.to_owned(), strings::local_time)} }
                            td { "data-label": strings::STILL_ON_PHONE,
                                match d.still_on_phone {
                                    Some((at, left)) => rsx! {
                                        span { class: if left.events_waiting + left.photos_waiting > 0 { "bad" } else { "" },
                                            {strings::still_on_phone(left.events_waiting, left.photos_waiting)}
                                        }
                                        br {}
                                        small { class: "muted", {strings::reported_at(&strings::local_time(&at))} }
                                    },
                                    None => rsx! { span { class: "muted", "{strings::NOT_REPORTED}" } },
                                }
                            }
                            td { "data-label": strings::STATUS,
                                {describe_access(d.access, now)}
                                if !d.access.may_read() {
                                    br {}
                                    span { class: "muted after-revoke", {custody::arrived_after_revoke(d.arrived_after_revoke)} }
                                }
                            }
                            td { class: "no-print",
                                if d.access.may_read() {
                                    form { method: "post", action: "/kurir/hp/{d.id}/cabut", class: "inline",
                                        CsrfField { token: ctx.csrf.clone() }
                                        label { input { r#type: "checkbox", name: "tanpa_masa_unggah", value: "1" } " {strings::REVOKE_WITHOUT_GRACE}" }
                                        button { r#type: "submit", class: "danger", "{strings::REVOKE_DEVICE}" }
                                    }
                                } else if d.access.may_upload(now) {
                                    form { method: "post", action: "/kurir/hp/{d.id}/akhiri-unggah", class: "inline",
                                        CsrfField { token: ctx.csrf.clone() }
                                        button { r#type: "submit", "{strings::END_UPLOADS}" }
                                    }
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
                label { "{strings::ROLE}" RoleSelect { chosen: FieldRole::Courier } }
                p { class: "muted", "{strings::FIELD_ROLE_HINT}" }
                button { r#type: "submit", class: "primary", "{strings::ADD_COURIER}" }
            }
        }
    }
}

/// The three roles, `chosen` selected.
#[component]
fn RoleSelect(chosen: FieldRole) -> Element {
    rsx! {
        select { name: "peran",
            for role in FieldRole::ALL.iter().copied() {
                option { value: role.code(), selected: role == chosen, {glossary::ID.field_role(role)} }
            }
        }
    }
}
