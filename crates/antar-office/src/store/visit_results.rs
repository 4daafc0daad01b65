//! What a visit's events add up to, as staff read it: the check-ins against the plan, each
//! listed person's settled outcome (or the phones' conflict), the walk-ins, and the counts
//! per category a Kasi reports. Kept by any engine; SQLite's query is in
//! `sqlite::visit_results`.

use std::collections::BTreeMap;

use antar_domain::ids::Sha256Hash;
use antar_domain::place::PlaceVerdict;
use antar_domain::visit::{IkdOutcome, OutcomeRecord, Settled, TargetCategory};
use chrono::{DateTime, Utc};

use super::TargetRow;

/// A visit's events, read back.
#[derive(Clone, Debug, Default)]
pub struct VisitResults {
    pub checkins: Vec<CheckinRow>,
    /// Every listed person, those staff removed after the download included when a phone
    /// recorded them.
    pub people: Vec<PersonResult>,
    /// People recorded without being on the list, one per NIK.
    pub walk_ins: Vec<WalkInResult>,
    /// Cards handed to the aparat pekon, one row per handover.
    pub handovers: Vec<HandoverRow>,
    /// The printed cards on the visit's BAs and what became of them.
    pub cards: CardCounts,
}

/// One collective handover at the visit.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoverRow {
    pub office_seq: i64,
    pub courier_name: String,
    pub recorded_at: DateTime<Utc>,
    pub official_name: String,
    pub official_position: String,
    /// Cards it named, and of those the ones it delivered (the rest had reached their owner).
    pub cards: u32,
    pub delivered: u32,
    pub place: PlaceVerdict,
    pub photo: Option<Sha256Hash>,
}

/// The cards a visit's BAs carry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CardCounts {
    pub on_ba: u32,
    /// Delivered, to their owner or collectively.
    pub delivered: u32,
    /// Of those, handed to the aparat pekon.
    pub collective: u32,
}

impl CardCounts {
    pub fn to_owner(self) -> u32 {
        self.delivered.saturating_sub(self.collective)
    }
}

/// One check-in at the venue.
#[derive(Clone, Debug)]
pub struct CheckinRow {
    pub office_seq: i64,
    pub courier_name: String,
    pub recorded_at: DateTime<Utc>,
    /// The office's own verdict on the fix against the visit's desa.
    pub place: PlaceVerdict,
    /// Whether the phone's verdict agreed with the office's.
    pub place_agrees: Option<bool>,
    pub photos: Vec<Sha256Hash>,
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub struct PersonResult {
    pub target: TargetRow,
    pub removed: bool,
    pub settled: Settled,
    /// Which field officer recorded what, for a conflict's display: (device's courier, record).
    pub records: Vec<(String, OutcomeRecord)>,
    /// The staff member whose choice settled a conflict, while it stands.
    pub decided_by: Option<String>,
}

#[derive(Clone, Debug)]
pub struct WalkInResult {
    pub nik: String,
    pub name: Option<String>,
    pub settled: Settled,
    pub records: Vec<(String, OutcomeRecord)>,
    pub decided_by: Option<String>,
}

/// One category's line of a visit's or a month's counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CategoryCounts {
    /// On the list (not removed).
    pub planned: u32,
    pub met: u32,
    pub recorded: u32,
    pub ikd_activated: u32,
    /// Phones disagree; staff settle it.
    pub conflicts: u32,
}

impl CategoryCounts {
    fn add(&mut self, settled: &Settled, listed: bool) {
        if listed {
            self.planned += 1;
        }
        if settled.is_conflict() {
            self.conflicts += 1;
        }
        if let Some(outcome) = settled.outcome() {
            self.met += u32::from(outcome.met());
            self.recorded += u32::from(outcome.is_recorded());
        }
        self.ikd_activated += u32::from(settled.ikd() == Some(IkdOutcome::Activated));
    }

    pub fn plus(mut self, other: Self) -> Self {
        self.planned += other.planned;
        self.met += other.met;
        self.recorded += other.recorded;
        self.ikd_activated += other.ikd_activated;
        self.conflicts += other.conflicts;
        self
    }
}

/// A visit's counts: per category of the list, and the walk-ins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisitCounts {
    pub by_category: BTreeMap<&'static str, CategoryCounts>,
    pub walk_ins: CategoryCounts,
}

impl VisitCounts {
    pub fn category(&self, category: TargetCategory) -> CategoryCounts {
        self.by_category
            .get(category.code())
            .copied()
            .unwrap_or_default()
    }

    /// Listed people and walk-ins together.
    pub fn total(&self) -> CategoryCounts {
        self.by_category
            .values()
            .fold(self.walk_ins, |sum, line| sum.plus(*line))
    }
}

impl VisitResults {
    pub fn counts(&self) -> VisitCounts {
        let mut counts = VisitCounts::default();
        for person in &self.people {
            counts
                .by_category
                .entry(person.target.category.code())
                .or_default()
                .add(&person.settled, !person.removed);
        }
        for walk_in in &self.walk_ins {
            counts.walk_ins.add(&walk_in.settled, false);
        }
        counts
    }

    /// Listed people nobody has recorded yet (for the next visit).
    pub fn not_met(&self) -> impl Iterator<Item = &PersonResult> {
        self.people.iter().filter(|p| {
            !p.removed && p.settled.outcome().is_none_or(|o| !o.met()) && !p.settled.is_conflict()
        })
    }
}
