//! Reading a visit's events back (migration 0011): its check-ins with their photos, each
//! person's outcomes per phone, and the walk-ins, for `VisitResults`.

use std::collections::HashMap;

use crate::store::db::Db;
use antar_domain::ids::{TargetId, VisitId};
use antar_domain::place::PlaceVerdict;
use antar_domain::visit::{
    IkdOutcome, OutcomeRecord, RecordingOutcome, Settled, Settlement, TargetCategory,
};

use super::values::from_json_text;
use super::visits::{region_name, stored_region};
use crate::store::{
    CheckinRow, PersonResult, StoreError, StoreResult, TargetRow, VisitResults, WalkInResult,
    parse_stored, parse_timestamp,
};

pub(super) fn visit_results(conn: &Db<'_>, visit: VisitId) -> StoreResult<VisitResults> {
    let visit = visit.to_string();
    let mut people = listed_people(conn, &visit)?;
    let mut walk_ins: Vec<WalkInResult> = Vec::new();
    for (person, courier, record) in outcomes(conn, &visit)? {
        match person {
            Person::Target(id) => {
                let Some(found) = people.iter_mut().find(|p| p.target.id == id) else {
                    return Err(StoreError::corrupt(format!("sasaran {id} tanpa baris")));
                };
                found.records.push((courier, record));
            }
            Person::WalkIn { nik, name } => match walk_ins.iter_mut().find(|w| w.nik == nik) {
                Some(known) => known.records.push((courier, record)),
                None => walk_ins.push(WalkInResult {
                    nik,
                    name,
                    settled: Settled::Open,
                    records: vec![(courier, record)],
                    decided_by: None,
                }),
            },
        }
    }
    // A removed person stays only if a phone recorded them.
    people.retain(|p| !p.removed || !p.records.is_empty());
    let settlements = settlements(conn, &visit)?;
    for person in &mut people {
        let choice = settlements.get(&person.target.id.to_string());
        (person.settled, person.decided_by) = settle(&person.records, choice);
    }
    for walk_in in &mut walk_ins {
        let choice = settlements.get(&walk_in.nik);
        (walk_in.settled, walk_in.decided_by) = settle(&walk_in.records, choice);
    }
    Ok(VisitResults {
        checkins: checkins(conn, &visit)?,
        people,
        walk_ins,
        handovers: super::handover_results::handovers(conn, &visit)?,
        cards: super::handover_results::cards(conn, &visit)?,
    })
}

/// A person's outcome, and who decided it when staff's choice stands.
fn settle(
    records: &[(String, OutcomeRecord)],
    choice: Option<&(Settlement, String)>,
) -> (Settled, Option<String>) {
    let records: Vec<OutcomeRecord> = records.iter().map(|(_, r)| *r).collect();
    let settled = Settled::with(&records, choice.map(|(s, _)| s));
    let by = matches!(settled, Settled::Decided { .. })
        .then(|| choice.map(|(_, by)| by.clone()))
        .flatten();
    (settled, by)
}

/// Staff's choices on the visit's people, by target id or walk-in NIK.
fn settlements(conn: &Db<'_>, visit: &str) -> StoreResult<HashMap<String, (Settlement, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person, outcome, ikd, records_seen, settled_by
         FROM visit_settlements WHERE visit_id = ?1",
    )?;
    let rows = stmt.query_map([visit], |r| {
        Ok((
            r.get::<String>(0)?,
            r.get::<String>(1)?,
            r.get::<Option<String>>(2)?,
            r.get::<i64>(3)?,
            r.get::<String>(4)?,
        ))
    })?;
    let mut found = HashMap::new();
    for row in rows {
        let (person, outcome, ikd, seen, by) = row?;
        let (outcome, ikd) = stored_words(&outcome, ikd.as_deref())?;
        let settlement = Settlement {
            outcome,
            ikd,
            records_seen: usize::try_from(seen).unwrap_or(0),
        };
        found.insert(person, (settlement, by));
    }
    Ok(found)
}

fn listed_people(conn: &Db<'_>, visit: &str) -> StoreResult<Vec<PersonResult>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, nik, name, category, desa, note, source_row, removed_at IS NOT NULL
         FROM visit_targets WHERE visit_id = ?1 ORDER BY name, nik",
    )?;
    let rows = stmt.query_map([visit], |r| {
        Ok((
            r.get::<String>(0)?,
            r.get::<String>(1)?,
            r.get::<String>(2)?,
            r.get::<String>(3)?,
            r.get::<String>(4)?,
            r.get::<Option<String>>(5)?,
            r.get::<Option<u32>>(6)?,
            r.get::<bool>(7)?,
        ))
    })?;
    let mut people = Vec::new();
    for row in rows {
        let (id, nik, name, category, desa, note, source_row, removed) = row?;
        let desa = stored_region(&desa)?;
        people.push(PersonResult {
            target: TargetRow {
                id: parse_stored(&id, "id sasaran")?,
                nik,
                name,
                category: TargetCategory::parse(&category)
                    .ok_or_else(|| StoreError::corrupt(format!("kategori {category:?}")))?,
                desa_name: region_name(&desa),
                note,
                source_row,
            },
            removed,
            settled: Settled::Open,
            records: Vec::new(),
            decided_by: None,
        });
    }
    Ok(people)
}

