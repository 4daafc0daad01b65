//! Events from devices: stored once each under their id (replays get the same receipt, a
//! different event under a used id is a conflict), with the attempt's item state transition
//! applied in the same transaction. This is the server's hot path: few statements, all cached.

use super::event_batch::{EventBatch, Flushing};
use super::event_rows::{AttemptColumns, EventRow, chain_stored, event_row_values};
use super::item_updates::{Attempted, ItemUpdates};
use crate::store::StoredAttempt;
use crate::store::db::{Db, Dialect};
use crate::store::events::Submission;
use crate::store::incoming::{EventRejection, EventResult, IncomingEvent, Recorded};
use crate::store::lookup::IngestLookup;
use crate::store::roles::EventStore;
use crate::store::{Store, WriterMemo, custody, json_text, parse_timestamp, timestamp};
use crate::store::{StoreError, StoreResult};
use antar_domain::attempt::Attempt;
use antar_domain::ids::{EventId, ItemId, Sha256Hash};
use antar_domain::state::ItemState;
use antar_domain::wire::{EventBody, Receipt};
use chrono::{DateTime, SubsecRound, Utc};

impl EventStore for Store {
    fn record_events(&self, submissions: &[Submission]) -> StoreResult<Vec<Vec<EventResult>>> {
        // Whole milliseconds, as the database keeps it: a receipt rebuilt on a replay from the
        // stored text must have the same bytes as the first.
        let received_at = Utc::now().trunc_subsecs(3);
        let received_text = timestamp(received_at);
        let couriers: Vec<String> = submissions.iter().map(|s| s.courier.to_string()).collect();
        self.write_sequenced(|tx, memo| {
            let mut office_seq: i64 = match memo.last_office_seq {
                Some(seq) => seq,
                None => {
                    tx.query_row("SELECT COALESCE(MAX(office_seq), 0) FROM events", (), |r| {
                        r.get(0)
                    })?
                }
            };
            let batch = EventBatch::for_request(tx, submissions)?;
            let attempted: Vec<ItemId> = (submissions.iter().flat_map(|s| &s.events))
                .filter_map(|incoming| match &incoming.event.body {
                    EventBody::Attempt(attempt) => Some(attempt.item_id),
                    _ => None,
                })
                .collect();
            // After another process wrote, the memo knows no item's state; on PostgreSQL a
            // batch reads them together rather than one round trip each.
            if attempted.len() > 1 && tx.dialect() == Dialect::Postgres {
                memo.items.read_states(tx, attempted)?;
            }
            let mut updates = ItemUpdates::default();
            let mut all = Vec::with_capacity(submissions.len());
            for (submission, courier) in submissions.iter().zip(&couriers) {
                let mut results = Vec::with_capacity(submission.events.len());
                for incoming in &submission.events {
                    // An earlier enrollment's event is its own courier's work.
                    let recorded_for = incoming.recorded_for.map(|c| c.to_string());
                    let receiving = Receiving {
                        courier: recorded_for.as_deref().unwrap_or(courier),
                        received_at,
                        received_text: &received_text,
                    };
                    let next = office_seq + 1;
                    let is_attempt = matches!(incoming.event.body, EventBody::Attempt(_));
                    if !is_attempt {
                        // The other kinds read items' states from the tables, and may change
                        // them behind the memo; they read and insert their rows themselves.
                        batch.write(tx)?;
                        updates.write(tx)?;
                        memo.items.forget_states();
                    }
                    let result = match &incoming.event.body {
                        EventBody::Attempt(attempt) => record_attempt(
                            &batch.flushing(tx),
                            memo,
                            &mut updates,
                            &receiving,
                            incoming,
                            attempt,
                            next,
                        )?,
                        EventBody::VisitCheckin(_) | EventBody::VisitOutcome(_) => {
                            super::visit_events::record(tx, memo, &receiving, incoming, next)?
                        }
                        EventBody::CollectiveHandover(handover) => super::handovers::record(
                            tx, memo, &receiving, incoming, handover, next,
                        )?,
                        EventBody::HandoverCount(count) => super::handover_counts::record(
                            tx, memo, &receiving, incoming, count, next,
                        )?,
                        EventBody::CourierReturn(handed_back) => super::courier_returns::record(
                            tx,
                            memo,
                            &receiving,
                            incoming,
                            handed_back,
                            next,
                        )?,
                    };
                    if !is_attempt {
                        batch.stored_elsewhere(&incoming.texts.id);
                    }
                    if result.as_ref().is_ok_and(Recorded::is_created) {
                        office_seq += 1;
                    }
                    results.push(result);
                }
                all.push(results);
            }
            batch.write(tx)?;
            updates.write(tx)?;
            memo.last_office_seq = Some(office_seq);
            Ok(all)
        })
    }

