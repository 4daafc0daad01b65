//! Manifests and their items: storing what the office sent without losing local work, and
//! reading them back with local states for the screens.

use antar_domain::attempt::{Attempt, FailureReason, Outcome};
use antar_domain::ba_count::count_required_before_attempt;
use antar_domain::ids::{EventId, ItemId, ManifestId, Sha256Hash};
use antar_domain::manifest::{BaNumber, Manifest, ManifestItem};
use antar_domain::state::ItemState;
use antar_domain::wire::{Event, EventBody};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, now_text, parse_stored};
use crate::error::{DeviceError, Result};
use crate::model::{FoundItem, ManifestCard};

/// What storing one downloaded manifest changed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(crate) struct Merged {
    pub(crate) new: bool,
    pub(crate) kept_local: usize,
}

impl Store {
    /// Stores a manifest the office sent to `courier`'s phone: it is theirs
    /// to see even when another courier holds it (a visit's BA is held by one member of the
    /// team and worked by all). Items with local attempts the office has not acknowledged keep
    /// their local state: the office's copy is behind.
    pub(crate) fn save_manifest(&mut self, manifest: &Manifest, courier: &str) -> Result<Merged> {
        let tx = self.conn.transaction()?;
        let id = manifest.id.to_string();
        let exists: bool = tx
            .query_row("SELECT 1 FROM manifests WHERE id = ?1", [&id], |_| Ok(()))
            .optional()?
            .is_some();
        tx.execute(
            "INSERT INTO manifests (id, number, issued_on, json, content_sha256, downloaded_at,
                                    courier_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET number = excluded.number,
                 issued_on = excluded.issued_on, json = excluded.json,
                 content_sha256 = excluded.content_sha256, downloaded_at = excluded.downloaded_at,
                 courier_id = excluded.courier_id, purged_at = NULL",
            params![
                id,
                manifest.number.as_str(),
                manifest.issued_on.to_string(),
                // Its documents are the items' rows; the BA's row keeps its header.
                serde_json::to_string(&manifest.header())?,
                manifest.content_hash().to_hex(),
                now_text(),
                courier,
            ],
        )?;
        let mut kept_local = 0;
        for item in &manifest.items {
            if upsert_item(&tx, manifest.id, item)? {
                kept_local += 1;
            }
        }
        tx.commit()?;
        Ok(Merged {
            new: !exists,
            kept_local,
        })
    }

