//! The office's command line answers a mistake in Bahasa Indonesia, saying what was wrong,
//! with clap's exit code for a usage mistake.

use std::process::{Command, Output};

fn antar_office(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    Command::new(env!("CARGO_BIN_EXE_antar-office"))
        .arg("--data")
        .arg(dir.path())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("start antar-office: {e}"))
}

#[test]
fn a_missing_file_is_refused_in_indonesian() {
    let output = antar_office(&["import"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("gagal: wajib diisi tetapi belum ada: <FILE>"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Pemakaian: antar-office import <FILE>"),
        "{stderr}"
    );
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn help_is_in_indonesian() {
    let output = antar_office(&["ba", "create", "--help"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    for words in [
        "Pemakaian: antar-office ba create",
        "Pilihan:",
        "Tampilkan bantuan ini",
    ] {
        assert!(stdout.contains(words), "{words:?} in:\n{stdout}");
    }
    assert!(!stdout.contains("Usage"), "{stdout}");
}
