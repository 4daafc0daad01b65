//! The NIK (Nomor Induk Kependudukan): its validation, masking, and what its digits say about the holder.
//!
//! The region digits (1–6) record where the NIK was first issued, not where the holder lives now,
//! so they are never compared with an address.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The 38 province codes of Kepmendagri 2025; a NIK issued anywhere in Indonesia starts with one.
const PROVINCE_CODES: [&str; 38] = [
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
    "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
    "91", "92", "93", "94", "95", "96",
];

/// Women's NIKs carry the day of birth plus 40, which is how the NIK encodes sex.
const FEMALE_DAY_OFFSET: u32 = 40;

/// A validated 16-digit NIK. `Debug` shows only the masked form, because the full number is
/// personal data under UU PDP and must not leak into logs.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nik(String);

/// Why a NIK was rejected. Messages never contain the whole NIK.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NikError {
    #[error("NIK harus 16 digit, ditemukan {found}")]
    Length { found: usize },
    #[error("NIK hanya boleh berisi angka, digit ke-{position} berisi '{found}'")]
    NotDigit { position: usize, found: char },
    #[error("kode provinsi NIK (digit 1–2) tidak dikenal: {code}")]
    Province { code: String },
    #[error("kode kabupaten/kota NIK (digit 3–4) tidak boleh 00")]
    Regency,
    #[error("kode kecamatan NIK (digit 5–6) tidak boleh 00")]
    District,
    #[error("tanggal lahir pada NIK (digit 7–12, DDMMYY) tidak valid: {digits}")]
    BirthDate { digits: String },
    #[error("nomor urut NIK (digit 13–16) tidak boleh 0000")]
    Serial,
}

/// A structural fault shared by the NIK and the No. KK, which use the same region prefix.
#[derive(Debug)]
pub(crate) enum PrefixFault {
    Length(usize),
    NotDigit(usize, char),
    Province(String),
    Regency,
    District,
}

/// Checks what the NIK and No. KK have in common: 16 ASCII digits starting with a known
/// province and non-zero kabupaten and kecamatan codes.
pub(crate) fn check_region_prefix(s: &str) -> Result<(), PrefixFault> {
    let count = s.chars().count();
    if count != 16 {
        return Err(PrefixFault::Length(count));
    }
    if let Some((i, c)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(PrefixFault::NotDigit(i + 1, c));
    }
    if !PROVINCE_CODES.contains(&&s[0..2]) {
        return Err(PrefixFault::Province(s[0..2].to_string()));
    }
    if &s[2..4] == "00" {
        return Err(PrefixFault::Regency);
    }
    if &s[4..6] == "00" {
        return Err(PrefixFault::District);
    }
    Ok(())
}

