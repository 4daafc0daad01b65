//! The courier app as a person uses it: the real desktop window (webkit2gtk) under Xvfb,
//! driven with the keyboard through xdotool, against a real office on 127.0.0.1. It enrolls,
//! opens the BA, finds a document by name, records a delivery with a photo and a GPS fix,
//! and the attempt reaches the office by itself. A screenshot of every screen is saved (to
//! `ANTAR_SCREENSHOTS` when set, e.g. `docs/screenshots`, else the test's temp folder).
//!
//! Needs Xvfb, xdotool and ImageMagick's `import` (the README's apt line installs them).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use antar_device::Device;
use antar_domain::attempt::Outcome;
use antar_domain::region::Registry;
use antar_office::{Office, PhotoCheck};

use support::{Reaped, office_with_wonosobo_ba, start_xvfb};

use crate::support;

pub(crate) fn require(tool: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{tool} is missing: apt-get install xvfb xdotool imagemagick (see README)"
    );
}

pub(crate) struct Screen {
    pub(crate) display: String,
    pub(crate) window: String,
    pub(crate) shots: PathBuf,
    /// What the courier did so far: a key is one action (a tap on a phone), a typed field
    /// one (a camera shot or a field filled).
    pub(crate) actions: std::cell::Cell<u32>,
}

impl Screen {
    pub(crate) fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "xdotool {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Gives the app's window the keyboard. Retried: X refuses to focus a window that is
    /// mapped but not yet viewable (BadMatch), which a slow machine shows now and then.
    pub(crate) fn focus(&self) {
        wait_until("the app's window to take the focus", || {
            Command::new("xdotool")
                .args(["windowfocus", "--sync", &self.window])
                .env("DISPLAY", &self.display)
                .output()
                .ok()
                .filter(|out| out.status.success())
        });
    }

    pub(crate) fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.actions.set(self.actions.get() + 1);
            self.xdotool(&["key", key]);
            sleep(Duration::from_millis(150));
        }
    }

    pub(crate) fn type_text(&self, text: &str) {
        self.actions.set(self.actions.get() + 1);
        self.xdotool(&["type", "--delay", "20", text]);
        sleep(Duration::from_millis(200));
    }

    /// Waits for the screen to settle, then saves it as `NN-name.png`.
    pub(crate) fn shot(&self, name: &str) -> PathBuf {
        sleep(Duration::from_millis(900));
        let path = self.shots.join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", &self.window, path.to_str().unwrap()])
            .env("DISPLAY", &self.display)
            .status()
            .unwrap();
        assert!(status.success(), "screenshot {name}");
        path
    }
}

thread_local! {
    /// Takes a screenshot of the display when a wait times out, to see what the courier saw;
    /// one per test thread, as each desktop test runs its own Xvfb.
    static FAILURE_SHOT: std::cell::RefCell<Option<Box<dyn Fn()>>> =
        const { std::cell::RefCell::new(None) };
}

pub(crate) fn wait_until<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Some(found) = probe() {
            return found;
        }
        if Instant::now() > deadline {
            FAILURE_SHOT.with_borrow(|shoot| shoot.as_ref().map(|shoot| shoot()));
            panic!("timed out waiting for {what}");
        }
        sleep(Duration::from_millis(250));
    }
}

