//! A browser without JavaScript for the staff web: cookies, the CSRF token taken from the
//! page's forms, redirects not followed (tests check them), multipart uploads.

use super::{Reply, TestServer};
use antar_office::Role;

pub const PASSWORD: &str = "sandi-uji-panjang";
/// The NIP that signs the tests' BAs.
pub const SIGNER_NIP: &str = "19850412 201001 2 003";

pub struct Browser {
    pub base: String,
    agent: ureq::Agent,
    pub cookie: Option<String>,
    pub csrf: String,
}

/// Creates a staff account with `role`, named after the role.
pub fn user(server: &TestServer, role: Role) -> String {
    let name = format!("uji-{}", role.code());
    server
        .office()
        .add_staff_user(
            &name,
            &format!("Petugas {}", role.code()),
            Some("19800101"),
            role,
            PASSWORD,
        )
        .unwrap();
    name
}

/// The value of `name="csrf"` in the page, if any.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\"")?;
    let rest = &html[at..];
    let value = rest.find("value=\"")? + 7;
    let end = rest[value..].find('"')?;
    Some(rest[value..value + end].to_owned())
}

fn cookie_from(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

impl Browser {
    pub fn new(server: &TestServer) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Self {
            base: server.url.clone(),
            agent,
            cookie: None,
            csrf: String::new(),
        }
    }

    /// Signs in as a new account with `role`.
    pub fn signed_in(server: &TestServer, role: Role) -> Self {
        let name = user(server, role);
        let mut browser = Self::new(server);
        let reply = browser.sign_in(&name, PASSWORD);
        assert_eq!(reply.status, 303, "{}", reply.text());
        browser
    }

    pub fn sign_in(&mut self, name: &str, password: &str) -> Reply {
        let page = self.get("/masuk");
        assert_eq!(page.status, 200);
        let login_cookie = cookie_from(&page, "antar_masuk").expect("sign-in cookie");
        let token = csrf_in(&page.text()).expect("sign-in token");
        self.cookie = Some(login_cookie);
        let reply = self.post_raw(
            "/masuk",
            &[("csrf", &token), ("username", name), ("password", password)],
        );
        if let Some(session) = cookie_from(&reply, "antar_sesi") {
            self.cookie = Some(session);
            let home = self.get("/");
            self.csrf = csrf_in(&home.text()).expect("csrf on the home page");
        }
        reply
    }

    fn run(&self, builder: ureq::http::request::Builder, body: Option<Vec<u8>>) -> Reply {
        self.try_run(builder, body).unwrap()
    }

    /// A GET, sent again once if the connection it went out on was closed under it: the
    /// server closes a connection after refusing a request whose body it did not read (an
    /// upload refused with 403), and a browser retries an idempotent request there too.
    fn run_get(&self, make: impl Fn() -> ureq::http::request::Builder) -> Reply {
        match self.try_run(make(), None) {
            Err(ureq::Error::Io(_)) => self.run(make(), None),
            other => other.unwrap(),
        }
    }

    fn try_run(
        &self,
        builder: ureq::http::request::Builder,
        body: Option<Vec<u8>>,
    ) -> Result<Reply, ureq::Error> {
        let mut builder = builder;
        if let Some(cookie) = &self.cookie {
            builder = builder.header("cookie", cookie);
        }
        let result = match body {
            Some(body) => self.agent.run(builder.body(body).unwrap()),
            None => self.agent.run(builder.body(()).unwrap()),
        };
        let mut response = result?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .unwrap();
        Ok(Reply {
            status,
            headers,
            body,
        })
    }

    pub fn get(&self, path: &str) -> Reply {
        self.run_get(|| {
            ureq::http::Request::builder()
                .method("GET")
                .uri(format!("{}{path}", self.base))
        })
    }

    /// A GET from a link on `from` (a path of this server), as a browser sends it.
    pub fn get_from(&self, path: &str, from: &str) -> Reply {
        self.run_get(|| {
            ureq::http::Request::builder()
                .method("GET")
                .uri(format!("{}{path}", self.base))
                .header("referer", format!("{}{from}", self.base))
        })
    }

    /// A form POST exactly as given (no CSRF token added).
    pub fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let builder = ureq::http::Request::builder()
            .method("POST")
            .uri(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded");
        self.run(builder, Some(body.into_bytes()))
    }

    /// Adds a courier through `/kurir`; the one-time enrollment code the page shows.
    pub fn add_courier(&self, name: &str, phone: &str) -> String {
        let page = self
            .post("/kurir", &[("nama", name), ("hp", phone)])
            .page(200);
        let at = page.find("class=\"code\">").expect("the new code") + 13;
        page[at..at + 9].to_owned()
    }

    /// Issues a BA Pengiriman for `courier` of the documents of `kecamatan`, dated `day`, through
    /// the form, signed by a staff member with a valid NIP; the form's answer.
    pub fn issue_ba(&self, courier: &str, kecamatan: &str, day: &str) -> Reply {
        self.post(
            "/ba",
            &[
                ("kurir", courier),
                ("petugas", "Kasi Pengiriman"),
                ("nip", SIGNER_NIP),
                ("tanggal", day),
                ("kecamatan", kecamatan),
            ],
        )
    }

    /// A form POST with the session's CSRF token.
    pub fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all)
    }

    /// A multipart upload of one file in field `berkas`, with the CSRF token unless `csrf` is
    /// `None`.
    pub fn upload(&self, path: &str, file_name: &str, bytes: &[u8], csrf: Option<&str>) -> Reply {
        let boundary = "antarbatasuji7d3f";
        let mut body = Vec::new();
        if let Some(token) = csrf {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"berkas\"; \
                 filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let builder = ureq::http::Request::builder()
            .method("POST")
            .uri(format!("{}{path}", self.base))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            );
        self.run(builder, Some(body))
    }
}

impl Reply {
    pub fn location(&self) -> String {
        self.header("location").unwrap_or_default()
    }

    /// Asserts an HTML page with `status`.
    pub fn page(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.text());
        let content_type = self.header("content-type").unwrap_or_default();
        assert!(content_type.starts_with("text/html"), "{content_type}");
        self.text()
    }
}
