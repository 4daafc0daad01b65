//! The 5-day service standard's rows and the documents past it. Kept by any engine; SQLite's
//! queries are in `sqlite::service_standard`.

/// One group (a kecamatan or a courier) measured against the standard.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ServiceRow {
    pub(crate) key: String,
    pub(crate) name: String,
    pub(crate) delivered: u64,
    pub(crate) on_time: u64,
    pub(crate) total_days: i64,
    /// Dispatched, not delivered, and already past the standard.
    pub(crate) open_late: u64,
}

impl ServiceRow {
    /// Share delivered within the standard, in percent of the delivered ones.
    pub(crate) fn share(&self) -> Option<f64> {
        (self.delivered > 0).then(|| self.on_time as f64 * 100.0 / self.delivered as f64)
    }

    pub(crate) fn average_days(&self) -> Option<f64> {
        (self.delivered > 0).then(|| self.total_days as f64 / self.delivered as f64)
    }
}

/// A document past the standard: delivered late, or still not delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LateItem {
    /// The BA it is on; `None` for a document never put on one (it still counts).
    pub(crate) on_ba: Option<LateOnBa>,
    pub(crate) kecamatan_name: String,
    pub(crate) desa_name: String,
    pub(crate) document_type: String,
    pub(crate) printed_on: String,
    pub(crate) days: i64,
    pub(crate) delivered: bool,
}

/// Where a late document sits on its BA, and with whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LateOnBa {
    pub(crate) number: String,
    pub(crate) line: u32,
    pub(crate) courier: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ServiceStandard {
    pub(crate) by_kecamatan: Vec<ServiceRow>,
    pub(crate) by_courier: Vec<ServiceRow>,
    pub(crate) total: ServiceRow,
    pub(crate) late: Vec<LateItem>,
    pub(crate) late_total: u64,
}
