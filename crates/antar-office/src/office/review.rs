//! Proof review on [`Office`]: the list of recorded attempts with the office's checks, one
//! proof in full, and a reviewer's verdict (a flagged delivery goes back to the courier).

use super::Office;
use crate::error::OfficeResult;
use crate::store::{ProofDetail, ProofRow, Verdict};

impl Office {
    /// A page of proofs, the unreviewed only or all; with whether more follow.
    pub(crate) fn proofs(
        &self,
        unreviewed_only: bool,
        offset: u64,
        limit: u64,
    ) -> OfficeResult<(Vec<ProofRow>, bool)> {
        self.store().proof_rows(unreviewed_only, offset, limit)
    }

    pub(crate) fn proof(&self, office_seq: i64) -> OfficeResult<Option<ProofDetail>> {
        self.store().proof_detail(office_seq)
    }

    /// Records a reviewer's verdict; `None` when there is no such proof, else whether the
    /// verdict reopened a delivery.
    pub(crate) fn review_proof(
        &self,
        office_seq: i64,
        verdict: Verdict,
        note: Option<&str>,
        reviewer_id: i64,
    ) -> OfficeResult<Option<bool>> {
        self.store()
            .review_proof(office_seq, verdict, note, reviewer_id)
    }
}
