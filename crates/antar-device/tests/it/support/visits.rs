//! A recording team's visit as the office would send it, built from the repository's sample
//! target list (made-up people at real places): its good rows, each copy with its own NIK
//! serial. Shared by the unit tests, the integration tests and the bench.
#![allow(dead_code, unreachable_pub)]

use antar_domain::ids::{TargetId, VisitId};
use antar_domain::nik::Nik;
use antar_domain::region::Registry;
use antar_domain::visit::{Target, VisitKind, VisitState, parse_target_record, visit_number};
use antar_domain::wire::{TargetCard, VisitSheet, VisitSummary};
use chrono::NaiveDate;

const SAMPLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/samples/keliling_targets_sample.csv"
));

/// The sample's people who may be recorded on `day`, `count` of them (repeated as needed),
/// the n-th with NIK serial n + 1 so every NIK is distinct.
pub fn sample_targets(day: NaiveDate, count: usize) -> Vec<TargetCard> {
    let mut lines = SAMPLE.lines();
    let headers: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let registry = Registry::tanggamus();
    let good: Vec<Target> = lines
        .filter_map(|line| {
            let record: Vec<&str> = line.split(',').collect();
            parse_target_record(&headers, &record, registry, day).ok()
        })
        .collect();
    assert!(!good.is_empty(), "the sample has good rows");
    (0..count)
        .map(|n| {
            let target = &good[n % good.len()];
            let nik = format!("{}{:04}", &target.nik.as_str()[..12], n + 1);
            TargetCard {
                id: TargetId::new_v7(),
                nik: Nik::parse(&nik).expect("a new serial keeps the NIK valid"),
                name: target.name.clone(),
                sex: target.sex,
                birth_date: target.birth_date,
                address: target.address.clone(),
                category: target.category.on_phone(),
                note: target.note.clone().filter(|_| !target.category.is_health()),
            }
        })
        .collect()
}

/// A planned visit on `day` to the desa of the sample's first person, with `count` people.
pub fn sample_visit(sequence: u32, day: NaiveDate, count: usize) -> VisitSheet {
    let targets = sample_targets(day, count.max(1));
    let address = targets[0].address.clone();
    let targets: Vec<TargetCard> = targets.into_iter().take(count).collect();
    VisitSheet {
        visit: VisitSummary {
            id: VisitId::new_v7(),
            number: visit_number(sequence, day),
            visit_day: day,
            kind: VisitKind::Pekon,
            venue: "Balai Pekon Penanggungan".to_owned(),
            desa: address.desa.clone(),
            desa_name: address.desa_name.clone(),
            kecamatan_name: address.kecamatan_name.clone(),
            state: VisitState::Planned,
            target_count: u32::try_from(targets.len()).expect("small"),
        },
        note: Some("Bawa KK asli".to_owned()),
        team: vec!["Budi Santoso".to_owned()],
        targets,
        manifests: Vec::new(),
    }
}
