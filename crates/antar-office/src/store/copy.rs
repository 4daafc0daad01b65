//! Copying an office's records from its SQLite file into an empty PostgreSQL database, and
//! proving the copy whole: every table's rows are counted and hashed as they leave SQLite and
//! again as PostgreSQL holds them, inside the one transaction that commits the copy.
//!
//! The copy is generic over the schema (the tables and columns both catalogs list), so a
//! migration that adds a table to both engines is copied without a change here; a table or a
//! column one engine has and the other lacks stops the copy before it writes anything.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use sha2::{Digest, Sha256};

use super::db::Db;
use super::engine::Store;
use super::roles::UpkeepStore;
use super::{StoreError, StoreResult};

/// Tables only PostgreSQL has: its migration record and the writers' generation counter.
const ONLY_ON_POSTGRES: [&str; 2] = ["antar_migrations", "office_writes"];
/// Rows each engine makes for itself: the write probe's row and the data copy's identity (the
/// copy gets a new identity afterwards, as a restore does), and the documents' tallies, which
/// the target's triggers build as the documents and items arrive (checked after the copy).
const MADE_BY_EACH_ENGINE: [&str; 3] = ["health_probe", "data_copy", "document_tallies"];
/// Values per INSERT: PostgreSQL takes at most 65,535 parameters in one statement.
const VALUES_PER_INSERT: usize = 30_000;
/// Rows read back per FETCH while checking (bounded memory however large a table is).
const ROWS_PER_FETCH: usize = 5_000;

/// One table as copied: its rows and the hash of them (the same whatever their order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCopied {
    pub table: String,
    pub rows: u64,
    /// Hex of the rows' multiset hash (see [`RowsHash`]).
    pub hash: String,
}

/// Copies every record of `source` (a SQLite store) into `target` (an empty PostgreSQL
/// store) and checks them there before committing; nothing is written unless all arrived.
/// The copy then gets a data copy identity of its own (see `UpkeepStore::new_data_copy`).
pub(crate) fn sqlite_into_postgres(
    source: &Store,
    target: &Store,
) -> StoreResult<Vec<TableCopied>> {
    let sqlite = source
        .sqlite()
        .ok_or_else(|| StoreError::Other("sumber salinan harus berkas SQLite".to_owned()))?;
    if target.sqlite().is_some() {
        return Err(StoreError::Other(
            "tujuan salinan harus basis data PostgreSQL".to_owned(),
        ));
    }
    let copied = target.write(|pg| {
        sqlite.read(|conn| {
            // One read transaction: every table as of one moment, even if the office serves.
            conn.execute_batch("BEGIN")?;
            let copied = copy_tables(&Db::Sqlite(conn), pg);
            conn.execute_batch("COMMIT")?;
            copied
        })
    })?;
    target.new_data_copy()?;
    Ok(copied)
}

fn copy_tables(sqlite: &Db<'_>, pg: &Db<'_>) -> StoreResult<Vec<TableCopied>> {
    let tables = matching_tables(sqlite, pg)?;
    for table in tables.keys() {
        let rows: i64 = pg.query_row(
            &format!("SELECT COUNT(*) FROM (SELECT 1 FROM {table} LIMIT 1) AS any_row"),
            (),
            |r| r.get(0),
        )?;
        if rows > 0 {
            return Err(StoreError::Conflict(format!(
                "basis data tujuan tidak kosong: tabel {table} sudah berisi data; salin hanya ke \
                 basis data PostgreSQL yang baru dibuat"
            )));
        }
    }
    let mut copied = Vec::with_capacity(tables.len());
    for table in in_reference_order(sqlite, &tables)? {
        let columns = &tables[&table];
        let sent = copy_table(sqlite, pg, &table, columns)?;
        let arrived = hash_on_postgres(pg, &table, columns)?;
        if sent != arrived {
            return Err(StoreError::Other(format!(
                "salinan tabel {table} tidak sama: {} baris dikirim, {} baris tiba (hash berbeda); \
                 tidak ada yang disimpan",
                sent.rows, arrived.rows
            )));
        }
        copied.push(TableCopied {
            table,
            rows: sent.rows,
            hash: sent.hex(),
        });
    }
    continue_identities(pg)?;
    let drift = crate::store::sqlite::document_list::tally_drift(pg)?;
    if drift > 0 {
        return Err(StoreError::Other(format!(
            "hitungan dokumen di PostgreSQL tidak cocok dengan dokumennya ({drift} selisih); \
             tidak ada yang disimpan"
        )));
    }
    Ok(copied)
}

