//! Documents waiting at the office for the 14-day follow-up, and what staff logged on each. Kept by
//! any engine; SQLite's queries are in `sqlite::followup`.

use antar_domain::sop::FollowUpClock;

use super::DocumentId;

/// One document awaiting collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FollowUpRow {
    pub(crate) document_id: DocumentId,
    pub(crate) nik_masked: String,
    pub(crate) name: String,
    pub(crate) kecamatan_name: String,
    pub(crate) desa: String,
    pub(crate) desa_name: String,
    pub(crate) document_type: String,
    pub(crate) printed_on: String,
    pub(crate) state: String,
    /// The day the document came back to the office (its BA Pengembalian, or staff's count of
    /// the courier's return bundle), if it did.
    pub(crate) returned_on: Option<String>,
    pub(crate) last_outcome: Option<String>,
    pub(crate) contacts_made: u64,
    /// The day a recording team handed the card to the aparat pekon (migration 0013), if so:
    /// it waits there for its owner.
    pub(crate) collective_on: Option<String>,
    /// The day (WIB) a courier left the card with an official at the door
    /// (`Outcome::LeftWithOfficial`), if so: like a collective card, it waits with them.
    pub(crate) entrusted_on: Option<String>,
    /// Why the courier's latest attempt failed (a `FailureReason` code), if it did.
    pub(crate) failure_reason: Option<String>,
    /// The owner's phone as imported, to call them before the aparat pekon.
    pub(crate) owner_phone: Option<String>,
}

impl FollowUpRow {
    /// The SOP's follow-up clock for this document: it runs from the day the document came
    /// back to the office, or was handed collectively to the aparat pekon, or left with an
    /// official by the courier, and not while a courier still has it.
    pub(crate) fn clock(&self) -> FollowUpClock {
        let since = self
            .returned_on
            .as_deref()
            .or(self.collective_on.as_deref())
            .or(self.entrusted_on.as_deref());
        FollowUpClock::starting(since.and_then(|d| d.parse().ok()))
    }
}

/// One logged contact about a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FollowUpEntry {
    pub(crate) at: String,
    pub(crate) staff: String,
    pub(crate) contact: Option<String>,
    pub(crate) channel: String,
    pub(crate) outcome: String,
    pub(crate) note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> FollowUpRow {
        FollowUpRow {
            document_id: DocumentId::new(1),
            nik_masked: String::new(),
            name: String::new(),
            kecamatan_name: String::new(),
            desa: String::new(),
            desa_name: String::new(),
            document_type: "KTP-el".to_owned(),
            printed_on: "2026-11-01".to_owned(),
            state: "delivered".to_owned(),
            returned_on: None,
            last_outcome: None,
            contacts_made: 0,
            collective_on: None,
            entrusted_on: None,
            failure_reason: None,
            owner_phone: None,
        }
    }

    /// Issue 17: a card left with an official waits for its owner from that day, as a
    /// collective card does; 14 days later the officials are to be contacted.
    #[test]
    fn the_clock_of_a_card_left_with_an_official_runs_from_that_day() {
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(row().clock().since, None);
        let left = FollowUpRow {
            entrusted_on: Some("2026-11-20".to_owned()),
            ..row()
        };
        let clock = left.clock();
        assert_eq!(clock.since, Some(day("2026-11-20")));
        assert_eq!(clock.due(), Some(day("2026-12-04")));
        assert!(!clock.is_overdue(day("2026-12-04")));
        assert!(clock.is_overdue(day("2026-12-05")));
    }
}
