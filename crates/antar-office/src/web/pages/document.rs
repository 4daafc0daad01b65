//! One document's page, for the citizen who phones "where is my KTP?": its row, every BA it was
//! on, every attempt with its proof and reviews, the follow-up contacts and its returns, all
//! times in WIB. Opening it is written to the audit log (the document's id, nothing more).

use antar_domain::contact::Phone;
use axum::extract::{Path, State};
use axum::response::Html;
use dioxus::prelude::*;

use crate::store::{DocumentHistory, DocumentId};
use crate::web::auth::{self, Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::state::StateLabel;
use crate::web::render::{self, Shared};
use crate::web::strings::documents as sd;
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    Path(doc): Path<String>,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Documents)?;
    let not_found = || WebError::NotFound(strings::DOCUMENT_NOT_FOUND.to_owned());
    let id: DocumentId = doc.parse().map_err(|_| not_found())?;
    let office = web.office.clone();
    let history = blocking(move || office.document_history(id))
        .await?
        .ok_or_else(not_found)?;
    auth::audit(
        &web,
        &staff,
        "dokumen_lihat",
        Some(format!("dokumen:{id}")),
        None,
    )
    .await?;
    Ok(render::page(
        DocumentPage,
        DocumentPageProps {
            ctx: Ctx::new(&staff, "/dokumen"),
            history: Shared::new(history),
        },
    ))
}

