//! The office's findings on one proof: what a reviewer should look at before approving it. A
//! proof without findings is *clean* and may be approved with others in one action.
//!
//! The store orders a long review queue by how many findings each proof has without reading
//! every row's JSON; it does so from the codes below, which the tests tie to [`findings`].

use serde::{Deserialize, Serialize};

use crate::custody::{ChainVerdict, TimeVerdict};
use crate::place::{PlaceVerdict, UnusableReason};
use crate::region::RegionCode;

/// One thing the office's own checks found wrong with a proof.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum Finding {
    /// The fix lies farther from the address desa than its accuracy allows: in `found`, or in
    /// no desa of the index.
    OtherDesa {
        found: Option<RegionCode>,
        distance_m: f64,
    },
    NoFix,
    MockLocation,
    Inaccurate {
        accuracy_m: f64,
        limit_m: f64,
    },
    /// The phone's own place check said something else than the office's.
    PhoneDisagrees,
    /// The recording time lies outside the window in which it could have happened.
    TimeOutsideWindow,
    /// An earlier event of the phone is missing, or the chain was altered.
    ChainGap,
    /// The proof does not name the BA as the office issued it.
    NotBoundToBa,
    /// The photo arrived but is not a usable proof photo (its check's reason).
    PhotoNotProof {
        reason: String,
    },
}

/// What the office stored about a proof when it arrived.
#[derive(Clone, Copy, Debug)]
pub struct ProofChecks<'a> {
    pub place: &'a PlaceVerdict,
    /// `Some(false)` when the phone's place check disagreed with the office's.
    pub place_agrees: Option<bool>,
    pub time: &'a TimeVerdict,
    pub chain: &'a ChainVerdict,
    pub manifest_bound: bool,
    /// `None` until the photo is whole; then "ok" or why it is not a proof photo.
    pub photo_check: Option<&'a str>,
}

/// Place verdict kinds that are findings ([`PlaceVerdict::code`]); the rest support the address
/// or cannot say (a desa without an outline).
pub const PLACE_FINDING_CODES: &[&str] = &["elsewhere", "unusable"];
/// [`TimeVerdict::code`]s that are findings.
pub const TIME_FINDING_CODES: &[&str] = &["outside_window", "after_receipt"];
/// [`ChainVerdict::code`]s that are findings.
pub const CHAIN_FINDING_CODES: &[&str] = &["missing", "broken"];

