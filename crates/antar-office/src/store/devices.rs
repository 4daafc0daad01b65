//! Enrolled phones: what a bearer token may do, and what the staff see of each phone. Kept by any
//! engine; SQLite's queries are in `sqlite::devices`.

use antar_domain::access::DeviceAccess;
use antar_domain::ids::{CourierId, DeviceId, Sha256Hash};
use chrono::{DateTime, Utc};

/// Who a bearer token belongs to, and what it still opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DeviceAuth {
    pub(crate) device_id: DeviceId,
    pub(crate) courier_id: CourierId,
    pub(crate) access: DeviceAccess,
    /// The device this phone was before it was enrolled again, if it said so.
    pub(crate) previous: Option<DeviceId>,
}

/// A phone being enrolled.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NewDevice<'a> {
    pub(crate) id: DeviceId,
    pub(crate) label: &'a str,
    pub(crate) token_hash: &'a Sha256Hash,
    /// The device this phone was until now (it showed that device's token).
    pub(crate) previous: Option<DeviceId>,
}

/// A phone as staff see it beside its courier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceInfo {
    pub id: DeviceId,
    pub courier_id: CourierId,
    pub label: String,
    pub enrolled_at: DateTime<Utc>,
    pub access: DeviceAccess,
    /// Events that reached the office after the phone was revoked (during its grace).
    pub arrived_after_revoke: u64,
    /// When the phone last reached the office: its last status report or its last event.
    pub last_contact: Option<DateTime<Utc>>,
    /// What the phone said it still held unsent, and when; `None` if it never said (older
    /// app versions).
    pub still_on_phone: Option<(DateTime<Utc>, antar_domain::wire::DeviceStatus)>,
}
