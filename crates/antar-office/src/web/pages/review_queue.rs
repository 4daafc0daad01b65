//! The review queue: the proofs waiting (or all), newest or most findings first, each with the
//! office's own findings so clean ones stand apart, and approving the clean ones in one action.

use axum::extract::{RawQuery, State};
use axum::response::{Html, Response};
use dioxus::prelude::*;

use super::review::{FindingsCell, parse_seq};
use super::{PAGE_SIZE, page_at, query, see_other};
use crate::store::{Paged, ProofNumber, ProofOrder, ProofRow, Verdict};
use crate::web::auth::{Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::pager::KeysetPager;
use crate::web::render::{self, Shared};
use crate::web::strings::review as sr;
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn list(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Review)?;
    let fields = query(raw);
    let at = page_at(&fields);
    let all = fields.get("semua") == Some("1");
    let order = match fields.get("urutan") {
        Some("temuan") => ProofOrder::FindingsFirst,
        _ => ProofOrder::Newest,
    };
    let message = match (fields.get("disetujui"), fields.get("selesai")) {
        (Some(approved), _) if is_count(approved) => {
            let skipped = fields.get("dilewati").filter(|s| is_count(s)).unwrap_or("");
            Some(sr::approved_many(approved, skipped))
        }
        (_, Some(seq)) if is_count(seq) => {
            Some(sr::decided(seq, fields.get("putusan").unwrap_or(""), false))
        }
        _ => None,
    };
    let office = web.office.clone();
    let page = blocking(move || office.proof_page(!all, order, at, PAGE_SIZE)).await?;
    Ok(render::page(
        ListPage,
        ListPageProps {
            ctx: Ctx::new(&staff, "/bukti"),
            page: Shared::new(page),
            all,
            findings_first: order == ProofOrder::FindingsFirst,
            message,
        },
    ))
}

