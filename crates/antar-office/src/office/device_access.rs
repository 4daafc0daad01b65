//! Which phone a bearer token is and what it still opens: the in-memory token cache (filled
//! from the store and refreshed, so a revoke made by the CLI reaches a running server), and
//! revoking phones and deactivating couriers on [`Office`].

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use antar_domain::access::{self, DeviceAccess};
use antar_domain::ids::{CourierId, DeviceId, Sha256Hash};
use chrono::{DateTime, Utc};

use crate::error::{OfficeError, OfficeResult};
use crate::office::Office;
use crate::secrets;
use crate::store::{CourierStore, DeviceAuth, DeviceInfo};

/// How many enrollments back a phone's lineage is followed.
const MAX_LINEAGE: usize = 64;

/// How stale the cache may be: a revoke typed at the CLI or made by another office process
/// takes effect within this long.
const REFRESH_AFTER: Duration = Duration::from_secs(1);

/// Token hash → device, so authenticating a request costs no database read but one a second.
#[derive(Debug)]
pub(crate) struct TokenCache {
    tokens: RwLock<HashMap<Sha256Hash, DeviceAuth>>,
    loaded: Mutex<Instant>,
}

impl TokenCache {
    pub(crate) fn load(store: &dyn CourierStore) -> OfficeResult<Self> {
        Ok(Self {
            tokens: RwLock::new(store.device_auths()?.into_iter().collect()),
            loaded: Mutex::new(Instant::now()),
        })
    }

    /// Re-reads every token from the store. The map stays write-locked while it reads, so a
    /// phone enrolled meanwhile (stored, then inserted here) is never dropped by a read made
    /// before its row existed.
    fn refresh(&self, store: &dyn CourierStore) {
        let mut tokens = self.tokens.write().unwrap_or_else(PoisonError::into_inner);
        match store.device_auths() {
            Ok(fresh) => *tokens = fresh.into_iter().collect(),
            // Storage trouble: the last known tokens serve until it is back (/health says so).
            Err(error) => tracing::warn!(%error, "daftar token perangkat tidak dapat dibaca ulang"),
        }
    }

    fn refresh_if_stale(&self, store: &dyn CourierStore, after: Duration) {
        // One request refreshes; the others go on with the map as it is.
        let Ok(mut loaded) = self.loaded.try_lock() else {
            return;
        };
        if loaded.elapsed() >= after {
            self.refresh(store);
            *loaded = Instant::now();
        }
    }

    fn get(&self, hash: &Sha256Hash) -> Option<DeviceAuth> {
        self.tokens
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(hash)
            .copied()
    }

    pub(crate) fn insert(&self, hash: Sha256Hash, auth: DeviceAuth) {
        self.tokens
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(hash, auth);
    }

    /// The device `id`, revoked or not.
    fn device(&self, id: DeviceId) -> Option<DeviceAuth> {
        self.tokens
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .find(|auth| auth.device_id == id)
            .copied()
    }

    fn any(&self, mut test: impl FnMut(&DeviceAuth) -> bool) -> bool {
        self.tokens
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .any(&mut test)
    }
}

/// A phone's status as staff read it (web and CLI), times in WIB.
pub fn describe_access(access: DeviceAccess, now: DateTime<Utc>) -> String {
    let wib = |at: DateTime<Utc>| crate::web::strings::local_time(&at);
    match access {
        DeviceAccess::Active => "aktif".to_owned(),
        DeviceAccess::Revoked {
            revoked_at,
            uploads_until,
        } if access.may_upload(now) => format!(
            "dicabut {}; catatan lama masih diterima sampai {}",
            wib(revoked_at),
            wib(uploads_until)
        ),
        DeviceAccess::Revoked { revoked_at, .. } => {
            format!("dicabut {}; tidak menerima apa pun lagi", wib(revoked_at))
        }
    }
}

impl Office {
    /// The device a bearer token belongs to, revoked or not (the caller decides what a
    /// revoked phone may still do).
    pub(crate) fn authenticate(&self, token: &str) -> Option<DeviceAuth> {
        let cache = self.token_cache();
        cache.refresh_if_stale(self.store(), REFRESH_AFTER);
        let hash = secrets::token_hash(token);
        cache.get(&hash).or_else(|| {
            // A phone enrolled through another office process (behind the same load balancer)
            // a moment ago is known at once, not told to enroll again. An unknown token costs
            // one indexed read, as any request does; tokens are 256 bits, not to be guessed.
            match self.store().device_auth(&hash) {
                Ok(found) => {
                    let auth = found?;
                    cache.insert(hash, auth);
                    Some(auth)
                }
                Err(error) => {
                    tracing::warn!(%error, "token perangkat tidak dapat dibaca");
                    None
                }
            }
        })
    }

