//! The documents page's queries: filtered, paged lists and counts per kecamatan and desa
//! (step 3 of the SOP: sort and count per kecamatan). The WHERE clause is built from the
//! filters actually given, so SQLite can use the indexes (an `?1 IS NULL OR …` would not).

use crate::store::Store;
use crate::store::StoreResult;
use crate::store::document_list::{DocumentFilter, DocumentPage, DocumentRow, PlaceCount};
use crate::store::roles::DocumentStore;
use rusqlite::types::Value;

/// A document's current state: that of its latest manifest item, or never dispatched.
/// The index named holds document, state and rowid, so this reads no table rows.
pub(crate) const STATE_SQL: &str = "COALESCE((SELECT i.state FROM manifest_items i
    INDEXED BY manifest_items_by_document_state
    WHERE i.document_id = d.id ORDER BY i.rowid DESC LIMIT 1), 'not_dispatched')";

/// Whether the document's latest item was left with an official by an attempt that stands (the
/// page says so beside "Diserahkan"); a few rows a page, each one probe of a partial index.
const LEFT_SQL: &str = concat!(
    "EXISTS (SELECT 1 FROM attempts a
        WHERE a.item_id = (SELECT i.id FROM manifest_items i
                           INDEXED BY manifest_items_by_document_state
                           WHERE i.document_id = d.id ORDER BY i.rowid DESC LIMIT 1)
          AND ",
    left_with_official!(),
    ")"
);

/// The pseudo-state "can go on a new BA".
pub(crate) const AVAILABLE: &str = "available";

fn mask(nik: &str) -> String {
    match antar_domain::nik::Nik::parse(nik) {
        Ok(nik) => nik.masked(),
        Err(_) => "****************".to_owned(),
    }
}

pub(super) fn document_page(
    store: &Store,
    filter: &DocumentFilter,
    offset: u64,
    limit: u64,
) -> StoreResult<DocumentPage> {
    let (where_sql, values) = filter.where_clause();
    store.read(|conn| {
        let mut places = Vec::new();
        let mut total = 0;
        {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT d.kecamatan, d.kecamatan_name, d.desa, d.desa_name, COUNT(*)
                 FROM documents d {where_sql}
                 GROUP BY d.kecamatan, d.desa ORDER BY d.kecamatan, d.desa"
            ))?;
            let mut rows = stmt.query(rusqlite::params_from_iter(values.iter()))?;
            while let Some(r) = rows.next()? {
                let count = crate::store::get_u64(r, 4)?;
                total += count;
                places.push(PlaceCount {
                    kecamatan: r.get(0)?,
                    kecamatan_name: r.get(1)?,
                    desa: r.get(2)?,
                    desa_name: r.get(3)?,
                    count,
                });
            }
        }
        let mut all = values.clone();
        all.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        all.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
        let n = values.len();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT d.id, d.nik, d.name, d.kecamatan_name, d.desa_name, d.rt, d.rw,
                d.document_type, d.printed_on, {STATE_SQL}, {LEFT_SQL}
             FROM documents d {where_sql}
             ORDER BY d.kecamatan, d.desa, d.rt, d.rw, d.name, d.id
             LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(all.iter()))?;
        let mut list = Vec::new();
        while let Some(r) = rows.next()? {
            let nik: String = r.get(1)?;
            list.push(DocumentRow {
                id: r.get(0)?,
                nik_masked: mask(&nik),
                name: r.get(2)?,
                kecamatan_name: r.get(3)?,
                desa_name: r.get(4)?,
                rt: r.get(5)?,
                rw: r.get(6)?,
                document_type: r.get(7)?,
                printed_on: r.get(8)?,
                state: r.get(9)?,
                left_with_official: r.get(10)?,
            });
        }
        Ok(DocumentPage {
            rows: list,
            total,
            places,
        })
    })
}

pub(super) fn undispatched_by_desa(store: &Store) -> StoreResult<Vec<PlaceCount>> {
    let filter = DocumentFilter {
        state: Some(AVAILABLE.to_owned()),
        ..DocumentFilter::default()
    };
    Ok(store.document_page(&filter, 0, 0)?.places)
}

impl DocumentFilter {
    /// The WHERE clause over `documents d` and its parameters.
    fn where_clause(&self) -> (String, Vec<Value>) {
        let mut parts = Vec::new();
        let mut values = Vec::new();
        let mut add = |sql: &str, value: String| {
            values.push(Value::Text(value));
            parts.push(sql.replace('?', &format!("?{}", values.len())));
        };
        if let Some(k) = &self.kecamatan {
            add("d.kecamatan = ?", k.clone());
        }
        if let Some(desa) = &self.desa {
            // A desa code starts with its kecamatan's: both conditions let the place index work.
            if self.kecamatan.is_none()
                && let Some(k) = desa.rsplit_once('.').map(|(k, _)| k.to_owned())
            {
                add("d.kecamatan = ?", k);
            }
            add("d.desa = ?", desa.clone());
        }
        if let Some(t) = &self.document_type {
            add("d.document_type = ?", t.clone());
        }
        if let Some(day) = self.printed_until {
            add("d.printed_on <= ?", day.to_string());
        }
        match self.state.as_deref() {
            // What a new BA can take: never dispatched, or back at the office.
            Some(AVAILABLE) => parts.push(format!("{STATE_SQL} IN ('not_dispatched', 'returned')")),
            Some(state) => add(&format!("{STATE_SQL} = ?"), state.to_owned()),
            None => {}
        }
        if parts.is_empty() {
            (String::new(), values)
        } else {
            (format!("WHERE {}", parts.join(" AND ")), values)
        }
    }
}
