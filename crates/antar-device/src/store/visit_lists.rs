//! A visit's people leave the phone once they are no longer needed there: the visit's day
//! has passed (or the office called it off, or took this courier off it) and every event of
//! the visit has the office's receipt. Names, NIKs and addresses are personal data (UU
//! 27/2022) a phone should not carry longer than the work needs; the visit keeps its counts.

use antar_domain::ids::VisitId;
use antar_domain::visit::VisitState;
use chrono::NaiveDate;
use rusqlite::params;

use super::visit_reads::counts;
use super::{Store, now_text, sql_int};
use crate::error::Result;

impl Store {
    /// Removes the people of every visit held (with events) whose day is before `today` or
    /// that the office cancelled, and of the visits in `dropped` (no longer on the courier's
    /// list), unless an event of the visit still waits for its receipt. A past visit nobody
    /// recorded anything at keeps its list: it may have been postponed, or the phone's clock
    /// is wrong; the office keeps sending it until it is held or called off. Returns how many
    /// visits' lists left.
    pub(crate) fn remove_finished_visit_lists(
        &mut self,
        today: NaiveDate,
        dropped: &[VisitId],
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut candidates: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT id FROM visits v
                 WHERE targets_removed_at IS NULL
                   AND ((visit_day < ?1 AND EXISTS (SELECT 1 FROM events e
                                                    WHERE e.visit_id = v.id))
                        OR state = ?2)",
            )?;
            let rows = stmt.query_map(
                params![today.to_string(), VisitState::Cancelled.code()],
                |r| r.get::<_, String>(0),
            )?;
            rows.collect::<Result<_, _>>()?
        };
        candidates.extend(dropped.iter().map(ToString::to_string));
        candidates.sort();
        candidates.dedup();
        let mut removed = 0;
        for visit in candidates {
            let waiting: i64 = tx.query_row(
                "SELECT count(*) FROM events WHERE visit_id = ?1 AND receipt_json IS NULL",
                [&visit],
                |r| r.get(0),
            )?;
            if waiting > 0 {
                continue;
            }
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
