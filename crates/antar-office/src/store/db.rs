//! One way for every feature's SQL to reach either engine: statements written once, in the SQL
//! both SQLite and PostgreSQL speak, with `?N` (or bare `?`) placeholders; values in and out
//! through rusqlite's `ToSql`/`FromSql`, the office's one value model (integers, reals, text,
//! blobs, null). On PostgreSQL the placeholders become `$N`, prepared statements are kept per
//! connection, and each value is converted to the column type the server asks for, so a flag
//! kept as `BIGINT` takes an integer and a count read as `i64` may be any integer type.
//!
//! Why not one implementation per engine: the SQL encodes the SOP (which item is the latest,
//! when a card counts as left with an official); written twice it would drift.

use std::cell::RefCell;

use rusqlite::types::{Value, ValueRef};
use rusqlite::{CachedStatement, Connection, ToSql};

use super::{StoreError, StoreResult};

mod on_postgres;
use on_postgres::pg_cell;
pub(crate) use on_postgres::{PgConn, pg_error};

/// The engine behind a [`Db`], for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// A text field of a JSON object kept as text in `column`.
    pub(crate) fn json_text_field(self, column: &str, key: &str) -> String {
        match self {
            Self::Sqlite => format!("json_extract({column}, '$.{key}')"),
            Self::Postgres => format!("({column}::json ->> '{key}')"),
        }
    }

    /// The JSON array text of the values of `expr` over a group (`[]` for none).
    pub(crate) fn json_array_agg(self, expr: &str) -> String {
        match self {
            Self::Sqlite => format!("json_group_array({expr})"),
            Self::Postgres => format!("COALESCE(json_agg({expr})::text, '[]')"),
        }
    }
}

/// What `query_map` gives: the mapped rows, each a result as rusqlite's are (so callers
/// collect them or stop at the first error alike).
pub(crate) type Rows<T> = std::vec::IntoIter<StoreResult<T>>;

/// A connection of either engine, inside whatever transaction its store opened.
pub(crate) enum Db<'c> {
    Sqlite(&'c Connection),
    Postgres(RefCell<&'c mut PgConn>),
}

impl std::fmt::Debug for Db<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Sqlite(_) => "Db::Sqlite",
            Self::Postgres(_) => "Db::Postgres",
        })
    }
}

/// The parameters of one statement: `rusqlite::params![…]`, an array of one type, or nothing.
pub(crate) trait Params {
    fn with<T>(&self, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T;
}

impl Params for () {
    fn with<T>(&self, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
        f(&[])
    }
}

impl Params for &[&dyn ToSql] {
    fn with<T>(&self, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
        f(self)
    }
}

impl<const N: usize> Params for &[&dyn ToSql; N] {
    fn with<T>(&self, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
        f(&self[..])
    }
}

impl<P: ToSql, const N: usize> Params for [P; N] {
    fn with<T>(&self, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
        let refs: Vec<&dyn ToSql> = self.iter().map(|p| p as &dyn ToSql).collect();
        f(&refs)
    }
}

impl Params for Vec<&dyn ToSql> {
    fn with<T>(&self, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
        f(self)
    }
}

impl Params for Vec<Value> {
    fn with<T>(&self, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
        let refs: Vec<&dyn ToSql> = self.iter().map(|p| p as &dyn ToSql).collect();
        f(&refs)
    }
}

/// One result row of either engine; read with [`Row::get`] as from a rusqlite row.
pub(crate) enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

impl Row<'_> {
    pub(crate) fn get<T: rusqlite::types::FromSql>(&self, index: usize) -> rusqlite::Result<T> {
        match self {
            Self::Sqlite(row) => row.get(index),
            Self::Postgres(row) => {
                let value = pg_cell(row, index)?;
                let value = ValueRef::from(&value);
                T::column_result(value).map_err(|e| match e {
                    rusqlite::types::FromSqlError::InvalidType => {
                        rusqlite::Error::InvalidColumnType(
                            index,
                            row.columns()[index].name().to_owned(),
                            value.data_type(),
                        )
                    }
                    other => rusqlite::Error::FromSqlConversionFailure(
                        index,
                        value.data_type(),
                        Box::new(other),
                    ),
                })
            }
        }
    }
}

impl Row<'_> {
    /// A text cell borrowed from the row, `None` if null (the hot loops over every document
    /// read text this way instead of allocating a `String` per cell).
    pub(crate) fn get_str(&self, index: usize) -> rusqlite::Result<Option<&str>> {
        match self {
            Self::Sqlite(row) => Ok(row.get_ref(index)?.as_str_or_null()?),
            Self::Postgres(row) => row.try_get::<_, Option<&str>>(index).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    index,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            }),
        }
    }
}

/// `rusqlite::OptionalExtension` for [`Db`]'s results: no row is `None`.
pub(crate) trait Optional<T> {
    fn optional(self) -> StoreResult<Option<T>>;
}

impl<T> Optional<T> for StoreResult<T> {
    fn optional(self) -> StoreResult<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

/// What `query_row` says when there is no row (as SQLite's `QueryReturnedNoRows`).
fn no_rows() -> StoreError {
    StoreError::NotFound("kueri tidak menghasilkan baris".to_owned())
}

impl<'c> Db<'c> {
    pub(crate) fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    pub(crate) fn execute(&self, sql: &str, params: impl Params) -> StoreResult<usize> {
        match self {
            Self::Sqlite(conn) => Ok(params.with(|p| conn.prepare_cached(sql)?.execute(p))?),
            Self::Postgres(pg) => params.with(|p| pg.borrow_mut().execute(sql, p)),
        }
    }

