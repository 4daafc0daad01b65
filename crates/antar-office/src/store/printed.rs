//! Today and a stored day on the office's (WIB) calendar, and the print-date period a report
//! covers. Kept by any engine; SQLite's queries are in `sqlite::printed`.

use antar_domain::sop;
use chrono::{NaiveDate, Utc};

/// Today on the office's calendar.
pub(crate) fn today() -> NaiveDate {
    sop::local_day(Utc::now())
}

/// The office's calendar day of a stored UTC timestamp.
pub(crate) fn local_day(stored: &str) -> Option<NaiveDate> {
    sop::local_day_of(stored)
}

/// Optional bounds on the printing day, inclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Period {
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
}

impl Period {
    pub(crate) fn bounds(&self) -> (String, String) {
        (
            self.from.map(|d| d.to_string()).unwrap_or_default(),
            self.to
                .map(|d| d.to_string())
                .unwrap_or_else(|| "9999-12-31".to_owned()),
        )
    }
}
