//! BA Pengiriman in the database: choosing the documents, numbering per year, and reading a
//! manifest back with its items' current states.

use crate::store::db::{Db, Optional};
use crate::store::manifests::{
    Cancellation, CountState, HandoverCountInfo, ManifestInfo, ManifestRequest, ManifestScope,
};
use crate::store::refusals::ManifestRefusal;
use crate::store::report::StateCounts;
use crate::store::roles::ManifestStore;
use crate::store::{PageAt, Paged, Store, from_serde_text, parse_stored, timestamp};
use crate::store::{ReturnCountRefusal, ReturnInfo, ReturnManifest, ReturnRefusal};
use crate::store::{StoreError, StoreResult};
use antar_domain::ba_cancel::{CancelRefusal, may_cancel};
use antar_domain::field_role::Duty;
use antar_domain::ids::{CourierId, DeviceId, ItemId, ManifestId, Sha256Hash, VisitId};
use antar_domain::manifest::{BaNumber, CourierRef, Manifest, ManifestItem};
use antar_domain::nik::Nik;
use antar_domain::region::RegionCode;
use antar_domain::state::ItemState;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::params;
use rusqlite::types::Value;

impl ManifestStore for Store {
    fn issue_manifest(
        &self,
        id: ManifestId,
        request: &ManifestRequest,
    ) -> StoreResult<Result<Manifest, ManifestRefusal>> {
        // The chosen codes as `IN (?, …)` lists (an empty list matches nothing).
        let in_list = |column: &str, list: &[RegionCode]| match list.len() {
            0 => "FALSE".to_owned(),
            n => format!("{column} IN ({})", vec!["?"; n].join(", ")),
        };
        let sql = format!(
            "SELECT d.id FROM documents d
             WHERE ({} OR {})
               AND NOT EXISTS (SELECT 1 FROM manifest_items i
                               WHERE i.document_id = d.id AND i.state <> 'returned')
             ORDER BY d.kecamatan, d.desa, d.rt, d.rw, d.name, d.id",
            in_list("d.kecamatan", &request.kecamatan),
            in_list("d.desa", &request.desa)
        );
        let codes: Vec<&str> = (request.kecamatan.iter())
            .chain(&request.desa)
            .map(|c| c.as_str())
            .collect();
        let now = timestamp(Utc::now());
        self.write(|tx| {
            if let Some(refusal) = super::devices::duty_refusal(tx, request.courier, Duty::Deliver)?
            {
                return Ok(Err(ManifestRefusal::Courier(refusal)));
            }
            let params: Vec<&dyn rusqlite::ToSql> =
                codes.iter().map(|c| c as &dyn rusqlite::ToSql).collect();
            let documents: Vec<i64> = tx
                .query_map(&sql, params, |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if documents.is_empty() {
                return Ok(Err(ManifestRefusal::NothingToDispatch));
            }
            insert_manifest(
                tx,
                &NewManifest {
                    id,
                    courier: request.courier,
                    officer: &request.officer,
                    officer_nip: request.officer_nip.as_str(),
                    issued_on: request.issued_on,
                    visit: None,
                },
                &documents,
                &now,
            )
            .map(Ok)
        })
    }

    fn manifest_infos(&self, scope: ManifestScope) -> StoreResult<Vec<ManifestInfo>> {
        let (courier, visit) = match scope {
            ManifestScope::All => (None, None),
            ManifestScope::Courier(id) => (Some(id.to_string()), None),
            ManifestScope::Visit(id) => (None, Some(id.to_string())),
        };
        self.read(|conn| {
            infos_where(
                conn,
                "(CAST(?1 AS TEXT) IS NULL AND CAST(?2 AS TEXT) IS NULL) OR m.courier_id = ?1
                    OR EXISTS (SELECT 1 FROM visit_team t
                               WHERE t.visit_id = m.visit_id AND t.courier_id = ?1)
                    OR m.visit_id = ?2",
                "m.year, m.seq",
                vec![courier.into(), visit.into()],
            )
        })
    }

    fn manifest_page(
        &self,
        at: PageAt<ManifestId>,
        limit: u64,
    ) -> StoreResult<Paged<ManifestInfo>> {
        // Newest first: "after" a BA is older than it.
        let read = |at: &PageAt<ManifestId>| -> StoreResult<Vec<ManifestInfo>> {
            let (below, direction) = if at.forward() {
                ("<", "DESC")
            } else {
                (">", "ASC")
            };
            let keyed = if at.key().is_some() {
                format!(
                    "WHERE (p.year, p.seq) {below}
                         (SELECT k.year, k.seq FROM manifests k WHERE k.id = ?2)"
                )
            } else {
                "WHERE CAST(?2 AS TEXT) IS NULL".to_owned()
            };
            let fetch = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
            self.read(|conn| {
                infos_where(
                    conn,
                    &format!(
                        "m.id IN (SELECT p.id FROM manifests p {keyed}
                                  ORDER BY p.year {direction}, p.seq {direction} LIMIT ?1)"
                    ),
                    &format!("m.year {direction}, m.seq {direction}"),
                    vec![
                        Value::Integer(fetch),
                        at.key().map(ToString::to_string).into(),
                    ],
                )
            })
        };
        Paged::read(&at, usize::try_from(limit).unwrap_or(usize::MAX), read)
    }

