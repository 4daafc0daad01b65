//! [`Office`]: one data directory (database + photo files) and the operations on it, shared
//! by the CLI, the HTTP handlers and tests. Cheap to clone.

mod attention;
pub(crate) use attention::Attention;
pub(crate) mod backup;
pub(crate) mod copy_to_postgres;
pub(crate) mod database;
pub(crate) mod device_access;
mod followup;
mod permissions;
mod reports;
mod returns;
mod review;
mod sessions;
mod staff;
mod visit_report;
mod visit_settle;
mod visits;

pub(crate) use followup::{FollowUpContact, FollowUpLogged};
pub(crate) use permissions::Perm;
pub use review::Reviewed;
pub use visit_report::VisitReportRow;
pub use visit_settle::PersonRef;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use antar_domain::access::DeviceAccess;
use antar_domain::contact::Phone;
use antar_domain::field_role::{Duty, FieldRole};
use antar_domain::glossary;
use antar_domain::ids::{CourierId, DeviceId, ManifestId, Sha256Hash};
use antar_domain::manifest::Manifest;
use antar_domain::nip::Nip;
use antar_domain::region::{RegionCode, Registry};
use antar_domain::wire::{EnrollResponse, PhotoStatus};
use axum::http::HeaderValue;
use chrono::{Duration, Utc};

use crate::error::{OfficeError, OfficeResult};
use crate::guess_limit::{GuessLimit, SignInLimits};
use crate::health::{Area, StorageProblem};
use crate::import::{self, ImportReport};
use crate::ingest::IngestQueue;
use crate::photos::{ChunkAccepted, ChunkRefusal, PhotoFiles, Reconciled};
use crate::secrets::{self, EnrollmentCode};
use crate::store::{
    CourierInfo, CourierRefusal, DeviceAuth, EventResult, IncomingEvent, ManifestInfo,
    ManifestRefusal, ManifestRequest, ManifestScope, NewDevice, OfficeStore, Report, Store,
    StoredAttempt, Submission,
};
pub use database::Database;
use device_access::TokenCache;

/// Longest officer name, courier name or device label we keep.
const MAX_NAME_CHARS: usize = 100;

/// The office: its database, photo files and the authentication cache.
#[derive(Clone, Debug)]
pub struct Office {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    data_dir: PathBuf,
    store: Box<dyn OfficeStore>,
    ingest: IngestQueue,
    photos: PhotoFiles,
    /// Token hash → device (see [`TokenCache`]).
    tokens: TokenCache,
    /// The rule on wrong enrollment codes (the failures are in the store).
    guesses: GuessLimit,
    /// The rules on wrong staff passwords, per account and per password (ditto).
    staff_guesses: SignInLimits,
    /// Which copy of the data this is, as sent on every API answer.
    data_copy: HeaderValue,
}

/// What came of an enrollment.
#[derive(Debug)]
pub(crate) enum Enrollment {
    Enrolled(EnrollResponse),
    /// The code is wrong, used or expired (one answer for all three).
    Refused,
    /// Too many wrong codes lately: try again after this long.
    Paused(std::time::Duration),
}

/// Lets only the office's own account into its data folder: the database and the photos
/// hold every citizen's NIK, name, address and doorstep photo (UU 27/2022), and a folder made
/// under the usual umask 022 is readable by every account on the machine. Failing to
/// restrict it (a folder owned by another account) is logged, not fatal: the office must
/// still start.
pub(crate) fn restrict_to_owner(data_dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let restricted = std::fs::metadata(data_dir).and_then(|meta| {
            let mode = meta.permissions().mode();
            if mode & 0o077 != 0 {
                std::fs::set_permissions(data_dir, std::fs::Permissions::from_mode(mode & 0o700))?;
                // Said once, so an administrator who shared the folder on purpose knows why.
                tracing::info!(
                    was = format!("{:o}", mode & 0o777),
                    "office data folder made owner-only"
                );
            }
            Ok(())
        });
        if let Err(error) = restricted {
            tracing::warn!(%error, "the office's data folder stays open to other accounts");
        }
    }
    #[cfg(not(unix))]
    let _ = data_dir;
}

