//! The staff web's daily work over HTTP, page by page: import, documents, BA Pengiriman and
//! its print, a courier's phone syncing attempts through the real API, proof review (and a
//! flag reopening the delivery for the phone's next pull), BA Pengembalian, follow-up with
//! village contacts, the service standard, reports with .xlsx, users, couriers, the audit log.

use std::path::Path;

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FailureReason, FixProvider, GpsFix, Outcome};
use antar_domain::state::ItemState;
use antar_office::Role;
use common::web::{Browser, csrf_in};
use common::{PHOTO, SAMPLE_500, SAMPLE_BAD, TestServer};

use crate::common;

fn empty_server() -> TestServer {
    TestServer::start_on(tempfile::tempdir().unwrap())
}

/// The manifest id from a `/ba/<id>` redirect.
fn manifest_id(location: &str) -> String {
    location.trim_start_matches("/ba/").to_owned()
}

#[test]
fn import_then_documents_with_filters_counts_and_masked_nik() {
    let server = empty_server();
    let operator = Browser::signed_in(&server, Role::Operator);
    let csv = std::fs::read(SAMPLE_500).unwrap();
    let first = operator.upload("/impor", "prr.csv", &csv, Some(&operator.csrf));
    let text = first.page(200);
    assert!(text.contains("<span class=\"n\">500</span>"), "{text}");
    let again = operator.upload("/impor", "prr.csv", &csv, Some(&operator.csrf));
    assert!(again.page(200).contains("duplikat: dokumen ini sudah ada"));
    assert_eq!(server.office().document_count().unwrap(), 500);
    let bad = std::fs::read(SAMPLE_BAD).unwrap();
    let rejected = operator
        .upload("/impor", "bad.csv", &bad, Some(&operator.csrf))
        .page(200);
    assert!(rejected.contains("Baris yang ditolak"));
    // An .xlsx upload goes through the workbook reader.
    let garbage = operator.upload(
        "/impor",
        "x.xlsx",
        b"PK\x03\x04 bukan excel",
        Some(&operator.csrf),
    );
    assert!(garbage.page(400).contains("tidak bisa dibuka"));

    let all = operator.get("/dokumen").page(200);
    assert!(all.contains("Jumlah per kecamatan"));
    assert!(all.contains("dari 5"), "paged summary");
    assert!(all.contains("******"), "NIK masked");
    assert!(
        !crate::common::visit_web::full_nik_in(&all),
        "no full NIK in the list"
    );
    let kota_agung = operator
        .get("/dokumen?kecamatan=18.06.01&status=not_dispatched&umur=0")
        .page(200);
    assert!(kota_agung.contains("Kota Agung"));
    let page2 = operator.get("/dokumen?setelah=1");
    assert_eq!(page2.status, 200);
    let none = operator.get("/dokumen?status=delivered").page(200);
    assert!(none.contains("Tidak ada dokumen"));
    server.stop();
}

/// True if the text holds 16 digits in a row (a full NIK).
pub(crate) struct Field {
    pub(crate) server: TestServer,
    pub(crate) operator: Browser,
    pub(crate) reviewer: Browser,
    pub(crate) manifest: String,
    pub(crate) device: Device,
    _device_dir: tempfile::TempDir,
}

/// Sample imported, a courier, a BA for Kota Agung issued through the web, a phone enrolled.
pub(crate) fn field() -> Field {
    let server = TestServer::start();
    let admin = Browser::signed_in(&server, Role::Admin);
    let code = admin.add_courier("Budi Kurir", "0812 3456 7890");
    let courier = server.office().couriers().unwrap()[0].id;
    let operator = Browser::signed_in(&server, Role::Operator);
    let form = operator.get("/ba/baru").page(200);
    assert!(form.contains("Budi Kurir"));
    let issued = operator.issue_ba(&courier.to_string(), "18.06.01", "2026-11-26");
    assert_eq!(issued.status, 303, "{}", issued.text());
    let manifest = manifest_id(&issued.location());
    let device_dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(device_dir.path()).unwrap();
    device.enroll(&server.url, &code, "HP Budi").unwrap();
    device.pull().unwrap();
    let reviewer = Browser::signed_in(&server, Role::Reviewer);
    Field {
        server,
        operator,
        reviewer,
        manifest,
        device,
        _device_dir: device_dir,
    }
}

