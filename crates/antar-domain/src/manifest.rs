//! The BA Pengiriman (dispatch manifest): its number, date, issuing officer, courier and the
//! documents it hands over, each as a manifest item with its state.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::address::KtpAddress;
use crate::contact::Phone;
use crate::document::DocumentType;
use crate::ids::{CourierId, ItemId, ManifestId, Sha256Hash};
use crate::item_nik::ItemNik;
use crate::state::ItemState;

/// The archive classification code for population affairs, which prefixes the office's
/// letter numbers.
pub(crate) const CLASSIFICATION: &str = "470";

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

    /// The `sequence`-th BA Pengembalian (documents the courier brought back) of the year of
    /// `issued_on`: numbered like a BA Pengiriman, in its own series.
    pub fn format_return(sequence: u32, issued_on: NaiveDate) -> Self {
        Self(format!(
            "{CLASSIFICATION}/{sequence:04}/BA-KEMB/DUKCAPIL/{}/{}",
            roman_month(issued_on.month()),
            issued_on.year()
        ))
    }

    /// The `sequence`-th BA of the year of `issued_on` when it lists the printed documents a
    /// recording team's visit hands over: numbered in the same agenda series as a BA
    /// Pengiriman (one office, one letter register), named for the visit.
    pub fn format_visit(sequence: u32, issued_on: NaiveDate) -> Self {
        Self(format!(
            "{CLASSIFICATION}/{sequence:04}/BA-KELILING/DUKCAPIL/{}/{}",
            roman_month(issued_on.month()),
            issued_on.year()
        ))
    }

    /// Whether this is a visit's BA ([`BaNumber::format_visit`]).
    pub fn is_visit(&self) -> bool {
        self.0.contains("/BA-KELILING/")
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

pub(crate) fn roman_month(month: u32) -> &'static str {
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
    /// Whole at the office; its last 4 digits on a phone that asked for the phone's form.
    pub nik: ItemNik,
    pub address: KtpAddress,
    pub phone: Option<Phone>,
    pub printed_on: NaiveDate,
    pub state: ItemState,
}

impl ManifestItem {
    /// The item once its owner's personal data has left the phone (30 days after delivery,
    /// see [`crate::sop::DELIVERED_KEPT_ON_PHONE_DAYS`]): its line, type, desa and state stay;
    /// the name, street address and contact go, and of the NIK only its last digits stay.
    pub fn without_personal_data(&self) -> ManifestItem {
        let mut kept = self.clone();
        kept.owner_name = String::new();
        kept.address.alamat = String::new();
        kept.phone = None;
        kept.nik = kept.nik.tail();
        kept
    }
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
    /// Issued since the courier's count at handover exists: the phone asks for the count
    /// before the first attempt (`ba_count`). Absent, and so false, on BAs issued before and
    /// from offices before the counts; not part of the fingerprint.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub count_required: bool,
}

impl Manifest {
    /// The manifest's fingerprint: the SHA-256 of the canonical JSON of everything the
    /// office issued (not the items' states, which change). Attempts name it, so a proof
    /// cannot be moved to another manifest unnoticed.
    pub fn content_hash(&self) -> Sha256Hash {
        #[derive(Serialize)]
        struct Issued<'a> {
            id: ManifestId,
            number: &'a BaNumber,
            issued_on: NaiveDate,
            issued_by: &'a str,
            courier: &'a CourierRef,
            items: Vec<IssuedItem<'a>>,
        }
        #[derive(Serialize)]
        struct IssuedItem<'a> {
            id: ItemId,
            line: u32,
            document_type: DocumentType,
            owner_name: &'a str,
            nik: &'a ItemNik,
            address: &'a KtpAddress,
            phone: Option<&'a Phone>,
            printed_on: NaiveDate,
        }
        let issued = Issued {
            id: self.id,
            number: &self.number,
            issued_on: self.issued_on,
            issued_by: &self.issued_by,
            courier: &self.courier,
            items: self
                .items
                .iter()
                .map(|item| IssuedItem {
                    id: item.id,
                    line: item.line,
                    document_type: item.document_type,
                    owner_name: &item.owner_name,
                    nik: &item.nik,
                    address: &item.address,
                    phone: item.phone.as_ref(),
                    printed_on: item.printed_on,
                })
                .collect(),
        };
        // Serialising plain structs to JSON cannot fail.
        Sha256Hash::of(&serde_json::to_vec(&issued).unwrap_or_default())
    }

    /// The BA as a phone of today's version holds it: each NIK cut to its last 4 digits. Its
    /// fingerprint is another than the office's copy's; the office keeps each one it served.
    pub fn phone_form(&self) -> Manifest {
        let mut form = self.clone();
        for item in &mut form.items {
            item.nik = item.nik.tail();
        }
        form
    }

    /// The BA without its documents: what a phone keeps beside its items' rows.
    pub fn header(&self) -> Manifest {
        Manifest {
            items: Vec::new(),
            ..self.clone()
        }
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

    fn one_item_manifest() -> Manifest {
        let registry = crate::region::Registry::tanggamus();
        let desa = crate::region::RegionCode::parse("18.06.01.2019").unwrap();
        let address = KtpAddress::resolve(
            registry,
            "JL. RAYA KOTA AGUNG NO. 112",
            "001",
            "001",
            Some(&desa),
            "KOTA AGUNG",
            "PENANGGUNGAN",
        )
        .unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        Manifest {
            id: ManifestId::new_v7(),
            number: BaNumber::format(1, date),
            issued_on: date,
            issued_by: "Kepala Seksi".into(),
            courier: CourierRef {
                id: CourierId::new_v7(),
                name: "Budi".into(),
            },
            items: vec![ManifestItem {
                id: ItemId::new_v7(),
                line: 1,
                document_type: DocumentType::KtpEl,
                owner_name: "DIAN SAPUTRI".into(),
                nik: crate::nik::Nik::parse("1806014607487861").unwrap().into(),
                address,
                phone: None,
                printed_on: date,
                state: ItemState::Pending,
            }],
            count_required: false,
        }
    }

    #[test]
    fn a_ba_from_before_the_counts_reads_and_writes_as_it_did() {
        let manifest = one_item_manifest();
        let json = serde_json::to_string(&manifest).unwrap();
        assert!(!json.contains("count_required"), "{json}");
        let read: Manifest = serde_json::from_str(&json).unwrap();
        assert!(!read.count_required);
        let asked = Manifest {
            count_required: true,
            ..manifest.clone()
        };
        let json = serde_json::to_string(&asked).unwrap();
        assert!(json.contains(r#""count_required":true"#), "{json}");
        assert_eq!(
            asked.content_hash(),
            manifest.content_hash(),
            "not in the fingerprint"
        );
    }

    #[test]
    fn content_hash_ignores_states_but_binds_everything_issued() {
        let manifest = one_item_manifest();
        let mut delivered = manifest.clone();
        delivered.items[0].state = ItemState::Delivered;
        assert_eq!(manifest.content_hash(), delivered.content_hash());

        let mut renamed = manifest.clone();
        renamed.items[0].owner_name = "DIAN SAPUTRA".into();
        assert_ne!(manifest.content_hash(), renamed.content_hash());
        let mut moved = manifest.clone();
        moved.id = ManifestId::new_v7();
        assert_ne!(manifest.content_hash(), moved.content_hash());
    }

    #[test]
    fn return_numbers_follow_the_ba_pattern() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap_or_default();
        assert_eq!(
            BaNumber::format_return(7, day).as_str(),
            "470/0007/BA-KEMB/DUKCAPIL/XI/2026"
        );
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
