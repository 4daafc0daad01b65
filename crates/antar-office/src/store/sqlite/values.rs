//! How values are written into and read out of the office's rows: timestamps as sortable
//! RFC 3339 text, codes and verdicts as serde text or JSON, counts as unsigned numbers.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::store::{ContactId, DocumentId, ProofNumber, StaffId, StoreError, StoreResult};

/// The office's typed row ids are the tables' integer keys.
macro_rules! integer_key {
    ($($name:ident),*) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.get()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map(Self::new)
            }
        }
    )*};
}

integer_key!(DocumentId, ContactId, StaffId, ProofNumber);

/// Timestamps are stored as RFC 3339 UTC with milliseconds: sortable as text.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_timestamp(s: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::corrupt(format!("waktu {s:?}: {e}")))
}

/// Parses an id or other value read back from the database; failure means the file was
/// edited by hand or is damaged.
pub(crate) fn parse_stored<T: std::str::FromStr>(s: &str, what: &str) -> StoreResult<T>
where
    T::Err: std::fmt::Display,
{
    s.parse()
        .map_err(|e| StoreError::corrupt(format!("{what} {s:?}: {e}")))
}

/// Reads a count or size; SQLite integers are signed and never negative here.
pub(crate) fn get_u64(row: &crate::store::db::Row<'_>, index: usize) -> rusqlite::Result<u64> {
    row.get::<i64>(index).map(|n| u64::try_from(n).unwrap_or(0))
}

/// The text form of a value whose serde form is a string (codes, numbers kept as text).
pub(crate) fn serde_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A verdict's JSON text for a `*_json` column. The verdicts are internally tagged enums, so
/// always JSON objects: this is the JSON [`serde_text`] gives (keys in declaration order
/// instead of sorted; readers parse it, so rows written either way read alike), without
/// building a `serde_json::Value` first (that detour was half the cost of storing an attempt).
pub(crate) fn json_text<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::corrupt(format!("JSON: {e}")))
}

/// The inverse of [`serde_text`].
pub(crate) fn from_serde_text<T: serde::de::DeserializeOwned>(
    s: &str,
    what: &str,
) -> StoreResult<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|e| StoreError::corrupt(format!("{what}: {e}")))
}

/// A value stored as JSON text (verdicts with their details).
pub(crate) fn from_json_text<T: serde::de::DeserializeOwned>(
    s: &str,
    what: &str,
) -> StoreResult<T> {
    serde_json::from_str(s).map_err(|e| StoreError::corrupt(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_ids_read_back_from_the_database() {
        let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        let back: ProofNumber = conn
            .query_row("SELECT ?1", [ProofNumber::new(7)], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, ProofNumber::new(7));
        let staff: StaffId = conn
            .query_row("SELECT 3", (), |r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(staff.get(), 3);
    }

    #[test]
    fn json_text_reads_back_like_serde_text_for_verdicts() {
        use antar_domain::custody::{ChainVerdict, TimeVerdict};
        use antar_domain::place::{PlaceVerdict, UnusableReason};
        fn same<T>(value: &T)
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            let new: T = from_json_text(&json_text(value).unwrap(), "baru").unwrap();
            let old: T = from_json_text(&serde_text(value), "lama").unwrap();
            assert_eq!(&new, value);
            assert_eq!(old, new);
        }
        let at = Utc::now();
        same(&ChainVerdict::Genesis);
        same(&TimeVerdict::Consistent {
            earliest: at,
            latest: at,
        });
        same(&PlaceVerdict::Inside);
        same(&PlaceVerdict::Unusable {
            reason: UnusableReason::NoFix,
        });
    }
}
