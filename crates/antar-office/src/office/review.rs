//! Proof review on [`Office`]: the list of recorded attempts with the office's checks, one
//! proof in full, and a reviewer's verdict — by an active account whose role may review,
//! written to the audit log (a flagged delivery goes back to the courier).

use super::{Office, Perm};
use crate::error::{OfficeError, OfficeResult};
use crate::store::{
    PageAt, Paged, ProofDetail, ProofNumber, ProofOrder, ProofRow, StaffUser, Verdict,
};

/// What a reviewer's verdict did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reviewed {
    NoSuchProof,
    /// Recorded; `reopened` when it flagged the delivery that stood, which goes back to the
    /// courier for another attempt.
    Recorded {
        reopened: bool,
    },
}

impl Office {
    /// The first `limit` proofs in `order`, the unreviewed only or all; with whether more
    /// follow.
    pub fn proofs(
        &self,
        unreviewed_only: bool,
        order: ProofOrder,
        limit: u64,
    ) -> OfficeResult<(Vec<ProofRow>, bool)> {
        let page = self.proof_page(unreviewed_only, order, PageAt::First, limit)?;
        Ok((page.rows, page.has_next))
    }

    /// The page of proofs at `at`.
    pub(crate) fn proof_page(
        &self,
        unreviewed_only: bool,
        order: ProofOrder,
        at: PageAt<ProofNumber>,
        limit: u64,
    ) -> OfficeResult<Paged<ProofRow>> {
        self.store()
            .proof_rows(unreviewed_only, order, at, limit)
            .map_err(Into::into)
    }

    /// The proof a reviewer goes to after deciding `after`: the next unreviewed in the queue.
    pub(crate) fn next_unreviewed(&self, after: ProofNumber) -> OfficeResult<Option<ProofNumber>> {
        self.store().next_unreviewed(after).map_err(Into::into)
    }

    pub(crate) fn proof(&self, office_seq: ProofNumber) -> OfficeResult<Option<ProofDetail>> {
        self.store().proof_detail(office_seq).map_err(Into::into)
    }

    /// The deliveries of `courier`'s BAs flagged back to the courier, with the reviewer's note:
    /// what the phone lists as *perlu diulang*.
    pub(crate) fn flagged_to_redo(
        &self,
        courier: antar_domain::ids::CourierId,
    ) -> OfficeResult<Vec<(antar_domain::ids::ManifestId, antar_domain::wire::Redo)>> {
        self.store().flagged_to_redo(courier).map_err(Into::into)
    }

    /// Records `reviewer`'s verdict on the proof `office_seq`; a flag needs a note.
    pub fn review_proof(
        &self,
        reviewer: &StaffUser,
        office_seq: ProofNumber,
        verdict: Verdict,
        note: Option<&str>,
    ) -> OfficeResult<Reviewed> {
        if !reviewer.active || !Perm::Review.allows(reviewer.role) {
            return Err(OfficeError::InvalidRequest(format!(
                "akun {} tidak boleh meninjau bukti (perlu peran reviewer atau admin yang aktif)",
                reviewer.username
            )));
        }
        if verdict == Verdict::Flagged && note.is_none_or(|n| n.trim().is_empty()) {
            return Err(OfficeError::InvalidRequest(
                "tulis catatan: mengapa bukti ini ditandai bermasalah".to_owned(),
            ));
        }
        let Some(reopened) = self
            .store()
            .review_proof(office_seq, verdict, note, reviewer.id)?
        else {
            return Ok(Reviewed::NoSuchProof);
        };
        let action = match verdict {
            Verdict::Accepted => "bukti_terima",
            Verdict::Flagged => "bukti_tandai",
        };
        self.audit(
            Some(reviewer),
            &reviewer.username,
            action,
            Some(&format!("kejadian:{office_seq}")),
            reopened.then_some("item dibuka lagi untuk diantar ulang"),
        )?;
        Ok(Reviewed::Recorded { reopened })
    }
}
