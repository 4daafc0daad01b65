//! /standar tells the truth by the domain's 5-day rule, shown with a known mix of six documents
//! whose print dates are set relative to today (WIB): every printed document counts — on a BA
//! or not, returned or not — and only a delivery ends its clock.

use std::path::Path;

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FailureReason, FixProvider, GpsFix, Outcome};
use antar_office::Role;
use chrono::{Duration, NaiveDate, Utc};
use common::web::Browser;
use common::{PHOTO, SAMPLE_500, TestServer};

use crate::common;

fn today_wib() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}

/// Six rows of the sample, with their print dates changed: four in Kota Agung (they go on one BA)
/// and two elsewhere (never on a BA). Returns the CSV and the names, in that order.
fn known_mix() -> (String, Vec<String>) {
    let sample = std::fs::read_to_string(SAMPLE_500).unwrap();
    let mut lines = sample.lines();
    let header = lines.next().unwrap();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let in_kota_agung = |r: &&Vec<&str>| r[12] == "01";
    let mut names: Vec<String> = Vec::new();
    let mut pick = |wanted: bool, n: usize| -> Vec<Vec<&str>> {
        let picked: Vec<Vec<&str>> = rows
            .iter()
            .filter(|r| in_kota_agung(r) == wanted && !names.contains(&r[3].to_owned()))
            .take(n)
            .cloned()
            .collect();
        names.extend(picked.iter().map(|r| r[3].to_owned()));
        picked
    };
    let mut chosen = pick(true, 4);
    chosen.extend(pick(false, 2));
    let today = today_wib();
    // A, B, C, F in Kota Agung; D, E elsewhere.
    let printed = [0, 10, 10, 10, 10, 2].map(|days| today - Duration::days(days));
    let mut csv = format!("{header}\n");
    for (row, day) in chosen.iter().zip(printed) {
        let mut row = row.clone();
        let date = day.format("%d-%m-%Y").to_string();
        *row.last_mut().unwrap() = &date;
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    (csv, names)
}

fn record(device: &mut Device, owner: &str, outcome: Outcome) {
    let manifest = device.manifests().unwrap()[0].id;
    let item = device
        .manifest(manifest)
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.owner_name == owner)
        .unwrap();
    device
        .record_attempt(AttemptInput {
            item_id: item.id,
            outcome,
            photo: Some(Path::new(PHOTO).to_owned()),
            fix: Some(GpsFix::new(-5.4986, 104.627, 15.0, Utc::now(), FixProvider::Gps).unwrap()),
            note: None,
        })
        .unwrap();
}

/// The cells of the `n`th row marked as a total (one per table).
fn total_row(page: &str, n: usize) -> Vec<String> {
    let at = page.match_indices("<tr class=\"total\">").nth(n).unwrap().0;
    let row = &page[at..at + page[at..].find("</tr>").unwrap()];
    row.split("<td")
        .skip(1)
        .map(|cell| {
            let text = &cell[cell.find('>').unwrap() + 1..];
            text[..text.find("</td>").unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn the_service_standard_counts_every_printed_document_with_exact_figures() {
    let server = TestServer::start_on(tempfile::tempdir().unwrap());
    let (csv, names) = known_mix();
    let [a, b, c, f] = [&names[0], &names[1], &names[2], &names[3]];
    let imported = server.office().import_csv_bytes(csv.as_bytes()).unwrap();
    assert_eq!(imported.imported, 6);
    let admin = Browser::signed_in(&server, Role::Admin);
    let code = admin.add_courier("Budi Kurir", "0812 3456 7890");
    let courier = server.office().couriers().unwrap()[0].id;
    let today = today_wib().to_string();
    let issued = admin.issue_ba(&courier.to_string(), "18.06.01", &today);
    assert_eq!(issued.status, 303, "{}", issued.text());
    let manifest = issued.location().trim_start_matches("/ba/").to_owned();
    let device_dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(device_dir.path()).unwrap();
    device.enroll(&server.url, &code, "HP Budi").unwrap();
    device.pull().unwrap();
    let failed = || Outcome::Failed {
        reason: FailureReason::NotAtHome,
    };
    record(&mut device, a, Outcome::DeliveredToOwner);
    record(&mut device, b, Outcome::DeliveredToOwner);
    record(&mut device, c, failed());
    record(&mut device, f, failed());
    device.sync().unwrap();
    let f_item = server
        .office()
        .manifest(manifest.parse().unwrap())
        .unwrap()
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.owner_name == *f)
        .unwrap()
        .id
        .to_string();
    let returned = admin.post(
        &format!("/ba/{manifest}/kembali"),
        &[("item", &f_item), ("petugas", "Kasi"), ("tanggal", &today)],
    );
    assert_eq!(returned.status, 303, "{}", returned.text());

    let page = admin.get("/standar").page(200);
    // Delivered 2 (A on the day, B after 10), on time 1, 50 %, open and late 3: C failed, D
    // never on a BA, F returned. E (2 days) is neither.
    let per_kecamatan = total_row(&page, 0);
    assert_eq!(
        per_kecamatan[1..],
        ["2", "1", "50,0%", "5,0", "3"],
        "{page}"
    );
    // The courier answers only for its BA: D is not theirs.
    let courier_row_at = page.find("Budi Kurir").unwrap();
    let courier_row =
        &page[courier_row_at..courier_row_at + page[courier_row_at..].find("</tr>").unwrap()];
    assert!(courier_row.contains(">2</td>"), "{courier_row}");
    // B, C, D and F are past the standard; the list names each case.
    assert!(
        page.contains("Melewati standar 5 hari (4 dokumen)"),
        "{page}"
    );
    assert_eq!(page.matches("Diserahkan terlambat").count(), 1);
    assert_eq!(page.matches(">Belum diserahkan<").count(), 3);
    assert_eq!(page.matches("Belum masuk BA").count(), 1);
    server.stop();
}