    fn manifests_waiting_for_count(&self) -> StoreResult<u64> {
        // As `manifest_infos` reads `CountState::Waiting`: required, and no count yet.
        self.read(|conn| {
            conn.query_row(
                "SELECT COUNT(*) FROM manifests m
                 WHERE m.count_required <> 0 AND m.cancelled_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM handover_counts h WHERE h.manifest_id = m.id)",
                (),
                |r| crate::store::get_u64(r, 0),
            )
        })
    }

    fn manifest(
        &self,
        id: ManifestId,
        courier: Option<CourierId>,
    ) -> StoreResult<Option<Manifest>> {
        self.read(|conn| load_manifest(conn, id, courier))
    }

    fn signer_nip(&self, id: ManifestId) -> StoreResult<Option<String>> {
        self.read(|conn| {
            let nip: Option<Option<String>> = conn
                .query_row(
                    "SELECT officer_nip FROM manifests WHERE id = ?1",
                    [id.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(nip.flatten())
        })
    }

    fn keep_served_form(
        &self,
        id: ManifestId,
        sha256: &Sha256Hash,
        device: DeviceId,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        // Known already, as almost every download is: no write.
        let known = self.read(|conn| {
            conn.prepare_cached(
                "SELECT 1 FROM manifest_forms WHERE manifest_id = ?1 AND sha256 = ?2",
            )?
            .exists(params![id.to_string(), sha256.to_hex()])
        })?;
        if known {
            return Ok(());
        }
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO manifest_forms
                    (manifest_id, sha256, first_device_id, first_served_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                id.to_string(),
                sha256.to_hex(),
                device.to_string(),
                timestamp(at)
            ])?;
            Ok(())
        })
    }

    fn cancel_manifest(
        &self,
        id: ManifestId,
        reason: &str,
        by: &str,
    ) -> StoreResult<Option<Result<u32, CancelRefusal>>> {
        let now = timestamp(chrono::Utc::now());
        self.write(|tx| {
            let found: Option<(bool, bool, u64)> = tx
                .query_row(
                    "SELECT m.cancelled_at IS NOT NULL,
                        EXISTS (SELECT 1 FROM handover_counts h WHERE h.manifest_id = m.id),
                        (SELECT COUNT(*) FROM manifest_items i
                         WHERE i.manifest_id = m.id AND i.last_office_seq IS NOT NULL)
                     FROM manifests m WHERE m.id = ?1",
                    [id.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?, crate::store::get_u64(r, 2)?)),
                )
                .optional()?;
            let Some((cancelled, confirmed, attempts)) = found else {
                return Ok(None);
            };
            if let Err(refusal) = may_cancel(cancelled, confirmed, attempts) {
                return Ok(Some(Err(refusal)));
            }
            tx.execute(
                "UPDATE manifests SET cancelled_at = ?2, cancelled_by = ?3, cancel_reason = ?4
                 WHERE id = ?1",
                params![id.to_string(), now, by, reason],
            )?;
            let items: Vec<(i64, String)> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT rowid, state FROM manifest_items WHERE manifest_id = ?1",
                )?;
                let rows = stmt.query_map([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            let mut back = 0;
            for (row, state) in items {
                let state = ItemState::parse(&state)
                    .ok_or_else(|| StoreError::corrupt(format!("status dokumen {state:?}")))?;
                if let Ok(after) = state.after_ba_cancelled() {
                    tx.execute(
                        "UPDATE manifest_items SET state = ?2, updated_at = ?3 WHERE rowid = ?1",
                        params![row, after.code(), now],
                    )?;
                    back += 1;
                }
            }
            Ok(Some(Ok(back)))
        })
    }

    fn manifest_cancellation(&self, id: ManifestId) -> StoreResult<Option<Cancellation>> {
        self.read(|conn| {
            conn.query_row(
                "SELECT cancelled_at, cancelled_by, cancel_reason FROM manifests
                     WHERE id = ?1 AND cancelled_at IS NOT NULL",
                [id.to_string()],
                |r| {
                    Ok(Cancellation {
                        at: r.get(0)?,
                        by: r.get::<Option<String>>(1)?.unwrap_or_default(),
                        reason: r.get::<Option<String>>(2)?.unwrap_or_default(),
                    })
                },
            )
            .optional()
        })
    }

    fn ba_number_of(&self, id: &str) -> StoreResult<Option<String>> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT number FROM manifests WHERE id = ?1
                     UNION ALL SELECT number FROM return_manifests WHERE id = ?1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()
        })
    }

    fn manifest_id_by_number(&self, number: &str) -> StoreResult<Option<ManifestId>> {
        self.read(|conn| {
            let id: Option<String> = conn
                .query_row(
                    "SELECT id FROM manifests WHERE number = ?1",
                    [number.trim()],
                    |r| r.get(0),
                )
                .optional()?;
            id.map(|id| parse_stored(&id, "id BA")).transpose()
        })
    }

    fn issue_return(
        &self,
        manifest: ManifestId,
        item_ids: &[ItemId],
        officer: &str,
        issued_on: NaiveDate,
    ) -> StoreResult<Result<ReturnInfo, ReturnRefusal>> {
        super::returns::issue_return(self, manifest, item_ids, officer, issued_on)
    }

    fn handover_count(&self, manifest: ManifestId) -> StoreResult<Option<HandoverCountInfo>> {
        self.read(|conn| super::handover_counts::handover_count(conn, manifest))
    }

    fn returns(&self, manifest: Option<ManifestId>) -> StoreResult<Vec<ReturnInfo>> {
        super::returns::returns(self, manifest)
    }

    fn return_manifest(&self, id: &str) -> StoreResult<Option<ReturnManifest>> {
        super::returns::return_manifest(self, id)
    }

    fn count_return(
        &self,
        id: &str,
        counted: u32,
        officer: &str,
    ) -> StoreResult<Result<ReturnInfo, ReturnCountRefusal>> {
        super::returns::count_return(self, id, counted, officer)
    }
}

