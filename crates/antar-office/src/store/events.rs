//! A batch of events one courier's phone sent, as it goes to the store. Kept by any engine;
//! SQLite's queries are in `sqlite::events`.

use antar_domain::ids::CourierId;

use super::incoming::IncomingEvent;

/// The events of one request, from a device of `courier`.
#[derive(Debug)]
pub(crate) struct Submission {
    pub(crate) courier: CourierId,
    pub(crate) events: Vec<IncomingEvent>,
}
