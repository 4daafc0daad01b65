//! What the recording teams' screens show: the visits on the phone, the open visit's people
//! as last searched, the person being recorded, and the check-in's place verdict. Changed
//! by the worker's visit updates, folded in here so `AppState::apply` stays short.

use antar_device::{RecordedVisitEvent, VisitCard, VisitTarget};
use antar_domain::ids::{ManifestId, VisitId};
use antar_domain::place::PlaceVerdict;
use antar_domain::visit::RecordingOutcome;

use super::{AppState, Command, HandoverErrors, Route, VisitCommand};
use crate::strings::fill;

/// The open visit's people as the device answered for one search.
#[derive(Clone, PartialEq, Debug)]
pub struct People {
    pub visit: VisitId,
    pub query: String,
    pub only_not_met: bool,
    pub list: Vec<VisitTarget>,
}

#[derive(Clone, PartialEq, Debug, Default)]
pub struct VisitsState {
    /// `None` until the device has answered once.
    pub cards: Option<Vec<VisitCard>>,
    /// The search on the open visit's screen; kept here so it survives recording a person.
    pub query: String,
    pub only_not_met: bool,
    pub people: Option<People>,
    /// The person tapped on the list (or a walk-in tapped to correct).
    pub person: Option<VisitTarget>,
    pub place: Option<(VisitId, PlaceVerdict)>,
    /// The device's refusal of a walk-in's NIK, shown under the field.
    pub walk_in_error: Option<String>,
    /// The collective handover's fields still to fill in, under each field.
    pub handover_errors: Option<HandoverErrors>,
    /// The people list is out of date (an outcome was saved, a pull came): ask again.
    pub stale: bool,
}

impl VisitsState {
    pub fn card(&self, id: VisitId) -> Option<&VisitCard> {
        self.cards.as_ref()?.iter().find(|card| card.id == id)
    }

    /// The people of `visit`, when the last answer is about it.
    pub fn people_of(&self, visit: VisitId) -> Option<&People> {
        self.people.as_ref().filter(|people| people.visit == visit)
    }

    /// The search of `visit`'s people the screen shows now.
    pub fn people_command(&self, visit: VisitId) -> Command {
        Command::Visit(VisitCommand::People {
            visit,
            query: self.query.clone(),
            only_not_met: self.only_not_met,
        })
    }

    /// Whether an answer still matches what the screen asks (a slower, older search must not
    /// replace a newer one).
    fn current(&self, people: &People) -> bool {
        people.query == self.query && people.only_not_met == self.only_not_met
    }
}

/// What the worker answers about visits.
#[derive(Debug)]
pub enum VisitUpdate {
    Cards(Vec<VisitCard>),
    People(People),
    Place {
        visit: VisitId,
        verdict: PlaceVerdict,
    },
    CheckedIn(RecordedVisitEvent),
    /// Cards of a visit's BA handed to the aparat pekon; delivered on the phone.
    HandedOver {
        event: RecordedVisitEvent,
        manifest: ManifestId,
        cards: usize,
    },
    Recorded {
        event: RecordedVisitEvent,
        outcome: RecordingOutcome,
        walk_in: bool,
    },
}

impl AppState {
    /// The search to run again when the list went out of date while a visit is open.
    pub fn take_visit_requery(&mut self) -> Option<Command> {
        if !std::mem::take(&mut self.visits.stale) {
            return None;
        }
        let visit = match self.route {
            Route::Visit(id)
            | Route::VisitCheckin(id)
            | Route::VisitPerson(id)
            | Route::WalkIn(id)
            | Route::VisitHandover(id, _) => id,
            _ => self.visits.people.as_ref()?.visit,
        };
        Some(self.visits.people_command(visit))
    }

    pub(super) fn apply_visit(&mut self, update: VisitUpdate) {
        let t = self.strings();
        let v = t.visits();
        match update {
            VisitUpdate::Cards(cards) => self.visits.cards = Some(cards),
            VisitUpdate::People(people) => {
                if self.visits.current(&people) {
                    self.visits.people = Some(people);
                }
            }
            VisitUpdate::Place { visit, verdict } => self.visits.place = Some((visit, verdict)),
            VisitUpdate::CheckedIn(_) => {
                self.busy = None;
                self.visits.place = None;
                if matches!(self.route, Route::VisitCheckin(_)) {
                    self.back();
                }
                self.info(v.checkin_saved.to_owned());
            }
            VisitUpdate::HandedOver {
                event: _,
                manifest,
                cards,
            } => {
                self.busy = None;
                self.visits.handover_errors = None;
                if matches!(self.route, Route::VisitHandover(..)) {
                    self.back();
                }
                self.info(fill(v.handover_saved, &[("n", &cards.to_string())]));
                // The cards are delivered now: the open BA is read again.
                self.reopen = self
                    .manifest
                    .as_ref()
                    .map(|m| m.id)
                    .filter(|id| *id == manifest);
            }
            VisitUpdate::Recorded {
                event,
                outcome,
                walk_in,
            } => {
                self.busy = None;
                self.visits.walk_in_error = None;
                let word = t.words().recording_outcome(outcome);
                let name = self.visits.person.take().map(|person| person.name);
                if matches!(self.route, Route::VisitPerson(_) | Route::WalkIn(_)) {
                    self.back();
                }
                let text = match (walk_in, event.target_id, name) {
                    (true, Some(_), _) => fill(v.walk_in_on_list, &[("outcome", word)]),
                    (true, None, _) => fill(v.walk_in_saved, &[("outcome", word)]),
                    (false, _, None) => t.attempt_saved.to_owned(),
                    (false, _, Some(name)) => {
                        fill(v.person_saved, &[("name", &name), ("outcome", word)])
                    }
                };
                self.info(text);
                self.visits.stale = true;
            }
        }
    }

    /// A walk-in the device refused: a NIK it cannot take goes under the field, anything
    /// else (storage, a cancelled visit) to the notice like every other error.
    pub(super) fn walk_in_refused(&mut self, text: String, invalid: bool) -> bool {
        if !invalid || !matches!(self.route, Route::WalkIn(_)) {
            return false;
        }
        self.busy = None;
        self.visits.walk_in_error = Some(text);
        true
    }
}
