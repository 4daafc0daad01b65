//! Shared test scaffolding: an office with the 500-row sample in a temp dir, a real server on
//! 127.0.0.1:0 driven by a background tokio runtime, and a blocking ureq client.

// Test scaffolding: each test uses a different part, and a failed setup should panic loudly.
#![allow(dead_code, unreachable_pub)]

pub mod engine;
pub mod team;
pub mod visit_web;
pub mod web;

pub use engine::{database, open_office};

use std::path::{Path, PathBuf};

use antar_domain::attempt::{Attempt, FailureReason, Outcome};
use antar_domain::field_role::FieldRole;
use antar_domain::ids::{CourierId, DeviceId, EventId, ItemId, ManifestId, Sha256Hash};
use antar_domain::manifest::Manifest;
use antar_domain::region::RegionCode;
use antar_domain::wire::{ApiError, EnrollResponse, Event, EventBody, PROTOCOL_HEADER};
use antar_office::{EnrollmentCode, ManifestRequest, Office, RunningOffice};
use chrono::{NaiveDate, TimeZone, Utc};
use tempfile::TempDir;

pub const SAMPLE_500: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/samples/prr_tanggamus_500.csv"
);
pub const SAMPLE_BAD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/samples/prr_tanggamus_bad.csv"
);
pub const SAMPLE_TARGETS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/samples/keliling_targets_sample.csv"
);
pub const PHOTO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/photos/fallenleaf_2560x1600.jpg"
);

/// An answer, read completely.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {} body is not the expected JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// Asserts the answer is an `ApiError` with `status`, JSON and the protocol header.
    pub fn api_error(&self, status: u16) -> ApiError {
        assert_eq!(
            self.status,
            status,
            "body: {}",
            String::from_utf8_lossy(&self.body)
        );
        self.assert_protocol();
        let content_type = self.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("application/json"),
            "{content_type}"
        );
        self.json()
    }

    pub fn assert_protocol(&self) {
        assert_eq!(self.header(PROTOCOL_HEADER).as_deref(), Some("1"));
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A running office server over a temp data dir.
pub struct TestServer {
    pub dir: TempDir,
    pub rt: tokio::runtime::Runtime,
    pub running: Option<RunningOffice>,
    pub url: String,
    agent: ureq::Agent,
}

/// Runs the `antar-office` command line on the server's data folder (beside the running server).
pub fn office_cli(server: &TestServer, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_antar-office"))
        .arg("--data")
        .arg(server.data_dir())
        .args(engine::cli_database_args())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("start antar-office: {e}"))
}

impl TestServer {
    /// A server over a data dir that already holds the 500-row sample.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let office = open_office(dir.path());
        assert_eq!(
            office.import_path(Path::new(SAMPLE_500)).unwrap().imported,
            500
        );
        drop(office);
        Self::start_on(dir)
    }

    pub fn start_on(dir: TempDir) -> Self {
        Self::start_on_database(dir, &database())
    }

    /// A server over `dir` with its records in `database`, whatever this test's engine.
    pub fn start_on_database(dir: TempDir, database: &antar_office::Database) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let running = rt
            .block_on(antar_office::spawn_on(
                dir.path(),
                database,
                "127.0.0.1:0",
                antar_office::WebConfig::default(),
            ))
            .unwrap();
        let url = running.base_url();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Self {
            dir,
            rt,
            running: Some(running),
            url,
            agent,
        }
    }

    pub fn office(&self) -> &Office {
        self.running.as_ref().unwrap().office()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().to_owned()
    }

    /// Sends a request; `headers` come after the protocol header (pass a protocol header of
    /// your own with `raw_request`).
    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Reply {
        let mut all = vec![(PROTOCOL_HEADER, "1")];
        all.extend_from_slice(headers);
        let auth = token.map(|t| format!("Bearer {t}"));
        if let Some(auth) = &auth {
            all.push(("authorization", auth.as_str()));
        }
        self.raw_request(method, path, &all, body)
    }

    pub fn raw_request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Reply {
        let mut builder = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.url));
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let result = match body {
            Some(body) => self.agent.run(builder.body(body.to_vec()).unwrap()),
            None => self.agent.run(builder.body(()).unwrap()),
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .unwrap();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.request("GET", path, token, &[], None)
    }

    pub fn send_json<T: serde::Serialize>(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: &T,
    ) -> Reply {
        self.send_json_bytes(method, path, token, &serde_json::to_vec(body).unwrap())
    }

    /// JSON exactly as given (e.g. an event's canonical bytes, as a device sends them).
    pub fn send_json_bytes(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        bytes: &[u8],
    ) -> Reply {
        self.request(
            method,
            path,
            token,
            &[("content-type", "application/json")],
            Some(bytes),
        )
    }

    /// Sends `event` as its device does: PUT with its canonical bytes and `token`.
    pub fn put_event(&self, token: &str, event: &Event) -> Reply {
        self.send_json_bytes(
            "PUT",
            &event_path(event),
            Some(token),
            &event.canonical_bytes(),
        )
    }

    /// Sends the events as one batch, each in its canonical bytes (as a device sends them).
    pub fn post_batch<'e>(
        &self,
        token: &str,
        events: impl IntoIterator<Item = &'e Event>,
    ) -> Reply {
        let parts: Vec<String> = events
            .into_iter()
            .map(|e| String::from_utf8(e.canonical_bytes()).unwrap())
            .collect();
        let body = format!("{{\"events\":[{}]}}", parts.join(","));
        self.send_json_bytes("POST", "/api/v1/events/batch", Some(token), body.as_bytes())
    }

    pub fn enroll(&self, code: &EnrollmentCode) -> EnrollResponse {
        let reply = self.send_json(
            "POST",
            "/api/v1/enroll",
            None,
            &serde_json::json!({"code": code.display(), "device_label": "ponsel uji"}),
        );
        assert_eq!(reply.status, 201, "{}", reply.text());
        reply.json()
    }

    /// Stops the server and gives the data dir back (the database is closed by then).
    pub fn stop(mut self) -> TempDir {
        if let Some(running) = self.running.take() {
            self.rt.block_on(running.stop());
        }
        self.dir
    }
}

