//! The office's command line piped into a reader that stops early (`| head`) ends quietly,
//! without a panic message or the panic exit code.

use std::process::{Command, Stdio};

#[test]
fn a_closed_pipe_ends_the_report_quietly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_antar-office"))
        .arg("--data")
        .arg(dir.path())
        .arg("report")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start antar-office: {e}"));
    // The reader goes away before the report is written (opening and migrating the database
    // takes the program far longer than this).
    drop(child.stdout.take());
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait for antar-office: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "{stderr}");
}
