//! Couriers, their one-time enrollment codes and their enrolled devices.

use super::devices::courier_refusal;
use crate::store::StoreResult;
use crate::store::db::Optional;
use crate::store::people::CourierInfo;
use crate::store::refusals::CourierRefusal;
use crate::store::roles::CourierStore;
use crate::store::{DeviceAuth, DeviceInfo, NewDevice};
use crate::store::{Store, parse_stored, parse_timestamp, timestamp};
use antar_domain::field_role::FieldRole;
use antar_domain::ids::{CourierId, DeviceId, Sha256Hash};
use antar_domain::manifest::CourierRef;
use chrono::{DateTime, Utc};
use rusqlite::params;

impl CourierStore for Store {
    fn add_courier(
        &self,
        id: CourierId,
        name: &str,
        phone: Option<&str>,
        role: FieldRole,
        code_hash: &Sha256Hash,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO couriers (id, name, phone, role, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id.to_string(), name, phone, role.code(), now],
            )?;
            insert_code(tx, id, code_hash, &now, expires_at)
        })
    }

    fn set_field_role(
        &self,
        courier: CourierId,
        role: FieldRole,
    ) -> StoreResult<Result<(), CourierRefusal>> {
        self.write(|tx| {
            if let Some(refusal) = courier_refusal(tx, courier)? {
                return Ok(Err(refusal));
            }
            tx.execute(
                "UPDATE couriers SET role = ?2 WHERE id = ?1",
                params![courier.to_string(), role.code()],
            )?;
            Ok(Ok(()))
        })
    }

    fn add_enrollment_code(
        &self,
        courier: CourierId,
        code_hash: &Sha256Hash,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<Result<(), CourierRefusal>> {
        let now = timestamp(Utc::now());
        self.write(|tx| {
            if let Some(refusal) = courier_refusal(tx, courier)? {
                return Ok(Err(refusal));
            }
            insert_code(tx, courier, code_hash, &now, expires_at).map(Ok)
        })
    }

    fn couriers(&self) -> StoreResult<Vec<CourierInfo>> {
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT c.id, c.name, c.phone, c.created_at,
                    (SELECT COUNT(*) FROM devices d
                     WHERE d.courier_id = c.id AND d.revoked_at IS NULL),
                    c.deactivated_at, c.role
                 FROM couriers c ORDER BY c.deactivated_at IS NOT NULL, c.created_at, c.id",
            )?;
            let rows = stmt.query_map((), |r| {
                Ok((
                    r.get::<String>(0)?,
                    r.get::<String>(1)?,
                    r.get::<Option<String>>(2)?,
                    r.get::<String>(3)?,
                    r.get::<u32>(4)?,
                    r.get::<Option<String>>(5)?,
                    r.get::<String>(6)?,
                ))
            })?;
            let mut couriers = Vec::new();
            for row in rows {
                let (id, name, phone, created_at, devices, deactivated_at, role) = row?;
                couriers.push(CourierInfo {
                    id: parse_stored(&id, "id kurir")?,
                    name,
                    phone,
                    role: FieldRole::parse(&role).ok_or_else(|| {
                        crate::store::StoreError::corrupt(format!("peran petugas {role:?}"))
                    })?,
                    devices,
                    created_at: parse_timestamp(&created_at)?,
                    deactivated_at: deactivated_at.as_deref().map(parse_timestamp).transpose()?,
                });
            }
            Ok(couriers)
        })
    }

    fn enroll(
        &self,
        code_hash: &Sha256Hash,
        now: DateTime<Utc>,
        device: &NewDevice<'_>,
    ) -> StoreResult<Option<CourierRef>> {
        let now_text = timestamp(now);
        self.write(|tx| {
            let courier: Option<(String, String)> = tx
                .query_row(
                    "SELECT c.id, c.name FROM enrollment_codes e
                     JOIN couriers c ON c.id = e.courier_id
                     WHERE e.code_sha256 = ?1 AND e.used_at IS NULL AND e.expires_at > ?2
                       AND c.deactivated_at IS NULL",
                    params![code_hash.to_hex(), now_text],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((courier_id, name)) = courier else {
                return Ok(None);
            };
            tx.execute(
                "UPDATE enrollment_codes SET used_at = ?2 WHERE code_sha256 = ?1",
                params![code_hash.to_hex(), now_text],
            )?;
            tx.execute(
                "INSERT INTO devices (id, courier_id, label, token_sha256, enrolled_at,
                    previous_device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    device.id.to_string(),
                    courier_id,
                    device.label,
                    device.token_hash.to_hex(),
                    now_text,
                    device.previous.map(|p| p.to_string()),
                ],
            )?;
            Ok(Some(CourierRef {
                id: parse_stored(&courier_id, "id kurir")?,
                name,
            }))
        })
    }

    fn device_auths(&self) -> StoreResult<Vec<(Sha256Hash, DeviceAuth)>> {
        super::devices::device_auths(self)
    }

    fn device_auth(&self, token: &Sha256Hash) -> StoreResult<Option<DeviceAuth>> {
        super::devices::device_auth(self, token)
    }

    fn devices(&self, courier: Option<CourierId>) -> StoreResult<Vec<DeviceInfo>> {
        super::devices::devices(self, courier)
    }

    fn keep_device_status(
        &self,
        id: DeviceId,
        status: antar_domain::wire::DeviceStatus,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        super::devices::keep_device_status(self, id, status, at)
    }

    fn revoke_device(
        &self,
        id: DeviceId,
        revoked_at: DateTime<Utc>,
        uploads_until: DateTime<Utc>,
    ) -> StoreResult<Option<DeviceInfo>> {
        super::devices::revoke_device(self, id, revoked_at, uploads_until)
    }

    fn end_device_uploads(
        &self,
        id: DeviceId,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DeviceInfo>> {
        super::devices::end_device_uploads(self, id, now)
    }

    fn deactivate_courier(
        &self,
        id: CourierId,
        revoked_at: DateTime<Utc>,
        uploads_until: DateTime<Utc>,
    ) -> StoreResult<Option<usize>> {
        super::devices::deactivate_courier(self, id, revoked_at, uploads_until)
    }
}

fn insert_code(
    tx: &crate::store::db::Db<'_>,
    courier: CourierId,
    code_hash: &Sha256Hash,
    now: &str,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute(
        "INSERT INTO enrollment_codes (code_sha256, courier_id, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            code_hash.to_hex(),
            courier.to_string(),
            now,
            timestamp(expires_at)
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn codes_enroll_once_and_only_before_they_expire() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("office.sqlite")).unwrap();
        let courier = CourierId::new_v7();
        let now = Utc::now();
        let code = Sha256Hash::of(b"ABCDEFGH");
        store
            .add_courier(
                courier,
                "Kurir",
                None,
                FieldRole::Courier,
                &code,
                now + Duration::days(7),
            )
            .unwrap();
        let token = Sha256Hash::of(b"token");
        let late = now + Duration::days(8);
        let enroll = |at, device| {
            let new = super::super::devices::tests::new_device(device, "HP", &token);
            store.enroll(&code, at, &new)
        };
        assert_eq!(enroll(late, DeviceId::new_v7()).unwrap(), None, "expired");
        let first = enroll(now, DeviceId::new_v7()).unwrap().unwrap();
        assert_eq!(first.id, courier);
        assert_eq!(enroll(now, DeviceId::new_v7()).unwrap(), None, "used");
        assert_eq!(store.device_auths().unwrap().len(), 1);
    }
}
