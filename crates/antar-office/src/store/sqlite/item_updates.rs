//! What a request's attempts change in their items (state, first delivery, latest attempt),
//! gathered while the events are stored and written together before the transaction ends or
//! another kind of event reads items. On PostgreSQL one statement updates up to 32 items (the
//! chunks of `event_batch`): a few round trips for a batch of 100 instead of a hundred.
//! SQLite, without round trips, updates each item by its rowid (its `UPDATE … FROM (VALUES …)`
//! measured slower).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use antar_domain::state::ItemState;
use rusqlite::types::Value;

use super::event_batch::{CHUNKS, chunk_for};
use crate::store::StoreResult;
use crate::store::db::{Db, Dialect};

/// The pending updates, by item row (written in row order).
#[derive(Debug, Default)]
pub(super) struct ItemUpdates {
    by_row: BTreeMap<i64, ItemUpdate>,
}

#[derive(Debug)]
struct ItemUpdate {
    /// The new state and when it changed, if an attempt changed it.
    changed: Option<(ItemState, String)>,
    /// The earliest delivery among the attempts.
    delivered_at: Option<String>,
    /// The latest attempt's office number.
    last_office_seq: i64,
}

/// One attempt's effect on its item.
pub(super) struct Attempted<'a> {
    pub(super) row: i64,
    pub(super) before: ItemState,
    pub(super) after: ItemState,
    pub(super) received_text: &'a str,
    /// The attempt's recorded time, if it delivered (kept only when the state changed).
    pub(super) delivered_at: Option<&'a str>,
    pub(super) office_seq: i64,
}

impl ItemUpdates {
    /// Keeps what the attempt changes; a later attempt on the same item overrides its state and
    /// latest attempt, while the earliest delivery wins (a review may reopen the item and a
    /// later attempt deliver it again; the service standard counts from the first).
    pub(super) fn attempted(&mut self, attempt: &Attempted<'_>) {
        let update = self.by_row.entry(attempt.row).or_insert(ItemUpdate {
            changed: None,
            delivered_at: None,
            last_office_seq: attempt.office_seq,
        });
        update.last_office_seq = attempt.office_seq;
        if attempt.after == attempt.before {
            return;
        }
        update.changed = Some((attempt.after, attempt.received_text.to_owned()));
        if let Some(at) = attempt.delivered_at
            && update.delivered_at.as_deref().is_none_or(|kept| at < kept)
        {
            update.delivered_at = Some(at.to_owned());
        }
    }

    /// Writes every pending update and forgets them.
    pub(super) fn write(&mut self, tx: &Db<'_>) -> StoreResult<()> {
        let pending = std::mem::take(&mut self.by_row);
        if tx.dialect() == Dialect::Sqlite {
            return pending
                .into_iter()
                .try_for_each(|(row, update)| update_one(tx, row, update));
        }
        let mut rows = pending.into_iter().peekable();
        while rows.peek().is_some() {
            static UPDATES: LazyLock<[String; CHUNKS.len()]> =
                LazyLock::new(|| CHUNKS.map(update_sql));
            let (which, size) = chunk_for(rows.len());
            if size == 1 {
                // The plain statement: PostgreSQL plans it as well as the one-row list.
                for (row, update) in rows.by_ref() {
                    update_one(tx, row, update)?;
                }
                break;
            }
            let values: Vec<Value> = rows
                .by_ref()
                .take(size)
                .flat_map(|(row, update)| update.values(row))
                .collect();
            tx.prepare_cached(&UPDATES[which])?.execute(values)?;
        }
        Ok(())
    }
}

impl ItemUpdate {
    /// The row's values as the statements take them: rowid, state and when it changed (both
    /// NULL if it did not), first delivery, latest attempt.
    fn values(self, row: i64) -> [Value; 5] {
        let (state, updated_at) = match self.changed {
            Some((state, at)) => (Value::Text(state.code().to_owned()), Value::Text(at)),
            None => (Value::Null, Value::Null),
        };
        [
            Value::Integer(row),
            state,
            updated_at,
            self.delivered_at.map_or(Value::Null, Value::Text),
            Value::Integer(self.last_office_seq),
        ]
    }
}

/// One item's update, by its rowid; only its latest attempt if its state stayed (so SQLite
/// leaves the state's index alone).
fn update_one(tx: &Db<'_>, row: i64, update: ItemUpdate) -> StoreResult<()> {
    if update.changed.is_none() {
        tx.prepare_cached("UPDATE manifest_items SET last_office_seq = ?2 WHERE rowid = ?1")?
            .execute(rusqlite::params![row, update.last_office_seq])?;
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE manifest_items SET
            state = COALESCE(?2, state),
            updated_at = COALESCE(?3, updated_at),
            delivered_at = CASE WHEN CAST(?4 AS TEXT) IS NULL OR delivered_at <= ?4
                THEN delivered_at ELSE ?4 END,
            last_office_seq = ?5
         WHERE rowid = ?1",
    )?
    .execute(update.values(row))?;
    Ok(())
}

/// The update of `items` items from a VALUES list (its columns are `column1`… in both
/// engines); the casts tell PostgreSQL the placeholders' types.
fn update_sql(items: usize) -> String {
    let rows: Vec<String> = (0..items)
        .map(|i| {
            let n = i * 5;
            format!(
                "(CAST(?{} AS BIGINT), CAST(?{} AS TEXT), CAST(?{} AS TEXT), CAST(?{} AS TEXT), \
                 CAST(?{} AS BIGINT))",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5
            )
        })
        .collect();
    format!(
        "UPDATE manifest_items SET
            state = COALESCE(v.column2, manifest_items.state),
            updated_at = COALESCE(v.column3, manifest_items.updated_at),
            delivered_at = CASE
                WHEN v.column4 IS NULL OR manifest_items.delivered_at <= v.column4
                THEN manifest_items.delivered_at ELSE v.column4 END,
            last_office_seq = v.column5
         FROM (VALUES {}) AS v
         WHERE manifest_items.rowid = v.column1",
        rows.join(", ")
    )
}
