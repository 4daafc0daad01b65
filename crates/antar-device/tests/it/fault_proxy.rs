//! The phone syncs with a real office through a bad link: a proxy that cuts connections at
//! random bytes of requests and answers, stalls them, delivers requests twice and now and then
//! throttles. Sync after sync (each a round; most end in an error, which is expected), with
//! more attempts recorded between rounds, until the rounds are done and the outbox is empty.
//! Then every attempt is at the office exactly once, every photo verified, every receipt on
//! the phone.
//!
//! Deterministic by seed (the proxy's faults and the test's choices; thread timing aside):
//! the seed is printed, `ANTAR_FAULT_SEED=<seed>` replays it. Longer runs:
//! `ANTAR_FAULT_ROUNDS` (default 200), `ANTAR_FAULT_TIMEOUT_SECS` (default 600), e.g.
//! `ANTAR_FAULT_ROUNDS=2000 cargo test -p antar-device --test it fault_proxy -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use antar_device::{AttemptInput, Device, DeviceError, ProofOptions, SyncOptions};
use antar_domain::attempt::{FailureReason, Outcome};
use antar_domain::custody::ChainVerdict;
use antar_domain::ids::{EventId, ItemId, Sha256Hash};
use antar_fault_proxy::{FaultPlan, FaultProxy, FaultStats};
use antar_office::PhotoCheck;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use support::office::Fixture;

use crate::support;

const DEFAULT_ROUNDS: usize = 200;
const DEFAULT_TIMEOUT_SECS: u64 = 600;
/// Every tenth round runs on a throttled link.
const THROTTLED_BITS_PER_SECOND: u64 = 1_000_000;

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
        Err(_) => default,
    }
}

/// What the phone recorded: each attempt's event and its proof photo.
#[derive(Default)]
struct Recorded {
    photos: BTreeMap<EventId, Sha256Hash>,
    photo_bytes: u64,
}

impl Recorded {
    fn attempt(&mut self, device: &mut Device, camera: &Path, item: ItemId) {
        let n = self.photos.len();
        let reason = if n.is_multiple_of(3) {
            FailureReason::AddressNotFound
        } else {
            FailureReason::NotAtHome
        };
        let recorded = device
            .record_attempt(AttemptInput {
                item_id: item,
                outcome: Outcome::Failed { reason },
                photo: Some(support::unique_camera_photo(camera, n)),
                fix: None,
                note: None,
            })
            .unwrap();
        let photo = recorded.photo.unwrap();
        self.photo_bytes += photo.bytes;
        self.photos.insert(recorded.event_id, photo.sha256);
    }
}

/// How the syncs of the rounds ended.
#[derive(Debug, Default)]
struct Endings {
    finished: usize,
    offline: usize,
    /// Any other error, by its message: none is expected from a bad link.
    other: BTreeMap<String, usize>,
    events_rejected: usize,
    photos_unfinished: usize,
}

impl Endings {
    fn note(&mut self, result: Result<antar_device::SyncReport, DeviceError>) {
        match result {
            Ok(report) => {
                self.finished += 1;
                self.events_rejected += report.events_rejected;
                self.photos_unfinished += report.photos_failed;
            }
            Err(DeviceError::Offline { .. }) => self.offline += 1,
            Err(other) => *self.other.entry(other.to_string()).or_default() += 1,
        }
    }
}

