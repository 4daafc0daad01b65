//! Errors of the staff web, answered as HTML pages in Indonesian (never the API's JSON):
//! what was wrong and what to do. Internal details go to the log, never to the page.

use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{render, strings};
use crate::error::OfficeError;

#[derive(Debug)]
pub(crate) enum WebError {
    /// Not signed in: go to the sign-in page, then back to this path.
    SignIn(String),
    /// Signed in, but the role may not do this.
    Forbidden,
    /// The form's CSRF token is missing or wrong.
    Csrf,
    BadRequest(String),
    NotFound(String),
    Internal,
}

impl From<OfficeError> for WebError {
    fn from(error: OfficeError) -> Self {
        match error {
            OfficeError::InvalidRequest(m) => Self::BadRequest(m),
            e @ (OfficeError::EmptySelection(_)
            | OfficeError::Headers(_)
            | OfficeError::ImportFile { .. }
            | OfficeError::UnknownCourier(_)
            | OfficeError::CourierDeactivated(_)
            | OfficeError::WrongFieldRole { .. }
            | OfficeError::VisitNotPlanned { .. }) => Self::BadRequest(e.to_string()),
            e @ (OfficeError::UnknownManifest(_)
            | OfficeError::UnknownDevice(_)
            | OfficeError::UnknownVisit(_)
            | OfficeError::UnknownReturn(_)) => Self::NotFound(e.to_string()),
            other => {
                // Database and I/O errors name tables and paths, never people.
                tracing::error!(error = %other, "kesalahan internal halaman web");
                Self::Internal
            }
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, message) = match self {
            Self::SignIn(next) => {
                let target = format!("/masuk?ke={}", urlencode(&next));
                let mut response = StatusCode::SEE_OTHER.into_response();
                if let Ok(value) = HeaderValue::from_str(&target) {
                    response.headers_mut().insert(header::LOCATION, value);
                }
                return response;
            }
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                strings::FORBIDDEN_TITLE,
                strings::FORBIDDEN_TEXT.to_owned(),
            ),
            Self::Csrf => (
                StatusCode::FORBIDDEN,
                strings::CSRF_TITLE,
                strings::CSRF_TEXT.to_owned(),
            ),
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, strings::BAD_REQUEST_TITLE, m),
            Self::NotFound(m) => (StatusCode::NOT_FOUND, strings::NOT_FOUND_TITLE, m),
            Self::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                strings::INTERNAL_TITLE,
                strings::INTERNAL_TEXT.to_owned(),
            ),
        };
        let mut response = (status, render::error_page(title, &message, None)).into_response();
        // `keep_place` renders it again with a way back to where the user was.
        response
            .extensions_mut()
            .insert(ErrorShown { title, message });
        response
    }
}

/// An error page's words, kept on the response for [`keep_place`].
#[derive(Clone, Debug)]
pub(crate) struct ErrorShown {
    title: &'static str,
    message: String,
}

/// Gives an error page a link back to the page the user was on: the page that sent them here
/// (the Referer, when it is one of this office's own pages), else the page a form was posted
/// to; the home page when neither is known.
pub(crate) async fn keep_place(request: Request, next: Next) -> Response {
    let back = back_target(&request);
    let mut response = next.run(request).await;
    let Some(shown) = response.extensions_mut().remove::<ErrorShown>() else {
        return response;
    };
    let status = response.status();
    (
        status,
        render::error_page(shown.title, &shown.message, back.as_deref()),
    )
        .into_response()
}

fn back_target(request: &Request) -> Option<String> {
    let host = request.headers().get(header::HOST)?.to_str().ok()?;
    let referred = request
        .headers()
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| rest.strip_prefix(host))
        .filter(|path| super::is_own_page(path))
        .map(str::to_owned);
    let posted_to = (request.method() == Method::POST)
        .then(|| request.uri().path())
        .filter(|path| super::is_own_page(path))
        .map(str::to_owned);
    referred.or(posted_to)
}

/// Percent-encodes a path for a query parameter.
pub(crate) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
