//! Request extractors whose every refusal is an [`ApiError`](antar_domain::wire::ApiError)
//! JSON answer: a JSON body with a size limit and errors that name line, column and field, the
//! bearer-token device, and path ids.

use std::str::FromStr;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use chrono::Utc;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::error::Category;

use super::encoding::BodyCoding;
use super::error::Failure;
use crate::office::Office;
use crate::store::DeviceAuth;

/// A JSON body of at most `LIMIT` bytes, parsed into `T`.
#[derive(Debug)]
pub(crate) struct JsonBody<T, const LIMIT: usize>(pub(crate) T);

impl<S, T, const LIMIT: usize> FromRequest<S> for JsonBody<T, LIMIT>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Failure;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Failure> {
        let bytes = read_body::<LIMIT>(req, true).await?;
        parse_json(&bytes).map(JsonBody)
    }
}

/// The body of at most `LIMIT` bytes, opened if it came gzipped (`LIMIT` counts the opened
/// bytes); `json` also checks the content type.
pub(crate) async fn read_body<const LIMIT: usize>(
    req: Request,
    json: bool,
) -> Result<Bytes, Failure> {
    if json && let Some(content_type) = req.headers().get(header::CONTENT_TYPE) {
        let media = content_type.to_str().unwrap_or("").to_ascii_lowercase();
        let media = media.split(';').next().unwrap_or("").trim().to_owned();
        if media != "application/json" && !media.ends_with("+json") {
            return Err(Failure::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "content_type",
                format!("isi permintaan harus application/json, bukan {media:?}"),
            ));
        }
    }
    // Before the length: a coding the office cannot read is refused as such.
    let coding = BodyCoding::of(req.headers())?;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > LIMIT as u64) {
        return Err(Failure::too_large(LIMIT, "isi permintaan"));
    }
    // A gzip body is at most `LIMIT` on the wire too: JSON shrinks, it never grows.
    let body = axum::body::to_bytes(req.into_body(), LIMIT)
        .await
        // With the length checked above, failing here means a streamed body ran past the
        // limit (or the client hung up, in which case nobody reads the answer).
        .map_err(|_| Failure::too_large(LIMIT, "isi permintaan"))?;
    // The limit holds for what the handler reads: the body once opened.
    coding.open(body, LIMIT)
}

/// Parses JSON, turning serde's error into a message that says where and what.
pub(crate) fn parse_json<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, Failure> {
    // Plain serde_json first: tracking the field path costs about a third of the parse on
    // every request, and it is only needed to word the refusal of a bad body.
    if let Ok(value) = serde_json::from_slice(bytes) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| describe_json_error(&e.path().to_string(), e.inner()))?;
    de.end().map_err(|e| describe_json_error("", &e))?;
    Ok(value)
}

fn describe_json_error(path: &str, inner: &serde_json::Error) -> Failure {
    let (code, what) = match inner.classify() {
        Category::Data => ("json_invalid", "isi JSON tidak sesuai"),
        Category::Syntax | Category::Eof | Category::Io => ("json_syntax", "JSON tidak valid"),
    };
    let detail = inner.to_string();
    let suffix = format!(" at line {} column {}", inner.line(), inner.column());
    let detail = detail.strip_suffix(&suffix).unwrap_or(&detail);
    let field = if path == "." || path.is_empty() {
        String::new()
    } else {
        format!(", medan `{path}`")
    };
    Failure::bad_request(
        code,
        format!(
            "{what} (baris {}, kolom {}{field}): {detail}",
            inner.line(),
            inner.column()
        ),
    )
}

/// A device that may read (its courier's manifests): enrolled and not revoked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Authed(pub(crate) DeviceAuth);

impl FromRequestParts<Office> for Authed {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, office: &Office) -> Result<Self, Failure> {
        let device = bearer_device(parts, office)?;
        if !device.access.may_read() {
            return Err(Failure::device_revoked(
                "perangkat ini sudah dicabut kantor: BA tidak dapat diunduh lagi; catatan yang \
                 belum diterima kantor masih bisa dikirim selama masa unggah. Hubungi kantor",
            ));
        }
        Ok(Authed(device))
    }
}

/// A device that may send events and photos: enrolled, or revoked and still within the
/// upload grace staff gave it (so proof recorded before the revoke still arrives).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Uploader(pub(crate) DeviceAuth);

impl FromRequestParts<Office> for Uploader {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, office: &Office) -> Result<Self, Failure> {
        let device = bearer_device(parts, office)?;
        if !device.access.may_upload(Utc::now()) {
            return Err(Failure::device_revoked(
                "perangkat ini sudah dicabut kantor dan masa unggahnya sudah berakhir; \
                 hubungi kantor untuk catatan yang belum diterima kantor",
            ));
        }
        Ok(Uploader(device))
    }
}

/// The device of the bearer token (from the in-memory cache), revoked or not.
fn bearer_device(parts: &Parts, office: &Office) -> Result<DeviceAuth, Failure> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Err(Failure::unauthorized(
            "header Authorization: Bearer <token> wajib ada; daftarkan perangkat dulu",
        ));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .unwrap_or("");
    match office.authenticate(token) {
        Some(device) if !token.is_empty() => Ok(device),
        _ => Err(Failure::unauthorized(
            "token perangkat tidak dikenal; daftarkan ulang perangkat dengan kode baru",
        )),
    }
}

/// Parses a path segment as an id, or answers 400 naming what was expected.
pub(crate) fn path_id<T: FromStr>(raw: &str, what: &str) -> Result<T, Failure> {
    raw.parse().map_err(|_| {
        let shown: String = raw.chars().take(80).collect();
        Failure::bad_request("bad_id", format!("{what} tidak valid: {shown:?}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        inner: Vec<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
    }

    #[test]
    fn json_errors_name_line_column_and_field() {
        let error = parse_json::<Outer>(b"{\"inner\": [{\"n\": 1}, {\"n\": \"x\"}]}").unwrap_err();
        assert_eq!(error.error.code, "json_invalid");
        assert!(
            error.error.message.contains("inner[1].n"),
            "{}",
            error.error.message
        );
        assert!(
            error.error.message.contains("baris 1"),
            "{}",
            error.error.message
        );

        let error = parse_json::<Outer>(b"{\"inner\": [").unwrap_err();
        assert_eq!(error.error.code, "json_syntax");
        let error = parse_json::<Outer>(b"{\"inner\": []} trailing").unwrap_err();
        assert_eq!(error.error.code, "json_syntax");
    }
}
