//! The staff web's visit pages in tests: a plan's form fields, the visit a redirect names,
//! this month as the report takes it, and whether a page shows a whole NIK.

use antar_domain::ids::VisitId;
use antar_domain::sop;
use chrono::{Datelike, Utc};

use super::TestServer;

pub const PENANGGUNGAN: &str = "18.06.01.2019";

pub fn empty_server() -> TestServer {
    TestServer::start_on(tempfile::tempdir().unwrap())
}

pub fn this_month() -> String {
    let today = sop::local_day(Utc::now());
    format!("{:04}-{:02}", today.year(), today.month())
}

/// The form's fields for a plan; each change replaces a field, an empty value leaves it out.
pub fn plan_form<'a>(
    team: &'a [String],
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("tanggal", "2026-12-10"),
        ("jenis", "pekon"),
        ("tempat", "Balai Pekon Penanggungan"),
        ("desa", PENANGGUNGAN),
        ("catatan", "bawa genset"),
    ];
    fields.extend(team.iter().map(|id| ("tim", id.as_str())));
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        if !value.is_empty() {
            fields.push((name, value));
        }
    }
    fields
}

/// The visit id of a `/kunjungan/<id>` redirect.
pub fn visit_of(location: &str) -> VisitId {
    location.trim_start_matches("/kunjungan/").parse().unwrap()
}

/// True if the text holds a word of 16 or more digits (a full NIK).
pub fn full_nik_in(text: &str) -> bool {
    // Whole words only: a run of digits inside a hex token (the CSRF token, a
    // session id) is not a NIK, and failed this check about once in 40 pages.
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word.len() >= 16 && word.bytes().all(|b| b.is_ascii_digit()))
}
