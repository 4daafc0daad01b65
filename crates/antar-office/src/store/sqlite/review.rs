//! Proof review: the attempts the couriers' phones sent, with the office's verdicts.
//!
//! The rule for a flagged proof (documented for the device side too): flagging the latest
//! attempt of an item that the attempt made `delivered` puts the item back to `pending`. The
//! device's next `pull` takes the office's state for every item whose events the office has
//! acknowledged, so the document reappears on the courier's list as "Di kurir" and the
//! next attempt is accepted by the normal state machine (pending → delivered | failed). A
//! flagged failed attempt leaves the item `failed`, which already allows a re-attempt. The
//! phone hears of each reopened delivery with the reviewer's note in its BA list
//! (`flagged_to_redo`), until the flagged attempt is no longer the item's latest.
//! This is an office override outside `ItemState`'s courier transitions, on purpose: only a
//! reviewer can take back a delivery.

use crate::store::db::Optional;
use crate::store::review::{OfficeChecks, ProofDetail, ProofOrder, ProofRow, Verdict};
use crate::store::roles::ReviewStore;
use crate::store::sqlite::values::{parse_stored, parse_timestamp};
use crate::store::{PageAt, Paged, ProofNumber, StaffId, Store, from_json_text, timestamp};
use crate::store::{StoreError, StoreResult};
use antar_domain::custody::{ChainVerdict, TimeVerdict};
use antar_domain::findings::{
    CHAIN_FINDING_CODES, Finding, PLACE_FINDING_CODES, ProofChecks, TIME_FINDING_CODES, findings,
};
use antar_domain::ids::{CourierId, ManifestId};
use antar_domain::place::PlaceVerdict;
use antar_domain::state::ItemState;
use antar_domain::wire::Redo;
use rusqlite::params;

pub(super) const ROW_SQL: &str =
    "SELECT a.office_seq, m.number, i.line, d.kecamatan_name, d.desa_name,
        c.name, a.outcome, a.reason, a.recorded_at, a.accuracy_m, a.mock_location,
        a.photo_sha256 IS NOT NULL,
        (SELECT r.verdict FROM proof_reviews r WHERE r.office_seq = a.office_seq
         ORDER BY r.id DESC LIMIT 1),
        a.place_office, a.place_agrees, a.time_json, a.chain_json, a.manifest_bound,
        (SELECT p.proof_check FROM photos p WHERE p.sha256 = a.photo_sha256)
     FROM attempts a
     JOIN manifest_items i ON i.id = a.item_id
     JOIN manifests m ON m.id = i.manifest_id
     JOIN couriers c ON c.id = m.courier_id
     JOIN documents d ON d.id = i.document_id";

pub(super) fn row_from(r: &crate::store::db::Row<'_>) -> rusqlite::Result<ProofRow> {
    Ok(ProofRow {
        office_seq: r.get(0)?,
        ba_number: r.get(1)?,
        line: r.get(2)?,
        kecamatan_name: r.get(3)?,
        desa_name: r.get(4)?,
        courier_name: r.get(5)?,
        outcome: r.get(6)?,
        reason: r.get(7)?,
        recorded_at: r.get(8)?,
        accuracy_m: r.get(9)?,
        mock: r.get(10)?,
        has_photo: r.get(11)?,
        verdict: r.get(12)?,
        findings: stored_findings(r)?,
    })
}

/// The findings on a row of [`ROW_SQL`], from the checks ingest stored (columns 13–18).
fn stored_findings(r: &crate::store::db::Row<'_>) -> rusqlite::Result<Option<Vec<Finding>>> {
    let (Some(place), Some(time), Some(chain), Some(manifest_bound)) = (
        r.get::<Option<String>>(13)?,
        r.get::<Option<String>>(15)?,
        r.get::<Option<String>>(16)?,
        r.get::<Option<bool>>(17)?,
    ) else {
        return Ok(None);
    };
    let parse_failed = |e: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(13, rusqlite::types::Type::Text, Box::new(e))
    };
    let place: PlaceVerdict = serde_json::from_str(&place).map_err(parse_failed)?;
    let time: TimeVerdict = serde_json::from_str(&time).map_err(parse_failed)?;
    let chain: ChainVerdict = serde_json::from_str(&chain).map_err(parse_failed)?;
    let photo_check: Option<String> = r.get(18)?;
    Ok(Some(findings(&ProofChecks {
        place: &place,
        place_agrees: r.get(14)?,
        time: &time,
        chain: &chain,
        manifest_bound,
        photo_check: photo_check.as_deref(),
    })))
}

