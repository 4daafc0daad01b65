//! One document's whole story for the staff page that answers "where is my KTP?": its row, every
//! BA it was on, every attempt with its proof and reviews, the follow-up log and its returns.
//! Kept by any engine; SQLite's queries are in `sqlite::document_history`.

use super::{DocumentId, FollowUpEntry, ProofRow};

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DocumentHistory {
    pub(crate) document: DocumentFacts,
    /// The document's current state (its latest item's, or `not_dispatched`).
    pub(crate) state: String,
    /// Oldest first.
    pub(crate) items: Vec<ItemOnBa>,
    /// Oldest first, as the office received them.
    pub(crate) attempts: Vec<AttemptEntry>,
    /// Newest first.
    pub(crate) followups: Vec<FollowUpEntry>,
    /// Oldest first.
    pub(crate) returns: Vec<ReturnEntry>,
}

/// The document as imported. The NIK is masked here: the page is for finding, not copying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DocumentFacts {
    pub(crate) id: DocumentId,
    pub(crate) nik_masked: String,
    pub(crate) name: String,
    pub(crate) document_type: String,
    pub(crate) printed_on: String,
    pub(crate) imported_at: String,
    /// The street line printed on the KTP.
    pub(crate) alamat: String,
    pub(crate) rt: i64,
    pub(crate) rw: i64,
    pub(crate) desa_name: String,
    pub(crate) kecamatan_name: String,
    pub(crate) phone: Option<String>,
}

/// One line of a BA the document was on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ItemOnBa {
    pub(crate) manifest_id: String,
    pub(crate) ba_number: String,
    pub(crate) line: u32,
    pub(crate) issued_on: String,
    pub(crate) courier: String,
    pub(crate) state: String,
    pub(crate) delivered_at: Option<String>,
}

/// An attempt with every review of it, newest review first.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AttemptEntry {
    pub(crate) proof: ProofRow,
    pub(crate) received_at: String,
    pub(crate) reviews: Vec<ReviewEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReviewEntry {
    pub(crate) verdict: String,
    pub(crate) note: Option<String>,
    pub(crate) reviewer: String,
    pub(crate) at: String,
}

/// A BA Pengembalian that brought the document back to the office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReturnEntry {
    pub(crate) return_id: String,
    pub(crate) number: String,
    pub(crate) issued_on: String,
    pub(crate) ba_number: String,
}
