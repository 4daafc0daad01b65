//! One-time enrollment codes and device bearer tokens: how they are made, typed back in, and
//! hashed (the office keeps only hashes, so a stolen database enrolls no phone).

use std::fmt;

use antar_domain::ids::Sha256Hash;

/// Letters and digits nobody confuses when reading them off paper: no 0/O, no 1/I.
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 8;

/// A one-time enrollment code, shown to staff as `ABCD-EFGH`.
#[derive(Clone, PartialEq, Eq)]
pub struct EnrollmentCode(String);

impl EnrollmentCode {
    pub(crate) fn generate() -> Self {
        let mut bytes = [0u8; CODE_LEN];
        rand::fill(&mut bytes[..]);
        // 256 is a multiple of 32, so taking the low five bits keeps every letter equally likely.
        let code = bytes
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
            .collect();
        Self(code)
    }

    /// Reads a code as a person typed it: any case, with or without the dash or spaces.
    /// Returns `None` when it cannot be a code at all.
    pub fn parse(typed: &str) -> Option<Self> {
        let code: String = typed
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\t'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
        valid.then_some(Self(code))
    }

    pub(crate) fn hash(&self) -> Sha256Hash {
        Sha256Hash::of(self.0.as_bytes())
    }

    /// The code as printed for people: `ABCD-EFGH`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..4], &self.0[4..])
    }
}

impl fmt::Display for EnrollmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// The code is a credential until used: never print it by accident through `{:?}`.
impl fmt::Debug for EnrollmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnrollmentCode(****-****)")
    }
}

/// A fresh bearer token: 32 random bytes as 64 hex digits.
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes[..]);
    hex::encode(bytes)
}

/// What the office stores and looks tokens up by.
pub(crate) fn token_hash(token: &str) -> Sha256Hash {
    Sha256Hash::of(token.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_use_the_unambiguous_alphabet() {
        for _ in 0..100 {
            let code = EnrollmentCode::generate();
            let shown = code.display();
            assert_eq!(shown.len(), 9);
            assert_eq!(&shown[4..5], "-");
            assert_eq!(EnrollmentCode::parse(&shown), Some(code));
        }
    }

    #[test]
    fn typed_codes_ignore_case_dash_and_spaces() {
        let code = EnrollmentCode::parse("abcd-efgh").unwrap();
        assert_eq!(code.display(), "ABCD-EFGH");
        assert_eq!(EnrollmentCode::parse(" ABCD EFGH "), Some(code.clone()));
        assert_eq!(
            code.hash(),
            EnrollmentCode::parse("ABCDEFGH").unwrap().hash()
        );
    }

    #[test]
    fn impossible_codes_are_refused() {
        assert_eq!(EnrollmentCode::parse("ABCD-EFG"), None);
        assert_eq!(
            EnrollmentCode::parse("ABCD-EFG0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(EnrollmentCode::parse(""), None);
        assert_eq!(EnrollmentCode::parse("ÄBCD-EFGH"), None);
    }

    #[test]
    fn tokens_are_random_hex_and_hash_stably() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
    }

    #[test]
    fn debug_hides_the_code() {
        let code = EnrollmentCode::parse("ABCD-EFGH").unwrap();
        assert!(!format!("{code:?}").contains("ABCD"));
    }
}
