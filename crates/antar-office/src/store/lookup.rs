//! What ingest's checks read, and the two marks they leave, inside the write transaction of
//! the event being stored. The checks themselves (`custody`, `item_memo`) know no engine; each
//! store implements this trait on its transaction (SQLite's is in `sqlite::lookup`).

use antar_domain::custody::ChainVerdict;
use antar_domain::ids::{ItemId, ManifestId, Sha256Hash};
use antar_domain::manifest::Manifest;
use antar_domain::region::RegionCode;
use antar_domain::state::ItemState;

use super::StoreResult;

/// One stored event of a device, as the chain check sees it.
#[derive(Debug)]
pub(crate) struct ChainLink {
    pub(crate) device_seq: i64,
    pub(crate) office_seq: i64,
    pub(crate) sha256: Sha256Hash,
    /// The hash the event named as its predecessor, as stored.
    pub(crate) prev_sha256: Option<Sha256Hash>,
    /// Its chain was judged with its predecessor missing.
    pub(crate) predecessor_missing: bool,
}

/// What never changes about an item once its BA is issued (see `item_memo`).
#[derive(Debug)]
pub(crate) struct ItemFacts {
    /// The store's own key for the item's row (SQLite's rowid), for the quick state lookup.
    pub(crate) row: i64,
    pub(crate) manifest_id: ManifestId,
    pub(crate) courier_id: String,
    /// The visit whose BA holds the item (migration 0012): its whole team may record it.
    pub(crate) visit_id: Option<String>,
    pub(crate) desa: RegionCode,
}

/// An item as ingest first meets it: what never changes, its state, and its BA's fingerprint
/// if one was computed.
#[derive(Debug)]
pub(crate) struct ItemFound {
    pub(crate) facts: ItemFacts,
    pub(crate) state: ItemState,
    pub(crate) manifest_sha256: Option<Sha256Hash>,
}

/// Row keys per [`IngestLookup::item_states`] query.
pub(crate) const STATES_PER_QUERY: usize = 32;

pub(crate) trait IngestLookup {
    /// The device's stored event with the highest device_seq: its seq and hash.
    fn device_tail(&self, device: &str) -> StoreResult<Option<(i64, Sha256Hash)>>;

    /// The device's stored events at `seq - 1`, `seq` and `seq + 1`.
    fn chain_links(&self, device: &str, seq: i64) -> StoreResult<Vec<ChainLink>>;

    /// Whether one of `courier`'s devices stored exactly `sha256` at `seq`.
    fn courier_stored(
        &self,
        courier: &str,
        device: &str,
        seq: i64,
        sha256: &Sha256Hash,
    ) -> StoreResult<bool>;

    /// The office's own copy of the BA.
    fn manifest(&self, id: ManifestId) -> StoreResult<Option<Manifest>>;

    /// Whether a form of the BA with this fingerprint was served to a phone.
    fn form_served(&self, id: ManifestId, sha256: &Sha256Hash) -> StoreResult<bool>;

    /// Keeps the BA's fingerprint, computed once.
    fn keep_fingerprint(&self, id: ManifestId, sha256: &Sha256Hash) -> StoreResult<()>;

    /// Whether `courier` is on the team of `visit`.
    fn on_visit_team(&self, visit: &str, courier: &str) -> StoreResult<bool>;

    /// Writes a stored event's chain verdict anew.
    fn rejudge_chain(&self, office_seq: i64, chain: &ChainVerdict) -> StoreResult<()>;

    /// The item's state, by the row key its facts carry; `None` if the row is gone.
    fn item_state(&self, row: i64) -> StoreResult<Option<ItemState>>;

    /// The item, met for the first time (or again after the memo was emptied).
    fn item(&self, item: ItemId) -> StoreResult<Option<ItemFound>>;

    /// The states of the items with these row keys (at most [`STATES_PER_QUERY`]), those that
    /// exist.
    fn item_states(&self, rows: &[i64]) -> StoreResult<Vec<(i64, ItemState)>>;
}
