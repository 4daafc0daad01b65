//! The progress report: documents per kecamatan by where they stand now.

use crate::store::Store;
use crate::store::report::{Report, ReportRow, StateCounts};
use crate::store::roles::ReportStore;
use crate::store::{Period, PeriodRow, ServiceStandard};
use crate::store::{StoreError, StoreResult};
use antar_domain::region::RegionCode;
use antar_domain::sop::ServiceStanding;
use antar_domain::state::ItemState;

impl ReportStore for Store {
    fn report(&self) -> StoreResult<Report> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                // The tallies (migration 0027): a few thousand rows, not every document.
                "SELECT kecamatan, kecamatan_name, state, CAST(SUM(documents) AS BIGINT),
                    CAST(COALESCE(SUM(documents) FILTER (WHERE printed_on <= ?1), 0) AS BIGINT)
                 FROM document_tallies
                 GROUP BY kecamatan, kecamatan_name, state
                 HAVING SUM(documents) > 0
                 ORDER BY kecamatan",
            )?;
            let late_if_printed_by =
                ServiceStanding::open_late_if_printed_by(crate::store::today()).to_string();
            let mut rows = stmt.query([late_if_printed_by])?;
            let mut report = Report::default();
            while let Some(r) = rows.next()? {
                let code: String = r.get(0)?;
                let name: String = r.get(1)?;
                let state: Option<String> = r.get(2)?;
                let n = crate::store::get_u64(&r, 3)?;
                let state = state.as_deref().and_then(ItemState::parse);
                if state != Some(ItemState::Delivered) {
                    report.open_late += crate::store::get_u64(&r, 4)?;
                }
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