/// The tables to copy with their columns, after checking both engines list the same ones.
fn matching_tables(sqlite: &Db<'_>, pg: &Db<'_>) -> StoreResult<BTreeMap<String, Vec<String>>> {
    let on_sqlite: BTreeSet<String> = sqlite
        .query_map(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            (),
            |r| r.get(0),
        )?
        .collect::<StoreResult<_>>()?;
    let on_postgres: BTreeSet<String> = pg
        .query_map(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            (),
            |r| r.get(0),
        )?
        .collect::<StoreResult<_>>()?;
    let on_postgres: BTreeSet<String> = on_postgres
        .into_iter()
        .filter(|t| !ONLY_ON_POSTGRES.contains(&t.as_str()))
        .collect();
    if on_sqlite != on_postgres {
        let only_sqlite: Vec<_> = on_sqlite.difference(&on_postgres).collect();
        let only_postgres: Vec<_> = on_postgres.difference(&on_sqlite).collect();
        return Err(StoreError::Other(format!(
            "skema kedua basis data berbeda (versi Antar berbeda?): hanya di SQLite {only_sqlite:?}, \
             hanya di PostgreSQL {only_postgres:?}"
        )));
    }
    let mut tables = BTreeMap::new();
    for table in on_sqlite {
        if MADE_BY_EACH_ENGINE.contains(&table.as_str()) {
            continue;
        }
        let mut on_sqlite: Vec<String> = sqlite
            .query_map(
                "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
                [&table],
                |r| r.get(0),
            )?
            .collect::<StoreResult<_>>()?;
        let on_postgres: Vec<String> = pg
            .query_map(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ?1
                 ORDER BY ordinal_position",
                [&table],
                |r| r.get(0),
            )?
            .collect::<StoreResult<_>>()?;
        // SQLite's implicit rowid is a column of its own on PostgreSQL (manifest_items').
        if on_postgres.iter().any(|c| c == "rowid") && !on_sqlite.iter().any(|c| c == "rowid") {
            on_sqlite.push("rowid".to_owned());
        }
        let (a, b): (BTreeSet<_>, BTreeSet<_>) =
            (on_sqlite.iter().collect(), on_postgres.iter().collect());
        if a != b {
            return Err(StoreError::Other(format!(
                "kolom tabel {table} berbeda: SQLite {on_sqlite:?}, PostgreSQL {on_postgres:?}"
            )));
        }
        tables.insert(table, on_sqlite);
    }
    Ok(tables)
}

/// The tables ordered so that each comes after those its foreign keys name.
fn in_reference_order(
    sqlite: &Db<'_>,
    tables: &BTreeMap<String, Vec<String>>,
) -> StoreResult<Vec<String>> {
    let mut refers_to: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for table in tables.keys() {
        let parents: BTreeSet<String> = sqlite
            .query_map(
                "SELECT \"table\" FROM pragma_foreign_key_list(?1)",
                [table],
                |r| r.get(0),
            )?
            .collect::<StoreResult<_>>()?;
        refers_to.insert(
            table,
            parents
                .into_iter()
                .filter(|p| p != table && tables.contains_key(p))
                .collect(),
        );
    }
    let mut ordered: Vec<String> = Vec::with_capacity(tables.len());
    while ordered.len() < tables.len() {
        let ready: Vec<String> = refers_to
            .iter()
            .filter(|(table, parents)| {
                !ordered.iter().any(|o| o == *table) && parents.iter().all(|p| ordered.contains(p))
            })
            .map(|(table, _)| (*table).to_owned())
            .collect();
        if ready.is_empty() {
            return Err(StoreError::Other(
                "kunci asing antartabel melingkar; salinan tidak bisa diurutkan".to_owned(),
            ));
        }
        ordered.extend(ready);
    }
    Ok(ordered)
}