enum Person {
    Target(TargetId),
    WalkIn { nik: String, name: Option<String> },
}

fn outcomes(conn: &Db<'_>, visit: &str) -> StoreResult<Vec<(Person, String, OutcomeRecord)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.target_id, v.walk_in_nik, v.walk_in_name, v.outcome, v.ikd, e.device_id,
                e.device_seq, COALESCE(c.name, '')
         FROM visit_events v JOIN events e ON e.office_seq = v.office_seq
         LEFT JOIN couriers c ON c.id = v.courier_id
         WHERE v.visit_id = ?1 AND v.kind = 'outcome' ORDER BY v.office_seq",
    )?;
    let rows = stmt.query_map([visit], |r| {
        Ok((
            r.get::<Option<String>>(0)?,
            r.get::<Option<String>>(1)?,
            r.get::<Option<String>>(2)?,
            r.get::<String>(3)?,
            r.get::<Option<String>>(4)?,
            r.get::<String>(5)?,
            r.get::<i64>(6)?,
            r.get::<String>(7)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (target, nik, name, outcome, ikd, device, seq, courier) = row?;
        let person = match (target, nik) {
            (Some(target), _) => Person::Target(parse_stored(&target, "id sasaran")?),
            (None, Some(nik)) => Person::WalkIn { nik, name },
            (None, None) => return Err(StoreError::corrupt("hasil kunjungan tanpa orang")),
        };
        let (outcome, ikd) = stored_words(&outcome, ikd.as_deref())?;
        let record = OutcomeRecord {
            device: parse_stored(&device, "id perangkat")?,
            device_seq: u64::try_from(seq).unwrap_or(0),
            outcome,
            ikd,
        };
        found.push((person, courier, record));
    }
    Ok(found)
}

fn checkins(conn: &Db<'_>, visit: &str) -> StoreResult<Vec<CheckinRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.office_seq, COALESCE(c.name, ''), v.recorded_at, v.place_office,
                v.place_agrees, e.photo_sha256, e.note
         FROM visit_events v JOIN events e ON e.office_seq = v.office_seq
         LEFT JOIN couriers c ON c.id = v.courier_id
         WHERE v.visit_id = ?1 AND v.kind = 'checkin' ORDER BY v.recorded_at, v.office_seq",
    )?;
    let rows = stmt.query_map([visit], |r| {
        Ok((
            r.get::<i64>(0)?,
            r.get::<String>(1)?,
            r.get::<String>(2)?,
            r.get::<String>(3)?,
            r.get::<Option<bool>>(4)?,
            r.get::<Option<String>>(5)?,
            r.get::<Option<String>>(6)?,
        ))
    })?;
    let mut more_photos: HashMap<i64, Vec<String>> = HashMap::new();
    {
        let mut photos = conn.prepare_cached(
            "SELECT p.office_seq, p.sha256 FROM event_photos p
             JOIN visit_events v ON v.office_seq = p.office_seq
             WHERE v.visit_id = ?1 ORDER BY p.office_seq, p.position",
        )?;
        let rows = photos.query_map([visit], |r| Ok((r.get::<i64>(0)?, r.get(1)?)))?;
        for row in rows {
            let (seq, sha) = row?;
            more_photos.entry(seq).or_default().push(sha);
        }
    }
    let mut checkins = Vec::new();
    for row in rows {
        let (office_seq, courier_name, recorded_at, place, place_agrees, first, note) = row?;
        let photos = first
            .into_iter()
            .chain(more_photos.remove(&office_seq).unwrap_or_default())
            .map(|sha| parse_stored(&sha, "hash foto"))
            .collect::<StoreResult<_>>()?;
        checkins.push(CheckinRow {
            office_seq,
            courier_name,
            recorded_at: parse_timestamp(&recorded_at)?,
            place: from_json_text::<PlaceVerdict>(&place, "tempat check-in")?,
            place_agrees,
            photos,
            note,
        });
    }
    Ok(checkins)
}

/// An outcome and its IKD as stored, read back.
fn stored_words(
    outcome: &str,
    ikd: Option<&str>,
) -> StoreResult<(RecordingOutcome, Option<IkdOutcome>)> {
    let outcome = RecordingOutcome::parse(outcome)
        .ok_or_else(|| StoreError::corrupt(format!("hasil {outcome:?}")))?;
    let ikd = ikd
        .map(|code| {
            IkdOutcome::parse(code).ok_or_else(|| StoreError::corrupt(format!("IKD {code:?}")))
        })
        .transpose()?;
    Ok((outcome, ikd))
}
