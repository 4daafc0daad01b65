//! What a courier feels at the door, measured on the app's real desktop window (release build)
//! at 360×640 under Xvfb with a BA of 2,000 documents on the phone: opening the BA, a search
//! keystroke → the list, and Simpan → *Tersimpan* with a 12 MP camera photo (median and p95),
//! each from the key press xdotool sends to the frame painted (the app prints a line two
//! animation frames after the render, see components/painted.rs); and the memory (PSS) of the
//! app with its webview processes after the saves.
//!
//! `cargo bench --bench doorstep` (needs Xvfb, xdotool and ImageMagick's `convert`, as the
//! end-to-end test). A 2-core machine runs the app, the webview and X: read with that in mind.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::thread::sleep;
use std::time::{Duration, Instant};

use antar::fixtures::manifest_from_sample;
use antar_domain::manifest::Manifest;

#[path = "../tests/it/support/mod.rs"]
mod support;
use support::{memory_kb, phone_with, start_xvfb};

const RUNS: usize = 4;
const DOCUMENTS: usize = 2000;
const SAVES_PER_RUN: usize = 3;

/// The app's window and its painted lines.
struct Window {
    display: String,
    id: String,
    lines: Receiver<String>,
}

impl Window {
    fn xdotool(&self, args: &[&str]) {
        let status = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .status()
            .unwrap();
        assert!(status.success(), "xdotool {args:?}");
    }

    /// Sends `act`, then waits for the painted line that `wanted` accepts; the time between.
    fn timed(&self, act: impl FnOnce(&Self), wanted: impl Fn(&str) -> bool) -> Duration {
        while self.lines.try_recv().is_ok() {}
        let started = Instant::now();
        act(self);
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(60))
                .expect("the app painted within 60 s");
            if wanted(&line) {
                return started.elapsed();
            }
        }
    }

    fn key(&self, key: &str) {
        self.xdotool(&["key", "--window", &self.id, key]);
    }

    fn type_text(&self, text: &str) {
        self.xdotool(&["type", "--delay", "15", text]);
    }
}

/// Owner names found once in the BA: typing one finds exactly its document.
fn unique_owners(manifest: &Manifest) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for item in &manifest.items {
        *counts.entry(item.owner_name.as_str()).or_default() += 1;
    }
    let mut names: Vec<String> = manifest
        .items
        .iter()
        .filter(|i| counts[i.owner_name.as_str()] == 1)
        .map(|i| i.owner_name.clone())
        .collect();
    names.sort();
    names
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (median, p95) in milliseconds.
fn summary(mut values: Vec<f64>) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    // The sample's 500 people four times over: the copies get a suffix, so a name typed in
    // full finds its own document.
    let mut manifest = manifest_from_sample(DOCUMENTS);
    for (index, item) in manifest.items.iter_mut().enumerate() {
        let copy = index / 500;
        if copy > 0 {
            item.owner_name = format!(
                "{} {}",
                item.owner_name,
                ["", "II", "III", "IV"][copy.min(3)]
            );
        }
    }
    phone_with(&data, &manifest);
    // A 12 MP camera photo (4000×3000) made from one of the real photographs.
    let photo = work.path().join("kamera-12mp.jpg");
    let made = Command::new("convert")
        .arg(root.join("data/photos/path_2560x1600.jpg"))
        .args(["-resize", "4000x3000!", "-quality", "92"])
        .arg(&photo)
        .status()
        .expect("ImageMagick's convert");
    assert!(made.success());
    let mut owners = unique_owners(&manifest).into_iter();
    let (_xvfb, display) = start_xvfb();

    let (mut open, mut keystroke, mut save, mut pss) = (vec![], vec![], vec![], vec![]);
    for run in 0..RUNS {
        let mut app = Command::new(env!("CARGO_BIN_EXE_antar"))
            .env("DISPLAY", &display)
            .env("ANTAR_DATA_DIR", &data)
            .env("ANTAR_REPORT_STARTUP", "1")
            .env("ANTAR_WINDOW_SIZE", "360x640")
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (sender, lines) = channel();
        let stdout = app.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let first = lines.recv_timeout(Duration::from_secs(60)).unwrap();
        assert!(first.starts_with("antar-startup"), "{first}");
        let id = String::from_utf8(
            Command::new("xdotool")
                .args(["search", "--onlyvisible", "--name", "^Antar$"])
                .env("DISPLAY", &display)
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_owned();
        let window = Window {
            display: display.clone(),
            id,
            lines,
        };
        window.xdotool(&["windowfocus", "--sync", &window.id]);
        sleep(Duration::from_millis(500));

        // The BA's card has the focus: open it.
        let ba = manifest.id.to_string();
        let opened = window.timed(
            |w| w.key("Return"),
            |l| l.starts_with(&format!("antar-painted list {ba}  ")),
        );
        let mut keys = Vec::new();
        let mut saves = Vec::new();
        for _ in 0..SAVES_PER_RUN {
            let owner = owners.next().unwrap().to_lowercase();
            // The search field has the focus; the first three letters are timed one by one.
            let mut typed = String::new();
            for letter in owner.chars().take(3) {
                typed.push(letter);
                let wanted = format!("antar-painted list {ba} {} ", typed.trim());
                keys.push(window.timed(
                    |w| w.type_text(&letter.to_string()),
                    |l| l.starts_with(&wanted),
                ));
            }
            window.type_text(&owner[typed.len()..]);
            sleep(Duration::from_millis(300));
            // The first match, then "Diterima pemilik", then the photo's path, then Simpan.
            window.key("Return");
            sleep(Duration::from_millis(400));
            window.key("Return");
            sleep(Duration::from_millis(400));
            window.type_text(photo.to_str().unwrap());
            sleep(Duration::from_millis(800));
            saves.push(window.timed(
                |w| w.key("Return"),
                |l| l.starts_with("antar-painted notice Tersimpan"),
            ));
            sleep(Duration::from_millis(500));
        }
        let (_, app_pss) = memory_kb(app.id());
        let _ = app.kill();
        let _ = app.wait();
        println!(
            "run {run}: BA open {:.0} ms; keystroke {:?} ms; save {:?} ms; {} MB PSS",
            millis(opened),
            keys.iter().map(|d| millis(*d).round()).collect::<Vec<_>>(),
            saves.iter().map(|d| millis(*d).round()).collect::<Vec<_>>(),
            app_pss / 1024,
        );
        if run > 0 {
            // The first run warms the page cache.
            open.push(millis(opened));
            keystroke.extend(keys.into_iter().map(millis));
            save.extend(saves.into_iter().map(millis));
            pss.push(app_pss as f64 / 1024.0);
        }
    }
    let (open_median, _) = summary(open);
    let (key_median, key_p95) = summary(keystroke);
    let (save_median, save_p95) = summary(save);
    let (pss_median, _) = summary(pss);
    println!(
        "{DOCUMENTS} documents at 360×640, {} warm runs: BA open median {open_median:.0} ms; search keystroke → list median {key_median:.0} ms, p95 {key_p95:.0} ms; Simpan → Tersimpan with a 12 MP photo median {save_median:.0} ms, p95 {save_p95:.0} ms; memory after the saves {pss_median:.0} MB PSS (app and webview)",
        RUNS - 1
    );
}
