//! One proof under review: the attempt with its photo (signed-in reviewers only), the desa map
//! with the GPS point and accuracy circle, the device's facts beside the office's checks and
//! findings, and a verdict (approve, or flag with a note; see `store::review` for what a flag
//! reopens), then on to the next proof. The list is `review_queue`.

use antar_domain::ids::Sha256Hash;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use dioxus::prelude::*;

use super::review_queue::is_count;
use super::{query, see_other};
use crate::office::Reviewed;
use crate::store::{OfficeChecks, ProofDetail, ProofNumber, Verdict};
use crate::web::auth::{Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::map::DesaMap;
use crate::web::render::{self, Shared};
use crate::web::strings::review as sr;
use crate::web::{Web, WebError, blocking, strings};

/// Longest reviewer note kept.
const MAX_NOTE_CHARS: usize = 500;

pub(super) fn parse_seq(seq: &str) -> Result<ProofNumber, WebError> {
    seq.parse()
        .map_err(|_| WebError::NotFound(strings::PROOF_NOT_FOUND.to_owned()))
}

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    Path(seq): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Review)?;
    let seq = parse_seq(&seq)?;
    let fields = query(raw);
    let message = fields
        .get("selesai")
        .filter(|s| is_count(s))
        .map(|done| sr::decided(done, fields.get("putusan").unwrap_or(""), true));
    detail_page(&web, &staff, seq, message, None).await
}

/// The proof's page, with a message from the previous verdict or an error beside the note.
async fn detail_page(
    web: &Web,
    staff: &Staff,
    seq: ProofNumber,
    message: Option<String>,
    note_error: Option<(String, String)>,
) -> Result<Html<String>, WebError> {
    let office = web.office.clone();
    let detail = blocking(move || office.proof(seq))
        .await?
        .ok_or_else(|| WebError::NotFound(strings::PROOF_NOT_FOUND.to_owned()))?;
    Ok(render::page(
        DetailPage,
        DetailPageProps {
            ctx: Ctx::new(staff, "/bukti"),
            detail: Shared::new(detail),
            message,
            note_error,
        },
    ))
}

pub(crate) async fn post(
    State(web): State<Web>,
    Path(seq): Path<String>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Review)?;
    let seq = parse_seq(&seq)?;
    let verdict = Verdict::parse(post.fields.required("verdict", strings::VERDICT)?)
        .ok_or_else(|| WebError::BadRequest(strings::UNKNOWN_VERDICT.to_owned()))?;
    let note: Option<String> = post
        .fields
        .get("catatan")
        .map(|n| n.chars().take(MAX_NOTE_CHARS).collect());
    // A flag goes back to the courier with its note: without one, the page stays as it was.
    if verdict == Verdict::Flagged && note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        let error = (sr::NOTE_REQUIRED.to_owned(), note.unwrap_or_default());
        let page = detail_page(&web, &post.staff, seq, None, Some(error)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let reviewer = post.staff.user.clone();
    let office = web.office.clone();
    let (reviewed, next) = blocking(move || {
        let reviewed = office.review_proof(&reviewer, seq, verdict, note.as_deref())?;
        Ok((reviewed, office.next_unreviewed(seq)?))
    })
    .await?;
    if reviewed == Reviewed::NoSuchProof {
        return Err(WebError::NotFound(strings::PROOF_NOT_FOUND.to_owned()));
    }
    let done = format!("selesai={seq}&putusan={}", verdict.code());
    Ok(match next {
        Some(next) => see_other(&format!("/bukti/{next}?{done}")),
        None => see_other(&format!("/bukti?{done}")),
    })
}

/// The photo, only for signed-in reviewers, never cached by shared caches.
pub(crate) async fn photo(
    State(web): State<Web>,
    staff: Staff,
    Path(seq): Path<String>,
) -> Result<Response, WebError> {
    staff.require(Perm::Review)?;
    let seq = parse_seq(&seq)?;
    let office = web.office.clone();
    let bytes = blocking(move || {
        let Some(detail) = office.proof(seq)? else {
            return Ok(None);
        };
        let Some(hash) = detail
            .photo_sha256
            .as_deref()
            .and_then(|h| Sha256Hash::parse(h).ok())
        else {
            return Ok(None);
        };
        let Some(path) = office.photo_path(&hash) else {
            return Ok(None);
        };
        std::fs::read(&path)
            .map(Some)
            .map_err(|e| crate::error::OfficeError::io(path, e))
    })
    .await?
    .ok_or_else(|| WebError::NotFound(strings::PHOTO_NOT_FOUND.to_owned()))?;
    let mut response = Body::from(bytes).into_response();
    let headers = response.headers_mut();
    // A face at a door is personal data: not cached (the security headers say no-store).
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    Ok(response)
}

