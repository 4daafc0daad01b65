//! Cutting a phone off: staff revoke a lost or replaced phone (web or CLI) or deactivate a
//! courier; from then on the phone reads no BA (401 `device_revoked`) while what it recorded
//! before may still be uploaded during a grace staff see and can end.

use std::time::{Duration, Instant};

use antar_domain::ids::Sha256Hash;
use antar_domain::wire::{ERROR_DEVICE_REVOKED, ManifestList};
use antar_office::{ManifestRequest, OfficeError, Role};
use chrono::NaiveDate;
use common::web::Browser;
use common::{
    TestServer, attempt_event, courier_with_manifest, event_path, not_at_home, office_cli,
};

use crate::common;

fn assert_revoked(reply: &common::Reply) {
    let error = reply.api_error(401);
    assert_eq!(error.code, ERROR_DEVICE_REVOKED, "{}", error.message);
    assert!(error.message.contains("dicabut"), "{}", error.message);
}

crate::on_both_engines! {
fn a_replaced_phone_is_cut_off_from_the_web_and_may_still_send_what_it_recorded() {
    let server = TestServer::start();
    let old = courier_with_manifest(&server, "Kurir Lama", "18.06.01");
    let code = server.office().new_enrollment_code(old.id).unwrap();
    let new_phone = server.enroll(&code);
    // The issue's finding: the replaced phone's token still reads the BA.
    assert_eq!(
        server.get("/api/v1/manifests", Some(&old.token)).status,
        200
    );

    let admin = Browser::signed_in(&server, Role::Admin);
    let operator = Browser::signed_in(&server, Role::Operator);
    let revoke = format!("/kurir/hp/{}/cabut", old.device);
    assert_eq!(operator.post(&revoke, &[]).status, 403, "admin only");
    let page = admin.post(&revoke, &[]);
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(
        page.text().contains("catatan lama masih diterima sampai"),
        "{}",
        page.text()
    );

    assert_revoked(&server.get("/api/v1/manifests", Some(&old.token)));
    let one = format!("/api/v1/manifests/{}", old.manifest.id);
    assert_revoked(&server.get(&one, Some(&old.token)));
    let listed: ManifestList = server
        .get("/api/v1/manifests", Some(&new_phone.token))
        .json();
    assert_eq!(listed.manifests.len(), 1, "the new phone reads on");

    // Within the grace, what the old phone recorded still arrives.
    let item = &old.manifest.items[0];
    let mut event = attempt_event(old.device, 1, old.manifest.id, item.id, not_at_home());
    let antar_domain::wire::EventBody::Attempt(attempt) = &mut event.body else {
        unreachable!("an attempt")
    };
    attempt.photo = Some(antar_domain::attempt::PhotoRef {
        sha256: Sha256Hash::of(b"foto"),
        bytes: 4,
    });
    let put = |event: &antar_domain::wire::Event| {
        server.send_json_bytes(
            "PUT",
            &event_path(event),
            Some(&old.token),
            &event.canonical_bytes(),
        )
    };
    assert_eq!(put(&event).status, 201);
    let photo = format!("/api/v1/photos/{}", Sha256Hash::of(b"foto"));
    assert_eq!(server.get(&photo, Some(&old.token)).status, 200);

    let phones = admin.get("/kurir").text();
    assert!(
        phones.contains("1 kejadian diterima setelah dicabut"),
        "staff see what arrived after the revocation: {phones}"
    );

    // Staff end the grace (a stolen phone): nothing more is taken.
    let ended = admin.post(&format!("/kurir/hp/{}/akhiri-unggah", old.device), &[]);
    assert_eq!(ended.status, 200);
    assert!(
        ended.text().contains("tidak menerima apa pun lagi"),
        "{}",
        ended.text()
    );
    let next = attempt_event(old.device, 2, old.manifest.id, item.id, not_at_home());
    assert_revoked(&put(&next));
    assert_revoked(&server.get(&photo, Some(&old.token)));

    let audit = admin.get("/audit").text();
    assert!(
        audit.contains("hp_cabut") && audit.contains("hp_akhiri_unggah"),
        "{audit}"
    );
}
}

