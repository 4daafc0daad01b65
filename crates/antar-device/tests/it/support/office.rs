//! A real office on 127.0.0.1 for the device's integration tests: the sample list imported,
//! one courier and one BA for kecamatan Kota Agung; it can be stopped and started again on
//! the same address, as a crashed and restarted office would be.

use std::net::SocketAddr;
use std::path::Path;

use antar_domain::field_role::FieldRole;
use antar_domain::region::RegionCode;
use antar_office::{ManifestRequest, Office, RunningOffice};
use chrono::NaiveDate;

pub struct Fixture {
    pub runtime: tokio::runtime::Runtime,
    office: Option<RunningOffice>,
    addr: SocketAddr,
    pub url: String,
    pub code: String,
    office_dir: tempfile::TempDir,
}

impl Fixture {
    pub fn start() -> Self {
        Self::start_in(tempfile::tempdir().unwrap())
    }

    /// [`Fixture::start`] with the office's data in `office_dir` (e.g. a small file system).
    pub fn start_in(office_dir: tempfile::TempDir) -> Self {
        Self::start_with(office_dir, &["18.06.01"])
    }

    /// An office whose one BA holds the sample's documents of these kecamatan.
    pub fn start_with(office_dir: tempfile::TempDir, kecamatan: &[&str]) -> Self {
        let code = {
            let office = Office::open(office_dir.path()).unwrap();
            let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../data/samples/prr_tanggamus_500.csv");
            office.import_path(&sample).unwrap();
            let (courier, code) = office
                .add_courier("Budi Santoso", None, FieldRole::Both)
                .unwrap();
            office
                .issue_manifest(ManifestRequest {
                    courier,
                    officer: "Petugas Uji".to_owned(),
                    officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
                    kecamatan: kecamatan
                        .iter()
                        .map(|code| RegionCode::parse(code).unwrap())
                        .collect(),
                    desa: vec![],
                    issued_on: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
                })
                .unwrap();
            code.to_string()
        };
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let office = runtime
            .block_on(antar_office::spawn(office_dir.path(), "127.0.0.1:0"))
            .unwrap();
        let addr = office.addr;
        Self {
            runtime,
            office: Some(office),
            addr,
            url: format!("http://{addr}"),
            code,
            office_dir,
        }
    }

    pub fn office(&self) -> &Office {
        self.office.as_ref().unwrap().office()
    }

    pub fn office_dir(&self) -> &Path {
        self.office_dir.path()
    }

    /// Stops the office, lets `meanwhile` change its data folder as a crash would have left
    /// it, and starts it again on the same address.
    pub fn restart(&mut self, meanwhile: impl FnOnce(&Path)) {
        if let Some(office) = self.office.take() {
            self.runtime.block_on(office.stop());
        }
        meanwhile(self.office_dir.path());
        let office = self
            .runtime
            .block_on(antar_office::spawn(
                self.office_dir.path(),
                &self.addr.to_string(),
            ))
            .unwrap();
        self.office = Some(office);
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(office) = self.office.take() {
            self.runtime.block_on(office.stop());
        }
    }
}
