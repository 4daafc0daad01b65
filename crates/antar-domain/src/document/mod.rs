//! Printed civil-registration documents awaiting delivery: their type, KK number and owner;
//! [`siak`] validates the rows they are imported from.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::address::KtpAddress;
use crate::contact::Phone;
use crate::nik::{self, Nik, PrefixFault, Sex};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum DocumentType {
    KtpEl,
    Kk,
    Kia,
    AktaKelahiran,
    AktaKematian,
    /// Only from stored data (code "LAINNYA"); imports must name a known type.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "jenis dokumen tidak dikenal: '{found}' (isi KTP-el, KK, KIA, AKTA KELAHIRAN atau AKTA KEMATIAN)"
)]
pub struct DocumentTypeError {
    pub found: String,
}

impl DocumentType {
    /// Parses what office staff type: case, spaces, hyphens and dots do not matter.
    /// Never yields `Other`, so an unknown type stops the import instead of being delivered blind.
    pub fn parse(s: &str) -> Result<DocumentType, DocumentTypeError> {
        let key: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        match key.as_str() {
            "KTPEL" | "KTP" | "EKTP" => Ok(DocumentType::KtpEl),
            "KK" | "KARTUKELUARGA" => Ok(DocumentType::Kk),
            "KIA" | "KARTUIDENTITASANAK" => Ok(DocumentType::Kia),
            "AKTAKELAHIRAN" | "AKTALAHIR" => Ok(DocumentType::AktaKelahiran),
            "AKTAKEMATIAN" | "AKTAMATI" => Ok(DocumentType::AktaKematian),
            _ => Err(DocumentTypeError {
                found: s.trim().to_string(),
            }),
        }
    }

    /// Stable code for the database and the wire; never change one once written.
    pub fn as_code(self) -> &'static str {
        match self {
            DocumentType::KtpEl => "KTP-el",
            DocumentType::Kk => "KK",
            DocumentType::Kia => "KIA",
            DocumentType::AktaKelahiran => "AKTA-LAHIR",
            DocumentType::AktaKematian => "AKTA-MATI",
            DocumentType::Other => "LAINNYA",
        }
    }

    pub fn from_code(code: &str) -> Option<DocumentType> {
        [
            DocumentType::KtpEl,
            DocumentType::Kk,
            DocumentType::Kia,
            DocumentType::AktaKelahiran,
            DocumentType::AktaKematian,
            DocumentType::Other,
        ]
        .into_iter()
        .find(|t| t.as_code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn label_id(self) -> &'static str {
        match self {
            DocumentType::KtpEl => "KTP Elektronik",
            DocumentType::Kk => "Kartu Keluarga",
            DocumentType::Kia => "Kartu Identitas Anak",
            DocumentType::AktaKelahiran => "Akta Kelahiran",
            DocumentType::AktaKematian => "Akta Kematian",
            DocumentType::Other => "Dokumen Lainnya",
        }
    }
}

impl TryFrom<String> for DocumentType {
    type Error = DocumentTypeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        DocumentType::from_code(&s).ok_or(DocumentTypeError { found: s })
    }
}

impl From<DocumentType> for String {
    fn from(t: DocumentType) -> String {
        t.as_code().to_string()
    }
}

/// A Kartu Keluarga number: the NIK's region structure, an issue date DDMMYY and a serial.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NoKk(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NoKkError {
    #[error("No. KK harus 16 digit, ditemukan {found}")]
    Length { found: usize },
    #[error("No. KK hanya boleh berisi angka, digit ke-{position} berisi '{found}'")]
    NotDigit { position: usize, found: char },
    #[error("kode provinsi No. KK (digit 1–2) tidak dikenal: {code}")]
    Province { code: String },
    #[error("kode kabupaten/kota No. KK (digit 3–4) tidak boleh 00")]
    Regency,
    #[error("kode kecamatan No. KK (digit 5–6) tidak boleh 00")]
    District,
    #[error("tanggal terbit pada No. KK (digit 7–12, DDMMYY) tidak valid: {digits}")]
    IssueDate { digits: String },
    #[error("nomor urut No. KK (digit 13–16) tidak boleh 0000")]
    Serial,
}