impl Office {
    /// Opens the office in `data_dir`, creating the directory, the database (migrated to the
    /// latest schema) and the photo folders on first use.
    pub fn open(data_dir: &Path) -> OfficeResult<Office> {
        Self::open_on(data_dir, &Database::Sqlite)
    }

    /// Opens the office with its records in `database` and its photos in `data_dir`.
    pub fn open_on(data_dir: &Path, database: &Database) -> OfficeResult<Office> {
        std::fs::create_dir_all(data_dir).map_err(|e| OfficeError::io(data_dir, e))?;
        restrict_to_owner(data_dir);
        let store: Box<dyn OfficeStore> = Box::new(match database {
            Database::Sqlite => Store::open(&data_dir.join("office.sqlite"))?,
            Database::Postgres(url) => Store::open_postgres(url)?,
        });
        let photos = PhotoFiles::open(data_dir.join("photos"))?;
        let tokens = TokenCache::load(store.as_ref())?;
        let data_copy = HeaderValue::from_str(&store.data_copy()?)
            .map_err(|_| OfficeError::corrupt("data_copy"))?;
        Ok(Office {
            inner: Arc::new(Inner {
                data_dir: data_dir.to_owned(),
                store,
                ingest: IngestQueue::default(),
                photos,
                tokens,
                guesses: GuessLimit::default(),
                staff_guesses: SignInLimits::default(),
                data_copy,
            }),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// The store, for the office's own operations only: pages, the API and the command line
    /// go through [`Office`]'s methods, the one door (tests inside the crate may look in).
    #[cfg(not(test))]
    pub(in crate::office) fn store(&self) -> &dyn OfficeStore {
        self.inner.store.as_ref()
    }

    #[cfg(test)]
    pub(crate) fn store(&self) -> &dyn OfficeStore {
        self.inner.store.as_ref()
    }

    /// Imports a SIAK export (CSV or .xlsx); see [`ImportReport`].
    pub fn import_path(&self, path: &Path) -> OfficeResult<ImportReport> {
        import::import_path(self.store(), path)
    }

    /// Imports CSV text that is not in a file (e.g. the sample the demo carries).
    pub fn import_csv_bytes(&self, bytes: &[u8]) -> OfficeResult<ImportReport> {
        let table = import::Table::from_csv(bytes, import::Columns::Siak)?;
        import::import_table(self.store(), &table)
    }

    /// Imports a file uploaded through the web: a workbook when its name ends in .xlsx, .xls
    /// or .ods (or its bytes are a ZIP, as .xlsx files are), CSV otherwise.
    pub fn import_upload(&self, name: &str, bytes: Vec<u8>) -> OfficeResult<ImportReport> {
        let table = if import::is_workbook(name, &bytes) {
            import::Table::from_workbook_bytes(bytes, name, import::Columns::Siak)?
        } else {
            import::Table::from_csv(&bytes, import::Columns::Siak)?
        };
        import::import_table(self.store(), &table)
    }

    pub fn document_count(&self) -> OfficeResult<u64> {
        self.store().document_count().map_err(Into::into)
    }

    /// Adds a courier and returns its id and a one-time enrollment code for its phone.
    pub fn add_courier(
        &self,
        name: &str,
        phone: Option<&str>,
        role: FieldRole,
    ) -> OfficeResult<(CourierId, EnrollmentCode)> {
        let name = clean_name(name, "nama kurir")?;
        let phone = phone
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                Phone::parse(p)
                    .map(|p| p.as_str().to_owned())
                    .map_err(|e| OfficeError::InvalidRequest(format!("nomor HP kurir: {e}")))
            })
            .transpose()?;
        let id = CourierId::new_v7();
        let code = EnrollmentCode::generate();
        self.store().add_courier(
            id,
            &name,
            phone.as_deref(),
            role,
            &code.hash(),
            code_expiry(),
        )?;
        tracing::info!(courier = %id, role = role.code(), "kurir ditambahkan");
        Ok((id, code))
    }

    /// Changes what a field officer is enrolled to do, from their next BA or visit on.
    pub fn set_field_role(&self, courier: CourierId, role: FieldRole) -> OfficeResult<()> {
        self.store()
            .set_field_role(courier, role)?
            .map_err(|refusal| courier_refused(refusal, courier))?;
        tracing::info!(courier = %courier, role = role.code(), "peran petugas diubah");
        Ok(())
    }

    /// A new enrollment code for an existing courier (another phone, or the old code expired).
    pub fn new_enrollment_code(&self, courier: CourierId) -> OfficeResult<EnrollmentCode> {
        let code = EnrollmentCode::generate();
        self.store()
            .add_enrollment_code(courier, &code.hash(), code_expiry())?
            .map_err(|refusal| courier_refused(refusal, courier))?;
        Ok(code)
    }

    pub fn couriers(&self) -> OfficeResult<Vec<CourierInfo>> {
        self.store().couriers().map_err(Into::into)
    }

    /// Issues a BA Pengiriman for `request.courier` with every document of the chosen
    /// kecamatan and desa that is not already in an open manifest.
    pub fn issue_manifest(&self, request: ManifestRequest) -> OfficeResult<Manifest> {
        let mut request = request;
        request.officer = clean_name(&request.officer, "nama petugas")?;
        if request.kecamatan.is_empty() && request.desa.is_empty() {
            return Err(OfficeError::InvalidRequest(
                "pilih sedikitnya satu kecamatan atau desa untuk BA".to_owned(),
            ));
        }
        for code in &request.kecamatan {
            check_region(code, true)?;
        }
        for code in &request.desa {
            check_region(code, false)?;
        }
        let manifest = self
            .store()
            .issue_manifest(ManifestId::new_v7(), &request)?
            .map_err(|refusal| match refusal {
                ManifestRefusal::Courier(refusal) => courier_refused(refusal, request.courier),
                ManifestRefusal::NothingToDispatch => OfficeError::EmptySelection(
                    "semua dokumen di wilayah itu sudah ada di BA yang masih berjalan, \
                     atau belum ada dokumen yang diimpor untuk wilayah itu"
                        .to_owned(),
                ),
            })?;
        tracing::info!(
            manifest = %manifest.id,
            items = manifest.items.len(),
            "BA Pengiriman diterbitkan"
        );
        Ok(manifest)
    }

    /// All manifests with their counts, oldest first.
    pub fn manifests(&self) -> OfficeResult<Vec<ManifestInfo>> {
        self.store()
            .manifest_infos(ManifestScope::All)
            .map_err(Into::into)
    }

    /// A page of the manifests with their counts, newest first.
    pub(crate) fn manifest_page(
        &self,
        at: crate::store::PageAt<ManifestId>,
        limit: u64,
    ) -> OfficeResult<crate::store::Paged<ManifestInfo>> {
        self.store().manifest_page(at, limit).map_err(Into::into)
    }

    pub fn manifest(&self, id: ManifestId) -> OfficeResult<Option<Manifest>> {
        self.store().manifest(id, None).map_err(Into::into)
    }

    /// Cancels a BA issued by mistake (see `antar_domain::ba_cancel`): how many documents went
    /// back to the queue, or why not; `None` if there is no such BA.
    pub(crate) fn cancel_manifest(
        &self,
        id: ManifestId,
        reason: &str,
        by: &str,
    ) -> OfficeResult<Option<Result<u32, antar_domain::ba_cancel::CancelRefusal>>> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(OfficeError::InvalidRequest(
                "tulis alasan pembatalan BA".to_owned(),
            ));
        }
        self.store()
            .cancel_manifest(id, reason, by)
            .map_err(Into::into)
    }

    /// Who cancelled the BA, when and why; `None` if it stands.
    pub(crate) fn manifest_cancellation(
        &self,
        id: ManifestId,
    ) -> OfficeResult<Option<crate::store::Cancellation>> {
        self.store().manifest_cancellation(id).map_err(Into::into)
    }

    /// The number of the BA (Pengiriman or Pengembalian) with this id, if there is one.
    pub(crate) fn ba_number_of(&self, id: &str) -> OfficeResult<Option<String>> {
        self.store().ba_number_of(id).map_err(Into::into)
    }

    /// The id of the BA with this number (as printed), if there is one.
    pub(crate) fn manifest_id_by_number(&self, number: &str) -> OfficeResult<Option<ManifestId>> {
        self.store()
            .manifest_id_by_number(number)
            .map_err(Into::into)
    }

    /// The NIP the BA was issued with, for its signature block; `None` for BAs issued before
    /// NIPs were kept, whose paper leaves it to be written in by hand.
    pub fn signer_nip(&self, id: ManifestId) -> OfficeResult<Option<Nip>> {
        // A stored NIP that no longer reads as one is left to be written in, not printed.
        Ok(self
            .store()
            .signer_nip(id)?
            .and_then(|stored| Nip::parse(&stored).ok()))
    }

    /// The manifest with this BA number (as printed, e.g. `470/0001/BA-PENG/DUKCAPIL/XI/2026`).
    pub fn manifest_by_number(&self, number: &str) -> OfficeResult<Option<Manifest>> {
        match self.store().manifest_id_by_number(number)? {
            Some(id) => self.manifest(id),
            None => Ok(None),
        }
    }

    pub fn report(&self) -> OfficeResult<Report> {
        self.store().report().map_err(Into::into)
    }

    /// Every stored attempt in the order received.
    pub fn attempts(&self) -> OfficeResult<Vec<StoredAttempt>> {
        self.store().attempts().map_err(Into::into)
    }

    pub fn event_count(&self) -> OfficeResult<u64> {
        self.store().event_count().map_err(Into::into)
    }

    /// The file of a complete, verified photo.
    pub fn photo_path(&self, sha256: &Sha256Hash) -> Option<PathBuf> {
        self.inner.photos.complete_path(sha256)
    }

    // --- used by the HTTP API ---

    /// See `DATA_COPY_HEADER`.
    pub(crate) fn data_copy(&self) -> &HeaderValue {
        &self.inner.data_copy
    }

    /// `Err(wait)` while `name`'s account or the password tried is paused by wrong passwords
    /// (see [`SignInLimits`]); the web's sign-in asks before it verifies anything.
    pub(crate) fn sign_in_paused(
        &self,
        name: &str,
        password: &str,
    ) -> OfficeResult<Result<(), std::time::Duration>> {
        let limits = &self.inner.staff_guesses;
        Ok(limits.check(self.store(), name, password, Utc::now())?)
    }

    /// Counts a wrong password for `name`'s account and for the password.
    pub(crate) fn sign_in_failed(&self, name: &str, password: &str) -> OfficeResult<()> {
        let limits = &self.inner.staff_guesses;
        Ok(limits.failed(self.store(), name, password, Utc::now())?)
    }

    /// A right password ends the count of `name`'s account.
    pub(crate) fn sign_in_succeeded(&self, name: &str) -> OfficeResult<()> {
        let limits = &self.inner.staff_guesses;
        Ok(limits.succeeded(self.store(), name, Utc::now())?)
    }

    /// Finishes or forgets what a crash left of photo uploads (see `PhotoFiles::reconcile`);
    /// run by the serving process before it serves, never by a command beside it.
    pub(crate) fn reconcile_photos(&self) -> OfficeResult<Reconciled> {
        self.inner.photos.reconcile(self.store())
    }

    /// See [`Store::checkpoint`]; the WAL's length in pages before it.
    pub(crate) fn checkpoint(&self) -> OfficeResult<i64> {
        self.store().checkpoint().map_err(Into::into)
    }

    /// Spends an enrollment code as typed by a person: `Refused` if it is wrong, used or
    /// expired, `Paused` while too many wrong codes were tried (see [`GuessLimit`]).
    /// `previous_token` is the token the phone held until now, if it says so: the device it
    /// named becomes the new one's predecessor (see [`Office::recording_courier`]).
    pub(crate) fn enroll(
        &self,
        code: &str,
        label: &str,
        previous_token: Option<&str>,
    ) -> OfficeResult<Enrollment> {
        let tried = Utc::now();
        // A store that cannot say is an error, not a free guess.
        if let Err(wait) = self.inner.guesses.check(self.store(), tried)? {
            tracing::warn!(
                wait_s = wait.as_secs(),
                "pendaftaran ditahan: terlalu banyak kode salah"
            );
            return Ok(Enrollment::Paused(wait));
        }
        let refused = || {
            self.inner.guesses.failed(self.store(), tried)?;
            Ok(Enrollment::Refused)
        };
        let Some(code) = EnrollmentCode::parse(code) else {
            return refused();
        };
        let label: String = label.trim().chars().take(MAX_NAME_CHARS).collect();
        let device_id = DeviceId::new_v7();
        let token = secrets::new_token();
        let token_hash = secrets::token_hash(&token);
        let now = tried;
        // A token that names no device is no lineage; the enrollment itself still stands.
        let previous = previous_token
            .and_then(|token| self.authenticate(token))
            .map(|auth| auth.device_id);
        let new_device = NewDevice {
            id: device_id,
            label: &label,
            token_hash: &token_hash,
            previous,
        };
        let Some(courier) = self.store().enroll(&code.hash(), now, &new_device)? else {
            return refused();
        };
        self.inner.tokens.insert(
            token_hash,
            DeviceAuth {
                device_id,
                courier_id: courier.id,
                access: DeviceAccess::Active,
                previous,
            },
        );
        tracing::info!(device = %device_id, courier = %courier.id, "perangkat terdaftar");
        Ok(Enrollment::Enrolled(EnrollResponse {
            device_id,
            token,
            courier,
            office_time: now,
        }))
    }

    pub(crate) fn token_cache(&self) -> &TokenCache {
        &self.inner.tokens
    }

    pub(crate) fn courier_manifests(&self, courier: CourierId) -> OfficeResult<Vec<ManifestInfo>> {
        self.store()
            .manifest_infos(ManifestScope::Courier(courier))
            .map_err(Into::into)
    }

    pub(crate) fn courier_manifest(
        &self,
        courier: CourierId,
        id: ManifestId,
    ) -> OfficeResult<Option<Manifest>> {
        self.store().manifest(id, Some(courier)).map_err(Into::into)
    }

    /// The courier's BA as `device` downloads it — the phone's form (NIKs cut to their last 4
    /// digits) or the whole one — with the fingerprint of exactly that form kept, so proofs
    /// the phone records against it stay bound to the BA.
    pub(crate) fn manifest_for_phone(
        &self,
        courier: CourierId,
        device: DeviceId,
        id: ManifestId,
        phone_form: bool,
    ) -> OfficeResult<Option<Manifest>> {
        let Some(whole) = self.courier_manifest(courier, id)? else {
            return Ok(None);
        };
        let served = if phone_form {
            whole.phone_form()
        } else {
            whole
        };
        self.store()
            .keep_served_form(id, &served.content_hash(), device, Utc::now())?;
        Ok(Some(served))
    }

    /// Stores the events of one request (in one transaction with those of other requests
    /// arriving meanwhile); one result per event, in order.
    pub(crate) async fn record_events(
        &self,
        courier: CourierId,
        events: Vec<IncomingEvent>,
    ) -> OfficeResult<Vec<EventResult>> {
        let submission = Submission { courier, events };
        self.inner
            .ingest
            .record(self.inner.store.as_ref(), submission)
            .await
    }

    /// Whether an event the phone may send names the photo — one of its courier's, or of a
    /// courier of its earlier enrollments: a phone touches only those.
    pub(crate) fn photo_named_for(
        &self,
        sender: &DeviceAuth,
        sha256: &Sha256Hash,
    ) -> OfficeResult<bool> {
        for courier in self.lineage_couriers(sender) {
            if self.store().photo_named_by(courier, sha256)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(crate) fn photo_status(&self, sha256: &Sha256Hash) -> OfficeResult<PhotoStatus> {
        let status = self.inner.photos.status(self.store(), sha256);
        self.store().health().observe(Area::Photos, &status);
        status
    }

    /// What keeps the office from storing what it is sent, per place; empty when nothing
    /// does. Probes both places first when a probe is due (blocking: call off the runtime).
    pub(crate) fn storage_problems(&self) -> Vec<(Area, StorageProblem)> {
        let health = self.store().health();
        if health.probe_due(Instant::now()) {
            // Each write notes its own outcome in `health`.
            let _ = self.store().probe_write();
            let probed = self.inner.photos.probe_write();
            health.observe(Area::Photos, &probed);
        }
        health.problems()
    }

    pub(crate) fn receive_photo_chunk(
        &self,
        sha256: &Sha256Hash,
        offset: u64,
        total: u64,
        chunk: &[u8],
    ) -> OfficeResult<Result<ChunkAccepted, ChunkRefusal>> {
        let received = self
            .inner
            .photos
            .receive_chunk(self.store(), sha256, offset, total, chunk);
        self.store().health().observe(Area::Photos, &received);
        received
    }
}

/// How a refusal to write for `courier` reads.
pub(in crate::office) fn courier_refused(
    refusal: CourierRefusal,
    courier: CourierId,
) -> OfficeError {
    match refusal {
        CourierRefusal::Unknown => OfficeError::UnknownCourier(courier.to_string()),
        CourierRefusal::Deactivated => OfficeError::CourierDeactivated(courier.to_string()),
        CourierRefusal::WrongRole { name, role, duty } => OfficeError::WrongFieldRole {
            name,
            role: glossary::ID.field_role(role).to_lowercase(),
            refused: match duty {
                Duty::Deliver => "BA Pengiriman tidak bisa dibuat untuknya",
                Duty::Record => "tidak bisa masuk tim kunjungan keliling",
            },
        },
    }
}

fn code_expiry() -> chrono::DateTime<Utc> {
    Utc::now() + Duration::days(antar_domain::access::ENROLLMENT_CODE_VALID_DAYS)
}

pub(in crate::office) fn clean_name(name: &str, what: &str) -> OfficeResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(OfficeError::InvalidRequest(format!(
            "{what} tidak boleh kosong"
        )));
    }
    if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(OfficeError::InvalidRequest(format!(
            "{what} terlalu panjang (paling banyak {MAX_NAME_CHARS} karakter) atau memuat \
             karakter kontrol"
        )));
    }
    Ok(name.to_owned())
}

