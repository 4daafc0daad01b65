//! Documents: find a citizen's document by NIK (whole or its last digits) or name — sent by
//! POST and kept with the session, so no NIK reaches a URL, a log or the browser's history —
//! and filter by kecamatan, desa, state, type, age, BA and courier; counts per kecamatan and
//! desa (SOP step 3); 50 per page; NIK masked; each name opens the document's page.

use antar_domain::region::{RegionCode, Registry};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::Duration;
use dioxus::prelude::*;

use super::{PAGE_SIZE, page_at, page_start, query, see_other};
use crate::store::{CourierInfo, DocumentFilter, DocumentPage, DocumentSearch, PageAt, today};
use crate::web::auth::{self, Perm, Post, Staff};
use crate::web::components::csrf::CsrfField;
use crate::web::components::layout::{Ctx, Layout};
use crate::web::components::pager::KeysetPager;
use crate::web::components::state::StateLabel;
use crate::web::form::Fields;
use crate::web::render::{self, Shared};
use crate::web::strings::documents as sd;
use crate::web::{Web, WebError, blocking, strings};

/// Which page of the list, and the number of its first row as the link carried it.
#[derive(Clone, Copy, Debug, Default)]
struct Paging {
    at: PageAt<i64>,
    start: Option<u64>,
}

/// The filter as typed, to fill the form again and build the pager's links.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FilterForm {
    pub(crate) kecamatan: String,
    pub(crate) desa: String,
    pub(crate) state: String,
    pub(crate) document_type: String,
    pub(crate) min_age: String,
    /// A BA's number as printed.
    pub(crate) ba: String,
    pub(crate) courier: String,
    /// The NIK or name searched; never part of [`FilterForm::query`].
    pub(crate) search: String,
}

impl FilterForm {
    fn read(f: &Fields) -> Self {
        let field = |name: &str| f.get(name).unwrap_or("").trim().to_owned();
        FilterForm {
            kecamatan: field("kecamatan"),
            desa: field("desa"),
            state: field("status"),
            document_type: field("jenis"),
            min_age: field("umur"),
            ba: field("ba"),
            courier: field("kurir"),
            search: String::new(),
        }
    }

