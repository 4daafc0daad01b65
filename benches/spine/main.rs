//! Benchmarks of the spine, run with `cargo bench --bench spine`: importing a 5,000-row list,
//! event ingest over loopback HTTP (single PUTs and batches of 100, with auth and validation),
//! and a device syncing 1,000 pending attempts without photos. Prints medians of a few runs;
//! this is a 2-core machine shared by client and server, so read the numbers with that in mind.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{Attempt, FailureReason, FixProvider, GpsFix, Outcome};
use antar_domain::ids::{DeviceId, EventId, ItemId, Sha256Hash};
use antar_domain::manifest::Manifest;
use antar_domain::region::RegionCode;
use antar_domain::wire::{
    self, BatchRequest, EnrollRequest, EnrollResponse, Event, EventBody, ManifestList,
};
use antar_office::{EnrollmentCode, ManifestRequest, Office};

mod baseline;

const RUNS: usize = 5;

/// `SPINE_BENCH=ingest` (or `import`, `sync`, comma-separated) runs only those parts, so the
/// ingest ratio can be measured repeatedly without the rest; unset runs all three. `profile`
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
        bench_ingest(&runtime, &list);
    }
    if selected("sync") {
        bench_sync(&runtime, &list);
    }
    if selected("profile") {
        profile_ingest(&runtime, &list);
    }
}

