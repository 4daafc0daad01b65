//! The staff web's pages for the recording teams' visits over HTTP: planning through the form,
//! the target list's upload with every refused row named, the results a team's phones sent
//! through the real API, the monthly report on screen and as .xlsx (read back with calamine),
//! and the refusals: the wrong role, a POST without its CSRF token, a form with a bad field.

use std::io::Cursor;

use antar_domain::attempt::{FixProvider, GpsFix, PhotoRef, Text};
use antar_domain::field_role::FieldRole;
use antar_domain::glossary;
use antar_domain::ids::{CourierId, DeviceId, EventId, Sha256Hash, VisitId};
use antar_domain::nik::Nik;
use antar_domain::region::{RegionCode, Registry};
use antar_domain::sop;
use antar_domain::visit::{
    IkdOutcome, RecordingOutcome, VisitCheckin, VisitKind, VisitOutcome, VisitPerson,
};
use antar_domain::wire::{BatchResponse, BatchResult, Event, EventBody};
use antar_office::{Role, VisitPlan};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::{Datelike, Utc};
use serde_json::json;

use crate::common::web::Browser;
use crate::common::{PHOTO, SAMPLE_TARGETS, TestServer};

const PENANGGUNGAN: &str = "18.06.01.2019";

fn empty_server() -> TestServer {
    TestServer::start_on(tempfile::tempdir().unwrap())
}

fn this_month() -> String {
    let today = sop::local_day(Utc::now());
    format!("{:04}-{:02}", today.year(), today.month())
}

/// A field officer with an enrolled phone: (courier id, token, device).
fn officer(server: &TestServer, name: &str) -> (CourierId, String, DeviceId) {
    let (id, code) = server
        .office()
        .add_courier(name, None, FieldRole::Recording)
        .unwrap();
    let enrolled = server.enroll(&code);
    (id, enrolled.token, enrolled.device_id)
}

/// A phone's chain of events, each naming the hash of the one before (as in `visit_api`).
struct Chain {
    device: DeviceId,
    seq: u64,
    prev: Option<Sha256Hash>,
}

impl Chain {
    fn next(&mut self, body: EventBody) -> Event {
        self.seq += 1;
        let event = Event {
            id: EventId::new_v7(),
            device_id: self.device,
            device_seq: self.seq,
            recorded_at: Utc::now(),
            since_contact: None,
            prev_sha256: self.prev,
            body,
        };
        self.prev = Some(event.content_hash());
        event
    }
}

