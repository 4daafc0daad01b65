//! Benchmarks of the spine, run with `cargo bench --bench spine`: importing a 5,000-row list,
//! event ingest over loopback HTTP (single PUTs and batches of 100, with auth and validation),
//! a device syncing 1,000 pending attempts without photos, and a courier's day over a 64 kbit/s
//! link, plain and gzipped (`link`); and ingest with the office on PostgreSQL, one server and
//! two on one database (`ingest-postgres`, on the cluster `.ci/postgres` starts). Prints medians of a few runs; this is a 2-core machine
//! shared by client and server, so read the numbers with that in mind.

use std::path::{Path, PathBuf};
use std::time::Instant;

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FixProvider, GpsFix, Outcome};
use antar_domain::field_role::FieldRole;
use antar_domain::manifest::Manifest;
use antar_domain::region::RegionCode;
use antar_office::{EnrollmentCode, ManifestRequest, Office};

mod baseline;
mod ingest;
mod link;

use ingest::Traffic;

const RUNS: usize = 5;

/// `SPINE_BENCH=ingest` (or `ingest-postgres`, `import`, `sync`, `link`, comma-separated) runs
/// only those parts,
/// so the ingest ratio can be measured repeatedly without the rest; unset runs all four. `profile`
/// (see [`profile_ingest`]) runs only when named.
fn selected(part: &str) -> bool {
    match std::env::var("SPINE_BENCH") {
        Ok(parts) => parts.split(',').any(|p| p.trim() == part),
        Err(_) => part != "profile",
    }
}

fn main() {
    let work = tempfile::tempdir().expect("temp dir");
    let list = five_thousand_row_list(work.path());
    if selected("import") {
        bench_import(&list);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    if selected("ingest") {
        ingest::bench(&runtime, &list, Traffic::Phones);
        ingest::bench(&runtime, &list, Traffic::Worst);
    }
    if selected("ingest-postgres") {
        ingest::bench_postgres(&runtime, &list);
    }
    if selected("sync") {
        bench_sync(&runtime, &list);
    }
    if selected("link") {
        link::bench(&runtime);
    }
    if selected("profile") {
        profile_ingest(&runtime, &list);
    }
}

/// For instruction counts under callgrind (`SPINE_BENCH=profile`): one client (or
/// `SPINE_CLIENTS`) sends `SPINE_SINGLE` PUTs and `SPINE_BATCHES` batches to `SPINE_TARGET`
/// (`ours` or `bare`), as `SPINE_TRAFFIC` (`phones`, the default, or `worst`). Running it with
/// two sizes and subtracting gives the cost of one request, client included (the client is the
/// same for both targets). `SPINE_ENGINE=postgres` stores in a temporary PostgreSQL database
/// (for counting its statements with `pg_stat_statements`).
fn profile_ingest(runtime: &tokio::runtime::Runtime, list: &Path) {
    let count = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let load = ingest::Load {
        clients: count("SPINE_CLIENTS").max(1),
        single_per_client: count("SPINE_SINGLE"),
        batches_per_client: count("SPINE_BATCHES"),
    };
    let traffic = match std::env::var("SPINE_TRAFFIC").as_deref() {
        Ok("worst") => Traffic::Worst,
        _ => Traffic::Phones,
    };
    let postgres = (std::env::var("SPINE_ENGINE").as_deref() == Ok("postgres"))
        .then(antar_office::temp_postgres::TempPostgres::new);
    let database = match &postgres {
        Some(postgres) => antar_office::Database::Postgres(postgres.url()),
        None => antar_office::Database::Sqlite,
    };
    let setup = ingest::Setup::start_on(runtime, list, &database);
    let bare_dir = tempfile::tempdir().expect("temp dir");
    let (base, authed) = if std::env::var("SPINE_TARGET").as_deref() == Ok("bare") {
        (baseline::start(runtime, bare_dir.path()), false)
    } else {
        (setup.base(), true)
    };
    let (single, batched) = ingest::measure(&setup, &base, authed, traffic, load);
    println!("profile: single {single:.0}/s, batch {batched:.0}/s");
    runtime.block_on(setup.running.stop());
    // `SPINE_KEEP=FILE` keeps a copy of the office database, to look at what ingest stored
    // (row sizes, pages) after the temporary directory is gone.
    if let Ok(keep) = std::env::var("SPINE_KEEP") {
        let db = setup.dir.path().join("office.sqlite");
        let conn = rusqlite::Connection::open(&db).expect("office database");
        conn.execute("VACUUM INTO ?1", [&keep])
            .expect("copy of the office database");
    }
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The 500-row sample printed on ten different days: 5,000 distinct documents.
fn five_thousand_row_list(dir: &Path) -> PathBuf {
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/samples/prr_tanggamus_500.csv"
    ))
    .expect("sample list");
    let mut lines = sample.lines();
    let mut out = String::from(lines.next().expect("header"));
    out.push('\n');
    let rows: Vec<&str> = lines.collect();
    let mut number = 0;
    for day in 1..=10 {
        for row in &rows {
            number += 1;
            let mut fields: Vec<String> = row.split(',').map(str::to_owned).collect();
            fields[0] = number.to_string();
            let last = fields.len() - 1;
            fields[last] = format!("{day:02}-11-2026");
            out.push_str(&fields.join(","));
            out.push('\n');
        }
    }
    let path = dir.join("prr_5000.csv");
    std::fs::write(&path, out).expect("write list");
    path
}

