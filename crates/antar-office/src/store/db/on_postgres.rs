//! How the office's statements run on PostgreSQL: the connection with its prepared statements,
//! the SQL as PostgreSQL takes it, values converted both ways, and its errors as the kinds any
//! store can say.

use std::collections::HashMap;

use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use crate::store::{StoreError, StoreResult};

/// A PostgreSQL connection with its prepared statements, keyed by their SQL as written.
pub(crate) struct PgConn {
    pub(crate) client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
}

impl std::fmt::Debug for PgConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgConn")
            .field("statements", &self.statements.len())
            .finish_non_exhaustive()
    }
}

impl PgConn {
    pub(crate) fn new(client: postgres::Client) -> Self {
        Self {
            client,
            statements: HashMap::new(),
        }
    }

    fn statement(&mut self, sql: &str) -> StoreResult<postgres::Statement> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        // A statement PostgreSQL refuses is the office's bug: the error names it (statements
        // hold placeholders, never values).
        let statement =
            self.client
                .prepare(&postgres_sql(sql))
                .map_err(|e| match pg_error(&e) {
                    StoreError::Other(message) => StoreError::Other(format!(
                        "{message}; SQL: {}",
                        sql.split_whitespace().collect::<Vec<_>>().join(" ")
                    )),
                    other => other,
                })?;
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    pub(super) fn query(
        &mut self,
        sql: &str,
        params: &[&dyn ToSql],
    ) -> StoreResult<Vec<postgres::Row>> {
        let statement = self.statement(sql)?;
        let values = pg_values(params)?;
        self.client
            .query(&statement, &as_params(&values))
            .map_err(|e| pg_error(&e))
    }

    pub(super) fn execute(&mut self, sql: &str, params: &[&dyn ToSql]) -> StoreResult<usize> {
        let statement = self.statement(sql)?;
        let values = pg_values(params)?;
        let changed = self
            .client
            .execute(&statement, &as_params(&values))
            .map_err(|e| pg_error(&e))?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }
}

