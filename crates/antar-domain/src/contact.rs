//! Citizens' Indonesian mobile numbers: normalisation and the links a courier taps to call or chat.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Subscriber digits after "62": an '8' then 8–11 more.
const SUBSCRIBER_LEN: std::ops::RangeInclusive<usize> = 9..=12;

/// An Indonesian mobile number stored as international digits, "62" then "8…". `Debug` masks it:
/// a phone number identifies a person as well as a NIK does.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneError {
    #[error("nomor HP kosong")]
    Empty,
    #[error("nomor HP berisi karakter tidak sah '{found}'")]
    InvalidChar { found: char },
    #[error("nomor HP bukan nomor Indonesia (harus diawali 0, 62 atau +62)")]
    NotIndonesian,
    #[error("nomor HP bukan nomor seluler (setelah 0/62 harus angka 8)")]
    NotMobile,
    #[error("nomor HP harus 10–13 digit diawali 08, ditemukan {found} digit")]
    Length { found: usize },
}

impl Phone {
    /// Accepts "0852…", "+62 852-…", "62852…" and "852…" (spreadsheets drop the leading zero).
    pub fn parse(s: &str) -> Result<Phone, PhoneError> {
        let s = s.trim();
        let (international, rest) = match s.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(PhoneError::InvalidChar { found: c }),
            }
        }
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        let subscriber = if let Some(after) = digits.strip_prefix("62") {
            after
        } else if international {
            return Err(PhoneError::NotIndonesian);
        } else if let Some(after) = digits.strip_prefix('0') {
            after
        } else {
            &digits
        };
        if !subscriber.starts_with('8') {
            return Err(PhoneError::NotMobile);
        }
        if !SUBSCRIBER_LEN.contains(&subscriber.len()) {
            // Counted as the national form people write and read out, "08…".
            return Err(PhoneError::Length {
                found: subscriber.len() + 1,
            });
        }
        Ok(Phone(format!("62{subscriber}")))
    }

    /// International digits without '+', e.g. "6285295721875".
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form written on paper and dialled locally, e.g. "085295721875".
    pub fn national(&self) -> String {
        format!("0{}", &self.0[2..])
    }

    /// The national form in groups of four from the start, as people read it out:
    /// "0812-9876-5432".
    pub fn grouped(&self) -> String {
        let national = self.national();
        let (first, rest) = national.split_at(4);
        let (second, third) = rest.split_at(4);
        format!("{first}-{second}-{third}")
    }

    pub fn tel_uri(&self) -> String {
        format!("tel:+{}", self.0)
    }

    pub fn wa_me_uri(&self) -> String {
        format!("https://wa.me/{}", self.0)
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        let masked = format!("{}{}{}", &self.0[..5], "*".repeat(n - 8), &self.0[n - 3..]);
        f.debug_tuple("Phone").field(&masked).finish()
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(phone: Phone) -> String {
        phone.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_every_written_form() {
        for input in [
            "085295721875",
            "+62 852-9572-1875",
            "6285295721875",
            "85295721875",
            " 0852.9572.1875 ",
            "(0852) 95721875",
        ] {
            assert_eq!(
                Phone::parse(input).unwrap().as_str(),
                "6285295721875",
                "{input}"
            );
        }
    }

    #[test]
    fn links_and_national_form() {
        let phone = Phone::parse("0812-3456-789").unwrap();
        assert_eq!(phone.national(), "08123456789");
        assert_eq!(phone.tel_uri(), "tel:+628123456789");
        assert_eq!(phone.wa_me_uri(), "https://wa.me/628123456789");
        assert_eq!(phone.grouped(), "0812-3456-789");
        assert_eq!(
            Phone::parse("+62 812 9876 5432").unwrap().grouped(),
            "0812-9876-5432"
        );
        assert_eq!(
            Phone::parse("0812345678").unwrap().grouped(),
            "0812-3456-78"
        );
    }

    #[test]
    fn length_bounds() {
        assert!(
            Phone::parse("081234567").is_err(),
            "8 subscriber digits is too short"
        );
        assert!(
            Phone::parse("0812345678").is_ok(),
            "shortest: 08 + 8 digits"
        );
        assert!(
            Phone::parse("0812345678901").is_ok(),
            "longest: 08 + 11 digits"
        );
        assert_eq!(
            Phone::parse("08123456789012"),
            Err(PhoneError::Length { found: 14 })
        );
    }

    #[test]
    fn rejects_non_mobile_foreign_and_junk() {
        assert_eq!(Phone::parse(""), Err(PhoneError::Empty));
        assert_eq!(Phone::parse(" - "), Err(PhoneError::Empty));
        assert_eq!(Phone::parse("0721-123456"), Err(PhoneError::NotMobile));
        assert_eq!(
            Phone::parse("+65 8123 4567"),
            Err(PhoneError::NotIndonesian)
        );
        assert_eq!(
            Phone::parse("0852x9572"),
            Err(PhoneError::InvalidChar { found: 'x' })
        );
        assert_eq!(
            Phone::parse("0852+9572"),
            Err(PhoneError::InvalidChar { found: '+' })
        );
    }

    #[test]
    fn debug_masks_and_serde_round_trips() {
        let phone = Phone::parse("085295721875").unwrap();
        assert_eq!(format!("{phone:?}"), "Phone(\"62852*****875\")");
        let json = serde_json::to_string(&phone).unwrap();
        assert_eq!(json, "\"6285295721875\"");
        assert_eq!(serde_json::from_str::<Phone>(&json).unwrap(), phone);
        assert!(serde_json::from_str::<Phone>("\"0721123456\"").is_err());
    }
}
