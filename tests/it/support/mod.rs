//! What the app's end-to-end tests and its benchmarks share: an office with the
//! sample list and one BA, a virtual X display for the desktop window, and a sync stalled on a
//! 2G link while the courier records.
#![allow(dead_code, unreachable_pub)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use antar_domain::field_role::FieldRole;
use antar_domain::manifest::Manifest;
use antar_domain::region::RegionCode;
use antar_office::{EnrollmentCode, ManifestRequest, Office};

pub mod stalled_sync;

/// An office in `dir` with the 500-row sample imported, courier Budi Santoso, and a BA of the
/// documents of kecamatan Wonosobo (57) issued to him. Returns his enrollment code and the BA.
pub fn office_with_wonosobo_ba(dir: &Path) -> (EnrollmentCode, Manifest) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let office = Office::open(dir).unwrap();
    office
        .import_path(&root.join("data/samples/prr_tanggamus_500.csv"))
        .unwrap();
    let (courier, code) = office
        .add_courier("Budi Santoso", None, FieldRole::Both)
        .unwrap();
    let manifest = office
        .issue_manifest(ManifestRequest {
            courier,
            officer: "Kepala Seksi Pengiriman".into(),
            officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            kecamatan: vec![RegionCode::parse("18.06.03").unwrap()],
            desa: vec![],
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        })
        .unwrap();
    (code, manifest)
}

/// Kills the child when dropped, whichever way the test ends.
pub struct Reaped(pub Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts Xvfb on a free display (it picks one and tells us); returns it and the display name.
pub fn start_xvfb() -> (Reaped, String) {
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "420x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (apt-get install xvfb)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (Reaped(child), format!(":{}", line.trim()))
}

/// Kilobytes of (RSS, PSS) of a process and all its descendants (the webview's processes).
pub fn memory_kb(root: u32) -> (u64, u64) {
    let mut pids = vec![root];
    let mut index = 0;
    while index < pids.len() {
        let parent = pids[index];
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            // The fields after the command's closing parenthesis: state, ppid, …
            let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
            let ppid = after
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) && !pids.contains(&pid) {
                pids.push(pid);
            }
        }
        index += 1;
    }
    let field = |pid: u32, file: &str, name: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/{file}"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    pids.iter().fold((0, 0), |(rss, pss), &pid| {
        (
            rss + field(pid, "status", "VmRSS:"),
            pss + field(pid, "smaps_rollup", "Pss:"),
        )
    })
}

/// A phone in `data` enrolled for `manifest`'s courier (offline: no office answers) with the
/// BA on it, as the start-up and doorstep benchmarks open it.
pub fn phone_with(data: &Path, manifest: &Manifest) {
    let mut device = antar_device::Device::open(data).unwrap();
    device
        .enroll_offline_for_tests(
            "http://127.0.0.1:9",
            antar_domain::ids::DeviceId::new_v7(),
            manifest.courier.clone(),
            "t",
        )
        .unwrap();
    device.import_manifest_for_tests(manifest).unwrap();
}
