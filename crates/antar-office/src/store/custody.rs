//! The office's own checks of each attempt as it arrives — the device's hash chain, the time
//! window, the binding to the BA, the place against the KTP address — stored beside the event. Nothing the device concluded is
//! taken on trust; a failed check flags the attempt, it never drops it.

use antar_domain::attempt::Attempt;
use antar_domain::custody::{ChainVerdict, TimePolicy, chain_verdict, time_verdict};
use antar_domain::ids::Sha256Hash;
use antar_domain::place::{PlaceIndex, PlacePolicy, PlaceVerdict};
use antar_domain::region::RegionCode;
use antar_domain::wire::Event;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::manifests::load_manifest;
use super::{parse_stored, serde_text};
use crate::error::{OfficeError, OfficeResult};

/// Checks the attempt in `event` (stored as `office_seq`) and stores the office's verdicts;
/// re-checks the device's next event if it arrived first.
pub(super) fn check_attempt(
    tx: &Transaction<'_>,
    office_seq: i64,
    event: &Event,
    sha256: &Sha256Hash,
    attempt: &Attempt,
    received_at: DateTime<Utc>,
) -> OfficeResult<()> {
    let device = event.device_id.to_string();
    let seq = i64::try_from(event.device_seq).unwrap_or(i64::MAX);
    let chain = chain_of(tx, &device, seq, office_seq, event.prev_sha256.as_ref())?;
    let time = time_verdict(
        event.recorded_at,
        event.since_contact.as_ref(),
        received_at,
        &TimePolicy::default(),
    );
    let bound = manifest_hash(tx, attempt)? == attempt.manifest_sha256;
    let place = place_of(tx, attempt)?;
    let agrees = attempt
        .place
        .as_ref()
        .map(|claimed| claimed.agrees_with(&place));
    tx.prepare_cached(
        "INSERT INTO attempt_checks (office_seq, chain, chain_json, time, time_json,
            manifest_bound, place_office, place_device, place_agrees)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        office_seq,
        chain.code(),
        serde_text(&chain),
        time.code(),
        serde_text(&time),
        bound,
        serde_text(&place),
        attempt.place.as_ref().map(serde_text),
        agrees
    ])?;
    relink_successor(tx, &device, seq, sha256)
}

/// The office's own verdict on the fix, against the desa of the KTP address it holds.
fn place_of(tx: &Transaction<'_>, attempt: &Attempt) -> OfficeResult<PlaceVerdict> {
    let desa: String = tx
        .prepare_cached(
            "SELECT d.desa FROM manifest_items i JOIN documents d ON d.id = i.document_id
             WHERE i.id = ?1",
        )?
        .query_row([attempt.item_id.to_string()], |r| r.get(0))?;
    let desa =
        RegionCode::parse(&desa).map_err(|e| OfficeError::corrupt(format!("kode desa: {e}")))?;
    Ok(PlaceIndex::tanggamus().verdict(attempt.fix.as_ref(), &desa, &PlacePolicy::default()))
}

/// The event's place in its device's chain, as far as the events held here tell.
fn chain_of(
    tx: &Transaction<'_>,
    device: &str,
    seq: i64,
    office_seq: i64,
    named_previous: Option<&Sha256Hash>,
) -> OfficeResult<ChainVerdict> {
    // Two different events claiming one place in the chain: a fork, so one was forged.
    let forked: Option<i64> = tx
        .prepare_cached(
            "SELECT 1 FROM events WHERE device_id = ?1 AND device_seq = ?2 AND office_seq != ?3",
        )?
        .query_row(params![device, seq, office_seq], |r| r.get(0))
        .optional()?;
    if forked.is_some() {
        return Ok(ChainVerdict::Broken);
    }
    let previous = stored_hash(tx, device, seq - 1)?;
    let seq = u64::try_from(seq).unwrap_or(0);
    Ok(chain_verdict(seq, named_previous, previous.as_ref()))
}

fn stored_hash(tx: &Transaction<'_>, device: &str, seq: i64) -> OfficeResult<Option<Sha256Hash>> {
    let hash: Option<String> = tx
        .prepare_cached("SELECT sha256 FROM events WHERE device_id = ?1 AND device_seq = ?2")?
        .query_row(params![device, seq], |r| r.get(0))
        .optional()?;
    hash.map(|h| parse_stored(&h, "hash kejadian")).transpose()
}

/// A successor that arrived before this event was judged without it: judge it again now.
fn relink_successor(
    tx: &Transaction<'_>,
    device: &str,
    seq: i64,
    sha256: &Sha256Hash,
) -> OfficeResult<()> {
    let successor: Option<(i64, Option<String>)> = tx
        .prepare_cached(
            "SELECT e.office_seq, e.prev_sha256 FROM events e
             JOIN attempt_checks c ON c.office_seq = e.office_seq
             WHERE e.device_id = ?1 AND e.device_seq = ?2 AND c.chain = 'missing'",
        )?
        .query_row(params![device, seq + 1], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((successor_seq, named)) = successor else {
        return Ok(());
    };
    let named: Option<Sha256Hash> = named
        .map(|h| parse_stored(&h, "hash kejadian"))
        .transpose()?;
    let next = u64::try_from(seq + 1).unwrap_or(0);
    let chain = chain_verdict(next, named.as_ref(), Some(sha256));
    tx.prepare_cached(
        "UPDATE attempt_checks SET chain = ?2, chain_json = ?3 WHERE office_seq = ?1",
    )?
    .execute(params![successor_seq, chain.code(), serde_text(&chain)])?;
    Ok(())
}

/// The fingerprint of the office's own copy of the attempt's BA, computed once and kept.
fn manifest_hash(tx: &Transaction<'_>, attempt: &Attempt) -> OfficeResult<Sha256Hash> {
    let id = attempt.manifest_id.to_string();
    let stored: Option<String> = tx
        .prepare_cached("SELECT content_sha256 FROM manifests WHERE id = ?1")?
        .query_row([&id], |r| r.get(0))?;
    if let Some(stored) = stored {
        return parse_stored(&stored, "hash BA");
    }
    let manifest = load_manifest(tx, attempt.manifest_id, None)?
        .ok_or_else(|| OfficeError::corrupt(format!("BA {id} hilang")))?;
    let hash = manifest.content_hash();
    tx.prepare_cached("UPDATE manifests SET content_sha256 = ?2 WHERE id = ?1")?
        .execute(params![id, hash.to_hex()])?;
    Ok(hash)
}
