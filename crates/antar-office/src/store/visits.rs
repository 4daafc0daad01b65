//! The recording teams' visits as the office keeps them: the plan, its team and its target
//! list. Kept by any engine; SQLite's queries are in `sqlite::visits`.

use antar_domain::ids::{CourierId, TargetId, VisitId};
use antar_domain::region::RegionCode;
use antar_domain::visit::{Target, TargetCategory, VisitKind, VisitState};
use chrono::{DateTime, NaiveDate, Utc};

/// What staff plan: the day, the place, the team.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitPlan {
    pub day: NaiveDate,
    pub kind: VisitKind,
    pub venue: String,
    /// The desa's code (a registered desa of Tanggamus).
    pub desa: RegionCode,
    /// One or more field officers (couriers' ids).
    pub team: Vec<CourierId>,
    pub note: Option<String>,
}

/// A visit as staff see it in lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitInfo {
    pub id: VisitId,
    pub number: String,
    pub plan: VisitPlan,
    pub desa_name: String,
    pub kecamatan: RegionCode,
    pub kecamatan_name: String,
    pub state: VisitState,
    pub cancel_reason: Option<String>,
    pub planned_by: String,
    /// The team's names, in the plan's order.
    pub team_names: Vec<String>,
    /// People on the target list (not removed).
    pub targets: u32,
    pub created_at: DateTime<Utc>,
}

/// Which visits a list shows; every field narrows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisitFilter {
    /// Visits on days of this month (year, month).
    pub month: Option<(i32, u32)>,
    pub kecamatan: Option<RegionCode>,
    /// Visits this field officer is on.
    pub member: Option<CourierId>,
}

/// One person on a visit's list as the office shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetRow {
    pub id: TargetId,
    pub nik: String,
    pub name: String,
    pub category: TargetCategory,
    pub desa_name: String,
    pub note: Option<String>,
    /// The row of the file it was imported from.
    pub source_row: Option<u32>,
}

/// A target to store, with the file row it came from.
#[derive(Clone, Debug)]
pub(crate) struct NewTarget {
    pub(crate) id: TargetId,
    pub(crate) target: Target,
    pub(crate) source_row: usize,
}
