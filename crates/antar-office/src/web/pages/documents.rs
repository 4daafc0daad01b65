//! Documents: filter by kecamatan, desa, state, type and age since printing; counts per
//! kecamatan and desa (SOP step 3); 50 per page; NIK masked.

use antar_domain::region::{RegionCode, Registry};
use axum::extract::{RawQuery, State};
use axum::response::Html;
use chrono::Duration;
use dioxus::prelude::*;

use super::{PAGE_SIZE, page_number, query};
use crate::store::{DocumentFilter, DocumentPage, today};
use crate::web::auth::{Perm, Staff};
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::pager::Pager;
use crate::web::components::state::StateLabel;
use crate::web::form::Fields;
use crate::web::render::{self, Shared};
use crate::web::{Web, WebError, blocking, strings};

/// The filter as typed, to fill the form again and build the pager's links.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FilterForm {
    pub(crate) kecamatan: String,
    pub(crate) desa: String,
    pub(crate) state: String,
    pub(crate) document_type: String,
    pub(crate) min_age: String,
}

impl FilterForm {
    fn from_fields(f: &Fields) -> Result<(Self, DocumentFilter), WebError> {
        let form = FilterForm {
            kecamatan: f.get("kecamatan").unwrap_or("").to_owned(),
            desa: f.get("desa").unwrap_or("").to_owned(),
            state: f.get("status").unwrap_or("").to_owned(),
            document_type: f.get("jenis").unwrap_or("").to_owned(),
            min_age: f.get("umur").unwrap_or("").to_owned(),
        };
        let region = |code: &str| -> Result<Option<String>, WebError> {
            if code.is_empty() {
                return Ok(None);
            }
            let parsed = RegionCode::parse(code)
                .map_err(|_| WebError::BadRequest(strings::bad_region(code)))?;
            Ok(Some(parsed.as_str().to_owned()))
        };
        let state = match form.state.as_str() {
            "" => None,
            s if strings::is_state_filter(s) => Some(s.to_owned()),
            other => return Err(WebError::BadRequest(strings::bad_state(other))),
        };
        let printed_until = match form.min_age.as_str() {
            "" => None,
            days => {
                let days: i64 = days
                    .parse()
                    .ok()
                    .filter(|d| (0..=3650).contains(d))
                    .ok_or_else(|| WebError::BadRequest(strings::bad_age(days)))?;
                Some(today() - Duration::days(days))
            }
        };
        let filter = DocumentFilter {
            kecamatan: region(&form.kecamatan)?,
            desa: region(&form.desa)?,
            state,
            document_type: (!form.document_type.is_empty()).then(|| form.document_type.clone()),
            printed_until,
        };
        Ok((form, filter))
    }

    fn query(&self) -> String {
        let pairs = [
            ("kecamatan", &self.kecamatan),
            ("desa", &self.desa),
            ("status", &self.state),
            ("jenis", &self.document_type),
            ("umur", &self.min_age),
        ];
        let parts: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::web::error::urlencode(v)))
            .collect();
        if parts.is_empty() {
            "/dokumen".to_owned()
        } else {
            format!("/dokumen?{}", parts.join("&"))
        }
    }
}

pub(crate) async fn get(
    State(web): State<Web>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    staff.require(Perm::Documents)?;
    let fields = query(raw);
    let page = page_number(&fields);
    let (form, filter) = FilterForm::from_fields(&fields)?;
    let office = web.office.clone();
    let data =
        blocking(move || office.document_page(&filter, (page - 1) * PAGE_SIZE, PAGE_SIZE)).await?;
    Ok(render::page(
        DocumentsPage,
        DocumentsPageProps {
            ctx: Ctx::new(&staff, "/dokumen"),
            form,
            data: Shared::new(data),
            page,
        },
    ))
}

/// (code, name) of every kecamatan, for the filter's list.
pub(crate) fn kecamatan_options() -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = Registry::tanggamus()
        .kecamatans()
        .map(|r| (r.code.as_str().to_owned(), r.name.clone()))
        .collect();
    list.sort();
    list
}

/// (code, name) of the desa of one kecamatan.
pub(crate) fn desa_options(kecamatan: &str) -> Vec<(String, String)> {
    let Ok(code) = RegionCode::parse(kecamatan) else {
        return Vec::new();
    };
    let mut list: Vec<(String, String)> = Registry::tanggamus()
        .desas_in(&code)
        .map(|r| (r.code.as_str().to_owned(), r.name.clone()))
        .collect();
    list.sort();
    list
}

