//! What a write can find, inside its own transaction, that makes it refuse — said as values,
//! not errors, so that the office (not the store) decides how a refusal reads, and any engine
//! can say the same.

use antar_domain::state::TransitionError;

/// Why nothing may be written for a courier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CourierRefusal {
    /// No courier with that id.
    Unknown,
    /// The courier no longer works for the office: no new code, phone or BA.
    Deactivated,
    /// The officer's role does not take this work (a recording-team member given a BA
    /// Pengiriman, a courier put on a visit's team).
    WrongRole {
        name: String,
        role: antar_domain::field_role::FieldRole,
        duty: antar_domain::field_role::Duty,
    },
}

/// Why a BA was not issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ManifestRefusal {
    Courier(CourierRefusal),
    /// Every selected document is already on a BA still running, or none was imported.
    NothingToDispatch,
}

/// Why a BA Pengembalian was not issued; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReturnRefusal {
    /// A chosen item is not on that BA.
    NotOnManifest,
    /// The item on `line` may not be returned from its state (the domain's rule says why).
    NotReturnable { line: u32, rule: TransitionError },
}

/// Why staff's count of a return bundle was not kept; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReturnCountRefusal {
    NotFound,
    /// Staff issued the report themselves: its list is their count.
    IssuedAtOffice,
    /// The bundle was counted already; a count is never overwritten.
    AlreadyCounted,
}

/// Why a visit's plan or target list was not changed; nothing was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VisitRefusal {
    /// No visit with that id.
    Unknown,
    /// The visit is no longer planned (a check-in reached the office, or it was cancelled).
    NotPlanned(antar_domain::visit::VisitState),
    /// A team member is unknown or deactivated.
    Member(antar_domain::ids::CourierId, CourierRefusal),
}

/// Why a visit's BA was not issued; nothing was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VisitManifestRefusal {
    /// The visit is unknown, no longer planned, or a member of its team may not hold a BA.
    Visit(VisitRefusal),
    /// Every printed document of the visit's desa is already in an open BA (or none exists).
    NothingToDispatch,
}