/// Two-digit number at `start` of an all-digit string.
pub(crate) fn two_digits(s: &str, start: usize) -> u32 {
    s.as_bytes()[start..start + 2]
        .iter()
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

fn without_female_offset(raw_day: u32) -> u32 {
    if raw_day > FEMALE_DAY_OFFSET {
        raw_day - FEMALE_DAY_OFFSET
    } else {
        raw_day
    }
}

/// Whether day/month/yy is a real date in 19yy or 20yy: a NIK alone cannot tell the century,
/// so 29-02-00 is accepted because 2000 was a leap year.
fn is_real_date_either_century(day: u32, month: u32, yy: u32) -> bool {
    [1900, 2000]
        .iter()
        .any(|century| NaiveDate::from_ymd_opt(century + yy as i32, month, day).is_some())
}

impl Nik {
    pub fn parse(s: &str) -> Result<Nik, NikError> {
        let s = s.trim();
        check_region_prefix(s).map_err(|fault| match fault {
            PrefixFault::Length(found) => NikError::Length { found },
            PrefixFault::NotDigit(position, found) => NikError::NotDigit { position, found },
            PrefixFault::Province(code) => NikError::Province { code },
            PrefixFault::Regency => NikError::Regency,
            PrefixFault::District => NikError::District,
        })?;
        let day = without_female_offset(two_digits(s, 6));
        if !is_real_date_either_century(day, two_digits(s, 8), two_digits(s, 10)) {
            return Err(NikError::BirthDate {
                digits: s[6..12].to_string(),
            });
        }
        if &s[12..16] == "0000" {
            return Err(NikError::Serial);
        }
        Ok(Nik(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 6 and last 4 digits, e.g. "180601******7861": enough for a courier to check a
    /// card against the manifest without the list exposing the whole number.
    pub fn masked(&self) -> String {
        format!("{}******{}", &self.0[..6], &self.0[12..])
    }

    pub fn sex(&self) -> Sex {
        if two_digits(&self.0, 6) > FEMALE_DAY_OFFSET {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// The real day of birth (the +40 removed) and the month.
    pub fn birth_day_month(&self) -> (u32, u32) {
        (
            without_female_offset(two_digits(&self.0, 6)),
            two_digits(&self.0, 8),
        )
    }

    /// The two-digit year of birth; the century is not in the NIK.
    pub fn birth_yy(&self) -> u32 {
        two_digits(&self.0, 10)
    }

    /// The birth date the NIK's DDMMYY digits give, in the latest century that puts it on or
    /// before `on` (the NIK does not carry the century; nobody recorded is over 100). `None`
    /// when no century does, i.e. the date is after `on` or not a calendar day.
    pub fn birth_date_by(&self, on: NaiveDate) -> Option<NaiveDate> {
        let (day, month) = self.birth_day_month();
        let yy = i32::try_from(self.birth_yy()).ok()?;
        let year_now = on.year();
        [
            year_now - year_now.rem_euclid(100),
            year_now - year_now.rem_euclid(100) - 100,
        ]
        .into_iter()
        .filter_map(|century| NaiveDate::from_ymd_opt(century + yy, month, day))
        .find(|born| *born <= on)
    }

    /// Province, kabupaten and kecamatan of first issue (not the current address).
    pub fn region_prefix(&self) -> &str {
        &self.0[..6]
    }

    /// The last `n` digits (all 16 if `n` is larger), for searching by what a citizen reads out.
    pub fn last_digits(&self, n: usize) -> &str {
        &self.0[16 - n.min(16)..]
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Nik").field(&self.masked()).finish()
    }
}

impl TryFrom<String> for Nik {
    type Error = NikError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Nik::parse(&s)
    }
}

impl From<Nik> for String {
    fn from(nik: Nik) -> String {
        nik.0
    }
}

/// Sex as printed on the KTP (JENIS_KLMIN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "LAKI-LAKI")]
    Male,
    #[serde(rename = "PEREMPUAN")]
    Female,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("jenis kelamin tidak dikenal: '{found}' (isi LAKI-LAKI/L atau PEREMPUAN/P)")]
pub struct SexError {
    pub found: String,
}

impl Sex {
    pub fn parse(s: &str) -> Result<Sex, SexError> {
        match s.trim().to_uppercase().as_str() {
            "LAKI-LAKI" | "L" => Ok(Sex::Male),
            "PEREMPUAN" | "P" => Ok(Sex::Female),
            _ => Err(SexError {
                found: s.trim().to_string(),
            }),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "LAKI-LAKI",
            Sex::Female => "PEREMPUAN",
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_birth_century_is_the_latest_that_fits_the_day() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let nik = Nik::parse("1806134107080003").unwrap(); // 01-07-08, a woman
        assert_eq!(nik.birth_date_by(day(2026, 12, 10)), Some(day(2008, 7, 1)));
        let old = Nik::parse("1806130507520001").unwrap(); // 05-07-52
        assert_eq!(old.birth_date_by(day(2026, 12, 10)), Some(day(1952, 7, 5)));
        assert_eq!(nik.birth_date_by(day(2008, 6, 30)), Some(day(1908, 7, 1)));
    }

    use super::*;

    const MAN: &str = "1806132306020951";
    const WOMAN: &str = "1806014607487861";

    #[test]
    fn accepts_valid_and_reads_digits() {
        let man = Nik::parse(&format!("  {MAN}\t")).unwrap();
        assert_eq!(man.as_str(), MAN);
        assert_eq!(man.sex(), Sex::Male);
        assert_eq!(man.birth_day_month(), (23, 6));
        assert_eq!(man.birth_yy(), 2);
        assert_eq!(man.region_prefix(), "180613");
        let woman = Nik::parse(WOMAN).unwrap();
        assert_eq!(woman.sex(), Sex::Female);
        assert_eq!(woman.birth_day_month(), (6, 7));
        assert_eq!(woman.birth_yy(), 48);
        assert_eq!(woman.last_digits(4), "7861");
        assert_eq!(woman.last_digits(99), WOMAN);
    }

    #[test]
    fn masks_in_debug_and_masked_but_not_display() {
        let nik = Nik::parse(WOMAN).unwrap();
        assert_eq!(nik.masked(), "180601******7861");
        assert_eq!(format!("{nik:?}"), "Nik(\"180601******7861\")");
        assert_eq!(nik.to_string(), WOMAN);
    }

    #[test]
    fn length_and_letters() {
        assert_eq!(
            Nik::parse("180601170883384"),
            Err(NikError::Length { found: 15 })
        );
        assert_eq!(
            Nik::parse("18060117088338411"),
            Err(NikError::Length { found: 17 })
        );
        assert_eq!(Nik::parse(""), Err(NikError::Length { found: 0 }));
        assert_eq!(
            Nik::parse("18O6125408860925"),
            Err(NikError::NotDigit {
                position: 3,
                found: 'O'
            })
        );
        assert_eq!(
            Nik::parse("1806 25408860925").unwrap_err(),
            NikError::NotDigit {
                position: 5,
                found: ' '
            }
        );
    }

    #[test]
    fn region_digits() {
        assert_eq!(
            Nik::parse("2006132306020951"),
            Err(NikError::Province { code: "20".into() })
        );
        assert_eq!(
            Nik::parse("0006132306020951"),
            Err(NikError::Province { code: "00".into() })
        );
        assert!(Nik::parse("9606132306020951").is_ok());
        assert_eq!(Nik::parse("1800132306020951"), Err(NikError::Regency));
        assert_eq!(Nik::parse("1806002306020951"), Err(NikError::District));
    }

    #[test]
    fn birth_date_rules() {
        let with = |ddmmyy: &str| Nik::parse(&format!("180613{ddmmyy}0951"));
        assert!(with("310199").is_ok());
        assert!(with("710199").is_ok(), "woman born on the 31st");
        assert!(with("410199").is_ok(), "woman born on the 1st");
        for bad in [
            "320199", "000199", "400199", "720199", "011399", "010099", "310499", "300200",
        ] {
            assert_eq!(
                with(bad),
                Err(NikError::BirthDate { digits: bad.into() }),
                "{bad}"
            );
        }
        // 29 Feb: 2000 and 1996 leap; 1900 is not but 2000 is, so "00" passes; 2023/1923 neither.
        assert!(with("290200").is_ok());
        assert!(with("690296").is_ok());
        assert_eq!(
            with("290223"),
            Err(NikError::BirthDate {
                digits: "290223".into()
            })
        );
    }

    #[test]
    fn serial_rule() {
        assert_eq!(Nik::parse("1806132306020000"), Err(NikError::Serial));
        assert!(Nik::parse("1806132306020001").is_ok());
    }

    #[test]
    fn errors_never_contain_whole_nik() {
        for input in ["1806133206020951", "1806132306020000", "2006132306020951"] {
            let message = Nik::parse(input).unwrap_err().to_string();
            assert!(!message.contains(input), "{message}");
        }
        assert_eq!(
            Nik::parse("180601170883384").unwrap_err().to_string(),
            "NIK harus 16 digit, ditemukan 15"
        );
    }

    #[test]
    fn serde_round_trip_validates() {
        let nik = Nik::parse(MAN).unwrap();
        let json = serde_json::to_string(&nik).unwrap();
        assert_eq!(json, format!("\"{MAN}\""));
        assert_eq!(serde_json::from_str::<Nik>(&json).unwrap(), nik);
        assert!(serde_json::from_str::<Nik>("\"1806132306020000\"").is_err());
    }

    #[test]
    fn sex_parse_and_serde() {
        for (s, sex) in [
            ("LAKI-LAKI", Sex::Male),
            ("l", Sex::Male),
            (" Perempuan ", Sex::Female),
            ("P", Sex::Female),
        ] {
            assert_eq!(Sex::parse(s), Ok(sex));
        }
        assert!(Sex::parse("W").is_err());
        assert_eq!(
            serde_json::to_string(&Sex::Female).unwrap(),
            "\"PEREMPUAN\""
        );
        assert_eq!(
            serde_json::from_str::<Sex>("\"LAKI-LAKI\"").unwrap(),
            Sex::Male
        );
    }
}
