//! Content codings on the API (protocol v1, by addition): a request body may come gzipped
//! (`Content-Encoding: gzip`) and is opened here under the route's own limit, so the limit
//! counts the bytes the handler reads, not the bytes on the wire; an answer is gzipped for a
//! client that sent `Accept-Encoding: gzip`; and every answer says `Accept-Encoding: gzip`
//! (RFC 7694), which is how a phone learns that it may gzip what it sends. A phone from
//! before sends plain bodies and no `Accept-Encoding`, and gets plain answers, as always.
//!
//! gzip rather than zstd: flate2 is already built for ureq and the spreadsheet readers, every
//! HTTP stack speaks it, and on a batch of a hundred events it already takes the body to a
//! fifth; zstd would bring a C library to the phone builds for a few percent more.

use std::io::{Read, Write};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use super::error::Failure;

/// Below this an answer goes plain: gzip's own 20 bytes and the `Content-Encoding` and `Vary`
/// headers would eat what it saves.
const MIN_GZIP_BYTES: usize = 384;

/// An answer above this is gzipped on the blocking pool.
const BIG_ANSWER_BYTES: usize = 64 * 1024;

/// How a request body is coded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BodyCoding {
    Plain,
    Gzip,
}

impl BodyCoding {
    /// The body's coding, or a 415 naming the one coding the office reads.
    pub(super) fn of(headers: &HeaderMap) -> Result<Self, Failure> {
        let mut coding = Self::Plain;
        for value in headers.get_all(header::CONTENT_ENCODING) {
            for token in value.to_str().unwrap_or("?").split(',') {
                match token.trim().to_ascii_lowercase().as_str() {
                    "" | "identity" => {}
                    "gzip" | "x-gzip" if coding == Self::Plain => coding = Self::Gzip,
                    _ => {
                        let shown: String =
                            value.to_str().unwrap_or("?").chars().take(40).collect();
                        return Err(Failure::new(
                            StatusCode::UNSUPPORTED_MEDIA_TYPE,
                            "content_encoding",
                            format!(
                                "Content-Encoding {shown:?} tidak didukung: kirim isi biasa \
                                 atau gzip"
                            ),
                        ));
                    }
                }
            }
        }
        Ok(coding)
    }

    /// The body as the handler reads it: a gzip body opened, refused once it would pass
    /// `limit` (so a small bomb never takes more than `limit` bytes of memory).
    pub(super) fn open(self, body: Bytes, limit: usize) -> Result<Bytes, Failure> {
        match self {
            Self::Plain => Ok(body),
            Self::Gzip => gunzip(&body, limit).map(Bytes::from),
        }
    }
}

fn gunzip(body: &[u8], limit: usize) -> Result<Vec<u8>, Failure> {
    let mut opened = Vec::with_capacity(body.len().saturating_mul(4).min(limit));
    let read = GzDecoder::new(body)
        .take(limit as u64 + 1)
        .read_to_end(&mut opened);
    match read {
        Ok(_) if opened.len() > limit => Err(Failure::too_large(
            limit,
            "isi permintaan setelah gzip dibuka",
        )),
        Ok(_) => Ok(opened),
        Err(error) => Err(Failure::bad_request(
            "bad_gzip",
            format!("isi permintaan bertanda gzip tetapi tidak dapat dibuka: {error}"),
        )),
    }
}

/// Whether the client takes gzip answers (`Accept-Encoding: gzip`, not `gzip;q=0`).
pub(super) fn accepts_gzip(headers: &HeaderMap) -> bool {
    antar_domain::wire::accept_encoding_names_gzip(
        headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok()),
        true,
    )
}

/// Says on an API answer that the office reads gzip bodies, and gzips the answer itself when
/// the client takes it and it is worth it. Only JSON is gzipped: the API's answers are all
/// in memory already, small enough to code in one go.
pub(super) async fn finish(response: Response, gzip_answer: bool) -> Response {
    let mut response = response;
    response
        .headers_mut()
        .insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !gzip_answer || !is_json || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => return Failure::internal(&error).into_response(),
    };
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if bytes.len() < MIN_GZIP_BYTES {
        return Response::from_parts(parts, Body::from(bytes));
    }
    // A big BA takes milliseconds: off the runtime's threads, like the storage work.
    let packed = if bytes.len() > BIG_ANSWER_BYTES {
        super::blocking(move || gzip(&bytes)).await
    } else {
        gzip(&bytes)
    };
    let packed = match packed {
        Ok(packed) => packed,
        Err(failure) => return failure.into_response(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    Response::from_parts(parts, Body::from(packed))
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    let mut encoder = GzEncoder::new(
        Vec::with_capacity(bytes.len() / 4 + 64),
        Compression::default(),
    );
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|error| Failure::internal(&error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(name, HeaderValue::from_str(value).unwrap());
        map
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        let accepts = |v: &str| accepts_gzip(&headers(header::ACCEPT_ENCODING, v));
        assert!(accepts("gzip"));
        assert!(accepts("br, GZIP;q=0.5"));
        assert!(accepts("*"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("br, deflate"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn only_gzip_and_identity_are_read() {
        let coding = |v: &str| BodyCoding::of(&headers(header::CONTENT_ENCODING, v));
        assert_eq!(coding("gzip").unwrap(), BodyCoding::Gzip);
        assert_eq!(coding("identity").unwrap(), BodyCoding::Plain);
        assert_eq!(
            coding("br").unwrap_err().status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        // Twice gzipped is not what a phone sends.
        assert!(coding("gzip, gzip").is_err());
        assert_eq!(
            BodyCoding::of(&HeaderMap::new()).unwrap(),
            BodyCoding::Plain
        );
    }

    #[test]
    fn a_gzip_body_opens_up_to_its_limit_and_no_further() {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(&vec![b' '; 10_001]).unwrap();
        let bomb = Bytes::from(encoder.finish().unwrap());
        assert!(bomb.len() < 200);
        assert_eq!(
            BodyCoding::Gzip.open(bomb.clone(), 10_001).unwrap().len(),
            10_001
        );
        let refused = BodyCoding::Gzip.open(bomb, 10_000).unwrap_err();
        assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
        let garbage = BodyCoding::Gzip
            .open(Bytes::from_static(b"{\"events\":[]}"), 10_000)
            .unwrap_err();
        assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
        assert_eq!(garbage.error.code, "bad_gzip");
    }
}