/// The office's findings on one proof: a "clean" badge, or each finding on its own line.
#[component]
pub(super) fn FindingsCell(findings: Option<Vec<antar_domain::findings::Finding>>) -> Element {
    rsx! {
        match findings {
            None => rsx! { span { class: "muted", "{sr::NOT_CHECKED_SHORT}" } },
            Some(found) if found.is_empty() => rsx! { span { class: "badge good", "{sr::CLEAN}" } },
            Some(found) => rsx! {
                ul { class: "findings",
                    for f in found.iter() {
                        li { {sr::finding_label(f)} }
                    }
                }
            },
        }
    }
}

#[component]
fn DetailPage(
    ctx: Ctx,
    detail: Shared<ProofDetail>,
    message: Option<String>,
    /// The error beside the note, and the note as it was sent.
    note_error: Option<(String, String)>,
) -> Element {
    let d = &*detail;
    let point = match (d.lat, d.lon) {
        (Some(lat), Some(lon)) => Some((lat, lon, d.row.accuracy_m.unwrap_or(0.0))),
        _ => None,
    };
    let class = |good: bool| if good { "good" } else { "bad" };
    let mock_bad = d.row.mock == Some(true);
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::PROOF_TITLE.to_owned(),
            if let Some(message) = &message {
                p { class: "notice", role: "status", "{message}" }
            }
            h1 { "{strings::PROOF_TITLE}" }
            p { class: "findings-summary",
                "{sr::FINDINGS}: "
                FindingsCell { findings: d.row.findings.clone() }
            }
            p {
                "{strings::BA_SHORT} {d.row.ba_number}, {strings::LINE_LOWER} {d.row.line} — {d.owner_name} ("
                span { class: "mono", {strings::mask_nik(&d.nik)} }
                "), {d.document_type}, {d.alamat_rt_rw}, {d.row.desa_name}, {d.row.kecamatan_name}"
            }
            div { class: "proof",
                section { class: "photo",
                    h2 { "{strings::PHOTO}" }
                    if d.photo_sha256.is_some() && d.photo_complete {
                        a { href: "/bukti/{d.row.office_seq}/foto", target: "_blank",
                            img { src: "/bukti/{d.row.office_seq}/foto", alt: "{strings::PHOTO_ALT}" }
                        }
                    } else if d.photo_sha256.is_some() {
                        p { class: "warn-box", "{strings::PHOTO_PENDING}" }
                    } else {
                        p { class: "warn-box", "{strings::PHOTO_NONE}" }
                    }
                }
                section { class: "where",
                    h2 { "{strings::MAP_TITLE}" }
                    DesaMap { desa: d.desa.clone(), point }
                }
            }
            div { class: "two-col",
                section {
                    h2 { "{strings::DEVICE_SAYS}" }
                    dl {
                        dt { "{strings::OUTCOME}" }
                        dd { {strings::outcome_label(&d.row.outcome, d.row.reason.as_deref())} }
                        if let Some(recipient) = &d.recipient {
                            dt { "{strings::RECIPIENT}" }
                            dd { "{recipient} ({strings::recipient_role_label(&d.row.outcome, d.relationship.as_deref(), d.official_position.as_deref())})" }
                        }
                        if let Some(note) = d.reason_note.as_ref().or(d.note.as_ref()) {
                            dt { "{strings::NOTE}" }
                            dd { "{note}" }
                        }
                        dt { "{strings::RECORDED_AT}" }
                        dd { {strings::local_time_text(&d.row.recorded_at)} }
                        dt { "{strings::GPS}" }
                        dd { {strings::fix_text(d.lat, d.lon)} }
                        dt { "{strings::ACCURACY}" }
                        dd { {strings::accuracy(d.row.accuracy_m)} }
                        dt { "{strings::MOCK}" }
                        dd { class: if mock_bad { "bad" } else { "" }, {strings::mock_label(d.row.mock)} }
                    }
                }
                section {
                    h2 { "{strings::OFFICE_CHECKS}" }
                    dl {
                        dt { "{strings::RECEIVED_AT}" }
                        dd { {strings::local_time_text(&d.received_at)} }
                        dt { "{strings::PHOTO_HASH}" }
                        if let Some(checks) = &d.checks {
                            OfficeCheckRows { checks: checks.clone(), has_photo: d.photo_sha256.is_some(), photo_complete: d.photo_complete }
                        } else {
                            dd { class: class(d.photo_complete), {strings::photo_hash_label(d.photo_sha256.is_some(), d.photo_complete)} }
                            dt { "{strings::OFFICE_CHECKS}" }
                            dd { class: "slot", "{strings::NOT_CHECKED}" }
                        }
                        if let Some(warning) = &d.warning {
                            dt { "{strings::WARNING}" }
                            dd { class: "bad", "{warning}" }
                        }
                        dt { "{strings::ITEM_STATE}" }
                        dd { {strings::state_label(&d.item_state)} }
                    }
                }
            }
            section { class: "verdict no-print",
                h2 { "{strings::VERDICT}" }
                if !d.reviews.is_empty() {
                    ul {
                        for (verdict , note , who , at) in d.reviews.iter() {
                            li {
                                strong { {strings::verdict_label(Some(verdict))} }
                                " — {who}, " {strings::local_time_text(at)}
                                if let Some(note) = note { ": {note}" }
                            }
                        }
                    }
                }
                form { method: "post", action: "/bukti/{d.row.office_seq}",
                    CsrfField { token: ctx.csrf.clone() }
                    label { "{strings::REVIEW_NOTE}"
                        textarea { name: "catatan", rows: "2", maxlength: "500",
                            "aria-invalid": if note_error.is_some() { "true" } else { "false" },
                            "aria-describedby": "note-error",
                            {note_error.as_ref().map(|(_, note)| note.clone()).unwrap_or_default()}
                        }
                        if let Some((error, _)) = &note_error {
                            span { id: "note-error", class: "field-error", role: "alert", "{error}" }
                        }
                    }
                    p { class: "muted", "{strings::FLAG_RULE}" }
                    button { r#type: "submit", name: "verdict", value: "accepted", class: "primary", "{strings::ACCEPT}" }
                    button { r#type: "submit", name: "verdict", value: "flagged", class: "danger", "{strings::FLAG}" }
                }
            }
        }
    }
}

