//! The office's storage boundary. What the office asks of its storage is a trait per role
//! (`roles`), answered in [`StoreError`]; what a write refuses inside its transaction comes
//! back as a value (`refusals`). The records those traits return sit here, one module per
//! feature, and so do ingest's proof checks (`custody`, `item_memo`), which read through
//! `lookup::IngestLookup`: none of it names an engine. The engine — SQLite today — is
//! [`sqlite`]: every feature's SQL, the pool, PRAGMAs, checkpoints and migrations. A
//! PostgreSQL store would be a sibling of it, implementing the same traits.

mod attempts;
mod contacts;
mod copy;
mod custody;
mod db;
mod devices;
mod document_history;
mod document_list;
mod engine;
mod events;
mod followup;
mod ids;
mod incoming;
mod item_memo;
mod lookup;
mod manifests;
mod paging;
mod people;
mod period_report;
mod photos;
mod postgres;
mod printed;
mod refusals;
mod report;
mod returns;
mod review;
mod roles;
mod service_standard;
mod sqlite;
mod staff;
mod visit_results;
mod visits;

pub use attempts::{PhotoCheck, StoredAttempt};
pub(crate) use contacts::Contact;
pub use copy::TableCopied;
pub(crate) use copy::sqlite_into_postgres;
pub use devices::DeviceInfo;
pub(crate) use devices::{DeviceAuth, NewDevice};
pub(crate) use document_history::DocumentHistory;
pub(crate) use document_list::{
    DocumentFilter, DocumentPage, DocumentRow, DocumentSearch, PlaceCount, SearchProblem,
};
pub(crate) use engine::Store;
pub(crate) use events::Submission;
pub(crate) use followup::{FollowUpEntry, FollowUpRow};
pub use ids::{ContactId, DocumentId, ProofNumber, StaffId};
pub(crate) use incoming::{EventRejection, EventResult, IncomingEvent};
pub(crate) use manifests::Cancellation;
pub(crate) use manifests::ManifestScope;
pub use manifests::{CountState, HandoverCountInfo, ManifestInfo, ManifestRequest};
pub(crate) use paging::{PageAt, Paged};
pub use people::CourierInfo;
pub(crate) use period_report::PeriodRow;
pub(crate) use photos::PhotoRow;
pub(crate) use printed::{Period, local_day, today};
pub(crate) use refusals::{
    CourierRefusal, ManifestRefusal, ReturnCountRefusal, ReturnRefusal, VisitManifestRefusal,
    VisitRefusal,
};
pub use report::{Report, ReportRow, StateCounts};
pub use returns::ReturnInfo;
pub(crate) use returns::ReturnManifest;
pub(crate) use review::{OfficeChecks, ProofDetail};
pub use review::{ProofOrder, ProofRow, Verdict};
pub(crate) use roles::{
    CourierStore, DocumentStore, EventStore, GuessFailure, GuessStore, OfficeStore, PhotoStore,
    VisitStore,
};
pub(crate) use service_standard::{ServiceRow, ServiceStandard};
pub use sqlite::error::StoreError;
pub(crate) use sqlite::error::StoreResult;
pub(crate) use sqlite::values::{
    from_json_text, from_serde_text, get_u64, json_text, parse_stored, parse_timestamp, serde_text,
    timestamp,
};
pub(crate) use staff::{AuditEntry, Session};
pub use staff::{Role, StaffUser};
pub use visit_results::{
    CardCounts, CategoryCounts, CheckinRow, HandoverRow, PersonResult, VisitCounts, VisitResults,
    WalkInResult,
};
pub(crate) use visits::NewTarget;
pub use visits::{TargetRow, VisitFilter, VisitInfo, VisitPlan};

/// What the writer remembers of the committed data to save queries on the ingest path. Taken
/// out for the duration of a transaction and put back only when it commits; forgotten when one
/// fails. Only ingest writes events, but should another writer (a tool in another process)
/// ever commit, the store says so (SQLite: `data_version`) and calls
/// [`WriterMemo::forget_what_others_change`].
#[derive(Debug, Default)]
pub(crate) struct WriterMemo {
    /// The last office_seq given out, once known.
    pub(crate) last_office_seq: Option<i64>,
    /// Per device, its stored event with the highest device_seq (see `custody`).
    pub(crate) device_tails: custody::DeviceTails,
    /// Items seen by ingest: facts that never change, and states (see `item_memo`).
    pub(crate) items: item_memo::ItemMemo,
}

impl WriterMemo {
    /// Forgets what another writer could have changed: the latest office_seq, the devices'
    /// chain tails, the items' states. (Items' facts never change.)
    pub(crate) fn forget_what_others_change(&mut self) {
        self.last_office_seq = None;
        self.device_tails = custody::DeviceTails::default();
        self.items.forget_states();
    }
}
