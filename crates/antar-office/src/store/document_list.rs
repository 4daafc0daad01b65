//! The staff's document list: its filter, its rows, and the counts per desa. Kept by any engine;
//! SQLite's queries are in `sqlite::document_list`.

use chrono::NaiveDate;

/// What the documents page filters on; `None` means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocumentFilter {
    pub(crate) kecamatan: Option<String>,
    pub(crate) desa: Option<String>,
    /// An item state code or `not_dispatched`.
    pub(crate) state: Option<String>,
    /// A document type code (`KTP-el`, `KK`, …).
    pub(crate) document_type: Option<String>,
    /// Only documents printed on or before this day (i.e. at least N days old).
    pub(crate) printed_until: Option<NaiveDate>,
}

/// One line of the list. The full NIK never leaves the store for lists: masked here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocumentRow {
    pub(crate) id: i64,
    pub(crate) nik_masked: String,
    pub(crate) name: String,
    pub(crate) kecamatan_name: String,
    pub(crate) desa_name: String,
    pub(crate) rt: i64,
    pub(crate) rw: i64,
    pub(crate) document_type: String,
    pub(crate) printed_on: String,
    pub(crate) state: String,
    /// Delivered by leaving it with a village official or the RT head (issue 17).
    pub(crate) left_with_official: bool,
}

/// Documents counted per place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlaceCount {
    pub(crate) kecamatan: String,
    pub(crate) kecamatan_name: String,
    pub(crate) desa: String,
    pub(crate) desa_name: String,
    pub(crate) count: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocumentPage {
    pub(crate) rows: Vec<DocumentRow>,
    /// How many documents match the filter in all.
    pub(crate) total: u64,
    /// Per desa (in code order), for the counts table.
    pub(crate) places: Vec<PlaceCount>,
}
