//! Antar on the courier's phone, headless: the offline store (SQLite + photo folder), the
//! outbox of delivery attempts and of recording teams' visit events, and sync with the office. The app's screens call [`Device`]
//! and never speak HTTP or SQL themselves.
//!
//! Every method blocks (disk, network): call it from a background task. `Device` is `Send`.

mod attempt;
mod client;
mod clock;
mod count;
mod error;
mod handback;
mod model;
mod office_copy;
mod photo;
mod pull;
mod store;
mod sync;
mod visit;

use std::path::Path;

use antar_domain::attempt::GpsFix;
use antar_domain::ids::{ItemId, ManifestId, VisitId};
use antar_domain::manifest::Manifest;
use antar_domain::place::{PlaceIndex, PlacePolicy, PlaceVerdict};
use antar_domain::wire::{Event, Receipt};

pub use antar_photo::ProofOptions;
pub use clock::BootReading;
pub use error::{DeviceError, Result};
pub use model::{
    AttemptInput, Enrolled, FoundItem, LastContact, ManifestCard, OutboxSummary, Progress,
    PullReport, ReceiptLine, RecordAbout, RecordedAttempt, RedoItem, Status, SyncOptions,
    SyncReport,
};
pub use photo::preview as photo_preview;

pub use count::{HandoverCountInput, RecordedCount};
pub use handback::{RecordedReturn, ReturnCandidate, ReturnInput};
pub use store::PurgeReport;
pub use visit::{
    CollectiveHandoverInput, RecordedVisitEvent, VisitCard, VisitCheckinInput, VisitCounts,
    VisitOutcomeInput, VisitPersonInput, VisitTarget,
};

use client::Office;
use store::{Enrollment, Store};

/// The phone's side of Antar, over one data folder.
#[derive(Debug)]
pub struct Device {
    store: Store,
    options: SyncOptions,
    photo_options: ProofOptions,
}

impl Device {
    /// Opens (creating if needed) the data folder: `device.sqlite` and `photos/`. Safe after
    /// a crash: SQLite replays its WAL and half-written photos are never named by an event.
    pub fn open(dir: &Path) -> Result<Self> {
        Ok(Self {
            store: Store::open(dir)?,
            options: SyncOptions::default(),
            photo_options: ProofOptions::default(),
        })
    }

    pub fn data_dir(&self) -> &Path {
        self.store.dir()
    }

    pub fn set_sync_options(&mut self, options: SyncOptions) {
        self.options = options;
    }

    /// How proof photos are made from now on (size and byte budget): a courier on a weak
    /// link may want smaller ones.
    pub fn set_photo_options(&mut self, options: ProofOptions) {
        self.photo_options = options;
    }

    /// Points this enrolled phone at another address of its office; the address is checked
    /// like at enrollment, the token is kept.
    pub fn set_office_url(&mut self, office_url: &str) -> Result<()> {
        let url = client::normalize_url(office_url)?;
        if self.store.set_office_url(&url)? {
            Ok(())
        } else {
            Err(DeviceError::NotEnrolled)
        }
    }

    /// Enrolls this phone at the office with the code the office gave the courier. Manifests
    /// and the outbox already on the phone are kept.
    pub fn enroll(&mut self, office_url: &str, code: &str, device_label: &str) -> Result<Enrolled> {
        let mut office = self.connect(office_url, None)?;
        let result = pull::enroll(&mut self.store, &mut office, code, device_label);
        self.finish(&office, result)
    }

    /// Downloads the courier's manifests and the visits the courier is on; local attempts
    /// and outcomes are never overwritten.
    pub fn pull(&mut self) -> Result<PullReport> {
        let enrollment = self.enrollment()?;
        let mut office = self.connect(&enrollment.office_url, Some(enrollment.token))?;
        let courier = enrollment.courier.id.to_string();
        let result = pull::pull(&mut self.store, &mut office, &courier);
        let result = self.finish(&office, result);
        if result.as_ref().is_err_and(DeviceError::is_revoked) {
            self.learned_revoked()?;
        }
        result
    }

    /// The enrolled courier's manifests. A phone enrolled again for another courier keeps the
    /// earlier courier's (their attempts refer to them) but shows none of them: reading,
    /// searching and recording below see only the enrolled courier's BAs and documents.
    pub fn manifests(&self) -> Result<Vec<ManifestCard>> {
        self.store.manifest_cards()
    }

    /// A manifest with each item's local state.
    pub fn manifest(&self, id: ManifestId) -> Result<Manifest> {
        self.store.load_manifest(id)
    }

    /// The deliveries of `manifest` the office flagged back, with the reviewer's note, not yet
    /// attempted again on this phone (*perlu diulang*), in BA order.
    pub fn redo_items(&self, manifest: ManifestId) -> Result<Vec<RedoItem>> {
        self.store.redo_items(manifest)
    }

    /// Finds a manifest by its id or its printed BA number.
    pub fn resolve_manifest(&self, id_or_number: &str) -> Result<ManifestId> {
        self.store.resolve_manifest(id_or_number)
    }

