//! The staff web's gates: anonymous visitors are sent to sign-in, every page and action
//! refuses a role that must not use it (403 page in Indonesian), every POST checks the CSRF
//! token, and the API keeps answering JSON.

use antar_office::Role;
use common::TestServer;
use common::web::{Browser, PASSWORD, user};

use crate::common;

/// Every page (GET) with a role that must be refused.
const PAGES: &[(&str, Role)] = &[
    ("/dokumen", Role::Viewer),
    ("/dokumen", Role::Reviewer),
    ("/impor", Role::Reviewer),
    ("/ba", Role::Viewer),
    ("/ba/baru", Role::Reviewer),
    ("/ba/0190f2c8-7a1e-7000-8000-000000000000", Role::Viewer),
    (
        "/ba/0190f2c8-7a1e-7000-8000-000000000000/cetak",
        Role::Reviewer,
    ),
    (
        "/ba/0190f2c8-7a1e-7000-8000-000000000000/kembali",
        Role::Viewer,
    ),
    ("/pengembalian/x/cetak", Role::Reviewer),
    ("/bukti", Role::Operator),
    ("/bukti", Role::Viewer),
    ("/bukti/1", Role::Operator),
    ("/bukti/1/foto", Role::Viewer),
    ("/tindak-lanjut", Role::Reviewer),
    ("/tindak-lanjut/1", Role::Viewer),
    ("/kontak", Role::Viewer),
    ("/pengguna", Role::Operator),
    ("/kurir", Role::Operator),
    ("/audit", Role::Operator),
    ("/audit", Role::Reviewer),
    ("/kunjungan", Role::Reviewer),
    ("/kunjungan", Role::Viewer),
    ("/kunjungan/baru", Role::Reviewer),
    (
        "/kunjungan/0190f2c8-7a1e-7000-8000-000000000001",
        Role::Viewer,
    ),
    (
        "/kunjungan/0190f2c8-7a1e-7000-8000-000000000001/ubah",
        Role::Reviewer,
    ),
    (
        "/kunjungan/0190f2c8-7a1e-7000-8000-000000000001/foto/00",
        Role::Viewer,
    ),
];

/// Every action (POST) with a role that must be refused.
const ACTIONS: &[(&str, Role)] = &[
    ("/ba", Role::Reviewer),
    (
        "/ba/0190f2c8-7a1e-7000-8000-000000000000/kembali",
        Role::Viewer,
    ),
    ("/pengembalian/x/hitung", Role::Viewer),
    ("/bukti/1", Role::Operator),
    ("/tindak-lanjut/1", Role::Reviewer),
    ("/kontak", Role::Viewer),
    ("/kontak/1/hapus", Role::Reviewer),
    ("/pengguna", Role::Operator),
    ("/pengguna/1/aktif", Role::Reviewer),
    ("/pengguna/1/sandi", Role::Viewer),
    ("/kurir", Role::Operator),
    (
        "/kurir/0190f2c8-7a1e-7000-8000-000000000000/kode",
        Role::Viewer,
    ),
    (
        "/kurir/0190f2c8-7a1e-7000-8000-000000000000/peran",
        Role::Operator,
    ),
    ("/kunjungan", Role::Viewer),
    (
        "/kunjungan/0190f2c8-7a1e-7000-8000-000000000001/ubah",
        Role::Reviewer,
    ),
    (
        "/kunjungan/0190f2c8-7a1e-7000-8000-000000000001/sasaran/hapus",
        Role::Reviewer,
    ),
    (
        "/kunjungan/0190f2c8-7a1e-7000-8000-000000000001/batal",
        Role::Viewer,
    ),
    (
        "/kunjungan/0190f2c8-7a1e-7000-8000-000000000001/ba",
        Role::Reviewer,
    ),
];

/// Pages every role may open.
const OPEN_TO_ALL: &[&str] = &[
    "/",
    "/standar",
    "/laporan",
    "/laporan.xlsx",
    "/kunjungan/laporan",
    "/kunjungan/laporan.xlsx",
];