    /// When the BA was counted on this phone, if it was.
    pub(crate) fn counted_at(&self, manifest: ManifestId) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT counted_at FROM my_manifests WHERE id = ?1",
                [manifest.to_string()],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten())
    }

    pub(crate) fn manifest_cards(&self) -> Result<Vec<ManifestCard>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.id, m.number, m.issued_on,
                    coalesce(json_extract(m.json, '$.count_required'), 0),
                    m.counted_at IS NOT NULL,
                    EXISTS (SELECT 1 FROM events e JOIN items i ON i.id = e.item_id
                            WHERE i.manifest_id = m.id)
             FROM my_manifests m ORDER BY m.issued_on DESC, m.number DESC",
        )?;
        let heads = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    [
                        r.get::<_, bool>(3)?,
                        r.get::<_, bool>(4)?,
                        r.get::<_, bool>(5)?,
                    ],
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut cards = Vec::with_capacity(heads.len());
        for (id, number, issued_on, [required, counted, attempts]) in heads {
            let mut card = ManifestCard {
                id: parse_stored(&id)?,
                number: BaNumber::parse(&number)
                    .map_err(|e| DeviceError::Storage(e.to_string()))?,
                issued_on: parse_stored::<NaiveDate>(&issued_on)?,
                kecamatan: self.strings(
                    "SELECT DISTINCT kecamatan_name FROM items WHERE manifest_id = ?1
                     ORDER BY kecamatan_name",
                    &id,
                )?,
                pending: 0,
                delivered: 0,
                failed: 0,
                returned: 0,
                needs_count: count_required_before_attempt(required, counted, attempts),
                redo: self.redo_count(&id)?,
            };
            for state in self.strings("SELECT state FROM items WHERE manifest_id = ?1", &id)? {
                match ItemState::parse(&state) {
                    Some(ItemState::Pending) => card.pending += 1,
                    Some(ItemState::Delivered) => card.delivered += 1,
                    Some(ItemState::Failed) => card.failed += 1,
                    Some(ItemState::Returned) => card.returned += 1,
                    None => return Err(bad_state(&state)),
                }
            }
            cards.push(card);
        }
        Ok(cards)
    }

    /// The manifest as downloaded, with each item's state replaced by the local one.
    pub(crate) fn load_manifest(&self, id: ManifestId) -> Result<Manifest> {
        let json: String = self
            .conn
            .query_row(
                "SELECT json FROM my_manifests WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| DeviceError::not_found(format!("BA Pengiriman {id}")))?;
        let mut manifest: Manifest = serde_json::from_str(&json)?;
        let mut stmt = self
            .conn
            .prepare("SELECT json, state FROM items WHERE manifest_id = ?1 ORDER BY line")?;
        manifest.items = stmt
            .query_map([id.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .map(|row| item_with_state(row?))
            .collect::<Result<_>>()?;
        Ok(manifest)
    }

    /// The BA's fingerprint as it was downloaded: what proofs name, whatever left the phone
    /// since.
    pub(crate) fn manifest_fingerprint(&self, id: ManifestId) -> Result<Sha256Hash> {
        let hex: String = self
            .conn
            .query_row(
                "SELECT content_sha256 FROM manifests WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| DeviceError::not_found(format!("BA Pengiriman {id}")))?;
        parse_stored(&hex)
    }

    /// Finds a manifest by its id or its BA number (what is printed on the paper).
    pub(crate) fn resolve_manifest(&self, id_or_number: &str) -> Result<ManifestId> {
        let wanted = id_or_number.trim();
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM my_manifests WHERE id = ?1 OR number = ?1",
                [wanted],
                |r| r.get(0),
            )
            .optional()?;
        let id = id.ok_or_else(|| DeviceError::not_found(format!("BA Pengiriman {wanted:?}")))?;
        parse_stored(&id)
    }

    pub(crate) fn item_at_line(&self, manifest: ManifestId, line: u32) -> Result<ItemId> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM my_items WHERE manifest_id = ?1 AND line = ?2",
                params![manifest.to_string(), line],
                |r| r.get(0),
            )
            .optional()?;
        parse_stored(&id.ok_or_else(|| DeviceError::not_found(format!("baris {line}")))?)
    }

    /// The manifest an item belongs to and its local state, for recording an attempt.
    pub(crate) fn item_state(&self, item: ItemId) -> Result<(ManifestId, ItemState)> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT manifest_id, state FROM my_items WHERE id = ?1",
                [item.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (manifest, state) =
            row.ok_or_else(|| DeviceError::not_found(format!("dokumen {item}")))?;
        let state = ItemState::parse(&state).ok_or_else(|| bad_state(&state))?;
        Ok((parse_stored(&manifest)?, state))
    }

    /// The reason of the item's latest attempt on this phone, when it failed.
    pub(crate) fn last_failure(&self, item: ItemId) -> Result<Option<FailureReason>> {
        let canonical: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT canonical FROM events WHERE item_id = ?1
                 ORDER BY device_seq DESC LIMIT 1",
                [item.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(bytes) = canonical else {
            return Ok(None);
        };
        let event: Event = serde_json::from_slice(&bytes)
            .map_err(|e| DeviceError::Storage(format!("kejadian tersimpan rusak: {e}")))?;
        Ok(match event.body {
            EventBody::Attempt(Attempt {
                outcome: Outcome::Failed { reason },
                ..
            }) => Some(reason),
            _ => None,
        })
    }

    /// Items whose owner's name contains `query` (any case), or whose NIK ends with it when
    /// it is all digits. Optionally within one manifest.
    pub(crate) fn find_items(
        &self,
        query: &str,
        manifest: Option<ManifestId>,
    ) -> Result<Vec<FoundItem>> {
        let query = query.trim().to_lowercase();
        let by_nik = !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit());
        let filter = if by_nik {
            "substr(i.nik, -length(?1)) = ?1"
        } else {
            "instr(i.name_key, ?1) > 0"
        };
        let sql = format!(
            "SELECT i.manifest_id, m.number, i.json, i.state
             FROM items i JOIN my_manifests m ON m.id = i.manifest_id
             WHERE {filter} AND (?2 IS NULL OR i.manifest_id = ?2)
             ORDER BY m.issued_on DESC, i.manifest_id, i.line"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![query, manifest.map(|m| m.to_string())], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (manifest_id, number, json, state) = row?;
            Ok(FoundItem {
                manifest_id: parse_stored(&manifest_id)?,
                manifest_number: BaNumber::parse(&number)
                    .map_err(|e| DeviceError::Storage(e.to_string()))?,
                item: item_with_state((json, state))?,
            })
        })
        .collect()
    }

    pub(crate) fn manifest_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM my_manifests", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    fn strings(&self, sql: &str, arg: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([arg], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Inserts or refreshes one item; true when its local state was kept over the office's.
