//! Who may do what: the four staff roles mapped to what each page, action and command needs.
//! The web checks it on every request; the command line when it acts for a named account.

use crate::store::Role;

/// What a page or action needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Perm {
    Documents,
    Import,
    Manifests,
    Returns,
    Review,
    FollowUp,
    Contacts,
    Service,
    Reports,
    Users,
    Couriers,
    Audit,
    /// The recording teams' visits (pelayanan keliling): the list, planning, changing and
    /// calling one off, its target list and its results. The lists name people with their
    /// health categories, so only those who plan the work see them; the month's report of
    /// visits is an aggregate and needs only [`Perm::Reports`].
    Visits,
}

impl Perm {
    /// The rules: admin may do everything (and is accountable for it in the audit log);
    /// operators run the daily work (deliveries and the recording teams' visits); reviewers
    /// judge proofs; viewers read aggregates only (the visits' monthly report among them).
    pub(crate) fn allows(self, role: Role) -> bool {
        use Perm::*;
        match role {
            Role::Admin => true,
            Role::Operator => matches!(
                self,
                Documents
                    | Import
                    | Manifests
                    | Returns
                    | FollowUp
                    | Contacts
                    | Service
                    | Reports
                    | Visits
            ),
            Role::Reviewer => matches!(self, Review | Service | Reports),
            Role::Viewer => matches!(self, Service | Reports),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_its_pages_and_only_those() {
        assert!(Perm::Users.allows(Role::Admin));
        assert!(!Perm::Users.allows(Role::Operator));
        assert!(!Perm::Review.allows(Role::Operator));
        assert!(Perm::Review.allows(Role::Reviewer));
        assert!(!Perm::Documents.allows(Role::Viewer));
        assert!(Perm::Reports.allows(Role::Viewer));
        assert!(Perm::Visits.allows(Role::Admin));
        assert!(Perm::Visits.allows(Role::Operator));
        assert!(!Perm::Visits.allows(Role::Reviewer));
        assert!(!Perm::Visits.allows(Role::Viewer));
    }
}