#[test]
fn every_attempt_arrives_once_through_a_link_that_cuts_stalls_and_duplicates() {
    let seed = antar_fault_proxy::seed_from_env("ANTAR_FAULT_SEED");
    let rounds: usize = env_number("ANTAR_FAULT_ROUNDS", DEFAULT_ROUNDS);
    let timeout = Duration::from_secs(env_number("ANTAR_FAULT_TIMEOUT_SECS", DEFAULT_TIMEOUT_SECS));
    // Rounds after the last one in which the outbox must empty, faults still on.
    let drain_rounds = (rounds / 2).max(50);
    println!("fault proxy: seed {seed} (replay: ANTAR_FAULT_SEED={seed}), {rounds} rounds");
    let replay = format!("seed {seed}, replay with ANTAR_FAULT_SEED={seed}");

    let fixture = Fixture::start();
    let office_addr: SocketAddr = fixture
        .url
        .strip_prefix("http://")
        .unwrap()
        .parse()
        .unwrap();
    let phone_dir = tempfile::tempdir().unwrap();
    let camera_dir = tempfile::tempdir().unwrap();
    let mut device = Device::open(phone_dir.path()).unwrap();
    device.enroll(&fixture.url, &fixture.code, "uji").unwrap();
    device.pull().unwrap();
    let card = device.manifests().unwrap().remove(0);
    let items: Vec<ItemId> = device
        .manifest(card.id)
        .unwrap()
        .items
        .iter()
        .map(|item| item.id)
        .collect();
    // Proofs of a few tens of KB, sent in 4 KiB chunks, events three to a batch: a sync is
    // many small requests, each a chance for a fault.
    device.set_photo_options(ProofOptions {
        long_side: 640,
        max_bytes: 40_000,
        ..ProofOptions::default()
    });
    device.set_sync_options(SyncOptions {
        chunk_bytes: 4096,
        batch_events: 3,
        ..SyncOptions::default()
    });

    let proxy = FaultProxy::start(office_addr, FaultPlan::rough(), seed).unwrap();
    device.set_office_url(&proxy.url()).unwrap();
    // The test's own choices come from the same seed.
    let mut rng = StdRng::seed_from_u64(seed ^ 0xA47A_5EED);
    let mut recorded = Recorded::default();
    let mut endings = Endings::default();
    let started = Instant::now();
    let mut round = 0;
    loop {
        let outbox = device.outbox().unwrap();
        if round >= rounds && outbox.is_empty() {
            break;
        }
        assert!(
            round < rounds + drain_rounds,
            "{drain_rounds} rounds after the last new attempt the outbox still holds {outbox:?}: \
             a sync that cannot finish? {replay}\n{}\n{endings:?}",
            proxy.stats()
        );
        assert!(
            started.elapsed() < timeout,
            "not done after {timeout:?} (round {round} of {rounds}, outbox {outbox:?}); \
             raise ANTAR_FAULT_TIMEOUT_SECS or look for a stuck sync. {replay}\n{}",
            proxy.stats()
        );
        // New attempts keep events and photos flowing: never an empty round before the last,
        // and now and then more while the outbox is still full, up to four fifths in.
        if round < rounds
            && (outbox.is_empty() || (round < rounds * 4 / 5 && rng.random_bool(0.25)))
        {
            for _ in 0..rng.random_range(1..=2) {
                let item = items[recorded.photos.len() % items.len()];
                recorded.attempt(&mut device, camera_dir.path(), item);
            }
        }
        proxy.set_rate((round % 10 == 9).then_some(THROTTLED_BITS_PER_SECOND));
        endings.note(device.sync());
        round += 1;
    }
    let took = started.elapsed();
    let stats = proxy.stats();
    drop(proxy);
    println!(
        "{round} rounds, {} attempts ({} KB of proofs) in {:.1} s\nproxy: {stats}\nsyncs: {endings:?}",
        recorded.photos.len(),
        recorded.photo_bytes / 1000,
        took.as_secs_f64()
    );

    // The phone: nothing left to send, a receipt for every event.
    let outbox = device.outbox().unwrap();
    assert!(outbox.is_empty(), "{outbox:?}; {replay}");
    let expected: BTreeSet<EventId> = recorded.photos.keys().copied().collect();
    let receipts = device.receipts().unwrap();
    assert_eq!(
        receipts.len(),
        expected.len(),
        "one receipt per event; {replay}"
    );
    let receipted: BTreeSet<EventId> = receipts.iter().map(|r| r.event_id).collect();
    assert_eq!(receipted, expected, "{replay}");
    assert_eq!(device.acknowledged_events().unwrap().len(), expected.len());
    assert_eq!(endings.events_rejected, 0, "no event refused; {replay}");
    assert!(
        endings.other.is_empty(),
        "a bad link should only ever look offline: {:?}; {replay}",
        endings.other
    );

    // The office: every attempt exactly once, its photo whole and checked.
    let office = fixture.office();
    let attempts = office.attempts().unwrap();
    let ids: Vec<EventId> = attempts.iter().map(|a| a.event_id).collect();
    assert_eq!(
        ids.iter().copied().collect::<BTreeSet<_>>(),
        expected,
        "{replay}"
    );
    assert_eq!(
        ids.len(),
        expected.len(),
        "an attempt stored twice; {replay}"
    );
    assert_eq!(
        office.event_count().unwrap(),
        expected.len() as u64,
        "{replay}"
    );
    for attempt in &attempts {
        assert_eq!(
            attempt.photo_check,
            PhotoCheck::Verified,
            "photo of {}; {replay}",
            attempt.event_id
        );
        assert_eq!(
            attempt.photo_sha256,
            Some(recorded.photos[&attempt.event_id]),
            "{replay}"
        );
    }
    // Cut, resent and duplicated, the phone's chain still reads as one unbroken chain.
    let genesis = attempts
        .iter()
        .filter(|a| a.chain == ChainVerdict::Genesis)
        .count();
    assert_eq!(genesis, 1, "{replay}");
    assert!(
        attempts
            .iter()
            .all(|a| matches!(a.chain, ChainVerdict::Genesis | ChainVerdict::Linked)),
        "{replay}"
    );

    // The faults really happened (a test run on a clean link proves nothing).
    assert_faults_happened(&stats, &endings, rounds, recorded.photo_bytes, &replay);
}

fn assert_faults_happened(
    stats: &FaultStats,
    endings: &Endings,
    rounds: usize,
    photo_bytes: u64,
    replay: &str,
) {
    let few = if rounds >= 100 { 5 } else { 1 };
    for (what, count) in [
        ("requests cut", stats.request_cuts),
        ("answers cut", stats.response_cuts),
        ("stalls", stats.stalls),
        ("duplicates delivered", stats.duplicates),
        ("syncs broken off", endings.offline as u64),
    ] {
        assert!(
            count >= few,
            "only {count} {what} in {rounds} rounds; {replay}\n{stats}"
        );
    }
    assert!(
        stats.stall_cuts >= 1,
        "no stall ended in a cut; {replay}\n{stats}"
    );
    assert!(stats.bytes_up >= photo_bytes, "{stats}");
}
