//! The staff web's pages for the recording teams' visits over HTTP, around the day itself
//! (`web_visit_day`): changing and calling off a plan, a visit's BA issued from its page, and
//! the refusals: the wrong role, a POST without its CSRF token, a form with a bad field.

use antar_domain::attempt::Text;
use antar_domain::field_role::FieldRole;
use antar_domain::ids::{CourierId, EventId, Sha256Hash};
use antar_domain::region::RegionCode;
use antar_domain::sop;
use antar_domain::visit::{VisitCheckin, VisitKind};
use antar_domain::wire::{Event, EventBody};
use antar_office::{Role, VisitPlan};
use chrono::Utc;

use crate::common::TestServer;
use crate::common::team::{Member, member, send_stored};
use crate::common::visit_web::*;
use crate::common::web::Browser;

#[test]
fn a_planned_visit_is_changed_and_called_off_with_its_reason() {
    let server = empty_server();
    let operator = Browser::signed_in(&server, Role::Operator);
    let (rina, _) = member(&server, "Rina");
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
    let (rina, Member { token, device }) = member(&server, "Rina");
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
    // Without the signer's NIP no BA is issued: the visit's page comes back with the refusal
    // beside the field and the form as it was sent.
    let unsigned = operator.post(
        &format!("{path}/ba"),
        &[("petugas", "Kasi Pelayanan"), ("tanggal", "2026-12-07")],
    );
    let page = unsigned.page(422);
    let field = page.find("name=\"nip\"").expect("the NIP field");
    let error = page.find("class=\"field-error\"").expect("the refusal");
    let date = page[field..].find("name=\"tanggal\"").unwrap() + field;
    assert!(field < error && error < date, "{page}");
    assert!(
        page[error..date].contains("NIP penanda tangan wajib diisi"),
        "{page}"
    );
    assert!(page.contains("value=\"2026-12-07\""), "{page}");
    assert!(page.contains("Belum ada BA kunjungan"), "{page}");
    let form = [
        ("petugas", "Kasi Pelayanan"),
        ("nip", "198504122010012003"),
        ("tanggal", "2026-12-07"),
    ];
    let issued = operator.post(&format!("{path}/ba"), &form);
    assert_eq!(issued.status, 303, "{}", issued.text());
    let ba = issued.location();
    let shown = operator.get(&ba).page(200);
    assert!(shown.contains("/BA-KELILING/DUKCAPIL/XII/2026"), "{shown}");
    let print = operator.get(&format!("{ba}/cetak")).page(200);
    assert!(print.contains("PELAYANAN KELILING"), "{print}");
    assert!(print.contains("Petugas Pelayanan Keliling"), "{print}");
    assert!(print.contains("NIP. 19850412 201001 2 003"), "{print}");
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
    send_stored(&server, &token, &[late, handover]);
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
    let (rina, _) = member(&server, "Rina");
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
