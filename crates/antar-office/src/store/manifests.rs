//! What a BA Pengiriman is issued from, and its header with counts. Kept by any engine; SQLite's
//! queries are in `sqlite::manifests`.

use antar_domain::ids::{CourierId, ManifestId};
use antar_domain::manifest::{BaNumber, CourierRef};
use antar_domain::nip::Nip;
use antar_domain::region::RegionCode;
use chrono::{DateTime, NaiveDate, Utc};

use super::report::StateCounts;

/// What staff ask for when issuing a BA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestRequest {
    pub courier: CourierId,
    /// The officer who signs the BA.
    pub officer: String,
    /// Their NIP: the SOP issues no BA without it.
    pub officer_nip: Nip,
    /// Whole kecamatan to include.
    pub kecamatan: Vec<RegionCode>,
    /// Single desa to include (in addition to the kecamatan).
    pub desa: Vec<RegionCode>,
    pub issued_on: NaiveDate,
}

/// Which BAs a list takes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ManifestScope {
    All,
    /// A courier's own, and those of the visits they are on.
    Courier(antar_domain::ids::CourierId),
    /// A visit's own.
    Visit(antar_domain::ids::VisitId),
}

/// A manifest's header with its counts, for lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestInfo {
    pub id: ManifestId,
    pub number: BaNumber,
    pub issued_on: NaiveDate,
    pub issued_by: String,
    pub courier: CourierRef,
    pub item_count: u32,
    pub counts: StateCounts,
    /// Names of the kecamatan its items lie in, in code order.
    pub kecamatan: Vec<String>,
    pub count: CountState,
    /// Cancelled before the courier confirmed it (`antar_domain::ba_cancel`).
    pub cancelled: bool,
}

/// Who cancelled a BA, when (RFC 3339) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cancellation {
    pub(crate) at: String,
    pub(crate) by: String,
    pub(crate) reason: String,
}

/// Where a BA stands with the courier's count at handover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountState {
    /// Issued before counts existed, or a visit's BA: no count is asked.
    NotAsked,
    /// The courier has not counted it yet (or the count has not reached the office).
    Waiting,
    /// Counted with every document in the bundle.
    Complete,
    /// Counted with this many documents missing.
    Short(u32),
}

/// The courier's count of one BA, as the office received it.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoverCountInfo {
    pub counted: u32,
    /// The BA's lines that were not in the bundle.
    pub missing_lines: Vec<u32>,
    pub counted_at: DateTime<Utc>,
    pub courier_name: String,
    /// Where it was counted (latitude, longitude), when the phone had a fix.
    pub place: Option<(f64, f64)>,
}
