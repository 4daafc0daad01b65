//! How long importing a recording team's target list of 2,000 people takes (target: under
//! 1 s). The list is the sample's good rows repeated with fresh NIK serials, so every row is
//! checked in full (NIK, dates, region, age) and stored; each run imports it onto a new
//! visit of the same office. The median and the maximum of the runs are printed.
//!
//! `cargo bench -p antar-office --bench visit_import`

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use antar_domain::field_role::FieldRole;
use antar_domain::region::{RegionCode, Registry};
use antar_domain::visit::{VisitKind, parse_target_record};
use antar_office::{Office, VisitPlan};

const PEOPLE: usize = 2_000;
const RUNS: usize = 11;
const SAMPLE: &str = include_str!("../../../data/samples/keliling_targets_sample.csv");

fn main() {
    let list = target_list();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sasaran.csv");
    std::fs::write(&path, &list).unwrap();
    let office = Office::open(&dir.path().join("data")).unwrap();
    let (member, _) = office
        .add_courier("Tim Bench", None, FieldRole::Recording)
        .unwrap();

    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let plan = VisitPlan {
            day: "2026-12-10".parse().unwrap(),
            kind: VisitKind::Pekon,
            venue: "Balai Pekon Penanggungan".to_owned(),
            desa: RegionCode::parse("18.06.01.2019").unwrap(),
            team: vec![member],
            note: None,
        };
        let visit = office.plan_visit(plan, "Bench").unwrap();
        let started = Instant::now();
        let report = office.import_visit_targets(visit.id, &path).unwrap();
        times.push(started.elapsed());
        assert_eq!(report.imported, PEOPLE, "{:?}", report.rejected.first());
    }
    times.sort();
    println!(
        "impor daftar sasaran {PEOPLE} orang: median {:?}, maks {:?} ({RUNS} kali)",
        times[RUNS / 2],
        times.last().copied().unwrap_or(Duration::ZERO)
    );
}

/// The sample's header and `PEOPLE` good rows: its people again and again, each copy with
/// its own NIK serial (digits 13–16), which no other check reads.
fn target_list() -> String {
    let mut lines = SAMPLE.lines();
    let header = lines.next().unwrap();
    let headers: Vec<&str> = header.split(',').collect();
    let day = "2026-12-10".parse().unwrap();
    let good: Vec<Vec<&str>> = lines
        .map(|line| line.split(',').collect::<Vec<_>>())
        .filter(|fields| parse_target_record(&headers, fields, Registry::tanggamus(), day).is_ok())
        .collect();
    let mut out = format!("{header}\n");
    for i in 0..PEOPLE {
        let mut row = good[i % good.len()].clone();
        let nik = format!("{}{:04}", &row[1][..12], i + 1);
        row[1] = &nik;
        let no = (i + 1).to_string();
        row[0] = &no;
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}
