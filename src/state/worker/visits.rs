//! The worker's side of the recording teams' visits: searching a visit's people, the place
//! verdict before a check-in, and recording check-ins and outcomes, each answered with fresh
//! counts and a nudge to the network thread to send.

use antar_device::{
    CollectiveHandoverInput, VisitCheckinInput, VisitOutcomeInput, VisitPersonInput,
};
use antar_domain::attempt::GpsFix;
use antar_domain::ids::VisitId;

use super::{Action, Update, Worker};
use crate::state::{People, VisitUpdate};

/// What a visit screen asks of the device.
#[derive(Debug)]
pub enum VisitCommand {
    /// The people whose name contains `query` (or whose NIK ends with it).
    People {
        visit: VisitId,
        query: String,
        only_not_met: bool,
    },
    PreviewPlace {
        visit: VisitId,
        fix: Option<GpsFix>,
    },
    Checkin(VisitCheckinInput),
    Outcome(VisitOutcomeInput),
    /// Cards of a visit's BA handed to the aparat pekon.
    Handover(CollectiveHandoverInput),
}

impl Worker {
    pub(super) fn handle_visit(&mut self, command: VisitCommand) {
        match command {
            VisitCommand::People {
                visit,
                query,
                only_not_met,
            } => match self.device.visit_targets(visit, &query, only_not_met) {
                Ok(list) => self.emit(Update::Visit(VisitUpdate::People(People {
                    visit,
                    query,
                    only_not_met,
                    list,
                }))),
                Err(error) => self.fail(Action::Load, error, false),
            },
            VisitCommand::PreviewPlace { visit, fix } => {
                match self.device.preview_visit_place(visit, fix.as_ref()) {
                    Ok(verdict) => self.emit(Update::Visit(VisitUpdate::Place { visit, verdict })),
                    Err(error) => self.fail(Action::Load, error, false),
                }
            }
            VisitCommand::Checkin(input) => {
                match self.device.record_visit_checkin(input) {
                    Ok(event) => {
                        tracing::info!(seq = event.device_seq, "visit check-in saved");
                        self.emit(Update::Visit(VisitUpdate::CheckedIn(event)));
                        self.send_soon();
                    }
                    Err(error) => self.fail(Action::Checkin, error, false),
                }
                self.refresh();
            }
            VisitCommand::Handover(input) => {
                let manifest = input.manifest_id;
                let cards = input.items.len();
                match self.device.record_collective_handover(input) {
                    Ok(event) => {
                        // Counts only: never the official's or the owners' names.
                        tracing::info!(seq = event.device_seq, cards, "collective handover saved");
                        self.emit(Update::Visit(VisitUpdate::HandedOver {
                            event,
                            manifest,
                            cards,
                        }));
                        self.send_soon();
                    }
                    Err(error) => self.fail(Action::Handover, error, false),
                }
                self.refresh();
            }
            VisitCommand::Outcome(input) => {
                let walk_in = matches!(input.person, VisitPersonInput::WalkIn { .. });
                let outcome = input.outcome;
                match self.device.record_visit_outcome(input) {
                    Ok(event) => {
                        // Sequence and code only: never the person's NIK or name.
                        tracing::info!(seq = event.device_seq, walk_in, "visit outcome saved");
                        self.emit(Update::Visit(VisitUpdate::Recorded {
                            event,
                            outcome,
                            walk_in,
                        }));
                        self.send_soon();
                    }
                    Err(error) => {
                        let action = if walk_in {
                            Action::WalkIn
                        } else {
                            Action::VisitOutcome
                        };
                        self.fail(action, error, false);
                    }
                }
                self.refresh();
            }
        }
    }
}
