//! Made-up manifests from the repository's sample SIAK list (real places, invented people),
//! for the screens' tests, the desktop end-to-end test and the start-up benchmark. Not used
//! by the app itself.

use antar_domain::document::{check_headers, parse_siak_record};
use antar_domain::ids::{CourierId, ItemId, ManifestId};
use antar_domain::manifest::{BaNumber, CourierRef, Manifest, ManifestItem};
use antar_domain::region::Registry;
use antar_domain::state::ItemState;
use chrono::NaiveDate;

const SAMPLE_CSV: &str = include_str!("../data/samples/prr_tanggamus_500.csv");

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
                nik: doc.nik,
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
    }
}