#[component]
fn DocumentsPage(ctx: Ctx, form: FilterForm, data: Shared<DocumentPage>, page: u64) -> Element {
    let kecamatan = kecamatan_options();
    let desa = desa_options(&form.kecamatan);
    let per_kecamatan = {
        let mut sums: Vec<(String, String, u64)> = Vec::new();
        for p in &data.places {
            match sums.last_mut() {
                Some(last) if last.0 == p.kecamatan => last.2 += p.count,
                _ => sums.push((p.kecamatan.clone(), p.kecamatan_name.clone(), p.count)),
            }
        }
        sums
    };
    let shown_from = (page - 1) * PAGE_SIZE + 1;
    let shown_to = (page - 1) * PAGE_SIZE + data.rows.len() as u64;
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_DOCUMENTS.to_owned(),
            h1 { "{strings::NAV_DOCUMENTS}" }
            form { method: "get", action: "/dokumen", class: "filters no-print",
                label { "{strings::KECAMATAN}"
                    select { name: "kecamatan",
                        option { value: "", "{strings::ALL}" }
                        for (code , name) in kecamatan {
                            option { value: "{code}", selected: code == form.kecamatan, "{name}" }
                        }
                    }
                }
                label { "{strings::DESA}"
                    select { name: "desa",
                        option { value: "", "{strings::ALL}" }
                        for (code , name) in desa {
                            option { value: "{code}", selected: code == form.desa, "{name}" }
                        }
                    }
                }
                label { "{strings::STATUS}"
                    select { name: "status",
                        option { value: "", "{strings::ALL}" }
                        for (code , label) in strings::state_filters() {
                            option { value: code, selected: code == form.state, "{label}" }
                        }
                    }
                }
                label { "{strings::DOCUMENT_TYPE}"
                    select { name: "jenis",
                        option { value: "", "{strings::ALL}" }
                        for (code , label) in strings::DOCUMENT_TYPES.iter().copied() {
                            option { value: code, selected: code == form.document_type, "{label}" }
                        }
                    }
                }
                label { "{strings::MIN_AGE}"
                    input { r#type: "number", name: "umur", min: "0", max: "3650", value: "{form.min_age}" }
                }
                button { r#type: "submit", class: "primary", "{strings::FILTER}" }
                a { href: "/dokumen", "{strings::RESET}" }
            }
            p { class: "muted", "{strings::DESA_HINT}" }
            div { class: "two-col",
                section {
                    h2 { "{strings::COUNT_PER_KECAMATAN}" }
                    table { class: "counts",
                        thead { tr { th { "{strings::KECAMATAN}" } th { class: "num", "{strings::COUNT}" } } }
                        tbody {
                            for (code , name , n) in per_kecamatan {
                                tr {
                                    td { a { href: "/dokumen?kecamatan={code}", "{name}" } }
                                    td { class: "num", "{n}" }
                                }
                            }
                        }
                        tfoot { tr { th { "{strings::TOTAL}" } th { class: "num", "{data.total}" } } }
                    }
                }
                section {
                    h2 { "{strings::COUNT_PER_DESA}" }
                    div { class: "scroll",
                        table { class: "counts",
                            thead { tr { th { "{strings::KECAMATAN}" } th { "{strings::DESA}" } th { class: "num", "{strings::COUNT}" } } }
                            tbody {
                                for p in data.places.iter() {
                                    tr {
                                        td { "{p.kecamatan_name}" }
                                        td { a { href: "/dokumen?kecamatan={p.kecamatan}&desa={p.desa}", "{p.desa_name}" } }
                                        td { class: "num", "{p.count}" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "{strings::DOCUMENT_LIST}" }
            if data.rows.is_empty() {
                p { class: "empty", "{strings::NO_DOCUMENTS}" }
            } else {
                table { class: "list",
                    thead {
                        tr {
                            th { "{strings::NAME}" }
                            th { "NIK" }
                            th { "{strings::DOCUMENT_TYPE}" }
                            th { "{strings::DESA}" }
                            th { "RT/RW" }
                            th { "{strings::PRINTED_ON}" }
                            th { "{strings::STATUS}" }
                        }
                    }
                    tbody {
                        for d in data.rows.iter() {
                            tr { key: "{d.id}",
                                td { "{d.name}" }
                                td { class: "mono", "{d.nik_masked}" }
                                td { "{d.document_type}" }
                                td { "{d.desa_name}, {d.kecamatan_name}" }
                                td { class: "mono", {format!("{:03}/{:03}", d.rt, d.rw)} }
                                td { {strings::date_id(&d.printed_on)} }
                                td { StateLabel { code: d.state.clone() }
                                    if d.left_with_official {
                                        " " span { class: "badge", {strings::left_with_official()} }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Pager {
                base: form.query(),
                page,
                has_next: shown_to < data.total,
                summary: strings::range_summary(shown_from, shown_to, data.total),
            }
        }
    }
}
