//! A visit's BAs in the database: the printed documents of the visit's desa that are in no
//! open BA, put on a BA of the visit's kind while it is planned (migration 0012), and which
//! BAs a visit has.

use crate::store::db::Db;
use antar_domain::ids::{CourierId, ManifestId, VisitId};
use antar_domain::manifest::Manifest;
use antar_domain::nip::Nip;
use chrono::{NaiveDate, Utc};
use rusqlite::params;

use super::manifests::{NewManifest, insert_manifest};
use super::visits::{not_planned, team_refusal};
use crate::store::{
    Store, StoreResult, VisitManifestRefusal, VisitRefusal, parse_stored, timestamp,
};

pub(super) fn issue(
    store: &Store,
    id: ManifestId,
    visit: VisitId,
    officer: &str,
    officer_nip: &Nip,
    issued_on: NaiveDate,
) -> StoreResult<Result<Manifest, VisitManifestRefusal>> {
    let now = timestamp(Utc::now());
    store.write(|tx| {
        if let Some(refusal) = not_planned(tx, visit)? {
            return Ok(Err(VisitManifestRefusal::Visit(refusal)));
        }
        let team = team(tx, visit)?;
        if let Some(refusal) = team_refusal(tx, &team)? {
            return Ok(Err(VisitManifestRefusal::Visit(refusal)));
        }
        let Some(holder) = team.first().copied() else {
            return Ok(Err(VisitManifestRefusal::Visit(VisitRefusal::Unknown)));
        };
        let documents: Vec<i64> = {
            let mut stmt = tx.prepare_cached(
                "SELECT d.id FROM documents d
                 WHERE d.desa = (SELECT desa FROM visits WHERE id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM manifest_items i
                                   WHERE i.document_id = d.id AND i.state <> 'returned')
                 ORDER BY d.rt, d.rw, d.name, d.id",
            )?;
            let rows = stmt.query_map([visit.to_string()], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        if documents.is_empty() {
            return Ok(Err(VisitManifestRefusal::NothingToDispatch));
        }
        let new = NewManifest {
            id,
            courier: holder,
            officer,
            officer_nip: officer_nip.as_str(),
            issued_on,
            visit: Some(visit),
        };
        insert_manifest(tx, &new, &documents, &now).map(Ok)
    })
}

/// The team's members, the one whose name sorts first (the BA's holder of record) first.
fn team(tx: &Db<'_>, visit: VisitId) -> StoreResult<Vec<CourierId>> {
    let mut stmt = tx.prepare_cached(
        "SELECT t.courier_id FROM visit_team t JOIN couriers c ON c.id = t.courier_id
         WHERE t.visit_id = ?1 ORDER BY c.name, c.id",
    )?;
    let rows = stmt.query_map([visit.to_string()], |r| r.get::<String>(0))?;
    rows.map(|id| parse_stored(&id?, "id petugas"))
        .collect::<StoreResult<_>>()
}

/// The visit's BAs, oldest first.
pub(super) fn of_visit(conn: &Db<'_>, visit: VisitId) -> StoreResult<Vec<ManifestId>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM manifests WHERE visit_id = ?1 ORDER BY year, seq")?;
    let rows = stmt.query_map(params![visit.to_string()], |r| r.get::<String>(0))?;
    rows.map(|id| {
        let id = id?;
        parse_stored(&id, "id BA")
    })
    .collect()
}
