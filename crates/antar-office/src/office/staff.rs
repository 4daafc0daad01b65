//! Staff accounts on [`Office`]: what the CLI (`user add`, `demo`) and the web's user page
//! share. New passwords are checked (see `passwords::weakness`) and stored as Argon2id hashes.

use crate::error::{OfficeError, OfficeResult};
use crate::office::Office;
use crate::passwords;
use crate::store::{Role, StaffId};

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
        let hash = passwords::hash_new(password, username)?;
        self.store()
            .add_staff_user(username, display_name, nip, role, &hash)?
            .ok_or_else(|| {
                OfficeError::InvalidRequest(format!("nama pengguna {username:?} sudah dipakai"))
            })
    }

    /// Sets a new password for the account `username` (`antar-office user reset-password`,
    /// for an admin who lost theirs); every session of the old one ends.
    pub fn reset_staff_password(&self, username: &str, password: &str) -> OfficeResult<()> {
        let user = self
            .store()
            .staff_users()?
            .into_iter()
            .find(|u| u.username.eq_ignore_ascii_case(username.trim()))
            .ok_or_else(|| {
                OfficeError::InvalidRequest(format!("akun {:?} tidak ditemukan", username.trim()))
            })?;
        self.set_staff_password(user.id, password)?;
        Ok(())
    }

    /// Sets a new password for the account `id`; `false` if there is no such account.
    pub(crate) fn set_staff_password(&self, id: StaffId, password: &str) -> OfficeResult<bool> {
        let Some(user) = self.store().staff_users()?.into_iter().find(|u| u.id == id) else {
            return Ok(false);
        };
        let hash = passwords::hash_new(password, &user.username)?;
        self.store()
            .set_staff_password(id, &hash)
            .map_err(Into::into)
    }

    /// Whether any staff account exists (the demo creates an admin only on first run).
    pub fn has_staff_users(&self) -> OfficeResult<bool> {
        Ok(self.store().staff_user_count()? > 0)
    }
}
