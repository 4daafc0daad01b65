//! The attempts the office stored, with its own checks beside what the phone said, for staff
//! and tests.

use super::photos::PROOF_OK;
use crate::store::attempts::{PhotoCheck, StoredAttempt};
use crate::store::{Store, from_json_text, parse_stored, parse_timestamp};
use crate::store::{StoreError, StoreResult};
use antar_domain::wire::{Event, EventBody};

pub(super) fn event_count(store: &Store) -> StoreResult<u64> {
    store.read(|conn| {
        conn.query_row("SELECT COUNT(*) FROM events", (), |r| {
            crate::store::get_u64(r, 0)
        })
    })
}

pub(super) fn attempts(store: &Store) -> StoreResult<Vec<StoredAttempt>> {
    store.read(|conn| {
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
        let mut rows = stmt.query(())?;
        let mut attempts = Vec::new();
        while let Some(r) = rows.next()? {
            let event_id: String = r.get(0)?;
            let item_id: String = r.get(1)?;
            let photo: Option<String> = r.get(3)?;
            let recorded_at: String = r.get(4)?;
            let canonical: Vec<u8> = r.get(2)?;
            let event: Event = serde_json::from_slice(&canonical)
                .map_err(|e| StoreError::corrupt(format!("kejadian: {e}")))?;
            // The attempts view holds only rows with an item.
            let EventBody::Attempt(attempt) = event.body else {
                return Err(StoreError::corrupt(format!(
                    "kejadian {event_id} bukan percobaan"
                )));
            };
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
                chain: from_json_text(&r.get::<String>(6)?, "rantai")?,
                time: from_json_text(&r.get::<String>(7)?, "waktu")?,
                manifest_bound: r.get(8)?,
                place_office: from_json_text(&r.get::<String>(9)?, "tempat")?,
                place_device: r
                    .get::<Option<String>>(10)?
                    .map(|json| from_json_text(&json, "tempat perangkat"))
                    .transpose()?,
                place_agrees: r.get(11)?,
                photo_check: photo_check(
                    photo.is_some(),
                    r.get(12)?,
                    r.get::<Option<bool>>(13)?.unwrap_or(false),
                    r.get(14)?,
                    r.get(15)?,
                ),
            });
        }
        Ok(attempts)
    })
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
