//! Which enrolled phones the office still lets in: a phone staff revoke (lost, replaced, its
//! courier gone) reads nothing more at once, but may still send what it recorded before for a
//! grace period, so proof of deliveries already made is not stranded on it.

use chrono::{DateTime, Duration, Utc};

/// How long a revoked phone may still upload events and photos recorded before the revoke.
/// Three days covers a courier out of signal over a weekend; staff can end it sooner.
pub const REVOKED_UPLOAD_GRACE_DAYS: i64 = 3;

/// How long a new enrollment code can be used: a week for the courier to get to the phone.
pub const ENROLLMENT_CODE_VALID_DAYS: i64 = 7;

/// Until when a phone revoked at `revoked_at` may upload: the grace, or not a moment more.
pub fn uploads_until(revoked_at: DateTime<Utc>, with_grace: bool) -> DateTime<Utc> {
    if with_grace {
        revoked_at + Duration::days(REVOKED_UPLOAD_GRACE_DAYS)
    } else {
        revoked_at
    }
}

/// What a device's token still opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceAccess {
    /// Enrolled and not revoked: reads manifests, uploads.
    Active,
    /// Revoked at `revoked_at`; uploads are taken until `uploads_until`.
    Revoked {
        revoked_at: DateTime<Utc>,
        uploads_until: DateTime<Utc>,
    },
}

impl DeviceAccess {
    /// The access of a phone revoked at `now`; `with_grace` false closes uploads at once too
    /// (a stolen phone should send nothing more).
    pub fn revoked(now: DateTime<Utc>, with_grace: bool) -> Self {
        Self::Revoked {
            revoked_at: now,
            uploads_until: uploads_until(now, with_grace),
        }
    }

    /// Whether the phone may read manifests (the personal data of every citizen on its BA).
    pub fn may_read(self) -> bool {
        matches!(self, Self::Active)
    }

    /// Whether the phone may send events and photos at `now`.
    pub fn may_upload(self, now: DateTime<Utc>) -> bool {
        match self {
            Self::Active => true,
            Self::Revoked { uploads_until, .. } => now < uploads_until,
        }
    }

    /// The same revoke with its grace ended at `now` (no-op when already over or active).
    pub fn uploads_ended(self, now: DateTime<Utc>) -> Self {
        match self {
            Self::Revoked {
                revoked_at,
                uploads_until,
            } => Self::Revoked {
                revoked_at,
                uploads_until: uploads_until.min(now),
            },
            Self::Active => Self::Active,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revoked_phone_reads_nothing_and_uploads_only_during_its_grace() {
        let now = Utc::now();
        assert!(DeviceAccess::Active.may_read());
        assert!(DeviceAccess::Active.may_upload(now));

        let revoked = DeviceAccess::revoked(now, true);
        assert!(!revoked.may_read());
        assert!(revoked.may_upload(now + Duration::days(REVOKED_UPLOAD_GRACE_DAYS - 1)));
        assert!(!revoked.may_upload(now + Duration::days(REVOKED_UPLOAD_GRACE_DAYS)));

        let ended = revoked.uploads_ended(now + Duration::hours(1));
        assert!(!ended.may_upload(now + Duration::hours(1)));
        assert!(ended.may_upload(now), "ended from then on, not before");

        assert!(!DeviceAccess::revoked(now, false).may_upload(now));
        assert_eq!(
            DeviceAccess::Active.uploads_ended(now),
            DeviceAccess::Active
        );
    }
}