crate::on_both_engines! {
fn a_phone_stolen_is_revoked_without_grace() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir", "18.06.01");
    let admin = Browser::signed_in(&server, Role::Admin);
    let revoke = format!("/kurir/hp/{}/cabut", courier.device);
    assert_eq!(
        admin.post(&revoke, &[("tanpa_masa_unggah", "1")]).status,
        200
    );
    let item = &courier.manifest.items[0];
    let event = attempt_event(
        courier.device,
        1,
        courier.manifest.id,
        item.id,
        not_at_home(),
    );
    let reply = server.send_json_bytes(
        "PUT",
        &event_path(&event),
        Some(&courier.token),
        &event.canonical_bytes(),
    );
    assert_revoked(&reply);
}
}

crate::on_both_engines! {
fn a_revoke_typed_at_the_cli_reaches_a_running_server() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir", "18.06.01");
    assert_eq!(
        server.get("/api/v1/manifests", Some(&courier.token)).status,
        200
    );

    let listed = office_cli(&server, &["courier", "devices", &courier.id.to_string()]);
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.status.success() && stdout.contains(&courier.device.to_string()),
        "{stdout}"
    );
    assert!(stdout.contains("aktif"), "{stdout}");

    let revoked = office_cli(&server, &["courier", "revoke", &courier.device.to_string()]);
    let stdout = String::from_utf8_lossy(&revoked.stdout);
    assert!(
        revoked.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&revoked.stderr)
    );
    assert!(stdout.contains("HP dicabut"), "{stdout}");

    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = server.get("/api/v1/manifests", Some(&courier.token));
        if reply.status == 401 {
            assert_revoked(&reply);
            break;
        }
        assert_eq!(reply.status, 200);
        assert!(
            Instant::now() < deadline,
            "the running server still lets the phone read"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    let unknown = office_cli(&server, &["courier", "revoke", "bukan-id"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("id perangkat"));
}
}

crate::on_both_engines! {
fn a_deactivated_courier_loses_its_phones_codes_and_new_bas() {
    let server = TestServer::start();
    let courier = courier_with_manifest(&server, "Kurir Berhenti", "18.06.01");
    let spare = server.office().new_enrollment_code(courier.id).unwrap();

    let out = office_cli(&server, &["courier", "deactivate", &courier.id.to_string()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("1 HP dicabut"), "{stdout}");
    // The in-process office sees the CLI's change within its refresh.
    std::thread::sleep(Duration::from_millis(1100));
    assert_revoked(&server.get("/api/v1/manifests", Some(&courier.token)));

    let reply = server.send_json(
        "POST",
        "/api/v1/enroll",
        None,
        &serde_json::json!({"code": spare.display(), "device_label": "HP cadangan"}),
    );
    assert_eq!(
        reply.api_error(401).code,
        "enrollment_code",
        "its unused code expired"
    );

    let code = office_cli(&server, &["courier", "code", &courier.id.to_string()]);
    assert!(!code.status.success());
    assert!(String::from_utf8_lossy(&code.stderr).contains("dinonaktifkan"));
    let ba = server.office().issue_manifest(ManifestRequest {
        courier: courier.id,
        officer: "Petugas".to_owned(),
        officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
        kecamatan: vec![antar_domain::region::RegionCode::parse("18.06.02").unwrap()],
        desa: vec![],
        issued_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    });
    assert!(
        matches!(ba, Err(OfficeError::CourierDeactivated(_))),
        "{ba:?}"
    );

    let list = office_cli(&server, &["courier", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("nonaktif"));
    let admin = Browser::signed_in(&server, Role::Admin);
    let page = admin.get("/kurir").text();
    assert!(
        !page.contains(&format!("/kurir/{}/kode", courier.id)),
        "no new code for it"
    );
}
}