#[test]
fn anonymous_visitors_are_sent_to_sign_in() {
    let server = TestServer::start();
    let browser = Browser::new(&server);
    for (path, _) in PAGES {
        let reply = browser.get(path);
        assert_eq!(reply.status, 303, "{path}");
        assert!(
            reply.location().starts_with("/masuk?ke=/"),
            "{path}: {}",
            reply.location()
        );
    }
    for path in OPEN_TO_ALL {
        assert_eq!(browser.get(path).status, 303, "{path}");
    }
    for (path, _) in ACTIONS {
        assert_eq!(browser.post_raw(path, &[]).status, 303, "{path}");
    }
    let upload = browser.upload("/impor", "a.csv", b"x", None);
    assert_eq!(upload.status, 303);
    server.stop();
}

#[test]
fn each_page_and_action_refuses_the_wrong_role() {
    let server = TestServer::start();
    let browsers: Vec<(Role, Browser)> = Role::ALL
        .into_iter()
        .map(|role| (role, Browser::signed_in(&server, role)))
        .collect();
    let as_role = |role: Role| &browsers.iter().find(|(r, _)| *r == role).unwrap().1;
    for (path, role) in PAGES {
        let text = as_role(*role).get(path).page(403);
        assert!(text.contains("Akses ditolak"), "{path} as {role:?}");
    }
    for (path, role) in ACTIONS {
        let text = as_role(*role).post(path, &[("nama", "x")]).page(403);
        assert!(text.contains("Akses ditolak"), "{path} as {role:?}");
    }
    let csrf = as_role(Role::Viewer).csrf.clone();
    let upload = as_role(Role::Viewer).upload("/impor", "a.csv", b"x", Some(&csrf));
    assert!(upload.page(403).contains("Akses ditolak"));
    for (role, browser) in &browsers {
        for path in OPEN_TO_ALL {
            assert_eq!(browser.get(path).status, 200, "{path} as {role:?}");
        }
    }
    // The menu shows only what the role may open.
    let viewer_home = as_role(Role::Viewer).get("/").page(200);
    assert!(!viewer_home.contains("href=\"/dokumen\""));
    assert!(viewer_home.contains("href=\"/laporan\""));
    let admin_home = as_role(Role::Admin).get("/").page(200);
    assert!(admin_home.contains("href=\"/pengguna\""));
    server.stop();
}

#[test]
fn every_post_needs_the_sessions_csrf_token() {
    let server = TestServer::start();
    let admin = Browser::signed_in(&server, Role::Admin);
    for (path, _) in ACTIONS.iter().chain(&[("/keluar", Role::Admin)]) {
        let missing = admin.post_raw(path, &[("nama", "x")]);
        assert!(missing.page(403).contains("Formulir tidak sah"), "{path}");
        let wrong = admin.post_raw(path, &[("csrf", "0000"), ("nama", "x")]);
        assert_eq!(wrong.status, 403, "{path}");
    }
    let upload = admin.upload("/impor", "a.csv", b"x", None);
    assert!(upload.page(403).contains("Formulir tidak sah"));
    // Another session's token does not work either.
    let other = Browser::signed_in(&server, Role::Operator);
    let foreign = admin.post_raw("/kurir", &[("csrf", &other.csrf), ("nama", "Kurir X")]);
    assert_eq!(foreign.status, 403);
    server.stop();
}

#[test]
fn sign_in_sets_a_strict_http_only_cookie_and_sign_out_ends_the_session() {
    let server = TestServer::start();
    let name = user(&server, Role::Operator);
    let mut browser = Browser::new(&server);
    let wrong = browser.sign_in(&name, "salah-sekali-ini");
    assert!(wrong.page(401).contains("kata sandi salah"));
    let unknown = browser.sign_in("tidak-ada", PASSWORD);
    assert_eq!(unknown.status, 401);
    let ok = browser.sign_in(&name, PASSWORD);
    assert_eq!(ok.status, 303);
    let cookie = ok
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("antar_sesi="))
        .unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "loopback tests use http: {cookie}"
    );
    assert_eq!(browser.get("/dokumen").status, 200);
    // Sign-in without the form's token is refused (login CSRF).
    let forged = browser.post_raw("/masuk", &[("username", &name), ("password", PASSWORD)]);
    assert_eq!(forged.status, 403);
    let out = browser.post("/keluar", &[]);
    assert_eq!(out.status, 303);
    assert_eq!(
        browser.get("/dokumen").status,
        303,
        "the old cookie is dead"
    );
    // An open redirect through ?ke= is not followed.
    let mut again = Browser::new(&server);
    let page = again.get("/masuk?ke=//evil.example");
    assert!(page.page(200).contains("value=\"/\""));
    again.sign_in(&name, PASSWORD);
    server.stop();
}

