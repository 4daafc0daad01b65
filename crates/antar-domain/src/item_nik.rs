//! A document owner's NIK as a BA carries it: whole at the office; on a phone of today's
//! version only its last four digits (UU 27/2022: a courier tells documents apart by name,
//! address and those digits, and a NIK typed from a recipient's card is checked at the office,
//! not on the phone). On the wire both are a JSON string, so a phone of an earlier version,
//! which asks for the whole BA, reads what it always read.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::nik::Nik;

/// How many of the NIK's digits a phone keeps.
pub const TAIL_DIGITS: usize = 4;

#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ItemNik {
    Whole(Nik),
    Tail(NikTail),
}

/// The last [`TAIL_DIGITS`] digits of a NIK.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NikTail(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("akhir NIK harus {TAIL_DIGITS} angka, bukan {0:?}")]
pub struct NikTailError(String);

impl NikTail {
    pub fn parse(s: &str) -> Result<Self, NikTailError> {
        let s = s.trim();
        if s.len() == TAIL_DIGITS && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s.to_owned()))
        } else {
            Err(NikTailError(s.chars().take(20).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NikTail {
    type Error = NikTailError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<NikTail> for String {
    fn from(tail: NikTail) -> String {
        tail.0
    }
}

impl From<Nik> for ItemNik {
    fn from(nik: Nik) -> Self {
        Self::Whole(nik)
    }
}

impl ItemNik {
    /// What a phone keeps of it.
    pub fn tail(&self) -> ItemNik {
        ItemNik::Tail(NikTail(self.last_digits(TAIL_DIGITS).to_owned()))
    }

    /// The whole NIK, where it is held (the office).
    pub fn whole(&self) -> Option<&Nik> {
        match self {
            Self::Whole(nik) => Some(nik),
            Self::Tail(_) => None,
        }
    }

    /// The digits held: all 16, or the last 4.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Whole(nik) => nik.as_str(),
            Self::Tail(tail) => tail.as_str(),
        }
    }

    /// As a list shows it: the whole one masked in the middle, a tail behind its mask.
    pub fn masked(&self) -> String {
        match self {
            Self::Whole(nik) => nik.masked(),
            Self::Tail(tail) => format!("************{}", tail.as_str()),
        }
    }

    /// The last `n` digits held (at most 4 of a tail), for searching by what a citizen
    /// reads out.
    pub fn last_digits(&self, n: usize) -> &str {
        let held = self.as_str();
        &held[held.len() - n.min(held.len())..]
    }
}

/// Never the whole number in a log or a panic message.
impl fmt::Debug for ItemNik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ItemNik({})", self.masked())
    }
}

impl fmt::Debug for NikTail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NikTail({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_nik_and_its_tail_read_as_the_same_json_string_kind() {
        let nik = Nik::parse("1806134509870004").unwrap_or_else(|e| panic!("{e}"));
        let whole = ItemNik::from(nik);
        let tail = whole.tail();
        assert_eq!(
            serde_json::to_string(&whole).ok().as_deref(),
            Some("\"1806134509870004\"")
        );
        assert_eq!(
            serde_json::to_string(&tail).ok().as_deref(),
            Some("\"0004\"")
        );
        let read: ItemNik = serde_json::from_str("\"0004\"").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read, tail);
        let read: ItemNik =
            serde_json::from_str("\"1806134509870004\"").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read, whole);
        assert!(serde_json::from_str::<ItemNik>("\"12345\"").is_err());
        assert!(
            serde_json::from_str::<ItemNik>("\"1806132306020000\"").is_err(),
            "a bad NIK"
        );
        assert_eq!(tail.masked(), "************0004");
        assert_eq!(tail.last_digits(6), "0004");
        assert_eq!(whole.last_digits(6), "870004");
        assert!(tail.whole().is_none());
        assert!(!format!("{whole:?}").contains("1806134509870004"));
    }
}
