//! Sign-in and sign-out. The sign-in form is protected against CSRF by a double-submitted
//! token (cookie + hidden field), since there is no session yet.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use dioxus::prelude::*;

use super::{query, see_other};
use crate::passwords;
use crate::web::auth::{self, LOGIN_COOKIE, Post, SESSION_COOKIE, SESSION_HOURS};
use crate::web::components::layout::Bare;
use crate::web::form::Fields;
use crate::web::render;
use crate::web::{Web, WebError, blocking, strings};

/// The sign-in form's token lives this long.
const LOGIN_COOKIE_SECONDS: i64 = 30 * 60;

pub(crate) async fn get(State(web): State<Web>, RawQuery(raw): RawQuery) -> Response {
    let next = safe_next(query(raw).get("ke"));
    login_page(&web, next, None, StatusCode::OK)
}

fn login_page(web: &Web, next: String, error: Option<String>, status: StatusCode) -> Response {
    let token = auth::random_token();
    let html = render::page(
        LoginPage,
        LoginPageProps {
            token: token.clone(),
            next,
            error,
        },
    );
    let mut response = (status, html).into_response();
    let cookie = auth::set_cookie(
        LOGIN_COOKIE,
        &token,
        LOGIN_COOKIE_SECONDS,
        web.config.secure_cookies,
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Only the web's own pages are followed after sign-in (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(page) if crate::web::is_own_page(page) => page.to_owned(),
        _ => "/".to_owned(),
    }
}

pub(crate) async fn post(
    State(web): State<Web>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let fields = Fields::parse(&body);
    let cookie_token = auth::cookie(&headers, LOGIN_COOKIE).unwrap_or("");
    if !auth::same_token(fields.get("csrf").unwrap_or(""), cookie_token) {
        return Ok(login_page(
            &web,
            safe_next(fields.get("ke")),
            Some(strings::LOGIN_EXPIRED.to_owned()),
            StatusCode::FORBIDDEN,
        ));
    }
    let username: String = fields
        .get("username")
        .unwrap_or("")
        .chars()
        .take(64)
        .collect();
    let password = fields.get("password").unwrap_or("").to_owned();
    let next = safe_next(fields.get("ke"));
    let office = web.office.clone();
    let (name, tried_password) = (username.clone(), password.clone());
    // A limit the store cannot read refuses (the error page), never lets the try through.
    let paused = blocking(move || office.sign_in_paused(&name, &tried_password)).await?;
    if let Err(wait) = paused {
        // Not even verified: the password may be right, but guesses must learn nothing.
        tracing::warn!(
            wait_s = wait.as_secs(),
            "masuk ditahan: terlalu banyak sandi salah"
        );
        let mut page = login_page(
            &web,
            next,
            Some(strings::login_paused(wait)),
            StatusCode::TOO_MANY_REQUESTS,
        );
        page.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs() + 1));
        return Ok(page);
    }
    let office = web.office.clone();
    let name = username.clone();
    let tried_password = password.clone();
    let user = blocking(move || {
        let found = office.staff_credentials(&name)?;
        // Verify even for unknown names, so timing does not tell which names exist.
        let hash = found
            .as_ref()
            .map(|(_, h)| h.as_str())
            .unwrap_or(passwords::dummy_hash());
        let ok = passwords::verify(&password, hash);
        Ok(found.filter(|_| ok).map(|(user, _)| user))
    })
    .await?;
    let Some(user) = user else {
        let office = web.office.clone();
        blocking(move || {
            office.sign_in_failed(&username, &tried_password)?;
            office.audit(None, &username, "masuk_gagal", None, None)
        })
        .await?;
        return Ok(login_page(
            &web,
            next,
            Some(strings::LOGIN_FAILED.to_owned()),
            StatusCode::UNAUTHORIZED,
        ));
    };
    let token = auth::random_token();
    let csrf = auth::random_token();
    let hash = auth::token_hash(&token);
    let office = web.office.clone();
    let signed_in = user.clone();
    blocking(move || {
        office.sign_in_succeeded(&username)?;
        office.create_session(
            &hash,
            signed_in.id,
            &csrf,
            Utc::now() + Duration::hours(SESSION_HOURS),
        )?;
        office.audit(
            Some(&signed_in),
            &signed_in.username,
            "masuk",
            Some(&format!("pengguna:{}", signed_in.id)),
            None,
        )
    })
    .await?;
    tracing::info!(user = user.id.get(), "staf masuk");
    let mut response = see_other(&next);
    let secure = web.config.secure_cookies;
    for cookie in [
        auth::set_cookie(SESSION_COOKIE, &token, SESSION_HOURS * 3600, secure),
        auth::set_cookie(LOGIN_COOKIE, "", 0, secure),
    ] {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

pub(crate) async fn sign_out(State(web): State<Web>, post: Post) -> Result<Response, WebError> {
    let staff = post.staff;
    let office = web.office.clone();
    let hash = staff.token_hash.clone();
    blocking(move || office.delete_session(&hash)).await?;
    auth::audit(
        &web,
        &staff,
        "keluar",
        Some(format!("pengguna:{}", staff.user.id)),
        None,
    )
    .await?;
    let mut response = see_other("/masuk");
    let cookie = auth::set_cookie(SESSION_COOKIE, "", 0, web.config.secure_cookies);
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[component]
fn LoginPage(token: String, next: String, error: Option<String>) -> Element {
    rsx! {
        Bare { title: strings::LOGIN_TITLE.to_owned(),
            main { class: "narrow login",
                p { class: "kab", "{strings::GOVERNMENT}" }
                h1 { "{strings::OFFICE}" }
                h2 { "{strings::LOGIN_TITLE}" }
                if let Some(error) = error {
                    p { class: "error", role: "alert", "{error}" }
                }
                form { method: "post", action: "/masuk",
                    input { r#type: "hidden", name: "csrf", value: "{token}" }
                    input { r#type: "hidden", name: "ke", value: "{next}" }
                    label { r#for: "username", "{strings::USERNAME}" }
                    input {
                        id: "username",
                        name: "username",
                        autocomplete: "username",
                        required: true,
                        autofocus: true,
                    }
                    label { r#for: "password", "{strings::PASSWORD}" }
                    input {
                        id: "password",
                        name: "password",
                        r#type: "password",
                        autocomplete: "current-password",
                        required: true,
                    }
                    button { r#type: "submit", class: "primary", "{strings::SIGN_IN}" }
                }
                p { class: "muted", "{strings::LOGIN_HINT}" }
            }
        }
    }
}
