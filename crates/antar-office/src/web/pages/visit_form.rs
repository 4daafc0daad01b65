//! A visit's plan as a form: planning a new one and changing a planned one (day, kind, venue,
//! desa grouped by kecamatan, the team from the active field officers, note), and reading the
//! form back into a `VisitPlan` with every bad field named.

use antar_domain::field_role::Duty;
use antar_domain::glossary;
use antar_domain::ids::CourierId;
use antar_domain::region::{Level, RegionCode, Registry};
use antar_domain::visit::VisitKind;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use dioxus::prelude::*;

use super::see_other;
use super::visits::parse_id;
use crate::store::{CourierInfo, VisitInfo, VisitPlan, today};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::form::{Fields, parse_date};
use crate::web::render::{self, Shared};
use crate::web::strings::{self, visits as sv};
use crate::web::{Web, WebError, blocking};

/// The form's values as shown (empty for a new plan but the day).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct PlanForm {
    day: String,
    kind: String,
    venue: String,
    desa: String,
    team: Vec<String>,
    note: String,
}

impl PlanForm {
    fn of(visit: &VisitInfo) -> Self {
        Self {
            day: visit.plan.day.to_string(),
            kind: visit.plan.kind.code().to_owned(),
            venue: visit.plan.venue.clone(),
            desa: visit.plan.desa.as_str().to_owned(),
            team: visit.plan.team.iter().map(ToString::to_string).collect(),
            note: visit.plan.note.clone().unwrap_or_default(),
        }
    }
}