    pub(crate) fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> StoreResult<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// Every row of the query, mapped by `f` (all read before the first is returned).
    pub(crate) fn query_map<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> StoreResult<Rows<T>> {
        self.prepare_cached(sql)?.query_map(params, f)
    }

    /// Calls `f` on each row in turn without keeping them (SQLite streams them; PostgreSQL's
    /// client has them all in memory first).
    pub(crate) fn for_each_row(
        &self,
        sql: &str,
        params: impl Params,
        mut f: impl FnMut(&Row<'_>) -> StoreResult<()>,
    ) -> StoreResult<()> {
        let mut stmt = self.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        while let Some(row) = rows.next()? {
            f(&row)?;
        }
        Ok(())
    }

    /// Runs statements without parameters, separated by semicolons (tests' fixtures).
    #[cfg(test)]
    pub(crate) fn execute_batch(&self, sql: &str) -> StoreResult<()> {
        match self {
            Self::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Self::Postgres(pg) => pg
                .borrow_mut()
                .client
                .batch_execute(&on_postgres::postgres_sql(sql))
                .map_err(|e| pg_error(&e)),
        }
    }

    /// A statement run many times in one transaction (SQLite keeps it prepared; PostgreSQL's
    /// connection keeps every statement prepared anyway).
    pub(crate) fn prepare_cached(&self, sql: &str) -> StoreResult<Stmt<'_, 'c>> {
        Ok(match self {
            Self::Sqlite(conn) => Stmt::Sqlite(conn.prepare_cached(sql)?),
            Self::Postgres(_) => Stmt::Postgres {
                db: self,
                sql: sql.to_owned(),
            },
        })
    }
}

/// A statement prepared on a [`Db`] (`'s`: the statement's borrow of it).
pub(crate) enum Stmt<'s, 'c> {
    Sqlite(CachedStatement<'s>),
    Postgres { db: &'s Db<'c>, sql: String },
}

impl Stmt<'_, '_> {
    pub(crate) fn execute(&mut self, params: impl Params) -> StoreResult<usize> {
        match self {
            Self::Sqlite(stmt) => Ok(params.with(|p| stmt.execute(p))?),
            Self::Postgres { db, sql } => db.execute(sql, params),
        }
    }

    pub(crate) fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> StoreResult<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => Ok(f(&row)?),
            None => Err(no_rows()),
        }
    }

    pub(crate) fn query_map<T>(
        &mut self,
        params: impl Params,
        mut f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> StoreResult<Rows<T>> {
        let mut rows = self.query(params)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(Ok(f(&row)?));
        }
        Ok(out.into_iter())
    }

    /// Whether the query gives any row.
    pub(crate) fn exists(&mut self, params: impl Params) -> StoreResult<bool> {
        match self {
            Self::Sqlite(stmt) => Ok(params.with(|p| stmt.exists(p))?),
            Self::Postgres { .. } => Ok(self.query(params)?.next()?.is_some()),
        }
    }

    /// The rows one at a time, as rusqlite's `Statement::query` gives them.
    pub(crate) fn query(&mut self, params: impl Params) -> StoreResult<Cursor<'_>> {
        match self {
            Self::Sqlite(stmt) => Ok(Cursor::Sqlite(params.with(|p| stmt.query(p))?)),
            Self::Postgres { db, sql } => {
                let Db::Postgres(pg) = db else {
                    unreachable!("a PostgreSQL statement is made on a PostgreSQL Db")
                };
                let rows = params.with(|p| pg.borrow_mut().query(sql, p))?;
                Ok(Cursor::Postgres(rows.into_iter(), None))
            }
        }
    }
}

/// The rows of [`Stmt::query`]: SQLite steps through them; PostgreSQL's have all arrived.
pub(crate) enum Cursor<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Postgres(std::vec::IntoIter<postgres::Row>, Option<postgres::Row>),
}

impl Cursor<'_> {
    #[allow(clippy::should_implement_trait)] // lends each row, so it cannot be an Iterator
    pub(crate) fn next(&mut self) -> StoreResult<Option<Row<'_>>> {
        match self {
            Self::Sqlite(rows) => Ok(rows.next()?.map(Row::Sqlite)),
            Self::Postgres(rows, current) => {
                *current = rows.next();
                Ok(current.as_ref().map(Row::Postgres))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_turns_no_row_into_none_and_keeps_other_errors() {
        let conn = Connection::open_in_memory().unwrap();
        let db = Db::Sqlite(&conn);
        let none: Option<i64> = db
            .query_row("SELECT 1 WHERE 0", [0; 0], |r| r.get(0))
            .optional()
            .unwrap();
        assert_eq!(none, None);
        let one: Option<i64> = db
            .query_row("SELECT ?1", rusqlite::params![1], |r| r.get(0))
            .optional()
            .unwrap();
        assert_eq!(one, Some(1));
        assert!(
            db.query_row("SELECT * FROM missing", [0; 0], |r| r.get::<i64>(0))
                .optional()
                .is_err()
        );
    }
}