/// The findings on one proof, in the order a reviewer reads them: place, time, chain, BA, photo.
pub fn findings(checks: &ProofChecks<'_>) -> Vec<Finding> {
    let mut found = Vec::new();
    match checks.place {
        PlaceVerdict::Elsewhere {
            found: desa,
            distance_m,
        } => found.push(Finding::OtherDesa {
            found: desa.clone(),
            distance_m: *distance_m,
        }),
        PlaceVerdict::Unusable { reason } => found.push(match reason {
            UnusableReason::NoFix => Finding::NoFix,
            UnusableReason::MockLocation => Finding::MockLocation,
            UnusableReason::Inaccurate {
                accuracy_m,
                limit_m,
            } => Finding::Inaccurate {
                accuracy_m: *accuracy_m,
                limit_m: *limit_m,
            },
        }),
        PlaceVerdict::Inside | PlaceVerdict::Near { .. } | PlaceVerdict::UnknownDesa { .. } => {}
    }
    if checks.place_agrees == Some(false) {
        found.push(Finding::PhoneDisagrees);
    }
    if checks.time.is_flagged() {
        found.push(Finding::TimeOutsideWindow);
    }
    if checks.chain.is_flagged() {
        found.push(Finding::ChainGap);
    }
    if !checks.manifest_bound {
        found.push(Finding::NotBoundToBa);
    }
    if let Some(reason) = checks.photo_check.filter(|c| *c != "ok") {
        found.push(Finding::PhotoNotProof {
            reason: reason.to_owned(),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn places() -> Vec<PlaceVerdict> {
        let desa = RegionCode::parse("18.06.01.2019").unwrap();
        vec![
            PlaceVerdict::Inside,
            PlaceVerdict::Near { distance_m: 40.0 },
            PlaceVerdict::Elsewhere {
                found: Some(desa.clone()),
                distance_m: 1_200.0,
            },
            PlaceVerdict::Unusable {
                reason: UnusableReason::NoFix,
            },
            PlaceVerdict::Unusable {
                reason: UnusableReason::MockLocation,
            },
            PlaceVerdict::Unusable {
                reason: UnusableReason::Inaccurate {
                    accuracy_m: 300.0,
                    limit_m: 100.0,
                },
            },
            PlaceVerdict::UnknownDesa { address_desa: desa },
        ]
    }

    fn times() -> Vec<TimeVerdict> {
        let t = Utc::now();
        vec![
            TimeVerdict::Consistent {
                earliest: t,
                latest: t,
            },
            TimeVerdict::OutsideWindow {
                claimed: t,
                earliest: t,
                latest: t,
            },
            TimeVerdict::Unanchored { latest: t },
            TimeVerdict::AfterReceipt {
                claimed: t,
                latest: t,
            },
        ]
    }

    fn chains() -> Vec<ChainVerdict> {
        vec![
            ChainVerdict::Genesis,
            ChainVerdict::Linked,
            ChainVerdict::Missing { previous_seq: 3 },
            ChainVerdict::Broken,
        ]
    }

    fn clean<'a>(
        place: &'a PlaceVerdict,
        time: &'a TimeVerdict,
        chain: &'a ChainVerdict,
    ) -> ProofChecks<'a> {
        ProofChecks {
            place,
            place_agrees: Some(true),
            time,
            chain,
            manifest_bound: true,
            photo_check: Some("ok"),
        }
    }

    /// The codes the store orders by say exactly what `findings` says, verdict by verdict.
    #[test]
    fn the_finding_codes_agree_with_the_findings() {
        let (time, chain) = (&times()[0], &chains()[1]);
        for place in &places() {
            let found = !findings(&clean(place, time, chain)).is_empty();
            assert_eq!(
                found,
                PLACE_FINDING_CODES.contains(&place.code()),
                "{place:?}"
            );
        }
        let place = &PlaceVerdict::Inside;
        for time in &times() {
            let found = !findings(&clean(place, time, chain)).is_empty();
            assert_eq!(found, TIME_FINDING_CODES.contains(&time.code()), "{time:?}");
        }
        for chain in &chains() {
            let found = !findings(&clean(place, time, chain)).is_empty();
            assert_eq!(
                found,
                CHAIN_FINDING_CODES.contains(&chain.code()),
                "{chain:?}"
            );
        }
    }

    #[test]
    fn a_proof_can_have_several_findings_in_reading_order() {
        let places = places();
        let (times, chains) = (times(), chains());
        let checks = ProofChecks {
            place: &places[2],
            place_agrees: Some(false),
            time: &times[1],
            chain: &chains[2],
            manifest_bound: false,
            photo_check: Some("bukan_jpeg"),
        };
        let found = findings(&checks);
        assert_eq!(found.len(), 6);
        assert!(matches!(found[0], Finding::OtherDesa { .. }));
        assert_eq!(
            found[1..5],
            [
                Finding::PhoneDisagrees,
                Finding::TimeOutsideWindow,
                Finding::ChainGap,
                Finding::NotBoundToBa
            ]
        );
        assert_eq!(
            found[5],
            Finding::PhotoNotProof {
                reason: "bukan_jpeg".to_owned()
            }
        );
        // A photo still on its way is not a finding yet.
        let waiting = ProofChecks {
            photo_check: None,
            ..clean(&places[0], &times[0], &chains[0])
        };
        assert!(findings(&waiting).is_empty());
    }
}
