//! How long recording one person's outcome takes on a phone holding a visit of 2,000 people
//! (target: p95 under 50 ms). Each outcome is committed like the app's: one IMMEDIATE
//! transaction with `synchronous=FULL`, so the time includes the fsync of the WAL. Listed
//! people, corrections and walk-ins (NIK checked, looked up on the list) are mixed.
//!
//! `cargo bench -p antar-device --bench visit_outcome`

#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/it/support/visits.rs"]
mod visits;

use std::time::{Duration, Instant};

use antar_device::{Device, VisitOutcomeInput, VisitPersonInput};
use antar_domain::ids::{CourierId, DeviceId};
use antar_domain::manifest::CourierRef;
use antar_domain::visit::{IkdOutcome, RecordingOutcome};
use chrono::NaiveDate;

const PEOPLE: usize = 2_000;
const OUTCOMES: usize = 300;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(dir.path()).unwrap();
    let courier = CourierRef {
        id: CourierId::new_v7(),
        name: "Tim Bench".to_owned(),
    };
    device
        .enroll_offline_for_tests("http://127.0.0.1:9", DeviceId::new_v7(), courier, "t")
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let sheet = visits::sample_visit(1, day, PEOPLE);
    let loaded = Instant::now();
    device.import_visit_for_tests(&sheet).unwrap();
    let load_time = loaded.elapsed();

    let mut times = Vec::with_capacity(OUTCOMES);
    for n in 0..OUTCOMES {
        let person = if n % 5 == 4 {
            // A walk-in: a NIK not on the list (serials above the list's), checked on the phone.
            let listed = sheet.targets[n].nik.as_str();
            VisitPersonInput::WalkIn {
                nik: format!("{}{:04}", &listed[..12], 9000 + n),
                name: None,
            }
        } else {
            // Every third listed outcome corrects an earlier one.
            VisitPersonInput::Target(sheet.targets[(n * 7) % (PEOPLE / 3)].id)
        };
        let input = VisitOutcomeInput {
            visit_id: sheet.visit.id,
            person,
            outcome: if n % 2 == 0 {
                RecordingOutcome::Recorded
            } else {
                RecordingOutcome::Absent
            },
            ikd: (n % 2 == 0).then_some(IkdOutcome::Activated),
            note: None,
        };
        let started = Instant::now();
        device.record_visit_outcome(input).unwrap();
        times.push(started.elapsed());
    }
    let listing = Instant::now();
    let cards = device.visits().unwrap();
    let not_met = device.visit_targets(sheet.visit.id, "", true).unwrap();
    let list_time = listing.elapsed();
    assert_eq!(cards[0].counts.targets, PEOPLE);
    assert!(!not_met.is_empty());

    times.sort();
    let p95 = times[(OUTCOMES * 95).div_ceil(100) - 1];
    println!(
        "catat hasil perekaman ({PEOPLE} sasaran di ponsel): median {:?}, p95 {:?}, maks {:?} \
         ({OUTCOMES} kali); simpan daftar {load_time:?}; kartu + daftar belum ditemui {list_time:?}",
        times[OUTCOMES / 2],
        p95,
        times.last().copied().unwrap_or(Duration::ZERO)
    );
}
