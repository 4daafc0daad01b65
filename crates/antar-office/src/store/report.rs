//! The progress report: documents per kecamatan by where they stand now.

use antar_domain::region::RegionCode;
use antar_domain::state::ItemState;

use super::Store;
use super::roles::ReportStore;
use super::{Period, PeriodRow, ServiceStandard};
use crate::store::{StoreError, StoreResult};

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

    fn add(&mut self, state: Option<ItemState>, n: u64) {
        let slot = match state {
            None => &mut self.not_dispatched,
            Some(ItemState::Pending) => &mut self.pending,
            Some(ItemState::Delivered) => &mut self.delivered,
            Some(ItemState::Failed) => &mut self.failed,
            Some(ItemState::Returned) => &mut self.returned,
        };
        *slot += n;
    }

    fn add_all(&mut self, other: &StateCounts) {
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
}

impl ReportStore for Store {
    fn report(&self) -> StoreResult<Report> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT kecamatan, kecamatan_name, state, COUNT(*) FROM (
                    SELECT d.kecamatan, d.kecamatan_name,
                        (SELECT i.state FROM manifest_items i
                         INDEXED BY manifest_items_by_document_state
                         WHERE i.document_id = d.id ORDER BY i.rowid DESC LIMIT 1) AS state
                    FROM documents d)
                 GROUP BY kecamatan, kecamatan_name, state
                 ORDER BY kecamatan",
            )?;
            let mut rows = stmt.query([])?;
            let mut report = Report::default();
            while let Some(r) = rows.next()? {
                let code: String = r.get(0)?;
                let name: String = r.get(1)?;
                let state: Option<String> = r.get(2)?;
                let n = super::get_u64(r, 3)?;
                let state = state.as_deref().and_then(ItemState::parse);
                let kecamatan: RegionCode = parse_region(&code)?;
                let same = report
                    .rows
                    .last()
                    .is_some_and(|row| row.kecamatan == kecamatan);
                if !same {
                    report.rows.push(ReportRow {
                        kecamatan,
                        kecamatan_name: name,
                        counts: StateCounts::default(),
                    });
                }
                if let Some(row) = report.rows.last_mut() {
                    row.counts.add(state, n);
                }
            }
            for row in &report.rows {
                report.total.add_all(&row.counts);
            }
            Ok(report)
        })
    }

    fn service_standard(&self, period: Period) -> StoreResult<ServiceStandard> {
        super::service_standard::service_standard(self, period)
    }

    fn period_report(&self, period: Period) -> StoreResult<(Vec<PeriodRow>, PeriodRow)> {
        super::period_report::period_report(self, period)
    }
}

fn parse_region(code: &str) -> StoreResult<RegionCode> {
    RegionCode::parse(code).map_err(|e| StoreError::corrupt(format!("kode wilayah {code:?}: {e}")))
}
