//! Staff accounts, their roles, sign-in sessions and the audit log. Kept by any engine; SQLite's
//! queries are in `sqlite::staff`.

use chrono::{DateTime, Utc};

use super::StaffId;

/// What a staff member may do; see `office::permissions::Perm` for who may do what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Users and couriers, and everything else (the office's accountable administrator).
    Admin,
    /// Import, BA Pengiriman and Pengembalian, follow-up.
    Operator,
    /// Accepts or flags delivery proofs.
    Reviewer,
    /// Reads aggregate reports only.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Self::Admin, Self::Operator, Self::Reviewer, Self::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Operator => "operator",
            Self::Reviewer => "reviewer",
            Self::Viewer => "viewer",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// A staff account as lists show it (never the password hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffUser {
    pub id: StaffId,
    pub username: String,
    pub display_name: String,
    pub nip: Option<String>,
    pub role: Role,
    pub active: bool,
}

/// A signed-in browser: who, and the CSRF token its forms must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Session {
    pub(crate) user: StaffUser,
    pub(crate) csrf: String,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AuditEntry {
    pub(crate) at: DateTime<Utc>,
    pub(crate) username: String,
    pub(crate) action: String,
    pub(crate) object: Option<String>,
    pub(crate) detail: Option<String>,
}
