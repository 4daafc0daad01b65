//! A delivered document's personal data leaves the phone 30 days after the office's receipt
//! for its delivery is stored (`sop::DELIVERED_KEPT_ON_PHONE_DAYS`): the item's name, street
//! address and contact, the bytes of its acknowledged events and their uploaded photos. Its
//! row stays (line, state, desa) so the BA's counts are whole; a download of the BA again does
//! not bring the data back.

use antar_domain::manifest::ManifestItem;
use antar_domain::sop::DELIVERED_KEPT_ON_PHONE_DAYS;
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

use super::{Store, time_text};
use crate::error::Result;

/// Delivered items whose every event has its receipt, the latest stored before the cutoff.
const DUE_SQL: &str = "SELECT i.id, i.json FROM items i
    WHERE i.state = 'delivered' AND i.forgotten_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM events e WHERE e.item_id = i.id AND e.receipt_json IS NULL)
      AND NOT EXISTS (SELECT 1 FROM handover_items h JOIN events e ON e.id = h.event_id
                      WHERE h.item_id = i.id AND e.receipt_json IS NULL)
      AND max(coalesce((SELECT max(e.receipt_at) FROM events e WHERE e.item_id = i.id), ''),
              coalesce((SELECT max(e.receipt_at) FROM handover_items h
                        JOIN events e ON e.id = h.event_id WHERE h.item_id = i.id), ''))
          BETWEEN '0' AND ?1";

impl Store {
    /// Forgets the personal data of documents delivered long enough ago, as of `now`; returns
    /// how many documents.
    pub(crate) fn forget_delivered(&mut self, now: DateTime<Utc>) -> Result<usize> {
        let cutoff = time_text(now - Duration::days(DELIVERED_KEPT_ON_PHONE_DAYS));
        let tx = self.conn.transaction()?;
        let due: Vec<(String, String)> = {
            let mut stmt = tx.prepare(DUE_SQL)?;
            let rows = stmt.query_map([&cutoff], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let mut photo_files = Vec::new();
        for (id, json) in &due {
            let item: ManifestItem = serde_json::from_str(json)?;
            let kept = item.without_personal_data();
            tx.execute(
                "UPDATE items SET json = ?2, name_key = '', nik = ?3, forgotten_at = ?4
                 WHERE id = ?1",
                params![
                    id,
                    serde_json::to_string(&kept)?,
                    kept.nik.as_str(),
                    time_text(now)
                ],
            )?;
            {
                let mut stmt = tx.prepare(
                    "SELECT p.path FROM events e JOIN photos p ON p.sha256 = e.photo_sha256
                     WHERE e.item_id = ?1 AND p.complete = 1",
                )?;
                let paths = stmt.query_map([id], |r| r.get::<_, String>(0))?;
                for path in paths {
                    photo_files.push(path?);
                }
            }
            tx.execute(
                "UPDATE events SET canonical = X''
                 WHERE item_id = ?1 AND receipt_json IS NOT NULL",
                [id],
            )?;
        }
        tx.commit()?;
        if due.is_empty() {
            return Ok(0);
        }
        for path in photo_files {
            match std::fs::remove_file(self.dir.join(&path)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        // Overwritten rows are zeroed in the file (secure_delete); their older copies in the
        // log go with it.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        tracing::info!(
            documents = due.len(),
            "delivered documents' personal data left the phone"
        );
        Ok(due.len())
    }

    /// Whether the item's personal data already left the phone.
    pub(crate) fn forgotten(tx: &rusqlite::Transaction<'_>, item: &str) -> Result<bool> {
        let at: Option<Option<String>> = {
            use rusqlite::OptionalExtension;
            tx.query_row(
                "SELECT forgotten_at FROM items WHERE id = ?1",
                [item],
                |r| r.get(0),
            )
            .optional()?
        };
        Ok(at.flatten().is_some())
    }
}
