//! The device token at rest: sealed (ChaCha20-Poly1305) under a key that is not in the
//! database. On a desktop the key is a file `device.key` beside the store, readable by its
//! owner only (0600): the database copied alone does not give the token away; someone holding
//! the whole folder has both. On Android and iOS the key belongs in the platform keystore
//! (Android Keystore, iOS Keychain), which this crate cannot reach from here.

use std::io::Write;
use std::path::Path;

use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};

use crate::error::{DeviceError, Result};

pub(crate) const KEY_FILE: &str = "device.key";
/// What a sealed token starts with; a token stored before sealing existed has no prefix.
const SEALED_PREFIX: &str = "sealed1:";
const AAD: &[u8] = b"antar device token";

/// The key that seals this phone's token, made the first time it is needed.
pub(crate) struct TokenKey(LessSafeKey);

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKey(..)")
    }
}

impl TokenKey {
    /// Reads the key file in `dir`, or makes one (owner-only) when there is none.
    pub(crate) fn open(dir: &Path) -> Result<Self> {
        let path = dir.join(KEY_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => make_key_file(&path)?,
            Err(e) => return Err(e.into()),
        };
        let key = UnboundKey::new(&CHACHA20_POLY1305, &bytes).map_err(|_| {
            DeviceError::Storage(format!("berkas kunci {KEY_FILE} rusak; daftar ulang"))
        })?;
        Ok(Self(LessSafeKey::new(key)))
    }

    pub(crate) fn seal(&self, token: &str) -> Result<String> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| DeviceError::Storage("acak sistem tidak tersedia".to_owned()))?;
        let mut sealed = token.as_bytes().to_vec();
        self.0
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(AAD),
                &mut sealed,
            )
            .map_err(|_| DeviceError::Storage("token tidak dapat disegel".to_owned()))?;
        Ok(format!(
            "{SEALED_PREFIX}{}{}",
            hex::encode(nonce),
            hex::encode(sealed)
        ))
    }

    /// The token; a token stored before sealing existed is returned as it is (the store
    /// seals it at open).
    pub(crate) fn unseal(&self, stored: &str) -> Result<String> {
        let Some(sealed) = stored.strip_prefix(SEALED_PREFIX) else {
            return Ok(stored.to_owned());
        };
        let broken = || {
            DeviceError::Storage(format!(
                "token tersimpan tidak cocok dengan {KEY_FILE}; daftar ulang dengan kode baru"
            ))
        };
        let bytes = hex::decode(sealed).map_err(|_| broken())?;
        if bytes.len() < NONCE_LEN {
            return Err(broken());
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| broken())?;
        let mut body = body.to_vec();
        let plain = self
            .0
            .open_in_place(nonce, Aad::from(AAD), &mut body)
            .map_err(|_| broken())?;
        String::from_utf8(plain.to_vec()).map_err(|_| broken())
    }

    pub(crate) fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED_PREFIX)
    }
}

fn make_key_file(path: &Path) -> Result<Vec<u8>> {
    let mut key = vec![0u8; CHACHA20_POLY1305.key_len()];
    SystemRandom::new()
        .fill(&mut key)
        .map_err(|_| DeviceError::Storage("acak sistem tidak tersedia".to_owned()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(&key)?;
    file.sync_all()?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_token_opens_only_with_its_key_and_the_file_is_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let key = TokenKey::open(dir.path()).unwrap();
        let sealed = key.seal("rahasia-token").unwrap();
        assert!(TokenKey::is_sealed(&sealed));
        assert!(!sealed.contains("rahasia"));
        assert_ne!(
            sealed,
            key.seal("rahasia-token").unwrap(),
            "a fresh nonce each time"
        );
        assert_eq!(key.unseal(&sealed).unwrap(), "rahasia-token");
        assert_eq!(
            TokenKey::open(dir.path()).unwrap().unseal(&sealed).unwrap(),
            "rahasia-token"
        );
        assert_eq!(
            key.unseal("lama-polos").unwrap(),
            "lama-polos",
            "stored before sealing"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let other = tempfile::tempdir().unwrap();
        let wrong = TokenKey::open(other.path())
            .unwrap()
            .unseal(&sealed)
            .unwrap_err();
        assert!(wrong.to_string().contains("tidak cocok"), "{wrong}");
    }
}
