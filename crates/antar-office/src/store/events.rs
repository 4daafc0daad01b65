//! Events from devices: stored once each under their id (replays get the same receipt, a
//! different event under a used id is a conflict), with the attempt's item state transition
//! applied in the same transaction. This is the server's hot path: few statements, all cached.

use antar_domain::attempt::{Attempt, FailureReason, Outcome};
use antar_domain::custody::{ChainVerdict, TimeVerdict};
use antar_domain::ids::{CourierId, EventId, ItemId, Sha256Hash};
use antar_domain::place::PlaceVerdict;
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, EventBody, Receipt};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::photos::PROOF_OK;
use super::{Store, custody, from_json_text, json_text, parse_stored, parse_timestamp, timestamp};
use crate::error::{OfficeError, OfficeResult};

/// An event ready to store: its canonical bytes and hash are computed before the write lock.
#[derive(Clone, Debug)]
pub(crate) struct IncomingEvent {
    pub(crate) event: Event,
    pub(crate) canonical: Vec<u8>,
    pub(crate) sha256: Sha256Hash,
}

impl IncomingEvent {
    pub(crate) fn new(event: Event) -> Self {
        let canonical = event.canonical_bytes();
        let sha256 = Sha256Hash::of(&canonical);
        Self {
            event,
            canonical,
            sha256,
        }
    }
}

/// A stored event's receipt, with the JSON text kept in the database (so a replay answers
/// with exactly the same bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Recorded {
    Created { receipt: Receipt, json: String },
    Replayed { json: String },
}

impl Recorded {
    pub(crate) fn is_created(&self) -> bool {
        matches!(self, Self::Created { .. })
    }

    /// The receipt as a value (a replay's is parsed back from its stored text).
    pub(crate) fn into_receipt(self) -> Result<Receipt, serde_json::Error> {
        match self {
            Self::Created { receipt, .. } => Ok(receipt),
            Self::Replayed { json } => serde_json::from_str(&json),
        }
    }
}

/// Why an event was not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EventRejection {
    /// The item is not in that manifest, or the manifest is not this courier's.
    ItemNotFound,
    /// The id was already used by an event with other content.
    Conflict,
}

/// One stored attempt, for staff and tests.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAttempt {
    pub event_id: EventId,
    pub item_id: ItemId,
    /// The outcome as the device recorded it, with recipient or reason.
    pub outcome: Outcome,
    pub photo_sha256: Option<Sha256Hash>,
    pub recorded_at: DateTime<Utc>,
    /// Why the attempt could not change its item, if it could not.
    pub warning: Option<String>,
    /// The office's own checks: where the event stands in its device's chain, whether its
    /// claimed time is possible, whether it names the office's copy of its BA.
    pub chain: ChainVerdict,
    pub time: TimeVerdict,
    pub manifest_bound: bool,
    /// The office's place verdict, the device's (if it sent one), and whether they agree.
    pub place_office: PlaceVerdict,
    pub place_device: Option<PlaceVerdict>,
    pub place_agrees: Option<bool>,
    pub photo_check: PhotoCheck,
}

/// The office's check of the photo an attempt names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhotoCheck {
    /// The attempt names no photo.
    NoPhoto,
    /// Named, but not (wholly) arrived yet.
    Awaited,
    /// Arrived, its bytes hash to the name, it is the size the attempt says and a proof photo.
    Verified,
    /// Arrived and hashes to its name, but is not the size the attempt says.
    SizeMismatch { named: u64, received: u64 },
    /// Arrived, but is not a proof photo (e.g. a camera original with its EXIF): why.
    NotAProof(String),
}

type EventResult = Result<Recorded, EventRejection>;

impl Store {
    /// Stores `events` sent by a device of `courier`, all in one transaction; one result per
    /// event, in order. A rejected event does not affect the others.
    pub(crate) fn record_events(
        &self,
        courier: CourierId,
        events: &[IncomingEvent],
    ) -> OfficeResult<Vec<EventResult>> {
        let received_at = Utc::now();
        let received_text = timestamp(received_at);
        let courier = courier.to_string();
        self.write_sequenced(|tx, last_seq| {
            let mut office_seq: i64 = match *last_seq {
                Some(seq) => seq,
                None => {
                    tx.query_row("SELECT COALESCE(MAX(office_seq), 0) FROM events", [], |r| {
                        r.get(0)
                    })?
                }
            };
            let mut results = Vec::with_capacity(events.len());
            for incoming in events {
                let EventBody::Attempt(attempt) = &incoming.event.body;
                let result = record_attempt(
                    tx,
                    &courier,
                    incoming,
                    attempt,
                    office_seq + 1,
                    received_at,
                    &received_text,
                )?;
                if result.as_ref().is_ok_and(Recorded::is_created) {
                    office_seq += 1;
                }
                results.push(result);
            }
            *last_seq = Some(office_seq);
            Ok(results)
        })
    }

    pub(crate) fn event_count(&self) -> OfficeResult<u64> {
        self.read(|conn| {
            Ok(conn.query_row("SELECT COUNT(*) FROM events", [], |r| super::get_u64(r, 0))?)
        })
    }

