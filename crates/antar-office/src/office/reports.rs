//! What staff count and look up on [`Office`]: the documents list, the service standard, the
//! period report, and the documents still waiting for a BA.

use super::Office;
use crate::error::OfficeResult;
use crate::store::{
    DocumentFilter, DocumentHistory, DocumentId, DocumentPage, PageAt, Period, PeriodRow,
    PlaceCount, ServiceStandard,
};

impl Office {
    pub(crate) fn document_page(
        &self,
        filter: &DocumentFilter,
        at: PageAt<i64>,
        limit: u64,
    ) -> OfficeResult<DocumentPage> {
        self.store()
            .document_page(filter, at, limit)
            .map_err(Into::into)
    }

    /// One document with its BAs, attempts, reviews, follow-ups and returns.
    pub(crate) fn document_history(&self, id: DocumentId) -> OfficeResult<Option<DocumentHistory>> {
        self.store().document_history(id).map_err(Into::into)
    }

    /// How far the documents' counts per place and state, and their current states, are
    /// from a full pass over the documents and their items: 0 when they agree. Reads every
    /// document; for tests and for checking an office's data by hand.
    pub fn tally_drift(&self) -> OfficeResult<u64> {
        self.store().tally_drift().map_err(Into::into)
    }

    /// Documents never put on a BA, per desa (to choose what a new BA takes).
    pub(crate) fn undispatched_by_desa(&self) -> OfficeResult<Vec<PlaceCount>> {
        self.store().undispatched_by_desa().map_err(Into::into)
    }

    pub(crate) fn service_standard(&self, period: Period) -> OfficeResult<ServiceStandard> {
        self.store().service_standard(period).map_err(Into::into)
    }

    /// Per kecamatan, with the total row.
    pub(crate) fn period_report(
        &self,
        period: Period,
    ) -> OfficeResult<(Vec<PeriodRow>, PeriodRow)> {
        self.store().period_report(period).map_err(Into::into)
    }
}
