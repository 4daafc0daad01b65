//! What the screens show and where the courier is: one [`AppState`] in a signal, changed
//! only by navigation and by the device worker's [`Update`]s, read through [`use_app`].

mod attempt_form;
mod boot;
pub mod listing;
mod return_form;
mod settings;
mod visit_form;
mod visits;
mod worker;

use antar_device::{ManifestCard, Progress, ReceiptLine, RedoItem, Status, SyncReport};
use antar_domain::attempt::OutcomeKind;
use antar_domain::ids::{ItemId, ManifestId, VisitId};
use antar_domain::manifest::{Manifest, ManifestItem};
use antar_domain::place::PlaceVerdict;
use dioxus::prelude::*;

use crate::platform::Platform;
use crate::strings::{Strings, fill};

pub use attempt_form::AttemptForm;
pub use boot::{Boot, use_platform};
pub use return_form::ReturnForm;
pub use settings::{PhotoSize, Settings};
pub use visit_form::{
    HandoverErrors, HandoverForm, OutcomeForm, Who, checkin_input, handover_cards,
};
pub use visits::{People, VisitUpdate, VisitsState};
pub use worker::{Action, AutoSync, Command, DeviceHandle, Update, VisitCommand};

/// The screens, as a stack: the courier goes forward by tapping and back with one button.
/// A phone has no address bar, so there is no URL to route on; the stack is all there is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Route {
    Enroll,
    Manifests,
    Manifest(ManifestId),
    Item(ManifestId, ItemId),
    /// Recording an attempt, with the outcome the courier chose on the document's screen.
    Attempt(ManifestId, ItemId, OutcomeKind),
    /// The courier's count of a BA's bundle at handover.
    Count(ManifestId),
    /// Documents of a BA handed back to the office.
    Return(ManifestId),
    /// The recording teams' visits (pelayanan keliling).
    Visits,
    Visit(VisitId),
    VisitCheckin(VisitId),
    /// The outcome of the person in [`VisitsState::person`].
    VisitPerson(VisitId),
    WalkIn(VisitId),
    /// Cards of a visit's BA handed to the aparat pekon.
    VisitHandover(VisitId, ManifestId),
    Sync,
    Settings,
    About,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A message at the top of the screen, until the next one or a tap on it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Clone, PartialEq, Debug, Default)]
pub struct SyncState {
    pub running: bool,
    pub progress: Option<Progress>,
    pub last_report: Option<SyncReport>,
    pub last_error: Option<String>,
    /// When the next automatic try starts, while something waits after a failed one.
    pub next_try: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct AppState {
    pub route: Route,
    pub history: Vec<Route>,
    pub settings: Settings,
    /// `None` until the device has answered once.
    pub status: Option<Status>,
    pub cards: Option<Vec<ManifestCard>>,
    /// The open manifest, with each item's local state.
    pub manifest: Option<Manifest>,
    /// The latest receipts, newest first.
    pub receipts: Vec<ReceiptLine>,
    /// The open BA's deliveries the office flagged back (*perlu diulang*).
    pub redo: Option<(ManifestId, Vec<RedoItem>)>,
    /// The action waiting for the device, to disable its button and say so.
    pub busy: Option<Action>,
    pub sync: SyncState,
    /// True after the office could not be reached, until it answers again.
    pub offline: bool,
    pub notice: Option<Notice>,
    pub place: Option<(ItemId, PlaceVerdict)>,
    /// A manifest to read again from the device (its items' states changed).
    pub reopen: Option<ManifestId>,
    /// The documents the courier may hand back, of the BA being returned.
    pub handback: Option<(ManifestId, Vec<antar_device::ReturnCandidate>)>,
    pub visits: VisitsState,
}

impl AppState {
    pub fn new(settings: Settings) -> Self {
        Self {
            route: Route::Manifests,
            history: Vec::new(),
            settings,
            status: None,
            cards: None,
            manifest: None,
            receipts: Vec::new(),
            redo: None,
            busy: None,
            sync: SyncState::default(),
            offline: false,
            notice: None,
            place: None,
            reopen: None,
            handback: None,
            visits: VisitsState::default(),
        }
    }

    pub fn strings(&self) -> &'static Strings {
        self.settings.lang.strings()
    }

    pub fn go(&mut self, route: Route) {
        if route != self.route {
            self.history.push(self.route);
            self.route = route;
        }
        self.notice = None;
    }

    /// Back one screen; a screen reached from the bottom bar goes back to the manifests.
    pub fn back(&mut self) {
        self.route = self.history.pop().unwrap_or(Route::Manifests);
        self.notice = None;
    }

