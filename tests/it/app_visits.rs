//! A recording team's day in the real desktop window (webkit2gtk under Xvfb, driven with the
//! keyboard through xdotool) against a real office on 127.0.0.1: the office plans a visit to
//! Penanggungan with the sample list; the phone enrolls and downloads it; out of signal the
//! team checks in with a photo and the GPS fix, records a person from the list, one found by
//! the NIK's last digits, and a walk-in (after the phone refused a mistyped NIK); back in
//! signal "Kirim sekarang" delivers it all. Screenshots `app-13-…` to `app-21-…`.

use std::path::Path;
use std::time::Duration;

use antar_device::Device;
use antar_domain::region::{RegionCode, Registry};
use antar_domain::visit::VisitKind;
use antar_office::{Office, VisitPlan};

use crate::app_desktop::{Screen, launch, require, shoot_on_failure, wait_until};
use crate::support::{office_with_wonosobo_ba, start_xvfb};

/// Rows of a table in the phone's store, read beside the running app (WAL: readers wait for
/// no one).
fn count(data_dir: &Path, sql: &str) -> Option<i64> {
    let conn = rusqlite::Connection::open(data_dir.join("device.sqlite")).ok()?;
    conn.query_row(sql, [], |r| r.get(0)).ok()
}

#[test]
fn a_recording_team_checks_in_records_people_and_a_walk_in_and_sends() {
    for tool in ["Xvfb", "xdotool", "import"] {
        require(tool);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let office_dir = tempfile::tempdir().unwrap();
    let app_dir = tempfile::tempdir().unwrap();
    let shots = std::env::var_os("ANTAR_SCREENSHOTS")
        .map(|dir| root.join(dir))
        .unwrap_or_else(|| app_dir.path().join("screenshots"));
    std::fs::create_dir_all(&shots).unwrap();

    // The office: a courier (here a team member), and a visit for tomorrow with the sample
    // target list of pekon Penanggungan.
    let (code, manifest) = office_with_wonosobo_ba(office_dir.path());
    let desa = RegionCode::parse("18.06.01.2019").unwrap();
    let visit = {
        let office = Office::open(office_dir.path()).unwrap();
        let day = chrono::Local::now().date_naive() + chrono::Days::new(1);
        let visit = office
            .plan_visit(
                VisitPlan {
                    day,
                    kind: VisitKind::Pekon,
                    venue: "Balai Pekon Penanggungan".to_owned(),
                    desa: desa.clone(),
                    team: vec![manifest.courier.id],
                    note: Some("Bawa genset dan KK asli".to_owned()),
                },
                "Kasi Pelayanan",
            )
            .unwrap();
        office
            .import_visit_targets(
                visit.id,
                &root.join("data/samples/keliling_targets_sample.csv"),
            )
            .unwrap();
        visit
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let running = runtime
        .block_on(antar_office::spawn(office_dir.path(), "127.0.0.1:0"))
        .unwrap();
    let addr = running.addr;

    // The team's GPS settles on the pekon's centroid.
    let (lat, lon) = Registry::tanggamus()
        .get(&desa)
        .and_then(|r| r.centroid)
        .unwrap();
    let fixture = app_dir.path().join("gps.csv");
    std::fs::write(&fixture, format!("{lat},{lon},40,300\n{lat},{lon},7,700\n")).unwrap();

    let (_xvfb, display) = start_xvfb();
    let data_dir = app_dir.path().join("data");
    let (app, window) = launch(&display, &data_dir, &fixture);
    let screen = Screen {
        display,
        window,
        shots,
        actions: std::cell::Cell::new(0),
    };
    shoot_on_failure(&screen);
    std::thread::sleep(Duration::from_secs(3)); // the webview's first paint
    screen.focus();

    // Enroll; enrolling downloads the BA and the visit with its list.
    screen.type_text(&format!("http://{addr}"));
    screen.keys(&["Tab"]);
    screen.type_text(&code.to_string());
    screen.keys(&["Return"]);
    let listed = wait_until("the visit's list on the phone", || {
        let n = count(&data_dir, "SELECT count(*) FROM visit_targets")?;
        (n > 100).then_some(n)
    });
    // At the venue there is no signal: the office is gone until the end.
    runtime.block_on(running.stop());

    // The one to find by search: a listed person whose NIK's last 4 digits are their own.
    let digits = {
        let conn = rusqlite::Connection::open(data_dir.join("device.sqlite")).unwrap();
        let mut niks = conn
            .prepare("SELECT nik FROM visit_targets WHERE walk_in = 0 ORDER BY position")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let tails: Vec<String> = niks.drain(..).map(|n| n[12..].to_owned()).collect();
        tails
            .iter()
            .skip(3)
            .find(|t| tails.iter().filter(|o| o == t).count() == 1)
            .unwrap()
            .clone()
    };

    // 1. The visits (Alt+4; the first card has the focus), then the visit: the search field
    // has the focus.
    screen.keys(&["alt+4"]);
    screen.shot("app-13-keliling");
    screen.keys(&["Return"]);
    screen.shot("app-14-kunjungan");

    // 2. Check-in: back past "Warga di luar daftar" to "Check-in di lokasi"; on its screen
    // "Check-in" has the focus; back past the note to the photo's path.
    screen.keys(&["shift+Tab", "shift+Tab", "Return"]);
    screen.keys(&["shift+Tab", "shift+Tab"]);
    let photo = root.join("data/photos/fallenleaf_2560x1600.jpg");
    screen.type_text(photo.to_str().unwrap());
    std::thread::sleep(Duration::from_secs(2)); // the fixture's better fix
    screen.shot("app-15-check-in");
    screen.keys(&["Return"]); // submits the form: the check-in
    let events = || count(&data_dir, "SELECT count(*) FROM events");
    wait_until("the check-in in the phone's store", || {
        (events()? == 1).then_some(())
    });

    // 3. The first person on the list: past the "Belum ditemui" toggle. "Direkam" has the
    // focus; then "IKD aktif" after the other eight outcomes, and "Simpan".
    screen.keys(&["Tab", "Tab", "Return"]);
    screen.keys(&["Return"]);
    screen.keys(&["Tab"; 9]);
    screen.keys(&["Return"]);
    screen.shot("app-16-hasil");
    screen.keys(&["Tab", "Tab", "Tab", "Tab", "Return"]);
    wait_until("the first outcome", || (events()? == 2).then_some(()));

    // 4. Someone found by the NIK's last digits; Enter opens the only match: "Tidak hadir".
    screen.type_text(&digits);
    screen.shot("app-17-cari-sasaran");
    screen.keys(&["Return"]);
    screen.keys(&["Tab", "Tab", "Tab", "Return"]);
    // Five outcomes after it, the note, then "Simpan".
    screen.keys(&["Tab"; 7]);
    screen.keys(&["Return"]);
    wait_until("the searched person's outcome", || {
        (events()? == 3).then_some(())
    });
    screen.shot("app-18-kunjungan-setelah");

    // 5. A walk-in: the NIK typed two digits short is refused under the field, nothing is
    // saved; corrected, it is recorded. Enter in a text field sends the form.
    screen.keys(&["shift+Tab", "Return"]);
    screen.type_text("18060123080099");
    screen.keys(&["Tab"]);
    screen.type_text("Sari");
    screen.keys(&["Tab", "Return", "shift+Tab", "Return"]);
    screen.shot("app-19-nik-salah");
    assert_eq!(events(), Some(3), "a refused NIK records nothing");
    screen.keys(&["shift+Tab", "ctrl+a"]);
    screen.type_text("1806012308009999");
    screen.keys(&["Return"]);
    wait_until("the walk-in", || (events()? == 4).then_some(()));

    // 6. Send: what waits, then back in signal "Kirim sekarang" (it has the focus).
    screen.keys(&["alt+2"]);
    screen.shot("app-20-kirim-keliling");
    let running = runtime
        .block_on(antar_office::spawn(office_dir.path(), &addr.to_string()))
        .unwrap();
    screen.focus();
    screen.keys(&["Return"]);
    let results = wait_until("the visit's records at the office", || {
        let office = Office::open(office_dir.path()).ok()?;
        let results = office.visit_results(visit.id).ok()??;
        (results.checkins.len() == 1 && results.walk_ins.len() == 1).then_some(results)
    });
    wait_until("the receipts on the phone", || {
        let n = count(
            &data_dir,
            "SELECT count(*) FROM events WHERE receipt_json IS NOT NULL",
        )?;
        (n == 4).then_some(())
    });
    screen.shot("app-21-kirim-keliling-diterima");
    assert_eq!(results.checkins.len(), 1);

    drop(app);
    let device = Device::open(&data_dir).unwrap();
    assert!(device.outbox().unwrap().is_empty());
    let card = device.visits().unwrap().remove(0);
    assert!(card.checked_in);
    assert_eq!(card.counts.targets, usize::try_from(listed).unwrap());
    assert_eq!(
        (card.counts.met, card.counts.recorded, card.counts.walk_ins),
        (1, 2, 1),
        "{:?}",
        card.counts
    );
    runtime.block_on(running.stop());
}
