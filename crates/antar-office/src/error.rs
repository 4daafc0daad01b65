//! The office's error type: everything the library can refuse or fail at, with messages for
//! people in Bahasa Indonesia.

use std::path::PathBuf;

/// What went wrong in an office operation. The CLI prints these; the HTTP layer maps the ones a
/// device can cause to status codes.
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("berkas {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("berkas impor {path}: {message}")]
    ImportFile { path: PathBuf, message: String },
    #[error("kolom berkas impor tidak lengkap: {0}")]
    Headers(String),
    #[error("kurir {0} tidak ditemukan")]
    UnknownCourier(String),
    #[error("kurir {0} sudah dinonaktifkan: tidak bisa diberi kode atau BA baru")]
    CourierDeactivated(String),
    #[error("{name} terdaftar sebagai {role}: {refused} (ubah perannya di halaman Kurir)")]
    WrongFieldRole {
        name: String,
        role: String,
        refused: &'static str,
    },
    #[error("perangkat {0} tidak ditemukan")]
    UnknownDevice(String),
    #[error("{0}")]
    InvalidRequest(String),
    #[error("tidak ada dokumen yang bisa dimasukkan ke BA: {0}")]
    EmptySelection(String),
    #[error("BA {0} tidak ditemukan")]
    UnknownManifest(String),
    #[error("kunjungan {0} tidak ditemukan")]
    UnknownVisit(String),
    #[error("BA Pengembalian {0} tidak ditemukan")]
    UnknownReturn(String),
    #[error("kunjungan {number} sudah {state}: {what}")]
    VisitNotPlanned {
        number: String,
        state: String,
        what: &'static str,
    },
    #[error("data tersimpan rusak: {0}")]
    Corrupt(String),
    #[error("server: {0}")]
    Server(String),
}

impl OfficeError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Self::Corrupt(what.to_string())
    }
}

pub type OfficeResult<T> = Result<T, OfficeError>;
