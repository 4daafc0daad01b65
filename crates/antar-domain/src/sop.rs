//! The SOP's clocks and the calendar they count on: the 5-day service standard, the 14-day
//! follow-up, the follow-up's channels and outcomes, and the office's day in WIB. Pages, stores
//! and command lines ask here; none of them counts days or knows these numbers itself.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};

/// Days from printing until a document must be delivered: the service standard.
pub const SERVICE_STANDARD_DAYS: i64 = 5;

/// Days a document may wait at the office, uncollected, before the aparat pekon are contacted.
pub const FOLLOW_UP_AFTER_DAYS: i64 = 14;

/// Days a delivered document's personal data stays on the courier's phone after the office's
/// receipt for its delivery is stored (UU 27/2022: no longer than the work needs).
pub const DELIVERED_KEPT_ON_PHONE_DAYS: i64 = 30;

/// The youngest a person may be, in whole years on the visit's day, to be on a recording
/// team's list: pupils are recorded at 16 and get their KTP-el when they turn 17.
pub const RECORDING_MIN_AGE_YEARS: u32 = 16;

/// Whole years from `birth` to `on` (0 when `on` is before `birth`).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(birth).unwrap_or(0)
}

/// Tanggamus keeps Western Indonesia Time (UTC+7, no daylight saving); the SOP's days are its
/// calendar days, so a delivery at 23:30 WIB is on that day, not on UTC's next one.
pub fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix())
}

/// The office's calendar day of a moment.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&wib()).date_naive()
}

/// The office's calendar day of a stored RFC 3339 timestamp; `None` when it is not one.
pub fn local_day_of(stored: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(stored)
        .ok()
        .map(|t| local_day(t.with_timezone(&Utc)))
}

/// How one printed document stands against the service standard. Every printed document has
/// a standing, whether or not it was ever put on a BA: the clock runs from the print date
/// until the document is delivered — received by its owner or a family member, left by the
/// courier with a village official or the RT head (`Outcome::LeftWithOfficial`), or, for a
/// collective request, handed to the aparat pekon with a handover record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceStanding {
    /// Days from printing to delivery, or to today while not delivered.
    pub days: i64,
    pub delivered: bool,
}

impl ServiceStanding {
    /// `delivered_on` is the day of the delivery that stands (`None` while there is none).
    pub fn of(printed_on: NaiveDate, delivered_on: Option<NaiveDate>, today: NaiveDate) -> Self {
        let end = delivered_on.unwrap_or(today);
        Self {
            days: (end - printed_on).num_days(),
            delivered: delivered_on.is_some(),
        }
    }

    /// More days than the standard allows, delivered or not.
    pub fn is_late(self) -> bool {
        self.days > SERVICE_STANDARD_DAYS
    }

    /// Delivered within the standard.
    pub fn is_on_time(self) -> bool {
        self.delivered && !self.is_late()
    }

    /// Not delivered and already past the standard: the documents to chase.
    pub fn is_open_and_late(self) -> bool {
        !self.delivered && self.is_late()
    }

    /// The last print day whose documents, not delivered by `today`, are past the standard:
    /// lets a store count the open late ones from the print date alone.
    pub fn open_late_if_printed_by(today: NaiveDate) -> NaiveDate {
        today - chrono::Duration::days(SERVICE_STANDARD_DAYS + 1)
    }
}

/// The follow-up clock of one document that has not reached its owner. It runs only while the
/// document is ready for its owner and not collected — a collective document never taken, a
/// card the courier left with an official at the door (from that day, as a collective one), or
/// a document the courier returned — never from the print date of one a courier still has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FollowUpClock {
    /// The day the document became ready at the office; `None` while a courier has it.
    pub since: Option<NaiveDate>,
}

impl FollowUpClock {
    pub fn starting(ready_at_office_since: Option<NaiveDate>) -> Self {
        Self {
            since: ready_at_office_since,
        }
    }

    /// The last day before the aparat pekon must be contacted.
    pub fn due(self) -> Option<NaiveDate> {
        self.since
            .map(|since| since + chrono::Duration::days(FOLLOW_UP_AFTER_DAYS))
    }

    /// Days the document has waited at the office.
    pub fn days_waiting(self, today: NaiveDate) -> Option<i64> {
        self.since.map(|since| (today - since).num_days())
    }

    /// Waited longer than the rule allows: the officials are to be contacted now.
    pub fn is_overdue(self, today: NaiveDate) -> bool {
        self.days_waiting(today)
            .is_some_and(|days| days > FOLLOW_UP_AFTER_DAYS)
    }
}

/// How staff reach the aparat pekon about a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FollowUpChannel {
    Phone,
    WhatsApp,
    Email,
    /// Staff went to the pekon in person.
    Visit,
}

impl FollowUpChannel {
    pub const ALL: [Self; 4] = [Self::Phone, Self::WhatsApp, Self::Email, Self::Visit];

