//! What the office asks of its storage, by role: one trait per kind of record, each answering
//! in [`StoreError`]. The SQLite store implements them all; a PostgreSQL store would too.

use std::path::Path;

use antar_domain::document::PrintedDocument;
use antar_domain::field_role::FieldRole;
use antar_domain::ids::{CourierId, DeviceId, ItemId, ManifestId, Sha256Hash, VisitId};
use antar_domain::manifest::{CourierRef, Manifest};
use antar_domain::nip::Nip;
use antar_domain::sop::{FollowUpChannel, FollowUpOutcome};
use antar_domain::visit::Settlement;
use antar_domain::wire::TargetCard;
use chrono::{DateTime, NaiveDate, Utc};

use super::{
    AuditEntry, Cancellation, Contact, ContactId, CourierInfo, CourierRefusal, DeviceAuth,
    DeviceInfo, DocumentFilter, DocumentHistory, DocumentId, DocumentPage, EventResult,
    FollowUpEntry, FollowUpRow, ManifestInfo, ManifestRefusal, ManifestRequest, Period, PeriodRow,
    PhotoRow, PlaceCount, ProofDetail, ProofNumber, ProofRow, Report, ReturnCountRefusal,
    ReturnInfo, ReturnManifest, ReturnRefusal, Role, ServiceStandard, Session, StaffId, StaffUser,
    StoreResult, StoredAttempt, Submission, Verdict,
};
use super::{
    HandoverCountInfo, ManifestScope, NewDevice, NewTarget, ProofOrder, TargetRow, VisitFilter,
    VisitInfo, VisitManifestRefusal, VisitPlan, VisitRefusal, VisitResults,
};
use super::{PageAt, Paged};
use crate::health::StorageHealth;

pub(crate) trait DocumentStore: Send + Sync {
    /// Inserts the documents in one transaction; for each, `true` if it was new, `false` if a
    /// document with the same dedup key was already stored (then nothing changes).
    fn insert_documents(&self, documents: &[PrintedDocument]) -> StoreResult<Vec<bool>>;

    /// How many documents the office holds.
    fn document_count(&self) -> StoreResult<u64>;

    /// One page (`limit` rows at `at`, keyed by document id) of the documents matching
    /// `filter`, sorted by place and name as the BA lists them, with the total and the
    /// counts per desa.
    fn document_page(
        &self,
        filter: &DocumentFilter,
        at: PageAt<i64>,
        limit: u64,
    ) -> StoreResult<DocumentPage>;

    /// Documents not dispatched yet or returned, per desa: what a new BA can take.
    fn undispatched_by_desa(&self) -> StoreResult<Vec<PlaceCount>>;

    /// How far the documents' tallies and states are from a full pass (0: not at all).
    fn tally_drift(&self) -> StoreResult<u64>;

    /// One document with everything that happened to it; `None` if unknown.
    fn document_history(&self, id: DocumentId) -> StoreResult<Option<DocumentHistory>>;
}

pub(crate) trait ManifestStore: Send + Sync {
    /// Issues a BA with every selected document not already in an open manifest. A document
    /// whose last item was returned to the office can be dispatched again.
    fn issue_manifest(
        &self,
        id: ManifestId,
        request: &ManifestRequest,
    ) -> StoreResult<Result<Manifest, ManifestRefusal>>;

    /// Manifest headers with counts, oldest first, of the BAs `scope` takes in.
    fn manifest_infos(&self, scope: ManifestScope) -> StoreResult<Vec<ManifestInfo>>;

    /// A page of every BA's header with counts, newest first (`limit` at `at`).
    fn manifest_page(&self, at: PageAt<ManifestId>, limit: u64)
    -> StoreResult<Paged<ManifestInfo>>;

    /// BAs in force whose courier has not yet confirmed them by counting
    /// ([`CountState::Waiting`](super::CountState::Waiting)), without reading their items.
    fn manifests_waiting_for_count(&self) -> StoreResult<u64>;

