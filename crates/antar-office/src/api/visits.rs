//! A recording team's visits for its phones (added to v1 with the recording teams): the
//! visits the device's field officer is on, and each one's target list. Another team's visit
//! answers exactly like one that does not exist.

use antar_domain::ids::VisitId;
use antar_domain::wire::VisitList;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;

use super::blocking;
use super::error::{Failure, json_response};
use super::events::visit_not_found;
use super::extract::{Authed, path_id};
use crate::office::Office;

pub(super) async fn visits(
    State(office): State<Office>,
    Authed(device): Authed,
) -> Result<Response, Failure> {
    let visits = blocking(move || Ok(office.team_visits(device.courier_id)?)).await?;
    let list = VisitList {
        visits,
        office_time: Utc::now(),
    };
    Ok(json_response(StatusCode::OK, &list))
}

pub(super) async fn visit(
    State(office): State<Office>,
    Authed(device): Authed,
    Path(raw_id): Path<String>,
) -> Result<Response, Failure> {
    let id: VisitId = path_id(&raw_id, "id kunjungan")?;
    let sheet = blocking(move || Ok(office.team_visit_sheet(device.courier_id, id)?)).await?;
    match sheet {
        Some(sheet) => Ok(json_response(StatusCode::OK, &sheet)),
        None => Err(visit_not_found(id)),
    }
}