pub(crate) fn attempt(device: &mut Device, line: usize, outcome: Outcome, photo: bool) {
    let manifest = device.manifests().unwrap()[0].id;
    let item = device.manifest(manifest).unwrap().items[line - 1].id;
    device
        .record_attempt(AttemptInput {
            item_id: item,
            outcome,
            photo: photo.then(|| Path::new(PHOTO).to_owned()),
            fix: Some(
                GpsFix::new(-5.4986, 104.627, 15.0, chrono::Utc::now(), FixProvider::Gps).unwrap(),
            ),
            note: None,
        })
        .unwrap();
}

/// The SOP issues no BA without its signer's NIP: the form comes back with the refusal beside
/// the NIP field and what was chosen still chosen, and no BA is issued.
#[test]
fn a_ba_without_the_signers_nip_is_refused_beside_the_field() {
    let server = TestServer::start();
    let admin = Browser::signed_in(&server, Role::Admin);
    assert_eq!(
        admin
            .post(
                "/kurir",
                &[("nama", "Budi Kurir"), ("hp", "0812 3456 7890")]
            )
            .status,
        200
    );
    let courier = server.office().couriers().unwrap()[0].id.to_string();
    let operator = Browser::signed_in(&server, Role::Operator);
    for (nip, refusal) in [
        ("", "NIP penanda tangan wajib diisi"),
        ("   ", "NIP penanda tangan wajib diisi"),
        ("19800101", "NIP harus 18 angka"),
        ("19850412-201001-2-003", "NIP hanya berisi angka"),
    ] {
        let refused = operator.post(
            "/ba",
            &[
                ("kurir", &courier),
                ("petugas", "Kasi Pengiriman"),
                ("nip", nip),
                ("tanggal", "2026-12-05"),
                ("kecamatan", "18.06.01"),
            ],
        );
        let page = refused.page(422);
        let field = page
            .find("name=\"nip\"")
            .unwrap_or_else(|| panic!("the form comes back: {page}"));
        let error = page
            .find("class=\"field-error\"")
            .unwrap_or_else(|| panic!("{nip:?}: no refusal beside the field: {page}"));
        // Beside the field: right after its input, inside the same label, before the date.
        let date = page.find("name=\"tanggal\"").unwrap();
        assert!(field < error && error < date, "{nip:?}: {page}");
        assert!(page[error..date].contains(refusal), "{nip:?}: {page}");
        assert!(page.contains("aria-describedby=\"nip-error\""), "{page}");
        // What was chosen stays chosen.
        assert!(page.contains("value=\"Kasi Pengiriman\""), "{page}");
        assert!(page.contains("value=\"2026-12-05\""), "{page}");
        let kecamatan = page.find("value=\"18.06.01\"").unwrap();
        assert!(
            page[kecamatan..kecamatan + 40].contains("checked"),
            "{page}"
        );
    }
    assert!(server.office().manifests().unwrap().is_empty());
    // A field the browser never sent is refused the same way.
    let missing = operator.post(
        "/ba",
        &[
            ("kurir", &courier),
            ("petugas", "Kasi"),
            ("kecamatan", "18.06.01"),
        ],
    );
    assert!(missing.page(422).contains("NIP penanda tangan wajib diisi"));
    assert!(server.office().manifests().unwrap().is_empty());
    // The form starts with the signing staff member's own NIP, unrefused until it is sent.
    let form = operator.get("/ba/baru").page(200);
    assert!(form.contains("value=\"19800101\""), "{form}");
    assert!(!form.contains("aria-describedby"), "{form}");
    assert!(!form.contains("field-error"), "{form}");
    let issued = operator.post(
        "/ba",
        &[
            ("kurir", &courier),
            ("petugas", "Kasi Pengiriman"),
            ("nip", " 19850412 201001 2 003 "),
            ("tanggal", "2026-12-05"),
            ("kecamatan", "18.06.01"),
        ],
    );
    assert_eq!(issued.status, 303, "{}", issued.text());
    let print = operator
        .get(&format!("{}/cetak", issued.location()))
        .page(200);
    assert!(print.contains("NIP. 19850412 201001 2 003"), "{print}");
    server.stop();
}

