//! One visit's handlers: its page (drawn by `visit_view`), uploading its target list, taking a
//! person off the list, calling it off, and its check-in photos.

use std::collections::BTreeSet;

use antar_domain::ids::{Sha256Hash, TargetId, VisitId};
use antar_domain::visit::{IkdOutcome, RecordingOutcome, VisitState};
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

use super::import::read_upload;
use super::see_other;
use super::visit_ba::BaForm;
use super::visit_view::{VisitData, VisitPage, VisitPageProps};
use super::visits::parse_id;
use crate::PersonRef;
use crate::error::OfficeError;
use crate::import::ImportReport;
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::layout::Ctx;
use crate::web::render::{self, Shared};
use crate::web::strings::visits as sv;
use crate::web::{Web, WebError, blocking};

fn not_found() -> WebError {
    WebError::NotFound(sv::NOT_FOUND.to_owned())
}

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    page(&web, &staff, id, None, None).await
}

/// The visit's page, with what an upload just did when there was one, and the BA form as it
/// was sent when its NIP was refused.
pub(super) async fn page(
    web: &Web,
    staff: &Staff,
    id: VisitId,
    import: Option<(String, ImportReport)>,
    ba_form: Option<BaForm>,
) -> Result<Html<String>, WebError> {
    let office = web.office.clone();
    let data = blocking(move || {
        let Some(visit) = office.visit(id)? else {
            return Ok(None);
        };
        let results = office.visit_results(id)?.unwrap_or_default();
        // The list is shown to be worked on only while it may still change; after that the
        // results show everyone.
        let targets = if visit.state == VisitState::Planned {
            office.visit_targets(id)?
        } else {
            Vec::new()
        };
        let received: BTreeSet<String> = results
            .checkins
            .iter()
            .flat_map(|c| &c.photos)
            .filter(|hash| office.photo_path(hash).is_some())
            .map(ToString::to_string)
            .collect();
        let manifests = office.visit_manifest_infos(id)?;
        Ok(Some(VisitData {
            visit,
            results,
            targets,
            received,
            manifests,
        }))
    })
    .await?
    .ok_or_else(not_found)?;
    Ok(render::page(
        VisitPage,
        VisitPageProps {
            ctx: Ctx::new(staff, "/kunjungan"),
            data: Shared::new(data),
            import: import.map(|(name, report)| (name, Shared::new(report))),
            ba_form: ba_form.unwrap_or_else(|| BaForm::starting(staff)),
        },
    ))
}

/// The target list's upload (CSV or .xlsx); the page shows what it did, row by row.
pub(crate) async fn upload(
    State(web): State<Web>,
    staff: Staff,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let (name, bytes) = read_upload(&staff, &mut multipart, sv::UPLOAD_MISSING).await?;
    let office = web.office.clone();
    let shown_name = name.clone();
    let report = blocking(move || office.import_visit_targets_upload(id, &name, bytes)).await?;
    auth::audit(
        &web,
        &staff,
        "kunjungan_sasaran",
        Some(format!("kunjungan:{id}")),
        Some(format!(
            "diimpor:{} duplikat:{} ditolak:{}",
            report.imported,
            report.duplicates.len(),
            report.rejected.len()
        )),
    )
    .await?;
    page(&web, &staff, id, Some((shown_name, report)), None).await
}

/// Takes one person off a planned visit's list. The form names the target by its id, so no
/// NIK is put into the page.
pub(crate) async fn remove_target(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let gone = || WebError::BadRequest(sv::TARGET_NOT_FOUND.to_owned());
    let target: TargetId = post
        .fields
        .get("sasaran")
        .and_then(|t| t.parse().ok())
        .ok_or_else(gone)?;
    let office = web.office.clone();
    let removed = blocking(move || {
        if office.visit(id)?.is_none() {
            return Err(OfficeError::UnknownVisit(id.to_string()));
        }
        let nik = office
            .visit_targets(id)?
            .into_iter()
            .find(|t| t.id == target)
            .map(|t| t.nik);
        match nik {
            Some(nik) => office.remove_visit_target(id, &nik),
            None => Ok(false),
        }
    })
    .await?;
    if !removed {
        return Err(gone());
    }
    auth::audit(
        &web,
        &post.staff,
        "kunjungan_sasaran_hapus",
        Some(format!("kunjungan:{id}")),
        Some(format!("sasaran:{target}")),
    )
    .await?;
    Ok(see_other(&format!("/kunjungan/{id}")))
}

pub(crate) async fn cancel(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let reason = post
        .fields
        .required("alasan", sv::CANCEL_REASON)?
        .to_owned();
    let office = web.office.clone();
    blocking(move || office.cancel_visit(id, &reason)).await?;
    auth::audit(
        &web,
        &post.staff,
        "kunjungan_batal",
        Some(format!("kunjungan:{id}")),
        None,
    )
    .await?;
    Ok(see_other(&format!("/kunjungan/{id}")))
}

/// Settles a person the phones disagreed about on the word of the phone staff chose.
pub(crate) async fn settle(
    State(web): State<Web>,
    Path(id): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let bad = || WebError::BadRequest(sv::BAD_SETTLE_CHOICE.to_owned());
    let person =
        PersonRef::parse_record(post.fields.get("catatan").unwrap_or_default()).ok_or_else(bad)?;
    let outcome =
        RecordingOutcome::parse(post.fields.get("hasil").unwrap_or_default()).ok_or_else(bad)?;
    let ikd = match post.fields.get("ikd").filter(|code| !code.is_empty()) {
        Some(code) => Some(IkdOutcome::parse(code).ok_or_else(bad)?),
        None => None,
    };
    let office = web.office.clone();
    let staff_name = post.staff.user.display_name.clone();
    blocking(move || office.settle_visit_outcome(id, &person, outcome, ikd, &staff_name)).await?;
    let detail = Some(outcome.code().to_owned());
    let target = Some(format!("kunjungan:{id}"));
    auth::audit(&web, &post.staff, "kunjungan_putuskan", target, detail).await?;
    Ok(see_other(&format!("/kunjungan/{id}")))
}

/// A check-in photo of this visit, for staff who may read the visit; never cached by shared
/// caches (the security headers say no-store). Only a hash one of the visit's check-ins
/// names is served, so the path cannot reach another photo.
pub(crate) async fn photo(
    State(web): State<Web>,
    staff: Staff,
    Path((id, hash)): Path<(String, String)>,
) -> Result<Response, WebError> {
    staff.require(Perm::Visits)?;
    let id = parse_id(&id)?;
    let missing = || WebError::NotFound(sv::PHOTO_NOT_FOUND.to_owned());
    let hash = Sha256Hash::parse(&hash).map_err(|_| missing())?;
    let office = web.office.clone();
    let bytes = blocking(move || {
        let Some(results) = office.visit_results(id)? else {
            return Ok(None);
        };
        let named = results.checkins.iter().any(|c| c.photos.contains(&hash))
            || results.handovers.iter().any(|h| h.photo == Some(hash));
        let Some(path) = office.photo_path(&hash).filter(|_| named) else {
            return Ok(None);
        };
        std::fs::read(&path)
            .map(Some)
            .map_err(|e| OfficeError::io(path, e))
    })
    .await?
    .ok_or_else(missing)?;
    let mut response = Body::from(bytes).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    Ok(response)
}
