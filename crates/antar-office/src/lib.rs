//! Antar's office server: imports SIAK exports of printed documents, issues BA Pengiriman to
//! couriers, and receives the couriers' delivery events and proof photos over HTTP (protocol
//! v1 of [`antar_domain::wire`]).
//!
//! The library API is [`Office`] (storage and the staff operations the CLI runs) and
//! [`serve`]/[`spawn`] (the HTTP API and the staff web); everything else is internal.

mod api;
mod error;
mod guess_limit;
mod headers;
mod health;
mod import;
mod ingest;
mod office;
mod passwords;
mod photos;
mod secrets;
mod server;
mod store;
/// Tests' and benchmarks' own PostgreSQL databases; not part of the office's API.
#[doc(hidden)]
pub mod temp_postgres;
#[cfg(test)]
mod test_events;
mod web;

pub use error::{OfficeError, OfficeResult};
pub use health::StorageProblem;
pub use import::{ImportReport, RowReport};
pub use office::backup::{BACKUP_MANIFEST, BackupReport, RestoreReport, restore};
pub use office::copy_to_postgres::copy_to_postgres;
pub use office::device_access::describe_access;
pub use office::{Database, Office, PersonRef, Reviewed, VisitReportRow};
pub use passwords::MIN_PASSWORD_CHARS;
pub use secrets::EnrollmentCode;
pub use server::{RunningOffice, serve, serve_with, spawn, spawn_on, spawn_with};
pub use store::{
    CardCounts, CategoryCounts, CheckinRow, ContactId, CountState, CourierInfo, DeviceInfo,
    DocumentId, HandoverCountInfo, HandoverRow, ManifestInfo, ManifestRequest, PersonResult,
    PhotoCheck, ProofNumber, ProofOrder, ProofRow, Report, ReportRow, ReturnInfo, Role, StaffId,
    StaffUser, StateCounts, StoreError, StoredAttempt, TableCopied, TargetRow, Verdict,
    VisitCounts, VisitFilter, VisitInfo, VisitPlan, VisitResults, WalkInResult,
};
pub use web::WebConfig;
