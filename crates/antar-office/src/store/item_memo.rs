//! What ingest remembers of each item it has seen: the facts that never change once a BA is
//! issued — the item's row, its BA and courier, the KTP address desa and the BA's fingerprint —
//! so that an event reads only the item's state (one lookup by rowid instead of a three-table
//! join by text ids). Nothing in the office, in this process or another, changes those facts:
//! items are never moved or deleted, a BA keeps its courier, a document its address, and the
//! fingerprint is computed once from what was issued. The state does change (a review reopens
//! a delivery, a return BA takes items back), so it is always read.

use std::collections::HashMap;
use std::sync::Arc;

use antar_domain::ids::{ItemId, ManifestId, Sha256Hash};
use antar_domain::region::RegionCode;
use antar_domain::state::ItemState;
use rusqlite::{Connection, OptionalExtension};

use super::parse_stored;
use crate::store::{StoreError, StoreResult};

/// Items remembered at most; past that the memo starts again (a few MB).
const MAX_ITEMS: usize = 100_000;

#[derive(Debug, Default)]
pub(crate) struct ItemMemo {
    items: HashMap<ItemId, Arc<ItemFacts>>,
    /// Each BA's fingerprint, once computed (the first attempt naming the BA computes it).
    fingerprints: HashMap<ManifestId, Sha256Hash>,
}

#[derive(Debug)]
pub(super) struct ItemFacts {
    pub(super) rowid: i64,
    pub(super) manifest_id: ManifestId,
    pub(super) courier_id: String,
    pub(super) desa: RegionCode,
}

impl ItemMemo {
    /// The item's facts and its current state; `None` if the office has no such item.
    pub(super) fn look_up(
        &mut self,
        tx: &Connection,
        item: ItemId,
    ) -> StoreResult<Option<(Arc<ItemFacts>, ItemState)>> {
        if let Some(facts) = self.items.get(&item) {
            let state: Option<String> = tx
                .prepare_cached("SELECT state FROM manifest_items WHERE rowid = ?1")?
                .query_row([facts.rowid], |r| r.get(0))
                .optional()?;
            if let Some(state) = state {
                return Ok(Some((Arc::clone(facts), parse_state(&state)?)));
            }
        }
        let row: Option<(i64, String, String, String, String, Option<String>)> = tx
            .prepare_cached(
                "SELECT i.rowid, i.state, i.manifest_id, m.courier_id, d.desa, m.content_sha256
                 FROM manifest_items i JOIN manifests m ON m.id = i.manifest_id
                 JOIN documents d ON d.id = i.document_id
                 WHERE i.id = ?1",
            )?
            .query_row([item.to_string()], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .optional()?;
        let Some((rowid, state, manifest_id, courier_id, desa, manifest_sha256)) = row else {
            return Ok(None);
        };
        let facts = Arc::new(ItemFacts {
            rowid,
            manifest_id: parse_stored(&manifest_id, "id BA")?,
            courier_id,
            desa: RegionCode::parse(&desa)
                .map_err(|e| StoreError::corrupt(format!("kode desa: {e}")))?,
        });
        if let Some(hash) = manifest_sha256 {
            self.fingerprinted(facts.manifest_id, parse_stored(&hash, "hash BA")?);
        }
        if self.items.len() >= MAX_ITEMS {
            *self = ItemMemo::default();
        }
        self.items.insert(item, Arc::clone(&facts));
        Ok(Some((facts, parse_state(&state)?)))
    }

    /// The BA's fingerprint, if computed.
    pub(super) fn fingerprint(&self, manifest: ManifestId) -> Option<Sha256Hash> {
        self.fingerprints.get(&manifest).copied()
    }

    pub(super) fn fingerprinted(&mut self, manifest: ManifestId, manifest_sha256: Sha256Hash) {
        self.fingerprints.insert(manifest, manifest_sha256);
    }
}

fn parse_state(state: &str) -> StoreResult<ItemState> {
    ItemState::parse(state).ok_or_else(|| StoreError::corrupt(format!("status item {state:?}")))
}
