//! The courier app's window: finds the data folder, sets up logging (no personal data in it)
//! and launches the Dioxus root.

use std::path::PathBuf;
use std::time::Instant;

use antar::app::Root;
use antar::state::Boot;

/// Where the app keeps its store unless `ANTAR_DATA_DIR` says otherwise.
fn default_data_dir() -> PathBuf {
    if cfg!(target_os = "android") {
        // The app's private internal storage; the bundle id is in Dioxus.toml.
        return PathBuf::from("/data/data/id.go.tanggamuskab.antar/files");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|_| cfg!(target_os = "ios")) {
        // Inside the app's sandbox; backed up with the app, never shown to other apps.
        return PathBuf::from(home).join("Library/Application Support/antar");
    }
    if let Some(data_home) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(data_home).join("antar");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".local/share/antar"),
        None => PathBuf::from("antar-data"),
    }
}

fn main() {
    let started = Instant::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,antar=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let data_dir = std::env::var_os("ANTAR_DATA_DIR").map_or_else(default_data_dir, PathBuf::from);
    if let Err(e) = std::fs::create_dir_all(&data_dir) {
        eprintln!("folder data {} tidak bisa dibuat: {e}", data_dir.display());
        std::process::exit(1);
    }
    let boot = Boot {
        data_dir,
        started,
        report_startup: std::env::var_os("ANTAR_REPORT_STARTUP").is_some(),
    };
    launch(boot);
}

#[cfg(not(any(target_os = "android", target_os = "ios")))]
fn launch(boot: Boot) {
    use dioxus::desktop::{Config, LogicalSize, WindowBuilder};
    // A phone-sized window; `ANTAR_WINDOW_SIZE=360x640` shows the smallest phone we serve.
    let (width, height) = std::env::var("ANTAR_WINDOW_SIZE")
        .ok()
        .and_then(|size| {
            let (w, h) = size.split_once('x')?;
            Some((w.trim().parse::<f64>().ok()?, h.trim().parse::<f64>().ok()?))
        })
        .unwrap_or((400.0, 760.0));
    let window = WindowBuilder::new()
        .with_title("Antar")
        .with_inner_size(LogicalSize::new(width, height));
    let config = Config::new()
        .with_window(window)
        .with_menu(None)
        .with_disable_context_menu(true)
        .with_data_directory(boot.data_dir.join("webview"));
    dioxus::LaunchBuilder::desktop()
        .with_cfg(config)
        .with_context(boot)
        .launch(Root);
}

#[cfg(any(target_os = "android", target_os = "ios"))]
fn launch(boot: Boot) {
    dioxus::LaunchBuilder::new().with_context(boot).launch(Root);
}
