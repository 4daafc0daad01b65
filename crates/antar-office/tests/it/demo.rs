//! The README's first command, `antar-office demo`: it prints an office address and an
//! enrollment code that a phone can really use, and serves the BA it made.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use antar_device::Device;

/// Ends the demo server when the test ends, passed or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A free port: the demo prints the address it was given before it listens.
fn free_listen_address() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("127.0.0.1:{port}")
}

fn start_demo(dir: &std::path::Path, listen: &str) -> Running {
    Running(
        Command::new(env!("CARGO_BIN_EXE_antar-office"))
            .arg("--data")
            .arg(dir.join("kantor"))
            .args(["demo", "--listen", listen])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    )
}

#[test]
fn the_demo_prints_a_code_a_phone_can_enroll_with() {
    let dir = tempfile::tempdir().unwrap();
    let listen = free_listen_address();
    let mut demo = start_demo(dir.path(), &listen);
    // Read on another thread until the demo ends: it keeps printing, and a closed pipe
    // would end it.
    let stdout = BufReader::new(demo.0.stdout.take().unwrap());
    let (lines, printed_lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let mut printed = Vec::new();
    while let Ok(line) = printed_lines.recv_timeout(Duration::from_secs(60)) {
        let done = line.contains("lalu di layar Daftar");
        printed.push(line);
        if done {
            break;
        }
    }
    let text = printed.join("\n");
    let enroll = printed
        .iter()
        .find(|l| l.contains(" enroll --office "))
        .unwrap_or_else(|| panic!("no enroll line in:\n{text}"));
    let words: Vec<&str> = enroll.split_whitespace().collect();
    let after = |flag: &str| words[words.iter().position(|w| *w == flag).unwrap() + 1];
    let (office, code) = (after("--office"), after("--code"));
    assert_eq!(office, format!("http://{listen}"));
    assert!(
        text.contains("ANTAR_DATA_DIR=./antar-hp cargo run --release"),
        "{text}"
    );
    assert!(text.contains(&format!("kode {code}")), "{text}");
    assert!(
        enroll.contains("cargo run --release -p antar-device"),
        "a release build, as the README's first command: {enroll}"
    );
    let photo = printed
        .iter()
        .find_map(|l| l.split("--photo ").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no photo in:\n{text}"));
    assert!(
        std::path::Path::new(photo).is_absolute() && std::path::Path::new(photo).exists(),
        "a photo path that works from any folder: {photo}"
    );

    let phone_dir = tempfile::tempdir().unwrap();
    let mut phone = Device::open(phone_dir.path()).unwrap();
    let started = Instant::now();
    loop {
        match phone.enroll(office, code, "uji demo") {
            Ok(_) => break,
            // Not listening yet.
            Err(_) if started.elapsed() < Duration::from_secs(30) => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => panic!("enroll with the demo's code: {e}"),
        }
    }
    phone.pull().unwrap();
    let manifests = phone.manifests().unwrap();
    assert_eq!(manifests.len(), 1, "the demo's BA");
    assert!(text.contains(&manifests[0].number.to_string()), "{text}");
}

/// `antar-office demo | head`: the reader goes away while the demo still prints; the office
/// must come up all the same.
#[test]
fn the_demo_serves_even_when_its_output_is_closed() {
    let dir = tempfile::tempdir().unwrap();
    let listen = free_listen_address();
    let mut demo = start_demo(dir.path(), &listen);
    // Closed before the demo has imported the sample, so its later lines meet a closed pipe.
    drop(demo.0.stdout.take());

    let health = format!("http://{listen}/api/v1/health");
    let started = Instant::now();
    loop {
        match ureq::get(&health).call() {
            // Any HTTP answer means the office is serving.
            Ok(_) | Err(ureq::Error::StatusCode(_)) => break,
            Err(e) => {
                if let Some(status) = demo.0.try_wait().unwrap() {
                    panic!("the demo ended ({status}) instead of serving");
                }
                assert!(
                    started.elapsed() < Duration::from_secs(60),
                    "the demo never served: {e}"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
    assert!(
        demo.0.try_wait().unwrap().is_none(),
        "the demo is still running"
    );
}
