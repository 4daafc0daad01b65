//! Enrolled phones: what a bearer token may do, and what the staff see of each phone. Kept by any
//! engine; SQLite's queries are in `sqlite::devices`.

use antar_domain::access::DeviceAccess;
use antar_domain::ids::{CourierId, DeviceId};
use chrono::{DateTime, Utc};

/// Who a bearer token belongs to, and what it still opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DeviceAuth {
    pub(crate) device_id: DeviceId,
    pub(crate) courier_id: CourierId,
    pub(crate) access: DeviceAccess,
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
}