fn bench_import(list: &Path) {
    let mut rates = Vec::new();
    for _ in 0..RUNS {
        let dir = tempfile::tempdir().expect("temp dir");
        let office = Office::open(dir.path()).expect("office");
        let started = Instant::now();
        let report = office.import_path(list).expect("import");
        let elapsed = started.elapsed();
        assert_eq!(report.imported, 5000);
        rates.push(5000.0 / elapsed.as_secs_f64());
    }
    println!(
        "import 5,000 rows (CSV, validate, insert): median {:.0} rows/s over {RUNS} runs",
        median(rates)
    );
}

/// An office data folder with the 5,000-row list, a courier with `phones` enrollment codes and
/// a BA of three kecamatan (about 1,440 documents); the office is closed again so a server can
/// open the folder.
fn issued_office(
    list: &Path,
    phones: usize,
    database: &antar_office::Database,
) -> (tempfile::TempDir, Vec<EnrollmentCode>, Manifest) {
    let dir = tempfile::tempdir().expect("temp dir");
    let office = Office::open_on(dir.path(), database).expect("office");
    office.import_path(list).expect("import");
    let (courier, code) = office
        .add_courier("Kurir Bench", None, FieldRole::Courier)
        .expect("courier");
    let kecamatan = ["18.06.03", "18.06.11", "18.06.12"]
        .iter()
        .map(|c| RegionCode::parse(c).expect("code"))
        .collect();
    let manifest = office
        .issue_manifest(ManifestRequest {
            courier,
            officer: "Bench".into(),
            officer_nip: antar_domain::nip::Nip::parse("198504122010012003").expect("nip"),
            kecamatan,
            desa: vec![],
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
        })
        .expect("manifest");
    let mut codes = vec![code];
    while codes.len() < phones {
        codes.push(office.new_enrollment_code(courier).expect("code"));
    }
    (dir, codes, manifest)
}

fn bench_sync(runtime: &tokio::runtime::Runtime, list: &Path) {
    const PENDING: usize = 1_000;
    let mut times = Vec::new();
    let mut bytes_per_attempt = Vec::new();
    for _ in 0..RUNS {
        let (dir, codes, manifest) = issued_office(list, 1, &antar_office::Database::Sqlite);
        assert!(manifest.items.len() >= PENDING);
        let running = runtime
            .block_on(antar_office::spawn(dir.path(), "127.0.0.1:0"))
            .expect("office server");
        let device_dir = tempfile::tempdir().expect("temp dir");
        let mut device = Device::open(device_dir.path()).expect("device");
        device
            .enroll(
                &format!("http://{}", running.addr),
                &codes[0].to_string(),
                "bench",
            )
            .expect("enroll");
        device.pull().expect("pull");
        for item in manifest.items.iter().take(PENDING) {
            device
                .record_attempt(AttemptInput {
                    item_id: item.id,
                    outcome: Outcome::DeliveredToOwner,
                    photo: None,
                    fix: Some(
                        GpsFix::new(-5.32, 104.59, 9.0, chrono::Utc::now(), FixProvider::Gps)
                            .expect("fix"),
                    ),
                    note: None,
                })
                .expect("record");
        }
        let started = Instant::now();
        let report = device.sync().expect("sync");
        times.push(started.elapsed().as_secs_f64());
        assert_eq!(report.events_sent, PENDING);
        bytes_per_attempt.push((report.bytes_sent + report.bytes_received) as f64 / PENDING as f64);
        runtime.block_on(running.stop());
    }
    println!(
        "sync 1,000 pending attempts without photos: median {:.3} s, {:.0} bytes on the wire per attempt (sent + received)",
        median(times),
        median(bytes_per_attempt)
    );
}
