//! The period report's rows: per kecamatan, what was printed and where it stands. Kept by any
//! engine; SQLite's queries are in `sqlite::period_report`.

/// One kecamatan in the period report: documents printed in the period by where they are now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PeriodRow {
    pub(crate) kecamatan: String,
    pub(crate) name: String,
    pub(crate) printed: u64,
    pub(crate) not_dispatched: u64,
    pub(crate) pending: u64,
    pub(crate) delivered: u64,
    /// Of `delivered`, the cards a courier left with a village official or the RT head
    /// (`Outcome::LeftWithOfficial`): delivered by the domain's rule, told apart here.
    pub(crate) left_with_official: u64,
    pub(crate) failed: u64,
    pub(crate) returned: u64,
    pub(crate) on_time: u64,
}

impl PeriodRow {
    pub(crate) fn add(&mut self, other: &PeriodRow) {
        self.printed += other.printed;
        self.not_dispatched += other.not_dispatched;
        self.pending += other.pending;
        self.delivered += other.delivered;
        self.left_with_official += other.left_with_official;
        self.failed += other.failed;
        self.returned += other.returned;
        self.on_time += other.on_time;
    }
}
