//! Crash test: the `antar-device` binary records attempts in a loop and is SIGKILLed at a
//! random moment, ~20 times: every other round at a random time after it starts (which may be
//! while it opens its store), the others a random moment after it confirmed a random number
//! of attempts — so a slow machine still kills it mid-recording. After every kill the store must open cleanly and hold every
//! attempt the binary confirmed (`tercatat <id>`), with its item state, its photo file, and
//! no gap in `device_seq`. Set `ANTAR_KILL_SEED` to replay a run.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use antar_device::Device;
use antar_domain::attempt::Outcome;
use antar_domain::ids::{EventId, ItemId, Sha256Hash};
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, EventBody};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rusqlite::Connection;

use crate::support;

const ROUNDS: usize = 20;

/// id, device_seq, canonical bytes, sha256, photo sha256.
type EventRow = (String, i64, Vec<u8>, String, Option<String>);

#[test]
fn killed_while_recording_loses_no_confirmed_attempt() {
    let seed = std::env::var("ANTAR_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random::<u64>);
    println!("ANTAR_KILL_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);

    let dir = tempfile::tempdir().unwrap();
    {
        let mut device = Device::open(dir.path()).unwrap();
        let manifest = support::sample_manifest(1, 0, 80);
        device
            .enroll_offline_for_tests(
                "http://127.0.0.1:9",
                support::test_device_id(),
                manifest.courier.clone(),
                "token",
            )
            .unwrap();
        device.import_manifest_for_tests(&manifest).unwrap();
    }

    let mut confirmed: Vec<EventId> = Vec::new();
    for round in 0..ROUNDS {
        let kill_at = if round % 2 == 0 {
            KillAt::AfterStart(Duration::from_millis(rng.random_range(5..=300)))
        } else {
            KillAt::AfterConfirmed(
                rng.random_range(2..=6),
                Duration::from_millis(rng.random_range(0..=60)),
            )
        };
        let printed = run_and_kill(dir.path(), kill_at);
        println!(
            "round {round}: killed {kill_at:?}, {} confirmed",
            printed.len()
        );
        confirmed.extend(printed);
        check_store(dir.path(), &confirmed);
    }
    // Half the rounds wait for at least two confirmations each.
    assert!(
        confirmed.len() >= ROUNDS,
        "too few attempts recorded to test anything ({})",
        confirmed.len()
    );
}

#[derive(Debug, Clone, Copy)]
enum KillAt {
    /// This long after the process was started.
    AfterStart(Duration),
    /// This long after it confirmed this many attempts.
    AfterConfirmed(usize, Duration),
}

/// Runs `stress-record`, kills it as `kill_at` says, and returns the ids it confirmed.
fn run_and_kill(data: &Path, kill_at: KillAt) -> Vec<EventId> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antar-device"))
        .arg("--data")
        .arg(data)
        .args([
            "stress-record",
            "--count",
            "100000",
            "--vary-photo",
            "--photo",
        ])
        .arg(support::photo_fixture())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // Read while it runs, so a full pipe can never stall the child.
    let (sender, confirmations) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|line| line.strip_prefix("tercatat ")?.parse::<EventId>().ok())
            .for_each(|id| {
                let _ = sender.send(id);
            });
    });
    let mut printed = Vec::new();
    let delay = match kill_at {
        KillAt::AfterStart(delay) => delay,
        KillAt::AfterConfirmed(count, delay) => {
            while printed.len() < count {
                let id = confirmations
                    .recv_timeout(Duration::from_secs(60))
                    .expect("stress-record confirmed nothing for a minute");
                printed.push(id);
            }
            delay
        }
    };
    std::thread::sleep(delay);
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    reader.join().unwrap();
    printed.extend(confirmations.try_iter());
    printed
}

fn check_store(data: &Path, confirmed: &[EventId]) {
    let conn = Connection::open(data.join("device.sqlite")).unwrap();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    drop(conn);
    // The library opens it too (migrations, temp-file sweep) and sees a sane outbox.
    let device = Device::open(data).unwrap();
    let outbox = device.outbox().unwrap();

    let conn = Connection::open(data.join("device.sqlite")).unwrap();
    let mut stmt = conn
        .prepare("SELECT id, device_seq, canonical, sha256, photo_sha256 FROM events ORDER BY device_seq")
        .unwrap();
    let rows: Vec<EventRow> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(outbox.events, rows.len());

    let mut stored = HashSet::new();
    let mut last_outcome: BTreeMap<ItemId, Outcome> = BTreeMap::new();
    let mut photos = HashSet::new();
    for (i, (id, seq, canonical, sha, photo)) in rows.iter().enumerate() {
        assert_eq!(*seq, i as i64 + 1, "device_seq has a gap or a repeat");
        let event: Event = serde_json::from_slice(canonical).unwrap();
        assert_eq!(event.id.to_string(), *id);
        assert_eq!(Sha256Hash::of(canonical).to_hex(), *sha);
        let EventBody::Attempt(attempt) = event.body else {
            panic!("stress-record records attempts only")
        };
        let named = attempt
            .photo
            .expect("every stress attempt has a photo")
            .sha256;
        assert_eq!(Some(named.to_hex()), *photo);
        let file = std::fs::read(data.join(format!("photos/{named}.jpg"))).unwrap();
        assert_eq!(
            Sha256Hash::of(&file),
            named,
            "photo file does not match its name"
        );
        photos.insert(named.to_hex());
        last_outcome.insert(attempt.item_id, attempt.outcome);
        stored.insert(event.id);
    }
    for id in confirmed {
        assert!(stored.contains(id), "confirmed event {id} is missing");
    }

    // Each item's state is what its last attempt made it; untouched items are pending.
    let mut stmt = conn.prepare("SELECT id, state FROM items").unwrap();
    let items: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, state) in items {
        let expected = match last_outcome.get(&id.parse().unwrap()) {
            None => ItemState::Pending,
            Some(outcome) if outcome.is_delivered() => ItemState::Delivered,
            Some(_) => ItemState::Failed,
        };
        assert_eq!(
            ItemState::parse(&state),
            Some(expected),
            "item state out of step"
        );
    }

    // Photo rows are exactly the photos events name: a half-written temp file never is one.
    let mut stmt = conn.prepare("SELECT sha256, path FROM photos").unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), photos.len());
    for (sha, path) in rows {
        assert!(photos.contains(&sha));
        assert_eq!(path, format!("photos/{sha}.jpg"));
    }
    assert_eq!(outbox.photos, photos.len());
}
