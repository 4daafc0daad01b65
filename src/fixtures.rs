//! Made-up manifests from the repository's sample SIAK list and visits from its sample target
//! list (real places, invented people), for the screens' tests, the desktop end-to-end test
//! and the start-up benchmark. Not used by the app itself.

use antar_domain::document::{check_headers, parse_siak_record};
use antar_domain::ids::{CourierId, ItemId, ManifestId, TargetId, VisitId};
use antar_domain::manifest::{BaNumber, CourierRef, Manifest, ManifestItem};
use antar_domain::nik::Nik;
use antar_domain::region::Registry;
use antar_domain::state::ItemState;
use antar_domain::visit::{Target, VisitKind, VisitState, parse_target_record, visit_number};
use antar_domain::wire::{TargetCard, VisitSheet, VisitSummary};
use chrono::NaiveDate;

const SAMPLE_CSV: &str = include_str!("../data/samples/prr_tanggamus_500.csv");
const TARGETS_CSV: &str = include_str!("../data/samples/keliling_targets_sample.csv");

/// A planned visit on `day` to the desa of the target sample's first person, with `count`
/// people (the sample's good rows repeated, each copy with its own NIK serial), as the office
/// would send it. Like the device's own test builder, so both see the same people.
pub fn visit_from_sample(sequence: u32, day: NaiveDate, count: usize) -> Option<VisitSheet> {
    let mut lines = TARGETS_CSV.lines();
    let headers: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let registry = Registry::tanggamus();
    let good: Vec<Target> = lines
        .filter_map(|line| {
            let record: Vec<&str> = line.split(',').collect();
            parse_target_record(&headers, &record, registry, day).ok()
        })
        .collect();
    let targets: Vec<TargetCard> = (0..count)
        .filter_map(|n| {
            let target = good.get(n % good.len().max(1))?;
            let nik = format!("{}{:04}", &target.nik.as_str()[..12], n + 1);
            Some(TargetCard {
                id: TargetId::new_v7(),
                nik: Nik::parse(&nik).ok()?,
                name: target.name.clone(),
                sex: target.sex,
                birth_date: target.birth_date,
                address: target.address.clone(),
                category: target.category.on_phone(),
                note: target.note.clone().filter(|_| !target.category.is_health()),
            })
        })
        .collect();
    // The sample always has good rows; without them there is no visit to build.
    let first = good.first()?;
    let (desa, desa_name, kecamatan_name) = (
        first.address.desa.clone(),
        first.address.desa_name.clone(),
        first.address.kecamatan_name.clone(),
    );
    Some(VisitSheet {
        visit: VisitSummary {
            id: VisitId::new_v7(),
            number: visit_number(sequence, day),
            visit_day: day,
            kind: VisitKind::Pekon,
            venue: "Balai Pekon Penanggungan".to_owned(),
            desa,
            desa_name,
            kecamatan_name,
            state: VisitState::Planned,
            target_count: u32::try_from(targets.len()).unwrap_or(u32::MAX),
        },
        note: Some("Bawa KK asli".to_owned()),
        team: vec!["Budi Santoso".to_owned(), "Sri Wahyuni".to_owned()],
        targets,
        manifests: Vec::new(),
    })
}

/// A pending manifest of `count` documents: the sample's 500 rows, repeated when more are
/// asked for (each copy a new item).
pub fn manifest_from_sample(count: usize) -> Manifest {
    let mut lines = SAMPLE_CSV.lines();
    let headers: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let registry = Registry::tanggamus();
    let rows: Vec<ManifestItem> = if check_headers(&headers).is_ok() {
        lines
            .filter_map(|line| {
                let record: Vec<&str> = line.split(',').collect();
                parse_siak_record(&headers, &record, registry).ok()
            })
            .map(|doc| ManifestItem {
                id: ItemId::new_v7(),
                line: 0,
                document_type: doc.document_type,
                owner_name: doc.name,
                nik: doc.nik.into(),
                address: doc.address,
                phone: doc.phone,
                printed_on: doc.printed_on,
                state: ItemState::Pending,
            })
            .collect()
    } else {
        Vec::new()
    };
    let items = rows
        .iter()
        .cycle()
        .take(count.min(rows.len() * 1000))
        .zip(1u32..)
        .map(|(row, line)| ManifestItem {
            id: ItemId::new_v7(),
            line,
            ..row.clone()
        })
        .collect();
    let issued_on = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    Manifest {
        id: ManifestId::new_v7(),
        number: BaNumber::format(7, issued_on),
        issued_on,
        issued_by: "Petugas Uji".to_owned(),
        courier: CourierRef {
            id: CourierId::new_v7(),
            name: "Budi Santoso".to_owned(),
        },
        items,
        count_required: false,
    }
}
