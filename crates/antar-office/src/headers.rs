//! The security headers on every answer of the office, API and staff web alike.
//!
//! Pages carry NIKs, names and addresses, so nothing may be cached, framed, sniffed or leak a
//! URL to another site; the web uses no inline script or style, so its policy allows none.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Only the office's own files; no inline script or style, no plugins, no framing, forms post
/// only to the office. Photos and the map are served by the office (`img-src 'self'`); the QR
/// code and the map are inline SVG elements, which need nothing.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

const ALWAYS: [(HeaderName, &str); 5] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    // The office's own pages learn where a user came from (an error page links back there);
    // no other site ever gets a URL of the office (a WhatsApp or map link sends none).
    (header::REFERRER_POLICY, "same-origin"),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
];

/// Adds the headers; an answer that set its own `Cache-Control` (the stylesheet, a photo)
/// keeps it, every other one is `no-store`.
pub(crate) async fn add(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    stamp(response.headers_mut());
    response
}

fn stamp(headers: &mut HeaderMap) {
    for (name, value) in ALWAYS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}
