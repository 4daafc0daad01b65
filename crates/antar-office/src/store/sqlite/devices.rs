//! Enrolled phones: what each token opens (the authentication cache is filled from here),
//! revoking a phone, ending its upload grace, and deactivating a courier with all its phones.

use crate::store::StoreResult;
use crate::store::db::Optional;
use crate::store::devices::{DeviceAuth, DeviceInfo};
use crate::store::refusals::CourierRefusal;
use crate::store::{Store, parse_stored, parse_timestamp, timestamp};
use antar_domain::access::DeviceAccess;
use antar_domain::field_role::{Duty, FieldRole};
use antar_domain::ids::{CourierId, DeviceId, Sha256Hash};
use antar_domain::wire::DeviceStatus;
use chrono::{DateTime, Utc};
use rusqlite::params;
use rusqlite::types::Value;

/// A device's columns, and how many of its events arrived after it was revoked (what staff
/// check after revoking a lost phone).
const DEVICE_COLUMNS: &str = "id, courier_id, label, enrolled_at, revoked_at, uploads_until,
    CASE WHEN revoked_at IS NULL THEN 0 ELSE
        (SELECT count(*) FROM events e
         WHERE e.device_id = devices.id AND e.received_at > devices.revoked_at) END,
    status_reported_at, events_waiting, photos_waiting,
    (SELECT e.received_at FROM events e INDEXED BY events_by_device_seq
     WHERE e.device_id = devices.id ORDER BY e.device_seq DESC LIMIT 1)";

pub(super) fn device_auths(store: &Store) -> StoreResult<Vec<(Sha256Hash, DeviceAuth)>> {
    read_auths(store, "", Vec::new())
}

/// The phone holding the token with this hash, if any.
pub(super) fn device_auth(store: &Store, token: &Sha256Hash) -> StoreResult<Option<DeviceAuth>> {
    let mut found = read_auths(
        store,
        "WHERE token_sha256 = ?1",
        vec![Value::Text(token.to_hex())],
    )?;
    Ok(found.pop().map(|(_, auth)| auth))
}

fn read_auths(
    store: &Store,
    filter: &str,
    params: Vec<Value>,
) -> StoreResult<Vec<(Sha256Hash, DeviceAuth)>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT token_sha256, id, courier_id, revoked_at, uploads_until, previous_device_id
             FROM devices {filter}"
        ))?;
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<String>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<Option<String>>(3)?,
                r.get::<Option<String>>(4)?,
                r.get::<Option<String>>(5)?,
            ))
        })?;
        let mut auths = Vec::new();
        for row in rows {
            let (hash, device, courier, revoked_at, uploads_until, previous) = row?;
            auths.push((
                parse_stored(&hash, "hash token")?,
                DeviceAuth {
                    device_id: parse_stored(&device, "id perangkat")?,
                    courier_id: parse_stored(&courier, "id kurir")?,
                    access: access(revoked_at, uploads_until)?,
                    previous: previous
                        .map(|p| parse_stored(&p, "id perangkat sebelumnya"))
                        .transpose()?,
                },
            ));
        }
        Ok(auths)
    })
}

pub(super) fn devices(store: &Store, courier: Option<CourierId>) -> StoreResult<Vec<DeviceInfo>> {
    store.read(|conn| {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {DEVICE_COLUMNS} FROM devices
             WHERE CAST(?1 AS TEXT) IS NULL OR courier_id = ?1 ORDER BY enrolled_at DESC, id"
        ))?;
        let rows = stmt.query_map([courier.map(|c| c.to_string())], device_row)?;
        rows.map(|row| row?.parse()).collect()
    })
}

pub(super) fn revoke_device(
    store: &Store,
    id: DeviceId,
    revoked_at: DateTime<Utc>,
    uploads_until: DateTime<Utc>,
) -> StoreResult<Option<DeviceInfo>> {
    store.write(|tx| {
        tx.execute(
            "UPDATE devices SET revoked_at = ?2, uploads_until = ?3
             WHERE id = ?1 AND revoked_at IS NULL",
            params![
                id.to_string(),
                timestamp(revoked_at),
                timestamp(uploads_until)
            ],
        )?;
        device(tx, id)
    })
}

pub(super) fn end_device_uploads(
    store: &Store,
    id: DeviceId,
    now: DateTime<Utc>,
) -> StoreResult<Option<DeviceInfo>> {
    store.write(|tx| {
        tx.execute(
            "UPDATE devices SET uploads_until = ?2
             WHERE id = ?1 AND revoked_at IS NOT NULL AND uploads_until > ?2",
            params![id.to_string(), timestamp(now)],
        )?;
        device(tx, id)
    })
}