    /// The item at a line of the printed BA list.
    pub fn item_at_line(&self, manifest: ManifestId, line: u32) -> Result<ItemId> {
        self.store.item_at_line(manifest, line)
    }

    /// Items whose owner's name contains `query` (any case), or whose NIK ends with `query`
    /// when it is all digits; an empty query lists everything.
    pub fn find_items(&self, query: &str) -> Result<Vec<FoundItem>> {
        self.store.find_items(query, None)
    }

    /// [`Device::find_items`] within one manifest.
    pub fn find_items_in(&self, manifest: ManifestId, query: &str) -> Result<Vec<FoundItem>> {
        self.store.find_items(query, Some(manifest))
    }

    /// Records an attempt offline. When this returns `Ok`, the attempt is committed to disk
    /// (and is in the outbox); the camera's photo file may then be deleted.
    pub fn record_attempt(&mut self, input: AttemptInput) -> Result<RecordedAttempt> {
        let enrollment = self.enrollment()?;
        attempt::record(&mut self.store, &enrollment, input, &self.photo_options)
    }

    /// The place verdict an attempt with `fix` would carry, to show before saving it.
    pub fn preview_place(&self, item_id: ItemId, fix: Option<&GpsFix>) -> Result<PlaceVerdict> {
        let (manifest_id, _) = self.store.item_state(item_id)?;
        let manifest = self.store.load_manifest(manifest_id)?;
        let item = manifest
            .item(item_id)
            .ok_or_else(|| DeviceError::not_found(format!("dokumen {item_id}")))?;
        Ok(PlaceIndex::tanggamus().verdict(fix, &item.address.desa, &PlacePolicy::default()))
    }

    /// The enrolled courier's visits, the latest day first, with their counts.
    pub fn visits(&self) -> Result<Vec<VisitCard>> {
        self.store.visit_cards()
    }

    /// Finds a visit by its id or its printed number.
    pub fn resolve_visit(&self, id_or_number: &str) -> Result<VisitId> {
        self.store.resolve_visit(id_or_number)
    }

    /// The people of a visit (the list's order, walk-ins last) whose name contains `query`
    /// (any case), or whose NIK ends with `query` when it is all digits; `only_not_met` keeps
    /// the listed people the team has not met yet.
    pub fn visit_targets(
        &self,
        visit: VisitId,
        query: &str,
        only_not_met: bool,
    ) -> Result<Vec<VisitTarget>> {
        self.store.visit_targets(visit, query, only_not_met)
    }

    /// Records the team's arrival at the venue, offline, with its activity photos.
    pub fn record_visit_checkin(&mut self, input: VisitCheckinInput) -> Result<RecordedVisitEvent> {
        let enrollment = self.enrollment()?;
        visit::checkin(&mut self.store, &enrollment, input, &self.photo_options)
    }

    /// Records what became of one person at a visit, offline. A later outcome for the same
    /// person corrects the earlier one on the list; both are sent.
    pub fn record_visit_outcome(&mut self, input: VisitOutcomeInput) -> Result<RecordedVisitEvent> {
        let enrollment = self.enrollment()?;
        visit::outcome(&mut self.store, &enrollment, input)
    }

    /// Records the courier's count of a BA's bundle at handover, offline; documents missing
    /// from it leave the courier's list in the same commit.
    pub fn record_handover_count(&mut self, input: HandoverCountInput) -> Result<RecordedCount> {
        let enrollment = self.enrollment()?;
        count::record(&mut self.store, &enrollment, input)
    }

    /// Records documents the courier hands back to the office, offline; they leave the
    /// courier's list in the same commit.
    pub fn record_return(&mut self, input: ReturnInput) -> Result<RecordedReturn> {
        let enrollment = self.enrollment()?;
        handback::record(&mut self.store, &enrollment, input)
    }

    /// The documents of a BA the courier may hand back, in BA order, each with the reason of
    /// its last failed attempt on this phone.
    pub fn return_candidates(&self, manifest: ManifestId) -> Result<Vec<ReturnCandidate>> {
        handback::candidates(&self.store, manifest)
    }

    /// Records cards of a visit's BA handed to an official of the pekon, offline; the cards
    /// become delivered on the phone in the same commit.
    pub fn record_collective_handover(
        &mut self,
        input: CollectiveHandoverInput,
    ) -> Result<RecordedVisitEvent> {
        let enrollment = self.enrollment()?;
        visit::handover(&mut self.store, &enrollment, input, &self.photo_options)
    }

    /// The place verdict a check-in with `fix` would carry, to show before saving it.
    pub fn preview_visit_place(
        &self,
        visit: VisitId,
        fix: Option<&GpsFix>,
    ) -> Result<PlaceVerdict> {
        Ok(visit::place_verdict(&self.store.visit_head(visit)?, fix))
    }

    pub fn outbox(&self) -> Result<OutboxSummary> {
        self.store.outbox_counts()
    }

    /// The office's receipts, oldest first: the courier's proof that attempts arrived.
    pub fn receipts(&self) -> Result<Vec<Receipt>> {
        self.store.receipts()
    }