#[component]
fn DocumentPage(ctx: Ctx, history: Shared<DocumentHistory>) -> Element {
    let d = &history.document;
    let phone = d
        .phone
        .as_deref()
        .map(|p| Phone::parse(p).map_or_else(|_| p.to_owned(), |p| p.grouped()));
    let may_follow_up = crate::office::Perm::FollowUp.allows(ctx.role);
    rsx! {
        Layout { ctx: ctx.clone(), title: format!("{} {}", sd::DOCUMENT_TITLE, d.name),
            h1 { "{d.name}" }
            p { class: "muted", "{sd::TIMES_IN_WIB}" }
            dl { class: "facts",
                dt { "NIK" } dd { class: "mono", "{d.nik_masked}" }
                dt { "{strings::DOCUMENT_TYPE}" } dd { "{d.document_type}" }
                dt { "{strings::STATUS}" } dd { StateLabel { code: history.state.clone() } }
                dt { "{sd::ADDRESS_ON_KTP}" }
                dd { "{d.alamat}, RT {d.rt:03} / RW {d.rw:03}, {d.desa_name}, {d.kecamatan_name}" }
                if let Some(phone) = phone {
                    dt { "{sd::OWNER_PHONE}" } dd { class: "mono", "{phone}" }
                }
                dt { "{strings::PRINTED_ON}" } dd { {strings::date_id(&d.printed_on)} }
                dt { "{sd::IMPORTED_ON}" } dd { {strings::local_time_text(&d.imported_at)} }
            }
            if may_follow_up {
                p { a { href: "/tindak-lanjut/{d.id}", "{sd::OPEN_FOLLOWUP}" } }
            }
            h2 { "{sd::ON_BAS}" }
            if history.items.is_empty() {
                p { class: "empty", "{sd::NEVER_ON_BA}" }
            } else {
                table { class: "list",
                    thead { tr {
                        th { "{strings::BA_NUMBER}" } th { class: "num", "{strings::BA_LINE}" }
                        th { "{sd::ISSUED_ON}" } th { "{strings::COURIER}" } th { "{strings::STATUS}" }
                        th { "{sd::DELIVERED_AT}" }
                    } }
                    tbody {
                        for item in history.items.iter() {
                            tr {
                                td { "data-label": strings::BA_NUMBER, a { class: "mono", href: "/ba/{item.manifest_id}", "{item.ba_number}" } }
                                td { "data-label": strings::BA_LINE, class: "num", "{item.line}" }
                                td { "data-label": sd::ISSUED_ON, {strings::date_id(&item.issued_on)} }
                                td { "data-label": strings::COURIER, "{item.courier}" }
                                td { "data-label": strings::STATUS, StateLabel { code: item.state.clone() } }
                                td { "data-label": sd::DELIVERED_AT, {item.delivered_at.as_deref().map_or_else(|| "—".to_owned(), strings::local_time_text)} }
                            }
                        }
                    }
                }
            }
            h2 { "{sd::ATTEMPTS}" }
            if history.attempts.is_empty() {
                p { class: "empty", "{sd::NO_ATTEMPTS}" }
            } else {
                table { class: "list",
                    thead { tr {
                        th { "{sd::PROOF}" } th { "{strings::BA_NUMBER}" } th { "{strings::COURIER}" }
                        th { "{strings::OUTCOME}" } th { "{sd::RECORDED_AT}" } th { "{sd::RECEIVED_AT}" }
                        th { "{sd::REVIEWS}" }
                    } }
                    tbody {
                        for a in history.attempts.iter() {
                            tr {
                                td { "data-label": sd::PROOF, a { href: "/bukti/{a.proof.office_seq}", {sd::proof_link(a.proof.office_seq)} } }
                                td { "data-label": strings::BA_NUMBER, class: "mono", "{a.proof.ba_number} · {a.proof.line}" }
                                td { "data-label": strings::COURIER, "{a.proof.courier_name}" }
                                td { "data-label": strings::OUTCOME, {strings::outcome_label(&a.proof.outcome, a.proof.reason.as_deref())} }
                                td { "data-label": sd::RECORDED_AT, {strings::local_time_text(&a.proof.recorded_at)} }
                                td { "data-label": sd::RECEIVED_AT, {strings::local_time_text(&a.received_at)} }
                                td { "data-label": sd::REVIEWS,
                                    if a.reviews.is_empty() {
                                        "{sd::NOT_REVIEWED}"
                                    }
                                    for r in a.reviews.iter() {
                                        div {
                                            {sd::review_line(strings::verdict_label(Some(&r.verdict)), &r.reviewer, &strings::local_time_text(&r.at))}
                                            if let Some(note) = &r.note { ": «{note}»" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "{sd::FOLLOWUPS}" }
            if history.followups.is_empty() {
                p { class: "empty", "{sd::NO_FOLLOWUPS_YET}" }
            } else {
                table { class: "list",
                    thead { tr { th { "{strings::WHEN}" } th { "{strings::STAFF}" } th { "{strings::CONTACT_PERSON}" } th { "{strings::CHANNEL}" } th { "{strings::FOLLOWUP_OUTCOME}" } th { "{strings::NOTE}" } } }
                    tbody {
                        for e in history.followups.iter() {
                            tr {
                                td { "data-label": strings::WHEN, {strings::local_time_text(&e.at)} }
                                td { "data-label": strings::STAFF, "{e.staff}" }
                                td { "data-label": strings::CONTACT_PERSON, {e.contact.clone().unwrap_or_else(|| "—".to_owned())} }
                                td { "data-label": strings::CHANNEL, {strings::channel_label_of(&e.channel)} }
                                td { "data-label": strings::FOLLOWUP_OUTCOME, {strings::followup_outcome_label_of(Some(&e.outcome))} }
                                td { "data-label": strings::NOTE, {e.note.clone().unwrap_or_default()} }
                            }
                        }
                    }
                }
            }
            h2 { "{sd::RETURNS}" }
            if history.returns.is_empty() {
                p { class: "empty", "{sd::NO_RETURNS}" }
            } else {
                ul {
                    for r in history.returns.iter() {
                        li {
                            a { class: "mono", href: "/pengembalian/{r.return_id}/cetak", "{r.number}" }
                            " — {strings::date_id(&r.issued_on)}, {strings::BA_SHORT} {r.ba_number}"
                        }
                    }
                }
            }
        }
    }
}
