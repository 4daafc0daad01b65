//! Enrollment (which office, which device, which courier, the token) and the last contact
//! with the office.

use antar_domain::ids::{CourierId, DeviceId};
use antar_domain::manifest::CourierRef;
use rusqlite::{OptionalExtension, params};

use super::token_key::TokenKey;
use super::{Store, now_text, parse_stored, parse_time, time_text};
use crate::clock::BootReading;
use crate::error::Result;
use crate::model::LastContact;

#[derive(Clone, Debug)]
pub(crate) struct Enrollment {
    pub(crate) office_url: String,
    pub(crate) device_id: DeviceId,
    pub(crate) courier: CourierRef,
    pub(crate) token: String,
}

const LAST_OFFICE_TIME: &str = "last_contact_office_time";
const LAST_DEVICE_TIME: &str = "last_contact_device_time";
const LAST_BOOT_ID: &str = "last_contact_boot_id";
const LAST_UPTIME_MS: &str = "last_contact_uptime_ms";
const OFFICE_DATA_COPY: &str = "office_data_copy";
/// "1" when the office's last answer said it reads gzip bodies, "0" when it did not.
const OFFICE_TAKES_GZIP: &str = "office_takes_gzip";

impl Store {
    pub(crate) fn enrollment(&self) -> Result<Option<Enrollment>> {
        let row = self
            .conn
            .query_row(
                "SELECT office_url, device_id, courier_id, courier_name, token
                 FROM enrollment WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((office_url, device_id, courier_id, courier_name, stored_token)) = row else {
            return Ok(None);
        };
        let token = self.token_key.unseal(&stored_token)?;
        Ok(Some(Enrollment {
            office_url,
            device_id: parse_stored(&device_id)?,
            courier: CourierRef {
                id: parse_stored::<CourierId>(&courier_id)?,
                name: courier_name,
            },
            token,
        }))
    }

    /// Replaces any earlier enrollment: re-enrolling a phone (new token, maybe another
    /// courier) keeps its manifests and outbox.
    pub(crate) fn save_enrollment(&mut self, enrollment: &Enrollment, label: &str) -> Result<()> {
        // A new enrollment is a phone the office trusts again.
        self.clear_revoked()?;
        self.conn.execute(
            "INSERT OR REPLACE INTO enrollment
                 (id, office_url, device_id, device_label, courier_id, courier_name, token,
                  enrolled_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                enrollment.office_url,
                enrollment.device_id.to_string(),
                label,
                enrollment.courier.id.to_string(),
                enrollment.courier.name,
                self.token_key.seal(&enrollment.token)?,
                now_text(),
            ],
        )?;
        Ok(())
    }

    /// Seals a token stored in plain text before sealing existed (an update, no step by hand).
    pub(super) fn seal_plain_token(&mut self) -> Result<()> {
        let stored: Option<String> = self
            .conn
            .query_row("SELECT token FROM enrollment WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(plain) = stored.filter(|t| !TokenKey::is_sealed(t)) {
            self.conn.execute(
                "UPDATE enrollment SET token = ?1 WHERE id = 1",
                [self.token_key.seal(&plain)?],
            )?;
            tracing::info!("device token sealed at rest");
        }
        Ok(())
    }

    /// Points the enrollment at another address of the same office (it moved, or got HTTPS);
    /// the token stays. Returns false when the phone is not enrolled.
    pub(crate) fn set_office_url(&mut self, office_url: &str) -> Result<bool> {
        let changed = self.conn.execute(
            "UPDATE enrollment SET office_url = ?1 WHERE id = 1",
            params![office_url],
        )?;
        // Another address may be another server: what it reads is learned again.
        self.conn
            .execute("DELETE FROM settings WHERE key = ?1", [OFFICE_TAKES_GZIP])?;
        Ok(changed == 1)
    }

    pub(crate) fn save_last_contact(&mut self, contact: LastContact) -> Result<()> {
        let tx = self.conn.transaction()?;
        let (boot_id, uptime) = match &contact.boot {
            Some(boot) => (
                Some(boot.boot_id.to_string()),
                Some(boot.uptime_ms.to_string()),
            ),
            None => (None, None),
        };
        for (key, value) in [
            (LAST_OFFICE_TIME, Some(time_text(contact.office_time))),
            (LAST_DEVICE_TIME, Some(time_text(contact.device_time))),
            (LAST_BOOT_ID, boot_id),
            (LAST_UPTIME_MS, uptime),
        ] {
            // A contact without a boot reading must not leave an older reading behind.
            match value {
                Some(value) => tx.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                    params![key, value],
                )?,
                None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
            };
        }
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn last_contact(&self) -> Result<Option<LastContact>> {
        let (Some(office), Some(device)) = (
            self.setting(LAST_OFFICE_TIME)?,
            self.setting(LAST_DEVICE_TIME)?,
        ) else {
            return Ok(None);
        };
        let boot = match (self.setting(LAST_BOOT_ID)?, self.setting(LAST_UPTIME_MS)?) {
            (Some(boot_id), Some(uptime)) => match (boot_id.parse(), uptime.parse()) {
                (Ok(boot_id), Ok(uptime_ms)) => Some(BootReading { boot_id, uptime_ms }),
                _ => None,
            },
            _ => None,
        };
        Ok(Some(LastContact {
            office_time: parse_time(&office)?,
            device_time: parse_time(&device)?,
            boot,
        }))
    }

    /// The copy of the office's data this phone last synced with (see `office_copy`).
    pub(crate) fn office_data_copy(&self) -> Result<Option<String>> {
        self.setting(OFFICE_DATA_COPY)
    }

    pub(crate) fn set_office_data_copy(&mut self, copy: Option<&str>) -> Result<()> {
        match copy {
            Some(copy) => self.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
                params![OFFICE_DATA_COPY, copy],
            )?,
            None => self
                .conn
                .execute("DELETE FROM settings WHERE key = ?1", [OFFICE_DATA_COPY])?,
        };
        Ok(())
    }

    /// Whether the office reads gzip bodies, as its last answer said; `None` before any.
    pub(crate) fn office_takes_gzip(&self) -> Result<Option<bool>> {
        Ok(self.setting(OFFICE_TAKES_GZIP)?.map(|v| v == "1"))
    }

    pub(crate) fn set_office_takes_gzip(&mut self, takes: bool) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
            params![OFFICE_TAKES_GZIP, if takes { "1" } else { "0" }],
        )?;
        Ok(())
    }

    pub(super) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_office_reads_is_kept_until_its_address_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.office_takes_gzip().unwrap(), None);
        store.set_office_takes_gzip(true).unwrap();
        drop(store);
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.office_takes_gzip().unwrap(), Some(true));
        store.set_office_takes_gzip(false).unwrap();
        assert_eq!(store.office_takes_gzip().unwrap(), Some(false));
        store.set_office_takes_gzip(true).unwrap();
        // Not enrolled, so no address changes; what the office reads is forgotten anyway.
        assert!(!store.set_office_url("http://10.0.0.2:8080").unwrap());
        assert_eq!(store.office_takes_gzip().unwrap(), None);
    }
}