    /// The filter the store runs; a BA number is looked up by the caller.
    fn filter(&self, manifest: Option<String>) -> Result<DocumentFilter, WebError> {
        let region = |code: &str| -> Result<Option<String>, WebError> {
            if code.is_empty() {
                return Ok(None);
            }
            let parsed = RegionCode::parse(code)
                .map_err(|_| WebError::BadRequest(strings::bad_region(code)))?;
            Ok(Some(parsed.as_str().to_owned()))
        };
        let state = match self.state.as_str() {
            "" => None,
            s if strings::is_state_filter(s) => Some(s.to_owned()),
            other => return Err(WebError::BadRequest(strings::bad_state(other))),
        };
        let printed_until = match self.min_age.as_str() {
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
        let courier = match self.courier.as_str() {
            "" => None,
            id => Some(
                id.parse::<antar_domain::ids::CourierId>()
                    .map_err(|_| WebError::BadRequest(sd::bad_courier_filter()))?
                    .to_string(),
            ),
        };
        Ok(DocumentFilter {
            kecamatan: region(&self.kecamatan)?,
            desa: region(&self.desa)?,
            state,
            document_type: (!self.document_type.is_empty()).then(|| self.document_type.clone()),
            printed_until,
            search: None,
            manifest,
            courier,
        })
    }

    /// The page's address with the filters; `cari=1` when a search (kept with the session)
    /// applies.
    fn query(&self) -> String {
        let searching = if self.search.is_empty() { "" } else { "1" };
        let pairs = [
            ("kecamatan", self.kecamatan.as_str()),
            ("desa", &self.desa),
            ("status", &self.state),
            ("jenis", &self.document_type),
            ("umur", &self.min_age),
            ("ba", &self.ba),
            ("kurir", &self.courier),
            ("cari", searching),
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
) -> Result<Response, WebError> {
    staff.require(Perm::Documents)?;
    let fields = query(raw);
    let mut form = FilterForm::read(&fields);
    if fields.get("cari").is_some() {
        let office = web.office.clone();
        let token = staff.token_hash.clone();
        form.search = blocking(move || office.document_search(&token))
            .await?
            .unwrap_or_default();
    }
    let at = Paging {
        at: page_at(&fields),
        start: page_start(&fields),
    };
    show(&web, &staff, form, at, None).await
}

/// The search form: keeps the search with the session and sends the browser to its results.
pub(crate) async fn post(State(web): State<Web>, post: Post) -> Result<Response, WebError> {
    post.staff.require(Perm::Documents)?;
    let mut form = FilterForm::read(&post.fields);
    form.search = post.fields.get("q").unwrap_or("").trim().to_owned();
    let search = match DocumentSearch::parse(&form.search) {
        Ok(search) => search,
        Err(problem) => {
            let error = sd::search_problem(problem);
            return show(&web, &post.staff, form, Paging::default(), Some(error)).await;
        }
    };
    let office = web.office.clone();
    let token = post.staff.token_hash.clone();
    let kept = search.is_some().then(|| form.search.clone());
    blocking(move || office.set_document_search(&token, kept.as_deref())).await?;
    if let Some(search) = &search {
        let kind = match search {
            DocumentSearch::Nik(_) => "nik",
            DocumentSearch::NikTail(_) => "nik_akhir",
            DocumentSearch::Name(_) => "nama",
        };
        auth::audit(
            &web,
            &post.staff,
            "dokumen_cari",
            None,
            Some(kind.to_owned()),
        )
        .await?;
    }
    Ok(see_other(&form.query()))
}

async fn show(
    web: &Web,
    staff: &Staff,
    form: FilterForm,
    paging: Paging,
    search_error: Option<String>,
) -> Result<Response, WebError> {
    let manifest = match form.ba.as_str() {
        "" => None,
        number => {
            let office = web.office.clone();
            let number = number.to_owned();
            let found = blocking(move || office.manifest_id_by_number(&number)).await?;
            Some(
                found
                    .ok_or_else(|| WebError::BadRequest(sd::unknown_ba_number(&form.ba)))?
                    .to_string(),
            )
        }
    };
    let mut filter = form.filter(manifest)?;
    // A search that no longer parses (kept before a change of rule) is dropped, not failed.
    filter.search = DocumentSearch::parse(&form.search).ok().flatten();
    let office = web.office.clone();
    let searching = search_error.is_none();
    let (data, couriers) = blocking(move || {
        let data = if searching {
            office.document_page(&filter, paging.at, PAGE_SIZE)?
        } else {
            DocumentPage::default()
        };
        Ok((data, office.couriers()?))
    })
    .await?;
    let status = if search_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html: Html<String> = render::page(
        DocumentsPage,
        DocumentsPageProps {
            ctx: Ctx::new(staff, "/dokumen"),
            form,
            search_error,
            couriers: Shared::new(couriers),
            data: Shared::new(data),
            start: paging.start,
        },
    );
    Ok((status, html).into_response())
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
fn DocumentsPage(
    ctx: Ctx,
    form: FilterForm,
    search_error: Option<String>,
    couriers: Shared<Vec<CourierInfo>>,
    data: Shared<DocumentPage>,
    start: Option<u64>,
) -> Element {
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
    let shown = data.rows.len() as u64;
    // The first and last pages know where they stand; the others as their link said.
    let start = if !data.has_prev {
        Some(1)
    } else if !data.has_next {
        Some(data.total.saturating_sub(shown) + 1)
    } else {
        start
    };
    let summary = match start {
        Some(from) if shown > 0 => strings::range_summary(from, from + shown - 1, data.total),
        _ => strings::shown_of(shown, data.total),
    };
    let key = |row: Option<&crate::store::DocumentRow>| row.map(|r| r.id.to_string());
    let invalid = if search_error.is_some() {
        "true"
    } else {
        "false"
    };
    rsx! {
        Layout { ctx: ctx.clone(), title: strings::NAV_DOCUMENTS.to_owned(),
            h1 { "{strings::NAV_DOCUMENTS}" }
            form { method: "post", action: "/dokumen", class: "filters no-print",
                CsrfField { token: ctx.csrf.clone() }
                label { class: "search",
                    "{sd::SEARCH_DOCUMENT}"
                    input { r#type: "search", name: "q", value: "{form.search}", maxlength: "100",
                        autocomplete: "off", "aria-invalid": invalid,
                        "aria-describedby": "q-hint",
                        placeholder: sd::SEARCH_PLACEHOLDER }
                    if let Some(error) = &search_error {
                        span { id: "q-hint", class: "field-error", role: "alert", "{error}" }
                    } else {
                        span { id: "q-hint", class: "muted", "{sd::SEARCH_HINT}" }
                    }
                }
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
                label { "{strings::BA_NUMBER}"
                    input { name: "ba", value: "{form.ba}", maxlength: "80", class: "mono" }
                }
                label { "{strings::COURIER}"
                    select { name: "kurir",
                        option { value: "", "{strings::ALL}" }
                        for c in couriers.iter() {
                            option { value: "{c.id}", selected: c.id.to_string() == form.courier, "{c.name}" }
                        }
                    }
                }
                button { r#type: "submit", class: "primary", "{sd::FIND}" }
                a { href: "/dokumen", "{strings::RESET}" }
            }
            p { class: "muted", "{strings::DESA_HINT}" }
            if !form.search.is_empty() && search_error.is_none() {
                p { class: "search-note", {sd::searched_for(&form.search, data.total)} }
            }
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
                                td { "data-label": strings::NAME, a { href: "/dokumen/{d.id}", "{d.name}" } }
                                td { "data-label": "NIK", class: "mono", "{d.nik_masked}" }
                                td { "data-label": strings::DOCUMENT_TYPE, "{d.document_type}" }
                                td { "data-label": strings::DESA, "{d.desa_name}, {d.kecamatan_name}" }
                                td { "data-label": "RT/RW", class: "mono", {format!("{:03}/{:03}", d.rt, d.rw)} }
                                td { "data-label": strings::PRINTED_ON, {strings::date_id(&d.printed_on)} }
                                td { "data-label": strings::STATUS, StateLabel { code: d.state.clone() }
                                    if d.left_with_official {
                                        " " span { class: "badge", {strings::left_with_official()} }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            KeysetPager {
                base: form.query(),
                first_key: key(data.rows.first()).unwrap_or_default(),
                last_key: key(data.rows.last()).unwrap_or_default(),
                start,
                shown,
                has_prev: data.has_prev,
                has_next: data.has_next,
                summary,
            }
        }
    }
}
