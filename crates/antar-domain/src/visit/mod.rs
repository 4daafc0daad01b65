//! Visits of the mobile recording teams (pelayanan keliling): what kind of place a visit goes
//! to, why each person is on its target list, and what became of each person there. Antar
//! keeps these outcomes only; the biometrics stay in the recording kit's own software.

mod event;
mod handover;
mod results;
mod targets;

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::address::KtpAddress;
use crate::contact::Phone;
use crate::nik::{Nik, Sex};

pub use event::{MAX_CHECKIN_PHOTOS, VisitCheckin, VisitEventError, VisitOutcome, VisitPerson};
pub use handover::{CollectiveHandover, MAX_HANDOVER_ITEMS};
pub use results::{OutcomeRecord, SettleError, Settled, Settlement};
pub use targets::{TARGET_COLUMNS, check_target_headers, parse_target_record};

#[cfg(test)]
mod properties;

/// How many days after its day a visit is still sent to its team's phones: a team offline for
/// a day or two still finds yesterday's list. The phone drops a past visit's list once its
/// outcomes have receipts.
pub const PHONE_KEEPS_PAST_DAYS: u64 = 3;

/// What a team phone knows of a visit, to decide whether the visit's people leave it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisitOnPhone {
    pub day: NaiveDate,
    pub state: VisitState,
    /// Something was recorded at the visit on this phone.
    pub held: bool,
    /// Events of the visit that have no receipt from the office yet.
    pub waiting_receipts: usize,
    /// The office still lists the visit for this phone's officer.
    pub still_assigned: bool,
}

impl VisitOnPhone {
    /// Whether the visit's people (names, NIKs, addresses: personal data under UU 27/2022)
    /// leave the phone: never while an event waits for its receipt; then once the office
    /// called the visit off or took the officer off it, or once a visit held here is past.
    /// A past visit nobody recorded at keeps its list: it may have been postponed, or the
    /// phone's clock is wrong, and the office keeps sending it until it is held or cancelled.
    pub fn list_leaves(&self, today: NaiveDate) -> bool {
        if self.waiting_receipts > 0 {
            return false;
        }
        !self.still_assigned
            || self.state == VisitState::Cancelled
            || (self.held && self.day < today)
    }
}

coded!(
    /// Where a visit goes.
    VisitKind {
        /// The pekon hall (balai pekon): the village comes to the team.
        Pekon = "pekon",
        /// A school: pupils turning 17 (pemula).
        Sekolah = "sekolah",
        /// Homes of the elderly, disabled, bedridden or ODGJ residents.
        Rumah = "rumah",
        /// An institution: pesantren, lapas, panti.
        Lembaga = "lembaga",
    }
);

coded!(
    /// Where a visit stands. Its plan may change only while no check-in has reached the office:
    /// after that the team is at work on what it downloaded.
    VisitState {
        Planned = "planned",
        /// A team phone's check-in at the venue reached the office.
        Started = "started",
        /// Called off before it started, with a reason.
        Cancelled = "cancelled",
    }
);

impl VisitState {
    /// Whether the plan (day, place, team, target list) may still change.
    pub fn may_edit(self) -> bool {
        self == Self::Planned
    }

    /// Whether the visit may be called off: only before the team starts.
    pub fn may_cancel(self) -> bool {
        self == Self::Planned
    }
}

coded!(
    /// Why a person is on a visit's list (the list's `KATEGORI`).
    TargetCategory {
        /// Turning 17: recorded at 16 at school, the card printed at 17.
        Pemula = "pemula",
        /// An adult never recorded.
        BelumRekam = "belum_rekam",
        /// Elderly, visited at home.
        Lansia = "lansia",
        Disabilitas = "disabilitas",
        /// Mental illness: photo and fingerprints only, no iris; a line for a signature.
        Odgj = "odgj",
        /// Bedridden.
        Sakit = "sakit",
    }
);

impl TargetCategory {
    /// Whether the category tells of the person's health, which UU 27/2022 makes specific
    /// personal data: the phone shows such a person only as needing the special procedure.
    pub fn is_health(self) -> bool {
        matches!(self, Self::Disabilitas | Self::Odgj | Self::Sakit)
    }

    /// What the team's phone is told: the health categories never leave the office, only
    /// that the person needs the special procedure.
    pub fn on_phone(self) -> PhoneCategory {
        match self {
            Self::Pemula => PhoneCategory::Pemula,
            Self::BelumRekam => PhoneCategory::BelumRekam,
            Self::Lansia => PhoneCategory::Lansia,
            Self::Disabilitas | Self::Odgj | Self::Sakit => PhoneCategory::ProsedurKhusus,
        }
    }
}

coded!(
    /// A target's category as the phone gets it: [`TargetCategory`] with the health ones
    /// folded into one.
    PhoneCategory {
        Pemula = "pemula",
        BelumRekam = "belum_rekam",
        Lansia = "lansia",
        ProsedurKhusus = "prosedur_khusus",
    }
);

