//! A phone updated to a newer store keeps what it had: under the visits' store (version 3) the
//! events table is rebuilt, and every event, receipt and the chain must come through it; the
//! handovers' cards (version 4) are read back from the events already recorded.

use antar_domain::attempt::{Attempt, FailureReason, Outcome};
use antar_domain::ids::{EventId, Sha256Hash};
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, EventBody, Receipt};
use chrono::Utc;
use rusqlite::params;
use rusqlite_migration::{M, Migrations};

use crate::support::{sample_manifest, test_device_id};
use crate::{AttemptInput, Device};

#[test]
fn events_and_receipts_of_a_version_2_store_survive_the_visits_migration() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = sample_manifest(1, 0, 3);
    let device_id = test_device_id();
    let mut events = Vec::new();
    {
        let mut conn = rusqlite::Connection::open(dir.path().join(super::DB_FILE)).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        Migrations::new(vec![
            M::up(include_str!("../../migrations/0001_init.sql")),
            M::up(include_str!("../../migrations/0002_manifest_courier.sql")),
        ])
        .to_latest(&mut conn)
        .unwrap();
        conn.execute(
            "INSERT INTO enrollment (id, office_url, device_id, device_label, courier_id,
                                     courier_name, token, enrolled_at)
             VALUES (1, 'http://127.0.0.1:9', ?1, 'uji', ?2, ?3, 't', '2026-11-01T00:00:00Z')",
            params![
                device_id.to_string(),
                manifest.courier.id.to_string(),
                manifest.courier.name
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO manifests (id, number, issued_on, json, content_sha256, downloaded_at,
                                    courier_id)
             VALUES (?1, ?2, ?3, ?4, ?5, '2026-11-01T00:00:00Z', ?6)",
            params![
                manifest.id.to_string(),
                manifest.number.as_str(),
                manifest.issued_on.to_string(),
                serde_json::to_string(&manifest).unwrap(),
                manifest.content_hash().to_hex(),
                manifest.courier.id.to_string(),
            ],
        )
        .unwrap();
        for item in &manifest.items {
            conn.execute(
                "INSERT INTO items (id, manifest_id, line, desa_code, kecamatan_name, name_key,
                                    nik, office_state, state, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?9)",
                params![
                    item.id.to_string(),
                    manifest.id.to_string(),
                    item.line,
                    item.address.desa.as_str(),
                    item.address.kecamatan_name,
                    item.owner_name.to_lowercase(),
                    item.nik.as_str(),
                    if item.line == 1 { "failed" } else { "pending" },
                    serde_json::to_string(item).unwrap(),
                ],
            )
            .unwrap();
        }
        // Two attempts on the first document; the office has acknowledged the first.
        let mut prev = None;
        for seq in 1..=2u64 {
            let event = Event {
                id: EventId::new_v7(),
                device_id,
                device_seq: seq,
                recorded_at: Utc::now(),
                since_contact: None,
                prev_sha256: prev,
                body: EventBody::Attempt(Attempt {
                    manifest_id: manifest.id,
                    manifest_sha256: manifest.content_hash(),
                    item_id: manifest.items[0].id,
                    outcome: Outcome::Failed {
                        reason: FailureReason::NotAtHome,
                    },
                    fix: None,
                    place: None,
                    photo: None,
                    note: None,
                }),
            };
            let canonical = event.canonical_bytes();
            let sha = Sha256Hash::of(&canonical);
            let receipt = (seq == 1).then(|| Receipt {
                event_id: event.id,
                event_sha256: sha,
                office_seq: 7,
                received_at: Utc::now(),
                item_state: Some(ItemState::Failed),
                warning: None,
            });
            conn.execute(
                "INSERT INTO events (id, device_seq, item_id, canonical, sha256, recorded_at,
                                     receipt_json, receipt_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, '2026-11-02T00:00:00Z', ?6, ?7)",
                params![
                    event.id.to_string(),
                    i64::try_from(seq).unwrap(),
                    manifest.items[0].id.to_string(),
                    canonical,
                    sha.to_hex(),
                    receipt.as_ref().map(|r| serde_json::to_string(r).unwrap()),
                    receipt.as_ref().map(|_| "2026-11-02T01:00:00Z"),
                ],
            )
            .unwrap();
            prev = Some(sha);
            events.push((event, sha, receipt));
        }
    }

    let mut device = Device::open(dir.path()).unwrap();
    let acknowledged = device.acknowledged_events().unwrap();
    assert_eq!(acknowledged.len(), 1);
    assert_eq!(acknowledged[0].0, events[0].0);
    assert_eq!(Some(&acknowledged[0].1), events[0].2.as_ref());
    let pending = device.store.pending_events(0, 10).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        (pending[0].id, pending[0].sha256),
        (events[1].0.id, events[1].1)
    );
    assert_eq!(pending[0].canonical, events[1].0.canonical_bytes());

    // It still syncs: its receipt stores and sets the document's state.
    let receipt = Receipt {
        event_id: pending[0].id,
        event_sha256: pending[0].sha256,
        office_seq: 8,
        received_at: Utc::now(),
        item_state: Some(ItemState::Failed),
        warning: None,
    };
    assert_eq!(device.store.store_receipts(&[receipt]).unwrap(), 1);
    assert_eq!(device.outbox().unwrap().events, 0);
    // And the chain goes on from the old events.
    let next = device
        .record_attempt(AttemptInput {
            item_id: manifest.items[0].id,
            outcome: Outcome::DeliveredToOwner,
            photo: None,
            fix: None,
            note: None,
        })
        .unwrap();
    assert_eq!(next.device_seq, 3);
    let pending = device.store.pending_events(0, 10).unwrap();
    let event: Event = serde_json::from_slice(&pending[0].canonical).unwrap();
    assert_eq!(event.prev_sha256, Some(events[1].1));
    let indexes: Vec<String> = device
        .store
        .conn()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for index in ["events_outbox", "events_by_item", "events_by_visit"] {
        assert!(
            indexes.iter().any(|i| i == index),
            "{index} missing: {indexes:?}"
        );
    }
}

