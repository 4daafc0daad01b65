//! Health, device enrollment, and a courier's manifests.

use antar_domain::ids::ManifestId;
use antar_domain::wire::MANIFEST_PHONE_FORM as PHONE_FORM;
use antar_domain::wire::{
    ApiError, EnrollRequest, HEALTH_DEGRADED, HEALTH_OK, Health, ManifestList, ManifestSummary,
    PROTOCOL_VERSION,
};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::blocking;
use super::error::{Failure, json_response};
use super::extract::{Authed, JsonBody, Uploader, path_id};
use crate::office::{Enrollment, Office};

/// An enrollment request is a code and a label; anything bigger is not one.
const MAX_ENROLL_BYTES: usize = 4 * 1024;

/// Public (no token, no protocol header: a monitor asks it too). 503 while the office cannot
/// store what it is sent, with a stable code per problem and no paths.
pub(super) async fn health(State(office): State<Office>) -> Result<Response, Failure> {
    let problems = blocking(move || Ok(office.storage_problems())).await?;
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let health = Health {
        protocol: PROTOCOL_VERSION,
        office_time: Utc::now(),
        status: Some(
            if problems.is_empty() {
                HEALTH_OK
            } else {
                HEALTH_DEGRADED
            }
            .to_owned(),
        ),
        problems: problems
            .into_iter()
            .map(|(area, problem)| ApiError::new(problem.code(), problem.message(area)))
            .collect(),
    };
    Ok(json_response(status, &health))
}

pub(super) async fn enroll(
    State(office): State<Office>,
    JsonBody(request): JsonBody<EnrollRequest, MAX_ENROLL_BYTES>,
) -> Result<Response, Failure> {
    let enrolled = blocking(move || {
        Ok(office.enroll(
            &request.code,
            &request.device_label,
            request.previous_token.as_deref(),
        )?)
    })
    .await?;
    match enrolled {
        Enrollment::Enrolled(response) => Ok(json_response(StatusCode::CREATED, &response)),
        // One answer for wrong, used and expired codes, so guessing learns nothing.
        Enrollment::Refused => Err(Failure::new(
            StatusCode::UNAUTHORIZED,
            "enrollment_code",
            "kode pendaftaran salah, sudah dipakai, atau kedaluwarsa; minta kode baru ke kantor",
        )),
        Enrollment::Paused(wait) => Err(Failure::too_many_guesses(wait)),
    }
}

pub(super) async fn manifests(
    State(office): State<Office>,
    Authed(device): Authed,
) -> Result<Response, Failure> {
    let (infos, mut redo) = blocking(move || {
        Ok((
            office.courier_manifests(device.courier_id)?,
            office.flagged_to_redo(device.courier_id)?,
        ))
    })
    .await?;
    let list = ManifestList {
        manifests: infos
            .into_iter()
            .map(|info| ManifestSummary {
                id: info.id,
                number: info.number,
                issued_on: info.issued_on,
                item_count: info.item_count,
                kecamatan: info.kecamatan,
                redo: take_redo(&mut redo, info.id),
            })
            .collect(),
        office_time: Utc::now(),
    };
    Ok(json_response(StatusCode::OK, &list))
}

/// The flagged deliveries of BA `id`, taken out of `all`.
fn take_redo(
    all: &mut Vec<(ManifestId, antar_domain::wire::Redo)>,
    id: ManifestId,
) -> Vec<antar_domain::wire::Redo> {
    let (mine, rest): (Vec<_>, Vec<_>) =
        std::mem::take(all).into_iter().partition(|(m, _)| *m == id);
    *all = rest;
    mine.into_iter().map(|(_, redo)| redo).collect()
}

/// `?form=phone` (added to v1 with the leaner phones): the phone's form of the BA, each NIK
/// cut to its last 4 digits; without it, the whole BA as phones of earlier versions read it.
#[derive(serde::Deserialize)]
pub(super) struct ManifestQuery {
    form: Option<String>,
}

pub(super) async fn manifest(
    State(office): State<Office>,
    Authed(device): Authed,
    Path(raw_id): Path<String>,
    Query(query): Query<ManifestQuery>,
) -> Result<Response, Failure> {
    let id: ManifestId = path_id(&raw_id, "id BA")?;
    let phone_form = match query.form.as_deref() {
        None => false,
        Some(PHONE_FORM) => true,
        Some(other) => {
            return Err(Failure::bad_request(
                "unknown_form",
                format!("bentuk BA {other:?} tidak dikenal; yang ada: {PHONE_FORM}"),
            ));
        }
    };
    let manifest = blocking(move || {
        Ok(office.manifest_for_phone(device.courier_id, device.device_id, id, phone_form)?)
    })
    .await?;
    match manifest {
        Some(manifest) => Ok(json_response(StatusCode::OK, &manifest)),
        // Another courier's BA answers exactly like an unknown one.
        None => Err(Failure::not_found(
            "manifest_not_found",
            format!("BA {id} tidak ditemukan untuk kurir ini"),
        )),
    }
}

/// A phone's report after a sync of what it still holds unsent (`DeviceStatus`); a revoked
/// phone in its upload grace may report too, since it may still be sending.
pub(super) async fn status(
    State(office): State<Office>,
    Uploader(device): Uploader,
    JsonBody(status): JsonBody<antar_domain::wire::DeviceStatus, 1024>,
) -> Result<Response, Failure> {
    blocking(move || Ok(office.keep_device_status(device.device_id, status)?)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