/// Guessing one account's password pauses that account, even for its right password, with the
/// wait in Indonesian; other accounts sign in as usual.
#[test]
fn wrong_passwords_pause_only_that_account() {
    let server = TestServer::start();
    let guessed = user(&server, Role::Operator);
    let other = user(&server, Role::Reviewer);
    let mut browser = Browser::new(&server);
    for n in 0..10 {
        let wrong = browser.sign_in(&guessed, &format!("tebakan-{n}"));
        assert_eq!(wrong.status, 401, "try {n}");
    }
    let paused = browser.sign_in(&guessed.to_uppercase(), PASSWORD);
    assert!(
        paused.page(429).contains("Terlalu banyak kata sandi salah"),
        "{}",
        paused.text()
    );
    let wait: u64 = paused.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((800..=901).contains(&wait), "{wait}");
    assert_eq!(Browser::new(&server).sign_in(&other, PASSWORD).status, 303);
    server.stop();
}

/// Issue 13.6: one password tried across many accounts (a spray) was never slowed, since each
/// account saw one failure. After a few accounts the password itself is paused — even on the
/// account it would open — while other passwords sign in as usual.
#[test]
fn one_password_sprayed_across_accounts_is_paused() {
    let server = TestServer::start();
    let sprayed = "sandi-bersama-2026";
    let add = |name: &str, password: &str| {
        server
            .office()
            .add_staff_user(name, "Petugas", None, Role::Operator, password)
            .unwrap();
    };
    for n in 0..5 {
        add(&format!("petugas{n}"), PASSWORD);
    }
    add("korban", sprayed);
    add("lain", PASSWORD);
    let mut browser = Browser::new(&server);
    for n in 0..5 {
        assert_eq!(browser.sign_in(&format!("petugas{n}"), sprayed).status, 401);
    }
    let paused = browser.sign_in("korban", sprayed);
    assert!(
        paused.page(429).contains("Terlalu banyak"),
        "{}",
        paused.text()
    );
    assert_eq!(Browser::new(&server).sign_in("lain", PASSWORD).status, 303);
    server.stop();
}

#[test]
fn secure_cookies_when_configured() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let running = rt
        .block_on(antar_office::spawn_with(
            dir.path(),
            "127.0.0.1:0",
            antar_office::WebConfig {
                secure_cookies: true,
                public_url: None,
            },
        ))
        .unwrap();
    let reply = ureq::get(format!("{}/masuk", running.base_url()))
        .call()
        .unwrap();
    let cookie = reply
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.contains("; Secure"), "{cookie}");
    rt.block_on(running.stop());
}

#[test]
fn web_errors_are_html_and_the_api_stays_json() {
    let server = TestServer::start();
    let browser = Browser::signed_in(&server, Role::Operator);
    let missing = browser.get("/tidak-ada");
    assert!(missing.page(404).contains("Halaman ini tidak ada"));
    let bad = browser.get("/dokumen?kecamatan=xx");
    assert!(bad.page(400).contains("tidak dikenal"));
    let bad_age = browser.get("/dokumen?umur=-5");
    assert_eq!(bad_age.status, 400);
    let api = server.get("/api/v1/nowhere", None);
    assert_eq!(api.api_error(404).code, "not_found");
    let css = browser.get("/static/antar.css");
    assert_eq!(css.status, 200);
    assert!(css.header("cache-control").unwrap().contains("max-age"));
    assert!(css.text().contains("@page { size: A4"));
    server.stop();
}