/// How many findings an attempt `a` has, in SQL, from the domain's finding codes: what ingest
/// counts with `Checks::finding_count`, for the rows stored before it did; the photo's check
/// is left out (it arrives later and is shown, not sorted on).
fn findings_count_sql(dialect: crate::store::db::Dialect) -> String {
    let list = |codes: &[&str]| {
        codes
            .iter()
            .map(|c| format!("'{c}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "((CASE WHEN {} IN ({}) THEN 1 ELSE 0 END)
          + (CASE WHEN a.place_agrees = 0 THEN 1 ELSE 0 END)
          + (CASE WHEN a.time IN ({}) THEN 1 ELSE 0 END)
          + (CASE WHEN a.chain IN ({}) THEN 1 ELSE 0 END)
          + (CASE WHEN a.manifest_bound = 0 THEN 1 ELSE 0 END))",
        dialect.json_text_field("a.place_office", "kind"),
        list(PLACE_FINDING_CODES),
        list(TIME_FINDING_CODES),
        list(CHAIN_FINDING_CODES)
    )
}

/// The query of one read of the queue: up to `?1` rows from where `at` says, the key in `?2`.
/// Both orders walk an index (the proof number, or the findings then the number), so a page
/// reads about its own rows wherever it is in the list.
fn page_sql(unreviewed: bool, order: ProofOrder, at: &PageAt<ProofNumber>) -> String {
    let mut conditions = Vec::new();
    if unreviewed {
        conditions.push(
            "NOT EXISTS (SELECT 1 FROM proof_reviews r WHERE r.office_seq = a.office_seq)"
                .to_owned(),
        );
    }
    // The list runs newest (or most findings) first: "after" a key is below it.
    let (below, direction) = if at.forward() {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let key_columns = match order {
        ProofOrder::Newest => "a.office_seq",
        ProofOrder::FindingsFirst => "a.finding_count, a.office_seq",
    };
    if at.key().is_some() {
        conditions.push(match order {
            ProofOrder::Newest => format!("a.office_seq {below} ?2"),
            ProofOrder::FindingsFirst => format!(
                "(a.finding_count, a.office_seq) {below}
                 (SELECT k.finding_count, k.office_seq FROM events k WHERE k.office_seq = ?2)"
            ),
        });
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let order_by = key_columns
        .split(", ")
        .map(|c| format!("{c} {direction}"))
        .collect::<Vec<_>>()
        .join(", ");
    let page_order = order_by.replace("a.", "page.");
    // The page's proofs are chosen from the attempts' own columns first: joining and
    // sub-querying only the rows kept.
    format!(
        "{ROW_SQL} JOIN (SELECT {key_columns} FROM attempts a {filter}
                         ORDER BY {order_by} LIMIT ?1) page ON page.office_seq = a.office_seq
         ORDER BY {page_order}"
    )
}

/// The verdicts `store::custody` stored when the attempt arrived.
fn office_checks(
    conn: &crate::store::db::Db<'_>,
    office_seq: ProofNumber,
) -> StoreResult<Option<OfficeChecks>> {
    type Row = (
        Option<String>,
        Option<String>,
        Option<bool>,
        Option<String>,
        Option<String>,
        Option<bool>,
        Option<String>,
    );
    // The checks are columns of the attempt (migration 0005), NULL when ingest did not write it.
    let found: Option<Row> = conn
        .query_row(
            "SELECT a.place_office, a.place_device, a.place_agrees, a.time_json, a.chain_json,
                a.manifest_bound, p.proof_check
             FROM attempts a
             LEFT JOIN photos p ON p.sha256 = a.photo_sha256
             WHERE a.office_seq = ?1",
            [office_seq],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?;
    let Some((
        Some(place_office),
        place_device,
        place_agrees,
        Some(time),
        Some(chain),
        Some(manifest_bound),
        photo,
    )) = found
    else {
        return Ok(None);
    };
    Ok(Some(OfficeChecks {
        place_office: from_json_text(&place_office, "tempat")?,
        place_device: place_device
            .map(|json| from_json_text(&json, "tempat perangkat"))
            .transpose()?,
        place_agrees,
        time: from_json_text(&time, "waktu")?,
        chain: from_json_text(&chain, "rantai")?,
        manifest_bound,
        photo_proof_check: photo,
    }))
}

impl ReviewStore for Store {
    fn proof_rows(
        &self,
        unreviewed: bool,
        order: ProofOrder,
        at: PageAt<ProofNumber>,
        limit: u64,
    ) -> StoreResult<Paged<ProofRow>> {
        let read = |at: &PageAt<ProofNumber>| -> StoreResult<Vec<ProofRow>> {
            let sql = page_sql(unreviewed, order, at);
            let fetch = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
            self.read(|conn| {
                let mut stmt = conn.prepare_cached(&sql)?;
                let rows = match at.key() {
                    Some(key) => stmt.query_map(params![fetch, key], row_from)?,
                    None => stmt.query_map(params![fetch], row_from)?,
                };
                rows.collect::<Result<_, _>>()
            })
        };
        Paged::read(&at, usize::try_from(limit).unwrap_or(usize::MAX), read)
    }

    fn count_older_findings(&self) -> StoreResult<u64> {
        let uncounted = "a.item_id IS NOT NULL AND a.finding_count IS NULL";
        let any = self.read(|conn| {
            conn.query_row(
                &format!("SELECT 1 FROM events a WHERE {uncounted} LIMIT 1"),
                (),
                |_| Ok(()),
            )
            .optional()
        })?;
        if any.is_none() {
            return Ok(0);
        }
        let count = findings_count_sql(self.dialect());
        self.write(|tx| {
            let counted = tx.execute(
                &format!("UPDATE events AS a SET finding_count = {count} WHERE {uncounted}"),
                (),
            )?;
            Ok(counted as u64)
        })
    }

    fn unreviewed_count(&self) -> StoreResult<u64> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT COUNT(*) FROM attempts a WHERE NOT EXISTS
                     (SELECT 1 FROM proof_reviews r WHERE r.office_seq = a.office_seq)",
            )?
            .query_row((), |r| crate::store::get_u64(r, 0))
        })
    }

    fn next_unreviewed(&self, after: ProofNumber) -> StoreResult<Option<ProofNumber>> {
        self.read(|conn| {
            let unreviewed = "NOT EXISTS (SELECT 1 FROM proof_reviews r
                                          WHERE r.office_seq = a.office_seq)";
            let older = conn
                .prepare_cached(&format!(
                    "SELECT a.office_seq FROM attempts a
                     WHERE a.office_seq < ?1 AND {unreviewed}
                     ORDER BY a.office_seq DESC LIMIT 1"
                ))?
                .query_row([after], |r| r.get(0))
                .optional()?;
            if older.is_some() {
                return Ok(older);
            }
            conn.prepare_cached(&format!(
                "SELECT a.office_seq FROM attempts a WHERE {unreviewed}
                     ORDER BY a.office_seq DESC LIMIT 1"
            ))?
            .query_row((), |r| r.get(0))
            .optional()
        })
    }

    fn proof_detail(&self, office_seq: ProofNumber) -> StoreResult<Option<ProofDetail>> {
        self.read(|conn| {
            let Some(row) = conn
                .query_row(
                    &format!("{ROW_SQL} WHERE a.office_seq = ?1"),
                    [office_seq],
                    row_from,
                )
                .optional()?
            else {
                return Ok(None);
            };
            let checks = office_checks(conn, office_seq)?;
            let detail = conn.query_row(
                "SELECT i.id, i.state, d.name, d.nik, d.document_type, d.desa,
                    d.rt,
                    a.recipient, a.relationship, a.reason_note, a.note, a.lat, a.lon,
                    a.photo_sha256, COALESCE(p.complete, 0), e.received_at, a.warning,
                    i.last_office_seq, a.official_position, d.rw
                 FROM attempts a JOIN events e ON e.office_seq = a.office_seq
                 JOIN manifest_items i ON i.id = a.item_id
                 JOIN documents d ON d.id = i.document_id
                 LEFT JOIN photos p ON p.sha256 = a.photo_sha256
                 WHERE a.office_seq = ?1",
                [office_seq],
                |r| {
                    Ok(ProofDetail {
                        row: row.clone(),
                        item_id: r.get(0)?,
                        item_state: r.get(1)?,
                        owner_name: r.get(2)?,
                        nik: r.get(3)?,
                        document_type: r.get(4)?,
                        desa: r.get(5)?,
                        alamat_rt_rw: format!(
                            "RT {:03} / RW {:03}",
                            r.get::<i64>(6)?,
                            r.get::<i64>(19)?
                        ),
                        recipient: r.get(7)?,
                        relationship: r.get(8)?,
                        official_position: r.get(18)?,
                        reason_note: r.get(9)?,
                        note: r.get(10)?,
                        lat: r.get(11)?,
                        lon: r.get(12)?,
                        photo_sha256: r.get(13)?,
                        photo_complete: r.get(14)?,
                        received_at: r.get(15)?,
                        warning: r.get(16)?,
                        reviews: Vec::new(),
                        is_latest: r.get::<Option<ProofNumber>>(17)? == Some(office_seq),
                        checks,
                    })
                },
            )?;
            let mut stmt = conn.prepare_cached(
                "SELECT r.verdict, r.note, u.display_name, r.reviewed_at
                 FROM proof_reviews r JOIN staff_users u ON u.id = r.reviewer_id
                 WHERE r.office_seq = ?1 ORDER BY r.id DESC",
            )?;
            let reviews = stmt
                .query_map([office_seq], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<Result<_, _>>()?;
            Ok(Some(ProofDetail { reviews, ..detail }))
        })
    }

    fn flagged_to_redo(&self, courier: CourierId) -> StoreResult<Vec<(ManifestId, Redo)>> {
        self.read(|conn| {
            // The flag stands while the flagged attempt is still the item's latest and the
            // item waits with the courier; the latest verdict on that attempt decides.
            let mut stmt = conn.prepare_cached(
                "SELECT i.manifest_id, i.id, r.note, r.reviewed_at
                 FROM manifests m
                 JOIN manifest_items i ON i.manifest_id = m.id
                 JOIN proof_reviews r ON r.office_seq = i.last_office_seq
                 WHERE m.courier_id = ?1 AND i.state = 'pending' AND r.verdict = 'flagged'
                   AND r.id = (SELECT max(r2.id) FROM proof_reviews r2
                               WHERE r2.office_seq = i.last_office_seq)
                 ORDER BY m.year, m.seq, i.line",
            )?;
            let mut rows = stmt.query([courier.to_string()])?;
            let mut found = Vec::new();
            while let Some(r) = rows.next()? {
                let manifest: String = r.get(0)?;
                let item: String = r.get(1)?;
                let at: String = r.get(3)?;
                found.push((
                    parse_stored(&manifest, "id BA")?,
                    Redo {
                        item_id: parse_stored(&item, "id item")?,
                        note: r.get(2)?,
                        flagged_at: parse_timestamp(&at)?,
                    },
                ));
            }
            Ok(found)
        })
    }

    fn review_proof(
        &self,
        office_seq: ProofNumber,
        verdict: Verdict,
        note: Option<&str>,
        reviewer_id: StaffId,
    ) -> StoreResult<Option<bool>> {
        let now = timestamp(chrono::Utc::now());
        self.write(|tx| {
            // The item keeps its latest attempt's office_seq (migration 0005).
            let found: Option<(String, String, Option<ProofNumber>)> = tx
                .query_row(
                    "SELECT a.item_id, i.state, i.last_office_seq
                     FROM attempts a JOIN manifest_items i ON i.id = a.item_id
                     WHERE a.office_seq = ?1",
                    [office_seq],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((item, state, latest)) = found else {
                return Ok(None);
            };
            tx.execute(
                "INSERT INTO proof_reviews (office_seq, verdict, note, reviewer_id, reviewed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![office_seq, verdict.code(), note, reviewer_id, now],
            )?;
            let state = ItemState::parse(&state)
                .ok_or_else(|| StoreError::corrupt(format!("status item {state:?}")))?;
            // Only the proof of the delivery that stands reopens the item.
            let reopened = (verdict == Verdict::Flagged && latest == Some(office_seq))
                .then(|| state.after_flagged_proof().ok())
                .flatten();
            if let Some(next) = reopened {
                tx.execute(
                    "UPDATE manifest_items SET state = ?3, updated_at = ?2 WHERE id = ?1",
                    params![item, now, next.code()],
                )?;
            }
            Ok(Some(reopened.is_some()))
        })
    }
}
