//! Staff accounts on [`Office`]: what the CLI (`user add`, `demo`) and the web's user page
//! share. Passwords are checked for length and stored as Argon2id hashes.

use crate::error::{OfficeError, OfficeResult};
use crate::office::Office;
use crate::passwords;
use crate::store::Role;

/// Longest user name or display name.
const MAX_NAME_CHARS: usize = 64;

impl Office {
    /// Adds a staff account and returns its id. The user name is letters, digits, `.`, `-`
    /// and `_` (it is typed at every sign-in and appears in the audit log).
    pub fn add_staff_user(
        &self,
        username: &str,
        display_name: &str,
        nip: Option<&str>,
        role: Role,
        password: &str,
    ) -> OfficeResult<i64> {
        let username = username.trim();
        let valid = !username.is_empty()
            && username.chars().count() <= MAX_NAME_CHARS
            && username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !valid {
            return Err(OfficeError::InvalidRequest(format!(
                "nama pengguna {username:?} tidak valid: pakai huruf, angka, titik, tanda hubung \
                 atau garis bawah (paling banyak {MAX_NAME_CHARS} karakter)"
            )));
        }
        let display_name = display_name.trim();
        if display_name.is_empty()
            || display_name.chars().count() > MAX_NAME_CHARS * 2
            || display_name.chars().any(char::is_control)
        {
            return Err(OfficeError::InvalidRequest(
                "nama lengkap wajib diisi, tanpa karakter kontrol".to_owned(),
            ));
        }
        let nip = nip.map(str::trim).filter(|n| !n.is_empty());
        if nip.is_some_and(|n| n.len() > 30 || n.chars().any(char::is_control)) {
            return Err(OfficeError::InvalidRequest(
                "NIP terlalu panjang".to_owned(),
            ));
        }
        let hash = passwords::hash(password)?;
        self.store()
            .add_staff_user(username, display_name, nip, role, &hash)?
            .ok_or_else(|| {
                OfficeError::InvalidRequest(format!("nama pengguna {username:?} sudah dipakai"))
            })
    }

    /// Whether any staff account exists (the demo creates an admin only on first run).
    pub fn has_staff_users(&self) -> OfficeResult<bool> {
        Ok(self.store().staff_user_count()? > 0)
    }
}
