//! BA Pengiriman: the list, the form to issue one (documents chosen by kecamatan or desa,
//! a courier, the signing officer and their NIP), and issuing it through
//! `Office::issue_manifest`; a BA is not issued without the signer's NIP.

use antar_domain::field_role::Duty;
use antar_domain::nip::Nip;
use antar_domain::region::RegionCode;
use antar_domain::state::ItemState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use dioxus::prelude::*;

use super::see_other;
use crate::store::{
    CountState, CourierInfo, ManifestInfo, ManifestRequest, Paged, PlaceCount, ReturnInfo, today,
};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::nip_field::{NipField, staff_nip};
use crate::web::components::pager::KeysetPager;
use crate::web::render::{self, Shared};
use crate::web::strings::custody;
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn list(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Manifests)?;
    let at = super::page_at(&super::query(raw));
    let office = web.office.clone();
    let (manifests, returns) = blocking(move || {
        Ok((
            office.manifest_page(at, super::PAGE_SIZE)?,
            office.returns(None)?,
        ))
    })
    .await?;
    Ok(render::page(
        ListPage,
        ListPageProps {
            ctx: Ctx::new(&staff, "/ba"),
            manifests: Shared::new(manifests),
            returns: Shared::new(returns),
        },
    ))
}

pub(crate) async fn new_form(
    State(web): State<Web>,
    staff: Staff,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Manifests)?;
    // The signer is most often the one issuing: their name and NIP start filled in.
    let filled = Filled {
        officer: staff.user.display_name.clone(),
        nip: staff_nip(&staff),
        date: today().to_string(),
        ..Filled::default()
    };
    new_page(&web, &staff, filled).await
}

/// What the form held when it is shown again with a refusal beside a field.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filled {
    courier: String,
    officer: String,
    nip: String,
    date: String,
    kecamatan: Vec<String>,
    desa: Vec<String>,
    nip_error: Option<String>,
}

async fn new_page(web: &Web, staff: &Staff, filled: Filled) -> Result<Html<String>, WebError> {
    let office = web.office.clone();
    let (mut couriers, places) =
        blocking(move || Ok((office.couriers()?, office.undispatched_by_desa()?))).await?;
    // Only those a BA Pengiriman may go to: active couriers, not recording-team members only.
    couriers.retain(|c| c.deactivated_at.is_none() && c.role.may(Duty::Deliver));
    Ok(render::page(
        NewPage,
        NewPageProps {
            ctx: Ctx::new(staff, "/ba"),
            filled,
            couriers: Shared::new(couriers),
            places: Shared::new(places),
        },
    ))
}

