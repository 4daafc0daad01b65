//! The phone's command line answers a mistyped flag in Bahasa Indonesia, and touches no data.

#[test]
fn a_coordinate_that_is_not_a_number_is_refused_in_indonesian() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let data = dir.path().join("kurir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_antar-device"))
        .arg("--data")
        .arg(&data)
        .args([
            "attempt",
            "--line",
            "1",
            "--manifest",
            "1",
            "--outcome",
            "owner",
        ])
        .args(["--lat", "-5,49", "--lon", "104.6", "--accuracy", "8"])
        .output()
        .unwrap_or_else(|e| panic!("start antar-device: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("gagal: nilai '-5,49' tidak sah untuk --lat <LAT>: bukan angka"),
        "{stderr}"
    );
    assert!(!data.exists(), "a refused command made a phone store");
}
