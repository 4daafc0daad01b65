//! The documents page's queries: filtered, paged lists and counts per kecamatan and desa
//! (step 3 of the SOP: sort and count per kecamatan). The WHERE clause is built from the
//! filters actually given, so SQLite can use the indexes (an `?1 IS NULL OR …` would not).

use crate::store::Store;
use crate::store::StoreResult;
use crate::store::document_list::{
    DocumentFilter, DocumentPage, DocumentRow, DocumentSearch, PlaceCount,
};
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

pub(super) fn mask(nik: &str) -> String {
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
            let sql = format!(
                "SELECT d.kecamatan, d.kecamatan_name, d.desa, d.desa_name, COUNT(*)
                 FROM documents d {where_sql}
                 GROUP BY d.kecamatan, d.kecamatan_name, d.desa, d.desa_name
                 ORDER BY d.kecamatan, d.desa"
            );
            conn.for_each_row(&sql, values.clone(), |r| {
                let count = crate::store::get_u64(r, 4)?;
                total += count;
                places.push(PlaceCount {
                    kecamatan: r.get(0)?,
                    kecamatan_name: r.get(1)?,
                    desa: r.get(2)?,
                    desa_name: r.get(3)?,
                    count,
                });
                Ok(())
            })?;
        }
        let mut all = values.clone();
        all.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        all.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
        let n = values.len();
        let sql = format!(
            "SELECT d.id, d.nik, d.name, d.kecamatan_name, d.desa_name, d.rt, d.rw,
                d.document_type, d.printed_on, {STATE_SQL}, {LEFT_SQL}
             FROM documents d {where_sql}
             ORDER BY d.kecamatan, d.desa, d.rt, d.rw, d.name, d.id
             LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        let mut list = Vec::new();
        conn.for_each_row(&sql, all, |r| {
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
            Ok(())
        })?;
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
        // Each `?` in `sql` takes the next of `given`, numbered after those already there.
        let mut add_all = |sql: &str, given: Vec<String>| {
            let mut numbered = String::new();
            let mut given = given.into_iter();
            for piece in sql.split_inclusive('?') {
                match piece.strip_suffix('?') {
                    Some(before) => {
                        values.push(Value::Text(given.next().unwrap_or_default()));
                        numbered.push_str(&format!("{before}?{}", values.len()));
                    }
                    None => numbered.push_str(piece),
                }
            }
            parts.push(numbered);
        };
        if let Some(k) = &self.kecamatan {
            add_all("d.kecamatan = ?", vec![k.clone()]);
        }
        if let Some(desa) = &self.desa {
            // A desa code starts with its kecamatan's: both conditions let the place index work.
            if self.kecamatan.is_none()
                && let Some(k) = desa.rsplit_once('.').map(|(k, _)| k.to_owned())
            {
                add_all("d.kecamatan = ?", vec![k]);
            }
            add_all("d.desa = ?", vec![desa.clone()]);
        }
        if let Some(t) = &self.document_type {
            add_all("d.document_type = ?", vec![t.clone()]);
        }
        if let Some(day) = self.printed_until {
            add_all("d.printed_on <= ?", vec![day.to_string()]);
        }
        match &self.search {
            // Both NIK searches go through the index on the last four digits.
            Some(DocumentSearch::Nik(nik)) => add_all(
                "substr(d.nik, 13) = ? AND d.nik = ?",
                vec![last_four(nik), nik.clone()],
            ),
            Some(DocumentSearch::NikTail(tail)) => add_all(
                "substr(d.nik, 13) = ? AND d.nik LIKE ?",
                vec![last_four(tail), format!("%{tail}")],
            ),
            Some(DocumentSearch::Name(name)) => {
                add_all(
                    // lower(): SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
                    "lower(d.name) LIKE lower(?) ESCAPE '\\'",
                    vec![format!("%{}%", like_escaped(name))],
                );
            }
            None => {}
        }
        if let Some(manifest) = &self.manifest {
            add_all(
                "d.id IN (SELECT i.document_id FROM manifest_items i WHERE i.manifest_id = ?)",
                vec![manifest.clone()],
            );
        }
        if let Some(courier) = &self.courier {
            // The courier's BAs narrow the rows; the latest item says who has it now.
            add_all(
                "d.id IN (SELECT i.document_id FROM manifests m
                          JOIN manifest_items i ON i.manifest_id = m.id WHERE m.courier_id = ?)
                 AND (SELECT m.courier_id FROM manifest_items i
                      JOIN manifests m ON m.id = i.manifest_id
                      WHERE i.document_id = d.id ORDER BY i.rowid DESC LIMIT 1) = ?",
                vec![courier.clone(), courier.clone()],
            );
        }
        match self.state.as_deref() {
            // What a new BA can take: never dispatched, or back at the office.
            Some(AVAILABLE) => add_all(
                &format!("{STATE_SQL} IN ('not_dispatched', 'returned')"),
                Vec::new(),
            ),
            Some(state) => add_all(&format!("{STATE_SQL} = ?"), vec![state.to_owned()]),
            None => {}
        }
        if parts.is_empty() {
            (String::new(), values)
        } else {
            (format!("WHERE {}", parts.join(" AND ")), values)
        }
    }
}

/// A NIK's (or a NIK tail's) last four digits: the key of the `documents_by_nik_tail` index.
fn last_four(digits: &str) -> String {
    digits[digits.len().saturating_sub(4)..].to_owned()
}

/// `text` for a LIKE pattern whose escape character is a backslash.
fn like_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
