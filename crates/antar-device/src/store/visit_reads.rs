//! Reading visits and their people back for the screens: the cards with their counts (the
//! kept ones once the people left the phone) and the searchable list of a visit's people.

use antar_domain::ids::VisitId;
use antar_domain::visit::{IkdOutcome, RecordingOutcome};
use antar_domain::wire::TargetCard;
use rusqlite::{Connection, params};

use super::Store;
use super::visits::{StoredVisit, WalkInRow, read_head};
use crate::error::{DeviceError, Result};
use crate::visit::{VisitCard, VisitCounts, VisitTarget};

impl Store {
    pub(crate) fn visit_cards(&self) -> Result<Vec<VisitCard>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, json, checked_in_at IS NOT NULL, targets_removed_at IS NOT NULL,
                    kept_targets, kept_met, kept_recorded, kept_walk_ins
             FROM my_visits ORDER BY visit_day DESC, number DESC",
        )?;
        type Row = (String, String, bool, bool, [Option<i64>; 4]);
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                ))
            })?
            .collect::<Result<Vec<Row>, _>>()?;
        let mut cards = Vec::with_capacity(rows.len());
        for (id, json, checked_in, removed, kept) in rows {
            let stored: StoredVisit = serde_json::from_str(&json)?;
            let counts = if removed {
                let [targets, met, recorded, walk_ins] = kept.map(|n| count(n.unwrap_or(0)));
                VisitCounts {
                    targets,
                    met,
                    recorded,
                    not_met: targets.saturating_sub(met),
                    walk_ins,
                }
            } else {
                counts(&self.conn, &id)?
            };
            let visit = stored.visit;
            cards.push(VisitCard {
                id: visit.id,
                number: visit.number,
                visit_day: visit.visit_day,
                kind: visit.kind,
                venue: visit.venue,
                desa_name: visit.desa_name,
                kecamatan_name: visit.kecamatan_name,
                state: visit.state,
                note: stored.note,
                team: stored.team,
                manifests: stored.manifests,
                counts,
                checked_in,
                list_removed: removed,
            });
        }
        Ok(cards)
    }

    /// The people of a visit whose name contains `query` (any case), or whose NIK ends with
    /// it when it is all digits; `only_not_met` keeps listed people not met yet.
    pub(crate) fn visit_targets(
        &self,
        visit: VisitId,
        query: &str,
        only_not_met: bool,
    ) -> Result<Vec<VisitTarget>> {
        read_head(&self.conn, visit)?;
        let query = query.trim().to_lowercase();
        let by_nik = !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit());
        let filter = if by_nik {
            "substr(nik, -length(?2)) = ?2"
        } else {
            "instr(name_key, ?2) > 0"
        };
        let not_met = if only_not_met {
            "AND walk_in = 0 AND met = 0"
        } else {
            ""
        };
        let sql = format!(
            "SELECT id, walk_in, json, outcome, ikd FROM my_visit_targets
             WHERE visit_id = ?1 AND {filter} {not_met}
             ORDER BY walk_in, position, name_key"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![visit.to_string(), query], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (_, walk_in, json, outcome, ikd) = row?;
            let json = json.unwrap_or_default();
            let outcome = outcome
                .map(|c| coded(&c, RecordingOutcome::parse))
                .transpose()?;
            let ikd = ikd.map(|c| coded(&c, IkdOutcome::parse)).transpose()?;
            if walk_in {
                let row: WalkInRow = serde_json::from_str(&json)?;
                return Ok(VisitTarget {
                    id: None,
                    nik: row.nik,
                    name: row.name.unwrap_or_default(),
                    card: None,
                    outcome,
                    ikd,
                });
            }
            let card: TargetCard = serde_json::from_str(&json)?;
            Ok(VisitTarget {
                id: Some(card.id),
                nik: card.nik.clone(),
                name: card.name.clone(),
                card: Some(card),
                outcome,
                ikd,
            })
        })
        .collect()
    }
}

/// A visit's counts from its people on the phone.
pub(super) fn counts(conn: &Connection, visit: &str) -> Result<VisitCounts> {
    let row: [i64; 5] = conn.query_row(
        "SELECT coalesce(sum(walk_in = 0), 0), coalesce(sum(walk_in = 0 AND met = 1), 0),
                coalesce(sum(recorded = 1), 0), coalesce(sum(walk_in = 0 AND met = 0), 0),
                coalesce(sum(walk_in = 1), 0)
         FROM visit_targets WHERE visit_id = ?1",
        [visit],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]),
    )?;
    let [targets, met, recorded, not_met, walk_ins] = row.map(count);
    Ok(VisitCounts {
        targets,
        met,
        recorded,
        not_met,
        walk_ins,
    })
}

fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

fn coded<T>(code: &str, parse: fn(&str) -> Option<T>) -> Result<T> {
    parse(code)
        .ok_or_else(|| DeviceError::Storage(format!("kode tersimpan tidak dikenal: {code:?}")))
}