    /// The code stored in the follow-up log.
    pub fn code(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::WhatsApp => "whatsapp",
            Self::Email => "email",
            Self::Visit => "visit",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What a contact with the aparat pekon came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FollowUpOutcome {
    Reached,
    NoAnswer,
    WillCollect,
    /// The document was collected: the follow-up is closed.
    Collected,
    WrongContact,
    OwnerMoved,
}

impl FollowUpOutcome {
    pub const ALL: [Self; 6] = [
        Self::Reached,
        Self::NoAnswer,
        Self::WillCollect,
        Self::Collected,
        Self::WrongContact,
        Self::OwnerMoved,
    ];

    /// The code stored in the follow-up log.
    pub fn code(self) -> &'static str {
        match self {
            Self::Reached => "reached",
            Self::NoAnswer => "no_answer",
            Self::WillCollect => "will_collect",
            Self::Collected => "collected",
            Self::WrongContact => "wrong_contact",
            Self::OwnerMoved => "owner_moved",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// Whether this outcome ends the document's follow-up.
    pub fn closes_follow_up(self) -> bool {
        self == Self::Collected
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn age_counts_whole_years_and_the_birthday_itself() {
        assert_eq!(age_on(day("2010-12-10"), day("2026-12-10")), 16);
        assert_eq!(age_on(day("2010-12-11"), day("2026-12-10")), 15);
        assert_eq!(age_on(day("2008-02-29"), day("2026-02-28")), 17);
        assert_eq!(age_on(day("2027-01-01"), day("2026-12-10")), 0);
    }

    #[test]
    fn days_are_counted_on_the_wib_calendar() {
        // 17:30 UTC is 00:30 WIB the next day.
        let late_evening_utc = Utc.with_ymd_and_hms(2026, 3, 1, 17, 30, 0).single();
        assert_eq!(late_evening_utc.map(local_day), Some(day("2026-03-02")));
        assert_eq!(
            local_day_of("2026-03-01T16:59:59Z"),
            Some(day("2026-03-01"))
        );
        assert_eq!(
            local_day_of("2026-03-01T23:30:00+07:00"),
            Some(day("2026-03-01"))
        );
        assert_eq!(local_day_of("kemarin"), None);
    }

    #[test]
    fn the_service_standard_allows_five_days_from_printing_to_delivery() {
        let printed = day("2026-03-01");
        let today = day("2026-03-20");
        let on_day_five = ServiceStanding::of(printed, Some(day("2026-03-06")), today);
        assert_eq!(on_day_five.days, 5);
        assert!(on_day_five.is_on_time() && !on_day_five.is_late());
        let on_day_six = ServiceStanding::of(printed, Some(day("2026-03-07")), today);
        assert!(on_day_six.is_late() && !on_day_six.is_on_time());
        assert!(!on_day_six.is_open_and_late(), "delivered, if late");
    }

    #[test]
    fn a_document_not_delivered_keeps_counting_until_today() {
        let printed = day("2026-03-01");
        let within = ServiceStanding::of(printed, None, day("2026-03-04"));
        assert_eq!((within.days, within.delivered), (3, false));
        assert!(!within.is_late() && !within.is_on_time());
        let past = ServiceStanding::of(printed, None, day("2026-03-09"));
        assert!(past.is_open_and_late());
    }

    /// The cutoff a store counts by says what `is_open_and_late` says, day by day.
    #[test]
    fn the_open_late_cutoff_agrees_with_the_standing() {
        let today = day("2026-03-20");
        let cutoff = ServiceStanding::open_late_if_printed_by(today);
        for back in 0..15 {
            let printed = today - chrono::Duration::days(back);
            let late = ServiceStanding::of(printed, None, today).is_open_and_late();
            assert_eq!(late, printed <= cutoff, "printed {printed}");
        }
    }

    #[test]
    fn the_follow_up_clock_runs_only_while_the_document_waits_at_the_office() {
        let with_courier = FollowUpClock::starting(None);
        assert_eq!(with_courier.due(), None);
        assert_eq!(with_courier.days_waiting(day("2027-01-01")), None);
        assert!(!with_courier.is_overdue(day("2027-01-01")));

        let returned = FollowUpClock::starting(Some(day("2026-03-01")));
        assert_eq!(returned.due(), Some(day("2026-03-15")));
        assert!(!returned.is_overdue(day("2026-03-15")), "day 14 is within");
        assert!(returned.is_overdue(day("2026-03-16")));
        assert_eq!(returned.days_waiting(day("2026-03-16")), Some(15));
    }

    #[test]
    fn channels_and_outcomes_round_trip_their_codes_and_only_collected_closes() {
        for channel in FollowUpChannel::ALL {
            assert_eq!(FollowUpChannel::parse(channel.code()), Some(channel));
        }
        for outcome in FollowUpOutcome::ALL {
            assert_eq!(FollowUpOutcome::parse(outcome.code()), Some(outcome));
            assert_eq!(
                outcome.closes_follow_up(),
                outcome == FollowUpOutcome::Collected
            );
        }
        assert_eq!(FollowUpChannel::parse("fax"), None);
        assert_eq!(FollowUpOutcome::parse("lost"), None);
    }
}