    /// The manifest with its items' current states; `None` if unknown or, when `courier` is
    /// given, if it belongs to another courier (callers must not be able to tell the two apart).
    fn manifest(&self, id: ManifestId, courier: Option<CourierId>)
    -> StoreResult<Option<Manifest>>;

    /// The NIP of the officer who signs the BA, as issued (none for a BA issued before NIPs
    /// were kept).
    fn signer_nip(&self, id: ManifestId) -> StoreResult<Option<String>>;

    /// Keeps the fingerprint of a form of the BA served to a phone (the first phone and time).
    fn keep_served_form(
        &self,
        id: ManifestId,
        sha256: &Sha256Hash,
        device: DeviceId,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    fn manifest_id_by_number(&self, number: &str) -> StoreResult<Option<ManifestId>>;

    /// Cancels the BA if the domain lets it (`antar_domain::ba_cancel`), its pending documents
    /// back to the office's queue: how many went back, or why not; `None` if there is no such BA.
    fn cancel_manifest(
        &self,
        id: ManifestId,
        reason: &str,
        by: &str,
    ) -> StoreResult<Option<Result<u32, antar_domain::ba_cancel::CancelRefusal>>>;

    /// Who cancelled the BA, when and why; `None` if it stands.
    fn manifest_cancellation(&self, id: ManifestId) -> StoreResult<Option<Cancellation>>;

    /// The number of the BA Pengiriman or BA Pengembalian with this id (as text), if any: how
    /// the audit log names it.
    fn ba_number_of(&self, id: &str) -> StoreResult<Option<String>>;

    /// Issues a BA Pengembalian for the chosen items of `manifest`; every one must be an item of
    /// that manifest the domain lets return, else nothing changes.
    fn issue_return(
        &self,
        manifest: ManifestId,
        item_ids: &[ItemId],
        officer: &str,
        issued_on: NaiveDate,
    ) -> StoreResult<Result<ReturnInfo, ReturnRefusal>>;

    /// The courier's count of the BA at handover, once it reached the office.
    fn handover_count(&self, manifest: ManifestId) -> StoreResult<Option<HandoverCountInfo>>;

    /// Return reports of one manifest, or all when `manifest` is `None`; newest first.
    fn returns(&self, manifest: Option<ManifestId>) -> StoreResult<Vec<ReturnInfo>>;

    fn return_manifest(&self, id: &str) -> StoreResult<Option<ReturnManifest>>;

    /// Staff's own count of a courier's return bundle, kept once beside the courier's.
    fn count_return(
        &self,
        id: &str,
        counted: u32,
        officer: &str,
    ) -> StoreResult<Result<ReturnInfo, ReturnCountRefusal>>;
}

pub(crate) trait EventStore: Send + Sync {
    /// Stores the events of every submission in one transaction; per submission one result
    /// per event, in order. A rejected event does not affect the others; an error (the
    /// database's) stores none of them.
    fn record_events(&self, submissions: &[Submission]) -> StoreResult<Vec<Vec<EventResult>>>;

    fn event_count(&self) -> StoreResult<u64>;

    /// Every stored attempt, in the order the office received them.
    fn attempts(&self) -> StoreResult<Vec<StoredAttempt>>;
}

pub(crate) trait ReviewStore: Send + Sync {
    /// A page of attempts in `order` (`limit` at `at`, keyed by proof number); only those
    /// without a verdict when `unreviewed`. Says whether pages come before and after, never
    /// how many in all (counting two million attempts per view would be slow).
    fn proof_rows(
        &self,
        unreviewed: bool,
        order: ProofOrder,
        at: PageAt<ProofNumber>,
        limit: u64,
    ) -> StoreResult<Paged<ProofRow>>;

    /// Counts the findings of the attempts stored before ingest counted them (migration
    /// 0026); nothing to do, and no write, once they are.
    fn count_older_findings(&self) -> StoreResult<u64>;

    /// How many proofs wait for a verdict.
    fn unreviewed_count(&self) -> StoreResult<u64>;

    /// The unreviewed proof that follows `after` in the review queue (newest first), or the
    /// newest unreviewed one when none follows.
    fn next_unreviewed(&self, after: ProofNumber) -> StoreResult<Option<ProofNumber>>;