#[test]
fn a_courier_enrolls_records_a_delivery_and_it_reaches_the_office() {
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

    // The office: the sample list, a courier, a BA for kecamatan Wonosobo.
    let (code, manifest) = office_with_wonosobo_ba(office_dir.path());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let running = runtime
        .block_on(antar_office::spawn(office_dir.path(), "127.0.0.1:0"))
        .unwrap();
    let addr = running.addr;
    let office_url = format!("http://{addr}");

    // The document to deliver: one whose owner's name is unique in the BA, so typing it
    // finds exactly that one.
    let item = manifest
        .items
        .iter()
        .find(|i| {
            manifest
                .items
                .iter()
                .filter(|o| o.owner_name == i.owner_name)
                .count()
                == 1
        })
        .unwrap()
        .clone();
    let (lat, lon) = Registry::tanggamus()
        .get(&item.address.desa)
        .and_then(|r| r.centroid)
        .unwrap();
    // A receiver that starts rough and settles, as a phone's GPS does.
    let fixture = app_dir.path().join("gps.csv");
    std::fs::write(&fixture, format!("{lat},{lon},45,300\n{lat},{lon},9,700\n")).unwrap();

    let (_xvfb, display) = start_xvfb();
    let data_dir = app_dir.path().join("data");
    let (app, window) = launch(&display, &data_dir, &fixture);
    let mut screen = Screen {
        display,
        window,
        shots,
        actions: std::cell::Cell::new(0),
    };
    shoot_on_failure(&screen);
    sleep(Duration::from_secs(3)); // the webview's first paint
    screen.focus();

    // 1. Enroll: the office address field has the focus.
    screen.shot("app-01-daftar");
    screen.type_text(&office_url);
    screen.keys(&["Tab"]);
    screen.type_text(&code.to_string());
    screen.keys(&["Return"]);
    // Enrolling downloads the BA at once.
    wait_until("the BA on the phone", || {
        let path = data_dir.join("device.sqlite");
        let conn = rusqlite::Connection::open(path).ok()?;
        let n: i64 = conn
            .query_row("SELECT count(*) FROM manifests", [], |r| r.get(0))
            .ok()?;
        (n == 1).then_some(())
    });
    // From here the courier is out of signal: the office is gone.
    runtime.block_on(running.stop());

    // 2. The BA list; the first card has the focus.
    screen.shot("app-02-ba-saya");
    screen.keys(&["Return"]);
    // 3. The documents, desa by desa; the search field has the focus.
    screen.shot("app-03-dokumen");
    screen.type_text(&item.owner_name.to_lowercase());
    screen.shot("app-04-cari");
    screen.keys(&["Return"]);
    // 4. The document, all of it on the first screen; "Diterima pemilik" has the focus.
    screen.shot("app-05-dokumen-detail");
    screen.keys(&["Return"]);
    // The BA was issued with its count asked for: the phone asks for it before the first
    // attempt. Every document is in the bundle; "Simpan hitungan" has the focus.
    let events = || -> Option<i64> {
        let conn = rusqlite::Connection::open(data_dir.join("device.sqlite")).ok()?;
        conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .ok()
    };
    screen.shot("app-22-hitung");
    screen.keys(&["Return"]);
    wait_until("the count in the phone's store", || {
        (events()? == 1).then_some(())
    });
    sleep(Duration::from_secs(1)); // the screen goes back once the worker answers
    // 5. Back on the document: from here to "Tersimpan" a courier at the door does at most
    // four things and never scrolls. "Diterima pemilik" has the focus again.
    let before = screen.actions.get();
    screen.keys(&["Return"]);
    // The attempt, delivered to the owner chosen; the photo comes first (on the desktop its
    // typed path has the focus; on a phone the camera button is the first thing in reach).
    let photo = root.join("data/photos/colorfulcups_2560x1600.jpg");
    screen.type_text(photo.to_str().unwrap());
    sleep(Duration::from_secs(2)); // the fixture's better fix arrives after 1 s
    screen.shot("app-06-catat");
    screen.shot("app-07-cek-lokasi");
    // Return in the form saves it ("Simpan" stays in sight at the bottom).
    screen.keys(&["Return"]);
    let at_the_door = screen.actions.get() - before;
    assert!(
        at_the_door <= 4,
        "{at_the_door} actions from the document to saved"
    );

    // The office is down: the count and the attempt are saved on the phone and wait in the
    // outbox.
    wait_until("the attempt in the phone's store", || {
        (events()? == 2).then_some(())
    });
    screen.shot("app-08-tersimpan");
    // 6. The sync screen (Alt+2) says what waits; settings (Alt+3).
    screen.keys(&["alt+2"]);
    screen.shot("app-09-kirim-menunggu");
    screen.keys(&["alt+3"]);
    screen.shot("app-10-pengaturan");

    // The app is killed (SIGKILL) with the attempt unsent: nothing is lost.
    drop(app);
    let device = Device::open(&data_dir).unwrap();
    assert_eq!(
        device.outbox().unwrap().events,
        2,
        "the count and the attempt survived the kill"
    );
    assert_eq!(device.outbox().unwrap().photos, 1);
    drop(device);

    // The office comes back on its address and the courier opens the app again: it sends
    // the attempt by itself.
    let running = runtime
        .block_on(antar_office::spawn(office_dir.path(), &addr.to_string()))
        .unwrap();
    let (app, window) = launch(&screen.display, &data_dir, &fixture);
    screen.window = window;
    let attempt = wait_until("the attempt at the office", || {
        let office = Office::open(office_dir.path()).ok()?;
        let attempts = office.attempts().ok()?;
        attempts
            .into_iter()
            .find(|a| a.photo_check == PhotoCheck::Verified)
    });
    assert_eq!(attempt.item_id, item.id);
    assert_eq!(attempt.outcome, Outcome::DeliveredToOwner);
    assert_eq!(
        attempt.place_office.code(),
        "inside",
        "the fix was the desa's centroid"
    );
    assert_eq!(attempt.place_agrees, Some(true));
    let count = Office::open(office_dir.path())
        .unwrap()
        .handover_count(manifest.id)
        .unwrap()
        .expect("the count at the office");
    assert!(count.missing_lines.is_empty());
    sleep(Duration::from_secs(2));
    screen.focus();
    screen.shot("app-11-ba-setelah");
    screen.keys(&["alt+2"]);
    screen.shot("app-12-kirim-diterima");

    // The phone holds the office's receipt for it.
    drop(app);
    let device = Device::open(&data_dir).unwrap();
    let receipts = device.receipts().unwrap();
    assert_eq!(receipts.len(), 2, "the count's and the attempt's");
    assert!(device.outbox().unwrap().is_empty());
    runtime.block_on(running.stop());
}

/// Makes a timed-out wait on this thread save a screenshot of the test's whole display.
pub(crate) fn shoot_on_failure(screen: &Screen) {
    let (display, shots) = (screen.display.clone(), screen.shots.clone());
    FAILURE_SHOT.set(Some(Box::new(move || {
        let path = shots.join("app-failure.png");
        let _ = Command::new("import")
            .args(["-window", "root", path.to_str().unwrap_or_default()])
            .env("DISPLAY", &display)
            .status();
        eprintln!("screenshot of the failure: {}", path.display());
    })));
}

/// Starts the app's window on `display` and waits for it; returns the process and window id.
pub(crate) fn launch(display: &str, data_dir: &Path, fixture: &Path) -> (Reaped, String) {
    let app = Command::new(env!("CARGO_BIN_EXE_antar"))
        .env("DISPLAY", display)
        .env("ANTAR_DATA_DIR", data_dir)
        .env("ANTAR_GPS_FIXTURE", fixture)
        // The smallest phone screen the app is made for.
        .env("ANTAR_WINDOW_SIZE", "360x640")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let app = Reaped(app);
    let window = wait_until("the app's window", || {
        let out = Command::new("xdotool")
            // Only viewable windows: GTK also makes unmapped ones with the same name.
            .args(["search", "--onlyvisible", "--name", "^Antar$"])
            .env("DISPLAY", display)
            .output()
            .ok()?;
        let id = String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()?
            .trim()
            .to_owned();
        (!id.is_empty()).then_some(id)
    });
    (app, window)
}