coded!(
    /// What became of one person at a visit.
    RecordingOutcome {
        /// Recorded now with the kit.
        Recorded = "recorded",
        /// Already recorded before (found in SIAK).
        AlreadyRecorded = "already_recorded",
        /// Recorded, but SIAK may hold the person twice: to be checked (duplicate record).
        Recheck = "recheck",
        /// Not there when the team came.
        Absent = "absent",
        /// Not eligible (too young, not a resident).
        NotEligible = "not_eligible",
        Refused = "refused",
        /// Recorded by the special procedure (ODGJ, disability): photo and fingerprints only.
        SpecialProcedure = "special_procedure",
        /// Moved away.
        Moved = "moved",
        Deceased = "deceased",
    }
);

impl RecordingOutcome {
    /// Whether the person was recorded at the visit (the monthly report's count).
    pub fn is_recorded(self) -> bool {
        matches!(
            self,
            Self::Recorded | Self::Recheck | Self::SpecialProcedure
        )
    }

    /// Whether the team met the person (everyone else is for the next visit).
    pub fn met(self) -> bool {
        !matches!(self, Self::Absent | Self::Moved | Self::Deceased)
    }
}

coded!(
    /// How activating the digital ID (IKD) on the person's own phone went.
    IkdOutcome {
        Activated = "activated",
        NoSmartphone = "no_smartphone",
        Failed = "failed",
    }
);

/// The `sequence`-th visit of the year of `day`, numbered like the office's letters (a BA's
/// number, in the visits' own series), so staff can cite it in the monthly report.
pub fn visit_number(sequence: u32, day: NaiveDate) -> String {
    format!(
        "{}/{sequence:04}/KELILING/DUKCAPIL/{}/{}",
        crate::manifest::CLASSIFICATION,
        crate::manifest::roman_month(day.month()),
        day.year()
    )
}

/// One person on a visit's target list, validated from one row of the list.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub nik: Nik,
    pub name: String,
    pub sex: Sex,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub address: KtpAddress,
    pub phone: Option<Phone>,
    pub category: TargetCategory,
    /// `KETERANGAN`: may tell of health, so it never leaves the office for a health category.
    pub note: Option<String>,
}

/// Name, address and health are personal data: only what identifies the row is shown.
impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Target")
            .field("nik", &self.nik.masked())
            .field("desa", &self.address.desa)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_leaves_the_phone_once_done_with_and_never_before_its_receipts() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let visit = VisitOnPhone {
            day,
            state: VisitState::Started,
            held: true,
            waiting_receipts: 0,
            still_assigned: true,
        };
        let next_day = day.succ_opt().unwrap();
        assert!(!visit.list_leaves(day), "on the day itself");
        assert!(visit.list_leaves(next_day));
        let waiting = VisitOnPhone {
            waiting_receipts: 1,
            ..visit
        };
        assert!(!waiting.list_leaves(next_day));
        let never_held = VisitOnPhone {
            held: false,
            state: VisitState::Planned,
            ..visit
        };
        assert!(
            !never_held.list_leaves(next_day),
            "postponed, or a wrong clock"
        );
        let cancelled = VisitOnPhone {
            state: VisitState::Cancelled,
            ..never_held
        };
        assert!(cancelled.list_leaves(day));
        let dropped = VisitOnPhone {
            still_assigned: false,
            ..never_held
        };
        assert!(dropped.list_leaves(day));
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for kind in VisitKind::ALL {
            assert_eq!(VisitKind::parse(kind.code()), Some(*kind));
        }
        for category in TargetCategory::ALL {
            assert_eq!(TargetCategory::parse(category.code()), Some(*category));
        }
        assert_eq!(
            TargetCategory::parse(" BELUM_REKAM "),
            Some(TargetCategory::BelumRekam)
        );
        assert_eq!(TargetCategory::parse("balita"), None);
        assert_eq!(
            serde_json::to_string(&RecordingOutcome::SpecialProcedure).unwrap(),
            "\"special_procedure\""
        );
        assert!(serde_json::from_str::<IkdOutcome>("\"lupa\"").is_err());
    }

    #[test]
    fn health_categories_are_the_three_the_law_protects() {
        let health: Vec<_> = TargetCategory::ALL
            .iter()
            .filter(|c| c.is_health())
            .map(|c| c.code())
            .collect();
        assert_eq!(health, ["disabilitas", "odgj", "sakit"]);
    }

    #[test]
    fn visits_are_numbered_like_letters() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap_or_default();
        assert_eq!(visit_number(7, day), "470/0007/KELILING/DUKCAPIL/XII/2026");
    }

    #[test]
    fn only_a_planned_visit_changes() {
        assert!(VisitState::Planned.may_edit() && VisitState::Planned.may_cancel());
        for state in [VisitState::Started, VisitState::Cancelled] {
            assert!(!state.may_edit() && !state.may_cancel());
        }
    }

    #[test]
    fn recorded_and_met_outcomes() {
        assert!(RecordingOutcome::SpecialProcedure.is_recorded());
        assert!(!RecordingOutcome::AlreadyRecorded.is_recorded());
        assert!(RecordingOutcome::Refused.met());
        assert!(!RecordingOutcome::Absent.met());
    }
}
