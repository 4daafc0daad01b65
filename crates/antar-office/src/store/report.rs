//! The per-kecamatan counts of document states. Kept by any engine; SQLite's queries are in
//! `sqlite::report`.

use antar_domain::region::RegionCode;
use antar_domain::state::ItemState;

/// Documents counted by their current state; a document's state is that of its latest
/// manifest item, or "not dispatched" if it was never put on a BA.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    pub not_dispatched: u64,
    pub pending: u64,
    pub delivered: u64,
    pub failed: u64,
    pub returned: u64,
}

impl StateCounts {
    pub fn total(&self) -> u64 {
        self.not_dispatched + self.pending + self.delivered + self.failed + self.returned
    }

    pub(crate) fn add(&mut self, state: Option<ItemState>, n: u64) {
        let slot = match state {
            None => &mut self.not_dispatched,
            Some(ItemState::Pending) => &mut self.pending,
            Some(ItemState::Delivered) => &mut self.delivered,
            Some(ItemState::Failed) => &mut self.failed,
            Some(ItemState::Returned) => &mut self.returned,
        };
        *slot += n;
    }

    pub(crate) fn add_all(&mut self, other: &StateCounts) {
        self.not_dispatched += other.not_dispatched;
        self.pending += other.pending;
        self.delivered += other.delivered;
        self.failed += other.failed;
        self.returned += other.returned;
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    pub kecamatan: RegionCode,
    pub kecamatan_name: String,
    pub counts: StateCounts,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// One row per kecamatan that has documents, in code order.
    pub rows: Vec<ReportRow>,
    pub total: StateCounts,
    /// Documents not delivered and past the 5-day standard today (see
    /// `antar_domain::sop::ServiceStanding`), on a BA or not.
    pub open_late: u64,
}
