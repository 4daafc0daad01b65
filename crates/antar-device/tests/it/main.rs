//! The crate's integration tests in one binary (one link instead of one per file); each
//! module is what used to be a file of its own under tests/.

// A failed setup in a test should panic loudly.
#![allow(clippy::unwrap_used)]

mod support;

mod backup_restore;
mod cli_visits;
mod cli_words;
mod fault_proxy;
mod handback;
mod handover_count;
mod keliling_day;
mod kill;
mod lean_wire;
mod left_with_official;
mod office_sync;
mod photo_crash;
mod reassigned;
mod redo;
mod retention;
mod revoked;
mod storage_full;
mod visits;

/// Runs the `antar-device` command line on the data folder `data`.
fn device_cli(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_antar-device"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}