fn send(server: &TestServer, token: &str, events: &[Event]) {
    let reply = server.send_json(
        "POST",
        "/api/v1/events/batch",
        Some(token),
        &json!({ "events": events }),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    for result in reply.json::<BatchResponse>().results {
        assert!(matches!(result, BatchResult::Receipt(_)), "{result:?}");
    }
}

fn outcome(visit: VisitId, person: VisitPerson, outcome: RecordingOutcome) -> EventBody {
    EventBody::VisitOutcome(VisitOutcome {
        visit_id: visit,
        person,
        outcome,
        ikd: None,
        note: None,
    })
}

/// The form's fields for a plan; each change replaces a field, an empty value leaves it out.
fn plan_form<'a>(team: &'a [String], changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
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
fn visit_of(location: &str) -> VisitId {
    location.trim_start_matches("/kunjungan/").parse().unwrap()
}

#[test]
fn a_visit_planned_filled_and_reported_through_the_staff_web() {
    let server = empty_server();
    let operator = Browser::signed_in(&server, Role::Operator);
    let (rina, rina_token, rina_device) = officer(&server, "Rina");
    let (joko, joko_token, joko_device) = officer(&server, "Joko");
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
    assert!(list.contains(&visit.number) && list.contains("<td class=\"num\">140</td>"));

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
    let mut chain = Chain {
        device: rina_device,
        seq: 0,
        prev: None,
    };
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
    send(&server, &rina_token, &events);
    let mut joko_chain = Chain {
        device: joko_device,
        seq: 0,
        prev: None,
    };
    send(
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

#[test]
fn a_planned_visit_is_changed_and_called_off_with_its_reason() {
    let server = empty_server();
    let operator = Browser::signed_in(&server, Role::Operator);
    let (rina, _, _) = officer(&server, "Rina");
    let team = [rina.to_string()];
    let path = operator
        .post("/kunjungan", &plan_form(&team, &[]))
        .location();
    let edit = operator.get(&format!("{path}/ubah")).page(200);
    assert!(edit.contains("Balai Pekon Penanggungan") && edit.contains("checked"));
    let changed = operator.post(
        &format!("{path}/ubah"),
        &plan_form(
            &team,
            &[("tempat", "SMAN 1 Kota Agung"), ("jenis", "sekolah")],
        ),
    );
    assert_eq!(changed.status, 303, "{}", changed.text());
    let page = operator.get(&path).page(200);
    assert!(page.contains("SMAN 1 Kota Agung") && page.contains("Sekolah"));

    let no_reason = operator.post(&format!("{path}/batal"), &[("alasan", " ")]);
    assert!(no_reason.page(400).contains("Alasan pembatalan"));
    let cancelled = operator.post(&format!("{path}/batal"), &[("alasan", "jalan longsor")]);
    assert_eq!(cancelled.status, 303);
    let page = operator.get(&path).page(200);
    assert!(page.contains("Dibatalkan") && page.contains("jalan longsor"));
    assert!(!page.contains("/batal\""), "no second cancel");
    let again = operator.post(&format!("{path}/ubah"), &plan_form(&team, &[]));
    assert_eq!(again.status, 400);
    let unknown = "/kunjungan/0190f2c8-7a1e-7000-8000-000000000000";
    assert_eq!(operator.get(unknown).status, 404);
    assert_eq!(operator.get("/kunjungan/bukan-id").status, 404);
    server.stop();
}

/// The visit's page issues its BA of printed documents, which prints as handed to the
/// recording team; once issued there is nothing left to put on another.
#[test]
fn a_visits_ba_is_issued_from_its_page_and_prints_for_the_team() {
    let server = TestServer::start();
    let operator = Browser::signed_in(&server, Role::Operator);
    let (rina, token, device) = officer(&server, "Rina");
    let team = [rina.to_string()];
    let path = operator
        .post("/kunjungan", &plan_form(&team, &[]))
        .location();
    assert!(
        operator
            .get(&path)
            .page(200)
            .contains("Belum ada BA kunjungan")
    );
    let form = [("petugas", "Kasi Pelayanan"), ("tanggal", "2026-12-07")];
    let issued = operator.post(&format!("{path}/ba"), &form);
    assert_eq!(issued.status, 303, "{}", issued.text());
    let ba = issued.location();
    let shown = operator.get(&ba).page(200);
    assert!(shown.contains("/BA-KELILING/DUKCAPIL/XII/2026"), "{shown}");
    let print = operator.get(&format!("{ba}/cetak")).page(200);
    assert!(print.contains("PELAYANAN KELILING"), "{print}");
    assert!(print.contains("Petugas Pelayanan Keliling"), "{print}");
    let page = operator.get(&path).page(200);
    assert!(
        page.contains(&format!("href=\"{ba}\"")),
        "the visit lists its BA"
    );
    let again = operator.post(&format!("{path}/ba"), &form);
    assert!(again.page(400).contains("tidak ada dokumen tercetak"));
    let viewer = Browser::signed_in(&server, Role::Viewer);
    assert_eq!(viewer.post(&format!("{path}/ba"), &form).status, 403);

    // Checked in a day after the plan's 10 December: the page says so beside the time.
    let late = Event {
        id: EventId::new_v7(),
        device_id: device,
        device_seq: 1,
        recorded_at: chrono::DateTime::parse_from_rfc3339("2026-12-11T02:00:00Z")
            .unwrap()
            .with_timezone(&Utc),
        since_contact: None,
        prev_sha256: None,
        body: EventBody::VisitCheckin(VisitCheckin {
            visit_id: visit_of(&path),
            fix: None,
            place: None,
            photos: Vec::new(),
            note: None,
        }),
    };
    let first = late.content_hash();
    let ba_id: antar_domain::ids::ManifestId = ba.rsplit('/').next().unwrap().parse().unwrap();
    let manifest = server.office().manifest(ba_id).unwrap().unwrap();
    let handover = Event {
        id: EventId::new_v7(),
        device_id: device,
        device_seq: 2,
        recorded_at: late.recorded_at,
        since_contact: None,
        prev_sha256: Some(first),
        body: EventBody::CollectiveHandover(antar_domain::visit::CollectiveHandover {
            visit_id: visit_of(&path),
            manifest_id: ba_id,
            manifest_sha256: manifest.content_hash(),
            items: manifest.items.iter().map(|i| i.id).collect(),
            official_name: Text::parse("Suparman").unwrap(),
            official_position: Text::parse("Sekretaris Pekon").unwrap(),
            fix: None,
            place: None,
            photo: None,
            note: None,
        }),
    };
    send(&server, &token, &[late, handover]);
    let page = operator.get(&path).page(200);
    assert!(
        page.contains("(bukan hari rencana: 11 Desember 2026)"),
        "{page}"
    );
    assert!(
        page.contains("Serah terima kolektif ke aparat pekon"),
        "{page}"
    );
    assert!(page.contains("Suparman, Sekretaris Pekon"), "{page}");
    let report = operator.get("/kunjungan/laporan?bulan=2026-12").page(200);
    assert!(report.contains("Kartu kolektif"), "{report}");
    assert!(report.contains("<td class=\"num\">5</td>"), "{report}");
    server.stop();
}

#[test]
fn bad_plans_are_refused_naming_the_field() {
    let server = empty_server();
    let operator = Browser::signed_in(&server, Role::Operator);
    let (rina, _, _) = officer(&server, "Rina");
    let team = [rina.to_string()];
    let stranger = [CourierId::new_v7().to_string()];
    let garbled = ["x".to_owned()];
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (plan_form(&[], &[]), "Tim petugas lapangan"),
        (plan_form(&stranger, &[]), "Tim petugas lapangan"),
        (plan_form(&garbled, &[]), "Tim petugas lapangan"),
        (
            plan_form(&team, &[("desa", "18.06.01.9999")]),
            "Desa/Kelurahan tujuan",
        ),
        (
            plan_form(&team, &[("desa", "18.06.01")]),
            "Desa/Kelurahan tujuan",
        ),
        (plan_form(&team, &[("desa", "")]), "Desa/Kelurahan tujuan"),
        (
            plan_form(&team, &[("tanggal", "2026-13-45")]),
            "Tanggal kunjungan",
        ),
        (plan_form(&team, &[("tanggal", "")]), "Tanggal kunjungan"),
        (plan_form(&team, &[("tempat", "")]), "Tempat kunjungan"),
        (plan_form(&team, &[("jenis", "pasar")]), "Jenis kunjungan"),
    ];
    for (fields, named) in cases {
        let reply = operator.post("/kunjungan", &fields);
        let text = reply.page(400);
        assert!(text.contains(named), "{fields:?} → {text}");
    }
    assert!(
        server
            .office()
            .visits(&Default::default())
            .unwrap()
            .is_empty()
    );
    assert!(
        operator
            .get("/kunjungan?bulan=2026-13")
            .page(400)
            .contains("Bulan")
    );
    assert!(
        operator
            .get("/kunjungan/laporan?bulan=juli")
            .page(400)
            .contains("Bulan")
    );
    assert_eq!(
        operator.get("/kunjungan?kecamatan=18.06.01.2019").status,
        400
    );
    server.stop();
}

#[test]
fn only_planners_open_visits_every_post_needs_csrf_and_all_read_the_report() {
    let server = empty_server();
    let office = server.office();
    let (rina, _) = office
        .add_courier("Rina", None, FieldRole::Recording)
        .unwrap();
    let plan = VisitPlan {
        day: sop::local_day(Utc::now()),
        kind: VisitKind::Pekon,
        venue: "Balai Pekon".to_owned(),
        desa: RegionCode::parse(PENANGGUNGAN).unwrap(),
        team: vec![rina],
        note: None,
    };
    let visit = office.plan_visit(plan, "Kasi").unwrap();
    let path = format!("/kunjungan/{}", visit.id);
    let hash = Sha256Hash::of(b"x");
    let pages = [
        "/kunjungan".to_owned(),
        "/kunjungan/baru".to_owned(),
        path.clone(),
        format!("{path}/ubah"),
        format!("{path}/foto/{hash}"),
    ];
    let actions = [
        "/kunjungan".to_owned(),
        format!("{path}/ubah"),
        format!("{path}/batal"),
        format!("{path}/sasaran/hapus"),
    ];
    for role in [Role::Reviewer, Role::Viewer] {
        let browser = Browser::signed_in(&server, role);
        for page in &pages {
            assert!(
                browser.get(page).page(403).contains("Akses ditolak"),
                "{role:?} {page}"
            );
        }
        for action in &actions {
            let reply = browser.post(action, &[("alasan", "x"), ("tim", &rina.to_string())]);
            assert_eq!(reply.status, 403, "{role:?} {action}");
        }
        let upload = browser.upload(
            &format!("{path}/sasaran"),
            "a.csv",
            b"x",
            Some(&browser.csrf),
        );
        assert!(upload.page(403).contains("Akses ditolak"));
        let home = browser.get("/").page(200);
        assert!(
            !home.contains("href=\"/kunjungan\""),
            "no Keliling in {role:?}'s menu"
        );
        let report = browser.get("/kunjungan/laporan").page(200);
        assert!(report.contains("Laporan bulanan pelayanan keliling"));
        assert_eq!(browser.get("/kunjungan/laporan.xlsx").status, 200);
        assert!(
            browser
                .get("/laporan")
                .page(200)
                .contains("href=\"/kunjungan/laporan\"")
        );
    }

    let admin = Browser::signed_in(&server, Role::Admin);
    assert!(admin.get("/").page(200).contains("href=\"/kunjungan\""));
    for action in &actions {
        let missing = admin.post_raw(action, &[("alasan", "x")]);
        assert!(missing.page(403).contains("Formulir tidak sah"), "{action}");
        let wrong = admin.post_raw(action, &[("csrf", "salah"), ("alasan", "x")]);
        assert_eq!(wrong.status, 403, "{action}");
    }
    let upload = admin.upload(&format!("{path}/sasaran"), "a.csv", b"x", None);
    assert!(upload.page(403).contains("Formulir tidak sah"));
    let visit = office.visit(visit.id).unwrap().unwrap();
    assert_eq!(visit.state.code(), "planned", "nothing was done");
    assert_eq!(visit.plan.venue, "Balai Pekon");
    server.stop();
}

/// True if the text holds 16 digits in a row (a full NIK).
fn full_nik_in(text: &str) -> bool {
    let mut run = 0;
    text.chars().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 16
    })
}