/// The plan in the posted form, or a 400 naming the field that is wrong.
pub(crate) fn plan_of(f: &Fields) -> Result<VisitPlan, WebError> {
    let bad = WebError::BadRequest;
    let day = parse_date(f.required("tanggal", sv::DAY)?, sv::DAY)?;
    let kind = f.required("jenis", sv::KIND)?;
    let kind = VisitKind::parse(kind).ok_or_else(|| bad(sv::bad_kind(kind)))?;
    let venue = f.required("tempat", sv::VENUE)?.to_owned();
    let desa = f.required("desa", sv::DESA)?;
    let desa = RegionCode::parse(desa)
        .ok()
        .filter(|code| {
            Registry::tanggamus()
                .get(code)
                .is_some_and(|r| matches!(r.level, Level::Desa | Level::Kelurahan))
        })
        .ok_or_else(|| bad(sv::bad_desa(desa)))?;
    let team = f.all("tim");
    if team.is_empty() {
        return Err(bad(sv::TEAM_EMPTY.to_owned()));
    }
    let team = team
        .iter()
        .map(|id| id.parse::<CourierId>().map_err(|_| bad(sv::bad_member(id))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(VisitPlan {
        day,
        kind,
        venue,
        desa,
        team,
        note: f.get("catatan").map(str::to_owned),
    })
}

/// Refuses a team member who is not a courier of the office, or no longer works for it, with
/// the team field named (the office's own refusal names only the courier).
pub(crate) async fn check_team(web: &Web, plan: &VisitPlan) -> Result<(), WebError> {
    let office = web.office.clone();
    let couriers = blocking(move || office.couriers()).await?;
    for member in &plan.team {
        match couriers.iter().find(|c| c.id == *member) {
            None => return Err(WebError::BadRequest(sv::bad_member(&member.to_string()))),
            Some(c) if c.deactivated_at.is_some() => {
                return Err(WebError::BadRequest(sv::inactive_member(&c.name)));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Field officers who may go: recording-team members still working for the office.
async fn field_officers(web: &Web) -> Result<Vec<CourierInfo>, WebError> {
    let office = web.office.clone();
    let mut couriers = blocking(move || office.couriers()).await?;
    couriers.retain(|c| c.deactivated_at.is_none() && c.role.may(Duty::Record));
    Ok(couriers)
}

pub(crate) async fn new_form(
    State(web): State<Web>,
    staff: Staff,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Visits)?;
    let couriers = field_officers(&web).await?;
    let form = PlanForm {
        day: today().to_string(),
        ..PlanForm::default()
    };
    Ok(render::page(
        FormPage,
        FormPageProps {
            ctx: Ctx::new(&staff, "/kunjungan"),
            title: sv::NEW_TITLE,
            action: "/kunjungan".to_owned(),
            form,
            couriers: Shared::new(couriers),
        },
    ))
}

pub(crate) async fn edit_form(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let office = web.office.clone();
    let visit = blocking(move || office.visit(id))
        .await?
        .ok_or_else(|| WebError::NotFound(sv::NOT_FOUND.to_owned()))?;
    if !visit.state.may_edit() {
        return Err(WebError::BadRequest(sv::LOCKED_HINT.to_owned()));
    }
    let couriers = field_officers(&web).await?;
    Ok(render::page(
        FormPage,
        FormPageProps {
            ctx: Ctx::new(&staff, "/kunjungan"),
            title: sv::EDIT_TITLE,
            action: format!("/kunjungan/{id}/ubah"),
            form: PlanForm::of(&visit),
            couriers: Shared::new(couriers),
        },
    ))
}

pub(crate) async fn edit(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let plan = plan_of(&post.fields)?;
    check_team(&web, &plan).await?;
    let office = web.office.clone();
    let visit = blocking(move || office.edit_visit(id, plan)).await?;
    auth::audit(
        &web,
        &post.staff,
        "kunjungan_ubah",
        Some(format!("kunjungan:{}", visit.id)),
        Some(format!("tim:{}", visit.plan.team.len())),
    )
    .await?;
    Ok(see_other(&format!("/kunjungan/{id}")))
}

/// Desa grouped under their kecamatan, both by name: (kecamatan name, [(code, desa name)]).
fn desa_groups() -> Vec<(String, Vec<(String, String)>)> {
    let registry = Registry::tanggamus();
    let mut groups: Vec<(String, Vec<(String, String)>)> = registry
        .kecamatans()
        .map(|k| {
            let mut desa: Vec<(String, String)> = registry
                .desas_in(&k.code)
                .map(|d| (d.code.as_str().to_owned(), d.name.clone()))
                .collect();
            desa.sort_by(|a, b| a.1.cmp(&b.1));
            (k.name.clone(), desa)
        })
        .collect();
    groups.sort();
    groups
}

#[component]
fn FormPage(
    ctx: Ctx,
    title: &'static str,
    action: String,
    form: PlanForm,
    couriers: Shared<Vec<CourierInfo>>,
) -> Element {
    rsx! {
        Layout { ctx: ctx.clone(), title: title.to_owned(),
            h1 { "{title}" }
            if couriers.is_empty() {
                p { class: "error", "{sv::NO_FIELD_OFFICERS}" }
            }
            form { method: "post", action: "{action}", class: "visit-form",
                CsrfField { token: ctx.csrf.clone() }
                div { class: "grid",
                    label { "{sv::DAY}"
                        input { r#type: "date", name: "tanggal", value: "{form.day}", required: true }
                    }
                    label { "{sv::KIND}"
                        select { name: "jenis", required: true,
                            for kind in VisitKind::ALL.iter().copied() {
                                option { value: kind.code(), selected: form.kind == kind.code(),
                                    {glossary::ID.visit_kind(kind)}
                                }
                            }
                        }
                    }
                    label { "{sv::VENUE}"
                        input { name: "tempat", value: "{form.venue}", placeholder: sv::VENUE_EXAMPLE, required: true, maxlength: "100" }
                    }
                    label { "{sv::DESA}"
                        select { name: "desa", required: true,
                            option { value: "", "{sv::CHOOSE_DESA}" }
                            for (kecamatan , desa) in desa_groups() {
                                optgroup { label: "{kecamatan}",
                                    for (code , name) in desa {
                                        option { value: "{code}", selected: form.desa == code, "{name}" }
                                    }
                                }
                            }
                        }
                    }
                }
                fieldset { class: "team",
                    legend { "{sv::TEAM}" }
                    p { class: "muted", "{sv::TEAM_HINT}" }
                    div { class: "desa-list",
                        for c in couriers.iter() {
                            label {
                                input {
                                    r#type: "checkbox",
                                    name: "tim",
                                    value: "{c.id}",
                                    checked: form.team.contains(&c.id.to_string()),
                                }
                                " {c.name}"
                            }
                        }
                    }
                }
                label { class: "block", "{strings::NOTE}"
                    textarea { name: "catatan", rows: "3", maxlength: "500", "{form.note}" }
                }
                p {
                    button { r#type: "submit", class: "primary", "{sv::SAVE_PLAN}" }
                }
            }
        }
    }
}
