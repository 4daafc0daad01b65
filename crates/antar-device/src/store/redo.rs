//! Deliveries flagged back by the office's reviewers (*perlu diulang*): kept as the office's
//! BA list last said, and read with the document's line, owner and the reviewer's note until
//! the courier records another attempt.

use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::wire::ManifestSummary;
use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, parse_stored, parse_time};
use crate::error::Result;
use crate::model::RedoItem;

/// Still to do again: no attempt recorded on this phone since the flag was heard.
const STILL_TO_REDO: &str = "NOT EXISTS (SELECT 1 FROM events e
                                        WHERE e.item_id = r.item_id
                                          AND e.recorded_at >= r.heard_at)";

impl Store {
    /// Replaces what the office flagged for the BAs of `list` (their documents already saved);
    /// a flag the phone already heard keeps its time, so attempts recorded since still count.
    pub(crate) fn replace_redo(
        &mut self,
        list: &[ManifestSummary],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for summary in list {
            let manifest = summary.id.to_string();
            let kept: Vec<String> = summary.redo.iter().map(|r| r.item_id.to_string()).collect();
            // Flags the office no longer lists (accepted on a second look, or done again).
            let mut listed = tx.prepare_cached(
                "SELECT r.item_id FROM redo_items r JOIN items i ON i.id = r.item_id
                 WHERE i.manifest_id = ?1",
            )?;
            let stale: Vec<String> = listed
                .query_map([&manifest], |r| r.get(0))?
                .filter_map(|id: rusqlite::Result<String>| id.ok())
                .filter(|id| !kept.contains(id))
                .collect();
            drop(listed);
            for item in stale {
                tx.execute("DELETE FROM redo_items WHERE item_id = ?1", [item])?;
            }
            for redo in &summary.redo {
                // Only the BA's own documents; a flag for one the phone never got is skipped.
                tx.execute(
                    "INSERT INTO redo_items (item_id, note, flagged_at, heard_at)
                     SELECT ?1, ?2, ?3, ?4 WHERE EXISTS
                         (SELECT 1 FROM items WHERE id = ?1 AND manifest_id = ?5)
                     ON CONFLICT (item_id) DO UPDATE SET note = excluded.note,
                         heard_at = CASE WHEN flagged_at = excluded.flagged_at THEN heard_at
                                         ELSE excluded.heard_at END,
                         flagged_at = excluded.flagged_at",
                    params![
                        redo.item_id.to_string(),
                        redo.note,
                        super::time_text(redo.flagged_at),
                        super::time_text(now),
                        manifest,
                    ],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The flagged deliveries of `manifest` still to do again, in BA order.
    pub(crate) fn redo_items(&self, manifest: ManifestId) -> Result<Vec<RedoItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.item_id, i.line, r.note, r.flagged_at FROM redo_items r
             JOIN my_items i ON i.id = r.item_id
             WHERE i.manifest_id = ?1 AND {STILL_TO_REDO}
             ORDER BY i.line"
        ))?;
        let rows = stmt.query_map([manifest.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (item, line, note, at) = row?;
            Ok(RedoItem {
                item_id: parse_stored::<ItemId>(&item)?,
                line,
                note,
                flagged_at: parse_time(&at)?,
            })
        })
        .collect()
    }

    /// How many of `manifest`'s documents wait to be done again.
    pub(crate) fn redo_count(&self, manifest: &str) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM redo_items r JOIN items i ON i.id = r.item_id
                 WHERE i.manifest_id = ?1 AND {STILL_TO_REDO}"
            ),
            params![manifest],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
