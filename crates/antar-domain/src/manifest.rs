//! The BA Pengiriman (dispatch manifest): its number, date, issuing officer, courier and the
//! documents it hands over, each as a manifest item with its state.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::address::KtpAddress;
use crate::contact::Phone;
use crate::document::DocumentType;
use crate::ids::{CourierId, ItemId, ManifestId, Sha256Hash};
use crate::nik::Nik;
use crate::state::ItemState;

/// The archive classification code for population affairs, which prefixes the office's
/// letter numbers.
const CLASSIFICATION: &str = "470";

/// A BA number as printed on the paper report, e.g. `470/0007/BA-PENG/DUKCAPIL/XI/2026`.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BaNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    #[error("nomor BA tidak boleh kosong")]
    EmptyNumber,
    #[error("nomor BA terlalu panjang atau memuat karakter kontrol")]
    MalformedNumber,
}

impl BaNumber {
    /// The `sequence`-th BA of the year of `issued_on`.
    pub fn format(sequence: u32, issued_on: NaiveDate) -> Self {
        Self(format!(
            "{CLASSIFICATION}/{sequence:04}/BA-PENG/DUKCAPIL/{}/{}",
            roman_month(issued_on.month()),
            issued_on.year()
        ))
    }

    pub fn parse(s: &str) -> Result<Self, ManifestError> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(ManifestError::EmptyNumber);
        }
        if trimmed.len() > 80 || trimmed.chars().any(char::is_control) {
            return Err(ManifestError::MalformedNumber);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn roman_month(month: u32) -> &'static str {
    const ROMAN: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    ROMAN[(month.clamp(1, 12) - 1) as usize]
}

impl TryFrom<String> for BaNumber {
    type Error = ManifestError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<BaNumber> for String {
    fn from(number: BaNumber) -> Self {
        number.0
    }
}

impl fmt::Display for BaNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct CourierRef {
    pub id: CourierId,
    pub name: String,
}

/// One document handed to the courier, with what the courier needs to find its owner.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct ManifestItem {
    pub id: ItemId,
    /// Position on the printed BA list, from 1.
    pub line: u32,
    pub document_type: DocumentType,
    pub owner_name: String,
    pub nik: Nik,
    pub address: KtpAddress,
    pub phone: Option<Phone>,
    pub printed_on: NaiveDate,
    pub state: ItemState,
}

/// A BA Pengiriman as the office issued it.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub id: ManifestId,
    pub number: BaNumber,
    pub issued_on: NaiveDate,
    pub issued_by: String,
    pub courier: CourierRef,
    pub items: Vec<ManifestItem>,
}

impl Manifest {
    /// The manifest's fingerprint: the SHA-256 of its canonical JSON. Attempts name it, so a
    /// proof cannot be moved to another manifest unnoticed.
    pub fn content_hash(&self) -> Sha256Hash {
        // Serialising plain structs and enums to JSON cannot fail.
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        Sha256Hash::of(&bytes)
    }

    pub fn item(&self, id: ItemId) -> Option<&ManifestItem> {
        self.items.iter().find(|item| item.id == id)
    }

    /// Counts of items per state, in the order of [`ItemState::ALL`].
    pub fn counts(&self) -> [(ItemState, usize); 4] {
        ItemState::ALL.map(|state| {
            let n = self.items.iter().filter(|item| item.state == state).count();
            (state, n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ba_number_carries_sequence_month_and_year() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(
            BaNumber::format(7, date).as_str(),
            "470/0007/BA-PENG/DUKCAPIL/XI/2026"
        );
        let january = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
        assert!(BaNumber::format(123, january).as_str().ends_with("/I/2027"));
    }

    #[test]
    fn ba_number_refuses_empty_and_control_characters() {
        assert_eq!(BaNumber::parse("  "), Err(ManifestError::EmptyNumber));
        assert_eq!(
            BaNumber::parse("470/\n1"),
            Err(ManifestError::MalformedNumber)
        );
    }
}