    /// Every stored attempt, in the order the office received them.
    pub(crate) fn attempts(&self) -> OfficeResult<Vec<StoredAttempt>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT e.id, a.item_id, e.canonical, a.photo_sha256, a.recorded_at, a.warning,
                        a.chain_json, a.time_json, a.manifest_bound, a.place_office,
                        a.place_device, a.place_agrees, a.photo_bytes, p.complete,
                        p.total_bytes, p.proof_check
                 FROM attempts a JOIN events e ON e.office_seq = a.office_seq
                 LEFT JOIN photos p ON p.sha256 = a.photo_sha256
                 WHERE a.chain_json IS NOT NULL
                 ORDER BY a.office_seq",
            )?;
            let mut rows = stmt.query([])?;
            let mut attempts = Vec::new();
            while let Some(r) = rows.next()? {
                let event_id: String = r.get(0)?;
                let item_id: String = r.get(1)?;
                let photo: Option<String> = r.get(3)?;
                let recorded_at: String = r.get(4)?;
                let canonical: Vec<u8> = r.get(2)?;
                let event: Event = serde_json::from_slice(&canonical)
                    .map_err(|e| OfficeError::Corrupt(format!("kejadian: {e}")))?;
                let EventBody::Attempt(attempt) = event.body;
                attempts.push(StoredAttempt {
                    event_id: parse_stored(&event_id, "id kejadian")?,
                    item_id: parse_stored(&item_id, "id item")?,
                    outcome: attempt.outcome,
                    photo_sha256: photo
                        .as_ref()
                        .map(|p| parse_stored(p, "hash foto"))
                        .transpose()?,
                    recorded_at: parse_timestamp(&recorded_at)?,
                    warning: r.get(5)?,
                    chain: from_json_text(&r.get::<_, String>(6)?, "rantai")?,
                    time: from_json_text(&r.get::<_, String>(7)?, "waktu")?,
                    manifest_bound: r.get(8)?,
                    place_office: from_json_text(&r.get::<_, String>(9)?, "tempat")?,
                    place_device: r
                        .get::<_, Option<String>>(10)?
                        .map(|json| from_json_text(&json, "tempat perangkat"))
                        .transpose()?,
                    place_agrees: r.get(11)?,
                    photo_check: photo_check(
                        photo.is_some(),
                        r.get(12)?,
                        r.get::<_, Option<bool>>(13)?.unwrap_or(false),
                        r.get(14)?,
                        r.get(15)?,
                    ),
                });
            }
            Ok(attempts)
        })
    }
}

fn photo_check(
    named: bool,
    named_bytes: Option<i64>,
    complete: bool,
    received: Option<i64>,
    proof_check: Option<String>,
) -> PhotoCheck {
    let as_u64 = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0);
    match (named, complete, proof_check) {
        (false, _, _) => PhotoCheck::NoPhoto,
        (true, false, _) => PhotoCheck::Awaited,
        _ if named_bytes != received => PhotoCheck::SizeMismatch {
            named: as_u64(named_bytes),
            received: as_u64(received),
        },
        (true, true, Some(check)) if check != PROOF_OK => PhotoCheck::NotAProof(check),
        (true, true, _) => PhotoCheck::Verified,
    }
}

