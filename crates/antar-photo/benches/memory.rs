//! Peak memory of one `make_proof`, read from /proc/self/status (VmHWM) in a fresh child
//! process per input, so the parent's setup (making the 12 MP input) does not count.
//! Run with `cargo bench -p antar-photo --bench memory`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use antar_photo::{ProofOptions, make_proof};

fn vm_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("field in /proc/self/status")
}

fn child(path: &str) {
    let input = std::fs::read(path).expect("input");
    let before = vm_kib("VmHWM:");
    let proof = make_proof(&input, &common::stamp(), &ProofOptions::default()).expect("proof");
    let after = vm_kib("VmHWM:");
    println!(
        "{:>28}: input {:>9} B, proof {:>7} B, peak RSS {:>6} KiB, of which make_proof {:>6} KiB",
        std::path::Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy(),
        input.len(),
        proof.jpeg.len(),
        after,
        after.saturating_sub(before)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        child(&args[at + 1]);
        return;
    }
    let dir = std::env::temp_dir().join(format!("antar-photo-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut inputs = vec![("12mp_4000x3000.jpg".to_owned(), common::twelve_mp())];
    for name in common::PHOTOS {
        inputs.push((name.to_owned(), common::photo(name)));
    }
    for (name, bytes) in inputs {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write input");
        let status = Command::new(std::env::current_exe().expect("exe"))
            .arg("--child")
            .arg(&path)
            .status()
            .expect("child");
        assert!(status.success());
    }
    std::fs::remove_dir_all(&dir).ok();
}
