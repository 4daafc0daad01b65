//! A visit through the staff web from plan to report: planning through the form, the target
//! list's upload with every refused row named, the results a team's phones sent through the
//! real API (check-in photos, a conflict settled by staff), the list filtered by member, and
//! the monthly report on screen and as .xlsx (read back with calamine).

use std::io::Cursor;

use antar_domain::attempt::{FixProvider, GpsFix, PhotoRef, Text};
use antar_domain::glossary;
use antar_domain::ids::Sha256Hash;
use antar_domain::nik::Nik;
use antar_domain::region::{RegionCode, Registry};
use antar_domain::sop;
use antar_domain::visit::{IkdOutcome, RecordingOutcome, VisitCheckin, VisitOutcome, VisitPerson};
use antar_domain::wire::EventBody;
use antar_office::Role;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::Utc;

use crate::common::team::{Chain, Member, member, outcome, send_stored};
use crate::common::visit_web::*;
use crate::common::web::Browser;
use crate::common::{PHOTO, SAMPLE_TARGETS};

#[test]
fn a_visit_planned_filled_and_reported_through_the_staff_web() {
    let server = empty_server();
    let operator = Browser::signed_in(&server, Role::Operator);
    let (
        rina,
        Member {
            token: rina_token,
            device: rina_device,
        },
    ) = member(&server, "Rina");
    let (
        joko,
        Member {
            token: joko_token,
            device: joko_device,
        },
    ) = member(&server, "Joko");
    let today = sop::local_day(Utc::now()).to_string();

    let form = operator.get("/kunjungan/baru").page(200);
    for shown in [
        "Rina",
        "Joko",
        "Balai pekon",
        "Kota Agung",
        PENANGGUNGAN,
        "name=\"tim\"",
    ] {
        assert!(form.contains(shown), "{shown}");
    }
    let team = [rina.to_string(), joko.to_string()];
    let planned = operator.post("/kunjungan", &plan_form(&team, &[("tanggal", &today)]));
    assert_eq!(planned.status, 303, "{}", planned.text());
    let path = planned.location();
    let id = visit_of(&path);
    let visit = server.office().visit(id).unwrap().unwrap();
    assert_eq!(
        visit.planned_by, "Petugas operator",
        "the signed-in staff's name"
    );
    let page = operator.get(&path).page(200);
    for shown in [
        &visit.number,
        "Direncanakan",
        "Joko, Rina",
        "Penanggungan",
        "bawa genset",
    ] {
        assert!(page.contains(shown), "{shown}");
    }

    // The sample list: 140 in, 7 refused with their rows, 1 duplicate.
    let csv = std::fs::read(SAMPLE_TARGETS).unwrap();
    let upload = operator.upload(
        &format!("{path}/sasaran"),
        "sasaran.csv",
        &csv,
        Some(&operator.csrf),
    );
    let text = upload.page(200);
    assert!(text.contains("<span class=\"n\">140</span>"), "{text}");
    assert!(text.contains("<span class=\"n\">7</span>"));
    assert!(text.contains("<span class=\"n\">1</span>"));
    for row in [5, 21, 29, 69, 74, 85, 119] {
        assert!(
            text.contains(&format!("<td class=\"num\">{row}</td>")),
            "row {row}"
        );
    }
    assert!(text.contains("kolom TGL_LHR") && text.contains("baris 149"));
    let page = operator.get(&path).page(200);
    assert!(
        page.contains("<th class=\"num\">140</th>"),
        "140 planned in the total"
    );
    assert!(
        page.contains("ODGJ"),
        "the office sees the health categories"
    );
    assert!(
        !full_nik_in(&page.replace(&operator.csrf, "")),
        "NIKs are masked"
    );
    let list = operator
        .get(&format!("/kunjungan?bulan={}", this_month()))
        .page(200);
    assert!(list.contains(&visit.number) && list.contains("class=\"num\">140</td>"));

    // One person taken off the list by the form (which names the target, not the NIK).
    let first = server.office().visit_targets(id).unwrap()[0].id.to_string();
    let removed = operator.post(&format!("{path}/sasaran/hapus"), &[("sasaran", &first)]);
    assert_eq!(removed.status, 303, "{}", removed.text());
    assert_eq!(server.office().visit(id).unwrap().unwrap().targets, 139);

    // The team's phones: a check-in with two photos not yet uploaded, outcomes, a walk-in,
    // and Joko's word on one person differing from Rina's.
    let targets = server.office().visit_targets(id).unwrap();
    let (lat, lon) = Registry::tanggamus()
        .get(&RegionCode::parse(PENANGGUNGAN).unwrap())
        .and_then(|r| r.centroid)
        .unwrap();
    let mut chain = Chain::at(rina_device, Utc::now());
    let jpeg = std::fs::read(PHOTO).unwrap();
    let balai = PhotoRef {
        sha256: Sha256Hash::of(&jpeg),
        bytes: jpeg.len() as u64,
    };
    let antrean = PhotoRef {
        sha256: Sha256Hash::of(b"antrean"),
        bytes: 100,
    };
    let target = |n: usize| VisitPerson::Target {
        target_id: targets[n].id,
    };
    let events = vec![
        chain.next(EventBody::VisitCheckin(VisitCheckin {
            visit_id: id,
            fix: Some(GpsFix::new(lat, lon, 20.0, Utc::now(), FixProvider::Gps).unwrap()),
            place: None,
            photos: vec![balai, antrean],
            note: Some(Text::parse("mulai jam 8").unwrap()),
        })),
        chain.next(outcome(id, target(0), RecordingOutcome::Recorded)),
        chain.next(EventBody::VisitOutcome(VisitOutcome {
            visit_id: id,
            person: target(1),
            outcome: RecordingOutcome::Recorded,
            ikd: Some(IkdOutcome::Activated),
            note: None,
        })),
        chain.next(outcome(id, target(2), RecordingOutcome::Absent)),
        chain.next(outcome(
            id,
            VisitPerson::WalkIn {
                nik: Nik::parse("1806134107080003").unwrap(),
                name: Some(Text::parse("Sari").unwrap()),
            },
            RecordingOutcome::Recorded,
        )),
    ];
    send_stored(&server, &rina_token, &events);
    let mut joko_chain = Chain::at(joko_device, Utc::now());
    send_stored(
        &server,
        &joko_token,
        &[joko_chain.next(outcome(id, target(0), RecordingOutcome::Absent))],
    );

    let results = server.office().visit_results(id).unwrap().unwrap();
    let page = operator.get(&path).page(200);
    assert!(
        !page.contains("bukan hari rencana"),
        "checked in on the planned day"
    );
    let verdict = glossary::ID.place_verdict(&results.checkins[0].place);
    for shown in [
        "Sedang berlangsung",
        "mulai jam 8",
        verdict,
        "(rencana: Penanggungan)",
        "2 belum diterima",
        "Hasil yang berbeda antar-HP (1)",
        "Rina: Direkam",
        "Joko: Tidak hadir",
        "Belum ditemui (untuk kunjungan berikutnya) (137)",
        "Sari",
        "<td>Tidak hadir</td>",
        "<th class=\"num\">139</th>",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    assert!(
        !full_nik_in(&page.replace(&operator.csrf, "")),
        "NIKs are masked"
    );
    assert!(
        !page.contains("/sasaran\""),
        "no upload once the team has started"
    );
    let balai_path = format!("{path}/foto/{}", balai.sha256);
    assert_eq!(operator.get(&balai_path).status, 404, "not yet received");

    // One photo arrives from the phone: the page shows it, the other is still counted.
    let upload = server.request(
        "PUT",
        &format!("/api/v1/photos/{}", balai.sha256),
        Some(&rina_token),
        &[
            ("x-upload-offset", "0"),
            ("x-upload-length", &jpeg.len().to_string()),
            ("content-type", "image/jpeg"),
        ],
        Some(&jpeg),
    );
    assert!(matches!(upload.status, 200 | 201), "{}", upload.text());
    let page = operator.get(&path).page(200);
    assert!(page.contains(&format!("src=\"{balai_path}\"")), "{page}");
    assert!(page.contains("1 belum diterima"));
    let shown = operator.get(&balai_path);
    assert_eq!(shown.status, 200);
    assert_eq!(shown.header("content-type").as_deref(), Some("image/jpeg"));
    assert_eq!(shown.body, jpeg);
    let elsewhere = format!("{path}/foto/{}", antrean.sha256);
    assert_eq!(operator.get(&elsewhere).status, 404);
    let late = operator.post(&format!("{path}/ubah"), &plan_form(&team, &[]));
    assert!(late.page(400).contains("sudah mulai"));
    let late = operator.post(&format!("{path}/batal"), &[("alasan", "hujan")]);
    assert!(late.page(400).contains("sudah mulai"));

    // A second visit this month, elsewhere, not yet held; the report sums both.
    let registry = Registry::tanggamus();
    let other = registry
        .kecamatans()
        .find(|k| k.code.as_str() != "18.06.01")
        .unwrap();
    let other_desa = registry.desas_in(&other.code).next().unwrap().code.clone();
    let rina_only = [rina.to_string()];
    let second = operator.post(
        "/kunjungan",
        &plan_form(
            &rina_only,
            &[
                ("tanggal", &today),
                ("desa", other_desa.as_str()),
                ("jenis", "sekolah"),
            ],
        ),
    );
    assert_eq!(second.status, 303, "{}", second.text());
    let month = this_month();
    let second_path = second.location();
    let listed_for = |member: &str| {
        operator
            .get(&format!("/kunjungan?bulan={month}&petugas={member}"))
            .page(200)
    };
    let joko_list = listed_for(&joko.to_string());
    assert!(
        joko_list.contains(&format!("href=\"{path}\"")),
        "{joko_list}"
    );
    assert!(!joko_list.contains(&format!("href=\"{second_path}\"")));
    let rina_list = listed_for(&rina.to_string());
    assert!(rina_list.contains(&format!("href=\"{path}\"")));
    assert!(rina_list.contains(&format!("href=\"{second_path}\"")));
    let nobody = operator.get(&format!("/kunjungan?bulan={month}&petugas=siapa"));
    assert!(nobody.page(400).contains("Petugas tidak dikenal"));

    let viewer = Browser::signed_in(&server, Role::Viewer);
    let report = viewer
        .get(&format!("/kunjungan/laporan?bulan={month}"))
        .page(200);
    for shown in [
        "Kota Agung",
        "Joko, Rina",
        other.name.as_str(),
        "2 dari 139",
        "Jumlah",
    ] {
        assert!(report.contains(shown), "{shown}: {report}");
    }
    let xlsx = viewer.get(&format!("/kunjungan/laporan.xlsx?bulan={month}"));
    assert_eq!(xlsx.status, 200);
    assert!(
        xlsx.header("content-disposition")
            .unwrap()
            .contains(&format!("laporan-keliling-{month}.xlsx"))
    );
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.body.clone())).unwrap();
    let sheet = book.worksheet_range("Keliling").unwrap();
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let number = |r: u32, c: u32| match cell(r, c) {
        Data::Float(f) => f,
        other => panic!("({r}, {c}): {other:?}"),
    };
    let width = u32::try_from(sheet.width()).unwrap();
    assert_eq!(
        cell(3, width - 3),
        Data::String("Jumlah direkam".to_owned())
    );
    assert_eq!(
        cell(3, width - 1),
        Data::String("Kartu kolektif".to_owned())
    );
    let row_of = |name: &str| {
        (4..8)
            .find(|r| cell(*r, 0) == Data::String(name.to_owned()))
            .unwrap_or_else(|| panic!("{name}"))
    };
    let kota_agung = row_of("Kota Agung");
    assert_eq!(cell(kota_agung, 1), Data::String("Joko, Rina".to_owned()));
    // held, not held … walk-ins recorded, IKD, total planned, total recorded, then the cards
    // handed to owners and collectively (none at this visit).
    assert_eq!((number(kota_agung, 2), number(kota_agung, 3)), (1.0, 0.0));
    let tail = |r: u32| [width - 6, width - 5, width - 4, width - 3].map(|c| number(r, c));
    assert_eq!(tail(kota_agung), [1.0, 1.0, 139.0, 2.0]);
    assert_eq!(
        (number(kota_agung, width - 2), number(kota_agung, width - 1)),
        (0.0, 0.0)
    );
    let elsewhere = row_of(&other.name);
    assert_eq!((number(elsewhere, 2), number(elsewhere, 3)), (0.0, 1.0));
    let total = row_of("Jumlah");
    assert_eq!(total, 6, "the total comes last");
    assert_eq!((number(total, 2), number(total, 3)), (1.0, 1.0));
    assert_eq!(tail(total), [1.0, 1.0, 139.0, 2.0]);

    // Staff settle the conflict on Rina's word (she recorded the person, Joko's phone was on
    // the wrong line): the person counts as recorded, on the page and in the report.
    let rinas_word = format!("{rina_device}:2");
    let page = operator.get(&path).page(200);
    assert!(page.contains(&format!("value=\"{rinas_word}\"")), "{page}");
    let settle = format!("{path}/putuskan");
    let not_said = operator.post(&settle, &[("catatan", &rinas_word), ("hasil", "refused")]);
    assert!(not_said.page(400).contains("bukan catatan salah satu HP"));
    let sari = format!("{rina_device}:5");
    let agreed = operator.post(&settle, &[("catatan", &sari), ("hasil", "recorded")]);
    assert!(agreed.page(400).contains("tidak berselisih"));
    let garbled = operator.post(&settle, &[("catatan", "x"), ("hasil", "recorded")]);
    assert!(garbled.page(400).contains("Pilihan hasil tidak dikenal"));
    let settled = operator.post(&settle, &[("catatan", &rinas_word), ("hasil", "recorded")]);
    assert_eq!(settled.status, 303, "{}", settled.text());
    let page = operator.get(&path).page(200);
    let decided = "Diputuskan: Direkam (oleh Petugas operator)";
    assert!(page.contains(decided), "{page}");
    assert!(page.contains("Joko: Tidak hadir"), "both words stay shown");
    let report = viewer
        .get(&format!("/kunjungan/laporan?bulan={month}"))
        .page(200);
    assert!(report.contains("3 dari 139"), "{report}");

    let admin = Browser::signed_in(&server, Role::Admin);
    let audit = admin.get("/audit").page(200);
    for action in [
        "kunjungan_rencana",
        "kunjungan_sasaran",
        "kunjungan_sasaran_hapus",
        "laporan_keliling_unduh",
        "kunjungan_putuskan",
    ] {
        assert!(audit.contains(action), "{action}");
    }
    server.stop();
}
