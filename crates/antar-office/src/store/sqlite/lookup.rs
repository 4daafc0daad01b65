//! SQLite's answers to ingest's checks, read inside the writer's transaction (see
//! [`IngestLookup`]); every statement is prepared once per connection and cached.

use crate::store::db::{Db, Optional};
use antar_domain::custody::ChainVerdict;
use antar_domain::ids::{ItemId, ManifestId, Sha256Hash};
use antar_domain::manifest::Manifest;
use antar_domain::region::RegionCode;
use antar_domain::state::ItemState;
use rusqlite::params;
use rusqlite::types::Value;
use std::sync::LazyLock;

use super::manifests::load_manifest;
use crate::store::lookup::{ChainLink, IngestLookup, ItemFacts, ItemFound, STATES_PER_QUERY};
use crate::store::{StoreError, StoreResult, json_text, parse_stored};

impl IngestLookup for Db<'_> {
    fn device_tail(&self, device: &str) -> StoreResult<Option<(i64, Sha256Hash)>> {
        let latest: Option<(i64, String)> = self
            .prepare_cached(
                "SELECT device_seq, sha256 FROM events WHERE device_id = ?1
                 ORDER BY device_seq DESC LIMIT 1",
            )?
            .query_row([device], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        latest
            .map(|(seq, sha256)| Ok((seq, parse_stored(&sha256, "hash kejadian")?)))
            .transpose()
    }

    fn chain_links(&self, device: &str, seq: i64) -> StoreResult<Vec<ChainLink>> {
        let mut stmt = self.prepare_cached(
            "SELECT device_seq, office_seq, sha256, prev_sha256, chain
             FROM events WHERE device_id = ?1 AND device_seq BETWEEN ?2 - 1 AND ?2 + 1",
        )?;
        let mut rows = stmt.query(params![device, seq])?;
        let mut links = Vec::with_capacity(3);
        while let Some(row) = rows.next()? {
            let prev: Option<String> = row.get(3)?;
            links.push(ChainLink {
                device_seq: row.get(0)?,
                office_seq: row.get(1)?,
                sha256: parse_stored(&row.get::<String>(2)?, "hash kejadian")?,
                prev_sha256: prev
                    .as_deref()
                    .map(|h| parse_stored(h, "hash kejadian"))
                    .transpose()?,
                predecessor_missing: row.get::<Option<String>>(4)?.as_deref() == Some("missing"),
            });
        }
        Ok(links)
    }

    fn courier_stored(
        &self,
        courier: &str,
        device: &str,
        seq: i64,
        sha256: &Sha256Hash,
    ) -> StoreResult<bool> {
        // The courier's phones, and the devices this phone was before it was enrolled again
        // (migration 0018), whoever's they were.
        let found: Option<i64> = self
            .prepare_cached(
                "WITH RECURSIVE lineage (id) AS (
                     SELECT previous_device_id FROM devices
                     WHERE id = ?4 AND previous_device_id IS NOT NULL
                     UNION
                     SELECT d.previous_device_id FROM devices d JOIN lineage l ON d.id = l.id
                     WHERE d.previous_device_id IS NOT NULL)
                 SELECT 1 FROM events
                 WHERE device_id IN (SELECT id FROM devices WHERE courier_id = ?1
                                     UNION SELECT id FROM lineage)
                   AND device_seq = ?2 AND sha256 = ?3",
            )?
            .query_row(params![courier, seq, sha256.to_hex(), device], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    fn manifest(&self, id: ManifestId) -> StoreResult<Option<Manifest>> {
        load_manifest(self, id, None)
    }

    fn form_served(&self, id: ManifestId, sha256: &Sha256Hash) -> StoreResult<bool> {
        self.prepare_cached("SELECT 1 FROM manifest_forms WHERE manifest_id = ?1 AND sha256 = ?2")?
            .exists(params![id.to_string(), sha256.to_hex()])
    }

    fn keep_fingerprint(&self, id: ManifestId, sha256: &Sha256Hash) -> StoreResult<()> {
        self.prepare_cached("UPDATE manifests SET content_sha256 = ?2 WHERE id = ?1")?
            .execute(params![id.to_string(), sha256.to_hex()])?;
        Ok(())
    }

    fn on_visit_team(&self, visit: &str, courier: &str) -> StoreResult<bool> {
        self.prepare_cached("SELECT 1 FROM visit_team WHERE visit_id = ?1 AND courier_id = ?2")?
            .exists(params![visit, courier])
    }

    fn rejudge_chain(&self, office_seq: i64, chain: &ChainVerdict) -> StoreResult<()> {
        self.prepare_cached("UPDATE events SET chain = ?2, chain_json = ?3 WHERE office_seq = ?1")?
            .execute(params![office_seq, chain.code(), json_text(chain)?])?;
        Ok(())
    }

    fn item_state(&self, row: i64) -> StoreResult<Option<ItemState>> {
        let state: Option<String> = self
            .prepare_cached("SELECT state FROM manifest_items WHERE rowid = ?1")?
            .query_row([row], |r| r.get(0))
            .optional()?;
        state.as_deref().map(parse_state).transpose()
    }

    fn item_states(&self, rows: &[i64]) -> StoreResult<Vec<(i64, ItemState)>> {
        // Equalities joined by UNION ALL, not `rowid IN (…)`: see `event_batch`'s id check.
        static STATES: LazyLock<String> = LazyLock::new(|| {
            (1..=STATES_PER_QUERY)
                .map(|n| format!("SELECT rowid, state FROM manifest_items WHERE rowid = ?{n}"))
                .collect::<Vec<_>>()
                .join(" UNION ALL ")
        });
        let Some(&last) = rows.last() else {
            return Ok(Vec::new());
        };
        let mut keys: Vec<Value> = rows.iter().map(|&row| Value::Integer(row)).collect();
        keys.resize(STATES_PER_QUERY, Value::Integer(last));
        let found = self.query_map(&STATES, keys, |r| {
            Ok((r.get::<i64>(0)?, r.get::<String>(1)?))
        })?;
        let mut states = Vec::new();
        for row in found {
            let (row, state) = row?;
            states.push((row, parse_state(&state)?));
        }
        Ok(states)
    }

    fn item(&self, item: ItemId) -> StoreResult<Option<ItemFound>> {
        type Row = (
            i64,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let row: Option<Row> = self
            .prepare_cached(
                "SELECT i.rowid, i.state, i.manifest_id, m.courier_id, d.desa, m.content_sha256,
                    m.visit_id
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
                    r.get(6)?,
                ))
            })
            .optional()?;
        let Some((row, state, manifest_id, courier_id, desa, manifest_sha256, visit_id)) = row
        else {
            return Ok(None);
        };
        Ok(Some(ItemFound {
            facts: ItemFacts {
                row,
                manifest_id: parse_stored(&manifest_id, "id BA")?,
                courier_id,
                visit_id,
                desa: RegionCode::parse(&desa)
                    .map_err(|e| StoreError::corrupt(format!("kode desa: {e}")))?,
            },
            state: parse_state(&state)?,
            manifest_sha256: manifest_sha256
                .as_deref()
                .map(|h| parse_stored(h, "hash BA"))
                .transpose()?,
        }))
    }
}

fn parse_state(state: &str) -> StoreResult<ItemState> {
    ItemState::parse(state).ok_or_else(|| StoreError::corrupt(format!("status item {state:?}")))
}