    fn event_count(&self) -> StoreResult<u64> {
        super::attempts::event_count(self)
    }

    fn attempts(&self) -> StoreResult<Vec<StoredAttempt>> {
        super::attempts::attempts(self)
    }
}

/// One request's arrival: who sent it and when.
pub(super) struct Receiving<'a> {
    pub(super) courier: &'a str,
    pub(super) received_at: DateTime<Utc>,
    pub(super) received_text: &'a str,
}

fn record_attempt(
    lookup: &Flushing<'_, '_>,
    memo: &mut WriterMemo,
    updates: &mut ItemUpdates,
    receiving: &Receiving<'_>,
    incoming: &IncomingEvent,
    attempt: &Attempt,
    office_seq: i64,
) -> StoreResult<EventResult> {
    let Receiving {
        courier,
        received_at,
        received_text,
    } = *receiving;
    let WriterMemo {
        device_tails,
        items,
        ..
    } = memo;
    let event = &incoming.event;
    // The item's BA must be the one the attempt names and this courier's; an item of another
    // courier looks exactly like an unknown one.
    let Some((item, before)) = items.look_up(lookup, attempt.item_id)? else {
        return Ok(Err(EventRejection::ItemNotFound));
    };
    if item.manifest_id != attempt.manifest_id {
        return Ok(Err(EventRejection::ItemNotFound));
    }
    // A visit's BA is held by one member and recorded by any of its team.
    let holds = item.courier_id == courier
        || match &item.visit_id {
            Some(visit) => lookup.on_visit_team(visit, courier)?,
            None => false,
        };
    if !holds {
        return Ok(Err(EventRejection::ItemNotFound));
    }
    let (after, warning) = match before.after_attempt(&attempt.outcome) {
        Ok(after) => (after, None),
        // It happened in the field, so the event is kept; only the item stays as it was.
        Err(refused) => (
            before,
            Some(format!(
                "kejadian disimpan, tetapi status dokumen tidak diubah: {refused}"
            )),
        ),
    };
    // Judged before the insert because the verdicts are columns of the event's row; a replay
    // (rare: a resend after a lost answer) throws them away.
    let fingerprint = items.fingerprint(item.manifest_id);
    let checks = custody::check_attempt(
        lookup,
        device_tails,
        custody::Arrival {
            courier,
            event,
            attempt,
            received_at,
            desa: &item.desa,
            manifest_sha256: fingerprint,
        },
    )?;
    if fingerprint.is_none() {
        items.fingerprinted(item.manifest_id, checks.manifest_sha256);
    }
    let stored = StoredEvent {
        office_seq,
        received_text,
        item_state: after,
        warning: warning.as_deref(),
    };
    if !insert_event(lookup, incoming, attempt, &stored, &checks)? {
        return replay(lookup.tx, event.id, &incoming.sha256);
    }
    chain_stored(lookup, device_tails, incoming, &checks.link)?;
    // Every attempt becomes its item's latest (migration 0005: the web finds an item's latest
    // attempt there instead of in an index of all attempts), and a delivery keeps the item's
    // earliest delivery time (migration 0004), so the service standard need not search the
    // attempts for it.
    updates.attempted(&Attempted {
        row: item.row,
        before,
        after,
        received_text,
        delivered_at: (after == ItemState::Delivered)
            .then_some(incoming.texts.recorded_at.as_str()),
        office_seq,
    });
    items.attempted(attempt.item_id, after);
    let receipt = Receipt {
        event_id: event.id,
        event_sha256: incoming.sha256,
        office_seq,
        received_at,
        item_state: Some(after),
        warning,
    };
    Ok(Ok(Recorded::Created(receipt)))
}

/// The answer to an event already stored, when it is: its receipt again, or a conflict. A
/// record whose checks depend on what the first arrival changed (a BA counted, documents
/// returned) asks this before them, so a replay answers as the first time.
pub(super) fn replay_if_stored(
    tx: &Db<'_>,
    incoming: &IncomingEvent,
) -> StoreResult<Option<EventResult>> {
    let id = incoming.event.id;
    let stored = tx
        .prepare_cached("SELECT 1 FROM events WHERE id = ?1")?
        .exists([id.to_string()])?;
    if !stored {
        return Ok(None);
    }
    replay(tx, id, &incoming.sha256).map(Some)
}