    /// The `limit` latest receipts, newest first, each naming what its record was about.
    pub fn receipt_lines(&self, limit: usize) -> Result<Vec<ReceiptLine>> {
        self.store.receipt_lines(limit)
    }

    /// Every event the office has acknowledged, with its receipt, oldest first.
    pub fn acknowledged_events(&self) -> Result<Vec<(Event, Receipt)>> {
        self.store.acknowledged_events()
    }

    pub fn status(&self) -> Result<Status> {
        let enrollment = self.store.enrollment()?;
        Ok(Status {
            enrolled: enrollment.is_some(),
            office_url: enrollment.as_ref().map(|e| e.office_url.clone()),
            device_id: enrollment.as_ref().map(|e| e.device_id),
            courier_name: enrollment.map(|e| e.courier.name),
            last_contact: self.store.last_contact()?,
            outbox: self.store.outbox_counts()?,
            receipts: self.store.receipt_count()?,
            manifests: self.store.manifest_count()?,
            revoked: self.store.revoked_at()?.is_some(),
        })
    }

    /// Sends the outbox. With nothing pending it sends no request at all.
    pub fn sync(&mut self) -> Result<SyncReport> {
        self.sync_with_progress(|_| {})
    }

    pub fn sync_with_progress(&mut self, mut progress: impl FnMut(Progress)) -> Result<SyncReport> {
        if self.store.outbox_counts()?.is_empty() {
            self.store.remove_finished_visit_lists(today(), &[])?;
            self.store.forget_delivered(chrono::Utc::now())?;
            return Ok(SyncReport::default());
        }
        let mut office = self.office()?;
        let result = sync::run(&mut self.store, &mut office, self.options, &mut progress);
        // Receipts stored by a sync cut short count too: their visits' people may leave.
        let removed = self.store.remove_finished_visit_lists(today(), &[]);
        let result = self.finish(&office, result);
        match &result {
            // Refused even uploads: the grace is over. What is unsent stays.
            Err(error) if error.is_revoked() => {
                self.store.mark_revoked()?;
                self.store.purge_personal_data()?;
            }
            // A revoked phone within its grace: what was just acknowledged goes too.
            Ok(_) if self.store.revoked_at()?.is_some() => {
                self.store.purge_personal_data()?;
            }
            _ => {}
        }
        let report = result?;
        removed?;
        // Receipts just stored may be the last a delivered document waited for.
        self.store.forget_delivered(chrono::Utc::now())?;
        Ok(report)
    }

    /// The office said this phone is revoked: it first sends what waits (the office takes
    /// uploads during the grace staff gave), then removes the personal data it holds. What
    /// could not be sent stays on the phone: nothing recorded is lost.
    fn learned_revoked(&mut self) -> Result<PurgeReport> {
        let first_time = self.store.revoked_at()?.is_none();
        self.store.mark_revoked()?;
        if first_time {
            tracing::warn!("the office revoked this phone");
        }
        if !self.store.outbox_counts()?.is_empty() {
            let mut office = self.office()?;
            let sent = sync::run(&mut self.store, &mut office, self.options, &mut |_| {});
            if let Err(error) = self.finish(&office, sent) {
                tracing::warn!(%error, "a revoked phone could not send everything");
            }
        }
        self.store.purge_personal_data()
    }

    /// Puts events the office refused back in line for the next sync (after the office has
    /// fixed what made it refuse them). Returns how many.
    pub fn retry_rejected(&mut self) -> Result<usize> {
        self.store.clear_rejections()
    }

    fn enrollment(&self) -> Result<Enrollment> {
        self.store.enrollment()?.ok_or(DeviceError::NotEnrolled)
    }

    fn office(&self) -> Result<Office> {
        let enrollment = self.enrollment()?;
        self.connect(&enrollment.office_url, Some(enrollment.token))
    }

    /// A client for the office, knowing what the office last said it reads.
    fn connect(&self, office_url: &str, token: Option<String>) -> Result<Office> {
        let mut office = Office::new(office_url, token)?;
        office.gzip = self.options.gzip;
        office.takes_gzip = self.store.office_takes_gzip()?;
        Ok(office)
    }

    /// Remembers when the office last answered and whether it reads gzip bodies, even when
    /// the operation failed halfway; the operation's own error comes first.
    fn finish<T>(&mut self, office: &Office, result: Result<T>) -> Result<T> {
        let saved = match office.last_contact {
            Some(contact) => self.store.save_last_contact(contact),
            None => Ok(()),
        };
        let saved = match office.takes_gzip {
            Some(takes) => saved.and_then(|()| self.store.set_office_takes_gzip(takes)),
            None => saved,
        };
        let value = result?;
        saved?;
        Ok(value)
    }
}

/// The phone's calendar day: a visit's day is over once the phone's date has passed it.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(any(test, feature = "test-utils"))]
mod test_doors;

#[cfg(test)]
#[path = "../tests/it/support/mod.rs"]
mod support;

#[cfg(test)]
mod tests;
