//! What can go wrong with a photo, in words a courier understands (Indonesian).
//!
//! Decoder details (English, technical) are kept in fields for developers but never shown
//! in the message: the courier only needs to know what to do next.

use crate::probe::ImageFormat;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PhotoError {
    #[error("file foto kosong (0 byte): ambil foto lagi")]
    Empty,

    #[error("foto rusak atau terpotong: ambil foto lagi")]
    Corrupt { detail: String },

    #[error("format HEIC belum didukung: atur kamera ke JPEG")]
    Heic,

    #[error("format {} tidak diterima: foto bukti harus JPEG dari kamera", .0.name())]
    NotJpeg(ImageFormat),

    #[error("bukan file foto yang dikenali: foto bukti harus JPEG dari kamera")]
    UnknownFormat,

    #[error(
        "foto terlalu besar: {width}×{height} piksel (paling banyak {max_megapixels} MP dan \
         {max_side} piksel per sisi)"
    )]
    TooLarge {
        width: u32,
        height: u32,
        max_megapixels: u32,
        max_side: u32,
    },

    #[error(
        "foto terlalu kecil: {width}×{height} piksel (paling sedikit {min_long_side} piksel di sisi panjang)"
    )]
    TooSmall {
        width: u32,
        height: u32,
        min_long_side: u32,
    },

    #[error("jenis warna foto tidak didukung ({0}): atur kamera ke JPEG biasa")]
    UnsupportedColor(&'static str),

    #[error("data cap foto tidak sah: {0}")]
    InvalidStamp(&'static str),

    #[error("pengaturan foto bukti tidak sah: {0}")]
    InvalidOptions(&'static str),

    #[error("bukan foto bukti yang sah: {0}")]
    NotAProof(&'static str),

    #[error("gagal membuat foto bukti: {detail}")]
    Internal { detail: String },
}

impl PhotoError {
    pub(crate) fn corrupt(detail: impl ToString) -> Self {
        Self::Corrupt {
            detail: detail.to_string(),
        }
    }

    pub(crate) fn internal(detail: impl ToString) -> Self {
        Self::Internal {
            detail: detail.to_string(),
        }
    }
}
