//! A request's attempt rows, inserted together on PostgreSQL: when a request carries more than
//! one event, the ids already stored are read first (one query per 32 events), so each attempt
//! knows it is new without its own `INSERT … ON CONFLICT` and its row waits to be written with
//! the others, up to 32 in one statement: a few round trips for a batch of 100 instead of a
//! hundred. SQLite has no round trips, and there each row is inserted at once (measured: the
//! extra query and the long statements made its batches a third slower). Whatever reads
//! `events` inside the transaction (a replay, the chain's slow paths, another kind of event)
//! writes the waiting rows first, through [`Flushing`].

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::LazyLock;

use antar_domain::custody::ChainVerdict;
use antar_domain::ids::{ItemId, ManifestId, Sha256Hash};
use antar_domain::manifest::Manifest;
use rusqlite::types::Value;

use super::event_rows::{COLUMNS, insert_values, placeholders};
use crate::store::db::{Db, Dialect};
use crate::store::events::Submission;
use crate::store::lookup::{ChainLink, IngestLookup, ItemFound};
use crate::store::{StoreError, StoreResult};
use antar_domain::state::ItemState;

/// Rows per statement, largest first (the same few statements are always prepared).
pub(super) const CHUNKS: [usize; 3] = [32, 8, 1];
/// Ids per stored-or-not query; a shorter list repeats its last id.
const IDS_PER_QUERY: usize = 32;

/// The attempt rows waiting to be written, and the ids this request may no longer take.
#[derive(Debug, Default)]
pub(super) struct EventBatch {
    /// Off for a request of one event, and on SQLite: each row is inserted at once, as its own
    /// check.
    deferring: bool,
    /// Ids stored before the request, or by an earlier event in it.
    taken: RefCell<HashSet<String>>,
    rows: RefCell<Vec<Vec<Value>>>,
}

impl EventBatch {
    /// For these submissions: reads which of their ids are stored when there is more than one.
    pub(super) fn for_request(tx: &Db<'_>, submissions: &[Submission]) -> StoreResult<Self> {
        let events = submissions.iter().map(|s| s.events.len()).sum::<usize>();
        if events < 2 || tx.dialect() == Dialect::Sqlite {
            return Ok(Self::default());
        }
        let ids: Vec<&String> = submissions
            .iter()
            .flat_map(|s| &s.events)
            .map(|incoming| &incoming.texts.id)
            .collect();
        let mut taken = HashSet::new();
        // One lookup per id rather than `id IN (…)`: PostgreSQL keeps a statement's generic
        // plan, and one planned while `events` was small scans the table for a list, however
        // much it has grown since; an equality on the unique id is always an index lookup.
        static STORED_IDS: LazyLock<String> = LazyLock::new(|| {
            (1..=IDS_PER_QUERY)
                .map(|n| format!("SELECT id FROM events WHERE id = ?{n}"))
                .collect::<Vec<_>>()
                .join(" UNION ALL ")
        });
        for chunk in ids.chunks(IDS_PER_QUERY) {
            let mut values: Vec<Value> =
                chunk.iter().map(|id| Value::Text((*id).clone())).collect();
            let last = values.last().cloned().unwrap_or(Value::Null);
            values.resize(IDS_PER_QUERY, last);
            let stored = tx.query_map(&STORED_IDS, values, |r| r.get::<String>(0))?;
            for id in stored {
                taken.insert(id?);
            }
        }
        Ok(Self {
            deferring: true,
            taken: RefCell::new(taken),
            rows: RefCell::new(Vec::new()),
        })
    }

    /// Inserts the attempt's row (or keeps it to insert with the others); `false` if its id is
    /// taken, and then the rows kept so far are written, so the caller may read it.
    pub(super) fn insert(&self, tx: &Db<'_>, id: &str, row: Vec<Value>) -> StoreResult<bool> {
        if !self.deferring {
            return insert_values(tx, row);
        }
        if !self.taken.borrow_mut().insert(id.to_owned()) {
            self.write(tx)?;
            return Ok(false);
        }
        self.rows.borrow_mut().push(row);
        Ok(true)
    }