impl NoKk {
    pub fn parse(s: &str) -> Result<NoKk, NoKkError> {
        let s = s.trim();
        nik::check_region_prefix(s).map_err(|fault| match fault {
            PrefixFault::Length(found) => NoKkError::Length { found },
            PrefixFault::NotDigit(position, found) => NoKkError::NotDigit { position, found },
            PrefixFault::Province(code) => NoKkError::Province { code },
            PrefixFault::Regency => NoKkError::Regency,
            PrefixFault::District => NoKkError::District,
        })?;
        // Only the ranges are checked, not the calendar: 10 of the 500 known-good sample rows
        // carry issue dates such as 31-06 or 30-02, so a calendar check would reject real data.
        let (day, month) = (nik::two_digits(s, 6), nik::two_digits(s, 8));
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            return Err(NoKkError::IssueDate {
                digits: s[6..12].to_string(),
            });
        }
        if &s[12..16] == "0000" {
            return Err(NoKkError::Serial);
        }
        Ok(NoKk(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn masked(&self) -> String {
        format!("{}******{}", &self.0[..6], &self.0[12..])
    }
}

impl fmt::Display for NoKk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for NoKk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("NoKk").field(&self.masked()).finish()
    }
}

impl TryFrom<String> for NoKk {
    type Error = NoKkError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        NoKk::parse(&s)
    }
}

impl From<NoKk> for String {
    fn from(no_kk: NoKk) -> String {
        no_kk.0
    }
}

/// One printed document for one citizen, validated from a SIAK export row.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintedDocument {
    pub nik: Nik,
    pub no_kk: Option<NoKk>,
    pub name: String,
    pub sex: Sex,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub address: KtpAddress,
    pub phone: Option<Phone>,
    pub document_type: DocumentType,
    pub printed_on: NaiveDate,
}

impl PrintedDocument {
    /// The same person, document type and print date is the same document, whichever file
    /// or row number it arrives in.
    pub fn dedup_key(&self) -> String {
        format!(
            "{}|{}|{}",
            self.nik,
            self.document_type.as_code(),
            self.printed_on
        )
    }
}

/// Name and address are personal data, so only what identifies the item without exposing
/// the person is shown.
impl fmt::Debug for PrintedDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrintedDocument")
            .field("nik", &self.nik.masked())
            .field("document_type", &self.document_type)
            .field("desa", &self.address.desa)
            .finish_non_exhaustive()
    }
}

mod siak;

pub use siak::{HeaderError, RowError, SIAK_COLUMNS, check_headers, parse_siak_record};

#[cfg(test)]
pub(crate) mod properties;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_types() {
        for (input, expected) in [
            ("KTP-el", DocumentType::KtpEl),
            ("ktp el", DocumentType::KtpEl),
            ("KTPEL", DocumentType::KtpEl),
            ("KTP", DocumentType::KtpEl),
            ("kk", DocumentType::Kk),
            ("KIA", DocumentType::Kia),
            ("Akta Kelahiran", DocumentType::AktaKelahiran),
            ("AKTA-LAHIR", DocumentType::AktaKelahiran),
            ("akta kematian", DocumentType::AktaKematian),
        ] {
            assert_eq!(DocumentType::parse(input), Ok(expected), "{input}");
        }
        assert!(DocumentType::parse("LAINNYA").is_err());
        assert!(DocumentType::parse("").is_err());
        assert_eq!(
            serde_json::to_string(&DocumentType::AktaKematian).unwrap(),
            "\"AKTA-MATI\""
        );
        assert_eq!(
            serde_json::from_str::<DocumentType>("\"LAINNYA\"").unwrap(),
            DocumentType::Other
        );
        assert_eq!(DocumentType::KtpEl.label_id(), "KTP Elektronik");
    }

    #[test]
    fn no_kk_rules() {
        assert!(NoKk::parse("1806012502097415").is_ok());
        assert!(
            NoKk::parse("1806013106087415").is_ok(),
            "31-06 occurs in the good sample"
        );
        assert_eq!(
            NoKk::parse("1806013206087415"),
            Err(NoKkError::IssueDate {
                digits: "320608".into()
            })
        );
        assert_eq!(
            NoKk::parse("1806010113087415"),
            Err(NoKkError::IssueDate {
                digits: "011308".into()
            })
        );
        assert_eq!(NoKk::parse("1806012502090000"), Err(NoKkError::Serial));
        assert_eq!(NoKk::parse("1800012502097415"), Err(NoKkError::Regency));
        assert_eq!(
            NoKk::parse("180601250209741"),
            Err(NoKkError::Length { found: 15 })
        );
        assert_eq!(
            format!("{:?}", NoKk::parse("1806012502097415").unwrap()),
            "NoKk(\"180601******7415\")"
        );
    }

    #[test]
    fn debug_hides_personal_data_and_serde_round_trips() {
        use super::siak::tests::{GOOD, parse_file};
        let document = parse_file(GOOD).remove(0).1.unwrap();
        let debug = format!("{document:?}");
        assert_eq!(
            debug,
            "PrintedDocument { nik: \"180601******7861\", document_type: Kk, desa: RegionCode(\"18.06.01.2019\"), .. }"
        );
        let json = serde_json::to_string(&document).unwrap();
        assert_eq!(
            serde_json::from_str::<PrintedDocument>(&json).unwrap(),
            document
        );
    }
}