    /// The courier whose work an event recorded on `recorded_on` is, when `sender` may send
    /// it: its own, one of the same courier's phones, or an earlier enrollment of this very
    /// phone (its lineage: a phone handed to another courier sends the first courier's unsent
    /// events with its new token). `None` for any other phone's events.
    pub(crate) fn recording_courier(
        &self,
        sender: &DeviceAuth,
        recorded_on: DeviceId,
    ) -> Option<CourierId> {
        if recorded_on == sender.device_id
            || self.is_couriers_device(sender.courier_id, recorded_on)
        {
            return Some(sender.courier_id);
        }
        let cache = self.token_cache();
        let mut previous = sender.previous;
        // A lineage is a phone's enrollments one after the other; a cycle cannot be made
        // (each names one that existed before it), the bound only keeps a broken row harmless.
        for _ in 0..MAX_LINEAGE {
            let earlier = cache.device(previous?)?;
            if earlier.device_id == recorded_on {
                return Some(earlier.courier_id);
            }
            previous = earlier.previous;
        }
        None
    }

    /// The sender's courier, then the couriers of the phone's earlier enrollments.
    pub(crate) fn lineage_couriers(&self, sender: &DeviceAuth) -> Vec<CourierId> {
        let cache = self.token_cache();
        let mut couriers = vec![sender.courier_id];
        let mut previous = sender.previous;
        for _ in 0..MAX_LINEAGE {
            let Some(earlier) = previous.and_then(|id| cache.device(id)) else {
                break;
            };
            if !couriers.contains(&earlier.courier_id) {
                couriers.push(earlier.courier_id);
            }
            previous = earlier.previous;
        }
        couriers
    }

    /// Whether `device` is one of `courier`'s phones (enrolled now or before, revoked or not).
    /// A phone enrolled again (a new code, so a new device id) still holds events recorded
    /// under its earlier id; they are the same courier's and must still be accepted, or they
    /// would never leave its outbox.
    pub(crate) fn is_couriers_device(&self, courier: CourierId, device: DeviceId) -> bool {
        self.token_cache()
            .any(|auth| auth.device_id == device && auth.courier_id == courier)
    }

    /// The phones of one courier, or of all.
    pub fn devices(&self, courier: Option<CourierId>) -> OfficeResult<Vec<DeviceInfo>> {
        self.store().devices(courier).map_err(Into::into)
    }

    /// Keeps a phone's report of what it still holds unsent.
    pub(crate) fn keep_device_status(
        &self,
        device: DeviceId,
        status: antar_domain::wire::DeviceStatus,
    ) -> OfficeResult<()> {
        self.store()
            .keep_device_status(device, status, chrono::Utc::now())
            .map_err(Into::into)
    }

    /// Revokes a phone: from now on it reads nothing; with `with_grace` it may still upload
    /// what it recorded for [`REVOKED_UPLOAD_GRACE_DAYS`](antar_domain::access::REVOKED_UPLOAD_GRACE_DAYS).
    /// Revoking a revoked phone changes nothing.
    pub fn revoke_device(&self, id: DeviceId, with_grace: bool) -> OfficeResult<DeviceInfo> {
        let now = Utc::now();
        let device = self
            .store()
            .revoke_device(id, now, access::uploads_until(now, with_grace))?
            .ok_or_else(|| OfficeError::UnknownDevice(id.to_string()))?;
        self.token_cache().refresh(self.store());
        tracing::info!(device = %id, with_grace, "perangkat dicabut");
        Ok(device)
    }

    /// Ends a revoked phone's upload grace now.
    pub fn end_device_uploads(&self, id: DeviceId) -> OfficeResult<DeviceInfo> {
        let device = self
            .store()
            .end_device_uploads(id, Utc::now())?
            .ok_or_else(|| OfficeError::UnknownDevice(id.to_string()))?;
        self.token_cache().refresh(self.store());
        tracing::info!(device = %id, "masa unggah perangkat dicabut diakhiri");
        Ok(device)
    }

    /// Deactivates a courier (left the job): revokes its phones (with the upload grace when
    /// `with_grace`), expires its unused codes, and refuses new codes and BAs for it. Returns
    /// how many phones this revoked.
    pub fn deactivate_courier(&self, id: CourierId, with_grace: bool) -> OfficeResult<usize> {
        let now = Utc::now();
        let revoked = self
            .store()
            .deactivate_courier(id, now, access::uploads_until(now, with_grace))?
            .ok_or_else(|| OfficeError::UnknownCourier(id.to_string()))?;
        self.token_cache().refresh(self.store());
        tracing::info!(courier = %id, revoked, with_grace, "kurir dinonaktifkan");
        Ok(revoked)
    }
}