/// The office's verdicts, each beside what the phone said where it said something.
#[component]
fn OfficeCheckRows(checks: OfficeChecks, has_photo: bool, photo_complete: bool) -> Element {
    let class = |good: bool| if good { "good" } else { "bad" };
    let place_good = checks.place_office.supports_address() && checks.place_agrees != Some(false);
    let photo_good = photo_complete
        && checks
            .photo_proof_check
            .as_deref()
            .is_none_or(|c| c == "ok");
    rsx! {
        dd { class: class(photo_good),
                            {strings::photo_check(has_photo, photo_complete, checks.photo_proof_check.as_deref())}
                        }
                        dt { "{strings::PLACE_CHECK}" }
                        dd { class: class(place_good),
                            {strings::place_verdict(&checks.place_office)}
                            br {}
                            small { {strings::place_claim(checks.place_device.as_ref(), checks.place_agrees)} }
                        }
                        dt { "{strings::TIME_CHECK}" }
                        dd { class: class(!checks.time.is_flagged()), {strings::time_verdict(&checks.time)} }
                        dt { "{strings::CHAIN_CHECK}" }
                        dd { class: class(!checks.chain.is_flagged()), {strings::chain_verdict(&checks.chain)} }
                        dt { "{strings::BA_BINDING}" }
                        dd { class: class(checks.manifest_bound),
                            if checks.manifest_bound { "{strings::BA_BOUND}" } else { "{strings::BA_NOT_BOUND}" }
                        }
    }
}
