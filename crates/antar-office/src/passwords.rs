//! Staff passwords: Argon2id hashes in PHC string form (salt and parameters inside), so the
//! parameters can be raised later without breaking old hashes.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::{OfficeError, OfficeResult};

/// Shorter passwords are refused when an account is created or a password is set.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Longer inputs are refused before hashing: hashing megabytes is a cheap denial of service.
const MAX_PASSWORD_BYTES: usize = 1024;

pub(crate) fn hash(password: &str) -> OfficeResult<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(OfficeError::InvalidRequest(format!(
            "kata sandi terlalu pendek: paling sedikit {MIN_PASSWORD_CHARS} karakter"
        )));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(OfficeError::InvalidRequest(
            "kata sandi terlalu panjang".to_owned(),
        ));
    }
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
        assert!(hash("pendek").is_err());
    }
}
