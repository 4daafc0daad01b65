//! BA Pengembalian on [`Office`]: the failed documents a courier brings back get their own
//! numbered report, and their items become returned.

use antar_domain::ids::ManifestId;
use chrono::NaiveDate;

use super::Office;
use crate::error::OfficeResult;
use crate::store::{ReturnInfo, ReturnManifest};

impl Office {
    /// Issues a BA Pengembalian for the failed items `item_ids` of `manifest`: they become
    /// returned and wait at the office.
    pub fn issue_return(
        &self,
        manifest: ManifestId,
        item_ids: &[String],
        officer: &str,
        issued_on: NaiveDate,
    ) -> OfficeResult<ReturnInfo> {
        self.store()
            .issue_return(manifest, item_ids, officer, issued_on)
    }

    /// The return reports of one BA, or of all.
    pub(crate) fn returns(&self, manifest: Option<ManifestId>) -> OfficeResult<Vec<ReturnInfo>> {
        self.store().returns(manifest)
    }

    pub(crate) fn return_manifest(&self, id: &str) -> OfficeResult<Option<ReturnManifest>> {
        self.store().return_manifest(id)
    }
}