    fn proof_detail(&self, office_seq: ProofNumber) -> StoreResult<Option<ProofDetail>>;

    /// The deliveries of `courier`'s BAs whose standing proof was flagged and which wait for
    /// another attempt, each with its BA and the latest flag's note and time.
    fn flagged_to_redo(
        &self,
        courier: antar_domain::ids::CourierId,
    ) -> StoreResult<Vec<(ManifestId, antar_domain::wire::Redo)>>;

    /// Records a verdict; returns whether the item was reopened for a re-attempt (see the
    /// module's rule). `None` if there is no such attempt.
    fn review_proof(
        &self,
        office_seq: ProofNumber,
        verdict: Verdict,
        note: Option<&str>,
        reviewer_id: StaffId,
    ) -> StoreResult<Option<bool>>;
}

pub(crate) trait FollowUpStore: Send + Sync {
    /// Failed and returned documents whose follow-up no contact has closed: those waiting at
    /// the office first, the longest waiting first; then those a courier still has.
    fn followup_rows(&self, limit: u64) -> StoreResult<Vec<FollowUpRow>>;

    /// Like [`FollowUpStore::followup_rows`], without the failed documents a courier still
    /// has (their clock has not started): the ones whose 14 days run.
    fn followups_at_office(&self, limit: u64) -> StoreResult<Vec<FollowUpRow>>;

    fn followup_row(&self, document_id: DocumentId) -> StoreResult<Option<FollowUpRow>>;

    fn followup_log(&self, document_id: DocumentId) -> StoreResult<Vec<FollowUpEntry>>;

    #[allow(clippy::too_many_arguments)]
    fn add_followup(
        &self,
        document_id: DocumentId,
        contact_id: Option<ContactId>,
        channel: FollowUpChannel,
        outcome: FollowUpOutcome,
        note: Option<&str>,
        staff_id: StaffId,
    ) -> StoreResult<i64>;

    /// Contacts of one desa, or of all desa when `desa` is `None`.
    fn contacts(&self, desa: Option<&str>) -> StoreResult<Vec<Contact>>;

    fn add_contact(
        &self,
        desa: &str,
        name: &str,
        role: &str,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> StoreResult<i64>;

    fn delete_contact(&self, id: ContactId) -> StoreResult<bool>;
}

pub(crate) trait StaffStore: Send + Sync {
    /// Adds a staff account; `false` if the user name is taken.
    fn add_staff_user(
        &self,
        username: &str,
        display_name: &str,
        nip: Option<&str>,
        role: Role,
        password_hash: &str,
    ) -> StoreResult<Option<i64>>;

    fn set_staff_password(&self, user_id: StaffId, password_hash: &str) -> StoreResult<bool>;

    /// Turns an account on or off; turning it off also signs it out everywhere.
    fn set_staff_active(&self, user_id: StaffId, active: bool) -> StoreResult<bool>;

    fn staff_users(&self) -> StoreResult<Vec<StaffUser>>;

    /// The active account with this user name and its password hash, for signing in.
    fn staff_credentials(&self, username: &str) -> StoreResult<Option<(StaffUser, String)>>;

    fn staff_user_count(&self) -> StoreResult<u64>;

    fn create_session(
        &self,
        token_hash: &str,
        user_id: StaffId,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The unexpired session of an active account with this token hash.
    fn session(&self, token_hash: &str) -> StoreResult<Option<Session>>;

    fn delete_session(&self, token_hash: &str) -> StoreResult<()>;

    /// Keeps (or with `None` forgets) the document search this session last sent.
    fn set_document_search(&self, token_hash: &str, search: Option<&str>) -> StoreResult<()>;

    /// The document search this session last sent, if any.
    fn document_search(&self, token_hash: &str) -> StoreResult<Option<String>>;

    /// Appends to the audit log. `object` and `detail` must hold ids and counts only.
    fn audit(
        &self,
        user: Option<&StaffUser>,
        username: &str,
        action: &str,
        object: Option<&str>,
        detail: Option<&str>,
    ) -> StoreResult<()>;

    /// The newest audit entries first, `limit` from `offset`, and the total.
    fn audit_log(&self, offset: u64, limit: u64) -> StoreResult<(Vec<AuditEntry>, u64)>;
}

pub(crate) trait ReportStore: Send + Sync {
    fn report(&self) -> StoreResult<Report>;

