//! The office's own checks of each attempt as it arrives — the device's hash chain, the time
//! window, the binding to the BA, the place against the KTP address — stored in the event's
//! row (migrations 0005, 0006). Nothing the device concluded is taken on trust; a failed check
//! flags the attempt, it never drops it. What the checks read comes through [`IngestLookup`],
//! so any store runs the same checks.

use std::collections::HashMap;

use antar_domain::attempt::{Attempt, GpsFix};
use antar_domain::custody::{ChainVerdict, TimePolicy, TimeVerdict, chain_verdict, time_verdict};
use antar_domain::ids::Sha256Hash;
use antar_domain::place::{PlaceIndex, PlacePolicy, PlaceVerdict};
use antar_domain::region::RegionCode;
use antar_domain::wire::Event;
use chrono::{DateTime, Utc};

use super::lookup::IngestLookup;
use crate::store::{StoreError, StoreResult};

/// An attempt event as it is being stored, with what the item's row already told.
pub(super) struct Arrival<'a> {
    /// The courier whose token sent it.
    pub(super) courier: &'a str,
    pub(super) event: &'a Event,
    pub(super) attempt: &'a Attempt,
    pub(super) received_at: DateTime<Utc>,
    /// The KTP address desa of the item, as the office holds it.
    pub(super) desa: &'a RegionCode,
    /// The BA's stored fingerprint, if computed already.
    pub(super) manifest_sha256: Option<Sha256Hash>,
}

/// The office's verdicts on one attempt, written with the attempt's row.
pub(super) struct Checks {
    pub(super) link: Link,
    pub(super) manifest_bound: bool,
    pub(super) place_office: PlaceVerdict,
    pub(super) place_agrees: Option<bool>,
    /// The fingerprint of the office's copy of the BA (computed now if it was not yet).
    pub(super) manifest_sha256: Sha256Hash,
}

impl Checks {
    /// How many findings the review queue sorts the attempt by: the domain's, without the
    /// photo's check, which arrives later (and is shown, not sorted on).
    pub(super) fn finding_count(&self) -> i64 {
        let found = antar_domain::findings::findings(&antar_domain::findings::ProofChecks {
            place: &self.place_office,
            place_agrees: self.place_agrees,
            time: &self.link.time,
            chain: &self.link.chain,
            manifest_bound: self.manifest_bound,
            photo_check: None,
        });
        i64::try_from(found.len()).unwrap_or(i64::MAX)
    }
}

/// The verdicts every event gets, whatever it is about: its place in its device's chain and
/// its time.
pub(super) struct Link {
    pub(super) chain: ChainVerdict,
    pub(super) time: TimeVerdict,
    /// The device's next event, if it arrived first and was judged without this one.
    waiting_successor: Option<(i64, Option<Sha256Hash>)>,
}

/// Checks the attempt before it is stored (the caller stores the verdicts in its row, then
/// calls [`relink_waiting_successor`]).
pub(super) fn check_attempt(
    tx: &impl IngestLookup,
    tails: &mut DeviceTails,
    arrival: Arrival<'_>,
) -> StoreResult<Checks> {
    let Arrival {
        courier,
        event,
        attempt,
        received_at,
        desa,
        manifest_sha256,
    } = arrival;
    let link = check_link(tx, tails, courier, event, received_at)?;
    let manifest_sha256 = match manifest_sha256 {
        Some(stored) => stored,
        None => fingerprint_manifest(tx, attempt)?,
    };
    // The office's own copy, or a form of it served to a phone (the phone's form).
    let bound = manifest_sha256 == attempt.manifest_sha256
        || tx.form_served(attempt.manifest_id, &attempt.manifest_sha256)?;
    let (place_office, place_agrees) =
        judge_place(attempt.fix.as_ref(), attempt.place.as_ref(), desa);
    Ok(Checks {
        link,
        manifest_bound: bound,
        place_office,
        place_agrees,
        manifest_sha256,
    })
}

/// The office's place verdict on a fix against a desa, and whether the device's agrees.
pub(super) fn judge_place(
    fix: Option<&GpsFix>,
    claimed: Option<&PlaceVerdict>,
    desa: &RegionCode,
) -> (PlaceVerdict, Option<bool>) {
    let place = PlaceIndex::tanggamus().verdict(fix, desa, &PlacePolicy::default());
    let agrees = claimed.map(|claimed| claimed.agrees_with(&place));
    (place, agrees)
}

