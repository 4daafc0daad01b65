//! The documents page's queries: filtered, paged lists and counts per kecamatan and desa
//! (step 3 of the SOP: sort and count per kecamatan). The WHERE clause is built from the
//! filters actually given, so SQLite can use the indexes (an `?1 IS NULL OR …` would not).

use crate::store::Store;
use crate::store::StoreResult;
use crate::store::document_list::{
    DocumentFilter, DocumentPage, DocumentRow, DocumentSearch, PlaceCount,
};
use crate::store::paging::{PageAt, Paged};
use crate::store::roles::DocumentStore;
use rusqlite::types::Value;

/// A document's current state: that of its latest manifest item, or never dispatched; kept
/// in its row by triggers (migration 0027).
pub(crate) const STATE_SQL: &str = "d.state";

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

/// The list's order: by place as the BA lists them, then name; the id makes it total, so a
/// page can start after any row (`documents_by_place` holds these columns in this order).
const ORDER_COLUMNS: [&str; 6] = ["d.kecamatan", "d.desa", "d.rt", "d.rw", "d.name", "d.id"];

pub(super) fn document_page(
    store: &Store,
    filter: &DocumentFilter,
    at: PageAt<i64>,
    limit: u64,
) -> StoreResult<DocumentPage> {
    let (conditions, values) = filter.conditions();
    store.read(|conn| {
        let mut places = Vec::new();
        let mut total = 0;
        {
            // The tallies have the columns these filters name, under the same names.
            let (counted, documents) = if filter.tallied() {
                ("document_tallies", "d.documents")
            } else {
                ("documents", "1")
            };
            let sql = format!(
                "SELECT d.kecamatan, d.kecamatan_name, d.desa, d.desa_name,
                    CAST(SUM({documents}) AS BIGINT)
                 FROM {counted} d {}
                 GROUP BY d.kecamatan, d.kecamatan_name, d.desa, d.desa_name
                 HAVING SUM({documents}) > 0
                 ORDER BY d.kecamatan, d.desa",
                where_sql(&conditions)
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
        // The last page holds what the pages before it leave, so that walking back from it
        // shows the pages walking forward did.
        let page_rows = |at: &PageAt<i64>| match at {
            PageAt::Last if limit > 0 && total % limit != 0 => total % limit,
            _ => limit,
        };
        let read = |at: &PageAt<i64>| -> StoreResult<Vec<DocumentRow>> {
            let mut conditions = conditions.clone();
            let mut values = values.clone();
            let columns = ORDER_COLUMNS.join(", ");
            if let Some(key) = at.key() {
                values.push(Value::Integer(*key));
                let keyed = ORDER_COLUMNS.map(|c| c.replace("d.", "k."));
                conditions.push(format!(
                    "({columns}) {} (SELECT {} FROM documents k WHERE k.id = ?{})",
                    if at.forward() { ">" } else { "<" },
                    keyed.join(", "),
                    values.len()
                ));
            }
            values.push(Value::Integer(
                i64::try_from(page_rows(at).saturating_add(1)).unwrap_or(i64::MAX),
            ));
            let direction = if at.forward() { "" } else { " DESC" };
            let order: Vec<String> = ORDER_COLUMNS
                .iter()
                .map(|c| format!("{c}{direction}"))
                .collect();
            let sql = format!(
                "SELECT d.id, d.nik, d.name, d.kecamatan_name, d.desa_name, d.rt, d.rw,
                    d.document_type, d.printed_on, {STATE_SQL}, {LEFT_SQL}
                 FROM documents d {}
                 ORDER BY {}
                 LIMIT ?{}",
                where_sql(&conditions),
                order.join(", "),
                values.len()
            );
            let mut list = Vec::new();
            conn.for_each_row(&sql, values, |r| {
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
            Ok(list)
        };
        // Only an unfinished page after or before a key falls back to the first, so the last
        // page's own size is never the one used for it.
        let rows = usize::try_from(page_rows(&at)).unwrap_or(usize::MAX);
        let page = Paged::read(&at, rows, read)?;
        Ok(DocumentPage {
            rows: page.rows,
            has_prev: page.has_prev,
            has_next: page.has_next,
            total,
            places,
        })
    })
}

fn where_sql(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    }
}

/// How far the triggers' bookkeeping (migration 0027) is from a full pass: tally rows that
/// differ from a count of the documents, plus documents whose state is not their latest
/// item's. Zero when all is well; reads every document, so for checks, not for pages.
pub(crate) fn tally_drift(db: &crate::store::db::Db<'_>) -> StoreResult<u64> {
    let counted = "SELECT kecamatan, desa, document_type, printed_on, state, COUNT(*)
                   FROM documents GROUP BY kecamatan, desa, document_type, printed_on, state";
    let tallied = "SELECT kecamatan, desa, document_type, printed_on, state, documents
                   FROM document_tallies WHERE documents <> 0";
    let rows = |sql: String| -> StoreResult<u64> {
        db.query_row(&sql, (), |r| crate::store::get_u64(r, 0))
    };
    let tallies = rows(format!(
        "SELECT COUNT(*) FROM ({counted} EXCEPT {tallied}) AS missing"
    ))? + rows(format!(
        "SELECT COUNT(*) FROM ({tallied} EXCEPT {counted}) AS extra"
    ))?;
    let states = rows(
        "SELECT COUNT(*) FROM documents d
         WHERE d.state <> COALESCE((SELECT i.state FROM manifest_items i
                                    WHERE i.document_id = d.id ORDER BY i.rowid DESC LIMIT 1),
                                   'not_dispatched')"
            .to_owned(),
    )?;
    Ok(tallies + states)
}

pub(super) fn undispatched_by_desa(store: &Store) -> StoreResult<Vec<PlaceCount>> {
    let filter = DocumentFilter {
        state: Some(AVAILABLE.to_owned()),
        ..DocumentFilter::default()
    };
    Ok(store.document_page(&filter, PageAt::First, 0)?.places)
}

impl DocumentFilter {
    /// Whether the filter names only columns `document_tallies` has, so the counts can come
    /// from it.
    fn tallied(&self) -> bool {
        self.search.is_none() && self.manifest.is_none() && self.courier.is_none()
    }

    /// The conditions on `documents d` (all must hold) and their parameters.
    fn conditions(&self) -> (Vec<String>, Vec<Value>) {
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
        (parts, values)
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

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::store::Store;
    use crate::store::roles::DocumentStore;

    fn states(conn: &Connection) -> Vec<String> {
        conn.prepare("SELECT state FROM documents ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// The triggers keep each document's state as its latest item's through new, changed and
    /// removed items, with the tallies alongside; the drift check sees a tally or a state
    /// that went wrong behind their back.
    #[test]
    fn triggers_keep_states_and_tallies_and_the_check_sees_drift() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.sqlite");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
        for id in 1..=3 {
            conn.execute(
                "INSERT INTO documents (id, dedup_key, nik, name, sex, birth_place, birth_date,
                    address_json, kecamatan, kecamatan_name, desa, desa_name, rt, rw,
                    document_type, printed_on, imported_at)
                 VALUES (?1, ?1, 'n', 'N', 'L', 'X', '1990-01-01', '{}', '18.06.01', 'K',
                    '18.06.01.2001', 'D', 1, 1, 'KTP-el', '2026-11-01', 't')",
                [id],
            )
            .unwrap();
        }
        let item = |id: &str, document: i64, state: &str| {
            conn.execute(
                "INSERT INTO manifest_items (id, manifest_id, document_id, line, state,
                    updated_at) VALUES (?1, 'm', ?2, ?2, ?3, 't')",
                rusqlite::params![id, document, state],
            )
            .unwrap();
        };
        item("a1", 1, "pending");
        item("b1", 2, "returned");
        // On another BA (a line is unique within one), the document goes out again.
        conn.execute(
            "UPDATE manifest_items SET manifest_id = 'm2' WHERE id = 'b1'",
            [],
        )
        .unwrap();
        item("b2", 2, "pending");
        // An older item's change does not move the document; its latest item's does.
        conn.execute(
            "UPDATE manifest_items SET state = 'failed' WHERE id = 'b1'",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE manifest_items SET state = 'delivered' WHERE id = 'a1'",
            [],
        )
        .unwrap();
        assert_eq!(states(&conn), ["delivered", "pending", "not_dispatched"]);
        // A removed latest item leaves the one before it.
        conn.execute("DELETE FROM manifest_items WHERE id = 'b2'", [])
            .unwrap();
        assert_eq!(states(&conn), ["delivered", "failed", "not_dispatched"]);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.tally_drift().unwrap(), 0);
        let place = |state: &str| -> i64 {
            conn.query_row(
                "SELECT documents FROM document_tallies WHERE state = ?1",
                [state],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(
            (place("delivered"), place("failed"), place("not_dispatched")),
            (1, 1, 1)
        );

        conn.execute(
            "UPDATE document_tallies SET documents = 5 WHERE state = 'failed'",
            [],
        )
        .unwrap();
        assert_eq!(
            store.tally_drift().unwrap(),
            2,
            "the wrong row, and the missing one"
        );
        conn.execute(
            "UPDATE document_tallies SET documents = 1 WHERE state = 'failed'",
            [],
        )
        .unwrap();
        conn.execute("UPDATE documents SET state = 'returned' WHERE id = 3", [])
            .unwrap();
        assert_eq!(
            store.tally_drift().unwrap(),
            1,
            "a state that is not its item's"
        );
    }
}
