//! The API's error response: a status code plus [`ApiError`] JSON, built from a fixed set of
//! machine codes so devices can react to them. Internal failures are logged, never echoed.

use antar_domain::wire::{ApiError, ERROR_DEVICE_REVOKED, MAX_PHOTO_BYTES, UPLOAD_OFFSET_HEADER};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::OfficeError;

/// An error answer: status, body and any extra header the client needs to recover.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: StatusCode,
    /// Boxed to keep `Result<_, Failure>` small on the success path.
    pub(crate) error: Box<ApiError>,
    header: Option<Box<(&'static str, HeaderValue)>>,
}

impl Failure {
    pub(crate) fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            error: Box::new(ApiError::new(code, message)),
            header: None,
        }
    }

    fn with_header(mut self, name: &'static str, value: HeaderValue) -> Self {
        self.header = Some(Box::new((name, value)));
        self
    }

    pub(crate) fn bad_request(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub(crate) fn not_found(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }

    pub(crate) fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message).with_header(
            "www-authenticate",
            HeaderValue::from_static("Bearer realm=\"antar\""),
        )
    }

    /// A token staff revoked (or whose upload grace is over): not "unknown", so the phone
    /// tells its courier to ask the office instead of enrolling again by itself.
    pub(crate) fn device_revoked(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ERROR_DEVICE_REVOKED, message).with_header(
            "www-authenticate",
            HeaderValue::from_static("Bearer realm=\"antar\", error=\"invalid_token\""),
        )
    }

    pub(crate) fn too_large(limit: usize, what: &str) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("{what} terlalu besar: paling banyak {limit} byte"),
        )
    }

    /// Enrollment is paused after too many wrong codes; `Retry-After` says for how long.
    pub(crate) fn too_many_guesses(wait: std::time::Duration) -> Self {
        let seconds = wait.as_secs() + 1;
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "enrollment_paused",
            format!(
                "terlalu banyak kode pendaftaran salah dicoba; pendaftaran ditahan, coba lagi \
                 dalam {seconds} detik"
            ),
        )
        .with_header("retry-after", HeaderValue::from(seconds))
    }

    pub(crate) fn upload_offset(current: u64) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "upload_offset",
            format!(
                "potongan foto harus mulai di byte {current} (x-upload-offset); kantor sudah \
                 menerima {current} byte"
            ),
        )
        .with_header(UPLOAD_OFFSET_HEADER, HeaderValue::from(current))
    }

    pub(crate) fn photo_too_large(total: u64) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("foto {total} byte terlalu besar: paling banyak {MAX_PHOTO_BYTES} byte"),
        )
    }

    /// Anything the client cannot fix. The details go to the log (they hold no personal data:
    /// database and I/O errors name tables and paths, not people).
    pub(crate) fn internal(error: &dyn std::fmt::Display) -> Self {
        tracing::error!(%error, "kesalahan internal");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "terjadi kesalahan di server kantor; coba lagi nanti",
        )
    }
}

impl From<OfficeError> for Failure {
    fn from(error: OfficeError) -> Self {
        Self::internal(&error)
    }
}

impl From<crate::store::StoreError> for Failure {
    fn from(error: crate::store::StoreError) -> Self {
        Self::internal(&error)
    }
}

impl From<tokio::task::JoinError> for Failure {
    fn from(error: tokio::task::JoinError) -> Self {
        Self::internal(&error)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut response = json_response(self.status, &self.error);
        if let Some(header) = self.header {
            let (name, value) = *header;
            response.headers_mut().insert(name, value);
        }
        response
    }
}

/// A JSON body with the right content type; serialising our own types cannot fail, but if it
/// did the client still gets valid JSON.
pub(crate) fn json_response<T: serde::Serialize>(status: StatusCode, body: &T) -> Response {
    let bytes = serde_json::to_vec(body)
        .unwrap_or_else(|_| br#"{"code":"internal","message":"gagal menyusun jawaban"}"#.to_vec());
    json_bytes(status, bytes)
}

/// Pre-serialised JSON (e.g. a stored receipt, sent back byte for byte).
pub(crate) fn json_bytes(status: StatusCode, bytes: impl Into<axum::body::Body>) -> Response {
    let mut response = (status, bytes.into()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The machine code for an error status produced outside our handlers (routing, limits).
pub(crate) fn code_for_status(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::NOT_FOUND => ("not_found", "alamat API tidak ada"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "metode HTTP ini tidak didukung di alamat ini",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "isi permintaan terlalu besar"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("content_type", "jenis isi permintaan tidak didukung")
        }
        StatusCode::UNAUTHORIZED => ("unauthorized", "perlu token perangkat"),
        s if s.is_server_error() => ("internal", "terjadi kesalahan di server kantor"),
        _ => ("bad_request", "permintaan tidak valid"),
    }
}
