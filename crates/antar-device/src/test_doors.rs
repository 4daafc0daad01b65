//! Doors into a phone for tests and benchmarks only (feature `test-utils`): a manifest or a
//! visit without an office, an enrollment without one, the bearer token to call the office
//! directly.

use antar_domain::ids::DeviceId;
use antar_domain::manifest::{CourierRef, Manifest};
use antar_domain::wire::VisitSheet;

use crate::error::Result;
use crate::store::Enrollment;
use crate::{Device, client};

impl Device {
    /// Stores a manifest as if downloaded, for tests and tools that have no office.
    pub fn import_manifest_for_tests(&mut self, manifest: &Manifest) -> Result<()> {
        let raw = serde_json::to_string(manifest)?;
        let holder = manifest.courier.id.to_string();
        self.store
            .save_manifest(manifest, &raw, &holder)
            .map(|_| ())
    }

    /// Stores a visit as if downloaded for the enrolled courier, for tests and benchmarks.
    pub fn import_visit_for_tests(&mut self, sheet: &VisitSheet) -> Result<()> {
        let courier = self.enrollment()?.courier.id.to_string();
        self.store.save_visit(sheet, &courier).map(|_| ())
    }

    /// Enrolls without an office, for tests and tools.
    pub fn enroll_offline_for_tests(
        &mut self,
        office_url: &str,
        device_id: DeviceId,
        courier: CourierRef,
        token: &str,
    ) -> Result<()> {
        let enrollment = Enrollment {
            office_url: client::normalize_url(office_url)?,
            device_id,
            courier,
            token: token.to_owned(),
        };
        self.store.save_enrollment(&enrollment, "test")
    }

    /// The bearer token, for tests that talk to the office directly.
    pub fn token_for_tests(&self) -> Result<String> {
        Ok(self.enrollment()?.token)
    }
}
