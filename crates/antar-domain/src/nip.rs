//! The signer's NIP (Nomor Induk Pegawai) on a BA: the SOP signs a BA by an officer named with
//! their NIP, because a name alone does not say which civil servant answers for the handover.
//! A BA is not issued without it.

use std::fmt;

use thiserror::Error;

/// Digits in a civil servant's NIP (PP 11/2017): birth date (8), appointment month (6), sex
/// (1) and serial (3). PPPK staff's numbers have the same length.
const DIGITS: usize = 18;

/// A NIP of 18 digits, kept without the spaces staff often type between its parts.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Nip(String);

/// Why a signer's NIP was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NipError {
    #[error("NIP penanda tangan wajib diisi: BA tidak diterbitkan tanpa NIP")]
    Missing,
    #[error("NIP harus 18 angka (spasi boleh), yang diisi {found} angka")]
    Length { found: usize },
    #[error("NIP hanya berisi angka dan spasi")]
    NotDigit,
}

impl Nip {
    /// The NIP as staff typed it: spaces anywhere are let through, anything else but digits is
    /// not.
    pub fn parse(raw: &str) -> Result<Nip, NipError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Err(NipError::Missing);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NipError::NotDigit);
        }
        if digits.len() != DIGITS {
            return Err(NipError::Length {
                found: digits.len(),
            });
        }
        Ok(Nip(digits))
    }

    /// The 18 digits without spaces, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The NIP as it is written on letters, its parts apart: `19850412 201001 2 003`.
impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "{} {} {} {}", &d[..8], &d[8..14], &d[14..15], &d[15..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nip_is_read_with_or_without_the_spaces_between_its_parts() {
        let nip = Nip::parse(" 19850412 201001 2 003 ").unwrap();
        assert_eq!(nip.as_str(), "198504122010012003");
        assert_eq!(nip.to_string(), "19850412 201001 2 003");
        assert_eq!(Nip::parse("198504122010012003").unwrap(), nip);
    }

    #[test]
    fn an_empty_short_or_lettered_nip_is_refused() {
        assert_eq!(Nip::parse("  "), Err(NipError::Missing));
        assert_eq!(Nip::parse("19800101"), Err(NipError::Length { found: 8 }));
        assert_eq!(
            Nip::parse("1985041220100120031"),
            Err(NipError::Length { found: 19 })
        );
        assert_eq!(Nip::parse("19850412-201001-2-003"), Err(NipError::NotDigit));
        assert_eq!(
            Nip::parse("NIP 198504122010012003"),
            Err(NipError::NotDigit)
        );
    }
}