/// Inserts the table's rows in batches, in SQLite's row order (a row referring to another of
/// its table comes after it), hashing them as they go.
fn copy_table(
    sqlite: &Db<'_>,
    pg: &Db<'_>,
    table: &str,
    columns: &[String],
) -> StoreResult<RowsHash> {
    let list = columns.join(", ");
    let per_insert = (VALUES_PER_INSERT / columns.len()).max(1);
    let mut hash = RowsHash::default();
    let mut batch: Vec<Value> = Vec::with_capacity(per_insert * columns.len());
    let flush = |batch: &mut Vec<Value>| -> StoreResult<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let rows = batch.len() / columns.len();
        let sql = format!(
            "INSERT INTO {table} ({list}) VALUES {}",
            placeholders(rows, columns.len())
        );
        pg.execute(&sql, std::mem::take(batch))?;
        Ok(())
    };
    sqlite.for_each_row(&format!("SELECT {list} FROM {table}"), (), |row| {
        let start = batch.len();
        for index in 0..columns.len() {
            batch.push(row.get::<Value>(index)?);
        }
        hash.add(&batch[start..]);
        if batch.len() >= per_insert * columns.len() {
            flush(&mut batch)?;
        }
        Ok(())
    })?;
    flush(&mut batch)?;
    Ok(hash)
}

/// `(?1, ?2), (?3, ?4)` for `rows` rows of `columns` values.
fn placeholders(rows: usize, columns: usize) -> String {
    let mut sql = String::with_capacity(rows * columns * 7);
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..columns {
            if column > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("?{}", row * columns + column + 1));
        }
        sql.push(')');
    }
    sql
}

/// Reads the table back through a server-side cursor, a few thousand rows at a time.
fn hash_on_postgres(pg: &Db<'_>, table: &str, columns: &[String]) -> StoreResult<RowsHash> {
    let cursor = format!("antar_salin_{table}");
    pg.execute(
        &format!(
            "DECLARE {cursor} NO SCROLL CURSOR FOR SELECT {} FROM {table}",
            columns.join(", ")
        ),
        (),
    )?;
    let fetch = format!("FETCH {ROWS_PER_FETCH} FROM {cursor}");
    let mut hash = RowsHash::default();
    let mut values = Vec::with_capacity(columns.len());
    loop {
        let mut fetched = 0;
        pg.for_each_row(&fetch, (), |row| {
            values.clear();
            for index in 0..columns.len() {
                values.push(row.get::<Value>(index)?);
            }
            hash.add(&values);
            fetched += 1;
            Ok(())
        })?;
        if fetched < ROWS_PER_FETCH {
            break;
        }
    }
    pg.execute(&format!("CLOSE {cursor}"), ())?;
    Ok(hash)
}

/// Sets each identity column's next value past the largest copied, so the next document,
/// account or review made on PostgreSQL does not take a copied row's id.
fn continue_identities(pg: &Db<'_>) -> StoreResult<()> {
    let identities: Vec<(String, String)> = pg
        .query_map(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND is_identity = 'YES'",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<StoreResult<_>>()?;
    for (table, column) in identities {
        pg.query_row(
            &format!(
                "SELECT setval(pg_get_serial_sequence(?1, ?2),
                               COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            ),
            [&table, &column],
            |r| r.get::<i64>(0),
        )?;
    }
    Ok(())
}

/// A hash of a multiset of rows: the wrapping sum of each row's SHA-256, so rows read back in
/// another order hash alike while a changed, missing or doubled row does not.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct RowsHash {
    rows: u64,
    sum: [u64; 4],
}

impl RowsHash {
    fn add(&mut self, row: &[Value]) {
        let mut sha = Sha256::new();
        for value in row {
            // A tag and a length before each value: ("ab", "c") and ("a", "bc") differ.
            match value {
                Value::Null => sha.update([0]),
                Value::Integer(i) => {
                    sha.update([1]);
                    sha.update(i.to_le_bytes());
                }
                Value::Real(f) => {
                    sha.update([2]);
                    sha.update(f.to_bits().to_le_bytes());
                }
                Value::Text(s) => {
                    sha.update([3]);
                    sha.update((s.len() as u64).to_le_bytes());
                    sha.update(s.as_bytes());
                }
                Value::Blob(b) => {
                    sha.update([4]);
                    sha.update((b.len() as u64).to_le_bytes());
                    sha.update(b);
                }
            }
        }
        let digest = sha.finalize();
        for (lane, chunk) in self.sum.iter_mut().zip(digest.chunks_exact(8)) {
            let bytes: [u8; 8] = chunk.try_into().expect("8-byte chunk");
            *lane = lane.wrapping_add(u64::from_le_bytes(bytes));
        }
        self.rows += 1;
    }

