//! The recording teams' visits in the database: numbering a plan in its year's series, its
//! team, changing or cancelling it only while planned, and its target list (one NIK once).

use crate::store::db::{Db, Optional};
use antar_domain::field_role::Duty;
use antar_domain::ids::{CourierId, ManifestId, VisitId};
use antar_domain::manifest::Manifest;
use antar_domain::nip::Nip;
use antar_domain::region::{RegionCode, Registry};
use antar_domain::state::ItemState;
use antar_domain::visit::{
    IkdOutcome, Settlement, TargetCategory, VisitKind, VisitState, visit_number,
};
use antar_domain::wire::TargetCard;
use chrono::{Datelike, NaiveDate, Utc};
use rusqlite::params;

use super::devices::duty_refusal;
use crate::store::roles::VisitStore;
use crate::store::{
    NewTarget, Store, StoreError, StoreResult, TargetRow, VisitFilter, VisitInfo,
    VisitManifestRefusal, VisitPlan, VisitRefusal, VisitResults, json_text, parse_stored,
    parse_timestamp, serde_text, timestamp,
};

impl VisitStore for Store {
    fn add_visit(
        &self,
        id: VisitId,
        plan: &VisitPlan,
        planned_by: &str,
    ) -> StoreResult<Result<VisitInfo, VisitRefusal>> {
        let now = timestamp(Utc::now());
        let written = self.write(|tx| {
            if let Some(refusal) = team_refusal(tx, &plan.team)? {
                return Ok(Err(refusal));
            }
            let year = plan.day.year();
            let seq: u32 = tx.query_row(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM visits WHERE year = ?1",
                [year],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO visits (id, number, year, seq, visit_day, kind, venue, desa,
                    kecamatan, note, planned_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                params![
                    id.to_string(),
                    visit_number(seq, plan.day),
                    year,
                    seq,
                    plan.day.to_string(),
                    plan.kind.code(),
                    plan.venue,
                    plan.desa.as_str(),
                    kecamatan_of(&plan.desa).as_str(),
                    plan.note,
                    planned_by,
                    now,
                ],
            )?;
            insert_team(tx, id, &plan.team)?;
            Ok(Ok(()))
        })?;
        if let Err(refusal) = written {
            return Ok(Err(refusal));
        }
        self.visit(id)?
            .map(Ok)
            .ok_or_else(|| StoreError::corrupt(format!("kunjungan {id} hilang sesudah disimpan")))
    }

    fn edit_visit(&self, id: VisitId, plan: &VisitPlan) -> StoreResult<Result<(), VisitRefusal>> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            if let Some(refusal) = not_planned(tx, id)? {
                return Ok(Err(refusal));
            }
            if let Some(refusal) = team_refusal(tx, &plan.team)? {
                return Ok(Err(refusal));
            }
            tx.execute(
                "UPDATE visits SET visit_day = ?2, kind = ?3, venue = ?4, desa = ?5,
                    kecamatan = ?6, note = ?7, updated_at = ?8
                 WHERE id = ?1",
                params![
                    id.to_string(),
                    plan.day.to_string(),
                    plan.kind.code(),
                    plan.venue,
                    plan.desa.as_str(),
                    kecamatan_of(&plan.desa).as_str(),
                    plan.note,
                    now,
                ],
            )?;
            tx.execute(
                "DELETE FROM visit_team WHERE visit_id = ?1",
                [id.to_string()],
            )?;
            insert_team(tx, id, &plan.team)?;
            Ok(Ok(()))
        })
    }

    fn cancel_visit(&self, id: VisitId, reason: &str) -> StoreResult<Result<u32, VisitRefusal>> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            if let Some(refusal) = not_planned(tx, id)? {
                return Ok(Err(refusal));
            }
            tx.execute(
                "UPDATE visits SET state = 'cancelled', cancel_reason = ?2, updated_at = ?3
                 WHERE id = ?1",
                params![id.to_string(), reason, now],
            )?;
            return_cards(tx, id, &now).map(Ok)
        })
    }

    fn visit(&self, id: VisitId) -> StoreResult<Option<VisitInfo>> {
        self.read(|conn| {
            let row = conn
                .query_row(
                    &format!("{VISIT_SELECT} WHERE v.id = ?1"),
                    [id.to_string()],
                    StoredVisit::from_row,
                )
                .optional()?;
            row.map(|row| row.into_info(conn)).transpose()
        })
    }

    fn visit_id_by_number(&self, number: &str) -> StoreResult<Option<VisitId>> {
        self.read(|conn| {
            let id: Option<String> = conn
                .query_row(
                    "SELECT id FROM visits WHERE number = ?1",
                    [number.trim()],
                    |r| r.get(0),
                )
                .optional()?;
            id.map(|id| parse_stored(&id, "id kunjungan")).transpose()
        })
    }

    fn visits(&self, filter: &VisitFilter) -> StoreResult<Vec<VisitInfo>> {
        let (from, until) = match filter.month {
            Some((year, month)) => month_days(year, month),
            None => (None, None),
        };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "{VISIT_SELECT}
                 WHERE (CAST(?1 AS TEXT) IS NULL OR v.visit_day >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR v.visit_day < ?2)
                   AND (CAST(?3 AS TEXT) IS NULL OR v.kecamatan = ?3)
                   AND (CAST(?4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM visit_team t
                                              WHERE t.visit_id = v.id AND t.courier_id = ?4))
                 ORDER BY v.visit_day, v.year, v.seq"
            ))?;
            let rows = stmt.query_map(
                params![
                    from.map(|d| d.to_string()),
                    until.map(|d| d.to_string()),
                    filter.kecamatan.as_ref().map(RegionCode::as_str),
                    filter.member.map(|m| m.to_string()),
                ],
                StoredVisit::from_row,
            )?;
            let rows: Vec<StoredVisit> = rows.collect::<Result<_, _>>()?;
            rows.into_iter().map(|row| row.into_info(conn)).collect()
        })
    }

    fn insert_targets(
        &self,
        visit: VisitId,
        targets: &[NewTarget],
    ) -> StoreResult<Result<Vec<bool>, VisitRefusal>> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            if let Some(refusal) = not_planned(tx, visit)? {
                return Ok(Err(refusal));
            }
            let mut insert = tx.prepare_cached(
                "INSERT INTO visit_targets (id, visit_id, nik, name, sex, birth_place,
                    birth_date, address_json, desa, phone, category, note, source_row,
                    imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                 ON CONFLICT (visit_id, nik) DO UPDATE SET removed_at = NULL
                     WHERE visit_targets.removed_at IS NOT NULL",
            )?;
            let visit = visit.to_string();
            let mut inserted = Vec::with_capacity(targets.len());
            for new in targets {
                let target = &new.target;
                let changed = insert.execute(params![
                    new.id.to_string(),
                    visit,
                    target.nik.as_str(),
                    target.name,
                    serde_text(&target.sex),
                    target.birth_place,
                    target.birth_date.to_string(),
                    json_text(&target.address)?,
                    target.address.desa.as_str(),
                    target.phone.as_ref().map(|p| p.as_str().to_owned()),
                    target.category.code(),
                    target.note,
                    new.source_row as i64,
                    now,
                ])?;
                inserted.push(changed == 1);
            }
            Ok(Ok(inserted))
        })
    }

    fn remove_target(&self, visit: VisitId, nik: &str) -> StoreResult<Result<bool, VisitRefusal>> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            if let Some(refusal) = not_planned(tx, visit)? {
                return Ok(Err(refusal));
            }
            let changed = tx.execute(
                "UPDATE visit_targets SET removed_at = ?3
                 WHERE visit_id = ?1 AND nik = ?2 AND removed_at IS NULL",
                params![visit.to_string(), nik.trim(), now],
            )?;
            Ok(Ok(changed == 1))
        })
    }

    fn issue_visit_manifest(
        &self,
        id: ManifestId,
        visit: VisitId,
        officer: &str,
        officer_nip: &Nip,
        issued_on: NaiveDate,
    ) -> StoreResult<Result<Manifest, VisitManifestRefusal>> {
        super::visit_manifests::issue(self, id, visit, officer, officer_nip, issued_on)
    }

    fn visit_manifests(&self, visit: VisitId) -> StoreResult<Vec<ManifestId>> {
        self.read(|conn| super::visit_manifests::of_visit(conn, visit))
    }

    fn visit_results(&self, visit: VisitId) -> StoreResult<VisitResults> {
        self.read(|conn| super::visit_results::visit_results(conn, visit))
    }

    fn settle_visit_person(
        &self,
        visit: VisitId,
        person: &str,
        settlement: &Settlement,
        settled_by: &str,
    ) -> StoreResult<()> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO visit_settlements
                     (visit_id, person, outcome, ikd, records_seen, settled_by, settled_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (visit_id, person) DO UPDATE SET
                     outcome = excluded.outcome, ikd = excluded.ikd,
                     records_seen = excluded.records_seen, settled_by = excluded.settled_by,
                     settled_at = excluded.settled_at",
                params![
                    visit.to_string(),
                    person,
                    settlement.outcome.code(),
                    settlement.ikd.map(IkdOutcome::code),
                    i64::try_from(settlement.records_seen).unwrap_or(i64::MAX),
                    settled_by,
                    now
                ],
            )?;
            Ok(())
        })
    }

    fn target_cards(&self, visit: VisitId) -> StoreResult<Vec<TargetCard>> {
        self.read(|conn| super::phone_targets::target_cards(conn, visit))
    }

    fn targets(&self, visit: VisitId) -> StoreResult<Vec<TargetRow>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, nik, name, category, desa, note, source_row FROM visit_targets
                 WHERE visit_id = ?1 AND removed_at IS NULL ORDER BY name, nik",
            )?;
            let rows = stmt.query_map([visit.to_string()], |r| {
                Ok((
                    r.get::<String>(0)?,
                    r.get::<String>(1)?,
                    r.get::<String>(2)?,
                    r.get::<String>(3)?,
                    r.get::<String>(4)?,
                    r.get::<Option<String>>(5)?,
                    r.get::<Option<u32>>(6)?,
                ))
            })?;
            let mut targets = Vec::new();
            for row in rows {
                let (id, nik, name, category, desa, note, source_row) = row?;
                let desa = stored_region(&desa)?;
                targets.push(TargetRow {
                    id: parse_stored(&id, "id sasaran")?,
                    nik,
                    name,
                    category: TargetCategory::parse(&category).ok_or_else(|| {
                        StoreError::corrupt(format!("kategori sasaran {category:?}"))
                    })?,
                    desa_name: region_name(&desa),
                    note,
                    source_row,
                });
            }
            Ok(targets)
        })
    }
}

