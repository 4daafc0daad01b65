//! The phone's two device threads: screens send [`Command`]s and hear back [`Update`]s, so
//! disk and network never block a frame. What stays on the phone (reading, recording, the
//! place check) runs on one thread; what talks to the office (enrolling, downloading,
//! sending, also on its own while something waits) runs on another, over its own SQLite
//! connection — so a sync stalled on a weak link never holds up a recording.

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use antar_device::{
    AttemptInput, Device, DeviceError, HandoverCountInput, ManifestCard, Progress, ProofOptions,
    PullReport, ReceiptLine, RecordedAttempt, RecordedCount, RecordedReturn, RedoItem,
    ReturnCandidate, ReturnInput, Status, SyncReport,
};
use antar_domain::attempt::GpsFix;
use antar_domain::ids::{ItemId, ManifestId};
use antar_domain::manifest::Manifest;
use antar_domain::place::PlaceVerdict;
use futures_channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};

use super::VisitUpdate;

mod network;
mod visits;
pub use visits::VisitCommand;

use network::{NetworkJob, NetworkWorker};

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

impl Command {
    /// Whether the command talks to the office, and so runs on the network thread. A new
    /// office address goes there too, so a sync asked for after it uses it.
    fn needs_network(&self) -> bool {
        matches!(
            self,
            Self::Enroll { .. }
                | Self::Pull
                | Self::Sync
                | Self::RetryRejected
                | Self::SetOfficeUrl(_)
        )
    }
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
    /// The open BA's deliveries flagged back by the office, still to do again.
    Redo(ManifestId, Vec<RedoItem>),
    /// The latest receipts, newest first (the 20 the send screen lists).
    Receipts(Vec<ReceiptLine>),
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
    /// A sync failed with something still to send: when the next automatic try starts.
    RetryAt(chrono::DateTime<chrono::Utc>),
    OfficeUrlSaved,
    Failed {
        action: Action,
        error: DeviceError,
        automatic: bool,
    },
}

/// How many of the latest receipts the send screen lists; the status counts them all.
const RECEIPTS_SHOWN: usize = 20;

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

/// The screens' handle on the two threads. Cloning is cheap; the threads stop when every
/// handle is dropped.
#[derive(Clone, Debug)]
pub struct DeviceHandle {
    local: mpsc::Sender<Command>,
    network: mpsc::Sender<NetworkJob>,
}

impl DeviceHandle {
    /// Opens the device in `data_dir` twice (one SQLite connection per thread; WAL lets a
    /// recording commit while a sync reads) and starts both threads. Updates arrive on the
    /// receiver, the first ones (status, cards) right away.
    pub fn start(
        data_dir: PathBuf,
        photo_options: ProofOptions,
        auto: AutoSync,
    ) -> Result<(Self, UnboundedReceiver<Update>), DeviceError> {
        let mut device = Device::open(&data_dir)?;
        device.set_photo_options(photo_options);
        let network_device = Device::open(&data_dir)?;
        let (local, local_inbox) = mpsc::channel();
        let (network, network_inbox) = mpsc::channel();
        let (updates, receiver) = unbounded();
        let outlet = Outlet(updates);
        let network_outlet = outlet.clone();
        thread::Builder::new()
            .name("antar-sync".into())
            .spawn(move || {
                NetworkWorker::new(network_device, network_outlet, auto).run(network_inbox)
            })
            .map_err(|e| DeviceError::Storage(format!("thread: {e}")))?;
        let to_network = network.clone();
        thread::Builder::new()
            .name("antar-device".into())
            .spawn(move || {
                Worker {
                    device,
                    outlet,
                    to_network,
                }
                .run(local_inbox)
            })
            .map_err(|e| DeviceError::Storage(format!("thread: {e}")))?;
        let handle = Self { local, network };
        handle.send(Command::Refresh);
        Ok((handle, receiver))
    }

    pub fn send(&self, command: Command) {
        let sent = if command.needs_network() {
            self.network.send(NetworkJob::Command(command)).is_ok()
        } else {
            self.local.send(command).is_ok()
        };
        // The threads outlive every screen; if one is gone the app is shutting down.
        if !sent {
            tracing::warn!("device worker stopped; command dropped");
        }
    }
}

/// Where both threads send their updates.
#[derive(Clone)]
struct Outlet(UnboundedSender<Update>);

impl Outlet {
    fn emit(&self, update: Update) {
        // A closed receiver means the window is gone; the threads notice and stop.
        let _ = self.0.unbounded_send(update);
    }

    fn is_closed(&self) -> bool {
        self.0.is_closed()
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

    /// Fresh status, manifest cards, visits and receipts, read through `device`.
    fn refresh(&self, device: &Device) {
        let result = (|| {
            self.emit(Update::Status(device.status()?));
            self.emit(Update::Cards(device.manifests()?));
            self.emit(Update::Visit(VisitUpdate::Cards(device.visits()?)));
            self.emit(Update::Receipts(device.receipt_lines(RECEIPTS_SHOWN)?));
            Ok::<_, DeviceError>(())
        })();
        if let Err(error) = result {
            self.fail(Action::Load, error, false);
        }
    }
}

/// The thread of what stays on the phone: it never waits for the network.
struct Worker {
    device: Device,
    outlet: Outlet,
    to_network: mpsc::Sender<NetworkJob>,
}

impl Worker {
    fn run(mut self, inbox: mpsc::Receiver<Command>) {
        while let Ok(command) = inbox.recv() {
            self.handle(command);
            if self.outlet.is_closed() {
                return;
            }
        }
    }

    fn emit(&self, update: Update) {
        self.outlet.emit(update);
    }

    fn fail(&self, action: Action, error: DeviceError, automatic: bool) {
        self.outlet.fail(action, error, automatic);
    }

    fn refresh(&self) {
        self.outlet.refresh(&self.device);
    }

    /// Something new waits in the outbox: the network thread tries to send it now; without
    /// signal its back-off takes over.
    fn send_soon(&self) {
        let _ = self.to_network.send(NetworkJob::SendSoon);
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Refresh => self.refresh(),
            Command::OpenManifest(id) => {
                match self.device.manifest(id) {
                    Ok(manifest) => self.emit(Update::Manifest(Box::new(manifest))),
                    Err(error) => self.fail(Action::Load, error, false),
                }
                match self.device.redo_items(id) {
                    Ok(redo) => self.emit(Update::Redo(id, redo)),
                    Err(error) => self.fail(Action::Load, error, false),
                }
            }
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
                        self.send_soon();
                    }
                    Err(error) => self.fail(Action::Record, error, false),
                }
                self.refresh();
            }
            Command::Count(input) => {
                match self.device.record_handover_count(input) {
                    Ok(counted) => {
                        self.emit(Update::Counted(counted));
                        self.send_soon();
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
                        self.send_soon();
                    }
                    Err(error) => self.fail(Action::Return, error, false),
                }
                self.refresh();
            }
            Command::Visit(command) => self.handle_visit(command),
            Command::SetPhotoOptions(options) => self.device.set_photo_options(options),
            // `DeviceHandle::send` routes these to the network thread.
            Command::Enroll { .. }
            | Command::Pull
            | Command::Sync
            | Command::RetryRejected
            | Command::SetOfficeUrl(_) => {
                let _ = self.to_network.send(NetworkJob::Command(command));
            }
        }
    }
}