fn upsert_item(tx: &Transaction<'_>, manifest: ManifestId, item: &ManifestItem) -> Result<bool> {
    let id = item.id.to_string();
    // A download does not bring back what already left the phone.
    let forgotten;
    let item = if Store::forgotten(tx, &id)? {
        forgotten = item.without_personal_data();
        &forgotten
    } else {
        item
    };
    let unacknowledged: i64 = tx.query_row(
        "SELECT (SELECT count(*) FROM events WHERE item_id = ?1 AND receipt_json IS NULL)
              + (SELECT count(*) FROM handover_items h JOIN events e ON e.id = h.event_id
                 WHERE h.item_id = ?1 AND e.receipt_json IS NULL)",
        [&id],
        |r| r.get(0),
    )?;
    let local: Option<String> = tx
        .query_row("SELECT state FROM items WHERE id = ?1", [&id], |r| r.get(0))
        .optional()?;
    let office_state = item.state.code();
    // Never lose local work: while an attempt or a collective handover has not reached the
    // office, the office's state is older than ours.
    let state = match local {
        Some(local) if unacknowledged > 0 => local,
        _ => office_state.to_owned(),
    };
    let kept_local = state != office_state;
    tx.execute(
        "INSERT INTO items (id, manifest_id, line, desa_code, kecamatan_name, name_key, nik,
                            office_state, state, json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET manifest_id = excluded.manifest_id,
             line = excluded.line, desa_code = excluded.desa_code,
             kecamatan_name = excluded.kecamatan_name, name_key = excluded.name_key,
             nik = excluded.nik, office_state = excluded.office_state,
             state = excluded.state, json = excluded.json",
        params![
            id,
            manifest.to_string(),
            item.line,
            item.address.desa.as_str(),
            item.address.kecamatan_name,
            item.owner_name.to_lowercase(),
            item.nik.as_str(),
            office_state,
            state,
            serde_json::to_string(item)?,
        ],
    )?;
    Ok(kept_local)
}

fn item_with_state((json, state): (String, String)) -> Result<ManifestItem> {
    let mut item: ManifestItem = serde_json::from_str(&json)?;
    item.state = ItemState::parse(&state).ok_or_else(|| bad_state(&state))?;
    Ok(item)
}

fn bad_state(state: &str) -> DeviceError {
    DeviceError::Storage(format!("status dokumen tersimpan tidak dikenal: {state:?}"))
}

/// An item's state read inside a write: what a record checks again under the lock, since
/// another process may have changed it since the screen read it.
pub(crate) fn item_state_in(tx: &Transaction<'_>, item: ItemId) -> Result<ItemState> {
    let state: String = tx.query_row(
        "SELECT state FROM items WHERE id = ?1",
        [item.to_string()],
        |r| r.get(0),
    )?;
    ItemState::parse(&state).ok_or_else(|| bad_state(&state))
}

/// Documents an event sends back to the office (missing at the count, handed back): they
/// take `state` on the phone and keep it through a download of their BA until the event's
/// receipt (`handover_items`, read by `upsert_item`).
pub(crate) fn hold_back_items(
    tx: &Transaction<'_>,
    event: EventId,
    items: impl IntoIterator<Item = ItemId>,
    state: ItemState,
) -> Result<()> {
    let event = event.to_string();
    for item in items {
        let item = item.to_string();
        tx.execute(
            "INSERT OR IGNORE INTO handover_items (event_id, item_id) VALUES (?1, ?2)",
            params![event, item],
        )?;
        tx.execute(
            "UPDATE items SET state = ?1 WHERE id = ?2",
            params![state.code(), item],
        )?;
    }
    Ok(())
}
