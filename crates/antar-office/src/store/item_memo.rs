//! What ingest remembers of each item it has seen: the facts that never change once a BA is
//! issued — the item's row, its BA and courier, the KTP address desa and the BA's fingerprint —
//! so that an event reads only the item's state (one lookup by rowid instead of a three-table
//! join by text ids). Nothing in the office, in this process or another, changes those facts:
//! items are never moved or deleted, a BA keeps its courier, a document its address, and the
//! fingerprint is computed once from what was issued. The state does change (a review reopens
//! a delivery, a return BA takes items back), so the memo keeps a state only while attempts
//! are all that has written since it was read: every other write, here or in another process,
//! forgets the states ([`ItemMemo::forget_states`]). The reads go through [`IngestLookup`], so
//! any store keeps the same memo.

use std::collections::HashMap;
use std::sync::Arc;

use antar_domain::ids::{ItemId, ManifestId, Sha256Hash};
use antar_domain::state::ItemState;

use super::lookup::{IngestLookup, ItemFacts, ItemFound, STATES_PER_QUERY};
use crate::store::StoreResult;

/// Items remembered at most; past that the memo starts again (a few MB).
const MAX_ITEMS: usize = 100_000;

#[derive(Debug, Default)]
pub(crate) struct ItemMemo {
    items: HashMap<ItemId, Arc<ItemFacts>>,
    /// Each BA's fingerprint, once computed (the first attempt naming the BA computes it).
    fingerprints: HashMap<ManifestId, Sha256Hash>,
    /// Items' states as attempts left them, while nothing else has written.
    states: HashMap<ItemId, ItemState>,
}

impl ItemMemo {
    /// The item's facts and its current state; `None` if the office has no such item.
    pub(super) fn look_up(
        &mut self,
        tx: &impl IngestLookup,
        item: ItemId,
    ) -> StoreResult<Option<(Arc<ItemFacts>, ItemState)>> {
        if let Some(facts) = self.items.get(&item) {
            if let Some(state) = self.states.get(&item) {
                return Ok(Some((Arc::clone(facts), *state)));
            }
            if let Some(state) = tx.item_state(facts.row)? {
                self.states.insert(item, state);
                return Ok(Some((Arc::clone(facts), state)));
            }
        }
        let Some(ItemFound {
            facts,
            state,
            manifest_sha256,
        }) = tx.item(item)?
        else {
            return Ok(None);
        };
        let facts = Arc::new(facts);
        if let Some(hash) = manifest_sha256 {
            self.fingerprinted(facts.manifest_id, hash);
        }
        if self.items.len() >= MAX_ITEMS {
            *self = ItemMemo::default();
        }
        self.items.insert(item, Arc::clone(&facts));
        self.states.insert(item, state);
        Ok(Some((facts, state)))
    }

    /// Reads, in one query per 32, the states of those of `items` whose facts are known and
    /// state is not (after another process wrote, every item of a batch), so that a batch
    /// does not read them one by one.
    pub(crate) fn read_states(
        &mut self,
        tx: &impl IngestLookup,
        items: impl IntoIterator<Item = ItemId>,
    ) -> StoreResult<()> {
        let mut wanted: Vec<(i64, ItemId)> = items
            .into_iter()
            .filter(|item| !self.states.contains_key(item))
            .filter_map(|item| self.items.get(&item).map(|facts| (facts.row, item)))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        for chunk in wanted.chunks(STATES_PER_QUERY) {
            let rows: Vec<i64> = chunk.iter().map(|(row, _)| *row).collect();
            for (row, state) in tx.item_states(&rows)? {
                if let Some((_, item)) = chunk.iter().find(|(r, _)| *r == row) {
                    self.states.insert(*item, state);
                }
            }
        }
        Ok(())
    }

    /// The item's state as the attempt being stored leaves it.
    pub(super) fn attempted(&mut self, item: ItemId, state: ItemState) {
        self.states.insert(item, state);
    }

    /// Forgets every state: something other than an attempt wrote (a review, a return, a
    /// handover, another process), and may have changed one.
    pub(crate) fn forget_states(&mut self) {
        self.states.clear();
    }

    /// The BA's fingerprint, if computed.
    pub(super) fn fingerprint(&self, manifest: ManifestId) -> Option<Sha256Hash> {
        self.fingerprints.get(&manifest).copied()
    }

    pub(super) fn fingerprinted(&mut self, manifest: ManifestId, manifest_sha256: Sha256Hash) {
        self.fingerprints.insert(manifest, manifest_sha256);
    }
}
