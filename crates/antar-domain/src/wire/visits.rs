//! What a recording team's phone downloads (added to v1 with the recording teams): the
//! visits its courier is on, each with its target list as the phone may show it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::address::KtpAddress;
use crate::ids::{ManifestId, TargetId, VisitId};
use crate::nik::{Nik, Sex};
use crate::region::RegionCode;
use crate::visit::{PhoneCategory, VisitKind, VisitState};

/// `GET /api/v1/visits`: the visits the device's field officer is on, recent and coming.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct VisitList {
    pub visits: Vec<VisitSummary>,
    pub office_time: DateTime<Utc>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct VisitSummary {
    pub id: VisitId,
    /// The plan's letter number, `470/0001/KELILING/DUKCAPIL/XII/2026`.
    pub number: String,
    pub visit_day: NaiveDate,
    pub kind: VisitKind,
    pub venue: String,
    pub desa: RegionCode,
    pub desa_name: String,
    pub kecamatan_name: String,
    pub state: VisitState,
    pub target_count: u32,
}

/// `GET /api/v1/visits/{id}`: one visit with its target list. A cancelled visit comes
/// without its list.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct VisitSheet {
    pub visit: VisitSummary,
    pub note: Option<String>,
    /// The team's names, so a member knows who else records.
    pub team: Vec<String>,
    pub targets: Vec<TargetCard>,
    /// The visit's BAs of printed documents to hand over there, downloaded like any BA
    /// (`GET /manifests/{id}`). Added with the visits' BAs; older offices omit it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manifests: Vec<ManifestId>,
}

/// A person on the list as the phone gets it: no health category, no note about health, no
/// phone number.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetCard {
    pub id: TargetId,
    pub nik: Nik,
    pub name: String,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub address: KtpAddress,
    pub category: PhoneCategory,
    /// The list's KETERANGAN, only for categories that are not about health.
    pub note: Option<String>,
}

impl std::fmt::Debug for TargetCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetCard")
            .field("id", &self.id)
            .field("nik", &self.nik.masked())
            .field("category", &self.category)
            .finish_non_exhaustive()
    }
}
