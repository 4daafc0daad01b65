//! How fast the staff pages answer with a year's data: 50,000 documents, 50 BA of 1,000
//! items, 100,000 attempts (two per item; 80 % end delivered, 20 % failed). The data is
//! written straight into SQLite in one transaction, then each main page is requested over
//! HTTP by a signed-in admin; the median and the maximum of the requests are printed.
//!
//! `cargo bench -p antar-office --bench web`. `ANTAR_BENCH_RUNS` sets the requests per page
//! (default 15), `ANTAR_BENCH_DOCUMENTS=1000000` the number
//! of documents (attempts are twice as many; default 50,000), and `ANTAR_BENCH_ENGINE=postgres`
//! serves the pages from PostgreSQL (issue 19): the data is written into SQLite as above, then
//! moved with `copy-to-postgres` (its time is printed) into a throwaway database on the
//! cluster `.ci/postgres` starts. `ANTAR_BENCH_KEEP=1` keeps the folder and the database and
//! prints where they are.

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use antar_domain::field_role::FieldRole;
use antar_domain::region::{Level, Registry};
use antar_office::{Database, Office, Role};
use rusqlite::params;

/// Documents unless `ANTAR_BENCH_DOCUMENTS` says otherwise.
const DOCUMENTS: usize = 50_000;
const PER_MANIFEST: usize = 1_000;
/// Requests per page unless `ANTAR_BENCH_RUNS` says otherwise.
const RUNS: usize = 15;
const PASSWORD: &str = "sandi-bench-panjang";

fn documents() -> usize {
    std::env::var("ANTAR_BENCH_DOCUMENTS")
        .ok()
        .and_then(|n| n.replace(['_', ','], "").parse().ok())
        .unwrap_or(DOCUMENTS)
}

fn runs() -> usize {
    std::env::var("ANTAR_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(RUNS)
}

fn main() {
    let documents = documents();
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let office = Office::open(dir.path()).unwrap();
    office
        .add_staff_user("admin", "Admin", None, Role::Admin, PASSWORD)
        .unwrap();
    let (courier, _) = office
        .add_courier("Kurir Bench", None, FieldRole::Courier)
        .unwrap();
    drop(office);
    let (manifest, seq) = fill(dir.path(), &courier.to_string(), documents);
    println!(
        "data: {documents} dokumen, {} percobaan, dibuat dalam {:?}",
        documents * 2,
        started.elapsed()
    );
    let on_postgres = std::env::var("ANTAR_BENCH_ENGINE").is_ok_and(|e| e == "postgres");
    let postgres = on_postgres.then(antar_office::temp_postgres::TempPostgres::new);
    let database = match &postgres {
        Some(pg) => {
            let database = Database::Postgres(pg.url());
            let copying = Instant::now();
            let tables = antar_office::copy_to_postgres(dir.path(), &database).unwrap();
            let rows: u64 = tables.iter().map(|t| t.rows).sum();
            println!(
                "disalin ke PostgreSQL: {rows} baris dalam {:?} (diperiksa)",
                copying.elapsed()
            );
            database
        }
        None => Database::Sqlite,
    };

    let rt = tokio::runtime::Runtime::new().unwrap();
    let running = rt
        .block_on(antar_office::spawn_on(
            dir.path(),
            &database,
            "127.0.0.1:0",
            antar_office::WebConfig::default(),
        ))
        .unwrap();
    let base = running.base_url();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let cookie = sign_in(&agent, &base);
    let pages = [
        "/".to_owned(),
        "/dokumen".to_owned(),
        // A page after a document in the middle, and the last page (issue 19: keyset paging).
        format!("/dokumen?setelah={}", documents / 2),
        "/dokumen?akhir=1".to_owned(),
        "/dokumen?kecamatan=18.06.01&status=failed".to_owned(),
        "/dokumen?status=not_dispatched&umur=3".to_owned(),
        "/ba".to_owned(),
        "/ba/baru".to_owned(),
        format!("/ba/{manifest}"),
        format!("/ba/{manifest}/cetak"),
        "/bukti".to_owned(),
        format!("/bukti?semua=1&setelah={documents}"),
        "/bukti?urutan=temuan".to_owned(),
        format!("/bukti?urutan=temuan&setelah={documents}"),
        // The last pages of the attempts.
        "/bukti?semua=1&akhir=1".to_owned(),
        "/bukti?urutan=temuan&akhir=1".to_owned(),
        format!("/bukti/{seq}"),
        "/tindak-lanjut".to_owned(),
        "/standar".to_owned(),
        "/laporan".to_owned(),
        "/laporan.xlsx".to_owned(),
        "/audit".to_owned(),
        "/kurir".to_owned(),
        "/tindak-lanjut.xlsx".to_owned(),
    ];
    println!("{:<45} {:>10} {:>10}", "halaman", "median", "maks");
    for page in &pages {
        time_page(&agent, &base, &cookie, page, page);
    }
    // A citizen's document by NIK, its last digits, or a name: the search is sent once by
    // POST (kept with the session), then its results page is what staff wait for.
    let n = 12_345;
    let nik = bench_nik(n);
    let csrf = csrf_of(&agent, &base, &cookie);
    for (label, search) in [
        ("cari: NIK lengkap", nik.clone()),
        ("cari: 6 angka akhir NIK", nik[10..].to_owned()),
        // Every name holds it: the worst case, a LIKE over every row and a full count.
        ("cari: nama (cocok semua)", "warga".to_owned()),
    ] {
        let sent = agent
            .post(format!("{base}/dokumen"))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .send(format!("csrf={csrf}&q={}", search.replace(' ', "+")))
            .unwrap();
        assert_eq!(sent.status().as_u16(), 303, "{label}");
        time_page(&agent, &base, &cookie, label, "/dokumen?cari=1");
    }
    time_page(&agent, &base, &cookie, "/dokumen/12346", "/dokumen/12346");
    rt.block_on(running.stop());
    if std::env::var_os("ANTAR_BENCH_KEEP").is_some() {
        // To look at the queries afterwards (EXPLAIN ANALYZE) without filling again.
        let kept = dir.keep();
        println!("kept: folder {}", kept.display());
        if let Some(pg) = postgres {
            println!("kept: database {}", pg.url());
            std::mem::forget(pg);
        }
    }
}

/// The NIK `fill` gives document `n` (0-based).
fn bench_nik(n: usize) -> String {
    let desas = desas(Registry::tanggamus());
    let kecamatan = &desas[n % desas.len()].0;
    format!(
        "{}{:02}0190{:04}",
        kecamatan.replace('.', ""),
        1 + n % 28,
        1 + n % 9_999
    )
}

/// Requests `path` [`RUNS`] times and prints the median and the slowest.
fn time_page(agent: &ureq::Agent, base: &str, cookie: &str, label: &str, path: &str) {
    let runs = runs();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let mut reply = agent
                .get(format!("{base}{path}"))
                .header("cookie", cookie)
                .call()
                .unwrap();
            let status = reply.status().as_u16();
            let body = reply
                .body_mut()
                .with_config()
                .limit(64 << 20)
                .read_to_vec()
                .unwrap();
            assert_eq!(status, 200, "{label}");
            if path.contains("cari=1") {
                // A search must find what it looks for, or its time means nothing.
                assert!(
                    String::from_utf8_lossy(&body).contains("href=\"/dokumen/"),
                    "{label}"
                );
            }
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "{label:<45} {:>8.1}ms {:>8.1}ms",
        ms(times[runs / 2]),
        ms(times[runs - 1])
    );
}

