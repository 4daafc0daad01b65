//! The staff web: server-rendered pages (Dioxus SSR) with plain HTML forms, served by the same
//! axum server as the API. Every page checks the signed-in role, every POST checks the
//! session's CSRF token, every action lands in the audit log (ids only, no personal data).
//!
//! Layout: `auth` (sessions, roles, CSRF), `error` (HTML error pages), `render` (SSR),
//! `strings` (every UI text), `components/` (shared pieces), one file per page in `pages/`.

mod auth;
mod components;
mod error;
mod form;
mod pages;
mod render;
mod strings;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::catch_panic::CatchPanicLayer;

use crate::error::OfficeResult;
use crate::office::Office;

pub(crate) use self::error::WebError;

/// How the staff web is served.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when the office is served over HTTPS, e.g. behind a proxy).
    pub secure_cookies: bool,
    /// The address couriers' phones use to reach this office, put into the BA's QR code
    /// (e.g. `https://antar.tanggamus.go.id`); defaults to the address the browser used.
    pub public_url: Option<String>,
}

/// What every handler gets.
#[derive(Clone, Debug)]
pub(crate) struct Web {
    pub(crate) office: Office,
    pub(crate) config: Arc<WebConfig>,
}

/// The import page takes spreadsheets up to this size.
const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

pub(crate) fn router(office: Office, config: WebConfig) -> Router {
    use pages::*;
    let state = Web {
        office,
        config: Arc::new(config),
    };
    Router::new()
        .route("/", get(home::get))
        .route("/masuk", get(login::get).post(login::post))
        .route("/keluar", post(login::sign_out))
        .route("/static/antar.css", get(css))
        .route("/static/antar.js", get(js))
        .route("/dokumen", get(documents::get))
        .route(
            "/impor",
            get(import::get)
                .post(import::post)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/ba", get(manifests::list).post(manifests::issue))
        .route("/ba/baru", get(manifests::new_form))
        .route("/ba/{id}", get(manifest::get))
        .route("/ba/{id}/cetak", get(manifest::print))
        .route("/ba/{id}/kembali", get(returns::form).post(returns::issue))
        .route("/pengembalian/{id}/cetak", get(returns::print))
        .route("/bukti", get(review::list))
        .route("/bukti/{seq}", get(review::get).post(review::post))
        .route("/bukti/{seq}/foto", get(review::photo))
        .route("/tindak-lanjut", get(followup::list))
        .route(
            "/tindak-lanjut/{doc}",
            get(followup::get).post(followup::post),
        )
        .route("/kontak", get(contacts::get).post(contacts::add))
        .route("/kontak/{id}/hapus", post(contacts::delete))
        .route("/standar", get(service::get))
        .route("/laporan", get(reports::get))
        .route("/laporan.xlsx", get(reports::xlsx))
        .route("/pengguna", get(users::get).post(users::add))
        .route("/pengguna/{id}/aktif", post(users::set_active))
        .route("/pengguna/{id}/sandi", post(users::set_password))
        .route("/kurir", get(couriers::get).post(couriers::add))
        .route("/kurir/{id}/kode", post(couriers::new_code))
        .route("/audit", get(audit::get))
        .fallback(not_found)
        .layer(CatchPanicLayer::custom(panic_page))
        .with_state(state)
}

async fn not_found() -> WebError {
    WebError::NotFound(strings::PAGE_NOT_FOUND.to_owned())
}

/// The panic's payload may quote request data, so it is not logged.
fn panic_page(_payload: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("halaman web panik");
    WebError::Internal.into_response()
}

/// The single stylesheet, cached for a day: it changes only with a new release.
async fn css() -> Response {
    static_file(include_str!("static/antar.css"), "text/css; charset=utf-8")
}

async fn js() -> Response {
    static_file(
        include_str!("static/antar.js"),
        "text/javascript; charset=utf-8",
    )
}

fn static_file(body: &'static str, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    response
}

/// Blocking storage work runs on tokio's blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> OfficeResult<T> + Send + 'static,
) -> Result<T, WebError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(WebError::from),
        Err(error) => {
            tracing::error!(%error, "tugas latar halaman web gagal");
            Err(WebError::Internal)
        }
    }
}