/// For instruction counts under callgrind (`SPINE_BENCH=profile`): one client sends
/// `SPINE_SINGLE` PUTs and `SPINE_BATCHES` batches to `SPINE_TARGET` (`ours` or `bare`).
/// Running it with two sizes and subtracting gives the cost of one request, client included
/// (the client is the same for both targets).
fn profile_ingest(runtime: &tokio::runtime::Runtime, list: &Path) {
    let count = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let load = Load {
        clients: 1,
        single_per_client: count("SPINE_SINGLE"),
        batches_per_client: count("SPINE_BATCHES"),
    };
    let setup = office_with_manifest(runtime, list);
    let bare_dir = tempfile::tempdir().expect("temp dir");
    let (base, token) = if std::env::var("SPINE_TARGET").as_deref() == Ok("bare") {
        (baseline::start(runtime, bare_dir.path()), None)
    } else {
        let base = format!("http://{}{}", setup.running.addr, wire::API_PREFIX);
        (base, Some(setup.token.as_str()))
    };
    let (single, batched) = measure_ingest_with(&setup, &base, token, load);
    println!("profile: single {single:.0}/s, batch {batched:.0}/s");
    runtime.block_on(setup.running.stop());
    // `SPINE_KEEP=FILE` keeps a copy of the office database, to look at what ingest stored
    // (row sizes, pages) after the temporary directory is gone.
    if let Ok(keep) = std::env::var("SPINE_KEEP") {
        let db = setup._dir.path().join("office.sqlite");
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

struct Setup {
    _dir: tempfile::TempDir,
    running: antar_office::RunningOffice,
    token: String,
    device_id: DeviceId,
    manifest: Manifest,
    manifest_sha256: Sha256Hash,
}

/// An office data folder with the 5,000-row list, a courier and a BA of three kecamatan
/// (about 1,440 documents); the office is closed again so a server can open the folder.
fn issued_office(list: &Path) -> (tempfile::TempDir, EnrollmentCode, Manifest) {
    let dir = tempfile::tempdir().expect("temp dir");
    let office = Office::open(dir.path()).expect("office");
    office.import_path(list).expect("import");
    let (courier, code) = office.add_courier("Kurir Bench", None).expect("courier");
    let kecamatan = ["18.06.03", "18.06.11", "18.06.12"]
        .iter()
        .map(|c| RegionCode::parse(c).expect("code"))
        .collect();
    let manifest = office
        .issue_manifest(ManifestRequest {
            courier,
            officer: "Bench".into(),
            kecamatan,
            desa: vec![],
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
        })
        .expect("manifest");
    (dir, code, manifest)
}

/// An office with the 5,000-row list and one BA of every document, and one enrolled device.
fn office_with_manifest(runtime: &tokio::runtime::Runtime, list: &Path) -> Setup {
    let (dir, code, _) = issued_office(list);
    let running = runtime
        .block_on(antar_office::spawn(dir.path(), "127.0.0.1:0"))
        .expect("office server");
    let base = format!("http://{}{}", running.addr, wire::API_PREFIX);
    let agent = ureq::Agent::new_with_defaults();
    let enrolled: EnrollResponse = agent
        .post(format!("{base}/enroll"))
        .header(wire::PROTOCOL_HEADER, wire::PROTOCOL_VERSION.to_string())
        .send_json(EnrollRequest {
            code: code.to_string(),
            device_label: "bench".into(),
        })
        .expect("enroll")
        .body_mut()
        .read_json()
        .expect("enroll body");
    let token = enrolled.token;
    let list: ManifestList = get_json(&agent, &format!("{base}/manifests"), &token);
    let manifest: Manifest = get_json(
        &agent,
        &format!("{base}/manifests/{}", list.manifests[0].id),
        &token,
    );
    Setup {
        _dir: dir,
        running,
        token,
        device_id: enrolled.device_id,
        manifest_sha256: manifest.content_hash(),
        manifest,
    }
}

fn get_json<T: serde::de::DeserializeOwned>(agent: &ureq::Agent, url: &str, token: &str) -> T {
    agent
        .get(url)
        .header(wire::PROTOCOL_HEADER, wire::PROTOCOL_VERSION.to_string())
        .header("authorization", format!("Bearer {token}"))
        .call()
        .expect("GET")
        .body_mut()
        .read_json()
        .expect("json")
}

/// Failed attempts can follow each other on one item, so every event is a legal one.
fn failed_attempt(setup: &Setup, seq: u64, item: ItemId) -> Event {
    Event {
        id: EventId::new_v7(),
        device_id: setup.device_id,
        device_seq: seq,
        recorded_at: chrono::Utc::now(),
        since_contact: None,
        prev_sha256: None,
        body: EventBody::Attempt(Attempt {
            manifest_id: setup.manifest.id,
            manifest_sha256: setup.manifest_sha256,
            item_id: item,
            outcome: Outcome::Failed {
                reason: FailureReason::NotAtHome,
            },
            fix: Some(
                GpsFix::new(-5.32, 104.59, 9.0, chrono::Utc::now(), FixProvider::Gps).expect("fix"),
            ),
            place: None,
            photo: None,
            note: None,
        }),
    }
}

const CLIENTS: usize = 4;
const SINGLE_PER_CLIENT: usize = 2_500;
const BATCHES_PER_CLIENT: usize = 100;
const BATCH: usize = 100;

/// How many clients send how much; the bench's constants, or smaller ones for profiling.
#[derive(Clone, Copy)]
struct Load {
    clients: usize,
    single_per_client: usize,
    batches_per_client: usize,
}

const FULL_LOAD: Load = Load {
    clients: CLIENTS,
    single_per_client: SINGLE_PER_CLIENT,
    batches_per_client: BATCHES_PER_CLIENT,
};

/// Events/s for single PUTs and for batches against the API at `base`.
fn measure_ingest(setup: &Setup, base: &str, token: Option<&str>) -> (f64, f64) {
    measure_ingest_with(setup, base, token, FULL_LOAD)
}

fn measure_ingest_with(setup: &Setup, base: &str, token: Option<&str>, load: Load) -> (f64, f64) {
    let items: Vec<ItemId> = setup.manifest.items.iter().map(|i| i.id).collect();
    let auth = token.map(|t| format!("Bearer {t}"));
    let events: Vec<Vec<Event>> = (0..load.clients)
        .map(|c| {
            (0..load.single_per_client)
                .map(|n| {
                    let seq = (c * load.single_per_client + n) as u64 + 1;
                    failed_attempt(setup, seq, items[n % items.len()])
                })
                .collect()
        })
        .collect();
    let elapsed = run_clients(events, |agent, event| {
        let mut request = agent
            .put(format!("{base}/events/{}", event.id))
            .header(wire::PROTOCOL_HEADER, "1")
            .header("content-type", "application/json");
        if let Some(auth) = &auth {
            request = request.header("authorization", auth);
        }
        let mut response = request.send(&event.canonical_bytes()[..]).expect("PUT");
        assert_eq!(response.status(), 201);
        // Read the answer (the receipt; the yardstick's is empty) as a device does: ureq
        // reuses a keep-alive connection only once its body was read, and left unread it
        // opened a new TCP connection per request against the office but not the yardstick.
        response.body_mut().read_to_vec().expect("receipt");
    });
    let single = (load.clients * load.single_per_client) as f64 / elapsed.as_secs_f64();

    let batches: Vec<Vec<BatchRequest>> = (0..load.clients)
        .map(|c| {
            (0..load.batches_per_client)
                .map(|b| BatchRequest {
                    events: (0..BATCH)
                        .map(|n| {
                            let seq =
                                1_000_000 + ((c * load.batches_per_client + b) * BATCH + n) as u64;
                            failed_attempt(setup, seq, items[n % items.len()])
                        })
                        .collect(),
                })
                .collect()
        })
        .collect();
    let elapsed = run_clients(batches, |agent, batch| {
        let mut request = agent
            .post(format!("{base}/events/batch"))
            .header(wire::PROTOCOL_HEADER, "1");
        if let Some(auth) = &auth {
            request = request.header("authorization", auth);
        }
        let mut response = request.send_json(batch).expect("POST batch");
        assert_eq!(response.status(), 200);
        response.body_mut().read_to_vec().expect("receipts");
    });
    let batched = (load.clients * load.batches_per_client * BATCH) as f64 / elapsed.as_secs_f64();
    (single, batched)
}

fn bench_ingest(runtime: &tokio::runtime::Runtime, list: &Path) {
    let (mut ours_single, mut ours_batched) = (Vec::new(), Vec::new());
    let (mut bare_single, mut bare_batched) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let setup = office_with_manifest(runtime, list);
        let base = format!("http://{}{}", setup.running.addr, wire::API_PREFIX);
        let (single, batched) = measure_ingest(&setup, &base, Some(&setup.token));
        ours_single.push(single);
        ours_batched.push(batched);
        eprintln!("  run: ours single {single:.0}/s, batch {batched:.0}/s");

        let bare_dir = tempfile::tempdir().expect("temp dir");
        let bare = baseline::start(runtime, bare_dir.path());
        let (single, batched) = measure_ingest(&setup, &bare, None);
        bare_single.push(single);
        bare_batched.push(batched);
        eprintln!("  run: bare single {single:.0}/s, batch {batched:.0}/s");
        runtime.block_on(setup.running.stop());
    }
    let report = |what: &str, ours: Vec<f64>, bare: Vec<f64>| {
        let (ours, bare) = (median(ours), median(bare));
        println!(
            "ingest, {what} ({CLIENTS} keep-alive clients): median {ours:.0} events/s; bare axum+rusqlite {bare:.0} events/s; ratio {:.2}",
            bare / ours
        );
    };
    report("single PUT /events/{id}", ours_single, bare_single);
    report(
        &format!("POST /events/batch of {BATCH}"),
        ours_batched,
        bare_batched,
    );
}

/// Runs each client's work list on its own thread with its own keep-alive connection.
fn run_clients<T: Sync>(work: Vec<Vec<T>>, send: impl Fn(&ureq::Agent, &T) + Sync) -> Duration {
    let started = Instant::now();
    std::thread::scope(|scope| {
        for jobs in &work {
            let send = &send;
            scope.spawn(move || {
                let agent = ureq::Agent::new_with_defaults();
                for job in jobs {
                    send(&agent, job);
                }
            });
        }
    });
    started.elapsed()
}

fn bench_sync(runtime: &tokio::runtime::Runtime, list: &Path) {
    const PENDING: usize = 1_000;
    let mut times = Vec::new();
    let mut bytes_per_attempt = Vec::new();
    for _ in 0..RUNS {
        let (dir, code, manifest) = issued_office(list);
        assert!(manifest.items.len() >= PENDING);
        let running = runtime
            .block_on(antar_office::spawn(dir.path(), "127.0.0.1:0"))
            .expect("office server");
        let device_dir = tempfile::tempdir().expect("temp dir");
        let mut device = Device::open(device_dir.path()).expect("device");
        device
            .enroll(
                &format!("http://{}", running.addr),
                &code.to_string(),
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
