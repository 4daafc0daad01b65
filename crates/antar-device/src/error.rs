//! What can go wrong on the device, one variant per thing the caller (a screen, the CLI) can
//! act on: no signal → try later; refused by the office → show its message; old app →
//! update; not enrolled → enroll; bad input → fix the form; storage → the phone is in trouble.

use antar_domain::wire::{ApiError, ERROR_DEVICE_REVOKED};

#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    /// The office could not be reached (no signal, timeout, connection cut). Nothing was
    /// lost: retry when there is signal.
    #[error("kantor tidak dapat dihubungi ({reason}); data tetap aman di ponsel, coba lagi nanti")]
    Offline { reason: String },

    /// The office answered with an error of its own.
    #[error("kantor menolak (HTTP {status}): {}", error.message)]
    Rejected { status: u16, error: ApiError },

    /// The other side does not speak our protocol version, or is not an Antar office at all
    /// (a captive portal of a mobile operator answers with a login page, for instance).
    #[error("{0}")]
    Protocol(String),

    #[error("perangkat belum terdaftar: lakukan pendaftaran (enroll) dengan kode dari kantor")]
    NotEnrolled,

    #[error("{what} tidak ditemukan")]
    NotFound { what: String },

    /// The input cannot be accepted as it is; the message says why, in Indonesian.
    #[error("{0}")]
    Invalid(String),

    #[error("penyimpanan ponsel bermasalah: {0}")]
    Storage(String),
}

impl DeviceError {
    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound { what: what.into() }
    }

    /// True when retrying later, with signal, may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Offline { .. } => true,
            Self::Rejected { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    /// True when the office does not know this device's token: enroll again. Not for a phone
    /// staff revoked on purpose (see [`DeviceError::is_revoked`]).
    pub fn needs_enrollment(&self) -> bool {
        matches!(self, Self::NotEnrolled)
            || matches!(self, Self::Rejected { status: 401, .. }) && !self.is_revoked()
    }

    /// True when staff revoked this phone: it reads nothing more, and its courier must ask
    /// the office (the message says so).
    pub fn is_revoked(&self) -> bool {
        matches!(self, Self::Rejected { status: 401, error } if error.code == ERROR_DEVICE_REVOKED)
    }
}

impl From<rusqlite::Error> for DeviceError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Storage(format!("basis data: {error}"))
    }
}

impl From<rusqlite_migration::Error> for DeviceError {
    fn from(error: rusqlite_migration::Error) -> Self {
        Self::Storage(format!("migrasi basis data: {error}"))
    }
}

impl From<std::io::Error> for DeviceError {
    fn from(error: std::io::Error) -> Self {
        Self::Storage(format!("berkas: {error}"))
    }
}

impl From<serde_json::Error> for DeviceError {
    /// Only our own stored JSON goes through this conversion; the office's JSON is mapped to
    /// [`DeviceError::Protocol`] where it is read.
    fn from(error: serde_json::Error) -> Self {
        Self::Storage(format!("data tersimpan rusak: {error}"))
    }
}

pub type Result<T, E = DeviceError> = std::result::Result<T, E>;
