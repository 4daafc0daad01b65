//! The one thread that owns the phone's [`Device`]: screens send it [`Command`]s and hear
//! back [`Update`]s, so disk and network never block a frame. It also syncs on its own while
//! something waits in the outbox, so attempts reach the office as soon as it answers again.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use antar_device::{
    AttemptInput, Device, DeviceError, HandoverCountInput, ManifestCard, Progress, ProofOptions,
    PullReport, RecordedAttempt, RecordedCount, RecordedReturn, ReturnCandidate, ReturnInput,
    Status, SyncReport,
};
use antar_domain::attempt::GpsFix;
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::manifest::Manifest;
use antar_domain::place::PlaceVerdict;
use antar_domain::wire::Receipt;
use futures_channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};

use super::VisitUpdate;

mod visits;
pub use visits::VisitCommand;

/// What a screen asks of the device.
#[derive(Debug)]
pub enum Command {
    /// Re-read status, manifest cards and receipts.
    Refresh,
    Enroll {
        office_url: String,
        code: String,
    },
    Pull,
    OpenManifest(ManifestId),
    PreviewPlace {
        item_id: ItemId,
        fix: Option<GpsFix>,
    },
    Record(AttemptInput),
    /// The courier's count of a BA's bundle at handover.
    Count(HandoverCountInput),
    /// The documents of a BA the courier may hand back.
    OpenReturn(ManifestId),
    /// Documents handed back to the office.
    Return(ReturnInput),
    /// The recording teams' visits.
    Visit(VisitCommand),
    Sync,
    RetryRejected,
    SetOfficeUrl(String),
    SetPhotoOptions(ProofOptions),
}

/// Which action an error belongs to, so the screen that asked can show it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    Load,
    Enroll,
    Pull,
    Record,
    /// The count of a BA's bundle.
    Count,
    /// Documents handed back.
    Return,
    /// A visit's check-in.
    Checkin,
    /// A listed person's outcome (or a walk-in's, corrected).
    VisitOutcome,
    /// A walk-in typed in: its NIK may be refused.
    WalkIn,
    /// A visit's collective handover to the aparat pekon.
    Handover,
    Sync,
    Settings,
}

/// What the device answers; each carries fresh data for the screens.
#[derive(Debug)]
pub enum Update {
    Status(Status),
    Cards(Vec<ManifestCard>),
    Manifest(Box<Manifest>),
    Receipts(Vec<Receipt>),
    Enrolled {
        courier_name: String,
    },
    Pulled(PullReport),
    Place {
        item_id: ItemId,
        verdict: PlaceVerdict,
    },
    Recorded(RecordedAttempt),
    Counted(RecordedCount),
    ReturnCandidates(ManifestId, Vec<ReturnCandidate>),
    Returned(RecordedReturn),
    Visit(VisitUpdate),
    SyncStarted {
        automatic: bool,
    },
    SyncProgress(Progress),
    Synced {
        report: SyncReport,
        automatic: bool,
    },
    OfficeUrlSaved,
    Failed {
        action: Action,
        error: DeviceError,
        automatic: bool,
    },
}

/// How often the worker tries to empty a non-empty outbox on its own.
#[derive(Clone, Copy, Debug)]
pub struct AutoSync {
    pub first_retry: Duration,
    pub max_retry: Duration,
}

impl Default for AutoSync {
    fn default() -> Self {
        // Short first, then backing off: a courier walking out of a dead spot gets the
        // outbox through within seconds, while hours without signal cost little battery.
        Self {
            first_retry: Duration::from_secs(20),
            max_retry: Duration::from_secs(10 * 60),
        }
    }
}

/// The screens' handle on the worker. Cloning is cheap; the worker stops when every handle
/// is dropped.
#[derive(Clone, Debug)]
pub struct DeviceHandle {
    commands: mpsc::Sender<Command>,
}

impl DeviceHandle {
    /// Opens the device in `data_dir` on a new thread. Updates arrive on the receiver, the
    /// first ones (status, cards) right away.
    pub fn start(
        data_dir: PathBuf,
        photo_options: ProofOptions,
        auto: AutoSync,
    ) -> Result<(Self, UnboundedReceiver<Update>), DeviceError> {
        let mut device = Device::open(&data_dir)?;
        device.set_photo_options(photo_options);
        let (commands, inbox) = mpsc::channel();
        let (updates, receiver) = unbounded();
        thread::Builder::new()
            .name("antar-device".into())
            .spawn(move || Worker::new(device, updates, auto).run(inbox))
            .map_err(|e| DeviceError::Storage(format!("thread: {e}")))?;
        let handle = Self { commands };
        handle.send(Command::Refresh);
        Ok((handle, receiver))
    }

    pub fn send(&self, command: Command) {
        // The worker outlives every screen; if it is gone the app is shutting down.
        if self.commands.send(command).is_err() {
            tracing::warn!("device worker stopped; command dropped");
        }
    }
}

struct Worker {
    device: Device,
    updates: UnboundedSender<Update>,
    auto: AutoSync,
    retry_after: Duration,
    next_auto: Instant,
}

impl Worker {
    fn new(device: Device, updates: UnboundedSender<Update>, auto: AutoSync) -> Self {
        Self {
            device,
            updates,
            auto,
            retry_after: auto.first_retry,
            // At start, at once: a courier opening the app where there is signal wants what
            // waits sent now, not in 20 s.
            next_auto: Instant::now(),
        }
    }

