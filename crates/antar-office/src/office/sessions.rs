//! Staff sign-in sessions and the audit log on [`Office`]: who is signed in, what each staff
//! member did. The web's sign-in checks the password; this keeps what it decided.

use chrono::{DateTime, Utc};

use super::Office;
use crate::error::OfficeResult;
use crate::store::{AuditEntry, Session, StaffId, StaffUser};

impl Office {
    /// An account with its password hash, for checking a sign-in.
    pub(crate) fn staff_credentials(
        &self,
        username: &str,
    ) -> OfficeResult<Option<(StaffUser, String)>> {
        self.store().staff_credentials(username).map_err(Into::into)
    }

    /// The account named `username`, active or not.
    pub fn staff_user(&self, username: &str) -> OfficeResult<Option<StaffUser>> {
        Ok(self
            .store()
            .staff_credentials(username)?
            .map(|(user, _)| user))
    }

    pub(crate) fn staff_users(&self) -> OfficeResult<Vec<StaffUser>> {
        self.store().staff_users().map_err(Into::into)
    }

    /// `false` when there is no such account.
    pub(crate) fn set_staff_active(&self, user_id: StaffId, active: bool) -> OfficeResult<bool> {
        self.store()
            .set_staff_active(user_id, active)
            .map_err(Into::into)
    }

    pub(crate) fn create_session(
        &self,
        token_hash: &str,
        user_id: StaffId,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> OfficeResult<()> {
        self.store()
            .create_session(token_hash, user_id, csrf, expires_at)
            .map_err(Into::into)
    }

    pub(crate) fn session(&self, token_hash: &str) -> OfficeResult<Option<Session>> {
        self.store().session(token_hash).map_err(Into::into)
    }

    /// Keeps the document search a session sent (by POST) so its pages can follow by GET.
    pub(crate) fn set_document_search(
        &self,
        token_hash: &str,
        search: Option<&str>,
    ) -> OfficeResult<()> {
        self.store()
            .set_document_search(token_hash, search)
            .map_err(Into::into)
    }

    pub(crate) fn document_search(&self, token_hash: &str) -> OfficeResult<Option<String>> {
        self.store().document_search(token_hash).map_err(Into::into)
    }

    pub(crate) fn delete_session(&self, token_hash: &str) -> OfficeResult<()> {
        self.store().delete_session(token_hash).map_err(Into::into)
    }

    /// Writes one line of the audit log.
    pub(crate) fn audit(
        &self,
        user: Option<&StaffUser>,
        username: &str,
        action: &str,
        object: Option<&str>,
        detail: Option<&str>,
    ) -> OfficeResult<()> {
        self.store()
            .audit(user, username, action, object, detail)
            .map_err(Into::into)
    }

    /// A page of the audit log, newest first, with the total count.
    pub(crate) fn audit_log(
        &self,
        offset: u64,
        limit: u64,
    ) -> OfficeResult<(Vec<AuditEntry>, u64)> {
        self.store().audit_log(offset, limit).map_err(Into::into)
    }
}