/// A courier with an enrolled device and a BA for one kecamatan.
pub struct Courier {
    pub id: CourierId,
    pub device: DeviceId,
    pub token: String,
    pub manifest: Manifest,
}

pub fn courier_with_manifest(server: &TestServer, name: &str, kecamatan: &str) -> Courier {
    let (id, code) = server
        .office()
        .add_courier(name, None, FieldRole::Courier)
        .unwrap();
    let manifest = server
        .office()
        .issue_manifest(ManifestRequest {
            courier: id,
            officer: "Petugas Uji".to_owned(),
            officer_nip: antar_domain::nip::Nip::parse("198504122010012003").unwrap(),
            kecamatan: vec![RegionCode::parse(kecamatan).unwrap()],
            desa: vec![],
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        })
        .unwrap();
    let enrolled = server.enroll(&code);
    assert_eq!(enrolled.courier.id, id);
    Courier {
        id,
        device: enrolled.device_id,
        token: enrolled.token,
        manifest,
    }
}

pub fn attempt_event(
    device: DeviceId,
    seq: u64,
    manifest: ManifestId,
    item: ItemId,
    outcome: Outcome,
) -> Event {
    Event {
        id: EventId::new_v7(),
        device_id: device,
        device_seq: seq,
        recorded_at: Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).unwrap(),
        since_contact: None,
        prev_sha256: None,
        body: EventBody::Attempt(Attempt {
            manifest_id: manifest,
            // Tests of the chain and the binding build their own; here any hash will do.
            manifest_sha256: Sha256Hash::of(b"not this manifest"),
            item_id: item,
            outcome,
            fix: None,
            place: None,
            photo: None,
            note: None,
        }),
    }
}

pub fn not_at_home() -> Outcome {
    Outcome::Failed {
        reason: FailureReason::NotAtHome,
    }
}

pub fn event_path(event: &Event) -> String {
    format!("/api/v1/events/{}", event.id)
}

/// Sends an attempt event of `courier` that names the photo, as a phone does before it
/// uploads the photo (the office takes only photos its courier's events name).
pub fn name_photo(server: &TestServer, courier: &Courier, hash: &Sha256Hash, bytes: u64) {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQ: AtomicU64 = AtomicU64::new(1_000);
    let seq = SEQ.fetch_add(1, Ordering::Relaxed);
    let item = courier.manifest.items[0].id;
    let mut event = attempt_event(
        courier.device,
        seq,
        courier.manifest.id,
        item,
        not_at_home(),
    );
    let EventBody::Attempt(attempt) = &mut event.body else {
        unreachable!("an attempt")
    };
    attempt.photo = Some(antar_domain::attempt::PhotoRef {
        sha256: *hash,
        bytes,
    });
    let reply = server.send_json_bytes(
        "PUT",
        &event_path(&event),
        Some(&courier.token),
        &event.canonical_bytes(),
    );
    assert!(matches!(reply.status, 200 | 201), "{}", reply.text());
}

/// `count` failed attempts of `courier`, each naming the one before and bound to its BA.
pub fn attempt_chain(courier: &Courier, count: usize) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let manifest_sha256 = courier.manifest.content_hash();
    for n in 0..count {
        let item = courier.manifest.items[n].id;
        let outcome = Outcome::Failed {
            reason: FailureReason::Other {
                note: antar_domain::attempt::Text::parse("catatan A").unwrap(),
            },
        };
        let mut event = attempt_event(
            courier.device,
            n as u64 + 1,
            courier.manifest.id,
            item,
            outcome,
        );
        set_manifest_hash(&mut event, manifest_sha256);
        event.prev_sha256 = events.last().map(Event::content_hash);
        events.push(event);
    }
    events
}

pub fn set_manifest_hash(event: &mut Event, hash: Sha256Hash) {
    let antar_domain::wire::EventBody::Attempt(attempt) = &mut event.body else {
        unreachable!("an attempt")
    };
    attempt.manifest_sha256 = hash;
}
