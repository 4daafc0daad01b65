//! The office's own row ids, typed, so that a document's id cannot be passed where a contact's
//! or a proof's number is meant. They are the database's integer keys, shown in links, lists
//! and the command line.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            pub fn new(raw: i64) -> Self {
                Self(raw)
            }

            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map(Self)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map(Self)
            }
        }
    };
}

row_id!(
    /// A printed document.
    DocumentId
);
row_id!(
    /// An official of a desa the office contacts.
    ContactId
);
row_id!(
    /// A staff account.
    StaffId
);
row_id!(
    /// A stored attempt's number, in the order the office received it: what a reviewer names.
    ProofNumber
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_from_text_and_from_the_database() {
        assert_eq!("42".parse::<DocumentId>(), Ok(DocumentId::new(42)));
        assert!("4x".parse::<ContactId>().is_err());
        let conn = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        let back: ProofNumber = conn
            .query_row("SELECT ?1", [ProofNumber::new(7)], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.to_string(), "7");
    }
}
