//! The thread that talks to the office: enrolling, downloading, sending the outbox — asked
//! for or on its own, backing off while there is no signal. It holds its own connection to
//! the phone's store, so a stalled upload blocks nothing but itself.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use antar_device::Device;

use super::{Action, AutoSync, Command, Outlet, Update};

/// What the network thread is asked to do.
#[derive(Debug)]
pub(super) enum NetworkJob {
    Command(Command),
    /// Something was just recorded: try to send it now rather than at the next retry.
    SendSoon,
}

pub(super) struct NetworkWorker {
    device: Device,
    outlet: Outlet,
    auto: AutoSync,
    retry_after: Duration,
    next_auto: Instant,
}

impl NetworkWorker {
    pub(super) fn new(device: Device, outlet: Outlet, auto: AutoSync) -> Self {
        Self {
            device,
            outlet,
            auto,
            retry_after: auto.first_retry,
            // At start, at once: a courier opening the app where there is signal wants what
            // waits sent now, not in 20 s.
            next_auto: Instant::now(),
        }
    }

    pub(super) fn run(mut self, inbox: mpsc::Receiver<NetworkJob>) {
        loop {
            let wait = self.next_auto.saturating_duration_since(Instant::now());
            match inbox.recv_timeout(wait) {
                Ok(NetworkJob::Command(Command::Sync)) => {
                    // "Kirim sekarang" pressed again, or during an automatic try, waits its
                    // turn here: the presses queued meanwhile make one round.
                    self.take_queued(&inbox);
                    self.sync(false);
                }
                Ok(NetworkJob::Command(command)) => self.handle(command),
                Ok(NetworkJob::SendSoon) => {
                    // Several recordings while a sync ran ask once: the next round takes
                    // them all.
                    if self.take_queued(&inbox) {
                        self.sync(false);
                    } else {
                        self.auto_sync();
                    }
                }
                Err(RecvTimeoutError::Timeout) => self.auto_sync(),
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if self.outlet.is_closed() {
                return;
            }
        }
    }

    /// Handles the commands waiting in `inbox` and drops the requests to send that came with
    /// them, which the round about to start answers; says whether one was a press of "Kirim
    /// sekarang".
    fn take_queued(&mut self, inbox: &mpsc::Receiver<NetworkJob>) -> bool {
        let mut pressed = false;
        while let Ok(job) = inbox.try_recv() {
            match job {
                NetworkJob::Command(Command::Sync) => pressed = true,
                NetworkJob::Command(command) => self.handle(command),
                NetworkJob::SendSoon => {}
            }
        }
        pressed
    }

    fn refresh(&self) {
        self.outlet.refresh(&self.device);
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Enroll { office_url, code } => {
                let label = device_label();
                match self.device.enroll(&office_url, &code, &label) {
                    Ok(enrolled) => {
                        self.outlet.emit(Update::Enrolled {
                            courier_name: enrolled.courier.name,
                        });
                        // Enrolled phones want their manifests at once.
                        self.handle(Command::Pull);
                    }
                    Err(error) => self.outlet.fail(Action::Enroll, error, false),
                }
                self.refresh();
            }
            Command::Pull => {
                match self.device.pull() {
                    Ok(report) => self.outlet.emit(Update::Pulled(report)),
                    Err(error) => self.outlet.fail(Action::Pull, error, false),
                }
                self.refresh();
            }
            Command::Sync => self.sync(false),
            Command::RetryRejected => {
                match self.device.retry_rejected() {
                    Ok(_) => self.sync(false),
                    Err(error) => self.outlet.fail(Action::Sync, error, false),
                }
                self.refresh();
            }
            Command::SetOfficeUrl(url) => {
                match self.device.set_office_url(&url) {
                    Ok(()) => self.outlet.emit(Update::OfficeUrlSaved),
                    Err(error) => self.outlet.fail(Action::Settings, error, false),
                }
                self.refresh();
            }
            other => {
                // `Command::needs_network` sends nothing else here.
                tracing::warn!(?other, "a phone-only command reached the network thread");
            }
        }
    }

    fn sync(&mut self, automatic: bool) {
        self.outlet.emit(Update::SyncStarted { automatic });
        let outlet = self.outlet.clone();
        let result = self.device.sync_with_progress(|progress| {
            outlet.emit(Update::SyncProgress(progress));
        });
        match result {
            Ok(report) => {
                self.retry_after = self.auto.first_retry;
                self.outlet.emit(Update::Synced { report, automatic });
            }
            Err(error) => {
                self.retry_after = (self.retry_after * 2).min(self.auto.max_retry);
                self.outlet.fail(Action::Sync, error, automatic);
            }
        }
        self.schedule_auto(self.retry_after);
        if self.something_to_send() {
            let wait = chrono::Duration::from_std(self.retry_after).unwrap_or_default();
            self.outlet.emit(Update::RetryAt(chrono::Utc::now() + wait));
        }
        self.refresh();
    }

    fn auto_sync(&mut self) {
        if self.something_to_send() {
            self.sync(true);
        } else {
            self.schedule_auto(self.auto.first_retry);
        }
    }

    fn something_to_send(&self) -> bool {
        self.device
            .status()
            .map(|s| s.enrolled && (s.outbox.photos > 0 || s.outbox.events > s.outbox.rejected))
            .unwrap_or(false)
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
