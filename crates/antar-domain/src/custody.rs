//! Chain of custody and time: each device's events form a hash chain, and every event says
//! how long after the device last heard the office's clock it was recorded. The office uses
//! both to flag a missing, altered or reordered event and a claimed time that cannot be true.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::Sha256Hash;

/// The device's last contact with the office's clock, and the time elapsed since then on a
/// clock the user cannot set (Android's elapsed-since-boot).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SinceContact {
    pub office_time: DateTime<Utc>,
    pub elapsed_ms: u64,
}

/// How strict the office is about time.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct TimePolicy {
    /// How late the device may have read the office's time (a slow 2G round trip).
    pub contact_latency: Duration,
    /// How far a phone's monotonic clock may drift, in parts per million of the elapsed time.
    pub drift_ppm: u32,
    /// Slack on both ends of the window: clocks are not instants.
    pub tolerance: Duration,
}

impl Default for TimePolicy {
    fn default() -> Self {
        Self {
            contact_latency: Duration::seconds(90),
            drift_ppm: 500,
            tolerance: Duration::minutes(2),
        }
    }
}

/// What the office concludes about an event's claimed time.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "time", rename_all = "snake_case")]
pub enum TimeVerdict {
    /// The claimed time lies in the window in which the event really happened.
    Consistent {
        earliest: DateTime<Utc>,
        latest: DateTime<Utc>,
    },
    /// The claimed time lies outside that window: the phone's clock was wrong or moved.
    OutsideWindow {
        claimed: DateTime<Utc>,
        earliest: DateTime<Utc>,
        latest: DateTime<Utc>,
    },
    /// The device had no usable contact (first use, or rebooted since): only "not after
    /// the office received it" can be checked, and it holds.
    Unanchored { latest: DateTime<Utc> },
    /// No contact to anchor on, and the claimed time is after the office received it.
    AfterReceipt {
        claimed: DateTime<Utc>,
        latest: DateTime<Utc>,
    },
}

impl TimeVerdict {
    pub fn is_flagged(&self) -> bool {
        matches!(self, Self::OutsideWindow { .. } | Self::AfterReceipt { .. })
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Consistent { .. } => "consistent",
            Self::OutsideWindow { .. } => "outside_window",
            Self::Unanchored { .. } => "unanchored",
            Self::AfterReceipt { .. } => "after_receipt",
        }
    }
}

const MAX_ELAPSED_MS: u64 = 10 * 366 * 24 * 3600 * 1000;

/// The window in which an event recorded `since` after a contact really happened, bounded
/// above by when the office received it; and whether `claimed` lies in it.
pub fn time_verdict(
    claimed: DateTime<Utc>,
    since: Option<&SinceContact>,
    received_at: DateTime<Utc>,
    policy: &TimePolicy,
) -> TimeVerdict {
    let latest_possible = received_at + policy.tolerance;
    let Some(since) = since else {
        return if claimed > latest_possible {
            TimeVerdict::AfterReceipt {
                claimed,
                latest: received_at,
            }
        } else {
            TimeVerdict::Unanchored {
                latest: received_at,
            }
        };
    };
    // Capped so date arithmetic cannot overflow; a decade between contacts is absurd anyway.
    let elapsed_ms = i64::try_from(since.elapsed_ms.min(MAX_ELAPSED_MS)).unwrap_or(0);
    let elapsed = Duration::milliseconds(elapsed_ms);
    let drift = Duration::milliseconds(elapsed_ms / 1_000_000 * i64::from(policy.drift_ppm));
    let middle = since.office_time + elapsed;
    let earliest = middle - drift - policy.tolerance;
    let latest = (middle + policy.contact_latency + drift + policy.tolerance).min(latest_possible);
    if earliest <= claimed && claimed <= latest {
        TimeVerdict::Consistent { earliest, latest }
    } else {
        TimeVerdict::OutsideWindow {
            claimed,
            earliest,
            latest,
        }
    }
}

/// Where an event stands in its device's chain, as far as the office can tell.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "chain", rename_all = "snake_case")]
pub enum ChainVerdict {
    /// The first event of the device, naming no predecessor.
    Genesis,
    /// Names exactly the hash of the device's previous event.
    Linked,
    /// The previous event has not arrived: deleted on the phone, or still on its way.
    Missing { previous_seq: u64 },
    /// Names another hash than the previous event's: one of them was altered or reordered.
    Broken,
}