pub(crate) async fn issue(State(web): State<Web>, post: Post) -> Result<Response, WebError> {
    post.staff.require(Perm::Manifests)?;
    let f = &post.fields;
    let officer_nip = match Nip::parse(f.get("nip").unwrap_or_default()) {
        Ok(nip) => nip,
        Err(refusal) => {
            // The form comes back as it was sent, the refusal beside the NIP.
            let filled = Filled {
                courier: f.get("kurir").unwrap_or_default().to_owned(),
                officer: f.get("petugas").unwrap_or_default().to_owned(),
                nip: f.get("nip").unwrap_or_default().to_owned(),
                date: f.get("tanggal").unwrap_or_default().to_owned(),
                kecamatan: f.all("kecamatan"),
                desa: f.all("desa"),
                nip_error: Some(refusal.to_string()),
            };
            let page = new_page(&web, &post.staff, filled).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let courier = f
        .required("kurir", strings::COURIER)?
        .parse()
        .map_err(|_| WebError::BadRequest(strings::UNKNOWN_COURIER.to_owned()))?;
    let regions = |name: &str| -> Result<Vec<RegionCode>, WebError> {
        f.all(name)
            .iter()
            .map(|c| RegionCode::parse(c).map_err(|_| WebError::BadRequest(strings::bad_region(c))))
            .collect()
    };
    let request = ManifestRequest {
        courier,
        officer: f.required("petugas", strings::OFFICER)?.to_owned(),
        officer_nip,
        kecamatan: regions("kecamatan")?,
        desa: regions("desa")?,
        issued_on: f.date("tanggal", strings::DATE)?.unwrap_or_else(today),
    };
    let office = web.office.clone();
    let manifest = blocking(move || office.issue_manifest(request)).await?;
    auth::audit(
        &web,
        &post.staff,
        "ba_terbit",
        Some(format!("ba:{}", manifest.id)),
        Some(format!("dokumen:{}", manifest.items.len())),
    )
    .await?;
    Ok(see_other(&format!("/ba/{}", manifest.id)))
}

#[component]
fn ListPage(
    ctx: Ctx,
    manifests: Shared<Paged<ManifestInfo>>,
    returns: Shared<Vec<ReturnInfo>>,
) -> Element {
    let page = manifests;
    let manifests = &page.rows;
    let key = |m: Option<&ManifestInfo>| m.map(|m| m.id.to_string()).unwrap_or_default();
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_MANIFESTS.to_owned(),
            h1 { "{strings::NAV_MANIFESTS}" }
            p { a { class: "button primary", href: "/ba/baru", "{strings::NEW_MANIFEST}" } }
            if manifests.is_empty() {
                p { class: "empty", "{strings::NO_MANIFESTS}" }
            } else {
                table { class: "list",
                    thead {
                        tr {
                            th { "{strings::BA_NUMBER}" }
                            th { "{strings::DATE}" }
                            th { "{strings::COURIER}" }
                            th { "{strings::KECAMATAN}" }
                            th { class: "num", "{strings::COUNT}" }
                            th { "{custody::COUNT_COLUMN}" }
                            for state in ItemState::ALL {
                                th { class: "num", {strings::state_word(state)} }
                            }
                        }
                    }
                    tbody {
                        for m in manifests.iter() {
                            tr { key: "{m.id}",
                                td { "data-label": strings::BA_NUMBER, a { href: "/ba/{m.id}", "{m.number}" } }
                                td { "data-label": strings::DATE, {strings::date_id(&m.issued_on.to_string())} }
                                td { "data-label": strings::COURIER, "{m.courier.name}" }
                                td { "data-label": strings::KECAMATAN, {m.kecamatan.join(", ")} }
                                td { "data-label": strings::COUNT, class: "num", "{m.item_count}" }
                                td { "data-label": custody::COUNT_COLUMN, class: if matches!(m.count, CountState::Short(_) | CountState::Waiting) { "attention" } else { "" },
                                    {custody::count_state(m.count)}
                                }
                                td { "data-label": strings::state_word(ItemState::Pending), class: "num", "{m.counts.pending}" }
                                td { "data-label": strings::state_word(ItemState::Delivered), class: "num", "{m.counts.delivered}" }
                                td { "data-label": strings::state_word(ItemState::Failed), class: "num", "{m.counts.failed}" }
                                td { "data-label": strings::state_word(ItemState::Returned), class: "num", "{m.counts.returned}" }
                            }
                        }
                    }
                }
            }
            if page.has_prev || page.has_next {
                KeysetPager {
                    base: "/ba".to_owned(),
                    first_key: key(manifests.first()),
                    last_key: key(manifests.last()),
                    start: None,
                    shown: manifests.len() as u64,
                    has_prev: page.has_prev,
                    has_next: page.has_next,
                    summary: strings::manifests_shown(manifests.len()),
                }
            }
            if !returns.is_empty() {
                h2 { "{strings::RETURNS_TITLE}" }
                table { class: "list",
                    thead { tr { th { "{strings::BA_NUMBER}" } th { "{strings::DATE}" } th { "{strings::FROM_MANIFEST}" } th { "{strings::COURIER}" } th { class: "num", "{strings::COUNT}" } } }
                    tbody {
                        for r in returns.iter() {
                            tr {
                                td { "data-label": strings::BA_NUMBER, a { href: "/pengembalian/{r.id}/cetak", "{r.number}" } }
                                td { "data-label": strings::DATE, {strings::date_id(&r.issued_on)} }
                                td { "data-label": strings::FROM_MANIFEST, a { href: "/ba/{r.manifest_id}", "{r.manifest_number}" } }
                                td { "data-label": strings::COURIER, "{r.courier_name}" }
                                td { "data-label": strings::COUNT, class: "num", "{r.item_count}" }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn NewPage(
    ctx: Ctx,
    filled: Filled,
    couriers: Shared<Vec<CourierInfo>>,
    places: Shared<Vec<PlaceCount>>,
) -> Element {
    // Group the desa under their kecamatan, with the kecamatan's total.
    let mut groups: Vec<(String, String, u64, Vec<PlaceCount>)> = Vec::new();
    for p in places.iter() {
        match groups.last_mut() {
            Some(g) if g.0 == p.kecamatan => {
                g.2 += p.count;
                g.3.push(p.clone());
            }
            _ => groups.push((
                p.kecamatan.clone(),
                p.kecamatan_name.clone(),
                p.count,
                vec![p.clone()],
            )),
        }
    }
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NEW_MANIFEST.to_owned(),
            h1 { "{strings::NEW_MANIFEST}" }
            if couriers.is_empty() {
                p { class: "error", "{strings::NO_COURIERS}" }
            }
            form { method: "post", action: "/ba", class: "manifest-form",
                CsrfField { token: ctx.csrf.clone() }
                div { class: "grid",
                    label { "{strings::COURIER}"
                        select { name: "kurir", required: true,
                            for c in couriers.iter() {
                                option { value: "{c.id}", selected: filled.courier == c.id.to_string(), "{c.name}" }
                            }
                        }
                    }
                    label { "{strings::OFFICER}"
                        input { name: "petugas", value: "{filled.officer}", required: true }
                    }
                    NipField { value: filled.nip.clone(), error: filled.nip_error.clone() }
                    label { "{strings::DATE}"
                        input { r#type: "date", name: "tanggal", value: "{filled.date}", required: true }
                    }
                }
                h2 { "{strings::CHOOSE_DOCUMENTS}" }
                p { class: "muted", "{strings::CHOOSE_HINT}" }
                if groups.is_empty() {
                    p { class: "empty", "{strings::NOTHING_TO_DISPATCH}" }
                }
                for (code , name , total , desas) in groups {
                    fieldset { class: "kecamatan",
                        legend {
                            label {
                                input { r#type: "checkbox", name: "kecamatan", value: "{code}", checked: filled.kecamatan.contains(&code) }
                                " {name} "
                                span { class: "badge", {strings::documents_count(total)} }
                            }
                        }
                        div { class: "desa-list",
                            for d in desas {
                                label {
                                    input { r#type: "checkbox", name: "desa", value: "{d.desa}", checked: filled.desa.contains(&d.desa) }
                                    " {d.desa_name} "
                                    span { class: "muted", "({d.count})" }
                                }
                            }
                        }
                    }
                }
                button { r#type: "submit", class: "primary", "{strings::ISSUE_MANIFEST}" }
            }
        }
    }
}
