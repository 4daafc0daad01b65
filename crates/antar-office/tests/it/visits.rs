//! Planning recording teams' visits from the command line and the library: numbering, the
//! sample target list (140 kept, 7 refused with their rows and reasons, 1 duplicate), nothing
//! imported twice, .xlsx lists, filters, and every refusal saying what was wrong.

use std::path::Path;
use std::process::Output;

use antar_domain::field_role::FieldRole;
use antar_domain::ids::CourierId;
use antar_domain::region::RegionCode;
use antar_domain::visit::{TargetCategory, VisitKind, VisitState};
use antar_office::{Office, OfficeError, VisitFilter, VisitPlan};
use chrono::NaiveDate;

use crate::common::{SAMPLE_500, SAMPLE_TARGETS};

fn office() -> (tempfile::TempDir, Office) {
    let dir = tempfile::tempdir().unwrap();
    let office = crate::common::open_office(&dir.path().join("data"));
    (dir, office)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn plan(team: Vec<CourierId>) -> VisitPlan {
    VisitPlan {
        day: day("2026-12-10"),
        kind: VisitKind::Pekon,
        venue: "Balai Pekon Penanggungan".to_owned(),
        desa: RegionCode::parse("18.06.01.2019").unwrap(),
        team,
        note: Some("bawa genset".to_owned()),
    }
}

fn member(office: &Office, name: &str) -> CourierId {
    office
        .add_courier(name, None, FieldRole::Recording)
        .unwrap()
        .0
}

#[test]
fn a_planned_visit_takes_the_sample_list_once_with_every_bad_row_named() {
    let (_dir, office) = office();
    let team = vec![member(&office, "Rina"), member(&office, "Joko")];
    let visit = office
        .plan_visit(plan(team.clone()), "Kasi Pelayanan")
        .unwrap();
    assert_eq!(visit.number, "470/0001/KELILING/DUKCAPIL/XII/2026");
    assert_eq!(visit.state, VisitState::Planned);
    assert_eq!(visit.desa_name, "Penanggungan");
    assert_eq!(visit.kecamatan_name, "Kota Agung");
    assert_eq!(visit.team_names, ["Joko", "Rina"]);

    let report = office
        .import_visit_targets(visit.id, Path::new(SAMPLE_TARGETS))
        .unwrap();
    assert_eq!(report.imported, 140);
    let refused: Vec<(usize, &str)> = report
        .rejected
        .iter()
        .map(|r| (r.row, r.reason.split(':').next().unwrap()))
        .collect();
    assert_eq!(
        refused,
        [
            (5, "kolom TGL_LHR"),
            (21, "kolom KATEGORI"),
            (29, "kolom NIK"),
            (69, "kolom NAMA_LGKP"),
            (74, "kolom NO_KEL"),
            (85, "kolom TGL_LHR"),
            (119, "kolom NIK"),
        ]
    );
    assert!(report.rejected[0].reason.contains("umur 7 tahun"));
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(report.duplicates[0].0, 149);

    let again = office
        .import_visit_targets(visit.id, Path::new(SAMPLE_TARGETS))
        .unwrap();
    assert_eq!((again.imported, again.duplicates.len()), (0, 141));

    let targets = office.visit_targets(visit.id).unwrap();
    assert_eq!(targets.len(), 140);
    let odgj = targets
        .iter()
        .filter(|t| t.category == TargetCategory::Odgj)
        .count();
    assert_eq!(odgj, 3);
    assert_eq!(office.visit(visit.id).unwrap().unwrap().targets, 140);

    // Staff take one person off; importing the list again puts them back, and only them.
    let nik = targets[0].nik.clone();
    assert!(office.remove_visit_target(visit.id, &nik).unwrap());
    assert!(!office.remove_visit_target(visit.id, &nik).unwrap());
    assert_eq!(office.visit_targets(visit.id).unwrap().len(), 139);
    let back = office
        .import_visit_targets(visit.id, Path::new(SAMPLE_TARGETS))
        .unwrap();
    assert_eq!((back.imported, back.duplicates.len()), (1, 140));
    assert_eq!(office.visit_targets(visit.id).unwrap()[0].nik, nik);

    // A second visit may list the same people: one NIK once per visit, not once ever.
    let second = office.plan_visit(plan(team), "Kasi Pelayanan").unwrap();
    assert_eq!(second.number, "470/0002/KELILING/DUKCAPIL/XII/2026");
    let report = office
        .import_visit_targets(second.id, Path::new(SAMPLE_TARGETS))
        .unwrap();
    assert_eq!(report.imported, 140);
}

#[test]
fn the_visit_day_decides_who_is_old_enough() {
    let (_dir, office) = office();
    let team = vec![member(&office, "Rina")];
    let mut early = plan(team);
    // Ten years earlier most pemula of the sample were not 16 yet.
    early.day = day("2016-12-10");
    let visit = office.plan_visit(early, "Kasi").unwrap();
    let report = office
        .import_visit_targets(visit.id, Path::new(SAMPLE_TARGETS))
        .unwrap();
    let too_young = report
        .rejected
        .iter()
        .filter(|r| r.reason.contains("perekaman KTP-el mulai umur 16 tahun"))
        .count();
    assert!(too_young > 50, "{too_young} of {:?}", report.rejected.len());
    assert_eq!(report.imported + report.rejected.len() + 1, 148);
}

#[test]
fn a_target_list_in_a_workbook_with_a_title_row_imports_the_same() {
    use rust_xlsxwriter::Workbook;
    let (dir, office) = office();
    let visit = office
        .plan_visit(plan(vec![member(&office, "Rina")]), "Kasi")
        .unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(SAMPLE_TARGETS)
        .unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .write_string(0, 0, "DAFTAR SASARAN PEREKAMAN KELILING")
        .unwrap();
    for (i, record) in reader.records().enumerate() {
        for (col, value) in record.unwrap().iter().enumerate() {
            sheet.write_string(i as u32 + 2, col as u16, value).unwrap();
        }
    }
    let path = dir.path().join("sasaran.xlsx");
    workbook.save(&path).unwrap();
    let report = office.import_visit_targets(visit.id, &path).unwrap();
    assert_eq!(
        (
            report.imported,
            report.rejected.len(),
            report.duplicates.len()
        ),
        (140, 7, 1)
    );
    // Rows keep the sheet's numbering: the header is on row 3.
    assert_eq!(report.rejected[0].row, 7);
}

#[test]
fn a_plan_is_refused_saying_what_is_wrong_and_changes_only_while_planned() {
    let (_dir, office) = office();
    let rina = member(&office, "Rina");
    let message = |plan: VisitPlan| office.plan_visit(plan, "Kasi").unwrap_err().to_string();

    assert!(message(plan(vec![])).contains("tim kunjungan belum diisi"));
    let mut no_venue = plan(vec![rina]);
    no_venue.venue = "  ".to_owned();
    assert_eq!(message(no_venue), "tempat kunjungan tidak boleh kosong");
    let mut kecamatan = plan(vec![rina]);
    kecamatan.desa = RegionCode::parse("18.06.01").unwrap();
    assert!(message(kecamatan).contains("bukan kode desa"));
    let stranger = CourierId::new_v7();
    assert!(matches!(
        office.plan_visit(plan(vec![rina, stranger]), "Kasi"),
        Err(OfficeError::UnknownCourier(_))
    ));
    office.deactivate_courier(rina, true).unwrap();
    assert!(matches!(
        office.plan_visit(plan(vec![rina]), "Kasi"),
        Err(OfficeError::CourierDeactivated(_))
    ));

    let joko = member(&office, "Joko");
    let visit = office.plan_visit(plan(vec![joko]), "Kasi").unwrap();
    let mut moved = plan(vec![joko]);
    moved.day = day("2026-12-11");
    moved.venue = "SMA Negeri 1 Kota Agung".to_owned();
    moved.kind = VisitKind::Sekolah;
    let edited = office.edit_visit(visit.id, moved.clone()).unwrap();
    assert_eq!(edited.plan.day, day("2026-12-11"));
    assert_eq!(edited.plan.kind, VisitKind::Sekolah);

    assert!(office.cancel_visit(visit.id, " ").is_err());
    let cancelled = office.cancel_visit(visit.id, "jalan putus").unwrap();
    assert_eq!(cancelled.state, VisitState::Cancelled);
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("jalan putus"));
    let refused = office.edit_visit(visit.id, moved).unwrap_err().to_string();
    assert!(refused.contains("sudah dibatalkan"), "{refused}");
    let refused = office
        .import_visit_targets(visit.id, Path::new(SAMPLE_TARGETS))
        .unwrap_err();
    assert!(matches!(refused, OfficeError::VisitNotPlanned { .. }));
    assert!(office.visit_targets(visit.id).unwrap().is_empty());
}

