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
    /// Pulls as from an office that knows no visits: the visits are asked for at a route no
    /// office has, which answers as an office from before the recording teams did.
    pub fn pull_from_an_office_without_visits_for_tests(&mut self) -> Result<crate::PullReport> {
        let enrollment = self.enrollment()?;
        let mut office = client::Office::new(&enrollment.office_url, Some(enrollment.token))?;
        let courier = enrollment.courier.id.to_string();
        let result = crate::pull::pull_from(
            &mut self.store,
            &mut office,
            &courier,
            "/visits-unknown-to-older-offices",
        );
        self.finish(&office, result)
    }

    /// Stores a manifest as if downloaded, for tests and tools that have no office.
    pub fn import_manifest_for_tests(&mut self, manifest: &Manifest) -> Result<()> {
        let holder = manifest.courier.id.to_string();
        self.store.save_manifest(manifest, &holder).map(|_| ())
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

    /// Lets the 30-day retention run as if it were `now`, for tests.
    pub fn forget_delivered_as_of_for_tests(
        &mut self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<usize> {
        self.store.forget_delivered(now)
    }
}