    fn hex(&self) -> String {
        self.sum.iter().map(|lane| format!("{lane:016x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_hash_ignores_order_and_sees_a_changed_or_doubled_row() {
        let row = |n: i64, s: &str| vec![Value::Integer(n), Value::Text(s.to_owned())];
        let hash = |rows: &[Vec<Value>]| {
            let mut h = RowsHash::default();
            rows.iter().for_each(|r| h.add(r));
            h
        };
        let a = row(1, "Budi");
        let b = row(2, "Sari");
        assert_eq!(hash(&[a.clone(), b.clone()]), hash(&[b.clone(), a.clone()]));
        assert_ne!(
            hash(&[a.clone(), b.clone()]),
            hash(&[a.clone(), row(2, "Sary")])
        );
        assert_ne!(
            hash(std::slice::from_ref(&a)).sum,
            hash(&[a.clone(), a.clone()]).sum
        );
        assert_ne!(
            hash(&[vec![Value::Text("ab".into()), Value::Text("c".into())]]),
            hash(&[vec![Value::Text("a".into()), Value::Text("bc".into())]])
        );
    }

    #[test]
    fn placeholders_number_every_value_once() {
        assert_eq!(placeholders(2, 2), "(?1, ?2), (?3, ?4)");
        assert_eq!(placeholders(1, 3), "(?1, ?2, ?3)");
    }
}

#[cfg(test)]
mod with_postgres {
    use super::*;
    use crate::temp_postgres::TempPostgres;

    fn office_with_a_courier(dir: &std::path::Path) -> Store {
        let sqlite = Store::open(&dir.join("office.sqlite")).unwrap();
        sqlite
            .write(|db| {
                db.execute(
                    "INSERT INTO couriers (id, name, created_at) VALUES ('k1', 'Budi', 't')",
                    (),
                )
            })
            .unwrap();
        sqlite
    }

    /// A row PostgreSQL keeps other than it was sent (here a trigger changes it, as a bad
    /// disk or an extension might) fails the check, and nothing of the copy is kept.
    #[test]
    fn a_row_that_arrives_changed_fails_the_copy_and_nothing_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = office_with_a_courier(dir.path());
        let db = TempPostgres::new();
        let pg = Store::open_postgres(&db.url()).unwrap();
        pg.write(|db| {
            db.execute_batch(
                "CREATE FUNCTION shout() RETURNS trigger AS $$
                 BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$ LANGUAGE plpgsql;
                 CREATE TRIGGER shout BEFORE INSERT ON couriers
                 FOR EACH ROW EXECUTE FUNCTION shout();",
            )
        })
        .unwrap();
        let refused = sqlite_into_postgres(&sqlite, &pg).unwrap_err().to_string();
        assert!(refused.contains("couriers tidak sama"), "{refused}");
        let kept: i64 = pg
            .read(|db| db.query_row("SELECT COUNT(*) FROM couriers", (), |r| r.get(0)))
            .unwrap();
        assert_eq!(kept, 0);
    }

    #[test]
    fn a_table_only_one_engine_has_stops_the_copy_before_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = office_with_a_courier(dir.path());
        sqlite
            .write(|db| db.execute("CREATE TABLE notes_by_hand (note TEXT)", ()))
            .unwrap();
        let db = TempPostgres::new();
        let pg = Store::open_postgres(&db.url()).unwrap();
        let refused = sqlite_into_postgres(&sqlite, &pg).unwrap_err().to_string();
        assert!(refused.contains("notes_by_hand"), "{refused}");
        let couriers: i64 = pg
            .read(|db| db.query_row("SELECT COUNT(*) FROM couriers", (), |r| r.get(0)))
            .unwrap();
        assert_eq!(couriers, 0);
    }
}
