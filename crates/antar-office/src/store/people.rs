//! The couriers as the office knows them. Kept by any engine; SQLite's queries are in
//! `sqlite::people`.

use antar_domain::field_role::FieldRole;
use antar_domain::ids::CourierId;
use chrono::{DateTime, Utc};

/// A courier as staff see it in `courier list`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourierInfo {
    pub id: CourierId,
    pub name: String,
    pub phone: Option<String>,
    pub role: FieldRole,
    pub devices: u32,
    pub created_at: DateTime<Utc>,
    /// Set once the courier no longer works for the office (see `deactivate_courier`).
    pub deactivated_at: Option<DateTime<Utc>>,
}
