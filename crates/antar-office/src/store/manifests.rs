//! What a BA Pengiriman is issued from, and its header with counts. Kept by any engine; SQLite's
//! queries are in `sqlite::manifests`.

use antar_domain::ids::{CourierId, ManifestId};
use antar_domain::manifest::{BaNumber, CourierRef};
use antar_domain::region::RegionCode;
use chrono::NaiveDate;

use super::report::StateCounts;

/// What staff ask for when issuing a BA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestRequest {
    pub courier: CourierId,
    /// The officer who signs the BA.
    pub officer: String,
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
}
