//! One file per page: its handlers (GET and POST) and its component.

pub(crate) mod audit;
pub(crate) mod contacts;
pub(crate) mod couriers;
pub(crate) mod document;
pub(crate) mod documents;
pub(crate) mod followup;
pub(crate) mod home;
pub(crate) mod import;
pub(crate) mod login;
pub(crate) mod manifest;
pub(crate) mod manifests;
pub(crate) mod reports;
pub(crate) mod return_count;
pub(crate) mod returns;
pub(crate) mod review;
pub(crate) mod review_queue;
pub(crate) mod service;
pub(crate) mod users;
pub(crate) mod visit;
pub(crate) mod visit_ba;
pub(crate) mod visit_form;
pub(crate) mod visit_report;
pub(crate) mod visit_view;
pub(crate) mod visits;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::form::Fields;
use crate::store::PageAt;

/// After a successful POST: go to `path` with GET (so a reload does not repeat the action).
pub(crate) fn see_other(path: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(path) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The query string's fields (filters of GET pages).
pub(crate) fn query(raw: Option<String>) -> Fields {
    Fields::parse(raw.unwrap_or_default().as_bytes())
}

/// The 1-based page number in `hal`, for paged lists.
pub(crate) fn page_number(fields: &Fields) -> u64 {
    fields
        .get("hal")
        .and_then(|p| p.parse::<u64>().ok())
        .filter(|p| *p >= 1 && *p <= 1_000_000)
        .unwrap_or(1)
}

/// Where a keyset-paged list starts: `setelah=<key>`, `sebelum=<key>`, `akhir=1`, else the
/// first page (a key that does not parse too: a list, not an error, for a mangled link).
pub(crate) fn page_at<K: std::str::FromStr>(fields: &Fields) -> PageAt<K> {
    let key = |name: &str| fields.get(name).and_then(|k| k.parse::<K>().ok());
    if let Some(key) = key("setelah") {
        PageAt::After(key)
    } else if let Some(key) = key("sebelum") {
        PageAt::Before(key)
    } else if fields.get("akhir").is_some() {
        PageAt::Last
    } else {
        PageAt::First
    }
}

/// The position of a keyset page's first row as its link carried it (`mulai`).
pub(crate) fn page_start(fields: &Fields) -> Option<u64> {
    fields
        .get("mulai")
        .and_then(|n| n.parse::<u64>().ok())
        .filter(|n| *n >= 1)
}

/// Rows per page in lists.
pub(crate) const PAGE_SIZE: u64 = 50;
