//! What needs attention today, per role, for the home page: proofs waiting for review,
//! follow-ups running and overdue by the SOP's 14-day clock, BAs the courier has not confirmed
//! by counting them, and documents not delivered past the 5-day standard. Only what the role
//! may act on is counted.

use super::{Office, Perm};
use crate::error::OfficeResult;
use crate::store::{Report, Role, today};

/// How many follow-up rows the home page counts over (the follow-up page lists as many).
const FOLLOWUPS_COUNTED: u64 = 100_000;

/// Counts the home page shows; `None` where the role does not see that list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Attention {
    pub(crate) proofs_unreviewed: Option<u64>,
    /// Documents whose follow-up clock runs, and of them those past the 14 days.
    pub(crate) followups: Option<(u64, u64)>,
    pub(crate) bas_not_confirmed: Option<u64>,
    pub(crate) late_open: Option<u64>,
}

impl Office {
    /// The counts `role` acts on; the late documents come from `report`, the home page's pass
    /// over every document.
    pub(crate) fn attention(&self, role: Role, report: &Report) -> OfficeResult<Attention> {
        let mut attention = Attention::default();
        if Perm::Review.allows(role) {
            attention.proofs_unreviewed = Some(self.store().unreviewed_count()?);
        }
        if Perm::FollowUp.allows(role) {
            let today = today();
            let rows = self.store().followups_at_office(FOLLOWUPS_COUNTED)?;
            let running = rows.iter().filter(|r| r.clock().since.is_some());
            let (mut waiting, mut overdue) = (0, 0);
            for row in running {
                waiting += 1;
                if row.clock().is_overdue(today) {
                    overdue += 1;
                }
            }
            attention.followups = Some((waiting, overdue));
        }
        if Perm::Manifests.allows(role) {
            attention.bas_not_confirmed = Some(self.store().manifests_waiting_for_count()?);
        }
        if Perm::Service.allows(role) {
            attention.late_open = Some(report.open_late);
        }
        Ok(attention)
    }
}