/// Migration 0004 reads the cards of collective handovers recorded before it from their
/// events, so a BA downloaded again keeps them delivered.
#[test]
fn handovers_recorded_before_version_4_keep_their_cards() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    Migrations::new(vec![
        M::up(include_str!("../../migrations/0001_init.sql")),
        M::up(include_str!("../../migrations/0002_manifest_courier.sql")),
        M::up(include_str!("../../migrations/0003_visits.sql")),
    ])
    .to_latest(&mut conn)
    .unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    let insert = |id: &str, seq: i64, body: &str| {
        conn.execute(
            "INSERT INTO events (id, device_seq, visit_id, canonical, sha256, recorded_at)
             VALUES (?1, ?2, 'v', CAST(?3 AS BLOB), 'h', 't')",
            params![id, seq, format!(r#"{{"id":"{id}","body":{body}}}"#)],
        )
        .unwrap();
    };
    insert(
        "e1",
        1,
        r#"{"type":"collective_handover","items":["kartu-1","kartu-2"]}"#,
    );
    insert("e2", 2, r#"{"type":"visit_checkin","photos":[]}"#);
    super::migrations().to_latest(&mut conn).unwrap();
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT event_id, item_id FROM handover_items ORDER BY item_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("e1".to_owned(), "kartu-1".to_owned()),
            ("e1".to_owned(), "kartu-2".to_owned())
        ]
    );
}

#[test]
fn a_token_stored_in_plain_text_is_sealed_at_open_and_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let device_id = test_device_id();
    {
        let mut conn = rusqlite::Connection::open(dir.path().join(super::DB_FILE)).unwrap();
        Migrations::new(vec![
            M::up(include_str!("../../migrations/0001_init.sql")),
            M::up(include_str!("../../migrations/0002_manifest_courier.sql")),
        ])
        .to_latest(&mut conn)
        .unwrap();
        conn.execute(
            "INSERT INTO enrollment (id, office_url, device_id, device_label, courier_id,
                                     courier_name, token, enrolled_at)
             VALUES (1, 'http://127.0.0.1:9', ?1, 'uji', ?2, 'Budi', 'token-polos-lama',
                     '2026-11-01T00:00:00Z')",
            params![device_id.to_string(), test_device_id().to_string()],
        )
        .unwrap();
    }
    let store = super::Store::open(dir.path()).unwrap();
    assert_eq!(
        store.enrollment().unwrap().unwrap().token,
        "token-polos-lama"
    );
    drop(store);
    let db = std::fs::read(dir.path().join(super::DB_FILE)).unwrap();
    let wal = std::fs::read(dir.path().join("device.sqlite-wal")).unwrap_or_default();
    let plain = b"token-polos-lama";
    assert!(
        ![db, wal]
            .iter()
            .any(|bytes| bytes.windows(plain.len()).any(|w| w == plain)),
        "the plain token is gone from the file"
    );
}
