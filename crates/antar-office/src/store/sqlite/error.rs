//! What the storage could not do, in four kinds any engine can say — not found, a conflict
//! with what is stored, unavailable (busy, full, read-only, failing), anything else — and
//! how SQLite's errors become them. Nothing above the store names the engine's error type.

use crate::error::OfficeError;
use crate::health::StorageProblem;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("tidak ditemukan di basis data: {0}")]
    NotFound(String),
    #[error("bentrok dengan data tersimpan: {0}")]
    Conflict(String),
    /// The storage cannot take the operation now; `problem` says why when it is the disk's.
    #[error("basis data tidak tersedia: {message}")]
    Unavailable {
        problem: Option<StorageProblem>,
        message: String,
    },
    #[error("basis data: {0}")]
    Other(String),
}

/// What a store operation gives: its value, or what the storage could not do.
pub(crate) type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// A stored value that does not read back as what was written (a hand edit, a bad disk).
    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Self::Other(format!("data tersimpan rusak: {what}"))
    }

    /// The disk's problem behind the failure, if it was one (a refused input is not).
    pub(crate) fn storage_problem(&self) -> Option<StorageProblem> {
        match self {
            Self::Unavailable { problem, .. } => *problem,
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let message = error.to_string();
        match &error {
            rusqlite::Error::SqliteFailure(failure, _) => {
                let unavailable = |problem| Self::Unavailable {
                    problem,
                    message: message.clone(),
                };
                match failure.code {
                    ErrorCode::DiskFull => unavailable(Some(StorageProblem::Full)),
                    ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                        unavailable(Some(StorageProblem::ReadOnly))
                    }
                    ErrorCode::SystemIoFailure | ErrorCode::DatabaseCorrupt => {
                        unavailable(Some(StorageProblem::Failing))
                    }
                    ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => unavailable(None),
                    ErrorCode::ConstraintViolation => Self::Conflict(message),
                    _ => Self::Other(message),
                }
            }
            rusqlite::Error::QueryReturnedNoRows => Self::NotFound(message),
            _ => Self::Other(message),
        }
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(error: rusqlite_migration::Error) -> Self {
        match error {
            rusqlite_migration::Error::RusqliteError { err, .. } => err.into(),
            other => Self::Other(format!("migrasi: {other}")),
        }
    }
}

impl From<rusqlite::Error> for OfficeError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Store(error.into())
    }
}

impl From<rusqlite_migration::Error> for OfficeError {
    fn from(error: rusqlite_migration::Error) -> Self {
        Self::Store(error.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_failures_become_the_kinds_any_store_can_say() {
        let failure = |code: std::ffi::c_int| {
            StoreError::from(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        assert_eq!(
            failure(rusqlite::ffi::SQLITE_FULL).storage_problem(),
            Some(StorageProblem::Full)
        );
        assert_eq!(
            failure(rusqlite::ffi::SQLITE_READONLY).storage_problem(),
            Some(StorageProblem::ReadOnly)
        );
        assert_eq!(
            failure(rusqlite::ffi::SQLITE_IOERR).storage_problem(),
            Some(StorageProblem::Failing)
        );
        assert!(matches!(
            failure(rusqlite::ffi::SQLITE_BUSY),
            StoreError::Unavailable { problem: None, .. }
        ));
        assert!(matches!(
            failure(rusqlite::ffi::SQLITE_CONSTRAINT),
            StoreError::Conflict(_)
        ));
        assert!(matches!(
            StoreError::from(rusqlite::Error::QueryReturnedNoRows),
            StoreError::NotFound(_)
        ));
    }
}
