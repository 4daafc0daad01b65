//! Proof review's records: the verdict, the list row, one proof in full with the office's checks.
//! Kept by any engine; SQLite's queries are in `sqlite::review`.

use antar_domain::custody::{ChainVerdict, TimeVerdict};
use antar_domain::findings::Finding;
use antar_domain::place::PlaceVerdict;

use super::ProofNumber;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    Flagged,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Flagged => "flagged",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "accepted" => Some(Self::Accepted),
            "flagged" => Some(Self::Flagged),
            _ => None,
        }
    }
}

/// One attempt in the review list (no names: the list is for picking, the detail shows more).
#[derive(Clone, Debug, PartialEq)]
pub struct ProofRow {
    pub office_seq: ProofNumber,
    pub ba_number: String,
    pub line: u32,
    pub kecamatan_name: String,
    pub desa_name: String,
    pub courier_name: String,
    pub outcome: String,
    pub reason: Option<String>,
    pub recorded_at: String,
    pub accuracy_m: Option<f64>,
    pub mock: Option<bool>,
    pub has_photo: bool,
    pub verdict: Option<String>,
    /// The office's findings (`antar_domain::findings`); `None` when it made no checks (data
    /// written by other means than ingest).
    pub findings: Option<Vec<Finding>>,
}

impl ProofRow {
    /// Checked, and nothing found: may be approved with others in one action.
    pub fn is_clean(&self) -> bool {
        self.findings.as_ref().is_some_and(Vec::is_empty)
    }
}

/// In what order the review list shows proofs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProofOrder {
    #[default]
    Newest,
    /// Most findings first, then newest: the clean ones gather at the end.
    FindingsFirst,
}

/// Everything the review page shows about one attempt.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ProofDetail {
    pub(crate) row: ProofRow,
    pub(crate) item_id: String,
    pub(crate) item_state: String,
    pub(crate) owner_name: String,
    pub(crate) nik: String,
    pub(crate) document_type: String,
    pub(crate) desa: String,
    pub(crate) alamat_rt_rw: String,
    /// A family member's or an official's name (by the outcome).
    pub(crate) recipient: Option<String>,
    pub(crate) relationship: Option<String>,
    /// The official's `OfficialPosition` code, for a card left with one (migration 0020).
    pub(crate) official_position: Option<String>,
    pub(crate) reason_note: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) lat: Option<f64>,
    pub(crate) lon: Option<f64>,
    pub(crate) photo_sha256: Option<String>,
    pub(crate) photo_complete: bool,
    pub(crate) received_at: String,
    pub(crate) warning: Option<String>,
    /// (verdict, note, reviewer, at), newest first.
    pub(crate) reviews: Vec<(String, Option<String>, String, String)>,
    /// Whether this is the item's latest attempt (only that one can reopen the item).
    pub(crate) is_latest: bool,
    /// The office's own checks made when the event arrived (see `store::custody`); `None`
    /// only for data written by other means (the benchmark's, an import of old records).
    pub(crate) checks: Option<OfficeChecks>,
}

/// The office's verdicts on one attempt, beside what the device claimed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct OfficeChecks {
    pub(crate) place_office: PlaceVerdict,
    pub(crate) place_device: Option<PlaceVerdict>,
    pub(crate) place_agrees: Option<bool>,
    pub(crate) time: TimeVerdict,
    pub(crate) chain: ChainVerdict,
    pub(crate) manifest_bound: bool,
    /// `None` until the photo is whole; then "ok" or why it is not a proof photo.
    pub(crate) photo_proof_check: Option<String>,
}
