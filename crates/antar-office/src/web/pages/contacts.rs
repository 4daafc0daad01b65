//! Village officials (aparat pekon) per desa: name, role, phone, e-mail; operators and admins
//! keep the list the follow-up page calls from.

use antar_domain::contact::Phone;
use antar_domain::region::{Level, RegionCode, Registry};
use axum::extract::{Path, RawQuery, State};
use axum::response::{Html, Response};
use dioxus::prelude::*;

use super::documents::kecamatan_options;
use super::{query, see_other};
use crate::store::{Contact, ContactId};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

const MAX_TEXT_CHARS: usize = 100;

/// A kecamatan's code and name with its desa (code, name), for the desa list.
type KecamatanDesas = (String, String, Vec<(String, String)>);

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Contacts)?;
    let chosen = query(raw).get("desa").unwrap_or("").to_owned();
    let office = web.office.clone();
    let contacts = blocking(move || office.contacts(None)).await?;
    Ok(render::page(
        ContactsPage,
        ContactsPageProps {
            ctx: Ctx::new(&staff, "/kontak"),
            contacts: Shared::new(contacts),
            chosen,
        },
    ))
}

fn text(value: Option<&str>, label: &str) -> Result<Option<String>, WebError> {
    match value {
        Some(v) if v.chars().count() > MAX_TEXT_CHARS || v.chars().any(char::is_control) => {
            Err(WebError::BadRequest(strings::too_long(label)))
        }
        other => Ok(other.map(str::to_owned)),
    }
}

pub(crate) async fn add(State(web): State<Web>, post: Post) -> Result<Response, WebError> {
    post.staff.require(Perm::Contacts)?;
    let f = &post.fields;
    let desa_text = f.required("desa", strings::DESA)?;
    let desa = RegionCode::parse(desa_text)
        .ok()
        .filter(|c| {
            Registry::tanggamus()
                .get(c)
                .is_some_and(|r| matches!(r.level, Level::Desa | Level::Kelurahan))
        })
        .ok_or_else(|| WebError::BadRequest(strings::bad_region(desa_text)))?;
    let name = text(Some(f.required("nama", strings::NAME)?), strings::NAME)?.unwrap_or_default();
    let role = text(
        Some(f.required("jabatan", strings::CONTACT_ROLE)?),
        strings::CONTACT_ROLE,
    )?
    .unwrap_or_default();
    let phone = f
        .get("hp")
        .map(|p| {
            Phone::parse(p)
                .map(|p| p.as_str().to_owned())
                .map_err(|e| WebError::BadRequest(strings::bad_phone(&e.to_string())))
        })
        .transpose()?;
    let email = text(f.get("email"), strings::EMAIL)?;
    if email
        .as_deref()
        .is_some_and(|e| !e.contains('@') || e.contains(' '))
    {
        return Err(WebError::BadRequest(strings::BAD_EMAIL.to_owned()));
    }
    if phone.is_none() && email.is_none() {
        return Err(WebError::BadRequest(
            strings::NEED_PHONE_OR_EMAIL.to_owned(),
        ));
    }
    let office = web.office.clone();
    let code = desa.as_str().to_owned();
    let id = blocking(move || {
        office.add_contact(&code, &name, &role, phone.as_deref(), email.as_deref())
    })
    .await?;
    auth::audit(
        &web,
        &post.staff,
        "kontak_tambah",
        Some(format!("kontak:{id}")),
        Some(format!("desa:{}", desa.as_str())),
    )
    .await?;
    Ok(see_other("/kontak"))
}

pub(crate) async fn delete(
    State(web): State<Web>,
    Path(id): Path<ContactId>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Contacts)?;
    let office = web.office.clone();
    if !blocking(move || office.delete_contact(id)).await? {
        return Err(WebError::NotFound(strings::CONTACT_NOT_FOUND.to_owned()));
    }
    auth::audit(
        &web,
        &post.staff,
        "kontak_hapus",
        Some(format!("kontak:{id}")),
        None,
    )
    .await?;
    Ok(see_other("/kontak"))
}

fn desa_name(code: &str) -> String {
    RegionCode::parse(code)
        .ok()
        .and_then(|c| {
            let registry = Registry::tanggamus();
            let desa = registry.get(&c)?;
            let kecamatan = desa.parent.as_ref().and_then(|p| registry.get(p));
            Some(match kecamatan {
                Some(k) => format!("{}, {}", desa.name, k.name),
                None => desa.name.clone(),
            })
        })
        .unwrap_or_else(|| code.to_owned())
}

#[component]
fn ContactsPage(ctx: Ctx, contacts: Shared<Vec<Contact>>, chosen: String) -> Element {
    let groups: Vec<KecamatanDesas> = kecamatan_options()
        .into_iter()
        .map(|(code, name)| {
            let desas = super::documents::desa_options(&code);
            (code, name, desas)
        })
        .collect();
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_CONTACTS.to_owned(),
            h1 { "{strings::NAV_CONTACTS}" }
            p { class: "muted", "{strings::CONTACTS_HINT}" }
            h2 { "{strings::ADD_CONTACT}" }
            form { method: "post", action: "/kontak", class: "grid",
                CsrfField { token: ctx.csrf.clone() }
                label { "{strings::DESA}"
                    select { name: "desa", required: true,
                        for (_ , kname , desas) in groups {
                            optgroup { label: "{kname}",
                                for (code , name) in desas {
                                    option { value: "{code}", selected: code == chosen, "{name}" }
                                }
                            }
                        }
                    }
                }
                label { "{strings::NAME}" input { name: "nama", required: true, maxlength: "100" } }
                label { "{strings::CONTACT_ROLE}" input { name: "jabatan", required: true, maxlength: "100", placeholder: "{strings::ROLE_EXAMPLE}" } }
                label { "{strings::PHONE}" input { name: "hp", r#type: "tel", placeholder: "08…" } }
                label { "{strings::EMAIL}" input { name: "email", r#type: "email" } }
                button { r#type: "submit", class: "primary", "{strings::SAVE}" }
            }
            h2 { "{strings::CONTACT_LIST}" }
            if contacts.is_empty() {
                p { class: "empty", "{strings::NO_CONTACTS}" }
            } else {
                table { class: "list",
                    thead { tr { th { "{strings::DESA}" } th { "{strings::NAME}" } th { "{strings::CONTACT_ROLE}" } th { "{strings::PHONE}" } th { "{strings::EMAIL}" } th { class: "no-print", "" } } }
                    tbody {
                        for c in contacts.iter() {
                            tr {
                                td { "data-label": strings::DESA, {desa_name(&c.desa)} }
                                td { "data-label": strings::NAME, "{c.name}" }
                                td { "data-label": strings::CONTACT_ROLE, "{c.role}" }
                                td { "data-label": strings::PHONE, {c.phone.as_deref().and_then(|p| Phone::parse(p).ok()).map(|p| p.grouped()).unwrap_or_default()} }
                                td { "data-label": strings::EMAIL, {c.email.clone().unwrap_or_default()} }
                                td { class: "no-print",
                                    form { method: "post", action: "/kontak/{c.id}/hapus", class: "inline",
                                        CsrfField { token: ctx.csrf.clone() }
                                        button { r#type: "submit", class: "danger", "{strings::DELETE}" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
