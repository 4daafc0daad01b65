//! `antar-office serve` stops as a service manager asks it to: on SIGTERM, as on Ctrl-C, it
//! finishes, says so in its log and exits 0.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use antar_domain::wire::{PROTOCOL_HEADER, PROTOCOL_VERSION};

fn stops_on(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_antar-office"))
        .arg("--data")
        .arg(dir.path())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    let health = ureq::get(format!("{url}/api/v1/health"))
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
        .call()
        .unwrap();
    assert_eq!(health.status(), 200);

    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "still running after {signal}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(status.success(), "exit {status} after {signal}: {log}");
    assert!(log.contains(&format!("signal=\"{signal}\"")), "{log}");
    assert!(log.contains("server kantor berhenti"), "{log}");
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    stops_on("SIGTERM");
}

#[test]
fn serve_stops_gracefully_on_sigint() {
    stops_on("SIGINT");
}
