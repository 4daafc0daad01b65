//! The office's staff web as a signed-in clerk's browser reads it: sign in through the real
//! form, then fetch pages; and the numbers a table's row shows.

use antar_office::{Office, Role};

const PASSWORD: &str = "sandi-uji-panjang";

pub struct StaffWeb {
    base: String,
    agent: ureq::Agent,
    cookie: String,
}

impl StaffWeb {
    /// Adds an operator account and signs in with it.
    pub fn sign_in(office: &Office, base: &str) -> Self {
        Self::sign_in_as(office, base, Role::Operator)
    }

    /// Adds an account with `role` and signs in with it.
    pub fn sign_in_as(office: &Office, base: &str, role: Role) -> Self {
        office
            .add_staff_user("kasi", "Kasi Pelayanan", None, role, PASSWORD)
            .unwrap();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let mut form = agent.get(format!("{base}/masuk")).call().unwrap();
        let login = cookie(&form, "antar_masuk");
        let page = form.body_mut().read_to_string().unwrap();
        let csrf = csrf_in(&page);
        let signed = agent
            .post(format!("{base}/masuk"))
            .header("cookie", &login)
            .send_form([
                ("csrf", csrf.as_str()),
                ("username", "kasi"),
                ("password", PASSWORD),
            ])
            .unwrap();
        assert_eq!(signed.status(), 303);
        Self {
            base: base.to_owned(),
            cookie: cookie(&signed, "antar_sesi"),
            agent,
        }
    }

    /// The page at `path`, which must answer 200.
    pub fn page(&self, path: &str) -> String {
        let mut reply = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .call()
            .unwrap();
        let status = reply.status();
        let body = reply.body_mut().read_to_string().unwrap();
        assert_eq!(status, 200, "{path}: {body}");
        body
    }
}

/// The cells of the first `<tr>` after `marker` in `html`, as text.
pub fn row_after(html: &str, marker: &str) -> Vec<String> {
    let from = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in {html}"));
    let row = &html[from..];
    let row = &row[..row.find("</tr>").unwrap()];
    let mut cells = Vec::new();
    let mut rest = row;
    while let Some(open) = rest.find("<t") {
        let cell = &rest[open..];
        let Some(start) = cell.find('>') else { break };
        let Some(end) = cell.find("</t") else { break };
        if cell.starts_with("<tr") || cell.starts_with("<tbody") || cell.starts_with("<tfoot") {
            rest = &cell[start + 1..];
            continue;
        }
        cells.push(cell[start + 1..end].trim().to_owned());
        rest = &cell[end + 3..];
    }
    cells
}

fn cookie(reply: &ureq::http::Response<ureq::Body>, name: &str) -> String {
    reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie"))
        .to_owned()
}

fn csrf_in(html: &str) -> String {
    let at = html.find("name=\"csrf\"").expect("a csrf field");
    let rest = &html[at..];
    let value = rest.find("value=\"").unwrap() + 7;
    let end = rest[value..].find('"').unwrap();
    rest[value..value + end].to_owned()
}
