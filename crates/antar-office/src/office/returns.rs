//! BA Pengembalian on [`Office`]: the failed documents a courier brings back get their own
//! numbered report, and their items become returned.

use antar_domain::ids::{ItemId, ManifestId};
use chrono::NaiveDate;

use super::Office;
use crate::error::{OfficeError, OfficeResult};
use crate::store::{
    HandoverCountInfo, ReturnCountRefusal, ReturnInfo, ReturnManifest, ReturnRefusal, StaffUser,
};

impl Office {
    /// Issues a BA Pengembalian for the failed items `item_ids` of `manifest`: they become
    /// returned and wait at the office.
    pub fn issue_return(
        &self,
        manifest: ManifestId,
        item_ids: &[ItemId],
        officer: &str,
        issued_on: NaiveDate,
    ) -> OfficeResult<ReturnInfo> {
        if item_ids.is_empty() {
            return Err(OfficeError::InvalidRequest(
                "pilih sedikitnya satu dokumen yang dikembalikan".to_owned(),
            ));
        }
        self.store()
            .issue_return(manifest, item_ids, officer, issued_on)?
            .map_err(|refusal| match refusal {
                ReturnRefusal::NotOnManifest => OfficeError::InvalidRequest(
                    "dokumen yang dipilih tidak ada di BA ini".to_owned(),
                ),
                ReturnRefusal::NotReturnable { line, rule } => {
                    OfficeError::InvalidRequest(format!("baris {line} BA: {rule}"))
                }
            })
    }

    /// Staff's count of the bundle a courier's phone said it handed back; a difference from
    /// the list or from the courier's count stays flagged on the report. Written to the audit
    /// log as `staff`'s (the command line has no account: `cli`).
    pub fn count_return(
        &self,
        id: &str,
        counted: u32,
        officer: &str,
        staff: Option<&StaffUser>,
    ) -> OfficeResult<ReturnInfo> {
        let officer = officer.trim();
        if officer.is_empty() {
            return Err(OfficeError::InvalidRequest(
                "nama petugas yang menghitung wajib diisi".to_owned(),
            ));
        }
        let info =
            self.store()
                .count_return(id, counted, officer)?
                .map_err(|refusal| match refusal {
                    ReturnCountRefusal::NotFound => OfficeError::UnknownReturn(id.to_owned()),
                    ReturnCountRefusal::IssuedAtOffice => OfficeError::InvalidRequest(
                        "BA Pengembalian ini dibuat di kantor; daftarnya sudah hitungan kantor"
                            .to_owned(),
                    ),
                    ReturnCountRefusal::AlreadyCounted => OfficeError::InvalidRequest(
                        "bundel ini sudah dihitung kantor; hitungan tidak bisa diubah".to_owned(),
                    ),
                })?;
        let (action, detail) = info.count_audit();
        self.audit(
            staff,
            staff.map_or("cli", |s| s.username.as_str()),
            action,
            Some(&format!("ba_kembali:{}", info.id)),
            Some(&detail),
        )?;
        Ok(info)
    }

    /// The courier's count of a BA at handover, once it reached the office.
    pub fn handover_count(&self, manifest: ManifestId) -> OfficeResult<Option<HandoverCountInfo>> {
        self.store().handover_count(manifest).map_err(Into::into)
    }

    /// The return reports of one BA, or of all.
    pub fn returns(&self, manifest: Option<ManifestId>) -> OfficeResult<Vec<ReturnInfo>> {
        self.store().returns(manifest).map_err(Into::into)
    }

    pub(crate) fn return_manifest(&self, id: &str) -> OfficeResult<Option<ReturnManifest>> {
        self.store().return_manifest(id).map_err(Into::into)
    }
}
