//! How long a courier waits for *Tersimpan* while the phone's sync runs on a 2G link: 20
//! attempts recorded through the app's device threads while the sync hangs on a stopped link,
//! and while it uploads a photo at 64 kbit/s; median, p95 and slowest of every recording.
//!
//! `cargo bench --bench record_while_syncing`. A 2-core machine shared by the office, the
//! proxy and the phone: read the numbers with that in mind.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

#[path = "../tests/it/support/mod.rs"]
mod support;
use support::stalled_sync::{LinkDuring, record_while_syncing};

const RUNS: usize = 3;
const RECORDS: usize = 20;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for during in [LinkDuring::Stopped, LinkDuring::Slow] {
        let mut times: Vec<Duration> = Vec::new();
        for _ in 0..RUNS {
            let run = runtime.block_on(record_while_syncing(RECORDS, during));
            assert!(!run.sync_ended_before_last || during == LinkDuring::Slow);
            assert_eq!(run.attempts_at_office, RECORDS + 1);
            times.extend(run.times);
        }
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!(
            "record while the sync {}: {} recordings, median {:.1} ms, p95 {:.1} ms, slowest {:.1} ms",
            match during {
                LinkDuring::Stopped => "hangs on a stopped link",
                LinkDuring::Slow => "uploads a photo at 64 kbit/s",
            },
            times.len(),
            at(0.5).as_secs_f64() * 1e3,
            at(0.95).as_secs_f64() * 1e3,
            times.last().unwrap().as_secs_f64() * 1e3,
        );
    }
}