/// The event id is taken: the same content gets its receipt again, rebuilt from the stored
/// row (migration 0006) with the same bytes as the first; other content conflicts.
pub(super) fn replay(
    tx: &Db<'_>,
    event_id: EventId,
    sha256: &Sha256Hash,
) -> StoreResult<EventResult> {
    let (stored_hash, office_seq, received_at, item_state, warning): (
        String,
        i64,
        String,
        Option<String>,
        Option<String>,
    ) = tx
        .prepare_cached(
            "SELECT sha256, office_seq, received_at, item_state, warning
             FROM events WHERE id = ?1",
        )?
        .query_row([event_id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    if stored_hash != sha256.to_hex() {
        return Ok(Err(EventRejection::Conflict));
    }
    // NULL for an event about no item (a visit's).
    let item_state = item_state
        .as_deref()
        .map(|state| {
            ItemState::parse(state)
                .ok_or_else(|| StoreError::corrupt(format!("status item kejadian {event_id}")))
        })
        .transpose()?;
    let receipt = Receipt {
        event_id,
        event_sha256: *sha256,
        office_seq,
        received_at: parse_timestamp(&received_at)?,
        item_state,
        warning,
    };
    Ok(Ok(Recorded::Replayed(receipt)))
}

/// What the office adds to an event's row besides the event and its checks.
struct StoredEvent<'a> {
    office_seq: i64,
    received_text: &'a str,
    /// The item's state after the event, as its receipt says.
    item_state: ItemState,
    warning: Option<&'a str>,
}

/// Inserts the event with its attempt and the office's verdicts in one row (migration 0006),
/// or keeps it to insert with the request's others; `false` if its id is taken.
fn insert_event(
    lookup: &Flushing<'_, '_>,
    incoming: &IncomingEvent,
    attempt: &Attempt,
    stored: &StoredEvent<'_>,
    checks: &custody::Checks,
) -> StoreResult<bool> {
    let row = EventRow {
        office_seq: stored.office_seq,
        received_text: stored.received_text,
        note: attempt.note.as_ref(),
        fix: attempt.fix.as_ref(),
        photo_bytes: attempt.photo.map(|p| p.bytes),
        warning: stored.warning,
        place: Some((json_text(&checks.place_office)?, checks.place_agrees)),
        attempt: Some(AttemptColumns {
            item_state: stored.item_state,
            outcome: &attempt.outcome,
            manifest_bound: checks.manifest_bound,
            finding_count: checks.finding_count(),
        }),
    };
    lookup.insert(
        &incoming.texts.id,
        event_row_values(incoming, &row, &checks.link)?,
    )
}

#[cfg(test)]
mod tests {
    use antar_domain::attempt::{FailureReason, Outcome};
    use antar_domain::field_role::FieldRole;
    use rusqlite::params;
    use rusqlite_migration::Migrations;

    use super::super::migrations::MIGRATIONS;
    use super::*;
    use crate::store::{EventStore, Store};

    /// A state written by anything else (a review reopening a delivery, a return BA, a tool
    /// in another process) is what the next event is judged against, whatever ingest
    /// remembers; and events another process stored move the office's sequence on.
    #[test]
    fn what_another_writer_commits_is_what_the_next_event_meets() {
        use antar_domain::region::RegionCode;

        use crate::office::Office;
        use crate::store::ManifestRequest;
        use crate::test_events::failed_attempt;
        let dir = tempfile::tempdir().unwrap();
        let office = Office::open(dir.path()).unwrap();
        office
            .import_path(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../data/samples/prr_tanggamus_500.csv"
            )))
            .unwrap();
        let (courier, _) = office
            .add_courier("Kurir", None, FieldRole::Courier)
            .unwrap();
        let manifest = office
            .issue_manifest(ManifestRequest {
                courier,
                officer: "Petugas".to_owned(),
                officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
                kecamatan: vec![RegionCode::parse("18.06.01").unwrap()],
                desa: vec![],
                issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            })
            .unwrap();
        let item = manifest.items[0].id;
        let device = antar_domain::ids::DeviceId::new_v7();
        let elsewhere = Store::open(&office.data_dir().join("office.sqlite")).unwrap();
        let deliver_through = |store: &dyn EventStore, seq| {
            let mut event = failed_attempt(device, seq, FailureReason::NotAtHome);
            let EventBody::Attempt(attempt) = &mut event.body else {
                unreachable!("an attempt")
            };
            attempt.manifest_id = manifest.id;
            attempt.item_id = item;
            attempt.outcome = Outcome::DeliveredToOwner;
            let bytes = event.canonical_bytes();
            let submission = Submission {
                courier,
                events: vec![IncomingEvent::received(event, &bytes).unwrap()],
            };
            match store.record_events(&[submission]).unwrap().pop() {
                Some(mut results) => match results.pop() {
                    Some(Ok(Recorded::Created(receipt))) => receipt,
                    other => panic!("{other:?}"),
                },
                None => panic!("no results"),
            }
        };
        let deliver = |seq| deliver_through(office.store(), seq);
        assert_eq!(deliver(1).warning, None);
        // Reopened by another connection, as a tool beside the server would.
        elsewhere
            .write(|tx| {
                tx.execute(
                    "UPDATE manifest_items SET state = 'pending' WHERE id = ?1",
                    [item.to_string()],
                )?;
                Ok(())
            })
            .unwrap();
        let again = deliver(2);
        assert_eq!(again.warning, None, "delivered after it was reopened");
        assert_eq!(again.item_state, Some(ItemState::Delivered));
        let third = deliver(3);
        assert!(third.warning.is_some(), "and not a third time");
        let stored_elsewhere = deliver_through(&elsewhere, 4);
        assert_eq!(stored_elsewhere.office_seq, third.office_seq + 1);
        assert_eq!(
            deliver(5).office_seq,
            stored_elsewhere.office_seq + 1,
            "the office's next number follows the one given elsewhere"
        );
    }

    /// Events stored before 0006 keep their attempts (now in the event's row, read through the
    /// `attempts` view) and a replay rebuilds exactly the receipt text that was kept, down to
    /// a received_at with nanoseconds.
    #[test]
    fn migration_0006_keeps_attempts_and_replays_the_same_receipt() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        Migrations::from_slice(&MIGRATIONS[..5])
            .to_latest(&mut conn)
            .unwrap();
        let id = EventId::new_v7();
        let sha256 = Sha256Hash::of(b"kejadian");
        let receipt = Receipt {
            event_id: id,
            event_sha256: sha256,
            office_seq: 1,
            received_at: DateTime::parse_from_rfc3339("2026-11-20T03:04:05.123456789Z")
                .unwrap()
                .with_timezone(&Utc),
            item_state: Some(ItemState::Failed),
            warning: Some("kejadian disimpan, tetapi \"status\" tidak diubah".to_owned()),
        };
        let old_json = serde_json::to_string(&receipt).unwrap();
        conn.execute(
            "INSERT INTO events (office_seq, id, device_id, device_seq, canonical, sha256,
                 received_at, receipt_json)
             VALUES (1, ?1, 'dev', 1, x'7b7d', ?2, '2026-11-20T03:04:05.123Z', ?3)",
            params![id.to_string(), sha256.to_hex(), old_json],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO attempts (office_seq, item_id, outcome, reason, recorded_at, warning,
                 chain, place_agrees)
             VALUES (1, 'i1', 'failed', 'moved', '2026-11-20T02:00:00.000Z', ?1, 'linked', 0)",
            [receipt.warning.as_deref()],
        )
        .unwrap();
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .unwrap();

        let attempt: (i64, String, String, Option<String>, String, bool) = conn
            .query_row(
                "SELECT office_seq, item_id, outcome, reason, chain, place_agrees FROM attempts",
                (),
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .unwrap();
        assert_eq!(
            attempt,
            (
                1,
                "i1".into(),
                "failed".into(),
                Some("moved".into()),
                "linked".into(),
                false
            )
        );
        match replay(&crate::store::db::Db::Sqlite(&conn), id, &sha256).unwrap() {
            Ok(Recorded::Replayed(receipt)) => {
                assert_eq!(serde_json::to_string(&receipt).unwrap(), old_json);
            }
            other => panic!("expected a replay, got {other:?}"),
        }
        assert_eq!(
            replay(
                &crate::store::db::Db::Sqlite(&conn),
                id,
                &Sha256Hash::of(b"lain")
            )
            .unwrap(),
            Err(EventRejection::Conflict)
        );
        let receipt_column: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM pragma_table_info('events') WHERE name = 'receipt_json'",
                (),
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(receipt_column, 0);
    }
}