const VISIT_SELECT: &str = "SELECT v.id, v.number, v.visit_day, v.kind, v.venue, v.desa,
        v.kecamatan, v.note, v.state, v.cancel_reason, v.planned_by, v.created_at,
        (SELECT COUNT(*) FROM visit_targets t WHERE t.visit_id = v.id AND t.removed_at IS NULL)
    FROM visits v";

/// A visits row as stored, before its codes are checked.
struct StoredVisit {
    id: String,
    number: String,
    day: String,
    kind: String,
    venue: String,
    desa: String,
    kecamatan: String,
    note: Option<String>,
    state: String,
    cancel_reason: Option<String>,
    planned_by: String,
    created_at: String,
    targets: u32,
}

impl StoredVisit {
    fn from_row(r: &crate::store::db::Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            number: r.get(1)?,
            day: r.get(2)?,
            kind: r.get(3)?,
            venue: r.get(4)?,
            desa: r.get(5)?,
            kecamatan: r.get(6)?,
            note: r.get(7)?,
            state: r.get(8)?,
            cancel_reason: r.get(9)?,
            planned_by: r.get(10)?,
            created_at: r.get(11)?,
            targets: r.get(12)?,
        })
    }

    fn into_info(self, conn: &Db<'_>) -> StoreResult<VisitInfo> {
        let id: VisitId = parse_stored(&self.id, "id kunjungan")?;
        let mut stmt = conn.prepare_cached(
            "SELECT c.id, c.name FROM visit_team t JOIN couriers c ON c.id = t.courier_id
             WHERE t.visit_id = ?1 ORDER BY c.name, c.id",
        )?;
        let members = stmt.query_map([&self.id], |r| {
            Ok((r.get::<String>(0)?, r.get::<String>(1)?))
        })?;
        let (mut team, mut team_names) = (Vec::new(), Vec::new());
        for member in members {
            let (member, name) = member?;
            team.push(parse_stored::<CourierId>(&member, "id petugas")?);
            team_names.push(name);
        }
        let desa = stored_region(&self.desa)?;
        let kecamatan = stored_region(&self.kecamatan)?;
        let corrupt = |what: &str, value: &str| StoreError::corrupt(format!("{what} {value:?}"));
        Ok(VisitInfo {
            id,
            number: self.number,
            plan: VisitPlan {
                day: parse_stored::<NaiveDate>(&self.day, "tanggal kunjungan")?,
                kind: VisitKind::parse(&self.kind)
                    .ok_or_else(|| corrupt("jenis kunjungan", &self.kind))?,
                venue: self.venue,
                desa: desa.clone(),
                team,
                note: self.note,
            },
            desa_name: region_name(&desa),
            kecamatan_name: region_name(&kecamatan),
            kecamatan,
            state: VisitState::parse(&self.state)
                .ok_or_else(|| corrupt("status kunjungan", &self.state))?,
            cancel_reason: self.cancel_reason,
            planned_by: self.planned_by,
            team_names,
            targets: self.targets,
            created_at: parse_timestamp(&self.created_at)?,
        })
    }
}

