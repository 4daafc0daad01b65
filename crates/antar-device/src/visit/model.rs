//! What the visit screens get and give: plain values for a recording team's visits, their
//! people and what the team records there. No I/O.

use std::path::PathBuf;

use antar_domain::attempt::{GpsFix, PhotoRef, Text};
use antar_domain::ids::{EventId, ManifestId, TargetId, VisitId};
use antar_domain::nik::Nik;
use antar_domain::visit::{IkdOutcome, PhoneCategory, RecordingOutcome, VisitKind, VisitState};
use antar_domain::wire::TargetCard;
use chrono::NaiveDate;

/// One line of the visit list screen.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct VisitCard {
    pub id: VisitId,
    /// The plan's letter number, `470/0001/KELILING/DUKCAPIL/XII/2026`.
    pub number: String,
    pub visit_day: NaiveDate,
    pub kind: VisitKind,
    pub venue: String,
    pub desa_name: String,
    pub kecamatan_name: String,
    pub state: VisitState,
    pub note: Option<String>,
    pub team: Vec<String>,
    /// The visit's own BAs of printed cards; empty when the office did not say.
    pub manifests: Vec<ManifestId>,
    pub counts: VisitCounts,
    /// A check-in was recorded on this phone.
    pub checked_in: bool,
    /// The people have left the phone (their outcomes reached the office); `counts` are
    /// the ones kept when they left.
    pub list_removed: bool,
}

/// How far a visit has come, by the phone's latest outcomes.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct VisitCounts {
    /// People on the office's list.
    pub targets: usize,
    /// Of those, met by the team (by the latest outcome).
    pub met: usize,
    /// Everyone recorded at the visit, listed or walked in.
    pub recorded: usize,
    /// Listed people with no outcome yet, or one that says the team did not meet them.
    pub not_met: usize,
    /// People recorded without being on the list.
    pub walk_ins: usize,
}

/// One person of a visit as the list screen shows them.
#[derive(Clone, PartialEq, Debug)]
pub struct VisitTarget {
    /// The office's id of a listed person; `None` for a walk-in.
    pub id: Option<TargetId>,
    pub nik: Nik,
    pub name: String,
    /// The office's card of a listed person (address, birth date, category).
    pub card: Option<TargetCard>,
    pub outcome: Option<RecordingOutcome>,
    pub ikd: Option<IkdOutcome>,
}

impl VisitTarget {
    pub fn is_walk_in(&self) -> bool {
        self.id.is_none()
    }

    /// The category as the phone may show it; `None` for a walk-in.
    pub fn category(&self) -> Option<PhoneCategory> {
        self.card.as_ref().map(|card| card.category)
    }
}

/// The team has arrived at the venue.
#[derive(Clone, PartialEq, Debug)]
pub struct VisitCheckinInput {
    pub visit_id: VisitId,
    pub fix: Option<GpsFix>,
    /// JPEGs the camera wrote (at most [`antar_domain::visit::MAX_CHECKIN_PHOTOS`]); each is
    /// made into a stamped proof in the store, the originals are left alone.
    pub photos: Vec<PathBuf>,
    pub note: Option<Text>,
}

/// Who an outcome is about, as the team entered it.
#[derive(Clone, PartialEq, Debug)]
pub enum VisitPersonInput {
    /// Someone on the visit's list.
    Target(TargetId),
    /// Someone not picked from the list: the NIK as typed, checked on the phone. A NIK that
    /// is on the list is recorded against that person.
    WalkIn { nik: String, name: Option<Text> },
}

/// What became of one person at the visit.
#[derive(Clone, PartialEq, Debug)]
pub struct VisitOutcomeInput {
    pub visit_id: VisitId,
    pub person: VisitPersonInput,
    pub outcome: RecordingOutcome,
    pub ikd: Option<IkdOutcome>,
    pub note: Option<Text>,
}

/// A visit event committed to the phone's store (and so to the outbox).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RecordedVisitEvent {
    pub event_id: EventId,
    pub device_seq: u64,
    pub photos: Vec<PhotoRef>,
    /// The listed person an outcome was recorded against (also for a walk-in NIK found on
    /// the list); `None` for a check-in and a walk-in.
    pub target_id: Option<TargetId>,
}