    fn run(mut self, inbox: mpsc::Receiver<Command>) {
        loop {
            let wait = self.next_auto.saturating_duration_since(Instant::now());
            match inbox.recv_timeout(wait) {
                Ok(command) => self.handle(command),
                Err(RecvTimeoutError::Timeout) => self.auto_sync(),
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if self.updates.is_closed() {
                return;
            }
        }
    }

    fn emit(&self, update: Update) {
        // A closed receiver means the window is gone; `run` notices and stops.
        let _ = self.updates.unbounded_send(update);
    }

    fn fail(&self, action: Action, error: DeviceError, automatic: bool) {
        tracing::info!(
            ?action,
            transient = error.is_transient(),
            "device action failed"
        );
        self.emit(Update::Failed {
            action,
            error,
            automatic,
        });
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Refresh => self.refresh(),
            Command::Enroll { office_url, code } => {
                let label = device_label();
                match self.device.enroll(&office_url, &code, &label) {
                    Ok(enrolled) => {
                        self.emit(Update::Enrolled {
                            courier_name: enrolled.courier.name,
                        });
                        // Enrolled phones want their manifests at once.
                        self.handle(Command::Pull);
                    }
                    Err(error) => self.fail(Action::Enroll, error, false),
                }
                self.refresh();
            }
            Command::Pull => {
                match self.device.pull() {
                    Ok(report) => self.emit(Update::Pulled(report)),
                    Err(error) => self.fail(Action::Pull, error, false),
                }
                self.refresh();
            }
            Command::OpenManifest(id) => match self.device.manifest(id) {
                Ok(manifest) => self.emit(Update::Manifest(Box::new(manifest))),
                Err(error) => self.fail(Action::Load, error, false),
            },
            Command::PreviewPlace { item_id, fix } => {
                match self.device.preview_place(item_id, fix.as_ref()) {
                    Ok(verdict) => self.emit(Update::Place { item_id, verdict }),
                    Err(error) => self.fail(Action::Load, error, false),
                }
            }
            Command::Record(input) => {
                match self.device.record_attempt(input) {
                    Ok(recorded) => {
                        tracing::info!(seq = recorded.device_seq, "attempt recorded");
                        self.emit(Update::Recorded(recorded));
                        // Try to send at once; without signal the back-off takes over.
                        self.schedule_auto(Duration::ZERO);
                    }
                    Err(error) => self.fail(Action::Record, error, false),
                }
                self.refresh();
            }
            Command::Count(input) => {
                match self.device.record_handover_count(input) {
                    Ok(counted) => {
                        self.emit(Update::Counted(counted));
                        self.schedule_auto(Duration::ZERO);
                    }
                    Err(error) => self.fail(Action::Count, error, false),
                }
                self.refresh();
            }
            Command::OpenReturn(manifest) => match self.device.return_candidates(manifest) {
                Ok(found) => self.emit(Update::ReturnCandidates(manifest, found)),
                Err(error) => self.fail(Action::Load, error, false),
            },
            Command::Return(input) => {
                match self.device.record_return(input) {
                    Ok(returned) => {
                        self.emit(Update::Returned(returned));
                        self.schedule_auto(Duration::ZERO);
                    }
                    Err(error) => self.fail(Action::Return, error, false),
                }
                self.refresh();
            }
            Command::Visit(command) => self.handle_visit(command),
            Command::Sync => self.sync(false),
            Command::RetryRejected => {
                match self.device.retry_rejected() {
                    Ok(_) => self.sync(false),
                    Err(error) => self.fail(Action::Sync, error, false),
                }
                self.refresh();
            }
            Command::SetOfficeUrl(url) => {
                match self.device.set_office_url(&url) {
                    Ok(()) => self.emit(Update::OfficeUrlSaved),
                    Err(error) => self.fail(Action::Settings, error, false),
                }
                self.refresh();
            }
            Command::SetPhotoOptions(options) => self.device.set_photo_options(options),
        }
    }

    fn refresh(&self) {
        let result = (|| {
            self.emit(Update::Status(self.device.status()?));
            self.emit(Update::Cards(self.device.manifests()?));
            self.emit(Update::Visit(VisitUpdate::Cards(self.device.visits()?)));
            self.emit(Update::Receipts(self.device.receipts()?));
            Ok::<_, DeviceError>(())
        })();
        if let Err(error) = result {
            self.fail(Action::Load, error, false);
        }
    }

    fn sync(&mut self, automatic: bool) {
        self.emit(Update::SyncStarted { automatic });
        let updates = self.updates.clone();
        let result = self.device.sync_with_progress(|progress| {
            let _ = updates.unbounded_send(Update::SyncProgress(progress));
        });
        match result {
            Ok(report) => {
                self.retry_after = self.auto.first_retry;
                self.emit(Update::Synced { report, automatic });
            }
            Err(error) => {
                self.retry_after = (self.retry_after * 2).min(self.auto.max_retry);
                self.fail(Action::Sync, error, automatic);
            }
        }
        self.schedule_auto(self.retry_after);
        self.refresh();
    }

    fn auto_sync(&mut self) {
        let pending = self
            .device
            .status()
            .map(|s| s.enrolled && (s.outbox.photos > 0 || s.outbox.events > s.outbox.rejected))
            .unwrap_or(false);
        if pending {
            self.sync(true);
        } else {
            self.schedule_auto(self.auto.first_retry);
        }
    }

    fn schedule_auto(&mut self, after: Duration) {
        self.next_auto = Instant::now() + after;
    }
}

/// What the office's courier list shows for this phone; no personal data.
fn device_label() -> String {
    format!(
        "Antar {} ({})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}
