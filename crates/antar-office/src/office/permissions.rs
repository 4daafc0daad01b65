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
}

impl Perm {
    /// The rules: admin may do everything (and is accountable for it in the audit log);
    /// operators run the daily work; reviewers judge proofs; viewers read aggregates only.
    pub(crate) fn allows(self, role: Role) -> bool {
        use Perm::*;
        match role {
            Role::Admin => true,
            Role::Operator => matches!(
                self,
                Documents | Import | Manifests | Returns | FollowUp | Contacts | Service | Reports
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
    }
}