fn record_attempt(
    tx: &Transaction<'_>,
    courier: &str,
    incoming: &IncomingEvent,
    attempt: &Attempt,
    office_seq: i64,
    received_at: DateTime<Utc>,
    received_text: &str,
) -> OfficeResult<EventResult> {
    let event = &incoming.event;
    let item_id = attempt.item_id.to_string();
    // The join with manifests both finds the item's state and proves the manifest is this
    // courier's; an item of another courier looks exactly like an unknown one.
    // The same row gives what the office's own checks need: the KTP address desa and the
    // fingerprint of the BA (one query per event instead of three).
    let found: Option<(i64, String, String, Option<String>)> = tx
        .prepare_cached(
            "SELECT i.rowid, i.state, d.desa, m.content_sha256
             FROM manifest_items i JOIN manifests m ON m.id = i.manifest_id
             JOIN documents d ON d.id = i.document_id
             WHERE i.id = ?1 AND i.manifest_id = ?2 AND m.courier_id = ?3",
        )?
        .query_row(
            params![item_id, attempt.manifest_id.to_string(), courier],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((item_rowid, state, desa, manifest_sha256)) = found else {
        return Ok(Err(EventRejection::ItemNotFound));
    };
    let before = ItemState::parse(&state)
        .ok_or_else(|| OfficeError::corrupt(format!("status item {state:?}")))?;
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
    let receipt = Receipt {
        event_id: event.id,
        event_sha256: incoming.sha256,
        office_seq,
        received_at,
        item_state: after,
        warning: warning.clone(),
    };
    let receipt_json =
        serde_json::to_string(&receipt).map_err(|e| OfficeError::corrupt(e.to_string()))?;
    let event_id = event.id.to_string();
    let inserted = tx
        .prepare_cached(
            "INSERT INTO events (office_seq, id, device_id, device_seq, canonical, sha256,
                received_at, receipt_json, prev_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            office_seq,
            event_id,
            event.device_id.to_string(),
            // SQLite integers are signed; a sequence beyond i64 is nonsense but must not panic.
            i64::try_from(event.device_seq).unwrap_or(i64::MAX),
            incoming.canonical,
            incoming.sha256.to_hex(),
            received_text,
            receipt_json,
            event.prev_sha256.map(|h| h.to_hex())
        ])?;
    if inserted == 0 {
        return replay(tx, &event_id, &incoming.sha256);
    }
    let checks = custody::check_attempt(
        tx,
        custody::Arrival {
            office_seq,
            event,
            sha256: &incoming.sha256,
            attempt,
            received_at,
            desa: &desa,
            manifest_sha256: manifest_sha256.as_deref(),
        },
    )?;
    insert_attempt(
        tx,
        office_seq,
        &item_id,
        attempt,
        event.recorded_at,
        warning.as_deref(),
        &checks,
    )?;
    // Every attempt becomes its item's latest (migration 0005: the web finds an item's latest
    // attempt here instead of in an index of all attempts); the row was just read, so this
    // rewrites a page already in cache.
    if after == before {
        tx.prepare_cached("UPDATE manifest_items SET last_office_seq = ?2 WHERE rowid = ?1")?
            .execute(params![item_rowid, office_seq])?;
    } else {
        // A delivery also keeps the item's earliest delivery time (migration 0004), in the
        // same statement, so the service standard need not search the attempts for it. The
        // earlier one wins because a review may reopen the item and a later attempt deliver
        // it again; the standard counts from the first.
        let delivered_at = (after == ItemState::Delivered).then(|| timestamp(event.recorded_at));
        tx.prepare_cached(
            "UPDATE manifest_items SET state = ?2, updated_at = ?3, last_office_seq = ?5,
                delivered_at = CASE WHEN ?4 IS NULL OR delivered_at <= ?4
                    THEN delivered_at ELSE ?4 END
             WHERE rowid = ?1",
        )?
        .execute(params![
            item_rowid,
            after.code(),
            received_text,
            delivered_at,
            office_seq
        ])?;
    }
    Ok(Ok(Recorded::Created {
        receipt,
        json: receipt_json,
    }))
}

/// The event id is taken: the same content gets its stored receipt, other content conflicts.
fn replay(tx: &Transaction<'_>, event_id: &str, sha256: &Sha256Hash) -> OfficeResult<EventResult> {
    let (stored_hash, receipt): (String, String) = tx
        .prepare_cached("SELECT sha256, receipt_json FROM events WHERE id = ?1")?
        .query_row([event_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if stored_hash == sha256.to_hex() {
        Ok(Ok(Recorded::Replayed { json: receipt }))
    } else {
        Ok(Err(EventRejection::Conflict))
    }
}

fn insert_attempt(
    tx: &Transaction<'_>,
    office_seq: i64,
    item_id: &str,
    attempt: &Attempt,
    recorded_at: DateTime<Utc>,
    warning: Option<&str>,
    checks: &custody::Checks,
) -> OfficeResult<()> {
    let (reason, reason_note, recipient, relationship) = match &attempt.outcome {
        Outcome::DeliveredToOwner => (None, None, None, None),
        Outcome::DeliveredToFamily {
            recipient,
            relationship,
        } => (
            None,
            None,
            Some(recipient.as_str()),
            Some(relationship.code()),
        ),
        Outcome::Failed { reason } => {
            let note = match reason {
                FailureReason::Other { note } => Some(note.as_str()),
                _ => None,
            };
            (Some(reason.code()), note, None, None)
        }
    };
    let fix = attempt.fix.as_ref();
    tx.prepare_cached(
        "INSERT INTO attempts (office_seq, item_id, outcome, reason, reason_note, note, recipient,
            relationship, lat, lon, accuracy_m, mock_location, photo_sha256, photo_bytes,
            recorded_at, warning, chain, chain_json, time, time_json, manifest_bound,
            place_office, place_device, place_agrees)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    )?
    .execute(params![
        office_seq,
        item_id,
        attempt.outcome.code(),
        reason,
        reason_note,
        attempt.note.as_ref().map(|n| n.as_str()),
        recipient,
        relationship,
        fix.map(|f| f.lat()),
        fix.map(|f| f.lon()),
        fix.map(|f| f.accuracy_m()),
        fix.map(|f| f.is_mock()),
        attempt.photo.map(|p| p.sha256.to_hex()),
        attempt
            .photo
            .map(|p| i64::try_from(p.bytes).unwrap_or(i64::MAX)),
        timestamp(recorded_at),
        warning,
        checks.chain.code(),
        json_text(&checks.chain)?,
        checks.time.code(),
        json_text(&checks.time)?,
        checks.manifest_bound,
        json_text(&checks.place_office)?,
        attempt.place.as_ref().map(json_text).transpose()?,
        checks.place_agrees,
    ])?;
    Ok(())
}