impl ChainVerdict {
    pub fn is_flagged(&self) -> bool {
        matches!(self, Self::Missing { .. } | Self::Broken)
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Genesis => "genesis",
            Self::Linked => "linked",
            Self::Missing { .. } => "missing",
            Self::Broken => "broken",
        }
    }
}

/// Checks an event's link to its predecessor. `previous` is the hash of the device's event
/// with `seq - 1`, if the office holds it.
pub fn chain_verdict(
    seq: u64,
    named_previous: Option<&Sha256Hash>,
    previous: Option<&Sha256Hash>,
) -> ChainVerdict {
    match (seq, named_previous, previous) {
        (1, None, _) => ChainVerdict::Genesis,
        (1, Some(_), _) | (_, None, _) => ChainVerdict::Broken,
        (_, Some(named), Some(held)) if named == held => ChainVerdict::Linked,
        (_, Some(_), Some(_)) => ChainVerdict::Broken,
        (seq, Some(_), None) => ChainVerdict::Missing {
            previous_seq: seq - 1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_claim_matching_the_elapsed_time_is_consistent() {
        let since = SinceContact {
            office_time: at("2026-11-20T01:00:00Z"),
            elapsed_ms: 3 * 3600 * 1000,
        };
        let verdict = time_verdict(
            at("2026-11-20T04:00:30Z"),
            Some(&since),
            at("2026-11-22T08:00:00Z"),
            &TimePolicy::default(),
        );
        assert!(
            matches!(verdict, TimeVerdict::Consistent { .. }),
            "{verdict:?}"
        );
    }

    #[test]
    fn a_phone_clock_set_back_a_day_is_flagged() {
        let since = SinceContact {
            office_time: at("2026-11-20T01:00:00Z"),
            elapsed_ms: 3 * 3600 * 1000,
        };
        let verdict = time_verdict(
            at("2026-11-19T04:00:00Z"),
            Some(&since),
            at("2026-11-22T08:00:00Z"),
            &TimePolicy::default(),
        );
        assert!(verdict.is_flagged());
        assert_eq!(verdict.code(), "outside_window");
    }

    #[test]
    fn the_window_never_reaches_past_the_receipt() {
        let since = SinceContact {
            office_time: at("2026-11-20T01:00:00Z"),
            elapsed_ms: 10 * 3600 * 1000,
        };
        // Elapsed says 11:00, but the office got it at 05:00: the claim of 11:00 is impossible.
        let verdict = time_verdict(
            at("2026-11-20T11:00:00Z"),
            Some(&since),
            at("2026-11-20T05:00:00Z"),
            &TimePolicy::default(),
        );
        assert!(verdict.is_flagged());
    }

    #[test]
    fn without_contact_only_the_receipt_bounds_the_claim() {
        let received = at("2026-11-20T05:00:00Z");
        let policy = TimePolicy::default();
        let before = time_verdict(at("2026-11-01T00:00:00Z"), None, received, &policy);
        assert_eq!(before.code(), "unanchored");
        assert!(!before.is_flagged());
        let after = time_verdict(at("2026-11-21T00:00:00Z"), None, received, &policy);
        assert_eq!(after.code(), "after_receipt");
    }

    #[test]
    fn absurd_elapsed_times_do_not_overflow() {
        let since = SinceContact {
            office_time: at("2026-11-20T01:00:00Z"),
            elapsed_ms: u64::MAX,
        };
        let verdict = time_verdict(
            at("2026-11-20T02:00:00Z"),
            Some(&since),
            at("2026-11-20T05:00:00Z"),
            &TimePolicy::default(),
        );
        assert!(verdict.is_flagged());
    }

    #[test]
    fn chain_links_gaps_and_breaks() {
        let a = Sha256Hash::of(b"a");
        let b = Sha256Hash::of(b"b");
        assert_eq!(chain_verdict(1, None, None), ChainVerdict::Genesis);
        assert_eq!(chain_verdict(1, Some(&a), None), ChainVerdict::Broken);
        assert_eq!(chain_verdict(2, Some(&a), Some(&a)), ChainVerdict::Linked);
        assert_eq!(chain_verdict(2, Some(&a), Some(&b)), ChainVerdict::Broken);
        assert_eq!(chain_verdict(2, None, Some(&a)), ChainVerdict::Broken);
        assert_eq!(
            chain_verdict(5, Some(&a), None),
            ChainVerdict::Missing { previous_seq: 4 }
        );
    }
}
