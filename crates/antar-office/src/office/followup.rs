//! Follow-up on [`Office`]: the documents waiting to be collected, each one's contact log, the
//! aparat pekon's contacts, and logging a contact — with the rule that the official contacted
//! is one of the document's own desa.

use antar_domain::sop::{FollowUpChannel, FollowUpOutcome};

use super::Office;
use crate::error::OfficeResult;
use crate::store::{Contact, ContactId, DocumentId, FollowUpEntry, FollowUpRow, StaffId};

/// What came of logging a contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FollowUpLogged {
    /// Stored under this id.
    Logged(i64),
    /// No document awaits collection under that id.
    NoSuchDocument,
    /// The contact named is not an official of the document's desa.
    ContactNotOfDesa,
}

/// A document awaiting collection, the officials of its desa, and its contact log.
pub(crate) type FollowUpCase = (FollowUpRow, Vec<Contact>, Vec<FollowUpEntry>);

/// One logged contact, as staff enter it.
#[derive(Clone, Debug)]
pub(crate) struct FollowUpContact<'a> {
    pub(crate) contact_id: Option<ContactId>,
    pub(crate) channel: FollowUpChannel,
    pub(crate) outcome: FollowUpOutcome,
    pub(crate) note: Option<&'a str>,
    pub(crate) staff_id: StaffId,
}

impl Office {
    /// Documents awaiting collection (failed or returned, not closed by a contact).
    pub(crate) fn followups(&self, limit: u64) -> OfficeResult<Vec<FollowUpRow>> {
        self.store().followup_rows(limit).map_err(Into::into)
    }

    /// One document awaiting collection, the officials of its desa and its contact log.
    pub(crate) fn followup(&self, document_id: DocumentId) -> OfficeResult<Option<FollowUpCase>> {
        let Some(row) = self.store().followup_row(document_id)? else {
            return Ok(None);
        };
        let contacts = self.store().contacts(Some(&row.desa))?;
        let log = self.store().followup_log(document_id)?;
        Ok(Some((row, contacts, log)))
    }

    pub(crate) fn log_followup(
        &self,
        document_id: DocumentId,
        contact: &FollowUpContact<'_>,
    ) -> OfficeResult<FollowUpLogged> {
        let Some(row) = self.store().followup_row(document_id)? else {
            return Ok(FollowUpLogged::NoSuchDocument);
        };
        if let Some(id) = contact.contact_id
            && !self
                .store()
                .contacts(Some(&row.desa))?
                .iter()
                .any(|c| c.id == id)
        {
            return Ok(FollowUpLogged::ContactNotOfDesa);
        }
        self.store()
            .add_followup(
                document_id,
                contact.contact_id,
                contact.channel,
                contact.outcome,
                contact.note,
                contact.staff_id,
            )
            .map(FollowUpLogged::Logged)
            .map_err(Into::into)
    }

    /// The officials of one desa, or of every desa.
    pub(crate) fn contacts(&self, desa: Option<&str>) -> OfficeResult<Vec<Contact>> {
        self.store().contacts(desa).map_err(Into::into)
    }

    pub(crate) fn add_contact(
        &self,
        desa: &str,
        name: &str,
        role: &str,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> OfficeResult<i64> {
        self.store()
            .add_contact(desa, name, role, phone, email)
            .map_err(Into::into)
    }

    /// `false` when there was no such contact.
    pub(crate) fn delete_contact(&self, id: ContactId) -> OfficeResult<bool> {
        self.store().delete_contact(id).map_err(Into::into)
    }
}
