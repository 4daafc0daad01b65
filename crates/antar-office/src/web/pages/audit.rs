//! The audit log (admin only): every staff action, newest first, in words; it stores ids only
//! and names the objects (a BA's number, a proof's BA line, a courier) when the page is read.

use axum::extract::{RawQuery, State};
use axum::response::Html;
use dioxus::prelude::*;

use super::{PAGE_SIZE, page_number, query};
use std::collections::HashMap;

use crate::error::OfficeResult;
use crate::office::Office;
use crate::store::AuditEntry;
use crate::web::auth::{Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::pager::Pager;
use crate::web::render::{self, Shared};
use crate::web::strings::audit as sa;
use crate::web::{Web, WebError, blocking, strings};

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Audit)?;
    let page = page_number(&query(raw));
    let office = web.office.clone();
    let (entries, total, said) = blocking(move || {
        let (entries, total) = office.audit_log((page - 1) * PAGE_SIZE, PAGE_SIZE)?;
        let said = in_words(&office, &entries)?;
        Ok((entries, total, said))
    })
    .await?;
    Ok(render::page(
        AuditPage,
        AuditPageProps {
            ctx: Ctx::new(&staff, "/audit"),
            entries: Shared::new(entries),
            said: Shared::new(said),
            page,
            total,
        },
    ))
}

/// Each entry's action and object in words ("Menyetujui bukti no. 12 (baris 3 BA 470/…)"),
/// the objects' ids looked up once per page.
fn in_words(office: &Office, entries: &[AuditEntry]) -> OfficeResult<Vec<String>> {
    let couriers: HashMap<String, String> = office
        .couriers()?
        .into_iter()
        .map(|c| (c.id.to_string(), c.name))
        .collect();
    let users: HashMap<String, String> = office
        .staff_users()?
        .into_iter()
        .map(|u| (u.id.to_string(), u.username))
        .collect();
    let mut said = Vec::with_capacity(entries.len());
    for entry in entries {
        let action = sa::action_phrase(&entry.action);
        let object = match entry.object.as_deref().and_then(|o| o.split_once(':')) {
            Some(("kejadian", seq)) => {
                match seq.parse().ok().map(|s| office.proof(s)).transpose()? {
                    Some(Some(proof)) => sa::proof(seq, proof.row.line, &proof.row.ba_number),
                    _ => sa::proof(seq, 0, "?"),
                }
            }
            Some(("ba" | "ba_kembali", id)) => match office.ba_number_of(id)? {
                Some(number) => sa::ba(&number),
                None => sa::ba("?"),
            },
            Some(("dokumen", id)) => sa::document(id),
            Some(("kurir", id)) => sa::courier(couriers.get(id).map_or(id, String::as_str)),
            Some(("pengguna", id)) => sa::user(users.get(id).map_or(id, String::as_str)),
            Some(("kunjungan", id)) => sa::visit(id),
            Some(("kontak", id)) => sa::contact(id),
            Some(("perangkat", id)) => sa::device(id),
            Some(_) | None => entry.object.clone().unwrap_or_default(),
        };
        let how = entry
            .detail
            .as_deref()
            .filter(|_| entry.action == "dokumen_cari")
            .and_then(sa::search_kind)
            .unwrap_or("");
        let words = [action.as_str(), object.as_str(), how]
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        said.push(words);
    }
    Ok(said)
}

#[component]
fn AuditPage(
    ctx: Ctx,
    entries: Shared<Vec<AuditEntry>>,
    said: Shared<Vec<String>>,
    page: u64,
    total: u64,
) -> Element {
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_AUDIT.to_owned(),
            h1 { "{strings::NAV_AUDIT}" }
            p { class: "muted", "{strings::AUDIT_HINT}" }
            table { class: "list",
                thead {
                    tr {
                        th { "{strings::WHEN}" }
                        th { "{strings::USERNAME}" }
                        th { "{strings::ACTION}" }
                        th { "{strings::DETAIL}" }
                    }
                }
                tbody {
                    for (e , words) in entries.iter().zip(said.iter()) {
                        tr {
                            td { "data-label": strings::WHEN, {strings::local_time(&e.at)} }
                            td { "data-label": strings::USERNAME, "{e.username}" }
                            td { "data-label": strings::ACTION, title: "{e.action}", "{words}" }
                            td { "data-label": strings::DETAIL, {e.detail.clone().unwrap_or_default()} }
                        }
                    }
                }
            }
            Pager {
                base: "/audit".to_owned(),
                page,
                has_next: page * super::PAGE_SIZE < total,
                summary: strings::page_summary(page, total),
            }
        }
    }
}
