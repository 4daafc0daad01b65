//! The verdict on an attempt's GPS fix against the desa of the KTP address.
//!
//! Order of the checks: first whether the fix can be used at all (it is the attempt's own
//! fault, whatever the map says), then whether the map knows the address desa, then the
//! geometry. An address desa with no outline is a verdict of its own, [`PlaceVerdict::UnknownDesa`],
//! rather than an error: the attempt is still recorded, the office just cannot judge it.

use serde::{Deserialize, Serialize};

use super::{PlaceError, PlaceIndex, geometry};
use crate::attempt::GpsFix;
use crate::region::RegionCode;

/// How lenient the verdict is; kept by the office.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawPlacePolicy")]
pub struct PlacePolicy {
    border_tolerance_m: f64,
    max_accuracy_m: f64,
}

#[derive(Deserialize)]
struct RawPlacePolicy {
    border_tolerance_m: f64,
    max_accuracy_m: f64,
}

impl TryFrom<RawPlacePolicy> for PlacePolicy {
    type Error = PlaceError;
    fn try_from(raw: RawPlacePolicy) -> Result<Self, Self::Error> {
        PlacePolicy::new(raw.border_tolerance_m, raw.max_accuracy_m)
    }
}

impl Default for PlacePolicy {
    /// 50 m of border tolerance, because the shipped outlines were simplified by tens of
    /// metres; fixes worse than 100 m say little about which desa the courier stood in.
    fn default() -> Self {
        PlacePolicy {
            border_tolerance_m: 50.0,
            max_accuracy_m: 100.0,
        }
    }
}

impl PlacePolicy {
    pub fn new(border_tolerance_m: f64, max_accuracy_m: f64) -> Result<Self, PlaceError> {
        for (what, found) in [
            ("toleransi batas", border_tolerance_m),
            ("batas akurasi", max_accuracy_m),
        ] {
            if !(found.is_finite() && found >= 0.0) {
                return Err(PlaceError::Policy { what, found });
            }
        }
        Ok(PlacePolicy {
            border_tolerance_m,
            max_accuracy_m,
        })
    }

    /// Metres outside the border still counted as "near", on top of the fix's own accuracy.
    pub fn border_tolerance_m(&self) -> f64 {
        self.border_tolerance_m
    }

    /// The worst accuracy radius a fix may have and still be judged.
    pub fn max_accuracy_m(&self) -> f64 {
        self.max_accuracy_m
    }
}

/// Why a fix cannot be judged.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum UnusableReason {
    NoFix,
    MockLocation,
    Inaccurate { accuracy_m: f64, limit_m: f64 },
}

/// Where the fix is relative to the address desa. Distances are geodesic metres (WGS84).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlaceVerdict {
    /// In the address desa's outline.
    Inside,
    /// Outside, but no farther from its border than the fix's accuracy plus the tolerance.
    Near { distance_m: f64 },
    /// Farther: `found` is the desa the fix is in, `None` outside every outline.
    Elsewhere {
        found: Option<RegionCode>,
        distance_m: f64,
    },
    Unusable {
        #[serde(flatten)]
        reason: UnusableReason,
    },
    /// The address desa has no outline in the index, so nothing can be said.
    UnknownDesa { address_desa: RegionCode },
}

impl PlaceVerdict {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Inside => "inside",
            Self::Near { .. } => "near",
            Self::Elsewhere { .. } => "elsewhere",
            Self::Unusable { .. } => "unusable",
            Self::UnknownDesa { .. } => "unknown_desa",
        }
    }

    /// Whether two verdicts say the same thing; distances may differ in the last digits
    /// between two builds, so only the kind (and the desa found) must match.
    pub fn agrees_with(&self, other: &PlaceVerdict) -> bool {
        match (self, other) {
            (Self::Elsewhere { found: a, .. }, Self::Elsewhere { found: b, .. }) => a == b,
            (a, b) => a.code() == b.code(),
        }
    }

    /// Inside or near: the fix supports the claim that the courier was at the address desa.
    pub fn supports_address(&self) -> bool {
        matches!(self, Self::Inside | Self::Near { .. })
    }
}

impl PlaceIndex {
    /// Judges a fix against the KTP address desa; see the module docs for the order of checks.
    pub fn verdict(
        &self,
        fix: Option<&GpsFix>,
        address_desa: &RegionCode,
        policy: &PlacePolicy,
    ) -> PlaceVerdict {
        let unusable = |reason| PlaceVerdict::Unusable { reason };
        let Some(fix) = fix else {
            return unusable(UnusableReason::NoFix);
        };
        if fix.is_mock() {
            return unusable(UnusableReason::MockLocation);
        }
        if fix.accuracy_m() > policy.max_accuracy_m {
            return unusable(UnusableReason::Inaccurate {
                accuracy_m: fix.accuracy_m(),
                limit_m: policy.max_accuracy_m,
            });
        }
        let unknown = || PlaceVerdict::UnknownDesa {
            address_desa: address_desa.clone(),
        };
        let Some(place) = self.place(address_desa) else {
            return unknown();
        };
        let (lat, lon) = (fix.lat(), fix.lon());
        // A GpsFix is range-checked when built, so this only guards the index's invariants.
        if !geometry::is_valid_lat_lon(lat, lon) {
            return unusable(UnusableReason::NoFix);
        }
        if self.place_contains(place, lon, lat) {
            return PlaceVerdict::Inside;
        }
        // Every stored outline has at least one edge, so there always is a nearest point.
        let Some(distance_m) = self.place_distance_m(place, lon, lat) else {
            return unknown();
        };
        if distance_m <= fix.accuracy_m() + policy.border_tolerance_m {
            PlaceVerdict::Near { distance_m }
        } else {
            PlaceVerdict::Elsewhere {
                found: self.locate(lat, lon).cloned(),
                distance_m,
            }
        }
    }
}
