//! The aparat pekon the office may contact about a desa's documents. Kept by any engine; SQLite's
//! queries are in `sqlite::contacts`.

use super::ContactId;

/// An official of a desa the office contacts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Contact {
    pub(crate) id: ContactId,
    pub(crate) desa: String,
    pub(crate) name: String,
    pub(crate) role: String,
    pub(crate) phone: Option<String>,
    pub(crate) email: Option<String>,
}