/// A BA about to be stored: who holds it, who signed it, when, and the visit it hands over
/// documents at, if any.
pub(super) struct NewManifest<'a> {
    pub(super) id: ManifestId,
    pub(super) courier: CourierId,
    pub(super) officer: &'a str,
    /// The signer's NIP, its 18 digits.
    pub(super) officer_nip: &'a str,
    pub(super) issued_on: NaiveDate,
    pub(super) visit: Option<VisitId>,
}

/// Numbers the BA in its year's agenda series (a visit's BA is named for the visit) and
/// stores it with `documents` as its lines, in order.
pub(super) fn insert_manifest(
    tx: &Db<'_>,
    new: &NewManifest<'_>,
    documents: &[i64],
    now: &str,
) -> StoreResult<Manifest> {
    let year = new.issued_on.year();
    let seq: u32 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM manifests WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let number = match new.visit {
        Some(_) => BaNumber::format_visit(seq, new.issued_on),
        None => BaNumber::format(seq, new.issued_on),
    };
    tx.execute(
        "INSERT INTO manifests (id, number, year, seq, issued_on, issued_by, courier_id,
            created_at, visit_id, count_required, officer_nip)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            new.id.to_string(),
            number.as_str(),
            year,
            seq,
            new.issued_on.to_string(),
            new.officer,
            new.courier.to_string(),
            now,
            new.visit.map(|v| v.to_string()),
            // The courier counts a BA Pengiriman's bundle; a visit's team hands its cards
            // over at the visit.
            new.visit.is_none(),
            new.officer_nip,
        ],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO manifest_items (id, manifest_id, document_id, line, state, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (index, document) in documents.iter().enumerate() {
        insert.execute(params![
            ItemId::new_v7().to_string(),
            new.id.to_string(),
            document,
            i64::try_from(index + 1).unwrap_or(i64::MAX),
            ItemState::ON_ISSUE.code(),
            now
        ])?;
    }
    load_manifest(tx, new.id, None)?
        .ok_or_else(|| StoreError::corrupt("BA yang baru dibuat tidak terbaca"))
}