#[test]
fn visits_are_listed_by_month_kecamatan_and_member() {
    let (_dir, office) = office();
    let rina = member(&office, "Rina");
    let joko = member(&office, "Joko");
    let mut pulau_panggung = plan(vec![joko]);
    pulau_panggung.desa = RegionCode::parse("18.06.12.2005").unwrap();
    pulau_panggung.day = day("2027-01-05");
    for plan in [plan(vec![rina]), plan(vec![rina, joko]), pulau_panggung] {
        office.plan_visit(plan, "Kasi").unwrap();
    }
    let count = |filter: VisitFilter| office.visits(&filter).unwrap().len();
    assert_eq!(count(VisitFilter::default()), 3);
    let december = VisitFilter {
        month: Some((2026, 12)),
        ..VisitFilter::default()
    };
    assert_eq!(count(december.clone()), 2);
    assert_eq!(
        count(VisitFilter {
            member: Some(joko),
            ..december
        }),
        1
    );
    assert_eq!(
        count(VisitFilter {
            kecamatan: Some(RegionCode::parse("18.06.12").unwrap()),
            ..VisitFilter::default()
        }),
        1
    );
}

fn run(data: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_antar-office"))
        .arg("--data")
        .arg(data)
        .args(crate::common::engine::cli_database_args())
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_command_line_plans_a_visit_and_imports_its_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let member = {
        let office = crate::common::open_office(&data);
        office
            .add_courier("Rina", None, FieldRole::Recording)
            .unwrap()
            .0
            .to_string()
    };
    let added = stdout(&run(
        &data,
        &[
            "visit",
            "add",
            "--date",
            "2026-12-10",
            "--kind",
            "pekon",
            "--venue",
            "Balai Pekon Penanggungan",
            "--desa",
            "18.06.01.2019",
            "--member",
            &member,
            "--officer",
            "Kasi Pelayanan",
        ],
    ));
    assert!(added.starts_with("Kunjungan 470/0001/KELILING/DUKCAPIL/XII/2026 direncanakan:"));
    let id = added.lines().last().unwrap();
    assert!(id.parse::<antar_domain::ids::VisitId>().is_ok(), "{added}");

    let imported = stdout(&run(&data, &["visit", "targets", id, SAMPLE_TARGETS]));
    for line in ["  diimpor   : 140", "  duplikat  : 1", "  ditolak   : 7"] {
        assert!(imported.contains(line), "{imported}");
    }
    assert!(imported.contains("baris 21 (NO 20): kolom KATEGORI: kategori tidak dikenal: 'vip'"));

    let listed = stdout(&run(&data, &["visit", "list", "--month", "2026-12"]));
    assert!(
        listed.contains("470/0001/KELILING/DUKCAPIL/XII/2026"),
        "{listed}"
    );
    assert!(listed.contains("Penanggungan"));
    let shown = stdout(&run(
        &data,
        &["visit", "show", "470/0001/KELILING/DUKCAPIL/XII/2026"],
    ));
    let total = shown
        .lines()
        .find(|line| line.trim_start().starts_with("Jumlah"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert_eq!(
        total.split_whitespace().collect::<Vec<_>>(),
        ["Jumlah", "140", "0", "0", "0", "0"],
        "{shown}"
    );
    assert!(shown.contains("check-in  : belum ada"), "{shown}");
    assert!(shown.contains("belum ditemui: 140 orang"), "{shown}");
    let report = stdout(&run(&data, &["visit", "report", "--month", "2026-12"]));
    assert!(report.contains("Kecamatan Kota Agung"), "{report}");
    assert!(
        report.contains("kunjungan : 0 terlaksana, 1 belum"),
        "{report}"
    );
    assert!(report.contains("direkam   : 0"), "{report}");
    let empty = stdout(&run(&data, &["visit", "report", "--month", "2027-01"]));
    assert!(empty.contains("Tidak ada kunjungan"), "{empty}");

    // Printed cards of the visit's desa go on a BA of the visit's kind.
    let nothing = run(
        &data,
        &[
            "visit",
            "attach",
            id,
            "--officer",
            "Kasi",
            "--nip",
            "198504122010012003",
        ],
    );
    assert!(!nothing.status.success());
    let said = String::from_utf8_lossy(&nothing.stderr);
    assert!(said.contains("tidak ada dokumen tercetak"), "{said}");
    stdout(&run(&data, &["import", crate::common::SAMPLE_500]));
    let attached = stdout(&run(
        &data,
        &[
            "visit",
            "attach",
            id,
            "--officer",
            "Kasi",
            "--nip",
            "19850412 201001 2 003",
            "--date",
            "2026-12-07",
        ],
    ));
    assert!(
        attached.starts_with("470/0001/BA-KELILING/DUKCAPIL/XII/2026 diterbitkan"),
        "{attached}"
    );
    assert!(
        attached.contains(": 5 dokumen, dipegang tim Rina"),
        "{attached}"
    );
    let ba_id = attached.lines().last().unwrap();
    assert!(
        ba_id.parse::<antar_domain::ids::ManifestId>().is_ok(),
        "{attached}"
    );
    assert!(
        shown.contains("ODGJ"),
        "staff may see the categories: {shown}"
    );

    let edited = stdout(&run(
        &data,
        &[
            "visit",
            "edit",
            id,
            "--date",
            "2026-12-11",
            "--venue",
            "SMA Negeri 1 Kota Agung",
            "--kind",
            "sekolah",
        ],
    ));
    assert!(edited.contains("tanggal   : 11-12-2026"), "{edited}");
    assert!(
        edited.contains("SMA Negeri 1 Kota Agung (Sekolah)"),
        "{edited}"
    );
    assert!(
        edited.contains("tim       : Rina"),
        "the team stays: {edited}"
    );
    let removed = stdout(&run(
        &data,
        &["visit", "remove-target", id, "1806012308008388"],
    ));
    assert!(removed.starts_with("Sasaran dihapus"), "{removed}");

    for (args, says) in [
        (
            vec!["visit", "remove-target", id, "1806012308008388"],
            "NIK itu tidak ada di daftar sasaran",
        ),
        (
            vec![
                "visit",
                "add",
                "--date",
                "2026-12-10",
                "--kind",
                "pasar",
                "--venue",
                "x",
                "--desa",
                "18.06.01.2019",
                "--member",
                &member,
                "--officer",
                "K",
            ],
            "jenis kunjungan \"pasar\" tidak dikenal",
        ),
        (
            vec![
                "visit",
                "add",
                "--date",
                "10-12-2026",
                "--kind",
                "pekon",
                "--venue",
                "x",
                "--desa",
                "18.06.01.2019",
                "--member",
                &member,
                "--officer",
                "K",
            ],
            "harus berbentuk YYYY-MM-DD",
        ),
        (
            vec!["visit", "list", "--month", "Desember"],
            "harus berbentuk YYYY-MM",
        ),
        (vec!["visit", "show", "470/9999"], "tidak ditemukan"),
        (
            vec!["visit", "cancel", id, "--reason", "hujan"],
            "dibatalkan: hujan",
        ),
        (
            vec!["visit", "targets", id, SAMPLE_TARGETS],
            "sudah dibatalkan",
        ),
    ] {
        let output = run(&data, &args);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(text.contains(says), "{args:?}: {text}");
    }
}

#[test]
fn a_cancelled_visit_gives_its_cards_back_for_another_ba() {
    let (_dir, office) = office();
    office.import_path(Path::new(SAMPLE_500)).unwrap();
    let rina = member(&office, "Rina");
    let karang_sari = VisitPlan {
        desa: RegionCode::parse("18.06.26.2003").unwrap(),
        ..plan(vec![rina])
    };
    let visit = office.plan_visit(karang_sari.clone(), "Kasi").unwrap();
    let ba = office
        .attach_visit_documents(
            visit.id,
            "Kasi",
            &antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            day("2026-12-09"),
        )
        .unwrap();
    assert!(!ba.items.is_empty());
    office.cancel_visit(visit.id, "genset rusak").unwrap();
    let after = office.manifest(ba.id).unwrap().unwrap();
    assert!(
        after
            .items
            .iter()
            .all(|item| item.state == antar_domain::state::ItemState::Returned),
        "the cards never left the office"
    );
    let again = office.plan_visit(karang_sari, "Kasi").unwrap();
    let second = office
        .attach_visit_documents(
            again.id,
            "Kasi",
            &antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            day("2026-12-09"),
        )
        .unwrap();
    assert_eq!(
        second.items.len(),
        ba.items.len(),
        "the same cards, free again"
    );
}