/// The statement as PostgreSQL takes it: placeholders as `$N`, and without SQLite's
/// `INDEXED BY name` hints (they only steer SQLite's planner; PostgreSQL chooses by itself).
pub(super) fn postgres_sql(sql: &str) -> String {
    let mut out = dollar_placeholders(sql);
    while let Some(at) = out.find("INDEXED BY ") {
        let name_end = out[at + "INDEXED BY ".len()..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(out.len(), |n| at + "INDEXED BY ".len() + n);
        out.replace_range(at..name_end, "");
    }
    out
}

/// `?N` and bare `?` as PostgreSQL's `$N`, outside quoted text and comments.
fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next_bare = 1;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                out.push('$');
                if digits.is_empty() {
                    out.push_str(&next_bare.to_string());
                    next_bare += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A parameter as PostgreSQL takes it: the office's value, converted to the type the server
/// asks for (an integer for a `BIGINT`, `INTEGER` or `BOOLEAN` parameter, and so on).
#[derive(Debug)]
enum PgValue {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// The values as the client's parameter list.
fn as_params(values: &[PgValue]) -> Vec<&(dyn postgres::types::ToSql + Sync)> {
    values
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

fn pg_values(params: &[&dyn ToSql]) -> StoreResult<Vec<PgValue>> {
    params
        .iter()
        .map(|p| {
            let output = p.to_sql()?;
            let value = match &output {
                ToSqlOutput::Borrowed(value) => PgValue::from(*value),
                ToSqlOutput::Owned(value) => PgValue::from(ValueRef::from(value)),
                other => {
                    return Err(StoreError::Other(format!(
                        "nilai parameter tidak didukung PostgreSQL: {other:?}"
                    )));
                }
            };
            Ok(value)
        })
        .collect()
}

impl From<ValueRef<'_>> for PgValue {
    fn from(value: ValueRef<'_>) -> Self {
        match value {
            ValueRef::Null => Self::Null,
            ValueRef::Integer(i) => Self::Integer(i),
            ValueRef::Real(r) => Self::Real(r),
            ValueRef::Text(t) => Self::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Self::Blob(b.to_vec()),
        }
    }
}

impl postgres::types::ToSql for PgValue {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::ToSql as PgToSql;
        use postgres::types::Type;
        match (self, ty) {
            (Self::Null, _) => Ok(postgres::types::IsNull::Yes),
            (Self::Integer(i), &Type::INT8) => PgToSql::to_sql(&i, ty, out),
            (Self::Integer(i), &Type::INT4) => PgToSql::to_sql(&i32::try_from(*i)?, ty, out),
            (Self::Integer(i), &Type::INT2) => PgToSql::to_sql(&i16::try_from(*i)?, ty, out),
            (Self::Integer(i), &Type::BOOL) => PgToSql::to_sql(&(*i != 0), ty, out),
            (Self::Integer(i), &Type::FLOAT8) => PgToSql::to_sql(&(*i as f64), ty, out),
            (Self::Integer(i), &Type::TEXT | &Type::VARCHAR) => {
                PgToSql::to_sql(&i.to_string(), ty, out)
            }
            (Self::Real(r), &Type::FLOAT8) => PgToSql::to_sql(&r, ty, out),
            (Self::Real(r), &Type::FLOAT4) => PgToSql::to_sql(&(*r as f32), ty, out),
            (Self::Text(t), _) => PgToSql::to_sql(&t, ty, out),
            (Self::Blob(b), &Type::BYTEA) => PgToSql::to_sql(&b, ty, out),
            (value, ty) => Err(format!("{value:?} tidak dapat menjadi {ty}").into()),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// One cell of a PostgreSQL row as the office's value model has it.
pub(super) fn pg_cell(row: &postgres::Row, index: usize) -> rusqlite::Result<Value> {
    use postgres::types::Type;
    let failed = |e: postgres::Error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Null, Box::new(e))
    };
    let ty = row.columns()[index].type_().clone();
    let value = match ty {
        Type::INT8 => row
            .try_get::<_, Option<i64>>(index)
            .map_err(failed)?
            .map(Value::Integer),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(index)
            .map_err(failed)?
            .map(|i| Value::Integer(i.into())),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(index)
            .map_err(failed)?
            .map(|i| Value::Integer(i.into())),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(index)
            .map_err(failed)?
            .map(|b| Value::Integer(b.into())),
        Type::FLOAT8 => row
            .try_get::<_, Option<f64>>(index)
            .map_err(failed)?
            .map(Value::Real),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(index)
            .map_err(failed)?
            .map(|r| Value::Real(r.into())),
        Type::BYTEA => row
            .try_get::<_, Option<Vec<u8>>>(index)
            .map_err(failed)?
            .map(Value::Blob),
        _ => row
            .try_get::<_, Option<String>>(index)
            .map_err(failed)?
            .map(Value::Text),
    };
    Ok(value.unwrap_or(Value::Null))
}

/// How PostgreSQL's errors become the kinds any store can say.
pub(crate) fn pg_error(error: &postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    let message = error.to_string();
    let Some(code) = error.code() else {
        // No SQLSTATE: the connection itself failed (server gone, socket closed).
        return if error.is_closed() {
            StoreError::Unavailable {
                problem: None,
                message,
            }
        } else {
            StoreError::Other(message)
        };
    };
    let detail = error
        .as_db_error()
        .map(|db| db.message().to_owned())
        .unwrap_or(message);
    match *code {
        SqlState::UNIQUE_VIOLATION
        | SqlState::FOREIGN_KEY_VIOLATION
        | SqlState::CHECK_VIOLATION
        | SqlState::NOT_NULL_VIOLATION => StoreError::Conflict(detail),
        SqlState::DISK_FULL => StoreError::Unavailable {
            problem: Some(crate::health::StorageProblem::Full),
            message: detail,
        },
        SqlState::READ_ONLY_SQL_TRANSACTION => StoreError::Unavailable {
            problem: Some(crate::health::StorageProblem::ReadOnly),
            message: detail,
        },
        SqlState::IO_ERROR | SqlState::DATA_CORRUPTED => StoreError::Unavailable {
            problem: Some(crate::health::StorageProblem::Failing),
            message: detail,
        },
        SqlState::T_R_SERIALIZATION_FAILURE
        | SqlState::T_R_DEADLOCK_DETECTED
        | SqlState::LOCK_NOT_AVAILABLE
        | SqlState::ADMIN_SHUTDOWN
        | SqlState::CANNOT_CONNECT_NOW
        | SqlState::TOO_MANY_CONNECTIONS => StoreError::Unavailable {
            problem: None,
            message: detail,
        },
        _ => StoreError::Other(detail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes_and_comments() {
        assert_eq!(
            dollar_placeholders("SELECT ?2, '?1', x FROM t WHERE a = ?1 -- why?\nAND b = ?10"),
            "SELECT $2, '?1', x FROM t WHERE a = $1 -- why?\nAND b = $10"
        );
        assert_eq!(
            postgres_sql("FROM items i INDEXED BY items_by_doc\n WHERE i.d = ?1"),
            "FROM items i \n WHERE i.d = $1"
        );
        assert_eq!(
            dollar_placeholders("a = ? AND b LIKE ? ESCAPE '\\'"),
            "a = $1 AND b LIKE $2 ESCAPE '\\'"
        );
    }
}