fn parse_number(s: &str) -> StoreResult<BaNumber> {
    BaNumber::parse(s).map_err(|e| StoreError::corrupt(format!("nomor BA {s:?}: {e}")))
}

pub(super) fn load_manifest(
    conn: &Db<'_>,
    id: ManifestId,
    courier: Option<CourierId>,
) -> StoreResult<Option<Manifest>> {
    let header = conn
        .query_row(
            "SELECT m.number, m.issued_on, m.issued_by, c.id, c.name,
                m.count_required = 1 AND NOT EXISTS (SELECT 1 FROM handover_counts h
                                                 WHERE h.manifest_id = m.id)
             FROM manifests m JOIN couriers c ON c.id = m.courier_id
             WHERE m.id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR m.courier_id = ?2
                    OR EXISTS (SELECT 1 FROM visit_team t
                               WHERE t.visit_id = m.visit_id AND t.courier_id = ?2))",
            params![id.to_string(), courier.map(|c| c.to_string())],
            |r| {
                Ok((
                    r.get::<String>(0)?,
                    r.get::<String>(1)?,
                    r.get::<String>(2)?,
                    r.get::<String>(3)?,
                    r.get::<String>(4)?,
                    r.get::<bool>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((number, issued_on, issued_by, courier_id, courier_name, count_required)) = header
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.line, i.state, d.document_type, d.name, d.nik, d.address_json, d.phone,
            d.printed_on
         FROM manifest_items i JOIN documents d ON d.id = i.document_id
         WHERE i.manifest_id = ?1 ORDER BY i.line",
    )?;
    let mut rows = stmt.query([id.to_string()])?;
    let mut items = Vec::new();
    while let Some(r) = rows.next()? {
        let item_id: String = r.get(0)?;
        let state: String = r.get(2)?;
        let document_type: String = r.get(3)?;
        let nik: String = r.get(5)?;
        let address: String = r.get(6)?;
        let phone: Option<String> = r.get(7)?;
        let printed_on: String = r.get(8)?;
        items.push(ManifestItem {
            id: parse_stored(&item_id, "id item")?,
            line: r.get(1)?,
            document_type: from_serde_text(&document_type, "jenis dokumen")?,
            owner_name: r.get(4)?,
            nik: Nik::parse(&nik)
                .map_err(|e| StoreError::corrupt(format!("NIK: {e}")))?
                .into(),
            address: serde_json::from_str(&address)
                .map_err(|e| StoreError::corrupt(format!("alamat: {e}")))?,
            phone: phone.map(|p| from_serde_text(&p, "nomor HP")).transpose()?,
            printed_on: parse_stored(&printed_on, "tanggal cetak")?,
            state: ItemState::parse(&state)
                .ok_or_else(|| StoreError::corrupt(format!("status item {state:?}")))?,
        });
    }
    Ok(Some(Manifest {
        id,
        number: parse_number(&number)?,
        issued_on: parse_stored(&issued_on, "tanggal BA")?,
        issued_by,
        courier: CourierRef {
            id: parse_stored(&courier_id, "id kurir")?,
            name: courier_name,
        },
        items,
        count_required,
    }))
}

/// Manifest headers with their counts, for the BAs `condition` takes (over `manifests m`, with
/// `values` as its parameters), in `order`. Reads the items of those BAs only.
fn infos_where(
    conn: &crate::store::db::Db<'_>,
    condition: &str,
    order: &str,
    values: Vec<Value>,
) -> StoreResult<Vec<ManifestInfo>> {
    let sql = format!(
        "SELECT m.id, m.number, m.issued_on, m.issued_by, c.id, c.name,
            COUNT(i.id),
            COUNT(*) FILTER (WHERE i.state = 'pending'),
            COUNT(*) FILTER (WHERE i.state = 'delivered'),
            COUNT(*) FILTER (WHERE i.state = 'failed'),
            COUNT(*) FILTER (WHERE i.state = 'returned'),
            (SELECT {} FROM (
                SELECT DISTINCT d.kecamatan AS code, d.kecamatan_name AS name
                FROM manifest_items i2 JOIN documents d ON d.id = i2.document_id
                WHERE i2.manifest_id = m.id) AS k),
            m.count_required,
            (SELECT h.missing FROM handover_counts h WHERE h.manifest_id = m.id),
            m.cancelled_at IS NOT NULL
         FROM manifests m
         JOIN couriers c ON c.id = m.courier_id
         LEFT JOIN manifest_items i ON i.manifest_id = m.id
         WHERE {condition}
         GROUP BY m.id, c.id, c.name
         ORDER BY {order}",
        conn.dialect().json_array_agg("name ORDER BY code")
    );
    let mut infos = Vec::new();
    conn.for_each_row(&sql, values, |r| {
        let id: String = r.get(0)?;
        let number: String = r.get(1)?;
        let issued_on: String = r.get(2)?;
        let courier_id: String = r.get(4)?;
        let kecamatan: String = r.get(11)?;
        infos.push(ManifestInfo {
            id: parse_stored(&id, "id BA")?,
            number: parse_number(&number)?,
            issued_on: parse_stored(&issued_on, "tanggal BA")?,
            issued_by: r.get(3)?,
            courier: CourierRef {
                id: parse_stored(&courier_id, "id kurir")?,
                name: r.get(5)?,
            },
            item_count: r.get(6)?,
            counts: StateCounts {
                not_dispatched: 0,
                pending: crate::store::get_u64(r, 7)?,
                delivered: crate::store::get_u64(r, 8)?,
                failed: crate::store::get_u64(r, 9)?,
                returned: crate::store::get_u64(r, 10)?,
            },
            kecamatan: serde_json::from_str(&kecamatan)
                .map_err(|e| StoreError::corrupt(format!("daftar kecamatan: {e}")))?,
            count: match (r.get::<bool>(12)?, r.get::<Option<u32>>(13)?) {
                (_, Some(0)) => CountState::Complete,
                (_, Some(missing)) => CountState::Short(missing),
                (true, None) => CountState::Waiting,
                (false, None) => CountState::NotAsked,
            },
            cancelled: r.get(14)?,
        });
        Ok(())
    })?;
    Ok(infos)
}
