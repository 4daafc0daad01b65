//! Staff passwords: which new ones are refused (too short, a common password or one padded
//! with digits, one character repeated, the user's own name, spaces at either end), and
//! Argon2id hashes in PHC string form (salt and parameters inside), so the parameters can be
//! raised later without breaking old hashes.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::{OfficeError, OfficeResult};

/// Shorter passwords are refused when an account is created or a password is set.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Longer inputs are refused before hashing: hashing megabytes is a cheap denial of service.
const MAX_PASSWORD_BYTES: usize = 1024;

/// Common passwords (see `data/passwords/PROVENANCE.md`), lower-cased.
fn common_passwords() -> &'static HashSet<String> {
    static LIST: OnceLock<HashSet<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        [
            include_str!("../../../data/passwords/xato-top-1000.txt"),
            include_str!("../../../data/passwords/indonesian-pwdb-top-150.txt"),
            include_str!("../../../data/passwords/local-words.txt"),
        ]
        .iter()
        .flat_map(|list| list.lines())
        .map(|line| line.trim().to_lowercase())
        .filter(|line| !line.is_empty())
        .collect()
    })
}

/// Why `password` may not become `username`'s new password, in words for the person typing
/// it; `None` when it may.
pub(crate) fn weakness(password: &str, username: &str) -> Option<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Some(format!(
            "kata sandi terlalu pendek: paling sedikit {MIN_PASSWORD_CHARS} karakter"
        ));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Some("kata sandi terlalu panjang".to_owned());
    }
    // The web trims what is typed at sign-in: such a password could never be typed back.
    if password.starts_with(char::is_whitespace) || password.ends_with(char::is_whitespace) {
        return Some("kata sandi tidak boleh diawali atau diakhiri spasi".to_owned());
    }
    if password.chars().any(char::is_control) {
        return Some("kata sandi tidak boleh berisi karakter kontrol".to_owned());
    }
    let lower = password.to_lowercase();
    let mut chars = lower.chars();
    if let Some(first) = chars.next()
        && chars.all(|c| c == first)
    {
        return Some("kata sandi tidak boleh satu karakter yang diulang".to_owned());
    }
    let stem =
        lower.trim_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation() || c == ' ');
    let list = common_passwords();
    if list.contains(&lower) || list.contains(stem) {
        return Some(
            "kata sandi ini termasuk yang paling sering dipakai (atau kata umum ditambah angka) \
             dan mudah ditebak; pilih yang lain, mis. beberapa kata acak"
                .to_owned(),
        );
    }
    let username = username.trim().to_lowercase();
    if username.chars().count() >= 3 && lower.contains(&username) {
        return Some("kata sandi tidak boleh memuat nama pengguna".to_owned());
    }
    None
}

/// Hashes a new password for `username`, refusing it if it is weak (see [`weakness`]).
pub(crate) fn hash_new(password: &str, username: &str) -> OfficeResult<String> {
    match weakness(password, username) {
        Some(why) => Err(OfficeError::InvalidRequest(why)),
        None => hash(password),
    }
}

fn hash(password: &str) -> OfficeResult<String> {
    let mut salt_bytes = [0u8; 16];
    rand::fill(&mut salt_bytes[..]);
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| OfficeError::Server(format!("garam kata sandi: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| OfficeError::Server(format!("hash kata sandi: {e}")))
}

/// `false` for a wrong password and for a stored hash that cannot be read.
pub(crate) fn verify(password: &str, stored: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash to verify against when the user name is unknown, so a wrong name takes as long as
/// a wrong password and does not reveal which names exist.
pub(crate) fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("tidak-ada-pengguna-ini").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_right_password() {
        let stored = hash("rahasia-kantor-1").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("rahasia-kantor-1", &stored));
        assert!(!verify("rahasia-kantor-2", &stored));
        assert!(!verify("x", "bukan hash"));
        assert!(hash_new("pendek", "budi").is_err());
    }

    /// Issue 13.5: only the length was checked (`aaaaaaaaaa` passed).
    #[test]
    fn weak_new_passwords_are_refused_with_the_reason() {
        let refused = |password: &str, why: &str| {
            let said =
                weakness(password, "budi.s").unwrap_or_else(|| panic!("{password:?} passed"));
            assert!(said.contains(why), "{password:?}: {said}");
        };
        refused("aaaaaaaaaa", "diulang");
        refused("1111111111", "diulang");
        refused("1234567890", "paling sering");
        refused("qwertyuiop", "paling sering");
        refused("Bismillah123", "paling sering");
        refused("sayangkamu", "paling sering");
        refused("Indonesia2026!", "paling sering");
        refused("Tanggamus01", "paling sering");
        refused("password1234", "paling sering");
        refused(" sandi-kantor-baru", "spasi");
        refused("sandi-kantor-baru ", "spasi");
        refused("kantor\u{1b}]0;judul", "kontrol");
        refused("BUDI.S-kantor-2026", "nama pengguna");
        refused("pendek", "terlalu pendek");
        for fine in [
            "kopi tubruk di pekon",
            "Gajah-Lari-7-Pagi",
            "sandi-uji-panjang",
        ] {
            assert_eq!(weakness(fine, "budi.s"), None, "{fine:?}");
        }
    }
}