/// A number as a message's query carries it (anything else is not shown).
pub(super) fn is_count(text: &str) -> bool {
    !text.is_empty() && text.len() <= 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Approves, in one action, the chosen proofs (`seq`) or every clean one the page listed
/// (`bersih`), each only if it is still unreviewed and clean when the office looks again.
pub(crate) async fn approve_clean(
    State(web): State<Web>,
    post: Post,
) -> Result<Response, WebError> {
    post.staff.require(Perm::Review)?;
    let field = if post.fields.get("aksi") == Some("bersih") {
        "bersih"
    } else {
        "seq"
    };
    let chosen = post
        .fields
        .all(field)
        .iter()
        .take(PAGE_SIZE as usize)
        .map(|seq| parse_seq(seq))
        .collect::<Result<Vec<_>, _>>()?;
    let reviewer = post.staff.user.clone();
    let office = web.office.clone();
    let (approved, skipped) = blocking(move || {
        let mut approved = 0u64;
        let mut skipped = 0u64;
        for seq in chosen {
            let clean = office
                .proof(seq)?
                .is_some_and(|d| d.reviews.is_empty() && d.row.is_clean());
            if clean {
                office.review_proof(&reviewer, seq, Verdict::Accepted, None)?;
                approved += 1;
            } else {
                skipped += 1;
            }
        }
        Ok((approved, skipped))
    })
    .await?;
    Ok(see_other(&format!(
        "/bukti?disetujui={approved}&dilewati={skipped}"
    )))
}

#[component]
fn ListPage(
    ctx: Ctx,
    page: Shared<Paged<ProofRow>>,
    all: bool,
    findings_first: bool,
    message: Option<String>,
) -> Element {
    let rows = &page.rows;
    let key = |row: Option<&ProofRow>| row.map(|r| r.office_seq.to_string()).unwrap_or_default();
    let mut base = if all {
        "/bukti?semua=1".to_owned()
    } else {
        "/bukti".to_owned()
    };
    if findings_first {
        base.push_str(if all {
            "&urutan=temuan"
        } else {
            "?urutan=temuan"
        });
    }
    let tab = |all: bool| {
        let order = if findings_first { "urutan=temuan" } else { "" };
        match (all, order.is_empty()) {
            (true, true) => "/bukti?semua=1".to_owned(),
            (true, false) => format!("/bukti?semua=1&{order}"),
            (false, true) => "/bukti".to_owned(),
            (false, false) => format!("/bukti?{order}"),
        }
    };
    let order_link = |findings: bool| {
        let order = if findings { "urutan=temuan" } else { "" };
        match (all, findings) {
            (true, true) => format!("/bukti?semua=1&{order}"),
            (true, false) => "/bukti?semua=1".to_owned(),
            (false, true) => format!("/bukti?{order}"),
            (false, false) => "/bukti".to_owned(),
        }
    };
    let approvable: Vec<ProofNumber> = rows
        .iter()
        .filter(|r| r.verdict.is_none() && r.is_clean())
        .map(|r| r.office_seq)
        .collect();
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_REVIEW.to_owned(),
            h1 { "{strings::NAV_REVIEW}" }
            if let Some(message) = &message {
                p { class: "notice", role: "status", "{message}" }
            }
            p { class: "tabs no-print",
                a { class: if all { "" } else { "active" }, href: tab(false), "{strings::UNREVIEWED}" }
                a { class: if all { "active" } else { "" }, href: tab(true), "{strings::ALL_PROOFS}" }
            }
            p { class: "tabs no-print", "{sr::ORDER}: "
                a { class: if findings_first { "" } else { "active" }, href: order_link(false), "{sr::NEWEST_FIRST}" }
                a { class: if findings_first { "active" } else { "" }, href: order_link(true), "{sr::FINDINGS_FIRST}" }
            }
            if rows.is_empty() {
                p { class: "empty", "{strings::NO_PROOFS}" }
            } else {
                form { method: "post", action: "/bukti/setujui",
                    CsrfField { token: ctx.csrf.clone() }
                    for seq in approvable.iter() {
                        input { r#type: "hidden", name: "bersih", value: "{seq}" }
                    }
                    if !approvable.is_empty() {
                        p { class: "actions no-print",
                            button { r#type: "submit", name: "aksi", value: "bersih", class: "primary", {sr::approve_all_clean(approvable.len())} }
                            button { r#type: "submit", name: "aksi", value: "pilihan", "{sr::APPROVE_SELECTED}" }
                        }
                    }
                    table { class: "list",
                        thead {
                            tr {
                                th { "{sr::PICK}" }
                                th { "{strings::RECORDED_AT}" }
                                th { "{strings::BA_NUMBER}" }
                                th { class: "num", "{strings::LINE}" }
                                th { "{strings::DESA}" }
                                th { "{strings::COURIER}" }
                                th { "{strings::OUTCOME}" }
                                th { "{sr::FINDINGS}" }
                                th { "{strings::PHOTO}" }
                                th { "{strings::VERDICT}" }
                            }
                        }
                        tbody {
                            for r in rows.iter() {
                                tr { class: if r.is_clean() { "clean" } else { "has-findings" },
                                    td { "data-label": sr::PICK,
                                        if r.verdict.is_none() && r.is_clean() {
                                            input { r#type: "checkbox", name: "seq", value: "{r.office_seq}",
                                                "aria-label": "{sr::PICK} {r.office_seq}" }
                                        }
                                    }
                                    td { "data-label": strings::RECORDED_AT, a { href: "/bukti/{r.office_seq}", {strings::local_time_text(&r.recorded_at)} } }
                                    td { "data-label": strings::BA_NUMBER, "{r.ba_number}" }
                                    td { "data-label": strings::LINE, class: "num", "{r.line}" }
                                    td { "data-label": strings::DESA, "{r.desa_name}, {r.kecamatan_name}" }
                                    td { "data-label": strings::COURIER, "{r.courier_name}" }
                                    td { "data-label": strings::OUTCOME, {strings::outcome_label(&r.outcome, r.reason.as_deref())} }
                                    td { "data-label": sr::FINDINGS, FindingsCell { findings: r.findings.clone() } }
                                    td { "data-label": strings::PHOTO, if r.has_photo { "{strings::YES}" } else { "{strings::NO_WORD}" } }
                                    td { "data-label": strings::VERDICT, {strings::verdict_label(r.verdict.as_deref())} }
                                }
                            }
                        }
                    }
                }
            }
            KeysetPager {
                base,
                first_key: key(rows.first()),
                last_key: key(rows.last()),
                start: None,
                shown: rows.len() as u64,
                has_prev: page.has_prev,
                has_next: page.has_next,
                summary: strings::proofs_shown(rows.len()),
            }
        }
    }
}