/// Judges the event's place in its device's chain and its time (the caller stores the
/// verdicts in its row, then calls [`relink_waiting_successor`]).
pub(super) fn check_link(
    tx: &impl IngestLookup,
    tails: &mut DeviceTails,
    courier: &str,
    event: &Event,
    received_at: DateTime<Utc>,
) -> StoreResult<Link> {
    let device = event.device_id.to_string();
    let seq = i64::try_from(event.device_seq).unwrap_or(i64::MAX);
    let mut neighbours = match tails.tail(tx, &device)? {
        // The usual case, events arriving in order: the previous one is the device's latest,
        // and nothing is stored at this place in the chain or after it.
        Some(tail) if tail.seq == seq - 1 => Neighbours {
            previous: Some(tail.sha256),
            ..Neighbours::NONE
        },
        // Nothing stored at seq - 1 or beyond.
        Some(tail) if tail.seq < seq - 1 => Neighbours::NONE,
        None => Neighbours::NONE,
        _ => Neighbours::load(tx, &device, seq)?,
    };
    if neighbours.previous.is_none()
        && let Some(named) = &event.prev_sha256
        && earlier_enrollment_holds(tx, courier, &device, seq - 1, named)?
    {
        neighbours.previous = Some(*named);
    }
    let chain = if neighbours.forked {
        // Two different events claiming one place in the chain: one was forged.
        ChainVerdict::Broken
    } else {
        let seq = u64::try_from(seq).unwrap_or(0);
        chain_verdict(
            seq,
            event.prev_sha256.as_ref(),
            neighbours.previous.as_ref(),
        )
    };
    let time = time_verdict(
        event.recorded_at,
        event.since_contact.as_ref(),
        received_at,
        &TimePolicy::default(),
    );
    Ok(Link {
        chain,
        time,
        waiting_successor: neighbours.waiting_successor,
    })
}

/// The device's events next to this one in its chain, read in one query.
struct Neighbours {
    previous: Option<Sha256Hash>,
    forked: bool,
    /// The next event, if it arrived first and was judged without this one.
    waiting_successor: Option<(i64, Option<Sha256Hash>)>,
}

impl Neighbours {
    const NONE: Neighbours = Neighbours {
        previous: None,
        forked: false,
        waiting_successor: None,
    };

    fn load(tx: &impl IngestLookup, device: &str, seq: i64) -> StoreResult<Self> {
        let mut neighbours = Neighbours::NONE;
        for link in tx.chain_links(device, seq)? {
            if link.device_seq == seq - 1 {
                neighbours.previous = Some(link.sha256);
            } else if link.device_seq == seq {
                neighbours.forked = true;
            } else if link.device_seq == seq + 1 && link.predecessor_missing {
                neighbours.waiting_successor = Some((link.office_seq, link.prev_sha256));
            }
        }
        Ok(neighbours)
    }
}

/// A phone enrolled again gets a new device id but continues its chain (device_seq and the
/// hash links go on), so the first event under the new id names an event stored under an
/// earlier id of the same courier. Only an event with exactly that hash at exactly that place
/// counts: two phones of one courier have separate chains, and must not be read as one.
fn earlier_enrollment_holds(
    tx: &impl IngestLookup,
    courier: &str,
    device: &str,
    seq: i64,
    named: &Sha256Hash,
) -> StoreResult<bool> {
    if seq < 1 {
        return Ok(false);
    }
    tx.courier_stored(courier, device, seq, named)
}

/// Each device's stored event with the highest device_seq, known after one query per device
/// (kept by the writer, see `WriterMemo`). When an event continues its device's chain (the
/// usual case) its neighbours are known without reading them.
#[derive(Debug, Default)]
pub(crate) struct DeviceTails(HashMap<String, Option<DeviceTail>>);

#[derive(Clone, Copy, Debug)]
pub(crate) struct DeviceTail {
    seq: i64,
    sha256: Sha256Hash,
}

impl DeviceTails {
    /// The device's latest stored event; `None` if it has none.
    fn tail(&mut self, tx: &impl IngestLookup, device: &str) -> StoreResult<Option<DeviceTail>> {
        if let Some(known) = self.0.get(device) {
            return Ok(*known);
        }
        let tail = tx
            .device_tail(device)?
            .map(|(seq, sha256)| DeviceTail { seq, sha256 });
        self.0.insert(device.to_owned(), tail);
        Ok(tail)
    }

    /// After `event` was stored with this hash (its device's tail was looked up first).
    pub(super) fn stored(&mut self, event: &Event, sha256: Sha256Hash) {
        let seq = i64::try_from(event.device_seq).unwrap_or(i64::MAX);
        if let Some(known) = self.0.get_mut(&event.device_id.to_string())
            && known.is_none_or(|tail| tail.seq < seq)
        {
            *known = Some(DeviceTail { seq, sha256 });
        }
    }
}

/// Once the event is stored: a successor that arrived before it was judged without it, so it
/// is judged again now.
pub(super) fn relink_waiting_successor(
    tx: &impl IngestLookup,
    event: &Event,
    sha256: &Sha256Hash,
    link: &Link,
) -> StoreResult<()> {
    let Some((successor_seq, named)) = &link.waiting_successor else {
        return Ok(());
    };
    let next = event.device_seq.saturating_add(1);
    let chain = chain_verdict(next, named.as_ref(), Some(sha256));
    tx.rejudge_chain(*successor_seq, &chain)
}

/// Computes and keeps the fingerprint of the office's own copy of the attempt's BA, on the
/// first attempt that names it.
fn fingerprint_manifest(tx: &impl IngestLookup, attempt: &Attempt) -> StoreResult<Sha256Hash> {
    let manifest = tx
        .manifest(attempt.manifest_id)?
        .ok_or_else(|| StoreError::corrupt(format!("BA {} hilang", attempt.manifest_id)))?;
    let hash = manifest.content_hash();
    tx.keep_fingerprint(attempt.manifest_id, &hash)?;
    Ok(hash)
}
