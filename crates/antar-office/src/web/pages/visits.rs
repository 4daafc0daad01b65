//! The recording teams' visits (pelayanan keliling): the month's list filtered by kecamatan
//! and team member, and planning a visit from the form of `visit_form` through `Office::plan_visit`.

use antar_domain::field_role::Duty;
use antar_domain::glossary;
use antar_domain::ids::{CourierId, VisitId};
use antar_domain::region::{RegionCode, Registry};
use axum::extract::{RawQuery, State};
use axum::response::{Html, Response};
use chrono::Datelike;
use dioxus::prelude::*;

use super::documents::kecamatan_options;
use super::visit_form::{check_team, plan_of};
use super::{query, see_other};
use crate::store::{CourierInfo, VisitFilter, VisitInfo, today};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::form::Fields;
use crate::web::render::{self, Shared};
use crate::web::strings::{self, visits as sv};
use crate::web::{Web, WebError, blocking};

/// A visit's id from the path; anything else is a visit that does not exist.
pub(crate) fn parse_id(id: &str) -> Result<VisitId, WebError> {
    id.parse()
        .map_err(|_| WebError::NotFound(sv::NOT_FOUND.to_owned()))
}

/// The month in `bulan` (YYYY-MM), this month (WIB) when not given.
pub(crate) fn month_of(fields: &Fields) -> Result<(i32, u32), WebError> {
    let Some(value) = fields.get("bulan") else {
        let day = today();
        return Ok((day.year(), day.month()));
    };
    let bad = || WebError::BadRequest(sv::bad_month(value));
    let (year, month) = value.split_once('-').ok_or_else(bad)?;
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month: u32 = month.parse().map_err(|_| bad())?;
    if !(2000..=2100).contains(&year) || !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((year, month))
}

/// The month as the `bulan` field and a month input take it.
pub(crate) fn month_value((year, month): (i32, u32)) -> String {
    format!("{year:04}-{month:02}")
}

pub(crate) async fn list(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Visits)?;
    let fields = query(raw);
    let month = month_of(&fields)?;
    let kecamatan = match fields.get("kecamatan") {
        Some(code) => Some(kecamatan_of(code)?),
        None => None,
    };
    let member = match fields.get("petugas") {
        Some(id) => Some(
            id.parse::<CourierId>()
                .map_err(|_| WebError::BadRequest(sv::BAD_MEMBER_FILTER.to_owned()))?,
        ),
        None => None,
    };
    let filter = VisitFilter {
        month: Some(month),
        kecamatan: kecamatan.clone(),
        member,
    };
    let office = web.office.clone();
    let (visits, mut members) =
        blocking(move || Ok((office.visits(&filter)?, office.couriers()?))).await?;
    // Anyone who may have gone on a visit, those who left included (their past visits).
    members.retain(|c| c.role.may(Duty::Record));
    Ok(render::page(
        ListPage,
        ListPageProps {
            ctx: Ctx::new(&staff, "/kunjungan"),
            month: month_value(month),
            kecamatan: kecamatan.map(|k| k.as_str().to_owned()).unwrap_or_default(),
            member: member.map(|m| m.to_string()).unwrap_or_default(),
            members: Shared::new(members),
            visits: Shared::new(visits),
        },
    ))
}

fn kecamatan_of(code: &str) -> Result<RegionCode, WebError> {
    RegionCode::parse(code)
        .ok()
        .filter(|c| c.kecamatan().as_ref() == Some(c) && Registry::tanggamus().get(c).is_some())
        .ok_or_else(|| WebError::BadRequest(strings::bad_region(code)))
}

pub(crate) async fn plan(State(web): State<Web>, post: Post) -> Result<Response, WebError> {
    post.staff.require(Perm::Visits)?;
    let plan = plan_of(&post.fields)?;
    check_team(&web, &plan).await?;
    let planned_by = post.staff.user.display_name.clone();
    let office = web.office.clone();
    let visit = blocking(move || office.plan_visit(plan, &planned_by)).await?;
    auth::audit(
        &web,
        &post.staff,
        "kunjungan_rencana",
        Some(format!("kunjungan:{}", visit.id)),
        Some(format!("tim:{}", visit.plan.team.len())),
    )
    .await?;
    Ok(see_other(&format!("/kunjungan/{}", visit.id)))
}

#[component]
fn ListPage(
    ctx: Ctx,
    month: String,
    kecamatan: String,
    member: String,
    members: Shared<Vec<CourierInfo>>,
    visits: Shared<Vec<VisitInfo>>,
) -> Element {
    let report = format!("/kunjungan/laporan?bulan={month}");
    rsx! {
        Layout { ctx: ctx.clone(), title: sv::VISITS_TITLE.to_owned(),
            h1 { "{sv::VISITS_TITLE}" }
            p { class: "muted", "{sv::VISITS_HINT}" }
            p { class: "actions no-print",
                a { class: "button primary", href: "/kunjungan/baru", "{sv::PLAN_VISIT}" }
                a { class: "button", href: "{report}", "{sv::TO_REPORT}" }
            }
            form { method: "get", action: "/kunjungan", class: "filters no-print",
                label { "{sv::MONTH}"
                    input { r#type: "month", name: "bulan", value: "{month}", required: true }
                }
                label { "{strings::KECAMATAN}"
                    select { name: "kecamatan",
                        option { value: "", "{sv::ALL_KECAMATAN}" }
                        for (code , name) in kecamatan_options() {
                            option { value: "{code}", selected: code == kecamatan, "{name}" }
                        }
                    }
                }
                label { "{sv::TEAM}"
                    select { name: "petugas",
                        option { value: "", "{sv::ALL_MEMBERS}" }
                        for c in members.iter() {
                            option { value: "{c.id}", selected: c.id.to_string() == member,
                                "{c.name}"
                                if c.deactivated_at.is_some() { " ({strings::INACTIVE})" }
                            }
                        }
                    }
                }
                button { r#type: "submit", class: "primary", "{strings::SHOW}" }
            }
            if visits.is_empty() {
                p { class: "empty", "{sv::NO_VISITS}" }
            } else {
                table { class: "list visits",
                    thead {
                        tr {
                            th { "{strings::DATE}" }
                            th { "{sv::NUMBER}" }
                            th { "{sv::VENUE}" }
                            th { "{strings::DESA}" }
                            th { "{sv::TEAM}" }
                            th { class: "num", "{sv::TARGETS}" }
                            th { "{strings::STATUS}" }
                        }
                    }
                    tbody {
                        for v in visits.iter() {
                            tr { key: "{v.id}",
                                td { "data-label": strings::DATE, {strings::date_id(&v.plan.day.to_string())} }
                                td { "data-label": sv::NUMBER, a { href: "/kunjungan/{v.id}", "{v.number}" } }
                                td { "data-label": sv::VENUE, "{v.plan.venue} " span { class: "muted", "({glossary::ID.visit_kind(v.plan.kind)})" } }
                                td { "data-label": strings::DESA, "{v.desa_name}, {v.kecamatan_name}" }
                                td { "data-label": sv::TEAM, {v.team_names.join(", ")} }
                                td { "data-label": sv::TARGETS, class: "num", "{v.targets}" }
                                td { "data-label": strings::STATUS, span { class: "state visit-{v.state.code()}", {glossary::ID.visit_state(v.state)} } }
                            }
                        }
                    }
                }
            }
        }
    }
}
