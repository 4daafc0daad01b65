//! Staff accounts (admin only): list, add, turn off or on, set a new password.

use axum::extract::{Path, State};
use axum::response::{Html, Response};
use dioxus::prelude::*;

use super::see_other;
use crate::passwords;
use crate::store::{Role, StaffId, StaffUser};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(State(web): State<Web>, staff: Staff) -> Result<Html<String>, WebError> {
    staff.require(Perm::Users)?;
    let office = web.office.clone();
    let users = blocking(move || office.staff_users()).await?;
    Ok(render::page(
        UsersPage,
        UsersPageProps {
            ctx: Ctx::new(&staff, "/pengguna"),
            users: Shared::new(users),
        },
    ))
}

pub(crate) async fn add(State(web): State<Web>, post: Post) -> Result<Response, WebError> {
    post.staff.require(Perm::Users)?;
    let f = &post.fields;
    let username = f.required("username", strings::USERNAME)?.to_owned();
    let display = f
        .required("display_name", strings::DISPLAY_NAME)?
        .to_owned();
    let nip = f.get("nip").map(str::to_owned);
    let role = Role::parse(f.required("role", strings::ROLE)?)
        .ok_or_else(|| WebError::BadRequest(strings::UNKNOWN_ROLE.to_owned()))?;
    let password = f.required("password", strings::PASSWORD)?.to_owned();
    let office = web.office.clone();
    let id = blocking(move || {
        office.add_staff_user(&username, &display, nip.as_deref(), role, &password)
    })
    .await?;
    auth::audit(
        &web,
        &post.staff,
        "pengguna_tambah",
        Some(format!("pengguna:{id}")),
        Some(format!("peran:{}", role.code())),
    )
    .await?;
    Ok(see_other("/pengguna"))
}

pub(crate) async fn set_active(
    State(web): State<Web>,
    Path(id): Path<StaffId>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Users)?;
    let active = post.fields.get("active") == Some("1");
    if !active && id == post.staff.user.id {
        return Err(WebError::BadRequest(
            strings::CANNOT_DISABLE_SELF.to_owned(),
        ));
    }
    let office = web.office.clone();
    let found = blocking(move || office.set_staff_active(id, active)).await?;
    if !found {
        return Err(WebError::NotFound(strings::USER_NOT_FOUND.to_owned()));
    }
    let action = if active {
        "pengguna_aktifkan"
    } else {
        "pengguna_nonaktifkan"
    };
    auth::audit(
        &web,
        &post.staff,
        action,
        Some(format!("pengguna:{id}")),
        None,
    )
    .await?;
    Ok(see_other("/pengguna"))
}

pub(crate) async fn set_password(
    State(web): State<Web>,
    Path(id): Path<StaffId>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Users)?;
    let password = post
        .fields
        .required("password", strings::PASSWORD)?
        .to_owned();
    let office = web.office.clone();
    let found = blocking(move || office.set_staff_password(id, &password)).await?;
    if !found {
        return Err(WebError::NotFound(strings::USER_NOT_FOUND.to_owned()));
    }
    auth::audit(
        &web,
        &post.staff,
        "pengguna_ganti_sandi",
        Some(format!("pengguna:{id}")),
        None,
    )
    .await?;
    Ok(see_other("/pengguna"))
}

#[component]
fn UsersPage(ctx: Ctx, users: Shared<Vec<StaffUser>>) -> Element {
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_USERS.to_owned(),
            h1 { "{strings::NAV_USERS}" }
            table { class: "list",
                thead {
                    tr {
                        th { "{strings::USERNAME}" }
                        th { "{strings::DISPLAY_NAME}" }
                        th { "NIP" }
                        th { "{strings::ROLE}" }
                        th { "{strings::STATUS}" }
                        th { class: "no-print", "{strings::ACTIONS}" }
                    }
                }
                tbody {
                    for u in users.iter() {
                        tr { key: "{u.id}",
                            td { "data-label": strings::USERNAME, "{u.username}" }
                            td { "data-label": strings::DISPLAY_NAME, "{u.display_name}" }
                            td { "data-label": "NIP", {u.nip.clone().unwrap_or_default()} }
                            td { "data-label": strings::ROLE, {strings::role_label(u.role)} }
                            td { "data-label": strings::STATUS, if u.active { "{strings::ACTIVE}" } else { "{strings::INACTIVE}" } }
                            td { "data-label": strings::ACTIONS, class: "no-print actions",
                                form { method: "post", action: "/pengguna/{u.id}/aktif", class: "inline",
                                    CsrfField { token: ctx.csrf.clone() }
                                    input { r#type: "hidden", name: "active", value: if u.active { "0" } else { "1" } }
                                    button { r#type: "submit",
                                        if u.active { "{strings::DEACTIVATE}" } else { "{strings::ACTIVATE}" }
                                    }
                                }
                                form { method: "post", action: "/pengguna/{u.id}/sandi", class: "inline",
                                    CsrfField { token: ctx.csrf.clone() }
                                    input {
                                        r#type: "password",
                                        name: "password",
                                        placeholder: "{strings::NEW_PASSWORD}",
                                        autocomplete: "new-password",
                                        minlength: "{passwords::MIN_PASSWORD_CHARS}",
                                        required: true,
                                    }
                                    button { r#type: "submit", "{strings::SET_PASSWORD}" }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "{strings::ADD_USER}" }
            form { method: "post", action: "/pengguna", class: "grid",
                CsrfField { token: ctx.csrf.clone() }
                label { "{strings::USERNAME}"
                    input { name: "username", required: true, autocomplete: "off" }
                }
                label { "{strings::DISPLAY_NAME}"
                    input { name: "display_name", required: true }
                }
                label { "NIP"
                    input { name: "nip" }
                }
                label { "{strings::ROLE}"
                    select { name: "role",
                        for role in Role::ALL {
                            option { value: role.code(), {strings::role_label(role)} }
                        }
                    }
                }
                label { "{strings::PASSWORD}"
                    input {
                        name: "password",
                        r#type: "password",
                        autocomplete: "new-password",
                        minlength: "{passwords::MIN_PASSWORD_CHARS}",
                        required: true,
                    }
                }
                button { r#type: "submit", class: "primary", "{strings::ADD_USER}" }
            }
        }
    }
}
