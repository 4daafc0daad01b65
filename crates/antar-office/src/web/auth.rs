//! Who is signed in and what they may do: session cookies (HttpOnly, SameSite=Strict, Secure
//! over HTTPS), roles mapped to permissions, and the CSRF check every POST goes through.

use antar_domain::ids::Sha256Hash;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use super::form::Fields;
use super::{Web, WebError, blocking};
use crate::store::StaffUser;

pub(crate) const SESSION_COOKIE: &str = "antar_sesi";
/// Before sign-in there is no session: the sign-in form's CSRF token is double-submitted
/// through this short-lived cookie instead.
pub(crate) const LOGIN_COOKIE: &str = "antar_masuk";
/// A session lasts one working day and a bit.
pub(crate) const SESSION_HOURS: i64 = 12;
/// Form bodies are small; the import upload has its own limit.
const MAX_FORM_BYTES: usize = 256 * 1024;

pub(crate) use crate::office::Perm;

/// The signed-in staff member of this request.
#[derive(Clone, Debug)]
pub(crate) struct Staff {
    pub(crate) user: StaffUser,
    pub(crate) csrf: String,
    pub(crate) token_hash: String,
}

impl Staff {
    pub(crate) fn require(&self, perm: Perm) -> Result<(), WebError> {
        if perm.allows(self.user.role) {
            Ok(())
        } else {
            tracing::info!(user = self.user.id.get(), ?perm, "akses ditolak");
            Err(WebError::Forbidden)
        }
    }
}

pub(crate) fn token_hash(token: &str) -> String {
    Sha256Hash::of(token.as_bytes()).to_hex()
}

/// 32 random bytes as hex: session tokens and CSRF tokens.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes[..]);
    hex::encode(bytes)
}

pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value; `max_age` 0 deletes the cookie.
pub(crate) fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

/// Compares tokens without stopping at the first difference.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Where to come back to after signing in: only a local path.
fn return_path(parts: &Parts) -> String {
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    if parts.method == axum::http::Method::GET && path.starts_with('/') && !path.starts_with("//") {
        path.to_owned()
    } else {
        "/".to_owned()
    }
}

impl FromRequestParts<Web> for Staff {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, WebError> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(WebError::SignIn(return_path(parts)));
        };
        let hash = token_hash(token);
        let office = web.office.clone();
        let lookup = hash.clone();
        let session = blocking(move || office.session(&lookup)).await?;
        match session {
            Some(session) => Ok(Staff {
                user: session.user,
                csrf: session.csrf,
                token_hash: hash,
            }),
            None => Err(WebError::SignIn(return_path(parts))),
        }
    }
}

/// A form POST from a signed-in staff member whose CSRF token matched.
#[derive(Debug)]
pub(crate) struct Post {
    pub(crate) staff: Staff,
    pub(crate) fields: Fields,
}

impl FromRequest<Web> for Post {
    type Rejection = WebError;

    async fn from_request(req: Request, web: &Web) -> Result<Self, WebError> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, web).await?;
        let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
            .await
            .map_err(|_| WebError::BadRequest(super::strings::FORM_TOO_LARGE.to_owned()))?;
        let fields = Fields::parse(&bytes);
        if !same_token(fields.get("csrf").unwrap_or(""), &staff.csrf) {
            tracing::warn!(user = staff.user.id.get(), "token CSRF tidak cocok");
            return Err(WebError::Csrf);
        }
        Ok(Post { staff, fields })
    }
}

/// Writes the audit log entry for an action. Ids and counts only.
pub(crate) async fn audit(
    web: &Web,
    staff: &Staff,
    action: &'static str,
    object: Option<String>,
    detail: Option<String>,
) -> Result<(), WebError> {
    let office = web.office.clone();
    let user = staff.user.clone();
    blocking(move || {
        office.audit(
            Some(&user),
            &user.username,
            action,
            object.as_deref(),
            detail.as_deref(),
        )
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_fully() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("", ""));
        assert!(!same_token("ab", "abc"));
    }
}