    /// Jumps to a top-level screen, forgetting the stack (the bottom bar).
    pub fn top(&mut self, route: Route) {
        self.history.clear();
        self.route = route;
        self.notice = None;
    }

    pub fn enrolled(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.enrolled)
    }

    /// Whether the BA must be counted before the courier records on it.
    pub fn needs_count(&self, manifest: ManifestId) -> bool {
        self.cards
            .iter()
            .flatten()
            .any(|card| card.id == manifest && card.needs_count)
    }

    /// `manifest`'s deliveries flagged back by the office, as last read.
    pub fn redo(&self, manifest: ManifestId) -> &[RedoItem] {
        match &self.redo {
            Some((id, redo)) if *id == manifest => redo,
            _ => &[],
        }
    }

    /// The item of the open manifest, if that is the one asked for.
    pub fn item(&self, manifest: ManifestId, item: ItemId) -> Option<&ManifestItem> {
        self.manifest
            .as_ref()
            .filter(|m| m.id == manifest)
            .and_then(|m| m.item(item))
    }

    fn info(&mut self, text: String) {
        self.notice = Some(Notice {
            kind: NoticeKind::Info,
            text,
        });
    }

    fn error(&mut self, text: String) {
        self.notice = Some(Notice {
            kind: NoticeKind::Error,
            text,
        });
    }

    /// Folds one answer of the device into what the screens show.
    pub fn apply(&mut self, update: Update) {
        let t = self.strings();
        match update {
            Update::Status(status) => {
                if !status.enrolled && self.route == Route::Manifests && self.history.is_empty() {
                    self.route = Route::Enroll;
                }
                self.status = Some(status);
            }
            Update::Cards(cards) => self.cards = Some(cards),
            Update::Manifest(manifest) => self.manifest = Some(*manifest),
            Update::Redo(manifest, redo) => self.redo = Some((manifest, redo)),
            Update::Receipts(receipts) => self.receipts = receipts,
            Update::Enrolled { courier_name } => {
                self.busy = None;
                self.offline = false;
                self.top(Route::Manifests);
                self.info(fill(t.enroll_done, &[("name", &courier_name)]));
            }
            Update::Pulled(report) => {
                self.busy = None;
                self.offline = false;
                let mut text = fill(
                    t.manifests_pulled,
                    &[
                        ("new", &report.manifests_new.to_string()),
                        ("updated", &report.manifests_updated.to_string()),
                    ],
                );
                if report.visits_new + report.visits_updated > 0 {
                    text.push(' ');
                    text.push_str(&fill(
                        t.visits().visits_pulled,
                        &[
                            ("new", &report.visits_new.to_string()),
                            ("updated", &report.visits_updated.to_string()),
                        ],
                    ));
                }
                self.info(text);
                self.reopen = self.manifest.as_ref().map(|m| m.id);
                self.visits.stale = true;
            }
            Update::Place { item_id, verdict } => self.place = Some((item_id, verdict)),
            Update::Visit(update) => self.apply_visit(update),
            Update::Recorded(_) => {
                self.busy = None;
                self.place = None;
                let open = self.manifest.as_ref().map(|m| m.id);
                // Back to the list, where the next document waits.
                self.back();
                if matches!(self.route, Route::Item(..)) {
                    self.back();
                }
                self.info(t.attempt_saved.to_owned());
                self.reopen = open;
            }
            Update::Counted(counted) => {
                self.busy = None;
                let open = self.manifest.as_ref().map(|m| m.id);
                // Counted now: the next tap on "Catat pengantaran" goes straight to the
                // attempt, before the device's fresh cards arrive.
                for card in self.cards.iter_mut().flatten() {
                    if Some(card.id) == open {
                        card.needs_count = false;
                    }
                }
                self.back();
                let total = counted.counted as usize + counted.missing;
                self.info(fill(
                    t.custody().count_saved,
                    &[
                        ("n", &counted.counted.to_string()),
                        ("total", &total.to_string()),
                    ],
                ));
                self.reopen = open;
            }
            Update::ReturnCandidates(manifest, found) => self.handback = Some((manifest, found)),
            Update::Returned(returned) => {
                self.busy = None;
                self.handback = None;
                let open = self.manifest.as_ref().map(|m| m.id);
                self.back();
                self.info(fill(
                    t.custody().return_saved,
                    &[
                        ("n", &returned.listed.to_string()),
                        ("counted", &returned.counted.to_string()),
                    ],
                ));
                self.reopen = open;
            }
            Update::SyncStarted { automatic } => {
                self.sync.running = true;
                self.sync.progress = None;
                if !automatic {
                    self.busy = Some(Action::Sync);
                }
            }
            Update::SyncProgress(progress) => self.sync.progress = Some(progress),
            Update::RetryAt(at) => self.sync.next_try = Some(at),
            Update::Synced { report, automatic } => {
                self.sync = SyncState {
                    running: false,
                    progress: None,
                    last_report: Some(report),
                    last_error: None,
                    next_try: None,
                };
                self.offline = false;
                if !automatic {
                    self.busy = None;
                    self.info(fill(
                        t.sync_done,
                        &[
                            ("events", &report.events_sent.to_string()),
                            ("photos", &report.photos_sent.to_string()),
                            ("receipts", &report.receipts_stored.to_string()),
                        ],
                    ));
                }
            }
            Update::OfficeUrlSaved => {
                self.busy = None;
                self.info(t.settings_office_saved.to_owned());
            }
            Update::Failed {
                action,
                error,
                automatic,
            } => {
                let text = t.error(&error);
                if matches!(error, antar_device::DeviceError::Offline { .. }) {
                    self.offline = true;
                }
                if action == Action::Sync {
                    self.sync.running = false;
                    self.sync.progress = None;
                    self.sync.last_error = Some(text.clone());
                }
                let invalid = matches!(error, antar_device::DeviceError::Invalid(_));
                if action == Action::WalkIn && self.walk_in_refused(text.clone(), invalid) {
                    return;
                }
                // An automatic sync failing without signal is expected: the banner says
                // it, a pop-up every 20 s would not help.
                if !automatic {
                    self.busy = None;
                    self.error(text);
                }
            }
        }
    }
}

