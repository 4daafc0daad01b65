//! The staff web in a real browser: headless Chromium driven through chromedriver signs in,
//! adds a courier, imports the 500-row sample, issues and prints a BA, and reviews a proof
//! that a courier's phone (`antar_device::Device`) synced through the real API, then plans a
//! recording team's visit, uploads its target list and reads the visits' report. Screenshots
//! go to the test's temp folder, or to the folder named by `ANTAR_SCREENSHOTS` (run with
//! `ANTAR_SCREENSHOTS=docs/screenshots` from the repo root to refresh the README's).
//!
//! Needs Debian's `chromium` and `chromium-driver` packages; without them the test fails and
//! says so (it is not skipped silently).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use antar_device::{AttemptInput, Device};
use antar_domain::attempt::{FixProvider, GpsFix, Outcome};
use antar_domain::region::Registry;
use antar_office::{Office, Role};
use fantoccini::{Client, ClientBuilder, Locator};

pub(super) const PASSWORD: &str = "sandi-kantor-uji-1";

pub(super) fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

/// chromedriver, killed when the test ends (also on panic).
pub(super) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Fills the sign-in form on the current page with `name` and `password` and sends it.
pub(crate) async fn submit_sign_in(client: &Client, name: &str, password: &str) {
    for (id, value) in [("username", name), ("password", password)] {
        client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    client
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(super) fn start_driver() -> (Driver, u16) {
    let missing = "headless Chromium is required for this test: install the Debian packages \
                   `chromium` and `chromium-driver` (apt-get install -y chromium chromium-driver)";
    assert!(Path::new("/usr/bin/chromium").exists(), "{missing}");
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{missing} ({e})"));
    let driver = Driver(child);
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, port)
}

pub(super) async fn browser(port: u16, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                "--lang=id-ID",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .unwrap()
}

/// A screenshot of the whole page (the window is stretched to the page's height), after
/// checking the page's stylesheet was let in by its security policy.
pub(super) async fn shot(client: &Client, name: &str) {
    shot_at(client, name, 1400).await;
    client.set_window_size(1400, 1000).await.unwrap();
}

/// [`shot`] with the window `width` wide (its height is the page's); the window stays that wide.
pub(super) async fn shot_at(client: &Client, name: &str, width: u32) {
    let styled = client
        .execute(
            "try { return Array.from(document.styleSheets).some(s => s.cssRules.length > 10); } \
             catch (e) { return false; }",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap_or(false);
    assert!(styled, "{name}: the stylesheet did not load");
    let height = client
        .execute(
            // The window's height holds the browser's own bar too: the page gets the rest.
            "return Math.min(document.documentElement.scrollHeight, 4000) \
             + (window.outerHeight - window.innerHeight);",
            vec![],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(1000);
    client
        .set_window_size(width, u32::try_from(height.max(700)).unwrap())
        .await
        .unwrap();
    let png = client.screenshot().await.unwrap();
    // A plain test run must not rewrite the images the repo ships.
    let dir = match std::env::var_os("ANTAR_SCREENSHOTS") {
        Some(dir) => repo(&dir.to_string_lossy()),
        None => std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots"),
    };
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Waits until the page's path satisfies `want` (a form submit navigates asynchronously).
pub(super) async fn wait_path(client: &Client, want: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let path = client.current_url().await.unwrap().path().to_owned();
        if want(&path) {
            return path;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "still at {path}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub(super) async fn wait_for(client: &Client, css: &str) {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"));
}

pub(super) async fn text_of(client: &Client) -> String {
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Plans a recording team's visit through the form (the courier enrolled above is its team),
/// uploads the sample target list to it, and reads the month's report of visits.
async fn plan_visit_and_read_its_report(client: &Client, base: &str) {
    client
        .goto(&format!("{base}/kunjungan/baru"))
        .await
        .unwrap();
    client
        .find(Locator::Css("select[name=jenis]"))
        .await
        .unwrap()
        .select_by_value("pekon")
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=tempat]"))
        .await
        .unwrap()
        .send_keys("Balai Pekon Penanggungan")
        .await
        .unwrap();
    client
        .find(Locator::Css("select[name=desa]"))
        .await
        .unwrap()
        .select_by_value("18.06.01.2019")
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=tim]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    shot(client, "14-kunjungan-baru").await;
    client
        .find(Locator::Css("form.visit-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_path(client, |p| {
        p.starts_with("/kunjungan/") && p != "/kunjungan/baru"
    })
    .await;
    let text = text_of(client).await;
    assert!(text.contains("Direncanakan"), "{text}");
    assert!(text.contains("Budi Santoso"), "{text}");

    let targets = repo("data/samples/keliling_targets_sample.csv")
        .canonicalize()
        .unwrap();
    client
        .find(Locator::Css("form.upload input[name=berkas]"))
        .await
        .unwrap()
        .send_keys(&targets.display().to_string())
        .await
        .unwrap();
    client
        .find(Locator::Css("form.upload button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(client, "section.result").await;
    let text = text_of(client).await;
    assert!(text.contains("140"), "{text}");
    assert!(text.contains("Baris yang ditolak"), "{text}");
    shot(client, "15-kunjungan").await;

    client.goto(&format!("{base}/kunjungan")).await.unwrap();
    client
        .find(Locator::Css("a.button[href^='/kunjungan/laporan']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_path(client, |p| p == "/kunjungan/laporan").await;
    let text = text_of(client).await;
    assert!(
        text.contains("Laporan bulanan pelayanan keliling"),
        "{text}"
    );
    assert!(text.contains("Kota Agung"), "{text}");
    assert!(text.contains("Budi Santoso"), "{text}");
    assert!(text.contains("0 dari 140"), "{text}");
    shot(client, "16-kunjungan-laporan").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_import_ba_and_proof_review_in_chromium() {
    let (_driver, port) = start_driver();
    let office_dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let device_dir = tempfile::tempdir().unwrap();
    let office = Office::open(office_dir.path()).unwrap();
    office
        .add_staff_user(
            "admin",
            "Rina Wulandari",
            Some("198504122010012003"),
            Role::Admin,
            PASSWORD,
        )
        .unwrap();
    drop(office);
    let running = antar_office::spawn(office_dir.path(), "127.0.0.1:0")
        .await
        .unwrap();
    let base = running.base_url();
    let client = browser(port, profile.path()).await;

    // Sign in (anonymous → sign-in page).
    client.goto(&format!("{base}/dokumen")).await.unwrap();
    assert!(
        client
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/masuk")
    );
    shot(&client, "01-masuk").await;
    submit_sign_in(&client, "admin", PASSWORD).await;
    wait_path(&client, |p| p == "/dokumen").await;

    // A courier and its enrollment code.
    client.goto(&format!("{base}/kurir")).await.unwrap();
    client
        .find(Locator::Css("input[name=nama]"))
        .await
        .unwrap()
        .send_keys("Budi Santoso")
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=hp]"))
        .await
        .unwrap()
        .send_keys("081234567890")
        .await
        .unwrap();
    // Budi delivers BAs and goes on recording visits too.
    client
        .find(Locator::Css("form[action='/kurir'] select[name=peran]"))
        .await
        .unwrap()
        .select_by_value("keduanya")
        .await
        .unwrap();
    client
        .find(Locator::Css("form[action='/kurir'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&client, ".code").await;
    let code = client
        .find(Locator::Css(".code"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    shot(&client, "02-kurir").await;

    // Import the sample.
    client.goto(&format!("{base}/impor")).await.unwrap();
    let sample = repo("data/samples/prr_tanggamus_500.csv")
        .canonicalize()
        .unwrap();
    client
        .find(Locator::Css("input[name=berkas]"))
        .await
        .unwrap()
        .send_keys(&sample.display().to_string())
        .await
        .unwrap();
    client
        .find(Locator::Css("form.upload button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&client, "section.result").await;
    let text = text_of(&client).await;
    assert!(text.contains("500"), "{text}");
    shot(&client, "03-impor").await;
    client
        .goto(&format!("{base}/dokumen?kecamatan=18.06.01"))
        .await
        .unwrap();
    shot(&client, "04-dokumen").await;

    // Issue a BA for Kota Agung.
    client.goto(&format!("{base}/ba/baru")).await.unwrap();
    client
        .find(Locator::Css("input[name=kecamatan][value='18.06.01']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    shot(&client, "05-ba-baru").await;
    client
        .find(Locator::Css("form.manifest-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_path(&client, |p| p.starts_with("/ba/") && p != "/ba/baru").await;
    let detail_url = client.current_url().await.unwrap();
    shot(&client, "06-ba").await;
    client
        .goto(&format!("{}/cetak", detail_url.as_str()))
        .await
        .unwrap();
    let text = text_of(&client).await;
    assert!(text.contains("PEMERINTAH KABUPATEN TANGGAMUS"));
    shot(&client, "07-ba-cetak").await;

    // The courier's phone: enroll, pull, deliver line 1 with a photo and GPS, sync.
    let url = base.clone();
    tokio::task::spawn_blocking(move || {
        let mut device = Device::open(device_dir.path()).unwrap();
        device.enroll(&url, &code, "HP Budi").unwrap();
        device.pull().unwrap();
        let manifest = device.manifests().unwrap()[0].id;
        let item = device.manifest(manifest).unwrap().items[0].clone();
        let (lat, lon) = Registry::tanggamus()
            .get(&item.address.desa)
            .and_then(|r| r.centroid)
            .unwrap_or((-5.4986, 104.627));
        device
            .record_attempt(AttemptInput {
                item_id: item.id,
                outcome: Outcome::DeliveredToOwner,
                photo: Some(repo("data/photos/fallenleaf_2560x1600.jpg")),
                fix: Some(
                    GpsFix::new(lat, lon, 25.0, chrono::Utc::now(), FixProvider::Gps).unwrap(),
                ),
                note: None,
            })
            .unwrap();
        device.sync().unwrap();
    })
    .await
    .unwrap();

    // Review the proof and accept it.
    client.goto(&format!("{base}/bukti")).await.unwrap();
    shot(&client, "08-bukti-daftar").await;
    client
        .find(Locator::Css("table.list a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&client, "section.photo").await;
    let text = text_of(&client).await;
    assert!(text.contains("Diterima pemilik"), "{text}");
    let loaded: bool = client
        .execute(
            "const i = document.querySelector('.photo img'); return !!i && i.complete && i.naturalWidth > 0;",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap_or(false);
    assert!(loaded, "the proof photo is shown");
    shot(&client, "09-bukti").await;
    client
        .find(Locator::Css("button[value=accepted]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The reviewer moves on: to the next proof, or to the list when none is left.
    wait_for(&client, "p.notice").await;
    let text = text_of(&client).await;
    assert!(text.contains("disetujui"), "{text}");

    plan_visit_and_read_its_report(&client, &base).await;

    for (path, name) in [
        ("/standar", "10-standar"),
        ("/laporan", "11-laporan"),
        ("/", "12-beranda"),
        ("/audit", "13-audit"),
    ] {
        client.goto(&format!("{base}{path}")).await.unwrap();
        shot(&client, name).await;
    }
    client.close().await.unwrap();
    running.stop().await;
}
