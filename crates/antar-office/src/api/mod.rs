//! The HTTP API v1 under `/api/v1`: routes, the protocol-header check, and the guarantee that
//! every error answer (ours, axum's, a limit's, a panic's) is `ApiError` JSON with the
//! protocol header set.

mod batch_json;
mod devices;
mod encoding;
mod error;
mod events;
mod extract;
mod photos;
mod visits;

use std::any::Any;

use antar_domain::wire::{
    API_PREFIX, ApiError, DATA_COPY_HEADER, MAX_BATCH_BYTES, MAX_PHOTO_CHUNK_BYTES,
    PROTOCOL_HEADER, PROTOCOL_VERSION,
};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;

use self::error::{Failure, code_for_status, json_response};
use crate::office::Office;

/// No request body is ever larger than this; each route enforces its own, smaller limit.
const BODY_BACKSTOP: usize = if MAX_BATCH_BYTES > MAX_PHOTO_CHUNK_BYTES {
    MAX_BATCH_BYTES
} else {
    MAX_PHOTO_CHUNK_BYTES
} + 1024;

const HEALTH_PATH: &str = "/api/v1/health";

/// The whole application: the API under `/api` and the staff web everywhere else.
pub(crate) fn app(office: Office, web: crate::web::WebConfig) -> Router {
    router(office.clone())
        .merge(crate::web::router(office, web))
        .layer(middleware::from_fn(crate::headers::add))
}

/// The API's routes with their full paths, and every other path under `/api` answered with a
/// JSON 404, so only API paths get the protocol check and JSON errors; the staff web answers
/// everything else with HTML. (Full paths rather than nested routers: a nested router rewrites
/// each request's URI, which was a tenth of a single PUT's routing.)
fn router(office: Office) -> Router {
    let path = |tail: &str| format!("{API_PREFIX}{tail}");
    Router::new()
        .route(HEALTH_PATH, get(devices::health))
        .route(&path("/enroll"), post(devices::enroll))
        .route(&path("/manifests"), get(devices::manifests))
        .route(&path("/manifests/{id}"), get(devices::manifest))
        .route(&path("/visits"), get(visits::visits))
        .route(&path("/visits/{id}"), get(visits::visit))
        .route(&path("/events/batch"), post(events::batch))
        .route(&path("/device/status"), put(devices::status))
        .route(&path("/events/{id}"), put(events::put_event))
        .route(
            &path("/photos/{sha256}"),
            get(photos::status).put(photos::upload),
        )
        .route("/api", any(not_found))
        .route("/api/", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .with_state(office.clone())
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(RequestBodyLimitLayer::new(BODY_BACKSTOP))
        .layer(middleware::from_fn_with_state(office.clone(), protocol))
}

async fn not_found() -> Failure {
    Failure::not_found("not_found", "alamat API tidak ada")
}

/// The panic's payload may quote data from the request, so it is not logged.
fn panic_response(_payload: Box<dyn Any + Send + 'static>) -> Response<Body> {
    Failure::internal(&"handler panik").into_response()
}

/// Refuses requests without our protocol version and stamps it on every answer, with the
/// codings the office takes (and the answer gzipped if the client takes that).
async fn protocol(State(office): State<Office>, req: Request, next: Next) -> Response {
    // Paths hold only ids and hashes, never personal data, so they may be logged.
    let logged = tracing::enabled!(tracing::Level::DEBUG)
        .then(|| (req.method().clone(), req.uri().path().to_owned()));
    // Health is for monitors too, which know nothing of our header (a wrong one is refused).
    let gzip_answer = encoding::accepts_gzip(req.headers());
    let checked = if req.uri().path() == HEALTH_PATH && !req.headers().contains_key(PROTOCOL_HEADER)
    {
        Ok(())
    } else {
        check_protocol(req.headers())
    };
    let response = match checked {
        Ok(()) => next.run(req).await,
        Err(failure) => failure.into_response(),
    };
    if let Some((method, path)) = logged {
        tracing::debug!(%method, path, status = response.status().as_u16(), "permintaan API");
    }
    let response = ensure_json_error(response).await;
    let mut response = encoding::finish(response, gzip_answer).await;
    let headers = response.headers_mut();
    headers.insert(PROTOCOL_HEADER, HeaderValue::from(PROTOCOL_VERSION));
    headers.insert(DATA_COPY_HEADER, office.data_copy().clone());
    response
}

fn check_protocol(headers: &HeaderMap) -> Result<(), Failure> {
    let Some(value) = headers.get(PROTOCOL_HEADER) else {
        return Err(Failure::bad_request(
            "protocol_missing",
            format!("header {PROTOCOL_HEADER} wajib ada (kantor memakai versi {PROTOCOL_VERSION})"),
        ));
    };
    let text = value.to_str().unwrap_or("").trim();
    if text.parse::<u32>().ok() == Some(PROTOCOL_VERSION) {
        return Ok(());
    }
    let shown: String = text.chars().take(20).collect();
    Err(Failure::bad_request(
        "protocol_version",
        format!(
            "versi protokol {shown:?} tidak didukung: kantor memakai versi {PROTOCOL_VERSION}; \
             perbarui aplikasi"
        ),
    ))
}

/// Rewrites an error answer that is not JSON (axum's rejections, 405s, the body limit) into
/// `ApiError` JSON, keeping its status and headers.
async fn ensure_json_error(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 2048)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let (code, message) = code_for_status(status);
    let message = if text.is_empty() {
        message.to_owned()
    } else {
        format!("{message} ({text})")
    };
    let mut rewritten = json_response(status, &ApiError::new(code, message));
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rewritten.headers_mut().insert(name, value.clone());
        }
    }
    rewritten
}

/// Blocking storage work goes to tokio's blocking pool, so slow disks never stall the runtime.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(f).await?
}

/// 200 vs 201 in one place.
pub(crate) fn created_or_ok(created: bool) -> StatusCode {
    if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}
