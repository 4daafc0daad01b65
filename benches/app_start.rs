//! Start-up of the courier app's real desktop window (release build) under Xvfb, with a BA
//! of 2,000 documents on the phone: time from `exec` to the manifest list painted (the app
//! logs it after the next animation frame), and memory of the app with its webview processes
//! once the list shows and once the 2,000-document BA is open.
//!
//! `cargo bench --bench app_start` (needs Xvfb and xdotool, as the end-to-end test).

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use antar::fixtures::manifest_from_sample;

#[path = "../tests/it/support/mod.rs"]
mod support;
use support::{memory_kb, phone_with, start_xvfb};

const RUNS: usize = 7;
const DOCUMENTS: usize = 2000;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: run only for real.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    phone_with(&data, &manifest_from_sample(DOCUMENTS));

    let (xvfb, display) = start_xvfb();

    let (mut painted, mut exec_to_line, mut rss_list, mut pss_list, mut rss_open, mut pss_open) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for run in 0..RUNS {
        let started = Instant::now();
        let mut app = Command::new(env!("CARGO_BIN_EXE_antar"))
            .env("DISPLAY", &display)
            .env("ANTAR_DATA_DIR", &data)
            .env("ANTAR_REPORT_STARTUP", "1")
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(app.stdout.take().unwrap());
        let mut text = String::new();
        let ms = loop {
            text.clear();
            assert!(
                reader.read_line(&mut text).unwrap() > 0,
                "app exited before the list"
            );
            if let Some(rest) = text.trim().strip_prefix("antar-startup manifest_list_ms=") {
                break rest
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .parse::<f64>()
                    .unwrap();
            }
        };
        let wall = started.elapsed().as_secs_f64() * 1000.0;
        sleep(Duration::from_millis(1500));
        let (rss, pss) = memory_kb(app.id());
        // Open the 2,000-document BA: its card has the focus.
        let window = String::from_utf8(
            Command::new("xdotool")
                .args(["search", "--name", "^Antar$"])
                .env("DISPLAY", &display)
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        let window = window.lines().last().unwrap_or_default().to_owned();
        let _ = Command::new("xdotool")
            .args(["windowfocus", "--sync", &window])
            .env("DISPLAY", &display)
            .status();
        let _ = Command::new("xdotool")
            .args(["key", "Return"])
            .env("DISPLAY", &display)
            .status();
        sleep(Duration::from_millis(2500));
        let (rss_after, pss_after) = memory_kb(app.id());
        let _ = app.kill();
        let _ = app.wait();
        println!(
            "run {run}: list painted {ms:.0} ms after start (exec→line {wall:.0} ms); memory with the list {} MB RSS / {} MB PSS; with the 2,000-document BA open {} MB RSS / {} MB PSS",
            rss / 1024,
            pss / 1024,
            rss_after / 1024,
            pss_after / 1024
        );
        if run > 0 {
            // The first run warms the page cache; the rest are what a courier sees every morning.
            painted.push(ms);
            exec_to_line.push(wall);
            rss_list.push(rss as f64 / 1024.0);
            pss_list.push(pss as f64 / 1024.0);
            rss_open.push(rss_after as f64 / 1024.0);
            pss_open.push(pss_after as f64 / 1024.0);
        }
    }
    drop(xvfb);
    println!(
        "median of {} warm runs, {DOCUMENTS} documents: list painted {:.0} ms (exec→line {:.0} ms); memory with the list {:.0} MB RSS / {:.0} MB PSS; BA open {:.0} MB RSS / {:.0} MB PSS",
        RUNS - 1,
        median(&mut painted),
        median(&mut exec_to_line),
        median(&mut rss_list),
        median(&mut pss_list),
        median(&mut rss_open),
        median(&mut pss_open),
    );
}
