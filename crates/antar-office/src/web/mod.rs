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
pub(crate) mod strings;
mod xlsx;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
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

/// The import page and a visit's target list take spreadsheets up to this size.
const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

/// A page: its path pattern and its handlers.
type Page = (&'static str, fn() -> MethodRouter<Web>);

/// The pages a browser may open and be sent back to after signing in; the router serves them
/// from this list, so the sign-in can follow no other path.
const PAGES: &[Page] = {
    use pages::*;
    &[
        ("/", || get(home::get)),
        ("/dokumen", || get(documents::get).post(documents::post)),
        ("/dokumen/{id}", || get(document::get)),
        ("/impor", || {
            get(import::get)
                .post(import::post)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
        }),
        ("/ba", || get(manifests::list).post(manifests::issue)),
        ("/ba/baru", || get(manifests::new_form)),
        ("/ba/{id}", || get(manifest::get)),
        ("/ba/{id}/cetak", || get(manifest::print)),
        ("/ba/{id}/kembali", || {
            get(returns::form).post(returns::issue)
        }),
        ("/pengembalian/{id}/cetak", || get(returns::print)),
        ("/pengembalian/{id}/hitung", || post(return_count::count)),
        ("/bukti", || get(review_queue::list)),
        ("/bukti/{seq}", || get(review::get).post(review::post)),
        ("/tindak-lanjut", || get(followup::list)),
        ("/tindak-lanjut/{doc}", || {
            get(followup::get).post(followup::post)
        }),
        ("/kontak", || get(contacts::get).post(contacts::add)),
        ("/standar", || get(service::get)),
        ("/laporan", || get(reports::get)),
        ("/pengguna", || get(users::get).post(users::add)),
        ("/kurir", || get(couriers::get).post(couriers::add)),
        ("/audit", || get(audit::get)),
        ("/kunjungan", || get(visits::list).post(visits::plan)),
        ("/kunjungan/baru", || get(visit_form::new_form)),
        ("/kunjungan/laporan", || get(visit_report::get)),
        ("/kunjungan/{id}", || get(visit::get)),
        ("/kunjungan/{id}/ubah", || {
            get(visit_form::edit_form).post(visit_form::edit)
        }),
    ]
};

pub(crate) fn router(office: Office, config: WebConfig) -> Router {
    use pages::*;
    let state = Web {
        office,
        config: Arc::new(config),
    };
    let pages = PAGES.iter().fold(Router::new(), |router, (path, page)| {
        router.route(path, page())
    });
    pages
        .route("/masuk", get(login::get).post(login::post))
        .route("/keluar", post(login::sign_out))
        // Each printed BA's margins (its number, its page numbers): not pages to land on.
        .route("/ba/{id}/cetak.css", get(manifest::print_css))
        .route("/pengembalian/{id}/cetak.css", get(returns::print_css))
        .route("/static/antar.css", get(css))
        .route("/static/antar.js", get(js))
        .route("/bukti/{seq}/foto", get(review::photo))
        .route("/bukti/setujui", post(review_queue::approve_clean))
        .route("/laporan.xlsx", get(reports::xlsx))
        .route("/kontak/{id}/hapus", post(contacts::delete))
        .route("/ba/{id}/batal", post(manifest::cancel))
        .route("/pengguna/{id}/aktif", post(users::set_active))
        .route("/pengguna/{id}/sandi", post(users::set_password))
        .route("/kurir/{id}/kode", post(couriers::new_code))
        .route("/kurir/{id}/peran", post(couriers::set_role))
        .route("/kurir/{id}/nonaktifkan", post(couriers::deactivate))
        .route("/kurir/hp/{id}/cabut", post(couriers::revoke_device))
        .route("/kurir/hp/{id}/akhiri-unggah", post(couriers::end_uploads))
        .route(
            "/kunjungan/{id}/sasaran",
            post(visit::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/kunjungan/{id}/sasaran/hapus", post(visit::remove_target))
        .route("/kunjungan/{id}/batal", post(visit::cancel))
        .route("/kunjungan/{id}/putuskan", post(visit::settle))
        .route("/kunjungan/{id}/ba", post(visit_ba::attach))
        .route("/kunjungan/{id}/foto/{hash}", get(visit::photo))
        .route("/kunjungan/laporan.xlsx", get(visit_report::xlsx))
        // Lists to work from, as .xlsx (issue 18.7).
        .route("/tindak-lanjut.xlsx", get(followup::xlsx))
        .route("/ba/{id}/baris.xlsx", get(manifest::xlsx))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(error::keep_place))
        .layer(CatchPanicLayer::custom(panic_page))
        .with_state(state)
}

/// Whether `target` (a path with an optional query) is one of [`PAGES`]. Its path may hold
/// only plain segments — letters, digits, `.`, `-`, `_` — so nothing a browser reads as
/// another host (`/\t/evil`, `/\\evil`, `//evil`) ever matches.
pub(crate) fn is_own_page(target: &str) -> bool {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let query_is_plain = query.is_none_or(|query| {
        query
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'\\' | b'#' | b'"' | b'<' | b'>'))
    });
    query_is_plain && PAGES.iter().any(|(pattern, _)| path_matches(pattern, path))
}

fn path_matches(pattern: &str, path: &str) -> bool {
    if pattern == "/" || path == "/" {
        return pattern == path;
    }
    let mut wanted = pattern.split('/');
    let mut given = path.split('/');
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if w.starts_with('{') => {
                let plain = g
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
                if g.is_empty() || !plain || g.chars().all(|c| c == '.') {
                    return false;
                }
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::is_own_page;

    #[test]
    fn own_pages_with_their_ids_and_queries_are_followed() {
        for page in [
            "/",
            "/dokumen",
            "/dokumen?status=gagal&kecamatan=18.06.01",
            "/ba/12",
            "/ba/12/cetak",
            "/tindak-lanjut/3f2a-9",
            "/pengembalian/4/cetak",
            "/kunjungan?bulan=2026-12",
            "/kunjungan/0190f2c8-7a1e-7000-8000-000000000000",
            "/kunjungan/laporan?bulan=2026-12",
        ] {
            assert!(is_own_page(page), "{page}");
        }
    }

    #[test]
    fn anything_a_browser_could_read_as_another_site_is_not() {
        for target in [
            "",
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "/ba/\\evil",
            "/ba/../../evil",
            "/ba/..",
            "/evil.example",
            "https://evil.example",
            "/dokumen/",
            "/ba//cetak",
            "/dokumen?x=\"><script>",
            "/dokumen?x=a b",
            "/bukti/1/foto",
            "/keluar",
            "/kunjungan/1/batal",
        ] {
            assert!(!is_own_page(target), "{target:?}");
        }
    }
}