    fn service_standard(&self, period: Period) -> StoreResult<ServiceStandard>;

    /// Documents printed in `period`, per kecamatan, by their state now; with the total row.
    fn period_report(&self, period: Period) -> StoreResult<(Vec<PeriodRow>, PeriodRow)>;
}

pub(crate) trait CourierStore: Send + Sync {
    /// Adds a courier together with its first enrollment code.
    fn add_courier(
        &self,
        id: CourierId,
        name: &str,
        phone: Option<&str>,
        role: FieldRole,
        code_hash: &Sha256Hash,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Changes what an active officer is enrolled to do. Work already given stays: a courier
    /// made a recording-team member still holds their open BAs.
    fn set_field_role(
        &self,
        courier: CourierId,
        role: FieldRole,
    ) -> StoreResult<Result<(), CourierRefusal>>;

    /// Adds another enrollment code for an active courier (a new phone, or the first code
    /// expired); refused for a courier unknown or deactivated.
    fn add_enrollment_code(
        &self,
        courier: CourierId,
        code_hash: &Sha256Hash,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<Result<(), CourierRefusal>>;

    fn couriers(&self) -> StoreResult<Vec<CourierInfo>>;

    /// Spends an enrollment code: if `code_hash` names an unused, unexpired code, marks it used
    /// and registers the device under the code's courier. `None` for any other code.
    fn enroll(
        &self,
        code_hash: &Sha256Hash,
        now: DateTime<Utc>,
        device: &NewDevice<'_>,
    ) -> StoreResult<Option<CourierRef>>;

    /// Every device's token hash, to fill the in-memory authentication cache.
    fn device_auths(&self) -> StoreResult<Vec<(Sha256Hash, DeviceAuth)>>;

    /// The phone holding the token with this hash, if any (one indexed read).
    fn device_auth(&self, token: &Sha256Hash) -> StoreResult<Option<DeviceAuth>>;

    /// The phones of one courier, or of all, newest enrollment first.
    fn devices(&self, courier: Option<CourierId>) -> StoreResult<Vec<DeviceInfo>>;

    /// Keeps what a phone reported it still holds unsent, at `at`.
    fn keep_device_status(
        &self,
        id: DeviceId,
        status: antar_domain::wire::DeviceStatus,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Revokes a phone at `revoked_at`, its uploads taken until `uploads_until`; a phone
    /// already revoked keeps its first revoke. `None` if there is no such phone.
    fn revoke_device(
        &self,
        id: DeviceId,
        revoked_at: DateTime<Utc>,
        uploads_until: DateTime<Utc>,
    ) -> StoreResult<Option<DeviceInfo>>;

    /// Closes a revoked phone's uploads at `now`. `None` if there is no such phone; an active
    /// phone is left as it is.
    fn end_device_uploads(
        &self,
        id: DeviceId,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DeviceInfo>>;

    /// Deactivates a courier at `revoked_at`: every phone not yet revoked is revoked, its
    /// uploads taken until `uploads_until`; unused codes expire; no new code or BA is made for
    /// it. `None` if there is no such courier; otherwise how many phones this revoked.
    fn deactivate_courier(
        &self,
        id: CourierId,
        revoked_at: DateTime<Utc>,
        uploads_until: DateTime<Utc>,
    ) -> StoreResult<Option<usize>>;
}

pub(crate) trait PhotoStore: Send + Sync {
    /// Whether an event from one of `courier`'s phones (this enrollment or an earlier one)
    /// names the photo: only then may a phone upload it or learn what the office holds of it.
    fn photo_named_by(&self, courier: CourierId, sha256: &Sha256Hash) -> StoreResult<bool>;

    fn photo(&self, sha256: &Sha256Hash) -> StoreResult<Option<PhotoRow>>;

    /// Records that an upload of `total_bytes` has started (no-op if it is already known).
    fn photo_started(&self, sha256: &Sha256Hash, total_bytes: u64) -> StoreResult<()>;

    /// Marks a photo whole, adding its row if the office had none (a photo found in the folder
    /// of a restored office); `not_a_proof` says why it is not a proof photo, if it is not.
    fn photo_settled(
        &self,
        sha256: &Sha256Hash,
        total_bytes: u64,
        not_a_proof: Option<&str>,
    ) -> StoreResult<()>;

    /// Marks a photo whose file is gone as not received, so that it is asked for again.
    fn photo_lost(&self, sha256: &Sha256Hash) -> StoreResult<()>;

    /// Every photo the office knows of, with whether it is whole: what the photo folder is
    /// reconciled against when the office starts.
    fn photo_hashes(&self) -> StoreResult<Vec<(Sha256Hash, bool)>>;

    /// Forgets an upload that failed its hash check, so the device can start over.
    fn photo_discarded(&self, sha256: &Sha256Hash) -> StoreResult<()>;
}

/// The store's own upkeep, whatever the engine: whether it takes writes, which copy of the data
/// it is, keeping its log short, and consistent copies for backups.
pub(crate) trait UpkeepStore: Send + Sync {
    /// Whether writes go through, as last seen.
    fn health(&self) -> &StorageHealth;

    /// Rewrites one small row: whether the store takes writes now (noted in `health`).
    fn probe_write(&self) -> StoreResult<()>;

    /// Which copy of the office's data this is (see `DATA_COPY_HEADER`).
    fn data_copy(&self) -> StoreResult<String>;

    /// Makes this data a new copy: called when it is restored from a backup.
    fn new_data_copy(&self) -> StoreResult<String>;

    /// One background pass over the write-ahead log; returns its length in pages as found.
    fn checkpoint(&self) -> StoreResult<i64>;

    /// Writes a consistent copy of the data to `target` (a UTF-8 path that does not exist),
    /// while the office serves.
    fn snapshot_into(&self, target: &str) -> StoreResult<()>;

    /// What a copy written by [`UpkeepStore::snapshot_into`] holds: its event count, and its
    /// whole photos with their sizes.
    fn snapshot_contents(&self, snapshot: &Path) -> StoreResult<(u64, Vec<(Sha256Hash, u64)>)>;

    /// The engine's own check of all the data; anything it finds is damage.
    fn check_integrity(&self) -> StoreResult<()>;
}

/// Failed guesses (enrollment codes, staff passwords), kept where every office process on the
/// database counts them (issue 19); the limits' rules are `crate::guess_limit`'s. Times are the
/// office's wall clock in milliseconds since 1970.
pub(crate) trait GuessStore: Send + Sync {
    /// Of `key`'s failures in `scope` made after `since_ms`, the time of the `nth` newest
    /// (1: the newest); `None` when there are fewer than `nth`.
    fn nth_newest_failure(
        &self,
        scope: &str,
        key: &str,
        since_ms: i64,
        nth: u32,
    ) -> StoreResult<Option<i64>>;

    /// Counts each failure at `at_ms`, in one transaction; forgets each key's failures made at
    /// or before its `since_ms`, and every failure made at or before `forget_through_ms`.
    fn add_failures(
        &self,
        failures: &[GuessFailure<'_>],
        at_ms: i64,
        forget_through_ms: i64,
    ) -> StoreResult<()>;

    /// Forgets `key`'s failures in `scope`, and every failure made at or before
    /// `forget_through_ms`.
    fn clear_failures(&self, scope: &str, key: &str, forget_through_ms: i64) -> StoreResult<()>;

    /// The key of the passwords' keyed hash, one per database (made on first use).
    fn guess_key(&self) -> StoreResult<String>;
}

/// One failed guess for [`GuessStore::add_failures`]: what was guessed, and where its window
/// starts (failures at or before `since_ms` no longer count).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GuessFailure<'k> {
    pub(crate) scope: &'static str,
    pub(crate) key: &'k str,
    pub(crate) since_ms: i64,
}

pub(crate) trait VisitStore: Send + Sync {
    /// Plans a visit, numbering it in its year's series; refused for an unknown or
    /// deactivated team member.
    fn add_visit(
        &self,
        id: VisitId,
        plan: &VisitPlan,
        planned_by: &str,
    ) -> StoreResult<Result<VisitInfo, VisitRefusal>>;

    /// Changes a visit's plan while it is planned.
    fn edit_visit(&self, id: VisitId, plan: &VisitPlan) -> StoreResult<Result<(), VisitRefusal>>;

    /// Calls a planned visit off, with the reason; the cards of its BAs still at the office
    /// go back (how many is the answer) so another BA can carry them.
    fn cancel_visit(&self, id: VisitId, reason: &str) -> StoreResult<Result<u32, VisitRefusal>>;

    fn visit(&self, id: VisitId) -> StoreResult<Option<VisitInfo>>;

    fn visit_id_by_number(&self, number: &str) -> StoreResult<Option<VisitId>>;

    /// The visits `filter` selects, by day then number.
    fn visits(&self, filter: &VisitFilter) -> StoreResult<Vec<VisitInfo>>;

    /// Adds targets to a planned visit in one transaction; for each, `true` if new, `false`
    /// if the visit already lists that NIK (then nothing changes).
    fn insert_targets(
        &self,
        visit: VisitId,
        targets: &[NewTarget],
    ) -> StoreResult<Result<Vec<bool>, VisitRefusal>>;

    /// Takes a person off a planned visit's list; the row is kept (marked removed), so an
    /// outcome a phone that downloaded the list records for them is still accepted. `Ok(false)`
    /// when the list has no such NIK. Importing the NIK again puts the row back.
    fn remove_target(&self, visit: VisitId, nik: &str) -> StoreResult<Result<bool, VisitRefusal>>;

    /// The visit's target list (without removed rows), by name.
    fn targets(&self, visit: VisitId) -> StoreResult<Vec<TargetRow>>;

    /// The visit's target list as a team's phone may have it (no health, no health notes).
    fn target_cards(&self, visit: VisitId) -> StoreResult<Vec<TargetCard>>;

    /// What the visit's events add up to: check-ins, each person's outcomes, walk-ins.
    fn visit_results(&self, visit: VisitId) -> StoreResult<VisitResults>;

    /// Keeps staff's choice on a person in conflict (`person`: the target's id or a walk-in's
    /// NIK), replacing an earlier one.
    fn settle_visit_person(
        &self,
        visit: VisitId,
        person: &str,
        settlement: &Settlement,
        settled_by: &str,
    ) -> StoreResult<()>;

    /// Puts the printed documents of a planned visit's desa that are in no open BA on a new
    /// BA of the visit's kind, held by its team.
    fn issue_visit_manifest(
        &self,
        id: ManifestId,
        visit: VisitId,
        officer: &str,
        officer_nip: &Nip,
        issued_on: NaiveDate,
    ) -> StoreResult<Result<Manifest, VisitManifestRefusal>>;

    /// The visit's BAs, oldest first.
    fn visit_manifests(&self, visit: VisitId) -> StoreResult<Vec<ManifestId>>;
}

/// Everything the office asks of its storage: one value serves every role.
pub(crate) trait OfficeStore:
    DocumentStore
    + ManifestStore
    + EventStore
    + ReviewStore
    + FollowUpStore
    + StaffStore
    + ReportStore
    + CourierStore
    + PhotoStore
    + UpkeepStore
    + VisitStore
    + GuessStore
    + Send
    + Sync
    + std::fmt::Debug
{
}

impl<T> OfficeStore for T where
    T: DocumentStore
        + ManifestStore
        + EventStore
        + ReviewStore
        + FollowUpStore
        + StaffStore
        + ReportStore
        + CourierStore
        + PhotoStore
        + UpkeepStore
        + VisitStore
        + GuessStore
        + Send
        + Sync
        + std::fmt::Debug
{
}