#[test]
fn ba_issue_print_with_qr_and_return_ba() {
    let mut f = field();
    let detail = f.operator.get(&format!("/ba/{}", f.manifest));
    let detail = detail.page(200);
    assert!(detail.contains("470/0001/BA-PENG/DUKCAPIL/XI/2026"));
    let print = f
        .operator
        .get(&format!("/ba/{}/cetak", f.manifest))
        .page(200);
    for expected in [
        "PEMERINTAH KABUPATEN TANGGAMUS",
        "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
        "470/0001/BA-PENG/DUKCAPIL/XI/2026",
        "Yang Menyerahkan",
        "Yang Menerima",
        // The signer's NIP as issued, its parts apart; not the NIP of whoever prints.
        "NIP. 19850412 201001 2 003",
        "Kasi Pengiriman",
        "Budi Kurir",
        "<svg",
        "Jumlah per desa",
    ] {
        assert!(print.contains(expected), "{expected}");
    }
    // Nothing to dispatch twice: the same kecamatan again is refused with a reason.
    let courier = f.server.office().couriers().unwrap()[0].id.to_string();
    let twice = f.operator.post(
        "/ba",
        &[
            ("kurir", &courier),
            ("petugas", "X"),
            ("nip", "198504122010012003"),
            ("kecamatan", "18.06.01"),
        ],
    );
    assert!(twice.page(400).contains("sudah ada di BA"));
    let nothing = f.operator.post(
        "/ba",
        &[
            ("kurir", &courier),
            ("petugas", "X"),
            ("nip", "198504122010012003"),
        ],
    );
    assert!(nothing.page(400).contains("pilih sedikitnya"));

    // Two failed attempts come back from the phone; one is returned to the office.
    let failed = || Outcome::Failed {
        reason: FailureReason::NotAtHome,
    };
    attempt(&mut f.device, 1, failed(), false);
    attempt(&mut f.device, 2, failed(), false);
    f.device.sync().unwrap();
    let form = f
        .operator
        .get(&format!("/ba/{}/kembali", f.manifest))
        .page(200);
    assert_eq!(form.matches("name=\"item\"").count(), 2);
    let items: Vec<String> = form
        .match_indices("name=\"item\" value=\"")
        .map(|(at, _)| form[at + 19..at + 55].to_owned())
        .collect();
    let pending_item = f
        .server
        .office()
        .manifest(f.manifest.parse().unwrap())
        .unwrap()
        .unwrap()
        .items
        .iter()
        .find(|i| i.state == ItemState::Pending)
        .unwrap()
        .id
        .to_string();
    let refused = f.operator.post(
        &format!("/ba/{}/kembali", f.manifest),
        &[
            ("item", &pending_item),
            ("petugas", "Kasi"),
            ("tanggal", "2026-11-30"),
        ],
    );
    assert!(refused.page(400).contains("tidak bisa berubah"));
    let tampered = f.operator.post(
        &format!("/ba/{}/kembali", f.manifest),
        &[
            ("item", &items[0]),
            ("item", "bukan-id"),
            ("petugas", "Kasi"),
            ("tanggal", "2026-11-30"),
        ],
    );
    assert!(
        tampered.page(400).contains("pilihan dokumen tidak dikenal"),
        "a choice the page did not offer returns nothing"
    );
    let issued = f.operator.post(
        &format!("/ba/{}/kembali", f.manifest),
        &[
            ("item", &items[0]),
            ("petugas", "Kasi"),
            ("tanggal", "2026-11-30"),
        ],
    );
    assert_eq!(issued.status, 303, "{}", issued.text());
    let print = f.operator.get(&issued.location()).page(200);
    assert!(print.contains("470/0001/BA-KEMB/DUKCAPIL/XI/2026"));
    assert!(
        print.contains("Demikian berita acara ini dibuat"),
        "{print}"
    );
    // Both BAs name themselves and count their pages in every printed page's margin.
    for (sheet, number) in [
        (
            format!("{}.css", issued.location()),
            "470/0001/BA-KEMB/DUKCAPIL/XI/2026",
        ),
        (
            format!("/ba/{}/cetak.css", f.manifest),
            "470/0001/BA-PENG/DUKCAPIL/XI/2026",
        ),
    ] {
        assert!(
            print.contains("Demikian berita acara ini dibuat"),
            "{print}"
        );
        let css = f.operator.get(&sheet);
        assert_eq!(css.status, 200, "{sheet}");
        assert!(
            css.header("content-type").unwrap().starts_with("text/css"),
            "{sheet}"
        );
        let css = css.text();
        assert!(css.contains(&format!("\"Nomor: {number}\"")), "{css}");
        assert!(
            css.contains("\"hal. \" counter(page) \" dari \" counter(pages)"),
            "{css}"
        );
    }
    assert_eq!(
        f.operator.get("/ba/bukan-id/cetak.css").status,
        404,
        "an unknown BA has no sheet"
    );
    assert!(print.contains("Tidak ada di rumah"));
    let manifest = f
        .server
        .office()
        .manifest(f.manifest.parse().unwrap())
        .unwrap()
        .unwrap();
    let returned = manifest
        .items
        .iter()
        .filter(|i| i.state == ItemState::Returned)
        .count();
    assert_eq!(returned, 1);

    // Both documents wait for collection; contacts and the contact log.
    let list = f.operator.get("/tindak-lanjut").page(200);
    assert!(list.contains("2 dokumen menunggu diambil"), "{list}");
    let doc_at = list.find("href=\"/tindak-lanjut/").unwrap() + 21;
    let doc: String = list[doc_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    // The 14 days run only for a document back at the office: the returned one is listed
    // first with its due date; the failed one a courier still has shows no clock.
    assert!(list.contains("Masih di kurir"), "{list}");
    let detail = f.operator.get(&format!("/tindak-lanjut/{doc}")).page(200);
    assert!(detail.contains("batas tindak lanjut"), "{detail}");
    let with_courier_at = list.rfind("href=\"/tindak-lanjut/").unwrap() + 21;
    let with_courier: String = list[with_courier_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_ne!(with_courier, doc);
    let waiting = f
        .operator
        .get(&format!("/tindak-lanjut/{with_courier}"))
        .page(200);
    assert!(waiting.contains("Dokumen masih di kurir"), "{waiting}");
    let desa_at = detail.find("/kontak?desa=").unwrap() + 13;
    let desa: String = detail[desa_at..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let added = f.operator.post(
        "/kontak",
        &[
            ("desa", &desa),
            ("nama", "Pak Kepala"),
            ("jabatan", "Kepala Pekon"),
            ("hp", "081234567891"),
            ("email", "pekon@example.id"),
        ],
    );
    assert_eq!(added.status, 303, "{}", added.text());
    let bad_phone = f.operator.post(
        "/kontak",
        &[
            ("desa", &desa),
            ("nama", "X"),
            ("jabatan", "Y"),
            ("hp", "abc"),
        ],
    );
    assert_eq!(bad_phone.status, 400);
    let detail = f.operator.get(&format!("/tindak-lanjut/{doc}")).page(200);
    assert!(detail.contains("tel:+6281234567891"));
    assert!(detail.contains("https://wa.me/6281234567891"));
    assert!(detail.contains("mailto:pekon@example.id"));
    let contact_at = detail.find("<option value=\"").unwrap();
    let _ = contact_at;
    let contact = f.server.office().data_dir(); // keep the office alive in this scope
    let _ = contact;
    let logged = f.operator.post(
        &format!("/tindak-lanjut/{doc}"),
        &[
            ("saluran", "whatsapp"),
            ("hasil", "will_collect"),
            ("catatan", "Jumat diambil"),
        ],
    );
    assert_eq!(logged.status, 303, "{}", logged.text());
    let detail = f.operator.get(&format!("/tindak-lanjut/{doc}")).page(200);
    assert!(detail.contains("Akan diambil"));
    let bad = f.operator.post(
        &format!("/tindak-lanjut/{doc}"),
        &[("saluran", "telegram"), ("hasil", "reached")],
    );
    assert_eq!(bad.status, 400);
    let collected = f.operator.post(
        &format!("/tindak-lanjut/{doc}"),
        &[("saluran", "visit"), ("hasil", "collected")],
    );
    assert_eq!(collected.status, 303);
    let list = f.operator.get("/tindak-lanjut").page(200);
    assert!(
        list.contains("1 dokumen menunggu diambil"),
        "collected closes it"
    );
    let contacts = f.operator.get("/kontak").page(200);
    let id_at = contacts.find("/kontak/").unwrap() + 8;
    let id: String = contacts[id_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(
        f.operator.post(&format!("/kontak/{id}/hapus"), &[]).status,
        303
    );
    f.server.stop();
}

#[test]
fn proof_review_shows_photo_map_and_a_flag_reopens_the_delivery() {
    let mut f = field();
    attempt(&mut f.device, 3, Outcome::DeliveredToOwner, true);
    f.device.sync().unwrap();
    let list = f.reviewer.get("/bukti").page(200);
    let at = list.find("href=\"/bukti/").unwrap() + 13;
    let seq: String = list[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let page = f.reviewer.get(&format!("/bukti/{seq}")).page(200);
    for expected in [
        "Diterima pemilik",
        "± 15 m",
        "Cocok",
        // The office's own verdicts beside the phone's.
        "Kejadian pertama perangkat",
        "Waktu sesuai",
        "Bukti menyebut BA yang diterbitkan kantor ini",
        "— sama",
        "<svg",
        "<circle",
        "/foto",
    ] {
        assert!(page.contains(expected), "{expected}");
    }
    let photo = f.reviewer.get(&format!("/bukti/{seq}/foto"));
    assert_eq!(photo.status, 200);
    assert_eq!(photo.header("content-type").as_deref(), Some("image/jpeg"));
    // The phone may re-encode the camera's JPEG (e.g. to drop metadata); it is a JPEG.
    assert!(photo.body.starts_with(&[0xFF, 0xD8, 0xFF]) && photo.body.len() > 10_000);
    assert_eq!(
        photo.header("cache-control").as_deref(),
        Some("no-store"),
        "a face at a door is not cached"
    );

    // A flag needs a note; then the item is pending again and the phone's pull sees it.
    let no_note = f
        .reviewer
        .post(&format!("/bukti/{seq}"), &[("verdict", "flagged")]);
    assert!(no_note.page(422).contains("catatan"));
    let flagged = f.reviewer.post(
        &format!("/bukti/{seq}"),
        &[
            ("verdict", "flagged"),
            ("catatan", "foto bukan rumah penerima"),
        ],
    );
    assert_eq!(flagged.status, 303);
    let after = f.reviewer.get(&format!("/bukti/{seq}")).page(200);
    assert!(after.contains("Bermasalah"));
    f.device.pull().unwrap();
    let manifest = f.device.manifests().unwrap()[0].id;
    let item = &f.device.manifest(manifest).unwrap().items[2];
    assert_eq!(
        item.state,
        ItemState::Pending,
        "the courier's list shows it again"
    );
    // The re-attempt is accepted as usual (the office judges it against the reopened state,
    // not the one ingest last saw), and the new proof can be accepted.
    attempt(&mut f.device, 3, Outcome::DeliveredToOwner, true);
    f.device.sync().unwrap();
    let redelivered = f.server.office().attempts().unwrap().pop().unwrap();
    assert_eq!(redelivered.warning, None);
    let list = f.reviewer.get("/bukti").page(200);
    let at = list.find("href=\"/bukti/").unwrap() + 13;
    let seq2: String = list[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_ne!(seq, seq2);
    let accepted = f
        .reviewer
        .post(&format!("/bukti/{seq2}"), &[("verdict", "accepted")]);
    assert_eq!(accepted.status, 303);
    assert!(
        f.reviewer
            .get("/bukti")
            .page(200)
            .contains("Tidak ada bukti")
    );
    assert!(
        f.reviewer
            .get("/bukti?semua=1")
            .page(200)
            .contains("Disetujui")
    );
    assert_eq!(f.reviewer.get("/bukti/999999").status, 404);
    assert_eq!(f.reviewer.get("/bukti/abc").status, 404);

    // Ingest kept each item's first delivery time (manifest_items.delivered_at) as the
    // attempts give it, also across the reopened and repeated delivery above.
    let db = rusqlite::Connection::open(f.server.data_dir().join("office.sqlite")).unwrap();
    let (kept, wrong): (i64, i64) = db
        .query_row(
            "SELECT COUNT(i.delivered_at), COALESCE(SUM(i.delivered_at IS NOT (
                SELECT MIN(a.recorded_at) FROM attempts a WHERE a.item_id = i.id
                AND a.outcome <> 'failed' AND a.warning IS NULL)), 0)
             FROM manifest_items i",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(kept > 0);
    assert_eq!(wrong, 0);
    drop(db);

    // The service standard and the reports see the delivery.
    let service = f.reviewer.get("/standar").page(200);
    assert!(service.contains("Per kecamatan"));
    assert!(service.contains("Budi Kurir"));
    let report = f
        .reviewer
        .get("/laporan?dari=2000-01-01&sampai=2100-12-31")
        .page(200);
    assert!(report.contains("Kota Agung"));
    let reversed = f.reviewer.get("/laporan?dari=2030-01-01&sampai=2020-01-01");
    assert_eq!(reversed.status, 400);
    let xlsx = f.reviewer.get("/laporan.xlsx?dari=2000-01-01");
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with(b"PK"));
    assert!(
        xlsx.header("content-disposition")
            .unwrap()
            .contains("laporan-antar.xlsx")
    );
    assert_eq!(
        f.server.office().tally_drift().unwrap(),
        0,
        "counts and states as a full pass finds them"
    );
    f.server.stop();
}

#[test]
fn users_couriers_and_an_audit_log_without_personal_data() {
    let server = TestServer::start();
    let admin = Browser::signed_in(&server, Role::Admin);
    let added = admin.post(
        "/pengguna",
        &[
            ("username", "siti.op"),
            ("display_name", "Siti Operator"),
            ("role", "operator"),
            ("password", "sandi-siti-panjang"),
        ],
    );
    assert_eq!(added.status, 303, "{}", added.text());
    let short = admin.post(
        "/pengguna",
        &[
            ("username", "x"),
            ("display_name", "X"),
            ("role", "viewer"),
            ("password", "pendek"),
        ],
    );
    assert!(short.page(400).contains("terlalu pendek"));
    let taken = admin.post(
        "/pengguna",
        &[
            ("username", "siti.op"),
            ("display_name", "X"),
            ("role", "viewer"),
            ("password", "sandi-siti-panjang"),
        ],
    );
    assert!(taken.page(400).contains("sudah dipakai"));
    let users = admin.get("/pengguna").page(200);
    assert!(users.contains("Siti Operator"));
    let mut siti = Browser::new(&server);
    assert_eq!(siti.sign_in("siti.op", "sandi-siti-panjang").status, 303);
    let id = server.office(); // the office is reachable; ids come from the page
    let _ = id;
    let at = users.find("/pengguna/").unwrap() + 10;
    let first_id: String = users[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let _ = first_id;
    let siti_at = users.find("siti.op").unwrap();
    let form_at = users[siti_at..].find("/pengguna/").unwrap() + siti_at + 10;
    let siti_id: String = users[form_at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(
        admin
            .post(&format!("/pengguna/{siti_id}/aktif"), &[("active", "0")])
            .status,
        303
    );
    assert_eq!(
        siti.get("/dokumen").status,
        303,
        "a deactivated account is signed out"
    );
    assert_eq!(
        admin
            .post(&format!("/pengguna/{siti_id}/aktif"), &[("active", "1")])
            .status,
        303
    );
    assert_eq!(
        admin
            .post(
                &format!("/pengguna/{siti_id}/sandi"),
                &[("password", "sandi-baru-siti-1")]
            )
            .status,
        303
    );
    assert_eq!(siti.sign_in("siti.op", "sandi-baru-siti-1").status, 303);

    let courier = admin.post("/kurir", &[("nama", "Kurir Dua"), ("hp", "bukan nomor")]);
    assert_eq!(courier.status, 400);
    let courier = admin.post("/kurir", &[("nama", "Kurir Dua")]).page(200);
    assert!(courier.contains("Kode pendaftaran HP untuk Kurir Dua"));
    let id = server.office().couriers().unwrap()[0].id;
    let code = admin.post(&format!("/kurir/{id}/kode"), &[]).page(200);
    assert!(code.contains("class=\"code\""));

    let audit = admin.get("/audit").page(200);
    for action in [
        "pengguna_tambah",
        "pengguna_nonaktifkan",
        "pengguna_ganti_sandi",
        "kurir_tambah",
        "kurir_kode_baru",
        "masuk",
    ] {
        assert!(audit.contains(action), "{action}");
    }
    // The log holds ids, not names or NIKs.
    let kept = server.stop();
    let dir = kept.path().to_owned();
    let office = crate::common::open_office(&dir);
    drop(office);
    let conn = rusqlite::Connection::open(dir.join("office.sqlite")).unwrap();
    let mut stmt = conn.prepare("SELECT action || ' ' || COALESCE(object, '') || ' ' || COALESCE(detail, '') FROM audit_log").unwrap();
    let texts: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(texts.len() >= 8);
    for text in texts {
        assert!(
            !text.contains("Kurir Dua") && !text.contains("Siti"),
            "{text}"
        );
        assert!(!crate::common::visit_web::full_nik_in(&text), "{text}");
    }
    let _ = csrf_in("");
}