/// The CSRF token of the signed-in session, from the home page's forms.
fn csrf_of(agent: &ureq::Agent, base: &str, cookie: &str) -> String {
    let html = agent
        .get(format!("{base}/"))
        .header("cookie", cookie)
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let at = html.find("name=\"csrf\" value=\"").unwrap() + 19;
    html[at..at + 64].to_owned()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn sign_in(agent: &ureq::Agent, base: &str) -> String {
    let mut page = agent.get(format!("{base}/masuk")).call().unwrap();
    let login_cookie = page
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let html = page.body_mut().read_to_string().unwrap();
    let at = html.find("name=\"csrf\" value=\"").unwrap() + 19;
    let token = &html[at..at + 64];
    let reply = agent
        .post(format!("{base}/masuk"))
        .header("cookie", &login_cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .send(format!("csrf={token}&username=admin&password={PASSWORD}"))
        .unwrap();
    reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("antar_sesi="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Writes the documents, manifests, items, events and attempts; returns a manifest id and
/// an attempt's office_seq to time their pages.
fn fill(dir: &std::path::Path, courier: &str, documents: usize) -> (String, i64) {
    let registry = Registry::tanggamus();
    let desas = desas(registry);
    let mut conn = rusqlite::Connection::open(dir.join("office.sqlite")).unwrap();
    let tx = conn.transaction().unwrap();
    let now = "2026-11-20T03:00:00.000Z";
    let mut first_manifest = String::new();
    {
        let mut doc = tx.prepare("INSERT INTO documents (id, dedup_key, nik, name, sex, birth_place, birth_date, address_json, kecamatan, kecamatan_name, desa, desa_name, rt, rw, document_type, printed_on, imported_at) VALUES (?1, ?2, ?3, ?4, 'L', 'KOTA AGUNG', '1990-01-01', ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'KTP-el', ?12, ?13)").unwrap();
        let mut manifest = tx.prepare("INSERT INTO manifests (id, number, year, seq, issued_on, issued_by, courier_id, created_at) VALUES (?1, ?2, 2026, ?3, '2026-11-10', 'Petugas', ?4, ?5)").unwrap();
        // delivered_at as the server's ingest keeps it: the delivering attempt's time.
        let mut item = tx.prepare("INSERT INTO manifest_items (id, manifest_id, document_id, line, state, updated_at, delivered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)").unwrap();
        // One row per attempt event, with what the office's own checks store (store::custody).
        let mut event = tx.prepare("INSERT INTO events (office_seq, id, device_id, device_seq, canonical, sha256, received_at, item_state, item_id, outcome, reason, lat, lon, accuracy_m, mock_location, recorded_at, chain, chain_json, time, time_json, manifest_bound, place_office, place_device, place_agrees) VALUES (?1, ?2, 'dev', ?1, x'7b7d', 'ab', ?5, 'failed', ?3, ?4, ?6, -5.49, 104.62, 12.0, 0, ?5, 'linked', '{\"chain\":\"linked\"}', 'consistent', '{\"time\":\"consistent\",\"earliest\":\"2026-11-11T01:00:00Z\",\"latest\":\"2026-11-11T03:00:00Z\"}', 1, '{\"kind\":\"inside\"}', '{\"kind\":\"inside\"}', 1)").unwrap();
        // As ingest keeps it: the item's latest attempt.
        let mut latest = tx
            .prepare("UPDATE manifest_items SET last_office_seq = ?2 WHERE id = ?1")
            .unwrap();
        let mut seq = 0i64;
        let mut manifest_id = String::new();
        for n in 0..documents {
            let (kcode, kname, dcode, dname) = &desas[n % desas.len()];
            let id = i64::try_from(n + 1).unwrap();
            let m = id - 1;
            let nik = format!(
                "{}{:02}0190{:04}",
                &kcode.replace('.', ""),
                1 + n % 28,
                1 + n % 9_999
            );
            let address = serde_json::json!({"alamat": "DUSUN I", "rt": "001", "rw": "002", "desa": dcode, "desa_name": dname, "kecamatan": kcode, "kecamatan_name": kname}).to_string();
            let printed = format!("2026-{:02}-{:02}", 1 + n % 11, 1 + n % 28);
            doc.execute(params![
                id,
                format!("k{n}"),
                nik,
                format!("WARGA {n}"),
                address,
                kcode,
                kname,
                dcode,
                dname,
                1 + m % 12,
                1 + m % 6,
                printed,
                now
            ])
            .unwrap();
            if n % PER_MANIFEST == 0 {
                manifest_id = uuid::Uuid::now_v7().to_string();
                let number = format!("470/{:04}/BA-PENG/DUKCAPIL/XI/2026", n / PER_MANIFEST + 1);
                manifest
                    .execute(params![manifest_id, number, m / 1000 + 1, courier, now])
                    .unwrap();
                if first_manifest.is_empty() {
                    first_manifest = manifest_id.clone();
                }
            }
            let delivered = n % 5 != 0;
            let item_id = uuid::Uuid::now_v7().to_string();
            let delivered_at =
                delivered.then(|| format!("2026-11-{:02}T02:00:00.000Z", 11 + n % 10));
            item.execute(params![
                item_id,
                manifest_id,
                id,
                m % 1000 + 1,
                if delivered { "delivered" } else { "failed" },
                now,
                delivered_at
            ])
            .unwrap();
            let last = if delivered {
                ("delivered_to_owner", None)
            } else {
                ("failed", Some("moved"))
            };
            for (k, outcome) in [("failed", Some("not_at_home")), last]
                .into_iter()
                .enumerate()
            {
                seq += 1;
                let at = format!("2026-11-{:02}T0{}:00:00.000Z", 11 + n % 10, k + 1);
                event
                    .execute(params![
                        seq,
                        uuid::Uuid::now_v7().to_string(),
                        item_id,
                        outcome.0,
                        at,
                        outcome.1
                    ])
                    .unwrap();
                latest.execute(params![item_id, seq]).unwrap();
            }
        }
        let _ = seq;
    }
    tx.commit().unwrap();
    (first_manifest, 2)
}

/// (kecamatan code, kecamatan name, desa code, desa name) of every desa and kelurahan, in the
/// order `fill` spreads documents over them.
fn desas(registry: &Registry) -> Vec<(String, String, String, String)> {
    registry
        .kecamatans()
        .flat_map(|k| {
            registry
                .desas_in(&k.code)
                .filter(|d| matches!(d.level, Level::Desa | Level::Kelurahan))
                .map(|d| {
                    (
                        k.code.as_str().to_owned(),
                        k.name.clone(),
                        d.code.as_str().to_owned(),
                        d.name.clone(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
