//! A field officer's role decides the work the office hands them: a BA Pengiriman only to a
//! courier, a place on a visit's team only to a recording-team member, and both to an officer
//! who is both — through the library, the command line and the staff web.

use std::path::Path;

use antar_domain::field_role::FieldRole;
use antar_domain::ids::CourierId;
use antar_domain::region::RegionCode;
use antar_domain::visit::VisitKind;
use antar_office::{ManifestRequest, OfficeError, Role, VisitPlan};
use chrono::NaiveDate;

use crate::common::web::Browser;
use crate::common::{SAMPLE_500, TestServer, office_cli};

const KARANG_SARI: &str = "18.06.26.2003";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
}

fn plan(team: Vec<CourierId>) -> VisitPlan {
    VisitPlan {
        day: day(),
        kind: VisitKind::Pekon,
        venue: "Balai Pekon Karang Sari".to_owned(),
        desa: RegionCode::parse(KARANG_SARI).unwrap(),
        team,
        note: None,
    }
}

fn ba_for(courier: CourierId) -> ManifestRequest {
    ManifestRequest {
        courier,
        officer: "Kasi Pelayanan".to_owned(),
        officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
        kecamatan: vec![RegionCode::parse("18.06.01").unwrap()],
        desa: vec![],
        issued_on: day(),
    }
}

#[test]
fn the_role_decides_who_carries_a_ba_and_who_joins_a_team() {
    let dir = tempfile::tempdir().unwrap();
    let office = crate::common::open_office(&dir.path().join("data"));
    office.import_path(Path::new(SAMPLE_500)).unwrap();
    let add = |name, role| office.add_courier(name, None, role).unwrap().0;
    let budi = add("Budi", FieldRole::Courier);
    let rina = add("Rina", FieldRole::Recording);
    let sari = add("Sari", FieldRole::Both);

    let refused = office
        .plan_visit(plan(vec![rina, budi]), "Kasi")
        .unwrap_err();
    assert!(matches!(refused, OfficeError::WrongFieldRole { .. }));
    assert_eq!(
        refused.to_string(),
        "Budi terdaftar sebagai kurir: tidak bisa masuk tim kunjungan keliling \
         (ubah perannya di halaman Kurir)"
    );
    let refused = office.issue_manifest(ba_for(rina)).unwrap_err();
    assert!(
        refused
            .to_string()
            .starts_with("Rina terdaftar sebagai tim perekaman: BA Pengiriman tidak bisa"),
        "{refused}"
    );

    // A recording-team member holds the visit's own BA; one who is both does either.
    let visit = office.plan_visit(plan(vec![rina, sari]), "Kasi").unwrap();
    let visit_ba = office
        .attach_visit_documents(
            visit.id,
            "Kasi",
            &antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            day(),
        )
        .unwrap();
    assert!(!visit_ba.items.is_empty());
    office.issue_manifest(ba_for(sari)).unwrap();

    // A new role counts from the next piece of work on.
    office.set_field_role(budi, FieldRole::Both).unwrap();
    office.plan_visit(plan(vec![budi]), "Kasi").unwrap();
    let roles: Vec<(String, FieldRole)> = office
        .couriers()
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.role))
        .collect();
    assert!(roles.contains(&("Budi".to_owned(), FieldRole::Both)));

    office.deactivate_courier(rina, false).unwrap();
    let refused = office.set_field_role(rina, FieldRole::Both).unwrap_err();
    assert!(matches!(refused, OfficeError::CourierDeactivated(_)));
    let unknown = office.set_field_role(CourierId::new_v7(), FieldRole::Both);
    assert!(matches!(unknown, Err(OfficeError::UnknownCourier(_))));
}

#[test]
fn the_command_line_sets_and_shows_roles() {
    let server = TestServer::start();
    let run = |args: &[&str]| {
        let output = office_cli(&server, args);
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        (output.status.success(), text)
    };
    let (ok, added) = run(&["courier", "add", "Rina", "--peran", "perekam"]);
    assert!(ok, "{added}");
    let id = added
        .lines()
        .find_map(|line| line.trim().strip_prefix("id kurir         : "))
        .unwrap_or_else(|| panic!("{added}"))
        .to_owned();
    let (_, listed) = run(&["courier", "list"]);
    assert!(listed.contains("Tim perekaman"), "{listed}");
    let (ok, changed) = run(&["courier", "role", &id, "keduanya"]);
    assert!(ok, "{changed}");
    assert!(
        changed.contains("Peran diubah: kurir dan tim perekaman."),
        "{changed}"
    );
    let (_, listed) = run(&["courier", "list"]);
    assert!(listed.contains("Kurir dan tim perekaman"), "{listed}");
    let (ok, refused) = run(&["courier", "role", &id, "sopir"]);
    assert!(!ok);
    assert!(
        refused.contains("peran \"sopir\" tidak dikenal: isi kurir, perekam, keduanya"),
        "{refused}"
    );
    let (ok, default) = run(&["courier", "add", "Budi"]);
    assert!(ok, "{default}");
    let (_, listed) = run(&["courier", "list"]);
    let budi = listed.lines().find(|l| l.contains("Budi")).unwrap();
    assert!(budi.contains(" Kurir "), "{budi}");
    server.stop();
}

#[test]
fn the_staff_web_adds_an_officer_with_a_role_and_offers_each_only_their_work() {
    let server = TestServer::start();
    let admin = Browser::signed_in(&server, Role::Admin);
    let added = admin
        .post("/kurir", &[("nama", "Rina Perekam"), ("peran", "perekam")])
        .page(200);
    assert!(added.contains("Rina Perekam"));
    admin
        .post("/kurir", &[("nama", "Budi Kurir"), ("peran", "kurir")])
        .page(200);
    let refused = admin
        .post("/kurir", &[("nama", "Joko"), ("peran", "sopir")])
        .page(400);
    assert!(refused.contains("Peran petugas tidak dikenal"), "{refused}");

    let new_ba = admin.get("/ba/baru").page(200);
    assert!(new_ba.contains("Budi Kurir") && !new_ba.contains("Rina Perekam"));
    let new_visit = admin.get("/kunjungan/baru").page(200);
    assert!(new_visit.contains("Rina Perekam") && !new_visit.contains("Budi Kurir"));

    let budi = server
        .office()
        .couriers()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Budi Kurir")
        .unwrap();
    let changed = admin
        .post(
            &format!("/kurir/{}/peran", budi.id),
            &[("peran", "keduanya")],
        )
        .page(200);
    assert!(changed.contains("Kurir dan tim perekaman"));
    let new_visit = admin.get("/kunjungan/baru").page(200);
    assert!(new_visit.contains("Budi Kurir"));
    let audit = admin.get("/audit").page(200);
    assert!(
        audit.contains("kurir_peran"),
        "the change is in the audit log"
    );
    server.stop();
}