/// The cards of a cancelled visit's BAs that never left the office go back; how many.
fn return_cards(tx: &Db<'_>, visit: VisitId, now: &str) -> StoreResult<u32> {
    let cards: Vec<(i64, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT i.rowid, i.state FROM manifest_items i
             JOIN manifests m ON m.id = i.manifest_id WHERE m.visit_id = ?1",
        )?;
        let rows = stmt.query_map([visit.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut returned = 0;
    for (row, state) in cards {
        let state = ItemState::parse(&state)
            .ok_or_else(|| StoreError::corrupt(format!("status dokumen {state:?}")))?;
        if let Ok(after) = state.after_visit_cancelled() {
            tx.execute(
                "UPDATE manifest_items SET state = ?2, updated_at = ?3 WHERE rowid = ?1",
                params![row, after.code(), now],
            )?;
            returned += 1;
        }
    }
    Ok(returned)
}

fn insert_team(tx: &Db<'_>, visit: VisitId, team: &[CourierId]) -> StoreResult<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO visit_team (visit_id, courier_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    )?;
    for member in team {
        insert.execute(params![visit.to_string(), member.to_string()])?;
    }
    Ok(())
}

pub(super) fn team_refusal(conn: &Db<'_>, team: &[CourierId]) -> StoreResult<Option<VisitRefusal>> {
    for member in team {
        if let Some(refusal) = duty_refusal(conn, *member, Duty::Record)? {
            return Ok(Some(VisitRefusal::Member(*member, refusal)));
        }
    }
    Ok(None)
}

/// Why the visit may not change, if it may not.
pub(super) fn not_planned(conn: &Db<'_>, id: VisitId) -> StoreResult<Option<VisitRefusal>> {
    let state: Option<String> = conn
        .query_row(
            "SELECT state FROM visits WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(state) = state else {
        return Ok(Some(VisitRefusal::Unknown));
    };
    let state = VisitState::parse(&state)
        .ok_or_else(|| StoreError::corrupt(format!("status kunjungan {state:?}")))?;
    Ok((!state.may_edit()).then_some(VisitRefusal::NotPlanned(state)))
}

pub(super) fn stored_region(code: &str) -> StoreResult<RegionCode> {
    RegionCode::parse(code).map_err(|e| StoreError::corrupt(format!("kode wilayah {code:?}: {e}")))
}

fn kecamatan_of(desa: &RegionCode) -> RegionCode {
    desa.kecamatan().unwrap_or_else(|| desa.clone())
}

pub(super) fn region_name(code: &RegionCode) -> String {
    Registry::tanggamus()
        .get(code)
        .map_or_else(|| code.to_string(), |region| region.name.clone())
}

/// The first day of a month and of the next, as the bounds of a day range.
fn month_days(year: i32, month: u32) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = first.and_then(|d| d.checked_add_months(chrono::Months::new(1)));
    (first, next)
}