    /// Notes an id another kind of event stored (or found stored) in this request.
    pub(super) fn stored_elsewhere(&self, id: &str) {
        if self.deferring {
            self.taken.borrow_mut().insert(id.to_owned());
        }
    }

    /// Writes every row kept so far.
    pub(super) fn write(&self, tx: &Db<'_>) -> StoreResult<()> {
        let rows = std::mem::take(&mut *self.rows.borrow_mut());
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let left = rows.len();
            static INSERTS: LazyLock<[String; CHUNKS.len()]> = LazyLock::new(|| {
                CHUNKS.map(|size| {
                    let rows: Vec<String> = (0..size)
                        .map(|i| format!("({})", placeholders(i)))
                        .collect();
                    format!("INSERT INTO events ({COLUMNS}) VALUES {}", rows.join(", "))
                })
            });
            let (which, size) = chunk_for(left);
            let chunk: Vec<Value> = rows.by_ref().take(size).flatten().collect();
            let inserted = tx.prepare_cached(&INSERTS[which])?.execute(chunk)?;
            if inserted != size {
                return Err(StoreError::Other(format!(
                    "{inserted} dari {size} kejadian tersimpan"
                )));
            }
        }
        Ok(())
    }

    /// The transaction as ingest's checks read it, with the waiting rows written before any
    /// read of `events`.
    pub(super) fn flushing<'a, 'c>(&'a self, tx: &'a Db<'c>) -> Flushing<'a, 'c> {
        Flushing { tx, batch: self }
    }
}

/// The largest of [`CHUNKS`] that `left` rows fill: its index and size.
pub(super) fn chunk_for(left: usize) -> (usize, usize) {
    CHUNKS
        .into_iter()
        .enumerate()
        .find(|&(_, size)| size <= left)
        .unwrap_or((CHUNKS.len() - 1, 1))
}

/// See [`EventBatch::flushing`].
pub(super) struct Flushing<'a, 'c> {
    pub(super) tx: &'a Db<'c>,
    batch: &'a EventBatch,
}

impl<'c> Flushing<'_, 'c> {
    /// See [`EventBatch::insert`].
    pub(super) fn insert(&self, id: &str, row: Vec<Value>) -> StoreResult<bool> {
        self.batch.insert(self.tx, id, row)
    }

    fn written(&self) -> StoreResult<&Db<'c>> {
        self.batch.write(self.tx)?;
        Ok(self.tx)
    }
}

impl IngestLookup for Flushing<'_, '_> {
    fn device_tail(&self, device: &str) -> StoreResult<Option<(i64, Sha256Hash)>> {
        self.written()?.device_tail(device)
    }

    fn chain_links(&self, device: &str, seq: i64) -> StoreResult<Vec<ChainLink>> {
        self.written()?.chain_links(device, seq)
    }

    fn courier_stored(
        &self,
        courier: &str,
        device: &str,
        seq: i64,
        sha256: &Sha256Hash,
    ) -> StoreResult<bool> {
        self.written()?.courier_stored(courier, device, seq, sha256)
    }

    fn manifest(&self, id: ManifestId) -> StoreResult<Option<Manifest>> {
        self.tx.manifest(id)
    }

    fn form_served(&self, id: ManifestId, sha256: &Sha256Hash) -> StoreResult<bool> {
        self.tx.form_served(id, sha256)
    }

    fn keep_fingerprint(&self, id: ManifestId, sha256: &Sha256Hash) -> StoreResult<()> {
        self.tx.keep_fingerprint(id, sha256)
    }

    fn on_visit_team(&self, visit: &str, courier: &str) -> StoreResult<bool> {
        self.tx.on_visit_team(visit, courier)
    }

    fn rejudge_chain(&self, office_seq: i64, chain: &ChainVerdict) -> StoreResult<()> {
        self.written()?.rejudge_chain(office_seq, chain)
    }

    fn item_state(&self, row: i64) -> StoreResult<Option<ItemState>> {
        self.tx.item_state(row)
    }

    fn item(&self, item: ItemId) -> StoreResult<Option<ItemFound>> {
        self.tx.item(item)
    }

    fn item_states(&self, rows: &[i64]) -> StoreResult<Vec<(i64, ItemState)>> {
        self.tx.item_states(rows)
    }
}
