//! Antar's office server: imports SIAK exports of printed documents, issues BA Pengiriman to
//! couriers, and receives the couriers' delivery events and proof photos over HTTP (protocol
//! v1 of [`antar_domain::wire`]).
//!
//! The library API is [`Office`] (storage and the staff operations the CLI runs) and
//! [`serve`]/[`spawn`] (the HTTP API); everything else is internal.

mod api;
mod error;
mod import;
mod office;
mod photos;
mod secrets;
mod server;
mod store;

pub use error::{OfficeError, OfficeResult};
pub use import::{ImportReport, RowReport};
pub use office::{ENROLLMENT_CODE_VALID_DAYS, Office};
pub use secrets::EnrollmentCode;
pub use server::{RunningOffice, serve, spawn};
pub use store::{
    CourierInfo, ManifestInfo, ManifestRequest, Report, ReportRow, StateCounts, StoredAttempt,
};
