//! A visit's people leave the phone once they are no longer needed there, by the domain's
//! rule (`VisitOnPhone::list_leaves`); the visit keeps its counts.

use antar_domain::ids::VisitId;
use antar_domain::visit::{VisitOnPhone, VisitState};
use chrono::NaiveDate;
use rusqlite::params;

use super::visit_reads::counts;
use super::{Store, now_text, sql_int};
use crate::error::{DeviceError, Result};

impl Store {
    /// Removes the people of every visit whose list [`VisitOnPhone::list_leaves`] says may
    /// leave, `dropped` naming the visits no longer on the courier's list. Returns how many
    /// visits' lists left.
    pub(crate) fn remove_finished_visit_lists(
        &mut self,
        today: NaiveDate,
        dropped: &[VisitId],
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let on_phone: Vec<(String, String, String, bool, i64)> = {
            let mut stmt = tx.prepare(
                "SELECT id, visit_day, state,
                        EXISTS (SELECT 1 FROM events e WHERE e.visit_id = v.id),
                        (SELECT count(*) FROM events e
                         WHERE e.visit_id = v.id AND e.receipt_json IS NULL)
                 FROM visits v WHERE targets_removed_at IS NULL",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        let dropped: Vec<String> = dropped.iter().map(ToString::to_string).collect();
        let mut leaving = Vec::new();
        for (id, day, state, held, waiting) in on_phone {
            let visit = VisitOnPhone {
                day: day
                    .parse()
                    .map_err(|_| DeviceError::Storage(format!("tanggal kunjungan {day:?}")))?,
                state: VisitState::parse(&state)
                    .ok_or_else(|| DeviceError::Storage(format!("status kunjungan {state:?}")))?,
                held,
                waiting_receipts: usize::try_from(waiting).unwrap_or(usize::MAX),
                still_assigned: !dropped.contains(&id),
            };
            if visit.list_leaves(today) {
                leaving.push(id);
            }
        }
        let mut removed = 0;
        for visit in leaving {
            let kept = counts(&tx, &visit)?;
            let changed = tx.execute(
                "UPDATE visits SET targets_removed_at = ?1, kept_targets = ?2, kept_met = ?3,
                                   kept_recorded = ?4, kept_walk_ins = ?5
                 WHERE id = ?6 AND targets_removed_at IS NULL",
                params![
                    now_text(),
                    sql_int(kept.targets as u64),
                    sql_int(kept.met as u64),
                    sql_int(kept.recorded as u64),
                    sql_int(kept.walk_ins as u64),
                    visit
                ],
            )?;
            if changed == 1 {
                tx.execute("DELETE FROM visit_targets WHERE visit_id = ?1", [&visit])?;
                removed += 1;
            }
        }
        tx.commit()?;
        if removed > 0 {
            tracing::info!(
                visits = removed,
                "visit target lists removed from the phone"
            );
        }
        Ok(removed)
    }
}