/// Everything a screen needs: the state, the device, the platform.
#[derive(Clone, Copy)]
pub struct App {
    pub state: Signal<AppState>,
    device: Signal<Option<DeviceHandle>>,
    pub platform: Signal<std::rc::Rc<dyn Platform>>,
}

impl App {
    pub fn provide(
        state: AppState,
        device: Option<DeviceHandle>,
        platform: std::rc::Rc<dyn Platform>,
    ) -> App {
        let app = App {
            state: Signal::new(state),
            device: Signal::new(device),
            platform: Signal::new(platform),
        };
        provide_context(app)
    }

    /// Sends a command; `busy` marks the screen's button until the answer.
    pub fn send(mut self, command: Command, busy: Option<Action>) {
        if busy.is_some() {
            self.state.write().busy = busy;
        }
        match &*self.device.read() {
            Some(device) => device.send(command),
            None => tracing::warn!("no device: command dropped"),
        }
    }

    pub fn go(mut self, route: Route) {
        let opens = match route {
            Route::Manifest(id)
            | Route::Item(id, _)
            | Route::Attempt(id, ..)
            | Route::Count(id)
            | Route::Return(id)
            | Route::VisitHandover(_, id) => Some(id),
            _ => None,
        };
        let open_now = self.state.read().manifest.as_ref().map(|m| m.id);
        if let Some(id) = opens.filter(|id| open_now != Some(*id)) {
            self.send(Command::OpenManifest(id), None);
        }
        if let Route::Visit(visit) = route {
            self.open_visit(visit);
        }
        if let Route::Return(manifest) = route {
            self.state.write().handback = None;
            self.send(Command::OpenReturn(manifest), None);
        }
        if let Route::VisitHandover(..) = route {
            self.state.write().visits.handover_errors = None;
        }
        self.state.write().go(route);
    }

    pub fn back(mut self) {
        self.state.write().back();
    }

    /// Asks for a visit's people; another visit than the last one starts with no search.
    fn open_visit(mut self, visit: VisitId) {
        let mut state = self.state.write();
        if state
            .visits
            .people
            .as_ref()
            .is_some_and(|p| p.visit != visit)
        {
            state.visits.query.clear();
            state.visits.only_not_met = false;
            state.visits.people = None;
        }
        let command = state.visits.people_command(visit);
        drop(state);
        self.send(command, None);
    }

    /// Searches the open visit's people again, as the screen's search box and filter say.
    pub fn search_people(mut self, visit: VisitId, query: String, only_not_met: bool) {
        let mut state = self.state.write();
        state.visits.query = query;
        state.visits.only_not_met = only_not_met;
        let command = state.visits.people_command(visit);
        drop(state);
        self.send(command, None);
    }

    pub fn top(mut self, route: Route) {
        self.state.write().top(route);
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").finish_non_exhaustive()
    }
}

pub fn use_app() -> App {
    use_context::<App>()
}