/// A BA may name whole kecamatan or single desa of Kabupaten Tanggamus.
pub(in crate::office) fn check_region(code: &RegionCode, want_kecamatan: bool) -> OfficeResult<()> {
    let registry = Registry::tanggamus();
    if registry.get(code).is_none() {
        return Err(OfficeError::InvalidRequest(format!(
            "kode wilayah {} tidak dikenal di Kabupaten Tanggamus",
            code.as_str()
        )));
    }
    let is_kecamatan = code.kecamatan().as_ref() == Some(code);
    let is_desa = !is_kecamatan && code.kecamatan().is_some();
    if want_kecamatan && !is_kecamatan {
        return Err(OfficeError::InvalidRequest(format!(
            "{} bukan kode kecamatan (contoh: 18.06.01)",
            code.as_str()
        )));
    }
    if !want_kecamatan && !is_desa {
        return Err(OfficeError::InvalidRequest(format!(
            "{} bukan kode desa/kelurahan (contoh: 18.06.01.2019)",
            code.as_str()
        )));
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn only_the_office_account_may_enter_its_data_folder() {
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let made = dir.path().join("baru");
        Office::open(&made).unwrap();
        assert_eq!(mode(&made), 0o700, "a folder the office made");

        let existing = dir.path().join("lama");
        std::fs::create_dir(&existing).unwrap();
        std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o775)).unwrap();
        Office::open(&existing).unwrap();
        assert_eq!(
            mode(&existing),
            0o700,
            "a folder open to the group and all before"
        );
    }
}
