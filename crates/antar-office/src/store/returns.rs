//! A BA Pengembalian: its header and its lines. Kept by any engine; SQLite's queries are in
//! `sqlite::returns`.

/// A return report's header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnInfo {
    pub id: String,
    pub number: String,
    pub issued_on: String,
    pub issued_by: String,
    pub manifest_id: String,
    pub manifest_number: String,
    pub courier_name: String,
    pub item_count: u64,
}

/// One returned document on the printed return report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReturnLine {
    pub(crate) line: u32,
    pub(crate) ba_line: u32,
    pub(crate) name: String,
    pub(crate) nik: String,
    pub(crate) document_type: String,
    pub(crate) desa_name: String,
    pub(crate) kecamatan_name: String,
    /// The last failure reason the courier recorded, as a code.
    pub(crate) reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReturnManifest {
    pub(crate) info: ReturnInfo,
    pub(crate) lines: Vec<ReturnLine>,
}