pub(super) fn deactivate_courier(
    store: &Store,
    id: CourierId,
    revoked_at: DateTime<Utc>,
    uploads_until: DateTime<Utc>,
) -> StoreResult<Option<usize>> {
    let now = timestamp(revoked_at);
    store.write(|tx| {
        let found = tx.execute(
            "UPDATE couriers SET deactivated_at = coalesce(deactivated_at, ?2) WHERE id = ?1",
            params![id.to_string(), now],
        )?;
        if found == 0 {
            return Ok(None);
        }
        tx.execute(
            "UPDATE enrollment_codes SET expires_at = ?2
             WHERE courier_id = ?1 AND used_at IS NULL AND expires_at > ?2",
            params![id.to_string(), now],
        )?;
        let revoked = tx.execute(
            "UPDATE devices SET revoked_at = ?2, uploads_until = ?3
             WHERE courier_id = ?1 AND revoked_at IS NULL",
            params![id.to_string(), now, timestamp(uploads_until)],
        )?;
        Ok(Some(revoked))
    })
}

/// Why officer `id` may not be given `duty`: unknown, deactivated, or not in that role.
pub(super) fn duty_refusal(
    conn: &crate::store::db::Db<'_>,
    id: CourierId,
    duty: Duty,
) -> StoreResult<Option<CourierRefusal>> {
    if let Some(refusal) = courier_refusal(conn, id)? {
        return Ok(Some(refusal));
    }
    let (name, role): (String, String) = conn.query_row(
        "SELECT name, role FROM couriers WHERE id = ?1",
        [id.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let role = FieldRole::parse(&role)
        .ok_or_else(|| crate::store::StoreError::corrupt(format!("peran petugas {role:?}")))?;
    Ok((!role.may(duty)).then_some(CourierRefusal::WrongRole { name, role, duty }))
}

/// Why nothing may be written for courier `id`, if anything stands in the way.
pub(super) fn courier_refusal(
    conn: &crate::store::db::Db<'_>,
    id: CourierId,
) -> StoreResult<Option<CourierRefusal>> {
    let row: Option<Option<String>> = conn
        .query_row(
            "SELECT deactivated_at FROM couriers WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match row {
        None => Some(CourierRefusal::Unknown),
        Some(Some(_)) => Some(CourierRefusal::Deactivated),
        Some(None) => None,
    })
}

fn device(conn: &crate::store::db::Db<'_>, id: DeviceId) -> StoreResult<Option<DeviceInfo>> {
    conn.query_row(
        &format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE id = ?1"),
        [id.to_string()],
        device_row,
    )
    .optional()?
    .map(DeviceRow::parse)
    .transpose()
}

struct DeviceRow([Option<String>; 6], i64, DeviceContact);

/// A phone's own report of what it still held (migration 0023) and its last event's arrival.
struct DeviceContact {
    reported_at: Option<String>,
    events_waiting: Option<i64>,
    photos_waiting: Option<i64>,
    last_event_at: Option<String>,
}

fn device_row(r: &crate::store::db::Row<'_>) -> rusqlite::Result<DeviceRow> {
    Ok(DeviceRow(
        [
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ],
        r.get(6)?,
        DeviceContact {
            reported_at: r.get(7)?,
            events_waiting: r.get(8)?,
            photos_waiting: r.get(9)?,
            last_event_at: r.get(10)?,
        },
    ))
}

impl DeviceRow {
    fn parse(self) -> StoreResult<DeviceInfo> {
        let [id, courier, label, enrolled_at, revoked_at, uploads_until] = self.0;
        let arrived_after_revoke = u64::try_from(self.1).unwrap_or(0);
        let contact = self.2;
        let reported_at = contact
            .reported_at
            .as_deref()
            .map(parse_timestamp)
            .transpose()?;
        let last_event_at = contact
            .last_event_at
            .as_deref()
            .map(parse_timestamp)
            .transpose()?;
        let count = |n: Option<i64>| u64::try_from(n.unwrap_or(0)).unwrap_or(0);
        let still_on_phone = reported_at.map(|at| {
            (
                at,
                DeviceStatus {
                    events_waiting: count(contact.events_waiting),
                    photos_waiting: count(contact.photos_waiting),
                },
            )
        });
        let text = |v: Option<String>| v.unwrap_or_default();
        Ok(DeviceInfo {
            id: parse_stored(&text(id), "id perangkat")?,
            courier_id: parse_stored(&text(courier), "id kurir")?,
            label: text(label),
            enrolled_at: parse_timestamp(&text(enrolled_at))?,
            access: access(revoked_at, uploads_until)?,
            arrived_after_revoke,
            last_contact: reported_at.max(last_event_at),
            still_on_phone,
        })
    }
}

pub(super) fn keep_device_status(
    store: &Store,
    id: DeviceId,
    status: DeviceStatus,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    store.write(|tx| {
        tx.execute(
            "UPDATE devices SET status_reported_at = ?2, events_waiting = ?3, photos_waiting = ?4
             WHERE id = ?1",
            params![
                id.to_string(),
                timestamp(at),
                count(status.events_waiting),
                count(status.photos_waiting)
            ],
        )?;
        Ok(())
    })
}

fn access(revoked_at: Option<String>, uploads_until: Option<String>) -> StoreResult<DeviceAccess> {
    Ok(match revoked_at {
        None => DeviceAccess::Active,
        Some(revoked_at) => {
            let revoked_at = parse_timestamp(&revoked_at)?;
            DeviceAccess::Revoked {
                revoked_at,
                uploads_until: match uploads_until {
                    Some(until) => parse_timestamp(&until)?,
                    None => revoked_at,
                },
            }
        }
    })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::store::NewDevice;

    /// A phone enrolled for the first time.
    pub(crate) fn new_device<'a>(
        id: DeviceId,
        label: &'a str,
        token_hash: &'a Sha256Hash,
    ) -> NewDevice<'a> {
        NewDevice {
            id,
            label,
            token_hash,
            previous: None,
        }
    }
    use super::*;
    use crate::store::CourierStore;
    use antar_domain::access;
    use chrono::Duration;

    fn store_with_phone() -> (tempfile::TempDir, Store, CourierId, DeviceId) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("office.sqlite")).unwrap();
        let courier = CourierId::new_v7();
        let code = Sha256Hash::of(b"ABCDEFGH");
        let now = Utc::now();
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
        let device = DeviceId::new_v7();
        let token = Sha256Hash::of(b"token");
        store
            .enroll(&code, now, &new_device(device, "HP", &token))
            .unwrap()
            .unwrap();
        (dir, store, courier, device)
    }

    #[test]
    fn a_revoke_is_stored_once_and_its_grace_can_be_ended() {
        let (_dir, store, _courier, device) = store_with_phone();
        let now = Utc::now();
        let until = access::uploads_until(now, true);
        let stored = store.revoke_device(device, now, until).unwrap().unwrap();
        assert_eq!(
            stored.access,
            DeviceAccess::revoked(parse_timestamp(&timestamp(now)).unwrap(), true)
        );
        let again = store
            .revoke_device(device, now + Duration::hours(1), now + Duration::hours(1))
            .unwrap()
            .unwrap();
        assert_eq!(again.access, stored.access, "the first revoke stays");
        let ended = store
            .end_device_uploads(device, now + Duration::hours(2))
            .unwrap()
            .unwrap();
        assert!(!ended.access.may_upload(now + Duration::hours(2)));
        assert_eq!(store.device_auths().unwrap()[0].1.access, ended.access);
        assert!(
            store
                .revoke_device(DeviceId::new_v7(), now, until)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn deactivating_a_courier_revokes_its_phones_and_expires_its_codes() {
        let (_dir, store, courier, device) = store_with_phone();
        let spare = Sha256Hash::of(b"SPARECOD");
        let now = Utc::now();
        store
            .add_enrollment_code(courier, &spare, now + Duration::days(7))
            .unwrap()
            .unwrap();
        let revoked = store
            .deactivate_courier(courier, now, access::uploads_until(now, true))
            .unwrap();
        assert_eq!(revoked, Some(1));
        let phones = store.devices(Some(courier)).unwrap();
        assert_eq!((phones.len(), phones[0].id), (1, device));
        assert!(!phones[0].access.may_read());
        let later = now + Duration::seconds(1);
        let token = Sha256Hash::of(b"t2");
        let enrolled = store.enroll(
            &spare,
            later,
            &new_device(DeviceId::new_v7(), "HP2", &token),
        );
        assert_eq!(enrolled.unwrap(), None, "an unused code no longer enrolls");
        store
            .read(|conn| {
                assert_eq!(
                    courier_refusal(conn, courier)?,
                    Some(CourierRefusal::Deactivated)
                );
                Ok(())
            })
            .unwrap();
        let refused = store.add_enrollment_code(courier, &Sha256Hash::of(b"NEWCODE1"), later);
        assert_eq!(refused.unwrap(), Err(CourierRefusal::Deactivated));
        assert_eq!(
            store
                .deactivate_courier(CourierId::new_v7(), now, now)
                .unwrap(),
            None
        );
    }
}