/// After sign-in the browser goes only to one of the web's own pages: a `ke` that a browser
/// would read as another site (a tab, a newline or a backslash after the slash, an encoded
/// slash) or that names no page sends it home instead.
#[test]
fn sign_in_returns_only_to_the_webs_own_pages() {
    let server = TestServer::start();
    let name = user(&server, Role::Operator);
    let sign_in_to = |next: &str| {
        let mut browser = Browser::new(&server);
        let query = serde_urlencoded::to_string([("ke", next)]).unwrap();
        let page = browser.get(&format!("/masuk?{query}"));
        let html = page.page(200);
        let cookie = page
            .header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let token = common::web::csrf_in(&html).unwrap();
        let shown = html
            .split("name=\"ke\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_owned();
        browser.cookie = Some(cookie);
        let reply = browser.post_raw(
            "/masuk",
            &[
                ("csrf", &token),
                ("username", &name),
                ("password", PASSWORD),
                ("ke", next),
            ],
        );
        assert_eq!(reply.status, 303, "{next}");
        (shown, reply.location())
    };
    for hostile in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r/evil.example",
        "/\\/evil.example",
        "/\\\\evil.example",
        "//evil.example",
        "https://evil.example/",
        "/ /evil.example",
        "/evil.example",
        "/ba/../../evil",
        "/dokumen\0",
        "/%2f/evil.example",
    ] {
        let (shown, location) = sign_in_to(hostile);
        assert_eq!((shown.as_str(), location.as_str()), ("/", "/"), "{hostile}");
    }
    for own in [
        "/dokumen?status=gagal&kecamatan=18.06.01",
        "/ba/3",
        "/bukti/12",
        "/",
    ] {
        let (shown, location) = sign_in_to(own);
        assert_eq!(shown.replace("&#38;", "&"), own, "the form carries it");
        assert_eq!(location, own);
    }
    server.stop();
}

/// Every answer — pages, downloads, errors, the sign-in form and the API — forbids framing,
/// sniffing and referrers and carries a policy without inline script or style; all but the
/// stylesheet and script are never cached, for they hold personal data.
#[test]
fn every_answer_carries_the_security_headers() {
    let server = TestServer::start();
    let admin = Browser::signed_in(&server, Role::Admin);
    let courier = common::courier_with_manifest(&server, "Kurir Header", "18.06.01");
    let stranger = Browser::new(&server);
    let mut answers = Vec::new();
    for path in [
        "/",
        "/dokumen",
        "/ba",
        "/ba/1",
        "/ba/1/cetak",
        "/bukti",
        "/tindak-lanjut",
        "/kontak",
        "/standar",
        "/laporan",
        "/laporan.xlsx",
        "/pengguna",
        "/kurir",
        "/audit",
        "/tidak-ada",
    ] {
        answers.push((path.to_owned(), admin.get(path)));
    }
    answers.push(("/masuk".to_owned(), stranger.get("/masuk")));
    answers.push(("/dokumen (signed out)".to_owned(), stranger.get("/dokumen")));
    for path in ["/api/v1/manifests", "/api/v1/health", "/api/v1/nowhere"] {
        answers.push((path.to_owned(), server.get(path, Some(&courier.token))));
    }
    for (path, reply) in &answers {
        let csp = reply.header("content-security-policy").unwrap_or_default();
        for directive in [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        for (name, value) in [
            ("x-frame-options", "DENY"),
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "same-origin"),
            ("cache-control", "no-store"),
        ] {
            assert_eq!(reply.header(name).as_deref(), Some(value), "{path}: {name}");
        }
    }
    let css = admin.get("/static/antar.css");
    assert_eq!(
        css.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert!(css.header("cache-control").unwrap().contains("max-age"));
    // What the policy forbids is nowhere in the pages (a browser would refuse it silently).
    for (path, reply) in answers.iter().filter(|(_, r)| {
        r.header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    }) {
        let html = reply.text();
        assert!(!html.contains(" style="), "{path}: an inline style");
        assert!(!html.contains("<style"), "{path}: a style element");
        assert!(
            html.matches("<script").count() == html.matches("<script src=\"/static/").count(),
            "{path}: an inline script"
        );
        assert!(
            !has_inline_handler(&html),
            "{path}: an inline event handler"
        );
    }
    server.stop();
}

/// Whether an attribute like ` onclick=` appears.
fn has_inline_handler(html: &str) -> bool {
    html.match_indices(" on").any(|(at, _)| {
        let name: String = html[at + 3..]
            .chars()
            .take_while(char::is_ascii_lowercase)
            .collect();
        !name.is_empty() && html[at + 3 + name.len()..].starts_with('=')
    })
}
