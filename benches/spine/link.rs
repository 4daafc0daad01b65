//! `SPINE_BENCH=link`: a courier's day over a 64 kbit/s link (issue 17), plain as phones were
//! and gzipped as they are now: a 261-document BA downloaded, then 150 attempts without photo
//! sent in one sync, through [`FaultProxy::throttled`]. One run of each: the link, not the
//! machine, sets the time.

use std::path::Path;
use std::time::Instant;

use antar_device::{AttemptInput, Device, SyncOptions};
use antar_domain::attempt::{FixProvider, GpsFix, Outcome};
use antar_domain::field_role::FieldRole;
use antar_domain::region::RegionCode;
use antar_fault_proxy::FaultProxy;
use antar_office::{ManifestRequest, Office};

const LINK_BITS_PER_SECOND: u64 = 64_000;
const ATTEMPTS: usize = 150;
/// About 260 documents of the 500-row sample.
const KECAMATAN: [&str; 7] = [
    "18.06.03", "18.06.12", "18.06.11", "18.06.01", "18.06.21", "18.06.09", "18.06.26",
];

pub(crate) fn bench(runtime: &tokio::runtime::Runtime) {
    for gzip in [false, true] {
        let day = one_day(runtime, gzip);
        println!(
            "link 64 kbit/s, {}: pull of a {}-document BA {:.1} s, {} bytes received; \
             sync of {ATTEMPTS} attempts {:.1} s, {:.0} bytes per attempt (sent + received)",
            if gzip { "gzip" } else { "plain" },
            day.documents,
            day.pull_seconds,
            day.pull_bytes,
            day.sync_seconds,
            day.sync_bytes as f64 / ATTEMPTS as f64,
        );
    }
}

struct Day {
    documents: usize,
    pull_seconds: f64,
    pull_bytes: u64,
    sync_seconds: f64,
    sync_bytes: u64,
}

fn one_day(runtime: &tokio::runtime::Runtime, gzip: bool) -> Day {
    let dir = tempfile::tempdir().expect("temp dir");
    let code = {
        let office = Office::open(dir.path()).expect("office");
        let sample =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/prr_tanggamus_500.csv");
        office.import_path(&sample).expect("import");
        let (courier, code) = office
            .add_courier("Kurir Bench", None, FieldRole::Courier)
            .expect("courier");
        office
            .issue_manifest(ManifestRequest {
                courier,
                officer: "Bench".into(),
                officer_nip: antar_domain::nip::Nip::parse("198504122010012003").expect("nip"),
                kecamatan: KECAMATAN
                    .iter()
                    .map(|c| RegionCode::parse(c).expect("code"))
                    .collect(),
                desa: vec![],
                issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
            })
            .expect("manifest");
        code
    };
    let running = runtime
        .block_on(antar_office::spawn(dir.path(), "127.0.0.1:0"))
        .expect("office server");
    let link = FaultProxy::throttled(running.addr, LINK_BITS_PER_SECOND).expect("proxy");
    let device_dir = tempfile::tempdir().expect("temp dir");
    let mut device = Device::open(device_dir.path()).expect("device");
    device.set_sync_options(SyncOptions {
        gzip,
        ..SyncOptions::default()
    });
    device
        .enroll(&link.url(), &code.to_string(), "bench")
        .expect("enroll");

    let started = Instant::now();
    let pulled = device.pull().expect("pull");
    let pull_seconds = started.elapsed().as_secs_f64();
    let card = device.manifests().expect("manifests").remove(0);
    let items = device.manifest(card.id).expect("manifest").items;
    assert!(items.len() > ATTEMPTS);
    for item in items.iter().take(ATTEMPTS) {
        device
            .record_attempt(AttemptInput {
                item_id: item.id,
                outcome: Outcome::DeliveredToOwner,
                photo: None,
                fix: Some(
                    GpsFix::new(-5.4931, 104.6192, 9.0, chrono::Utc::now(), FixProvider::Gps)
                        .expect("fix"),
                ),
                note: None,
            })
            .expect("record");
    }
    let started = Instant::now();
    let report = device.sync().expect("sync");
    let sync_seconds = started.elapsed().as_secs_f64();
    assert_eq!(report.receipts_stored, ATTEMPTS);
    drop(link);
    runtime.block_on(running.stop());
    Day {
        documents: items.len(),
        pull_seconds,
        pull_bytes: pulled.bytes_received,
        sync_seconds,
        sync_bytes: report.bytes_sent + report.bytes_received,
    }
}
